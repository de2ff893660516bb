/* spdx_license.c - see spdx_license.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/map.h"
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

/* ---- normalising what package metadata writes ---- */

/* Common spellings of listed licences (whole text, compared after alias_key(): lower case, runs
 * of spaces, '_' and '-' as one space, a leading "the " and a trailing " license"/" licence"
 * dropped). Only spellings that name one licence unambiguously: "BSD", "GPL" and "Apache
 * Software License" say no version or clause count, so they stay LicenseRefs. Sources: the
 * short names of Fedora's old licensing list (GPLv2+, ASL 2.0, ...), Maven Central's and
 * PyPI's usual license names, Debian's copyright-format short names (Expat). */
static const struct {
	const char *key, *spdx;
} aliases[] = {
	{"afl 2.1", "AFL-2.1"},
	{"afl 3.0", "AFL-3.0"},
	{"agplv3", "AGPL-3.0-only"},
	{"agplv3+", "AGPL-3.0-or-later"},
	{"al 2.0", "Apache-2.0"},
	{"al2", "Apache-2.0"},
	{"apache 2", "Apache-2.0"},
	{"apache 2.0", "Apache-2.0"},
	{"apache license 2.0", "Apache-2.0"},
	{"apache license v2", "Apache-2.0"},
	{"apache license v2.0", "Apache-2.0"},
	{"apache license version 2", "Apache-2.0"},
	{"apache license version 2.0", "Apache-2.0"},
	{"apache license, version 2.0", "Apache-2.0"},
	{"apache software license 2.0", "Apache-2.0"},
	{"apache software license, version 2.0", "Apache-2.0"},
	{"apache software license version 2.0", "Apache-2.0"},
	{"apache v2", "Apache-2.0"},
	{"apache2", "Apache-2.0"},
	{"apache2.0", "Apache-2.0"},
	{"artistic 2.0", "Artistic-2.0"},
	{"asl 2.0", "Apache-2.0"},
	{"asl2", "Apache-2.0"},
	{"boost", "BSL-1.0"},
	{"boost software license 1.0", "BSL-1.0"},
	{"boost software license", "BSL-1.0"},
	{"bsd 2 clause", "BSD-2-Clause"},
	{"bsd 3 clause", "BSD-3-Clause"},
	{"bsd new", "BSD-3-Clause"},
	{"bsd simplified", "BSD-2-Clause"},
	{"bsd2", "BSD-2-Clause"},
	{"bsd3", "BSD-3-Clause"},
	{"cc0", "CC0-1.0"},
	{"cc0 1.0", "CC0-1.0"},
	{"cc0 1.0 universal", "CC0-1.0"},
	{"cddl 1.0", "CDDL-1.0"},
	{"cddl 1.1", "CDDL-1.1"},
	{"eclipse public license 1.0", "EPL-1.0"},
	{"eclipse public license 2.0", "EPL-2.0"},
	{"eclipse public license v1.0", "EPL-1.0"},
	{"eclipse public license v2.0", "EPL-2.0"},
	{"epl 1.0", "EPL-1.0"},
	{"epl 2.0", "EPL-2.0"},
	{"eplv1", "EPL-1.0"},
	{"eplv2", "EPL-2.0"},
	{"eupl 1.1", "EUPL-1.1"},
	{"eupl 1.2", "EUPL-1.2"},
	{"expat", "MIT"},
	{"gnu gpl v2", "GPL-2.0-only"},
	{"gnu gpl v3", "GPL-3.0-only"},
	{"gnu lgpl v2.1", "LGPL-2.1-only"},
	{"gnu lgpl v3", "LGPL-3.0-only"},
	{"gpl+", "GPL-1.0-or-later"},
	{"gpl 2", "GPL-2.0-only"},
	{"gpl 2+", "GPL-2.0-or-later"},
	{"gpl 3", "GPL-3.0-only"},
	{"gpl 3+", "GPL-3.0-or-later"},
	{"gpl v2", "GPL-2.0-only"},
	{"gpl v2+", "GPL-2.0-or-later"},
	{"gpl v3", "GPL-3.0-only"},
	{"gpl v3+", "GPL-3.0-or-later"},
	{"gpl2", "GPL-2.0-only"},
	{"gpl2+", "GPL-2.0-or-later"},
	{"gpl3", "GPL-3.0-only"},
	{"gpl3+", "GPL-3.0-or-later"},
	{"gplv2", "GPL-2.0-only"},
	{"gplv2 or later", "GPL-2.0-or-later"},
	{"gplv2+", "GPL-2.0-or-later"},
	{"gplv3", "GPL-3.0-only"},
	{"gplv3 or later", "GPL-3.0-or-later"},
	{"gplv3+", "GPL-3.0-or-later"},
	{"isc", "ISC"},
	{"lgpl 2.1", "LGPL-2.1-only"},
	{"lgpl 2.1+", "LGPL-2.1-or-later"},
	{"lgpl 3", "LGPL-3.0-only"},
	{"lgpl 3+", "LGPL-3.0-or-later"},
	{"lgpl v2.1", "LGPL-2.1-only"},
	{"lgpl v3", "LGPL-3.0-only"},
	{"lgplv2", "LGPL-2.0-only"},
	{"lgplv2+", "LGPL-2.0-or-later"},
	{"lgplv2.1", "LGPL-2.1-only"},
	{"lgplv2.1+", "LGPL-2.1-or-later"},
	{"lgplv3", "LGPL-3.0-only"},
	{"lgplv3+", "LGPL-3.0-or-later"},
	{"mit", "MIT"},
	{"mit x11", "MIT"}, /* Debian and Perl metadata: the MIT licence in X11 wording */
	{"modified bsd", "BSD-3-Clause"},
	{"mozilla public license 1.1", "MPL-1.1"},
	{"mozilla public license 2.0", "MPL-2.0"},
	{"mozilla public license, version 2.0", "MPL-2.0"},
	{"mpl 1.1", "MPL-1.1"},
	{"mpl 2", "MPL-2.0"},
	{"mpl 2.0", "MPL-2.0"},
	{"mplv1.1", "MPL-1.1"},
	{"mplv2", "MPL-2.0"},
	{"mplv2.0", "MPL-2.0"},
	{"new bsd", "BSD-3-Clause"},
	{"openssl", "OpenSSL"},
	{"psf", "PSF-2.0"},
	{"psfl", "PSF-2.0"},
	{"python software foundation", "PSF-2.0"},
	{"revised bsd", "BSD-3-Clause"},
	{"simplified bsd", "BSD-2-Clause"},
	{"three clause bsd", "BSD-3-Clause"},
	{"two clause bsd", "BSD-2-Clause"},
	{"unlicense", "Unlicense"},
	{"zlib", "Zlib"},
	{"zlib libpng", "Zlib"},
	{"zpl 2.1", "ZPL-2.1"},
	{"2 clause bsd", "BSD-2-Clause"},
	{"3 clause bsd", "BSD-3-Clause"},
};

#define ALIAS_KEY_MAX 64

/* The comparison key of aliases[] (see there); 0 when `s` is too long to be one. */
static size_t alias_key(const char *s, size_t n, char out[ALIAS_KEY_MAX])
{
	size_t k = 0, i;
	int space = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '/' || c == '"' ||
		    c == '\'') {
			space = k > 0;
			continue;
		}
		if (space) {
			if (k + 1 >= ALIAS_KEY_MAX)
				return 0;
			out[k++] = ' ';
			space = 0;
		}
		if (k + 1 >= ALIAS_KEY_MAX)
			return 0;
		out[k++] = (char)tolower((unsigned char)c);
	}
	out[k] = '\0';
	if (k > 4 && strncmp(out, "the ", 4) == 0) {
		memmove(out, out + 4, k - 3);
		k -= 4;
	}
	for (i = 0; i < 2; i++) {
		static const char *const suffix[] = {" license", " licence"};
		size_t sl = strlen(suffix[i]);
		if (k > sl && strcmp(out + k - sl, suffix[i]) == 0) {
			k -= sl;
			out[k] = '\0';
		}
	}
	return k;
}

static const char *alias_of(const char *s, size_t n)
{
	char key[ALIAS_KEY_MAX];
	size_t i;
	if (!alias_key(s, n, key))
		return NULL;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].key, key) == 0)
			return aliases[i].spdx;
	/* "MIT License", "ISC License": a listed id followed by the word */
	return crk_spdx_license_id(key, strlen(key));
}

struct norm {
	struct crk_strbuf *out;
	crk_spdx_ref_fn on_ref;
	void *ud;
	int refs;      /* LicenseRefs made */
	int depth;     /* parentheses open; below 0 means unbalanced */
	int with_next; /* the term that follows is an exception */
};

/* Appends "LicenseRef-crakit-<s reduced to [A-Za-z0-9.-]>" and reports it. */
static void norm_ref(struct norm *z, const char *s, size_t n)
{
	struct crk_strbuf ref = CRK_STRBUF_INIT(0);
	size_t i, kept = 0;
	int dash = 0;
	crk_strbuf_adds(&ref, "LicenseRef-crakit-");
	for (i = 0; i < n && kept < 64; i++) {
		char c = s[i];
		if (isalnum((unsigned char)c) || c == '.') {
			if (dash && kept)
				crk_strbuf_addch(&ref, '-');
			dash = 0;
			crk_strbuf_addch(&ref, c);
			kept++;
		} else {
			dash = 1;
		}
	}
	if (!kept) /* nothing readable: named by a hash of its bytes */
		crk_strbuf_addf(&ref, "%016llx", (unsigned long long)crk_hash_bytes(s, n));
	crk_strbuf_add(z->out, ref.buf, ref.len);
	if (!crk_strbuf_ok(&ref))
		z->out->failed = 1;
	else if (z->on_ref)
		z->on_ref(z->ud, ref.buf, s, n);
	crk_strbuf_release(&ref);
	z->refs++;
}

/* One term (no operator inside): a valid expression of its own, an alias, else a LicenseRef;
 * after WITH, an exception id (else the WITH cannot stand and the split fails later). */
static void norm_term(struct norm *z, const char *s, size_t n)
{
	const char *a;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return;
	if (z->with_next) {
		z->with_next = 0;
		a = crk_spdx_exception_id(s, n);
		if (a)
			crk_strbuf_adds(z->out, a);
		else
			norm_ref(z, s, n);
		return;
	}
	if (crk_spdx_expression(s, n, z->out) != CRK_SPDX_INVALID)
		return;
	a = alias_of(s, n);
	if (a)
		crk_strbuf_adds(z->out, a);
	else
		norm_ref(z, s, n);
}

/* The operator starting at s[i] (a word bounded by a space or parenthesis before and a space or
 * parenthesis after, or a separator character): its length through trailing spaces, 0 when
 * there is none; " AND " / " OR " / " WITH " in *op. */
static size_t op_at(const char *s, size_t n, size_t i, const char **op)
{
	static const struct {
		const char *w, *op;
	} words[] = {{"and", " AND "}, {"or", " OR "}, {"with", " WITH "}};
	size_t k, j;
	char c = s[i];
	if (c == ',' || c == ';' || c == '&') {
		*op = " AND ";
		j = i + 1;
		goto spaces;
	}
	if (c == '/' || c == '|') {
		*op = " OR ";
		j = i + 1;
		goto spaces;
	}
	if (i == 0 || (s[i - 1] != ' ' && s[i - 1] != ')'))
		return 0;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t wl = strlen(words[k].w);
		if (i + wl < n && strncasecmp(s + i, words[k].w, wl) == 0 &&
		    (s[i + wl] == ' ' || s[i + wl] == '(')) {
			*op = words[k].op;
			j = i + wl;
			goto spaces;
		}
	}
	return 0;
spaces:
	while (j < n && s[j] == ' ')
		j++;
	return j - i;
}

/* Splits s at operators and parentheses, mapping each term into z->out. */
static void norm_split(struct norm *z, const char *s, size_t n)
{
	size_t i = 0, term = 0;
	while (i <= n) {
		const char *op = NULL;
		size_t ol = 0;
		if (i < n && (s[i] == '(' || s[i] == ')')) {
			norm_term(z, s + term, i - term);
			crk_strbuf_addch(z->out, s[i]);
			z->depth += s[i] == '(' ? 1 : -1;
			if (z->depth < 0)
				z->depth = -(1 << 20); /* stays negative: unbalanced */
			term = ++i;
			continue;
		}
		if (i == n || (ol = op_at(s, n, i, &op)) > 0) {
			norm_term(z, s + term, i - term);
			if (i == n)
				break;
			crk_strbuf_adds(z->out, op);
			z->with_next = op[1] == 'W';
			i += ol;
			term = i;
			continue;
		}
		i++;
	}
}

enum crk_spdx_kind crk_spdx_normalise(const char *s, size_t n, struct crk_strbuf *out,
				      crk_spdx_ref_fn on_ref, void *ud)
{
	struct crk_strbuf tmp = CRK_STRBUF_INIT(0);
	struct norm z;
	const char *a;
	enum crk_spdx_kind k;

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	if (!n || (n == 4 && memcmp(s, "NONE", 4) == 0) ||
	    (n == 11 && memcmp(s, "NOASSERTION", 11) == 0))
		return CRK_SPDX_INVALID;
	k = crk_spdx_expression(s, n, out);
	if (k != CRK_SPDX_INVALID)
		return k;
	a = alias_of(s, n);
	if (a) {
		crk_strbuf_adds(out, a);
		return crk_spdx_license_id(a, strlen(a)) ? CRK_SPDX_ID : CRK_SPDX_EXPRESSION;
	}
	/* split at the operators; the LicenseRefs are reported only once the whole is known to be
	 * a valid expression (a second split, into a scratch buffer) */
	memset(&z, 0, sizeof(z));
	z.out = &tmp;
	norm_split(&z, s, n);
	if (z.depth == 0 && crk_strbuf_ok(&tmp) &&
	    crk_spdx_expression(tmp.buf, tmp.len, NULL) != CRK_SPDX_INVALID) {
		crk_strbuf_add(out, tmp.buf, tmp.len);
		if (on_ref && z.refs) {
			crk_strbuf_reset(&tmp);
			memset(&z, 0, sizeof(z));
			z.out = &tmp;
			z.on_ref = on_ref;
			z.ud = ud;
			norm_split(&z, s, n);
		}
	} else {
		/* unbalanced, or operators where SPDX allows none: the whole text is one licence
		 * crakit cannot name */
		memset(&z, 0, sizeof(z));
		z.out = out;
		z.on_ref = on_ref;
		z.ud = ud;
		norm_ref(&z, s, n);
	}
	if (!crk_strbuf_ok(&tmp))
		out->failed = 1;
	crk_strbuf_release(&tmp);
	return CRK_SPDX_EXPRESSION;
}

int crk_spdx_has_ref(const char *s)
{
	return s && strstr(s, "LicenseRef-") != NULL;
}
