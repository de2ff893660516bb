/*
 * findings.c - the findings set and its enrichment with KEV and EPSS (include/crakit/match.h).
 *
 * KEV (CISA's catalogue) and EPSS (FIRST's scores) are keyed by CVE id, so each finding asks
 * for its CVE ids in order -- the preferred id, then the aliases (sorted) -- and the first one
 * known wins. The lookups are callbacks: the store answers them in the scan; tests answer
 * them from tables.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "match/match_impl.h"
#include "base/banned.h"

struct crk_findings *crk_findings_new(void)
{
	struct crk_findings *f = crk_calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	if (!(f->priv = crk_calloc(1, sizeof(*f->priv)))) {
		crk_free(f);
		return NULL;
	}
	crk_arena_init(&f->priv->arena);
	return f;
}

void crk_findings_free(struct crk_findings *f)
{
	if (!f)
		return;
	if (f->priv) {
		crk_arena_release(&f->priv->arena);
		crk_free(f->priv);
	}
	crk_free(f->v);
	crk_free(f);
}

struct crk_finding *crk_match__finding_add(struct crk_findings *f)
{
	if (CRK_GROW(f->v, f->priv->alloc, f->n + 1))
		return NULL;
	memset(&f->v[f->n], 0, sizeof(f->v[0]));
	return &f->v[f->n++];
}

static int finding_cmp(const void *a, const void *b)
{
	const struct crk_finding *x = a, *y = b;
	if (x->component != y->component)
		return x->component < y->component ? -1 : 1;
	return strcmp(x->id, y->id);
}

void crk_match__findings_sort_range(struct crk_findings *f, size_t from)
{
	size_t i;
	for (i = from + 1; i < f->n; i++) /* the matcher adds them in order already, mostly */
		if (finding_cmp(&f->v[i - 1], &f->v[i]) > 0)
			break;
	if (i < f->n)
		qsort(f->v + from, f->n - from, sizeof(f->v[0]), finding_cmp);
}

void crk_match__findings_sort(struct crk_findings *f)
{
	crk_match__findings_sort_range(f, 0);
}

static int is_cve(const char *id)
{
	return id && strncmp(id, "CVE-", 4) == 0;
}

static const char *cdup(struct crk_findings *f, const char *s, int *failed)
{
	const char *d;
	if (!s)
		return NULL;
	if (!(d = crk_arena_strdup(&f->priv->arena, s)))
		*failed = 1;
	return d;
}

static int enrich_one(struct crk_findings *f, struct crk_finding *x, const char *cve,
		      const struct crk_enrich_source *src, struct crk_err *err)
{
	int rc, failed = 0;
	if (src->kev && !x->kev.listed) {
		struct crk_enrich_kev k;
		memset(&k, 0, sizeof(k));
		rc = src->kev(src->ud, cve, &k, err);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			x->kev.listed = 1;
			x->kev.cve = cdup(f, cve, &failed);
			x->kev.date_added = cdup(f, k.date_added, &failed);
			x->kev.due_date = cdup(f, k.due_date, &failed);
			x->kev.ransomware = k.ransomware;
		}
	}
	if (src->epss && !x->epss.present) {
		struct crk_enrich_epss e;
		memset(&e, 0, sizeof(e));
		rc = src->epss(src->ud, cve, &e, err);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			x->epss.present = 1;
			x->epss.cve = cdup(f, cve, &failed);
			x->epss.score = e.score;
			x->epss.percentile = e.percentile;
			x->epss.date = cdup(f, e.date, &failed);
		}
	}
	return failed ? crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory") : CRK_OK;
}

int crk_findings_enrich(struct crk_findings *f, const struct crk_enrich_source *src,
			struct crk_err *err)
{
	size_t i, j;
	int rc;
	if (!f || !src)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "crk_findings_enrich: no argument");
	for (i = 0; i < f->n; i++) {
		struct crk_finding *x = &f->v[i];
		if (is_cve(x->id) && (rc = enrich_one(f, x, x->id, src, err)) != CRK_OK)
			return rc;
		for (j = 0; j < x->naliases; j++)
			if (is_cve(x->aliases[j]) &&
			    (rc = enrich_one(f, x, x->aliases[j], src, err)) != CRK_OK)
				return rc;
		/* a distribution's advisory: the CVEs it derives from (OSV `upstream`) */
		for (j = 0; j < x->nupstream; j++)
			if (is_cve(x->upstream[j]) &&
			    (rc = enrich_one(f, x, x->upstream[j], src, err)) != CRK_OK)
				return rc;
	}
	return CRK_OK;
}
