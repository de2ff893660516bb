/*
 * cdx_xml_write.c - the "cyclonedx-xml" writer: CycloneDX 1.6 XML (https://cyclonedx.org/docs/
 * 1.6/xml/, schema corpus/sbom/cyclonedx/schema/bom-1.6.xsd; tests/unit/formats/test_cdx_xml.c
 * validates what it writes with libxml2's xmlSchemaValidateDoc). The reader is cdx_xml.c.
 *
 * The same document as cdx_json.c writes without a profile, element for member, in the order
 * the XSD's sequences demand (component: supplier, manufacturer, authors, group, name, version,
 * description, scope, hashes, licenses, copyright, cpe, purl, externalReferences, properties,
 * evidence); the same bom-refs ("crakit:root" for the product), the same serial number and
 * timestamp, the same properties. Two things the JSON writer writes only with the BSI profile
 * are written here whenever they are known, since they cost nothing and an SBOM read as input
 * may carry them: compositions (a component's dependency completeness) and the BSI
 * TR-03183-2 file properties (bsi:component:filename, ...:executable, ...:archive,
 * ...:structured).
 *
 * Text is escaped for XML 1.0: <, >, &, " and ' as entities, invalid UTF-8 and the control
 * characters XML 1.0 forbids (even as references) as U+FFFD, so any BOM gives a well-formed
 * document. Streamed into the strbuf, deterministic: same BOM, same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "formats/cdx_common.h"
#include "formats/spdx_license.h"
#include "formats/writer.h"
#include "base/banned.h"

#define CDX_ROOT_REF "crakit:root"
#define XML_MAX_DEPTH 32

struct xw {
	struct crk_strbuf *sb;
	int pretty, depth;
	struct crk_strbuf lic; /* scratch for licences */
	/* properties of one component, sorted before writing */
	struct crk_kv *props;
	size_t nprops, propalloc;
	char **owned; /* property names built here */
	size_t nowned, ownedalloc;
	const struct crk_hash **hashes;
	size_t hashalloc;
	const struct crk_occurrence **occ;
	size_t occalloc;
	int oom;
};

/* ---- escaping ---- */

/* Length of the valid UTF-8 sequence at s[0..n) that XML 1.0 allows, or 0. */
static size_t xml_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;
	if (c < 0x80)
		return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return len;
}

static void esc(struct crk_strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = xml_char(p + i, n - i);
		if (!k) {
			crk_strbuf_adds(sb, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (k == 1) {
			switch (p[i]) {
			case '<': crk_strbuf_adds(sb, "&lt;"); break;
			case '>': crk_strbuf_adds(sb, "&gt;"); break;
			case '&': crk_strbuf_adds(sb, "&amp;"); break;
			case '"': crk_strbuf_adds(sb, "&quot;"); break;
			case '\'': crk_strbuf_adds(sb, "&apos;"); break;
			case '\r': crk_strbuf_adds(sb, "&#13;"); break; /* kept through parsing */
			default: crk_strbuf_addch(sb, (char)p[i]);
			}
		} else {
			crk_strbuf_add(sb, p + i, k);
		}
		i += k;
	}
}

/* ---- elements ---- */

static void indent(struct xw *x)
{
	static const char spaces[] = "                                                                ";
	if (!x->pretty)
		return;
	crk_strbuf_addch(x->sb, '\n');
	crk_strbuf_add(x->sb, spaces, (size_t)(x->depth * 2 < 64 ? x->depth * 2 : 64));
}

/* <name a1="v1" a2="v2"> (attribute values NULL: left out); `empty` closes it at once. */
static void open_el(struct xw *x, const char *name, const char *a1, const char *v1,
		    const char *a2, const char *v2, int empty)
{
	indent(x);
	crk_strbuf_addf(x->sb, "<%s", name);
	if (a1 && v1) {
		crk_strbuf_addf(x->sb, " %s=\"", a1);
		esc(x->sb, v1, strlen(v1));
		crk_strbuf_addch(x->sb, '"');
	}
	if (a2 && v2) {
		crk_strbuf_addf(x->sb, " %s=\"", a2);
		esc(x->sb, v2, strlen(v2));
		crk_strbuf_addch(x->sb, '"');
	}
	crk_strbuf_adds(x->sb, empty ? "/>" : ">");
	if (!empty) {
		if (x->depth >= XML_MAX_DEPTH)
			x->sb->failed = 1; /* our bug: the writer nests a few levels */
		x->depth++;
	}
}

static void close_el(struct xw *x, const char *name)
{
	x->depth--;
	indent(x);
	crk_strbuf_addf(x->sb, "</%s>", name);
}

/* <name attr="v">text</name>; nothing when text is NULL. */
static void text_el_n(struct xw *x, const char *name, const char *attr, const char *av,
		      const char *text, size_t n)
{
	if (!text)
		return;
	indent(x);
	crk_strbuf_addf(x->sb, "<%s", name);
	if (attr && av) {
		crk_strbuf_addf(x->sb, " %s=\"", attr);
		esc(x->sb, av, strlen(av));
		crk_strbuf_addch(x->sb, '"');
	}
	crk_strbuf_addch(x->sb, '>');
	esc(x->sb, text, n);
	crk_strbuf_addf(x->sb, "</%s>", name);
}

static void text_el(struct xw *x, const char *name, const char *text)
{
	if (text)
		text_el_n(x, name, NULL, NULL, text, strlen(text));
}

/* ---- shared pieces ---- */

static void party_links(struct xw *x, const struct crk_party *p)
{
	if (!p)
		return;
	if (p->url && crk_writer_url_ok(p->url))
		text_el(x, "url", p->url);
	if (p->email && *p->email) {
		open_el(x, "contact", NULL, NULL, NULL, NULL, 0);
		text_el(x, "email", p->email);
		close_el(x, "contact");
	}
}

static void party_el(struct xw *x, const char *el, const struct crk_party *p)
{
	open_el(x, el, NULL, NULL, NULL, NULL, 0);
	text_el(x, "name", p->name);
	party_links(x, p);
	close_el(x, el);
}

static void supplier_el(struct xw *x, const char *name, const struct crk_party *v, size_t n)
{
	open_el(x, "supplier", NULL, NULL, NULL, NULL, 0);
	text_el(x, "name", name);
	party_links(x, crk_cdx_party(v, n, CRK_PARTY_SUPPLIER));
	close_el(x, "supplier");
}

/* authors: the "Name <email>" author of package metadata, else the AUTHOR parties */
static void authors_el(struct xw *x, const char *author, const struct crk_party *v, size_t n)
{
	size_t i, nlen, elen;
	const char *email;
	int open = 0;
	if (author && *author) {
		open_el(x, "authors", NULL, NULL, NULL, NULL, 0);
		open_el(x, "author", NULL, NULL, NULL, NULL, 0);
		if (crk_writer_split_contact(author, &nlen, &email, &elen)) {
			text_el_n(x, "name", NULL, NULL, author, nlen);
			text_el_n(x, "email", NULL, NULL, email, elen);
		} else {
			text_el(x, "name", author);
		}
		close_el(x, "author");
		close_el(x, "authors");
		return;
	}
	for (i = 0; i < n; i++) {
		if (v[i].role != CRK_PARTY_AUTHOR || (!v[i].name && !v[i].email))
			continue;
		if (!open++)
			open_el(x, "authors", NULL, NULL, NULL, NULL, 0);
		open_el(x, "author", NULL, NULL, NULL, NULL, 0);
		text_el(x, "name", v[i].name);
		text_el(x, "email", v[i].email);
		close_el(x, "author");
	}
	if (open)
		close_el(x, "authors");
}

/* The licence as cdx_json.c writes it (crk_writer_license); returns 1 when the words written
 * are not the declared ones (then kept as the property crakit:license_declared). */
static void count_ref(void *ud, const char *id, const char *text, size_t n)
{
	(void)id;
	(void)text;
	(void)n;
	(*(int *)ud)++;
}

static int licenses_el(struct xw *x, const char *lic)
{
	int refs = 0, kind, differs;
	if (!lic || !*lic || strcmp(lic, "NONE") == 0 || strcmp(lic, "NOASSERTION") == 0)
		return 0;
	kind = crk_writer_license(lic, &x->lic, count_ref, &refs);
	if (kind == CRK_SPDX_INVALID)
		return 0;
	differs = strcmp(x->lic.buf, lic) != 0;
	open_el(x, "licenses", NULL, NULL, NULL, NULL, 0);
	if (kind == CRK_SPDX_ID) {
		open_el(x, "license", NULL, NULL, NULL, NULL, 0);
		text_el(x, "id", x->lic.buf);
		close_el(x, "license");
	} else if (refs == 1 && strncmp(x->lic.buf, "LicenseRef-crakit-", 18) == 0 &&
		   !strchr(x->lic.buf, ' ')) {
		differs = 0; /* the name keeps the words */
		open_el(x, "license", NULL, NULL, NULL, NULL, 0);
		text_el(x, "name", lic);
		close_el(x, "license");
	} else {
		text_el(x, "expression", x->lic.buf);
	}
	close_el(x, "licenses");
	return differs;
}

static int cmp_prop(const void *a, const void *b)
{
	const struct crk_kv *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : strcmp(x->value, y->value);
}

static void prop(struct xw *x, const char *prefix, const char *key, const char *value)
{
	char *name;
	size_t pl, kl;
	if (!key || !value)
		return;
	if (CRK_GROW(x->props, x->propalloc, x->nprops + 1)) {
		x->oom = 1;
		return;
	}
	if (*prefix) {
		pl = strlen(prefix);
		kl = strlen(key);
		name = crk_malloc(pl + kl + 1);
		if (!name || CRK_GROW(x->owned, x->ownedalloc, x->nowned + 1)) {
			crk_free(name);
			x->oom = 1;
			return;
		}
		memcpy(name, prefix, pl);
		memcpy(name + pl, key, kl + 1);
		x->owned[x->nowned++] = name;
		key = name;
	}
	x->props[x->nprops].key = key;
	x->props[x->nprops].value = value;
	x->nprops++;
}

static void props_flush(struct xw *x)
{
	size_t i;
	if (x->nprops) {
		qsort(x->props, x->nprops, sizeof(*x->props), cmp_prop);
		open_el(x, "properties", NULL, NULL, NULL, NULL, 0);
		for (i = 0; i < x->nprops; i++)
			text_el_n(x, "property", "name", x->props[i].key, x->props[i].value,
				  strlen(x->props[i].value));
		close_el(x, "properties");
	}
	x->nprops = 0;
	for (i = 0; i < x->nowned; i++)
		crk_free(x->owned[i]);
	x->nowned = 0;
}

static void kind_props(struct xw *x, const char *filename, unsigned kind)
{
	prop(x, "", "bsi:component:filename", filename);
	if (!(kind & CRK_FILE_KNOWN))
		return;
	prop(x, "", "bsi:component:executable",
	     kind & CRK_FILE_EXECUTABLE ? "executable" : "non-executable");
	prop(x, "", "bsi:component:archive", kind & CRK_FILE_ARCHIVE ? "archive" : "no archive");
	prop(x, "", "bsi:component:structured",
	     kind & CRK_FILE_STRUCTURED ? "structured" : "unstructured");
}

static void hashes_el(struct xw *x, const struct crk_component *c)
{
	size_t i, k, n = 0;
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
	open_el(x, "hashes", NULL, NULL, NULL, NULL, 0);
	for (i = 0; i < n; i++) {
		if (i > 0 && crk_writer_hash_cmp(&x->hashes[i - 1], &x->hashes[i]) == 0)
			continue;
		for (k = 0; x->hashes[i]->value[k] && k < sizeof(lower) - 1; k++) {
			char ch = x->hashes[i]->value[k];
			lower[k] = (ch >= 'A' && ch <= 'F') ? (char)(ch - 'A' + 'a') : ch;
		}
		lower[k] = '\0';
		text_el_n(x, "hash", "alg", x->hashes[i]->alg, lower, k);
	}
	close_el(x, "hashes");
}

static int cmp_occ(const void *a, const void *b)
{
	const struct crk_occurrence *p = *(const struct crk_occurrence *const *)a;
	const struct crk_occurrence *q = *(const struct crk_occurrence *const *)b;
	int r = strcmp(p->path, q->path);
	return r ? r : (p->line < q->line ? -1 : p->line > q->line);
}

static void evidence_el(struct xw *x, const struct crk_component *c)
{
	size_t i;
	for (i = 0; i < c->nocc && !*c->occ[i].path; i++)
		;
	if (i == c->nocc)
		return;
	if (CRK_GROW(x->occ, x->occalloc, c->nocc)) {
		x->oom = 1;
		return;
	}
	for (i = 0; i < c->nocc; i++)
		x->occ[i] = &c->occ[i];
	qsort(x->occ, c->nocc, sizeof(*x->occ), cmp_occ);
	open_el(x, "evidence", NULL, NULL, NULL, NULL, 0);
	open_el(x, "occurrences", NULL, NULL, NULL, NULL, 0);
	for (i = 0; i < c->nocc; i++) {
		if ((i > 0 && cmp_occ(&x->occ[i - 1], &x->occ[i]) == 0) || !*x->occ[i]->path)
			continue;
		open_el(x, "occurrence", NULL, NULL, NULL, NULL, 0);
		text_el(x, "location", x->occ[i]->path);
		if (x->occ[i]->line) {
			char n[16];
			snprintf(n, sizeof(n), "%u", x->occ[i]->line);
			text_el(x, "line", n);
		}
		close_el(x, "occurrence");
	}
	close_el(x, "occurrences");
	close_el(x, "evidence");
}

static const char *scope_str(enum crk_scope s)
{
	return s == CRK_SCOPE_OPTIONAL ? "optional" : s == CRK_SCOPE_DEV ? "excluded" : "required";
}

static void component_el(struct xw *x, const struct crk_component *c)
{
	static const struct {
		unsigned flag;
		const char *name;
	} flag_props[] = {
		{CRK_PKG_LOCAL, "crakit:local"},	{CRK_PKG_EDITABLE, "crakit:editable"},
		{CRK_PKG_NO_PURL, "crakit:no_purl"}, {CRK_PKG_GIT, "crakit:git"},
		{CRK_PKG_URL, "crakit:url"},		{CRK_PKG_UNPINNED, "crakit:unpinned"},
	};
	int vcs_ok = c->vcs_url && crk_writer_url_ok(c->vcs_url);
	int dl_ok = c->download_url && crk_writer_url_ok(c->download_url);
	const struct crk_party *mf = crk_cdx_party(c->parties, c->nparties, CRK_PARTY_MANUFACTURER);
	size_t i, nrefs = 0;
	int lic_differs;

	open_el(x, "component", "type", crk_cdx_type(c->kind), "bom-ref", c->bom_ref, 0);
	if (c->supplier && *c->supplier)
		supplier_el(x, c->supplier, c->parties, c->nparties);
	if (mf)
		party_el(x, "manufacturer", mf);
	authors_el(x, c->author, c->parties, c->nparties);
	if (c->ns && *c->ns)
		text_el(x, "group", c->ns);
	text_el(x, "name", c->name);
	text_el(x, "version", c->version);
	text_el(x, "description", c->description);
	text_el(x, "scope", scope_str(c->scope));
	hashes_el(x, c);
	lic_differs = licenses_el(x, c->license);
	text_el(x, "copyright", c->copyright);
	if (crk_cdx_cpe_ok(c->cpe))
		text_el(x, "cpe", c->cpe);
	text_el(x, "purl", c->purl);
	for (i = 0; i < c->next_refs; i++)
		nrefs += crk_writer_url_ok(c->ext_refs[i].value) != 0;
	if (vcs_ok || dl_ok || nrefs) {
		open_el(x, "externalReferences", NULL, NULL, NULL, NULL, 0);
		if (vcs_ok) {
			open_el(x, "reference", "type", "vcs", NULL, NULL, 0);
			text_el(x, "url", c->vcs_url);
			close_el(x, "reference");
		}
		if (dl_ok) {
			open_el(x, "reference", "type", "distribution", NULL, NULL, 0);
			text_el(x, "url", c->download_url);
			close_el(x, "reference");
		}
		for (i = 0; i < c->next_refs; i++) {
			if (!crk_writer_url_ok(c->ext_refs[i].value))
				continue;
			open_el(x, "reference", "type", crk_cdx_extref_type(c->ext_refs[i].key), NULL,
				NULL, 0);
			text_el(x, "url", c->ext_refs[i].value);
			close_el(x, "reference");
		}
		close_el(x, "externalReferences");
	}
	if (c->cpe && !crk_cdx_cpe_ok(c->cpe))
		prop(x, "", "crakit:cpe", c->cpe);
	prop(x, "", "crakit:found_by", c->found_by);
	prop(x, "", "crakit:ecosystem", c->ecosystem);
	prop(x, "", "crakit:source_name", c->source_name);
	prop(x, "", "crakit:source_version", c->source_version);
	prop(x, "", "crakit:vcs_commit", c->vcs_commit);
	if (!vcs_ok)
		prop(x, "", "crakit:vcs_url", c->vcs_url);
	if (!dl_ok)
		prop(x, "", "crakit:download_url", c->download_url);
	for (i = 0; i < sizeof(flag_props) / sizeof(flag_props[0]); i++)
		if (c->flags & flag_props[i].flag)
			prop(x, "", flag_props[i].name, "true");
	if (c->scope == CRK_SCOPE_DEV && c->type && strcmp(c->type, "npm") == 0)
		prop(x, "", "cdx:npm:package:development", "true");
	for (i = 0; i < c->nprops; i++)
		prop(x, "crakit:", c->props[i].key, c->props[i].value);
	for (i = 0; i < c->next_props; i++)
		prop(x, "", c->ext_props[i].key, c->ext_props[i].value);
	if (lic_differs)
		prop(x, "", "crakit:license_declared", c->license);
	if (crk_cdx_concluded_differs(c))
		prop(x, "", "crakit:license_concluded", c->license_concluded);
	kind_props(x, c->filename, c->file_kind);
	for (i = 0; i < c->nocc; i++) {
		size_t k;
		if (!c->occ[i].layer)
			continue;
		for (k = 0; k < i; k++)
			if (c->occ[k].layer && strcmp(c->occ[k].layer, c->occ[i].layer) == 0)
				break;
		if (k == i)
			prop(x, "", "crakit:layer", c->occ[i].layer);
	}
	props_flush(x);
	evidence_el(x, c);
	close_el(x, "component");
}

static void metadata_el(struct xw *x, const struct crk_bom *bom)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)bom);
	const struct crk_component *p = m->product;
	const struct crk_party *mf = crk_cdx_party(m->parties, m->nparties, CRK_PARTY_MANUFACTURER);
	const struct crk_party *sp = crk_cdx_party(m->parties, m->nparties, CRK_PARTY_SUPPLIER);
	char ts[32];
	size_t i;

	crk_writer_timestamp(bom, ts);
	open_el(x, "metadata", NULL, NULL, NULL, NULL, 0);
	text_el(x, "timestamp", ts);
	open_el(x, "tools", NULL, NULL, NULL, NULL, 0);
	open_el(x, "components", NULL, NULL, NULL, NULL, 0);
	open_el(x, "component", "type", "application", NULL, NULL, 0);
	text_el(x, "name", m->tool_name && *m->tool_name ? m->tool_name : "crakit");
	text_el(x, "version", m->tool_version ? m->tool_version : CRAKIT_VERSION);
	close_el(x, "component");
	for (i = 0; i < m->ntools; i++) {
		if (crk_cdx_same_tool(m, &m->tools[i]))
			continue;
		open_el(x, "component", "type", "application", NULL, NULL, 0);
		text_el(x, "name", m->tools[i].key);
		if (m->tools[i].value && *m->tools[i].value)
			text_el(x, "version", m->tools[i].value);
		close_el(x, "component");
	}
	close_el(x, "components");
	close_el(x, "tools");
	authors_el(x, NULL, m->parties, m->nparties);

	open_el(x, "component", "type",
		m->image_id ? "container" : p && p->kind ? crk_cdx_type(p->kind) : "application",
		"bom-ref", CDX_ROOT_REF, 0);
	if (p && p->supplier && *p->supplier)
		supplier_el(x, p->supplier, p->parties, p->nparties);
	if (p && crk_cdx_party(p->parties, p->nparties, CRK_PARTY_MANUFACTURER))
		party_el(x, "manufacturer",
			 crk_cdx_party(p->parties, p->nparties, CRK_PARTY_MANUFACTURER));
	text_el(x, "name", m->name && *m->name ? m->name : "unnamed");
	text_el(x, "version", m->version);
	if (p) {
		text_el(x, "description", p->description);
		if (licenses_el(x, p->license))
			prop(x, "", "crakit:license_declared", p->license);
		text_el(x, "copyright", p->copyright);
		if (crk_cdx_cpe_ok(p->cpe))
			text_el(x, "cpe", p->cpe);
		text_el(x, "purl", p->purl);
	}
	if (m->image_id) {
		prop(x, "", "crakit:image:id", m->image_id);
		prop(x, "", "crakit:image:ref", m->image_ref);
		prop(x, "", "crakit:image:platform", m->image_platform);
		prop(x, "", "crakit:os:id", m->os_id);
		prop(x, "", "crakit:os:version", m->os_version);
		prop(x, "", "crakit:os:codename", m->os_codename);
	}
	props_flush(x);
	close_el(x, "component");
	if (mf)
		party_el(x, "manufacturer", mf);
	if (sp)
		party_el(x, "supplier", sp);
	prop(x, "", "crakit:os:id", m->os_id);
	prop(x, "", "crakit:os:version", m->os_version);
	prop(x, "", "crakit:os:codename", m->os_codename);
	props_flush(x);
	close_el(x, "metadata");
}

static void dependency_el(struct xw *x, const struct crk_bom *bom, const char *ref,
			  const size_t *deps, size_t n)
{
	size_t i;
	int any = 0;
	for (i = 0; i < n && !any; i++)
		any = crk_bom_get(bom, deps[i]) != NULL;
	open_el(x, "dependency", "ref", ref, NULL, NULL, !any);
	if (!any)
		return;
	for (i = 0; i < n; i++) {
		const struct crk_component *d = crk_bom_get(bom, deps[i]);
		if (d && (i == 0 || deps[i] != deps[i - 1]))
			open_el(x, "dependency", "ref", d->bom_ref, NULL, NULL, 1);
	}
	close_el(x, "dependency");
}

static void compositions_el(struct xw *x, const struct crk_bom *bom)
{
	static const struct {
		enum crk_deps v;
		const char *aggregate;
	} agg[] = {{CRK_DEPS_COMPLETE, "complete"}, {CRK_DEPS_INCOMPLETE, "incomplete"}};
	size_t i, k, n = crk_bom_count(bom);
	int open = 0;
	for (k = 0; k < sizeof(agg) / sizeof(agg[0]); k++) {
		int any = 0;
		for (i = 0; i < n && !any; i++)
			any = crk_bom_get(bom, i)->completeness == agg[k].v;
		if (!any)
			continue;
		if (!open++)
			open_el(x, "compositions", NULL, NULL, NULL, NULL, 0);
		open_el(x, "composition", NULL, NULL, NULL, NULL, 0);
		text_el(x, "aggregate", agg[k].aggregate);
		open_el(x, "dependencies", NULL, NULL, NULL, NULL, 0);
		for (i = 0; i < n; i++) {
			const struct crk_component *c = crk_bom_get(bom, i);
			if (c->completeness == agg[k].v)
				open_el(x, "dependency", "ref", c->bom_ref, NULL, NULL, 1);
		}
		close_el(x, "dependencies");
		close_el(x, "composition");
	}
	if (open)
		close_el(x, "compositions");
}

static int cdx_xml_write(struct crk_strbuf *out, const struct crk_bom *bom,
			 const struct crk_write_opts *opts, struct crk_err *err)
{
	struct xw x;
	char uuid[37], serial[48];
	size_t i, n = crk_bom_count(bom), nroots;
	const size_t *roots = crk_bom_roots(bom, &nroots);

	if (opts && opts->profile != CRK_PROFILE_NONE)
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
				   "cyclonedx-xml is written without profiles");
	memset(&x, 0, sizeof(x));
	x.sb = out;
	x.pretty = !opts || opts->pretty;
	crk_strbuf_init(&x.lic, 0);
	crk_writer_uuid(bom, uuid);
	snprintf(serial, sizeof(serial), "urn:uuid:%s", uuid);
	crk_strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
	if (x.pretty)
		crk_strbuf_addch(out, '\n');
	crk_strbuf_adds(out, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" serialNumber=\"");
	crk_strbuf_adds(out, serial);
	crk_strbuf_adds(out, "\" version=\"1\">");
	x.depth = 1;
	metadata_el(&x, bom);
	if (n) { /* <components> must hold one at least (componentsType) */
		open_el(&x, "components", NULL, NULL, NULL, NULL, 0);
		for (i = 0; i < n && !x.oom; i++)
			component_el(&x, crk_bom_get(bom, i));
		close_el(&x, "components");
	}
	open_el(&x, "dependencies", NULL, NULL, NULL, NULL, 0);
	dependency_el(&x, bom, CDX_ROOT_REF, roots, nroots);
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		dependency_el(&x, bom, c->bom_ref, c->deps, c->ndeps);
	}
	close_el(&x, "dependencies");
	compositions_el(&x, bom);
	x.depth = 0;
	indent(&x);
	crk_strbuf_adds(out, "</bom>\n");

	props_flush(&x);
	crk_free(x.props);
	crk_free(x.owned);
	crk_free(x.hashes);
	crk_free(x.occ);
	if (!crk_strbuf_ok(&x.lic))
		x.oom = 1;
	crk_strbuf_release(&x.lic);
	if (x.oom || !crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				   "cannot write cyclonedx-xml: out of memory or larger than %zu "
				   "bytes", out->max);
	return CRK_OK;
}

const struct crk_writer crk_writer_cdx_xml = {
	.name = "cyclonedx-xml",
	.description = "CycloneDX 1.6 XML",
	.extension = ".cdx.xml",
	.write = cdx_xml_write,
};
