/*
 * fuzz_purl.c - crk_purl_parse() on arbitrary bytes; whatever parses must build, and building
 * must be a fixed point: parse(build(parse(x))) gives the same components as parse(x), and
 * building those gives the same string again. abort() otherwise, so libFuzzer reports it.
 * Seeds: tests/fuzz/corpus/purl/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "formats/purl.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int streq_null(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same(const struct crk_purl *a, const struct crk_purl *b)
{
	size_t i;
	if (!streq_null(a->type, b->type) || !streq_null(a->ns, b->ns) ||
	    !streq_null(a->name, b->name) || !streq_null(a->version, b->version) ||
	    !streq_null(a->subpath, b->subpath) || a->nqualifiers != b->nqualifiers)
		return 0;
	for (i = 0; i < a->nqualifiers; i++)
		if (strcmp(a->qualifiers[i].key, b->qualifiers[i].key) != 0 ||
		    strcmp(a->qualifiers[i].value, b->qualifiers[i].value) != 0)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_strbuf s1 = CRK_STRBUF_INIT(0), s2 = CRK_STRBUF_INIT(0);
	struct crk_purl p1, p2;

	if (crk_purl_parse(&p1, (const char *)data, size, &a, NULL) == CRK_OK) {
		if (crk_purl_build(&s1, &p1, NULL) != CRK_OK)
			abort(); /* parsed, but its components do not build */
		if (crk_purl_parse(&p2, s1.buf, s1.len, &a, NULL) != CRK_OK)
			abort(); /* the canonical form does not parse */
		if (!same(&p1, &p2))
			abort(); /* the canonical form parses to other components */
		if (crk_purl_build(&s2, &p2, NULL) != CRK_OK || strcmp(s1.buf, s2.buf) != 0)
			abort(); /* building is not a fixed point */
	}
	crk_strbuf_release(&s1);
	crk_strbuf_release(&s2);
	crk_arena_release(&a);
	return 0;
}
