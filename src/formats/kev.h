/*
 * kev.h - the CISA Known Exploited Vulnerabilities catalogue, JSON form
 * (https://www.cisa.gov/known-exploited-vulnerabilities-catalog; schema in corpus
 * kev/known_exploited_vulnerabilities_schema.json). Not API: src/vulndb/ uses it.
 * Strings are borrowed from the jansson value; arrays live in `arena`.
 */
#ifndef CRK_FORMATS_KEV_H
#define CRK_FORMATS_KEV_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "crakit/err.h"

#define CRK_KEV_MAX_ENTRIES ((size_t)1 << 20)

struct crk_kev_vuln {
	const char *cve, *vendor, *product, *name, *date_added, *description, *required_action,
		*due_date, *ransomware, *notes;
	const char *cwes; /* the cwes[] joined by ", " (arena), NULL when absent or empty */
};

struct crk_kev_catalog {
	const char *title;         /* may be NULL */
	const char *version;       /* catalogVersion */
	const char *date_released; /* as written */
	int64_t released_us;
	struct crk_kev_vuln *v;
	size_t n;
};

/* 1 when the JSON value looks like a KEV catalogue (an object with `catalogVersion` and a
 * `vulnerabilities` array), for telling it from an OSV record. */
int crk_kev_is_catalog(json_t *root);

/* Reads and checks a catalogue against the official schema's required fields and patterns
 * (cveID ^CVE-[0-9]{4}-[0-9]{4,19}$, dates YYYY-MM-DD, dateReleased date-time), and that
 * `count` equals the number of entries (a truncated download fails here). `buf`/`len` are the
 * JSON text, used only to place errors (path:line:col of the bad entry); may be NULL. */
int crk_kev_read(struct crk_kev_catalog *out, struct crk_arena *arena, json_t *root,
		 const char *buf, size_t len, const char *path, struct crk_err *err);
/* Parses (buf, len); *root as crk_osv_parse(). */
int crk_kev_parse(struct crk_kev_catalog *out, struct crk_arena *arena, const char *buf,
		  size_t len, const char *path, json_t **root, struct crk_err *err);

#endif
