/*
 * fuzz_kev.c - crk_kev_parse() on arbitrary bytes. A catalogue that parses has exactly `count`
 * entries, each with a CVE id matching ^CVE-[0-9]{4}-[0-9]{4,19}$ and every required field; a
 * refusal is CRK_EPARSE/CRK_ELIMIT/CRK_ENOMEM with the path. abort() otherwise. Seeds:
 * tests/fuzz/corpus/kev/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/kev.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_kev_catalog cat;
	struct crk_err err;
	json_t *root = NULL;
	size_t i;
	int rc = crk_kev_parse(&cat, &a, (const char *)data, size, "fuzz.json", &root, &err);
	if (rc == CRK_OK) {
		if ((size_t)json_integer_value(json_object_get(root, "count")) != cat.n ||
		    !cat.version)
			abort();
		for (i = 0; i < cat.n; i++) {
			const struct crk_kev_vuln *v = &cat.v[i];
			size_t n = strlen(v->cve);
			if (n < 13 || n > 28 || strncmp(v->cve, "CVE-", 4) != 0 || !v->vendor ||
			    !v->product || !v->name || strlen(v->date_added) != 10 ||
			    strlen(v->due_date) != 10 || !v->description || !v->required_action)
				abort();
		}
	} else if ((rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM) ||
		   strcmp(err.path, "fuzz.json") != 0) {
		abort();
	}
	json_decref(root);
	crk_arena_release(&a);
	return 0;
}
