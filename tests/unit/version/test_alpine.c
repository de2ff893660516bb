/*
 * test_alpine.c - Alpine versions (src/version/alpine.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)a, (void)b, (void)want, (void)got;
	return NULL;
}

static void test_alpine__vectors(void **state)
{
	(void)state;
	vt_data("alpine", "alpine.txt", "Alpine", NULL);
}

static void test_alpine__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("alpine");
	assert_true(vt_peer(&c, "Alpine", "Alpine", 1, explain));
	vt_print("alpine", "versions/alpine-versions*.txt", &c);
	printf("alpine: (%zu lines skipped hold a string apk-tools 3 refuses; apk-tools 2, as in the peer, orders anything)\n", c.skipped);
	assert_int_equal(c.disagree, 0);
}

static void test_alpine__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("alpine");
	assert_true(vt_oracle(&c, "alpine", "Alpine", explain));
	vt_print("alpine", "versions-oracle/alpine (apk-tools 3.0.6)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_alpine__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Alpine", "1.0-1", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0-1' is not a valid Alpine version (apk-tools)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alpine__vectors),
		cmocka_unit_test(test_alpine__corpus),
		cmocka_unit_test(test_alpine__oracle),
		cmocka_unit_test(test_alpine__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
