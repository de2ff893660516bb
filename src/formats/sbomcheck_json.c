/*
 * sbomcheck_json.c - the presence views (sbomcheck.h) of CycloneDX JSON, SPDX 2 JSON and SPDX 3
 * JSON-LD: which of the facts BSI TR-03183-2 and the NTIA minimum elements ask for each
 * document states, and where.
 *
 * The places (docs/bsi-tr-03183-2.md has the table with the guideline's sections):
 *  CycloneDX  creator of the SBOM    metadata.manufacturer url[] / contact[].email (1.5 also
 *                                    "manufacture"); v2.0 and NTIA also metadata.authors,
 *                                    supplier; NTIA also tools
 *             component creator      manufacturer url[] / contact[].email; v2.0 also supplier,
 *                                    authors[].email
 *             filename, executable,  properties bsi:component:filename / executable
 *             archive, structured    ("executable"|"non-executable") / archive ("archive"|"no
 *                                    archive") / structured ("structured"|"unstructured"), the
 *                                    values of the BSI property taxonomy
 *             dependencies           an entry in dependencies[] (empty for a leaf), and a
 *                                    compositions[] aggregate naming it (or naming nothing:
 *                                    then it covers the whole BOM)
 *             licences               licenses[]: id, expression, or a name that is itself a valid
 *                                    SPDX expression; acknowledgement concluded / declared
 *             hash of the deployable externalReferences[type=distribution].hashes SHA-512 (v2.1);
 *                                    v2.0 also component hashes
 *             source URI / deploy URI  externalReferences source-distribution or vcs /
 *                                    distribution; security.txt: rfc-9116
 *             other identifiers      purl, cpe, swid.tagId
 *  SPDX 2     creators "Person|Organization: name (email)", package supplier/originator with an
 *             email, packageFileName, checksums SHA512, licenseConcluded/Declared, downloadLocation,
 *             externalRefs purl/cpe/swid, relationships; no place for executable/archive/
 *             structured or completeness other than a DEPENDS_ON NONE / NOASSERTION
 *  SPDX 3     CreationInfo.createdBy agent's externalIdentifier email / urlScheme, created;
 *             software_Sbom spdxId; per software_Package: originatedBy agent, suppliedBy,
 *             externalIdentifier cpe22/cpe23/swid/packageUrl (or software_packageUrl), dependsOn /
 *             contains relationships with completeness, hasConcludedLicense / hasDeclaredLicense /
 *             other "hasEffectiveLicense" to a license expression, hasDistributionArtifact to a
 *             software_File (name, verifiedUsing sha512, externalRef binaryArtifact,
 *             software_additionalPurpose), generates to its source (externalRef sourceArtifact).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "formats/sbomcheck.h"
#include "formats/spdx_license.h"
#include "base/banned.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : NULL;
}

static int valid_license(const char *s)
{
	return s && crk_spdx_expression(s, strlen(s), NULL) != CRK_SPDX_INVALID;
}

static int is_sha512(const char *alg, const char *v)
{
	size_t i;
	if (!alg || !v || strlen(v) != 128)
		return 0;
	if (strcasecmp(alg, "SHA-512") && strcasecmp(alg, "SHA512") && strcasecmp(alg, "sha512"))
		return 0;
	for (i = 0; i < 128; i++)
		if (!strchr("0123456789abcdefABCDEF", v[i]))
			return 0;
	return 1;
}

static int looks_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	return at && at != s && at[1] && !strchr(s, ' ');
}

static int looks_url(const char *s)
{
	return s && (strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0);
}

struct pcomp *crk__pres_add(struct presence *p, const char *id, int primary)
{
	struct pcomp *c;
	if (CRK_GROW(p->c, p->alloc, p->n + 1)) {
		p->oom = 1;
		return NULL;
	}
	c = &p->c[p->n];
	c->id = crk_arena_strdup(p->a, id ? id : "");
	if (!c->id) {
		p->oom = 1;
		return NULL;
	}
	c->have = 0;
	c->primary = primary;
	p->n++;
	return c;
}

/* ---- CycloneDX ---- */

/* An organizationalEntity (manufacturer, supplier) with a URL or an email contact. */
static int entity_contact(const json_t *e)
{
	size_t i;
	json_t *v;
	if (!json_is_object(e))
		return 0;
	json_array_foreach(json_object_get(e, "url"), i, v)
		if (json_string_value(v) && *json_string_value(v))
			return 1;
	json_array_foreach(json_object_get(e, "contact"), i, v)
		if (looks_email(str(v, "email")))
			return 1;
	return 0;
}

static int authors_contact(const json_t *authors)
{
	size_t i;
	json_t *v;
	json_array_foreach(authors, i, v)
		if (looks_email(str(v, "email")))
			return 1;
	return 0;
}

static const char *cdx_prop(const json_t *c, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(c, "properties"), i, p)
		if (str(p, "name") && strcmp(str(p, "name"), name) == 0)
			return str(p, "value");
	return NULL;
}

static int one_of(const char *v, const char *a, const char *b)
{
	return v && (strcmp(v, a) == 0 || strcmp(v, b) == 0);
}

/* Records one CycloneDX component (and, recursively, those nested in it). `refs` maps bom-ref
 * to the component's index + 1. */
static void cdx_component(struct presence *p, const json_t *c, int primary, struct crk_map *refs,
			  int depth)
{
	struct pcomp *pc;
	const char *ref = str(c, "bom-ref"), *id = ref, *v;
	char buf[512];
	size_t i;
	json_t *e, *h;
	unsigned long have = 0;

	if (!json_is_object(c) || depth > 64)
		return;
	if (!id)
		id = str(c, "purl");
	if (!id) {
		snprintf(buf, sizeof(buf), "%s@%s", str(c, "name") ? str(c, "name") : "(no name)",
			 str(c, "version") ? str(c, "version") : "");
		id = buf;
	}
	pc = crk__pres_add(p, id, primary);
	if (!pc)
		return;
	if (ref && !crk_map_get(refs, ref, strlen(ref)) &&
	    crk_map_put(refs, pc->id, strlen(pc->id), (void *)(uintptr_t)p->n))
		p->oom = 1;
	if (str(c, "name"))
		have |= P_NAME;
	if (str(c, "version"))
		have |= P_VERSION;
	if (entity_contact(json_object_get(c, "manufacturer")))
		have |= P_CREATOR_V21 | P_CREATOR_ANY;
	if (entity_contact(json_object_get(c, "supplier")) ||
	    authors_contact(json_object_get(c, "authors")))
		have |= P_CREATOR_ANY;
	if (str(json_object_get(c, "supplier"), "name") ||
	    str(json_object_get(c, "manufacturer"), "name") || str(c, "publisher") ||
	    str(c, "author") || json_array_size(json_object_get(c, "authors")))
		have |= P_SUPPLIER;
	if (cdx_prop(c, "bsi:component:filename"))
		have |= P_FILENAME;
	if (one_of(cdx_prop(c, "bsi:component:executable"), "executable", "non-executable"))
		have |= P_EXECUTABLE;
	if (one_of(cdx_prop(c, "bsi:component:archive"), "archive", "no archive"))
		have |= P_ARCHIVE;
	if (one_of(cdx_prop(c, "bsi:component:structured"), "structured", "unstructured"))
		have |= P_STRUCTURED;
	if (valid_license(cdx_prop(c, "bsi:component:effectiveLicense")) ||
	    valid_license(cdx_prop(c, "bsi:component:effectiveLicence")))
		have |= P_LIC_EFFECTIVE;
	json_array_foreach(json_object_get(c, "licenses"), i, e) {
		const json_t *l = json_object_get(e, "license");
		const char *ack = json_is_object(l) ? str(l, "acknowledgement") : str(e, "acknowledgement");
		int ok = json_is_object(l) ? valid_license(str(l, "id")) || valid_license(str(l, "name"))
					   : valid_license(str(e, "expression"));
		if (!ok)
			continue;
		have |= P_LIC_ANY;
		if (ack && strcmp(ack, "concluded") == 0)
			have |= P_LIC_CONCLUDED;
		if (ack && strcmp(ack, "declared") == 0)
			have |= P_LIC_DECLARED;
	}
	json_array_foreach(json_object_get(c, "hashes"), i, h)
		if (is_sha512(str(h, "alg"), str(h, "content")))
			have |= P_HASH_ANY;
	json_array_foreach(json_object_get(c, "externalReferences"), i, e) {
		const char *t = str(e, "type");
		int sha = 0;
		size_t k;
		if (!t || !str(e, "url"))
			continue;
		json_array_foreach(json_object_get(e, "hashes"), k, h)
			sha |= is_sha512(str(h, "alg"), str(h, "content"));
		if (strcmp(t, "distribution") == 0) {
			have |= P_DEPLOY_URI;
			if (sha)
				have |= P_HASH_DEPLOY | P_HASH_ANY;
		} else if (strcmp(t, "source-distribution") == 0 || strcmp(t, "vcs") == 0) {
			have |= P_SOURCE_URI;
			if (sha && strcmp(t, "source-distribution") == 0)
				have |= P_SOURCE_HASH;
		} else if (strcmp(t, "rfc-9116") == 0) {
			have |= P_SECURITY_TXT;
		}
	}
	if (str(c, "purl") || str(c, "cpe") || str(json_object_get(c, "swid"), "tagId"))
		have |= P_OTHER_IDS;
	(void)v;
	pc->have |= have;
	json_array_foreach(json_object_get(c, "components"), i, e)
		cdx_component(p, e, 0, refs, depth + 1);
}

void crk__pres_cyclonedx(struct presence *p, const json_t *doc)
{
	const json_t *md = json_object_get(doc, "metadata"), *e, *v, *tools;
	struct crk_map refs;
	size_t i, k;
	const char *ver = str(doc, "specVersion");

	snprintf(p->spec_version, sizeof(p->spec_version), "%s", ver ? ver : "");
	if (str(md, "timestamp"))
		p->sbom |= S_TIMESTAMP;
	e = json_object_get(md, "manufacturer");
	if (!e)
		e = json_object_get(md, "manufacture"); /* 1.5's name of it */
	if (entity_contact(e))
		p->sbom |= S_CREATOR_V21 | S_CREATOR_ANY;
	if (entity_contact(json_object_get(md, "supplier")) ||
	    authors_contact(json_object_get(md, "authors")))
		p->sbom |= S_CREATOR_ANY;
	tools = json_object_get(md, "tools");
	if (str(e, "name") || str(json_object_get(md, "supplier"), "name") ||
	    json_array_size(json_object_get(md, "authors")) || json_array_size(tools) ||
	    json_array_size(json_object_get(tools, "components")) ||
	    json_array_size(json_object_get(tools, "services")))
		p->sbom |= S_AUTHOR;
	if (str(doc, "serialNumber"))
		p->sbom |= S_URI;
	if (!json_array_size(json_object_get(doc, "vulnerabilities")))
		p->sbom |= S_NO_VULNS;

	crk_map_init(&refs);
	if (json_is_object(json_object_get(md, "component")))
		cdx_component(p, json_object_get(md, "component"), 1, &refs, 0);
	json_array_foreach(json_object_get(doc, "components"), i, e)
		cdx_component(p, e, 0, &refs, 0);
	/* the dependency graph: an own entry (a leaf's is empty), or a target */
	json_array_foreach(json_object_get(doc, "dependencies"), i, e) {
		const char *ref = str(e, "ref");
		uintptr_t ix = ref ? (uintptr_t)crk_map_get(&refs, ref, strlen(ref)) : 0;
		if (ix)
			p->c[ix - 1].have |= P_DEPS_ENTRY | P_DEPS_ANY;
		json_array_foreach(json_object_get(e, "dependsOn"), k, v) {
			const char *t = json_string_value(v);
			uintptr_t tx = t ? (uintptr_t)crk_map_get(&refs, t, strlen(t)) : 0;
			if (tx)
				p->c[tx - 1].have |= P_DEPS_ANY;
		}
	}
	/* completeness: a composition's aggregate, for what it names or, naming nothing, for all */
	json_array_foreach(json_object_get(doc, "compositions"), i, e) {
		const char *agg = str(e, "aggregate");
		const json_t *lists[2];
		size_t l, named = 0;
		if (!agg || strcmp(agg, "not_specified") == 0)
			continue;
		lists[0] = json_object_get(e, "assemblies");
		lists[1] = json_object_get(e, "dependencies");
		for (l = 0; l < 2; l++)
			json_array_foreach(lists[l], k, v) {
				const char *t = json_string_value(v);
				uintptr_t tx = t ? (uintptr_t)crk_map_get(&refs, t, strlen(t)) : 0;
				named++;
				if (tx)
					p->c[tx - 1].have |= P_DEPS_COMPLETENESS;
			}
		if (!named)
			for (k = 0; k < p->n; k++)
				p->c[k].have |= P_DEPS_COMPLETENESS;
	}
	crk_map_release(&refs);
}

/* ---- SPDX 2 ---- */

/* "Person: Name (email)" / "Organization: Name (email)": has an email. */
static int agent_email(const char *s)
{
	const char *o, *c;
	if (!s)
		return 0;
	o = strrchr(s, '(');
	c = o ? strchr(o, ')') : NULL;
	return o && c && memchr(o, '@', (size_t)(c - o)) != NULL;
}

static int named_agent(const char *s)
{
	return s && strcmp(s, "NOASSERTION") != 0 && strcmp(s, "NONE") != 0;
}

void crk__pres_spdx2(struct presence *p, const json_t *doc)
{
	const json_t *ci = json_object_get(doc, "creationInfo"), *e, *r;
	struct crk_map ids;
	const char *ver = str(doc, "spdxVersion");
	size_t i;

	snprintf(p->spec_version, sizeof(p->spec_version), "%s",
		 ver && strncmp(ver, "SPDX-", 5) == 0 ? ver + 5 : ver ? ver : "");
	if (str(ci, "created"))
		p->sbom |= S_TIMESTAMP;
	json_array_foreach(json_object_get(ci, "creators"), i, e) {
		const char *s = json_string_value(e);
		if (s && *s)
			p->sbom |= S_AUTHOR;
		if (s && strncmp(s, "Tool:", 5) != 0 && agent_email(s))
			p->sbom |= S_CREATOR_ANY;
	}
	if (str(doc, "documentNamespace"))
		p->sbom |= S_URI;
	p->sbom |= S_NO_VULNS; /* SPDX 2 holds vulnerabilities only as external references */

	crk_map_init(&ids);
	json_array_foreach(json_object_get(doc, "packages"), i, e) {
		const char *id = str(e, "SPDXID"), *dl = str(e, "downloadLocation");
		struct pcomp *pc = crk__pres_add(p, id ? id : str(e, "name"), 0);
		unsigned long have = 0;
		size_t k;
		json_t *x;
		if (!pc)
			break;
		if (id && crk_map_put(&ids, pc->id, strlen(pc->id), (void *)(uintptr_t)p->n))
			p->oom = 1;
		if (str(e, "name"))
			have |= P_NAME;
		if (str(e, "versionInfo"))
			have |= P_VERSION;
		if (agent_email(str(e, "supplier")) || agent_email(str(e, "originator")))
			have |= P_CREATOR_ANY;
		if (named_agent(str(e, "supplier")) || named_agent(str(e, "originator")))
			have |= P_SUPPLIER;
		if (str(e, "packageFileName"))
			have |= P_FILENAME;
		json_array_foreach(json_object_get(e, "checksums"), k, x)
			if (is_sha512(str(x, "algorithm"), str(x, "checksumValue")))
				have |= P_HASH_ANY;
		if (valid_license(str(e, "licenseConcluded")))
			have |= P_LIC_ANY | P_LIC_CONCLUDED;
		if (valid_license(str(e, "licenseDeclared")))
			have |= P_LIC_ANY | P_LIC_DECLARED;
		if (dl && strcmp(dl, "NONE") && strcmp(dl, "NOASSERTION"))
			have |= P_DEPLOY_URI;
		json_array_foreach(json_object_get(e, "externalRefs"), k, x) {
			const char *t = str(x, "referenceType");
			if (t && (strcmp(t, "purl") == 0 || strcmp(t, "cpe23Type") == 0 ||
				  strcmp(t, "cpe22Type") == 0 || strcmp(t, "swid") == 0))
				have |= P_OTHER_IDS;
		}
		pc->have |= have;
	}
	json_array_foreach(json_object_get(doc, "relationships"), i, r) {
		const char *t = str(r, "relationshipType"), *a = str(r, "spdxElementId"),
			   *b = str(r, "relatedSpdxElement");
		uintptr_t ia = a ? (uintptr_t)crk_map_get(&ids, a, strlen(a)) : 0;
		uintptr_t ib = b ? (uintptr_t)crk_map_get(&ids, b, strlen(b)) : 0;
		if (!t || (!strstr(t, "DEPEND") && strcmp(t, "CONTAINS") && strcmp(t, "CONTAINED_BY")))
			continue;
		if (ia)
			p->c[ia - 1].have |= P_DEPS_ANY | P_DEPS_ENTRY;
		if (ib)
			p->c[ib - 1].have |= P_DEPS_ANY;
		if (ia && b && (strcmp(b, "NONE") == 0 || strcmp(b, "NOASSERTION") == 0))
			p->c[ia - 1].have |= P_DEPS_COMPLETENESS;
	}
	/* the package the document DESCRIBES is the primary one */
	json_array_foreach(json_object_get(doc, "relationships"), i, r) {
		const char *b = str(r, "relatedSpdxElement");
		uintptr_t ib = b ? (uintptr_t)crk_map_get(&ids, b, strlen(b)) : 0;
		if (ib && str(r, "relationshipType") && strcmp(str(r, "relationshipType"), "DESCRIBES") == 0 &&
		    str(r, "spdxElementId") && strcmp(str(r, "spdxElementId"), "SPDXRef-DOCUMENT") == 0)
			p->c[ib - 1].primary = 1;
	}
	json_array_foreach(json_object_get(doc, "documentDescribes"), i, e) {
		const char *b = json_string_value(e);
		uintptr_t ib = b ? (uintptr_t)crk_map_get(&ids, b, strlen(b)) : 0;
		if (ib)
			p->c[ib - 1].primary = 1;
	}
	crk_map_release(&ids);
}

/* ---- SPDX 3 ---- */

struct s3x {
	struct presence *p;
	struct crk_map byid; /* spdxId / @id -> element */
	const json_t *graph;
};

/* An element named by a reference: an IRI or blank node id, or an inline object. */
static const json_t *deref(struct s3x *x, const json_t *v)
{
	const char *s = json_string_value(v);
	if (json_is_object(v))
		return v;
	return s ? crk_map_get(&x->byid, s, strlen(s)) : NULL;
}

static int has_type(const json_t *e, const char *t)
{
	const char *s = str(e, "type");
	if (!s)
		s = str(e, "@type");
	return s && strcmp(s, t) == 0;
}

/* An agent with an email (or, with `url`, a URL) in its externalIdentifier. */
static int agent_contact(struct s3x *x, const json_t *ref)
{
	const json_t *a = deref(x, ref), *ei;
	size_t i;
	json_array_foreach(json_object_get(a, "externalIdentifier"), i, ei) {
		const char *t = str(ei, "externalIdentifierType"), *v = str(ei, "identifier");
		if (!t || !v)
			continue;
		if (strcmp(t, "email") == 0 && looks_email(v))
			return 1;
		if ((strcmp(t, "urlScheme") == 0 || strcmp(t, "other") == 0) && looks_url(v))
			return 1;
	}
	return 0;
}

static int license_valid(struct s3x *x, const json_t *ref)
{
	const json_t *l = deref(x, ref);
	if (!l)
		return 0;
	if (valid_license(str(l, "simplelicensing_licenseExpression")))
		return 1;
	/* a listed licence element (expandedlicensing) counts too */
	return has_type(l, "expandedlicensing_ListedLicense") || has_type(l, "expandedlicensing_CustomLicense");
}

static unsigned long file_facts(struct s3x *x, const json_t *f)
{
	unsigned long have = 0;
	size_t i;
	json_t *v;
	const json_t *purposes = json_object_get(f, "software_additionalPurpose");
	const char *comment = str(f, "comment");
	if (!f)
		return 0;
	if (str(f, "name"))
		have |= P_FILENAME;
	json_array_foreach(json_object_get(f, "verifiedUsing"), i, v)
		if (is_sha512(str(v, "algorithm"), str(v, "hashValue")))
			have |= P_HASH_DEPLOY | P_HASH_ANY;
	json_array_foreach(json_object_get(f, "externalRef"), i, v)
		if (str(v, "externalRefType") && strcmp(str(v, "externalRefType"), "binaryArtifact") == 0)
			have |= P_DEPLOY_URI;
	/* v2.1 §8.2: the additional purposes state the properties; the file's comment says so
	 * ("software_additionalPurpose field is used to indicate the properties of BSI TR-03183-2"),
	 * so a file without "executable" or "archive" among them is stated to be neither */
	if (json_is_array(purposes) || (comment && strstr(comment, "TR-03183")))
		have |= P_EXECUTABLE | P_ARCHIVE;
	json_array_foreach(purposes, i, v) {
		const char *s = json_string_value(v);
		if (s && (strcmp(s, "container") == 0 || strcmp(s, "firmware") == 0))
			have |= P_STRUCTURED;
	}
	(void)x;
	return have;
}

void crk__pres_spdx3(struct presence *p, const json_t *doc)
{
	struct s3x x;
	const json_t *graph = json_object_get(doc, "@graph"), *e, *ci = NULL;
	struct crk_map pkgs; /* spdxId -> index + 1 */
	size_t i, k;
	json_t *v;

	memset(&x, 0, sizeof(x));
	x.p = p;
	crk_map_init(&x.byid);
	crk_map_init(&pkgs);
	snprintf(p->spec_version, sizeof(p->spec_version), "3.0.1");
	p->sbom |= S_NO_VULNS;
	json_array_foreach(graph, i, e) {
		const char *id = str(e, "spdxId");
		if (!id)
			id = str(e, "@id");
		if (id && crk_map_put(&x.byid, id, strlen(id), (void *)e))
			p->oom = 1;
		if (has_type(e, "CreationInfo") && str(e, "specVersion"))
			snprintf(p->spec_version, sizeof(p->spec_version), "%s", str(e, "specVersion"));
		if (has_type(e, "software_Sbom") && id)
			p->sbom |= S_URI;
		if (str(e, "type") && strncmp(str(e, "type"), "security_", 9) == 0)
			p->sbom &= ~(unsigned long)S_NO_VULNS;
	}
	/* the document's creation info (inline or a blank node) */
	json_array_foreach(graph, i, e)
		if (has_type(e, "SpdxDocument"))
			ci = deref(&x, json_object_get(e, "creationInfo"));
	json_array_foreach(graph, i, e)
		if (!ci && has_type(e, "CreationInfo"))
			ci = e;
	if (ci) {
		if (str(ci, "created"))
			p->sbom |= S_TIMESTAMP;
		json_array_foreach(json_object_get(ci, "createdBy"), i, v) {
			p->sbom |= S_AUTHOR;
			if (agent_contact(&x, v))
				p->sbom |= S_CREATOR_V21 | S_CREATOR_ANY;
		}
		if (json_array_size(json_object_get(ci, "createdUsing")))
			p->sbom |= S_AUTHOR;
	}
	/* packages */
	json_array_foreach(graph, i, e) {
		const char *id = str(e, "spdxId");
		struct pcomp *pc;
		unsigned long have = 0;
		if (!has_type(e, "software_Package"))
			continue;
		pc = crk__pres_add(p, id ? id : str(e, "name"), 0);
		if (!pc)
			break;
		if (id && crk_map_put(&pkgs, pc->id, strlen(pc->id), (void *)(uintptr_t)p->n))
			p->oom = 1;
		if (str(e, "name"))
			have |= P_NAME;
		if (str(e, "software_packageVersion"))
			have |= P_VERSION;
		json_array_foreach(json_object_get(e, "originatedBy"), k, v) {
			have |= P_SUPPLIER;
			if (agent_contact(&x, v))
				have |= P_CREATOR_V21 | P_CREATOR_ANY;
		}
		if (json_object_get(e, "suppliedBy")) {
			have |= P_SUPPLIER;
			if (agent_contact(&x, json_object_get(e, "suppliedBy")))
				have |= P_CREATOR_ANY;
		}
		json_array_foreach(json_object_get(e, "externalIdentifier"), k, v) {
			const char *t = str(v, "externalIdentifierType");
			if (t && (strcmp(t, "cpe22") == 0 || strcmp(t, "cpe23") == 0 ||
				  strcmp(t, "swid") == 0 || strcmp(t, "packageUrl") == 0))
				have |= P_OTHER_IDS;
		}
		if (str(e, "software_packageUrl"))
			have |= P_OTHER_IDS;
		json_array_foreach(json_object_get(e, "verifiedUsing"), k, v)
			if (is_sha512(str(v, "algorithm"), str(v, "hashValue")))
				have |= P_HASH_ANY;
		if (str(e, "software_downloadLocation"))
			have |= P_DEPLOY_URI;
		json_array_foreach(json_object_get(e, "externalRef"), k, v) {
			const char *t = str(v, "externalRefType");
			const json_t *loc = json_array_get(json_object_get(v, "locator"), 0);
			if (!t)
				continue;
			if (strcmp(t, "vcs") == 0 || strcmp(t, "sourceArtifact") == 0)
				have |= P_SOURCE_URI;
			if (strcmp(t, "securityOther") == 0 && json_string_value(loc) &&
			    strstr(json_string_value(loc), "security.txt"))
				have |= P_SECURITY_TXT;
		}
		pc->have |= have;
	}
	/* the root element of the Sbom is the primary component */
	json_array_foreach(graph, i, e)
		if (has_type(e, "software_Sbom"))
			json_array_foreach(json_object_get(e, "rootElement"), k, v) {
				const char *s = json_string_value(v);
				uintptr_t ix = s ? (uintptr_t)crk_map_get(&pkgs, s, strlen(s)) : 0;
				if (ix)
					p->c[ix - 1].primary = 1;
			}
	/* relationships */
	json_array_foreach(graph, i, e) {
		const char *t = str(e, "relationshipType"), *from = str(e, "from");
		uintptr_t ix = from ? (uintptr_t)crk_map_get(&pkgs, from, strlen(from)) : 0;
		const json_t *to = json_object_get(e, "to");
		unsigned long have = 0;
		if (!t || (!has_type(e, "Relationship") && !has_type(e, "LifecycleScopedRelationship")))
			continue;
		if (strcmp(t, "dependsOn") == 0 || strcmp(t, "contains") == 0) {
			have |= P_DEPS_ENTRY | P_DEPS_ANY;
			if (str(e, "completeness"))
				have |= P_DEPS_COMPLETENESS;
			json_array_foreach(to, k, v) {
				const char *s = json_string_value(v);
				uintptr_t tx = s ? (uintptr_t)crk_map_get(&pkgs, s, strlen(s)) : 0;
				if (tx)
					p->c[tx - 1].have |= P_DEPS_ANY;
			}
		} else if (strcmp(t, "hasConcludedLicense") == 0 || strcmp(t, "hasDeclaredLicense") == 0) {
			json_array_foreach(to, k, v)
				if (license_valid(&x, v))
					have |= P_LIC_ANY | (t[3] == 'C' ? P_LIC_CONCLUDED : P_LIC_DECLARED);
		} else if (strcmp(t, "other") == 0 && str(e, "comment") &&
			   strstr(str(e, "comment"), "hasEffectiveLicense")) {
			json_array_foreach(to, k, v)
				if (license_valid(&x, v))
					have |= P_LIC_EFFECTIVE;
		} else if (strcmp(t, "hasDistributionArtifact") == 0) {
			json_array_foreach(to, k, v)
				have |= file_facts(&x, deref(&x, v));
		} else if (strcmp(t, "generates") == 0) {
			/* generated from a source artifact: "from" is the source */
			uintptr_t tx;
			const json_t *src = deref(&x, json_object_get(e, "from"));
			json_array_foreach(to, k, v) {
				const char *s = json_string_value(v);
				size_t j;
				json_t *r;
				tx = s ? (uintptr_t)crk_map_get(&pkgs, s, strlen(s)) : 0;
				if (!tx || !src)
					continue;
				json_array_foreach(json_object_get(src, "externalRef"), j, r)
					if (str(r, "externalRefType") &&
					    strcmp(str(r, "externalRefType"), "sourceArtifact") == 0)
						p->c[tx - 1].have |= P_SOURCE_URI;
				json_array_foreach(json_object_get(src, "verifiedUsing"), j, r)
					if (str(r, "hashValue"))
						p->c[tx - 1].have |= P_SOURCE_HASH;
			}
		}
		if (ix)
			p->c[ix - 1].have |= have;
	}
	crk_map_release(&pkgs);
	crk_map_release(&x.byid);
}
