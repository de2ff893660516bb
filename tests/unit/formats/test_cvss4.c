/*
 * test_cvss4.c - CVSS v4.0 (src/formats/cvss4.c, cvss4_lookup.c): reference vectors of FIRST's
 * v4.0 calculator (tests/data/cvss/README.md), hand-checked steps of the interpolation, the
 * nomenclature, and invalid vectors (an error naming the metric).
 */
#include <string.h>

#include "cvss_test.h"
#include "crakit/cvss.h"

static void test_cvss4__reference(void **state)
{
	FILE *f = cvss_open("cvss/v4-reference.txt");
	struct cvss_line l;
	size_t n = 0, bad = 0;
	(void)state;
	while (cvss_next(f, &l)) {
		struct crk_cvss_score s;
		struct crk_err err;
		crk_err_clear(&err);
		if (crk_cvss_score(l.vector, strlen(l.vector), &s, &err) != CRK_OK) {
			printf("  %s: %s\n", l.vector, err.msg);
			bad++;
			continue;
		}
		n++;
		if (cvss_tenths(s.score) != cvss_tenths(l.score[0])) {
			printf("  %s: %.1f, want %.1f\n", l.vector, s.score, l.score[0]);
			bad++;
		}
		assert_int_equal(s.rating, crk_cvss_rating_of(l.score[0]));
	}
	fclose(f);
	printf("cvss4: cvss/v4-reference.txt: %zu vectors, %zu disagree\n", n, bad);
	assert_int_equal(bad, 0);
	assert_true(n >= 60);
}

static double score(const char *v, struct crk_cvss_score *s)
{
	struct crk_err err;
	crk_err_clear(&err);
	if (crk_cvss4_score(v, strlen(v), s, &err) != CRK_OK)
		fail_msg("%s: %s", v, err.msg);
	return s->score;
}

static void test_cvss4__hand(void **state)
{
	struct crk_cvss_score s;
	(void)state;
	/* MacroVector 000100 is 10 in the table; SA:N is 0.2 below SA:H of the highest vector of
	 * EQ4=1 (depth 5), and the next lower EQ4 MacroVector 000200 is 9.3: 10 - 0.7 * 0.2 / 0.5
	 * / 5 (five EQs have a lower MacroVector) = 9.944 -> 9.9 (the Python `cvss` README). */
	assert_int_equal(cvss_tenths(score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/"
					   "SI:H/SA:N",
					   &s)),
			 99);
	assert_string_equal(s.nomenclature, "CVSS-B");
	assert_int_equal(s.version, CRK_CVSS_V4_0);
	/* The highest vector of all: MacroVector 000000 = 10. */
	assert_int_equal(cvss_tenths(score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/"
					   "SI:H/SA:H",
					   &s)),
			 100);
	/* No impact at all: 0. */
	assert_int_equal(cvss_tenths(score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/"
					   "SI:N/SA:N",
					   &s)),
			 0);
	assert_int_equal(s.rating, CRK_CVSS_RATING_NONE);
	/* The polycvss documentation's example. */
	assert_int_equal(cvss_tenths(score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/"
					   "SI:N/SA:N",
					   &s)),
			 69);
}

static void test_cvss4__nomenclature(void **state)
{
	struct crk_cvss_score s;
	const char *b = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
	char v[256];
	(void)state;
	assert_int_equal(cvss_tenths(score(b, &s)), 93);
	assert_string_equal(s.nomenclature, "CVSS-B");
	/* E:U lowers the score (EQ5 = 2) but not the CVSS-B base. */
	snprintf(v, sizeof(v), "%s/E:U", b);
	score(v, &s);
	assert_string_equal(s.nomenclature, "CVSS-BT");
	assert_int_equal(cvss_tenths(s.base), 93);
	assert_true(s.score < s.base);
	snprintf(v, sizeof(v), "%s/E:X/CR:L", b);
	score(v, &s);
	assert_string_equal(s.nomenclature, "CVSS-BE");
	snprintf(v, sizeof(v), "%s/E:P/MAV:P", b);
	score(v, &s);
	assert_string_equal(s.nomenclature, "CVSS-BTE");
	/* Supplemental metrics do not change the score. */
	snprintf(v, sizeof(v), "%s/S:P/AU:Y/R:I/V:C/RE:H/U:Red", b);
	assert_int_equal(cvss_tenths(score(v, &s)), 93);
	assert_string_equal(s.nomenclature, "CVSS-B");
	/* MSI:S (safety) makes EQ4 = 0. */
	snprintf(v, sizeof(v), "%s/MSI:S", b);
	assert_int_equal(cvss_tenths(score(v, &s)), 100);
}

static void test_cvss4__invalid(void **state)
{
	static const struct {
		const char *v, *msg;
	} cases[] = {
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
		 "CVSS:4.0 vector: metric 'SA' is missing"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N",
		 "CVSS:4.0 vector: metric 'SA' given twice"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
		 "CVSS:4.0 vector: metric 'SI' has unknown value 'S'"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		 "CVSS:4.0 vector: metric 'UI' has unknown value 'R'"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U",
		 "CVSS:4.0 vector: metric 'S' has unknown value 'U'"},
		/* a v3.1 vector under a v4.0 prefix */
		{"CVSS:4.0/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", "CVSS:4.0 vector: unknown metric 'C'"},
		{"CVSS:4.1/AV:N", "not a CVSS v4 vector: unknown version prefix 'CVSS:4.1/' (expected "
				  "'CVSS:4.0/')"},
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss4__reference),
		cmocka_unit_test(test_cvss4__hand),
		cmocka_unit_test(test_cvss4__nomenclature),
		cmocka_unit_test(test_cvss4__invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
