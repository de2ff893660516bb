/* test_haskell.c - cabal.project.freeze and stack.yaml.lock (src/detect/haskell.c), on
 * tests/data/haskell. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#define FREEZE "cabal.project.freeze"
#define STACK "stack.yaml.lock"

static void test_haskell__cabal_freeze(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "haskell/cabal.project.freeze", FREEZE);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	c = get(&r, "pkg:hackage/aeson@2.1.2.1");
	assert_string_equal(c->ecosystem, "Hackage");
	assert_string_equal(c->found_by, "hackage/cabal-project-freeze");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 3);
	assert_int_equal(get(&r, "pkg:hackage/base@4.17.2.0")->occ[0].line, 5);
	/* a setup dependency: build time only */
	c = get(&r, "pkg:hackage/Cabal@3.8.1.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 6);
	/* after a blank line, and split over two lines */
	assert_int_equal(get(&r, "pkg:hackage/unordered-containers@0.2.19.1")->occ[0].line, 9);
	/* unqualified */
	assert_int_equal(get(&r, "pkg:hackage/HUnit@1.6.2.0")->occ[0].line, 13);
	/* flags, installed and ranges pin nothing; a bad version is a warning */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 12);
	assert_int_equal(r.diags.v[0].col, 14);
	assert_string_equal(r.diags.v[0].msg,
			    "constraint 'any.broken ==1.x' is not 'package ==version': skipped");
	done(&r);

	parse(&r, "haskell/no-constraints.freeze", FREEZE);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "no 'constraints:' field: not a cabal.project.freeze file");
	done(&r);
}

static void test_haskell__stack_lock(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "haskell/stack.yaml.lock", STACK);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	c = get(&r, "pkg:hackage/fuzzyset@0.2.4");
	assert_string_equal(c->found_by, "hackage/stack-yaml-lock");
	assert_int_equal(c->occ[0].line, 4);
	assert_int_equal(c->nhashes, 0); /* the digest is the .cabal file's */
	assert_string_equal(prop(c, "hackage:cabal_sha256"),
			    "f1b6de8bf33277bf6255207541d65028f1f1ea93af5541b654c86b5674995485");
	c = get(&r, "pkg:hackage/servant-extra@0.1.0.0");
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/acme/servant-extra");
	assert_string_equal(c->vcs_commit, "5a1c2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c");
	assert_int_equal(c->occ[0].line, 11);
	c = get(&r, "pkg:hackage/tarball-pkg@2.0.1");
	assert_true(c->flags & CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.org/tarball-pkg-2.0.1.tar.gz");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "58649e68e2d1adb47d8ed8741bd27ac23a2f19e3ee62bc28a68ac8642b3e0858");
	assert_int_equal(c->occ[0].line, 22);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 33);
	done(&r);

	parse(&r, "haskell/no-packages.lock", STACK);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "no 'packages' key: not a stack.yaml.lock file");
	done(&r);
	parse(&r, "haskell/packages-not-a-list.lock", STACK);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 2);
	done(&r);
	parse(&r, "haskell/malformed.lock", STACK);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "malformed YAML"));
	done(&r);
}

static void test_haskell__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("haskell/cabal.project.freeze", FREEZE, NULL);
	alloc_failures("haskell/stack.yaml.lock", STACK, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_haskell__cabal_freeze),
		cmocka_unit_test(test_haskell__stack_lock),
		cmocka_unit_test(test_haskell__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
