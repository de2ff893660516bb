/*
 * haskell.c - Haskell's two lock files: cabal.project.freeze (cabal-install) and stack.yaml.lock
 * (Stack).
 *
 * cabal.project.freeze (`cabal freeze`; cabal project file syntax,
 * https://cabal.readthedocs.io/en/stable/cabal-project-description-file.html):
 *   active-repositories: hackage.haskell.org:merge
 *   constraints: any.base ==4.14.1.0,
 *                any.aeson ==2.1.2.1,
 *                aeson -cffi +ordered-keymap,        (flag assignments: no version)
 *                setup.Cabal ==3.2.1.0,              (qualified: a setup dependency)
 *                any.text installed
 *   index-state: hackage.haskell.org 2024-01-01T00:00:00Z
 *   - a field is `name: value` at column 0, continued by indented lines (blank lines inside
 *     do not end it); whole-line comments start with "--"; a line at column 0 without ':' opens
 *     a section;
 *   - a constraint is [qualifier.]package followed by a version constraint, flags, `installed`
 *     or `source`; qualifiers are any, setup, <pkg>:setup, <pkg>:<exe>:exe.
 *   Reported: each constraint `==VERSION` (the only form cabal freeze writes for a version) as
 *   pkg:hackage/NAME@VERSION, with its line. Unqualified and `any.` constraints are required;
 *   `setup.` ones (Setup.hs dependencies, build time only) and `:exe.` ones (build tools) are dev.
 *   Other forms (ranges, flags, installed) pin nothing and are skipped.
 *   Errors: a file without a `constraints:` field is not a freeze file (CRK_EPARSE).
 *
 * stack.yaml.lock (Stack 2+, https://docs.haskellstack.org/en/stable/topics/lock_files/):
 *   packages:
 *   - completed:
 *       hackage: fuzzyset-0.2.4@sha256:<sha256 of the .cabal file>,<its size>
 *       pantry-tree: {sha256: ..., size: ...}
 *     original:
 *       hackage: fuzzyset-0.2.4
 *   - completed: {name: foo, version: 0.1.0, git: <url>, commit: <sha>, pantry-tree: ...}
 *   - completed: {name: bar, version: 1.0, url: <tarball>, sha256: <of the archive>, size: ...}
 *   snapshots:
 *   - completed: {sha256: ..., size: ..., url: .../lts/22/41.yaml}
 *     original: lts-22.41
 *   Reported: each package (Stack's extra-deps) as pkg:hackage/NAME@VERSION with the line of its
 *   `completed` entry; the .cabal file digest is the property "hackage:cabal_sha256" (it is not a
 *   digest of the package archive); git packages are CRK_PKG_GIT with vcs_url and vcs_commit;
 *   archive packages CRK_PKG_URL with download_url and their SHA-256 as a hash. The snapshot's own
 *   packages are not in the file (it names the snapshot only) and so are not reported.
 *   Errors: not YAML, not a mapping, no `packages` key, `packages` not a list (CRK_EPARSE).
 *
 * Neither file records the dependency graph: no edges.
 */
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define CABAL_MAX_ITEM 4096 /* one constraint; longer ones are not package pins */

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A Haskell package version: digits separated by single dots. */
static int is_version(const char *s, size_t n)
{
	size_t i;
	if (!n || !is_digit(s[0]) || !is_digit(s[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!is_digit(s[i]) && !(s[i] == '.' && i + 1 < n && s[i + 1] != '.'))
			return 0;
	return 1;
}

/* A Hackage package name: letters, digits and '-'. */
static int is_pkgname(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
			return 0;
	}
	return 1;
}

static int add_hackage(struct crk_detect_ctx *ctx, const char *name, size_t nn, const char *ver,
		       size_t vn, enum crk_scope scope, unsigned line, struct crk_pkg *tmpl,
		       struct crk_err *err)
{
	struct crk_pkg pkg;
	if (tmpl)
		pkg = *tmpl;
	else
		crk_detect_pkg_init(ctx, &pkg, "hackage", "Hackage");
	pkg.name = crk_arena_strndup(ctx->arena, name, nn);
	pkg.version = crk_arena_strndup(ctx->arena, ver, vn);
	if (!pkg.name || !pkg.version)
		return oom(ctx, err);
	pkg.scope = scope;
	pkg.line = line;
	return crk_detect_add(ctx, &pkg, NULL, err);
}

/* ---- cabal.project.freeze ---- */

/* One constraint item, trimmed: reports it when it pins a version. */
static int cabal_item(struct crk_detect_ctx *ctx, const char *s, size_t n, unsigned line,
		      unsigned col, struct crk_err *err)
{
	const char *q = s, *name, *rest, *dot;
	size_t qn, nn, rn;
	enum crk_scope scope = CRK_SCOPE_REQUIRED;

	crk_bytes_trim(&s, &n);
	if (!n)
		return CRK_OK;
	/* the qualified name ("any.aeson", "foo:setup.Cabal") runs to a space or an operator;
	 * '-' belongs to names ("AC-Angle"), flags ("-cffi") come after a space */
	for (qn = 0; qn < n && !strchr(" \t=<>^+", s[qn]); qn++)
		;
	q = s;
	dot = memrchr(q, '.', qn);
	if (dot) {
		size_t quallen = (size_t)(dot - q);
		if (!(quallen == 3 && memcmp(q, "any", 3) == 0))
			scope = CRK_SCOPE_DEV; /* setup. / pkg:setup. / pkg:exe:exe. */
		name = dot + 1;
		nn = qn - quallen - 1;
	} else {
		name = q;
		nn = qn;
	}
	rest = s + qn;
	rn = n - qn;
	crk_bytes_trim(&rest, &rn);
	if (rn < 2 || rest[0] != '=' || rest[1] != '=')
		return CRK_OK; /* flags, installed, source, ranges: no pinned version */
	rest += 2;
	rn -= 2;
	crk_bytes_trim(&rest, &rn);
	if (!is_pkgname(name, nn) || !is_version(rest, rn)) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, col,
			       "constraint '%.*s' is not 'package ==version': skipped",
			       (int)(n > 100 ? 100 : n), s);
		return CRK_OK;
	}
	return add_hackage(ctx, name, nn, rest, rn, scope, line, NULL, err);
}

static int field_is(const char *line, size_t n, const char *name, size_t *after)
{
	size_t k = strlen(name), i = k;
	if (n < k || strncasecmp(line, name, k) != 0)
		return 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i >= n || line[i] != ':')
		return 0;
	*after = i + 1;
	return 1;
}

static int is_comment(const char *l, size_t n)
{
	while (n && (*l == ' ' || *l == '\t')) {
		l++;
		n--;
	}
	return n >= 2 && l[0] == '-' && l[1] == '-';
}

/* Reports the constraint collected in `item` and empties it. */
static int cabal_flush(struct crk_detect_ctx *ctx, struct crk_strbuf *item, int *too_long,
		       unsigned line, unsigned col, struct crk_err *err)
{
	int rc = CRK_OK;
	if (*too_long)
		crk_diags_addf(ctx->diags, CRK_ELIMIT, ctx->path, line, col,
			       "constraint longer than %zu bytes: skipped", (size_t)CABAL_MAX_ITEM);
	else if (item->len)
		rc = cabal_item(ctx, item->buf, item->len, line, col, err);
	crk_strbuf_reset(item);
	*too_long = 0;
	return rc;
}

static int cabal_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_line_iter it;
	struct crk_strbuf item = CRK_STRBUF_INIT(CABAL_MAX_ITEM);
	const char *line;
	size_t n;
	unsigned item_line = 0, item_col = 0;
	int in = 0, seen = 0, rc = CRK_OK, too_long = 0;

	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (!rc && crk_line_iter_next(&it, &line, &n)) {
		size_t i = 0, ws = 0;
		while (ws < n && (line[ws] == ' ' || line[ws] == '\t' || line[ws] == '\r'))
			ws++;
		if (ws == n || is_comment(line, n))
			continue;
		if (ws == 0) { /* a field or a section at column 0 ends the one before */
			size_t after;
			rc = cabal_flush(ctx, &item, &too_long, item_line, item_col, err);
			in = field_is(line, n, "constraints", &after);
			if (!in || rc)
				continue;
			seen = 1;
			i = after;
		} else if (!in) {
			continue;
		}
		for (; i < n && !rc; i++) {
			char c = line[i];
			if (c == ',') {
				rc = cabal_flush(ctx, &item, &too_long, item_line, item_col, err);
				continue;
			}
			if (c == '\r' || too_long || (!item.len && (c == ' ' || c == '\t')))
				continue;
			if (!item.len) {
				item_line = it.lineno;
				item_col = (unsigned)i + 1;
			}
			if (crk_strbuf_addch(&item, c))
				too_long = 1;
		}
		if (item.len && !too_long && crk_strbuf_addch(&item, ' '))
			too_long = 1; /* an item going on on the next line: the break is a space */
	}
	if (!rc)
		rc = cabal_flush(ctx, &item, &too_long, item_line, item_col, err);
	crk_strbuf_release(&item);
	if (!rc && !seen)
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				 "no 'constraints:' field: not a cabal.project.freeze file");
	return rc;
}

/* ---- stack.yaml.lock ---- */

/* "name-1.2.3[@sha256:<hex>,<size>]" -> name, version, digest. 1 on success. */
static int split_pkgid(const char *s, size_t n, const char **name, size_t *nn, const char **ver,
		       size_t *vn, const char **sha, size_t *shan)
{
	const char *at = memchr(s, '@', n), *dash;
	size_t id = at ? (size_t)(at - s) : n;
	*sha = NULL;
	*shan = 0;
	if (at && n - id > 8 && memcmp(at + 1, "sha256:", 7) == 0) {
		const char *h = at + 8, *comma = memchr(h, ',', n - id - 8);
		*sha = h;
		*shan = comma ? (size_t)(comma - h) : n - id - 8;
	}
	dash = memrchr(s, '-', id);
	if (!dash)
		return 0;
	*name = s;
	*nn = (size_t)(dash - s);
	*ver = dash + 1;
	*vn = id - *nn - 1;
	return is_pkgname(*name, *nn) && is_version(*ver, *vn);
}

static int stack_package(struct crk_detect_ctx *ctx, const struct crk_yaml *entry,
			 struct crk_err *err)
{
	const struct crk_yaml *c = crk_npm__ymap_get(entry, "completed"), *h;
	const char *s, *name, *ver, *sha;
	size_t n, nn, vn, shan;
	struct crk_pkg pkg;
	struct crk_kv prop;
	struct crk_hash hash;
	unsigned line;

	if (!crk_npm__yis_map(c))
		c = crk_npm__ymap_get(entry, "original");
	line = crk_npm__yis_map(c) ? c->line : entry->line;
	crk_detect_pkg_init(ctx, &pkg, "hackage", "Hackage");
	if (!crk_npm__yis_map(c))
		goto bad;
	h = crk_npm__ymap_get(c, "hackage");
	if ((s = crk_npm__yscalar(h, &n)) != NULL) {
		if (!split_pkgid(s, n, &name, &nn, &ver, &vn, &sha, &shan))
			goto bad;
		if (sha && shan) {
			prop.key = "hackage:cabal_sha256";
			prop.value = crk_arena_strndup(ctx->arena, sha, shan);
			if (!prop.value)
				return oom(ctx, err);
			pkg.props = &prop;
			pkg.nprops = 1;
		}
		return add_hackage(ctx, name, nn, ver, vn, CRK_SCOPE_REQUIRED, h->line, &pkg, err);
	}
	name = crk_npm__yscalar(crk_npm__ymap_get(c, "name"), &nn);
	ver = crk_npm__yscalar(crk_npm__ymap_get(c, "version"), &vn);
	if (!name || !is_pkgname(name, nn) || !ver || !vn)
		goto bad;
	if ((s = crk_npm__yscalar(crk_npm__ymap_get(c, "git"), &n)) != NULL && n) {
		pkg.flags |= CRK_PKG_GIT;
		pkg.vcs_url = s;
		pkg.vcs_commit = crk_npm__yscalar(crk_npm__ymap_get(c, "commit"), NULL);
	} else if ((s = crk_npm__yscalar(crk_npm__ymap_get(c, "url"), &n)) != NULL && n) {
		pkg.flags |= CRK_PKG_URL;
		pkg.download_url = s;
		sha = crk_npm__yscalar(crk_npm__ymap_get(c, "sha256"), &shan);
		if (sha && shan == 64) {
			hash.alg = "SHA-256";
			hash.value = sha;
			pkg.hashes = &hash;
			pkg.nhashes = 1;
		}
	}
	return add_hackage(ctx, name, nn, ver, vn, CRK_SCOPE_REQUIRED, line, &pkg, err);
bad:
	crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 1,
		       "package entry without a name and version: skipped");
	return CRK_OK;
}

static int stack_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_yaml *root;
	const struct crk_yaml *pkgs;
	size_t i;
	int rc = crk_npm__yaml_load(ctx, &root, err);
	if (rc)
		return rc;
	pkgs = root ? crk_npm__ymap_get(root, "packages") : NULL;
	if (!pkgs)
		return crk_err_set(err, CRK_EPARSE, ctx->path, root ? root->line : 1,
				   root ? root->col : 1,
				   "no 'packages' key: not a stack.yaml.lock file");
	if (pkgs->type == CRK_YAML_SCALAR && !pkgs->n)
		return CRK_OK; /* "packages:" with nothing */
	if (pkgs->type != CRK_YAML_SEQ)
		return crk_err_set(err, CRK_EPARSE, ctx->path, pkgs->line, pkgs->col,
				   "'packages' is not a list");
	for (i = 0; i < pkgs->nc && !rc; i++) {
		if (!crk_npm__yis_map(pkgs->c[i])) {
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, pkgs->c[i]->line,
				       pkgs->c[i]->col, "package entry is not a mapping: skipped");
			continue;
		}
		rc = stack_package(ctx, pkgs->c[i], err);
	}
	return rc;
}

static const char *const cabal_names[] = {"cabal.project.freeze", NULL};
static const char *const stack_names[] = {"stack.yaml.lock", NULL};

const struct crk_detector crk_detector_cabal_freeze = {
	.name = "hackage/cabal-project-freeze",
	.ecosystem = "Hackage",
	.names = cabal_names,
	.parse = cabal_parse,
	.doc = "cabal.project.freeze (cabal-install)",
};

const struct crk_detector crk_detector_stack_lock = {
	.name = "hackage/stack-yaml-lock",
	.ecosystem = "Hackage",
	.names = stack_names,
	.parse = stack_parse,
	.doc = "stack.yaml.lock (Stack)",
};
