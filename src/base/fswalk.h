/*
 * fswalk.h - one pass over a directory tree (DESIGN.md §7): openat/fdopendir, d_type instead of
 * stat where it answers, `.git` skipped, `--exclude` globs honoured, symbolic links never followed
 * (so a walk cannot leave its root through one), nesting capped at CRK_MAX_WALK_DEPTH.
 * Entries of a directory are visited in name order, so a walk is deterministic.
 */
#ifndef CRK_BASE_FSWALK_H
#define CRK_BASE_FSWALK_H

#include <stddef.h>

#include "crakit/err.h"

enum crk_walk_type { CRK_WALK_FILE = 1, CRK_WALK_DIR = 2 };

struct crk_walk_entry {
	int dirfd;            /* open directory holding the entry (valid during the callback) */
	const char *name;     /* base name */
	const char *relpath;  /* path relative to the root, '/'-separated, no leading "./" */
	size_t rellen;
	enum crk_walk_type type;
	unsigned depth;       /* 0 for entries of the root */
};

/* Return 0 to go on, CRK_WALK_SKIP to not descend into a directory, a negative status to stop. */
#define CRK_WALK_SKIP 1
typedef int (*crk_walk_fn)(void *ud, const struct crk_walk_entry *e);

struct crk_walk_opts {
	const char *const *excludes; /* fnmatch globs, tested on relpath and on the base name */
	size_t nexcludes;
	int include_git; /* descend into .git directories too (default: skip) */
};

struct crk_walk_stats {
	size_t entries, dirs, skipped, links;
};

/* Walks the directory `root`. Unreadable directories become warnings in `diags` (may be NULL).
 * Returns CRK_OK, the first negative status a callback returned, or CRK_EIO / CRK_ENOTFOUND
 * when `root` itself cannot be opened. `stats` may be NULL. */
int crk_walk(const char *root, const struct crk_walk_opts *opts, crk_walk_fn fn, void *ud,
	     struct crk_diags *diags, struct crk_walk_stats *stats, struct crk_err *err);

/* 1 if `relpath` (or its base name) matches one of the globs. */
int crk_walk_excluded(const struct crk_walk_opts *opts, const char *relpath, const char *name);

#endif
