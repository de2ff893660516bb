/*
 * sqlite.c - the SQLite backend of the store (include/crakit/store.h).
 *
 * One file holds the whole store. On open: WAL journal (readers never wait for the writer),
 * synchronous=NORMAL (durable at each checkpoint, safe in WAL mode), foreign keys on, a busy
 * timeout so a second crakit waits for the first instead of failing, and an application id
 * ('CRKT') so another program's SQLite file is refused rather than written to.
 *
 * Migrations (src/store/sql/sqlite/NNNN-name.sql, embedded by scripts/embed-sql.sh) are applied
 * in number order, all in one IMMEDIATE transaction that re-checks `schema_version` first, so
 * two processes opening a fresh store at once apply each migration once, and a failed upgrade
 * leaves the store as it was. A database holding a
 * migration number this binary does not know is refused: it was written by a newer crakit and
 * this one would not know what its tables mean.
 *
 * Prepared statements are cached per connection keyed on their SQL text (SQLITE_PREPARE_
 * PERSISTENT), so the hot paths (import, lookup) prepare once.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "store/store_impl.h"
#include "base/banned.h"

#define APPLICATION_ID 0x43524b54 /* "CRKT" */
#define BUSY_TIMEOUT_MS 10000

#define RECENT 32 /* direct-mapped cache: SQL text address -> statement */

struct sq_stmt;

struct sq_store {
	struct crk_store base;
	sqlite3 *db;
	struct crk_map stmts; /* SQL text -> struct sq_stmt * */
	struct {
		const char *sql; /* the caller's pointer (usually a string literal) */
		struct sq_stmt *st;
	} recent[RECENT];
	int readonly;
};

struct sq_stmt {
	struct crk_stmt base;
	struct sq_store *owner;
	sqlite3_stmt *st;
	char *sql; /* the map key */
};

static struct sq_store *SQ(struct crk_store *s)
{
	return (struct sq_store *)s;
}

static struct sq_stmt *ST(struct crk_stmt *s)
{
	return (struct sq_stmt *)s;
}

static int status_of(int sqrc)
{
	switch (sqrc & 0xff) {
	case SQLITE_NOMEM:
		return CRK_ENOMEM;
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
	case SQLITE_ERROR:
		return CRK_EINVAL;
	default:
		return CRK_EIO;
	}
}

/* Fills err from the connection's last error. */
static int sq_fail(struct sq_store *s, int sqrc, const char *what, struct crk_err *err)
{
	int code = status_of(sqrc);
	crk_err_set(err, code, s->base.location, 0, 0, "%s: %s", what,
		    s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(sqrc));
	if ((sqrc & 0xff) == SQLITE_BUSY || (sqrc & 0xff) == SQLITE_LOCKED)
		crk_err_hint(err, "another crakit is writing this store; try again when it is done");
	else if ((sqrc & 0xff) == SQLITE_READONLY)
		crk_err_hint(err, "the store file or its directory is not writable");
	else if ((sqrc & 0xff) == SQLITE_CORRUPT || (sqrc & 0xff) == SQLITE_NOTADB)
		crk_err_hint(err, "the file is not an intact SQLite database; move it away and "
				  "run 'crakit db update' to rebuild the vulnerability database");
	else if ((sqrc & 0xff) == SQLITE_FULL)
		crk_err_hint(err, "the disk is full");
	return code;
}

static int sq_exec(struct crk_store *cs, const char *sql, struct crk_err *err)
{
	struct sq_store *s = SQ(cs);
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "SQL", err);
	return CRK_OK;
}

/* Resets every cached statement (before a rollback, and on close). */
static void reset_all(struct sq_store *s)
{
	size_t it = 0, kl;
	const char *k;
	void *v;
	while (crk_map_next(&s->stmts, &it, &k, &kl, &v))
		sqlite3_reset(((struct sq_stmt *)v)->st);
}

/* ---- migrations ---- */

static int known_max(void)
{
	int i, m = 0;
	for (i = 0; crk_sql_migrations[i].backend; i++)
		if (strcmp(crk_sql_migrations[i].backend, "sqlite") == 0 &&
		    crk_sql_migrations[i].number > m)
			m = crk_sql_migrations[i].number;
	return m;
}

static const struct crk_sql_migration *known_migration(int number)
{
	int i;
	for (i = 0; crk_sql_migrations[i].backend; i++)
		if (strcmp(crk_sql_migrations[i].backend, "sqlite") == 0 &&
		    crk_sql_migrations[i].number == number)
			return &crk_sql_migrations[i];
	return NULL;
}

/* 1 when the table exists. */
static int has_table(struct sq_store *s, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int pragma_int(struct sq_store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Refuses a database holding a migration this binary does not know; counts pending ones. */
static int check_versions(struct sq_store *s, int *pending, struct crk_err *err)
{
	sqlite3_stmt *st;
	int rc, i, applied_known = 0;
	*pending = 0;
	if (!has_table(s, "schema_version")) {
		for (i = 0; crk_sql_migrations[i].backend; i++)
			if (strcmp(crk_sql_migrations[i].backend, "sqlite") == 0)
				(*pending)++;
		return CRK_OK;
	}
	rc = sqlite3_prepare_v2(s->db, "SELECT version, name FROM schema_version ORDER BY version",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "reading schema_version", err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int v = sqlite3_column_int(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (!known_migration(v)) {
			crk_err_set(err, CRK_EUNSUPPORTED, s->base.location, 0, 0,
				    "the store was written by a newer crakit: it has schema migration "
				    "%04d (%s), this crakit knows migrations up to %04d",
				    v, name ? name : "?", known_max());
			crk_err_hint(err, "upgrade crakit, or use another store with --db PATH");
			sqlite3_finalize(st);
			return CRK_EUNSUPPORTED;
		}
		applied_known++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "reading schema_version", err);
	for (i = 0; crk_sql_migrations[i].backend; i++)
		if (strcmp(crk_sql_migrations[i].backend, "sqlite") == 0)
			(*pending)++;
	*pending -= applied_known;
	return CRK_OK;
}

/* Applies every pending migration in one IMMEDIATE transaction: a store is upgraded whole or
 * not at all, and a second process waiting on the lock then finds them applied. */
static int migrate(struct sq_store *s, struct crk_err *err)
{
	sqlite3_stmt *chk = NULL, *ins = NULL;
	int i, rc;
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "starting the schema migration", err);
	rc = sqlite3_exec(s->db,
			  "CREATE TABLE IF NOT EXISTS schema_version ("
			  " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
			  " applied_at INTEGER NOT NULL)",
			  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM schema_version WHERE version = ?", -1,
					&chk, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->db,
					"INSERT INTO schema_version(version, name, applied_at)"
					" VALUES (?, ?, ?)",
					-1, &ins, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	for (i = 0; crk_sql_migrations[i].backend; i++) {
		const struct crk_sql_migration *m = &crk_sql_migrations[i];
		int done;
		if (strcmp(m->backend, "sqlite") != 0)
			continue;
		sqlite3_reset(chk);
		sqlite3_bind_int(chk, 1, m->number);
		rc = sqlite3_step(chk);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto fail;
		done = rc == SQLITE_ROW;
		if (done)
			continue;
		rc = sqlite3_exec(s->db, m->sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			crk_err_set(err, CRK_EINTERNAL, s->base.location, 0, 0,
				    "schema migration %04d-%s failed: %s", m->number, m->name,
				    sqlite3_errmsg(s->db));
			sqlite3_finalize(chk);
			sqlite3_finalize(ins);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return CRK_EINTERNAL;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int(ins, 1, m->number);
		sqlite3_bind_text(ins, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 3, (sqlite3_int64)time(NULL));
		rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(chk);
	sqlite3_finalize(ins);
	chk = ins = NULL;
	rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	return CRK_OK;
fail:
	sq_fail(s, rc, "applying the schema migrations", err);
	sqlite3_finalize(chk);
	sqlite3_finalize(ins);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return status_of(rc);
}

/* ---- open / close ---- */

/* mkdir -p of the directory part of `path`. */
static int make_parents(const char *path, struct crk_err *err)
{
	char *p = crk_strdup(path), *q;
	if (!p)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			crk_err_set(err, CRK_EIO, p, 0, 0, "cannot create the store directory: %s",
				    strerror(e));
			crk_free(p);
			return CRK_EIO;
		}
		*q = '/';
	}
	crk_free(p);
	return CRK_OK;
}

static void sq_close(struct crk_store *cs)
{
	struct sq_store *s = SQ(cs);
	size_t it = 0, kl;
	const char *k;
	void *v;
	if (!s)
		return;
	while (crk_map_next(&s->stmts, &it, &k, &kl, &v)) {
		struct sq_stmt *st = v;
		sqlite3_finalize(st->st);
		crk_free(st->sql);
		crk_free(st);
	}
	crk_map_release(&s->stmts);
	if (s->db) {
		if (!s->readonly)
			sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(s->db);
	}
	crk_free(s->base.location);
	crk_free(s);
}

static int sq_open(struct crk_store **out, const char *path, unsigned flags, struct crk_err *err)
{
	struct sq_store *s;
	int memory = strcmp(path, ":memory:") == 0;
	int sqflags = SQLITE_OPEN_NOMUTEX, rc, appid = 0, ntables = 0, pending = 0;
	struct stat sb;

	*out = NULL;
	if (!memory && stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & CRK_STORE_CREATE)) {
			int e = errno;
			crk_err_set(err, e == ENOENT ? CRK_ENOTFOUND : CRK_EIO, path, 0, 0,
				    "cannot open the store: %s", strerror(e));
			if (e == ENOENT)
				crk_err_hint(err, "import advisories first: 'crakit db update "
						  "--ecosystem E' or 'crakit db import PATH'");
			return e == ENOENT ? CRK_ENOTFOUND : CRK_EIO;
		}
		rc = make_parents(path, err);
		if (rc)
			return rc;
	} else if (!memory && S_ISDIR(sb.st_mode)) {
		return crk_err_set(err, CRK_EINVAL, path, 0, 0,
				   "the store location is a directory, not a database file");
	}
	s = crk_calloc(1, sizeof(*s));
	if (!s)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	s->base.ops = &crk_store__sqlite_ops;
	s->base.flags = flags;
	crk_map_init(&s->stmts);
	s->base.location = crk_strdup(path);
	if (!s->base.location) {
		crk_free(s);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	/* A read-only caller still gets pending migrations applied when the file is writable
	 * (then the connection is made query_only); an unwritable file must be current. */
	if ((flags & CRK_STORE_READONLY) && !memory && access(path, W_OK) != 0) {
		s->readonly = 1;
		sqflags |= SQLITE_OPEN_READONLY;
	} else {
		sqflags |= SQLITE_OPEN_READWRITE;
		if (flags & CRK_STORE_CREATE)
			sqflags |= SQLITE_OPEN_CREATE;
	}
	rc = sqlite3_open_v2(path, &s->db, sqflags, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(s, rc, "cannot open the store", err);
		sq_close(&s->base);
		return CRK_EIO;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	rc = pragma_int(s, "PRAGMA application_id", &appid);
	if (rc == SQLITE_OK)
		rc = pragma_int(s, "SELECT count(*) FROM sqlite_master", &ntables);
	if (rc != SQLITE_OK) {
		sq_fail(s, rc, "cannot read the store", err);
		sq_close(&s->base);
		return status_of(rc);
	}
	if (appid != APPLICATION_ID && (appid != 0 || ntables > 0)) {
		crk_err_set(err, CRK_EINVAL, path, 0, 0,
			    "not a crakit store: a SQLite database of another program");
		crk_err_hint(err, "give the path of a crakit store, or a new file, with --db PATH");
		sq_close(&s->base);
		return CRK_EINVAL;
	}
	if (!s->readonly) {
		/* cache_size: an import's transaction stays in memory instead of spilling pages
		 * to the WAL and reading them back; mmap_size: lookups read the file mapped */
		const char *setup = memory ? "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
					     " PRAGMA cache_size=-65536"
					   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
					     " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
					     " PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456";
		if (appid == 0) {
			char sql[64];
			snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", APPLICATION_ID);
			rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
			if (rc != SQLITE_OK) {
				sq_fail(s, rc, "cannot initialise the store", err);
				sq_close(&s->base);
				return status_of(rc);
			}
		}
		rc = sqlite3_exec(s->db, setup, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			sq_fail(s, rc, "cannot configure the store", err);
			sq_close(&s->base);
			return status_of(rc);
		}
	} else {
		sqlite3_exec(s->db, "PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456", NULL, NULL,
			     NULL);
	}
	rc = check_versions(s, &pending, err);
	if (rc) {
		sq_close(&s->base);
		return rc;
	}
	if (pending) {
		if (s->readonly) {
			crk_err_set(err, CRK_EUNSUPPORTED, path, 0, 0,
				    "the store's schema is older than this crakit and the file is "
				    "not writable, so it cannot be upgraded");
			crk_err_hint(err, "run crakit once with write access to the store");
			sq_close(&s->base);
			return CRK_EUNSUPPORTED;
		}
		rc = migrate(s, err);
		if (rc) {
			sq_close(&s->base);
			return rc;
		}
	}
	if ((flags & CRK_STORE_READONLY) && !s->readonly) {
		sqlite3_exec(s->db, "PRAGMA query_only=ON", NULL, NULL, NULL);
		s->readonly = 1;
	}
	*out = &s->base;
	return CRK_OK;
}

/* ---- transactions ---- */

static int sq_begin(struct crk_store *cs, struct crk_err *err)
{
	struct sq_store *s = SQ(cs);
	char sql[48];
	if (cs->depth == 0)
		return sq_exec(cs, s->readonly ? "BEGIN" : "BEGIN IMMEDIATE", err);
	snprintf(sql, sizeof(sql), "SAVEPOINT crk_sp%d", cs->depth);
	return sq_exec(cs, sql, err);
}

static int sq_commit(struct crk_store *cs, struct crk_err *err)
{
	char sql[48];
	if (cs->depth == 1)
		return sq_exec(cs, "COMMIT", err);
	snprintf(sql, sizeof(sql), "RELEASE crk_sp%d", cs->depth - 1);
	return sq_exec(cs, sql, err);
}

static int sq_rollback(struct crk_store *cs, struct crk_err *err)
{
	struct sq_store *s = SQ(cs);
	char sql[80];
	reset_all(s);
	if (cs->depth == 1) {
		if (sqlite3_get_autocommit(s->db)) /* SQLite already rolled back (e.g. on IOERR) */
			return CRK_OK;
		return sq_exec(cs, "ROLLBACK", err);
	}
	snprintf(sql, sizeof(sql), "ROLLBACK TO crk_sp%d; RELEASE crk_sp%d", cs->depth - 1,
		 cs->depth - 1);
	return sq_exec(cs, sql, err);
}

/* ---- statements ---- */

static int sq_prepare(struct crk_store *cs, struct crk_stmt **out, const char *sql,
		      struct crk_err *err)
{
	struct sq_store *s = SQ(cs);
	size_t slot = ((uintptr_t)sql >> 3) % RECENT, n;
	struct sq_stmt *st = s->recent[slot].st;
	int rc;
	*out = NULL;
	/* hot paths prepare the same literal again and again: its address finds the statement
	 * without hashing the text (the text is still compared: an address may be reused) */
	if (st && s->recent[slot].sql == sql && strcmp(st->sql, sql) == 0) {
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
		*out = &st->base;
		return CRK_OK;
	}
	n = strlen(sql);
	st = crk_map_get(&s->stmts, sql, n);
	if (st) {
		s->recent[slot].sql = sql;
		s->recent[slot].st = st;
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
		*out = &st->base;
		return CRK_OK;
	}
	st = crk_calloc(1, sizeof(*st));
	if (!st || !(st->sql = crk_strndup(sql, n))) {
		crk_free(st);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	st->base.ops = &crk_store__sqlite_ops;
	st->owner = s;
	rc = sqlite3_prepare_v3(s->db, sql, (int)n, SQLITE_PREPARE_PERSISTENT, &st->st, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(s, rc, "preparing a statement", err);
		sqlite3_finalize(st->st);
		crk_free(st->sql);
		crk_free(st);
		return status_of(rc);
	}
	if (crk_map_put(&s->stmts, st->sql, n, st) != 0) {
		sqlite3_finalize(st->st);
		crk_free(st->sql);
		crk_free(st);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	s->recent[slot].sql = sql;
	s->recent[slot].st = st;
	*out = &st->base;
	return CRK_OK;
}

static int bind_rc(int rc)
{
	return rc == SQLITE_OK ? CRK_OK : status_of(rc);
}

static int sq_bind_text(struct crk_stmt *s, int i, const char *v, size_t n)
{
	return bind_rc(sqlite3_bind_text64(ST(s)->st, i, v, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_blob(struct crk_stmt *s, int i, const void *v, size_t n)
{
	return bind_rc(sqlite3_bind_blob64(ST(s)->st, i, v, n, SQLITE_TRANSIENT));
}

static int sq_bind_int64(struct crk_stmt *s, int i, int64_t v)
{
	return bind_rc(sqlite3_bind_int64(ST(s)->st, i, (sqlite3_int64)v));
}

static int sq_bind_double(struct crk_stmt *s, int i, double v)
{
	return bind_rc(sqlite3_bind_double(ST(s)->st, i, v));
}

static int sq_bind_null(struct crk_stmt *s, int i)
{
	return bind_rc(sqlite3_bind_null(ST(s)->st, i));
}

static int sq_step(struct crk_stmt *cs, struct crk_err *err)
{
	struct sq_stmt *st = ST(cs);
	int rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	sq_fail(st->owner, rc, "SQL", err);
	sqlite3_reset(st->st);
	return status_of(rc);
}

static const char *sq_col_text(struct crk_stmt *cs, int col, size_t *len)
{
	struct sq_stmt *st = ST(cs);
	const char *t = (const char *)sqlite3_column_text(st->st, col);
	if (len)
		*len = t ? (size_t)sqlite3_column_bytes(st->st, col) : 0;
	return t;
}

static int64_t sq_col_int64(struct crk_stmt *cs, int col)
{
	return (int64_t)sqlite3_column_int64(ST(cs)->st, col);
}

static double sq_col_double(struct crk_stmt *cs, int col)
{
	return sqlite3_column_double(ST(cs)->st, col);
}

static int sq_col_is_null(struct crk_stmt *cs, int col)
{
	return sqlite3_column_type(ST(cs)->st, col) == SQLITE_NULL;
}

static int sq_col_count(struct crk_stmt *cs)
{
	return sqlite3_column_count(ST(cs)->st);
}

static void sq_reset(struct crk_stmt *cs)
{
	sqlite3_reset(ST(cs)->st);
	sqlite3_clear_bindings(ST(cs)->st);
}

static int64_t sq_changes(struct crk_store *cs)
{
	return (int64_t)sqlite3_changes64(SQ(cs)->db);
}

static int64_t sq_last_insert_id(struct crk_store *cs)
{
	return (int64_t)sqlite3_last_insert_rowid(SQ(cs)->db);
}

static int sq_schema_version(struct crk_store *cs, int *applied, int *known, struct crk_err *err)
{
	struct sq_store *s = SQ(cs);
	int rc, v = 0;
	if (known)
		*known = known_max();
	if (applied) {
		*applied = 0;
		if (!has_table(s, "schema_version"))
			return CRK_OK;
		rc = pragma_int(s, "SELECT coalesce(max(version), 0) FROM schema_version", &v);
		if (rc != SQLITE_OK)
			return sq_fail(s, rc, "reading schema_version", err);
		*applied = v;
	}
	return CRK_OK;
}

static void *sq_native(struct crk_store *cs, const char *backend)
{
	return backend && strcmp(backend, "sqlite") == 0 ? SQ(cs)->db : NULL;
}

const struct crk_store_ops crk_store__sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_int64 = sq_col_int64,
	.col_double = sq_col_double,
	.col_is_null = sq_col_is_null,
	.col_count = sq_col_count,
	.reset = sq_reset,
	.changes = sq_changes,
	.last_insert_id = sq_last_insert_id,
	.schema_version = sq_schema_version,
	.native = sq_native,
};
