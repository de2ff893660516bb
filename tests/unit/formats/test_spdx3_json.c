/* test_spdx3_json.c - the SPDX 3.0.1 JSON-LD writer (src/formats/spdx3_json.c): golden files of
 * the writer fixture without and with the BSI profile, the facts they must state one by one, the
 * same bytes whatever the order of the BOM, and validity against the official schema
 * (corpus/sbom/spdx/schema/spdx-3.0.1.schema.json, with crakit's validator; the schema suite
 * checks the same with ajv). */
#include <string.h>

#include <jansson.h>

#include "../test.h"
#include "base/fileio.h"
#include "formats/jsonschema.h"
#include "writer_fixture.h"

static json_t *parse(const struct crk_strbuf *sb)
{
	json_error_t jerr;
	json_t *j = json_loadb(sb->buf, sb->len, 0, &jerr);
	if (!j)
		fail_msg("output is not JSON: %d:%d: %s", jerr.line, jerr.column, jerr.text);
	return j;
}

/* The element of the graph whose spdxId ends with `suffix` ("#root"). */
static json_t *element(json_t *doc, const char *suffix)
{
	size_t i, n = strlen(suffix);
	json_t *e;
	json_array_foreach(json_object_get(doc, "@graph"), i, e) {
		const char *id = json_string_value(json_object_get(e, "spdxId"));
		if (id && strlen(id) >= n && strcmp(id + strlen(id) - n, suffix) == 0)
			return e;
	}
	fail_msg("no element %s", suffix);
	return NULL;
}

/* The relationship from `from` of `type`, or NULL. */
static json_t *rel(json_t *doc, const char *from, const char *type)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(doc, "@graph"), i, e) {
		const char *f = json_string_value(json_object_get(e, "from"));
		const char *t = json_string_value(json_object_get(e, "relationshipType"));
		if (f && t && strcmp(f, from) == 0 && strcmp(t, type) == 0)
			return e;
	}
	return NULL;
}

static const char *id_of(json_t *e)
{
	return json_string_value(json_object_get(e, "spdxId"));
}

static void schema_valid(const struct crk_strbuf *out)
{
	struct crk_jsv *v;
	struct crk_jsv_result res;
	char *buf;
	size_t len;
	json_t *doc;
	if (crk_read_file(test_corpus("sbom/spdx/schema/spdx-3.0.1.schema.json"), CRK_MAX_FILE_SIZE,
			  &buf, &len, NULL) != CRK_OK) {
		print_message("corpus not found (set CRAKIT_CORPUS): schema not checked\n");
		return;
	}
	v = crk_jsv_new();
	assert_int_equal(crk_jsv_add(v, buf, len, "spdx-3.0.1.schema.json", NULL), CRK_OK);
	crk_free(buf);
	doc = json_loadb(out->buf, out->len, JSON_DECODE_INT_AS_REAL, NULL);
	assert_int_equal(crk_jsv_validate(v, "spdx-3.0.1.schema.json", doc, &res), CRK_OK);
	if (!res.valid)
		fail_msg("%s: %s: %s", res.errors[0].where, res.errors[0].keyword, res.errors[0].what);
	json_decref(doc);
	crk_jsv_free(v);
}

static void test_spdx3_json__golden(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	(void)state;
	assert_int_equal(fix_write(bom, "spdx3-json", 1, &out), CRK_OK);
	fix_golden("spdx3.json", &out);
	schema_valid(&out);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx3_json__fields(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	json_t *doc, *e, *r, *ci;
	const char *req, *urllib3;
	(void)state;
	assert_int_equal(fix_write(bom, "spdx3-json", 0, &out), CRK_OK);
	doc = parse(&out);
	assert_string_equal(json_string_value(json_object_get(doc, "@context")),
			    "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
	ci = json_array_get(json_object_get(doc, "@graph"), 0);
	assert_string_equal(json_string_value(json_object_get(ci, "type")), "CreationInfo");
	assert_string_equal(json_string_value(json_object_get(ci, "created")), "2026-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(ci, "specVersion")), "3.0.1");
	/* the document and the SBOM, which lists the product as its root */
	e = element(doc, "#document");
	assert_string_equal(json_string_value(json_object_get(e, "type")), "SpdxDocument");
	assert_string_equal(json_string_value(json_array_get(json_object_get(e, "rootElement"), 0)),
			    id_of(element(doc, "#sbom")));
	assert_string_equal(
		json_string_value(json_array_get(json_object_get(element(doc, "#sbom"), "rootElement"), 0)),
		id_of(element(doc, "#root")));
	/* requests: purl as identifier and packageUrl, SHA-256, version, its licence */
	e = element(doc, "-4c217c6d67badbda"); /* FNV-1a of "pkg:pypi/requests@2.31.0" (python) */
	req = id_of(e);
	assert_string_equal(json_string_value(json_object_get(e, "name")), "requests");
	assert_string_equal(json_string_value(json_object_get(e, "software_packageVersion")), "2.31.0");
	assert_string_equal(json_string_value(json_object_get(e, "software_packageUrl")),
			    "pkg:pypi/requests@2.31.0");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(e, "externalIdentifier"), 0),
				    "externalIdentifierType")),
			    "packageUrl");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(e, "verifiedUsing"), 0), "algorithm")),
			    "sha256");
	r = rel(doc, req, "hasDeclaredLicense");
	assert_non_null(r);
	assert_null(rel(doc, req, "hasConcludedLicense")); /* only with the BSI profile */
	/* requests dependsOn urllib3, completeness not asserted (a requirements file) */
	r = rel(doc, req, "dependsOn");
	urllib3 = json_string_value(json_array_get(json_object_get(r, "to"), 0));
	assert_string_equal(json_string_value(json_object_get(element(doc, strrchr(urllib3, '#')),
							      "name")),
			    "urllib3");
	assert_string_equal(json_string_value(json_object_get(r, "completeness")), "noAssertion");
	/* urllib3's licence expression element holds the canonical expression */
	r = rel(doc, urllib3, "hasDeclaredLicense");
	e = element(doc, strrchr(json_string_value(json_array_get(json_object_get(r, "to"), 0)), '#'));
	assert_string_equal(json_string_value(json_object_get(e, "simplelicensing_licenseExpression")),
			    "MIT AND (Apache-2.0 OR BSD-2-Clause)");
	/* the CPE of bash, as cpe23 */
	assert_non_null(strstr(out.buf, "\"externalIdentifierType\":\"cpe23\","
					"\"identifier\":\"cpe:2.3:a:gnu:bash:5.2.15:*:*:*:*:*:*:*\""));
	/* bash: nothing depends on it, the product contains it */
	r = rel(doc, id_of(element(doc, "#root")), "contains");
	assert_non_null(r);
	assert_int_equal(json_array_size(json_object_get(r, "to")), 1);
	/* the dev dependency of the product is lifecycle-scoped */
	assert_non_null(strstr(out.buf, "\"type\":\"LifecycleScopedRelationship\""));
	assert_non_null(strstr(out.buf, "\"scope\":\"development\""));
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx3_json__bsi(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_party creator = {CRK_PARTY_MANUFACTURER, 1, "ACME Ltd", "sbom@acme.example",
				    NULL};
	struct crk_strbuf out;
	json_t *doc, *e, *f, *r, *agent;
	const char *babel;
	(void)state;
	assert_int_equal(crk_bom_meta_add_party(bom, &creator), CRK_OK);
	assert_int_equal(fix_write_profile(bom, "spdx3-json", 1, CRK_PROFILE_BSI, &out), CRK_OK);
	fix_golden("spdx3-bsi.json", &out);
	schema_valid(&out);
	doc = parse(&out);
	/* the SBOM's creator: an Organization with an email identifier (v2.1 §8.2) */
	agent = element(doc, strrchr(json_string_value(json_array_get(json_object_get(
					     json_array_get(json_object_get(doc, "@graph"), 0), "createdBy"),
									      0)),
				     '#'));
	assert_string_equal(json_string_value(json_object_get(agent, "type")), "Organization");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(agent, "externalIdentifier"), 0),
				    "identifier")),
			    "sbom@acme.example");
	/* @babel/core: its file, with the SHA-512, the BSI properties as additional purposes */
	e = element(doc, "-e69594ea7f2bb931"); /* FNV-1a of "pkg:npm/%40babel/core@7.24.0" (python) */
	babel = id_of(e);
	r = rel(doc, babel, "hasDistributionArtifact");
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "completeness")), "complete");
	f = element(doc, strrchr(json_string_value(json_array_get(json_object_get(r, "to"), 0)), '#'));
	assert_string_equal(json_string_value(json_object_get(f, "type")), "software_File");
	assert_string_equal(json_string_value(json_object_get(f, "name")), "core-7.24.0.tgz");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(f, "verifiedUsing"), 0), "hashValue")),
			    FIX_SHA512);
	assert_string_equal(json_string_value(json_array_get(json_object_get(f, "software_additionalPurpose"), 0)),
			    "archive");
	assert_string_equal(json_string_value(json_array_get(json_object_get(f, "software_additionalPurpose"), 1)),
			    "container"); /* structured */
	assert_non_null(rel(doc, babel, "hasConcludedLicense"));
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx3_json__deterministic(void **state)
{
	struct crk_bom *a = fix_bom(0), *b = fix_bom(1);
	struct crk_strbuf oa, ob;
	(void)state;
	assert_int_equal(fix_write_profile(a, "spdx3-json", 0, CRK_PROFILE_BSI, &oa), CRK_OK);
	assert_int_equal(fix_write_profile(b, "spdx3-json", 0, CRK_PROFILE_BSI, &ob), CRK_OK);
	assert_string_equal(oa.buf, ob.buf);
	crk_strbuf_release(&oa);
	crk_strbuf_release(&ob);
	crk_bom_free(a);
	crk_bom_free(b);
}

/* A licence the SPDX list lacks: a LicenseRef, its words in a SimpleLicensingText that the
 * expression maps to (customIdToUri). */
static void test_spdx3_json__license_ref(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_pkg p;
	struct crk_strbuf out;
	json_t *doc, *e = NULL, *t;
	size_t i;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "rpm", p.ns = "fedora", p.name = "x", p.version = "1", p.path = "rpmdb.sqlite";
	p.license = "GPLv2+ and BSD";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	assert_int_equal(fix_write(bom, "spdx3-json", 0, &out), CRK_OK);
	doc = parse(&out);
	json_array_foreach(json_object_get(doc, "@graph"), i, e)
		if (json_string_value(json_object_get(e, "simplelicensing_licenseExpression")))
			break;
	assert_string_equal(json_string_value(json_object_get(e, "simplelicensing_licenseExpression")),
			    "GPL-2.0-or-later AND LicenseRef-crakit-BSD");
	e = json_array_get(json_object_get(e, "simplelicensing_customIdToUri"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "key")), "LicenseRef-crakit-BSD");
	t = element(doc, strrchr(json_string_value(json_object_get(e, "value")), '#'));
	assert_string_equal(json_string_value(json_object_get(t, "simplelicensing_licenseText")), "BSD");
	schema_valid(&out);
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* Every allocation failing in turn: ENOMEM or the full document, never a partial one. */
static void test_spdx3_json__alloc_failures(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_party creator = {CRK_PARTY_MANUFACTURER, 1, "ACME Ltd", "sbom@acme.example",
				    NULL};
	struct crk_strbuf full, out;
	uint64_t k;
	int rc;
	(void)state;
	assert_int_equal(crk_bom_meta_add_party(bom, &creator), CRK_OK);
	assert_int_equal(fix_write_profile(bom, "spdx3-json", 1, CRK_PROFILE_BSI, &full), CRK_OK);
	for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
		assert_true(k < 20000);
		crk_strbuf_init(&out, 0);
		crk_alloc_fail_after(k);
		rc = crk_writer_find("spdx3-json")
			     ->write(&out, bom,
				     &(struct crk_write_opts){.pretty = 1, .profile = CRK_PROFILE_BSI},
				     NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(out.len, full.len);
			assert_memory_equal(out.buf, full.buf, full.len);
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
		}
		crk_strbuf_release(&out);
	}
	assert_true(k > 2);
	crk_strbuf_release(&full);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx3_json__golden),
		cmocka_unit_test(test_spdx3_json__fields),
		cmocka_unit_test(test_spdx3_json__bsi),
		cmocka_unit_test(test_spdx3_json__deterministic),
		cmocka_unit_test(test_spdx3_json__license_ref),
		cmocka_unit_test(test_spdx3_json__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
