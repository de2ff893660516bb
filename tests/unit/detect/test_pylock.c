/* test_pylock.c - pylock.toml (src/detect/pylock.c), on tests/data/pylock. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

struct run {
	const char *as; /* the name the file is parsed as */
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void parse(struct run *r, const char *file)
{
	char path[8192], *buf;
	size_t len;
	if (!r->as)
		r->as = "py/pylock.toml";
	snprintf(path, sizeof(path), "%s/%s", test_data("pylock"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, r->as, r->as, NULL, buf, len, &r->diags, &r->err);
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

static void test_pylock__sources_hashes_edges(void **state)
{
	static const char *const as[] = {"py/pylock.toml", "py/pylock.dev.toml"};
	size_t k;
	(void)state;
	for (k = 0; k < 2; k++) {
		struct run r = {.as = as[k]};
		const struct crk_component *c;
		size_t nroots;
		parse(&r, "pylock.toml");
		assert_int_equal(r.rc, CRK_OK);
		/* 7 entries: the project itself (directory ".") and one without name are not
		 * components */
		assert_int_equal(crk_bom_count(r.bom), 5);
		assert_null(crk_bom_find(r.bom, "pkg:pypi/myproject"));

		c = get(&r, "pkg:pypi/requests@2.32.3");
		assert_string_equal(c->name, "Requests");
		assert_string_equal(c->found_by, "pypi/pylock-toml");
		assert_string_equal(c->occ[0].path, as[k]);
		assert_int_equal(c->occ[0].line, 14);
		assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
		assert_int_equal(c->flags, 0);
		assert_string_equal(c->download_url,
				    "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz");
		/* sdist then wheels; hex lowered; blake2b is not a CycloneDX algorithm */
		assert_string_equal(
			hashes_of(c),
			"SHA-256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760 "
			"SHA-256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6");

		c = get(&r, "pkg:pypi/urllib3@2.2.3");
		assert_int_equal(c->occ[0].line, 24);
		assert_string_equal(prop(c, "source_url"), "https://mirror.example.com/simple");
		assert_string_equal(hashes_of(c), "SHA-256:ca899ca043dcb1bafa3e262d73aa25c465bfb49e0bd9dd5d59f1d0acba2f8fac");

		c = get(&r, "pkg:pypi/pysocks@1.7.1");
		assert_int_equal(c->occ[0].line, 36);
		assert_int_equal(c->flags, CRK_PKG_URL);
		assert_string_equal(c->download_url, "https://example.com/PySocks-1.7.1.tar.gz");
		assert_string_equal(prop(c, "marker"), "'socks' in extras");
		assert_int_equal(c->nhashes, 1);
		assert_string_equal(c->hashes[0].alg, "SHA-512");

		c = get(&r, "pkg:pypi/ruff@0.8.1");
		assert_int_equal(c->occ[0].line, 45);
		assert_int_equal(c->flags, CRK_PKG_GIT);
		assert_string_equal(c->vcs_url, "https://github.com/astral-sh/ruff");
		assert_string_equal(c->vcs_commit, "84748be16341b76e073d117329f7f5f4ee2941ad");
		assert_string_equal(prop(c, "git_ref"), "0.8.1");
		assert_int_equal(c->scope, CRK_SCOPE_REQUIRED); /* markers are not evaluated */

		c = get(&r, "pkg:pypi/helper");
		assert_null(c->version);
		assert_int_equal(c->occ[0].line, 51);
		assert_int_equal(c->flags, CRK_PKG_LOCAL | CRK_PKG_UNPINNED);

		assert_string_equal(deps_of(&r, "pkg:pypi/requests@2.32.3"),
				    "pkg:pypi/pysocks@1.7.1 pkg:pypi/urllib3@2.2.3");
		crk_bom_roots(r.bom, &nroots);
		assert_int_equal(nroots, 0);

		assert_int_equal(crk_diags_count(&r.diags), 2);
		assert_int_equal(r.diags.v[0].line, 55);
		assert_string_equal(r.diags.v[0].msg, "a [[packages]] entry has no name; skipped");
		assert_int_equal(r.diags.v[1].line, 53);
		assert_int_equal(r.diags.v[1].col, 17);
		assert_string_equal(r.diags.v[1].msg,
				    "dependency 'not-locked' is not a locked package; ignored");
		done(&r);
	}
}

static void test_pylock__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("pylock.toml"), "pypi/pylock-toml");
	assert_string_equal(crk_sbom_detector_for("a/b/pylock.spam.toml"), "pypi/pylock-toml");
	assert_null(crk_sbom_detector_for("pylock.a.b.toml"));
	assert_null(crk_sbom_detector_for("pylock..toml"));
	assert_null(crk_sbom_detector_for("PYLOCK.spam.toml"));
	assert_null(crk_sbom_detector_for("mypylock.toml"));
	assert_null(crk_sbom_detector_for("pylock.toml.file"));
}

static void test_pylock__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.toml", CRK_EPARSE, 5, 10, "unterminated array"},
		{"unknown-lock-version.toml", CRK_EUNSUPPORTED, 1, 16,
		 "unsupported pylock.toml lock-version '2.0' (this reader knows 1.x)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = {0};
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "py/pylock.toml");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pylock__allocation_failures(void **state)
{
	char path[8192], *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s/%s", test_data("pylock"), "pylock.toml");
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 5000 && !saw_ok; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "pylock.toml", "pylock.toml", NULL, buf, len, &diags,
					 &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(crk_bom_count(bom), 5);
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
		cmocka_unit_test(test_pylock__sources_hashes_edges),
		cmocka_unit_test(test_pylock__file_names),
		cmocka_unit_test(test_pylock__malformed),
		cmocka_unit_test(test_pylock__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
