/*
 * gitindex.h - the entries of a git index file (.git/index), versions 2, 3 and 4, as git's
 * Documentation/gitformat-index.txt describes them. Used to find the commit a superproject
 * pins for each submodule (gitlink entries, mode 0160000).
 */
#ifndef CRK_FORMATS_GITINDEX_H
#define CRK_FORMATS_GITINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

#define CRK_GITINDEX_GITLINK 0160000 /* the object type bits of a submodule entry */
#define CRK_GITINDEX_MAX_PATH 4096

/* Called for each entry, in file order. `path` (n bytes, NUL-terminated) is valid during the
 * call only; `oid` is `hashlen` raw bytes. Return nonzero to stop (that value is returned). */
typedef int (*crk_gitindex_fn)(void *ud, const char *path, size_t n, uint32_t mode,
			       const unsigned char *oid);

/*
 * Walks the entries of buf[0..len). `hashlen` is 20 (SHA-1 repositories) or 32 (SHA-256,
 * extensions.objectFormat). CRK_OK; CRK_EPARSE (err says why, with the byte offset) when the
 * signature is not "DIRC", an entry runs past the end, a v4 path prefix is longer than the
 * previous path, or a path is longer than CRK_GITINDEX_MAX_PATH; CRK_EUNSUPPORTED for another
 * version; CRK_ENOMEM. The entry count of the header is never trusted beyond what fits.
 * Extensions and the trailing checksum are not read.
 */
int crk_gitindex_parse(const void *buf, size_t len, size_t hashlen, crk_gitindex_fn fn, void *ud,
		       struct crk_err *err);

#endif
