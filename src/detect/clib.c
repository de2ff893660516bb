/*
 * clib.c - the table of well-known C libraries (clib.def) and the lookups the C/C++ detectors
 * share (see clib.h).
 */
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "detect/clib.h"
#include "formats/cpe.h"

/* The table comes first: it is an #include, and base/banned.h must be the file's last one. */
const struct crk_clib crk_clib_table[] = {
#define CLIB(name, vendor, product, alt, mode, lit, notlit, re, flags, files, pc, repos, sample) \
	{name, vendor, product, alt, mode, lit, notlit, re, flags, files, pc, repos, sample},
#include "detect/clib.def"
#undef CLIB
};

const size_t crk_clib_count = sizeof(crk_clib_table) / sizeof(crk_clib_table[0]);

#include "base/banned.h"

int crk_clib_list_prefix(const char *list, const char *name)
{
	size_t n = strlen(name);
	while (list && *list) {
		const char *bar = strchr(list, '|');
		size_t k = bar ? (size_t)(bar - list) : strlen(list);
		if (k && k <= n && memcmp(name, list, k) == 0)
			return 1;
		list += k + (bar ? 1 : 0);
	}
	return 0;
}

int crk_clib_list_has(const char *list, const char *name, size_t n)
{
	while (list && *list) {
		const char *bar = strchr(list, '|');
		size_t k = bar ? (size_t)(bar - list) : strlen(list);
		if (k == n && strncasecmp(name, list, n) == 0)
			return 1;
		list += k + (bar ? 1 : 0);
	}
	return 0;
}

const struct crk_clib *crk_clib_by_pc(const char *module, size_t n)
{
	size_t i;
	for (i = 0; i < crk_clib_count; i++)
		if (crk_clib_table[i].pc && crk_clib_list_has(crk_clib_table[i].pc, module, n))
			return &crk_clib_table[i];
	return NULL;
}

/* Appends s[0..n) lowercased to out[*k..max). */
static void add_lower(char *out, size_t *k, size_t max, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && *k + 1 < max; i++) {
		char c = s[i];
		out[(*k)++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
}

/* "https://user@GitHub.com:443/madler/zlib.git/" and "git@github.com:madler/zlib" both become
 * "github.com/madler/zlib" in `out`. -1 when `url` has no host and path. */
static int repo_key(const char *url, size_t n, char *out, size_t max)
{
	const char *end = url + n, *host, *host_end, *path, *at, *colon;
	const char *scheme = memmem(url, n, "://", 3);
	size_t k = 0;

	if (scheme) {
		host = scheme + 3;
		path = memchr(host, '/', (size_t)(end - host));
		if (!path)
			return -1;
		at = memchr(host, '@', (size_t)(path - host));
		if (at)
			host = at + 1;
		colon = memchr(host, ':', (size_t)(path - host));
		host_end = colon ? colon : path; /* a port is not part of the name */
	} else {
		/* scp-like "[user@]host:path" */
		colon = memchr(url, ':', n);
		path = memchr(url, '/', n);
		if (!colon || (path && path < colon))
			return -1;
		host = url;
		at = memchr(url, '@', (size_t)(colon - url));
		if (at)
			host = at + 1;
		host_end = colon;
		path = colon + 1;
	}
	while (path < end && *path == '/')
		path++;
	while (end > path && end[-1] == '/')
		end--;
	if (end - path > 4 && strncasecmp(end - 4, ".git", 4) == 0)
		end -= 4;
	if (host_end == host || end == path || (size_t)(host_end - host) + (size_t)(end - path) + 2 > max)
		return -1;
	add_lower(out, &k, max, host, (size_t)(host_end - host));
	out[k++] = '/';
	add_lower(out, &k, max, path, (size_t)(end - path));
	out[k] = '\0';
	return 0;
}

const struct crk_clib *crk_clib_by_repo(const char *url, size_t n)
{
	char key[512];
	size_t i;
	if (repo_key(url, n, key, sizeof(key)))
		return NULL;
	for (i = 0; i < crk_clib_count; i++)
		if (crk_clib_table[i].repos &&
		    crk_clib_list_has(crk_clib_table[i].repos, key, strlen(key)))
			return &crk_clib_table[i];
	return NULL;
}

const char *crk_clib_cpe(const struct crk_clib *lib, const char *version, struct crk_arena *a,
			 int *nomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(1024);
	struct crk_cpe c;
	char *v = NULL, *update = NULL, *r = NULL;
	int rc;

	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = lib->vendor;
	c.product = lib->product;
	c.version = version;
	if (version && (lib->flags & CRK_CLIB_CPE_PORTABLE)) {
		/* "9.2p1" -> version 9.2, update p1 */
		const char *p = strchr(version, 'p');
		if (p && p > version && p[1] >= '0' && p[1] <= '9') {
			v = crk_arena_strndup(a, version, (size_t)(p - version));
			update = crk_arena_strdup(a, p);
			if (!v || !update) {
				*nomem = 1;
				return NULL;
			}
			c.version = v;
			c.update = update;
		}
	}
	rc = crk_cpe_bind(&sb, &c, NULL);
	if (rc == CRK_OK) {
		r = crk_arena_strndup(a, sb.buf, sb.len);
		if (!r)
			*nomem = 1;
	} else if (rc == CRK_ENOMEM) {
		*nomem = 1;
	}
	crk_strbuf_release(&sb);
	return r;
}

/* ---- files an OS package manager owns ---- */

static const char *const managed_top[] = {"usr", "lib", "lib32", "lib64", "libx32", "bin",
					 "sbin", "etc", NULL};

static const char *const package_dbs[] = {
	"var/lib/dpkg/status",   "var/lib/dpkg/status.d",       "lib/apk/db/installed",
	"var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages",     "var/lib/rpm/Packages.db",
	"usr/lib/sysimage/rpm/rpmdb.sqlite", NULL,
};

int crk_clib_os_owned(struct crk_detect_ctx *ctx)
{
	return crk_clib_os_owned_path(ctx, ctx->path);
}

int crk_clib_os_owned_path(struct crk_detect_ctx *ctx, const char *p)
{
	const char *comp = p;
	struct crk_strbuf rel = CRK_STRBUF_INIT(CRK_ERR_PATH_MAX);
	size_t depth = 0, prefix_len = 0, i;
	int found = 0, owned = 0;
	const char *d;

	if (!crk_detect_can_read(ctx))
		return 0;
	/* the first directory component that a package manager manages ("usr", not "usr/local") */
	while (*comp) {
		const char *slash = strchr(comp, '/');
		size_t n;
		if (!slash)
			break; /* the file itself */
		n = (size_t)(slash - comp);
		for (i = 0; managed_top[i]; i++)
			if (strlen(managed_top[i]) == n && memcmp(comp, managed_top[i], n) == 0)
				break;
		if (managed_top[i]) {
			if (n == 3 && memcmp(comp, "usr", 3) == 0 &&
			    strncmp(slash + 1, "local/", 6) == 0)
				return 0;
			prefix_len = (size_t)(comp - p);
			found = 1;
			break;
		}
		comp = slash + 1;
	}
	if (!found)
		return 0;
	for (d = ctx->dir; d && *d; d++)
		if (*d == '/')
			depth++;
	if (ctx->dir && *ctx->dir)
		depth++;
	for (i = 0; package_dbs[i] && !owned; i++) {
		const char *out, *relpath;
		size_t len, k;
		struct crk_err e;
		int rc;
		crk_strbuf_reset(&rel);
		for (k = 0; k < depth; k++)
			crk_strbuf_adds(&rel, "../");
		crk_strbuf_add(&rel, p, prefix_len);
		crk_strbuf_adds(&rel, package_dbs[i]);
		if (!crk_strbuf_ok(&rel))
			break;
		/* an existence test: a size cap of 0 refuses any non-empty file before reading it */
		rc = crk_detect_read(ctx, rel.buf, 0, &out, &len, &relpath, &e);
		owned = rc == CRK_OK || rc == CRK_ELIMIT || rc == CRK_EIO || rc == CRK_EUNSUPPORTED;
	}
	crk_strbuf_release(&rel);
	return owned;
}

/* ---- source dependencies fetched from git (cmake.c, submodule.c) ---- */

int crk_clib_is_commit(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");
	return (n == 40 || n == 64) && s[n] == '\0';
}

const char *crk_clib_release_version(const char *ref, const char *project, struct crk_arena *a,
				     int *nomem)
{
	static const char *const prefixes[] = {"refs/tags/", "release-", "release_", "rel-",
					       "version-", "ver-", "R_", "r_", NULL};
	const char *s = ref;
	size_t i, n, pl;
	char *v;
	int dots = 0, unders = 0;

	if (!ref || crk_clib_is_commit(ref))
		return NULL;
	for (i = 0; prefixes[i]; i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			s += strlen(prefixes[i]);
	pl = project ? strlen(project) : 0;
	if (pl && strncasecmp(s, project, pl) == 0 && (s[pl] == '-' || s[pl] == '_'))
		s += pl + 1;
	if ((s[0] == 'v' || s[0] == 'V') && s[1] >= '0' && s[1] <= '9')
		s++;
	if (!(s[0] >= '0' && s[0] <= '9'))
		return NULL;
	n = strlen(s);
	if (n > 64)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '.' || c == '-' || c == '_' || c == '+'))
			return NULL;
		dots += c == '.';
		unders += c == '_';
	}
	v = crk_arena_strndup(a, s, n);
	if (!v) {
		*nomem = 1;
		return NULL;
	}
	if (!dots && unders) /* "8_5_0" */
		for (i = 0; i < n; i++)
			if (v[i] == '_')
				v[i] = '.';
	return v;
}

int crk_clib_git_pkg(struct crk_detect_ctx *ctx, struct crk_pkg *pkg, const char *name,
		     const char *url, const char *ref, struct crk_kv *q, struct crk_kv *props,
		     size_t *nprops)
{
	struct crk_arena *a = ctx->arena;
	const struct crk_clib *lib = crk_clib_by_repo(url, strlen(url));
	char key[512];
	const char *owner = NULL, *repo = NULL, *ver;
	int nomem = 0;

	if (!repo_key(url, strlen(url), key, sizeof(key)) && strncmp(key, "github.com/", 11) == 0) {
		char *o = key + 11, *slash = strchr(o, '/');
		if (slash && slash > o && slash[1] && !strchr(slash + 1, '/')) {
			owner = crk_arena_strndup(a, o, (size_t)(slash - o));
			repo = crk_arena_strdup(a, slash + 1);
			if (!owner || !repo)
				return CRK_ENOMEM;
		}
	}
	pkg->flags |= CRK_PKG_GIT | (ref ? 0 : CRK_PKG_UNPINNED);
	pkg->version = ref;
	pkg->vcs_url = url;
	pkg->vcs_commit = ref && crk_clib_is_commit(ref) ? ref : NULL;
	if (owner) {
		pkg->type = "github";
		pkg->ns = owner;
		pkg->name = repo;
	} else {
		const char *vcs;
		if (memmem(url, strlen(url), "://", 3))
			vcs = strncmp(url, "git+", 4) == 0 || strncmp(url, "git://", 6) == 0
				      ? url
				      : crk_arena_printf(a, "git+%s", url);
		else if (!repo_key(url, strlen(url), key, sizeof(key))) /* scp-like user@host:path */
			vcs = crk_arena_printf(a, "git+ssh://%.*s/%s", (int)(strchr(url, ':') - url),
					       url, strchr(url, ':') + 1);
		else
			vcs = url;
		if (!vcs)
			return CRK_ENOMEM;
		if (ref && !(vcs = crk_arena_printf(a, "%s@%s", vcs, ref)))
			return CRK_ENOMEM;
		pkg->type = "generic";
		pkg->name = lib ? lib->name : name;
		q->key = "vcs_url";
		q->value = vcs;
		pkg->qualifiers = q;
		pkg->nqualifiers = 1;
	}
	if (lib) {
		ver = crk_clib_release_version(ref, lib->name, a, &nomem);
		if (ver && !(pkg->cpe = crk_clib_cpe(lib, ver, a, &nomem)) && nomem)
			return CRK_ENOMEM;
	} else if (owner) {
		ver = crk_clib_release_version(ref, repo, a, &nomem);
		if (ver) {
			struct crk_clib guess;
			memset(&guess, 0, sizeof(guess));
			guess.vendor = owner;
			guess.product = repo;
			pkg->cpe = crk_clib_cpe(&guess, ver, a, &nomem);
			if (pkg->cpe) {
				props[*nprops].key = "cpe.guessed";
				props[(*nprops)++].value = "true";
			}
		}
	}
	return nomem ? CRK_ENOMEM : CRK_OK;
}
