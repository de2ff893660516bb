/*
 * fuzz_cargo_auditable_json.c - the cargo auditable dependency tree (src/detect/cargo_auditable.c)
 * on arbitrary JSON, as the detector hands it over once .dep-v0 is inflated (the ELF and
 * zlib layers are fuzzed by fuzz_cargo_auditable). Seeds: tests/fuzz/corpus/cargo_auditable_json/.
 */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "crakit/bom.h"
#include "detect/detect.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int crk__cargo_auditable_json(struct crk_detect_ctx *ctx, const char *json, size_t len,
			      struct crk_err *err);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_detect_ctx ctx;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_bom *bom = crk_bom_new();
	if (!bom)
		return 0;
	crk_diags_init(&diags);
	memset(&ctx, 0, sizeof(ctx));
	ctx.bom = bom;
	ctx.path = "target/release/app";
	ctx.name = "app";
	ctx.buf = "";
	ctx.diags = &diags;
	ctx.arena = &a;
	ctx.rootfd = -1;
	ctx.dir = "target/release";
	ctx.detector = "rust/cargo-auditable";
	(void)crk__cargo_auditable_json(&ctx, (const char *)data, size, &err);
	crk_arena_release(&a);
	crk_diags_release(&diags);
	crk_bom_free(bom);
	return 0;
}
