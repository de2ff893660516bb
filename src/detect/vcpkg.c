/*
 * vcpkg.c - vcpkg, the C/C++ package manager: the manifest vcpkg.json and the database of
 * installed ports, installed/vcpkg/status.
 *
 * vcpkg.json (https://learn.microsoft.com/vcpkg/reference/vcpkg-json):
 *   {"name": "hello", "version": "0.1.0",             (or version-semver, version-date,
 *    "port-version": 0,                                 version-string; all optional)
 *    "dependencies": ["fmt",
 *                     {"name": "zlib", "version>=": "1.2.13#1", "features": ["x"],
 *                      "host": true, "platform": "windows", "default-features": false}],
 *    "overrides": [{"name": "fmt", "version": "10.1.1", "port-version": 2}],
 *    "builtin-baseline": "<commit of the registry>"}
 *   Which versions get installed is decided by the registry: the baseline's version, raised by
 *   "version>=" constraints, replaced by an override. The manifest alone (offline) knows the
 *   direct dependencies' names and, where an override pins one, its version.
 *   Reported: the manifest's own package (name, version) as a CRK_PKG_LOCAL component, the
 *   root of the product (CRK_BOM_ROOT -> it); each dependency as pkg:vcpkg/NAME, with the
 *   override's version (and port_version qualifier) when there is one, otherwise without a
 *   version and CRK_PKG_UNPINNED; edges from the manifest package (or the product, when the
 *   manifest has no name) to each dependency. A "host" dependency is a build tool: dev. A
 *   "platform" expression is kept as the property "vcpkg:platform". Lines: the dependency's
 *   entry. Errors: not JSON, not an object, "dependencies" not a list (CRK_EPARSE).
 *
 * installed/vcpkg/status (and <project>/vcpkg_installed/vcpkg/status in manifest mode): the
 * database vcpkg keeps of what it installed, in dpkg's control format (see dpkg.c):
 *   Package: zlib                    Package: curl
 *   Version: 1.3.1                   Feature: ssl               (a feature: not a package,
 *   Port-Version: 1                  Depends: openssl            its Depends are the
 *   Depends: vcpkg-cmake:x64-linux   Architecture: x64-linux     package's)
 *   Architecture: x64-linux          Status: install ok installed
 *   Abi: <sha256>
 *   Status: install ok installed
 *   Reported: each installed package stanza (third word of Status "installed") as
 *   pkg:vcpkg/NAME@VERSION?port_version=N&triplet=ARCH (port_version only when not 0), with
 *   the Abi hash as the property "vcpkg:abi"; edges from Depends ("name[features]:triplet",
 *   the dependent's triplet when none is given) of the package and of its installed features;
 *   the packages nothing depends on are the direct ones (CRK_BOM_ROOT). vcpkg appends changes
 *   to installed/vcpkg/updates/ between compactions of the status file; those are not read.
 *   Errors: a file with no well-formed stanza but some lines (CRK_EPARSE).
 */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
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

/* ---- vcpkg.json ---- */

/* The line of the next array element (a string or an object) after ks->pos; 0 at the end. */
static unsigned next_element(struct crk_npm_keyscan *ks)
{
	size_t i = ks->pos;
	while (i < ks->n) {
		char c = ks->b[i];
		if (c == '"' || c == '{') {
			unsigned line = ks->line;
			if (c == '"') {
				for (i++; i < ks->n && ks->b[i] != '"'; i++)
					if (ks->b[i] == '\\')
						i++;
				i++;
			} else { /* skip the object, strings included */
				int d = 0;
				for (; i < ks->n; i++) {
					char x = ks->b[i];
					if (x == '"') {
						for (i++; i < ks->n && ks->b[i] != '"'; i++)
							if (ks->b[i] == '\\')
								i++;
					} else if (x == '\n') {
						ks->line++;
					} else if (x == '{' || x == '[') {
						d++;
					} else if ((x == '}' || x == ']') && --d == 0) {
						i++;
						break;
					}
				}
			}
			ks->pos = i < ks->n ? i : ks->n;
			return line;
		}
		if (c == '\n')
			ks->line++;
		else if (c == ']') {
			ks->pos = i + 1;
			return 0;
		}
		i++;
	}
	ks->pos = i;
	return 0;
}

static const char *manifest_version(json_t *o)
{
	static const char *const keys[] = {"version", "version-semver", "version-date",
					   "version-string"};
	size_t i;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (jstr(o, keys[i]))
			return jstr(o, keys[i]);
	return NULL;
}

/* "port-version" as a qualifier value, or NULL for 0 / absent. */
static const char *port_version(struct crk_arena *a, json_t *o, int *fail)
{
	json_t *pv = json_object_get(o, "port-version");
	char *s;
	if (!json_is_integer(pv) || json_integer_value(pv) <= 0)
		return NULL;
	s = crk_arena_printf(a, "%lld", (long long)json_integer_value(pv));
	if (!s)
		*fail = 1;
	return s;
}

/* "overrides" by name (the first one of a name wins, as vcpkg rejects duplicates anyway). */
static int index_overrides(struct crk_map *m, json_t *overrides)
{
	size_t i;
	json_t *o;
	void *prev;
	json_array_foreach(overrides, i, o)
	{
		const char *n = jstr(o, "name");
		if (n && crk_map_put_new(m, n, strlen(n), o, &prev))
			return -1;
	}
	return 0;
}

static int manifest_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	struct crk_npm_keyscan ks;
	struct crk_map ovmap;
	json_error_t jerr;
	json_t *root, *deps, *overrides, *d;
	size_t self = CRK_BOM_ROOT, i;
	int rc = CRK_OK, fail = 0, lines;

	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	crk_map_init(&ovmap);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				 "expected a JSON object at the top level");
		goto out;
	}
	deps = json_object_get(root, "dependencies");
	overrides = json_object_get(root, "overrides");
	if (index_overrides(&ovmap, overrides)) {
		rc = oom(ctx, err);
		goto out;
	}
	if (deps && !json_is_array(deps)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "'dependencies' is not a list");
		goto out;
	}
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	if (jstr(root, "name")) {
		struct crk_pkg pkg;
		struct crk_kv q;
		crk_detect_pkg_init(ctx, &pkg, "vcpkg", "vcpkg");
		pkg.name = jstr(root, "name");
		pkg.version = manifest_version(root);
		pkg.flags = CRK_PKG_LOCAL;
		pkg.line = crk_npm__ks_find(&ks, "name", 4, 1);
		crk_npm__ks_init(&ks, ctx->buf, ctx->len);
		if ((q.value = port_version(a, root, &fail)) != NULL) {
			q.key = "port_version";
			pkg.qualifiers = &q;
			pkg.nqualifiers = 1;
		}
		if (fail) {
			rc = oom(ctx, err);
			goto out;
		}
		rc = crk_detect_add(ctx, &pkg, &self, err);
		if (rc)
			goto out;
		if (self == CRK_BOM_NONE)
			self = CRK_BOM_ROOT;
		else if (crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, self) == CRK_ENOMEM) {
			rc = oom(ctx, err);
			goto out;
		}
	}
	lines = deps && crk_npm__ks_find(&ks, "dependencies", 12, 1) != 0;
	json_array_foreach(deps, i, d)
	{
		struct crk_pkg pkg;
		struct crk_kv q, props[2];
		size_t id, np = 0;
		json_t *ov;
		unsigned line = lines ? next_element(&ks) : 0;
		const char *name = json_is_string(d) ? json_string_value(d) : jstr(d, "name");
		if (!name || !*name) {
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, line ? 1 : 0,
				       "dependency %zu has no name: skipped", i);
			continue;
		}
		crk_detect_pkg_init(ctx, &pkg, "vcpkg", "vcpkg");
		pkg.name = name;
		pkg.line = line;
		ov = crk_map_get(&ovmap, name, strlen(name));
		if (ov && manifest_version(ov)) {
			pkg.version = manifest_version(ov);
			if ((q.value = port_version(a, ov, &fail)) != NULL) {
				q.key = "port_version";
				pkg.qualifiers = &q;
				pkg.nqualifiers = 1;
			}
		} else {
			pkg.flags |= CRK_PKG_UNPINNED;
			if (json_is_object(d) && jstr(d, "version>=")) {
				props[np].key = "vcpkg:version_min";
				props[np++].value = jstr(d, "version>=");
			}
		}
		if (json_is_object(d)) {
			if (json_is_true(json_object_get(d, "host")))
				pkg.scope = CRK_SCOPE_DEV;
			if (jstr(d, "platform")) {
				props[np].key = "vcpkg:platform";
				props[np++].value = jstr(d, "platform");
			}
		}
		pkg.props = props;
		pkg.nprops = np;
		if (fail) {
			rc = oom(ctx, err);
			goto out;
		}
		rc = crk_detect_add(ctx, &pkg, &id, err);
		if (rc)
			goto out;
		if (crk_bom_add_dep(ctx->bom, self, id) == CRK_ENOMEM) {
			rc = oom(ctx, err);
			goto out;
		}
	}
out:
	crk_map_release(&ovmap);
	json_decref(root);
	return rc;
}

/* ---- installed/vcpkg/status ---- */

enum { S_PACKAGE, S_VERSION, S_PORTVERSION, S_ARCH, S_STATUS, S_FEATURE, S_DEPENDS, S_ABI,
       S_COUNT };
static const char *const s_names[S_COUNT] = {
	"Package", "Version", "Port-Version", "Architecture", "Status", "Feature", "Depends", "Abi",
};

struct sfield {
	const char *v;
	size_t n;
	size_t end; /* offset past the last continuation line */
};

/* A stanza, kept for the edge pass. */
struct stanza {
	struct sfield f[S_COUNT];
	unsigned line;
	struct vpkg *vp; /* the package (NULL for a feature, or when it was not added) */
	struct stanza *next;
};

struct vpkg {
	size_t id;
	const char *arch;
	int needed;
};

struct status {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct stanza *head, **tail;
	struct crk_map pkgs; /* "name:triplet" -> struct vpkg */
	size_t good, bad;
	unsigned first_bad;
};

static int installed(const struct sfield *st)
{
	/* "install ok installed": the third word */
	const char *s = st->v, *e = st->v + st->n;
	int w;
	for (w = 0; w < 2; w++) {
		while (s < e && *s != ' ')
			s++;
		while (s < e && *s == ' ')
			s++;
	}
	return (size_t)(e - s) >= 9 && memcmp(s, "installed", 9) == 0 &&
	       (e - s == 9 || s[9] == ' ');
}

static char *pkey(struct crk_arena *a, const char *n, size_t nn, const char *t, size_t tn)
{
	return crk_arena_printf(a, "%.*s:%.*s", (int)nn, n ? n : "", (int)tn, t ? t : "");
}

static int add_status_pkg(struct status *s, struct stanza *st)
{
	struct crk_detect_ctx *ctx = s->ctx;
	struct crk_arena *a = ctx->arena;
	struct sfield *f = st->f;
	struct crk_pkg pkg;
	struct crk_kv q[2], prop;
	struct vpkg *vp;
	size_t nq = 0;
	char *key;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, "vcpkg", "vcpkg");
	pkg.line = st->line;
	pkg.name = crk_arena_strndup(a, f[S_PACKAGE].v, f[S_PACKAGE].n);
	pkg.version = crk_arena_strndup(a, f[S_VERSION].v, f[S_VERSION].n);
	vp = crk_arena_alloc(a, sizeof(*vp));
	if (!pkg.name || !pkg.version || !vp)
		return oom(ctx, s->err);
	if (f[S_PORTVERSION].n && !(f[S_PORTVERSION].n == 1 && f[S_PORTVERSION].v[0] == '0')) {
		q[nq].key = "port_version";
		if (!(q[nq++].value = crk_arena_strndup(a, f[S_PORTVERSION].v, f[S_PORTVERSION].n)))
			return oom(ctx, s->err);
	}
	if (f[S_ARCH].n) {
		q[nq].key = "triplet";
		if (!(q[nq++].value = vp->arch = crk_arena_strndup(a, f[S_ARCH].v, f[S_ARCH].n)))
			return oom(ctx, s->err);
	}
	pkg.qualifiers = q;
	pkg.nqualifiers = nq;
	if (f[S_ABI].n) {
		prop.key = "vcpkg:abi";
		if (!(prop.value = crk_arena_strndup(a, f[S_ABI].v, f[S_ABI].n)))
			return oom(ctx, s->err);
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	rc = crk_detect_add(ctx, &pkg, &vp->id, s->err);
	if (rc || vp->id == CRK_BOM_NONE)
		return rc;
	st->vp = vp;
	key = pkey(a, f[S_PACKAGE].v, f[S_PACKAGE].n, f[S_ARCH].v, f[S_ARCH].n);
	if (!key || crk_map_put(&s->pkgs, key, strlen(key), vp))
		return oom(ctx, s->err);
	return CRK_OK;
}

/* Edges of one Depends value: "a, b[core]:x64-linux, c (!windows)". */
static int depends_edges(struct status *s, struct vpkg *from, const struct sfield *d)
{
	struct crk_detect_ctx *ctx = s->ctx;
	struct crk_strbuf key = CRK_STRBUF_INIT(CRK_MAX_LINE);
	const char *p = d->v, *e = ctx->buf + d->end;
	int rc = CRK_OK;
	while (p < e && !rc) {
		const char *c = memchr(p, ',', (size_t)(e - p)), *ie = c ? c : e, *nm = p, *t;
		size_t n, tn;
		struct vpkg *to;
		while (nm < ie && strchr(" \t\r\n", *nm))
			nm++;
		for (n = 0; nm + n < ie && !strchr(" \t\r\n[:(", nm[n]); n++)
			;
		t = memchr(nm, ':', (size_t)(ie - nm));
		if (t) {
			t++;
			for (tn = 0; t + tn < ie && !strchr(" \t\r\n[(", t[tn]); tn++)
				;
		} else {
			t = from->arch ? from->arch : "";
			tn = strlen(t);
		}
		crk_strbuf_reset(&key);
		crk_strbuf_add(&key, nm, n);
		crk_strbuf_addch(&key, ':');
		crk_strbuf_add(&key, t, tn);
		if (n && crk_strbuf_ok(&key) && (to = crk_map_get(&s->pkgs, key.buf, key.len)) &&
		    to != from) {
			to->needed = 1;
			if (crk_bom_add_dep(ctx->bom, from->id, to->id) == CRK_ENOMEM)
				rc = oom(ctx, s->err);
		}
		p = c ? c + 1 : e;
	}
	crk_strbuf_release(&key);
	return rc;
}

static int end_stanza(struct status *s, struct sfield *f, unsigned line, int nfields, int bad)
{
	struct stanza *st;
	if (!nfields && !bad)
		return CRK_OK;
	if (bad) {
		if (!s->bad++)
			s->first_bad = line;
		return CRK_OK;
	}
	s->good++;
	if (!f[S_PACKAGE].n || (!f[S_FEATURE].n && !f[S_VERSION].n)) {
		crk_diags_addf(s->ctx->diags, CRK_EPARSE, s->ctx->path, line, 1,
			       "stanza without Package or Version skipped");
		return CRK_OK;
	}
	if (!f[S_STATUS].n || !installed(&f[S_STATUS]))
		return CRK_OK;
	st = crk_arena_alloc(s->ctx->arena, sizeof(*st));
	if (!st)
		return oom(s->ctx, s->err);
	memcpy(st->f, f, sizeof(st->f));
	st->line = line;
	*s->tail = st;
	s->tail = &st->next;
	return f[S_FEATURE].n ? CRK_OK : add_status_pkg(s, st);
}

static int status_edges(struct status *s)
{
	struct crk_detect_ctx *ctx = s->ctx;
	struct stanza *st;
	int rc = CRK_OK;
	for (st = s->head; st && !rc; st = st->next) {
		struct vpkg *from = st->vp;
		if (!st->f[S_DEPENDS].v)
			continue;
		if (!from) { /* a feature: its dependencies are the package's */
			char *key = pkey(ctx->arena, st->f[S_PACKAGE].v, st->f[S_PACKAGE].n,
					 st->f[S_ARCH].v, st->f[S_ARCH].n);
			if (!key)
				return oom(ctx, s->err);
			from = crk_map_get(&s->pkgs, key, strlen(key));
		}
		if (from)
			rc = depends_edges(s, from, &st->f[S_DEPENDS]);
	}
	for (st = s->head; st && !rc; st = st->next)
		if (st->vp && !st->vp->needed &&
		    crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, st->vp->id) == CRK_ENOMEM)
			rc = oom(ctx, s->err);
	return rc;
}

static int status_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct status s;
	struct sfield f[S_COUNT];
	struct crk_line_iter it;
	const char *line;
	size_t n;
	unsigned start = 0;
	int cur = -1, nfields = 0, bad = 0, rc = CRK_OK, k;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.err = err;
	s.tail = &s.head;
	crk_map_init(&s.pkgs);
	memset(f, 0, sizeof(f));
	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (!rc && crk_line_iter_next(&it, &line, &n)) {
		const char *v = line;
		size_t vn = n, off = (size_t)(line - ctx->buf);
		crk_bytes_trim(&v, &vn);
		if (!vn) {
			rc = end_stanza(&s, f, start, nfields, bad);
			memset(f, 0, sizeof(f));
			nfields = bad = 0;
			cur = -1;
			continue;
		}
		if (!nfields && !bad)
			start = it.lineno;
		if (line[0] == ' ' || line[0] == '\t') {
			if (!nfields)
				bad = 1;
			else if (cur >= 0)
				f[cur].end = off + n;
			continue;
		}
		{
			const char *colon = memchr(line, ':', n);
			if (!colon || colon == line) {
				bad = 1;
				continue;
			}
			nfields++;
			cur = -1;
			for (k = 0; k < S_COUNT; k++)
				if (strlen(s_names[k]) == (size_t)(colon - line) &&
				    strncasecmp(line, s_names[k], (size_t)(colon - line)) == 0)
					cur = k;
			if (cur >= 0 && f[cur].v)
				cur = -1; /* repeated: the first one counts */
			if (cur >= 0) {
				f[cur].v = colon + 1;
				f[cur].n = n - (size_t)(colon + 1 - line);
				crk_bytes_trim(&f[cur].v, &f[cur].n);
				f[cur].end = off + n;
			}
		}
	}
	if (!rc)
		rc = end_stanza(&s, f, start, nfields, bad);
	if (!rc && !s.good && s.bad)
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, s.first_bad, 1,
				 "not a vcpkg status file: expected 'Field: value'");
	else if (!rc && s.bad)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, s.first_bad, 1,
			       "%zu stanza(s) skipped: a line is not 'Field: value'", s.bad);
	if (!rc)
		rc = status_edges(&s);
	crk_map_release(&s.pkgs);
	return rc;
}

/* <...>/installed/vcpkg/status or <...>/vcpkg_installed/vcpkg/status */
static int status_match(const char *relpath, size_t rellen, const char *name)
{
	static const char *const tails[] = {"installed/vcpkg/status", "vcpkg_installed/vcpkg/status"};
	size_t i;
	if (name[0] != 's' || strcmp(name, "status") != 0)
		return 0;
	for (i = 0; i < 2; i++) {
		size_t tl = strlen(tails[i]);
		if (rellen >= tl && memcmp(relpath + rellen - tl, tails[i], tl) == 0 &&
		    (rellen == tl || relpath[rellen - tl - 1] == '/'))
			return 1;
	}
	return 0;
}

static const char *const names[] = {"vcpkg.json", NULL};

const struct crk_detector crk_detector_vcpkg = {
	.name = "vcpkg/vcpkg-json",
	.ecosystem = "vcpkg",
	.names = names,
	.parse = manifest_parse,
	.doc = "vcpkg.json (vcpkg manifest: direct dependencies, overrides)",
};

const struct crk_detector crk_detector_vcpkg_status = {
	.name = "vcpkg/status",
	.ecosystem = "vcpkg",
	.names = NULL,
	.match = status_match,
	.parse = status_parse,
	.doc = "installed/vcpkg/status, vcpkg_installed/vcpkg/status (ports vcpkg installed)",
};
