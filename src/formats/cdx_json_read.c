/*
 * cdx_json_read.c - reading CycloneDX JSON (https://cyclonedx.org/docs/1.6/json/; schemas in
 * corpus/sbom/cyclonedx/schema/) into a BOM, for sbom_read.c. Spec versions 1.2 to 1.6 are read
 * (1.2 and 1.3 have the same shape for everything the model holds); 1.7 is read as 1.6 with a
 * warning that its new fields are not; anything else is CRK_EUNSUPPORTED.
 *
 * The mapping (docs/formats.md, "Reading SBOMs"):
 *  - components[] and their nested components[] (flattened: a nested component is a
 *    dependency of its parent, depth capped at CRK_SREAD_MAX_NEST) -> components; bom-ref is the
 *    reference dependencies[] use; metadata.component -> the product;
 *  - type -> kind; group/name/version, purl (identity), cpe; supplier, manufacturer, authors[],
 *    author -> supplier / parties / author; description, copyright; scope (excluded -> dev);
 *    hashes; licenses: declared ids, names and expressions joined with AND into `license`, those
 *    with acknowledgement "concluded" into `license_concluded`; externalReferences; properties
 *    (crakit's own names back into their fields); evidence.occurrences -> occurrences;
 *  - metadata: timestamp, tools (1.4 array, 1.5+ object), authors, manufacturer (and 1.5's
 *    manufacture), supplier, crakit's os/image properties; serialNumber and version into info;
 *  - compositions: an aggregate covering the whole BOM becomes info.completeness;
 *  - what the model has no place for (services, vulnerabilities, annotations, formulation,
 *    pedigree, swid, ...) is counted in info.dropped.
 * jansson keeps no positions, so diagnostics about an entry carry no line; a syntax error does.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/json_arena.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

struct cx {
	struct crk_sread *r;
	struct crk_err *err;
	int oom;
};

static const char *jstr(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int oom(struct cx *x)
{
	return crk_err_set(x->err, CRK_ENOMEM, x->r->path, 0, 0, "out of memory");
}

/* An organizationalEntity ({name, url[], contact[{name, email}]}) or an organizationalContact
 * ({name, email}) as a party. */
static void entity(const json_t *o, enum crk_party_role role, int org, struct crk_party *p)
{
	json_t *urls = json_object_get(o, "url"), *contacts = json_object_get(o, "contact"), *c;
	size_t i;
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->organization = org;
	p->name = jstr(o, "name");
	p->email = jstr(o, "email");
	if (json_is_string(urls))
		p->url = json_string_value(urls);
	json_array_foreach (urls, i, c)
		if (json_is_string(c) && !p->url)
			p->url = json_string_value(c);
	json_array_foreach (contacts, i, c) {
		if (!p->email && jstr(c, "email"))
			p->email = jstr(c, "email");
		if (!p->name && jstr(c, "name"))
			p->name = jstr(c, "name");
	}
}

/* Joins `add` to an AND-expression being built. */
static void and_join(struct crk_strbuf *sb, const char *add, int *count)
{
	if (!add || !*add)
		return;
	if (*count == 1) {
		/* the first term gets parentheses once a second one arrives, if it needs them */
		if (strchr(sb->buf, ' ')) {
			char *first = strdup(sb->buf);
			if (!first) {
				sb->failed = 1;
				return;
			}
			crk_strbuf_reset(sb);
			crk_strbuf_addf(sb, "(%s)", first);
			free(first);
		}
	}
	if (*count)
		crk_strbuf_adds(sb, " AND ");
	if (*count && strchr(add, ' '))
		crk_strbuf_addf(sb, "(%s)", add);
	else
		crk_strbuf_adds(sb, add);
	(*count)++;
}

static int licenses(struct cx *x, const json_t *arr, struct crk_sread_entry *e)
{
	struct crk_strbuf decl = CRK_STRBUF_INIT(CRK_MAX_STRING), conc = CRK_STRBUF_INIT(CRK_MAX_STRING);
	int nd = 0, nc = 0, rc = CRK_OK;
	json_t *l;
	size_t i;
	json_array_foreach (arr, i, l) {
		json_t *lic = json_object_get(l, "license");
		const char *ack, *v;
		if (json_is_object(lic)) {
			ack = jstr(lic, "acknowledgement");
			v = jstr(lic, "id") ? jstr(lic, "id") : jstr(lic, "name");
		} else {
			ack = jstr(l, "acknowledgement");
			v = jstr(l, "expression");
		}
		if (ack && strcmp(ack, "concluded") == 0)
			and_join(&conc, v, &nc);
		else
			and_join(&decl, v, &nd);
	}
	if (!crk_strbuf_ok(&decl) || !crk_strbuf_ok(&conc)) {
		rc = oom(x);
		goto out;
	}
	if (nd && !(e->pkg.license = crk_sread_dup(x->r, decl.buf, decl.len, &x->oom)))
		rc = oom(x);
	if (nc && !(e->pkg.license_concluded = crk_sread_dup(x->r, conc.buf, conc.len, &x->oom)))
		rc = oom(x);
out:
	crk_strbuf_release(&decl);
	crk_strbuf_release(&conc);
	return rc;
}

/* The members of a component the reader takes, found in one pass over the object (not a hash
 * lookup each); `unknown` when it has members the reader neither takes nor deliberately
 * ignores (those are counted as dropped). */
struct members {
	json_t *ref, *purl, *group, *name, *version, *type, *description, *copyright, *cpe,
		*author, *scope, *supplier, *manufacturer, *authors, *hashes, *licenses, *extrefs,
		*properties, *publisher, *evidence, *components;
	int unknown;
};

static void members(const json_t *c, struct members *m)
{
	/* ignored on purpose: not in the model, and not worth a note */
	static const char *const ignored[] = {"mime-type", "modified", "signature", "tags", NULL};
	static const struct {
		const char *key;
		size_t off;
	} taken[] = {
		{"type", offsetof(struct members, type)},
		{"bom-ref", offsetof(struct members, ref)},
		{"supplier", offsetof(struct members, supplier)},
		{"manufacturer", offsetof(struct members, manufacturer)},
		{"author", offsetof(struct members, author)},
		{"authors", offsetof(struct members, authors)},
		{"publisher", offsetof(struct members, publisher)},
		{"group", offsetof(struct members, group)},
		{"name", offsetof(struct members, name)},
		{"version", offsetof(struct members, version)},
		{"description", offsetof(struct members, description)},
		{"scope", offsetof(struct members, scope)},
		{"hashes", offsetof(struct members, hashes)},
		{"licenses", offsetof(struct members, licenses)},
		{"copyright", offsetof(struct members, copyright)},
		{"cpe", offsetof(struct members, cpe)},
		{"purl", offsetof(struct members, purl)},
		{"externalReferences", offsetof(struct members, extrefs)},
		{"properties", offsetof(struct members, properties)},
		{"components", offsetof(struct members, components)},
		{"evidence", offsetof(struct members, evidence)},
	};
	const char *k;
	json_t *v;
	size_t i;
	memset(m, 0, sizeof(*m));
	json_object_foreach ((json_t *)c, k, v) {
		for (i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
			if (taken[i].key[0] == k[0] && strcmp(k, taken[i].key) == 0) {
				*(json_t **)((char *)m + taken[i].off) = v;
				break;
			}
		if (i < sizeof(taken) / sizeof(taken[0]))
			continue;
		for (i = 0; ignored[i]; i++)
			if (ignored[i][0] == k[0] && strcmp(k, ignored[i]) == 0)
				break;
		if (!ignored[i])
			m->unknown = 1;
	}
}

/* Members of a component the reader takes (or deliberately ignores); others are counted. */
static int known_member(const char *k)
{
	static const char *const known[] = {
		"type", "bom-ref", "supplier", "manufacturer", "author", "authors", "publisher",
		"group", "name", "version", "description", "scope", "hashes", "licenses",
		"copyright", "cpe", "purl", "externalReferences", "properties", "components",
		"evidence", "mime-type", "modified", "signature", "tags", NULL,
	};
	size_t i;
	for (i = 0; known[i]; i++)
		if (known[i][0] == k[0] && strcmp(k, known[i]) == 0)
			return 1;
	return 0;
}

static const char *sval(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int component(struct cx *x, const json_t *c, size_t parent, int depth, int product);

static int children(struct cx *x, const json_t *arr, size_t parent, int depth)
{
	json_t *c;
	size_t i;
	int rc;
	if (depth >= CRK_SREAD_MAX_NEST)
		return crk_err_set(x->err, CRK_ELIMIT, x->r->path, 0, 0,
				   "components nested deeper than %d", CRK_SREAD_MAX_NEST);
	json_array_foreach (arr, i, c) {
		if (!json_is_object(c))
			continue;
		rc = component(x, c, parent, depth + 1, 0);
		if (rc)
			return rc;
	}
	return CRK_OK;
}

/* Reads one component (the product when `product`); `parent` is the component it is nested in,
 * CRK_BOM_ROOT for the product's children, CRK_BOM_NONE at the top. */
static int component(struct cx *x, const json_t *c, size_t parent, int depth, int product)
{
	struct crk_sread *r = x->r;
	struct crk_sread_entry e;
	struct members mb;
	struct crk_party p;
	const char *k, *scope, *type;
	json_t *v, *a;
	size_t i, id = CRK_BOM_NONE;
	int rc;

	memset(&e, 0, sizeof(e));
	members(c, &mb);
	e.ref = sval(mb.ref);
	e.purl = sval(mb.purl);
	e.group = sval(mb.group);
	e.name = sval(mb.name);
	e.version = sval(mb.version);
	type = sval(mb.type);
	e.pkg.kind = type && strcmp(type, "library") ? type : NULL;
	e.pkg.description = sval(mb.description);
	e.pkg.copyright = sval(mb.copyright);
	e.pkg.cpe = sval(mb.cpe);
	e.pkg.author = sval(mb.author);
	scope = sval(mb.scope);
	if (scope && strcmp(scope, "optional") == 0)
		e.pkg.scope = CRK_SCOPE_OPTIONAL;
	else if (scope && strcmp(scope, "excluded") == 0)
		e.pkg.scope = CRK_SCOPE_DEV;
	v = mb.supplier;
	if (json_is_object(v)) {
		entity(v, CRK_PARTY_SUPPLIER, 1, &p);
		e.pkg.supplier = p.name;
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	v = mb.manufacturer;
	if (json_is_object(v)) {
		entity(v, CRK_PARTY_MANUFACTURER, 1, &p);
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	json_array_foreach (mb.authors, i, v) {
		entity(v, CRK_PARTY_AUTHOR, 0, &p);
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	json_array_foreach (mb.hashes, i, v)
		if ((rc = crk_sread_hash(r, &e, jstr(v, "alg"), jstr(v, "content"), 0)))
			goto fail;
	if ((rc = licenses(x, mb.licenses, &e)))
		return rc;
	json_array_foreach (mb.extrefs, i, v) {
		json_t *h;
		size_t hi;
		if ((rc = crk_sread_extref(r, &e, jstr(v, "type"), jstr(v, "url"))))
			goto fail;
		/* BSI TR-03183-2 v2.1 §8.2 puts the deployable file's hash here */
		if (jstr(v, "type") && strcmp(jstr(v, "type"), "distribution") == 0)
			json_array_foreach (json_object_get(v, "hashes"), hi, h)
				if ((rc = crk_sread_hash(r, &e, jstr(h, "alg"), jstr(h, "content"), 0)))
					goto fail;
	}
	json_array_foreach (mb.properties, i, v) {
		const char *name = jstr(v, "name");
		if (product && name && strncmp(name, "crakit:image:", 13) == 0 &&
		    !(r->flags & CRK_READ_AS_COMPONENTS)) {
			struct crk_bom_meta *m = crk_bom_meta(r->bom);
			const char **f = strcmp(name + 13, "id") == 0	    ? &m->image_id
					 : strcmp(name + 13, "ref") == 0      ? &m->image_ref
					 : strcmp(name + 13, "platform") == 0 ? &m->image_platform
									      : NULL;
			if (f && crk_bom_set_str(r->bom, f, jstr(v, "value")))
				return oom(x);
			if (f)
				continue;
		}
		if (product && name && strncmp(name, "crakit:os:", 10) == 0)
			continue; /* repeated in metadata.properties, read there */
		if ((rc = crk_sread_property(r, &e, name, jstr(v, "value"))))
			goto fail;
	}
	if (sval(mb.publisher)) {
		struct crk_kv kv = {"publisher", sval(mb.publisher)};
		if ((rc = crk_sread_push(r, &e.props, &e.nprops, &e.propalloc, sizeof(kv), &kv)))
			goto fail;
	}
	a = json_object_get(mb.evidence, "occurrences");
	json_array_foreach (a, i, v) {
		struct crk_occurrence o = {jstr(v, "location"), 0, NULL};
		json_t *line = json_object_get(v, "line");
		if (!o.path || !*o.path)
			continue;
		if (json_is_integer(line) && json_integer_value(line) > 0 &&
		    json_integer_value(line) <= 0x7fffffff)
			o.line = (unsigned)json_integer_value(line);
		if ((rc = crk_sread_push(r, &e.occ, &e.nocc, &e.occalloc, sizeof(o), &o)))
			goto fail;
	}
	if (mb.unknown) {
		json_object_foreach ((json_t *)c, k, v) {
			char one[96], many[96];
			if (known_member(k))
				continue;
			snprintf(one, sizeof(one), "component with %.60s", k);
			snprintf(many, sizeof(many), "components with %.60s", k);
			crk_sread_drop(r, one, many, 1);
		}
	}

	if (product) {
		if ((rc = crk_sread_product(r, &e, x->err)))
			return rc;
		/* nested in the product: its direct dependencies */
		return children(x, mb.components, CRK_BOM_ROOT, depth);
	}
	if ((rc = crk_sread_add(r, &e, &id, x->err)))
		return rc;
	if (id != CRK_BOM_NONE && parent != CRK_BOM_NONE) {
		size_t from = parent;
		if (parent == CRK_BOM_ROOT && (r->flags & CRK_READ_AS_COMPONENTS))
			from = r->product_id != CRK_BOM_NONE ? r->product_id : CRK_BOM_ROOT;
		if (crk_bom_add_dep(r->bom, from, id) == CRK_ENOMEM)
			return oom(x);
		r->info->nedges++;
	}
	return children(x, mb.components, id != CRK_BOM_NONE ? id : parent,
			depth);
fail:
	if (rc == CRK_ELIMIT)
		return crk_err_set(x->err, CRK_ELIMIT, r->path, 0, 0,
				   "component '%.100s': more than %d hashes, licences, properties "
				   "or references",
				   e.name ? e.name : "", CRK_SREAD_MAX_LIST);
	return oom(x);
}

static int tools(struct cx *x, const json_t *t)
{
	const json_t *list = json_is_object(t) ? json_object_get(t, "components") : t;
	json_t *v;
	size_t i;
	json_array_foreach ((json_t *)list, i, v) {
		const char *name = jstr(v, "name");
		if (name && crk_bom_meta_add_tool(x->r->bom, name, jstr(v, "version")))
			return oom(x);
	}
	if (json_is_object(t))
		crk_sread_drop(x->r, "tool service", "tool services",
			       json_array_size(json_object_get(t, "services")));
	return CRK_OK;
}

static int metadata(struct cx *x, const json_t *m)
{
	struct crk_sread *r = x->r;
	struct crk_bom_meta *bm = crk_bom_meta(r->bom);
	struct crk_party p;
	json_t *v, *comp;
	const char *ts = jstr(m, "timestamp"), *k;
	int64_t t;
	size_t i;
	int meta = !(r->flags & CRK_READ_AS_COMPONENTS), rc;

	if (ts) {
		if (crk_sread_time(ts, &t) == 0) {
			r->info->has_timestamp = 1;
			if (meta)
				bm->timestamp = t;
		} else if (r->diags) {
			crk_diags_addf(r->diags, CRK_EPARSE, r->path, 0, 0,
				       "metadata.timestamp '%.60s' is not an RFC 3339 time", ts);
		}
	}
	if (meta) {
		if ((rc = tools(x, json_object_get(m, "tools"))))
			return rc;
		json_array_foreach (json_object_get(m, "authors"), i, v) {
			entity(v, CRK_PARTY_AUTHOR, 0, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		v = json_object_get(m, "manufacturer");
		if (!json_is_object(v))
			v = json_object_get(m, "manufacture");
		if (json_is_object(v)) {
			entity(v, CRK_PARTY_MANUFACTURER, 1, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		v = json_object_get(m, "supplier");
		if (json_is_object(v)) {
			entity(v, CRK_PARTY_SUPPLIER, 1, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		json_array_foreach (json_object_get(m, "properties"), i, v) {
			const char *name = jstr(v, "name");
			const char **f = NULL;
			if (name && strcmp(name, "crakit:os:id") == 0)
				f = &bm->os_id;
			else if (name && strcmp(name, "crakit:os:version") == 0)
				f = &bm->os_version;
			else if (name && strcmp(name, "crakit:os:codename") == 0)
				f = &bm->os_codename;
			if (f && crk_bom_set_str(r->bom, f, jstr(v, "value")))
				return oom(x);
			if (!f)
				crk_sread_drop(r, "metadata property", "metadata properties", 1);
		}
	}
	json_object_foreach ((json_t *)m, k, v) {
		if (strcmp(k, "lifecycles") == 0)
			crk_sread_drop(r, "metadata.lifecycles", "metadata.lifecycles",
				       json_array_size(v) ? 1 : 0);
		else if (strcmp(k, "licenses") == 0)
			crk_sread_drop(r, "metadata.licenses", "metadata.licenses",
				       json_array_size(v) ? 1 : 0);
	}
	comp = json_object_get(m, "component");
	if (json_is_object(comp))
		return component(x, comp, CRK_BOM_NONE, 0, 1);
	return CRK_OK;
}

static size_t count_services(const json_t *arr, int depth)
{
	size_t n = 0, i;
	json_t *s;
	if (depth > CRK_SREAD_MAX_NEST)
		return 0;
	json_array_foreach ((json_t *)arr, i, s)
		n += 1 + count_services(json_object_get(s, "services"), depth + 1);
	return n;
}

static int compositions(struct cx *x, const json_t *arr)
{
	struct crk_sread *r = x->r;
	json_t *c, *refs;
	size_t i, j;
	json_array_foreach ((json_t *)arr, i, c) {
		const char *agg = jstr(c, "aggregate");
		json_t *as = json_object_get(c, "assemblies"), *ds = json_object_get(c, "dependencies");
		int whole = json_array_size(as) == 0 && json_array_size(ds) == 0;
		for (refs = ds, j = 0; !whole && r->product_ref && j < json_array_size(refs); j++)
			if (json_is_string(json_array_get(refs, j)) &&
			    strcmp(json_string_value(json_array_get(refs, j)), r->product_ref) == 0)
				whole = 1;
		if (whole && agg && !r->info->completeness) {
			r->info->completeness = crk_bom_strndup(r->bom, agg, strlen(agg));
			if (!r->info->completeness)
				return oom(x);
		} else if (json_array_size(ds) && !json_array_size(as)) {
			/* the dependency lists of these components are (in)complete */
			for (j = 0; j < json_array_size(ds); j++)
				if (json_is_string(json_array_get(ds, j)))
					crk_sread_completeness(
						r, json_string_value(json_array_get(ds, j)), agg);
		} else {
			crk_sread_drop(r, "composition of assemblies", "compositions of assemblies", 1);
		}
	}
	return CRK_OK;
}

int crk_cdx_json_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	static const struct {
		const char *key, *one, *many;
	} dropped[] = {
		{"services", "service", "services"},
		{"vulnerabilities", "vulnerability", "vulnerabilities"},
		{"annotations", "annotation", "annotations"},
		{"formulation", "formulation", "formulations"},
		{"externalReferences", "document external reference", "document external references"},
		{"declarations", "declarations", "declarations"},
		{"definitions", "definitions", "definitions"},
		{"signature", "signature", "signatures"},
	};
	struct cx x = {r, err, 0};
	struct crk_json_arena ja;
	json_error_t jerr;
	json_t *root, *v, *d;
	const char *fmt, *spec, *serial;
	unsigned major = 0, minor = 0;
	size_t i, j;
	int rc = CRK_OK;

	root = crk_json_load_arena(&ja, buf, len, 0, &jerr);
	if (!root) {
		crk_json_arena_release(&ja);
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return oom(&x);
		return crk_err_set(err, CRK_EPARSE, r->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0,
				   "not well-formed JSON: %s", jerr.text);
	}
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, 1, 1, "a CycloneDX document is an object");
		goto out;
	}
	fmt = jstr(root, "bomFormat");
	if (!fmt || strcmp(fmt, "CycloneDX") != 0) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, 0, 0,
				 "bomFormat is '%.40s', not 'CycloneDX'", fmt ? fmt : "(missing)");
		goto out;
	}
	spec = jstr(root, "specVersion");
	if (!spec || sscanf(spec, "%u.%u", &major, &minor) != 2 || major != 1 || minor < 2) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, r->path, 0, 0,
				 "CycloneDX specVersion '%.20s' is not one crakit reads (1.2 to 1.6)",
				 spec ? spec : "(missing)");
		crk_err_hint(err, "crakit reads CycloneDX 1.4, 1.5 and 1.6 (and 1.2, 1.3 JSON)");
		goto out;
	}
	if (minor > 6 && r->diags)
		crk_diags_addf(r->diags, CRK_EUNSUPPORTED, r->path, 0, 0,
			       "CycloneDX %.20s is read as 1.6: what 1.7 added is not kept", spec);
	snprintf(r->info->spec_version, sizeof(r->info->spec_version), "%s", spec);
	serial = jstr(root, "serialNumber");
	if (serial) {
		r->info->serial = crk_bom_strndup(r->bom, serial, strlen(serial));
		if (!r->info->serial || (!(r->flags & CRK_READ_AS_COMPONENTS) &&
					 crk_bom_set_str(r->bom, &crk_bom_meta(r->bom)->serial, serial))) {
			rc = oom(&x);
			goto out;
		}
	}
	v = json_object_get(root, "version");
	r->info->version = json_is_integer(v) && json_integer_value(v) > 0 &&
				   json_integer_value(v) < 0x7fffffff
			       ? (int)json_integer_value(v)
			       : 1;

	v = json_object_get(root, "metadata");
	if (json_is_object(v) && (rc = metadata(&x, v)))
		goto out;
	v = json_object_get(root, "components");
	if (v && !json_is_array(v)) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, 0, 0, "components is not an array");
		goto out;
	}
	if ((rc = children(&x, v, CRK_BOM_NONE, 0)))
		goto out;
	v = json_object_get(root, "dependencies");
	if (json_is_array(v))
		r->info->has_dependencies = 1;
	json_array_foreach (v, i, d) {
		const char *from = jstr(d, "ref");
		json_t *to;
		if (!from)
			continue;
		json_array_foreach (json_object_get(d, "dependsOn"), j, to)
			if (json_is_string(to) &&
			    (rc = crk_sread_edge(r, from, json_string_value(to), 0, err)))
				goto out;
		if (json_array_size(json_object_get(d, "provides")))
			crk_sread_drop(r, "\"provides\" relation", "\"provides\" relations",
				       json_array_size(json_object_get(d, "provides")));
	}
	if ((rc = compositions(&x, json_object_get(root, "compositions"))))
		goto out;
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		v = json_object_get(root, dropped[i].key);
		if (!v)
			continue;
		if (strcmp(dropped[i].key, "services") == 0)
			crk_sread_drop(r, dropped[i].one, dropped[i].many, count_services(v, 0));
		else
			crk_sread_drop(r, dropped[i].one, dropped[i].many,
				       json_is_array(v) ? json_array_size(v) : 1);
	}
out:
	crk_json_arena_release(&ja);
	return rc;
}
