/*
 * fuzz_sbomcheck.c - `crakit sbom check`'s engine (src/formats/sbomcheck*.c) on arbitrary bytes:
 * CycloneDX JSON and XML, SPDX 2 JSON, tag-value and YAML, SPDX 3 JSON-LD, or nothing of these.
 * For each standard the result is either an error (no report) or a report whose numbers hold
 * together: present <= applicable for every field, a score within 0-100, gaps naming fields
 * that exist. Everything freed. Seeds: tests/fuzz/corpus/sbomcheck/.
 */
#include <stdint.h>
#include <stdlib.h>

#include "crakit/sbomcheck.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int std;
	for (std = CRK_STD_BSI_2_1; std <= CRK_STD_NTIA; std++) {
		struct crk_check_opts o = {std, NULL};
		struct crk_check_report *r = NULL;
		struct crk_err err;
		size_t i;
		int rc = crk_sbom_check((const char *)data, size, "fuzz", &o, &r, &err);
		if (rc != CRK_OK) {
			if (r)
				abort(); /* a report with an error */
			continue;
		}
		if (!r || r->score < 0 || r->score > 100 || (r->conformant && r->ngaps))
			abort();
		for (i = 0; i < r->nfields; i++)
			if (r->fields[i].present > r->fields[i].applicable)
				abort();
		for (i = 0; i < r->ngaps; i++)
			if (r->gaps[i].field >= r->nfields || !r->gaps[i].component)
				abort();
		crk_check_report_free(r);
	}
	return 0;
}
