/*
 * fuzz_sbom_read.h - one libFuzzer target per SBOM reader (src/formats/sbom_read.h). A target
 * file is two lines:
 *   #include "fuzz_sbom_read.h"
 *   CRK_FUZZ_SBOM_READER(crk_cdx_json_read, "cyclonedx-xml")
 * The bytes go straight to that reader (not through the format recognition, so every byte
 * reaches it), the edges are resolved, and whatever was read is written in `writer` too (the
 * writers meet the hostile strings as well). Everything is freed: LeakSanitizer catches a leak
 * on any path. Seeds: tests/fuzz/corpus/<target name without fuzz_>/.
 */
#ifndef CRK_FUZZ_SBOM_READ_H
#define CRK_FUZZ_SBOM_READ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "crakit/sbom.h"
#include "formats/sbom_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CRK_FUZZ_SBOM_READER(reader, writer)                                                    \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                            \
	{                                                                                       \
		struct crk_bom *bom = crk_bom_new();                                            \
		struct crk_sbom_info info;                                                      \
		struct crk_diags diags;                                                         \
		struct crk_sread r;                                                             \
		struct crk_err err;                                                             \
		if (!bom)                                                                       \
			return 0;                                                               \
		crk_diags_init(&diags);                                                         \
		crk_sread_init(&r, bom, "fuzz", 0, &info, &diags, NULL);                        \
		if (reader(&r, (const char *)data, size, &err) == CRK_OK &&                    \
		    crk_sread_finish(&r, &err) == CRK_OK) {                                     \
			char *out = NULL;                                                       \
			size_t len = 0;                                                         \
			struct crk_write_opts o = {0, 0};                                       \
			crk_bom_meta(bom)->timestamp = 0;                                       \
			if (crk_bom_write_mem(bom, writer, &o, &out, &len, &err) == CRK_OK)     \
				crk_free(out);                                                  \
		}                                                                               \
		crk_sread_release(&r);                                                          \
		crk_diags_release(&diags);                                                      \
		crk_bom_free(bom);                                                              \
		return 0;                                                                       \
	}

#endif
