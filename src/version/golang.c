/*
 * golang.c - Go module versions: golang.org/x/mod/semver (https://go.dev/ref/mod#versions,
 * https://pkg.go.dev/golang.org/x/mod/semver), the order the go command uses.
 *
 *   vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]: "v1" and "v1.2" are shorthands for v1.0.0 and v1.2.0
 *   (only with nothing after them). Numbers have no leading zeros (0 itself is fine) and any
 *   length. PRE and BUILD are dot-separated, non-empty identifiers of [0-9A-Za-z-]; numeric PRE
 *   identifiers have no leading zero. Order: SemVer 2.0.0 precedence, BUILD ignored, so
 *   v1.0.0+incompatible = v1.0.0.
 *
 * Pseudo-versions (https://go.dev/ref/mod#pseudo-versions) are ordinary pre-releases and need no
 * rule of their own: vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef...
 * and vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef... sort below the release they precede and above the
 * tag they derive from, by time stamp, and then by commit hash as a string (the "-" inside the
 * last identifier keeps it alphanumeric).
 *
 * One departure from semver.IsValid, on purpose: the leading "v" may be left out, because OSV
 * (the Go vulnerability database's export) writes Go versions without it ("1.20.5", and "0"
 * for "from the beginning"). "1.2.3" is v1.2.3; "V1.2.3", "go1.21" and " v1.2.3" are errors.
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

struct gv {
	const char *num[3];
	size_t numl[3];
	const char *pre; /* NULL when absent */
	size_t prel;
};

static int ids_ok(const char *v, size_t vlen, const char *s, size_t len, int nolead,
		  const char *what, struct crk_err *err)
{
	size_t i, start = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!crk_valnum((unsigned char)s[i]) && s[i] != '-')
				return crk_version__invalid(err, &crk_version_golang, v, vlen,
							    "%s may hold only [0-9A-Za-z-] and dots",
							    what);
			continue;
		}
		if (i == start)
			return crk_version__invalid(err, &crk_version_golang, v, vlen,
						    "%s has an empty identifier", what);
		if (nolead && i - start > 1 && s[start] == '0' &&
		    crk_vdigits(s + start, i - start) == i - start)
			return crk_version__invalid(err, &crk_version_golang, v, vlen,
						    "numeric pre-release identifier '%.*s' has a "
						    "leading zero",
						    (int)(i - start), s + start);
		start = i + 1;
	}
	return CRK_OK;
}

static int parse(struct gv *p, const char *v, size_t vlen, struct crk_err *err)
{
	static const char *const names[3] = {"major", "minor", "patch"};
	const char *s = v, *end = v + vlen;
	size_t n;
	int rc;
	memset(p, 0, sizeof(*p));
	if (s < end && *s == 'v')
		s++;
	for (n = 0; n < 3; n++) {
		size_t d = crk_vdigits(s, (size_t)(end - s));
		if (d == 0)
			return crk_version__invalid(err, &crk_version_golang, v, vlen,
						    "expected a number, vMAJOR.MINOR.PATCH");
		if (d > 1 && *s == '0')
			return crk_version__invalid(err, &crk_version_golang, v, vlen,
						    "the %s version '%.*s' has a leading zero",
						    names[n], (int)d, s);
		p->num[n] = s;
		p->numl[n] = d;
		s += d;
		if (n == 2)
			break;
		if (s == end) { /* the shorthands v1 and v1.2 */
			for (n++; n < 3; n++) {
				p->num[n] = "0";
				p->numl[n] = 1;
			}
			return CRK_OK;
		}
		if (*s != '.')
			return crk_version__invalid(err, &crk_version_golang, v, vlen, "%s",
						    *s == '-' || *s == '+'
							    ? "a shorthand (v1, v1.2) cannot have a "
							      "pre-release or build suffix"
							    : "expected '.' between the numbers");
		s++;
	}
	if (s < end && *s == '-') {
		const char *plus = memchr(s, '+', (size_t)(end - s));
		p->pre = s + 1;
		p->prel = (size_t)((plus ? plus : end) - p->pre);
		rc = ids_ok(v, vlen, p->pre, p->prel, 1, "the pre-release", err);
		if (rc)
			return rc;
		s = p->pre + p->prel;
	}
	if (s < end && *s == '+') {
		rc = ids_ok(v, vlen, s + 1, (size_t)(end - s - 1), 0, "the build metadata", err);
		if (rc)
			return rc;
		s = end;
	}
	if (s != end)
		return crk_version__invalid(err, &crk_version_golang, v, vlen,
					    "unexpected '%c' after the version%s", *s,
					    *s == '.' ? " (at most three numbers)" : "");
	return CRK_OK;
}

static int go_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
		      struct crk_err *err)
{
	struct gv pa, pb;
	int rc = parse(&pa, a, alen, err), i, c = 0;
	if (!rc)
		rc = parse(&pb, b, blen, err);
	if (rc)
		return rc;
	for (i = 0; i < 3 && !c; i++)
		c = crk_version__numcmp(pa.num[i], pa.numl[i], pb.num[i], pb.numl[i]);
	if (!c && !pa.pre != !pb.pre)
		c = pa.pre ? -1 : 1;
	if (!c && pa.pre)
		c = crk_version__semver_pre_cmp(pa.pre, pa.prel, pb.pre, pb.prel);
	*out = c;
	return CRK_OK;
}

static int go_valid(const char *v, size_t len, struct crk_err *err)
{
	struct gv p;
	return parse(&p, v, len, err);
}

static const char *const go_ecosystems[] = {"Go", NULL};

const struct crk_version_scheme crk_version_golang = {
	.name = "go",
	.title = "Go module version",
	.ecosystems = go_ecosystems,
	.compare = go_compare,
	.valid = go_valid,
	.spec = "https://go.dev/ref/mod#versions",
	.doc = "golang.org/x/mod/semver: v1 and v1.2 shorthands, +incompatible and build ignored, "
	       "pseudo-versions as pre-releases; the v may be left out, as OSV does",
};
