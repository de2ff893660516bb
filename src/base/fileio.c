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

int crk_write_file_atomic(const char *path, const char *buf, size_t len, unsigned flags,
			  struct crk_err *err)
{
	struct crk_strbuf tmp = CRK_STRBUF_INIT(0);
	int fd = -1, rc = CRK_OK;
	size_t off = 0;
	struct stat st;

	/* a device or a pipe (-o /dev/null, -o /dev/stdout) is written in place: renaming a
	 * temporary file over it would replace the device with a regular file */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
		while (off < len) {
			ssize_t w = write(fd, buf + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = crk_err_set(err, CRK_EIO, path, 0, 0, "write failed: %s",
						 strerror(errno));
				break;
			}
			off += (size_t)w;
		}
		close(fd);
		return rc;
	}
	crk_strbuf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if (!crk_strbuf_ok(&tmp)) {
		rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
		goto out;
	}
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = crk_err_set(err, CRK_EIO, path, 0, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = crk_err_set(err, CRK_EIO, path, 0, 0, "write failed: %s",
					 strerror(errno));
			goto out;
		}
		off += (size_t)w;
	}
	if ((flags & CRK_WRITE_DURABLE) && fsync(fd) != 0 && errno != EINVAL) {
		rc = crk_err_set(err, CRK_EIO, path, 0, 0, "fsync failed: %s", strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = crk_err_set(err, CRK_EIO, path, 0, 0, "close failed: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.buf, path) != 0) {
		rc = crk_err_set(err, CRK_EIO, path, 0, 0, "cannot rename into place: %s",
				 strerror(errno));
		goto out;
	}
out:
	if (fd >= 0)
		close(fd);
	if (rc != CRK_OK && tmp.len)
		unlink(tmp.buf);
	crk_strbuf_release(&tmp);
	return rc;
}
