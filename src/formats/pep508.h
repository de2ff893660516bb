/*
 * pep508.h - PEP 508 dependency specifiers (name, extras, version specifier, marker, direct URL)
 * and pip's requirement links (git+…@rev#egg=, wheel file names).
 *
 * Specs: PEP 508 (https://peps.python.org/pep-0508/), the wheel file name of PEP 427
 * ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl), and what pip does with a
 * requirement that is a URL or a path (pip's src/pip/_internal/req/constructors.py,
 * models/link.py and vcs/versioncontrol.py, re-implemented here). Read by requirements.c; written to serve any
 * reader of these strings (pyproject.toml, METADATA Requires-Dist, uv).
 *
 * What crk_pep508_parse() accepts, one requirement at a time:
 *   name       letters, digits, and '.' '_' '-' inside (not at either end);
 *   [extras]   letters, digits, '.' '_' '-' ',' and white space between the brackets;
 *   specifier  clauses `OP VERSION` separated by ',', optionally inside '(' ')'; OP is one of
 *              === ~= == != <= >= < >; a VERSION is letters, digits and . _ - + ! (anything
 *              but white space, ',' ';' ')' after ===), may end in ".*" after == and !=, and
 *              may hold `${VAR}` (pip expands it at install time);
 *   @ URL      a direct reference instead of a specifier: the URL runs to the next white space;
 *   ; marker   the environment marker: the rest of the string, trimmed, not evaluated.
 * White space (ASCII space, \t \n \v \f \r) may stand between the parts; after a URL it must
 * stand before the ';' of a marker (`name @ URL ; marker`), as a ';' inside the URL is part of it.
 *
 * Ownership: every string of a result is NUL-terminated and allocated in the arena the caller
 * passes (borrowed, valid until it is released); the input (s, n) is not kept and needs no NUL
 * terminator. Input bytes are copied as they are, so a NUL byte in them ends a string early:
 * what `name @ URL` installs is read from the whole URL, into `link`. No other memory is used,
 * no state is shared: thread-safe with one arena per thread.
 *
 * Errors: CRK_EPARSE with err->msg naming what is wrong (lowercase, e.g. "invalid project
 * name", "missing version after the operator"), err->col the 1-based byte offset in s where it
 * was found, err->path "" and err->line 0 (where s stands in its file is the caller's to say);
 * CRK_ENOMEM ("out of memory"). On failure *out is all NULL.
 */
#ifndef CRK_FORMATS_PEP508_H
#define CRK_FORMATS_PEP508_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/bom.h"
#include "crakit/err.h"

/* What a URL or a local path installs, as pip reads it (a bare requirement line, the URL of
 * `name @ URL`, or an -e argument); NULL where unknown. */
struct crk_pep508_link {
	/* The project: from a wheel file name (name and version; it wins), else from the fragment
	 * parameter `egg=name` (name only; "[extras]" cut off; ignored when not a valid name). */
	const char *name, *version;
	const char *download_url; /* a plain URL without its #fragment (the ?query is kept) */
	/* vcs+scheme://host/path@rev: the URL without "@rev" and the fragment, "git+" dropped for
	 * git (a URL git clones), kept for hg+, svn+, bzr+. The rev is the text after the last '@'
	 * of the path (never of user@host): vcs_commit when it is 7 to 64 hex digits, else
	 * vcs_ref. */
	const char *vcs_url, *vcs_commit, *vcs_ref;
	unsigned flags; /* CRK_PKG_LOCAL (a path or a file: URL), CRK_PKG_GIT (git+), else
			   CRK_PKG_URL (other URLs and hg+, svn+, bzr+) */
};

/* A parsed PEP 508 requirement; NULL where the part is absent. */
struct crk_pep508 {
	const char *name;   /* as written (not normalised) */
	const char *extras; /* between the brackets, as written: "a, b"; "" for `name[]` */
	const char *url;    /* of `name @ URL` (then spec and pin are NULL) */
	struct crk_pep508_link link; /* what that URL installs; all NULL and 0 without one */
	/* The specifier as written: from its first operator (from just after '(' when
	 * parenthesised, white space included) to the end of its last clause, white space after
	 * the last version included (">=1 " of `x >=1 ; m`); NULL when there is no clause. */
	const char *spec;
	/* The version of an exact pin: the clause `==V` (V without ".*" or "${") or `===V`, when
	 * every such clause names the same V; NULL otherwise (no pin, or pins that differ). */
	const char *pin;
	const char *marker; /* after ';', trimmed (never ""); not evaluated */
};

/* Parses the requirement s[0..n): the whole of it, so trailing text is an error. The caller
 * removes what is not PEP 508 first (comments, pip's options). */
int crk_pep508_parse(struct crk_pep508 *out, const char *s, size_t n, struct crk_arena *a,
		     struct crk_err *err);

/* Reads the link s[0..n): a URL when crk_pep508_is_url() says so, else a local path. The wheel
 * file name is the last segment ('/' or '\\' separated) before any '?' or '#', percent-decoded,
 * of 5 or 6 '-' separated parts: a valid name, a non-empty version, then the tags. Never fails
 * on content: returns CRK_OK, or CRK_ENOMEM (*out then all NULL). */
int crk_pep508_parse_link(struct crk_pep508_link *out, const char *s, size_t n,
			  struct crk_arena *a, struct crk_err *err);

/* How pip tells a requirement line that is not PEP 508 (pip's install_req_from_line):
 * crk_pep508_is_url: starts (any case) with http: https: file: ftp: git+ hg+ svn+ bzr+;
 * crk_pep508_is_archive: ends in .whl .zip .tar.gz .tgz .tar.bz2 .tbz .tar.xz .txz .tlz
 *   .tar.lz .tar.lzma .tar;
 * crk_pep508_is_path: starts with '.' or holds '/' or '\\'.
 * Each returns 1 or 0. */
int crk_pep508_is_url(const char *s, size_t n);
int crk_pep508_is_archive(const char *s, size_t n);
int crk_pep508_is_path(const char *s, size_t n);

/* The white space both PEP 508 strings and requirement lines skip: ASCII space, \t \n \v \f
 * \r (1 or 0). */
int crk_pep508_is_space(char c);
/* Drops that white space at both ends of [*s, *s + *n). */
void crk_pep508_trim(const char **s, size_t *n);

#endif
