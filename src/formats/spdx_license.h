/*
 * spdx_license.h - SPDX license identifiers and license expressions (SPDX 2.3, Annex D):
 *
 *   expr   := term { ("AND" | "OR") term }
 *   term   := "(" expr ")" | simple [ "WITH" exception-id ]
 *   simple := license-id ["+"] | "LicenseRef-" idstring | "DocumentRef-" idstring ":LicenseRef-" idstring
 *
 * Identifiers are matched case-insensitively, as the specification says; the operators must be
 * written in upper case (lower case "and"/"or" is accepted too, as many package metadata write it,
 * and canonicalised). The identifier list is generated from the SPDX list (spdx_ids.c).
 */
#ifndef CRK_FORMATS_SPDX_LICENSE_H
#define CRK_FORMATS_SPDX_LICENSE_H

#include <stddef.h>

#include "base/strbuf.h"

/* The canonical spelling of a license id ("mit" -> "MIT"), or NULL when it is not one. */
const char *crk_spdx_license_id(const char *s, size_t n);
/* The same for exception ids ("classpath-exception-2.0"). */
const char *crk_spdx_exception_id(const char *s, size_t n);

enum crk_spdx_kind {
	CRK_SPDX_INVALID = 0, /* not an SPDX expression */
	CRK_SPDX_ID = 1,      /* exactly one listed license id */
	CRK_SPDX_EXPRESSION,  /* a valid expression (operators, '+', WITH, LicenseRef-) */
};

/* Classifies `s` and, when valid, appends its canonical form to `out` (may be NULL): ids in
 * their listed spelling, operators upper case, single spaces. */
enum crk_spdx_kind crk_spdx_expression(const char *s, size_t n, struct crk_strbuf *out);

/*
 * A licence as package metadata declares it, made a valid SPDX expression (what the writers put
 * in CycloneDX and SPDX documents; BSI TR-03183-2 v2.1 §6.1 accepts SPDX ids, expressions and
 * LicenseRef-<inventorising entity>-... for licences the list lacks). In order:
 *  1. a valid SPDX expression: its canonical form (crk_spdx_expression);
 *  2. a common spelling of a listed licence, the whole text: "Apache 2.0", "MIT License",
 *     "GPLv2+", "new BSD", "ASL 2.0" (the table in spdx_license.c);
 *  3. otherwise the text is split into terms at the operators package metadata uses ("and",
 *     "or", "with" in any case; "," and ";" as AND; "/" and "|" as OR; parentheses kept) and
 *     each term is mapped by 1 or 2, else becomes "LicenseRef-crakit-<the term reduced to
 *     [A-Za-z0-9.-]>" (crakit is the inventorising entity): "BSD" -> "LicenseRef-crakit-BSD",
 *     "GPLv2+ and BSD" -> "GPL-2.0-or-later AND LicenseRef-crakit-BSD".
 * Nothing is ever dropped. "NONE", "NOASSERTION" and empty text are not licences: the result is
 * CRK_SPDX_INVALID and nothing is appended. Otherwise the expression is appended to `out` and
 * the kind returned: CRK_SPDX_ID (one listed id), CRK_SPDX_EXPRESSION (anything else; it may
 * hold LicenseRefs). `on_ref` (may be NULL) is called once per LicenseRef made here, with the
 * id and the original words of the term (for SPDX hasExtractedLicensingInfos).
 */
typedef void (*crk_spdx_ref_fn)(void *ud, const char *id, const char *text, size_t n);
enum crk_spdx_kind crk_spdx_normalise(const char *s, size_t n, struct crk_strbuf *out,
				      crk_spdx_ref_fn on_ref, void *ud);
/* Nonzero when the canonical expression `s` holds a LicenseRef (its own or a DocumentRef's). */
int crk_spdx_has_ref(const char *s);

#endif
