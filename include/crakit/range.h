/*
 * crakit/range.h - is a version inside a range? OSV `affected[].ranges` and purl `vers`.
 *
 * OSV ranges (OSV schema 1.6, "Evaluation", https://ossf.github.io/osv-schema/#evaluation):
 *   A range is a type (SEMVER, ECOSYSTEM, GIT) and a list of events, each one of `introduced`,
 *   `fixed`, `last_affected`, `limit` with a version. A version v is in the range when it is
 *   below some `limit` (no limit event: an implicit "*", infinity), and walking the events
 *   sorted by version, the last event that applies to v is an `introduced` one, where
 *   introduced X applies when v >= X, fixed X when v >= X, last_affected X when v > X. So
 *   several introduced/fixed pairs make several intervals; last_affected is inclusive; fixed is
 *   exclusive; introduced "0" sorts before every version; a limit containing "*" is infinity.
 *   Events at the same version keep the record's order (the pseudocode's sort is stable): the
 *   later one wins, so "introduced X, fixed X" is empty, "introduced X, last_affected X" is
 *   exactly {X}, and "fixed X ... introduced X" continues the range at X.
 *   Versions are ordered by the ecosystem's scheme (crakit/version.h); for SEMVER ranges by
 *   the ecosystem's own SemVer flavour (npm, crates.io, Go, Hex, Pub) or else the generic
 *   lenient "SemVer". GIT ranges need the repository's commit graph, which crakit does not
 *   have: they answer only when the commit is itself one of the events.
 *   A range with no `introduced` event is invalid (the schema requires one); an event
 *   version the scheme rejects is an error naming it. Never a guess.
 *
 * purl vers (https://github.com/package-url/vers-spec, VERSION-RANGE-SPEC):
 *   "vers:<scheme>/<constraint>|<constraint>|..." with constraints "=V" (or bare V), "!=V",
 *   "<V", "<=V", ">V", ">=V", or "*" alone. Spaces and tabs are removed, empty constraints
 *   (leading, trailing, doubled pipes) ignored, versions percent-decoded, then sorted by
 *   version; a version given twice, or comparators that do not alternate as the spec requires
 *   ("<1|<2"), are errors. Schemes: npm, pypi, maven, nuget, gem, deb, rpm, golang, cargo,
 *   hex, pub, composer, cran, alpine/apk, semver, intdot, lexicographic, all, none (the purl
 *   types mapped to crakit's comparators; crk_vers_ecosystem() gives the mapping).
 *
 * Errors (err may be NULL; untouched on success): CRK_EPARSE for an invalid range or version
 * (the message names it: "'2.0-betaX' is not a valid Maven version ..." or "range has no
 * 'introduced' event"), CRK_ENOTFOUND for an ecosystem or vers scheme with no comparator,
 * CRK_EUNSUPPORTED for a GIT range that cannot be decided offline, CRK_ELIMIT past
 * CRK_RANGE_MAX_EVENTS events or CRK_VERSION_MAX_LEN bytes, CRK_ENOMEM.
 * Threads: reentrant.
 */
#ifndef CRAKIT_RANGE_H
#define CRAKIT_RANGE_H

#include <stddef.h>

#include "crakit/err.h"

/* More events (or vers constraints) than this in one range are refused (CRK_ELIMIT). The
 * largest range in the shared OSV corpus has under 100. */
#define CRK_RANGE_MAX_EVENTS 4096

enum crk_range_type {
	CRK_RANGE_SEMVER = 1,
	CRK_RANGE_ECOSYSTEM = 2,
	CRK_RANGE_GIT = 3,
};

enum crk_event_kind {
	CRK_EVENT_INTRODUCED = 1,
	CRK_EVENT_FIXED = 2,
	CRK_EVENT_LAST_AFFECTED = 3,
	CRK_EVENT_LIMIT = 4,
};

struct crk_range_event {
	enum crk_event_kind kind;
	const char *version; /* (pointer, length); need not be NUL-terminated */
	size_t len;
};

/* One OSV range. Everything is borrowed from the caller. */
struct crk_osv_range {
	enum crk_range_type type;
	const char *repo; /* GIT ranges: the repository URL; may be NULL otherwise */
	const struct crk_range_event *events;
	size_t nevents;
};

/* Why a version is (not) in a range. Event pointers point into the range's events. */
struct crk_range_verdict {
	int affected; /* 1: the version is in the range */
	/* affected: the `introduced` event opening the interval that holds the version, and the
	 * `fixed` or `last_affected` event closing it (the lowest one above the version), or NULL
	 * when the interval is open above. GIT: the event equal to the commit. */
	const struct crk_range_event *lower, *upper;
	/* not affected: the event that ended the last interval below the version (a `fixed` at
	 * or below it, a `last_affected` below it), or NULL when the version is below every
	 * `introduced`; `beyond_limit` is 1 when the version is at or above every `limit`. */
	const struct crk_range_event *closed_by;
	int beyond_limit;
	/* the lowest `limit` above the version (NULL: none, or only the implicit "*") */
	const struct crk_range_event *limit;
};

/* Evaluates range `r` of `ecosystem` (an OSV name, "Maven", "Debian:12") for `version`
 * (pointer, length). Fills *out and returns CRK_OK, or an error (see top) with *out zeroed. */
int crk_osv_range_eval(const char *ecosystem, const struct crk_osv_range *r, const char *version,
		       size_t vlen, struct crk_range_verdict *out, struct crk_err *err);

/* The ecosystem whose comparator orders a range of type `t` of `ecosystem`: `ecosystem` itself
 * (the same pointer) for ECOSYSTEM ranges and for SEMVER ranges of an ecosystem with its own
 * SemVer flavour (npm, crates.io, Hex, Pub, Go), else "SemVer" (the generic lenient SemVer). */
const char *crk_osv_range_order(const char *ecosystem, enum crk_range_type t);

/* Writes the interval of an affected verdict as text, e.g. ">=2.0-beta9 <2.15.0", "<4.17.19"
 * (introduced "0"), ">=1.0 <=1.2" (last_affected), ">=1.0" (open), "=COMMIT" (GIT), and
 * " (limit <X)" appended when a limit bounded it. For a verdict that is not affected: "not in
 * range" plus the reason ("fixed 2.15.0", "below every introduced", "at or above every
 * limit"). Returns the length it needed (like snprintf; >= n means truncated). */
size_t crk_range_verdict_str(const struct crk_range_verdict *v, char *buf, size_t n);

/* ---- purl vers ---- */

enum crk_vers_op {
	CRK_VERS_EQ = 1, /* "=" or a bare version */
	CRK_VERS_NE,     /* "!=" */
	CRK_VERS_LT,     /* "<" */
	CRK_VERS_LE,     /* "<=" */
	CRK_VERS_GT,     /* ">" */
	CRK_VERS_GE,     /* ">=" */
	CRK_VERS_STAR,   /* "*": every version */
};

struct crk_vers_constraint {
	enum crk_vers_op op;
	char *version; /* percent-decoded, NUL-terminated; NULL for STAR */
};

/* A parsed vers. Caller frees with crk_vers_free(). */
struct crk_vers {
	char *scheme;    /* "npm" (lower case as written) */
	const char *ecosystem; /* the OSV ecosystem whose comparator serves it ("npm", "PyPI"),
				* or NULL for intdot, lexicographic, all, none (static) */
	struct crk_vers_constraint *c; /* sorted by version */
	size_t n;
};

/* Parses and validates "vers:..." (pointer, length): syntax, known scheme, every version valid
 * for the scheme, sorted, unique, comparators alternating. *out is caller-owned on success
 * (crk_vers_free()), zeroed on error. */
int crk_vers_parse(struct crk_vers *out, const char *s, size_t len, struct crk_err *err);
void crk_vers_free(struct crk_vers *v);

/* Is `version` in the parsed range (VERSION-RANGE-SPEC "Checking if a version is contained
 * within a range")? *out = 1 or 0. *why (may be NULL) gets the index of the constraint that
 * decided: when in, the one that admitted it (for an interval, its lower bound); when out, the
 * "!=" constraint that excluded it, or -1 when no constraint admits it. */
int crk_vers_contains(const struct crk_vers *v, const char *version, size_t vlen, int *out,
		      long *why, struct crk_err *err);

/* The OSV ecosystem (for crakit/version.h) serving vers scheme `scheme` ("pypi" -> "PyPI",
 * "deb" -> "Debian", "gem" -> "RubyGems"), or NULL when crakit has no comparator for it. */
const char *crk_vers_ecosystem(const char *scheme);

#endif
