/*
 * test_rpm.c - RPM versions (src/version/rpm.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)a, (void)b, (void)want, (void)got;
	return NULL;
}

static void test_rpm__vectors(void **state)
{
	(void)state;
	vt_data("rpm", "rpm.txt", "Red Hat", NULL);
}

static void test_rpm__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("rpm");
	assert_true(vt_peer(&c, "Red Hat", "Red Hat", 1, explain));
	vt_print("rpm", "versions/redhat-versions.txt", &c);
	printf("rpm: (%zu lines skipped hold a string rpmbuild would refuse (\"a:1\" as a version))\n", c.skipped);
	assert_int_equal(c.disagree, 0);
}

static void test_rpm__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("rpm");
	assert_true(vt_oracle(&c, "rpm", "Red Hat", explain));
	vt_print("rpm", "versions-oracle/rpm (librpm 4.18)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_rpm__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Red Hat", "1.0-1-1", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0-1-1' is not a valid Red Hat version (RPM, rpmvercmp)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpm__vectors),
		cmocka_unit_test(test_rpm__corpus),
		cmocka_unit_test(test_rpm__oracle),
		cmocka_unit_test(test_rpm__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
