/* test_cocoapods.c - Podfile.lock (src/detect/cocoapods.c), on tests/data/cocoapods. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

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
