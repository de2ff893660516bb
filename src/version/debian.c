/*
 * debian.c - Debian package versions: Debian Policy §5.6.12
 * (https://www.debian.org/doc/debian-policy/ch-controlfields.html#version) as
 * `dpkg --compare-versions` implements it (checked against dpkg 1.21.22 by the versions-oracle
 * corpus). Also Ubuntu's.
 *
 *   [epoch:]upstream_version[-debian_revision]
 *
 * Parsing (dpkg's parseversion): blanks around the version are ignored, none inside; the epoch
 * is the decimal number before the first ':' (not empty, not negative, at most INT_MAX); the
 * revision is what follows the last '-' (not empty when the '-' is there; absent = "", which
 * orders like "0": 1.0 = 1.0-0). The upstream version must start with a digit and hold only
 * [A-Za-z0-9.+~:-], the revision only [A-Za-z0-9.+~]. dpkg itself only warns about those two
 * rules and orders such strings anyway; like the oracle, we refuse them (a version that breaks
 * Policy is not one to decide a vulnerability match on).
 *
 * Order: the epoch numerically, then upstream, then revision, each with dpkg's verrevcmp: the
 * string alternates non-digit and digit runs; non-digit runs compare character by character
 * with '~' before everything (even the end), then the end and digits, then letters, then all
 * other characters (so 1.0~rc1 < 1.0 < 1.0+b1 < 1.0.1 and 1.0~~ < 1.0~); digit runs compare
 * numerically, of any length (1.0 = 1.00).
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

struct dv {
	const char *epoch, *up, *rev; /* epoch: digits (NULL for 0) */
	size_t epochl, upl, revl;
};

static int blank(int c)
{
	return c == ' ' || c == '\t';
}

static int parse(struct dv *p, const char *v, size_t vlen, struct crk_err *err)
{
	const char *s = v, *end = v + vlen, *colon, *hyphen, *q;
	memset(p, 0, sizeof(*p));
	while (s < end && blank(*s))
		s++;
	while (end > s && blank(end[-1]))
		end--;
	if (s == end)
		return crk_version__invalid(err, &crk_version_debian, v, vlen,
					    "version string is empty");
	for (q = s; q < end; q++)
		if (blank(*q) || *q == '\0')
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "version string has embedded %s",
						    *q ? "spaces" : "NUL bytes");
	colon = memchr(s, ':', (size_t)(end - s));
	if (colon) {
		const char *d = s;
		int neg = 0;
		if (d < colon && (*d == '+' || *d == '-')) /* strtol's optional sign */
			neg = *d++ == '-';
		p->epochl = crk_vdigits(d, (size_t)(colon - d));
		if (p->epochl == 0) /* strtol() read nothing */
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "epoch in version is empty");
		if (d + p->epochl != colon)
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "epoch in version is not number");
		p->epoch = d;
		if (neg && crk_version__numcmp(d, p->epochl, "0", 1) != 0)
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "epoch in version is negative");
		if (crk_version__numcmp(d, p->epochl, "2147483647", 10) > 0)
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "epoch in version is too big");
		s = colon + 1;
		if (s == end)
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "nothing after colon in version number");
	}
	hyphen = NULL;
	for (q = end; q > s; q--)
		if (q[-1] == '-') {
			hyphen = q - 1;
			break;
		}
	p->up = s;
	p->upl = (size_t)((hyphen ? hyphen : end) - s);
	if (hyphen) {
		p->rev = hyphen + 1;
		p->revl = (size_t)(end - p->rev);
		if (p->revl == 0)
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "revision number is empty");
	}
	if (p->upl == 0)
		return crk_version__invalid(err, &crk_version_debian, v, vlen,
					    "version number is empty");
	if (!crk_vdigit((unsigned char)p->up[0]))
		return crk_version__invalid(err, &crk_version_debian, v, vlen,
					    "version number does not start with digit");
	for (q = p->up; q < p->up + p->upl; q++)
		if (!crk_valnum((unsigned char)*q) && !strchr(".-+~:", *q))
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "invalid character '%c' in version number", *q);
	for (q = p->rev; q && q < p->rev + p->revl; q++)
		if (!crk_valnum((unsigned char)*q) && !strchr(".+~", *q))
			return crk_version__invalid(err, &crk_version_debian, v, vlen,
						    "invalid character '%c' in revision number", *q);
	return CRK_OK;
}

/* dpkg's order(): '~' < end and digits < letters < everything else. */
static int order(int c)
{
	if (crk_vdigit(c))
		return 0;
	if (crk_valpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

static int verrevcmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
#define AT(s, n, k) ((k) < (n) ? (unsigned char)(s)[k] : 0)
	while (i < al || j < bl) {
		size_t si, sj, ni, nj;
		int c;
		while ((i < al && !crk_vdigit(AT(a, al, i))) || (j < bl && !crk_vdigit(AT(b, bl, j)))) {
			int ac = order(AT(a, al, i)), bc = order(AT(b, bl, j));
			if (ac != bc)
				return ac < bc ? -1 : 1;
			i++;
			j++;
		}
		si = i;
		sj = j;
		ni = crk_vdigits(a + (si < al ? si : al), si < al ? al - si : 0);
		nj = crk_vdigits(b + (sj < bl ? sj : bl), sj < bl ? bl - sj : 0);
		c = crk_version__numcmp(a + si, ni, b + sj, nj);
		if (c)
			return c;
		i = si + ni;
		j = sj + nj;
	}
#undef AT
	return 0;
}

static int cmp_parsed(const struct dv *a, const struct dv *b)
{
	int c = crk_version__numcmp(a->epoch ? a->epoch : "0", a->epoch ? a->epochl : 1,
				    b->epoch ? b->epoch : "0", b->epoch ? b->epochl : 1);
	if (!c)
		c = verrevcmp(a->up, a->upl, b->up, b->upl);
	if (!c)
		c = verrevcmp(a->rev ? a->rev : "", a->revl, b->rev ? b->rev : "", b->revl);
	return c;
}

static int debian_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			  struct crk_err *err)
{
	struct dv pa, pb;
	int rc = parse(&pa, a, alen, err);
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (!rc)
		*out = cmp_parsed(&pa, &pb);
	return rc;
}

static int debian_valid(const char *v, size_t len, struct crk_err *err)
{
	struct dv p;
	return parse(&p, v, len, err);
}

static const char *const debian_ecosystems[] = {"Debian", "Ubuntu", NULL};

const struct crk_version_scheme crk_version_debian = {
	.name = "debian",
	.title = "Debian Policy 5.6.12, dpkg",
	.ecosystems = debian_ecosystems,
	.compare = debian_compare,
	.valid = debian_valid,
	.spec = "https://www.debian.org/doc/debian-policy/ch-controlfields.html#version",
	.doc = "dpkg --compare-versions: epoch, upstream, revision; ~ sorts before the end",
};
