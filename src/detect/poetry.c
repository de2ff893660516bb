/*
 * poetry.c - poetry.lock, the lock file of Poetry.
 *
 * Format: TOML, written by poetry-core/poetry (src/poetry/packages/locker.py); no separate spec.
 *
 *   [[package]]
 *   name = "factory-boy"              (as the index spells it: compare names PEP 503-normalised)
 *   version = "3.3.1"
 *   optional = false                  (true: only an extra of the project needs it)
 *   category = "main"                 (lock-version 1.x: "main" or "dev")
 *   groups = ["dev"]                  (lock-version 2.x: the dependency groups that need it)
 *   files = [{file = "x.whl", hash = "sha256:..."}]          (lock-version 2.x)
 *   develop = false
 *   [package.source]                  (absent for PyPI)
 *   type = "git"                      ("git", "url", "file", "directory", "legacy" (an index))
 *   url = "https://github.com/dzshn/ike"
 *   reference = "main"
 *   resolved_reference = "cd66602c..."
 *   [package.dependencies]
 *   Faker = ">=0.7.0"                 (or {version = "...", markers = "..."}, or an array of
 *                                      such tables, one per marker)
 *   [package.extras]
 *
 *   [metadata]
 *   lock-version = "2.1"
 *   [metadata.files]                  (lock-version 1.x: hashes, per package name)
 *   emoji = [{file = "emoji-2.0.0.tar.gz", hash = "sha256:..."}]
 *
 * What is reported:
 *   - every [[package]] as pkg:pypi/NAME@VERSION (the name as written; the purl code normalises
 *     it), ecosystem PyPI, line of its `name` key (as osv-scalibr);
 *   - scope: CRK_SCOPE_DEV when `category` is "dev" or `groups` does not contain "main" (Poetry
 *     computes groups for transitive dependencies too); else CRK_SCOPE_OPTIONAL when `optional`
 *     is true; else required. `groups` is kept as the property "groups";
 *   - hashes of the package's files (per-package `files`, or [metadata.files] of 1.x files; when
 *     several versions share a name there, only the files naming the version count);
 *   - source git: CRK_PKG_GIT, vcs_url, vcs_commit = resolved_reference, property git_ref =
 *     reference; url: CRK_PKG_URL and download_url; file/directory: CRK_PKG_LOCAL (develop = true
 *     adds CRK_PKG_EDITABLE); legacy (another index): the property "source_url";
 *   - edges from each package to every locked package its [package.dependencies] names (several
 *     when versions differ by marker). poetry.lock does not say which packages the project needs
 *     directly (pyproject.toml does), so no CRK_BOM_ROOT edges.
 *
 * Errors: not TOML (CRK_EPARSE with the parser's line:col), `package` not an array of tables
 * (CRK_EPARSE), a lock-version other than 1.x or 2.x (CRK_EUNSUPPORTED). An empty file has no
 * packages (not an error, as osv-scalibr). A package without name or version is a warning.
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

#define MAX_FANOUT 64 /* packages one dependency may name (versions split by markers) */

struct ppkg {
	const struct crk_toml_node *node;
	const char *name, *version, *norm; /* norm: PEP 503 form */
	unsigned line;
	size_t id;
	struct ppkg *next; /* next package with the same normalised name */
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

/* 1 when a distribution file name is of `version`: "name-VERSION-..." or "name-VERSION.tar.gz". */
static int file_has_version(const char *file, const char *version)
{
	size_t vl = strlen(version);
	const char *p = file;
	while ((p = strchr(p, '-')) != NULL) {
		p++;
		if (strncmp(p, version, vl) == 0 && (p[vl] == '-' || p[vl] == '.'))
			return 1;
	}
	return 0;
}

/* Appends the hashes of `files` (an array of {file, hash}) to hs[*nh]; `filter_version` keeps
 * only the files of that version. */
static int collect_hashes(struct crk_detect_ctx *ctx, const struct crk_toml_node *files,
			  const char *filter_version, struct crk_hash *hs, size_t *nh, size_t max)
{
	size_t i, j;
	for (i = 0; i < crk_toml_len(files) && *nh < max; i++) {
		const struct crk_toml_node *f = crk_toml_at(files, i);
		const char *file = crk_toml_get_str(f, "file");
		int r;
		if (filter_version && (!file || !file_has_version(file, filter_version)))
			continue;
		r = parse_hash(ctx->arena, crk_toml_get_str(f, "hash"), &hs[*nh]);
		if (r < 0)
			return -1;
		if (!r)
			continue;
		for (j = 0; j < *nh; j++)
			if (strcmp(hs[j].value, hs[*nh].value) == 0)
				break;
		if (j == *nh)
			(*nh)++;
	}
	return 0;
}

/* Joins the strings of an array with ',' (in the arena); NULL when none. */
static const char *join_strings(struct crk_arena *a, const struct crk_toml_node *arr, int *nomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *out = NULL;
	size_t i;
	for (i = 0; i < crk_toml_len(arr); i++) {
		const char *s = crk_toml_str(crk_toml_at(arr, i));
		if (!s)
			continue;
		if (sb.len)
			crk_strbuf_addch(&sb, ',');
		crk_strbuf_adds(&sb, s);
	}
	if (!crk_strbuf_ok(&sb))
		*nomem = 1;
	else if (sb.len && !(out = crk_arena_strndup(a, sb.buf, sb.len)))
		*nomem = 1;
	crk_strbuf_release(&sb);
	return out;
}

static int has_string(const struct crk_toml_node *arr, const char *s)
{
	size_t i;
	for (i = 0; i < crk_toml_len(arr); i++) {
		const char *v = crk_toml_str(crk_toml_at(arr, i));
		if (v && strcmp(v, s) == 0)
			return 1;
	}
	return 0;
}

static int add_package(struct crk_detect_ctx *ctx, struct ppkg *pp,
		       const struct crk_toml_node *meta_files, int shared_name, struct crk_err *err)
{
	const struct crk_toml_node *t = pp->node, *src = crk_toml_get(t, "source");
	const struct crk_toml_node *groups = crk_toml_get(t, "groups");
	const struct crk_toml_node *files = crk_toml_get(t, "files");
	const char *category = crk_toml_get_str(t, "category");
	struct crk_pkg pkg;
	struct crk_kv props[3];
	struct crk_hash *hs = NULL;
	size_t np = 0, nh = 0, max;
	int optional = 0, develop = 0, nomem = 0;

	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = pp->name;
	pkg.version = pp->version;
	pkg.line = pp->line;
	(void)crk_toml_bool(crk_toml_get(t, "optional"), &optional);
	(void)crk_toml_bool(crk_toml_get(t, "develop"), &develop);
	if ((category && strcmp(category, "dev") == 0) ||
	    (crk_toml_is_array(groups) && !has_string(groups, "main")))
		pkg.scope = CRK_SCOPE_DEV;
	else if (optional)
		pkg.scope = CRK_SCOPE_OPTIONAL;
	if (crk_toml_is_array(groups)) {
		const char *g = join_strings(ctx->arena, groups, &nomem);
		if (nomem)
			return oom(ctx, err);
		if (g) {
			props[np].key = "groups";
			props[np++].value = g;
		}
	}
	if (crk_toml_is_table(src)) {
		const char *type = crk_toml_get_str(src, "type");
		const char *url = crk_toml_get_str(src, "url");
		const char *ref = crk_toml_get_str(src, "reference");
		const char *resolved = crk_toml_get_str(src, "resolved_reference");
		if (!type) {
			/* no type: nothing to add */
		} else if (strcmp(type, "git") == 0) {
			pkg.flags |= CRK_PKG_GIT;
			pkg.vcs_url = url && strncmp(url, "git+", 4) == 0 ? url + 4 : url;
			pkg.vcs_commit = resolved && *resolved ? resolved : NULL;
			if (ref && *ref && (!resolved || strcmp(ref, resolved) != 0)) {
				props[np].key = "git_ref";
				props[np++].value = ref;
			}
		} else if (strcmp(type, "url") == 0) {
			pkg.flags |= CRK_PKG_URL;
			pkg.download_url = url;
		} else if (strcmp(type, "file") == 0 || strcmp(type, "directory") == 0) {
			pkg.flags |= CRK_PKG_LOCAL;
		} else if (url && *url) {
			props[np].key = "source_url";
			props[np++].value = url;
		}
	}
	if (develop)
		pkg.flags |= CRK_PKG_EDITABLE;

	if (!crk_toml_is_array(files) && meta_files) {
		files = crk_toml_get(meta_files, pp->name);
		if (!files)
			files = crk_toml_get(meta_files, pp->norm);
	}
	max = crk_toml_len(files);
	if (max) {
		if (!(hs = crk_arena_array(ctx->arena, max, sizeof(*hs))))
			return oom(ctx, err);
		if (collect_hashes(ctx, files, shared_name ? pp->version : NULL, hs, &nh, max))
			return oom(ctx, err);
	}
	pkg.hashes = nh ? hs : NULL;
	pkg.nhashes = nh;
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &pp->id, err);
}

/* Edges to every locked package named by a [package.dependencies] key. */
static int add_deps(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct ppkg *pp,
		    struct crk_err *err)
{
	const struct crk_toml_node *deps = crk_toml_get(pp->node, "dependencies");
	size_t i, k;
	int rc;
	for (i = 0; i < crk_toml_table_len(deps); i++) {
		const struct crk_toml_kv *kv = crk_toml_table_at(deps, i);
		const char *norm = pep503(ctx->arena, kv->key, kv->klen);
		struct ppkg *to;
		if (!norm)
			return oom(ctx, err);
		for (to = crk_map_get(by_norm, norm, strlen(norm)), k = 0; to && k < MAX_FANOUT;
		     to = to->next, k++)
			if ((rc = add_edge(ctx, pp->id, to->id, err)) != CRK_OK)
				return rc;
	}
	return CRK_OK;
}

static int poetry_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *pkgs, *meta, *lv, *meta_files;
	struct crk_map by_norm = CRK_MAP_INIT;
	struct ppkg *pps = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err)) != CRK_OK)
		return rc;
	meta = crk_toml_get(root, "metadata");
	lv = crk_toml_get(meta, "lock-version");
	if (lv) {
		const char *s = crk_toml_str(lv);
		if (!s || !((s[0] == '1' || s[0] == '2') && (s[1] == '\0' || s[1] == '.')))
			return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, lv->line, lv->col,
					   "unsupported poetry.lock lock-version '%s' (this reader "
					   "knows 1.x and 2.x)",
					   s ? s : crk_toml_type_name(lv->type));
	}
	meta_files = crk_toml_get(meta, "files");
	if (!crk_toml_is_table(meta_files))
		meta_files = NULL;
	pkgs = crk_toml_get(root, "package");
	if (pkgs && !crk_toml_is_array(pkgs))
		return crk_err_set(err, CRK_EPARSE, ctx->path, pkgs->line, pkgs->col,
				   "'package' is a %s, not an array of tables",
				   crk_toml_type_name(pkgs->type));
	if (crk_toml_len(pkgs) &&
	    !(pps = crk_arena_array(ctx->arena, crk_toml_len(pkgs), sizeof(*pps))))
		return oom(ctx, err);

	/* first the names, so that [metadata.files] shared by two versions can be split */
	for (i = 0; i < crk_toml_len(pkgs); i++) {
		const struct crk_toml_node *t = crk_toml_at(pkgs, i);
		const struct crk_toml_node *name = crk_toml_get(t, "name");
		struct ppkg *pp = &pps[n];
		if (!crk_toml_is_table(t)) {
			warn(ctx, t, "a [[package]] entry is not a table; skipped");
			continue;
		}
		pp->node = t;
		pp->name = crk_toml_str(name);
		pp->version = crk_toml_get_str(t, "version");
		pp->line = name ? name->line : t->line;
		pp->id = (size_t)-1;
		if (!pp->name || !*pp->name || !pp->version || !*pp->version) {
			if (!pp->name || !*pp->name)
				warn(ctx, name ? name : t, "a [[package]] entry has no name; skipped");
			else
				warn(ctx, name, "package '%s' has no version; skipped", pp->name);
			continue;
		}
		if (!(pp->norm = pep503(ctx->arena, pp->name, strlen(pp->name)))) {
			rc = oom(ctx, err);
			goto out;
		}
		pp->next = crk_map_get(&by_norm, pp->norm, strlen(pp->norm));
		if (crk_map_put(&by_norm, pp->norm, strlen(pp->norm), pp)) {
			rc = oom(ctx, err);
			goto out;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		struct ppkg *first = crk_map_get(&by_norm, pps[i].norm, strlen(pps[i].norm));
		int shared = first && first->next;
		if ((rc = add_package(ctx, &pps[i], meta_files, shared, err)) != CRK_OK)
			goto out;
	}
	for (i = 0; i < n; i++)
		if ((rc = add_deps(ctx, &by_norm, &pps[i], err)) != CRK_OK)
			goto out;
	rc = CRK_OK;
out:
	crk_map_release(&by_norm);
	return rc;
}

static const char *const poetry_names[] = {"poetry.lock", NULL};

const struct crk_detector crk_detector_poetry = {
	.name = "pypi/poetry-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "PyPI",
	.names = poetry_names,
	.parse = poetry_parse,
	.doc = "poetry.lock (Poetry, lock-version 1.x and 2.x)",
};
