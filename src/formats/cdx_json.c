/*
 * cdx_json.c - the "cyclonedx-json" writer: CycloneDX 1.6 JSON
 * (https://cyclonedx.org/docs/1.6/json/, schema corpus/sbom/cyclonedx/schema/bom-1.6.schema.json).
 *
 * Streamed into the strbuf with the JSON writer of writers.c (no DOM), members in a fixed order
 * (the schema's), arrays in a fixed order (components by bom-ref, as crk_bom_sort() leaves them;
 * hashes, properties and occurrences sorted here), so the same BOM gives the same bytes.
 * The field-by-field mapping and the choices made are in docs/formats.md; in short:
 *  - the product is metadata.component, bom-ref "crakit:root" (it cannot clash: component refs
 *    are purls "pkg:..." or "crakit:<type>/..." with a slash), and the root of `dependencies`;
 *  - scope: required -> "required", optional -> "optional", dev -> "excluded" (the spec's
 *    meaning: "not reachable within a call graph at runtime"; cdxgen writes "optional", pnpm
 *    "excluded"), plus cdxgen's registered property cdx:npm:package:development for npm;
 *  - licenses: one SPDX id as {"license":{"id"}}, anything else as {"expression"};
 *  - values the schema would reject are not written in the typed field: a hash of an unknown
 *    algorithm or of the wrong length is dropped, a URL that is not an absolute URI becomes a
 *    property (crakit:vcs_url, crakit:download_url) instead of an externalReference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "formats/spdx_license.h"
#include "formats/writer.h"
#include "base/banned.h"

#define CDX_ROOT_REF "crakit:root"

/* A property: name is prefix + key. */
struct prop {
	const char *prefix, *key, *value;
};

/* Arrays reused from component to component. */
struct scratch {
	struct prop *props;
	size_t nprops, propalloc;
	const struct crk_occurrence **occ;
	size_t occalloc;
	const struct crk_hash **hashes;
	size_t hashalloc;
	int oom;
};

static int cmp_prefixed(const char *p1, const char *k1, const char *p2, const char *k2)
{
	/* Compares p1+k1 with p2+k2 without building either. */
	for (;;) {
		unsigned char a, b;
		if (!*p1)
			p1 = k1, k1 = "";
		if (!*p2)
			p2 = k2, k2 = "";
		a = (unsigned char)*p1;
		b = (unsigned char)*p2;
		if (a != b || !a)
			return a < b ? -1 : a > b;
		p1++;
		p2++;
	}
}

static int cmp_prop(const void *a, const void *b)
{
	const struct prop *x = a, *y = b;
	int r = cmp_prefixed(x->prefix, x->key, y->prefix, y->key);
	return r ? r : strcmp(x->value, y->value);
}

static int cmp_occ(const void *a, const void *b)
{
	const struct crk_occurrence *x = *(const struct crk_occurrence *const *)a;
	const struct crk_occurrence *y = *(const struct crk_occurrence *const *)b;
	int r = strcmp(x->path, y->path);
	return r ? r : (x->line < y->line ? -1 : x->line > y->line);
}

static void add_prop(struct scratch *s, const char *prefix, const char *key, const char *value)
{
	if (!value || !key)
		return;
	if (CRK_GROW(s->props, s->propalloc, s->nprops + 1)) {
		s->oom = 1;
		return;
	}
	s->props[s->nprops].prefix = prefix;
	s->props[s->nprops].key = key;
	s->props[s->nprops].value = value;
	s->nprops++;
}

static void write_props(struct crk_jw *w, struct scratch *s)
{
	size_t i;
	if (!s->nprops)
		return;
	qsort(s->props, s->nprops, sizeof(*s->props), cmp_prop);
	crk_jw_begin_arr(w, "properties");
	for (i = 0; i < s->nprops; i++) {
		crk_jw_begin_obj(w, NULL);
		crk_jw_key(w, "name");
		crk_strbuf_addch(w->sb, '"');
		crk_strbuf_add_json_str(w->sb, s->props[i].prefix, strlen(s->props[i].prefix));
		crk_strbuf_add_json_str(w->sb, s->props[i].key, strlen(s->props[i].key));
		crk_strbuf_addch(w->sb, '"');
		crk_jw_str(w, "value", s->props[i].value);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
}

/* A listed SPDX license id goes in license.id (whose schema is the SPDX list), in its listed
 * spelling; a valid SPDX expression in "expression"; anything else (package metadata often says
 * "BSD" or "GPLv2+") is kept, never dropped, as license.name. NONE and NOASSERTION are SPDX's
 * words for "no license information", which CycloneDX says by leaving licenses out. */
static void write_licenses(struct crk_jw *w, const char *lic)
{
	struct crk_strbuf canon = CRK_STRBUF_INIT(0);
	enum crk_spdx_kind kind;
	if (!lic || !*lic || strcmp(lic, "NONE") == 0 || strcmp(lic, "NOASSERTION") == 0)
		return;
	kind = crk_spdx_expression(lic, strlen(lic), &canon);
	crk_jw_begin_arr(w, "licenses");
	crk_jw_begin_obj(w, NULL);
	if (kind == CRK_SPDX_ID) {
		crk_jw_begin_obj(w, "license");
		crk_jw_str(w, "id", canon.buf);
		crk_jw_end_obj(w);
	} else if (kind == CRK_SPDX_EXPRESSION) {
		crk_jw_str(w, "expression", canon.buf);
	} else {
		crk_jw_begin_obj(w, "license");
		crk_jw_str(w, "name", lic);
		crk_jw_end_obj(w);
	}
	crk_jw_end_obj(w);
	crk_jw_end_arr(w);
	if (!crk_strbuf_ok(&canon))
		w->sb->failed = 1;
	crk_strbuf_release(&canon);
}

static void write_hashes(struct crk_jw *w, const struct crk_component *c, struct scratch *s)
{
	size_t i, n = 0;
	char lower[129];
	if (!c->nhashes)
		return;
	if (CRK_GROW(s->hashes, s->hashalloc, c->nhashes)) {
		s->oom = 1;
		return;
	}
	for (i = 0; i < c->nhashes; i++)
		if (crk_writer_hash_ok(&c->hashes[i], NULL))
			s->hashes[n++] = &c->hashes[i];
	if (!n)
		return;
	qsort(s->hashes, n, sizeof(*s->hashes), crk_writer_hash_cmp);
	crk_jw_begin_arr(w, "hashes");
	for (i = 0; i < n; i++) {
		size_t k;
		/* Skip a duplicate (same algorithm and value, any case). */
		if (i > 0 && crk_writer_hash_cmp(&s->hashes[i - 1], &s->hashes[i]) == 0)
			continue;
		for (k = 0; s->hashes[i]->value[k] && k < sizeof(lower) - 1; k++) {
			char ch = s->hashes[i]->value[k];
			lower[k] = (ch >= 'A' && ch <= 'F') ? (char)(ch - 'A' + 'a') : ch;
		}
		lower[k] = '\0';
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "alg", s->hashes[i]->alg);
		crk_jw_str(w, "content", lower);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
}

static void write_occurrences(struct crk_jw *w, const struct crk_component *c,
			      struct scratch *s)
{
	size_t i;
	if (!c->nocc)
		return;
	if (CRK_GROW(s->occ, s->occalloc, c->nocc)) {
		s->oom = 1;
		return;
	}
	for (i = 0; i < c->nocc; i++)
		s->occ[i] = &c->occ[i];
	qsort(s->occ, c->nocc, sizeof(*s->occ), cmp_occ);
	crk_jw_begin_obj(w, "evidence");
	crk_jw_begin_arr(w, "occurrences");
	for (i = 0; i < c->nocc; i++) {
		if (i > 0 && cmp_occ(&s->occ[i - 1], &s->occ[i]) == 0)
			continue;
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "location", s->occ[i]->path);
		if (s->occ[i]->line)
			crk_jw_int(w, "line", s->occ[i]->line);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
}

static const char *cdx_scope(enum crk_scope s)
{
	switch (s) {
	case CRK_SCOPE_REQUIRED: return "required";
	case CRK_SCOPE_OPTIONAL: return "optional";
	case CRK_SCOPE_DEV: return "excluded";
	}
	return "required";
}

static void write_component(struct crk_jw *w, const struct crk_component *c, struct scratch *s)
{
	static const struct {
		unsigned flag;
		const char *name;
	} flag_props[] = {
		{CRK_PKG_LOCAL, "crakit:local"},       {CRK_PKG_EDITABLE, "crakit:editable"},
		{CRK_PKG_NO_PURL, "crakit:no_purl"},   {CRK_PKG_GIT, "crakit:git"},
		{CRK_PKG_URL, "crakit:url"},           {CRK_PKG_UNPINNED, "crakit:unpinned"},
	};
	int vcs_ok = c->vcs_url && crk_writer_url_ok(c->vcs_url);
	int dl_ok = c->download_url && crk_writer_url_ok(c->download_url);
	size_t i;

	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "type", "library");
	crk_jw_str(w, "bom-ref", c->bom_ref);
	if (c->supplier && *c->supplier) {
		crk_jw_begin_obj(w, "supplier");
		crk_jw_str(w, "name", c->supplier);
		crk_jw_end_obj(w);
	}
	if (c->author && *c->author) {
		size_t nlen, elen;
		const char *email;
		crk_jw_begin_arr(w, "authors");
		crk_jw_begin_obj(w, NULL);
		if (crk_writer_split_contact(c->author, &nlen, &email, &elen)) {
			crk_jw_strn(w, "name", c->author, nlen);
			crk_jw_strn(w, "email", email, elen);
		} else {
			crk_jw_str(w, "name", c->author);
		}
		crk_jw_end_obj(w);
		crk_jw_end_arr(w);
	}
	if (c->ns && *c->ns)
		crk_jw_str(w, "group", c->ns);
	crk_jw_str(w, "name", c->name);
	crk_jw_str(w, "version", c->version);
	crk_jw_str(w, "description", c->description);
	crk_jw_str(w, "scope", cdx_scope(c->scope));
	write_hashes(w, c, s);
	write_licenses(w, c->license);
	crk_jw_str(w, "cpe", c->cpe);
	crk_jw_str(w, "purl", c->purl);
	if (vcs_ok || dl_ok) {
		crk_jw_begin_arr(w, "externalReferences");
		if (vcs_ok) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", "vcs");
			crk_jw_str(w, "url", c->vcs_url);
			crk_jw_end_obj(w);
		}
		if (dl_ok) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", "distribution");
			crk_jw_str(w, "url", c->download_url);
			crk_jw_end_obj(w);
		}
		crk_jw_end_arr(w);
	}
	write_occurrences(w, c, s);

	s->nprops = 0;
	add_prop(s, "", "crakit:found_by", c->found_by);
	add_prop(s, "", "crakit:ecosystem", c->ecosystem);
	add_prop(s, "", "crakit:source_name", c->source_name);
	add_prop(s, "", "crakit:source_version", c->source_version);
	add_prop(s, "", "crakit:vcs_commit", c->vcs_commit);
	if (!vcs_ok)
		add_prop(s, "", "crakit:vcs_url", c->vcs_url);
	if (!dl_ok)
		add_prop(s, "", "crakit:download_url", c->download_url);
	for (i = 0; i < sizeof(flag_props) / sizeof(flag_props[0]); i++)
		if (c->flags & flag_props[i].flag)
			add_prop(s, "", flag_props[i].name, "true");
	if (c->scope == CRK_SCOPE_DEV && c->type && strcmp(c->type, "npm") == 0)
		add_prop(s, "", "cdx:npm:package:development", "true");
	for (i = 0; i < c->nprops; i++)
		add_prop(s, "crakit:", c->props[i].key, c->props[i].value);
	/* container images: each layer it was found in (evidence.occurrences has no field for it) */
	for (i = 0; i < c->nocc; i++) {
		size_t k;
		if (!c->occ[i].layer)
			continue;
		for (k = 0; k < i; k++)
			if (c->occ[k].layer && strcmp(c->occ[k].layer, c->occ[i].layer) == 0)
				break;
		if (k == i)
			add_prop(s, "", "crakit:layer", c->occ[i].layer);
	}
	write_props(w, s);
	crk_jw_end_obj(w);
}

static void write_metadata(struct crk_jw *w, const struct crk_bom *bom, struct scratch *s)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)bom);
	char ts[32];

	crk_writer_timestamp(bom, ts);
	crk_jw_begin_obj(w, "metadata");
	crk_jw_str(w, "timestamp", ts);
	crk_jw_begin_obj(w, "tools");
	crk_jw_begin_arr(w, "components");
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "type", "application");
	crk_jw_str(w, "name", m->tool_name && *m->tool_name ? m->tool_name : "crakit");
	crk_jw_str(w, "version", m->tool_version ? m->tool_version : CRAKIT_VERSION);
	crk_jw_end_obj(w);
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
	crk_jw_begin_obj(w, "component");
	crk_jw_str(w, "type", m->image_id ? "container" : "application");
	crk_jw_str(w, "bom-ref", CDX_ROOT_REF);
	crk_jw_str(w, "name", m->name && *m->name ? m->name : "unnamed");
	crk_jw_str(w, "version", m->version);
	if (m->image_id) {
		/* a container image: what identifies it, and the distribution inside */
		s->nprops = 0;
		add_prop(s, "", "crakit:image:id", m->image_id);
		add_prop(s, "", "crakit:image:ref", m->image_ref);
		add_prop(s, "", "crakit:image:platform", m->image_platform);
		add_prop(s, "", "crakit:os:id", m->os_id);
		add_prop(s, "", "crakit:os:version", m->os_version);
		add_prop(s, "", "crakit:os:codename", m->os_codename);
		write_props(w, s);
	}
	crk_jw_end_obj(w);
	s->nprops = 0;
	add_prop(s, "", "crakit:os:id", m->os_id);
	add_prop(s, "", "crakit:os:version", m->os_version);
	add_prop(s, "", "crakit:os:codename", m->os_codename);
	write_props(w, s);
	crk_jw_end_obj(w);
}

static void write_dep(struct crk_jw *w, const struct crk_bom *bom, const char *ref,
		      const size_t *deps, size_t n)
{
	size_t i;
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "ref", ref);
	crk_jw_begin_arr(w, "dependsOn");
	for (i = 0; i < n; i++) {
		const struct crk_component *d = crk_bom_get(bom, deps[i]);
		if (d && (i == 0 || deps[i] != deps[i - 1]))
			crk_jw_str(w, NULL, d->bom_ref);
	}
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
}

static int cdx_write(struct crk_strbuf *out, const struct crk_bom *bom,
		     const struct crk_write_opts *opts, struct crk_err *err)
{
	struct scratch s = {0};
	struct crk_jw w;
	char uuid[37], serial[48];
	size_t i, n = crk_bom_count(bom), nroots;
	const size_t *roots = crk_bom_roots(bom, &nroots);

	crk_writer_uuid(bom, uuid);
	snprintf(serial, sizeof(serial), "urn:uuid:%s", uuid);
	crk_jw_init(&w, out, opts && opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
	crk_jw_str(&w, "bomFormat", "CycloneDX");
	crk_jw_str(&w, "specVersion", "1.6");
	crk_jw_str(&w, "serialNumber", serial);
	crk_jw_int(&w, "version", 1);
	write_metadata(&w, bom, &s);
	crk_jw_begin_arr(&w, "components");
	for (i = 0; i < n && !s.oom; i++)
		write_component(&w, crk_bom_get(bom, i), &s);
	crk_jw_end_arr(&w);
	crk_jw_begin_arr(&w, "dependencies");
	write_dep(&w, bom, CDX_ROOT_REF, roots, nroots);
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		write_dep(&w, bom, c->bom_ref, c->deps, c->ndeps);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);

	crk_free(s.props);
	crk_free(s.occ);
	crk_free(s.hashes);
	if (s.oom || !crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				   "cannot write cyclonedx-json: out of memory or larger than %zu "
				   "bytes", out->max);
	return CRK_OK;
}

const struct crk_writer crk_writer_cdx_json = {
	.name = "cyclonedx-json",
	.description = "CycloneDX 1.6 JSON",
	.extension = ".cdx.json",
	.write = cdx_write,
};
