/*
 * crakit/match.h - components x advisories -> findings (DESIGN.md §2, §4).
 *
 * The matcher is pure: it reads a BOM, asks a caller-supplied lookup for the OSV `affected`
 * entries of each component's package, evaluates their ranges (include/crakit/range.h) and
 * version lists, scores the CVSS vectors (include/crakit/cvss.h) and returns findings. It opens
 * no file and no database: the store supplies `struct crk_match_source`; KEV and EPSS are added
 * afterwards by crk_findings_enrich() through `struct crk_enrich_source`. Both are plain
 * callbacks, so tests drive the matcher with JSON fixtures and no database.
 *
 * How a component is looked up (crk_match_key()):
 *   - The OSV ecosystem comes from the component's `ecosystem` (set by the detectors, OSV
 *     spelling: "npm", "PyPI", "crates.io", "Go", "Maven", "NuGet", "Packagist", "RubyGems",
 *     "Pub", "Hex", "Hackage", "CRAN", "SwiftURL", ...). OS packages add the release from the purl
 *     `distro` qualifier: pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12 -> "Debian:12"
 *     (codenames too: distro=bookworm), Ubuntu "ubuntu-22.04" -> "Ubuntu:22.04:LTS" (also
 *     accepts "Ubuntu:22.04"), Alpine "alpine-3.20.3" -> "Alpine:v3.20", AlmaLinux
 *     "almalinux-9.4" -> "AlmaLinux:9", Rocky "Rocky Linux:9", Azure Linux "Azure Linux:3",
 *     Mariner "Mariner:2.0", openEuler "openEuler:22.03-LTS...", Wolfi/Chainguard (no release).
 *   - The package name in OSV's form: Maven "group:artifact"; Go the module path; npm
 *     "@scope/name"; Debian/Ubuntu/Alpine/RPM distros the SOURCE package (component
 *     source_name, else its name) and the source version when the BOM has one (dpkg's
 *     Source: "openssl (3.0.11-1~deb12u2)"); RPM distributions (AlmaLinux, Rocky, Red Hat)
 *     the binary package name and full [epoch:]version-release, as their advisories list
 *     binary packages; PyPI normalised per PEP 503; NuGet, Packagist, Pub, Hex lower-cased. crk_match_package_name() is that normalisation,
 *     public so the store indexes advisories the same way.
 *   - The lookup is called with the BASE ecosystem (the part before the first ':', "Debian") and
 *     the normalised name; it must emit every affected entry of any release of that ecosystem
 *     (the store indexes on the base name); the matcher keeps only the entries whose
 *     `package.ecosystem` is the component's release ("Debian:12").
 *
 * What is matched:
 *   - An affected entry matches when the version is in its `versions` list or inside one of its
 *     ranges (OSV schema 1.6 evaluation, range.h). `database_specific`/`ecosystem_specific` are
 *     ignored. GIT ranges are evaluated only for components with a vcs commit, and only where the
 *     commit is itself an event (no commit graph offline); otherwise they do not decide.
 *   - Withdrawn records are never matched.
 *   - A version or range the matcher cannot evaluate (an invalid version in the advisory or in
 *     the BOM, a component with no version, an OS package whose release is unknown, an ecosystem
 *     with no version scheme) gives a finding with status CRK_FINDING_UNKNOWN and a reason that
 *     names the culprit -- never a silent "not affected" (fail closed).
 *   - A version still holding an unresolved "${property}" is UNKNOWN too: Maven would order the
 *     text as a qualifier, below every release, and match every old range.
 *   - Local components (CRK_PKG_LOCAL: workspace members, path dependencies) are skipped unless
 *     CRK_MATCH_INCLUDE_LOCAL is given: their names are not registry names.
 *   - Findings of one component whose ids overlap (the ids and aliases of the records, linked
 *     transitively: GHSA-jfh8-c2jp-5v3q aliases CVE-2021-44228) are merged into one finding
 *     carrying all ids: one vulnerability is reported once. AFFECTED wins over UNKNOWN.
 *
 * Adapting the store (crakit/vulndb.h): crk_vulndb_affected(store, base, NULL, name,
 * CRK_VULNDB_ANY_RELEASE, ...) gives exactly what the lookup must emit; copy each
 * struct crk_vuln_affected field by field into a struct crk_match_advisory (json -> affected_json,
 * severity[] -> severity[]), and add the ids of the record's alias group to `aliases` if you
 * want groups linked through records the component did not match.
 *
 * Ownership: a `struct crk_findings` owns every finding and every string in it (one arena);
 * strings point into it, valid until crk_findings_free(). Nothing points into the BOM or into the
 * lookup's buffers. Threads: one findings set per thread; the functions are reentrant.
 */
#ifndef CRAKIT_MATCH_H
#define CRAKIT_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/bom.h"
#include "crakit/cvss.h"
#include "crakit/err.h"

/* ---- input: what the store supplies ---- */

/* A `severity[]` item of an OSV record: type "CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", ...
 * and its score (for CVSS a vector; crakit computes the score). Only CVSS_V3 and CVSS_V4 are
 * used. Same shape as crakit/vulndb.h's struct crk_vuln_severity. */
struct crk_match_severity {
	const char *type;
	const char *score;
};

/* One affected entry of one OSV record, as the store hands it to the matcher. Every pointer is
 * borrowed for the duration of the emit call only (the matcher copies what it keeps). The
 * fields mirror crakit/vulndb.h's struct crk_vuln_affected, so a store adapter copies them. */
struct crk_match_advisory {
	const char *id;                 /* the record's id, "GHSA-jfh8-c2jp-5v3q" (required) */
	const char *const *aliases;     /* the record's `aliases`, plus any ids the store linked to
					 * it (may be NULL when naliases is 0) */
	size_t naliases;
	const char *summary;            /* may be NULL */
	/* The record's OSV `upstream` ids (a Debian DSA's CVEs): not aliases (never grouped),
	 * but KEV and EPSS are looked up through them (may be NULL when nupstream is 0). */
	const char *const *upstream;
	size_t nupstream;
	int64_t published;              /* Unix seconds (UTC), 0 when absent */
	int64_t modified;               /* Unix seconds (UTC), 0 when absent */
	int64_t withdrawn;              /* nonzero: the record is withdrawn; never matched */
	/* The record's top-level `severity[]` (may be NULL when nseverity is 0). The affected
	 * entry's own `severity` array, if any, is read from affected_json. */
	const struct crk_match_severity *severity;
	size_t nseverity;
	/* Raw JSON text of ONE element of the record's `affected` array (required). */
	const char *affected_json;
	size_t affected_len;
	/* `database_specific.severity` as the record writes it (GHSA "HIGH", "MODERATE"), or
	 * NULL. Shown as stated_severity; never used as a score. */
	const char *stated_severity;
	/* The entry's index in the record's `affected` array: a record's entries are listed in
	 * this order whatever order the lookup emits them in. */
	size_t pos;
};

/* Called by the lookup once per affected entry found. Returns CRK_OK, or a negative status
 * (CRK_ENOMEM, or CRK_EPARSE for affected JSON that is not JSON -- then `err` says so and
 * names the record) which the lookup must return unchanged. */
typedef int (*crk_match_emit_fn)(void *ctx, const struct crk_match_advisory *adv,
				 struct crk_err *err);

struct crk_match_source {
	void *ud;
	/* Emits every affected entry whose package is (ecosystem, name): `ecosystem` is an OSV
	 * base ecosystem name ("npm", "Debian": no release suffix) and `name` is normalised by
	 * crk_match_package_name(). Entries may come in any order; an entry emitted twice is
	 * harmless. Returns CRK_OK (also when nothing is found), a negative status of its own
	 * (filling err), or what emit returned. */
	int (*lookup)(void *ud, const char *ecosystem, const char *name, crk_match_emit_fn emit,
		      void *ctx, struct crk_err *err);
};

/* ---- storage ---- */

/* The affected entry json[0..len) (one element of an OSV record's `affected` array) as the
 * matcher reads it, for a store to keep in place of the entry: package ecosystem and name,
 * ranges (type, repo, events), severity, and the `versions` list only when it can decide
 * something -- it is left out when every listed version lies inside one of the entry's
 * ECOSYSTEM/SEMVER ranges ordered by the comparator the list is compared with
 * (crk_osv_range_order() returns the ecosystem itself): OSV evaluates "listed OR inside a
 * range", and a version equal to a listed one lies in that range too. `database_specific`,
 * `ecosystem_specific` and everything else the matcher ignores are left out. The findings do
 * not change (tests/unit/match/test_compact.c checks it on every entry of the corpus).
 * Returns CRK_OK with *out the compact entry (JSON, NUL-terminated, heap: crk_free()) and
 * *outlen its length, or with *out NULL when the entry is to be kept as it is (text the
 * matcher reports as unreadable, or no package); CRK_ENOMEM. */
int crk_match_affected_compact(const char *json, size_t len, char **out, size_t *outlen,
			       struct crk_err *err);

/* ---- output: findings ---- */

enum crk_finding_status {
	CRK_FINDING_AFFECTED = 0, /* the version is inside a range or listed */
	CRK_FINDING_UNKNOWN = 1,  /* could not evaluate: `reason` says why */
};

/* One CVSS vector of the vulnerability, scored by crakit. */
struct crk_finding_severity {
	const char *type;   /* as OSV writes it: "CVSS_V3" or "CVSS_V4" */
	const char *vector; /* "CVSS:3.1/AV:N/..." */
	const char *record; /* id of the record that carried it */
	int valid;          /* 1: `score` holds the computed scores; 0: see `error` */
	const char *error;  /* why the vector was rejected ("metric 'AV' is missing"), or NULL */
	struct crk_cvss_score score;
};

/* KEV: CISA's Known Exploited Vulnerabilities catalogue. */
struct crk_finding_kev {
	int listed;             /* 1 when one of the finding's CVE ids is in the catalogue */
	const char *cve;        /* the id that was found */
	const char *date_added; /* "2021-12-10" */
	const char *due_date;   /* "2021-12-24" */
	int ransomware;         /* 1: knownRansomwareCampaignUse is "Known" */
};

/* EPSS: FIRST's exploit prediction scores. */
struct crk_finding_epss {
	int present;       /* 1 when one of the finding's CVE ids has a score */
	const char *cve;
	double score;      /* probability of exploitation in the next 30 days, 0..1 */
	double percentile; /* 0..1 */
	const char *date;  /* the scores' date ("2025-01-31"), or NULL */
};

struct crk_finding {
	/* The component. */
	size_t component;      /* its id in the BOM given to crk_match_bom() */
	const char *purl;      /* canonical purl, or NULL */
	const char *name;      /* as in the BOM */
	const char *version;   /* as in the BOM (may be NULL: then status is UNKNOWN) */
	const char *ecosystem; /* the OSV ecosystem matched: "Debian:12", "PyPI" */
	const char *package;   /* the OSV package name matched: "openssl" (the source
				* package), "org.apache.logging.log4j:log4j-core", "pyyaml" */
	const char *package_version; /* the version evaluated (the source version for OS
				      * packages when it differs), or NULL */

	/* The vulnerability. */
	const char *id;           /* preferred id: the group's CVE when there is one, else the
				   * first matched record's id */
	const char *const *aliases; /* every other id of the group, sorted, unique */
	size_t naliases;
	const char *const *records; /* ids of the OSV records that matched, sorted */
	size_t nrecords;
	/* `upstream` ids of the matched records that are not the id or an alias, sorted, unique:
	 * what a distribution's advisory derives from (DSA-5514-1: CVE-2023-4527, CVE-2023-4911).
	 * Other vulnerabilities, not merged into this finding; KEV and EPSS apply through them. */
	const char *const *upstream;
	size_t nupstream;
	const char *summary;      /* of the first matched record with one; may be NULL */
	int64_t published;        /* the oldest of the matched records, Unix seconds; 0 unknown */
	int64_t modified;         /* the newest of the matched records, Unix seconds; 0 unknown */
	/* The range or list entry that matched, as text, e.g. ">=2.0-beta9 <2.15.0",
	 * "<4.17.19", ">=1.0.0 <=1.2.3" (last_affected), "=2.14.1 (listed)", "commit
	 * 1a2b3c... (GIT)". NULL for UNKNOWN findings. */
	const char *range;
	/* Fixed versions of the matched ranges (the `fixed` events past the version), in
	 * ecosystem order, unique; nfixed = 0 when no fix is known. */
	const char *const *fixed;
	size_t nfixed;
	/* Every CVSS v3.x / v4.0 vector of the group's records (and affected entries), unique by
	 * vector, in record order; `best` is the index of the valid one with the highest score
	 * (ties: v4.0 before v3.x), or -1 when no valid vector is known. */
	const struct crk_finding_severity *severity;
	size_t nseverity;
	int best;
	const char *stated_severity; /* database_specific.severity, text only, or NULL */

	enum crk_finding_status status;
	const char *reason; /* UNKNOWN: what could not be evaluated, naming the version/range */

	/* Filled by crk_findings_enrich(); zero until then. */
	struct crk_finding_kev kev;
	struct crk_finding_epss epss;
};

/* A set of findings. `v[0..n)` is sorted by component id, then id. */
struct crk_findings {
	struct crk_finding *v;
	size_t n;
	struct crk_findings_priv *priv; /* the arena; not for callers */
};

enum crk_match_flags {
	CRK_MATCH_INCLUDE_LOCAL = 1 << 0, /* also match CRK_PKG_LOCAL components */
};

/* Creates an empty set. NULL on ENOMEM. Caller frees with crk_findings_free(). */
struct crk_findings *crk_findings_new(void);
void crk_findings_free(struct crk_findings *f);

/* Matches every component of `bom` and appends the findings to `out` (then sorts `out`).
 * `flags` is enum crk_match_flags. Returns CRK_OK; CRK_ENOMEM; or the lookup's error (the
 * findings added so far are kept). Invalid advisory JSON is not an error of the whole match:
 * it becomes an UNKNOWN finding naming the record. */
int crk_match_bom(struct crk_findings *out, const struct crk_bom *bom,
		  const struct crk_match_source *src, unsigned flags, struct crk_err *err);
/* The same for one component (its id in `bom`). */
int crk_match_component(struct crk_findings *out, const struct crk_bom *bom, size_t id,
			const struct crk_match_source *src, unsigned flags, struct crk_err *err);

/* ---- enrichment ---- */

/* What the KEV/EPSS lookups return: the few fields a finding keeps (the whole KEV entry is
 * crakit/vulndb.h's struct crk_kev_entry). Strings are borrowed until the callback returns. */
struct crk_enrich_kev {
	const char *date_added, *due_date;
	int ransomware; /* 1: "Known" */
};
struct crk_enrich_epss {
	double score, percentile;
	const char *date; /* may be NULL */
};

struct crk_enrich_source {
	void *ud;
	/* Each returns 1 and fills *out when `cve` ("CVE-2021-44228") is known, 0 when it is
	 * not, or a negative status (filling err). Either may be NULL (not available). */
	int (*kev)(void *ud, const char *cve, struct crk_enrich_kev *out, struct crk_err *err);
	int (*epss)(void *ud, const char *cve, struct crk_enrich_epss *out, struct crk_err *err);
};

/* Fills kev and epss of every finding from its CVE ids (id, aliases, then upstream, in order;
 * the first id found wins). Strings are copied into `f`. Returns CRK_OK or the first callback
 * error. */
int crk_findings_enrich(struct crk_findings *f, const struct crk_enrich_source *src,
			struct crk_err *err);

/* ---- keys ---- */

/* The OSV lookup key of component `c`, NUL-terminated into the caller's buffers:
 *   eco      the full OSV ecosystem ("Debian:12"; "PyPI")
 *   name     the normalised OSV package name
 *   version  the version to evaluate (source version for OS packages when known)
 * Returns CRK_OK; CRK_ENOTFOUND when `c` has no OSV ecosystem (err says why: e.g.
 * "pkg:deb/debian/x: the Debian release is unknown (no distro qualifier)"); CRK_ELIMIT when a
 * buffer is too small (256 bytes for eco and 1024 for name and version always suffice for
 * components within limits.h). `version` may be NULL when versz is 0. */
int crk_match_key(const struct crk_component *c, char *eco, size_t ecosz, char *name,
		  size_t namesz, char *version, size_t versz, struct crk_err *err);

/* Writes the OSV package name `name[0..len)` of `ecosystem` (base or full name) in the form the
 * matcher looks it up by: PyPI per PEP 503 (lower case, runs of "-_." -> "-"), NuGet and
 * Packagist, Pub and Hex lower case (as crk_vulndb_normalize_name() does), every other
 * ecosystem unchanged. Writes at most outsz bytes including
 * the NUL (outsz >= len + 1 always suffices) and returns the normalised length (>= outsz:
 * truncated). */
size_t crk_match_package_name(const char *ecosystem, const char *name, size_t len, char *out,
			      size_t outsz);

/* The base of an OSV ecosystem name: writes "Debian" for "Debian:12" (up to the first ':').
 * Same return convention as crk_match_package_name(). */
size_t crk_match_ecosystem_base(const char *ecosystem, char *out, size_t outsz);

#endif
