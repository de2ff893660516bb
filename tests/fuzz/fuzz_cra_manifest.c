/*
 * fuzz_cra_manifest.c - crk_cra_manifest_parse() (cra.yaml) on arbitrary bytes. A parse either
 * succeeds with a manifest whose lists are as long as they say, or fails with no manifest and
 * a position for every parse error; abort() otherwise, so libFuzzer reports it. Seeds:
 * tests/fuzz/corpus/cra_manifest/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/cra.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void strs(const struct crk_cra_strs *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!s->v[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_cra_manifest *m = (void *)1;
	struct crk_diags d;
	struct crk_err err;
	size_t i, j;
	int rc;
	crk_diags_init(&d);
	rc = crk_cra_manifest_parse(&m, (const char *)data, size, "fuzz.yaml", &d, &err);
	if (rc == CRK_OK) {
		if (!m || m->schema != 1 || !m->manufacturer.name || !m->product.name ||
		    crk_diags_count(&d) != 0)
			abort();
		strs(&m->product.versions);
		strs(&m->functionality.core);
		for (i = 0; i < m->functionality.core.n; i++)
			if (!crk_cra_category_find(m->functionality.core.v[i]))
				abort();
		for (i = 0; i < m->conformity.napplied; i++) {
			strs(&m->conformity.applied[i].full);
			for (j = 0; j < m->conformity.applied[i].full.n; j++)
				if (!crk_cra_requirement_find(m->conformity.applied[i].full.v[j], NULL))
					abort();
		}
		for (i = 0; i < CRK_CRA_NREQ; i++)
			for (j = 0; j < m->requirements[i].nevidence; j++)
				if (!m->requirements[i].evidence[j].path &&
				    !m->requirements[i].evidence[j].url)
					abort();
		crk_cra_manifest_free(m);
	} else {
		if (m || (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM))
			abort();
		if (rc == CRK_EPARSE && (err.line == 0 || err.col == 0 || crk_diags_count(&d) == 0))
			abort();
	}
	crk_diags_release(&d);
	return 0;
}
