/*
 * crakit/vulndb.h - the vulnerability database: OSV advisories, the CISA KEV catalogue and FIRST
 * EPSS scores, kept in the store (crakit/store.h), imported from files (`crakit db import`),
 * downloaded from their public locations (`crakit db update`) and queried by the matcher.
 *
 * Lookups are by (OSV ecosystem, package name) through an index on (base ecosystem, normalised
 * name): names are normalised the way each ecosystem compares them (crk_vulndb_normalize_name),
 * so the caller passes the name as its lockfile or SBOM spells it. For distributions the OSV
 * ecosystem carries the release ("Debian:12", "Alpine:v3.20", "Ubuntu:22.04:LTS"); the store
 * keeps the base ("Debian") and the release ("12") apart, so a query gives both, and Debian and
 * Alpine advisories are keyed by the *source* package name, as OSV writes them.
 *
 * Aliases: every advisory id and every id in its `aliases` belong to one alias group (the
 * transitive closure over all imported records); advisories of one group are one vulnerability
 * and a scan reports them once (CVE-2021-44228 = GHSA-jfh8-c2jp-5v3q = ...).
 *
 * `upstream` (OSV 1.6) is kept apart from aliases: a Debian DSA names the CVEs it fixes there,
 * several different vulnerabilities, so grouping them would merge what is not one; a scan
 * looks up KEV and EPSS through them instead (crakit/match.h, crk_finding.upstream). OSV's
 * `related` ("closely related, not the same") is used for neither.
 *
 * Withdrawn advisories are kept (and counted by status) but never returned by a lookup unless
 * CRK_VULNDB_WITHDRAWN is asked for.
 *
 * Memory: lookup results are allocated in the caller's arena (src/base/arena.h) and live until it
 * is released. Threads: as crakit/store.h (one store per thread).
 *
 * Speed: a scan making many lookups should hold a read transaction around them
 * (crk_store_begin() ... crk_store_commit()): SQLite then takes its file lock once instead of
 * per query. Measured (bench/db-import.sh, CPU time): 10,000 lookups took 57 ms against the
 * shared corpus's 8,883 advisories and 81 ms against a synthetic store ten times as large (more
 * of those names had advisories: 16,292 entries returned against 10,896).
 * Errors: those of crakit/store.h; CRK_EINVAL for an empty ecosystem or name.
 */
#ifndef CRAKIT_VULNDB_H
#define CRAKIT_VULNDB_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"
#include "crakit/store.h"

struct crk_arena;

/* ---- advisories by package ----------------------------------------------------------------- */

/* A `severity[]` item of an OSV record: type "CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", ... and
 * its score (for CVSS a vector string; crakit computes the score itself). */
struct crk_vuln_severity {
	const char *type;
	const char *score;
};

/* One `affected[]` entry of an advisory, with what a finding needs from the advisory. */
struct crk_vuln_affected {
	const char *id;         /* advisory id, "GHSA-jfh8-c2jp-5v3q" */
	int64_t group;          /* alias group: equal for advisories that are one vulnerability */
	const char *ecosystem;  /* the entry's ecosystem as written: "Debian:12", "PyPI" */
	const char *release;    /* the part after the first ':' ("12", "22.04:LTS"), or NULL */
	const char *name;       /* package name as written in the record */
	const char *json;       /* the affected[] entry, JSON text (NUL-terminated), as the
				 * range evaluator reads it: package, ranges, severity, and the
				 * `versions` list where it decides something; the rest is left
				 * out at import (crk_match_affected_compact(); the record keeps
				 * everything) */
	size_t json_len;
	const char *summary;    /* NULL when the record has none */
	const char *const *aliases; /* the record's `aliases` (not the whole group) */
	size_t naliases;
	const char *const *upstream; /* the record's `upstream` ids (OSV 1.6: what a distribution's
				      * record derives from, a DSA's CVEs): not aliases, never in
				      * the alias group; the record's own id is left out */
	size_t nupstream;
	const struct crk_vuln_severity *severity; /* record-level `severity[]` */
	size_t nseverity;
	int64_t published;      /* Unix seconds (UTC); 0 when absent */
	int64_t modified;       /* Unix seconds (UTC) */
	int64_t withdrawn;      /* Unix seconds, 0 when the advisory is not withdrawn */
	size_t pos;             /* the entry's index in the record's `affected` array */
};

enum crk_vulndb_lookup_flags {
	CRK_VULNDB_WITHDRAWN = 1 << 0, /* also return withdrawn advisories */
	CRK_VULNDB_ANY_RELEASE = 1 << 1, /* ignore `release`: every release of the ecosystem */
};

/* Affected entries for a package. `ecosystem` is the base OSV ecosystem ("PyPI", "Debian",
 * "Maven"; a "Debian:12" form is split, its release used when `release` is NULL). `release`
 * selects entries whose ecosystem is exactly "<ecosystem>:<release>" plus those with no release;
 * NULL selects entries with no release only, unless CRK_VULNDB_ANY_RELEASE. Comparison of the
 * ecosystem is exact (OSV spelling, "crates.io", "PyPI"). `name` is normalised here.
 * *out is an array of *n entries in `arena`, ordered by advisory id then entry position (so
 * results are deterministic); *n is 0 (and *out NULL) when nothing matches. */
int crk_vulndb_affected(struct crk_store *s, const char *ecosystem, const char *release,
			const char *name, unsigned flags, struct crk_arena *arena,
			struct crk_vuln_affected **out, size_t *n, struct crk_err *err);

/* The same, streamed: fn is called once per entry, in the store's order (no order promised:
 * sorting costs a lookup more than the rest of it), with strings borrowed for the call only
 * (the store's own buffers: copy what you keep). fn must not use the store `s`. A nonzero
 * return of fn stops the lookup and is returned (fn fills `err`). The matcher's lookup, with
 * no copy of the entries' JSON. */
typedef int (*crk_vulndb_affected_fn)(void *ud, const struct crk_vuln_affected *e,
				      struct crk_err *err);
int crk_vulndb_affected_each(struct crk_store *s, const char *ecosystem, const char *release,
			     const char *name, unsigned flags, crk_vulndb_affected_fn fn, void *ud,
			     struct crk_err *err);

/* The name as `ecosystem` compares names, into `buf` (NUL-terminated; CRK_ELIMIT when it does
 * not fit). PyPI: PEP 503 (ASCII lower case, each run of `-`, `_`, `.` becomes one `-`);
 * NuGet, Packagist, Pub, Hex: ASCII lower case (their registries are case-insensitive);
 * everything else (npm, Go, Maven, crates.io, RubyGems, Debian, Alpine, ...): unchanged. */
int crk_vulndb_normalize_name(const char *ecosystem, const char *name, size_t len, char *buf,
			      size_t bufsize, struct crk_err *err);

/* ---- one advisory -------------------------------------------------------------------------- */

/* The whole OSV record of advisory `id` as imported (JSON text, heap, caller frees with
 * crk_free), for outputs that want details, references or credits. CRK_ENOTFOUND when absent. */
int crk_vulndb_record(struct crk_store *s, const char *id, char **json, size_t *len,
		      struct crk_err *err);

/* ---- aliases ------------------------------------------------------------------------------- */

/* The alias group of `id` (any known id: an advisory, a CVE named only as an alias, ...):
 * *ids (in `arena`, *n items, sorted) are all ids of the group including `id`, *canonical
 * (one of them) is the id a report shows: the CVE id when the group has one (the smallest if
 * several), else a GHSA id, else the smallest id. *group as in crk_vuln_affected (0 when the
 * id is unknown: then *ids = {id}, *canonical = id). Any out pointer may be NULL. */
int crk_vulndb_alias_group(struct crk_store *s, const char *id, struct crk_arena *arena,
			   const char ***ids, size_t *n, const char **canonical, int64_t *group,
			   struct crk_err *err);
/* The same by group key (from crk_vuln_affected.group). */
int crk_vulndb_alias_group_by_key(struct crk_store *s, int64_t group, struct crk_arena *arena,
				  const char ***ids, size_t *n, const char **canonical,
				  struct crk_err *err);

/* ---- KEV and EPSS -------------------------------------------------------------------------- */

/* A CISA Known Exploited Vulnerabilities entry (https://www.cisa.gov/known-exploited-
 * vulnerabilities-catalog). Dates are as the catalogue writes them, "YYYY-MM-DD". */
struct crk_kev_entry {
	const char *cve;             /* "CVE-2021-44228" */
	const char *vendor;          /* vendorProject */
	const char *product;
	const char *name;            /* vulnerabilityName */
	const char *date_added;
	const char *description;     /* shortDescription */
	const char *required_action;
	const char *due_date;
	const char *ransomware;      /* knownRansomwareCampaignUse: "Known" or "Unknown" */
	const char *notes;
	const char *cwes;            /* comma-separated, may be NULL */
};

/* The KEV entry of `cve` into *out (strings in `arena`): 1 when found, 0 when not listed
 * (then *out is zeroed), or a negative status. */
int crk_vulndb_kev(struct crk_store *s, const char *cve, struct crk_arena *arena,
		   struct crk_kev_entry *out, struct crk_err *err);

/* A FIRST EPSS score (https://www.first.org/epss/): probability of exploitation activity in the
 * next 30 days, and its percentile among all scored CVEs, on `date` ("YYYY-MM-DD"). */
struct crk_epss_score {
	double score;      /* 0..1 */
	double percentile; /* 0..1 */
	char date[11];
	char model[32];    /* model_version, e.g. "v2025.03.14"; "" when the file had none */
};
/* 1 found, 0 not scored (*out zeroed), or a negative status. */
int crk_vulndb_epss(struct crk_store *s, const char *cve, struct crk_epss_score *out,
		    struct crk_err *err);

/* ---- status -------------------------------------------------------------------------------- */

enum crk_vulndb_source_kind { CRK_VULNDB_OSV = 1, CRK_VULNDB_KEV = 2, CRK_VULNDB_EPSS = 3 };

/* What the store holds from one source: OSV per base ecosystem, KEV, EPSS. */
struct crk_vulndb_source {
	enum crk_vulndb_source_kind kind;
	const char *ecosystem;   /* OSV base ecosystem, NULL for KEV and EPSS */
	int64_t records;         /* advisories (OSV, withdrawn included), entries (KEV), CVEs (EPSS) */
	int64_t withdrawn;       /* OSV only */
	int64_t newest;          /* newest record time, Unix seconds: OSV `modified`, KEV
				  * dateReleased, EPSS score date; 0 unknown */
	int64_t imported;        /* when last imported into this store, Unix seconds; 0 never */
	const char *version;     /* KEV catalogVersion, EPSS model_version; NULL otherwise */
};
/* Every source present, OSV ecosystems first in name order, then KEV, then EPSS (those two
 * only when imported). Array and strings in `arena`. */
int crk_vulndb_status(struct crk_store *s, struct crk_arena *arena,
		      struct crk_vulndb_source **out, size_t *n, struct crk_err *err);

/* ---- import -------------------------------------------------------------------------------- */

enum crk_vulndb_import_flags {
	CRK_VULNDB_SKIP_INVALID = 1 << 0, /* a malformed record is a warning, the import goes on */
	CRK_VULNDB_QUIET = 1 << 1,        /* no progress display */
};

struct crk_vulndb_import_opts {
	unsigned flags; /* enum crk_vulndb_import_flags */
	int64_t now;    /* the import time recorded (Unix seconds); 0: the current time */
};

struct crk_vulndb_import_stats {
	size_t files;         /* files (and archive members) read */
	size_t osv_records;   /* OSV records read */
	size_t osv_inserted;  /* new advisories */
	size_t osv_replaced;  /* replaced by a newer `modified` */
	size_t osv_unchanged; /* already present with the same or a newer `modified` */
	size_t osv_withdrawn; /* withdrawn records among those read */
	size_t kev_entries;   /* KEV entries written */
	size_t kev_unchanged; /* KEV catalogues not newer than the stored one (not applied) */
	size_t epss_scores;   /* EPSS scores written */
	size_t epss_unchanged;/* EPSS files not newer than the stored one (not applied) */
	size_t skipped;       /* malformed records skipped (CRK_VULNDB_SKIP_INVALID) */
	uint64_t bytes;       /* input bytes parsed (uncompressed) */
};

/* Imports every path in one transaction: OSV records (a JSON file holding one record or an
 * array of records, a directory searched recursively for *.json, a zip archive of records as
 * osv.dev publishes per ecosystem), a CISA KEV JSON catalogue, a FIRST EPSS CSV (optionally
 * gzip-compressed). The kind is decided from the content. On any failure nothing is written
 * (the store is exactly as before) and `err` says `path:line:col: what`; with
 * CRK_VULNDB_SKIP_INVALID a malformed record is added to `diags` (may be NULL) instead.
 * An advisory already present is replaced only by a record with a newer `modified`; a KEV
 * catalogue or EPSS file replaces the stored one only when it is newer (dateReleased, score
 * date). `opts` and `stats` may be NULL. */
int crk_vulndb_import(struct crk_store *s, const char *const *paths, size_t npaths,
		      const struct crk_vulndb_import_opts *opts,
		      struct crk_vulndb_import_stats *stats,
		      struct crk_diags *diags, struct crk_err *err);

/* Imports one in-memory document (`display` names it in errors; the kind is detected from
 * the content), in the caller's transaction if one is open, else in its own. */
int crk_vulndb_import_buffer(struct crk_store *s, const char *buf, size_t len,
			     const char *display, const struct crk_vulndb_import_opts *opts,
			     struct crk_vulndb_import_stats *stats, struct crk_diags *diags,
			     struct crk_err *err);

/* ---- update (download) --------------------------------------------------------------------- */

struct crk_vulndb_update_opts {
	const char *const *ecosystems; /* OSV ecosystems to fetch; NULL/0: those in the store */
	size_t necosystems;
	int no_osv, no_kev, no_epss;   /* leave a source out */
	const char *osv_base;  /* default https://osv-vulnerabilities.storage.googleapis.com */
	const char *kev_url;   /* default: CISA's known_exploited_vulnerabilities.json */
	const char *epss_url;  /* default: https://epss.empiricalsecurity.com/epss_scores-current.csv.gz */
	const char *cache_dir; /* partial downloads kept here for resume; default: the store's
				* directory + "/crakit-downloads" */
	uint64_t max_bytes;    /* cap on one download; 0: CRK_VULNDB_MAX_DOWNLOAD */
	struct crk_vulndb_import_opts import;
};

#define CRK_VULNDB_MAX_DOWNLOAD ((uint64_t)4 << 30)

/* What happened to one download. */
struct crk_vulndb_fetch {
	const char *url;
	int not_modified; /* 304: the stored copy is current */
	int resumed;      /* continued a partial download */
	uint64_t bytes;   /* bytes received in this run */
};

struct crk_vulndb_update_stats {
	struct crk_vulndb_import_stats import;
	size_t fetched, not_modified;
};

/* Downloads each source (conditional request with the stored ETag / Last-Modified, resume of a
 * partial file with Range, size caps), verifies it (zip integrity; KEV/EPSS parse) and imports
 * it; each source is its own transaction, so one failing leaves the others imported (the
 * failure is reported in `err` after trying the rest). CRK_EINVAL when no ecosystem is given
 * and the store has none. CRK_EUNSUPPORTED when built without libcurl. */
int crk_vulndb_update(struct crk_store *s, const struct crk_vulndb_update_opts *opts,
		      struct crk_vulndb_update_stats *stats, struct crk_diags *diags,
		      struct crk_err *err);

#endif
