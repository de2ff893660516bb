/*
 * crakit/sbomio.h - reading SBOMs that others hand us into a `struct crk_bom` (DESIGN.md §5):
 * CycloneDX 1.4, 1.5 and 1.6 (JSON and XML), SPDX 2.2/2.3 (JSON and tag-value) and SPDX 3.0.1
 * (JSON-LD). The format is recognised from the content, never from the file name.
 *
 * What the model holds is kept (docs/formats.md, "Reading SBOMs", has the field-by-field
 * mapping): components with name, version, purl, cpe, supplier, manufacturer and authors with
 * their contacts, licences (declared and concluded), hashes, scope, copyright, description,
 * external references and properties; nested CycloneDX components are flattened, each one a
 * dependency of its parent; the dependency graph (CycloneDX dependencies, SPDX DEPENDS_ON,
 * CONTAINS and their inverses); and the metadata: the product (metadata.component, the package an
 * SPDX document DESCRIBES) as meta.product with its direct dependencies as the CRK_BOM_ROOT edges,
 * timestamp, serial, tools, the SBOM's authors/creators, manufacturer and supplier. What the
 * model cannot hold (services, vulnerabilities, files, snippets, annotations, formulation, ...)
 * is counted in `struct crk_sbom_info.dropped`, so `crakit sbom convert` can say what it lost.
 *
 * Components are identified by purl as everywhere in crakit: two entries with the same purl
 * become one component (info.nmerged counts them). An entry without a purl keeps its name and
 * version under purl type "generic" with CRK_PKG_NO_PURL (never an invented purl); its
 * ecosystem is NULL. The OSV ecosystem of an entry with a purl comes from the purl type
 * ("cargo" -> "crates.io", "maven" -> "Maven"; a type OSV has no name for keeps its own name).
 *
 * Hostile input: the buffer is not trusted (sizes and nesting capped by src/base/limits.h, XML
 * read without network access, DTD loading or entity expansion); the first error is CRK_EPARSE
 * with `path:line:col` (line and column where the parser knows them) and a message saying what
 * is wrong. Not thread-safe on one BOM; different BOMs may be read on different threads.
 */
#ifndef CRAKIT_SBOMIO_H
#define CRAKIT_SBOMIO_H

#include <stddef.h>

#include "crakit/bom.h"
#include "crakit/err.h"

enum crk_sbom_format {
	CRK_SBOM_UNKNOWN = 0,
	CRK_SBOM_CYCLONEDX_JSON = 1, /* CycloneDX 1.4-1.6 JSON */
	CRK_SBOM_CYCLONEDX_XML = 2,  /* CycloneDX 1.4-1.6 XML (namespace http://cyclonedx.org/schema/bom/1.x) */
	CRK_SBOM_SPDX_JSON = 3,      /* SPDX 2.2/2.3 JSON */
	CRK_SBOM_SPDX_TAG_VALUE = 4, /* SPDX 2.2/2.3 tag-value */
	CRK_SBOM_SPDX3_JSON = 5,     /* SPDX 3.0.x JSON-LD */
	CRK_SBOM_SPDX_YAML = 6,      /* SPDX 2.2/2.3 YAML (the JSON members written as YAML) */
};

/* Recognises the format of `buf` from its content (the first bytes and a few keys), or
 * CRK_SBOM_UNKNOWN. Cheap: it reads at most the first 64 KiB. Never fails. */
enum crk_sbom_format crk_sbom_sniff(const char *buf, size_t len);
/* "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value", "spdx3-json" (the --format
 * names of the writers), "spdx-yaml" (read only), or "unknown". */
const char *crk_sbom_format_str(enum crk_sbom_format f);

/* What the input document said, beyond what the model holds: for `crakit sbom check` (quality)
 * and `crakit sbom convert` (what was dropped). Strings are borrowed from the BOM the document
 * was read into (valid until crk_bom_free()). */
struct crk_sbom_info {
	enum crk_sbom_format format;
	char spec_version[16]; /* as the document states it: "1.5", "2.3", "3.0.1" */
	int has_timestamp;     /* states when it was made (metadata.timestamp, created) */
	const char *serial;    /* CycloneDX serialNumber, SPDX documentNamespace, SPDX 3 the
				* SpdxDocument's spdxId; NULL when absent */
	int version;           /* CycloneDX BOM version (1 when not written), 0 for SPDX */
	const char *data_license; /* SPDX dataLicense ("CC0-1.0"), NULL otherwise */
	int has_dependencies;  /* has a dependency graph: a CycloneDX dependencies array, an SPDX
				* relationship other than DESCRIBES */
	const char *completeness; /* CycloneDX compositions aggregate that covers the whole BOM
				   * (no assemblies/dependencies listed, or the product's ref), SPDX 3
				   * relationship completeness of the product's relationships:
				   * "complete", "incomplete", "unknown", ...; NULL when not stated */
	size_t nentries; /* component / package entries read (nested included, product not) */
	size_t nmerged;  /* entries that had the purl of an earlier one and were merged into it */
	size_t nedges;   /* dependency edges read (root edges included) */
	/* What the model cannot hold, one short phrase each ("3 services", "1 vulnerability",
	 * "2 files", "compositions"), in document order. */
	const char **dropped;
	size_t ndropped;
};

enum crk_read_flags {
	/* Read into a BOM that already has content (an SBOM found in a scanned tree): the document's
	 * metadata is not copied over the BOM's, its product becomes a component that the BOM's root
	 * depends on (it is software found in the tree), with the document's root edges as its own
	 * dependencies. Occurrences are recorded at `path`. */
	CRK_READ_AS_COMPONENTS = 1 << 0,
};

/*
 * Reads the SBOM in buf[0..len) into a new BOM: *out receives it (caller frees with
 * crk_bom_free()), *info (may be NULL) what the document said. `path` names the input in errors
 * and in the components' occurrences. Problems that do not stop the document (an entry without
 * a name, a purl that does not parse and is kept as a property, an edge to an unknown ref) go to
 * `diags` (may be NULL) with path:line:col. Returns CRK_OK; CRK_EPARSE for a document that is
 * not well-formed or not an SBOM of a known format (err: path:line:col: what), CRK_EUNSUPPORTED
 * for a known format in a version we do not read (err names it), CRK_ELIMIT past a cap,
 * CRK_ENOMEM. Nothing is allocated on failure (*out is NULL).
 */
int crk_bom_read(const char *buf, size_t len, const char *path, struct crk_bom **out,
		 struct crk_sbom_info *info, struct crk_diags *diags, struct crk_err *err);

/* The same into an existing BOM (flags: enum crk_read_flags). On failure `bom` may hold part of
 * the document. */
int crk_bom_read_into(struct crk_bom *bom, const char *buf, size_t len, const char *path,
		      unsigned flags, struct crk_sbom_info *info, struct crk_diags *diags,
		      struct crk_err *err);

/* Reads the file `path` (at most CRK_MAX_FILE_SIZE bytes; "-" is standard input) and calls
 * crk_bom_read(). CRK_EIO / CRK_ENOTFOUND when it cannot be read. */
int crk_bom_read_file(const char *path, struct crk_bom **out, struct crk_sbom_info *info,
		      struct crk_diags *diags, struct crk_err *err);

/* What writing `bom` in `format` (a writer's name: "spdx-tag-value", ...) cannot keep, for
 * `crakit sbom convert` to say: calls `fn` once per kind of field the format has no place for
 * that the BOM has, with a short phrase ("component properties") and how many components (or
 * values) have it. Returns the number of calls. The writers of the table format print what
 * they print: nothing is reported for it. */
size_t crk_sbom_losses(const struct crk_bom *bom, const char *format,
		       void (*fn)(void *ud, const char *what, size_t n), void *ud);

#endif
