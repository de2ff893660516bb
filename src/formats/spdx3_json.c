/*
 * spdx3_json.c - the "spdx3-json" writer: SPDX 3.0.1 JSON-LD (https://spdx.github.io/spdx-spec/v3.0.1/,
 * schema corpus/sbom/spdx/schema/spdx-3.0.1.schema.json, context
 * https://spdx.org/rdf/3.0.1/spdx-context.jsonld), profiles Core, Software and SimpleLicensing.
 *
 * One "@graph" of elements, streamed with the JSON writer of writers.c and deterministic like
 * the other writers (same BOM, same bytes): every element's spdxId is an IRI in the document's
 * namespace "https://crakit.invalid/spdxdocs/<name>-<uuid>" (the SPDX 2.3 writer's; .invalid
 * never resolves, RFC 2606), "#" and a local name:
 *   #tool-crakit, #agent-<16 hex>   the tool and the people/organisations named (FNV-1a of
 *                                   name, email and URL), with email / urlScheme identifiers;
 *   #root                           the product (software_Package, purpose application or
 *                                   container), the root element of the software_Sbom #sbom,
 *                                   itself the root element of the SpdxDocument #document;
 *   #pkg-<type>-<name>-<16 hex>     one software_Package per component, the hex a 64-bit
 *                                   FNV-1a of the bom-ref (the purl), so a package keeps its
 *                                   IRI from one document to the next; should two coincide the
 *                                   document falls back to #pkg-<index>-<name>;
 *   #license-<16 hex>               one simplelicensing_LicenseExpression per distinct
 *                                   expression (crk_writer_license: package metadata's words
 *                                   made SPDX, unknown ones LicenseRef-crakit-...), whose
 *                                   LicenseRefs map (customIdToUri) to #text-<16 hex>
 *                                   simplelicensing_SimpleLicensingText elements holding the
 *                                   original words;
 *   #file-<pkg local name>          with the BSI profile, the deployable file of a component
 *                                   (software_File: name, hashes, additional purposes);
 *   #rel-<n>                        relationships, numbered in the order written.
 * Relationships: the product dependsOn its direct dependencies of scope required,
 * hasOptionalDependency for optional ones, and a LifecycleScopedRelationship dependsOn with scope
 * "development" for dev ones; it "contains" every component nothing depends on (an installed OS
 * package); each component dependsOn its dependencies, or NoneElement when its list is known to
 * be complete and empty, with completeness complete / incomplete / noAssertion (BSI TR-03183-2
 * v2.1 §5.2.2 asks that it be stated); hasDeclaredLicense to its licence (and, with the BSI
 * profile, hasConcludedLicense: the distribution licence; hasDistributionArtifact to its file).
 * The mapping in full is in docs/formats.md and docs/bsi-tr-03183-2.md.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "formats/spdx_license.h"
#include "formats/writer.h"
#include "base/banned.h"

#define S3_CONTEXT "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
#define S3_NONE "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"
#define S3_NOASSERTION "https://spdx.org/rdf/3.0.1/terms/Core/NoAssertionElement"
#define S3_NAME_MAX 64 /* characters of a name kept in a local id */
#define S3_CI "_:creationinfo"
#define S3_BSI_COMMENT                                                                     \
	"software_additionalPurpose field is used to indicate the properties of BSI "        \
	"TR-03183-2"

/* An agent (person or organisation) met: offsets into agentbuf of name, email, url ("" when
 * absent), and whether it is an organisation. */
struct agent {
	size_t name, email, url;
	int organization;
	uint64_t hash;
};

struct s3 {
	const struct crk_bom *bom;
	const struct crk_bom_meta *m;
	struct crk_jw *w;
	size_t n;
	int bsi, oom;
	struct crk_strbuf ns;  /* "https://crakit.invalid/spdxdocs/<name>-<uuid>#" */
	struct crk_strbuf ids; /* local ids of the packages, NUL-separated */
	size_t *idoff;
	/* licences: canonical expressions, NUL-separated, deduplicated */
	struct crk_strbuf lics;
	size_t *licoff, nlics, licalloc;
	size_t *complic; /* per component: index into licoff, or SIZE_MAX */
	size_t rootlic;  /* the product's, or SIZE_MAX */
	struct crk_map licmap;
	/* LicenseRefs: "id\0text\0" pairs, deduplicated by id */
	struct crk_strbuf refs;
	size_t *refoff, nrefs, refalloc;
	struct crk_map refmap;
	/* agents */
	struct crk_strbuf agentbuf;
	struct agent *agents;
	size_t nagents, agentalloc;
	struct crk_map agentmap; /* FNV of the agent's strings -> index + 1 */
	size_t *compagent;       /* per component: its creator (SIZE_MAX: none) */
	size_t *compsupplier;    /* per component: its supplier (SIZE_MAX: none) */
	size_t sbomagent;        /* the SBOM's creator, or SIZE_MAX */
	struct crk_arena keys;   /* map keys */
	/* every element's IRI written, NUL-separated, for the SpdxDocument and Sbom lists */
	struct crk_strbuf elements;
	unsigned char *rel; /* per component: REL_ROOT, REL_PARENT */
	size_t nrel;
	struct crk_strbuf tmp, fname;
	const struct crk_hash **hashes;
	size_t hashalloc;
};

enum { REL_ROOT = 1, REL_PARENT = 2 };

/* x->tmp = namespace + local (printf-style). */
__attribute__((format(printf, 2, 3))) static const char *iri(struct s3 *x, const char *fmt, ...)
{
	va_list ap;
	crk_strbuf_reset(&x->tmp);
	crk_strbuf_add(&x->tmp, x->ns.buf, x->ns.len);
	va_start(ap, fmt);
	crk_strbuf_vaddf(&x->tmp, fmt, ap);
	va_end(ap);
	if (!crk_strbuf_ok(&x->tmp))
		x->oom = 1;
	return x->tmp.buf;
}

/* Writes "spdxId": IRI and remembers it for the element lists. */
static void element_id(struct s3 *x, const char *id)
{
	crk_jw_str(x->w, "spdxId", id);
	crk_strbuf_add(&x->elements, id, strlen(id) + 1);
}

static void begin_element(struct s3 *x, const char *type, const char *id)
{
	crk_jw_begin_obj(x->w, NULL);
	crk_jw_str(x->w, "type", type);
	element_id(x, id);
	crk_jw_str(x->w, "creationInfo", S3_CI);
}

static const char *pkg_local(const struct s3 *x, size_t i)
{
	return x->ids.buf + x->idoff[i];
}

/* ---- package ids (as spdx_json.c: readable name + hash of the bom-ref) ---- */

/* ---- licences ---- */

static void note_ref(void *ud, const char *id, const char *text, size_t n)
{
	struct s3 *x = ud;
	size_t off = x->refs.len, idlen = strlen(id);
	const char *key;
	if (crk_map_get(&x->refmap, id, idlen))
		return;
	key = crk_arena_strndup(&x->keys, id, idlen);
	if (!key || CRK_GROW(x->refoff, x->refalloc, x->nrefs + 1) ||
	    crk_map_put(&x->refmap, key, idlen, (void *)key)) {
		x->oom = 1;
		return;
	}
	crk_strbuf_add(&x->refs, id, idlen + 1);
	crk_strbuf_add(&x->refs, text, n);
	crk_strbuf_addch(&x->refs, '\0');
	x->refoff[x->nrefs++] = off;
}

/* The index of the licence `declared` normalises to, adding it when new; SIZE_MAX for none. */
static size_t licence_index(struct s3 *x, const char *declared)
{
	size_t off, len;
	void *v;
	const char *key;
	if (!declared || crk_writer_license(declared, &x->tmp, note_ref, x) == CRK_SPDX_INVALID)
		return SIZE_MAX;
	len = x->tmp.len;
	v = crk_map_get(&x->licmap, x->tmp.buf, len);
	if (v)
		return (size_t)(uintptr_t)v - 1;
	key = crk_arena_strndup(&x->keys, x->tmp.buf, len);
	off = x->lics.len;
	crk_strbuf_add(&x->lics, x->tmp.buf, len + 1);
	if (!key || !crk_strbuf_ok(&x->lics) || CRK_GROW(x->licoff, x->licalloc, x->nlics + 1) ||
	    crk_map_put(&x->licmap, key, len, (void *)(uintptr_t)(x->nlics + 1))) {
		x->oom = 1;
		return SIZE_MAX;
	}
	x->licoff[x->nlics] = off;
	return x->nlics++;
}

static const char *lic_iri(struct s3 *x, size_t k)
{
	const char *e = x->lics.buf + x->licoff[k];
	return iri(x, "license-%016llx", (unsigned long long)crk_hash_bytes(e, strlen(e)));
}

/* ---- agents ---- */

/* The index of the agent with these strings (name may be NULL), adding it when new. */
static size_t agent_index(struct s3 *x, const char *name, size_t nlen, const char *email,
			  size_t elen, const char *url, int organization)
{
	struct crk_strbuf *b = &x->agentbuf;
	struct agent a;
	uint64_t h;
	char *key;
	void *v;
	size_t ulen = url ? strlen(url) : 0;
	crk_strbuf_reset(&x->tmp);
	crk_strbuf_add(&x->tmp, name ? name : "", name ? nlen : 0);
	crk_strbuf_addch(&x->tmp, '\n');
	crk_strbuf_add(&x->tmp, email ? email : "", email ? elen : 0);
	crk_strbuf_addch(&x->tmp, '\n');
	crk_strbuf_add(&x->tmp, url ? url : "", ulen);
	if (!crk_strbuf_ok(&x->tmp)) {
		x->oom = 1;
		return SIZE_MAX;
	}
	h = crk_hash_bytes(x->tmp.buf, x->tmp.len);
	v = crk_map_get(&x->agentmap, x->tmp.buf, x->tmp.len);
	if (v)
		return (size_t)(uintptr_t)v - 1;
	key = crk_arena_strndup(&x->keys, x->tmp.buf, x->tmp.len);
	a.name = b->len;
	crk_strbuf_add(b, name ? name : "", name ? nlen : 0);
	crk_strbuf_addch(b, '\0');
	a.email = b->len;
	crk_strbuf_add(b, email ? email : "", email ? elen : 0);
	crk_strbuf_addch(b, '\0');
	a.url = b->len;
	crk_strbuf_add(b, url ? url : "", ulen);
	crk_strbuf_addch(b, '\0');
	a.organization = organization;
	a.hash = h;
	if (!key || !crk_strbuf_ok(b) || CRK_GROW(x->agents, x->agentalloc, x->nagents + 1) ||
	    crk_map_put(&x->agentmap, key, x->tmp.len, (void *)(uintptr_t)(x->nagents + 1))) {
		x->oom = 1;
		return SIZE_MAX;
	}
	x->agents[x->nagents] = a;
	return x->nagents++;
}

static const char *agent_iri(struct s3 *x, size_t k)
{
	return iri(x, "agent-%016llx", (unsigned long long)x->agents[k].hash);
}

static void write_agent(struct s3 *x, size_t k)
{
	const struct agent *a = &x->agents[k];
	const char *name = x->agentbuf.buf + a->name, *email = x->agentbuf.buf + a->email,
		   *url = x->agentbuf.buf + a->url;
	begin_element(x, a->organization ? "Organization" : "Person", agent_iri(x, k));
	crk_jw_str(x->w, "name", *name ? name : *email ? email : url);
	if (*email || *url) {
		crk_jw_begin_arr(x->w, "externalIdentifier");
		crk_jw_begin_obj(x->w, NULL);
		crk_jw_str(x->w, "type", "ExternalIdentifier");
		crk_jw_str(x->w, "externalIdentifierType", *email ? "email" : "urlScheme");
		crk_jw_str(x->w, "identifier", *email ? email : url);
		crk_jw_end_obj(x->w);
		crk_jw_end_arr(x->w);
	}
	crk_jw_end_obj(x->w);
}

/* ---- pieces of a package ---- */

static const char *s3_hash_alg(const char *cdx)
{
	static const struct {
		const char *cdx, *s3;
	} t[] = {{"MD5", "md5"},           {"SHA-1", "sha1"},
		 {"SHA-256", "sha256"},     {"SHA-384", "sha384"},
		 {"SHA-512", "sha512"},     {"SHA3-256", "sha3_256"},
		 {"SHA3-384", "sha3_384"},  {"SHA3-512", "sha3_512"},
		 {"BLAKE2b-256", "blake2b256"}, {"BLAKE2b-384", "blake2b384"},
		 {"BLAKE2b-512", "blake2b512"}, {"BLAKE3", "blake3"}};
	size_t i;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].cdx, cdx) == 0)
			return t[i].s3;
	return NULL;
}

static void write_verified(struct s3 *x, const struct crk_hash *h, size_t nh)
{
	size_t i, n = 0;
	char lower[129];
	if (!nh)
		return;
	if (CRK_GROW(x->hashes, x->hashalloc, nh)) {
		x->oom = 1;
		return;
	}
	for (i = 0; i < nh; i++)
		if (crk_writer_hash_ok(&h[i], NULL) && s3_hash_alg(h[i].alg))
			x->hashes[n++] = &h[i];
	if (!n)
		return;
	qsort(x->hashes, n, sizeof(*x->hashes), crk_writer_hash_cmp);
	crk_jw_begin_arr(x->w, "verifiedUsing");
	for (i = 0; i < n; i++) {
		size_t k;
		if (i > 0 && crk_writer_hash_cmp(&x->hashes[i - 1], &x->hashes[i]) == 0)
			continue;
		for (k = 0; x->hashes[i]->value[k] && k < sizeof(lower) - 1; k++) {
			char ch = x->hashes[i]->value[k];
			lower[k] = (ch >= 'A' && ch <= 'F') ? (char)(ch - 'A' + 'a') : ch;
		}
		lower[k] = '\0';
		crk_jw_begin_obj(x->w, NULL);
		crk_jw_str(x->w, "type", "Hash");
		crk_jw_str(x->w, "algorithm", s3_hash_alg(x->hashes[i]->alg));
		crk_jw_str(x->w, "hashValue", lower);
		crk_jw_end_obj(x->w);
	}
	crk_jw_end_arr(x->w);
}

static void write_package(struct s3 *x, size_t i)
{
	const struct crk_component *c = crk_bom_get(x->bom, i);
	int dl_ok = c->download_url && crk_writer_url_ok(c->download_url);
	int vcs_ok = c->vcs_url && crk_writer_url_ok(c->vcs_url);

	begin_element(x, "software_Package", iri(x, "%s", pkg_local(x, i)));
	crk_strbuf_reset(&x->tmp);
	crk_writer_display_name(&x->tmp, c);
	crk_jw_str(x->w, "name", x->tmp.buf);
	if (c->description && *c->description)
		crk_jw_str(x->w, "description", c->description);
	if (c->scope != CRK_SCOPE_REQUIRED) {
		crk_jw_key(x->w, "comment");
		crk_strbuf_addf(x->w->sb, "\"scope: %s\"", crk_scope_str(c->scope));
	}
	if (c->purl || c->cpe) {
		crk_jw_begin_arr(x->w, "externalIdentifier");
		if (c->purl) {
			crk_jw_begin_obj(x->w, NULL);
			crk_jw_str(x->w, "type", "ExternalIdentifier");
			crk_jw_str(x->w, "externalIdentifierType", "packageUrl");
			crk_jw_str(x->w, "identifier", c->purl);
			crk_jw_end_obj(x->w);
		}
		if (c->cpe) {
			crk_jw_begin_obj(x->w, NULL);
			crk_jw_str(x->w, "type", "ExternalIdentifier");
			crk_jw_str(x->w, "externalIdentifierType",
				   strncmp(c->cpe, "cpe:2.3:", 8) == 0 ? "cpe23" : "cpe22");
			crk_jw_str(x->w, "identifier", c->cpe);
			crk_jw_end_obj(x->w);
		}
		crk_jw_end_arr(x->w);
	}
	if (vcs_ok) {
		crk_jw_begin_arr(x->w, "externalRef");
		crk_jw_begin_obj(x->w, NULL);
		crk_jw_str(x->w, "type", "ExternalRef");
		crk_jw_str(x->w, "externalRefType", "vcs");
		crk_jw_begin_arr(x->w, "locator");
		crk_jw_str(x->w, NULL, c->vcs_url);
		crk_jw_end_arr(x->w);
		crk_jw_end_obj(x->w);
		crk_jw_end_arr(x->w);
	}
	write_verified(x, c->hashes, c->nhashes);
	if (x->compagent[i] != SIZE_MAX) {
		crk_jw_begin_arr(x->w, "originatedBy");
		crk_jw_str(x->w, NULL, agent_iri(x, x->compagent[i]));
		crk_jw_end_arr(x->w);
	}
	if (x->compsupplier[i] != SIZE_MAX)
		crk_jw_str(x->w, "suppliedBy", agent_iri(x, x->compsupplier[i]));
	crk_jw_str(x->w, "software_primaryPurpose", "library");
	if (c->copyright && *c->copyright)
		crk_jw_str(x->w, "software_copyrightText", c->copyright);
	if (dl_ok)
		crk_jw_str(x->w, "software_downloadLocation", c->download_url);
	if (c->purl)
		crk_jw_str(x->w, "software_packageUrl", c->purl);
	crk_jw_str(x->w, "software_packageVersion", c->version);
	crk_jw_end_obj(x->w);
}

/* BSI: the deployable file of a component (TR-03183-2 v2.1 §8.2: filename, hash, executable /
 * archive / structured as additional purposes). Returns 1 when written. */
static int write_file(struct s3 *x, size_t i)
{
	const struct crk_component *c = crk_bom_get(x->bom, i);
	const char *fname = crk_writer_filename(c, &x->fname);
	unsigned kind;
	if (!fname)
		return 0;
	kind = crk_writer_file_kind(c, fname);
	begin_element(x, "software_File", iri(x, "file-%s", pkg_local(x, i)));
	crk_jw_str(x->w, "name", fname);
	if (kind & CRK_FILE_KNOWN)
		crk_jw_str(x->w, "comment", S3_BSI_COMMENT);
	if (c->download_url && crk_writer_url_ok(c->download_url)) {
		crk_jw_begin_arr(x->w, "externalRef");
		crk_jw_begin_obj(x->w, NULL);
		crk_jw_str(x->w, "type", "ExternalRef");
		crk_jw_str(x->w, "externalRefType", "binaryArtifact");
		crk_jw_begin_arr(x->w, "locator");
		crk_jw_str(x->w, NULL, c->download_url);
		crk_jw_end_arr(x->w);
		crk_jw_end_obj(x->w);
		crk_jw_end_arr(x->w);
	}
	write_verified(x, c->hashes, c->nhashes);
	if (kind & CRK_FILE_KNOWN) {
		crk_jw_begin_arr(x->w, "software_additionalPurpose");
		if (kind & CRK_FILE_ARCHIVE)
			crk_jw_str(x->w, NULL, "archive");
		crk_jw_str(x->w, NULL, kind & CRK_FILE_STRUCTURED ? "container" : "firmware");
		if (kind & CRK_FILE_EXECUTABLE)
			crk_jw_str(x->w, NULL, "executable");
		crk_jw_end_arr(x->w);
	}
	crk_jw_str(x->w, "software_primaryPurpose", "file");
	crk_jw_end_obj(x->w);
	return 1;
}

static void write_root(struct s3 *x)
{
	const struct crk_bom_meta *m = x->m;
	begin_element(x, "software_Package", iri(x, "root"));
	crk_jw_str(x->w, "name", m->name && *m->name ? m->name : "unnamed");
	if (m->image_id) {
		crk_jw_key(x->w, "comment");
		crk_strbuf_adds(x->w->sb, "\"container image ");
		crk_strbuf_add_json_str(x->w->sb, m->image_id, strlen(m->image_id));
		if (m->image_platform) {
			crk_strbuf_adds(x->w->sb, ", platform ");
			crk_strbuf_add_json_str(x->w->sb, m->image_platform,
						strlen(m->image_platform));
		}
		crk_strbuf_addch(x->w->sb, '"');
	}
	write_verified(x, m->root_hashes, m->nroot_hashes);
	if (x->bsi && x->sbomagent != SIZE_MAX) {
		crk_jw_begin_arr(x->w, "originatedBy");
		crk_jw_str(x->w, NULL, agent_iri(x, x->sbomagent));
		crk_jw_end_arr(x->w);
	}
	crk_jw_str(x->w, "software_primaryPurpose", m->image_id ? "container" : "application");
	crk_jw_str(x->w, "software_packageVersion", m->version);
	crk_jw_end_obj(x->w);
	if (x->bsi && m->root_filename) {
		unsigned kind = m->root_file_kind;
		begin_element(x, "software_File", iri(x, "file-root"));
		crk_jw_str(x->w, "name", m->root_filename);
		if (kind & CRK_FILE_KNOWN)
			crk_jw_str(x->w, "comment", S3_BSI_COMMENT);
		write_verified(x, m->root_hashes, m->nroot_hashes);
		if (kind & CRK_FILE_KNOWN) {
			crk_jw_begin_arr(x->w, "software_additionalPurpose");
			if (kind & CRK_FILE_ARCHIVE)
				crk_jw_str(x->w, NULL, "archive");
			crk_jw_str(x->w, NULL, kind & CRK_FILE_STRUCTURED ? "container" : "firmware");
			if (kind & CRK_FILE_EXECUTABLE)
				crk_jw_str(x->w, NULL, "executable");
			crk_jw_end_arr(x->w);
		}
		crk_jw_str(x->w, "software_primaryPurpose", "file");
		crk_jw_end_obj(x->w);
	}
}

/* ---- relationships ---- */

/* Begins a Relationship (or LifecycleScopedRelationship with `scope`) from `from`. */
static void begin_rel(struct s3 *x, const char *from, const char *type, const char *scope)
{
	char *f = crk_strdup(from); /* `from` may live in x->tmp, which iri() overwrites */
	if (!f) {
		x->oom = 1;
		f = (char *)"";
	}
	begin_element(x, scope ? "LifecycleScopedRelationship" : "Relationship",
		      iri(x, "rel-%zu", ++x->nrel));
	crk_jw_str(x->w, "from", f);
	crk_jw_str(x->w, "relationshipType", type);
	if (scope)
		crk_jw_str(x->w, "scope", scope);
	if (*f)
		crk_free(f);
}

static const char *completeness(enum crk_deps d)
{
	switch (d) {
	case CRK_DEPS_COMPLETE: return "complete";
	case CRK_DEPS_INCOMPLETE: return "incomplete";
	case CRK_DEPS_UNKNOWN: break;
	}
	return "noAssertion";
}

/* The product's relationship of one kind to its direct dependencies of `scope`, when any. */
static void root_rel(struct s3 *x, enum crk_scope scope, const char *type, const char *lifecycle)
{
	size_t i, nroots, any = 0;
	const size_t *roots = crk_bom_roots(x->bom, &nroots);
	for (i = 0; i < nroots; i++)
		if (roots[i] < x->n && crk_bom_get(x->bom, roots[i])->scope == scope)
			any++;
	if (!any && scope != CRK_SCOPE_REQUIRED)
		return;
	begin_rel(x, iri(x, "root"), type, lifecycle);
	crk_jw_begin_arr(x->w, "to");
	if (!any)
		crk_jw_str(x->w, NULL, S3_NOASSERTION);
	for (i = 0; i < nroots; i++)
		if (roots[i] < x->n && crk_bom_get(x->bom, roots[i])->scope == scope &&
		    (i == 0 || roots[i] != roots[i - 1]))
			crk_jw_str(x->w, NULL, iri(x, "%s", pkg_local(x, roots[i])));
	crk_jw_end_arr(x->w);
	/* the product's direct dependencies come from manifests crakit may not all read */
	crk_jw_str(x->w, "completeness", "noAssertion");
	crk_jw_end_obj(x->w);
}

static void write_relationships(struct s3 *x, const int *has_file)
{
	size_t i, j, any;
	root_rel(x, CRK_SCOPE_REQUIRED, "dependsOn", NULL);
	root_rel(x, CRK_SCOPE_OPTIONAL, "hasOptionalDependency", NULL);
	root_rel(x, CRK_SCOPE_DEV, "dependsOn", "development");
	for (i = 0, any = 0; i < x->n; i++)
		any += !(x->rel[i] & REL_PARENT);
	if (any) {
		/* found in the tree, but nothing says what needs it (an installed OS package) */
		begin_rel(x, iri(x, "root"), "contains", NULL);
		crk_jw_begin_arr(x->w, "to");
		for (i = 0; i < x->n; i++)
			if (!(x->rel[i] & REL_PARENT))
				crk_jw_str(x->w, NULL, iri(x, "%s", pkg_local(x, i)));
		crk_jw_end_arr(x->w);
		crk_jw_end_obj(x->w);
	}
	if (x->rootlic != SIZE_MAX) {
		begin_rel(x, iri(x, "root"), "hasDeclaredLicense", NULL);
		crk_jw_begin_arr(x->w, "to");
		crk_jw_str(x->w, NULL, lic_iri(x, x->rootlic));
		crk_jw_end_arr(x->w);
		crk_jw_end_obj(x->w);
		if (x->bsi) {
			begin_rel(x, iri(x, "root"), "hasConcludedLicense", NULL);
			crk_jw_begin_arr(x->w, "to");
			crk_jw_str(x->w, NULL, lic_iri(x, x->rootlic));
			crk_jw_end_arr(x->w);
			crk_jw_end_obj(x->w);
		}
	}
	if (x->bsi && x->m->root_filename) {
		begin_rel(x, iri(x, "root"), "hasDistributionArtifact", NULL);
		crk_jw_begin_arr(x->w, "to");
		crk_jw_str(x->w, NULL, iri(x, "file-root"));
		crk_jw_end_arr(x->w);
		crk_jw_str(x->w, "completeness", "complete");
		crk_jw_end_obj(x->w);
	}
	for (i = 0; i < x->n; i++) {
		const struct crk_component *c = crk_bom_get(x->bom, i);
		char *from = crk_strdup(iri(x, "%s", pkg_local(x, i)));
		if (!from) {
			x->oom = 1;
			return;
		}
		/* its dependencies, with how complete the list is (stated even when empty) */
		begin_rel(x, from, "dependsOn", NULL);
		crk_jw_begin_arr(x->w, "to");
		for (j = 0, any = 0; j < c->ndeps; j++)
			if (c->deps[j] < x->n && (j == 0 || c->deps[j] != c->deps[j - 1])) {
				crk_jw_str(x->w, NULL, iri(x, "%s", pkg_local(x, c->deps[j])));
				any++;
			}
		if (!any)
			crk_jw_str(x->w, NULL,
				   c->completeness == CRK_DEPS_COMPLETE ? S3_NONE : S3_NOASSERTION);
		crk_jw_end_arr(x->w);
		crk_jw_str(x->w, "completeness", completeness(c->completeness));
		crk_jw_end_obj(x->w);
		if (x->complic[i] != SIZE_MAX) {
			begin_rel(x, from, "hasDeclaredLicense", NULL);
			crk_jw_begin_arr(x->w, "to");
			crk_jw_str(x->w, NULL, lic_iri(x, x->complic[i]));
			crk_jw_end_arr(x->w);
			crk_jw_end_obj(x->w);
			if (x->bsi) {
				/* the distribution licence: the creator's (docs/bsi-tr-03183-2.md) */
				begin_rel(x, from, "hasConcludedLicense", NULL);
				crk_jw_begin_arr(x->w, "to");
				crk_jw_str(x->w, NULL, lic_iri(x, x->complic[i]));
				crk_jw_end_arr(x->w);
				crk_jw_end_obj(x->w);
			}
		}
		if (has_file[i]) {
			begin_rel(x, from, "hasDistributionArtifact", NULL);
			crk_jw_begin_arr(x->w, "to");
			crk_jw_str(x->w, NULL, iri(x, "file-%s", pkg_local(x, i)));
			crk_jw_end_arr(x->w);
			crk_jw_str(x->w, "completeness", "complete");
			crk_jw_end_obj(x->w);
		}
		crk_free(from);
	}
}

static void write_licences(struct s3 *x)
{
	size_t k, r;
	for (k = 0; k < x->nlics; k++) {
		const char *e = x->lics.buf + x->licoff[k];
		begin_element(x, "simplelicensing_LicenseExpression", lic_iri(x, k));
		crk_jw_str(x->w, "simplelicensing_licenseExpression", e);
		if (crk_spdx_has_ref(e)) {
			/* each LicenseRef of crakit's points at the element holding its words */
			crk_jw_begin_arr(x->w, "simplelicensing_customIdToUri");
			for (r = 0; r < x->nrefs; r++) {
				const char *id = x->refs.buf + x->refoff[r];
				const char *p = strstr(e, id);
				size_t il = strlen(id);
				if (!p || (p[il] && p[il] != ' ' && p[il] != ')'))
					continue;
				crk_jw_begin_obj(x->w, NULL);
				crk_jw_str(x->w, "type", "DictionaryEntry");
				crk_jw_str(x->w, "key", id);
				crk_jw_str(x->w, "value",
					   iri(x, "text-%016llx",
					       (unsigned long long)crk_hash_bytes(id, il)));
				crk_jw_end_obj(x->w);
			}
			crk_jw_end_arr(x->w);
		}
		crk_jw_end_obj(x->w);
	}
	for (r = 0; r < x->nrefs; r++) {
		const char *id = x->refs.buf + x->refoff[r];
		const char *text = id + strlen(id) + 1;
		begin_element(x, "simplelicensing_SimpleLicensingText",
			      iri(x, "text-%016llx",
				  (unsigned long long)crk_hash_bytes(id, strlen(id))));
		crk_jw_str(x->w, "name", id);
		crk_jw_str(x->w, "comment", "the licence as the package metadata names it; it is "
					    "not on the SPDX License List");
		crk_jw_str(x->w, "simplelicensing_licenseText", text);
		crk_jw_end_obj(x->w);
	}
}

/* An element list ("element" of the Sbom / SpdxDocument): every IRI written but `skip`. */
static void write_element_list(struct s3 *x, const char *key, const char *skip)
{
	size_t off = 0;
	crk_jw_begin_arr(x->w, key);
	while (off < x->elements.len) {
		const char *e = x->elements.buf + off;
		off += strlen(e) + 1;
		if (!skip || strcmp(e, skip) != 0)
			crk_jw_str(x->w, NULL, e);
	}
	crk_jw_end_arr(x->w);
}

/* ---- the document ---- */

static void collect(struct s3 *x)
{
	const struct crk_party *cr;
	size_t i, j, nroots;
	const size_t *roots = crk_bom_roots(x->bom, &nroots);
	for (i = 0; i < nroots; i++)
		if (roots[i] < x->n)
			x->rel[roots[i]] |= REL_ROOT | REL_PARENT;
	for (i = 0; i < x->n; i++) {
		const struct crk_component *c = crk_bom_get(x->bom, i);
		struct crk_writer_contact ct;
		for (j = 0; j < c->ndeps; j++)
			if (c->deps[j] < x->n)
				x->rel[c->deps[j]] |= REL_PARENT;
		x->complic[i] = licence_index(x, c->license);
		x->compagent[i] = SIZE_MAX;
		x->compsupplier[i] = SIZE_MAX;
		/* originatedBy: the creator with a contact (BSI), else the author as named */
		if (crk_writer_creator(c, &ct))
			x->compagent[i] = agent_index(x, ct.name, ct.name_len, ct.email, ct.email_len,
						      ct.url, 0);
		else if (c->author && *c->author)
			x->compagent[i] = agent_index(x, c->author, strlen(c->author), NULL, 0,
						      NULL, 0);
		if (c->supplier && *c->supplier)
			x->compsupplier[i] = agent_index(x, c->supplier, strlen(c->supplier), NULL,
							 0, NULL, 1);
	}
	x->rootlic = x->m->product ? licence_index(x, x->m->product->license) : SIZE_MAX;
	cr = crk_writer_sbom_creator(x->bom);
	x->sbomagent = cr ? agent_index(x, cr->name, cr->name ? strlen(cr->name) : 0, cr->email,
					cr->email ? strlen(cr->email) : 0, cr->url,
					cr->organization)
			  : SIZE_MAX;
}

static int s3_write(struct crk_strbuf *out, const struct crk_bom *bom,
		    const struct crk_write_opts *opts, struct crk_err *err)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)bom);
	const char *name = m->name && *m->name ? m->name : "unnamed";
	struct s3 x;
	struct crk_jw w;
	char ts[32], uuid[37];
	int *has_file = NULL, rc = CRK_OK;
	size_t i;

	memset(&x, 0, sizeof(x));
	x.bom = bom;
	x.m = m;
	x.w = &w;
	x.n = crk_bom_count(bom);
	x.bsi = opts && opts->profile == CRK_PROFILE_BSI;
	crk_strbuf_init(&x.ns, 0);
	crk_strbuf_init(&x.ids, 0);
	crk_strbuf_init(&x.lics, 0);
	crk_strbuf_init(&x.refs, 0);
	crk_strbuf_init(&x.agentbuf, 0);
	crk_strbuf_init(&x.elements, 0);
	crk_strbuf_init(&x.tmp, 0);
	crk_strbuf_init(&x.fname, 0);
	crk_map_init(&x.licmap);
	crk_map_init(&x.refmap);
	crk_map_init(&x.agentmap);
	crk_arena_init(&x.keys);
	x.idoff = crk_calloc(x.n ? x.n : 1, sizeof(*x.idoff));
	x.complic = crk_calloc(x.n ? x.n : 1, sizeof(*x.complic));
	x.compagent = crk_calloc(x.n ? x.n : 1, sizeof(*x.compagent));
	x.compsupplier = crk_calloc(x.n ? x.n : 1, sizeof(*x.compsupplier));
	x.rel = crk_calloc(x.n ? x.n : 1, 1);
	has_file = crk_calloc(x.n ? x.n : 1, sizeof(*has_file));
	if (!x.idoff || !x.complic || !x.compagent || !x.compsupplier || !x.rel || !has_file ||
	    crk_writer_package_ids(x.bom, x.n, "pkg-", S3_NAME_MAX, &x.ids, x.idoff, &x.tmp)) {
		rc = CRK_ENOMEM;
		goto out;
	}
	crk_writer_timestamp(bom, ts);
	crk_writer_uuid(bom, uuid);
	crk_strbuf_adds(&x.ns, "https://crakit.invalid/spdxdocs/");
	crk_writer_add_sanitised(&x.ns, name, S3_NAME_MAX);
	crk_strbuf_addf(&x.ns, "-%s#", uuid);
	collect(&x);
	if (x.oom || !crk_strbuf_ok(&x.ns)) {
		rc = CRK_ENOMEM;
		goto out;
	}

	crk_jw_init(&w, out, opts && opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "@context", S3_CONTEXT);
	crk_jw_begin_arr(&w, "@graph");
	/* when and by whom: the SBOM's creator (BSI §5.2.1), else the tool */
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "type", "CreationInfo");
	crk_jw_str(&w, "@id", S3_CI);
	crk_jw_str(&w, "created", ts);
	crk_jw_begin_arr(&w, "createdBy");
	crk_jw_str(&w, NULL,
		   x.sbomagent != SIZE_MAX ? agent_iri(&x, x.sbomagent) : iri(&x, "tool-crakit"));
	crk_jw_end_arr(&w);
	crk_jw_begin_arr(&w, "createdUsing");
	crk_jw_str(&w, NULL, iri(&x, "tool-crakit"));
	crk_jw_end_arr(&w);
	crk_jw_str(&w, "specVersion", "3.0.1");
	crk_jw_end_obj(&w);
	begin_element(&x, "Tool", iri(&x, "tool-crakit"));
	crk_strbuf_reset(&x.fname);
	crk_strbuf_addf(&x.fname, "%s %s", m->tool_name && *m->tool_name ? m->tool_name : "crakit",
			m->tool_version ? m->tool_version : CRAKIT_VERSION);
	crk_jw_str(&w, "name", x.fname.buf);
	crk_jw_end_obj(&w);
	for (i = 0; i < x.nagents; i++)
		write_agent(&x, i);
	write_root(&x);
	for (i = 0; i < x.n && !x.oom; i++)
		write_package(&x, i);
	if (x.bsi)
		for (i = 0; i < x.n && !x.oom; i++)
			has_file[i] = write_file(&x, i);
	write_licences(&x);
	write_relationships(&x, has_file);
	/* the SBOM and the document, which list every element above */
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "type", "software_Sbom");
	crk_jw_str(&w, "spdxId", iri(&x, "sbom"));
	crk_jw_str(&w, "creationInfo", S3_CI);
	write_element_list(&x, "element", NULL);
	crk_jw_begin_arr(&w, "rootElement");
	crk_jw_str(&w, NULL, iri(&x, "root"));
	crk_jw_end_arr(&w);
	crk_jw_begin_arr(&w, "software_sbomType");
	crk_jw_str(&w, NULL, "analyzed");
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	iri(&x, "sbom");
	crk_strbuf_add(&x.elements, x.tmp.buf, x.tmp.len + 1);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "type", "SpdxDocument");
	crk_jw_str(&w, "spdxId", iri(&x, "document"));
	crk_jw_str(&w, "creationInfo", S3_CI);
	crk_jw_str(&w, "name", name);
	write_element_list(&x, "element", NULL);
	crk_jw_begin_arr(&w, "profileConformance");
	crk_jw_str(&w, NULL, "core");
	crk_jw_str(&w, NULL, "simpleLicensing");
	crk_jw_str(&w, NULL, "software");
	crk_jw_end_arr(&w);
	crk_jw_begin_arr(&w, "rootElement");
	crk_jw_str(&w, NULL, iri(&x, "sbom"));
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	if (x.oom || !crk_strbuf_ok(&x.tmp) || !crk_strbuf_ok(&x.elements) ||
	    !crk_strbuf_ok(&x.fname) || !crk_strbuf_ok(&x.refs) || !crk_strbuf_ok(&x.agentbuf))
		rc = CRK_ENOMEM;
out:
	crk_strbuf_release(&x.ns);
	crk_strbuf_release(&x.ids);
	crk_strbuf_release(&x.lics);
	crk_strbuf_release(&x.refs);
	crk_strbuf_release(&x.agentbuf);
	crk_strbuf_release(&x.elements);
	crk_strbuf_release(&x.tmp);
	crk_strbuf_release(&x.fname);
	crk_map_release(&x.licmap);
	crk_map_release(&x.refmap);
	crk_map_release(&x.agentmap);
	crk_arena_release(&x.keys);
	crk_free(x.idoff);
	crk_free(x.complic);
	crk_free(x.compagent);
	crk_free(x.compsupplier);
	crk_free(x.rel);
	crk_free(x.licoff);
	crk_free(x.refoff);
	crk_free(x.agents);
	crk_free(x.hashes);
	crk_free(has_file);
	if (rc || !crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				   "cannot write spdx3-json: out of memory or larger than %zu bytes",
				   out->max);
	return CRK_OK;
}

const struct crk_writer crk_writer_spdx3_json = {
	.name = "spdx3-json",
	.description = "SPDX 3.0.1 JSON-LD",
	.extension = ".spdx3.json",
	.write = s3_write,
	.profiles = 1u << CRK_PROFILE_BSI,
};
