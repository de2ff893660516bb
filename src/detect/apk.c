/*
 * apk.c - installed Alpine packages: lib/apk/db/installed (and usr/lib/apk/db/installed, where
 * apk-tools 3 and merged-/usr systems keep it).
 *
 * Format: apk-tools' installed database (src/database.c apk_db_index_read / write_fdb; the
 * field letters are listed at https://wiki.alpinelinux.org/wiki/Apk_spec):
 *   - one record per installed package, records separated by empty lines;
 *   - each line is `K:value` with a one-letter key: P name, V version, A architecture,
 *     o origin (the source package, "aport"), m maintainer, L license, T description,
 *     U homepage, c commit of aports the package was built from, t build time, S size,
 *     I installed size, C checksum of the package's control data ("Q1" + base64 SHA-1,
 *     "Q2" + base64 SHA-256), D dependencies, p provides, i install_if, r replaces,
 *     k provider priority; then the files: F directory, R file, Z file checksum, a/M modes;
 *   - D and p are space-separated lists of `[!]name[op version]`, where name may be a
 *     virtual one (`so:libc.musl-x86_64.so.1`, `cmd:sh`, `/bin/sh`) and '!' marks a conflict.
 *
 * What is reported: each record with P and V as pkg:apk/<os id>/<name>@<version> with the
 * qualifiers arch=<A> and distro=<os id>-<VERSION_ID> (the form syft writes and dpkg.c uses,
 * see docs/detectors/debian.md; trivy and osv-scalibr write the bare VERSION_ID), namespace
 * "alpine" when no os-release was found; ecosystem "Alpine" ("Wolfi", "Chainguard" on those
 * systems, which OSV keeps apart); origin as source_name (Alpine advisories key on it);
 * maintainer as supplier; T as description; L as license when it is an SPDX expression; c as
 * vcs_commit (a commit of the distribution's aports repository); C as the property
 * "apk:checksum" (it digests the package's control data, not a file of it); the record's first
 * line. Edges: D entries to the installed package of that name or, failing that, to the first
 * one that provides it (p); conflicts are not edges. Direct dependencies (CRK_BOM_ROOT): the
 * packages named in etc/apk/world (what the administrator asked for) when that file can be
 * read from the same root filesystem, else the packages no other package depends on.
 *
 * Malformed input, as dpkg.c: a record with a line that is not `K:value` is skipped with a
 * warning; a record without P or V too (as osv-scalibr does); a file in which no record is
 * well-formed is not an apk database (CRK_EPARSE at its first malformed line). An empty file
 * is an empty database.
 */
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define APK_MAX_WARNINGS 16
#define APK_MAX_WORLD ((size_t)1 << 20)

/* Fields kept from a record: index by letter. */
static const char apk_keys[] = "PVAomLTcCDp";
#define APK_NKEYS (sizeof(apk_keys) - 1)

struct afield {
	const char *v;
	size_t n;
};

struct apkg {
	const char *name; /* NUL-terminated (arena) */
	size_t id;
	struct afield deps;
	int needed;
	struct apkg *next;
};

struct apk {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_map names;    /* name -> struct apkg */
	struct crk_map provides; /* provided name -> first struct apkg */
	struct apkg *head, **tail;
	const char *ns, *ecosystem;
	struct crk_kv distro;
	int has_distro;
	size_t good, bad, warned;
	unsigned first_bad;
};

static int oom(struct apk *a)
{
	return crk_err_set(a->err, CRK_ENOMEM, a->ctx->path, 0, 0, "out of memory");
}

static int key_index(char k)
{
	const char *p = memchr(apk_keys, k, APK_NKEYS);
	return p && k ? (int)(p - apk_keys) : -1;
}

static struct afield *fld(struct afield *f, char k)
{
	return &f[key_index(k)];
}

/* The name of a dependency or provides token: "so:libc.so=1" -> "so:libc.so". */
static size_t dep_name(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !strchr("=<>~", s[i]))
		i++;
	return i;
}

static int add_provides(struct apk *a, struct apkg *p, const struct afield *f)
{
	const char *s = f->v, *e;
	if (!s)
		return 0;
	e = s + f->n;
	while (s < e) {
		const char *sp = memchr(s, ' ', (size_t)(e - s)), *te = sp ? sp : e;
		size_t n = dep_name(s, (size_t)(te - s));
		void *prev;
		if (n && crk_map_put_new(&a->provides, s, n, p, &prev))
			return -1;
		s = te + 1;
	}
	return 0;
}

static int add_record(struct apk *a, struct afield *f, unsigned line)
{
	struct crk_detect_ctx *ctx = a->ctx;
	struct crk_arena *ar = ctx->arena;
	struct afield *name = fld(f, 'P'), *ver = fld(f, 'V'), *x;
	struct crk_pkg pkg;
	struct crk_kv q[2], prop;
	struct apkg *p;
	void *prev;
	size_t nq = 0;
	int rc;

	if (!name->n || !ver->n) {
		if (a->warned++ < APK_MAX_WARNINGS)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "package record without %s skipped",
				       name->n ? "a version (V:)" : "a name (P:)");
		return CRK_OK;
	}
	p = crk_arena_alloc(ar, sizeof(*p));
	if (!p)
		return oom(a);
	crk_detect_pkg_init(ctx, &pkg, "apk", a->ecosystem);
	pkg.ns = a->ns;
	pkg.line = line;
	pkg.name = p->name = crk_arena_strndup(ar, name->v, name->n);
	pkg.version = crk_arena_strndup(ar, ver->v, ver->n);
	if (!pkg.name || !pkg.version)
		return oom(a);
	if ((x = fld(f, 'A'))->n) {
		q[nq].key = "arch";
		if (!(q[nq++].value = crk_arena_strndup(ar, x->v, x->n)))
			return oom(a);
	}
	if (a->has_distro)
		q[nq++] = a->distro;
	pkg.qualifiers = q;
	pkg.nqualifiers = nq;
	if ((x = fld(f, 'o'))->n && !(pkg.source_name = crk_arena_strndup(ar, x->v, x->n)))
		return oom(a);
	if (pkg.source_name)
		pkg.source_version = pkg.version;
	if ((x = fld(f, 'm'))->n && !(pkg.supplier = crk_arena_strndup(ar, x->v, x->n)))
		return oom(a);
	if ((x = fld(f, 'T'))->n && !(pkg.description = crk_arena_strndup(ar, x->v, x->n)))
		return oom(a);
	/* the licence as declared, SPDX or not: the writers normalise it (never dropped) */
	if ((x = fld(f, 'L'))->n && !(pkg.license = crk_arena_strndup(ar, x->v, x->n)))
		return oom(a);
	if ((x = fld(f, 'c'))->n && !(pkg.vcs_commit = crk_arena_strndup(ar, x->v, x->n)))
		return oom(a);
	if ((x = fld(f, 'C'))->n) {
		prop.key = "apk:checksum";
		if (!(prop.value = crk_arena_strndup(ar, x->v, x->n)))
			return oom(a);
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	rc = crk_detect_add(ctx, &pkg, &p->id, a->err);
	if (rc || p->id == CRK_BOM_NONE)
		return rc;
	p->deps = *fld(f, 'D');
	*a->tail = p;
	a->tail = &p->next;
	if (crk_map_put_new(&a->names, p->name, name->n, p, &prev) ||
	    add_provides(a, p, fld(f, 'p')))
		return oom(a);
	return CRK_OK;
}

static struct apkg *resolve(struct apk *a, const char *s, size_t n)
{
	struct apkg *p = crk_map_get(&a->names, s, n);
	return p ? p : crk_map_get(&a->provides, s, n);
}

/* Edges from p to each installed dependency of a space-separated D list; with p NULL, edges
 * from the product (the world file). */
static int dep_edges(struct apk *a, struct apkg *from, const char *s, size_t len)
{
	const char *e = s + len;
	while (s < e) {
		const char *sp = s, *te;
		size_t n;
		while (sp < e && *sp != ' ' && *sp != '\n' && *sp != '\t' && *sp != '\r')
			sp++;
		te = sp;
		n = dep_name(s, (size_t)(te - s));
		if (n && s[0] != '!') {
			const char *at = memchr(s, '@', n); /* world: "name@repository-tag" */
			struct apkg *t = resolve(a, s, at ? (size_t)(at - s) : n);
			if (t && t != from) {
				if (from)
					t->needed = 1;
				if (crk_bom_add_dep(a->ctx->bom, from ? from->id : CRK_BOM_ROOT,
						    t->id) == CRK_ENOMEM)
					return -1;
			}
		}
		s = te + 1;
	}
	return 0;
}

/* etc/apk/world of the same root filesystem, relative to the database's directory. */
static int read_world(struct apk *a, const char **buf, size_t *len)
{
	struct crk_detect_ctx *ctx = a->ctx;
	struct crk_err e;
	size_t pl = strlen(ctx->path);
	const char *rel = pl >= 24 && memcmp(ctx->path + pl - 24, "usr/lib/apk/db/installed", 24) == 0
				  ? "../../../../etc/apk/world"
				  : "../../../etc/apk/world";
	int rc = crk_detect_read(ctx, rel, APK_MAX_WORLD, buf, len, NULL, &e);
	if (rc == CRK_ENOMEM)
		return -1;
	if (rc)
		*buf = NULL;
	return 0;
}

static int add_edges(struct apk *a)
{
	struct apkg *p;
	const char *world;
	size_t wlen;
	for (p = a->head; p; p = p->next)
		if (p->deps.n && dep_edges(a, p, p->deps.v, p->deps.n))
			return oom(a);
	if (read_world(a, &world, &wlen))
		return oom(a);
	if (world)
		return dep_edges(a, NULL, world, wlen) ? oom(a) : CRK_OK;
	for (p = a->head; p; p = p->next)
		if (!p->needed && crk_bom_add_dep(a->ctx->bom, CRK_BOM_ROOT, p->id) == CRK_ENOMEM)
			return oom(a);
	return CRK_OK;
}

static int end_record(struct apk *a, struct afield *f, unsigned line, int nfields, int bad)
{
	if (bad) {
		if (!a->bad++)
			a->first_bad = line;
		else if (a->warned++ < APK_MAX_WARNINGS)
			crk_diags_addf(a->ctx->diags, CRK_EPARSE, a->ctx->path, line, 1,
				       "record skipped: a line is not 'K:value'");
		return CRK_OK;
	}
	if (!nfields)
		return CRK_OK;
	a->good++;
	return add_record(a, f, line);
}

static int parse_db(struct apk *a)
{
	struct crk_detect_ctx *ctx = a->ctx;
	struct afield f[APK_NKEYS];
	struct crk_line_iter it;
	const char *line;
	size_t n;
	unsigned start = 0, bad_line = 0;
	int nfields = 0, bad = 0, rc = CRK_OK;

	memset(f, 0, sizeof(f));
	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (!rc && crk_line_iter_next(&it, &line, &n)) {
		int k;
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (!n) {
			rc = end_record(a, f, bad ? bad_line : start, nfields, bad);
			memset(f, 0, sizeof(f));
			nfields = bad = 0;
			continue;
		}
		if (!nfields && !bad)
			start = it.lineno;
		if (n < 2 || line[1] != ':' || line[0] == ' ' || line[0] == '\t') {
			if (!bad)
				bad_line = it.lineno;
			bad = 1;
			continue;
		}
		nfields++;
		k = key_index(line[0]);
		if (k >= 0 && !f[k].v) {
			f[k].v = line + 2;
			f[k].n = n - 2;
		}
	}
	if (!rc)
		rc = end_record(a, f, bad ? bad_line : start, nfields, bad);
	if (rc)
		return rc;
	if (!a->good && a->bad)
		return crk_err_set(a->err, CRK_EPARSE, ctx->path, a->first_bad, 1,
				   "not an apk database: expected 'K:value' lines");
	if (a->bad)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, a->first_bad, 1,
			       "record skipped: a line is not 'K:value'");
	return add_edges(a);
}

static int apk_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	const struct crk_bom_meta *m = crk_bom_meta(ctx->bom);
	struct apk a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.err = err;
	a.tail = &a.head;
	a.ns = m->os_id && *m->os_id ? m->os_id : "alpine";
	a.ecosystem = strcmp(a.ns, "wolfi") == 0        ? "Wolfi"
		      : strcmp(a.ns, "chainguard") == 0 ? "Chainguard"
							: "Alpine";
	if (m->os_id && *m->os_id && m->os_version && *m->os_version) {
		a.distro.key = "distro";
		a.distro.value = crk_arena_printf(ctx->arena, "%s-%s", m->os_id, m->os_version);
		if (!a.distro.value)
			return oom(&a);
		a.has_distro = 1;
	}
	crk_map_init(&a.names);
	crk_map_init(&a.provides);
	rc = parse_db(&a);
	crk_map_release(&a.names);
	crk_map_release(&a.provides);
	return rc;
}

/* lib/apk/db/installed or usr/lib/apk/db/installed, at the root or below it (a root
 * filesystem inside the scanned tree). */
static int apk_match(const char *relpath, size_t rellen, const char *name)
{
	static const char tail[] = "lib/apk/db/installed";
	size_t tl = sizeof(tail) - 1;
	if (name[0] != 'i' || strcmp(name, "installed") != 0 || rellen < tl ||
	    memcmp(relpath + rellen - tl, tail, tl) != 0)
		return 0;
	return rellen == tl || relpath[rellen - tl - 1] == '/';
}

const struct crk_detector crk_detector_apk = {
	.name = "alpine/apk-installed",
	.ecosystem = "Alpine",
	.names = NULL,
	.match = apk_match,
	.parse = apk_parse,
	.doc = "lib/apk/db/installed, usr/lib/apk/db/installed (Alpine, Wolfi, Chainguard)",
};
