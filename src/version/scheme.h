/*
 * scheme.h - the version-scheme interface: one comparator per ecosystem family (STYLE.md §6).
 *
 * Each src/version/<scheme>.c defines one or more `const struct crk_version_scheme` with designated
 * initializers; registry.c lists them and maps OSV ecosystem names to them. A scheme parses a
 * version from (pointer, length) -- never assuming NUL termination, never allocating unless it
 * must -- and orders two versions exactly as the ecosystem's own implementation does (each file
 * opens with the specification it follows, the reference implementation the tests compare it
 * with, and the places where it departs from it).
 *
 * Errors: a string the ecosystem's implementation rejects is CRK_EPARSE, reported with
 * crk_version__invalid() (which names the version and the scheme and puts the reason in the
 * hint). crk_version_compare() (include/crakit/version.h) rewrites the message with the ecosystem
 * the caller asked for. Nothing is ever guessed: an invalid version is never ordered.
 */
#ifndef CRK_VERSION_SCHEME_H
#define CRK_VERSION_SCHEME_H

#include <stddef.h>

#include "crakit/err.h"

/* Longer version strings are refused (CRK_ELIMIT) before any scheme sees them. The longest
 * version in the shared corpus's OSV records is under 200 bytes. */
#define CRK_VERSION_MAX_LEN 1024

struct crk_strbuf;

struct crk_version_scheme {
	const char *name;  /* short, unique: "pep440", "npm", "debian" */
	const char *title; /* the specification, as messages name it: "PEP 440" */
	/* OSV ecosystem names served (NULL-terminated), base names only: "Debian" also serves
	 * "Debian:12". The first one names the scheme's versions in its own messages. */
	const char *const *ecosystems;
	/* *out = -1, 0 or 1 as a < b, a = b, a > b. CRK_EPARSE when either is invalid. */
	int (*compare)(const char *a, size_t alen, const char *b, size_t blen, int *out,
		       struct crk_err *err);
	/* CRK_OK when `v` is a valid version of the scheme, else CRK_EPARSE (err may be NULL). */
	int (*valid)(const char *v, size_t len, struct crk_err *err);
	/* Optional (NULL when the scheme has no canonical form): appends the canonical spelling
	 * of `v`, the one equal versions share. */
	int (*normalize)(struct crk_strbuf *out, const char *v, size_t len, struct crk_err *err);
	const char *spec; /* URL of the specification or reference implementation */
	const char *doc;  /* one line for `crakit version schemes` */
};

/* The table (registry.c), NULL-terminated, in the order `crakit version schemes` prints it. */
extern const struct crk_version_scheme *const crk_version_schemes[];

/* The scheme serving an OSV ecosystem name ("PyPI", "Debian:12", "Alpine:v3.20",
 * "Red Hat:enterprise_linux:9::appstream", "Root:Alpine:3.18"), matched without regard to ASCII
 * case; NULL when none does. */
const struct crk_version_scheme *crk_version_scheme_for(const char *ecosystem);
/* The same from (pointer, length). */
const struct crk_version_scheme *crk_version_scheme_forn(const char *ecosystem, size_t len);
/* crk_version_comparen() and crk_version_validate() with the scheme of `ecosystem` already
 * looked up (a range evaluation compares one version with every event: one lookup). */
int crk_version__comparen_s(const struct crk_version_scheme *s, const char *ecosystem,
			    const char *a, size_t alen, const char *b, size_t blen, int *out,
			    struct crk_err *err);
int crk_version__validate_s(const struct crk_version_scheme *s, const char *ecosystem,
			    const char *v, size_t len, struct crk_err *err);
/* The scheme called `name` ("pep440"), or NULL. */
const struct crk_version_scheme *crk_version_scheme_find(const char *name);

/* The schemes, one per file. */
extern const struct crk_version_scheme crk_version_semver;    /* semver.c: lenient SemVer */
extern const struct crk_version_scheme crk_version_npm;       /* semver.c */
extern const struct crk_version_scheme crk_version_cargo;     /* semver.c */
extern const struct crk_version_scheme crk_version_hex;       /* semver.c */
extern const struct crk_version_scheme crk_version_pub;       /* semver.c */
extern const struct crk_version_scheme crk_version_golang;    /* golang.c */
extern const struct crk_version_scheme crk_version_pep440;    /* pep440.c */
extern const struct crk_version_scheme crk_version_maven;     /* maven.c */
extern const struct crk_version_scheme crk_version_debian;    /* debian.c */
extern const struct crk_version_scheme crk_version_rpm;       /* rpm.c */
extern const struct crk_version_scheme crk_version_alpine;    /* alpine.c */
extern const struct crk_version_scheme crk_version_rubygems;  /* rubygems.c */
extern const struct crk_version_scheme crk_version_nuget;     /* nuget.c */
extern const struct crk_version_scheme crk_version_composer;  /* composer.c */
extern const struct crk_version_scheme crk_version_cran;      /* cran.c */

/* ---- shared by the scheme files (not API) ---- */

/* Fills err (when not NULL): CRK_EPARSE, "'<v>' is not a valid <ecosystems[0]> version
 * (<title>)", the hint being the formatted reason. Returns CRK_EPARSE. */
int crk_version__invalid(struct crk_err *err, const struct crk_version_scheme *s, const char *v,
			 size_t len, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Writes `v` into buf (size n >= 8) for a message: bytes outside printable ASCII as \xNN, and
 * cut with "..." when long. */
void crk_version__quote(char *buf, size_t n, const char *v, size_t len);
/* Compares two runs of ASCII digits by numeric value, of any length (leading zeros ignored). */
int crk_version__numcmp(const char *a, size_t alen, const char *b, size_t blen);
/* memcmp-style byte order of two strings, shorter-is-less on a common prefix; -1, 0 or 1. */
int crk_version__bytecmp(const char *a, size_t alen, const char *b, size_t blen);
/* SemVer 2.0.0 pre-release precedence (spec §11.4) of two non-empty, valid identifier lists
 * (semver.c); numeric identifiers of any length. */
int crk_version__semver_pre_cmp(const char *a, size_t alen, const char *b, size_t blen);
/* Parses a run of ASCII digits into *out; nonzero when it does not fit. */
int crk_version__u64(const char *s, size_t len, unsigned long long *out);

static inline int crk_version__sign(long long x)
{
	return (x > 0) - (x < 0);
}
/* Locale-free ASCII classes: <ctype.h> depends on the locale and on the sign of char. */
static inline int crk_vdigit(int c)
{
	return c >= '0' && c <= '9';
}
static inline int crk_vlower(int c)
{
	return c >= 'a' && c <= 'z';
}
static inline int crk_vupper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static inline int crk_valpha(int c)
{
	return crk_vlower(c) || crk_vupper(c);
}
static inline int crk_valnum(int c)
{
	return crk_valpha(c) || crk_vdigit(c);
}
static inline int crk_vtolower(int c)
{
	return crk_vupper(c) ? c + ('a' - 'A') : c;
}
/* The run of digits at s[0..len): its length. */
static inline size_t crk_vdigits(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && crk_vdigit((unsigned char)s[i]))
		i++;
	return i;
}

#endif
