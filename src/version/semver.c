/*
 * semver.c - Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html) as five ecosystems
 * implement it, plus the lenient SemVer that OSV's SEMVER range type and peer tools use.
 *
 *   MAJOR.MINOR.PATCH[-PRE][+BUILD]; PRE and BUILD are dot-separated identifiers of
 *   [0-9A-Za-z-], none empty. Precedence (spec §11): the numbers numerically; a version without
 *   PRE is greater than one with; PRE identifiers left to right: digits-only ones numerically,
 *   others by ASCII byte order, a numeric one is less than a non-numeric one, and a longer list
 *   is greater when the shorter is its prefix. BUILD does not take part.
 *
 * Where each ecosystem departs from that (each checked against its own implementation: the
 * versions-oracle corpus for npm, crates.io and Hex; pub_semver's source for Pub):
 *   npm (node-semver 7, semver.compare): surrounding JavaScript white space is trimmed and one
 *     leading "v" is allowed; the raw string may be 256 UTF-16 units at most; MAJOR, MINOR and
 *     PATCH must not exceed 2^53-1. Numeric PRE identifiers are compared as JavaScript numbers
 *     (doubles), so 1.0.0-9007199254740993 = 1.0.0-9007199254740992, and the first pair of
 *     identifiers whose texts differ decides even when their numbers are equal.
 *   crates.io (semver crate 1.0, `Ord for Version`): no "v", no white space, numbers up to
 *     u64::MAX; BUILD is ordered too (after PRE): identifiers as PRE, but numeric ones compare
 *     by value and then by length (0 < 00 < 1 < 01), and an absent BUILD is least.
 *   Hex (Elixir Version.compare): strict SemVer 2.0.0, numbers of any size.
 *   Pub (pub_semver Version.compareTo): leading zeros allowed in numbers and identifiers, numbers
 *     up to 2^63-1; identifiers that Dart's int.tryParse accepts (optional '-', decimal or 0x
 *     hex, within 64 bits) are numbers, less than strings; BUILD is ordered like PRE, and an
 *     absent BUILD is least. pub_semver's pattern lets any character stand for the two dots of
 *     the version core (an unescaped "."); we require dots.
 *   SemVer (lenient; osv-scalibr's semantic package, OSV SEMVER ranges): an optional "v", one or
 *     more numeric components of any length (missing ones are 0, leading zeros allowed), then
 *     PRE and BUILD as above; BUILD does not take part.
 */
#include <stdlib.h>
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

enum flavor { F_LENIENT, F_NPM, F_CARGO, F_HEX, F_PUB };

struct sv {
	const char *core; /* the numeric components, "1.2.3" */
	size_t corel;
	const char *num[3]; /* major, minor, patch (strict flavors) */
	size_t numl[3];
	const char *pre, *build; /* without the '-' and '+'; NULL when absent */
	size_t prel, buildl;
};

static const struct crk_version_scheme *scheme_of(enum flavor f)
{
	switch (f) {
	case F_NPM:
		return &crk_version_npm;
	case F_CARGO:
		return &crk_version_cargo;
	case F_HEX:
		return &crk_version_hex;
	case F_PUB:
		return &crk_version_pub;
	case F_LENIENT:
		break;
	}
	return &crk_version_semver;
}

/* Bytes of JavaScript white space (String.prototype.trim) at s[0..len), UTF-8 encoded: 0 when
 * s does not start with one. */
static size_t js_space(const unsigned char *s, size_t len)
{
	if (len >= 1 && ((s[0] >= 0x09 && s[0] <= 0x0d) || s[0] == 0x20))
		return 1;
	if (len >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (len >= 3) {
		unsigned c = (unsigned)s[0] << 16 | (unsigned)s[1] << 8 | s[2];
		if (c == 0xe19a80 || (c >= 0xe28080 && c <= 0xe2808a) || c == 0xe280a8 ||
		    c == 0xe280a9 || c == 0xe280af || c == 0xe2819f || c == 0xe38080 ||
		    c == 0xefbbbf)
			return 3;
	}
	return 0;
}

static size_t js_space_back(const unsigned char *s, size_t len)
{
	size_t k;
	for (k = 1; k <= 3 && k <= len; k++)
		if (js_space(s + len - k, k) == k)
			return k;
	return 0;
}

/* Length in UTF-16 code units, as JavaScript's String.length counts it. */
static size_t utf16_len(const unsigned char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < 0x80 || (s[i] >= 0xc0 && s[i] < 0xf0))
			n++;
		else if (s[i] >= 0xf0)
			n += 2;
	}
	return n;
}

static int id_char(int c)
{
	return crk_valnum(c) || c == '-';
}

static int all_digits(const char *s, size_t len)
{
	return len > 0 && crk_vdigits(s, len) == len;
}

/* Checks the dot-separated identifiers s[0..len): non-empty, [0-9A-Za-z-]; numeric ones without
 * a leading zero when `nolead`. */
static int check_ids(const struct crk_version_scheme *sc, const char *v, size_t vlen, const char *s,
		     size_t len, int nolead, const char *what, struct crk_err *err)
{
	size_t i = 0, start = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!id_char((unsigned char)s[i]))
				return crk_version__invalid(err, sc, v, vlen,
							    "%s may hold only [0-9A-Za-z-] and dots",
							    what);
			continue;
		}
		if (i == start)
			return crk_version__invalid(err, sc, v, vlen, "%s has an empty identifier",
						    what);
		if (nolead && i - start > 1 && s[start] == '0' && all_digits(s + start, i - start))
			return crk_version__invalid(err, sc, v, vlen,
						    "numeric %s identifier '%.*s' has a leading zero",
						    what, (int)(i - start), s + start);
		start = i + 1;
	}
	return CRK_OK;
}

static int parse(struct sv *p, enum flavor f, const char *v, size_t vlen, struct crk_err *err)
{
	static const char *const names[3] = {"major", "minor", "patch"};
	const struct crk_version_scheme *sc = scheme_of(f);
	const char *s = v, *end;
	size_t len = vlen, i, k, n;
	int nolead = f == F_NPM || f == F_CARGO || f == F_HEX, rc;
	memset(p, 0, sizeof(*p));
	if (f == F_NPM) {
		if (utf16_len((const unsigned char *)v, vlen) > 256)
			return crk_version__invalid(err, sc, v, vlen,
						    "npm versions are at most 256 characters long");
		while (len > 0 && (k = js_space((const unsigned char *)s, len)) > 0)
			s += k, len -= k;
		while (len > 0 && (k = js_space_back((const unsigned char *)s, len)) > 0)
			len -= k;
	}
	end = s + len;
	if ((f == F_NPM || f == F_LENIENT) && s < end && *s == 'v')
		s++;
	p->core = s;
	for (n = 0;; n++) {
		size_t d = crk_vdigits(s, (size_t)(end - s));
		if (d == 0)
			return crk_version__invalid(
				err, sc, v, vlen, "%s", s == end ? "expected a number at the end"
					: "expected a number, MAJOR.MINOR.PATCH[-PRE][+BUILD]");
		if (nolead && d > 1 && *s == '0')
			return crk_version__invalid(err, sc, v, vlen,
						    "the %s version '%.*s' has a leading zero",
						    names[n < 3 ? n : 2], (int)d, s);
		if (n < 3) {
			p->num[n] = s;
			p->numl[n] = d;
		}
		s += d;
		if (f != F_LENIENT && n == 2)
			break;
		if (s == end || *s != '.')
			break;
		s++;
	}
	p->corel = (size_t)(s - p->core);
	if (f != F_LENIENT && n < 2)
		return crk_version__invalid(err, sc, v, vlen,
					    "expected three numbers, MAJOR.MINOR.PATCH");
	if (s < end && *s == '-') {
		const char *plus = memchr(s, '+', (size_t)(end - s));
		p->pre = s + 1;
		p->prel = (size_t)((plus ? plus : end) - p->pre);
		rc = check_ids(sc, v, vlen, p->pre, p->prel, nolead, "the pre-release", err);
		if (rc)
			return rc;
		s = p->pre + p->prel;
	}
	if (s < end && *s == '+') {
		p->build = s + 1;
		p->buildl = (size_t)(end - p->build);
		rc = check_ids(sc, v, vlen, p->build, p->buildl, 0, "the build metadata", err);
		if (rc)
			return rc;
		s = end;
	}
	if (s != end)
		return crk_version__invalid(err, sc, v, vlen, "unexpected '%c' after the version%s",
					    *s, f != F_LENIENT && *s == '.'
						    ? " (exactly three numbers are allowed)"
						    : "");
	for (i = 0; i < 3 && f != F_LENIENT; i++) {
		unsigned long long x;
		if (f == F_NPM && crk_version__numcmp(p->num[i], p->numl[i], "9007199254740991", 16) > 0)
			return crk_version__invalid(err, sc, v, vlen,
						    "the %s version is above 2^53-1", names[i]);
		if (f == F_CARGO && crk_version__u64(p->num[i], p->numl[i], &x))
			return crk_version__invalid(err, sc, v, vlen,
						    "the %s version is above u64::MAX", names[i]);
		if (f == F_PUB && crk_version__numcmp(p->num[i], p->numl[i], "9223372036854775807",
						      19) > 0)
			return crk_version__invalid(err, sc, v, vlen,
						    "the %s version is above 2^63-1", names[i]);
	}
	return CRK_OK;
}

/* The next identifier of the dot-separated list s[*pos..len): 0 at the end. */
static int next_id(const char *s, size_t len, size_t *pos, const char **id, size_t *idlen)
{
	const char *dot;
	if (*pos > len)
		return 0;
	*id = s + *pos;
	dot = memchr(*id, '.', len - *pos);
	*idlen = dot ? (size_t)(dot - *id) : len - *pos;
	*pos += *idlen + 1;
	return 1;
}

int crk_version__semver_pre_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t pa = 0, pb = 0, la, lb;
	const char *ia, *ib;
	for (;;) {
		int ha = next_id(a, alen, &pa, &ia, &la), hb = next_id(b, blen, &pb, &ib, &lb), c;
		int na, nb;
		if (!ha || !hb)
			return ha - hb;
		na = all_digits(ia, la);
		nb = all_digits(ib, lb);
		if (na != nb)
			return na ? -1 : 1;
		c = na ? crk_version__numcmp(ia, la, ib, lb) : crk_version__bytecmp(ia, la, ib, lb);
		if (c)
			return c;
	}
}

/* node-semver's comparePre: identifiers are JavaScript numbers when all digits. */
static int npm_pre_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t pa = 0, pb = 0, la, lb;
	const char *ia, *ib;
	for (;;) {
		int ha = next_id(a, alen, &pa, &ia, &la), hb = next_id(b, blen, &pb, &ib, &lb);
		int na, nb;
		if (!ha || !hb)
			return ha - hb;
		if (la == lb && memcmp(ia, ib, la) == 0)
			continue; /* the same text: `a === b` */
		na = all_digits(ia, la);
		nb = all_digits(ib, lb);
		if (na && nb) {
			/* Both below 2^53-1 are stored as numbers and `===` compares values; they
			 * cannot be equal here (no leading zeros). Otherwise compareIdentifiers
			 * converts both with `+x` and its answer stands, even 0. */
			char bufa[400], bufb[400];
			double da, db;
			if (la >= sizeof(bufa) || lb >= sizeof(bufb))
				return crk_version__numcmp(ia, la, ib, lb); /* cannot happen: <= 256 */
			memcpy(bufa, ia, la);
			bufa[la] = '\0';
			memcpy(bufb, ib, lb);
			bufb[lb] = '\0';
			da = strtod(bufa, NULL);
			db = strtod(bufb, NULL);
			return (da > db) - (da < db);
		}
		if (na != nb)
			return na ? -1 : 1;
		return crk_version__bytecmp(ia, la, ib, lb);
	}
}

/* crates.io: BuildMetadata's Ord. The empty metadata is one empty identifier. */
static int cargo_build_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t pa = 0, pb = 0, la, lb;
	const char *ia, *ib;
	for (;;) {
		int ha = next_id(a, alen, &pa, &ia, &la), hb = next_id(b, blen, &pb, &ib, &lb), c;
		int na, nb;
		if (!ha || !hb)
			return ha - hb;
		na = crk_vdigits(ia, la) == la; /* "" counts as all digits, as in Rust */
		nb = crk_vdigits(ib, lb) == lb;
		if (na != nb)
			return na ? -1 : 1;
		if (na) {
			c = crk_version__numcmp(ia, la, ib, lb);
			if (!c)
				c = (la > lb) - (la < lb);
		} else {
			c = crk_version__bytecmp(ia, la, ib, lb);
		}
		if (c)
			return c;
	}
}

/* Dart's int.tryParse: [-]digits or [-]0x<hex>, within 64 bits; *out is the value. */
static int dart_int(const char *s, size_t len, long long *out)
{
	unsigned long long m = 0;
	size_t i = 0;
	int neg = 0, hex = 0;
	if (len && s[0] == '-')
		neg = 1, i = 1;
	if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
		hex = 1, i += 2;
	if (i == len)
		return 0;
	for (; i < len; i++) {
		int c = (unsigned char)s[i], d;
		if (crk_vdigit(c))
			d = c - '0';
		else if (hex && crk_valpha(c) && crk_vtolower(c) <= 'f')
			d = crk_vtolower(c) - 'a' + 10;
		else
			return 0;
		if (m > (~0ULL - (unsigned)d) / (hex ? 16 : 10))
			return 0;
		m = m * (hex ? 16 : 10) + (unsigned)d;
	}
	if (neg) {
		if (m > 1ULL << 63)
			return 0;
		*out = m == 1ULL << 63 ? (long long)(-9223372036854775807LL - 1) : -(long long)m;
		return 1;
	}
	if (!hex && m > 9223372036854775807ULL)
		return 0;
	*out = (long long)m; /* hex above 2^63-1 wraps, as on the Dart VM */
	return 1;
}

/* pub_semver's _compareLists. */
static int pub_list_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t pa = 0, pb = 0, la, lb;
	const char *ia, *ib;
	for (;;) {
		int ha = next_id(a, alen, &pa, &ia, &la), hb = next_id(b, blen, &pb, &ib, &lb), c;
		long long xa = 0, xb = 0;
		int na, nb;
		if (!ha || !hb)
			return ha - hb;
		na = dart_int(ia, la, &xa);
		nb = dart_int(ib, lb, &xb);
		if (na != nb)
			return na ? -1 : 1;
		c = na ? (xa > xb) - (xa < xb) : crk_version__bytecmp(ia, la, ib, lb);
		if (c)
			return c;
	}
}

static int cmp_parsed(enum flavor f, const struct sv *a, const struct sv *b)
{
	int c = 0, i;
	if (f == F_LENIENT) {
		size_t pa = 0, pb = 0, la = 0, lb = 0;
		const char *ia = "0", *ib = "0";
		for (;;) {
			int ha = next_id(a->core, a->corel, &pa, &ia, &la);
			int hb = next_id(b->core, b->corel, &pb, &ib, &lb);
			if (!ha && !hb)
				break;
			c = crk_version__numcmp(ha ? ia : "0", ha ? la : 1, hb ? ib : "0",
						hb ? lb : 1);
			if (c)
				return c;
		}
	} else {
		for (i = 0; i < 3; i++) {
			c = crk_version__numcmp(a->num[i], a->numl[i], b->num[i], b->numl[i]);
			if (c)
				return c;
		}
	}
	if (!a->pre != !b->pre)
		return a->pre ? -1 : 1;
	if (a->pre) {
		if (f == F_NPM)
			c = npm_pre_cmp(a->pre, a->prel, b->pre, b->prel);
		else if (f == F_PUB)
			c = pub_list_cmp(a->pre, a->prel, b->pre, b->prel);
		else
			c = crk_version__semver_pre_cmp(a->pre, a->prel, b->pre, b->prel);
		if (c || f == F_NPM)
			return c;
	}
	if (f == F_CARGO)
		return cargo_build_cmp(a->build ? a->build : "", a->buildl, b->build ? b->build : "",
				       b->buildl);
	if (f == F_PUB) {
		if (!a->build != !b->build)
			return a->build ? 1 : -1;
		return a->build ? pub_list_cmp(a->build, a->buildl, b->build, b->buildl) : 0;
	}
	return 0;
}

static int compare(enum flavor f, const char *a, size_t alen, const char *b, size_t blen, int *out,
		   struct crk_err *err)
{
	struct sv pa, pb;
	int rc = parse(&pa, f, a, alen, err);
	if (!rc)
		rc = parse(&pb, f, b, blen, err);
	if (!rc)
		*out = cmp_parsed(f, &pa, &pb);
	return rc;
}

#define FLAVOR(fn, f)                                                                            \
	static int fn##_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,  \
				struct crk_err *err)                                               \
	{                                                                                          \
		return compare(f, a, alen, b, blen, out, err);                                     \
	}                                                                                          \
	static int fn##_valid(const char *v, size_t len, struct crk_err *err)                      \
	{                                                                                          \
		struct sv p;                                                                       \
		return parse(&p, f, v, len, err);                                                  \
	}
FLAVOR(lenient, F_LENIENT)
FLAVOR(npm, F_NPM)
FLAVOR(cargo, F_CARGO)
FLAVOR(hex, F_HEX)
FLAVOR(pub, F_PUB)

static const char *const npm_ecosystems[] = {"npm", NULL};
static const char *const cargo_ecosystems[] = {"crates.io", NULL};
static const char *const hex_ecosystems[] = {"Hex", NULL};
static const char *const pub_ecosystems[] = {"Pub", NULL};
static const char *const lenient_ecosystems[] = {"SemVer", "Bitnami", "GitHub Actions",
						 "SwiftURL", NULL};

const struct crk_version_scheme crk_version_npm = {
	.name = "npm",
	.title = "SemVer 2.0.0, node-semver",
	.ecosystems = npm_ecosystems,
	.compare = npm_compare,
	.valid = npm_valid,
	.spec = "https://github.com/npm/node-semver#versions",
	.doc = "node-semver: optional leading v, numbers up to 2^53-1, pre-release numbers as "
	       "JavaScript numbers",
};

const struct crk_version_scheme crk_version_cargo = {
	.name = "cargo",
	.title = "SemVer 2.0.0, semver crate",
	.ecosystems = cargo_ecosystems,
	.compare = cargo_compare,
	.valid = cargo_valid,
	.spec = "https://docs.rs/semver/1/semver/struct.Version.html",
	.doc = "Rust's semver crate: strict SemVer, numbers up to u64::MAX, build metadata "
	       "ordered",
};

const struct crk_version_scheme crk_version_hex = {
	.name = "hex",
	.title = "SemVer 2.0.0, Elixir Version",
	.ecosystems = hex_ecosystems,
	.compare = hex_compare,
	.valid = hex_valid,
	.spec = "https://hexdocs.pm/elixir/Version.html",
	.doc = "Elixir's Version: strict SemVer 2.0.0, numbers of any size, build ignored",
};

const struct crk_version_scheme crk_version_pub = {
	.name = "pub",
	.title = "SemVer 2.0.0, pub_semver",
	.ecosystems = pub_ecosystems,
	.compare = pub_compare,
	.valid = pub_valid,
	.spec = "https://pub.dev/packages/pub_semver",
	.doc = "Dart's pub_semver: leading zeros allowed, build metadata ordered after the "
	       "release",
};

const struct crk_version_scheme crk_version_semver = {
	.name = "semver",
	.title = "SemVer 2.0.0, lenient",
	.ecosystems = lenient_ecosystems,
	.compare = lenient_compare,
	.valid = lenient_valid,
	.spec = "https://semver.org/spec/v2.0.0.html",
	.doc = "OSV's SEMVER range type: optional v, any number of numeric components, "
	       "build ignored",
};
