/*
 * spdx3_read.c - reading SPDX 3.0 JSON-LD (https://spdx.github.io/spdx-spec/v3.0.1/; schema
 * and context in corpus/sbom/spdx/schema/, examples in corpus/sbom/spdx/) into a BOM, for
 * sbom_read.c. The writer is spdx3_json.c (not ours: this file only reads).
 *
 * A document is a flat "@graph" of elements that name each other by spdxId (or "@id" for blank
 * nodes such as the CreationInfo); a property may also hold the element inline. We read the
 * compact names the official context defines ("software_Package", "dependsOn"), which is how
 * every SPDX 3 serialiser writes them. The mapping (docs/formats.md, "Reading SBOMs"):
 *  - the product: the one package among the SpdxDocument's rootElement (looking through a
 *    software_Sbom / Bom to its own rootElement) and what they "describe"; several: each one a
 *    component and a direct dependency;
 *  - software_Package, ai_AIPackage and dataset_DatasetPackage elements are components: name,
 *    software_packageVersion, software_packageUrl (or an externalIdentifier packageUrl), cpe23 /
 *    cpe22 identifiers, suppliedBy (supplier) and originatedBy (manufacturer: BSI TR-03183-2's
 *    component creator) agents with their email / urlScheme identifiers, verifiedUsing hashes,
 *    software_copyrightText, description (or summary), software_downloadLocation,
 *    software_homePage and externalRef, software_primaryPurpose as the CycloneDX type, the
 *    licences of hasDeclaredLicense / hasConcludedLicense, and from the software_File a package
 *    hasDistributionArtifact: its name, hashes and (BSI) executable / archive / structured purposes;
 *  - relationships dependsOn, contains, hasStaticLink, hasDynamicLink, hasPrerequisite,
 *    hasProvidedDependency (required), hasOptionalDependency, hasOptionalComponent (optional),
 *    and a LifecycleScopedRelationship of scope development, build or test (dev) are edges; their
 *    completeness goes to the component (or, for the product, to info.completeness); an edge to
 *    NoneElement says "no dependencies" and adds none;
 *  - CreationInfo: created, specVersion (3.0.x; others are CRK_EUNSUPPORTED), createdBy agents
 *    (the SBOM's authors) and createdUsing tools;
 *  - other elements (files that are no distribution artifact, snippets, annotations,
 *    vulnerabilities, ...) and other relationships are counted as dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

#define S3_TERMS "https://spdx.org/rdf/3.0."
#define LISTED "https://spdx.org/licenses/"

struct s3 {
	struct crk_sread *r;
	struct crk_err *err;
	json_t *graph;
	struct crk_map byid;      /* spdxId / @id -> element */
	struct crk_map scope;     /* package id -> (void *)(scope + 1) */
	struct crk_map roots;     /* described package ids */
	struct crk_map artifact;  /* package id -> its distribution file element */
	struct crk_map declared;  /* package id -> license element or IRI string (json_t) */
	struct crk_map concluded;
	int oom;
};

static const char *jstr(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *type_of(const json_t *e)
{
	const char *t = jstr(e, "type");
	return t ? t : jstr(e, "@type");
}

static const char *id_of(const json_t *e)
{
	const char *t = jstr(e, "spdxId");
	return t ? t : jstr(e, "@id");
}

static int is_type(const json_t *e, const char *t)
{
	const char *ty = type_of(e);
	return ty && strcmp(ty, t) == 0;
}

static int is_package(const json_t *e)
{
	return is_type(e, "software_Package") || is_type(e, "ai_AIPackage") ||
	       is_type(e, "dataset_DatasetPackage");
}

static int oom(struct s3 *x)
{
	return crk_err_set(x->err, CRK_ENOMEM, x->r->path, 0, 0, "out of memory");
}

/* The element a value names: an inline object, or one of the graph by id. */
static json_t *node(struct s3 *x, json_t *v)
{
	if (json_is_object(v))
		return v;
	if (json_is_string(v))
		return crk_map_get(&x->byid, json_string_value(v), json_string_length(v));
	return NULL;
}

static void put(struct s3 *x, struct crk_map *m, const char *k, void *v)
{
	if (k && crk_map_put(m, k, strlen(k), v))
		x->oom = 1;
}

/* Each value of a property that may be one value or an array. */
#define EACHV(arr, i, v) for (i = 0; (v = json_is_array(arr) ? json_array_get(arr, i) : (i == 0 ? arr : NULL)) != NULL; i++)

/* An agent element as a party: its name, and email / URL from its external identifiers. */
static void agent(struct s3 *x, json_t *a, enum crk_party_role role, struct crk_party *p)
{
	json_t *ids, *v;
	size_t i;
	memset(p, 0, sizeof(*p));
	p->role = role;
	if (!a)
		return;
	p->organization = is_type(a, "Organization");
	p->name = jstr(a, "name");
	ids = json_object_get(a, "externalIdentifier");
	EACHV(ids, i, v) {
		const char *t = jstr(v, "externalIdentifierType"), *idf = jstr(v, "identifier");
		if (!t || !idf)
			continue;
		if (strcmp(t, "email") == 0 && !p->email)
			p->email = idf;
		else if (strcmp(t, "urlScheme") == 0 && !p->url)
			p->url = idf;
	}
}

/* The licence text a license element (or IRI) stands for. */
static const char *license_of(struct s3 *x, json_t *v)
{
	json_t *e = node(x, v);
	const char *iri, *s;
	if (e && (s = jstr(e, "simplelicensing_licenseExpression")))
		return s;
	iri = json_is_string(v) ? json_string_value(v) : e ? id_of(e) : NULL;
	if (!iri)
		return NULL;
	if (strncmp(iri, LISTED, strlen(LISTED)) == 0)
		return iri + strlen(LISTED);
	if (strstr(iri, "/NoAssertionLicense"))
		return NULL;
	if (strstr(iri, "/NoneLicense"))
		return "NONE";
	if (e && jstr(e, "name") && strncmp(jstr(e, "name"), "LicenseRef-", 11) == 0)
		return jstr(e, "name");
	s = strrchr(iri, '#');
	if (!s)
		s = strrchr(iri, '/');
	return s && s[1] ? s + 1 : iri;
}

/* The licences of a package, AND-joined. */
static const char *licenses(struct s3 *x, struct crk_map *m, const char *pid)
{
	json_t *list = pid ? crk_map_get(m, pid, strlen(pid)) : NULL, *v;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *r = NULL;
	size_t i, n = 0;
	json_array_foreach (list, i, v) {
		const char *l = license_of(x, v);
		if (!l)
			continue;
		if (n++)
			crk_strbuf_adds(&sb, " AND ");
		if (json_array_size(list) > 1 && strchr(l, ' '))
			crk_strbuf_addf(&sb, "(%s)", l);
		else
			crk_strbuf_adds(&sb, l);
	}
	if (n)
		r = crk_sread_dup(x->r, sb.buf, sb.len, &x->oom);
	if (!crk_strbuf_ok(&sb))
		x->oom = 1;
	crk_strbuf_release(&sb);
	return r;
}

static const char *purpose_kind(const char *p)
{
	static const struct {
		const char *spdx, *cdx;
	} t[] = {
		{"application", "application"}, {"framework", "framework"},
		{"container", "container"},	{"operatingSystem", "operating-system"},
		{"device", "device"},		{"firmware", "firmware"},
		{"file", "file"},		{"data", "data"},
		{"model", "machine-learning-model"}, {"platform", "platform"},
		{"deviceDriver", "device-driver"},
	};
	size_t i;
	for (i = 0; p && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(p, t[i].spdx) == 0)
			return t[i].cdx;
	return NULL;
}

static const char *extref_type(const char *t)
{
	static const struct {
		const char *spdx, *cdx;
	} m[] = {
		{"vcs", "vcs"},
		{"issueTracker", "issue-tracker"},
		{"documentation", "documentation"},
		{"altWebPage", "website"},
		{"mailingList", "mailing-list"},
		{"releaseNotes", "release-notes"},
		{"support", "support"},
		{"chat", "chat"},
		{"socialMedia", "social"},
		{"license", "license"},
		{"buildSystem", "build-system"},
		{"buildMeta", "build-meta"},
		{"securityAdvisory", "advisories"},
		{"securityPolicy", "security-contact"},
		{"binaryArtifact", "distribution"},
		{"altDownloadLocation", "distribution"},
		{"sourceArtifact", "source-distribution"},
		{"releaseHistory", "release-notes"},
		{"vulnerabilityDisclosureReport", "vulnerability-assertion"},
		{"vulnerabilityExploitabilityAssessment", "exploitability-statement"},
	};
	size_t i;
	for (i = 0; t && i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(t, m[i].spdx) == 0)
			return m[i].cdx;
	return NULL;
}

static int fail(struct s3 *x, int rc, const char *name)
{
	if (rc == CRK_ELIMIT)
		return crk_err_set(x->err, CRK_ELIMIT, x->r->path, 0, 0,
				   "package '%.100s': more than %d hashes or references",
				   name ? name : "", CRK_SREAD_MAX_LIST);
	return oom(x);
}

static int package(struct s3 *x, json_t *pk, int product)
{
	struct crk_sread *r = x->r;
	struct crk_sread_entry e;
	struct crk_party p;
	const char *id = id_of(pk), *v, *comment;
	json_t *a, *it, *file;
	size_t i, j;
	void *sc;
	int rc;

	memset(&e, 0, sizeof(e));
	e.ref = id;
	e.name = jstr(pk, "name");
	e.version = jstr(pk, "software_packageVersion");
	e.purl = jstr(pk, "software_packageUrl");
	a = json_object_get(pk, "externalIdentifier");
	EACHV(a, i, it) {
		const char *t = jstr(it, "externalIdentifierType"), *idf = jstr(it, "identifier");
		if (!t || !idf)
			continue;
		if (strcmp(t, "packageUrl") == 0) {
			if (!e.purl)
				e.purl = idf;
		} else if (strcmp(t, "cpe23") == 0 || strcmp(t, "cpe22") == 0) {
			if (!e.pkg.cpe)
				e.pkg.cpe = idf;
		} else {
			crk_sread_drop(r, "identifier CycloneDX has no field for",
				       "identifiers CycloneDX has no field for", 1);
		}
	}
	a = json_object_get(pk, "externalRef");
	EACHV(a, i, it) {
		const char *t = extref_type(jstr(it, "externalRefType"));
		json_t *locs = json_object_get(it, "locator"), *l;
		if (!t) {
			crk_sread_drop(r, "external reference CycloneDX has no type for",
				       "external references CycloneDX has no type for", 1);
			continue;
		}
		EACHV(locs, j, l)
			if (json_is_string(l) &&
			    (rc = crk_sread_extref(r, &e, t, json_string_value(l))))
				return fail(x, rc, e.name);
	}
	if ((v = jstr(pk, "software_homePage")) && (rc = crk_sread_extref(r, &e, "website", v)))
		return fail(x, rc, e.name);
	if ((v = jstr(pk, "software_downloadLocation")))
		e.pkg.download_url = v;
	a = json_object_get(pk, "verifiedUsing");
	EACHV(a, i, it)
		if ((rc = crk_sread_hash(r, &e, jstr(it, "algorithm"), jstr(it, "hashValue"), 0)))
			return fail(x, rc, e.name);
	if ((a = node(x, json_object_get(pk, "suppliedBy")))) {
		agent(x, a, CRK_PARTY_SUPPLIER, &p);
		e.pkg.supplier = p.name;
		if ((rc = crk_sread_party(r, &e, &p)))
			return fail(x, rc, e.name);
	}
	a = json_object_get(pk, "originatedBy");
	EACHV(a, i, it) {
		agent(x, node(x, it), CRK_PARTY_MANUFACTURER, &p);
		if ((rc = crk_sread_party(r, &e, &p)))
			return fail(x, rc, e.name);
	}
	e.pkg.copyright = jstr(pk, "software_copyrightText");
	e.pkg.description = jstr(pk, "description");
	if (!e.pkg.description)
		e.pkg.description = jstr(pk, "summary");
	e.pkg.kind = is_type(pk, "ai_AIPackage")		? "machine-learning-model"
		     : is_type(pk, "dataset_DatasetPackage") ? "data"
							      : purpose_kind(jstr(pk, "software_primaryPurpose"));
	e.pkg.license = licenses(x, &x->declared, id);
	e.pkg.license_concluded = licenses(x, &x->concluded, id);
	comment = jstr(pk, "comment");
	sc = id ? crk_map_get(&x->scope, id, strlen(id)) : NULL;
	if (sc)
		e.pkg.scope = (enum crk_scope)((size_t)sc - 1);
	else if (comment && strcmp(comment, "scope: dev") == 0)
		e.pkg.scope = CRK_SCOPE_DEV;
	else if (comment && strcmp(comment, "scope: optional") == 0)
		e.pkg.scope = CRK_SCOPE_OPTIONAL;
	/* the deployable file (BSI TR-03183-2 v2.1, SPDX 3 mapping) */
	file = id ? crk_map_get(&x->artifact, id, strlen(id)) : NULL;
	if (file) {
		json_t *purp = json_object_get(file, "software_additionalPurpose");
		if ((v = jstr(file, "name")) && !strchr(v, '/'))
			e.pkg.filename = v;
		a = json_object_get(file, "verifiedUsing");
		EACHV(a, i, it)
			if ((rc = crk_sread_hash(r, &e, jstr(it, "algorithm"), jstr(it, "hashValue"),
						 0)))
				return fail(x, rc, e.name);
		if (json_array_size(purp))
			e.pkg.file_kind |= CRK_FILE_KNOWN;
		EACHV(purp, i, it) {
			const char *s = json_is_string(it) ? json_string_value(it) : "";
			if (strcmp(s, "executable") == 0)
				e.pkg.file_kind |= CRK_FILE_EXECUTABLE;
			else if (strcmp(s, "archive") == 0)
				e.pkg.file_kind |= CRK_FILE_ARCHIVE;
			else if (strcmp(s, "container") == 0)
				e.pkg.file_kind |= CRK_FILE_STRUCTURED;
		}
	}
	if (x->oom)
		return oom(x);
	if (product)
		return crk_sread_product(r, &e, x->err);
	return crk_sread_add(r, &e, NULL, x->err);
}

enum rel_kind { R_OTHER, R_DEP, R_OPT, R_DESCRIBES, R_DECL, R_CONC, R_ARTIFACT };

static enum rel_kind rel_kind(const json_t *rel)
{
	static const struct {
		const char *t;
		enum rel_kind k;
	} tab[] = {
		{"dependsOn", R_DEP},		   {"contains", R_DEP},
		{"hasStaticLink", R_DEP},	   {"hasDynamicLink", R_DEP},
		{"hasPrerequisite", R_DEP},	   {"hasProvidedDependency", R_DEP},
		{"hasOptionalDependency", R_OPT},  {"hasOptionalComponent", R_OPT},
		{"describes", R_DESCRIBES},	   {"hasDeclaredLicense", R_DECL},
		{"hasConcludedLicense", R_CONC},   {"hasDistributionArtifact", R_ARTIFACT},
	};
	const char *t = jstr(rel, "relationshipType");
	size_t i;
	for (i = 0; t && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(t, tab[i].t) == 0)
			return tab[i].k;
	return R_OTHER;
}

static enum crk_scope rel_scope(const json_t *rel, enum rel_kind k)
{
	const char *s = jstr(rel, "scope");
	if (k == R_OPT)
		return CRK_SCOPE_OPTIONAL;
	if (s && (strcmp(s, "development") == 0 || strcmp(s, "build") == 0 ||
		  strcmp(s, "test") == 0))
		return CRK_SCOPE_DEV;
	return CRK_SCOPE_REQUIRED;
}

static int is_relationship(const json_t *e)
{
	return is_type(e, "Relationship") || is_type(e, "LifecycleScopedRelationship");
}

/* Appends `v` to the json array kept for `key` in map `m` (the arrays are owned by `keep`). */
static void add_to(struct s3 *x, struct crk_map *m, json_t *keep, const char *key, json_t *v)
{
	json_t *arr = crk_map_get(m, key, strlen(key));
	if (!arr) {
		arr = json_array();
		if (!arr || json_array_append_new(keep, arr)) {
			x->oom = 1;
			return;
		}
		put(x, m, key, arr);
	}
	if (json_array_append(arr, v))
		x->oom = 1;
}

/* Adds the packages among `list` (ids or elements) to the roots, looking through SBOMs. */
static void collect_roots(struct s3 *x, json_t *list, int depth)
{
	json_t *v, *e;
	size_t i;
	if (depth > 4)
		return;
	EACHV(list, i, v) {
		e = node(x, v);
		if (!e)
			continue;
		if (is_package(e))
			put(x, &x->roots, id_of(e), e);
		else if (is_type(e, "software_Sbom") || is_type(e, "Bom") || is_type(e, "Bundle"))
			collect_roots(x, json_object_get(e, "rootElement"), depth + 1);
	}
}

int crk_spdx3_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	struct s3 x;
	struct crk_bom_meta *m = crk_bom_meta(r->bom);
	json_error_t jerr;
	json_t *root, *e, *doc = NULL, *ci = NULL, *keep = NULL, *v, *to;
	const char *ctx, *spec, *product = NULL, *created;
	size_t i, j, nroots = 0, nfiles = 0, nother = 0;
	int rc = CRK_OK, meta = !(r->flags & CRK_READ_AS_COMPONENTS);

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.err = err;
	crk_map_init(&x.byid);
	crk_map_init(&x.scope);
	crk_map_init(&x.roots);
	crk_map_init(&x.artifact);
	crk_map_init(&x.declared);
	crk_map_init(&x.concluded);
	root = json_loadb(buf, len, 0, &jerr);
	if (!root) {
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return oom(&x);
		return crk_err_set(err, CRK_EPARSE, r->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0,
				   "not well-formed JSON: %s", jerr.text);
	}
	keep = json_array();
	if (!keep) {
		rc = oom(&x);
		goto out;
	}
	ctx = jstr(root, "@context");
	x.graph = json_object_get(root, "@graph");
	if (!json_is_object(root) || !json_is_array(x.graph)) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, 1, 1,
				 "an SPDX 3 document is an object with an \"@graph\" array");
		goto out;
	}
	if (json_array_size(x.graph) > CRK_MAX_COMPONENTS) {
		rc = crk_err_set(err, CRK_ELIMIT, r->path, 0, 0, "more than %zu elements",
				 (size_t)CRK_MAX_COMPONENTS);
		goto out;
	}
	json_array_foreach (x.graph, i, e) {
		const char *id = id_of(e);
		if (!json_is_object(e))
			continue;
		if (id && !crk_map_get(&x.byid, id, strlen(id)))
			put(&x, &x.byid, id, e);
		if (!doc && is_type(e, "SpdxDocument"))
			doc = e;
		if (meta && is_type(e, "expandedlicensing_CustomLicense") && id &&
		    jstr(e, "expandedlicensing_licenseText")) {
			const char *l = strrchr(id, '#') ? strrchr(id, '#') + 1 : id;
			if (strncmp(l, "LicenseRef-", 11) == 0 &&
			    crk_bom_meta_add_license_text(r->bom, l,
							  jstr(e, "expandedlicensing_licenseText")))
				x.oom = 1;
		}
		if (!ci && is_type(e, "CreationInfo"))
			ci = e;
	}
	json_array_foreach (x.graph, i, e) {
		json_t *map = json_object_get(e, "simplelicensing_customIdToUri");
		EACHV(map, j, v) {
			const char *k = jstr(v, "key");
			json_t *t = node(&x, json_object_get(v, "value"));
			const char *txt = jstr(t, "simplelicensing_licenseText");
			if (!txt)
				txt = jstr(t, "expandedlicensing_licenseText");
			if (meta && k && txt && crk_bom_meta_add_license_text(r->bom, k, txt))
				x.oom = 1;
		}
	}
	if (doc && node(&x, json_object_get(doc, "creationInfo")))
		ci = node(&x, json_object_get(doc, "creationInfo"));
	spec = jstr(ci, "specVersion");
	if (!spec && ctx) {
		const char *p = strstr(ctx, "spdx.org/rdf/");
		spec = p ? p + 13 : NULL;
	}
	if (!spec || strncmp(spec, "3.0", 3) != 0) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, r->path, 0, 0,
				 "SPDX specVersion '%.20s' is not one crakit reads (3.0.x)",
				 spec ? spec : "(missing)");
		goto out;
	}
	snprintf(r->info->spec_version, sizeof(r->info->spec_version), "%.*s",
		 (int)strcspn(spec, "/"), spec);
	if (doc && id_of(doc) &&
	    !(r->info->serial = crk_bom_strndup(r->bom, id_of(doc), strlen(id_of(doc))))) {
		rc = oom(&x);
		goto out;
	}
	if (doc && (v = json_object_get(doc, "dataLicense"))) {
		const char *dl = license_of(&x, v);
		if (dl && !(r->info->data_license = crk_bom_strndup(r->bom, dl, strlen(dl)))) {
			rc = oom(&x);
			goto out;
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
			crk_diags_addf(r->diags, CRK_EPARSE, r->path, 0, 0,
				       "created '%.60s' is not an RFC 3339 time", created);
		}
	}
	if (meta) {
		json_t *list = json_object_get(ci, "createdBy");
		EACHV(list, i, v) {
			struct crk_party p;
			agent(&x, node(&x, v), CRK_PARTY_AUTHOR, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p)) {
				rc = oom(&x);
				goto out;
			}
		}
		list = json_object_get(ci, "createdUsing");
		EACHV(list, i, v) {
			json_t *t = node(&x, v);
			if (t && jstr(t, "name") && crk_bom_meta_add_tool(r->bom, jstr(t, "name"), NULL)) {
				rc = oom(&x);
				goto out;
			}
		}
		if (doc && jstr(doc, "name") && crk_bom_set_str(r->bom, &m->name, jstr(doc, "name"))) {
			rc = oom(&x);
			goto out;
		}
	}

	/* relationships: scopes, licences, distribution artifacts, what is described */
	if (doc)
		collect_roots(&x, json_object_get(doc, "rootElement"), 0);
	json_array_foreach (x.graph, i, e) {
		enum rel_kind k;
		const char *from;
		json_t *tos;
		if (!json_is_object(e) || !is_relationship(e))
			continue;
		k = rel_kind(e);
		from = jstr(e, "from");
		tos = json_object_get(e, "to");
		if (!from)
			continue;
		EACHV(tos, j, to) {
			const char *tid = json_is_string(to) ? json_string_value(to) : id_of(to);
			json_t *te = node(&x, to);
			if (!tid)
				continue;
			switch (k) {
			case R_DEP:
			case R_OPT: {
				enum crk_scope s = rel_scope(e, k);
				void *old = crk_map_get(&x.scope, tid, strlen(tid));
				if (!old || (size_t)old - 1 > (size_t)s)
					put(&x, &x.scope, tid, (void *)((size_t)s + 1));
				break;
			}
			case R_DESCRIBES:
				if (te && is_package(te)) {
					json_t *fe = crk_map_get(&x.byid, from, strlen(from));
					if (fe && (fe == doc || is_type(fe, "software_Sbom") ||
						   is_type(fe, "Bom")))
						put(&x, &x.roots, tid, te);
				}
				break;
			case R_DECL: add_to(&x, &x.declared, keep, from, to); break;
			case R_CONC: add_to(&x, &x.concluded, keep, from, to); break;
			case R_ARTIFACT:
				if (te && is_type(te, "software_File") &&
				    !crk_map_get(&x.artifact, from, strlen(from)))
					put(&x, &x.artifact, from, te);
				break;
			default: break;
			}
		}
	}
	{
		size_t it = 0, kl;
		const char *k;
		void *val;
		while (crk_map_next(&x.roots, &it, &k, &kl, &val)) {
			nroots++;
			product = k;
		}
	}
	if (x.oom) {
		rc = oom(&x);
		goto out;
	}
	if (nroots != 1)
		product = NULL;
	if (product && (rc = package(&x, crk_map_get(&x.roots, product, strlen(product)), 1)))
		goto out;
	json_array_foreach (x.graph, i, e) {
		const char *id = id_of(e);
		if (!json_is_object(e))
			continue;
		if (is_package(e)) {
			if (product && id && strcmp(id, product) == 0)
				continue;
			if ((rc = package(&x, e, 0)))
				goto out;
			if (!product && id && crk_map_get(&x.roots, id, strlen(id)) &&
			    (rc = crk_sread_edge(r, NULL, id, 0, err)))
				goto out;
		} else if (is_type(e, "software_File") || is_type(e, "software_Snippet")) {
			if (crk_sread_ignore_ref(r, id)) {
				rc = oom(&x);
				goto out;
			}
			nfiles++;
		} else if (!is_relationship(e) && !is_type(e, "CreationInfo") &&
			   !is_type(e, "SpdxDocument") && !is_type(e, "software_Sbom") &&
			   !is_type(e, "Bom") && !is_type(e, "Person") && !is_type(e, "Organization") &&
			   !is_type(e, "SoftwareAgent") && !is_type(e, "Agent") && !is_type(e, "Tool") &&
			   strncmp(type_of(e) ? type_of(e) : "", "simplelicensing_", 16) != 0 &&
			   strncmp(type_of(e) ? type_of(e) : "", "expandedlicensing_", 18) != 0) {
			nother++;
		}
	}
	/* distribution artifacts are part of their package, not dropped */
	{
		size_t it = 0, kl;
		const char *k;
		void *val;
		while (crk_map_next(&x.artifact, &it, &k, &kl, &val))
			if (nfiles)
				nfiles--;
	}
	crk_sread_drop(r, "file or snippet", "files and snippets", nfiles);
	crk_sread_drop(r, "element of another kind (annotation, vulnerability, ...)",
		       "elements of other kinds (annotations, vulnerabilities, ...)", nother);
	json_array_foreach (x.graph, i, e) {
		enum rel_kind k;
		const char *from, *comp;
		json_t *tos;
		if (!json_is_object(e) || !is_relationship(e))
			continue;
		k = rel_kind(e);
		from = jstr(e, "from");
		tos = json_object_get(e, "to");
		if (k == R_DESCRIBES || k == R_DECL || k == R_CONC || k == R_ARTIFACT || !from)
			continue;
		if (k == R_OTHER) {
			crk_sread_drop(r, "relationship of a kind that is no dependency",
				       "relationships of kinds that are no dependency", 1);
			continue;
		}
		r->info->has_dependencies = 1;
		EACHV(tos, j, to) {
			const char *tid = json_is_string(to) ? json_string_value(to) : id_of(to);
			if (!tid || strstr(tid, "/Core/NoneElement") || strstr(tid, "/Core/NoAssertionElement"))
				continue;
			if (!crk_map_get(&x.byid, tid, strlen(tid)) ||
			    !crk_map_get(&x.byid, from, strlen(from))) {
				/* an element of another document (SpdxDocument import) */
				crk_sread_drop(r, "relationship with an element of another document",
					       "relationships with elements of other documents", 1);
				continue;
			}
			rc = crk_sread_edge(r, product && strcmp(from, product) == 0 ? NULL : from, tid,
					    0, err);
			if (rc)
				goto out;
		}
		comp = jstr(e, "completeness");
		if (comp)
			crk_sread_completeness(r, from, comp);
	}
	if (x.oom)
		rc = oom(&x);
out:
	crk_map_release(&x.byid);
	crk_map_release(&x.scope);
	crk_map_release(&x.roots);
	crk_map_release(&x.artifact);
	crk_map_release(&x.declared);
	crk_map_release(&x.concluded);
	json_decref(keep);
	json_decref(root);
	return rc;
}
