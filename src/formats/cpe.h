/*
 * cpe.h - CPE 2.3 names in the formatted-string binding (NISTIR 7695, "Common Platform
 * Enumeration: Naming Specification Version 2.3", §6.2), which is what NVD, CycloneDX `cpe` and
 * SPDX `cpe23Type` external references carry:
 *
 *   cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other
 *
 * Callers give raw attribute values (what a person would write: "u-boot", "1.0.2k-fips",
 * "big$money"); crk_cpe_bind() quotes them as the binding requires and crk_cpe_unbind() gives
 * them back. A NULL (or empty) value is the logical value ANY ("*"); the value "-" alone is the
 * logical value NA ("-"). Names only: wildcards ('*', '?' inside a value) are quoted as literal
 * characters when binding and refused when unbinding (they belong to CPE match strings).
 */
#ifndef CRK_FORMATS_CPE_H
#define CRK_FORMATS_CPE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "crakit/err.h"

/* The eleven attributes of a well-formed name (WFN), in binding order. */
struct crk_cpe {
	const char *part; /* "a" application, "o" operating system, "h" hardware */
	const char *vendor, *product, *version, *update, *edition, *language, *sw_edition,
		*target_sw, *target_hw, *other;
};

/* The logical value NA as a raw value. */
#define CRK_CPE_NA "-"

/*
 * Appends the formatted-string binding of `c` to `out`. Each value is lowercased (CPE values
 * compare case-insensitively and the NVD dictionary writes them in lowercase), a space becomes
 * '_' (WFN values hold no white space), letters, digits, '_', '.' and '-' are written as they
 * are and every other printable ASCII character is quoted with a backslash (§6.2.2.2,
 * process_quoted_chars). CRK_EINVAL (err says which attribute and why, `out` unchanged) when
 * `part` is not a, o or h, a value holds a control or non-ASCII byte, or `language` is not an
 * RFC 5646 language[-region] tag; CRK_ENOMEM when `out` cannot grow.
 */
int crk_cpe_bind(struct crk_strbuf *out, const struct crk_cpe *c, struct crk_err *err);

/*
 * Parses a formatted string s[0..n) (§6.2.3, unbind_fs) into raw values allocated in `a`: ANY
 * becomes NULL, NA becomes "-", quoted characters lose their backslash. CRK_EPARSE when it is
 * not a CPE 2.3 formatted-string name (wrong prefix, not 11 attributes, a part other than a, o
 * or h, an unquoted wildcard, a character the binding does not allow); CRK_ENOMEM.
 */
int crk_cpe_unbind(struct crk_cpe *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err);

/* 1 when s[0..n) is a well-formed CPE 2.3 formatted-string name (crk_cpe_unbind() accepts it). */
int crk_cpe_valid(const char *s, size_t n);

#endif
