/*
 * fuzz_cpe.c - CPE 2.3 formatted strings (src/formats/cpe.c) on arbitrary bytes: whatever
 * unbinds must bind back to the same string (the binding is canonical: lowercase, quoting only
 * where required), and crk_cpe_valid() must agree with crk_cpe_unbind(). abort() otherwise.
 * Seeds: tests/fuzz/corpus/cpe/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "formats/cpe.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0), sb2 = CRK_STRBUF_INIT(0);
	struct crk_cpe c, c2;
	int ok = crk_cpe_unbind(&c, (const char *)data, size, &a, NULL) == CRK_OK;
	if (ok != crk_cpe_valid((const char *)data, size))
		abort();
	if (ok) {
		/* binding lowercases: bind(unbind(x)) is canonical, and a fixed point */
		if (crk_cpe_bind(&sb, &c, NULL) != CRK_OK)
			abort();
		if (crk_cpe_unbind(&c2, sb.buf, sb.len, &a, NULL) != CRK_OK ||
		    crk_cpe_bind(&sb2, &c2, NULL) != CRK_OK || strcmp(sb.buf, sb2.buf) != 0)
			abort();
	}
	crk_strbuf_release(&sb);
	crk_strbuf_release(&sb2);
	crk_arena_release(&a);
	return 0;
}
