/* test_spdx3_read.c - the SPDX 3.0 JSON-LD reader (src/formats/spdx3_read.c), on
 * tests/data/sbom-in/small.spdx3.json and the specification's own example. */
#include <string.h>

#include "../test.h"
#include "sbom_in.h"

static void test_spdx3_read__document(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.spdx3.json", &info, NULL);
	const struct crk_bom_meta *m = crk_bom_meta(bom);
	const struct crk_party *p;
	const struct crk_component *c;
	size_t n;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_SPDX3_JSON);
	assert_string_equal(info.spec_version, "3.0.1");
	assert_string_equal(info.serial, "https://example.com/doc");
	assert_int_equal(m->timestamp, 1748779200);
	/* the package the software_Sbom (root of the SpdxDocument) has as its root */
	assert_string_equal(m->name, "shop");
	assert_string_equal(m->version, "1.0.0");
	assert_int_equal(crk_bom_count(bom), 2);
	p = in_party(m->parties, m->nparties, CRK_PARTY_AUTHOR);
	assert_non_null(p);
	assert_string_equal(p->name, "Example GmbH");
	assert_string_equal(p->email, "sbom@example.com");
	assert_int_equal(m->ntools, 1);
	assert_string_equal(m->tools[0].key, "example-tool");
	/* the product's dependsOn is complete */
	assert_string_equal(info.completeness, "complete");
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 2);
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->supplier, "Example GmbH");
	assert_string_equal(c->license, "MIT"); /* hasDeclaredLicense */
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	/* dependsOn NoneElement, complete: no dependencies, and that is all of them */
	assert_int_equal(c->ndeps, 0);
	assert_int_equal(c->completeness, CRK_DEPS_COMPLETE);
	/* a LifecycleScopedRelationship of scope development */
	assert_int_equal(in_find(bom, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_DEV);
	crk_bom_free(bom);
}

/* The example of the SPDX 3.0.1 specification: the package is the product; its file is not a
 * component (counted as dropped). */
static void test_spdx3_read__spec_example(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = NULL;
	struct crk_err err;
	(void)state;
	if (crk_bom_read_file(test_corpus("sbom/spdx/spec-examples/3.0.1/package_sbom.json"), &bom,
			      &info, NULL, &err) == CRK_ENOTFOUND)
		skip();
	assert_non_null(bom);
	assert_string_equal(crk_bom_meta(bom)->name, "my-package");
	assert_string_equal(crk_bom_meta(bom)->version, "1.0");
	assert_string_equal(crk_bom_meta(bom)->product->download_url,
			    "http://dl.example.com/my-package_1.0.0.tar");
	assert_string_equal(in_party(crk_bom_meta(bom)->parties, crk_bom_meta(bom)->nparties,
				     CRK_PARTY_AUTHOR)->email,
			    "JPEWhacker@gmail.com");
	assert_int_equal(crk_bom_count(bom), 0);
	assert_int_equal(info.ndropped, 1);
	assert_string_equal(info.dropped[0], "1 file or snippet");
	crk_bom_free(bom);
}

static void test_spdx3_read__errors(void **state)
{
	struct crk_err err;
	struct crk_bom *bom = NULL;
	(void)state;
	assert_int_equal(in_error("unknown-version.spdx3.json", &err), CRK_EUNSUPPORTED);
	assert_string_equal(err.msg, "SPDX specVersion '4.0.0' is not one crakit reads (3.0.x)");
	assert_int_equal(in_read_buf("{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}",
				     &bom, NULL, &err),
			 CRK_EPARSE);
	assert_string_equal(err.msg, "an SPDX 3 document is an object with an \"@graph\" array");
}

static void test_spdx3_read__alloc_failures(void **state)
{
	(void)state;
	in_alloc_failures("small.spdx3.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx3_read__document),
		cmocka_unit_test(test_spdx3_read__spec_example),
		cmocka_unit_test(test_spdx3_read__errors),
		cmocka_unit_test(test_spdx3_read__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
