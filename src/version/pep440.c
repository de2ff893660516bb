/*
 * pep440.c - PyPI versions: PEP 440 as the Python Packaging Authority's version specification
 * states it (https://packaging.python.org/en/latest/specifications/version-specifiers/) and
 * packaging.version.Version (packaging >= 22, no LegacyVersion) implements it.
 *
 *   [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
 *
 * Accepted spellings, all normalised (spec, "Normalization"): surrounding white space; any
 * letter case; a leading "v"; "-", "_" or "." (or nothing) before and inside the pre, post and
 * dev parts; alpha = a, beta = b, c = pre = preview = rc; rev = r = post; "1.0-1" = 1.0.post1;
 * an implicit 0 for a missing pre, post or dev number; leading zeros in numbers; "-" and "_"
 * between local segments. Numbers have any length.
 *
 * Order (spec, "Summary of permitted suffixes and relative ordering"; packaging's _cmpkey):
 * epoch; release numbers with trailing zeros ignored (1.0 = 1.0.0); then
 *   X.devN < X.aN.devM < X.aN < X.aN.postM < ... < X.rcN < X < X.postN.devM < X.postN
 * (a dev release of a pre or post release sorts just before it); finally local versions sort
 * after the same public version: segments compared numerically when both are numbers,
 * case-insensitively when both are strings, a number above a string, more segments above fewer.
 *
 * normalize() gives packaging's str(Version(v)): "1.0a1", "1!2.0.post3.dev4+ubuntu.1".
 */
#include <string.h>

#include "base/strbuf.h"
#include "version/scheme.h"
#include "base/banned.h"

enum { PRE_NEG = -1, PRE_A = 0, PRE_B = 1, PRE_RC = 2, PRE_INF = 3 };

struct span {
	const char *p;
	size_t n;
};

struct pv {
	struct span epoch, rel, pre_n, post_n, dev_n, local;
	int pre;               /* PRE_A.. PRE_RC, or PRE_NEG/PRE_INF when absent (see cmp_key) */
	int has_pre, has_post, has_dev, has_local;
};

/* Bytes of Python white space (str.isspace(), what `\s` matches) at s, UTF-8 encoded. */
static size_t py_space(const unsigned char *s, size_t len)
{
	if (len >= 1 && ((s[0] >= 0x09 && s[0] <= 0x0d) || (s[0] >= 0x1c && s[0] <= 0x20)))
		return 1;
	if (len >= 2 && s[0] == 0xc2 && (s[1] == 0x85 || s[1] == 0xa0))
		return 2;
	if (len >= 3) {
		unsigned c = (unsigned)s[0] << 16 | (unsigned)s[1] << 8 | s[2];
		if (c == 0xe19a80 || (c >= 0xe28080 && c <= 0xe2808a) || c == 0xe280a8 ||
		    c == 0xe280a9 || c == 0xe280af || c == 0xe2819f || c == 0xe38080)
			return 3;
	}
	return 0;
}

static int is_sep(int c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Case-insensitive match of the keyword `kw` at s[*i..len); advances *i. */
static int keyword(const char *s, size_t len, size_t *i, const char *kw)
{
	size_t k = strlen(kw), j;
	if (len - *i < k)
		return 0;
	for (j = 0; j < k; j++)
		if (crk_vtolower((unsigned char)s[*i + j]) != kw[j])
			return 0;
	*i += k;
	return 1;
}

/* After a pre, post or dev keyword: [-_.]?[0-9]*. The separator is taken even when no number
 * follows it (as the regular expression's greedy match does; a later part's own optional
 * separator then finds the keyword directly). */
static void number_after(const char *s, size_t len, size_t *i, struct span *n)
{
	if (*i < len && is_sep(s[*i]))
		(*i)++;
	n->p = s + *i;
	n->n = crk_vdigits(s + *i, len - *i);
	*i += n->n;
}

static int parse(struct pv *p, const char *v, size_t vlen, struct crk_err *err)
{
	static const char *const pre_kw[] = {"alpha", "beta", "preview", "pre", "rc", "a", "b", "c"};
	static const int pre_val[] = {PRE_A, PRE_B, PRE_RC, PRE_RC, PRE_RC, PRE_A, PRE_B, PRE_RC};
	const char *s = v;
	size_t len = vlen, i = 0, k, d;
	memset(p, 0, sizeof(*p));
	while (len > 0 && (k = py_space((const unsigned char *)s, len)) > 0)
		s += k, len -= k;
	while (len > 0) { /* trailing white space: try each width */
		for (k = 1; k <= 3 && k <= len; k++)
			if (py_space((const unsigned char *)s + len - k, k) == k)
				break;
		if (k > 3 || k > len)
			break;
		len -= k;
	}
	if (i < len && (s[i] == 'v' || s[i] == 'V'))
		i++;
	d = crk_vdigits(s + i, len - i);
	if (d && i + d < len && s[i + d] == '!') {
		p->epoch.p = s + i;
		p->epoch.n = d;
		i += d + 1;
		d = crk_vdigits(s + i, len - i);
	}
	if (!d)
		return crk_version__invalid(err, &crk_version_pep440, v, vlen,
					    "a version starts with a release number, like 1.0");
	p->rel.p = s + i;
	i += d;
	while (i + 1 < len && s[i] == '.' && crk_vdigit((unsigned char)s[i + 1]))
		i += 1 + crk_vdigits(s + i + 1, len - i - 1);
	p->rel.n = (size_t)(s + i - p->rel.p);
	if (i == len)
		return CRK_OK; /* a plain release, "1.2.3": most versions; no part follows */
	/* pre-release */
	k = i < len && is_sep(s[i]) ? i + 1 : i;
	for (d = 0; d < sizeof(pre_kw) / sizeof(pre_kw[0]); d++) {
		size_t j = k;
		if (keyword(s, len, &j, pre_kw[d])) {
			p->has_pre = 1;
			p->pre = pre_val[d];
			i = j;
			number_after(s, len, &i, &p->pre_n);
			break;
		}
	}
	/* post-release: "-N", or [-_.]?(post|rev|r)[-_.]?N? */
	if (i + 1 < len && s[i] == '-' && crk_vdigit((unsigned char)s[i + 1])) {
		p->has_post = 1;
		p->post_n.p = s + i + 1;
		p->post_n.n = crk_vdigits(s + i + 1, len - i - 1);
		i += 1 + p->post_n.n;
	} else {
		size_t j = i < len && is_sep(s[i]) ? i + 1 : i;
		if (keyword(s, len, &j, "post") || keyword(s, len, &j, "rev") ||
		    keyword(s, len, &j, "r")) {
			p->has_post = 1;
			i = j;
			number_after(s, len, &i, &p->post_n);
		}
	}
	/* dev release */
	k = i < len && is_sep(s[i]) ? i + 1 : i;
	if (keyword(s, len, &k, "dev")) {
		p->has_dev = 1;
		i = k;
		number_after(s, len, &i, &p->dev_n);
	}
	/* local version label: [a-z0-9]+([-_.][a-z0-9]+)* */
	if (i < len && s[i] == '+') {
		size_t start = ++i;
		for (;;) {
			size_t r = i;
			while (i < len && crk_valnum((unsigned char)s[i]))
				i++;
			if (i == r)
				return crk_version__invalid(
					err, &crk_version_pep440, v, vlen,
					"a local version is letters and digits separated by '.', '-' "
					"or '_'");
			if (i < len && is_sep(s[i]))
				i++;
			else
				break;
		}
		p->has_local = 1;
		p->local.p = s + start;
		p->local.n = i - start;
	}
	if (i != len)
		return crk_version__invalid(err, &crk_version_pep440, v, vlen,
					    "unexpected '%c' at offset %zu (a version is "
					    "[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local])",
					    s[i], (size_t)(s + i - v));
	return CRK_OK;
}

/* The n-th dot-separated number of the release, "0" past its end. */
static struct span release_at(const struct span *rel, size_t n)
{
	struct span r = {"0", 1};
	const char *s = rel->p, *e = rel->p + rel->n;
	while (n > 0 && s < e) {
		const char *dot = memchr(s, '.', (size_t)(e - s));
		if (!dot)
			return r;
		s = dot + 1;
		n--;
	}
	if (s >= e)
		return r;
	r.p = s;
	r.n = crk_vdigits(s, (size_t)(e - s));
	return r;
}

static int num_or_zero(const struct span *a, const struct span *b)
{
	return crk_version__numcmp(a->n ? a->p : "0", a->n ? a->n : 1, b->n ? b->p : "0",
				   b->n ? b->n : 1);
}

/* Local segments: split on [-_.]; a number beats a string; strings without case. */
static int local_cmp(const struct span *a, const struct span *b)
{
	size_t ia = 0, ib = 0;
	for (;;) {
		size_t sa = ia, sb = ib, la, lb, j;
		int na, nb, c;
		if (ia > a->n || ib > b->n)
			return (ia <= a->n) - (ib <= b->n);
		while (ia < a->n && !is_sep(a->p[ia]))
			ia++;
		while (ib < b->n && !is_sep(b->p[ib]))
			ib++;
		la = ia - sa;
		lb = ib - sb;
		na = crk_vdigits(a->p + sa, la) == la;
		nb = crk_vdigits(b->p + sb, lb) == lb;
		if (na != nb)
			return na ? 1 : -1;
		if (na) {
			c = crk_version__numcmp(a->p + sa, la, b->p + sb, lb);
		} else {
			c = 0;
			for (j = 0; j < la && j < lb && !c; j++)
				c = crk_vtolower((unsigned char)a->p[sa + j]) -
				    crk_vtolower((unsigned char)b->p[sb + j]);
			if (!c)
				c = (la > lb) - (la < lb);
		}
		if (c)
			return c > 0 ? 1 : -1;
		ia++;
		ib++;
	}
}

/* packaging's _cmpkey, field by field. */
static int cmp_parsed(const struct pv *a, const struct pv *b)
{
	struct span zero = {"0", 1};
	size_t i, na = 1, nb = 1;
	int c, pa, pb;
	c = num_or_zero(a->epoch.n ? &a->epoch : &zero, b->epoch.n ? &b->epoch : &zero);
	if (c)
		return c;
	for (i = 0; i < a->rel.n; i++)
		na += a->rel.p[i] == '.';
	for (i = 0; i < b->rel.n; i++)
		nb += b->rel.p[i] == '.';
	for (i = 0; i < na || i < nb; i++) {
		struct span x = release_at(&a->rel, i), y = release_at(&b->rel, i);
		c = crk_version__numcmp(x.p, x.n, y.p, y.n);
		if (c)
			return c;
	}
	/* a dev release without pre and post sorts before every pre-release */
	pa = a->has_pre ? a->pre : (!a->has_post && a->has_dev ? PRE_NEG : PRE_INF);
	pb = b->has_pre ? b->pre : (!b->has_post && b->has_dev ? PRE_NEG : PRE_INF);
	if (pa != pb)
		return pa < pb ? -1 : 1;
	if (a->has_pre && (c = num_or_zero(&a->pre_n, &b->pre_n)) != 0)
		return c;
	if (a->has_post != b->has_post)
		return a->has_post ? 1 : -1;
	if (a->has_post && (c = num_or_zero(&a->post_n, &b->post_n)) != 0)
		return c;
	if (a->has_dev != b->has_dev)
		return a->has_dev ? -1 : 1;
	if (a->has_dev && (c = num_or_zero(&a->dev_n, &b->dev_n)) != 0)
		return c;
	if (a->has_local != b->has_local)
		return a->has_local ? 1 : -1;
	return a->has_local ? local_cmp(&a->local, &b->local) : 0;
}

static int pep440_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			  struct crk_err *err)
{
	struct pv pa, pb;
	int rc = parse(&pa, a, alen, err);
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (!rc)
		*out = cmp_parsed(&pa, &pb);
	return rc;
}

static int pep440_valid(const char *v, size_t len, struct crk_err *err)
{
	struct pv p;
	return parse(&p, v, len, err);
}

/* A number without its leading zeros ("0" for none). */
static void add_num(struct crk_strbuf *sb, const char *s, size_t n)
{
	while (n > 1 && *s == '0')
		s++, n--;
	if (n == 0)
		crk_strbuf_addch(sb, '0');
	else
		crk_strbuf_add(sb, s, n);
}

static int pep440_normalize(struct crk_strbuf *out, const char *v, size_t len, struct crk_err *err)
{
	static const char *const pre_name[] = {"a", "b", "rc"};
	struct pv p;
	size_t i, start;
	int rc = parse(&p, v, len, err);
	if (rc)
		return rc;
	if (p.epoch.n && crk_version__numcmp(p.epoch.p, p.epoch.n, "0", 1) != 0) {
		add_num(out, p.epoch.p, p.epoch.n);
		crk_strbuf_addch(out, '!');
	}
	for (i = start = 0; i <= p.rel.n; i++) {
		if (i < p.rel.n && p.rel.p[i] != '.')
			continue;
		if (start)
			crk_strbuf_addch(out, '.');
		add_num(out, p.rel.p + start, i - start);
		start = i + 1;
	}
	if (p.has_pre) {
		crk_strbuf_adds(out, pre_name[p.pre]);
		add_num(out, p.pre_n.p, p.pre_n.n);
	}
	if (p.has_post) {
		crk_strbuf_adds(out, ".post");
		add_num(out, p.post_n.p, p.post_n.n);
	}
	if (p.has_dev) {
		crk_strbuf_adds(out, ".dev");
		add_num(out, p.dev_n.p, p.dev_n.n);
	}
	if (p.has_local) {
		crk_strbuf_addch(out, '+');
		for (i = start = 0; i <= p.local.n; i++) {
			size_t j, n;
			if (i < p.local.n && !is_sep(p.local.p[i]))
				continue;
			n = i - start;
			if (start)
				crk_strbuf_addch(out, '.');
			if (crk_vdigits(p.local.p + start, n) == n)
				add_num(out, p.local.p + start, n);
			else
				for (j = 0; j < n; j++)
					crk_strbuf_addch(out, (char)crk_vtolower(
								      (unsigned char)p.local.p[start + j]));
			start = i + 1;
		}
	}
	return crk_strbuf_ok(out) ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
							   "out of memory normalising a version");
}

static const char *const pypi_ecosystems[] = {"PyPI", NULL};

const struct crk_version_scheme crk_version_pep440 = {
	.name = "pep440",
	.title = "PEP 440",
	.ecosystems = pypi_ecosystems,
	.compare = pep440_compare,
	.valid = pep440_valid,
	.normalize = pep440_normalize,
	.spec = "https://packaging.python.org/en/latest/specifications/version-specifiers/",
	.doc = "PEP 440: epochs, pre/post/dev releases, local versions; 1.0 = 1.0.0 = v1.0",
};
