/*
 * checks_store.c - what `crakit assess` and `crakit docs` read from the store (see checks.h):
 * the latest release of the product recorded with `crakit release record` (placed on or before
 * the assessment day), with the SBOM snapshot and findings stored with it
 * (include/crakit/release.h; tables of src/store/sql/sqlite/0029-release.sql), and the VEX
 * decisions made since (include/crakit/vex.h), so that the automatic checks of Annex I Part II
 * (1) and (2) - an SBOM exists for the latest release and is fresh, no known exploited and no
 * unassessed critical vulnerability in it - work from the store. Each check that reads it says
 * which release, which store and how old.
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "cra/checks.h"
#include "base/banned.h"

static const char *copy_doc(struct crk_checkrun *run, const char *sha, size_t *len,
			    struct crk_err *err, int *rc)
{
	char *buf = NULL, media[64], *copy;
	size_t n = 0;
	*len = 0;
	*rc = CRK_OK;
	if (!sha || !*sha)
		return NULL;
	*rc = crk_doc_get(run->o->store, sha, &buf, &n, media, err);
	if (*rc != CRK_OK)
		return NULL;
	copy = crk_arena_alloc(run->a, n + 1);
	if (copy) {
		memcpy(copy, buf, n);
		copy[n] = '\0';
		*len = n;
	} else {
		*rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_free(buf);
	return copy;
}

int crk_cra__load_release(struct crk_checkrun *run, struct crk_err *err)
{
	const struct crk_cra_assess_opts *o = run->o;
	const char *product = run->m->product.name, *store = o->store_name ? o->store_name : "?";
	struct crk_stmt *st = NULL;
	struct crk_err e2;
	char today[11], recorded[11];
	char *sbom_sha = NULL, *find_sha = NULL, *version = NULL, *placed = NULL;
	int64_t rec = 0, age;
	int rc;

	if (!o->store || !product || !*product)
		return CRK_OK;
	crk_cra_date_str(o->today, today);
	crk_err_clear(&e2);
	rc = crk_store_prepare(o->store, &st,
			       "SELECT r.version, r.placed, r.recorded, r.sbom, r.findings "
			       "FROM release r JOIN product p ON p.id = r.product_id "
			       "WHERE p.name = ? AND r.placed <= ? "
			       "ORDER BY r.placed DESC, r.id DESC LIMIT 1",
			       &e2);
	if (rc == CRK_OK) {
		crk_stmt_bind_text(st, 1, product, (size_t)-1);
		crk_stmt_bind_text(st, 2, today, (size_t)-1);
		rc = crk_stmt_step(st, &e2);
		if (rc == 1) {
			version = crk_cra__aprintf(run->a, "%s", crk_stmt_text(st, 0, NULL));
			placed = crk_cra__aprintf(run->a, "%s", crk_stmt_text(st, 1, NULL));
			rec = crk_stmt_int64(st, 2);
			if (!crk_stmt_is_null(st, 3))
				sbom_sha = crk_cra__aprintf(run->a, "%s", crk_stmt_text(st, 3, NULL));
			if (!crk_stmt_is_null(st, 4))
				find_sha = crk_cra__aprintf(run->a, "%s", crk_stmt_text(st, 4, NULL));
			if (!version || !placed || (!crk_stmt_is_null(st, 3) && !sbom_sha) ||
			    (!crk_stmt_is_null(st, 4) && !find_sha)) {
				crk_stmt_reset(st);
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			}
		}
		crk_stmt_reset(st);
	}
	if (rc == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	if (rc < 0) {
		/* a store without the release tables (read-only, written by an older crakit) */
		if (o->store_explicit &&
		    !(run->rel_none = crk_cra__aprintf(run->a, "the store %s (it cannot be read: %s)",
						       store, e2.msg)))
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		return CRK_OK;
	}
	if (rc == 0) {
		if (o->store_explicit &&
		    !(run->rel_none = crk_cra__aprintf(
			      run->a, "the store %s (no release of %s placed on or before %s: "
				      "'crakit release record' records one)",
			      store, product, today)))
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		return CRK_OK;
	}
	age = o->today - rec / 86400;
	crk_cra_date_str(rec / 86400, recorded);
	run->rel_version = version;
	run->rel_desc = crk_cra__aprintf(
		run->a, "release %s of %s (placed on the market %s, recorded %s, %lld day%s before %s) "
			"in the store %s",
		version, product, placed, recorded, (long long)age, age == 1 || age == -1 ? "" : "s",
		today, store);
	if (!run->rel_desc)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	run->rel_sbom = copy_doc(run, sbom_sha, &run->rel_sbom_len, err, &rc);
	if (rc == CRK_OK)
		run->rel_findings = copy_doc(run, find_sha, &run->rel_findings_len, err, &rc);
	return rc;
}

static int load_vex(struct crk_checkrun *run)
{
	struct crk_vex_set *all, *set;
	struct crk_err e2;
	int64_t cutoff = (run->o->today + 1) * 86400; /* decisions made on or before that day */
	size_t i;
	int rc;
	run->vex_loaded = 1;
	if (!run->o->store)
		return 0;
	all = crk_vex_set_new();
	set = crk_vex_set_new();
	if (!all || !set) {
		crk_vex_set_free(all);
		crk_vex_set_free(set);
		return -1;
	}
	crk_err_clear(&e2);
	rc = crk_vex_store_load(run->o->store, all, NULL, &e2);
	if (rc == CRK_ENOMEM) {
		crk_vex_set_free(all);
		crk_vex_set_free(set);
		return -1;
	}
	if (rc == CRK_OK) { /* a store without the VEX table has no decisions */
		for (i = 0; i < crk_vex_set_count(all); i++) {
			const struct crk_vex_stmt *s = crk_vex_set_get(all, i);
			if (s->time < cutoff && crk_vex_set_add(set, s, &e2) == CRK_ENOMEM) {
				crk_vex_set_free(all);
				crk_vex_set_free(set);
				return -1;
			}
		}
	}
	crk_vex_set_free(all);
	run->vex = set;
	return 0;
}

const char *crk_cra__vex_decision(struct crk_checkrun *run, const char *const *ids, size_t nids,
				  const char *purl, const char *product, int *suppresses)
{
	const struct crk_vex_stmt *d = NULL;
	*suppresses = 0;
	if (!run->vex_loaded && load_vex(run)) {
		run->nomem = 1;
		return NULL;
	}
	if (!run->vex)
		return NULL;
	if (product)
		d = crk_vex_decide(run->vex, ids, nids, purl, product);
	if (!d && run->m->product.name)
		d = crk_vex_decide(run->vex, ids, nids, purl, run->m->product.name);
	if (!d)
		return NULL;
	*suppresses = d->status == CRK_VEX_NOT_AFFECTED || d->status == CRK_VEX_FIXED;
	return crk_vex_status_str(d->status);
}

void crk_cra__vex_release(struct crk_checkrun *run)
{
	crk_vex_set_free(run->vex);
	run->vex = NULL;
}
