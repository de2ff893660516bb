/* test_poetry.c - poetry.lock (src/detect/poetry.c), on tests/data/poetry. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "poetry", file, "py/poetry.lock", NULL);
}

static void test_poetry__v1_category_optional_metadata_files(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "v1-category.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* the name as written; the purl normalises it */
	c = get(&r, "pkg:pypi/django@4.2.7");
	assert_string_equal(c->name, "Django");
	assert_string_equal(c->found_by, "pypi/poetry-lock");
	assert_string_equal(c->ecosystem, "PyPI");
	assert_string_equal(c->occ[0].path, "py/poetry.lock");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	/* [metadata.files] under the normalised name; upper-case hex lowered */
	assert_string_equal(hashes_of(c),
			    "SHA-256:e1d37c51ad26186de355cbcec16613ebdabfa9689bbade9c538835205a8abbe9 "
			    "SHA-256:8e0f1c2c2786b5c0e39fe1afce24c926040fad47c8ea8ad30aaf1188df29fc41");
	c = get(&r, "pkg:pypi/asgiref@3.7.2");
	assert_int_equal(c->occ[0].line, 17);
	assert_int_equal(c->nhashes, 0);

	/* category = "dev" */
	c = get(&r, "pkg:pypi/colorama@0.4.6");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 25);
	assert_int_equal(get(&r, "pkg:pypi/iniconfig@2.0.0")->scope, CRK_SCOPE_DEV);
	c = get(&r, "pkg:pypi/pytest@7.4.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 57);
	/* md5 is kept, an unknown algorithm dropped */
	assert_string_equal(hashes_of(c), "MD5:0123456789abcdef0123456789abcdef");

	/* optional = true; two versions share one [metadata.files] entry: split by file name */
	c = get(&r, "pkg:pypi/numpy@1.24.4");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 41);
	assert_string_equal(hashes_of(c),
			    "SHA-256:8a9a1b7f0ea4c2d6b8ed9d5c1e0cb1df8a2d8f44c4b64c1aa2e2a3bea19f8a6c "
			    "SHA-256:80f5e3a4e498641401868df4208b74581206afbee7cf7b8329daae82676d9463");
	c = get(&r, "pkg:pypi/numpy@1.26.2");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 49);
	assert_string_equal(hashes_of(c),
			    "SHA-256:f65738447676ab5777f11e6bbbdb8ce11b785e105f690bc45966574816b6d3ea");
	assert_int_equal(get(&r, "pkg:pypi/sqlparse@0.4.4")->occ[0].line, 69);

	/* [package.dependencies]: string, table and case-insensitive names */
	assert_string_equal(deps_of(&r, "pkg:pypi/django@4.2.7"),
			    "pkg:pypi/asgiref@3.7.2 pkg:pypi/sqlparse@0.4.4");
	assert_string_equal(deps_of(&r, "pkg:pypi/pytest@7.4.3"),
			    "pkg:pypi/colorama@0.4.6 pkg:pypi/iniconfig@2.0.0");
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0); /* poetry.lock does not say what is direct */
	done(&r);
}

static void test_poetry__v2_groups_and_sources(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v2-groups.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* groups without "main": dev; with "main": required */
	c = get(&r, "pkg:pypi/black@24.10.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 4);
	assert_string_equal(prop(c, "groups"), "dev,lint");
	assert_string_equal(hashes_of(c),
			    "SHA-256:846ea64c97afe3bc677b761787993be4991810ecc7a4a937816dd6bddedc4875");
	c = get(&r, "pkg:pypi/click@8.1.7");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 30);
	assert_string_equal(prop(c, "groups"), "main,dev,lint");
	c = get(&r, "pkg:pypi/certifi@2024.8.30");
	assert_int_equal(c->occ[0].line, 18);
	assert_int_equal(c->nhashes, 2);

	/* optional = true in group main: an extra of the project */
	c = get(&r, "pkg:pypi/redis@5.2.1");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 71);

	/* sources */
	c = get(&r, "pkg:pypi/ike@0.2.0");
	assert_int_equal(c->occ[0].line, 41);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/dzshn/ike");
	assert_string_equal(c->vcs_commit, "cd66602cd29f61a2d2e7fb995fef1e61708c034d");
	assert_string_equal(prop(c, "git_ref"), "main");
	c = get(&r, "pkg:pypi/mylib@0.1.0");
	assert_int_equal(c->occ[0].line, 57);
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_EDITABLE);
	c = get(&r, "pkg:pypi/requests@2.32.3");
	assert_int_equal(c->occ[0].line, 81);
	assert_int_equal(c->flags, 0);
	assert_string_equal(prop(c, "source_url"), "https://pypi.example.com/simple");
	c = get(&r, "pkg:pypi/wheel-from-url@1.0");
	assert_string_equal(c->name, "wheel_from_url");
	assert_int_equal(c->occ[0].line, 98);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/wheel_from_url-1.0-py3-none-any.whl");

	assert_string_equal(deps_of(&r, "pkg:pypi/black@24.10.0"), "pkg:pypi/click@8.1.7");
	assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"), "pkg:pypi/certifi@2024.8.30");
	done(&r);
}

static void test_poetry__bad_entries_are_warnings(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "entry-without-name.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:pypi/numpy@1.23.3");
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 5);
	assert_string_equal(r.diags.v[0].msg, "a [[package]] entry has no name; skipped");
	assert_int_equal(r.diags.v[1].line, 9);
	assert_string_equal(r.diags.v[1].msg, "package 'six' has no version; skipped");
	done(&r);
}

static void test_poetry__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 4, 15, "unterminated string"},
		{"unknown-lock-version.lock", CRK_EUNSUPPORTED, 6, 16,
		 "unsupported poetry.lock lock-version '3.0' (this reader knows 1.x and 2.x)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/poetry.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_poetry__allocation_failures(void **state)
{
	(void)state;
	/* every allocation failed in turn: CRK_ENOMEM, else all 8 components */
	assert_int_equal(alloc_failures_in("poetry", "v2-groups.lock", "poetry.lock", NULL), 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poetry__v1_category_optional_metadata_files),
		cmocka_unit_test(test_poetry__v2_groups_and_sources),
		cmocka_unit_test(test_poetry__bad_entries_are_warnings),
		cmocka_unit_test(test_poetry__malformed),
		cmocka_unit_test(test_poetry__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
