/* test_pylock.c - pylock.toml (src/detect/pylock.c), on tests/data/pylock. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

/* parsed as r->as, by default py/pylock.toml */
static void parse(struct run *r, const char *file)
{
	if (!r->as)
		r->as = "py/pylock.toml";
	parse_fixture(r, "pylock", file, r->as, NULL);
}

static void test_pylock__sources_hashes_edges(void **state)
{
	static const char *const as[] = {"py/pylock.toml", "py/pylock.dev.toml"};
	size_t k;
	(void)state;
	for (k = 0; k < 2; k++) {
		struct run r = {.as = as[k]};
		const struct crk_component *c;
		size_t nroots;
		parse(&r, "pylock.toml");
		assert_int_equal(r.rc, CRK_OK);
		/* 7 entries: the project itself (directory ".") and one without name are not
		 * components */
		assert_int_equal(crk_bom_count(r.bom), 5);
		assert_null(crk_bom_find(r.bom, "pkg:pypi/myproject"));

		c = get(&r, "pkg:pypi/requests@2.32.3");
		assert_string_equal(c->name, "Requests");
		assert_string_equal(c->found_by, "pypi/pylock-toml");
		assert_string_equal(c->occ[0].path, as[k]);
		assert_int_equal(c->occ[0].line, 14);
		assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
		assert_int_equal(c->flags, 0);
		assert_string_equal(c->download_url,
				    "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz");
		/* sdist then wheels; hex lowered; blake2b is not a CycloneDX algorithm */
		assert_string_equal(
			hashes_of(c),
			"SHA-256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760 "
			"SHA-256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6");

		c = get(&r, "pkg:pypi/urllib3@2.2.3");
		assert_int_equal(c->occ[0].line, 24);
		assert_string_equal(prop(c, "source_url"), "https://mirror.example.com/simple");
		assert_string_equal(hashes_of(c), "SHA-256:ca899ca043dcb1bafa3e262d73aa25c465bfb49e0bd9dd5d59f1d0acba2f8fac");

		c = get(&r, "pkg:pypi/pysocks@1.7.1");
		assert_int_equal(c->occ[0].line, 36);
		assert_int_equal(c->flags, CRK_PKG_URL);
		assert_string_equal(c->download_url, "https://example.com/PySocks-1.7.1.tar.gz");
		assert_string_equal(prop(c, "marker"), "'socks' in extras");
		assert_int_equal(c->nhashes, 1);
		assert_string_equal(c->hashes[0].alg, "SHA-512");

		c = get(&r, "pkg:pypi/ruff@0.8.1");
		assert_int_equal(c->occ[0].line, 45);
		assert_int_equal(c->flags, CRK_PKG_GIT);
		assert_string_equal(c->vcs_url, "https://github.com/astral-sh/ruff");
		assert_string_equal(c->vcs_commit, "84748be16341b76e073d117329f7f5f4ee2941ad");
		assert_string_equal(prop(c, "git_ref"), "0.8.1");
		assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* markers are not evaluated */

		c = get(&r, "pkg:pypi/helper");
		assert_null(c->version);
		assert_int_equal(c->occ[0].line, 51);
		assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_UNPINNED);

		assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
				    "pkg:pypi/pysocks@1.7.1 pkg:pypi/urllib3@2.2.3");
		crk_bom_roots(r.bom, &nroots);
		assert_int_equal(nroots, 0);

		assert_int_equal(crk_diags_count(&r.diags), 2);
		assert_int_equal(r.diags.v[0].line, 55);
		assert_string_equal(r.diags.v[0].msg, "a [[packages]] entry has no name; skipped");
		assert_int_equal(r.diags.v[1].line, 53);
		assert_int_equal(r.diags.v[1].col, 17);
		assert_string_equal(r.diags.v[1].msg,
				    "dependency 'not-locked' is not a locked package; ignored");
		done(&r);
	}
}

static void test_pylock__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("pylock.toml"), "pypi/pylock-toml");
	assert_string_equal(crk_sbom_detector_for("a/b/pylock.spam.toml"), "pypi/pylock-toml");
	assert_null(crk_sbom_detector_for("pylock.a.b.toml"));
	assert_null(crk_sbom_detector_for("pylock..toml"));
	assert_null(crk_sbom_detector_for("PYLOCK.spam.toml"));
	assert_null(crk_sbom_detector_for("mypylock.toml"));
	assert_null(crk_sbom_detector_for("pylock.toml.file"));
}

static void test_pylock__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.toml", CRK_EPARSE, 5, 10, "unterminated array"},
		{"unknown-lock-version.toml", CRK_EUNSUPPORTED, 1, 16,
		 "unsupported pylock.toml lock-version '2.0' (this reader knows 1.x)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = {0};
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/pylock.toml");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pylock__allocation_failures(void **state)
{
	(void)state;
	/* every allocation failed in turn: CRK_ENOMEM, else all 5 components */
	assert_int_equal(alloc_failures_in("pylock", "pylock.toml", "pylock.toml", NULL), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pylock__sources_hashes_edges),
		cmocka_unit_test(test_pylock__file_names),
		cmocka_unit_test(test_pylock__malformed),
		cmocka_unit_test(test_pylock__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
