/*
 * cargo.c - Cargo.lock, the lock file of Rust's cargo.
 *
 * Format: TOML (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html; the
 * encoder is cargo's src/cargo/core/resolver/encode.rs, which documents the versions):
 *
 *   version = 4                       (absent in v1/v2 files; 3 and 4 written since Rust 1.53
 *                                      and 1.78)
 *   [[package]]
 *   name = "syn"
 *   version = "2.0.15"
 *   source = "registry+https://github.com/rust-lang/crates.io-index"
 *   checksum = "a34f..."              (v2 and later: SHA-256 of the .crate file)
 *   dependencies = [
 *    "proc-macro2",                   (v2+: the name alone when one version is locked,
 *    "quote 1.0.2",                    "name version" when several are,
 *    "rand 0.8.5 (registry+https://...)",  and the source too when that is still ambiguous;
 *   ]                                  v1 always writes "name version (source)")
 *
 *   [metadata]                        (v1 only: one key per package with a checksum)
 *   "checksum syn 2.0.15 (registry+https://...)" = "a34f..."   ("<none>" when unknown)
 *
 *   [root]                            (before Rust 1.21: the root package, like a [[package]])
 *   [[patch.unused]]                  (patches that matched nothing: not part of the build)
 *
 *   - `source` is absent for workspace members and path dependencies (the project itself);
 *     "registry+URL" or "sparse+URL" for a registry, crates.io being
 *     "registry+https://github.com/rust-lang/crates.io-index" or "sparse+https://index.crates.io/";
 *     "git+URL?branch=x#commit" (or ?tag=, ?rev=, or no query) for git.
 *
 * What is reported:
 *   - every [[package]] (and [root]) as pkg:cargo/NAME@VERSION, ecosystem crates.io, with the line
 *     of its `name` key (as osv-scalibr does); packages without `source` are reported too (both
 *     peers do) with CRK_PKG_LOCAL;
 *   - the checksum (v2+ key, v1 [metadata]) as a SHA-256 hash;
 *   - git packages: CRK_PKG_GIT, vcs_url (without "git+", query and fragment), vcs_commit (the
 *     fragment), the query ("branch=master") as the property "git_ref";
 *   - other registries than crates.io: the purl qualifier repository_url (the index URL);
 *   - edges from each package to its dependencies, resolved as cargo does (by name, then
 *     version, then source: an entry that matches no package, or several, is a warning); the
 *     dependencies of the packages without source (the workspace) are the direct dependencies of
 *     the product (CRK_BOM_ROOT). Cargo.lock does not say which dependencies are dev- or
 *     build-dependencies, so every component is required.
 *
 * Errors: not TOML (CRK_EPARSE at the parser's line:col), `package` not an array of tables, a
 * `version` that is not an integer (CRK_EPARSE), a version other than 1-4 (CRK_EUNSUPPORTED). A
 * package without a name or version is a warning and skipped.
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

#define CARGO_LOCK_VERSION_MAX 4

struct cpkg {
	const char *name, *version, *source; /* source NULL for workspace members */
	const struct crk_toml_node *node;
	unsigned line;
	size_t id; /* component id, (size_t)-1 when it could not be added */
	struct cpkg *next;    /* next package of the same name */
	struct cpkg *next_nv; /* next package of the same name and version */
};

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

/* A problem with one entry: a warning, the parse goes on. */
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

/* Records an edge; only running out of memory stops the parse. */
static int add_edge(struct crk_detect_ctx *ctx, size_t from, size_t to, struct crk_err *err)
{
	int rc = crk_bom_add_dep(ctx->bom, from, to);
	if (rc == CRK_ENOMEM)
		return oom(ctx, err);
	if (rc == CRK_ELIMIT)
		warn(ctx, NULL, "more than %zu dependencies on one package; some dropped",
		     CRK_MAX_DEPS_PER_COMPONENT);
	return CRK_OK;
}

static int is_crates_io(const char *src)
{
	return strcmp(src, "registry+https://github.com/rust-lang/crates.io-index") == 0 ||
	       strcmp(src, "sparse+https://index.crates.io/") == 0;
}

/* A SHA-256 value in lowercase hex (in the arena), or NULL when `s` is not one. */
static const char *sha256_hex(struct crk_arena *a, const char *s, int *nomem)
{
	char *h;
	size_t i;
	if (!s || strlen(s) != 64)
		return NULL;
	for (i = 0; i < 64; i++)
		if (!is_hex(s[i]))
			return NULL;
	if (!(h = crk_arena_strndup(a, s, 64))) {
		*nomem = 1;
		return NULL;
	}
	for (i = 0; i < 64; i++)
		if (h[i] >= 'A' && h[i] <= 'F')
			h[i] = (char)(h[i] - 'A' + 'a');
	return h;
}

static int add_package(struct crk_detect_ctx *ctx, struct cpkg *cp, const char *checksum,
		       struct crk_err *err)
{
	struct crk_pkg pkg;
	struct crk_hash hash;
	struct crk_kv qual, prop;
	int nomem = 0;

	crk_detect_pkg_init(ctx, &pkg, "cargo", "crates.io");
	pkg.name = cp->name;
	pkg.version = cp->version;
	pkg.line = cp->line;
	if (!cp->source) {
		pkg.flags |= CRK_PKG_LOCAL;
	} else if (strncmp(cp->source, "git+", 4) == 0) {
		const char *url = cp->source + 4, *hash_mark = strchr(url, '#');
		const char *q = strchr(url, '?');
		size_t ulen = hash_mark ? (size_t)(hash_mark - url) : strlen(url);
		if (q && (size_t)(q - url) < ulen) {
			prop.key = "git_ref";
			prop.value = crk_arena_strndup(ctx->arena, q + 1, ulen - (size_t)(q - url) - 1);
			if (!prop.value)
				return oom(ctx, err);
			if (*prop.value) {
				pkg.props = &prop;
				pkg.nprops = 1;
			}
			ulen = (size_t)(q - url);
		}
		pkg.flags |= CRK_PKG_GIT;
		pkg.vcs_url = crk_arena_strndup(ctx->arena, url, ulen);
		if (!pkg.vcs_url)
			return oom(ctx, err);
		if (hash_mark && hash_mark[1])
			pkg.vcs_commit = hash_mark + 1;
	} else if (!is_crates_io(cp->source)) {
		const char *url = cp->source;
		if (strncmp(url, "registry+", 9) == 0)
			url += 9;
		else if (strncmp(url, "sparse+", 7) == 0)
			url += 7;
		qual.key = "repository_url";
		qual.value = url;
		pkg.qualifiers = &qual;
		pkg.nqualifiers = 1;
	}
	if (checksum && strcmp(checksum, "<none>") != 0) {
		hash.value = sha256_hex(ctx->arena, checksum, &nomem);
		if (nomem)
			return oom(ctx, err);
		if (hash.value) {
			hash.alg = "SHA-256";
			pkg.hashes = &hash;
			pkg.nhashes = 1;
		} else {
			warn(ctx, crk_toml_get(cp->node, "checksum"),
			     "checksum of '%s %s' is not a SHA-256 value; ignored", cp->name,
			     cp->version);
		}
	}
	return crk_detect_add(ctx, &pkg, &cp->id, err);
}

/*
 * "name", "name version" or "name version (source)" -> the one package it names. Returns NULL
 * and sets *why when no package or several match.
 */
static struct cpkg *resolve(struct crk_map *by_name, struct crk_map *by_nv, const char *dep,
			    const char **why)
{
	const char *sp = strchr(dep, ' '), *ver = NULL, *src = NULL;
	size_t nlen = sp ? (size_t)(sp - dep) : strlen(dep), vlen = 0, slen = 0;
	struct cpkg *c, *found = NULL;

	*why = "is not a locked package";
	if (sp) {
		const char *sp2;
		ver = sp + 1;
		sp2 = strchr(ver, ' ');
		vlen = sp2 ? (size_t)(sp2 - ver) : strlen(ver);
		if (sp2) {
			src = sp2 + 1;
			slen = strlen(src);
			if (slen < 2 || src[0] != '(' || src[slen - 1] != ')') {
				*why = "is not \"name version (source)\"";
				return NULL;
			}
			src++;
			slen -= 2;
		}
	}
	/* "name version" keys its own map, so that many versions of one name stay linear */
	for (c = ver ? crk_map_get(by_nv, dep, nlen + 1 + vlen) : crk_map_get(by_name, dep, nlen); c;
	     c = ver ? c->next_nv : c->next) {
		if (src && (!c->source || strlen(c->source) != slen ||
			    memcmp(c->source, src, slen) != 0))
			continue;
		if (found) {
			*why = "matches several locked packages";
			return NULL;
		}
		found = c;
	}
	return found;
}

static int cargo_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *pkgs, *ver, *meta, *oldroot;
	struct crk_map by_name = CRK_MAP_INIT, by_nv = CRK_MAP_INIT, checksums = CRK_MAP_INIT;
	struct cpkg *cps = NULL;
	size_t n = 0, total, i, k;
	int64_t version = 0;
	int rc;

	rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err);
	if (rc)
		return rc;
	ver = crk_toml_get(root, "version");
	if (ver && crk_toml_int(ver, &version))
		return crk_err_set(err, CRK_EPARSE, ctx->path, ver->line, ver->col,
				   "'version' is a %s, not an integer",
				   crk_toml_type_name(ver->type));
	if (ver && (version < 1 || version > CARGO_LOCK_VERSION_MAX))
		return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, ver->line, ver->col,
				   "unsupported Cargo.lock version %lld (this reader knows 1 to %d)",
				   (long long)version, CARGO_LOCK_VERSION_MAX);
	pkgs = crk_toml_get(root, "package");
	if (pkgs && !crk_toml_is_array(pkgs))
		return crk_err_set(err, CRK_EPARSE, ctx->path, pkgs->line, pkgs->col,
				   "'package' is a %s, not an array of tables",
				   crk_toml_type_name(pkgs->type));
	oldroot = crk_toml_get(root, "root");
	if (!crk_toml_is_table(oldroot))
		oldroot = NULL;

	/* v1 checksums: "checksum NAME VERSION (SOURCE)" = "hex" */
	meta = crk_toml_get(root, "metadata");
	for (i = 0; i < crk_toml_table_len(meta); i++) {
		const struct crk_toml_kv *kv = crk_toml_table_at(meta, i);
		const char *v = crk_toml_str(kv->val);
		if (!v || kv->klen <= 9 || memcmp(kv->key, "checksum ", 9) != 0)
			continue;
		if (crk_map_put(&checksums, kv->key + 9, kv->klen - 9, (void *)v)) {
			rc = oom(ctx, err);
			goto out;
		}
	}

	total = crk_toml_len(pkgs) + (oldroot != NULL);
	if (total && !(cps = crk_arena_array(ctx->arena, total, sizeof(*cps)))) {
		rc = oom(ctx, err);
		goto out;
	}
	for (i = 0; i < total; i++) {
		const struct crk_toml_node *t = i < crk_toml_len(pkgs) ? crk_toml_at(pkgs, i) : oldroot;
		const struct crk_toml_node *name = crk_toml_get(t, "name");
		const struct crk_toml_node *src = crk_toml_get(t, "source");
		struct cpkg *cp = &cps[n];
		const char *checksum, *nv;

		if (!crk_toml_is_table(t)) {
			warn(ctx, t, "a [[package]] entry is not a table; skipped");
			continue;
		}
		cp->node = t;
		cp->name = crk_toml_str(name);
		cp->version = crk_toml_get_str(t, "version");
		cp->source = crk_toml_str(src);
		cp->line = name ? name->line : t->line;
		if (!cp->name || !*cp->name || !cp->version || !*cp->version) {
			if (!cp->name || !*cp->name)
				warn(ctx, name ? name : t, "a [[package]] entry has no name; skipped");
			else
				warn(ctx, name, "package '%s' has no version; skipped", cp->name);
			continue;
		}
		if (src && (!cp->source || !*cp->source)) {
			warn(ctx, src, "source of '%s %s' is not a non-empty string; skipped",
			     cp->name, cp->version);
			continue;
		}
		checksum = crk_toml_get_str(t, "checksum");
		if (!checksum && checksums.n) {
			struct crk_strbuf key = CRK_STRBUF_INIT(CRK_MAX_STRING);
			crk_strbuf_addf(&key, "%s %s (%s)", cp->name, cp->version,
					cp->source ? cp->source : "");
			if (!crk_strbuf_ok(&key)) {
				crk_strbuf_release(&key);
				rc = oom(ctx, err);
				goto out;
			}
			checksum = crk_map_get(&checksums, key.buf, key.len);
			crk_strbuf_release(&key);
		}
		if ((rc = add_package(ctx, cp, checksum, err)) != CRK_OK)
			goto out;
		cp->next = crk_map_get(&by_name, cp->name, strlen(cp->name));
		nv = crk_arena_printf(ctx->arena, "%s %s", cp->name, cp->version);
		if (!nv || crk_map_put(&by_name, cp->name, strlen(cp->name), cp)) {
			rc = oom(ctx, err);
			goto out;
		}
		cp->next_nv = crk_map_get(&by_nv, nv, strlen(nv));
		if (crk_map_put(&by_nv, nv, strlen(nv), cp)) {
			rc = oom(ctx, err);
			goto out;
		}
		n++;
	}

	for (i = 0; i < n; i++) {
		const struct crk_toml_node *deps = crk_toml_get(cps[i].node, "dependencies");
		for (k = 0; k < crk_toml_len(deps); k++) {
			const struct crk_toml_node *d = crk_toml_at(deps, k);
			const char *ds = crk_toml_str(d);
			struct cpkg *to;
			const char *why;
			if (!ds) {
				warn(ctx, d, "a dependency of '%s %s' is not a string; ignored",
				     cps[i].name, cps[i].version);
				continue;
			}
			to = resolve(&by_name, &by_nv, ds, &why);
			if (!to) {
				warn(ctx, d, "dependency '%s' of '%s' %s; ignored", ds, cps[i].name,
				     why);
				continue;
			}
			if (cps[i].id == (size_t)-1 || to->id == (size_t)-1)
				continue;
			if ((rc = add_edge(ctx, cps[i].id, to->id, err)) != CRK_OK ||
			    (!cps[i].source &&
			     (rc = add_edge(ctx, CRK_BOM_ROOT, to->id, err)) != CRK_OK))
				goto out;
		}
	}
	rc = CRK_OK;
out:
	crk_map_release(&by_name);
	crk_map_release(&by_nv);
	crk_map_release(&checksums);
	return rc;
}

static const char *const cargo_names[] = {"Cargo.lock", NULL};

const struct crk_detector crk_detector_cargo = {
	.name = "cargo/cargo-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "crates.io",
	.names = cargo_names,
	.parse = cargo_parse,
	.doc = "Cargo.lock (cargo, lock file versions 1 to 4)",
};
