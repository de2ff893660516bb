/*
 * nuget.c - NuGet package versions: NuGet.Versioning's NuGetVersion and VersionComparer
 * (https://learn.microsoft.com/en-us/nuget/concepts/package-versioning), SemVer 2.0.0 with
 * System.Version's four numbers.
 *
 *   N[.N[.N[.N]]][-LABEL(.LABEL)*][+METADATA]
 *
 * Parsing (NuGetVersion.TryParse, the lenient parse used for package versions): surrounding
 * white space is trimmed; one to four numbers, each 0..2^31-1, leading zeros allowed (1.01 =
 * 1.1); labels and metadata are dot-separated, non-empty identifiers of [0-9A-Za-z-]; a numeric
 * label has no leading zero. The first "-" starts the labels, the first "+" the metadata.
 *
 * Order (VersionComparer.Default): major, minor, patch, revision (missing ones are 0, so 1.0 =
 * 1.0.0.0); a version without labels is above one with; labels left to right: both numbers
 * (Int32.TryParse) numerically, a number below a string, strings by ordinal comparison
 * ignoring case (1.0.0-BETA = 1.0.0-beta); more labels win over fewer. Metadata is ignored.
 *
 * Departures: .NET's Int32.TryParse would also accept a sign or inner blanks in a number
 * ("+1.0", "1 .0") and a label like "-1" as the number -1; we refuse the first two and read "-1"
 * as a string. No NuGet oracle ran (no .NET SDK in the reference environment): these rules come
 * from NuGet.Versioning's source and documentation and the peer's hand-written vectors.
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

struct nv {
	const char *num[4];
	size_t numl[4];
	const char *labels; /* NULL when absent */
	size_t labelsl;
};

static int ids_ok(const char *v, size_t vlen, const char *s, size_t n, int labels,
		  struct crk_err *err)
{
	size_t i, start = 0;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!crk_valnum((unsigned char)s[i]) && s[i] != '-')
				return crk_version__invalid(err, &crk_version_nuget, v, vlen,
							    "%s may hold only [0-9A-Za-z-] and dots",
							    labels ? "a release label" : "metadata");
			continue;
		}
		if (i == start)
			return crk_version__invalid(err, &crk_version_nuget, v, vlen, "an empty %s",
						    labels ? "release label" : "metadata part");
		if (labels && i - start > 1 && s[start] == '0' &&
		    crk_vdigits(s + start, i - start) == i - start)
			return crk_version__invalid(err, &crk_version_nuget, v, vlen,
						    "the numeric label '%.*s' has a leading zero",
						    (int)(i - start), s + start);
		start = i + 1;
	}
	return CRK_OK;
}

static int ws(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int parse(struct nv *p, const char *v, size_t vlen, struct crk_err *err)
{
	const char *s = v, *end = v + vlen, *plus;
	size_t n;
	int rc;
	memset(p, 0, sizeof(*p));
	while (s < end && ws((unsigned char)*s))
		s++;
	while (end > s && ws((unsigned char)end[-1]))
		end--;
	for (n = 0; n < 4; n++) {
		size_t d = crk_vdigits(s, (size_t)(end - s));
		if (d == 0)
			return crk_version__invalid(err, &crk_version_nuget, v, vlen,
						    "expected a number (a version is "
						    "N[.N[.N[.N]]][-label][+metadata])");
		if (crk_version__numcmp(s, d, "2147483647", 10) > 0)
			return crk_version__invalid(err, &crk_version_nuget, v, vlen,
						    "the number '%.*s' is above 2^31-1", (int)d, s);
		p->num[n] = s;
		p->numl[n] = d;
		s += d;
		if (s == end || *s != '.')
			break;
		if (n == 3)
			return crk_version__invalid(err, &crk_version_nuget, v, vlen,
						    "more than four numbers");
		s++;
	}
	plus = memchr(s, '+', (size_t)(end - s));
	if (s < end && *s == '-') {
		p->labels = s + 1;
		p->labelsl = (size_t)((plus ? plus : end) - p->labels);
		rc = ids_ok(v, vlen, p->labels, p->labelsl, 1, err);
		if (rc)
			return rc;
		s = p->labels + p->labelsl;
	}
	if (s < end && *s == '+') {
		rc = ids_ok(v, vlen, s + 1, (size_t)(end - s - 1), 0, err);
		if (rc)
			return rc;
		s = end;
	}
	if (s != end)
		return crk_version__invalid(err, &crk_version_nuget, v, vlen,
					    "unexpected '%c' after the numbers", *s);
	return CRK_OK;
}

/* OrdinalIgnoreCase compares upper-cased characters. */
static int upper(int c)
{
	return crk_vlower(c) ? c - ('a' - 'A') : c;
}

static int label_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i;
	int na = al > 0 && crk_vdigits(a, al) == al && al <= 10 &&
		 crk_version__numcmp(a, al, "2147483647", 10) <= 0;
	int nb = bl > 0 && crk_vdigits(b, bl) == bl && bl <= 10 &&
		 crk_version__numcmp(b, bl, "2147483647", 10) <= 0;
	if (na && nb)
		return crk_version__numcmp(a, al, b, bl);
	if (na != nb)
		return na ? -1 : 1;
	for (i = 0; i < al && i < bl; i++) {
		int x = upper((unsigned char)a[i]), y = upper((unsigned char)b[i]);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return (al > bl) - (al < bl);
}

static int cmp_parsed(const struct nv *a, const struct nv *b)
{
	size_t i, pa = 0, pb = 0;
	int c;
	for (i = 0; i < 4; i++) {
		c = crk_version__numcmp(a->num[i] ? a->num[i] : "0", a->num[i] ? a->numl[i] : 1,
					b->num[i] ? b->num[i] : "0", b->num[i] ? b->numl[i] : 1);
		if (c)
			return c;
	}
	if (!a->labels != !b->labels)
		return a->labels ? -1 : 1;
	if (!a->labels)
		return 0;
	for (;;) {
		const char *da, *db, *ia = a->labels + pa, *ib = b->labels + pb;
		size_t la, lb;
		int ha = pa <= a->labelsl, hb = pb <= b->labelsl;
		if (!ha || !hb)
			return ha - hb;
		da = memchr(ia, '.', a->labelsl - pa);
		db = memchr(ib, '.', b->labelsl - pb);
		la = da ? (size_t)(da - ia) : a->labelsl - pa;
		lb = db ? (size_t)(db - ib) : b->labelsl - pb;
		c = label_cmp(ia, la, ib, lb);
		if (c)
			return c;
		pa += la + 1;
		pb += lb + 1;
	}
}

static int nuget_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			 struct crk_err *err)
{
	struct nv pa, pb;
	int rc = parse(&pa, a, alen, err);
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (!rc)
		*out = cmp_parsed(&pa, &pb);
	return rc;
}

static int nuget_valid(const char *v, size_t len, struct crk_err *err)
{
	struct nv p;
	return parse(&p, v, len, err);
}

static const char *const nuget_ecosystems[] = {"NuGet", NULL};

const struct crk_version_scheme crk_version_nuget = {
	.name = "nuget",
	.title = "NuGet SemVer 2.0",
	.ecosystems = nuget_ecosystems,
	.compare = nuget_compare,
	.valid = nuget_valid,
	.spec = "https://learn.microsoft.com/en-us/nuget/concepts/package-versioning",
	.doc = "NuGet.Versioning: up to four numbers, labels compared without case, metadata "
	       "ignored",
};
