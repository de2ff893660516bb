/*
 * maven.c - Maven versions: org.apache.maven.artifact.versioning.ComparableVersion as Maven 3.8
 * orders them (https://maven.apache.org/pom.html#version-order-specification; checked against
 * maven-artifact 3.8.7 by the versions-oracle corpus).
 *
 * Every string is a version. It is lower-cased and cut into items:
 *   - "." separates items; "-" separates too and opens a sub-list (so the rest is "less
 *     important" than what follows a dot); a change between digits and other characters is a
 *     separator as well and also opens a sub-list ("1.0alpha1" is [1, 0, [alpha, [1]]]); letters
 *     after a dot and followed by digits get a sub-list of their own, so ".X1" equals "-X1"
 *     (1.0.RC1 = 1.0-RC1); an empty item is 0.
 *   - digits are numbers of any size; other runs are qualifiers: alpha < beta < milestone < rc
 *     = cr < snapshot < "" = ga = final = release < sp, then every other string, in (lower-case)
 *     byte order; "a", "b" and "m" directly followed by digits mean alpha, beta and milestone.
 *   - trailing "null" items (0, "", ga, final, release, empty sub-lists) are dropped from each
 *     list, so 1 = 1.0 = 1-ga = 1.0.0-final.
 * Order, item by item (a missing item is compared as "null"): number > sub-list > qualifier;
 * numbers by value (a number of 10-18 digits is above any of 1-9 digits, one of 19+ above both,
 * as ComparableVersion sorts its int, long and BigInteger items, leading zeros stripped first);
 * qualifiers as above; an absent item vs. a qualifier: the qualifier's order against "" decides
 * (1-rc < 1 < 1-sp); an absent item vs. a sub-list: the sub-list's items against null, in turn.
 *
 * Departures: the empty (or blank) string is refused rather than read as "0"; only ASCII is
 * folded to lower case and only ASCII digits are digits (Java would also fold and count other
 * Unicode letters and digits).
 */
#include <string.h>

#include "base/alloc.h"
#include "version/scheme.h"
#include "base/banned.h"

enum { T_NUM, T_STR, T_LIST, T_NONE };
enum { Q_RELEASE = 5, Q_UNKNOWN = 7 };

struct mitem {
	const char *p; /* number: digits, leading zeros stripped (all zeros kept); string: text */
	size_t n;
	unsigned char type, kind; /* number: 0 int, 1 long, 2 BigInteger; string: qualifier rank */
};

struct mlist {
	size_t first, natoms;
	int has_child;
};

struct mv {
	struct mitem *items;
	struct mlist *lists;
	size_t nitems, nlists;
};

static const char *const qualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};

static int ieq(const char *p, size_t n, const char *lit)
{
	size_t i;
	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (crk_vtolower((unsigned char)p[i]) != lit[i])
			return 0;
	return 1;
}

static int item_null(const struct mitem *it)
{
	if (it->type == T_NUM)
		return crk_vdigits(it->p, it->n) == it->n && it->p[0] == '0';
	return it->kind == Q_RELEASE;
}

static void add_atom(struct mv *v, int digits, const char *p, size_t n, int followed_by_digit)
{
	struct mitem *it = &v->items[v->nitems++];
	size_t k;
	v->lists[v->nlists - 1].natoms++;
	if (digits) {
		size_t z = 0;
		while (z < n && p[z] == '0')
			z++;
		if (z < n) /* all zeros: kept whole, as stripLeadingZeroes does */
			p += z, n -= z;
		it->type = T_NUM;
		it->p = p;
		it->n = n;
		it->kind = n <= 9 ? 0 : n <= 18 ? 1 : 2;
		return;
	}
	it->type = T_STR;
	it->p = p;
	it->n = n;
	if (followed_by_digit && n == 1) {
		int c = crk_vtolower((unsigned char)p[0]);
		if (c == 'a' || c == 'b' || c == 'm') {
			it->p = qualifiers[c == 'a' ? 0 : c == 'b' ? 1 : 2];
			it->n = strlen(it->p);
		}
	}
	it->kind = Q_UNKNOWN;
	if (ieq(it->p, it->n, "ga") || ieq(it->p, it->n, "final") || ieq(it->p, it->n, "release"))
		it->kind = Q_RELEASE;
	else if (ieq(it->p, it->n, "cr"))
		it->kind = 3;
	for (k = 0; k < 7 && it->kind == Q_UNKNOWN; k++)
		if (ieq(it->p, it->n, qualifiers[k]))
			it->kind = (unsigned char)k;
}

static void add_zero(struct mv *v)
{
	add_atom(v, 1, "0", 1, 0);
}

static void new_list(struct mv *v)
{
	struct mlist *l = &v->lists[v->nlists++];
	l->first = v->nitems;
	l->natoms = 0;
	l->has_child = 0;
}

static int parse(struct mv *v, const char *s, size_t len, struct crk_err *err)
{
	size_t i, start = 0, k, cap;
	int digit = 0;
	memset(v, 0, sizeof(*v));
	for (i = 0; i < len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')); i++)
		;
	if (i == len)
		return crk_version__invalid(err, &crk_version_maven, s, len,
					    "a blank version (Maven would read it as 0)");
	/* at most three items and two lists per byte, plus the end */
	cap = 3 * len + 4;
	v->items = crk_reallocarray(NULL, cap, sizeof(*v->items));
	v->lists = crk_reallocarray(NULL, cap, sizeof(*v->lists));
	if (!v->items || !v->lists) {
		crk_free(v->items);
		crk_free(v->lists);
		memset(v, 0, sizeof(*v));
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory parsing a version");
	}
	new_list(v);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '.' || c == '-') {
			if (i == start)
				add_zero(v);
			else
				add_atom(v, digit, s + start, i - start, 0);
			start = i + 1;
			if (c == '-')
				new_list(v);
		} else if (crk_vdigit(c)) {
			if (!digit && i > start) {
				/* ".X1" is read as "-X1" */
				if (v->lists[v->nlists - 1].natoms)
					new_list(v);
				add_atom(v, 0, s + start, i - start, 1);
				start = i;
				new_list(v);
			}
			digit = 1;
		} else {
			if (digit && i > start) {
				add_atom(v, 1, s + start, i - start, 0);
				start = i;
				new_list(v);
			}
			digit = 0;
		}
	}
	if (len > start) {
		if (!digit && v->lists[v->nlists - 1].natoms)
			new_list(v);
		add_atom(v, digit, s + start, len - start, 0);
	}
	/* normalise, deepest list first: drop trailing null atoms and null sub-lists */
	for (k = v->nlists; k-- > 0;) {
		struct mlist *l = &v->lists[k];
		l->has_child = k + 1 < v->nlists &&
			       (v->lists[k + 1].natoms > 0 || v->lists[k + 1].has_child);
		while (l->natoms > 0 && item_null(&v->items[l->first + l->natoms - 1]))
			l->natoms--;
	}
	return CRK_OK;
}

static void release(struct mv *v)
{
	crk_free(v->items);
	crk_free(v->lists);
}

/* An item of a list: an atom, the sub-list (list index in *child), or T_NONE past the end. */
static int item_at(const struct mv *v, size_t list, size_t j, const struct mitem **atom,
		   size_t *child)
{
	const struct mlist *l = &v->lists[list];
	if (j < l->natoms) {
		*atom = &v->items[l->first + j];
		return (*atom)->type;
	}
	if (j == l->natoms && l->has_child) {
		*child = list + 1;
		return T_LIST;
	}
	return T_NONE;
}

static int qual_cmp(const struct mitem *a, const struct mitem *b)
{
	size_t i;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind != Q_UNKNOWN)
		return 0;
	for (i = 0; i < a->n && i < b->n; i++) {
		int x = crk_vtolower((unsigned char)a->p[i]), y = crk_vtolower((unsigned char)b->p[i]);
		if (x != y)
			return x < y ? -1 : 1;
	}
	return (a->n > i) - (b->n > i);
}

static int list_cmp(const struct mv *a, size_t la, const struct mv *b, size_t lb);

/* A list against "nothing": its items against null, the first that is not equal decides. */
static int list_vs_null(const struct mv *v, size_t list)
{
	for (;;) {
		const struct mlist *l = &v->lists[list];
		size_t j;
		for (j = 0; j < l->natoms; j++) {
			const struct mitem *it = &v->items[l->first + j];
			int c = it->type == T_NUM ? !item_null(it)
						   : (it->kind == Q_RELEASE ? 0
						      : it->kind < Q_RELEASE ? -1 : 1);
			if (c)
				return c;
		}
		if (!l->has_child)
			return 0;
		list++;
	}
}

/* Item `ta` of a (atom ia or list ca) against item `tb` of b. */
static int item_cmp(const struct mv *a, int ta, const struct mitem *ia, size_t ca,
		    const struct mv *b, int tb, const struct mitem *ib, size_t cb)
{
	if (ta == T_NONE && tb == T_NONE)
		return 0;
	if (ta == T_NONE)
		return -item_cmp(b, tb, ib, cb, a, ta, ia, ca);
	switch (ta) {
	case T_NUM:
		if (tb == T_NONE)
			return !item_null(ia);
		if (tb != T_NUM)
			return 1;
		if (ia->kind != ib->kind)
			return ia->kind < ib->kind ? -1 : 1;
		return crk_version__numcmp(ia->p, ia->n, ib->p, ib->n);
	case T_STR:
		if (tb == T_NONE)
			return ia->kind == Q_RELEASE ? 0 : ia->kind < Q_RELEASE ? -1 : 1;
		return tb == T_STR ? qual_cmp(ia, ib) : -1;
	default: /* T_LIST */
		if (tb == T_NONE)
			return list_vs_null(a, ca);
		if (tb == T_NUM)
			return -1;
		if (tb == T_STR)
			return 1;
		return list_cmp(a, ca, b, cb); /* not reached: list_cmp handles two lists */
	}
}

static int list_cmp(const struct mv *a, size_t la, const struct mv *b, size_t lb)
{
	size_t j = 0;
	for (;;) {
		const struct mitem *ia = NULL, *ib = NULL;
		size_t ca = 0, cb = 0;
		int ta = item_at(a, la, j, &ia, &ca), tb = item_at(b, lb, j, &ib, &cb), c;
		if (ta == T_NONE && tb == T_NONE)
			return 0;
		if (ta == T_LIST && tb == T_LIST) {
			/* a sub-list is the last item of its list: compare the two in place of a
			 * recursive call, so deep nesting costs no stack */
			la = ca;
			lb = cb;
			j = 0;
			continue;
		}
		c = item_cmp(a, ta, ia, ca, b, tb, ib, cb);
		if (c)
			return c;
		j++;
	}
}

static int maven_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			 struct crk_err *err)
{
	struct mv va, vb;
	int rc = parse(&va, a, alen, err);
	if (rc)
		return rc;
	rc = parse(&vb, b, blen, err);
	if (!rc)
		*out = list_cmp(&va, 0, &vb, 0);
	release(&va);
	release(&vb);
	return rc;
}

static int maven_valid(const char *v, size_t len, struct crk_err *err)
{
	struct mv p;
	int rc = parse(&p, v, len, err);
	release(&p);
	return rc;
}

static const char *const maven_ecosystems[] = {"Maven", NULL};

const struct crk_version_scheme crk_version_maven = {
	.name = "maven",
	.title = "Maven ComparableVersion",
	.ecosystems = maven_ecosystems,
	.compare = maven_compare,
	.valid = maven_valid,
	.spec = "https://maven.apache.org/pom.html#version-order-specification",
	.doc = "Maven 3.8 ComparableVersion: items and sub-lists, alpha < beta < milestone < rc < "
	       "snapshot < release < sp < others",
};
