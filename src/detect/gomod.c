/*
 * gomod.c - Go modules: go.mod, and go.sum beside it.
 *
 * Format: the go.mod reference, https://go.dev/ref/mod#go-mod-file, whose grammar is the one of
 * golang.org/x/mod/modfile (read.go/rule.go), re-implemented here from the specification:
 *
 *   - a file is lines of tokens; `//` starts a comment running to the end of the line (no block
 *     comments); tokens are identifiers (any printable run without space, ( ) [ ] { } , or `//`),
 *     "interpreted" and `raw` strings (one line each), and the punctuation ( ) [ ] { } ,;
 *   - `verb args...` is a directive; `verb (` newline ... `)` is a block whose lines are directives
 *     of that verb; `verb ()` is an empty block;
 *   - verbs: module, go, toolchain, godebug, require, exclude, replace, retract, tool, ignore.
 *     Any other verb is an error ("unknown directive"), as the go command reports for the main
 *     module's go.mod;
 *   - versions must be valid semantic versions with a leading `v`; like modfile we accept the
 *     short forms and keep their canonical form (v1.2 -> v1.2.0, build metadata dropped except
 *     "+incompatible");
 *   - `require path version // indirect` marks a dependency the main module does not import
 *     itself (the comment may go on: "// indirect; reason");
 *   - `replace old [v] => new v` and `replace old [v] => ./local/dir`: a versioned replace applies
 *     to that version only and wins over an unversioned one.
 *
 * What is reported (what osv-scalibr reports for the same files, see docs/detectors/go.md):
 *   - every require, under its replacement when one applies (then at the replace line); a local
 *     directory replacement has no version and no purl (CRK_PKG_NO_PURL | CRK_PKG_LOCAL);
 *     replacements of modules that are not required are not components;
 *   - versions as go.mod writes them, with the `v` (pkg:golang/github.com/x/y@v1.2.3); the purl
 *     namespace is the module path up to its last '/', the name its last element;
 *   - the standard library as "stdlib", version from `toolchain go1.x.y` (suffix after '-' or '+'
 *     cut), else from `go 1.x`: vulnerability databases key Go standard library advisories on it;
 *   - direct requires (no `// indirect`) are edges from the product (CRK_BOM_ROOT). go.mod says
 *     nothing about which module needs which, so there are no other edges;
 *   - go.sum (named like the go.mod with .sum for .mod, as the go command pairs them): the `h1:`
 *     hash of each reported module@version becomes the property "go.sum.h1" (it hashes a summary
 *     of the module's file tree, not a downloadable file, so it is not a CycloneDX hash). For a
 *     module whose go directive is below 1.17 (or absent: go 1.16 semantics), go.mod does not list
 *     the indirect dependencies, so each go.sum module@version with a content hash (not a
 *     "/go.mod" line) whose path go.mod does not name is reported too, at its go.sum line.
 *     A go.sum that cannot be read or has malformed lines is a warning, never an error of go.mod.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define GOMOD_MAX_TOKENS 16 /* the longest directive (retract [a, b]) has 6 */

struct tok {
	const char *s; /* text, unquoted (in the buffer or the arena); not NUL-terminated */
	size_t n;
	size_t off;    /* where the token starts in the buffer */
	char kind;     /* 'i' identifier, 's' quoted string, or the punctuation character */
};

struct req {
	const char *path, *version; /* NUL-terminated, arena */
	unsigned line;
	int indirect;
	struct req *next;
};

struct repl {
	const char *old, *oldv, *newp, *newv; /* oldv, newv may be NULL */
	unsigned line;
	int local;
};

struct sumline {
	const char *path, *version, *hash;
	unsigned line;
	struct sumline *next;
};

struct gomod {
	struct crk_detect_ctx *ctx;
	struct req *reqs, **req_tail;
	struct crk_map repl;  /* "old" or "old version" -> struct repl (the last one wins) */
	struct crk_map sum;   /* "path version" -> h1 string, from go.sum */
	struct crk_map named; /* module paths go.mod names (required or replacement) */
	struct sumline *sums, **sum_tail;
	const char *sum_path; /* go.sum relative to the root, or NULL */
	const char *go;       /* go directive, NUL-terminated */
	unsigned go_line;
	const char *toolchain;
	unsigned toolchain_line;
	int have_module;
};

static char *adup(struct gomod *g, const char *s, size_t n)
{
	return crk_arena_strndup(g->ctx->arena, s, n);
}

static int oom(struct gomod *g, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, g->ctx->path, 0, 0, "out of memory");
}

/* ---- lexer ---- */

static int is_ident_byte(unsigned char c)
{
	switch (c) {
	case ' ': case '\t': case '\r': case '\n': case '(': case ')': case '[': case ']':
	case '{': case '}': case ',': case '"': case '`':
		return 0;
	default:
		return c >= 0x21 && c != 0x7f;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void put_utf8(struct crk_strbuf *sb, unsigned long r)
{
	char b[4];
	size_t n;
	if (r < 0x80) {
		b[0] = (char)r;
		n = 1;
	} else if (r < 0x800) {
		b[0] = (char)(0xc0 | (r >> 6));
		b[1] = (char)(0x80 | (r & 0x3f));
		n = 2;
	} else if (r < 0x10000) {
		b[0] = (char)(0xe0 | (r >> 12));
		b[1] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[2] = (char)(0x80 | (r & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (r >> 18));
		b[1] = (char)(0x80 | ((r >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[3] = (char)(0x80 | (r & 0x3f));
		n = 4;
	}
	crk_strbuf_add(sb, b, n);
}

/*
 * Decodes the Go interpreted string body [s, s+n) (escapes as in the Go specification) into the
 * arena. A NUL in the result is refused: names are C strings from here on. Returns 0, -1 when
 * malformed (*bad = offset of the bad escape within the body), -2 on ENOMEM.
 */
static int unquote(struct gomod *g, const char *s, size_t n, struct tok *t, size_t *bad)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i = 0;
	int rc = 0;
	while (i < n) {
		unsigned long r;
		size_t k, digits;
		if (s[i] != '\\') {
			if (s[i] == '\0') {
				*bad = i;
				rc = -1;
				goto out;
			}
			crk_strbuf_addch(&sb, s[i++]);
			continue;
		}
		*bad = i;
		if (i + 1 >= n) {
			rc = -1;
			goto out;
		}
		switch (s[i + 1]) {
		case 'a': r = 7; break;
		case 'b': r = 8; break;
		case 'f': r = 12; break;
		case 'n': r = 10; break;
		case 'r': r = 13; break;
		case 't': r = 9; break;
		case 'v': r = 11; break;
		case '\\': r = '\\'; break;
		case '"': r = '"'; break;
		case 'x': case 'u': case 'U':
			digits = s[i + 1] == 'x' ? 2 : s[i + 1] == 'u' ? 4 : 8;
			if (n - i - 2 < digits) {
				rc = -1;
				goto out;
			}
			for (r = 0, k = 0; k < digits; k++) {
				int h = hexval(s[i + 2 + k]);
				if (h < 0) {
					rc = -1;
					goto out;
				}
				r = r * 16 + (unsigned long)h;
			}
			if (r == 0 || (s[i + 1] != 'x' && (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)))) {
				rc = -1;
				goto out;
			}
			if (s[i + 1] == 'x')
				crk_strbuf_addch(&sb, (char)r);
			else
				put_utf8(&sb, r);
			i += 2 + digits;
			continue;
		default:
			if (s[i + 1] >= '0' && s[i + 1] <= '7') {
				if (n - i - 1 < 3) {
					rc = -1;
					goto out;
				}
				for (r = 0, k = 0; k < 3; k++) {
					char c = s[i + 1 + k];
					if (c < '0' || c > '7') {
						rc = -1;
						goto out;
					}
					r = r * 8 + (unsigned long)(c - '0');
				}
				if (r == 0 || r > 255) {
					rc = -1;
					goto out;
				}
				crk_strbuf_addch(&sb, (char)r);
				i += 4;
				continue;
			}
			rc = -1;
			goto out;
		}
		crk_strbuf_addch(&sb, (char)r);
		i += 2;
	}
	if (!crk_strbuf_ok(&sb)) {
		rc = -2;
		goto out;
	}
	t->s = adup(g, sb.buf, sb.len);
	t->n = sb.len;
	if (!t->s)
		rc = -2;
out:
	crk_strbuf_release(&sb);
	return rc;
}

/*
 * Splits the line [b, e) into tokens. *comment receives the text after "//" (or NULL).
 * Returns CRK_OK or an error set at the offending byte.
 */
static int lex_line(struct gomod *g, size_t b, size_t e, struct tok *toks, size_t *ntoks,
		    const char **comment, size_t *clen, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	const char *buf = ctx->buf;
	size_t i = b;
	*ntoks = 0;
	*comment = NULL;
	*clen = 0;
	while (i < e) {
		unsigned char c = (unsigned char)buf[i];
		struct tok t;
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < e && buf[i + 1] == '/') {
			*comment = buf + i + 2;
			*clen = e - i - 2;
			return CRK_OK;
		}
		if (c == '/' && i + 1 < e && buf[i + 1] == '*')
			return crk_detect_error_at(ctx, i, err, "go.mod files must use // comments");
		if (*ntoks == GOMOD_MAX_TOKENS)
			return crk_detect_error_at(ctx, i, err, "too many fields on one line");
		t.off = i;
		if (c == '"' || c == '`') {
			size_t j = i + 1, bad = 0;
			int esc = 0, rc;
			while (j < e && buf[j] != (char)c) {
				if (c == '"' && buf[j] == '\\') {
					esc = 1;
					j++;
				}
				j++;
			}
			if (j >= e)
				return crk_detect_error_at(ctx, i, err, "unterminated quoted string");
			t.kind = 's';
			if (!esc) {
				if (memchr(buf + i + 1, '\0', j - i - 1))
					return crk_detect_error_at(ctx, i, err,
								   "NUL byte in quoted string");
				t.s = buf + i + 1;
				t.n = j - i - 1;
			} else {
				rc = unquote(g, buf + i + 1, j - i - 1, &t, &bad);
				if (rc == -2)
					return oom(g, err);
				if (rc)
					return crk_detect_error_at(ctx, i + 1 + bad, err,
								   "invalid escape in quoted string");
			}
			i = j + 1;
		} else if (c && strchr("()[]{},", (int)c)) {
			t.kind = (char)c;
			t.s = buf + i;
			t.n = 1;
			i++;
		} else if (is_ident_byte(c)) {
			size_t j = i;
			while (j < e && is_ident_byte((unsigned char)buf[j]) &&
			       !(buf[j] == '/' && j + 1 < e && buf[j + 1] == '/'))
				j++;
			t.kind = 'i';
			t.s = buf + i;
			t.n = j - i;
			i = j;
		} else {
			return crk_detect_error_at(ctx, i, err, "unexpected character 0x%02x", c);
		}
		toks[(*ntoks)++] = t;
	}
	return CRK_OK;
}

/* ---- versions ---- */

/* Parses a decimal without leading zeros; returns the length or 0. */
static size_t num_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 1 && s[0] == '0')
		return 0;
	return i;
}

static int is_alnum_hyphen(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '-';
}

/* Dot-separated identifiers of [0-9A-Za-z-]; numeric ones without leading zeros when `pre`.
 * Returns the length consumed (>0), or 0 when malformed. */
static size_t ident_list_len(const char *s, size_t n, int pre)
{
	size_t i = 0;
	for (;;) {
		size_t st = i;
		int numeric = 1;
		while (i < n && is_alnum_hyphen(s[i])) {
			if (s[i] < '0' || s[i] > '9')
				numeric = 0;
			i++;
		}
		if (i == st)
			return 0;
		if (pre && numeric && i - st > 1 && s[st] == '0')
			return 0;
		if (i < n && s[i] == '.') {
			i++;
			continue;
		}
		return i;
	}
}

/*
 * The canonical form of a Go module version (golang.org/x/mod/module.CanonicalVersion), or NULL
 * when [s, s+n) is not a valid semantic version with a leading 'v'.
 */
static const char *canon_version(struct gomod *g, const char *s, size_t n, int *enomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i = 1, l, parts = 0, pre_at = 0, pre_n = 0;
	const char *res;
	*enomem = 0;
	if (n < 2 || s[0] != 'v')
		return NULL;
	crk_strbuf_addch(&sb, 'v');
	for (;;) {
		l = num_len(s + i, n - i);
		if (!l)
			goto bad;
		if (parts)
			crk_strbuf_addch(&sb, '.');
		crk_strbuf_add(&sb, s + i, l);
		i += l;
		parts++;
		if (parts < 3 && i < n && s[i] == '.') {
			i++;
			continue;
		}
		break;
	}
	if (parts < 3) {
		if (i != n)
			goto bad;
		crk_strbuf_adds(&sb, parts == 1 ? ".0.0" : ".0");
	} else {
		if (i < n && s[i] == '-') {
			l = ident_list_len(s + i + 1, n - i - 1, 1);
			if (!l)
				goto bad;
			pre_at = i;
			pre_n = l + 1;
			i += pre_n;
		}
		crk_strbuf_add(&sb, s + pre_at, pre_n);
		if (i < n && s[i] == '+') {
			l = ident_list_len(s + i + 1, n - i - 1, 0);
			if (!l)
				goto bad;
			if (crk_bytes_eq(s + i, l + 1, "+incompatible"))
				crk_strbuf_adds(&sb, "+incompatible");
			i += l + 1;
		}
		if (i != n)
			goto bad;
	}
	if (!crk_strbuf_ok(&sb)) {
		*enomem = 1;
		goto bad;
	}
	res = adup(g, sb.buf, sb.len);
	if (!res)
		*enomem = 1;
	crk_strbuf_release(&sb);
	return res;
bad:
	crk_strbuf_release(&sb);
	return NULL;
}

static int version_arg(struct gomod *g, const struct tok *t, const char *path, const char **out,
		       struct crk_err *err)
{
	int enomem;
	*out = canon_version(g, t->s, t->n, &enomem);
	if (enomem)
		return oom(g, err);
	if (!*out)
		return crk_detect_error_at(g->ctx, t->off, err,
					   "invalid version '%.*s' of %s: must be of the form v1.2.3",
					   (int)(t->n > 200 ? 200 : t->n), t->s, path);
	return CRK_OK;
}

/* `go` directive versions: 1.N, 1.N.P, 1.NrcK (go/version.IsValid as modfile's GoVersionRE). */
static int valid_go_version(const char *s, size_t n)
{
	size_t i = 0, l, parts = 0;
	for (;;) {
		l = num_len(s + i, n - i);
		if (!l || (parts == 0 && s[i] == '0'))
			return 0;
		i += l;
		parts++;
		if (parts < 3 && i < n && s[i] == '.') {
			i++;
			continue;
		}
		break;
	}
	if (parts < 2)
		return 0;
	if (i < n) {
		size_t st = i;
		while (i < n && s[i] >= 'a' && s[i] <= 'z')
			i++;
		if (i == st || i == n)
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/* A replacement target that is a directory rather than a module path (modfile.IsDirectoryPath). */
static int is_dir_path(const char *s, size_t n)
{
	return crk_bytes_prefix(s, n, "./") || crk_bytes_prefix(s, n, "../") ||
	       crk_bytes_prefix(s, n, "/") || crk_bytes_prefix(s, n, ".\\") ||
	       crk_bytes_prefix(s, n, "..\\") || crk_bytes_eq(s, n, ".") || crk_bytes_eq(s, n, "..") ||
	       (n >= 3 && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) &&
		s[1] == ':' && (s[2] == '\\' || s[2] == '/'));
}

/* ---- directives ---- */

static int is_word(const struct tok *t)
{
	return t->kind == 'i' || t->kind == 's';
}

static int usage(struct gomod *g, const struct tok *verb, const char *what, struct crk_err *err)
{
	return crk_detect_error_at(g->ctx, verb->off, err, "usage: %s", what);
}

static int path_arg(struct gomod *g, const struct tok *t, const char **out, struct crk_err *err)
{
	if (!t->n)
		return crk_detect_error_at(g->ctx, t->off, err, "empty module path");
	*out = adup(g, t->s, t->n);
	return *out ? CRK_OK : oom(g, err);
}

static int is_indirect(const char *c, size_t n)
{
	crk_bytes_trim(&c, &n);
	return crk_bytes_eq(c, n, "indirect") || crk_bytes_prefix(c, n, "indirect;");
}

static int directive(struct gomod *g, const struct tok *verb, const struct tok *a, size_t na,
		     unsigned line, const char *comment, size_t clen, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	size_t i;
	int rc;

	for (i = 0; i < na; i++)
		if (!is_word(&a[i]) && !(crk_bytes_eq(verb->s, verb->n, "retract") &&
					 verb->kind == 'i'))
			return crk_detect_error_at(ctx, a[i].off, err, "unexpected '%c'", a[i].kind);
	if (verb->kind != 'i')
		return crk_detect_error_at(ctx, verb->off, err, "unexpected %s",
					   verb->kind == 's' ? "quoted string" : "punctuation");

	if (crk_bytes_eq(verb->s, verb->n, "module")) {
		if (g->have_module)
			return crk_detect_error_at(ctx, verb->off, err, "repeated module statement");
		if (na != 1)
			return usage(g, verb, "module module/path", err);
		g->have_module = 1;
		return CRK_OK;
	}
	if (crk_bytes_eq(verb->s, verb->n, "go")) {
		if (g->go)
			return crk_detect_error_at(ctx, verb->off, err, "repeated go statement");
		if (na != 1)
			return usage(g, verb, "go 1.23", err);
		if (!valid_go_version(a[0].s, a[0].n))
			return crk_detect_error_at(ctx, a[0].off, err,
						   "invalid go version '%.*s': must match format 1.23.0",
						   (int)(a[0].n > 200 ? 200 : a[0].n), a[0].s);
		g->go = adup(g, a[0].s, a[0].n);
		g->go_line = line;
		return g->go ? CRK_OK : oom(g, err);
	}
	if (crk_bytes_eq(verb->s, verb->n, "toolchain")) {
		if (g->toolchain)
			return crk_detect_error_at(ctx, verb->off, err, "repeated toolchain statement");
		if (na != 1)
			return usage(g, verb, "toolchain go1.23.0", err);
		if (!crk_bytes_eq(a[0].s, a[0].n, "default") &&
		    !(crk_bytes_prefix(a[0].s, a[0].n, "go1") &&
		      (a[0].n == 3 || a[0].s[3] == '.')))
			return crk_detect_error_at(ctx, a[0].off, err,
						   "invalid toolchain '%.*s': must be go1.23.0 or default",
						   (int)(a[0].n > 200 ? 200 : a[0].n), a[0].s);
		g->toolchain = adup(g, a[0].s, a[0].n);
		g->toolchain_line = line;
		return g->toolchain ? CRK_OK : oom(g, err);
	}
	if (crk_bytes_eq(verb->s, verb->n, "require")) {
		struct req *r;
		if (na != 2)
			return usage(g, verb, "require module/path v1.2.3", err);
		r = crk_arena_alloc(ctx->arena, sizeof(*r));
		if (!r)
			return oom(g, err);
		if ((rc = path_arg(g, &a[0], &r->path, err)) ||
		    (rc = version_arg(g, &a[1], r->path, &r->version, err)))
			return rc;
		r->line = line;
		r->indirect = comment && is_indirect(comment, clen);
		*g->req_tail = r;
		g->req_tail = &r->next;
		return CRK_OK;
	}
	if (crk_bytes_eq(verb->s, verb->n, "exclude")) {
		const char *p, *v;
		if (na != 2)
			return usage(g, verb, "exclude module/path v1.2.3", err);
		if ((rc = path_arg(g, &a[0], &p, err)) || (rc = version_arg(g, &a[1], p, &v, err)))
			return rc;
		return CRK_OK; /* an excluded version is never selected: nothing to report */
	}
	if (crk_bytes_eq(verb->s, verb->n, "replace")) {
		static const char use[] = "replace module/path [v1.2.3] => other/module v1.4\n"
					  "\t or replace module/path [v1.2.3] => ../local/directory";
		struct repl *r;
		const char *key;
		size_t arrow = 2;
		if (na >= 2 && crk_bytes_eq(a[1].s, a[1].n, "=>") && a[1].kind == 'i')
			arrow = 1;
		if (na < arrow + 2 || na > arrow + 3 || !crk_bytes_eq(a[arrow].s, a[arrow].n, "=>") ||
		    a[arrow].kind != 'i')
			return usage(g, verb, use, err);
		r = crk_arena_alloc(ctx->arena, sizeof(*r));
		if (!r)
			return oom(g, err);
		if ((rc = path_arg(g, &a[0], &r->old, err)))
			return rc;
		if (arrow == 2 && (rc = version_arg(g, &a[1], r->old, &r->oldv, err)))
			return rc;
		if ((rc = path_arg(g, &a[arrow + 1], &r->newp, err)))
			return rc;
		r->local = is_dir_path(a[arrow + 1].s, a[arrow + 1].n);
		if (na == arrow + 3) {
			if (r->local)
				return crk_detect_error_at(ctx, a[arrow + 2].off, err,
							   "replacement directory '%s' must not have a "
							   "version", r->newp);
			if ((rc = version_arg(g, &a[arrow + 2], r->newp, &r->newv, err)))
				return rc;
		} else if (!r->local) {
			return crk_detect_error_at(ctx, a[arrow + 1].off, err,
						   "replacement module '%s' without version must be a "
						   "directory path (rooted or starting with ./ or ../)",
						   r->newp);
		}
		r->line = line;
		key = r->oldv ? crk_arena_printf(ctx->arena, "%s %s", r->old, r->oldv) : r->old;
		if (!key || crk_map_put(&g->repl, key, strlen(key), r))
			return oom(g, err);
		return CRK_OK;
	}
	if (crk_bytes_eq(verb->s, verb->n, "retract")) {
		/* retract v1.2.3 | retract [v1.0.0, v1.9.9]: about the main module's own versions */
		const char *v;
		if (na == 1 && is_word(&a[0]))
			return version_arg(g, &a[0], "the retraction", &v, err);
		if (na == 5 && a[0].kind == '[' && is_word(&a[1]) && a[2].kind == ',' &&
		    is_word(&a[3]) && a[4].kind == ']') {
			if ((rc = version_arg(g, &a[1], "the retraction", &v, err)))
				return rc;
			return version_arg(g, &a[3], "the retraction", &v, err);
		}
		return usage(g, verb, "retract v1.2.3 or retract [v1.2.3, v1.3.0]", err);
	}
	if (crk_bytes_eq(verb->s, verb->n, "godebug")) {
		if (na != 1 || !memchr(a[0].s, '=', a[0].n))
			return usage(g, verb, "godebug key=value", err);
		return CRK_OK;
	}
	if (crk_bytes_eq(verb->s, verb->n, "tool") || crk_bytes_eq(verb->s, verb->n, "ignore")) {
		if (na != 1)
			return usage(g, verb, crk_bytes_eq(verb->s, verb->n, "tool")
				     ? "tool module/path/cmd" : "ignore ./path", err);
		return CRK_OK;
	}
	return crk_detect_error_at(ctx, verb->off, err, "unknown directive: %.*s",
				   (int)(verb->n > 200 ? 200 : verb->n), verb->s);
}

static int parse_mod(struct gomod *g, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	struct tok toks[GOMOD_MAX_TOKENS], block_verb;
	size_t pos = 0, block_off = 0;
	unsigned line = 0;
	int in_block = 0, rc;

	memset(&block_verb, 0, sizeof(block_verb));
	while (pos < ctx->len) {
		const char *nl = memchr(ctx->buf + pos, '\n', ctx->len - pos);
		size_t end = nl ? (size_t)(nl - ctx->buf) : ctx->len, nt;
		const char *comment;
		size_t clen;

		line++;
		rc = lex_line(g, pos, end, toks, &nt, &comment, &clen, err);
		pos = nl ? end + 1 : end;
		if (rc)
			return rc;
		if (!nt)
			continue;
		if (in_block) {
			if (toks[0].kind == ')') {
				if (nt != 1)
					return crk_detect_error_at(ctx, toks[1].off, err,
								   "unexpected text after ')'");
				in_block = 0;
				continue;
			}
			if (toks[0].kind == '(' || (nt > 1 && toks[nt - 1].kind == '('))
				return crk_detect_error_at(ctx, toks[0].off, err,
							   "nested block in '%.*s' block",
							   (int)block_verb.n, block_verb.s);
			rc = directive(g, &block_verb, toks, nt, line, comment, clen, err);
			if (rc)
				return rc;
			continue;
		}
		if (toks[0].kind != 'i')
			return crk_detect_error_at(ctx, toks[0].off, err, "unexpected '%.*s'",
						   (int)(toks[0].n > 200 ? 200 : toks[0].n), toks[0].s);
		if (nt >= 2 && toks[1].kind == '(') {
			if (nt == 3 && toks[2].kind == ')')
				continue; /* verb () */
			if (nt != 2)
				return crk_detect_error_at(ctx, toks[2].off, err,
							   "unexpected text after '('");
			in_block = 1;
			block_verb = toks[0];
			block_off = toks[0].off;
			continue;
		}
		rc = directive(g, &toks[0], toks + 1, nt - 1, line, comment, clen, err);
		if (rc)
			return rc;
	}
	if (in_block)
		return crk_detect_error_at(ctx, block_off, err, "unterminated '%.*s' block",
					   (int)block_verb.n, block_verb.s);
	return CRK_OK;
}

/* ---- go.sum ---- */

/* "go.sum" for "go.mod", "x.sum" for "x.mod" (the pairing the go command and peers use). */
static const char *sum_name(struct gomod *g)
{
	const char *n = g->ctx->name ? g->ctx->name : "go.mod";
	size_t l = strlen(n);
	if (l > 4 && memcmp(n + l - 4, ".mod", 4) == 0)
		return crk_arena_printf(g->ctx->arena, "%.*s.sum", (int)(l - 4), n);
	return "go.sum";
}

static int read_sum(struct gomod *g, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	struct crk_line_iter it;
	struct crk_err e;
	const char *buf, *rel, *name = sum_name(g), *line;
	size_t len, n, bad = 0;
	unsigned first_bad = 0;
	int rc;

	if (!name)
		return oom(g, err);
	rc = crk_detect_read(ctx, name, CRK_MAX_FILE_SIZE, &buf, &len, &rel, &e);
	if (rc == CRK_ENOTFOUND)
		return CRK_OK;
	if (rc == CRK_ENOMEM)
		return oom(g, err);
	if (rc) {
		crk_diags_add(ctx->diags, &e);
		return CRK_OK;
	}
	g->sum_path = rel ? rel : name;
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		const char *f[3];
		size_t fl[3], k = 0, i = 0;
		struct sumline *s;
		char *key;
		while (i < n) {
			size_t st;
			while (i < n && (line[i] == ' ' || line[i] == '\t'))
				i++;
			if (i == n)
				break;
			st = i;
			while (i < n && line[i] != ' ' && line[i] != '\t')
				i++;
			if (k == 3) {
				k = 4;
				break;
			}
			f[k] = line + st;
			fl[k++] = i - st;
		}
		if (k == 0)
			continue;
		if (k != 3 || !crk_bytes_prefix(f[2], fl[2], "h1:") || memchr(line, '\0', n)) {
			if (!bad++)
				first_bad = it.lineno;
			continue;
		}
		if (fl[1] > 7 && memcmp(f[1] + fl[1] - 7, "/go.mod", 7) == 0)
			continue; /* the hash of the module's go.mod file alone */
		s = crk_arena_alloc(ctx->arena, sizeof(*s));
		key = crk_arena_printf(ctx->arena, "%.*s %.*s", (int)fl[0], f[0], (int)fl[1], f[1]);
		if (!s || !key)
			return oom(g, err);
		s->path = adup(g, f[0], fl[0]);
		s->version = adup(g, f[1], fl[1]);
		s->hash = adup(g, f[2], fl[2]);
		if (!s->path || !s->version || !s->hash)
			return oom(g, err);
		s->line = it.lineno;
		if (crk_map_put(&g->sum, key, strlen(key), (void *)s->hash))
			return oom(g, err);
		*g->sum_tail = s;
		g->sum_tail = &s->next;
	}
	if (bad)
		crk_diags_addf(ctx->diags, CRK_EPARSE, g->sum_path, first_bad, 1,
			       "%zu malformed go.sum line%s ignored", bad, bad == 1 ? "" : "s");
	return CRK_OK;
}

/* ---- components ---- */

/* Fills ns/name from a module path: namespace up to the last '/', name after it. */
static int split_path(struct gomod *g, struct crk_pkg *pkg, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path || !slash[1]) {
		pkg->ns = NULL;
		pkg->name = path;
		return CRK_OK;
	}
	pkg->ns = adup(g, path, (size_t)(slash - path));
	pkg->name = slash + 1;
	return pkg->ns ? CRK_OK : CRK_ENOMEM;
}

static int add_module(struct gomod *g, const char *path, const char *version, unsigned line,
		      int local, int direct, const char *file, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	struct crk_pkg pkg;
	struct crk_kv prop;
	size_t id;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, "golang", "Go");
	if (file)
		pkg.path = file;
	pkg.line = line;
	if (local) {
		pkg.name = path;
		pkg.flags = CRK_PKG_NO_PURL | CRK_PKG_LOCAL;
	} else {
		const char *key = crk_arena_printf(ctx->arena, "%s %s", path, version);
		const char *h1;
		if (!key || split_path(g, &pkg, path))
			return oom(g, err);
		pkg.version = version;
		h1 = crk_map_get(&g->sum, key, strlen(key));
		if (h1) {
			prop.key = "go.sum.h1";
			prop.value = h1;
			pkg.props = &prop;
			pkg.nprops = 1;
		}
	}
	rc = crk_detect_add(ctx, &pkg, &id, err);
	if (rc)
		return rc;
	if (direct && id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		return oom(g, err);
	return CRK_OK;
}

static int mark_named(struct gomod *g, const char *path, struct crk_err *err)
{
	return crk_map_put(&g->named, path, strlen(path), (void *)path) ? oom(g, err) : CRK_OK;
}

/* go 1.16 and older (or no go directive): go.mod lists only some of the build list. */
static int before_go117(const char *go)
{
	unsigned long minor = 0;
	size_t l, i;
	if (!go)
		return 1;
	if (!crk_bytes_prefix(go, strlen(go), "1."))
		return 0;
	l = num_len(go + 2, strlen(go + 2));
	if (!l || l > 6)
		return 0;
	for (i = 0; i < l; i++)
		minor = minor * 10 + (unsigned long)(go[2 + i] - '0');
	return minor < 17;
}

static int add_stdlib(struct gomod *g, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	const char *v = NULL;
	unsigned line = 0;
	struct crk_pkg pkg;
	size_t id;
	int rc;

	if (g->toolchain && crk_bytes_prefix(g->toolchain, strlen(g->toolchain), "go")) {
		const char *t = g->toolchain + 2;
		v = adup(g, t, strcspn(t, "-+"));
		line = g->toolchain_line;
	} else if (g->go) {
		v = g->go;
		line = g->go_line;
	}
	if (!v && (g->go || g->toolchain))
		return oom(g, err);
	if (!v || !*v)
		return CRK_OK;
	crk_detect_pkg_init(ctx, &pkg, "golang", "Go");
	pkg.name = "stdlib";
	pkg.version = v;
	pkg.line = line;
	rc = crk_detect_add(ctx, &pkg, &id, err);
	if (rc)
		return rc;
	if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		return oom(g, err);
	return CRK_OK;
}

static int report(struct gomod *g, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = g->ctx;
	struct req *r;
	int rc;

	for (r = g->reqs; r; r = r->next) {
		const char *key = crk_arena_printf(ctx->arena, "%s %s", r->path, r->version);
		struct repl *p;
		if (!key)
			return oom(g, err);
		p = crk_map_get(&g->repl, key, strlen(key));
		if (!p)
			p = crk_map_get(&g->repl, r->path, strlen(r->path));
		if ((rc = mark_named(g, r->path, err)))
			return rc;
		if (p) {
			if ((rc = mark_named(g, p->newp, err)) ||
			    (rc = add_module(g, p->newp, p->newv, p->line, p->local, !r->indirect,
					     NULL, err)))
				return rc;
		} else if ((rc = add_module(g, r->path, r->version, r->line, 0, !r->indirect, NULL,
					    err))) {
			return rc;
		}
	}
	if ((rc = add_stdlib(g, err)))
		return rc;
	if (before_go117(g->go)) {
		struct sumline *s;
		for (s = g->sums; s; s = s->next) {
			if (crk_map_get(&g->named, s->path, strlen(s->path)))
				continue;
			if ((rc = add_module(g, s->path, s->version, s->line, 0, 0, g->sum_path, err)))
				return rc;
		}
	}
	return CRK_OK;
}

static int gomod_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct gomod g;
	int rc;

	memset(&g, 0, sizeof(g));
	g.ctx = ctx;
	g.req_tail = &g.reqs;
	g.sum_tail = &g.sums;
	crk_map_init(&g.repl);
	crk_map_init(&g.sum);
	crk_map_init(&g.named);
	rc = parse_mod(&g, err);
	if (!rc)
		rc = read_sum(&g, err);
	if (!rc)
		rc = report(&g, err);
	crk_map_release(&g.repl);
	crk_map_release(&g.sum);
	crk_map_release(&g.named);
	return rc;
}

static const char *const gomod_names[] = {"go.mod", NULL};

const struct crk_detector crk_detector_gomod = {
	.name = "go/go-mod",
	.ecosystem = "Go",
	.names = gomod_names,
	.parse = gomod_parse,
	.doc = "go.mod, with go.sum beside it",
};
