/*
 * cocoapods.c - Podfile.lock, the lockfile of CocoaPods (iOS/macOS dependencies).
 *
 * Format (YAML, written by cocoapods-core's Lockfile#to_yaml,
 * https://guides.cocoapods.org/using/the-podfile.html):
 *   PODS:                                  every pod installed, with its resolved version and
 *     - GlossButtonNode (3.1.2):           the pods it needs (with their requirements)
 *       - Texture/Core (~> 3)
 *     - PINCache/Core (3.0.3)              a subspec: "<pod>/<subspec>"
 *   DEPENDENCIES:                          what the Podfile asks for (the direct dependencies)
 *     - GlossButtonNode
 *     - MyLib (from `../MyLib`)
 *   SPEC REPOS:                            which spec repository each pod came from
 *     trunk: [GlossButtonNode, ...]        ("trunk" is the CocoaPods CDN)
 *   EXTERNAL SOURCES:                      pods not from a spec repository
 *     MyLib: {:path: ../MyLib}             (also :git: with :branch:/:tag:/:commit:, :podspec:)
 *   CHECKOUT OPTIONS:                      the commit a :git: pod was checked out at
 *     MyGitPod: {:commit: <sha>, :git: <url>}
 *   SPEC CHECKSUMS:                        SHA-1 of each pod's podspec (JSON form)
 *     GlossButtonNode: 4ea1197a...
 *   PODFILE CHECKSUM: ...
 *   COCOAPODS: 1.11.2
 *
 * What is reported: one component per pod, pkg:cocoapods/NAME@VERSION, ecosystem "CocoaPods",
 * at the line of its first PODS entry. A subspec is part of its pod (same source, version and
 * podspec), so "PINCache/Core (3.0.3)" and "PINCache/Arc-exception-safe (3.0.3)" are the one
 * component PINCache@3.0.3 with the property "cocoapods:subspecs" = "Arc-exception-safe,Core"
 * (in the order PODS lists them; the purl type allows a subspec as subpath, but a pod's
 * subspecs are not separately versioned or shipped). The SPEC CHECKSUMS value is the SHA-1 of
 * the podspec, not of anything shipped, so it is the property "cocoapods:spec_checksum", not a
 * component hash. A pod from a
 * spec repository other than trunk has the property "cocoapods:spec_repo". EXTERNAL SOURCES:
 * :git: pods are CRK_PKG_GIT with vcs_url and vcs_commit (CHECKOUT OPTIONS' :commit:, else
 * :commit:), :path: pods are CRK_PKG_LOCAL. Edges: PODS entries to the pods they need;
 * DEPENDENCIES are the direct dependencies (CRK_BOM_ROOT). Podfile.lock has no scopes: every
 * pod is required.
 *
 * Errors: not YAML or not a mapping (an empty file too), no PODS list (CRK_EPARSE). A PODS entry
 * that is not "name (version)" is skipped with a warning.
 */
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define POD_BUDGET_PER_BYTE 4 /* entries looked at per input byte, aliases expanded */
#define POD_BUDGET_MIN 100000
#define POD_MAX_SUBSPECS 256
#define POD_MAX_OPTIONS 16 /* keys of an EXTERNAL SOURCES / CHECKOUT OPTIONS entry */ /* listed per pod; more are not named (a hostile file stays linear) */

struct pod {
	const char *name; /* pod name, NUL-terminated (arena) */
	size_t nlen;
	const char *version;
	unsigned line;
	struct crk_strbuf subspecs; /* "a,b" */
	size_t nsub;
	size_t id;
	struct pod *next; /* file order */
};

struct pods {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct crk_map by_name; /* pod name -> struct pod */
	struct crk_map checksums, external, checkout, repos;
	struct pod *head, **tail;
	size_t budget; /* entries left to look at: YAML aliases can repeat a big list many times */
};

static int oom(struct pods *p)
{
	return crk_err_set(p->err, CRK_ENOMEM, p->ctx->path, 0, 0, "out of memory");
}

/* Spends one unit of the budget; nonzero when it is gone. */
static int spend(struct pods *p)
{
	if (p->budget) {
		p->budget--;
		return 0;
	}
	return 1;
}

static int over_budget(struct pods *p)
{
	return crk_err_set(p->err, CRK_ELIMIT, p->ctx->path, 0, 0,
			   "YAML aliases expand this file past %zu entries",
			   (size_t)POD_BUDGET_PER_BYTE * p->ctx->len + POD_BUDGET_MIN);
}

/* "Name/Sub (1.2.3)" -> name "Name", subspec "Sub", version "1.2.3" (any may be empty). */
struct podref {
	const char *name, *sub, *ver;
	size_t nlen, sublen, vlen;
};

static void parse_podref(const char *s, size_t n, struct podref *r)
{
	const char *lp = memchr(s, '(', n), *slash;
	size_t full;
	memset(r, 0, sizeof(*r));
	full = lp ? (size_t)(lp - s) : n;
	while (full && (s[full - 1] == ' ' || s[full - 1] == '\t'))
		full--;
	if (lp) {
		const char *rp = memchr(lp, ')', n - (size_t)(lp - s));
		r->ver = lp + 1;
		r->vlen = rp ? (size_t)(rp - r->ver) : 0;
		crk_bytes_trim(&r->ver, &r->vlen);
	}
	slash = memchr(s, '/', full);
	r->name = s;
	r->nlen = slash ? (size_t)(slash - s) : full;
	if (slash) {
		r->sub = slash + 1;
		r->sublen = full - r->nlen - 1;
	}
}

/* The version is exact only when it is a plain version ("3.1.2"), not a requirement. */
static int exact_version(const char *v, size_t n)
{
	return n && v[0] >= '0' && v[0] <= '9' && !memchr(v, ' ', n);
}

/* Fills a map from the scalar keys of a YAML mapping to their values. */
static int index_map(struct crk_map *m, const struct crk_yaml *map)
{
	size_t i;
	if (!crk_npm__yis_map(map))
		return 0;
	for (i = 0; i + 1 < map->nc; i += 2)
		if (map->c[i]->type == CRK_YAML_SCALAR &&
		    crk_map_put(m, map->c[i]->s, map->c[i]->n, map->c[i + 1]))
			return -1;
	return 0;
}

/* SPEC REPOS: {repo: [pod, ...]} -> pod name -> repo key node. */
static int index_repos(struct pods *p, struct crk_map *m, const struct crk_yaml *map)
{
	size_t i, j;
	if (!crk_npm__yis_map(map))
		return 0;
	for (i = 0; i + 1 < map->nc; i += 2) {
		const struct crk_yaml *repo = map->c[i], *list = map->c[i + 1];
		if (repo->type != CRK_YAML_SCALAR || list->type != CRK_YAML_SEQ)
			continue;
		for (j = 0; j < list->nc; j++) {
			if (spend(p))
				return 1;
			if (list->c[j]->type == CRK_YAML_SCALAR &&
			    crk_map_put(m, list->c[j]->s, list->c[j]->n, (void *)repo))
				return -1;
		}
	}
	return 0;
}

/* Appends a subspec to the pod's comma-separated list unless it is there (Podfile.lock lists
 * PODS sorted, so the list comes out sorted). */
static int add_subspec(struct pod *pd, const char *s, size_t n)
{
	struct crk_strbuf *sb = &pd->subspecs;
	size_t pos = 0;
	if (pd->nsub >= POD_MAX_SUBSPECS)
		return 0;
	while (pos < sb->len) {
		const char *c = memchr(sb->buf + pos, ',', sb->len - pos);
		size_t e = c ? (size_t)(c - sb->buf) : sb->len;
		if (e - pos == n && memcmp(sb->buf + pos, s, n) == 0)
			return 0;
		pos = e + 1;
	}
	if (sb->len)
		crk_strbuf_addch(sb, ',');
	crk_strbuf_add(sb, s, n);
	pd->nsub++;
	return crk_strbuf_ok(sb) ? 0 : -1;
}

/* First pass: a PODS entry ("Name (1.0)" or {"Name (1.0)": [deps]}). */
static int collect(struct pods *p, const struct crk_yaml *item)
{
	struct crk_detect_ctx *ctx = p->ctx;
	const struct crk_yaml *key = item->type == CRK_YAML_MAP && item->nc >= 2 ? item->c[0] : item;
	struct podref r;
	struct pod *pd;

	if (key->type != CRK_YAML_SCALAR)
		goto bad;
	parse_podref(key->s, key->n, &r);
	if (!r.nlen || !exact_version(r.ver, r.vlen))
		goto bad;
	pd = crk_map_get(&p->by_name, r.name, r.nlen);
	if (!pd) {
		pd = crk_arena_alloc(ctx->arena, sizeof(*pd));
		if (!pd || !(pd->name = crk_arena_strndup(ctx->arena, r.name, r.nlen)) ||
		    !(pd->version = crk_arena_strndup(ctx->arena, r.ver, r.vlen)))
			return oom(p);
		pd->nlen = r.nlen;
		pd->line = key->line;
		pd->id = CRK_BOM_NONE;
		crk_strbuf_init(&pd->subspecs, CRK_MAX_LINE);
		*p->tail = pd;
		p->tail = &pd->next;
		if (crk_map_put(&p->by_name, pd->name, pd->nlen, pd))
			return oom(p);
	} else if (strlen(pd->version) != r.vlen || memcmp(pd->version, r.ver, r.vlen) != 0) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, key->line, key->col,
			       "pod '%.*s' listed with two versions: the first one is kept",
			       (int)(r.nlen > 100 ? 100 : r.nlen), r.name);
	}
	if (r.sublen && add_subspec(pd, r.sub, r.sublen))
		return oom(p);
	return CRK_OK;
bad:
	crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, key->line, key->col,
		       "PODS entry is not 'name (version)': skipped");
	return CRK_OK;
}

/* A scalar of a small options mapping ({:git: url, :commit: sha}); bigger mappings are not
 * options (and scanning them once per pod could be made quadratic). */
static const char *yval(const struct crk_yaml *map, const char *k)
{
	size_t n;
	const char *s;
	if (!map || map->nc > 2 * POD_MAX_OPTIONS)
		return NULL;
	s = crk_npm__yscalar(crk_npm__ymap_get(map, k), &n);
	return s && n ? s : NULL;
}

static int add_pod(struct pods *p, struct pod *pd)
{
	struct crk_detect_ctx *ctx = p->ctx;
	const struct crk_yaml *sum = crk_map_get(&p->checksums, pd->name, pd->nlen);
	const struct crk_yaml *ext = crk_map_get(&p->external, pd->name, pd->nlen);
	const struct crk_yaml *co = crk_map_get(&p->checkout, pd->name, pd->nlen);
	const struct crk_yaml *repo = crk_map_get(&p->repos, pd->name, pd->nlen);
	struct crk_pkg pkg;
	struct crk_kv props[3];
	size_t np = 0;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, "cocoapods", "CocoaPods");
	pkg.name = pd->name;
	pkg.version = pd->version;
	pkg.line = pd->line;
	if (pd->subspecs.len) {
		props[np].key = "cocoapods:subspecs";
		props[np++].value = pd->subspecs.buf;
	}
	if (sum && sum->type == CRK_YAML_SCALAR && sum->n) {
		props[np].key = "cocoapods:spec_checksum";
		props[np++].value = sum->s;
	}
	if (repo && repo->n && !(repo->n == 5 && memcmp(repo->s, "trunk", 5) == 0)) {
		props[np].key = "cocoapods:spec_repo";
		props[np++].value = repo->s;
	}
	pkg.props = props;
	pkg.nprops = np;
	if (crk_npm__yis_map(ext)) {
		if (yval(ext, ":git")) {
			pkg.flags |= CRK_PKG_GIT;
			pkg.vcs_url = yval(ext, ":git");
			pkg.vcs_commit = yval(co, ":commit") ? yval(co, ":commit")
							     : yval(ext, ":commit");
		} else if (yval(ext, ":path")) {
			pkg.flags |= CRK_PKG_LOCAL;
		} else if (yval(ext, ":podspec")) {
			pkg.download_url = yval(ext, ":podspec");
		}
	}
	rc = crk_detect_add(ctx, &pkg, &pd->id, p->err);
	return rc;
}

/* Edges of one PODS entry with dependencies. */
static int entry_edges(struct pods *p, const struct crk_yaml *item)
{
	struct podref r;
	struct pod *from, *to;
	const struct crk_yaml *deps;
	size_t i;
	if (item->type != CRK_YAML_MAP || item->nc < 2 || item->c[0]->type != CRK_YAML_SCALAR)
		return CRK_OK;
	parse_podref(item->c[0]->s, item->c[0]->n, &r);
	from = crk_map_get(&p->by_name, r.name, r.nlen);
	deps = item->c[1];
	if (!from || from->id == CRK_BOM_NONE || deps->type != CRK_YAML_SEQ)
		return CRK_OK;
	for (i = 0; i < deps->nc; i++) {
		if (spend(p))
			return over_budget(p);
		if (deps->c[i]->type != CRK_YAML_SCALAR)
			continue;
		parse_podref(deps->c[i]->s, deps->c[i]->n, &r);
		to = crk_map_get(&p->by_name, r.name, r.nlen);
		if (to && to->id != CRK_BOM_NONE &&
		    crk_bom_add_dep(p->ctx->bom, from->id, to->id) == CRK_ENOMEM)
			return oom(p);
	}
	return CRK_OK;
}

static int run(struct pods *p, const struct crk_yaml *root)
{
	const struct crk_yaml *list = crk_npm__ymap_get(root, "PODS"), *deps;
	struct pod *pd;
	size_t i;
	int rc;

	if (!list)
		return crk_err_set(p->err, CRK_EPARSE, p->ctx->path, root ? root->line : 1,
				   root ? root->col : 1, "no 'PODS' list: not a Podfile.lock");
	if (list->type != CRK_YAML_SEQ) {
		if (list->type == CRK_YAML_SCALAR && !list->n)
			return CRK_OK; /* "PODS:" with nothing installed */
		return crk_err_set(p->err, CRK_EPARSE, p->ctx->path, list->line, list->col,
				   "'PODS' is not a list");
	}
	if (index_map(&p->checksums, crk_npm__ymap_get(root, "SPEC CHECKSUMS")) ||
	    index_map(&p->external, crk_npm__ymap_get(root, "EXTERNAL SOURCES")) ||
	    index_map(&p->checkout, crk_npm__ymap_get(root, "CHECKOUT OPTIONS")))
		return oom(p);
	rc = index_repos(p, &p->repos, crk_npm__ymap_get(root, "SPEC REPOS"));
	if (rc)
		return rc > 0 ? over_budget(p) : oom(p);
	for (i = 0; i < list->nc; i++)
		if ((rc = collect(p, list->c[i])) != CRK_OK)
			return rc;
	for (pd = p->head; pd; pd = pd->next)
		if ((rc = add_pod(p, pd)) != CRK_OK)
			return rc;
	for (i = 0; i < list->nc; i++)
		if ((rc = entry_edges(p, list->c[i])) != CRK_OK)
			return rc;
	deps = crk_npm__ymap_get(root, "DEPENDENCIES");
	for (i = 0; deps && deps->type == CRK_YAML_SEQ && i < deps->nc; i++) {
		struct podref r;
		if (deps->c[i]->type != CRK_YAML_SCALAR)
			continue;
		parse_podref(deps->c[i]->s, deps->c[i]->n, &r);
		pd = crk_map_get(&p->by_name, r.name, r.nlen);
		if (pd && pd->id != CRK_BOM_NONE &&
		    crk_bom_add_dep(p->ctx->bom, CRK_BOM_ROOT, pd->id) == CRK_ENOMEM)
			return oom(p);
	}
	return CRK_OK;
}

static int podfile_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_yaml *root;
	struct pods p;
	struct pod *pd;
	int rc;

	rc = crk_npm__yaml_load(ctx, &root, err);
	if (rc)
		return rc;
	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.err = err;
	p.tail = &p.head;
	p.budget = POD_BUDGET_PER_BYTE * ctx->len + POD_BUDGET_MIN;
	crk_map_init(&p.by_name);
	crk_map_init(&p.checksums);
	crk_map_init(&p.external);
	crk_map_init(&p.checkout);
	crk_map_init(&p.repos);
	rc = run(&p, root);
	for (pd = p.head; pd; pd = pd->next)
		crk_strbuf_release(&pd->subspecs);
	crk_map_release(&p.by_name);
	crk_map_release(&p.checksums);
	crk_map_release(&p.external);
	crk_map_release(&p.checkout);
	crk_map_release(&p.repos);
	return rc;
}

static const char *const names[] = {"Podfile.lock", NULL};

const struct crk_detector crk_detector_cocoapods = {
	.name = "cocoapods/podfile-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "CocoaPods",
	.names = names,
	.parse = podfile_parse,
	.doc = "Podfile.lock (CocoaPods)",
};
