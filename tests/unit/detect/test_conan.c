/* test_conan.c - conan.lock (src/detect/conan.c), on tests/data/conan. */
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

static void parse(struct run *r, const char *file)
{
	char path[4096], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "conan.lock", "conan.lock", NULL, buf, len, &r->diags,
				    &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static const struct crk_component *get(struct run *r, const char *purl)
{
	const struct crk_component *c = crk_bom_find(r->bom, purl);
	if (!c)
		fail_msg("no component %s", purl);
	return c;
}

static int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static int depends(struct run *r, const struct crk_component *from, const char *to_purl)
{
	const struct crk_component *to = get(r, to_purl);
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

#define OPENSSL "pkg:conan/openssl@3.0.8?channel=stable&prev=f00dfeed&rrev=a1b2c3d4&user=acme"
#define ZLIB1 "pkg:conan/zlib@1.2.13?rrev=13c96f53"
#define CMAKE "pkg:conan/cmake@3.25.3"
#define PYREQ "pkg:conan/pyreq@0.3?rrev=5b1f6b0a"

/* Conan 1 (0.4): a graph with a consumer, user/channel, revisions, build and python requires */
static void test_conan__v1_graph(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "conan/v1-graph.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	/* node "3" ("1.2.3") names no package */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg, "conan reference '1.2.3' has no name/version: skipped");
	assert_int_equal(r.diags.v[0].line, 25);

	c = get(&r, OPENSSL);
	assert_string_equal(c->name, "openssl");
	assert_string_equal(c->version, "3.0.8");
	assert_null(c->ns);
	assert_string_equal(c->ecosystem, "ConanCenter");
	assert_string_equal(c->found_by, "conan/conan-lock");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 12);
	assert_string_equal(prop(c, "conan:package_id"), "2c4f9d0e");
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, ZLIB1));
	assert_true(is_root(&r, c));

	/* prev "0" (revisions disabled) is no revision; needed by openssl and by cmake */
	c = get(&r, ZLIB1);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 19);
	assert_false(is_root(&r, c));

	/* a build requirement is dev, and the consumer's direct dependency */
	c = get(&r, CMAKE);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 29);
	assert_true(depends(&r, c, ZLIB1));
	assert_true(is_root(&r, c));

	/* python_requires: recipe code, dev, at the line of the node naming it */
	c = get(&r, PYREQ);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 4);
	assert_true(is_root(&r, c));
	done(&r);
}

/* Conan 1 (0.2): "pref" with a package id and revision, requires as an object, "@_/_" */
static void test_conan__v1_old(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "conan/v1-old-0.2.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:conan/bzip2@1.0.8?prev=3b5e4f2a&rrev=e6a2f1c4");
	assert_int_equal(c->occ[0].line, 8);
	assert_string_equal(prop(c, "conan:package_id"), "91a8b22c");
	assert_true(is_root(&r, c));
	done(&r);
}

/* Conan 2 (0.5): flat lists, no graph */
static void test_conan__v2(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "conan/v2.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 4);
	c = get(&r, "pkg:conan/zlib@1.2.13?rrev=13c96f538b52e1600c40b88994de240f");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 4);
	assert_null(prop(c, "conan:package_id"));
	c = get(&r, "pkg:conan/fmt@10.1.1?channel=testing&rrev=7e1b6763&user=acme");
	assert_int_equal(c->occ[0].line, 5);
	c = get(&r, "pkg:conan/ninja@1.11.1?rrev=a2f0b832");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 8);
	c = get(&r, "pkg:conan/pyreq@0.3?rrev=5b1f6b0a");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 11);
	assert_int_equal(c->ndeps, 0);
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 0);
	done(&r);
}

static void test_conan__malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "conan/truncated.lock");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 2);
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	assert_string_equal(r.err.path, "conan.lock");
	done(&r);

	parse(&r, "conan/bad-version.lock");
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_string_equal(r.err.msg, "unsupported conan.lock version '1.0'");
	done(&r);

	parse(&r, "conan/not-an-object.lock");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "expected a JSON object at the top level");
	done(&r);
}

static void test_conan__alloc_failures(void **state)
{
	char path[4096], *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s", test_data("conan/v1-graph.lock"));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "conan.lock", "conan.lock", NULL, buf, len, &diags,
					 &err);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conan__v1_graph),
		cmocka_unit_test(test_conan__v1_old),
		cmocka_unit_test(test_conan__v2),
		cmocka_unit_test(test_conan__malformed),
		cmocka_unit_test(test_conan__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
