/*
 * test_pep440.c - PyPI versions (src/version/pep440.c): our vectors, the peer's files, the
 * packaging.version oracle, normalisation and the error message.
 */
#include "vtest.h"

#include "base/strbuf.h"
#include "version/scheme.h"

static void test_pep440__vectors(void **state)
{
	(void)state;
	vt_data("pep440", "pep440.txt", "PyPI", NULL);
}

static void test_pep440__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("pep440");
	/* The peer generated its file with packaging < 22, whose LegacyVersion ordered any string
	 * ("0.1-bulbasaur"); packaging >= 22 (the oracle) and PEP 440 refuse those, so lines
	 * holding one are skipped, and counted. */
	assert_true(vt_peer(&c, "PyPI", "PyPI", 1, NULL));
	vt_print("pep440", "versions/pypi-versions*.txt", &c);
	printf("pep440: (%zu lines skipped hold a LegacyVersion string, not PEP 440)\n", c.skipped);
	assert_int_equal(c.disagree, 0);
	assert_true(c.pairs > 12000 && c.skipped < 100);
}

static void test_pep440__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("pep440");
	assert_true(vt_oracle(&c, "pypi", "PyPI", NULL));
	vt_print("pep440", "versions-oracle/pypi (packaging 23.0)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_pep440__normalize(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"1.0", "1.0"},
		{"v1.0", "1.0"},
		{" 1.0\n", "1.0"},
		{"01.002.0", "1.2.0"},
		{"0!1.0", "1.0"},
		{"02!1.0", "2!1.0"},
		{"1.0ALPHA1", "1.0a1"},
		{"1.0-beta.2", "1.0b2"},
		{"1.0c1", "1.0rc1"},
		{"1.0preview", "1.0rc0"},
		{"1.0-1", "1.0.post1"},
		{"1.0.rev", "1.0.post0"},
		{"1.0_r_3", "1.0.post3"},
		{"1.0-DEV", "1.0.dev0"},
		{"1.0a1.post2.dev3", "1.0a1.post2.dev3"},
		{"1.0+Ubuntu-1_02", "1.0+ubuntu.1.2"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		assert_int_equal(crk_version_pep440.normalize(&sb, cases[i].in, strlen(cases[i].in),
							      NULL),
				 CRK_OK);
		assert_string_equal(sb.buf, cases[i].out);
		crk_strbuf_release(&sb);
	}
}

static void test_pep440__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("PyPI", "1.x", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.x' is not a valid PyPI version (PEP 440)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7); /* untouched */
	assert_int_equal(crk_version_compare("pypi", "1.0", "1.0+", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0+' is not a valid PyPI version (PEP 440)");
	assert_int_equal(crk_version_compare("PyPI", "1.0", "1.0.0", &out, &err), CRK_OK);
	assert_int_equal(out, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pep440__vectors),   cmocka_unit_test(test_pep440__corpus),
		cmocka_unit_test(test_pep440__oracle),    cmocka_unit_test(test_pep440__normalize),
		cmocka_unit_test(test_pep440__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
