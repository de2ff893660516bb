/*
 * gitindex.c - git index entries (see gitindex.h). Layout (gitformat-index.txt):
 *
 *   header: "DIRC", version (4 bytes), entry count (4 bytes), all big endian
 *   entry:  ctime 8, mtime 8, dev 4, ino 4, mode 4, uid 4, gid 4, size 4   (40 bytes)
 *           object name (hashlen bytes), flags 2 (bit 14 "extended", low 12 bits the name
 *           length, 0xFFF when longer), [v3+ with "extended": 2 more flag bytes]
 *           v2/v3: the path, NUL-terminated, then NULs to a multiple of 8 bytes counted from
 *                  the entry's start (1 to 8 NULs in all)
 *           v4:    a varint N (git's offset encoding: 7 bits a byte, each continuation adds
 *                  one before shifting) = bytes to drop from the end of the previous entry's
 *                  path, then the rest of the path, NUL-terminated; no padding
 */
#include <string.h>

#include "base/strbuf.h"
#include "formats/gitindex.h"
#include "base/banned.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int bad(struct crk_err *err, size_t off, const char *what)
{
	return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "git index: %s (at byte %zu)", what, off);
}

int crk_gitindex_parse(const void *buf, size_t len, size_t hashlen, crk_gitindex_fn fn, void *ud,
		       struct crk_err *err)
{
	const unsigned char *b = buf;
	struct crk_strbuf path = CRK_STRBUF_INIT(CRK_GITINDEX_MAX_PATH + 1);
	uint32_t version, count, i;
	size_t off = 12, fixed = 40 + hashlen + 2;
	int rc = CRK_OK;

	if (len < 12 || memcmp(b, "DIRC", 4) != 0)
		return bad(err, 0, "no DIRC signature");
	version = be32(b + 4);
	count = be32(b + 8);
	if (version < 2 || version > 4)
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
				   "git index version %u is not supported (2, 3 and 4 are)",
				   version);
	for (i = 0; i < count; i++) {
		size_t start = off, name_off, nl;
		unsigned flags;
		uint32_t mode;
		const unsigned char *oid, *nul;
		if (len - off < fixed) {
			rc = bad(err, off, "entry cut short");
			goto out;
		}
		mode = be32(b + off + 24);
		oid = b + off + 40;
		flags = (unsigned)b[off + 40 + hashlen] << 8 | b[off + 41 + hashlen];
		name_off = off + fixed;
		if (flags & 0x4000) {
			if (version < 3) {
				rc = bad(err, off, "extended flags in a version 2 index");
				goto out;
			}
			if (len - name_off < 2) {
				rc = bad(err, off, "entry cut short");
				goto out;
			}
			name_off += 2;
		}
		if (version == 4) {
			uint64_t strip = 0;
			size_t k = name_off;
			unsigned char c;
			do {
				if (k >= len) {
					rc = bad(err, k, "path prefix length cut short");
					goto out;
				}
				c = b[k++];
				if (strip > ((uint64_t)1 << 32)) {
					rc = bad(err, k, "path prefix length too large");
					goto out;
				}
				strip = (strip << 7) | (c & 0x7f);
				if (c & 0x80)
					strip++;
			} while (c & 0x80);
			if (strip > path.len) {
				rc = bad(err, name_off, "path prefix longer than the previous path");
				goto out;
			}
			path.len -= (size_t)strip;
			if (path.alloc)
				path.buf[path.len] = '\0';
			name_off = k;
		} else {
			crk_strbuf_reset(&path);
		}
		nul = name_off < len ? memchr(b + name_off, '\0', len - name_off) : NULL;
		if (!nul) {
			rc = bad(err, name_off, "path not terminated");
			goto out;
		}
		nl = (size_t)(nul - (b + name_off));
		if (path.len + nl > CRK_GITINDEX_MAX_PATH) {
			rc = bad(err, name_off, "path too long");
			goto out;
		}
		if (crk_strbuf_add(&path, b + name_off, nl)) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
		if (version == 4) {
			off = name_off + nl + 1;
		} else {
			/* NUL padding to a multiple of 8 from the entry's start */
			size_t total = ((name_off - start) + nl + 8) & ~(size_t)7;
			if (total > len - start) {
				rc = bad(err, name_off, "entry padding cut short");
				goto out;
			}
			off = start + total;
		}
		if (fn && (rc = fn(ud, path.buf, path.len, mode, oid)) != 0)
			goto out;
	}
out:
	crk_strbuf_release(&path);
	return rc;
}
