/*
 * test_cran.c - CRAN versions (src/version/cran.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

/* Trailing zeros: the peer's files (its hand-written lines, and its generated lines, made with an
 * R other than the oracle's 4.2.2) order 1.8 < 1.8.0, as utils::compareVersion() does;
 * package_version() in R 4.2.2 (the oracle: 1.0 = 1.0.0) pads with zeros. A disagreement is
 * explained when the two versions are equal once padded and differ in their number of parts. */
static size_t parts(const char *v)
{
	size_t n = 1;
	for (; *v; v++)
		n += *v == '.' || *v == '-';
	return n;
}

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco;
	if (b && got == 0 && want != 0 && parts(a) != parts(b))
		return "trailing zeros: compareVersion() semantics in the peer's file";
	return NULL;
}

static void test_cran__vectors(void **state)
{
	(void)state;
	vt_data("cran", "cran.txt", "CRAN", NULL);
}

static void test_cran__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("cran");
	assert_true(vt_peer(&c, "CRAN", "CRAN", 0, explain));
	vt_print("cran", "versions/cran-versions*.txt", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.explained, 6);
}

static void test_cran__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("cran");
	assert_true(vt_oracle(&c, "cran", "CRAN", explain));
	vt_print("cran", "versions-oracle/cran (R 4.2.2 package_version)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_cran__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("CRAN", "1.0a", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0a' is not a valid CRAN version (R package_version)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cran__vectors),
		cmocka_unit_test(test_cran__corpus),
		cmocka_unit_test(test_cran__oracle),
		cmocka_unit_test(test_cran__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
