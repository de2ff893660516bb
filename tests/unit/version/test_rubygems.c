/*
 * test_rubygems.c - RubyGems versions (src/version/rubygems.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)a, (void)b, (void)want, (void)got;
	return NULL;
}

static void test_rubygems__vectors(void **state)
{
	(void)state;
	vt_data("rubygems", "rubygems.txt", "RubyGems", NULL);
}

static void test_rubygems__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("rubygems");
	assert_true(vt_peer(&c, "RubyGems", "RubyGems", 1, explain));
	vt_print("rubygems", "versions/rubygems-versions*.txt", &c);
	printf("rubygems: (%zu lines skipped hold a string Gem::Version refuses (\"1beta\"))\n", c.skipped);
	assert_int_equal(c.disagree, 0);
}

static void test_rubygems__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("rubygems");
	assert_true(vt_oracle(&c, "rubygems", "RubyGems", explain));
	vt_print("rubygems", "versions-oracle/rubygems (RubyGems 3.3.15)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_rubygems__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("RubyGems", "1.0+1", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0+1' is not a valid RubyGems version (Gem::Version)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rubygems__vectors),
		cmocka_unit_test(test_rubygems__corpus),
		cmocka_unit_test(test_rubygems__oracle),
		cmocka_unit_test(test_rubygems__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
