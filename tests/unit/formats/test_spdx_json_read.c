/* test_spdx_json_read.c - the SPDX 2 JSON reader (src/formats/spdx_json_read.c), on
 * tests/data/sbom-in/small.spdx.json (hand-written; the values below are read off that file). */
#include <string.h>

#include "../test.h"
#include "sbom_in.h"

static void test_spdx_json_read__document(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.spdx.json", &info, NULL);
	const struct crk_bom_meta *m = crk_bom_meta(bom);
	const struct crk_party *p;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_SPDX_JSON);
	assert_string_equal(info.spec_version, "2.3");
	assert_string_equal(info.serial, "https://example.com/spdx/shop-1.0.0");
	assert_string_equal(info.data_license, "CC0-1.0");
	assert_true(info.has_timestamp);
	assert_int_equal(m->timestamp, 1748779200);
	/* the one described package is the product, not a component */
	assert_non_null(m->product);
	assert_string_equal(m->name, "shop");
	assert_string_equal(m->version, "1.0.0");
	assert_string_equal(m->product->license, "Apache-2.0");
	assert_int_equal(crk_bom_count(bom), 3);
	assert_int_equal(m->ntools, 1);
	assert_string_equal(m->tools[0].key, "example-tool");
	assert_string_equal(m->tools[0].value, "2.0");
	p = in_party(m->parties, m->nparties, CRK_PARTY_AUTHOR);
	assert_non_null(p);
	assert_true(p->organization);
	assert_string_equal(p->name, "Example GmbH");
	assert_string_equal(p->email, "sbom@example.com");
	assert_int_equal(info.ndropped, 1);
	assert_string_equal(info.dropped[0], "1 file");
	crk_bom_free(bom);
}

static void test_spdx_json_read__packages(void **state)
{
	struct crk_bom *bom = in_read("small.spdx.json", NULL, NULL);
	const struct crk_component *c;
	(void)state;
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->supplier, "OpenJS");
	assert_string_equal(in_party(c->parties, c->nparties, CRK_PARTY_SUPPLIER)->email,
			    "security@openjsf.org");
	assert_string_equal(c->download_url, "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz");
	assert_string_equal(in_kv(c->ext_refs, c->next_refs, "website"), "https://lodash.com/");
	assert_string_equal(c->hashes[0].alg, "SHA-256"); /* SPDX "SHA256" */
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->license_concluded, "MIT");
	assert_string_equal(c->copyright, "Copyright OpenJS Foundation");
	/* no purl, a CPE: kept under its name */
	c = in_find(bom, "crakit:generic/zlib@1.3#");
	assert_string_equal(c->cpe, "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*");
	assert_null(c->license); /* NOASSERTION is "not known" */
	crk_bom_free(bom);
}

static void test_spdx_json_read__relationships(void **state)
{
	struct crk_bom *bom = in_read("small.spdx.json", NULL, NULL);
	size_t n;
	(void)state;
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 2);
	assert_true(in_depends(bom, NULL, "pkg:npm/lodash@4.17.21"));
	/* DEV_DEPENDENCY_OF: the inverse edge, and the scope */
	assert_true(in_depends(bom, NULL, "pkg:npm/mocha@10.2.0"));
	assert_int_equal(in_find(bom, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_DEV);
	assert_int_equal(in_find(bom, "pkg:npm/lodash@4.17.21")->scope, CRK_SCOPE_REQUIRED);
	/* STATIC_LINK is a dependency */
	assert_true(in_depends(bom, "pkg:npm/lodash@4.17.21", "crakit:generic/zlib@1.3#"));
	crk_bom_free(bom);
}

/* Several described packages: each one a component the root depends on, no product. */
static void test_spdx_json_read__several_described(void **state)
{
	static const char doc[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\","
		"\"documentDescribes\":[\"SPDXRef-a\",\"SPDXRef-b\"],\"packages\":["
		"{\"SPDXID\":\"SPDXRef-a\",\"name\":\"a\",\"versionInfo\":\"1\"},"
		"{\"SPDXID\":\"SPDXRef-b\",\"name\":\"b\",\"versionInfo\":\"2\"}]}";
	struct crk_bom *bom = NULL;
	struct crk_err err;
	size_t n;
	(void)state;
	assert_int_equal(in_read_buf(doc, &bom, NULL, &err), CRK_OK);
	assert_null(crk_bom_meta(bom)->product);
	assert_int_equal(crk_bom_count(bom), 2);
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 2);
	crk_bom_free(bom);
}

static void test_spdx_json_read__errors(void **state)
{
	struct crk_bom *bom = NULL;
	struct crk_err err;
	(void)state;
	assert_int_equal(in_read_buf("{\"spdxVersion\":\"SPDX-1.2\"}", &bom, NULL, &err),
			 CRK_EUNSUPPORTED);
	assert_string_equal(err.msg, "spdxVersion 'SPDX-1.2' is not one crakit reads (SPDX-2.2, SPDX-2.3)");
	assert_int_equal(in_read_buf("{\"spdxVersion\":\"SPDX-2.3\",\n\"packages\":[}", &bom, NULL,
				     &err),
			 CRK_EPARSE);
	assert_int_equal(err.line, 2);
	assert_null(bom);
}

static void test_spdx_json_read__alloc_failures(void **state)
{
	(void)state;
	in_alloc_failures("small.spdx.json");
}

/* The purl qualifier `upstream` (syft, Debian's VEX) names the source package of a Debian or
 * Alpine binary package, "name" or "name@version" (tests/data/sbom-in/upstream.spdx.json). */
static void test_spdx_json_read__upstream_source(void **state)
{
	struct crk_bom *bom = in_read("upstream.spdx.json", NULL, NULL);
	const struct crk_component *c;
	(void)state;
	c = in_find(bom, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"
			 "&upstream=openssl");
	assert_string_equal(c->source_name, "openssl");
	assert_null(c->source_version); /* the binary package's own version */
	c = in_find(bom, "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"
			 "&upstream=glibc%402.36-9%2Bdeb12u3");
	assert_string_equal(c->source_name, "glibc");
	assert_string_equal(c->source_version, "2.36-9+deb12u3");
	c = in_find(bom, "pkg:apk/alpine/busybox-binsh@1.37.0-r30?arch=x86_64"
			 "&distro=alpine-3.24.0&upstream=busybox");
	assert_string_equal(c->source_name, "busybox");
	/* only distribution packages have source packages */
	assert_null(in_find(bom, "pkg:npm/left-pad@1.3.0?upstream=other")->source_name);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_json_read__document),
		cmocka_unit_test(test_spdx_json_read__upstream_source),
		cmocka_unit_test(test_spdx_json_read__packages),
		cmocka_unit_test(test_spdx_json_read__relationships),
		cmocka_unit_test(test_spdx_json_read__several_described),
		cmocka_unit_test(test_spdx_json_read__errors),
		cmocka_unit_test(test_spdx_json_read__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
