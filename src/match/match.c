/*
 * match.c - components x advisories -> findings (include/crakit/match.h).
 *
 * For each component: compute its OSV key (key.c), ask the lookup for every affected entry of
 * the base ecosystem and package name, and for each entry emitted (emit()):
 *   1. skip withdrawn records, entries of another package or another release;
 *   2. evaluate (OSV schema 1.6 IsVulnerable): the version is in `versions` (equal as the
 *      ecosystem compares, or as a string when either is not a valid version: OSV allows git
 *      tags there) or inside a range (crk_osv_range_eval); GIT ranges only for components with
 *      a commit;
 *   3. record a hit: AFFECTED with the matched interval(s) and the fixed versions, or UNKNOWN
 *      when nothing said "affected" but something could not be evaluated (an invalid version,
 *      a range we cannot read, an unknown release, no version at all) -- fail closed.
 * Then the component's hits are grouped by shared ids (record id and aliases, transitively: a
 * union-find over an id -> hit map) and each group becomes one finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "crakit/cvss.h"
#include "crakit/version.h"
#include "match/match_impl.h"
#include "base/banned.h"

struct hit {
	const char *record;
	const char **ids; /* the record id, then its aliases */
	size_t nids;
	const char **up; /* its `upstream` ids */
	size_t nup;
	const char *summary, *stated, *eco;
	int64_t published, modified;
	int affected; /* 1 AFFECTED, 0 UNKNOWN */
	const char *reason;
	const char *range;
	const char **fixed;
	size_t nfixed;
	struct crk_finding_severity *sev;
	size_t nsev;
	size_t parent; /* union-find */
	size_t pos;    /* the entry's position in the record (the advisory's `pos`) */
	size_t seq;    /* emission order: the last tie-break of the sort */
};

struct mctx {
	struct crk_findings *f;
	struct crk_arena *A;
	const struct crk_bom *bom;
	const struct crk_component *c;
	struct crk_match__key k;
	struct hit *hits;
	size_t nhits, alloc;
	/* the component's strings, copied into the findings' arena once for all its findings */
	const struct crk_component *cc;
	const char *purl, *name, *version, *eco, *package, *package_version;
	size_t *gbuf, galloc; /* group(): roots, group starts, cursors, members */
};

static int oom(struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

static const char *dup(struct mctx *m, const char *s)
{
	return s ? crk_arena_strdup(m->A, s) : NULL;
}

/* ---- severity ---- */

struct sevctx {
	struct mctx *m;
	struct hit *h;
	const char *record;
	size_t alloc;
	int rc;
};

static int add_sev(void *ctx, const struct crk_match__sev *s)
{
	struct sevctx *x = ctx;
	struct crk_finding_severity *fs;
	struct crk_err e;
	size_t i;
	for (i = 0; i < x->h->nsev; i++)
		if (strcmp(x->h->sev[i].vector, s->vector) == 0)
			return CRK_OK;
	if (x->h->nsev == x->alloc) {
		struct crk_finding_severity *nv;
		size_t na = x->alloc ? 2 * x->alloc : 4;
		if (!(nv = crk_arena_array(x->m->A, na, sizeof(*nv))))
			return CRK_ENOMEM;
		if (x->h->nsev)
			memcpy(nv, x->h->sev, x->h->nsev * sizeof(*nv));
		x->h->sev = nv;
		x->alloc = na;
	}
	fs = &x->h->sev[x->h->nsev];
	memset(fs, 0, sizeof(*fs));
	fs->type = strcmp(s->type, "CVSS_V4") == 0 ? "CVSS_V4" : "CVSS_V3";
	if (!(fs->vector = dup(x->m, s->vector)) || !(fs->record = dup(x->m, x->record)))
		return CRK_ENOMEM;
	crk_err_clear(&e);
	if (crk_cvss_score(s->vector, strlen(s->vector), &fs->score, &e) == CRK_OK) {
		fs->valid = 1;
	} else {
		if (!(fs->error = dup(x->m, e.msg)))
			return CRK_ENOMEM;
	}
	x->h->nsev++;
	return CRK_OK;
}

static int collect_severity(struct mctx *m, struct hit *h, const struct crk_match_advisory *adv,
			    const struct crk_match__affected *a)
{
	struct sevctx x = {m, h, adv->id, 0, 0};
	size_t i;
	int rc = CRK_OK;
	for (i = 0; i < adv->nseverity && rc == CRK_OK; i++) {
		struct crk_match__sev s = {adv->severity[i].type, adv->severity[i].score};
		if (s.type && s.vector &&
		    (strcmp(s.type, "CVSS_V3") == 0 || strcmp(s.type, "CVSS_V4") == 0))
			rc = add_sev(&x, &s);
	}
	if (rc == CRK_OK && a)
		rc = crk_match__severity_each(a, add_sev, &x);
	return rc;
}

/* ---- hits ---- */

static struct hit *new_hit(struct mctx *m, const struct crk_match_advisory *adv,
			   const char *eco)
{
	struct hit *h;
	size_t i;
	if (CRK_GROW(m->hits, m->alloc, m->nhits + 1))
		return NULL;
	h = &m->hits[m->nhits];
	memset(h, 0, sizeof(*h));
	h->seq = m->nhits;
	h->pos = adv->pos;
	if (!(h->record = dup(m, adv->id)))
		return NULL;
	if (!(h->ids = crk_arena_array(m->A, adv->naliases + 1, sizeof(*h->ids))))
		return NULL;
	h->ids[h->nids++] = h->record;
	for (i = 0; i < adv->naliases; i++) {
		if (!adv->aliases[i] || !*adv->aliases[i])
			continue;
		if (!(h->ids[h->nids] = dup(m, adv->aliases[i])))
			return NULL;
		h->nids++;
	}
	if (adv->nupstream) {
		if (!(h->up = crk_arena_array(m->A, adv->nupstream, sizeof(*h->up))))
			return NULL;
		for (i = 0; i < adv->nupstream; i++) {
			if (!adv->upstream[i] || !*adv->upstream[i])
				continue;
			if (!(h->up[h->nup] = dup(m, adv->upstream[i])))
				return NULL;
			h->nup++;
		}
	}
	h->published = adv->published;
	h->modified = adv->modified;
	if ((adv->summary && !(h->summary = dup(m, adv->summary))) ||
	    (adv->stated_severity && !(h->stated = dup(m, adv->stated_severity))) ||
	    (eco && !(h->eco = dup(m, eco))))
		return NULL;
	m->nhits++;
	return h;
}

/* `reason` is in the arena already (NULL: out of memory). */
static int unknown_hit(struct mctx *m, const struct crk_match_advisory *adv, const char *eco,
		       const struct crk_match__affected *a, const char *reason)
{
	struct hit *h;
	if (!reason || !(h = new_hit(m, adv, eco)))
		return CRK_ENOMEM;
	h->reason = reason;
	return collect_severity(m, h, adv, a);
}

/* Is v listed in the entry's `versions`? */
static int listed(const char *eco, const struct crk_match__affected *a, const char *v)
{
	size_t i;
	for (i = 0; i < a->nversions; i++) {
		int c = 1;
		if (strcmp(a->versions[i], v) == 0)
			return 1;
		if (crk_version_compare(eco, a->versions[i], v, &c, NULL) == CRK_OK && c == 0)
			return 1;
	}
	return 0;
}

static int add_unique(struct mctx *m, const char ***v, size_t *n, size_t *alloc, const char *s,
		      size_t len)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
			return CRK_OK;
	if (*n == *alloc) {
		const char **nv;
		size_t na = *alloc ? 2 * *alloc : 4;
		if (!(nv = crk_arena_array(m->A, na, sizeof(*nv))))
			return CRK_ENOMEM;
		if (*n)
			memcpy(nv, *v, *n * sizeof(*nv));
		*v = nv;
		*alloc = na;
	}
	if (!((*v)[*n] = crk_arena_strndup(m->A, s, len)))
		return CRK_ENOMEM;
	(*n)++;
	return CRK_OK;
}

static int evaluate(struct mctx *m, const struct crk_match_advisory *adv,
		    const struct crk_match__affected *a)
{
	const char *eco = a->ecosystem, *v = m->k.version, *commit = m->c->vcs_commit;
	const char **ranges = NULL, **fixed = NULL;
	size_t nranges = 0, ranges_alloc = 0, nfixed = 0, fixed_alloc = 0, i;
	char errbuf[CRK_ERR_MSG_MAX * 2 + 64], git_error[CRK_ERR_MSG_MAX];
	size_t nongit = 0;
	int affected = 0, rc;
	struct hit *h;

	errbuf[0] = git_error[0] = '\0';
	for (i = 0; i < a->nranges; i++) {
		const struct crk_osv_range *r = &a->ranges[i];
		struct crk_range_verdict vd;
		struct crk_err e;
		char text[512];
		size_t tl;
		if (r->type == CRK_RANGE_GIT && (!commit || !*commit))
			continue; /* released versions are decided by the other ranges */
		crk_err_clear(&e);
		rc = crk_osv_range_eval(eco, r, r->type == CRK_RANGE_GIT ? commit : v,
					strlen(r->type == CRK_RANGE_GIT ? commit : v), &vd, &e);
		if (rc == CRK_ENOMEM)
			return rc;
		if (rc != CRK_OK) {
			/* A GIT range that cannot be decided offline only matters when no other
			 * range of the entry speaks for the component's version. */
			if (r->type == CRK_RANGE_GIT && rc == CRK_EUNSUPPORTED) {
				if (!git_error[0])
					snprintf(git_error, sizeof(git_error), "%s", e.msg);
				continue;
			}
			if (!errbuf[0])
				snprintf(errbuf, sizeof(errbuf), "%s%s%s", e.msg,
					 e.hint[0] ? ": " : "", e.hint);
			continue;
		}
		if (!vd.affected)
			continue;
		affected = 1;
		tl = crk_range_verdict_str(&vd, text, sizeof(text));
		if (add_unique(m, &ranges, &nranges, &ranges_alloc, text,
			       tl < sizeof(text) ? tl : sizeof(text) - 1))
			return CRK_ENOMEM;
		if (vd.upper && vd.upper->kind == CRK_EVENT_FIXED && r->type != CRK_RANGE_GIT &&
		    add_unique(m, &fixed, &nfixed, &fixed_alloc, vd.upper->version, vd.upper->len))
			return CRK_ENOMEM;
	}
	/* Listed versions are affected whatever the ranges say (IsVulnerable: versions OR
	 * ranges); the text names the interval when a range holds the version too. */
	if (!affected && listed(eco, a, v)) {
		char *t = crk_arena_printf(m->A, "=%s (listed)", v);
		if (!t || add_unique(m, &ranges, &nranges, &ranges_alloc, t, strlen(t)))
			return CRK_ENOMEM;
		affected = 1;
	}
	for (i = 0; i < a->nranges; i++)
		nongit += a->ranges[i].type != CRK_RANGE_GIT;
	if (!affected && !errbuf[0] && git_error[0] && nongit == 0)
		snprintf(errbuf, sizeof(errbuf), "%s", git_error);
	if (!affected && !errbuf[0] && a->nranges && nongit == 0 && a->nversions == 0 &&
	    (!commit || !*commit))
		snprintf(errbuf, sizeof(errbuf),
			 "the entry has only GIT ranges and no `versions` list, and the component "
			 "is not pinned to a commit");
	if (!affected && !errbuf[0] && a->range_error)
		snprintf(errbuf, sizeof(errbuf), "a range could not be read: %s", a->range_error);
	if (!affected && !errbuf[0])
		return CRK_OK;
	if (!affected)
		return unknown_hit(m, adv, eco, a, crk_arena_printf(m->A, "%s: %s", adv->id, errbuf));
	if (!(h = new_hit(m, adv, eco)))
		return CRK_ENOMEM;
	h->affected = 1;
	if (nranges == 1) {
		h->range = ranges[0]; /* in the arena already */
	} else {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		for (i = 0; i < nranges; i++) {
			if (i)
				crk_strbuf_adds(&sb, "; ");
			crk_strbuf_adds(&sb, ranges[i]);
		}
		h->range = crk_strbuf_ok(&sb) ? crk_arena_strdup(m->A, sb.buf) : NULL;
		crk_strbuf_release(&sb);
		if (!h->range)
			return CRK_ENOMEM;
	}
	h->fixed = fixed;
	h->nfixed = nfixed;
	return collect_severity(m, h, adv, a);
}

static int names_equal(const struct mctx *m, const char *entry_eco, const char *name)
{
	char buf[1024];
	size_t n = crk_match_package_name(entry_eco, name, strlen(name), buf, sizeof(buf));
	return n < sizeof(buf) && strcmp(buf, m->k.name) == 0;
}

static int emit(void *ctx, const struct crk_match_advisory *adv, struct crk_err *err)
{
	struct mctx *m = ctx;
	struct crk_match__affected a;
	struct crk_err e;
	int rc, em;

	if (!adv || !adv->id || !*adv->id || !adv->affected_json)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "lookup emitted an advisory without id or affected entry");
	if (adv->withdrawn)
		return CRK_OK;
	crk_err_clear(&e);
	rc = crk_match__affected_parse(&a, adv->affected_json, adv->affected_len, &e);
	if (rc == CRK_ENOMEM)
		return oom(err);
	if (rc != CRK_OK) {
		rc = unknown_hit(m, adv, m->k.eco[0] ? m->k.eco : m->k.base, NULL,
				 crk_arena_printf(m->A, "%s: %s", adv->id, e.msg));
		return rc ? oom(err) : CRK_OK;
	}
	if (!a.ecosystem || !a.name || !names_equal(m, a.ecosystem, a.name) ||
	    !(em = crk_match__eco_match(&m->k, a.ecosystem))) {
		crk_match__affected_release(&a);
		return CRK_OK;
	}
	if (em < 0)
		rc = unknown_hit(m, adv, a.ecosystem, &a,
				 crk_arena_printf(m->A,
						  "%s applies to %s, and this component's release "
						  "is unknown (no usable distro qualifier)",
						  adv->id, a.ecosystem));
	else if (!m->k.has_version || !m->k.version[0])
		rc = unknown_hit(m, adv, a.ecosystem, &a,
				 crk_arena_printf(m->A, "%s: the component has no exact version",
						  adv->id));
	else if (strstr(m->k.version, "${"))
		/* An unresolved Maven/Gradle property: ComparableVersion would order the text as
		 * a qualifier, below every release, and so "match" every old range. */
		rc = unknown_hit(m, adv, a.ecosystem, &a,
				 crk_arena_printf(m->A,
						  "%s: the version '%s' is an unresolved property, "
						  "not a version",
						  adv->id, m->k.version));
	else
		rc = evaluate(m, adv, &a);
	crk_match__affected_release(&a);
	return rc ? oom(err) : CRK_OK;
}

/* ---- grouping ---- */

static size_t find(struct hit *h, size_t i)
{
	while (h[i].parent != i) {
		h[i].parent = h[h[i].parent].parent;
		i = h[i].parent;
	}
	return i;
}

static int hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c = strcmp(x->record, y->record);
	if (c)
		return c;
	if (x->affected != y->affected)
		return y->affected - x->affected; /* affected first */
	/* a record's entries by their position in it, whatever order the lookup emitted them
	 * in; then as emitted (qsort is not stable) */
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_cve(const char *id)
{
	return strncmp(id, "CVE-", 4) == 0;
}

/* Sorts fixed versions in the ecosystem's order (by string where it cannot order them). */
static void sort_fixed(const char *eco, const char **v, size_t n)
{
	size_t i, j;
	for (i = 1; i < n; i++) {
		const char *x = v[i];
		for (j = i; j > 0; j--) {
			int c;
			if (crk_version_compare(eco, v[j - 1], x, &c, NULL) != CRK_OK)
				c = strcmp(v[j - 1], x);
			if (c <= 0)
				break;
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
}

/* One finding from the hits mem[0..nmem) (one alias group, in hit order). */
static int make_finding(struct mctx *m, const size_t *mem, size_t nmem)
{
	struct crk_finding *f;
	const char **ids = NULL, **recs = NULL, **fixed = NULL, **ranges = NULL;
	size_t nids = 0, aids = 0, nrecs = 0, arecs = 0, nfixed = 0, afixed = 0, nranges = 0,
	       aranges = 0, nsev = 0, i, j, k;
	struct crk_finding_severity *sev = NULL;
	const struct hit *first = NULL, *first_aff = NULL;
	const char *id = NULL;

	for (i = 0; i < nmem; i++) {
		const struct hit *h = &m->hits[mem[i]];
		if (!first)
			first = h;
		if (h->affected && !first_aff)
			first_aff = h;
		nsev += h->nsev;
		for (j = 0; j < h->nids; j++)
			if (add_unique(m, &ids, &nids, &aids, h->ids[j], strlen(h->ids[j])))
				return CRK_ENOMEM;
		if (add_unique(m, &recs, &nrecs, &arecs, h->record, strlen(h->record)))
			return CRK_ENOMEM;
	}
	if (m->cc != m->c) {
		m->purl = dup(m, m->c->purl);
		m->name = dup(m, m->c->name);
		m->version = dup(m, m->c->version);
		m->eco = crk_arena_strdup(m->A, m->k.eco[0] ? m->k.eco : m->k.base);
		m->package = crk_arena_strdup(m->A, m->k.name);
		m->package_version = m->k.has_version ? crk_arena_strdup(m->A, m->k.version) : NULL;
		if ((m->c->purl && !m->purl) || (m->c->name && !m->name) ||
		    (m->c->version && !m->version) || !m->eco || !m->package ||
		    (m->k.has_version && !m->package_version))
			return CRK_ENOMEM;
		m->cc = m->c;
	}
	if (!(f = crk_match__finding_add(m->f)))
		return CRK_ENOMEM;
	f->component = m->c->id;
	f->purl = m->purl;
	f->name = m->name;
	f->version = m->version;
	f->ecosystem = m->eco;
	f->package = m->package;
	f->package_version = m->package_version;

	qsort(ids, nids, sizeof(*ids), str_cmp);
	qsort(recs, nrecs, sizeof(*recs), str_cmp);
	for (i = 0; i < nids && !id; i++)
		if (is_cve(ids[i]))
			id = ids[i];
	if (!id)
		id = first_aff ? first_aff->record : first->record;
	f->id = id;
	{
		const char **al = crk_arena_array(m->A, nids ? nids : 1, sizeof(char *));
		if (!al)
			return CRK_ENOMEM;
		/* every id but the preferred one: compared by text, as `id` may be the record's
		 * own copy (a DSA with no CVE alias was listed as its own alias) */
		for (i = 0; i < nids; i++)
			if (strcmp(ids[i], id) != 0)
				al[f->naliases++] = ids[i];
		f->aliases = al;
	}
	f->records = recs;
	f->nrecords = nrecs;
	{
		const char **up = NULL;
		size_t nup = 0, aup = 0;
		for (i = 0; i < nmem; i++) {
			const struct hit *h = &m->hits[mem[i]];
			for (j = 0; j < h->nup; j++) {
				for (k = 0; k < nids; k++)
					if (strcmp(ids[k], h->up[j]) == 0)
						break;
				if (k == nids &&
				    add_unique(m, &up, &nup, &aup, h->up[j], strlen(h->up[j])))
					return CRK_ENOMEM;
			}
		}
		if (nup > 1)
			qsort(up, nup, sizeof(*up), str_cmp);
		f->upstream = up;
		f->nupstream = nup;
	}

	f->status = first_aff ? CRK_FINDING_AFFECTED : CRK_FINDING_UNKNOWN;
	if (!first_aff)
		f->reason = first->reason;
	f->best = -1;
	if (nsev && !(sev = crk_arena_array(m->A, nsev, sizeof(*sev))))
		return CRK_ENOMEM;
	for (i = 0; i < nmem; i++) {
		const struct hit *h = &m->hits[mem[i]];
		if (!f->summary && h->summary)
			f->summary = h->summary;
		if (!f->stated_severity && h->stated)
			f->stated_severity = h->stated;
		if (h->published && (!f->published || h->published < f->published))
			f->published = h->published;
		if (h->modified > f->modified)
			f->modified = h->modified;
		for (j = 0; j < h->nsev; j++) {
			for (k = 0; k < f->nseverity; k++)
				if (strcmp(sev[k].vector, h->sev[j].vector) == 0)
					break;
			if (k < f->nseverity)
				continue;
			sev[f->nseverity++] = h->sev[j];
		}
		if (!h->affected)
			continue;
		for (j = 0; j < h->nfixed; j++)
			if (add_unique(m, &fixed, &nfixed, &afixed, h->fixed[j],
				       strlen(h->fixed[j])))
				return CRK_ENOMEM;
		if (add_unique(m, &ranges, &nranges, &aranges, h->range, strlen(h->range)))
			return CRK_ENOMEM;
	}
	f->severity = sev;
	for (i = 0; i < f->nseverity; i++) {
		const struct crk_finding_severity *s = &sev[i], *b;
		if (!s->valid)
			continue;
		b = f->best >= 0 ? &sev[f->best] : NULL;
		if (!b || s->score.score > b->score.score ||
		    (s->score.score == b->score.score && s->score.version > b->score.version))
			f->best = (int)i;
	}
	if (nfixed)
		sort_fixed(first_aff ? first_aff->eco : m->k.eco, fixed, nfixed);
	f->fixed = fixed;
	f->nfixed = nfixed;
	if (nranges == 1) {
		f->range = ranges[0]; /* in the arena already */
	} else if (nranges) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		for (i = 0; i < nranges; i++) {
			if (i)
				crk_strbuf_adds(&sb, "; ");
			crk_strbuf_adds(&sb, ranges[i]);
		}
		f->range = crk_strbuf_ok(&sb) ? crk_arena_strdup(m->A, sb.buf) : NULL;
		crk_strbuf_release(&sb);
		if (!f->range)
			return CRK_ENOMEM;
	}
	return CRK_OK;
}

static int group(struct mctx *m)
{
	struct crk_map ids = CRK_MAP_INIT;
	size_t i, j, *root, *begin, *next, *mem;
	int rc = CRK_OK;

	if (m->nhits == 0)
		return CRK_OK;
	qsort(m->hits, m->nhits, sizeof(*m->hits), hit_cmp);
	for (i = 0; i < m->nhits; i++)
		m->hits[i].parent = i;
	for (i = 0; i < m->nhits && rc == CRK_OK; i++) {
		for (j = 0; j < m->hits[i].nids; j++) {
			const char *id = m->hits[i].ids[j];
			void *prev = NULL;
			if (crk_map_put_new(&ids, id, strlen(id), (void *)(i + 1), &prev)) {
				rc = CRK_ENOMEM;
				break;
			}
			if (prev) {
				size_t a = find(m->hits, (size_t)prev - 1), b = find(m->hits, i);
				if (a != b)
					m->hits[a > b ? a : b].parent = a < b ? a : b;
			}
		}
	}
	crk_map_release(&ids);
	if (rc)
		return rc;
	/* each group's hits together, in hit order (a counting sort by root): one pass per
	 * finding over its own hits, not over all the component's hits */
	if (CRK_GROW(m->gbuf, m->galloc, 4 * m->nhits))
		return CRK_ENOMEM;
	root = m->gbuf;
	begin = root + m->nhits;
	next = begin + m->nhits;
	mem = next + m->nhits;
	memset(begin, 0, m->nhits * sizeof(*begin));
	for (i = 0; i < m->nhits; i++)
		begin[root[i] = find(m->hits, i)]++; /* counts, for now */
	for (i = 0, j = 0; i < m->nhits; i++) {
		size_t c = begin[i];
		begin[i] = next[i] = j;
		j += c;
	}
	for (i = 0; i < m->nhits; i++)
		mem[next[root[i]]++] = i;
	for (i = 0; i < m->nhits && rc == CRK_OK; i++)
		if (root[i] == i)
			rc = make_finding(m, mem + begin[i], next[i] - begin[i]);
	return rc;
}

/* ---- entry points ---- */

static int match_one(struct mctx *m, size_t id, const struct crk_match_source *src,
		     unsigned flags, struct crk_err *err)
{
	struct crk_err e;
	size_t nbefore;
	int rc;

	m->c = crk_bom_get(m->bom, id);
	m->nhits = 0;
	if (!m->c)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "no component %zu in the BOM", id);
	if ((m->c->flags & CRK_PKG_LOCAL) && !(flags & CRK_MATCH_INCLUDE_LOCAL))
		return CRK_OK;
	crk_err_clear(&e);
	m->cc = NULL;
	rc = crk_match__key(m->c, &m->k, &e);
	if (rc == CRK_ENOTFOUND || rc == CRK_ELIMIT)
		return CRK_OK; /* no OSV ecosystem: nothing can match (the scan says which) */
	if (rc)
		return crk_err_set(err, rc, NULL, 0, 0, "%s", e.msg);
	rc = src->lookup(src->ud, m->k.base, m->k.name, emit, m, err);
	if (rc)
		return rc;
	nbefore = m->f->n;
	rc = group(m);
	if (rc)
		return oom(err);
	crk_match__findings_sort_range(m->f, nbefore); /* this component's, by id */
	return CRK_OK;
}

int crk_match_component(struct crk_findings *out, const struct crk_bom *bom, size_t id,
			const struct crk_match_source *src, unsigned flags, struct crk_err *err)
{
	struct mctx m;
	int rc;
	if (!out || !bom || !src || !src->lookup)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "crk_match_component: missing "
								  "argument");
	memset(&m, 0, sizeof(m));
	m.f = out;
	m.A = &out->priv->arena;
	m.bom = bom;
	rc = match_one(&m, id, src, flags, err);
	crk_free(m.hits);
	crk_free(m.gbuf);
	crk_match__findings_sort(out);
	return rc;
}

int crk_match_bom(struct crk_findings *out, const struct crk_bom *bom,
		  const struct crk_match_source *src, unsigned flags, struct crk_err *err)
{
	struct mctx m;
	size_t i, n;
	int rc = CRK_OK;
	if (!out || !bom || !src || !src->lookup)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "crk_match_bom: missing argument");
	memset(&m, 0, sizeof(m));
	m.f = out;
	m.A = &out->priv->arena;
	m.bom = bom;
	n = crk_bom_count(bom);
	for (i = 0; i < n && rc == CRK_OK; i++)
		rc = match_one(&m, i, src, flags, err);
	crk_free(m.hits);
	crk_free(m.gbuf);
	crk_match__findings_sort(out);
	return rc;
}
