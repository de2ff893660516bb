/* test_requirements.c - pip requirements files (src/detect/requirements.c), on
 * tests/data/requirements. */
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

/* Parses tests/data/requirements/<dir>/<file> as `parse_as`, siblings read from that folder. */
static void parse(struct run *r, const char *dir, const char *file, const char *parse_as)
{
	char path[8192], d[4096], *buf;
	size_t len;
	snprintf(d, sizeof(d), "%s", test_data(dir));
	snprintf(path, sizeof(path), "%s/%s", d, file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, d, buf, len, &r->diags, &r->err);
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

static int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static void test_requirements__basic(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements", "basic.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 11);
	assert_int_equal(crk_diags_count(&r.diags), 0);

	c = get(&r, "pkg:pypi/requests@2.31.0");
	assert_string_equal(c->name, "requests");
	assert_string_equal(c->ecosystem, "PyPI");
	assert_string_equal(c->found_by, "pypi/requirements");
	assert_string_equal(c->occ[0].path, "requirements.txt");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->flags, 0);
	assert_true(is_root(&r, c));

	/* a range is not a version */
	c = get(&r, "pkg:pypi/django");
	assert_string_equal(c->name, "Django");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "specifier"), ">= 4.2, < 5");
	assert_int_equal(c->occ[0].line, 3);

	c = get(&r, "pkg:pypi/flask");
	assert_null(c->version);
	assert_null(prop(c, "specifier"));

	c = get(&r, "pkg:pypi/celery@5.3.4");
	assert_string_equal(prop(c, "extras"), "redis,sqs");
	assert_string_equal(prop(c, "marker"), "python_version >= \"3.8\"");

	c = get(&r, "pkg:pypi/urllib3@1.26.18"); /* === */
	c = get(&r, "pkg:pypi/numpy");		 /* ==1.26.* is a range */
	assert_string_equal(prop(c, "specifier"), "==1.26.*");
	c = get(&r, "pkg:pypi/pkg.with-dots@1.0");
	assert_string_equal(c->name, "pkg.with_dots");
	c = get(&r, "pkg:pypi/foo@2.0"); /* parenthesised specifier */
	c = get(&r, "pkg:pypi/envpin");	 /* ${VAR} left as written, no version */
	assert_string_equal(prop(c, "specifier"), "==${PIN_VERSION}");
	assert_int_equal(c->flags, CRK_PKG_UNPINNED);

	/* hashes over continued lines, at the first line */
	c = get(&r, "pkg:pypi/cryptography@41.0.7");
	assert_int_equal(c->occ[0].line, 12);
	assert_int_equal(c->nhashes, 2);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "079b85658ea2f59c4f43b70f8119a52414cdb7be34da5d019a77bf96d473b960");
	assert_string_equal(c->hashes[1].value,
			    "09616eeaef406f99046553b8a40fbf8b1e70795a91885ba4c96a70793de5504a");
	/* a short sha384 and an md5 (pip refuses md5) are dropped */
	c = get(&r, "pkg:pypi/six@1.16.0");
	assert_int_equal(c->nhashes, 0);
	done(&r);
}

static void test_requirements__continuation(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements", "continuation.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	assert_int_equal(get(&r, "pkg:pypi/alpha@1.0")->occ[0].line, 1);
	c = get(&r, "pkg:pypi/beta@2.0");
	assert_int_equal(c->occ[0].line, 3);
	assert_string_equal(prop(c, "marker"), "sys_platform == \"linux\"");
	assert_int_equal(get(&r, "pkg:pypi/gamma@3.0")->occ[0].line, 7);
	/* "delta==4.0 # \" swallows the next line into its comment */
	assert_int_equal(get(&r, "pkg:pypi/delta@4.0")->occ[0].line, 8);
	assert_null(crk_bom_find(r.bom, "pkg:pypi/epsilon@5.0"));
	/* a backslash on the last line */
	assert_int_equal(get(&r, "pkg:pypi/zeta@6.0")->occ[0].line, 10);
	done(&r);
}

static void test_requirements__crlf_bom(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements", "crlf-bom.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(get(&r, "pkg:pypi/crlf-one@1.0")->occ[0].line, 1);
	c = get(&r, "pkg:pypi/crlf-two@2.0");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->nhashes, 1);
	done(&r);
}

static void test_requirements__editables_urls(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements", "editables-urls.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	/* -e https://... without #egg= */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 5);

	c = get(&r, "pkg:pypi/editpkg");
	assert_int_equal(c->flags, CRK_PKG_EDITABLE | CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/example/editpkg.git");
	assert_string_equal(c->vcs_commit, "0123456789abcdef0123456789abcdef01234567");
	assert_int_equal(c->occ[0].line, 1);

	c = get(&r, "pkg:pypi/tagged");
	assert_string_equal(c->vcs_url, "ssh://git@github.com/example/tagged.git");
	assert_null(c->vcs_commit);
	assert_string_equal(prop(c, "vcs_ref"), "v1.2");

	c = get(&r, "pkg:pypi/localpkg");
	assert_int_equal(c->flags, CRK_PKG_EDITABLE | CRK_PKG_LOCAL);

	c = get(&r, "pkg:pypi/direct");
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://files.example.com/direct-1.0.tar.gz");

	c = get(&r, "pkg:pypi/gitdep");
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/example/gitdep");
	assert_string_equal(c->vcs_commit, "feedface");

	/* a wheel's file name pins the version */
	c = get(&r, "pkg:pypi/wheeldep@2.0");
	assert_string_equal(c->download_url,
			    "https://files.example.com/wheeldep-2.0-py3-none-any.whl");
	assert_string_equal(prop(c, "marker"), "os_name == \"nt\"");
	c = get(&r, "pkg:pypi/local-wheel@0.3.1");
	assert_string_equal(c->name, "local_wheel");
	assert_int_equal(c->flags, CRK_PKG_LOCAL);

	c = get(&r, "pkg:pypi/eggname");
	assert_string_equal(c->download_url, "https://files.example.com/pkg.zip");
	assert_int_equal(c->occ[0].line, 10);
	done(&r);
}

static void test_requirements__options(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements", "options.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	/* --requirements (not an option), -x, an unclosed quote */
	assert_int_equal(crk_diags_count(&r.diags), 3);
	assert_int_equal(r.diags.v[0].line, 14);
	assert_non_null(strstr(r.diags.v[0].msg, "--requirements"));
	assert_int_equal(r.diags.v[1].line, 16);
	assert_int_equal(r.diags.v[2].line, 19);
	c = get(&r, "pkg:pypi/alpha@1.0");
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:pypi/beta@2.0");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].value,
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	done(&r);
}

static void test_requirements__malformed_lines_warn(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements", "malformed.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	get(&r, "pkg:pypi/good@1.0");
	get(&r, "pkg:pypi/also-good@2.0");
	assert_int_equal(crk_diags_count(&r.diags), 7);
	assert_int_equal(r.diags.v[0].code, CRK_EPARSE);
	assert_string_equal(r.diags.v[0].path, "requirements.txt");
	assert_int_equal(r.diags.v[0].line, 2);
	assert_non_null(strstr(r.diags.v[0].msg, "'bad 1.0'"));
	assert_int_equal(r.diags.v[6].line, 9);
	done(&r);
}

static void test_requirements__includes_and_constraints(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requirements/includes", "requirements.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	/* constraints add nothing: notrequired, conflicting are not components */
	assert_int_equal(crk_bom_count(r.bom), 5);
	c = get(&r, "pkg:pypi/toplevel@1.0");
	assert_string_equal(c->occ[0].path, "requirements.txt");
	assert_int_equal(c->occ[0].line, 4);
	/* sub/base.txt names ../common.txt relative to itself */
	c = get(&r, "pkg:pypi/base-pkg@0.1");
	assert_string_equal(c->occ[0].path, "sub/base.txt");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->nocc, 1); /* included twice, read once */
	assert_true(is_root(&r, c));
	c = get(&r, "pkg:pypi/common-pkg@0.2");
	assert_string_equal(c->occ[0].path, "common.txt");
	assert_int_equal(c->occ[0].line, 1);
	/* a pin in the constraints file gives the version */
	c = get(&r, "pkg:pypi/pinnedbyc@3.3");
	assert_string_equal(c->occ[0].path, "requirements.txt");
	assert_int_equal(c->occ[0].line, 5);
	assert_int_equal(c->flags, 0);
	assert_string_equal(prop(c, "pinned_by"), "constraint");
	c = get(&r, "pkg:pypi/rangedbyc@4.4");
	assert_string_equal(prop(c, "specifier"), ">=1");
	/* common.txt -> sub/base.txt while sub/base.txt is being read */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].path, "common.txt");
	assert_int_equal(r.diags.v[0].line, 2);
	done(&r);
}

static void test_requirements__cycle(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements/cycle", "a-requirements.txt", "a-requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_string_equal(get(&r, "pkg:pypi/a-pkg@1")->occ[0].path, "a-requirements.txt");
	assert_string_equal(get(&r, "pkg:pypi/b-pkg@2")->occ[0].path, "b-requirements.txt");
	assert_int_equal(crk_diags_count(&r.diags), 2);
	done(&r);
}

static void test_requirements__missing_include_fails(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements", "bad-r.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "requirements.txt");
	assert_int_equal(r.err.line, 2);
	assert_int_equal(r.err.col, 1);
	assert_non_null(strstr(r.err.msg, "'does-not-exist.txt'"));
	/* what was read before the error stays */
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:pypi/before@1.0");
	done(&r);
}

static void test_requirements__include_of_a_directory_fails(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements/dir-include", "requirements.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 2);
	assert_non_null(strstr(r.err.msg, "'subdir.txt' cannot be read"));
	done(&r);
}

/* A chain of -r deeper than CRK_MAX_INCLUDES stops with CRK_ELIMIT at the include too many. */
static void test_requirements__include_depth_cap(void **state)
{
	char root[64] = "/tmp/crakit-req-XXXXXX", p[256], cmd[128];
	struct run r;
	int i;
	(void)state;
	assert_non_null(mkdtemp(root));
	for (i = 0; i <= CRK_MAX_INCLUDES + 1; i++) {
		FILE *f;
		snprintf(p, sizeof(p), "%s/chain-%d-requirements.txt", root, i);
		f = fopen(p, "w");
		assert_non_null(f);
		fprintf(f, "-r chain-%d-requirements.txt\nlevel%d==1.0\n", i + 1, i);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/chain-0-requirements.txt", root);
	{
		char *buf;
		size_t len;
		assert_int_equal(crk_read_file(p, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), CRK_OK);
		r.bom = crk_bom_new();
		crk_diags_init(&r.diags);
		r.rc = crk_sbom_parse_file(r.bom, "chain-0-requirements.txt",
					   "chain-0-requirements.txt", root, buf, len, &r.diags,
					   &r.err);
		crk_free(buf);
	}
	assert_int_equal(r.rc, CRK_ELIMIT);
	snprintf(p, sizeof(p), "chain-%d-requirements.txt", CRK_MAX_INCLUDES);
	assert_string_equal(r.err.path, p);
	assert_int_equal(r.err.line, 1);
	/* every -r line comes first: nothing was kept before the cap */
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static void test_requirements__missing_constraint_warns(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements", "missing-constraint.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_non_null(strstr(r.diags.v[0].msg, "'no-such-constraints.txt'"));
	done(&r);
}

static void test_requirements__includes_outside_warn(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements", "outside.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:pypi/inside@1.0");
	assert_int_equal(crk_diags_count(&r.diags), 4);
	done(&r);
}

static void test_requirements__empty(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "requirements", "empty.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	parse(&r, "requirements", "only-comments.txt", "requirements.txt");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_requirements__file_names(void **state)
{
	static const struct {
		const char *path;
		int taken;
	} cases[] = {
		{"requirements.txt", 1},
		{"path/to/my/requirements.txt", 1},
		{"path/to/my/requirements.txt.file", 0},
		{"path.to.my.requirements.txt", 1},
		{"requirements-dev.txt", 1},
		{"requirements.dev.txt", 1},
		{"dev-requirements.txt", 1},
		{"ci-requirements.txt", 1},
		{"RsaCtfTool/optional-requirements.txt", 1},
		{"dev.txt", 0},
		{"requirements", 0},
		{"requirements.json", 0},
		{"requirements/txt.txt", 0},
		{"requirements-asdf/test.txt", 0},
		{"yolo-txt/requirements.md", 0},
		{"path/requirements/requirements-dev.txt", 1},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d = crk_sbom_detector_for(cases[i].path);
		if (cases[i].taken) {
			if (!d || strcmp(d, "pypi/requirements") != 0)
				fail_msg("%s should be taken", cases[i].path);
		} else if (d && strcmp(d, "pypi/requirements") == 0) {
			fail_msg("%s should not be taken", cases[i].path);
		}
	}
}

/* Every allocation failure is reported as ENOMEM (or survived), never a crash or a leak. */
static void test_requirements__alloc_failures(void **state)
{
	static const char *const files[][2] = {
		{"requirements", "basic.txt"},
		{"requirements", "editables-urls.txt"},
		{"requirements/includes", "requirements.txt"},
	};
	size_t f;
	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		uint64_t n;
		for (n = 1; n < 100000; n++) {
			struct run r;
			char path[8192], d[4096], *buf;
			size_t len;
			snprintf(d, sizeof(d), "%s", test_data(files[f][0]));
			snprintf(path, sizeof(path), "%s/%s", d, files[f][1]);
			assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err),
					 0);
			r.bom = crk_bom_new();
			assert_non_null(r.bom);
			crk_diags_init(&r.diags);
			crk_alloc_fail_after(n);
			r.rc = crk_sbom_parse_file(r.bom, "requirements.txt", "requirements.txt", d,
						   buf, len, &r.diags, &r.err);
			crk_alloc_fail_after(0);
			crk_free(buf);
			done(&r);
			if (n == 1)
				assert_int_equal(r.rc,
						 CRK_ENOMEM); /* the hook does reach the parser */
			if (r.rc == CRK_OK)
				break;
			assert_int_equal(r.rc, CRK_ENOMEM);
		}
		assert_true(n < 100000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requirements__basic),
		cmocka_unit_test(test_requirements__continuation),
		cmocka_unit_test(test_requirements__crlf_bom),
		cmocka_unit_test(test_requirements__editables_urls),
		cmocka_unit_test(test_requirements__options),
		cmocka_unit_test(test_requirements__malformed_lines_warn),
		cmocka_unit_test(test_requirements__includes_and_constraints),
		cmocka_unit_test(test_requirements__cycle),
		cmocka_unit_test(test_requirements__missing_include_fails),
		cmocka_unit_test(test_requirements__include_of_a_directory_fails),
		cmocka_unit_test(test_requirements__include_depth_cap),
		cmocka_unit_test(test_requirements__missing_constraint_warns),
		cmocka_unit_test(test_requirements__includes_outside_warn),
		cmocka_unit_test(test_requirements__empty),
		cmocka_unit_test(test_requirements__file_names),
		cmocka_unit_test(test_requirements__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
