/* test_nuget_csproj.c - MSBuild PackageReference items (src/detect/nuget_csproj.c: detectors
 * nuget/csproj and nuget/directory-packages-props), on tests/data/nuget-csproj. */
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

/* Parses tests/data/nuget-csproj/<file> as `parse_as`, siblings read from <dir> (or none). */
static void parse(struct run *r, const char *file, const char *parse_as, const char *dir)
{
	char path[8192], dpath[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("nuget-csproj"), file);
	if (dir)
		snprintf(dpath, sizeof(dpath), "%s/%s", test_data("nuget-csproj"), dir);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, dir ? dpath : NULL, buf, len,
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

static int is_root(struct run *r, const char *purl)
{
	const struct crk_component *c = get(r, purl);
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static void expect(struct run *r, const char *purl, const char *found_by, const char *path,
		   unsigned line)
{
	const struct crk_component *c = get(r, purl);
	assert_string_equal(c->found_by, found_by);
	assert_string_equal(c->ecosystem, "NuGet");
	assert_string_equal(c->occ[0].path, path);
	if (c->occ[0].line != line)
		fail_msg("%s: line %u, not %u", purl, c->occ[0].line, line);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_true(is_root(r, purl));
}

/* The whole tree: App.csproj takes Polly's version from ../../Directory.Packages.props. */
static void test_nuget_csproj__tree(void **state)
{
	static const char app[] = "src/App/App.csproj";
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	r.bom = crk_bom_new();
	assert_non_null(r.bom);
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_scan(r.bom, test_data("nuget-csproj/tree"), NULL, &r.diags, NULL, &r.err);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 14);

	expect(&r, "pkg:nuget/Serilog@2.12.0", "nuget/csproj", app, 7); /* $(p), then Update */
	expect(&r, "pkg:nuget/Newtonsoft.Json@13.0.1", "nuget/csproj", app, 8); /* <Version> */
	expect(&r, "pkg:nuget/Polly@7.2.3", "nuget/csproj", app, 12);
	assert_string_equal(prop(get(&r, "pkg:nuget/Polly@7.2.3"), "version_from"),
			    "Directory.Packages.props");
	expect(&r, "pkg:nuget/Dapper@2.0.90", "nuget/csproj", app, 13); /* VersionOverride */
	expect(&r, "pkg:nuget/Dapper.Contrib", "nuget/csproj", app, 14); /* no pin anywhere */
	c = get(&r, "pkg:nuget/Dapper.Contrib");
	assert_null(c->version);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_null(prop(c, "specifier"));
	expect(&r, "pkg:nuget/A.One@1.0.0", "nuget/csproj", app, 15);
	expect(&r, "pkg:nuget/B.Two@1.0.0", "nuget/csproj", app, 15);
	expect(&r, "pkg:nuget/Ranged", "nuget/csproj", app, 16);
	assert_string_equal(prop(get(&r, "pkg:nuget/Ranged"), "specifier"), "[1.0,2.0)");
	expect(&r, "pkg:nuget/Floating", "nuget/csproj", app, 17);
	assert_string_equal(prop(get(&r, "pkg:nuget/Floating"), "specifier"), "6.*");
	expect(&r, "pkg:nuget/Exact@3.1.0", "nuget/csproj", app, 18);
	expect(&r, "pkg:nuget/Unresolved", "nuget/csproj", app, 19);
	assert_string_equal(prop(get(&r, "pkg:nuget/Unresolved"), "specifier"), "$(NotDefined)");
	/* removed, or inside a <Target>: not references */
	assert_null(crk_bom_find(r.bom, "pkg:nuget/Removed.Later@1.0.0"));
	assert_null(crk_bom_find(r.bom, "pkg:nuget/InTarget@1.0.0"));
	assert_null(crk_bom_find(r.bom, "pkg:nuget/Serilog@2.10.0"));

	expect(&r, "pkg:nuget/log4net@2.0.8", "nuget/csproj", "legacy/Legacy.vbproj", 4);

	/* Directory.Packages.props: references, not pins */
	expect(&r, "pkg:nuget/StyleCop.Analyzers@1.1.118", "nuget/directory-packages-props",
	       "Directory.Packages.props", 11);
	assert_string_equal(prop(get(&r, "pkg:nuget/StyleCop.Analyzers@1.1.118"), "global"),
			    "true");
	expect(&r, "pkg:nuget/LiteDB@5.0.12", "nuget/directory-packages-props",
	       "Directory.Packages.props", 12);
	assert_null(crk_bom_find(r.bom, "pkg:nuget/Unused.Pin@9.9.9"));
	assert_null(crk_bom_find(r.bom, "pkg:nuget/Dapper@2.0.123"));

	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 14);
	done(&r);
}

/* Alone, with nothing to read beside it, Polly has no version. */
static void test_nuget_csproj__alone(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "tree/src/App/App.csproj", "App.csproj", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 11);
	c = get(&r, "pkg:nuget/Polly");
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_null(prop(c, "version_from"));
	assert_int_equal(crk_diags_count(&r.diags), 0);
	done(&r);
}

static void test_nuget_csproj__bad_central_file(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "badcpm/App.fsproj", "App.fsproj", "badcpm");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_true(get(&r, "pkg:nuget/FSharp.Core")->flags & CRK_PKG_UNPINNED);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].path, "Directory.Packages.props");
	assert_non_null(strstr(r.diags.v[0].msg, "not well-formed XML"));
	done(&r);
}

static void test_nuget_csproj__recursive_property(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "recursive.csproj", "recursive.csproj", NULL);
	assert_int_equal(r.rc, CRK_OK);
	c = get(&r, "pkg:nuget/Loop");
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "specifier"), "$(A)xxxx");
	done(&r);
}

static void test_nuget_csproj__directory_build_props(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "build.props", "Directory.Build.props", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	expect(&r, "pkg:nuget/Microsoft.SourceLink.GitHub@8.0.0",
	       "nuget/directory-packages-props", "Directory.Build.props", 3);
	done(&r);
}

static void test_nuget_csproj__errors(void **state)
{
	static const struct {
		const char *file, *parse_as;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"not-xml.csproj", "x.csproj", 1, "not well-formed XML"},
		{"wrong-root.csproj", "x.csproj", 2, "root element is <Solution>, not <Project>"},
		{"not-xml.csproj", "Directory.Packages.props", 1, "not well-formed XML"},
		{"badcpm/Directory.Packages.props", "Directory.Build.props", 1, "not well-formed"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file, cases[i].parse_as, NULL);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, cases[i].parse_as);
		assert_int_equal(r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_nuget_csproj__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("a/b/Web.csproj"), "nuget/csproj");
	assert_string_equal(crk_sbom_detector_for("Lib.fsproj"), "nuget/csproj");
	assert_string_equal(crk_sbom_detector_for("Lib.VBPROJ"), "nuget/csproj");
	assert_null(crk_sbom_detector_for(".csproj"));
	assert_null(crk_sbom_detector_for("Web.csproj.user"));
	assert_string_equal(crk_sbom_detector_for("Directory.Packages.props"),
			    "nuget/directory-packages-props");
	assert_string_equal(crk_sbom_detector_for("src/Directory.Build.props"),
			    "nuget/directory-packages-props");
	assert_null(crk_sbom_detector_for("Other.props"));
}

static void test_nuget_csproj__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_scan(r.bom, test_data("nuget-csproj/tree"), NULL, &r.diags, NULL,
				     &r.err);
		crk_alloc_fail_after(0);
		if (r.rc == CRK_OK && crk_diags_count(&r.diags) == 0 &&
		    crk_bom_count(r.bom) == 14) {
			done(&r);
			break;
		}
		done(&r);
	}
	assert_true(n > 1 && n < 100000);
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], dpath[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/tree/src/App/App.csproj",
			 test_data("nuget-csproj"));
		snprintf(dpath, sizeof(dpath), "%s/tree", test_data("nuget-csproj"));
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "App.csproj", "App.csproj", dpath, buf, len,
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
		cmocka_unit_test(test_nuget_csproj__tree),
		cmocka_unit_test(test_nuget_csproj__alone),
		cmocka_unit_test(test_nuget_csproj__bad_central_file),
		cmocka_unit_test(test_nuget_csproj__recursive_property),
		cmocka_unit_test(test_nuget_csproj__directory_build_props),
		cmocka_unit_test(test_nuget_csproj__errors),
		cmocka_unit_test(test_nuget_csproj__file_names),
		cmocka_unit_test(test_nuget_csproj__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
