/*
 * nuget_lock.c - packages.lock.json, the lock file NuGet writes when a project sets
 * RestorePackagesWithLockFile (https://learn.microsoft.com/nuget/consume-packages/
 * package-references-in-project-files#locking-dependencies; writer: NuGet.ProjectModel
 * PackagesLockFileFormat).
 *
 * Format: JSON.
 *
 *   {"version": 1 | 2,
 *    "dependencies": {
 *      "net6.0": {                                  (a target framework; "net6.0/win-x64" for a
 *        "Some.Package": {                           runtime identifier, listed after it)
 *          "type": "Direct" | "Transitive" | "CentralTransitive" | "Project",
 *          "requested": "[1.2.0, )",                  (Direct only: the range asked for)
 *          "resolved": "1.2.0",
 *          "contentHash": "<base64 of the SHA-512 of the .nupkg>",
 *          "dependencies": {"Other.Package": "4.5.0"}   (id -> lowest version the package
 *        }, ...}, ...}}                                 accepts, not the one resolved)
 *
 *   - version 2 is written with central package management ("CentralTransitive" entries:
 *     packages pinned in Directory.Packages.props that a project reaches transitively);
 *   - "Project" entries are other projects of the same solution (ProjectReference): source the
 *     product is built from, with a "dependencies" map and no "resolved".
 *
 * What is reported:
 *   - every Direct, Transitive and CentralTransitive entry of every framework, as a NuGet
 *     component (id as written: NuGet ids are case-insensitive but the purl keeps the case,
 *     as the purl spec's nuget type says) at "resolved"; the same id and version under two
 *     frameworks is one component (the BOM merges by purl), different versions are two;
 *   - "contentHash" as a SHA-512 hash (hex); the line of the package's key;
 *   - Direct entries are direct dependencies of the product (root edges); each "dependencies"
 *     entry is an edge to the package of that id in the same framework section (matched
 *     without regard to case, as NuGet does);
 *   - "Project" entries are part of the product, not components: their dependencies are root
 *     edges (osv-scanner and osv-scalibr skip nothing but read only "resolved", so they drop
 *     Project entries too).
 *
 * Errors: not JSON, a top level that is not an object, a "dependencies" or framework that is
 * not an object: CRK_EPARSE; a "version" other than 1 or 2 (or none): CRK_EUNSUPPORTED (as
 * osv-scanner, which refuses version 0). An entry that is not an object or has no "resolved"
 * is a warning and skipped.
 *
 * Scope: the file does not say which packages are only for development, so all are required.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define NUGET_LOCK_MIN 1
#define NUGET_LOCK_MAX 2

struct lock {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_npm_keyscan ks;
};

static int oom(struct lock *l)
{
	return crk_err_set(l->err, CRK_ENOMEM, l->ctx->path, 0, 0, "out of memory");
}

/* Records an edge; only running out of memory stops the parse (past the per-component cap the
 * BOM drops further edges). */
static int edge(struct lock *l, size_t from, size_t to)
{
	return crk_bom_add_dep(l->ctx->bom, from, to) == CRK_ENOMEM ? oom(l) : CRK_OK;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A lowercased copy of `s` in the arena (NuGet ids compare without case). */
static char *lower_dup(struct crk_arena *a, const char *s, size_t *n)
{
	size_t len = strlen(s), i;
	char *d = crk_arena_strndup(a, s, len);
	if (!d)
		return NULL;
	for (i = 0; i < len; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	*n = len;
	return d;
}

/* Adds one package entry; stores its component id (+1, 0 for none) under its lowercased id. */
static int add_entry(struct lock *l, struct crk_map *ids, const char *fw, const char *id,
		     json_t *e, unsigned line)
{
	struct crk_detect_ctx *ctx = l->ctx;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	struct crk_pkg pkg;
	const char *type = jstr(e, "type"), *resolved = jstr(e, "resolved");
	const char *chash = jstr(e, "contentHash");
	size_t nh = 0, cid, klen;
	char *key;
	int rc;

	if (type && strcmp(type, "Project") == 0)
		return CRK_OK;
	if (!resolved || !*resolved || !*id) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "package '%s' of '%s' has no \"resolved\" version; skipped",
				       id, fw);
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "nuget", "NuGet");
	pkg.name = id;
	pkg.version = resolved;
	pkg.line = line;
	if (chash && *chash) {
		const char *sri = crk_arena_printf(ctx->arena, "sha512-%s", chash);
		if (!sri || crk_npm__sri(ctx->arena, sri, strlen(sri), hashes, &nh,
					 CRK_NPM_MAX_HASHES))
			return oom(l);
	}
	pkg.hashes = nh ? hashes : NULL;
	pkg.nhashes = nh;
	rc = crk_detect_add(ctx, &pkg, &cid, l->err);
	if (rc)
		return rc;
	if (cid == CRK_BOM_NONE)
		return CRK_OK;
	key = lower_dup(ctx->arena, id, &klen);
	if (!key || crk_map_put(ids, key, klen, (void *)(uintptr_t)(cid + 1)))
		return oom(l);
	if (type && strcmp(type, "Direct") == 0)
		return edge(l, CRK_BOM_ROOT, cid);
	return CRK_OK;
}

/* Edges of one framework section, once every entry of it is in `ids`. */
static int add_edges(struct lock *l, const struct crk_map *ids, json_t *fwobj)
{
	const char *id, *dep;
	json_t *e, *deps, *dv;
	json_object_foreach (fwobj, id, e) {
		const char *type = jstr(e, "type");
		size_t from, klen;
		char *key;
		if (!json_is_object(e))
			continue;
		deps = json_object_get(e, "dependencies");
		if (!json_is_object(deps))
			continue;
		if (type && strcmp(type, "Project") == 0) {
			from = CRK_BOM_ROOT;
		} else {
			key = lower_dup(l->ctx->arena, id, &klen);
			if (!key)
				return oom(l);
			from = (size_t)(uintptr_t)crk_map_get(ids, key, klen);
			if (!from)
				continue;
			from--;
		}
		json_object_foreach (deps, dep, dv) {
			size_t to;
			key = lower_dup(l->ctx->arena, dep, &klen);
			if (!key)
				return oom(l);
			to = (size_t)(uintptr_t)crk_map_get(ids, key, klen);
			if (to && edge(l, from, to - 1))
				return CRK_ENOMEM;
		}
	}
	return CRK_OK;
}

static int nuget_lock_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct lock l;
	json_error_t jerr;
	json_t *root, *ver, *deps, *fwobj, *e;
	const char *fw, *id;
	int rc = CRK_OK;

	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.err = err;
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
	ver = json_object_get(root, "version");
	if (!json_is_integer(ver) || json_integer_value(ver) < NUGET_LOCK_MIN ||
	    json_integer_value(ver) > NUGET_LOCK_MAX) {
		unsigned line = crk_npm__ks_find(&l.ks, "version", 7, 1);
		crk_npm__ks_init(&l.ks, ctx->buf, ctx->len);
		if (json_is_integer(ver))
			rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, line, 0,
					 "unsupported lock file version %lld (this reader knows %d "
					 "and %d)",
					 (long long)json_integer_value(ver), NUGET_LOCK_MIN,
					 NUGET_LOCK_MAX);
		else
			rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, line, 0,
					 "\"version\" is %s, not a lock file version",
					 ver ? "not an integer" : "missing");
		goto out;
	}
	deps = json_object_get(root, "dependencies");
	if (!deps)
		goto out;
	if (!json_is_object(deps)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path,
				 crk_npm__ks_find(&l.ks, "dependencies", 12, 1), 0,
				 "\"dependencies\" is not an object");
		goto out;
	}
	crk_npm__ks_find(&l.ks, "dependencies", 12, 1);
	json_object_foreach (deps, fw, fwobj) {
		struct crk_map ids = CRK_MAP_INIT;
		unsigned fwline = crk_npm__ks_find(&l.ks, fw, strlen(fw), 2);
		if (!json_is_object(fwobj)) {
			rc = crk_err_set(err, CRK_EPARSE, ctx->path, fwline, 0,
					 "target framework '%s' is not an object", fw);
			goto out;
		}
		json_object_foreach (fwobj, id, e) {
			unsigned line = crk_npm__ks_find(&l.ks, id, strlen(id), 3);
			if (!json_is_object(e)) {
				if (ctx->diags)
					crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
						       "package '%s' of '%s' is not an object; "
						       "skipped",
						       id, fw);
				continue;
			}
			rc = add_entry(&l, &ids, fw, id, e, line);
			if (rc)
				break;
		}
		if (!rc)
			rc = add_edges(&l, &ids, fwobj);
		crk_map_release(&ids);
		if (rc)
			goto out;
	}
out:
	json_decref(root);
	return rc;
}

static const char *const nuget_lock_names[] = {"packages.lock.json", NULL};

const struct crk_detector crk_detector_nuget_lock = {
	.name = "nuget/packages-lock-json",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "NuGet",
	.names = nuget_lock_names,
	.parse = nuget_lock_parse,
	.doc = "packages.lock.json (NuGet lock file)",
};
