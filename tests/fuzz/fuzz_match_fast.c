/*
 * fuzz_match_fast.c - the two readers of an OSV `affected` entry (src/match/osv_fast.c and the
 * jansson path of src/match/osv.c) must agree: on every input the fast path either declines
 * (0) or gives exactly what jansson gives -- the same package, versions, ranges and events,
 * severity vectors and range error; and it never accepts what jansson rejects. abort()
 * otherwise. Seeds: tests/fuzz/corpus/match_fast/ (and those of fuzz_match).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/match_impl.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_match__affected f, j;
	struct sevs sf, sj;
	struct crk_err e;
	size_t i, k;
	int rf, rj;

	rf = crk_match__affected_parse_fast(&f, (const char *)data, size);
	if (rf != 1)
		return 0; /* declined (or out of memory): jansson decides */
	crk_err_clear(&e);
	rj = crk_match__affected_parse_jansson(&j, (const char *)data, size, &e);
	if (rj != CRK_OK)
		abort(); /* the fast path accepted what jansson rejects */
	if (!seq(f.ecosystem, j.ecosystem) || !seq(f.name, j.name) ||
	    f.nversions != j.nversions || f.nranges != j.nranges ||
	    !seq(f.range_error, j.range_error))
		abort();
	for (i = 0; i < f.nversions; i++)
		if (!seq(f.versions[i], j.versions[i]))
			abort();
	for (i = 0; i < f.nranges; i++) {
		const struct crk_osv_range *a = &f.ranges[i], *b = &j.ranges[i];
		if (a->type != b->type || !seq(a->repo, b->repo) || a->nevents != b->nevents)
			abort();
		for (k = 0; k < a->nevents; k++)
			if (a->events[k].kind != b->events[k].kind ||
			    a->events[k].len != b->events[k].len ||
			    memcmp(a->events[k].version, b->events[k].version, a->events[k].len))
				abort();
	}
	sf.n = sj.n = 0;
	crk_match__severity_each(&f, collect, &sf);
	crk_match__severity_each(&j, collect, &sj);
	if (sf.n != sj.n)
		abort();
	for (i = 0; i < sf.n; i++)
		if (!seq(sf.v[i], sj.v[i]))
			abort();
	crk_match__affected_release(&f);
	crk_match__affected_release(&j);
	return 0;
}
