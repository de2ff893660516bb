/*
 * scan.c - the report of a vulnerability scan (include/crakit/scan.h): severity from the best
 * CVSS vector, the VEX overlay, what the scan could not see (fail closed), and the --fail-on
 * policy. The matcher (match.c) and the database (src/vulndb/) are not touched here: the
 * report is built from findings and a plain description of the database, so it is tested
 * without either (tests/unit/match/test_scan.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "crakit/scan.h"
#include "match/scan_impl.h"
#include "base/banned.h"

#define DEFAULT_MAX_AGE ((int64_t)24 * 3600) /* as `crakit db status` */

const char *crk_scan_problem_kind_str(enum crk_scan_problem_kind k)
{
	switch (k) {
	case CRK_SCAN_DB_EMPTY: return "db_empty";
	case CRK_SCAN_DB_STALE: return "db_stale";
	case CRK_SCAN_KEV_MISSING: return "kev_missing";
	case CRK_SCAN_KEV_STALE: return "kev_stale";
	case CRK_SCAN_INPUT_UNPARSED: return "input_unparsed";
	case CRK_SCAN_ECOSYSTEM_UNCOVERED: return "ecosystem_uncovered";
	case CRK_SCAN_NOT_MATCHABLE: return "not_matchable";
	case CRK_SCAN_UNEVALUATED: return "unevaluated";
	case CRK_SCAN_EPSS_MISSING: return "epss_missing";
	}
	return "unknown";
}

void crk_scan_report_free(struct crk_scan_report *r)
{
	if (!r)
		return;
	if (r->priv) {
		crk_findings_free(r->priv->findings);
		crk_vex_set_free(r->priv->vex);
		crk_arena_release(&r->priv->arena);
		crk_free(r->priv);
	}
	crk_free(r->items);
	crk_free(r->problems);
	crk_free(r->sources);
	crk_free(r);
}

/* The name a person knows a package by (table, SARIF messages). */
const char *crk_scan__display_name(struct crk_arena *a, const struct crk_component *c)
{
	const char *t = c->type ? c->type : "";
	if (!c->ns || !*c->ns || !strcmp(t, "deb") || !strcmp(t, "rpm") || !strcmp(t, "apk") ||
	    !strcmp(t, "alpm"))
		return c->name;
	if (!strcmp(t, "maven"))
		return crk_arena_printf(a, "%s:%s", c->ns, c->name);
	return crk_arena_printf(a, "%s/%s", c->ns, c->name);
}

static int add_problem(struct crk_scan_report *r, size_t *alloc, enum crk_scan_problem_kind kind,
		       int blocking, const char *subject, size_t count, const char *message)
{
	struct crk_scan_problem *p;
	if (!message || CRK_GROW(r->problems, *alloc, r->nproblems + 1))
		return -1;
	p = &r->problems[r->nproblems++];
	p->kind = kind;
	p->blocking = blocking;
	p->subject = subject;
	p->count = count;
	p->message = message;
	if (blocking)
		r->incomplete = 1;
	return 0;
}

static void ymd(int64_t t, char out[16])
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) || !strftime(out, 16, "%Y-%m-%d", &tm))
		snprintf(out, 16, "?");
}

/* "N hours" below two days, else "N days". */
static const char *age_str(struct crk_arena *a, int64_t secs)
{
	if (secs < 0)
		secs = 0;
	if (secs < 2 * 86400)
		return crk_arena_printf(a, "%lld hour%s", (long long)(secs / 3600),
					secs / 3600 == 1 ? "" : "s");
	return crk_arena_printf(a, "%lld days", (long long)(secs / 86400));
}

/* Stale when imported longer ago than max_age (as `crakit db status` says it). */
static int stale(const struct crk_scan_report *r, int64_t imported)
{
	return imported > 0 && r->now - imported > r->max_age;
}

/* The database problems: empty, KEV missing or stale, EPSS missing. (Staleness of advisories
 * is judged per ecosystem the BOM uses: coverage_problems.) */
static int db_problems(struct crk_scan_report *r, size_t *palloc, const struct crk_scan_config *cfg)
{
	struct crk_arena *a = &r->priv->arena;
	int64_t osv = 0, newest = 0, kev_imported = 0;
	int kev = 0, epss = 0;
	size_t i;
	char d[16];

	r->sources = crk_calloc(cfg->ndb ? cfg->ndb : 1, sizeof(*r->sources));
	if (!r->sources)
		return -1;
	for (i = 0; i < cfg->ndb; i++) {
		const struct crk_scan_db_source *s = &cfg->db[i];
		struct crk_scan_source_age *o = &r->sources[r->nsources++];
		o->records = s->records;
		o->newest = s->newest;
		o->imported = s->imported;
		if (s->kind == 1) {
			o->what = crk_arena_printf(a, "OSV %s", s->ecosystem ? s->ecosystem : "?");
			osv += s->records;
			if (s->newest > newest)
				newest = s->newest;
		} else if (s->kind == 2) {
			o->what = "KEV";
			kev = s->records > 0;
			kev_imported = s->imported;
		} else {
			o->what = "EPSS";
			epss = s->records > 0;
		}
		if (!o->what)
			return -1;
	}
	r->db_advisories = osv;
	r->db_newest = newest;
	if (!osv && add_problem(r, palloc, CRK_SCAN_DB_EMPTY, 1, NULL, 0,
				"the vulnerability database holds no advisories: nothing was "
				"checked, this is not a clean result"))
		return -1;
	if (!kev) {
		if (add_problem(r, palloc, CRK_SCAN_KEV_MISSING, 1, NULL, 0,
				"no CISA KEV catalogue is loaded: whether a vulnerability is "
				"actively exploited cannot be told"))
			return -1;
	} else if (stale(r, kev_imported)) {
		ymd(kev_imported, d);
		if (add_problem(r, palloc, CRK_SCAN_KEV_STALE, 1, "KEV", 0,
				crk_arena_printf(a,
						 "the CISA KEV catalogue is stale: imported %s, %s "
						 "before this scan (allowed: %s)",
						 d, age_str(a, r->now - kev_imported),
						 age_str(a, r->max_age))))
			return -1;
	}
	if (!epss && add_problem(r, palloc, CRK_SCAN_EPSS_MISSING, 0, NULL, 0,
				 "no EPSS scores are loaded: exploit probabilities are not shown"))
		return -1;
	return 0;
}

struct eco_count {
	const char *name;
	size_t n;
	int covered;
	int64_t imported;
};

/* Components per OSV base ecosystem: those with no advisory loaded make the scan incomplete;
 * those with no OSV ecosystem at all are said (they were not checked). */
static int coverage_problems(struct crk_scan_report *r, size_t *palloc,
			     const struct crk_scan_config *cfg)
{
	struct crk_arena *a = &r->priv->arena;
	struct crk_map ecos = CRK_MAP_INIT;
	struct eco_count **order = NULL;
	size_t i, j, norder = 0, oalloc = 0, unmatchable = 0;
	char eco[256], base[256], name[1024];
	int rc = -1;

	for (i = 0; i < crk_bom_count(r->bom); i++) {
		const struct crk_component *c = crk_bom_get(r->bom, i);
		struct eco_count *e;
		if (!c || (c->flags & CRK_PKG_LOCAL))
			continue;
		if (crk_match_key(c, eco, sizeof(eco), name, sizeof(name), NULL, 0, NULL) != CRK_OK) {
			unmatchable++;
			continue;
		}
		if (crk_match_ecosystem_base(eco, base, sizeof(base)) >= sizeof(base))
			continue;
		e = crk_map_get(&ecos, base, strlen(base));
		if (!e) {
			e = crk_arena_alloc(a, sizeof(*e));
			if (!e || !(e->name = crk_arena_strdup(a, base)) ||
			    crk_map_put(&ecos, e->name, strlen(e->name), e) ||
			    CRK_GROW(order, oalloc, norder + 1))
				goto out;
			order[norder++] = e;
			for (j = 0; j < cfg->ndb; j++)
				if (cfg->db[j].kind == 1 && cfg->db[j].ecosystem &&
				    !strcmp(cfg->db[j].ecosystem, base) && cfg->db[j].records > 0) {
					e->covered = 1;
					e->imported = cfg->db[j].imported;
				}
		}
		e->n++;
	}
	/* in name order, so outputs are stable */
	for (i = 1; i < norder; i++)
		for (j = i; j > 0 && strcmp(order[j - 1]->name, order[j]->name) > 0; j--) {
			struct eco_count *t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < norder; i++) {
		char d[16];
		if (order[i]->covered && stale(r, order[i]->imported)) {
			ymd(order[i]->imported, d);
			if (add_problem(r, palloc, CRK_SCAN_DB_STALE, 1, order[i]->name, order[i]->n,
					crk_arena_printf(a,
							 "the %s advisories are stale: imported %s, %s "
							 "before this scan (allowed: %s)",
							 order[i]->name, d,
							 age_str(a, r->now - order[i]->imported),
							 age_str(a, r->max_age))))
				goto out;
		}
		if (order[i]->covered || !r->db_advisories)
			continue;
		if (add_problem(r, palloc, CRK_SCAN_ECOSYSTEM_UNCOVERED, 1, order[i]->name,
				order[i]->n,
				crk_arena_printf(a,
						 "%zu %s component%s not checked: the database holds "
						 "no %s advisories",
						 order[i]->n, order[i]->name, order[i]->n == 1 ? " was" : "s were",
						 order[i]->name)))
			goto out;
	}
	if (unmatchable &&
	    add_problem(r, palloc, CRK_SCAN_NOT_MATCHABLE, 0, NULL, unmatchable,
			crk_arena_printf(a,
					 "%zu component%s no OSV ecosystem (no purl, or a package "
					 "type OSV does not cover) and %s not checked",
					 unmatchable, unmatchable == 1 ? " has" : "s have",
					 unmatchable == 1 ? "was" : "were")))
		goto out;
	rc = 0;
out:
	crk_free(order);
	crk_map_release(&ecos);
	return rc;
}

static int item_worse(const struct crk_scan_item *a, const struct crk_scan_item *b)
{
	/* <0 when a comes first: exploited, then higher score, then rated */
	if (a->exploited != b->exploited)
		return a->exploited ? -1 : 1;
	if (a->rated != b->rated)
		return a->rated ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return 0;
}

/* Per component: the worst of its unsuppressed items, for ordering components. */
struct comp_key {
	int exploited;
	double score;
};

static int cmp_items(const void *pa, const void *pb, void *ud)
{
	const struct crk_scan_item *a = pa, *b = pb;
	const struct comp_key *keys = ud;
	const struct comp_key *ka = &keys[a->f->component], *kb = &keys[b->f->component];
	int c;
	if (a->f->component != b->f->component) {
		if (ka->exploited != kb->exploited)
			return ka->exploited ? -1 : 1;
		if (ka->score != kb->score)
			return ka->score > kb->score ? -1 : 1;
		c = strcasecmp(a->display_name, b->display_name);
		if (c)
			return c;
		c = strcmp(a->comp->version ? a->comp->version : "",
			   b->comp->version ? b->comp->version : "");
		if (c)
			return c;
		return a->f->component < b->f->component ? -1 : 1;
	}
	if (a->suppressed != b->suppressed)
		return a->suppressed ? 1 : -1;
	c = item_worse(a, b);
	if (c)
		return c;
	return strcmp(a->f->id, b->f->id);
}

int crk_scan_report_build(struct crk_scan_report **out, const struct crk_bom *bom,
			  const struct crk_findings *findings, const struct crk_scan_config *cfg,
			  struct crk_err *err)
{
	struct crk_scan_report *r;
	struct comp_key *keys = NULL;
	const char **ids = NULL;
	size_t i, j, palloc = 0, idalloc = 0, ncomp = crk_bom_count(bom);
	unsigned char *vuln_comp = NULL;

	*out = NULL;
	r = crk_calloc(1, sizeof(*r));
	if (!r || !(r->priv = crk_calloc(1, sizeof(*r->priv))))
		goto oom;
	crk_arena_init(&r->priv->arena);
	r->bom = bom;
	r->now = cfg->now;
	r->max_age = cfg->max_age > 0 ? cfg->max_age : DEFAULT_MAX_AGE;
	r->ncomponents = ncomp;
	r->target = cfg->target ? crk_arena_strdup(&r->priv->arena, cfg->target) : NULL;
	r->product = cfg->product ? cfg->product : crk_bom_meta((struct crk_bom *)bom)->name;
	if (r->product && !(r->product = crk_arena_strdup(&r->priv->arena, r->product)))
		goto oom;

	/* what could not be seen, in the order a person should read it */
	if (db_problems(r, &palloc, cfg))
		goto oom;
	for (i = 0; i < cfg->ninput_problems; i++) {
		const struct crk_err *e = &cfg->input_problems[i];
		const char *where;
		if (e->line && e->col)
			where = crk_arena_printf(&r->priv->arena, "%s:%u:%u", e->path, e->line,
						 e->col);
		else if (e->line)
			where = crk_arena_printf(&r->priv->arena, "%s:%u", e->path, e->line);
		else
			where = crk_arena_strdup(&r->priv->arena, e->path);
		if (!where ||
		    add_problem(r, &palloc, CRK_SCAN_INPUT_UNPARSED, 1, where, 0,
				crk_arena_printf(&r->priv->arena,
						 "%s could not be parsed (%s): its components were "
						 "not checked",
						 where[0] ? where : "an input", e->msg)))
			goto oom;
	}
	if (coverage_problems(r, &palloc, cfg))
		goto oom;

	/* the findings */
	r->items = crk_calloc(findings && findings->n ? findings->n : 1, sizeof(*r->items));
	keys = crk_calloc(ncomp ? ncomp : 1, sizeof(*keys));
	vuln_comp = crk_calloc(ncomp ? ncomp : 1, 1);
	if (!r->items || !keys || !vuln_comp)
		goto oom;
	for (i = 0; findings && i < findings->n; i++) {
		const struct crk_finding *f = &findings->v[i];
		struct crk_scan_item *it = &r->items[r->nitems];
		size_t nids = 0;
		if (f->component >= ncomp)
			continue;
		it->f = f;
		it->comp = crk_bom_get(bom, f->component);
		it->display_name = crk_scan__display_name(&r->priv->arena, it->comp);
		if (!it->display_name)
			goto oom;
		it->score = -1;
		it->rating = CRK_CVSS_RATING_NONE;
		if (f->best >= 0 && (size_t)f->best < f->nseverity && f->severity[f->best].valid) {
			it->rated = 1;
			it->score = f->severity[f->best].score.score;
			it->rating = f->severity[f->best].score.rating;
			it->vector = f->severity[f->best].vector;
		}
		if (CRK_GROW(ids, idalloc, 1 + f->naliases + f->nrecords))
			goto oom;
		ids[nids++] = f->id;
		for (j = 0; j < f->naliases; j++)
			ids[nids++] = f->aliases[j];
		for (j = 0; j < f->nrecords; j++)
			ids[nids++] = f->records[j];
		it->vex = crk_vex_decide(cfg->vex, ids, nids, f->purl ? f->purl : it->comp->purl,
					 r->product);
		it->suppressed = it->vex && (it->vex->status == CRK_VEX_NOT_AFFECTED ||
					     it->vex->status == CRK_VEX_FIXED);
		it->exploited = f->kev.listed && !it->suppressed;
		/* CRA Art. 14(1): an actively exploited vulnerability contained in the product
		 * must be notified (early warning within 24 h, 14(2)(a)); KEV listing is the
		 * evidence of exploitation, a not_affected decision says it is not contained. */
		it->reportable = f->kev.listed &&
				 !(it->vex && it->vex->status == CRK_VEX_NOT_AFFECTED);
		if (it->reportable)
			r->nreportable++;
		if (it->suppressed) {
			r->nsuppressed++;
		} else {
			struct comp_key *k = &keys[f->component];
			if (!vuln_comp[f->component])
				k->score = -1;
			r->nfindings++;
			vuln_comp[f->component] = 1;
			if (it->exploited) {
				r->nexploited++;
				k->exploited = 1;
			}
			if (it->score > k->score)
				k->score = it->score;
			if (f->status == CRK_FINDING_UNKNOWN)
				r->nunknown++;
			if (!it->rated)
				r->nunrated++;
			else if (it->rating == CRK_CVSS_RATING_CRITICAL)
				r->ncritical++;
			else if (it->rating == CRK_CVSS_RATING_HIGH)
				r->nhigh++;
			else if (it->rating == CRK_CVSS_RATING_MEDIUM)
				r->nmedium++;
			else if (it->rating == CRK_CVSS_RATING_LOW)
				r->nlow++;
			else
				r->nnone++;
		}
		r->nitems++;
	}
	for (i = 0; i < ncomp; i++)
		r->nvulnerable += vuln_comp[i];
	if (r->nunknown &&
	    add_problem(r, &palloc, CRK_SCAN_UNEVALUATED, 0, NULL, r->nunknown,
			crk_arena_printf(&r->priv->arena,
					 "%zu finding%s could not be evaluated (a version or "
					 "range crakit cannot order): listed as unknown, never as "
					 "not affected",
					 r->nunknown, r->nunknown == 1 ? "" : "s")))
		goto oom;
	qsort_r(r->items, r->nitems, sizeof(*r->items), cmp_items, keys);
	crk_free(keys);
	crk_free(vuln_comp);
	crk_free(ids);
	*out = r;
	return CRK_OK;
oom:
	crk_free(keys);
	crk_free(vuln_comp);
	crk_free(ids);
	crk_scan_report_free(r);
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- policy ---- */

int crk_scan_policy_parse(struct crk_scan_policy *out, const char *spec, struct crk_err *err)
{
	static const struct {
		const char *name;
		enum crk_cvss_rating r;
	} ratings[] = {{"critical", CRK_CVSS_RATING_CRITICAL},
		       {"high", CRK_CVSS_RATING_HIGH},
		       {"medium", CRK_CVSS_RATING_MEDIUM},
		       {"low", CRK_CVSS_RATING_LOW}};
	const char *p = spec;
	memset(out, 0, sizeof(*out));
	out->epss = -1;
	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p), k;
		char item[64];
		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (!n || n >= sizeof(item))
			goto bad;
		memcpy(item, p, n);
		item[n] = 0;
		if (!strcasecmp(item, "exploited") || !strcasecmp(item, "kev")) {
			out->exploited = 1;
		} else if (!strcasecmp(item, "unrated")) {
			out->unrated = 1;
		} else if (!strncasecmp(item, "epss>=", 6)) {
			char *end;
			double v = strtod(item + 6, &end);
			if (end == item + 6 || *end || !(v >= 0 && v <= 1))
				return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
						   "--fail-on: '%s' needs a probability from 0 to 1 "
						   "(e.g. epss>=0.5)",
						   item);
			out->epss = v;
		} else {
			for (k = 0; k < sizeof(ratings) / sizeof(*ratings); k++)
				if (!strcasecmp(item, ratings[k].name))
					break;
			if (k == sizeof(ratings) / sizeof(*ratings)) {
				crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
					    "--fail-on: unknown condition '%s'", item);
				crk_err_hint(err, "conditions: exploited, critical, high, medium, low, "
						  "unrated, epss>=P (comma-separated)");
				return CRK_EINVAL;
			}
			if (!out->on_rating || ratings[k].r < out->min_rating)
				out->min_rating = ratings[k].r;
			out->on_rating = 1;
		}
		p = e ? e + 1 : NULL;
		if (e && !*p)
			goto bad;
	}
	if (!out->exploited && !out->on_rating && out->epss < 0 && !out->unrated)
		goto bad;
	return CRK_OK;
bad:
	crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "--fail-on: '%s' is not a list of conditions",
		    spec ? spec : "");
	crk_err_hint(err, "e.g. --fail-on exploited,critical,high,epss>=0.5");
	return CRK_EINVAL;
}

int crk_scan_policy_fails(const struct crk_scan_policy *p, const struct crk_scan_report *r,
			  char *why, size_t whysz)
{
	size_t i;
	int epss_loaded = 0;
	char tmp[8];
	if (!why) {
		why = tmp;
		whysz = sizeof(tmp);
	}
	why[0] = 0;
	for (i = 0; i < r->nsources; i++)
		if (!strcmp(r->sources[i].what, "EPSS") && r->sources[i].records > 0)
			epss_loaded = 1;
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const char *v = it->comp->version ? it->comp->version : "";
		if (it->suppressed)
			continue;
		if (p->exploited && it->exploited) {
			snprintf(why, whysz, "%s in %s %s is actively exploited (CISA KEV)",
				 it->f->id, it->display_name, v);
			return 1;
		}
		if (p->on_rating && it->rated && it->rating >= p->min_rating) {
			snprintf(why, whysz, "%s in %s %s is %s (CVSS %.1f)", it->f->id,
				 it->display_name, v, crk_cvss_rating_str(it->rating), it->score);
			return 1;
		}
		if (p->unrated && !it->rated) {
			snprintf(why, whysz, "%s in %s %s has no CVSS vector to rate it", it->f->id,
				 it->display_name, v);
			return 1;
		}
		if (p->epss >= 0 && it->f->epss.present && it->f->epss.score >= p->epss) {
			snprintf(why, whysz, "%s in %s %s has EPSS %.3f (>= %.3f)", it->f->id,
				 it->display_name, v, it->f->epss.score, p->epss);
			return 1;
		}
	}
	if (p->allow_incomplete)
		return 0;
	for (i = 0; i < r->nproblems; i++) {
		if (r->problems[i].blocking) {
			snprintf(why, whysz, "the scan is incomplete: %s", r->problems[i].message);
			return 1;
		}
	}
	if (p->epss >= 0 && !epss_loaded) {
		snprintf(why, whysz, "--fail-on asks for EPSS, and no EPSS scores are loaded");
		return 1;
	}
	return 0;
}
