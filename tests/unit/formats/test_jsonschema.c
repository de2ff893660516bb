/* test_jsonschema.c - the JSON Schema validator (src/formats/jsonschema.c, jsonschema_format.c):
 * RFC 3986 §5.4 reference resolution, the formats against hand-checked strings, each keyword on
 * a small schema, and CycloneDX's own conformance files (spec-test-resources: the file name
 * gives the verdict) when the corpus is there. The verdict-for-verdict comparison with ajv over
 * every corpus SBOM is in the schema suite (tests/schema/run.sh). */
#include <dirent.h>
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/jsonschema.h"

/* RFC 3986 §5.4.1 (normal examples) and §5.4.2 (abnormal ones), base "http://a/b/c/d;p?q". */
static void test_jsonschema__uri_resolution(void **state)
{
	static const char *const t[][2] = {
		{"g", "http://a/b/c/g"},       {"./g", "http://a/b/c/g"},
		{"g/", "http://a/b/c/g/"},     {"/g", "http://a/g"},
		{"//g", "http://g"},           {"?y", "http://a/b/c/d;p?y"},
		{"g?y", "http://a/b/c/g?y"},   {"#s", "http://a/b/c/d;p?q#s"},
		{"g#s", "http://a/b/c/g#s"},   {"g;x?y#s", "http://a/b/c/g;x?y#s"},
		{"", "http://a/b/c/d;p?q"},    {".", "http://a/b/c/"},
		{"./", "http://a/b/c/"},       {"..", "http://a/b/"},
		{"../", "http://a/b/"},        {"../g", "http://a/b/g"},
		{"../..", "http://a/"},        {"../../g", "http://a/g"},
		{"../../../g", "http://a/g"},  {"/./g", "http://a/g"},
		{"g.", "http://a/b/c/g."},     {"./../g", "http://a/b/g"},
		{"g:h", "g:h"},
	};
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		crk__jsv_uri_resolve(&sb, "http://a/b/c/d;p?q", t[i][0]);
		if (strcmp(sb.buf, t[i][1]) != 0)
			print_message("'%s' -> '%s', expected '%s'\n", t[i][0], sb.buf, t[i][1]);
		assert_string_equal(sb.buf, t[i][1]);
	}
	/* the CycloneDX schema's $ref "spdx.schema.json" against its $id */
	crk__jsv_uri_resolve(&sb, "http://cyclonedx.org/schema/bom-1.6.schema.json",
			     "spdx.schema.json");
	assert_string_equal(sb.buf, "http://cyclonedx.org/schema/spdx.schema.json");
	/* a document known by its file name */
	crk__jsv_uri_resolve(&sb, "spdx-3.0.1.schema.json", "#/$defs/IRI");
	assert_string_equal(sb.buf, "spdx-3.0.1.schema.json#/$defs/IRI");
	crk_strbuf_release(&sb);
}

static void fmt(const char *f, const char *s, int want)
{
	int got = crk_jsv_format(f, s, strlen(s));
	if (got != want)
		print_message("format %s '%s': %d, expected %d\n", f, s, got, want);
	assert_int_equal(got, want);
}

/* Hand-checked against RFC 3339 §5.6, RFC 3986 §3, RFC 4291 §2.2 and the departures ajv-formats
 * makes (documented in jsonschema_format.c). */
static void test_jsonschema__formats(void **state)
{
	(void)state;
	fmt("date-time", "2026-01-01T00:00:00Z", 1);
	fmt("date-time", "2026-01-01t00:00:00.123+01:00", 1);
	fmt("date-time", "2026-01-01 00:00:00+0100", 1);  /* a space; "+0100" */
	fmt("date-time", "2024-02-29T12:00:00Z", 1);      /* leap year */
	fmt("date-time", "2023-02-29T12:00:00Z", 0);
	fmt("date-time", "2016-12-31T23:59:60Z", 1);      /* a leap second in UTC */
	fmt("date-time", "2016-12-31T22:59:60Z", 0);
	fmt("date-time", "2016-12-31T22:59:60-01:00", 1); /* 23:59:60 UTC */
	fmt("date-time", "2026-01-01T00:00:00", 0);       /* no offset */
	fmt("date-time", "2026-13-01T00:00:00Z", 0);
	fmt("date-time", "2026-01-01T24:00:00Z", 0);
	fmt("date", "2026-04-31", 0);
	fmt("date", "2026-04-30", 1);
	fmt("uri", "https://example.com/a?b=c#d", 1);
	fmt("uri", "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", 1);
	fmt("uri", "http://[2001:db8::7]:8080/x", 1);
	fmt("uri", "http://[2001:db8::7", 0);
	fmt("uri", "mailto:", 0);                        /* ajv: an empty hier-part is refused */
	fmt("uri", "relative/path", 0);
	fmt("uri", "http://exa mple.com", 0);
	fmt("uri", "http://example.com/%zz", 0);
	fmt("uri-reference", "relative/path", 1);
	fmt("uri-reference", "", 1);
	fmt("uri-reference", "a\"b", 1);                 /* ajv's uri-reference admits '"' */
	fmt("uri", "http://a/\"b", 0);
	fmt("uri-reference", "#frag#more", 0);
	fmt("iri-reference", "caf\xc3\xa9/men\xc3\xba", 1);
	fmt("iri", "https://b\xc3\xbc" "cher.example/", 1);
	fmt("email", "a.b+c@example.com", 1);
	fmt("email", "a..b@example.com", 0);
	fmt("email", "ab@localhost", 0);                 /* one label */
	fmt("idn-email", "j\xc3\xb6rg@b\xc3\xbc" "cher.example", 1);
	fmt("idn-email", "a b@c", 0);
	fmt("idn-email", "a@b@c", 0);
	fmt("ipv4", "192.168.0.1", 1);
	fmt("ipv4", "192.168.00.1", 0);
	fmt("ipv6", "::", 1);
	fmt("ipv6", "2001:db8::1:0:0:1", 1);
	fmt("ipv6", "::ffff:192.0.2.128", 1);
	fmt("ipv6", "1:2:3:4:5:6:7:8:9", 0);
	fmt("ipv6", "1::2::3", 0);
	fmt("hostname", "a-b.example.com", 1);
	fmt("hostname", "-a.example.com", 0);
	fmt("uuid", "urn:uuid:3E671687-395b-41f5-a30f-a58921a69b79", 1);
	fmt("time", "10:00:00Z", 1);
	fmt("not-a-format", "x", -1);
}

/* Validates the JSON text `doc` against the schema text `schema` (added as "s.json"). */
static int valid(const char *schema, const char *doc)
{
	struct crk_jsv *v = crk_jsv_new();
	struct crk_jsv_result res;
	json_error_t je;
	json_t *d;
	int r;
	assert_non_null(v);
	assert_int_equal(crk_jsv_add(v, schema, strlen(schema), "s.json", NULL), CRK_OK);
	d = json_loads(doc, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &je);
	if (!d)
		fail_msg("test document not JSON: %s", je.text);
	assert_int_equal(crk_jsv_validate(v, "s.json", d, &res), CRK_OK);
	r = res.valid;
	if (!r)
		assert_true(res.nerrors > 0);
	json_decref(d);
	crk_jsv_free(v);
	return r;
}

static void test_jsonschema__keywords(void **state)
{
	(void)state;
	/* type: 1.0 is an integer (JSON Schema's number model, and ajv's) */
	assert_true(valid("{\"type\":\"integer\"}", "1.0"));
	assert_false(valid("{\"type\":\"integer\"}", "1.5"));
	assert_true(valid("{\"type\":[\"string\",\"null\"]}", "null"));
	/* enum/const compare numbers by value, objects by member */
	assert_true(valid("{\"enum\":[1,{\"a\":[1,2]}]}", "{\"a\":[1.0,2]}"));
	assert_false(valid("{\"const\":{\"a\":1}}", "{\"a\":1,\"b\":2}"));
	/* pattern: a search, `$` only at the very end (ECMAScript), code points */
	assert_true(valid("{\"pattern\":\"b\"}", "\"abc\""));
	assert_false(valid("{\"pattern\":\"^a$\"}", "\"a\\n\""));
	assert_true(valid("{\"maxLength\":2}", "\"\\u00e9\\u00e9\""));
	assert_false(valid("{\"minLength\":3}", "\"\\u00e9\\u00e9\""));
	/* objects */
	assert_false(valid("{\"required\":[\"a\"]}", "{}"));
	assert_true(valid("{\"required\":[\"a\"]}", "[]")); /* applies to objects only */
	assert_false(valid("{\"properties\":{\"a\":{\"type\":\"string\"}},"
			   "\"additionalProperties\":false}", "{\"a\":\"x\",\"b\":1}"));
	assert_true(valid("{\"patternProperties\":{\"^x-\":{}},\"additionalProperties\":false}",
			  "{\"x-a\":1}"));
	assert_false(valid("{\"propertyNames\":{\"maxLength\":1}}", "{\"ab\":1}"));
	assert_false(valid("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
			   "\"dependencies\":{\"a\":[\"b\"]}}", "{\"a\":1}"));
	assert_false(valid("{\"dependentRequired\":{\"a\":[\"b\"]}}", "{\"a\":1}"));
	/* arrays */
	assert_false(valid("{\"uniqueItems\":true}", "[1,1.0]"));
	assert_true(valid("{\"uniqueItems\":true}", "[1,\"1\"]"));
	assert_false(valid("{\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}",
			   "[\"a\",1]"));
	assert_true(valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
			  "\"prefixItems\":[{\"type\":\"string\"}],\"items\":{\"type\":\"number\"}}",
			  "[\"a\",1,2]"));
	assert_false(valid("{\"contains\":{\"const\":3}}", "[1,2]"));
	/* combinators */
	assert_false(valid("{\"oneOf\":[{\"type\":\"number\"},{\"minimum\":0}]}", "5"));
	assert_true(valid("{\"oneOf\":[{\"type\":\"number\"},{\"type\":\"string\"}]}", "5"));
	assert_false(valid("{\"not\":{\"type\":\"string\"}}", "\"a\""));
	assert_false(valid("{\"if\":{\"properties\":{\"a\":{\"const\":1}}},"
			   "\"then\":{\"required\":[\"b\"]},\"else\":{\"required\":[\"c\"]}}",
			   "{\"a\":1,\"c\":1}"));
	assert_true(valid("{\"if\":{\"properties\":{\"a\":{\"const\":1}}},"
			  "\"then\":{\"required\":[\"b\"]},\"else\":{\"required\":[\"c\"]}}",
			  "{\"a\":2,\"c\":1}"));
	/* $ref with siblings applied (ajv 8), to a definition and through a pointer */
	assert_false(valid("{\"definitions\":{\"s\":{\"type\":\"string\"}},"
			   "\"properties\":{\"a\":{\"$ref\":\"#/definitions/s\",\"maxLength\":1}}}",
			   "{\"a\":\"xy\"}"));
	assert_false(valid("{\"$defs\":{\"a~b\":{\"type\":\"string\"}},"
			   "\"$ref\":\"#/$defs/a~0b\"}", "1"));
	/* a $ref that resolves to nothing makes the instance invalid */
	assert_false(valid("{\"$ref\":\"#/definitions/none\"}", "1"));
	/* a $ref cycle that consumes no instance ends at the depth cap */
	assert_false(valid("{\"$ref\":\"#\"}", "1"));
	/* unevaluatedProperties (2020-12): what allOf/anyOf branches that matched evaluated */
	assert_true(valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
			  "\"allOf\":[{\"properties\":{\"a\":{}}}],\"unevaluatedProperties\":false}",
			  "{\"a\":1}"));
	assert_false(valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
			   "\"allOf\":[{\"properties\":{\"a\":{}}}],\"unevaluatedProperties\":false}",
			   "{\"a\":1,\"b\":2}"));
	assert_false(valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
			   "\"anyOf\":[{\"properties\":{\"a\":{}},\"required\":[\"x\"]},"
			   "{\"properties\":{\"b\":{}}}],\"unevaluatedProperties\":false}",
			   "{\"a\":1,\"b\":2}")); /* the branch naming "a" did not match */
	assert_true(valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
			  "\"anyOf\":[{\"properties\":{\"a\":{}}},{\"properties\":{\"b\":{}}}],"
			  "\"unevaluatedProperties\":false}",
			  "{\"a\":1,\"b\":2}"));
	/* boolean schemas */
	assert_false(valid("{\"properties\":{\"a\":false}}", "{\"a\":1}"));
	assert_true(valid("true", "[1]"));
}

/* Two documents, one $ref'ing the other by its $id (the CycloneDX schemas' spdx.schema.json). */
static void test_jsonschema__cross_document(void **state)
{
	static const char main[] = "{\"$id\":\"http://example.com/s/main.json\","
				   "\"properties\":{\"id\":{\"$ref\":\"ids.json\"}}}";
	static const char ids[] = "{\"$id\":\"http://example.com/s/ids.json\","
				  "\"enum\":[\"MIT\",\"Apache-2.0\"]}";
	struct crk_jsv *v = crk_jsv_new();
	struct crk_jsv_result res;
	json_t *ok = json_loads("{\"id\":\"MIT\"}", 0, NULL), *bad = json_loads("{\"id\":\"BSD\"}", 0, NULL);
	(void)state;
	assert_int_equal(crk_jsv_add(v, ids, strlen(ids), "ids-file.json", NULL), CRK_OK);
	assert_int_equal(crk_jsv_add(v, main, strlen(main), "main-file.json", NULL), CRK_OK);
	assert_int_equal(crk_jsv_validate(v, "main-file.json", ok, &res), CRK_OK);
	assert_true(res.valid);
	assert_int_equal(crk_jsv_validate(v, "http://example.com/s/main.json", bad, &res), CRK_OK);
	assert_false(res.valid);
	assert_string_equal(res.errors[0].where, "/id");
	assert_string_equal(res.errors[0].keyword, "enum");
	assert_int_equal(crk_jsv_validate(v, "nothing.json", ok, &res), CRK_ENOTFOUND);
	assert_int_equal(crk_jsv_add(v, "[1]", 3, "array.json", NULL), CRK_EINVAL);
	assert_int_equal(crk_jsv_add(v, "{", 1, "broken.json", NULL), CRK_EPARSE);
	json_decref(ok);
	json_decref(bad);
	crk_jsv_free(v);
}

/* Every allocation failing in turn, adding the schemas and validating: ENOMEM or the verdict. */
static void test_jsonschema__alloc_failures(void **state)
{
	static const char schema[] =
		"{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$defs\":{\"s\":"
		"{\"type\":\"string\",\"pattern\":\"^a+$\"}},\"allOf\":[{\"properties\":{\"a\":"
		"{\"$ref\":\"#/$defs/s\"},\"b\":{\"type\":\"array\",\"uniqueItems\":true}}}],"
		"\"unevaluatedProperties\":false}";
	json_t *doc = json_loads("{\"a\":\"aaa\",\"b\":[1,2],\"c\":1}", 0, NULL);
	uint64_t k;
	int rc;
	(void)state;
	for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
		struct crk_jsv *v;
		struct crk_jsv_result res;
		assert_true(k < 5000);
		crk_alloc_fail_after(k);
		v = crk_jsv_new();
		rc = v ? crk_jsv_add(v, schema, strlen(schema), "s.json", NULL) : CRK_ENOMEM;
		if (rc == CRK_OK)
			rc = crk_jsv_validate(v, "s.json", doc, &res);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_false(res.valid); /* "c" is unevaluated */
			assert_string_equal(res.errors[0].where, "/c");
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
		}
		crk_jsv_free(v);
	}
	assert_true(k > 2);
	json_decref(doc);
}

static int opendir_ok(const char *path)
{
	DIR *d = opendir(path);
	if (d)
		closedir(d);
	return d != NULL;
}

static int add_file(struct crk_jsv *v, const char *path, const char *name)
{
	char *buf;
	size_t len;
	int rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, NULL);
	if (rc)
		return rc;
	rc = crk_jsv_add(v, buf, len, name, NULL);
	crk_free(buf);
	return rc;
}

/* CycloneDX's conformance files: valid-*.json must validate, invalid-*.json must not (the
 * verdict each file's name gives; ajv agrees on all of them, see tests/schema/run.sh). */
static void test_jsonschema__cyclonedx_conformance_files(void **state)
{
	static const char *const versions[] = {"1.4", "1.5", "1.6", "1.7"};
	char path[8192], name[64];
	size_t i, checked = 0;
	(void)state;
	if (!opendir_ok(test_corpus("sbom/cyclonedx/spec-test-resources"))) {
		print_message("corpus not found at %s (set CRAKIT_CORPUS): skipped\n",
			      test_corpus("sbom"));
		return;
	}
	for (i = 0; i < 4; i++) {
		struct crk_jsv *v = crk_jsv_new();
		DIR *d;
		struct dirent *de;
		snprintf(name, sizeof(name), "bom-%s.schema.json", versions[i]);
		snprintf(path, sizeof(path), "%s%s", test_corpus("sbom/cyclonedx/schema/"), name);
		assert_int_equal(add_file(v, path, name), CRK_OK);
		assert_int_equal(add_file(v, test_corpus("sbom/cyclonedx/schema/spdx.schema.json"),
					  "spdx.schema.json"), CRK_OK);
		assert_int_equal(add_file(v, test_corpus("sbom/cyclonedx/schema/jsf-0.82.schema.json"),
					  "jsf-0.82.schema.json"), CRK_OK);
		assert_int_equal(add_file(v, test_corpus("sbom/cyclonedx/schema/cryptography-defs.schema.json"),
					  "cryptography-defs.schema.json"), CRK_OK);
		snprintf(path, sizeof(path), "%s%s",
			 test_corpus("sbom/cyclonedx/spec-test-resources/"), versions[i]);
		d = opendir(path);
		assert_non_null(d);
		while ((de = readdir(d)) != NULL) {
			struct crk_jsv_result res;
			char file[8192 + 512];
			json_t *doc;
			size_t n = strlen(de->d_name);
			if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
				continue;
			snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
			doc = json_load_file(file, JSON_DECODE_INT_AS_REAL, NULL);
			assert_non_null(doc);
			assert_int_equal(crk_jsv_validate(v, name, doc, &res), CRK_OK);
			if (res.valid != (strncmp(de->d_name, "valid-", 6) == 0))
				fail_msg("%s: %s", file, res.valid ? "valid" : res.errors[0].what);
			json_decref(doc);
			checked++;
		}
		closedir(d);
		crk_jsv_free(v);
	}
	print_message("%zu CycloneDX conformance files\n", checked);
	assert_true(checked >= 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonschema__uri_resolution),
		cmocka_unit_test(test_jsonschema__formats),
		cmocka_unit_test(test_jsonschema__keywords),
		cmocka_unit_test(test_jsonschema__cross_document),
		cmocka_unit_test(test_jsonschema__alloc_failures),
		cmocka_unit_test(test_jsonschema__cyclonedx_conformance_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
