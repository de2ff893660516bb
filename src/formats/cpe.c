/*
 * cpe.c - CPE 2.3 formatted-string binding and unbinding (NISTIR 7695 §6.2; see cpe.h).
 *
 * Binding (§6.2.2, bind_to_fs): a WFN value is a string in which every printable non-
 * alphanumeric character other than '_' is quoted with a backslash; the formatted string writes
 * it back unquoted for '.', '-' and '_' and keeps the backslash for everything else
 * (process_quoted_chars). Starting from raw values, that is one rule per byte, below.
 *
 * Unbinding (§6.2.3, unbind_fs) checks the syntax of the CPE 2.3 dictionary schema's
 * formatted-string pattern for names (cpe23Type, NVD's official-cpe-dictionary_v2.3.xsd):
 *   cpe:2.3:[aho*-](:(avstring|[*-])){5}:(language|[*-])(:(avstring|[*-])){4}
 * with the part restricted to a, o or h (a name has one),
 * where avstring is one or more of [a-zA-Z0-9._-] or a backslash followed by one of
 * \ * ? ! " # $ % & ' ( ) + , / : ; < = > @ [ ] ^ ` { | } ~ (the pattern's optional leading and
 * trailing unquoted '*' or '?' are wildcards of match strings, refused here), and language is
 * [a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))? (RFC 5646 language and region).
 */
#include <stddef.h>
#include <string.h>

#include "formats/cpe.h"
#include "base/banned.h"

#define NATTR 11

static const char *const attr_names[NATTR] = {
	"part",       "vendor",    "product",   "version",   "update", "edition",
	"language",   "sw_edition", "target_sw", "target_hw", "other",
};

static const size_t attr_off[NATTR] = {
	offsetof(struct crk_cpe, part),       offsetof(struct crk_cpe, vendor),
	offsetof(struct crk_cpe, product),    offsetof(struct crk_cpe, version),
	offsetof(struct crk_cpe, update),     offsetof(struct crk_cpe, edition),
	offsetof(struct crk_cpe, language),   offsetof(struct crk_cpe, sw_edition),
	offsetof(struct crk_cpe, target_sw),  offsetof(struct crk_cpe, target_hw),
	offsetof(struct crk_cpe, other),
};

#define ATTR(c, i) (*(const char *const *)((const char *)(c) + attr_off[i]))
#define ATTR_SET(c, i) (*(const char **)((char *)(c) + attr_off[i]))

enum { A_PART = 0, A_LANGUAGE = 6 };

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static char lower(unsigned char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* The characters that follow a backslash in a formatted string. */
static int is_quotable(unsigned char c)
{
	return c && strchr("\\*?!\"#$%&'()+,/:;<=>@[]^`{|}~", c) != NULL;
}

/* language: [a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))? */
static int language_ok(const char *s, size_t n)
{
	size_t i = 0, k;
	while (i < n && i < 4 && is_alpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != '-')
		return 0;
	k = n - i - 1;
	if (k == 2)
		return is_alpha((unsigned char)s[i + 1]) && is_alpha((unsigned char)s[i + 2]);
	if (k == 3)
		return is_digit((unsigned char)s[i + 1]) && is_digit((unsigned char)s[i + 2]) &&
		       is_digit((unsigned char)s[i + 3]);
	return 0;
}

int crk_cpe_bind(struct crk_strbuf *out, const struct crk_cpe *c, struct crk_err *err)
{
	size_t i;
	const char *v;

	for (i = 0; i < NATTR; i++) {
		v = ATTR(c, i);
		if (i == A_PART && (!v || !v[0] || v[1] || !strchr("aohAOH", v[0])))
			return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					   "cpe: part must be 'a', 'o' or 'h'");
		if (i == A_LANGUAGE && v && v[0] && strcmp(v, CRK_CPE_NA) != 0 &&
		    !language_ok(v, strlen(v)))
			return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					   "cpe: language '%s' is not a language[-region] tag", v);
		for (; v && *v; v++) {
			unsigned char ch = (unsigned char)*v;
			if (ch < 0x20 || ch >= 0x7f)
				return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
						   "cpe: %s holds a character a CPE name cannot carry "
						   "(byte 0x%02x)", attr_names[i], ch);
		}
	}
	crk_strbuf_adds(out, "cpe:2.3");
	for (i = 0; i < NATTR; i++) {
		v = ATTR(c, i);
		crk_strbuf_addch(out, ':');
		if (!v || !*v) {
			crk_strbuf_addch(out, '*');
			continue;
		}
		if (strcmp(v, CRK_CPE_NA) == 0) {
			crk_strbuf_addch(out, '-');
			continue;
		}
		for (; *v; v++) {
			unsigned char ch = (unsigned char)*v;
			if (ch == ' ')
				crk_strbuf_addch(out, '_');
			else if (is_alpha(ch) || is_digit(ch) || ch == '_' || ch == '.' || ch == '-')
				crk_strbuf_addch(out, lower(ch));
			else {
				crk_strbuf_addch(out, '\\');
				crk_strbuf_addch(out, (char)ch);
			}
		}
	}
	if (!crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return CRK_OK;
}

struct span {
	size_t off, len;
};

/* Splits and checks a formatted string; fields[i] is attribute i. Returns 0 or -1. */
static int scan(const char *s, size_t n, struct span fields[NATTR])
{
	size_t i = 8, k = 0;
	if (n < 8 || memcmp(s, "cpe:2.3:", 8) != 0)
		return -1;
	for (k = 0; k < NATTR; k++) {
		size_t st = i;
		while (i < n && s[i] != ':') {
			unsigned char ch = (unsigned char)s[i];
			if (ch == '\\') {
				if (i + 1 >= n || !is_quotable((unsigned char)s[i + 1]))
					return -1;
				i += 2;
				continue;
			}
			if (!(is_alpha(ch) || is_digit(ch) || ch == '_' || ch == '.' || ch == '-' ||
			      ch == '*'))
				return -1;
			i++;
		}
		fields[k].off = st;
		fields[k].len = i - st;
		if (i - st == 0)
			return -1;
		if (k + 1 < NATTR) {
			if (i >= n)
				return -1;
			i++; /* the ':' */
		}
	}
	if (i != n)
		return -1;
	for (k = 0; k < NATTR; k++) {
		const char *f = s + fields[k].off;
		size_t fl = fields[k].len, j;
		/* a name's part is a, o or h (the dictionary pattern's '*' and '-' are for match
		 * strings, and crk_cpe_bind() cannot write them) */
		if (k == A_PART) {
			if (fl != 1 || !strchr("aoh", f[0]))
				return -1;
			continue;
		}
		if (fl == 1 && (f[0] == '*' || f[0] == '-'))
			continue;
		if (k == A_LANGUAGE) {
			if (!language_ok(f, fl))
				return -1;
			continue;
		}
		/* an unquoted '*' inside a value is a wildcard: names have none */
		for (j = 0; j < fl; j++) {
			if (f[j] == '\\')
				j++;
			else if (f[j] == '*')
				return -1;
		}
	}
	return 0;
}

int crk_cpe_valid(const char *s, size_t n)
{
	struct span f[NATTR];
	return scan(s, n, f) == 0;
}

int crk_cpe_unbind(struct crk_cpe *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err)
{
	struct span f[NATTR];
	size_t k;

	memset(out, 0, sizeof(*out));
	if (scan(s, n, f))
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "'%.*s' is not a CPE 2.3 formatted-string name",
				   (int)(n > 200 ? 200 : n), s);
	for (k = 0; k < NATTR; k++) {
		const char *v = s + f[k].off;
		size_t j, m = 0;
		char *d;
		if (f[k].len == 1 && v[0] == '*')
			continue;
		if (f[k].len == 1 && v[0] == '-') {
			ATTR_SET(out, k) = CRK_CPE_NA;
			continue;
		}
		d = crk_arena_alloc(a, f[k].len + 1);
		if (!d)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		for (j = 0; j < f[k].len; j++) {
			if (v[j] == '\\')
				j++;
			d[m++] = v[j];
		}
		d[m] = '\0';
		ATTR_SET(out, k) = d;
	}
	return CRK_OK;
}
