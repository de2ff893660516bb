/*
 * test_semver.c - SemVer as npm, crates.io, Hex and Pub read it, and the lenient SemVer of OSV
 * ranges (src/version/semver.c): our vectors, the peer's files, the node-semver, semver-crate
 * and Elixir oracles, and error messages.
 */
#include "vtest.h"

static void test_semver__vectors(void **state)
{
	(void)state;
	vt_data("semver", "semver.txt", "npm", NULL);
}

/* crates.io orders build metadata (the oracle: 1.0.0+a < 1.0.0+b); the peer's lenient SemVer
 * ignores it. These are the two lines concerned. */
static const struct vt_known cargo_build[] = {
	{"1.2.3-beta+build", "1.2.3-beta+otherbuild", "crates.io orders build metadata"},
	{"1.2.3+build", "1.2.3+otherbuild", "crates.io orders build metadata"},
};

static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	(void)want, (void)got;
	if (strcmp(eco, "crates.io") != 0)
		return NULL;
	return vt_known_pair(cargo_build, 2, a, b);
}

/* The peer's semver-versions.txt is its lenient SemVer (INDEX.json caveats): all of it must hold
 * for our lenient scheme; for npm, crates.io and Hex, the lines whose versions the ecosystem
 * itself accepts must hold, the others are skipped and counted. */
static void test_semver__corpus(void **state)
{
	static const char *const strict[] = {"npm", "crates.io", "Hex"};
	struct vt_counts c = {0};
	size_t i;
	(void)state;
	VT_NEED_CORPUS("semver");
	assert_true(vt_ops_file(&c, test_corpus("versions/semver-versions.txt"), "SemVer", 0, NULL));
	vt_print("semver", "versions/semver-versions.txt as lenient SemVer", &c);
	assert_int_equal(c.disagree, 0);
	for (i = 0; i < 3; i++) {
		char what[128];
		memset(&c, 0, sizeof(c));
		assert_true(vt_peer(&c, strict[i], strict[i], 1, explain));
		snprintf(what, sizeof(what), "versions/semver-versions.txt as %s (lines with a "
					     "version %s refuses skipped)",
			 strict[i], strict[i]);
		vt_print("semver", what, &c);
		assert_int_equal(c.disagree, 0);
		assert_int_equal(c.explained, i == 1 ? 2 : 0);
		assert_true(c.pairs >= 40);
	}
	/* Pub: the peer's pub-versions.txt also holds "v1.2.3" and "1.1.3.4.5", which pub_semver
	 * refuses */
	memset(&c, 0, sizeof(c));
	assert_true(vt_peer(&c, "Pub", "Pub", 1, NULL));
	vt_print("semver", "versions/pub-versions.txt as Pub (lines pub_semver refuses skipped)",
		 &c);
	assert_int_equal(c.disagree, 0);
	assert_true(c.pairs >= 40);
}

static void oracle(const char *name, const char *eco)
{
	struct vt_counts c = {0};
	char what[128];
	assert_true(vt_oracle(&c, name, eco, NULL));
	snprintf(what, sizeof(what), "versions-oracle/%s as %s", name, eco);
	vt_print("semver", what, &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.pairs, 2000);
	assert_int_equal(c.rejected, c.invalid);
}

static void test_semver__oracle(void **state)
{
	(void)state;
	VT_NEED_CORPUS("semver");
	oracle("npm", "npm");
	oracle("cargo", "crates.io");
	oracle("hex", "Hex");
}

static void test_semver__errors(void **state)
{
	struct crk_err err;
	int out;
	(void)state;
	assert_int_equal(crk_version_compare("crates.io", "v1.0.0", "1.0.0", &out, &err),
			 CRK_EPARSE);
	assert_string_equal(err.msg,
			    "'v1.0.0' is not a valid crates.io version (SemVer 2.0.0, semver crate)");
	assert_int_equal(crk_version_compare("npm", "v1.0.0", " 1.0.0\t", &out, &err), CRK_OK);
	assert_int_equal(out, 0);
	assert_int_equal(crk_version_compare("npm", "1.0.0", "1.0.0-01", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0.0-01' is not a valid npm version (SemVer 2.0.0, "
				     "node-semver)");
	assert_non_null(strstr(err.hint, "leading zero"));
	assert_int_equal(crk_version_compare("Pub", "01.2.3", "1.2.3", &out, &err), CRK_OK);
	assert_int_equal(out, 0);
	assert_int_equal(crk_version_compare("Bitnami", "v2", "2.0.0-rc.1", &out, &err), CRK_OK);
	assert_int_equal(out, 1);
	assert_int_equal(crk_version_compare("Cargo", "1.0.0", "1.0.0", &out, &err),
			 CRK_ENOTFOUND);
	assert_string_equal(err.msg, "no version scheme for the ecosystem 'Cargo'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semver__vectors),
		cmocka_unit_test(test_semver__corpus),
		cmocka_unit_test(test_semver__oracle),
		cmocka_unit_test(test_semver__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
