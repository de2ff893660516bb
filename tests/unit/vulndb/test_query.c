/*
 * test_query.c - reading the vulnerability database (src/vulndb/query.c, status.c): affected
 * entries by (ecosystem, name) with each ecosystem's name rules and distribution releases,
 * withdrawn advisories left out, alias groups and their canonical id, KEV and EPSS lookups,
 * the whole record, and the status per source. Data: tests/data/osv, kev, epss (our fixtures,
 * values written by hand, so every expected answer below is read off those files).
 */
#include "../test.h"

#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"

static struct crk_store *S;

static int setup(void **state)
{
	const char *paths[5];
	char *p[5];
	struct crk_err err;
	struct crk_vulndb_import_opts io = {CRK_VULNDB_QUIET, 4070908800 /* 2099-01-01 */};
	size_t i;
	(void)state;
	if (crk_store_open(&S, ":memory:", CRK_STORE_CREATE, &err))
		return -1;
	p[0] = crk_strdup(test_data("osv/basic"));
	p[1] = crk_strdup(test_data("osv/array.json"));
	p[2] = crk_strdup(test_data("kev/kev-small.json"));
	p[3] = crk_strdup(test_data("epss/epss-small.csv.gz"));
	p[4] = crk_strdup(test_data("osv/osv-pypi.zip"));
	for (i = 0; i < 5; i++)
		paths[i] = p[i];
	i = crk_vulndb_import(S, paths, 5, &io, NULL, NULL, &err) != CRK_OK;
	if (i)
		fprintf(stderr, "import: %s:%u:%u: %s\n", err.path, err.line, err.col, err.msg);
	for (i = 0; i < 5; i++)
		crk_free(p[i]);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	crk_store_close(S);
	return 0;
}

static void test_query__maven(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_affected(S, "Maven", NULL, "org.apache.logging.log4j:log4j-core",
					     0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(v[0].ecosystem, "Maven");
	assert_null(v[0].release);
	assert_string_equal(v[0].name, "org.apache.logging.log4j:log4j-core");
	assert_string_equal(v[0].summary, "Remote code injection in Log4j");
	assert_int_equal(v[0].naliases, 1);
	assert_string_equal(v[0].aliases[0], "CVE-2021-44228");
	assert_int_equal(v[0].nseverity, 1);
	assert_string_equal(v[0].severity[0].type, "CVSS_V3");
	assert_string_equal(v[0].severity[0].score, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
	assert_int_equal(v[0].published, 1639096856); /* 2021-12-10T00:40:56Z */
	assert_int_equal(v[0].modified, 1709287200);  /* 2024-03-01T10:00:00Z */
	assert_int_equal(v[0].withdrawn, 0);
	/* the entry's JSON, as the range evaluator reads it (no purl: it does not read it) */
	assert_int_equal(v[0].json_len, strlen(v[0].json));
	assert_string_equal(
		v[0].json,
		"{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.apache.logging.log4j:log4j-core\""
		"},\"ranges\":[{\"type\":"
		"\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.13.0\"},{\"fixed\":\"2.15.0\"}]},"
		"{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.0-beta9\"},{\"fixed\":"
		"\"2.3.1\"}]}]}");
	/* Maven names are compared as written */
	assert_int_equal(crk_vulndb_affected(S, "Maven", NULL, "org.apache.logging.log4j:Log4j-core",
					     0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	assert_null(v);
	crk_arena_release(&a);
}

struct each_ctx {
	size_t n, stop_at;
	char ids[8][64];
};

static int each_cb(void *ud, const struct crk_vuln_affected *e, struct crk_err *err)
{
	struct each_ctx *c = ud;
	if (c->n < 8)
		snprintf(c->ids[c->n], sizeof(c->ids[0]), "%s/%zu", e->id, e->pos);
	if (++c->n == c->stop_at)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "stop");
	return CRK_OK;
}

/* The streamed lookup gives what the array form gives (in the store's order), each entry with
 * its position in the record; a callback's error stops it and is returned. */
static void test_query__each(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	struct each_ctx c;
	size_t n, i, j;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_affected(S, "Debian", NULL, "openssl", CRK_VULNDB_ANY_RELEASE,
					     &a, &v, &n, &err),
			 CRK_OK);
	assert_true(n >= 2 && n <= 8);
	for (i = 1; i < n; i++) /* the array form: by id, then position */
		assert_true(strcmp(v[i - 1].id, v[i].id) < 0 ||
			    (strcmp(v[i - 1].id, v[i].id) == 0 && v[i - 1].pos < v[i].pos));
	memset(&c, 0, sizeof(c));
	assert_int_equal(crk_vulndb_affected_each(S, "Debian", NULL, "openssl",
						  CRK_VULNDB_ANY_RELEASE, each_cb, &c, &err),
			 CRK_OK);
	assert_int_equal(c.n, n);
	for (i = 0; i < n; i++) {
		char want[64];
		snprintf(want, sizeof(want), "%s/%zu", v[i].id, v[i].pos);
		for (j = 0; j < c.n && strcmp(c.ids[j], want) != 0; j++)
			;
		assert_true(j < c.n);
	}
	memset(&c, 0, sizeof(c));
	c.stop_at = 1;
	assert_int_equal(crk_vulndb_affected_each(S, "Debian", NULL, "openssl",
						  CRK_VULNDB_ANY_RELEASE, each_cb, &c, &err),
			 CRK_EINVAL);
	assert_int_equal(c.n, 1);
	assert_string_equal(err.msg, "stop");
	crk_arena_release(&a);
}

static void test_query__pypi_names(void **state)
{
	static const char *const spellings[] = {"zope-example-lib", "Zope.Example_Lib",
						"ZOPE__example.-lib", "zope_example_lib"};
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n, i;
	struct crk_err err;
	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(crk_vulndb_affected(S, "PyPI", NULL, spellings[i], 0, &a, &v, &n,
						     &err),
				 CRK_OK);
		assert_int_equal(n, 2);
		assert_string_equal(v[0].id, "GHSA-aaaa-bbbb-cccc");
		assert_string_equal(v[1].id, "PYSEC-2099-1");
		assert_int_equal(v[0].group, v[1].group); /* one vulnerability */
		assert_int_equal(v[0].nseverity, 2);
		assert_string_equal(v[0].severity[1].type, "CVSS_V4");
		assert_string_equal(v[1].name, "Zope.Example_Lib");
		assert_int_equal(v[1].naliases, 2);
		assert_string_equal(v[1].aliases[1], "GHSA-aaaa-bbbb-cccc");
		/* fractional seconds of `modified` are kept internally, whole seconds here */
		assert_int_equal(v[1].modified, 1714638600); /* 2024-05-02T08:30:00.123456Z */
	}
	/* other names do not match */
	assert_int_equal(crk_vulndb_affected(S, "PyPI", NULL, "zope-example", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	/* npm is case-sensitive and not PEP 503 */
	assert_int_equal(crk_vulndb_affected(S, "npm", NULL, "Zope.Example_Lib", 0, &a, &v, &n,
					     &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	crk_arena_release(&a);
}

static void test_query__normalize(void **state)
{
	static const struct {
		const char *eco, *in, *out;
	} cases[] = {
		{"PyPI", "Django", "django"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"PyPI", "a_-._b", "a-b"},
		{"PyPI", "--x--", "-x-"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"Packagist", "Symfony/Http-Kernel", "symfony/http-kernel"},
		{"npm", "@Scope/Pkg_Name", "@Scope/Pkg_Name"},
		{"Go", "github.com/BurntSushi/toml", "github.com/BurntSushi/toml"},
		{"Maven", "Org.Example:Art_Id", "Org.Example:Art_Id"},
		{"crates.io", "Serde_Json", "Serde_Json"},
		{"Debian:12", "OpenSSL", "OpenSSL"},
	};
	char buf[64];
	size_t i;
	struct crk_err err;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(crk_vulndb_normalize_name(cases[i].eco, cases[i].in,
							   strlen(cases[i].in), buf, sizeof(buf),
							   &err),
				 CRK_OK);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("%s %s: want %s, got %s", cases[i].eco, cases[i].in, cases[i].out,
				 buf);
	}
	assert_int_equal(crk_vulndb_normalize_name("PyPI", "abcdef", 6, buf, 6, &err), CRK_ELIMIT);
}

static void test_query__releases(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_affected(S, "Debian", "12", "openssl", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "DSA-9999-1");
	assert_string_equal(v[0].ecosystem, "Debian:12");
	assert_string_equal(v[0].release, "12");
	assert_non_null(strstr(v[0].json, "3.0.14-1~deb12u1"));
	/* the release inside the ecosystem string */
	assert_int_equal(crk_vulndb_affected(S, "Debian:11", NULL, "openssl", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].release, "11");
	assert_non_null(strstr(v[0].json, "1.1.1w-0+deb11u2"));
	/* no release: only entries without one (there are none) */
	assert_int_equal(crk_vulndb_affected(S, "Debian", NULL, "openssl", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	assert_int_equal(crk_vulndb_affected(S, "Debian", "10", "openssl", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	/* every release, ordered by advisory then entry position */
	assert_int_equal(crk_vulndb_affected(S, "Debian", NULL, "openssl", CRK_VULNDB_ANY_RELEASE,
					     &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].ecosystem, "Debian:12");
	assert_string_equal(v[1].ecosystem, "Debian:11");
	assert_int_equal(crk_vulndb_affected(S, "", NULL, "openssl", 0, &a, &v, &n, &err),
			 CRK_EINVAL);
	crk_arena_release(&a);
}

static void test_query__withdrawn(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_affected(S, "npm", NULL, "left-pad", 0, &a, &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 0);
	assert_int_equal(crk_vulndb_affected(S, "npm", NULL, "left-pad", CRK_VULNDB_WITHDRAWN, &a,
					     &v, &n, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].id, "GHSA-wwww-xxxx-yyyy");
	assert_int_equal(v[0].withdrawn, 1706745600); /* 2024-02-01T00:00:00Z */
	crk_arena_release(&a);
}

static void test_query__aliases(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	const char **ids, *canon;
	size_t n;
	int64_t g1, g2;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_alias_group(S, "PYSEC-2099-1", &a, &ids, &n, &canon, &g1, &err),
			 CRK_OK);
	assert_int_equal(n, 3);
	assert_string_equal(ids[0], "CVE-2099-0001");
	assert_string_equal(ids[1], "GHSA-aaaa-bbbb-cccc");
	assert_string_equal(ids[2], "PYSEC-2099-1");
	assert_string_equal(canon, "CVE-2099-0001");
	/* a CVE known only as an alias resolves to the same group */
	assert_int_equal(crk_vulndb_alias_group(S, "CVE-2099-0001", &a, NULL, &n, &canon, &g2, &err),
			 CRK_OK);
	assert_int_equal(g1, g2);
	/* two records sharing a CVE: RUSTSEC and GO (with its GHSA) are one group */
	assert_int_equal(crk_vulndb_alias_group(S, "RUSTSEC-2099-0001", &a, &ids, &n, &canon, &g1,
						&err),
			 CRK_OK);
	assert_int_equal(n, 4);
	assert_string_equal(ids[0], "CVE-2099-0003");
	assert_string_equal(ids[1], "GHSA-gggg-hhhh-iiii");
	assert_string_equal(ids[2], "GO-2099-0001");
	assert_string_equal(ids[3], "RUSTSEC-2099-0001");
	assert_int_equal(crk_vulndb_alias_group_by_key(S, g1, &a, &ids, &n, &canon, &err), CRK_OK);
	assert_int_equal(n, 4);
	assert_string_equal(canon, "CVE-2099-0003");
	/* a record without aliases is its own group; its id is canonical */
	assert_int_equal(crk_vulndb_alias_group(S, "DSA-9999-1", &a, &ids, &n, &canon, &g1, &err),
			 CRK_OK);
	assert_int_equal(n, 1);
	assert_string_equal(canon, "DSA-9999-1");
	assert_true(g1 > 0);
	/* unknown ids: group 0, the id itself */
	assert_int_equal(crk_vulndb_alias_group(S, "CVE-1999-0001", &a, &ids, &n, &canon, &g1, &err),
			 CRK_OK);
	assert_int_equal(g1, 0);
	assert_int_equal(n, 1);
	assert_string_equal(canon, "CVE-1999-0001");
	crk_arena_release(&a);
}

/* Two groups merge when a later record names ids of both. */
static void test_query__alias_merge(void **state)
{
	struct crk_store *s;
	struct crk_arena a = CRK_ARENA_INIT;
	const char **ids, *canon;
	size_t n;
	int64_t g;
	struct crk_err err;
	struct crk_vuln_affected *v;
	static const char r1[] = "{\"id\":\"A-1\",\"modified\":\"2024-01-01T00:00:00Z\","
				 "\"aliases\":[\"CVE-2000-0010\"],\"affected\":[{\"package\":"
				 "{\"ecosystem\":\"npm\",\"name\":\"a\"}}]}";
	static const char r2[] = "{\"id\":\"B-1\",\"modified\":\"2024-01-01T00:00:00Z\","
				 "\"aliases\":[\"CVE-2000-0002\"],\"affected\":[{\"package\":"
				 "{\"ecosystem\":\"npm\",\"name\":\"a\"}}]}";
	static const char r3[] = "{\"id\":\"C-1\",\"modified\":\"2024-01-01T00:00:00Z\","
				 "\"aliases\":[\"CVE-2000-0002\",\"A-1\"]}";
	(void)state;
	assert_int_equal(crk_store_open(&s, ":memory:", CRK_STORE_CREATE, &err), CRK_OK);
	assert_int_equal(crk_vulndb_import_buffer(s, r1, strlen(r1), "r1", NULL, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_import_buffer(s, r2, strlen(r2), "r2", NULL, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_affected(s, "npm", NULL, "a", 0, &a, &v, &n, &err), CRK_OK);
	assert_int_equal(n, 2);
	assert_true(v[0].group != v[1].group);
	assert_int_equal(crk_vulndb_import_buffer(s, r3, strlen(r3), "r3", NULL, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_vulndb_affected(s, "npm", NULL, "a", 0, &a, &v, &n, &err), CRK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].group, v[1].group);
	assert_int_equal(crk_vulndb_alias_group(s, "B-1", &a, &ids, &n, &canon, &g, &err), CRK_OK);
	assert_int_equal(g, v[0].group);
	assert_int_equal(n, 5);
	/* natural order: CVE-2000-0002 < CVE-2000-0010 */
	assert_string_equal(ids[0], "A-1");
	assert_string_equal(ids[3], "CVE-2000-0002");
	assert_string_equal(ids[4], "CVE-2000-0010");
	assert_string_equal(canon, "CVE-2000-0002");
	crk_arena_release(&a);
	crk_store_close(s);
}

static void test_query__kev_epss(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_kev_entry k;
	struct crk_epss_score e;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_kev(S, "CVE-2021-44228", &a, &k, &err), 1);
	assert_string_equal(k.cve, "CVE-2021-44228");
	assert_string_equal(k.vendor, "Apache");
	assert_string_equal(k.product, "Log4j2");
	assert_string_equal(k.date_added, "2021-12-10");
	assert_string_equal(k.due_date, "2021-12-24");
	assert_string_equal(k.ransomware, "Known");
	assert_string_equal(k.cwes, "CWE-20, CWE-400, CWE-502");
	assert_non_null(strstr(k.required_action, "Apply updates"));
	assert_int_equal(crk_vulndb_kev(S, "CVE-2099-0001", &a, &k, &err), 1);
	assert_null(k.cwes);
	assert_string_equal(k.notes, "");
	assert_int_equal(crk_vulndb_kev(S, "CVE-2099-0003", &a, &k, &err), 0);
	assert_null(k.cve);
	assert_int_equal(crk_vulndb_epss(S, "CVE-2021-44228", &e, &err), 1);
	assert_true(e.score == 0.94358);
	assert_true(e.percentile == 0.99962);
	assert_string_equal(e.date, "2099-01-02");
	assert_string_equal(e.model, "v2025.03.14");
	assert_int_equal(crk_vulndb_epss(S, "CVE-2099-0002", &e, &err), 1);
	assert_true(e.score == 1.0);
	assert_int_equal(crk_vulndb_epss(S, "CVE-2099-0003", &e, &err), 0);
	crk_arena_release(&a);
}

static void test_query__record(void **state)
{
	char *json;
	size_t len;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_vulndb_record(S, "DSA-9999-1", &json, &len, &err), CRK_OK);
	assert_int_equal(len, strlen(json));
	assert_non_null(strstr(json, "\"upstream\": [\"CVE-2099-0002\"]")); /* as written */
	crk_free(json);
	/* a record from an array file is stored compactly */
	assert_int_equal(crk_vulndb_record(S, "GO-2099-0001", &json, &len, &err), CRK_OK);
	assert_non_null(strstr(json, "\"aliases\":[\"CVE-2099-0003\",\"GHSA-gggg-hhhh-iiii\"]"));
	crk_free(json);
	assert_int_equal(crk_vulndb_record(S, "NOPE-1", &json, &len, &err), CRK_ENOTFOUND);
	assert_null(json);
}

static void test_query__status(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vulndb_source *v;
	size_t n;
	struct crk_err err;
	static const struct {
		const char *eco;
		long long records, withdrawn, newest;
	} osv[] = {
		{"Debian", 1, 0, 1717243200},    /* 2024-06-01T12:00:00Z */
		{"Go", 1, 0, 1719878400},        /* 2024-07-02 */
		{"Maven", 1, 0, 1709287200},     /* 2024-03-01T10:00:00Z */
		{"PyPI", 2, 0, 1714694400},      /* 2024-05-03 */
		{"crates.io", 1, 0, 1719792000}, /* 2024-07-01 */
		{"npm", 1, 1, 1706745600},       /* 2024-02-01 */
	};
	size_t i;
	(void)state;
	assert_int_equal(crk_vulndb_status(S, &a, &v, &n, &err), CRK_OK);
	assert_int_equal(n, 8);
	for (i = 0; i < 6; i++) {
		assert_int_equal(v[i].kind, CRK_VULNDB_OSV);
		assert_string_equal(v[i].ecosystem, osv[i].eco);
		assert_int_equal(v[i].records, osv[i].records);
		assert_int_equal(v[i].withdrawn, osv[i].withdrawn);
		assert_int_equal(v[i].newest, osv[i].newest);
		assert_int_equal(v[i].imported, 4070908800);
	}
	assert_int_equal(v[6].kind, CRK_VULNDB_KEV);
	assert_int_equal(v[6].records, 2);
	assert_string_equal(v[6].version, "2099.01.02");
	assert_int_equal(v[6].newest, 4071049200); /* 2099-01-02T15:00:00Z */
	assert_int_equal(v[7].kind, CRK_VULNDB_EPSS);
	assert_int_equal(v[7].records, 3);
	assert_string_equal(v[7].version, "v2025.03.14");
	assert_int_equal(v[7].newest, 4070908800 + 86400);
	crk_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query__maven),	 cmocka_unit_test(test_query__each),	 cmocka_unit_test(test_query__pypi_names),
		cmocka_unit_test(test_query__normalize), cmocka_unit_test(test_query__releases),
		cmocka_unit_test(test_query__withdrawn), cmocka_unit_test(test_query__aliases),
		cmocka_unit_test(test_query__alias_merge), cmocka_unit_test(test_query__kev_epss),
		cmocka_unit_test(test_query__record),	 cmocka_unit_test(test_query__status),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
