/*
 * dpkg.c - installed Debian packages: var/lib/dpkg/status, var/lib/dpkg/status.d/<pkg>
 * (distroless images keep one file per package there), and opkg's usr/lib/opkg/status
 * (OpenWrt, Yocto), which has the same syntax.
 *
 * Format: deb822 control data, https://www.debian.org/doc/debian-policy/ch-controlfields.html
 * and dpkg's status database (man dpkg-query, deb-control):
 *   - stanzas ("paragraphs") separated by empty lines (lines of only spaces and tabs count as
 *     empty); each line is `Field: value` or a continuation line starting with space or tab;
 *   - field names are printable ASCII without ':' or space, compared case-insensitively;
 *   - Status is "want flag status"; a package is installed when the third word is "installed"
 *     ("deinstall reinstreq installed" is still installed: marked for removal, not removed);
 *     status.d/ files of distroless images carry no Status: there every stanza counts;
 *   - Version is reported as dpkg writes it, epoch included ("1:2.36.1-8");
 *   - Source is "name" or "name (version)"; the source version defaults to the package's own;
 *   - Depends and Pre-Depends are "a (>= 1), b | c, d:any": groups by ',', alternatives by '|'.
 *
 * What is reported: each installed package (type deb, namespace the OS id, default "debian";
 * qualifiers arch= and distro=<os id>-<VERSION_ID>; ecosystem "Debian", "Ubuntu" for Ubuntu,
 * "opkg" for opkg databases), Maintainer as supplier, the Description synopsis, the stanza's
 * first line. Edges: Depends/Pre-Depends to installed packages by name (for "a | b" the first
 * installed alternative; a name also resolves through another package's Provides; version
 * constraints are not evaluated: the installed package is what dpkg resolved them to).
 * dpkg records no "manually installed" flag (apt keeps that elsewhere), so the packages no other
 * installed package depends on are taken as the direct parts of the system: edges from the
 * product (CRK_BOM_ROOT) go to them.
 *
 * Malformed input: a stanza holding a line that is neither `Field: value` nor a continuation is
 * skipped with a warning; a stanza without Package or Version is skipped with a warning (as
 * osv-scalibr does); a file in which no stanza is well-formed is not a status file: CRK_EPARSE at
 * its first malformed line.
 */
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define DPKG_MAX_BAD_LINES 16 /* malformed stanzas reported one by one; the rest are counted */

enum slot {
	F_PACKAGE,
	F_VERSION,
	F_STATUS,
	F_SOURCE,
	F_ARCH,
	F_MAINTAINER,
	F_DESCRIPTION,
	F_DEPENDS,
	F_PREDEPENDS,
	F_PROVIDES,
	F_COUNT
};

static const char *const slot_names[F_COUNT] = {
	"Package", "Version", "Status", "Source", "Architecture", "Maintainer", "Description",
	"Depends", "Pre-Depends", "Provides",
};

struct field {
	const char *v; /* value, first line, trimmed */
	size_t n;
	size_t end; /* offset past the last continuation line (for folded fields) */
	int set;
};

/* An installed package, kept for the edge pass. */
struct ipkg {
	const char *name; /* in the buffer, not NUL-terminated */
	size_t nlen;
	const char *arch; /* NUL-terminated or NULL */
	size_t id;
	int needed;          /* another installed package depends on it */
	struct field dep[2]; /* Depends, Pre-Depends */
	struct ipkg *next; /* all packages, file order */
};

/* A provider of a virtual package. */
struct prov {
	struct ipkg *pkg;
	struct prov *next;
};

struct dpkg {
	struct crk_detect_ctx *ctx;
	struct crk_map names;    /* package name -> its first installed struct ipkg */
	struct crk_map by_arch;  /* "name\narch" -> the first of that name and architecture */
	struct crk_map provides; /* virtual name -> struct prov chain */
	struct ipkg *pkgs, **tail;
	const char *type, *ecosystem, *ns;
	struct crk_kv quals[2];
	size_t nquals;
	int distroless;
	size_t good, bad, first_bad;
	unsigned bad_lines[DPKG_MAX_BAD_LINES]; /* first lines of the first malformed stanzas */
};

static int oom(struct dpkg *d, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, d->ctx->path, 0, 0, "out of memory");
}

static char *adup(struct dpkg *d, const char *s, size_t n)
{
	return crk_arena_strndup(d->ctx->arena, s, n);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The n-th (0-based) white-space separated word of [s, s+n). */
static int word(const char *s, size_t n, unsigned k, const char **w, size_t *wn)
{
	size_t i = 0;
	for (;;) {
		size_t st;
		while (i < n && is_space(s[i]))
			i++;
		if (i == n)
			return 0;
		st = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (!k--) {
			*w = s + st;
			*wn = i - st;
			return 1;
		}
	}
}

static int installed(const struct field *status)
{
	const char *w;
	size_t wn;
	return word(status->v, status->n, 2, &w, &wn) && crk_bytes_eq(w, wn, "installed");
}

/* Adds one installed package to the BOM and to the name map. */
static int add_package(struct dpkg *d, struct field *f, unsigned line, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = d->ctx;
	struct crk_pkg pkg;
	struct crk_kv quals[3];
	struct ipkg *ip;
	void *prev;
	size_t nq = 0, i;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, d->type, d->ecosystem);
	pkg.ns = d->ns;
	pkg.line = line;
	pkg.name = adup(d, f[F_PACKAGE].v, f[F_PACKAGE].n);
	pkg.version = adup(d, f[F_VERSION].v, f[F_VERSION].n);
	if (!pkg.name || !pkg.version)
		return oom(d, err);
	if (f[F_SOURCE].set && f[F_SOURCE].n) {
		const char *s = f[F_SOURCE].v, *lp;
		size_t n = f[F_SOURCE].n, sn;
		lp = memchr(s, '(', n);
		sn = lp ? (size_t)(lp - s) : n;
		while (sn && is_space(s[sn - 1]))
			sn--;
		pkg.source_name = adup(d, s, sn);
		if (!pkg.source_name)
			return oom(d, err);
		pkg.source_version = pkg.version;
		if (lp) {
			const char *rp = memchr(lp, ')', n - (size_t)(lp - s));
			const char *v = lp + 1;
			size_t vn = rp ? (size_t)(rp - v) : n - (size_t)(v - s);
			crk_bytes_trim(&v, &vn);
			if (vn) {
				pkg.source_version = adup(d, v, vn);
				if (!pkg.source_version)
					return oom(d, err);
			}
		}
	}
	if (f[F_MAINTAINER].set && f[F_MAINTAINER].n &&
	    !(pkg.supplier = adup(d, f[F_MAINTAINER].v, f[F_MAINTAINER].n)))
		return oom(d, err);
	if (f[F_DESCRIPTION].set && f[F_DESCRIPTION].n &&
	    !(pkg.description = adup(d, f[F_DESCRIPTION].v, f[F_DESCRIPTION].n)))
		return oom(d, err);
	ip = crk_arena_alloc(ctx->arena, sizeof(*ip));
	if (!ip)
		return oom(d, err);
	if (f[F_ARCH].set && f[F_ARCH].n) {
		ip->arch = adup(d, f[F_ARCH].v, f[F_ARCH].n);
		if (!ip->arch)
			return oom(d, err);
		quals[nq].key = "arch";
		quals[nq++].value = ip->arch;
	}
	for (i = 0; i < d->nquals; i++)
		quals[nq++] = d->quals[i];
	pkg.qualifiers = quals;
	pkg.nqualifiers = nq;
	rc = crk_detect_add(ctx, &pkg, &ip->id, err);
	if (rc)
		return rc;
	if (ip->id == CRK_BOM_NONE)
		return CRK_OK;
	ip->name = f[F_PACKAGE].v;
	ip->nlen = f[F_PACKAGE].n;
	ip->dep[0] = f[F_DEPENDS];
	ip->dep[1] = f[F_PREDEPENDS];
	*d->tail = ip;
	d->tail = &ip->next;
	if (crk_map_put_new(&d->names, ip->name, ip->nlen, ip, &prev))
		return oom(d, err);
	if (ip->arch) {
		const char *key = crk_arena_printf(ctx->arena, "%.*s\n%s", (int)ip->nlen, ip->name,
						   ip->arch);
		if (!key || crk_map_put_new(&d->by_arch, key, strlen(key), ip, &prev))
			return oom(d, err);
	}
	/* Provides: "a, b (= 1.0)" */
	if (f[F_PROVIDES].set) {
		const char *s = f[F_PROVIDES].v, *e = ctx->buf + f[F_PROVIDES].end;
		while (s < e) {
			const char *c = memchr(s, ',', (size_t)(e - s)), *nm = s;
			size_t n = (size_t)((c ? c : e) - s), k = 0;
			struct prov *pv;
			while (n && is_space(*nm)) {
				nm++;
				n--;
			}
			while (k < n && !is_space(nm[k]) && nm[k] != '(' && nm[k] != ':')
				k++;
			if (k) {
				pv = crk_arena_alloc(ctx->arena, sizeof(*pv));
				if (!pv)
					return oom(d, err);
				pv->pkg = ip;
				pv->next = crk_map_get(&d->provides, nm, k);
				if (crk_map_put(&d->provides, nm, k, pv))
					return oom(d, err);
			}
			s = c ? c + 1 : e;
		}
	}
	return CRK_OK;
}

/* Looks up "name\narch" in the architecture map. */
static struct ipkg *by_arch(struct dpkg *d, struct crk_strbuf *key, const char *s, size_t n,
			    const char *arch)
{
	crk_strbuf_reset(key);
	crk_strbuf_add(key, s, n);
	crk_strbuf_addch(key, '\n');
	crk_strbuf_adds(key, arch);
	return crk_strbuf_ok(key) ? crk_map_get(&d->by_arch, key->buf, key->len) : NULL;
}

/* The installed package that satisfies the name [s, s+n) for `from`, or NULL. Multi-Arch: the
 * dependent's own architecture first, then "all", then any. */
static struct ipkg *resolve(struct dpkg *d, struct crk_strbuf *key, const struct ipkg *from,
			    const char *s, size_t n)
{
	struct ipkg *p = crk_map_get(&d->names, s, n), *q;
	struct prov *pv;
	if (p) {
		if (from->arch && (q = by_arch(d, key, s, n, from->arch)))
			return q;
		if ((q = by_arch(d, key, s, n, "all")))
			return q;
		return p;
	}
	pv = crk_map_get(&d->provides, s, n);
	return pv ? pv->pkg : NULL;
}

/* The name of one alternative: "libc6:any (>= 2.34) [amd64] <!nocheck>" -> "libc6". */
static size_t dep_name(const char *s, const char *e, const char **name)
{
	size_t n = 0;
	while (s < e && is_space(*s))
		s++;
	while (s + n < e && !is_space(s[n]) && !strchr("(:[<", s[n]))
		n++;
	*name = s;
	return n;
}

/* Edges for one Depends/Pre-Depends value: "a (>= 1), b | c". */
static int field_edges(struct dpkg *d, struct crk_strbuf *key, struct ipkg *p,
		       const struct field *f)
{
	const char *s = f->v, *e = d->ctx->buf + f->end;
	while (s < e) {
		const char *comma = memchr(s, ',', (size_t)(e - s));
		const char *ge = comma ? comma : e, *a = s;
		while (a < ge) { /* alternatives: the first installed one */
			const char *bar = memchr(a, '|', (size_t)(ge - a)), *nm;
			size_t n = dep_name(a, bar ? bar : ge, &nm);
			struct ipkg *t = n ? resolve(d, key, p, nm, n) : NULL;
			if (t) {
				if (crk_bom_add_dep(d->ctx->bom, p->id, t->id) == CRK_ENOMEM)
					return CRK_ENOMEM;
				if (t != p)
					t->needed = 1;
				break;
			}
			a = bar ? bar + 1 : ge;
		}
		s = comma ? comma + 1 : e;
	}
	return CRK_OK;
}

static int add_edges(struct dpkg *d, struct crk_err *err)
{
	struct crk_strbuf key = CRK_STRBUF_INIT(CRK_MAX_LINE);
	struct ipkg *p;
	int rc = CRK_OK;
	unsigned k;

	for (p = d->pkgs; p && !rc; p = p->next)
		for (k = 0; k < 2 && !rc; k++)
			if (p->dep[k].set)
				rc = field_edges(d, &key, p, &p->dep[k]);
	/* what nothing else needs was installed for its own sake: a direct part of the system */
	for (p = d->pkgs; p && !rc; p = p->next)
		if (!p->needed)
			rc = crk_bom_add_dep(d->ctx->bom, CRK_BOM_ROOT, p->id) == CRK_ENOMEM
				     ? CRK_ENOMEM : CRK_OK;
	crk_strbuf_release(&key);
	return rc ? oom(d, err) : CRK_OK;
}

/* Which field slot a name is, or -1. */
static int slot_of(const char *s, size_t n)
{
	int i;
	for (i = 0; i < F_COUNT; i++)
		if (strlen(slot_names[i]) == n && strncasecmp(s, slot_names[i], n) == 0)
			return i;
	return -1;
}

static int end_stanza(struct dpkg *d, struct field *f, unsigned line, int bad, int nfields,
		      struct crk_err *err)
{
	struct crk_detect_ctx *ctx = d->ctx;

	if (!bad && !nfields)
		return CRK_OK;
	if (bad) {
		/* reported at the end: if no stanza is well-formed the file is an error instead */
		if (d->bad <= DPKG_MAX_BAD_LINES)
			d->bad_lines[d->bad - 1] = line;
		return CRK_OK;
	}
	d->good++;
	if (!f[F_PACKAGE].set || !f[F_PACKAGE].n) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
			       "stanza without a Package field skipped");
		return CRK_OK;
	}
	if (!f[F_VERSION].set || !f[F_VERSION].n) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
			       "package '%.*s' without a Version skipped",
			       (int)(f[F_PACKAGE].n > 200 ? 200 : f[F_PACKAGE].n), f[F_PACKAGE].v);
		return CRK_OK;
	}
	if (f[F_STATUS].set ? !installed(&f[F_STATUS]) : !d->distroless) {
		if (!f[F_STATUS].set)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
				       "package '%.*s' without a Status skipped",
				       (int)(f[F_PACKAGE].n > 200 ? 200 : f[F_PACKAGE].n),
				       f[F_PACKAGE].v);
		return CRK_OK;
	}
	return add_package(d, f, line, err);
}

/* Is this a valid field name (deb822: printable ASCII but ':' and space, not starting '#')? */
static size_t field_name_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ':') {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f)
			return 0;
		i++;
	}
	if (i == n || i == 0 || s[0] == '#')
		return 0;
	return i;
}

static int parse_status(struct dpkg *d, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = d->ctx;
	struct field f[F_COUNT];
	size_t pos = 0, i;
	unsigned lineno = 0, start = 1, bad_line = 0;
	int cur = -1, bad = 0, nfields = 0, rc;

	memset(f, 0, sizeof(f));
	while (pos <= ctx->len) {
		const char *line = ctx->buf + pos, *nl;
		size_t n, next, ws;
		if (pos == ctx->len) {
			rc = end_stanza(d, f, start, bad, nfields, err);
			if (rc)
				return rc;
			break;
		}
		nl = memchr(line, '\n', ctx->len - pos);
		n = nl ? (size_t)(nl - line) : ctx->len - pos;
		lineno++;
		next = pos + n + (nl ? 1 : 0);
		for (ws = 0; ws < n && (line[ws] == ' ' || line[ws] == '\t' || line[ws] == '\r'); ws++)
			;
		if (ws == n) { /* blank: end of stanza */
			rc = end_stanza(d, f, start, bad, nfields, err);
			if (rc)
				return rc;
			memset(f, 0, sizeof(f));
			cur = -1;
			bad = 0;
			nfields = 0;
			pos = next;
			continue;
		}
		if (line[0] == '#') { /* a comment (deb822), e.g. left by an administrator */
			pos = next;
			continue;
		}
		if (!nfields && !bad)
			start = lineno;
		if (line[0] == ' ' || line[0] == '\t') {
			if (!nfields) {
				if (!bad && !d->bad++) {
					d->first_bad = pos;
					bad_line = lineno;
				}
				bad = 1;
			} else if (cur >= 0) {
				f[cur].end = pos + n;
			}
		} else {
			size_t k = field_name_len(line, n);
			if (!k) {
				if (!bad && !d->bad++) {
					d->first_bad = pos;
					bad_line = lineno;
				}
				bad = 1;
			} else {
				cur = slot_of(line, k);
				nfields++;
				if (cur >= 0 && f[cur].set) {
					cur = -1; /* a repeated field: the first one counts */
				} else if (cur >= 0) {
					const char *v = line + k + 1;
					size_t vn = n - k - 1;
					crk_bytes_trim(&v, &vn);
					f[cur].v = v;
					f[cur].n = vn;
					f[cur].end = pos + n;
					f[cur].set = 1;
				}
			}
		}
		pos = next;
	}
	if (!d->good && d->bad) {
		const char *l = ctx->buf + d->first_bad;
		const char *e = memchr(l, '\n', ctx->len - d->first_bad);
		size_t n = e ? (size_t)(e - l) : ctx->len - d->first_bad;
		return crk_err_set(err, CRK_EPARSE, ctx->path, bad_line, 1,
				   "not a package status file: expected 'Field: value', found '%.*s'",
				   (int)(n > 60 ? 60 : n), l);
	}
	for (i = 0; i < d->bad && i < DPKG_MAX_BAD_LINES; i++)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, d->bad_lines[i], 1,
			       "stanza skipped: a line is not 'Field: value'");
	if (d->bad > DPKG_MAX_BAD_LINES)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
			       "%zu more malformed stanzas skipped", d->bad - DPKG_MAX_BAD_LINES);
	return add_edges(d, err);
}

/* Does `path` have a directory component `dir` right above its base name? */
static int parent_is(const char *path, size_t len, const char *dir)
{
	size_t dl = strlen(dir);
	const char *slash = NULL;
	size_t i;
	for (i = len; i > 0; i--)
		if (path[i - 1] == '/') {
			slash = path + i - 1;
			break;
		}
	if (!slash || (size_t)(slash - path) < dl || memcmp(slash - dl, dir, dl) != 0)
		return 0;
	return slash - dl == path || slash[-(ptrdiff_t)dl - 1] == '/';
}

static int dpkg_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	const struct crk_bom_meta *m = crk_bom_meta(ctx->bom);
	size_t plen = strlen(ctx->path);
	struct dpkg d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	d.tail = &d.pkgs;
	crk_map_init(&d.names);
	crk_map_init(&d.by_arch);
	crk_map_init(&d.provides);
	d.distroless = parent_is(ctx->path, plen, "status.d");
	if (parent_is(ctx->path, plen, "opkg") || (m->os_id && strcmp(m->os_id, "openwrt") == 0)) {
		d.type = "opkg";
		d.ecosystem = "opkg";
		d.ns = m->os_id;
	} else {
		d.type = "deb";
		d.ns = m->os_id && *m->os_id ? m->os_id : "debian";
		d.ecosystem = strcmp(d.ns, "ubuntu") == 0 ? "Ubuntu" : "Debian";
	}
	if (m->os_id && *m->os_id && m->os_version && *m->os_version) {
		d.quals[0].key = "distro";
		d.quals[0].value = crk_arena_printf(ctx->arena, "%s-%s", m->os_id, m->os_version);
		d.nquals = 1;
	} else if (m->os_codename && *m->os_codename) {
		d.quals[0].key = "distro";
		d.quals[0].value = m->os_codename;
		d.nquals = 1;
	}
	if (d.nquals && !d.quals[0].value)
		rc = oom(&d, err);
	else
		rc = parse_status(&d, err);
	crk_map_release(&d.names);
	crk_map_release(&d.by_arch);
	crk_map_release(&d.provides);
	return rc;
}

/*
 * var/lib/dpkg/status, var/lib/dpkg/status.d/<pkg> (not <pkg>.md5sums), usr/lib/opkg/status,
 * at the scan root or below it (a root filesystem inside the scanned tree).
 */
static int ends_with_path(const char *relpath, size_t rellen, const char *tail)
{
	size_t tl = strlen(tail);
	if (rellen < tl || memcmp(relpath + rellen - tl, tail, tl) != 0)
		return 0;
	return rellen == tl || relpath[rellen - tl - 1] == '/';
}

static int dpkg_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl;
	if (name[0] == 's' && strcmp(name, "status") == 0)
		return ends_with_path(relpath, rellen, "var/lib/dpkg/status") ||
		       ends_with_path(relpath, rellen, "usr/lib/opkg/status");
	nl = strlen(name);
	if (nl >= rellen || relpath[rellen - nl - 1] != '/')
		return 0;
	if (nl > 8 && memcmp(name + nl - 8, ".md5sums", 8) == 0)
		return 0;
	return ends_with_path(relpath, rellen - nl - 1, "var/lib/dpkg/status.d");
}

const struct crk_detector crk_detector_dpkg = {
	.name = "debian/dpkg-status",
	.ecosystem = "Debian",
	.names = NULL,
	.match = dpkg_match,
	.parse = dpkg_parse,
	.doc = "var/lib/dpkg/status, var/lib/dpkg/status.d/*, usr/lib/opkg/status",
};
