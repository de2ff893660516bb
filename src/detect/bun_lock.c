/*
 * bun_lock.c - Bun's text lockfile bun.lock (Bun 1.1.39+, the default since Bun 1.2).
 *
 * Format (https://bun.sh/docs/install/lockfile): JSONC, i.e. JSON that may carry trailing commas
 * (Bun always writes them) and comments. Top level {lockfileVersion (0 or 1), workspaces,
 * packages, overrides, patchedDependencies, trustedDependencies}:
 *   - "workspaces" maps a workspace path ("" is the project itself, "packages/a" a workspace
 *     package) to {name, version, dependencies, devDependencies, optionalDependencies,
 *     peerDependencies, optionalPeers};
 *   - "packages" maps an install key to an array whose first item is "<name>@<resolution>".
 *     The key is the package's name where it is hoisted ("lodash"), or the names of the packages
 *     it is installed inside, joined by "/" ("supports-color/has-flag", "@a/b/@c/d"); an alias
 *     key ("supports-color-old") holds another package. Shapes by resolution:
 *       npm      ["name@1.2.3", "<registry tarball URL or empty>", {meta}, "<integrity>"]
 *       git      ["name@git+https://...#<commit>", {meta}, "<commit>"]
 *       github   ["name@github:owner/repo#<commit>", {meta}, "<tag>"]
 *       tarball  ["name@https://.../x.tgz", {meta}]
 *       file     ["name@file:path", {meta}],  link ["name@link:path", {meta}]
 *       workspace["name@workspace:packages/a"],  root ["name@root:"] (the project: skipped)
 *     {meta} holds dependencies, optionalDependencies, peerDependencies, optionalPeers, bin, os,
 *     cpu.
 * What is reported:
 *   - every "packages" entry but the root, purl pkg:npm/<name>@<version>; git and github
 *     resolutions: no version, CRK_PKG_GIT, repository and commit (crk_npm__source, so commits
 *     agree with osv-scalibr); a tarball URL: no version, CRK_PKG_URL, download URL; file:, link:
 *     and workspace: -> CRK_PKG_LOCAL (a workspace takes the version its "workspaces" entry
 *     declares); "integrity" -> hashes; a non-empty registry URL -> download URL;
 *   - line: the line of the package's key;
 *   - edges: each name in {meta}'s dependencies, optionalDependencies and peerDependencies (and
 *     a workspace's own lists) resolved the way Bun installs them: "<key>/<name>", then the same
 *     in each enclosing package, then "<name>" at the top. Direct dependencies: the "" workspace's
 *     four lists, plus every workspace package;
 *   - scope (crk_npm__scopes): dev when only devDependencies of the project or of a workspace
 *     lead to it, optional when an optionalDependencies edge or an optionalPeers entry does;
 *     packages nothing reaches stay required.
 * Errors: malformed JSON (line:column of the input: comments and trailing commas are blanked
 * in place, so offsets do not move), a top level that is not an object, lockfileVersion above 1,
 * and an entry whose value is not an array starting with "<name>@<resolution>" (the other
 * entries are still reported; the file is then reported unparseable, as osv-scalibr does).
 */
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

struct bpkg {
	const char *key; /* the "packages" key */
	size_t klen;
	json_t *meta;    /* the metadata object or NULL */
	json_t *ws;      /* workspace packages: their "workspaces" entry, or NULL */
	struct crk_pkg pkg;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	size_t id;
};

struct bun {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_map keys; /* key -> index + 1 */
	struct bpkg *p;
	size_t n;
	struct crk_npm_edge *edges;
	size_t nedges, edgealloc;
	struct crk_npm_root *roots;
	size_t nroots, rootalloc;
	struct crk_strbuf sb;
	size_t budget; /* lookup key bytes left (a deep key with many dependencies is quadratic) */
	int over;
};

static int oom(struct bun *b)
{
	return crk_err_set(b->err, CRK_ENOMEM, b->ctx->path, 0, 0, "out of memory");
}

/*
 * Blanks the comments and trailing commas of JSONC text in place (bytes become spaces, newlines
 * stay), so jansson reads it and its line:column still point into the original.
 */
static void strip_jsonc(char *s, size_t n)
{
	size_t i = 0;
	long pending = -1; /* offset of a comma not yet followed by a value */
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\' && i + 1 < n)
					i++;
			i++;
			pending = -1;
		} else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
			for (; i < n && s[i] != '\n'; i++)
				s[i] = ' ';
		} else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			s[i] = s[i + 1] = ' ';
			for (i += 2; i < n && !(s[i] == '*' && i + 1 < n && s[i + 1] == '/'); i++)
				if (s[i] != '\n')
					s[i] = ' ';
			if (i < n) {
				s[i] = s[i + 1] = ' ';
				i += 2;
			}
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
		} else {
			if ((c == '}' || c == ']') && pending >= 0)
				s[pending] = ' ';
			pending = c == ',' ? (long)i : -1;
			i++;
		}
	}
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

static int has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(s, p, k) == 0;
}

/* Length of the enclosing key of key[0..n): "a/@s/b" -> "a" (1), "a" -> 0. */
static size_t parent_len(const char *k, size_t n)
{
	size_t i = n;
	while (i > 0 && k[i - 1] != '/')
		i--;
	if (i == 0)
		return 0;
	/* k[i..n) is the last segment; "@scope/name" takes two */
	if (i >= 2) {
		size_t j = i - 1;
		while (j > 0 && k[j - 1] != '/')
			j--;
		if (k[j] == '@')
			i = j;
	}
	return i > 0 ? i - 1 : 0;
}

/* The package `name` resolves to from the package at key[0..klen) (klen 0: the top), or -1. */
static long resolve(struct bun *b, const char *key, size_t klen, const char *name, size_t nlen)
{
	size_t cur = klen;
	for (;;) {
		void *v;
		size_t cost = cur + 1 + nlen;
		if (b->budget < cost) {
			b->over = 1;
			return -1;
		}
		b->budget -= cost;
		crk_strbuf_reset(&b->sb);
		if (cur) {
			crk_strbuf_add(&b->sb, key, cur);
			crk_strbuf_addch(&b->sb, '/');
		}
		crk_strbuf_add(&b->sb, name, nlen);
		if (!crk_strbuf_ok(&b->sb))
			return -1;
		v = crk_map_get(&b->keys, b->sb.buf, b->sb.len);
		if (v)
			return (long)((size_t)v - 1);
		if (!cur)
			return -1;
		cur = parent_len(key, cur);
	}
}

/* Is `name` in obj's optionalPeers? Each look costs the list's length out of the lookup budget
 * (many peers times a long optionalPeers list would otherwise be quadratic). */
static int is_optional_peer(struct bun *b, json_t *obj, const char *name)
{
	json_t *op = json_object_get(obj, "optionalPeers"), *v;
	size_t i, n = json_array_size(op);
	if (b->budget < n) {
		b->over = 1;
		return 0;
	}
	b->budget -= n;
	json_array_foreach (op, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
			return 1;
	return 0;
}

/* Edges from package `from` (NO_ID: the project, giving roots) for the lists of `obj`. */
static int edges_of(struct bun *b, size_t from, json_t *obj, int with_dev)
{
	static const struct {
		const char *field;
		enum crk_scope kind;
	} lists[] = {{"dependencies", CRK_SCOPE_REQUIRED},
		     {"optionalDependencies", CRK_SCOPE_OPTIONAL},
		     {"peerDependencies", CRK_SCOPE_REQUIRED},
		     {"devDependencies", CRK_SCOPE_DEV}};
	size_t f;
	for (f = 0; f < sizeof(lists) / sizeof(lists[0]); f++) {
		json_t *deps, *v;
		const char *k;
		if (lists[f].kind == CRK_SCOPE_DEV && !with_dev)
			continue;
		deps = json_object_get(obj, lists[f].field);
		if (!json_is_object(deps))
			continue;
		json_object_foreach (deps, k, v) {
			enum crk_scope kind = lists[f].kind;
			long to;
			if (f == 2 && is_optional_peer(b, obj, k))
				kind = CRK_SCOPE_OPTIONAL;
			to = from == NO_ID ? resolve(b, "", 0, k, strlen(k))
					   : resolve(b, b->p[from].key, b->p[from].klen, k, strlen(k));
			if (b->over)
				return crk_err_set(b->err, CRK_ELIMIT, b->ctx->path, 0, 0,
						   "too many dependency lookups (more than %zu "
						   "bytes for a %zu-byte file)",
						   b->ctx->len * 64 + ((size_t)1 << 20), b->ctx->len);
			if (to < 0 || (size_t)to == from)
				continue;
			if (from == NO_ID) {
				if (crk_npm__root_push(&b->roots, &b->nroots, &b->rootalloc,
						       (size_t)to, kind))
					return oom(b);
			} else if (crk_npm__edge_push(&b->edges, &b->nedges, &b->edgealloc, from,
						      (size_t)to, kind)) {
				return oom(b);
			}
		}
	}
	return CRK_OK;
}

/* Fills b->p[b->n] from entry `key` = `v`. Returns 1 when the entry is kept, 0 when skipped
 * (the root), -1 when malformed, -2 on ENOMEM. */
static int read_entry(struct bun *b, const char *key, json_t *v, json_t *workspaces, unsigned line)
{
	struct crk_arena *a = b->ctx->arena;
	struct bpkg *e = &b->p[b->n];
	const char *s, *at, *spec;
	size_t sn, speclen, i;
	json_t *first = json_array_get(v, 0), *x;
	struct crk_npm_source src;

	if (!json_is_array(v) || !json_is_string(first))
		return -1;
	s = json_string_value(first);
	sn = json_string_length(first);
	at = sn > 1 ? memchr(s + 1, '@', sn - 1) : NULL;
	if (!at)
		return -1;
	spec = at + 1;
	speclen = sn - (size_t)(spec - s);
	if (has_prefix(spec, speclen, "root:"))
		return 0;
	memset(e, 0, sizeof(*e));
	e->key = key;
	e->klen = strlen(key);
	e->id = NO_ID;
	crk_detect_pkg_init(b->ctx, &e->pkg, "npm", "npm");
	e->pkg.line = line;
	if (crk_npm__set_name(a, &e->pkg, s, (size_t)(at - s)))
		return -2;
	json_array_foreach (v, i, x)
		if (i > 0 && json_is_object(x)) {
			e->meta = x;
			break;
		}
	if (has_prefix(spec, speclen, "workspace:")) {
		const char *wp = spec + 10;
		e->pkg.flags |= CRK_PKG_LOCAL;
		e->ws = workspaces ? json_object_getn(workspaces, wp, speclen - 10) : NULL;
		if (!json_is_object(e->ws))
			e->ws = NULL;
		else if ((s = jstr(e->ws, "version", &sn)) != NULL && sn)
			e->pkg.version = s;
		return 1;
	}
	if (has_prefix(spec, speclen, "file:") || has_prefix(spec, speclen, "link:")) {
		e->pkg.flags |= CRK_PKG_LOCAL;
		return 1;
	}
	if (crk_npm__starts_digit(spec, speclen)) {
		const char *reg, *integ;
		size_t rn, in;
		e->pkg.version = spec;
		x = json_array_get(v, 1);
		reg = json_is_string(x) ? json_string_value(x) : NULL;
		rn = reg ? json_string_length(x) : 0;
		if (reg && (has_prefix(reg, rn, "https://") || has_prefix(reg, rn, "http://"))) {
			e->pkg.download_url = crk_npm__clean_url(a, reg, rn);
			if (!e->pkg.download_url)
				return -2;
		}
		x = json_array_get(v, 3);
		integ = json_is_string(x) ? json_string_value(x) : NULL;
		in = integ ? json_string_length(x) : 0;
		if (integ && crk_npm__sri(a, integ, in, e->hashes, &e->pkg.nhashes,
					  CRK_NPM_MAX_HASHES))
			return -2;
		e->pkg.hashes = e->hashes;
		return 1;
	}
	if (crk_npm__source(a, spec, speclen, &src))
		return -2;
	if (src.git) {
		static const char *const hosts[][2] = {{"github:", "https://github.com/"},
						       {"gitlab:", "https://gitlab.com/"},
						       {"bitbucket:", "https://bitbucket.org/"}};
		e->pkg.flags |= CRK_PKG_GIT;
		e->pkg.vcs_url = src.vcs_url;
		/* "github:owner/repo" -> the repository's URL */
		for (i = 0; src.vcs_url && i < sizeof(hosts) / sizeof(hosts[0]); i++) {
			size_t hn = strlen(hosts[i][0]), un = strlen(src.vcs_url);
			if (un > hn && memcmp(src.vcs_url, hosts[i][0], hn) == 0) {
				e->pkg.vcs_url = crk_arena_printf(a, "%s%s", hosts[i][1],
								  src.vcs_url + hn);
				if (!e->pkg.vcs_url)
					return -2;
				break;
			}
		}
		if (src.commit) {
			e->pkg.vcs_commit = crk_arena_strndup(a, src.commit, src.commit_len);
			if (!e->pkg.vcs_commit)
				return -2;
		}
	} else if (src.url) {
		e->pkg.flags |= CRK_PKG_URL;
		e->pkg.download_url = src.url;
	} else {
		/* a resolution this reader does not know: keep it as a version-less package */
		e->pkg.flags |= CRK_PKG_UNPINNED;
	}
	return 1;
}

static int run(struct bun *b, json_t *root, const char *clean)
{
	struct crk_detect_ctx *ctx = b->ctx;
	json_t *workspaces = json_object_get(root, "workspaces");
	json_t *packages = json_object_get(root, "packages"), *v, *rootws;
	struct crk_npm_keyscan ks;
	unsigned char *scope = NULL;
	unsigned badline = 0;
	const char *badkey = NULL, *k;
	size_t i;
	int rc = CRK_OK;

	if (!json_is_object(workspaces))
		workspaces = NULL;
	if (json_is_object(packages) && json_object_size(packages)) {
		b->p = crk_calloc(json_object_size(packages), sizeof(*b->p));
		if (!b->p)
			return oom(b);
		crk_npm__ks_init(&ks, clean, ctx->len);
		crk_npm__ks_find(&ks, "packages", 8, 1);
		json_object_foreach (packages, k, v) {
			unsigned line = crk_npm__ks_find(&ks, k, strlen(k), 2);
			int r = read_entry(b, k, v, workspaces, line);
			if (r == -2)
				return oom(b);
			if (r < 0 && !badkey) {
				badkey = k;
				badline = line;
			}
			if (r == 1) {
				if (crk_map_put(&b->keys, k, strlen(k), (void *)(b->n + 1)))
					return oom(b);
				b->n++;
			}
		}
	}
	/* edges */
	for (i = 0; i < b->n; i++) {
		if (b->p[i].meta && (rc = edges_of(b, i, b->p[i].meta, 0)) != 0)
			return rc;
		if (b->p[i].ws) {
			if ((rc = edges_of(b, i, b->p[i].ws, 1)) != 0)
				return rc;
			if (crk_npm__root_push(&b->roots, &b->nroots, &b->rootalloc, i,
					       CRK_SCOPE_REQUIRED))
				return oom(b);
		}
	}
	rootws = workspaces ? json_object_get(workspaces, "") : NULL;
	if (json_is_object(rootws) && (rc = edges_of(b, NO_ID, rootws, 1)) != 0)
		return rc;
	/* scopes */
	scope = crk_calloc(b->n + 1, 1);
	if (!scope)
		return oom(b);
	for (i = 0; i < b->n; i++)
		scope[i] = CRK_SCOPE_REQUIRED;
	if (crk_npm__scopes(b->n, b->edges, b->nedges, b->roots, b->nroots, scope)) {
		crk_free(scope);
		return oom(b);
	}
	for (i = 0; i < b->n && !rc; i++) {
		b->p[i].pkg.scope = (enum crk_scope)scope[i];
		rc = crk_detect_add(ctx, &b->p[i].pkg, &b->p[i].id, b->err);
	}
	crk_free(scope);
	if (rc)
		return rc;
	for (i = 0; i < b->nroots; i++) {
		size_t id = b->p[b->roots[i].node].id;
		if (id != NO_ID && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
			return oom(b);
	}
	for (i = 0; i < b->nedges; i++) {
		size_t f = b->p[b->edges[i].from].id, t = b->p[b->edges[i].to].id;
		if (f != NO_ID && t != NO_ID && f != t &&
		    crk_bom_add_dep(ctx->bom, f, t) == CRK_ENOMEM)
			return oom(b);
	}
	if (badkey)
		return crk_err_set(b->err, CRK_EPARSE, ctx->path, badline, 0,
				   "packages entry '%.80s' is not an array starting with "
				   "\"<name>@<resolution>\"",
				   badkey);
	return CRK_OK;
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct bun b;
	json_error_t jerr;
	json_t *root, *ver;
	char *clean;
	int rc;

	clean = crk_malloc(ctx->len + 1);
	if (!clean)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	memcpy(clean, ctx->buf, ctx->len);
	clean[ctx->len] = '\0';
	strip_jsonc(clean, ctx->len);
	root = json_loadb(clean, ctx->len, JSON_DECODE_ANY, &jerr);
	if (!root) {
		crk_free(clean);
		if (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0])
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		crk_free(clean);
		return crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				   "expected a JSON object at the top level");
	}
	ver = json_object_get(root, "lockfileVersion");
	if (json_is_integer(ver) && (json_integer_value(ver) < 0 || json_integer_value(ver) > 1)) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, 0, 0,
				 "unsupported lockfileVersion %lld (this reader knows 0 and 1); "
				 "report it with a sample bun.lock",
				 (long long)json_integer_value(ver));
		json_decref(root);
		crk_free(clean);
		return rc;
	}
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.err = err;
	b.budget = ctx->len * 64 + ((size_t)1 << 20);
	crk_map_init(&b.keys);
	crk_strbuf_init(&b.sb, CRK_MAX_PATH * 4);
	rc = run(&b, root, clean);
	crk_strbuf_release(&b.sb);
	crk_map_release(&b.keys);
	crk_free(b.p);
	crk_free(b.edges);
	crk_free(b.roots);
	json_decref(root);
	crk_free(clean);
	return rc;
}

/* Not the lockfiles of packages inside node_modules. */
static int match(const char *relpath, size_t rellen, const char *name)
{
	if (strcmp(name, "bun.lock") != 0)
		return 0;
	return !(rellen >= 13 && memcmp(relpath, "node_modules/", 13) == 0) &&
	       !memmem(relpath, rellen, "/node_modules/", 14);
}

static const char *const names[] = {"bun.lock", NULL};

const struct crk_detector crk_detector_bun_lock = {
	.name = "npm/bun-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "npm",
	.names = names,
	.match = match,
	.parse = parse,
	.doc = "bun.lock (Bun's text lockfile, lockfileVersion 0 and 1)",
};
