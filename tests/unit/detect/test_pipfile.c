/* test_pipfile.c - Pipfile.lock (src/detect/pipfile.c), on tests/data/pipfile. */
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
	snprintf(path, sizeof(path), "%s/%s", test_data("pipfile"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "app/Pipfile.lock", "app/Pipfile.lock", NULL, buf, len,
				    &r->diags, &r->err);
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

static const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

static void test_pipfile__default_develop(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "default-develop.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0); /* the lock file does not say what is direct */

	c = get(&r, "pkg:pypi/requests@2.31.0");
	assert_string_equal(c->found_by, "pypi/pipfile-lock");
	assert_string_equal(c->occ[0].path, "app/Pipfile.lock");
	assert_int_equal(c->occ[0].line, 19);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nhashes, 2);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f");
	assert_string_equal(prop(c, "marker"), "python_version >= '3.7'");

	c = get(&r, "pkg:pypi/celery@5.3.4");
	assert_int_equal(c->occ[0].line, 28);
	assert_string_equal(prop(c, "extras"), "redis,sqs");
	assert_int_equal(c->nhashes, 0);

	/* in both sections: one component, required */
	c = get(&r, "pkg:pypi/shared@1.0.0");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nocc, 2);
	assert_int_equal(c->occ[0].line, 36);
	assert_int_equal(c->occ[1].line, 49);

	c = get(&r, "pkg:pypi/pytest@7.4.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 41);
	/* NOT-HEX and md5 dropped; upper-case hex lowered */
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value,
			    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d1"
			    "3c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");

	/* another version in develop is another component */
	c = get(&r, "pkg:pypi/requests@2.30.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 52);
	done(&r);
}

static void test_pipfile__vcs_path_file(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "vcs-path-file.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 6);

	c = get(&r, "pkg:pypi/editgit");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_GIT | CRK_PKG_EDITABLE);
	assert_string_equal(c->vcs_url, "https://github.com/example/editgit.git");
	assert_string_equal(c->vcs_commit, "b36054111bc1e8bbadb5d0d60158feb72926f467");
	assert_int_equal(c->occ[0].line, 4);

	c = get(&r, "pkg:pypi/taggit");
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "ssh://git@github.com/example/taggit.git");
	assert_null(c->vcs_commit);
	assert_string_equal(prop(c, "vcs_ref"), "v2.0");

	c = get(&r, "pkg:pypi/hgdep");
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->vcs_url, "https://hg.example.com/hgdep");

	c = get(&r, "pkg:pypi/localpath");
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_EDITABLE);

	c = get(&r, "pkg:pypi/remotefile");
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://files.example.com/remotefile-1.0.tar.gz");

	c = get(&r, "pkg:pypi/localfile");
	assert_int_equal(c->flags, CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 24);
	done(&r);
}

static void test_pipfile__categories(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "categories.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	c = get(&r, "pkg:pypi/sphinx@7.2.6");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_string_equal(prop(c, "category"), "docs");
	assert_int_equal(c->occ[0].line, 5);
	assert_int_equal(get(&r, "pkg:pypi/alpha@1.0")->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(get(&r, "pkg:pypi/beta@2.0")->scope, CRK_SCOPE_DEV);
	done(&r);
}

static void test_pipfile__unpinned(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "unpinned.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	c = get(&r, "pkg:pypi/anyver");
	assert_int_equal(c->flags, CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "specifier"), "*");
	assert_string_equal(prop(get(&r, "pkg:pypi/ranged"), "specifier"), ">=1.0");
	assert_null(prop(get(&r, "pkg:pypi/nothing"), "specifier"));
	assert_string_equal(prop(get(&r, "pkg:pypi/wild"), "specifier"), "==1.*");
	done(&r);
}

static void test_pipfile__minified(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "minified.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:pypi/min@0.1");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 1);
	assert_int_equal(c->nhashes, 1);
	done(&r);
}

static void test_pipfile__malformed_entries_warn(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "malformed-entries.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:pypi/good@1.0");
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 4);
	assert_non_null(strstr(r.diags.v[0].msg, "'stringentry'"));
	assert_int_equal(r.diags.v[1].line, 6);
	assert_non_null(strstr(r.diags.v[1].msg, "'numver'"));
	done(&r);
}

static void test_pipfile__empty(void **state)
{
	static const char *const files[] = {"empty.json", "empty-file"};
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;
		parse(&r, files[i]);
		assert_int_equal(r.rc, CRK_OK);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pipfile__errors(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"not-json.txt", CRK_EPARSE, 1, 4, "invalid JSON"},
		{"truncated.json", CRK_EPARSE, 1, 69, "invalid JSON"},
		{"not-object.json", CRK_EPARSE, 1, 1, "top level is not an object"},
		{"bad-section.json", CRK_EPARSE, 1, 0, "'default' is not an object"},
		{"spec-7.json", CRK_EUNSUPPORTED, 1, 0, "pipfile-spec 7"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "app/Pipfile.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pipfile__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("Pipfile.lock"), "pypi/pipfile-lock");
	assert_string_equal(crk_sbom_detector_for("path/to/my/Pipfile.lock"), "pypi/pipfile-lock");
	assert_null(crk_sbom_detector_for("path/to/my/Pipfile.lock.file"));
	assert_null(crk_sbom_detector_for("path.to.my.Pipfile.lock"));
}

static void test_pipfile__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", test_data("pipfile"), "default-develop.json");
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "Pipfile.lock", "Pipfile.lock", NULL, buf, len,
					   &r.diags, &r.err);
		crk_alloc_fail_after(0);
		crk_free(buf);
		done(&r);
		if (n == 1)
			assert_int_equal(r.rc, CRK_ENOMEM);
		if (r.rc == CRK_OK)
			break;
		assert_int_equal(r.rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipfile__default_develop),
		cmocka_unit_test(test_pipfile__vcs_path_file),
		cmocka_unit_test(test_pipfile__categories),
		cmocka_unit_test(test_pipfile__unpinned),
		cmocka_unit_test(test_pipfile__minified),
		cmocka_unit_test(test_pipfile__malformed_entries_warn),
		cmocka_unit_test(test_pipfile__empty),
		cmocka_unit_test(test_pipfile__errors),
		cmocka_unit_test(test_pipfile__file_names),
		cmocka_unit_test(test_pipfile__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
