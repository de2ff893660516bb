/*
 * dir.c - the scan driver: one walk over a directory (or one file), each file dispatched to its
 * detector by name, read whole once, parsed with a scratch arena that is reset between files.
 * A file a detector rejects becomes a diagnostic and the walk goes on (DESIGN.md §8).
 * A root filesystem is a directory like any other: its etc/os-release (or usr/lib/os-release)
 * names the distribution for OS package purls.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
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
#include "source/scan.h"
#include "source/vfs.h"
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
			const char *name, int rootfd, const struct crk_vfs *vfs, const char *layer,
			const char *buf, size_t len, struct crk_arena *scratch,
			struct crk_diags *diags, unsigned flags, struct crk_err *err)
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
	ctx.vfs = vfs;
	ctx.layer = layer;
	ctx.flags = flags;
	ctx.detector = d->name;
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
		ctx.detector = d->name;
		crk_err_clear(err);
		rc = d->parse(&ctx, err);
	}
	crk_arena_release(&scratch);
	if (rootfd >= 0)
		close(rootfd);
	return rc;
}

/*
 * A directory scan runs in two phases. The walk (one thread) only collects the files some
 * detector takes, in walk order. Then worker threads read and parse those files, each into a
 * BOM of its own, while this thread merges the finished ones into the result strictly in walk
 * order — so the output is the same whatever the number of threads or their timing. At most
 * WINDOW files are in flight ahead of the merge, which bounds memory.
 */
#define WINDOW 64
#define MAX_THREADS 8

/* struct crk__job, struct crk__osrel and struct crk__scan are in scan.h: image.c runs its files
 * through the same jobs. */

static int note_os_release(struct crk__scan *s, const struct crk_walk_entry *e)
{
	static const char *const suffixes[] = {"etc/os-release", "usr/lib/os-release"};
	struct crk__osrel *o;
	struct crk_err err;
	size_t i, plen;
	char *buf;
	size_t len;
	int rc;

	for (i = 0; i < 2; i++) {
		size_t sl = strlen(suffixes[i]);
		if (e->rellen >= sl && strcmp(e->relpath + e->rellen - sl, suffixes[i]) == 0 &&
		    (e->rellen == sl || e->relpath[e->rellen - sl - 1] == '/'))
			break;
	}
	if (i == 2)
		return 0;
	plen = e->rellen - strlen(suffixes[i]);
	for (i = 0; i < s->nos; i++)
		if (strlen(s->os[i].prefix) == plen && memcmp(s->os[i].prefix, e->relpath, plen) == 0)
			return 0; /* etc/os-release came first and wins */
	rc = crk_read_fileat(e->dirfd, e->name, e->relpath, 64 << 10, &buf, &len, &err);
	if (rc == CRK_ENOMEM)
		return rc;
	if (rc) {
		crk_diags_add(s->diags, &err);
		return 0;
	}
	if (CRK_GROW(s->os, s->osalloc, s->nos + 1)) {
		crk_free(buf);
		return CRK_ENOMEM;
	}
	o = &s->os[s->nos];
	o->prefix = crk_strndup(e->relpath, plen);
	o->meta = crk_bom_new();
	if (!o->prefix || !o->meta) {
		crk_free(o->prefix);
		crk_bom_free(o->meta);
		crk_free(buf);
		return CRK_ENOMEM;
	}
	s->nos++;
	rc = crk_os_release_parse(o->meta, buf, len, &err);
	crk_free(buf);
	return rc == CRK_ENOMEM ? rc : 0;
}

/* The metadata giving the distribution of a file: the os-release of the innermost root
 * filesystem holding it, else the scanned root's own. */
static const struct crk_bom_meta *os_for(struct crk__scan *s, const char *relpath)
{
	const struct crk_bom_meta *best = crk_bom_meta(s->bom);
	size_t i, bestlen = 0;
	int found = 0;
	for (i = 0; i < s->nos; i++) {
		size_t pl = strlen(s->os[i].prefix);
		if (strncmp(relpath, s->os[i].prefix, pl) == 0 && (!found || pl > bestlen)) {
			best = crk_bom_meta(s->os[i].meta);
			bestlen = pl;
			found = 1;
		}
	}
	return best;
}

static int on_entry(void *ud, const struct crk_walk_entry *e)
{
	struct crk__scan *s = ud;
	const struct crk_detector *d;

	s->stats->files_seen++;
	if (s->opts && s->opts->progress && (s->stats->files_seen & 1023) == 0)
		s->opts->progress(s->opts->progress_ud, s->stats->files_seen, s->njobs, 0);
	if (e->type != CRK_WALK_FILE)
		return 0;
	if (strcmp(e->name, "os-release") == 0)
		return note_os_release(s, e);
	d = crk_detect_find(e->relpath, e->rellen, e->name);
	if (!d)
		return 0;
	if (CRK_GROW(s->jobs, s->alloc, s->njobs + 1))
		return CRK_ENOMEM;
	memset(&s->jobs[s->njobs], 0, sizeof(s->jobs[0]));
	s->jobs[s->njobs].relpath = crk_strndup(e->relpath, e->rellen);
	if (!s->jobs[s->njobs].relpath)
		return CRK_ENOMEM;
	s->jobs[s->njobs].d = d;
	crk_diags_init(&s->jobs[s->njobs].diags);
	s->njobs++;
	return 0;
}

/* Binary detectors are offered many files by path alone (anything in bin/): look at the magic
 * number and the size before reading a whole file. ELF, PE ("MZ") and Mach-O (both byte
 * orders, 32/64-bit, and fat binaries). */
static int looks_executable(int fd, const struct crk_detector *d)
{
	unsigned char m[4];
	struct stat st;
	size_t max = d->max_size ? d->max_size : CRK_MAX_BINARY_SIZE;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max)
		return 0;
	if (pread(fd, m, 4, 0) != 4)
		return 0;
	return crk_vfs_looks_executable(m);
}

/*
 * What the scan learns about the components of one file, from the bytes it read anyway (no
 * second read): BSI TR-03183-2 v2.1 §5.2.2 wants, for a component that is itself a deployable
 * file, its file name, its SHA-512 (crakit adds SHA-256, what most tools compare) and whether
 * it is executable, an archive, structured. A file is deployable when a binary detector read it
 * (executables, shared libraries) or it is a Java or Python archive; its own components are the
 * ones the detector made direct dependencies of the product (a jar's own coordinates, a Go
 * binary's main module, a Rust binary's root crate: for a binary, its one root with
 * dependencies; not the modules linked into it), else, for an archive, the one component it
 * gave (a wheel). A binary detector that identifies the file itself (a shared object that is a
 * library) makes that component the file's one root to have it hashed.
 * Archives nested in it (a jar in a war) keep the hashes the detector computed and get their
 * entry's name. A detector whose format lists every package's dependencies (CRK_DETECT_GRAPH)
 * settles the completeness of those lists.
 */
static const char *const deployable_suffixes[] = {
	".jar", ".war", ".ear", ".aar", ".par", ".sar", ".nar", ".kar", ".jpi", ".hpi", ".lpkg",
	".whl", ".egg", NULL,
};

static int is_deployable(const struct crk_detector *d, const char *name)
{
	size_t i, n = strlen(name);
	if (d->flags & CRK_DETECT_BINARY)
		return 1;
	for (i = 0; deployable_suffixes[i]; i++) {
		size_t k = strlen(deployable_suffixes[i]);
		if (n > k && strcasecmp(name + n - k, deployable_suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

/* The kind of a file from its first bytes (enum crk_file_kind), 0 when unknown. */
static unsigned kind_of(const unsigned char *b, size_t len)
{
	if (len >= 4 && crk_vfs_looks_executable(b))
		return CRK_FILE_KNOWN | CRK_FILE_EXECUTABLE; /* statically linked: unstructured */
	if (len >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4)
		return CRK_FILE_KNOWN | CRK_FILE_ARCHIVE | CRK_FILE_STRUCTURED; /* zip: its entries */
	return 0;
}

static const char *prop_of(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

static int has_alg(const struct crk_component *c, const char *alg)
{
	size_t i;
	for (i = 0; i < c->nhashes; i++)
		if (strcmp(c->hashes[i].alg, alg) == 0)
			return 1;
	return 0;
}

/* Fills in the file facts of a finished per-file BOM (see above). CRK_OK or CRK_ENOMEM. */
static int note_file(struct crk_bom *bom, const struct crk_detector *d, const char *relpath,
		     const char *name, const char *buf, size_t len, struct crk_arena *scratch)
{
	struct crk_hash h[2];
	const size_t *roots;
	size_t i, nroots, n = crk_bom_count(bom);
	unsigned kind;
	int hashed = 0, rc;

	if (d->flags & CRK_DETECT_GRAPH)
		for (i = 0; i < n; i++)
			if (crk_bom_set_completeness(bom, i, CRK_DEPS_COMPLETE))
				return CRK_ENOMEM;
	if (!n || !is_deployable(d, name))
		return CRK_OK;
	kind = kind_of((const unsigned char *)buf, len);
	roots = crk_bom_roots(bom, &nroots);
	for (i = 0; i < (nroots ? nroots : 1); i++) {
		size_t id = nroots ? roots[i] : 0;
		const struct crk_component *c = crk_bom_get(bom, id);
		/* without roots, the one component of an archive (a wheel) is the file; a binary's is
		 * its one root that the rest hangs off (a Go main module, a Rust root crate): a lone
		 * component, or roots without a main, are modules linked into it, unless the
		 * detector says the component is the file (CRK_PKG_IS_FILE: libcrypto.so.3) */
		if (!c || (!nroots && (n != 1 || (d->flags & CRK_DETECT_BINARY))) ||
		    ((d->flags & CRK_DETECT_BINARY) && !(c->flags & CRK_PKG_IS_FILE) &&
		     (nroots != 1 || !c->ndeps)) || !c->nocc ||
		    strcmp(c->occ[0].path, relpath) != 0 ||
		    prop_of(c, "archive_entry"))
			continue;
		if (has_alg(c, "SHA-256") && has_alg(c, "SHA-512")) {
			/* the detector hashed these very bytes (a jar): no second pass */
			rc = crk_bom_set_file(bom, id, name, kind, NULL, 0);
			if (rc)
				return rc;
			continue;
		}
		if (!hashed) {
			if (crk__file_hashes(scratch, buf, len, h))
				return CRK_ENOMEM;
			hashed = 1;
		}
		rc = crk_bom_set_file(bom, id, name, kind, h, 2);
		if (rc)
			return rc;
	}
	for (i = 0; i < n; i++) {
		/* archives inside (a jar in a war): the detector hashed their bytes */
		const struct crk_component *c = crk_bom_get(bom, i);
		const char *entry = prop_of(c, "archive_entry"), *base;
		if (!entry)
			continue;
		base = strrchr(entry, '/');
		base = base ? base + 1 : entry;
		rc = crk_bom_set_file(bom, i, base,
				      CRK_FILE_KNOWN | CRK_FILE_ARCHIVE | CRK_FILE_STRUCTURED, NULL, 0);
		if (rc)
			return rc;
	}
	return CRK_OK;
}

/* Reads and parses one file into `bom`. Returns CRK_ENOMEM only; other failures are recorded
 * in the job's diagnostics. */
static int run_job(struct crk__scan *s, struct crk__job *j, struct crk_bom *bom,
		   struct crk_arena *scratch)
{
	const char *name = strrchr(j->relpath, '/');
	struct crk_err err;
	char *buf = NULL;
	size_t len = 0;
	int fd, rc;

	name = name ? name + 1 : j->relpath;
	if (j->ve) {
		/* an image's file: the image reader kept its contents (vfs.h) */
		j->parsed = 1;
		rc = run_detector(j->d, bom, j->relpath, name, -1, s->vfs, j->layer, j->ve->data,
				  j->ve->len, scratch, &j->diags, s->opts ? s->opts->flags : 0, &err);
		if (rc == CRK_OK && note_file(bom, j->d, j->relpath, name, j->ve->data, j->ve->len,
					      scratch))
			rc = CRK_ENOMEM;
		goto parsed;
	}
	fd = crk_open_beneath(s->rootfd, j->relpath);
	if (fd < 0) {
		crk_diags_addf(&j->diags, CRK_EIO, j->relpath, 0, 0, "cannot open: %s",
			       strerror(errno));
		j->failed = 1;
		return CRK_OK;
	}
	if ((j->d->flags & CRK_DETECT_BINARY) && !looks_executable(fd, j->d)) {
		close(fd); /* not a binary of a format we read, or too big to be one: not ours */
		return CRK_OK;
	}
	rc = crk_read_fd(fd, j->relpath, j->d->max_size ? j->d->max_size : CRK_MAX_FILE_SIZE,
			 &buf, &len, &err);
	close(fd);
	if (rc == CRK_ENOMEM)
		return rc;
	if (rc) {
		crk_diags_add(&j->diags, &err);
		j->failed = 1;
		return CRK_OK;
	}
	j->parsed = 1;
	rc = run_detector(j->d, bom, j->relpath, name, s->rootfd, NULL, NULL, buf, len, scratch,
			  &j->diags, s->opts ? s->opts->flags : 0, &err);
	if (rc == CRK_OK && note_file(bom, j->d, j->relpath, name, buf, len, scratch))
		rc = CRK_ENOMEM;
	crk_free(buf);
parsed:
	crk_arena_release(scratch);
	if (rc == CRK_ENOMEM)
		return rc;
	if (rc) {
		crk_diags_add(&j->diags, &err);
		j->failed = 1;
	}
	return CRK_OK;
}

static struct crk_bom *job_bom(struct crk__scan *s, const struct crk__job *j)
{
	const struct crk_bom_meta *m = os_for(s, j->relpath);
	struct crk_bom *b = crk_bom_new();
	if (!b)
		return NULL;
	/* detectors of OS packages read the distribution from the metadata */
	if (crk_bom_set_str(b, &crk_bom_meta(b)->os_id, m->os_id) ||
	    crk_bom_set_str(b, &crk_bom_meta(b)->os_version, m->os_version) ||
	    crk_bom_set_str(b, &crk_bom_meta(b)->os_codename, m->os_codename)) {
		crk_bom_free(b);
		return NULL;
	}
	return b;
}

static void *worker(void *arg)
{
	struct crk__scan *s = arg;
	struct crk_arena scratch;
	crk_arena_init(&scratch);
	for (;;) {
		struct crk__job *j;
		size_t i;
		int rc;
		pthread_mutex_lock(&s->mu);
		while (!s->abort && s->next < s->njobs && s->next >= s->merged + WINDOW)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->abort || s->next >= s->njobs) {
			pthread_mutex_unlock(&s->mu);
			break;
		}
		i = s->next++;
		pthread_mutex_unlock(&s->mu);

		j = &s->jobs[i];
		j->bom = job_bom(s, j);
		rc = j->bom ? run_job(s, j, j->bom, &scratch) : CRK_ENOMEM;
		pthread_mutex_lock(&s->mu);
		j->rc = rc;
		j->done = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	crk_arena_release(&scratch);
	return NULL;
}

static void finish_job(struct crk__scan *s, struct crk__job *j)
{
	size_t k;
	for (k = 0; k < j->diags.n; k++)
		crk_diags_add(s->diags, &j->diags.v[k]);
	s->diags->dropped += j->diags.dropped;
	crk_diags_release(&j->diags);
	s->stats->files_parsed += (size_t)j->parsed;
	s->stats->files_failed += (size_t)j->failed;
}

static int scan_threads(void)
{
	const char *env = getenv("CRAKIT_THREADS");
	long n;
	if (env && *env) {
		n = strtol(env, NULL, 10);
		return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* Parses the collected files into s->bom; returns CRK_ENOMEM or CRK_OK. */
int crk__scan_run_jobs(struct crk__scan *s, struct crk_err *err)
{
	pthread_t th[MAX_THREADS];
	int nth = scan_threads(), started = 0, rc = CRK_OK, t;
	size_t i;

	if (nth == 1 || s->njobs < 2) {
		struct crk_arena scratch;
		crk_arena_init(&scratch);
		for (i = 0; i < s->njobs && rc == CRK_OK; i++) {
			struct crk__job *j = &s->jobs[i];
			j->bom = job_bom(s, j);
			rc = j->bom ? run_job(s, j, j->bom, &scratch) : CRK_ENOMEM;
			if (rc == CRK_OK)
				rc = crk_bom_merge(s->bom, j->bom, err);
			crk_bom_free(j->bom);
			j->bom = NULL;
			finish_job(s, j);
			if (s->opts && s->opts->progress)
				s->opts->progress(s->opts->progress_ud, s->stats->files_seen, i + 1,
						  crk_bom_count(s->bom));
		}
		crk_arena_release(&scratch);
		goto out;
	}
	if ((size_t)nth > s->njobs)
		nth = (int)s->njobs;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	for (t = 0; t < nth; t++) {
		if (pthread_create(&th[t], NULL, worker, s) != 0)
			break;
		started++;
	}
	if (!started) {
		rc = CRK_ENOMEM;
	} else {
		for (i = 0; i < s->njobs; i++) {
			struct crk__job *j = &s->jobs[i];
			pthread_mutex_lock(&s->mu);
			while (!j->done)
				pthread_cond_wait(&s->cv, &s->mu);
			pthread_mutex_unlock(&s->mu);
			if (j->rc == CRK_OK && j->bom)
				rc = crk_bom_merge(s->bom, j->bom, err);
			else
				rc = j->rc ? j->rc : CRK_ENOMEM;
			crk_bom_free(j->bom);
			j->bom = NULL;
			finish_job(s, j);
			pthread_mutex_lock(&s->mu);
			s->merged = i + 1;
			if (rc)
				s->abort = 1;
			pthread_cond_broadcast(&s->cv);
			pthread_mutex_unlock(&s->mu);
			if (rc)
				break;
			if (s->opts && s->opts->progress)
				s->opts->progress(s->opts->progress_ud, s->stats->files_seen, i + 1,
						  crk_bom_count(s->bom));
		}
	}
	for (t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	/* jobs finished after an abort still own their BOMs */
	for (i = 0; i < s->njobs; i++) {
		crk_bom_free(s->jobs[i].bom);
		s->jobs[i].bom = NULL;
		crk_diags_release(&s->jobs[i].diags);
	}
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
out:
	if (rc == CRK_ENOMEM)
		crk_err_set(err, rc, NULL, 0, 0, "out of memory while parsing");
	return rc;
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
	/* the path as given: detectors that match on directories (gradle/verification-metadata.xml,
	 * var/lib/dpkg/status) see them */
	d = crk_detect_find(path, strlen(path), name);
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
		rc = run_detector(d, bom, name, name, rootfd, NULL, NULL, buf, len, &scratch,
				  diags, opts ? opts->flags : 0, err);
		if (rc == CRK_OK && note_file(bom, d, name, name, buf, len, &scratch))
			rc = CRK_ENOMEM;
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
	struct crk__scan s;
	struct stat st;
	size_t i;
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (stat(path, &st) != 0)
		return crk_err_set(err, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, path, 0, 0,
				   "cannot read: %s", strerror(errno));
	if (!crk_bom_meta(bom)->source)
		crk_bom_set_str(bom, &crk_bom_meta(bom)->source, path);
	if (S_ISREG(st.st_mode)) {
		/* a file no detector takes by name may be a container image (docker save) */
		const char *name = strrchr(path, '/');
		name = name ? name + 1 : path;
		if (!crk_detect_find(name, strlen(name), name) && crk__image_probe_file(path))
			return crk__image_scan(bom, path, -1, opts, diags, stats, err);
		return scan_one_file(bom, path, opts, diags, stats, err);
	}
	if (!S_ISDIR(st.st_mode))
		return crk_err_set(err, CRK_EIO, path, 0, 0, "not a file or directory");

	memset(&s, 0, sizeof(s));
	s.bom = bom;
	s.opts = opts;
	s.diags = diags;
	s.stats = stats;
	s.rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s.rootfd < 0)
		return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot open directory: %s",
				   strerror(errno));
	if (crk__image_probe_dir(s.rootfd)) {
		/* an OCI image layout: its layers are scanned, not its blob files */
		rc = crk__image_scan(bom, path, s.rootfd, opts, diags, stats, err);
		close(s.rootfd);
		return rc;
	}
	read_os_release(bom, s.rootfd);
	memset(&wo, 0, sizeof(wo));
	memset(&ws, 0, sizeof(ws));
	if (opts) {
		wo.excludes = opts->excludes;
		wo.nexcludes = opts->nexcludes;
	}
	rc = crk_walk(path, &wo, on_entry, &s, diags, &ws, err);
	stats->dirs_skipped = ws.skipped;
	if (rc == CRK_OK)
		rc = crk__scan_run_jobs(&s, err);
	for (i = 0; i < s.njobs; i++)
		crk_free(s.jobs[i].relpath);
	crk_free(s.jobs);
	for (i = 0; i < s.nos; i++) {
		crk_free(s.os[i].prefix);
		crk_bom_free(s.os[i].meta);
	}
	crk_free(s.os);
	close(s.rootfd);
	if (rc == CRK_ENOMEM)
		crk_err_set(err, rc, path, 0, 0, "out of memory while scanning");
	if (opts && opts->progress)
		opts->progress(opts->progress_ud, stats->files_seen, s.njobs, crk_bom_count(bom));
	return rc;
}
