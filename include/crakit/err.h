/*
 * crakit/err.h - status codes and error values.
 *
 * Every libcrakit function that can fail returns an `int` that is CRK_OK (0) or a negative
 * `enum crk_status`, and takes a caller-owned `struct crk_err *err` as its last parameter, which it
 * fills on failure (code, where, what, and optionally a hint saying what to do next). `err` may be
 * NULL. On success `err` is left untouched, so calls chain. The library never prints and never
 * exits; there is no global last error (scans may run on several threads).
 */
#ifndef CRAKIT_ERR_H
#define CRAKIT_ERR_H

#include <stdarg.h>
#include <stddef.h>

enum crk_status {
	CRK_OK = 0,
	CRK_ENOMEM = -1,       /* an allocation failed */
	CRK_EIO = -2,          /* a file could not be read or written */
	CRK_EPARSE = -3,       /* input is not well-formed */
	CRK_ELIMIT = -4,       /* input exceeds a cap of src/base/limits.h */
	CRK_ENOTFOUND = -5,    /* a named thing does not exist */
	CRK_EINVAL = -6,       /* an argument is not acceptable */
	CRK_EUNSUPPORTED = -7, /* a recognised but unsupported format or version */
	CRK_EINTERNAL = -8,    /* a bug of ours */
};

#define CRK_ERR_PATH_MAX 1024
#define CRK_ERR_MSG_MAX 512

/* A failure, or a warning collected during a scan. line and col are 1-based; 0 means unknown. */
struct crk_err {
	int code;
	unsigned line, col;
	char path[CRK_ERR_PATH_MAX];
	char msg[CRK_ERR_MSG_MAX];
	char hint[CRK_ERR_MSG_MAX];
};

/* Fills `err` (when not NULL) and returns `code`, so `return crk_err_set(err, ...)` reads well.
 * `path` may be NULL. The message is truncated, never overflowed. */
int crk_err_set(struct crk_err *err, int code, const char *path, unsigned line, unsigned col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int crk_err_vset(struct crk_err *err, int code, const char *path, unsigned line, unsigned col,
		 const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Sets the hint of an already-filled error. */
void crk_err_hint(struct crk_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clears `err` to "no error". */
void crk_err_clear(struct crk_err *err);
/* A short constant name for a status ("out of memory", "parse error", ...). */
const char *crk_status_str(int code);

/* Diagnostics collected while a scan goes on: a bad file is a warning, never the end of the walk.
 * Owned by its creator: crk_diags_init() then crk_diags_release(). */
struct crk_diags {
	struct crk_err *v;
	size_t n, alloc;
	size_t dropped; /* warnings beyond CRK_MAX_DIAGS, counted but not kept */
};
void crk_diags_init(struct crk_diags *d);
void crk_diags_release(struct crk_diags *d);
/* Appends a copy of `e`. Never fails: past the cap (or on ENOMEM) it counts `dropped`. */
void crk_diags_add(struct crk_diags *d, const struct crk_err *e);
/* Convenience: formats and appends a warning. */
void crk_diags_addf(struct crk_diags *d, int code, const char *path, unsigned line, unsigned col,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t crk_diags_count(const struct crk_diags *d);

#endif
