/*
 * sbom_read.c - reading SBOMs into a BOM (include/crakit/sbomio.h): recognising the format,
 * and what every reader shares (sbom_read.h): identity from the purl, de-duplication, the
 * product, edges by document reference, and the list of what the model could not hold.
 *
 * Identity: an entry with a purl that parses (formats/purl.h) becomes the component of that
 * canonical purl; the document's version field loses to the purl's version when both are given
 * (the purl is what advisories are matched on). An entry without a (valid) purl keeps group,
 * name and version under type "generic" with CRK_PKG_NO_PURL, so two entries merge only when
 * those agree; a purl that does not parse is kept as the property crakit:purl, with a warning.
 *
 * Occurrences: read for a conversion, a component is where the document's evidence says it
 * was found (CycloneDX evidence.occurrences); without evidence its occurrence path is empty,
 * which the writers leave out (a converted SBOM does not claim crakit saw the package in the
 * input file). Read from a scanned tree (CRK_READ_AS_COMPONENTS), the occurrence is the SBOM
 * file itself, with the entry's line where the format gives one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "formats/datetime.h"
#include "formats/purl.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

/* ---- format recognition ---- */

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int has(const char *buf, size_t len, const char *needle)
{
	return memmem(buf, len, needle, strlen(needle)) != NULL;
}

/* 1 when a line of buf[0..len) starts with `tag`, after blanks unless `col0` (tag-value
 * documents; YAML's top-level keys, which stand in column 1). */
static int line_tag(const char *buf, size_t len, const char *tag, int col0)
{
	size_t tl = strlen(tag), i = 0;
	while (i < len) {
		const char *nl;
		while (!col0 && i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (len - i >= tl && memcmp(buf + i, tag, tl) == 0)
			return 1;
		nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return 0;
}

static int has_line_tag(const char *buf, size_t len, const char *tag)
{
	return line_tag(buf, len, tag, 0);
}

enum crk_sbom_format crk_sbom_sniff(const char *buf, size_t len)
{
	const char *end = buf + len, *p = buf;
	size_t head = len < ((size_t)64 << 10) ? len : (size_t)64 << 10;
	if (len >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
	    (unsigned char)p[2] == 0xbf)
		p += 3;
	p = skip_ws(p, end);
	if (p == end)
		return CRK_SBOM_UNKNOWN;
	if (*p == '{') {
		/* the marker keys may come after a large member: look through the whole text */
		if (has(p, (size_t)(end - p), "\"bomFormat\""))
			return CRK_SBOM_CYCLONEDX_JSON;
		if (has(p, (size_t)(end - p), "\"spdxVersion\""))
			return CRK_SBOM_SPDX_JSON;
		if (has(p, (size_t)(end - p), "\"@context\"") &&
		    has(p, (size_t)(end - p), "spdx.org/rdf/3."))
			return CRK_SBOM_SPDX3_JSON;
		return CRK_SBOM_UNKNOWN;
	}
	if (*p == '<') {
		if (has(p, (size_t)(end - p), "http://cyclonedx.org/schema/bom/"))
			return CRK_SBOM_CYCLONEDX_XML;
		return CRK_SBOM_UNKNOWN;
	}
	if (has_line_tag(buf, head, "SPDXVersion:"))
		return CRK_SBOM_SPDX_TAG_VALUE;
	/* YAML: the JSON member as a key of the top-level mapping */
	if (line_tag(buf, head, "spdxVersion:", 1) || line_tag(buf, head, "\"spdxVersion\":", 1) ||
	    line_tag(buf, head, "'spdxVersion':", 1))
		return CRK_SBOM_SPDX_YAML;
	return CRK_SBOM_UNKNOWN;
}

const char *crk_sbom_format_str(enum crk_sbom_format f)
{
	switch (f) {
	case CRK_SBOM_CYCLONEDX_JSON: return "cyclonedx-json";
	case CRK_SBOM_CYCLONEDX_XML: return "cyclonedx-xml";
	case CRK_SBOM_SPDX_JSON: return "spdx-json";
	case CRK_SBOM_SPDX_TAG_VALUE: return "spdx-tag-value";
	case CRK_SBOM_SPDX3_JSON: return "spdx3-json";
	case CRK_SBOM_SPDX_YAML: return "spdx-yaml";
	case CRK_SBOM_UNKNOWN: break;
	}
	return "unknown";
}

/* What the document is when it is none of ours, for the error message. */
static const char *what_else(const char *buf, size_t len)
{
	const char *p = skip_ws(buf, buf + len);
	if (has(buf, len, "spdx.org/rdf/terms") || has(buf, len, "<spdx:") ||
	    has(buf, len, "<SpdxDocument"))
		return "an SPDX RDF/XML or XML document, which crakit does not read (convert it to "
		       "SPDX JSON or tag-value first)";
	if (p < buf + len && *p == '{')
		return "JSON, but no CycloneDX (\"bomFormat\"), SPDX 2 (\"spdxVersion\") or SPDX 3 "
		       "(\"@context\" of spdx.org/rdf/3) document";
	if (p < buf + len && *p == '<')
		return "XML, but not in a CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x)";
	return "not a CycloneDX (JSON, XML), SPDX 2 (JSON, tag-value, YAML) or SPDX 3 (JSON-LD) "
	       "document";
}

/* ---- the reader context ---- */

int crk_sread_init(struct crk_sread *r, struct crk_bom *bom, const char *path, unsigned flags,
		   struct crk_sbom_info *info, struct crk_diags *diags, const char *found_by)
{
	memset(r, 0, sizeof(*r));
	r->bom = bom;
	r->path = path ? path : "-";
	r->flags = flags;
	r->info = info;
	r->diags = diags;
	r->found_by = found_by;
	r->product_id = CRK_BOM_NONE;
	crk_arena_init(&r->a);
	crk_map_init(&r->refs);
	crk_map_init(&r->ignored);
	memset(info, 0, sizeof(*info));
	return CRK_OK;
}

void crk_sread_release(struct crk_sread *r)
{
	crk_free(r->edges);
	crk_map_release(&r->refs);
	crk_map_release(&r->ignored);
	crk_arena_release(&r->a);
}

const char *crk_sread_dup(struct crk_sread *r, const char *s, size_t n, int *oom)
{
	const char *d;
	if (!s)
		return NULL;
	d = crk_arena_strndup(&r->a, s, n);
	if (!d)
		*oom = 1;
	return d;
}

int crk_sread_push(struct crk_sread *r, void *arr, size_t *n, size_t *alloc, size_t elsize,
		   const void *el)
{
	char **v = arr;
	if (*n >= CRK_SREAD_MAX_LIST)
		return CRK_ELIMIT;
	if (*n >= *alloc) {
		size_t na = *alloc ? *alloc * 2 : 4;
		char *nv = crk_arena_array(&r->a, na, elsize);
		if (!nv)
			return CRK_ENOMEM;
		if (*n)
			memcpy(nv, *v, *n * elsize);
		*v = nv;
		*alloc = na;
	}
	memcpy(*v + *n * elsize, el, elsize);
	(*n)++;
	return CRK_OK;
}

static void diag(struct crk_sread *r, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void diag(struct crk_sread *r, unsigned line, unsigned col, const char *fmt, ...)
{
	struct crk_err e;
	va_list ap;
	if (!r->diags)
		return;
	va_start(ap, fmt);
	crk_err_vset(&e, CRK_EPARSE, r->path, line, col, fmt, ap);
	va_end(ap);
	crk_diags_add(r->diags, &e);
}

void crk_sread_drop(struct crk_sread *r, const char *one, const char *many, size_t n)
{
	size_t i;
	if (!n)
		return;
	for (i = 0; i < r->ndropped; i++)
		if (strcmp(r->dropped[i].one, one) == 0) {
			r->dropped[i].n += n;
			return;
		}
	if (r->ndropped < sizeof(r->dropped) / sizeof(r->dropped[0])) {
		/* copied: the phrase may come from the document, which goes before finish */
		r->dropped[r->ndropped].one = crk_arena_strdup(&r->a, one);
		r->dropped[r->ndropped].many = crk_arena_strdup(&r->a, many);
		r->dropped[r->ndropped].n = n;
		if (r->dropped[r->ndropped].one && r->dropped[r->ndropped].many)
			r->ndropped++;
	}
}

/* ---- entry fields ---- */

static const struct {
	const char *norm; /* upper case, without '-' and '_' */
	const char *cdx;
} hash_names[] = {
	{"MD5", "MD5"},           {"SHA1", "SHA-1"},        {"SHA256", "SHA-256"},
	{"SHA384", "SHA-384"},    {"SHA512", "SHA-512"},    {"SHA3256", "SHA3-256"},
	{"SHA3384", "SHA3-384"},  {"SHA3512", "SHA3-512"},  {"BLAKE2B256", "BLAKE2b-256"},
	{"BLAKE2B384", "BLAKE2b-384"}, {"BLAKE2B512", "BLAKE2b-512"}, {"BLAKE3", "BLAKE3"},
};

int crk_sread_hash(struct crk_sread *r, struct crk_sread_entry *e, const char *alg,
		   const char *value, unsigned line)
{
	char norm[24], *hex;
	size_t i, k = 0, n;
	struct crk_hash h;
	if (!alg || !value)
		return CRK_OK;
	for (i = 0; alg[i] && k + 1 < sizeof(norm); i++)
		if (alg[i] != '-' && alg[i] != '_')
			norm[k++] = (char)toupper((unsigned char)alg[i]);
	norm[k] = '\0';
	for (i = 0; i < sizeof(hash_names) / sizeof(hash_names[0]); i++)
		if (strcmp(norm, hash_names[i].norm) == 0)
			break;
	if (i == sizeof(hash_names) / sizeof(hash_names[0])) {
		crk_sread_drop(r, "hash of an algorithm CycloneDX has no name for",
			       "hashes of algorithms CycloneDX has no name for", 1);
		return CRK_OK;
	}
	n = strlen(value);
	if (n == 0 || n > 256 || strspn(value, "0123456789abcdefABCDEF") != n) {
		diag(r, line, 0, "%s hash '%.40s' is not hexadecimal: left out", hash_names[i].cdx,
		     value);
		return CRK_OK;
	}
	hex = crk_arena_strndup(&r->a, value, n);
	if (!hex)
		return CRK_ENOMEM;
	for (k = 0; k < n; k++)
		hex[k] = (char)tolower((unsigned char)hex[k]);
	h.alg = hash_names[i].cdx;
	h.value = hex;
	for (k = 0; k < e->nhashes; k++)
		if (strcmp(e->hashes[k].alg, h.alg) == 0 && strcmp(e->hashes[k].value, hex) == 0)
			return CRK_OK;
	return crk_sread_push(r, &e->hashes, &e->nhashes, &e->hashalloc, sizeof(h), &h);
}

int crk_sread_extref(struct crk_sread *r, struct crk_sread_entry *e, const char *type,
		     const char *url)
{
	struct crk_kv kv;
	if (!type || !url || !*url)
		return CRK_OK;
	if (strcmp(type, "vcs") == 0 && !e->pkg.vcs_url) {
		e->pkg.vcs_url = url;
		return CRK_OK;
	}
	if (strcmp(type, "distribution") == 0 && !e->pkg.download_url) {
		e->pkg.download_url = url;
		return CRK_OK;
	}
	kv.key = type;
	kv.value = url;
	return crk_sread_push(r, &e->ext_refs, &e->next_refs, &e->extrefalloc, sizeof(kv), &kv);
}

int crk_sread_party(struct crk_sread *r, struct crk_sread_entry *e, const struct crk_party *p)
{
	if (!p->name && !p->email && !p->url)
		return CRK_OK;
	return crk_sread_push(r, &e->parties, &e->nparties, &e->partyalloc, sizeof(*p), p);
}

/* crakit's own property names (cdx_json.c writes them): back into their fields. */
int crk_sread_property(struct crk_sread *r, struct crk_sread_entry *e, const char *name,
		       const char *value)
{
	static const struct {
		const char *name;
		unsigned flag;
	} flags[] = {
		{"crakit:local", CRK_PKG_LOCAL}, {"crakit:editable", CRK_PKG_EDITABLE},
		{"crakit:no_purl", CRK_PKG_NO_PURL}, {"crakit:git", CRK_PKG_GIT},
		{"crakit:url", CRK_PKG_URL}, {"crakit:unpinned", CRK_PKG_UNPINNED},
	};
	struct crk_kv kv;
	size_t i;
	if (!name || !*name)
		return CRK_OK;
	if (!value)
		value = "";
	if (strncmp(name, "crakit:", 7) == 0) {
		const char *k = name + 7;
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			if (strcmp(name, flags[i].name) == 0) {
				if (strcmp(value, "true") == 0 && flags[i].flag != CRK_PKG_NO_PURL)
					e->pkg.flags |= flags[i].flag;
				return CRK_OK;
			}
		if (strcmp(k, "found_by") == 0) {
			e->pkg.found_by = value;
		} else if (strcmp(k, "ecosystem") == 0) {
			e->pkg.ecosystem = value;
		} else if (strcmp(k, "source_name") == 0) {
			e->pkg.source_name = value;
		} else if (strcmp(k, "source_version") == 0) {
			e->pkg.source_version = value;
		} else if (strcmp(k, "vcs_commit") == 0) {
			e->pkg.vcs_commit = value;
		} else if (strcmp(k, "vcs_url") == 0) {
			e->pkg.vcs_url = value;
		} else if (strcmp(k, "download_url") == 0) {
			e->pkg.download_url = value;
		} else if (strcmp(k, "cpe") == 0) {
			if (!e->pkg.cpe)
				e->pkg.cpe = value;
		} else if (strcmp(k, "license_declared") == 0) {
			e->pkg.license = value; /* the words before the writer normalised them */
		} else if (strcmp(k, "license_concluded") == 0) {
			e->pkg.license_concluded = value;
		} else if (strcmp(k, "layer") == 0) {
			if (!e->layer)
				e->layer = value;
		} else {
			kv.key = k;
			kv.value = value;
			return crk_sread_push(r, &e->props, &e->nprops, &e->propalloc, sizeof(kv),
					      &kv);
		}
		return CRK_OK;
	}
	/* BSI TR-03183-2 v2.1 §8.2 properties: into the fields the BSI profile writes them from */
	if (strncmp(name, "bsi:component:", 14) == 0) {
		const char *k = name + 14;
		if (strcmp(k, "filename") == 0) {
			e->pkg.filename = value;
			return CRK_OK;
		}
		if (strcmp(k, "executable") == 0 || strcmp(k, "archive") == 0 ||
		    strcmp(k, "structured") == 0) {
			unsigned bit = k[0] == 'e' ? CRK_FILE_EXECUTABLE
				       : k[0] == 'a' ? CRK_FILE_ARCHIVE
						     : CRK_FILE_STRUCTURED;
			/* the values: executable/non-executable, archive/no archive,
			 * structured/unstructured */
			if (strcmp(value, k) == 0)
				e->pkg.file_kind |= CRK_FILE_KNOWN | bit;
			else if (strcmp(value, "non-executable") == 0 ||
				 strcmp(value, "no archive") == 0 ||
				 strcmp(value, "unstructured") == 0)
				e->pkg.file_kind |= CRK_FILE_KNOWN;
			else
				goto verbatim;
			return CRK_OK;
		}
	}
	/* what cdx_json.c derives from the scope itself: not kept twice */
	if (strcmp(name, "cdx:npm:package:development") == 0 && e->pkg.scope == CRK_SCOPE_DEV)
		return CRK_OK;
verbatim:
	kv.key = name;
	kv.value = value;
	return crk_sread_push(r, &e->ext_props, &e->next_props, &e->extpropalloc, sizeof(kv), &kv);
}

/* ---- ecosystems ---- */

const char *crk_sread_ecosystem(const char *type, const char *ns)
{
	static const struct {
		const char *type, *eco;
	} t[] = {
		{"npm", "npm"},         {"pypi", "PyPI"},         {"cargo", "crates.io"},
		{"golang", "Go"},       {"maven", "Maven"},       {"nuget", "NuGet"},
		{"gem", "RubyGems"},    {"composer", "Packagist"}, {"pub", "Pub"},
		{"hex", "Hex"},         {"conan", "ConanCenter"}, {"cran", "CRAN"},
		{"hackage", "Hackage"}, {"swift", "SwiftURL"},    {"cocoapods", "CocoaPods"},
		{"bitnami", "Bitnami"}, {"alpm", "Arch Linux"},
	};
	static const struct {
		const char *type, *ns, *eco;
	} d[] = {
		{"deb", "debian", "Debian"},      {"deb", "ubuntu", "Ubuntu"},
		{"apk", "alpine", "Alpine"},      {"apk", "wolfi", "Wolfi"},
		{"apk", "chainguard", "Chainguard"}, {"rpm", "redhat", "Red Hat"},
		{"rpm", "almalinux", "AlmaLinux"}, {"rpm", "rocky", "Rocky Linux"},
		{"rpm", "azurelinux", "Azure Linux"}, {"rpm", "mariner", "Azure Linux"},
		{"rpm", "suse", "SUSE"},          {"rpm", "opensuse", "openSUSE"},
		{"rpm", "photon", "Photon OS"},   {"rpm", "openeuler", "openEuler"},
	};
	size_t i;
	if (!type)
		return NULL;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(type, t[i].type) == 0)
			return t[i].eco;
	for (i = 0; ns && i < sizeof(d) / sizeof(d[0]); i++)
		if (strcmp(type, d[i].type) == 0 && strcasecmp(ns, d[i].ns) == 0)
			return d[i].eco;
	return type;
}

/* ---- adding entries ---- */

/* The source package of a Debian or Alpine binary package from the purl qualifier `upstream`
 * ("glibc", or "glibc@2.36-9" when the source version differs), as syft, Debian's own VEX and
 * others write it: advisories of those distributions name source packages. A crakit:source_name
 * property, when the entry has one, wins. -1 on ENOMEM. */
static int upstream(struct crk_sread *r, struct crk_sread_entry *e, const struct crk_purl *pu)
{
	const char *v = NULL, *at;
	size_t i;
	if (e->pkg.source_name || (strcmp(pu->type, "deb") != 0 && strcmp(pu->type, "apk") != 0))
		return 0;
	for (i = 0; i < pu->nqualifiers; i++)
		if (strcmp(pu->qualifiers[i].key, "upstream") == 0)
			v = pu->qualifiers[i].value;
	if (!v || !*v || *v == '@')
		return 0;
	at = strchr(v, '@');
	if (!at) {
		e->pkg.source_name = v;
		return 0;
	}
	e->pkg.source_name = crk_arena_strndup(&r->a, v, (size_t)(at - v));
	if (at[1])
		e->pkg.source_version = at + 1;
	return e->pkg.source_name ? 0 : -1;
}

/* Fills pkg identity from the entry. Returns 1 when the entry has a purl that parsed. */
static int identity(struct crk_sread *r, struct crk_sread_entry *e, int *oom)
{
	struct crk_purl pu;
	struct crk_kv kv;
	if (e->purl && *e->purl) {
		if (crk_purl_parse(&pu, e->purl, strlen(e->purl), &r->a, NULL) == CRK_OK) {
			e->pkg.type = pu.type;
			e->pkg.ns = pu.ns;
			e->pkg.name = pu.name;
			e->pkg.version = pu.version ? pu.version : e->version;
			e->pkg.qualifiers = pu.qualifiers;
			e->pkg.nqualifiers = pu.nqualifiers;
			e->pkg.subpath = pu.subpath;
			if (!e->pkg.ecosystem)
				e->pkg.ecosystem = crk_sread_ecosystem(pu.type, pu.ns);
			e->pkg.flags &= ~(unsigned)CRK_PKG_NO_PURL;
			if (upstream(r, e, &pu))
				*oom = 1;
			return 1;
		}
		diag(r, e->line, e->col, "purl '%.200s' of '%.100s' is not valid: kept as a property",
		     e->purl, e->name ? e->name : "");
		kv.key = "purl";
		kv.value = e->purl;
		if (crk_sread_push(r, &e->props, &e->nprops, &e->propalloc, sizeof(kv), &kv))
			*oom = 1;
	}
	e->pkg.type = "generic";
	e->pkg.ns = e->group && *e->group ? e->group : NULL;
	e->pkg.name = e->name;
	e->pkg.version = e->version && *e->version ? e->version : NULL;
	e->pkg.qualifiers = NULL;
	e->pkg.nqualifiers = 0;
	e->pkg.subpath = NULL;
	e->pkg.flags |= CRK_PKG_NO_PURL;
	return 0;
}

static void entry_arrays(struct crk_sread_entry *e)
{
	e->pkg.hashes = e->hashes;
	e->pkg.nhashes = e->nhashes;
	e->pkg.props = e->props;
	e->pkg.nprops = e->nprops;
	e->pkg.ext_props = e->ext_props;
	e->pkg.next_props = e->next_props;
	e->pkg.ext_refs = e->ext_refs;
	e->pkg.next_refs = e->next_refs;
	e->pkg.parties = e->parties;
	e->pkg.nparties = e->nparties;
}

static int remember_ref(struct crk_sread *r, const char *ref, size_t id)
{
	void *old = NULL;
	size_t n;
	char *key;
	if (!ref || !*ref || id == CRK_BOM_NONE)
		return CRK_OK;
	n = strlen(ref);
	if (crk_map_get(&r->refs, ref, n))
		return CRK_OK; /* the first definition wins (a duplicate bom-ref is invalid anyway) */
	key = crk_arena_strndup(&r->a, ref, n); /* map keys are borrowed: the document goes first */
	if (!key)
		return CRK_ENOMEM;
	return crk_map_put_new(&r->refs, key, n, (void *)(id + 1), &old) ? CRK_ENOMEM : CRK_OK;
}

int crk_sread_add(struct crk_sread *r, struct crk_sread_entry *e, size_t *id,
		  struct crk_err *err)
{
	size_t cid = CRK_BOM_NONE, before = crk_bom_count(r->bom), i;
	int oom = 0, rc;
	const char *found_by;

	if (id)
		*id = CRK_BOM_NONE;
	r->info->nentries++;
	if ((!e->name || !*e->name) && (!e->purl || !*e->purl)) {
		diag(r, e->line, e->col, "a component without a name or a purl: left out");
		return CRK_OK;
	}
	if (!e->name || !*e->name)
		e->name = e->purl;
	identity(r, e, &oom);
	if (oom)
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	entry_arrays(e);
	found_by = e->pkg.found_by;
	if (r->flags & CRK_READ_AS_COMPONENTS) {
		e->pkg.path = r->path;
		e->pkg.line = e->line;
		e->pkg.found_by = r->found_by;
		e->pkg.layer = r->layer;
	} else {
		e->pkg.path = e->nocc ? e->occ[0].path : "";
		e->pkg.line = e->nocc ? e->occ[0].line : 0;
		e->pkg.layer = e->layer;
		e->pkg.found_by = found_by;
	}
	rc = crk_bom_add(r->bom, &e->pkg, &cid, err);
	if (rc == CRK_EINVAL && !(e->pkg.flags & CRK_PKG_NO_PURL)) {
		/* a purl that parsed but does not build back (should not happen): keep the entry */
		diag(r, e->line, e->col, "purl '%.200s' cannot be rebuilt: kept without it",
		     e->purl ? e->purl : "");
		e->purl = NULL;
		identity(r, e, &oom);
		rc = crk_bom_add(r->bom, &e->pkg, &cid, err);
	}
	if (rc == CRK_EINVAL) {
		diag(r, e->line, e->col, "component '%.100s' left out: %s", e->name, err ? err->msg : "");
		return CRK_OK;
	}
	if (rc)
		return rc;
	if (crk_bom_count(r->bom) == before)
		r->info->nmerged++;
	/* further occurrences: each one a sighting of the same package */
	for (i = 1; !(r->flags & CRK_READ_AS_COMPONENTS) && i < e->nocc; i++) {
		size_t again;
		e->pkg.path = e->occ[i].path;
		e->pkg.line = e->occ[i].line;
		rc = crk_bom_add(r->bom, &e->pkg, &again, err);
		if (rc)
			return rc;
	}
	if (remember_ref(r, e->ref, cid))
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	if (id)
		*id = cid;
	return CRK_OK;
}

int crk_sread_product(struct crk_sread *r, struct crk_sread_entry *e, struct crk_err *err)
{
	struct crk_bom_meta *m = crk_bom_meta(r->bom);
	int oom = 0, rc;
	size_t id;

	r->have_product = 1;
	r->product_ref = e->ref ? crk_sread_dup(r, e->ref, strlen(e->ref), &oom) : NULL;
	if (oom)
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	if (r->flags & CRK_READ_AS_COMPONENTS) {
		/* software found in the tree, like everything the document lists */
		rc = crk_sread_add(r, e, &id, err);
		r->info->nentries--;
		if (rc)
			return rc;
		r->product_id = id;
		if (id != CRK_BOM_NONE && crk_bom_add_dep(r->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
			return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
		return CRK_OK;
	}
	if ((!e->name || !*e->name) && (!e->purl || !*e->purl))
		return CRK_OK;
	if (!e->name || !*e->name)
		e->name = e->purl;
	identity(r, e, &oom);
	if (oom)
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	entry_arrays(e);
	e->pkg.path = e->nocc ? e->occ[0].path : "";
	e->pkg.line = e->nocc ? e->occ[0].line : 0;
	rc = crk_bom_set_product(r->bom, &e->pkg, err);
	if (rc == CRK_EINVAL) {
		e->purl = NULL;
		identity(r, e, &oom);
		rc = crk_bom_set_product(r->bom, &e->pkg, err);
	}
	if (rc)
		return rc;
	/* the product's name as the document writes it (with its group), and its version */
	if (crk_bom_set_str(r->bom, &m->name, e->name) ||
	    crk_bom_set_str(r->bom, &m->version,
			    e->version && *e->version ? e->version : m->product->version))
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	return CRK_OK;
}

int crk_sread_edge(struct crk_sread *r, const char *from, const char *to, unsigned line,
		   struct crk_err *err)
{
	struct crk_sread_edge ed;
	if (!to || !*to)
		return CRK_OK;
	if (r->nedges >= CRK_SREAD_MAX_EDGES)
		return crk_err_set(err, CRK_ELIMIT, r->path, line, 0,
				   "more than %zu dependency edges", (size_t)CRK_SREAD_MAX_EDGES);
	if (CRK_GROW(r->edges, r->edgealloc, r->nedges + 1))
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	ed.from = from ? crk_arena_strdup(&r->a, from) : NULL;
	ed.to = crk_arena_strdup(&r->a, to);
	ed.line = line;
	if ((from && !ed.from) || !ed.to)
		return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
	r->edges[r->nedges++] = ed;
	return CRK_OK;
}

/* The component id of a reference: CRK_BOM_ROOT for the product (or its component), NONE. */
static size_t resolve(struct crk_sread *r, const char *ref)
{
	void *v;
	if (!ref || (r->product_ref && strcmp(ref, r->product_ref) == 0))
		return (r->flags & CRK_READ_AS_COMPONENTS) && r->product_id != CRK_BOM_NONE
			       ? r->product_id
			       : CRK_BOM_ROOT;
	v = crk_map_get(&r->refs, ref, strlen(ref));
	return v ? (size_t)v - 1 : CRK_BOM_NONE;
}

int crk_sread_ignore_ref(struct crk_sread *r, const char *ref)
{
	size_t n;
	char *key;
	if (!ref || !*ref)
		return CRK_OK;
	n = strlen(ref);
	if (crk_map_get(&r->ignored, ref, n))
		return CRK_OK;
	key = crk_arena_strndup(&r->a, ref, n);
	if (!key || crk_map_put(&r->ignored, key, n, key))
		return CRK_ENOMEM;
	return CRK_OK;
}

size_t crk_sread_lookup(struct crk_sread *r, const char *ref)
{
	return resolve(r, ref);
}

void crk_sread_completeness(struct crk_sread *r, const char *ref, const char *aggregate)
{
	size_t id = resolve(r, ref);
	enum crk_deps c;
	if (!aggregate)
		return;
	if (strcmp(aggregate, "complete") == 0)
		c = CRK_DEPS_COMPLETE;
	else if (strncmp(aggregate, "incomplete", 10) == 0)
		c = CRK_DEPS_INCOMPLETE;
	else
		return; /* "unknown", "not_specified", "noAssertion": what UNKNOWN says already */
	if (id == CRK_BOM_ROOT) {
		if (!r->info->completeness)
			r->info->completeness = crk_bom_strndup(r->bom, aggregate, strlen(aggregate));
		return;
	}
	if (id != CRK_BOM_NONE)
		crk_bom_set_completeness(r->bom, id, c);
}

int crk_sread_finish(struct crk_sread *r, struct crk_err *err)
{
	size_t i, unknown = 0;
	struct crk_sbom_info *info = r->info;

	for (i = 0; i < r->nedges; i++) {
		const struct crk_sread_edge *ed = &r->edges[i];
		size_t from = resolve(r, ed->from), to = resolve(r, ed->to);
		int rc;
		if (from == CRK_BOM_NONE || to == CRK_BOM_NONE) {
			const char *bad = from == CRK_BOM_NONE ? ed->from : ed->to;
			if (crk_map_get(&r->ignored, bad, strlen(bad)))
				continue; /* to or from something dropped (a file) */
			if (unknown++ < 20)
				diag(r, ed->line, 0, "dependency on an unknown reference '%.200s'",
				     from == CRK_BOM_NONE ? ed->from : ed->to);
			continue;
		}
		if (to == CRK_BOM_ROOT || from == to)
			continue; /* an edge into the product: the root is not a component */
		rc = crk_bom_add_dep(r->bom, from, to);
		if (rc == CRK_ENOMEM)
			return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
		if (rc == CRK_ELIMIT)
			return crk_err_set(err, CRK_ELIMIT, r->path, ed->line, 0,
					   "more than %zu dependencies of one component",
					   (size_t)CRK_MAX_DEPS_PER_COMPONENT);
		info->nedges++;
	}
	if (unknown > 20)
		diag(r, 0, 0, "%zu more dependencies on unknown references", unknown - 20);
	if (r->ndropped) {
		info->dropped = crk_bom_alloc(r->bom, r->ndropped * sizeof(*info->dropped));
		if (!info->dropped)
			return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
		for (i = 0; i < r->ndropped; i++) {
			char buf[160];
			snprintf(buf, sizeof(buf), "%zu %s", r->dropped[i].n,
				 r->dropped[i].n == 1 ? r->dropped[i].one : r->dropped[i].many);
			info->dropped[i] = crk_bom_strndup(r->bom, buf, strlen(buf));
			if (!info->dropped[i])
				return crk_err_set(err, CRK_ENOMEM, r->path, 0, 0, "out of memory");
		}
		info->ndropped = r->ndropped;
	}
	return CRK_OK;
}

/* ---- small parsers ---- */

int crk_sread_time(const char *s, int64_t *out)
{
	int64_t us;
	if (!s || crk_time_parse_rfc3339(s, strlen(s), &us))
		return -1;
	*out = us / 1000000 - (us % 1000000 < 0);
	return 0;
}

int crk_sread_spdx_agent(struct crk_sread *r, const char *s, struct crk_party *p,
			 const char **tool_version)
{
	const char *v, *open, *close;
	size_t n;
	int oom = 0, kind;
	memset(p, 0, sizeof(*p));
	if (tool_version)
		*tool_version = NULL;
	if (!s)
		return 0;
	if (strncmp(s, "Person:", 7) == 0) {
		kind = 1;
		v = s + 7;
	} else if (strncmp(s, "Organization:", 13) == 0) {
		kind = 1;
		p->organization = 1;
		v = s + 13;
	} else if (strncmp(s, "Tool:", 5) == 0) {
		const char *dash;
		v = s + 5;
		while (*v == ' ')
			v++;
		n = strlen(v);
		while (n && v[n - 1] == ' ')
			n--;
		/* "Tool: name-version": the version starts after the last '-' followed by a digit */
		for (dash = v + n; dash > v && !(dash[-1] == '-' && isdigit((unsigned char)*dash));
		     dash--)
			;
		if (dash > v && dash - 1 > v) {
			p->name = crk_sread_dup(r, v, (size_t)(dash - 1 - v), &oom);
			if (tool_version)
				*tool_version = crk_sread_dup(r, dash, (size_t)(v + n - dash), &oom);
		} else {
			p->name = crk_sread_dup(r, v, n, &oom);
		}
		return oom ? -1 : (n ? 2 : 0);
	} else {
		return 0;
	}
	while (*v == ' ')
		v++;
	n = strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	if (!n)
		return 0;
	/* "name (email)": the email in the last parentheses */
	close = v[n - 1] == ')' ? v + n - 1 : NULL;
	open = close ? memrchr(v, '(', (size_t)(close - v)) : NULL;
	if (open) {
		const char *ne = open;
		while (ne > v && ne[-1] == ' ')
			ne--;
		p->name = ne > v ? crk_sread_dup(r, v, (size_t)(ne - v), &oom) : NULL;
		if (close - open > 1) {
			const char *m = crk_sread_dup(r, open + 1, (size_t)(close - open - 1), &oom);
			if (m && strchr(m, '@'))
				p->email = m;
			else if (m && strstr(m, "://"))
				p->url = m;
			else if (m && *m)
				p->name = crk_sread_dup(r, v, n, &oom);
		}
	} else {
		p->name = crk_sread_dup(r, v, n, &oom);
	}
	return oom ? -1 : kind;
}

/* ---- the public entry ---- */

/* Documents from this size on get their arenas sized up front (see reserve()). */
#define RESERVE_FROM ((size_t)1 << 20)

/* Sizes the arenas a large document fills, from its length: one block each instead of dozens
 * of growing ones, of at least 4 MiB so that base/arena.c asks for huge pages (page faults are
 * much of what reading costs). The BOM takes up to about 3 times the text (short entries, long
 * purls), the reader's own arena about the text; pages never touched cost nothing. Only hints:
 * a failure here shows as ENOMEM where the memory is really needed. */
static void reserve(struct crk_sread *r, size_t len)
{
	const size_t least = (size_t)4 << 20;
	if (len < RESERVE_FROM)
		return;
	if (len > ((size_t)64 << 20))
		len = (size_t)64 << 20;
	(void)crk_bom_reserve(r->bom, 3 * len > least ? 3 * len : least);
	(void)crk_arena_reserve(&r->a, len > least ? len : least);
}

int crk_sread_run(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	enum crk_sbom_format f = crk_sbom_sniff(buf, len);
	int rc;
	r->info->format = f;
	if (f != CRK_SBOM_UNKNOWN)
		reserve(r, len);
	switch (f) {
	case CRK_SBOM_CYCLONEDX_JSON: rc = crk_cdx_json_read(r, buf, len, err); break;
	case CRK_SBOM_CYCLONEDX_XML: rc = crk_cdx_xml_read(r, buf, len, err); break;
	case CRK_SBOM_SPDX_JSON: rc = crk_spdx_json_read(r, buf, len, err); break;
	case CRK_SBOM_SPDX_TAG_VALUE: rc = crk_spdx_tv_read(r, buf, len, err); break;
	case CRK_SBOM_SPDX_YAML: rc = crk_spdx_yaml_read(r, buf, len, err); break;
	case CRK_SBOM_SPDX3_JSON: rc = crk_spdx3_read(r, buf, len, err); break;
	default:
		return crk_err_set(err, CRK_EPARSE, r->path, 1, 1, "%s", what_else(buf, len));
	}
	if (rc)
		return rc;
	return crk_sread_finish(r, err);
}

int crk_bom_read_into(struct crk_bom *bom, const char *buf, size_t len, const char *path,
		      unsigned flags, struct crk_sbom_info *info, struct crk_diags *diags,
		      struct crk_err *err)
{
	struct crk_sbom_info local;
	struct crk_sread r;
	int rc;
	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "larger than %zu bytes",
				   (size_t)CRK_MAX_FILE_SIZE);
	crk_sread_init(&r, bom, path, flags, info ? info : &local, diags, NULL);
	r.found_by = "sbom";
	rc = crk_sread_run(&r, buf, len, err);
	crk_sread_release(&r);
	return rc;
}

int crk_bom_read(const char *buf, size_t len, const char *path, struct crk_bom **out,
		 struct crk_sbom_info *info, struct crk_diags *diags, struct crk_err *err)
{
	struct crk_bom *bom;
	int rc;
	*out = NULL;
	bom = crk_bom_new();
	if (!bom)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	rc = crk_bom_read_into(bom, buf, len, path, 0, info, diags, err);
	if (rc) {
		crk_bom_free(bom);
		if (info)
			memset(info, 0, sizeof(*info));
		return rc;
	}
	*out = bom;
	return CRK_OK;
}

int crk_bom_read_file(const char *path, struct crk_bom **out, struct crk_sbom_info *info,
		      struct crk_diags *diags, struct crk_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;
	*out = NULL;
	if (strcmp(path, "-") == 0)
		rc = crk_read_fd(0, "<stdin>", CRK_MAX_FILE_SIZE, &buf, &len, err);
	else
		rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc)
		return rc;
	rc = crk_bom_read(buf, len, strcmp(path, "-") == 0 ? "<stdin>" : path, out, info, diags,
			  err);
	crk_free(buf);
	return rc;
}
