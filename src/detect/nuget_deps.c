/*
 * nuget_deps.c - <app>.deps.json, the dependency manifest `dotnet build`/`publish` writes beside
 * a .NET application (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-
 * configuration-file.md; the host reads it to resolve assemblies at run time, so it lists what
 * the application really loads).
 *
 * Format: JSON.
 *
 *   {"runtimeTarget": {"name": ".NETCoreApp,Version=v6.0", "signature": ""},
 *    "targets": {".NETCoreApp,Version=v6.0": {                (and "<tfm>/<rid>" sections)
 *        "App/1.0.0": {"dependencies": {"Serilog": "2.10.0"}, "runtime": {...}},
 *        "Serilog/2.10.0": {"runtime": {...}}}},
 *    "libraries": {
 *        "App/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
 *        "Serilog/2.10.0": {"type": "package", "serviceable": true,
 *                           "sha512": "sha512-<base64>", "path": "serilog/2.10.0",
 *                           "hashPath": "serilog.2.10.0.nupkg.sha512"}}}
 *
 *   Library types: "package" (a NuGet package), "runtimepack" (the .NET runtime itself, in a
 *   self-contained app: Microsoft.NETCore.App.Runtime.<rid>), "project" / "msbuildproject" (the
 *   application and the projects it references), "reference" / "referenceassembly" (plain
 *   assembly files).
 *
 * What is reported:
 *   - every "package" and "runtimepack" library as a NuGet component (name and version from the
 *     "Name/Version" key; names keep their case), "sha512" as a SHA-512 hash, the line of the
 *     key; a key that is not exactly "Name/Version" is a warning and skipped (as osv-scalibr);
 *   - "project" and "msbuildproject" libraries are the product itself and its own projects, not
 *     components (osv-scalibr reports them as packages): their dependencies in "targets" are the
 *     product's direct dependencies (root edges); "reference" assemblies are not packages;
 *   - each "dependencies" entry of a "targets" section is an edge to the library "Name/Version"
 *     (deps.json records the version resolved, so the key is exact; matched without case).
 *
 * Errors: not JSON, a top level that is not an object, or no "libraries" object (`{}` is not a
 * deps.json, as osv-scalibr also says): CRK_EPARSE. Scope: all required (what ships).
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

/* Map values: component id + 1, or ROOT_MARK for a project library. */
#define ROOT_MARK ((uintptr_t)-1)

struct deps {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_map ids; /* lowercased "name/version" -> id + 1 or ROOT_MARK */
};

static int oom(struct deps *d)
{
	return crk_err_set(d->err, CRK_ENOMEM, d->ctx->path, 0, 0, "out of memory");
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *lower_dup(struct crk_arena *a, const char *s, size_t len)
{
	size_t i;
	char *d = crk_arena_strndup(a, s, len);
	if (!d)
		return NULL;
	for (i = 0; i < len; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

static int remember(struct deps *d, const char *key, uintptr_t v)
{
	size_t klen = strlen(key);
	char *k = lower_dup(d->ctx->arena, key, klen);
	if (!k || crk_map_put(&d->ids, k, klen, (void *)v))
		return oom(d);
	return CRK_OK;
}

static int add_library(struct deps *d, const char *key, json_t *lib, unsigned line)
{
	struct crk_detect_ctx *ctx = d->ctx;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	struct crk_pkg pkg;
	const char *type = jstr(lib, "type"), *sha = jstr(lib, "sha512"), *slash;
	char *name;
	size_t nh = 0, id;
	int rc;

	if (!type)
		type = "";
	if (strcmp(type, "project") == 0 || strcmp(type, "msbuildproject") == 0)
		return remember(d, key, ROOT_MARK);
	if (strcmp(type, "package") != 0 && strcmp(type, "runtimepack") != 0)
		return CRK_OK;
	slash = strchr(key, '/');
	if (!slash || slash == key || !slash[1] || strchr(slash + 1, '/')) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "library '%s' is not \"name/version\"; skipped", key);
		return CRK_OK;
	}
	name = crk_arena_strndup(ctx->arena, key, (size_t)(slash - key));
	if (!name)
		return oom(d);
	crk_detect_pkg_init(ctx, &pkg, "nuget", "NuGet");
	pkg.name = name;
	pkg.version = slash + 1;
	pkg.line = line;
	if (sha && crk_npm__sri(ctx->arena, sha, strlen(sha), hashes, &nh, CRK_NPM_MAX_HASHES))
		return oom(d);
	pkg.hashes = nh ? hashes : NULL;
	pkg.nhashes = nh;
	rc = crk_detect_add(ctx, &pkg, &id, d->err);
	if (rc || id == CRK_BOM_NONE)
		return rc;
	return remember(d, key, (uintptr_t)id + 1);
}

static uintptr_t lookup(struct deps *d, const char *key, size_t klen, int *nomem)
{
	char *k = lower_dup(d->ctx->arena, key, klen);
	if (!k) {
		*nomem = 1;
		return 0;
	}
	return (uintptr_t)crk_map_get(&d->ids, k, klen);
}

/* Edges of one "targets" section. */
static int add_edges(struct deps *d, json_t *section)
{
	const char *key, *dep;
	json_t *e, *deps, *ver;
	int nomem = 0;
	json_object_foreach (section, key, e) {
		uintptr_t from = lookup(d, key, strlen(key), &nomem);
		if (nomem)
			return oom(d);
		deps = json_object_get(e, "dependencies");
		if (!from || !json_is_object(deps))
			continue;
		json_object_foreach (deps, dep, ver) {
			const char *v = json_is_string(ver) ? json_string_value(ver) : NULL;
			const char *k;
			uintptr_t to;
			int rc;
			if (!v)
				continue;
			k = crk_arena_printf(d->ctx->arena, "%s/%s", dep, v);
			if (!k)
				return oom(d);
			to = lookup(d, k, strlen(k), &nomem);
			if (nomem)
				return oom(d);
			if (!to || to == ROOT_MARK)
				continue;
			rc = crk_bom_add_dep(d->ctx->bom,
					     from == ROOT_MARK ? CRK_BOM_ROOT : (size_t)(from - 1),
					     (size_t)(to - 1));
			if (rc == CRK_ENOMEM)
				return oom(d);
		}
	}
	return CRK_OK;
}

static int nuget_deps_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_npm_keyscan ks;
	struct deps d;
	json_error_t jerr;
	json_t *root, *libs, *targets, *lib, *sec;
	const char *key;
	int rc = CRK_OK;

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	d.err = err;
	crk_map_init(&d.ids);
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
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	libs = json_object_get(root, "libraries");
	if (!json_is_object(libs)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path,
				 libs ? crk_npm__ks_find(&ks, "libraries", 9, 1) : 1, libs ? 0 : 1,
				 "%s: not a .deps.json file",
				 libs ? "\"libraries\" is not an object"
				      : "no \"libraries\" object");
		goto out;
	}
	crk_npm__ks_find(&ks, "libraries", 9, 1);
	json_object_foreach (libs, key, lib) {
		unsigned line = crk_npm__ks_find(&ks, key, strlen(key), 2);
		if (!json_is_object(lib))
			continue;
		rc = add_library(&d, key, lib, line);
		if (rc)
			goto out;
	}
	targets = json_object_get(root, "targets");
	if (json_is_object(targets)) {
		json_object_foreach (targets, key, sec) {
			if (!json_is_object(sec))
				continue;
			rc = add_edges(&d, sec);
			if (rc)
				goto out;
		}
	}
out:
	crk_map_release(&d.ids);
	json_decref(root);
	return rc;
}

/* "<anything>.deps.json" */
static int nuget_deps_match(const char *relpath, size_t rellen, const char *name)
{
	static const char suffix[] = ".deps.json";
	size_t n = strlen(name), sl = sizeof(suffix) - 1;
	(void)relpath;
	(void)rellen;
	return n > sl && memcmp(name + n - sl, suffix, sl) == 0;
}

const struct crk_detector crk_detector_nuget_deps = {
	.name = "nuget/deps-json",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "NuGet",
	.match = nuget_deps_match,
	.parse = nuget_deps_parse,
	.doc = "*.deps.json (.NET application dependency manifest)",
};
