/*
 * npm_common.h - helpers shared by the npm-family detectors (npm_lock.c, npm_installed.c,
 * yarn.c, pnpm.c); not API (the crk_npm__ prefix). See docs/detectors/npm.md.
 *
 * All strings returned live in the arena passed in; pointers "into" an input point into it.
 */
#ifndef CRK_DETECT_NPM_COMMON_H
#define CRK_DETECT_NPM_COMMON_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/bom.h"

struct crk_detect_ctx;
struct crk_err;

/* Most hashes one SRI string yields (sha1, sha256, sha384, sha512, md5). */
#define CRK_NPM_MAX_HASHES 5

/* Sets pkg->ns and pkg->name from an npm package name: "@scope/name" is namespace "@scope",
 * name "name". Copies into the arena. Returns 0, or -1 on ENOMEM. */
int crk_npm__set_name(struct crk_arena *a, struct crk_pkg *pkg, const char *name, size_t len);

/* Parses a Subresource Integrity value ("sha512-<base64> sha1-<base64>", as npm, yarn and pnpm
 * write "integrity") into CycloneDX hashes with lowercase hex values in the arena. Unknown
 * algorithms, bad base64 and digests of the wrong length are skipped; an algorithm already in
 * out[0..*n) is not added twice. Appends to out[*n..max). Returns 0, or -1 on ENOMEM. */
int crk_npm__sri(struct crk_arena *a, const char *s, size_t n, struct crk_hash *out, size_t *nout,
		 size_t max);

/* Adds a hash given as hex text (yarn v1's "#<sha1>" fragment) when it has the digest length of
 * `alg` and the algorithm is not there yet. Returns 0, or -1 on ENOMEM. */
int crk_npm__hex_hash(struct crk_arena *a, const char *alg, const char *hex, size_t n,
		      struct crk_hash *out, size_t *nout, size_t max);

/* What a "resolved" URL or a dependency spec says about where a package came from. */
struct crk_npm_source {
	const char *commit; /* the pinned commit (into the input), or NULL */
	size_t commit_len;
	int git;            /* a git repository (git+ssh://, github:, codeload tarball, ...) */
	const char *vcs_url; /* repository URL (arena, credentials removed), for git sources */
	const char *url;     /* the URL itself (arena, credentials removed), for http(s) sources */
};
/* Classifies `s` (a resolved URL, a yarn/pnpm resolution, an npm v1 "version" spec). The commit is
 * found the way the osv-scanner/osv-scalibr lockfile extractors find it, so results agree:
 * `#<commit>` after git+ssh://, git+https://, git://, ssh://, https://....git, github:, gitlab:,
 * bitbucket:; `#commit=<c>` / `#commit:<c>` (yarn berry); codeload.github.com/<o>/<r>/tar.gz/<c>;
 * `?ref=<c>` or `#<c>` on github.com, gitlab.com, bitbucket.org URLs. Returns 0 or -1 on ENOMEM. */
int crk_npm__source(struct crk_arena *a, const char *s, size_t n, struct crk_npm_source *out);

/* Copies a URL into the arena without the user:password of an http(s) URL (tokens must not end
 * up in an SBOM; "git@" of ssh URLs stays). NULL on ENOMEM. */
char *crk_npm__clean_url(struct crk_arena *a, const char *s, size_t n);

/* Finds object keys in a JSON text that jansson has already accepted, to give components the
 * line jansson does not keep. The scan moves forward only and counts lines as it goes, so asking
 * for the keys in document order costs one pass over the buffer in total. After a few misses
 * (a key written with escapes that decode differently, a duplicate key) it stops looking. */
struct crk_npm_keyscan {
	const char *b;
	size_t n, pos;
	unsigned line; /* 1-based line of `pos` */
	int depth;     /* nesting of `pos`: 0 outside the top-level value */
	int misses;
};
void crk_npm__ks_init(struct crk_npm_keyscan *ks, const char *b, size_t n);
/* Line of the next key equal to `key` (compared after JSON unescaping) that sits directly in an
 * object at nesting `depth` (1: a member of the top-level object), or 0 when not found. */
unsigned crk_npm__ks_find(struct crk_npm_keyscan *ks, const char *key, size_t klen, int depth);

/* Scopes from a dependency graph of `n` local packages (0..n-1). The scope of a path is the
 * widest of its root's scope and its edges' kinds (an optionalDependencies edge is
 * CRK_SCOPE_OPTIONAL, a workspace package's devDependencies edge CRK_SCOPE_DEV); a package takes
 * the narrowest scope over the paths that reach it: required when a required root reaches it
 * through required edges only, else optional, else dev.
 * Packages no root reaches keep out[i] as the caller set it. Linear in nodes + edges. */
struct crk_npm_edge {
	size_t from, to;
	enum crk_scope kind; /* dependencies: REQUIRED, optionalDependencies: OPTIONAL,
			      * devDependencies (of a workspace package): DEV */
};
struct crk_npm_root {
	size_t node;
	enum crk_scope scope;
};
int crk_npm__scopes(size_t n, const struct crk_npm_edge *e, size_t ne, const struct crk_npm_root *r,
		    size_t nr, unsigned char *out);

/* Appends an edge to a heap vector (CRK_GROW). Returns 0, or -1 on ENOMEM / past the cap. */
int crk_npm__edge_push(struct crk_npm_edge **v, size_t *n, size_t *alloc, size_t from, size_t to,
		       enum crk_scope kind);
int crk_npm__root_push(struct crk_npm_root **v, size_t *n, size_t *alloc, size_t node,
		       enum crk_scope scope);

/* Reads package.json beside the lockfile (through crk_detect_read) and calls `fn` for each name in
 * dependencies (CRK_SCOPE_REQUIRED), optionalDependencies (OPTIONAL) and devDependencies (DEV),
 * with the range written for it (a name in several lists is reported for each). A missing or unreadable package.json
 * is not an error: returns 0 with *found = 0. Returns -1 only on ENOMEM (or what `fn` returns). */
int crk_npm__manifest_deps(struct crk_detect_ctx *ctx, int *found,
			   int (*fn)(void *ud, const char *name, size_t nlen, const char *range,
				     size_t rlen, enum crk_scope scope),
			   void *ud);

/* Is s[0..n) a syntactically valid SPDX license expression (ids, LicenseRef-, AND/OR/WITH,
 * parentheses)? Without the SPDX list at hand, ids are checked for their shape only; npm's
 * "UNLICENSED" and "SEE LICENSE IN <file>" are refused. */
int crk_npm__spdx_ok(const char *s, size_t n);

/* ---- YAML (yarn berry, pnpm) ---- */

/* A node of a YAML document read with libyaml's event parser into the arena: one pass, no
 * per-node malloc (libyaml's own document loader is about five times slower on big lockfiles and
 * needs several times the memory). An alias is the anchored node itself, shared. */
enum crk_yaml_type { CRK_YAML_SCALAR, CRK_YAML_MAP, CRK_YAML_SEQ };
struct crk_yaml {
	enum crk_yaml_type type;
	unsigned line, col;   /* 1-based start */
	const char *s;        /* scalar text, NUL-terminated (may hold NULs: use n) */
	size_t n;
	struct crk_yaml **c;  /* map: key, value, key, value, ...; sequence: the items */
	size_t nc;
};

/* Loads the first YAML document of ctx->buf into ctx->arena; *root is NULL for an empty
 * document. A syntax error is CRK_EPARSE with path:line:col and libyaml's words, nesting past
 * CRK_MAX_DEPTH is CRK_ELIMIT, and a root that is not a mapping is CRK_EPARSE ("expected a mapping
 * at the top level"). */
int crk_npm__yaml_load(struct crk_detect_ctx *ctx, struct crk_yaml **root, struct crk_err *err);
/* The value of scalar key `key` in mapping `map`, or NULL (absent, or `map` is not a mapping). */
struct crk_yaml *crk_npm__ymap_get(const struct crk_yaml *map, const char *key);
/* A scalar's text and length; NULL for other nodes and for NULL. */
static inline const char *crk_npm__yscalar(const struct crk_yaml *n, size_t *len)
{
	if (!n || n->type != CRK_YAML_SCALAR)
		return NULL;
	if (len)
		*len = n->n;
	return n->s;
}
static inline int crk_npm__yis_map(const struct crk_yaml *n)
{
	return n && n->type == CRK_YAML_MAP;
}

/* Is `s` an npm-style version that starts with a digit (pnpm keys, "0.0.0-use.local")? */
static inline int crk_npm__starts_digit(const char *s, size_t n)
{
	return n > 0 && s[0] >= '0' && s[0] <= '9';
}

#endif
