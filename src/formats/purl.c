/*
 * purl.c - package URLs, per the purl specification (github.com/package-url/purl-spec: ECMA-427,
 * docs/ecma/component-level-rules.md, docs/how-to-parse.md, docs/standard/characters-and-
 * encoding.md) and the per-type definitions in types/<type>-definition.json.
 *
 *   pkg:type/namespace/name@version?qualifiers#subpath
 *
 * Build and parse share one normalisation step, canon(): crk_purl_build() runs it on the
 * caller's components before encoding them, crk_purl_parse() on the decoded components before
 * returning them, so parsing a built purl gives back exactly the components it was built from
 * and building is a fixed point (tests/fuzz/fuzz_purl.c checks this). canon() does:
 *  - type: ASCII letters, digits, '.' and '-', starting with a letter; lowercased. (The older
 *    PURL-SPECIFICATION.rst also allowed '+'; ECMA-427 does not.)
 *  - namespace: '/'-separated segments, empty ones dropped; NULL when nothing is left.
 *  - name: leading and trailing '/' stripped; required.
 *  - version: NULL when empty.
 *  - qualifiers: entries with an empty value dropped; keys lowercased (how-to-parse: "the key is
 *    the lowercase left side"), checked (a letter, then letters, digits, '.', '-', '_') and
 *    unique; sorted by key.
 *  - subpath: segments that are empty, '.' or '..' dropped; NULL when nothing is left.
 *  - the rules of the type (table `rules` below): namespace required or prohibited; namespace,
 *    name, version or subpath lowercased where the definition says the component is not case
 *    sensitive ("If false, the canonical form shall be lowercased"); and the special rules
 *    named in the table: pypi, pub, mlflow, cpan, julia, chrome-extension, git.
 * Lowercasing is ASCII-only: a non-ASCII letter keeps its case (the spec asks for the full
 * Unicode mapping, which needs tables we do not carry).
 *
 * Encoding: every byte outside A-Z a-z 0-9 . - _ ~ and ':' (the spec's "colon MUST NOT be
 * percent-encoded") is %XX with upper-case hex, '/' included inside a qualifier value or a
 * name; '/' separates namespace and subpath segments (and, for git, name segments).
 *
 * Parsing follows how-to-parse.md with URL semantics for the delimiters: the subpath starts at
 * the first '#', the qualifiers at the first '?' before it (a canonical purl encodes both inside
 * components, so this only matters for sloppy input, where it keeps '?' inside an unencoded
 * qualifier URL). The version is after the last '@' of the last '/'-segment, so an unencoded
 * npm scope ("pkg:npm/@babel/core") is a namespace, and "pkg:swift/ns/name/@1.0" has an empty
 * name. A percent-encoded NUL is refused (it cannot live in a C string).
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/purl.h"
#include "base/banned.h"

/* Type rule flags, from the type definitions. */
enum rule_flags {
	NS_REQUIRED = 1 << 0,   /* namespace_definition.requirement "required" */
	NS_PROHIBITED = 1 << 1, /* ... "prohibited" */
	NS_LOWER = 1 << 2,      /* namespace_definition.case_sensitive false */
	NS_UPPER = 1 << 3,      /* cpan: the namespace is a CPAN author id, "shall be uppercase" */
	NAME_LOWER = 1 << 4,    /* name_definition.case_sensitive false */
	VERSION_LOWER = 1 << 5, /* version_definition.case_sensitive false */
	SUBPATH_LOWER = 1 << 6, /* subpath_definition.case_sensitive false */
	NAME_PATH = 1 << 7,     /* git: namespace is the host, name the path on it (may hold '/') */
};

/* Decoded components being normalised; every string is in the arena or the caller's. */
struct parts {
	char *type, *ns, *name, *version, *subpath;
	struct crk_kv *q;
	size_t nq;
};

struct type_rule {
	const char *type;
	unsigned flags; /* enum rule_flags */
	/* the type's special rule, or NULL: normalises `c` in place (never lengthening a
	 * string) and returns NULL, or returns why `c` is not a valid purl of that type */
	const char *(*fixup)(struct parts *c);
};

static const char *fix_pypi(struct parts *c);
static const char *fix_pub(struct parts *c);
static const char *fix_mlflow(struct parts *c);
static const char *fix_cpan(struct parts *c);
static const char *fix_julia(struct parts *c);
static const char *fix_chrome(struct parts *c);

#define REQ NS_REQUIRED
#define NONE NS_PROHIBITED
/* corpus/purl/types/<type>-definition.json, one row per registered type, sorted. */
static const struct type_rule rules[] = {
	{"alpm", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"apk", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"bazel", NONE, NULL},
	{"bitbucket", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"bitnami", NONE | NAME_LOWER, NULL},
	{"brew", NS_LOWER | NAME_LOWER, NULL},
	{"cargo", NONE, NULL},
	/* name ^[a-p]{32}$, version ^\d+(\.\d+){0,3}$ (permitted_characters) */
	{"chrome-extension", NONE | NAME_LOWER, fix_chrome},
	{"cocoapods", NONE, NULL},
	{"composer", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"conan", 0, NULL},
	{"conda", NONE, NULL},
	/* namespace uppercase; a distribution name "shall not contain the string '::'" */
	{"cpan", NS_UPPER, fix_cpan},
	{"cran", NONE, NULL},
	{"deb", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"docker", 0, NULL},
	{"gem", NONE, NULL},
	{"generic", 0, NULL},
	{"git", REQ | NAME_PATH, NULL},
	{"github", REQ | NS_LOWER | NAME_LOWER, NULL},
	{"golang", 0, NULL}, /* the definition says required, but pkg:golang/stdlib exists */
	{"hackage", NONE, NULL},
	{"hex", NS_LOWER | NAME_LOWER, NULL},
	{"huggingface", REQ | VERSION_LOWER, NULL},
	/* the uuid qualifier is required */
	{"julia", NONE, fix_julia},
	{"luarocks", NS_LOWER | NAME_LOWER, NULL},
	{"maven", REQ, NULL},
	/* name lowercased when the repository is Databricks (case insensitive there) */
	{"mlflow", NONE, fix_mlflow},
	{"npm", 0, NULL},
	{"nuget", NONE, NULL},
	{"oci", NONE | NAME_LOWER | VERSION_LOWER, NULL},
	{"opam", NONE, NULL},
	{"otp", NONE | NAME_LOWER | SUBPATH_LOWER, NULL},
	/* lowercase, anything but [a-z0-9_] becomes '_' */
	{"pub", NONE | NAME_LOWER, fix_pub},
	/* '_' becomes '-' */
	{"pypi", NONE | NAME_LOWER | VERSION_LOWER, fix_pypi},
	{"qpkg", REQ | NS_LOWER, NULL},
	{"rpm", REQ | NS_LOWER, NULL},
	{"swid", 0, NULL},
	{"swift", REQ, NULL},
	{"vcpkg", NONE, NULL},
	{"vscode-extension", REQ | NS_LOWER | NAME_LOWER | VERSION_LOWER, NULL},
	{"yocto", NS_LOWER, NULL},
};
#undef REQ
#undef NONE

static const struct type_rule *rule_for(const char *type)
{
	size_t i;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].type[0] == type[0] && strcmp(rules[i].type, type) == 0)
			return &rules[i];
	return NULL;
}

/* ---- characters ---- */

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static void to_lower(char *s)
{
	for (; s && *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void to_upper(char *s)
{
	for (; s && *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static int valid_type(const char *t)
{
	size_t i;
	if (!t || !is_alpha((unsigned char)t[0]))
		return 0;
	for (i = 0; t[i]; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-')
			return 0;
	}
	return 1;
}

/* A lowercased key: a letter, then letters, digits, '.', '-', '_'. */
static int valid_qual_key(const char *k)
{
	size_t i;
	if (!is_alpha((unsigned char)k[0]))
		return 0;
	for (i = 0; k[i]; i++) {
		unsigned char c = (unsigned char)k[i];
		if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-' && c != '_')
			return 0;
	}
	return 1;
}

/* ---- type-specific rules ---- */

static const char *qualifier(const struct parts *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nq; i++)
		if (strcmp(c->q[i].key, key) == 0)
			return c->q[i].value;
	return NULL;
}

/* pypi-definition.json: "Replace underscore _ with dash -" (PEP 503 name normalisation). */
static const char *fix_pypi(struct parts *c)
{
	char *s;
	for (s = c->name; *s; s++)
		if (*s == '_')
			*s = '-';
	return NULL;
}

/* pub-definition.json: names are [a-z0-9_]; "Replace non-[a-z] letters, non-[0-9] digits with
 * underscore _". Each other character (a whole UTF-8 sequence counts as one) becomes '_'. */
static const char *fix_pub(struct parts *c)
{
	char *r = c->name, *w = c->name;
	while (*r) {
		unsigned char ch = (unsigned char)*r++;
		if ((ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '_') {
			*w++ = (char)ch;
			continue;
		}
		*w++ = '_';
		if (ch >= 0xC0)
			while ((*r & 0xC0) == 0x80)
				r++;
	}
	*w = '\0';
	return NULL;
}

/* mlflow-definition.json: name case sensitivity "depends on the server implementation ... for
 * Databricks, it is case insensitive and shall be lowercased". The server is the host of the
 * repository_url qualifier. */
static const char *fix_mlflow(struct parts *c)
{
	const char *u = qualifier(c, "repository_url"), *h, *e;
	size_t n, i;
	if (!u)
		return NULL;
	h = strstr(u, "://");
	h = h ? h + 3 : u;
	e = h + strcspn(h, "/?#");
	n = (size_t)(e - h);
	for (i = 0; i + 10 <= n; i++) {
		if (strncasecmp(h + i, "databricks", 10) == 0) {
			to_lower(c->name);
			break;
		}
	}
	return NULL;
}

/* cpan-definition.json: "A distribution name shall not contain the string '::'" (that is a
 * module name); the namespace, when present, is the CPAN author id and "shall be uppercase". */
static const char *fix_cpan(struct parts *c)
{
	if (strstr(c->name, "::"))
		return "a cpan name is a distribution name and cannot contain '::'";
	return NULL;
}

/* julia-definition.json: the uuid qualifier has "requirement": "required". */
static const char *fix_julia(struct parts *c)
{
	if (!qualifier(c, "uuid"))
		return "a julia purl needs the 'uuid' qualifier";
	return NULL;
}

/* chrome-extension-definition.json permitted_characters: name ^[a-p]{32}$ (an extension id),
 * version ^\d+(\.\d+){0,3}$. */
static const char *fix_chrome(struct parts *c)
{
	const char *v = c->version;
	size_t i, dots = 0;
	for (i = 0; c->name[i]; i++)
		if (c->name[i] < 'a' || c->name[i] > 'p')
			return "a chrome-extension name is 32 letters a-p";
	if (i != 32)
		return "a chrome-extension name is 32 letters a-p";
	if (!v)
		return NULL;
	for (i = 0; v[i]; i++) {
		if (v[i] == '.') {
			if (!i || !v[i + 1] || v[i + 1] == '.' || ++dots > 3)
				break;
		} else if (!is_digit((unsigned char)v[i])) {
			break;
		}
	}
	if (v[i])
		return "a chrome-extension version is 1 to 4 dot-separated numbers";
	return NULL;
}

/* ---- normalisation shared by build and parse ---- */

/* Copies `s` into the arena with the empty segments (and '.' and '..' when `dots`) dropped;
 * NULL on ENOMEM. */
static char *clean_path(struct crk_arena *a, const char *s, int dots)
{
	size_t n = strlen(s), k = 0;
	char *o = crk_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	while (*s) {
		size_t l = strcspn(s, "/");
		int dot = dots && ((l == 1 && s[0] == '.') || (l == 2 && s[0] == '.' && s[1] == '.'));
		if (l && !dot) {
			if (k)
				o[k++] = '/';
			memcpy(o + k, s, l);
			k += l;
		}
		s += l;
		if (*s)
			s++;
	}
	o[k] = '\0';
	return o;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct crk_kv *)a)->key, ((const struct crk_kv *)b)->key);
}

static int oom(struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Normalises the components of `p` into `c` (strings in `a`, or borrowed from `p` where
 * unchanged) and checks them; `code` is what a bad purl returns (CRK_EINVAL when building,
 * CRK_EPARSE when parsing). */
static int canon(struct parts *c, const struct crk_purl *p, struct crk_arena *a, int code,
		 struct crk_err *err)
{
	const struct type_rule *r;
	const char *why;
	unsigned flags;
	size_t i, k;

	memset(c, 0, sizeof(*c));
	if (!p->type || !valid_type(p->type))
		return crk_err_set(err, code, NULL, 0, 0, "invalid purl type '%s'",
				   p->type ? p->type : "");
	if (!(c->type = crk_arena_strdup(a, p->type)))
		return oom(err);
	to_lower(c->type);
	r = rule_for(c->type);
	flags = r ? r->flags : 0;

	if (p->ns && !(c->ns = clean_path(a, p->ns, 0)))
		return oom(err);
	if (!p->name)
		return crk_err_set(err, code, NULL, 0, 0, "a purl needs a name");
	if (flags & NAME_PATH) {
		/* git: the first segment of namespace/name is the host, the rest the path */
		char *full = crk_arena_printf(a, "%s/%s", c->ns ? c->ns : "", p->name), *sl;
		if (!full || !(full = clean_path(a, full, 0)))
			return oom(err);
		sl = strchr(full, '/');
		if (sl) {
			*sl = '\0';
			c->ns = full;
			c->name = sl + 1;
		} else {
			c->ns = NULL;
			c->name = full;
		}
	} else {
		size_t b = strspn(p->name, "/"), e = strlen(p->name);
		while (e > b && p->name[e - 1] == '/')
			e--;
		if (!(c->name = crk_arena_strndup(a, p->name + b, e - b)))
			return oom(err);
	}
	if (c->ns && !*c->ns)
		c->ns = NULL;
	if (!*c->name)
		return crk_err_set(err, code, NULL, 0, 0, "a purl needs a name");
	if (p->version && *p->version && !(c->version = crk_arena_strdup(a, p->version)))
		return oom(err);
	if (p->subpath && !(c->subpath = clean_path(a, p->subpath, 1)))
		return oom(err);
	if (c->subpath && !*c->subpath)
		c->subpath = NULL;

	if (flags & NS_LOWER)
		to_lower(c->ns);
	if (flags & NS_UPPER)
		to_upper(c->ns);
	if (flags & NAME_LOWER)
		to_lower(c->name);
	if (flags & VERSION_LOWER)
		to_lower(c->version);
	if (flags & SUBPATH_LOWER)
		to_lower(c->subpath);

	if (p->nqualifiers) {
		if (!(c->q = crk_arena_array(a, p->nqualifiers, sizeof(*c->q))))
			return oom(err);
		for (i = k = 0; i < p->nqualifiers; i++) {
			const struct crk_kv *kv = &p->qualifiers[i];
			char *key;
			if (!kv->value || !*kv->value)
				continue; /* "the same as if no key=value pair exists" */
			if (!kv->key || !(key = crk_arena_strdup(a, kv->key)))
				return kv->key ? oom(err) : crk_err_set(err, code, NULL, 0, 0,
									"a purl qualifier without a key");
			to_lower(key);
			if (!valid_qual_key(key))
				return crk_err_set(err, code, NULL, 0, 0,
						   "invalid purl qualifier key '%s'", kv->key);
			c->q[k].key = key;
			c->q[k].value = kv->value;
			k++;
		}
		c->nq = k;
		qsort(c->q, k, sizeof(*c->q), cmp_key);
		for (i = 1; i < k; i++)
			if (strcmp(c->q[i - 1].key, c->q[i].key) == 0)
				return crk_err_set(err, code, NULL, 0, 0,
						   "duplicate purl qualifier key '%s'", c->q[i].key);
	}

	if ((flags & NS_REQUIRED) && !c->ns)
		return crk_err_set(err, code, NULL, 0, 0, "purl type '%s' requires a namespace",
				   c->type);
	if ((flags & NS_PROHIBITED) && c->ns)
		return crk_err_set(err, code, NULL, 0, 0, "purl type '%s' takes no namespace",
				   c->type);
	if (r && r->fixup && (why = r->fixup(c)) != NULL)
		return crk_err_set(err, code, NULL, 0, 0, "invalid purl: %s", why);
	return CRK_OK;
}

/* ---- building ---- */

static void add_encoded(struct crk_strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '_' || c == '~' ||
		    c == ':') {
			crk_strbuf_addch(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			crk_strbuf_add(out, e, 3);
		}
	}
}

/* Encodes each '/'-separated segment of `s`, keeping the '/'. */
static void add_encoded_path(struct crk_strbuf *out, const char *s)
{
	while (*s) {
		size_t l = strcspn(s, "/");
		add_encoded(out, s, l);
		s += l;
		if (*s) {
			crk_strbuf_addch(out, '/');
			s++;
		}
	}
}

int crk_purl_build(struct crk_strbuf *out, const struct crk_purl *p, struct crk_err *err)
{
	/* canon()'s copies of a usual purl fit on the stack: no heap chunk per build */
	alignas(max_align_t) unsigned char scratch[2048];
	struct crk_arena a;
	const struct type_rule *r;
	struct parts c;
	size_t i, start = out->len;
	int rc;

	crk_arena_init_buf(&a, scratch, sizeof(scratch));
	rc = canon(&c, p, &a, CRK_EINVAL, err);

	if (rc) {
		crk_arena_release(&a);
		return rc;
	}
	crk_strbuf_adds(out, "pkg:");
	crk_strbuf_adds(out, c.type);
	crk_strbuf_addch(out, '/');
	if (c.ns) {
		add_encoded_path(out, c.ns);
		crk_strbuf_addch(out, '/');
	}
	r = rule_for(c.type);
	if (r && (r->flags & NAME_PATH))
		add_encoded_path(out, c.name);
	else
		add_encoded(out, c.name, strlen(c.name));
	if (c.version) {
		crk_strbuf_addch(out, '@');
		add_encoded(out, c.version, strlen(c.version));
	}
	for (i = 0; i < c.nq; i++) {
		crk_strbuf_addch(out, i ? '&' : '?');
		crk_strbuf_adds(out, c.q[i].key);
		crk_strbuf_addch(out, '=');
		add_encoded(out, c.q[i].value, strlen(c.q[i].value));
	}
	if (c.subpath) {
		crk_strbuf_addch(out, '#');
		add_encoded_path(out, c.subpath);
	}
	crk_arena_release(&a);
	if (!crk_strbuf_ok(out)) {
		if (out->len > start) {
			out->len = start;
			out->buf[start] = '\0';
		}
		return oom(err);
	}
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

enum { DEC_OK, DEC_BAD, DEC_NOMEM };

/* Percent-decodes s[0..n) into a new arena string. A '%' not followed by two hex digits, or an
 * encoded NUL, is DEC_BAD. */
static int decode(char **out, struct crk_arena *a, const char *s, size_t n)
{
	char *o = crk_arena_alloc(a, n + 1);
	size_t i, k = 0;
	if (!o)
		return DEC_NOMEM;
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h, l;
			if (n - i < 3 || (h = hexval(s[i + 1])) < 0 || (l = hexval(s[i + 2])) < 0 ||
			    (h == 0 && l == 0))
				return DEC_BAD;
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	*out = o;
	return DEC_OK;
}

static int parse_fail(struct crk_err *err, const char *what)
{
	return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "invalid purl: %s", what);
}

/* Decodes the '/'-separated segments of s[0..n) and joins them with '/'; a segment that decodes
 * to something holding '/' is refused (the spec: "MUST NOT contain any slash"). Empty segments
 * are kept here; canon() drops them. */
static int decode_segments(char **out, struct crk_arena *a, const char *s, size_t n,
			   const char *what, struct crk_err *err)
{
	char *o = crk_arena_alloc(a, n + 1), *seg;
	const char *end = s + n;
	size_t k = 0;
	if (!o)
		return oom(err);
	while (s < end) {
		const char *e = memchr(s, '/', (size_t)(end - s));
		size_t l = e ? (size_t)(e - s) : (size_t)(end - s);
		int rc = decode(&seg, a, s, l);
		if (rc == DEC_NOMEM)
			return oom(err);
		if (rc == DEC_BAD || strchr(seg, '/'))
			return parse_fail(err, what);
		if (k)
			o[k++] = '/';
		l = strlen(seg);
		memcpy(o + k, seg, l);
		k += l;
		if (!e)
			break;
		s = e + 1;
	}
	o[k] = '\0';
	*out = o;
	return CRK_OK;
}

static int parse_qualifiers(struct crk_purl *raw, struct crk_arena *a, const char *s,
			    const char *end, struct crk_err *err)
{
	size_t cnt = 1, k = 0;
	const char *t;
	for (t = s; t < end; t++)
		cnt += *t == '&';
	if (!(raw->qualifiers = crk_arena_array(a, cnt, sizeof(*raw->qualifiers))))
		return oom(err);
	while (s < end) {
		const char *e = memchr(s, '&', (size_t)(end - s));
		size_t l = e ? (size_t)(e - s) : (size_t)(end - s);
		if (l) {
			const char *eq = memchr(s, '=', l);
			char *key, *val;
			int rc;
			if (!eq)
				return parse_fail(err, "a qualifier without '='");
			if (!(key = crk_arena_strndup(a, s, (size_t)(eq - s))))
				return oom(err);
			rc = decode(&val, a, eq + 1, l - (size_t)(eq - s) - 1);
			if (rc == DEC_NOMEM)
				return oom(err);
			if (rc == DEC_BAD)
				return parse_fail(err, "bad percent-encoding in a qualifier value");
			raw->qualifiers[k].key = key;
			raw->qualifiers[k].value = val;
			k++;
		}
		s += l + (e ? 1 : 0);
	}
	raw->nqualifiers = k;
	return CRK_OK;
}

int crk_purl_parse(struct crk_purl *out, const char *s, size_t n, struct crk_arena *a,
		   struct crk_err *err)
{
	const char *p = s, *end = s + n, *hash, *q, *slash, *seg, *at, *ls;
	struct crk_purl raw;
	struct parts c;
	char *type, *name;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&raw, 0, sizeof(raw));
	if (n < 4 || strncasecmp(p, "pkg:", 4) != 0)
		return parse_fail(err, "it must start with 'pkg:'");
	if (memchr(s, '\0', n))
		return parse_fail(err, "a NUL byte");
	p += 4;
	while (p < end && *p == '/')
		p++;
	/* subpath */
	hash = memchr(p, '#', (size_t)(end - p));
	if (hash) {
		char *sub;
		rc = decode_segments(&sub, a, hash + 1, (size_t)(end - hash - 1),
				     "bad subpath segment", err);
		if (rc)
			return rc;
		raw.subpath = sub;
		end = hash;
	}
	/* qualifiers */
	q = memchr(p, '?', (size_t)(end - p));
	if (q) {
		if ((rc = parse_qualifiers(&raw, a, q + 1, end, err)) != CRK_OK)
			return rc;
		end = q;
	}
	/* type: not percent-encoded, so '%' makes it invalid in canon() */
	slash = memchr(p, '/', (size_t)(end - p));
	if (!slash)
		return parse_fail(err, "no type, or no name");
	if (!(type = crk_arena_strndup(a, p, (size_t)(slash - p))))
		return oom(err);
	raw.type = type;
	p = slash + 1;
	while (end > p && end[-1] == '/')
		end--;
	/* version: after the last '@' of the last segment */
	ls = NULL;
	for (seg = end; seg > p; seg--) {
		if (seg[-1] == '/') {
			ls = seg - 1;
			break;
		}
	}
	seg = ls ? ls + 1 : p;
	at = NULL;
	for (q = end; q > seg; q--) {
		if (q[-1] == '@') {
			at = q - 1;
			break;
		}
	}
	if (at) {
		char *v;
		rc = decode(&v, a, at + 1, (size_t)(end - at - 1));
		if (rc == DEC_NOMEM)
			return oom(err);
		if (rc == DEC_BAD)
			return parse_fail(err, "bad percent-encoding in the version");
		raw.version = v;
		end = at;
	}
	/* name: the last segment; namespace: the segments before it */
	rc = decode(&name, a, seg, (size_t)(end - seg));
	if (rc == DEC_NOMEM)
		return oom(err);
	if (rc == DEC_BAD)
		return parse_fail(err, "bad percent-encoding in the name");
	raw.name = name;
	if (ls) {
		char *ns;
		rc = decode_segments(&ns, a, p, (size_t)(ls - p), "bad namespace segment", err);
		if (rc)
			return rc;
		raw.ns = ns;
	}
	if ((rc = canon(&c, &raw, a, CRK_EPARSE, err)) != CRK_OK)
		return rc;
	out->type = c.type;
	out->ns = c.ns;
	out->name = c.name;
	out->version = c.version;
	out->subpath = c.subpath;
	out->qualifiers = c.q;
	out->nqualifiers = c.nq;
	return CRK_OK;
}
