/* test_uv.c - uv.lock (src/detect/uv.c), on tests/data/uv. */
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
	snprintf(path, sizeof(path), "%s/%s", test_data("uv"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "py/uv.lock", "py/uv.lock", NULL, buf, len,
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

static void test_uv__workspace_scopes_sources_edges(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "workspace.lock");
	assert_int_equal(r.rc, CRK_OK);
	/* 14 packages, less the two members (virtual "app", editable "applib") */
	assert_int_equal(crk_bom_count(r.bom), 12);
	assert_null(crk_bom_find(r.bom, "pkg:pypi/app@0.1.0"));
	assert_null(crk_bom_find(r.bom, "pkg:pypi/applib@0.3.0"));
	assert_int_equal(crk_diags_count(&r.diags), 0);

	/* required: the members' dependencies, and what they need */
	c = get(&r, "pkg:pypi/attrs@24.2.0");
	assert_string_equal(c->found_by, "pypi/uv-lock");
	assert_string_equal(c->occ[0].path, "py/uv.lock");
	assert_int_equal(c->occ[0].line, 54);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	assert_string_equal(hashes_of(c),
			    "SHA-256:5cfb1b9148b5b086569baec03f20d7b6bf3bcacc9a42bebf87ffaaca362f6346 "
			    "SHA-256:81921eb96de3191c8258c199618104dd27ac608d9366f5e35d011eae1867ede2");
	assert_string_equal(c->download_url,
			    "https://files.pythonhosted.org/packages/fc/0f/"
			    "aafca9af9315aee06a89ffde799a10a582fe8de76c563ee80bbcdc08b3fb/"
			    "attrs-24.2.0.tar.gz");
	c = get(&r, "pkg:pypi/requests@2.32.3");
	assert_int_equal(c->occ[0].line, 110);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_string_equal(prop(c, "source_url"), "https://pypi.example.com/simple");
	assert_int_equal(get(&r, "pkg:pypi/urllib3@2.2.3")->scope, CRK_SCOPE_REQUIRED);
	/* requested as requests[socks]: that extra's dependency is required too */
	c = get(&r, "pkg:pypi/pysocks@1.7.1");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 97);
	assert_int_equal(get(&r, "pkg:pypi/numpy@1.26.4")->occ[0].line, 82);
	assert_int_equal(get(&r, "pkg:pypi/numpy@2.1.0")->occ[0].line, 87);

	/* only an extra ("cli") and a dev group need click: optional wins over dev */
	c = get(&r, "pkg:pypi/click@8.1.7");
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(c->occ[0].line, 72);
	/* the "dev" extra and the dev groups: dev, transitively */
	c = get(&r, "pkg:pypi/black@24.10.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 63);
	assert_int_equal(get(&r, "pkg:pypi/pathspec@0.12.1")->scope, CRK_SCOPE_DEV);
	c = get(&r, "pkg:pypi/ruff@0.8.1");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 123);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/ruff-0.8.1.tar.gz");
	assert_string_equal(hashes_of(c),
			    "SHA-256:87db64f3b9ae23b28e2ea1d1a8d5b4b3c8e1b4f0a0c9d2e3f4a5b6c7d8e9f0a1");
	c = get(&r, "pkg:pypi/pytest@8.3.3");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 102);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/pytest-dev/pytest");
	assert_string_equal(c->vcs_commit, "d0f136fe4ba1d34fa5d5bd6e9a4a0d6e5e4fd9b1");
	assert_string_equal(prop(c, "git_ref"), "tag=8.3.3");
	c = get(&r, "pkg:pypi/localhelper@0.0.1");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 77);
	assert_int_equal(c->flags, CRK_PKG_LOCAL);

	/* direct dependencies: every member's entries (members themselves are not components) */
	assert_string_equal(deps_of(&r, NULL),
			    "pkg:pypi/attrs@24.2.0 pkg:pypi/black@24.10.0 pkg:pypi/click@8.1.7 "
			    "pkg:pypi/numpy@1.26.4 pkg:pypi/numpy@2.1.0 pkg:pypi/pytest@8.3.3 "
			    "pkg:pypi/requests@2.32.3 pkg:pypi/ruff@0.8.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
			    "pkg:pypi/pysocks@1.7.1 pkg:pypi/urllib3@2.2.3");
	assert_string_equal(deps_of(&r, "pkg:pypi/black@24.10.0"),
			    "pkg:pypi/click@8.1.7 pkg:pypi/pathspec@0.12.1");
	assert_string_equal(deps_of(&r, "pkg:pypi/pytest@8.3.3"), "pkg:pypi/localhelper@0.0.1");
	done(&r);
}

static void test_uv__no_members_and_bad_entries(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "no-members.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:pypi/emoji@2.14.0");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* no member: nothing to reach from */
	assert_int_equal(c->occ[0].line, 5);
	/* a local package without a version */
	c = get(&r, "pkg:pypi/dynamic");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_UNPINNED);
	assert_int_equal(c->occ[0].line, 13);
	assert_string_equal(deps_of(&r, "pkg:pypi/dynamic"), "pkg:pypi/emoji@2.14.0");
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 9);
	assert_string_equal(r.diags.v[0].msg, "a [[package]] entry has no name; skipped");
	assert_int_equal(r.diags.v[1].line, 17);
	assert_int_equal(r.diags.v[1].col, 5);
	assert_string_equal(r.diags.v[1].msg,
			    "dependency 'not-locked' is not a locked package; ignored");
	done(&r);
}

static void test_uv__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 6, 48, "newline inside an inline table"},
		{"unknown-version.lock", CRK_EUNSUPPORTED, 1, 11,
		 "unsupported uv.lock version 2 (this reader knows 1)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/uv.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_uv__allocation_failures(void **state)
{
	char path[8192], *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s/%s", test_data("uv"), "workspace.lock");
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 5000 && !saw_ok; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "uv.lock", "uv.lock", NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(crk_bom_count(bom), 12);
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
		cmocka_unit_test(test_uv__workspace_scopes_sources_edges),
		cmocka_unit_test(test_uv__no_members_and_bad_entries),
		cmocka_unit_test(test_uv__malformed),
		cmocka_unit_test(test_uv__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
