/*
 * swift.c - Package.resolved, the pin file of the Swift Package Manager (and of Xcode, which
 * keeps it in <project>.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/).
 *
 * Format (JSON; SwiftPM's Sources/PackageGraph/PinsStore.swift, ResolvedPackagesStore):
 *   version 1 (Swift 5.0-5.5):
 *     {"object": {"pins": [{"package": "Alamofire",
 *                           "repositoryURL": "https://github.com/Alamofire/Alamofire.git",
 *                           "state": {"branch": null, "revision": "<sha>",
 *                                     "version": "5.4.3"}}]},
 *      "version": 1}
 *   version 2 (Swift 5.6+) and 3 (Swift 5.10+, adds "originHash"):
 *     {"pins": [{"identity": "swift-nio", "kind": "remoteSourceControl",
 *                "location": "https://github.com/apple/swift-nio.git",
 *                "state": {"revision": "<sha>", "version": "2.65.0"}}],
 *      "version": 2}
 *   - kind: remoteSourceControl (a git URL), localSourceControl (a local git checkout: a
 *     path), registry (SE-0292: identity "scope.name", a version, no revision);
 *   - state: a version (a tag), or a branch and a revision, or a revision alone.
 *
 * What is reported: one component per pin, ecosystem "SwiftURL", purl
 * pkg:swift/<host>/<owner path>/<repository>@<version> as the purl type defines it (namespace =
 * source host and owner, name = repository name without ".git"; the same as syft's), so the OSV
 * name (host/owner/repo, what osv-scalibr reports) is namespace/name. Git pins: CRK_PKG_GIT,
 * vcs_url (the location), vcs_commit (the revision); a branch pin has no version and the
 * property "git_ref" = "branch=<name>". Local pins: CRK_PKG_LOCAL and no purl (a path names no
 * package). Registry pins: pkg:swift/<scope>/<name>@<version>. The line is the pin's first key.
 * The file lists every pinned package, direct or not, and no graph: no edges are recorded.
 *
 * Errors: not JSON or not an object (an empty file too), a "version" that is not a number, a
 * "pins" that is not a list (CRK_EPARSE); a version other than 1-3 (CRK_EUNSUPPORTED). "{}"
 * (no version, no pins) is an empty pin file.
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

/*
 * Splits a repository location into purl namespace (host/owner...) and name (the last path
 * segment without ".git"): https://github.com/apple/swift-nio.git, git@github.com:apple/x.git,
 * ssh://git@host:22/a/b/c. User and port are dropped. Returns 1 when a host and a name are
 * there, 0 when not, -1 on ENOMEM.
 */
static int split_location(struct crk_arena *a, const char *loc, const char **ns, const char **name)
{
	const char *sch = strstr(loc, "://"), *host, *hend, *path, *at, *colon, *slash;
	size_t hn, pn;

	*ns = *name = NULL;
	if (sch) {
		host = sch + 3;
		hend = host + strcspn(host, "/");
		path = *hend ? hend + 1 : hend;
	} else { /* scp-like: [user@]host:path */
		hend = strchr(loc, ':');
		if (!hend || memchr(loc, '/', (size_t)(hend - loc)))
			return 0;
		host = loc;
		path = hend + 1;
	}
	at = memrchr(host, '@', (size_t)(hend - host));
	if (at)
		host = at + 1;
	colon = memchr(host, ':', (size_t)(hend - host));
	hn = (size_t)((colon ? colon : hend) - host);
	pn = strlen(path);
	while (pn && path[pn - 1] == '/')
		pn--;
	if (pn > 4 && memcmp(path + pn - 4, ".git", 4) == 0)
		pn -= 4;
	while (pn && path[0] == '/') {
		path++;
		pn--;
	}
	if (!hn || !pn)
		return 0;
	slash = memrchr(path, '/', pn);
	*name = slash ? crk_arena_strndup(a, slash + 1, (size_t)(path + pn - slash - 1))
		      : crk_arena_strndup(a, path, pn);
	*ns = slash ? crk_arena_printf(a, "%.*s/%.*s", (int)hn, host, (int)(slash - path), path)
		    : crk_arena_strndup(a, host, hn);
	if (!*name || !*ns)
		return -1;
	return **name ? 1 : 0;
}

static int add_pin(struct crk_detect_ctx *ctx, json_t *pin, int v1, unsigned line,
		   struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	json_t *state = json_object_get(pin, "state");
	const char *id = jstr(pin, v1 ? "package" : "identity");
	const char *loc = jstr(pin, v1 ? "repositoryURL" : "location");
	const char *kind = v1 ? "remoteSourceControl" : jstr(pin, "kind");
	const char *branch = json_is_object(state) ? jstr(state, "branch") : NULL;
	struct crk_pkg pkg;
	struct crk_kv prop;
	int r;

	crk_detect_pkg_init(ctx, &pkg, "swift", "SwiftURL");
	pkg.line = line;
	if (json_is_object(state)) {
		pkg.version = jstr(state, "version");
		pkg.vcs_commit = jstr(state, "revision");
	}
	if (!kind)
		kind = "remoteSourceControl";
	if (strcmp(kind, "registry") == 0) {
		const char *dot = id ? strchr(id, '.') : NULL;
		if (!dot || dot == id || !dot[1])
			goto bad;
		pkg.ns = crk_arena_strndup(a, id, (size_t)(dot - id));
		pkg.name = dot + 1;
		if (!pkg.ns)
			return oom(ctx, err);
		pkg.vcs_commit = NULL;
	} else if (strcmp(kind, "localSourceControl") == 0 || strcmp(kind, "fileSystem") == 0) {
		if (!id && !loc)
			goto bad;
		pkg.name = id ? id : loc;
		pkg.flags |= CRK_PKG_LOCAL | CRK_PKG_NO_PURL;
		pkg.vcs_url = loc;
	} else {
		if (!loc)
			goto bad;
		r = split_location(a, loc, &pkg.ns, &pkg.name);
		if (r < 0)
			return oom(ctx, err);
		if (!r)
			goto bad;
		pkg.flags |= CRK_PKG_GIT;
		pkg.vcs_url = loc;
	}
	if (branch) {
		prop.key = "git_ref";
		prop.value = crk_arena_printf(a, "branch=%s", branch);
		if (!prop.value)
			return oom(ctx, err);
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	return crk_detect_add(ctx, &pkg, NULL, err);
bad:
	crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, line ? 1 : 0,
		       "pin '%.100s' has no usable location: skipped", id ? id : loc ? loc : "");
	return CRK_OK;
}

static int swift_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_npm_keyscan ks;
	json_error_t jerr;
	json_t *root, *ver, *pins, *pin, *obj = NULL;
	json_int_t v = 0;
	const char *idkey;
	size_t i;
	int rc = CRK_OK, depth;

	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				 "expected a JSON object at the top level");
		goto out;
	}
	ver = json_object_get(root, "version");
	if (ver && !json_is_integer(ver)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "'version' is not a number");
		goto out;
	}
	if (ver) {
		v = json_integer_value(ver);
		if (v < 1 || v > 3) {
			rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, 0, 0,
					 "unsupported Package.resolved version %lld", (long long)v);
			goto out;
		}
	}
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	if (v == 1) {
		obj = json_object_get(root, "object");
		pins = json_is_object(obj) ? json_object_get(obj, "pins") : NULL;
		crk_npm__ks_find(&ks, "object", 6, 1);
		crk_npm__ks_find(&ks, "pins", 4, 2);
		idkey = "package";
		depth = 4;
	} else {
		pins = json_object_get(root, "pins");
		crk_npm__ks_find(&ks, "pins", 4, 1);
		idkey = "identity";
		depth = 3;
	}
	if (!pins || json_is_null(pins))
		goto out;
	if (!json_is_array(pins)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "'pins' is not a list");
		goto out;
	}
	json_array_foreach(pins, i, pin)
	{
		unsigned line = 0;
		if (!json_is_object(pin)) {
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
				       "pin %zu is not an object: skipped", i);
			continue;
		}
		if (json_object_get(pin, idkey))
			line = crk_npm__ks_find(&ks, idkey, strlen(idkey), depth);
		rc = add_pin(ctx, pin, v == 1, line, err);
		if (rc)
			break;
	}
out:
	json_decref(root);
	return rc;
}

static const char *const names[] = {"Package.resolved", NULL};

const struct crk_detector crk_detector_swift = {
	.name = "swift/package-resolved",
	.ecosystem = "SwiftURL",
	.names = names,
	.parse = swift_parse,
	.doc = "Package.resolved (SwiftPM and Xcode pin files, versions 1-3)",
};
