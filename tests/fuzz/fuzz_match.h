/*
 * fuzz_match.h - what the fuzz targets of one OSV `affected` entry share (fuzz_match_fast.c,
 * fuzz_match_compact.c): comparing two parsed entries. abort() is the caller's.
 */
#ifndef CRK_FUZZ_MATCH_H
#define CRK_FUZZ_MATCH_H

#include <string.h>

#include "match/match_impl.h"

static int seq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

struct sevs {
	const char *v[64];
	size_t n;
};

static int collect(void *ctx, const struct crk_match__sev *s)
{
	struct sevs *x = ctx;
	if (x->n < 64) {
		x->v[x->n++] = s->type;
		x->v[x->n++] = s->vector;
	}
	return CRK_OK;
}

/* 1 when a and b have the same ranges (type, repo, events) and the same CVSS vectors. */
static int same_ranges_and_severity(const struct crk_match__affected *a,
				    const struct crk_match__affected *b)
{
	struct sevs sa, sb;
	size_t i, k;
	if (a->nranges != b->nranges)
		return 0;
	for (i = 0; i < a->nranges; i++) {
		const struct crk_osv_range *x = &a->ranges[i], *y = &b->ranges[i];
		if (x->type != y->type || !seq(x->repo, y->repo) || x->nevents != y->nevents)
			return 0;
		for (k = 0; k < x->nevents; k++)
			if (x->events[k].kind != y->events[k].kind ||
			    x->events[k].len != y->events[k].len ||
			    memcmp(x->events[k].version, y->events[k].version, x->events[k].len))
				return 0;
	}
	sa.n = sb.n = 0;
	crk_match__severity_each(a, collect, &sa);
	crk_match__severity_each(b, collect, &sb);
	if (sa.n != sb.n)
		return 0;
	for (i = 0; i < sa.n; i++)
		if (!seq(sa.v[i], sb.v[i]))
			return 0;
	return 1;
}

#endif
