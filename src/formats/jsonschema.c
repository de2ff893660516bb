/*
 * jsonschema.c - the JSON Schema validator of jsonschema.h: schema documents held as jansson
 * values, an index of every "$id" and "$anchor" for "$ref", and a recursive interpreter.
 *
 * How it follows the drafts (draft-07, 2019-09, 2020-12; https://json-schema.org/specification):
 *  - base URIs: a schema's "$id" (resolved against its parent's base, RFC 3986 §5.2) sets the
 *    base its "$ref"s resolve against; a document without one is known by the name it was added
 *    under. "$ref" fragments are JSON pointers (RFC 6901, %-decoded) or anchors ("$anchor", or a
 *    draft-07 "$id": "#name");
 *  - "$ref" siblings are applied, in every draft (ajv 8's behaviour; draft-07 would ignore them);
 *  - annotations for unevaluatedProperties: the property names a schema evaluated successfully
 *    (properties, patternProperties, additionalProperties, and the in-place applicators that
 *    passed: $ref, allOf, anyOf and oneOf branches that matched, if/then/else, dependentSchemas)
 *    are tracked only in documents that use the keyword, as a bitmap over the instance object's
 *    keys;
 *  - anyOf/oneOf/not/if branches are tried quietly (no errors recorded, a failing allOf or
 *    properties stops at its first failure); when the combinator fails one error says so;
 *  - "items": a schema applies to every item; an array (draft-07, 2019-09) is positional with
 *    "additionalItems" for the rest; 2020-12 has "prefixItems" and "items" for the rest;
 *  - "dependencies" (draft-07) is dependentRequired or dependentSchemas by the value's type.
 * Recursion is capped at JSV_MAX_DEPTH (a "$ref" cycle that consumes no instance ends there).
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "formats/jsonschema.h"
#include "base/banned.h"

#define JSV_MAX_DEPTH 512

enum { DRAFT7 = 7, DRAFT2019 = 2019, DRAFT2020 = 2020 };

/* A schema resource: a node with an "$id" (or a document root), or an anchor. */
struct res {
	const json_t *node;
	const char *base; /* its URI without fragment */
	int draft;
	int annotations; /* its document uses unevaluatedProperties */
};

struct crk_jsv {
	json_t **docs;
	size_t ndocs, docalloc;
	struct crk_map ids;   /* absolute URI without fragment -> struct res */
	struct crk_map anch;  /* "uri#anchor" -> struct res */
	struct crk_map regex; /* pattern -> pcre2_code (NULL entry: does not compile) */
	struct crk_arena arena;
	pcre2_match_data *md;
	int oom;
};

/* ---- the index ---- */

static int doc_uses(const json_t *j, const char *key, int depth)
{
	const char *k;
	json_t *v;
	size_t i;
	if (depth > 256)
		return 0;
	if (json_is_object(j)) {
		json_object_foreach((json_t *)j, k, v) {
			if (strcmp(k, key) == 0 || doc_uses(v, key, depth + 1))
				return 1;
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if (doc_uses(v, key, depth + 1))
				return 1;
	}
	return 0;
}

static int draft_of(const json_t *root)
{
	const char *s = json_string_value(json_object_get(root, "$schema"));
	if (s && strstr(s, "2020-12"))
		return DRAFT2020;
	if (s && strstr(s, "2019-09"))
		return DRAFT2019;
	return DRAFT7;
}

static void put_res(struct crk_jsv *v, struct crk_map *m, const char *key, size_t n,
		    const json_t *node, const char *base, int draft, int ann)
{
	struct res *r = crk_arena_alloc(&v->arena, sizeof(*r));
	char *k = crk_arena_strndup(&v->arena, key, n);
	if (!r || !k) {
		v->oom = 1;
		return;
	}
	r->node = node;
	r->base = base;
	r->draft = draft;
	r->annotations = ann;
	if (crk_map_put(m, k, n, r))
		v->oom = 1;
}

static void index_node(struct crk_jsv *v, const json_t *node, const char *base, int draft,
		       int ann, int depth);

static void index_children(struct crk_jsv *v, const json_t *node, const char *base, int draft,
			   int ann, int depth)
{
	static const char *const maps[] = {"properties", "patternProperties", "$defs",
					   "definitions", "dependentSchemas", "dependencies",
					   NULL};
	static const char *const lists[] = {"allOf", "anyOf", "oneOf", "prefixItems", "items",
					    NULL};
	static const char *const one[] = {"not", "if", "then", "else", "additionalProperties",
					  "additionalItems", "contains", "propertyNames",
					  "unevaluatedProperties", "unevaluatedItems", "items",
					  NULL};
	const char *k;
	json_t *c;
	size_t i, j;
	for (i = 0; maps[i]; i++)
		json_object_foreach(json_object_get(node, maps[i]), k, c)
			index_node(v, c, base, draft, ann, depth + 1);
	for (i = 0; lists[i]; i++)
		if (json_is_array(json_object_get(node, lists[i])))
			json_array_foreach(json_object_get(node, lists[i]), j, c)
				index_node(v, c, base, draft, ann, depth + 1);
	for (i = 0; one[i]; i++)
		if (json_is_object(json_object_get(node, one[i])))
			index_node(v, json_object_get(node, one[i]), base, draft, ann, depth + 1);
}

static void index_node(struct crk_jsv *v, const json_t *node, const char *base, int draft,
		       int ann, int depth)
{
	const char *id, *anchor;
	struct crk_strbuf u = CRK_STRBUF_INIT(0);
	if (!json_is_object(node) || depth > JSV_MAX_DEPTH)
		return;
	id = json_string_value(json_object_get(node, "$id"));
	if (id) {
		const char *hash;
		crk__jsv_uri_resolve(&u, base, id);
		hash = strchr(u.buf, '#');
		if (hash && hash[1] && hash[1] != '/') {
			/* draft-07 "$id": "#name" (or "uri#name"): an anchor */
			put_res(v, &v->anch, u.buf, u.len, node, base, draft, ann);
		} else if (!hash || !hash[1]) {
			size_t n = hash ? (size_t)(hash - u.buf) : u.len;
			char *b = crk_arena_strndup(&v->arena, u.buf, n);
			if (!b)
				v->oom = 1;
			else
				base = b;
			put_res(v, &v->ids, u.buf, n, node, base, draft, ann);
		}
	}
	anchor = json_string_value(json_object_get(node, "$anchor"));
	if (anchor) {
		crk_strbuf_reset(&u);
		crk_strbuf_adds(&u, base);
		crk_strbuf_addch(&u, '#');
		crk_strbuf_adds(&u, anchor);
		put_res(v, &v->anch, u.buf, u.len, node, base, draft, ann);
	}
	if (!crk_strbuf_ok(&u))
		v->oom = 1;
	crk_strbuf_release(&u);
	index_children(v, node, base, draft, ann, depth);
}

struct crk_jsv *crk_jsv_new(void)
{
	struct crk_jsv *v = crk_calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	crk_map_init(&v->ids);
	crk_map_init(&v->anch);
	crk_map_init(&v->regex);
	crk_arena_init(&v->arena);
	v->md = pcre2_match_data_create(32, NULL);
	if (!v->md) {
		crk_jsv_free(v);
		return NULL;
	}
	return v;
}

void crk_jsv_free(struct crk_jsv *v)
{
	size_t i, it = 0, kl;
	const char *k;
	void *code;
	if (!v)
		return;
	while (crk_map_next(&v->regex, &it, &k, &kl, &code))
		if (code)
			pcre2_code_free(code);
	for (i = 0; i < v->ndocs; i++)
		json_decref(v->docs[i]);
	crk_free(v->docs);
	crk_map_release(&v->ids);
	crk_map_release(&v->anch);
	crk_map_release(&v->regex);
	crk_arena_release(&v->arena);
	pcre2_match_data_free(v->md);
	crk_free(v);
}

int crk_jsv_add(struct crk_jsv *v, const char *buf, size_t len, const char *name,
		struct crk_err *err)
{
	json_error_t je;
	json_t *root;
	const char *nm;
	int draft, ann;
	root = json_loadb(buf, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!root)
		return crk_err_set(err, json_error_code(&je) == json_error_out_of_memory
						? CRK_ENOMEM
						: CRK_EPARSE,
				   name, (unsigned)je.line, (unsigned)je.column, "%s", je.text);
	if (!json_is_object(root) && !json_is_boolean(root)) {
		json_decref(root);
		return crk_err_set(err, CRK_EINVAL, name, 0, 0, "not a JSON schema");
	}
	if (CRK_GROW(v->docs, v->docalloc, v->ndocs + 1)) {
		json_decref(root);
		return crk_err_set(err, CRK_ENOMEM, name, 0, 0, "out of memory");
	}
	v->docs[v->ndocs++] = root;
	draft = draft_of(root);
	ann = draft != DRAFT7 && doc_uses(root, "unevaluatedProperties", 0);
	nm = crk_arena_strdup(&v->arena, name);
	if (!nm)
		return crk_err_set(err, CRK_ENOMEM, name, 0, 0, "out of memory");
	/* known by its name, and by its $id through the index */
	put_res(v, &v->ids, nm, strlen(nm), root, nm, draft, ann);
	index_node(v, root, nm, draft, ann, 0);
	return v->oom ? crk_err_set(err, CRK_ENOMEM, name, 0, 0, "out of memory") : CRK_OK;
}

/* ---- validation ---- */

/* The keys of one instance object, and which of them a schema evaluated. */
struct keys {
	const char **k;
	size_t n;
};

struct eval {
	const struct keys *keys;
	unsigned char *seen; /* n bytes */
};

struct vctx {
	struct crk_jsv *v;
	struct crk_jsv_result *res;
	int quiet; /* > 0: trying a branch: record nothing, stop at the first failure */
	int depth;
	struct crk_strbuf where; /* JSON pointer of the instance being validated */
	int oom;
};

static int validate(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
		    const json_t *inst, struct eval *ev);

__attribute__((format(printf, 3, 4))) static void fail(struct vctx *x, const char *keyword,
						      const char *fmt, ...)
{
	struct crk_jsv_error *e;
	va_list ap;
	if (x->quiet)
		return;
	if (x->res->nerrors++ >= CRK_JSV_MAX_ERRORS)
		return;
	e = &x->res->errors[x->res->nerrors - 1];
	snprintf(e->where, sizeof(e->where), "%s", x->where.len ? x->where.buf : "/");
	snprintf(e->keyword, sizeof(e->keyword), "%s", keyword);
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
}

static void push_key(struct vctx *x, const char *k, size_t *mark)
{
	*mark = x->where.len;
	if (x->quiet)
		return;
	crk_strbuf_addch(&x->where, '/');
	for (; *k; k++) {
		if (*k == '~')
			crk_strbuf_adds(&x->where, "~0");
		else if (*k == '/')
			crk_strbuf_adds(&x->where, "~1");
		else
			crk_strbuf_addch(&x->where, *k);
	}
}

static void push_index(struct vctx *x, size_t i, size_t *mark)
{
	*mark = x->where.len;
	if (!x->quiet)
		crk_strbuf_addf(&x->where, "/%zu", i);
}

static void pop(struct vctx *x, size_t mark)
{
	if (x->quiet || mark > x->where.len)
		return;
	x->where.len = mark;
	if (x->where.alloc)
		x->where.buf[mark] = '\0';
}

static const char *type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER:
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

static int is_integer(const json_t *j)
{
	double d;
	if (json_is_integer(j))
		return 1;
	if (!json_is_real(j))
		return 0;
	d = json_real_value(j);
	return isfinite(d) && floor(d) == d;
}

static int type_ok(const json_t *inst, const char *t)
{
	if (strcmp(t, "integer") == 0)
		return is_integer(inst);
	if (strcmp(t, "number") == 0)
		return json_is_number(inst);
	return strcmp(t, type_name(inst)) == 0;
}

/* Equality as JSON Schema (and ajv's fast-deep-equal) defines it: numbers by value. */
static int equal(const json_t *a, const json_t *b, int depth)
{
	const char *k;
	json_t *va;
	size_t i;
	if (depth > JSV_MAX_DEPTH)
		return 0;
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	if (json_typeof(a) != json_typeof(b))
		return 0;
	switch (json_typeof(a)) {
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		       memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!equal(json_array_get(a, i), json_array_get(b, i), depth + 1))
				return 0;
		return 1;
	case JSON_OBJECT:
		if (json_object_size(a) != json_object_size(b))
			return 0;
		json_object_foreach((json_t *)a, k, va) {
			json_t *vb = json_object_get(b, k);
			if (!vb || !equal(va, vb, depth + 1))
				return 0;
		}
		return 1;
	default:
		return 1; /* true, false, null: same type */
	}
}

/* Code points of a UTF-8 string (jansson guarantees valid UTF-8). */
static size_t cp_len(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* ECMAScript-like search: unanchored, UTF, `$` only at the very end. -1: does not compile. */
static int pattern_match(struct vctx *x, const char *pat, const char *s, size_t n)
{
	struct crk_jsv *v = x->v;
	size_t pl = strlen(pat);
	void *code = crk_map_get(&v->regex, pat, pl);
	int rc;
	if (!code) {
		int e;
		PCRE2_SIZE eo;
		char *key = crk_arena_strndup(&v->arena, pat, pl);
		pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, pl, PCRE2_UTF | PCRE2_DOLLAR_ENDONLY,
					      &e, &eo, NULL);
		/* a pattern that does not compile is remembered as the map itself */
		code = c ? (void *)c : (void *)&v->regex;
		if (!key || crk_map_put(&v->regex, key, pl, code)) {
			if (c)
				pcre2_code_free(c);
			x->oom = 1;
			return -1;
		}
	}
	if (code == (void *)&v->regex)
		return -1;
	rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, v->md, NULL);
	return rc >= 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* Follows a JSON pointer fragment ("/a/b~1c/0", %-encoded) from `node`. */
static const json_t *follow_pointer(const json_t *node, const char *p, int *oom)
{
	struct crk_strbuf tok = CRK_STRBUF_INIT(0);
	while (node && *p == '/') {
		const char *e = p + 1;
		crk_strbuf_reset(&tok);
		for (; *e && *e != '/'; e++) {
			if (*e == '%' && hexval(e[1]) >= 0 && hexval(e[2]) >= 0) {
				crk_strbuf_addch(&tok, (char)(hexval(e[1]) * 16 + hexval(e[2])));
				e += 2;
			} else if (*e == '~' && (e[1] == '0' || e[1] == '1')) {
				crk_strbuf_addch(&tok, e[1] == '0' ? '~' : '/');
				e++;
			} else {
				crk_strbuf_addch(&tok, *e);
			}
		}
		if (!crk_strbuf_ok(&tok)) {
			node = NULL;
			*oom = 1;
		} else if (json_is_object(node)) {
			node = json_object_get(node, tok.buf);
		} else if (json_is_array(node)) {
			char *end;
			unsigned long idx = strtoul(tok.buf, &end, 10);
			node = *tok.buf && !*end ? json_array_get(node, idx) : NULL;
		} else {
			node = NULL;
		}
		p = e;
	}
	crk_strbuf_release(&tok);
	return node;
}

/* Resolves a "$ref" against `base`: the node, and its resource's base and draft. */
static const json_t *resolve_ref(struct vctx *x, const char *base, const char *ref,
				 const struct res **out)
{
	struct crk_strbuf u = CRK_STRBUF_INIT(0);
	const struct res *r;
	const json_t *node = NULL;
	const char *hash;
	size_t dl;
	crk__jsv_uri_resolve(&u, base, ref);
	if (!crk_strbuf_ok(&u)) {
		x->oom = 1;
		goto out;
	}
	hash = strchr(u.buf, '#');
	dl = hash ? (size_t)(hash - u.buf) : u.len;
	if (hash && hash[1] && hash[1] != '/') {
		r = crk_map_get(&x->v->anch, u.buf, u.len);
		if (r) {
			node = r->node;
			*out = r;
		}
		goto out;
	}
	r = crk_map_get(&x->v->ids, u.buf, dl);
	if (!r)
		goto out;
	*out = r;
	node = r->node;
	if (hash && hash[1] == '/')
		node = follow_pointer(node, hash + 1, &x->oom);
out:
	crk_strbuf_release(&u);
	return node;
}

static size_t key_index(const struct keys *k, const char *key)
{
	size_t i;
	for (i = 0; i < k->n; i++)
		if (strcmp(k->k[i], key) == 0)
			return i;
	return SIZE_MAX;
}

static void mark(struct eval *ev, const char *key)
{
	size_t i;
	if (!ev)
		return;
	i = key_index(ev->keys, key);
	if (i != SIZE_MAX)
		ev->seen[i] = 1;
}

/* A fresh evaluation record over the same keys; NULL when annotations are off. */
static struct eval *eval_new(struct vctx *x, const struct eval *parent, struct eval *storage)
{
	if (!parent)
		return NULL;
	storage->keys = parent->keys;
	storage->seen = crk_calloc(parent->keys->n ? parent->keys->n : 1, 1);
	if (!storage->seen) {
		x->oom = 1;
		return NULL;
	}
	return storage;
}

static void eval_merge(struct eval *into, const struct eval *from)
{
	size_t i;
	if (!into || !from)
		return;
	for (i = 0; i < into->keys->n; i++)
		into->seen[i] |= from->seen[i];
}

static void eval_free(struct eval *e)
{
	if (e)
		crk_free(e->seen);
}

/* Validates a child instance (an item or a property value) against `s`, with its own keys. */
static int validate_child(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
			  const json_t *inst)
{
	struct keys keys = {NULL, 0};
	struct eval ev, *evp = NULL;
	const char *k;
	json_t *val;
	int ok;
	if (ann && json_is_object(inst)) {
		keys.k = crk_calloc(json_object_size(inst) ? json_object_size(inst) : 1,
				    sizeof(*keys.k));
		if (!keys.k) {
			x->oom = 1;
			return 0;
		}
		json_object_foreach((json_t *)inst, k, val)
			keys.k[keys.n++] = k;
		ev.keys = &keys;
		ev.seen = crk_calloc(keys.n ? keys.n : 1, 1);
		if (!ev.seen) {
			crk_free(keys.k);
			x->oom = 1;
			return 0;
		}
		evp = &ev;
	}
	ok = validate(x, s, base, draft, ann, inst, evp);
	if (evp)
		crk_free(ev.seen);
	crk_free(keys.k);
	return ok;
}

/* Tries `s` on the instance quietly (a branch of anyOf/oneOf/not/if). */
static int try_branch(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
		      const json_t *inst, struct eval *ev)
{
	int ok;
	x->quiet++;
	ok = validate(x, s, base, draft, ann, inst, ev);
	x->quiet--;
	return ok;
}


/* ---- the keywords ---- */

#define NUM(s, k) (json_is_number(json_object_get((s), (k))) ? json_number_value(json_object_get((s), (k))) : NAN)
#define STOP()                                                                               \
	do {                                                                                 \
		if (!ok && x->quiet)                                                         \
			goto done;                                                           \
	} while (0)

static int v_numbers(struct vctx *x, const json_t *s, const json_t *inst)
{
	double d = json_number_value(inst), m;
	int ok = 1;
	m = NUM(s, "multipleOf");
	if (!isnan(m) && m > 0) {
		double q = d / m;
		if (!isfinite(q) || fabs(q - nearbyint(q)) > 1e-9 * fmax(1, fabs(q))) {
			fail(x, "multipleOf", "must be a multiple of %g", m);
			ok = 0;
		}
	}
	m = NUM(s, "maximum");
	if (!isnan(m) && d > m) {
		fail(x, "maximum", "must be <= %g", m);
		ok = 0;
	}
	m = NUM(s, "exclusiveMaximum");
	if (!isnan(m) && d >= m) {
		fail(x, "exclusiveMaximum", "must be < %g", m);
		ok = 0;
	}
	m = NUM(s, "minimum");
	if (!isnan(m) && d < m) {
		fail(x, "minimum", "must be >= %g", m);
		ok = 0;
	}
	m = NUM(s, "exclusiveMinimum");
	if (!isnan(m) && d <= m) {
		fail(x, "exclusiveMinimum", "must be > %g", m);
		ok = 0;
	}
	return ok;
}

static int v_string(struct vctx *x, const json_t *s, const json_t *inst)
{
	const char *str = json_string_value(inst), *pat, *fmt;
	size_t n = json_string_length(inst), cps = cp_len(str, n);
	double m;
	int ok = 1, r;
	m = NUM(s, "maxLength");
	if (!isnan(m) && (double)cps > m) {
		fail(x, "maxLength", "must not have more than %g characters", m);
		ok = 0;
	}
	m = NUM(s, "minLength");
	if (!isnan(m) && (double)cps < m) {
		fail(x, "minLength", "must not have fewer than %g characters", m);
		ok = 0;
	}
	pat = json_string_value(json_object_get(s, "pattern"));
	if (pat) {
		r = pattern_match(x, pat, str, n);
		if (r == 0) {
			fail(x, "pattern", "must match pattern \"%s\"", pat);
			ok = 0;
		} else if (r < 0) {
			fail(x, "pattern", "the schema's pattern \"%s\" does not compile", pat);
			ok = 0;
		}
	}
	fmt = json_string_value(json_object_get(s, "format"));
	if (fmt && crk_jsv_format(fmt, str, n) == 0) {
		fail(x, "format", "must match format \"%s\"", fmt);
		ok = 0;
	}
	return ok;
}

/* Sorts array items for uniqueItems when they are all strings. */
static int cmp_jstr(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	size_t lx = json_string_length(x), ly = json_string_length(y);
	int r = memcmp(json_string_value(x), json_string_value(y), lx < ly ? lx : ly);
	return r ? r : (lx < ly ? -1 : lx > ly);
}

static int unique(struct vctx *x, const json_t *inst)
{
	size_t i, j, n = json_array_size(inst), strings = 0;
	const json_t **v;
	int dup = 0;
	for (i = 0; i < n; i++)
		strings += json_is_string(json_array_get(inst, i));
	if (strings == n && n > 16) {
		v = crk_calloc(n, sizeof(*v));
		if (!v) {
			x->oom = 1;
			return 1;
		}
		for (i = 0; i < n; i++)
			v[i] = json_array_get(inst, i);
		qsort(v, n, sizeof(*v), cmp_jstr);
		for (i = 1; i < n && !dup; i++)
			dup = cmp_jstr(&v[i - 1], &v[i]) == 0;
		crk_free(v);
		return !dup;
	}
	for (i = 0; i < n && !dup; i++)
		for (j = i + 1; j < n && !dup; j++)
			dup = equal(json_array_get(inst, i), json_array_get(inst, j), 0);
	return !dup;
}

static int v_array(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
		   const json_t *inst)
{
	const json_t *items = json_object_get(s, "items"), *prefix = NULL, *rest = NULL, *c;
	size_t i, n = json_array_size(inst), npre = 0, mk;
	double m;
	int ok = 1;

	if (draft == DRAFT2020) {
		prefix = json_object_get(s, "prefixItems");
		rest = items;
	} else if (json_is_array(items)) {
		prefix = items;
		rest = json_object_get(s, "additionalItems");
	} else {
		rest = items;
	}
	if (json_is_array(prefix))
		npre = json_array_size(prefix);
	for (i = 0; i < n; i++) {
		const json_t *sub = i < npre ? json_array_get(prefix, i) : rest;
		if (!sub)
			continue;
		push_index(x, i, &mk);
		if (!validate_child(x, sub, base, draft, ann, json_array_get(inst, i))) {
			if (json_is_false(sub) && i >= npre)
				fail(x, "items", "no item is allowed here");
			ok = 0;
		}
		pop(x, mk);
		STOP();
	}
	c = json_object_get(s, "contains");
	if (c) {
		size_t hits = 0;
		double lo = NUM(s, "minContains"), hi = NUM(s, "maxContains");
		for (i = 0; i < n; i++)
			hits += (size_t)try_branch(x, c, base, draft, ann, json_array_get(inst, i),
						   NULL);
		if (isnan(lo))
			lo = 1;
		if ((double)hits < lo || (!isnan(hi) && (double)hits > hi)) {
			fail(x, "contains", "%zu items match \"contains\"", hits);
			ok = 0;
		}
	}
	m = NUM(s, "maxItems");
	if (!isnan(m) && (double)n > m) {
		fail(x, "maxItems", "must not have more than %g items", m);
		ok = 0;
	}
	m = NUM(s, "minItems");
	if (!isnan(m) && (double)n < m) {
		fail(x, "minItems", "must not have fewer than %g items", m);
		ok = 0;
	}
	if (json_is_true(json_object_get(s, "uniqueItems")) && !unique(x, inst)) {
		fail(x, "uniqueItems", "must not have duplicate items");
		ok = 0;
	}
done:
	return ok;
}

static int v_object(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
		    const json_t *inst, struct eval *lev)
{
	const json_t *props = json_object_get(s, "properties");
	const json_t *pprops = json_object_get(s, "patternProperties");
	const json_t *addl = json_object_get(s, "additionalProperties");
	const json_t *req = json_object_get(s, "required"), *c, *sub;
	const char *k, *pk;
	json_t *val, *pv;
	size_t i, mk, n = json_object_size(inst);
	double m;
	int ok = 1;

	m = NUM(s, "maxProperties");
	if (!isnan(m) && (double)n > m) {
		fail(x, "maxProperties", "must not have more than %g properties", m);
		ok = 0;
	}
	m = NUM(s, "minProperties");
	if (!isnan(m) && (double)n < m) {
		fail(x, "minProperties", "must not have fewer than %g properties", m);
		ok = 0;
	}
	if (json_is_array(req))
		json_array_foreach(req, i, c)
			if (json_is_string(c) && !json_object_get(inst, json_string_value(c))) {
				fail(x, "required", "must have required property '%s'",
				     json_string_value(c));
				ok = 0;
				STOP();
			}
	json_object_foreach((json_t *)inst, k, val) {
		int matched = 0;
		sub = json_is_object(props) ? json_object_get(props, k) : NULL;
		if (sub) {
			matched = 1;
			push_key(x, k, &mk);
			if (!validate_child(x, sub, base, draft, ann, val))
				ok = 0;
			pop(x, mk);
			mark(lev, k);
			STOP();
		}
		if (json_is_object(pprops))
			json_object_foreach((json_t *)pprops, pk, pv) {
				int r = pattern_match(x, pk, k, strlen(k));
				if (r <= 0)
					continue;
				matched = 1;
				push_key(x, k, &mk);
				if (!validate_child(x, pv, base, draft, ann, val))
					ok = 0;
				pop(x, mk);
				mark(lev, k);
				STOP();
			}
		if (!matched && addl) {
			push_key(x, k, &mk);
			if (json_is_false(addl)) {
				fail(x, "additionalProperties", "must not have property '%s'", k);
				ok = 0;
			} else if (!validate_child(x, addl, base, draft, ann, val)) {
				ok = 0;
			}
			pop(x, mk);
			mark(lev, k);
			STOP();
		}
	}
	c = json_object_get(s, "propertyNames");
	if (c)
		json_object_foreach((json_t *)inst, k, val) {
			json_t *name = json_string(k);
			int r;
			if (!name) {
				x->oom = 1;
				break;
			}
			push_key(x, k, &mk);
			r = validate_child(x, c, base, draft, ann, name);
			pop(x, mk);
			json_decref(name);
			if (!r) {
				ok = 0;
				STOP();
			}
		}
	/* dependentRequired, dependentSchemas, and draft-07's dependencies (both in one) */
	for (i = 0; i < 3; i++) {
		static const char *const kw[] = {"dependentRequired", "dependentSchemas",
						 "dependencies"};
		c = json_object_get(s, kw[i]);
		if (!json_is_object(c))
			continue;
		json_object_foreach((json_t *)c, k, val) {
			if (!json_object_get(inst, k))
				continue;
			if (json_is_array(val)) {
				size_t j;
				json_t *dep;
				json_array_foreach(val, j, dep)
					if (json_is_string(dep) &&
					    !json_object_get(inst, json_string_value(dep))) {
						fail(x, kw[i], "property '%s' requires property '%s'",
						     k, json_string_value(dep));
						ok = 0;
					}
			} else {
				struct eval ce, *cev = eval_new(x, lev, &ce);
				if (!validate(x, val, base, draft, ann, inst, cev))
					ok = 0;
				else
					eval_merge(lev, cev);
				eval_free(cev);
			}
			STOP();
		}
	}
done:
	return ok;
}

/* allOf, anyOf, oneOf, not, if/then/else. */
static int v_applicators(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
			 const json_t *inst, struct eval *lev)
{
	const json_t *c, *sub;
	size_t i;
	int ok = 1;

	c = json_object_get(s, "allOf");
	if (json_is_array(c))
		json_array_foreach(c, i, sub) {
			struct eval ce, *cev = eval_new(x, lev, &ce);
			if (!validate(x, sub, base, draft, ann, inst, cev))
				ok = 0;
			else
				eval_merge(lev, cev);
			eval_free(cev);
			STOP();
		}
	c = json_object_get(s, "anyOf");
	if (json_is_array(c)) {
		int any = 0;
		json_array_foreach(c, i, sub) {
			struct eval ce, *cev = eval_new(x, lev, &ce);
			if (try_branch(x, sub, base, draft, ann, inst, cev)) {
				any = 1;
				eval_merge(lev, cev);
			}
			eval_free(cev);
			if (any && !lev)
				break; /* no annotations to collect from the other branches */
		}
		if (!any) {
			fail(x, "anyOf", "must match a schema in anyOf");
			ok = 0;
			STOP();
		}
	}
	c = json_object_get(s, "oneOf");
	if (json_is_array(c)) {
		size_t hits = 0;
		json_array_foreach(c, i, sub) {
			struct eval ce, *cev = eval_new(x, lev, &ce);
			if (try_branch(x, sub, base, draft, ann, inst, cev)) {
				if (++hits == 1)
					eval_merge(lev, cev);
			}
			eval_free(cev);
		}
		if (hits != 1) {
			fail(x, "oneOf", "must match exactly one schema in oneOf (%zu match)", hits);
			ok = 0;
			STOP();
		}
	}
	c = json_object_get(s, "not");
	if (c && try_branch(x, c, base, draft, ann, inst, NULL)) {
		fail(x, "not", "must not be valid against the schema in \"not\"");
		ok = 0;
		STOP();
	}
	c = json_object_get(s, "if");
	if (c) {
		struct eval ce, *cev = eval_new(x, lev, &ce);
		int cond = try_branch(x, c, base, draft, ann, inst, cev);
		const json_t *branch = json_object_get(s, cond ? "then" : "else");
		if (cond)
			eval_merge(lev, cev);
		eval_free(cev);
		if (branch) {
			cev = eval_new(x, lev, &ce);
			if (!validate(x, branch, base, draft, ann, inst, cev)) {
				fail(x, cond ? "then" : "else", "must match the \"%s\" schema",
				     cond ? "then" : "else");
				ok = 0;
			} else {
				eval_merge(lev, cev);
			}
			eval_free(cev);
		}
	}
done:
	return ok;
}

static int validate(struct vctx *x, const json_t *s, const char *base, int draft, int ann,
		    const json_t *inst, struct eval *ev)
{
	struct crk_strbuf idbuf = CRK_STRBUF_INIT(0);
	struct keys keys = {NULL, 0};
	struct eval local, *lev = NULL;
	const json_t *c, *unev;
	const char *id;
	int ok = 1;

	if (json_is_boolean(s)) {
		if (json_is_false(s))
			fail(x, "false", "no value is allowed here");
		return json_is_true(s);
	}
	if (!json_is_object(s) || x->oom)
		return !x->oom;
	if (x->depth >= JSV_MAX_DEPTH) {
		fail(x, "$ref", "the schema nests deeper than %d levels here", JSV_MAX_DEPTH);
		return 0;
	}
	x->depth++;
	id = json_string_value(json_object_get(s, "$id"));
	if (id && !strchr(id, '#')) {
		crk__jsv_uri_resolve(&idbuf, base, id);
		if (crk_strbuf_ok(&idbuf))
			base = idbuf.buf;
	}
	unev = ann ? json_object_get(s, "unevaluatedProperties") : NULL;
	if (json_is_object(inst) && (ev || unev)) {
		/* this schema's own evaluated properties; merged into the caller's when it passes */
		if (ev) {
			lev = eval_new(x, ev, &local);
		} else {
			const char *k;
			json_t *val;
			keys.k = crk_calloc(json_object_size(inst) + 1, sizeof(*keys.k));
			if (keys.k) {
				json_object_foreach((json_t *)inst, k, val)
					keys.k[keys.n++] = k;
				local.keys = &keys;
				local.seen = crk_calloc(keys.n + 1, 1);
				lev = local.seen ? &local : NULL;
			}
			if (!lev)
				x->oom = 1;
		}
		if (x->oom) {
			ok = 0;
			goto done;
		}
	}
	c = json_object_get(s, "$ref");
	if (json_is_string(c)) {
		const struct res *r = NULL;
		const json_t *target = resolve_ref(x, base, json_string_value(c), &r);
		if (!target) {
			fail(x, "$ref", "cannot resolve \"%s\"", json_string_value(c));
			ok = 0;
		} else {
			struct eval ce, *cev = eval_new(x, lev, &ce);
			if (!validate(x, target, r->base, r->draft, ann || r->annotations, inst, cev))
				ok = 0;
			else
				eval_merge(lev, cev);
			eval_free(cev);
		}
		STOP();
	}
	c = json_object_get(s, "type");
	if (json_is_string(c) && !type_ok(inst, json_string_value(c))) {
		fail(x, "type", "must be %s", json_string_value(c));
		ok = 0;
		STOP();
	} else if (json_is_array(c)) {
		size_t i;
		json_t *t;
		int any = 0;
		json_array_foreach(c, i, t)
			any |= json_is_string(t) && type_ok(inst, json_string_value(t));
		if (!any) {
			fail(x, "type", "must be of one of the types listed");
			ok = 0;
			STOP();
		}
	}
	c = json_object_get(s, "enum");
	if (json_is_array(c)) {
		size_t i;
		json_t *e;
		int any = 0;
		json_array_foreach(c, i, e)
			if ((any = equal(inst, e, 0)) != 0)
				break;
		if (!any) {
			fail(x, "enum", "must be equal to one of the allowed values");
			ok = 0;
			STOP();
		}
	}
	c = json_object_get(s, "const");
	if (c && !equal(inst, c, 0)) {
		fail(x, "const", "must be equal to the constant");
		ok = 0;
		STOP();
	}
	if (json_is_number(inst) && !v_numbers(x, s, inst))
		ok = 0;
	STOP();
	if (json_is_string(inst) && !v_string(x, s, inst))
		ok = 0;
	STOP();
	if (json_is_array(inst) && !v_array(x, s, base, draft, ann, inst))
		ok = 0;
	STOP();
	if (json_is_object(inst) && !v_object(x, s, base, draft, ann, inst, lev))
		ok = 0;
	STOP();
	if (!v_applicators(x, s, base, draft, ann, inst, lev))
		ok = 0;
	STOP();
	if (unev && json_is_object(inst) && lev) {
		/* after everything else: the properties nothing above evaluated */
		size_t i, mk;
		for (i = 0; i < lev->keys->n; i++) {
			if (lev->seen[i])
				continue;
			push_key(x, lev->keys->k[i], &mk);
			if (json_is_false(unev)) {
				fail(x, "unevaluatedProperties", "must not have property '%s'",
				     lev->keys->k[i]);
				ok = 0;
			} else if (!validate_child(x, unev, base, draft, ann,
						   json_object_get(inst, lev->keys->k[i]))) {
				ok = 0;
			}
			pop(x, mk);
			lev->seen[i] = 1;
			STOP();
		}
	}
done:
	if (ok && ev && lev && lev != ev)
		eval_merge(ev, lev);
	if (lev)
		crk_free(lev->seen);
	crk_free(keys.k);
	crk_strbuf_release(&idbuf);
	x->depth--;
	return ok;
}

int crk_jsv_validate(struct crk_jsv *v, const char *name, const json_t *instance,
		     struct crk_jsv_result *res)
{
	const struct res *r = crk_map_get(&v->ids, name, strlen(name));
	struct vctx x;
	memset(res, 0, sizeof(*res));
	if (!r)
		return CRK_ENOTFOUND;
	memset(&x, 0, sizeof(x));
	x.v = v;
	x.res = res;
	crk_strbuf_init(&x.where, 4096);
	res->valid = validate_child(&x, r->node, r->base, r->draft, r->annotations, instance);
	if (!crk_strbuf_ok(&x.where))
		x.oom = 1; /* the error locations would be wrong */
	crk_strbuf_release(&x.where);
	if (x.oom)
		return CRK_ENOMEM;
	if (!res->valid && !res->nerrors) {
		/* a failure that recorded nothing (cannot happen: every failure says why) */
		res->nerrors = 1;
		snprintf(res->errors[0].where, sizeof(res->errors[0].where), "/");
		snprintf(res->errors[0].what, sizeof(res->errors[0].what), "invalid");
	}
	return CRK_OK;
}
