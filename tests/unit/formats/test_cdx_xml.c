/* test_cdx_xml.c - CycloneDX XML: the reader (src/formats/cdx_xml.c) on
 * tests/data/sbom-in/small.cdx.xml, and the writer (src/formats/cdx_xml_write.c), whose output
 * must validate against the official bom-1.6.xsd (corpus/sbom/cyclonedx/schema/, resolved
 * offline through its xmlcatalog.xml) with libxml2's xmlSchemaValidateDoc. */
#include <string.h>
#include <sys/stat.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>

#include "../test.h"
#include "base/strbuf.h"
#include "crakit/sbom.h"
#include "sbom_in.h"

static xmlSchemaPtr schema;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int setup(void **state)
{
	char xsd[4096], cat[4096];
	struct stat st;
	xmlSchemaParserCtxtPtr pc;
	(void)state;
	snprintf(xsd, sizeof(xsd), "%s", test_corpus("sbom/cyclonedx/schema/bom-1.6.xsd"));
	snprintf(cat, sizeof(cat), "%s", test_corpus("sbom/cyclonedx/schema/xmlcatalog.xml"));
	if (stat(xsd, &st) != 0)
		return 0; /* no corpus: the schema tests skip */
	xmlInitParser();
	xmlInitializeCatalog();
	xmlLoadCatalog(cat);
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	xmlSetGenericErrorFunc(NULL, quiet);
	pc = xmlSchemaNewParserCtxt(xsd);
	assert_non_null(pc);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	assert_non_null(schema); /* the official XSD compiles, spdx.xsd found offline */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (schema)
		xmlSchemaFree(schema);
	xmlCatalogCleanup();
	return 0;
}

/* 0 when `doc` validates against bom-1.6.xsd (the first error is printed). */
static int validate(const char *doc, size_t len)
{
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr d;
	int rc;
	d = xmlReadMemory(doc, (int)len, "out.cdx.xml", NULL, XML_PARSE_NONET);
	if (!d)
		return -1;
	vc = xmlSchemaNewValidCtxt(schema);
	rc = xmlSchemaValidateDoc(vc, d);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(d);
	return rc;
}

static char *write_xml(struct crk_bom *bom, size_t *len)
{
	struct crk_write_opts o = {1, 0};
	struct crk_err err;
	char *out = NULL;
	if (crk_bom_write_mem(bom, "cyclonedx-xml", &o, &out, len, &err) != CRK_OK)
		fail_msg("cyclonedx-xml: %s", err.msg);
	return out;
}

static void test_cdx_xml__read(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.cdx.xml", &info, NULL);
	const struct crk_bom_meta *m = crk_bom_meta(bom);
	const struct crk_component *c;
	size_t n;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_CYCLONEDX_XML);
	assert_string_equal(info.spec_version, "1.4");
	assert_string_equal(info.serial, "urn:uuid:6c1f3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f");
	assert_int_equal(m->timestamp, 1748779200);
	assert_string_equal(m->name, "shop");
	assert_int_equal(m->ntools, 1); /* CycloneDX 1.4 <tools><tool> */
	assert_string_equal(m->tools[0].key, "example-tool");
	assert_int_equal(crk_bom_count(bom), 4);
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 3);
	assert_true(in_depends(bom, "pkg:npm/express@4.18.2", "pkg:npm/body-parser@1.20.1"));
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->supplier, "OpenJS");
	assert_string_equal(in_party(c->parties, c->nparties, CRK_PARTY_SUPPLIER)->email,
			    "security@openjsf.org");
	assert_string_equal(c->hashes[0].value,
			    "6f4d5f5a3e3e6a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b");
	assert_string_equal(c->license, "MIT");
	assert_int_equal(in_find(bom, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_DEV);
	assert_string_equal(in_find(bom, "pkg:npm/express@4.18.2")->kind, "framework");
	crk_bom_free(bom);
}

/* Read from a scanned tree, components are where the SBOM file is, at their element's line. */
static void test_cdx_xml__lines(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_err err;
	char *buf;
	size_t len;
	const struct crk_component *c;
	(void)state;
	assert_int_equal(crk_read_file(test_data("sbom-in/small.cdx.xml"), CRK_MAX_FILE_SIZE, &buf,
				       &len, &err),
			 CRK_OK);
	assert_int_equal(crk_bom_read_into(bom, buf, len, "vendor/small.cdx.xml",
					   CRK_READ_AS_COMPONENTS, NULL, NULL, &err),
			 CRK_OK);
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->occ[0].path, "vendor/small.cdx.xml");
	assert_int_equal(c->occ[0].line, 15);
	/* the product is a component the scan's root depends on, over its own dependencies */
	assert_int_equal(crk_bom_count(bom), 5);
	assert_true(in_depends(bom, NULL, "pkg:generic/example/shop@1.0.0"));
	assert_true(in_depends(bom, "pkg:generic/example/shop@1.0.0", "pkg:npm/mocha@10.2.0"));
	crk_free(buf);
	crk_bom_free(bom);
}

static void test_cdx_xml__hostile(void **state)
{
	struct crk_err err;
	struct crk_bom *bom = NULL;
	(void)state;
	/* a "billion laughs" is refused at its first declaration, before any expansion */
	assert_int_equal(in_error("entity.cdx.xml", &err), CRK_EPARSE);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "entity 'a': entity declarations are not accepted (the document "
				     "could expand without bound or read other files)");
	assert_int_equal(in_read_buf("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>",
				     &bom, NULL, &err),
			 CRK_EPARSE);
	assert_non_null(strstr(err.msg, "not well-formed XML"));
	assert_int_equal(in_read_buf("<bom xmlns=\"http://cyclonedx.org/schema/bom/2.0\"/>", &bom,
				     NULL, &err),
			 CRK_EUNSUPPORTED);
	/* an element of another namespace is not ours, whatever its local name */
	assert_int_equal(in_read_buf("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" "
				     "xmlns:x=\"urn:x\"><components><x:component><name>no</name>"
				     "</x:component></components></bom>",
				     &bom, NULL, &err),
			 CRK_OK);
	assert_int_equal(crk_bom_count(bom), 0);
	crk_bom_free(bom);
}

static void test_cdx_xml__write_valid(void **state)
{
	static const char *const fixtures[] = {"small.cdx.json", "small.cdx.xml", "small.spdx.json",
					       "small.spdx3.json"};
	size_t f, len;
	(void)state;
	static const char bad[] = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">"
				  "<components><component type=\"library\"><version>1</version>"
				  "</component></components></bom>";
	if (!schema)
		skip();
	/* the negative control: a component without a name must not validate */
	assert_int_not_equal(validate(bad, sizeof(bad) - 1), 0);
	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		struct crk_bom *bom = in_read(fixtures[f], NULL, NULL);
		char *out = write_xml(bom, &len);
		if (validate(out, len) != 0)
			fail_msg("cyclonedx-xml of %s does not validate:\n%s", fixtures[f], out);
		crk_free(out);
		crk_bom_free(bom);
	}
}

/* XML 1.0 cannot carry control characters or invalid UTF-8, even as references: they become
 * U+FFFD; markup characters are escaped. */
static void test_cdx_xml__escaping(void **state)
{
	struct crk_bom *bom = crk_bom_new(), *back = NULL;
	struct crk_pkg p;
	struct crk_err err;
	char *out;
	size_t len;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "npm";
	p.name = "x";
	p.version = "1.0";
	p.description = "a <b> & \"c\" \x01 \xff\xfe end";
	p.path = "";
	assert_int_equal(crk_bom_add(bom, &p, NULL, &err), CRK_OK);
	crk_bom_meta(bom)->timestamp = 0;
	out = write_xml(bom, &len);
	if (schema && validate(out, len) != 0)
		fail_msg("does not validate:\n%s", out);
	assert_int_equal(crk_bom_read(out, len, "out", &back, NULL, NULL, &err), CRK_OK);
	assert_string_equal(in_find(back, "pkg:npm/x@1.0")->description,
			    "a <b> & \"c\" \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd end");
	crk_free(out);
	crk_bom_free(back);
	crk_bom_free(bom);
}

/* CycloneDX XML -> model -> CycloneDX XML -> model keeps what the model holds. */
static void test_cdx_xml__roundtrip(void **state)
{
	struct crk_bom *bom = in_read("small.cdx.json", NULL, NULL), *back = NULL;
	struct crk_write_opts o = {1, 0};
	struct crk_err err;
	char *x1, *x2, *j1, *j2;
	size_t l1, l2, lj1, lj2;
	(void)state;
	x1 = write_xml(bom, &l1);
	assert_int_equal(crk_bom_read(x1, l1, "x1", &back, NULL, NULL, &err), CRK_OK);
	x2 = write_xml(back, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(x1, x2, l1); /* a fixed point */
	assert_int_equal(crk_bom_write_mem(bom, "cyclonedx-json", &o, &j1, &lj1, &err), CRK_OK);
	assert_int_equal(crk_bom_write_mem(back, "cyclonedx-json", &o, &j2, &lj2, &err), CRK_OK);
	assert_int_equal(lj1, lj2);
	assert_memory_equal(j1, j2, lj1); /* the XML said what the JSON says */
	crk_free(x1);
	crk_free(x2);
	crk_free(j1);
	crk_free(j2);
	crk_bom_free(back);
	crk_bom_free(bom);
}

/* The corpus's real CycloneDX SBOMs, converted to XML, validate. */
static void test_cdx_xml__corpus_valid(void **state)
{
	static const char *const files[] = {
		"sbom/cyclonedx/examples/SBOM/dropwizard-1.3.15/bom.xml",
		"sbom/cyclonedx/examples/SBOM/keycloak-10.0.2/bom.json",
		"sbom/cyclonedx/examples/SBOM/juice-shop/v11.1.2/bom.json",
		"sbom/cyclonedx/examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.xml",
		"sbom/cyclonedx/spec-test-resources/1.6/valid-bom-1.6.json",
		"sbom/cyclonedx/spec-test-resources/1.6/valid-component-identifiers-1.6.xml",
		"sbom/spdx/spec-examples/2.3/SPDXJSONExample-v2.3.spdx.json",
		"sbom/spdx/spdx-examples/software/example9/spdx3.0/appbomination.spdx3.json",
	};
	size_t f, len;
	(void)state;
	if (!schema)
		skip();
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct crk_bom *bom = NULL;
		struct crk_err err;
		char *out;
		if (crk_bom_read_file(test_corpus(files[f]), &bom, NULL, NULL, &err) != CRK_OK)
			fail_msg("%s: %s", files[f], err.msg);
		out = write_xml(bom, &len);
		if (validate(out, len) != 0)
			fail_msg("cyclonedx-xml of %s does not validate", files[f]);
		crk_free(out);
		crk_bom_free(bom);
	}
}

static void test_cdx_xml__alloc_failures(void **state)
{
	(void)state;
	in_alloc_failures("small.cdx.xml");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdx_xml__read),
		cmocka_unit_test(test_cdx_xml__lines),
		cmocka_unit_test(test_cdx_xml__hostile),
		cmocka_unit_test(test_cdx_xml__write_valid),
		cmocka_unit_test(test_cdx_xml__escaping),
		cmocka_unit_test(test_cdx_xml__roundtrip),
		cmocka_unit_test(test_cdx_xml__corpus_valid),
		cmocka_unit_test(test_cdx_xml__alloc_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
