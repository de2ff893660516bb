/*
 * test_sqlite.c - the store (include/crakit/store.h) and its SQLite backend (src/store/sqlite.c,
 * src/store/registry.c): migrations applied once and recorded, a database from a newer crakit
 * refused, another program's database refused, the default location, PostgreSQL refused in this
 * build, nested transactions, cached statements, the meta table, read-only opening; and the
 * import's transaction: a failed import (a malformed record at the end, an injected SQL failure,
 * every allocation failure in turn) leaves the contents identical, a repeated import changes
 * nothing, a record is replaced only by a newer `modified`.
 */
#include "../test.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/crakit-test-store-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *tpath(const char *name)
{
	static char buf[512];
	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, name);
	return buf;
}

static struct crk_store *open_new(const char *name)
{
	struct crk_store *s = NULL;
	struct crk_err err;
	int rc = crk_store_open(&s, tpath(name), CRK_STORE_CREATE, &err);
	if (rc)
		fail_msg("open %s: %s", name, err.msg);
	return s;
}

/* Every row of every table, in a stable order: the store's contents. */
static char *dump(struct crk_store *s)
{
	sqlite3 *db = crk_store_native(s, "sqlite");
	sqlite3_stmt *t, *q;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	assert_non_null(db);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name, sql FROM sqlite_master WHERE type IN "
					    "('table','index','trigger') AND name NOT LIKE 'sqlite_%' "
					    "ORDER BY name",
					    -1, &t, NULL),
			 SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(t, 0);
		const char *sql = (const char *)sqlite3_column_text(t, 1);
		char q_sql[300];
		int i, n;
		crk_strbuf_addf(&sb, "== %s\n%s\n", name, sql ? sql : "");
		if (!sql || strncmp(sql, "CREATE TABLE", 12) != 0)
			continue;
		snprintf(q_sql, sizeof(q_sql), "SELECT * FROM \"%s\"", name);
		assert_int_equal(sqlite3_prepare_v2(db, q_sql, -1, &q, NULL), SQLITE_OK);
		n = sqlite3_column_count(q);
		sqlite3_finalize(q);
		/* order by every column: a stable order whatever the table's keys */
		{
			struct crk_strbuf o = CRK_STRBUF_INIT(0);
			crk_strbuf_addf(&o, "SELECT * FROM \"%s\" ORDER BY ", name);
			for (i = 1; i <= n; i++)
				crk_strbuf_addf(&o, "%s%d", i > 1 ? "," : "", i);
			assert_int_equal(sqlite3_prepare_v2(db, o.buf, -1, &q, NULL), SQLITE_OK);
			crk_strbuf_release(&o);
		}
		while (sqlite3_step(q) == SQLITE_ROW) {
			for (i = 0; i < n; i++) {
				const unsigned char *v = sqlite3_column_text(q, i);
				crk_strbuf_addf(&sb, "%s%s", i ? "|" : "", v ? (const char *)v : "NULL");
			}
			crk_strbuf_addch(&sb, '\n');
		}
		sqlite3_finalize(q);
	}
	sqlite3_finalize(t);
	assert_true(crk_strbuf_ok(&sb));
	return crk_strbuf_detach(&sb, NULL);
}

static int import1(struct crk_store *s, const char *rel, unsigned flags,
		   struct crk_vulndb_import_stats *st, struct crk_err *err)
{
	const char *paths[1];
	struct crk_vulndb_import_opts io = {flags | CRK_VULNDB_QUIET, 4102444800 /* 2100-01-01 */};
	char *p = crk_strdup(test_data(rel));
	int rc;
	paths[0] = p;
	rc = crk_vulndb_import(s, paths, 1, &io, st, NULL, err);
	crk_free(p);
	return rc;
}

static void test_sqlite__migrations(void **state)
{
	struct crk_store *s = open_new("m.db");
	struct crk_stmt *st;
	struct crk_err err;
	int applied = -1, known = -1, rows = 0;
	(void)state;
	assert_string_equal(crk_store_backend(s), "sqlite");
	assert_string_equal(crk_store_location(s), tpath("m.db"));
	assert_int_equal(crk_store_schema_version(s, &applied, &known, &err), CRK_OK);
	assert_true(known >= 3); /* 0001 store, 0002 vulndb, 0003 download (and later ones) */
	assert_int_equal(applied, known);
	assert_int_equal(crk_store_prepare(s, &st, "SELECT version, name FROM schema_version"
						  " WHERE version <= 3 ORDER BY version",
					   &err),
			 CRK_OK);
	while (crk_stmt_step(st, &err) == 1) {
		static const char *const names[] = {"store", "vulndb", "download"};
		assert_int_equal(crk_stmt_int64(st, 0), rows + 1);
		assert_string_equal(crk_stmt_text(st, 1, NULL), names[rows]);
		rows++;
	}
	crk_stmt_reset(st);
	assert_int_equal(rows, 3);
	crk_store_close(s);
	/* a second open applies nothing again and keeps the rows */
	s = open_new("m.db");
	assert_int_equal(crk_store_schema_version(s, &applied, &known, &err), CRK_OK);
	assert_int_equal(applied, known);
	crk_store_close(s);
}

static void test_sqlite__refuses_newer_schema(void **state)
{
	struct crk_store *s = open_new("newer.db");
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_store_exec(s, "INSERT INTO schema_version VALUES (9999, 'future', 0)",
					&err),
			 CRK_OK);
	crk_store_close(s);
	s = NULL;
	assert_int_equal(crk_store_open(&s, tpath("newer.db"), CRK_STORE_CREATE, &err),
			 CRK_EUNSUPPORTED);
	assert_null(s);
	assert_non_null(strstr(err.msg, "newer crakit"));
	assert_non_null(strstr(err.msg, "9999 (future)"));
	assert_non_null(strstr(err.hint, "upgrade crakit"));
	/* read-only too */
	assert_int_equal(crk_store_open(&s, tpath("newer.db"), CRK_STORE_READONLY, &err),
			 CRK_EUNSUPPORTED);
}

static void test_sqlite__refuses_foreign_database(void **state)
{
	sqlite3 *db;
	struct crk_store *s = NULL;
	struct crk_err err;
	(void)state;
	assert_int_equal(sqlite3_open(tpath("other.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(crk_store_open(&s, tpath("other.db"), CRK_STORE_CREATE, &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "not a crakit store"));
	/* not a database at all */
	{
		FILE *f = fopen(tpath("text.db"), "w");
		fputs("hello, this is not SQLite\n", f);
		fclose(f);
	}
	assert_true(crk_store_open(&s, tpath("text.db"), CRK_STORE_CREATE, &err) < 0);
	assert_null(s);
}

static void test_sqlite__location(void **state)
{
	char *loc = NULL;
	struct crk_err err;
	char *save_db = getenv("CRAKIT_DB") ? strdup(getenv("CRAKIT_DB")) : NULL;
	char *save_xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
	char *save_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	(void)state;
	setenv("CRAKIT_DB", "/env/x.db", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	assert_int_equal(crk_store_default_location("/flag.db", &loc, &err), CRK_OK);
	assert_string_equal(loc, "/flag.db");
	crk_free(loc);
	assert_int_equal(crk_store_default_location(NULL, &loc, &err), CRK_OK);
	assert_string_equal(loc, "/env/x.db");
	crk_free(loc);
	unsetenv("CRAKIT_DB");
	assert_int_equal(crk_store_default_location("", &loc, &err), CRK_OK);
	assert_string_equal(loc, "/xdg/crakit/crakit.db");
	crk_free(loc);
	setenv("XDG_DATA_HOME", "relative/ignored", 1); /* the XDG spec: relative paths are invalid */
	assert_int_equal(crk_store_default_location(NULL, &loc, &err), CRK_OK);
	assert_string_equal(loc, "/home/u/.local/share/crakit/crakit.db");
	crk_free(loc);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_int_equal(crk_store_default_location(NULL, &loc, &err), CRK_ENOTFOUND);
	assert_null(loc);
	if (save_db)
		setenv("CRAKIT_DB", save_db, 1);
	if (save_xdg)
		setenv("XDG_DATA_HOME", save_xdg, 1);
	if (save_home)
		setenv("HOME", save_home, 1);
	free(save_db);
	free(save_xdg);
	free(save_home);
}

static void test_sqlite__backends(void **state)
{
	struct crk_store *s = NULL;
	struct crk_err err;
	struct stat sb;
	(void)state;
	assert_int_equal(crk_store_open(&s, "postgresql://db.example/crakit", 0, &err),
			 CRK_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "not supported in this build"));
	assert_int_equal(crk_store_open(&s, "", 0, &err), CRK_EINVAL);
	/* missing without CREATE */
	assert_int_equal(crk_store_open(&s, tpath("missing.db"), CRK_STORE_READONLY, &err),
			 CRK_ENOTFOUND);
	assert_int_equal(stat(tpath("missing.db"), &sb), -1);
	/* CREATE makes the directories */
	assert_int_equal(crk_store_open(&s, tpath("a/b/c/new.db"), CRK_STORE_CREATE, &err), CRK_OK);
	crk_store_close(s);
	assert_int_equal(stat(tpath("a/b/c/new.db"), &sb), 0);
	/* sqlite: prefix */
	assert_int_equal(crk_store_open(&s, "sqlite::memory:", CRK_STORE_CREATE, &err), CRK_OK);
	crk_store_close(s);
	/* a directory is not a store */
	assert_int_equal(crk_store_open(&s, tmpdir, CRK_STORE_CREATE, &err), CRK_EINVAL);
}

static void test_sqlite__transactions_and_statements(void **state)
{
	struct crk_store *s = open_new("tx.db");
	struct crk_stmt *a, *b;
	struct crk_err err;
	char *v = NULL;
	(void)state;
	assert_int_equal(crk_store_in_transaction(s), 0);
	assert_int_equal(crk_store_commit(s, &err), CRK_EINVAL);
	assert_int_equal(crk_store_begin(s, &err), CRK_OK);
	assert_int_equal(crk_store_meta_set(s, "k1", "outer", &err), CRK_OK);
	assert_int_equal(crk_store_begin(s, &err), CRK_OK); /* a savepoint */
	assert_int_equal(crk_store_in_transaction(s), 2);
	assert_int_equal(crk_store_meta_set(s, "k2", "inner", &err), CRK_OK);
	assert_int_equal(crk_store_rollback(s, &err), CRK_OK);
	assert_int_equal(crk_store_commit(s, &err), CRK_OK);
	assert_int_equal(crk_store_in_transaction(s), 0);
	assert_int_equal(crk_store_meta_get(s, "k1", &v, &err), CRK_OK);
	assert_string_equal(v, "outer");
	crk_free(v);
	assert_int_equal(crk_store_meta_get(s, "k2", &v, &err), CRK_OK);
	assert_null(v);
	assert_int_equal(crk_store_meta_set(s, "k1", NULL, &err), CRK_OK);
	assert_int_equal(crk_store_meta_get(s, "k1", &v, &err), CRK_OK);
	assert_null(v);
	/* the same SQL text gives the same cached statement */
	assert_int_equal(crk_store_prepare(s, &a, "SELECT ? + 1", &err), CRK_OK);
	assert_int_equal(crk_store_prepare(s, &b, "SELECT ? + 1", &err), CRK_OK);
	assert_ptr_equal(a, b);
	crk_stmt_bind_int64(a, 1, 41);
	assert_int_equal(crk_stmt_step(a, &err), 1);
	assert_int_equal(crk_stmt_int64(a, 0), 42);
	assert_int_equal(crk_stmt_columns(a), 1);
	assert_int_equal(crk_stmt_step(a, &err), 0);
	crk_stmt_reset(a);
	/* bad SQL is CRK_EINVAL with SQLite's message */
	assert_int_equal(crk_store_prepare(s, &a, "SELEKT 1", &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "syntax error"));
	assert_int_equal(crk_store_exec(s, "CREATE TABLE x(a INTEGER PRIMARY KEY, b TEXT)", &err),
			 CRK_OK);
	assert_int_equal(crk_store_prepare(s, &a, "INSERT INTO x(b) VALUES (?)", &err), CRK_OK);
	crk_stmt_bind_text(a, 1, "abc", 2);
	assert_int_equal(crk_stmt_step(a, &err), 0);
	assert_int_equal(crk_store_changes(s), 1);
	assert_int_equal(crk_store_last_insert_id(s), 1);
	crk_stmt_reset(a);
	assert_int_equal(crk_store_prepare(s, &a, "SELECT b, length(b) FROM x", &err), CRK_OK);
	assert_int_equal(crk_stmt_step(a, &err), 1);
	assert_string_equal(crk_stmt_text(a, 0, NULL), "ab");
	crk_stmt_reset(a);
	crk_store_close(s);
}

static void test_sqlite__readonly(void **state)
{
	struct crk_store *s = open_new("ro.db");
	struct crk_err err;
	(void)state;
	crk_store_close(s);
	assert_int_equal(crk_store_open(&s, tpath("ro.db"), CRK_STORE_READONLY, &err), CRK_OK);
	assert_true(crk_store_meta_set(s, "k", "v", &err) < 0);
	crk_store_close(s);
}

/* A malformed record at the end of an array file: nothing of the file stays. */
static void test_sqlite__failed_import_leaves_contents_identical(void **state)
{
	struct crk_store *s = open_new("rollback.db");
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	char *before, *after;
	(void)state;
	assert_int_equal(import1(s, "osv/basic", 0, &st, &err), CRK_OK);
	before = dump(s);
	assert_int_equal(import1(s, "osv/bad/bad-modified.json", 0, &st, &err), CRK_EPARSE);
	assert_int_equal(st.osv_inserted, 1); /* OK-1 was written, then rolled back */
	assert_non_null(strstr(err.msg, "BAD-2"));
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 3);
	after = dump(s);
	assert_string_equal(before, after);
	crk_free(after);
	/* an injected SQL failure at the last write of an import */
	assert_int_equal(crk_store_exec(s,
					"CREATE TRIGGER fail_late BEFORE INSERT ON affected"
					" WHEN NEW.raw_name = 'github.com/Example/Mod'"
					" BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
					&err),
			 CRK_OK);
	crk_free(before);
	before = dump(s);
	assert_int_equal(import1(s, "osv/array.json", 0, &st, &err), CRK_EIO);
	assert_non_null(strstr(err.msg, "injected failure"));
	after = dump(s);
	assert_string_equal(before, after);
	crk_free(after);
	crk_free(before);
	assert_int_equal(crk_store_in_transaction(s), 0);
	crk_store_close(s);
}

static int freelist(struct crk_store *s)
{
	sqlite3 *db = crk_store_native(s, "sqlite");
	sqlite3_stmt *st;
	int n = -1;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA freelist_count", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* crk_store_optimize rewrites the file (VACUUM): the contents stay the same, the pages of a
 * table lie together; refused inside a transaction. */
static void test_sqlite__optimize(void **state)
{
	struct crk_store *s = open_new("optimize.db");
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	char *before, *after;
	(void)state;
	assert_int_equal(import1(s, "osv/basic", 0, &st, &err), CRK_OK);
	assert_int_equal(import1(s, "osv/array.json", 0, &st, &err), CRK_OK);
	before = dump(s);
	assert_int_equal(crk_store_begin(s, &err), CRK_OK);
	assert_int_equal(crk_store_optimize(s, &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "inside a transaction"));
	assert_int_equal(crk_store_rollback(s, &err), CRK_OK);
	/* free pages in the file (a table filled, then dropped): the rewrite leaves none */
	assert_int_equal(crk_store_exec(s,
					"CREATE TABLE scratch(x); WITH RECURSIVE n(i) AS (SELECT 1"
					" UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO"
					" scratch SELECT randomblob(500) FROM n; DROP TABLE scratch",
					&err),
			 CRK_OK);
	assert_true(freelist(s) > 100);
	assert_int_equal(crk_store_optimize(s, &err), CRK_OK);
	assert_int_equal(freelist(s), 0);
	after = dump(s);
	assert_string_equal(before, after);
	crk_free(after);
	crk_free(before);
	crk_store_close(s);
}

/* Fails each allocation of an import in turn: every failure leaves the store unchanged. */
static void test_sqlite__allocation_failures_roll_back(void **state)
{
	struct crk_store *s = open_new("oom.db");
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	char *before;
	uint64_t n;
	int rc = -1, failures = 0;
	(void)state;
	assert_int_equal(import1(s, "osv/array.json", 0, &st, &err), CRK_OK);
	before = dump(s);
	for (n = 1; n < 5000; n++) {
		char *after;
		crk_alloc_fail_after(n);
		rc = import1(s, "osv/basic", 0, &st, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK)
			break;
		failures++;
		assert_int_equal(crk_store_in_transaction(s), 0);
		after = dump(s);
		if (strcmp(before, after) != 0)
			fail_msg("allocation %llu: the store changed", (unsigned long long)n);
		crk_free(after);
	}
	assert_int_equal(rc, CRK_OK);
	assert_true(failures > 10);
	crk_free(before);
	crk_store_close(s);
}

static void test_sqlite__idempotent_and_newer_only(void **state)
{
	struct crk_store *s = open_new("idem.db");
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	struct crk_arena arena = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	char *before, *after;
	(void)state;
	assert_int_equal(import1(s, "osv/basic", 0, &st, &err), CRK_OK);
	assert_int_equal(st.osv_inserted, 5);
	before = dump(s);
	assert_int_equal(import1(s, "osv/basic", 0, &st, &err), CRK_OK);
	assert_int_equal(st.osv_inserted, 0);
	assert_int_equal(st.osv_unchanged, 5);
	after = dump(s);
	assert_string_equal(before, after);
	crk_free(after);
	/* an older copy does not replace */
	assert_int_equal(import1(s, "osv/older", 0, &st, &err), CRK_OK);
	assert_int_equal(st.osv_unchanged, 1);
	after = dump(s);
	assert_string_equal(before, after);
	crk_free(after);
	crk_free(before);
	/* a newer one does, affected rows included */
	assert_int_equal(import1(s, "osv/replace", 0, &st, &err), CRK_OK);
	assert_int_equal(st.osv_replaced, 1);
	assert_int_equal(crk_vulndb_affected(s, "Maven", NULL, "org.apache.logging.log4j:log4j-core",
					     0, &arena, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].summary, "Remote code injection in Log4j (updated)");
	assert_non_null(strstr(v[0].json, "\"2.0-beta9\""));
	assert_null(strstr(v[0].json, "\"2.13.0\""));
	assert_int_equal(v[0].modified, 1711929600); /* 2024-04-01T00:00:00Z */
	assert_int_equal(v[0].nseverity, 0);
	crk_arena_release(&arena);
	crk_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite__migrations),
		cmocka_unit_test(test_sqlite__refuses_newer_schema),
		cmocka_unit_test(test_sqlite__refuses_foreign_database),
		cmocka_unit_test(test_sqlite__location),
		cmocka_unit_test(test_sqlite__backends),
		cmocka_unit_test(test_sqlite__transactions_and_statements),
		cmocka_unit_test(test_sqlite__readonly),
		cmocka_unit_test(test_sqlite__failed_import_leaves_contents_identical),
		cmocka_unit_test(test_sqlite__optimize),
		cmocka_unit_test(test_sqlite__allocation_failures_roll_back),
		cmocka_unit_test(test_sqlite__idempotent_and_newer_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
