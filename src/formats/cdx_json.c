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
#include "formats/cdx_common.h"
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
	int bsi;                 /* --profile bsi-tr-03183-2 (docs/bsi-tr-03183-2.md) */
	int lic_differs;         /* the licence written is not the declared text as it was */
	struct crk_strbuf lic;   /* the licence as written (crk_writer_license) */
	struct crk_strbuf fname; /* a file name derived from a download URL */
	struct crk_strbuf url;   /* a relative reference to a file of the scanned tree */
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

/* Counts the LicenseRefs crk_writer_license() makes. */
static void count_ref(void *ud, const char *id, const char *text, size_t n)
{
	(void)id;
	(void)text;
	(void)n;
	(*(int *)ud)++;
}

/*
 * The licence, normalised to SPDX (crk_writer_license: common spellings mapped, unknown words
 * kept as "LicenseRef-crakit-..."): one listed id goes in license.id (whose schema is the SPDX
 * list), an expression in "expression". Without a profile, a licence crakit could not name at
 * all ("BSD") is kept in the words of its metadata as license.name, CycloneDX's place for them.
 * NONE and NOASSERTION are SPDX's words for "no license information", which CycloneDX says by
 * leaving licenses out.
 *
 * With the BSI profile (TR-03183-2 v2.1 §8.2): the distribution licence is the expression with
 * acknowledgement "concluded", the original licence the same with "declared" — the component
 * is distributed under its creator's licence; crakit concludes nothing else (docs/
 * bsi-tr-03183-2.md). CycloneDX 1.6 holds one expression only (licenseChoice is a 1-tuple
 * then), so an expression is written once, as the required distribution licence; a single id
 * is written twice, once per acknowledgement.
 */
static void write_licenses(struct crk_jw *w, const char *lic, struct scratch *s)
{
	int refs = 0, kind;
	if (!lic || strcmp(lic, "NONE") == 0 || strcmp(lic, "NOASSERTION") == 0)
		return;
	kind = crk_writer_license(lic, &s->lic, count_ref, &refs);
	if (kind == CRK_SPDX_INVALID)
		return;
	s->lic_differs = strcmp(s->lic.buf, lic) != 0;
	crk_jw_begin_arr(w, "licenses");
	if (kind == CRK_SPDX_ID) {
		int k;
		for (k = 0; k < (s->bsi ? 2 : 1); k++) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_begin_obj(w, "license");
			crk_jw_str(w, "id", s->lic.buf);
			if (s->bsi)
				crk_jw_str(w, "acknowledgement", k ? "concluded" : "declared");
			crk_jw_end_obj(w);
			crk_jw_end_obj(w);
		}
	} else if (!s->bsi && refs == 1 && strncmp(s->lic.buf, "LicenseRef-crakit-", 18) == 0 &&
		   !strchr(s->lic.buf, ' ')) {
		s->lic_differs = 0; /* the name keeps the words */
		crk_jw_begin_obj(w, NULL);
		crk_jw_begin_obj(w, "license");
		crk_jw_str(w, "name", lic);
		crk_jw_end_obj(w);
		crk_jw_end_obj(w);
	} else {
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "expression", s->lic.buf);
		if (s->bsi)
			crk_jw_str(w, "acknowledgement", "concluded");
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	if (!crk_strbuf_ok(&s->lic))
		s->oom = 1;
}

static void write_hash_list(struct crk_jw *w, const struct crk_hash *hashes, size_t nhashes,
			    struct scratch *s)
{
	size_t i, n = 0;
	char lower[129];
	if (!nhashes)
		return;
	if (CRK_GROW(s->hashes, s->hashalloc, nhashes)) {
		s->oom = 1;
		return;
	}
	for (i = 0; i < nhashes; i++)
		if (crk_writer_hash_ok(&hashes[i], NULL))
			s->hashes[n++] = &hashes[i];
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

static void write_hashes(struct crk_jw *w, const struct crk_component *c, struct scratch *s)
{
	write_hash_list(w, c->hashes, c->nhashes, s);
}

/* Nonzero when the hashes hold a well-formed SHA-512 (BSI: the hash of the deployable). */
static int has_sha512(const struct crk_hash *h, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(h[i].alg, "SHA-512") == 0 && crk_writer_hash_ok(&h[i], NULL))
			return 1;
	return 0;
}

/* A path of the scanned tree as a relative IRI reference: each byte outside RFC 3986's
 * unreserved characters and '/' percent-encoded. */
static const char *path_ref(struct scratch *s, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	crk_strbuf_reset(&s->url);
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/!", c)) {
			crk_strbuf_addch(&s->url, (char)c);
		} else {
			crk_strbuf_addch(&s->url, '%');
			crk_strbuf_addch(&s->url, hex[c >> 4]);
			crk_strbuf_addch(&s->url, hex[c & 15]);
		}
	}
	if (!crk_strbuf_ok(&s->url))
		s->oom = 1;
	return s->url.buf;
}

/* The file a component is, in the scanned tree: the occurrence named like the file (a nested
 * archive: the archive holding it, "!/", and the entry), as a relative reference. */
static const char *file_ref(struct scratch *s, const struct crk_component *c)
{
	const char *entry = NULL;
	size_t i, fl = strlen(c->filename);
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, "archive_entry") == 0)
			entry = c->props[i].value;
	for (i = 0; i < c->nocc; i++) {
		const char *p = c->occ[i].path;
		size_t pl = strlen(p);
		if (entry || (pl >= fl && strcmp(p + pl - fl, c->filename) == 0 &&
			      (pl == fl || p[pl - fl - 1] == '/')))
			break;
	}
	if (i == c->nocc)
		return NULL;
	path_ref(s, entry ? "" : c->occ[i].path);
	if (entry) {
		/* "app.war!/WEB-INF/lib/a.jar": the path of the outer file, then the entry */
		struct crk_strbuf t = CRK_STRBUF_INIT(0);
		crk_strbuf_adds(&t, c->occ[i].path);
		crk_strbuf_adds(&t, "!/");
		crk_strbuf_adds(&t, entry);
		if (!crk_strbuf_ok(&t))
			s->oom = 1;
		path_ref(s, t.buf);
		crk_strbuf_release(&t);
	}
	return s->url.buf;
}

/* BSI: the creator's contact as the component's manufacturer (an email, else a URL). */
static void write_entity(struct crk_jw *w, const struct crk_writer_contact *ct);

static void write_manufacturer(struct crk_jw *w, const struct crk_writer_contact *ct)
{
	crk_jw_begin_obj(w, "manufacturer");
	write_entity(w, ct);
	crk_jw_end_obj(w);
}

/* BSI: executable, archive and structured properties of a file of known kind. */
static void add_kind_props(struct scratch *s, unsigned kind)
{
	if (!(kind & CRK_FILE_KNOWN))
		return;
	add_prop(s, "", "bsi:component:executable",
		 kind & CRK_FILE_EXECUTABLE ? "executable" : "non-executable");
	add_prop(s, "", "bsi:component:archive", kind & CRK_FILE_ARCHIVE ? "archive" : "no archive");
	add_prop(s, "", "bsi:component:structured",
		 kind & CRK_FILE_STRUCTURED ? "structured" : "unstructured");
}

static void write_occurrences(struct crk_jw *w, const struct crk_component *c,
			      struct scratch *s)
{
	size_t i;
	for (i = 0; i < c->nocc && !*c->occ[i].path; i++)
		;
	if (i == c->nocc)
		return; /* none, or only the empty paths of an SBOM read as input */
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
		if ((i > 0 && cmp_occ(&s->occ[i - 1], &s->occ[i]) == 0) || !*s->occ[i]->path)
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

/* An organizationalEntity's url[] and contact[] from a party read from an input SBOM. */
static void write_party_links(struct crk_jw *w, const struct crk_party *p)
{
	if (!p)
		return;
	if (p->url && crk_writer_url_ok(p->url)) {
		crk_jw_begin_arr(w, "url");
		crk_jw_str(w, NULL, p->url);
		crk_jw_end_arr(w);
	}
	if (p->email && *p->email) {
		crk_jw_begin_arr(w, "contact");
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "email", p->email);
		crk_jw_end_obj(w);
		crk_jw_end_arr(w);
	}
}

/* A party as a whole organizationalEntity member `key` (or, key NULL, an array element). */
static void write_party(struct crk_jw *w, const char *key, const struct crk_party *p)
{
	crk_jw_begin_obj(w, key);
	crk_jw_str(w, "name", p->name);
	write_party_links(w, p);
	crk_jw_end_obj(w);
}

/* The authors of an input SBOM's component or metadata (organizationalContact). */
static void write_authors(struct crk_jw *w, const struct crk_party *v, size_t n)
{
	size_t i;
	int open = 0;
	for (i = 0; i < n; i++) {
		if (v[i].role != CRK_PARTY_AUTHOR || (!v[i].name && !v[i].email))
			continue;
		if (!open++)
			crk_jw_begin_arr(w, "authors");
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "name", v[i].name);
		crk_jw_str(w, "email", v[i].email);
		crk_jw_end_obj(w);
	}
	if (open)
		crk_jw_end_arr(w);
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
	const char *fname = NULL, *fileref = NULL;
	struct crk_writer_contact ct;
	size_t i;

	if (s->bsi) {
		fname = crk_writer_filename(c, &s->fname);
		if (!dl_ok && c->filename && has_sha512(c->hashes, c->nhashes))
			fileref = file_ref(s, c);
	}
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "type", crk_cdx_type(c->kind));
	crk_jw_str(w, "bom-ref", c->bom_ref);
	if (c->supplier && *c->supplier) {
		crk_jw_begin_obj(w, "supplier");
		crk_jw_str(w, "name", c->supplier);
		write_party_links(w, crk_cdx_party(c->parties, c->nparties, CRK_PARTY_SUPPLIER));
		crk_jw_end_obj(w);
	}
	if (s->bsi && crk_writer_creator(c, &ct))
		write_manufacturer(w, &ct);
	else if (!s->bsi && crk_cdx_party(c->parties, c->nparties, CRK_PARTY_MANUFACTURER))
		write_party(w, "manufacturer",
			    crk_cdx_party(c->parties, c->nparties, CRK_PARTY_MANUFACTURER));
	if (!c->author || !*c->author)
		write_authors(w, c->parties, c->nparties);
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
	s->lic_differs = 0;
	write_licenses(w, c->license, s);
	crk_jw_str(w, "copyright", c->copyright);
	if (crk_cdx_cpe_ok(c->cpe))
		crk_jw_str(w, "cpe", c->cpe);
	crk_jw_str(w, "purl", c->purl);
	if (vcs_ok || dl_ok || fileref || c->next_refs) {
		crk_jw_begin_arr(w, "externalReferences");
		if (vcs_ok) {
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", "vcs");
			crk_jw_str(w, "url", c->vcs_url);
			crk_jw_end_obj(w);
		}
		if (dl_ok || fileref) {
			/* BSI TR-03183-2 v2.1 §8.2: the hash of the deployable hangs on the reference
			 * to the deployable form: the download URL the lockfile gives (its hashes are
			 * of that file), else the file in the scanned tree, relative to it */
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", "distribution");
			crk_jw_str(w, "url", dl_ok ? c->download_url : fileref);
			if (!dl_ok)
				crk_jw_str(w, "comment", "the file in the scanned tree");
			if (s->bsi)
				write_hash_list(w, c->hashes, c->nhashes, s);
			crk_jw_end_obj(w);
		}
		/* an input SBOM's further references, after the first vcs and distribution
		 * (which its reader took into vcs_url and download_url: the order survives) */
		for (i = 0; i < c->next_refs; i++) {
			if (!crk_writer_url_ok(c->ext_refs[i].value))
				continue;
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", crk_cdx_extref_type(c->ext_refs[i].key));
			crk_jw_str(w, "url", c->ext_refs[i].value);
			crk_jw_end_obj(w);
		}
		crk_jw_end_arr(w);
	}
	write_occurrences(w, c, s);

	s->nprops = 0;
	if (c->cpe && !crk_cdx_cpe_ok(c->cpe))
		add_prop(s, "", "crakit:cpe", c->cpe); /* not a CPE name the schema takes */
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
	for (i = 0; i < c->next_props; i++) /* an input SBOM's, under their own names */
		add_prop(s, "", c->ext_props[i].key, c->ext_props[i].value);
	if (crk_cdx_concluded_differs(c))
		add_prop(s, "", "crakit:license_concluded", c->license_concluded);
	if (s->lic_differs)
		add_prop(s, "", "crakit:license_declared", c->license);
	if (s->bsi) {
		add_prop(s, "", "bsi:component:filename", fname);
		add_kind_props(s, crk_writer_file_kind(c, fname));
	}
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

/* The contact of a party, in the shape crk_writer_creator() gives. */
static void party_contact(const struct crk_party *p, struct crk_writer_contact *ct)
{
	memset(ct, 0, sizeof(*ct));
	ct->name = p->name;
	ct->name_len = p->name ? strlen(p->name) : 0;
	if (p->email && *p->email) {
		ct->email = p->email;
		ct->email_len = strlen(p->email);
	} else {
		ct->url = p->url;
	}
}

/* The members of an organizationalEntity: name, then url or contact. */
static void write_entity(struct crk_jw *w, const struct crk_writer_contact *ct)
{
	if (ct->name && ct->name_len)
		crk_jw_strn(w, "name", ct->name, ct->name_len);
	if (ct->email) {
		crk_jw_begin_arr(w, "contact");
		crk_jw_begin_obj(w, NULL);
		if (ct->name && ct->name_len)
			crk_jw_strn(w, "name", ct->name, ct->name_len);
		crk_jw_strn(w, "email", ct->email, ct->email_len);
		crk_jw_end_obj(w);
		crk_jw_end_arr(w);
	} else if (ct->url) {
		crk_jw_begin_arr(w, "url");
		crk_jw_str(w, NULL, ct->url);
		crk_jw_end_arr(w);
	}
}

static void write_metadata(struct crk_jw *w, const struct crk_bom *bom, struct scratch *s)
{
	const struct crk_bom_meta *m = crk_bom_meta((struct crk_bom *)bom);
	const struct crk_party *creator = NULL;
	struct crk_writer_contact ct;
	char ts[32];
	size_t i;

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
	for (i = 0; i < m->ntools; i++) {
		/* the tools that made an SBOM read as input (crakit sbom convert, merge) */
		if (crk_cdx_same_tool(m, &m->tools[i]))
			continue;
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "type", "application");
		crk_jw_str(w, "name", m->tools[i].key);
		if (m->tools[i].value && *m->tools[i].value)
			crk_jw_str(w, "version", m->tools[i].value);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
	write_authors(w, m->parties, m->nparties);
	if (s->bsi && (creator = crk_writer_sbom_creator(bom)) != NULL) {
		/* BSI TR-03183-2 v2.1 §5.2.1: the SBOM's creator, an email else a URL */
		party_contact(creator, &ct);
		crk_jw_begin_obj(w, "manufacturer");
		write_entity(w, &ct);
		crk_jw_end_obj(w);
	} else if (!s->bsi && crk_cdx_party(m->parties, m->nparties, CRK_PARTY_MANUFACTURER)) {
		write_party(w, "manufacturer",
			    crk_cdx_party(m->parties, m->nparties, CRK_PARTY_MANUFACTURER));
	}
	if (crk_cdx_party(m->parties, m->nparties, CRK_PARTY_SUPPLIER))
		write_party(w, "supplier", crk_cdx_party(m->parties, m->nparties, CRK_PARTY_SUPPLIER));
	crk_jw_begin_obj(w, "component");
	crk_jw_str(w, "type", m->image_id  ? "container"
			      : m->product && m->product->kind ? crk_cdx_type(m->product->kind)
							       : "application");
	crk_jw_str(w, "bom-ref", CDX_ROOT_REF);
	if (m->product && m->product->supplier && *m->product->supplier) {
		crk_jw_begin_obj(w, "supplier");
		crk_jw_str(w, "name", m->product->supplier);
		write_party_links(w, crk_cdx_party(m->product->parties, m->product->nparties,
						   CRK_PARTY_SUPPLIER));
		crk_jw_end_obj(w);
	}
	if (s->bsi) {
		/* the product's creator: its own when an input named one, else the SBOM's creator
		 * (a manufacturer describing its own product) */
		if (m->product && crk_writer_creator(m->product, &ct))
			write_manufacturer(w, &ct);
		else if (creator)
			write_manufacturer(w, (party_contact(creator, &ct), &ct));
	}
	if (!s->bsi && m->product &&
	    crk_cdx_party(m->product->parties, m->product->nparties, CRK_PARTY_MANUFACTURER))
		write_party(w, "manufacturer", crk_cdx_party(m->product->parties,
							     m->product->nparties,
							     CRK_PARTY_MANUFACTURER));
	crk_jw_str(w, "name", m->name && *m->name ? m->name : "unnamed");
	crk_jw_str(w, "version", m->version);
	if (m->product) {
		/* the product as an SBOM read as input described it */
		crk_jw_str(w, "description", m->product->description);
		if (!s->bsi) {
			s->lic_differs = 0;
			write_licenses(w, m->product->license, s);
		}
		crk_jw_str(w, "copyright", m->product->copyright);
		if (crk_cdx_cpe_ok(m->product->cpe))
			crk_jw_str(w, "cpe", m->product->cpe);
		crk_jw_str(w, "purl", m->product->purl);
	}
	if (s->bsi) {
		write_hash_list(w, m->root_hashes, m->nroot_hashes, s);
		if (m->product) {
			s->lic_differs = 0;
			write_licenses(w, m->product->license, s);
		}
		if (m->root_filename && has_sha512(m->root_hashes, m->nroot_hashes)) {
			crk_jw_begin_arr(w, "externalReferences");
			crk_jw_begin_obj(w, NULL);
			crk_jw_str(w, "type", "distribution");
			crk_jw_str(w, "url", path_ref(s, m->root_filename));
			crk_jw_str(w, "comment", "the scanned file");
			write_hash_list(w, m->root_hashes, m->nroot_hashes, s);
			crk_jw_end_obj(w);
			crk_jw_end_arr(w);
		}
	}
	if (m->image_id || (s->bsi && m->root_filename)) {
		/* a container image: what identifies it, and the distribution inside */
		s->nprops = 0;
		if (s->bsi) {
			add_prop(s, "", "bsi:component:filename", m->root_filename);
			add_kind_props(s, m->root_file_kind);
		}
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
	static const struct {
		enum crk_deps v;
		const char *aggregate;
	} agg[] = {{CRK_DEPS_COMPLETE, "complete"},
		   {CRK_DEPS_INCOMPLETE, "incomplete"},
		   {CRK_DEPS_UNKNOWN, "unknown"}};
	size_t k;
	char uuid[37], serial[48];
	size_t i, n = crk_bom_count(bom), nroots;
	const size_t *roots = crk_bom_roots(bom, &nroots);

	s.bsi = opts && opts->profile == CRK_PROFILE_BSI;
	crk_strbuf_init(&s.lic, 0);
	crk_strbuf_init(&s.fname, 0);
	crk_strbuf_init(&s.url, 0);
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
	if (s.bsi) {
		/* BSI TR-03183-2 v2.1 §5.2.2: how complete each component's dependency list is
		 * (compositions[].dependencies names the components whose list is described); the
		 * product's direct dependencies come from manifests crakit may not all read */
		crk_jw_begin_arr(&w, "compositions");
		for (k = 0; k < sizeof(agg) / sizeof(agg[0]); k++) {
			int any = agg[k].v == CRK_DEPS_UNKNOWN;
			for (i = 0; i < n && !any; i++)
				any = crk_bom_get(bom, i)->completeness == agg[k].v;
			if (!any)
				continue;
			crk_jw_begin_obj(&w, NULL);
			crk_jw_str(&w, "aggregate", agg[k].aggregate);
			crk_jw_begin_arr(&w, "dependencies");
			if (agg[k].v == CRK_DEPS_UNKNOWN)
				crk_jw_str(&w, NULL, CDX_ROOT_REF);
			for (i = 0; i < n; i++) {
				const struct crk_component *c = crk_bom_get(bom, i);
				if (c->completeness == agg[k].v)
					crk_jw_str(&w, NULL, c->bom_ref);
			}
			crk_jw_end_arr(&w);
			crk_jw_end_obj(&w);
		}
		crk_jw_end_arr(&w);
	}
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);

	crk_free(s.props);
	crk_free(s.occ);
	crk_free(s.hashes);
	if (!crk_strbuf_ok(&s.lic) || !crk_strbuf_ok(&s.fname) || !crk_strbuf_ok(&s.url))
		s.oom = 1;
	crk_strbuf_release(&s.lic);
	crk_strbuf_release(&s.fname);
	crk_strbuf_release(&s.url);
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
	.profiles = 1u << CRK_PROFILE_BSI,
};
