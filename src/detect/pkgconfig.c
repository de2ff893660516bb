/*
 * pkgconfig.c - pkg-config metadata files (<module>.pc) installed in a root filesystem:
 * usr/lib/pkgconfig, usr/lib/<triplet>/pkgconfig, usr/lib64/pkgconfig, usr/share/pkgconfig,
 * the same under usr/local/, and any <dir>/{lib,lib32,lib64,libx32,share}/pkgconfig/ (opt/x/,
 * an SDK's sysroot).
 *
 * Format: pkg-config(1) "METADATA FILE SYNTAX" and the parser of pkg-config 0.29 / pkgconf,
 * re-implemented from their documented behaviour:
 *   - lines are `name=value` (a variable) or `Keyword: value` (a field); the name or keyword is
 *     [A-Za-z0-9_.]+; other lines are ignored; '#' starts a comment, "\#" is a literal '#', a
 *     backslash before the end of a line joins the next line;
 *   - values are trimmed and expanded when they are read: "${var}" is a variable defined above
 *     (an undefined one is an error, as pkg-config says "Variable 'x' not defined"), "$$" is a
 *     '$'; pcfiledir (the file's directory) is predefined;
 *   - fields: Name, Description, Version, URL, Requires, Requires.private, Conflicts, Cflags,
 *     Libs, Libs.private, Provides; a field given twice is an error; Name and Version are
 *     required (pkg-config refuses the file without them);
 *   - Requires: module names separated by commas or white space, each optionally followed by
 *     an operator (=, !=, <, <=, >, >=) and a version.
 *
 * What is reported (docs/detectors/c-cpp.md):
 *   - the module as pkg:generic/<name>@<Version>, where <name> is the module name (the file
 *     name without ".pc") — or, for a module of a well-known C library (clib.def: zlib.pc,
 *     libcurl.pc, libssl.pc ...), that library's name, with its CPE, so that it is one
 *     component with what elf_versions.c finds in the library's binary; the Description, the
 *     URL as the property "pkgconfig.url", the module name as "pkgconfig.module";
 *   - every Requires and Requires.private entry as the property "pkgconfig.requires" /
 *     "pkgconfig.requires.private" ("glib-2.0 >= 2.50"), and an edge to the required module
 *     when its .pc file is found in this directory or in the root filesystem's standard
 *     pkg-config directories (pkg-config's default search order), reported from that file;
 *   - an edge from the product to the module.
 * A .pc file in a root filesystem with an OS package database, at a place the package manager
 * owns (usr/lib/..., not usr/local/), is not reported: the dpkg/apk/rpm detectors report its
 * package with the distribution's version and patches (crk_clib_os_owned()).
 */
#include <string.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/clib.h"
#include "detect/detect.h"
#include "base/banned.h"

#define PC_MAX_VARS 1024
#define PC_MAX_REQUIRES 256
#define PC_MAX_FILE ((size_t)1 << 20) /* a .pc file is a few hundred bytes */

enum { F_NAME, F_DESCRIPTION, F_VERSION, F_URL, F_REQUIRES, F_REQUIRES_PRIVATE, F_CONFLICTS,
       F_CFLAGS, F_LIBS, F_LIBS_PRIVATE, F_PROVIDES, F_COUNT };

static const char *const field_names[F_COUNT] = {
	"Name", "Description", "Version", "URL", "Requires", "Requires.private", "Conflicts",
	"Cflags", "Libs", "Libs.private", "Provides",
};

struct pc {
	struct crk_detect_ctx *ctx;
	const char *path; /* the file, for messages */
	const char *buf;
	size_t len;
	struct crk_map vars; /* name -> expanded value (arena strings) */
	size_t nvars;
	const char *field[F_COUNT]; /* expanded, NUL-terminated; NULL when absent */
	unsigned line[F_COUNT];
};

static int pc_oom(struct pc *p, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
}

static int is_tag_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

/* Appends s[0..n) to a value being expanded, within CRK_MAX_STRING (a variable may double
 * another one on each line). */
static int put(struct pc *p, struct crk_strbuf *out, const char *s, size_t n, unsigned line,
	       struct crk_err *err)
{
	if (n > CRK_MAX_STRING - out->len)
		return crk_err_set(err, CRK_ELIMIT, p->path, line, 0,
				   "value longer than %zu bytes", (size_t)CRK_MAX_STRING);
	return crk_strbuf_add(out, s, n) ? pc_oom(p, err) : CRK_OK;
}

/* Expands s[0..n) into `out`. */
static int expand(struct pc *p, const char *s, size_t n, unsigned line, struct crk_strbuf *out,
		  struct crk_err *err)
{
	size_t i = 0;
	int rc = CRK_OK;
	crk_strbuf_reset(out);
	while (i < n && rc == CRK_OK) {
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') {
			rc = put(p, out, "$", 1, line, err);
			i += 2;
		} else if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
			const char *close = memchr(s + i + 2, '}', n - i - 2), *v;
			size_t vn;
			if (!close) /* pkg-config keeps it as text */
				return put(p, out, s + i, n - i, line, err);
			vn = (size_t)(close - (s + i + 2));
			v = crk_map_get(&p->vars, s + i + 2, vn);
			if (!v)
				return crk_err_set(err, CRK_EPARSE, p->path, line, 0,
						   "variable '%.*s' not defined", (int)(vn > 80 ? 80 : vn),
						   s + i + 2);
			rc = put(p, out, v, strlen(v), line, err);
			i = (size_t)(close - s) + 1;
		} else {
			rc = put(p, out, s + i, 1, line, err);
			i++;
		}
	}
	return rc;
}

static int define(struct pc *p, const char *name, size_t nn, const char *val)
{
	char *k = crk_arena_strndup(p->ctx->arena, name, nn);
	if (!k || crk_map_put(&p->vars, k, nn, (void *)val))
		return -1;
	p->nvars++;
	return 0;
}

static int take_line(struct pc *p, const char *l, size_t n, unsigned lineno, struct crk_strbuf *tmp,
		     struct crk_err *err)
{
	size_t i = 0, t0, tn, k;
	char *val;
	int rc;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	t0 = i;
	while (i < n && is_tag_char(l[i]))
		i++;
	tn = i - t0;
	if (!tn)
		return CRK_OK;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i >= n || (l[i] != ':' && l[i] != '='))
		return CRK_OK; /* pkg-config ignores such lines */
	{
		const char *v = l + i + 1;
		size_t vn = n - i - 1;
		crk_bytes_trim(&v, &vn);
		if ((rc = expand(p, v, vn, lineno, tmp, err)) != CRK_OK)
			return rc;
	}
	val = crk_arena_strndup(p->ctx->arena, tmp->buf, tmp->len);
	if (!val)
		return pc_oom(p, err);
	if (l[i] == '=') {
		if (crk_map_get(&p->vars, l + t0, tn))
			return crk_err_set(err, CRK_EPARSE, p->path, lineno, (unsigned)t0 + 1,
					   "duplicate definition of variable '%.*s'", (int)tn,
					   l + t0);
		if (p->nvars >= PC_MAX_VARS)
			return crk_err_set(err, CRK_ELIMIT, p->path, lineno, 1,
					   "more than %d variables", PC_MAX_VARS);
		return define(p, l + t0, tn, val) ? pc_oom(p, err) : CRK_OK;
	}
	for (k = 0; k < F_COUNT; k++) {
		if (!crk_bytes_eq(l + t0, tn, field_names[k]))
			continue;
		if (p->field[k])
			return crk_err_set(err, CRK_EPARSE, p->path, lineno, (unsigned)t0 + 1,
					   "%s field occurs twice", field_names[k]);
		p->field[k] = val;
		p->line[k] = lineno;
	}
	return CRK_OK; /* unknown keywords are skipped */
}

/* Parses buf[0..len): fields and variables. `dir` is the file's directory (for pcfiledir). */
static int pc_parse(struct pc *p, const char *dir, struct crk_err *err)
{
	/* no caps of their own: the file is at most PC_MAX_FILE bytes, and expand() holds values
	 * to CRK_MAX_STRING, so a failed append is ENOMEM */
	struct crk_strbuf line = CRK_STRBUF_INIT(0), tmp = CRK_STRBUF_INIT(0);
	const char *pcfiledir;
	size_t i = 0;
	unsigned lineno = 1, start = 1;
	int rc = CRK_OK, quoted = 0, comment = 0;

	crk_map_init(&p->vars);
	pcfiledir = crk_arena_printf(p->ctx->arena, "/%s", dir ? dir : "");
	if (!pcfiledir || define(p, "pcfiledir", 9, pcfiledir) ||
	    define(p, "pc_sysrootdir", 13, "/") ||
	    define(p, "pc_top_builddir", 15, "$(top_builddir)")) {
		rc = pc_oom(p, err);
		goto out;
	}
	for (i = 0; i <= p->len; i++) {
		char c = i < p->len ? p->buf[i] : '\n';
		int eof = i == p->len;
		if (quoted) {
			quoted = 0;
			if (c == '#') {
				crk_strbuf_addch(&line, '#');
				continue;
			}
			if (c == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n')
				i++, c = '\n';
			if (c == '\n' && !eof) {
				lineno++; /* continuation: the next line joins this one */
				continue;
			}
			crk_strbuf_addch(&line, '\\');
		}
		if (c == '\\' && !comment && !eof) {
			quoted = 1;
			continue;
		}
		if (c == '\n') {
			size_t n = line.len;
			if (n && line.buf[n - 1] == '\r')
				n--;
			if (!crk_strbuf_ok(&line)) {
				rc = pc_oom(p, err);
				goto out;
			}
			if ((rc = take_line(p, line.buf, n, start, &tmp, err)) != CRK_OK)
				goto out;
			crk_strbuf_reset(&line);
			comment = 0;
			start = ++lineno;
			continue;
		}
		if (c == '#')
			comment = 1;
		if (!comment)
			crk_strbuf_addch(&line, c);
	}
out:
	crk_strbuf_release(&line);
	crk_strbuf_release(&tmp);
	return rc;
}

static void pc_release(struct pc *p)
{
	crk_map_release(&p->vars);
}

/* The purl name and the row of clib.def for module `mod`. */
static const char *pkg_name(const char *mod, const struct crk_clib **lib)
{
	*lib = crk_clib_by_pc(mod, strlen(mod));
	return *lib ? (*lib)->name : mod;
}

/* Adds the component of a parsed .pc file found at `path`. */
static int add_module(struct crk_detect_ctx *ctx, struct pc *p, const char *mod, const char *path,
		      struct crk_kv *extra, size_t nextra, size_t *id, struct crk_err *err)
{
	const struct crk_clib *lib;
	struct crk_kv props[2], *pp;
	struct crk_pkg pkg;
	size_t np = 0;
	int nomem = 0;

	crk_detect_pkg_init(ctx, &pkg, "generic", NULL);
	pkg.path = path;
	pkg.line = p->line[F_NAME];
	pkg.name = pkg_name(mod, &lib);
	pkg.version = p->field[F_VERSION];
	pkg.description = p->field[F_DESCRIPTION] && *p->field[F_DESCRIPTION]
				  ? p->field[F_DESCRIPTION] : NULL;
	if (lib && !(pkg.cpe = crk_clib_cpe(lib, pkg.version, ctx->arena, &nomem)) && nomem)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	props[np].key = "pkgconfig.module";
	props[np++].value = mod;
	if (p->field[F_URL] && *p->field[F_URL]) {
		props[np].key = "pkgconfig.url";
		props[np++].value = p->field[F_URL];
	}
	pp = crk_arena_array(ctx->arena, np + nextra + 1, sizeof(*pp));
	if (!pp)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	memcpy(pp, props, np * sizeof(*pp));
	if (nextra)
		memcpy(pp + np, extra, nextra * sizeof(*pp));
	pkg.props = pp;
	pkg.nprops = np + nextra;
	return crk_detect_add(ctx, &pkg, id, err);
}

struct req {
	const char *name, *text; /* arena */
	int private_;
};

/* Splits a Requires value into entries "name [op version]". */
static int split_requires(struct crk_detect_ctx *ctx, const char *v, int private_,
			  struct req *out, size_t *n)
{
	const char *s = v;
	while (*s && *n < PC_MAX_REQUIRES) {
		const char *name, *op = NULL, *ver = NULL;
		size_t nl, ol = 0, vl = 0;
		while (*s == ',' || *s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		name = s;
		while (*s && *s != ',' && *s != ' ' && *s != '\t' && !strchr("<>=!", *s))
			s++;
		nl = (size_t)(s - name);
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s && strchr("<>=!", *s)) {
			op = s;
			while (*s && strchr("<>=!", *s))
				s++;
			ol = (size_t)(s - op);
			while (*s == ' ' || *s == '\t')
				s++;
			ver = s;
			while (*s && *s != ',' && *s != ' ' && *s != '\t')
				s++;
			vl = (size_t)(s - ver);
		}
		if (!nl)
			continue;
		out[*n].name = crk_arena_strndup(ctx->arena, name, nl);
		out[*n].text = op ? crk_arena_printf(ctx->arena, "%.*s %.*s %.*s", (int)nl, name,
						     (int)ol, op, (int)vl, ver)
				  : out[*n].name;
		out[*n].private_ = private_;
		if (!out[*n].name || !out[*n].text)
			return -1;
		(*n)++;
	}
	return 0;
}

/* Debian's multiarch triplets, for a .pc file outside lib/<triplet>/ (pkg-config has its own
 * compiled in; the file does not say it). */
static const char *const triplets[] = {
	"x86_64-linux-gnu", "aarch64-linux-gnu", "arm-linux-gnueabihf", "i386-linux-gnu",
	"riscv64-linux-gnu", "powerpc64le-linux-gnu", "s390x-linux-gnu", "mips64el-linux-gnuabi64",
	"arm-linux-gnueabi", NULL,
};

#define PC_MAX_DIRS 32

/* The directories pkg-config searches in the root filesystem of ctx->dir (relative to the
 * scan root), this one first: usr/local/lib/<triplet>, usr/local/lib, usr/local/share,
 * usr/lib/<triplet>, usr/lib, usr/lib64, usr/share (each with /pkgconfig). */
static size_t search_dirs(struct crk_detect_ctx *ctx, const char **out, size_t max)
{
	static const char *const rel[] = {
		"usr/local/lib/%s/pkgconfig", "usr/local/lib/pkgconfig", "usr/local/share/pkgconfig",
		"usr/lib/%s/pkgconfig",       "usr/lib/pkgconfig",       "usr/lib64/pkgconfig",
		"usr/share/pkgconfig",
	};
	const char *dir = ctx->dir, *usr = NULL, *p, *one[2] = {NULL, NULL};
	const char *const *trip = triplets;
	size_t n = 0, k, t, plen;
	out[n++] = dir;
	/* the root filesystem: what comes before a "usr/" component */
	for (p = dir; p && *p; p++)
		if ((p == dir || p[-1] == '/') && strncmp(p, "usr/", 4) == 0) {
			usr = p;
			break;
		}
	if (!usr)
		return n;
	plen = (size_t)(usr - dir);
	/* usr/lib/<triplet>/pkgconfig or usr/local/lib/<triplet>/pkgconfig: that triplet only */
	p = usr + 4;
	if (strncmp(p, "local/", 6) == 0)
		p += 6;
	if (strncmp(p, "lib/", 4) == 0) {
		const char *tt = p + 4, *slash = strchr(tt, '/');
		if (slash && strcmp(slash, "/pkgconfig") == 0 && memchr(tt, '-', (size_t)(slash - tt))) {
			one[0] = crk_arena_strndup(ctx->arena, tt, (size_t)(slash - tt));
			if (one[0])
				trip = one;
		}
	}
	for (k = 0; k < sizeof(rel) / sizeof(rel[0]); k++) {
		const char *pct = strstr(rel[k], "%s");
		for (t = 0; pct ? trip[t] != NULL : t == 0; t++) {
			char *d;
			if (n >= max)
				return n;
			d = pct ? crk_arena_printf(ctx->arena, "%.*s%.*s%s%s", (int)plen, dir,
						   (int)(pct - rel[k]), rel[k], trip[t], pct + 2)
				: crk_arena_printf(ctx->arena, "%.*s%s", (int)plen, dir, rel[k]);
			if (d && strcmp(d, dir) != 0)
				out[n++] = d;
		}
	}
	return n;
}

/* Finds, parses and adds the required module `name`; *id is CRK_BOM_NONE when it is not found
 * (or owned by an OS package). */
static int resolve(struct crk_detect_ctx *ctx, const char **dirs, size_t ndirs, const char *name,
		   size_t *id, struct crk_err *err)
{
	size_t depth = 0, k;
	const char *d;
	*id = CRK_BOM_NONE;
	for (d = ctx->dir; *d; d++)
		depth += *d == '/';
	if (*ctx->dir)
		depth++;
	for (k = 0; k < ndirs; k++) {
		struct crk_strbuf rel = CRK_STRBUF_INIT(CRK_ERR_PATH_MAX);
		const char *buf, *relpath, *slash;
		struct pc q;
		struct crk_err e;
		size_t len, i;
		int rc;
		for (i = 0; i < depth; i++)
			crk_strbuf_adds(&rel, "../");
		if (*dirs[k])
			crk_strbuf_addf(&rel, "%s/", dirs[k]);
		crk_strbuf_addf(&rel, "%s.pc", name);
		if (!crk_strbuf_ok(&rel)) {
			crk_strbuf_release(&rel);
			continue;
		}
		rc = crk_detect_read(ctx, rel.buf, PC_MAX_FILE, &buf, &len, &relpath, &e);
		crk_strbuf_release(&rel);
		if (rc == CRK_ENOMEM)
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		if (rc)
			continue;
		if (crk_clib_os_owned_path(ctx, relpath))
			return CRK_OK;
		memset(&q, 0, sizeof(q));
		q.ctx = ctx;
		q.path = relpath;
		q.buf = buf;
		q.len = len;
		slash = strrchr(relpath, '/');
		{
			char *qdir = slash ? crk_arena_strndup(ctx->arena, relpath,
							       (size_t)(slash - relpath))
					   : (char *)"";
			if (!qdir)
				return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
			rc = pc_parse(&q, qdir, &e);
		}
		if (rc == CRK_OK && q.field[F_NAME] && q.field[F_VERSION])
			rc = add_module(ctx, &q, name, relpath, NULL, 0, id, err);
		else if (rc == CRK_ENOMEM)
			rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		else
			rc = CRK_OK; /* a broken required file is reported when it is parsed itself */
		pc_release(&q);
		return rc;
	}
	return CRK_OK;
}

static int pkgconfig_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct pc p;
	struct req *reqs = NULL;
	struct crk_kv *props = NULL;
	const char *dirs[PC_MAX_DIRS];
	size_t nreq = 0, ndirs, i, id, nl;
	char *mod;
	int rc;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.path = ctx->path;
	p.buf = ctx->buf;
	p.len = ctx->len;
	if ((rc = pc_parse(&p, ctx->dir, err)) != CRK_OK)
		goto out;
	for (i = 0; i < 2; i++) {
		int f = i == 0 ? F_NAME : F_VERSION;
		if (!p.field[f]) {
			rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					 "no %s field (pkg-config refuses the file)", field_names[f]);
			goto out;
		}
	}
	if (crk_clib_os_owned(ctx))
		goto out; /* the OS package detectors report it */
	nl = strlen(ctx->name);
	mod = crk_arena_strndup(ctx->arena, ctx->name, nl > 3 ? nl - 3 : nl);
	reqs = crk_arena_array(ctx->arena, PC_MAX_REQUIRES, sizeof(*reqs));
	if (!mod || !reqs)
		goto nomem;
	if ((p.field[F_REQUIRES] && split_requires(ctx, p.field[F_REQUIRES], 0, reqs, &nreq)) ||
	    (p.field[F_REQUIRES_PRIVATE] &&
	     split_requires(ctx, p.field[F_REQUIRES_PRIVATE], 1, reqs, &nreq)))
		goto nomem;
	props = crk_arena_array(ctx->arena, nreq + 1, sizeof(*props));
	if (!props)
		goto nomem;
	for (i = 0; i < nreq; i++) {
		props[i].key = reqs[i].private_ ? "pkgconfig.requires.private" : "pkgconfig.requires";
		props[i].value = reqs[i].text;
	}
	if ((rc = add_module(ctx, &p, mod, ctx->path, props, nreq, &id, err)) != CRK_OK)
		goto out;
	if (id == CRK_BOM_NONE)
		goto out;
	if (crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		goto nomem;
	ndirs = search_dirs(ctx, dirs, sizeof(dirs) / sizeof(dirs[0]));
	for (i = 0; i < nreq; i++) {
		size_t to;
		if ((rc = resolve(ctx, dirs, ndirs, reqs[i].name, &to, err)) != CRK_OK)
			goto out;
		if (to != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, id, to) == CRK_ENOMEM)
			goto nomem;
	}
out:
	pc_release(&p);
	return rc;
nomem:
	rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	goto out;
}

/* <...>/{lib,lib32,lib64,libx32,share}/pkgconfig/<module>.pc and
 * <...>/lib/<triplet>/pkgconfig/<module>.pc */
static int pkgconfig_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name);
	const char *dir_end, *p, *parent;
	size_t pl;
	if (nl < 4 || memcmp(name + nl - 3, ".pc", 3) != 0 || rellen < nl + 11)
		return 0;
	dir_end = relpath + rellen - nl - 1; /* the '/' before the name */
	if (memcmp(dir_end - 9, "pkgconfig", 9) != 0 || (dir_end - 9 > relpath && dir_end[-10] != '/'))
		return 0;
	if (dir_end - 9 == relpath)
		return 0;
	/* the directory above pkgconfig/ */
	p = dir_end - 10;
	for (parent = p; parent > relpath && parent[-1] != '/'; parent--)
		;
	pl = (size_t)(p - parent);
	if (crk_bytes_eq(parent, pl, "lib") || crk_bytes_eq(parent, pl, "lib32") ||
	    crk_bytes_eq(parent, pl, "lib64") || crk_bytes_eq(parent, pl, "libx32") ||
	    crk_bytes_eq(parent, pl, "share"))
		return 1;
	/* lib/<triplet>/ */
	if (parent - relpath >= 4 && memcmp(parent - 4, "lib/", 4) == 0 &&
	    (parent - 4 == relpath || parent[-5] == '/') && memchr(parent, '-', pl))
		return 1;
	return 0;
}

const struct crk_detector crk_detector_pkgconfig = {
	.name = "generic/pkg-config",
	.ecosystem = "C/C++",
	.names = NULL,
	.match = pkgconfig_match,
	.parse = pkgconfig_parse,
	.max_size = PC_MAX_FILE,
	.flags = 0,
	.doc = "pkg-config .pc files in lib/pkgconfig, lib/<triplet>/pkgconfig, share/pkgconfig",
};
