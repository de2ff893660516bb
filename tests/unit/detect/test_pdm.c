/* test_pdm.c - pdm.lock (src/detect/pdm.c), on tests/data/pdm. */
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
	snprintf(path, sizeof(path), "%s/%s", test_data("pdm"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "py/pdm.lock", "py/pdm.lock", NULL, buf, len,
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

/* The purls `from` depends on (NULL: the product's direct dependencies), sorted, joined by
 * spaces, in a static buffer. */
static const char *deps_of(struct run *r, const char *from)
{
	static char buf[4096];
	const char *names[64];
	const size_t *ids;
	size_t n, i, j, o = 0;
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK); /* ids renumbered, duplicates gone */
	if (from) {
		const struct crk_component *c = get(r, from);
		ids = c->deps;
		n = c->ndeps;
	} else {
		ids = crk_bom_roots(r->bom, &n);
	}
	assert_true(n < 64);
	for (i = 0; i < n; i++)
		names[i] = crk_bom_get(r->bom, ids[i])->purl;
	for (i = 1; i < n; i++) /* insertion sort */
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "", names[i]);
	return buf;
}

static const char *hashes_of(const struct crk_component *c)
{
	static char buf[2048];
	size_t i, o = 0;
	buf[0] = '\0';
	for (i = 0; i < c->nhashes; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s:%s", i ? " " : "",
				      c->hashes[i].alg, c->hashes[i].value);
	return buf;
}

static void test_pdm__v4_groups_sources_edges(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "v4-groups.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9); /* 10 entries, requests twice (with extras) */
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* "default" anywhere in groups: required */
	c = get(&r, "pkg:pypi/certifi@2024.8.30");
	assert_string_equal(c->found_by, "pypi/pdm-lock");
	assert_string_equal(c->occ[0].path, "py/pdm.lock");
	assert_int_equal(c->occ[0].line, 11);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_string_equal(prop(c, "groups"), "default,dev");
	assert_string_equal(hashes_of(c),
			    "SHA-256:922820b53db7a7257ffbda3f597266d435245903d80737e34f8a45ff3e3230d8 "
			    "SHA-256:bec941d2aa8195e248a60b31ff9f0558284cf01a52591ceda73ea9afffd69fd9");
	/* "dev": dev; another group: optional */
	c = get(&r, "pkg:pypi/pytest@8.3.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 48);
	c = get(&r, "pkg:pypi/jinja2@3.1.4");
	assert_string_equal(c->name, "Jinja2");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 22);
	assert_string_equal(hashes_of(c),
			    "SHA-256:4a3aee7acbbe7303aede8e9648d13b8bf88a429282aa6122a993f0ac800cb369");
	assert_int_equal(get(&r, "pkg:pypi/markupsafe@2.1.5")->scope, CRK_SCOPE_OPTIONAL);

	/* an entry with extras is the same component; the first line is kept first */
	c = get(&r, "pkg:pypi/requests@2.32.3");
	assert_int_equal(c->nocc, 2);
	assert_int_equal(c->occ[0].line, 58);
	assert_int_equal(c->occ[1].line, 67);

	/* sources */
	c = get(&r, "pkg:pypi/mylib@0.1.0");
	assert_int_equal(c->occ[0].line, 40);
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_EDITABLE);
	c = get(&r, "pkg:pypi/toml@0.10.2");
	assert_int_equal(c->occ[0].line, 84);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/uiri/toml.git");
	assert_string_equal(c->vcs_commit, "65bab7582ce14c55cdeec2244c65ea23039c9e6f");
	assert_string_equal(prop(c, "git_ref"), "master");
	c = get(&r, "pkg:pypi/tarball@1.0");
	assert_int_equal(c->occ[0].line, 93);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/tarball-1.0.tar.gz");
	assert_int_equal(c->nhashes, 1);

	/* PEP 508 dependency strings, names compared normalised */
	assert_string_equal(deps_of(&r, "pkg:pypi/jinja2@3.1.4"), "pkg:pypi/markupsafe@2.1.5");
	assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
			    "pkg:pypi/certifi@2024.8.30 pkg:pypi/pysocks@1.7.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/pytest@8.3.3"), ""); /* not locked */
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	done(&r);
}

static void test_pdm__v3_metadata_files(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v3-metadata-files.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:pypi/six@1.16.0");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* no groups */
	assert_string_equal(hashes_of(c),
			    "SHA-256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254 "
			    "SHA-256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926");
	c = get(&r, "pkg:pypi/python-dateutil@2.8.2");
	assert_int_equal(c->occ[0].line, 8);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(deps_of(&r, "pkg:pypi/python-dateutil@2.8.2"), "pkg:pypi/six@1.16.0");
	done(&r);
}

static void test_pdm__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 7, 10, "unterminated array"},
		{"unknown-lock-version.lock", CRK_EUNSUPPORTED, 2, 16,
		 "unsupported pdm.lock lock_version '5.0' (this reader knows 3.x and 4.x)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/pdm.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pdm__allocation_failures(void **state)
{
	char path[8192], *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s/%s", test_data("pdm"), "v4-groups.lock");
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 5000 && !saw_ok; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "pdm.lock", "pdm.lock", NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(crk_bom_count(bom), 9);
			saw_ok = 1;
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
		}
		crk_diags_release(&diags);
		crk_bom_free(bom);
	}
	crk_free(buf);
	assert_true(saw_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdm__v4_groups_sources_edges),
		cmocka_unit_test(test_pdm__v3_metadata_files),
		cmocka_unit_test(test_pdm__malformed),
		cmocka_unit_test(test_pdm__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
