/*
 * toml.c - TOML 1.0.0 parser; see toml.h for what it accepts.
 *
 * Spec: https://toml.io/en/v1.0.0 (and its ABNF, toml.abnf). Strings, numbers and date-times are
 * read by toml_scalar.c (shared declarations in toml_impl.h). One pass over the bytes with a
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
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "formats/toml.h"
#include "formats/toml_impl.h"
#include "base/banned.h"

enum {
	F_EXPLICIT = 1 << 0,
	F_DOTTED = 1 << 1,
	F_INLINE = 1 << 2,
	F_STATIC = 1 << 3,
	F_AOT = 1 << 4,
};

#define INDEX_MIN 8

/* ---- errors and positions ---- */

int crk_toml__fail(struct crk_toml__parser *p, int code, size_t off, const char *fmt, ...)
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

int crk_toml__oom(struct crk_toml__parser *p)
{
	return crk_err_set(p->err, CRK_ENOMEM, p->origin, 0, 0, "out of memory");
}

/* A short description of the byte at `off` for messages: 'x', '\x01', end of file, newline. */
const char *crk_toml__what_at(struct crk_toml__parser *p, size_t off, char tmp[8])
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

static void pos_of(struct crk_toml__parser *p, size_t off, unsigned *line, unsigned *col)
{
	if (off >= p->line_start) {
		*line = p->line;
		*col = (unsigned)(off - p->line_start + 1);
	} else {
		crk_linecol(p->buf, p->len, off, line, col);
	}
}

/* Moves pos to `to`, counting the newlines crossed. */
void crk_toml__advance_to(struct crk_toml__parser *p, size_t to)
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

static void skip_ws(struct crk_toml__parser *p)
{
	while (p->pos < p->len && (p->buf[p->pos] == ' ' || p->buf[p->pos] == '\t'))
		p->pos++;
}

/* 1 when a newline ("\n" or "\r\n") starts at pos. */
static int at_newline(struct crk_toml__parser *p)
{
	int c = peek(p, 0);
	return c == '\n' || (c == '\r' && peek(p, 1) == '\n');
}

static void eat_newline(struct crk_toml__parser *p)
{
	if (peek(p, 0) == '\r')
		p->pos++;
	p->pos++;
	p->line++;
	p->line_start = p->pos;
}

static int skip_comment(struct crk_toml__parser *p)
{
	size_t i = p->pos + 1, n;
	while (i < p->len && p->buf[i] != '\n') {
		if (p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n')
			break;
		n = crk_toml__check_char(p, i, p->len, 0, "comment");
		if (!n)
			return p->err ? p->err->code : CRK_EPARSE;
		i += n;
	}
	p->pos = i;
	return CRK_OK;
}

/* Skips white space, newlines and comments (inside arrays). */
static int skip_ws_nl(struct crk_toml__parser *p)
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

struct crk_toml_node *crk_toml__new_node(struct crk_toml__parser *p, enum crk_toml_type t,
					 size_t off, unsigned depth)
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
static int tab_add(struct crk_toml__parser *p, struct crk_toml_node *t,
		   const struct crk_toml__seg *k, struct crk_toml_node *val)
{
	struct crk_toml_kv *kv;
	if (t->u.tab.n == t->u.tab.alloc) {
		size_t na = t->u.tab.alloc ? t->u.tab.alloc * 2 : 4;
		struct crk_toml_kv *v;
		if (na >= UINT32_MAX)
			return crk_toml__fail(p, CRK_ELIMIT, k->off, "too many keys in one table");
		v = crk_arena_array(p->a, na, sizeof(*v));
		if (!v)
			return crk_toml__oom(p);
		if (t->u.tab.n)
			memcpy(v, t->u.tab.kv, t->u.tab.n * sizeof(*v));
		t->u.tab.kv = v;
		t->u.tab.alloc = na;
	}
	kv = &t->u.tab.kv[t->u.tab.n];
	kv->key = crk_arena_strndup(p->a, k->s, k->n);
	if (!kv->key)
		return crk_toml__oom(p);
	kv->klen = k->n;
	kv->val = val;
	kv->line = k->line; /* the value may have moved past the key's line */
	kv->col = k->col;
	t->u.tab.n++;
	if (t->u.tab.n > INDEX_MIN && t->u.tab.n * 2 > t->u.tab.icap) {
		size_t cap = t->u.tab.icap ? t->u.tab.icap * 2 : 32, i;
		while (cap < t->u.tab.n * 2)
			cap *= 2;
		t->u.tab.index = crk_arena_array(p->a, cap, sizeof(uint32_t));
		if (!t->u.tab.index)
			return crk_toml__oom(p);
		t->u.tab.icap = cap;
		for (i = 0; i < t->u.tab.n; i++)
			index_put(t, i);
	} else if (t->u.tab.index) {
		index_put(t, t->u.tab.n - 1);
	}
	return CRK_OK;
}

static int arr_push(struct crk_toml__parser *p, struct crk_toml_node *a, struct crk_toml_node *v)
{
	if (a->u.arr.n == a->u.arr.alloc) {
		size_t na = a->u.arr.alloc ? a->u.arr.alloc * 2 : 4;
		struct crk_toml_node **nv = crk_arena_array(p->a, na, sizeof(*nv));
		if (!nv)
			return crk_toml__oom(p);
		if (a->u.arr.n)
			memcpy(nv, a->u.arr.v, a->u.arr.n * sizeof(*nv));
		a->u.arr.v = nv;
		a->u.arr.alloc = na;
	}
	a->u.arr.v[a->u.arr.n++] = v;
	return CRK_OK;
}

static int check_depth(struct crk_toml__parser *p, unsigned depth, size_t off)
{
	if (depth > CRK_MAX_DEPTH)
		return crk_toml__fail(p, CRK_ELIMIT, off, "nesting deeper than %d levels", CRK_MAX_DEPTH);
	return CRK_OK;
}

/* ---- keys ---- */

/* Parses a (dotted) key into p->segs. */
static int parse_key(struct crk_toml__parser *p)
{
	int rc;
	p->nsegs = 0;
	for (;;) {
		struct crk_toml__seg *s;
		int c = peek(p, 0);
		if (p->nsegs == CRK_MAX_DEPTH)
			return crk_toml__fail(p, CRK_ELIMIT, p->pos, "key has more than %d parts",
				    CRK_MAX_DEPTH);
		s = &p->segs[p->nsegs];
		s->off = p->pos;
		pos_of(p, p->pos, &s->line, &s->col);
		if (c == '"' || c == '\'') {
			if ((rc = crk_toml__parse_string(p, 0, &s->s, &s->n)) != CRK_OK)
				return rc;
		} else if (is_bare(c)) {
			size_t i = p->pos;
			while (i < p->len && is_bare((unsigned char)p->buf[i]))
				i++;
			if (i - p->pos > CRK_MAX_STRING)
				return crk_toml__fail(p, CRK_ELIMIT, p->pos, "key longer than %zu bytes",
					    CRK_MAX_STRING);
			s->s = p->buf + p->pos;
			s->n = i - p->pos;
			p->pos = i;
		} else {
			char tmp[8];
			return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected a key, found %s",
				    crk_toml__what_at(p, p->pos, tmp));
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
static const char *key_text(struct crk_toml__parser *p, size_t n, char *buf, size_t size)
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

static int parse_value(struct crk_toml__parser *p, unsigned depth,
		       struct crk_toml_node **out);

/*
 * Resolves the dotted key p->segs[0 .. nsegs-1) from `base` for a key/value pair of section
 * `section`: walks or creates the intermediate tables and checks the last part is not yet
 * defined. *parent receives the table the value goes into.
 */
static int resolve_dotted(struct crk_toml__parser *p, struct crk_toml_node *base, unsigned section,
			  struct crk_toml_node **parent)
{
	struct crk_toml_node *t = base;
	char kt[256];
	size_t i;
	int rc;

	for (i = 0; i + 1 < p->nsegs; i++) {
		const struct crk_toml__seg *s = &p->segs[i];
		const struct crk_toml_kv *kv = tab_find(t, s->s, s->n);
		struct crk_toml_node *v;
		if (!kv) {
			if ((rc = check_depth(p, t->depth + 1u, s->off)) != CRK_OK)
				return rc;
			v = crk_toml__new_node(p, CRK_TOML_TABLE, s->off, t->depth + 1u);
			if (!v)
				return crk_toml__oom(p);
			v->flags = F_DOTTED;
			v->section = section;
			if ((rc = tab_add(p, t, s, v)) != CRK_OK)
				return rc;
			t = v;
			continue;
		}
		v = kv->val;
		if (v->type != CRK_TOML_TABLE)
			return crk_toml__fail(p, CRK_EPARSE, s->off, "key '%s' is already a %s, not a table",
				    key_text(p, i + 1, kt, sizeof(kt)), crk_toml_type_name(v->type));
		if (v->flags & F_INLINE)
			return crk_toml__fail(p, CRK_EPARSE, s->off, "inline table '%s' cannot be extended",
				    key_text(p, i + 1, kt, sizeof(kt)));
		if ((v->flags & F_EXPLICIT) || ((v->flags & F_DOTTED) && v->section != section))
			return crk_toml__fail(p, CRK_EPARSE, s->off,
				    "table '%s' is already defined; dotted keys cannot add to it here",
				    key_text(p, i + 1, kt, sizeof(kt)));
		v->flags |= F_DOTTED;
		v->section = section;
		t = v;
	}
	if (tab_find(t, p->segs[p->nsegs - 1].s, p->segs[p->nsegs - 1].n))
		return crk_toml__fail(p, CRK_EPARSE, p->segs[p->nsegs - 1].off, "duplicate key '%s'",
			    key_text(p, p->nsegs, kt, sizeof(kt)));
	*parent = t;
	return CRK_OK;
}

/* key = value, from the key to the end of the value, into `base`. */
static int parse_keyval(struct crk_toml__parser *p, struct crk_toml_node *base, unsigned section)
{
	struct crk_toml_node *parent, *val;
	struct crk_toml__seg last;
	char tmp[8];
	int rc;

	if ((rc = parse_key(p)) != CRK_OK)
		return rc;
	if (peek(p, 0) != '=')
		return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected '=' after key, found %s",
			    crk_toml__what_at(p, p->pos, tmp));
	p->pos++;
	skip_ws(p);
	if ((rc = resolve_dotted(p, base, section, &parent)) != CRK_OK)
		return rc;
	last = p->segs[p->nsegs - 1]; /* p->segs is reused by inline tables in the value */
	if ((rc = parse_value(p, parent->depth + 1u, &val)) != CRK_OK)
		return rc;
	return tab_add(p, parent, &last, val);
}

static int parse_array(struct crk_toml__parser *p, unsigned depth, struct crk_toml_node **out)
{
	struct crk_toml_node *arr, *v;
	size_t start = p->pos;
	char tmp[8];
	int rc;

	if ((rc = check_depth(p, depth, p->pos)) != CRK_OK)
		return rc;
	if (!(arr = crk_toml__new_node(p, CRK_TOML_ARRAY, p->pos, depth)))
		return crk_toml__oom(p);
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
			return crk_toml__fail(p, CRK_EPARSE, start, "unterminated array");
		return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected ',' or ']' in array, found %s",
			    crk_toml__what_at(p, p->pos, tmp));
	}
	p->pos++;
	*out = arr;
	return CRK_OK;
}

static int parse_inline_table(struct crk_toml__parser *p, unsigned depth,
			      struct crk_toml_node **out)
{
	struct crk_toml_node *t;
	unsigned section = ++p->next_section;
	size_t start = p->pos;
	char tmp[8];
	int rc;

	if ((rc = check_depth(p, depth, p->pos)) != CRK_OK)
		return rc;
	if (!(t = crk_toml__new_node(p, CRK_TOML_TABLE, p->pos, depth)))
		return crk_toml__oom(p);
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
			return crk_toml__fail(p, CRK_EPARSE, p->pos, "newline inside an inline table");
		if ((rc = parse_keyval(p, t, section)) != CRK_OK)
			return rc;
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->pos++;
			skip_ws(p);
			if (peek(p, 0) == '}')
				return crk_toml__fail(p, CRK_EPARSE, p->pos,
					    "trailing comma in an inline table");
			continue;
		}
		if (peek(p, 0) == '}')
			break;
		if (at_newline(p))
			return crk_toml__fail(p, CRK_EPARSE, p->pos, "newline inside an inline table");
		if (p->pos >= p->len)
			return crk_toml__fail(p, CRK_EPARSE, start, "unterminated inline table");
		return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected ',' or '}' in inline table, found %s",
			    crk_toml__what_at(p, p->pos, tmp));
	}
	p->pos++;
	*out = t;
	return CRK_OK;
}

static int parse_value(struct crk_toml__parser *p, unsigned depth, struct crk_toml_node **out)
{
	int c = peek(p, 0);
	char tmp[8];
	struct crk_toml_node *n;
	int rc;

	*out = NULL;
	switch (c) {
	case '"':
	case '\'':
		if (!(n = crk_toml__new_node(p, CRK_TOML_STRING, p->pos, depth)))
			return crk_toml__oom(p);
		if ((rc = crk_toml__parse_string(p, 1, &n->u.str.s, &n->u.str.len)) != CRK_OK)
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
			if (!(n = crk_toml__new_node(p, CRK_TOML_BOOL, p->pos, depth)))
				return crk_toml__oom(p);
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
				return crk_toml__parse_datetime(p, depth, out);
			return crk_toml__parse_number(p, depth, out);
		}
		if (c == '+' || c == '-' || c == 'i' || c == 'n')
			return crk_toml__parse_number(p, depth, out);
		break;
	}
	if (c < 0 || at_newline(p) || c == '#')
		return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected a value, found %s",
			    crk_toml__what_at(p, p->pos, tmp));
	return crk_toml__fail(p, CRK_EPARSE, p->pos, "invalid value starting with %s",
		    crk_toml__what_at(p, p->pos, tmp));
}

/* ---- tables ---- */

/* [key] or [[key]] at pos; *cur receives the table the following pairs go into. */
static int parse_header(struct crk_toml__parser *p, struct crk_toml_node *root,
			struct crk_toml_node **cur)
{
	size_t start = p->pos, i;
	int aot = peek(p, 1) == '[';
	struct crk_toml_node *t = root, *v;
	const struct crk_toml_kv *kv;
	const struct crk_toml__seg *last;
	char kt[256], tmp[8];
	int rc;

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if ((rc = parse_key(p)) != CRK_OK)
		return rc;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		size_t at = aot && peek(p, 0) == ']' ? p->pos + 1 : p->pos;
		return crk_toml__fail(p, CRK_EPARSE, at, "expected '%s' after table name, found %s",
			    aot ? "]]" : "]", crk_toml__what_at(p, at, tmp));
	}
	p->pos += aot ? 2 : 1;

	for (i = 0; i + 1 < p->nsegs; i++) {
		const struct crk_toml__seg *s = &p->segs[i];
		kv = tab_find(t, s->s, s->n);
		if (!kv) {
			if ((rc = check_depth(p, t->depth + 1u, s->off)) != CRK_OK)
				return rc;
			if (!(v = crk_toml__new_node(p, CRK_TOML_TABLE, s->off, t->depth + 1u)))
				return crk_toml__oom(p);
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
			return crk_toml__fail(p, CRK_EPARSE, s->off,
				    "array '%s' was written as a value and cannot be extended",
				    key_text(p, i + 1, kt, sizeof(kt)));
		if (v->type != CRK_TOML_TABLE)
			return crk_toml__fail(p, CRK_EPARSE, s->off, "key '%s' is already a %s, not a table",
				    key_text(p, i + 1, kt, sizeof(kt)), crk_toml_type_name(v->type));
		if (v->flags & F_INLINE)
			return crk_toml__fail(p, CRK_EPARSE, s->off, "inline table '%s' cannot be extended",
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
			if (!(v = crk_toml__new_node(p, CRK_TOML_ARRAY, start, t->depth + 1u)))
				return crk_toml__oom(p);
			v->flags = F_AOT;
			if ((rc = tab_add(p, t, last, v)) != CRK_OK)
				return rc;
		} else if (v->type != CRK_TOML_ARRAY || !(v->flags & F_AOT)) {
			return crk_toml__fail(p, CRK_EPARSE, start, "cannot define array of tables [[%s]]: "
				    "key already holds a %s%s",
				    key_text(p, p->nsegs, kt, sizeof(kt)), crk_toml_type_name(v->type),
				    v->type == CRK_TOML_ARRAY ? " written as a value" : "");
		}
		if ((rc = check_depth(p, v->depth + 1u, start)) != CRK_OK)
			return rc;
		if (!(elem = crk_toml__new_node(p, CRK_TOML_TABLE, start, v->depth + 1u)))
			return crk_toml__oom(p);
		elem->flags = F_EXPLICIT;
		if ((rc = arr_push(p, v, elem)) != CRK_OK)
			return rc;
		*cur = elem;
		return CRK_OK;
	}
	if (!v) {
		if ((rc = check_depth(p, t->depth + 1u, last->off)) != CRK_OK)
			return rc;
		if (!(v = crk_toml__new_node(p, CRK_TOML_TABLE, start, t->depth + 1u)))
			return crk_toml__oom(p);
		if ((rc = tab_add(p, t, last, v)) != CRK_OK)
			return rc;
	} else if (v->type != CRK_TOML_TABLE) {
		return crk_toml__fail(p, CRK_EPARSE, start, "cannot define table [%s]: key already holds %s",
			    key_text(p, p->nsegs, kt, sizeof(kt)),
			    v->type == CRK_TOML_ARRAY && (v->flags & F_AOT) ? "an array of tables"
			    : v->type == CRK_TOML_ARRAY			  ? "an array"
								  : "a value");
	} else if (v->flags & (F_EXPLICIT | F_DOTTED | F_INLINE)) {
		return crk_toml__fail(p, CRK_EPARSE, start, "table [%s] defined twice",
			    key_text(p, p->nsegs, kt, sizeof(kt)));
	} else {
		pos_of(p, start, &v->line, &v->col);
	}
	v->flags |= F_EXPLICIT;
	*cur = v;
	return CRK_OK;
}

/* After a header or a pair: white space, an optional comment, then a newline or the end. */
static int end_of_line(struct crk_toml__parser *p, const char *after)
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
	return crk_toml__fail(p, CRK_EPARSE, p->pos, "expected end of line after %s, found %s", after,
		    crk_toml__what_at(p, p->pos, tmp));
}

int crk_toml_parse(struct crk_toml_node **out, const char *buf, size_t len, const char *origin,
		   struct crk_arena *arena, struct crk_err *err)
{
	struct crk_toml__parser *p;
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
	if (!(root = crk_toml__new_node(p, CRK_TOML_TABLE, p->pos, 0)))
		return crk_toml__oom(p);
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
