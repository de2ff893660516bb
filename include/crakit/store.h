/*
 * crakit/store.h - the store: where crakit keeps what it knows between runs (advisories, KEV,
 * EPSS, download state, and later VEX decisions, products, releases, reports, the audit log).
 *
 * One interface, several backends (DESIGN.md §3, STYLE.md §6): a backend fills one
 * `struct crk_store_ops`; src/store/registry.c picks it from the location:
 *   - a path (or "sqlite:PATH")   SQLite, the default (src/store/sqlite.c)
 *   - "postgresql://..."         PostgreSQL: not built yet; CRK_EUNSUPPORTED with a hint
 *
 * Schema: versioned migrations, src/store/sql/<backend>/NNNN-name.sql, embedded in the binary
 * and applied in number order on open (each in its own transaction). The `schema_version` table
 * records every applied number; a database holding a number this binary does not know was
 * written by a newer crakit and is refused (CRK_EUNSUPPORTED), never silently used. Number
 * ranges by area: 0001-0009 vulnerability database, 0010-0019 scan/VEX, 0020-0029 CRA
 * (cra.yaml, assessments, the audit log), 0030-0039 Art. 14 reports.
 *
 * SQL given to crk_store_exec()/crk_store_prepare() is the common subset of SQLite and
 * PostgreSQL: `?` placeholders (numbered from 1), no backend-only functions. Code that needs a
 * backend's own features lives in src/store/ (see crk_store_native()).
 *
 * Errors: CRK_EIO (the database could not be opened/read/written; the message carries the
 * backend's text), CRK_EUNSUPPORTED (backend not built, schema newer than this binary),
 * CRK_EINVAL (misuse: bad SQL, bad column index, commit without begin), CRK_ENOMEM.
 * Threads: a `struct crk_store` is used by one thread at a time; open one per thread.
 */
#ifndef CRAKIT_STORE_H
#define CRAKIT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

struct crk_store;
struct crk_stmt;

/* ---- location ------------------------------------------------------------------------------ */

/* The store location to use: `flag` (--db) when not NULL/empty, else $CRAKIT_DB, else
 * $XDG_DATA_HOME/crakit/crakit.db, else $HOME/.local/share/crakit/crakit.db (DESIGN.md §9).
 * *out is heap memory the caller frees with crk_free(). CRK_ENOTFOUND when none of these
 * variables is set. */
int crk_store_default_location(const char *flag, char **out, struct crk_err *err);

/* ---- open / close -------------------------------------------------------------------------- */

enum crk_store_open_flags {
	CRK_STORE_READONLY = 1 << 0, /* no writes; a missing database is CRK_ENOTFOUND; no
				      * migration runs (a database behind this binary is read
				      * as it is, one ahead is refused) */
	CRK_STORE_CREATE = 1 << 1,   /* create the file and its parent directories if missing */
};

/* Opens the store at `location` (see crk_store_default_location()) and brings its schema up to
 * date. *out is the caller's, closed with crk_store_close(). */
int crk_store_open(struct crk_store **out, const char *location, unsigned flags,
		   struct crk_err *err);
/* Closes the store, rolling back an open transaction. NULL is a no-op. */
void crk_store_close(struct crk_store *s);

/* "sqlite" (static storage). */
const char *crk_store_backend(const struct crk_store *s);
/* The location it was opened with (borrowed, valid until close). */
const char *crk_store_location(const struct crk_store *s);

/* Rewrites the store so that each table's pages lie together (SQLite: VACUUM; nothing to do
 * for other backends). After a bulk import, whose tables grew page by page in turns: a scan
 * then reads fewer pages (and takes fewer page faults). Not inside a transaction; the store is
 * as it was when it fails (CRK_EIO: e.g. another process holds it). */
int crk_store_optimize(struct crk_store *s, struct crk_err *err);

/* Schema migrations: the highest migration number applied to the database, and the highest
 * this binary knows. */
int crk_store_schema_version(struct crk_store *s, int *applied, int *known, struct crk_err *err);

/* ---- transactions -------------------------------------------------------------------------- */

/* begin/commit/rollback nest: an inner begin is a savepoint, its rollback undoes only its
 * part. crk_store_rollback() never fails in a way the caller can act on; it returns the status
 * for logging. A failed import calls rollback and the database is exactly as before begin. */
int crk_store_begin(struct crk_store *s, struct crk_err *err);
int crk_store_commit(struct crk_store *s, struct crk_err *err);
int crk_store_rollback(struct crk_store *s, struct crk_err *err);
/* Transaction depth: 0 outside any transaction. */
int crk_store_in_transaction(const struct crk_store *s);

/* ---- statements ---------------------------------------------------------------------------- */

/* Runs one or more `;`-separated statements that return no rows. */
int crk_store_exec(struct crk_store *s, const char *sql, struct crk_err *err);

/* A prepared statement for `sql`, cached by the store keyed on the SQL text: the second
 * prepare of the same text returns the same statement, reset and with its bindings cleared.
 * Borrowed: valid until crk_store_close(); never freed by the caller. One use at a time: finish
 * with crk_stmt_reset() (or let the next prepare of the same SQL reset it). */
int crk_store_prepare(struct crk_store *s, struct crk_stmt **out, const char *sql,
		      struct crk_err *err);

/* Bind parameters, 1-based. Text and blobs are copied by the backend when bound. n may be
 * (size_t)-1 for a NUL-terminated string. A NULL `v` binds SQL NULL. */
int crk_stmt_bind_text(struct crk_stmt *st, int i, const char *v, size_t n);
int crk_stmt_bind_blob(struct crk_stmt *st, int i, const void *v, size_t n);
int crk_stmt_bind_int64(struct crk_stmt *st, int i, int64_t v);
int crk_stmt_bind_double(struct crk_stmt *st, int i, double v);
int crk_stmt_bind_null(struct crk_stmt *st, int i);

/* Steps: 1 when a row is available, 0 when done, a negative status on failure (err filled). */
int crk_stmt_step(struct crk_stmt *st, struct crk_err *err);

/* Columns of the current row, 0-based. Text is borrowed until the next step/reset; NULL for
 * SQL NULL (with *len 0). */
const char *crk_stmt_text(struct crk_stmt *st, int col, size_t *len);
int64_t crk_stmt_int64(struct crk_stmt *st, int col);
double crk_stmt_double(struct crk_stmt *st, int col);
int crk_stmt_is_null(struct crk_stmt *st, int col);
int crk_stmt_columns(struct crk_stmt *st);

/* Makes the statement ready for new bindings and a new run (clears bindings). */
void crk_stmt_reset(struct crk_stmt *st);

/* Rows changed by the last INSERT/UPDATE/DELETE, and the rowid of the last INSERT. */
int64_t crk_store_changes(struct crk_store *s);
int64_t crk_store_last_insert_id(struct crk_store *s);

/* ---- small key/value table (meta) ---------------------------------------------------------- */

/* Reads `key` from the store's meta table: *out is heap memory (crk_free), NULL when absent. */
int crk_store_meta_get(struct crk_store *s, const char *key, char **out, struct crk_err *err);
/* Writes `key` (a NULL value deletes it). */
int crk_store_meta_set(struct crk_store *s, const char *key, const char *value,
		       struct crk_err *err);

/* ---- backends ------------------------------------------------------------------------------ */

/* The backend's own handle, for code inside src/store/ that needs a backend-only feature:
 * a `sqlite3 *` when `backend` is "sqlite" and the store is SQLite, else NULL. */
void *crk_store_native(struct crk_store *s, const char *backend);

/* One backend (curl's vtls shape). Every slot is required. The generic functions above
 * dispatch through it; a backend's store and statement objects begin with the headers of
 * src/store/store_impl.h, which carry the ops pointer. */
struct crk_store_ops {
	const char *name; /* "sqlite" */
	/* Opens `location` (the part after the scheme); *out allocated by the backend. */
	int (*open)(struct crk_store **out, const char *location, unsigned flags,
		    struct crk_err *err);
	void (*close)(struct crk_store *s);
	int (*begin)(struct crk_store *s, struct crk_err *err);
	int (*commit)(struct crk_store *s, struct crk_err *err);
	int (*rollback)(struct crk_store *s, struct crk_err *err);
	int (*exec)(struct crk_store *s, const char *sql, struct crk_err *err);
	int (*prepare)(struct crk_store *s, struct crk_stmt **out, const char *sql,
		       struct crk_err *err);
	int (*bind_text)(struct crk_stmt *st, int i, const char *v, size_t n);
	int (*bind_blob)(struct crk_stmt *st, int i, const void *v, size_t n);
	int (*bind_int64)(struct crk_stmt *st, int i, int64_t v);
	int (*bind_double)(struct crk_stmt *st, int i, double v);
	int (*bind_null)(struct crk_stmt *st, int i);
	int (*step)(struct crk_stmt *st, struct crk_err *err);
	const char *(*col_text)(struct crk_stmt *st, int col, size_t *len);
	int64_t (*col_int64)(struct crk_stmt *st, int col);
	double (*col_double)(struct crk_stmt *st, int col);
	int (*col_is_null)(struct crk_stmt *st, int col);
	int (*col_count)(struct crk_stmt *st);
	void (*reset)(struct crk_stmt *st);
	int64_t (*changes)(struct crk_store *s);
	int64_t (*last_insert_id)(struct crk_store *s);
	int (*schema_version)(struct crk_store *s, int *applied, int *known, struct crk_err *err);
	void *(*native)(struct crk_store *s, const char *backend);
};

#endif
