/*
 * osv.h - OSV records (Open Source Vulnerability schema 1.x, https://ossf.github.io/osv-schema/)
 * read into what the vulnerability database stores. Not API: src/vulndb/ uses it.
 *
 * The parser works on a jansson value (the import decides whether a file is one record, an
 * array of records, or something else, and parses the JSON once). Strings of the result are
 * borrowed from that value (valid while it lives); the JSON text of each affected[] entry is
 * written compactly into `arena`.
 */
#ifndef CRK_FORMATS_OSV_H
#define CRK_FORMATS_OSV_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "crakit/err.h"

#define CRK_OSV_MAX_ID 256           /* bytes of an id or alias */
#define CRK_OSV_MAX_ALIASES 4096
#define CRK_OSV_MAX_AFFECTED 65536
#define CRK_OSV_MAX_SEVERITY 64
#define CRK_OSV_MAX_RECORD ((size_t)64 << 20) /* JSON text of one record */

struct crk_osv_severity {
	const char *type, *score;
};

struct crk_osv_affected {
	const char *ecosystem; /* package.ecosystem, NULL when the entry names no package (GIT) */
	const char *name;      /* package.name */
	const char *json;      /* the entry as compact JSON text (in the arena), NUL-terminated */
	size_t json_len;
};

struct crk_osv_record {
	const char *id;
	int64_t modified_us;  /* microseconds since the epoch */
	int64_t published_us; /* 0 when absent */
	int64_t withdrawn_us; /* 0 when not withdrawn */
	const char *summary;  /* NULL when absent */
	const char **aliases;
	size_t naliases;
	const char **upstream; /* `upstream`: ids the record derives from (a DSA's CVEs) */
	size_t nupstream;
	struct crk_osv_severity *severity;
	size_t nseverity;
	struct crk_osv_affected *affected;
	size_t naffected;
};

/* Reads the record `rec`. `path`, `line`, `col` say where the record starts, for errors
 * ("path:line:col: GHSA-xxxx: affected[2].package.name: expected a string"). CRK_EPARSE for a
 * value of the wrong type or a malformed timestamp, CRK_ELIMIT past a cap above,
 * CRK_EUNSUPPORTED for a schema_version whose major version is not 1, CRK_ENOMEM. */
int crk_osv_read(struct crk_osv_record *out, struct crk_arena *arena, json_t *rec,
		 const char *path, unsigned line, unsigned col, struct crk_err *err);

/* Parses (buf, len) as one OSV record (the whole buffer; fuzzing and tests). `*root` receives
 * the jansson value the strings borrow from (json_decref() it), NULL on a syntax error. */
int crk_osv_parse(struct crk_osv_record *out, struct crk_arena *arena, const char *buf,
		  size_t len, const char *path, json_t **root, struct crk_err *err);

#endif
