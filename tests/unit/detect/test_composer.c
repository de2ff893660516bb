/* test_composer.c - composer.lock (src/detect/composer.c), on tests/data/composer. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

/* Parses tests/data/composer/<file> as composer.lock; composer.json comes from
 * tests/data/composer/<dir> (NULL: none). */
static void parse(struct run *r, const char *file, const char *dir)
{
	char sib[256];
	if (dir)
		snprintf(sib, sizeof(sib), "composer/%s", dir);
	parse_fixture_at(r, "composer", file, "composer.lock", dir ? sib : NULL, NULL);
}

#define CONSOLE "pkg:composer/symfony/console@v5.4.0"
#define POLYFILL "pkg:composer/symfony/polyfill-mbstring@v1.23.1"
#define MONOLOG "pkg:composer/monolog/monolog@2.3.5"
#define LOCAL "pkg:composer/acme/local@dev-main"
#define FROMGIT "pkg:composer/acme/from-git@dev-feature"
#define PHPUNIT "pkg:composer/phpunit/phpunit@9.5.10"
#define DIFF "pkg:composer/sebastian/diff@4.0.4"

static void test_composer__project(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "project/composer.lock", "project");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 7);

	c = get(&r, CONSOLE);
	assert_string_equal(c->ns, "symfony");
	assert_string_equal(c->name, "console");
	assert_string_equal(c->ecosystem, "Packagist");
	assert_string_equal(c->found_by, "packagist/composer-lock");
	assert_int_equal(c->occ[0].line, 9);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_string_equal(c->vcs_url, "https://github.com/symfony/console.git");
	assert_string_equal(c->vcs_commit, "ec3661faca1d110d6c307e124b44f99ac54179e3");
	assert_false(c->flags & CRK_PKG_GIT); /* installed from the dist archive */
	assert_string_equal(c->download_url, "https://api.github.com/repos/symfony/console/"
					     "zipball/ec3661faca1d110d6c307e124b44f99ac54179e3");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-1");
	assert_string_equal(c->hashes[0].value, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->description,
			    "Eases the creation of beautiful and testable command line interfaces");

	c = get(&r, POLYFILL);
	assert_int_equal(c->occ[0].line, 34);
	assert_int_equal(c->nhashes, 0); /* empty shasum */
	assert_string_equal(c->vcs_commit, "9174a3d80210dca8daa7f31fec659150bbeabfc6");

	c = get(&r, MONOLOG);
	assert_int_equal(c->occ[0].line, 41);
	assert_null(c->vcs_url);
	assert_string_equal(c->vcs_commit, "fd4380d6fc37626e2f799f29d91195040137eba9");
	assert_string_equal(c->download_url, "https://repo.example.com/monolog.zip");
	assert_string_equal(c->license, "MIT OR Apache-2.0");

	c = get(&r, LOCAL);
	assert_int_equal(c->occ[0].line, 48);
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_null(c->download_url);
	assert_null(c->vcs_commit); /* "abc" is no commit id */
	assert_string_equal(c->license, "proprietary"); /* kept; the writers make a LicenseRef */

	c = get(&r, FROMGIT);
	assert_int_equal(c->occ[0].line, 54);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "git@github.com:acme/from-git.git");
	assert_string_equal(c->vcs_commit, "5b1f0c2e3d4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c");

	c = get(&r, PHPUNIT);
	assert_int_equal(c->occ[0].line, 69);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	c = get(&r, DIFF);
	assert_int_equal(c->occ[0].line, 74);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);

	/* require edges, by name without case, through "provide"; platform packages skipped */
	assert_true(depends_purl(&r, CONSOLE, POLYFILL));
	assert_true(depends_purl(&r, CONSOLE, MONOLOG));
	assert_int_equal(get(&r, CONSOLE)->ndeps, 2);
	assert_true(depends_purl(&r, FROMGIT, MONOLOG));
	assert_true(depends_purl(&r, PHPUNIT, DIFF));
	/* composer.json: require and require-dev */
	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 4);
	assert_true(is_root_purl(&r, CONSOLE));
	assert_true(is_root_purl(&r, LOCAL));
	assert_true(is_root_purl(&r, FROMGIT));
	assert_true(is_root_purl(&r, PHPUNIT));

	/* no version; no vendor (no purl can be formed) */
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 60);
	assert_non_null(strstr(r.diags.v[0].msg, "no \"version\""));
	done(&r);
}

static void test_composer__without_manifest(void **state)
{
	struct run r;
	size_t nroots;
	(void)state;
	parse(&r, "project/composer.lock", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 7);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	done(&r);
}

static void test_composer__no_dev(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "no-dev.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_composer__errors(void **state)
{
	static const struct {
		const char *file;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"not-json.txt", 1, "invalid JSON"},
		{"null.json", 1, "invalid JSON"},
		{"packages-object.json", 2, "\"packages\" is not an array"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file, NULL);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, "composer.lock");
		assert_int_equal(r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_composer__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("composer.lock"), "packagist/composer-lock");
	assert_string_equal(crk_sbom_detector_for("app/composer.lock"), "packagist/composer-lock");
	assert_null(crk_sbom_detector_for("composer.json"));
	assert_null(crk_sbom_detector_for("path.to.my.composer.lock"));
}

static void test_composer__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], dpath[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/project/composer.lock", test_data("composer"));
		snprintf(dpath, sizeof(dpath), "%s/project", test_data("composer"));
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "composer.lock", "composer.lock", dpath, buf, len,
					   &r.diags, &r.err);
		crk_alloc_fail_after(0);
		crk_free(buf);
		done(&r);
		if (r.rc == CRK_OK)
			break;
		assert_int_equal(r.rc, CRK_ENOMEM);
	}
	assert_true(n > 1 && n < 100000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_composer__project),
		cmocka_unit_test(test_composer__without_manifest),
		cmocka_unit_test(test_composer__no_dev),
		cmocka_unit_test(test_composer__errors),
		cmocka_unit_test(test_composer__file_names),
		cmocka_unit_test(test_composer__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
