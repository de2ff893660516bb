/*
 * test_maven.c - Maven versions (src/version/maven.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

/* The peer's files follow Maven 3.9, whose ComparableVersion changed (MNG-7559, MNG-7644,
 * MNG-7714: qualifiers directly joined to digits after a dot, "-ga-" inside a version); we follow
 * Maven 3.8.7 with the oracle, which for instance has 1.0-final-1 < 1.0-1 (so 1-ga-1 < 1-1) and
 * 1.0.RC1 = 1.0-RC1 (so 1.5.9.RC1 > 1.5.9-RC0). These are all the lines concerned. */
#define M39 "Maven 3.9 ordering; 3.8.7 (the oracle) differs"
static const struct vt_known known[] = {
	{"1-1", "1-ga-1", M39},
	{"1.0.0-RC16", "1.0.0.RC8-beta", M39},
	{"1.0.0-gradle-rework-beta3", "1.0.0.RC7-3", M39},
	{"2.9.0-1", "2.9.0.RC1", M39},
	{"6.1.12.rc5", "6.1.12rc1", M39},
	{"1.1.31.sec10", "1.1.31_noneautotype", M39},
	{"1.1.34.sec10", "1.1.34_noneautotype", M39},
	{"1.1.46.sec10", "1.1.46_noneautotype", M39},
	{"1.2.8.sec10_noneautotype", "1.2.8_noneautotype", M39},
	{"1.2.31.sec10", "1.2.31_noneautotype", M39},
	{"1.2.48.sec10", "1.2.48_noneautotype", M39},
	{"1.2.50.sec10", "1.2.50_noneautotype", M39},
	{"1.2.54.sec10", "1.2.54_noneautotype", M39},
	{"1.2.57.sec10", "1.2.57_noneautotype", M39},
	{"1.2.60.sec10", "1.2.60_noneautotype", M39},
	{"1.2.67.sec10", "1.2.67_noneautotype", M39},
	{"1.0.0rc0", "1.0.beta8", M39},
	{"1.5.9.RC1", "1.5.9-RC0", M39},
	{"1.1.0-01-glassfish", "1.1.0.Beta1", M39},
};

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)want, (void)got;
	return vt_known_pair(known, sizeof(known) / sizeof(known[0]), a, b);
}

static void test_maven__vectors(void **state)
{
	(void)state;
	vt_data("maven", "maven.txt", "Maven", NULL);
}

static void test_maven__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("maven");
	assert_true(vt_peer(&c, "Maven", "Maven", 0, explain));
	vt_print("maven", "versions/maven-versions*.txt", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.explained, sizeof(known) / sizeof(known[0]));
}

static void test_maven__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("maven");
	assert_true(vt_oracle(&c, "maven", "Maven", explain));
	vt_print("maven", "versions-oracle/maven (ComparableVersion 3.8.7)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_maven__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Maven", "", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'' is not a valid Maven version (Maven ComparableVersion)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maven__vectors),
		cmocka_unit_test(test_maven__corpus),
		cmocka_unit_test(test_maven__oracle),
		cmocka_unit_test(test_maven__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
