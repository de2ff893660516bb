/*
 * update.c - `crakit db update`: downloads the sources from their public locations and imports
 * them (include/crakit/vulndb.h, crk_vulndb_update).
 *
 *   OSV   https://osv-vulnerabilities.storage.googleapis.com/<ECOSYSTEM>/all.zip  (osv.dev's
 *         GCS bucket: one zip per ecosystem, https://google.github.io/osv.dev/data/)
 *   KEV   https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json
 *   EPSS  https://epss.empiricalsecurity.com/epss_scores-current.csv.gz (FIRST's daily file;
 *         formerly epss.cyentia.com)
 *
 * Per source, with libcurl:
 *   - conditional request: the ETag (If-None-Match) and the server's file time
 *     (If-Modified-Since) of the last download that was imported, kept in the store's
 *     `download` table; 304 (or an unmet time condition for file://) means the store is current;
 *   - resume: the download goes to <cache>/<name>.part; a later run continues it with a Range
 *     request guarded by If-Range (the ETag or time the partial file was started with, kept in
 *     <name>.part.v); a server that answers 200 instead of 206 starts the file over;
 *   - caps: CRK_VULNDB_MAX_DOWNLOAD (or opts->max_bytes) on the announced and the received size;
 *   - verification before commit: the file is imported in its own transaction, which reads the
 *     whole zip (CRC of every member, central directory), or parses the whole KEV/EPSS file;
 *     any failure rolls the transaction back and the validators are not stored, so the next run
 *     downloads again. The validators are written in the same transaction as the data.
 * The completed file is removed after a successful import (the store holds the data).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/progress.h"
#include "base/strbuf.h"
#include "vulndb/curl_dl.h"
#include "vulndb/update_impl.h"
#include "vulndb/vulndb_impl.h"
#include "base/banned.h"

/* libcurl, loaded by crk_vulndb_update() before anything here runs (curl_dl.h) */
#define cu (crk_curl_load(NULL, 0))

#define OSV_BASE "https://osv-vulnerabilities.storage.googleapis.com"
#define KEV_URL "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
#define EPSS_URL "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"

/* ---- validators (pure helpers, unit-tested) ---- */

int crk_update__header_value(const char *line, size_t n, const char *name, char *out,
			     size_t outsize)
{
	size_t kl = strlen(name), i, e;
	if (n <= kl || strncasecmp(line, name, kl) != 0 || line[kl] != ':')
		return 0;
	for (i = kl + 1; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	for (e = n; e > i && (line[e - 1] == '\r' || line[e - 1] == '\n' || line[e - 1] == ' ' ||
			      line[e - 1] == '\t');
	     e--)
		;
	if (e - i + 1 > outsize)
		return 0;
	memcpy(out, line + i, e - i);
	out[e - i] = '\0';
	return 1;
}

int crk_update__plan(const struct crk_update_state *st, struct crk_update_plan *p)
{
	memset(p, 0, sizeof(*p));
	if (st->part_size > 0 && (st->part_etag[0] || st->part_time > 0)) {
		/* resume only what we can prove is the same file (If-Range) */
		p->resume_from = st->part_size;
		if (st->part_etag[0])
			crk_str_copy(p->if_range, sizeof(p->if_range), st->part_etag);
		else
			p->if_range_time = st->part_time;
		return 0;
	}
	p->truncate_part = st->part_size > 0;
	if (st->etag[0])
		crk_str_copy(p->if_none_match, sizeof(p->if_none_match), st->etag);
	p->if_modified_since = st->filetime > 0 ? st->filetime : 0;
	return 0;
}

int crk_update__outcome(const struct crk_update_plan *p, long code, int condition_unmet)
{
	if (code == 304 || condition_unmet)
		return CRK_UPDATE_NOT_MODIFIED;
	if (code == 206)
		return p->resume_from > 0 ? CRK_UPDATE_RESUMED : CRK_UPDATE_FAILED;
	if (code == 0) /* file:// has no status: the range was honoured */
		return p->resume_from > 0 ? CRK_UPDATE_RESUMED : CRK_UPDATE_FULL;
	if (code == 200)
		return p->resume_from > 0 ? CRK_UPDATE_RESTARTED : CRK_UPDATE_FULL;
	if (code == 416 && p->resume_from > 0)
		return CRK_UPDATE_RESTART_NEEDED;
	return CRK_UPDATE_FAILED;
}

/* ---- one download ---- */

struct dl {
	int fd;
	uint64_t received, cap, base; /* base: bytes already in the .part */
	int overflow, restarted;
	const struct crk_update_plan *plan;
	CURL *curl;
	char etag[256];
	struct crk_progress *prog;
	const char *label;
};

static size_t on_header(char *buf, size_t size, size_t n, void *ud)
{
	struct dl *d = ud;
	size_t len = size * n;
	char v[256];
	if (crk_update__header_value(buf, len, "ETag", v, sizeof(v)))
		crk_str_copy(d->etag, sizeof(d->etag), v);
	return len;
}

static size_t on_data(char *buf, size_t size, size_t n, void *ud)
{
	struct dl *d = ud;
	size_t len = size * n, off = 0;
	if (d->received == 0 && d->plan->resume_from > 0 && !d->restarted) {
		long code = 0;
		cu->easy_getinfo(d->curl, CURLINFO_RESPONSE_CODE, &code);
		if (code == 200) { /* the server ignored Range: start over */
			if (ftruncate(d->fd, 0) != 0 || lseek(d->fd, 0, SEEK_SET) != 0)
				return 0;
			d->base = 0;
			d->restarted = 1;
		}
	}
	if (d->base + d->received + len > d->cap) {
		d->overflow = 1;
		return 0;
	}
	while (off < len) {
		ssize_t w = write(d->fd, buf + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		off += (size_t)w;
	}
	d->received += len;
	if (d->prog && d->prog->enabled)
		crk_progress_update(d->prog, "downloading %s: %.1f MB", d->label,
				    (double)(d->base + d->received) / 1e6);
	return len;
}

/* Reads the partial file's validators from <part>.v ("etag\nfiletime\n"). */
static void read_part_validators(const char *vpath, struct crk_update_state *st)
{
	FILE *f = fopen(vpath, "r");
	char line[300];
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		crk_str_copy(st->part_etag, sizeof(st->part_etag), line);
	}
	if (fgets(line, sizeof(line), f))
		st->part_time = strtoll(line, NULL, 10);
	fclose(f);
}

static void write_part_validators(const char *vpath, const char *etag, int64_t t)
{
	FILE *f = fopen(vpath, "w");
	if (!f)
		return;
	fprintf(f, "%s\n%lld\n", etag, (long long)t);
	fclose(f);
}

/* The stored validators of `url`. */
static int load_state(struct crk_store *s, const char *url, struct crk_update_state *st,
		      struct crk_err *err)
{
	struct crk_stmt *q;
	int rc = crk_store_prepare(s, &q, "SELECT etag, last_modified FROM download WHERE url = ?",
				   err);
	if (rc)
		return rc;
	crk_stmt_bind_text(q, 1, url, (size_t)-1);
	rc = crk_stmt_step(q, err);
	if (rc == 1) {
		const char *e = crk_stmt_text(q, 0, NULL), *lm = crk_stmt_text(q, 1, NULL);
		if (e)
			crk_str_copy(st->etag, sizeof(st->etag), e);
		if (lm)
			st->filetime = strtoll(lm, NULL, 10);
	}
	crk_stmt_reset(q);
	return rc < 0 ? rc : CRK_OK;
}

static int save_state(struct crk_store *s, const char *url, const char *etag, int64_t filetime,
		      int64_t now, uint64_t bytes, struct crk_err *err)
{
	struct crk_stmt *q;
	char lm[32];
	int rc = crk_store_prepare(
		s, &q,
		"INSERT INTO download(url, etag, last_modified, fetched_at, bytes) VALUES (?,?,?,?,?)"
		" ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
		" last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
		" bytes = excluded.bytes",
		err);
	if (rc)
		return rc;
	snprintf(lm, sizeof(lm), "%lld", (long long)filetime);
	crk_stmt_bind_text(q, 1, url, (size_t)-1);
	crk_stmt_bind_text(q, 2, etag && *etag ? etag : NULL, (size_t)-1);
	crk_stmt_bind_text(q, 3, filetime > 0 ? lm : NULL, (size_t)-1);
	crk_stmt_bind_int64(q, 4, now);
	crk_stmt_bind_int64(q, 5, (int64_t)bytes);
	rc = crk_stmt_step(q, err);
	crk_stmt_reset(q);
	return rc < 0 ? rc : CRK_OK;
}

struct source {
	const char *label; /* "OSV PyPI", "KEV", "EPSS" */
	const char *kind;  /* for the source table when not modified */
	const char *eco;
	char *url;
	char *file; /* cache file name */
};

/* Downloads one source into <cache>/<file>; *outcome is one of CRK_UPDATE_..., etag and
 * *filetime receive the new validators. */
static int fetch(const struct source *src, const char *cache, const struct crk_update_state *st,
		 uint64_t cap, struct crk_progress *prog, int *outcome, char *etag,
		 int64_t *filetime, uint64_t *bytes, struct crk_err *err)
{
	struct crk_strbuf part = CRK_STRBUF_INIT(CRK_MAX_PATH),
			  vpath = CRK_STRBUF_INIT(CRK_MAX_PATH),
			  final = CRK_STRBUF_INIT(CRK_MAX_PATH);
	struct crk_update_state s2 = *st;
	struct crk_update_plan plan;
	struct curl_slist *hdr = NULL;
	struct dl d;
	struct stat sb;
	char ebuf[CURL_ERROR_SIZE] = "", hbuf[320];
	CURL *c = NULL;
	CURLcode cr;
	long code = 0, unmet = 0;
	curl_off_t ft = -1;
	int rc = CRK_OK, attempt;

	*outcome = CRK_UPDATE_FAILED;
	*bytes = 0;
	crk_strbuf_addf(&part, "%s/%s.part", cache, src->file);
	crk_strbuf_addf(&vpath, "%s/%s.part.v", cache, src->file);
	crk_strbuf_addf(&final, "%s/%s", cache, src->file);
	if (!crk_strbuf_ok(&part) || !crk_strbuf_ok(&vpath) || !crk_strbuf_ok(&final)) {
		rc = crk_err_set(err, CRK_ELIMIT, cache, 0, 0, "cache path too long");
		goto out;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		memset(&d, 0, sizeof(d));
		s2.part_size = stat(part.buf, &sb) == 0 ? (uint64_t)sb.st_size : 0;
		s2.part_etag[0] = '\0';
		s2.part_time = 0;
		if (s2.part_size)
			read_part_validators(vpath.buf, &s2);
		crk_update__plan(&s2, &plan);
		d.fd = open(part.buf, O_WRONLY | O_CREAT | O_CLOEXEC | (plan.resume_from ? O_APPEND : O_TRUNC),
			    0644);
		if (d.fd < 0) {
			rc = crk_err_set(err, CRK_EIO, part.buf, 0, 0, "cannot write: %s",
					 strerror(errno));
			goto out;
		}
		d.cap = cap;
		d.base = plan.resume_from;
		d.plan = &plan;
		d.prog = prog;
		d.label = src->label;
		c = cu->easy_init();
		if (!c) {
			close(d.fd);
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "cannot start libcurl");
			goto out;
		}
		d.curl = c;
		cu->easy_setopt(c, CURLOPT_URL, src->url);
		cu->easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		cu->easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
		cu->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
		cu->easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
		cu->easy_setopt(c, CURLOPT_USERAGENT, "crakit/" CRAKIT_VERSION);
		cu->easy_setopt(c, CURLOPT_FAILONERROR, 0L);
		cu->easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
		cu->easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
		cu->easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
		cu->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		cu->easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
		cu->easy_setopt(c, CURLOPT_FILETIME, 1L);
		cu->easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cap);
		cu->easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
		cu->easy_setopt(c, CURLOPT_WRITEDATA, &d);
		cu->easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
		cu->easy_setopt(c, CURLOPT_HEADERDATA, &d);
		cu->easy_setopt(c, CURLOPT_ACCEPT_ENCODING, NULL); /* bytes as stored */
		if (plan.resume_from) {
			cu->easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)plan.resume_from);
			if (plan.if_range[0]) {
				snprintf(hbuf, sizeof(hbuf), "If-Range: %s", plan.if_range);
				hdr = cu->slist_append(hdr, hbuf);
			} else if (plan.if_range_time > 0) {
				/* RFC 9110 §13.1.5: an HTTP-date validator */
				struct tm tm;
				time_t t = (time_t)plan.if_range_time;
				gmtime_r(&t, &tm);
				strftime(hbuf, sizeof(hbuf), "If-Range: %a, %d %b %Y %H:%M:%S GMT", &tm);
				hdr = cu->slist_append(hdr, hbuf);
			}
		} else {
			if (plan.if_none_match[0]) {
				snprintf(hbuf, sizeof(hbuf), "If-None-Match: %s", plan.if_none_match);
				hdr = cu->slist_append(hdr, hbuf);
			}
			if (plan.if_modified_since > 0) {
				cu->easy_setopt(c, CURLOPT_TIMECONDITION,
						 (long)CURL_TIMECOND_IFMODSINCE);
				cu->easy_setopt(c, CURLOPT_TIMEVALUE_LARGE,
						 (curl_off_t)plan.if_modified_since);
			}
		}
		if (hdr)
			cu->easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		cr = cu->easy_perform(c);
		cu->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		cu->easy_getinfo(c, CURLINFO_CONDITION_UNMET, &unmet);
		cu->easy_getinfo(c, CURLINFO_FILETIME_T, &ft);
		if (close(d.fd) != 0 && cr == CURLE_OK)
			cr = CURLE_WRITE_ERROR;
		cu->slist_free_all(hdr);
		hdr = NULL;
		cu->easy_cleanup(c);
		c = NULL;
		if (d.overflow || cr == CURLE_FILESIZE_EXCEEDED) {
			unlink(part.buf);
			unlink(vpath.buf);
			rc = crk_err_set(err, CRK_ELIMIT, src->url, 0, 0,
					 "download larger than %llu bytes", (unsigned long long)cap);
			goto out;
		}
		if (cr == CURLE_RANGE_ERROR || (cr == CURLE_OK && crk_update__outcome(&plan, code, (int)unmet) ==
									  CRK_UPDATE_RESTART_NEEDED)) {
			unlink(part.buf); /* the partial file is not resumable: once more, whole */
			unlink(vpath.buf);
			continue;
		}
		break;
	}
	*bytes = d.received;
	if (cr != CURLE_OK) {
		/* keep the partial file for a resume, with what identifies it */
		if (d.received > 0 && (d.etag[0] || ft > 0))
			write_part_validators(vpath.buf, d.etag, ft > 0 ? (int64_t)ft : 0);
		rc = crk_err_set(err, CRK_EIO, src->url, 0, 0, "download failed: %s",
				 ebuf[0] ? ebuf : cu->easy_strerror(cr));
		crk_err_hint(err, "check the network (or the URL); a partial download is resumed "
				  "by the next 'crakit db update'");
		goto out;
	}
	*outcome = crk_update__outcome(&plan, code, (int)unmet);
	if (*outcome == CRK_UPDATE_NOT_MODIFIED) {
		if (!plan.resume_from)
			unlink(part.buf);
		goto out;
	}
	if (*outcome == CRK_UPDATE_FAILED) {
		unlink(part.buf);
		unlink(vpath.buf);
		rc = crk_err_set(err, CRK_EIO, src->url, 0, 0, "the server answered HTTP %ld", code);
		goto out;
	}
	if (d.restarted)
		*outcome = CRK_UPDATE_RESTARTED;
	crk_str_copy(etag, 256, d.etag);
	*filetime = ft > 0 ? (int64_t)ft : 0;
	unlink(vpath.buf);
	if (rename(part.buf, final.buf) != 0)
		rc = crk_err_set(err, CRK_EIO, final.buf, 0, 0, "cannot rename the download: %s",
				 strerror(errno));
out:
	if (c)
		cu->easy_cleanup(c);
	cu->slist_free_all(hdr);
	crk_strbuf_release(&part);
	crk_strbuf_release(&vpath);
	crk_strbuf_release(&final);
	return rc;
}

/* Downloads and imports one source in its own transaction. */
static int update_one(struct crk_store *s, const struct source *src, const char *cache,
		      const struct crk_vulndb_update_opts *opts, int64_t now,
		      struct crk_vulndb_update_stats *stats, struct crk_diags *diags,
		      struct crk_progress *prog, struct crk_err *err)
{
	struct crk_update_state st;
	struct crk_vulndb__importer *im = NULL;
	struct crk_strbuf final = CRK_STRBUF_INIT(CRK_MAX_PATH);
	char etag[256] = "";
	int64_t filetime = 0;
	uint64_t bytes = 0;
	int outcome, rc;
	uint64_t cap = opts->max_bytes ? opts->max_bytes : CRK_VULNDB_MAX_DOWNLOAD;
	struct crk_vulndb_import_opts io = opts->import;

	memset(&st, 0, sizeof(st));
	rc = load_state(s, src->url, &st, err);
	if (rc)
		return rc;
	rc = fetch(src, cache, &st, cap, prog, &outcome, etag, &filetime, &bytes, err);
	if (rc)
		return rc;
	if (outcome == CRK_UPDATE_NOT_MODIFIED) {
		stats->not_modified++;
		/* checked now: the store is current */
		rc = crk_store_begin(s, err);
		if (rc == CRK_OK)
			rc = crk_vulndb__source_set(s, src->kind, src->eco ? src->eco : "", now, -1,
						    NULL, err);
		if (rc == CRK_OK)
			rc = crk_store_commit(s, err);
		else if (crk_store_in_transaction(s))
			crk_store_rollback(s, NULL);
		return rc;
	}
	stats->fetched++;
	crk_strbuf_addf(&final, "%s/%s", cache, src->file);
	io.now = now;
	rc = crk_vulndb__importer_new(&im, s, &io, &stats->import, diags);
	if (rc) {
		crk_strbuf_release(&final);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	rc = crk_store_begin(s, err);
	if (rc == CRK_OK)
		rc = crk_vulndb__import_path(im, final.buf, src->url, err);
	if (rc == CRK_OK)
		rc = crk_vulndb__importer_finish(im, err);
	if (rc == CRK_OK && src->eco) /* an empty ecosystem still counts as checked */
		rc = crk_vulndb__source_set(s, "osv", src->eco, now, -1, NULL, err);
	if (rc == CRK_OK)
		rc = save_state(s, src->url, etag, filetime, now, bytes, err);
	if (rc == CRK_OK)
		rc = crk_store_commit(s, err);
	if (rc != CRK_OK && crk_store_in_transaction(s))
		crk_store_rollback(s, NULL);
	crk_vulndb__importer_free(im);
	unlink(final.buf);
	crk_strbuf_release(&final);
	return rc;
}

/* The cache directory: opts->cache_dir, else <dir of the store>/crakit-downloads. */
static int cache_dir(struct crk_store *s, const struct crk_vulndb_update_opts *opts, char **out,
		     struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_PATH);
	const char *loc = crk_store_location(s), *slash;
	if (opts->cache_dir && *opts->cache_dir) {
		crk_strbuf_adds(&sb, opts->cache_dir);
	} else if (strcmp(loc, ":memory:") == 0) {
		const char *t = getenv("TMPDIR");
		crk_strbuf_addf(&sb, "%s/crakit-downloads", t && *t ? t : "/tmp");
	} else {
		slash = strrchr(loc, '/');
		if (slash)
			crk_strbuf_add(&sb, loc, (size_t)(slash - loc));
		else
			crk_strbuf_adds(&sb, ".");
		crk_strbuf_adds(&sb, "/crakit-downloads");
	}
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "cache path too long");
	}
	if (mkdir(sb.buf, 0700) != 0 && errno != EEXIST) {
		int e = errno;
		crk_err_set(err, CRK_EIO, sb.buf, 0, 0, "cannot create the download directory: %s",
			    strerror(e));
		crk_strbuf_release(&sb);
		return CRK_EIO;
	}
	*out = crk_strbuf_detach(&sb, NULL);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

/* The base ecosystems present in the store (heap array of heap strings). */
static int stored_ecosystems(struct crk_store *s, char ***out, size_t *n, struct crk_err *err)
{
	struct crk_stmt *q;
	char **v = NULL;
	size_t nv = 0, av = 0;
	int rc = crk_store_prepare(s, &q,
				   "SELECT ecosystem FROM source WHERE kind = 'osv' ORDER BY ecosystem",
				   err);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = crk_stmt_step(q, err)) == 1) {
		const char *e = crk_stmt_text(q, 0, NULL);
		if (!e || !*e)
			continue;
		if (CRK_GROW(v, av, nv + 1) != 0 || !(v[nv] = crk_strdup(e))) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		nv++;
	}
	crk_stmt_reset(q);
	if (rc < 0) {
		while (nv)
			crk_free(v[--nv]);
		crk_free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return CRK_OK;
}

static char *url_join(const char *base, const char *eco)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(1 << 16);
	char *esc = cu->easy_escape(NULL, eco, 0);
	size_t bl = strlen(base);
	if (!esc)
		return NULL;
	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	crk_strbuf_add(&sb, base, bl);
	crk_strbuf_addf(&sb, "/%s/all.zip", esc);
	cu->free(esc);
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return NULL;
	}
	return crk_strbuf_detach(&sb, NULL);
}

int crk_vulndb_update(struct crk_store *s, const struct crk_vulndb_update_opts *opts,
		      struct crk_vulndb_update_stats *stats, struct crk_diags *diags,
		      struct crk_err *err)
{
	struct crk_vulndb_update_stats own;
	struct crk_progress prog;
	struct source *srcs = NULL;
	char **ecos = NULL, *cache = NULL;
	size_t necos = 0, nsrc = 0, i;
	int rc, first_rc = CRK_OK;
	int64_t now = opts->import.now ? opts->import.now : (int64_t)time(NULL);
	struct crk_err e1;
	char why[256];

	if (!stats)
		stats = &own;
	memset(stats, 0, sizeof(*stats));
	crk_err_clear(&e1);
	if (!opts->no_osv) {
		if (opts->necosystems) {
			ecos = crk_calloc(opts->necosystems, sizeof(*ecos));
			if (!ecos)
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			for (necos = 0; necos < opts->necosystems; necos++)
				if (!(ecos[necos] = crk_strdup(opts->ecosystems[necos]))) {
					rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
					goto out;
				}
		} else {
			rc = stored_ecosystems(s, &ecos, &necos, err);
			if (rc)
				goto out;
			if (necos == 0) {
				rc = crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
						 "the store has no OSV ecosystem yet, so there is "
						 "nothing to update by default");
				crk_err_hint(err, "name the ecosystems to download: --ecosystem PyPI "
						  "--ecosystem npm ... (or --no-osv for KEV and EPSS "
						  "only)");
				goto out;
			}
		}
	}
	if (!crk_curl_load(why, sizeof(why))) {
		rc = crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0, "cannot load libcurl: %s", why);
		crk_err_hint(err, "install libcurl (Debian: apt install libcurl4), or download the "
				  "files yourself and give them to `crakit db import`");
		goto out;
	}
	if (cu->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = crk_err_set(err, CRK_EINTERNAL, NULL, 0, 0, "cannot initialise libcurl");
		goto out;
	}
	rc = cache_dir(s, opts, &cache, err);
	if (rc)
		goto out_curl;
	srcs = crk_calloc(necos + 2, sizeof(*srcs));
	if (!srcs) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out_curl;
	}
	for (i = 0; i < necos; i++) {
		struct source *x = &srcs[nsrc++];
		struct crk_strbuf sb = CRK_STRBUF_INIT(4096);
		char *esc = cu->easy_escape(NULL, ecos[i], 0), *p;
		x->kind = "osv";
		x->eco = ecos[i];
		x->label = ecos[i];
		x->url = url_join(opts->osv_base ? opts->osv_base : OSV_BASE, ecos[i]);
		crk_strbuf_addf(&sb, "osv-%s.zip", esc ? esc : "x");
		cu->free(esc);
		for (p = sb.buf; *p; p++)
			if (*p == '/' || *p == '%')
				*p = '_';
		x->file = crk_strbuf_ok(&sb) ? crk_strbuf_detach(&sb, NULL) : NULL;
		crk_strbuf_release(&sb);
		if (!x->url || !x->file) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out_curl;
		}
	}
	if (!opts->no_kev) {
		struct source *x = &srcs[nsrc++];
		x->kind = "kev";
		x->label = "KEV";
		x->url = crk_strdup(opts->kev_url ? opts->kev_url : KEV_URL);
		x->file = crk_strdup("kev.json");
		if (!x->url || !x->file) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out_curl;
		}
	}
	if (!opts->no_epss) {
		struct source *x = &srcs[nsrc++];
		x->kind = "epss";
		x->label = "EPSS";
		x->url = crk_strdup(opts->epss_url ? opts->epss_url : EPSS_URL);
		x->file = crk_strdup("epss.csv.gz");
		if (!x->url || !x->file) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out_curl;
		}
	}
	crk_progress_init(&prog, (opts->import.flags & CRK_VULNDB_QUIET) != 0);
	/* every source is tried; the first failure is reported after the rest */
	for (i = 0; i < nsrc; i++) {
		struct crk_err e;
		crk_err_clear(&e);
		rc = update_one(s, &srcs[i], cache, opts, now, stats, diags, &prog, &e);
		if (rc && first_rc == CRK_OK) {
			first_rc = rc;
			e1 = e;
		} else if (rc && diags) {
			crk_diags_add(diags, &e);
		}
	}
	crk_progress_done(&prog);
	rc = first_rc;
	if (rc && err)
		*err = e1;
out_curl:
	cu->global_cleanup();
out:
	for (i = 0; srcs && i < nsrc; i++) {
		crk_free(srcs[i].url);
		crk_free(srcs[i].file);
	}
	crk_free(srcs);
	for (i = 0; i < necos; i++)
		crk_free(ecos[i]);
	crk_free(ecos);
	crk_free(cache);
	return rc;
}
