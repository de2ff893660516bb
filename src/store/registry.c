/*
 * registry.c - the store's generic layer: picks the backend from the location, resolves the
 * default location (DESIGN.md §9), keeps transaction nesting, and dispatches every call
 * through the backend's `struct crk_store_ops` (curl's vtls.c shape). A new backend is one
 * file filling the ops and one row in pick_backend().
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "store/store_impl.h"
#include "base/banned.h"

int crk_store_default_location(const char *flag, char **out, struct crk_err *err)
{
	const char *v;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	*out = NULL;
	if (flag && *flag)
		v = flag;
	else if ((v = getenv("CRAKIT_DB")) && *v)
		;
	else
		v = NULL;
	if (v) {
		*out = crk_strdup(v);
		return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if ((v = getenv("XDG_DATA_HOME")) && v[0] == '/') /* XDG: relative values are ignored */
		crk_strbuf_addf(&sb, "%s/crakit/crakit.db", v);
	else if ((v = getenv("HOME")) && *v)
		crk_strbuf_addf(&sb, "%s/.local/share/crakit/crakit.db", v);
	else {
		crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
			    "no store location: none of --db, CRAKIT_DB, XDG_DATA_HOME, HOME is set");
		crk_err_hint(err, "give --db PATH or set CRAKIT_DB");
		return CRK_ENOTFOUND;
	}
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = crk_strbuf_detach(&sb, NULL);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

/* The backend serving `location`, and the part of the location it opens. */
static const struct crk_store_ops *pick_backend(const char *location, const char **rest,
						struct crk_err *err)
{
	if (strncmp(location, "postgresql://", 13) == 0 || strncmp(location, "postgres://", 11) == 0) {
		crk_err_set(err, CRK_EUNSUPPORTED, location, 0, 0,
			    "PostgreSQL stores are not supported in this build");
		crk_err_hint(err, "use a SQLite file: --db PATH (or set CRAKIT_DB to a path)");
		return NULL;
	}
	if (strncmp(location, "sqlite:", 7) == 0) {
		*rest = location + 7;
		return &crk_store__sqlite_ops;
	}
	*rest = location;
	return &crk_store__sqlite_ops;
}

int crk_store_open(struct crk_store **out, const char *location, unsigned flags,
		   struct crk_err *err)
{
	const struct crk_store_ops *ops;
	const char *rest = NULL;
	*out = NULL;
	if (!location || !*location)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "empty store location");
	ops = pick_backend(location, &rest, err);
	if (!ops)
		return CRK_EUNSUPPORTED;
	if (!*rest)
		return crk_err_set(err, CRK_EINVAL, location, 0, 0, "empty store path");
	return ops->open(out, rest, flags, err);
}

void crk_store_close(struct crk_store *s)
{
	if (s)
		s->ops->close(s);
}

const char *crk_store_backend(const struct crk_store *s)
{
	return s->ops->name;
}

const char *crk_store_location(const struct crk_store *s)
{
	return s->location;
}

int crk_store_schema_version(struct crk_store *s, int *applied, int *known, struct crk_err *err)
{
	return s->ops->schema_version(s, applied, known, err);
}

int crk_store_begin(struct crk_store *s, struct crk_err *err)
{
	int rc = s->ops->begin(s, err);
	if (rc == CRK_OK)
		s->depth++;
	return rc;
}

int crk_store_commit(struct crk_store *s, struct crk_err *err)
{
	int rc;
	if (s->depth <= 0)
		return crk_err_set(err, CRK_EINVAL, s->location, 0, 0, "commit outside a transaction");
	rc = s->ops->commit(s, err);
	if (rc == CRK_OK)
		s->depth--;
	return rc;
}

int crk_store_rollback(struct crk_store *s, struct crk_err *err)
{
	int rc;
	if (s->depth <= 0)
		return crk_err_set(err, CRK_EINVAL, s->location, 0, 0,
				   "rollback outside a transaction");
	rc = s->ops->rollback(s, err);
	s->depth--; /* the level is gone either way */
	return rc;
}

int crk_store_in_transaction(const struct crk_store *s)
{
	return s->depth;
}

int crk_store_optimize(struct crk_store *s, struct crk_err *err)
{
	int rc;
	if (s->depth)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "the store cannot be optimised inside a transaction");
	if (strcmp(s->ops->name, "sqlite") != 0)
		return CRK_OK;
	/* VACUUM builds the new file in a temporary database: on disk, not in memory (the store
	 * runs with temp_store=MEMORY, and a store of a gigabyte would take a gigabyte), */
	rc = s->ops->exec(s, "PRAGMA temp_store=FILE; PRAGMA mmap_size=0; PRAGMA cache_size=-4096",
			  err);
	if (rc == CRK_OK)
		rc = s->ops->exec(s, "VACUUM", err);
	/* and the old file read through a small page cache, not mapped whole into the process
	 * (VACUUM reads every page once) */
	(void)s->ops->exec(s,
			   "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
			   " PRAGMA cache_size=-65536",
			   NULL);
	return rc;
}

int crk_store_exec(struct crk_store *s, const char *sql, struct crk_err *err)
{
	return s->ops->exec(s, sql, err);
}

int crk_store_prepare(struct crk_store *s, struct crk_stmt **out, const char *sql,
		      struct crk_err *err)
{
	return s->ops->prepare(s, out, sql, err);
}

int crk_stmt_bind_text(struct crk_stmt *st, int i, const char *v, size_t n)
{
	if (!v)
		return st->ops->bind_null(st, i);
	if (n == (size_t)-1)
		n = strlen(v);
	return st->ops->bind_text(st, i, v, n);
}

int crk_stmt_bind_blob(struct crk_stmt *st, int i, const void *v, size_t n)
{
	if (!v)
		return st->ops->bind_null(st, i);
	return st->ops->bind_blob(st, i, v, n);
}

int crk_stmt_bind_int64(struct crk_stmt *st, int i, int64_t v)
{
	return st->ops->bind_int64(st, i, v);
}

int crk_stmt_bind_double(struct crk_stmt *st, int i, double v)
{
	return st->ops->bind_double(st, i, v);
}

int crk_stmt_bind_null(struct crk_stmt *st, int i)
{
	return st->ops->bind_null(st, i);
}

int crk_stmt_step(struct crk_stmt *st, struct crk_err *err)
{
	return st->ops->step(st, err);
}

const char *crk_stmt_text(struct crk_stmt *st, int col, size_t *len)
{
	return st->ops->col_text(st, col, len);
}

int64_t crk_stmt_int64(struct crk_stmt *st, int col)
{
	return st->ops->col_int64(st, col);
}

double crk_stmt_double(struct crk_stmt *st, int col)
{
	return st->ops->col_double(st, col);
}

int crk_stmt_is_null(struct crk_stmt *st, int col)
{
	return st->ops->col_is_null(st, col);
}

int crk_stmt_columns(struct crk_stmt *st)
{
	return st->ops->col_count(st);
}

void crk_stmt_reset(struct crk_stmt *st)
{
	if (st)
		st->ops->reset(st);
}

int64_t crk_store_changes(struct crk_store *s)
{
	return s->ops->changes(s);
}

int64_t crk_store_last_insert_id(struct crk_store *s)
{
	return s->ops->last_insert_id(s);
}

void *crk_store_native(struct crk_store *s, const char *backend)
{
	return s->ops->native(s, backend);
}

int crk_store_meta_get(struct crk_store *s, const char *key, char **out, struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	*out = NULL;
	rc = crk_store_prepare(s, &st, "SELECT value FROM meta WHERE key = ?", err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, key, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1) {
		size_t n;
		const char *v = crk_stmt_text(st, 0, &n);
		*out = crk_strndup(v ? v : "", n);
		rc = *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

int crk_store_meta_set(struct crk_store *s, const char *key, const char *value,
		       struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	if (value)
		rc = crk_store_prepare(s, &st,
				       "INSERT INTO meta(key, value) VALUES (?, ?) "
				       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				       err);
	else
		rc = crk_store_prepare(s, &st, "DELETE FROM meta WHERE key = ?", err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, key, (size_t)-1);
	if (value)
		crk_stmt_bind_text(st, 2, value, (size_t)-1);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}
