/*
 * pylock.c - pylock.toml, the standard Python lock file of PEP 751
 * (https://packaging.python.org/en/latest/specifications/pylock-toml/), written by pip
 * (`pip lock`), uv (`uv export -o pylock.toml`), PDM and others.
 *
 * Format: TOML. The file is `pylock.toml` or `pylock.<name>.toml` (<name> without dots):
 *
 *   lock-version = "1.0"
 *   created-by = "uv"
 *   extras = [...]  dependency-groups = [...]  default-groups = [...]  environments = [...]
 *   [[packages]]
 *   name = "click"
 *   version = "8.2.1"                 (optional: absent for a source tree of dynamic version)
 *   marker = "'dev' in dependency_groups"
 *   dependencies = [{ name = "colorama" }]     (optional; version etc. when ambiguous)
 *   index = "https://pypi.org/simple"
 *   and one source: vcs = { type = "git", url = "...", requested-revision = "main",
 *                           commit-id = "735093f0..." }
 *                   directory = { path = ".", editable = true }
 *                   archive = { url = "...", hashes = { sha256 = "..." } }
 *                   sdist = { name, url, hashes = { sha256 = "..." } }  and/or
 *                   wheels = [{ name, url, hashes = { sha256 = "..." } }]
 *   [packages.tool.<name>]            (tool-specific: ignored)
 *
 * What is reported:
 *   - every [[packages]] entry as pkg:pypi/NAME@VERSION, ecosystem PyPI, line of its `name` key
 *     (as osv-scalibr); the entry for the project itself (`directory` with path "."; pip and uv
 *     write it) is not a component, as osv-scalibr; another entry without version is reported
 *     CRK_PKG_UNPINNED;
 *   - hashes of the sdist, every wheel and the archive (`hashes` tables: md5, sha1, sha256,
 *     sha384, sha512 kept; others ignored);
 *   - vcs git: CRK_PKG_GIT, vcs_url, vcs_commit = commit-id, property git_ref =
 *     requested-revision; directory: CRK_PKG_LOCAL (+ CRK_PKG_EDITABLE); archive: CRK_PKG_URL
 *     and download_url (a local archive path: CRK_PKG_LOCAL); an index: download_url = the sdist
 *     URL, and for an index other than PyPI the property source_url;
 *   - `marker` as the property "marker". Scope is required: which extras and dependency groups
 *     need a package is written in its marker, which crakit does not evaluate;
 *   - edges from each package to what its `dependencies` name (by name, then version when
 *     given). The file does not say which packages the project needs directly.
 *
 * Errors: not TOML (CRK_EPARSE with the parser's line:col), `packages` not an array of tables
 * (CRK_EPARSE), a lock-version other than 1.x (CRK_EUNSUPPORTED). An entry without a name is a
 * warning and skipped.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "formats/toml.h"
#include "base/banned.h"

#define MAX_FANOUT 64 /* packages one entry may name (versions split by markers) */

struct lpkg {
	const struct crk_toml_node *node;
	const char *name, *version, *norm;
	unsigned line;
	size_t id;
	struct lpkg *next;    /* same normalised name */
	struct lpkg *next_nv; /* same normalised name and version */
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
	if (from == (size_t)-1 || to == (size_t)-1)
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

/* Appends the known entries of a `hashes` table ({sha256 = "hex", ...}) to hs[*nh]. */
static int add_hashes(struct crk_arena *a, const struct crk_toml_node *hashes,
		      struct crk_hash *hs, size_t *nh, size_t max)
{
	static const struct {
		const char *key, *cdx;
		size_t hexlen;
	} algs[] = {{"md5", "MD5", 32},
		    {"sha1", "SHA-1", 40},
		    {"sha256", "SHA-256", 64},
		    {"sha384", "SHA-384", 96},
		    {"sha512", "SHA-512", 128}};
	size_t k, i, j;
	for (k = 0; k < sizeof(algs) / sizeof(algs[0]) && *nh < max; k++) {
		const char *v = crk_toml_get_str(hashes, algs[k].key);
		char *hex;
		if (!v || strlen(v) != algs[k].hexlen)
			continue;
		for (i = 0; i < algs[k].hexlen && is_hex(v[i]); i++)
			;
		if (i < algs[k].hexlen)
			continue;
		if (!(hex = crk_arena_strdup(a, v)))
			return -1;
		for (i = 0; hex[i]; i++)
			if (hex[i] >= 'A' && hex[i] <= 'F')
				hex[i] = (char)(hex[i] - 'A' + 'a');
		for (j = 0; j < *nh; j++)
			if (strcmp(hs[j].value, hex) == 0)
				break;
		if (j < *nh)
			continue;
		hs[*nh].alg = algs[k].cdx;
		hs[*nh].value = hex;
		(*nh)++;
	}
	return 0;
}

static int is_pypi(const char *url)
{
	return strcmp(url, "https://pypi.org/simple") == 0 ||
	       strcmp(url, "https://pypi.org/simple/") == 0;
}

/* 1 for the entry of the project itself: a source tree at the lock file's directory. */
static int is_self(const struct crk_toml_node *t)
{
	const char *path = crk_toml_get_str(crk_toml_get(t, "directory"), "path");
	return path && (strcmp(path, ".") == 0 || strcmp(path, "./") == 0);
}

static int add_package(struct crk_detect_ctx *ctx, struct lpkg *lp, struct crk_err *err)
{
	const struct crk_toml_node *t = lp->node, *vcs = crk_toml_get(t, "vcs");
	const struct crk_toml_node *dir = crk_toml_get(t, "directory");
	const struct crk_toml_node *archive = crk_toml_get(t, "archive");
	const struct crk_toml_node *sdist = crk_toml_get(t, "sdist");
	const struct crk_toml_node *wheels = crk_toml_get(t, "wheels");
	const char *index = crk_toml_get_str(t, "index"), *marker = crk_toml_get_str(t, "marker");
	struct crk_pkg pkg;
	struct crk_kv props[3];
	struct crk_hash *hs;
	size_t np = 0, nh = 0, max = 5 * (2 + crk_toml_len(wheels)), i;
	int editable = 0;

	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = lp->name;
	pkg.version = lp->version;
	pkg.line = lp->line;
	if (!pkg.version)
		pkg.flags |= CRK_PKG_UNPINNED;
	if (crk_toml_is_table(vcs)) {
		const char *type = crk_toml_get_str(vcs, "type");
		const char *rev = crk_toml_get_str(vcs, "requested-revision");
		pkg.vcs_url = crk_toml_get_str(vcs, "url");
		pkg.vcs_commit = crk_toml_get_str(vcs, "commit-id");
		pkg.flags |= type && strcmp(type, "git") == 0 ? CRK_PKG_GIT : CRK_PKG_URL;
		if (!pkg.vcs_url && crk_toml_get(vcs, "path"))
			pkg.flags |= CRK_PKG_LOCAL;
		if (rev && *rev && (!pkg.vcs_commit || strcmp(rev, pkg.vcs_commit) != 0)) {
			props[np].key = "git_ref";
			props[np++].value = rev;
		}
	} else if (crk_toml_is_table(dir)) {
		pkg.flags |= CRK_PKG_LOCAL;
		(void)crk_toml_bool(crk_toml_get(dir, "editable"), &editable);
		if (editable)
			pkg.flags |= CRK_PKG_EDITABLE;
	} else if (crk_toml_is_table(archive)) {
		pkg.download_url = crk_toml_get_str(archive, "url");
		pkg.flags |= pkg.download_url ? CRK_PKG_URL : CRK_PKG_LOCAL;
	} else {
		pkg.download_url = crk_toml_get_str(sdist, "url");
		if (index && !is_pypi(index)) {
			props[np].key = "source_url";
			props[np++].value = index;
		}
	}
	if (marker && *marker) {
		props[np].key = "marker";
		props[np++].value = marker;
	}
	if (!(hs = crk_arena_array(ctx->arena, max, sizeof(*hs))))
		return oom(ctx, err);
	if (add_hashes(ctx->arena, crk_toml_get(sdist, "hashes"), hs, &nh, max) ||
	    add_hashes(ctx->arena, crk_toml_get(archive, "hashes"), hs, &nh, max))
		return oom(ctx, err);
	for (i = 0; i < crk_toml_len(wheels); i++)
		if (add_hashes(ctx->arena, crk_toml_get(crk_toml_at(wheels, i), "hashes"), hs, &nh,
			       max))
			return oom(ctx, err);
	pkg.hashes = nh ? hs : NULL;
	pkg.nhashes = nh;
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &lp->id, err);
}

static int add_deps(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct lpkg *lp,
		    struct crk_err *err)
{
	const struct crk_toml_node *deps = crk_toml_get(lp->node, "dependencies");
	size_t i;
	int rc;
	for (i = 0; i < crk_toml_len(deps); i++) {
		const struct crk_toml_node *d = crk_toml_at(deps, i);
		const char *name = crk_toml_get_str(d, "name"), *ver = crk_toml_get_str(d, "version");
		const char *key;
		struct lpkg *to;
		int found = 0;
		if (!name)
			continue;
		/* by_norm maps "name" and "name\nversion" (normalised) to chains of packages */
		if (!(key = pep503(ctx->arena, name, strlen(name))) ||
		    (ver && !(key = crk_arena_printf(ctx->arena, "%s\n%s", key, ver))))
			return oom(ctx, err);
		for (to = crk_map_get(by_norm, key, strlen(key)); to && found < MAX_FANOUT;
		     to = ver ? to->next_nv : to->next) {
			found++;
			if ((rc = add_edge(ctx, lp->id, to->id, err)) != CRK_OK)
				return rc;
		}
		if (!found)
			warn(ctx, d, "dependency '%s' is not a locked package; ignored", name);
	}
	return CRK_OK;
}

static int pylock_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *pkgs, *lv;
	struct crk_map by_norm = CRK_MAP_INIT;
	struct lpkg *lps = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err)) != CRK_OK)
		return rc;
	lv = crk_toml_get(root, "lock-version");
	if (lv) {
		const char *s = crk_toml_str(lv);
		if (!s || !(s[0] == '1' && (s[1] == '\0' || s[1] == '.')))
			return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, lv->line, lv->col,
					   "unsupported pylock.toml lock-version '%s' (this reader "
					   "knows 1.x)",
					   s ? s : crk_toml_type_name(lv->type));
	}
	pkgs = crk_toml_get(root, "packages");
	if (pkgs && !crk_toml_is_array(pkgs))
		return crk_err_set(err, CRK_EPARSE, ctx->path, pkgs->line, pkgs->col,
				   "'packages' is a %s, not an array of tables",
				   crk_toml_type_name(pkgs->type));
	if (crk_toml_len(pkgs) &&
	    !(lps = crk_arena_array(ctx->arena, crk_toml_len(pkgs), sizeof(*lps))))
		return oom(ctx, err);

	for (i = 0; i < crk_toml_len(pkgs); i++) {
		const struct crk_toml_node *t = crk_toml_at(pkgs, i);
		const struct crk_toml_node *name = crk_toml_get(t, "name");
		struct lpkg *lp = &lps[n];
		if (!crk_toml_is_table(t)) {
			warn(ctx, t, "a [[packages]] entry is not a table; skipped");
			continue;
		}
		lp->node = t;
		lp->name = crk_toml_str(name);
		lp->version = crk_toml_get_str(t, "version");
		lp->line = name ? name->line : t->line;
		lp->id = (size_t)-1;
		if (lp->version && !*lp->version)
			lp->version = NULL;
		if (!lp->name || !*lp->name) {
			warn(ctx, name ? name : t, "a [[packages]] entry has no name; skipped");
			continue;
		}
		if (is_self(t))
			continue; /* the project itself */
		if (!(lp->norm = pep503(ctx->arena, lp->name, strlen(lp->name)))) {
			rc = oom(ctx, err);
			goto out;
		}
		if ((rc = add_package(ctx, lp, err)) != CRK_OK)
			goto out;
		lp->next = crk_map_get(&by_norm, lp->norm, strlen(lp->norm));
		if (crk_map_put(&by_norm, lp->norm, strlen(lp->norm), lp)) {
			rc = oom(ctx, err);
			goto out;
		}
		if (lp->version) {
			const char *nv = crk_arena_printf(ctx->arena, "%s\n%s", lp->norm, lp->version);
			if (!nv) {
				rc = oom(ctx, err);
				goto out;
			}
			lp->next_nv = crk_map_get(&by_norm, nv, strlen(nv));
			if (crk_map_put(&by_norm, nv, strlen(nv), lp)) {
				rc = oom(ctx, err);
				goto out;
			}
		}
		n++;
	}
	for (i = 0; i < n; i++)
		if ((rc = add_deps(ctx, &by_norm, &lps[i], err)) != CRK_OK)
			goto out;
	rc = CRK_OK;
out:
	crk_map_release(&by_norm);
	return rc;
}

/* pylock.toml, or pylock.<name>.toml with <name> non-empty and without dots (PEP 751). */
static int pylock_match(const char *relpath, size_t rellen, const char *name)
{
	size_t n = strlen(name);
	(void)relpath;
	(void)rellen;
	if (n == 11 && memcmp(name, "pylock.toml", 11) == 0)
		return 1;
	if (n <= 12 || memcmp(name, "pylock.", 7) != 0 || memcmp(name + n - 5, ".toml", 5) != 0)
		return 0;
	return memchr(name + 7, '.', n - 12) == NULL;
}

static const char *const pylock_names[] = {"pylock.toml", NULL};

const struct crk_detector crk_detector_pylock = {
	.name = "pypi/pylock-toml",
	.ecosystem = "PyPI",
	.names = pylock_names,
	.match = pylock_match,
	.parse = pylock_parse,
	.doc = "pylock.toml, pylock.<name>.toml (PEP 751, lock-version 1.x)",
};
