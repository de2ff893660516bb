/* test_nuget_deps.c - *.deps.json (src/detect/nuget_deps.c), on tests/data/nuget-deps. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "nuget-deps", file, "publish/App.deps.json", NULL);
}

static void test_nuget_deps__app(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "app.deps.json");
	assert_int_equal(r.rc, CRK_OK);
	/* packages and the runtime pack; not the projects, not the reference assembly */
	assert_int_equal(crk_bom_count(r.bom), 4);
	assert_null(crk_bom_find(r.bom, "pkg:nuget/App@1.0.0"));
	assert_null(crk_bom_find(r.bom, "pkg:nuget/MyLib@1.0.0"));
	assert_null(crk_bom_find(r.bom, "pkg:nuget/System.Xml@4.0.0.0"));

	c = get(&r, "pkg:nuget/Serilog@2.10.0");
	assert_string_equal(c->found_by, "nuget/deps-json");
	assert_string_equal(c->occ[0].path, "publish/App.deps.json");
	assert_int_equal(c->occ[0].line, 54);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value,
			    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
			    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
	c = get(&r, "pkg:nuget/System.Memory@4.5.4");
	assert_int_equal(c->occ[0].line, 61);
	assert_string_equal(c->hashes[0].value,
			    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
			    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f");
	c = get(&r, "pkg:nuget/Newtonsoft.Json@13.0.1");
	assert_int_equal(c->occ[0].line, 68);
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.0");
	assert_int_equal(c->occ[0].line, 49);

	assert_true(depends_purl(&r, "pkg:nuget/Serilog@2.10.0", "pkg:nuget/System.Memory@4.5.4"));
	assert_int_equal(get(&r, "pkg:nuget/Serilog@2.10.0")->ndeps, 1);
	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 3); /* the app's and its project reference's dependencies */
	assert_true(is_root_purl(&r, "pkg:nuget/Serilog@2.10.0"));
	assert_true(is_root_purl(&r, "pkg:nuget/Newtonsoft.Json@13.0.1"));
	assert_true(is_root_purl(&r, "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.0"));

	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 84);
	assert_non_null(strstr(r.diags.v[0].msg, "'NoVersion'"));
	done(&r);
}

static void test_nuget_deps__errors(void **state)
{
	static const struct {
		const char *file;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"empty-object.json", 1, "no \"libraries\" object"},
		{"libraries-array.json", 3, "\"libraries\" is not an object"},
		{"truncated.json", 4, "invalid JSON"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, "publish/App.deps.json");
		assert_int_equal(r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_nuget_deps__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("App.deps.json"), "nuget/deps-json");
	assert_string_equal(crk_sbom_detector_for("bin/Release/net8.0/My.App.deps.json"),
			    "nuget/deps-json");
	assert_null(crk_sbom_detector_for(".deps.json"));
	assert_null(crk_sbom_detector_for("test.deps"));
}

static void test_nuget_deps__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", test_data("nuget-deps"), "app.deps.json");
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "App.deps.json", "App.deps.json", NULL, buf, len,
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
		cmocka_unit_test(test_nuget_deps__app),
		cmocka_unit_test(test_nuget_deps__errors),
		cmocka_unit_test(test_nuget_deps__file_names),
		cmocka_unit_test(test_nuget_deps__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
