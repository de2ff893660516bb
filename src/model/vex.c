/*
 * vex.c - VEX statements as history, and which statement decides a finding
 * (include/crakit/vex.h). The VEX formats are in src/formats/openvex.c and cdx_vex.c.
 *
 * "Newest wins" (OpenVEX 0.2 spec, "Inheritance flow" and "Statement history": a later
 * statement about the same product and vulnerability supersedes an earlier one); statements are
 * kept, never overwritten, so `crakit vex list` can show what was believed when.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "crakit/vex.h"
#include "formats/purl.h"
#include "base/banned.h"

#define MAX_VEX_STATEMENTS ((size_t)1000000)

struct vex_entry {
	struct crk_vex_stmt st; /* first: crk_vex_set_get() hands out &entry->st */
	struct crk_purl subj;   /* parsed subject, when subj_purl */
	int subj_purl;
};

struct crk_vex_set {
	struct crk_arena arena;
	struct vex_entry **v;
	size_t n, alloc;
};

static const char *const status_names[] = {"", "not_affected", "affected", "fixed",
					    "under_investigation"};
static const char *const just_names[] = {"",
					  "component_not_present",
					  "vulnerable_code_not_present",
					  "vulnerable_code_not_in_execute_path",
					  "vulnerable_code_cannot_be_controlled_by_adversary",
					  "inline_mitigations_already_exist"};

const char *crk_vex_status_str(enum crk_vex_status s)
{
	return (unsigned)s < sizeof(status_names) / sizeof(*status_names) ? status_names[s] : "";
}

enum crk_vex_status crk_vex_status_parse(const char *s)
{
	size_t i;
	if (!s)
		return CRK_VEX_NONE;
	for (i = 1; i < sizeof(status_names) / sizeof(*status_names); i++)
		if (strcmp(s, status_names[i]) == 0)
			return (enum crk_vex_status)i;
	return CRK_VEX_NONE;
}

const char *crk_vex_justification_str(enum crk_vex_justification j)
{
	return (unsigned)j < sizeof(just_names) / sizeof(*just_names) ? just_names[j] : "";
}

enum crk_vex_justification crk_vex_justification_parse(const char *s)
{
	size_t i;
	if (!s)
		return CRK_VEXJ_NONE;
	for (i = 1; i < sizeof(just_names) / sizeof(*just_names); i++)
		if (strcmp(s, just_names[i]) == 0)
			return (enum crk_vex_justification)i;
	return CRK_VEXJ_NONE;
}

const char *crk_vex_cdx_state(enum crk_vex_status s)
{
	switch (s) {
	case CRK_VEX_NOT_AFFECTED: return "not_affected";
	case CRK_VEX_AFFECTED: return "exploitable";
	case CRK_VEX_FIXED: return "resolved";
	case CRK_VEX_UNDER_INVESTIGATION: return "in_triage";
	default: return NULL;
	}
}

/* CycloneDX has no label for "the component is not there" nor for "an adversary cannot reach
 * it"; the nearest are used and crakit also writes the CISA label as a property. */
const char *crk_vex_cdx_justification(enum crk_vex_justification j)
{
	switch (j) {
	case CRK_VEXJ_COMPONENT_NOT_PRESENT:
	case CRK_VEXJ_VULNERABLE_CODE_NOT_PRESENT: return "code_not_present";
	case CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH: return "code_not_reachable";
	case CRK_VEXJ_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY:
		return "requires_environment";
	case CRK_VEXJ_INLINE_MITIGATIONS_ALREADY_EXIST: return "protected_by_mitigating_control";
	default: return NULL;
	}
}

struct crk_vex_set *crk_vex_set_new(void)
{
	struct crk_vex_set *s = crk_calloc(1, sizeof(*s));
	if (s)
		crk_arena_init(&s->arena);
	return s;
}

void crk_vex_set_free(struct crk_vex_set *set)
{
	if (!set)
		return;
	crk_arena_release(&set->arena);
	crk_free(set->v);
	crk_free(set);
}

size_t crk_vex_set_count(const struct crk_vex_set *set)
{
	return set ? set->n : 0;
}

const struct crk_vex_stmt *crk_vex_set_get(const struct crk_vex_set *set, size_t i)
{
	return set && i < set->n ? &set->v[i]->st : NULL;
}

const char *crk_vex_set_strdup(struct crk_vex_set *set, const char *s)
{
	return s ? crk_arena_strdup(&set->arena, s) : NULL;
}

/* Copies an optional string; 0, or -1 on ENOMEM / past the cap (*bad says which). */
static int dup_opt(struct crk_vex_set *set, const char **dst, const char *src, int *toolong)
{
	size_t n;
	*dst = NULL;
	if (!src)
		return 0;
	n = strlen(src);
	if (n > CRK_MAX_STRING) {
		*toolong = 1;
		return -1;
	}
	*dst = crk_arena_strndup(&set->arena, src, n);
	return *dst ? 0 : -1;
}

int crk_vex_set_add(struct crk_vex_set *set, const struct crk_vex_stmt *st, struct crk_err *err)
{
	struct vex_entry *e;
	const char **al = NULL;
	int toolong = 0;
	size_t i;
	struct crk_err perr;

	if (!st->vuln || !*st->vuln)
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "a VEX statement names no vulnerability");
	if (!st->subject || !*st->subject)
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "the statement about %s names no product or component", st->vuln);
	if (st->status == CRK_VEX_NONE || (unsigned)st->status > CRK_VEX_UNDER_INVESTIGATION)
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "the statement about %s has no status", st->vuln);
	if ((unsigned)st->justification > CRK_VEXJ_INLINE_MITIGATIONS_ALREADY_EXIST)
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "unknown justification");
	if (st->justification != CRK_VEXJ_NONE && st->status != CRK_VEX_NOT_AFFECTED)
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "a justification is only given with status not_affected "
				   "(the statement about %s is %s)",
				   st->vuln, crk_vex_status_str(st->status));
	if (st->status == CRK_VEX_NOT_AFFECTED && st->justification == CRK_VEXJ_NONE &&
	    (!st->impact || !*st->impact))
		return crk_err_set(err, CRK_EINVAL, st->origin, st->line, 0,
				   "not_affected needs a justification or an impact statement "
				   "(the statement about %s has neither)",
				   st->vuln);
	if (set->n >= MAX_VEX_STATEMENTS || st->naliases > 1024)
		return crk_err_set(err, CRK_ELIMIT, st->origin, st->line, 0,
				   "too many VEX statements (the cap is %zu)", MAX_VEX_STATEMENTS);
	if (CRK_GROW(set->v, set->alloc, set->n + 1))
		goto oom;
	e = crk_arena_alloc(&set->arena, sizeof(*e));
	if (!e)
		goto oom;
	e->st = *st;
	if (dup_opt(set, &e->st.vuln, st->vuln, &toolong) ||
	    dup_opt(set, &e->st.subject, st->subject, &toolong) ||
	    dup_opt(set, &e->st.product, st->product, &toolong) ||
	    dup_opt(set, &e->st.impact, st->impact, &toolong) ||
	    dup_opt(set, &e->st.action, st->action, &toolong) ||
	    dup_opt(set, &e->st.note, st->note, &toolong) ||
	    dup_opt(set, &e->st.author, st->author, &toolong) ||
	    dup_opt(set, &e->st.origin, st->origin, &toolong))
		goto fail;
	if (st->naliases) {
		al = crk_arena_array(&set->arena, st->naliases, sizeof(*al));
		if (!al)
			goto oom;
		for (i = 0; i < st->naliases; i++)
			if (dup_opt(set, &al[i], st->aliases[i], &toolong))
				goto fail;
	}
	e->st.aliases = al;
	e->st.seq = set->n;
	memset(&e->subj, 0, sizeof(e->subj));
	e->subj_purl = strncmp(e->st.subject, "pkg:", 4) == 0 &&
		       crk_purl_parse(&e->subj, e->st.subject, strlen(e->st.subject), &set->arena,
				      &perr) == CRK_OK;
	set->v[set->n++] = e;
	return CRK_OK;
fail:
	if (toolong)
		return crk_err_set(err, CRK_ELIMIT, st->origin, st->line, 0,
				   "a string of the statement about %s is longer than %zu bytes",
				   st->vuln, CRK_MAX_STRING);
oom:
	return crk_err_set(err, CRK_ENOMEM, st->origin, st->line, 0, "out of memory");
}

static int streq_opt(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

/* Does parsed subject `s` cover parsed component `c`? */
static int covers(const struct crk_purl *s, const struct crk_purl *c)
{
	size_t i, j;
	if (strcmp(s->type, c->type) != 0 || !streq_opt(s->ns, c->ns) ||
	    strcmp(s->name, c->name) != 0)
		return 0;
	if (s->version && (!c->version || strcmp(s->version, c->version) != 0))
		return 0;
	for (i = 0; i < s->nqualifiers; i++) {
		for (j = 0; j < c->nqualifiers; j++)
			if (strcmp(s->qualifiers[i].key, c->qualifiers[j].key) == 0)
				break;
		if (j == c->nqualifiers || strcmp(s->qualifiers[i].value, c->qualifiers[j].value))
			return 0;
	}
	return 1;
}

int crk_vex_purl_covers(const char *subject, const char *purl)
{
	struct crk_arena a;
	struct crk_purl s, c;
	int r = 0;
	if (!subject || !purl)
		return 0;
	if (strcmp(subject, purl) == 0)
		return 1;
	crk_arena_init(&a);
	if (crk_purl_parse(&s, subject, strlen(subject), &a, NULL) == CRK_OK &&
	    crk_purl_parse(&c, purl, strlen(purl), &a, NULL) == CRK_OK)
		r = covers(&s, &c);
	crk_arena_release(&a);
	return r;
}

static int names_vuln(const struct crk_vex_stmt *st, const char *const *ids, size_t nids)
{
	size_t i, j;
	for (i = 0; i < nids; i++) {
		if (!ids[i])
			continue;
		if (strcasecmp(st->vuln, ids[i]) == 0)
			return 1;
		for (j = 0; j < st->naliases; j++)
			if (strcasecmp(st->aliases[j], ids[i]) == 0)
				return 1;
	}
	return 0;
}

static int newer(const struct crk_vex_stmt *a, const struct crk_vex_stmt *b)
{
	if (!b)
		return 1;
	if (a->time != b->time)
		return a->time > b->time;
	return a->seq > b->seq;
}

const struct crk_vex_stmt *crk_vex_decide(const struct crk_vex_set *set,
					  const char *const *ids, size_t nids, const char *purl,
					  const char *product)
{
	const struct crk_vex_stmt *best = NULL;
	struct crk_arena a;
	struct crk_purl c;
	int cparsed = -1; /* -1: not tried, 0: failed, 1: parsed */
	size_t i;

	if (!set || !set->n)
		return NULL;
	crk_arena_init(&a);
	for (i = 0; i < set->n; i++) {
		const struct vex_entry *e = set->v[i];
		int match = 0;
		if (!names_vuln(&e->st, ids, nids))
			continue;
		if (strcmp(e->st.subject, "*") == 0)
			match = 1;
		else if (purl && strcmp(e->st.subject, purl) == 0)
			match = 1;
		else if (product && strcmp(e->st.subject, product) == 0)
			match = 1;
		else if (e->subj_purl && product && !strcmp(e->subj.type, "generic") &&
			 !e->subj.ns && !e->subj.version && !strcmp(e->subj.name, product))
			match = 1; /* a product name written as OpenVEX needs it: pkg:generic/NAME */
		else if (e->subj_purl && purl) {
			if (cparsed < 0)
				cparsed = crk_purl_parse(&c, purl, strlen(purl), &a, NULL) == CRK_OK;
			match = cparsed == 1 && covers(&e->subj, &c);
		}
		if (match && newer(&e->st, best))
			best = &e->st;
	}
	crk_arena_release(&a);
	return best;
}

static int cmp_current(const void *pa, const void *pb)
{
	const struct crk_vex_stmt *a = *(const struct crk_vex_stmt *const *)pa;
	const struct crk_vex_stmt *b = *(const struct crk_vex_stmt *const *)pb;
	int c = strcmp(a->subject, b->subject);
	if (!c)
		c = a->time < b->time ? -1 : a->time > b->time;
	if (!c)
		c = a->seq < b->seq ? -1 : a->seq > b->seq;
	return c;
}

static int cmp_output(const void *pa, const void *pb)
{
	const struct crk_vex_stmt *a = *(const struct crk_vex_stmt *const *)pa;
	const struct crk_vex_stmt *b = *(const struct crk_vex_stmt *const *)pb;
	int c = strcasecmp(a->vuln, b->vuln);
	if (!c)
		c = strcmp(a->subject, b->subject);
	if (!c)
		c = a->seq < b->seq ? -1 : a->seq > b->seq;
	return c;
}

/* Do two statements name the same vulnerability (an id or alias in common)? */
static int same_vuln(const struct crk_vex_stmt *a, const struct crk_vex_stmt *b)
{
	size_t i;
	if (!strcasecmp(a->vuln, b->vuln))
		return 1;
	if (names_vuln(a, &b->vuln, 1) || names_vuln(b, &a->vuln, 1))
		return 1;
	for (i = 0; i < b->naliases; i++)
		if (names_vuln(a, &b->aliases[i], 1))
			return 1;
	return 0;
}

int crk_vex_current(const struct crk_vex_set *set, const struct crk_vex_stmt ***out, size_t *n,
		    struct crk_err *err)
{
	const struct crk_vex_stmt **v;
	size_t i, j, k = 0, start, total = set ? set->n : 0;

	*out = NULL;
	*n = 0;
	v = crk_calloc(total ? total : 1, sizeof(*v));
	if (!v)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < total; i++)
		v[i] = &set->v[i]->st;
	/* by subject, then oldest first: a statement is superseded when a later one about the
	 * same subject names the same vulnerability (any id or alias in common) */
	qsort(v, total, sizeof(*v), cmp_current);
	for (start = 0; start < total; start = j) {
		for (j = start; j < total && !strcmp(v[j]->subject, v[start]->subject); j++)
			;
		for (i = start; i < j; i++) {
			size_t l;
			for (l = i + 1; l < j && !same_vuln(v[i], v[l]); l++)
				;
			if (l == j)
				v[k++] = v[i];
		}
	}
	qsort(v, k, sizeof(*v), cmp_output);
	*out = v;
	*n = k;
	return CRK_OK;
}

void crk_vex_current_free(const struct crk_vex_stmt **v)
{
	crk_free((void *)v);
}
