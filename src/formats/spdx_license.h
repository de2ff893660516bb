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

#endif
