/*
 * pipfile.c - Pipfile.lock, the lock file of pipenv.
 *
 * Format: JSON, https://github.com/pypa/pipfile (the "Pipfile.lock" section) and pipenv's
 * writer (pipenv/utils/locking.py):
 *
 *   {"_meta": {"hash": {...}, "pipfile-spec": 6, "requires": {...}, "sources": [...]},
 *    "default": {"name": {"version": "==1.2.3", "hashes": ["sha256:..."], "markers": "...",
 *                         "index": "pypi", "extras": ["x"]}, ...},
 *    "develop": {...},
 *    "<category>": {...}}       (pipenv 2022.10 and later: one object per Pipfile category)
 *
 *   - a package from a VCS has "git" (or "hg", "svn", "bzr"), "ref" (the locked commit) and often
 *     "editable": true; a local one has "path", a file or URL one has "file"; these have no
 *     "version";
 *   - "version" is a specifier; pipenv always writes an exact "==X" for index packages.
 *
 * What is reported:
 *   - every entry of "default" (required), "develop" (CRK_SCOPE_DEV) and of any other category
 *     object (CRK_SCOPE_OPTIONAL: installed only when asked for; property "category"); a package
 *     in several sections is one component whose scope is the widest (the BOM merges by purl);
 *   - version from "==X"/"===X"; anything else is CRK_PKG_UNPINNED with the property
 *     "specifier"; "hashes" as CycloneDX hashes (sha256/sha384/sha512, malformed ones dropped);
 *     "markers" as the property "marker"; "extras" as "extras";
 *   - VCS entries: CRK_PKG_GIT (git) with vcs_url and vcs_commit ("ref" when it is a commit id,
 *     else the property "vcs_ref"); "editable" adds CRK_PKG_EDITABLE; "path" gives CRK_PKG_LOCAL;
 *     "file" gives CRK_PKG_URL with download_url (or CRK_PKG_LOCAL for a local file). osv-scanner
 *     and osv-scalibr drop entries without a version; we keep them (they are dependencies);
 *   - the line of each package's key. The file does not say which packages the project needs
 *     directly (that is the Pipfile), so no edges are recorded.
 *
 * Errors: not JSON, or a top level / section that is not an object, is CRK_EPARSE at the place
 * jansson reports; a "pipfile-spec" above 6 is CRK_EUNSUPPORTED. An empty file (0 bytes or white
 * space) has no packages and is not an error (as osv-scalibr). A malformed entry is a warning.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define PIPFILE_SPEC_MAX 6

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * Where each package key is: one pass over the (already validated) JSON text, recording the
 * line of every key of an object that is the value of a top-level key (valid JSON has no raw
 * newline inside a string, so counting them outside strings is exact). The map's keys are
 * "<section>" and "<section>\n<key>" as written in the file, its values the lines; keys with
 * escapes are not recorded (line 0).
 */
static int index_keys(struct crk_detect_ctx *ctx, struct crk_map *pos)
{
	const char *b = ctx->buf;
	size_t n = ctx->len, i = 0;
	unsigned depth = 0, line = 1;
	const char *sec = NULL;
	size_t secn = 0;
	int sec_obj = 0;

	while (i < n) {
		char c = b[i];
		if (c == '"') {
			size_t start = ++i, end, j;
			unsigned kline = line;
			int esc = 0;
			while (i < n && b[i] != '"') {
				if (b[i] == '\\') {
					esc = 1;
					i++;
				}
				i++;
			}
			end = i < n ? i : n;
			i++;
			for (j = i; j < n && is_ws(b[j]); j++)
				line += b[j] == '\n';
			i = j;
			if (j >= n || b[j] != ':')
				continue;
			if (depth == 1) {
				sec = esc ? NULL : b + start;
				secn = end - start;
				if (sec && crk_map_put(pos, sec, secn, (void *)(uintptr_t)kline))
					return -1;
			} else if (depth == 2 && sec_obj && sec && !esc) {
				size_t kl = secn + 1 + (end - start);
				char *key = crk_arena_alloc(ctx->arena, kl + 1);
				if (!key)
					return -1;
				memcpy(key, sec, secn);
				key[secn] = '\n';
				memcpy(key + secn + 1, b + start, end - start);
				if (crk_map_put(pos, key, kl, (void *)(uintptr_t)kline))
					return -1;
			}
			continue;
		}
		if (c == '\n') {
			line++;
		} else if (c == '{' || c == '[') {
			depth++;
			if (depth == 2)
				sec_obj = c == '{';
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
		}
		i++;
	}
	return 0;
}

static int add_hash(struct crk_arena *a, const char *v, struct crk_hash *out)
{
	static const struct {
		const char *pfx, *cdx;
		size_t hexlen;
	} algs[] = {{"sha256:", "SHA-256", 64},
		    {"sha384:", "SHA-384", 96},
		    {"sha512:", "SHA-512", 128}};
	size_t k, i;
	for (k = 0; k < sizeof(algs) / sizeof(algs[0]); k++) {
		size_t pl = strlen(algs[k].pfx);
		char *hex;
		if (strncmp(v, algs[k].pfx, pl) != 0 || strlen(v + pl) != algs[k].hexlen)
			continue;
		hex = crk_arena_strdup(a, v + pl);
		if (!hex)
			return -1;
		for (i = 0; hex[i]; i++) {
			if (!is_hex(hex[i]))
				return 0;
			if (hex[i] >= 'A' && hex[i] <= 'F')
				hex[i] = (char)(hex[i] - 'A' + 'a');
		}
		out->alg = algs[k].cdx;
		out->value = hex;
		return 1;
	}
	return 0;
}

static int looks_like_commit(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 7 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

static int is_remote(const char *s)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://"};
	size_t i;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncmp(s, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

static const char *str_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static int add_entry(struct crk_detect_ctx *ctx, const char *section, enum crk_scope scope,
		     const char *name, json_t *e, unsigned line, struct crk_err *err)
{
	struct crk_pkg pkg;
	struct crk_kv props[5];
	struct crk_hash *hashes = NULL;
	size_t np = 0, nh = 0, id;
	const char *version = str_member(e, "version"), *markers = str_member(e, "markers");
	const char *vcs = NULL, *path = str_member(e, "path"), *file = str_member(e, "file");
	static const char *const vcs_keys[] = {"git", "hg", "svn", "bzr"};
	json_t *hs = json_object_get(e, "hashes"), *ex = json_object_get(e, "extras");
	size_t k;
	int git = 0;

	if (!json_is_object(e) || (json_object_get(e, "version") && !version)) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "package '%s' in '%s' %s; skipped", name, section,
				       json_is_object(e) ? "has a version that is not a string"
							 : "is not an object");
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = name;
	pkg.scope = scope;
	pkg.line = line;
	for (k = 0; k < sizeof(vcs_keys) / sizeof(vcs_keys[0]) && !vcs; k++) {
		vcs = str_member(e, vcs_keys[k]);
		git = vcs && k == 0;
	}
	if (version) {
		if (strncmp(version, "===", 3) == 0 && version[3])
			pkg.version = version + 3;
		else if (strncmp(version, "==", 2) == 0 && version[2] && !strchr(version, '*') &&
			 !strchr(version, ','))
			pkg.version = version + 2;
		while (pkg.version && *pkg.version == ' ')
			pkg.version++;
		if (pkg.version && !*pkg.version)
			pkg.version = NULL;
	}
	if (vcs) {
		const char *ref = str_member(e, "ref");
		if (git && strncmp(vcs, "git+", 4) == 0)
			vcs += 4;
		pkg.vcs_url = vcs;
		pkg.flags |= git ? CRK_PKG_GIT : CRK_PKG_URL;
		if (ref && looks_like_commit(ref)) {
			pkg.vcs_commit = ref;
		} else if (ref && *ref) {
			props[np].key = "vcs_ref";
			props[np++].value = ref;
		}
	} else if (file) {
		if (is_remote(file)) {
			pkg.flags |= CRK_PKG_URL;
			pkg.download_url = file;
		} else {
			pkg.flags |= CRK_PKG_LOCAL;
		}
	} else if (path) {
		pkg.flags |= CRK_PKG_LOCAL;
	} else if (!pkg.version) {
		pkg.flags |= CRK_PKG_UNPINNED;
		if (version && *version) {
			props[np].key = "specifier";
			props[np++].value = version;
		}
	}
	if (json_is_true(json_object_get(e, "editable")))
		pkg.flags |= CRK_PKG_EDITABLE;
	if (json_is_array(hs) && json_array_size(hs)) {
		size_t i;
		hashes = crk_arena_array(ctx->arena, json_array_size(hs), sizeof(*hashes));
		if (!hashes)
			return oom(ctx, err);
		for (i = 0; i < json_array_size(hs); i++) {
			json_t *h = json_array_get(hs, i);
			int r;
			if (!json_is_string(h))
				continue;
			r = add_hash(ctx->arena, json_string_value(h), &hashes[nh]);
			if (r < 0)
				return oom(ctx, err);
			nh += (size_t)r;
		}
	}
	pkg.hashes = nh ? hashes : NULL;
	pkg.nhashes = nh;
	if (markers && *markers) {
		props[np].key = "marker";
		props[np++].value = markers;
	}
	if (json_is_array(ex) && json_array_size(ex)) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
		size_t i;
		char *x;
		for (i = 0; i < json_array_size(ex); i++) {
			json_t *v = json_array_get(ex, i);
			if (!json_is_string(v))
				continue;
			if (sb.len)
				crk_strbuf_addch(&sb, ',');
			crk_strbuf_adds(&sb, json_string_value(v));
		}
		x = crk_strbuf_ok(&sb) ? crk_arena_strndup(ctx->arena, sb.buf, sb.len) : NULL;
		crk_strbuf_release(&sb);
		if (!x)
			return oom(ctx, err);
		if (*x) {
			props[np].key = "extras";
			props[np++].value = x;
		}
	}
	if (scope == CRK_SCOPE_OPTIONAL) {
		props[np].key = "category";
		props[np++].value = section;
	}
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &id, err);
}

static int pipfile_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_map pos = CRK_MAP_INIT;
	json_error_t jerr;
	json_t *root, *meta, *spec, *sec;
	const char *secname;
	size_t i;
	int rc = CRK_OK;

	for (i = 0; i < ctx->len && is_ws(ctx->buf[i]); i++)
		;
	if (i == ctx->len)
		return CRK_OK; /* an empty lock file locks nothing */
	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(
			err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
			jerr.column > 0 ? (unsigned)jerr.column : 0, "invalid JSON: %s", jerr.text);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1, "top level is not an object");
		goto out;
	}
	if (index_keys(ctx, &pos)) {
		rc = oom(ctx, err);
		goto out;
	}
	meta = json_object_get(root, "_meta");
	spec = json_is_object(meta) ? json_object_get(meta, "pipfile-spec") : NULL;
	if (json_is_integer(spec) &&
	    (json_integer_value(spec) < 1 || json_integer_value(spec) > PIPFILE_SPEC_MAX)) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, ctx->path,
				 (unsigned)(uintptr_t)crk_map_get(&pos, "_meta\npipfile-spec", 18),
				 0, "unsupported pipfile-spec %lld (this reader knows 1 to %d)",
				 (long long)json_integer_value(spec), PIPFILE_SPEC_MAX);
		goto out;
	}
	json_object_foreach(root, secname, sec)
	{
		enum crk_scope scope;
		const char *name;
		json_t *e;
		if (strcmp(secname, "_meta") == 0)
			continue;
		if (!json_is_object(sec)) {
			if (strcmp(secname, "default") == 0 || strcmp(secname, "develop") == 0) {
				rc = crk_err_set(err, CRK_EPARSE, ctx->path,
						 (unsigned)(uintptr_t)crk_map_get(&pos, secname,
										  strlen(secname)),
						 0, "'%s' is not an object", secname);
				goto out;
			}
			continue;
		}
		scope = strcmp(secname, "default") == 0	  ? CRK_SCOPE_REQUIRED
			: strcmp(secname, "develop") == 0 ? CRK_SCOPE_DEV
							  : CRK_SCOPE_OPTIONAL;
		json_object_foreach(sec, name, e)
		{
			struct crk_strbuf key = CRK_STRBUF_INIT(CRK_MAX_STRING);
			unsigned line;
			crk_strbuf_adds(&key, secname);
			crk_strbuf_addch(&key, '\n');
			crk_strbuf_adds(&key, name);
			if (!crk_strbuf_ok(&key)) {
				crk_strbuf_release(&key);
				rc = oom(ctx, err);
				goto out;
			}
			line = (unsigned)(uintptr_t)crk_map_get(&pos, key.buf, key.len);
			crk_strbuf_release(&key);
			if (!*name)
				continue;
			rc = add_entry(ctx, secname, scope, name, e, line, err);
			if (rc)
				goto out;
		}
	}
out:
	crk_map_release(&pos);
	json_decref(root);
	return rc;
}

static const char *const pipfile_names[] = {"Pipfile.lock", NULL};

const struct crk_detector crk_detector_pipfile = {
	.name = "pypi/pipfile-lock",
	.ecosystem = "PyPI",
	.names = pipfile_names,
	.parse = pipfile_parse,
	.doc = "Pipfile.lock (pipenv)",
};
