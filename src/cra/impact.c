/*
 * impact.c - "which products and releases contain this?" (include/crakit/release.h), now or
 * as of a past day, with the VEX decision that was in force then.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "formats/purl.h"
#include "base/banned.h"

/* Days since 1970-01-01 of a valid "YYYY-MM-DD" (proleptic Gregorian; Howard Hinnant's
 * days_from_civil). -1 when it is not a date. */
static int64_t day_number(const char *s)
{
	int y, m, d;
	static const int md[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t era, yoe, doy, doe;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > md[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct vexq {
	struct crk_stmt *st;
	int available; /* the VEX table exists */
};

/* The newest VEX statement made up to `until` (Unix seconds) about one of the ids in `ids`
 * ("\nID\nALIAS\n") for the component `purl` (or any version of it, or every component, or the
 * product). */
static int vex_at(struct crk_store *s, struct vexq *q, const char *ids, const char *purl,
		  size_t baselen, const char *product, int64_t until, struct crk_impact_row *row,
		  struct crk_strbuf *keep, struct crk_err *err)
{
	struct crk_err ignored;
	int rc;
	if (!q->available)
		return CRK_OK;
	if (!q->st) {
		crk_err_clear(&ignored);
		if (crk_store_prepare(
			    s, &q->st,
			    "SELECT status, justification, created FROM vex_statement "
			    "WHERE created <= ?1 AND instr(upper(?2), upper(char(10) || vuln || "
			    "char(10))) > 0 AND (subject = ?3 OR subject = ?4 OR subject = '*' OR "
			    "subject = ?5) AND (product IS NULL OR product = ?5) "
			    "ORDER BY created DESC, id DESC LIMIT 1",
			    &ignored)) {
			q->available = 0; /* a store without VEX decisions */
			return CRK_OK;
		}
	}
	crk_stmt_reset(q->st);
	crk_stmt_bind_int64(q->st, 1, until);
	crk_stmt_bind_text(q->st, 2, ids, (size_t)-1);
	crk_stmt_bind_text(q->st, 3, purl, (size_t)-1);
	crk_stmt_bind_text(q->st, 4, purl, baselen);
	crk_stmt_bind_text(q->st, 5, product, (size_t)-1);
	rc = crk_stmt_step(q->st, err);
	if (rc == 1) {
		const char *st = crk_stmt_text(q->st, 0, NULL), *j = crk_stmt_text(q->st, 1, NULL);
		size_t off;
		crk_strbuf_reset(keep);
		crk_strbuf_adds(keep, st ? st : "");
		crk_strbuf_addch(keep, '\0');
		off = keep->len;
		crk_strbuf_adds(keep, j ? j : "");
		if (!crk_strbuf_ok(keep))
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		row->vex_status = keep->buf;
		row->vex_justification = j ? keep->buf + off : NULL;
		row->vex_at = crk_stmt_int64(q->st, 2);
	}
	crk_stmt_reset(q->st);
	return rc < 0 ? rc : CRK_OK;
}

static size_t base_len(const char *purl)
{
	size_t n = strlen(purl), i, at = n;
	for (i = 0; i < n; i++)
		if (purl[i] == '@')
			at = i;
	return at;
}

int crk_impact(struct crk_store *s, const char *query, const char *as_of,
	       int (*fn)(void *ud, const struct crk_impact_row *r), void *ud,
	       struct crk_err *err)
{
	struct crk_strbuf q = CRK_STRBUF_INIT(1 << 16), keep = CRK_STRBUF_INIT(1 << 16);
	struct crk_arena arena;
	struct vexq vq = {NULL, 1};
	struct crk_stmt *st;
	char day[11];
	int64_t until;
	int is_purl = strncmp(query, "pkg:", 4) == 0, rc;

	if (as_of) {
		if (day_number(as_of) < 0)
			return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					   "--as-of '%s' is not a date: expected YYYY-MM-DD", as_of);
		snprintf(day, sizeof(day), "%s", as_of);
	} else {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	}
	until = (day_number(day) + 1) * 86400 - 1; /* the end of that day, UTC */
	crk_arena_init(&arena);
	if (is_purl) {
		struct crk_purl p;
		struct crk_purl bare;
		rc = crk_purl_parse(&p, query, strlen(query), &arena, err);
		if (rc) {
			crk_arena_release(&arena);
			return rc;
		}
		bare = p;
		bare.qualifiers = NULL;
		bare.nqualifiers = 0;
		bare.subpath = NULL;
		rc = crk_purl_build(&q, &bare, err);
		if (rc)
			goto out;
		rc = crk_store_prepare(
			s, &st,
			"SELECT p.name, r.version, r.placed, c.purl FROM release_component c "
			"JOIN release r ON r.id = c.release_id JOIN product p ON p.id = r.product_id "
			"WHERE (c.purl = ?1 OR c.purl_base = ?1) AND r.placed <= ?2 "
			"ORDER BY p.name, r.placed, r.id, c.purl",
			err);
	} else {
		rc = crk_store_prepare(
			s, &st,
			"SELECT p.name, r.version, r.placed, f.purl, f.vuln, f.ids FROM release_finding f "
			"JOIN release r ON r.id = f.release_id JOIN product p ON p.id = r.product_id "
			"WHERE instr(upper(f.ids), upper(char(10) || ?1 || char(10))) > 0 "
			"AND r.placed <= ?2 ORDER BY p.name, r.placed, r.id, f.purl",
			err);
		crk_strbuf_adds(&q, query);
	}
	if (rc)
		goto out;
	if (!crk_strbuf_ok(&q)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	crk_stmt_bind_text(st, 1, q.buf, q.len);
	crk_stmt_bind_text(st, 2, day, 10);
	while ((rc = crk_stmt_step(st, err)) == 1) {
		struct crk_impact_row row;
		memset(&row, 0, sizeof(row));
		row.product = crk_stmt_text(st, 0, NULL);
		row.version = crk_stmt_text(st, 1, NULL);
		row.placed = crk_stmt_text(st, 2, NULL);
		row.purl = crk_stmt_text(st, 3, NULL);
		if (!is_purl) {
			row.vuln = crk_stmt_text(st, 4, NULL);
			rc = vex_at(s, &vq, crk_stmt_text(st, 5, NULL), row.purl, base_len(row.purl),
				    row.product, until, &row, &keep, err);
			if (rc)
				break;
		}
		if (fn(ud, &row)) {
			rc = 0;
			break;
		}
	}
	crk_stmt_reset(st);
	if (rc > 0)
		rc = CRK_OK;
out:
	crk_strbuf_release(&q);
	crk_strbuf_release(&keep);
	crk_arena_release(&arena);
	return rc;
}
