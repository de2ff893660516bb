/*
 * purl.c - package URLs, per the purl specification (github.com/package-url/purl-spec,
 * PURL-SPECIFICATION.rst and the per-type definitions in types/<type>-definition.json).
 *
 *   pkg:type/namespace/name@version?qualifiers#subpath
 *
 * Canonical form, as the spec's own tests (corpus/purl/tests) expect it:
 *  - type: ASCII letters, digits, '.', '+', '-', not starting with a digit; lowercased.
 *  - namespace and name: each '/'-separated segment percent-encoded; empty segments dropped.
 *  - percent-encoding keeps the unreserved set A-Z a-z 0-9 . - _ ~ and also ':' (the spec says a
 *    colon need not be encoded); everything else, '@' '+' ' ' and non-ASCII bytes included, is
 *    %XX with upper-case hex.
 *  - qualifiers: keys lowercased, sorted, empty values dropped, values percent-encoded;
 *    subpath: segments '.', '..' and empty ones dropped.
 *  - type-specific rules from the type definitions: namespace and/or name lowercased where the
 *    type says it is not case sensitive (deb, apk, alpm, github, bitbucket, composer, hex, ...);
 *    pypi names lowercased with '_' -> '-'; a namespace is refused where the type prohibits one
 *    and required where it requires one.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "formats/purl.h"
#include "base/banned.h"

struct type_rule {
	const char *type;
	char ns;        /* 'r' required, 'p' prohibited, 'o' optional */
	char ns_lower;  /* lowercase the namespace */
	char name_lower;
};

/* From corpus/purl/types/<type>-definition.json: namespace requirement and case sensitivity. */
static const struct type_rule rules[] = {
	{"alpm", 'r', 1, 1},       {"apk", 'r', 1, 1},       {"bazel", 'p', 0, 0},
	{"bitbucket", 'r', 1, 1},  {"bitnami", 'p', 0, 1},   {"brew", 'o', 1, 1},
	{"cargo", 'p', 0, 0},      {"chrome-extension", 'p', 0, 1}, {"cocoapods", 'p', 0, 0},
	{"composer", 'r', 1, 1},   {"conan", 'o', 0, 0},     {"conda", 'p', 0, 0},
	{"cpan", 'o', 0, 0},       {"cran", 'p', 0, 0},      {"deb", 'r', 1, 1},
	{"docker", 'o', 0, 0},     {"gem", 'p', 0, 0},       {"generic", 'o', 0, 0},
	{"github", 'r', 1, 1},     {"golang", 'r', 0, 0},    {"hackage", 'p', 0, 0},
	{"hex", 'o', 1, 1},        {"huggingface", 'r', 0, 0}, {"julia", 'p', 0, 0},
	{"luarocks", 'o', 1, 1},   {"maven", 'r', 0, 0},     {"mlflow", 'p', 0, 0},
	{"npm", 'o', 0, 0},        {"nuget", 'p', 0, 0},     {"oci", 'p', 0, 1},
	{"opam", 'p', 0, 0},       {"otp", 'p', 0, 1},       {"pub", 'p', 0, 1},
	{"pypi", 'p', 0, 1},       {"qpkg", 'r', 1, 0},      {"rpm", 'r', 1, 0},
	{"swid", 'o', 0, 0},       {"swift", 'r', 0, 0},     {"vcpkg", 'p', 0, 0},
	{"vscode-extension", 'r', 1, 1}, {"yocto", 'o', 1, 0},
};

static const struct type_rule *rule_for(const char *type)
{
	size_t i;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].type, type) == 0)
			return &rules[i];
	return NULL;
}

static int is_unreserved(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
}

static void add_encoded(struct crk_strbuf *out, const char *s, size_t n, int lower, int pypi)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (lower && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (pypi && c == '_')
			c = '-';
		if (is_unreserved(c)) {
			crk_strbuf_addch(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			crk_strbuf_add(out, e, 3);
		}
	}
}

/* Adds '/'-separated segments of s, encoded, skipping empty ones; `drop_dots` drops "." and ".."
 * (subpaths). Returns the number of segments written. */
static size_t add_segments(struct crk_strbuf *out, const char *s, int lower, int drop_dots)
{
	size_t written = 0;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		int dot = (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
		if (n && !(drop_dots && dot)) {
			if (written)
				crk_strbuf_addch(out, '/');
			add_encoded(out, s, n, lower, 0);
			written++;
		}
		s += n;
		if (*s == '/')
			s++;
	}
	return written;
}

static int valid_type(const char *t)
{
	size_t i;
	if (!t || !*t || isdigit((unsigned char)t[0]))
		return 0;
	for (i = 0; t[i]; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!isalnum(c) && c != '.' && c != '+' && c != '-')
			return 0;
	}
	return 1;
}

static int valid_qual_key(const char *k)
{
	size_t i;
	if (!k || !*k || isdigit((unsigned char)k[0]))
		return 0;
	for (i = 0; k[i]; i++) {
		unsigned char c = (unsigned char)k[i];
		if (!isalnum(c) && c != '.' && c != '-' && c != '_')
			return 0;
	}
	return 1;
}

static int cmp_kv_ci(const void *a, const void *b)
{
	return strcasecmp(((const struct crk_kv *)a)->key, ((const struct crk_kv *)b)->key);
}

int crk_purl_build(struct crk_strbuf *out, const struct crk_purl *p, struct crk_err *err)
{
	char type[64];
	const struct type_rule *r;
	size_t i, n, start = out->len;
	struct crk_kv *q = NULL;
	int has_ns;

	if (!valid_type(p->type) || strlen(p->type) >= sizeof(type))
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "purl: invalid type '%s'",
				   p->type ? p->type : "");
	for (i = 0; p->type[i]; i++)
		type[i] = (char)tolower((unsigned char)p->type[i]);
	type[i] = '\0';
	if (!p->name || !*p->name)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "purl: a name is required");
	r = rule_for(type);
	has_ns = p->ns && strspn(p->ns, "/") != strlen(p->ns);
	if (r && r->ns == 'r' && !has_ns)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "purl: type '%s' requires a namespace", type);
	if (r && r->ns == 'p' && has_ns)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "purl: type '%s' takes no namespace", type);

	crk_strbuf_adds(out, "pkg:");
	crk_strbuf_adds(out, type);
	crk_strbuf_addch(out, '/');
	if (has_ns && add_segments(out, p->ns, r && r->ns_lower, 0))
		crk_strbuf_addch(out, '/');
	n = strlen(p->name);
	/* the name is one segment: trailing/leading slashes are not part of it */
	while (n && p->name[n - 1] == '/')
		n--;
	add_encoded(out, p->name, n, r && r->name_lower, strcmp(type, "pypi") == 0);
	if (p->version && *p->version) {
		crk_strbuf_addch(out, '@');
		add_encoded(out, p->version, strlen(p->version), 0, 0);
	}
	if (p->nqualifiers) {
		size_t k = 0;
		q = crk_calloc(p->nqualifiers, sizeof(*q));
		if (!q) {
			out->len = start;
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		}
		for (i = 0; i < p->nqualifiers; i++) {
			if (!p->qualifiers[i].value || !*p->qualifiers[i].value)
				continue;
			if (!valid_qual_key(p->qualifiers[i].key)) {
				crk_free(q);
				out->len = start;
				return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
						   "purl: invalid qualifier key '%s'",
						   p->qualifiers[i].key ? p->qualifiers[i].key : "");
			}
			q[k++] = p->qualifiers[i];
		}
		qsort(q, k, sizeof(*q), cmp_kv_ci);
		for (i = 0; i < k; i++) {
			const char *key = q[i].key;
			crk_strbuf_addch(out, i ? '&' : '?');
			for (; *key; key++)
				crk_strbuf_addch(out, (char)tolower((unsigned char)*key));
			crk_strbuf_addch(out, '=');
			add_encoded(out, q[i].value, strlen(q[i].value), 0, 0);
		}
		crk_free(q);
	}
	if (p->subpath && *p->subpath) {
		size_t mark = out->len;
		crk_strbuf_addch(out, '#');
		if (!add_segments(out, p->subpath, 0, 1))
			out->len = mark;
	}
	if (!crk_strbuf_ok(out)) {
		out->len = start;
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	out->buf[out->len] = '\0';
	return CRK_OK;
}

/* ---- parsing ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into the arena. NULL on a bad escape or ENOMEM. */
static char *decode(struct crk_arena *a, const char *s, size_t n, int *bad)
{
	char *o = crk_arena_alloc(a, n + 1);
	size_t i, k = 0;
	if (!o)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h, l;
			if (n - i < 3) {
				*bad = 1;
				return NULL;
			}
			h = hexval(s[i + 1]);
			l = hexval(s[i + 2]);
			if (h < 0 || l < 0) {
				*bad = 1;
				return NULL;
			}
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	return o;
}

static int parse_fail(struct crk_err *err, const char *what)
{
	return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "invalid purl: %s", what);
}

int crk_purl_parse(struct crk_purl *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err)
{
	const char *p = s, *end = s + n, *hash, *q, *at, *slash;
	size_t i;
	int bad = 0;
	char *type;

	memset(out, 0, sizeof(*out));
	if (n < 4 || strncasecmp(p, "pkg:", 4) != 0)
		return parse_fail(err, "must start with 'pkg:'");
	p += 4;
	while (p < end && *p == '/')
		p++;
	/* subpath */
	hash = memchr(p, '#', (size_t)(end - p));
	if (hash) {
		const char *sp = hash + 1;
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		while (sp < end) {
			const char *e = memchr(sp, '/', (size_t)(end - sp));
			size_t l = e ? (size_t)(e - sp) : (size_t)(end - sp);
			char *seg = decode(a, sp, l, &bad);
			if (bad || !seg) {
				crk_strbuf_release(&sb);
				return parse_fail(err, "bad percent-encoding in subpath");
			}
			if (*seg && strcmp(seg, ".") && strcmp(seg, "..")) {
				if (sb.len)
					crk_strbuf_addch(&sb, '/');
				crk_strbuf_adds(&sb, seg);
			}
			sp += l + (e ? 1 : 0);
		}
		if (sb.len)
			out->subpath = crk_arena_strndup(a, sb.buf, sb.len);
		crk_strbuf_release(&sb);
		end = hash;
	}
	/* qualifiers */
	q = memchr(p, '?', (size_t)(end - p));
	if (q) {
		const char *qp = q + 1;
		size_t cnt = 1, k = 0;
		for (i = 0; qp + i < end; i++)
			cnt += qp[i] == '&';
		out->qualifiers = crk_arena_array(a, cnt, sizeof(*out->qualifiers));
		if (!out->qualifiers)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		while (qp < end) {
			const char *e = memchr(qp, '&', (size_t)(end - qp));
			size_t l = e ? (size_t)(e - qp) : (size_t)(end - qp);
			const char *eq = memchr(qp, '=', l);
			if (l) {
				char *key, *val;
				size_t j;
				if (!eq)
					return parse_fail(err, "qualifier without '='");
				key = crk_arena_strndup(a, qp, (size_t)(eq - qp));
				val = decode(a, eq + 1, l - (size_t)(eq - qp) - 1, &bad);
				if (!key || bad || !val)
					return parse_fail(err, "bad qualifier");
				for (j = 0; key[j]; j++)
					key[j] = (char)tolower((unsigned char)key[j]);
				if (!valid_qual_key(key))
					return parse_fail(err, "invalid qualifier key");
				for (j = 0; j < k; j++)
					if (strcmp(out->qualifiers[j].key, key) == 0)
						return parse_fail(err, "duplicate qualifier key");
				if (*val) {
					out->qualifiers[k].key = key;
					out->qualifiers[k].value = val;
					k++;
				}
			}
			qp += l + (e ? 1 : 0);
		}
		out->nqualifiers = k;
		qsort(out->qualifiers, k, sizeof(*out->qualifiers), cmp_kv_ci);
		end = q;
	}
	/* type */
	slash = memchr(p, '/', (size_t)(end - p));
	if (!slash)
		return parse_fail(err, "no type");
	type = crk_arena_strndup(a, p, (size_t)(slash - p));
	if (!type)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; type[i]; i++)
		type[i] = (char)tolower((unsigned char)type[i]);
	if (!valid_type(type))
		return parse_fail(err, "invalid type");
	out->type = type;
	p = slash + 1;
	while (end > p && end[-1] == '/')
		end--;
	/* version: after the last '@' of the remainder */
	at = NULL;
	for (i = (size_t)(end - p); i > 0; i--) {
		if (p[i - 1] == '@') {
			at = p + i - 1;
			break;
		}
	}
	if (at) {
		out->version = decode(a, at + 1, (size_t)(end - at - 1), &bad);
		if (bad || !out->version)
			return parse_fail(err, "bad percent-encoding in version");
		if (!*out->version)
			out->version = NULL;
		end = at;
	}
	/* name: the last segment; namespace: the rest */
	{
		const char *ls = NULL;
		for (i = (size_t)(end - p); i > 0; i--) {
			if (p[i - 1] == '/') {
				ls = p + i - 1;
				break;
			}
		}
		out->name = decode(a, ls ? ls + 1 : p, (size_t)(end - (ls ? ls + 1 : p)), &bad);
		if (bad || !out->name || !*out->name)
			return parse_fail(err, "no name");
		if (ls) {
			struct crk_strbuf sb = CRK_STRBUF_INIT(0);
			const char *np = p;
			while (np < ls) {
				const char *e = memchr(np, '/', (size_t)(ls - np));
				size_t l = e ? (size_t)(e - np) : (size_t)(ls - np);
				char *seg = decode(a, np, l, &bad);
				if (bad || !seg || strchr(seg, '/')) {
					crk_strbuf_release(&sb);
					return parse_fail(err, "bad namespace segment");
				}
				if (*seg) {
					if (sb.len)
						crk_strbuf_addch(&sb, '/');
					crk_strbuf_adds(&sb, seg);
				}
				np += l + (e ? 1 : 0);
			}
			if (sb.len)
				out->ns = crk_arena_strndup(a, sb.buf, sb.len);
			crk_strbuf_release(&sb);
		}
	}
	{
		const struct type_rule *r = rule_for(out->type);
		if (r && r->ns == 'r' && !out->ns)
			return parse_fail(err, "this type requires a namespace");
		if (r && r->ns == 'p' && out->ns)
			return parse_fail(err, "this type takes no namespace");
	}
	return CRK_OK;
}
