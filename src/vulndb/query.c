/*
 * query.c - reading the vulnerability database (include/crakit/vulndb.h): affected entries by
 * package, alias groups, KEV, EPSS, the whole record, and the status of each source.
 *
 * The package lookup is one indexed query (affected_pkg on (eco, name, rel)) joined to its
 * advisory by primary key; every statement is prepared once per store (the store caches them),
 * and per-advisory data a finding needs (aliases, severity, summary) is stored denormalised in
 * the advisory row, so a lookup costs one index seek plus one row read per entry.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "formats/datetime.h"
#include "vulndb/vulndb_impl.h"
#include "base/banned.h"

/* ---- names and ecosystems ---- */

void crk_vulndb__split_ecosystem(const char *eco, size_t *blen, const char **release)
{
	const char *c = strchr(eco, ':');
	*blen = c ? (size_t)(c - eco) : strlen(eco);
	*release = c && c[1] ? c + 1 : NULL;
}

static int base_is(const char *eco, size_t blen, const char *name)
{
	return strlen(name) == blen && strncmp(eco, name, blen) == 0;
}

int crk_vulndb_normalize_name(const char *ecosystem, const char *name, size_t len, char *buf,
			      size_t bufsize, struct crk_err *err)
{
	size_t blen, i, o = 0;
	const char *rel;
	int pypi, lower;
	if (len + 1 > bufsize)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "package name longer than %zu bytes",
				   bufsize - 1);
	crk_vulndb__split_ecosystem(ecosystem, &blen, &rel);
	pypi = base_is(ecosystem, blen, "PyPI");
	lower = pypi || base_is(ecosystem, blen, "NuGet") || base_is(ecosystem, blen, "Packagist") ||
		base_is(ecosystem, blen, "Pub") || base_is(ecosystem, blen, "Hex");
	for (i = 0; i < len; i++) {
		char ch = name[i];
		if (pypi && (ch == '-' || ch == '_' || ch == '.')) {
			/* PEP 503: re.sub(r"[-_.]+", "-", name).lower() */
			while (i + 1 < len && (name[i + 1] == '-' || name[i + 1] == '_' ||
					       name[i + 1] == '.'))
				i++;
			ch = '-';
		} else if (lower && ch >= 'A' && ch <= 'Z') {
			ch = (char)(ch - 'A' + 'a');
		}
		buf[o++] = ch;
	}
	buf[o] = '\0';
	return CRK_OK;
}

/* ---- source rows ---- */

int crk_vulndb__source_get(struct crk_store *s, const char *kind, const char *eco,
			   int64_t *imported, int64_t *newest, char **version,
			   struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	if (version)
		*version = NULL;
	rc = crk_store_prepare(s, &st,
			       "SELECT imported_at, newest, version FROM source"
			       " WHERE kind = ? AND ecosystem = ?",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, kind, (size_t)-1);
	crk_stmt_bind_text(st, 2, eco ? eco : "", (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1) {
		const char *v = crk_stmt_text(st, 2, NULL);
		if (imported)
			*imported = crk_stmt_int64(st, 0);
		if (newest)
			*newest = crk_stmt_int64(st, 1);
		if (version && v && !(*version = crk_strdup(v)))
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_stmt_reset(st);
	return rc;
}

int crk_vulndb__source_set(struct crk_store *s, const char *kind, const char *eco,
			   int64_t imported, int64_t newest, const char *version,
			   struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(
		s, &st,
		"INSERT INTO source(kind, ecosystem, imported_at, newest, version)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(kind, ecosystem) DO UPDATE SET"
		" imported_at = ?3, newest = coalesce(?4, newest), version = coalesce(?5, version)",
		err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, kind, (size_t)-1);
	crk_stmt_bind_text(st, 2, eco ? eco : "", (size_t)-1);
	crk_stmt_bind_int64(st, 3, imported);
	if (newest >= 0)
		crk_stmt_bind_int64(st, 4, newest);
	crk_stmt_bind_text(st, 5, version, (size_t)-1);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

/* ---- affected entries ---- */

static const char *const affected_sql[6] = {
#define SELECT_AFFECTED                                                                         \
	"SELECT a.id, a.grp, f.ecosystem, f.rel, f.raw_name, f.json, a.summary, a.aliases,"   \
	" a.severity, a.published, a.modified_us, a.withdrawn, a.upstream, f.pos"               \
	" FROM affected f JOIN advisory a ON a.adv = f.adv WHERE f.eco = ? AND f.name = ?"
	/* no ORDER BY: a sort copies every row (with its entry's JSON) into a sorter; callers
	 * that want an order sort by (id, pos) themselves */
	/* 0: release given */
	SELECT_AFFECTED " AND (f.rel = ? OR f.rel = '') AND a.withdrawn IS NULL",
	/* 1: no release */
	SELECT_AFFECTED " AND f.rel = '' AND a.withdrawn IS NULL",
	/* 2: any release */
	SELECT_AFFECTED " AND a.withdrawn IS NULL",
	/* 3-5: the same with withdrawn advisories */
	SELECT_AFFECTED " AND (f.rel = ? OR f.rel = '')",
	SELECT_AFFECTED " AND f.rel = ''",
	SELECT_AFFECTED "",
#undef SELECT_AFFECTED
};

/* A copy of column `col` in the arena; NULL for SQL NULL (or ENOMEM: *oom set). */
static const char *col_dup(struct crk_stmt *st, int col, struct crk_arena *a, size_t *len,
			   int *oom)
{
	size_t n;
	const char *t = crk_stmt_text(st, col, &n);
	char *c;
	if (len)
		*len = n;
	if (!t)
		return NULL;
	c = crk_arena_strndup(a, t, n);
	if (!c)
		*oom = 1;
	return c;
}

/* Splits the column text `t[0..n)` on `sep` into an array in `a` (strings copied there);
 * empty text: no items. */
static const char **split_col(const char *t, size_t n, char sep, struct crk_arena *a,
			      size_t *count, int *oom)
{
	size_t k = 1, i = 0;
	const char **v;
	char *s, *p;
	*count = 0;
	if (!t || !n)
		return NULL;
	if (!(s = crk_arena_strndup(a, t, n))) {
		*oom = 1;
		return NULL;
	}
	for (p = s; *p; p++)
		k += *p == sep;
	if (!(v = crk_arena_array(a, k, sizeof(*v)))) {
		*oom = 1;
		return NULL;
	}
	v[i++] = s;
	for (p = s; *p; p++)
		if (*p == sep) {
			*p = '\0';
			v[i++] = p + 1;
		}
	*count = i;
	return v;
}

int crk_vulndb_affected_each(struct crk_store *s, const char *ecosystem, const char *release,
			     const char *name, unsigned flags, crk_vulndb_affected_fn fn, void *ud,
			     struct crk_err *err)
{
	char norm[CRK_VULNDB_MAX_NAME + 1];
	struct crk_arena scratch; /* one row's split lists; released after each row */
	size_t blen;
	const char *rel;
	struct crk_stmt *st;
	int rc, mode, oom = 0, cbrc = CRK_OK;

	if (!ecosystem || !*ecosystem || !name || !*name)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "a package lookup needs an ecosystem and a name");
	crk_vulndb__split_ecosystem(ecosystem, &blen, &rel);
	if (!release)
		release = rel;
	rc = crk_vulndb_normalize_name(ecosystem, name, strlen(name), norm, sizeof(norm), err);
	if (rc)
		return rc;
	mode = (flags & CRK_VULNDB_ANY_RELEASE) ? 2 : release ? 0 : 1;
	if (flags & CRK_VULNDB_WITHDRAWN)
		mode += 3;
	rc = crk_store_prepare(s, &st, affected_sql[mode], err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, ecosystem, blen);
	crk_stmt_bind_text(st, 2, norm, (size_t)-1);
	if (mode % 3 == 0)
		crk_stmt_bind_text(st, 3, release, (size_t)-1);
	crk_arena_init(&scratch);
	while ((rc = crk_stmt_step(st, err)) == 1) {
		struct crk_vuln_affected e;
		const char **sv;
		size_t ns = 0, i, n;
		const char *t;
		memset(&e, 0, sizeof(e));
		/* the statement's own text: valid until the next step */
		e.id = crk_stmt_text(st, 0, NULL);
		e.group = crk_stmt_int64(st, 1);
		e.ecosystem = crk_stmt_text(st, 2, NULL);
		e.release = crk_stmt_text(st, 3, NULL);
		if (e.release && !*e.release)
			e.release = NULL;
		e.name = crk_stmt_text(st, 4, NULL);
		e.json = crk_stmt_text(st, 5, &e.json_len);
		e.summary = crk_stmt_text(st, 6, NULL);
		t = crk_stmt_text(st, 7, &n);
		e.aliases = split_col(t, n, '\n', &scratch, &e.naliases, &oom);
		t = crk_stmt_text(st, 8, &n);
		sv = split_col(t, n, '\n', &scratch, &ns, &oom);
		e.published = crk_stmt_int64(st, 9);
		e.modified = crk_stmt_int64(st, 10) / 1000000;
		e.withdrawn = crk_stmt_int64(st, 11);
		t = crk_stmt_text(st, 12, &n);
		e.upstream = split_col(t, n, '\n', &scratch, &e.nupstream, &oom);
		e.pos = (size_t)crk_stmt_int64(st, 13);
		if (ns) {
			struct crk_vuln_severity *svv = crk_arena_array(&scratch, ns, sizeof(*svv));
			if (!svv)
				oom = 1;
			for (i = 0; svv && i < ns; i++) {
				char *tab = strchr(sv[i], '\t');
				svv[i].type = sv[i];
				svv[i].score = "";
				if (tab) {
					*tab = '\0';
					svv[i].score = tab + 1;
				}
			}
			e.severity = svv;
			e.nseverity = svv ? ns : 0;
		}
		if (oom || !e.id || !e.ecosystem || !e.name || !e.json) {
			oom = 1; /* a NOT NULL column without text: SQLite ran out of memory */
			break;
		}
		cbrc = fn(ud, &e, err);
		crk_arena_release(&scratch);
		if (cbrc)
			break;
	}
	crk_arena_release(&scratch);
	crk_stmt_reset(st);
	if (cbrc)
		return cbrc;
	if (rc < 0)
		return rc;
	return oom ? crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory") : CRK_OK;
}

/* ---- the array form: copies in the caller's arena, ordered by (id, pos) ---- */

struct collect {
	struct crk_arena *arena;
	struct crk_vuln_affected *v;
	size_t n, alloc;
};

static const char *adup(struct crk_arena *a, const char *s, int *oom)
{
	char *c;
	if (!s)
		return NULL;
	if (!(c = crk_arena_strdup(a, s)))
		*oom = 1;
	return c;
}

static const char *const *adup_list(struct crk_arena *a, const char *const *v, size_t n,
				    int *oom)
{
	const char **c;
	size_t i;
	if (!n)
		return NULL;
	if (!(c = crk_arena_array(a, n, sizeof(*c)))) {
		*oom = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		c[i] = adup(a, v[i], oom);
	return c;
}

static int collect_one(void *ud, const struct crk_vuln_affected *e, struct crk_err *err)
{
	struct collect *c = ud;
	struct crk_vuln_affected *d;
	int oom = 0;
	size_t i;
	if (CRK_GROW(c->v, c->alloc, c->n + 1) != 0)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	d = &c->v[c->n++];
	*d = *e;
	d->id = adup(c->arena, e->id, &oom);
	d->ecosystem = adup(c->arena, e->ecosystem, &oom);
	d->release = adup(c->arena, e->release, &oom);
	d->name = adup(c->arena, e->name, &oom);
	d->json = crk_arena_strndup(c->arena, e->json, e->json_len);
	oom |= !d->json;
	d->summary = adup(c->arena, e->summary, &oom);
	d->aliases = adup_list(c->arena, e->aliases, e->naliases, &oom);
	d->upstream = adup_list(c->arena, e->upstream, e->nupstream, &oom);
	if (e->nseverity) {
		struct crk_vuln_severity *sv =
			crk_arena_array(c->arena, e->nseverity, sizeof(*sv));
		if (!sv)
			oom = 1;
		for (i = 0; sv && i < e->nseverity; i++) {
			sv[i].type = adup(c->arena, e->severity[i].type, &oom);
			sv[i].score = adup(c->arena, e->severity[i].score, &oom);
		}
		d->severity = sv;
	}
	return oom ? crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory") : CRK_OK;
}

static int by_id_pos(const void *a, const void *b)
{
	const struct crk_vuln_affected *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int crk_vulndb_affected(struct crk_store *s, const char *ecosystem, const char *release,
			const char *name, unsigned flags, struct crk_arena *arena,
			struct crk_vuln_affected **out, size_t *n, struct crk_err *err)
{
	struct collect c = {arena, NULL, 0, 0};
	int rc;
	*out = NULL;
	*n = 0;
	rc = crk_vulndb_affected_each(s, ecosystem, release, name, flags, collect_one, &c, err);
	if (rc == CRK_OK && c.n) {
		qsort(c.v, c.n, sizeof(*c.v), by_id_pos);
		if (!(*out = crk_arena_array(arena, c.n, sizeof(**out))))
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		else {
			memcpy(*out, c.v, c.n * sizeof(*c.v));
			*n = c.n;
		}
	}
	crk_free(c.v);
	return rc;
}

int crk_vulndb_record(struct crk_store *s, const char *id, char **json, size_t *len,
		      struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	*json = NULL;
	if (len)
		*len = 0;
	rc = crk_store_prepare(s, &st,
			       "SELECT r.record FROM advisory a"
			       " JOIN advisory_record r ON r.adv = a.adv WHERE a.id = ?",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, id, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1) {
		size_t n;
		const char *t = crk_stmt_text(st, 0, &n);
		*json = crk_strndup(t ? t : "", n);
		if (len)
			*len = n;
		rc = *json ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	} else if (rc == 0) {
		rc = crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0, "no advisory '%s' in the store", id);
	}
	crk_stmt_reset(st);
	return rc;
}

/* ---- alias groups ---- */

/* Orders ids with digit runs compared as numbers (CVE-2021-9999 < CVE-2021-10000). */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *ea = a, *eb = b;
			size_t la, lb;
			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
				;
			for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			if (memcmp(a, b, la) != 0)
				return memcmp(a, b, la) < 0 ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* Rank for the canonical id: CVE first, then GHSA, then anything. */
static int rank(const char *id)
{
	if (strncmp(id, "CVE-", 4) == 0)
		return 0;
	if (strncmp(id, "GHSA-", 5) == 0)
		return 1;
	return 2;
}

static int group_ids(struct crk_store *s, int64_t group, const char *id, struct crk_arena *arena,
		     const char ***ids, size_t *n, const char **canonical, struct crk_err *err)
{
	const char **v = NULL;
	size_t nv = 0, i;
	const char *best = NULL;
	int rc = 0;
	if (group) {
		struct crk_stmt *st;
		rc = crk_store_prepare(s, &st, "SELECT id FROM alias WHERE grp = ? LIMIT ?", err);
		if (rc)
			return rc;
		crk_stmt_bind_int64(st, 1, group);
		crk_stmt_bind_int64(st, 2, CRK_VULNDB_MAX_GROUP);
		v = crk_arena_array(arena, CRK_VULNDB_MAX_GROUP, sizeof(*v));
		if (!v) {
			crk_stmt_reset(st);
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		}
		while ((rc = crk_stmt_step(st, err)) == 1 && nv < CRK_VULNDB_MAX_GROUP) {
			int oom = 0;
			v[nv] = col_dup(st, 0, arena, NULL, &oom);
			if (oom) {
				rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
				break;
			}
			nv++;
		}
		crk_stmt_reset(st);
		if (rc < 0)
			return rc;
	}
	if (nv == 0) {
		v = crk_arena_array(arena, 1, sizeof(*v));
		if (!v || !id || !(v[0] = crk_arena_strdup(arena, id)))
			return id ? crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory")
				  : CRK_OK;
		nv = 1;
	}
	/* insertion sort, natural order (groups are small) */
	for (i = 1; i < nv; i++) {
		const char *x = v[i];
		size_t j = i;
		while (j > 0 && natural_cmp(v[j - 1], x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
	for (i = 0; i < nv; i++)
		if (!best || rank(v[i]) < rank(best))
			best = v[i];
	if (ids)
		*ids = v;
	if (n)
		*n = nv;
	if (canonical)
		*canonical = best;
	return CRK_OK;
}

int crk_vulndb_alias_group(struct crk_store *s, const char *id, struct crk_arena *arena,
			   const char ***ids, size_t *n, const char **canonical, int64_t *group,
			   struct crk_err *err)
{
	struct crk_stmt *st;
	int64_t g = 0;
	int rc = crk_store_prepare(s, &st, "SELECT grp FROM alias WHERE id = ?", err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, id, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1)
		g = crk_stmt_int64(st, 0);
	crk_stmt_reset(st);
	if (rc < 0)
		return rc;
	if (group)
		*group = g;
	return group_ids(s, g, id, arena, ids, n, canonical, err);
}

int crk_vulndb_alias_group_by_key(struct crk_store *s, int64_t group, struct crk_arena *arena,
				  const char ***ids, size_t *n, const char **canonical,
				  struct crk_err *err)
{
	if (ids)
		*ids = NULL;
	if (n)
		*n = 0;
	if (canonical)
		*canonical = NULL;
	return group_ids(s, group, NULL, arena, ids, n, canonical, err);
}

/* ---- KEV and EPSS ---- */

int crk_vulndb_kev(struct crk_store *s, const char *cve, struct crk_arena *arena,
		   struct crk_kev_entry *out, struct crk_err *err)
{
	struct crk_stmt *st;
	int rc, oom = 0;
	memset(out, 0, sizeof(*out));
	rc = crk_store_prepare(s, &st,
			       "SELECT cve, vendor, product, name, date_added, description,"
			       " required_action, due_date, ransomware, notes, cwes"
			       " FROM kev WHERE cve = ?",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, cve, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1) {
		out->cve = col_dup(st, 0, arena, NULL, &oom);
		out->vendor = col_dup(st, 1, arena, NULL, &oom);
		out->product = col_dup(st, 2, arena, NULL, &oom);
		out->name = col_dup(st, 3, arena, NULL, &oom);
		out->date_added = col_dup(st, 4, arena, NULL, &oom);
		out->description = col_dup(st, 5, arena, NULL, &oom);
		out->required_action = col_dup(st, 6, arena, NULL, &oom);
		out->due_date = col_dup(st, 7, arena, NULL, &oom);
		out->ransomware = col_dup(st, 8, arena, NULL, &oom);
		out->notes = col_dup(st, 9, arena, NULL, &oom);
		out->cwes = col_dup(st, 10, arena, NULL, &oom);
	}
	crk_stmt_reset(st);
	if (oom) {
		memset(out, 0, sizeof(*out));
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	return rc;
}

int crk_vulndb_epss(struct crk_store *s, const char *cve, struct crk_epss_score *out,
		    struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	memset(out, 0, sizeof(*out));
	rc = crk_store_prepare(s, &st,
			       "SELECT e.score, e.percentile, src.newest, src.version FROM epss e"
			       " LEFT JOIN source src ON src.kind = 'epss' AND src.ecosystem = ''"
			       " WHERE e.cve = ?",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, cve, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc == 1) {
		size_t n;
		const char *model = crk_stmt_text(st, 3, &n);
		int64_t d = crk_stmt_int64(st, 2);
		out->score = crk_stmt_double(st, 0);
		out->percentile = crk_stmt_double(st, 1);
		if (d > 0) {
			char buf[21];
			crk_time_format(d, buf);
			memcpy(out->date, buf, 10);
			out->date[10] = '\0';
		}
		if (model && n < sizeof(out->model)) {
			memcpy(out->model, model, n);
			out->model[n] = '\0';
		}
	}
	crk_stmt_reset(st);
	return rc;
}
