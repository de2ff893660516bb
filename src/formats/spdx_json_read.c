/*
 * spdx_json_read.c - reading SPDX 2.2 / 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/;
 * schema corpus/sbom/spdx/schema/spdx-2.3.schema.json) into a BOM, for sbom_read.c. The
 * document becomes a jansson tree and crk_spdx2_read_tree() walks it; the tag-value reader
 * (spdx_tv.c) builds the same tree, so both formats share every mapping decision below
 * (docs/formats.md, "Reading SBOMs"):
 *  - the product is the one package the document DESCRIBES (documentDescribes, a DESCRIBES
 *    relationship from SPDXRef-DOCUMENT, DESCRIBED_BY to it); when it describes several, each
 *    is a component and a direct dependency; when none, there is no product and no root edge;
 *  - each other package is a component: name, versionInfo, the purl and the first CPE of
 *    externalRefs, supplier and originator (agents "Organization: name (email)"), checksums,
 *    licenseDeclared (the text crakit's writer keeps in licenseComments when it could not be
 *    an expression comes back) and licenseConcluded, copyrightText, description (or summary),
 *    downloadLocation (a "git+..." location is the repository), homepage, primaryPackagePurpose,
 *    and crakit's own "scope: dev" comment; NOASSERTION and NONE are "not known";
 *  - relationships: DEPENDS_ON, CONTAINS, STATIC_LINK, DYNAMIC_LINK, HAS_PREREQUISITE and the
 *    inverses DEPENDENCY_OF, CONTAINED_BY, PREREQUISITE_FOR, *_DEPENDENCY_OF are edges; a
 *    package reached only through DEV_, BUILD_ or TEST_DEPENDENCY_OF is of scope dev, only
 *    through OPTIONAL_* of scope optional; other kinds (ANCESTOR_OF, GENERATED_FROM, ...) are
 *    counted as dropped;
 *  - files and snippets are counted as dropped; edges to and from them are left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/limits.h"
#include "base/map.h"
#include "formats/json_arena.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

struct sx {
	struct crk_sread *r;
	struct crk_err *err;
	struct crk_map scope;     /* SPDXID -> (void *)(scope + 1): the widest incoming edge */
	struct crk_map described; /* SPDXID -> itself */
	struct crk_map packages;  /* SPDXID -> package object */
	int oom;
};

static const char *jstr(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static unsigned jline(const json_t *o)
{
	json_t *v = json_object_get(o, "_line");
	return json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) < 0x7fffffff
		       ? (unsigned)json_integer_value(v)
		       : 0;
}

/* The value unless it is SPDX's "no information" (NOASSERTION, NONE, empty). */
static const char *known(const char *s)
{
	if (!s || !*s || strcmp(s, "NOASSERTION") == 0 || strcmp(s, "NONE") == 0)
		return NULL;
	return s;
}

static int oom(struct sx *x)
{
	return crk_err_set(x->err, CRK_ENOMEM, x->r->path, 0, 0, "out of memory");
}

enum edge_kind {
	E_NONE,     /* not a dependency */
	E_FWD,      /* A -> B */
	E_REV,      /* B -> A, A required */
	E_REV_DEV,  /* B -> A, A dev */
	E_REV_OPT,  /* B -> A, A optional */
	E_DESCRIBES,
	E_DESCRIBED_BY,
};

static enum edge_kind edge_kind(const char *t)
{
	static const struct {
		const char *type;
		enum edge_kind k;
	} tab[] = {
		{"DEPENDS_ON", E_FWD},		    {"CONTAINS", E_FWD},
		{"STATIC_LINK", E_FWD},		    {"DYNAMIC_LINK", E_FWD},
		{"HAS_PREREQUISITE", E_FWD},	    {"DEPENDENCY_OF", E_REV},
		{"CONTAINED_BY", E_REV},	    {"PREREQUISITE_FOR", E_REV},
		{"RUNTIME_DEPENDENCY_OF", E_REV},   {"PROVIDED_DEPENDENCY_OF", E_REV},
		{"DEV_DEPENDENCY_OF", E_REV_DEV},   {"BUILD_DEPENDENCY_OF", E_REV_DEV},
		{"TEST_DEPENDENCY_OF", E_REV_DEV},  {"OPTIONAL_DEPENDENCY_OF", E_REV_OPT},
		{"OPTIONAL_COMPONENT_OF", E_REV_OPT}, {"DESCRIBES", E_DESCRIBES},
		{"DESCRIBED_BY", E_DESCRIBED_BY},
	};
	size_t i;
	for (i = 0; t && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(t, tab[i].type) == 0)
			return tab[i].k;
	return E_NONE;
}

static int put(struct sx *x, struct crk_map *m, const char *k, void *v)
{
	if (crk_map_put(m, k, strlen(k), v)) {
		x->oom = 1;
		return -1;
	}
	return 0;
}

/* Records the widest scope of an edge into `id` (required < optional < dev: smaller wins). */
static void widen(struct sx *x, const char *id, enum crk_scope s)
{
	void *v = crk_map_get(&x->scope, id, strlen(id));
	if (!v || (size_t)v - 1 > (size_t)s)
		put(x, &x->scope, id, (void *)((size_t)s + 1));
}

/* The packages the document describes. */
static void find_described(struct sx *x, const json_t *root, const json_t *rels)
{
	const char *doc = jstr(root, "SPDXID");
	json_t *v;
	size_t i;
	json_array_foreach (json_object_get(root, "documentDescribes"), i, v)
		if (json_is_string(v))
			put(x, &x->described, json_string_value(v), (void *)json_string_value(v));
	json_array_foreach ((json_t *)rels, i, v) {
		const char *a = jstr(v, "spdxElementId"), *b = jstr(v, "relatedSpdxElement");
		enum edge_kind k = edge_kind(jstr(v, "relationshipType"));
		if (!a || !b)
			continue;
		if (k == E_DESCRIBES && (!doc || strcmp(a, doc) == 0))
			put(x, &x->described, b, (void *)b);
		else if (k == E_DESCRIBED_BY && (!doc || strcmp(b, doc) == 0))
			put(x, &x->described, a, (void *)a);
	}
}

/* "found by npm/package-lock in a/package-lock.json:12, b (layer sha256:...) and 3 more":
 * what crakit's writer puts in sourceInfo, back into occurrences. */
static int source_info(struct sx *x, const char *s, struct crk_sread_entry *e)
{
	struct crk_sread *r = x->r;
	const char *in, *p;
	if (!s || strncmp(s, "found", 5) != 0 || !(in = strstr(s, " in ")))
		return CRK_OK;
	if (strncmp(s, "found by ", 9) == 0 && in > s + 9 && !e->pkg.found_by)
		e->pkg.found_by = crk_sread_dup(r, s + 9, (size_t)(in - s - 9), &x->oom);
	for (p = in + 4; *p;) {
		const char *end = strstr(p, ", "), *colon, *layer;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct crk_occurrence o = {NULL, 0, NULL};
		const char *more = memmem(p, n, " and ", 5);
		if (more && strspn(more + 5, "0123456789") > 0 && strstr(more, " more"))
			n = (size_t)(more - p);
		layer = memmem(p, n, " (layer ", 8);
		if (layer && p[n - 1] == ')') {
			o.layer = crk_sread_dup(r, layer + 8, (size_t)(p + n - 1 - (layer + 8)), &x->oom);
			n = (size_t)(layer - p);
		}
		colon = memrchr(p, ':', n);
		if (colon && colon + 1 < p + n &&
		    strspn(colon + 1, "0123456789") == (size_t)(p + n - colon - 1) &&
		    p + n - colon - 1 < 10) {
			o.line = (unsigned)strtoul(colon + 1, NULL, 10);
			n = (size_t)(colon - p);
		}
		o.path = crk_sread_dup(r, p, n, &x->oom);
		if (x->oom)
			return oom(x);
		if (o.path && *o.path) {
			int rc = crk_sread_push(r, &e->occ, &e->nocc, &e->occalloc, sizeof(o), &o);
			if (rc == CRK_ENOMEM)
				return oom(x);
			if (!e->layer && o.layer)
				e->layer = o.layer;
		}
		if (!end || more)
			break;
		p = end + 2;
	}
	return CRK_OK;
}

static const char *purpose_kind(const char *p)
{
	static const struct {
		const char *spdx, *cdx;
	} t[] = {
		{"APPLICATION", "application"},	    {"FRAMEWORK", "framework"},
		{"CONTAINER", "container"},	    {"OPERATING_SYSTEM", "operating-system"},
		{"OPERATING-SYSTEM", "operating-system"},
		{"DEVICE", "device"},		    {"FIRMWARE", "firmware"},
		{"FILE", "file"},
	};
	size_t i;
	for (i = 0; p && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(p, t[i].spdx) == 0)
			return t[i].cdx;
	return NULL;
}

/* An agent as a party and, for the supplier, the plain name. */
static int agent(struct sx *x, const char *s, enum crk_party_role role,
		 struct crk_sread_entry *e, const char **plain)
{
	struct crk_party p;
	int k = crk_sread_spdx_agent(x->r, s, &p, NULL);
	if (k < 0)
		return oom(x);
	if (k != 1)
		return CRK_OK;
	p.role = role;
	if (plain) {
		if (!p.email || !p.name)
			*plain = p.name;
		else if (!(*plain = crk_arena_printf(&x->r->a, "%s <%s>", p.name, p.email)))
			return oom(x);
	}
	return crk_sread_party(x->r, e, &p) == CRK_ENOMEM ? oom(x) : CRK_OK;
}

static int package(struct sx *x, const json_t *pk, int product)
{
	static const char decl_prefix[] = "declared license as found in the package metadata: ";
	struct crk_sread *r = x->r;
	struct crk_sread_entry e;
	const char *id = jstr(pk, "SPDXID"), *v, *comment, *dl;
	json_t *a;
	size_t i;
	int rc;
	void *sc;

	memset(&e, 0, sizeof(e));
	e.line = jline(pk);
	e.ref = id;
	e.name = jstr(pk, "name");
	e.version = known(jstr(pk, "versionInfo"));
	json_array_foreach (json_object_get(pk, "externalRefs"), i, a) {
		const char *cat = jstr(a, "referenceCategory"), *type = jstr(a, "referenceType");
		const char *loc = jstr(a, "referenceLocator");
		if (!cat || !type || !loc)
			continue;
		if (strcmp(type, "purl") == 0 ||
		    strcmp(type, "http://spdx.org/rdf/references/purl") == 0) {
			if (!e.purl)
				e.purl = loc;
		} else if (strcmp(type, "cpe23Type") == 0 || strcmp(type, "cpe22Type") == 0 ||
			   strstr(type, "/cpe23Type") || strstr(type, "/cpe22Type")) {
			if (!e.pkg.cpe)
				e.pkg.cpe = loc;
		} else if (strcmp(type, "advisory") == 0) {
			if ((rc = crk_sread_extref(r, &e, "advisories", loc)))
				goto fail;
		} else {
			crk_sread_drop(r, "external reference CycloneDX has no type for",
				       "external references CycloneDX has no type for", 1);
		}
	}
	if ((rc = agent(x, jstr(pk, "supplier"), CRK_PARTY_SUPPLIER, &e, NULL)))
		return rc;
	if (e.nparties)
		e.pkg.supplier = e.parties[e.nparties - 1].name;
	if ((rc = agent(x, jstr(pk, "originator"), CRK_PARTY_AUTHOR, &e, &e.pkg.author)))
		return rc;
	dl = known(jstr(pk, "downloadLocation"));
	if (dl && (strncmp(dl, "git+", 4) == 0 || strncmp(dl, "hg+", 3) == 0 ||
		   strncmp(dl, "svn+", 4) == 0 || strncmp(dl, "bzr+", 4) == 0 ||
		   strncmp(dl, "git://", 6) == 0))
		e.pkg.vcs_url = dl;
	else
		e.pkg.download_url = dl;
	if ((v = known(jstr(pk, "homepage"))) && (rc = crk_sread_extref(r, &e, "website", v)))
		goto fail;
	json_array_foreach (json_object_get(pk, "checksums"), i, a)
		if ((rc = crk_sread_hash(r, &e, jstr(a, "algorithm"), jstr(a, "checksumValue"),
					 e.line)))
			goto fail;
	e.pkg.license = known(jstr(pk, "licenseDeclared"));
	v = jstr(pk, "licenseComments");
	if (!e.pkg.license && v && strncmp(v, decl_prefix, sizeof(decl_prefix) - 1) == 0)
		e.pkg.license = v + sizeof(decl_prefix) - 1;
	else if (jstr(pk, "licenseDeclared") && strcmp(jstr(pk, "licenseDeclared"), "NONE") == 0)
		e.pkg.license = "NONE";
	e.pkg.license_concluded = known(jstr(pk, "licenseConcluded"));
	e.pkg.copyright = known(jstr(pk, "copyrightText"));
	e.pkg.description = known(jstr(pk, "description"));
	if (!e.pkg.description)
		e.pkg.description = known(jstr(pk, "summary"));
	e.pkg.kind = purpose_kind(jstr(pk, "primaryPackagePurpose"));
	if ((v = known(jstr(pk, "packageFileName"))) && !strchr(v, '/'))
		e.pkg.filename = v;
	comment = jstr(pk, "comment");
	sc = id ? crk_map_get(&x->scope, id, strlen(id)) : NULL;
	if (sc)
		e.pkg.scope = (enum crk_scope)((size_t)sc - 1);
	else if (comment && strcmp(comment, "scope: dev") == 0)
		e.pkg.scope = CRK_SCOPE_DEV;
	else if (comment && strcmp(comment, "scope: optional") == 0)
		e.pkg.scope = CRK_SCOPE_OPTIONAL;
	if ((rc = source_info(x, jstr(pk, "sourceInfo"), &e)))
		return rc;
	if (x->oom)
		return oom(x);
	if (product)
		return crk_sread_product(r, &e, x->err);
	return crk_sread_add(r, &e, NULL, x->err);
fail:
	if (rc == CRK_ELIMIT)
		return crk_err_set(x->err, CRK_ELIMIT, r->path, e.line, 0,
				   "package '%.100s': more than %d checksums or references",
				   e.name ? e.name : "", CRK_SREAD_MAX_LIST);
	return oom(x);
}

int crk_spdx2_read_tree(struct crk_sread *r, struct json_t *root, struct crk_err *err)
{
	struct sx x;
	struct crk_bom_meta *m = crk_bom_meta(r->bom);
	const json_t *ci = json_object_get(root, "creationInfo"), *rels, *pkgs, *pk;
	const char *ver = jstr(root, "spdxVersion"), *ns, *created, *doc;
	const char *product = NULL;
	json_t *v;
	size_t i, ndescribed;
	int rc = CRK_OK, meta = !(r->flags & CRK_READ_AS_COMPONENTS);

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.err = err;
	crk_map_init(&x.scope);
	crk_map_init(&x.described);
	crk_map_init(&x.packages);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, 1, 1, "an SPDX document is an object");
		goto out;
	}
	if (!ver || strncmp(ver, "SPDX-2.", 7) != 0) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, r->path, 0, 0,
				 "spdxVersion '%.20s' is not one crakit reads (SPDX-2.2, SPDX-2.3)",
				 ver ? ver : "(missing)");
		crk_err_hint(err, "SPDX 3 documents are JSON-LD with an \"@context\"; crakit reads "
				  "those too");
		goto out;
	}
	snprintf(r->info->spec_version, sizeof(r->info->spec_version), "%s", ver + 5);
	if ((v = json_object_get(root, "dataLicense")) && json_is_string(v) &&
	    !(r->info->data_license = crk_bom_strndup(r->bom, json_string_value(v),
						      json_string_length(v)))) {
		rc = oom(&x);
		goto out;
	}
	ns = jstr(root, "documentNamespace");
	if (ns) {
		size_t n = strlen(ns);
		r->info->serial = crk_bom_strndup(r->bom, ns, n);
		if (!r->info->serial) {
			rc = oom(&x);
			goto out;
		}
		/* a namespace ending in a UUID (crakit's own) keeps it as the serial number */
		if (meta && n >= 36 && strspn(ns + n - 36, "0123456789abcdefABCDEF-") == 36 &&
		    ns[n - 28] == '-' && ns[n - 23] == '-' && ns[n - 18] == '-' && ns[n - 13] == '-') {
			char serial[48];
			snprintf(serial, sizeof(serial), "urn:uuid:%s", ns + n - 36);
			if (crk_bom_set_str(r->bom, &m->serial, serial)) {
				rc = oom(&x);
				goto out;
			}
		}
	}
	created = jstr(ci, "created");
	if (created) {
		int64_t t;
		if (crk_sread_time(created, &t) == 0) {
			r->info->has_timestamp = 1;
			if (meta)
				m->timestamp = t;
		} else if (r->diags) {
			crk_diags_addf(r->diags, CRK_EPARSE, r->path, jline(ci), 0,
				       "created '%.60s' is not an RFC 3339 time", created);
		}
	}
	json_array_foreach (json_object_get(ci, "creators"), i, v) {
		struct crk_party p;
		const char *tv;
		int k;
		if (!meta || !json_is_string(v))
			continue;
		k = crk_sread_spdx_agent(r, json_string_value(v), &p, &tv);
		if (k < 0 || (k == 2 && crk_bom_meta_add_tool(r->bom, p.name, tv)) ||
		    (k == 1 && (p.role = CRK_PARTY_AUTHOR, crk_bom_meta_add_party(r->bom, &p)))) {
			rc = oom(&x);
			goto out;
		}
	}
	if (meta && jstr(root, "name") && crk_bom_set_str(r->bom, &m->name, jstr(root, "name"))) {
		rc = oom(&x);
		goto out;
	}

	rels = json_object_get(root, "relationships");
	pkgs = json_object_get(root, "packages");
	/* scopes of the edges into each package, and what the document describes */
	json_array_foreach ((json_t *)rels, i, v) {
		const char *a = jstr(v, "spdxElementId"), *b = jstr(v, "relatedSpdxElement");
		switch (edge_kind(jstr(v, "relationshipType"))) {
		case E_FWD: if (b) widen(&x, b, CRK_SCOPE_REQUIRED); break;
		case E_REV: if (a) widen(&x, a, CRK_SCOPE_REQUIRED); break;
		case E_REV_DEV: if (a) widen(&x, a, CRK_SCOPE_DEV); break;
		case E_REV_OPT: if (a) widen(&x, a, CRK_SCOPE_OPTIONAL); break;
		default: break;
		}
	}
	find_described(&x, root, rels);
	json_array_foreach ((json_t *)pkgs, i, pk) {
		const char *id = jstr(pk, "SPDXID");
		if (id)
			put(&x, &x.packages, id, (void *)pk);
	}
	/* the product: the one described package */
	ndescribed = 0;
	{
		size_t it = 0, kl;
		const char *k;
		void *val;
		while (crk_map_next(&x.described, &it, &k, &kl, &val))
			if (crk_map_get(&x.packages, k, kl)) {
				ndescribed++;
				product = val;
			}
	}
	if (x.oom) {
		rc = oom(&x);
		goto out;
	}
	if (ndescribed != 1)
		product = NULL;
	json_array_foreach ((json_t *)pkgs, i, pk) {
		const char *id = jstr(pk, "SPDXID");
		if (!json_is_object(pk))
			continue;
		if (product && id && strcmp(id, product) == 0 && (rc = package(&x, pk, 1)))
			goto out;
	}
	json_array_foreach ((json_t *)pkgs, i, pk) {
		const char *id = jstr(pk, "SPDXID");
		if (!json_is_object(pk) || (product && id && strcmp(id, product) == 0))
			continue;
		if ((rc = package(&x, pk, 0)))
			goto out;
		/* several described packages: each one a direct dependency */
		if (!product && id && crk_map_get(&x.described, id, strlen(id)) &&
		    (rc = crk_sread_edge(r, NULL, id, jline(pk), err)))
			goto out;
	}
	/* files and snippets: not components; edges to them are left out quietly */
	json_array_foreach (json_object_get(root, "files"), i, v)
		if (crk_sread_ignore_ref(r, jstr(v, "SPDXID"))) {
			rc = oom(&x);
			goto out;
		}
	json_array_foreach (json_object_get(root, "snippets"), i, v)
		if (crk_sread_ignore_ref(r, jstr(v, "SPDXID"))) {
			rc = oom(&x);
			goto out;
		}
	crk_sread_drop(r, "file", "files", json_array_size(json_object_get(root, "files")));
	crk_sread_drop(r, "snippet", "snippets", json_array_size(json_object_get(root, "snippets")));
	crk_sread_drop(r, "annotation", "annotations",
		       json_array_size(json_object_get(root, "annotations")));
	json_array_foreach (json_object_get(root, "hasExtractedLicensingInfos"), i, v) {
		/* kept, so that a writer can define the LicenseRefs it writes */
		const char *lid = jstr(v, "licenseId"), *txt = jstr(v, "extractedText");
		if (meta && lid && txt && crk_bom_meta_add_license_text(r->bom, lid, txt)) {
			rc = oom(&x);
			goto out;
		}
	}
	crk_sread_drop(r, "external document reference", "external document references",
		       json_array_size(json_object_get(root, "externalDocumentRefs")));
	doc = jstr(root, "SPDXID");
	if (crk_sread_ignore_ref(r, doc ? doc : "SPDXRef-DOCUMENT")) {
		rc = oom(&x);
		goto out;
	}
	json_array_foreach ((json_t *)rels, i, v) {
		const char *a = jstr(v, "spdxElementId"), *b = jstr(v, "relatedSpdxElement");
		enum edge_kind k = edge_kind(jstr(v, "relationshipType"));
		if (!a || !b || !known(b) || k == E_DESCRIBES || k == E_DESCRIBED_BY)
			continue;
		r->info->has_dependencies = 1;
		if (k == E_NONE) {
			crk_sread_drop(r, "relationship of a kind that is no dependency",
				       "relationships of kinds that are no dependency", 1);
			continue;
		}
		if (strncmp(a, "DocumentRef-", 12) == 0 || strncmp(b, "DocumentRef-", 12) == 0) {
			crk_sread_drop(r, "relationship with an element of another document",
				       "relationships with elements of other documents", 1);
			continue;
		}
		if (k == E_FWD)
			rc = crk_sread_edge(r, product && strcmp(a, product) == 0 ? NULL : a, b,
					    jline(v), err);
		else
			rc = crk_sread_edge(r, product && strcmp(b, product) == 0 ? NULL : b, a,
					    jline(v), err);
		if (rc)
			goto out;
	}
	if (x.oom)
		rc = oom(&x);
out:
	crk_map_release(&x.scope);
	crk_map_release(&x.described);
	crk_map_release(&x.packages);
	return rc;
}

int crk_spdx_json_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	struct crk_json_arena ja;
	json_error_t jerr;
	json_t *root = crk_json_load_arena(&ja, buf, len, 0, &jerr);
	int rc;
	if (!root) {
		crk_json_arena_release(&ja);
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
		return crk_err_set(err, CRK_EPARSE, r->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0,
				   "not well-formed JSON: %s", jerr.text);
	}
	rc = crk_spdx2_read_tree(r, root, err);
	crk_json_arena_release(&ja);
	return rc;
}
