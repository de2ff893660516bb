/*
 * fuzz_jsonschema.c - the JSON Schema validator (src/formats/jsonschema.c) with fixed schemas and
 * a fuzzed instance: the input is parsed as JSON (what is not JSON is skipped) and validated
 * against a schema of our own that uses every keyword the validator knows (2020-12, with
 * unevaluatedProperties, $ref chains and a recursive $ref, patterns, formats), and, when the
 * shared corpus is there ($CRAKIT_CORPUS, default ../shared/corpus), against the official
 * CycloneDX 1.6 and SPDX 3.0.1 schemas. A validation must end (no hang on recursion), say
 * valid or not, give errors when invalid, and free everything. Seeds: tests/fuzz/corpus/
 * jsonschema/ (SBOMs and small documents).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/jsonschema.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char own_schema[] =
	"{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"https://x.invalid/s\","
	"\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"kids\":{\"type\":\"array\","
	"\"items\":{\"$ref\":\"#/$defs/node\"},\"maxItems\":8}},\"unevaluatedProperties\":"
	"{\"type\":[\"string\",\"number\",\"boolean\",\"null\"]}},"
	"\"s\":{\"type\":\"string\",\"pattern\":\"^[a-z]+(-[0-9]{1,3})?$\",\"maxLength\":40},"
	"\"t\":{\"$anchor\":\"tee\",\"format\":\"date-time\"}},"
	"\"type\":\"object\",\"required\":[\"a\"],"
	"\"properties\":{\"a\":{\"$ref\":\"#/$defs/s\"},\"n\":{\"type\":\"integer\",\"minimum\":-5,"
	"\"exclusiveMaximum\":1e6,\"multipleOf\":0.5},\"t\":{\"$ref\":\"#tee\"},"
	"\"u\":{\"format\":\"uri\"},\"r\":{\"format\":\"iri-reference\"},\"e\":{\"format\":\"idn-email\"},"
	"\"tree\":{\"$ref\":\"#/$defs/node\"},\"list\":{\"type\":\"array\",\"prefixItems\":"
	"[{\"const\":1},{\"enum\":[\"x\",{\"y\":[1,2]}]}],\"items\":{\"type\":\"string\"},"
	"\"uniqueItems\":true,\"contains\":{\"type\":\"string\"},\"minContains\":0}},"
	"\"patternProperties\":{\"^x-\":{\"not\":{\"type\":\"null\"}}},"
	"\"propertyNames\":{\"maxLength\":20},\"dependentRequired\":{\"n\":[\"a\"]},"
	"\"dependentSchemas\":{\"t\":{\"required\":[\"u\"]}},"
	"\"allOf\":[{\"if\":{\"properties\":{\"a\":{\"const\":\"k\"}}},\"then\":{\"required\":[\"n\"]},"
	"\"else\":{\"minProperties\":1}}],"
	"\"anyOf\":[{\"properties\":{\"b\":{\"type\":\"boolean\"}}},{\"maxProperties\":30}],"
	"\"oneOf\":[{\"required\":[\"z\"]},{\"not\":{\"required\":[\"z\"]}}],"
	"\"unevaluatedProperties\":false}";

static struct crk_jsv *v;
static int have_cdx, have_spdx3;

static int add_corpus(const char *rel, const char *name)
{
	struct crk_strbuf p = CRK_STRBUF_INIT(0);
	const char *c = getenv("CRAKIT_CORPUS");
	char *buf;
	size_t len;
	int rc;
	crk_strbuf_addf(&p, "%s/%s", c && *c ? c : "../shared/corpus", rel);
	rc = crk_read_file(p.buf, CRK_MAX_FILE_SIZE, &buf, &len, NULL);
	crk_strbuf_release(&p);
	if (rc)
		return 0;
	rc = crk_jsv_add(v, buf, len, name, NULL);
	crk_free(buf);
	return rc == CRK_OK;
}

static void init(void)
{
	v = crk_jsv_new();
	if (!v || crk_jsv_add(v, own_schema, sizeof(own_schema) - 1, "own.json", NULL))
		abort();
	have_cdx = add_corpus("sbom/cyclonedx/schema/spdx.schema.json", "spdx.schema.json") &&
		   add_corpus("sbom/cyclonedx/schema/jsf-0.82.schema.json", "jsf-0.82.schema.json") &&
		   add_corpus("sbom/cyclonedx/schema/bom-1.6.schema.json", "bom-1.6.schema.json");
	have_spdx3 = add_corpus("sbom/spdx/schema/spdx-3.0.1.schema.json", "spdx-3.0.1.schema.json");
}

static void one(const char *schema, const json_t *doc)
{
	struct crk_jsv_result res;
	if (crk_jsv_validate(v, schema, doc, &res) != CRK_OK)
		abort(); /* the schema is there: only ENOMEM could fail, and the fuzzer has memory */
	if (!res.valid && res.nerrors == 0)
		abort(); /* invalid without saying why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *doc;
	if (!v)
		init();
	doc = json_loadb((const char *)data, size,
			 JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, NULL);
	if (!doc)
		return 0;
	one("own.json", doc);
	if (have_cdx)
		one("bom-1.6.schema.json", doc);
	if (have_spdx3)
		one("spdx-3.0.1.schema.json", doc);
	json_decref(doc);
	return 0;
}
