/*
 * fuzz_detect.h - one libFuzzer target per detector (STYLE.md §8). A target file is two lines:
 *   #include "tests/fuzz/fuzz_detect.h"
 *   CRK_FUZZ_DETECTOR("npm/package-lock", "package-lock.json")
 * The bytes are parsed as that file name through crk_sbom_parse_file(); everything is freed, so
 * LeakSanitizer catches a leak on any path. `make check` replays the seeds in
 * tests/fuzz/corpus/<detector name with '/' as '_'>/ through the same function (driver.c).
 */
#ifndef CRK_FUZZ_DETECT_H
#define CRK_FUZZ_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/bom.h"
#include "crakit/err.h"
#include "crakit/sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *crk_fuzz_detector_name(void);

#define CRK_FUZZ_DETECTOR(detector, parse_as)                                                   \
	const char *crk_fuzz_detector_name(void) { return detector; }                          \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                            \
	{                                                                                       \
		struct crk_bom *bom = crk_bom_new();                                            \
		struct crk_diags diags;                                                         \
		struct crk_err err;                                                             \
		if (!bom)                                                                       \
			return 0;                                                               \
		crk_diags_init(&diags);                                                         \
		(void)crk_sbom_parse_file(bom, parse_as, parse_as, NULL, (const char *)data,   \
					  size, &diags, &err);                                  \
		crk_diags_release(&diags);                                                      \
		crk_bom_free(bom);                                                              \
		return 0;                                                                       \
	}

#endif
