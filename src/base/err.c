/* err.c - see include/crakit/err.h. */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "crakit/err.h"
#include "base/banned.h"

static void copy_trunc(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int crk_err_vset(struct crk_err *err, int code, const char *path, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->col = col;
	copy_trunc(err->path, sizeof(err->path), path ? path : "");
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->hint[0] = '\0';
	return code;
}

int crk_err_set(struct crk_err *err, int code, const char *path, unsigned line, unsigned col,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	crk_err_vset(err, code, path, line, col, fmt, ap);
	va_end(ap);
	return code;
}

void crk_err_hint(struct crk_err *err, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void crk_err_clear(struct crk_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->line = err->col = 0;
	err->path[0] = err->msg[0] = err->hint[0] = '\0';
}

const char *crk_status_str(int code)
{
	switch (code) {
	case CRK_OK: return "ok";
	case CRK_ENOMEM: return "out of memory";
	case CRK_EIO: return "i/o error";
	case CRK_EPARSE: return "parse error";
	case CRK_ELIMIT: return "limit exceeded";
	case CRK_ENOTFOUND: return "not found";
	case CRK_EINVAL: return "invalid argument";
	case CRK_EUNSUPPORTED: return "unsupported";
	default: return "internal error";
	}
}

void crk_diags_init(struct crk_diags *d)
{
	d->v = NULL;
	d->n = d->alloc = d->dropped = 0;
}

void crk_diags_release(struct crk_diags *d)
{
	crk_free(d->v);
	crk_diags_init(d);
}

void crk_diags_add(struct crk_diags *d, const struct crk_err *e)
{
	if (d->n >= CRK_MAX_DIAGS || CRK_GROW(d->v, d->alloc, d->n + 1)) {
		d->dropped++;
		return;
	}
	d->v[d->n++] = *e;
}

void crk_diags_addf(struct crk_diags *d, int code, const char *path, unsigned line, unsigned col,
		    const char *fmt, ...)
{
	struct crk_err e;
	va_list ap;
	va_start(ap, fmt);
	crk_err_vset(&e, code, path, line, col, fmt, ap);
	va_end(ap);
	crk_diags_add(d, &e);
}

size_t crk_diags_count(const struct crk_diags *d)
{
	return d->n + d->dropped;
}
