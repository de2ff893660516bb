/*
 * manifest.c - cra.yaml into struct crk_cra_manifest, driven by the field table of
 * manifest_schema.c. The file is written by people: every problem is reported (up to a cap) as
 * "cra.yaml:line:col: what is wrong, what is expected", an unknown key with the nearest known
 * one ("did you mean"), and nothing is guessed: an empty value is "not answered", never a
 * default. Then the checks the table cannot express: ids that must exist (categories,
 * requirements, risk-assessment cross references), Annex I points that cannot be "not
 * applicable" (Part I (1) and Part II, Art. 13(4), 13(8)), dates in order.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/cra.h"
#include "cra/manifest.h"
#include "cra/yaml.h"
#include "base/banned.h"

#define MAX_PROBLEMS 50
#define MAX_FIELDS 64 /* rows of one table */
#define MAX_ITEMS 10000 /* items of one list */

struct ctx {
	const char *path;
	struct crk_arena *a;
	struct crk_diags *diags;
	struct crk_err *err;
	int nproblems, nomem;
	struct crk_cra_manifest *m;
};

static void vproblem(struct ctx *c, int code, unsigned line, unsigned col, const char *hint,
		     const char *fmt, va_list ap)
{
	struct crk_err e;
	crk_err_clear(&e);
	crk_err_vset(&e, code, c->path, line, col, fmt, ap);
	if (hint)
		crk_err_hint(&e, "%s", hint);
	if (c->nproblems == 0 && c->err)
		*c->err = e;
	if (c->diags && c->nproblems < MAX_PROBLEMS)
		crk_diags_add(c->diags, &e);
	c->nproblems++;
}

__attribute__((format(printf, 4, 5))) static void problem(struct ctx *c, const struct crk_ynode *n,
							  const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vproblem(c, CRK_EPARSE, n ? n->line : 0, n ? n->col : 0, hint, fmt, ap);
	va_end(ap);
}

static void set_pos(void *base, const struct crk_ynode *n)
{
	struct crk_cra_pos *p = base;
	p->line = n->line;
	p->col = n->col;
}

unsigned crk_cra__distance(const char *a, size_t an, const char *b)
{
	unsigned row[64], i, j;
	size_t bn = strlen(b);
	if (an >= 63 || bn >= 63)
		return 100;
	for (j = 0; j <= bn; j++)
		row[j] = j;
	for (i = 1; i <= an; i++) {
		unsigned diag = row[0];
		row[0] = i;
		for (j = 1; j <= bn; j++) {
			unsigned up = row[j], cost = tolower((unsigned char)a[i - 1]) !=
							     tolower((unsigned char)b[j - 1]);
			unsigned best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[bn];
}

/* The candidate nearest to s[0..n), or NULL when none is near enough to suggest. */
static const char *nearest(const char *s, size_t n, const char *const *cands, size_t ncands)
{
	const char *best = NULL;
	unsigned bestd = 100, limit = n / 3 > 2 ? (unsigned)(n / 3) : 2;
	size_t i;
	for (i = 0; i < ncands; i++) {
		unsigned d = crk_cra__distance(s, n, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

static const char *kind_what(enum crk_fkind k)
{
	switch (k) {
	case CRK_F_STR: return "text";
	case CRK_F_EMAIL: return "an e-mail address";
	case CRK_F_URL: return "a URL (https://...)";
	case CRK_F_CONTACT: return "an e-mail address or a URL";
	case CRK_F_COUNTRY: return "a 2-letter country code (ISO 3166-1 alpha-2, e.g. DE)";
	case CRK_F_DATE: return "a date YYYY-MM-DD";
	case CRK_F_DATE_OR_MONTH: return "a date YYYY-MM-DD or a month YYYY-MM";
	case CRK_F_BOOL: return "true or false";
	case CRK_F_ENUM:
	case CRK_F_ROUTE: return "one of the listed values";
	case CRK_F_INT: return "a whole number";
	case CRK_F_STRS: return "a list of text";
	case CRK_F_REQ_IDS: return "a list of Annex I requirement ids (e.g. [AI-P1-2a, AI-P2-1])";
	case CRK_F_CAT_IDS: return "a list of Annex III/IV categories (e.g. [vpn] or [AIII-C1-05])";
	case CRK_F_MAP:
	case CRK_F_REQS: return "a mapping of keys";
	case CRK_F_LIST: return "a list of mappings";
	}
	return "a value";
}

static const char *node_what(const struct crk_ynode *n)
{
	if (n->type == CRK_YNODE_MAP)
		return "a mapping";
	if (n->type == CRK_YNODE_SEQ)
		return "a list";
	return "text";
}

/* ---- syntax of values ---- */

static int is_email(const char *s)
{
	const char *at = strchr(s, '@'), *p;
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
			return 0;
	p = at + 1;
	return *p && *p != '.' && p[strlen(p) - 1] != '.';
}

static int is_url(const char *s)
{
	const char *p;
	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return 0;
	if (!*p || *p == '/' || *p == '.')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			return 0;
	return 1;
}

static int is_contact(const char *s)
{
	if (strncmp(s, "mailto:", 7) == 0)
		return is_email(s + 7);
	if (strncmp(s, "tel:", 4) == 0)
		return s[4] == '+' || isdigit((unsigned char)s[4]);
	return is_email(s) || is_url(s);
}

static int days_in_month(long y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int crk_cra_date_days(const char *s, int month_ok, int64_t *days)
{
	long y;
	int m, d = 1, i;
	size_t n = s ? strlen(s) : 0;
	int64_t yy, era, yoe, doy, doe, mm;
	if (n != 10 && !(month_ok && n == 7))
		return -1;
	for (i = 0; i < (int)n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return -1;
	y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (n == 10)
		d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	/* days_from_civil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms") */
	yy = m <= 2 ? y - 1 : y;
	era = yy / 400;
	yoe = yy - era * 400;
	mm = m > 2 ? m - 3 : m + 9;
	doy = (153 * mm + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = era * 146097 + doe - 719468;
	return 0;
}

void crk_cra_date_str(int64_t days, char out[11])
{
	/* civil_from_days (H. Hinnant) */
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (y < 0 || y > 9999)
		y = 0;
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

/* ---- values ---- */

static const char *scalar_text(struct ctx *c, const struct crk_ynode *n, const char *key)
{
	if (memchr(n->s, '\0', n->n)) {
		problem(c, n, NULL, "'%s' holds a NUL character, expected text", key);
		return NULL;
	}
	return n->s;
}

static int enum_index(const char *const *values, const char *s)
{
	int i;
	for (i = 0; values[i]; i++)
		if (values[i][0] && strcasecmp(values[i], s) == 0)
			return i;
	return -1;
}

static void enum_problem(struct ctx *c, const struct crk_ynode *n, const char *key,
			 const char *const *values)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(1024);
	const char *cands[16], *near;
	size_t i, nc = 0;
	for (i = 0; values[i]; i++) {
		if (!values[i][0])
			continue;
		crk_strbuf_addf(&sb, "%s%s", nc ? ", " : "", values[i]);
		if (nc < 16)
			cands[nc++] = values[i];
	}
	near = nearest(n->s, n->n, cands, nc);
	if (near)
		problem(c, n, NULL, "'%s' is '%s', expected one of %s: did you mean '%s'?", key,
			n->s, sb.buf, near);
	else
		problem(c, n, NULL, "'%s' is '%s', expected one of %s", key, n->s, sb.buf);
	crk_strbuf_release(&sb);
}

/* The text items of a list (or of one scalar when one_ok). NULL items are refused. */
static int text_list(struct ctx *c, const struct crk_ynode *n, const char *key, int one_ok,
		     struct crk_cra_strs *out)
{
	size_t i;
	if (n->type == CRK_YNODE_SCALAR && one_ok) {
		const char *s = scalar_text(c, n, key);
		if (!s)
			return -1;
		out->v = crk_arena_alloc(c->a, sizeof(*out->v));
		if (!out->v) {
			c->nomem = 1;
			return -1;
		}
		out->v[0] = s;
		out->n = 1;
		return 0;
	}
	if (n->type != CRK_YNODE_SEQ) {
		problem(c, n, NULL, "'%s' is %s, expected a list (e.g. [a, b])", key, node_what(n));
		return -1;
	}
	if (n->nc > MAX_ITEMS) {
		problem(c, n, NULL, "'%s' has %zu items, expected at most %d", key, n->nc, MAX_ITEMS);
		return -1;
	}
	out->n = 0;
	out->v = n->nc ? crk_arena_array(c->a, n->nc, sizeof(*out->v)) : NULL;
	if (n->nc && !out->v) {
		c->nomem = 1;
		return -1;
	}
	for (i = 0; i < n->nc; i++) {
		const struct crk_ynode *it = n->c[i];
		const char *s;
		if (it->type != CRK_YNODE_SCALAR || crk_ynode_is_null(it)) {
			problem(c, it, NULL, "an item of '%s' is %s, expected text", key,
				crk_ynode_is_null(it) ? "empty" : node_what(it));
			return -1;
		}
		if (!(s = scalar_text(c, it, key)))
			return -1;
		out->v[out->n++] = s;
	}
	return 0;
}

static void req_ids(struct ctx *c, const struct crk_ynode *n, const struct crk_field *f,
		    const char *key, struct crk_cra_strs *out)
{
	size_t i, j;
	if (n->type == CRK_YNODE_SCALAR && (f->flags & CRK_FF_ALL_OK) && !n->quoted &&
	    strcmp(n->s, "all") == 0) {
		out->v = crk_arena_array(c->a, CRK_CRA_NREQ, sizeof(*out->v));
		if (!out->v) {
			c->nomem = 1;
			return;
		}
		for (i = 0; i < CRK_CRA_NREQ; i++)
			out->v[i] = crk_cra_requirement_at(i)->id;
		out->n = CRK_CRA_NREQ;
		return;
	}
	if (text_list(c, n, key, 0, out))
		return;
	for (i = 0; i < out->n; i++) {
		const struct crk_cra_requirement *r = crk_cra_requirement_find(out->v[i], NULL);
		if (r) {
			out->v[i] = r->id;
			continue;
		}
		{
			const char *cands[CRK_CRA_NREQ], *near;
			for (j = 0; j < CRK_CRA_NREQ; j++)
				cands[j] = crk_cra_requirement_at(j)->id;
			near = nearest(out->v[i], strlen(out->v[i]), cands, CRK_CRA_NREQ);
			problem(c, n->c[i], "the ids are AI-P1-1, AI-P1-2a ... AI-P1-2m, AI-P2-1 ... "
					    "AI-P2-8 (crakit assess --list shows them)",
				"'%s' in '%s' is not an Annex I requirement, expected an id such as "
				"AI-P1-2a%s%s%s",
				out->v[i], key, near ? ": did you mean '" : "", near ? near : "",
				near ? "'?" : "");
		}
	}
}

static void cat_ids(struct ctx *c, const struct crk_ynode *n, const char *key,
		    struct crk_cra_strs *out)
{
	size_t i, j;
	if (text_list(c, n, key, 0, out))
		return;
	for (i = 0; i < out->n; i++) {
		const struct crk_cra_category *cat = crk_cra_category_find(out->v[i]);
		const char *cands[2 * CRK_CRA_NCATEGORIES], *near;
		if (cat) {
			out->v[i] = cat->id;
			continue;
		}
		for (j = 0; j < CRK_CRA_NCATEGORIES; j++) {
			cands[2 * j] = crk_cra_category_at(j)->id;
			cands[2 * j + 1] = crk_cra_category_at(j)->slug;
		}
		near = nearest(out->v[i], strlen(out->v[i]), cands, 2 * CRK_CRA_NCATEGORIES);
		problem(c, n->c[i], "'crakit classify --list' shows every category with its id",
			"'%s' in '%s' is not an Annex III or IV category, expected an id (AIII-C1-05) "
			"or a name (vpn)%s%s%s",
			out->v[i], key, near ? ": did you mean '" : "", near ? near : "",
			near ? "'?" : "");
	}
}

static void walk_map(struct ctx *c, const struct crk_field *fields, const struct crk_ynode *n,
		     void *base, const char *where);

static void walk_list(struct ctx *c, const struct crk_field *f, const struct crk_ynode *n,
		      void *base, const char *key)
{
	char *items;
	size_t i;
	if (n->type != CRK_YNODE_SEQ) {
		problem(c, n, NULL, "'%s' is %s, expected a list of mappings (items starting with "
				    "'- ')",
			key, node_what(n));
		return;
	}
	if (n->nc > MAX_ITEMS) {
		problem(c, n, NULL, "'%s' has %zu items, expected at most %d", key, n->nc, MAX_ITEMS);
		return;
	}
	if (!n->nc)
		return;
	items = crk_arena_array(c->a, n->nc, f->elsize);
	if (!items) {
		c->nomem = 1;
		return;
	}
	memcpy((char *)base + f->off, &items, sizeof(items));
	*(size_t *)((char *)base + f->count_off) = n->nc;
	for (i = 0; i < n->nc; i++) {
		char *where = crk_arena_printf(c->a, "%s[%zu]", key, i);
		if (!where) {
			c->nomem = 1;
			return;
		}
		if (n->c[i]->type != CRK_YNODE_MAP) {
			problem(c, n->c[i], NULL, "item %zu of '%s' is %s, expected a mapping of keys",
				i + 1, key, crk_ynode_is_null(n->c[i]) ? "empty" : node_what(n->c[i]));
			continue;
		}
		walk_map(c, f->sub, n->c[i], items + i * f->elsize, where);
	}
}

static void walk_reqs(struct ctx *c, const struct crk_field *f, const struct crk_ynode *n,
		      void *base)
{
	struct crk_cra_req_record *recs = (void *)((char *)base + f->off);
	size_t i, j;
	if (n->type != CRK_YNODE_MAP) {
		problem(c, n, NULL, "'requirements' is %s, expected a mapping from Annex I "
				    "requirement ids (AI-P1-2a: ...) to their status",
			node_what(n));
		return;
	}
	for (i = 0; i + 1 < n->nc; i += 2) {
		const struct crk_ynode *k = n->c[i], *v = n->c[i + 1];
		size_t idx;
		char *where;
		if (!crk_cra_requirement_find(k->s, &idx)) {
			const char *cands[CRK_CRA_NREQ], *near;
			for (j = 0; j < CRK_CRA_NREQ; j++)
				cands[j] = crk_cra_requirement_at(j)->id;
			near = nearest(k->s, k->n, cands, CRK_CRA_NREQ);
			problem(c, k, "the ids are AI-P1-1, AI-P1-2a ... AI-P1-2m, AI-P2-1 ... AI-P2-8",
				"'%s' is not an Annex I requirement, expected an id such as "
				"AI-P1-2a%s%s%s",
				k->s, near ? ": did you mean '" : "", near ? near : "", near ? "'?" : "");
			continue;
		}
		if (recs[idx].pos.line) {
			problem(c, k, NULL, "requirement '%s' again (first at line %u), expected each "
					    "requirement once",
				k->s, recs[idx].pos.line);
			continue;
		}
		where = crk_arena_printf(c->a, "requirements.%s", crk_cra_requirement_at(idx)->id);
		if (!where) {
			c->nomem = 1;
			return;
		}
		set_pos(&recs[idx], k);
		if (crk_ynode_is_null(v))
			continue;
		if (v->type != CRK_YNODE_MAP) {
			problem(c, v, NULL, "'%s' is %s, expected a mapping (status: met, evidence: ...)",
				where, node_what(v));
			continue;
		}
		walk_map(c, f->sub, v, &recs[idx], where);
		set_pos(&recs[idx], k);
	}
}

static void value(struct ctx *c, const struct crk_field *f, const struct crk_ynode *v,
		  void *base, const char *key)
{
	void *dst = (char *)base + f->off;
	const char *s;
	int i;
	if (f->pos_off != CRK_NOPOS)
		set_pos((char *)base + f->pos_off, v);
	switch (f->kind) {
	case CRK_F_MAP:
		if (v->type != CRK_YNODE_MAP) {
			problem(c, v, NULL, "'%s' is %s, expected a mapping of keys", key, node_what(v));
			return;
		}
		walk_map(c, f->sub, v, dst, key);
		return;
	case CRK_F_LIST: walk_list(c, f, v, base, key); return;
	case CRK_F_REQS: walk_reqs(c, f, v, base); return;
	case CRK_F_STRS: text_list(c, v, key, (f->flags & CRK_FF_ONE_OK) != 0, dst); return;
	case CRK_F_REQ_IDS: req_ids(c, v, f, key, dst); return;
	case CRK_F_CAT_IDS: cat_ids(c, v, key, dst); return;
	default: break;
	}
	if (v->type != CRK_YNODE_SCALAR) {
		problem(c, v, NULL, "'%s' is %s, expected %s", key, node_what(v), kind_what(f->kind));
		return;
	}
	if (!(s = scalar_text(c, v, key)))
		return;
	switch (f->kind) {
	case CRK_F_STR: *(const char **)dst = s; return;
	case CRK_F_EMAIL:
	case CRK_F_URL:
	case CRK_F_CONTACT:
	case CRK_F_COUNTRY:
	case CRK_F_DATE:
	case CRK_F_DATE_OR_MONTH: {
		int64_t days;
		int ok = f->kind == CRK_F_EMAIL	  ? is_email(s)
			 : f->kind == CRK_F_URL	  ? is_url(s)
			 : f->kind == CRK_F_CONTACT ? is_contact(s)
			 : f->kind == CRK_F_COUNTRY ? strlen(s) == 2 && isupper((unsigned char)s[0]) &&
							      isupper((unsigned char)s[1])
						      : crk_cra_date_days(s, f->kind == CRK_F_DATE_OR_MONTH,
									  &days) == 0;
		if (!ok) {
			problem(c, v, NULL, "'%s' is '%.200s', expected %s", key, s, kind_what(f->kind));
			return;
		}
		*(const char **)dst = s;
		return;
	}
	case CRK_F_BOOL:
		if (!v->quoted && (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0))
			*(int *)dst = CRK_YES;
		else if (!v->quoted && (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0))
			*(int *)dst = CRK_NO;
		else
			problem(c, v, NULL, "'%s' is %s'%.200s'%s, expected true or false%s", key,
				v->quoted ? "the text " : "", s, "",
				v->quoted ? " without quotes" : "");
		return;
	case CRK_F_INT: {
		size_t k;
		int val = 0;
		for (k = 0; k < v->n && k < 6 && isdigit((unsigned char)s[k]); k++)
			val = val * 10 + (s[k] - '0');
		if (v->quoted || v->n == 0 || k != v->n || v->n > 5) {
			problem(c, v, NULL, "'%s' is '%.200s', expected a whole number", key, s);
			return;
		}
		*(int *)dst = val;
		return;
	}
	case CRK_F_ENUM:
		if ((i = enum_index(f->values, s)) < 0)
			enum_problem(c, v, key, f->values);
		else
			*(int *)dst = i;
		return;
	case CRK_F_ROUTE:
		if ((i = enum_index(f->values, s)) < 0)
			enum_problem(c, v, key, f->values);
		else
			*(unsigned *)dst = 1u << i;
		return;
	default: return;
	}
}

static void walk_map(struct ctx *c, const struct crk_field *fields, const struct crk_ynode *n,
		     void *base, const char *where)
{
	const struct crk_ynode *seen[MAX_FIELDS];
	const char *names[MAX_FIELDS];
	size_t nf, i, j;
	for (nf = 0; fields[nf].key; nf++) {
		seen[nf] = NULL;
		names[nf] = fields[nf].key;
	}
	set_pos(base, n);
	for (i = 0; i + 1 < n->nc; i += 2) {
		const struct crk_ynode *k = n->c[i], *v = n->c[i + 1];
		const char *near;
		char *key;
		for (j = 0; j < nf; j++)
			if (crk_bytes_eq(k->s, k->n, fields[j].key) && strlen(fields[j].key) == k->n)
				break;
		if (j == nf) {
			struct crk_strbuf hint = CRK_STRBUF_INIT(2048);
			near = nearest(k->s, k->n, names, nf);
			crk_strbuf_addf(&hint, "the keys of %s are: ", *where ? where : "the top level");
			for (j = 0; j < nf; j++)
				crk_strbuf_addf(&hint, "%s%s", j ? ", " : "", names[j]);
			crk_strbuf_adds(&hint, " (docs/cra-yaml.md)");
			if (near)
				problem(c, k, hint.buf, "unknown key '%.100s' in %s, expected a key of "
							"%s: did you mean '%s'?",
					k->s, *where ? where : "the top level",
					*where ? where : "the top level", near);
			else
				problem(c, k, hint.buf, "unknown key '%.100s' in %s, expected a key of %s",
					k->s, *where ? where : "the top level",
					*where ? where : "the top level");
			crk_strbuf_release(&hint);
			continue;
		}
		if (seen[j]) {
			problem(c, k, NULL, "'%s' again (first at line %u), expected each key once",
				fields[j].key, seen[j]->line);
			continue;
		}
		seen[j] = k;
		key = *where ? crk_arena_printf(c->a, "%s.%s", where, fields[j].key)
			     : crk_arena_strdup(c->a, fields[j].key);
		if (!key) {
			c->nomem = 1;
			return;
		}
		if (crk_ynode_is_null(v)) {
			if (fields[j].flags & CRK_FF_REQUIRED)
				problem(c, v, NULL, "'%s' is empty, expected %s", key,
					kind_what(fields[j].kind));
			continue;
		}
		value(c, &fields[j], v, base, key);
	}
	for (j = 0; j < nf; j++)
		if ((fields[j].flags & CRK_FF_REQUIRED) && !seen[j])
			problem(c, n, NULL, "%s has no '%s', expected %s there",
				*where ? where : "the file", fields[j].key, kind_what(fields[j].kind));
}

/* ---- checks across fields ---- */

static int in_strs(const struct crk_cra_strs *l, const char *s)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static void check_refs(struct ctx *c, const struct crk_cra_pos *pos, const char *what,
		       const struct crk_cra_strs *refs, const char *kind, const char *const *ids,
		       size_t nids)
{
	size_t i, j;
	for (i = 0; i < refs->n; i++) {
		for (j = 0; j < nids; j++)
			if (ids[j] && strcmp(ids[j], refs->v[i]) == 0)
				break;
		if (j == nids) {
			struct crk_ynode at = {CRK_YNODE_SCALAR, pos->line, pos->col, "", 0, 0, NULL, 0};
			problem(c, &at, NULL, "%s names %s '%s', which risk_assessment.%s does not "
					      "define, expected one of its ids",
				what, kind, refs->v[i], kind);
		}
	}
}

#define IDS(arr, n, out)                                                                          \
	do {                                                                                      \
		size_t k_;                                                                        \
		out = (n) ? crk_arena_array(c->a, (n), sizeof(*out)) : NULL;                      \
		if ((n) && !out) {                                                                \
			c->nomem = 1;                                                             \
			return;                                                                   \
		}                                                                                 \
		for (k_ = 0; k_ < (n); k_++)                                                      \
			out[k_] = (arr)[k_].id;                                                   \
	} while (0)

static void check_unique(struct ctx *c, const char *const *ids, const struct crk_cra_pos *pos,
			 size_t stride, size_t n, const char *what)
{
	size_t i, j;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (ids[i] && ids[j] && strcmp(ids[i], ids[j]) == 0) {
				const struct crk_cra_pos *p =
					(const void *)((const char *)pos + i * stride);
				struct crk_ynode at = {CRK_YNODE_SCALAR, p->line, p->col, "", 0, 0,
						       NULL, 0};
				problem(c, &at, NULL, "%s id '%s' again, expected each id once", what,
					ids[i]);
			}
}

static void check_risk(struct ctx *c)
{
	const struct crk_cra_risk_assessment *r = &c->m->risk_assessment;
	const char **assets, **threats, **risks, **measures;
	size_t i;
	IDS(r->assets, r->nassets, assets);
	IDS(r->threats, r->nthreats, threats);
	IDS(r->risks, r->nrisks, risks);
	IDS(r->measures, r->nmeasures, measures);
	if (r->nassets)
		check_unique(c, assets, &r->assets[0].pos, sizeof(*r->assets), r->nassets, "asset");
	if (r->nthreats)
		check_unique(c, threats, &r->threats[0].pos, sizeof(*r->threats), r->nthreats,
			     "threat");
	if (r->nrisks)
		check_unique(c, risks, &r->risks[0].pos, sizeof(*r->risks), r->nrisks, "risk");
	if (r->nmeasures)
		check_unique(c, measures, &r->measures[0].pos, sizeof(*r->measures), r->nmeasures,
			     "measure");
	for (i = 0; i < r->nthreats; i++)
		check_refs(c, &r->threats[i].pos, "a threat", &r->threats[i].assets, "assets",
			   assets, r->nassets);
	for (i = 0; i < r->nrisks; i++)
		check_refs(c, &r->risks[i].pos, "a risk", &r->risks[i].threats, "threats", threats,
			   r->nthreats);
	for (i = 0; i < r->nmeasures; i++)
		check_refs(c, &r->measures[i].pos, "a measure", &r->measures[i].risks, "risks",
			   risks, r->nrisks);
}

static void check_all(struct ctx *c)
{
	struct crk_cra_manifest *m = c->m;
	struct crk_ynode fpos = {CRK_YNODE_SCALAR, m->functionality.pos.line,
				 m->functionality.pos.col, "", 0, 0, NULL, 0};
	size_t i, j;
	if (m->schema && m->schema != 1) {
		struct crk_ynode at = {CRK_YNODE_SCALAR, 1, 1, "", 0, 0, NULL, 0};
		problem(c, &at, "a newer crakit may read it", "'schema' is %d, expected 1 (the "
							       "version of cra.yaml this crakit reads)",
			m->schema);
	}
	for (i = 0; i < m->functionality.integrates.n; i++)
		if (in_strs(&m->functionality.core, m->functionality.integrates.v[i]))
			problem(c, &fpos, NULL,
				"functionality: '%s' is both in 'core' and in 'integrates', expected "
				"it in one of them (core functionality decides, Art. 7(1))",
				m->functionality.integrates.v[i]);
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_requirement *r = crk_cra_requirement_at(i);
		const struct crk_cra_req_record *rec = &m->requirements[i];
		struct crk_ynode at = {CRK_YNODE_SCALAR, rec->pos.line, rec->pos.col, "", 0, 0,
				       NULL, 0};
		if (rec->status == CRK_STATUS_NOT_APPLICABLE && !r->conditional)
			problem(c, &at, NULL,
				"%s (%s) is 'not-applicable', expected met, partial, not-met or "
				"unknown: %s applies to every product (%s)",
				r->id, r->ref, r->part == 2 ? "Annex I Part II" : "Annex I Part I (1)",
				r->part == 2 ? "Art. 13(8)" : "Art. 13(1)");
		for (j = 0; j < rec->nevidence; j++)
			if (!rec->evidence[j].path && !rec->evidence[j].url) {
				struct crk_ynode e = {CRK_YNODE_SCALAR, rec->evidence[j].pos.line,
						      rec->evidence[j].pos.col, "", 0, 0, NULL, 0};
				problem(c, &e, NULL, "evidence of %s has no 'path' or 'url', expected "
						     "at least one of them (a note alone is not "
						     "evidence)",
					r->id);
			}
	}
	for (i = 0; i < m->conformity.napplied; i++) {
		const struct crk_cra_applied *a = &m->conformity.applied[i];
		for (j = 0; j < a->partial.n; j++)
			if (in_strs(&a->full, a->partial.v[j])) {
				struct crk_ynode at = {CRK_YNODE_SCALAR, a->pos.line, a->pos.col, "",
						       0, 0, NULL, 0};
				problem(c, &at, NULL, "'%s' lists %s in both 'full' and 'partial', "
						      "expected it in one of them",
					a->name ? a->name : "conformity.applied", a->partial.v[j]);
			}
	}
	if (m->support.start && m->support.end) {
		int64_t s, e;
		if (crk_cra_date_days(m->support.start, 0, &s) == 0 &&
		    crk_cra_date_days(m->support.end, 1, &e) == 0 && e < s) {
			struct crk_ynode at = {CRK_YNODE_SCALAR, m->support.end_pos.line,
					       m->support.end_pos.col, "", 0, 0, NULL, 0};
			problem(c, &at, NULL, "support.end %s is before support.start %s, expected "
					      "the end after the start",
				m->support.end, m->support.start);
		}
	}
	check_risk(c);
}

/* ---- entry points ---- */

void crk_cra_manifest_free(struct crk_cra_manifest *m)
{
	struct crk_arena *a;
	if (!m)
		return;
	a = m->priv_;
	crk_arena_release(a);
	crk_free(a);
}

int crk_cra_manifest_parse(struct crk_cra_manifest **out, const char *buf, size_t len,
			   const char *path, struct crk_diags *diags, struct crk_err *err)
{
	struct crk_arena *a;
	struct crk_cra_manifest *m;
	struct crk_ynode *root = NULL;
	struct ctx c;
	struct crk_err e;
	int rc;

	*out = NULL;
	if (!path)
		path = "cra.yaml";
	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "%zu bytes, expected at most %zu",
				   len, CRK_MAX_FILE_SIZE);
	a = crk_malloc(sizeof(*a));
	if (!a)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	crk_arena_init(a);
	m = crk_arena_alloc(a, sizeof(*m));
	if (!m || !(m->path = crk_arena_strdup(a, path))) {
		crk_arena_release(a);
		crk_free(a);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	m->priv_ = a;
	crk_err_clear(&e);
	rc = crk_yaml_load(&root, buf, len, path, a, &e);
	if (rc == CRK_OK && !root)
		rc = crk_err_set(&e, CRK_EPARSE, path, 1, 1,
				 "the file is empty, expected a mapping (schema: 1, manufacturer: "
				 "..., product: ...); 'crakit init' writes one");
	if (rc == CRK_OK && root->type != CRK_YNODE_MAP)
		rc = crk_err_set(&e, CRK_EPARSE, path, root->line, root->col,
				 "the file is %s, expected a mapping of keys (schema: 1, "
				 "manufacturer: ..., product: ...)",
				 node_what(root));
	if (rc != CRK_OK) {
		if (diags)
			crk_diags_add(diags, &e);
		if (err)
			*err = e;
		crk_cra_manifest_free(m);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	c.path = m->path;
	c.a = a;
	c.diags = diags;
	c.err = err;
	c.m = m;
	walk_map(&c, crk_cra__fields, root, m, "");
	if (!c.nomem)
		check_all(&c);
	if (c.nomem) {
		crk_cra_manifest_free(m);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	if (c.nproblems) {
		if (c.nproblems > MAX_PROBLEMS && diags)
			crk_diags_addf(diags, CRK_EPARSE, path, 0, 0,
				       "%d more problems not shown, expected none",
				       c.nproblems - MAX_PROBLEMS);
		crk_cra_manifest_free(m);
		return CRK_EPARSE;
	}
	*out = m;
	return CRK_OK;
}

int crk_cra_manifest_load(struct crk_cra_manifest **out, const char *path,
			  struct crk_diags *diags, struct crk_err *err)
{
	char *buf;
	size_t len;
	int rc;
	*out = NULL;
	rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc != CRK_OK) {
		if (rc == CRK_ENOTFOUND || rc == CRK_EIO)
			crk_err_hint(err, "'crakit init' writes a cra.yaml; docs/cra-yaml.md "
					  "describes it");
		return rc;
	}
	rc = crk_cra_manifest_parse(out, buf, len, path, diags, err);
	crk_free(buf);
	return rc;
}

/* The field at a dotted path ("manufacturer.email"), or NULL. */
static const struct crk_field *field_at(const char *key)
{
	const struct crk_field *fields = crk_cra__fields, *f = NULL;
	const char *p = key;
	while (fields && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		for (f = fields; f->key; f++)
			if (strlen(f->key) == n && strncmp(f->key, p, n) == 0)
				break;
		if (!f->key)
			return NULL;
		if (!dot)
			return f;
		if (f->kind != CRK_F_MAP)
			return NULL;
		fields = f->sub;
		p = dot + 1;
	}
	return NULL;
}

int crk_cra_manifest_check_value(const char *key, const char *text, struct crk_err *err)
{
	const struct crk_field *f = field_at(key);
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_ynode node, *items[64], seq;
	union {
		struct crk_cra_strs strs;
		const char *s;
		int i;
		unsigned u;
	} scratch;
	struct crk_field tmp;
	struct ctx c;
	size_t n = 0;
	if (!f || f->kind == CRK_F_MAP || f->kind == CRK_F_LIST || f->kind == CRK_F_REQS)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "'%s' is not a field of cra.yaml",
				   key ? key : "");
	memset(&c, 0, sizeof(c));
	memset(&scratch, 0, sizeof(scratch));
	memset(&node, 0, sizeof(node));
	c.path = "answer";
	c.a = &a;
	c.err = err;
	node.type = CRK_YNODE_SCALAR;
	node.line = node.col = 1;
	node.s = text;
	node.n = strlen(text);
	tmp = *f;
	tmp.off = 0;
	tmp.pos_off = CRK_NOPOS;
	if (f->kind == CRK_F_STRS || f->kind == CRK_F_REQ_IDS || f->kind == CRK_F_CAT_IDS) {
		/* comma-separated items */
		const char *p = text;
		memset(&seq, 0, sizeof(seq));
		seq.type = CRK_YNODE_SEQ;
		seq.line = seq.col = 1;
		while (*p && n < 64) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			const char *s = p;
			while (len && (*s == ' ' || *s == '\t'))
				s++, len--;
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				len--;
			if (len) {
				struct crk_ynode *it = crk_arena_alloc(&a, sizeof(*it));
				if (!it || !(it->s = crk_arena_strndup(&a, s, len))) {
					crk_arena_release(&a);
					return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
				}
				it->type = CRK_YNODE_SCALAR;
				it->line = it->col = 1;
				it->n = len;
				items[n++] = it;
			}
			p = e ? e + 1 : p + strlen(p);
		}
		seq.c = items;
		seq.nc = n;
		value(&c, &tmp, &seq, &scratch, key);
	} else {
		value(&c, &tmp, &node, &scratch, key);
	}
	crk_arena_release(&a);
	if (c.nomem)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return c.nproblems ? CRK_EPARSE : CRK_OK;
}
