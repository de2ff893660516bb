/*
 * fileio.h - reading whole files, bounded, and writing files atomically.
 */
#ifndef CRK_BASE_FILEIO_H
#define CRK_BASE_FILEIO_H

#include <stddef.h>

#include "crakit/err.h"

/* Reads `name` relative to `dirfd` (AT_FDCWD for the working directory) without following a
 * final symbolic link. At most `max` bytes: a larger file is CRK_ELIMIT. *out is heap memory the
 * caller frees with crk_free(), NUL-terminated for convenience (parsers still use the length).
 * `display` names the file in errors. */
int crk_read_fileat(int dirfd, const char *name, const char *display, size_t max, char **out,
		    size_t *len, struct crk_err *err);
/* The same from an open descriptor (not closed). */
int crk_read_fd(int fd, const char *display, size_t max, char **out, size_t *len,
		struct crk_err *err);
int crk_read_file(const char *path, size_t max, char **out, size_t *len, struct crk_err *err);

/* Opens `rel` for reading below the directory `rootfd`, refusing to leave it and to follow any
 * symbolic link on the way (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS; on kernels without
 * openat2, O_NOFOLLOW on the last component after the caller's lexical check). -1 and errno. */
int crk_open_beneath(int rootfd, const char *rel);

/* Writes `len` bytes to `path` atomically: into a temporary file beside it, then rename, so a
 * reader (or a crash of ours) never sees half a file and on failure the old file is untouched.
 * With CRK_WRITE_DURABLE the data is also fsync'd before the rename (survives a power loss; it
 * can cost hundreds of milliseconds on a busy disk, so an SBOM written on every commit skips it). */
enum crk_write_flags { CRK_WRITE_DURABLE = 1 << 0 };
int crk_write_file_atomic(const char *path, const char *buf, size_t len, unsigned flags,
			  struct crk_err *err);

/* The same in pieces, for a document too large to hold whole: crk_atomic_open() creates the
 * temporary file (or opens a device or pipe in place), crk_atomic_write() appends,
 * crk_atomic_commit() renames it into place (fsync first with CRK_WRITE_DURABLE) and
 * crk_atomic_abort() removes it, leaving `path` as it was. Every opened file gets exactly one
 * of commit or abort (both free `f`); after a failed write, abort. */
struct crk_atomic_file;
int crk_atomic_open(const char *path, unsigned flags, struct crk_atomic_file **f,
		    struct crk_err *err);
int crk_atomic_write(struct crk_atomic_file *f, const void *buf, size_t len, struct crk_err *err);
int crk_atomic_commit(struct crk_atomic_file *f, struct crk_err *err);
void crk_atomic_abort(struct crk_atomic_file *f);

#endif
