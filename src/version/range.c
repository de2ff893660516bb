/*
 * range.c - OSV range evaluation (include/crakit/range.h).
 *
 * Follows the "Evaluation" pseudocode of the OSV schema (https://ossf.github.io/osv-schema/,
 * IsVulnerable / IncludedInRanges / BeforeLimits): walk the events sorted by version; an
 * `introduced` X with v >= X makes v vulnerable, a `fixed` X with v >= X or a `last_affected`
 * X with v > X makes it not; v must also be below some `limit` (implicitly "*").
 *
 * We do not sort: the state after the walk is set by the last event that applies to v, so we
 * find the applying event with the greatest (version, position in the array). The pseudocode's
 * sorted() is Python's, a stable sort, so events at one version keep the record's order: the
 * later one wins. That makes "introduced X, fixed X" empty, "fixed 3.1.1 ... introduced 3.1.1"
 * (PYSEC-2022-236: two adjacent intervals) affected at 3.1.1, and "introduced X, last_affected
 * X" the single version X -- exactly what the records' own `versions` lists say (the corpus
 * oracle of tests/unit/version/test_range.c). It needs no allocation and compares v with every
 * event once (so an invalid event version is always reported, even one the walk would not have
 * needed) plus a few event-to-event comparisons.
 *
 * Departures, both on the side of saying "cannot tell" rather than guessing:
 *   - A range without an `introduced` event is an error (the schema requires one; the
 *     pseudocode would call every version unaffected).
 *   - GIT ranges need the commit graph; we answer only when the commit is one of the events.
 */
#include <stdio.h>
#include <string.h>

#include "crakit/range.h"
#include "crakit/version.h"
#include "version/scheme.h"
#include "base/banned.h"

static int is_zero(const struct crk_range_event *e)
{
	return e->kind == CRK_EVENT_INTRODUCED && e->len == 1 && e->version[0] == '0';
}

static int is_star(const struct crk_range_event *e)
{
	return e->kind == CRK_EVENT_LIMIT && memchr(e->version, '*', e->len) != NULL;
}

/* The ecosystem whose comparator orders a range of type `t`: SEMVER ranges use the
 * ecosystem's own SemVer flavour when it has one, else the generic lenient SemVer. */
const char *crk_osv_range_order(const char *eco, enum crk_range_type t)
{
	const struct crk_version_scheme *s;
	if (t != CRK_RANGE_SEMVER)
		return eco;
	s = crk_version_scheme_for(eco);
	if (s == &crk_version_npm || s == &crk_version_cargo || s == &crk_version_hex ||
	    s == &crk_version_pub || s == &crk_version_golang || s == &crk_version_semver)
		return eco;
	return "SemVer";
}

static const char *kind_name(enum crk_event_kind k)
{
	switch (k) {
	case CRK_EVENT_INTRODUCED:
		return "introduced";
	case CRK_EVENT_FIXED:
		return "fixed";
	case CRK_EVENT_LAST_AFFECTED:
		return "last_affected";
	case CRK_EVENT_LIMIT:
		return "limit";
	}
	return "unknown";
}

/* Orders two event versions, the specials included ("0" lowest, "*" highest). */
static int event_cmp(const struct crk_version_scheme *s, const char *eco,
		     const struct crk_range_event *a, const struct crk_range_event *b, int *out,
		     struct crk_err *err)
{
	int za = is_zero(a), zb = is_zero(b), sa = is_star(a), sb = is_star(b);
	if (za || zb || sa || sb) {
		int ra = za ? -1 : sa ? 1 : 0, rb = zb ? -1 : sb ? 1 : 0;
		*out = crk_version__sign((long long)ra - rb);
		if (*out == 0 && ra == 0)
			return crk_err_set(err, CRK_EINTERNAL, NULL, 0, 0, "event order");
		return CRK_OK;
	}
	return crk_version__comparen_s(s, eco, a->version, a->len, b->version, b->len, out, err);
}

/* Adds "in the range event 'fixed: X'" to the hint of a comparison error. */
static int event_error(int rc, const struct crk_range_event *e, struct crk_err *err)
{
	char q[96], hint[CRK_ERR_MSG_MAX];
	if (!err)
		return rc;
	crk_version__quote(q, sizeof(q), e->version, e->len);
	snprintf(hint, sizeof(hint), "%s", err->hint);
	if (hint[0])
		crk_err_hint(err, "%s (range event %s: '%s')", hint, kind_name(e->kind), q);
	else
		crk_err_hint(err, "range event %s: '%s'", kind_name(e->kind), q);
	return rc;
}

static int hexeq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;
	if (alen != blen || alen == 0)
		return 0;
	for (i = 0; i < alen; i++)
		if (crk_vtolower((unsigned char)a[i]) != crk_vtolower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int git_eval(const struct crk_osv_range *r, const char *v, size_t vlen,
		    struct crk_range_verdict *out, struct crk_err *err)
{
	const struct crk_range_event *hit = NULL, *stop = NULL;
	char q[96];
	size_t i;
	for (i = 0; i < r->nevents; i++) {
		const struct crk_range_event *e = &r->events[i];
		if (!hexeq(e->version, e->len, v, vlen))
			continue;
		if (e->kind == CRK_EVENT_FIXED || e->kind == CRK_EVENT_LIMIT)
			stop = e;
		else
			hit = e;
	}
	if (stop) {
		out->closed_by = stop;
		out->beyond_limit = stop->kind == CRK_EVENT_LIMIT;
		return CRK_OK;
	}
	if (hit) {
		out->affected = 1;
		out->lower = out->upper = hit;
		return CRK_OK;
	}
	crk_version__quote(q, sizeof(q), v, vlen);
	crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
		    "GIT range of %s: commit '%s' is not one of its events, and deciding needs "
		    "the repository's commit graph",
		    r->repo ? r->repo : "(no repo)", q);
	crk_err_hint(err, "the entry's ECOSYSTEM/SEMVER ranges or `versions` list decide for "
			  "released versions");
	return CRK_EUNSUPPORTED;
}

int crk_osv_range_eval(const char *ecosystem, const struct crk_osv_range *r, const char *v,
		       size_t vlen, struct crk_range_verdict *out, struct crk_err *err)
{
	const struct crk_range_event *best = NULL, *upper = NULL, *limit = NULL;
	const struct crk_version_scheme *s;
	const char *eco;
	size_t i, nintro = 0, nlimit = 0;
	int rc, below_limit = 0;

	memset(out, 0, sizeof(*out));
	if (!r || !v)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "no range or no version");
	if (r->nevents > CRK_RANGE_MAX_EVENTS)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
				   "range has %zu events, the limit is %d", r->nevents,
				   CRK_RANGE_MAX_EVENTS);
	for (i = 0; i < r->nevents; i++) {
		const struct crk_range_event *e = &r->events[i];
		if (e->kind < CRK_EVENT_INTRODUCED || e->kind > CRK_EVENT_LIMIT || !e->version)
			return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "range event %zu is empty",
					   i);
		if (e->len == 0)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "range event %s has an empty version",
					   kind_name(e->kind));
		nintro += e->kind == CRK_EVENT_INTRODUCED;
	}
	if (nintro == 0)
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "range has no 'introduced' event (the OSV schema requires one)");
	if (r->type == CRK_RANGE_GIT)
		return git_eval(r, v, vlen, out, err);
	if (r->type != CRK_RANGE_SEMVER && r->type != CRK_RANGE_ECOSYSTEM)
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0, "unknown range type %d",
				   (int)r->type);
	eco = ecosystem ? crk_osv_range_order(ecosystem, r->type) : NULL;
	if (!eco || !(s = crk_version_scheme_for(eco)))
		return crk_version_validate(ecosystem ? ecosystem : "", v, vlen, err);
	/* The version itself first, so that its error is not blamed on an event. */
	if ((rc = crk_version__validate_s(s, eco, v, vlen, err)) != CRK_OK)
		return rc;

	for (i = 0; i < r->nevents; i++) {
		const struct crk_range_event *e = &r->events[i];
		int c, applies;
		if (is_zero(e)) {
			c = 1;
		} else if (is_star(e)) {
			c = -1;
		} else if ((rc = crk_version__comparen_s(s, eco, v, vlen, e->version, e->len, &c,
							 err)) != CRK_OK) {
			return event_error(rc, e, err);
		}
		if (e->kind == CRK_EVENT_LIMIT) {
			nlimit++;
			if (c < 0) {
				int lc = -1;
				below_limit = 1;
				if (limit && (rc = event_cmp(s, eco, e, limit, &lc, err)) != CRK_OK)
					return event_error(rc, e, err);
				if (!limit || lc < 0)
					limit = e;
			}
			continue;
		}
		applies = e->kind == CRK_EVENT_LAST_AFFECTED ? c > 0 : c >= 0;
		if (applies) {
			int bc = 1;
			if (best && (rc = event_cmp(s, eco, e, best, &bc, err)) != CRK_OK)
				return event_error(rc, e, err);
			if (!best || bc >= 0) /* e comes later in the array: it wins a tie */
				best = e;
		} else if (e->kind != CRK_EVENT_INTRODUCED) {
			int uc = -1;
			if (upper && (rc = event_cmp(s, eco, e, upper, &uc, err)) != CRK_OK)
				return event_error(rc, e, err);
			if (!upper || uc < 0)
				upper = e;
		}
	}
	if (nlimit == 0)
		below_limit = 1;
	out->limit = limit && is_star(limit) ? NULL : limit;
	if (best && best->kind == CRK_EVENT_INTRODUCED && below_limit) {
		out->affected = 1;
		out->lower = best;
		out->upper = upper;
		return CRK_OK;
	}
	out->closed_by = best && best->kind != CRK_EVENT_INTRODUCED ? best : NULL;
	out->beyond_limit = !below_limit;
	return CRK_OK;
}

/* ---- text ---- */

struct out {
	char *buf;
	size_t n, len;
};

static void put(struct out *o, const char *s, size_t len)
{
	if (o->len < o->n) {
		size_t room = o->n - o->len - 1;
		memcpy(o->buf + o->len, s, len < room ? len : room);
		o->buf[o->len + (len < room ? len : room)] = '\0';
	}
	o->len += len;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_event(struct out *o, const char *op, const struct crk_range_event *e)
{
	puts_(o, op);
	put(o, e->version, e->len);
}

size_t crk_range_verdict_str(const struct crk_range_verdict *v, char *buf, size_t n)
{
	struct out o = {buf, n, 0};
	if (n)
		buf[0] = '\0';
	if (v->affected) {
		if (v->lower && v->upper == v->lower) { /* GIT: the commit itself */
			put_event(&o, "=", v->lower);
			return o.len;
		}
		if (v->lower && !is_zero(v->lower))
			put_event(&o, ">=", v->lower);
		if (v->upper) {
			if (o.len)
				puts_(&o, " ");
			put_event(&o, v->upper->kind == CRK_EVENT_FIXED ? "<" : "<=", v->upper);
		}
		if (!o.len)
			puts_(&o, ">=0");
		if (v->limit)
			put_event(&o, " (limit <", v->limit), puts_(&o, ")");
		return o.len;
	}
	puts_(&o, "not in range: ");
	if (v->beyond_limit && v->closed_by == NULL)
		puts_(&o, "at or above every limit");
	else if (v->closed_by)
		put_event(&o,
			  v->closed_by->kind == CRK_EVENT_FIXED	  ? "fixed "
			  : v->closed_by->kind == CRK_EVENT_LIMIT ? "limit "
								  : "after last_affected ",
			  v->closed_by);
	else
		puts_(&o, "below every introduced");
	return o.len;
}
