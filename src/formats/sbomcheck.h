/*
 * sbomcheck.h - inside `crakit sbom check` (include/crakit/sbomcheck.h): the "presence view"
 * each format's reader gives the engine (sbomcheck.c), and the readers.
 *
 * A presence view says, for the SBOM and for each component, which of the facts the standards
 * ask about the document states, at which place: sbomcheck_json.c reads CycloneDX JSON, SPDX 2
 * JSON and SPDX 3 JSON-LD; sbomcheck_conv.c turns CycloneDX XML and SPDX tag-value into the
 * JSON shape of their JSON sibling first (so one reader serves both) and validates XML against
 * its XSD.
 */
#ifndef CRK_FORMATS_SBOMCHECK_H
#define CRK_FORMATS_SBOMCHECK_H

#include <stddef.h>

#include <jansson.h>

#include "base/arena.h"
#include "crakit/err.h"
#include "crakit/sbomcheck.h"

/* What the SBOM states about itself. */
enum {
	S_TIMESTAMP = 1 << 0,
	S_CREATOR_V21 = 1 << 1,  /* an email or URL where v2.1 §8.2 puts the SBOM's creator
				  * (CycloneDX metadata.manufacturer, SPDX 3 createdBy) */
	S_CREATOR_ANY = 1 << 2,  /* an email or URL of any author/creator/supplier of the SBOM */
	S_AUTHOR = 1 << 3,       /* any author of the SBOM data named (NTIA; tools count) */
	S_URI = 1 << 4,          /* serialNumber, documentNamespace, the SPDX 3 Sbom's spdxId */
	S_NO_VULNS = 1 << 5,     /* holds no vulnerability information (v2.1 §3.1) */
};

/* What the SBOM states about one component. */
enum {
	P_NAME = 1 << 0,
	P_VERSION = 1 << 1,
	P_CREATOR_V21 = 1 << 2,     /* manufacturer url/email (CycloneDX), originatedBy agent with an
				     * email or URL (SPDX 3) */
	P_CREATOR_ANY = 1 << 3,     /* any creator/author/supplier with an email or URL */
	P_SUPPLIER = 1 << 4,        /* a supplier (or manufacturer, author) named (NTIA) */
	P_FILENAME = 1 << 5,
	P_DEPS_ENTRY = 1 << 6,      /* its own entry in the dependency graph (possibly empty) */
	P_DEPS_ANY = 1 << 7,        /* in the graph at all: its own entry, or a target */
	P_DEPS_COMPLETENESS = 1 << 8, /* how complete its dependency list is, stated */
	P_LIC_ANY = 1 << 9,         /* a valid SPDX id / expression / LicenseRef, any role */
	P_LIC_CONCLUDED = 1 << 10,  /* ... acknowledged as concluded (v2.1: distribution licence) */
	P_LIC_DECLARED = 1 << 11,   /* ... as declared (v2.1: original licence) */
	P_HASH_DEPLOY = 1 << 12,    /* SHA-512 where v2.1 puts it (distribution reference, SPDX 3
				     * distribution artifact) */
	P_HASH_ANY = 1 << 13,       /* SHA-512 anywhere on the component */
	P_EXECUTABLE = 1 << 14,     /* the property stated with a value the taxonomy allows */
	P_ARCHIVE = 1 << 15,
	P_STRUCTURED = 1 << 16,
	P_SOURCE_URI = 1 << 17,
	P_DEPLOY_URI = 1 << 18,
	P_OTHER_IDS = 1 << 19,      /* purl, CPE or SWID */
	P_LIC_EFFECTIVE = 1 << 20,
	P_SOURCE_HASH = 1 << 21,
	P_SECURITY_TXT = 1 << 22,
};

struct pcomp {
	const char *id; /* how the document names it (arena) */
	unsigned long have;
	int primary; /* the component the SBOM describes */
};

struct presence {
	struct crk_arena *a;
	const char *format;
	char spec_version[16];
	unsigned long sbom;
	struct pcomp *c;
	size_t n, alloc;
	int oom;
};

/* Appends a component named `id` (copied); NULL on ENOMEM. */
struct pcomp *crk__pres_add(struct presence *p, const char *id, int primary);

/* sbomcheck_json.c: fills the view from a parsed document of the format named. */
void crk__pres_cyclonedx(struct presence *p, const json_t *doc);
void crk__pres_spdx2(struct presence *p, const json_t *doc);
void crk__pres_spdx3(struct presence *p, const json_t *doc);

/* sbomcheck_conv.c. CycloneDX XML into the JSON shape of CycloneDX JSON (*out, caller
 * decrefs), and its namespace's version ("1.6") into `ver`. CRK_EPARSE with line:col. */
int crk__cdx_xml_to_json(const char *buf, size_t len, const char *path, json_t **out,
			 char ver[16], struct crk_err *err);
/* SPDX 2 tag-value into the shape of SPDX 2 JSON. CRK_EPARSE with line. */
int crk__spdx_tv_to_json(const char *buf, size_t len, const char *path, json_t **out,
			 struct crk_err *err);
/* spdx_yaml.c. SPDX 2 YAML into the shape of SPDX 2 JSON (*out, caller decrefs); `lines`: for
 * the BOM reader (plain numbers stay text, "_line" on each mapping in a list), else typed as
 * YAML's core schema says, for the schema check. CRK_EPARSE / CRK_ELIMIT with line:col. */
int crk__spdx_yaml_to_json(const char *buf, size_t len, const char *path, int lines,
			   json_t **out, struct crk_err *err);
/* Validates CycloneDX XML against DIR's bom-<ver>.xsd (spdx.xsd beside it): fills the
 * report's schema fields. CRK_OK (the verdict is in the report), CRK_ENOMEM. */
int crk__cdx_xml_validate(const char *buf, size_t len, const char *dir, const char *ver,
			  struct crk_check_report *r);

#endif
