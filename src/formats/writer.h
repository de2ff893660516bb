/*
 * writer.h - the interface of SBOM writers (one file per format, one row in writers.c).
 * A writer appends the whole document to `out` (a strbuf with a cap); it reads the BOM through
 * the public accessors of crakit/bom.h after crk_bom_sort(), so output is deterministic: same
 * BOM and metadata (timestamp, serial), same bytes.
 */
#ifndef CRK_FORMATS_WRITER_H
#define CRK_FORMATS_WRITER_H

#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/err.h"
#include "crakit/sbom.h"

struct crk_writer {
	const char *name;        /* --format value: "cyclonedx-json" */
	const char *description; /* one line for --help */
	const char *extension;   /* usual file suffix: ".cdx.json" */
	int (*write)(struct crk_strbuf *out, const struct crk_bom *bom,
		     const struct crk_write_opts *opts, struct crk_err *err);
	unsigned profiles; /* bit (1 << enum crk_write_profile) for each profile it writes */
};

extern const struct crk_writer *const crk_writers[]; /* NULL-terminated, writers.c */
const struct crk_writer *crk_writer_find(const char *name);

/* Shared by writers: the BOM's timestamp as RFC 3339 UTC ("2026-01-01T00:00:00Z"). */
void crk_writer_timestamp(const struct crk_bom *bom, char out[32]);
/* A UUID (RFC 4122 version 5 form, lowercase) derived from the BOM's content when no serial is
 * set, so the same tree gives the same serial; or the set one without "urn:uuid:". */
void crk_writer_uuid(const struct crk_bom *bom, char out[37]);

/* The writers of writers.c's table (one file each). */
extern const struct crk_writer crk_writer_cdx_json;  /* cdx_json.c */
extern const struct crk_writer crk_writer_cdx_xml;   /* cdx_xml_write.c */
extern const struct crk_writer crk_writer_spdx_json; /* spdx_json.c */
extern const struct crk_writer crk_writer_spdx_tv;   /* spdx_tv_write.c */
extern const struct crk_writer crk_writer_spdx3_json; /* spdx3_json.c */
extern const struct crk_writer crk_writer_table;     /* table.c */

/*
 * Helpers shared by writers (writers.c).
 */
/* The name a person knows the package by: "@babel/core", "github.com/pkg/errors",
 * "org.apache.commons:commons-lang3" (maven), "bash" (a distro's namespace is not part of the
 * name). Appended to `out`. */
void crk_writer_display_name(struct crk_strbuf *out, const struct crk_component *c);
/* Nonzero when `s` is an absolute URI we can write as a URL: a scheme, then only printable
 * characters that an IRI allows (no space, no control character, no <>"{}|\^`, well-formed
 * %-escapes). Keeps "git@github.com:x/y" and other non-URLs out of URL-typed fields. */
int crk_writer_url_ok(const char *s);
/* Nonzero when the hash has a known CycloneDX algorithm and a hex value of that algorithm's
 * length. `spdx_alg` (may be NULL) receives the SPDX 2.3 name of the algorithm ("SHA256"). */
int crk_writer_hash_ok(const struct crk_hash *h, const char **spdx_alg);
/* Splits "Name <email>" (package metadata's usual author form): returns nonzero and sets the
 * lengths when `s` has that form with a plausible email (an '@', no space); 0 otherwise. */
int crk_writer_split_contact(const char *s, size_t *name_len, const char **email,
			     size_t *email_len);
/* Compares two hashes by algorithm then value (for qsort of `const struct crk_hash *`). */
int crk_writer_hash_cmp(const void *a, const void *b);

/*
 * What the BSI TR-03183-2 profile writes, shared by the CycloneDX and SPDX 3 writers
 * (docs/bsi-tr-03183-2.md has the field-by-field choices).
 */
/* Appends `s` with every run of characters outside [A-Za-z0-9.] as one '-', no '-' at either
 * end, at most `max` characters (SPDX ids and namespaces). */
void crk_writer_add_sanitised(struct crk_strbuf *sb, const char *s, size_t max);
/* The package ids of an SPDX document (2.3 SPDXIDs, 3.0.1 local names), stable from one document
 * to the next: component i's is `prefix` + type + '-' + display name (each sanitised, at most
 * `name_max` characters) + '-' + the 64-bit FNV-1a hash of its bom-ref in hex; should two ever
 * coincide, every id is `prefix` + i + '-' + name instead, unique by construction. NUL-separated
 * in `ids` (reset first), component i's at ids->buf + off[i] (`off` holds n entries); `tmp` is
 * scratch. CRK_OK or CRK_ENOMEM. */
int crk_writer_package_ids(const struct crk_bom *bom, size_t n, const char *prefix,
			   size_t name_max, struct crk_strbuf *ids, size_t *off,
			   struct crk_strbuf *tmp);
/* The purl SPDX 2.3 writes for c: c->purl, with the qualifier upstream=<source>[@<version>]
 * added for a Debian or Alpine package built from a source package of another name or
 * version (SPDX 2.3 has no field for the source package; syft writes the same, and crakit's
 * SBOM readers read it back, so that a scan of the SPDX matches distribution advisories,
 * which name source packages). Written into `tmp` when derived; c->purl when nothing is added
 * or on failure. */
const char *crk_writer_purl_upstream(const struct crk_component *c, struct crk_strbuf *tmp);
/* The deployable file's name: the component's own (the scan saw the file), else the last
 * segment of the path of its download URL ("https://registry.npmjs.org/a/-/a-1.0.0.tgz" ->
 * "a-1.0.0.tgz"; query and fragment ignored, %-escapes kept). Written into `tmp` (reset first)
 * when derived; NULL when there is none. */
const char *crk_writer_filename(const struct crk_component *c, struct crk_strbuf *tmp);
/* The kind of the deployable file (enum crk_file_kind): the component's own, else from the
 * name's extension for the archive formats packages ship as (.tgz, .tar.*, .zip, .jar, .whl,
 * .gem, .nupkg, .crate, ...: archive, structured, not executable); 0 when unknown. */
unsigned crk_writer_file_kind(const struct crk_component *c, const char *filename);
/* How to reach whoever created a component (BSI: an email, else a URL such as the project's
 * web page). Pointers are borrowed from the component; lengths because names come out of
 * "Name <email>" strings. Returns 0 when neither an email nor a URL is known. */
struct crk_writer_contact {
	const char *name;
	size_t name_len;
	const char *email;
	size_t email_len;
	const char *url;
};
int crk_writer_creator(const struct crk_component *c, struct crk_writer_contact *out);
/* The SBOM's creator (meta.parties: MANUFACTURER first, else AUTHOR, else SUPPLIER) with an
 * email or URL, or NULL. */
const struct crk_party *crk_writer_sbom_creator(const struct crk_bom *bom);
/* The licence of a component as the writers state it: crk_spdx_normalise() of its declared
 * licence into `out` (reset first); returns its enum crk_spdx_kind (CRK_SPDX_INVALID when
 * there is none). `on_ref` as there. */
int crk_writer_license(const char *declared, struct crk_strbuf *out,
		       void (*on_ref)(void *ud, const char *id, const char *text, size_t n),
		       void *ud);

/*
 * A streaming JSON writer: no DOM, fixed key order chosen by the caller, 2-space indentation
 * when `pretty`, no whitespace otherwise. Errors (ENOMEM, the strbuf's cap, nesting past
 * CRK_JW_MAX_DEPTH) land in the strbuf's `failed` flag; check crk_strbuf_ok() once at the end.
 * `key` is the member name inside an object and NULL inside an array or at the top.
 */
#define CRK_JW_MAX_DEPTH 16
struct crk_jw {
	struct crk_strbuf *sb;
	int pretty;
	int depth;
	unsigned char nonempty[CRK_JW_MAX_DEPTH];
};
void crk_jw_init(struct crk_jw *w, struct crk_strbuf *sb, int pretty);
void crk_jw_begin_obj(struct crk_jw *w, const char *key);
void crk_jw_end_obj(struct crk_jw *w);
void crk_jw_begin_arr(struct crk_jw *w, const char *key);
void crk_jw_end_arr(struct crk_jw *w);
/* A string member or element; nothing is written when `value` is NULL. */
void crk_jw_str(struct crk_jw *w, const char *key, const char *value);
/* A string of `n` bytes (may hold NULs, written as \u0000). */
void crk_jw_strn(struct crk_jw *w, const char *key, const char *value, size_t n);
void crk_jw_int(struct crk_jw *w, const char *key, long long value);
void crk_jw_bool(struct crk_jw *w, const char *key, int value);
/* Writes the separator and `"key": ` only; the caller appends the value itself. */
void crk_jw_key(struct crk_jw *w, const char *key);
/* Ends the document with a newline. */
void crk_jw_finish(struct crk_jw *w);

#endif
