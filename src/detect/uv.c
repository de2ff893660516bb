/*
 * uv.c - uv.lock, the lock file of Astral's uv.
 *
 * Format: TOML, https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile and uv's
 * crates/uv-resolver/src/lock (the writer):
 *
 *   version = 1
 *   revision = 2
 *   requires-python = ">=3.10"
 *   [[package]]                       ([[distribution]] in uv before 0.3)
 *   name = "black"                    (normalised by uv)
 *   version = "24.10.0"               (absent for a member whose version is dynamic)
 *   source = { registry = "https://pypi.org/simple" }
 *            { git = "https://github.com/org/repo?rev=main#<commit>" }
 *            { url = "https://.../x.tar.gz" }  { path = "..." }  { directory = "..." }
 *            { editable = "." }  { virtual = "." }   (workspace members: the project itself)
 *   dependencies = [{ name = "click" }, { name = "tomli", marker = "..." },
 *                   { name = "requests", extra = ["socks"] },
 *                   { name = "x", version = "1.0", source = {...} }]  (version/source when
 *                                                                     the name is ambiguous)
 *   sdist = { url = "...", hash = "sha256:...", size = 1 }
 *   wheels = [{ url = "...", hash = "sha256:...", size = 1 }]
 *   [package.optional-dependencies]   (extras: extra name -> entries like `dependencies`)
 *   [package.dev-dependencies]        (dependency groups, PEP 735: group -> entries)
 *   [package.metadata]                (the member's requirements as written: not locked)
 *
 * What is reported:
 *   - every package but the workspace members (source virtual or editable: the project being
 *     scanned, as osv-scalibr) as pkg:pypi/NAME@VERSION, line of its `name` key; path, directory
 *     and editable-less local packages get CRK_PKG_LOCAL, url ones CRK_PKG_URL and download_url,
 *     git ones CRK_PKG_GIT, vcs_url (without query and fragment), vcs_commit (the fragment) and
 *     the property git_ref (the query); registry packages the sdist URL as download_url and,
 *     for an index other than PyPI, the property source_url;
 *   - hashes of the sdist and of every wheel;
 *   - scope by reachability from the members: what their `dependencies` need (following `extra`
 *     requests into the target's optional-dependencies) is required; what only their extras
 *     need is optional (CRK_SCOPE_OPTIONAL), except the extra named "dev", which by convention
 *     holds development tools; what only their dev-dependencies groups (or the "dev" extra)
 *     need is CRK_SCOPE_DEV. A lock without members leaves every package required;
 *   - edges from each package to the packages its entries name (resolved by name, then version
 *     when given); the entries of the members are the direct dependencies (CRK_BOM_ROOT).
 *
 * Errors: not TOML (CRK_EPARSE with the parser's line:col), `package` not an array of tables
 * (CRK_EPARSE), a `version` other than 1 (CRK_EUNSUPPORTED). A package without a name is a
 * warning and skipped.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "formats/toml.h"
#include "base/banned.h"

#define UV_LOCK_VERSION_MAX 1
#define SCOPE_UNSET 99
#define MAX_FANOUT 64 /* packages one entry may name (versions split by markers) */

struct upkg {
	const struct crk_toml_node *node;
	const char *name, *version, *norm;
	unsigned line;
	int member; /* virtual / editable: the project itself */
	int scope;  /* enum crk_scope, or SCOPE_UNSET */
	size_t id;
	struct upkg *next;    /* same normalised name */
	struct upkg *next_nv; /* same normalised name and version */
};

/* A list of dependency entries still to walk in the reachability pass: the `dependencies` of a
 * package, one of its extras, or one of its dev groups. */
enum list_kind { L_DEPS, L_EXTRA, L_GROUP };
struct item {
	struct upkg *pkg;
	enum list_kind kind;
	const char *name; /* extra or group */
};

struct walk {
	struct item *v;
	size_t n, alloc, head;
	struct crk_map seen; /* "<pkg index>:<kind>:<name>" */
};

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

__attribute__((format(printf, 3, 4))) static void warn(struct crk_detect_ctx *ctx,
							const struct crk_toml_node *at,
							const char *fmt, ...)
{
	struct crk_err e;
	va_list ap;
	if (!ctx->diags)
		return;
	va_start(ap, fmt);
	crk_err_vset(&e, CRK_EPARSE, ctx->path, at ? at->line : 0, at ? at->col : 0, fmt, ap);
	va_end(ap);
	crk_diags_add(ctx->diags, &e);
}

static int add_edge(struct crk_detect_ctx *ctx, size_t from, size_t to, struct crk_err *err)
{
	int rc;
	if (to == (size_t)-1) /* `from` is CRK_BOM_ROOT or a component: callers check */
		return CRK_OK;
	rc = crk_bom_add_dep(ctx->bom, from, to);
	if (rc == CRK_ENOMEM)
		return oom(ctx, err);
	if (rc == CRK_ELIMIT)
		warn(ctx, NULL, "more than %zu dependencies on one package; some dropped",
		     CRK_MAX_DEPS_PER_COMPONENT);
	return CRK_OK;
}

/* PEP 503 normalisation: lowercase, every run of '-', '_', '.' becomes one '-'. */
static const char *pep503(struct crk_arena *a, const char *s, size_t n)
{
	char *o = crk_arena_alloc(a, n + 1);
	size_t i, k = 0;
	if (!o)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' || c == '_' || c == '.') {
			if (k && o[k - 1] == '-')
				continue;
			c = '-';
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		o[k++] = c;
	}
	o[k] = '\0';
	return o;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "sha256:HEX" -> a CycloneDX hash in the arena; 1 when added, 0 when not a known hash, -1 on
 * ENOMEM. */
static int parse_hash(struct crk_arena *a, const char *v, struct crk_hash *out)
{
	static const struct {
		const char *pfx, *cdx;
		size_t hexlen;
	} algs[] = {{"md5:", "MD5", 32},
		    {"sha1:", "SHA-1", 40},
		    {"sha256:", "SHA-256", 64},
		    {"sha384:", "SHA-384", 96},
		    {"sha512:", "SHA-512", 128}};
	size_t k, i;
	for (k = 0; v && k < sizeof(algs) / sizeof(algs[0]); k++) {
		size_t pl = strlen(algs[k].pfx);
		char *hex;
		if (strncmp(v, algs[k].pfx, pl) != 0 || strlen(v + pl) != algs[k].hexlen)
			continue;
		for (i = 0; i < algs[k].hexlen; i++)
			if (!is_hex(v[pl + i]))
				return 0;
		if (!(hex = crk_arena_strdup(a, v + pl)))
			return -1;
		for (i = 0; hex[i]; i++)
			if (hex[i] >= 'A' && hex[i] <= 'F')
				hex[i] = (char)(hex[i] - 'A' + 'a');
		out->alg = algs[k].cdx;
		out->value = hex;
		return 1;
	}
	return 0;
}

static int push_hash(struct crk_arena *a, const char *v, struct crk_hash *hs, size_t *nh,
		     size_t max)
{
	size_t j;
	int r;
	if (*nh >= max)
		return 0;
	r = parse_hash(a, v, &hs[*nh]);
	if (r <= 0)
		return r;
	for (j = 0; j < *nh; j++)
		if (strcmp(hs[j].value, hs[*nh].value) == 0)
			return 0;
	(*nh)++;
	return 0;
}

static int is_pypi(const char *url)
{
	return strcmp(url, "https://pypi.org/simple") == 0 ||
	       strcmp(url, "https://pypi.org/simple/") == 0;
}

static int add_package(struct crk_detect_ctx *ctx, struct upkg *up, struct crk_err *err)
{
	const struct crk_toml_node *t = up->node, *src = crk_toml_get(t, "source");
	const struct crk_toml_node *sdist = crk_toml_get(t, "sdist");
	const struct crk_toml_node *wheels = crk_toml_get(t, "wheels");
	struct crk_pkg pkg;
	struct crk_kv props[2];
	struct crk_hash *hs;
	size_t np = 0, nh = 0, max, i;
	const char *s;

	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = up->name;
	pkg.version = up->version;
	pkg.line = up->line;
	pkg.scope = up->scope == SCOPE_UNSET ? CRK_SCOPE_REQUIRED : (enum crk_scope)up->scope;
	if (!pkg.version)
		pkg.flags |= CRK_PKG_UNPINNED;
	if ((s = crk_toml_get_str(src, "git")) != NULL) {
		const char *hash_mark = strchr(s, '#'), *q = strchr(s, '?');
		size_t ulen = hash_mark ? (size_t)(hash_mark - s) : strlen(s);
		if (q && (size_t)(q - s) < ulen) {
			props[np].key = "git_ref";
			props[np].value = crk_arena_strndup(ctx->arena, q + 1,
							    ulen - (size_t)(q - s) - 1);
			if (!props[np].value)
				return oom(ctx, err);
			if (*props[np].value)
				np++;
			ulen = (size_t)(q - s);
		}
		if (strncmp(s, "git+", 4) == 0 && ulen >= 4) {
			s += 4;
			ulen -= 4;
		}
		pkg.flags |= CRK_PKG_GIT;
		if (!(pkg.vcs_url = crk_arena_strndup(ctx->arena, s, ulen)))
			return oom(ctx, err);
		if (hash_mark && hash_mark[1])
			pkg.vcs_commit = hash_mark + 1;
	} else if ((s = crk_toml_get_str(src, "url")) != NULL) {
		pkg.flags |= CRK_PKG_URL;
		pkg.download_url = s;
	} else if (crk_toml_get(src, "path") || crk_toml_get(src, "directory")) {
		pkg.flags |= CRK_PKG_LOCAL;
	} else if ((s = crk_toml_get_str(src, "registry")) != NULL) {
		pkg.download_url = crk_toml_get_str(sdist, "url");
		if (!is_pypi(s)) {
			props[np].key = "source_url";
			props[np++].value = s;
		}
	}
	max = 1 + crk_toml_len(wheels);
	if (!(hs = crk_arena_array(ctx->arena, max, sizeof(*hs))))
		return oom(ctx, err);
	if (push_hash(ctx->arena, crk_toml_get_str(sdist, "hash"), hs, &nh, max))
		return oom(ctx, err);
	for (i = 0; i < crk_toml_len(wheels); i++)
		if (push_hash(ctx->arena, crk_toml_get_str(crk_toml_at(wheels, i), "hash"), hs, &nh,
			      max))
			return oom(ctx, err);
	pkg.hashes = nh ? hs : NULL;
	pkg.nhashes = nh;
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &up->id, err);
}

/* The entries of a list: dependencies, optional-dependencies[name] or dev-dependencies[name]. */
static const struct crk_toml_node *list_of(const struct upkg *p, enum list_kind k,
					   const char *name)
{
	if (k == L_DEPS)
		return crk_toml_get(p->node, "dependencies");
	return crk_toml_get(crk_toml_get(p->node, k == L_EXTRA ? "optional-dependencies"
							       : "dev-dependencies"),
			    name);
}

/* The locked packages an entry { name, version? } names (in the arena). -1 on ENOMEM. */
static int resolve(struct crk_detect_ctx *ctx, struct crk_map *by_norm,
		   const struct crk_toml_node *entry, struct upkg ***out, size_t *nout)
{
	const char *name = crk_toml_get_str(entry, "name");
	const char *version = crk_toml_get_str(entry, "version");
	const char *key;
	struct upkg *c, *first, **v;
	size_t n = 0, cap = 0;

	*out = NULL;
	*nout = 0;
	if (!name)
		return 0;
	/* by_norm maps "name" and "name\nversion" (normalised) to chains of packages */
	if (!(key = pep503(ctx->arena, name, strlen(name))) ||
	    (version && !(key = crk_arena_printf(ctx->arena, "%s\n%s", key, version))))
		return -1;
	first = crk_map_get(by_norm, key, strlen(key));
	for (c = first; c && cap < MAX_FANOUT; c = version ? c->next_nv : c->next)
		cap++;
	if (!cap)
		return 0;
	if (!(v = crk_arena_array(ctx->arena, cap, sizeof(*v))))
		return -1;
	for (c = first; c && n < cap; c = version ? c->next_nv : c->next)
		v[n++] = c;
	*out = v;
	*nout = n;
	return 0;
}

static int walk_push(struct crk_detect_ctx *ctx, struct walk *w, struct upkg *base,
		     struct upkg *p, enum list_kind k, const char *name)
{
	char *key = crk_arena_printf(ctx->arena, "%zu:%d:%s", (size_t)(p - base), (int)k,
				     name ? name : "");
	void *old;
	if (!key || crk_map_put_new(&w->seen, key, strlen(key), p, &old))
		return -1;
	if (old)
		return 0;
	if (w->n == w->alloc) {
		size_t na = w->alloc ? w->alloc * 2 : 64;
		struct item *nv = crk_arena_array(ctx->arena, na, sizeof(*nv));
		if (!nv)
			return -1;
		if (w->n)
			memcpy(nv, w->v, w->n * sizeof(*nv));
		w->v = nv;
		w->alloc = na;
	}
	w->v[w->n].pkg = p;
	w->v[w->n].kind = k;
	w->v[w->n].name = name;
	w->n++;
	return 0;
}

/* Marks with `scope` every package reachable from the items already queued in `w`. */
static int walk_run(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct upkg *base,
		    struct walk *w, int scope)
{
	while (w->head < w->n) {
		struct item it = w->v[w->head++];
		const struct crk_toml_node *list = list_of(it.pkg, it.kind, it.name);
		size_t i, j, k;
		if (it.pkg->scope == SCOPE_UNSET)
			it.pkg->scope = scope;
		for (i = 0; i < crk_toml_len(list); i++) {
			const struct crk_toml_node *e = crk_toml_at(list, i);
			const struct crk_toml_node *extras = crk_toml_get(e, "extra");
			struct upkg **to;
			size_t nto;
			if (resolve(ctx, by_norm, e, &to, &nto))
				return -1;
			for (j = 0; j < nto; j++) {
				if (walk_push(ctx, w, base, to[j], L_DEPS, NULL))
					return -1;
				for (k = 0; k < crk_toml_len(extras); k++) {
					const char *x = crk_toml_str(crk_toml_at(extras, k));
					if (x && walk_push(ctx, w, base, to[j], L_EXTRA, x))
						return -1;
				}
			}
		}
	}
	return 0;
}

/* Scopes by reachability (see the file comment). */
static int assign_scopes(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct upkg *ups,
			 size_t n)
{
	static const int scopes[] = {CRK_SCOPE_REQUIRED, CRK_SCOPE_OPTIONAL, CRK_SCOPE_DEV};
	struct walk w;
	size_t pass, i, k;
	int rc = 0;

	memset(&w, 0, sizeof(w));
	crk_map_init(&w.seen);
	for (pass = 0; pass < 3 && !rc; pass++) {
		for (i = 0; i < n && !rc; i++) {
			const struct crk_toml_node *opt, *dev;
			if (!ups[i].member)
				continue;
			opt = crk_toml_get(ups[i].node, "optional-dependencies");
			dev = crk_toml_get(ups[i].node, "dev-dependencies");
			if (pass == 0)
				rc = walk_push(ctx, &w, ups, &ups[i], L_DEPS, NULL);
			for (k = 0; k < crk_toml_table_len(opt) && !rc; k++) {
				/* extras in pass 1, but the "dev" extra in pass 2 */
				const char *x = crk_toml_table_at(opt, k)->key;
				int is_dev = strcmp(x, "dev") == 0;
				if ((pass == 1 && !is_dev) || (pass == 2 && is_dev))
					rc = walk_push(ctx, &w, ups, &ups[i], L_EXTRA, x);
			}
			for (k = 0; k < crk_toml_table_len(dev) && !rc && pass == 2; k++)
				rc = walk_push(ctx, &w, ups, &ups[i], L_GROUP,
					       crk_toml_table_at(dev, k)->key);
		}
		if (!rc)
			rc = walk_run(ctx, by_norm, ups, &w, scopes[pass]);
	}
	crk_map_release(&w.seen);
	return rc;
}

/* Edges of one list of entries from `from` (a component id or CRK_BOM_ROOT). */
static int add_list_edges(struct crk_detect_ctx *ctx, struct crk_map *by_norm, size_t from,
			  const struct crk_toml_node *list, struct crk_err *err)
{
	size_t i, j;
	int rc;
	for (i = 0; i < crk_toml_len(list); i++) {
		const struct crk_toml_node *e = crk_toml_at(list, i);
		struct upkg **to;
		size_t nto;
		if (resolve(ctx, by_norm, e, &to, &nto))
			return oom(ctx, err);
		if (!nto && crk_toml_get_str(e, "name"))
			warn(ctx, e, "dependency '%s' is not a locked package; ignored",
			     crk_toml_get_str(e, "name"));
		for (j = 0; j < nto; j++)
			if (!to[j]->member && (rc = add_edge(ctx, from, to[j]->id, err)) != CRK_OK)
				return rc;
	}
	return CRK_OK;
}

static int add_edges(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct upkg *up,
		     struct crk_err *err)
{
	static const char *const tabs[] = {"optional-dependencies", "dev-dependencies"};
	size_t from = up->member ? CRK_BOM_ROOT : up->id, t, k;
	int rc;
	if (!up->member && up->id == (size_t)-1)
		return CRK_OK;
	if ((rc = add_list_edges(ctx, by_norm, from, crk_toml_get(up->node, "dependencies"),
				 err)) != CRK_OK)
		return rc;
	for (t = 0; t < 2; t++) {
		const struct crk_toml_node *tab = crk_toml_get(up->node, tabs[t]);
		for (k = 0; k < crk_toml_table_len(tab); k++)
			if ((rc = add_list_edges(ctx, by_norm, from,
						 crk_toml_table_at(tab, k)->val, err)) != CRK_OK)
				return rc;
	}
	return CRK_OK;
}

static int uv_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *pkgs, *ver;
	struct crk_map by_norm = CRK_MAP_INIT;
	struct upkg *ups = NULL;
	size_t n = 0, i;
	int64_t version = 0;
	int rc;

	if ((rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err)) != CRK_OK)
		return rc;
	ver = crk_toml_get(root, "version");
	if (ver && crk_toml_int(ver, &version))
		return crk_err_set(err, CRK_EPARSE, ctx->path, ver->line, ver->col,
				   "'version' is a %s, not an integer",
				   crk_toml_type_name(ver->type));
	if (ver && (version < 1 || version > UV_LOCK_VERSION_MAX))
		return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, ver->line, ver->col,
				   "unsupported uv.lock version %lld (this reader knows %d)",
				   (long long)version, UV_LOCK_VERSION_MAX);
	pkgs = crk_toml_get(root, "package");
	if (!pkgs)
		pkgs = crk_toml_get(root, "distribution");
	if (pkgs && !crk_toml_is_array(pkgs))
		return crk_err_set(err, CRK_EPARSE, ctx->path, pkgs->line, pkgs->col,
				   "'package' is a %s, not an array of tables",
				   crk_toml_type_name(pkgs->type));
	if (crk_toml_len(pkgs) &&
	    !(ups = crk_arena_array(ctx->arena, crk_toml_len(pkgs), sizeof(*ups))))
		return oom(ctx, err);

	for (i = 0; i < crk_toml_len(pkgs); i++) {
		const struct crk_toml_node *t = crk_toml_at(pkgs, i);
		const struct crk_toml_node *name = crk_toml_get(t, "name"), *src;
		struct upkg *up = &ups[n];
		if (!crk_toml_is_table(t)) {
			warn(ctx, t, "a [[package]] entry is not a table; skipped");
			continue;
		}
		up->node = t;
		up->name = crk_toml_str(name);
		up->version = crk_toml_get_str(t, "version");
		up->line = name ? name->line : t->line;
		up->scope = SCOPE_UNSET;
		up->id = (size_t)-1;
		if (up->version && !*up->version)
			up->version = NULL;
		if (!up->name || !*up->name) {
			warn(ctx, name ? name : t, "a [[package]] entry has no name; skipped");
			continue;
		}
		src = crk_toml_get(t, "source");
		up->member = crk_toml_get(src, "virtual") || crk_toml_get(src, "editable");
		if (!(up->norm = pep503(ctx->arena, up->name, strlen(up->name)))) {
			rc = oom(ctx, err);
			goto out;
		}
		up->next = crk_map_get(&by_norm, up->norm, strlen(up->norm));
		if (crk_map_put(&by_norm, up->norm, strlen(up->norm), up)) {
			rc = oom(ctx, err);
			goto out;
		}
		if (up->version) {
			const char *nv = crk_arena_printf(ctx->arena, "%s\n%s", up->norm, up->version);
			if (!nv) {
				rc = oom(ctx, err);
				goto out;
			}
			up->next_nv = crk_map_get(&by_norm, nv, strlen(nv));
			if (crk_map_put(&by_norm, nv, strlen(nv), up)) {
				rc = oom(ctx, err);
				goto out;
			}
		}
		n++;
	}
	if (assign_scopes(ctx, &by_norm, ups, n)) {
		rc = oom(ctx, err);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!ups[i].member && (rc = add_package(ctx, &ups[i], err)) != CRK_OK)
			goto out;
	for (i = 0; i < n; i++)
		if ((rc = add_edges(ctx, &by_norm, &ups[i], err)) != CRK_OK)
			goto out;
	rc = CRK_OK;
out:
	crk_map_release(&by_norm);
	return rc;
}

static const char *const uv_names[] = {"uv.lock", NULL};

const struct crk_detector crk_detector_uv = {
	.name = "pypi/uv-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "PyPI",
	.names = uv_names,
	.parse = uv_parse,
	.doc = "uv.lock (uv, lock file version 1)",
};
