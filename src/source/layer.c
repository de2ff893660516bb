/*
 * layer.c - one image layer, streamed from its blob through libarchive into the squashed view
 * (see layer.h, vfs.h). Layers are tar archives (OCI image spec, "Image Layer Filesystem
 * Changeset"), plain or compressed with gzip or zstd (bzip2 and xz are read too).
 *
 * Hostile input (DESIGN.md §8): nothing is written to disk; entry names are normalised and an
 * absolute name or one with a ".." component is skipped (counted in the layer's info), never
 * taken as a path; links are recorded, never followed; entries per layer, decompressed bytes
 * and kept bytes are capped (src/base/limits.h). A kept file's size comes from its tar header
 * and is checked against the caps before anything is allocated.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "source/layer.h"
#include "base/banned.h"

/* ---- the filters libarchive has built in ---- */

static int (*const filters[])(struct archive *) = {
	archive_read_support_filter_gzip,
	archive_read_support_filter_bzip2,
	archive_read_support_filter_xz,
	archive_read_support_filter_zstd,
};
#define NFILTERS (sizeof(filters) / sizeof(filters[0]))
static unsigned builtin_filters;
static pthread_once_t filters_once = PTHREAD_ONCE_INIT;

/* A filter registers with ARCHIVE_WARN when libarchive would run an external program (gzip -d,
 * zstd -d) for it: never for hostile input, so such a filter is left out. */
static void probe_filters(void)
{
	size_t i;
	for (i = 0; i < NFILTERS; i++) {
		struct archive *a = archive_read_new();
		if (!a)
			continue;
		if (filters[i](a) == ARCHIVE_OK)
			builtin_filters |= 1u << i;
		archive_read_free(a);
	}
}

struct archive *crk__archive_reader(void)
{
	struct archive *a;
	size_t i;
	pthread_once(&filters_once, probe_filters);
	a = archive_read_new();
	if (!a)
		return NULL;
	for (i = 0; i < NFILTERS; i++)
		if (builtin_filters & (1u << i))
			filters[i](a);
	archive_read_support_format_tar(a);
	return a;
}

/* ---- streams ---- */

struct crk__stream *crk__stream_new(struct archive *outer, int fd)
{
	struct crk__stream *s = crk_calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->outer = outer;
	s->fd = fd;
	s->md = EVP_MD_CTX_new();
	if (!s->md || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(s->md);
		crk_free(s);
		return NULL;
	}
	return s;
}

void crk__stream_free(struct crk__stream *s)
{
	if (!s)
		return;
	EVP_MD_CTX_free(s->md);
	crk_free(s);
}

/* 1 when [p, p+n) lies in the mapped image file. */
static int in_map(const struct crk__stream *s, const void *p, size_t n)
{
	const char *c = p;
	return s->map && c >= s->map && n <= s->maplen && (size_t)(c - s->map) <= s->maplen - n;
}

/* Makes s->pend hold the next bytes of the outer entry: a block of the archive's own buffer, or
 * zeros for a sparse entry's gap. 1 when there are some, 0 at the end, -1 on error. */
static int outer_fill(struct crk__stream *s)
{
	const void *blk;
	size_t size;
	la_int64_t off;
	int r;
	while (!s->pendlen) {
		if (s->hole) {
			size_t z = s->hole < sizeof(s->buf) ? (size_t)s->hole : sizeof(s->buf);
			memset(s->buf, 0, z);
			s->hole -= z;
			s->pend = s->buf;
			s->pendlen = z;
			return 1;
		}
		if (s->next) {
			s->pend = s->next;
			s->pendlen = s->nextlen;
			s->next = NULL;
			s->nextlen = 0;
			continue;
		}
		r = archive_read_data_block(s->outer, &blk, &size, &off);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN || off < 0 || (uint64_t)off < s->bytes + s->hole) {
			snprintf(s->errmsg, sizeof(s->errmsg), "%s",
				 archive_error_string(s->outer) ? archive_error_string(s->outer)
								 : "read error");
			return -1;
		}
		s->hole = (uint64_t)off - s->bytes; /* a sparse entry's gap reads as zeros */
		s->next = blk;
		s->nextlen = size;
	}
	return 1;
}

static void consumed(struct crk__stream *s, const void *p, size_t n)
{
	if (!s->nohash)
		EVP_DigestUpdate(s->md, p, n);
	s->bytes += (uint64_t)n;
}

int crk__stream_whole(struct crk__stream *s, uint64_t size, const void **p)
{
	int r;
	if (!s->outer || !s->map || s->bytes || !size)
		return 0;
	r = outer_fill(s);
	if (r < 0)
		return -1;
	if (r == 0 || s->hole || s->pendlen != size || !in_map(s, s->pend, s->pendlen))
		return 0;
	*p = s->pend;
	s->nohash = 1;
	return 1;
}

long crk__stream_read(struct crk__stream *s, void *buf, size_t n)
{
	long got;
	if (s->eof || !n)
		return 0;
	if (s->outer) {
		int r = outer_fill(s);
		if (r < 0)
			return -1;
		if (r == 0) {
			s->eof = 1;
			return 0;
		}
		got = (long)(n < s->pendlen ? n : s->pendlen);
		memcpy(buf, s->pend, (size_t)got);
		consumed(s, s->pend, (size_t)got);
		s->pend = (const unsigned char *)s->pend + got;
		s->pendlen -= (size_t)got;
		return got;
	} else {
		ssize_t r;
		do
			r = read(s->fd, buf, n);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			snprintf(s->errmsg, sizeof(s->errmsg), "%s", strerror(errno));
			return -1;
		}
		got = (long)r;
	}
	if (got == 0) {
		s->eof = 1;
		return 0;
	}
	consumed(s, buf, (size_t)got);
	return got;
}

long crk__stream_next(struct crk__stream *s, const void **p)
{
	size_t got;
	int r;
	if (s->eof)
		return 0;
	if (!s->outer) {
		*p = s->buf;
		return crk__stream_read(s, s->buf, sizeof(s->buf));
	}
	r = outer_fill(s);
	if (r <= 0) {
		if (r == 0)
			s->eof = 1;
		return r;
	}
	*p = s->pend;
	got = s->pendlen;
	consumed(s, s->pend, got);
	s->pend = NULL;
	s->pendlen = 0;
	return (long)got;
}

int crk__stream_drain(struct crk__stream *s)
{
	const void *p;
	long r;
	while ((r = crk__stream_next(s, &p)) > 0)
		;
	return r < 0 ? -1 : 0;
}

void crk__stream_digest(struct crk__stream *s, char out[72])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	EVP_MD_CTX *copy = EVP_MD_CTX_new();
	memcpy(out, "sha256:", 7);
	if (!copy || EVP_MD_CTX_copy_ex(copy, s->md) != 1 || EVP_DigestFinal_ex(copy, md, &n) != 1)
		n = 0;
	EVP_MD_CTX_free(copy);
	for (i = 0; i < n && i < 32; i++) {
		out[7 + 2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[8 + 2 * i] = "0123456789abcdef"[md[i] & 15];
	}
	out[7 + 2 * i] = '\0';
}

/* The inner archive's read callback: the prefix first, then the source. */
static la_ssize_t inner_read(struct archive *a, void *ud, const void **buf)
{
	struct crk__stream *s = ud;
	long r;
	if (s->prefixoff < s->prefixlen) {
		size_t n = s->prefixlen - s->prefixoff;
		*buf = s->prefix + s->prefixoff;
		s->prefixoff = s->prefixlen;
		return (la_ssize_t)n;
	}
	r = crk__stream_next(s, buf);
	if (r < 0) {
		archive_set_error(a, EIO, "%s", s->errmsg);
		return -1;
	}
	return (la_ssize_t)r;
}

/* ---- one layer ---- */

static int is_whiteout(const char *path, size_t n)
{
	const char *b = path + n;
	while (b > path && b[-1] != '/')
		b--;
	return (size_t)(path + n - b) >= 4 && memcmp(b, ".wh.", 4) == 0;
}

static int read_error(struct archive *a, struct crk_err *err)
{
	return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "truncated or corrupt layer: %s",
			   archive_error_string(a) ? archive_error_string(a) : "read error");
}

/* Reads a kept file's contents: `size` bytes (the tar header's). A candidate of the binary
 * detectors is kept only when it starts with an executable's magic number, looked at before
 * anything is allocated. *out stays NULL for a file not kept. Contents that lie whole in the
 * mapped image (an uncompressed layer of an uncompressed archive) are not copied: *borrowed is
 * set and *out points into the map. */
static int read_contents(struct archive *a, const struct crk__stream *s, enum crk_vfs_want want,
			 uint64_t size, char **out, size_t *len, int *borrowed, struct crk_err *err)
{
	const void *blk = NULL;
	size_t bsz = 0, have = 0;
	la_int64_t off = 0;
	char *buf;
	int r;

	*out = NULL;
	*len = 0;
	*borrowed = 0;
	r = archive_read_data_block(a, &blk, &bsz, &off);
	if (r == ARCHIVE_EOF) {
		blk = NULL;
		bsz = 0;
		off = 0;
	} else if (r < ARCHIVE_WARN || off < 0 || (uint64_t)off > size || bsz > size - (uint64_t)off) {
		return read_error(a, err);
	}
	if (want == CRK_VFS_KEEP_EXEC &&
	    (off != 0 || bsz < 4 || !crk_vfs_looks_executable((const unsigned char *)blk)))
		return CRK_OK; /* not an executable: the binary detectors do not read it */
	if (size && off == 0 && bsz == size && in_map(s, blk, bsz)) {
		*out = (char *)(uintptr_t)blk;
		*len = bsz;
		*borrowed = 1;
		return CRK_OK;
	}
	buf = crk_malloc((size_t)size + 1);
	if (!buf)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	while (blk) {
		if ((uint64_t)off < have) {
			crk_free(buf);
			return read_error(a, err);
		}
		if ((size_t)off > have)
			memset(buf + have, 0, (size_t)off - have); /* a sparse file's gap */
		memcpy(buf + off, blk, bsz);
		have = (size_t)off + bsz;
		r = archive_read_data_block(a, &blk, &bsz, &off);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN || off < 0 || (uint64_t)off > size ||
		    bsz > size - (uint64_t)off) {
			crk_free(buf);
			return read_error(a, err);
		}
	}
	*len = have;
	buf[have] = '\0';
	*out = buf;
	return CRK_OK;
}

int crk__layer_read(struct crk_vfs *vfs, unsigned raw, struct crk__stream *s, uint64_t *streamed,
		    struct crk__layer_info *info, struct crk_err *err)
{
	struct archive *a = crk__archive_reader();
	struct archive_entry *e;
	char path[CRK_MAX_PATH];
	int rc = CRK_OK;

	memset(info, 0, sizeof(*info));
	if (!a)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	if (archive_read_open(a, s, NULL, inner_read, NULL) != ARCHIVE_OK) {
		rc = crk_err_set(err, s->errmsg[0] ? CRK_EIO : CRK_EPARSE, NULL, 0, 0,
				 "cannot read as a tar archive: %s",
				 archive_error_string(a) ? archive_error_string(a) : "unknown format");
		goto out;
	}
	for (;;) {
		enum crk_vfs_type type;
		const char *name, *link = NULL;
		char *data = NULL;
		size_t len = 0;
		uint64_t size;
		unsigned flags = 0;
		long n;
		int r = archive_read_next_header(a, &e);

		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN || r == ARCHIVE_RETRY) {
			rc = read_error(a, err);
			goto out;
		}
		if (++info->entries > CRK_MAX_IMAGE_ENTRIES) {
			rc = crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "layer has more than %zu entries",
					 (size_t)CRK_MAX_IMAGE_ENTRIES);
			goto out;
		}
		size = archive_entry_size_is_set(e) && archive_entry_size(e) > 0
			       ? (uint64_t)archive_entry_size(e) : 0;
		info->bytes = (uint64_t)archive_filter_bytes(a, 0);
		if (*streamed + info->bytes + size > CRK_MAX_IMAGE_BYTES) {
			rc = crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
					 "image layers decompress to more than %llu bytes",
					 (unsigned long long)CRK_MAX_IMAGE_BYTES);
			goto out;
		}
		name = archive_entry_pathname(e);
		if (!name)
			continue;
		n = crk_vfs_normalise(name, path, sizeof(path));
		if (n < 0) {
			if (!info->unsafe++)
				snprintf(info->first_unsafe, sizeof(info->first_unsafe), "%s", name);
			continue;
		}
		if (n == 0)
			continue; /* the root directory itself */
		if (archive_entry_hardlink(e)) {
			type = CRK_VFS_HARDLINK;
			link = archive_entry_hardlink(e);
		} else {
			switch (archive_entry_filetype(e)) {
			case AE_IFREG: type = CRK_VFS_FILE; break;
			case AE_IFDIR: type = CRK_VFS_DIR; break;
			case AE_IFLNK:
				type = CRK_VFS_SYMLINK;
				link = archive_entry_symlink(e) ? archive_entry_symlink(e) : "";
				break;
			default: type = CRK_VFS_OTHER; break;
			}
		}
		if (type == CRK_VFS_FILE && !is_whiteout(path, (size_t)n)) {
			enum crk_vfs_want want = crk_vfs_want(path, (size_t)n, size);
			if (want == CRK_VFS_TOO_LARGE) {
				flags = CRK_VFS_WANTED | CRK_VFS_TOO_BIG;
			} else if (want != CRK_VFS_SKIP &&
				   crk_vfs_kept(vfs) + size > CRK_MAX_IMAGE_KEPT) {
				flags = CRK_VFS_WANTED | CRK_VFS_DROPPED;
			} else if (want != CRK_VFS_SKIP) {
				int borrowed;
				rc = read_contents(a, s, want, size, &data, &len, &borrowed, err);
				if (rc)
					goto out;
				if (data || want == CRK_VFS_KEEP)
					flags = CRK_VFS_WANTED;
				if (borrowed)
					flags |= CRK_VFS_BORROWED;
			}
		}
		rc = crk_vfs_add(vfs, raw, path, (size_t)n, type, size, data, len, link, flags);
		if (rc == CRK_ELIMIT) {
			rc = crk_err_set(err, rc, NULL, 0, 0, "image layers hold more than %zu entries",
					 (size_t)CRK_MAX_IMAGE_ALL_ENTRIES);
			goto out;
		}
		if (rc) {
			rc = crk_err_set(err, rc, NULL, 0, 0, "out of memory");
			goto out;
		}
	}
	info->bytes = (uint64_t)archive_filter_bytes(a, 0);
	*streamed += info->bytes;
out:
	archive_read_free(a);
	return rc;
}
