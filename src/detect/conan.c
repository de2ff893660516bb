/*
 * conan.c - conan.lock, the lockfile of Conan, the C/C++ package manager.
 *
 * Formats (JSON; https://docs.conan.io/1/versioning/lockfiles.html,
 * https://docs.conan.io/2/tutorial/versioning/lockfiles.html):
 *
 *   Conan 1, "version" "0.1" to "0.4" (absent in the oldest files, "0.0" below): a graph.
 *     {"graph_lock": {"nodes": {"0": {"ref": "test/1.0", "path": "conanfile.py",
 *                                      "requires": ["1"], "build_requires": ["2"]},
 *                               "1": {"ref": "zlib/1.2.11#<rrev>", "package_id": "...",
 *                                     "prev": "<prev>", "context": "host"}, ...},
 *                     "revisions_enabled": true},
 *      "version": "0.4", "profile_host": "..."}
 *     - 0.4 names a node by "ref"; 0.0-0.3 by "pref" ("ref:package_id#prev"), null for a
 *       conanfile.txt consumer;
 *     - "requires" and "build_requires" are lists of node ids (0.3+) or objects
 *       {"<ref>": "<node id>"} (0.0-0.2); "python_requires" lists references;
 *     - the consumer (the project: a node with "path", or without a reference) is not a
 *       package; the nodes no other node requires are the roots of the graph.
 *   Conan 2, "version" "0.5": flat lists of references, no graph.
 *     {"version": "0.5", "requires": ["zlib/1.2.13#<rrev>%<timestamp>", ...],
 *      "build_requires": [...], "python_requires": [...], "config_requires": [...]}
 *
 *   A reference is name/version[@user/channel][#rrev][%timestamp][:package_id[#prev]]; "_"
 *   for user or channel means none (Conan 1's "@_/_").
 *
 * What is reported: each package as pkg:conan/NAME@VERSION with the qualifiers the purl type
 * defines (user, channel, rrev, prev), ecosystem "ConanCenter", the line of its node key (Conan
 * 1) or list entry (Conan 2), the package_id as the property "conan:package_id".
 * Scopes: a build requirement (a tool such as cmake or ninja, needed to build, not shipped) and
 * everything only it needs are dev; python_requires (recipe code) and config_requires (Conan
 * configuration) are dev too. In Conan 1 graphs a package reached from a root through
 * "requires" only is required (crk_npm__scopes). Edges: Conan 1 node requirements; the
 * consumer's requirements are the direct dependencies (CRK_BOM_ROOT). Conan 2 files have no
 * graph: no edges are recorded.
 *
 * Errors: not JSON, a top level that is not an object (CRK_EPARSE); a "version" that is not
 * "0.x" (CRK_EUNSUPPORTED). A reference without name and version ("1.2.3", the peers' no-name
 * fixtures) is skipped with a warning.
 */
#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define CONAN_MAX_NODES ((size_t)1 << 20)

struct cref {
	const char *name, *version, *user, *channel, *rrev, *package_id, *prev;
};

struct cnode {
	const char *key;
	size_t klen;
	json_t *node;
	struct cref ref;
	int has_ref;  /* a package (not the consumer, reference well-formed) */
	size_t id;    /* component id or CRK_BOM_NONE */
	unsigned line;
	int needed;   /* the target of some edge */
};

struct conan {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct cnode *nodes;
	size_t n;
	struct crk_map by_key;
	struct crk_npm_edge *edges;
	size_t nedges, edgealloc;
};

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

/* Copies s[0..n) into the arena, or NULL for an empty or "_" part. *fail is set on ENOMEM. */
static const char *part(struct crk_arena *a, const char *s, size_t n, int *fail)
{
	const char *r;
	if (!n || (n == 1 && s[0] == '_'))
		return NULL;
	r = crk_arena_strndup(a, s, n);
	if (!r)
		*fail = 1;
	return r;
}

/* Splits [*s, *s+*n) at the first `c`: the tail after it goes to *t (NULL when absent). */
static void cut(const char *s, size_t *n, char c, const char **t, size_t *tn)
{
	const char *p = memchr(s, c, *n);
	*t = NULL;
	*tn = 0;
	if (!p)
		return;
	*t = p + 1;
	*tn = *n - (size_t)(p - s) - 1;
	*n = (size_t)(p - s);
}

/*
 * Parses a reference or package reference. Returns 1 with *out filled, 0 when it has no
 * name/version, -1 on ENOMEM.
 */
static int parse_ref(struct crk_arena *a, const char *s, size_t n, struct cref *out)
{
	const char *pid, *uc, *rrev, *ts, *ver, *prev, *ch;
	size_t pidn, ucn, rrevn, tsn, vern, prevn, chn;
	int fail = 0;

	memset(out, 0, sizeof(*out));
	cut(s, &n, ':', &pid, &pidn);
	cut(s, &n, '%', &ts, &tsn);
	cut(s, &n, '#', &rrev, &rrevn);
	cut(s, &n, '@', &uc, &ucn);
	cut(s, &n, '/', &ver, &vern);
	if (!n || !ver || !vern || memchr(ver, '/', vern))
		return 0;
	if (pid) {
		cut(pid, &pidn, '#', &prev, &prevn);
		out->package_id = part(a, pid, pidn, &fail);
		if (prev)
			cut(prev, &prevn, '%', &ts, &tsn);
		if (prev && !(prevn == 1 && prev[0] == '0'))
			out->prev = part(a, prev, prevn, &fail);
	}
	if (uc) {
		cut(uc, &ucn, '/', &ch, &chn);
		out->user = part(a, uc, ucn, &fail);
		if (ch)
			out->channel = part(a, ch, chn, &fail);
	}
	if (rrev && !(rrevn == 1 && rrev[0] == '0'))
		out->rrev = part(a, rrev, rrevn, &fail);
	out->name = part(a, s, n, &fail);
	out->version = part(a, ver, vern, &fail);
	if (fail)
		return -1;
	return out->name && out->version ? 1 : 0;
}

/* Adds one package. *id receives its component id (CRK_BOM_NONE when it was not added). */
static int add_ref(struct crk_detect_ctx *ctx, const struct cref *r, enum crk_scope scope,
		   unsigned line, size_t *id, struct crk_err *err)
{
	struct crk_pkg pkg;
	struct crk_kv q[4], prop;
	size_t nq = 0;

	crk_detect_pkg_init(ctx, &pkg, "conan", "ConanCenter");
	pkg.name = r->name;
	pkg.version = r->version;
	pkg.scope = scope;
	pkg.line = line;
	if (r->user)
		q[nq++] = (struct crk_kv){"user", r->user};
	if (r->channel)
		q[nq++] = (struct crk_kv){"channel", r->channel};
	if (r->rrev)
		q[nq++] = (struct crk_kv){"rrev", r->rrev};
	if (r->prev)
		q[nq++] = (struct crk_kv){"prev", r->prev};
	pkg.qualifiers = q;
	pkg.nqualifiers = nq;
	if (r->package_id) {
		prop = (struct crk_kv){"conan:package_id", r->package_id};
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	return crk_detect_add(ctx, &pkg, id, err);
}

static void warn_ref(struct crk_detect_ctx *ctx, unsigned line, const char *s)
{
	crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, line ? 1 : 0,
		       "conan reference '%.100s' has no name/version: skipped", s);
}

/*
 * The line of the next string value after ks->pos (the elements of the array whose key was
 * just found), advancing past it; 0 when the array ends first.
 */
static unsigned next_string(struct crk_npm_keyscan *ks)
{
	size_t i = ks->pos;
	while (i < ks->n) {
		char c = ks->b[i];
		if (c == '"') {
			unsigned line = ks->line;
			for (i++; i < ks->n && ks->b[i] != '"'; i++)
				if (ks->b[i] == '\\')
					i++;
			ks->pos = i < ks->n ? i + 1 : ks->n;
			return line;
		}
		if (c == '\n')
			ks->line++;
		else if (c == '[' || c == '{')
			ks->depth++;
		else if (c == ']' || c == '}') {
			ks->depth--;
			ks->pos = i + 1;
			return 0;
		}
		i++;
	}
	ks->pos = i;
	return 0;
}

/* ---- Conan 2 (0.5): flat lists ---- */

static int parse_v2(struct crk_detect_ctx *ctx, json_t *root, struct crk_err *err)
{
	static const struct {
		const char *key;
		enum crk_scope scope;
	} lists[] = {
		{"requires", CRK_SCOPE_REQUIRED},
		{"build_requires", CRK_SCOPE_DEV},
		{"python_requires", CRK_SCOPE_DEV},
		{"config_requires", CRK_SCOPE_DEV},
	};
	size_t k;

	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		struct crk_npm_keyscan ks;
		json_t *arr = json_object_get(root, lists[k].key), *v;
		size_t i;
		int lines;
		if (!arr || json_is_null(arr))
			continue;
		if (!json_is_array(arr))
			return crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					   "'%s' is not a list of references", lists[k].key);
		crk_npm__ks_init(&ks, ctx->buf, ctx->len);
		lines = crk_npm__ks_find(&ks, lists[k].key, strlen(lists[k].key), 1) != 0;
		json_array_foreach(arr, i, v)
		{
			struct cref r;
			unsigned line = lines ? next_string(&ks) : 0;
			int rc;
			if (!json_is_string(v)) {
				crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
					       "'%s' entry %zu is not a string: skipped",
					       lists[k].key, i);
				lines = 0; /* positions no longer line up */
				continue;
			}
			rc = parse_ref(ctx->arena, json_string_value(v), json_string_length(v), &r);
			if (rc < 0)
				return oom(ctx, err);
			if (!rc) {
				warn_ref(ctx, line, json_string_value(v));
				continue;
			}
			rc = add_ref(ctx, &r, lists[k].scope, line, NULL, err);
			if (rc)
				return rc;
		}
	}
	return CRK_OK;
}

/* ---- Conan 1 (0.0-0.4): a graph of nodes ---- */

static struct cnode *node_by_key(struct conan *c, const char *k, size_t kn)
{
	return crk_map_get(&c->by_key, k, kn);
}

/* Records the edges of one "requires"/"build_requires" value: a list of node ids, or an object
 * {"<ref>": "<node id>"}. */
static int node_edges(struct conan *c, size_t from, json_t *v, enum crk_scope kind)
{
	size_t i;
	const char *key;
	json_t *e;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
		{
			struct cnode *t = json_is_string(e) ? node_by_key(c, json_string_value(e),
									  json_string_length(e))
							    : NULL;
			if (t && crk_npm__edge_push(&c->edges, &c->nedges, &c->edgealloc, from,
						    (size_t)(t - c->nodes), kind))
				return -1;
		}
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, e)
		{
			struct cnode *t = json_is_string(e) ? node_by_key(c, json_string_value(e),
									  json_string_length(e))
							    : NULL;
			if (t && crk_npm__edge_push(&c->edges, &c->nedges, &c->edgealloc, from,
						    (size_t)(t - c->nodes), kind))
				return -1;
		}
	}
	return 0;
}

/* python_requires of a node: references, not node ids. Each is a dev package, needed by the
 * node (or by the product when the node is the consumer). */
static int python_requires(struct conan *c, struct cnode *from, json_t *v)
{
	struct crk_detect_ctx *ctx = c->ctx;
	size_t i;
	json_t *e;
	if (!json_is_array(v))
		return CRK_OK;
	json_array_foreach(v, i, e)
	{
		struct cref r;
		size_t id;
		int rc;
		if (!json_is_string(e))
			continue;
		rc = parse_ref(ctx->arena, json_string_value(e), json_string_length(e), &r);
		if (rc < 0)
			return oom(ctx, c->err);
		if (!rc) {
			warn_ref(ctx, from->line, json_string_value(e));
			continue;
		}
		rc = add_ref(ctx, &r, CRK_SCOPE_DEV, from->line, &id, c->err);
		if (rc)
			return rc;
		if (crk_bom_add_dep(ctx->bom, from->has_ref ? from->id : CRK_BOM_ROOT, id) ==
		    CRK_ENOMEM)
			return oom(ctx, c->err);
	}
	return CRK_OK;
}

/* 0.4 keeps the package id and revision beside "ref", not in it. */
static int node_ids(struct crk_arena *a, json_t *nd, struct cref *r)
{
	json_t *pid = json_object_get(nd, "package_id"), *prev = json_object_get(nd, "prev");
	int fail = 0;
	if (!r->package_id && json_is_string(pid))
		r->package_id = part(a, json_string_value(pid), json_string_length(pid), &fail);
	if (!r->prev && json_is_string(prev) && strcmp(json_string_value(prev), "0") != 0)
		r->prev = part(a, json_string_value(prev), json_string_length(prev), &fail);
	return fail ? -1 : 0;
}

static int parse_v1(struct conan *c, json_t *nodes)
{
	struct crk_detect_ctx *ctx = c->ctx;
	struct crk_npm_keyscan ks;
	struct crk_npm_root *roots = NULL;
	size_t nroots = 0, rootalloc = 0, i;
	unsigned char *scope = NULL;
	const char *key;
	json_t *nd;
	int rc = CRK_OK;

	c->n = json_object_size(nodes);
	if (c->n > CONAN_MAX_NODES)
		return crk_err_set(c->err, CRK_ELIMIT, ctx->path, 0, 0,
				   "more than %zu nodes in graph_lock", CONAN_MAX_NODES);
	c->nodes = crk_arena_array(ctx->arena, c->n ? c->n : 1, sizeof(*c->nodes));
	if (!c->nodes)
		return oom(ctx, c->err);
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	crk_npm__ks_find(&ks, "graph_lock", 10, 1);
	crk_npm__ks_find(&ks, "nodes", 5, 2);
	i = 0;
	json_object_foreach(nodes, key, nd)
	{
		struct cnode *x = &c->nodes[i++];
		json_t *ref = json_object_get(nd, "ref");
		x->key = key;
		x->klen = strlen(key);
		x->node = nd;
		x->id = CRK_BOM_NONE;
		x->line = crk_npm__ks_find(&ks, key, x->klen, 3);
		if (!ref)
			ref = json_object_get(nd, "pref");
		if (json_is_object(nd) && json_is_string(ref) && !json_object_get(nd, "path")) {
			int r = parse_ref(ctx->arena, json_string_value(ref), json_string_length(ref),
					  &x->ref);
			if (r < 0)
				return oom(ctx, c->err);
			if (r)
				x->has_ref = 1;
			else
				warn_ref(ctx, x->line, json_string_value(ref));
			if (r && node_ids(ctx->arena, nd, &x->ref))
				return oom(ctx, c->err);
		}
		if (crk_map_put(&c->by_key, x->key, x->klen, x))
			return oom(ctx, c->err);
	}
	for (i = 0; i < c->n; i++) {
		json_t *nd2 = c->nodes[i].node;
		if (!json_is_object(nd2))
			continue;
		if (node_edges(c, i, json_object_get(nd2, "requires"), CRK_SCOPE_REQUIRED) ||
		    node_edges(c, i, json_object_get(nd2, "build_requires"), CRK_SCOPE_DEV))
			return oom(ctx, c->err);
	}
	for (i = 0; i < c->nedges; i++)
		if (c->edges[i].to != c->edges[i].from)
			c->nodes[c->edges[i].to].needed = 1;
	for (i = 0; i < c->n; i++)
		if (!c->nodes[i].needed &&
		    crk_npm__root_push(&roots, &nroots, &rootalloc, i, CRK_SCOPE_REQUIRED)) {
			rc = oom(ctx, c->err);
			goto out;
		}
	scope = crk_arena_alloc(ctx->arena, c->n ? c->n : 1); /* zeroed: REQUIRED */
	if (!scope || crk_npm__scopes(c->n, c->edges, c->nedges, roots, nroots, scope)) {
		rc = oom(ctx, c->err);
		goto out;
	}
	for (i = 0; i < c->n && !rc; i++) {
		struct cnode *x = &c->nodes[i];
		if (x->has_ref)
			rc = add_ref(ctx, &x->ref, (enum crk_scope)scope[i], x->line, &x->id, c->err);
	}
	for (i = 0; i < c->nedges && !rc; i++) {
		struct cnode *f = &c->nodes[c->edges[i].from], *t = &c->nodes[c->edges[i].to];
		if (!t->has_ref)
			continue;
		if (crk_bom_add_dep(ctx->bom, f->has_ref ? f->id : CRK_BOM_ROOT, t->id) ==
		    CRK_ENOMEM)
			rc = oom(ctx, c->err);
	}
	for (i = 0; i < c->n && !rc; i++) {
		struct cnode *x = &c->nodes[i];
		if (x->has_ref && !x->needed &&
		    crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, x->id) == CRK_ENOMEM)
			rc = oom(ctx, c->err);
		if (!rc && json_is_object(x->node))
			rc = python_requires(c, x, json_object_get(x->node, "python_requires"));
	}
out:
	crk_free(roots);
	return rc;
}

/* "0.4" and the like; NULL version (the oldest files) is 0.0. */
static int version_ok(const char *v)
{
	size_t i;
	if (v[0] != '0' || v[1] != '.' || !v[2])
		return 0;
	for (i = 2; v[i]; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return 1;
}

static int conan_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	json_error_t jerr;
	json_t *root, *ver, *gl;
	int rc = CRK_OK;

	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				   "expected a JSON object at the top level");
	}
	ver = json_object_get(root, "version");
	if (ver && !(json_is_string(ver) && version_ok(json_string_value(ver)))) {
		rc = json_is_string(ver)
			     ? crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, 0, 0,
					   "unsupported conan.lock version '%.40s'",
					   json_string_value(ver))
			     : crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					   "'version' is not a string");
		json_decref(root);
		return rc;
	}
	gl = json_object_get(root, "graph_lock");
	if (gl) {
		struct conan c;
		json_t *nodes = json_is_object(gl) ? json_object_get(gl, "nodes") : NULL;
		if (!json_is_object(nodes)) {
			json_decref(root);
			return crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					   "'graph_lock' has no 'nodes' object");
		}
		memset(&c, 0, sizeof(c));
		c.ctx = ctx;
		c.err = err;
		crk_map_init(&c.by_key);
		rc = parse_v1(&c, nodes);
		crk_map_release(&c.by_key);
		crk_free(c.edges);
	} else {
		rc = parse_v2(ctx, root, err);
	}
	json_decref(root);
	return rc;
}

static const char *const names[] = {"conan.lock", NULL};

const struct crk_detector crk_detector_conan = {
	.name = "conan/conan-lock",
	.ecosystem = "ConanCenter",
	.names = names,
	.parse = conan_parse,
	.doc = "conan.lock (Conan 1 lockfiles 0.1-0.4 and older, Conan 2 lockfiles 0.5)",
};
