/*
 * fuzz_image.c - the container image reader on arbitrary bytes, taken as a `docker save` / OCI
 * archive held in memory (crk__image_scan_buffer(): the outer tar, each layer streamed through a
 * nested libarchive reader, the manifests, the squash, the detectors over the squashed files).
 * Everything is freed, so LeakSanitizer catches a leak on any path.
 * Seeds: tests/fuzz/corpus/image/ (copies of the small archives of tests/data/image/).
 */
#include <stdint.h>
#include <stdlib.h>

#include "crakit/bom.h"
#include "crakit/err.h"
#include "source/scan.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_diags diags;
	struct crk_err err;
	if (!bom)
		return 0;
	setenv("CRAKIT_THREADS", "1", 1); /* one thread: reproducible, and cheaper per input */
	crk_diags_init(&diags);
	(void)crk__image_scan_buffer(bom, "fuzz.tar", data, size, NULL, &diags, NULL, &err);
	crk_diags_release(&diags);
	crk_bom_free(bom);
	return 0;
}
