/*
 * toml_scalar.c - the scalar values of TOML 1.0.0 (https://toml.io/en/v1.0.0), for toml.c (which
 * reads the document's structure, keys and booleans, and calls in through toml_impl.h):
 *  - strings of the four kinds, escapes decoded to UTF-8, the input's UTF-8 and control
 *    characters checked, "\r\n" in multi-line strings read as "\n";
 *  - integers in four bases, 64-bit, underscores only between digits; floats converted in the C
 *    locale whatever the program's locale is;
 *  - offset and local date-times, dates and times, validated and kept as their source text.
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/limits.h"
#include "formats/toml.h"
#include "formats/toml_impl.h"
#include "base/banned.h"

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
size_t crk_toml__check_char(struct crk_toml__parser *p, size_t i, size_t end, int nl_ok,
			    const char *where)
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
		crk_toml__fail(p, CRK_EPARSE, i, "control character 0x%02x in %s", c, where);
		return 0;
	}
	n = utf8_seq((const unsigned char *)p->buf + i, end - i);
	if (!n)
		crk_toml__fail(p, CRK_EPARSE, i, "invalid UTF-8 in %s", where);
	return n;
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
static int decode_basic(struct crk_toml__parser *p, size_t start, size_t end, int ml,
			const char **out, size_t *outlen)
{
	char *dst = crk_arena_alloc(p->a, end - start + 1);
	const char *what = ml ? "multi-line string" : "string";
	size_t i = start, o = 0, n;
	if (!dst)
		return crk_toml__oom(p);
	while (i < end) {
		unsigned char c = (unsigned char)p->buf[i];
		if (c != '\\') {
			n = crk_toml__check_char(p, i, end, ml, what);
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
			return crk_toml__fail(p, CRK_EPARSE, i, "unterminated escape in %s", what);
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
				return crk_toml__fail(p, CRK_EPARSE, i, "\\%c escape needs %zu hex digits", c,
					    digits);
			for (k = 0; k < digits; k++) {
				int h = hexval((unsigned char)p->buf[i + 2 + k]);
				if (h < 0)
					return crk_toml__fail(p, CRK_EPARSE, i,
						    "\\%c escape needs %zu hex digits", c, digits);
				cp = (cp << 4) | (unsigned long)h;
			}
			if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				return crk_toml__fail(p, CRK_EPARSE, i,
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
					return crk_toml__fail(p, CRK_EPARSE, i,
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
				return crk_toml__fail(p, CRK_EPARSE, i, "invalid escape '\\' followed by %s",
					    crk_toml__what_at(p, i + 1, tmp));
			}
		}
	}
	if (o > CRK_MAX_STRING)
		return crk_toml__fail(p, CRK_ELIMIT, start, "string longer than %zu bytes", CRK_MAX_STRING);
	dst[o] = '\0';
	*out = dst;
	*outlen = o;
	return CRK_OK;
}

/* Checks and copies a literal string body [start, end). */
static int decode_literal(struct crk_toml__parser *p, size_t start, size_t end, int ml,
			  const char **out, size_t *outlen)
{
	size_t i = start, n, o = 0;
	char *dst = crk_arena_alloc(p->a, end - start + 1);
	if (!dst)
		return crk_toml__oom(p);
	while (i < end) {
		n = crk_toml__check_char(p, i, end, ml, ml ? "multi-line string" : "string");
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
		return crk_toml__fail(p, CRK_ELIMIT, start, "string longer than %zu bytes", CRK_MAX_STRING);
	dst[o] = '\0';
	*out = dst;
	*outlen = o;
	return CRK_OK;
}

/*
 * Parses a string starting at pos (at its opening quote). `allow_ml`: multi-line forms are
 * values, not keys. On success pos is after the closing quote(s).
 */
int crk_toml__parse_string(struct crk_toml__parser *p, int allow_ml, const char **out,
			   size_t *outlen)
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
				return crk_toml__fail(p, CRK_EPARSE, start, "unterminated string");
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
			return crk_toml__fail(p, CRK_EPARSE, i + 5, "too many quotes at the end of a "
							   "multi-line string");
		end = i + (run - 3);
		rc = q == '"' ? decode_basic(p, body, end, 1, out, outlen)
			      : decode_literal(p, body, end, 1, out, outlen);
		if (rc)
			return rc;
		crk_toml__advance_to(p, i + run);
		return CRK_OK;
	}
	body = start + 1;
	for (i = body;; i++) {
		if (i >= p->len || p->buf[i] == '\n' ||
		    (p->buf[i] == '\r' && i + 1 < p->len && p->buf[i + 1] == '\n'))
			return crk_toml__fail(p, CRK_EPARSE, start, "unterminated string");
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

int crk_toml__parse_number(struct crk_toml__parser *p, unsigned depth, struct crk_toml_node **out)
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
		if (!(n = crk_toml__new_node(p, CRK_TOML_FLOAT, start, depth)))
			return crk_toml__oom(p);
		n->u.f = s[0] == 'i' ? (neg ? -HUGE_VAL : HUGE_VAL) : (neg ? -NAN : NAN);
		p->pos = i;
		*out = n;
		return CRK_OK;
	}
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		uint64_t v = 0;
		if (sign)
			return crk_toml__fail(p, CRK_EPARSE, start, "a %s integer cannot have a sign",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
		if (digits_ok(s + 2, e, base))
			return crk_toml__fail(p, CRK_EPARSE, start, "invalid %s integer '%.*s'",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary",
				    (int)(e - p->buf - start > 64 ? 64 : e - p->buf - start),
				    p->buf + start);
		for (d = s + 2; d < e; d++) {
			if (*d == '_')
				continue;
			if (v > (UINT64_MAX >> (base == 16 ? 4 : base == 8 ? 3 : 1)) ||
			    (v = v * (uint64_t)base + (uint64_t)hexval((unsigned char)*d)) >
				    (uint64_t)INT64_MAX)
				return crk_toml__fail(p, CRK_EPARSE, start,
					    "integer does not fit in 64 bits");
		}
		if (!(n = crk_toml__new_node(p, CRK_TOML_INTEGER, start, depth)))
			return crk_toml__oom(p);
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
			return crk_toml__fail(p, CRK_EPARSE, start, "leading zero in a decimal number");
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
					return crk_toml__fail(p, CRK_EPARSE, start,
						    "integer does not fit in 64 bits");
				v = v * 10 + (uint64_t)(*d - '0');
			}
			if (!(n = crk_toml__new_node(p, CRK_TOML_INTEGER, start, depth)))
				return crk_toml__oom(p);
			n->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
		} else {
			char *clean = crk_arena_alloc(p->a, (size_t)(e - p->buf - start) + 1), *c;
			const char *q;
			if (!clean)
				return crk_toml__oom(p);
			for (c = clean, q = p->buf + start; q < e; q++)
				if (*q != '_')
					*c++ = *q;
			*c = '\0';
			if (!(n = crk_toml__new_node(p, CRK_TOML_FLOAT, start, depth)))
				return crk_toml__oom(p);
			pthread_once(&c_locale_once, make_c_locale);
			n->u.f = c_locale ? strtod_l(clean, NULL, c_locale) : strtod(clean, NULL);
		}
		p->pos = i;
		*out = n;
		return CRK_OK;
	}
bad:
	return crk_toml__fail(p, CRK_EPARSE, start, "invalid number '%.*s'",
		    (int)(e - p->buf - start > 64 ? 64 : e - p->buf - start), p->buf + start);
}

/* ---- dates and times ---- */

/* Reads exactly `n` digits at p->buf[*i]; -1 when they are not there. */
static int read_digits(struct crk_toml__parser *p, size_t *i, int n)
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

static int expect_char(struct crk_toml__parser *p, size_t *i, char c)
{
	if (*i >= p->len || p->buf[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

/* HH:MM:SS[.frac] at *i; 0 when valid. */
static int read_time(struct crk_toml__parser *p, size_t *i)
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

int crk_toml__parse_datetime(struct crk_toml__parser *p, unsigned depth, struct crk_toml_node **out)
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
	if (!(n = crk_toml__new_node(p, CRK_TOML_DATETIME, start, depth)))
		return crk_toml__oom(p);
	n->dt_kind = (unsigned char)kind;
	n->u.str.s = crk_arena_strndup(p->a, p->buf + start, i - start);
	if (!n->u.str.s)
		return crk_toml__oom(p);
	n->u.str.len = i - start;
	p->pos = i;
	*out = n;
	return CRK_OK;
bad:
	while (i < p->len && (is_bare((unsigned char)p->buf[i]) || p->buf[i] == ':' ||
			      p->buf[i] == '.' || p->buf[i] == '+'))
		i++;
	return crk_toml__fail(p, CRK_EPARSE, start, "invalid date or time '%.*s'",
		    (int)(i - start > 64 ? 64 : i - start), p->buf + start);
}
