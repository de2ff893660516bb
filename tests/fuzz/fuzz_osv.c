/*
 * fuzz_osv.c - crk_osv_parse() on arbitrary bytes. A record that parses must keep the reader's
 * promises: a non-empty id without white space, aliases within the cap, every affected[] entry's
 * JSON text NUL-terminated at its length and itself valid JSON, a package entry with both
 * ecosystem and name. A refusal must be one of the documented codes with a path. abort()
 * otherwise, so libFuzzer reports it. Seeds: tests/fuzz/corpus/osv/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/osv.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_osv_record r;
	struct crk_err err;
	json_t *root = NULL;
	size_t i;
	int rc = crk_osv_parse(&r, &a, (const char *)data, size, "fuzz.json", &root, &err);
	if (rc == CRK_OK) {
		if (!r.id || !*r.id || strlen(r.id) > CRK_OSV_MAX_ID || strpbrk(r.id, " \t\n"))
			abort();
		if (r.naliases > CRK_OSV_MAX_ALIASES || r.naffected > CRK_OSV_MAX_AFFECTED)
			abort();
		for (i = 0; i < r.naffected; i++) {
			const struct crk_osv_affected *e = &r.affected[i];
			json_error_t je;
			json_t *back;
			if (!e->json || e->json[e->json_len] != '\0' || (!e->ecosystem) != (!e->name))
				abort();
			back = json_loadb(e->json, e->json_len, 0, &je);
			if (!json_is_object(back))
				abort();
			json_decref(back);
		}
	} else if ((rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_EUNSUPPORTED &&
		    rc != CRK_ENOMEM) ||
		   strcmp(err.path, "fuzz.json") != 0) {
		abort();
	}
	json_decref(root);
	crk_arena_release(&a);
	return 0;
}
