/*
 * bom.c - the bill of materials: components de-duplicated by canonical purl, the dependency
 * graph, and metadata (DESIGN.md §4). Everything lives in one arena owned by the BOM, except the
 * growable per-component dependency arrays, which are heap arrays freed in crk_bom_free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "formats/purl.h"
#include "base/banned.h"

struct crk_bom {
	struct crk_arena arena;
	struct crk_component **comps;
	size_t n, alloc;
	struct crk_map by_ref; /* bom_ref -> component */
	size_t *roots;
	size_t nroots, rootalloc;
	struct crk_bom_meta meta;
	int sorted;
};

struct crk_bom *crk_bom_new(void)
{
	struct crk_bom *b = crk_calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	crk_arena_init(&b->arena);
	crk_map_init(&b->by_ref);
	b->meta.timestamp = -1;
	return b;
}

void crk_bom_free(struct crk_bom *bom)
{
	size_t i;
	if (!bom)
		return;
	for (i = 0; i < bom->n; i++)
		crk_free(bom->comps[i]->deps);
	crk_free(bom->comps);
	crk_free(bom->roots);
	crk_map_release(&bom->by_ref);
	crk_arena_release(&bom->arena);
	crk_free(bom);
}

void *crk_bom_alloc(struct crk_bom *bom, size_t n)
{
	return crk_arena_alloc(&bom->arena, n);
}

int crk_bom_reserve(struct crk_bom *bom, size_t n)
{
	return crk_arena_reserve(&bom->arena, n) ? CRK_ENOMEM : CRK_OK;
}

char *crk_bom_strndup(struct crk_bom *bom, const char *s, size_t n)
{
	return crk_arena_strndup(&bom->arena, s, n);
}

struct crk_bom_meta *crk_bom_meta(struct crk_bom *bom)
{
	return &bom->meta;
}

int crk_bom_set_str(struct crk_bom *bom, const char **field, const char *value)
{
	if (!value) {
		*field = NULL;
		return CRK_OK;
	}
	*field = crk_arena_strdup(&bom->arena, value);
	return *field ? CRK_OK : CRK_ENOMEM;
}

size_t crk_bom_count(const struct crk_bom *bom)
{
	return bom->n;
}

const struct crk_component *crk_bom_get(const struct crk_bom *bom, size_t id)
{
	return id < bom->n ? bom->comps[id] : NULL;
}

const struct crk_component *crk_bom_find(const struct crk_bom *bom, const char *purl)
{
	return crk_map_get(&bom->by_ref, purl, strlen(purl));
}

const size_t *crk_bom_roots(const struct crk_bom *bom, size_t *n)
{
	*n = bom->nroots;
	return bom->roots;
}

const char *crk_scope_str(enum crk_scope s)
{
	switch (s) {
	case CRK_SCOPE_REQUIRED: return "required";
	case CRK_SCOPE_OPTIONAL: return "optional";
	case CRK_SCOPE_DEV: return "dev";
	}
	return "required";
}

static const char *dup(struct crk_bom *b, const char *s, int *oom)
{
	const char *r;
	if (!s)
		return NULL;
	r = crk_arena_strdup(&b->arena, s);
	if (!r)
		*oom = 1;
	return r;
}

static struct crk_kv *dup_kv(struct crk_bom *b, const struct crk_kv *v, size_t n, int *oom)
{
	struct crk_kv *r;
	size_t i;
	if (!n)
		return NULL;
	r = crk_arena_array(&b->arena, n, sizeof(*r));
	if (!r) {
		*oom = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		r[i].key = dup(b, v[i].key ? v[i].key : "", oom);
		r[i].value = dup(b, v[i].value ? v[i].value : "", oom);
	}
	return r;
}

static struct crk_party *dup_parties(struct crk_bom *b, const struct crk_party *v, size_t n,
				     int *oom)
{
	struct crk_party *r;
	size_t i;
	if (!n || !v)
		return NULL;
	r = crk_arena_array(&b->arena, n, sizeof(*r));
	if (!r) {
		*oom = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		r[i].role = v[i].role;
		r[i].organization = v[i].organization;
		r[i].name = dup(b, v[i].name, oom);
		r[i].email = dup(b, v[i].email, oom);
		r[i].url = dup(b, v[i].url, oom);
	}
	return r;
}

static int streq0(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int party_eq(const struct crk_party *a, const struct crk_party *b)
{
	return a->role == b->role && a->organization == b->organization &&
	       streq0(a->name, b->name) && streq0(a->email, b->email) && streq0(a->url, b->url);
}

/* Appends the entries of add[0..nadd) that v[0..*n) lacks (arena arrays: copied on growth). */
static int union_parties(struct crk_bom *b, struct crk_party **v, size_t *n,
			 const struct crk_party *add, size_t nadd)
{
	size_t i, j, k = 0;
	struct crk_party *nv;
	int oom = 0;
	for (i = 0; i < nadd; i++) {
		for (j = 0; j < *n; j++)
			if (party_eq(&(*v)[j], &add[i]))
				break;
		if (j == *n)
			k++;
	}
	if (!k)
		return CRK_OK;
	nv = crk_arena_array(&b->arena, *n + k, sizeof(*nv));
	if (!nv)
		return CRK_ENOMEM;
	if (*n)
		memcpy(nv, *v, *n * sizeof(*nv));
	k = *n;
	for (i = 0; i < nadd; i++) {
		for (j = 0; j < *n; j++)
			if (party_eq(&(*v)[j], &add[i]))
				break;
		if (j == *n) {
			struct crk_party *d = dup_parties(b, &add[i], 1, &oom);
			if (d)
				nv[k++] = *d;
		}
	}
	*v = nv;
	*n = k;
	return oom ? CRK_ENOMEM : CRK_OK;
}

/* The same for key/value pairs (a pair is the same when key and value are). */
static int union_kv(struct crk_bom *b, struct crk_kv **v, size_t *n, const struct crk_kv *add,
		    size_t nadd)
{
	size_t i, j, k = 0;
	struct crk_kv *nv;
	int oom = 0;
	for (i = 0; i < nadd; i++) {
		for (j = 0; j < *n; j++)
			if (streq0((*v)[j].key, add[i].key) && streq0((*v)[j].value, add[i].value))
				break;
		if (j == *n)
			k++;
	}
	if (!k)
		return CRK_OK;
	nv = crk_arena_array(&b->arena, *n + k, sizeof(*nv));
	if (!nv)
		return CRK_ENOMEM;
	if (*n)
		memcpy(nv, *v, *n * sizeof(*nv));
	k = *n;
	for (i = 0; i < nadd; i++) {
		for (j = 0; j < *n; j++)
			if (streq0((*v)[j].key, add[i].key) && streq0((*v)[j].value, add[i].value))
				break;
		if (j == *n) {
			nv[k].key = dup(b, add[i].key ? add[i].key : "", &oom);
			nv[k].value = dup(b, add[i].value ? add[i].value : "", &oom);
			k++;
		}
	}
	*v = nv;
	*n = k;
	return oom ? CRK_ENOMEM : CRK_OK;
}

static int cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct crk_kv *)a)->key, ((const struct crk_kv *)b)->key);
}

/* The occurrence list is an arena array (copied on growth, at most 1024 entries): most
 * components have one, and a heap block each cost a malloc per component. */
static int add_occ(struct crk_bom *b, struct crk_component *c, const char *path, unsigned line,
		   const char *layer)
{
	size_t i;
	for (i = 0; i < c->nocc; i++)
		if (c->occ[i].line == line && strcmp(c->occ[i].path, path) == 0)
			return CRK_OK;
	if (c->nocc >= 1024)
		return CRK_OK; /* enough evidence; keep the BOM bounded */
	if (c->nocc >= c->occalloc) {
		size_t na = c->occalloc ? c->occalloc * 2 : 1;
		struct crk_occurrence *nv = crk_arena_array(&b->arena, na, sizeof(*nv));
		if (!nv)
			return CRK_ENOMEM;
		if (c->nocc)
			memcpy(nv, c->occ, c->nocc * sizeof(*nv));
		c->occ = nv;
		c->occalloc = na;
	}
	c->occ[c->nocc].path = path;
	c->occ[c->nocc].line = line;
	c->occ[c->nocc].layer = layer;
	c->nocc++;
	return CRK_OK;
}

/* Fills fields the existing component lacks from a later sighting. */
static int merge(struct crk_bom *b, struct crk_component *c, const struct crk_pkg *p,
		 const char *path, const char *layer)
{
	int oom = 0;
	size_t i, j;
	if (p->scope < c->scope)
		c->scope = p->scope;
	c->flags |= p->flags & ~(unsigned)CRK_PKG_UNPINNED;
#define FILL(f)                                  \
	if (!c->f && p->f)                       \
		c->f = dup(b, p->f, &oom);
	FILL(license)
	FILL(supplier)
	FILL(author)
	FILL(description)
	FILL(source_name)
	FILL(source_version)
	FILL(download_url)
	FILL(vcs_url)
	FILL(vcs_commit)
	FILL(cpe)
	FILL(kind)
	FILL(copyright)
	FILL(license_concluded)
	FILL(filename)
#undef FILL
	if (!c->file_kind)
		c->file_kind = p->file_kind;
	if (p->completeness == CRK_DEPS_COMPLETE || (p->completeness && !c->completeness))
		c->completeness = p->completeness;
	if (union_parties(b, &c->parties, &c->nparties, p->parties, p->nparties) ||
	    union_kv(b, &c->ext_props, &c->next_props, p->ext_props, p->next_props) ||
	    union_kv(b, &c->ext_refs, &c->next_refs, p->ext_refs, p->next_refs))
		return CRK_ENOMEM;
	for (i = 0; i < p->nhashes; i++) {
		for (j = 0; j < c->nhashes; j++)
			if (strcmp(c->hashes[j].alg, p->hashes[i].alg) == 0)
				break;
		if (j == c->nhashes) {
			struct crk_hash *nh = crk_arena_array(&b->arena, c->nhashes + 1, sizeof(*nh));
			if (!nh)
				return CRK_ENOMEM;
			if (c->nhashes)
				memcpy(nh, c->hashes, c->nhashes * sizeof(*nh));
			nh[c->nhashes].alg = dup(b, p->hashes[i].alg, &oom);
			nh[c->nhashes].value = dup(b, p->hashes[i].value, &oom);
			c->hashes = nh;
			c->nhashes++;
		}
	}
	if (oom)
		return CRK_ENOMEM;
	return add_occ(b, c, path, p->line, layer);
}

/* Builds the reference of a package into `ref`: its canonical purl, or a "crakit:" reference
 * when it has none. */
static int make_ref(struct crk_strbuf *ref, const struct crk_pkg *p, struct crk_err *err)
{
	int rc;
	if (!p->type || !*p->type || !p->name || !*p->name || !p->path)
		return crk_err_set(err, CRK_EINVAL, p->path, p->line, 0,
				   "package without %s", !p->path ? "a path" :
				   (!p->type || !*p->type) ? "a type" : "a name");
	if (!(p->flags & CRK_PKG_NO_PURL)) {
		struct crk_purl pu = {p->type, p->ns, p->name, p->version, p->subpath,
				      (struct crk_kv *)p->qualifiers, p->nqualifiers};
		/* rpm: the component version is "[epoch:]version-release" as rpm and OSV write
		 * it, but the purl rpm type carries the epoch as the `epoch` qualifier, not in the
		 * version (purl-spec types/rpm-definition.json) */
		if (p->version && strcmp(p->type, "rpm") == 0) {
			size_t d = strspn(p->version, "0123456789");
			if (d && p->version[d] == ':')
				pu.version = p->version + d + 1;
		}
		rc = crk_purl_build(ref, &pu, err);
		if (rc) {
			if (err) {
				char why[CRK_ERR_MSG_MAX];
				snprintf(why, sizeof(why), "%s", err->msg);
				crk_err_set(err, rc, p->path, p->line, 0, "%s (package '%s')", why,
					    p->name);
			}
			return rc;
		}
	} else {
		/* no purl: the reference names type, name, version and the file it came from */
		crk_strbuf_addf(ref, "crakit:%s/%s%s%s@%s#%s", p->type, p->ns ? p->ns : "",
				p->ns ? "/" : "", p->name, p->version ? p->version : "", p->path);
		if (!crk_strbuf_ok(ref))
			return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
	}
	return CRK_OK;
}

/* Copies every field of `p` except the occurrence into `c` (zeroed). */
static void fill(struct crk_bom *bom, struct crk_component *c, const struct crk_pkg *p,
		 const struct crk_strbuf *ref, int *poom)
{
	int oom = 0;
	size_t i;
	c->bom_ref = crk_arena_strndup(&bom->arena, ref->buf, ref->len);
	if (!c->bom_ref)
		oom = 1;
	c->purl = (p->flags & CRK_PKG_NO_PURL) ? NULL : c->bom_ref;
	c->type = dup(bom, p->type, &oom);
	c->ns = dup(bom, p->ns, &oom);
	c->name = dup(bom, p->name, &oom);
	c->version = dup(bom, p->version, &oom);
	c->ecosystem = dup(bom, p->ecosystem, &oom);
	c->subpath = dup(bom, p->subpath, &oom);
	c->qualifiers = dup_kv(bom, p->qualifiers, p->nqualifiers, &oom);
	c->nqualifiers = c->qualifiers ? p->nqualifiers : 0;
	for (i = 0; i < c->nqualifiers; i++)
		if (!c->qualifiers[i].value || !*c->qualifiers[i].value)
			c->qualifiers[i].key = "~"; /* dropped below */
	if (c->nqualifiers && !oom) {
		size_t k = 0;
		qsort(c->qualifiers, c->nqualifiers, sizeof(*c->qualifiers), cmp_kv);
		for (i = 0; i < c->nqualifiers; i++)
			if (strcmp(c->qualifiers[i].key, "~"))
				c->qualifiers[k++] = c->qualifiers[i];
		c->nqualifiers = k;
	}
	c->scope = p->scope;
	c->flags = p->flags;
	c->license = dup(bom, p->license, &oom);
	c->supplier = dup(bom, p->supplier, &oom);
	c->author = dup(bom, p->author, &oom);
	c->description = dup(bom, p->description, &oom);
	c->source_name = dup(bom, p->source_name, &oom);
	c->source_version = dup(bom, p->source_version, &oom);
	c->download_url = dup(bom, p->download_url, &oom);
	c->vcs_url = dup(bom, p->vcs_url, &oom);
	c->vcs_commit = dup(bom, p->vcs_commit, &oom);
	c->cpe = dup(bom, p->cpe, &oom);
	c->kind = dup(bom, p->kind, &oom);
	c->copyright = dup(bom, p->copyright, &oom);
	c->license_concluded = dup(bom, p->license_concluded, &oom);
	c->parties = dup_parties(bom, p->parties, p->nparties, &oom);
	c->nparties = c->parties ? p->nparties : 0;
	c->ext_props = dup_kv(bom, p->ext_props, p->next_props, &oom);
	c->next_props = c->ext_props ? p->next_props : 0;
	c->ext_refs = dup_kv(bom, p->ext_refs, p->next_refs, &oom);
	c->next_refs = c->ext_refs ? p->next_refs : 0;
	c->filename = dup(bom, p->filename, &oom);
	c->file_kind = p->file_kind;
	c->completeness = p->completeness;
	if (p->nhashes) {
		c->hashes = crk_arena_array(&bom->arena, p->nhashes, sizeof(*c->hashes));
		if (!c->hashes)
			oom = 1;
		for (i = 0; c->hashes && i < p->nhashes; i++) {
			c->hashes[i].alg = dup(bom, p->hashes[i].alg, &oom);
			c->hashes[i].value = dup(bom, p->hashes[i].value, &oom);
		}
		c->nhashes = c->hashes ? p->nhashes : 0;
	}
	c->found_by = dup(bom, p->found_by, &oom);
	c->props = dup_kv(bom, p->props, p->nprops, &oom);
	c->nprops = c->props ? p->nprops : 0;
	if (oom)
		*poom = 1;
}

int crk_bom_add(struct crk_bom *bom, const struct crk_pkg *p, size_t *out_id,
		struct crk_err *err)
{
	struct crk_strbuf ref = CRK_STRBUF_INIT(CRK_MAX_STRING);
	struct crk_component *c;
	const char *path, *layer;
	int oom = 0, rc;

	if (out_id)
		*out_id = CRK_BOM_NONE;
	rc = make_ref(&ref, p, err);
	if (rc) {
		crk_strbuf_release(&ref);
		return rc;
	}

	c = crk_map_get(&bom->by_ref, ref.buf, ref.len);
	if (c) {
		crk_strbuf_release(&ref);
		layer = dup(bom, p->layer, &oom);
		path = crk_arena_strdup(&bom->arena, p->path);
		if (!path || oom || merge(bom, c, p, path, layer))
			return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
		if (out_id)
			*out_id = c->id;
		return CRK_OK;
	}
	if (bom->n >= CRK_MAX_COMPONENTS) {
		crk_strbuf_release(&ref);
		return crk_err_set(err, CRK_ELIMIT, p->path, p->line, 0,
				   "more than %zu components", (size_t)CRK_MAX_COMPONENTS);
	}
	c = crk_arena_alloc(&bom->arena, sizeof(*c));
	if (!c || CRK_GROW(bom->comps, bom->alloc, bom->n + 1)) {
		crk_strbuf_release(&ref);
		return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
	}
	c->id = bom->n;
	fill(bom, c, p, &ref, &oom);
	crk_strbuf_release(&ref);
	path = dup(bom, p->path, &oom);
	layer = dup(bom, p->layer, &oom);
	if (oom || add_occ(bom, c, path, p->line, layer))
		return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
	if (crk_map_put(&bom->by_ref, c->bom_ref, strlen(c->bom_ref), c))
		return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
	bom->comps[bom->n++] = c;
	bom->sorted = 0;
	if (out_id)
		*out_id = c->id;
	return CRK_OK;
}

int crk_bom_set_product(struct crk_bom *bom, const struct crk_pkg *p, struct crk_err *err)
{
	struct crk_strbuf ref = CRK_STRBUF_INIT(CRK_MAX_STRING);
	struct crk_component *c;
	int oom = 0, rc = make_ref(&ref, p, err);
	if (rc) {
		crk_strbuf_release(&ref);
		return rc;
	}
	/* in the arena, occurrence included: the product is not in the component list, whose
	 * heap arrays crk_bom_free() releases */
	c = crk_arena_alloc(&bom->arena, sizeof(*c));
	if (c) {
		c->id = CRK_BOM_NONE;
		fill(bom, c, p, &ref, &oom);
		c->occ = crk_arena_alloc(&bom->arena, sizeof(*c->occ));
		if (c->occ) {
			c->occ[0].path = dup(bom, p->path, &oom);
			c->occ[0].line = p->line;
			c->occ[0].layer = dup(bom, p->layer, &oom);
			c->nocc = c->occalloc = 1;
		}
	}
	crk_strbuf_release(&ref);
	if (!c || !c->occ || oom)
		return crk_err_set(err, CRK_ENOMEM, p->path, 0, 0, "out of memory");
	bom->meta.product = c;
	return CRK_OK;
}

int crk_bom_meta_add_party(struct crk_bom *bom, const struct crk_party *p)
{
	return union_parties(bom, &bom->meta.parties, &bom->meta.nparties, p, 1);
}

int crk_bom_meta_add_license_text(struct crk_bom *bom, const char *id, const char *text)
{
	struct crk_kv kv;
	size_t i;
	if (!id || !text)
		return CRK_EINVAL;
	for (i = 0; i < bom->meta.nlicense_texts; i++)
		if (strcmp(bom->meta.license_texts[i].key, id) == 0)
			return CRK_OK;
	kv.key = id;
	kv.value = text;
	return union_kv(bom, &bom->meta.license_texts, &bom->meta.nlicense_texts, &kv, 1);
}

int crk_bom_meta_add_tool(struct crk_bom *bom, const char *name, const char *version)
{
	struct crk_kv kv;
	if (!name)
		return CRK_EINVAL;
	kv.key = name;
	kv.value = version ? version : "";
	return union_kv(bom, &bom->meta.tools, &bom->meta.ntools, &kv, 1);
}

/* Appends to *v (an arena array) each hash of add[] whose algorithm it lacks. */
static int add_hashes(struct crk_bom *b, struct crk_hash **v, size_t *n,
		      const struct crk_hash *add, size_t nadd)
{
	size_t i, j;
	int oom = 0;
	for (i = 0; i < nadd; i++) {
		struct crk_hash *nh;
		if (!add[i].alg || !add[i].value)
			continue;
		for (j = 0; j < *n; j++)
			if (strcmp((*v)[j].alg, add[i].alg) == 0)
				break;
		if (j < *n)
			continue;
		nh = crk_arena_array(&b->arena, *n + 1, sizeof(*nh));
		if (!nh)
			return CRK_ENOMEM;
		if (*n)
			memcpy(nh, *v, *n * sizeof(*nh));
		nh[*n].alg = dup(b, add[i].alg, &oom);
		nh[*n].value = dup(b, add[i].value, &oom);
		*v = nh;
		(*n)++;
	}
	return oom ? CRK_ENOMEM : CRK_OK;
}

int crk_bom_set_file(struct crk_bom *bom, size_t id, const char *filename, unsigned file_kind,
		     const struct crk_hash *hashes, size_t nhashes)
{
	struct crk_component *c;
	int oom = 0;
	if (id >= bom->n)
		return CRK_EINVAL;
	c = bom->comps[id];
	if (!c->filename && filename && *filename)
		c->filename = dup(bom, filename, &oom);
	if (!c->file_kind)
		c->file_kind = file_kind;
	if (oom)
		return CRK_ENOMEM;
	return add_hashes(bom, &c->hashes, &c->nhashes, hashes, nhashes);
}

int crk_bom_set_completeness(struct crk_bom *bom, size_t id, enum crk_deps v)
{
	struct crk_component *c;
	if (id >= bom->n)
		return CRK_EINVAL;
	c = bom->comps[id];
	if (v == CRK_DEPS_COMPLETE || (v && !c->completeness))
		c->completeness = v;
	return CRK_OK;
}

int crk_bom_set_root_file(struct crk_bom *bom, const char *filename, unsigned file_kind,
			  const struct crk_hash *hashes, size_t nhashes)
{
	struct crk_bom_meta *m = &bom->meta;
	int oom = 0;
	m->root_filename = filename ? dup(bom, filename, &oom) : NULL;
	m->root_file_kind = file_kind;
	if (oom)
		return CRK_ENOMEM;
	return add_hashes(bom, &m->root_hashes, &m->nroot_hashes, hashes, nhashes);
}

int crk_bom_merge(struct crk_bom *dst, const struct crk_bom *src, struct crk_err *err)
{
	return crk_bom_merge_under(dst, src, CRK_BOM_ROOT, err);
}

int crk_bom_merge_under(struct crk_bom *dst, const struct crk_bom *src, size_t parent,
			struct crk_err *err)
{
	size_t *map, i, j;
	int rc = CRK_OK;

	if (!src->n)
		return CRK_OK; /* no components, so no edges either */
	if (src->arena.used_total >= ((size_t)1 << 20)) {
		/* a large BOM (a scan reads an SBOM, then merges it): room for its copy in one
		 * block of at least 4 MiB (huge pages, base/arena.c), and in the component list;
		 * only hints, so a failure is left to the allocations below */
		const size_t least = (size_t)4 << 20;
		(void)crk_arena_reserve(&dst->arena, src->arena.used_total > least
							     ? src->arena.used_total
							     : least);
		(void)CRK_GROW(dst->comps, dst->alloc, dst->n + src->n);
	}
	map = crk_calloc(src->n, sizeof(*map));
	if (!map)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < src->n && rc == CRK_OK; i++) {
		const struct crk_component *c = src->comps[i];
		struct crk_component *d;
		struct crk_pkg p;
		memset(&p, 0, sizeof(p));
		p.type = c->type;
		p.ns = c->ns;
		p.name = c->name;
		p.version = c->version;
		p.ecosystem = c->ecosystem;
		p.qualifiers = c->qualifiers;
		p.nqualifiers = c->nqualifiers;
		p.subpath = c->subpath;
		p.scope = c->scope;
		p.flags = c->flags;
		p.license = c->license;
		p.supplier = c->supplier;
		p.author = c->author;
		p.description = c->description;
		p.source_name = c->source_name;
		p.source_version = c->source_version;
		p.download_url = c->download_url;
		p.vcs_url = c->vcs_url;
		p.vcs_commit = c->vcs_commit;
		p.cpe = c->cpe;
		p.kind = c->kind;
		p.copyright = c->copyright;
		p.license_concluded = c->license_concluded;
		p.parties = c->parties;
		p.nparties = c->nparties;
		p.ext_props = c->ext_props;
		p.next_props = c->next_props;
		p.ext_refs = c->ext_refs;
		p.next_refs = c->next_refs;
		p.filename = c->filename;
		p.file_kind = c->file_kind;
		p.completeness = c->completeness;
		p.hashes = c->hashes;
		p.nhashes = c->nhashes;
		p.props = c->props;
		p.nprops = c->nprops;
		p.path = c->occ[0].path;
		p.line = c->occ[0].line;
		p.found_by = c->found_by;
		p.layer = c->occ[0].layer;
		rc = crk_bom_add(dst, &p, &map[i], err);
		if (rc)
			break;
		d = dst->comps[map[i]];
		for (j = 1; j < c->nocc && rc == CRK_OK; j++) {
			int oom = 0;
			const char *path = crk_arena_strdup(&dst->arena, c->occ[j].path);
			const char *layer = dup(dst, c->occ[j].layer, &oom);
			rc = path && !oom ? add_occ(dst, d, path, c->occ[j].line, layer) : CRK_ENOMEM;
		}
	}
	for (i = 0; rc == CRK_OK && i < src->n; i++) {
		const struct crk_component *c = src->comps[i];
		for (j = 0; j < c->ndeps && rc == CRK_OK; j++)
			rc = crk_bom_add_dep(dst, map[i], map[c->deps[j]]);
	}
	for (i = 0; i < src->nroots && rc == CRK_OK; i++)
		rc = crk_bom_add_dep(dst, parent, map[src->roots[i]]);
	crk_free(map);
	if (rc && err && !err->msg[0])
		crk_err_set(err, rc, NULL, 0, 0, "merging SBOMs: %s", crk_status_str(rc));
	return rc;
}

static int cmp_size(const void *a, const void *b);

/* Sorts and de-duplicates an id list in place. */
static void compact_ids(size_t *v, size_t *n)
{
	size_t i, k = 0;
	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), cmp_size);
	for (i = 0; i < *n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	*n = k;
}

/* Appends without searching (that would be quadratic for the root of a large tree): duplicates
 * are removed when the list reaches its cap and by crk_bom_sort(). */
static int add_id(size_t **v, size_t *n, size_t *alloc, size_t id, size_t cap)
{
	if (*n && (*v)[*n - 1] == id)
		return CRK_OK;
	if (*n >= cap) {
		compact_ids(*v, n);
		if (*n >= cap)
			return CRK_ELIMIT;
	}
	if (crk_grow((void **)v, alloc, *n + 1, sizeof(**v)))
		return CRK_ENOMEM;
	(*v)[(*n)++] = id;
	return CRK_OK;
}

int crk_bom_add_dep(struct crk_bom *bom, size_t from, size_t to)
{
	struct crk_component *c;
	if (to >= bom->n || from == CRK_BOM_NONE)
		return CRK_EINVAL;
	if (from == to)
		return CRK_OK;
	bom->sorted = 0;
	if (from == CRK_BOM_ROOT)
		return add_id(&bom->roots, &bom->nroots, &bom->rootalloc, to, CRK_MAX_COMPONENTS);
	if (from >= bom->n)
		return CRK_EINVAL;
	c = bom->comps[from];
	return add_id(&c->deps, &c->ndeps, &c->depalloc, to, CRK_MAX_DEPS_PER_COMPONENT);
}

static int cmp_comp(const void *a, const void *b)
{
	const struct crk_component *x = *(const struct crk_component *const *)a;
	const struct crk_component *y = *(const struct crk_component *const *)b;
	return strcmp(x->bom_ref, y->bom_ref);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

int crk_bom_sort(struct crk_bom *bom)
{
	size_t *newid, i, j;
	if (bom->sorted)
		return CRK_OK;
	newid = crk_calloc(bom->n ? bom->n : 1, sizeof(*newid));
	if (!newid)
		return CRK_ENOMEM;
	if (bom->n > 1)
		qsort(bom->comps, bom->n, sizeof(*bom->comps), cmp_comp);
	for (i = 0; i < bom->n; i++)
		newid[bom->comps[i]->id] = i;
	for (i = 0; i < bom->n; i++) {
		struct crk_component *c = bom->comps[i];
		c->id = i;
		for (j = 0; j < c->ndeps; j++)
			c->deps[j] = newid[c->deps[j]];
		compact_ids(c->deps, &c->ndeps);
	}
	for (i = 0; i < bom->nroots; i++)
		bom->roots[i] = newid[bom->roots[i]];
	compact_ids(bom->roots, &bom->nroots);
	crk_free(newid);
	bom->sorted = 1;
	return CRK_OK;
}
