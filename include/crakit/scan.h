/*
 * crakit/scan.h - a vulnerability scan: a BOM matched against the vulnerability database, with
 * KEV/EPSS, triage decisions (VEX) applied, and what the scan could NOT see said plainly
 * (DESIGN.md §1 "is anything known-vulnerable or exploited?", §2 "match -> findings -> vex
 * overlay -> policy -> outputs"). `crakit scan` is this plus a command line (docs/cmd/scan.md).
 *
 * Fail closed: an empty or stale database, an input file that could not be parsed, or an
 * ecosystem of the BOM for which no advisory is loaded makes the report INCOMPLETE
 * (crk_scan_report.incomplete); every output format says so, and crk_scan_policy() fails a
 * gate on it unless the caller allows it. "No findings" is never said of an incomplete scan.
 *
 * Ownership: a report owns its items, problems and strings; it borrows the BOM, the findings
 * and the VEX set given to crk_scan_run(), which must outlive it. Not thread-safe.
 */
#ifndef CRAKIT_SCAN_H
#define CRAKIT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/bom.h"
#include "crakit/cvss.h"
#include "crakit/err.h"
#include "crakit/match.h"
#include "crakit/vex.h"

/* Why a scan is incomplete, or what it noticed. */
enum crk_scan_problem_kind {
	CRK_SCAN_DB_EMPTY = 1,        /* no advisory at all in the database */
	CRK_SCAN_DB_STALE = 2,        /* advisories of an ecosystem the BOM uses were imported
				       * longer ago than the allowed age (as `crakit db status`) */
	CRK_SCAN_KEV_MISSING = 3,     /* no KEV catalogue: "exploited" cannot be told */
	CRK_SCAN_KEV_STALE = 4,       /* the KEV catalogue was imported longer ago than that */
	CRK_SCAN_INPUT_UNPARSED = 5,  /* a lockfile, manifest or SBOM could not be read */
	CRK_SCAN_ECOSYSTEM_UNCOVERED = 6, /* components of an ecosystem with no advisory loaded */
	CRK_SCAN_NOT_MATCHABLE = 7,   /* components with no OSV ecosystem (informational) */
	CRK_SCAN_UNEVALUATED = 8,     /* findings whose range could not be evaluated */
	CRK_SCAN_EPSS_MISSING = 9,    /* no EPSS scores loaded (informational) */
};

struct crk_scan_problem {
	enum crk_scan_problem_kind kind;
	int blocking;          /* 1: makes the report incomplete (fail closed) */
	const char *subject;   /* the ecosystem, the file (path:line:col), or NULL */
	const char *message;   /* one sentence for a person */
	size_t count;          /* components / findings concerned, 0 when not applicable */
};

/* One finding as reported: the matcher's finding plus what the scan decided about it. */
struct crk_scan_item {
	const struct crk_finding *f;       /* borrowed from the findings set */
	const struct crk_component *comp;  /* borrowed from the BOM */
	const char *display_name;          /* "org.apache.logging.log4j:log4j-core", "lodash" */
	/* The severity crakit computed from the best CVSS vector (-1 / "unknown" without one). */
	double score;
	enum crk_cvss_rating rating;
	int rated;                         /* 0: no valid CVSS vector */
	const char *vector;                /* the vector scored, or NULL */
	/* The triage decision that applies (store or --vex file), or NULL. */
	const struct crk_vex_stmt *vex;
	int suppressed; /* the decision is not_affected or fixed: not counted, shown apart */
	int exploited;  /* KEV-listed and not suppressed */
	/* KEV-listed and not marked not_affected: an actively exploited vulnerability the
	 * manufacturer may have to notify under CRA Art. 14(1) (24 h early warning, 14(2)(a)). */
	int reportable;
};

struct crk_scan_source_age {
	const char *what;   /* "OSV Maven", "KEV", "EPSS" */
	int64_t records;
	int64_t newest;     /* newest record, Unix seconds, 0 unknown */
	int64_t imported;   /* last imported, Unix seconds, 0 unknown */
};

struct crk_scan_report {
	const struct crk_bom *bom;
	int64_t now;             /* the scan's time */
	const char *product;     /* product name (BOM metadata name, or as given) */
	const char *target;      /* what was scanned, as given */
	struct crk_scan_item *items; /* sorted: component (exploited and worst first), then
				      * exploited, score descending, id */
	size_t nitems;
	struct crk_scan_problem *problems;
	size_t nproblems;
	int incomplete;          /* a blocking problem exists */
	/* Counts over items that are not suppressed. */
	size_t nfindings, nexploited, ncritical, nhigh, nmedium, nlow, nnone, nunrated, nunknown;
	size_t nsuppressed;
	size_t nreportable;
	size_t ncomponents;      /* components in the BOM */
	size_t nvulnerable;      /* components with at least one unsuppressed finding */
	int64_t db_newest;       /* newest advisory in the database (0: none) */
	int64_t db_advisories;   /* advisories in the database */
	int64_t max_age;         /* seconds: imported longer ago than this is stale */
	struct crk_scan_source_age *sources; /* what the database holds, per source */
	size_t nsources;
	struct crk_scan_report_priv *priv;
};

/* What the vulnerability database tells the scan: a plain view filled by the caller (the CLI
 * asks the store, tests give fixtures), so the scan library does not depend on the store. */
struct crk_scan_db_source {
	int kind;              /* 1 OSV (with `ecosystem`), 2 KEV, 3 EPSS */
	const char *ecosystem; /* OSV base ecosystem */
	int64_t records;
	int64_t newest;        /* newest record time, Unix seconds (OSV modified, KEV release
				* date, EPSS score date) */
	int64_t imported;      /* when it was last imported, Unix seconds (0: unknown) */
};

struct crk_scan_config {
	int64_t now;                 /* the scan's time, Unix seconds */
	int64_t max_age;             /* seconds; 0: 24 hours (as `crakit db status`) */
	const char *product;         /* product name or purl for VEX product statements; NULL:
				      * the BOM's metadata name */
	const char *target;
	const struct crk_scan_db_source *db; /* what the database holds */
	size_t ndb;
	const struct crk_err *input_problems; /* files that could not be parsed */
	size_t ninput_problems;
	const struct crk_vex_set *vex;       /* decisions to apply, or NULL */
};

struct crk_store;

/*
 * The whole scan against a store (crakit/store.h, the vulnerability database of
 * crakit/vulndb.h): reads what the database holds (cfg->db and cfg->ndb are ignored and filled
 * from the store), matches every component of `bom` (crk_match_bom), adds KEV and EPSS
 * (crk_findings_enrich) and builds the report (below), which then owns the findings.
 * Returns CRK_OK, CRK_ENOMEM, or the store's error (CRK_EIO).
 */
int crk_scan_run(struct crk_scan_report **out, struct crk_store *store,
		 const struct crk_bom *bom, const struct crk_scan_config *cfg,
		 struct crk_err *err);

/*
 * Builds the report of `findings` (already matched and enriched) over `bom`. Decides the
 * severity of each finding from its best valid CVSS vector, applies the newest VEX statement
 * that names one of the finding's ids (id, aliases, records) for its component purl or the
 * product, and records every problem (see enum crk_scan_problem_kind). *out is the caller's,
 * freed with crk_scan_report_free(). CRK_ENOMEM only.
 */
int crk_scan_report_build(struct crk_scan_report **out, const struct crk_bom *bom,
			  const struct crk_findings *findings, const struct crk_scan_config *cfg,
			  struct crk_err *err);
void crk_scan_report_free(struct crk_scan_report *r);

/* ---- policy (--fail-on) ---- */

struct crk_scan_policy {
	int exploited;                /* fail on a KEV-listed finding */
	enum crk_cvss_rating min_rating; /* fail on a finding rated this or worse; NONE: off */
	int on_rating;                /* min_rating is set */
	double epss;                  /* fail on EPSS >= this; < 0: off */
	int unrated;                  /* fail on a finding without a valid CVSS vector */
	int allow_incomplete;         /* do not fail on an incomplete report (--allow-stale) */
};
/* Parses "exploited,critical,high,medium,low,unrated,epss>=0.5" (comma-separated; a severity
 * name means that severity or worse). CRK_EINVAL naming the bad item. */
int crk_scan_policy_parse(struct crk_scan_policy *out, const char *spec, struct crk_err *err);
/* 1 when the report fails the policy: an unsuppressed item meets a condition, or the report is
 * incomplete and allow_incomplete is 0. `why` (may be NULL, `whysz` bytes) gets the first
 * reason. */
int crk_scan_policy_fails(const struct crk_scan_policy *p, const struct crk_scan_report *r,
			  char *why, size_t whysz);

/* ---- outputs ---- */

struct crk_scan_write_opts {
	int pretty;        /* indent JSON */
	int color;         /* table: ANSI colours (the caller decides: a TTY and no NO_COLOR) */
	const char *author; /* VEX outputs: document author */
	/* The Art. 14 command shown for exploited findings (table, JSON): printf-style with
	 * %s for the time, the CVE and the product, in that order; NULL: the default
	 * "crakit report open --kind vulnerability --aware-at %s --cve %s --product %s". */
	const char *report_hint;
	/* crk_scan_write_stream: bytes held before they go to the sink (0: 1 MiB) */
	size_t stream_chunk;
};

/* Writes the report in `format`: "table", "json" (docs/scan.schema.json), "sarif" (SARIF
 * 2.1.0), "cyclonedx" (CycloneDX 1.6 VEX), "openvex" (OpenVEX 0.2). *out is heap memory
 * (crk_free). CRK_ENOTFOUND for an unknown format; CRK_EINVAL for openvex with nothing to say
 * (OpenVEX needs one statement at least: err says so). */
int crk_scan_write(const struct crk_scan_report *r, const char *format,
		   const struct crk_scan_write_opts *opts, char **out, size_t *len,
		   struct crk_err *err);
/* The same, streamed: the document goes to `write` in pieces, in order, as it is produced
 * (never whole in memory). `write` returns CRK_OK or an error code it has set in `err`; the
 * first error stops the writing and is returned. On any error part of the document may have
 * been written already: write to something that can be thrown away (a temporary file). */
int crk_scan_write_stream(const struct crk_scan_report *r, const char *format,
			  const struct crk_scan_write_opts *opts,
			  int (*write)(void *ud, const char *data, size_t n, struct crk_err *err),
			  void *ud, struct crk_err *err);
/* The command that opens the CRA Art. 14 case of a reportable item: "crakit report open
 * --kind vulnerability --aware-at TIME --cve CVE --product PRODUCT" (words shell-quoted where
 * needed). *out is heap memory (crk_free). */
int crk_scan_art14_command(const struct crk_scan_report *r, const struct crk_scan_item *it,
			   char **out, struct crk_err *err);
/* Iterates the format names (NULL past the end); *description one line. */
const char *crk_scan_format_name(size_t i, const char **description);

/* Names. */
const char *crk_scan_problem_kind_str(enum crk_scan_problem_kind k); /* "db_empty", ... */

#endif
