/*
 * sbom_read.h - what the SBOM readers share (include/crakit/sbomio.h is the public side); not API
 * (the crk_sread_ prefix). One reader per format, each a function taking the reader context:
 *   cdx_json_read.c  CycloneDX JSON        cdx_xml.c     CycloneDX XML (and its writer)
 *   spdx_json_read.c SPDX 2 JSON           spdx_tv.c     SPDX 2 tag-value (and its writer)
 *   spdx3_read.c     SPDX 3 JSON-LD
 * A reader walks its document and hands each entry to crk_sread_add() (identity from the purl,
 * de-duplication, occurrences), the product to crk_sread_product(), each edge by document
 * reference to crk_sread_edge(); sbom_read.c resolves the edges once everything is read
 * (references may be used before they are defined) and fills `struct crk_sbom_info`.
 */
#ifndef CRK_FORMATS_SBOM_READ_H
#define CRK_FORMATS_SBOM_READ_H

#include <stddef.h>

#include "base/arena.h"
#include "base/map.h"
#include "crakit/bom.h"
#include "crakit/err.h"
#include "crakit/sbomio.h"

/* Caps beyond src/base/limits.h. */
#define CRK_SREAD_MAX_EDGES ((size_t)16 << 20) /* dependency edges of one document */
#define CRK_SREAD_MAX_NEST 64                  /* nested CycloneDX components */
#define CRK_SREAD_MAX_LIST 4096 /* hashes, licences, properties, ... of one entry */

/* An edge by document reference, resolved in crk_sread_finish(). `from` NULL: the product. */
struct crk_sread_edge {
	const char *from, *to;
	unsigned line;
};

struct crk_sread {
	struct crk_bom *bom;
	const char *path; /* the input, in errors */
	unsigned flags;   /* enum crk_read_flags */
	struct crk_sbom_info *info; /* never NULL inside the readers */
	struct crk_diags *diags;    /* may be NULL */
	const char *found_by;       /* detector name, for CRK_READ_AS_COMPONENTS */
	const char *layer;          /* image scans: the layer of the SBOM file, or NULL */
	struct crk_arena a;         /* scratch for the whole read */
	struct crk_map refs;        /* document reference -> (void *)(component id + 1) */
	struct crk_map ignored;     /* references of dropped elements (crk_sread_ignore_ref) */
	const char *product_ref;    /* the product's document reference, or NULL */
	size_t product_id;          /* CRK_READ_AS_COMPONENTS: the product's component id */
	int have_product;
	struct crk_sread_edge *edges;
	size_t nedges, edgealloc;
	struct {
		const char *one, *many;
		size_t n;
	} dropped[24];
	size_t ndropped;
};

/* One component entry as a reader found it. Zero it (memset), then fill what the document
 * says; the arrays are arena memory grown with crk_sread_push(). pkg.type/ns/name/version/
 * qualifiers/subpath/ecosystem/path/line/found_by are set by crk_sread_add() itself. */
struct crk_sread_entry {
	struct crk_pkg pkg;
	const char *purl;  /* as written, or NULL */
	const char *group; /* CycloneDX group, for an entry without a purl */
	const char *name, *version;
	const char *ref;   /* bom-ref / SPDXID / spdxId, or NULL */
	unsigned line, col;
	struct crk_hash *hashes;
	size_t nhashes, hashalloc;
	struct crk_kv *props, *ext_props, *ext_refs;
	size_t nprops, propalloc, next_props, extpropalloc, next_refs, extrefalloc;
	struct crk_party *parties;
	size_t nparties, partyalloc;
	struct crk_occurrence *occ; /* CycloneDX evidence.occurrences */
	size_t nocc, occalloc;
	const char *layer; /* a crakit:layer property */
};

int crk_sread_init(struct crk_sread *r, struct crk_bom *bom, const char *path, unsigned flags,
		   struct crk_sbom_info *info, struct crk_diags *diags, const char *found_by);
void crk_sread_release(struct crk_sread *r);

/* Appends *el (elsize bytes) to an arena array (grows by doubling, copying). Returns 0, -1 on
 * ENOMEM, CRK_ELIMIT past CRK_SREAD_MAX_LIST. */
int crk_sread_push(struct crk_sread *r, void *arr, size_t *n, size_t *alloc, size_t elsize,
		   const void *el);

/* A CycloneDX-style property of an entry: "crakit:<field>" names (what crakit's own writers
 * emit) go back into their fields, other "crakit:<key>" into props, anything else into
 * ext_props under its own name. CRK_ENOMEM. */
int crk_sread_property(struct crk_sread *r, struct crk_sread_entry *e, const char *name,
		       const char *value);
/* A hash, algorithm as the document names it ("SHA-256", "SHA256", "sha256"); unknown
 * algorithms and values that are not hexadecimal are dropped with a diagnostic. */
int crk_sread_hash(struct crk_sread *r, struct crk_sread_entry *e, const char *alg,
		   const char *value, unsigned line);
/* An external reference (CycloneDX type, URL): the first "vcs" and "distribution" fill vcs_url
 * and download_url, the rest go to ext_refs. */
int crk_sread_extref(struct crk_sread *r, struct crk_sread_entry *e, const char *type,
		     const char *url);
int crk_sread_party(struct crk_sread *r, struct crk_sread_entry *e, const struct crk_party *p);

/* Adds the entry (de-duplicated by purl); *id (may be NULL) receives the component id, or
 * CRK_BOM_NONE when the entry was skipped with a diagnostic (no name and no purl). Its `ref`
 * becomes known to crk_sread_edge(). CRK_ENOMEM, CRK_ELIMIT. */
int crk_sread_add(struct crk_sread *r, struct crk_sread_entry *e, size_t *id,
		  struct crk_err *err);
/* The product: meta.product and meta name/version (or, with CRK_READ_AS_COMPONENTS, a
 * component the BOM's root depends on). Its `ref` stands for the root in edges. */
int crk_sread_product(struct crk_sread *r, struct crk_sread_entry *e, struct crk_err *err);
/* Records `from` depends on `to` (references; `from` NULL is the product). Unknown references
 * are reported by crk_sread_finish() as diagnostics. CRK_ENOMEM, CRK_ELIMIT. */
int crk_sread_edge(struct crk_sread *r, const char *from, const char *to, unsigned line,
		   struct crk_err *err);
/* The component id a reference names now (only references already added are known):
 * CRK_BOM_ROOT for the product (its component with CRK_READ_AS_COMPONENTS), CRK_BOM_NONE. */
size_t crk_sread_lookup(struct crk_sread *r, const char *ref);
/* A stated completeness ("complete", "incomplete", "incomplete_first_party_only", "unknown",
 * SPDX 3 "noAssertion", ...) of the dependencies of the component `ref` names. */
void crk_sread_completeness(struct crk_sread *r, const char *ref, const char *aggregate);
/* Counts something the model cannot hold ("service", "services"). */
void crk_sread_drop(struct crk_sread *r, const char *one, const char *many, size_t n);
/* Recognises the format, reads, resolves: what crk_bom_read_into() does with a context the
 * caller set up (the SBOM detector sets found_by and layer). */
int crk_sread_run(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
/* Resolves the edges, fills info->dropped. */
int crk_sread_finish(struct crk_sread *r, struct crk_err *err);

/* Copies into the scratch arena; NULL for NULL. Sets *oom on ENOMEM. */
const char *crk_sread_dup(struct crk_sread *r, const char *s, size_t n, int *oom);
/* Parses an RFC 3339 time ("2024-03-06T00:00:00Z", offsets, fractions) into epoch seconds.
 * Returns 0, or -1 when it is not one. */
int crk_sread_time(const char *s, int64_t *out);
/* An SPDX 2 agent "Person: name (email)", "Organization: name (email)", "Tool: name-version"
 * into `p` (strings in the scratch arena; the role is left to the caller). Returns 1 for a
 * person or organisation, 2 for a tool (its name in p->name, its version, split at the last
 * "-<digit>", in *tool_version, which may be NULL), 0 for NOASSERTION or anything else, -1 on
 * ENOMEM. */
int crk_sread_spdx_agent(struct crk_sread *r, const char *s, struct crk_party *p,
			 const char **tool_version);
/* The OSV ecosystem for a purl type (and namespace, for distributions), or the type itself. */
const char *crk_sread_ecosystem(const char *type, const char *ns);

/* A reference that names something the model drops (an SPDX file or snippet): edges to and
 * from it are left out without a diagnostic. CRK_ENOMEM. */
int crk_sread_ignore_ref(struct crk_sread *r, const char *ref);

/* SPDX 2 as a jansson tree of the JSON shape (spdx_json_read.c): the JSON reader hands it the
 * parsed document, the tag-value reader (spdx_tv.c) the tree it builds, where every package,
 * file and relationship object carries its line as the integer member "_line". */
struct json_t;
int crk_spdx2_read_tree(struct crk_sread *r, struct json_t *root, struct crk_err *err);

/* The readers (one per format). */
int crk_cdx_json_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
int crk_cdx_xml_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
int crk_spdx_json_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
int crk_spdx_tv_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
int crk_spdx_yaml_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);
int crk_spdx3_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err);

#endif
