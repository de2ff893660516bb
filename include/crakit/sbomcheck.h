/*
 * crakit/sbomcheck.h - judging an SBOM: is it valid against its format's official schema, and
 * how much of what a standard asks does it say (`crakit sbom check`, `crakit sbom --profile`).
 *
 * Standards (docs/bsi-tr-03183-2.md has the field-by-field table and the mapping used):
 *  - BSI TR-03183-2 v2.1.0 (2025-08-20): CycloneDX >= 1.6 or SPDX >= 3.0.1 only (§4); the
 *    required, additional and optional fields of §5.2.1-§5.2.5 at the places its appendix §8.2
 *    maps them to (CycloneDX 1.6 JSON, SPDX 3.0.1); no vulnerability information (§3.1);
 *  - BSI TR-03183-2 v2.0.0 (2024-09-20): CycloneDX >= 1.5 or SPDX >= 2.2.1; the same fields in
 *    their v2.0 places (it has no mapping table: the v2.1 places and the natural older ones are
 *    both accepted);
 *  - NTIA, "The Minimum Elements For a Software Bill of Materials" (2021): supplier name,
 *    component name, version, other unique identifiers, dependency relationship, author of the
 *    SBOM data, timestamp.
 * Formats read: CycloneDX 1.2-1.7 JSON and XML, SPDX 2.2/2.3 JSON and tag-value, SPDX 3.0.x
 * JSON-LD, recognised from the content. The check reads the document itself, not a model of it:
 * where a field is written matters (a SHA-512 in component.hashes is not the v2.1 "hash of the
 * deployable component", which hangs on the distribution reference).
 *
 * Schemas: the official ones, from a directory the caller names (the corpus layout, or the
 * files side by side): bom-1.N.schema.json with spdx.schema.json, jsf-0.82.schema.json (and
 * cryptography-defs.schema.json for 1.7), bom-1.N.xsd with spdx.xsd, spdx-2.N.schema.json,
 * spdx-3.0.1.schema.json. JSON is validated with crakit's JSON Schema validator, XML with
 * libxml2's XSD validation (no network: the XSD's import of the SPDX namespace is read from the
 * directory). SPDX tag-value has no official schema.
 */
#ifndef CRAKIT_SBOMCHECK_H
#define CRAKIT_SBOMCHECK_H

#include <stddef.h>

#include "crakit/err.h"

enum crk_standard {
	CRK_STD_BSI_2_1 = 0, /* BSI TR-03183-2 v2.1.0 */
	CRK_STD_BSI_2_0 = 1, /* BSI TR-03183-2 v2.0.0 */
	CRK_STD_NTIA = 2,    /* NTIA minimum elements (2021) */
};

enum crk_field_level {
	CRK_LEVEL_REQUIRED = 0,   /* MUST, for every component it applies to */
	CRK_LEVEL_ADDITIONAL = 1, /* MUST when the information exists (BSI); counted, not scored */
	CRK_LEVEL_OPTIONAL = 2,   /* MAY */
};

/* One field of the standard and how many of the places it applies to have it. */
struct crk_check_field {
	const char *id;      /* stable, for --json: "component.hash", "sbom.creator" */
	const char *name;    /* for people: "hash of the deployable component (SHA-512)" */
	const char *section; /* where the standard defines it: "5.2.2" */
	int level;           /* enum crk_field_level */
	int of_sbom;         /* 1: a field of the SBOM itself; 0: of each component */
	size_t present, applicable;
};

/* A component that lacks a field: the field (index into fields) and the component as the
 * document names it (bom-ref, SPDX id, purl, or name@version). */
struct crk_check_gap {
	size_t field;
	const char *component;
};

struct crk_check_schema_error {
	char where[256]; /* JSON pointer, or "line N" for XML */
	char what[256];
};

struct crk_check_report {
	int standard;            /* enum crk_standard */
	const char *format;      /* "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value",
				  * "spdx3-json" */
	char spec_version[16];   /* as the document states it */
	int format_ok;           /* the standard accepts this format and version */
	char format_note[256];   /* why not, when not */
	int schema;              /* 1 valid, -1 invalid, 0 not checked (schema_note says why) */
	char schema_name[64];    /* the schema file used */
	char schema_note[256];
	size_t nschema_errors;   /* all found; the first ones are kept */
	struct crk_check_schema_error schema_errors[20];
	size_t ncomponents;      /* components checked (the primary one included) */
	struct crk_check_field *fields;
	size_t nfields;
	struct crk_check_gap *gaps; /* required fields missing, grouped by field, in document order */
	size_t ngaps;
	size_t nmissing_additional; /* additional fields missing (not listed in gaps) */
	double score;   /* 0-100: share of the required (component, field) and SBOM fields
			 * present; 0 when the format is not accepted or the schema rejects it */
	int conformant; /* format accepted, schema valid (or not checked), every required field
			 * present */
	char *names_;   /* private: the storage of gaps[].component */
};

struct crk_check_opts {
	int standard;           /* enum crk_standard */
	const char *schema_dir; /* official schemas (see above); NULL: no schema validation */
};

/*
 * Checks the SBOM in buf[0..len) (`path` names it in errors). *out receives the report (caller
 * frees with crk_check_report_free()). Returns CRK_OK whatever the verdict; CRK_EPARSE when the
 * document is not JSON/XML/tag-value of a known SBOM format (err: path:line:col), CRK_ELIMIT
 * past a cap, CRK_EIO when a schema in schema_dir cannot be read, CRK_ENOMEM.
 */
int crk_sbom_check(const char *buf, size_t len, const char *path,
		   const struct crk_check_opts *opts, struct crk_check_report **out,
		   struct crk_err *err);
void crk_check_report_free(struct crk_check_report *r);

/* "BSI TR-03183-2 v2.1.0", "BSI TR-03183-2 v2.0.0", "NTIA minimum elements (2021)". */
const char *crk_standard_name(int standard);

#endif
