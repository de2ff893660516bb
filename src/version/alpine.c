/*
 * alpine.c - Alpine (apk) package versions as `apk version -t` of apk-tools 3 orders them
 * (https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver and apk-tools' src/version.c;
 * checked against apk-tools 3.0.6 by the versions-oracle corpus). Also Wolfi, Chainguard,
 * Alpaquita and MinimOS versions.
 *
 *   number{.number}...[letter]{_suffix[number]}...[~hash][-rN]
 *
 * A version is a sequence of tokens, each allowed only after certain others: the first number;
 * ".number" (after numbers only); one lower-case letter (after a number); "_suffix" with an
 * optional number, where suffix is alpha, beta, pre, rc (before the release) or cvs, svn, git,
 * hg, p (after it); "~" and lower-case hex digits (a commit hash); "-r" and a number (the
 * package revision, last). Anything else is invalid (apk version -c).
 *
 * Order: token by token while both have the same kind: numbers numerically as 64-bit unsigned
 * integers (apk-tools 3 wraps larger ones: 18446744073709551617 = 1; we do the same), except
 * that a ".number" with a leading zero in either version compares as a string (1.01 < 1.1,
 * 1.01 < 1.010); letters, suffixes (in the order above) and hashes by value. When the kinds
 * differ, a version continuing with a pre-release suffix is lower; otherwise the one whose next
 * token comes earlier in the grammar (number < letter < suffix < suffix number < hash <
 * revision < end) is higher: 1.0 < 1.0a < 1.0.1, 1.0_rc1 < 1.0 < 1.0_p1 < 1.0-r0, 1.0 < 1.0.0.
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

enum tok {
	T_INITIAL,
	T_DIGIT,
	T_LETTER,
	T_SUFFIX,
	T_SUFFIX_NO,
	T_HASH,
	T_REVISION,
	T_END,
	T_INVALID,
};

enum { S_INVALID, S_ALPHA, S_BETA, S_PRE, S_RC, S_NONE, S_CVS, S_SVN, S_GIT, S_HG, S_P };

struct tstate {
	const char *s, *end; /* what is left */
	enum tok tok;
	int suffix;
	unsigned long long num;
	const char *val; /* the token's text (digits, letter, suffix name or hash) */
	size_t vlen;
};

static int suffix_value(const char *s, size_t n)
{
	static const char *const names[] = {"", "alpha", "beta", "pre", "rc", "",
					    "cvs", "svn", "git", "hg", "p"};
	int i;
	for (i = S_ALPHA; i <= S_P; i++)
		if (i != S_NONE && strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	return S_INVALID;
}

static void digits(struct tstate *t)
{
	unsigned long long v = 0;
	const char *start = t->s;
	while (t->s < t->end && crk_vdigit((unsigned char)*t->s))
		v = v * 10 + (unsigned)(*t->s++ - '0'); /* wraps modulo 2^64, as apk-tools 3 */
	t->num = v;
	t->val = start;
	t->vlen = (size_t)(t->s - start);
	if (t->vlen == 0)
		t->tok = T_INVALID;
}

static void first(struct tstate *t, const char *v, size_t len)
{
	t->s = v;
	t->end = v + len;
	t->tok = T_INITIAL;
	t->suffix = S_INVALID;
	digits(t);
}

static void next(struct tstate *t)
{
	int c;
	if (t->s == t->end) {
		t->tok = T_END;
		return;
	}
	c = (unsigned char)*t->s;
	if (crk_vlower(c)) {
		if (t->tok > T_DIGIT)
			goto invalid;
		t->val = t->s++;
		t->vlen = 1;
		t->tok = T_LETTER;
	} else if (c == '.' || crk_vdigit(c)) {
		if (c == '.') {
			if (t->tok > T_DIGIT)
				goto invalid;
			t->s++;
		}
		if (t->tok == T_INITIAL || t->tok == T_DIGIT)
			t->tok = T_DIGIT;
		else if (t->tok == T_SUFFIX)
			t->tok = T_SUFFIX_NO;
		else
			goto invalid;
		digits(t);
	} else if (c == '_') {
		if (t->tok > T_SUFFIX_NO)
			goto invalid;
		t->val = ++t->s;
		while (t->s < t->end && crk_vlower((unsigned char)*t->s))
			t->s++;
		t->vlen = (size_t)(t->s - t->val);
		t->suffix = suffix_value(t->val, t->vlen);
		if (t->suffix == S_INVALID)
			goto invalid;
		t->tok = T_SUFFIX;
	} else if (c == '~') {
		if (t->tok >= T_HASH)
			goto invalid;
		t->val = ++t->s;
		while (t->s < t->end && (crk_vdigit((unsigned char)*t->s) ||
					 (*t->s >= 'a' && *t->s <= 'f')))
			t->s++;
		t->vlen = (size_t)(t->s - t->val);
		if (t->vlen == 0)
			goto invalid;
		t->tok = T_HASH;
	} else if (c == '-') {
		if (t->tok >= T_REVISION || t->end - t->s < 2 || t->s[1] != 'r')
			goto invalid;
		t->s += 2;
		t->tok = T_REVISION;
		digits(t);
	} else {
		goto invalid;
	}
	return;
invalid:
	t->tok = T_INVALID;
}

static int token_cmp(const struct tstate *a, const struct tstate *b)
{
	unsigned long long x, y;
	switch (a->tok) {
	case T_DIGIT:
		if (a->val[0] == '0' || b->val[0] == '0')
			return crk_version__bytecmp(a->val, a->vlen, b->val, b->vlen);
		/* fall through */
	case T_INITIAL:
	case T_SUFFIX_NO:
	case T_REVISION:
		x = a->num;
		y = b->num;
		break;
	case T_LETTER:
		x = (unsigned char)a->val[0];
		y = (unsigned char)b->val[0];
		break;
	case T_SUFFIX:
		x = (unsigned)a->suffix;
		y = (unsigned)b->suffix;
		break;
	default:
		return crk_version__bytecmp(a->val, a->vlen, b->val, b->vlen);
	}
	return (x > y) - (x < y);
}

static int alpine_valid(const char *v, size_t len, struct crk_err *err)
{
	struct tstate t;
	for (first(&t, v, len); t.tok < T_END; next(&t))
		;
	if (t.tok == T_END)
		return CRK_OK;
	if (t.s == v)
		return crk_version__invalid(err, &crk_version_alpine, v, len,
					    "a version starts with a number");
	return crk_version__invalid(err, &crk_version_alpine, v, len,
				    "unexpected '%c' at offset %zu (a version is "
				    "N{.N}[a]{_suffix[N]}[~hash][-rN])",
				    t.s < t.end ? *t.s : ' ', (size_t)(t.s - v));
}

static int alpine_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			  struct crk_err *err)
{
	struct tstate ta, tb;
	int rc = alpine_valid(a, alen, err);
	if (!rc)
		rc = alpine_valid(b, blen, err);
	if (rc)
		return rc;
	for (first(&ta, a, alen), first(&tb, b, blen); ta.tok == tb.tok && ta.tok < T_END;
	     next(&ta), next(&tb)) {
		int c = token_cmp(&ta, &tb);
		if (c) {
			*out = c;
			return CRK_OK;
		}
	}
	if (ta.tok == tb.tok)
		*out = 0;
	else if (ta.tok == T_SUFFIX && ta.suffix < S_NONE)
		*out = -1;
	else if (tb.tok == T_SUFFIX && tb.suffix < S_NONE)
		*out = 1;
	else
		*out = ta.tok > tb.tok ? -1 : 1;
	return CRK_OK;
}

static const char *const alpine_ecosystems[] = {"Alpine",  "Wolfi", "Chainguard", "Alpaquita",
						"MinimOS", "BellSoft Hardened Containers", NULL};

const struct crk_version_scheme crk_version_alpine = {
	.name = "alpine",
	.title = "apk-tools",
	.ecosystems = alpine_ecosystems,
	.compare = alpine_compare,
	.valid = alpine_valid,
	.spec = "https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver",
	.doc = "apk version -t (apk-tools 3): digits, one letter, _alpha.._p suffixes, ~hash, -rN",
};
