/*
 * test_nuget.c - NuGet versions (src/version/nuget.c): our vectors, the peer's files and the error message.
 */
#include "vtest.h"

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)a, (void)b, (void)want, (void)got;
	return NULL;
}

static void test_nuget__vectors(void **state)
{
	(void)state;
	vt_data("nuget", "nuget.txt", "NuGet", NULL);
}

static void test_nuget__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("nuget");
	assert_true(vt_peer(&c, "NuGet", "NuGet", 1, explain));
	vt_print("nuget", "versions/nuget-versions.txt", &c);
	printf("nuget: (%zu lines skipped hold a number above 2^31-1)\n", c.skipped);
	assert_int_equal(c.disagree, 0);
}

static void test_nuget__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("NuGet", "1.0.0.0.0", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0.0.0.0' is not a valid NuGet version (NuGet SemVer 2.0)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nuget__vectors),
		cmocka_unit_test(test_nuget__corpus),
		cmocka_unit_test(test_nuget__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
