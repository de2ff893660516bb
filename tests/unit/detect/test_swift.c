/* test_swift.c - Package.resolved (src/detect/swift.c), on tests/data/swift. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#define PR "Package.resolved"

/* version 1: "object"/"pins", repositoryURL, an scp-like URL and a branch pin */
static void test_swift__v1(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "swift/v1.resolved", PR);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:swift/github.com/Alamofire/Alamofire@5.4.3");
	assert_string_equal(c->ns, "github.com/Alamofire");
	assert_string_equal(c->name, "Alamofire");
	assert_string_equal(c->ecosystem, "SwiftURL");
	assert_string_equal(c->found_by, "swift/package-resolved");
	assert_string_equal(c->vcs_url, "https://github.com/Alamofire/Alamofire.git");
	assert_string_equal(c->vcs_commit, "f82c23a8a7ef8dc1a49a8bfc6a96883e79121864");
	assert_true(c->flags & CRK_PKG_GIT);
	assert_int_equal(c->occ[0].line, 5);
	assert_null(prop(c, "git_ref"));
	c = get(&r, "pkg:swift/github.com/Quick/Nimble");
	assert_null(c->version);
	assert_string_equal(prop(c, "git_ref"), "branch=main");
	assert_string_equal(c->vcs_commit, "1f3bde57bde12f5e7b07909848c071e9b73d6edc");
	assert_int_equal(c->occ[0].line, 14);
	done(&r);
}

/* version 2: remote, local and registry pins; ssh URL with a port and a deep owner path */
static void test_swift__v2(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "swift/v2.resolved", PR);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 4);
	c = get(&r, "pkg:swift/github.com/apple/swift-nio@2.65.0");
	assert_int_equal(c->occ[0].line, 4);
	c = by_name(&r, "mylib");
	assert_null(c->purl);
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_null(c->version);
	assert_int_equal(c->occ[0].line, 13);
	c = get(&r, "pkg:swift/mona/linkedlist@1.2.0");
	assert_null(c->vcs_commit);
	assert_int_equal(c->occ[0].line, 21);
	c = get(&r, "pkg:swift/gitlab.example.com/group/sub/gitlab-dep@0.9.1");
	assert_string_equal(c->ns, "gitlab.example.com/group/sub");
	assert_int_equal(c->occ[0].line, 29);
	/* the file lists pins, not a graph */
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 0);
	done(&r);
}

/* version 3 (originHash): a branch pin without version */
static void test_swift__v3(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "swift/v3-branch.resolved", "path/to/" PR);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:swift/github.com/apple/swift-mmio");
	assert_string_equal(prop(c, "git_ref"), "branch=swift-embedded-examples");
	assert_string_equal(c->occ[0].path, "path/to/" PR);
	assert_int_equal(c->occ[0].line, 5);
	done(&r);
}

static void test_swift__malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "swift/unknown-version.resolved", PR);
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_string_equal(r.err.msg, "unsupported Package.resolved version 4");
	done(&r);
	parse(&r, "swift/pins-not-a-list.resolved", PR);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "'pins' is not a list");
	done(&r);
	parse(&r, "swift/truncated.resolved", PR);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 5); /* the end of the input */
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	done(&r);
}

static void test_swift__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("swift/v2.resolved", PR, NULL);
	alloc_failures("swift/v1.resolved", PR, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swift__v1),
		cmocka_unit_test(test_swift__v2),
		cmocka_unit_test(test_swift__v3),
		cmocka_unit_test(test_swift__malformed),
		cmocka_unit_test(test_swift__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
