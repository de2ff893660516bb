/*
 * test_osv.c - OSV records (src/formats/osv.c), RFC 3339 timestamps (src/formats/datetime.c)
 * and JSON positions (src/formats/jsonpos.c): every OSV record of the shared corpus parses
 * (the files that are not OSV records, GitHub-format converter inputs and the schema files, are
 * refused), malformed records are refused with path:line:col, timestamps convert to the Unix
 * times Python's calendar.timegm gives.
 */
#include "../test.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "formats/datetime.h"
#include "formats/jsonpos.h"
#include "formats/osv.h"

static int parse_str(const char *text, struct crk_osv_record *r, struct crk_arena *a,
		     json_t **root, struct crk_err *err)
{
	return crk_osv_parse(r, a, text, strlen(text), "t.json", root, err);
}

static void test_osv__record(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_osv_record r;
	struct crk_err err;
	json_t *root;
	static const char text[] =
		"{\"schema_version\":\"1.7.0\",\"id\":\"GHSA-x\",\"modified\":"
		"\"2024-01-02T03:04:05.5Z\",\"published\":\"2024-01-01T00:00:00+01:00\","
		"\"aliases\":[\"CVE-2024-1\"],\"summary\":\"s\",\"severity\":[{\"type\":\"CVSS_V3\","
		"\"score\":\"CVSS:3.1/AV:N\"}],\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\","
		"\"name\":\"x\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":"
		"\"0\"}]}],\"versions\":[\"1\"]},{\"ranges\":[{\"type\":\"GIT\",\"repo\":\"r\","
		"\"events\":[{\"introduced\":\"abc\"}]}]}],\"unknown\":{\"a\":[1,2]}}";
	(void)state;
	assert_int_equal(parse_str(text, &r, &a, &root, &err), CRK_OK);
	assert_string_equal(r.id, "GHSA-x");
	assert_int_equal(r.modified_us, 1704164645500000LL);
	assert_int_equal(r.published_us, 1704063600000000LL); /* 2023-12-31T23:00:00Z */
	assert_int_equal(r.withdrawn_us, 0);
	assert_int_equal(r.naliases, 1);
	assert_string_equal(r.severity[0].score, "CVSS:3.1/AV:N");
	assert_int_equal(r.naffected, 2);
	assert_string_equal(r.affected[0].ecosystem, "PyPI");
	assert_null(r.affected[1].ecosystem); /* a GIT-only entry names no package */
	assert_string_equal(r.affected[1].json,
			    "{\"ranges\":[{\"type\":\"GIT\",\"repo\":\"r\",\"events\":"
			    "[{\"introduced\":\"abc\"}]}]}");
	json_decref(root);
	crk_arena_release(&a);
}

static void test_osv__malformed(void **state)
{
	static const struct {
		const char *text;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"{\"id\":\"X\"}", CRK_EPARSE, 1, 1, "OSV record X: `modified` is required"},
		{"{\"modified\":\"2024-01-01T00:00:00Z\"}", CRK_EPARSE, 1, 1,
		 "OSV record: `id` is required"},
		{"{\"id\":\"a b\",\"modified\":\"2024-01-01T00:00:00Z\"}", CRK_EPARSE, 1, 1, NULL},
		{"{\"id\":\"X\",\"modified\":\"2024-13-01T00:00:00Z\"}", CRK_EPARSE, 1, 1,
		 "OSV record X: `modified`: '2024-13-01T00:00:00Z' is not an RFC 3339 timestamp"},
		{"{\"id\":\"X\",\"modified\":\"2024-01-01\"}", CRK_EPARSE, 1, 1, NULL},
		{"{\"id\":\"X\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":\"CVE-1\"}",
		 CRK_EPARSE, 1, 1, "OSV record X: `aliases`: expected an array"},
		{"{\"id\":\"X\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
		 "{\"ecosystem\":\"npm\",\"name\":\"a\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":"
		 "[{\"fixed\":1}]}]}]}",
		 CRK_EPARSE, 1, 1,
		 "OSV record X: affected[0].ranges[0].events[0].fixed: expected a string"},
		{"{\"id\":\"X\",\"modified\":\"2024-01-01T00:00:00Z\",\"severity\":[{\"type\":"
		 "\"CVSS_V3\"}]}",
		 CRK_EPARSE, 1, 1, NULL},
		{"{\"id\":\"X\",\"id\":\"Y\",\"modified\":\"2024-01-01T00:00:00Z\"}", CRK_EPARSE, 1, 0,
		 NULL}, /* duplicate keys are refused by the JSON parser */
		{"{\"id\":\"X\",\n  \"modified\": 2024}", CRK_EPARSE, 1, 1, NULL},
		{"{\"id\":\"X\",\n  \"modified\": \"2024-01-01T00:00:00Z\"\n  \"summary\": \"\"}",
		 CRK_EPARSE, 3, 11, NULL}, /* missing comma: jansson's line:col */
		{"[]", CRK_EPARSE, 1, 1, "OSV record: expected a JSON object"},
		{"{\"schema_version\":\"2.0\",\"id\":\"X\",\"modified\":\"2024-01-01T00:00:00Z\"}",
		 CRK_EUNSUPPORTED, 1, 1, NULL},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_osv_record r;
		struct crk_err err;
		json_t *root;
		int rc;
		crk_err_clear(&err);
		rc = parse_str(cases[i].text, &r, &a, &root, &err);
		if (rc != cases[i].rc || err.line != cases[i].line ||
		    (cases[i].col && err.col != cases[i].col) ||
		    (cases[i].msg && strcmp(err.msg, cases[i].msg) != 0))
			fail_msg("case %zu: got %d %u:%u %s", i, rc, err.line, err.col, err.msg);
		assert_string_equal(err.path, "t.json");
		json_decref(root);
		crk_arena_release(&a);
	}
}

static void test_osv__times(void **state)
{
	static const struct {
		const char *s;
		long long us; /* calendar.timegm(...) * 10**6 + fraction */
	} ok[] = {
		{"1970-01-01T00:00:00Z", 0},
		{"2021-12-10T00:40:56Z", 1639096856000000LL},
		{"2024-02-29T23:59:59.999999Z", 1709251199999999LL},
		{"2024-02-29t23:59:59.9999999z", 1709251199999999LL},
		{"2023-03-20T00:00:00+0000", 1679270400000000LL},
		{"2023-03-20T02:30:00+02:30", 1679270400000000LL},
		{"2023-03-19T19:00:00-05:00", 1679270400000000LL},
		{"2016-12-31T23:59:60Z", 1483228799000000LL},
		{"0001-01-01T00:00:00Z", -62135596800000000LL},
	};
	static const char *const bad[] = {
		"2023-02-29T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:00:00",
		"2023-01-01T00:00:00.Z", "2023-01-01 00:00Z",  "2023-1-01T00:00:00Z",
		"2023-01-01T00:00:00+2", "2023-01-01T00:00:00Zx", "",
	};
	char buf[21];
	int64_t t;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (crk_time_parse_rfc3339(ok[i].s, strlen(ok[i].s), &t) != 0 || t != ok[i].us)
			fail_msg("%s: got %lld", ok[i].s, (long long)t);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (crk_time_parse_rfc3339(bad[i], strlen(bad[i]), &t) == 0)
			fail_msg("%s: accepted", bad[i]);
	assert_int_equal(crk_time_parse_date("2099-01-02", 10, &t), 0);
	assert_int_equal(t, 4070995200LL);
	assert_int_equal(crk_time_parse_date("2099-02-30", 10, &t), -1);
	crk_time_format(1639096856, buf);
	assert_string_equal(buf, "2021-12-10T00:40:56Z");
	crk_time_format(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

static void test_osv__positions(void **state)
{
	static const char text[] = "\xef\xbb\xbf [ {\"a\": [1, \"]\\\"\"]},\n  2 ,\n\"x\" , {} ]";
	static const char obj[] = "{\"k\\\"\": {\"vulnerabilities\": 1}, \"vulnerabilities\" :\n [9]}";
	size_t off;
	(void)state;
	assert_int_equal(crk_json_array_elem_offset(text, strlen(text), 0, 0, &off), 0);
	assert_int_equal(off, 6);
	assert_int_equal(crk_json_array_elem_offset(text, strlen(text), 0, 1, &off), 0);
	assert_int_equal(off, 27);
	assert_int_equal(crk_json_array_elem_offset(text, strlen(text), 0, 2, &off), 0);
	assert_int_equal(text[off], '"');
	assert_int_equal(crk_json_array_elem_offset(text, strlen(text), 0, 3, &off), 0);
	assert_int_equal(text[off], '{');
	assert_int_equal(crk_json_array_elem_offset(text, strlen(text), 0, 4, &off), -1);
	assert_int_equal(crk_json_member_offset(obj, strlen(obj), "vulnerabilities", &off), 0);
	assert_int_equal(obj[off], '[');
	assert_int_equal(crk_json_member_offset(obj, strlen(obj), "nope", &off), -1);
}

/* Every *.json under corpus/osv/<dir> that is an OSV record parses. */
static size_t parse_dir(const char *rel, size_t *refused)
{
	DIR *d;
	struct dirent *de;
	size_t n = 0;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", test_corpus(rel));
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[8192], *buf;
		size_t len;
		struct crk_err err;
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_osv_record r;
		json_t *root;
		int rc;
		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
		rc = crk_osv_parse(&r, &a, buf, len, path, &root, &err);
		if (strncmp(de->d_name, "ghsa__", 6) == 0 && !strstr(de->d_name, ".osv.json")) {
			/* GitHub's own advisory format, the converter's input: not OSV */
			assert_int_equal(rc, CRK_EPARSE);
			assert_string_equal(err.msg, "OSV record: `id` is required");
			(*refused)++;
		} else if (rc != CRK_OK) {
			fail_msg("%s:%u:%u: %s", path, err.line, err.col, err.msg);
		} else {
			assert_string_equal(r.id, json_string_value(json_object_get(root, "id")));
			n++;
		}
		json_decref(root);
		crk_arena_release(&a);
		crk_free(buf);
	}
	closedir(d);
	return n;
}

static void test_osv__corpus(void **state)
{
	static const struct {
		const char *dir;
		size_t n;
	} dirs[] = {{"osv/almalinux", 200}, {"osv/crates.io", 1206}, {"osv/ghsa", 368},
		    {"osv/go", 4291},	    {"osv/psf", 132},	     {"osv/pypi", 2661},
		    {"osv/osv-schema-examples", 25}};
	size_t i, total = 0, refused = 0;
	struct stat sb;
	(void)state;
	if (stat(test_corpus("osv"), &sb) != 0)
		skip(); /* the shared corpus is absent */
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		size_t n = parse_dir(dirs[i].dir, &refused);
		if (n != dirs[i].n)
			fail_msg("%s: %zu records parsed, want %zu", dirs[i].dir, n, dirs[i].n);
		total += n;
	}
	assert_int_equal(total, 8883);
	assert_int_equal(refused, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osv__record),  cmocka_unit_test(test_osv__malformed),
		cmocka_unit_test(test_osv__times),   cmocka_unit_test(test_osv__positions),
		cmocka_unit_test(test_osv__corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
