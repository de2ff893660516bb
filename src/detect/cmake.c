/*
 * cmake.c - dependencies a CMake project downloads at configure or build time:
 * FetchContent_Declare(), ExternalProject_Add() and CPM.cmake's CPMAddPackage() /
 * CPMFindPackage() / CPMDeclarePackage(), in CMakeLists.txt and *.cmake files.
 *
 * Syntax: cmake-language(7), "Syntax" (https://cmake.org/cmake/help/latest/manual/
 * cmake-language.7.html), tokenised here from its grammar:
 *   - a file is command invocations `identifier ( arguments )` (names case-insensitive),
 *     white space, line comments `# ...` and bracket comments `#[[ ... ]]` / `#[==[ ... ]==]`;
 *   - arguments: bracket arguments `[=*[ ... ]=*]` (verbatim; a newline right after the
 *     opening bracket is dropped), quoted arguments `"..."` (escapes \t \r \n \; and \<char>,
 *     a backslash before a newline joins lines, variable references expanded, one argument),
 *     unquoted arguments (escapes, references expanded, the value split into list elements on
 *     ';', empty elements dropped; a legacy `a"b c"d` keeps its quotes), and nested
 *     parentheses (literal arguments of if() and friends);
 *   - variable references `${name}` (nested `${a_${b}}` too): expanded when a set() earlier in
 *     the same file gave the variable a value, otherwise left as written — the file alone does
 *     not say what the cache, the environment or an including file holds. set(VAR v...) (list
 *     values joined with ';', CACHE and PARENT_SCOPE forms), set(VAR) and unset(VAR) are
 *     followed in order, whatever if() block they are in.
 *
 * Keywords read (both commands share them): GIT_REPOSITORY, GIT_TAG, URL (the first of several),
 * URL_HASH ALGO=hex, URL_MD5, SVN_REPOSITORY, SVN_REVISION, HG_REPOSITORY, HG_TAG; CPM adds
 * NAME, VERSION, GITHUB_REPOSITORY, GITLAB_REPOSITORY, BITBUCKET_REPOSITORY and the one-string
 * form "gh:owner/repo#tag", "gh:owner/repo@1.2.3" (tag v1.2.3), "https://...git#tag".
 *
 * What is reported (docs/detectors/c-cpp.md), at the line of the command, with an edge from
 * the product:
 *   - from git: pkg:github/<owner>/<repo>@<GIT_TAG> for GitHub, else
 *     pkg:generic/<name>@<GIT_TAG>?vcs_url=git+<url>@<GIT_TAG> (crk_clib_git_pkg()); no GIT_TAG
 *     means the default branch: CRK_PKG_UNPINNED;
 *   - from a URL: a GitHub archive or release URL as pkg:github/<owner>/<repo>@<tag>, any other
 *     as pkg:generic/<name>@<version>, the version taken from the file name ("zlib-1.3.tar.gz");
 *     download_url; URL_HASH / URL_MD5 as a hash (CMake's SHA1, SHA256, ... as CycloneDX's
 *     SHA-1, SHA-256, ...; SHA224 and SHA3_224 have no CycloneDX name: property "url_hash");
 *   - a CPE when clib.def knows the project (with the release the tag or file names), or the
 *     guessed cpe:2.3:a:<owner>:<repo> of a GitHub project (property "cpe.guessed");
 *   - a dependency whose repository or URL still holds an unexpanded `${...}` is not reported
 *     (a warning names it); SOURCE_DIR alone is local code, not a dependency.
 * Files below _deps/ or CMakeFiles/ (what FetchContent generates in a build tree) and CMake's
 * own modules (share/cmake*) are not read.
 *
 * Errors: an unterminated argument, bracket, comment or command, or text where a command
 * should start, is CRK_EPARSE at its line:col, as cmake reports "Parse error".
 */
#include <string.h>
#include <strings.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/clib.h"
#include "detect/detect.h"
#include "base/banned.h"

#define CM_MAX_ARGS ((size_t)1 << 16) /* arguments of one command */
#define CM_MAX_EXPAND 32              /* nesting of ${...} */

struct arg {
	const char *s; /* evaluated, NUL-terminated (arena) */
};

struct cm {
	struct crk_detect_ctx *ctx;
	const char *b;
	size_t n, i;
	struct crk_lines lines;
	struct crk_map vars; /* name -> value (arena) */
	struct arg *args;
	size_t nargs, argcap;
	struct crk_strbuf tmp, tmp2;
	int unterminated_var; /* a ${ without } was met */
};

static int cm_error(struct cm *c, size_t off, struct crk_err *err, const char *msg)
{
	unsigned line, col;
	crk_lines_pos(&c->lines, off, &line, &col);
	return crk_err_set(err, CRK_EPARSE, c->ctx->path, line, col, "%s", msg);
}

static int cm_oom(struct cm *c, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, c->ctx->path, 0, 0, "out of memory");
}

static int is_ident_start(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_';
}

static int is_ident(char ch)
{
	return is_ident_start(ch) || (ch >= '0' && ch <= '9');
}

/* At b[i] == '[': the length of "[=*[" (the '=' count + 2) or 0 when it is no bracket open. */
static size_t bracket_open(const struct cm *c, size_t i, size_t *eqs)
{
	size_t k = i + 1;
	while (k < c->n && c->b[k] == '=')
		k++;
	if (k < c->n && c->b[k] == '[') {
		*eqs = k - i - 1;
		return k - i + 1;
	}
	return 0;
}

/* Finds "]=*]" with `eqs` '=' from i; returns its offset or (size_t)-1. */
static size_t bracket_close(const struct cm *c, size_t i, size_t eqs)
{
	for (; i < c->n; i++) {
		size_t k;
		if (c->b[i] != ']')
			continue;
		for (k = 0; k < eqs && i + 1 + k < c->n && c->b[i + 1 + k] == '='; k++)
			;
		if (k == eqs && i + 1 + k < c->n && c->b[i + 1 + k] == ']')
			return i;
	}
	return (size_t)-1;
}

/* Skips a comment at b[c->i] == '#'. */
static int skip_comment(struct cm *c, struct crk_err *err)
{
	size_t eqs, open;
	if (c->i + 1 < c->n && c->b[c->i + 1] == '[' &&
	    (open = bracket_open(c, c->i + 1, &eqs)) != 0) {
		size_t close = bracket_close(c, c->i + 1 + open, eqs);
		if (close == (size_t)-1)
			return cm_error(c, c->i, err, "unterminated bracket comment");
		c->i = close + eqs + 2;
		return CRK_OK;
	}
	while (c->i < c->n && c->b[c->i] != '\n')
		c->i++;
	return CRK_OK;
}

/* ---- evaluation: escapes and variable references ---- */

/* Expands s[0..n) into `out` (appending). Unknown references stay as written. */
static int expand(struct cm *c, const char *s, size_t n, struct crk_strbuf *out, int depth)
{
	size_t i = 0;
	if (depth > CM_MAX_EXPAND) { /* nested deeper than any real file: kept as written */
		crk_strbuf_add(out, s, n);
		return crk_strbuf_ok(out) ? 0 : -1;
	}
	while (i < n) {
		size_t start, k, level;
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
			/* the matching '}' */
			level = 1;
			for (k = i + 2; k < n && level; k++) {
				if (s[k] == '$' && k + 1 < n && s[k + 1] == '{') {
					level++;
					k++;
				} else if (s[k] == '}') {
					level--;
				}
			}
			if (level) {
				c->unterminated_var = 1;
				crk_strbuf_add(out, s + i, n - i);
				return 0;
			}
			start = i + 2;
			{
				struct crk_strbuf name = CRK_STRBUF_INIT(CRK_MAX_STRING);
				const char *v;
				int rc = expand(c, s + start, k - 1 - start, &name, depth + 1);
				if (rc || !crk_strbuf_ok(&name)) {
					crk_strbuf_release(&name);
					return -1;
				}
				v = crk_map_get(&c->vars, name.buf, name.len);
				if (v)
					crk_strbuf_adds(out, v);
				else
					crk_strbuf_addf(out, "${%s}", name.buf);
				crk_strbuf_release(&name);
			}
			i = k;
			continue;
		}
		crk_strbuf_addch(out, s[i++]);
	}
	return crk_strbuf_ok(out) ? 0 : -1;
}

static int push_arg(struct cm *c, const char *s, size_t n)
{
	char *v;
	if (c->nargs >= CM_MAX_ARGS)
		return -1;
	if (c->nargs == c->argcap) {
		size_t ncap = c->argcap ? c->argcap * 2 : 64;
		struct arg *na = crk_arena_array(c->ctx->arena, ncap, sizeof(*na));
		if (!na)
			return -1;
		if (c->nargs)
			memcpy(na, c->args, c->nargs * sizeof(*na));
		c->args = na;
		c->argcap = ncap;
	}
	v = crk_arena_strndup(c->ctx->arena, s, n);
	if (!v)
		return -1;
	c->args[c->nargs++].s = v;
	return 0;
}

/* Decodes escapes of raw[0..n) into c->tmp; `quoted` for "..." (continuations), else ';'
 * splits (marked as \x01 when escaped, so the split keeps it). */
static void unescape(struct cm *c, const char *raw, size_t n, int quoted)
{
	size_t i;
	crk_strbuf_reset(&c->tmp);
	for (i = 0; i < n; i++) {
		char ch = raw[i];
		if (ch != '\\' || i + 1 >= n) {
			crk_strbuf_addch(&c->tmp, ch);
			continue;
		}
		ch = raw[++i];
		switch (ch) {
		case 't': crk_strbuf_addch(&c->tmp, '\t'); break;
		case 'r': crk_strbuf_addch(&c->tmp, '\r'); break;
		case 'n': crk_strbuf_addch(&c->tmp, '\n'); break;
		case ';': crk_strbuf_addch(&c->tmp, quoted ? ';' : '\x01'); break;
		case '\n':
			if (!quoted)
				crk_strbuf_addch(&c->tmp, '\n');
			break; /* a continuation inside quotes */
		default:
			crk_strbuf_addch(&c->tmp, ch);
		}
	}
}

/* Evaluates one raw argument into c->args. kind: 0 unquoted, 1 quoted, 2 bracket. */
static int eval_arg(struct cm *c, const char *raw, size_t n, int kind)
{
	size_t i, st;
	if (kind == 2)
		return push_arg(c, raw, n);
	unescape(c, raw, n, kind == 1);
	crk_strbuf_reset(&c->tmp2);
	if (!crk_strbuf_ok(&c->tmp) || expand(c, c->tmp.buf, c->tmp.len, &c->tmp2, 0))
		return -1;
	if (kind == 1)
		return push_arg(c, c->tmp2.buf, c->tmp2.len);
	/* an unquoted argument is a list: split on ';', drop empty elements */
	for (i = st = 0; i <= c->tmp2.len; i++) {
		if (i < c->tmp2.len && c->tmp2.buf[i] != ';')
			continue;
		if (i > st) {
			size_t k;
			for (k = st; k < i; k++)
				if (c->tmp2.buf[k] == '\x01')
					c->tmp2.buf[k] = ';';
			if (push_arg(c, c->tmp2.buf + st, i - st))
				return -1;
		}
		st = i + 1;
	}
	return 0;
}

/* Reads the arguments of a command; c->i is just after '('. */
static int read_args(struct cm *c, size_t cmd_off, struct crk_err *err)
{
	size_t depth = 1;
	c->nargs = 0;
	while (c->i < c->n) {
		char ch = c->b[c->i];
		size_t st, eqs, open;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			c->i++;
		} else if (ch == '(') {
			if (++depth > CRK_MAX_DEPTH)
				return cm_error(c, c->i, err, "parentheses nested too deeply");
			c->i++;
		} else if (ch == ')') {
			c->i++;
			if (--depth == 0)
				return CRK_OK;
		} else if (ch == '#') {
			int rc = skip_comment(c, err);
			if (rc)
				return rc;
		} else if (ch == '"') {
			st = ++c->i;
			while (c->i < c->n && c->b[c->i] != '"')
				c->i += c->b[c->i] == '\\' ? 2 : 1;
			if (c->i >= c->n)
				return cm_error(c, st - 1, err, "unterminated quoted argument");
			if (eval_arg(c, c->b + st, c->i - st, 1))
				goto nomem;
			c->i++;
		} else if (ch == '[' && (open = bracket_open(c, c->i, &eqs)) != 0) {
			size_t close;
			st = c->i + open;
			if (st < c->n && c->b[st] == '\n')
				st++;
			else if (st + 1 < c->n && c->b[st] == '\r' && c->b[st + 1] == '\n')
				st += 2;
			close = bracket_close(c, st, eqs);
			if (close == (size_t)-1)
				return cm_error(c, c->i, err, "unterminated bracket argument");
			if (eval_arg(c, c->b + st, close - st, 2))
				goto nomem;
			c->i = close + eqs + 2;
		} else {
			st = c->i;
			while (c->i < c->n) {
				ch = c->b[c->i];
				if (ch == '\\') {
					c->i += 2;
					continue;
				}
				if (ch == '"') { /* legacy: a"b c"d */
					c->i++;
					while (c->i < c->n && c->b[c->i] != '"')
						c->i += c->b[c->i] == '\\' ? 2 : 1;
					if (c->i >= c->n)
						return cm_error(c, st, err, "unterminated quoted argument");
					c->i++;
					continue;
				}
				if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '(' ||
				    ch == ')' || ch == '#')
					break;
				c->i++;
			}
			if (c->i > c->n)
				c->i = c->n;
			if (eval_arg(c, c->b + st, c->i - st, 0))
				goto nomem;
		}
	}
	return cm_error(c, cmd_off, err, "unterminated command: missing ')'");
nomem:
	if (c->nargs >= CM_MAX_ARGS)
		return crk_err_set(err, CRK_ELIMIT, c->ctx->path, crk_lines_line(&c->lines, cmd_off),
				   0, "more than %zu arguments in one command", CM_MAX_ARGS);
	return cm_oom(c, err);
}

/* ---- commands ---- */

static int do_set(struct cm *c, int unset)
{
	struct crk_strbuf v = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i, end = c->nargs;
	char *name, *val;
	if (!c->nargs)
		return 0;
	name = (char *)c->args[0].s;
	if (unset || c->nargs == 1) {
		crk_map_put(&c->vars, name, strlen(name), NULL);
		return 0;
	}
	for (i = 1; i < c->nargs; i++)
		if (strcmp(c->args[i].s, "CACHE") == 0 || strcmp(c->args[i].s, "PARENT_SCOPE") == 0) {
			end = i;
			break;
		}
	for (i = 1; i < end; i++) {
		if (i > 1)
			crk_strbuf_addch(&v, ';');
		crk_strbuf_adds(&v, c->args[i].s);
	}
	val = crk_strbuf_ok(&v) ? crk_arena_strndup(c->ctx->arena, v.buf, v.len) : NULL;
	crk_strbuf_release(&v);
	if (!val || crk_map_put(&c->vars, name, strlen(name), val))
		return -1;
	return 0;
}

struct dep {
	const char *name, *git, *tag, *url, *hash, *md5, *svn, *svnrev, *hg, *hgtag, *version;
	const char *gh; /* CPM GITHUB_REPOSITORY owner/repo (or GITLAB_/BITBUCKET_ as a URL) */
	unsigned line;
	size_t off;
};

static const char *cpm_host(const char *kw)
{
	if (strcmp(kw, "GITHUB_REPOSITORY") == 0)
		return "https://github.com/";
	if (strcmp(kw, "GITLAB_REPOSITORY") == 0)
		return "https://gitlab.com/";
	if (strcmp(kw, "BITBUCKET_REPOSITORY") == 0)
		return "https://bitbucket.org/";
	return NULL;
}

/* Keyword arguments (from args[first]) into `d`. */
static int keywords(struct cm *c, size_t first, struct dep *d)
{
	size_t i;
	for (i = first; i + 1 < c->nargs; i++) {
		const char *k = c->args[i].s, *v = c->args[i + 1].s, *host;
		const char **slot = NULL;
		if (strcmp(k, "GIT_REPOSITORY") == 0) slot = &d->git;
		else if (strcmp(k, "GIT_TAG") == 0) slot = &d->tag;
		else if (strcmp(k, "URL") == 0) slot = &d->url;
		else if (strcmp(k, "URL_HASH") == 0) slot = &d->hash;
		else if (strcmp(k, "URL_MD5") == 0) slot = &d->md5;
		else if (strcmp(k, "SVN_REPOSITORY") == 0) slot = &d->svn;
		else if (strcmp(k, "SVN_REVISION") == 0) slot = &d->svnrev;
		else if (strcmp(k, "HG_REPOSITORY") == 0) slot = &d->hg;
		else if (strcmp(k, "HG_TAG") == 0) slot = &d->hgtag;
		else if (strcmp(k, "NAME") == 0) slot = &d->name;
		else if (strcmp(k, "VERSION") == 0) slot = &d->version;
		else if ((host = cpm_host(k)) != NULL) {
			d->git = crk_arena_printf(c->ctx->arena, "%s%s", host, v);
			if (!d->git)
				return -1;
			i++;
			continue;
		}
		if (slot && !*slot) {
			*slot = v;
			i++;
		}
	}
	return 0;
}

/* CPM's one-string form: "gh:owner/repo#tag", "gh:owner/repo@1.2.3", "url#tag", "url@ver". */
static int cpm_shorthand(struct cm *c, const char *s, struct dep *d)
{
	static const char *const hosts[][2] = {{"gh:", "https://github.com/"},
					       {"gl:", "https://gitlab.com/"},
					       {"bb:", "https://bitbucket.org/"}};
	struct crk_arena *a = c->ctx->arena;
	const char *hash = strrchr(s, '#'), *at, *end, *slash;
	size_t k;
	const char *host = NULL, *rest = s;
	for (k = 0; k < 3; k++)
		if (strncmp(s, hosts[k][0], 3) == 0) {
			host = hosts[k][1];
			rest = s + 3;
		}
	slash = strrchr(rest, '/');
	at = strrchr(rest, '@');
	if (at && slash && at < slash)
		at = NULL; /* user@host in a URL */
	end = hash ? hash : at ? at : rest + strlen(rest);
	if (!host && !memmem(rest, (size_t)(end - rest), "://", 3))
		return 0; /* "name@version" of a package manager: nothing to fetch */
	d->git = crk_arena_printf(a, "%s%.*s", host ? host : "", (int)(end - rest), rest);
	if (hash)
		d->tag = crk_arena_strdup(a, hash + 1);
	else if (at) {
		d->version = crk_arena_strdup(a, at + 1);
		d->tag = crk_arena_printf(a, "v%s", at + 1);
	}
	if (!d->git || (hash && !d->tag) || (at && !hash && (!d->tag || !d->version)))
		return -1;
	slash = strrchr(d->git, '/');
	d->name = slash ? slash + 1 : d->git;
	return 0;
}

/* "https://github.com/o/r/archive/refs/tags/v1.2.tar.gz", ".../archive/v1.2.zip",
 * ".../releases/download/v1.2/x.tar.gz": owner, repo and tag. 1 found, 0 not, -1 ENOMEM. */
static int github_archive(struct crk_arena *a, const char *url, const char **owner,
			  const char **repo, const char **tag)
{
	static const char *const exts[] = {".tar.gz", ".tar.xz", ".tar.bz2", ".tgz", ".zip", NULL};
	const char *p, *s1, *s2, *t, *e = NULL;
	size_t k;
	if (strncmp(url, "https://github.com/", 19) == 0)
		p = url + 19;
	else if (strncmp(url, "http://github.com/", 18) == 0)
		p = url + 18;
	else
		return 0;
	if (!(s1 = strchr(p, '/')) || s1 == p || !(s2 = strchr(s1 + 1, '/')) || s2 == s1 + 1)
		return 0;
	t = s2 + 1;
	if (strncmp(t, "archive/", 8) == 0) {
		t += 8;
		if (strncmp(t, "refs/tags/", 10) == 0)
			t += 10;
		if (strchr(t, '/') || strpbrk(t, "?#"))
			return 0;
		for (k = 0; exts[k] && !e; k++) {
			size_t tl = strlen(t), el = strlen(exts[k]);
			if (tl > el && strcmp(t + tl - el, exts[k]) == 0)
				e = t + tl - el;
		}
	} else if (strncmp(t, "releases/download/", 18) == 0) {
		t += 18;
		e = strchr(t, '/');
	}
	if (!e || e == t)
		return 0;
	*owner = crk_arena_strndup(a, p, (size_t)(s1 - p));
	*repo = crk_arena_strndup(a, s1 + 1, (size_t)(s2 - s1 - 1));
	*tag = crk_arena_strndup(a, t, (size_t)(e - t));
	return *owner && *repo && *tag ? 1 : -1;
}

/* The version in a download's file name: "zlib-1.3.1.tar.gz" -> "1.3.1", "v2.0.zip" -> "2.0";
 * *stem receives the name before it ("zlib"), or NULL. */
static const char *url_version(struct crk_arena *a, const char *url, const char **stem)
{
	static const char *const exts[] = {".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tgz",
					   ".tbz2", ".txz", ".zip", ".7z", ".tar", NULL};
	const char *file, *q = strpbrk(url, "?#"), *end, *v = NULL, *p;
	size_t k;
	*stem = NULL;
	end = q ? q : url + strlen(url);
	for (file = end; file > url && file[-1] != '/'; file--)
		;
	for (k = 0; exts[k]; k++) {
		size_t el = strlen(exts[k]);
		if ((size_t)(end - file) > el && strncasecmp(end - el, exts[k], el) == 0) {
			end -= el;
			break;
		}
	}
	for (p = file; p < end; p++)
		if ((p == file || p[-1] == '-' || p[-1] == '_' ||
		     (p[-1] == 'v' && (p - 1 == file || p[-2] == '-' || p[-2] == '_'))) &&
		    *p >= '0' && *p <= '9') {
			v = p;
			break;
		}
	if (!v || end - v > 64)
		return NULL;
	p = v;
	if (p > file && p[-1] == 'v')
		p--;
	if (p > file && (p[-1] == '-' || p[-1] == '_'))
		p--;
	if (p > file)
		*stem = crk_arena_strndup(a, file, (size_t)(p - file));
	return crk_arena_strndup(a, v, (size_t)(end - v));
}

/* The clib.def project named `name` (its purl name or a pkg-config module), or NULL. */
static const struct crk_clib *clib_named(const char *name)
{
	const struct crk_clib *lib = crk_clib_by_pc(name, strlen(name));
	size_t k;
	for (k = 0; !lib && k < crk_clib_count; k++)
		if (strcasecmp(crk_clib_table[k].name, name) == 0)
			lib = &crk_clib_table[k];
	return lib;
}

static const char *cdx_alg(const char *cmake_alg, size_t n)
{
	static const char *const map[][2] = {
		{"MD5", "MD5"},         {"SHA1", "SHA-1"},       {"SHA256", "SHA-256"},
		{"SHA384", "SHA-384"},  {"SHA512", "SHA-512"},   {"SHA3_256", "SHA3-256"},
		{"SHA3_384", "SHA3-384"}, {"SHA3_512", "SHA3-512"},
	};
	size_t k;
	for (k = 0; k < sizeof(map) / sizeof(map[0]); k++)
		if (strlen(map[k][0]) == n && strncasecmp(cmake_alg, map[k][0], n) == 0)
			return map[k][1];
	return NULL;
}

static int unresolved(const char *s)
{
	return s && strstr(s, "${") != NULL;
}

static int report_dep(struct cm *c, struct dep *d, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = c->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_pkg pkg;
	struct crk_kv q[1], props[3];
	struct crk_hash hash;
	size_t np = 0, id;
	const char *what = d->git ? d->git : d->url ? d->url : d->svn ? d->svn : d->hg;
	int rc, nomem = 0;

	if (!what)
		return CRK_OK; /* SOURCE_DIR, or a find_package() fallback only */
	if (unresolved(what) || unresolved(d->tag) || !d->name || unresolved(d->name)) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, d->line, 0,
			       "'%s' uses a variable this file does not set ('%s'); not reported",
			       d->name ? d->name : "?", what);
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "generic", NULL);
	pkg.line = d->line;
	pkg.name = d->name;
	if (d->git) {
		if (crk_clib_git_pkg(ctx, &pkg, d->name, d->git, d->tag, q, props, &np))
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		if (!d->tag && d->version) {
			pkg.version = d->version;
			pkg.flags &= ~(unsigned)CRK_PKG_UNPINNED;
		}
	} else if (d->url) {
		const struct crk_clib *lib = NULL;
		const char *owner, *repo, *tag, *ver;
		int gh = github_archive(a, d->url, &owner, &repo, &tag);
		if (gh < 0)
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		pkg.flags |= CRK_PKG_URL;
		pkg.download_url = d->url;
		if (gh) {
			char *gurl = crk_arena_printf(a, "https://github.com/%s/%s", owner, repo);
			if (!gurl || crk_clib_git_pkg(ctx, &pkg, d->name, gurl, tag, q, props, &np))
				return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
			pkg.flags &= ~(unsigned)CRK_PKG_GIT;
			pkg.vcs_url = gurl;
			pkg.vcs_commit = crk_clib_is_commit(tag) ? tag : NULL;
		} else {
			const char *stem = NULL;
			ver = url_version(a, d->url, &stem);
			lib = clib_named(d->name);
			if (!lib && stem)
				lib = clib_named(stem);
			pkg.version = ver ? ver : d->version;
			if (lib) {
				const char *rv = crk_clib_release_version(pkg.version, lib->name, a,
									  &nomem);
				pkg.name = lib->name;
				if (rv)
					pkg.cpe = crk_clib_cpe(lib, rv, a, &nomem);
			}
		}
		if (d->hash || d->md5) {
			const char *h = d->hash ? d->hash : d->md5;
			const char *eq = d->hash ? strchr(h, '=') : NULL;
			const char *alg = d->hash ? (eq ? cdx_alg(h, (size_t)(eq - h)) : NULL) : "MD5";
			const char *val = eq ? eq + 1 : h;
			if (alg && *val && strspn(val, "0123456789abcdefABCDEF") == strlen(val)) {
				char *lv = crk_arena_strdup(a, val), *p;
				if (!lv)
					nomem = 1;
				for (p = lv; p && *p; p++)
					if (*p >= 'A' && *p <= 'F')
						*p = (char)(*p + ('a' - 'A'));
				hash.alg = alg;
				hash.value = lv;
				pkg.hashes = &hash;
				pkg.nhashes = lv ? 1 : 0;
			} else {
				props[np].key = "url_hash";
				props[np++].value = h;
			}
		}
	} else {
		/* Subversion or Mercurial */
		const char *rev = d->svn ? d->svnrev : d->hgtag;
		if (rev && strncmp(rev, "-r", 2) == 0 && rev[2])
			rev += 2; /* SVN_REVISION is an svn option: "-r1234" */
		const char *vcs = crk_arena_printf(a, "%s+%s%s%s", d->svn ? "svn" : "hg", what,
						   rev ? "@" : "", rev ? rev : "");
		if (!vcs)
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		q[0].key = "vcs_url";
		q[0].value = vcs;
		pkg.qualifiers = q;
		pkg.nqualifiers = 1;
		pkg.vcs_url = what;
		pkg.version = rev;
		pkg.flags |= rev ? 0 : CRK_PKG_UNPINNED;
	}
	if (nomem)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	pkg.props = props;
	pkg.nprops = np;
	if ((rc = crk_detect_add(ctx, &pkg, &id, err)) != CRK_OK)
		return rc;
	if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	return CRK_OK;
}

static int run_command(struct cm *c, const char *name, size_t nn, size_t off,
		       struct crk_err *err)
{
	struct dep d;
	if (crk_bytes_eq(name, nn, "set") || crk_bytes_eq(name, nn, "unset"))
		return do_set(c, nn == 5) ? cm_oom(c, err) : CRK_OK;
	memset(&d, 0, sizeof(d));
	d.line = crk_lines_line(&c->lines, off);
	d.off = off;
	if (nn == 20 && strncasecmp(name, "FetchContent_Declare", 20) == 0) {
		if (!c->nargs || keywords(c, 1, &d))
			return c->nargs ? cm_oom(c, err) : CRK_OK;
		d.name = c->args[0].s;
	} else if (nn == 19 && strncasecmp(name, "ExternalProject_Add", 19) == 0) {
		if (!c->nargs || keywords(c, 1, &d))
			return c->nargs ? cm_oom(c, err) : CRK_OK;
		d.name = c->args[0].s;
	} else if ((nn == 13 && strncasecmp(name, "CPMAddPackage", 13) == 0) ||
		   (nn == 14 && strncasecmp(name, "CPMFindPackage", 14) == 0) ||
		   (nn == 17 && strncasecmp(name, "CPMDeclarePackage", 17) == 0)) {
		size_t first = 0;
		if (!c->nargs)
			return CRK_OK;
		if (nn == 17) { /* CPMDeclarePackage(<name> ...) */
			d.name = c->args[0].s;
			first = 1;
		}
		if (c->nargs == first + 1) {
			if (cpm_shorthand(c, c->args[first].s, &d))
				return cm_oom(c, err);
		} else if (keywords(c, first, &d)) {
			return cm_oom(c, err);
		}
		if (d.git && !d.tag && d.version) {
			d.tag = crk_arena_printf(c->ctx->arena, "v%s", d.version);
			if (!d.tag)
				return cm_oom(c, err);
		}
	} else {
		return CRK_OK;
	}
	return report_dep(c, &d, err);
}

static int cmake_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct cm c;
	int rc = CRK_OK;

	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.b = ctx->buf;
	c.n = ctx->len;
	c.tmp = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_STRING);
	c.tmp2 = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_STRING);
	crk_map_init(&c.vars);
	if (crk_lines_init(&c.lines, ctx->buf, ctx->len)) {
		rc = cm_oom(&c, err);
		goto out;
	}
	{
		while (c.i < c.n) {
			char ch = c.b[c.i];
			size_t st, nn;
			if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
				c.i++;
				continue;
			}
			if (ch == '#') {
				if ((rc = skip_comment(&c, err)) != CRK_OK)
					goto out;
				continue;
			}
			if (!is_ident_start(ch)) {
				rc = cm_error(&c, c.i, err, "expected a command name");
				goto out;
			}
			st = c.i;
			while (c.i < c.n && is_ident(c.b[c.i]))
				c.i++;
			nn = c.i - st;
			while (c.i < c.n && (c.b[c.i] == ' ' || c.b[c.i] == '\t'))
				c.i++;
			if (c.i >= c.n || c.b[c.i] != '(') {
				rc = cm_error(&c, c.i, err, "expected '(' after the command name");
				goto out;
			}
			c.i++;
			if ((rc = read_args(&c, st, err)) != CRK_OK)
				goto out;
			if ((rc = run_command(&c, c.b + st, nn, st, err)) != CRK_OK)
				goto out;
		}
	}
out:
	crk_lines_release(&c.lines);
	crk_map_release(&c.vars);
	crk_strbuf_release(&c.tmp);
	crk_strbuf_release(&c.tmp2);
	return rc;
}

static const char *const cmake_names[] = {"CMakeLists.txt", NULL};

/* CMakeLists.txt and *.cmake, except what CMake generates or ships itself. */
static int cmake_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name);
	if (strcmp(name, "CMakeLists.txt") != 0 &&
	    !(nl > 6 && memcmp(name + nl - 6, ".cmake", 6) == 0))
		return 0;
	if (memmem(relpath, rellen, "_deps/", 6) || memmem(relpath, rellen, "CMakeFiles/", 11) ||
	    memmem(relpath, rellen, "share/cmake", 11))
		return 0;
	return 1;
}

const struct crk_detector crk_detector_cmake = {
	.name = "generic/cmake",
	.ecosystem = "C/C++",
	.names = cmake_names,
	.match = cmake_match,
	.parse = cmake_parse,
	.max_size = 0,
	.flags = 0,
	.doc = "CMakeLists.txt, *.cmake: FetchContent_Declare, ExternalProject_Add, CPMAddPackage",
};
