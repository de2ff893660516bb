/*
 * rubygems.c - RubyGems versions: Gem::Version (https://guides.rubygems.org/patterns/#semantic-
 * versioning and https://docs.ruby-lang.org/en/master/Gem/Version.html; checked against
 * RubyGems 3.3.15 by the versions-oracle corpus).
 *
 *   \s* ( [0-9]+ (\.[0-9a-zA-Z]+)* (-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)? )? \s*
 *
 * A blank string is the version 0 (Gem::Version.new("") == Gem::Version.new("0")). Letters may
 * only follow a dot ("1.0a" is fine, "1a" is not).
 *
 * Order (Gem::Version#<=>): every "-" reads as ".pre." ("1.0-rc1" = "1.0.pre.rc1"); the string
 * is cut into segments, each a run of digits (a number of any size) or of letters (a string:
 * any letter makes the version a pre-release); trailing zeros are dropped from the numeric
 * part before the first string and from the part from it on (1.0.a.0 = 1.a). Segments compare
 * left to right, a missing one as 0: numbers numerically, strings by byte (A < a), a string
 * below a number (1.0.a < 1.0 < 1.0.0.1).
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

struct seg {
	const char *p;
	size_t n;
	int num; /* 1: digits */
};

struct gv {
	const char *s; /* trimmed, possibly "0" for a blank version */
	size_t len;
	size_t nsegs, str_start, cut_num, cut_str; /* see canon_next() */
};

static int ws(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The segment at s[*pos..len), advancing *pos; 0 at the end. */
static int seg_next(const char *s, size_t len, size_t *pos, struct seg *g)
{
	size_t i = *pos;
	while (i < len && s[i] == '.')
		i++;
	if (i >= len)
		return 0;
	if (s[i] == '-') {
		g->p = "pre";
		g->n = 3;
		g->num = 0;
		*pos = i + 1;
		return 1;
	}
	g->p = s + i;
	g->num = crk_vdigit((unsigned char)s[i]);
	while (i < len && (g->num ? crk_vdigit((unsigned char)s[i]) : crk_valpha((unsigned char)s[i])))
		i++;
	g->n = (size_t)(s + i - g->p);
	*pos = i;
	return 1;
}

static int is_zero(const struct seg *g)
{
	return g->num && crk_vdigits(g->p, g->n) == g->n && crk_version__numcmp(g->p, g->n, "0", 1) == 0;
}

static int parse(struct gv *p, const char *v, size_t vlen, struct crk_err *err)
{
	const char *s = v, *end = v + vlen, *q;
	size_t pos = 0, i;
	struct seg g;
	memset(p, 0, sizeof(*p));
	while (s < end && ws((unsigned char)*s))
		s++;
	while (end > s && ws((unsigned char)end[-1]))
		end--;
	if (s == end) {
		p->s = "0";
		p->len = 1;
	} else {
		q = s + crk_vdigits(s, (size_t)(end - s));
		if (q == s)
			return crk_version__invalid(err, &crk_version_rubygems, v, vlen,
						    "a version starts with a number");
		while (q < end && *q == '.') {
			const char *r = ++q;
			while (q < end && crk_valnum((unsigned char)*q))
				q++;
			if (q == r)
				return crk_version__invalid(err, &crk_version_rubygems, v, vlen,
							    "an empty segment after '.'");
		}
		if (q < end && *q == '-') {
			for (;;) {
				const char *r = ++q;
				while (q < end && (crk_valnum((unsigned char)*q) || *q == '-'))
					q++;
				if (q == r)
					return crk_version__invalid(
						err, &crk_version_rubygems, v, vlen,
						"an empty pre-release segment");
				if (q == end || *q != '.')
					break;
			}
		}
		if (q != end)
			return crk_version__invalid(err, &crk_version_rubygems, v, vlen,
						    "unexpected '%c' (letters may only follow a dot; a "
						    "version is N(.X)*[-X(.X)*])",
						    *q);
		p->s = s;
		p->len = (size_t)(end - s);
	}
	/* where the strings start and where the trailing zeros of each part begin */
	p->str_start = (size_t)-1;
	for (i = 0; seg_next(p->s, p->len, &pos, &g); i++) {
		if (!g.num && p->str_start == (size_t)-1)
			p->str_start = i;
		if (!is_zero(&g)) {
			if (p->str_start == (size_t)-1)
				p->cut_num = i + 1;
			p->cut_str = i + 1;
		}
	}
	p->nsegs = i;
	if (p->str_start == (size_t)-1)
		p->str_start = p->cut_str = p->nsegs;
	return CRK_OK;
}

/* The next canonical segment: segments [0, cut_num) then [str_start, cut_str). */
static int canon_next(const struct gv *p, size_t *pos, size_t *idx, struct seg *g)
{
	while (seg_next(p->s, p->len, pos, g)) {
		size_t i = (*idx)++;
		if (i < p->cut_num || (i >= p->str_start && i < p->cut_str))
			return 1;
	}
	return 0;
}

static int cmp_parsed(const struct gv *a, const struct gv *b)
{
	size_t pa = 0, pb = 0, ia = 0, ib = 0;
	for (;;) {
		struct seg x, y;
		int hx = canon_next(a, &pa, &ia, &x), hy = canon_next(b, &pb, &ib, &y), c;
		if (!hx && !hy)
			return 0;
		if (!hx)
			x = (struct seg){"0", 1, 1};
		if (!hy)
			y = (struct seg){"0", 1, 1};
		if (x.num != y.num)
			return x.num ? 1 : -1;
		c = x.num ? crk_version__numcmp(x.p, x.n, y.p, y.n)
			  : crk_version__bytecmp(x.p, x.n, y.p, y.n);
		if (c)
			return c;
	}
}

static int rubygems_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			    struct crk_err *err)
{
	struct gv pa, pb;
	int rc = parse(&pa, a, alen, err);
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (!rc)
		*out = cmp_parsed(&pa, &pb);
	return rc;
}

static int rubygems_valid(const char *v, size_t len, struct crk_err *err)
{
	struct gv p;
	return parse(&p, v, len, err);
}

static const char *const rubygems_ecosystems[] = {"RubyGems", NULL};

const struct crk_version_scheme crk_version_rubygems = {
	.name = "rubygems",
	.title = "Gem::Version",
	.ecosystems = rubygems_ecosystems,
	.compare = rubygems_compare,
	.valid = rubygems_valid,
	.spec = "https://docs.ruby-lang.org/en/master/Gem/Version.html",
	.doc = "Gem::Version: numeric and letter segments, a letter makes a pre-release, "
	       "- reads as .pre.",
};
