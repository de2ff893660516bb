/* fileio.c - see fileio.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <sys/syscall.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/banned.h"

int crk_read_fileat(int dirfd, const char *name, const char *display, size_t max, char **out,
		    size_t *len, struct crk_err *err)
{
	int fd, rc;
	*out = NULL;
	*len = 0;
	if (!display)
		display = name;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return crk_err_set(err, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, display, 0, 0,
				   "cannot open: %s", strerror(errno));
	rc = crk_read_fd(fd, display, max, out, len, err);
	close(fd);
	return rc;
}

int crk_read_fd(int fd, const char *display, size_t max, char **out, size_t *len,
		struct crk_err *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	int rc = CRK_OK;

	*out = NULL;
	*len = 0;
	if (fstat(fd, &st) != 0) {
		rc = crk_err_set(err, CRK_EIO, display, 0, 0, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = crk_err_set(err, CRK_EIO, display, 0, 0, "not a regular file");
		goto out;
	}
	if ((unsigned long long)st.st_size > max) {
		rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
				 "file is %lld bytes, more than the %zu this format allows",
				 (long long)st.st_size, max);
		goto out;
	}
	/* the size may change under us: read up to max+1 and check */
	cap = (size_t)st.st_size + 1;
	buf = crk_malloc(cap + 1);
	if (!buf) {
		rc = crk_err_set(err, CRK_ENOMEM, display, 0, 0, "out of memory reading file");
		goto out;
	}
	if (cap >= ((size_t)1 << 20)) {
		/* all of it is written now: map its pages in one go, not one fault per page */
		crk_mem_huge(buf, cap + 1);
		crk_mem_populate(buf, cap + 1);
	}
	for (;;) {
		ssize_t r;
		if (n == cap) {
			char *nb;
			size_t ncap = cap * 2;
			if (cap > max) {
				rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
						 "file grew past %zu bytes while read", max);
				goto out;
			}
			nb = crk_realloc(buf, ncap + 1);
			if (!nb) {
				rc = crk_err_set(err, CRK_ENOMEM, display, 0, 0, "out of memory");
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rc = crk_err_set(err, CRK_EIO, display, 0, 0, "read failed: %s",
					 strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0, "file is larger than %zu bytes", max);
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out:
	crk_free(buf);
	return rc;
}

int crk_read_file(const char *path, size_t max, char **out, size_t *len, struct crk_err *err)
{
	return crk_read_fileat(AT_FDCWD, path, path, max, out, len, err);
}

int crk_open_beneath(int rootfd, const char *rel)
{
	struct open_how how;
	int fd;
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, rootfd, rel, &how, sizeof(how));
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		fd = openat(rootfd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	return fd;
}

struct crk_atomic_file {
	int fd;
	int inplace; /* a device or a pipe, written where it is */
	unsigned flags;
	char *path;
	struct crk_strbuf tmp; /* the temporary file's name */
};

static void atomic_free(struct crk_atomic_file *f)
{
	crk_strbuf_release(&f->tmp);
	crk_free(f->path);
	crk_free(f);
}

int crk_atomic_open(const char *path, unsigned flags, struct crk_atomic_file **out,
		    struct crk_err *err)
{
	struct crk_atomic_file *f;
	struct stat st;

	*out = NULL;
	f = crk_calloc(1, sizeof(*f));
	if (!f || !(f->path = crk_strdup(path))) {
		crk_free(f);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	f->fd = -1;
	f->flags = flags;
	crk_strbuf_init(&f->tmp, 0);
	/* a device or a pipe (-o /dev/null, -o /dev/stdout) is written in place: renaming a
	 * temporary file over it would replace the device with a regular file */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		f->inplace = 1;
		f->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (f->fd < 0) {
			crk_err_set(err, CRK_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
			atomic_free(f);
			return CRK_EIO;
		}
		*out = f;
		return CRK_OK;
	}
	crk_strbuf_addf(&f->tmp, "%s.tmp.%ld", path, (long)getpid());
	if (!crk_strbuf_ok(&f->tmp)) {
		atomic_free(f);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	f->fd = open(f->tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (f->fd < 0) {
		crk_err_set(err, CRK_EIO, path, 0, 0, "cannot create: %s", strerror(errno));
		atomic_free(f);
		return CRK_EIO;
	}
	*out = f;
	return CRK_OK;
}

int crk_atomic_write(struct crk_atomic_file *f, const void *buf, size_t len, struct crk_err *err)
{
	const char *p = buf;
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(f->fd, p + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return crk_err_set(err, CRK_EIO, f->path, 0, 0, "write failed: %s",
					   strerror(errno));
		}
		off += (size_t)w;
	}
	return CRK_OK;
}

void crk_atomic_abort(struct crk_atomic_file *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	if (!f->inplace && f->tmp.len)
		unlink(f->tmp.buf);
	atomic_free(f);
}

int crk_atomic_commit(struct crk_atomic_file *f, struct crk_err *err)
{
	int rc = CRK_OK;
	if (f->inplace) {
		close(f->fd);
		atomic_free(f);
		return CRK_OK;
	}
	if ((f->flags & CRK_WRITE_DURABLE) && fsync(f->fd) != 0 && errno != EINVAL) {
		rc = crk_err_set(err, CRK_EIO, f->path, 0, 0, "fsync failed: %s", strerror(errno));
		goto fail;
	}
	if (close(f->fd) != 0) {
		f->fd = -1;
		rc = crk_err_set(err, CRK_EIO, f->path, 0, 0, "close failed: %s", strerror(errno));
		goto fail;
	}
	f->fd = -1;
	if (rename(f->tmp.buf, f->path) != 0) {
		rc = crk_err_set(err, CRK_EIO, f->path, 0, 0, "cannot rename into place: %s",
				 strerror(errno));
		goto fail;
	}
	atomic_free(f);
	return CRK_OK;
fail:
	crk_atomic_abort(f);
	return rc;
}

int crk_write_file_atomic(const char *path, const char *buf, size_t len, unsigned flags,
			  struct crk_err *err)
{
	struct crk_atomic_file *f;
	int rc = crk_atomic_open(path, flags, &f, err);
	if (rc)
		return rc;
	rc = crk_atomic_write(f, buf, len, err);
	if (rc) {
		/* a device or a pipe is closed as it is; a temporary file is removed */
		crk_atomic_abort(f);
		return rc;
	}
	return crk_atomic_commit(f, err);
}
