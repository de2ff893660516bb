/*
 * composer.c - Packagist versions: composer/semver's VersionParser::normalize() on both sides,
 * then Comparator, which is PHP's version_compare() on the normalised strings
 * (https://getcomposer.org/doc/articles/versions.md, https://www.php.net/version_compare;
 * checked against composer/semver 3.3.2 on PHP 8.2 by the versions-oracle corpus).
 *
 * Normalisation (VersionParser::normalize), after trimming " \t\n\r\0\x0B":
 *   - "X as Y" keeps X; a trailing "@stable|@RC|@beta|@alpha|@dev" is dropped;
 *   - "master", "trunk", "default" become the branch "dev-master"...; "dev-NAME" (any case) is
 *     the branch "dev-NAME";
 *   - "+build" metadata is dropped;
 *   - classical versions: [v]N{1,5}[.N][.N][.N] padded to four numbers, then a modifier:
 *     [._-]? (stable|beta|b|RC|alpha|a|patch|pl|p) [[.-]?N]... and/or [.-]?dev, written as
 *     "-beta2", "-RC1", "-patch1", "-dev" ("stable" is dropped, and with it any number and dev);
 *   - date versions: [v]YYYY followed by one to six two-digit groups and an optional one to three
 *     digit group, each optionally after . : or -, written with dots, then the same modifier;
 *   - "N[.N|x][.N|x][.N|x]" followed by [.-]dev is a branch alias, x and missing parts becoming
 *     9999999: 1.0.x-dev is 1.0.9999999.9999999-dev;
 *   - anything else is invalid ("1.0-foo", "1.0.0.0.0", "1.0 1").
 * Order (version_compare after canonicalisation: "-", "_", "+" and other punctuation become ".",
 * a "." is put between digits and letters): part by part, numbers numerically (saturating at
 * 2^63-1, as PHP's strtol does), words by their "special form": dev < alpha = a < beta = b <
 * RC = rc < (a number) < pl = p, any other word below all of them, each matched as a prefix
 * ("patch" is "p"); when one runs out, a following number makes it lower, a following word
 * compares against "a number". So 1.0.0-dev < 1.0.0-alpha < 1.0.0-beta1 < 1.0.0-RC1 < 1.0.0 <
 * 1.0.0-patch1.
 * Branches: "dev-X" compares with numbered versions through version_compare (dev-master <
 * 1.0.0); two different branches have no order (CRK_EINVAL), as Composer's Comparator answers
 * false for <, = and >.
 *
 * Departure: a version with a control character inside is refused (PCRE's unanchored search
 * would find a branch alias after a newline).
 *
 * normalize() gives the normalised string: "1.0.0.0-beta2", "dev-master".
 */
#include <string.h>

#include "base/strbuf.h"
#include "version/scheme.h"
#include "base/banned.h"

static int bad(struct crk_err *err, const char *v, size_t vlen, const char *why)
{
	return crk_version__invalid(err, &crk_version_composer, v, vlen, "%s", why);
}

static int ieq(const char *p, size_t n, const char *lit)
{
	size_t i, k = strlen(lit);
	if (n != k)
		return 0;
	for (i = 0; i < k; i++)
		if (crk_vtolower((unsigned char)p[i]) != crk_vtolower((unsigned char)lit[i]))
			return 0;
	return 1;
}

static int iprefix(const char *p, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && ieq(p, k, lit);
}

/* The modifier: [._-]?(?:(stability)((?:[.-]?\d+)*+)?)?([.-]?dev)?, all of s[0..n). */
struct mod {
	const char *stab, *tail;
	size_t stabl, taill;
	int dev;
};

static int parse_mod(const char *s, size_t n, struct mod *m)
{
	static const char *const stabs[] = {"stable", "patch", "alpha", "beta", "pl", "RC",
					    "a",      "b",     "p"};
	size_t i = 0, k;
	memset(m, 0, sizeof(*m));
	if (i < n && (s[i] == '.' || s[i] == '_' || s[i] == '-'))
		i++;
	for (k = 0; k < sizeof(stabs) / sizeof(stabs[0]); k++) {
		if (iprefix(s + i, n - i, stabs[k])) {
			m->stab = s + i;
			m->stabl = strlen(stabs[k]);
			i += m->stabl;
			m->tail = s + i;
			for (;;) { /* possessive: as many [.-]?\d+ as there are */
				size_t j = i;
				if (j < n && (s[j] == '.' || s[j] == '-'))
					j++;
				if (j < n && crk_vdigit((unsigned char)s[j]))
					i = j + crk_vdigits(s + j, n - j);
				else
					break;
			}
			m->taill = (size_t)(s + i - m->tail);
			break;
		}
	}
	if (i < n && (s[i] == '.' || s[i] == '-') && iprefix(s + i + 1, n - i - 1, "dev"))
		i += 4, m->dev = 1;
	else if (iprefix(s + i, n - i, "dev"))
		i += 3, m->dev = 1;
	return i == n;
}

/* Appends the modifier as normalize() writes it; 0 when "stable" ends the version there. */
static int add_mod(struct crk_strbuf *out, const struct mod *m)
{
	if (m->stab) {
		size_t t = 0;
		if (m->stabl == 6 && memcmp(m->stab, "stable", 6) == 0)
			return 0;
		crk_strbuf_addch(out, '-');
		if (ieq(m->stab, m->stabl, "a"))
			crk_strbuf_adds(out, "alpha");
		else if (ieq(m->stab, m->stabl, "b"))
			crk_strbuf_adds(out, "beta");
		else if (ieq(m->stab, m->stabl, "p") || ieq(m->stab, m->stabl, "pl"))
			crk_strbuf_adds(out, "patch");
		else if (ieq(m->stab, m->stabl, "rc"))
			crk_strbuf_adds(out, "RC");
		else {
			size_t i;
			for (i = 0; i < m->stabl; i++)
				crk_strbuf_addch(out, (char)crk_vtolower((unsigned char)m->stab[i]));
		}
		while (t < m->taill && (m->tail[t] == '.' || m->tail[t] == '-'))
			t++;
		crk_strbuf_add(out, m->tail + t, m->taill - t);
	}
	if (m->dev)
		crk_strbuf_adds(out, "-dev");
	return 0;
}

/* YYYY([.:-]?NN){1,6}([.:-]?N{1,3})? matching all of s[pos..n), `groups` NN groups so far. */
static int date_rest(const char *s, size_t n, size_t pos, int groups)
{
	size_t p = pos, d;
	if (groups >= 1) { /* the optional last group, then the end */
		if (p < n && strchr(".:-", s[p]) && s[p])
			p++;
		d = crk_vdigits(s + p, n - p);
		if (pos == n || (d >= 1 && d <= 3 && p + d == n))
			return 1;
	}
	if (groups == 6)
		return 0;
	p = pos;
	if (p < n && strchr(".:-", s[p]) && s[p])
		p++;
	return p + 2 <= n && crk_vdigit((unsigned char)s[p]) && crk_vdigit((unsigned char)s[p + 1]) &&
	       date_rest(s, n, p + 2, groups + 1);
}

static int ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\x0b';
}

/* composer/semver's VersionParser::normalize() into `out`. */
static int normalize(struct crk_strbuf *out, const char *v, size_t vlen, struct crk_err *err)
{
	const char *s = v, *end = v + vlen, *q, *plus;
	size_t n, d, k;
	struct mod m;
	while (s < end && ws((unsigned char)*s))
		s++;
	while (end > s && ws((unsigned char)end[-1]))
		end--;
	for (q = s; q < end; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return bad(err, v, vlen, "a control character inside the version");
	n = (size_t)(end - s);
	/* "X as Y": X. (^([^,\s]++) ++as ++([^,\s]++)$) */
	for (q = s; q < end && *q != ',' && !ws((unsigned char)*q) && *q != '\f' && *q != '\v'; q++)
		;
	if (q > s && q < end && *q == ' ') {
		const char *r = q;
		while (r < end && *r == ' ')
			r++;
		if (end - r > 2 && r[0] == 'a' && r[1] == 's' && r[2] == ' ') {
			const char *t = r + 2, *u;
			while (t < end && *t == ' ')
				t++;
			for (u = t; u < end && *u != ',' && *u != ' ' && *u != '\t' && *u != '\f' && *u != '\v';
			     u++)
				;
			if (u > t && u == end)
				end = q, n = (size_t)(end - s);
		}
	}
	/* @stability flag */
	for (k = 0; k < 5; k++) {
		static const char *const flags[] = {"@stable", "@RC", "@beta", "@alpha", "@dev"};
		size_t fl = strlen(flags[k]);
		if (n >= fl && ieq(end - fl, fl, flags[k])) {
			end -= fl, n -= fl;
			break;
		}
	}
	if ((n == 6 && memcmp(s, "master", 6) == 0) || (n == 5 && memcmp(s, "trunk", 5) == 0) ||
	    (n == 7 && memcmp(s, "default", 7) == 0)) {
		crk_strbuf_adds(out, "dev-");
		crk_strbuf_add(out, s, n);
		return CRK_OK;
	}
	if (iprefix(s, n, "dev-")) {
		crk_strbuf_adds(out, "dev-");
		crk_strbuf_add(out, s + 4, n - 4);
		return CRK_OK;
	}
	/* +build metadata: ^([^,\s+]++)\+[^\s]++$ */
	plus = memchr(s, '+', n);
	if (plus && plus > s && plus + 1 < end) {
		int ok = 1;
		for (q = s; q < plus && ok; q++)
			ok = *q != ',' && *q != ' ' && *q != '\t' && *q != '\f' && *q != '\v';
		for (q = plus + 1; q < end && ok; q++)
			ok = *q != ' ' && *q != '\t' && *q != '\f' && *q != '\v';
		if (ok)
			end = plus, n = (size_t)(end - s);
	}
	q = s < end && (*s == 'v' || *s == 'V') ? s + 1 : s;
	d = crk_vdigits(q, (size_t)(end - q));
	/* classical: N{1,5}(.N)?(.N)?(.N)? then the modifier */
	if (d >= 1 && d <= 5) {
		const char *r = q + d, *groups[3];
		size_t gl[3], g = 0;
		while (g < 3 && r + 1 < end && *r == '.' && crk_vdigit((unsigned char)r[1])) {
			groups[g] = r;
			gl[g] = 1 + crk_vdigits(r + 1, (size_t)(end - r - 1));
			r += gl[g++];
		}
		if (parse_mod(r, (size_t)(end - r), &m)) {
			crk_strbuf_add(out, q, d);
			for (k = 0; k < 3; k++) {
				if (k < g)
					crk_strbuf_add(out, groups[k], gl[k]);
				else
					crk_strbuf_adds(out, ".0");
			}
			return add_mod(out, &m);
		}
	}
	/* date: YYYY([.:-]?NN){1,6}([.:-]?N{1,3})? then the modifier */
	if (d >= 4) {
		const char *r = q, *last = NULL;
		while (r < end && (crk_vdigit((unsigned char)*r) || *r == '.' || *r == ':' || *r == '-')) {
			if (crk_vdigit((unsigned char)*r))
				last = r;
			r++;
		}
		r = last + 1;
		if (date_rest(q + 4, (size_t)(r - q - 4), 0, 0) &&
		    parse_mod(r, (size_t)(end - r), &m)) {
			for (; q < r; q++)
				crk_strbuf_addch(out, crk_vdigit((unsigned char)*q) ? *q : '.');
			return add_mod(out, &m);
		}
	}
	/* a numeric branch alias: (.*?)[.-]?dev$ with a numeric (or x) name */
	if (n >= 3 && ieq(end - 3, 3, "dev")) {
		const char *e = end - 3, *r, *parts = NULL;
		size_t g = 0;
		if (e > s && (e[-1] == '.' || e[-1] == '-'))
			e--;
		while (e > s && ws((unsigned char)e[-1]))
			e--; /* normalizeBranch() trims */
		r = s;
		while (r < e && ws((unsigned char)*r))
			r++;
		if (r < e && (*r == 'v' || *r == 'V'))
			r++;
		d = crk_vdigits(r, (size_t)(e - r));
		if (d > 0) {
			size_t start = out->len;
			crk_strbuf_add(out, r, d);
			r += d;
			parts = r;
			while (g < 3 && r + 1 < e && *r == '.') {
				size_t dd = crk_vdigits(r + 1, (size_t)(e - r - 1));
				if (dd == 0 && (r[1] == 'x' || r[1] == 'X' || r[1] == '*'))
					dd = 1;
				if (dd == 0)
					break;
				crk_strbuf_addch(out, '.');
				if (crk_vdigit((unsigned char)r[1]))
					crk_strbuf_add(out, r + 1, dd);
				else
					crk_strbuf_adds(out, "9999999");
				r += 1 + dd;
				g++;
			}
			if (r == e) {
				for (; g < 3; g++)
					crk_strbuf_adds(out, ".9999999");
				crk_strbuf_adds(out, "-dev");
				return CRK_OK;
			}
			out->len = start; /* not an alias: undo */
			out->buf[start] = '\0';
		}
		(void)parts;
	}
	return bad(err, v, vlen,
		   "Composer cannot normalise it (expected N[.N[.N[.N]]][-stability[N]][-dev], a date "
		   "version, dev-BRANCH or N.x-dev)");
}

/* PHP's canonicalisation for version_compare(). */
static void php_canon(struct crk_strbuf *out, const char *s, size_t n)
{
#define ISDIG(x) crk_vdigit((unsigned char)(x))
#define ISNDIG(x) (!ISDIG(x) && (x) != '.')
	size_t i;
	char lp;
	if (n == 0)
		return;
	crk_strbuf_addch(out, lp = s[0]);
	for (i = 1; i < n; i++) {
		char c = s[i], lq = out->len ? out->buf[out->len - 1] : '\0';
		if (c == '-' || c == '_' || c == '+') {
			if (lq != '.')
				crk_strbuf_addch(out, '.');
		} else if ((ISNDIG(lp) && ISDIG(c)) || (ISDIG(lp) && ISNDIG(c))) {
			if (lq != '.')
				crk_strbuf_addch(out, '.');
			crk_strbuf_addch(out, c);
		} else if (!crk_valnum((unsigned char)c)) {
			if (lq != '.')
				crk_strbuf_addch(out, '.');
		} else {
			crk_strbuf_addch(out, c);
		}
		lp = c;
	}
#undef ISDIG
#undef ISNDIG
}

/* compare_special_version_forms(): the order of a word, matched as a prefix. */
static int special_form(const char *p, size_t n)
{
	static const struct {
		const char *name;
		int order;
	} forms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2}, {"RC", 3},
		     {"rc", 3},  {"#", 4},     {"pl", 5}, {"p", 5}};
	size_t i;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t k = strlen(forms[i].name);
		if (n >= k && memcmp(p, forms[i].name, k) == 0)
			return forms[i].order;
	}
	return -1;
}

/* strtol() of a run of digits, saturating at LONG_MAX (2^63-1 on the systems we build for). */
static int sat_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	static const char max[] = "9223372036854775807";
	if (crk_version__numcmp(a, al, max, 19) > 0)
		a = max, al = 19;
	if (crk_version__numcmp(b, bl, max, 19) > 0)
		b = max, bl = 19;
	return crk_version__numcmp(a, al, b, bl);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* The rest of a version (its parts from `p` on) against "#N#": version_compare(rest, "#N#"). */
static int rest_vs_number(const char *p, const char *e)
{
	int first = 1;
	if (p == e)
		return -1; /* an empty string is below anything */
	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(e - p)), *q = dot ? dot : e;
		int c = p < q ? (unsigned char)*p : 0;
		if (!first && crk_vdigit(c))
			return 1;
		if (!crk_vdigit(c)) {
			int r = sign(special_form(p, (size_t)(q - p)) - 4);
			if (r)
				return r;
		}
		if (!dot)
			return 0;
		p = dot + 1;
		if (p == e)
			return -1;
		first = 0;
	}
}

/* php_version_compare() on two canonical strings. */
static int php_vercmp(const char *a, size_t al, const char *b, size_t bl)
{
	const char *p1 = a, *e1 = a + al, *p2 = b, *e2 = b + bl;
	int compare = 0, more1 = 1, more2 = 1;
	if (!al || !bl)
		return al ? 1 : bl ? -1 : 0;
	while (p1 < e1 && p2 < e2 && more1 && more2) {
		const char *d1 = memchr(p1, '.', (size_t)(e1 - p1)), *d2 = memchr(p2, '.', (size_t)(e2 - p2));
		const char *q1 = d1 ? d1 : e1, *q2 = d2 ? d2 : e2;
		int c1 = p1 < q1 ? (unsigned char)*p1 : 0, c2 = p2 < q2 ? (unsigned char)*p2 : 0;
		more1 = d1 != NULL;
		more2 = d2 != NULL;
		if (crk_vdigit(c1) && crk_vdigit(c2))
			compare = sat_cmp(p1, crk_vdigits(p1, (size_t)(q1 - p1)), p2,
					  crk_vdigits(p2, (size_t)(q2 - p2)));
		else if (!crk_vdigit(c1) && !crk_vdigit(c2))
			compare = sign(special_form(p1, (size_t)(q1 - p1)) -
				       special_form(p2, (size_t)(q2 - p2)));
		else if (crk_vdigit(c1))
			compare = sign(4 - special_form(p2, (size_t)(q2 - p2)));
		else
			compare = sign(special_form(p1, (size_t)(q1 - p1)) - 4);
		if (compare)
			break;
		if (more1)
			p1 = d1 + 1;
		if (more2)
			p2 = d2 + 1;
	}
	if (compare == 0) {
		if (more1)
			compare = p1 < e1 && crk_vdigit((unsigned char)*p1) ? 1 : rest_vs_number(p1, e1);
		else if (more2)
			compare = p2 < e2 && crk_vdigit((unsigned char)*p2) ? -1
									    : -rest_vs_number(p2, e2);
	}
	return compare;
}

static int composer_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			    struct crk_err *err)
{
	struct crk_strbuf na = CRK_STRBUF_INIT(0), nb = CRK_STRBUF_INIT(0);
	struct crk_strbuf ca = CRK_STRBUF_INIT(0), cb = CRK_STRBUF_INIT(0);
	int rc = normalize(&na, a, alen, err);
	if (!rc)
		rc = normalize(&nb, b, blen, err);
	if (!rc && (!crk_strbuf_ok(&na) || !crk_strbuf_ok(&nb)))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory comparing versions");
	if (!rc) {
		int ba = strncmp(na.buf, "dev-", 4) == 0, bb = strncmp(nb.buf, "dev-", 4) == 0;
		if (ba && bb && strcmp(na.buf, nb.buf) != 0) {
			char qa[96], qb[96];
			crk_version__quote(qa, sizeof(qa), a, alen);
			crk_version__quote(qb, sizeof(qb), b, blen);
			rc = crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					 "'%s' and '%s' are different branches: Composer does not "
					 "order them",
					 qa, qb);
		} else if (ba && bb) {
			*out = 0;
		} else {
			php_canon(&ca, na.buf, na.len);
			php_canon(&cb, nb.buf, nb.len);
			if (!crk_strbuf_ok(&ca) || !crk_strbuf_ok(&cb))
				rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
						 "out of memory comparing versions");
			else
				*out = php_vercmp(ca.buf, ca.len, cb.buf, cb.len);
		}
	}
	crk_strbuf_release(&na);
	crk_strbuf_release(&nb);
	crk_strbuf_release(&ca);
	crk_strbuf_release(&cb);
	return rc;
}

static int composer_valid(const char *v, size_t len, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	int rc = normalize(&sb, v, len, err);
	if (!rc && !crk_strbuf_ok(&sb))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory checking a version");
	crk_strbuf_release(&sb);
	return rc;
}

static int composer_normalize(struct crk_strbuf *out, const char *v, size_t len,
			      struct crk_err *err)
{
	int rc = normalize(out, v, len, err);
	if (!rc && !crk_strbuf_ok(out))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory normalising a version");
	return rc;
}

static const char *const packagist_ecosystems[] = {"Packagist", NULL};

const struct crk_version_scheme crk_version_composer = {
	.name = "composer",
	.title = "Composer",
	.ecosystems = packagist_ecosystems,
	.compare = composer_compare,
	.valid = composer_valid,
	.normalize = composer_normalize,
	.spec = "https://getcomposer.org/doc/articles/versions.md",
	.doc = "composer/semver normalize() then PHP version_compare(): dev < alpha < beta < RC < "
	       "release < patch",
};
