/*
 * fuzz_cvss.c - crk_cvss_score() (src/formats/cvss3.c, cvss4.c) on arbitrary bytes. Whatever
 * scores must score sanely: every score in [0, 10] and a multiple of 0.1, the rating that of
 * the score, the same answer twice. abort() otherwise, so libFuzzer reports it.
 * Seeds: tests/fuzz/corpus/cvss/.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/cvss.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_score(double s, int may_be_absent)
{
	if (may_be_absent && s == -1)
		return;
	if (!(s >= 0 && s <= 10) || fabs(s * 10 - round(s * 10)) > 1e-9)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_cvss_score a, b;
	struct crk_err err;
	int rc = crk_cvss_score((const char *)data, size, &a, &err);
	if (rc != CRK_OK) {
		if (rc != CRK_EPARSE && rc != CRK_ELIMIT)
			abort();
		if (!err.msg[0])
			abort(); /* an error without a message */
		return 0;
	}
	check_score(a.base, 0);
	check_score(a.score, 0);
	check_score(a.temporal, 1);
	check_score(a.environmental, 1);
	if (a.rating != crk_cvss_rating_of(a.score))
		abort();
	if (crk_cvss_score((const char *)data, size, &b, NULL) != CRK_OK ||
	    memcmp(&a, &b, sizeof(a)) != 0)
		abort(); /* not deterministic */
	return 0;
}
