/*
 * crakit/bom.h - components and the bill of materials (DESIGN.md §4).
 *
 * A `struct crk_bom` owns everything in it: components, their strings and the dependency graph all
 * live in the BOM's arena and die with crk_bom_free(). Pointers handed out by this API are borrowed
 * from the BOM and valid until it is freed. A BOM is not thread-safe: one writer at a time.
 *
 * Identity is the canonical purl (package-url spec): adding a package whose purl is already present
 * merges into the existing component (scope widens, the new location is recorded as another
 * occurrence, missing fields are filled) instead of adding a duplicate.
 */
#ifndef CRAKIT_BOM_H
#define CRAKIT_BOM_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

/* How a component is needed. Order matters: when two files disagree the smaller value wins
 * (a package required anywhere is required). */
enum crk_scope {
	CRK_SCOPE_REQUIRED = 0,
	CRK_SCOPE_OPTIONAL = 1,
	CRK_SCOPE_DEV = 2,
};

enum crk_pkg_flags {
	CRK_PKG_LOCAL = 1 << 0,    /* a local path / workspace member, not from a registry */
	CRK_PKG_EDITABLE = 1 << 1, /* installed in editable/develop mode (pip -e) */
	CRK_PKG_NO_PURL = 1 << 2,  /* no purl can be formed (e.g. a Go local replace) */
	CRK_PKG_GIT = 1 << 3,      /* resolved from a git repository */
	CRK_PKG_URL = 1 << 4,      /* resolved from a direct URL (tarball, wheel URL) */
	CRK_PKG_UNPINNED = 1 << 5, /* the file names no exact version (requirements.txt `foo>=1`) */
	CRK_PKG_IS_FILE = 1 << 6,  /* the component is the binary file itself (a library by its
				    * SONAME or name), not something linked into it: the scan
				    * driver records the file's name and hashes on it */
};

struct crk_kv {
	const char *key;
	const char *value;
};

/* What the file that is a component is: the executable, archive and structured properties of
 * BSI TR-03183-2 v2.1 §5.2.2 (definitions in its appendix 8.1; docs/bsi-tr-03183-2.md says how
 * crakit decides them). 0 means not known. */
enum crk_file_kind {
	CRK_FILE_KNOWN = 1 << 0,      /* the bits below were decided (else nothing is said) */
	CRK_FILE_EXECUTABLE = 1 << 1, /* machine code (ELF, PE, Mach-O: programs, shared libraries) */
	CRK_FILE_ARCHIVE = 1 << 2,    /* a combination of several files (zip, jar, wheel, tar, image);
				       * compression alone does not make one */
	CRK_FILE_STRUCTURED = 1 << 3, /* the metadata of its contents is still present (an archive's
				       * entries; not a statically linked binary) */
};

/* Whether a component's dependency list is complete (BSI TR-03183-2 v2.1 §5.2.2: "the
 * completeness of this enumeration MUST be clearly indicated"; CycloneDX compositions aggregate,
 * SPDX 3 Relationship completeness). */
enum crk_deps {
	CRK_DEPS_UNKNOWN = 0,    /* found by a format that does not record every dependency */
	CRK_DEPS_COMPLETE = 1,   /* a lockfile that lists each package's direct dependencies */
	CRK_DEPS_INCOMPLETE = 2, /* some are known to be missing */
};

/* A hash: `alg` is a CycloneDX algorithm name ("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"),
 * `value` lowercase hexadecimal. */
struct crk_hash {
	const char *alg;
	const char *value;
};

/* A person or organisation an SBOM names, with how to reach it (CycloneDX organizationalEntity
 * and organizationalContact, SPDX 2 agents "Organization: name (email)", SPDX 3 Agent). Every
 * string may be NULL. Whether an SBOM says how to reach the creator matters: BSI TR-03183-2 v2.1
 * §5.2.1/§5.2.2 want an email (or a URL when there is none) for the SBOM's and each component's
 * creator. */
enum crk_party_role {
	CRK_PARTY_SUPPLIER = 0,     /* supplies it (NTIA "supplier"; CycloneDX supplier, SPDX supplier) */
	CRK_PARTY_MANUFACTURER = 1, /* made it (BSI "creator"; CycloneDX 1.6 manufacturer) */
	CRK_PARTY_AUTHOR = 2,       /* wrote it (CycloneDX authors, SPDX originator); for the SBOM
				     * itself: its authors, SPDX creators that are no tool */
};
struct crk_party {
	enum crk_party_role role;
	int organization; /* 1: an organisation; 0: a person, or not said */
	const char *name;
	const char *email;
	const char *url;
};

/*
 * What a detector knows about one package, handed to crk_bom_add(). All strings are borrowed for
 * the duration of the call only (they are copied into the BOM); unset fields are NULL / 0.
 */
struct crk_pkg {
	const char *type;      /* purl type: "npm", "pypi", "cargo", "golang", "deb", ... (required) */
	const char *ns;        /* purl namespace, unencoded: "@babel", "github.com/pkg", "debian" */
	const char *name;      /* purl name, unencoded (required) */
	const char *version;   /* as the ecosystem writes it; NULL when the file pins none */
	const char *ecosystem; /* OSV ecosystem name: "npm", "PyPI", "crates.io", "Go", "Debian" */
	const struct crk_kv *qualifiers; /* purl qualifiers, any order (distro=, arch=, ...) */
	size_t nqualifiers;
	const char *subpath;
	enum crk_scope scope;
	unsigned flags; /* enum crk_pkg_flags */
	const char *license;  /* SPDX license expression, or NULL */
	const char *supplier; /* organisation or person that supplies it, or NULL */
	const char *author;
	const char *description;
	const char *source_name;    /* source package (Debian: Source field; advisories key on it) */
	const char *source_version; /* source package version when it differs */
	const char *download_url;   /* where the lockfile says it came from */
	const char *vcs_url;        /* repository, for git dependencies */
	const char *vcs_commit;     /* pinned commit, for git dependencies */
	const char *cpe;            /* CPE 2.3 name, when known (C libraries are keyed by CPE) */
	/* Mostly filled from SBOMs read as input (include/crakit/sbomio.h); NULL / 0 when unknown: */
	const char *kind; /* CycloneDX component type: "library" (NULL means library too),
			   * "application", "framework", "container", "operating-system", "device",
			   * "firmware", "file", ... */
	const char *copyright;         /* copyright text */
	const char *license_concluded; /* SPDX expression concluded by whoever wrote the SBOM (SPDX
					* licenseConcluded; CycloneDX acknowledgement "concluded");
					* `license` is the declared one */
	const struct crk_party *parties; /* supplier, manufacturer, authors with their contacts
					  * (`supplier`/`author` above stay the plain names) */
	size_t nparties;
	const struct crk_kv *ext_props; /* properties written under their own names (the key is the
					 * whole CycloneDX property name: "cdx:npm:package:development",
					 * "bsi:component:filename"), unlike `props` */
	size_t next_props;
	const struct crk_kv *ext_refs; /* further external references: key a CycloneDX type
					* ("website", "issue-tracker", "documentation", "vcs",
					* "distribution", ...), value the URL */
	size_t next_refs;
	/* The deployable file (BSI TR-03183-2 v2.1 §5.2.2), when the detector read it or the
	 * lockfile names it; the scan driver fills these for files it hashes (src/source/dir.c): */
	const char *filename; /* its name without a directory: "guava-33.0.jar", "lodash-4.17.21.tgz" */
	unsigned file_kind;   /* enum crk_file_kind */
	enum crk_deps completeness; /* of this package's dependency list */
	const struct crk_hash *hashes;
	size_t nhashes;
	const struct crk_kv *props; /* further facts, written as CycloneDX properties "crakit:<key>" */
	size_t nprops;
	const char *path; /* file it was found in, relative to the scan root (required) */
	unsigned line;    /* 1-based line in that file, 0 if unknown */
	const char *found_by; /* detector name ("npm/package-lock"); set by crk_detect_pkg_init */
	const char *layer; /* container images: the layer `path` came from (its diff ID
			    * "sha256:..."); set by the scan driver through crk_detect_pkg_init */
};

/* Where a component was seen. */
struct crk_occurrence {
	const char *path;
	unsigned line;
	const char *layer; /* container images: the layer holding `path` ("sha256:..."), or NULL */
};

/* A component of the BOM (read-only to callers). */
struct crk_component {
	size_t id; /* index in the BOM, stable until the BOM is sorted */
	const char *type, *ns, *name, *version, *ecosystem, *subpath;
	struct crk_kv *qualifiers; /* sorted by key */
	size_t nqualifiers;
	const char *purl;   /* canonical purl, or NULL when CRK_PKG_NO_PURL */
	const char *bom_ref; /* unique within the BOM: the purl, or a derived "crakit:" reference */
	const char *cpe;
	enum crk_scope scope;
	unsigned flags;
	const char *license, *supplier, *author, *description;
	const char *source_name, *source_version, *download_url, *vcs_url, *vcs_commit;
	const char *kind, *copyright, *license_concluded; /* see struct crk_pkg */
	struct crk_party *parties;
	size_t nparties;
	struct crk_kv *ext_props, *ext_refs;
	size_t next_props, next_refs;
	const char *filename; /* see struct crk_pkg */
	unsigned file_kind;
	enum crk_deps completeness;
	struct crk_hash *hashes;
	size_t nhashes;
	struct crk_kv *props;
	size_t nprops;
	const char *found_by; /* detector name, e.g. "npm/package-lock" */
	struct crk_occurrence *occ; /* every place it was seen, first one first */
	size_t nocc;
	size_t *deps; /* ids of the components this one depends on; sorted and unique after
		       * crk_bom_sort() (before it, in the order added, possibly repeated) */
	size_t ndeps;
	size_t depalloc, occalloc;
};

/* Metadata written into the SBOM header. Strings are copied in by the setters. */
struct crk_bom_meta {
	const char *name;      /* product or root name (default: the scanned directory's name) */
	const char *version;   /* product version, or NULL */
	const char *serial;    /* "urn:uuid:..."; NULL: derived from the content (deterministic) */
	int64_t timestamp;     /* seconds since the epoch, UTC; -1: now (or SOURCE_DATE_EPOCH) */
	const char *tool_name;
	const char *tool_version;
	const char *source;    /* what was scanned, as given */
	const char *os_id;       /* from etc/os-release when a root filesystem was scanned */
	const char *os_version;  /* VERSION_ID */
	const char *os_codename; /* VERSION_CODENAME */
	/* Set when a container image was scanned (the root component is then the image): */
	const char *image_id;       /* the config digest, "sha256:..." */
	const char *image_ref;      /* the first RepoTag ("debian:bookworm"), or NULL */
	const char *image_platform; /* "linux/amd64" (config os/architecture/variant), or NULL */
	/* The scanned file itself when it ships as one (a `docker save` archive): its name, kind and
	 * hashes, for the primary component (BSI TR-03183-2 v2.1 §5.2.2); set with
	 * crk_bom_set_root_file(). */
	const char *root_filename;
	unsigned root_file_kind; /* enum crk_file_kind */
	struct crk_hash *root_hashes;
	size_t nroot_hashes;
	/* Set when the BOM was read from an SBOM (include/crakit/sbomio.h), or by a profile: */
	const struct crk_component *product; /* the product itself (CycloneDX metadata.component,
					      * the one package an SPDX document DESCRIBES): not one
					      * of the components; set with crk_bom_set_product() */
	struct crk_party *parties; /* of the SBOM: AUTHOR (CycloneDX metadata.authors, SPDX
				    * creators "Person:"/"Organization:"), MANUFACTURER (metadata.
				    * manufacturer: BSI's "creator of the SBOM"), SUPPLIER
				    * (metadata.supplier); added with crk_bom_meta_add_party() */
	size_t nparties;
	struct crk_kv *tools; /* tools an input SBOM names (key name, value version or ""),
			       * besides tool_name; added with crk_bom_meta_add_tool() */
	size_t ntools;
	struct crk_kv *license_texts; /* licences an input SBOM defines (key "LicenseRef-...", value
				       * its text: SPDX hasExtractedLicensingInfos), so that a writer
				       * can define each LicenseRef it writes;
				       * crk_bom_meta_add_license_text() */
	size_t nlicense_texts;
};

/* The root of the dependency graph: `crk_bom_add_dep(bom, CRK_BOM_ROOT, id)` marks a direct
 * dependency of the product. */
#define CRK_BOM_ROOT ((size_t)-2)
/* "No component": the id crk_bom_add() and crk_detect_add() give when nothing was added. An
 * edge from or to it is ignored (CRK_EINVAL), so it can never turn into a root edge. */
#define CRK_BOM_NONE ((size_t)-1)

struct crk_bom;

/* Creates an empty BOM. Returns NULL on ENOMEM. Caller frees with crk_bom_free(). */
struct crk_bom *crk_bom_new(void);
void crk_bom_free(struct crk_bom *bom);

/* Adds (or merges) a package; `*out_id` receives the component id. Returns CRK_OK, CRK_EINVAL
 * when a required field is missing or the purl cannot be formed (err says why), CRK_ELIMIT past
 * CRK_MAX_COMPONENTS, CRK_ENOMEM. `out_id` may be NULL. */
int crk_bom_add(struct crk_bom *bom, const struct crk_pkg *pkg, size_t *out_id,
		struct crk_err *err);
/* Adds every component, occurrence and edge of `src` to `dst` (merging by purl as crk_bom_add
 * does), in src's order, so merging per-file BOMs in file order gives the same BOM as adding
 * everything to one. `src` is unchanged. CRK_ENOMEM or CRK_ELIMIT on failure (dst may then
 * hold part of src). */
int crk_bom_merge(struct crk_bom *dst, const struct crk_bom *src, struct crk_err *err);
/* The same, with src's direct dependencies made dependencies of `parent` (a component id of
 * dst, or CRK_BOM_ROOT as crk_bom_merge() does): `crakit sbom merge` hangs each input under its
 * product. src's metadata is not copied. */
int crk_bom_merge_under(struct crk_bom *dst, const struct crk_bom *src, size_t parent,
			struct crk_err *err);

/* Records that `from` depends on `to` (both component ids, `from` may be CRK_BOM_ROOT).
 * Self-edges and duplicates are ignored. */
int crk_bom_add_dep(struct crk_bom *bom, size_t from, size_t to);

size_t crk_bom_count(const struct crk_bom *bom);
/* Borrowed; NULL when id is out of range. */
const struct crk_component *crk_bom_get(const struct crk_bom *bom, size_t id);
/* Finds a component by canonical purl; NULL if absent. */
const struct crk_component *crk_bom_find(const struct crk_bom *bom, const char *purl);
/* Direct dependencies of the product (ids; sorted and unique after crk_bom_sort()). */
const size_t *crk_bom_roots(const struct crk_bom *bom, size_t *n);

/* Sorts components by bom_ref so that output is deterministic, renumbering ids and edges.
 * Writers call it; it is idempotent. */
int crk_bom_sort(struct crk_bom *bom);

struct crk_bom_meta *crk_bom_meta(struct crk_bom *bom);
/* Sets meta.product from `pkg` (copied like crk_bom_add() copies; `path` required, type
 * "generic" with CRK_PKG_NO_PURL when the product has no purl). The product is not added to
 * the components; its direct dependencies are the CRK_BOM_ROOT edges. Replaces an earlier one.
 * CRK_EINVAL (err says why), CRK_ENOMEM. */
int crk_bom_set_product(struct crk_bom *bom, const struct crk_pkg *pkg, struct crk_err *err);
/* Appends a copy of `p` to meta.parties; an identical entry is not added twice. CRK_ENOMEM. */
int crk_bom_meta_add_party(struct crk_bom *bom, const struct crk_party *p);
/* Appends a tool (name required, version may be NULL) to meta.tools, once. CRK_ENOMEM. */
int crk_bom_meta_add_tool(struct crk_bom *bom, const char *name, const char *version);
/* Records the text of a LicenseRef (the first one given for an id wins). CRK_ENOMEM. */
int crk_bom_meta_add_license_text(struct crk_bom *bom, const char *id, const char *text);
/* Records the deployable file of component `id` (the scan driver, for a file it read whole):
 * sets the file name and kind when the component has none yet, and adds each hash whose
 * algorithm it lacks. CRK_EINVAL for an unknown id, CRK_ENOMEM. */
int crk_bom_set_file(struct crk_bom *bom, size_t id, const char *filename, unsigned file_kind,
		     const struct crk_hash *hashes, size_t nhashes);
/* Raises what is known of the completeness of component `id`'s dependency list: COMPLETE wins
 * over INCOMPLETE over UNKNOWN (a lockfile that lists every dependency settles it). */
int crk_bom_set_completeness(struct crk_bom *bom, size_t id, enum crk_deps c);
/* Sets meta.root_filename, root_file_kind and root_hashes (copied). CRK_ENOMEM. */
int crk_bom_set_root_file(struct crk_bom *bom, const char *filename, unsigned file_kind,
			  const struct crk_hash *hashes, size_t nhashes);
/* Copies `value` into the BOM and stores it in *field (a field of crk_bom_meta(bom)). */
int crk_bom_set_str(struct crk_bom *bom, const char **field, const char *value);
/* Allocates `n` bytes in the BOM's arena (for detectors that keep strings alive); NULL on ENOMEM. */
void *crk_bom_alloc(struct crk_bom *bom, size_t n);
char *crk_bom_strndup(struct crk_bom *bom, const char *s, size_t n);
/* A hint before adding much (an SBOM of known size is read): room for about `n` bytes in the
 * BOM's arena in one block, so it does not grow piecemeal. CRK_OK or CRK_ENOMEM. */
int crk_bom_reserve(struct crk_bom *bom, size_t n);

/* Human names. */
const char *crk_scope_str(enum crk_scope s); /* "required", "optional", "dev" */

#endif
