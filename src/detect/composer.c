/*
 * composer.c - composer.lock, the lock file of Composer, PHP's package manager
 * (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-
 * control; the schema of each package is composer.json's,
 * https://getcomposer.org/doc/04-schema.md).
 *
 * Format: JSON.
 *
 *   {"_readme": [...], "content-hash": "...",
 *    "packages": [                                      (what `composer install --no-dev` installs)
 *      {"name": "vendor/package", "version": "v1.2.3",
 *       "source": {"type": "git", "url": "https://github.com/...", "reference": "<commit>"},
 *       "dist": {"type": "zip", "url": "https://api.github.com/.../zipball/<commit>",
 *                "reference": "<commit>", "shasum": "<sha1 of the archive, often empty>"},
 *       "require": {"php": ">=7.1", "other/package": "^2.0"}, "require-dev": {...},
 *       "replace": {...}, "provide": {...}, "license": ["MIT"], "description": "..."}, ...],
 *    "packages-dev": [...] | null,                      (installed only for development)
 *    "aliases": [], "platform": {...}, ...}
 *
 *   - "version" is the "pretty" version as tagged ("v5.4.0", "2.0.0-alpha4") or a branch
 *     ("dev-main", "1.x-dev"), kept as written;
 *   - "source"/"dist" "reference" is a commit for git repositories, but a tag or version for
 *     other sources (drupal.org writes "2.0.0-alpha4");
 *   - "require" names platform packages (php, ext-*, lib-*, composer-*-api) that are not in
 *     the lock file; a requirement may be met by another package's "provide" or "replace".
 *
 * What is reported:
 *   - each entry of "packages" (required) and "packages-dev" (CRK_SCOPE_DEV) as a Packagist
 *     component: purl pkg:composer/<vendor>/<package> (the part before '/' is the namespace);
 *   - vcs_url from a "source" of type git/hg/svn, vcs_commit from its "reference" (else from
 *     "dist" "reference") when that is a commit id (7 to 64 hex digits); CRK_PKG_GIT when the
 *     package has a git "source" and no "dist" (Composer installs it from the repository);
 *     a "dist" of type "path" is CRK_PKG_LOCAL; an http(s) "dist" "url" is download_url;
 *   - "dist" "shasum", when not empty, as a SHA-1 hash; "license" as declared (several
 *     entries mean any of them: joined with OR, Composer's rule; the writers normalise it,
 *     Composer's "proprietary" included, which is kept as a LicenseRef);
 *     "description";
 *   - the line of each package's "name" member (the line osv-scalibr reports);
 *   - edges from "require" (to the package of that name, or to the one that provides or
 *     replaces it); the packages composer.json beside the lock file requires ("require" and
 *     "require-dev") are direct dependencies (root edges). Without a readable composer.json no
 *     package is marked direct.
 *
 * Errors: not JSON, a top level that is not an object (`null`), "packages" or "packages-dev"
 * that is not an array: CRK_EPARSE. An entry without a string "name" and "version" is a warning
 * and skipped; a malformed composer.json is a warning.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

struct entry {
	json_t *obj;
	size_t id; /* CRK_BOM_NONE when not added */
};

struct lock {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_npm_keyscan ks;
	struct crk_map ids; /* lowercased name -> id + 1 */
	struct entry *e;
	size_t ne;
};

static int oom(struct lock *l)
{
	return crk_err_set(l->err, CRK_ENOMEM, l->ctx->path, 0, 0, "out of memory");
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_commit(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;
	if (n < 7 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

static int is_http(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

/* name -> id + 1 under the lowercased name; `replace` keeps an existing entry when 0. */
static int remember(struct lock *l, const char *name, size_t id, int overwrite)
{
	size_t n = strlen(name), i;
	char *k = crk_arena_strndup(l->ctx->arena, name, n);
	void *old;
	if (!k)
		return oom(l);
	for (i = 0; i < n; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	if (overwrite ? crk_map_put(&l->ids, k, n, (void *)(uintptr_t)(id + 1))
		      : crk_map_put_new(&l->ids, k, n, (void *)(uintptr_t)(id + 1), &old))
		return oom(l);
	return CRK_OK;
}

static size_t lookup(struct lock *l, const char *name, int *nomem)
{
	size_t n = strlen(name), i;
	char *k = crk_arena_strndup(l->ctx->arena, name, n);
	uintptr_t v;
	if (!k) {
		*nomem = 1;
		return CRK_BOM_NONE;
	}
	for (i = 0; i < n; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	v = (uintptr_t)crk_map_get(&l->ids, k, n);
	return v ? (size_t)(v - 1) : CRK_BOM_NONE;
}

/* "license": ["MIT"] or ["MIT", "GPL-2.0-only"] (any of them) -> "MIT OR GPL-2.0-only", the
 * entries as declared (the writers normalise them; "proprietary" becomes a LicenseRef). */
static const char *license_of(struct crk_arena *a, json_t *lic, int *nomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *r = NULL;
	size_t i, n;
	if (json_is_string(lic))
		return json_string_length(lic) ? json_string_value(lic) : NULL;
	if (!json_is_array(lic) || !(n = json_array_size(lic)))
		return NULL;
	for (i = 0; i < n; i++) {
		json_t *v = json_array_get(lic, i);
		const char *s = json_is_string(v) ? json_string_value(v) : NULL;
		if (!s || !*s)
			goto out;
		if (i)
			crk_strbuf_adds(&sb, " OR ");
		if (n > 1 && strchr(s, ' '))
			crk_strbuf_addf(&sb, "(%s)", s);
		else
			crk_strbuf_adds(&sb, s);
	}
	if (!crk_strbuf_ok(&sb) || !(r = crk_arena_strndup(a, sb.buf, sb.len)))
		*nomem = 1;
out:
	crk_strbuf_release(&sb);
	return r;
}

static int add_package(struct lock *l, json_t *p, enum crk_scope scope, const char *section,
		       unsigned line, struct entry *out)
{
	struct crk_detect_ctx *ctx = l->ctx;
	struct crk_hash hashes[2];
	struct crk_pkg pkg;
	const char *name = jstr(p, "name"), *version = jstr(p, "version"), *slash;
	json_t *src = json_object_get(p, "source"), *dist = json_object_get(p, "dist");
	const char *stype = jstr(src, "type"), *sref = jstr(src, "reference");
	const char *dtype = jstr(dist, "type"), *dref = jstr(dist, "reference");
	const char *durl = jstr(dist, "url"), *shasum = jstr(dist, "shasum"), *surl;
	size_t nh = 0;
	int nomem = 0, rc;

	out->obj = p;
	out->id = CRK_BOM_NONE;
	if (!name || !*name || !version || !*version) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "an entry of \"%s\" has no %s; skipped", section,
				       !name || !*name ? "\"name\"" : "\"version\"");
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "composer", "Packagist");
	slash = strchr(name, '/');
	if (slash) {
		pkg.ns = crk_arena_strndup(ctx->arena, name, (size_t)(slash - name));
		if (!pkg.ns)
			return oom(l);
		pkg.name = slash + 1;
	} else {
		pkg.name = name;
	}
	pkg.version = version;
	pkg.scope = scope;
	pkg.line = line;
	pkg.description = jstr(p, "description");
	pkg.license = license_of(ctx->arena, json_object_get(p, "license"), &nomem);
	if (nomem)
		return oom(l);
	if (stype && (strcmp(stype, "git") == 0 || strcmp(stype, "hg") == 0 ||
		      strcmp(stype, "svn") == 0)) {
		surl = jstr(src, "url");
		if (surl && *surl && !(pkg.vcs_url = crk_npm__clean_url(ctx->arena, surl,
									 strlen(surl))))
			return oom(l);
		if (strcmp(stype, "git") == 0 && !json_is_object(dist))
			pkg.flags |= CRK_PKG_GIT;
	}
	if (is_commit(sref))
		pkg.vcs_commit = sref;
	else if (is_commit(dref))
		pkg.vcs_commit = dref;
	if (dtype && strcmp(dtype, "path") == 0)
		pkg.flags |= CRK_PKG_LOCAL;
	else if (durl && is_http(durl) &&
		 !(pkg.download_url = crk_npm__clean_url(ctx->arena, durl, strlen(durl))))
		return oom(l);
	if (shasum && *shasum &&
	    crk_npm__hex_hash(ctx->arena, "SHA-1", shasum, strlen(shasum), hashes, &nh, 2))
		return oom(l);
	pkg.hashes = nh ? hashes : NULL;
	pkg.nhashes = nh;
	rc = crk_detect_add(ctx, &pkg, &out->id, l->err);
	if (rc || out->id == CRK_BOM_NONE)
		return rc;
	return remember(l, name, out->id, 1);
}

static int add_section(struct lock *l, json_t *arr, const char *section, enum crk_scope scope)
{
	size_t i;
	crk_npm__ks_find(&l->ks, section, strlen(section), 1);
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *p = json_array_get(arr, i);
		unsigned line = 0;
		int rc;
		if (!json_is_object(p)) {
			if (l->ctx->diags)
				crk_diags_addf(l->ctx->diags, CRK_EPARSE, l->ctx->path, 0, 0,
					       "entry %zu of \"%s\" is not an object; skipped", i,
					       section);
			continue;
		}
		if (json_object_get(p, "name"))
			line = crk_npm__ks_find(&l->ks, "name", 4, 3);
		rc = add_package(l, p, scope, section, line, &l->e[l->ne++]);
		if (rc)
			return rc;
	}
	return CRK_OK;
}

static int edge(struct lock *l, size_t from, size_t to)
{
	return crk_bom_add_dep(l->ctx->bom, from, to) == CRK_ENOMEM ? oom(l) : CRK_OK;
}

/* Root edges from composer.json beside the lock file, when there is one. */
static int manifest_roots(struct lock *l)
{
	static const char *const lists[] = {"require", "require-dev"};
	struct crk_detect_ctx *ctx = l->ctx;
	struct crk_err e;
	json_error_t jerr;
	const char *buf, *rel, *name;
	size_t len, k;
	json_t *root, *v;
	int rc, nomem = 0;

	rc = crk_detect_read(ctx, "composer.json", CRK_MAX_FILE_SIZE, &buf, &len, &rel, &e);
	if (rc == CRK_ENOMEM)
		return oom(l);
	if (rc)
		return CRK_OK; /* no manifest: nothing is known to be direct */
	root = json_loadb(buf, len, 0, &jerr);
	if (!json_is_object(root)) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, rel,
				       root ? 1 : (jerr.line > 0 ? (unsigned)jerr.line : 0),
				       root ? 1 : (jerr.column > 0 ? (unsigned)jerr.column : 0),
				       "%s; direct dependencies of %s unknown",
				       root ? "top level is not an object" : jerr.text, ctx->path);
		json_decref(root);
		return CRK_OK;
	}
	for (k = 0; k < 2 && !rc; k++) {
		json_t *req = json_object_get(root, lists[k]);
		if (!json_is_object(req))
			continue;
		json_object_foreach (req, name, v) {
			size_t id = lookup(l, name, &nomem);
			if (nomem) {
				rc = oom(l);
				break;
			}
			if (id != CRK_BOM_NONE && (rc = edge(l, CRK_BOM_ROOT, id)) != 0)
				break;
		}
	}
	json_decref(root);
	return rc;
}

static int add_edges(struct lock *l)
{
	static const char *const alt[] = {"provide", "replace"};
	size_t i, k;
	const char *name;
	json_t *v;
	int nomem = 0, rc;
	/* names met by another package ("provide"/"replace"), unless a package has that name */
	for (i = 0; i < l->ne; i++) {
		if (l->e[i].id == CRK_BOM_NONE)
			continue;
		for (k = 0; k < 2; k++) {
			json_t *o = json_object_get(l->e[i].obj, alt[k]);
			if (!json_is_object(o))
				continue;
			json_object_foreach (o, name, v)
				if ((rc = remember(l, name, l->e[i].id, 0)) != 0)
					return rc;
		}
	}
	for (i = 0; i < l->ne; i++) {
		json_t *req = json_object_get(l->e[i].obj, "require");
		if (l->e[i].id == CRK_BOM_NONE || !json_is_object(req))
			continue;
		json_object_foreach (req, name, v) {
			size_t to = lookup(l, name, &nomem);
			if (nomem)
				return oom(l);
			if (to != CRK_BOM_NONE && (rc = edge(l, l->e[i].id, to)) != 0)
				return rc;
		}
	}
	return manifest_roots(l);
}

static int composer_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct lock l;
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	size_t total = 0;
	int rc = CRK_OK;

	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.err = err;
	crk_map_init(&l.ids);
	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path,
				   jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "invalid JSON: %s",
				   jerr.text);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1, "top level is not an object");
		goto out;
	}
	crk_npm__ks_init(&l.ks, ctx->buf, ctx->len);
	json_object_foreach (root, key, v) {
		if (strcmp(key, "packages") != 0 && strcmp(key, "packages-dev") != 0)
			continue;
		if (!json_is_array(v) && !json_is_null(v)) {
			rc = crk_err_set(err, CRK_EPARSE, ctx->path,
					 crk_npm__ks_find(&l.ks, key, strlen(key), 1), 0,
					 "\"%s\" is not an array", key);
			goto out;
		}
		total += json_array_size(v);
	}
	l.e = crk_arena_array(ctx->arena, total + 1, sizeof(*l.e));
	if (!l.e) {
		rc = oom(&l);
		goto out;
	}
	/* in file order, so that the forward-only key scan finds each "name" */
	json_object_foreach (root, key, v) {
		int dev = strcmp(key, "packages-dev") == 0;
		if ((!dev && strcmp(key, "packages") != 0) || !json_is_array(v))
			continue;
		rc = add_section(&l, v, key, dev ? CRK_SCOPE_DEV : CRK_SCOPE_REQUIRED);
		if (rc)
			goto out;
	}
	rc = add_edges(&l);
out:
	crk_map_release(&l.ids);
	json_decref(root);
	return rc;
}

static const char *const composer_names[] = {"composer.lock", NULL};

const struct crk_detector crk_detector_composer = {
	.name = "packagist/composer-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "Packagist",
	.names = composer_names,
	.parse = composer_parse,
	.doc = "composer.lock (PHP Composer)",
};
