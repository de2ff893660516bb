/*
 * import.c - `crakit db import`: OSV records, the CISA KEV catalogue and FIRST EPSS scores into
 * the store (include/crakit/vulndb.h).
 *
 * Input kinds are told by content, not by name: a zip (osv.dev's per-ecosystem all.zip) by its
 * "PK\3\4" magic, gzip by 1f 8b (then what it holds), EPSS by its "#model_version:" line or
 * "cve,epss" header, and JSON by shape: a KEV catalogue has `catalogVersion` and a
 * `vulnerabilities` array, anything else is one OSV record (an object) or several (an array).
 * A directory is walked (in name order, links not followed) for *.json, *.zip, *.csv, *.gz.
 *
 * Everything happens in one transaction (crk_vulndb_import): a failure anywhere, even in the
 * last record of the last file, rolls it all back, so the store is exactly as it was. Each
 * record is fully parsed and checked before its first write, so --skip-invalid can skip it
 * without a savepoint.
 *
 * Per OSV record: look the id up; keep the stored one unless the new `modified` is strictly
 * newer; merge the alias groups of the id and its aliases (union of groups: alias table); write
 * the advisory and one `affected` row per entry naming a package, keyed by (base ecosystem,
 * normalised name, release) for the matcher's lookup.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/fileio.h"
#include "base/fswalk.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/progress.h"
#include "base/strbuf.h"
#include "formats/epss.h"
#include "formats/jsonpos.h"
#include "formats/kev.h"
#include "formats/osv.h"
#include "crakit/match.h"
#include "vulndb/vulndb_impl.h"
#include "base/banned.h"

struct crk_vulndb__importer {
	struct crk_store *s;
	unsigned flags;
	int64_t now;
	struct crk_vulndb_import_stats *st, own_stats;
	struct crk_diags *diags;
	struct crk_progress prog;
	struct crk_arena scratch; /* per record */
	struct crk_arena keep;    /* ecosystem names touched */
	struct crk_map ecos;      /* base ecosystem -> itself */
	struct crk_strbuf sb;     /* joins (aliases, severity) */
	struct crk_strbuf rec;    /* a record's JSON text, re-serialised from an array */
	int in_archive;
	int compacted; /* compact_stored() ran in this import */
};

/* ---- helpers ---- */

static int nomem(struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

static void progress(struct crk_vulndb__importer *im)
{
	const struct crk_vulndb_import_stats *st = im->st;
	if (!im->prog.enabled)
		return;
	crk_progress_update(&im->prog, "importing: %zu files, %zu OSV records (%zu new, %zu replaced)"
				       ", %zu KEV, %zu EPSS",
			    st->files, st->osv_records, st->osv_inserted, st->osv_replaced,
			    st->kev_entries, st->epss_scores);
}

/* A malformed record: a warning with --skip-invalid, else the import's error. */
static int bad_record(struct crk_vulndb__importer *im, int rc, struct crk_err *e,
		      struct crk_err *err)
{
	if (rc == CRK_ENOMEM || !(im->flags & CRK_VULNDB_SKIP_INVALID)) {
		if (err && e != err)
			*err = *e;
		return rc;
	}
	im->st->skipped++;
	if (im->diags)
		crk_diags_add(im->diags, e);
	return CRK_OK;
}

static int touch_ecosystem(struct crk_vulndb__importer *im, const char *base, size_t blen,
			   struct crk_err *err)
{
	char *k;
	if (crk_map_get(&im->ecos, base, blen))
		return CRK_OK;
	k = crk_arena_strndup(&im->keep, base, blen);
	if (!k || crk_map_put(&im->ecos, k, blen, k) != 0)
		return nomem(err);
	return CRK_OK;
}

/* The per-record arena is released once it holds a few MB, not after every record: a fresh
 * 64 KiB chunk per record cost more than the record's own parse. */
static void scratch_done(struct crk_vulndb__importer *im)
{
	if (im->scratch.used_total > ((size_t)4 << 20))
		crk_arena_release(&im->scratch);
}

/* Runs a prepared statement to completion (no rows expected). */
static int run(struct crk_stmt *st, struct crk_err *err)
{
	int rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

/* ---- alias groups ---- */

/* The group for `ids` (the record's id first, then its aliases): the smallest group any of them
 * is in (others merged into it), or a new one. */
static int alias_group(struct crk_vulndb__importer *im, const char **ids, size_t n,
		       int64_t *out, struct crk_err *err)
{
	struct crk_stmt *get, *st;
	int64_t *found, g = 0;
	size_t i, j;
	int rc;
	found = crk_arena_array(&im->scratch, n, sizeof(*found));
	if (!found)
		return nomem(err);
	if ((rc = crk_store_prepare(im->s, &get, "SELECT grp FROM alias WHERE id = ?", err)))
		return rc;
	for (i = 0; i < n; i++) {
		crk_stmt_bind_text(get, 1, ids[i], (size_t)-1);
		rc = crk_stmt_step(get, err);
		if (rc < 0)
			return rc;
		found[i] = rc == 1 ? crk_stmt_int64(get, 0) : 0;
		crk_stmt_reset(get);
		if (found[i] && (g == 0 || found[i] < g))
			g = found[i];
	}
	if (g == 0) {
		if ((rc = crk_store_prepare(im->s, &st, "SELECT coalesce(max(grp), 0) + 1 FROM alias",
					    err)))
			return rc;
		rc = crk_stmt_step(st, err);
		if (rc < 0)
			return rc;
		g = crk_stmt_int64(st, 0);
		crk_stmt_reset(st);
	}
	for (i = 0; i < n; i++) {
		int seen = 0;
		if (found[i] == 0 || found[i] == g)
			continue;
		for (j = 0; j < i; j++)
			seen |= found[j] == found[i];
		if (seen)
			continue;
		/* merge group found[i] into g */
		if ((rc = crk_store_prepare(im->s, &st, "UPDATE alias SET grp = ? WHERE grp = ?",
					    err)))
			return rc;
		crk_stmt_bind_int64(st, 1, g);
		crk_stmt_bind_int64(st, 2, found[i]);
		if ((rc = run(st, err)))
			return rc;
		if ((rc = crk_store_prepare(im->s, &st, "UPDATE advisory SET grp = ? WHERE grp = ?",
					    err)))
			return rc;
		crk_stmt_bind_int64(st, 1, g);
		crk_stmt_bind_int64(st, 2, found[i]);
		if ((rc = run(st, err)))
			return rc;
	}
	if ((rc = crk_store_prepare(im->s, &st, "INSERT INTO alias(id, grp) VALUES (?, ?)", err)))
		return rc;
	for (i = 0; i < n; i++) {
		int dup = 0;
		if (found[i])
			continue;
		for (j = 0; j < i; j++)
			dup |= strcmp(ids[j], ids[i]) == 0;
		if (dup)
			continue;
		crk_stmt_bind_text(st, 1, ids[i], (size_t)-1);
		crk_stmt_bind_int64(st, 2, g);
		if ((rc = run(st, err)))
			return rc;
	}
	*out = g;
	return CRK_OK;
}

/* ---- OSV ---- */

/* A store whose rows were written before the import compacted them (crakit before 2026-11-23)
 * gets them compacted once, by its next OSV import, in that import's transaction and before
 * its first record (a new store: nothing to read); the meta key says it is done. The rows are
 * read first, then rewritten (no update under a running SELECT). */
#define COMPACT_KEY "affected_compact"

static int compact_stored(struct crk_vulndb__importer *im, struct crk_err *err)
{
	struct crk_stmt *st;
	struct row {
		int64_t rowid;
		char *json;
		size_t len;
	} *rows = NULL;
	size_t n = 0, alloc = 0, i;
	char *done = NULL;
	int rc = crk_store_meta_get(im->s, COMPACT_KEY, &done, err);
	if (rc)
		return rc;
	if (done) {
		crk_free(done);
		return CRK_OK;
	}
	rc = crk_store_prepare(im->s, &st,
			       "SELECT rowid, json FROM affected",
			       err);
	if (rc)
		return rc;
	while ((rc = crk_stmt_step(st, err)) == 1) {
		size_t len;
		const char *t = crk_stmt_text(st, 1, &len);
		char *out = NULL;
		size_t olen = 0;
		if (t && (rc = crk_match_affected_compact(t, len, &out, &olen, err)) != CRK_OK)
			break;
		if (!out)
			continue;
		if (CRK_GROW(rows, alloc, n + 1) != 0) {
			crk_free(out);
			rc = nomem(err);
			break;
		}
		rows[n].rowid = crk_stmt_int64(st, 0);
		rows[n].json = out;
		rows[n++].len = olen;
	}
	crk_stmt_reset(st);
	if (rc == CRK_OK)
		rc = crk_store_prepare(im->s, &st, "UPDATE affected SET json = ? WHERE rowid = ?",
				       err);
	for (i = 0; i < n && rc == CRK_OK; i++) {
		crk_stmt_bind_text(st, 1, rows[i].json, rows[i].len);
		crk_stmt_bind_int64(st, 2, rows[i].rowid);
		rc = run(st, err);
	}
	for (i = 0; i < n; i++)
		crk_free(rows[i].json);
	crk_free(rows);
	if (rc < 0)
		return rc;
	return crk_store_meta_set(im->s, COMPACT_KEY, "1", err);
}

static int write_osv(struct crk_vulndb__importer *im, const struct crk_osv_record *r,
		     const char *text, size_t textlen, struct crk_err *err)
{
	struct crk_stmt *st;
	const char **ids;
	int64_t adv = 0, grp;
	size_t i;
	int rc, exists = 0;
	char *aliases, *severity, *upstream;

	if (!im->compacted) {
		if ((rc = compact_stored(im, err)))
			return rc;
		im->compacted = 1;
	}
	im->st->osv_records++;
	if (r->withdrawn_us)
		im->st->osv_withdrawn++;
	if ((rc = crk_store_prepare(im->s, &st,
				    "SELECT adv, modified_us FROM advisory WHERE id = ?", err)))
		return rc;
	crk_stmt_bind_text(st, 1, r->id, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		exists = 1;
		adv = crk_stmt_int64(st, 0);
		if (crk_stmt_int64(st, 1) >= r->modified_us) {
			crk_stmt_reset(st);
			im->st->osv_unchanged++;
			return CRK_OK;
		}
	}
	crk_stmt_reset(st);

	ids = crk_arena_array(&im->scratch, r->naliases + 1, sizeof(*ids));
	if (!ids)
		return nomem(err);
	ids[0] = r->id;
	for (i = 0; i < r->naliases; i++)
		ids[i + 1] = r->aliases[i];
	if ((rc = alias_group(im, ids, r->naliases + 1, &grp, err)))
		return rc;

	/* the record's own id is not one of its aliases (some distribution records list it) */
	crk_strbuf_reset(&im->sb);
	for (i = 0; i < r->naliases; i++) {
		if (strcmp(r->aliases[i], r->id) == 0)
			continue;
		if (im->sb.len)
			crk_strbuf_addch(&im->sb, '\n');
		crk_strbuf_adds(&im->sb, r->aliases[i]);
	}
	aliases = crk_arena_strndup(&im->scratch, im->sb.buf, im->sb.len);
	crk_strbuf_reset(&im->sb);
	for (i = 0; i < r->nupstream; i++) {
		if (strcmp(r->upstream[i], r->id) == 0)
			continue;
		if (im->sb.len)
			crk_strbuf_addch(&im->sb, '\n');
		crk_strbuf_adds(&im->sb, r->upstream[i]);
	}
	upstream = crk_arena_strndup(&im->scratch, im->sb.buf, im->sb.len);
	crk_strbuf_reset(&im->sb);
	for (i = 0; i < r->nseverity; i++)
		crk_strbuf_addf(&im->sb, "%s%s\t%s", i ? "\n" : "", r->severity[i].type,
				r->severity[i].score);
	severity = crk_arena_strndup(&im->scratch, im->sb.buf, im->sb.len);
	if (!crk_strbuf_ok(&im->sb) || !aliases || !severity || !upstream)
		return nomem(err);

	if (exists) {
		/* the ecosystems it leaves are recounted too (osv_summary) */
		if ((rc = crk_store_prepare(im->s, &st,
					    "SELECT DISTINCT eco FROM affected WHERE adv = ?", err)))
			return rc;
		crk_stmt_bind_int64(st, 1, adv);
		while ((rc = crk_stmt_step(st, err)) == 1) {
			size_t el;
			const char *eco = crk_stmt_text(st, 0, &el);
			if (eco && (rc = touch_ecosystem(im, eco, el, err)))
				break;
		}
		crk_stmt_reset(st);
		if (rc < 0)
			return rc;
		if ((rc = crk_store_prepare(im->s, &st, "DELETE FROM affected WHERE adv = ?", err)))
			return rc;
		crk_stmt_bind_int64(st, 1, adv);
		if ((rc = run(st, err)))
			return rc;
		rc = crk_store_prepare(im->s, &st,
				       "UPDATE advisory SET modified_us = ?, published = ?,"
				       " withdrawn = ?, summary = ?, aliases = ?, severity = ?,"
				       " grp = ?, upstream = ?10 WHERE adv = ?9",
				       err);
	} else {
		rc = crk_store_prepare(im->s, &st,
				       "INSERT INTO advisory(modified_us, published, withdrawn,"
				       " summary, aliases, severity, grp, id, upstream)"
				       " VALUES (?, ?, ?, ?, ?, ?, ?, ?9, ?10)",
				       err);
	}
	if (rc)
		return rc;
	crk_stmt_bind_int64(st, 1, r->modified_us);
	if (r->published_us)
		crk_stmt_bind_int64(st, 2, r->published_us / 1000000);
	if (r->withdrawn_us)
		crk_stmt_bind_int64(st, 3, r->withdrawn_us / 1000000);
	crk_stmt_bind_text(st, 4, r->summary, (size_t)-1);
	crk_stmt_bind_text(st, 5, aliases, (size_t)-1);
	crk_stmt_bind_text(st, 6, severity, (size_t)-1);
	crk_stmt_bind_int64(st, 7, grp);
	if (exists)
		crk_stmt_bind_int64(st, 9, adv);
	else
		crk_stmt_bind_text(st, 9, r->id, (size_t)-1);
	crk_stmt_bind_text(st, 10, upstream, (size_t)-1);
	if ((rc = run(st, err)))
		return rc;
	if (exists) {
		im->st->osv_replaced++;
	} else {
		adv = crk_store_last_insert_id(im->s);
		im->st->osv_inserted++;
	}
	/* the record as imported, in its own table (0033): a scan never reads it */
	if ((rc = crk_store_prepare(im->s, &st,
				    "INSERT OR REPLACE INTO advisory_record(adv, record) VALUES (?, ?)",
				    err)))
		return rc;
	crk_stmt_bind_int64(st, 1, adv);
	crk_stmt_bind_text(st, 2, text, textlen);
	if ((rc = run(st, err)))
		return rc;

	if ((rc = crk_store_prepare(im->s, &st,
				    "INSERT INTO affected(adv, pos, eco, rel, name, ecosystem,"
				    " raw_name, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				    err)))
		return rc;
	for (i = 0; i < r->naffected; i++) {
		const struct crk_osv_affected *a = &r->affected[i];
		char name[CRK_VULNDB_MAX_NAME + 1], *compact = NULL;
		const char *rel;
		size_t blen, plen = 0;
		if (!a->ecosystem)
			continue;
		crk_vulndb__split_ecosystem(a->ecosystem, &blen, &rel);
		rc = crk_vulndb_normalize_name(a->ecosystem, a->name, strlen(a->name), name,
					       sizeof(name), err);
		if (rc)
			return rc;
		if ((rc = touch_ecosystem(im, a->ecosystem, blen, err)))
			return rc;
		crk_stmt_bind_int64(st, 1, adv);
		crk_stmt_bind_int64(st, 2, (int64_t)i);
		crk_stmt_bind_text(st, 3, a->ecosystem, blen);
		crk_stmt_bind_text(st, 4, rel ? rel : "", (size_t)-1);
		crk_stmt_bind_text(st, 5, name, (size_t)-1);
		crk_stmt_bind_text(st, 6, a->ecosystem, (size_t)-1);
		crk_stmt_bind_text(st, 7, a->name, (size_t)-1);
		/* the entry as the matcher reads it: no database_specific, no `versions` list
		 * that only repeats the ranges (crk_match_affected_compact; the record keeps
		 * everything) */
		if ((rc = crk_match_affected_compact(a->json, a->json_len, &compact, &plen, err)))
			return rc;
		if (compact)
			crk_stmt_bind_text(st, 8, compact, plen);
		else
			crk_stmt_bind_text(st, 8, a->json, a->json_len);
		rc = run(st, err);
		crk_free(compact);
		compact = NULL;
		if (rc)
			return rc;
	}
	return CRK_OK;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	return crk_strbuf_add(data, buf, size);
}

/* One OSV record: the whole document `text` (a file or archive member holding just it). */
static int import_osv_value(struct crk_vulndb__importer *im, json_t *v, const char *text,
			    size_t textlen, const char *display, struct crk_err *err)
{
	struct crk_osv_record r;
	struct crk_err e;
	int rc;
	crk_err_clear(&e);
	rc = crk_osv_read(&r, &im->scratch, v, display, 1, 1, &e);
	if (rc)
		return bad_record(im, rc, &e, err);
	return write_osv(im, &r, text, textlen, err);
}

/* ---- KEV ---- */

static int import_kev(struct crk_vulndb__importer *im, json_t *root, const char *buf, size_t len,
		      const char *display, struct crk_err *err)
{
	struct crk_kev_catalog cat;
	struct crk_stmt *st;
	int64_t newest = 0, imported = 0;
	size_t i;
	int rc;
	char *version = NULL;

	rc = crk_kev_read(&cat, &im->scratch, root, buf, len, display, err);
	if (rc) { /* a bad catalogue is never half-imported, even with --skip-invalid */
		if (err && !err->hint[0])
			crk_err_hint(err, "nothing was imported: a KEV catalogue is imported whole "
					  "or not at all");
		return rc;
	}
	rc = crk_vulndb__source_get(im->s, "kev", "", &imported, &newest, &version, err);
	crk_free(version);
	if (rc < 0)
		return rc;
	if (rc == 1 && newest >= cat.released_us / 1000000) {
		/* the stored catalogue is as new: checked now, nothing to change */
		im->st->kev_unchanged++;
		return crk_vulndb__source_set(im->s, "kev", "", im->now, -1, NULL, err);
	}
	if ((rc = crk_store_exec(im->s, "DELETE FROM kev", err)))
		return rc;
	if ((rc = crk_store_prepare(im->s, &st,
				    "INSERT OR REPLACE INTO kev(cve, vendor, product, name,"
				    " date_added, description, required_action, due_date,"
				    " ransomware, notes, cwes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
				    err)))
		return rc;
	for (i = 0; i < cat.n; i++) {
		const struct crk_kev_vuln *k = &cat.v[i];
		crk_stmt_bind_text(st, 1, k->cve, (size_t)-1);
		crk_stmt_bind_text(st, 2, k->vendor, (size_t)-1);
		crk_stmt_bind_text(st, 3, k->product, (size_t)-1);
		crk_stmt_bind_text(st, 4, k->name, (size_t)-1);
		crk_stmt_bind_text(st, 5, k->date_added, (size_t)-1);
		crk_stmt_bind_text(st, 6, k->description, (size_t)-1);
		crk_stmt_bind_text(st, 7, k->required_action, (size_t)-1);
		crk_stmt_bind_text(st, 8, k->due_date, (size_t)-1);
		crk_stmt_bind_text(st, 9, k->ransomware, (size_t)-1);
		crk_stmt_bind_text(st, 10, k->notes, (size_t)-1);
		crk_stmt_bind_text(st, 11, k->cwes, (size_t)-1);
		if ((rc = run(st, err)))
			return rc;
		im->st->kev_entries++;
		if ((i & 255) == 0)
			progress(im);
	}
	return crk_vulndb__source_set(im->s, "kev", "", im->now, cat.released_us / 1000000,
				      cat.version, err);
}

/* ---- EPSS ---- */

struct epss_ctx {
	struct crk_vulndb__importer *im;
	struct crk_stmt *st;
	struct crk_err *err;
};

static int epss_row(void *ud, const char *cve, size_t cvelen, double score, double pct,
		    unsigned line)
{
	struct epss_ctx *c = ud;
	int rc;
	crk_stmt_bind_text(c->st, 1, cve, cvelen);
	crk_stmt_bind_double(c->st, 2, score);
	crk_stmt_bind_double(c->st, 3, pct);
	if ((rc = run(c->st, c->err)))
		return rc;
	if ((++c->im->st->epss_scores & 4095) == 0)
		progress(c->im);
	return 0;
}

static int import_epss(struct crk_vulndb__importer *im, const char *buf, size_t len,
		       const char *display, struct crk_err *err)
{
	struct crk_epss_meta meta;
	struct epss_ctx c = {im, NULL, err};
	int64_t newest = 0, imported = 0;
	char *version = NULL;
	int rc;

	/* first pass checks the whole file and reads its date, without writing */
	rc = crk_epss_parse(buf, len, display, &meta, NULL, NULL, err);
	if (rc) {
		if (err && !err->hint[0])
			crk_err_hint(err, "nothing was imported: an EPSS file is imported whole or "
					  "not at all");
		return rc;
	}
	rc = crk_vulndb__source_get(im->s, "epss", "", &imported, &newest, &version, err);
	crk_free(version);
	if (rc < 0)
		return rc;
	if (rc == 1 && meta.date_s && newest >= meta.date_s) {
		im->st->epss_unchanged++;
		return crk_vulndb__source_set(im->s, "epss", "", im->now, -1, NULL, err);
	}
	if ((rc = crk_store_exec(im->s, "DELETE FROM epss", err)))
		return rc;
	if ((rc = crk_store_prepare(im->s, &c.st,
				    "INSERT OR REPLACE INTO epss(cve, score, percentile)"
				    " VALUES (?, ?, ?)",
				    err)))
		return rc;
	rc = crk_epss_parse(buf, len, display, &meta, epss_row, &c, err);
	if (rc)
		return rc;
	return crk_vulndb__source_set(im->s, "epss", "", im->now, meta.date_s,
				      meta.model[0] ? meta.model : NULL, err);
}

/* ---- documents ---- */

static int import_buffer(struct crk_vulndb__importer *im, const char *buf, size_t len,
			 const char *display, int depth, struct crk_err *err);

/* Undoes gzip into *out (heap), capped. */
static int gunzip(const char *buf, size_t len, const char *display, char **out, size_t *outlen,
		  struct crk_err *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_VULNDB_MAX_GUNZIP);
	char chunk[65536];
	la_ssize_t n;
	int rc = CRK_OK;

	*out = NULL;
	if (!a)
		return nomem(err);
	archive_read_support_filter_gzip(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_memory(a, buf, len) != ARCHIVE_OK ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK) {
		rc = crk_err_set(err, CRK_EPARSE, display, 0, 0, "not a readable gzip file: %s",
				 archive_error_string(a) ? archive_error_string(a) : "?");
		goto out;
	}
	while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		if (crk_strbuf_add(&sb, chunk, (size_t)n) != 0) {
			rc = crk_err_set(err, sb.len + (size_t)n > CRK_VULNDB_MAX_GUNZIP ? CRK_ELIMIT
											 : CRK_ENOMEM,
					 display, 0, 0, "gzip content larger than %zu bytes",
					 CRK_VULNDB_MAX_GUNZIP);
			goto out;
		}
	}
	if (n < 0) {
		rc = crk_err_set(err, CRK_EPARSE, display, 0, 0, "corrupt gzip data: %s",
				 archive_error_string(a) ? archive_error_string(a) : "?");
		goto out;
	}
	*outlen = sb.len;
	*out = crk_strbuf_detach(&sb, NULL);
	if (!*out)
		rc = nomem(err);
out:
	crk_strbuf_release(&sb);
	archive_read_free(a);
	return rc;
}

/* A name ending with `suffix`, ASCII case ignored. */
static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Reads every *.json member of an open zip archive. */
static int import_zip(struct crk_vulndb__importer *im, struct archive *a, const char *display,
		      struct crk_err *err)
{
	struct archive_entry *ae;
	struct crk_strbuf path = CRK_STRBUF_INIT(CRK_MAX_PATH);
	char *buf = NULL;
	size_t cap = 0, members = 0;
	uint64_t total = 0;
	int r, rc = CRK_OK;

	im->in_archive++;
	while ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *name = archive_entry_pathname(ae);
		size_t len = 0;
		la_ssize_t n;
		if (++members > CRK_VULNDB_MAX_MEMBERS) {
			rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
					 "zip archive with more than %zu members",
					 CRK_VULNDB_MAX_MEMBERS);
			goto out;
		}
		if (archive_entry_filetype(ae) != AE_IFREG || !name || !ends_with(name, ".json"))
			continue;
		if (archive_entry_size_is_set(ae) &&
		    (uint64_t)archive_entry_size(ae) > CRK_OSV_MAX_RECORD) {
			rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
					 "%s: member larger than %zu bytes", name, CRK_OSV_MAX_RECORD);
			goto out;
		}
		for (;;) {
			if (len == cap) {
				size_t ncap = cap ? cap * 2 : 65536;
				char *nb;
				if (cap >= CRK_OSV_MAX_RECORD) {
					rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
							 "%s: member larger than %zu bytes", name,
							 CRK_OSV_MAX_RECORD);
					goto out;
				}
				nb = crk_realloc(buf, ncap + 1);
				if (!nb) {
					rc = nomem(err);
					goto out;
				}
				buf = nb;
				cap = ncap;
			}
			n = archive_read_data(a, buf + len, cap - len);
			if (n < 0) {
				rc = crk_err_set(err, CRK_EPARSE, display, 0, 0,
						 "%s: corrupt zip member: %s", name,
						 archive_error_string(a) ? archive_error_string(a)
									 : "?");
				crk_err_hint(err, "the archive is damaged; download it again");
				goto out;
			}
			if (n == 0)
				break;
			len += (size_t)n;
			total += (uint64_t)n;
			if (total > CRK_VULNDB_MAX_ARCHIVE) {
				rc = crk_err_set(err, CRK_ELIMIT, display, 0, 0,
						 "zip archive content larger than %llu bytes",
						 (unsigned long long)CRK_VULNDB_MAX_ARCHIVE);
				goto out;
			}
		}
		buf[len] = '\0';
		crk_strbuf_reset(&path);
		crk_strbuf_addf(&path, "%s/%s", display, name);
		rc = import_buffer(im, buf, len, crk_strbuf_ok(&path) ? path.buf : display, 1, err);
		if (rc)
			goto out;
	}
	if (r != ARCHIVE_EOF) {
		rc = crk_err_set(err, CRK_EPARSE, display, 0, 0, "not a readable zip archive: %s",
				 archive_error_string(a) ? archive_error_string(a) : "?");
		crk_err_hint(err, "the archive is damaged or truncated; download it again");
	}
out:
	im->in_archive--;
	crk_free(buf);
	crk_strbuf_release(&path);
	return rc;
}

static int import_zip_memory(struct crk_vulndb__importer *im, const char *buf, size_t len,
			     const char *display, struct crk_err *err)
{
	struct archive *a = archive_read_new();
	int rc;
	if (!a)
		return nomem(err);
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, buf, len) != ARCHIVE_OK) {
		rc = crk_err_set(err, CRK_EPARSE, display, 0, 0, "not a readable zip archive: %s",
				 archive_error_string(a) ? archive_error_string(a) : "?");
	} else {
		rc = import_zip(im, a, display, err);
	}
	archive_read_free(a);
	return rc;
}

static int import_zip_fd(struct crk_vulndb__importer *im, int fd, const char *display,
			 struct crk_err *err)
{
	struct archive *a = archive_read_new();
	int rc;
	if (!a)
		return nomem(err);
	archive_read_support_format_zip(a);
	if (archive_read_open_fd(a, fd, 1 << 16) != ARCHIVE_OK) {
		rc = crk_err_set(err, CRK_EPARSE, display, 0, 0, "not a readable zip archive: %s",
				 archive_error_string(a) ? archive_error_string(a) : "?");
	} else {
		rc = import_zip(im, a, display, err);
	}
	archive_read_free(a);
	return rc;
}

static int import_json(struct crk_vulndb__importer *im, const char *buf, size_t len,
		       const char *display, struct crk_err *err)
{
	json_error_t jerr;
	json_t *root;
	struct crk_err e;
	int rc = CRK_OK;
	size_t i;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		crk_err_set(&e, CRK_EPARSE, display, (unsigned)(jerr.line > 0 ? jerr.line : 0),
			    (unsigned)(jerr.column > 0 ? jerr.column : 0), "%s", jerr.text);
		return bad_record(im, CRK_EPARSE, &e, err);
	}
	if (crk_kev_is_catalog(root)) {
		rc = import_kev(im, root, buf, len, display, err);
	} else if (json_is_object(root)) {
		rc = import_osv_value(im, root, buf, len, display, err);
		scratch_done(im);
	} else if (json_is_array(root)) {
		for (i = 0; i < json_array_size(root) && rc == CRK_OK; i++) {
			json_t *v = json_array_get(root, i);
			struct crk_osv_record r;
			crk_err_clear(&e);
			rc = crk_osv_read(&r, &im->scratch, v, display, 0, 0, &e);
			if (rc) {
				/* place the bad record: only now is its offset looked for */
				size_t off = 0;
				if (crk_json_array_elem_offset(buf, len, 0, i, &off) == 0)
					crk_linecol(buf, len, off, &e.line, &e.col);
				rc = bad_record(im, rc, &e, err);
			} else {
				crk_strbuf_reset(&im->rec);
				if (json_dump_callback(v, dump_cb, &im->rec, JSON_COMPACT) != 0 ||
				    !crk_strbuf_ok(&im->rec))
					rc = nomem(err);
				else
					rc = write_osv(im, &r, im->rec.buf, im->rec.len, err);
			}
			scratch_done(im);
			if ((i & 63) == 0)
				progress(im);
		}
	} else {
		rc = crk_err_set(&e, CRK_EPARSE, display, 1, 1,
				 "not an OSV record, a KEV catalogue or an EPSS file");
		rc = bad_record(im, rc, &e, err);
	}
	json_decref(root);
	progress(im);
	return rc;
}

/* One document: zip, gzip (at depth 0 only), EPSS CSV, or JSON. */
static int import_buffer(struct crk_vulndb__importer *im, const char *buf, size_t len,
			 const char *display, int depth, struct crk_err *err)
{
	im->st->files++;
	im->st->bytes += len;
	if (len >= 4 && memcmp(buf, "PK\003\004", 4) == 0) {
		if (im->in_archive)
			return crk_err_set(err, CRK_EUNSUPPORTED, display, 0, 0,
					   "a zip archive inside a zip archive");
		return import_zip_memory(im, buf, len, display, err);
	}
	if (len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) {
		char *plain = NULL;
		size_t plen = 0;
		int rc;
		if (depth > 0)
			return crk_err_set(err, CRK_EUNSUPPORTED, display, 0, 0,
					   "gzip inside gzip or an archive");
		rc = gunzip(buf, len, display, &plain, &plen, err);
		if (rc == CRK_OK) { /* counted once, by its uncompressed size */
			im->st->files--;
			im->st->bytes -= len;
			rc = import_buffer(im, plain, plen, display, depth + 1, err);
		}
		crk_free(plain);
		return rc;
	}
	if (crk_epss_sniff(buf, len))
		return import_epss(im, buf, len, display, err);
	return import_json(im, buf, len, display, err);
}

/* ---- files and directories ---- */

static int import_fd(struct crk_vulndb__importer *im, int fd, const char *display,
		     struct crk_err *err)
{
	unsigned char magic[4];
	ssize_t n;
	char *buf = NULL;
	size_t len = 0;
	int rc;
	n = pread(fd, magic, sizeof(magic), 0);
	if (n < 0)
		return crk_err_set(err, CRK_EIO, display, 0, 0, "cannot read: %s", strerror(errno));
	if (n == 4 && memcmp(magic, "PK\003\004", 4) == 0) {
		im->st->files++;
		return import_zip_fd(im, fd, display, err);
	}
	rc = crk_read_fd(fd, display, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc)
		return rc;
	if (len == 0) {
		struct crk_err e;
		crk_err_set(&e, CRK_EPARSE, display, 0, 0, "empty file");
		crk_free(buf);
		return bad_record(im, CRK_EPARSE, &e, err);
	}
	rc = import_buffer(im, buf, len, display, 0, err);
	crk_free(buf);
	return rc;
}

struct walk_ctx {
	struct crk_vulndb__importer *im;
	const char *root;
	struct crk_err *err;
	int rc;
};

static int walk_cb(void *ud, const struct crk_walk_entry *e)
{
	struct walk_ctx *w = ud;
	struct crk_strbuf disp = CRK_STRBUF_INIT(CRK_MAX_PATH);
	int fd, rc;
	if (e->type != CRK_WALK_FILE)
		return 0;
	if (!ends_with(e->name, ".json") && !ends_with(e->name, ".zip") &&
	    !ends_with(e->name, ".csv") && !ends_with(e->name, ".gz"))
		return 0;
	crk_strbuf_addf(&disp, "%s/%s", w->root, e->relpath);
	fd = openat(e->dirfd, e->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		rc = crk_err_set(w->err, CRK_EIO, disp.buf, 0, 0, "cannot open: %s",
				 strerror(errno));
		crk_strbuf_release(&disp);
		return rc;
	}
	rc = import_fd(w->im, fd, crk_strbuf_ok(&disp) ? disp.buf : e->name, w->err);
	close(fd);
	crk_strbuf_release(&disp);
	return rc;
}

int crk_vulndb__import_path(struct crk_vulndb__importer *im, const char *path,
			    const char *display, struct crk_err *err)
{
	struct stat sb;
	int fd, rc;
	if (!display)
		display = path;
	if (stat(path, &sb) != 0) {
		int e = errno;
		return crk_err_set(err, e == ENOENT ? CRK_ENOTFOUND : CRK_EIO, display, 0, 0,
				   "cannot read: %s", strerror(e));
	}
	if (S_ISDIR(sb.st_mode)) {
		struct walk_ctx w = {im, display, err, 0};
		struct crk_walk_opts wo;
		memset(&wo, 0, sizeof(wo));
		rc = crk_walk(path, &wo, walk_cb, &w, im->diags, NULL, err);
		progress(im);
		return rc;
	}
	if (!S_ISREG(sb.st_mode))
		return crk_err_set(err, CRK_EINVAL, display, 0, 0,
				   "not a regular file or a directory");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return crk_err_set(err, CRK_EIO, display, 0, 0, "cannot open: %s", strerror(errno));
	rc = import_fd(im, fd, display, err);
	close(fd);
	progress(im);
	return rc;
}

/* ---- the importer ---- */

int crk_vulndb__importer_new(struct crk_vulndb__importer **out, struct crk_store *s,
			     const struct crk_vulndb_import_opts *opts,
			     struct crk_vulndb_import_stats *stats, struct crk_diags *diags)
{
	struct crk_vulndb__importer *im = crk_calloc(1, sizeof(*im));
	*out = NULL;
	if (!im)
		return CRK_ENOMEM;
	im->s = s;
	im->flags = opts ? opts->flags : 0;
	im->now = opts && opts->now ? opts->now : (int64_t)time(NULL);
	im->st = stats ? stats : &im->own_stats;
	im->diags = diags;
	crk_progress_init(&im->prog, (im->flags & CRK_VULNDB_QUIET) != 0);
	crk_arena_init(&im->scratch);
	crk_arena_init(&im->keep);
	crk_map_init(&im->ecos);
	crk_strbuf_init(&im->sb, CRK_OSV_MAX_RECORD);
	crk_strbuf_init(&im->rec, CRK_OSV_MAX_RECORD);
	*out = im;
	return CRK_OK;
}

void crk_vulndb__importer_free(struct crk_vulndb__importer *im)
{
	if (!im)
		return;
	crk_progress_done(&im->prog);
	crk_arena_release(&im->scratch);
	crk_arena_release(&im->keep);
	crk_map_release(&im->ecos);
	crk_strbuf_release(&im->sb);
	crk_strbuf_release(&im->rec);
	crk_free(im);
}

int crk_vulndb__importer_finish(struct crk_vulndb__importer *im, struct crk_err *err)
{
	size_t it = 0, kl;
	const char *k;
	void *v;
	int rc;
	while (crk_map_next(&im->ecos, &it, &k, &kl, &v)) {
		rc = crk_vulndb__source_set(im->s, "osv", k, im->now, -1, NULL, err);
		if (rc == CRK_OK)
			rc = crk_vulndb__summary_refresh(im->s, k, err);
		if (rc)
			return rc;
	}
	return CRK_OK;
}

int crk_vulndb_import(struct crk_store *s, const char *const *paths, size_t npaths,
		      const struct crk_vulndb_import_opts *opts,
		      struct crk_vulndb_import_stats *stats, struct crk_diags *diags,
		      struct crk_err *err)
{
	struct crk_vulndb__importer *im;
	size_t i;
	int rc;
	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (crk_vulndb__importer_new(&im, s, opts, stats, diags) != CRK_OK)
		return nomem(err);
	rc = crk_store_begin(s, err);
	if (rc) {
		crk_vulndb__importer_free(im);
		return rc;
	}
	for (i = 0; i < npaths && rc == CRK_OK; i++)
		rc = crk_vulndb__import_path(im, paths[i], paths[i], err);
	if (rc == CRK_OK)
		rc = crk_vulndb__importer_finish(im, err);
	if (rc == CRK_OK)
		rc = crk_store_commit(s, err);
	if (rc != CRK_OK && crk_store_in_transaction(s))
		crk_store_rollback(s, NULL);
	crk_vulndb__importer_free(im);
	return rc;
}

int crk_vulndb_import_buffer(struct crk_store *s, const char *buf, size_t len,
			     const char *display, const struct crk_vulndb_import_opts *opts,
			     struct crk_vulndb_import_stats *stats, struct crk_diags *diags,
			     struct crk_err *err)
{
	struct crk_vulndb__importer *im;
	int rc;
	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (crk_vulndb__importer_new(&im, s, opts, stats, diags) != CRK_OK)
		return nomem(err);
	rc = crk_store_begin(s, err);
	if (rc == CRK_OK)
		rc = import_buffer(im, buf, len, display ? display : "-", 0, err);
	if (rc == CRK_OK)
		rc = crk_vulndb__importer_finish(im, err);
	if (rc == CRK_OK)
		rc = crk_store_commit(s, err);
	if (rc != CRK_OK && crk_store_in_transaction(s))
		crk_store_rollback(s, NULL);
	crk_vulndb__importer_free(im);
	return rc;
}
