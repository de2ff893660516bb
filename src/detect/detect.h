/*
 * detect.h - the interface every ecosystem detector implements (DESIGN.md §3, STYLE.md §6).
 *
 * A detector is one `const struct crk_detector` in src/detect/<eco>.c, listed in registry.c.
 * The walk dispatches each file by its base name (hash lookup over `names`), then by the
 * detector's `match` function for the few that need a path (node_modules/<pkg>/package.json,
 * *.dist-info/METADATA, var/lib/dpkg/status). The file is read whole, once, and handed to `parse`.
 *
 * Contract of `parse` (STYLE.md §5):
 *  - the buffer is untrusted: never assume NUL termination (the scan does add one past `len`,
 *    but a parser must not rely on it), never trust a count from the input, take caps from
 *    src/base/limits.h;
 *  - add each package with crk_bom_add() (pkg.path = ctx->path, pkg.line where known) and each
 *    edge the file gives with crk_bom_add_dep() (CRK_BOM_ROOT -> direct dependencies);
 *  - a file that is not well-formed returns CRK_EPARSE with `err` set to path:line:col and a
 *    message saying what is wrong (lowercase, no full stop, quoting the subject); the scan turns
 *    it into a warning and goes on. Components already added stay (a truncated lockfile still
 *    tells something) unless the detector decides otherwise;
 *  - problems that do not stop the file (one bad entry) go to ctx->diags;
 *  - scratch memory comes from ctx->arena (released after the file); no leaks on any path.
 */
#ifndef CRK_DETECT_DETECT_H
#define CRK_DETECT_DETECT_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/bom.h"
#include "crakit/err.h"

struct crk_vfs; /* src/source/vfs.h: the squashed files of a container image */

struct crk_detect_ctx {
	struct crk_bom *bom;
	const char *path;  /* the file, relative to the scan root ("app/package-lock.json") */
	const char *name;  /* its base name */
	const char *buf;   /* whole contents */
	size_t len;
	struct crk_diags *diags;
	struct crk_arena *arena; /* scratch for this file */
	/* private to the scan driver: siblings are read through crk_detect_read() */
	int rootfd;
	const char *dir; /* directory of `path` relative to the root ("" at the root) */
	unsigned flags;  /* enum crk_scan_flags */
	const char *detector; /* name of the detector running, for crk_pkg.found_by */
	const struct crk_vfs *vfs; /* image scans: siblings come from here; NULL otherwise */
	const char *layer; /* image scans: the file's layer, copied into crk_pkg.layer */
};

/* 1 when crk_detect_read() has somewhere to read siblings from (a directory or an image). */
static inline int crk_detect_can_read(const struct crk_detect_ctx *ctx)
{
	return ctx->rootfd >= 0 || ctx->vfs != NULL;
}

enum crk_detector_flags {
	CRK_DETECT_BINARY = 1 << 0, /* looks at executables; `match` decides on the path, the scan
				     * reads at most CRK_MAX_BINARY_SIZE */
	CRK_DETECT_GRAPH = 1 << 1,  /* the format lists every package's direct dependencies, so a
				     * package's dependency list from it is complete (the scan driver
				     * marks them CRK_DEPS_COMPLETE; BSI TR-03183-2 v2.1 §5.2.2) */
};

struct crk_detector {
	const char *name;      /* "<ecosystem>/<format>": "npm/package-lock" */
	const char *ecosystem; /* OSV ecosystem name it reports: "npm" */
	const char *const *names; /* exact base names, NULL-terminated; may be NULL */
	/* optional: further files by path (relpath is '/'-separated, relative to the root).
	 * Called for every file whose base name is not in any `names` table: keep it cheap. */
	int (*match)(const char *relpath, size_t rellen, const char *name);
	int (*parse)(struct crk_detect_ctx *ctx, struct crk_err *err);
	size_t max_size; /* largest file accepted; 0 means CRK_MAX_FILE_SIZE */
	unsigned flags;  /* enum crk_detector_flags */
	const char *doc; /* one line: the files it reads */
};

/* The registry (registry.c). */
extern const struct crk_detector *const crk_detectors[];
/* The detector for a file, or NULL. `relpath` is relative to the scan root. */
const struct crk_detector *crk_detect_find(const char *relpath, size_t rellen, const char *name);
/* The detector whose name is `name` ("npm/package-lock"), or NULL. */
const struct crk_detector *crk_detect_by_name(const char *name);

/*
 * Reads a file named relative to the directory of ctx->path (requirements `-r other.txt`, go.sum
 * beside go.mod, a parent pom). Refuses absolute paths, paths that leave the scan root and
 * symbolic links (CRK_EINVAL), files over `max` (CRK_ELIMIT). In an image scan (ctx->vfs) the
 * file comes from the squashed layers instead, with the same rules; a file the image reader did
 * not keep in memory (vfs.h, crk_vfs_want()) is CRK_EUNSUPPORTED. On success *out is allocated in
 * ctx->arena (NUL-terminated) and *rel_out (may be NULL) receives the path relative to the root,
 * also in the arena. CRK_ENOTFOUND when it does not exist.
 */
int crk_detect_read(struct crk_detect_ctx *ctx, const char *relname, size_t max, const char **out,
		    size_t *len, const char **rel_out, struct crk_err *err);

/* Helpers shared by detectors. */
/* Sets err to "path:line:col: msg" for byte offset `off` of the buffer. Returns CRK_EPARSE. */
int crk_detect_error_at(struct crk_detect_ctx *ctx, size_t off, struct crk_err *err,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A pkg with type/ecosystem/path (and, in an image, layer) set and everything else zero. */
void crk_detect_pkg_init(struct crk_detect_ctx *ctx, struct crk_pkg *pkg, const char *type,
			 const char *ecosystem);
/* Adds the pkg; on CRK_EINVAL (an entry whose purl cannot be formed) it records a warning in
 * ctx->diags and returns CRK_OK with *id = CRK_BOM_NONE so the parse goes on. Other errors are
 * returned. */
int crk_detect_add(struct crk_detect_ctx *ctx, const struct crk_pkg *pkg, size_t *id,
		   struct crk_err *err);

#endif
