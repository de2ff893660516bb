/*
 * dir.c - the scan driver: one walk over a directory (or one file), each file dispatched to its
 * detector by name, read whole once, parsed with a scratch arena that is reset between files.
 * A file a detector rejects becomes a diagnostic and the walk goes on (DESIGN.md §8).
 * A root filesystem is a directory like any other: its etc/os-release (or usr/lib/os-release)
 * names the distribution for OS package purls.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/fileio.h"
#include "base/fswalk.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/sbom.h"
#include "detect/detect.h"
#include "base/banned.h"

int crk_os_release_parse(struct crk_bom *bom, const char *buf, size_t len, struct crk_err *err)
{
	struct crk_bom_meta *m = crk_bom_meta(bom);
	struct crk_line_iter it;
	const char *line;
	size_t n;

	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		const char *eq = memchr(line, '=', n), *v;
		const char **field = NULL;
		size_t vn;
		char *val;
		crk_bytes_trim(&line, &n);
		if (!n || line[0] == '#' || !eq)
			continue;
		if (crk_bytes_prefix(line, n, "ID="))
			field = &m->os_id;
		else if (crk_bytes_prefix(line, n, "VERSION_ID="))
			field = &m->os_version;
		else if (crk_bytes_prefix(line, n, "VERSION_CODENAME="))
			field = &m->os_codename;
		else
			continue;
		v = eq + 1;
		vn = n - (size_t)(v - line);
		if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
			v++;
			vn -= 2;
		}
		val = crk_bom_strndup(bom, v, vn);
		if (!val)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		*field = val;
	}
	return CRK_OK;
}

const char *crk_sbom_detector_for(const char *parse_as)
{
	const char *name = strrchr(parse_as, '/');
	const struct crk_detector *d;
	name = name ? name + 1 : parse_as;
	d = crk_detect_find(parse_as, strlen(parse_as), name);
	return d ? d->name : NULL;
}

static int run_detector(const struct crk_detector *d, struct crk_bom *bom, const char *relpath,
			const char *name, int rootfd, const char *buf, size_t len,
			struct crk_arena *scratch, struct crk_diags *diags, unsigned flags,
			struct crk_err *err)
{
	struct crk_detect_ctx ctx;
	const char *slash = strrchr(relpath, '/');
	int rc;

	memset(&ctx, 0, sizeof(ctx));
	ctx.bom = bom;
	ctx.path = relpath;
	ctx.name = name;
	ctx.buf = buf;
	ctx.len = len;
	ctx.diags = diags;
	ctx.arena = scratch;
	ctx.rootfd = rootfd;
	ctx.flags = flags;
	ctx.dir = slash ? crk_arena_strndup(scratch, relpath, (size_t)(slash - relpath)) : "";
	if (!ctx.dir)
		return crk_err_set(err, CRK_ENOMEM, relpath, 0, 0, "out of memory");
	crk_err_clear(err);
	rc = d->parse(&ctx, err);
	if (rc && err && !err->path[0])
		crk_err_set(err, rc, relpath, err->line, err->col, "%s", err->msg);
	return rc;
}

int crk_sbom_parse_file(struct crk_bom *bom, const char *parse_as, const char *display_path,
			const char *dir, const char *buf, size_t len, struct crk_diags *diags,
			struct crk_err *err)
{
	const char *name = strrchr(parse_as, '/');
	const struct crk_detector *d;
	struct crk_arena scratch;
	int rootfd = -1, rc;
	(void)display_path;

	name = name ? name + 1 : parse_as;
	d = crk_detect_find(parse_as, strlen(parse_as), name);
	if (!d)
		return crk_err_set(err, CRK_ENOTFOUND, display_path, 0, 0,
				   "no detector reads files named '%s'", parse_as);
	if (dir) {
		rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (rootfd < 0)
			return crk_err_set(err, CRK_EIO, dir, 0, 0, "cannot open directory: %s",
					   strerror(errno));
	}
	crk_arena_init(&scratch);
	/* Siblings resolve relative to `dir`, so the file is treated as if it stood at the root
	 * under its own base name; it is reported under parse_as. */
	{
		struct crk_detect_ctx ctx;
		memset(&ctx, 0, sizeof(ctx));
		ctx.bom = bom;
		ctx.path = parse_as;
		ctx.name = name;
		ctx.buf = buf;
		ctx.len = len;
		ctx.diags = diags;
		ctx.arena = &scratch;
		ctx.rootfd = rootfd;
		ctx.dir = "";
		crk_err_clear(err);
		rc = d->parse(&ctx, err);
	}
	crk_arena_release(&scratch);
	if (rootfd >= 0)
		close(rootfd);
	return rc;
}

struct scan {
	struct crk_bom *bom;
	const struct crk_scan_opts *opts;
	struct crk_diags *diags;
	struct crk_scan_stats *stats;
	struct crk_arena scratch;
	int rootfd;
	size_t lockfiles;
};

static int on_entry(void *ud, const struct crk_walk_entry *e)
{
	struct scan *s = ud;
	const struct crk_detector *d;
	struct crk_err err;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	s->stats->files_seen++;
	if (s->opts && s->opts->progress && (s->stats->files_seen & 1023) == 0)
		s->opts->progress(s->opts->progress_ud, s->stats->files_seen, s->lockfiles,
				  crk_bom_count(s->bom));
	if (e->type != CRK_WALK_FILE)
		return 0;
	d = crk_detect_find(e->relpath, e->rellen, e->name);
	if (!d)
		return 0;
	rc = crk_read_fileat(e->dirfd, e->name, e->relpath, d->max_size ? d->max_size
			     : CRK_MAX_FILE_SIZE, &buf, &len, &err);
	if (rc == CRK_ENOMEM)
		return rc;
	if (rc) {
		crk_diags_add(s->diags, &err);
		s->stats->files_failed++;
		return 0;
	}
	s->stats->files_parsed++;
	s->lockfiles++;
	rc = run_detector(d, s->bom, e->relpath, e->name, s->rootfd, buf, len, &s->scratch,
			  s->diags, s->opts ? s->opts->flags : 0, &err);
	crk_free(buf);
	crk_arena_release(&s->scratch);
	if (rc == CRK_ENOMEM)
		return rc;
	if (rc) {
		crk_diags_add(s->diags, &err);
		s->stats->files_failed++;
	}
	return 0;
}

static void read_os_release(struct crk_bom *bom, int rootfd)
{
	static const char *const where[] = {"etc/os-release", "usr/lib/os-release"};
	size_t i;
	if (crk_bom_meta(bom)->os_id)
		return;
	for (i = 0; i < 2; i++) {
		char *buf;
		size_t len;
		struct crk_err err;
		int fd = openat(rootfd, where[i], O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		if (crk_read_fd(fd, where[i], 64 << 10, &buf, &len, &err) == CRK_OK) {
			crk_os_release_parse(bom, buf, len, &err);
			crk_free(buf);
		}
		close(fd);
		if (crk_bom_meta(bom)->os_id)
			return;
	}
}

static int scan_one_file(struct crk_bom *bom, const char *path, const struct crk_scan_opts *opts,
			 struct crk_diags *diags, struct crk_scan_stats *stats,
			 struct crk_err *err)
{
	const char *name = strrchr(path, '/');
	const struct crk_detector *d;
	struct crk_arena scratch;
	char *buf = NULL;
	size_t len, i;
	int rc;

	name = name ? name + 1 : path;
	d = crk_detect_find(name, strlen(name), name);
	if (!d) {
		/* a single file may be a binary: try the detectors that read executables */
		for (i = 0; crk_detectors[i]; i++)
			if (crk_detectors[i]->flags & CRK_DETECT_BINARY) {
				d = crk_detectors[i];
				break;
			}
	}
	if (!d) {
		crk_err_set(err, CRK_ENOTFOUND, path, 0, 0, "no detector reads files named '%s'",
			    name);
		crk_err_hint(err, "give a lockfile, a manifest, a binary, or a directory; "
				  "'crakit sbom --list-detectors' names every file crakit reads");
		return CRK_ENOTFOUND;
	}
	rc = crk_read_file(path, d->max_size ? d->max_size : CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc)
		return rc;
	stats->files_seen = 1;
	stats->files_parsed = 1;
	crk_arena_init(&scratch);
	{
		/* siblings are read from the file's own directory */
		struct crk_strbuf dir = CRK_STRBUF_INIT(0);
		int rootfd;
		if (name != path)
			crk_strbuf_add(&dir, path, (size_t)(name - path));
		else
			crk_strbuf_adds(&dir, ".");
		rootfd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		crk_strbuf_release(&dir);
		rc = run_detector(d, bom, name, name, rootfd, buf, len, &scratch, diags,
				  opts ? opts->flags : 0, err);
		if (rootfd >= 0)
			close(rootfd);
	}
	crk_arena_release(&scratch);
	crk_free(buf);
	if (rc && rc != CRK_ENOMEM) {
		crk_diags_add(diags, err);
		stats->files_failed = 1;
		rc = CRK_OK;
	}
	return rc;
}

int crk_sbom_scan(struct crk_bom *bom, const char *path, const struct crk_scan_opts *opts,
		  struct crk_diags *diags, struct crk_scan_stats *stats, struct crk_err *err)
{
	struct crk_scan_stats local;
	struct crk_walk_opts wo;
	struct crk_walk_stats ws;
	struct scan s;
	struct stat st;
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (stat(path, &st) != 0)
		return crk_err_set(err, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, path, 0, 0,
				   "cannot read: %s", strerror(errno));
	if (!crk_bom_meta(bom)->source)
		crk_bom_set_str(bom, &crk_bom_meta(bom)->source, path);
	if (S_ISREG(st.st_mode))
		return scan_one_file(bom, path, opts, diags, stats, err);
	if (!S_ISDIR(st.st_mode))
		return crk_err_set(err, CRK_EIO, path, 0, 0, "not a file or directory");

	memset(&s, 0, sizeof(s));
	s.bom = bom;
	s.opts = opts;
	s.diags = diags;
	s.stats = stats;
	crk_arena_init(&s.scratch);
	s.rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s.rootfd < 0)
		return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot open directory: %s",
				   strerror(errno));
	read_os_release(bom, s.rootfd);
	memset(&wo, 0, sizeof(wo));
	memset(&ws, 0, sizeof(ws));
	if (opts) {
		wo.excludes = opts->excludes;
		wo.nexcludes = opts->nexcludes;
	}
	rc = crk_walk(path, &wo, on_entry, &s, diags, &ws, err);
	stats->dirs_skipped = ws.skipped;
	crk_arena_release(&s.scratch);
	close(s.rootfd);
	if (rc == CRK_ENOMEM)
		crk_err_set(err, rc, path, 0, 0, "out of memory while scanning");
	if (opts && opts->progress)
		opts->progress(opts->progress_ud, stats->files_seen, s.lockfiles, crk_bom_count(bom));
	return rc;
}
