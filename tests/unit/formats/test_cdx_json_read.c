/* test_cdx_json_read.c - the CycloneDX JSON reader (src/formats/cdx_json_read.c), on
 * tests/data/sbom-in/small.cdx.json (hand-written; every value below is read off that file). */
#include <string.h>

#include "../test.h"
#include "base/strbuf.h"
#include "sbom_in.h"

static void test_cdx_json_read__document(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.cdx.json", &info, NULL);
	const struct crk_bom_meta *m = crk_bom_meta(bom);
	const struct crk_party *p;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_CYCLONEDX_JSON);
	assert_string_equal(info.spec_version, "1.5");
	assert_string_equal(info.serial, "urn:uuid:6c1f3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f");
	assert_int_equal(info.version, 3);
	assert_true(info.has_timestamp);
	assert_int_equal(m->timestamp, 1748779200); /* 2025-06-01T12:00:00Z */
	assert_string_equal(m->serial, "urn:uuid:6c1f3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f");
	assert_true(info.has_dependencies);
	/* six entries (body-parser nested in express), lodash twice under two bom-refs */
	assert_int_equal(info.nentries, 6);
	assert_int_equal(info.nmerged, 1);
	assert_int_equal(crk_bom_count(bom), 5);
	assert_int_equal(info.ndropped, 2);
	assert_string_equal(info.dropped[0], "1 service");
	assert_string_equal(info.dropped[1], "1 vulnerability");
	/* metadata */
	assert_string_equal(m->name, "shop");
	assert_string_equal(m->version, "1.0.0");
	assert_non_null(m->product);
	assert_string_equal(m->product->purl, "pkg:generic/example/shop@1.0.0");
	assert_string_equal(m->product->kind, "application");
	assert_int_equal(m->ntools, 1);
	assert_string_equal(m->tools[0].key, "example-tool");
	assert_string_equal(m->tools[0].value, "2.0");
	p = in_party(m->parties, m->nparties, CRK_PARTY_AUTHOR);
	assert_non_null(p);
	assert_string_equal(p->name, "Ann Author");
	assert_string_equal(p->email, "ann@example.com");
	/* CycloneDX 1.5 metadata.manufacture */
	p = in_party(m->parties, m->nparties, CRK_PARTY_MANUFACTURER);
	assert_non_null(p);
	assert_string_equal(p->name, "Example GmbH");
	assert_string_equal(p->url, "https://example.com");
	assert_true(p->organization);
	crk_bom_free(bom);
}

static void test_cdx_json_read__components(void **state)
{
	struct crk_bom *bom = in_read("small.cdx.json", NULL, NULL);
	const struct crk_component *c;
	const struct crk_party *p;
	(void)state;
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->ecosystem, "npm");
	assert_string_equal(c->supplier, "OpenJS");
	p = in_party(c->parties, c->nparties, CRK_PARTY_SUPPLIER);
	assert_non_null(p);
	assert_string_equal(p->email, "security@openjsf.org");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "6f4d5f5a3e3e6a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b");
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->copyright, "Copyright OpenJS Foundation");
	assert_string_equal(c->vcs_url, "https://github.com/lodash/lodash");
	assert_string_equal(in_kv(c->ext_refs, c->next_refs, "website"), "https://lodash.com/");
	assert_string_equal(in_kv(c->ext_props, c->next_props, "cdx:npm:package:bundled"), "false");
	assert_null(c->kind);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	/* read for a conversion, a component without evidence has no place it was found */
	assert_int_equal(c->nocc, 1);
	assert_string_equal(c->occ[0].path, "");
	assert_null(c->found_by);

	c = in_find(bom, "pkg:npm/express@4.18.2");
	assert_string_equal(c->kind, "framework");
	assert_string_equal(c->license, "MIT");
	assert_int_equal(c->completeness, CRK_DEPS_COMPLETE);
	c = in_find(bom, "pkg:npm/mocha@10.2.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	/* no purl: kept under its name, with its CPE, not under an invented purl */
	c = in_find(bom, "crakit:generic/wifi-blob@7#");
	assert_null(c->purl);
	assert_null(c->ecosystem);
	assert_string_equal(c->kind, "firmware");
	assert_string_equal(c->cpe, "cpe:2.3:h:example:wifi:7:*:*:*:*:*:*:*");
	assert_true(c->flags & CRK_PKG_NO_PURL);
	crk_bom_free(bom);
}

static void test_cdx_json_read__graph(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.cdx.json", &info, NULL);
	size_t n;
	(void)state;
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 3);
	assert_true(in_depends(bom, NULL, "pkg:npm/lodash@4.17.21"));
	assert_true(in_depends(bom, NULL, "pkg:npm/express@4.18.2"));
	assert_true(in_depends(bom, NULL, "pkg:npm/mocha@10.2.0"));
	/* nested: a dependency of its parent; "lodash-again" is lodash */
	assert_true(in_depends(bom, "pkg:npm/express@4.18.2", "pkg:npm/body-parser@1.20.1"));
	assert_true(in_depends(bom, "pkg:npm/express@4.18.2", "pkg:npm/lodash@4.17.21"));
	assert_int_equal(in_find(bom, "pkg:npm/lodash@4.17.21")->ndeps, 0);
	assert_int_equal(info.nedges, 6);
	crk_bom_free(bom);
}

static void test_cdx_json_read__errors(void **state)
{
	struct crk_err err;
	struct crk_bom *bom = NULL;
	(void)state;
	assert_int_equal(in_error("truncated.cdx.json", &err), CRK_EPARSE);
	assert_int_equal(err.line, 6);
	assert_non_null(strstr(err.msg, "not well-formed JSON"));
	assert_int_equal(in_error("old-spec.cdx.json", &err), CRK_EUNSUPPORTED);
	assert_string_equal(err.msg, "CycloneDX specVersion '2.0' is not one crakit reads (1.2 to 1.6)");
	assert_int_equal(in_read_buf("{\"bomFormat\": \"SPDX\", \"specVersion\": \"1.6\"}", &bom,
				     NULL, &err),
			 CRK_EPARSE);
	assert_string_equal(err.msg, "bomFormat is 'SPDX', not 'CycloneDX'");
	assert_int_equal(in_read_buf("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", "
				     "\"components\": 3}",
				     &bom, NULL, &err),
			 CRK_EPARSE);
	assert_string_equal(err.msg, "components is not an array");
	assert_null(bom);
}

/* Nesting is capped (CRK_SREAD_MAX_NEST = 64) before it can exhaust the stack. */
static void test_cdx_json_read__nesting(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_bom *bom = NULL;
	struct crk_err err;
	int i;
	(void)state;
	crk_strbuf_adds(&sb, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
	for (i = 0; i < 100; i++)
		crk_strbuf_addf(&sb, "{\"type\":\"library\",\"name\":\"c%d\",\"components\":[", i);
	for (i = 0; i < 100; i++)
		crk_strbuf_adds(&sb, "]}");
	crk_strbuf_adds(&sb, "]}");
	assert_int_equal(crk_bom_read(sb.buf, sb.len, "deep", &bom, NULL, NULL, &err), CRK_ELIMIT);
	assert_string_equal(err.msg, "components nested deeper than 64");
	assert_null(bom);
	crk_strbuf_release(&sb);
}

static void test_cdx_json_read__alloc_failures(void **state)
{
	(void)state;
	in_alloc_failures("small.cdx.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdx_json_read__document),
		cmocka_unit_test(test_cdx_json_read__components),
		cmocka_unit_test(test_cdx_json_read__graph),
		cmocka_unit_test(test_cdx_json_read__errors),
		cmocka_unit_test(test_cdx_json_read__nesting),
		cmocka_unit_test(test_cdx_json_read__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
