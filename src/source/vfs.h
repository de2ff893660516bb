/*
 * vfs.h - the squashed file view of a container image (DESIGN.md §3 "layers squashed", §8).
 *
 * A container image is a stack of layer tarballs. The image reader (image.c, layer.c) hands
 * every entry of every layer to crk_vfs_add() in the order it reads them (a `docker save`
 * archive may hold its layers in any order, and its manifest.json may come last), each entry
 * tagged with the layer it came from. crk_vfs_squash() then applies the layers in the image's
 * order, the way overlayfs does at run time (OCI image spec, "Applying changesets"):
 *  - a later layer's entry replaces an earlier one at the same path;
 *  - `dir/.wh.NAME` (a whiteout) deletes dir/NAME and everything below it in lower layers;
 *  - `dir/.wh..wh..opq` (an opaque marker) hides everything below dir/ in lower layers;
 *  - a non-directory replacing a directory hides what lower layers had below it.
 * The result is one entry per surviving path, sorted in walk order (name by name, a directory's
 * contents right after it, as src/base/fswalk.c visits a tree), each saying which layer it
 * came from.
 *
 * Nothing is written to disk. File contents are kept in memory only for files a detector reads
 * (crk_vfs_want()); the rest is recorded by name, type and size. Links are recorded as links,
 * never followed; a symbolic link's target is not content.
 *
 * Ownership: a vfs owns every path, link target and content it holds; entries handed out are
 * borrowed and valid until crk_vfs_free(). Not thread-safe while being built; after
 * crk_vfs_squash() it is read-only and may be read from several threads.
 */
#ifndef CRK_SOURCE_VFS_H
#define CRK_SOURCE_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

enum crk_vfs_type {
	CRK_VFS_FILE = 1,
	CRK_VFS_DIR = 2,
	CRK_VFS_SYMLINK = 3,
	CRK_VFS_HARDLINK = 4,
	CRK_VFS_OTHER = 5, /* device, fifo, socket: recorded, never read */
};

enum crk_vfs_flags {
	CRK_VFS_WANTED = 1 << 0,  /* a detector reads this file (crk_vfs_want() said so) */
	CRK_VFS_TOO_BIG = 1 << 1, /* wanted, but larger than the detector accepts */
	CRK_VFS_DROPPED = 1 << 2, /* wanted, but the image's kept contents reached
				   * CRK_MAX_IMAGE_KEPT: not kept */
	CRK_VFS_BORROWED = 1 << 3, /* `data` points into the mapped image file: not freed, not
				    * counted against CRK_MAX_IMAGE_KEPT, not NUL-terminated */
};

struct crk_vfs_entry {
	const char *path; /* normalised: relative, '/'-separated, no "." or ".." component */
	size_t pathlen;
	enum crk_vfs_type type;
	uint64_t size;    /* as the layer's tar header says */
	const char *data; /* kept contents (NUL-terminated past len unless CRK_VFS_BORROWED), or
			   * NULL */
	size_t len;
	const char *link; /* target of a symbolic or hard link, as written; NULL otherwise */
	unsigned layer;   /* after crk_vfs_squash(): position in the image's layer list (0 = base);
			   * before it: the raw layer number given to crk_vfs_add() */
	unsigned flags;   /* enum crk_vfs_flags */
};

struct crk_vfs;

/* Creates an empty view. NULL on ENOMEM. Caller frees with crk_vfs_free(). */
struct crk_vfs *crk_vfs_new(void);
void crk_vfs_free(struct crk_vfs *v);

/*
 * Normalises a tar entry name into `out` (at most `max` bytes, NUL-terminated): "./x" and "x/"
 * become "x", repeated slashes collapse, "." components go. Returns the length, 0 for the root
 * itself ("." or "./"), or -1 for a name that is absolute, has a ".." component, or is longer
 * than `max - 1`: such entries are never taken as paths.
 */
long crk_vfs_normalise(const char *name, char *out, size_t max);

/* What to do with a regular file's contents while streaming a layer. */
enum crk_vfs_want {
	CRK_VFS_SKIP = 0,      /* no detector reads it: record the name only */
	CRK_VFS_KEEP = 1,      /* keep the contents */
	CRK_VFS_KEEP_EXEC = 2, /* keep them only if the first 4 bytes are an executable's magic
				* number (crk_vfs_looks_executable()) */
	CRK_VFS_TOO_LARGE = 3, /* a detector reads it, but not at this size */
};
/*
 * The keep rule. A file is kept when
 *  - a detector takes its path (crk_detect_find(), as the directory walk dispatches), up to the
 *    detector's max_size (default CRK_MAX_FILE_SIZE); binary detectors (CRK_DETECT_BINARY) take
 *    a file of at most their max_size (default CRK_MAX_BINARY_SIZE) only if it starts with an
 *    executable's magic number, as src/source/dir.c does before reading one; or
 *  - it is a small file (at most CRK_MAX_IMAGE_SIBLING bytes) that detectors read beside the
 *    file they parse, through crk_detect_read(): go.sum, *.txt (requirements -r/-c includes),
 *    pom.xml, package.json, *.props (Directory.Packages.props), os-release (the distribution of
 *    OS packages).
 */
enum crk_vfs_want crk_vfs_want(const char *path, size_t pathlen, uint64_t size);
/* 1 when `m` (4 bytes) starts an ELF, PE ("MZ") or Mach-O (thin or fat) file. */
int crk_vfs_looks_executable(const unsigned char m[4]);

/*
 * Records one entry of raw layer `layer`. `name` is the normalised path (crk_vfs_normalise());
 * a whiteout (".wh.NAME") or opaque marker (".wh..wh..opq") in it is recognised here. For a
 * regular file `data` (heap memory from crk_malloc, len + 1 bytes with a NUL at data[len]) is
 * its kept contents, or NULL; the vfs takes ownership of it in every case, also on error.
 * `link` is the link target for links, else NULL. `flags` are enum crk_vfs_flags.
 * Returns CRK_OK, CRK_ENOMEM, or CRK_ELIMIT past CRK_MAX_IMAGE_ALL_ENTRIES entries.
 */
int crk_vfs_add(struct crk_vfs *v, unsigned layer, const char *name, size_t namelen,
		enum crk_vfs_type type, uint64_t size, char *data, size_t len, const char *link,
		unsigned flags);
/* Bytes of contents kept so far, to hold them under CRK_MAX_IMAGE_KEPT. */
size_t crk_vfs_kept(const struct crk_vfs *v);
/* Number of entries of raw layer `layer` recorded so far (for the per-layer cap). */
size_t crk_vfs_layer_entries(const struct crk_vfs *v, unsigned layer);

/*
 * Applies the layers: order[i] is the raw layer at position i (base first); `ids[i]` names it
 * (its diff ID "sha256:...", or the blob digest when the image has no config), copied into the
 * vfs. A raw layer may stand at several positions (identical empty layers share one blob): its
 * entries count at the highest one, which gives the same result as applying it at each. Entries
 * of raw layers not in `order` are dropped. Contents of entries that do not survive are freed.
 * Call once. CRK_ENOMEM on failure.
 */
int crk_vfs_squash(struct crk_vfs *v, const unsigned *order, const char *const *ids, size_t n,
		   struct crk_err *err);

/* After squashing: the number of entries, the i-th in walk order, and lookup by path. */
size_t crk_vfs_count(const struct crk_vfs *v);
const struct crk_vfs_entry *crk_vfs_get(const struct crk_vfs *v, size_t i);
const struct crk_vfs_entry *crk_vfs_lookup(const struct crk_vfs *v, const char *path,
					   size_t pathlen);
/* The id of the layer at position `layer` (as given to crk_vfs_squash()), or NULL. */
const char *crk_vfs_layer_id(const struct crk_vfs *v, unsigned layer);
size_t crk_vfs_layers(const struct crk_vfs *v);

#endif
