/*
 * test_cvss3.c - CVSS v3.0/v3.1 (src/formats/cvss3.c): the reference vectors of FIRST's
 * calculators and scores published in CSAF advisories (tests/data/cvss/README.md), the rating
 * scale, and invalid vectors (an error naming the metric).
 */
#include <string.h>

#include "cvss_test.h"
#include "crakit/cvss.h"

static void check_file(const char *rel, size_t want_min)
{
	FILE *f = cvss_open(rel);
	struct cvss_line l;
	size_t n = 0, bad = 0;
	while (cvss_next(f, &l)) {
		struct crk_cvss_score s;
		struct crk_err err;
		char env[sizeof(l.vector) + 8];
		crk_err_clear(&err);
		if (crk_cvss_score(l.vector, strlen(l.vector), &s, &err) != CRK_OK) {
			printf("  %s: %s\n", l.vector, err.msg);
			bad++;
			continue;
		}
		n++;
		if (cvss_tenths(s.base) != cvss_tenths(l.score[0])) {
			printf("  %s: base %.1f, want %.1f\n", l.vector, s.base, l.score[0]);
			bad++;
		}
		if (l.nscores < 3)
			continue;
		if (cvss_tenths(s.temporal < 0 ? s.base : s.temporal) != cvss_tenths(l.score[1])) {
			printf("  %s: temporal %.1f, want %.1f\n", l.vector, s.temporal, l.score[1]);
			bad++;
		}
		/* The environmental score as FIRST's calculator shows it, metrics left at X. */
		snprintf(env, sizeof(env), "%s%s", l.vector, strstr(l.vector, "CR:") ? "" : "/CR:X");
		assert_int_equal(crk_cvss3_score(env, strlen(env), &s, &err), CRK_OK);
		if (cvss_tenths(s.environmental) != cvss_tenths(l.score[2])) {
			printf("  %s: environmental %.1f, want %.1f\n", env, s.environmental,
			       l.score[2]);
			bad++;
		}
	}
	fclose(f);
	printf("cvss3: %s: %zu vectors, %zu disagree\n", rel, n, bad);
	assert_int_equal(bad, 0);
	assert_true(n >= want_min);
}

static void test_cvss3__reference(void **state)
{
	(void)state;
	check_file("cvss/v3-reference.txt", 70);
}

static void test_cvss3__published(void **state)
{
	(void)state;
	check_file("cvss/v3-published.txt", 5);
}

static void test_cvss3__fields(void **state)
{
	struct crk_cvss_score s;
	const char *v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"; /* CVE-2021-44228 */
	(void)state;
	assert_int_equal(crk_cvss_score(v, strlen(v), &s, NULL), CRK_OK);
	assert_int_equal(s.version, CRK_CVSS_V3_1);
	assert_int_equal(cvss_tenths(s.score), 100);
	assert_int_equal(s.rating, CRK_CVSS_RATING_CRITICAL);
	assert_true(s.temporal < 0 && s.environmental < 0);
	assert_string_equal(s.nomenclature, "CVSS:3.1");
	/* Temporal only: E:U/RL:O/RC:C of 9.8 is Roundup(9.8 * 0.91 * 0.95) = 8.5. */
	v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C";
	assert_int_equal(crk_cvss_score(v, strlen(v), &s, NULL), CRK_OK);
	assert_int_equal(cvss_tenths(s.base), 98);
	assert_int_equal(cvss_tenths(s.temporal), 85);
	assert_int_equal(cvss_tenths(s.score), 85);
	assert_int_equal(s.rating, CRK_CVSS_RATING_HIGH);
	/* Any order is accepted. */
	v = "CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N";
	assert_int_equal(crk_cvss_score(v, strlen(v), &s, NULL), CRK_OK);
	assert_int_equal(cvss_tenths(s.score), 98);
}

static void test_cvss3__rating(void **state)
{
	(void)state;
	assert_int_equal(crk_cvss_rating_of(0.0), CRK_CVSS_RATING_NONE);
	assert_int_equal(crk_cvss_rating_of(0.1), CRK_CVSS_RATING_LOW);
	assert_int_equal(crk_cvss_rating_of(3.9), CRK_CVSS_RATING_LOW);
	assert_int_equal(crk_cvss_rating_of(4.0), CRK_CVSS_RATING_MEDIUM);
	assert_int_equal(crk_cvss_rating_of(6.9), CRK_CVSS_RATING_MEDIUM);
	assert_int_equal(crk_cvss_rating_of(7.0), CRK_CVSS_RATING_HIGH);
	assert_int_equal(crk_cvss_rating_of(8.9), CRK_CVSS_RATING_HIGH);
	assert_int_equal(crk_cvss_rating_of(9.0), CRK_CVSS_RATING_CRITICAL);
	assert_int_equal(crk_cvss_rating_of(10.0), CRK_CVSS_RATING_CRITICAL);
	assert_string_equal(crk_cvss_rating_str(CRK_CVSS_RATING_MEDIUM), "medium");
}

static void test_cvss3__invalid(void **state)
{
	static const struct {
		const char *v, *msg;
	} cases[] = {
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		 "CVSS:3.1 vector: metric 'A' is missing"},
		{"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		 "CVSS:3.1 vector: metric 'AV' given twice"},
		{"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		 "CVSS:3.1 vector: metric 'AV' has unknown value 'X'"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1",
		 "CVSS:3.1 vector: unknown metric 'ZZ'"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "CVSS:3.1 vector: ends with '/'"},
		{"CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		 "CVSS:3.1 vector: empty metric at offset 5 (a stray '/')"},
		{"CVSS:3.1/AV", "CVSS:3.1 vector: 'AV' is not METRIC:VALUE"},
		{"CVSS:3.1/", "CVSS:3.1 vector: no metrics"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z",
		 "CVSS:3.1 vector: metric 'E' has unknown value 'Z'"},
		{"CVSS:3.2/AV:N", "not a CVSS v3 vector: unknown version prefix 'CVSS:3.2/' (expected "
				  "'CVSS:3.0/' or 'CVSS:3.1/')"},
		{"AV:N/AC:L/Au:N/C:P/I:N/A:N",
		 "not a CVSS v3.x or v4.0 vector: it starts with 'AV:N/AC:L', not 'CVSS:3.0/', "
		 "'CVSS:3.1/' or 'CVSS:4.0/'"},
		{"CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		 "CVSS:3.1 vector: metric 'AV' has unknown value 'n'"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_cvss_score s;
		struct crk_err err;
		crk_err_clear(&err);
		assert_int_equal(crk_cvss_score(cases[i].v, strlen(cases[i].v), &s, &err),
				 CRK_EPARSE);
		assert_string_equal(err.msg, cases[i].msg);
	}
}

static void test_cvss3__limit(void **state)
{
	char v[CRK_CVSS_MAX_LEN + 64];
	struct crk_cvss_score s;
	struct crk_err err;
	(void)state;
	memset(v, 'A', sizeof(v));
	memcpy(v, "CVSS:3.1/", 9);
	assert_int_equal(crk_cvss_score(v, sizeof(v), &s, &err), CRK_ELIMIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss3__reference), cmocka_unit_test(test_cvss3__published),
		cmocka_unit_test(test_cvss3__fields),	 cmocka_unit_test(test_cvss3__rating),
		cmocka_unit_test(test_cvss3__invalid),	 cmocka_unit_test(test_cvss3__limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
