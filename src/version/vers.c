/*
 * vers.c - purl version range specifiers (include/crakit/range.h).
 *
 * Follows VERSION-RANGE-SPEC of github.com/package-url/vers-spec ("Parsing and validating
 * version range specifiers", "Checking if a version is contained within a range"):
 *   vers:<scheme>/<constraint>|<constraint>|...
 * Parsing removes spaces and tabs, ignores empty constraints (leading, trailing or doubled
 * pipes), takes the comparator (>=, <=, !=, <, >, or none for =), percent-decodes the version,
 * and checks it against the scheme. Validation sorts by version and refuses a version given
 * twice and the contiguous pairs the spec calls invalid or redundant (ignoring !=): bounds that
 * do not alternate ("<1|<2"), "=" right after a lower bound (">1|=2") or right before an upper
 * bound ("=1|<2"). The newer canonical-form tests of the
 * vers-spec repository refuse spaces and stray pipes outright; we accept them as the spec
 * document does, since people type these.
 *
 * Containment is the spec's algorithm: "*" contains everything; equal to an =, <= or >=
 * version: in; equal to a != version: out; then over the bounds (<, <=, >, >=) in order: below a
 * first upper bound, above a last lower bound, or between a lower bound and the next upper
 * bound: in; else out. A vers made only of != constraints therefore contains nothing.
 */
#include <string.h>

#include "base/alloc.h"
#include "crakit/range.h"
#include "crakit/version.h"
#include "version/scheme.h"
#include "base/banned.h"

#define VERS_MAX_LEN ((size_t)1 << 20)

static const struct {
	const char *scheme, *ecosystem;
} schemes[] = {
	{"npm", "npm"},        {"pypi", "PyPI"},        {"maven", "Maven"},   {"nuget", "NuGet"},
	{"gem", "RubyGems"},   {"deb", "Debian"},       {"rpm", "Red Hat"},   {"golang", "Go"},
	{"cargo", "crates.io"}, {"hex", "Hex"},         {"pub", "Pub"},       {"composer", "Packagist"},
	{"cran", "CRAN"},      {"alpine", "Alpine"},    {"apk", "Alpine"},    {"semver", "SemVer"},
};

/* Schemes the spec defines without an ecosystem: compared here. */
enum local { L_NONE, L_INTDOT, L_LEX, L_ALL, L_NOTHING };

const char *crk_vers_ecosystem(const char *scheme)
{
	size_t i;
	for (i = 0; scheme && i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strcmp(schemes[i].scheme, scheme) == 0)
			return schemes[i].ecosystem;
	return NULL;
}

static enum local local_of(const char *scheme)
{
	return strcmp(scheme, "intdot") == 0		? L_INTDOT
	       : strcmp(scheme, "lexicographic") == 0 ? L_LEX
	       : strcmp(scheme, "all") == 0	     ? L_ALL
	       : strcmp(scheme, "none") == 0	     ? L_NOTHING
							     : L_NONE;
}

/* intdot: dot-separated non-negative integers; reading stops at the first other character.
 * Missing trailing components count as 0. */
static int intdot_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	while (i < alen && (crk_vdigit((unsigned char)a[i]) || a[i] == '.'))
		i++;
	while (j < blen && (crk_vdigit((unsigned char)b[j]) || b[j] == '.'))
		j++;
	alen = i, blen = j, i = j = 0;
	while (i < alen || j < blen) {
		size_t si = i, sj = j;
		int c;
		while (i < alen && a[i] != '.')
			i++;
		while (j < blen && b[j] != '.')
			j++;
		c = crk_version__numcmp(a + si, i - si, b + sj, j - sj);
		if (c)
			return c;
		if (i < alen)
			i++;
		if (j < blen)
			j++;
	}
	return 0;
}

static int vcmp(const struct crk_vers *v, const char *a, size_t alen, const char *b, size_t blen,
		int *out, struct crk_err *err)
{
	if (v->ecosystem)
		return crk_version_comparen(v->ecosystem, a, alen, b, blen, out, err);
	if (local_of(v->scheme) == L_INTDOT)
		*out = intdot_cmp(a, alen, b, blen);
	else
		*out = crk_version__bytecmp(a, alen, b, blen);
	return CRK_OK;
}

static int vvalid(const struct crk_vers *v, const char *s, size_t len, struct crk_err *err)
{
	char q[96];
	size_t i;
	if (v->ecosystem)
		return crk_version_validate(v->ecosystem, s, len, err);
	if (local_of(v->scheme) != L_INTDOT)
		return CRK_OK;
	for (i = 0; i < len; i++)
		if (!crk_vdigit((unsigned char)s[i]) && s[i] != '.')
			break;
	if (i == 0 || s[0] == '.') {
		crk_version__quote(q, sizeof(q), s, len);
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "'%s' is not a valid intdot version (digits and dots)", q);
	}
	return CRK_OK;
}

void crk_vers_free(struct crk_vers *v)
{
	size_t i;
	if (!v)
		return;
	for (i = 0; i < v->n; i++)
		crk_free(v->c[i].version);
	crk_free(v->c);
	crk_free(v->scheme);
	memset(v, 0, sizeof(*v));
}

static int hexval(int c)
{
	return crk_vdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
				     : (c >= 'A' && c <= 'F') ? c - 'A' + 10
							      : -1;
}

/* Percent-decodes s[0..len) into a new NUL-terminated string. */
static int decode(char **out, const char *s, size_t len, struct crk_err *err)
{
	char *d = crk_malloc(len + 1), q[96];
	size_t i, o = 0;
	if (!d)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < len; i++) {
		if (s[i] != '%') {
			d[o++] = s[i];
			continue;
		}
		if (i + 2 >= len || hexval((unsigned char)s[i + 1]) < 0 ||
		    hexval((unsigned char)s[i + 2]) < 0) {
			crk_free(d);
			crk_version__quote(q, sizeof(q), s, len);
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "vers: invalid percent-encoding in version '%s'", q);
		}
		d[o] = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
		if (d[o++] == '\0') {
			crk_free(d);
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "vers: a version holds an encoded NUL (%%00)");
		}
		i += 2;
	}
	d[o] = '\0';
	*out = d;
	return CRK_OK;
}

static const char *op_str(enum crk_vers_op op)
{
	switch (op) {
	case CRK_VERS_EQ:
		return "=";
	case CRK_VERS_NE:
		return "!=";
	case CRK_VERS_LT:
		return "<";
	case CRK_VERS_LE:
		return "<=";
	case CRK_VERS_GT:
		return ">";
	case CRK_VERS_GE:
		return ">=";
	case CRK_VERS_STAR:
		return "*";
	}
	return "?";
}

static int is_lower(enum crk_vers_op op)
{
	return op == CRK_VERS_GT || op == CRK_VERS_GE;
}

static int is_upper(enum crk_vers_op op)
{
	return op == CRK_VERS_LT || op == CRK_VERS_LE;
}

/* Sorts by version (binary insertion: n log n comparisons) and refuses duplicates. */
static int sort_constraints(struct crk_vers *v, struct crk_err *err)
{
	size_t i;
	for (i = 1; i < v->n; i++) {
		struct crk_vers_constraint x = v->c[i];
		size_t lo = 0, hi = i;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c, rc = vcmp(v, x.version, strlen(x.version), v->c[mid].version,
					 strlen(v->c[mid].version), &c, err);
			if (rc)
				return rc;
			if (c == 0) {
				char q1[96], q2[96];
				crk_version__quote(q1, sizeof(q1), x.version, strlen(x.version));
				crk_version__quote(q2, sizeof(q2), v->c[mid].version,
						   strlen(v->c[mid].version));
				crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					    "vers: version '%s' is given twice ('%s%s' and '%s%s')",
					    q1, op_str(v->c[mid].op), q2, op_str(x.op), q1);
				crk_err_hint(err, "each version may appear in one constraint only");
				return CRK_EPARSE;
			}
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		memmove(&v->c[lo + 1], &v->c[lo], (i - lo) * sizeof(v->c[0]));
		v->c[lo] = x;
	}
	return CRK_OK;
}

/* The spec's rules for contiguous constraints of the sorted list. */
static int check_order(const struct crk_vers *v, struct crk_err *err)
{
	const struct crk_vers_constraint *prev = NULL, *prevb = NULL;
	size_t i;
	for (i = 0; i < v->n; i++) {
		const struct crk_vers_constraint *c = &v->c[i];
		if (c->op == CRK_VERS_NE)
			continue;
		if (prev && ((prev->op == CRK_VERS_EQ && is_upper(c->op)) ||
			     (is_lower(prev->op) && c->op == CRK_VERS_EQ)))
			goto bad_pair;
		prev = c;
		if (c->op == CRK_VERS_EQ)
			continue;
		if (prevb && is_lower(prevb->op) == is_lower(c->op)) {
			prev = prevb;
			goto bad_pair;
		}
		prevb = c;
	}
	return CRK_OK;
bad_pair:
	crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
		    "vers: '%s%s' cannot be followed by '%s%s' (sorted by version)", op_str(prev->op),
		    prev->version, op_str(v->c[i].op), v->c[i].version);
	crk_err_hint(err, "after sorting, lower bounds (>, >=) and upper bounds (<, <=) must "
			  "alternate, and '=' can neither follow a lower bound nor precede an "
			  "upper bound (it would be redundant)");
	return CRK_EPARSE;
}

int crk_vers_parse(struct crk_vers *out, const char *s, size_t len, struct crk_err *err)
{
	char *buf = NULL, *p, *end;
	size_t i, n = 0, ncon = 0;
	int rc = CRK_OK;

	memset(out, 0, sizeof(*out));
	if (len > VERS_MAX_LEN)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "vers: longer than %zu bytes",
				   VERS_MAX_LEN);
	if (!(buf = crk_malloc(len + 1)))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			buf[n++] = s[i];
	buf[n] = '\0';
	end = buf + n;
	if (memchr(buf, '\0', n)) {
		rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "vers: contains a NUL byte");
		goto out;
	}
	if (n < 5 || memcmp(buf, "vers:", 5) != 0) {
		rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				 "not a vers: it must start with 'vers:' (lower case)");
		crk_err_hint(err, "e.g. vers:npm/>=1.0.0|<2.0.0");
		goto out;
	}
	p = buf + 5;
	{
		char *slash = memchr(p, '/', (size_t)(end - p));
		char *q;
		if (!slash || slash == p) {
			rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					 "vers: no versioning scheme before '/'");
			crk_err_hint(err, "e.g. vers:npm/>=1.0.0|<2.0.0");
			goto out;
		}
		for (q = p; q < slash; q++)
			if (!crk_vlower((unsigned char)*q) && !crk_vdigit((unsigned char)*q) &&
			    *q != '-' && *q != '.' && *q != '+') {
				rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
						 "vers: the versioning scheme '%.*s' must be lower "
						 "case letters and digits",
						 (int)(slash - p), p);
				goto out;
			}
		if (!(out->scheme = crk_strndup(p, (size_t)(slash - p)))) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
		p = slash + 1;
	}
	out->ecosystem = crk_vers_ecosystem(out->scheme);
	if (!out->ecosystem && local_of(out->scheme) == L_NONE) {
		rc = crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
				 "vers: no comparator for the versioning scheme '%s'", out->scheme);
		crk_err_hint(err, "known: npm, pypi, maven, nuget, gem, deb, rpm, golang, cargo, hex, "
				  "pub, composer, cran, alpine, apk, semver, intdot, lexicographic, "
				  "all, none");
		goto out;
	}
	/* Count the constraints. */
	for (i = 0; p + i <= end; i++)
		if ((p + i == end || p[i] == '|') && i > 0 && p[i - 1] != '|')
			ncon++;
	if (ncon == 0) {
		rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "vers: no constraint after '%s/'",
				 out->scheme);
		goto out;
	}
	if (ncon > CRK_RANGE_MAX_EVENTS) {
		rc = crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
				 "vers: %zu constraints, the limit is %d", ncon,
				 CRK_RANGE_MAX_EVENTS);
		goto out;
	}
	if (!(out->c = crk_calloc(ncon, sizeof(*out->c)))) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	while (p < end) {
		char *bar = memchr(p, '|', (size_t)(end - p));
		char *stop = bar ? bar : end;
		struct crk_vers_constraint *c = &out->c[out->n];
		if (stop == p) {
			p = stop + 1;
			continue;
		}
		if (*p == '*') {
			if (stop - p != 1 || ncon != 1) {
				rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
						 "vers: '*' must be the only constraint");
				goto out;
			}
			c->op = CRK_VERS_STAR;
			out->n++;
			break;
		}
		if (stop - p >= 2 && p[1] == '=' && (*p == '>' || *p == '<' || *p == '!')) {
			c->op = *p == '>' ? CRK_VERS_GE : *p == '<' ? CRK_VERS_LE : CRK_VERS_NE;
			p += 2;
		} else if (*p == '<' || *p == '>') {
			c->op = *p == '>' ? CRK_VERS_GT : CRK_VERS_LT;
			p++;
		} else {
			c->op = CRK_VERS_EQ;
			if (*p == '=')
				p++;
		}
		if (p == stop || strcspn(p, "<>=!*|") < (size_t)(stop - p)) {
			rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					 "vers: constraint '%.*s' has no version, or a stray "
					 "comparator character (quote it as %%XX)",
					 (int)(stop - p), p);
			goto out;
		}
		if ((rc = decode(&c->version, p, (size_t)(stop - p), err)) != CRK_OK)
			goto out;
		out->n++;
		if ((rc = vvalid(out, c->version, strlen(c->version), err)) != CRK_OK)
			goto out;
		p = stop + (bar != NULL);
	}
	if (local_of(out->scheme) == L_ALL || local_of(out->scheme) == L_NOTHING) {
		if (out->n != 1 || out->c[0].op != CRK_VERS_STAR) {
			rc = crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					 "vers: the only valid form of scheme '%s' is 'vers:%s/*'",
					 out->scheme, out->scheme);
			goto out;
		}
	}
	if (out->n > 1 && ((rc = sort_constraints(out, err)) || (rc = check_order(out, err))))
		goto out;
out:
	crk_free(buf);
	if (rc)
		crk_vers_free(out);
	return rc;
}

int crk_vers_contains(const struct crk_vers *v, const char *ver, size_t vlen, int *out,
		      long *why, struct crk_err *err)
{
	const struct crk_vers_constraint *prev = NULL;
	size_t i, first = 1;
	int rc, c;

	*out = 0;
	if (why)
		*why = -1;
	if (v->n == 1 && v->c[0].op == CRK_VERS_STAR) {
		*out = local_of(v->scheme) != L_NOTHING;
		if (why && *out)
			*why = 0;
		return CRK_OK;
	}
	if ((rc = vvalid(v, ver, vlen, err)) != CRK_OK)
		return rc;
	/* Equalities first. */
	for (i = 0; i < v->n; i++) {
		const struct crk_vers_constraint *k = &v->c[i];
		if (k->op == CRK_VERS_LT || k->op == CRK_VERS_GT)
			continue;
		if ((rc = vcmp(v, ver, vlen, k->version, strlen(k->version), &c, err)) != CRK_OK)
			return rc;
		if (c == 0) {
			*out = k->op != CRK_VERS_NE;
			if (why)
				*why = (long)i;
			return CRK_OK;
		}
	}
	/* Then the bounds, pairwise in order. */
	for (i = 0; i < v->n; i++) {
		const struct crk_vers_constraint *k = &v->c[i];
		if (k->op == CRK_VERS_EQ || k->op == CRK_VERS_NE)
			continue;
		if ((rc = vcmp(v, ver, vlen, k->version, strlen(k->version), &c, err)) != CRK_OK)
			return rc;
		if (first && is_upper(k->op) && c < 0) {
			*out = 1;
			if (why)
				*why = (long)i;
			return CRK_OK;
		}
		if (prev && is_lower(prev->op) && is_upper(k->op) && c < 0) {
			int pc;
			if ((rc = vcmp(v, ver, vlen, prev->version, strlen(prev->version), &pc,
				       err)) != CRK_OK)
				return rc;
			if (pc > 0) {
				*out = 1;
				if (why)
					*why = (long)(prev - v->c);
				return CRK_OK;
			}
		}
		first = 0;
		prev = k;
	}
	if (prev && is_lower(prev->op)) {
		if ((rc = vcmp(v, ver, vlen, prev->version, strlen(prev->version), &c, err)) !=
		    CRK_OK)
			return rc;
		if (c > 0) {
			*out = 1;
			if (why)
				*why = (long)(prev - v->c);
		}
	}
	return CRK_OK;
}
