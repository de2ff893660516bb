/*
 * test_import.c - `crakit db import` (src/vulndb/import.c): inputs told by content (a zip named
 * .json, an EPSS file without .csv, gzip), directories walked, osv.dev-style zips read (non-JSON
 * members skipped, a damaged member refused), --skip-invalid, KEV and EPSS replaced only by newer
 * files, errors placed at path:line:col, and the whole OSV corpus imported (skipped cleanly when
 * the corpus is absent).
 */
#include "../test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"

static struct crk_store *fresh(void)
{
	struct crk_store *s = NULL;
	struct crk_err err;
	assert_int_equal(crk_store_open(&s, ":memory:", CRK_STORE_CREATE, &err), CRK_OK);
	return s;
}

static int imp(struct crk_store *s, const char *rel, unsigned flags,
	       struct crk_vulndb_import_stats *st, struct crk_diags *d, struct crk_err *err)
{
	char *p = crk_strdup(test_data(rel));
	const char *paths[1] = {p};
	struct crk_vulndb_import_opts io = {flags | CRK_VULNDB_QUIET, 0};
	int rc = crk_vulndb_import(s, paths, 1, &io, st, d, err);
	crk_free(p);
	return rc;
}

/* Imports a fixture's bytes under another name, so only the content can tell its kind. */
static int imp_buffer(struct crk_store *s, const char *rel, const char *display,
		      struct crk_vulndb_import_stats *st, struct crk_err *err)
{
	char *buf;
	size_t len;
	int rc;
	assert_int_equal(crk_read_file(test_data(rel), CRK_MAX_FILE_SIZE, &buf, &len, err), CRK_OK);
	rc = crk_vulndb_import_buffer(s, buf, len, display, NULL, st, NULL, err);
	crk_free(buf);
	return rc;
}

static void test_import__kinds_by_content(void **state)
{
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	(void)state;
	assert_int_equal(imp_buffer(s, "osv/osv-pypi.zip", "misnamed.json", &st, &err), CRK_OK);
	assert_int_equal(st.osv_inserted, 2);
	assert_int_equal(st.files, 3); /* the zip and its two JSON members (README.txt skipped) */
	assert_int_equal(imp_buffer(s, "epss/epss-small.csv", "scores.txt", &st, &err), CRK_OK);
	assert_int_equal(st.epss_scores, 3);
	assert_int_equal(imp_buffer(s, "kev/kev-small.json", "kev.csv", &st, &err), CRK_OK);
	assert_int_equal(st.kev_entries, 2);
	crk_store_close(s);
	s = fresh();
	assert_int_equal(imp_buffer(s, "epss/epss-small.csv.gz", "x", &st, &err), CRK_OK);
	assert_int_equal(st.epss_scores, 3);
	assert_int_equal(st.files, 1);
	assert_int_equal(st.bytes, 165); /* the gunzipped size: wc -c epss/epss-small.csv */
	assert_int_equal(imp_buffer(s, "osv/array.json", "a", &st, &err), CRK_OK);
	assert_int_equal(st.osv_inserted, 2);
	crk_store_close(s);
}

static void test_import__directory(void **state)
{
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_err err;
	(void)state;
	assert_int_equal(imp(s, "osv/basic", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.files, 5); /* README.md is not read */
	assert_int_equal(st.osv_records, 5);
	assert_int_equal(st.osv_inserted, 5);
	assert_int_equal(st.osv_withdrawn, 1);
	crk_store_close(s);
}

static void test_import__corrupt_zip(void **state)
{
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	struct crk_err err;
	(void)state;
	assert_int_equal(imp(s, "osv/corrupt.zip", CRK_VULNDB_SKIP_INVALID, &st, NULL, &err),
			 CRK_EPARSE);
	assert_non_null(strstr(err.msg, "PYSEC-2099-1.json"));
	assert_non_null(strstr(err.hint, "download it again"));
	assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "zope-example-lib", 0, &a, &v, &n,
					     &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	crk_store_close(s);
}

static void test_import__errors_placed(void **state)
{
	static const struct {
		const char *rel;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"osv/bad/bad-modified.json", CRK_EPARSE, 3, 3,
		 "OSV record BAD-2: `modified`: 'yesterday' is not an RFC 3339 timestamp"},
		{"osv/bad/no-name.json", CRK_EPARSE, 1, 1,
		 "OSV record NONAME-1: affected[0].package.name: expected a non-empty string"},
		{"osv/bad/schema-2.json", CRK_EUNSUPPORTED, 1, 1,
		 "OSV record FUTURE-1: schema_version '2.0.0' is not supported (OSV 1.x is)"},
		{"osv/bad/truncated.json", CRK_EPARSE, 3, 0, NULL},
		{"kev/kev-bad-count.json", CRK_EPARSE, 1, 1,
		 "KEV count says 3 entries but the catalogue lists 2"},
		{"kev/kev-bad-cve.json", CRK_EPARSE, 24, 9,
		 "KEV vulnerabilities[1].cveID 'CVE-99-1' is not a CVE id"},
		{"epss/epss-bad.csv", CRK_EPARSE, 4, 15, "EPSS score '1.7' is not a number in [0, 1]"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_store *s = fresh();
		struct crk_vulndb_import_stats st;
		struct crk_err err;
		int rc = imp(s, cases[i].rel, 0, &st, NULL, &err);
		if (rc != cases[i].rc || err.line != cases[i].line ||
		    (cases[i].col && err.col != cases[i].col) ||
		    (cases[i].msg && strcmp(err.msg, cases[i].msg) != 0))
			fail_msg("%s: got %d %u:%u %s", cases[i].rel, rc, err.line, err.col, err.msg);
		assert_non_null(strstr(err.path, cases[i].rel));
		crk_store_close(s);
	}
}

static void test_import__skip_invalid(void **state)
{
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_diags d;
	struct crk_err err;
	(void)state;
	crk_diags_init(&d);
	assert_int_equal(imp(s, "osv/bad", CRK_VULNDB_SKIP_INVALID, &st, &d, &err), CRK_OK);
	assert_int_equal(st.osv_inserted, 1); /* OK-1 */
	assert_int_equal(st.skipped, 4);
	assert_int_equal(crk_diags_count(&d), 4);
	assert_int_equal(d.v[0].line, 3); /* bad-modified.json: BAD-2 */
	assert_int_equal(d.v[0].col, 3);
	crk_diags_release(&d);
	crk_store_close(s);
}

static void test_import__kev_epss_newer_only(void **state)
{
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_kev_entry k;
	struct crk_epss_score e;
	struct crk_err err;
	(void)state;
	assert_int_equal(imp(s, "kev/kev-small.json", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(imp(s, "epss/epss-small.csv", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(imp(s, "kev/kev-older.json", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.kev_entries, 0);
	assert_int_equal(st.kev_unchanged, 1);
	assert_int_equal(imp(s, "epss/epss-older.csv", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.epss_scores, 0);
	assert_int_equal(st.epss_unchanged, 1);
	assert_int_equal(crk_vulndb_kev(s, "CVE-2099-0001", &a, &k, &err), 1); /* still there */
	assert_int_equal(crk_vulndb_epss(s, "CVE-2021-44228", &e, &err), 1);
	assert_true(e.score == 0.94358);
	crk_arena_release(&a);
	crk_store_close(s);
	/* the other way round, the newer file replaces the whole older snapshot */
	s = fresh();
	assert_int_equal(imp(s, "kev/kev-older.json", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(imp(s, "epss/epss-older.csv", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(crk_vulndb_epss(s, "CVE-2021-44228", &e, &err), 1);
	assert_true(e.score == 0.5);
	assert_string_equal(e.date, "2098-12-30");
	assert_int_equal(imp(s, "kev/kev-small.json", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.kev_entries, 2);
	assert_int_equal(imp(s, "epss/epss-small.csv.gz", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(crk_vulndb_epss(s, "CVE-2021-44228", &e, &err), 1);
	assert_true(e.score == 0.94358);
	crk_store_close(s);
}

/* Every OSV record of the shared corpus is imported; the files that are not OSV records (the
 * GitHub-format ghsa__*.json inputs of the converter examples and the schema files) are the
 * only ones skipped. */
static void test_import__corpus(void **state)
{
	struct crk_store *s;
	struct crk_vulndb_import_stats st;
	struct crk_diags d;
	struct crk_err err;
	struct stat sb;
	char *p = crk_strdup(test_corpus("osv"));
	const char *paths[1] = {p};
	struct crk_vulndb_import_opts io = {CRK_VULNDB_QUIET | CRK_VULNDB_SKIP_INVALID, 0};
	size_t i;
	(void)state;
	if (stat(p, &sb) != 0) {
		crk_free(p);
		skip(); /* the shared corpus is absent */
	}
	s = fresh();
	crk_diags_init(&d);
	assert_int_equal(crk_vulndb_import(s, paths, 1, &io, &st, &d, &err), CRK_OK);
	for (i = 0; i < d.n; i++) {
		const char *base = strrchr(d.v[i].path, '/');
		base = base ? base + 1 : d.v[i].path;
		if (strncmp(base, "ghsa__", 6) != 0 && strcmp(base, "osv-schema.json") != 0 &&
		    strcmp(base, "ecosystems.json") != 0)
			fail_msg("%s:%u:%u: %s", d.v[i].path, d.v[i].line, d.v[i].col, d.v[i].msg);
		assert_null(strstr(base, ".osv.json"));
	}
	assert_int_equal(st.skipped, 13); /* 11 ghsa__*.json + 2 schema files */
	assert_int_equal(st.osv_records, 8883);
	crk_diags_release(&d);
	crk_store_close(s);
	crk_free(p);
}

/* A Debian DSA names the CVEs it fixes in `upstream` (OSV 1.6), not in `aliases`: they are kept
 * apart (never grouped: one DSA fixes two different CVEs here) and handed to the matcher, which
 * looks KEV and EPSS up through them. The fixture is HAND-WRITTEN from DSA-5514-1 (the corpus
 * holds no Debian record; tests/data/scan/README.md). A record listing its own id among its
 * aliases or upstream ids does not keep it there. */
static void test_import__upstream(void **state)
{
	static const char self[] =
		"{\"id\":\"DLA-9999-1\",\"modified\":\"2024-01-01T00:00:00Z\","
		"\"aliases\":[\"DLA-9999-1\",\"DEBIAN-CVE-2024-0001\"],"
		"\"upstream\":[\"DLA-9999-1\",\"CVE-2024-0001\"],"
		"\"affected\":[{\"package\":{\"ecosystem\":\"Debian:11\",\"name\":\"zlib\"},"
		"\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]}]}";
	struct crk_store *s = fresh();
	struct crk_vulndb_import_stats st;
	struct crk_vuln_affected *v;
	struct crk_arena a;
	const char **ids;
	const char *canon;
	size_t n;
	struct crk_err err;
	(void)state;
	crk_arena_init(&a);
	assert_int_equal(imp(s, "scan/db/osv/DSA-5514-1.json", 0, &st, NULL, &err), CRK_OK);
	assert_int_equal(crk_vulndb_affected(s, "Debian", "12", "glibc", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "DSA-5514-1");
	assert_int_equal(v[0].naliases, 0);
	assert_int_equal(v[0].nupstream, 2);
	assert_string_equal(v[0].upstream[0], "CVE-2023-4527");
	assert_string_equal(v[0].upstream[1], "CVE-2023-4911");
	/* the CVEs are not in the DSA's alias group: they are two vulnerabilities */
	assert_int_equal(crk_vulndb_alias_group(s, "DSA-5514-1", &a, &ids, &n, &canon, NULL, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(canon, "DSA-5514-1");

	assert_int_equal(crk_vulndb_import_buffer(s, self, sizeof(self) - 1, "self.json", NULL, &st,
						  NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_affected(s, "Debian", "11", "zlib", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].naliases, 1);
	assert_string_equal(v[0].aliases[0], "DEBIAN-CVE-2024-0001");
	assert_int_equal(v[0].nupstream, 1);
	assert_string_equal(v[0].upstream[0], "CVE-2024-0001");
	crk_arena_release(&a);
	crk_store_close(s);
}

/* An entry is stored as the matcher reads it: a `versions` list that only repeats its ranges is
 * left out (the matcher would compare every component with each listed version for nothing),
 * one that names a version outside the ranges is kept; the record keeps both as imported. */
static void test_import__compact(void **state)
{
	static const char rec[] =
		"{\"id\":\"PYSEC-9999-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":["
		"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"a\"},\"ranges\":[{\"type\":"
		"\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.5\"}]}],"
		"\"versions\":[\"1.0\",\"1.4\"]},"
		"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"b\"},\"ranges\":[{\"type\":"
		"\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.5\"}]}],"
		"\"versions\":[\"1.0\",\"2.0\"]}]}";
	struct crk_store *s = fresh();
	struct crk_vuln_affected *v;
	struct crk_arena a;
	char *json = NULL;
	size_t n;
	struct crk_err err;
	(void)state;
	crk_arena_init(&a);
	assert_int_equal(crk_vulndb_import_buffer(s, rec, sizeof(rec) - 1, "rec.json", NULL, NULL,
						  NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "a", 0, &a, &v, &n, &err), CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].json,
			    "{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"a\"},\"ranges\":[{"
			    "\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":"
			    "\"1.5\"}]}]}");
	assert_int_equal(v[0].pos, 0);
	assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "b", 0, &a, &v, &n, &err), CRK_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(v[0].json, "\"versions\":[\"1.0\",\"2.0\"]"));
	assert_int_equal(v[0].pos, 1);
	assert_int_equal(crk_vulndb_record(s, "PYSEC-9999-1", &json, &n, &err), CRK_OK);
	assert_non_null(strstr(json, "\"versions\":[\"1.0\",\"1.4\"]"));
	crk_free(json);

	/* a store written before compaction (the list back, the meta key gone): its next OSV
	 * import compacts the old rows too */
	{
		struct crk_stmt *st;
		static const char other[] = "{\"id\":\"PYSEC-9999-2\",\"modified\":"
					    "\"2024-01-01T00:00:00Z\",\"affected\":[]}";
		assert_int_equal(crk_store_prepare(s, &st,
						   "UPDATE affected SET json = json_set(json,"
						   " '$.versions', json('[\"1.0\",\"1.4\"]'))"
						   " WHERE name = 'a'",
						   &err),
				 CRK_OK);
		assert_int_equal(crk_stmt_step(st, &err), 0);
		crk_stmt_reset(st);
		assert_int_equal(crk_store_meta_set(s, "affected_compact", NULL, &err),
				 CRK_OK);
		assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "a", 0, &a, &v, &n, &err),
				 CRK_OK);
		assert_non_null(strstr(v[0].json, "\"versions\""));
		assert_int_equal(crk_vulndb_import_buffer(s, other, sizeof(other) - 1, "o.json", NULL,
							  NULL, NULL, &err),
				 CRK_OK);
		assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "a", 0, &a, &v, &n, &err),
				 CRK_OK);
		assert_null(strstr(v[0].json, "\"versions\""));
		assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "b", 0, &a, &v, &n, &err),
				 CRK_OK);
		assert_non_null(strstr(v[0].json, "\"versions\":[\"1.0\",\"2.0\"]"));
	}
	crk_arena_release(&a);
	crk_store_close(s);
}

/* crk_vulndb_status reads the counts kept at import (osv_summary, migration 0031): a record
 * replaced by a newer one that moved to another ecosystem leaves the first one's count. */
static void test_import__status_counts(void **state)
{
	static const char v1[] =
		"{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":["
		"{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},\"versions\":[\"1\"]}]}";
	static const char v2[] =
		"{\"id\":\"X-1\",\"modified\":\"2024-02-01T00:00:00Z\","
		"\"withdrawn\":\"2024-02-01T00:00:00Z\",\"affected\":["
		"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"a\"},\"versions\":[\"1\"]}]}";
	struct crk_store *s = fresh();
	struct crk_vulndb_source *src;
	struct crk_arena a;
	size_t n;
	struct crk_err err;
	(void)state;
	crk_arena_init(&a);
	assert_int_equal(crk_vulndb_import_buffer(s, v1, sizeof(v1) - 1, "v1", NULL, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_status(s, &a, &src, &n, &err), CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(src[0].ecosystem, "npm");
	assert_int_equal(src[0].records, 1);
	assert_int_equal(src[0].newest, 1704067200); /* 2024-01-01T00:00:00Z */
	assert_int_equal(crk_vulndb_import_buffer(s, v2, sizeof(v2) - 1, "v2", NULL, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_status(s, &a, &src, &n, &err), CRK_OK);
	assert_int_equal(n, 2);
	assert_string_equal(src[0].ecosystem, "PyPI");
	assert_int_equal(src[0].records, 1);
	assert_int_equal(src[0].withdrawn, 1);
	assert_int_equal(src[0].newest, 1706745600); /* 2024-02-01T00:00:00Z */
	assert_string_equal(src[1].ecosystem, "npm");
	assert_int_equal(src[1].records, 0);
	assert_int_equal(src[1].newest, 0);
	crk_arena_release(&a);
	crk_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import__kinds_by_content),
		cmocka_unit_test(test_import__compact),
		cmocka_unit_test(test_import__directory),
		cmocka_unit_test(test_import__corrupt_zip),
		cmocka_unit_test(test_import__errors_placed),
		cmocka_unit_test(test_import__skip_invalid),
		cmocka_unit_test(test_import__kev_epss_newer_only),
		cmocka_unit_test(test_import__corpus),
		cmocka_unit_test(test_import__upstream),
		cmocka_unit_test(test_import__status_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
