/* test_nuget_lock.c - packages.lock.json (src/detect/nuget_lock.c), on tests/data/nuget-lock. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "nuget-lock", file, "src/App/packages.lock.json", NULL);
}

#define NJSON "pkg:nuget/Newtonsoft.Json@13.0.1"

static void test_nuget_lock__frameworks(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "v1-frameworks.json");
	assert_int_equal(r.rc, CRK_OK);
	/* Newtonsoft.Json once (same version under both frameworks), System.Memory twice */
	assert_int_equal(crk_bom_count(r.bom), 4);

	c = get(&r, "pkg:nuget/Newtonsoft.Json@13.0.1");
	assert_string_equal(c->name, "Newtonsoft.Json");
	assert_string_equal(c->ecosystem, "NuGet");
	assert_string_equal(c->found_by, "nuget/packages-lock-json");
	assert_string_equal(c->occ[0].path, "src/App/packages.lock.json");
	assert_int_equal(c->occ[0].line, 5);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value,
			    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
			    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");

	c = get(&r, "pkg:nuget/System.Memory@4.5.4");
	assert_int_equal(c->occ[0].line, 14);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].value,
			    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
			    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f");
	c = get(&r, "pkg:nuget/System.Memory@4.5.5");
	assert_int_equal(c->occ[0].line, 44);
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:nuget/Serilog@2.10.0");
	assert_int_equal(c->occ[0].line, 25);
	assert_int_equal(c->nhashes, 0); /* "not base64!" is dropped */

	/* edges per framework, ids matched without case */
	assert_true(depends_purl(&r, NJSON, "pkg:nuget/System.Memory@4.5.4"));
	assert_true(depends_purl(&r, NJSON, "pkg:nuget/System.Memory@4.5.5"));
	assert_int_equal(get(&r, "pkg:nuget/Newtonsoft.Json@13.0.1")->ndeps, 2);
	assert_int_equal(get(&r, "pkg:nuget/Serilog@2.10.0")->ndeps, 0);
	/* Direct entries and the Project entry's dependencies are direct */
	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 2);
	assert_true(is_root_purl(&r, "pkg:nuget/Newtonsoft.Json@13.0.1"));
	assert_true(is_root_purl(&r, "pkg:nuget/Serilog@2.10.0"));
	/* the Project entry is not a component; the entry without "resolved" is a warning */
	assert_null(crk_bom_find(r.bom, "pkg:nuget/MyCompany.Shared"));
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 30);
	assert_non_null(strstr(r.diags.v[0].msg, "'Broken.Entry'"));
	done(&r);
}

static void test_nuget_lock__central_v2(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "v2-central.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(get(&r, "pkg:nuget/Polly.Core@8.2.1")->occ[0].line, 13);
	assert_true(depends_purl(&r, "pkg:nuget/Polly@8.2.0", "pkg:nuget/Polly.Core@8.2.1"));
	assert_true(is_root_purl(&r, "pkg:nuget/Polly@8.2.0"));
	assert_false(is_root_purl(&r, "pkg:nuget/Polly.Core@8.2.1"));
	done(&r);
}

static void test_nuget_lock__errors(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"truncated.json", CRK_EPARSE, 10, "invalid JSON"},
		{"version-3.json", CRK_EUNSUPPORTED, 2, "unsupported lock file version 3"},
		{"framework-not-object.json", CRK_EPARSE, 4, "'net6.0' is not an object"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "src/App/packages.lock.json");
		assert_int_equal(r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_nuget_lock__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("packages.lock.json"),
			    "nuget/packages-lock-json");
	assert_string_equal(crk_sbom_detector_for("a/b/packages.lock.json"),
			    "nuget/packages-lock-json");
	assert_null(crk_sbom_detector_for("a/packages.lock.json.bak"));
}

static void test_nuget_lock__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/v1-frameworks.json", test_data("nuget-lock"));
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "packages.lock.json", "packages.lock.json", NULL,
					   buf, len, &r.diags, &r.err);
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
		cmocka_unit_test(test_nuget_lock__frameworks),
		cmocka_unit_test(test_nuget_lock__central_v2),
		cmocka_unit_test(test_nuget_lock__errors),
		cmocka_unit_test(test_nuget_lock__file_names),
		cmocka_unit_test(test_nuget_lock__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
