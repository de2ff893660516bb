/*
 * scan.h - the scan driver shared by the sources in src/source/ (not API).
 *
 * A source (a directory walk in dir.c, a container image in image.c) collects the files some
 * detector takes as a list of jobs, in walk order; crk__scan_run_jobs() (dir.c) parses them on
 * worker threads, each into a BOM of its own, and merges those into the result strictly in
 * list order, so the output does not depend on the number of threads or their timing.
 */
#ifndef CRK_SOURCE_SCAN_H
#define CRK_SOURCE_SCAN_H

#include <pthread.h>
#include <stddef.h>

#include "crakit/bom.h"
#include "crakit/err.h"
#include "crakit/sbom.h"
#include "detect/detect.h"
#include "source/vfs.h"

struct crk__job {
	char *relpath; /* heap (crk_malloc), freed by the source */
	const struct crk_detector *d;
	/* An image's file: its contents are in memory. NULL: read relpath below the scan's
	 * rootfd. */
	const struct crk_vfs_entry *ve;
	const char *layer; /* the layer the file came from ("sha256:..."), or NULL */
	/* filled by crk__scan_run_jobs() */
	struct crk_bom *bom; /* the file's own components while in flight */
	struct crk_diags diags;
	int rc;     /* CRK_ENOMEM aborts the scan; parse errors are diagnostics */
	int parsed; /* read and handed to the detector */
	int failed; /* read or parse failed */
	int done;
};

/* The os-release of a root filesystem found inside a scanned tree: OS packages below `prefix`
 * take their distribution from it (a tree may hold several root filesystems). */
struct crk__osrel {
	char *prefix; /* "" or "images/fw/" */
	struct crk_bom *meta; /* holds the parsed fields in its metadata */
};

struct crk__scan {
	struct crk__osrel *os;
	size_t nos, osalloc;
	struct crk_bom *bom;
	const struct crk_scan_opts *opts;
	struct crk_diags *diags;
	struct crk_scan_stats *stats;
	int rootfd;                /* a directory scan's root, else -1 */
	const struct crk_vfs *vfs; /* an image scan's squashed files, else NULL */
	struct crk__job *jobs;
	size_t njobs, alloc;
	/* the worker pool */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next, merged;
	int abort;
};

/* Parses every job of `s` into s->bom, merging in list order. Jobs with `ve` set take their
 * contents from it; the others are read below s->rootfd. Returns CRK_OK or CRK_ENOMEM (a file
 * that cannot be read or parsed is a diagnostic in s->diags). */
int crk__scan_run_jobs(struct crk__scan *s, struct crk_err *err);

/* Container images (image.c). */
/* 1 when the regular file `path` is a tar archive (plain or compressed): scanned as an image. */
int crk__image_probe_file(const char *path);
/* 1 when the directory `rootfd` is an OCI image layout (an `oci-layout` file beside
 * `index.json`). */
int crk__image_probe_dir(int rootfd);
/* Scans the image at `path` (a `docker save` / OCI archive, or an OCI layout directory when
 * `rootfd` >= 0, which the call does not close). */
int crk__image_scan(struct crk_bom *bom, const char *path, int rootfd,
		    const struct crk_scan_opts *opts, struct crk_diags *diags,
		    struct crk_scan_stats *stats, struct crk_err *err);
/* The same for an archive held in memory (tests, fuzzing); `display` names it in messages. */
int crk__image_scan_buffer(struct crk_bom *bom, const char *display, const void *buf,
			   size_t len, const struct crk_scan_opts *opts, struct crk_diags *diags,
			   struct crk_scan_stats *stats, struct crk_err *err);

/* filehash.c: SHA-256 (out[0]) and SHA-512 (out[1]) of buf, lowercase hex in the arena;
 * CRK_ENOMEM. */
struct crk_hash;
int crk__file_hashes(struct crk_arena *a, const void *buf, size_t len, struct crk_hash out[2]);
/* Records the scanned image archive `path` as the BOM's root file (name, archive, hashes of
 * `mem` when the archive is in memory, else of the file read again). CRK_ENOMEM. */
int crk__image_root_file(struct crk_bom *bom, const char *path, const void *mem, size_t len);

#endif
