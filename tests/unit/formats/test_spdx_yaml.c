/* test_spdx_yaml.c - SPDX 2 YAML (src/formats/spdx_yaml.c), on tests/data/sbom-in/small.spdx.yaml
 * and spdx-example-2.3.spdx.yaml, each converted by PyYAML from an SPDX JSON document (the
 * first from small.spdx.json, the second from the SPDX specification's 2.3 JSON example in the
 * corpus): read, each must give the BOM its JSON gives. */
#include <string.h>
#include <sys/stat.h>

#include "../test.h"
#include "crakit/sbom.h"
#include "formats/sbomcheck.h"
#include "sbom_in.h"

static char *render(struct crk_bom *bom, size_t *len)
{
	struct crk_write_opts o = {1, 0};
	struct crk_err err;
	char *out = NULL;
	crk_bom_meta(bom)->timestamp = 0;
	if (crk_bom_write_mem(bom, "cyclonedx-json", &o, &out, len, &err) != CRK_OK)
		fail_msg("%s", err.msg);
	return out;
}

static void same_bom(struct crk_bom *a, struct crk_bom *b)
{
	size_t la, lb;
	char *x = render(a, &la), *y = render(b, &lb);
	assert_string_equal(x, y);
	crk_free(x);
	crk_free(y);
}

static void test_spdx_yaml__read(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.spdx.yaml", &info, NULL);
	const struct crk_component *c;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_SPDX_YAML);
	assert_string_equal(crk_sbom_format_str(info.format), "spdx-yaml");
	assert_string_equal(info.spec_version, "2.3");
	assert_string_equal(crk_bom_meta(bom)->name, "shop");
	assert_int_equal(crk_bom_count(bom), 3);
	/* "versionInfo: 4.17.21" and "1.3" are plain scalars: versions, as text */
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->version, "4.17.21");
	assert_string_equal(c->copyright, "Copyright OpenJS Foundation");
	assert_string_equal(in_find(bom, "crakit:generic/zlib@1.3#")->version, "1.3");
	assert_int_equal(in_find(bom, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_DEV);
	assert_true(in_depends(bom, "pkg:npm/lodash@4.17.21", "crakit:generic/zlib@1.3#"));
	assert_int_equal(info.ndropped, 1);
	assert_string_equal(info.dropped[0], "1 file");
	crk_bom_free(bom);
}

/* The YAML and JSON encodings of one document give the same BOM. */
static void test_spdx_yaml__same_as_json(void **state)
{
	struct crk_bom *a = in_read("small.spdx.yaml", NULL, NULL);
	struct crk_bom *b = in_read("small.spdx.json", NULL, NULL);
	(void)state;
	same_bom(a, b);
	crk_bom_free(a);
	crk_bom_free(b);
}

/* The specification's example: our YAML of its JSON, and the specification's own YAML, give
 * what its JSON gives (3 components: the described package is the product). */
static void test_spdx_yaml__spec_example(void **state)
{
	struct crk_bom *a = in_read("spdx-example-2.3.spdx.yaml", NULL, NULL), *b = NULL, *c = NULL;
	struct crk_sbom_info info;
	struct crk_err err;
	struct stat st;
	(void)state;
	assert_int_equal(crk_bom_count(a), 3);
	assert_string_equal(in_find(a, "pkg:maven/org.apache.jena/apache-jena@3.12.0")->version,
			    "3.12.0");
	if (stat(test_corpus("sbom/spdx/spec-examples/2.3"), &st) != 0) {
		crk_bom_free(a);
		print_message("corpus not found at %s (set CRAKIT_CORPUS): skipped\n",
			      test_corpus(""));
		skip();
	}
	assert_int_equal(crk_bom_read_file(test_corpus("sbom/spdx/spec-examples/2.3/"
						       "SPDXJSONExample-v2.3.spdx.json"),
					   &b, NULL, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_bom_read_file(test_corpus("sbom/spdx/spec-examples/2.3/"
						       "SPDXYAMLExample-2.3.spdx.yaml"),
					   &c, &info, NULL, &err),
			 CRK_OK);
	assert_int_equal(info.format, CRK_SBOM_SPDX_YAML);
	same_bom(a, b);
	same_bom(c, b);
	crk_bom_free(a);
	crk_bom_free(b);
	crk_bom_free(c);
}

/* For the schema check, plain scalars are typed as YAML 1.2's core schema says; for the
 * reader, numbers stay text and each mapping in a list has its line. */
static void test_spdx_yaml__scalars(void **state)
{
	static const char doc[] = "spdxVersion: SPDX-2.3\n"
				  "a: 1.0\n"
				  "b: '1.0'\n"
				  "c: true\n"
				  "d: ~\n"
				  "e: 12\n"
				  "f: -3e2\n"
				  "g: 1.2.3\n"
				  "h: \"12\"\n"
				  "i: |\n  two\n  lines\n"
				  "packages:\n"
				  "- name: x\n"
				  "- name: y\n";
	struct crk_err err;
	json_t *j;
	(void)state;
	assert_int_equal(crk__spdx_yaml_to_json(doc, strlen(doc), "t", 0, &j, &err), CRK_OK);
	assert_true(json_is_real(json_object_get(j, "a")));
	assert_true(json_real_value(json_object_get(j, "a")) == 1.0);
	assert_string_equal(json_string_value(json_object_get(j, "b")), "1.0");
	assert_true(json_is_true(json_object_get(j, "c")));
	assert_true(json_is_null(json_object_get(j, "d")));
	assert_int_equal(json_integer_value(json_object_get(j, "e")), 12);
	assert_true(json_real_value(json_object_get(j, "f")) == -300.0);
	assert_string_equal(json_string_value(json_object_get(j, "g")), "1.2.3");
	assert_string_equal(json_string_value(json_object_get(j, "h")), "12");
	assert_string_equal(json_string_value(json_object_get(j, "i")), "two\nlines\n");
	assert_null(json_object_get(json_array_get(json_object_get(j, "packages"), 0), "_line"));
	json_decref(j);

	assert_int_equal(crk__spdx_yaml_to_json(doc, strlen(doc), "t", 1, &j, &err), CRK_OK);
	assert_string_equal(json_string_value(json_object_get(j, "a")), "1.0");
	assert_string_equal(json_string_value(json_object_get(j, "e")), "12");
	assert_true(json_is_true(json_object_get(j, "c")));
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(json_object_get(j, "packages"), 1), "_line")),
			 15);
	json_decref(j);
}

static void test_spdx_yaml__errors(void **state)
{
	static const struct {
		const char *doc;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"spdxVersion: SPDX-2.3\nname: &n x\n", CRK_EPARSE, 2, 7,
		 "YAML anchor '&n': anchors and aliases are not read in SPDX YAML (write the value "
		 "out)"},
		{"spdxVersion: SPDX-2.3\nname: *n\n", CRK_EPARSE, 2, 7,
		 "YAML alias '*n': anchors and aliases are not read in SPDX YAML (write the value "
		 "out)"},
		{"spdxVersion: SPDX-2.3\nname: [x\n", CRK_EPARSE, 3, 1,
		 "malformed YAML: did not find expected ',' or ']' while parsing a flow sequence"},
		{"- spdxVersion: SPDX-2.3\n", CRK_EPARSE, 1, 1,
		 "a list at the top level, expected the SPDX document (a mapping)"},
		{"spdxVersion\n", CRK_EPARSE, 1, 1,
		 "a value at the top level, expected the SPDX document (a mapping)"},
		{"spdxVersion: SPDX-2.3\n---\nspdxVersion: SPDX-2.3\n", CRK_EPARSE, 2, 1,
		 "a second YAML document ('---'), expected one SPDX document per file"},
		{"spdxVersion: SPDX-2.3\n? [a]\n: b\n", CRK_EPARSE, 2, 3,
		 "a list used as a key, expected a member name"},
		{"# spdxVersion: only a comment\n", CRK_EPARSE, 1, 1,
		 "an empty YAML document, expected an SPDX document"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_err err;
		json_t *j = NULL;
		int rc = crk__spdx_yaml_to_json(cases[i].doc, strlen(cases[i].doc), "x.spdx.yaml", 1,
						&j, &err);
		if (rc != cases[i].rc || err.line != cases[i].line || err.col != cases[i].col ||
		    strcmp(err.msg, cases[i].msg) != 0)
			fail_msg("case %zu: %d %u:%u: %s", i, rc, err.line, err.col, err.msg);
		assert_string_equal(err.path, "x.spdx.yaml");
		assert_null(j);
	}
}

/* Nesting past CRK_MAX_DEPTH is refused, not recursed into. */
static void test_spdx_yaml__depth(void **state)
{
	size_t n = CRK_MAX_DEPTH + 10, i;
	char *doc = crk_malloc(2 * n + 32);
	struct crk_err err;
	json_t *j = NULL;
	(void)state;
	assert_non_null(doc);
	memcpy(doc, "spdxVersion: SPDX-2.3\nx: ", 25);
	for (i = 0; i < n; i++)
		doc[25 + i] = '[';
	for (i = 0; i < n; i++)
		doc[25 + n + i] = ']';
	doc[25 + 2 * n] = '\n';
	assert_int_equal(crk__spdx_yaml_to_json(doc, 25 + 2 * n + 1, "t", 1, &j, &err),
			 CRK_ELIMIT);
	assert_string_equal(err.msg, "nested deeper than 256 levels");
	crk_free(doc);
}

/* Every allocation failed in turn: CRK_ENOMEM, never a crash or a leak, until it reads. */
static void test_spdx_yaml__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_read_file(test_data("sbom-in/small.spdx.yaml"), CRK_MAX_FILE_SIZE, &buf,
				       &len, &err),
			 CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = NULL;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_bom_read(buf, len, "t", &bom, NULL, NULL, &err);
		crk_alloc_fail_after(0);
		crk_bom_free(bom);
		if (rc == CRK_OK)
			break;
		assert_int_equal(rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_yaml__read),
		cmocka_unit_test(test_spdx_yaml__same_as_json),
		cmocka_unit_test(test_spdx_yaml__spec_example),
		cmocka_unit_test(test_spdx_yaml__scalars),
		cmocka_unit_test(test_spdx_yaml__errors),
		cmocka_unit_test(test_spdx_yaml__depth),
		cmocka_unit_test(test_spdx_yaml__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
