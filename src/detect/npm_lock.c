/*
 * npm_lock.c - npm's package-lock.json and npm-shrinkwrap.json (one format, two names).
 *
 * Format: https://docs.npmjs.com/cli/configuring-npm/package-lock-json
 *   - lockfileVersion 1 (npm 5, 6): "dependencies" maps a name to {version, resolved, integrity,
 *     dev, optional, bundled, requires: {name: range}, dependencies: {...nested copies...}};
 *     a nested entry is installed in the node_modules folder of the entry holding it;
 *   - lockfileVersion 2 (npm 7, 8) keeps that section for old readers and adds "packages";
 *     lockfileVersion 3 (npm 9+) has "packages" only. "packages" maps an install path to
 *     {name, version, resolved, integrity, link, dev, optional, devOptional, peer, inBundle,
 *     license, dependencies, optionalDependencies, peerDependencies, ...}. The "" entry is the
 *     project itself. "node_modules/a/node_modules/b" is b installed inside a. Paths outside
 *     node_modules ("packages/x") are workspace or local packages; "node_modules/x" with
 *     "link": true points at one of them through "resolved".
 * When "packages" is present it is read and "dependencies" is ignored (what npm does).
 *
 * What is reported:
 *   - every installed package once per path (the BOM merges equal purls). The name is the "name"
 *     field when there is one (npm writes it for aliases such as "string-width-cjs" installing
 *     string-width, and for workspaces), else the last node_modules segment of the path (v1: the
 *     key, or the real name of an "npm:name@version" alias);
 *   - scope: "dev" or "devOptional" -> dev; "optional" -> optional; else required;
 *   - "integrity" (SRI) -> hashes; "resolved" -> download URL, or for git dependencies (v1: a git
 *     spec in "version"; v2/v3: a git "resolved") the repository and commit, CRK_PKG_GIT, and no
 *     version in v1 (the spec is not one; v2/v3 keep the version of the package's manifest);
 *     "file:" specs and workspace paths -> CRK_PKG_LOCAL; "license" (v2/v3) when it is an SPDX
 *     expression; "inBundle"/"bundled" -> property "npm.bundled";
 *   - line: the line of the package's key;
 *   - edges: each name in a package's dependencies / optionalDependencies / peerDependencies
 *     (v1: "requires") resolved as node resolves require(): the nearest node_modules folder up
 *     from the package that holds the name; links resolve to their target. Direct dependencies:
 *     the "" entry's dependencies, devDependencies, optionalDependencies, peerDependencies, plus
 *     every workspace/local package. A v1 file names no root: the package.json beside it gives
 *     the direct dependencies when it can be read; otherwise every top-level package no other
 *     package requires is taken as direct;
 *   - a package-lock.json with an npm-shrinkwrap.json beside it is skipped: npm uses the
 *     shrinkwrap and ignores the package-lock, so reporting both would count twice.
 * Lockfiles inside node_modules are not read (the packages there are reported from their
 * installed package.json by npm/installed, and their lockfiles are not used by npm).
 * Errors: malformed JSON (jansson's line:column), a top-level value that is not an object,
 * an unknown lockfileVersion.
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define NO_ID CRK_BOM_NONE
#define LOOKUP_FACTOR 64           /* lookup bytes allowed per byte of input */
#define LOOKUP_SLACK ((size_t)1 << 20)

struct lpkg {
	const char *path; /* "node_modules/a/node_modules/b", NUL-terminated (jansson or arena) */
	size_t plen;
	json_t *obj;
	size_t id;
	int top;        /* directly in the root node_modules */
	int has_parent; /* another package of this file depends on it */
	int local;      /* a workspace / local package (not under node_modules) */
};

struct link {
	const char *path, *target;
};

struct lock {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_map paths; /* path -> struct lpkg * */
	struct lpkg **pkgs;
	size_t n, alloc;
	struct crk_strbuf sb;
	struct crk_npm_keyscan ks;
	size_t budget; /* bytes of lookup keys left to build (see resolve()) */
	int roots_known;
};

static int oom(struct lock *l)
{
	return crk_err_set(l->err, CRK_ENOMEM, l->ctx->path, 0, 0, "out of memory");
}

static const char *jstr(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return NULL;
	if (len)
		*len = json_string_length(v);
	return json_string_value(v);
}

static int jtrue(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/* Offset of the last "/node_modules/" in p[0..n), or -1. */
static long last_nm(const char *p, size_t n)
{
	static const char nm[] = "/node_modules/";
	size_t k = sizeof(nm) - 1, i;
	if (n < k)
		return -1;
	for (i = n - k + 1; i-- > 0;)
		if (p[i] == '/' && memcmp(p + i, nm, k) == 0)
			return (long)i;
	return -1;
}

static int is_nm_path(const char *p, size_t n)
{
	return (n >= 13 && memcmp(p, "node_modules/", 13) == 0) || last_nm(p, n) >= 0;
}

/* The package a require(name) from the package at `from` finds: from/node_modules/name, then
 * the same in each enclosing package, then node_modules/name at the root. Each try builds a key
 * as long as the path, so a file of very deep paths with many dependencies could cost
 * depth x length x dependencies: the bytes built are capped at a multiple of the file size
 * (real lockfiles use a small fraction of it), then *over is set. */
static struct lpkg *resolve(struct lock *l, const char *from, size_t flen, const char *name,
			    int *over)
{
	size_t cur = flen;
	for (;;) {
		struct lpkg *p;
		long k;
		if (l->budget < cur + 14 + strlen(name)) {
			*over = 1;
			return NULL;
		}
		l->budget -= cur + 14 + strlen(name);
		crk_strbuf_reset(&l->sb);
		if (cur) {
			crk_strbuf_add(&l->sb, from, cur);
			crk_strbuf_addch(&l->sb, '/');
		}
		crk_strbuf_adds(&l->sb, "node_modules/");
		crk_strbuf_adds(&l->sb, name);
		if (!crk_strbuf_ok(&l->sb)) {
			return NULL;
		}
		p = crk_map_get(&l->paths, l->sb.buf, l->sb.len);
		if (p)
			return p;
		if (!cur)
			return NULL;
		k = last_nm(from, cur);
		cur = k >= 0 ? (size_t)k : 0;
	}
}

static int set_version_spec(struct lock *l, struct crk_pkg *pkg, const char *v, size_t vn,
			    struct crk_npm_source *src)
{
	struct crk_arena *a = l->ctx->arena;
	if (crk_npm__source(a, v, vn, src))
		return -1;
	if (src->git) {
		pkg->flags |= CRK_PKG_GIT;
		pkg->version = NULL;
	} else if (vn >= 5 && memcmp(v, "file:", 5) == 0) {
		pkg->flags |= CRK_PKG_LOCAL;
		pkg->version = NULL;
	} else if (src->url) {
		pkg->flags |= CRK_PKG_URL;
		pkg->download_url = src->url;
		pkg->version = NULL;
	} else {
		pkg->version = v;
	}
	return 0;
}

/* Adds the package of entry `obj` installed at `path` (v1 when `v1`). */
static int add_pkg(struct lock *l, const char *path, size_t plen, const char *keyname,
		   size_t keylen, json_t *obj, unsigned line, int v1, int top)
{
	struct crk_detect_ctx *ctx = l->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	static const struct crk_kv bundled = {"npm.bundled", "true"};
	struct crk_npm_source src;
	struct crk_pkg pkg;
	struct lpkg *lp;
	const char *name = keyname, *s;
	size_t nlen = keylen, sn, nh = 0;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, "npm", "npm");
	memset(&src, 0, sizeof(src));
	pkg.line = line;
	if ((s = jstr(obj, "name", &sn)) != NULL && sn) {
		name = s;
		nlen = sn;
	}
	s = jstr(obj, "version", &sn);
	if (v1 && s && sn > 4 && memcmp(s, "npm:", 4) == 0) {
		/* "npm:@scope/name@1.2.3": an alias installs another package */
		const char *spec = s + 4, *at = NULL;
		size_t i;
		for (i = sn - 4; i-- > 1;)
			if (spec[i] == '@') {
				at = spec + i;
				break;
			}
		if (at) {
			name = spec;
			nlen = (size_t)(at - spec);
			pkg.version = crk_arena_strndup(a, at + 1, sn - 4 - (size_t)(at - spec) - 1);
			if (!pkg.version)
				return oom(l);
		}
	} else if (v1 && s) {
		if (set_version_spec(l, &pkg, s, sn, &src))
			return oom(l);
	} else if (s && sn) {
		pkg.version = s;
	}
	if (crk_npm__set_name(a, &pkg, name, nlen))
		return oom(l);
	if ((s = jstr(obj, "resolved", &sn)) != NULL && sn) {
		struct crk_npm_source r;
		if (crk_npm__source(a, s, sn, &r))
			return oom(l);
		if (r.git) {
			pkg.flags |= CRK_PKG_GIT;
			src = r;
		} else if (r.url) {
			if (!pkg.download_url)
				pkg.download_url = r.url;
		} else if (sn >= 5 && memcmp(s, "file:", 5) == 0) {
			pkg.flags |= CRK_PKG_LOCAL;
		}
	}
	if (src.git) {
		pkg.vcs_url = src.vcs_url;
		if (src.commit) {
			pkg.vcs_commit = crk_arena_strndup(a, src.commit, src.commit_len);
			if (!pkg.vcs_commit)
				return oom(l);
		}
	}
	if (!is_nm_path(path, plen))
		pkg.flags |= CRK_PKG_LOCAL;
	if ((s = jstr(obj, "integrity", &sn)) != NULL &&
	    crk_npm__sri(a, s, sn, hashes, &nh, CRK_NPM_MAX_HASHES))
		return oom(l);
	pkg.hashes = hashes;
	pkg.nhashes = nh;
	if (jtrue(obj, "dev") || jtrue(obj, "devOptional"))
		pkg.scope = CRK_SCOPE_DEV;
	else if (jtrue(obj, "optional"))
		pkg.scope = CRK_SCOPE_OPTIONAL;
	/* the licence as declared, SPDX or not ("SEE LICENSE IN ..."): the writers normalise it
	 * (crk_spdx_normalise: never dropped) */
	if ((s = jstr(obj, "license", &sn)) != NULL && sn)
		pkg.license = s;
	if (jtrue(obj, "inBundle") || jtrue(obj, "bundled")) {
		pkg.props = &bundled;
		pkg.nprops = 1;
	}

	lp = crk_arena_alloc(a, sizeof(*lp));
	if (!lp || CRK_GROW(l->pkgs, l->alloc, l->n + 1))
		return oom(l);
	lp->path = path;
	lp->plen = plen;
	lp->obj = obj;
	lp->top = top;
	lp->local = (pkg.flags & CRK_PKG_LOCAL) && !is_nm_path(path, plen);
	rc = crk_detect_add(ctx, &pkg, &lp->id, l->err);
	if (rc)
		return rc;
	l->pkgs[l->n++] = lp;
	if (crk_map_put(&l->paths, path, plen, lp))
		return oom(l);
	return CRK_OK;
}

/* Adds an edge from `from` (NULL: the project) to what `name` resolves to. */
static int edge(struct lock *l, struct lpkg *from, const char *name)
{
	int over = 0;
	struct lpkg *to = from ? resolve(l, from->path, from->plen, name, &over)
			       : resolve(l, "", 0, name, &over);
	if (over)
		return crk_err_set(l->err, CRK_ELIMIT, l->ctx->path, 0, 0,
				   "dependency paths too deep to resolve (more than %zu bytes of "
				   "lookups for a %zu-byte file)",
				   l->ctx->len * LOOKUP_FACTOR + LOOKUP_SLACK, l->ctx->len);
	if (!to || to->id == NO_ID || (from && (from->id == NO_ID || to == from)))
		return CRK_OK;
	if (from)
		to->has_parent = 1;
	if (crk_bom_add_dep(l->ctx->bom, from ? from->id : CRK_BOM_ROOT, to->id) == CRK_ENOMEM)
		return oom(l);
	return CRK_OK;
}

static int edges_of(struct lock *l, struct lpkg *from, json_t *obj, const char *const *fields)
{
	size_t f;
	for (f = 0; fields[f]; f++) {
		json_t *deps = json_object_get(obj, fields[f]), *v;
		const char *k;
		if (!json_is_object(deps))
			continue;
		json_object_foreach (deps, k, v) {
			int rc = edge(l, from, k);
			if (rc)
				return rc;
		}
	}
	return CRK_OK;
}

static int read_v2(struct lock *l, json_t *packages)
{
	static const char *const pkg_fields[] = {"dependencies", "optionalDependencies",
						 "peerDependencies", NULL};
	static const char *const root_fields[] = {"dependencies", "devDependencies",
						  "optionalDependencies", "peerDependencies", NULL};
	struct crk_arena *a = l->ctx->arena;
	struct link *links = NULL;
	size_t nlinks = 0, i;
	json_t *v, *rootobj = NULL;
	const char *k;
	int rc;

	links = crk_arena_array(a, json_object_size(packages) + 1, sizeof(*links));
	if (!links)
		return oom(l);
	crk_npm__ks_find(&l->ks, "packages", 8, 1);
	json_object_foreach (packages, k, v) {
		size_t klen = strlen(k);
		const char *base;
		unsigned line;
		long nm;
		if (!klen) {
			rootobj = v;
			continue;
		}
		if (!json_is_object(v))
			continue;
		line = crk_npm__ks_find(&l->ks, k, klen, 2);
		if (jtrue(v, "link")) {
			const char *t = jstr(v, "resolved", NULL);
			if (t) {
				links[nlinks].path = k;
				links[nlinks++].target = t;
			}
			continue;
		}
		nm = last_nm(k, klen);
		if (nm >= 0)
			base = k + nm + 14;
		else if (klen >= 13 && memcmp(k, "node_modules/", 13) == 0)
			base = k + 13;
		else { /* a workspace path: its last segment (two for "@scope/name") */
			const char *sl = strrchr(k, '/');
			base = sl ? sl + 1 : k;
			if (sl && sl > k) {
				const char *p = sl;
				while (p > k && p[-1] != '/')
					p--;
				if (*p == '@')
					base = p;
			}
		}
		rc = add_pkg(l, k, klen, base, strlen(base), v, line, 0,
			     klen >= 13 && memcmp(k, "node_modules/", 13) == 0 && nm < 0);
		if (rc)
			return rc;
	}
	for (i = 0; i < nlinks; i++) {
		struct lpkg *t = crk_map_get(&l->paths, links[i].target, strlen(links[i].target));
		if (t && crk_map_put(&l->paths, links[i].path, strlen(links[i].path), t))
			return oom(l);
	}
	for (i = 0; i < l->n; i++)
		if ((rc = edges_of(l, l->pkgs[i], l->pkgs[i]->obj, pkg_fields)) != 0)
			return rc;
	if (json_is_object(rootobj)) {
		l->roots_known = 1;
		if ((rc = edges_of(l, NULL, rootobj, root_fields)) != 0)
			return rc;
	}
	return CRK_OK;
}

static int walk_v1(struct lock *l, json_t *deps, const char *prefix, size_t plen, int depth)
{
	json_t *v;
	const char *k;
	int rc;

	if (depth > 2 * CRK_MAX_DEPTH)
		return crk_err_set(l->err, CRK_ELIMIT, l->ctx->path, l->ks.line, 0,
				   "dependencies nested more than %d levels deep", CRK_MAX_DEPTH);
	json_object_foreach (deps, k, v) {
		size_t klen = strlen(k);
		unsigned line;
		char *path;
		json_t *sub;
		if (!json_is_object(v) || !klen)
			continue;
		line = crk_npm__ks_find(&l->ks, k, klen, depth);
		if (plen + 13 + klen > CRK_MAX_PATH)
			return crk_err_set(l->err, CRK_ELIMIT, l->ctx->path, line, 0,
					   "dependency '%.80s' is installed at a path longer than %d "
					   "bytes", k, CRK_MAX_PATH);
		path = crk_arena_printf(l->ctx->arena, "%.*snode_modules/%s", (int)plen, prefix, k);
		if (!path)
			return oom(l);
		rc = add_pkg(l, path, strlen(path), k, klen, v, line, 1, depth == 2);
		if (rc)
			return rc;
		sub = json_object_get(v, "dependencies");
		if (json_is_object(sub) && json_object_size(sub)) {
			char *np = crk_arena_printf(l->ctx->arena, "%s/", path);
			if (!np)
				return oom(l);
			crk_npm__ks_find(&l->ks, "dependencies", 12, depth + 1);
			if ((rc = walk_v1(l, sub, np, strlen(np), depth + 2)) != 0)
				return rc;
		}
	}
	return CRK_OK;
}

static int manifest_dep(void *ud, const char *name, size_t nlen, const char *range, size_t rlen,
			enum crk_scope scope)
{
	struct lock *l = ud;
	char *n = crk_arena_strndup(l->ctx->arena, name, nlen);
	(void)range;
	(void)rlen;
	(void)scope;
	if (!n)
		return -1;
	return edge(l, NULL, n);
}

static int read_v1(struct lock *l, json_t *deps)
{
	static const char *const fields[] = {"requires", NULL};
	size_t i;
	int rc, found;

	crk_npm__ks_find(&l->ks, "dependencies", 12, 1);
	if ((rc = walk_v1(l, deps, "", 0, 2)) != 0)
		return rc;
	for (i = 0; i < l->n; i++)
		if ((rc = edges_of(l, l->pkgs[i], l->pkgs[i]->obj, fields)) != 0)
			return rc;
	rc = crk_npm__manifest_deps(l->ctx, &found, manifest_dep, l);
	if (rc)
		return rc < 0 ? oom(l) : rc;
	l->roots_known = found;
	return CRK_OK;
}

static int shrinkwrap_beside(struct crk_detect_ctx *ctx)
{
	const char *buf;
	size_t len;
	struct crk_err e;
	int rc;
	if (strcmp(ctx->name, "package-lock.json") != 0 || !crk_detect_can_read(ctx))
		return 0;
	/* max 0: an empty file reads, any other one exists but is too big - no bytes are read */
	rc = crk_detect_read(ctx, "npm-shrinkwrap.json", 0, &buf, &len, NULL, &e);
	return rc == CRK_OK || rc == CRK_ELIMIT;
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct lock l;
	json_error_t jerr;
	json_t *root, *packages, *deps, *ver;
	size_t i;
	int rc = CRK_OK;

	if (shrinkwrap_beside(ctx))
		return CRK_OK;
	root = json_loadb(ctx->buf, ctx->len, JSON_DECODE_ANY, &jerr);
	if (!root && (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0]))
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				   "expected a JSON object at the top level");
	}
	ver = json_object_get(root, "lockfileVersion");
	if (json_is_integer(ver) && (json_integer_value(ver) < 1 || json_integer_value(ver) > 3)) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, 0, 0,
				 "unsupported lockfileVersion %lld (this reader knows 1, 2 and 3)",
				 (long long)json_integer_value(ver));
		json_decref(root);
		return rc;
	}
	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.err = err;
	crk_map_init(&l.paths);
	crk_strbuf_init(&l.sb, CRK_MAX_PATH * 4);
	crk_npm__ks_init(&l.ks, ctx->buf, ctx->len);
	l.budget = ctx->len > (SIZE_MAX - LOOKUP_SLACK) / LOOKUP_FACTOR
			   ? SIZE_MAX
			   : ctx->len * LOOKUP_FACTOR + LOOKUP_SLACK;

	packages = json_object_get(root, "packages");
	deps = json_object_get(root, "dependencies");
	/* "packages" when it lists anything besides the project (a v2 file keeps "dependencies"
	 * only for npm 6) */
	if (json_is_object(packages) &&
	    (json_object_size(packages) > 1 ||
	     (json_object_size(packages) == 1 && !json_object_get(packages, "")) ||
	     !json_is_object(deps) || !json_object_size(deps)))
		rc = read_v2(&l, packages);
	else if (json_is_object(deps))
		rc = read_v1(&l, deps);
	if (!rc && !l.roots_known) {
		/* no root entry and no package.json: top-level packages nobody requires */
		for (i = 0; i < l.n && !rc; i++)
			if (l.pkgs[i]->id != NO_ID && (l.pkgs[i]->top || l.pkgs[i]->local) &&
			    !l.pkgs[i]->has_parent &&
			    crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, l.pkgs[i]->id) == CRK_ENOMEM)
				rc = oom(&l);
	} else if (!rc) {
		/* workspace and local packages are part of the project */
		for (i = 0; i < l.n && !rc; i++)
			if (l.pkgs[i]->id != NO_ID && l.pkgs[i]->local &&
			    crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, l.pkgs[i]->id) == CRK_ENOMEM)
				rc = oom(&l);
	}
	crk_strbuf_release(&l.sb);
	crk_map_release(&l.paths);
	crk_free(l.pkgs);
	json_decref(root);
	return rc;
}

/* Not the lockfiles of packages inside node_modules. */
static int match(const char *relpath, size_t rellen, const char *name)
{
	if (strcmp(name, "package-lock.json") != 0 && strcmp(name, "npm-shrinkwrap.json") != 0)
		return 0;
	return !(rellen >= 13 && memcmp(relpath, "node_modules/", 13) == 0) &&
	       !memmem(relpath, rellen, "/node_modules/", 14);
}

static const char *const names[] = {"package-lock.json", "npm-shrinkwrap.json", NULL};

const struct crk_detector crk_detector_npm_lock = {
	.name = "npm/package-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "npm",
	.names = names,
	.match = match,
	.parse = parse,
	.doc = "package-lock.json, npm-shrinkwrap.json (lockfileVersion 1, 2, 3)",
};
