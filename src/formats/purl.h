/*
 * purl.h - package URLs (https://github.com/package-url/purl-spec, ECMA-427), built and parsed
 * in the canonical form. Build and parse apply the same normalisation (purl.c says exactly
 * which): type lowercased; empty namespace/subpath segments dropped ('.' and '..' too in the
 * subpath); qualifier keys lowercased and sorted, empty values dropped; the rules of the type's
 * definition (namespace required or prohibited; components lowercased where the type is case
 * insensitive; pypi '_' -> '-', pub, cpan, julia, mlflow, chrome-extension, git). So a parsed
 * purl comes back normalised, and build(parse(build(x))) == build(x).
 * Tested against the purl-spec test suite (corpus/purl/) in tests/unit/formats/test_purl.c.
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
	struct crk_kv *qualifiers; /* any order for build; parse returns them sorted by key */
	size_t nqualifiers;
};

/* Appends the canonical purl to `out` (NUL-terminated). CRK_EINVAL (err says why, `out`
 * unchanged) when a required part is missing or a part is invalid for the type; CRK_ENOMEM
 * when `out` cannot grow (or would pass its cap). `p` is not modified. */
int crk_purl_build(struct crk_strbuf *out, const struct crk_purl *p, struct crk_err *err);
/* Parses s[0..n) (no NUL terminator needed) into normalised, decoded components; every string
 * and the qualifier array are allocated in `a` (valid until it is released). CRK_EPARSE when it
 * is not a valid purl, CRK_ENOMEM. */
int crk_purl_parse(struct crk_purl *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err);

#endif
