/*
 * spdx_json.c - the "spdx-json" writer: SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/,
 * schema corpus/sbom/spdx/schema/spdx-2.3.schema.json).
 *
 * One package per component plus a root package for the product ("SPDXRef-Root"), which the
 * document DESCRIBES. Streamed with the JSON writer of writers.c, deterministic like cdx_json.c.
 * The mapping and the choices are in docs/formats.md; in short:
 *  - SPDXIDs are "SPDXRef-Package-<type>-<name>-<16 hex>": the type and display name reduced to
 *    [A-Za-z0-9.-] for a person to read, and a 64-bit FNV-1a hash of the bom-ref (the canonical
 *    purl) for uniqueness, so a package keeps its SPDXID from one document to the next. Should
 *    two ids ever coincide, the whole document falls back to "SPDXRef-Package-<index>-<name>"
 *    ids, which are unique by construction;
 *  - relationships: the root DEPENDS_ON each direct dependency of scope required; a direct
 *    dependency of scope optional or dev is OPTIONAL_DEPENDENCY_OF / DEV_DEPENDENCY_OF the root
 *    (SPDX 2.3 §11.1); each component DEPENDS_ON its dependencies; a component that nothing
 *    depends on and that is not direct (e.g. an installed Debian package) is CONTAINed by the
 *    root, so no package is left unrelated;
 *  - documentNamespace "https://crakit.invalid/spdxdocs/<name>-<uuid>": .invalid (RFC 2606)
 *    never resolves, as SPDX allows, and the uuid is crk_writer_uuid(), the CycloneDX serial.
 */
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

#define SPDX_ROOT_ID "SPDXRef-Root"
#define SPDX_NAME_MAX 64      /* characters of a name kept in an SPDXID */
#define SPDX_SOURCEINFO_MAX 10 /* occurrences listed in sourceInfo */

struct spdx_ctx {
	const struct crk_bom *bom;
	size_t n;
	struct crk_strbuf ids; /* every package's SPDXID, NUL-separated */
	size_t *idoff;         /* offset of component i's SPDXID in ids */
	unsigned char *rel;    /* per component: REL_ROOT, REL_PARENT */
	struct crk_strbuf tmp;
	const struct crk_hash **hashes;
	size_t hashalloc;
	const struct crk_occurrence **occ;
	size_t occalloc;
	/* LicenseRefs the licences needed (SPDX 2.3 §10): id -> original words, in the order met */
	struct crk_map refs;       /* keys in refkeys */
	struct crk_arena refkeys;
	struct crk_strbuf reftext; /* "id\0text\0" pairs */
	size_t *refoff;
	size_t nrefs, refalloc;
	int oom;
};

enum { REL_ROOT = 1, REL_PARENT = 2 };

/* Empties the scratch buffer, remembering a failed append first (a reset clears the flag). */
static void tmp_reset(struct spdx_ctx *x)
{
	if (!crk_strbuf_ok(&x->tmp))
		x->oom = 1;
	crk_strbuf_reset(&x->tmp);
}

static const char *id_of(const struct spdx_ctx *x, size_t i)
{
	return x->ids.buf + x->idoff[i];
}

static int cmp_occ(const void *a, const void *b)
{
	const struct crk_occurrence *x = *(const struct crk_occurrence *const *)a;
	const struct crk_occurrence *y = *(const struct crk_occurrence *const *)b;
	int r = strcmp(x->path, y->path);
	return r ? r : (x->line < y->line ? -1 : x->line > y->line);
}

/* "found by npm/package-lock in app/package-lock.json:12, web/package-lock.json:40" */
static void write_source_info(struct crk_jw *w, struct spdx_ctx *x, const struct crk_component *c)
{
	size_t i, shown = 0;
	struct crk_strbuf *t = &x->tmp;
	for (i = 0; i < c->nocc && !*c->occ[i].path; i++)
		;
	if (i == c->nocc)
		return; /* none, or only the empty paths of an SBOM read as input */
	if (CRK_GROW(x->occ, x->occalloc, c->nocc)) {
		x->oom = 1;
		return;
	}
	for (i = 0; i < c->nocc; i++)
		x->occ[i] = &c->occ[i];
	qsort(x->occ, c->nocc, sizeof(*x->occ), cmp_occ);
	tmp_reset(x);
	crk_strbuf_adds(t, "found");
	if (c->found_by)
		crk_strbuf_addf(t, " by %s", c->found_by);
	crk_strbuf_adds(t, " in ");
	for (i = 0; i < c->nocc; i++) {
		if ((i > 0 && cmp_occ(&x->occ[i - 1], &x->occ[i]) == 0) || !*x->occ[i]->path)
			continue;
		if (shown == SPDX_SOURCEINFO_MAX) {
			crk_strbuf_addf(t, " and %zu more", c->nocc - i);
			break;
		}
		if (shown++)
			crk_strbuf_adds(t, ", ");
		crk_strbuf_adds(t, x->occ[i]->path);
		if (x->occ[i]->line)
			crk_strbuf_addf(t, ":%u", x->occ[i]->line);
		if (x->occ[i]->layer)
			crk_strbuf_addf(t, " (layer %s)", x->occ[i]->layer);
	}
	crk_jw_str(w, "sourceInfo", t->buf);
}

static void write_checksums(struct crk_jw *w, struct spdx_ctx *x, const struct crk_component *c)
{
	size_t i, n = 0;
	char lower[129];
	if (!c->nhashes)
		return;
	if (CRK_GROW(x->hashes, x->hashalloc, c->nhashes)) {
		x->oom = 1;
		return;
	}
	for (i = 0; i < c->nhashes; i++)
		if (crk_writer_hash_ok(&c->hashes[i], NULL))
			x->hashes[n++] = &c->hashes[i];
	if (!n)
		return;
	qsort(x->hashes, n, sizeof(*x->hashes), crk_writer_hash_cmp);
	crk_jw_begin_arr(w, "checksums");
	for (i = 0; i < n; i++) {
		const char *alg = NULL;
		size_t k;
		if (i > 0 && crk_writer_hash_cmp(&x->hashes[i - 1], &x->hashes[i]) == 0)
			continue;
		crk_writer_hash_ok(x->hashes[i], &alg);
		for (k = 0; x->hashes[i]->value[k] && k < sizeof(lower) - 1; k++) {
			char ch = x->hashes[i]->value[k];
			lower[k] = (ch >= 'A' && ch <= 'F') ? (char)(ch - 'A' + 'a') : ch;
		}
		lower[k] = '\0';
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "algorithm", alg);
		crk_jw_str(w, "checksumValue", lower);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
}

/* "Organization: X" / "Person: X (email)": SPDX's agent syntax (§7.5), the prefix ours; the
 * usual "Name <email>" of package metadata becomes "Name (email)". */
static void write_agent(struct crk_jw *w, const char *key, const char *kind, const char *who)
{
	size_t nlen, elen;
	const char *email;
	crk_jw_key(w, key);
	crk_strbuf_addch(w->sb, '"');
	crk_strbuf_adds(w->sb, kind);
	if (crk_writer_split_contact(who, &nlen, &email, &elen)) {
		crk_strbuf_add_json_str(w->sb, who, nlen);
		crk_strbuf_adds(w->sb, " (");
		crk_strbuf_add_json_str(w->sb, email, elen);
		crk_strbuf_addch(w->sb, ')');
	} else {
		crk_strbuf_add_json_str(w->sb, who, strlen(who));
	}
	crk_strbuf_addch(w->sb, '"');
}

/* The SPDX download location of a git dependency: the URL, pinned with "@<commit>" (§7.7's
 * "<vcs_tool>+<transport>://<host>/<path>@<revision>") when it carries no revision yet. */
/* Records a LicenseRef made by crk_writer_license() and its words, once per id. */
static void note_ref(void *ud, const char *id, const char *text, size_t n)
{
	struct spdx_ctx *x = ud;
	size_t off = x->reftext.len, idlen = strlen(id);
	const char *key;
	if (crk_map_get(&x->refs, id, idlen))
		return;
	key = crk_arena_strndup(&x->refkeys, id, idlen);
	if (!key || CRK_GROW(x->refoff, x->refalloc, x->nrefs + 1) ||
	    crk_map_put(&x->refs, key, idlen, (void *)key)) {
		x->oom = 1;
		return;
	}
	crk_strbuf_add(&x->reftext, id, idlen + 1);
	crk_strbuf_add(&x->reftext, text, n);
	crk_strbuf_addch(&x->reftext, '\0');
	if (!crk_strbuf_ok(&x->reftext)) {
		x->oom = 1;
		return;
	}
	x->refoff[x->nrefs++] = off;
}

/* licenseDeclared: the licence normalised to an SPDX expression (crk_writer_license: common
 * spellings mapped, words the SPDX list lacks as "LicenseRef-crakit-..." whose text, the words
 * of the package metadata, goes in hasExtractedLicensingInfos, SPDX 2.3 §10). Nothing is
 * dropped; NONE and NOASSERTION stay themselves. */
static void define_refs(struct spdx_ctx *x, const char *expr);

static void write_license_declared(struct crk_jw *w, struct spdx_ctx *x, const char *lic)
{
	struct crk_strbuf canon = CRK_STRBUF_INIT(0);
	if (!lic || !*lic || strcmp(lic, "NONE") == 0 || strcmp(lic, "NOASSERTION") == 0) {
		crk_jw_str(w, "licenseDeclared", lic && *lic ? lic : "NOASSERTION");
		return;
	}
	if (crk_writer_license(lic, &canon, note_ref, x) == CRK_SPDX_INVALID) {
		crk_jw_str(w, "licenseDeclared", "NOASSERTION");
	} else {
		crk_jw_str(w, "licenseDeclared", canon.buf);
		define_refs(x, canon.buf);
	}
	if (!crk_strbuf_ok(&canon))
		w->sb->failed = 1;
	crk_strbuf_release(&canon);
}

/* The words behind each LicenseRef, after the packages (SPDX 2.3 §10.1-10.3). */
static void write_extracted(struct crk_jw *w, struct spdx_ctx *x)
{
	size_t i;
	if (!x->nrefs)
		return;
	crk_jw_begin_arr(w, "hasExtractedLicensingInfos");
	for (i = 0; i < x->nrefs; i++) {
		const char *id = x->reftext.buf + x->refoff[i];
		const char *text = id + strlen(id) + 1;
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "licenseId", id);
		crk_jw_str(w, "extractedText", text);
		crk_jw_str(w, "name", text);
		crk_jw_str(w, "comment", "the licence as the package metadata names it; it is not on "
					 "the SPDX License List");
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
}

/* Every LicenseRef of a written expression must be defined (SPDX 2.3 §10): those crakit made
 * are (note_ref); for others (an input SBOM's, a package's own "LicenseRef-x") the text comes
 * from meta.license_texts, else a placeholder saying the text was not given. */
static void define_refs(struct spdx_ctx *x, const char *expr)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)x->bom);
	const char *p = expr, *q;
	char id[256];
	size_t n, i;
	while ((q = strstr(p, "LicenseRef-")) != NULL) {
		const char *text = "NOASSERTION: the licence text was not given where crakit read "
				   "this licence";
		n = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");
		p = q + n;
		if ((q > expr && q[-1] == ':') || n >= sizeof(id))
			continue; /* DocumentRef-x:LicenseRef-y is defined in that document */
		memcpy(id, q, n);
		id[n] = '\0';
		for (i = 0; i < m->nlicense_texts; i++)
			if (strcmp(m->license_texts[i].key, id) == 0)
				text = m->license_texts[i].value;
		note_ref(x, id, text, strlen(text));
	}
}

/* licenseConcluded (what an SBOM read as input concluded), written like licenseDeclared. */
static void write_license_concluded(struct crk_jw *w, struct spdx_ctx *x, const char *lic)
{
	struct crk_strbuf canon = CRK_STRBUF_INIT(0);
	if (!lic || !*lic || strcmp(lic, "NONE") == 0 || strcmp(lic, "NOASSERTION") == 0) {
		crk_jw_str(w, "licenseConcluded", lic && *lic ? lic : "NOASSERTION");
		return;
	}
	if (crk_writer_license(lic, &canon, note_ref, x) == CRK_SPDX_INVALID) {
		crk_jw_str(w, "licenseConcluded", "NOASSERTION");
	} else {
		crk_jw_str(w, "licenseConcluded", canon.buf);
		define_refs(x, canon.buf);
	}
	if (!crk_strbuf_ok(&canon))
		w->sb->failed = 1;
	crk_strbuf_release(&canon);
}

/* A party of an SBOM read as input as an SPDX agent: "Organization: name (email)". */
static void write_party_agent(struct crk_jw *w, const char *key, const struct crk_party *p)
{
	crk_jw_key(w, key);
	crk_strbuf_addch(w->sb, '"');
	crk_strbuf_adds(w->sb, p->organization ? "Organization: " : "Person: ");
	crk_strbuf_add_json_str(w->sb, p->name ? p->name : "", p->name ? strlen(p->name) : 0);
	if (p->email && *p->email) { /* SPDX 2.3 §6.8: the email in parentheses */
		crk_strbuf_adds(w->sb, " (");
		crk_strbuf_add_json_str(w->sb, p->email, strlen(p->email));
		crk_strbuf_addch(w->sb, ')');
	}
	crk_strbuf_addch(w->sb, '"');
}

static const struct crk_party *party(const struct crk_party *v, size_t n, enum crk_party_role r)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i].role == r && v[i].name && *v[i].name)
			return &v[i];
	return NULL;
}

/* primaryPackagePurpose for a CycloneDX type (crk_component.kind). */
static const char *purpose(const char *kind, const char *dflt)
{
	static const struct {
		const char *cdx, *spdx;
	} t[] = {
		{"application", "APPLICATION"}, {"framework", "FRAMEWORK"},
		{"library", "LIBRARY"},		{"container", "CONTAINER"},
		{"operating-system", "OPERATING_SYSTEM"}, {"device", "DEVICE"},
		{"firmware", "FIRMWARE"},	{"file", "FILE"},
	};
	size_t i;
	for (i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(kind, t[i].cdx) == 0)
			return t[i].spdx;
	return kind ? "OTHER" : dflt;
}

/* The supplier and originator of a package. */
static void write_suppliers(struct crk_jw *w, const struct crk_component *c)
{
	const struct crk_party *sp = party(c->parties, c->nparties, CRK_PARTY_SUPPLIER);
	const struct crk_party *op = party(c->parties, c->nparties, CRK_PARTY_MANUFACTURER);
	if (!op)
		op = party(c->parties, c->nparties, CRK_PARTY_AUTHOR);
	if (sp && sp->email)
		write_party_agent(w, "supplier", sp);
	else if (c->supplier && *c->supplier)
		write_agent(w, "supplier", "Organization: ", c->supplier);
	else
		crk_jw_str(w, "supplier", "NOASSERTION");
	if (c->author && *c->author)
		write_agent(w, "originator", "Person: ", c->author);
	else if (op)
		write_party_agent(w, "originator", op);
}

/* The first "website" external reference, as SPDX's homepage. */
static void write_homepage(struct crk_jw *w, const struct crk_component *c)
{
	size_t i;
	for (i = 0; i < c->next_refs; i++)
		if (strcmp(c->ext_refs[i].key, "website") == 0 &&
		    crk_writer_url_ok(c->ext_refs[i].value)) {
			crk_jw_str(w, "homepage", c->ext_refs[i].value);
			return;
		}
}

static void write_vcs_location(struct crk_jw *w, const struct crk_component *c)
{
	const char *slash = strrchr(c->vcs_url, '/');
	crk_jw_key(w, "downloadLocation");
	crk_strbuf_addch(w->sb, '"');
	crk_strbuf_add_json_str(w->sb, c->vcs_url, strlen(c->vcs_url));
	if (c->vcs_commit && *c->vcs_commit && slash && !strchr(slash, '@') &&
	    !strchr(c->vcs_url, '#')) {
		size_t k;
		int hex = 1;
		for (k = 0; c->vcs_commit[k]; k++)
			if (!strchr("0123456789abcdefABCDEF", c->vcs_commit[k]))
				hex = 0;
		if (hex) {
			crk_strbuf_addch(w->sb, '@');
			crk_strbuf_adds(w->sb, c->vcs_commit);
		}
	}
	crk_strbuf_addch(w->sb, '"');
}

static void write_package(struct crk_jw *w, struct spdx_ctx *x, size_t i)
{
	const struct crk_component *c = crk_bom_get(x->bom, i);
	const char *dl = NULL;

	if (c->download_url && crk_writer_url_ok(c->download_url))
		dl = c->download_url;
	else if (!(c->vcs_url && crk_writer_url_ok(c->vcs_url)))
		dl = "NOASSERTION";

	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "SPDXID", id_of(x, i));
	tmp_reset(x);
	crk_writer_display_name(&x->tmp, c);
	crk_jw_str(w, "name", x->tmp.buf);
	crk_jw_str(w, "versionInfo", c->version);
	if (c->filename && *c->filename && !strchr(c->filename, '/'))
		crk_jw_str(w, "packageFileName", c->filename);
	write_suppliers(w, c);
	if (dl)
		crk_jw_str(w, "downloadLocation", dl);
	else
		write_vcs_location(w, c);
	crk_jw_bool(w, "filesAnalyzed", 0);
	write_homepage(w, c);
	write_checksums(w, x, c);
	write_source_info(w, x, c);
	write_license_concluded(w, x, c->license_concluded);
	write_license_declared(w, x, c->license);
	crk_jw_str(w, "copyrightText", c->copyright && *c->copyright ? c->copyright : "NOASSERTION");
	if (c->description && *c->description)
		crk_jw_str(w, "description", c->description);
	if (c->scope != CRK_SCOPE_REQUIRED) {
		crk_jw_key(w, "comment");
		crk_strbuf_addf(w->sb, "\"scope: %s\"", crk_scope_str(c->scope));
	}
	if (c->purl || c->cpe) {
		crk_jw_begin_arr(w, "externalRefs");
		if (c->purl) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "referenceCategory", "PACKAGE-MANAGER");
			crk_jw_str(w, "referenceType", "purl");
			/* with upstream=<source package> for a deb/apk (no other field holds it) */
			crk_jw_str(w, "referenceLocator", crk_writer_purl_upstream(c, &x->tmp));
			crk_jw_end_obj(w);
		}
		if (c->cpe) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "referenceCategory", "SECURITY");
			crk_jw_str(w, "referenceType",
				   strncmp(c->cpe, "cpe:2.3:", 8) == 0 ? "cpe23Type" : "cpe22Type");
			crk_jw_str(w, "referenceLocator", c->cpe);
			crk_jw_end_obj(w);
		}
		crk_jw_end_arr(w);
	}
	crk_jw_str(w, "primaryPackagePurpose", purpose(c->kind, "LIBRARY"));
	crk_jw_end_obj(w);
}

static void write_rel(struct crk_jw *w, const char *from, const char *type, const char *to)
{
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "spdxElementId", from);
	crk_jw_str(w, "relationshipType", type);
	crk_jw_str(w, "relatedSpdxElement", to);
	crk_jw_end_obj(w);
}

static void write_relationships(struct crk_jw *w, struct spdx_ctx *x)
{
	size_t i, j;
	crk_jw_begin_arr(w, "relationships");
	write_rel(w, "SPDXRef-DOCUMENT", "DESCRIBES", SPDX_ROOT_ID);
	for (i = 0; i < x->n; i++) {
		const struct crk_component *c = crk_bom_get(x->bom, i);
		if (x->rel[i] & REL_ROOT) {
			if (c->scope == CRK_SCOPE_DEV)
				write_rel(w, id_of(x, i), "DEV_DEPENDENCY_OF", SPDX_ROOT_ID);
			else if (c->scope == CRK_SCOPE_OPTIONAL)
				write_rel(w, id_of(x, i), "OPTIONAL_DEPENDENCY_OF", SPDX_ROOT_ID);
			else
				write_rel(w, SPDX_ROOT_ID, "DEPENDS_ON", id_of(x, i));
		} else if (!(x->rel[i] & REL_PARENT)) {
			write_rel(w, SPDX_ROOT_ID, "CONTAINS", id_of(x, i));
		}
	}
	for (i = 0; i < x->n; i++) {
		const struct crk_component *c = crk_bom_get(x->bom, i);
		for (j = 0; j < c->ndeps; j++)
			if (c->deps[j] < x->n && (j == 0 || c->deps[j] != c->deps[j - 1]))
				write_rel(w, id_of(x, i), "DEPENDS_ON", id_of(x, c->deps[j]));
	}
	crk_jw_end_arr(w);
}

static void write_root(struct crk_jw *w, struct spdx_ctx *x, const struct crk_bom_meta *m)
{
	const struct crk_component *p = m->product; /* an SBOM read as input described it */
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "SPDXID", SPDX_ROOT_ID);
	crk_jw_str(w, "name", m->name && *m->name ? m->name : "unnamed");
	crk_jw_str(w, "versionInfo", m->version);
	if (p)
		write_suppliers(w, p);
	else
		crk_jw_str(w, "supplier", "NOASSERTION");
	crk_jw_str(w, "downloadLocation",
		   p && p->download_url && crk_writer_url_ok(p->download_url) ? p->download_url
									 : "NOASSERTION");
	crk_jw_bool(w, "filesAnalyzed", 0);
	if (p)
		write_homepage(w, p);
	write_license_concluded(w, x, p ? p->license_concluded : NULL);
	write_license_declared(w, x, p ? p->license : NULL);
	crk_jw_str(w, "copyrightText", p && p->copyright && *p->copyright ? p->copyright
									  : "NOASSERTION");
	if (p && p->description && *p->description)
		crk_jw_str(w, "description", p->description);
	if (p && (p->purl || p->cpe)) {
		crk_jw_begin_arr(w, "externalRefs");
		if (p->purl) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "referenceCategory", "PACKAGE-MANAGER");
			crk_jw_str(w, "referenceType", "purl");
			crk_jw_str(w, "referenceLocator", p->purl);
			crk_jw_end_obj(w);
		}
		if (p->cpe) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "referenceCategory", "SECURITY");
			crk_jw_str(w, "referenceType",
				   strncmp(p->cpe, "cpe:2.3:", 8) == 0 ? "cpe23Type" : "cpe22Type");
			crk_jw_str(w, "referenceLocator", p->cpe);
			crk_jw_end_obj(w);
		}
		crk_jw_end_arr(w);
	}
	if (m->image_id) {
		/* a container image: its id and platform, for a person to read */
		crk_jw_key(w, "comment");
		crk_strbuf_adds(w->sb, "\"container image ");
		crk_strbuf_add_json_str(w->sb, m->image_id, strlen(m->image_id));
		if (m->image_platform) {
			crk_strbuf_adds(w->sb, ", platform ");
			crk_strbuf_add_json_str(w->sb, m->image_platform, strlen(m->image_platform));
		}
		crk_strbuf_addch(w->sb, '"');
	}
	crk_jw_str(w, "primaryPackagePurpose",
		   m->image_id ? "CONTAINER" : purpose(p ? p->kind : NULL, "APPLICATION"));
	crk_jw_end_obj(w);
}

static int spdx_write(struct crk_strbuf *out, const struct crk_bom *bom,
		      const struct crk_write_opts *opts, struct crk_err *err)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)bom);
	const char *name = m->name && *m->name ? m->name : "unnamed";
	struct spdx_ctx x = {0};
	struct crk_jw w;
	char ts[32], uuid[37];
	const size_t *roots;
	size_t i, j, nroots;
	int rc = CRK_OK;

	x.bom = bom;
	x.n = crk_bom_count(bom);
	crk_strbuf_init(&x.ids, 0);
	crk_strbuf_init(&x.tmp, 0);
	crk_strbuf_init(&x.reftext, 0);
	crk_map_init(&x.refs);
	crk_arena_init(&x.refkeys);
	x.idoff = crk_calloc(x.n ? x.n : 1, sizeof(*x.idoff));
	x.rel = crk_calloc(x.n ? x.n : 1, 1);
	if (!x.idoff || !x.rel ||
	    crk_writer_package_ids(x.bom, x.n, "SPDXRef-Package-", SPDX_NAME_MAX, &x.ids, x.idoff,
				   &x.tmp)) {
		rc = CRK_ENOMEM;
		goto out;
	}
	roots = crk_bom_roots(bom, &nroots);
	for (i = 0; i < nroots; i++)
		if (roots[i] < x.n)
			x.rel[roots[i]] |= REL_ROOT | REL_PARENT;
	for (i = 0; i < x.n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		for (j = 0; j < c->ndeps; j++)
			if (c->deps[j] < x.n)
				x.rel[c->deps[j]] |= REL_PARENT;
	}

	crk_writer_timestamp(bom, ts);
	crk_writer_uuid(bom, uuid);
	crk_jw_init(&w, out, opts && opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "spdxVersion", "SPDX-2.3");
	crk_jw_str(&w, "dataLicense", "CC0-1.0");
	crk_jw_str(&w, "SPDXID", "SPDXRef-DOCUMENT");
	crk_jw_str(&w, "name", name);
	tmp_reset(&x);
	crk_strbuf_adds(&x.tmp, "https://crakit.invalid/spdxdocs/");
	crk_writer_add_sanitised(&x.tmp, name, SPDX_NAME_MAX);
	crk_strbuf_addf(&x.tmp, "-%s", uuid);
	crk_jw_str(&w, "documentNamespace", x.tmp.buf);
	crk_jw_begin_obj(&w, "creationInfo");
	crk_jw_str(&w, "created", ts);
	crk_jw_begin_arr(&w, "creators");
	tmp_reset(&x);
	crk_strbuf_addf(&x.tmp, "Tool: %s-%s", m->tool_name && *m->tool_name ? m->tool_name : "crakit",
			m->tool_version ? m->tool_version : CRAKIT_VERSION);
	crk_jw_str(&w, NULL, x.tmp.buf);
	for (i = 0; i < m->ntools; i++) {
		/* the tools and people that made an SBOM read as input */
		const char *self = m->tool_name && *m->tool_name ? m->tool_name : "crakit";
		if (strcmp(m->tools[i].key, self) == 0 &&
		    strcmp(m->tools[i].value ? m->tools[i].value : "",
			   m->tool_version ? m->tool_version : CRAKIT_VERSION) == 0)
			continue; /* the writer names itself already */
		tmp_reset(&x);
		if (m->tools[i].value && *m->tools[i].value)
			crk_strbuf_addf(&x.tmp, "Tool: %s-%s", m->tools[i].key, m->tools[i].value);
		else
			crk_strbuf_addf(&x.tmp, "Tool: %s", m->tools[i].key);
		crk_jw_str(&w, NULL, x.tmp.buf);
	}
	for (i = 0; i < m->nparties; i++)
		if (m->parties[i].role != CRK_PARTY_SUPPLIER && m->parties[i].name &&
		    *m->parties[i].name)
			write_party_agent(&w, NULL, &m->parties[i]);
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_begin_arr(&w, "packages");
	write_root(&w, &x, m);
	for (i = 0; i < x.n && !x.oom; i++)
		write_package(&w, &x, i);
	crk_jw_end_arr(&w);
	write_relationships(&w, &x);
	write_extracted(&w, &x);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	if (x.oom || !crk_strbuf_ok(&x.tmp))
		rc = CRK_ENOMEM;
out:
	crk_strbuf_release(&x.ids);
	crk_strbuf_release(&x.tmp);
	crk_free(x.idoff);
	crk_free(x.rel);
	crk_free(x.hashes);
	crk_free(x.occ);
	crk_map_release(&x.refs);
	crk_arena_release(&x.refkeys);
	crk_strbuf_release(&x.reftext);
	crk_free(x.refoff);
	if (rc || !crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				   "cannot write spdx-json: out of memory or larger than %zu bytes",
				   out->max);
	return CRK_OK;
}

const struct crk_writer crk_writer_spdx_json = {
	.name = "spdx-json",
	.description = "SPDX 2.3 JSON",
	.extension = ".spdx.json",
	.write = spdx_write,
};
