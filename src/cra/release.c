/*
 * release.c - recording releases with their documents, and their retention (include/crakit/
 * release.h; tables of src/store/sql/sqlite/0029-release.sql).
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/release.h"
#include "crakit/sbomio.h"
#include "crakit/store.h"
#include "base/banned.h"

/* ---- dates ---- */

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* "YYYY-MM-DD", or "YYYY-MM" (the last day of the month) when month_end_ok. 0 or -1. */
static int parse_date(const char *s, int month_end_ok, int *y, int *m, int *d)
{
	size_t n = s ? strlen(s) : 0;
	int i;
	if (n != 10 && !(month_end_ok && n == 7))
		return -1;
	for (i = 0; i < (int)n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	if (*y < 1970 || *m < 1 || *m > 12)
		return -1;
	if (n == 7) {
		*d = month_days(*y, *m);
		return 0;
	}
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *d >= 1 && *d <= month_days(*y, *m) ? 0 : -1;
}

int crk_retention_until(const char *placed, const char *support_end, char out[11],
			const char **basis, struct crk_err *err)
{
	int y, m, d, sy, sm, sd;
	if (parse_date(placed, 0, &y, &m, &d))
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "'%s' is not a date: expected YYYY-MM-DD", placed ? placed : "");
	/* Art. 13(13): at least ten years after placing on the market; 29 February + 10 years
	 * is 28 February (the day does not exist) */
	y += 10;
	if (d > month_days(y, m))
		d = month_days(y, m);
	if (basis)
		*basis = "10 years after placing on the market (Art. 13(13))";
	if (support_end && *support_end) {
		if (parse_date(support_end, 1, &sy, &sm, &sd))
			return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					   "'%s' is not a support period end: expected YYYY-MM-DD "
					   "or YYYY-MM",
					   support_end);
		if (sy > y || (sy == y && (sm > m || (sm == m && sd > d)))) {
			y = sy;
			m = sm;
			d = sd;
			if (basis)
				*basis = "end of the support period, later than 10 years (Art. 13(13))";
		}
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return CRK_OK;
}

static void today(char out[11], int64_t now)
{
	time_t t = (time_t)(now ? now : (int64_t)time(NULL));
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- recording ---- */

static int product_id(struct crk_store *s, const char *name, const char *manufacturer,
		      int64_t *id, struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(s, &st,
				   "INSERT INTO product (name, manufacturer) VALUES (?, ?) "
				   "ON CONFLICT (name) DO NOTHING",
				   err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, name, (size_t)-1);
	if (manufacturer)
		crk_stmt_bind_text(st, 2, manufacturer, (size_t)-1);
	else
		crk_stmt_bind_null(st, 2);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc < 0)
		return rc;
	rc = crk_store_prepare(s, &st, "SELECT id FROM product WHERE name = ?", err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, name, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1)
		*id = crk_stmt_int64(st, 0);
	crk_stmt_reset(st);
	return rc < 0 ? rc : rc == 1 ? CRK_OK : crk_err_set(err, CRK_EINTERNAL, NULL, 0, 0,
							     "product row vanished");
}

/* The purl without version, qualifiers and subpath. */
static size_t purl_base_len(const char *purl)
{
	size_t n = strcspn(purl, "?#"), i, at = n;
	/* the version starts at the last '@' after the type's '/' (npm scopes are %40-encoded) */
	for (i = 0; i < n; i++)
		if (purl[i] == '@')
			at = i;
	return at;
}

static int index_components(struct crk_store *s, int64_t rel, const struct crk_bom *bom,
			    size_t *count, struct crk_err *err)
{
	struct crk_stmt *st;
	size_t i, n = crk_bom_count(bom);
	int rc = crk_store_prepare(s, &st,
				   "INSERT INTO release_component (release_id, purl, purl_base, "
				   "name, version) VALUES (?, ?, ?, ?, ?)",
				   err);
	if (rc)
		return rc;
	*count = 0;
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		const char *purl = c && c->purl ? c->purl : NULL;
		if (!purl)
			continue;
		crk_stmt_reset(st);
		crk_stmt_bind_int64(st, 1, rel);
		crk_stmt_bind_text(st, 2, purl, strcspn(purl, "?#"));
		crk_stmt_bind_text(st, 3, purl, purl_base_len(purl));
		crk_stmt_bind_text(st, 4, c->name ? c->name : "", (size_t)-1);
		if (c->version)
			crk_stmt_bind_text(st, 5, c->version, (size_t)-1);
		else
			crk_stmt_bind_null(st, 5);
		rc = crk_stmt_step(st, err);
		if (rc < 0) {
			crk_stmt_reset(st);
			return rc;
		}
		(*count)++;
	}
	crk_stmt_reset(st);
	return CRK_OK;
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The findings of `crakit scan --json` (docs/scan.schema.json): an object with a "findings"
 * array (or the array itself); each finding names its advisory ("id", or "advisory"/
 * "vulnerability" as a string or an object with "id") and "aliases", and its component
 * ("purl", or "component" with "purl"). */
static int index_findings(struct crk_store *s, int64_t rel, const char *buf, size_t len,
			  const char *name, size_t *count, struct crk_err *err)
{
	json_error_t je;
	json_t *root = json_loadb(buf, len, 0, &je), *arr, *f;
	struct crk_stmt *st = NULL;
	size_t i;
	int rc;

	*count = 0;
	if (!root)
		return crk_err_set(err, CRK_EPARSE, name, je.line > 0 ? (unsigned)je.line : 0,
				   je.column > 0 ? (unsigned)je.column : 0, "%s", je.text);
	arr = json_is_array(root) ? root : json_object_get(root, "findings");
	if (!json_is_array(arr)) {
		json_decref(root);
		return crk_err_set(err, CRK_EPARSE, name, 1, 1,
				   "not the JSON of 'crakit scan --json': no \"findings\" array");
	}
	rc = crk_store_prepare(s, &st,
			       "INSERT INTO release_finding (release_id, vuln, ids, purl) "
			       "VALUES (?, ?, ?, ?)",
			       err);
	json_array_foreach(arr, i, f) {
		struct crk_strbuf ids = CRK_STRBUF_INIT(1 << 16);
		json_t *adv = json_object_get(f, "advisory"), *al, *a, *comp;
		const char *id = jstr(f, "id"), *purl = jstr(f, "purl");
		size_t k;
		if (rc)
			break;
		if (!adv)
			adv = json_object_get(f, "vulnerability");
		if (!id && json_is_string(adv))
			id = json_string_value(adv);
		if (!id && json_is_object(adv))
			id = jstr(adv, "id");
		comp = json_object_get(f, "component");
		if (!purl && json_is_object(comp))
			purl = jstr(comp, "purl");
		if (!id || !purl)
			continue;
		al = json_object_get(f, "aliases");
		if (!al && json_is_object(adv))
			al = json_object_get(adv, "aliases");
		crk_strbuf_addf(&ids, "\n%s\n", id);
		json_array_foreach(al, k, a)
			if (json_is_string(a))
				crk_strbuf_addf(&ids, "%s\n", json_string_value(a));
		if (!crk_strbuf_ok(&ids)) {
			crk_strbuf_release(&ids);
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		crk_stmt_reset(st);
		crk_stmt_bind_int64(st, 1, rel);
		crk_stmt_bind_text(st, 2, id, (size_t)-1);
		crk_stmt_bind_text(st, 3, ids.buf, ids.len);
		crk_stmt_bind_text(st, 4, purl, strcspn(purl, "?#"));
		crk_strbuf_release(&ids);
		rc = crk_stmt_step(st, err);
		if (rc > 0)
			rc = 0;
		(*count)++;
	}
	if (st)
		crk_stmt_reset(st);
	json_decref(root);
	return rc < 0 ? rc : CRK_OK;
}

static int put_doc(struct crk_store *s, const char *media, const char *buf, size_t len,
		   const char *action, const char *subject, const char *actor, int64_t now,
		   char sha[65], struct crk_err *err)
{
	char detail[128];
	int rc = crk_doc_put(s, media, buf, len, sha, err);
	if (rc)
		return rc;
	snprintf(detail, sizeof(detail), "{\"media_type\":\"%s\",\"size\":%zu}", media, len);
	return crk_audit_append(s, now, actor, action, subject, detail, sha, NULL, NULL, err);
}

int crk_release_record(struct crk_store *s, const struct crk_release_in *in,
		       struct crk_release_out *out, struct crk_diags *diags, struct crk_err *err)
{
	struct crk_bom *bom = NULL;
	struct crk_sbom_info info;
	struct crk_strbuf subj = CRK_STRBUF_INIT(4096), detail = CRK_STRBUF_INIT(8192);
	struct crk_stmt *st;
	char placed[11], sbom_sha[65] = "", find_sha[65] = "", ass_sha[65] = "";
	int64_t pid = 0, now = in->now ? in->now : (int64_t)time(NULL);
	const char *actor = crk_audit_actor(in->actor);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!in->product || !*in->product || !in->version || !*in->version)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "a release needs a product and a version");
	if (in->placed)
		snprintf(placed, sizeof(placed), "%s", in->placed);
	else
		today(placed, now);
	rc = crk_retention_until(placed, in->support_end, out->retain_until, &out->retention_basis,
				 err);
	if (rc)
		return rc;
	if (in->sbom) {
		rc = crk_bom_read(in->sbom, in->sbom_len, in->sbom_name ? in->sbom_name : "sbom", &bom,
				  &info, diags, err);
		if (rc)
			return rc;
	}
	crk_strbuf_addf(&subj, "%s@%s", in->product, in->version);
	if (!crk_strbuf_ok(&subj)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	rc = crk_store_begin(s, err);
	if (rc)
		goto done;
	rc = product_id(s, in->product, in->manufacturer, &pid, err);
	if (rc)
		goto fail;
	rc = crk_store_prepare(s, &st, "SELECT 1 FROM release WHERE product_id = ? AND version = ?",
			       err);
	if (rc)
		goto fail;
	crk_stmt_bind_int64(st, 1, pid);
	crk_stmt_bind_text(st, 2, in->version, (size_t)-1);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc == 1) {
		rc = crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				 "%s %s is already recorded: releases are history and are never "
				 "replaced (record the next version instead)",
				 in->product, in->version);
		goto fail;
	}
	if (rc < 0)
		goto fail;
	if (in->sbom && (rc = put_doc(s, "application/vnd.crakit.sbom", in->sbom, in->sbom_len,
				      "document.sbom", subj.buf, actor, now, sbom_sha, err)))
		goto fail;
	if (in->findings &&
	    (rc = put_doc(s, "application/vnd.crakit.findings+json", in->findings,
			  in->findings_len, "document.findings", subj.buf, actor, now, find_sha, err)))
		goto fail;
	if (in->assessment &&
	    (rc = put_doc(s, "application/vnd.crakit.assessment+json", in->assessment,
			  in->assessment_len, "document.assessment", subj.buf, actor, now, ass_sha,
			  err)))
		goto fail;
	rc = crk_store_prepare(s, &st,
			       "INSERT INTO release (product_id, version, placed, support_end, "
			       "security_only, retain_until, retention_basis, recorded, sbom, findings, "
			       "assessment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       err);
	if (rc)
		goto fail;
	crk_stmt_bind_int64(st, 1, pid);
	crk_stmt_bind_text(st, 2, in->version, (size_t)-1);
	crk_stmt_bind_text(st, 3, placed, (size_t)-1);
	if (in->support_end && *in->support_end)
		crk_stmt_bind_text(st, 4, in->support_end, (size_t)-1);
	else
		crk_stmt_bind_null(st, 4);
	crk_stmt_bind_int64(st, 5, in->security_only ? 1 : 0);
	crk_stmt_bind_text(st, 6, out->retain_until, (size_t)-1);
	crk_stmt_bind_text(st, 7, out->retention_basis, (size_t)-1);
	crk_stmt_bind_int64(st, 8, now);
	if (*sbom_sha)
		crk_stmt_bind_text(st, 9, sbom_sha, 64);
	else
		crk_stmt_bind_null(st, 9);
	if (*find_sha)
		crk_stmt_bind_text(st, 10, find_sha, 64);
	else
		crk_stmt_bind_null(st, 10);
	if (*ass_sha)
		crk_stmt_bind_text(st, 11, ass_sha, 64);
	else
		crk_stmt_bind_null(st, 11);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc < 0)
		goto fail;
	out->id = crk_store_last_insert_id(s);
	if (bom && (rc = index_components(s, out->id, bom, &out->ncomponents, err)))
		goto fail;
	if (in->findings && (rc = index_findings(s, out->id, in->findings, in->findings_len,
						 in->findings_name ? in->findings_name : "findings",
						 &out->nfindings, err)))
		goto fail;
	crk_strbuf_addf(&detail,
			"{\"placed\":\"%s\",\"retain_until\":\"%s\",\"security_only\":%s,"
			"\"components\":%zu,\"findings\":%zu}",
			placed, out->retain_until, in->security_only ? "true" : "false",
			out->ncomponents, out->nfindings);
	if (!crk_strbuf_ok(&detail)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto fail;
	}
	rc = crk_audit_append(s, now, actor, "release.record", subj.buf, detail.buf,
			      *sbom_sha ? sbom_sha : NULL, &out->audit_seq, NULL, err);
	if (rc)
		goto fail;
	rc = crk_store_commit(s, err);
	if (rc)
		goto fail;
	memcpy(out->sbom_sha256, sbom_sha, sizeof(sbom_sha));
	goto done;
fail:
	crk_store_rollback(s, NULL);
done:
	crk_strbuf_release(&subj);
	crk_strbuf_release(&detail);
	crk_bom_free(bom);
	return rc;
}

/* ---- listing ---- */

static const char *coltext(struct crk_stmt *st, int i)
{
	return crk_stmt_text(st, i, NULL);
}

int crk_release_each(struct crk_store *s, const char *product,
		     int (*fn)(void *ud, const struct crk_release_row *r), void *ud,
		     struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(
		s, &st,
		"SELECT r.id, p.name, r.version, r.placed, r.support_end, r.retain_until, "
		"r.retention_basis, r.security_only, r.recorded, r.sbom, "
		"(SELECT count(*) FROM release_component c WHERE c.release_id = r.id), "
		"(SELECT count(*) FROM release_finding f WHERE f.release_id = r.id) "
		"FROM release r JOIN product p ON p.id = r.product_id "
		"WHERE ? IS NULL OR p.name = ? ORDER BY p.name, r.placed, r.id",
		err);
	if (rc)
		return rc;
	if (product) {
		crk_stmt_bind_text(st, 1, product, (size_t)-1);
		crk_stmt_bind_text(st, 2, product, (size_t)-1);
	} else {
		crk_stmt_bind_null(st, 1);
		crk_stmt_bind_null(st, 2);
	}
	while ((rc = crk_stmt_step(st, err)) == 1) {
		struct crk_release_row r;
		r.id = crk_stmt_int64(st, 0);
		r.product = coltext(st, 1);
		r.version = coltext(st, 2);
		r.placed = coltext(st, 3);
		r.support_end = coltext(st, 4);
		r.retain_until = coltext(st, 5);
		r.retention_basis = coltext(st, 6);
		r.security_only = (int)crk_stmt_int64(st, 7);
		r.recorded = crk_stmt_int64(st, 8);
		r.sbom_sha256 = coltext(st, 9);
		r.ncomponents = crk_stmt_int64(st, 10);
		r.nfindings = crk_stmt_int64(st, 11);
		if (fn(ud, &r)) {
			rc = 0;
			break;
		}
	}
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}
