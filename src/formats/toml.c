/*
 * toml.c - TOML 1.0.0 parser; see toml.h for what it accepts.
 *
 * Spec: https://toml.io/en/v1.0.0 (and its ABNF, toml.abnf). One pass over the bytes with a
 * position and the current line (for node positions); errors compute line:col afresh. Tables keep
 * their entries in document order and get an arena hash index once they pass INDEX_MIN entries, so
 * a lookup is O(1) however large the table ([metadata.files] of old poetry.lock files has one
 * entry per package).
 *
 * The definition rules follow the spec's prose, which the ABNF cannot express. Each table carries
 * flags: EXPLICIT (named by a [header], or an element of [[array]]), DOTTED (made or extended by
 * dotted keys, with the id of the section that did so), INLINE (an inline table: closed). Arrays
 * carry STATIC (written as a value) or AOT (made by [[header]]). Then:
 *  - [a] fails when a exists and is not a table that only exists implicitly (named as the parent
 *    of a longer header); [[a]] fails unless a is absent or an AOT array;
 *  - a header walks through tables and the last element of AOT arrays, never into an inline table
 *    or a static array;
 *  - a dotted key walks through tables made implicitly, or by dotted keys of the same section
 *    (or inline table), never through an EXPLICIT, INLINE or non-table value;
 *  - a key is defined once per table.
 * These match the rulings of the toml-test suite (e.g. table/append-with-dotted-keys-*,
 * table/duplicate-key-dotted-table, inline-table/overwrite-*).
 */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "formats/toml.h"
#include "base/banned.h"

enum {
	F_EXPLICIT = 1 << 0,
	F_DOTTED = 1 << 1,
	F_INLINE = 1 << 2,
	F_STATIC = 1 << 3,
	F_AOT = 1 << 4,
};

#define INDEX_MIN 8

struct seg {
	const char *s; /* decoded key part (not NUL-terminated for bare keys) */
	size_t n;
	size_t off; /* where it is written */
};

struct parser {
	const char *buf;
	size_t len, pos;
	unsigned line;     /* 1-based line of `pos` */
	size_t line_start; /* offset of the first byte of that line */
	const char *origin;
	struct crk_arena *a;
	struct crk_err *err;
	unsigned next_section;
	struct seg segs[CRK_MAX_DEPTH];
	size_t nsegs;
};

/* ---- errors and positions ---- */

__attribute__((format(printf, 4, 5))) static int fail(struct parser *p, int code, size_t off,
						       const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;
	if (off > p->len)
		off = p->len;
	crk_linecol(p->buf, p->len, off, &line, &col);
	va_start(ap, fmt);
	crk_err_vset(p->err, code, p->origin, line, col, fmt, ap);
	va_end(ap);
	return code;
}

static int oom(struct parser *p)
{
	return crk_err_set(p->err, CRK_ENOMEM, p->origin, 0, 0, "out of memory");
}

/* A short description of the byte at `off` for messages: 'x', '\x01', end of file, newline. */
static const char *what_at(struct parser *p, size_t off, char tmp[8])
{
	unsigned char c;
	if (off >= p->len)
		return "end of file";
	c = (unsigned char)p->buf[off];
	if (c == '\n' || (c == '\r' && off + 1 < p->len && p->buf[off + 1] == '\n'))
		return "end of line";
	if (c >= 0x21 && c < 0x7f && c != '\'') {
		tmp[0] = '\'';
		tmp[1] = (char)c;
		tmp[2] = '\'';
		tmp[3] = '\0';
	} else {
		snprintf(tmp, 8, "0x%02x", c);
	}
	return tmp;
}

static void pos_of(struct parser *p, size_t off, unsigned *line, unsigned *col)
{
	if (off >= p->line_start) {
		*line = p->line;
		*col = (unsigned)(off - p->line_start + 1);
	} else {
		crk_linecol(p->buf, p->len, off, line, col);
	}
}

/* Moves pos to `to`, counting the newlines crossed. */
static void advance_to(struct parser *p, size_t to)
{
	const char *s = p->buf + p->pos, *end = p->buf + to, *nl;
	while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		p->line++;
		p->line_start = (size_t)(nl - p->buf) + 1;
		s = nl + 1;
	}
	p->pos = to;
}

/* ---- characters ---- */

static int peek(struct parser *p, size_t ahead)
{
	return p->pos + ahead < p->len ? (unsigned char)p->buf[p->pos + ahead] : -1;
}

static int is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->buf[p->pos] == ' ' || p->buf[p->pos] == '\t'))
		p->pos++;
}

/* 1 when a newline ("\n" or "\r\n") starts at pos. */
static int at_newline(struct parser *p)
{
	int c = peek(p, 0);
	return c == '\n' || (c == '\r' && peek(p, 1) == '\n');
}

static void eat_newline(struct parser *p)
{
	if (peek(p, 0) == '\r')
		p->pos++;
	p->pos++;
	p->line++;
	p->line_start = p->pos;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one (overlong forms,
 * surrogates and code points past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t need, i;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

static size_t utf8_put(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Checks the non-ASCII or control byte at `i` of a comment or string body; returns the length of
 * the character, or 0 after setting the error. `nl_ok`: newlines belong to the body. */
static size_t check_char(struct parser *p, size_t i, size_t end, int nl_ok, const char *where)
{
	unsigned char c = (unsigned char)p->buf[i];
	size_t n;
	if (c == '\t' || (c >= 0x20 && c < 0x7f))
		return 1;
	if (nl_ok && c == '\n')
		return 1;
	if (nl_ok && c == '\r' && i + 1 < end && p->buf[i + 1] == '\n')
		return 2;
	if (c < 0x80) {
		fail(p, CRK_EPARSE, i, "control character 0x%02x in %s", c, where);
		return 0;
	}
	n = utf8_seq((const unsigned char *)p->buf + i, end - i);
	if (!n)
		fail(p, CRK_EPARSE, i, "invalid UTF-8 in %s", where);
	return n;
}

static int skip_comment(struct parser *p)
{
	size_t i = p->pos + 1, n;
	while (i < p->len && p->buf[i] != '\n') {
		if (p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n')
			break;
		n = check_char(p, i, p->len, 0, "comment");
		if (!n)
			return p->err ? p->err->code : CRK_EPARSE;
		i += n;
	}
	p->pos = i;
	return CRK_OK;
}

/* Skips white space, newlines and comments (inside arrays). */
static int skip_ws_nl(struct parser *p)
{
	int rc;
	for (;;) {
		skip_ws(p);
		if (at_newline(p)) {
			eat_newline(p);
		} else if (peek(p, 0) == '#') {
			if ((rc = skip_comment(p)) != CRK_OK)
				return rc;
		} else {
			return CRK_OK;
		}
	}
}

/* ---- nodes ---- */

static struct crk_toml_node *new_node(struct parser *p, enum crk_toml_type t, size_t off,
				      unsigned depth)
{
	struct crk_toml_node *n = crk_arena_alloc(p->a, sizeof(*n));
	if (!n)
		return NULL;
	n->type = t;
	pos_of(p, off, &n->line, &n->col);
	n->depth = (unsigned short)depth;
	return n;
}

static const struct crk_toml_kv *tab_find(const struct crk_toml_node *t, const char *k, size_t n)
{
	size_t i;
	if (t->u.tab.index) {
		size_t mask = t->u.tab.icap - 1;
		i = (size_t)crk_hash_bytes(k, n) & mask;
		for (;;) {
			uint32_t slot = t->u.tab.index[i];
			const struct crk_toml_kv *kv;
			if (!slot)
				return NULL;
			kv = &t->u.tab.kv[slot - 1];
			if (kv->klen == n && memcmp(kv->key, k, n) == 0)
				return kv;
			i = (i + 1) & mask;
		}
	}
	for (i = 0; i < t->u.tab.n; i++) {
		const struct crk_toml_kv *kv = &t->u.tab.kv[i];
		if (kv->klen == n && memcmp(kv->key, k, n) == 0)
			return kv;
	}
	return NULL;
}

static void index_put(struct crk_toml_node *t, size_t pos)
{
	const struct crk_toml_kv *kv = &t->u.tab.kv[pos];
	size_t mask = t->u.tab.icap - 1;
	size_t i = (size_t)crk_hash_bytes(kv->key, kv->klen) & mask;
	while (t->u.tab.index[i])
		i = (i + 1) & mask;
	t->u.tab.index[i] = (uint32_t)(pos + 1);
}

/* Appends key -> val (the key is copied into the arena). The caller checked it is absent. */
static int tab_add(struct parser *p, struct crk_toml_node *t, const struct seg *k,
		   struct crk_toml_node *val)
{
	struct crk_toml_kv *kv;
	if (t->u.tab.n == t->u.tab.alloc) {
		size_t na = t->u.tab.alloc ? t->u.tab.alloc * 2 : 4;
		struct crk_toml_kv *v;
		if (na >= UINT32_MAX)
			return fail(p, CRK_ELIMIT, k->off, "too many keys in one table");
		v = crk_arena_array(p->a, na, sizeof(*v));
		if (!v)
			return oom(p);
		if (t->u.tab.n)
			memcpy(v, t->u.tab.kv, t->u.tab.n * sizeof(*v));
		t->u.tab.kv = v;
		t->u.tab.alloc = na;
	}
	kv = &t->u.tab.kv[t->u.tab.n];
	kv->key = crk_arena_strndup(p->a, k->s, k->n);
	if (!kv->key)
		return oom(p);
	kv->klen = k->n;
	kv->val = val;
	pos_of(p, k->off, &kv->line, &kv->col);
	t->u.tab.n++;
	if (t->u.tab.n > INDEX_MIN && t->u.tab.n * 2 > t->u.tab.icap) {
		size_t cap = t->u.tab.icap ? t->u.tab.icap * 2 : 32, i;
		while (cap < t->u.tab.n * 2)
			cap *= 2;
		t->u.tab.index = crk_arena_array(p->a, cap, sizeof(uint32_t));
		if (!t->u.tab.index)
			return oom(p);
		t->u.tab.icap = cap;
		for (i = 0; i < t->u.tab.n; i++)
			index_put(t, i);
	} else if (t->u.tab.index) {
		index_put(t, t->u.tab.n - 1);
	}
	return CRK_OK;
}

static int arr_push(struct parser *p, struct crk_toml_node *a, struct crk_toml_node *v)
{
	if (a->u.arr.n == a->u.arr.alloc) {
		size_t na = a->u.arr.alloc ? a->u.arr.alloc * 2 : 4;
		struct crk_toml_node **nv = crk_arena_array(p->a, na, sizeof(*nv));
		if (!nv)
			return oom(p);
		if (a->u.arr.n)
			memcpy(nv, a->u.arr.v, a->u.arr.n * sizeof(*nv));
		a->u.arr.v = nv;
		a->u.arr.alloc = na;
	}
	a->u.arr.v[a->u.arr.n++] = v;
	return CRK_OK;
}

static int check_depth(struct parser *p, unsigned depth, size_t off)
{
	if (depth > CRK_MAX_DEPTH)
		return fail(p, CRK_ELIMIT, off, "nesting deeper than %d levels", CRK_MAX_DEPTH);
	return CRK_OK;
}

/* ---- strings ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the body [start, end) of a basic string (multi-line when `ml`) into the arena. */
static int decode_basic(struct parser *p, size_t start, size_t end, int ml, const char **out,
			size_t *outlen)
{
	char *dst = crk_arena_alloc(p->a, end - start + 1);
	const char *what = ml ? "multi-line string" : "string";
	size_t i = start, o = 0, n;
	if (!dst)
		return oom(p);
	while (i < end) {
		unsigned char c = (unsigned char)p->buf[i];
		if (c != '\\') {
			n = check_char(p, i, end, ml, what);
			if (!n)
				return p->err ? p->err->code : CRK_EPARSE;
			if (c == '\r') { /* "\r\n" in a multi-line string is a newline: "\n" */
				dst[o++] = '\n';
			} else {
				memcpy(dst + o, p->buf + i, n);
				o += n;
			}
			i += n;
			continue;
		}
		if (i + 1 >= end)
			return fail(p, CRK_EPARSE, i, "unterminated escape in %s", what);
		c = (unsigned char)p->buf[i + 1];
		switch (c) {
		case 'b': dst[o++] = '\b'; i += 2; break;
		case 't': dst[o++] = '\t'; i += 2; break;
		case 'n': dst[o++] = '\n'; i += 2; break;
		case 'f': dst[o++] = '\f'; i += 2; break;
		case 'r': dst[o++] = '\r'; i += 2; break;
		case '"': dst[o++] = '"'; i += 2; break;
		case '\\': dst[o++] = '\\'; i += 2; break;
		case 'u':
		case 'U': {
			size_t digits = c == 'u' ? 4 : 8, k;
			unsigned long cp = 0;
			if (end - i - 2 < digits)
				return fail(p, CRK_EPARSE, i, "\\%c escape needs %zu hex digits", c,
					    digits);
			for (k = 0; k < digits; k++) {
				int h = hexval((unsigned char)p->buf[i + 2 + k]);
				if (h < 0)
					return fail(p, CRK_EPARSE, i,
						    "\\%c escape needs %zu hex digits", c, digits);
				cp = (cp << 4) | (unsigned long)h;
			}
			if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				return fail(p, CRK_EPARSE, i,
					    "escape \\%c%.*s is not a Unicode scalar value", c,
					    (int)digits, p->buf + i + 2);
			o += utf8_put(dst + o, cp);
			i += 2 + digits;
			break;
		}
		default:
			if (ml && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
				/* line-ending backslash: white space up to a newline, then every
				 * white space and newline up to the next character */
				size_t j = i + 1;
				while (j < end && (p->buf[j] == ' ' || p->buf[j] == '\t'))
					j++;
				if (j < end && p->buf[j] == '\r' && j + 1 < end && p->buf[j + 1] == '\n')
					j++;
				if (j >= end || p->buf[j] != '\n')
					return fail(p, CRK_EPARSE, i,
						    "backslash followed by white space must end the "
						    "line");
				while (j < end && (p->buf[j] == ' ' || p->buf[j] == '\t' ||
						   p->buf[j] == '\n' ||
						   (p->buf[j] == '\r' && j + 1 < end &&
						    p->buf[j + 1] == '\n')))
					j++;
				i = j;
				break;
			}
			{
				char tmp[8];
				return fail(p, CRK_EPARSE, i, "invalid escape '\\' followed by %s",
					    what_at(p, i + 1, tmp));
			}
		}
	}
	if (o > CRK_MAX_STRING)
		return fail(p, CRK_ELIMIT, start, "string longer than %zu bytes", CRK_MAX_STRING);
	dst[o] = '\0';
	*out = dst;
	*outlen = o;
	return CRK_OK;
}

/* Checks and copies a literal string body [start, end). */
static int decode_literal(struct parser *p, size_t start, size_t end, int ml, const char **out,
			  size_t *outlen)
{
	size_t i = start, n, o = 0;
	char *dst = crk_arena_alloc(p->a, end - start + 1);
	if (!dst)
		return oom(p);
	while (i < end) {
		n = check_char(p, i, end, ml, ml ? "multi-line string" : "string");
		if (!n)
			return p->err ? p->err->code : CRK_EPARSE;
		if (p->buf[i] == '\r') { /* "\r\n" is a newline: "\n" */
			dst[o++] = '\n';
		} else {
			memcpy(dst + o, p->buf + i, n);
			o += n;
		}
		i += n;
	}
	if (o > CRK_MAX_STRING)
		return fail(p, CRK_ELIMIT, start, "string longer than %zu bytes", CRK_MAX_STRING);
	dst[o] = '\0';
	*out = dst;
	*outlen = o;
	return CRK_OK;
}

/*
 * Parses a string starting at pos (at its opening quote). `allow_ml`: multi-line forms are
 * values, not keys. On success pos is after the closing quote(s).
 */
static int parse_string(struct parser *p, int allow_ml, const char **out, size_t *outlen)
{
	size_t start = p->pos, i, body, end;
	char q = p->buf[p->pos];
	int rc;

	if (allow_ml && peek(p, 1) == q && peek(p, 2) == q) {
		size_t run;
		body = start + 3;
		/* a newline right after the opening delimiter is not part of the string */
		if (body < p->len && p->buf[body] == '\n')
			body++;
		else if (body + 1 < p->len && p->buf[body] == '\r' && p->buf[body + 1] == '\n')
			body += 2;
		for (i = body;; i++) {
			if (i >= p->len)
				return fail(p, CRK_EPARSE, start, "unterminated string");
			if (q == '"' && p->buf[i] == '\\') {
				i++;
				continue;
			}
			if (p->buf[i] == q && i + 2 < p->len && p->buf[i + 1] == q &&
			    p->buf[i + 2] == q)
				break;
		}
		/* up to two quotes may sit right before the closing delimiter */
		for (run = 0; i + run < p->len && p->buf[i + run] == q; run++)
			;
		if (run > 5)
			return fail(p, CRK_EPARSE, i + 5, "too many quotes at the end of a "
							   "multi-line string");
		end = i + (run - 3);
		rc = q == '"' ? decode_basic(p, body, end, 1, out, outlen)
			      : decode_literal(p, body, end, 1, out, outlen);
		if (rc)
			return rc;
		advance_to(p, i + run);
		return CRK_OK;
	}
	body = start + 1;
	for (i = body;; i++) {
		if (i >= p->len || p->buf[i] == '\n' ||
		    (p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n'))
			return fail(p, CRK_EPARSE, start, "unterminated string");
		if (q == '"' && p->buf[i] == '\\') {
			if (i + 1 < p->len && p->buf[i + 1] != '\n' && p->buf[i + 1] != '\r')
				i++;
			continue;
		}
		if (p->buf[i] == q)
			break;
	}
	end = i;
	rc = q == '"' ? decode_basic(p, body, end, 0, out, outlen)
		      : decode_literal(p, body, end, 0, out, outlen);
	if (rc)
		return rc;
	p->pos = end + 1;
	return CRK_OK;
}

/* ---- keys ---- */

/* Parses a (dotted) key into p->segs. */
static int parse_key(struct parser *p)
{
	int rc;
	p->nsegs = 0;
	for (;;) {
		struct seg *s;
		int c = peek(p, 0);
		if (p->nsegs == CRK_MAX_DEPTH)
			return fail(p, CRK_ELIMIT, p->pos, "key has more than %d parts",
				    CRK_MAX_DEPTH);
		s = &p->segs[p->nsegs];
		s->off = p->pos;
		if (c == '"' || c == '\'') {
			if ((rc = parse_string(p, 0, &s->s, &s->n)) != CRK_OK)
				return rc;
		} else if (is_bare(c)) {
			size_t i = p->pos;
			while (i < p->len && is_bare((unsigned char)p->buf[i]))
				i++;
			if (i - p->pos > CRK_MAX_STRING)
				return fail(p, CRK_ELIMIT, p->pos, "key longer than %zu bytes",
					    CRK_MAX_STRING);
			s->s = p->buf + p->pos;
			s->n = i - p->pos;
			p->pos = i;
		} else {
			char tmp[8];
			return fail(p, CRK_EPARSE, p->pos, "expected a key, found %s",
				    what_at(p, p->pos, tmp));
		}
		p->nsegs++;
		skip_ws(p);
		if (peek(p, 0) != '.')
			return CRK_OK;
		p->pos++;
		skip_ws(p);
	}
}

/* The key text as written, for messages: segments [0, n) joined by dots, bounded. */
static const char *key_text(struct parser *p, size_t n, char *buf, size_t size)
{
	size_t i, o = 0;
	for (i = 0; i < n && o + 1 < size; i++) {
		size_t k;
		if (i)
			buf[o++] = '.';
		for (k = 0; k < p->segs[i].n && o + 1 < size; k++) {
			unsigned char c = (unsigned char)p->segs[i].s[k];
			buf[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
		}
	}
	if (o + 1 >= size && size > 4) {
		o = size - 4;
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- values ---- */

static int parse_value(struct parser *p, unsigned depth, struct crk_toml_node **out);

/*
 * Resolves the dotted key p->segs[0 .. nsegs-1) from `base` for a key/value pair of section
 * `section`: walks or creates the intermediate tables and checks the last part is not yet
 * defined. *parent receives the table the value goes into.
 */
static int resolve_dotted(struct parser *p, struct crk_toml_node *base, unsigned section,
			  struct crk_toml_node **parent)
{
	struct crk_toml_node *t = base;
	char kt[256];
	size_t i;
	int rc;

	for (i = 0; i + 1 < p->nsegs; i++) {
		const struct seg *s = &p->segs[i];
		const struct crk_toml_kv *kv = tab_find(t, s->s, s->n);
		struct crk_toml_node *v;
		if (!kv) {
			if ((rc = check_depth(p, t->depth + 1u, s->off)) != CRK_OK)
				return rc;
			v = new_node(p, CRK_TOML_TABLE, s->off, t->depth + 1u);
			if (!v)
				return oom(p);
			v->flags = F_DOTTED;
			v->section = section;
			if ((rc = tab_add(p, t, s, v)) != CRK_OK)
				return rc;
			t = v;
			continue;
		}
		v = kv->val;
		if (v->type != CRK_TOML_TABLE)
			return fail(p, CRK_EPARSE, s->off, "key '%s' is already a %s, not a table",
				    key_text(p, i + 1, kt, sizeof(kt)), crk_toml_type_name(v->type));
		if (v->flags & F_INLINE)
			return fail(p, CRK_EPARSE, s->off, "inline table '%s' cannot be extended",
				    key_text(p, i + 1, kt, sizeof(kt)));
		if ((v->flags & F_EXPLICIT) || ((v->flags & F_DOTTED) && v->section != section))
			return fail(p, CRK_EPARSE, s->off,
				    "table '%s' is already defined; dotted keys cannot add to it here",
				    key_text(p, i + 1, kt, sizeof(kt)));
		v->flags |= F_DOTTED;
		v->section = section;
		t = v;
	}
	if (tab_find(t, p->segs[p->nsegs - 1].s, p->segs[p->nsegs - 1].n))
		return fail(p, CRK_EPARSE, p->segs[p->nsegs - 1].off, "duplicate key '%s'",
			    key_text(p, p->nsegs, kt, sizeof(kt)));
	*parent = t;
	return CRK_OK;
}

/* key = value, from the key to the end of the value, into `base`. */
static int parse_keyval(struct parser *p, struct crk_toml_node *base, unsigned section)
{
	struct crk_toml_node *parent, *val;
	struct seg last;
	char tmp[8];
	int rc;

	if ((rc = parse_key(p)) != CRK_OK)
		return rc;
	if (peek(p, 0) != '=')
		return fail(p, CRK_EPARSE, p->pos, "expected '=' after key, found %s",
			    what_at(p, p->pos, tmp));
	p->pos++;
	skip_ws(p);
	if ((rc = resolve_dotted(p, base, section, &parent)) != CRK_OK)
		return rc;
	last = p->segs[p->nsegs - 1]; /* p->segs is reused by inline tables in the value */
	if ((rc = parse_value(p, parent->depth + 1u, &val)) != CRK_OK)
		return rc;
	return tab_add(p, parent, &last, val);
}

static int parse_array(struct parser *p, unsigned depth, struct crk_toml_node **out)
{
	struct crk_toml_node *arr, *v;
	char tmp[8];
	int rc;

	if ((rc = check_depth(p, depth, p->pos)) != CRK_OK)
		return rc;
	if (!(arr = new_node(p, CRK_TOML_ARRAY, p->pos, depth)))
		return oom(p);
	arr->flags = F_STATIC;
	p->pos++;
	for (;;) {
		if ((rc = skip_ws_nl(p)) != CRK_OK)
			return rc;
		if (peek(p, 0) == ']')
			break;
		if ((rc = parse_value(p, depth + 1, &v)) != CRK_OK)
			return rc;
		if ((rc = arr_push(p, arr, v)) != CRK_OK)
			return rc;
		if ((rc = skip_ws_nl(p)) != CRK_OK)
			return rc;
		if (peek(p, 0) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p, 0) == ']')
			break;
		if (p->pos >= p->len)
			return fail(p, CRK_EPARSE, p->pos, "unterminated array");
		return fail(p, CRK_EPARSE, p->pos, "expected ',' or ']' in array, found %s",
			    what_at(p, p->pos, tmp));
	}
	p->pos++;
	*out = arr;
	return CRK_OK;
}

static int parse_inline_table(struct parser *p, unsigned depth, struct crk_toml_node **out)
{
	struct crk_toml_node *t;
	unsigned section = ++p->next_section;
	char tmp[8];
	int rc;

	if ((rc = check_depth(p, depth, p->pos)) != CRK_OK)
		return rc;
	if (!(t = new_node(p, CRK_TOML_TABLE, p->pos, depth)))
		return oom(p);
	t->flags = F_INLINE;
	p->pos++;
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->pos++;
		*out = t;
		return CRK_OK;
	}
	for (;;) {
		if (at_newline(p))
			return fail(p, CRK_EPARSE, p->pos, "newline inside an inline table");
		if ((rc = parse_keyval(p, t, section)) != CRK_OK)
			return rc;
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->pos++;
			skip_ws(p);
			if (peek(p, 0) == '}')
				return fail(p, CRK_EPARSE, p->pos,
					    "trailing comma in an inline table");
			continue;
		}
		if (peek(p, 0) == '}')
			break;
		if (at_newline(p))
			return fail(p, CRK_EPARSE, p->pos, "newline inside an inline table");
		if (p->pos >= p->len)
			return fail(p, CRK_EPARSE, p->pos, "unterminated inline table");
		return fail(p, CRK_EPARSE, p->pos, "expected ',' or '}' in inline table, found %s",
			    what_at(p, p->pos, tmp));
	}
	p->pos++;
	*out = t;
	return CRK_OK;
}

/* ---- numbers ---- */

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Checks digits with single underscores between them in [s, e) for `base`; returns 0 when
 * valid (at least one digit). */
static int digits_ok(const char *s, const char *e, int base)
{
	int prev_digit = 0;
	if (s == e)
		return -1;
	for (; s < e; s++) {
		int h = hexval((unsigned char)*s);
		if (*s == '_') {
			if (!prev_digit || s + 1 == e)
				return -1;
			prev_digit = 0;
			continue;
		}
		if (h < 0 || h >= base)
			return -1;
		prev_digit = 1;
	}
	return 0;
}

static int parse_number(struct parser *p, unsigned depth, struct crk_toml_node **out)
{
	size_t start = p->pos, i = p->pos;
	const char *s, *e, *d;
	struct crk_toml_node *n;
	int neg = 0, sign = 0;

	while (i < p->len && (is_bare((unsigned char)p->buf[i]) || p->buf[i] == '+' ||
			      p->buf[i] == '.'))
		i++;
	s = p->buf + start;
	e = p->buf + i;
	if (s < e && (*s == '+' || *s == '-')) {
		neg = *s == '-';
		sign = 1;
		s++;
	}
	if (e - s == 3 && (memcmp(s, "inf", 3) == 0 || memcmp(s, "nan", 3) == 0)) {
		if (!(n = new_node(p, CRK_TOML_FLOAT, start, depth)))
			return oom(p);
		n->u.f = s[0] == 'i' ? (neg ? -HUGE_VAL : HUGE_VAL) : (neg ? -NAN : NAN);
		p->pos = i;
		*out = n;
		return CRK_OK;
	}
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		uint64_t v = 0;
		if (sign)
			return fail(p, CRK_EPARSE, start, "a %s integer cannot have a sign",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
		if (digits_ok(s + 2, e, base))
			return fail(p, CRK_EPARSE, start, "invalid %s integer '%.*s'",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary",
				    (int)(e - p->buf - start > 64 ? 64 : e - p->buf - start),
				    p->buf + start);
		for (d = s + 2; d < e; d++) {
			if (*d == '_')
				continue;
			if (v > (UINT64_MAX >> (base == 16 ? 4 : base == 8 ? 3 : 1)) ||
			    (v = v * (uint64_t)base + (uint64_t)hexval((unsigned char)*d)) >
				    (uint64_t)INT64_MAX)
				return fail(p, CRK_EPARSE, start,
					    "integer does not fit in 64 bits");
		}
		if (!(n = new_node(p, CRK_TOML_INTEGER, start, depth)))
			return oom(p);
		n->u.i = (int64_t)v;
		p->pos = i;
		*out = n;
		return CRK_OK;
	}
	{
		/* decimal: int part, optional fraction, optional exponent */
		const char *ip = s, *ie = s, *fr = NULL, *fe = NULL, *ex = NULL;
		while (ie < e && (is_digit((unsigned char)*ie) || *ie == '_'))
			ie++;
		if (digits_ok(ip, ie, 10))
			goto bad;
		if (*ip == '0' && ie - ip > 1)
			return fail(p, CRK_EPARSE, start, "leading zero in a decimal number");
		d = ie;
		if (d < e && *d == '.') {
			fr = ++d;
			while (d < e && (is_digit((unsigned char)*d) || *d == '_'))
				d++;
			fe = d;
			if (digits_ok(fr, fe, 10))
				goto bad;
		}
		if (d < e && (*d == 'e' || *d == 'E')) {
			d++;
			if (d < e && (*d == '+' || *d == '-'))
				d++;
			ex = d;
			while (d < e && (is_digit((unsigned char)*d) || *d == '_'))
				d++;
			if (digits_ok(ex, d, 10))
				goto bad;
		}
		if (d != e)
			goto bad;
		if (!fr && !ex) {
			uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
			for (d = ip; d < ie; d++) {
				if (*d == '_')
					continue;
				if (v > (lim - (uint64_t)(*d - '0')) / 10)
					return fail(p, CRK_EPARSE, start,
						    "integer does not fit in 64 bits");
				v = v * 10 + (uint64_t)(*d - '0');
			}
			if (!(n = new_node(p, CRK_TOML_INTEGER, start, depth)))
				return oom(p);
			n->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
		} else {
			char *clean = crk_arena_alloc(p->a, (size_t)(e - p->buf - start) + 1), *c;
			const char *q;
			if (!clean)
				return oom(p);
			for (c = clean, q = p->buf + start; q < e; q++)
				if (*q != '_')
					*c++ = *q;
			*c = '\0';
			if (!(n = new_node(p, CRK_TOML_FLOAT, start, depth)))
				return oom(p);
			pthread_once(&c_locale_once, make_c_locale);
			n->u.f = c_locale ? strtod_l(clean, NULL, c_locale) : strtod(clean, NULL);
		}
		p->pos = i;
		*out = n;
		return CRK_OK;
	}
bad:
	return fail(p, CRK_EPARSE, start, "invalid number '%.*s'",
		    (int)(e - p->buf - start > 64 ? 64 : e - p->buf - start), p->buf + start);
}

/* ---- dates and times ---- */

/* Reads exactly `n` digits at p->buf[*i]; -1 when they are not there. */
static int read_digits(struct parser *p, size_t *i, int n)
{
	int v = 0, k;
	for (k = 0; k < n; k++) {
		if (*i >= p->len || !is_digit((unsigned char)p->buf[*i]))
			return -1;
		v = v * 10 + (p->buf[*i] - '0');
		(*i)++;
	}
	return v;
}

static int expect_char(struct parser *p, size_t *i, char c)
{
	if (*i >= p->len || p->buf[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

/* HH:MM:SS[.frac] at *i; 0 when valid. */
static int read_time(struct parser *p, size_t *i)
{
	int h, m, s;
	if ((h = read_digits(p, i, 2)) < 0 || expect_char(p, i, ':') ||
	    (m = read_digits(p, i, 2)) < 0 || expect_char(p, i, ':') ||
	    (s = read_digits(p, i, 2)) < 0)
		return -1;
	if (h > 23 || m > 59 || s > 60)
		return -1;
	if (*i < p->len && p->buf[*i] == '.') {
		size_t f = ++(*i);
		while (*i < p->len && is_digit((unsigned char)p->buf[*i]))
			(*i)++;
		if (*i == f)
			return -1;
	}
	return 0;
}

static int parse_datetime(struct parser *p, unsigned depth, struct crk_toml_node **out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t start = p->pos, i = p->pos;
	enum crk_toml_dt_kind kind;
	struct crk_toml_node *n;

	if (i + 2 < p->len && p->buf[i + 2] == ':') {
		if (read_time(p, &i))
			goto bad;
		kind = CRK_TOML_LOCAL_TIME;
	} else {
		int y, mo, d, dim;
		if ((y = read_digits(p, &i, 4)) < 0 || expect_char(p, &i, '-') ||
		    (mo = read_digits(p, &i, 2)) < 0 || expect_char(p, &i, '-') ||
		    (d = read_digits(p, &i, 2)) < 0)
			goto bad;
		if (mo < 1 || mo > 12)
			goto bad;
		dim = mdays[mo - 1];
		if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
			dim = 29;
		if (d < 1 || d > dim)
			goto bad;
		kind = CRK_TOML_LOCAL_DATE;
		if (i < p->len &&
		    (p->buf[i] == 'T' || p->buf[i] == 't' ||
		     (p->buf[i] == ' ' && i + 1 < p->len && is_digit((unsigned char)p->buf[i + 1])))) {
			i++;
			if (read_time(p, &i))
				goto bad;
			kind = CRK_TOML_LOCAL_DATETIME;
			if (i < p->len && (p->buf[i] == 'Z' || p->buf[i] == 'z')) {
				i++;
				kind = CRK_TOML_OFFSET_DATETIME;
			} else if (i < p->len && (p->buf[i] == '+' || p->buf[i] == '-')) {
				int oh, om;
				i++;
				if ((oh = read_digits(p, &i, 2)) < 0 || expect_char(p, &i, ':') ||
				    (om = read_digits(p, &i, 2)) < 0 || oh > 23 || om > 59)
					goto bad;
				kind = CRK_TOML_OFFSET_DATETIME;
			}
		}
	}
	if (i < p->len && (is_bare((unsigned char)p->buf[i]) || p->buf[i] == ':' ||
			   p->buf[i] == '.' || p->buf[i] == '+'))
		goto bad;
	if (!(n = new_node(p, CRK_TOML_DATETIME, start, depth)))
		return oom(p);
	n->dt_kind = (unsigned char)kind;
	n->u.str.s = crk_arena_strndup(p->a, p->buf + start, i - start);
	if (!n->u.str.s)
		return oom(p);
	n->u.str.len = i - start;
	p->pos = i;
	*out = n;
	return CRK_OK;
bad:
	while (i < p->len && (is_bare((unsigned char)p->buf[i]) || p->buf[i] == ':' ||
			      p->buf[i] == '.' || p->buf[i] == '+'))
		i++;
	return fail(p, CRK_EPARSE, start, "invalid date or time '%.*s'",
		    (int)(i - start > 64 ? 64 : i - start), p->buf + start);
}

static int parse_value(struct parser *p, unsigned depth, struct crk_toml_node **out)
{
	int c = peek(p, 0);
	char tmp[8];
	struct crk_toml_node *n;
	int rc;

	*out = NULL;
	switch (c) {
	case '"':
	case '\'':
		if (!(n = new_node(p, CRK_TOML_STRING, p->pos, depth)))
			return oom(p);
		if ((rc = parse_string(p, 1, &n->u.str.s, &n->u.str.len)) != CRK_OK)
			return rc;
		*out = n;
		return CRK_OK;
	case '[':
		return parse_array(p, depth, out);
	case '{':
		return parse_inline_table(p, depth, out);
	case 't':
	case 'f': {
		const char *w = c == 't' ? "true" : "false";
		size_t wl = strlen(w);
		if (p->len - p->pos >= wl && memcmp(p->buf + p->pos, w, wl) == 0 &&
		    !is_bare(peek(p, wl))) {
			if (!(n = new_node(p, CRK_TOML_BOOL, p->pos, depth)))
				return oom(p);
			n->u.b = c == 't';
			p->pos += wl;
			*out = n;
			return CRK_OK;
		}
		break;
	}
	default:
		if (is_digit(c)) {
			if ((p->pos + 4 < p->len && is_digit(peek(p, 1)) && is_digit(peek(p, 2)) &&
			     is_digit(peek(p, 3)) && peek(p, 4) == '-') ||
			    (is_digit(peek(p, 1)) && peek(p, 2) == ':'))
				return parse_datetime(p, depth, out);
			return parse_number(p, depth, out);
		}
		if (c == '+' || c == '-' || c == 'i' || c == 'n')
			return parse_number(p, depth, out);
		break;
	}
	if (c < 0 || at_newline(p) || c == '#')
		return fail(p, CRK_EPARSE, p->pos, "expected a value, found %s",
			    what_at(p, p->pos, tmp));
	return fail(p, CRK_EPARSE, p->pos, "invalid value starting with %s",
		    what_at(p, p->pos, tmp));
}

/* ---- tables ---- */

/* [key] or [[key]] at pos; *cur receives the table the following pairs go into. */
static int parse_header(struct parser *p, struct crk_toml_node *root, struct crk_toml_node **cur)
{
	size_t start = p->pos, i;
	int aot = peek(p, 1) == '[';
	struct crk_toml_node *t = root, *v;
	const struct crk_toml_kv *kv;
	const struct seg *last;
	char kt[256], tmp[8];
	int rc;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if ((rc = parse_key(p)) != CRK_OK)
		return rc;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']'))
		return fail(p, CRK_EPARSE, p->pos, "expected '%s' after table name, found %s",
			    aot ? "]]" : "]", what_at(p, p->pos, tmp));
	p->pos += aot ? 2 : 1;

	for (i = 0; i + 1 < p->nsegs; i++) {
		const struct seg *s = &p->segs[i];
		kv = tab_find(t, s->s, s->n);
		if (!kv) {
			if ((rc = check_depth(p, t->depth + 1u, s->off)) != CRK_OK)
				return rc;
			if (!(v = new_node(p, CRK_TOML_TABLE, s->off, t->depth + 1u)))
				return oom(p);
			if ((rc = tab_add(p, t, s, v)) != CRK_OK)
				return rc;
			t = v;
			continue;
		}
		v = kv->val;
		if (v->type == CRK_TOML_ARRAY && (v->flags & F_AOT) && v->u.arr.n) {
			t = v->u.arr.v[v->u.arr.n - 1];
			continue;
		}
		if (v->type == CRK_TOML_ARRAY)
			return fail(p, CRK_EPARSE, s->off,
				    "array '%s' was written as a value and cannot be extended",
				    key_text(p, i + 1, kt, sizeof(kt)));
		if (v->type != CRK_TOML_TABLE)
			return fail(p, CRK_EPARSE, s->off, "key '%s' is already a %s, not a table",
				    key_text(p, i + 1, kt, sizeof(kt)), crk_toml_type_name(v->type));
		if (v->flags & F_INLINE)
			return fail(p, CRK_EPARSE, s->off, "inline table '%s' cannot be extended",
				    key_text(p, i + 1, kt, sizeof(kt)));
		t = v;
	}
	last = &p->segs[p->nsegs - 1];
	kv = tab_find(t, last->s, last->n);
	v = kv ? kv->val : NULL;
	if (aot) {
		struct crk_toml_node *elem;
		if (!v) {
			if ((rc = check_depth(p, t->depth + 1u, last->off)) != CRK_OK)
				return rc;
			if (!(v = new_node(p, CRK_TOML_ARRAY, start, t->depth + 1u)))
				return oom(p);
			v->flags = F_AOT;
			if ((rc = tab_add(p, t, last, v)) != CRK_OK)
				return rc;
		} else if (v->type != CRK_TOML_ARRAY || !(v->flags & F_AOT)) {
			return fail(p, CRK_EPARSE, start, "cannot define array of tables [[%s]]: "
				    "key already holds a %s%s",
				    key_text(p, p->nsegs, kt, sizeof(kt)), crk_toml_type_name(v->type),
				    v->type == CRK_TOML_ARRAY ? " written as a value" : "");
		}
		if ((rc = check_depth(p, v->depth + 1u, start)) != CRK_OK)
			return rc;
		if (!(elem = new_node(p, CRK_TOML_TABLE, start, v->depth + 1u)))
			return oom(p);
		elem->flags = F_EXPLICIT;
		if ((rc = arr_push(p, v, elem)) != CRK_OK)
			return rc;
		*cur = elem;
		return CRK_OK;
	}
	if (!v) {
		if ((rc = check_depth(p, t->depth + 1u, last->off)) != CRK_OK)
			return rc;
		if (!(v = new_node(p, CRK_TOML_TABLE, start, t->depth + 1u)))
			return oom(p);
		if ((rc = tab_add(p, t, last, v)) != CRK_OK)
			return rc;
	} else if (v->type != CRK_TOML_TABLE) {
		return fail(p, CRK_EPARSE, start, "cannot define table [%s]: key already holds %s",
			    key_text(p, p->nsegs, kt, sizeof(kt)),
			    v->type == CRK_TOML_ARRAY && (v->flags & F_AOT) ? "an array of tables"
			    : v->type == CRK_TOML_ARRAY			  ? "an array"
								  : "a value");
	} else if (v->flags & (F_EXPLICIT | F_DOTTED | F_INLINE)) {
		return fail(p, CRK_EPARSE, start, "table [%s] defined twice",
			    key_text(p, p->nsegs, kt, sizeof(kt)));
	} else {
		pos_of(p, start, &v->line, &v->col);
	}
	v->flags |= F_EXPLICIT;
	*cur = v;
	return CRK_OK;
}

/* After a header or a pair: white space, an optional comment, then a newline or the end. */
static int end_of_line(struct parser *p, const char *after)
{
	char tmp[8];
	int rc;
	skip_ws(p);
	if (peek(p, 0) == '#' && (rc = skip_comment(p)) != CRK_OK)
		return rc;
	if (p->pos >= p->len)
		return CRK_OK;
	if (at_newline(p)) {
		eat_newline(p);
		return CRK_OK;
	}
	return fail(p, CRK_EPARSE, p->pos, "expected end of line after %s, found %s", after,
		    what_at(p, p->pos, tmp));
}

int crk_toml_parse(struct crk_toml_node **out, const char *buf, size_t len, const char *origin,
		   struct crk_arena *arena, struct crk_err *err)
{
	struct parser *p;
	struct crk_toml_node *root, *cur;
	unsigned section = 0;
	int rc = CRK_OK;

	*out = NULL;
	/* the parser holds CRK_MAX_DEPTH key parts: too big for a small thread stack */
	p = crk_arena_alloc(arena, sizeof(*p));
	if (!p)
		return crk_err_set(err, CRK_ENOMEM, origin, 0, 0, "out of memory");
	p->buf = buf;
	p->len = len;
	p->line = 1;
	p->origin = origin;
	p->a = arena;
	p->err = err;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p->pos = p->line_start = 3;
	if (!(root = new_node(p, CRK_TOML_TABLE, p->pos, 0)))
		return oom(p);
	root->flags = F_EXPLICIT;
	cur = root;

	while (p->pos < p->len) {
		int c;
		skip_ws(p);
		c = peek(p, 0);
		if (c < 0)
			break;
		if (c == '#') {
			rc = end_of_line(p, "a comment");
		} else if (at_newline(p)) {
			eat_newline(p);
		} else if (c == '[') {
			if ((rc = parse_header(p, root, &cur)) == CRK_OK) {
				section = ++p->next_section;
				rc = end_of_line(p, "a table header");
			}
		} else {
			if ((rc = parse_keyval(p, cur, section)) == CRK_OK)
				rc = end_of_line(p, "a value");
		}
		if (rc != CRK_OK)
			return rc;
	}
	*out = root;
	return CRK_OK;
}

/* ---- lookups ---- */

const struct crk_toml_node *crk_toml_getn(const struct crk_toml_node *table, const char *key,
					  size_t klen)
{
	const struct crk_toml_kv *kv;
	if (!table || table->type != CRK_TOML_TABLE || !key)
		return NULL;
	kv = tab_find(table, key, klen);
	return kv ? kv->val : NULL;
}

const struct crk_toml_node *crk_toml_get(const struct crk_toml_node *table, const char *key)
{
	return key ? crk_toml_getn(table, key, strlen(key)) : NULL;
}

size_t crk_toml_table_len(const struct crk_toml_node *table)
{
	return table && table->type == CRK_TOML_TABLE ? table->u.tab.n : 0;
}

const struct crk_toml_kv *crk_toml_table_at(const struct crk_toml_node *table, size_t i)
{
	return i < crk_toml_table_len(table) ? &table->u.tab.kv[i] : NULL;
}

size_t crk_toml_len(const struct crk_toml_node *array)
{
	return array && array->type == CRK_TOML_ARRAY ? array->u.arr.n : 0;
}

const struct crk_toml_node *crk_toml_at(const struct crk_toml_node *array, size_t i)
{
	return i < crk_toml_len(array) ? array->u.arr.v[i] : NULL;
}

const char *crk_toml_strn(const struct crk_toml_node *n, size_t *len)
{
	if (!n || (n->type != CRK_TOML_STRING && n->type != CRK_TOML_DATETIME))
		return NULL;
	if (len)
		*len = n->u.str.len;
	return n->u.str.s;
}

const char *crk_toml_str(const struct crk_toml_node *n)
{
	return crk_toml_strn(n, NULL);
}

const char *crk_toml_get_str(const struct crk_toml_node *table, const char *key)
{
	return crk_toml_str(crk_toml_get(table, key));
}

int crk_toml_int(const struct crk_toml_node *n, int64_t *out)
{
	if (!n || n->type != CRK_TOML_INTEGER)
		return -1;
	*out = n->u.i;
	return 0;
}

int crk_toml_bool(const struct crk_toml_node *n, int *out)
{
	if (!n || n->type != CRK_TOML_BOOL)
		return -1;
	*out = n->u.b;
	return 0;
}

int crk_toml_is_table(const struct crk_toml_node *n)
{
	return n && n->type == CRK_TOML_TABLE;
}

int crk_toml_is_array(const struct crk_toml_node *n)
{
	return n && n->type == CRK_TOML_ARRAY;
}

const char *crk_toml_type_name(enum crk_toml_type t)
{
	switch (t) {
	case CRK_TOML_TABLE: return "table";
	case CRK_TOML_ARRAY: return "array";
	case CRK_TOML_STRING: return "string";
	case CRK_TOML_INTEGER: return "integer";
	case CRK_TOML_FLOAT: return "float";
	case CRK_TOML_BOOL: return "boolean";
	case CRK_TOML_DATETIME: return "datetime";
	}
	return "value";
}
