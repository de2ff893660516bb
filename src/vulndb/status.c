/*
 * status.c - what the vulnerability database holds, per source (crk_vulndb_status): OSV per
 * base ecosystem (advisories, withdrawn, newest `modified`, import time), KEV, EPSS.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "vulndb/vulndb_impl.h"
#include "base/banned.h"

static int add(struct crk_vulndb_source **v, size_t *n, size_t *alloc)
{
	if (CRK_GROW(*v, *alloc, *n + 1) != 0)
		return -1;
	memset(&(*v)[*n], 0, sizeof(**v));
	(*n)++;
	return 0;
}

int crk_vulndb__summary_refresh(struct crk_store *s, const char *eco, struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(
		s, &st,
		"INSERT OR REPLACE INTO osv_summary(eco, records, withdrawn, newest)"
		" SELECT ?1, count(DISTINCT f.adv),"
		" count(DISTINCT CASE WHEN a.withdrawn IS NOT NULL THEN f.adv END),"
		" coalesce(max(a.modified_us), 0) / 1000000"
		" FROM affected f JOIN advisory a ON a.adv = f.adv WHERE f.eco = ?1",
		err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, eco, (size_t)-1);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

int crk_vulndb_status(struct crk_store *s, struct crk_arena *arena,
		      struct crk_vulndb_source **out, size_t *n, struct crk_err *err)
{
	struct crk_vulndb_source *v = NULL;
	size_t nv = 0, av = 0, i;
	struct crk_stmt *st, *cnt;
	int rc;

	*out = NULL;
	*n = 0;
	rc = crk_store_prepare(s, &st,
			       "SELECT kind, ecosystem, imported_at, newest, version FROM source"
			       " ORDER BY CASE kind WHEN 'osv' THEN 0 WHEN 'kev' THEN 1 ELSE 2 END,"
			       " ecosystem",
			       err);
	if (rc)
		return rc;
	while ((rc = crk_stmt_step(st, err)) == 1) {
		const char *kind = crk_stmt_text(st, 0, NULL), *eco = crk_stmt_text(st, 1, NULL);
		const char *ver = crk_stmt_text(st, 4, NULL);
		struct crk_vulndb_source *e;
		if (!kind)
			continue;
		if (add(&v, &nv, &av) != 0)
			goto oom;
		e = &v[nv - 1];
		e->kind = !strcmp(kind, "osv") ? CRK_VULNDB_OSV
			  : !strcmp(kind, "kev") ? CRK_VULNDB_KEV
						 : CRK_VULNDB_EPSS;
		e->imported = crk_stmt_int64(st, 2);
		e->newest = crk_stmt_int64(st, 3);
		if (e->kind == CRK_VULNDB_OSV && !(e->ecosystem = crk_arena_strdup(arena, eco ? eco : "")))
			goto oom;
		if (ver && !(e->version = crk_arena_strdup(arena, ver)))
			goto oom;
	}
	crk_stmt_reset(st);
	if (rc < 0)
		goto fail;
	for (i = 0; i < nv; i++) {
		struct crk_vulndb_source *e = &v[i];
		/* OSV: the summary kept at import (0031-osv-summary.sql), one row read */
		if (e->kind == CRK_VULNDB_OSV)
			rc = crk_store_prepare(s, &cnt,
					       "SELECT records, withdrawn, newest FROM osv_summary"
					       " WHERE eco = ?",
					       err);
		else
			rc = crk_store_prepare(s, &cnt,
					       e->kind == CRK_VULNDB_KEV
						       ? "SELECT count(*), 0, NULL FROM kev"
						       : "SELECT count(*), 0, NULL FROM epss",
					       err);
		if (rc)
			goto fail;
		if (e->kind == CRK_VULNDB_OSV)
			crk_stmt_bind_text(cnt, 1, e->ecosystem, (size_t)-1);
		rc = crk_stmt_step(cnt, err);
		if (e->kind == CRK_VULNDB_OSV)
			e->newest = 0; /* no summary row: no advisory of the ecosystem */
		if (rc == 1) {
			e->records = crk_stmt_int64(cnt, 0);
			e->withdrawn = crk_stmt_int64(cnt, 1);
			if (e->kind == CRK_VULNDB_OSV)
				e->newest = crk_stmt_int64(cnt, 2);
		}
		crk_stmt_reset(cnt);
		if (rc < 0)
			goto fail;
	}
	if (nv) {
		*out = crk_arena_array(arena, nv, sizeof(*v));
		if (!*out)
			goto oom;
		memcpy(*out, v, nv * sizeof(*v));
		*n = nv;
	}
	crk_free(v);
	return CRK_OK;
oom:
	crk_stmt_reset(st);
	rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
fail:
	crk_free(v);
	return rc;
}
