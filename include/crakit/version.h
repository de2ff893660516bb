/*
 * crakit/version.h - ordering versions the way each ecosystem does.
 *
 * A vulnerability matcher decides "is 2.14.1 inside [2.13.0, 2.15.0)?" by comparing versions,
 * and every ecosystem orders them by its own rules: PEP 440 for PyPI, dpkg's for Debian, rpm's
 * for Red Hat, Maven's ComparableVersion, Go's module semver, and so on. These functions pick
 * the scheme from the ecosystem name as OSV writes it and order two versions exactly as that
 * ecosystem's own implementation does (docs/versions.md lists each scheme's rules and the few
 * places where we deliberately differ).
 *
 * Ecosystem names: OSV's (https://ossf.github.io/osv-schema/#affectedpackage-field): "npm",
 * "PyPI", "crates.io", "Go", "Maven", "Debian", "Alpine", "Red Hat", ... A release suffix is
 * allowed and ignored ("Debian:12", "Alpine:v3.20", "AlmaLinux:9", "Ubuntu:22.04:LTS"); ASCII
 * case is ignored. "SemVer" names the generic, lenient SemVer scheme (OSV's SEMVER range type).
 *
 * Errors (err may be NULL; untouched on success):
 *   CRK_ENOTFOUND  no scheme serves the ecosystem (the message names it; the hint lists them)
 *   CRK_EPARSE     a version is not valid in the ecosystem: never ordered by guess. The message
 *                  names the version and the ecosystem, "'1.x' is not a valid PyPI version
 *                  (PEP 440)"; the hint says what is wrong with it
 *   CRK_ELIMIT     a version is longer than 1024 bytes
 *   CRK_EINVAL     both versions are valid but the ecosystem does not order them (Packagist:
 *                  two different dev- branches)
 *   CRK_ENOMEM     an allocation failed (only Maven's item lists allocate)
 * Threads: every function here is reentrant; nothing is cached.
 */
#ifndef CRAKIT_VERSION_H
#define CRAKIT_VERSION_H

#include <stddef.h>

#include "crakit/err.h"

/* Orders the NUL-terminated versions a and b of `ecosystem`: *out = -1 (a < b), 0 (a and b are
 * the same version, possibly spelt differently: "1.0" and "1.0.0" in PyPI) or 1 (a > b). */
int crk_version_compare(const char *ecosystem, const char *a, const char *b, int *out,
			struct crk_err *err);
/* The same for versions given as (pointer, length); they may hold any bytes. */
int crk_version_comparen(const char *ecosystem, const char *a, size_t alen, const char *b,
			 size_t blen, int *out, struct crk_err *err);
/* CRK_OK when `v` is a valid version of `ecosystem`, else the error crk_version_compare()
 * would give for it. */
int crk_version_validate(const char *ecosystem, const char *v, size_t len, struct crk_err *err);

/* The name of the scheme serving `ecosystem` ("pep440" for "PyPI"), or NULL when none does. */
const char *crk_version_scheme_name(const char *ecosystem);

/* A scheme as `crakit version schemes` lists it. Every pointer is to static storage. */
struct crk_version_scheme_desc {
	const char *name;              /* "pep440" */
	const char *title;             /* "PEP 440" */
	const char *const *ecosystems; /* OSV ecosystem names served, NULL-terminated */
	const char *spec;              /* URL of the specification followed */
	const char *doc;               /* one line */
};
/* Fills *out with the i-th scheme (from 0) and returns 1, or returns 0 past the last. */
int crk_version_scheme_at(size_t i, struct crk_version_scheme_desc *out);

#endif
