/*
 * jsv.c - crakit's JSON Schema validator (src/formats/jsonschema.c) with the command line of
 * tests/schema/validate.mjs, so the schema suite can compare the two verdict for verdict:
 *
 *   jsv SCHEMA.json DOC.json... [--ref OTHER-SCHEMA.json ...]
 *
 * Prints "ok DOC" or "FAIL DOC" and one "  <where>: <keyword>: <message>" line per error kept;
 * exits 0 when every document is valid, 1 when one is not, 2 on a usage error or an unreadable
 * schema. A document that is not JSON is FAIL (as validate.mjs reports it).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "formats/jsonschema.h"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static int add(struct crk_jsv *v, const char *path)
{
	struct crk_err err;
	char *buf;
	size_t len;
	int rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err);
	if (rc == CRK_OK) {
		rc = crk_jsv_add(v, buf, len, base_name(path), &err);
		crk_free(buf);
	}
	if (rc)
		fprintf(stderr, "jsv: %s: %s\n", path, err.msg);
	return rc;
}

int main(int argc, char **argv)
{
	struct crk_jsv *v = crk_jsv_new();
	const char *schema = NULL;
	int i, bad = 0;
	if (!v)
		return 2;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--ref") == 0 && i + 1 < argc && add(v, argv[++i]))
			return 2;
	for (i = 1; i < argc; i++) {
		struct crk_jsv_result res;
		json_error_t je;
		json_t *doc;
		size_t k;
		if (strcmp(argv[i], "--ref") == 0) {
			i++;
			continue;
		}
		if (!schema) {
			schema = argv[i];
			if (add(v, schema))
				return 2;
			continue;
		}
		doc = json_load_file(argv[i], JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL,
				     &je);
		if (!doc) {
			printf("FAIL %s\n  not JSON: %d:%d: %s\n", argv[i], je.line, je.column, je.text);
			bad++;
			continue;
		}
		if (crk_jsv_validate(v, base_name(schema), doc, &res)) {
			fprintf(stderr, "jsv: cannot validate %s\n", argv[i]);
			return 2;
		}
		printf("%s %s\n", res.valid ? "ok" : "FAIL", argv[i]);
		for (k = 0; k < res.nerrors && k < CRK_JSV_MAX_ERRORS; k++)
			printf("  %s: %s: %s\n", res.errors[k].where, res.errors[k].keyword,
			       res.errors[k].what);
		bad += !res.valid;
		json_decref(doc);
	}
	if (!schema) {
		fprintf(stderr, "usage: jsv SCHEMA.json DOC.json... [--ref OTHER-SCHEMA.json ...]\n");
		return 2;
	}
	crk_jsv_free(v);
	return bad ? 1 : 0;
}
