/*
 * fuzz_toml.c - crk_toml_parse() on arbitrary bytes with a fresh arena. What parses is walked
 * whole, checking the tree's invariants: every key of a table finds its own entry again through
 * the lookup (and its hash index), nodes sit deeper than their parent and within CRK_MAX_DEPTH,
 * strings are NUL-terminated at their length, positions are 1-based. abort() otherwise, so
 * libFuzzer reports it. Seeds: tests/fuzz/corpus/toml/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "formats/toml.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct crk_toml_node *n, unsigned parent_depth)
{
	size_t i;
	if (!n || n->line == 0 || n->col == 0 || n->depth > CRK_MAX_DEPTH + 1 ||
	    (parent_depth != (unsigned)-1 && n->depth <= parent_depth))
		abort();
	switch (n->type) {
	case CRK_TOML_TABLE:
		for (i = 0; i < crk_toml_table_len(n); i++) {
			const struct crk_toml_kv *kv = crk_toml_table_at(n, i);
			if (kv->key[kv->klen] != '\0' || crk_toml_getn(n, kv->key, kv->klen) != kv->val)
				abort();
			walk(kv->val, n->depth);
		}
		break;
	case CRK_TOML_ARRAY:
		for (i = 0; i < crk_toml_len(n); i++)
			walk(crk_toml_at(n, i), n->depth);
		break;
	case CRK_TOML_STRING:
	case CRK_TOML_DATETIME: {
		size_t len;
		const char *s = crk_toml_strn(n, &len);
		if (!s || s[len] != '\0' || len > CRK_MAX_STRING)
			abort();
		break;
	}
	case CRK_TOML_INTEGER:
	case CRK_TOML_FLOAT:
	case CRK_TOML_BOOL:
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_toml_node *root;
	struct crk_err err;
	int rc = crk_toml_parse(&root, (const char *)data, size, "fuzz.toml", &a, &err);
	if (rc == CRK_OK)
		walk(root, (unsigned)-1);
	else if (root || (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM) ||
		 err.line == 0 || err.col == 0)
		abort();
	crk_arena_release(&a);
	return 0;
}
