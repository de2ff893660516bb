/*
 * fuzz_securitytxt.c - crk_securitytxt_parse() (RFC 9116) on arbitrary bytes. A parse either
 * gives a file with at least one Contact and an Expires, or fails with a position and no
 * result; abort() otherwise. Seeds: tests/fuzz/corpus/securitytxt/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/cra.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_securitytxt *s = (void *)1;
	struct crk_diags w;
	struct crk_err err;
	size_t i;
	int rc;
	crk_diags_init(&w);
	rc = crk_securitytxt_parse(&s, (const char *)data, size, "fuzz.txt", 1798761600, &w, &err);
	if (rc == CRK_OK) {
		if (!s || !s->contact.n || !s->expires || s->expired != (s->expires_at < 1798761600))
			abort();
		for (i = 0; i < s->contact.n; i++)
			if (!s->contact.v[i] || !*s->contact.v[i])
				abort();
		crk_securitytxt_free(s);
	} else if (s || (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM) ||
		   (rc == CRK_EPARSE && (err.line == 0 || err.col == 0))) {
		abort();
	}
	crk_diags_release(&w);
	return 0;
}
