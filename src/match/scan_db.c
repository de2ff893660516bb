/*
 * scan_db.c - crk_scan_run(): the scan against the store. The store's vulnerability database
 * (crakit/vulndb.h) is turned into the matcher's callbacks (crakit/match.h: struct
 * crk_match_source and struct crk_enrich_source) and into the plain database description the
 * report reads (struct crk_scan_db_source).
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "crakit/match.h"
#include "crakit/scan.h"
#include "crakit/vulndb.h"
#include "match/scan_impl.h"
#include "base/banned.h"

/* A CVE's KEV answer, kept for the scan: the findings of several components (one package at
 * several versions) and of several records often name the same CVE. */
struct kev_memo {
	int listed;
	struct crk_enrich_kev k; /* strings in db_ctx.keep */
};

struct db_ctx {
	struct crk_store *store;
	struct crk_arena arena;   /* one entry's or KEV lookup's scratch; released after each */
	struct crk_arena keep;    /* the scan's: memoised KEV answers and their keys */
	struct crk_map kevs;      /* CVE -> struct kev_memo */
	struct crk_epss_score epss;
};

struct lookup_ctx {
	struct db_ctx *d;
	crk_match_emit_fn emit;
	void *ctx;
};

/* One stored entry -> the matcher, without copying it (the store's buffers, valid for the
 * call: the matcher copies what it keeps). */
static int emit_row(void *ud, const struct crk_vuln_affected *e, struct crk_err *err)
{
	struct lookup_ctx *l = ud;
	struct crk_match_severity sev[16], *sv = sev;
	struct crk_match_advisory adv;
	size_t j;
	int rc;

	memset(&adv, 0, sizeof(adv));
	adv.id = e->id;
	adv.aliases = e->aliases;
	adv.naliases = e->naliases;
	adv.summary = e->summary;
	adv.upstream = e->upstream;
	adv.nupstream = e->nupstream;
	adv.published = e->published;
	adv.modified = e->modified;
	adv.withdrawn = e->withdrawn;
	adv.pos = e->pos;
	if (e->nseverity > sizeof(sev) / sizeof(sev[0]) &&
	    !(sv = crk_arena_array(&l->d->arena, e->nseverity, sizeof(*sv))))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (j = 0; j < e->nseverity; j++) {
		sv[j].type = e->severity[j].type;
		sv[j].score = e->severity[j].score;
	}
	adv.severity = e->nseverity ? sv : NULL;
	adv.nseverity = e->nseverity;
	adv.affected_json = e->json;
	adv.affected_len = e->json_len;
	rc = l->emit(l->ctx, &adv, err);
	crk_arena_release(&l->d->arena);
	return rc;
}

static int lookup(void *ud, const char *ecosystem, const char *name, crk_match_emit_fn emit,
		  void *ctx, struct crk_err *err)
{
	struct lookup_ctx l = {ud, emit, ctx};
	return crk_vulndb_affected_each(l.d->store, ecosystem, NULL, name, CRK_VULNDB_ANY_RELEASE,
					emit_row, &l, err);
}

static int kev(void *ud, const char *cve, struct crk_enrich_kev *out, struct crk_err *err)
{
	struct db_ctx *d = ud;
	struct crk_kev_entry e;
	struct kev_memo *km;
	size_t n = strlen(cve);
	const char *key;
	int rc;
	if ((km = crk_map_get(&d->kevs, cve, n))) {
		*out = km->k;
		return km->listed;
	}
	crk_arena_release(&d->arena);
	rc = crk_vulndb_kev(d->store, cve, &d->arena, &e, err);
	if (rc < 0)
		return rc;
	if (!(km = crk_arena_alloc(&d->keep, sizeof(*km))) ||
	    !(key = crk_arena_strndup(&d->keep, cve, n)))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	memset(km, 0, sizeof(*km));
	km->listed = rc == 1;
	if (km->listed) {
		km->k.date_added = e.date_added ? crk_arena_strdup(&d->keep, e.date_added) : NULL;
		km->k.due_date = e.due_date ? crk_arena_strdup(&d->keep, e.due_date) : NULL;
		km->k.ransomware = e.ransomware && !strcmp(e.ransomware, "Known");
		if ((e.date_added && !km->k.date_added) || (e.due_date && !km->k.due_date))
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (crk_map_put(&d->kevs, key, n, km) != 0)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	*out = km->k;
	return km->listed;
}

static int epss(void *ud, const char *cve, struct crk_enrich_epss *out, struct crk_err *err)
{
	struct db_ctx *d = ud;
	int rc = crk_vulndb_epss(d->store, cve, &d->epss, err);
	if (rc <= 0)
		return rc;
	out->score = d->epss.score;
	out->percentile = d->epss.percentile;
	out->date = d->epss.date[0] ? d->epss.date : NULL;
	return 1;
}

int crk_scan_run(struct crk_scan_report **out, struct crk_store *store,
		 const struct crk_bom *bom, const struct crk_scan_config *cfg,
		 struct crk_err *err)
{
	struct db_ctx d;
	struct crk_arena sa;
	struct crk_vulndb_source *src = NULL;
	struct crk_scan_db_source *db = NULL;
	struct crk_findings *f = NULL;
	struct crk_scan_config c = *cfg;
	struct crk_match_source ms;
	struct crk_enrich_source es;
	size_t n = 0, i;
	int rc, has_kev = 0, has_epss = 0, began = 0;

	*out = NULL;
	memset(&d, 0, sizeof(d));
	d.store = store;
	crk_arena_init(&d.arena);
	crk_arena_init(&d.keep);
	crk_map_init(&d.kevs);
	crk_arena_init(&sa);

	/* one read transaction for the whole scan: SQLite then takes its shared lock once, not
	 * once per query (two syscalls each, ~10% of a scan of 10,000 components) */
	rc = crk_store_begin(store, err);
	if (rc)
		goto out;
	began = 1;
	rc = crk_vulndb_status(store, &sa, &src, &n, err);
	if (rc)
		goto out;
	db = crk_calloc(n ? n : 1, sizeof(*db));
	if (!db) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		db[i].kind = (int)src[i].kind;
		db[i].ecosystem = src[i].ecosystem;
		db[i].records = src[i].records - (src[i].kind == CRK_VULNDB_OSV ? src[i].withdrawn : 0);
		db[i].newest = src[i].newest;
		db[i].imported = src[i].imported;
		has_kev |= src[i].kind == CRK_VULNDB_KEV && src[i].records > 0;
		has_epss |= src[i].kind == CRK_VULNDB_EPSS && src[i].records > 0;
	}
	c.db = db;
	c.ndb = n;

	f = crk_findings_new();
	if (!f) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	ms.ud = &d;
	ms.lookup = lookup;
	rc = crk_match_bom(f, bom, &ms, 0, err);
	if (rc)
		goto out;
	es.ud = &d;
	es.kev = has_kev ? kev : NULL;
	es.epss = has_epss ? epss : NULL;
	rc = crk_findings_enrich(f, &es, err);
	if (rc)
		goto out;
	rc = crk_scan_report_build(out, bom, f, &c, err);
	if (rc)
		goto out;
	(*out)->priv->findings = f; /* the report owns them now */
	f = NULL;
out:
	if (began)
		crk_store_rollback(store, NULL); /* nothing was written */
	crk_findings_free(f);
	crk_free(db);
	crk_arena_release(&d.arena);
	crk_map_release(&d.kevs);
	crk_arena_release(&d.keep);
	crk_arena_release(&sa);
	return rc;
}
