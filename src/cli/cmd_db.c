/*
 * cmd_db.c - `crakit db import|update|status`: the vulnerability database (OSV advisories, the
 * CISA KEV catalogue, FIRST EPSS scores) in the store (include/crakit/vulndb.h,
 * include/crakit/store.h). Manual: docs/cmd/db.md.
 *
 * The CRA asks manufacturers to identify and document the vulnerabilities of their components
 * (Annex I, Part II (1)) and to report actively exploited ones (Art. 14): a scan is only as
 * good as this database, so `status` says plainly when it is empty or stale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"
#include "base/banned.h"

#define DEFAULT_MAX_AGE_HOURS 24

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit db import [--db PATH] [--skip-invalid] PATH...\n"
		   "       crakit db update [--db PATH] [--ecosystem E]... [--no-kev] [--no-epss]\n"
		   "       crakit db status [--db PATH] [--json] [--max-age HOURS] [--check]\n\n"
		   "subcommands:\n"
		   "  import     import OSV records (files, directories, osv.dev zips), a KEV "
		   "catalogue, EPSS scores\n"
		   "  update     download and import them from their public locations\n"
		   "  status     show what the database holds and how old it is\n\n"
		   "'crakit help db' shows the full manual page.\n");
}

/* RFC 3339 UTC time or epoch seconds. 0 or -1. */
static int parse_now(const char *s, int64_t *out)
{
	struct tm tm;
	const char *p;
	if (*s && strspn(s, "0123456789") == strlen(s)) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (*end || v <= 0)
			return -1;
		*out = v;
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p || (strcmp(p, "Z") != 0 && strcmp(p, "z") != 0))
		return -1;
	*out = (int64_t)timegm(&tm);
	return *out > 0 ? 0 : -1;
}

static int now_opt(const char *cmd, const char *s, int64_t *out)
{
	*out = 0;
	if (!s)
		return 0;
	if (parse_now(s, out) == 0)
		return 0;
	fprintf(stderr, "crakit db %s: error: --now '%s' is not an RFC 3339 UTC time or epoch "
			"seconds\n",
		cmd, s);
	fprintf(stderr, "hint: e.g. --now 2026-01-01T00:00:00Z\n");
	return -1;
}

static void fmt_time(int64_t t, char buf[32])
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (t <= 0 || !gmtime_r(&tt, &tm)) {
		memcpy(buf, "-", 2);
		return;
	}
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void fmt_age(int64_t secs, char buf[32])
{
	if (secs < 0)
		secs = 0;
	if (secs < 3600)
		snprintf(buf, 32, "%lldm", (long long)(secs / 60));
	else if (secs < 86400)
		snprintf(buf, 32, "%lldh %lldm", (long long)(secs / 3600),
			 (long long)(secs / 60 % 60));
	else
		snprintf(buf, 32, "%lldd %lldh", (long long)(secs / 86400),
			 (long long)(secs / 3600 % 24));
}

/* Opens the store named by --db / CRAKIT_DB / the XDG default. */
static int open_store(const char *cmd, const char *flag, unsigned flags, struct crk_store **out,
		      char **loc)
{
	struct crk_err err;
	int rc;
	crk_err_clear(&err);
	*out = NULL;
	rc = crk_store_default_location(flag, loc, &err);
	if (rc == CRK_OK)
		rc = crk_store_open(out, *loc, flags, &err);
	if (rc != CRK_OK) {
		if (rc == CRK_ENOTFOUND && !(flags & CRK_STORE_CREATE) && *loc) {
			fprintf(stderr, "crakit db %s: error: no store at %s\n", cmd, *loc);
			fprintf(stderr, "hint: import advisories first: 'crakit db update --ecosystem "
					"E' or 'crakit db import PATH'\n");
			return CRK_EXIT_INPUT;
		}
		return crk_exit_error(&err);
	}
	return CRK_EXIT_OK;
}

static void print_diags(const struct crk_diags *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		crk_print_warning(&d->v[i]);
	if (d->dropped)
		fprintf(stderr, "crakit: warning: %zu more warnings not shown\n", d->dropped);
}

/* After an import that wrote a tenth of the store's advisories or more (a first import, a
 * large update; not the daily few changed records): the store rewritten so that a scan reads
 * fewer pages (the import's tables grew page by page in turns). The import is committed
 * already: a failure here is a warning, not an error. */
static void optimize(struct crk_store *s, const struct crk_vulndb_import_stats *st)
{
	struct crk_vulndb_source *src = NULL;
	struct crk_arena a;
	struct crk_err err;
	int64_t total = 0;
	size_t n = 0, i, wrote = st->osv_inserted + st->osv_replaced;
	if (!wrote)
		return;
	crk_arena_init(&a);
	crk_err_clear(&err);
	if (crk_vulndb_status(s, &a, &src, &n, &err) == CRK_OK)
		for (i = 0; i < n; i++)
			if (src[i].kind == CRK_VULNDB_OSV)
				total += src[i].records;
	crk_arena_release(&a);
	if ((int64_t)wrote * 10 < total)
		return;
	crk_err_clear(&err);
	if (crk_store_optimize(s, &err) != CRK_OK)
		fprintf(stderr, "crakit db: warning: the store was imported but not compacted "
				"(%s); scans still work, a little slower\n",
			err.msg);
}

static void stats_text(struct crk_strbuf *sb, const struct crk_vulndb_import_stats *st)
{
	crk_strbuf_addf(sb,
			"%zu OSV record%s (%zu new, %zu replaced, %zu unchanged; %zu withdrawn), ",
			st->osv_records, st->osv_records == 1 ? "" : "s", st->osv_inserted,
			st->osv_replaced, st->osv_unchanged, st->osv_withdrawn);
	crk_strbuf_addf(sb, "%zu KEV entr%s", st->kev_entries, st->kev_entries == 1 ? "y" : "ies");
	if (st->kev_unchanged)
		crk_strbuf_adds(sb, " (a catalogue not newer than the stored one was not applied)");
	crk_strbuf_addf(sb, ", %zu EPSS score%s", st->epss_scores, st->epss_scores == 1 ? "" : "s");
	if (st->epss_unchanged)
		crk_strbuf_adds(sb, " (scores not newer than the stored ones were not applied)");
	crk_strbuf_addf(sb, " from %zu file%s", st->files, st->files == 1 ? "" : "s");
	if (st->skipped)
		crk_strbuf_addf(sb, "; %zu invalid record%s skipped", st->skipped,
				st->skipped == 1 ? "" : "s");
}

static void stats_json(struct crk_strbuf *sb, const struct crk_vulndb_import_stats *st)
{
	crk_strbuf_addf(sb,
			"{\"files\":%zu,\"bytes\":%llu,\"osv\":{\"records\":%zu,\"new\":%zu,"
			"\"replaced\":%zu,\"unchanged\":%zu,\"withdrawn\":%zu},"
			"\"kev\":{\"entries\":%zu,\"unchanged\":%s},"
			"\"epss\":{\"scores\":%zu,\"unchanged\":%s},\"skipped\":%zu}",
			st->files, (unsigned long long)st->bytes, st->osv_records, st->osv_inserted,
			st->osv_replaced, st->osv_unchanged, st->osv_withdrawn, st->kev_entries,
			st->kev_unchanged ? "true" : "false", st->epss_scores,
			st->epss_unchanged ? "true" : "false", st->skipped);
}

static int print_buf(struct crk_strbuf *sb)
{
	if (!crk_strbuf_ok(sb)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		return CRK_EXIT_INTERNAL;
	}
	fputs(sb->buf, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		return CRK_EXIT_INPUT;
	}
	return CRK_EXIT_OK;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- import ---- */

static int cmd_import(int argc, char **argv)
{
	const char *db = NULL, *now = NULL, **pos = NULL;
	int skip = 0, quiet = 0, json = 0, verbose = 0, rc, ex;
	size_t npos;
	struct crk_store *s = NULL;
	char *loc = NULL;
	struct crk_vulndb_import_opts io;
	struct crk_vulndb_import_stats st;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	double t0;
	const struct crk_opt opts[] = {
		{"db", 0, CRK_OPT_STRING, &db, "PATH",
		 "the store (default: $CRAKIT_DB, else $XDG_DATA_HOME/crakit/crakit.db)"},
		{"skip-invalid", 0, CRK_OPT_FLAG, &skip, NULL,
		 "warn about a malformed record and import the rest (default: import nothing)"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print what was imported as JSON"},
		{"quiet", 'q', CRK_OPT_FLAG, &quiet, NULL, "no progress display"},
		{"verbose", 'v', CRK_OPT_FLAG, &verbose, NULL,
		 "also print the time taken and the throughput on stderr"},
		{"now", 0, CRK_OPT_STRING, &now, "TIME",
		 "record TIME as the import time (RFC 3339; for reproducible tests)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("db import", "[OPTIONS] PATH...", opts, argc, argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	memset(&io, 0, sizeof(io));
	if (now_opt("import", now, &io.now)) {
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos == 0) {
		fprintf(stderr, "crakit db import: error: give at least one file or directory to "
				"import\n");
		fprintf(stderr, "hint: e.g. 'crakit db import all.zip known_exploited_vulnerabilities"
				".json epss_scores-current.csv.gz'\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	ex = open_store("import", db, CRK_STORE_CREATE, &s, &loc);
	if (ex) {
		crk_free(pos);
		crk_free(loc);
		return ex;
	}
	io.flags = (skip ? CRK_VULNDB_SKIP_INVALID : 0) | (quiet ? CRK_VULNDB_QUIET : 0);
	crk_diags_init(&diags);
	crk_err_clear(&err);
	t0 = now_seconds();
	rc = crk_vulndb_import(s, pos, npos, &io, &st, &diags, &err);
	print_diags(&diags);
	if (rc != CRK_OK) {
		if (!err.hint[0] && (rc == CRK_EPARSE || rc == CRK_ELIMIT))
			crk_err_hint(&err, "nothing was imported; fix or remove that record, or give "
					   "--skip-invalid to import the rest");
		ex = crk_exit_error(&err);
		goto out;
	}
	optimize(s, &st);
	if (json) {
		stats_json(&sb, &st);
		crk_strbuf_addch(&sb, '\n');
	} else {
		crk_strbuf_adds(&sb, "imported ");
		stats_text(&sb, &st);
		crk_strbuf_addch(&sb, '\n');
	}
	ex = print_buf(&sb);
	if (verbose) {
		double dt = now_seconds() - t0;
		size_t recs = st.osv_records + st.kev_entries + st.epss_scores;
		fprintf(stderr, "crakit db import: %zu records, %.1f MB in %.3f s: %.0f records/s, "
				"%.1f MB/s\n",
			recs, (double)st.bytes / 1e6, dt, dt > 0 ? (double)recs / dt : 0.0,
			dt > 0 ? (double)st.bytes / 1e6 / dt : 0.0);
	}
out:
	crk_strbuf_release(&sb);
	crk_diags_release(&diags);
	crk_store_close(s);
	crk_free(loc);
	crk_free(pos);
	return ex;
}

/* ---- update ---- */

static int cmd_update(int argc, char **argv)
{
	const char *db = NULL, *now = NULL, *osv_url = NULL, *kev_url = NULL, *epss_url = NULL,
		   *cache = NULL, *maxsize = NULL, **pos = NULL;
	struct crk_opt_list ecos = {NULL, 0, 0};
	int no_osv = 0, no_kev = 0, no_epss = 0, quiet = 0, json = 0, skip = 0, rc, ex;
	size_t npos;
	struct crk_store *s = NULL;
	char *loc = NULL;
	struct crk_vulndb_update_opts uo;
	struct crk_vulndb_update_stats st;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const struct crk_opt opts[] = {
		{"db", 0, CRK_OPT_STRING, &db, "PATH",
		 "the store (default: $CRAKIT_DB, else $XDG_DATA_HOME/crakit/crakit.db)"},
		{"ecosystem", 'e', CRK_OPT_LIST, &ecos, "E",
		 "an OSV ecosystem to download (repeatable; default: those in the store)"},
		{"no-osv", 0, CRK_OPT_FLAG, &no_osv, NULL, "do not download OSV advisories"},
		{"no-kev", 0, CRK_OPT_FLAG, &no_kev, NULL, "do not download the CISA KEV catalogue"},
		{"no-epss", 0, CRK_OPT_FLAG, &no_epss, NULL, "do not download FIRST EPSS scores"},
		{"osv-url", 0, CRK_OPT_STRING, &osv_url, "URL",
		 "base of the OSV zips (default: https://osv-vulnerabilities.storage.googleapis.com)"},
		{"kev-url", 0, CRK_OPT_STRING, &kev_url, "URL", "where to fetch the KEV catalogue"},
		{"epss-url", 0, CRK_OPT_STRING, &epss_url, "URL", "where to fetch the EPSS scores"},
		{"cache-dir", 0, CRK_OPT_STRING, &cache, "DIR",
		 "where partial downloads wait to be resumed (default: beside the store)"},
		{"max-size", 0, CRK_OPT_STRING, &maxsize, "BYTES",
		 "refuse a download larger than this (default: 4 GiB)"},
		{"skip-invalid", 0, CRK_OPT_FLAG, &skip, NULL,
		 "warn about a malformed record and import the rest"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print what was done as JSON"},
		{"quiet", 'q', CRK_OPT_FLAG, &quiet, NULL, "no progress display"},
		{"now", 0, CRK_OPT_STRING, &now, "TIME",
		 "record TIME as the import time (RFC 3339; for reproducible tests)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("db update", "[OPTIONS]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc) {
		crk_opt_list_free(&ecos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	memset(&uo, 0, sizeof(uo));
	if (npos) {
		fprintf(stderr, "crakit db update: error: no arguments expected (to import files, "
				"use 'crakit db import PATH')\n");
		crk_opt_list_free(&ecos);
		return CRK_EXIT_USAGE;
	}
	if (now_opt("update", now, &uo.import.now)) {
		crk_opt_list_free(&ecos);
		return CRK_EXIT_USAGE;
	}
	if (maxsize) {
		char *end;
		unsigned long long v = strtoull(maxsize, &end, 10);
		if (*end || v == 0 || maxsize[0] == '-') {
			fprintf(stderr, "crakit db update: error: --max-size '%s' is not a positive "
					"number of bytes\n",
				maxsize);
			crk_opt_list_free(&ecos);
			return CRK_EXIT_USAGE;
		}
		uo.max_bytes = v;
	}
	if (no_osv && ecos.n) {
		fprintf(stderr, "crakit db update: error: --ecosystem and --no-osv contradict each "
				"other\n");
		crk_opt_list_free(&ecos);
		return CRK_EXIT_USAGE;
	}
	ex = open_store("update", db, CRK_STORE_CREATE, &s, &loc);
	if (ex) {
		crk_opt_list_free(&ecos);
		crk_free(loc);
		return ex;
	}
	uo.ecosystems = ecos.v;
	uo.necosystems = ecos.n;
	uo.no_osv = no_osv;
	uo.no_kev = no_kev;
	uo.no_epss = no_epss;
	uo.osv_base = osv_url;
	uo.kev_url = kev_url;
	uo.epss_url = epss_url;
	uo.cache_dir = cache;
	uo.import.flags = (skip ? CRK_VULNDB_SKIP_INVALID : 0) | (quiet ? CRK_VULNDB_QUIET : 0);
	crk_diags_init(&diags);
	crk_err_clear(&err);
	rc = crk_vulndb_update(s, &uo, &st, &diags, &err);
	print_diags(&diags);
	if (rc == CRK_OK)
		optimize(s, &st.import);
	if (json) {
		crk_strbuf_addf(&sb, "{\"downloaded\":%zu,\"not_modified\":%zu,\"import\":", st.fetched,
				st.not_modified);
		stats_json(&sb, &st.import);
		crk_strbuf_addf(&sb, ",\"ok\":%s}\n", rc == CRK_OK ? "true" : "false");
	} else {
		crk_strbuf_addf(&sb, "%zu source%s downloaded, %zu not modified; imported ",
				st.fetched, st.fetched == 1 ? "" : "s", st.not_modified);
		stats_text(&sb, &st.import);
		crk_strbuf_addch(&sb, '\n');
	}
	if (rc == CRK_OK || st.fetched || st.not_modified)
		ex = print_buf(&sb);
	if (rc != CRK_OK)
		ex = crk_exit_error(&err);
	crk_strbuf_release(&sb);
	crk_diags_release(&diags);
	crk_store_close(s);
	crk_free(loc);
	crk_opt_list_free(&ecos);
	return ex;
}

/* ---- status ---- */

static const char *kind_name(enum crk_vulndb_source_kind k)
{
	return k == CRK_VULNDB_OSV ? "osv" : k == CRK_VULNDB_KEV ? "kev" : "epss";
}

static int cmd_status(int argc, char **argv)
{
	const char *db = NULL, *now_s = NULL, *maxage_s = NULL, **pos = NULL;
	int json = 0, check = 0, rc, ex = CRK_EXIT_OK, has_osv = 0, has_kev = 0, has_epss = 0;
	size_t npos, n = 0, i, nwarn = 0;
	struct crk_store *s = NULL;
	char *loc = NULL;
	struct crk_vulndb_source *src = NULL;
	struct crk_arena arena = CRK_ARENA_INIT;
	struct crk_err err;
	struct crk_strbuf out = CRK_STRBUF_INIT(0), warn = CRK_STRBUF_INIT(0),
			  wjson = CRK_STRBUF_INIT(0);
	int64_t now = 0, maxage = DEFAULT_MAX_AGE_HOURS * 3600;
	char t1[32], t2[32], age[32];
	const struct crk_opt opts[] = {
		{"db", 0, CRK_OPT_STRING, &db, "PATH",
		 "the store (default: $CRAKIT_DB, else $XDG_DATA_HOME/crakit/crakit.db)"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON object"},
		{"max-age", 0, CRK_OPT_STRING, &maxage_s, "HOURS",
		 "a source imported longer ago than this is stale (default: 24)"},
		{"check", 0, CRK_OPT_FLAG, &check, NULL,
		 "exit with status 1 when the database is empty, incomplete or stale"},
		{"now", 0, CRK_OPT_STRING, &now_s, "TIME",
		 "compute ages as if it were TIME (RFC 3339; for reproducible tests)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("db status", "[OPTIONS]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (npos) {
		fprintf(stderr, "crakit db status: error: no arguments expected\n");
		return CRK_EXIT_USAGE;
	}
	if (now_opt("status", now_s, &now))
		return CRK_EXIT_USAGE;
	if (!now)
		now = (int64_t)time(NULL);
	if (maxage_s) {
		char *end;
		double h = strtod(maxage_s, &end);
		if (*end || !(h > 0) || h > 1e6) {
			fprintf(stderr, "crakit db status: error: --max-age '%s' is not a positive "
					"number of hours\n",
				maxage_s);
			return CRK_EXIT_USAGE;
		}
		maxage = (int64_t)(h * 3600);
	}
	crk_err_clear(&err);
	rc = crk_store_default_location(db, &loc, &err);
	if (rc != CRK_OK)
		return crk_exit_error(&err);
	rc = crk_store_open(&s, loc, CRK_STORE_READONLY, &err);
	if (rc == CRK_ENOTFOUND) {
		s = NULL; /* no store yet: an empty database, said plainly below */
	} else if (rc != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	} else {
		rc = crk_vulndb_status(s, &arena, &src, &n, &err);
		if (rc != CRK_OK) {
			ex = crk_exit_error(&err);
			goto out;
		}
	}

#define WARN(...)                                                                               \
	do {                                                                                    \
		struct crk_strbuf w_ = CRK_STRBUF_INIT(0);                                      \
		crk_strbuf_addf(&w_, __VA_ARGS__);                                              \
		crk_strbuf_addf(&warn, "crakit: warning: %s\n", w_.buf);                       \
		crk_strbuf_adds(&wjson, nwarn ? "," : "");                                     \
		crk_strbuf_add_json_quoted(&wjson, w_.buf);                                     \
		crk_strbuf_release(&w_);                                                        \
		nwarn++;                                                                        \
	} while (0)

	if (json) {
		crk_strbuf_adds(&out, "{\"store\":");
		crk_strbuf_add_json_quoted(&out, loc);
		crk_strbuf_addf(&out, ",\"exists\":%s,\"backend\":", s ? "true" : "false");
		crk_strbuf_add_json_quoted(&out, s ? crk_store_backend(s) : NULL);
		crk_strbuf_addf(&out, ",\"max_age_hours\":%g,\"sources\":[", (double)maxage / 3600);
	} else {
		if (s)
			crk_strbuf_addf(&out, "store: %s (%s)\n", loc, crk_store_backend(s));
		else
			crk_strbuf_addf(&out, "store: %s (does not exist yet)\n", loc);
		if (n)
			crk_strbuf_addf(&out, "%-24s %8s %9s  %-20s  %-20s  %s\n", "SOURCE", "RECORDS",
					"WITHDRAWN", "NEWEST", "IMPORTED", "AGE");
	}
	for (i = 0; i < n; i++) {
		const struct crk_vulndb_source *e = &src[i];
		int64_t a = now - e->imported;
		int stale = e->imported > 0 && a > maxage;
		struct crk_strbuf label = CRK_STRBUF_INIT(0);
		has_osv |= e->kind == CRK_VULNDB_OSV && e->records > 0;
		has_kev |= e->kind == CRK_VULNDB_KEV && e->records > 0;
		has_epss |= e->kind == CRK_VULNDB_EPSS && e->records > 0;
		if (e->kind == CRK_VULNDB_OSV)
			crk_strbuf_addf(&label, "OSV %s", e->ecosystem);
		else if (e->version)
			crk_strbuf_addf(&label, "%s %s", e->kind == CRK_VULNDB_KEV ? "KEV" : "EPSS",
					e->version);
		else
			crk_strbuf_adds(&label, e->kind == CRK_VULNDB_KEV ? "KEV" : "EPSS");
		fmt_time(e->newest, t1);
		fmt_time(e->imported, t2);
		fmt_age(a, age);
		if (json) {
			crk_strbuf_adds(&out, i ? ",{\"source\":" : "{\"source\":");
			crk_strbuf_add_json_quoted(&out, kind_name(e->kind));
			crk_strbuf_adds(&out, ",\"ecosystem\":");
			crk_strbuf_add_json_quoted(&out, e->ecosystem);
			crk_strbuf_adds(&out, ",\"version\":");
			crk_strbuf_add_json_quoted(&out, e->version);
			crk_strbuf_addf(&out, ",\"records\":%lld,\"withdrawn\":%lld,\"newest\":",
					(long long)e->records, (long long)e->withdrawn);
			crk_strbuf_add_json_quoted(&out, e->newest > 0 ? t1 : NULL);
			crk_strbuf_adds(&out, ",\"imported\":");
			crk_strbuf_add_json_quoted(&out, e->imported > 0 ? t2 : NULL);
			crk_strbuf_addf(&out, ",\"age_seconds\":%lld,\"stale\":%s}", (long long)a,
					stale ? "true" : "false");
		} else {
			char wd[24];
			if (e->kind == CRK_VULNDB_OSV)
				snprintf(wd, sizeof(wd), "%lld", (long long)e->withdrawn);
			else
				memcpy(wd, "-", 2);
			crk_strbuf_addf(&out, "%-24s %8lld %9s  %-20s  %-20s  %s\n", label.buf,
					(long long)e->records, wd, t1, t2, age);
		}
		if (stale)
			WARN("%s was last imported %s ago (more than %gh): run 'crakit db update'",
			     label.buf, age, (double)maxage / 3600);
		if (e->kind == CRK_VULNDB_OSV && e->records == 0)
			WARN("%s holds no advisories", label.buf);
		crk_strbuf_release(&label);
	}
	if (!has_osv && !has_kev && !has_epss) {
		WARN("the vulnerability database is empty: a scan could not find any vulnerability");
	} else {
		if (!has_osv)
			WARN("no OSV advisories: a scan could not find any vulnerability");
		if (!has_kev)
			WARN("no CISA KEV catalogue: actively exploited vulnerabilities cannot be "
			     "flagged");
		if (!has_epss)
			WARN("no EPSS scores: findings cannot be ranked by exploit probability");
	}
#undef WARN
	if (json) {
		crk_strbuf_adds(&out, "],\"warnings\":[");
		crk_strbuf_add(&out, wjson.buf, wjson.len);
		crk_strbuf_adds(&out, "]}\n");
	}
	ex = print_buf(&out);
	if (nwarn) {
		fputs(warn.buf, stderr);
		if (!has_osv || !has_kev || !has_epss)
			fprintf(stderr, "hint: 'crakit db update --ecosystem E' downloads OSV "
					"advisories, KEV and EPSS; 'crakit db import PATH' imports "
					"files\n");
	}
	if (check && nwarn && ex == CRK_EXIT_OK)
		ex = CRK_EXIT_POLICY;
out:
	crk_strbuf_release(&out);
	crk_strbuf_release(&warn);
	crk_strbuf_release(&wjson);
	crk_arena_release(&arena);
	crk_store_close(s);
	crk_free(loc);
	return ex;
}

int cmd_db(int argc, char **argv)
{
	static const struct crk_cmd subs[] = {
		{"import", cmd_import, CRK_CMD_WRITES_STORE, "import advisory files"},
		{"update", cmd_update, CRK_CMD_WRITES_STORE, "download and import the feeds"},
		{"status", cmd_status, CRK_CMD_NEEDS_STORE, "what the database holds"},
		{NULL, NULL, 0, NULL},
	};
	return crk_subcmd_run("db", subs, usage, argc, argv);
}
