/* test_nuget_config.c - packages.config (src/detect/nuget_config.c), on tests/data/nuget-config. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "nuget-config", file, "Web/packages.config", NULL);
}

static void test_nuget_config__packages(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "packages.config");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);

	c = get(&r, "pkg:nuget/Newtonsoft.Json@13.0.1");
	assert_string_equal(c->found_by, "nuget/packages-config");
	assert_string_equal(c->ecosystem, "NuGet");
	assert_string_equal(c->occ[0].path, "Web/packages.config");
	assert_int_equal(c->occ[0].line, 4);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nprops, 1);
	assert_string_equal(c->props[0].key, "target_framework");
	assert_string_equal(c->props[0].value, "net48");

	/* libxml2 records the line where a start tag ends (this one spans lines 5 and 6) */
	c = get(&r, "pkg:nuget/Microsoft.Net.Compilers@2.10.0");
	assert_int_equal(c->occ[0].line, 6);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);

	c = get(&r, "pkg:nuget/EntityFramework@6.4.4");
	assert_int_equal(c->occ[0].line, 9);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nprops, 0);

	/* a flat list: nothing is known to be direct */
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 7);
	assert_non_null(strstr(r.diags.v[0].msg, "'NoVersion' has no \"version\""));
	assert_int_equal(r.diags.v[1].line, 8);
	assert_non_null(strstr(r.diags.v[1].msg, "has no \"id\""));
	done(&r);
}

static void test_nuget_config__errors(void **state)
{
	static const struct {
		const char *file;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"not-xml.config", 1, "not well-formed XML"},
		{"wrong-root.config", 2, "root element is <configuration>, not <packages>"},
		{"entity.config", 3, "entity declarations are not accepted"},
		{"truncated.config", 4, "not well-formed XML"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, "Web/packages.config");
		if (r.err.line != cases[i].line)
			fail_msg("%s: line %u, not %u (%s)", cases[i].file, r.err.line,
				 cases[i].line, r.err.msg);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_nuget_config__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("packages.config"), "nuget/packages-config");
	assert_string_equal(crk_sbom_detector_for("src/Web/packages.config"),
			    "nuget/packages-config");
	assert_null(crk_sbom_detector_for("test.config"));
}

static void test_nuget_config__alloc_failures(void **state)
{
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		char path[8192], *buf;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", test_data("nuget-config"), "packages.config");
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err), 0);
		r.bom = crk_bom_new();
		assert_non_null(r.bom);
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "packages.config", "packages.config", NULL, buf,
					   len, &r.diags, &r.err);
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
		cmocka_unit_test(test_nuget_config__packages),
		cmocka_unit_test(test_nuget_config__errors),
		cmocka_unit_test(test_nuget_config__file_names),
		cmocka_unit_test(test_nuget_config__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
