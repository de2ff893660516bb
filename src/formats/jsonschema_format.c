/*
 * jsonschema_format.c - the "format" checks of the JSON Schema validator (jsonschema.h), and
 * the URI resolution it shares.
 *
 * The verdicts follow what the schema suite's reference validator accepts (ajv-formats 3 in
 * "full" mode, plus tests/schema/validate.mjs's own iri, iri-reference, idn-email and
 * idn-hostname), written here from the RFCs with ajv's departures kept where they change a
 * verdict:
 *  - date, time, date-time: RFC 3339 §5.6; date-time splits at one "T", "t" or whitespace, the
 *    time needs an offset ("Z", "+01", "+0100" or "+01:00"), a leap second only at 23:59:60 UTC;
 *  - uri, uri-reference: RFC 3986 §3 and §4.1. As in ajv's expression, a hier-part made only of
 *    path characters and "/" always passes (the authority is then read as part of the path), an
 *    authority is checked only for what only it allows (an IP literal "[...]", followed by an
 *    optional numeric port); "uri" needs a scheme and a non-empty hier-part; ajv's
 *    uri-reference also admits '"' in paths, queries and fragments, and so does this;
 *  - iri, iri-reference: the same after non-ASCII characters (RFC 3987 §3.1), idn-hostname
 *    likewise for hostname;
 *  - email: dot-atoms "@" a domain of at least two labels; idn-email: no whitespace, one "@"
 *    with something on both sides (validate.mjs);
 *  - hostname (RFC 1123 labels), ipv4 (no leading zeros), ipv6 (RFC 4291 §2.2, no zone),
 *    uuid (optionally "urn:uuid:").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "formats/jsonschema.h"
#include "base/banned.h"

/* ---- URIs (RFC 3986 §5.2, enough for schema ids) ---- */

static size_t scheme_len(const char *s)
{
	size_t i = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (s[i] && (s[i] == '+' || s[i] == '-' || s[i] == '.' ||
			(s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* Appends `path` with "." and ".." segments removed (RFC 3986 §5.2.4). */
static void add_path(struct crk_strbuf *out, const char *path, size_t n)
{
	size_t start = out->len, i = 0;
	int abs = n > 0 && path[0] == '/';
	if (abs)
		i = 1;
	for (;;) {
		const char *slash = memchr(path + i, '/', n - i);
		size_t e = slash ? (size_t)(slash - path) : n, len = e - i;
		int last = !slash;
		if (len == 1 && path[i] == '.') {
			if (last && out->len > start && out->buf[out->len - 1] != '/')
				crk_strbuf_addch(out, '/');
		} else if (len == 2 && path[i] == '.' && path[i + 1] == '.') {
			/* drop the last segment written */
			while (out->len > start && out->buf[out->len - 1] == '/')
				out->len--;
			while (out->len > start && out->buf[out->len - 1] != '/')
				out->len--;
			if (out->alloc)
				out->buf[out->len] = '\0';
			if (out->len == start && abs)
				crk_strbuf_addch(out, '/');
		} else {
			if (out->len > start ? out->buf[out->len - 1] != '/' : abs)
				crk_strbuf_addch(out, '/');
			crk_strbuf_add(out, path + i, len);
			if (!last)
				crk_strbuf_addch(out, '/');
		}
		if (last)
			break;
		i = e + 1;
	}
}

void crk__jsv_uri_resolve(struct crk_strbuf *out, const char *base, const char *ref)
{
	size_t sl, al = 0, pl;
	const char *auth, *path, *q;
	crk_strbuf_reset(out);
	if (scheme_len(ref) || !base || !*base) {
		crk_strbuf_adds(out, ref);
		return;
	}
	if (ref[0] == '#' || !ref[0]) {
		crk_strbuf_add(out, base, strcspn(base, "#"));
		crk_strbuf_adds(out, ref);
		return;
	}
	sl = scheme_len(base);
	auth = base + sl;
	if (auth[0] == '/' && auth[1] == '/')
		al = 2 + strcspn(auth + 2, "/?#");
	if (ref[0] == '/' && ref[1] == '/') {
		crk_strbuf_add(out, base, sl);
		crk_strbuf_adds(out, ref);
		return;
	}
	crk_strbuf_add(out, base, sl + al);
	path = auth + al;
	pl = strcspn(path, "?#");
	if (ref[0] == '/') {
		add_path(out, ref, strcspn(ref, "?#"));
		crk_strbuf_adds(out, ref + strcspn(ref, "?#"));
		return;
	}
	if (ref[0] == '?') {
		crk_strbuf_add(out, path, pl);
		crk_strbuf_adds(out, ref);
		return;
	}
	{
		/* merge: the base path up to its last '/', then the reference */
		struct crk_strbuf m = CRK_STRBUF_INIT(0);
		const char *slash = NULL;
		for (q = path; q < path + pl; q++)
			if (*q == '/')
				slash = q;
		if (slash)
			crk_strbuf_add(&m, path, (size_t)(slash - path) + 1);
		else if (al)
			crk_strbuf_addch(&m, '/');
		crk_strbuf_add(&m, ref, strcspn(ref, "?#"));
		add_path(out, m.buf, m.len);
		crk_strbuf_adds(out, ref + strcspn(ref, "?#"));
		if (!crk_strbuf_ok(&m))
			out->failed = 1;
		crk_strbuf_release(&m);
	}
}

/* ---- dates and times (RFC 3339 §5.6) ---- */

static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int is_date(const char *s, size_t n)
{
	static const int days[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	if (n != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return 0;
	y = num2(s) * 100 + num2(s + 2);
	m = num2(s + 5);
	d = num2(s + 8);
	return m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && leap(y) ? 29 : days[m]);
}

static int is_time(const char *s, size_t n)
{
	int hr, min, sec, tzh = 0, tzm = 0, sign = 1;
	size_t i = 8;
	if (n < 8 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' ||
	    !digits(s + 6, 2))
		return 0;
	hr = num2(s);
	min = num2(s + 3);
	sec = num2(s + 6);
	if (i < n && s[i] == '.') {
		size_t k = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == k)
			return 0;
	}
	if (i >= n)
		return 0; /* the offset is required */
	if (s[i] == 'z' || s[i] == 'Z') {
		if (i + 1 != n)
			return 0;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		if (i + 3 > n || !digits(s + i + 1, 2))
			return 0;
		tzh = num2(s + i + 1);
		i += 3;
		if (i < n && s[i] == ':')
			i++;
		if (i < n) {
			if (i + 2 != n || !digits(s + i, 2))
				return 0;
			tzm = num2(s + i);
		} else if (s[i - 1] == ':') {
			return 0;
		}
	} else {
		return 0;
	}
	if (tzh > 23 || tzm > 59)
		return 0;
	if (hr <= 23 && min <= 59 && sec < 60)
		return 1;
	{
		/* a leap second: 23:59:60 in UTC */
		int umin = min - tzm * sign, uhr = hr - tzh * sign - (umin < 0 ? 1 : 0);
		return (uhr == 23 || uhr == -1) && (umin == 59 || umin == -1) && sec < 61;
	}
}

/* ECMAScript's \s: the whitespace and line terminators of ES2023 §12.2, §12.3. */
static size_t js_space(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || (s[0] >= 9 && s[0] <= 13)))
		return 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (n >= 3 && s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
		return 3;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;
	if (n >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3;
	return 0;
}

static int is_date_time(const char *s, size_t n)
{
	size_t i = 0, k, sep = 0, seplen = 0, count = 0;
	/* String.split(/t|\s/i) must give two parts: one separator */
	while (i < n) {
		k = js_space((const unsigned char *)s + i, n - i);
		if (!k && (s[i] == 't' || s[i] == 'T'))
			k = 1;
		if (!k) {
			i++;
			continue;
		}
		if (count++ == 0) {
			sep = i;
			seplen = k;
		}
		i += k;
	}
	return count == 1 && is_date(s, sep) && is_time(s + sep + seplen, n - sep - seplen);
}

/* ---- URIs ---- */

static int hexd(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* One character (or a %-escape) of a class at s[i]; its length, 0 when not in it. `extra` are
 * the characters the class adds to unreserved and sub-delims; `quote` admits '"' (ajv's
 * uri-reference). */
static size_t cls(const char *s, size_t n, size_t i, const char *extra, int quote)
{
	char c = s[i];
	if (isalnum((unsigned char)c) || strchr("-._~!$&'()*+,;=", c) || (c && strchr(extra, c)) ||
	    (quote && c == '"'))
		return c ? 1 : 0;
	if (c == '%' && i + 2 < n && hexd(s[i + 1]) && hexd(s[i + 2]))
		return 3;
	return 0;
}

/* s[0..n) made only of pchar and '/' (and, with `qf`, '?'). */
static int path_chars(const char *s, size_t n, int quote, int qf)
{
	size_t i = 0, k;
	while (i < n) {
		if (s[i] == '/' || (qf && s[i] == '?')) {
			i++;
			continue;
		}
		k = cls(s, n, i, ":@", quote);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

static int is_ipv4(const char *s, size_t n);
static int is_ipv6(const char *s, size_t n);

/* The authority form with an IP literal: ("//" | "/") [userinfo "@"] "[" ... "]" [":" digits]
 * then a path-abempty. */
static int ip_literal_hier(const char *s, size_t n, int quote)
{
	size_t p, i, close, pre;
	for (pre = 1; pre <= 2; pre++) {
		if (n < pre || s[0] != '/' || (pre == 2 && s[1] != '/'))
			continue;
		p = pre;
		/* userinfo: up to an '@' before the '[' */
		for (i = p; i < n && s[i] != '[' && s[i] != '/' && s[i] != '@'; i++)
			;
		if (i < n && s[i] == '@') {
			size_t j = p, k;
			while (j < i) {
				k = cls(s, i, j, ":", 0);
				if (!k)
					break;
				j += k;
			}
			if (j != i)
				continue;
			p = i + 1;
		}
		if (p >= n || s[p] != '[')
			continue;
		close = p + 1;
		while (close < n && s[close] != ']')
			close++;
		if (close >= n)
			continue;
		if (!is_ipv6(s + p + 1, close - p - 1)) {
			/* IPvFuture: "v" hex+ "." (unreserved / sub-delims / ":")+ */
			size_t j = p + 1, h;
			if (!(s[j] == 'v' || s[j] == 'V'))
				continue;
			for (h = ++j; j < close && hexd(s[j]); j++)
				;
			if (j == h || j >= close || s[j] != '.' || j + 1 >= close)
				continue;
			for (j++; j < close; j++)
				if (!(isalnum((unsigned char)s[j]) || strchr("-._~!$&'()*+,;=:", s[j])))
					break;
			if (j != close)
				continue;
		}
		i = close + 1;
		if (i < n && s[i] == ':')
			for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
		if (i == n || (s[i] == '/' && path_chars(s + i, n - i, quote, 0)))
			return 1;
	}
	return 0;
}

static int hier_ok(const char *s, size_t n, int quote, int optional)
{
	if (!n)
		return optional;
	return path_chars(s, n, quote, 0) || ip_literal_hier(s, n, quote);
}

/* RFC 3986 URI (absolute: scheme required) or URI-reference. */
static int uri_like(const char *s, size_t n, int reference)
{
	size_t hier_start = 0, q, h, i;
	int quote = reference;
	/* a scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	for (i = 0; i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' ||
			      s[i] == '.');
	     i++)
		;
	if (i > 0 && i < n && s[i] == ':' && isalpha((unsigned char)s[0]))
		hier_start = i + 1;
	else if (!reference)
		return 0;
	for (;;) {
		const char *r = s + hier_start;
		size_t rn = n - hier_start;
		h = strcspn(r, "?#");
		if (h > rn)
			h = rn;
		for (q = 0; q < rn && r[q] != '#'; q++)
			;
		if (hier_ok(r, h, quote, reference) &&
		    (h == rn || r[h] == '#' || path_chars(r + h + 1, q - h - 1, quote, 1)) &&
		    (q == rn || (path_chars(r + q + 1, rn - q - 1, quote, 1) &&
				 !memchr(r + q + 1, '#', rn - q - 1))))
			return 1;
		if (!reference || hier_start == 0)
			return 0;
		hier_start = 0; /* a reference may also read "a:b" as a path */
	}
}

static int is_hostname(const char *s, size_t n);

/* Non-ASCII characters as %XX (what encodeURIComponent does to them), for the IRI formats;
 * reference: 0 uri, 1 uri-reference, 2 hostname. */
static int iri_like(const char *s, size_t n, int reference)
{
	struct crk_strbuf b = CRK_STRBUF_INIT(0);
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int r;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			crk_strbuf_addch(&b, (char)c);
		} else {
			crk_strbuf_addch(&b, '%');
			crk_strbuf_addch(&b, hex[c >> 4]);
			crk_strbuf_addch(&b, hex[c & 15]);
		}
	}
	r = !crk_strbuf_ok(&b) ? 0
	    : reference == 2   ? is_hostname(b.buf, b.len)
			       : uri_like(b.buf, b.len, reference);
	crk_strbuf_release(&b);
	return r;
}

/* ---- addresses and names ---- */

static int is_ipv4(const char *s, size_t n)
{
	size_t i = 0, part;
	for (part = 0; part < 4; part++) {
		size_t st = i;
		int v = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == st || v > 255 || (i - st > 1 && s[st] == '0'))
			return 0;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
	}
	return i == n;
}

/* RFC 4291 §2.2: eight 16-bit groups, "::" once for a run of zeros, the last 32 bits may be
 * written as IPv4. */
static int is_ipv6(const char *s, size_t n)
{
	size_t i = 0, groups = 0;
	int dbl = 0;
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		dbl = 1;
		i = 2;
		if (i == n)
			return 1;
	} else if (n && s[0] == ':') {
		return 0;
	}
	while (i < n) {
		size_t st = i, k;
		while (i < n && hexd(s[i]) && i - st < 5)
			i++;
		if (i < n && s[i] == '.') {
			/* IPv4 in the last 32 bits */
			for (k = st; k < n && s[k] != ':'; k++)
				;
			if (k != n || !is_ipv4(s + st, n - st))
				return 0;
			groups += 2;
			i = n;
			break;
		}
		if (i == st || i - st > 4)
			return 0;
		groups++;
		if (i == n)
			break;
		if (s[i] != ':')
			return 0;
		if (i + 1 < n && s[i + 1] == ':') {
			if (dbl)
				return 0;
			dbl = 1;
			i += 2;
			if (i == n)
				break;
		} else {
			i++;
			if (i == n)
				return 0;
		}
	}
	return dbl ? groups <= 7 : groups == 8;
}

static int is_hostname(const char *s, size_t n)
{
	size_t i = 0, len = n && s[n - 1] == '.' ? n - 1 : n;
	if (len < 1 || len > 253)
		return 0;
	while (i < len) {
		size_t st = i;
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i == st || i - st > 63 || s[st] == '-' || s[i - 1] == '-')
			return 0;
		if (i < len) {
			if (s[i] != '.')
				return 0;
			i++;
			if (i == len)
				return 0;
		}
	}
	return 1;
}

static int is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	size_t i, ln, labels = 0;
	if (!at || at == s)
		return 0;
	ln = (size_t)(at - s);
	for (i = 0; i < ln; i++) {
		char c = s[i];
		if (c == '.') {
			if (i == 0 || i + 1 == ln || s[i - 1] == '.')
				return 0;
		} else if (!(isalnum((unsigned char)c) || strchr("!#$%&'*+/=?^_`{|}~-", c))) {
			return 0;
		}
	}
	i = ln + 1;
	while (i < n) {
		size_t st = i;
		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i == st || s[st] == '-' || s[i - 1] == '-')
			return 0;
		labels++;
		if (i < n) {
			if (s[i] != '.')
				return 0;
			i++;
			if (i == n)
				return 0;
		}
	}
	return labels >= 2;
}

static int is_idn_email(const char *s, size_t n)
{
	size_t i, k, ats = 0, at = 0;
	for (i = 0; i < n; i += k ? k : 1) {
		k = js_space((const unsigned char *)s + i, n - i);
		if (k)
			return 0;
		if (s[i] == '@') {
			ats++;
			at = i;
		}
	}
	return ats == 1 && at > 0 && at + 1 < n;
}

static int is_uuid(const char *s, size_t n)
{
	size_t i;
	if (n == 45 && strncasecmp(s, "urn:uuid:", 9) == 0) {
		s += 9;
		n -= 9;
	}
	if (n != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !hexd(s[i]))
			return 0;
	return 1;
}

int crk_jsv_format(const char *f, const char *s, size_t n)
{
	if (strcmp(f, "date-time") == 0)
		return is_date_time(s, n);
	if (strcmp(f, "date") == 0)
		return is_date(s, n);
	if (strcmp(f, "time") == 0)
		return is_time(s, n);
	if (strcmp(f, "uri") == 0)
		return uri_like(s, n, 0);
	if (strcmp(f, "uri-reference") == 0)
		return uri_like(s, n, 1);
	if (strcmp(f, "iri") == 0)
		return iri_like(s, n, 0);
	if (strcmp(f, "iri-reference") == 0)
		return iri_like(s, n, 1);
	if (strcmp(f, "email") == 0)
		return is_email(s, n);
	if (strcmp(f, "idn-email") == 0)
		return is_idn_email(s, n);
	if (strcmp(f, "hostname") == 0)
		return is_hostname(s, n);
	if (strcmp(f, "idn-hostname") == 0)
		return iri_like(s, n, 2);
	if (strcmp(f, "ipv4") == 0)
		return is_ipv4(s, n);
	if (strcmp(f, "ipv6") == 0)
		return is_ipv6(s, n);
	if (strcmp(f, "uuid") == 0)
		return is_uuid(s, n);
	return -1;
}
