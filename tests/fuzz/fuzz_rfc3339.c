/*
 * fuzz_rfc3339.c - crk_time_parse() (src/cra/report_time.c) on arbitrary bytes: never reads past
 * the length, and whatever parses formats back in UTC to a time that parses to the same instant
 * (the Article 14 clock keeps times in UTC). Also the duration parser on a NUL-terminated copy.
 * Seeds: tests/fuzz/corpus/rfc3339/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/report.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t, t2, d;
	char buf[CRK_TIME_BUF], *z;
	struct crk_err err;
	if (crk_time_parse(&t, (const char *)data, size, &err) == CRK_OK) {
		crk_time_format_utc(buf, t);
		if (crk_time_parse(&t2, buf, strlen(buf), &err) != CRK_OK || t2 != t)
			abort(); /* the UTC form does not parse back to the same instant */
	} else if (err.code != CRK_EPARSE || err.col == 0 || err.col > size + 1) {
		abort(); /* an error without a position inside the input */
	}
	z = crk_malloc(size + 1);
	if (z) {
		memcpy(z, data, size);
		z[size] = '\0';
		(void)crk_duration_parse(&d, z, &err);
		crk_free(z);
	}
	return 0;
}
