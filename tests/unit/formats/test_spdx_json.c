/* test_spdx_json.c - the SPDX 2.3 JSON writer (src/formats/spdx_json.c). */
#include <string.h>

#include <jansson.h>

#include "../test.h"
#include "writer_fixture.h"

static json_t *parse(const struct crk_strbuf *sb)
{
	json_error_t jerr;
	json_t *j = json_loadb(sb->buf, sb->len, 0, &jerr);
	if (!j)
		fail_msg("output is not JSON: %d:%d: %s", jerr.line, jerr.column, jerr.text);
	return j;
}

static json_t *package(json_t *doc, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(doc, "packages"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
			return p;
	fail_msg("no package %s", name);
	return NULL;
}

static const char *id_of(json_t *doc, const char *name)
{
	return json_string_value(json_object_get(package(doc, name), "SPDXID"));
}

/* Number of relationships (from, type, to). */
static int has_rel(json_t *doc, const char *from, const char *type, const char *to)
{
	size_t i;
	json_t *r;
	int n = 0;
	json_array_foreach(json_object_get(doc, "relationships"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "spdxElementId")), from) == 0 &&
		    strcmp(json_string_value(json_object_get(r, "relationshipType")), type) == 0 &&
		    strcmp(json_string_value(json_object_get(r, "relatedSpdxElement")), to) == 0)
			n++;
	return n;
}

static void test_spdx_json__golden(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	(void)state;
	assert_int_equal(fix_write(bom, "spdx-json", 1, &out), CRK_OK);
	fix_golden("spdx.json", &out);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx_json__fields(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	json_t *doc, *p, *ci;
	const char *babel, *lodash, *req, *url3, *bash;
	size_t i;
	(void)state;
	assert_int_equal(fix_write(bom, "spdx-json", 1, &out), CRK_OK);
	doc = parse(&out);

	assert_string_equal(json_string_value(json_object_get(doc, "spdxVersion")), "SPDX-2.3");
	assert_string_equal(json_string_value(json_object_get(doc, "dataLicense")), "CC0-1.0");
	assert_string_equal(json_string_value(json_object_get(doc, "SPDXID")), "SPDXRef-DOCUMENT");
	assert_string_equal(json_string_value(json_object_get(doc, "name")), "demo-app");
	assert_string_equal(json_string_value(json_object_get(doc, "documentNamespace")),
			    "https://crakit.invalid/spdxdocs/demo-app-"
			    "3e671687-395b-41f5-a30f-a58921a69b79");
	ci = json_object_get(doc, "creationInfo");
	assert_string_equal(json_string_value(json_object_get(ci, "created")),
			    "2026-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_array_get(json_object_get(ci, "creators"), 0)),
			    "Tool: crakit-0.0.0-test");
	assert_int_equal(json_array_size(json_object_get(doc, "packages")), FIX_N + 1);

	/* SPDXIDs: only [A-Za-z0-9.-] after "SPDXRef-", all different */
	for (i = 0; i < json_array_size(json_object_get(doc, "packages")); i++) {
		const char *id = json_string_value(json_object_get(
			json_array_get(json_object_get(doc, "packages"), i), "SPDXID"));
		size_t j;
		assert_memory_equal(id, "SPDXRef-", 8);
		assert_true(strlen(id) > 8);
		assert_int_equal(strspn(id + 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						"0123456789.-"),
				 strlen(id + 8));
		for (j = 0; j < i; j++)
			assert_string_not_equal(id, json_string_value(json_object_get(
				json_array_get(json_object_get(doc, "packages"), j), "SPDXID")));
	}

	p = package(doc, "@babel/core");
	babel = json_string_value(json_object_get(p, "SPDXID"));
	assert_memory_equal(babel, "SPDXRef-Package-npm-babel-core-", 31);
	assert_int_equal(strlen(babel), 31 + 16);
	assert_string_equal(json_string_value(json_object_get(p, "versionInfo")), "7.24.0");
	assert_string_equal(json_string_value(json_object_get(p, "downloadLocation")),
			    "https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz");
	assert_false(json_boolean_value(json_object_get(p, "filesAnalyzed")));
	assert_string_equal(json_string_value(json_object_get(p, "licenseDeclared")), "MIT");
	assert_string_equal(json_string_value(json_object_get(p, "licenseConcluded")),
			    "NOASSERTION");
	assert_string_equal(json_string_value(json_object_get(p, "supplier")), "NOASSERTION");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(p, "checksums"), 0), "algorithm")), "SHA512");
	assert_string_equal(json_string_value(json_object_get(p, "sourceInfo")),
			    "found by npm/package-lock in docs/package-lock.json:7, "
			    "web/package-lock.json:12");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(p, "externalRefs"), 0), "referenceLocator")),
			    "pkg:npm/%40babel/core@7.24.0");
	assert_string_equal(json_string_value(json_object_get(p, "comment")), "scope: dev");

	p = package(doc, "lodash");
	lodash = json_string_value(json_object_get(p, "SPDXID"));
	assert_string_equal(json_string_value(json_object_get(p, "downloadLocation")),
			    "git+https://github.com/lodash/lodash.git"
			    "@f299b52f39486275a9e6483b60a410e06520c538");
	assert_int_equal(json_array_size(json_object_get(p, "checksums")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(p, "checksums"), 0), "checksumValue")),
			    "0123456789abcdef0123456789abcdef01234567");
	assert_null(json_object_get(p, "comment"));

	p = package(doc, "requests");
	req = json_string_value(json_object_get(p, "SPDXID"));
	assert_string_equal(json_string_value(json_object_get(p, "originator")),
			    "Person: Kenneth Reitz (me@kennethreitz.org)");
	assert_string_equal(json_string_value(json_object_get(p, "downloadLocation")),
			    "NOASSERTION");

	p = package(doc, "urllib3");
	url3 = json_string_value(json_object_get(p, "SPDXID"));
	assert_string_equal(json_string_value(json_object_get(p, "licenseDeclared")),
			    "MIT AND (Apache-2.0 OR BSD-2-Clause)");
	assert_string_equal(json_string_value(json_object_get(p, "downloadLocation")),
			    "NOASSERTION"); /* the scp-style git URL is not a URL */

	p = package(doc, "bash");
	bash = json_string_value(json_object_get(p, "SPDXID"));
	assert_string_equal(json_string_value(json_object_get(p, "supplier")),
			    "Organization: Debian Bash Maintainers");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(p, "externalRefs"), 1), "referenceType")),
			    "cpe23Type");

	p = package(doc, "demo-app");
	assert_string_equal(json_string_value(json_object_get(p, "SPDXID")), "SPDXRef-Root");
	assert_string_equal(json_string_value(json_object_get(p, "primaryPackagePurpose")),
			    "APPLICATION");

	assert_int_equal(json_array_size(json_object_get(doc, "relationships")), 6);
	assert_int_equal(has_rel(doc, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Root"), 1);
	assert_int_equal(has_rel(doc, "SPDXRef-Root", "DEPENDS_ON", req), 1);
	assert_int_equal(has_rel(doc, babel, "DEV_DEPENDENCY_OF", "SPDXRef-Root"), 1);
	assert_int_equal(has_rel(doc, babel, "DEPENDS_ON", lodash), 1);
	assert_int_equal(has_rel(doc, req, "DEPENDS_ON", url3), 1);
	assert_int_equal(has_rel(doc, "SPDXRef-Root", "CONTAINS", bash), 1);
	assert_string_equal(id_of(doc, "bash"), bash);
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx_json__deterministic(void **state)
{
	struct crk_bom *b0 = fix_bom(0), *b1 = fix_bom(1);
	struct crk_strbuf o0, o1, c0;
	json_t *a, *b;
	(void)state;
	assert_int_equal(fix_write(b0, "spdx-json", 1, &o0), CRK_OK);
	assert_int_equal(fix_write(b1, "spdx-json", 1, &o1), CRK_OK);
	assert_int_equal(o0.len, o1.len);
	assert_memory_equal(o0.buf, o1.buf, o0.len);
	assert_int_equal(fix_write(b0, "spdx-json", 0, &c0), CRK_OK);
	a = parse(&o0);
	b = parse(&c0);
	assert_true(json_equal(a, b));
	assert_true(c0.len < o0.len);
	json_decref(a);
	json_decref(b);
	crk_strbuf_release(&o0);
	crk_strbuf_release(&o1);
	crk_strbuf_release(&c0);
	crk_bom_free(b0);
	crk_bom_free(b1);
}

/* A package keeps its SPDXID when other packages come and go. */
static void test_spdx_json__stable_ids(void **state)
{
	struct crk_bom *b0 = fix_bom(0);
	struct crk_strbuf o0, o1;
	struct crk_pkg p;
	json_t *d0, *d1;
	(void)state;
	assert_int_equal(fix_write(b0, "spdx-json", 0, &o0), CRK_OK);
	memset(&p, 0, sizeof(p));
	p.type = "npm", p.name = "aaa", p.version = "1.0.0", p.path = "package-lock.json";
	assert_int_equal(crk_bom_add(b0, &p, NULL, NULL), CRK_OK);
	assert_int_equal(fix_write(b0, "spdx-json", 0, &o1), CRK_OK);
	d0 = parse(&o0);
	d1 = parse(&o1);
	assert_string_equal(id_of(d0, "lodash"), id_of(d1, "lodash"));
	assert_string_equal(id_of(d0, "bash"), id_of(d1, "bash"));
	json_decref(d0);
	json_decref(d1);
	crk_strbuf_release(&o0);
	crk_strbuf_release(&o1);
	crk_bom_free(b0);
}

/* Names that sanitise to the same SPDXID text still get distinct ids (the hash part), and the
 * document stays well-formed with odd strings. */
static void test_spdx_json__odd_strings(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	struct crk_pkg p;
	json_t *doc, *pk;
	const char *a, *b;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "generic", p.name = "a b", p.version = "1", p.path = "x";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "a_b";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "q\"uo\\te\x01\xff";
	p.supplier = "Evil \"Corp\"\n";
	p.license = "LicenseRef-\"x\"";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	assert_int_equal(crk_bom_set_str(bom, &crk_bom_meta(bom)->name, "my app/../\"x\""), 0);
	crk_bom_meta(bom)->timestamp = FIX_TIMESTAMP;
	assert_int_equal(fix_write(bom, "spdx-json", 1, &out), CRK_OK);
	doc = parse(&out);
	a = id_of(doc, "a b");
	b = id_of(doc, "a_b");
	assert_memory_equal(a, "SPDXRef-Package-generic-a-b-", 28);
	assert_memory_equal(b, "SPDXRef-Package-generic-a-b-", 28);
	assert_string_not_equal(a, b);
	pk = package(doc, "q\"uo\\te\x01\xef\xbf\xbd");
	assert_string_equal(json_string_value(json_object_get(pk, "supplier")),
			    "Organization: Evil \"Corp\"\n");
	assert_memory_equal(json_string_value(json_object_get(doc, "documentNamespace")),
			    "https://crakit.invalid/spdxdocs/my-app-..-x-", 44);
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* A Debian package from a source package of another name or version carries it in the purl
 * qualifier upstream (SPDX 2.3 has no field for it); one from its own source does not. */
static json_t *purl_ref(json_t *doc, const char *name)
{
	return json_object_get(json_array_get(json_object_get(package(doc, name), "externalRefs"), 0),
			       "referenceLocator");
}

static void test_spdx_json__upstream(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	struct crk_kv q[1] = {{"distro", "debian-12"}};
	struct crk_pkg p;
	json_t *doc;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "deb", p.ns = "debian", p.path = "var/lib/dpkg/status";
	p.qualifiers = q, p.nqualifiers = 1;
	p.name = "libc6", p.version = "2.36-9+deb12u4", p.source_name = "glibc";
	p.source_version = "2.36-9+deb12u3";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "libssl3", p.version = "3.0.11-1", p.source_name = "openssl";
	p.source_version = NULL;
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "bash", p.version = "5.2.15-2", p.source_name = "bash";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	crk_bom_meta(bom)->timestamp = FIX_TIMESTAMP;
	assert_int_equal(fix_write(bom, "spdx-json", 1, &out), CRK_OK);
	doc = parse(&out);
	assert_string_equal(json_string_value(purl_ref(doc, "libc6")),
			    "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?distro=debian-12"
			    "&upstream=glibc%402.36-9%2Bdeb12u3");
	assert_string_equal(json_string_value(purl_ref(doc, "libssl3")),
			    "pkg:deb/debian/libssl3@3.0.11-1?distro=debian-12&upstream=openssl");
	assert_string_equal(json_string_value(purl_ref(doc, "bash")),
			    "pkg:deb/debian/bash@5.2.15-2?distro=debian-12");
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_spdx_json__alloc_failures(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf full, out;
	uint64_t k;
	int rc;
	(void)state;
	assert_int_equal(fix_write(bom, "spdx-json", 1, &full), CRK_OK);
	for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
		assert_true(k < 10000);
		crk_strbuf_init(&out, 0);
		crk_alloc_fail_after(k);
		rc = crk_writer_find("spdx-json")->write(&out, bom, &(struct crk_write_opts){.pretty = 1},
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
	assert_true(k > 2); /* the loop ran until no allocation failed: some did before */
	crk_strbuf_release(&full);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_json__golden),
		cmocka_unit_test(test_spdx_json__fields),
		cmocka_unit_test(test_spdx_json__deterministic),
		cmocka_unit_test(test_spdx_json__stable_ids),
		cmocka_unit_test(test_spdx_json__odd_strings),
		cmocka_unit_test(test_spdx_json__upstream),
		cmocka_unit_test(test_spdx_json__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
