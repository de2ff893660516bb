/* spdx_license.c - see spdx_license.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "formats/spdx_license.h"
#include "base/banned.h"

extern const char *const crk_spdx_license_ids[];
extern const size_t crk_spdx_license_count;
extern const char *const crk_spdx_exception_ids[];
extern const size_t crk_spdx_exception_count;

static const char *find(const char *const *v, size_t count, const char *s, size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncasecmp(v[mid], s, n);
		if (c == 0 && v[mid][n] != '\0')
			c = 1; /* v[mid] is longer: it sorts after s */
		if (c == 0)
			return v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *crk_spdx_license_id(const char *s, size_t n)
{
	return n ? find(crk_spdx_license_ids, crk_spdx_license_count, s, n) : NULL;
}

const char *crk_spdx_exception_id(const char *s, size_t n)
{
	return n ? find(crk_spdx_exception_ids, crk_spdx_exception_count, s, n) : NULL;
}

/* ---- the expression parser: recursive descent over tokens ---- */

struct lex {
	const char *s;
	size_t n, pos;
	const char *tok; /* current token */
	size_t tn;
	struct crk_strbuf *out;
	int ok;
};

static int idchar(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '.';
}

static void next(struct lex *l)
{
	while (l->pos < l->n && (l->s[l->pos] == ' ' || l->s[l->pos] == '\t'))
		l->pos++;
	l->tok = l->s + l->pos;
	if (l->pos >= l->n) {
		l->tn = 0;
		return;
	}
	if (l->s[l->pos] == '(' || l->s[l->pos] == ')' || l->s[l->pos] == '+') {
		l->tn = 1;
	} else {
		size_t e = l->pos;
		while (e < l->n && (idchar(l->s[e]) || l->s[e] == ':'))
			e++;
		l->tn = e - l->pos;
		if (!l->tn) { /* a character no token has */
			l->ok = 0;
			l->tn = 1;
		}
	}
	l->pos += l->tn;
}

static int is_word(const struct lex *l, const char *w)
{
	return l->tn == strlen(w) && strncasecmp(l->tok, w, l->tn) == 0;
}

static void emit(struct lex *l, const char *s, size_t n)
{
	if (l->out)
		crk_strbuf_add(l->out, s, n);
}

static int idstring(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!idchar(s[i]))
			return 0;
	return 1;
}

static int expr(struct lex *l, int depth);

/* simple [+] [WITH exception] | ( expr ) */
static int term(struct lex *l, int depth)
{
	if (l->tn == 1 && l->tok[0] == '(') {
		emit(l, "(", 1);
		next(l);
		if (!expr(l, depth + 1) || !(l->tn == 1 && l->tok[0] == ')'))
			return 0;
		emit(l, ")", 1);
		next(l);
		return 1;
	}
	if (!l->tn)
		return 0;
	if (l->tn > 11 && strncmp(l->tok, "LicenseRef-", 11) == 0 &&
	    idstring(l->tok + 11, l->tn - 11)) {
		emit(l, l->tok, l->tn);
	} else if (l->tn > 12 && strncmp(l->tok, "DocumentRef-", 12) == 0) {
		const char *colon = memchr(l->tok, ':', l->tn);
		size_t rest;
		if (!colon || !idstring(l->tok + 12, (size_t)(colon - l->tok) - 12))
			return 0;
		rest = l->tn - (size_t)(colon - l->tok) - 1;
		if (rest <= 11 || strncmp(colon + 1, "LicenseRef-", 11) != 0 ||
		    !idstring(colon + 12, rest - 11))
			return 0;
		emit(l, l->tok, l->tn);
	} else {
		const char *id = crk_spdx_license_id(l->tok, l->tn);
		if (!id)
			return 0;
		emit(l, id, strlen(id));
		next(l);
		if (l->tn == 1 && l->tok[0] == '+') {
			emit(l, "+", 1);
			next(l);
		}
		goto with;
	}
	next(l);
with:
	if (is_word(l, "WITH")) {
		const char *ex;
		next(l);
		ex = crk_spdx_exception_id(l->tok, l->tn);
		if (!ex)
			return 0;
		emit(l, " WITH ", 6);
		emit(l, ex, strlen(ex));
		next(l);
	}
	return 1;
}

static int expr(struct lex *l, int depth)
{
	if (depth > CRK_MAX_DEPTH || !term(l, depth))
		return 0;
	while (is_word(l, "AND") || is_word(l, "OR")) {
		int and = is_word(l, "AND");
		emit(l, and ? " AND " : " OR ", and ? 5 : 4);
		next(l);
		if (!term(l, depth))
			return 0;
	}
	return 1;
}

enum crk_spdx_kind crk_spdx_expression(const char *s, size_t n, struct crk_strbuf *out)
{
	struct lex l;
	size_t start = out ? out->len : 0;
	const char *id;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	if (!n)
		return CRK_SPDX_INVALID;
	id = crk_spdx_license_id(s, n);
	if (id) {
		if (out)
			crk_strbuf_adds(out, id);
		return CRK_SPDX_ID;
	}
	memset(&l, 0, sizeof(l));
	l.s = s;
	l.n = n;
	l.out = out;
	l.ok = 1;
	next(&l);
	if (expr(&l, 0) && l.ok && l.tn == 0)
		return CRK_SPDX_EXPRESSION;
	if (out) {
		out->len = start;
		if (out->alloc)
			out->buf[start] = '\0';
	}
	return CRK_SPDX_INVALID;
}
