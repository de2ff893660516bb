/*
 * fuzz_match_compact.c - crk_match_affected_compact() (src/match/compact.c) on any input: never
 * a crash or a leak, and when it returns a compact entry, that entry is one the matcher reads
 * (both readers agree) with the very package, ranges, events and CVSS vectors of the original,
 * and either the original's `versions` list or none. abort() otherwise. Whether the findings
 * stay the same is checked on every entry of the corpus by tests/unit/match/test_compact.c.
 * Seeds: tests/fuzz/corpus/match_compact/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "fuzz_match.h"
#include "match/match_impl.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_match__affected o, p, j;
	struct crk_err e;
	char *out = NULL;
	size_t len = 0, i;

	crk_err_clear(&e);
	if (crk_match_affected_compact((const char *)data, size, &out, &len, &e) != CRK_OK)
		return 0; /* out of memory */
	if (!out)
		return 0;
	if (strlen(out) != len)
		abort();
	crk_err_clear(&e);
	if (crk_match__affected_parse(&o, (const char *)data, size, &e) != CRK_OK)
		abort(); /* compacted what the matcher cannot read */
	if (crk_match__affected_parse(&p, out, len, &e) != CRK_OK ||
	    crk_match__affected_parse_jansson(&j, out, len, &e) != CRK_OK)
		abort();
	if ((p.nversions != 0 && p.nversions != o.nversions) || j.nversions != p.nversions ||
	    p.range_error || j.range_error || !seq(o.ecosystem, p.ecosystem) ||
	    !seq(o.name, p.name) || o.nranges != p.nranges || j.nranges != p.nranges)
		abort();
	for (i = 0; i < p.nversions; i++)
		if (!seq(o.versions[i], p.versions[i]))
			abort();
	if (!same_ranges_and_severity(&o, &p) || !same_ranges_and_severity(&j, &p))
		abort();
	crk_match__affected_release(&o);
	crk_match__affected_release(&p);
	crk_match__affected_release(&j);
	crk_free(out);
	return 0;
}
