/* fswalk.c - see fswalk.h. */
#include <dirent.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fswalk.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "base/banned.h"

struct walk {
	const struct crk_walk_opts *opts;
	crk_walk_fn fn;
	void *ud;
	struct crk_diags *diags;
	struct crk_walk_stats *stats;
	struct crk_strbuf path;
	/* getdents buffer: used only while a directory is listed, before recursing */
	char dbuf[32768] __attribute__((aligned(8)));
};

struct ent {
	char *name;
	unsigned char type;
};

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

int crk_walk_excluded(const struct crk_walk_opts *opts, const char *relpath, const char *name)
{
	size_t i;
	if (!opts)
		return 0;
	for (i = 0; i < opts->nexcludes; i++) {
		const char *g = opts->excludes[i];
		if (fnmatch(g, relpath, 0) == 0 || fnmatch(g, name, 0) == 0)
			return 1;
	}
	return 0;
}

static void warn(struct walk *w, const char *path, const char *what)
{
	if (w->diags)
		crk_diags_addf(w->diags, CRK_EIO, path, 0, 0, "%s: %s", what, strerror(errno));
}

static int walk_dir(struct walk *w, int dfd, unsigned depth)
{
	struct ent *ents = NULL;
	size_t n = 0, alloc = 0, i, base = w->path.len;
	int rc = CRK_OK;

	/* getdents64 on the descriptor itself: fdopendir would add an fstat and fcntl per
	 * directory, which on a tree of thousands of directories is a third of the system calls */
	for (;;) {
		long got = syscall(SYS_getdents64, dfd, w->dbuf, sizeof(w->dbuf));
		long off = 0;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			warn(w, w->path.buf, "cannot read directory");
			break;
		}
		if (got == 0)
			break;
		while (off < got) {
			struct linux_dirent64 {
				uint64_t d_ino;
				int64_t d_off;
				unsigned short d_reclen;
				unsigned char d_type;
				char d_name[];
			} *de = (struct linux_dirent64 *)(w->dbuf + off);
			const char *nm = de->d_name;
			if (de->d_reclen == 0 || off + de->d_reclen > got)
				break; /* can't happen: the kernel fills whole records */
			off += de->d_reclen;
			if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
				continue;
			if (CRK_GROW(ents, alloc, n + 1)) {
				rc = CRK_ENOMEM;
				goto out;
			}
			ents[n].name = crk_strdup(nm);
			if (!ents[n].name) {
				rc = CRK_ENOMEM;
				goto out;
			}
			ents[n].type = de->d_type;
			n++;
		}
	}
	if (n > 1)
		qsort(ents, n, sizeof(*ents), cmp_ent);

	for (i = 0; i < n && rc == CRK_OK; i++) {
		struct crk_walk_entry e;
		unsigned char t = ents[i].type;
		const char *nm = ents[i].name;

		if (t == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(dfd, nm, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			t = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
				: S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
		}
		if (w->stats)
			w->stats->entries++;
		if (t == DT_LNK) {
			/* never followed: a link could lead out of the root, or round in a cycle */
			if (w->stats)
				w->stats->links++;
			continue;
		}
		if (t != DT_DIR && t != DT_REG)
			continue;

		w->path.len = base;
		if (base)
			crk_strbuf_addch(&w->path, '/');
		crk_strbuf_adds(&w->path, nm);
		if (!crk_strbuf_ok(&w->path)) {
			rc = CRK_ENOMEM;
			break;
		}
		if (t == DT_DIR && !(w->opts && w->opts->include_git) && strcmp(nm, ".git") == 0) {
			if (w->stats)
				w->stats->skipped++;
			continue;
		}
		if (crk_walk_excluded(w->opts, w->path.buf, nm)) {
			if (w->stats)
				w->stats->skipped++;
			continue;
		}
		e.dirfd = dfd;
		e.name = nm;
		e.relpath = w->path.buf;
		e.rellen = w->path.len;
		e.type = t == DT_DIR ? CRK_WALK_DIR : CRK_WALK_FILE;
		e.depth = depth;
		rc = w->fn(w->ud, &e);
		if (rc < 0)
			break;
		if (t == DT_DIR && rc != CRK_WALK_SKIP) {
			int sub;
			rc = CRK_OK;
			if (depth + 1 >= CRK_MAX_WALK_DEPTH) {
				if (w->diags)
					crk_diags_addf(w->diags, CRK_ELIMIT, w->path.buf, 0, 0,
						       "directory nesting deeper than %d: not entered",
						       CRK_MAX_WALK_DEPTH);
				continue;
			}
			sub = openat(dfd, nm,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0) {
				warn(w, w->path.buf, "cannot open directory");
				if (w->stats)
					w->stats->skipped++;
				continue;
			}
			if (w->stats)
				w->stats->dirs++;
			rc = walk_dir(w, sub, depth + 1);
		} else {
			rc = CRK_OK;
		}
	}
out:
	for (i = 0; i < n; i++)
		crk_free(ents[i].name);
	crk_free(ents);
	close(dfd);
	w->path.len = base;
	if (w->path.alloc)
		w->path.buf[base] = '\0';
	return rc;
}

int crk_walk(const char *root, const struct crk_walk_opts *opts, crk_walk_fn fn, void *ud,
	     struct crk_diags *diags, struct crk_walk_stats *stats, struct crk_err *err)
{
	struct walk w;
	int fd, rc;

	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return crk_err_set(err, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, root, 0, 0,
				   "cannot open directory: %s", strerror(errno));
	w.opts = opts;
	w.fn = fn;
	w.ud = ud;
	w.diags = diags;
	w.stats = stats;
	crk_strbuf_init(&w.path, CRK_MAX_PATH);
	rc = walk_dir(&w, fd, 0);
	crk_strbuf_release(&w.path);
	if (rc == CRK_ENOMEM)
		crk_err_set(err, rc, root, 0, 0, "out of memory while walking");
	return rc;
}
