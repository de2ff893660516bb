/*
 * securitytxt.c - RFC 9116 "A File Format to Aid in Security Vulnerability Disclosure"
 * (https://www.rfc-editor.org/rfc/rfc9116). The file is lines of "Field: value" (§2.5, field
 * names case-insensitive), comments starting with "#" (§2.4), blank lines; it may be wrapped in
 * an OpenPGP cleartext signature (§2.3, RFC 4880 §7: dash-escaped lines "- ..."). Contact is
 * required, one or more (§2.5.3); Expires is required exactly once, an RFC 3339 date-time
 * (§2.5.5); Preferred-Languages at most once (§2.5.8); web URIs in Contact, Encryption,
 * Acknowledgments, Canonical, Policy and Hiring MUST start with "https://". Unknown fields
 * are ignored (§2.5: registry of fields; CSAF is one, kept here).
 *
 * Edge cases: CRLF line ends; a UTF-8 byte order mark at the start; values with trailing
 * blanks (trimmed); lines longer than CRK_MAX_LINE (refused); NUL bytes (refused).
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "crakit/cra.h"
#include "base/banned.h"

#define MAX_VALUES 1000 /* values of one field */

struct sctx {
	struct crk_arena *a;
	struct crk_securitytxt *s;
	const char *path;
	struct crk_err *err;
	struct crk_diags *warnings;
	size_t alloc[7];
};

static int num(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int crk_rfc3339_parse(const char *s, size_t n, int64_t *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	size_t p = 19;
	int64_t yy, era, yoe, doy, doe, days;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (n < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
	    s[13] != ':' || s[16] != ':' || num(s, 4, &y) || num(s + 5, 2, &mo) ||
	    num(s + 8, 2, &d) || num(s + 11, 2, &h) || num(s + 14, 2, &mi) || num(s + 17, 2, &sec))
		return -1;
	if (p < n && s[p] == '.') {
		p++;
		if (p >= n || !isdigit((unsigned char)s[p]))
			return -1;
		while (p < n && isdigit((unsigned char)s[p]))
			p++;
	}
	if (p + 1 == n && (s[p] == 'Z' || s[p] == 'z')) {
		p++;
	} else if (p + 6 == n && (s[p] == '+' || s[p] == '-') && s[p + 3] == ':' &&
		   !num(s + p + 1, 2, &oh) && !num(s + p + 4, 2, &om)) {
		sign = s[p] == '+' ? 1 : -1;
		p += 6;
	} else {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59 ||
	    y < 1970)
		return -1;
	if (d > mdays[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	yy = mo <= 2 ? y - 1 : y;
	era = yy / 400;
	yoe = yy - era * 400;
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468;
	*out = days * 86400 + h * 3600 + mi * 60 + sec - sign * (oh * 3600 + om * 60);
	return 0;
}

__attribute__((format(printf, 4, 5))) static void warn(struct sctx *x, unsigned line,
							unsigned col, const char *fmt, ...)
{
	struct crk_err e;
	va_list ap;
	if (!x->warnings)
		return;
	crk_err_clear(&e);
	va_start(ap, fmt);
	crk_err_vset(&e, CRK_EPARSE, x->path, line, col, fmt, ap);
	va_end(ap);
	crk_diags_add(x->warnings, &e);
}

enum { F_CONTACT, F_ENCRYPTION, F_ACK, F_CANONICAL, F_POLICY, F_HIRING, F_CSAF, F_EXPIRES,
       F_LANG, F_OTHER };

static const struct {
	const char *name;
	int web_https; /* a web URI must be https */
} fields[] = {
	{"Contact", 1}, {"Encryption", 1}, {"Acknowledgments", 1}, {"Canonical", 1},
	{"Policy", 1},  {"Hiring", 1},     {"CSAF", 1},           {"Expires", 0},
	{"Preferred-Languages", 0},
};

static struct crk_cra_strs *list_of(struct crk_securitytxt *s, int f)
{
	switch (f) {
	case F_CONTACT: return &s->contact;
	case F_ENCRYPTION: return &s->encryption;
	case F_ACK: return &s->acknowledgments;
	case F_CANONICAL: return &s->canonical;
	case F_POLICY: return &s->policy;
	case F_HIRING: return &s->hiring;
	default: return &s->csaf;
	}
}

static int add_value(struct sctx *x, int f, const char *v)
{
	struct crk_cra_strs *l = list_of(x->s, f);
	if (l->n >= MAX_VALUES)
		return crk_err_set(x->err, CRK_ELIMIT, x->path, 0, 0,
				   "more than %d %s fields, expected fewer", MAX_VALUES,
				   fields[f].name);
	if (l->n == x->alloc[f]) {
		size_t na = x->alloc[f] ? 2 * x->alloc[f] : 4;
		const char **nv = crk_arena_array(x->a, na, sizeof(*nv));
		if (!nv)
			return crk_err_set(x->err, CRK_ENOMEM, x->path, 0, 0, "out of memory");
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		x->alloc[f] = na;
	}
	l->v[l->n++] = v;
	return CRK_OK;
}

/* One "Field: value" line (already unescaped and without its end). */
static int field_line(struct sctx *x, const char *line, size_t n, unsigned lineno, int64_t now)
{
	const char *colon = memchr(line, ':', n), *v;
	size_t namelen, vlen, i;
	int f = F_OTHER;
	char *value;
	if (colon && (memchr(line, ' ', (size_t)(colon - line)) ||
		      memchr(line, '\t', (size_t)(colon - line))))
		colon = NULL; /* "Contact mailto:x": no field name before the first ':' */
	if (!colon || colon == line)
		return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, 1,
				   "'%.*s' is not a field, expected 'Field: value' or a comment "
				   "starting with '#' (RFC 9116 §2.4, §2.5)",
				   (int)(n < 60 ? n : 60), line);
	namelen = (size_t)(colon - line);
	for (i = 0; i < namelen; i++)
		if (!isalnum((unsigned char)line[i]) && line[i] != '-')
			return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, (unsigned)i + 1,
					   "a field name with '%c', expected letters, digits and "
					   "'-' before ':' (RFC 9116 §2.5)",
					   isprint((unsigned char)line[i]) ? line[i] : '?');
	v = colon + 1;
	vlen = n - namelen - 1;
	while (vlen && (*v == ' ' || *v == '\t'))
		v++, vlen--;
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == namelen && !strncasecmp(fields[i].name, line, namelen))
			f = (int)i;
	if (f == F_OTHER)
		return CRK_OK; /* extensions are allowed */
	if (!vlen)
		return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, (unsigned)namelen + 2,
				   "%s has no value, expected one after ':'", fields[f].name);
	value = crk_arena_strndup(x->a, v, vlen);
	if (!value)
		return crk_err_set(x->err, CRK_ENOMEM, x->path, 0, 0, "out of memory");
	if (fields[f].web_https && strncasecmp(value, "http:", 5) == 0)
		return crk_err_set(x->err, CRK_EPARSE, x->path, lineno,
				   (unsigned)(v - line) + 1,
				   "%s is '%.100s', expected a web URI to start with https:// "
				   "(RFC 9116 §2.5)",
				   fields[f].name, value);
	if (f == F_CONTACT && strncasecmp(value, "https://", 8) != 0 &&
	    strncasecmp(value, "mailto:", 7) != 0 && strncasecmp(value, "tel:", 4) != 0)
		return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, (unsigned)(v - line) + 1,
				   "Contact is '%.100s', expected a URI: https://..., mailto:... or "
				   "tel:... (RFC 9116 §2.5.3)",
				   value);
	if (f == F_EXPIRES) {
		if (x->s->expires)
			return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, 1,
					   "a second Expires (first at line %u), expected exactly "
					   "one (RFC 9116 §2.5.5)",
					   x->s->expires_line);
		if (crk_rfc3339_parse(value, vlen, &x->s->expires_at))
			return crk_err_set(x->err, CRK_EPARSE, x->path, lineno,
					   (unsigned)(v - line) + 1,
					   "Expires is '%.100s', expected an RFC 3339 date-time such as "
					   "2027-01-31T23:59:59Z (RFC 9116 §2.5.5)",
					   value);
		x->s->expires = value;
		x->s->expires_line = lineno;
		if (x->s->expires_at < now) {
			x->s->expired = 1;
			warn(x, lineno, (unsigned)(v - line) + 1,
			     "Expires %s has passed: the file is stale (RFC 9116 §2.5.5)", value);
		} else if (x->s->expires_at - now > 366 * 86400) {
			x->s->expires_far = 1;
			warn(x, lineno, (unsigned)(v - line) + 1,
			     "Expires %s is more than a year away, expected less (RFC 9116 §2.5.5)",
			     value);
		}
		return CRK_OK;
	}
	if (f == F_LANG) {
		if (x->s->preferred_languages)
			return crk_err_set(x->err, CRK_EPARSE, x->path, lineno, 1,
					   "a second Preferred-Languages, expected at most one (RFC "
					   "9116 §2.5.8)");
		x->s->preferred_languages = value;
		return CRK_OK;
	}
	return add_value(x, f, value);
}

void crk_securitytxt_free(struct crk_securitytxt *s)
{
	struct crk_arena *a;
	if (!s)
		return;
	a = s->priv_;
	crk_arena_release(a);
	crk_free(a);
}

int crk_securitytxt_parse(struct crk_securitytxt **out, const char *buf, size_t len,
			  const char *path, int64_t now, struct crk_diags *warnings,
			  struct crk_err *err)
{
	struct crk_line_iter it;
	struct sctx x;
	const char *line;
	size_t n;
	int rc = CRK_OK;
	enum { BODY, PGP_HEADERS, PGP_BODY, PGP_SIGNATURE, DONE } state = BODY;
	int first = 1;

	*out = NULL;
	if (!path)
		path = "security.txt";
	memset(&x, 0, sizeof(x));
	x.path = path;
	x.err = err;
	x.warnings = warnings;
	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "%zu bytes, expected at most %zu", len,
				   CRK_MAX_FILE_SIZE);
	if (memchr(buf, '\0', len)) {
		unsigned l, c;
		crk_linecol(buf, len, (size_t)((const char *)memchr(buf, '\0', len) - buf), &l, &c);
		return crk_err_set(err, CRK_EPARSE, path, l, c, "a NUL byte, expected UTF-8 text");
	}
	x.a = crk_malloc(sizeof(*x.a));
	if (!x.a)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	crk_arena_init(x.a);
	x.s = crk_arena_alloc(x.a, sizeof(*x.s));
	if (!x.s) {
		crk_arena_release(x.a);
		crk_free(x.a);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	x.s->priv_ = x.a;
	crk_line_iter_init(&it, buf, len);
	while (rc == CRK_OK && crk_line_iter_next(&it, &line, &n)) {
		if (first && n >= 3 && !memcmp(line, "\xef\xbb\xbf", 3))
			line += 3, n -= 3;
		if (n > CRK_MAX_LINE) {
			rc = crk_err_set(err, CRK_ELIMIT, path, it.lineno, 1,
					 "a line of %zu bytes, expected at most %zu", n, CRK_MAX_LINE);
			break;
		}
		if (first && crk_bytes_eq(line, n, "-----BEGIN PGP SIGNED MESSAGE-----")) {
			x.s->signed_message = 1;
			state = PGP_HEADERS;
			first = 0;
			continue;
		}
		first = 0;
		switch (state) {
		case PGP_HEADERS:
			if (n == 0)
				state = PGP_BODY;
			continue; /* Hash: ... */
		case PGP_SIGNATURE:
			if (crk_bytes_eq(line, n, "-----END PGP SIGNATURE-----"))
				state = DONE;
			continue;
		case DONE:
			if (n && line[0] != '#')
				rc = crk_err_set(err, CRK_EPARSE, path, it.lineno, 1,
						 "text after the signature, expected the end of the "
						 "file (RFC 9116 §2.3)");
			continue;
		case PGP_BODY:
			if (crk_bytes_eq(line, n, "-----BEGIN PGP SIGNATURE-----")) {
				state = PGP_SIGNATURE;
				continue;
			}
			if (n >= 2 && line[0] == '-' && line[1] == ' ')
				line += 2, n -= 2; /* dash-escaped (RFC 4880 §7.1) */
			break;
		case BODY: break;
		}
		{
			const char *t = line;
			size_t tn = n;
			crk_bytes_trim(&t, &tn);
			if (tn == 0 || t[0] == '#')
				continue;
			rc = field_line(&x, t, tn, it.lineno, now);
		}
	}
	if (rc == CRK_OK && (state == PGP_HEADERS || state == PGP_BODY || state == PGP_SIGNATURE))
		rc = crk_err_set(err, CRK_EPARSE, path, it.lineno ? it.lineno : 1, 1,
				 "the OpenPGP signed message does not end, expected '-----END PGP "
				 "SIGNATURE-----' (RFC 9116 §2.3)");
	if (rc == CRK_OK && x.s->contact.n == 0)
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 "no Contact field, expected at least one (RFC 9116 §2.5.3: "
				 "required)");
	if (rc == CRK_OK && !x.s->expires)
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 "no Expires field, expected exactly one (RFC 9116 §2.5.5: required)");
	if (rc == CRK_OK && x.s->signed_message)
		warn(&x, 1, 1, "%s", "the file is signed with OpenPGP; crakit does not verify the "
				     "signature (RFC 9116 §2.3)");
	if (rc != CRK_OK) {
		crk_securitytxt_free(x.s);
		return rc;
	}
	*out = x.s;
	return CRK_OK;
}
