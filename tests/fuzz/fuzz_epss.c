/*
 * fuzz_epss.c - crk_epss_parse() on arbitrary bytes. Every row handed over has a CVE id and
 * numbers within [0, 1]; the row count agrees with the metadata; a refusal is CRK_EPARSE or
 * CRK_ELIMIT with a 1-based line and column. abort() otherwise. Seeds: tests/fuzz/corpus/epss/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/epss.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int row(void *ud, const char *cve, size_t n, double score, double pct, unsigned line)
{
	size_t *rows = ud;
	if (n < 13 || memcmp(cve, "CVE-", 4) != 0 || !(score >= 0 && score <= 1) ||
	    !(pct >= 0 && pct <= 1) || line == 0)
		abort();
	(*rows)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_epss_meta m;
	struct crk_err err;
	size_t rows = 0;
	int rc = crk_epss_parse((const char *)data, size, "fuzz.csv", &m, row, &rows, &err);
	if (rc == CRK_OK) {
		if (rows != m.rows || rows == 0 || m.model[sizeof(m.model) - 1] != '\0')
			abort();
	} else if ((rc != CRK_EPARSE && rc != CRK_ELIMIT) || err.line == 0 || err.col == 0) {
		abort();
	}
	return 0;
}
