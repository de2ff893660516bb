/*
 * purl.h - package URLs (https://github.com/package-url/purl-spec), built and parsed in the
 * canonical form: type lowercased, namespace segments and name percent-encoded, type-specific
 * normalisation (pypi name lowercased with '_' -> '-', github/bitbucket lowercased, ...),
 * qualifiers sorted by key with empty values dropped, subpath segments cleaned.
 * Tested against the purl-spec test suite (corpus/purl/).
 */
#ifndef CRK_FORMATS_PURL_H
#define CRK_FORMATS_PURL_H

#include <stddef.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/err.h"

struct crk_purl {
	const char *type, *ns, *name, *version, *subpath; /* decoded; ns/version/subpath may be NULL */
	struct crk_kv *qualifiers; /* sorted by key, decoded values */
	size_t nqualifiers;
};

/* Appends the canonical purl to `out`. CRK_EINVAL (err says why) when a required part is
 * missing or invalid for the type. */
int crk_purl_build(struct crk_strbuf *out, const struct crk_purl *p, struct crk_err *err);
/* Parses `s`; strings are allocated in `a`. CRK_EPARSE when it is not a valid purl. */
int crk_purl_parse(struct crk_purl *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err);

#endif
