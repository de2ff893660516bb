/* test_pdm.c - pdm.lock (src/detect/pdm.c), on tests/data/pdm. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "pdm", file, "py/pdm.lock", NULL);
}

static void test_pdm__v4_groups_sources_edges(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "v4-groups.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9); /* 10 entries, requests twice (with extras) */
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* "default" anywhere in groups: required */
	c = get(&r, "pkg:pypi/certifi@2024.8.30");
	assert_string_equal(c->found_by, "pypi/pdm-lock");
	assert_string_equal(c->occ[0].path, "py/pdm.lock");
	assert_int_equal(c->occ[0].line, 11);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_string_equal(prop(c, "groups"), "default,dev");
	assert_string_equal(hashes_of(c),
			    "SHA-256:922820b53db7a7257ffbda3f597266d435245903d80737e34f8a45ff3e3230d8 "
			    "SHA-256:bec941d2aa8195e248a60b31ff9f0558284cf01a52591ceda73ea9afffd69fd9");
	/* "dev": dev; another group: optional */
	c = get(&r, "pkg:pypi/pytest@8.3.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 48);
	c = get(&r, "pkg:pypi/jinja2@3.1.4");
	assert_string_equal(c->name, "Jinja2");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 22);
	assert_string_equal(hashes_of(c),
			    "SHA-256:4a3aee7acbbe7303aede8e9648d13b8bf88a429282aa6122a993f0ac800cb369");
	assert_int_equal(get(&r, "pkg:pypi/markupsafe@2.1.5")->scope, CRK_SCOPE_OPTIONAL);

	/* an entry with extras is the same component; the first line is kept first */
	c = get(&r, "pkg:pypi/requests@2.32.3");
	assert_int_equal(c->nocc, 2);
	assert_int_equal(c->occ[0].line, 58);
	assert_int_equal(c->occ[1].line, 67);

	/* sources */
	c = get(&r, "pkg:pypi/mylib@0.1.0");
	assert_int_equal(c->occ[0].line, 40);
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_EDITABLE);
	c = get(&r, "pkg:pypi/toml@0.10.2");
	assert_int_equal(c->occ[0].line, 84);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/uiri/toml.git");
	assert_string_equal(c->vcs_commit, "65bab7582ce14c55cdeec2244c65ea23039c9e6f");
	assert_string_equal(prop(c, "git_ref"), "master");
	c = get(&r, "pkg:pypi/tarball@1.0");
	assert_int_equal(c->occ[0].line, 93);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/tarball-1.0.tar.gz");
	assert_int_equal(c->nhashes, 1);

	/* PEP 508 dependency strings, names compared normalised */
	assert_string_equal(deps_of(&r, "pkg:pypi/jinja2@3.1.4"), "pkg:pypi/markupsafe@2.1.5");
	assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
			    "pkg:pypi/certifi@2024.8.30 pkg:pypi/pysocks@1.7.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/pytest@8.3.3"), ""); /* not locked */
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	done(&r);
}

static void test_pdm__v3_metadata_files(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v3-metadata-files.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:pypi/six@1.16.0");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* no groups */
	assert_string_equal(hashes_of(c),
			    "SHA-256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254 "
			    "SHA-256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926");
	c = get(&r, "pkg:pypi/python-dateutil@2.8.2");
	assert_int_equal(c->occ[0].line, 8);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(deps_of(&r, "pkg:pypi/python-dateutil@2.8.2"), "pkg:pypi/six@1.16.0");
	done(&r);
}

static void test_pdm__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 7, 10, "unterminated array"},
		{"unknown-lock-version.lock", CRK_EUNSUPPORTED, 2, 16,
		 "unsupported pdm.lock lock_version '5.0' (this reader knows 3.x and 4.x)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/pdm.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pdm__allocation_failures(void **state)
{
	(void)state;
	/* every allocation failed in turn: CRK_ENOMEM, else all 9 components */
	assert_int_equal(alloc_failures_in("pdm", "v4-groups.lock", "pdm.lock", NULL), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdm__v4_groups_sources_edges),
		cmocka_unit_test(test_pdm__v3_metadata_files),
		cmocka_unit_test(test_pdm__malformed),
		cmocka_unit_test(test_pdm__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
