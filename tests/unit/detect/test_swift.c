/* test_swift.c - Package.resolved (src/detect/swift.c), on tests/data/swift. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void parse(struct run *r, const char *file, const char *parse_as)
{
	char path[4096], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static inline const struct crk_component *get(struct run *r, const char *purl)
{
	const struct crk_component *c = crk_bom_find(r->bom, purl);
	if (!c)
		fail_msg("no component %s", purl);
	return c;
}

static inline int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static inline int depends(struct run *r, const struct crk_component *from, const char *to_purl)
{
	const struct crk_component *to = get(r, to_purl);
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static inline const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

/* The component named `name` (for those without a purl). */
static inline const struct crk_component *by_name(struct run *r, const char *name)
{
	size_t i;
	for (i = 0; i < crk_bom_count(r->bom); i++)
		if (strcmp(crk_bom_get(r->bom, i)->name, name) == 0)
			return crk_bom_get(r->bom, i);
	fail_msg("no component named %s", name);
	return NULL;
}

/* Fails the Nth allocation, for every N, while parsing `file`: only CRK_ENOMEM or success. */
static void alloc_failures(const char *file, const char *parse_as, const char *os_release)
{
	char path[4096], *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		if (os_release)
			assert_int_equal(crk_os_release_parse(bom, os_release, strlen(os_release), &err),
					 CRK_OK);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, parse_as, parse_as, NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		crk_diags_release(&diags);
		crk_bom_free(bom);
		if (rc == CRK_OK)
			break;
		assert_int_equal(rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

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
