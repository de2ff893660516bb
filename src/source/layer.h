/*
 * layer.h - reading one image blob as a stream, hashed as it goes, and one layer tarball from
 * it into the squashed view (src/source/, not API).
 *
 * A blob is read either from the current entry of an outer archive (a `docker save` or OCI
 * archive: the outer tar's entry data feeds the inner archive through archive_read_open()
 * callbacks) or from a file (an OCI layout directory). Nothing is ever written to disk.
 */
#ifndef CRK_SOURCE_LAYER_H
#define CRK_SOURCE_LAYER_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"
#include "source/vfs.h"

struct archive;

#define CRK__STREAM_BUF ((size_t)64 << 10)

/* A blob's bytes, hashed with SHA-256 as they are read. */
struct crk__stream {
	struct archive *outer; /* the current entry's data of this archive, or */
	int fd;                /* this file (outer == NULL) */
	const unsigned char *prefix; /* bytes already read (and hashed), handed out again first */
	size_t prefixlen, prefixoff;
	void *md;       /* EVP_MD_CTX */
	uint64_t bytes; /* bytes read from the source */
	int eof;
	uint64_t hole;    /* zero bytes owed before `next` (a sparse entry's gap) */
	const void *pend; /* bytes of the outer entry not yet handed out */
	size_t pendlen;
	const void *next; /* the archive's block that follows the gap */
	size_t nextlen;
	int nohash;       /* the caller hashes the bytes itself (crk__stream_whole()) */
	const char *map;  /* the image file, mapped (NULL if not): contents that lie in it are */
	size_t maplen;    /* handed to the view without a copy (CRK_VFS_BORROWED) */
	char errmsg[256]; /* why a read failed */
	unsigned char buf[CRK__STREAM_BUF];
};

/* Heap-allocates a stream (it holds a 64 KiB buffer). NULL on ENOMEM. */
struct crk__stream *crk__stream_new(struct archive *outer, int fd);
void crk__stream_free(struct crk__stream *s);
/* Reads up to n bytes from the source (not the prefix), hashing them. Returns the count, 0 at
 * the end, -1 on error (s->errmsg says why). */
long crk__stream_read(struct crk__stream *s, void *buf, size_t n);
/* The next bytes of the source without copying them (from the outer archive's own buffer, or
 * read into the stream's buffer from the file), hashed: *p points at them until the next call.
 * Returns the count, 0 at the end, -1 on error (s->errmsg says why). */
long crk__stream_next(struct crk__stream *s, const void **p);
/* 1 when the outer entry (of `size` bytes) lies whole in the mapped image file: *p points at
 * it, and the stream stops hashing (the caller hashes [*p, *p + size) itself, e.g. on another
 * thread). Call before anything is read. 0 otherwise (nothing changes), -1 on a read error. */
int crk__stream_whole(struct crk__stream *s, uint64_t size, const void **p);
/* Reads what is left, for the hash. 0, or -1 on error. */
int crk__stream_drain(struct crk__stream *s);
/* "sha256:<64 hex>" of every byte read so far. */
void crk__stream_digest(struct crk__stream *s, char out[72]);

/* What reading one layer found besides its entries, reported for layers the image uses. */
struct crk__layer_info {
	size_t entries;
	size_t unsafe;        /* entries skipped: absolute, "..", or longer than CRK_MAX_PATH */
	char first_unsafe[128];
	uint64_t bytes;       /* decompressed tar bytes */
};

/*
 * Reads a layer tarball (plain, gzip, bzip2, xz or zstd; compression found by its magic) from
 * `s` into `vfs` as raw layer `raw`, keeping contents as crk_vfs_want() says. `*streamed` is the
 * image's running total of decompressed bytes, checked against CRK_MAX_IMAGE_BYTES. Does not
 * drain `s`. Returns CRK_OK; CRK_EPARSE for a stream that is not a tar archive or is truncated or
 * corrupt (err's message says which; its path is left empty for the caller); CRK_ELIMIT past a
 * cap; CRK_ENOMEM.
 */
int crk__layer_read(struct crk_vfs *vfs, unsigned raw, struct crk__stream *s, uint64_t *streamed,
		    struct crk__layer_info *info, struct crk_err *err);

/* A libarchive reader for the outer archive or a layer: tar only, with the decompression
 * filters built into libarchive (never one that runs an external program). NULL on ENOMEM. */
struct archive *crk__archive_reader(void);

#endif
