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

#include "fuzz_match.h"
#include "match/match_impl.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_match__affected f, j;
	struct crk_err e;
	size_t i;
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
	if (!same_ranges_and_severity(&f, &j))
		abort();
	crk_match__affected_release(&f);
	crk_match__affected_release(&j);
	return 0;
}
