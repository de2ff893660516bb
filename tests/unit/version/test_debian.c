/*
 * test_debian.c - Debian versions (src/version/debian.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)a, (void)b, (void)want, (void)got;
	return NULL;
}

static void test_debian__vectors(void **state)
{
	(void)state;
	vt_data("debian", "debian.txt", "Debian", NULL);
}

static void test_debian__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("debian");
	assert_true(vt_peer(&c, "Debian", "Debian", 0, explain));
	vt_print("debian", "versions/debian-versions*.txt", &c);
	assert_int_equal(c.disagree, 0);
}

static void test_debian__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("debian");
	assert_true(vt_oracle(&c, "debian", "Debian", explain));
	vt_print("debian", "versions-oracle/debian (dpkg 1.21.22)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_debian__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Debian", "1.0-", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0-' is not a valid Debian version (Debian Policy 5.6.12, dpkg)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian__vectors),
		cmocka_unit_test(test_debian__corpus),
		cmocka_unit_test(test_debian__oracle),
		cmocka_unit_test(test_debian__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
