/*
 * pnpm.c - pnpm-lock.yaml, lockfileVersion 5.x (pnpm 6, 7), 6.x (pnpm 8) and 9.0 (pnpm 9, 10).
 *
 * Format: https://github.com/pnpm/spec/tree/master/lockfile (5.x, 6.0, 9.0), YAML read with
 * libyaml's document API (node marks give lines):
 *   - "packages" maps a dependency path to {resolution: {integrity | tarball | commit, repo, type
 *     | directory}, name, version, dev, optional, dependencies, optionalDependencies, ...}.
 *     Paths: 5.x "/name/1.0.0", "/@scope/name/1.0.0_peer@2.0.0", "registry.example/name/1.0.0";
 *     6.x "/name@1.0.0(peer@2.0.0)"; 9.0 "name@1.0.0" (the peer variants and the dependency lists
 *     moved to "snapshots": "name@1.0.0(peer@2.0.0)" -> {dependencies, optionalDependencies}).
 *     Git, tarball and local ("file:...") packages carry "name" and "version" fields instead.
 *   - direct dependencies: "importers" (one per workspace project, "." the root) or, in a
 *     single-project 5.x/6.x file, top-level dependencies / devDependencies /
 *     optionalDependencies; values are a reference ("1.0.0_peer", 6.x+ {specifier, version}).
 *   - a reference is a version of the named package ("1.0.0", "1.0.0(peer@2.0.0)"), a full path
 *     (an alias: "/string-width/4.2.3", "string-width@4.2.3"), or "link:../dir" (a workspace
 *     project, not a package).
 *
 * What is reported (osv-scalibr's choices where it has any, see docs/detectors/npm.md):
 *   - one component per "packages" key, at the key's line. Name and version from the path,
 *     overridden by "name" / "version" fields; an entry whose version is not known or does not
 *     start with a digit ("github.com/kevva/is-positive") is skipped; peer suffixes are dropped,
 *     so peer variants of a package are one component;
 *   - resolution: integrity -> hashes; commit + repo -> repository and commit (CRK_PKG_GIT);
 *     a codeload.github.com tarball -> its commit; other tarballs -> download URL (CRK_PKG_URL,
 *     "file:" tarballs CRK_PKG_LOCAL); directory -> CRK_PKG_LOCAL;
 *   - workspace projects (importers other than "."): a local component (CRK_PKG_LOCAL) at the
 *     importer's line, named and versioned by its package.json when the scan can read it, else
 *     named by a "link:" reference to it (no version); one nobody names is not a component and
 *     its dependencies hang from the product;
 *   - scope: 5.x/6.x "dev: true" -> dev, "optional: true" -> optional (pnpm computed them for
 *     every package); 9.0 dropped these flags, so scopes come from the graph walk
 *     (npm_common.h): the root importer's dependencies / optionalDependencies /
 *     devDependencies, then the edges (a workspace's devDependencies are dev edges);
 *   - edges: from each package (9.0: snapshot) to the packages its dependencies and
 *     optionalDependencies references name; from each workspace project to its dependencies of
 *     all three kinds ("link:" ones to the linked project); from the product (CRK_BOM_ROOT) to the
 *     root importer's dependencies and to every workspace project.
 * Errors: malformed YAML; a document that is not a mapping; lockfileVersion above 9; a
 * "packages" key that is not a dependency path ("invalid dependency path", reported after the
 * other packages are added, as osv-scalibr does).
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

struct str {
	const char *s;
	size_t n;
};

struct pp { /* a package of "packages" */
	const struct crk_yaml *key, *val;
	size_t id;
};

struct ws { /* a workspace project: an importer other than "." */
	struct str path; /* the importer key, "packages/lib-a" */
	const struct crk_yaml *key, *val;
	struct str name, version; /* from its package.json, else the name a link gives it */
	size_t id;
};

struct pnpm {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	int major; /* lockfile format: 5, 6 or 9 */
	struct pp *p; /* graph nodes 0..n-1 */
	size_t n;
	struct ws *ws; /* graph nodes n..n+nws-1 */
	size_t nws;
	struct crk_map keys;  /* packages key (v9: without peer suffix) -> index + 1 */
	struct crk_map wsmap; /* importer path -> ws index + 1 */
	struct crk_strbuf sb;
	struct crk_npm_edge *edges;
	size_t nedges, edgealloc;
	struct crk_npm_root *roots;
	size_t nroots, rootalloc;
	size_t budget; /* dependency items left: YAML aliases must not multiply the work */
	int bad_path;  /* first invalid dependency path seen */
	unsigned bad_line, bad_col;
	char bad[128];
};

static int oom(struct pnpm *p)
{
	return crk_err_set(p->err, CRK_ENOMEM, p->ctx->path, 0, 0, "out of memory");
}

static struct str sget(const struct crk_yaml *map, const char *key)
{
	struct str r = {NULL, 0};
	r.s = crk_npm__yscalar(crk_npm__ymap_get(map, key), &r.n);
	return r;
}

static int is_true(struct str s)
{
	return s.s && s.n == 4 && memcmp(s.s, "true", 4) == 0;
}

static const char *memchr_s(struct str s, char c)
{
	return s.n ? memchr(s.s, c, s.n) : NULL;
}

/* The part before a peer suffix: "1.0.0(peer@2)" / "1.0.0_peer@2" (5.x). */
static struct str cut_peer(struct str s, int major)
{
	size_t i;
	for (i = 0; i < s.n; i++)
		if (s.s[i] == '(' || (major < 6 && s.s[i] == '_'))
			break;
	s.n = i;
	return s;
}

/* Name and version of a dependency path; returns -1 when it is not a path at all. A path
 * with no version in it (file:) gives empty name and version. */
static int parse_path(struct pnpm *p, struct str k, struct str *name, struct str *version)
{
	const char *slash, *at;
	struct str rest;

	name->s = version->s = k.s;
	name->n = version->n = 0;
	if (k.n >= 5 && memcmp(k.s, "file:", 5) == 0)
		return 0;
	if (p->major >= 9) {
		at = k.n > 1 ? memchr(k.s + 1, '@', k.n - 1) : NULL;
		if (!at)
			return -1;
		name->n = (size_t)(at - k.s);
		version->s = at + 1;
		version->n = k.n - name->n - 1;
		*version = cut_peer(*version, 9);
		return 0;
	}
	slash = memchr_s(k, '/');
	if (!slash)
		return -1;
	rest.s = slash + 1;
	rest.n = k.n - (size_t)(rest.s - k.s);
	if (p->major >= 6) {
		/* "/name@1.0.0(peer)" or "/@scope/name@1.0.0" */
		struct str head = cut_peer(rest, 6);
		at = head.n > 1 ? memchr(head.s + 1, '@', head.n - 1) : NULL;
		if (at) {
			name->s = rest.s;
			name->n = (size_t)(at - rest.s);
			version->s = at + 1;
			version->n = head.n - name->n - 1;
			return 0;
		}
	}
	/* 5.x: "<host or empty>/name/version" or "/@scope/name/version", then "_peer" */
	{
		const char *e = rest.s + rest.n, *sl;
		name->s = rest.s;
		sl = memchr(rest.s, '/', rest.n);
		if (rest.n && rest.s[0] == '@' && sl)
			sl = memchr(sl + 1, '/', (size_t)(e - sl - 1));
		name->n = sl ? (size_t)(sl - rest.s) : rest.n;
		if (sl) {
			const char *vs = sl + 1, *ve = memchr(vs, '/', (size_t)(e - vs));
			version->s = vs;
			version->n = ve ? (size_t)(ve - vs) : (size_t)(e - vs);
			*version = cut_peer(*version, 5);
		}
	}
	return 0;
}

/* The "packages" key a reference from package `name` points at (in p->sb), or NULL for links. */
static int ref_key(struct pnpm *p, struct str name, struct str ref, struct str *out)
{
	struct str head = cut_peer(ref, p->major >= 6 ? 6 : 5);
	const char *at;
	if (!ref.n || (ref.n >= 5 && memcmp(ref.s, "link:", 5) == 0))
		return 0;
	crk_strbuf_reset(&p->sb);
	if (p->major >= 9) {
		at = head.n > 1 ? memchr(head.s + 1, '@', head.n - 1) : NULL;
		if (at) { /* an alias: "string-width@4.2.3" */
			crk_strbuf_add(&p->sb, head.s, head.n);
		} else {
			crk_strbuf_add(&p->sb, name.s, name.n);
			crk_strbuf_addch(&p->sb, '@');
			crk_strbuf_add(&p->sb, head.s, head.n); /* packages keys have no peers */
		}
	} else if (ref.s[0] == '/' || memchr_s(head, '/')) {
		crk_strbuf_add(&p->sb, ref.s, ref.n); /* a full path */
	} else {
		crk_strbuf_addch(&p->sb, '/');
		crk_strbuf_add(&p->sb, name.s, name.n);
		crk_strbuf_addch(&p->sb, p->major >= 6 ? '@' : '/');
		crk_strbuf_add(&p->sb, ref.s, ref.n);
	}
	if (!crk_strbuf_ok(&p->sb))
		return 0;
	out->s = p->sb.buf;
	out->n = p->sb.len;
	return 1;
}

static size_t find_ref(struct pnpm *p, struct str name, struct str ref)
{
	struct str k;
	void *v;
	if (!ref_key(p, name, ref, &k))
		return NO_ID;
	v = crk_map_get(&p->keys, k.s, k.n);
	return v ? (size_t)v - 1 : NO_ID;
}

/* The workspace a "link:" reference from the importer at `base` points at, or NO_ID. Paths are
 * joined and "." / ".." resolved lexically, as pnpm writes them. */
static size_t find_link(struct pnpm *p, struct str base, struct str rel)
{
	struct str parts[2];
	size_t k, i;
	void *v;
	parts[0] = base;
	parts[1] = rel;
	crk_strbuf_reset(&p->sb);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < parts[k].n;) {
			const char *seg = parts[k].s + i, *sl = memchr(seg, '/', parts[k].n - i);
			size_t sn = sl ? (size_t)(sl - seg) : parts[k].n - i;
			i += sn + 1;
			if (!sn || (sn == 1 && seg[0] == '.'))
				continue;
			if (sn == 2 && seg[0] == '.' && seg[1] == '.') {
				char *last;
				if (!p->sb.len)
					return NO_ID; /* outside the project */
				last = memrchr(p->sb.buf, '/', p->sb.len);
				p->sb.len = last ? (size_t)(last - p->sb.buf) : 0;
				p->sb.buf[p->sb.len] = '\0';
				continue;
			}
			if (p->sb.len)
				crk_strbuf_addch(&p->sb, '/');
			crk_strbuf_add(&p->sb, seg, sn);
		}
	}
	if (!crk_strbuf_ok(&p->sb))
		return NO_ID;
	v = crk_map_get(&p->wsmap, p->sb.buf, p->sb.len);
	return v ? (size_t)v - 1 : NO_ID;
}

/* Adds the edges a dependencies mapping gives: from graph node `from`, or from the product when
 * `from` is NO_ID (then `scope` is the direct dependencies' scope; else the edge kind). Values
 * are references or (6.x+ importers) {specifier, version}. `base` is the importer's path when
 * the mapping is an importer's ("link:" references name workspace projects), else NULL. */
static int each_dep(struct pnpm *p, const struct crk_yaml *deps, size_t from,
		    enum crk_scope scope, const struct str *base)
{
	size_t i;
	if (!crk_npm__yis_map(deps))
		return CRK_OK;
	for (i = 0; i < deps->nc; i += 2) {
		const struct crk_yaml *v = deps->c[i + 1];
		struct str name, ref;
		size_t to;
		if (!p->budget--)
			return crk_err_set(p->err, CRK_ELIMIT, p->ctx->path, deps->line, deps->col,
					   "YAML aliases repeat more dependencies than the file "
					   "holds");
		name.s = crk_npm__yscalar(deps->c[i], &name.n);
		if (crk_npm__yis_map(v))
			v = crk_npm__ymap_get(v, "version");
		ref.s = crk_npm__yscalar(v, &ref.n);
		if (!name.s || !ref.s)
			continue;
		if (base && ref.n > 5 && memcmp(ref.s, "link:", 5) == 0) {
			struct str rel = {ref.s + 5, ref.n - 5};
			size_t w = find_link(p, *base, rel);
			if (w == NO_ID)
				continue;
			if (!p->ws[w].name.n)
				p->ws[w].name = name;
			to = p->n + w;
		} else if ((to = find_ref(p, name, ref)) == NO_ID) {
			continue;
		}
		if (from == NO_ID) {
			if (crk_npm__root_push(&p->roots, &p->nroots, &p->rootalloc, to, scope))
				return oom(p);
		} else if (to != from && crk_npm__edge_push(&p->edges, &p->nedges, &p->edgealloc,
							    from, to, scope)) {
			return oom(p);
		}
	}
	return CRK_OK;
}

/* An importer's three dependency lists: the product's direct dependencies for ".", edges of
 * the scope's kind from a workspace project. */
static int importer_deps(struct pnpm *p, const struct crk_yaml *imp, size_t from,
			 const struct str *base)
{
	static const struct {
		const char *key;
		enum crk_scope scope;
	} groups[] = {
		{"dependencies", CRK_SCOPE_REQUIRED},
		{"optionalDependencies", CRK_SCOPE_OPTIONAL},
		{"devDependencies", CRK_SCOPE_DEV},
	};
	size_t g;
	int rc;
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		if ((rc = each_dep(p, crk_npm__ymap_get(imp, groups[g].key), from, groups[g].scope,
				   base)) != 0)
			return rc;
	return CRK_OK;
}

/* Name and version of a workspace project from its package.json, when the scan can read it. */
static int ws_manifest(struct pnpm *p, struct ws *w)
{
	struct crk_detect_ctx *ctx = p->ctx;
	const char *rel, *buf, *s;
	size_t len;
	struct crk_err e;
	json_error_t jerr;
	json_t *root;
	int rc;

	if (!crk_detect_can_read(ctx))
		return CRK_OK;
	rel = crk_arena_printf(ctx->arena, "%.*s/package.json", (int)w->path.n, w->path.s);
	if (!rel)
		return oom(p);
	rc = crk_detect_read(ctx, rel, (size_t)16 << 20, &buf, &len, NULL, &e);
	if (rc == CRK_ENOMEM)
		return oom(p);
	if (rc)
		return CRK_OK; /* not there, outside the scan, too big: the lockfile still counts */
	root = json_loadb(buf, len, 0, &jerr);
	if (json_is_object(root)) {
		if ((s = json_string_value(json_object_get(root, "name"))) && *s &&
		    !(w->name.s = crk_arena_strdup(ctx->arena, s)))
			rc = oom(p);
		else if (s && *s)
			w->name.n = strlen(s);
		if (!rc && (s = json_string_value(json_object_get(root, "version"))) && *s) {
			if (!(w->version.s = crk_arena_strdup(ctx->arena, s)))
				rc = oom(p);
			else
				w->version.n = strlen(s);
		}
	}
	json_decref(root);
	return rc;
}

static int add_ws(struct pnpm *p, struct ws *w, enum crk_scope scope)
{
	struct crk_arena *a = p->ctx->arena;
	struct crk_pkg pkg;
	if (!w->name.n)
		return CRK_OK;
	crk_detect_pkg_init(p->ctx, &pkg, "npm", "npm");
	pkg.line = w->key->line;
	pkg.scope = scope;
	pkg.flags = CRK_PKG_LOCAL;
	if (crk_npm__set_name(a, &pkg, w->name.s, w->name.n) ||
	    (w->version.n && !(pkg.version = crk_arena_strndup(a, w->version.s, w->version.n))))
		return oom(p);
	return crk_detect_add(p->ctx, &pkg, &w->id, p->err);
}

static int add_pkg(struct pnpm *p, struct pp *e, enum crk_scope scope)
{
	struct crk_detect_ctx *ctx = p->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	struct crk_pkg pkg;
	struct str k, name, version, s;
	const struct crk_yaml *res;
	size_t nh = 0;
	int from_key = 1;

	k.s = crk_npm__yscalar(e->key, &k.n);
	if (!k.s)
		return CRK_OK;
	if (parse_path(p, k, &name, &version)) {
		if (!p->bad_path) {
			p->bad_path = 1;
			p->bad_line = e->key->line;
			p->bad_col = e->key->col;
			crk_strbuf_reset(&p->sb);
			crk_strbuf_addf(&p->sb, "%.*s", (int)(k.n > 80 ? 80 : k.n), k.s);
			memcpy(p->bad, p->sb.buf, p->sb.len + 1 < sizeof(p->bad) ? p->sb.len + 1
									    : sizeof(p->bad));
			p->bad[sizeof(p->bad) - 1] = '\0';
		}
		return CRK_OK;
	}
	s = sget(e->val, "name");
	if (s.n)
		name = s;
	s = sget(e->val, "version");
	if (s.n) {
		version = s;
		from_key = 0;
	}
	if (!name.n || !version.n || (from_key && !crk_npm__starts_digit(version.s, version.n)))
		return CRK_OK;

	crk_detect_pkg_init(ctx, &pkg, "npm", "npm");
	pkg.line = e->key->line;
	pkg.scope = scope;
	if (crk_npm__set_name(a, &pkg, name.s, name.n) ||
	    !(pkg.version = crk_arena_strndup(a, version.s, version.n)))
		return oom(p);
	res = crk_npm__ymap_get(e->val, "resolution");
	s = sget(res, "integrity");
	if (s.n && crk_npm__sri(a, s.s, s.n, hashes, &nh, CRK_NPM_MAX_HASHES))
		return oom(p);
	pkg.hashes = hashes;
	pkg.nhashes = nh;
	s = sget(res, "commit");
	if (s.n) {
		struct str repo = sget(res, "repo");
		pkg.flags |= CRK_PKG_GIT;
		if (!(pkg.vcs_commit = crk_arena_strndup(a, s.s, s.n)) ||
		    (repo.n && !(pkg.vcs_url = crk_npm__clean_url(a, repo.s, repo.n))))
			return oom(p);
	}
	s = sget(res, "tarball");
	if (s.n) {
		struct crk_npm_source src;
		if (crk_npm__source(a, s.s, s.n, &src))
			return oom(p);
		if (src.git) {
			pkg.flags |= CRK_PKG_GIT;
			if (!pkg.vcs_commit && src.commit &&
			    !(pkg.vcs_commit = crk_arena_strndup(a, src.commit, src.commit_len)))
				return oom(p);
			if (!pkg.vcs_url)
				pkg.vcs_url = src.vcs_url;
		} else if (src.url) {
			pkg.flags |= CRK_PKG_URL;
		} else if (s.n >= 5 && memcmp(s.s, "file:", 5) == 0) {
			pkg.flags |= CRK_PKG_LOCAL;
		}
		pkg.download_url = src.url;
	}
	if (sget(res, "directory").n || (k.n >= 5 && memcmp(k.s, "file:", 5) == 0))
		pkg.flags |= CRK_PKG_LOCAL;
	return crk_detect_add(ctx, &pkg, &e->id, p->err);
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct pnpm p;
	struct crk_yaml *root;
	const struct crk_yaml *packages, *snapshots, *importers, *ver;
	unsigned char *scope = NULL;
	size_t i;
	int rc;

	rc = crk_npm__yaml_load(ctx, &root, err);
	if (rc || !root)
		return rc;
	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.err = err;
	p.budget = ctx->len + 1024;
	crk_map_init(&p.keys);
	crk_map_init(&p.wsmap);
	crk_strbuf_init(&p.sb, CRK_MAX_LINE);

	ver = crk_npm__ymap_get(root, "lockfileVersion");
	{
		size_t vn;
		const char *v = crk_npm__yscalar(ver, &vn);
		unsigned major = 0;
		for (i = 0; v && i < vn && v[i] >= '0' && v[i] <= '9' && major < 1000; i++)
			major = major * 10 + (unsigned)(v[i] - '0');
		if (v && (!vn || major > 9 || (i < vn && v[i] != '.'))) {
			rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, ver->line, ver->col,
					 "unsupported lockfileVersion '%.*s' (this reader knows 5.x, "
					 "6.x and 9.0)", (int)(vn > 20 ? 20 : vn), v);
			goto out;
		}
		p.major = major == 0 ? 5 : major < 6 ? 5 : major < 9 ? 6 : 9;
	}

	packages = crk_npm__ymap_get(root, "packages");
	if (crk_npm__yis_map(packages)) {
		p.p = crk_calloc(packages->nc / 2 + 1, sizeof(*p.p));
		if (!p.p) {
			rc = oom(&p);
			goto out;
		}
		for (i = 0; i < packages->nc; i += 2) {
			struct pp *e = &p.p[p.n];
			struct str k;
			e->key = packages->c[i];
			e->val = packages->c[i + 1];
			e->id = NO_ID;
			if (!(k.s = crk_npm__yscalar(e->key, &k.n)) || !k.n)
				continue;
			if (crk_map_put(&p.keys, k.s, k.n, (void *)(p.n + 1))) {
				rc = oom(&p);
				goto out;
			}
			p.n++;
		}
	}

	/* workspace projects: every importer but "." */
	importers = crk_npm__ymap_get(root, "importers");
	if (crk_npm__yis_map(importers)) {
		p.ws = crk_calloc(importers->nc / 2 + 1, sizeof(*p.ws));
		if (!p.ws) {
			rc = oom(&p);
			goto out;
		}
		for (i = 0; i < importers->nc; i += 2) {
			struct ws *w = &p.ws[p.nws];
			w->key = importers->c[i];
			w->val = importers->c[i + 1];
			w->id = NO_ID;
			if (!(w->path.s = crk_npm__yscalar(w->key, &w->path.n)) ||
			    (w->path.n == 1 && w->path.s[0] == '.'))
				continue;
			if (crk_map_put(&p.wsmap, w->path.s, w->path.n, (void *)(p.nws + 1)) ||
			    (rc = ws_manifest(&p, w)) != 0) {
				rc = rc ? rc : oom(&p);
				goto out;
			}
			p.nws++;
		}
	}

	/* the graph: package -> package, workspace -> package, product -> direct dependencies */
	snapshots = p.major >= 9 ? crk_npm__ymap_get(root, "snapshots") : NULL;
	if (crk_npm__yis_map(snapshots)) {
		for (i = 0; i < snapshots->nc; i += 2) {
			const struct crk_yaml *sv = snapshots->c[i + 1];
			struct str k;
			void *v;
			k.s = crk_npm__yscalar(snapshots->c[i], &k.n);
			if (!k.s)
				continue;
			k = cut_peer(k, 9);
			if (!(v = crk_map_get(&p.keys, k.s, k.n)))
				continue;
			if ((rc = each_dep(&p, crk_npm__ymap_get(sv, "dependencies"), (size_t)v - 1,
					   CRK_SCOPE_REQUIRED, NULL)) != 0 ||
			    (rc = each_dep(&p, crk_npm__ymap_get(sv, "optionalDependencies"),
					   (size_t)v - 1, CRK_SCOPE_OPTIONAL, NULL)) != 0)
				goto out;
		}
	} else {
		for (i = 0; i < p.n; i++) {
			if ((rc = each_dep(&p, crk_npm__ymap_get(p.p[i].val, "dependencies"), i,
					   CRK_SCOPE_REQUIRED, NULL)) != 0 ||
			    (rc = each_dep(&p, crk_npm__ymap_get(p.p[i].val, "optionalDependencies"),
					   i, CRK_SCOPE_OPTIONAL, NULL)) != 0)
				goto out;
		}
	}
	if (crk_npm__yis_map(importers)) {
		static const struct str dot = {".", 1};
		const struct crk_yaml *top = crk_npm__ymap_get(importers, ".");
		if (top && (rc = importer_deps(&p, top, NO_ID, &dot)) != 0)
			goto out;
		for (i = 0; i < p.nws; i++) {
			if ((rc = importer_deps(&p, p.ws[i].val, p.n + i, &p.ws[i].path)) != 0)
				goto out;
			/* workspace projects are parts of the product */
			if (crk_npm__root_push(&p.roots, &p.nroots, &p.rootalloc, p.n + i,
					       CRK_SCOPE_REQUIRED)) {
				rc = oom(&p);
				goto out;
			}
		}
	} else {
		static const struct str dot = {".", 1};
		if ((rc = importer_deps(&p, root, NO_ID, &dot)) != 0)
			goto out;
	}

	/* scopes: the graph walk; 5.x/6.x packages carry pnpm's own dev/optional flags */
	scope = crk_calloc(p.n + p.nws + 1, 1);
	if (!scope) {
		rc = oom(&p);
		goto out;
	}
	if (crk_npm__scopes(p.n + p.nws, p.edges, p.nedges, p.roots, p.nroots, scope)) {
		rc = oom(&p);
		goto out;
	}
	if (p.major < 9) {
		for (i = 0; i < p.n; i++) {
			if (is_true(sget(p.p[i].val, "dev")))
				scope[i] = CRK_SCOPE_DEV;
			else if (is_true(sget(p.p[i].val, "optional")))
				scope[i] = CRK_SCOPE_OPTIONAL;
			else
				scope[i] = CRK_SCOPE_REQUIRED;
		}
	}
	for (i = 0; i < p.n; i++)
		if ((rc = add_pkg(&p, &p.p[i], (enum crk_scope)scope[i])) != 0)
			goto out;
	for (i = 0; i < p.nws; i++)
		if ((rc = add_ws(&p, &p.ws[i], (enum crk_scope)scope[p.n + i])) != 0)
			goto out;
	for (i = 0; i < p.nedges; i++) {
		size_t fi = p.edges[i].from, ti = p.edges[i].to;
		size_t f = fi < p.n ? p.p[fi].id : p.ws[fi - p.n].id;
		size_t t = ti < p.n ? p.p[ti].id : p.ws[ti - p.n].id;
		/* the dependencies of a workspace project without a name hang from the product
		 * (NO_ID and CRK_BOM_ROOT are the same value: say which one is meant) */
		int hang = f == NO_ID && fi >= p.n;
		if ((f != NO_ID || hang) && t != NO_ID &&
		    crk_bom_add_dep(ctx->bom, hang ? CRK_BOM_ROOT : f, t) == CRK_ENOMEM) {
			rc = oom(&p);
			goto out;
		}
	}
	for (i = 0; i < p.nroots; i++) {
		size_t ti = p.roots[i].node;
		size_t t = ti < p.n ? p.p[ti].id : p.ws[ti - p.n].id;
		if (t != NO_ID && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, t) == CRK_ENOMEM) {
			rc = oom(&p);
			goto out;
		}
	}
	if (p.bad_path)
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, p.bad_line, p.bad_col,
				 "invalid dependency path '%s'", p.bad);
out:
	crk_free(scope);
	crk_free(p.p);
	crk_free(p.ws);
	crk_free(p.edges);
	crk_free(p.roots);
	crk_map_release(&p.keys);
	crk_map_release(&p.wsmap);
	crk_strbuf_release(&p.sb);
	return rc;
}

static int match(const char *relpath, size_t rellen, const char *name)
{
	if (strcmp(name, "pnpm-lock.yaml") != 0)
		return 0;
	return !(rellen >= 13 && memcmp(relpath, "node_modules/", 13) == 0) &&
	       !memmem(relpath, rellen, "/node_modules/", 14);
}

static const char *const names[] = {"pnpm-lock.yaml", NULL};

const struct crk_detector crk_detector_pnpm = {
	.name = "npm/pnpm-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "npm",
	.names = names,
	.match = match,
	.parse = parse,
	.doc = "pnpm-lock.yaml (lockfileVersion 5.x, 6.x, 9.0)",
};
