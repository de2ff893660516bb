/* test_pypi_installed.c - installed Python metadata (src/detect/pypi_installed.c), on
 * tests/data/pypi-installed/site-packages. */
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

/* Parses site-packages/<rel> under its own path (the detector is chosen by the path). */
static void parse(struct run *r, const char *rel)
{
	char path[8192], as[1024], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("pypi-installed/site-packages"), rel);
	snprintf(as, sizeof(as), "site-packages/%s", rel);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static const struct crk_component *one(struct run *r, const char *purl)
{
	const struct crk_component *c;
	assert_int_equal(r->rc, CRK_OK);
	assert_int_equal(crk_bom_count(r->bom), 1);
	c = crk_bom_find(r->bom, purl);
	if (!c)
		fail_msg("no component %s", purl);
	assert_string_equal(c->found_by, "pypi/installed");
	assert_string_equal(c->ecosystem, "PyPI");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
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

static void test_pypi_installed__dist_info(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "requests-2.31.0.dist-info/METADATA");
	c = one(&r, "pkg:pypi/requests@2.31.0");
	assert_string_equal(c->occ[0].path, "site-packages/requests-2.31.0.dist-info/METADATA");
	assert_int_equal(c->occ[0].line, 2);
	/* "Apache 2.0" is not SPDX and the Apache classifier names no version: the words stay
	 * (the writers normalise them to Apache-2.0) */
	assert_string_equal(c->license, "Apache 2.0");
	assert_string_equal(c->author, "Kenneth Reitz <me@kennethreitz.org>");
	assert_string_equal(c->description, "Python HTTP for Humans.");
	assert_string_equal(prop(c, "homepage"), "https://requests.readthedocs.io");
	done(&r);
}

static void test_pypi_installed__case_folding_first_wins(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "mit_pkg-1.0.dist-info/METADATA");
	c = one(&r, "pkg:pypi/mit-pkg@1.0");
	assert_string_equal(c->name, "mit_pkg");
	assert_string_equal(c->version, "1.0"); /* not the second Version: 9.9 */
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->author, "Jane Doe <jane@example.org>");
	assert_string_equal(c->description, "A summary that is folded over two lines");
	done(&r);
}

static void test_pypi_installed__license_expression(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "expr_pkg-2.0.dist-info/METADATA");
	c = one(&r, "pkg:pypi/expr-pkg@2.0");
	assert_string_equal(c->license, "Apache-2.0 OR MIT"); /* ids in their SPDX case */
	assert_string_equal(c->author, "Only Author");
	done(&r);
}

static void test_pypi_installed__egg_info_classifier(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "gplpkg-3.0.egg-info/PKG-INFO");
	c = one(&r, "pkg:pypi/gplpkg@3.0");
	assert_string_equal(c->license, "GPL-3.0-or-later");
	assert_null(c->description); /* UNKNOWN */
	assert_null(prop(c, "homepage"));
	done(&r);
}

static void test_pypi_installed__egg_dir_and_file(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "eggdir-1.0-py3.9.egg/EGG-INFO/PKG-INFO");
	c = one(&r, "pkg:pypi/eggdir@1.0");
	assert_string_equal(c->license, "BSD-3-Clause");
	done(&r);
	parse(&r, "oldpkg-0.1-py2.7.egg-info");
	c = one(&r, "pkg:pypi/oldpkg@0.1");
	assert_string_equal(c->author, "Old Author");
	assert_int_equal(c->occ[0].line, 2);
	done(&r);
}

static void test_pypi_installed__ambiguous_classifiers(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "twolic-1.0.dist-info/METADATA");
	assert_null(one(&r, "pkg:pypi/twolic@1.0")->license);
	done(&r);
}

static void test_pypi_installed__crlf(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "crlf_pkg-0.5.dist-info/METADATA");
	c = one(&r, "pkg:pypi/crlf-pkg@0.5");
	assert_string_equal(c->description, "crlf folded");
	assert_string_equal(c->license, "ISC");
	done(&r);
}

static void test_pypi_installed__errors(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"bad/empty.dist-info/METADATA", CRK_EPARSE, 1, "empty metadata file"},
		{"bad/noversion.dist-info/METADATA", CRK_EPARSE, 2, "missing 'Version' header"},
		{"bad/noname.dist-info/METADATA", CRK_EPARSE, 1, "missing 'Name' header"},
		{"bad/bodyonly.dist-info/METADATA", CRK_EPARSE, 1, "missing 'Name' header"},
		{"bad/future.dist-info/METADATA", CRK_EUNSUPPORTED, 1, "Metadata-Version '3.0'"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_int_equal(r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

/* Parses archives/<file> as site-packages/<file>. */
static void parse_archive(struct run *r, const char *file)
{
	char path[8192], as[1024], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("pypi-installed/archives"), file);
	snprintf(as, sizeof(as), "site-packages/%s", file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
}

static void test_pypi_installed__wheel_and_egg_archives(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_archive(&r, "wheelpkg-1.2.3-py3-none-any.whl");
	c = one(&r, "pkg:pypi/wheelpkg@1.2.3");
	assert_string_equal(c->occ[0].path, "site-packages/wheelpkg-1.2.3-py3-none-any.whl");
	assert_int_equal(c->occ[0].line, 0); /* a line of the member, not of the file */
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->description, "a wheel");
	done(&r);
	parse_archive(&r, "eggpkg-0.9-py3.11.egg");
	c = one(&r, "pkg:pypi/eggpkg@0.9");
	assert_string_equal(c->author, "Egg Author");
	done(&r);
	/* the member was read whole before the cut */
	parse_archive(&r, "truncated-after-metadata-1.0-py3-none-any.whl");
	one(&r, "pkg:pypi/wheelpkg@1.2.3");
	done(&r);
}

static void test_pypi_installed__archive_errors(void **state)
{
	static const struct {
		const char *file, *msg;
	} cases[] = {
		{"notzip-1.0-py3-none-any.whl", "not a zip archive"},
		{"truncated-header-1.0-py3-none-any.whl", "zip archive"},
		/* nested/x.dist-info/METADATA is not the wheel's own */
		{"nometa-1.0-py3-none-any.whl", "no *.dist-info/METADATA in the wheel"},
		{"badmeta-1.0-py3-none-any.whl",
		 "missing 'Name' header in 'badmeta-1.0.dist-info/METADATA'"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char as[1024];
		snprintf(as, sizeof(as), "site-packages/%s", cases[i].file);
		parse_archive(&r, cases[i].file);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, as);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pypi_installed__file_names(void **state)
{
	static const struct {
		const char *path;
		int taken;
	} cases[] = {
		{"testdata/pip-22.2.2.dist-info/METADATA", 1},
		{"testdata/setuptools-57.4.0-py3.9.egg/EGG-INFO/PKG-INFO", 1},
		{"testdata/pycups-2.0.1.egg-info", 1},
		{"testdata/httplib2-0.20.4.egg-info/PKG-INFO", 1},
		{"testdata/pip-22.2.2.dist-info/TEST", 0},
		{"METADATA", 0},
		{"docs/METADATA", 0},
		{"PKG-INFO", 0},
		{"x.dist-info/RECORD", 0},
		{"python3.10/site-packages/monotonic-1.6-py3.10.egg", 1},
		{"python3.10/site-packages/monotonic-1.6-py3.10.whl", 1},
		{"dist/x.whl.txt", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d = crk_sbom_detector_for(cases[i].path);
		int taken = d && strcmp(d, "pypi/installed") == 0;
		if (taken != cases[i].taken)
			fail_msg("%s: taken %d, want %d", cases[i].path, taken, cases[i].taken);
	}
}

static void test_pypi_installed__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", test_data("pypi-installed/site-packages"),
			 "requests-2.31.0.dist-info/METADATA");
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "x-1.0.dist-info/METADATA",
					   "x-1.0.dist-info/METADATA", NULL, buf, len, &r.diags,
					   &r.err);
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
		cmocka_unit_test(test_pypi_installed__dist_info),
		cmocka_unit_test(test_pypi_installed__case_folding_first_wins),
		cmocka_unit_test(test_pypi_installed__license_expression),
		cmocka_unit_test(test_pypi_installed__egg_info_classifier),
		cmocka_unit_test(test_pypi_installed__egg_dir_and_file),
		cmocka_unit_test(test_pypi_installed__ambiguous_classifiers),
		cmocka_unit_test(test_pypi_installed__crlf),
		cmocka_unit_test(test_pypi_installed__errors),
		cmocka_unit_test(test_pypi_installed__wheel_and_egg_archives),
		cmocka_unit_test(test_pypi_installed__archive_errors),
		cmocka_unit_test(test_pypi_installed__file_names),
		cmocka_unit_test(test_pypi_installed__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
