/* test_cocoapods.c - Podfile.lock (src/detect/cocoapods.c), on tests/data/cocoapods. */
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

#define PL "Podfile.lock"
#define ALAMO "pkg:cocoapods/Alamofire@5.6.4"
#define FIREBASE "pkg:cocoapods/Firebase@10.3.0"
#define FBA "pkg:cocoapods/FirebaseAnalytics@10.3.0"

static void test_cocoapods__podfile_lock(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "cocoapods/Podfile.lock", PL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 6);
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 5); /* DEPENDENCIES */

	c = get(&r, ALAMO);
	assert_string_equal(c->ecosystem, "CocoaPods");
	assert_string_equal(c->found_by, "cocoapods/podfile-lock");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->nhashes, 0); /* the spec checksum digests the podspec */
	assert_string_equal(prop(c, "cocoapods:spec_checksum"),
			    "4e95d97098eacb88856099c4fc79b526a299e48c");
	assert_null(prop(c, "cocoapods:spec_repo")); /* trunk */
	assert_true(is_root(&r, c));

	/* two subspecs, one component; the subspec's dependency on its sibling is no edge */
	c = get(&r, FIREBASE);
	assert_int_equal(c->occ[0].line, 3);
	assert_string_equal(prop(c, "cocoapods:subspecs"), "Analytics,Core");
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, FBA));
	assert_true(is_root(&r, c));
	c = get(&r, FBA);
	assert_int_equal(c->occ[0].line, 7);
	assert_false(is_root(&r, c));

	/* :path: */
	c = get(&r, "pkg:cocoapods/MyLocalPod@0.1.0");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_true(depends(&r, c, ALAMO));
	assert_int_equal(c->occ[0].line, 8);
	/* :git: with the commit of CHECKOUT OPTIONS */
	c = get(&r, "pkg:cocoapods/MyGitPod@2.0.0");
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/acme/MyGitPod.git");
	assert_string_equal(c->vcs_commit, "4e1bc3a1b7c8f0d2e9a6b5c4d3e2f1a0b9c8d7e6");
	assert_int_equal(c->occ[0].line, 10);
	/* a private spec repository */
	c = get(&r, "pkg:cocoapods/InternalKit@1.4.0");
	assert_string_equal(prop(c, "cocoapods:spec_repo"), "https://github.com/acme/Specs.git");
	assert_int_equal(c->occ[0].line, 11);
	done(&r);
}

static void test_cocoapods__malformed(void **state)
{
	struct run r;
	(void)state;
	/* entries that are not "name (version)" are skipped with a warning */
	parse(&r, "cocoapods/bad-entry.lock", PL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, ALAMO);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 3);
	assert_int_equal(r.diags.v[1].line, 4);
	assert_string_equal(r.diags.v[0].msg, "PODS entry is not 'name (version)': skipped");
	done(&r);

	parse(&r, "cocoapods/no-pods.lock", PL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "no 'PODS' list: not a Podfile.lock");
	done(&r);

	parse(&r, "cocoapods/malformed.lock", PL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "malformed YAML"));
	done(&r);
}

/* YAML aliases repeating a big list under many keys: a budget keeps the work linear */
static void test_cocoapods__alias_expansion(void **state)
{
	struct {
		char *buf;
		size_t len;
	} y;
	struct crk_bom *bom = crk_bom_new();
	struct crk_diags diags;
	struct crk_err err;
	size_t cap = 1 << 20, i;
	int rc;
	(void)state;
	y.buf = malloc(cap);
	assert_non_null(y.buf);
	y.len = (size_t)snprintf(y.buf, cap, "PODS:\n  - A (1.0)\nSPEC REPOS:\n  r0: &L\n");
	for (i = 0; i < 3000; i++)
		y.len += (size_t)snprintf(y.buf + y.len, cap - y.len, "    - p%zu\n", i);
	for (i = 1; i < 3000; i++)
		y.len += (size_t)snprintf(y.buf + y.len, cap - y.len, "  r%zu: *L\n", i);
	crk_diags_init(&diags);
	rc = crk_sbom_parse_file(bom, PL, PL, NULL, y.buf, y.len, &diags, &err);
	assert_int_equal(rc, CRK_ELIMIT);
	assert_non_null(strstr(err.msg, "YAML aliases expand this file past"));
	crk_diags_release(&diags);
	crk_bom_free(bom);
	free(y.buf);
}

static void test_cocoapods__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("cocoapods/Podfile.lock", PL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cocoapods__podfile_lock),
		cmocka_unit_test(test_cocoapods__malformed),
		cmocka_unit_test(test_cocoapods__alias_expansion),
		cmocka_unit_test(test_cocoapods__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
