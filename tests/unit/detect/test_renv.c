/* test_renv.c - renv.lock (src/detect/renv.c), on tests/data/renv. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#define RL "renv.lock"
#define MARKDOWN "pkg:cran/markdown@1.7"
#define COMMONMARK "pkg:cran/commonmark@1.9.0"
#define XFUN "pkg:cran/xfun@0.40"

static void test_renv__sources(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "renv/renv.lock", RL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 6);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg, "package 'noversion' without a Version skipped");
	assert_int_equal(r.diags.v[0].line, 62);

	c = get(&r, MARKDOWN);
	assert_string_equal(c->ecosystem, "CRAN");
	assert_string_equal(c->found_by, "cran/renv-lock");
	assert_int_equal(c->occ[0].line, 13);
	assert_int_equal(c->nhashes, 0); /* renv's Hash digests DESCRIPTION fields, not a file */
	assert_string_equal(prop(c, "renv:hash"), "4584a57f565dd7987d59dda3a02cfb41");
	assert_null(prop(c, "cran:repository"));
	/* "utils" is base R, not in the lockfile */
	assert_int_equal(c->ndeps, 2);
	assert_true(depends(&r, c, COMMONMARK));
	assert_true(depends(&r, c, XFUN));
	assert_true(is_root(&r, c));

	c = get(&r, COMMONMARK);
	assert_string_equal(prop(c, "cran:repository"), "RSPM");
	assert_int_equal(c->occ[0].line, 21);
	assert_false(is_root(&r, c));

	c = get(&r, XFUN);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/yihui/xfun");
	assert_string_equal(c->vcs_commit, "1763e0dcb72fb58d97bab97bb834fc71f1e012bc");
	assert_string_equal(prop(c, "git_ref"), "main");
	assert_int_equal(c->occ[0].line, 28);

	c = get(&r, "pkg:cran/BiocGenerics@0.46.0?repository_url=https:%2F%2Fbioconductor.org");
	assert_string_equal(c->ecosystem, "Bioconductor");
	assert_int_equal(c->occ[0].line, 41);
	assert_true(is_root(&r, c));

	c = get(&r, "pkg:cran/mylocal@0.0.1");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 48);
	c = get(&r, "pkg:cran/fromurl@2.1");
	assert_true(c->flags & CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.org/fromurl_2.1.tar.gz");
	assert_int_equal(c->occ[0].line, 55);

	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 4); /* markdown, BiocGenerics, mylocal, fromurl */
	done(&r);
}

static void test_renv__malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "renv/truncated.lock", RL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	done(&r);
	parse(&r, "renv/packages-not-an-object.lock", RL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "'Packages' is not an object");
	done(&r);
}

static void test_renv__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("renv/renv.lock", RL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renv__sources),
		cmocka_unit_test(test_renv__malformed),
		cmocka_unit_test(test_renv__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
