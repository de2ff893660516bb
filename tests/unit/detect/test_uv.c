/* test_uv.c - uv.lock (src/detect/uv.c), on tests/data/uv. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "uv", file, "py/uv.lock", NULL);
}

static void test_uv__workspace_scopes_sources_edges(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "workspace.lock");
	assert_int_equal(r.rc, CRK_OK);
	/* 14 packages, less the two members (virtual "app", editable "applib") */
	assert_int_equal(crk_bom_count(r.bom), 12);
	assert_null(crk_bom_find(r.bom, "pkg:pypi/app@0.1.0"));
	assert_null(crk_bom_find(r.bom, "pkg:pypi/applib@0.3.0"));
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* required: the members' dependencies, and what they need */
	c = get(&r, "pkg:pypi/attrs@24.2.0");
	assert_string_equal(c->found_by, "pypi/uv-lock");
	assert_string_equal(c->occ[0].path, "py/uv.lock");
	assert_int_equal(c->occ[0].line, 54);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	assert_string_equal(hashes_of(c),
			    "SHA-256:5cfb1b9148b5b086569baec03f20d7b6bf3bcacc9a42bebf87ffaaca362f6346 "
			    "SHA-256:81921eb96de3191c8258c199618104dd27ac608d9366f5e35d011eae1867ede2");
	assert_string_equal(c->download_url,
			    "https://files.pythonhosted.org/packages/fc/0f/"
			    "aafca9af9315aee06a89ffde799a10a582fe8de76c563ee80bbcdc08b3fb/"
			    "attrs-24.2.0.tar.gz");
	c = get(&r, "pkg:pypi/requests@2.32.3");
	assert_int_equal(c->occ[0].line, 110);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_string_equal(prop(c, "source_url"), "https://pypi.example.com/simple");
	assert_int_equal(get(&r, "pkg:pypi/urllib3@2.2.3")->scope, CRK_SCOPE_REQUIRED);
	/* requested as requests[socks]: that extra's dependency is required too */
	c = get(&r, "pkg:pypi/pysocks@1.7.1");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 97);
	assert_int_equal(get(&r, "pkg:pypi/numpy@1.26.4")->occ[0].line, 82);
	assert_int_equal(get(&r, "pkg:pypi/numpy@2.1.0")->occ[0].line, 87);

	/* only an extra ("cli") and a dev group need click: optional wins over dev */
	c = get(&r, "pkg:pypi/click@8.1.7");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 72);
	/* the "dev" extra and the dev groups: dev, transitively */
	c = get(&r, "pkg:pypi/black@24.10.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 63);
	assert_int_equal(get(&r, "pkg:pypi/pathspec@0.12.1")->scope, CRK_SCOPE_DEV);
	c = get(&r, "pkg:pypi/ruff@0.8.1");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 123);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/ruff-0.8.1.tar.gz");
	assert_string_equal(hashes_of(c),
			    "SHA-256:87db64f3b9ae23b28e2ea1d1a8d5b4b3c8e1b4f0a0c9d2e3f4a5b6c7d8e9f0a1");
	c = get(&r, "pkg:pypi/pytest@8.3.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 102);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/pytest-dev/pytest");
	assert_string_equal(c->vcs_commit, "d0f136fe4ba1d34fa5d5bd6e9a4a0d6e5e4fd9b1");
	assert_string_equal(prop(c, "git_ref"), "tag=8.3.3");
	c = get(&r, "pkg:pypi/localhelper@0.0.1");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 77);
	assert_int_equal(c->flags, CRK_PKG_LOCAL);

	/* direct dependencies: every member's entries (members themselves are not components) */
	assert_string_equal(deps_of(&r, NULL),
			    "pkg:pypi/attrs@24.2.0 pkg:pypi/black@24.10.0 pkg:pypi/click@8.1.7 "
			    "pkg:pypi/numpy@1.26.4 pkg:pypi/numpy@2.1.0 pkg:pypi/pytest@8.3.3 "
			    "pkg:pypi/requests@2.32.3 pkg:pypi/ruff@0.8.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
			    "pkg:pypi/pysocks@1.7.1 pkg:pypi/urllib3@2.2.3");
	assert_string_equal(deps_of(&r, "pkg:pypi/black@24.10.0"),
			    "pkg:pypi/click@8.1.7 pkg:pypi/pathspec@0.12.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/pytest@8.3.3"), "pkg:pypi/localhelper@0.0.1");
	done(&r);
}

static void test_uv__no_members_and_bad_entries(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "no-members.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:pypi/emoji@2.14.0");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* no member: nothing to reach from */
	assert_int_equal(c->occ[0].line, 5);
	/* a local package without a version */
	c = get(&r, "pkg:pypi/dynamic");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_UNPINNED);
	assert_int_equal(c->occ[0].line, 13);
	assert_string_equal(deps_of(&r, "pkg:pypi/dynamic"), "pkg:pypi/emoji@2.14.0");
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 9);
	assert_string_equal(r.diags.v[0].msg, "a [[package]] entry has no name; skipped");
	assert_int_equal(r.diags.v[1].line, 17);
	assert_int_equal(r.diags.v[1].col, 5);
	assert_string_equal(r.diags.v[1].msg,
			    "dependency 'not-locked' is not a locked package; ignored");
	done(&r);
}

static void test_uv__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 6, 48, "newline inside an inline table"},
		{"unknown-version.lock", CRK_EUNSUPPORTED, 1, 11,
		 "unsupported uv.lock version 2 (this reader knows 1)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/uv.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_uv__allocation_failures(void **state)
{
	(void)state;
	/* every allocation failed in turn: CRK_ENOMEM, else all 12 components */
	assert_int_equal(alloc_failures_in("uv", "workspace.lock", "uv.lock", NULL), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uv__workspace_scopes_sources_edges),
		cmocka_unit_test(test_uv__no_members_and_bad_entries),
		cmocka_unit_test(test_uv__malformed),
		cmocka_unit_test(test_uv__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
