/*
 * test_kev.c - the CISA KEV catalogue (src/formats/kev.c). Oracle: the corpus holds the same
 * catalogue (2025.08.25) as JSON and as CSV, both published by CISA; every entry read from the
 * JSON must agree with its CSV row (id, vendor, product, dates, ransomware use, CWEs), and the
 * count must be the 1,404 the corpus README states. Plus the checks on malformed catalogues.
 */
#include "../test.h"

#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "formats/kev.h"

/* A minimal RFC 4180 reader: the next field of `p` into out; returns the position after it
 * and sets *eol at the end of a record. */
static const char *csv_field(const char *p, const char *end, char *out, size_t outsize,
			     int *eol)
{
	size_t n = 0;
	*eol = 0;
	if (p < end && *p == '"') {
		for (p++; p < end; p++) {
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"') {
					p++;
				} else {
					p++;
					break;
				}
			}
			if (n + 1 < outsize)
				out[n++] = *p;
		}
	} else {
		for (; p < end && *p != ',' && *p != '\n' && *p != '\r'; p++)
			if (n + 1 < outsize)
				out[n++] = *p;
	}
	out[n] = '\0';
	if (p < end && *p == ',')
		return p + 1;
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	*eol = 1;
	return p;
}

static void test_kev__corpus_json_agrees_with_csv(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_kev_catalog cat;
	struct crk_err err;
	char *js, *csv;
	size_t jl, cl, i = 0;
	const char *p, *end;
	json_t *root;
	struct stat sb;
	char f[11][4096];
	int eol, k;
	(void)state;
	if (stat(test_corpus("kev/known_exploited_vulnerabilities.json"), &sb) != 0)
		skip(); /* the shared corpus is absent */
	assert_int_equal(crk_read_file(test_corpus("kev/known_exploited_vulnerabilities.json"),
				       CRK_MAX_FILE_SIZE, &js, &jl, &err),
			 CRK_OK);
	assert_int_equal(crk_read_file(test_corpus("kev/known_exploited_vulnerabilities.csv"),
				       CRK_MAX_FILE_SIZE, &csv, &cl, &err),
			 CRK_OK);
	assert_int_equal(crk_kev_parse(&cat, &a, js, jl, "kev.json", &root, &err), CRK_OK);
	assert_int_equal(cat.n, 1404);
	assert_string_equal(cat.version, "2025.08.25");
	assert_string_equal(cat.date_released, "2025-08-25T17:04:19.9796Z");
	assert_int_equal(cat.released_us, 1756141459979600LL);
	p = csv;
	end = csv + cl;
	for (k = 0; k < 11; k++) /* the header */
		p = csv_field(p, end, f[k], sizeof(f[k]), &eol);
	while (p < end) {
		const struct crk_kev_vuln *v;
		for (k = 0; k < 11; k++)
			p = csv_field(p, end, f[k], sizeof(f[k]), &eol);
		assert_true(eol);
		assert_true(i < cat.n);
		v = &cat.v[i++];
		assert_string_equal(v->cve, f[0]);
		assert_string_equal(v->vendor, f[1]);
		assert_string_equal(v->product, f[2]);
		assert_string_equal(v->date_added, f[4]);
		assert_string_equal(v->due_date, f[7]);
		assert_string_equal(v->ransomware, f[8]);
		assert_string_equal(v->cwes ? v->cwes : "", f[10]);
	}
	assert_int_equal(i, 1404);
	json_decref(root);
	crk_free(js);
	crk_free(csv);
	crk_arena_release(&a);
}

static void test_kev__malformed(void **state)
{
	static const struct {
		const char *text, *msg;
		unsigned line, col;
	} cases[] = {
		{"{\"catalogVersion\":\"1\",\"dateReleased\":\"2024-01-01T00:00:00Z\",\"count\":0}",
		 "not a KEV catalogue: expected an object with `catalogVersion` and a "
		 "`vulnerabilities` array",
		 1, 1},
		{"{\"catalogVersion\":\"1\",\"dateReleased\":\"2024-01-01\",\"count\":0,"
		 "\"vulnerabilities\":[]}",
		 "KEV dateReleased '2024-01-01' is not an RFC 3339 date-time", 1, 1},
		{"{\"catalogVersion\":\"1\",\"dateReleased\":\"2024-01-01T00:00:00Z\","
		 "\"vulnerabilities\":[]}",
		 "KEV count is required and must be an integer", 1, 1},
		{"{\"catalogVersion\":\"1\",\"dateReleased\":\"2024-01-01T00:00:00Z\",\"count\":1,"
		 "\"vulnerabilities\":[\n  {\"cveID\":\"CVE-2024-0001\"}]}",
		 "KEV vulnerabilities[0].vendorProject is required", 2, 3},
		{"{\"catalogVersion\":\"1\",\"dateReleased\":\"2024-01-01T00:00:00Z\",\"count\":1,"
		 "\"vulnerabilities\":[{\"cveID\":\"CVE-2024-0001\",\"vendorProject\":\"v\","
		 "\"product\":\"p\",\"vulnerabilityName\":\"n\",\"dateAdded\":\"2024-1-1\","
		 "\"shortDescription\":\"d\",\"requiredAction\":\"r\",\"dueDate\":\"2024-02-01\"}]}",
		 "KEV CVE-2024-0001: dateAdded '2024-1-1' or dueDate '2024-02-01' is not a YYYY-MM-DD "
		 "date",
		 1, 90},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_kev_catalog cat;
		struct crk_err err;
		json_t *root;
		int rc = crk_kev_parse(&cat, &a, cases[i].text, strlen(cases[i].text), "k.json",
				       &root, &err);
		if (rc != CRK_EPARSE || strcmp(err.msg, cases[i].msg) != 0 ||
		    err.line != cases[i].line || err.col != cases[i].col)
			fail_msg("case %zu: %d %u:%u %s", i, rc, err.line, err.col, err.msg);
		json_decref(root);
		crk_arena_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kev__corpus_json_agrees_with_csv),
		cmocka_unit_test(test_kev__malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
