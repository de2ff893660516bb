/* test_pubspec.c - pubspec.lock (src/detect/pubspec.c), on tests/data/pubspec. */
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
	char path[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("pubspec"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "app/pubspec.lock", "app/pubspec.lock", NULL, buf, len,
				    &r->diags, &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

/* The component named `name` (pub names are unique in a lock file). */
static const struct crk_component *find(struct run *r, const char *name)
{
	size_t i;
	for (i = 0; i < crk_bom_count(r->bom); i++)
		if (strcmp(crk_bom_get(r->bom, i)->name, name) == 0)
			return crk_bom_get(r->bom, i);
	fail_msg("no component %s", name);
	return NULL;
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

static void test_pubspec__full(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "full.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 6);

	c = find(&r, "async");
	assert_string_equal(c->purl, "pkg:pub/async@2.11.0");
	assert_string_equal(c->ecosystem, "Pub");
	assert_string_equal(c->found_by, "pub/pubspec-lock");
	assert_string_equal(c->occ[0].path, "app/pubspec.lock");
	assert_int_equal(c->occ[0].line, 4);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "947bfcf187f74dbc5e146c9eb9c0f10c9f8b30743e341481c1e2ed3ecc18c20c");
	assert_int_equal(c->nqualifiers, 0); /* pub.dev */
	assert_false(is_root(&r, c));

	c = find(&r, "build_runner");
	assert_string_equal(c->purl, "pkg:pub/build_runner@2.2.1");
	assert_int_equal(c->occ[0].line, 12);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->nqualifiers, 0); /* pub.dartlang.org, the old name of pub.dev */
	assert_true(is_root(&r, c));

	c = find(&r, "flutter");
	assert_string_equal(c->version, "0.0.0");
	assert_int_equal(c->nprops, 1);
	assert_string_equal(c->props[0].key, "sdk");
	assert_string_equal(c->props[0].value, "flutter");
	assert_true(is_root(&r, c));

	c = find(&r, "http");
	assert_int_equal(c->occ[0].line, 24);
	assert_int_equal(c->nhashes, 0);
	assert_int_equal(c->nqualifiers, 1);
	assert_string_equal(c->qualifiers[0].key, "repository_url");
	assert_string_equal(c->qualifiers[0].value, "https://pub.example.com");
	assert_true(is_root(&r, c));

	c = find(&r, "local_pkg");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_true(is_root(&r, c)); /* "direct overridden" */

	c = find(&r, "my_fork");
	assert_string_equal(c->purl, "pkg:pub/my_fork@0.1.2");
	assert_int_equal(c->occ[0].line, 39);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/me/my_fork.git");
	assert_string_equal(c->vcs_commit, "406b9b038b2c1d779f1e7bf609c8c248be247372");
	assert_false(is_root(&r, c));

	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 4);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 48);
	assert_non_null(strstr(r.diags.v[0].msg, "'broken' is not a mapping"));
	assert_int_equal(r.diags.v[1].line, 49);
	assert_non_null(strstr(r.diags.v[1].msg, "'noversion' has no version"));
	done(&r);
}

static void test_pubspec__no_packages(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "no-packages-key.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_pubspec__errors(void **state)
{
	static const struct {
		const char *file;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"empty.lock", 1, "empty file"},
		{"comment-only.lock", 1, "empty file"},
		{"not-yaml.txt", 1, "expected a mapping at the top level"},
		{"malformed.lock", 3, "malformed YAML"},
		{"packages-seq.lock", 2, "'packages' is not a mapping"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, "app/pubspec.lock");
		if (r.err.line != cases[i].line)
			fail_msg("%s: line %u, not %u (%s)", cases[i].file, r.err.line,
				 cases[i].line, r.err.msg);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pubspec__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("pubspec.lock"), "pub/pubspec-lock");
	assert_string_equal(crk_sbom_detector_for("a/b/pubspec.lock"), "pub/pubspec-lock");
	assert_null(crk_sbom_detector_for("pubspec.yaml"));
	assert_null(crk_sbom_detector_for("path.to.my.pubspec.lock"));
}

static void test_pubspec__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", test_data("pubspec"), "full.lock");
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "pubspec.lock", "pubspec.lock", NULL, buf, len,
					   &r.diags, &r.err);
		crk_alloc_fail_after(0);
		crk_free(buf);
		done(&r);
		if (r.rc == CRK_OK)
			break;
		assert_int_equal(r.rc, CRK_ENOMEM);
	}
	assert_true(n > 1 && n < 100000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pubspec__full),
		cmocka_unit_test(test_pubspec__no_packages),
		cmocka_unit_test(test_pubspec__errors),
		cmocka_unit_test(test_pubspec__file_names),
		cmocka_unit_test(test_pubspec__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
