/*
 * vfs.c - the squashed view of an image's layers (see vfs.h).
 *
 * Entries are recorded as they stream in ("records"), each with its raw layer and a sequence
 * number. Squashing sorts the records by path in walk order (a path's descendants right after
 * it: '/' sorts before every other byte), then by layer position and sequence, and makes one
 * pass with a stack of ancestors. Each ancestor carries a threshold: records below it from
 * layers under the threshold are hidden. A path's threshold for its children is the largest of
 * its parent's, the layer of a whiteout of the path, the layer of an opaque marker in it, and
 * the layer of a non-directory entry at it. The entry that survives at a path is the highest
 * one not hidden by the parent's threshold or by a whiteout of the path from a layer above it.
 * One sort and one pass: O(n log n) for n records, whatever the number of whiteouts.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "detect/detect.h"
#include "source/vfs.h"
#include "base/banned.h"

enum rec_kind { REC_ENTRY = 0, REC_WHITEOUT = 1, REC_OPAQUE = 2 };

struct rec {
	struct crk_vfs_entry e;
	unsigned raw;   /* raw layer as given to crk_vfs_add() */
	unsigned pos;   /* 1-based layer position after squash; 0: not in the image */
	size_t seq;     /* order of arrival, for entries repeated within one layer */
	unsigned char kind;
};

struct crk_vfs {
	struct crk_arena arena; /* paths, link targets, layer ids */
	struct rec *recs;
	size_t n, alloc;
	size_t *per_layer; /* entries per raw layer */
	size_t nper;
	size_t kept;
	struct rec **final; /* after squash: surviving entries in walk order */
	size_t nfinal;
	const char **ids;
	size_t nids;
	int squashed;
};

struct crk_vfs *crk_vfs_new(void)
{
	struct crk_vfs *v = crk_calloc(1, sizeof(*v));
	if (v)
		crk_arena_init(&v->arena);
	return v;
}

/* Frees kept contents unless they are borrowed from the mapped image. */
static void release(const char *data, unsigned flags)
{
	if (!(flags & CRK_VFS_BORROWED))
		crk_free((char *)data);
}

void crk_vfs_free(struct crk_vfs *v)
{
	size_t i;
	if (!v)
		return;
	for (i = 0; i < v->n; i++)
		release(v->recs[i].e.data, v->recs[i].e.flags);
	crk_free(v->recs);
	crk_free(v->per_layer);
	crk_free(v->final);
	crk_free(v->ids);
	crk_arena_release(&v->arena);
	crk_free(v);
}

long crk_vfs_normalise(const char *name, char *out, size_t max)
{
	size_t n = 0;
	const char *s = name;
	if (!max)
		return -1;
	if (*s == '/')
		return -1;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t k = e ? (size_t)(e - s) : strlen(s);
		if (k == 2 && s[0] == '.' && s[1] == '.')
			return -1;
		if (k && !(k == 1 && s[0] == '.')) {
			if (n + (n ? 1 : 0) + k >= max)
				return -1;
			if (n)
				out[n++] = '/';
			memcpy(out + n, s, k);
			n += k;
		}
		s += k;
		while (*s == '/')
			s++;
	}
	out[n] = '\0';
	return (long)n;
}

int crk_vfs_looks_executable(const unsigned char m[4])
{
	if (memcmp(m, "\x7f" "ELF", 4) == 0 || (m[0] == 'M' && m[1] == 'Z'))
		return 1;
	if ((m[0] == 0xfe && m[1] == 0xed && m[2] == 0xfa && (m[3] == 0xce || m[3] == 0xcf)) ||
	    ((m[0] == 0xce || m[0] == 0xcf) && m[1] == 0xfa && m[2] == 0xed && m[3] == 0xfe) ||
	    (m[0] == 0xca && m[1] == 0xfe && m[2] == 0xba && m[3] == 0xbe))
		return 1;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Files detectors read beside the one they parse (crk_detect_read() callers): see vfs.h. */
static int sibling(const char *name, size_t n)
{
	static const char *const exact[] = {"go.sum", "pom.xml", "package.json", "os-release"};
	size_t i;
	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strlen(exact[i]) == n && memcmp(name, exact[i], n) == 0)
			return 1;
	return ends_with(name, n, ".txt") || ends_with(name, n, ".props");
}

enum crk_vfs_want crk_vfs_want(const char *path, size_t pathlen, uint64_t size)
{
	const char *name = path + pathlen;
	const struct crk_detector *d;
	while (name > path && name[-1] != '/')
		name--;
	d = crk_detect_find(path, pathlen, name);
	if (d) {
		int bin = (d->flags & CRK_DETECT_BINARY) != 0;
		size_t max = d->max_size ? d->max_size
				 : bin ? CRK_MAX_BINARY_SIZE : CRK_MAX_FILE_SIZE;
		if (bin)
			return size <= max ? CRK_VFS_KEEP_EXEC : CRK_VFS_SKIP;
		if (size <= max)
			return CRK_VFS_KEEP;
		if (!sibling(name, pathlen - (size_t)(name - path)))
			return CRK_VFS_TOO_LARGE;
	}
	if (size <= CRK_MAX_IMAGE_SIBLING && sibling(name, pathlen - (size_t)(name - path)))
		return CRK_VFS_KEEP;
	return d ? CRK_VFS_TOO_LARGE : CRK_VFS_SKIP;
}

size_t crk_vfs_kept(const struct crk_vfs *v)
{
	return v->kept;
}

size_t crk_vfs_layer_entries(const struct crk_vfs *v, unsigned layer)
{
	return layer < v->nper ? v->per_layer[layer] : 0;
}

int crk_vfs_add(struct crk_vfs *v, unsigned layer, const char *name, size_t namelen,
		enum crk_vfs_type type, uint64_t size, char *data, size_t len, const char *link,
		unsigned flags)
{
	const char *base = name + namelen;
	enum rec_kind kind = REC_ENTRY;
	size_t dirlen, pathlen = namelen;
	struct rec *r;
	char *path;

	if (v->squashed || v->n >= CRK_MAX_IMAGE_ALL_ENTRIES) {
		release(data, flags);
		return CRK_ELIMIT;
	}
	while (base > name && base[-1] != '/')
		base--;
	dirlen = base > name ? (size_t)(base - name) - 1 : 0;
	if (namelen - (size_t)(base - name) >= 4 && memcmp(base, ".wh.", 4) == 0) {
		/* a whiteout: nothing of this entry is kept but what it deletes */
		release(data, flags);
		data = NULL;
		len = 0;
		link = NULL;
		if (namelen - (size_t)(base - name) == 12 && memcmp(base, ".wh..wh..opq", 12) == 0) {
			kind = REC_OPAQUE;
			pathlen = dirlen;
		} else if (namelen - (size_t)(base - name) > 8 && memcmp(base, ".wh..wh.", 8) == 0) {
			return CRK_OK; /* other AUFS metadata (.wh..wh.plnk, .wh..wh.aufs) */
		} else {
			size_t k = namelen - (size_t)(base - name) - 4;
			if (!k || (k == 1 && base[4] == '.') ||
			    (k == 2 && base[4] == '.' && base[5] == '.'))
				return CRK_OK; /* ".wh.", ".wh.." name nothing */
			kind = REC_WHITEOUT;
		}
	}
	if (layer >= v->nper) {
		size_t i, old = v->nper;
		if (CRK_GROW(v->per_layer, v->nper, (size_t)layer + 1)) {
			release(data, flags);
			return CRK_ENOMEM;
		}
		for (i = old; i < v->nper; i++)
			v->per_layer[i] = 0;
	}
	if (CRK_GROW(v->recs, v->alloc, v->n + 1)) {
		release(data, flags);
		return CRK_ENOMEM;
	}
	if (kind == REC_WHITEOUT) {
		/* dir/.wh.NAME deletes dir/NAME */
		path = crk_arena_alloc(&v->arena, namelen - 4 + 1);
		if (path) {
			memcpy(path, name, (size_t)(base - name));
			memcpy(path + (base - name), base + 4, namelen - (size_t)(base - name) - 4);
			pathlen = namelen - 4;
			path[pathlen] = '\0';
		}
	} else {
		path = crk_arena_strndup(&v->arena, name, pathlen);
	}
	if (!path || (link && !(link = crk_arena_strdup(&v->arena, link)))) {
		release(data, flags);
		return CRK_ENOMEM;
	}
	r = &v->recs[v->n];
	memset(r, 0, sizeof(*r));
	r->e.path = path;
	r->e.pathlen = pathlen;
	r->e.type = type;
	r->e.size = size;
	r->e.data = data;
	r->e.len = data ? len : 0;
	r->e.link = link;
	r->e.layer = layer;
	r->e.flags = flags;
	r->raw = layer;
	r->seq = v->n;
	r->kind = (unsigned char)kind;
	v->n++;
	v->per_layer[layer]++;
	if (data && !(flags & CRK_VFS_BORROWED))
		v->kept += len;
	return CRK_OK;
}

/* Byte order with '/' before every other byte, so that "a/x" < "a-b" and a directory's
 * descendants sort right after it (the order fswalk.c visits a tree in). */
static int cmp_path(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;
	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x == y)
			continue;
		if (x == '/')
			return -1;
		if (y == '/')
			return 1;
		return x < y ? -1 : 1;
	}
	return an < bn ? -1 : an > bn;
}

static int cmp_rec(const void *pa, const void *pb)
{
	const struct rec *a = *(const struct rec *const *)pa, *b = *(const struct rec *const *)pb;
	int r = cmp_path(a->e.path, a->e.pathlen, b->e.path, b->e.pathlen);
	if (r)
		return r;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct anc {
	const char *path;
	size_t len;
	unsigned t; /* records below this path from layers < t are hidden */
};

static int is_below(const struct anc *a, const struct rec *r)
{
	return r->e.pathlen > a->len && memcmp(r->e.path, a->path, a->len) == 0 &&
	       (a->len == 0 || r->e.path[a->len] == '/');
}

int crk_vfs_squash(struct crk_vfs *v, const unsigned *order, const char *const *ids, size_t n,
		   struct crk_err *err)
{
	unsigned *pos_of = NULL;
	struct rec **sorted = NULL;
	struct anc *stack = NULL;
	size_t i, j, m = 0, nst = 0, stalloc = 0;
	int rc = CRK_ENOMEM;

	if (v->squashed)
		return crk_err_set(err, CRK_EINTERNAL, NULL, 0, 0, "image layers squashed twice");
	v->squashed = 1;
	pos_of = crk_calloc(v->nper ? v->nper : 1, sizeof(*pos_of));
	v->ids = crk_calloc(n ? n : 1, sizeof(*v->ids));
	if (!pos_of || !v->ids)
		goto out;
	v->nids = n;
	for (i = 0; i < n; i++) {
		if (order[i] < v->nper)
			pos_of[order[i]] = (unsigned)i + 1; /* the highest position wins */
		v->ids[i] = crk_arena_strdup(&v->arena, ids && ids[i] ? ids[i] : "");
		if (!v->ids[i])
			goto out;
	}
	sorted = crk_calloc(v->n ? v->n : 1, sizeof(*sorted));
	if (!sorted)
		goto out;
	for (i = 0; i < v->n; i++) {
		struct rec *r = &v->recs[i];
		r->pos = r->raw < v->nper ? pos_of[r->raw] : 0;
		if (r->pos)
			sorted[m++] = r;
	}
	if (m > 1)
		qsort(sorted, m, sizeof(*sorted), cmp_rec);
	v->final = crk_calloc(m ? m : 1, sizeof(*v->final));
	if (!v->final)
		goto out;

	for (i = 0; i < m; i = j) {
		struct rec *r = sorted[i], *best = NULL;
		unsigned tpar, wl = 0, tch;
		for (j = i; j < m && cmp_path(sorted[j]->e.path, sorted[j]->e.pathlen, r->e.path,
					      r->e.pathlen) == 0; j++)
			;
		while (nst && !is_below(&stack[nst - 1], r))
			nst--;
		tpar = nst ? stack[nst - 1].t : 0;
		tch = tpar;
		for (size_t k = i; k < j; k++) {
			struct rec *q = sorted[k];
			if (q->pos < tpar)
				continue; /* below a whiteout, opaque marker or file of an upper layer */
			if (q->kind == REC_WHITEOUT) {
				if (q->pos > wl)
					wl = q->pos;
			} else if (q->kind == REC_OPAQUE) {
				if (q->pos > tch)
					tch = q->pos;
			} else {
				if (q->e.type != CRK_VFS_DIR && q->pos > tch)
					tch = q->pos;
				best = q; /* sorted by layer then arrival: the last one wins */
			}
		}
		if (wl > tch)
			tch = wl;
		if (best && best->pos < wl)
			best = NULL; /* deleted by a whiteout of an upper layer */
		if (best && r->e.pathlen)
			v->final[v->nfinal++] = best;
		if (CRK_GROW(stack, stalloc, nst + 1))
			goto out;
		stack[nst].path = r->e.path;
		stack[nst].len = r->e.pathlen;
		stack[nst].t = tch;
		nst++;
	}
	for (i = 0; i < v->nfinal; i++)
		v->final[i]->e.layer = v->final[i]->pos - 1;
	/* free what did not survive: a replaced file's contents are no use any more */
	for (i = 0; i < v->nfinal; i++)
		v->final[i]->kind |= 0x80;
	for (i = 0; i < v->n; i++) {
		struct rec *r = &v->recs[i];
		if (!(r->kind & 0x80) && r->e.data) {
			if (!(r->e.flags & CRK_VFS_BORROWED))
				v->kept -= r->e.len;
			release(r->e.data, r->e.flags);
			r->e.data = NULL;
			r->e.len = 0;
		}
		r->kind &= 0x7f;
	}
	rc = CRK_OK;
out:
	crk_free(pos_of);
	crk_free(sorted);
	crk_free(stack);
	if (rc)
		crk_err_set(err, rc, NULL, 0, 0, "out of memory while applying image layers");
	return rc;
}

size_t crk_vfs_count(const struct crk_vfs *v)
{
	return v->nfinal;
}

const struct crk_vfs_entry *crk_vfs_get(const struct crk_vfs *v, size_t i)
{
	return i < v->nfinal ? &v->final[i]->e : NULL;
}

const struct crk_vfs_entry *crk_vfs_lookup(const struct crk_vfs *v, const char *path,
					   size_t pathlen)
{
	size_t lo = 0, hi = v->nfinal;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct crk_vfs_entry *e = &v->final[mid]->e;
		int r = cmp_path(e->path, e->pathlen, path, pathlen);
		if (r == 0)
			return e;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *crk_vfs_layer_id(const struct crk_vfs *v, unsigned layer)
{
	return layer < v->nids ? v->ids[layer] : NULL;
}

size_t crk_vfs_layers(const struct crk_vfs *v)
{
	return v->nids;
}
