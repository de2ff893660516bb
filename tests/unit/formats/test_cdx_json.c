/* test_cdx_json.c - the CycloneDX 1.6 JSON writer (src/formats/cdx_json.c). */
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

/* The component whose bom-ref is `ref`. */
static json_t *component(json_t *doc, const char *ref)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(doc, "components"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "bom-ref")), ref) == 0)
			return c;
	fail_msg("no component %s", ref);
	return NULL;
}

static const char *prop(json_t *comp, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(comp, "properties"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
			return json_string_value(json_object_get(p, "value"));
	return NULL;
}

static void test_cdx_json__golden(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	(void)state;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 1, &out), CRK_OK);
	fix_golden("cdx.json", &out);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* What the golden file must say, asserted one fact at a time so a golden rewrite cannot
 * silently drop it. */
static void test_cdx_json__fields(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	json_t *doc, *c, *deps, *h;
	(void)state;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 1, &out), CRK_OK);
	doc = parse(&out);

	assert_string_equal(json_string_value(json_object_get(doc, "bomFormat")), "CycloneDX");
	assert_string_equal(json_string_value(json_object_get(doc, "specVersion")), "1.6");
	assert_string_equal(json_string_value(json_object_get(doc, "serialNumber")), FIX_SERIAL);
	assert_int_equal(json_integer_value(json_object_get(doc, "version")), 1);
	c = json_object_get(doc, "metadata");
	assert_string_equal(json_string_value(json_object_get(c, "timestamp")),
			    "2026-01-01T00:00:00Z");
	c = json_object_get(c, "component");
	assert_string_equal(json_string_value(json_object_get(c, "bom-ref")), "crakit:root");
	assert_string_equal(json_string_value(json_object_get(c, "name")), "demo-app");
	assert_string_equal(json_string_value(json_object_get(c, "version")), "1.2.3");
	assert_int_equal(json_array_size(json_object_get(doc, "components")), FIX_N);

	/* npm scoped dev dependency: group, scope excluded + cdxgen's property, one hash */
	c = component(doc, "pkg:npm/%40babel/core@7.24.0");
	assert_string_equal(json_string_value(json_object_get(c, "group")), "@babel");
	assert_string_equal(json_string_value(json_object_get(c, "name")), "core");
	assert_string_equal(json_string_value(json_object_get(c, "scope")), "excluded");
	assert_string_equal(prop(c, "cdx:npm:package:development"), "true");
	assert_string_equal(prop(c, "crakit:found_by"), "npm/package-lock");
	h = json_array_get(json_object_get(c, "hashes"), 0);
	assert_string_equal(json_string_value(json_object_get(h, "alg")), "SHA-512");
	assert_string_equal(json_string_value(json_object_get(h, "content")), FIX_SHA512);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(
				    json_object_get(c, "licenses"), 0), "license"), "id")), "MIT");
	assert_int_equal(json_array_size(json_object_get(json_object_get(c, "evidence"),
							 "occurrences")), 2);

	/* the bogus hashes (wrong length, unknown algorithm) are gone; SHA-1 is lowercased */
	c = component(doc, "pkg:npm/lodash@4.17.21");
	assert_int_equal(json_array_size(json_object_get(c, "hashes")), 1);
	h = json_array_get(json_object_get(c, "hashes"), 0);
	assert_string_equal(json_string_value(json_object_get(h, "content")),
			    "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(json_string_value(json_object_get(c, "scope")), "required");
	assert_null(json_object_get(c, "group"));
	h = json_array_get(json_object_get(c, "externalReferences"), 0);
	assert_string_equal(json_string_value(json_object_get(h, "type")), "vcs");
	assert_string_equal(json_string_value(json_object_get(h, "url")),
			    "git+https://github.com/lodash/lodash.git");
	assert_int_equal(json_array_size(json_object_get(c, "externalReferences")), 1);
	assert_string_equal(prop(c, "crakit:vcs_commit"), "f299b52f39486275a9e6483b60a410e06520c538");
	assert_null(prop(c, "crakit:vcs_url"));

	/* compound license is an expression; an scp-style git URL is a property, not a URL */
	c = component(doc, "pkg:pypi/urllib3@2.2.1");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(c, "licenses"), 0), "expression")),
			    "MIT AND (Apache-2.0 OR BSD-2-Clause)");
	assert_string_equal(json_string_value(json_object_get(c, "scope")), "optional");
	assert_null(json_object_get(c, "externalReferences"));
	assert_string_equal(prop(c, "crakit:vcs_url"), "git@github.com:urllib3/urllib3.git");
	assert_string_equal(prop(c, "crakit:git"), "true");

	c = component(doc, "pkg:pypi/requests@2.31.0");
	assert_string_equal(prop(c, "crakit:marker"), "python_version >= \"3.8\"");
	h = json_array_get(json_object_get(c, "authors"), 0);
	assert_string_equal(json_string_value(json_object_get(h, "name")), "Kenneth Reitz");
	assert_string_equal(json_string_value(json_object_get(h, "email")), "me@kennethreitz.org");

	c = component(doc, "pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12");
	assert_string_equal(json_string_value(json_object_get(json_object_get(c, "supplier"),
							      "name")),
			    "Debian Bash Maintainers");
	assert_string_equal(prop(c, "crakit:source_name"), "bash");
	assert_string_equal(json_string_value(json_object_get(c, "cpe")),
			    "cpe:2.3:a:gnu:bash:5.2.15:*:*:*:*:*:*:*");
	assert_string_equal(prop(json_object_get(doc, "metadata"), "crakit:os:id"), "debian");
	assert_string_equal(prop(json_object_get(doc, "metadata"), "crakit:os:codename"),
			    "bookworm");

	/* dependencies: root first, then every component (even with no deps) */
	deps = json_object_get(doc, "dependencies");
	assert_int_equal(json_array_size(deps), FIX_N + 1);
	c = json_array_get(deps, 0);
	assert_string_equal(json_string_value(json_object_get(c, "ref")), "crakit:root");
	assert_int_equal(json_array_size(json_object_get(c, "dependsOn")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "dependsOn"), 0)),
			    "pkg:npm/%40babel/core@7.24.0");
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_cdx_json__compact(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf pretty, compact;
	json_t *a, *b;
	size_t i;
	(void)state;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 1, &pretty), CRK_OK);
	assert_int_equal(fix_write(bom, "cyclonedx-json", 0, &compact), CRK_OK);
	a = parse(&pretty);
	b = parse(&compact);
	assert_true(json_equal(a, b));
	assert_true(compact.len < pretty.len);
	for (i = 0; i + 1 < compact.len; i++)
		assert_true(compact.buf[i] != '\n');
	assert_int_equal(compact.buf[compact.len - 1], '\n');
	assert_null(strstr(compact.buf, "\": "));
	json_decref(a);
	json_decref(b);
	crk_strbuf_release(&pretty);
	crk_strbuf_release(&compact);
	crk_bom_free(bom);
}

/* Same BOM built in another order, and written twice: the same bytes. */
static void test_cdx_json__deterministic(void **state)
{
	struct crk_bom *b0 = fix_bom(0), *b1 = fix_bom(1);
	struct crk_strbuf o0, o1, again;
	(void)state;
	assert_int_equal(fix_write(b0, "cyclonedx-json", 1, &o0), CRK_OK);
	assert_int_equal(fix_write(b1, "cyclonedx-json", 1, &o1), CRK_OK);
	assert_int_equal(fix_write(b0, "cyclonedx-json", 1, &again), CRK_OK);
	assert_int_equal(o0.len, o1.len);
	assert_memory_equal(o0.buf, o1.buf, o0.len);
	assert_int_equal(o0.len, again.len);
	assert_memory_equal(o0.buf, again.buf, o0.len);
	crk_strbuf_release(&o0);
	crk_strbuf_release(&o1);
	crk_strbuf_release(&again);
	crk_bom_free(b0);
	crk_bom_free(b1);
}

static const char *serial_of(struct crk_bom *bom, char buf[64])
{
	struct crk_strbuf out;
	json_t *doc;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 0, &out), CRK_OK);
	doc = parse(&out);
	snprintf(buf, 64, "%s", json_string_value(json_object_get(doc, "serialNumber")));
	json_decref(doc);
	crk_strbuf_release(&out);
	return buf;
}

/* Without --serial: a version-5 UUID of the content, the same for the same content. */
static void test_cdx_json__derived_serial(void **state)
{
	struct crk_bom *b0 = fix_bom(0), *b1 = fix_bom(1);
	char s0[64], s1[64], s2[64], s3[64];
	struct crk_pkg p;
	size_t i;
	(void)state;
	crk_bom_meta(b0)->serial = NULL;
	crk_bom_meta(b1)->serial = NULL;
	serial_of(b0, s0);
	serial_of(b1, s1);
	assert_string_equal(s0, s1);
	assert_int_equal(strlen(s0), 45);
	assert_memory_equal(s0, "urn:uuid:", 9);
	for (i = 9; i < 45; i++) {
		if (i == 17 || i == 22 || i == 27 || i == 32)
			assert_int_equal(s0[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", s0[i]));
	}
	assert_int_equal(s0[23], '5');                   /* version 5 */
	assert_non_null(strchr("89ab", s0[28]));          /* RFC 4122 variant */
	assert_string_not_equal(s0, FIX_SERIAL);

	/* the time is not content: a rescan an hour later is the same BOM */
	crk_bom_meta(b1)->timestamp = FIX_TIMESTAMP + 3600;
	serial_of(b1, s2);
	assert_string_equal(s0, s2);
	/* the product is: another product version, another serial */
	assert_int_equal(crk_bom_set_str(b1, &crk_bom_meta(b1)->version, "1.2.4"), 0);
	serial_of(b1, s2);
	assert_string_not_equal(s0, s2);

	/* another component: another serial */
	memset(&p, 0, sizeof(p));
	p.type = "npm", p.name = "left-pad", p.version = "1.3.0", p.path = "package-lock.json";
	assert_int_equal(crk_bom_add(b0, &p, NULL, NULL), CRK_OK);
	serial_of(b0, s3);
	assert_string_not_equal(s0, s3);

	/* a set serial wins, in any case, with or without urn:uuid: */
	assert_int_equal(crk_bom_set_str(b0, &crk_bom_meta(b0)->serial,
					 "3E671687-395B-41F5-A30F-A58921A69B79"), 0);
	assert_string_equal(serial_of(b0, s3), FIX_SERIAL);
	crk_bom_free(b0);
	crk_bom_free(b1);
}

/* Names from hostile files: quotes, backslashes, control characters and invalid UTF-8 must
 * come out as valid JSON that says the same (invalid bytes as U+FFFD). */
static void test_cdx_json__odd_strings(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	struct crk_pkg p;
	json_t *doc, *c;
	(void)state;
	assert_non_null(bom);
	memset(&p, 0, sizeof(p));
	p.type = "generic";
	p.name = "we\"ird\\na\x01me\n\t\x7f\xff\xc3\xa9";
	p.version = "1.0\"";
	p.description = "line1\nline2\r\b\f\x1f end";
	p.supplier = "</script><script>alert(1)</script>";
	p.path = "odd/\"path\".txt";
	p.line = 1;
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	assert_int_equal(crk_bom_set_str(bom, &crk_bom_meta(bom)->name, "prod\"uct\x02"), 0);
	crk_bom_meta(bom)->timestamp = 0;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 1, &out), CRK_OK);
	assert_null(memchr(out.buf, '\x01', out.len));
	assert_null(memchr(out.buf, '\xff', out.len));
	doc = parse(&out);
	c = json_array_get(json_object_get(doc, "components"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "name")),
			    "we\"ird\\na\x01me\n\t\x7f\xef\xbf\xbd\xc3\xa9");
	assert_string_equal(json_string_value(json_object_get(c, "version")), "1.0\"");
	assert_string_equal(json_string_value(json_object_get(c, "description")),
			    "line1\nline2\r\b\f\x1f end");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
				    json_object_get(c, "evidence"), "occurrences"), 0), "location")),
			    "odd/\"path\".txt");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
				    json_object_get(doc, "metadata"), "component"), "name")),
			    "prod\"uct\x02");
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "metadata"),
							      "timestamp")),
			    "1970-01-01T00:00:00Z");
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* An empty BOM is still a valid document: root with no dependencies. */
static void test_cdx_json__empty(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	json_t *doc;
	(void)state;
	crk_bom_meta(bom)->timestamp = FIX_TIMESTAMP;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 0, &out), CRK_OK);
	doc = parse(&out);
	assert_int_equal(json_array_size(json_object_get(doc, "components")), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "dependencies")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
				    json_object_get(doc, "metadata"), "component"), "name")),
			    "unnamed");
	assert_non_null(strstr(out.buf, "\"components\":[],\"dependencies\":[{\"ref\":"
					"\"crakit:root\",\"dependsOn\":[]}]}\n"));
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* Every allocation failing in turn: an error or a whole document, never a crash or a leak. */
static void test_cdx_json__alloc_failures(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf full, out;
	uint64_t k;
	int rc;
	(void)state;
	assert_int_equal(fix_write(bom, "cyclonedx-json", 1, &full), CRK_OK);
	for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
		assert_true(k < 10000);
		crk_strbuf_init(&out, 0);
		crk_alloc_fail_after(k);
		rc = crk_writer_find("cyclonedx-json")->write(&out, bom, &(struct crk_write_opts){.pretty = 1},
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

/* The strbuf's cap is honoured: a too-small cap is an error, not a truncated document. */
static void test_cdx_json__cap(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_bom_sort(bom), 0);
	crk_strbuf_init(&out, 100);
	assert_int_equal(crk_writer_find("cyclonedx-json")->write(&out, bom,
								   &(struct crk_write_opts){.pretty = 1}, &err),
			 CRK_ENOMEM);
	assert_non_null(strstr(err.msg, "cyclonedx-json"));
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* The first license entry of a component with the acknowledgement `ack`, or NULL. */
static json_t *license_ack(json_t *comp, const char *ack)
{
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(comp, "licenses"), i, l) {
		json_t *o = json_object_get(l, "license") ? json_object_get(l, "license") : l;
		const char *a = json_string_value(json_object_get(o, "acknowledgement"));
		if (a && strcmp(a, ack) == 0)
			return o;
	}
	return NULL;
}

/* --profile bsi-tr-03183-2 (BSI TR-03183-2 v2.1 §5.2, mapped per its §8.2): the creator's
 * contact as manufacturer, both licence acknowledgements, the deployable's file name and
 * properties and its SHA-512 on the distribution reference, completeness in compositions, the
 * SBOM's creator in metadata.manufacturer. */
static void test_cdx_json__bsi_profile(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_party creator = {CRK_PARTY_MANUFACTURER, 1, "ACME Ltd", "sbom@acme.example",
				    NULL};
	struct crk_strbuf out;
	json_t *doc, *c, *e, *comp;
	size_t i;
	(void)state;
	assert_int_equal(crk_bom_meta_add_party(bom, &creator), CRK_OK);
	assert_int_equal(fix_write_profile(bom, "cyclonedx-json", 1, CRK_PROFILE_BSI, &out), CRK_OK);
	fix_golden("cdx-bsi.json", &out);
	doc = parse(&out);
	e = json_object_get(json_object_get(doc, "metadata"), "manufacturer");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(e, "contact"), 0), "email")),
			    "sbom@acme.example");
	/* requests: "Kenneth Reitz <me@kennethreitz.org>" is its creator's contact */
	c = component(doc, "pkg:pypi/requests@2.31.0");
	e = json_object_get(c, "manufacturer");
	assert_string_equal(json_string_value(json_object_get(e, "name")), "Kenneth Reitz");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(e, "contact"), 0), "email")),
			    "me@kennethreitz.org");
	assert_string_equal(json_string_value(json_object_get(license_ack(c, "declared"), "id")),
			    "Apache-2.0");
	assert_string_equal(json_string_value(json_object_get(license_ack(c, "concluded"), "id")),
			    "Apache-2.0");
	/* urllib3: one expression, the distribution licence (CycloneDX 1.6 holds one) */
	c = component(doc, "pkg:pypi/urllib3@2.2.1");
	assert_string_equal(json_string_value(json_object_get(license_ack(c, "concluded"),
							      "expression")),
			    "MIT AND (Apache-2.0 OR BSD-2-Clause)");
	/* @babel/core: the file named by its download URL, an archive; its SHA-512 on the
	 * distribution reference */
	c = component(doc, "pkg:npm/%40babel/core@7.24.0");
	assert_string_equal(prop(c, "bsi:component:filename"), "core-7.24.0.tgz");
	assert_string_equal(prop(c, "bsi:component:archive"), "archive");
	assert_string_equal(prop(c, "bsi:component:executable"), "non-executable");
	assert_string_equal(prop(c, "bsi:component:structured"), "structured");
	e = json_array_get(json_object_get(c, "externalReferences"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "type")), "distribution");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(e, "hashes"), 0), "content")),
			    FIX_SHA512);
	/* bash: no file known, nothing invented */
	c = component(doc, "pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12");
	assert_null(prop(c, "bsi:component:filename"));
	/* every component and the product in a composition (completeness stated) */
	e = json_object_get(doc, "compositions");
	assert_int_equal(json_array_size(e), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(e, 0), "aggregate")),
			    "unknown");
	comp = json_object_get(json_array_get(e, 0), "dependencies");
	assert_int_equal(json_array_size(comp), FIX_N + 1);
	json_array_foreach(comp, i, c)
		assert_non_null(json_string_value(c));
	json_decref(doc);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* Licences that are not SPDX expressions stay, as LicenseRefs (BSI profile) or as the license
 * name CycloneDX keeps them in (no profile); the words are kept in a property. */
static void test_cdx_json__license_refs(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_pkg p;
	struct crk_strbuf out;
	json_t *doc, *c;
	int bsi;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "rpm", p.ns = "fedora", p.name = "x", p.version = "1", p.path = "rpmdb.sqlite";
	p.license = "GPLv2+ and BSD";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "y", p.license = "BSD";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	for (bsi = 0; bsi < 2; bsi++) {
		assert_int_equal(fix_write_profile(bom, "cyclonedx-json", 0,
						   bsi ? CRK_PROFILE_BSI : CRK_PROFILE_NONE, &out),
				 CRK_OK);
		doc = parse(&out);
		c = component(doc, "pkg:rpm/fedora/x@1");
		assert_string_equal(json_string_value(json_object_get(
					    json_array_get(json_object_get(c, "licenses"), 0),
					    "expression")),
				    "GPL-2.0-or-later AND LicenseRef-crakit-BSD");
		assert_string_equal(prop(c, "crakit:license_declared"), "GPLv2+ and BSD");
		c = component(doc, "pkg:rpm/fedora/y@1");
		if (bsi) {
			assert_string_equal(json_string_value(json_object_get(
						    json_array_get(json_object_get(c, "licenses"), 0),
						    "expression")),
					    "LicenseRef-crakit-BSD");
			assert_string_equal(prop(c, "crakit:license_declared"), "BSD");
		} else {
			assert_string_equal(json_string_value(json_object_get(
						    json_object_get(json_array_get(
								    json_object_get(c, "licenses"), 0),
								    "license"),
						    "name")),
					    "BSD");
			assert_null(prop(c, "crakit:license_declared"));
		}
		json_decref(doc);
		crk_strbuf_release(&out);
	}
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cdx_json__golden),
		cmocka_unit_test(test_cdx_json__fields),
		cmocka_unit_test(test_cdx_json__compact),
		cmocka_unit_test(test_cdx_json__deterministic),
		cmocka_unit_test(test_cdx_json__derived_serial),
		cmocka_unit_test(test_cdx_json__odd_strings),
		cmocka_unit_test(test_cdx_json__empty),
		cmocka_unit_test(test_cdx_json__alloc_failures),
		cmocka_unit_test(test_cdx_json__cap),
		cmocka_unit_test(test_cdx_json__bsi_profile),
		cmocka_unit_test(test_cdx_json__license_refs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
