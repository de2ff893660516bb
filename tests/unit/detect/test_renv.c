/* test_renv.c - renv.lock (src/detect/renv.c), on tests/data/renv. */
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

#define RL "renv.lock"
#define MARKDOWN "pkg:cran/markdown@1.7"
#define COMMONMARK "pkg:cran/commonmark@1.9.0"
#define XFUN "pkg:cran/xfun@0.40"

static void test_renv__sources(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "renv/renv.lock", RL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 6);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg, "package 'noversion' without a Version skipped");
	assert_int_equal(r.diags.v[0].line, 62);

	c = get(&r, MARKDOWN);
	assert_string_equal(c->ecosystem, "CRAN");
	assert_string_equal(c->found_by, "cran/renv-lock");
	assert_int_equal(c->occ[0].line, 13);
	assert_int_equal(c->nhashes, 0); /* renv's Hash digests DESCRIPTION fields, not a file */
	assert_string_equal(prop(c, "renv:hash"), "4584a57f565dd7987d59dda3a02cfb41");
	assert_null(prop(c, "cran:repository"));
	/* "utils" is base R, not in the lockfile */
	assert_int_equal(c->ndeps, 2);
	assert_true(depends(&r, c, COMMONMARK));
	assert_true(depends(&r, c, XFUN));
	assert_true(is_root(&r, c));

	c = get(&r, COMMONMARK);
	assert_string_equal(prop(c, "cran:repository"), "RSPM");
	assert_int_equal(c->occ[0].line, 21);
	assert_false(is_root(&r, c));

	c = get(&r, XFUN);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/yihui/xfun");
	assert_string_equal(c->vcs_commit, "1763e0dcb72fb58d97bab97bb834fc71f1e012bc");
	assert_string_equal(prop(c, "git_ref"), "main");
	assert_int_equal(c->occ[0].line, 28);

	c = get(&r, "pkg:cran/BiocGenerics@0.46.0?repository_url=https:%2F%2Fbioconductor.org");
	assert_string_equal(c->ecosystem, "Bioconductor");
	assert_int_equal(c->occ[0].line, 41);
	assert_true(is_root(&r, c));

	c = get(&r, "pkg:cran/mylocal@0.0.1");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 48);
	c = get(&r, "pkg:cran/fromurl@2.1");
	assert_true(c->flags & CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.org/fromurl_2.1.tar.gz");
	assert_int_equal(c->occ[0].line, 55);

	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 4); /* markdown, BiocGenerics, mylocal, fromurl */
	done(&r);
}

static void test_renv__malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "renv/truncated.lock", RL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	done(&r);
	parse(&r, "renv/packages-not-an-object.lock", RL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "'Packages' is not an object");
	done(&r);
}

static void test_renv__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("renv/renv.lock", RL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renv__sources),
		cmocka_unit_test(test_renv__malformed),
		cmocka_unit_test(test_renv__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
