/*
 * jsonschema.h - a JSON Schema validator for the schemas SBOMs are checked against: CycloneDX
 * 1.2-1.7 (draft-07, with spdx.schema.json and jsf-0.82.schema.json beside them), SPDX 2.2
 * (draft-07), 2.3 (2019-09) and 3.0.1 (2020-12, unevaluatedProperties). There is no C JSON
 * Schema library in Debian; this one covers the keywords those schemas use, and the rest of the
 * validation vocabulary of the three drafts (docs/cmd/sbom-check.md lists them):
 *
 *   type enum const | multipleOf maximum exclusiveMaximum minimum exclusiveMinimum |
 *   maxLength minLength pattern format | items prefixItems additionalItems contains
 *   minContains maxContains maxItems minItems uniqueItems | maxProperties minProperties required
 *   properties patternProperties additionalProperties propertyNames dependentRequired
 *   dependentSchemas dependencies unevaluatedProperties | allOf anyOf oneOf not if/then/else |
 *   $ref (with siblings) $id $anchor $defs definitions, and boolean schemas.
 *
 * Verdicts are meant to equal ajv 8's (the reference the schema suite uses, tests/schema/
 * validate.mjs): `$ref` siblings are applied in every draft as ajv does; `pattern` is an
 * unanchored search with PCRE2 in UTF mode, `$` matching only at the very end (ECMAScript's
 * rule); string lengths count code points; numbers compare as doubles (1 equals 1.0). `format`
 * is checked for date-time, date, time, uri, uri-reference, iri, iri-reference, email,
 * idn-email, hostname, ipv4, ipv6, uuid (ajv-formats "full" mode, with validate.mjs's iri,
 * iri-reference and idn-email); other formats pass, as ajv without strict mode lets them.
 * Unknown keywords are ignored. Not thread-safe on one validator.
 */
#ifndef CRK_FORMATS_JSONSCHEMA_H
#define CRK_FORMATS_JSONSCHEMA_H

#include <stddef.h>

#include <jansson.h>

#include "crakit/err.h"

struct crk_jsv;

/* One validation error: where in the instance (a JSON pointer, "" for the root), which keyword
 * failed, and what it expected. */
struct crk_jsv_error {
	char where[256];
	char keyword[32];
	char what[192];
};

#define CRK_JSV_MAX_ERRORS 20 /* kept per validation (the count goes on) */

struct crk_jsv_result {
	int valid;
	size_t nerrors; /* all the errors found, even past the ones kept */
	struct crk_jsv_error errors[CRK_JSV_MAX_ERRORS];
};

/* An empty validator; NULL on ENOMEM. Free with crk_jsv_free(). */
struct crk_jsv *crk_jsv_new(void);
void crk_jsv_free(struct crk_jsv *v);

/* Adds a schema document (JSON text). It is known by its "$id" (resolved) and by `name` (a file
 * name such as "spdx.schema.json", also used as its base URI when it has no "$id"); the "$id"s
 * inside it are indexed for "$ref". CRK_EPARSE (path:line:col) when it is not JSON,
 * CRK_EINVAL when it is not a schema (an object or a boolean), CRK_ENOMEM. */
int crk_jsv_add(struct crk_jsv *v, const char *buf, size_t len, const char *name,
		struct crk_err *err);

/* Validates `instance` against the schema added under `name` (or whose $id is `name`).
 * Fills *res. CRK_ENOTFOUND when no such schema was added; a "$ref" that cannot be resolved or
 * a schema nested deeper than the validator follows makes the instance invalid (the error says
 * so), as ajv refuses such a schema. */
int crk_jsv_validate(struct crk_jsv *v, const char *name, const json_t *instance,
		     struct crk_jsv_result *res);

/* The format checks on their own (jsonschema_format.c): 1 valid, 0 not, -1 a format that is
 * not checked. */
int crk_jsv_format(const char *format, const char *s, size_t n);

struct crk_strbuf;
/* Shared by jsonschema*.c: RFC 3986 §5.2 reference resolution of `ref` against `base` into
 * `out` (reset first); a base without a scheme is a relative path (a file name). */
void crk__jsv_uri_resolve(struct crk_strbuf *out, const char *base, const char *ref);

#endif
