/*
 * cdx_xml.c - reading CycloneDX XML (https://cyclonedx.org/docs/1.6/xml/; XSDs in
 * corpus/sbom/cyclonedx/schema/) into a BOM, for sbom_read.c. The namespace names the version:
 * http://cyclonedx.org/schema/bom/1.0 to 1.6 are read (1.0 and 1.1 have no metadata and no
 * dependencies, the rest has the shape of 1.6 for what the model holds); 1.7 is read as 1.6
 * with a warning; only elements in the document's CycloneDX namespace are looked at, so an
 * extension's element of the same local name is never mistaken for ours.
 *
 * The mapping is the one of cdx_json_read.c (docs/formats.md, "Reading SBOMs"), element for
 * member: <tools><tool> (1.4) and <tools><components><component> (1.5+), <licenses><license>
 * with <id>/<name> and the acknowledgement attribute, <expression>, <properties><property
 * name="">, <dependencies><dependency ref=""><dependency ref=""/>, <externalReferences>
 * <reference type="">, <evidence><occurrences><occurrence><location>. Entries carry the line
 * of their element (libxml2 keeps it), so diagnostics point at it.
 * The XML is read by formats/xml.c: no network, no DTD, no entity declarations at all.
 * The writer of CycloneDX 1.6 XML is cdx_xml_write.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/sbom_read.h"
#include "formats/xml.h"
#include "base/banned.h"

#define CDX_NS "http://cyclonedx.org/schema/bom/"

struct cx {
	struct crk_sread *r;
	struct crk_err *err;
	const char *ns; /* the document's namespace */
	int oom;
};

static int oom(struct cx *x)
{
	return crk_err_set(x->err, CRK_ENOMEM, x->r->path, 0, 0, "out of memory");
}

/* An element of ours named `name`. */
static int is(const struct cx *x, const xmlNode *n, const char *name)
{
	return crk_xml_is(n, name) && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, x->ns) == 0;
}

static xmlNode *child(const struct cx *x, const xmlNode *n, const char *name)
{
	xmlNode *c;
	for (c = n ? n->children : NULL; c; c = c->next)
		if (is(x, c, name))
			return c;
	return NULL;
}

static xmlNode *next(const struct cx *x, const xmlNode *n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (is(x, n, name))
			return (xmlNode *)n;
	return NULL;
}

#define EACH(x, c, parent, name) \
	for (c = child(x, parent, name); c; c = next(x, c, name))

static const char *text(struct cx *x, const xmlNode *n)
{
	const char *t = crk_xml_text(&x->r->a, n);
	if (!t)
		x->oom = 1;
	return t;
}

static const char *ctext(struct cx *x, const xmlNode *n, const char *name)
{
	const xmlNode *c = child(x, n, name);
	return c ? text(x, c) : NULL;
}

static const char *attr(struct cx *x, const xmlNode *n, const char *name)
{
	return crk_xml_attr(&x->r->a, n, name, &x->oom);
}

/* An organizationalEntity or organizationalContact. */
static void entity(struct cx *x, const xmlNode *o, enum crk_party_role role, int org,
		   struct crk_party *p)
{
	const xmlNode *c;
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->organization = org;
	p->name = ctext(x, o, "name");
	p->email = ctext(x, o, "email");
	p->url = ctext(x, o, "url");
	EACH(x, c, o, "contact")
	{
		if (!p->email)
			p->email = ctext(x, c, "email");
		if (!p->name)
			p->name = ctext(x, c, "name");
	}
}

static void and_join(struct crk_strbuf *sb, const char *add, int *count)
{
	if (!add || !*add)
		return;
	if (*count == 1 && strchr(sb->buf, ' ')) {
		char *first = strdup(sb->buf);
		if (!first) {
			sb->failed = 1;
			return;
		}
		crk_strbuf_reset(sb);
		crk_strbuf_addf(sb, "(%s)", first);
		free(first);
	}
	if (*count)
		crk_strbuf_adds(sb, " AND ");
	if (*count && strchr(add, ' '))
		crk_strbuf_addf(sb, "(%s)", add);
	else
		crk_strbuf_adds(sb, add);
	(*count)++;
}

static int licenses(struct cx *x, const xmlNode *ls, struct crk_sread_entry *e)
{
	struct crk_strbuf decl = CRK_STRBUF_INIT(CRK_MAX_STRING), conc = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const xmlNode *l;
	int nd = 0, nc = 0, rc = CRK_OK;
	for (l = ls ? ls->children : NULL; l; l = l->next) {
		const char *ack, *v;
		if (is(x, l, "license")) {
			v = ctext(x, l, "id");
			if (!v)
				v = ctext(x, l, "name");
		} else if (is(x, l, "expression")) {
			v = text(x, l);
		} else {
			continue;
		}
		ack = attr(x, l, "acknowledgement");
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

static int known_element(const char *k)
{
	static const char *const known[] = {
		"supplier", "manufacturer", "author", "authors", "publisher", "group", "name",
		"version", "description", "scope", "hashes", "licenses", "copyright", "cpe", "purl",
		"externalReferences", "properties", "components", "evidence", "modified", "tags",
		"Signature", "signature", NULL,
	};
	size_t i;
	for (i = 0; known[i]; i++)
		if (strcmp(k, known[i]) == 0)
			return 1;
	return 0;
}

static int component(struct cx *x, const xmlNode *c, size_t parent, int depth, int product);

static int children(struct cx *x, const xmlNode *list, size_t parent, int depth)
{
	const xmlNode *c;
	int rc;
	if (!list)
		return CRK_OK;
	if (depth >= CRK_SREAD_MAX_NEST)
		return crk_err_set(x->err, CRK_ELIMIT, x->r->path, crk_xml_line(list), 0,
				   "components nested deeper than %d", CRK_SREAD_MAX_NEST);
	EACH(x, c, list, "component")
	{
		rc = component(x, c, parent, depth + 1, 0);
		if (rc)
			return rc;
	}
	return CRK_OK;
}

static int component(struct cx *x, const xmlNode *c, size_t parent, int depth, int product)
{
	struct crk_sread *r = x->r;
	struct crk_sread_entry e;
	struct crk_party p;
	const xmlNode *v, *k;
	const char *scope, *type;
	size_t id = CRK_BOM_NONE;
	int rc;

	memset(&e, 0, sizeof(e));
	e.line = crk_xml_line(c);
	e.ref = attr(x, c, "bom-ref");
	e.purl = ctext(x, c, "purl");
	e.group = ctext(x, c, "group");
	e.name = ctext(x, c, "name");
	e.version = ctext(x, c, "version");
	type = attr(x, c, "type");
	e.pkg.kind = type && strcmp(type, "library") ? type : NULL;
	/* free text keeps its spaces (xs:normalizedString); names and versions are trimmed */
	if ((v = child(x, c, "description")) && !(e.pkg.description = crk_xml_text_raw(&r->a, v)))
		x->oom = 1;
	if ((v = child(x, c, "copyright")) && !(e.pkg.copyright = crk_xml_text_raw(&r->a, v)))
		x->oom = 1;
	e.pkg.cpe = ctext(x, c, "cpe");
	e.pkg.author = ctext(x, c, "author");
	scope = ctext(x, c, "scope");
	if (scope && strcmp(scope, "optional") == 0)
		e.pkg.scope = CRK_SCOPE_OPTIONAL;
	else if (scope && strcmp(scope, "excluded") == 0)
		e.pkg.scope = CRK_SCOPE_DEV;
	if ((v = child(x, c, "supplier"))) {
		entity(x, v, CRK_PARTY_SUPPLIER, 1, &p);
		e.pkg.supplier = p.name;
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	if ((v = child(x, c, "manufacturer"))) {
		entity(x, v, CRK_PARTY_MANUFACTURER, 1, &p);
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	EACH(x, v, child(x, c, "authors"), "author")
	{
		entity(x, v, CRK_PARTY_AUTHOR, 0, &p);
		if ((rc = crk_sread_party(r, &e, &p)))
			goto fail;
	}
	EACH(x, v, child(x, c, "hashes"), "hash")
		if ((rc = crk_sread_hash(r, &e, attr(x, v, "alg"), text(x, v), crk_xml_line(v))))
			goto fail;
	if ((rc = licenses(x, child(x, c, "licenses"), &e)))
		return rc;
	EACH(x, v, child(x, c, "externalReferences"), "reference")
	{
		const char *t = attr(x, v, "type");
		if ((rc = crk_sread_extref(r, &e, t, ctext(x, v, "url"))))
			goto fail;
		if (t && strcmp(t, "distribution") == 0)
			EACH(x, k, child(x, v, "hashes"), "hash")
				if ((rc = crk_sread_hash(r, &e, attr(x, k, "alg"), text(x, k),
							 crk_xml_line(k))))
					goto fail;
	}
	EACH(x, v, child(x, c, "properties"), "property")
	{
		const char *name = attr(x, v, "name");
		if (product && name && strncmp(name, "crakit:image:", 13) == 0 &&
		    !(r->flags & CRK_READ_AS_COMPONENTS)) {
			struct crk_bom_meta *m = crk_bom_meta(r->bom);
			const char **f = strcmp(name + 13, "id") == 0	    ? &m->image_id
					 : strcmp(name + 13, "ref") == 0      ? &m->image_ref
					 : strcmp(name + 13, "platform") == 0 ? &m->image_platform
									      : NULL;
			if (f && crk_bom_set_str(r->bom, f, text(x, v)))
				return oom(x);
			if (f)
				continue;
		}
		if (product && name && strncmp(name, "crakit:os:", 10) == 0)
			continue;
		if ((rc = crk_sread_property(r, &e, name, text(x, v))))
			goto fail;
	}
	if ((v = child(x, c, "publisher"))) {
		struct crk_kv kv = {"publisher", text(x, v)};
		if ((rc = crk_sread_push(r, &e.props, &e.nprops, &e.propalloc, sizeof(kv), &kv)))
			goto fail;
	}
	EACH(x, v, child(x, child(x, c, "evidence"), "occurrences"), "occurrence")
	{
		struct crk_occurrence o = {ctext(x, v, "location"), 0, NULL};
		const char *line = ctext(x, v, "line");
		if (!o.path || !*o.path)
			continue;
		if (line && strspn(line, "0123456789") == strlen(line) && strlen(line) < 10)
			o.line = (unsigned)strtoul(line, NULL, 10);
		if ((rc = crk_sread_push(r, &e.occ, &e.nocc, &e.occalloc, sizeof(o), &o)))
			goto fail;
	}
	for (v = c->children; v; v = v->next) {
		char one[96], many[96];
		if (v->type != XML_ELEMENT_NODE || !is(x, v, (const char *)v->name) ||
		    known_element((const char *)v->name))
			continue;
		snprintf(one, sizeof(one), "component with %.60s", (const char *)v->name);
		snprintf(many, sizeof(many), "components with %.60s", (const char *)v->name);
		crk_sread_drop(r, one, many, 1);
	}
	if (x->oom)
		return oom(x);

	if (product) {
		if ((rc = crk_sread_product(r, &e, x->err)))
			return rc;
		return children(x, child(x, c, "components"), CRK_BOM_ROOT, depth);
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
	return children(x, child(x, c, "components"), id != CRK_BOM_NONE ? id : parent, depth);
fail:
	if (rc == CRK_ELIMIT)
		return crk_err_set(x->err, CRK_ELIMIT, r->path, e.line, 0,
				   "component '%.100s': more than %d hashes, licences, properties "
				   "or references",
				   e.name ? e.name : "", CRK_SREAD_MAX_LIST);
	return oom(x);
}

static int metadata(struct cx *x, const xmlNode *m)
{
	struct crk_sread *r = x->r;
	struct crk_bom_meta *bm = crk_bom_meta(r->bom);
	struct crk_party p;
	const xmlNode *v, *t;
	const char *ts = ctext(x, m, "timestamp");
	int64_t sec;
	int meta = !(r->flags & CRK_READ_AS_COMPONENTS);

	if (ts) {
		if (crk_sread_time(ts, &sec) == 0) {
			r->info->has_timestamp = 1;
			if (meta)
				bm->timestamp = sec;
		} else if (r->diags) {
			crk_diags_addf(r->diags, CRK_EPARSE, r->path,
				       crk_xml_line(child(x, m, "timestamp")), 0,
				       "metadata timestamp '%.60s' is not an RFC 3339 time", ts);
		}
	}
	if (meta) {
		const xmlNode *tools = child(x, m, "tools");
		EACH(x, t, tools, "tool")
			if (ctext(x, t, "name") &&
			    crk_bom_meta_add_tool(r->bom, ctext(x, t, "name"), ctext(x, t, "version")))
				return oom(x);
		EACH(x, t, child(x, tools, "components"), "component")
			if (ctext(x, t, "name") &&
			    crk_bom_meta_add_tool(r->bom, ctext(x, t, "name"), ctext(x, t, "version")))
				return oom(x);
		if (child(x, tools, "services")) {
			size_t n = 0;
			EACH(x, t, child(x, tools, "services"), "service")
				n++;
			crk_sread_drop(r, "tool service", "tool services", n);
		}
		EACH(x, v, child(x, m, "authors"), "author")
		{
			entity(x, v, CRK_PARTY_AUTHOR, 0, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		v = child(x, m, "manufacturer");
		if (!v)
			v = child(x, m, "manufacture");
		if (v) {
			entity(x, v, CRK_PARTY_MANUFACTURER, 1, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		if ((v = child(x, m, "supplier"))) {
			entity(x, v, CRK_PARTY_SUPPLIER, 1, &p);
			if ((p.name || p.email || p.url) && crk_bom_meta_add_party(r->bom, &p))
				return oom(x);
		}
		EACH(x, v, child(x, m, "properties"), "property")
		{
			const char *name = attr(x, v, "name");
			const char **f = NULL;
			if (name && strcmp(name, "crakit:os:id") == 0)
				f = &bm->os_id;
			else if (name && strcmp(name, "crakit:os:version") == 0)
				f = &bm->os_version;
			else if (name && strcmp(name, "crakit:os:codename") == 0)
				f = &bm->os_codename;
			if (f && crk_bom_set_str(r->bom, f, text(x, v)))
				return oom(x);
			if (!f)
				crk_sread_drop(r, "metadata property", "metadata properties", 1);
		}
	}
	if (child(x, m, "lifecycles"))
		crk_sread_drop(r, "metadata.lifecycles", "metadata.lifecycles", 1);
	if (child(x, m, "licenses"))
		crk_sread_drop(r, "metadata.licenses", "metadata.licenses", 1);
	if (x->oom)
		return oom(x);
	if ((v = child(x, m, "component")))
		return component(x, v, CRK_BOM_NONE, 0, 1);
	return CRK_OK;
}

static size_t count_services(const struct cx *x, const xmlNode *list, int depth)
{
	const xmlNode *s;
	size_t n = 0;
	if (depth > CRK_SREAD_MAX_NEST)
		return 0;
	EACH(x, s, list, "service")
		n += 1 + count_services(x, child(x, s, "services"), depth + 1);
	return n;
}

static int compositions(struct cx *x, const xmlNode *list)
{
	struct crk_sread *r = x->r;
	const xmlNode *c, *d;
	EACH(x, c, list, "composition")
	{
		const char *agg = ctext(x, c, "aggregate");
		const xmlNode *as = child(x, c, "assemblies"), *ds = child(x, c, "dependencies");
		int whole = !child(x, as, "assembly") && !child(x, ds, "dependency");
		EACH(x, d, ds, "dependency")
		{
			const char *ref = attr(x, d, "ref");
			if (ref && r->product_ref && strcmp(ref, r->product_ref) == 0)
				whole = 1;
		}
		if (whole && agg && !r->info->completeness) {
			r->info->completeness = crk_bom_strndup(r->bom, agg, strlen(agg));
			if (!r->info->completeness)
				return oom(x);
		} else if (child(x, ds, "dependency") && !child(x, as, "assembly")) {
			EACH(x, d, ds, "dependency")
				crk_sread_completeness(r, attr(x, d, "ref"), agg);
		} else {
			crk_sread_drop(r, "composition of assemblies", "compositions of assemblies", 1);
		}
	}
	return x->oom ? oom(x) : CRK_OK;
}

int crk_cdx_xml_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	static const struct {
		const char *el, *one, *many;
	} dropped[] = {
		{"vulnerabilities", "vulnerability", "vulnerabilities"},
		{"annotations", "annotation", "annotations"},
		{"formulation", "formulation", "formulations"},
		{"externalReferences", "document external reference", "document external references"},
		{"declarations", "declarations", "declarations"},
		{"definitions", "definitions", "definitions"},
	};
	struct cx x = {r, err, NULL, 0};
	xmlDocPtr doc = NULL;
	xmlNode *root, *v, *d, *to;
	const char *href, *serial, *ver;
	unsigned major = 0, minor = 0;
	size_t i;
	int rc;

	rc = crk_xml_read(&doc, buf, len, r->path, err);
	if (rc)
		return rc;
	root = xmlDocGetRootElement(doc);
	href = root && root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
	if (!crk_xml_is(root, "bom") || !href || strncmp(href, CDX_NS, strlen(CDX_NS)) != 0) {
		rc = crk_err_set(err, CRK_EPARSE, r->path, root ? crk_xml_line(root) : 0, 0,
				 "the root element is not a CycloneDX <bom> (namespace %s1.x)", CDX_NS);
		goto out;
	}
	x.ns = href;
	if (sscanf(href + strlen(CDX_NS), "%u.%u", &major, &minor) != 2 || major != 1) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, r->path, crk_xml_line(root), 0,
				 "CycloneDX namespace '%.80s' is not one crakit reads (1.0 to 1.6)",
				 href);
		goto out;
	}
	if (minor > 6 && r->diags)
		crk_diags_addf(r->diags, CRK_EUNSUPPORTED, r->path, crk_xml_line(root), 0,
			       "CycloneDX 1.%u is read as 1.6: what it added is not kept", minor);
	snprintf(r->info->spec_version, sizeof(r->info->spec_version), "1.%u", minor);
	serial = attr(&x, root, "serialNumber");
	if (serial) {
		r->info->serial = crk_bom_strndup(r->bom, serial, strlen(serial));
		if (!r->info->serial || (!(r->flags & CRK_READ_AS_COMPONENTS) &&
					 crk_bom_set_str(r->bom, &crk_bom_meta(r->bom)->serial, serial))) {
			rc = oom(&x);
			goto out;
		}
	}
	ver = attr(&x, root, "version");
	r->info->version = ver && strspn(ver, "0123456789") == strlen(ver) && strlen(ver) < 10 &&
				   *ver
			       ? (int)strtoul(ver, NULL, 10)
			       : 1;
	if ((v = child(&x, root, "metadata")) && (rc = metadata(&x, v)))
		goto out;
	if ((rc = children(&x, child(&x, root, "components"), CRK_BOM_NONE, 0)))
		goto out;
	if ((v = child(&x, root, "dependencies")))
		r->info->has_dependencies = 1;
	EACH(&x, d, v, "dependency")
	{
		const char *from = attr(&x, d, "ref");
		if (!from)
			continue;
		EACH(&x, to, d, "dependency")
			if ((rc = crk_sread_edge(r, from, attr(&x, to, "ref"), crk_xml_line(to), err)))
				goto out;
		if (child(&x, d, "provides"))
			crk_sread_drop(r, "\"provides\" relation", "\"provides\" relations", 1);
	}
	if ((rc = compositions(&x, child(&x, root, "compositions"))))
		goto out;
	crk_sread_drop(r, "service", "services", count_services(&x, child(&x, root, "services"), 0));
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		size_t n = 0;
		v = child(&x, root, dropped[i].el);
		for (d = v ? v->children : NULL; d; d = d->next)
			if (d->type == XML_ELEMENT_NODE)
				n++;
		crk_sread_drop(r, dropped[i].one, dropped[i].many, v && !n ? 1 : n);
	}
	if (x.oom)
		rc = oom(&x);
out:
	xmlFreeDoc(doc);
	return rc;
}
