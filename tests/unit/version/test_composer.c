/*
 * test_composer.c - Packagist versions (src/version/composer.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

#include "base/strbuf.h"
#include "version/scheme.h"

/* The peer's files compare with PHP's version_compare() alone, a leading v removed; Composer
 * (and the oracle) normalises first: 1.0 = 1.0.0 (padding), v3.0 > v3.0.0-beta, ALPHA and BETA
 * are stabilities (version_compare ignores their case-sensitive spelling), and -stable is
 * dropped. These are all the lines concerned; lines with a version normalize() refuses
 * ("4.3-2RC1", "1.2.3.#", 30-digit numbers) are skipped and counted. */
#define NORM "the peer compares without Composer's normalize()"
static const struct vt_known known[] = {
	{"1.0.0", "1.0", NORM},
	{"v3.0", "v3.0.0-beta", NORM},
	{"v3.4", "v3.4.0-alpha", NORM},
	{"v4-beta4", "v4.0-alpha", NORM},
	{"v1.9.0-ALPHA.1", "v1.9.0-BETA.1", NORM},
	{"v1.9.0-BETA.1", "v1.9.0-ALPHA.2", NORM},
	{"v1.9.0-ALPHA.2", "v1.9.0-BETA.2", NORM},
	{"5.1.0-stable", "5.1.0-beta2", NORM},
	{"v4.4", "v4.4.0-beta", NORM},
	{"v6.5", "v6.5.0-beta-0", NORM},
	{"v6.6", "v6.6.0-beta", NORM},
};

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)eco, (void)want, (void)got;
	return vt_known_pair(known, sizeof(known) / sizeof(known[0]), a, b);
}

static void test_composer__vectors(void **state)
{
	(void)state;
	vt_data("composer", "composer.txt", "Packagist", NULL);
}

static void test_composer__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("composer");
	assert_true(vt_peer(&c, "Packagist", "Packagist", 1, explain));
	vt_print("composer", "versions/packagist-versions*.txt", &c);
	printf("composer: (%zu lines skipped hold a version Composer's normalize() refuses)\n",
	       c.skipped);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.explained, sizeof(known) / sizeof(known[0]));
}

static void test_composer__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("composer");
	assert_true(vt_oracle(&c, "packagist", "Packagist", explain));
	vt_print("composer", "versions-oracle/packagist (composer/semver 3.3.2)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
}

static void test_composer__normalize(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"1.0", "1.0.0.0"},
		{" v1.0.0-beta.2 ", "1.0.0.0-beta2"},
		{"1.0.0-b1", "1.0.0.0-beta1"},
		{"1.0.0-pl2", "1.0.0.0-patch2"},
		{"1.0.0-rc1-dev", "1.0.0.0-RC1-dev"},
		{"1.0.0.dev", "1.0.0.0-dev"},
		{"1.0.0-stable", "1.0.0.0"},
		{"1.0.0-STABLE", "1.0.0.0-stable"},
		{"1.0.0-stable-dev", "1.0.0.0"},
		{"1.0.", "1.0.0.0"},
		{"1.0.0+build.1", "1.0.0.0"},
		{"1.0@beta", "1.0.0.0"},
		{"1.0 as 2.0", "1.0.0.0"},
		{"1.0.x-dev", "1.0.9999999.9999999-dev"},
		{"2.X-dev", "2.9999999.9999999.9999999-dev"},
		{"master", "dev-master"},
		{"DEV-Feature/x", "dev-Feature/x"},
		{"2020-01-01", "2020.01.01"},
		{"v20200101-beta1", "20200101-beta1"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		if (crk_version_composer.normalize(&sb, cases[i].in, strlen(cases[i].in), NULL) !=
			    CRK_OK ||
		    strcmp(sb.buf, cases[i].out) != 0)
			fail_msg("'%s': want '%s', got '%s'", cases[i].in, cases[i].out, sb.buf);
		crk_strbuf_release(&sb);
	}
}

static void test_composer__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Packagist", "1.0-foo", "1.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0-foo' is not a valid Packagist version (Composer)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_composer__vectors),
		cmocka_unit_test(test_composer__corpus),
		cmocka_unit_test(test_composer__oracle),
		cmocka_unit_test(test_composer__normalize),
		cmocka_unit_test(test_composer__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
