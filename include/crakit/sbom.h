/*
 * crakit/sbom.h - building an SBOM from a source tree, a root filesystem or one file, and writing
 * it as CycloneDX 1.6 JSON, SPDX 2.3 JSON or a table (DESIGN.md §1, §2).
 */
#ifndef CRAKIT_SBOM_H
#define CRAKIT_SBOM_H

#include <stdint.h>
#include <stdio.h>

#include "crakit/bom.h"
#include "crakit/err.h"

enum crk_scan_flags {
	CRK_SCAN_NO_DEV = 1 << 0, /* leave out components only dev dependencies need */
	/* hash the archive given as PATH (an image, a root filesystem tar) as the product's own
	 * deployable file (SHA-256, SHA-512; BSI TR-03183-2 v2.1 §5.2.2): a second pass over every
	 * byte, so only when a profile writes it (`--profile bsi-tr-03183-2`) */
	CRK_SCAN_HASH_INPUT = 1 << 1,
};

struct crk_scan_opts {
	const char *const *excludes; /* glob patterns matched against paths relative to the root
				      * (fnmatch, FNM_PATHNAME off) and against base names */
	size_t nexcludes;
	unsigned flags; /* enum crk_scan_flags */
	/* Called now and then from the walking thread; NULL for none. */
	void (*progress)(void *ud, size_t files_seen, size_t lockfiles, size_t components);
	void *progress_ud;
};

/* Statistics of a scan. */
struct crk_scan_stats {
	size_t files_seen;   /* directory entries looked at */
	size_t files_parsed; /* files handed to a detector */
	size_t files_failed; /* files a detector rejected (each is a diagnostic) */
	size_t dirs_skipped; /* excluded, unreadable, or links out of the root */
};

/*
 * Scans `path` (a directory, or a single file) in one walk and adds every component found to
 * `bom`. A container image is scanned too (docs/images.md): a tar holding manifest.json or
 * index.json (`docker save`, podman, OCI archives, plain or compressed) that no detector takes
 * by name, or a directory holding `oci-layout` and `index.json`; its layers are squashed in
 * memory and the image described in crk_bom_meta() (name and version from its tag unless
 * already set, image_id, image_ref, image_platform). A malformed image (a digest mismatch, a
 * missing or truncated layer) is CRK_EPARSE / CRK_ENOTFOUND with err saying which.
 * Files that cannot be parsed become diagnostics in `diags` and the walk goes on; otherwise the
 * return value is an error only when `path` itself cannot be read (CRK_EIO, CRK_ENOTFOUND) or
 * memory runs out. Symbolic links are never followed. `stats` may be NULL.
 */
int crk_sbom_scan(struct crk_bom *bom, const char *path, const struct crk_scan_opts *opts,
		  struct crk_diags *diags, struct crk_scan_stats *stats, struct crk_err *err);

/*
 * Parses one buffer as the file `parse_as` (a name or a path such as "var/lib/dpkg/status";
 * the detector is chosen by it), reporting it as `display_path`. `dir` is the directory siblings
 * are read from (requirements `-r`, go.sum, a parent pom), or NULL for none. Returns CRK_ENOTFOUND
 * when no detector takes `parse_as`, or the detector's error (e.g. CRK_EPARSE with path:line:col).
 */
int crk_sbom_parse_file(struct crk_bom *bom, const char *parse_as, const char *display_path,
			const char *dir, const char *buf, size_t len, struct crk_diags *diags,
			struct crk_err *err);

/* Reads an os-release file (etc/os-release format: KEY=value lines, values optionally quoted)
 * into the BOM metadata (os_id, os_version, os_codename). Unknown keys are ignored. */
int crk_os_release_parse(struct crk_bom *bom, const char *buf, size_t len, struct crk_err *err);

/* Reads the manufacturer's name and contact from a product's cra.yaml (manufacturer: {name,
 * email | contact.email, website | url}) and adds it to the BOM metadata as the SBOM's creator
 * (a MANUFACTURER party; BSI TR-03183-2 v2.1 §5.2.1 wants an email, else a URL). Tolerant:
 * keys it does not know are skipped. CRK_ENOTFOUND when the file names neither an email nor a
 * URL, CRK_EPARSE (path:line:col) when it is not YAML, CRK_ENOMEM. */
int crk_sbom_creator_cra(struct crk_bom *bom, const char *buf, size_t len, const char *path,
			 struct crk_err *err);

/* Name of the detector that takes `parse_as`, or NULL. */
const char *crk_sbom_detector_for(const char *parse_as);

/* Output. */
enum crk_write_profile {
	CRK_PROFILE_NONE = 0,
	/* BSI TR-03183-2 v2.1 (docs/bsi-tr-03183-2.md): per component the creator's contact
	 * (manufacturer), both acknowledgements of the licence, the deployable file's name, hashes
	 * and executable/archive/structured properties, dependency completeness (CycloneDX
	 * compositions, SPDX 3 relationship completeness), the SBOM creator (metadata.manufacturer).
	 * Only the CycloneDX 1.6 and SPDX 3.0.1 writers take it (crk_bom_format_profiles()). */
	CRK_PROFILE_BSI = 1,
};

struct crk_write_opts {
	int pretty;   /* indent JSON */
	int profile;  /* enum crk_write_profile */
};

/* Writes `bom` in `format` ("cyclonedx-json", "spdx-json", "table") to `out`. Sorts the BOM first.
 * Returns CRK_ENOTFOUND for an unknown format, CRK_EIO when writing fails. */
int crk_bom_write(struct crk_bom *bom, const char *format, FILE *out,
		  const struct crk_write_opts *opts, struct crk_err *err);
/* The same into memory: *out receives the document (heap, NUL-terminated, freed with free()),
 * *len its length. Nothing is allocated on failure. */
int crk_bom_write_mem(struct crk_bom *bom, const char *format, const struct crk_write_opts *opts,
		      char **out, size_t *len, struct crk_err *err);
/* Iterates the format names: returns the i-th name and its description, NULL past the end. */
const char *crk_bom_format_name(size_t i, const char **description);
/* Nonzero when the writer of `format` can write `profile` (enum crk_write_profile); a writer
 * asked for a profile it cannot write fails with CRK_EUNSUPPORTED. */
int crk_bom_format_profiles(const char *format, int profile);

#endif
