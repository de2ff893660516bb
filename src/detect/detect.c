/* detect.c - helpers shared by detectors (see detect.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "source/vfs.h"
#include "base/banned.h"

int crk_detect_error_at(struct crk_detect_ctx *ctx, size_t off, struct crk_err *err,
			const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;
	crk_linecol(ctx->buf, ctx->len, off, &line, &col);
	va_start(ap, fmt);
	crk_err_vset(err, CRK_EPARSE, ctx->path, line, col, fmt, ap);
	va_end(ap);
	return CRK_EPARSE;
}

void crk_detect_pkg_init(struct crk_detect_ctx *ctx, struct crk_pkg *pkg, const char *type,
			 const char *ecosystem)
{
	memset(pkg, 0, sizeof(*pkg));
	pkg->type = type;
	pkg->ecosystem = ecosystem;
	pkg->path = ctx->path;
	pkg->found_by = ctx->detector;
	pkg->layer = ctx->layer;
}

int crk_detect_add(struct crk_detect_ctx *ctx, const struct crk_pkg *pkg, size_t *id,
		   struct crk_err *err)
{
	struct crk_err e;
	int rc = crk_bom_add(ctx->bom, pkg, id, &e);
	if (rc == CRK_EINVAL) {
		crk_diags_add(ctx->diags, &e);
		if (id)
			*id = CRK_BOM_NONE;
		return CRK_OK;
	}
	if (rc && err)
		*err = e;
	return rc;
}

/* Joins dir and rel lexically, resolving "." and "..". Fails when the result leaves the root. */
static int join_path(struct crk_strbuf *out, const char *dir, const char *rel)
{
	const char *parts[2] = {dir, rel};
	size_t k;
	crk_strbuf_reset(out);
	for (k = 0; k < 2; k++) {
		const char *s = parts[k];
		while (s && *s) {
			const char *e = strchr(s, '/');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			if (n == 0 || (n == 1 && s[0] == '.')) {
				/* skip */
			} else if (n == 2 && s[0] == '.' && s[1] == '.') {
				char *slash;
				if (!out->len)
					return -1;
				slash = strrchr(out->buf, '/');
				out->len = slash ? (size_t)(slash - out->buf) : 0;
				out->buf[out->len] = '\0';
			} else {
				if (out->len)
					crk_strbuf_addch(out, '/');
				crk_strbuf_add(out, s, n);
			}
			s += n;
			if (*s == '/')
				s++;
		}
	}
	return crk_strbuf_ok(out) ? 0 : -1;
}

/* crk_detect_read() in an image: the squashed file at `path` (already joined and checked).
 * *buf is borrowed from the vfs. */
static int read_vfs(struct crk_detect_ctx *ctx, const struct crk_strbuf *path, size_t max,
		    char **buf, size_t *n, struct crk_err *err)
{
	const struct crk_vfs_entry *e = crk_vfs_lookup(ctx->vfs, path->buf, path->len);
	if (!e)
		return crk_err_set(err, CRK_ENOTFOUND, path->buf, 0, 0,
				   "cannot open: No such file or directory");
	if (e->type == CRK_VFS_SYMLINK || e->type == CRK_VFS_HARDLINK)
		return crk_err_set(err, CRK_EINVAL, path->buf, 0, 0,
				   "cannot open: symbolic links and paths outside the scan are not "
				   "followed");
	if (e->type != CRK_VFS_FILE)
		return crk_err_set(err, CRK_EIO, path->buf, 0, 0, "cannot read: not a file");
	if (e->size > max)
		return crk_err_set(err, CRK_ELIMIT, path->buf, 0, 0, "file is larger than %zu bytes",
				   max);
	if (!e->data)
		return crk_err_set(err, CRK_EUNSUPPORTED, path->buf, 0, 0,
				   "cannot read: the image reader did not keep this file in memory "
				   "(see docs/images.md)");
	*buf = (char *)e->data;
	*n = e->len;
	return CRK_OK;
}

int crk_detect_read(struct crk_detect_ctx *ctx, const char *relname, size_t max, const char **out,
		    size_t *len, const char **rel_out, struct crk_err *err)
{
	struct crk_strbuf path = CRK_STRBUF_INIT(CRK_ERR_PATH_MAX);
	char *buf = NULL, *copy;
	size_t n = 0;
	int fd, rc;

	*out = NULL;
	*len = 0;
	if (rel_out)
		*rel_out = NULL;
	if (!crk_detect_can_read(ctx))
		return crk_err_set(err, CRK_ENOTFOUND, ctx->path, 0, 0,
				   "'%s' cannot be read: no directory to read it from", relname);
	if (relname[0] == '/' || join_path(&path, ctx->dir, relname) || !path.len) {
		crk_strbuf_release(&path);
		return crk_err_set(err, CRK_EINVAL, ctx->path, 0, 0,
				   "'%s' is outside the scanned directory", relname);
	}
	if (ctx->vfs) {
		rc = read_vfs(ctx, &path, max, &buf, &n, err);
		if (rc) {
			crk_strbuf_release(&path);
			return rc;
		}
		goto copy;
	}
	fd = crk_open_beneath(ctx->rootfd, path.buf);
	if (fd < 0) {
		int e = errno;
		rc = crk_err_set(err, e == ENOENT ? CRK_ENOTFOUND : CRK_EINVAL, path.buf, 0, 0,
				 "cannot open: %s", e == ELOOP || e == EXDEV
				 ? "symbolic links and paths outside the scan are not followed"
				 : strerror(e));
		crk_strbuf_release(&path);
		return rc;
	}
	rc = crk_read_fd(fd, path.buf, max, &buf, &n, err);
	close(fd);
	if (rc) {
		crk_strbuf_release(&path);
		return rc;
	}
copy:
	copy = crk_arena_strndup(ctx->arena, buf, n);
	if (!ctx->vfs)
		crk_free(buf);
	if (!copy) {
		crk_strbuf_release(&path);
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	}
	if (rel_out) {
		*rel_out = crk_arena_strndup(ctx->arena, path.buf, path.len);
		if (!*rel_out) {
			crk_strbuf_release(&path);
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		}
	}
	crk_strbuf_release(&path);
	*out = copy;
	*len = n;
	return CRK_OK;
}
