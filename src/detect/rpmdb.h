/*
 * rpmdb.h - the RPM header blob, parsed by hand (rpmdb.c); not API (the crk_rpmdb__ prefix),
 * declared here for its fuzz target (tests/fuzz/fuzz_rpmdb_header.c).
 *
 * An rpm database keeps one header per installed package. The blob (rpm's lib/header.c,
 * headerExport/headerImport; the same layout as a package file's header without its 8-byte
 * magic) is, big-endian:
 *   int32 il                      number of index entries
 *   int32 dl                      bytes of data
 *   il x {int32 tag, int32 type, int32 offset, int32 count}
 *   dl bytes of data              strings NUL-terminated, integers aligned
 * Nothing read from it is trusted: il and dl must fit the blob and the caps below, every offset
 * and count is checked against dl, every string must end inside the data.
 */
#ifndef CRK_DETECT_RPMDB_H
#define CRK_DETECT_RPMDB_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "crakit/err.h"

#define CRK_RPM_MAX_TAGS 0xffff              /* rpm's own HEADER_TAGS_MAX */
#define CRK_RPM_MAX_DATA ((size_t)256 << 20) /* rpm's HEADER_DATA_MAX */
#define CRK_RPM_MAX_DEPS ((size_t)1 << 16)   /* provides/requires kept per package */

/* What crakit reads from one header. Strings are NUL-terminated copies in the arena; absent
 * tags are NULL / 0. */
struct crk_rpm_header {
	const char *name, *version, *release, *arch, *sourcerpm, *license, *vendor, *summary;
	int has_epoch;
	uint32_t epoch;
	const char *sigmd5;       /* RPMSIGTAG_MD5 (header + payload), lowercase hex */
	const char *sha256header; /* RPMTAG_SHA256HEADER, as stored (hex) */
	const char *sha1header;   /* RPMTAG_SHA1HEADER */
	const char **provides, **requires; /* PROVIDENAME, REQUIRENAME */
	size_t nprovides, nrequires;
};

/* Parses blob[0..len). CRK_EPARSE (err names what is wrong, without a path: the caller adds
 * it) when the blob is not a well-formed header, CRK_ELIMIT past the caps, CRK_ENOMEM. A tag of
 * an unexpected type is ignored, as if absent. */
int crk_rpmdb__header_parse(struct crk_rpm_header *out, const unsigned char *blob, size_t len,
			    struct crk_arena *a, struct crk_err *err);

#endif
