/*
 * test_registry.c - the scheme table and the public API (src/version/registry.c): which scheme
 * an OSV ecosystem name picks, release suffixes, errors and their messages, the length cap, the
 * listing, and the helpers the scheme files share.
 */
#include "vtest.h"

#include "base/alloc.h"
#include "version/scheme.h"

static void test_registry__ecosystems(void **state)
{
	static const struct {
		const char *eco, *scheme;
	} cases[] = {
		{"npm", "npm"},
		{"crates.io", "cargo"},
		{"Hex", "hex"},
		{"Pub", "pub"},
		{"Go", "go"},
		{"PyPI", "pep440"},
		{"pypi", "pep440"}, /* ASCII case is ignored */
		{"Maven", "maven"},
		{"Maven:https://repo.maven.apache.org/maven2", "maven"},
		{"RubyGems", "rubygems"},
		{"NuGet", "nuget"},
		{"Packagist", "composer"},
		{"CRAN", "cran"},
		{"Bioconductor", "cran"},
		{"Debian", "debian"},
		{"Debian:12", "debian"},
		{"Ubuntu:22.04:LTS", "debian"},
		{"Alpine:v3.20", "alpine"},
		{"Wolfi", "alpine"},
		{"Chainguard", "alpine"},
		{"Red Hat:enterprise_linux:9::appstream", "rpm"},
		{"AlmaLinux:9", "rpm"},
		{"Rocky Linux:8", "rpm"},
		{"openSUSE:Leap 15.5", "rpm"},
		{"SUSE:Linux Enterprise Server 15 SP5", "rpm"},
		{"Root:Alpine:3.18", "alpine"},
		{"Root:Debian:12", "debian"},
		{"Root:PyPI", "pep440"},
		{"SemVer", "semver"},
		{"GitHub Actions", "semver"},
		{"Bitnami", "semver"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = crk_version_scheme_name(cases[i].eco);
		if (!got || strcmp(got, cases[i].scheme) != 0)
			fail_msg("%s: want %s, got %s", cases[i].eco, cases[i].scheme,
				 got ? got : "none");
	}
	assert_null(crk_version_scheme_name("Linux"));
	assert_null(crk_version_scheme_name("Debianx"));
	assert_null(crk_version_scheme_name("Deb"));
	assert_null(crk_version_scheme_name(""));
	assert_null(crk_version_scheme_name("Root"));
	assert_null(crk_version_scheme_name(NULL));
	assert_ptr_equal(crk_version_scheme_find("pep440"), &crk_version_pep440);
	assert_null(crk_version_scheme_find("PyPI"));
}

static void test_registry__errors(void **state)
{
	struct crk_err err;
	char big[CRK_VERSION_MAX_LEN + 2];
	int out = 5;
	(void)state;
	assert_int_equal(crk_version_compare("Linux", "1", "2", &out, &err), CRK_ENOTFOUND);
	assert_string_equal(err.msg, "no version scheme for the ecosystem 'Linux'");
	assert_non_null(strstr(err.hint, "PyPI"));
	assert_non_null(strstr(err.hint, "Debian"));
	assert_int_equal(out, 5);
	/* the ecosystem named as OSV spells it, the release suffix dropped */
	assert_int_equal(crk_version_compare("debian:12", "1.0", "1.0-", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.0-' is not a valid Debian version (Debian Policy 5.6.12, "
				     "dpkg)");
	assert_string_equal(err.hint, "revision number is empty");
	/* the version is quoted safely in messages */
	assert_int_equal(crk_version_comparen("Go", "v1\x01\\", 4, "v1", 2, &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'v1\\x01\\\\' is not a valid Go version (Go module version)");
	/* the length cap, on either side */
	memset(big, '1', sizeof(big));
	assert_int_equal(crk_version_comparen("PyPI", big, CRK_VERSION_MAX_LEN, "1", 1, &out, &err),
			 CRK_OK);
	assert_int_equal(out, 1);
	assert_int_equal(crk_version_comparen("PyPI", "1", 1, big, CRK_VERSION_MAX_LEN + 1, &out,
					      &err),
			 CRK_ELIMIT);
	assert_non_null(strstr(err.msg, "too long"));
	assert_non_null(strstr(err.msg, "..."));
	assert_int_equal(crk_version_validate("PyPI", big, CRK_VERSION_MAX_LEN + 1, &err),
			 CRK_ELIMIT);
	/* err may be NULL */
	assert_int_equal(crk_version_compare("PyPI", "x", "1", &out, NULL), CRK_EPARSE);
	assert_int_equal(crk_version_validate("nope", "1", 1, NULL), CRK_ENOTFOUND);
	/* Packagist: two different branches have no order */
	assert_int_equal(crk_version_compare("Packagist", "dev-a", "dev-b", &out, &err), CRK_EINVAL);
	assert_string_equal(err.msg, "'dev-a' and 'dev-b' are different branches: Composer does "
				     "not order them");
	assert_int_equal(crk_version_compare("Packagist", "dev-a", "dev-a", &out, &err), CRK_OK);
	assert_int_equal(out, 0);
}

static void test_registry__listing(void **state)
{
	struct crk_version_scheme_desc d;
	size_t i, n = 0, j;
	(void)state;
	for (i = 0; crk_version_scheme_at(i, &d); i++) {
		assert_non_null(d.name);
		assert_non_null(d.title);
		assert_non_null(d.spec);
		assert_non_null(d.doc);
		assert_non_null(d.ecosystems[0]);
		assert_ptr_equal(crk_version_schemes[i], crk_version_scheme_find(d.name));
		for (j = 0; d.ecosystems[j]; j++) /* each ecosystem picks its own scheme */
			assert_string_equal(crk_version_scheme_name(d.ecosystems[j]), d.name);
		n++;
	}
	assert_int_equal(n, 15);
	assert_int_equal(crk_version_scheme_at(n, &d), 0);
}

/* Every scheme: reflexive on its own vectors' versions, and valid() agrees with compare(). */
static void test_registry__valid_matches_compare(void **state)
{
	static const char *const samples[] = {"1.0.0", "v1.2.3", "1.0", "1", "1.0-1", "1:2.0-3",
					      "1.0.0-rc.1+b", "1.0a1", "", " ", "1..0", "x"};
	size_t i, k;
	(void)state;
	for (i = 0; crk_version_schemes[i]; i++) {
		const struct crk_version_scheme *s = crk_version_schemes[i];
		for (k = 0; k < sizeof(samples) / sizeof(samples[0]); k++) {
			const char *v = samples[k];
			int out = 9, valid = s->valid(v, strlen(v), NULL);
			int rc = s->compare(v, strlen(v), v, strlen(v), &out, NULL);
			assert_int_equal(valid, rc);
			if (rc == CRK_OK)
				assert_int_equal(out, 0);
		}
	}
}

/* Maven and Composer allocate: every failed allocation must give CRK_ENOMEM and leak nothing. */
static void test_registry__alloc_failures(void **state)
{
	static const struct {
		const char *eco, *a, *b;
		int want;
	} cases[] = {
		{"Maven", "1.0.0-RC1-SNAPSHOT", "1.0.0.RELEASE", -1},
		{"Packagist", "v1.0.0-beta.2", "1.0.x-dev", -1},
		{"Packagist", "dev-main", "dev-main", 0},
	};
	size_t i;
	uint64_t n;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (n = 1;; n++) {
			struct crk_err err;
			int out = 9, rc;
			crk_alloc_fail_after(n);
			rc = crk_version_compare(cases[i].eco, cases[i].a, cases[i].b, &out, &err);
			crk_alloc_fail_after(0);
			if (rc == CRK_OK) {
				assert_int_equal(out, cases[i].want);
				break;
			}
			assert_int_equal(rc, CRK_ENOMEM);
			assert_true(n < 100);
		}
	}
}

static void test_registry__helpers(void **state)
{
	char buf[16];
	unsigned long long x;
	(void)state;
	assert_int_equal(crk_version__numcmp("010", 3, "9", 1), 1);
	assert_int_equal(crk_version__numcmp("000", 3, "", 0), 0);
	assert_int_equal(crk_version__numcmp("18446744073709551616", 20, "18446744073709551615", 20),
			 1);
	assert_int_equal(crk_version__bytecmp("ab", 2, "abc", 3), -1);
	assert_int_equal(crk_version__bytecmp("", 0, "", 0), 0);
	assert_int_equal(crk_version__u64("18446744073709551615", 20, &x), 0);
	assert_true(x == 18446744073709551615ULL);
	assert_int_not_equal(crk_version__u64("18446744073709551616", 20, &x), 0);
	crk_version__quote(buf, sizeof(buf), "0123456789abcdef", 16);
	assert_string_equal(buf, "0123456789ab...");
	crk_version__quote(buf, sizeof(buf), "0123456789abcde", 15);
	assert_string_equal(buf, "0123456789abcde");
	crk_version__quote(buf, sizeof(buf), "a\tb", 3);
	assert_string_equal(buf, "a\\x09b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry__ecosystems),
		cmocka_unit_test(test_registry__errors),
		cmocka_unit_test(test_registry__listing),
		cmocka_unit_test(test_registry__valid_matches_compare),
		cmocka_unit_test(test_registry__alloc_failures),
		cmocka_unit_test(test_registry__helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
