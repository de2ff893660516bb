/*
 * rpm.c - RPM package versions: [epoch:]version[-release] ordered by rpmvercmp
 * (https://rpm-software-management.github.io/rpm/manual/dependencies.html#versioning and
 * rpm's rpmio/rpmver.c; checked against librpm 4.18's rpmverCmp by the versions-oracle corpus).
 * Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Mageia, openEuler, Photon OS and Azure Linux
 * versions.
 *
 * Which strings are versions: what rpmbuild accepts in Version, Release and Epoch. The epoch is
 * a non-negative decimal number before a ':'; version and release (split at the only '-') are
 * non-empty and hold only [A-Za-z0-9._+~^], without "..". librpm itself would order any
 * non-empty string ("a:1" as a version, "1-2-3" as version 1-2 and release 3): we refuse what a
 * package could not carry.
 *
 * Order: epochs (absent = 0), then versions, then releases (an absent release is the empty
 * string, lower than any: 1.0 < 1.0-1), each with rpmvercmp: runs of other characters are
 * separators and are skipped (1_0 = 1+0 = 1.0); '~' sorts before anything, even the end
 * (1.0~rc1 < 1.0); '^' sorts after the end but before anything else (1.0 < 1.0^git1 < 1.0.1);
 * then the strings are compared run by run, a run being all digits or all letters: digit runs
 * numerically (any length), letter runs by byte (A < a), a digit run above a letter run; when
 * one string runs out first, the longer one wins.
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

struct rv {
	const char *epoch, *ver, *rel; /* epoch and rel NULL when absent */
	size_t epochl, verl, rell;
};

static int rpm_char(int c)
{
	return crk_valnum(c) || c == '.' || c == '_' || c == '+' || c == '~' || c == '^';
}

static int check_part(const char *v, size_t vlen, const char *s, size_t n, const char *what,
		      struct crk_err *err)
{
	size_t i;
	if (n == 0)
		return crk_version__invalid(err, &crk_version_rpm, v, vlen, "empty %s", what);
	for (i = 0; i < n; i++) {
		if (!rpm_char((unsigned char)s[i]))
			return crk_version__invalid(err, &crk_version_rpm, v, vlen,
						    "'%c' is not allowed in the %s (rpmbuild allows "
						    "A-Z a-z 0-9 . _ + ~ ^)",
						    s[i], what);
		if (s[i] == '.' && i + 1 < n && s[i + 1] == '.')
			return crk_version__invalid(err, &crk_version_rpm, v, vlen,
						    "'..' is not allowed in the %s", what);
	}
	return CRK_OK;
}

static int parse(struct rv *p, const char *v, size_t vlen, struct crk_err *err)
{
	const char *s = v, *end = v + vlen, *colon, *hyphen = NULL, *q;
	int rc;
	memset(p, 0, sizeof(*p));
	for (q = s; q < end; q++) {
		if (*q == ' ' || (*q >= '\t' && *q <= '\r'))
			return crk_version__invalid(err, &crk_version_rpm, v, vlen,
						    "white space in a version");
		if (*q == '-') {
			if (hyphen)
				return crk_version__invalid(err, &crk_version_rpm, v, vlen,
							    "more than one '-' (a version may not "
							    "contain '-')");
			hyphen = q;
		}
	}
	colon = memchr(s, ':', (size_t)((hyphen ? hyphen : end) - s));
	if (colon) {
		p->epoch = s;
		p->epochl = (size_t)(colon - s);
		if (p->epochl == 0 || crk_vdigits(s, p->epochl) != p->epochl)
			return crk_version__invalid(err, &crk_version_rpm, v, vlen,
						    "the epoch '%.*s' is not a non-negative integer",
						    (int)p->epochl, s);
		s = colon + 1;
	}
	p->ver = s;
	p->verl = (size_t)((hyphen ? hyphen : end) - s);
	rc = check_part(v, vlen, p->ver, p->verl, "version", err);
	if (rc)
		return rc;
	if (hyphen) {
		p->rel = hyphen + 1;
		p->rell = (size_t)(end - p->rel);
		rc = check_part(v, vlen, p->rel, p->rell, "release", err);
	}
	return rc;
}

/* rpmvercmp() on (pointer, length) strings. */
static int rpmvercmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	if (al == bl && (al == 0 || memcmp(a, b, al) == 0))
		return 0;
	while (i < al || j < bl) {
		size_t si, sj;
		int num, c;
		while (i < al && !crk_valnum((unsigned char)a[i]) && a[i] != '~' && a[i] != '^')
			i++;
		while (j < bl && !crk_valnum((unsigned char)b[j]) && b[j] != '~' && b[j] != '^')
			j++;
		if ((i < al && a[i] == '~') || (j < bl && b[j] == '~')) {
			if (!(i < al && a[i] == '~'))
				return 1;
			if (!(j < bl && b[j] == '~'))
				return -1;
			i++, j++;
			continue;
		}
		if ((i < al && a[i] == '^') || (j < bl && b[j] == '^')) {
			if (i == al)
				return -1;
			if (j == bl)
				return 1;
			if (a[i] != '^')
				return 1;
			if (b[j] != '^')
				return -1;
			i++, j++;
			continue;
		}
		if (i == al || j == bl)
			break;
		si = i;
		sj = j;
		num = crk_vdigit((unsigned char)a[i]);
		if (num) {
			i += crk_vdigits(a + i, al - i);
			j += crk_vdigits(b + j, bl - j);
		} else {
			while (i < al && crk_valpha((unsigned char)a[i]))
				i++;
			while (j < bl && crk_valpha((unsigned char)b[j]))
				j++;
		}
		if (j == sj) /* b's run is of the other kind: a number beats letters */
			return num ? 1 : -1;
		c = num ? crk_version__numcmp(a + si, i - si, b + sj, j - sj)
			: crk_version__bytecmp(a + si, i - si, b + sj, j - sj);
		if (c)
			return c;
	}
	if (i == al && j == bl)
		return 0;
	return i == al ? -1 : 1;
}

static int cmp_parsed(const struct rv *a, const struct rv *b)
{
	int c = rpmvercmp(a->epoch ? a->epoch : "0", a->epoch ? a->epochl : 1,
			  b->epoch ? b->epoch : "0", b->epoch ? b->epochl : 1);
	if (!c)
		c = rpmvercmp(a->ver, a->verl, b->ver, b->verl);
	if (!c)
		c = rpmvercmp(a->rel ? a->rel : "", a->rell, b->rel ? b->rel : "", b->rell);
	return c;
}

static int rpm_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
		       struct crk_err *err)
{
	struct rv pa, pb;
	int rc = parse(&pa, a, alen, err);
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (!rc)
		*out = cmp_parsed(&pa, &pb);
	return rc;
}

static int rpm_valid(const char *v, size_t len, struct crk_err *err)
{
	struct rv p;
	return parse(&p, v, len, err);
}

static const char *const rpm_ecosystems[] = {"Red Hat",   "AlmaLinux", "Rocky Linux", "SUSE",
					     "openSUSE",  "Mageia",    "openEuler",   "Photon OS",
					     "Azure Linux", NULL};

const struct crk_version_scheme crk_version_rpm = {
	.name = "rpm",
	.title = "RPM, rpmvercmp",
	.ecosystems = rpm_ecosystems,
	.compare = rpm_compare,
	.valid = rpm_valid,
	.spec = "https://rpm-software-management.github.io/rpm/manual/dependencies.html",
	.doc = "rpmvercmp: epoch, version, release; ~ before the end, ^ after it; separators "
	       "ignored",
};
