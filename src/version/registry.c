/*
 * registry.c - every version scheme, the OSV ecosystem names that pick them, the public API of
 * include/crakit/version.h, and the helpers the scheme files share.
 *
 * Adding a scheme: src/version/<scheme>.c defining a `const struct crk_version_scheme`, a line in
 * scheme.h and one in the table below, tests/unit/version/test_<scheme>.c, vectors in
 * tests/data/versions/<scheme>.txt, and its rules in docs/versions.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crakit/version.h"
#include "version/scheme.h"
#include "base/banned.h"

const struct crk_version_scheme *const crk_version_schemes[] = {
	&crk_version_npm,      &crk_version_cargo,  &crk_version_hex,      &crk_version_pub,
	&crk_version_semver,   &crk_version_golang, &crk_version_pep440,   &crk_version_maven,
	&crk_version_debian,   &crk_version_rpm,    &crk_version_alpine,   &crk_version_rubygems,
	&crk_version_nuget,    &crk_version_composer, &crk_version_cran,   NULL,
};

static int ascii_caseeq(const char *a, size_t alen, const char *b)
{
	size_t i;
	for (i = 0; i < alen; i++)
		if (!b[i] || crk_vtolower((unsigned char)a[i]) != crk_vtolower((unsigned char)b[i]))
			return 0;
	return b[alen] == '\0';
}

/* The scheme for an ecosystem name, and (when canon is not NULL) the name as OSV spells it. */
static const struct crk_version_scheme *lookup(const char *eco, size_t len, const char **canon)
{
	const char *colon = memchr(eco, ':', len);
	size_t base = colon ? (size_t)(colon - eco) : len, i, j;
	/* OSV's "Root" ecosystem nests another: Root:Alpine:3.18, Root:Debian:12, Root:PyPI. */
	if (colon && ascii_caseeq(eco, base, "Root"))
		return lookup(colon + 1, len - base - 1, canon);
	for (i = 0; crk_version_schemes[i]; i++)
		for (j = 0; crk_version_schemes[i]->ecosystems[j]; j++)
			if (ascii_caseeq(eco, base, crk_version_schemes[i]->ecosystems[j])) {
				if (canon)
					*canon = crk_version_schemes[i]->ecosystems[j];
				return crk_version_schemes[i];
			}
	return NULL;
}

const struct crk_version_scheme *crk_version_scheme_forn(const char *eco, size_t len)
{
	return lookup(eco, len, NULL);
}

const struct crk_version_scheme *crk_version_scheme_for(const char *ecosystem)
{
	return ecosystem ? crk_version_scheme_forn(ecosystem, strlen(ecosystem)) : NULL;
}

const struct crk_version_scheme *crk_version_scheme_find(const char *name)
{
	size_t i;
	for (i = 0; name && crk_version_schemes[i]; i++)
		if (strcmp(crk_version_schemes[i]->name, name) == 0)
			return crk_version_schemes[i];
	return NULL;
}

const char *crk_version_scheme_name(const char *ecosystem)
{
	const struct crk_version_scheme *s = crk_version_scheme_for(ecosystem);
	return s ? s->name : NULL;
}

int crk_version_scheme_at(size_t i, struct crk_version_scheme_desc *out)
{
	size_t n;
	for (n = 0; crk_version_schemes[n]; n++)
		;
	if (i >= n)
		return 0;
	out->name = crk_version_schemes[i]->name;
	out->title = crk_version_schemes[i]->title;
	out->ecosystems = crk_version_schemes[i]->ecosystems;
	out->spec = crk_version_schemes[i]->spec;
	out->doc = crk_version_schemes[i]->doc;
	return 1;
}

/* ---- the public API ---- */

static int unknown_ecosystem(const char *ecosystem, struct crk_err *err)
{
	char q[96], list[CRK_ERR_MSG_MAX];
	size_t i, j, n = 0;
	crk_version__quote(q, sizeof(q), ecosystem, strlen(ecosystem));
	crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0, "no version scheme for the ecosystem '%s'", q);
	list[0] = '\0';
	for (i = 0; crk_version_schemes[i]; i++)
		for (j = 0; crk_version_schemes[i]->ecosystems[j] && n < sizeof(list); j++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "",
					      crk_version_schemes[i]->ecosystems[j]);
	crk_err_hint(err, "known ecosystems (OSV names, a ':RELEASE' suffix allowed): %s", list);
	return CRK_ENOTFOUND;
}

/* Rewrites a scheme's "not a valid" message so it names the ecosystem the caller asked for, as
 * OSV spells it ("ubuntu:22.04" -> "Ubuntu"), rather than the scheme's first one. */
static void name_ecosystem(const struct crk_version_scheme *s, const char *eco, const char *v,
			   size_t vlen, struct crk_err *err)
{
	char q[96], hint[CRK_ERR_MSG_MAX];
	const char *canon = s->ecosystems[0];
	if (!err)
		return;
	lookup(eco, strlen(eco), &canon);
	snprintf(hint, sizeof(hint), "%s", err->hint);
	crk_version__quote(q, sizeof(q), v, vlen);
	crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "'%s' is not a valid %s version (%s)", q, canon,
		    s->title);
	if (hint[0])
		crk_err_hint(err, "%s", hint);
}

static int too_long(const struct crk_version_scheme *s, const char *eco, const char *v,
		    size_t len, struct crk_err *err)
{
	char q[96];
	const char *canon = s->ecosystems[0];
	lookup(eco, strlen(eco), &canon);
	crk_version__quote(q, sizeof(q), v, len);
	return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
			   "'%s' is too long for a %s version (%zu bytes, the limit is %d)", q,
			   canon, len, CRK_VERSION_MAX_LEN);
}

int crk_version_comparen(const char *ecosystem, const char *a, size_t alen, const char *b,
			 size_t blen, int *out, struct crk_err *err)
{
	const struct crk_version_scheme *s = crk_version_scheme_for(ecosystem);
	if (!s)
		return unknown_ecosystem(ecosystem ? ecosystem : "", err);
	return crk_version__comparen_s(s, ecosystem, a, alen, b, blen, out, err);
}

int crk_version__comparen_s(const struct crk_version_scheme *s, const char *ecosystem,
			    const char *a, size_t alen, const char *b, size_t blen, int *out,
			    struct crk_err *err)
{
	int rc;
	if (alen > CRK_VERSION_MAX_LEN)
		return too_long(s, ecosystem, a, alen, err);
	if (blen > CRK_VERSION_MAX_LEN)
		return too_long(s, ecosystem, b, blen, err);
	rc = s->compare(a, alen, b, blen, out, err);
	if (rc == CRK_EPARSE) {
		/* Which one was it? Only on this error path do we parse again. */
		if (s->valid(a, alen, NULL) != CRK_OK)
			name_ecosystem(s, ecosystem, a, alen, err);
		else
			name_ecosystem(s, ecosystem, b, blen, err);
	}
	return rc;
}

int crk_version_compare(const char *ecosystem, const char *a, const char *b, int *out,
			struct crk_err *err)
{
	return crk_version_comparen(ecosystem, a, strlen(a), b, strlen(b), out, err);
}

int crk_version_validate(const char *ecosystem, const char *v, size_t len, struct crk_err *err)
{
	const struct crk_version_scheme *s = crk_version_scheme_for(ecosystem);
	if (!s)
		return unknown_ecosystem(ecosystem ? ecosystem : "", err);
	return crk_version__validate_s(s, ecosystem, v, len, err);
}

int crk_version__validate_s(const struct crk_version_scheme *s, const char *ecosystem,
			    const char *v, size_t len, struct crk_err *err)
{
	int rc;
	if (len > CRK_VERSION_MAX_LEN)
		return too_long(s, ecosystem, v, len, err);
	rc = s->valid(v, len, err);
	if (rc == CRK_EPARSE)
		name_ecosystem(s, ecosystem, v, len, err);
	return rc;
}

/* ---- helpers for the scheme files ---- */

static size_t quoted_len(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '\\') ? 1 : (c == '\\' ? 2 : 4);
}

void crk_version__quote(char *buf, size_t n, const char *v, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0, total = 0, room;
	for (i = 0; i < len && total < n; i++)
		total += quoted_len((unsigned char)v[i]);
	room = total < n ? n - 1 : n - 4; /* all of it, or what fits before "..." */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		size_t need = quoted_len(c);
		if (o + need > room) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (need == 1) {
			buf[o++] = (char)c;
		} else if (need == 2) {
			buf[o++] = '\\';
			buf[o++] = '\\';
		} else {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	buf[o] = '\0';
}

int crk_version__invalid(struct crk_err *err, const struct crk_version_scheme *s, const char *v,
			 size_t len, const char *fmt, ...)
{
	char q[96], reason[CRK_ERR_MSG_MAX];
	va_list ap;
	if (!err)
		return CRK_EPARSE;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	crk_version__quote(q, sizeof(q), v, len);
	crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "'%s' is not a valid %s version (%s)", q,
		    s->ecosystems[0], s->title);
	crk_err_hint(err, "%s", reason);
	return CRK_EPARSE;
}

int crk_version__numcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;
	while (alen > 0 && *a == '0')
		a++, alen--;
	while (blen > 0 && *b == '0')
		b++, blen--;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	c = alen ? memcmp(a, b, alen) : 0;
	return (c > 0) - (c < 0);
}

int crk_version__bytecmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int c = n ? memcmp(a, b, n) : 0;
	if (c)
		return (c > 0) - (c < 0);
	return (alen > blen) - (alen < blen);
}

int crk_version__u64(const char *s, size_t len, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (~0ULL - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}
