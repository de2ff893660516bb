/*
 * match_impl.h - shared by the files of src/match/ (not API; see include/crakit/match.h).
 *
 *   key.c       component -> OSV (ecosystem, package name, version); ecosystem matching
 *   osv.c       one OSV `affected` entry (JSON) -> ranges, versions; severity arrays
 *   match.c     the matcher: lookup, evaluate, collect hits, group by alias, findings
 *   findings.c  the findings set, enrichment (KEV, EPSS)
 */
#ifndef CRK_MATCH_IMPL_H
#define CRK_MATCH_IMPL_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/match.h"
#include "crakit/range.h"

/* ---- key.c ---- */

struct crk_match__key {
	char base[64];     /* "Debian" */
	char eco[256];     /* "Debian:12"; "" for an OS component whose release is unknown */
	char name[1024];   /* normalised OSV package name */
	char version[1024];
	int has_version;
	int os; /* the ecosystem scopes advisories to releases */
};

int crk_match__key(const struct crk_component *c, struct crk_match__key *k, struct crk_err *err);
int crk_match__eco_match(const struct crk_match__key *k, const char *entry_ecosystem);
int crk_match__is_os(const char *base);
static inline int crk_match__isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* ---- osv.c ---- */

/* One affected entry, parsed. Strings are borrowed from the JSON tree (`root`), arrays are
 * heap-owned; crk_match__affected_release() frees both. */
/* A CVSS vector found in a `severity` array. */
struct crk_match__sev {
	const char *type, *vector; /* borrowed from the JSON */
};

struct crk_match__affected {
	void *root; /* json_t * */
	const char *ecosystem, *name; /* package; NULL when the entry has none */
	struct crk_osv_range *ranges;
	size_t nranges;
	struct crk_range_event *events; /* all ranges' events */
	const char **versions;
	size_t nversions;
	const char *range_error; /* a range that could not be read (unknown type, bad event):
				  * borrowed static or JSON text, or NULL */
	char range_error_buf[256];
	void *severity; /* json_t * array of the entry, or NULL (jansson path) */
	struct crk_match__sev *sev; /* its CVSS_V3/CVSS_V4 elements (fast path) */
	size_t nsev;
	char *fast_text;  /* fast path: the text, parsed in place (strings point into it) */
	void *fast_nodes; /* fast path: its nodes */
};

/* Parses the entry: the fast path (osv_fast.c) when it can, else jansson (osv.c); both give
 * the same result for every input (tests/fuzz/fuzz_match_fast.c). */
int crk_match__affected_parse(struct crk_match__affected *a, const char *json, size_t len,
			      struct crk_err *err);
/* The jansson path alone. */
int crk_match__affected_parse_jansson(struct crk_match__affected *a, const char *json,
				      size_t len, struct crk_err *err);
/* The fast path alone: 1 parsed, 0 not for the fast path (*a is empty: use jansson),
 * CRK_ENOMEM. */
int crk_match__affected_parse_fast(struct crk_match__affected *a, const char *json, size_t len);
void crk_match__affected_release(struct crk_match__affected *a);
/* Shared by both paths: the first range problem of the entry; an event key's kind. */
void crk_match__range_error(struct crk_match__affected *a, const char *what, const char *detail);
int crk_match__event_kind(const char *key, enum crk_event_kind *out);

/* Calls fn for each CVSS_V3 / CVSS_V4 element of the entry's `severity` array; other types
 * (CVSS_V2, Ubuntu) are skipped. */
int crk_match__severity_each(const struct crk_match__affected *a,
			     int (*fn)(void *ctx, const struct crk_match__sev *s), void *ctx);

/* ---- findings.c ---- */

struct crk_findings_priv {
	struct crk_arena arena;
	size_t alloc; /* capacity of v */
};

/* A new finding appended to f (zeroed), or NULL on ENOMEM. */
struct crk_finding *crk_match__finding_add(struct crk_findings *f);
void crk_match__findings_sort(struct crk_findings *f);
/* Sorts f->v[from..n) only (by component, then id); nothing to do when already in order. */
void crk_match__findings_sort_range(struct crk_findings *f, size_t from);

#endif
