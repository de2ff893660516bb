/*
 * pdm.c - pdm.lock, the lock file of PDM.
 *
 * Format: TOML, written by pdm (src/pdm/project/lockfile, https://pdm-project.org/latest/usage/
 * lockfile/); no separate spec:
 *
 *   [metadata]
 *   groups = ["default", "dev"]       (the groups locked: "default" is the project's
 *                                      dependencies, the rest optional groups and dev groups,
 *                                      which the lock file does not tell apart)
 *   lock_version = "4.4.1"            ("3.x" before pdm 2.0)
 *   [[package]]
 *   name = "pyroute2"
 *   version = "0.7.11"
 *   groups = ["dev"]                  (the groups that need it, transitive ones included)
 *   extras = ["socks"]                (an entry for the package with these extras)
 *   dependencies = ["win-inet-pton; platform_system == \"Windows\""]   (PEP 508 strings)
 *   files = [{file = "x.whl", hash = "sha256:..."}]  (or {url = "...", hash = "..."})
 *   git = "https://github.com/uiri/toml.git"  revision = "65bab758..."  ref = "main"
 *   url = "https://.../x.zip"         path = "./local"   editable = true
 *   [metadata.files]                  (lock_version 3.x: "NAME VERSION" = [{url, hash}])
 *
 * What is reported:
 *   - every [[package]] as pkg:pypi/NAME@VERSION, line of its `name` key (as osv-scalibr);
 *     entries that repeat a package with extras merge into it (same purl);
 *   - scope from `groups`, as osv-scanner and osv-scalibr read it: required when it contains
 *     "default" (or when there is no `groups`), else CRK_SCOPE_DEV when it contains "dev", else
 *     CRK_SCOPE_OPTIONAL; the groups are kept as the property "groups";
 *   - hashes of the files (per-package `files`, or [metadata.files] of 3.x files);
 *   - git: CRK_PKG_GIT, vcs_url, vcs_commit = revision, property git_ref = ref; url: CRK_PKG_URL
 *     and download_url; path: CRK_PKG_LOCAL; editable = true: CRK_PKG_EDITABLE;
 *   - edges from each package to every locked package its dependency strings name (several when
 *     versions differ by marker). pdm.lock does not say which packages the project needs
 *     directly (pyproject.toml does), so no CRK_BOM_ROOT edges.
 *
 * Errors: not TOML (CRK_EPARSE with the parser's line:col), `package` not an array of tables
 * (CRK_EPARSE), a lock_version other than 3.x or 4.x (CRK_EUNSUPPORTED). An empty file has no
 * packages. A package without name or version is a warning.
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

struct pdmpkg {
	const struct crk_toml_node *node;
	const char *name, *version, *norm;
	unsigned line;
	size_t id;
	struct pdmpkg *next; /* same normalised name */
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

static int add_package(struct crk_detect_ctx *ctx, struct pdmpkg *dp,
		       const struct crk_toml_node *meta_files, struct crk_err *err)
{
	const struct crk_toml_node *t = dp->node, *groups = crk_toml_get(t, "groups");
	const struct crk_toml_node *files = crk_toml_get(t, "files");
	const char *git = crk_toml_get_str(t, "git"), *url = crk_toml_get_str(t, "url");
	struct crk_pkg pkg;
	struct crk_kv props[2];
	struct crk_hash *hs = NULL;
	size_t np = 0, nh = 0, i, j;
	int editable = 0, nomem = 0;

	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = dp->name;
	pkg.version = dp->version;
	pkg.line = dp->line;
	if (crk_toml_is_array(groups) && !has_string(groups, "default"))
		pkg.scope = has_string(groups, "dev") ? CRK_SCOPE_DEV : CRK_SCOPE_OPTIONAL;
	if (crk_toml_is_array(groups)) {
		const char *g = join_strings(ctx->arena, groups, &nomem);
		if (nomem)
			return oom(ctx, err);
		if (g) {
			props[np].key = "groups";
			props[np++].value = g;
		}
	}
	if (git) {
		const char *rev = crk_toml_get_str(t, "revision"), *ref = crk_toml_get_str(t, "ref");
		pkg.flags |= CRK_PKG_GIT;
		pkg.vcs_url = strncmp(git, "git+", 4) == 0 ? git + 4 : git;
		pkg.vcs_commit = rev && *rev ? rev : NULL;
		if (ref && *ref && (!rev || strcmp(ref, rev) != 0)) {
			props[np].key = "git_ref";
			props[np++].value = ref;
		}
	} else if (url) {
		pkg.flags |= CRK_PKG_URL;
		pkg.download_url = url;
	} else if (crk_toml_get(t, "path")) {
		pkg.flags |= CRK_PKG_LOCAL;
	}
	(void)crk_toml_bool(crk_toml_get(t, "editable"), &editable);
	if (editable)
		pkg.flags |= CRK_PKG_EDITABLE;

	if (!crk_toml_is_array(files) && meta_files) {
		char *key = crk_arena_printf(ctx->arena, "%s %s", dp->name, dp->version);
		if (!key)
			return oom(ctx, err);
		files = crk_toml_get(meta_files, key);
	}
	if (crk_toml_len(files) &&
	    !(hs = crk_arena_array(ctx->arena, crk_toml_len(files), sizeof(*hs))))
		return oom(ctx, err);
	for (i = 0; i < crk_toml_len(files); i++) {
		int r = parse_hash(ctx->arena, crk_toml_get_str(crk_toml_at(files, i), "hash"),
				   &hs[nh]);
		if (r < 0)
			return oom(ctx, err);
		if (!r)
			continue;
		for (j = 0; j < nh; j++)
			if (strcmp(hs[j].value, hs[nh].value) == 0)
				break;
		if (j == nh)
			nh++;
	}
	pkg.hashes = nh ? hs : NULL;
	pkg.nhashes = nh;
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &dp->id, err);
}

/* The distribution name at the start of a PEP 508 requirement ("name[extra]>=1; marker"). */
static size_t req_name_len(const char *s)
{
	size_t n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_' || s[n] == '.')
		n++;
	return n;
}

static int add_deps(struct crk_detect_ctx *ctx, struct crk_map *by_norm, struct pdmpkg *dp,
		    struct crk_err *err)
{
	const struct crk_toml_node *deps = crk_toml_get(dp->node, "dependencies");
	size_t i, k;
	int rc;
	for (i = 0; i < crk_toml_len(deps); i++) {
		const char *req = crk_toml_str(crk_toml_at(deps, i)), *norm;
		struct pdmpkg *to;
		size_t nl;
		if (!req)
			continue;
		while (*req == ' ' || *req == '\t')
			req++;
		if (!(nl = req_name_len(req)))
			continue;
		if (!(norm = pep503(ctx->arena, req, nl)))
			return oom(ctx, err);
		for (to = crk_map_get(by_norm, norm, strlen(norm)), k = 0; to && k < MAX_FANOUT;
		     to = to->next, k++)
			if (to != dp && (rc = add_edge(ctx, dp->id, to->id, err)) != CRK_OK)
				return rc;
	}
	return CRK_OK;
}

static int pdm_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *pkgs, *meta, *lv, *meta_files;
	struct crk_map by_norm = CRK_MAP_INIT;
	struct pdmpkg *dps = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err)) != CRK_OK)
		return rc;
	meta = crk_toml_get(root, "metadata");
	lv = crk_toml_get(meta, "lock_version");
	if (lv) {
		const char *s = crk_toml_str(lv);
		if (!s || !((s[0] == '3' || s[0] == '4') && (s[1] == '\0' || s[1] == '.')))
			return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, lv->line, lv->col,
					   "unsupported pdm.lock lock_version '%s' (this reader "
					   "knows 3.x and 4.x)",
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
	    !(dps = crk_arena_array(ctx->arena, crk_toml_len(pkgs), sizeof(*dps))))
		return oom(ctx, err);

	for (i = 0; i < crk_toml_len(pkgs); i++) {
		const struct crk_toml_node *t = crk_toml_at(pkgs, i);
		const struct crk_toml_node *name = crk_toml_get(t, "name");
		struct pdmpkg *dp = &dps[n];
		if (!crk_toml_is_table(t)) {
			warn(ctx, t, "a [[package]] entry is not a table; skipped");
			continue;
		}
		dp->node = t;
		dp->name = crk_toml_str(name);
		dp->version = crk_toml_get_str(t, "version");
		dp->line = name ? name->line : t->line;
		dp->id = (size_t)-1;
		if (!dp->name || !*dp->name || !dp->version || !*dp->version) {
			if (!dp->name || !*dp->name)
				warn(ctx, name ? name : t, "a [[package]] entry has no name; skipped");
			else
				warn(ctx, name, "package '%s' has no version; skipped", dp->name);
			continue;
		}
		if (!(dp->norm = pep503(ctx->arena, dp->name, strlen(dp->name)))) {
			rc = oom(ctx, err);
			goto out;
		}
		if ((rc = add_package(ctx, dp, meta_files, err)) != CRK_OK)
			goto out;
		dp->next = crk_map_get(&by_norm, dp->norm, strlen(dp->norm));
		if (crk_map_put(&by_norm, dp->norm, strlen(dp->norm), dp)) {
			rc = oom(ctx, err);
			goto out;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		if ((rc = add_deps(ctx, &by_norm, &dps[i], err)) != CRK_OK)
			goto out;
	rc = CRK_OK;
out:
	crk_map_release(&by_norm);
	return rc;
}

static const char *const pdm_names[] = {"pdm.lock", NULL};

const struct crk_detector crk_detector_pdm = {
	.name = "pypi/pdm-lock",
	.ecosystem = "PyPI",
	.names = pdm_names,
	.parse = pdm_parse,
	.doc = "pdm.lock (PDM, lock_version 3.x and 4.x)",
};
