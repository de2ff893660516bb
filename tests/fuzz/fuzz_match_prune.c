/*
 * fuzz_match_prune.c - crk_match_affected_prune() (src/match/prune.c) on any input: never a
 * crash or a leak, and when it drops the `versions` list, the shorter entry is one the matcher
 * reads (both readers) with no list and the very ranges, events, package and severity of the
 * original. abort() otherwise. Whether the findings stay the same is checked on every entry of
 * the corpus by tests/unit/match/test_prune.c. Seeds: tests/fuzz/corpus/match_prune/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "match/match_impl.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int seq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_match__affected o, p, j;
	struct crk_err e;
	char *out = NULL;
	size_t len = 0, i, k;

	crk_err_clear(&e);
	if (crk_match_affected_prune((const char *)data, size, &out, &len, &e) != CRK_OK)
		return 0; /* out of memory */
	if (!out)
		return 0;
	if (strlen(out) != len)
		abort();
	crk_err_clear(&e);
	if (crk_match__affected_parse(&o, (const char *)data, size, &e) != CRK_OK)
		abort(); /* pruned what the matcher cannot read */
	if (crk_match__affected_parse(&p, out, len, &e) != CRK_OK ||
	    crk_match__affected_parse_jansson(&j, out, len, &e) != CRK_OK)
		abort();
	if (o.nversions == 0 || p.nversions != 0 || j.nversions != 0 || p.range_error ||
	    !seq(o.ecosystem, p.ecosystem) || !seq(o.name, p.name) || o.nranges != p.nranges ||
	    j.nranges != p.nranges || o.nsev != p.nsev)
		abort();
	for (i = 0; i < o.nranges; i++) {
		const struct crk_osv_range *a = &o.ranges[i], *b = &p.ranges[i];
		if (a->type != b->type || !seq(a->repo, b->repo) || a->nevents != b->nevents)
			abort();
		for (k = 0; k < a->nevents; k++)
			if (a->events[k].kind != b->events[k].kind ||
			    a->events[k].len != b->events[k].len ||
			    memcmp(a->events[k].version, b->events[k].version, a->events[k].len))
				abort();
	}
	crk_match__affected_release(&o);
	crk_match__affected_release(&p);
	crk_match__affected_release(&j);
	crk_free(out);
	return 0;
}
