/*
 * sbomcheck_conv.c - the two SBOM formats `crakit sbom check` reads by turning them into the JSON
 * shape of their JSON sibling (so sbomcheck_json.c reads all of them one way), and the XSD
 * validation of CycloneDX XML.
 *
 * CycloneDX XML (https://cyclonedx.org/docs/1.6/xml/): elements map to the JSON members of the
 * same name, attributes too (bom-ref, type, ref, alg, name, acknowledgement, tagId); the
 * containers (components, hashes, licenses, externalReferences, properties, authors, contact,
 * dependencies, compositions, assemblies, vulnerabilities) become arrays; <hash alg>text</hash>
 * is {"alg", "content"}, <property name>text</property> {"name", "value"}, a nested
 * <dependency ref/> a "dependsOn" entry. Only what the check reads is converted. The document is
 * parsed by libxml2 without network access, DTD loading or entity substitution; libxml2's own
 * limits bound depth and sizes.
 *
 * SPDX 2 tag-value (SPDX 2.3 §5 "tag:value" syntax): one "Tag: value" per line, <text>...</text>
 * spanning lines; a PackageName starts a package, whose tags follow it; Relationship values are
 * "A TYPE B". Only the tags the check reads are kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/sbomcheck.h"
#include "base/banned.h"

/* ---- CycloneDX XML ---- */

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	const xmlNode *c;
	for (c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Sets obj[key] to the text of `n` (trimmed), when not empty. */
static int set_text(json_t *obj, const char *key, const xmlNode *n)
{
	xmlChar *t;
	const char *s;
	size_t len;
	int rc = 0;
	if (!n)
		return 0;
	t = xmlNodeGetContent(n);
	if (!t)
		return 0;
	s = (const char *)t;
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len)
		rc = json_object_set_new(obj, key, json_stringn(s, len));
	xmlFree(t);
	return rc;
}

static int set_attr(json_t *obj, const char *key, const xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	int rc = 0;
	if (v && *v)
		rc = json_object_set_new(obj, key, json_string((const char *)v));
	xmlFree(v);
	return rc;
}

/* A list container: an array of conv(child) for each child element named `item`. */
static json_t *list(const xmlNode *container, const char *item,
		    json_t *(*conv)(const xmlNode *, int), int depth)
{
	json_t *a = json_array();
	const xmlNode *c;
	if (!a || !container)
		return a;
	for (c = container->children; c; c = c->next)
		if (is(c, item)) {
			json_t *v = conv(c, depth + 1);
			if (v)
				json_array_append_new(a, v);
		}
	return a;
}

static json_t *c_contact(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	(void)depth;
	if (o) {
		set_text(o, "name", child(n, "name"));
		set_text(o, "email", child(n, "email"));
	}
	return o;
}

static json_t *c_text(const xmlNode *n, int depth)
{
	json_t *o = json_object(), *v;
	(void)depth;
	if (!o)
		return NULL;
	set_text(o, "t", n);
	v = json_incref(json_object_get(o, "t"));
	json_decref(o);
	return v;
}

/* organizationalEntity: name, url*, contact* */
static json_t *c_entity(const xmlNode *n)
{
	json_t *o = json_object(), *urls = json_array(), *contacts = json_array();
	const xmlNode *c;
	if (!o || !urls || !contacts) {
		json_decref(o);
		json_decref(urls);
		json_decref(contacts);
		return NULL;
	}
	set_text(o, "name", child(n, "name"));
	for (c = n->children; c; c = c->next) {
		if (is(c, "url")) {
			json_t *u = c_text(c, 0);
			if (u)
				json_array_append_new(urls, u);
		} else if (is(c, "contact")) {
			json_array_append_new(contacts, c_contact(c, 0));
		}
	}
	json_object_set_new(o, "url", urls);
	json_object_set_new(o, "contact", contacts);
	return o;
}

static json_t *c_hash(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	(void)depth;
	if (o) {
		set_attr(o, "alg", n, "alg");
		set_text(o, "content", n);
	}
	return o;
}

static json_t *c_property(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	(void)depth;
	if (o) {
		set_attr(o, "name", n, "name");
		set_text(o, "value", n);
	}
	return o;
}

static json_t *c_reference(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	if (o) {
		set_attr(o, "type", n, "type");
		set_text(o, "url", child(n, "url"));
		json_object_set_new(o, "hashes", list(child(n, "hashes"), "hash", c_hash, depth));
	}
	return o;
}

/* licenses: <license acknowledgement><id|name/></license> and <expression acknowledgement> */
static json_t *c_licenses(const xmlNode *n)
{
	json_t *a = json_array();
	const xmlNode *c;
	if (!a || !n)
		return a;
	for (c = n->children; c; c = c->next) {
		json_t *o = json_object();
		if (!o)
			break;
		if (is(c, "license")) {
			json_t *l = json_object();
			if (l) {
				set_text(l, "id", child(c, "id"));
				set_text(l, "name", child(c, "name"));
				set_attr(l, "acknowledgement", c, "acknowledgement");
				json_object_set_new(o, "license", l);
			}
		} else if (is(c, "expression")) {
			set_text(o, "expression", c);
			set_attr(o, "acknowledgement", c, "acknowledgement");
		} else {
			json_decref(o);
			continue;
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *c_component(const xmlNode *n, int depth)
{
	json_t *o = json_object(), *swid;
	const xmlNode *x;
	if (!o || depth > CRK_MAX_DEPTH)
		return o;
	set_attr(o, "type", n, "type");
	set_attr(o, "bom-ref", n, "bom-ref");
	set_text(o, "name", child(n, "name"));
	set_text(o, "version", child(n, "version"));
	set_text(o, "group", child(n, "group"));
	set_text(o, "publisher", child(n, "publisher"));
	set_text(o, "author", child(n, "author"));
	set_text(o, "purl", child(n, "purl"));
	set_text(o, "cpe", child(n, "cpe"));
	if ((x = child(n, "swid")) != NULL && (swid = json_object()) != NULL) {
		set_attr(swid, "tagId", x, "tagId");
		json_object_set_new(o, "swid", swid);
	}
	if ((x = child(n, "supplier")) != NULL)
		json_object_set_new(o, "supplier", c_entity(x));
	if ((x = child(n, "manufacturer")) != NULL)
		json_object_set_new(o, "manufacturer", c_entity(x));
	json_object_set_new(o, "authors", list(child(n, "authors"), "author", c_contact, depth));
	json_object_set_new(o, "hashes", list(child(n, "hashes"), "hash", c_hash, depth));
	json_object_set_new(o, "licenses", c_licenses(child(n, "licenses")));
	json_object_set_new(o, "externalReferences",
			    list(child(n, "externalReferences"), "reference", c_reference, depth));
	json_object_set_new(o, "properties",
			    list(child(n, "properties"), "property", c_property, depth));
	json_object_set_new(o, "components",
			    list(child(n, "components"), "component", c_component, depth));
	return o;
}

static json_t *c_ref_attr(const xmlNode *n, int depth)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"ref");
	json_t *s = v ? json_string((const char *)v) : NULL;
	(void)depth;
	xmlFree(v);
	return s;
}

static json_t *c_dependency(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	if (o) {
		set_attr(o, "ref", n, "ref");
		json_object_set_new(o, "dependsOn", list(n, "dependency", c_ref_attr, depth));
	}
	return o;
}

static json_t *c_composition(const xmlNode *n, int depth)
{
	json_t *o = json_object();
	if (o) {
		set_text(o, "aggregate", child(n, "aggregate"));
		json_object_set_new(o, "assemblies",
				    list(child(n, "assemblies"), "assembly", c_ref_attr, depth));
		json_object_set_new(o, "dependencies",
				    list(child(n, "dependencies"), "dependency", c_ref_attr, depth));
	}
	return o;
}

static json_t *c_any(const xmlNode *n, int depth)
{
	(void)n;
	(void)depth;
	return json_object();
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int crk__cdx_xml_to_json(const char *buf, size_t len, const char *path, json_t **out,
			 char ver[16], struct crk_err *err)
{
	xmlDoc *d;
	const xmlNode *root, *md, *x;
	json_t *o, *m, *tools;
	const char *ns;

	*out = NULL;
	if (len > (size_t)INT32_MAX)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "too large");
	xmlSetGenericErrorFunc(NULL, silent);
	d = xmlReadMemory(buf, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
							 XML_PARSE_NOWARNING);
	if (!d) {
		const xmlError *e = xmlGetLastError();
		return crk_err_set(err, CRK_EPARSE, path, e ? (unsigned)e->line : 0,
				   e ? (unsigned)e->int2 : 0, "not well-formed XML%s%s",
				   e && e->message ? ": " : "", e && e->message ? e->message : "");
	}
	root = xmlDocGetRootElement(d);
	ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : "";
	if (!root || strcmp((const char *)root->name, "bom") != 0 ||
	    strncmp(ns, "http://cyclonedx.org/schema/bom/", 32) != 0) {
		unsigned line = root ? (unsigned)root->line : 1;
		xmlFreeDoc(d);
		return crk_err_set(err, CRK_EPARSE, path, line, 1,
				   "not a CycloneDX document (root element <bom> in the namespace "
				   "http://cyclonedx.org/schema/bom/1.x)");
	}
	snprintf(ver, 16, "%s", ns + 32);
	o = json_object();
	m = json_object();
	if (!o || !m) {
		json_decref(o);
		json_decref(m);
		xmlFreeDoc(d);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	json_object_set_new(o, "bomFormat", json_string("CycloneDX"));
	json_object_set_new(o, "specVersion", json_string(ver));
	set_attr(o, "serialNumber", root, "serialNumber");
	md = child(root, "metadata");
	set_text(m, "timestamp", child(md, "timestamp"));
	if ((x = child(md, "manufacturer")) != NULL || (x = child(md, "manufacture")) != NULL)
		json_object_set_new(m, "manufacturer", c_entity(x));
	if ((x = child(md, "supplier")) != NULL)
		json_object_set_new(m, "supplier", c_entity(x));
	json_object_set_new(m, "authors", list(child(md, "authors"), "author", c_contact, 0));
	/* tools: 1.4 <tool>, 1.5+ <components>/<services>: only whether any is named matters */
	tools = list(child(md, "tools"), "tool", c_any, 0);
	if (tools && child(md, "tools") && (child(child(md, "tools"), "components") ||
					    child(child(md, "tools"), "services")))
		json_array_append_new(tools, json_object());
	json_object_set_new(m, "tools", tools);
	if ((x = child(md, "component")) != NULL)
		json_object_set_new(m, "component", c_component(x, 0));
	json_object_set_new(o, "metadata", m);
	json_object_set_new(o, "components", list(child(root, "components"), "component",
						  c_component, 0));
	json_object_set_new(o, "dependencies", list(child(root, "dependencies"), "dependency",
						    c_dependency, 0));
	json_object_set_new(o, "compositions", list(child(root, "compositions"), "composition",
						    c_composition, 0));
	json_object_set_new(o, "vulnerabilities", list(child(root, "vulnerabilities"),
						       "vulnerability", c_any, 0));
	xmlFreeDoc(d);
	*out = o;
	return CRK_OK;
}

/* ---- XSD validation ---- */

/* Where the bom XSD's import of the SPDX namespace ("http://cyclonedx.org/schema/spdx") is
 * read from: the directory's spdx.xsd. Every other external load is refused (no network). */
static char xsd_spdx_path[CRK_MAX_PATH];
static xmlExternalEntityLoader default_loader;

static xmlParserInputPtr local_loader(const char *url, const char *id, xmlParserCtxtPtr ctx)
{
	if (url && (strcmp(url, "http://cyclonedx.org/schema/spdx") == 0 ||
		    strcmp(url, "http://cyclonedx.org/schema/spdx.xsd") == 0 ||
		    (strlen(url) > 9 && strcmp(url + strlen(url) - 9, "/spdx.xsd") == 0)))
		return xmlNewInputFromFile(ctx, xsd_spdx_path);
	if (url && strncmp(url, "http", 4) != 0 && strstr(url, "://") == NULL)
		return default_loader ? default_loader(url, id, ctx) : NULL;
	return NULL;
}

struct xsd_errs {
	struct crk_check_report *r;
};

static void xsd_error(void *ud, const xmlError *e)
{
	struct xsd_errs *x = ud;
	size_t k = x->r->nschema_errors++;
	size_t n;
	if (k >= 20 || !e)
		return;
	snprintf(x->r->schema_errors[k].where, sizeof(x->r->schema_errors[k].where), "line %d",
		 e->line);
	snprintf(x->r->schema_errors[k].what, sizeof(x->r->schema_errors[k].what), "%s",
		 e->message ? e->message : "invalid");
	n = strlen(x->r->schema_errors[k].what);
	while (n && x->r->schema_errors[k].what[n - 1] == '\n')
		x->r->schema_errors[k].what[--n] = '\0';
}

int crk__cdx_xml_validate(const char *buf, size_t len, const char *dir, const char *ver,
			  struct crk_check_report *r)
{
	static const char *const sub[] = {"", "/cyclonedx/schema", "/sbom/cyclonedx/schema", NULL};
	struct crk_strbuf xsd = CRK_STRBUF_INIT(0);
	xmlSchemaParserCtxtPtr pc = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vc = NULL;
	xmlDocPtr d = NULL;
	struct xsd_errs xe = {r};
	size_t i;
	int found = 0;

	snprintf(r->schema_name, sizeof(r->schema_name), "bom-%s.xsd", ver);
	if (!(ver[0] == '1' && ver[1] == '.' && isdigit((unsigned char)ver[2]) && !ver[3])) {
		/* no CycloneDX version has this namespace: no schema can accept the document */
		r->schema = -1;
		r->nschema_errors = 1;
		snprintf(r->schema_errors[0].where, sizeof(r->schema_errors[0].where), "line 1");
		snprintf(r->schema_errors[0].what, sizeof(r->schema_errors[0].what),
			 "the namespace http://cyclonedx.org/schema/bom/%s names no CycloneDX version",
			 ver);
		return CRK_OK;
	}
	for (i = 0; sub[i] && !found; i++) {
		crk_strbuf_reset(&xsd);
		crk_strbuf_addf(&xsd, "%s%s/bom-%s.xsd", dir, sub[i], ver);
		found = crk_strbuf_ok(&xsd) && access(xsd.buf, R_OK) == 0;
		if (found)
			snprintf(xsd_spdx_path, sizeof(xsd_spdx_path), "%s%s/spdx.xsd", dir, sub[i]);
	}
	if (!found) {
		snprintf(r->schema_note, sizeof(r->schema_note),
			 "schema not checked: bom-%s.xsd not found in %s", ver, dir);
		crk_strbuf_release(&xsd);
		return CRK_OK;
	}
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(local_loader);
	pc = xmlSchemaNewParserCtxt(xsd.buf);
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, NULL, NULL);
		schema = xmlSchemaParse(pc);
	}
	if (!schema) {
		snprintf(r->schema_note, sizeof(r->schema_note), "schema not checked: %s does not load",
			 xsd.buf);
		goto out;
	}
	d = xmlReadMemory(buf, (int)len, "sbom.xml", NULL,
			  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	vc = d ? xmlSchemaNewValidCtxt(schema) : NULL;
	if (!vc) {
		r->schema = -1;
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vc, (xmlStructuredErrorFunc)xsd_error, &xe);
	r->schema = xmlSchemaValidateDoc(vc, d) == 0 ? 1 : -1;
out:
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(d);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	xmlSetExternalEntityLoader(default_loader);
	crk_strbuf_release(&xsd);
	return CRK_OK;
}

/* ---- SPDX 2 tag-value ---- */

int crk__spdx_tv_to_json(const char *buf, size_t len, const char *path, json_t **out,
			 struct crk_err *err)
{
	struct crk_line_iter it;
	struct crk_strbuf text = CRK_STRBUF_INIT(CRK_MAX_STRING);
	json_t *doc = json_object(), *ci = json_object(), *creators = json_array(),
	       *pkgs = json_array(), *rels = json_array(), *pkg = NULL;
	const char *line;
	size_t n, lineno = 0, tags = 0;
	char tag[64];
	int in_text = 0, rc = CRK_OK;

	*out = NULL;
	if (!doc || !ci || !creators || !pkgs || !rels) {
		rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
		goto fail;
	}
	tag[0] = '\0';
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		const char *colon, *v;
		size_t vn;
		lineno++;
		if (in_text) {
			const char *end = n >= 7 ? memmem(line, n, "</text>", 7) : NULL;
			crk_strbuf_add(&text, line, end ? (size_t)(end - line) : n);
			if (!end) {
				crk_strbuf_addch(&text, '\n');
				continue;
			}
			in_text = 0;
			v = text.buf;
			vn = text.len;
			goto value;
		}
		crk_bytes_trim(&line, &n);
		if (!n || line[0] == '#')
			continue;
		colon = memchr(line, ':', n);
		if (!colon || colon == line || (size_t)(colon - line) >= sizeof(tag)) {
			if (!json_object_get(doc, "spdxVersion"))
				rc = crk_err_set(err, CRK_EPARSE, path, (unsigned)lineno, 1,
						 "not an SBOM crakit reads (CycloneDX JSON or XML, "
						 "SPDX 2 JSON, tag-value or YAML, SPDX 3 JSON-LD)");
			else
				rc = crk_err_set(err, CRK_EPARSE, path, (unsigned)lineno, 1,
						 "not an SPDX tag-value line (\"Tag: value\")");
			goto fail;
		}
		memcpy(tag, line, (size_t)(colon - line));
		tag[colon - line] = '\0';
		v = colon + 1;
		vn = n - (size_t)(v - line);
		crk_bytes_trim(&v, &vn);
		if (vn >= 6 && memcmp(v, "<text>", 6) == 0) {
			const char *end = memmem(v, vn, "</text>", 7);
			crk_strbuf_reset(&text);
			if (!end) {
				crk_strbuf_add(&text, v + 6, vn - 6);
				crk_strbuf_addch(&text, '\n');
				in_text = 1;
				continue;
			}
			crk_strbuf_add(&text, v + 6, (size_t)(end - v) - 6);
			v = text.buf;
			vn = text.len;
		}
value:
		tags++;
		if (strcmp(tag, "SPDXVersion") == 0) {
			json_object_set_new(doc, "spdxVersion", json_stringn(v, vn));
		} else if (strcmp(tag, "DocumentNamespace") == 0) {
			json_object_set_new(doc, "documentNamespace", json_stringn(v, vn));
		} else if (strcmp(tag, "Creator") == 0) {
			json_array_append_new(creators, json_stringn(v, vn));
		} else if (strcmp(tag, "Created") == 0) {
			json_object_set_new(ci, "created", json_stringn(v, vn));
		} else if (strcmp(tag, "PackageName") == 0) {
			pkg = json_object();
			if (!pkg || json_array_append_new(pkgs, pkg)) {
				rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
				goto fail;
			}
			json_object_set_new(pkg, "name", json_stringn(v, vn));
		} else if (pkg && strcmp(tag, "FileName") == 0) {
			pkg = NULL; /* a file section: its tags are not the package's */
		} else if (pkg) {
			static const struct {
				const char *tag, *key;
			} map[] = {{"SPDXID", "SPDXID"},
				   {"PackageVersion", "versionInfo"},
				   {"PackageSupplier", "supplier"},
				   {"PackageOriginator", "originator"},
				   {"PackageDownloadLocation", "downloadLocation"},
				   {"PackageFileName", "packageFileName"},
				   {"PackageLicenseConcluded", "licenseConcluded"},
				   {"PackageLicenseDeclared", "licenseDeclared"}};
			size_t k;
			for (k = 0; k < sizeof(map) / sizeof(map[0]); k++)
				if (strcmp(tag, map[k].tag) == 0)
					json_object_set_new(pkg, map[k].key, json_stringn(v, vn));
			if (strcmp(tag, "PackageChecksum") == 0) {
				/* "SHA512: hex" */
				const char *c2 = memchr(v, ':', vn);
				json_t *c = json_object(), *a = json_object_get(pkg, "checksums");
				if (!a) {
					a = json_array();
					json_object_set_new(pkg, "checksums", a);
				}
				if (c && c2) {
					const char *h = c2 + 1;
					size_t hn = vn - (size_t)(h - v);
					crk_bytes_trim(&h, &hn);
					json_object_set_new(c, "algorithm",
							    json_stringn(v, (size_t)(c2 - v)));
					json_object_set_new(c, "checksumValue", json_stringn(h, hn));
				}
				if (c)
					json_array_append_new(a, c);
			} else if (strcmp(tag, "ExternalRef") == 0) {
				/* "CATEGORY TYPE LOCATOR" */
				const char *sp1 = memchr(v, ' ', vn), *sp2;
				json_t *r = json_object(), *a = json_object_get(pkg, "externalRefs");
				if (!a) {
					a = json_array();
					json_object_set_new(pkg, "externalRefs", a);
				}
				sp2 = sp1 ? memchr(sp1 + 1, ' ', vn - (size_t)(sp1 + 1 - v)) : NULL;
				if (r && sp1 && sp2) {
					json_object_set_new(r, "referenceCategory",
							    json_stringn(v, (size_t)(sp1 - v)));
					json_object_set_new(r, "referenceType",
							    json_stringn(sp1 + 1, (size_t)(sp2 - sp1 - 1)));
					json_object_set_new(r, "referenceLocator",
							    json_stringn(sp2 + 1, vn - (size_t)(sp2 + 1 - v)));
				}
				if (r)
					json_array_append_new(a, r);
			}
		}
		if (strcmp(tag, "Relationship") == 0) {
			/* "SPDXRef-A TYPE SPDXRef-B" */
			char a[256], t[64], b[256];
			json_t *r = json_object();
			struct crk_strbuf one = CRK_STRBUF_INIT(0);
			crk_strbuf_add(&one, v, vn);
			if (r && crk_strbuf_ok(&one) &&
			    sscanf(one.buf, "%255s %63s %255s", a, t, b) == 3) {
				json_object_set_new(r, "spdxElementId", json_string(a));
				json_object_set_new(r, "relationshipType", json_string(t));
				json_object_set_new(r, "relatedSpdxElement", json_string(b));
				json_array_append_new(rels, r);
			} else {
				json_decref(r);
			}
			crk_strbuf_release(&one);
		}
	}
	if (!json_object_get(doc, "spdxVersion")) {
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 tags ? "not an SPDX document: no SPDXVersion tag"
				      : "not an SBOM crakit reads");
		goto fail;
	}
	json_object_set_new(ci, "creators", creators);
	json_object_set_new(doc, "creationInfo", ci);
	json_object_set_new(doc, "packages", pkgs);
	json_object_set_new(doc, "relationships", rels);
	crk_strbuf_release(&text);
	*out = doc;
	return CRK_OK;
fail:
	json_decref(doc);
	json_decref(ci);
	json_decref(creators);
	json_decref(pkgs);
	json_decref(rels);
	crk_strbuf_release(&text);
	return rc;
}
