/*
 * vtest.h - what the tests of src/version/ share: running version-order vectors through
 * crk_version_comparen() and counting agreement.
 *
 * Three sources, all read in place:
 *   "A OP B" files (OP one of < = >; blank lines and lines starting with "# " or "// " are
 *     comments): our hand-written tests/data/versions/<scheme>.txt and the peer's
 *     $CRAKIT_CORPUS/versions/NAME.txt. Every line must hold both ways. Two comment directives
 *     are ours: "# @ecosystem NAME" switches the ecosystem for the lines after it, and
 *     "# @invalid VERSION" asserts that VERSION is refused (CRK_EPARSE).
 *   $CRAKIT_CORPUS/versions-oracle/<name>.tsv ("A<TAB>B<TAB>CMP", decided by the ecosystem's
 *     own implementation) and <name>.invalid.tsv ("VERSION<TAB>MESSAGE", strings it rejects).
 * A disagreement is printed (the first few) and counted; a test passes when none is left that
 * its `explain` callback does not account for. Every count is printed, "pep440: N pairs,
 * 0 disagree", so a run shows what it checked.
 */
#ifndef CRK_TEST_VTEST_H
#define CRK_TEST_VTEST_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"

#include "crakit/version.h"

/* Says why a disagreement is expected (returns a reason) or NULL when it is a bug. `got` is
 * -1/0/1, or 2 when we refused a version the source orders. */
typedef const char *(*vt_explain_fn)(const char *eco, const char *a, const char *b, int want,
				     int got);

/* A disagreement known and understood: the pair (either order) and why. */
struct vt_known {
	const char *a, *b, *why;
};

static inline const char *vt_known_pair(const struct vt_known *k, size_t n, const char *a,
					const char *b)
{
	size_t i;
	for (i = 0; b && i < n; i++)
		if ((strcmp(k[i].a, a) == 0 && strcmp(k[i].b, b) == 0) ||
		    (strcmp(k[i].a, b) == 0 && strcmp(k[i].b, a) == 0))
			return k[i].why;
	return NULL;
}

struct vt_counts {
	size_t pairs, agree, disagree, explained, skipped, invalid, rejected, accepted;
};

#define VT_MAX_SHOWN 12

static inline int vt_cmp(const char *eco, const char *a, const char *b, int *out)
{
	struct crk_err err;
	int rc = crk_version_comparen(eco, a, strlen(a), b, strlen(b), out, &err);
	if (rc == CRK_EPARSE || rc == CRK_EINVAL)
		return 0;
	assert_int_equal(rc, CRK_OK); /* never ENOMEM, ENOTFOUND or ELIMIT here */
	assert_true(*out >= -1 && *out <= 1);
	return 1;
}

static inline void vt_disagree(struct vt_counts *c, vt_explain_fn explain, const char *eco,
			       const char *where, const char *a, const char *b, int want, int got)
{
	const char *why = explain ? explain(eco, a, b, want, got) : NULL;
	if (why) {
		c->explained++;
		return;
	}
	if (c->disagree++ < VT_MAX_SHOWN || getenv("VT_SHOW_ALL"))
		fprintf(stderr, "  DISAGREE %s [%s]: '%s' vs '%s': want %d, got %s\n", where, eco, a,
			b, want, got == 2 ? "an error" : got < 0 ? "-1" : got ? "1" : "0");
}

/* One pair both ways; `want` is -1/0/1. */
static inline void vt_pair(struct vt_counts *c, vt_explain_fn explain, const char *eco,
			   const char *where, const char *a, const char *b, int want)
{
	int x = 0, y = 0, okx = vt_cmp(eco, a, b, &x), oky = vt_cmp(eco, b, a, &y);
	c->pairs++;
	if (!okx || !oky)
		vt_disagree(c, explain, eco, where, a, b, want, 2);
	else if (x != want || y != -want)
		vt_disagree(c, explain, eco, where, a, b, want, x != want ? x : -y);
	else
		c->agree++;
}

/* A version that must be refused. */
static inline void vt_invalid(struct vt_counts *c, vt_explain_fn explain, const char *eco,
			      const char *where, const char *v)
{
	struct crk_err err;
	int rc = crk_version_validate(eco, v, strlen(v), &err);
	c->invalid++;
	if (rc == CRK_EPARSE) {
		assert_non_null(strstr(err.msg, "is not a valid"));
		c->rejected++;
		return;
	}
	assert_int_equal(rc, CRK_OK);
	if (explain && explain(eco, v, NULL, 2, 0)) {
		c->accepted++;
		return;
	}
	if (c->disagree++ < VT_MAX_SHOWN)
		fprintf(stderr, "  ACCEPTED %s [%s]: '%s' should be refused\n", where, eco, v);
}

static inline void vt_print(const char *name, const char *what, const struct vt_counts *c)
{
	printf("%s: %s: %zu pairs, %zu disagree", name, what, c->pairs, c->disagree);
	if (c->explained)
		printf(", %zu explained", c->explained);
	if (c->skipped)
		printf(", %zu skipped", c->skipped);
	if (c->invalid)
		printf("; %zu invalid versions, %zu refused%s", c->invalid, c->rejected,
		       c->accepted ? "" : "");
	if (c->accepted)
		printf(", %zu accepted on purpose", c->accepted);
	printf("\n");
	fflush(stdout);
}

/* An "A OP B" file. `skip_rejected`: a line whose version the ecosystem refuses is skipped
 * (counted) rather than a disagreement: the peer's files are more lenient than some
 * ecosystems. Returns 0 when the file cannot be opened. */
static inline int vt_ops_file(struct vt_counts *c, const char *path, const char *eco,
			      int skip_rejected, vt_explain_fn explain)
{
	char ecobuf[128], *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	snprintf(ecobuf, sizeof(ecobuf), "%s", eco);
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *a, *op, *b, *sp1, *sp2, where[512];
		int want, x;
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		snprintf(where, sizeof(where), "%s:%zu", path, lineno);
		if (strncmp(line, "# @ecosystem ", 13) == 0) {
			snprintf(ecobuf, sizeof(ecobuf), "%s", line + 13);
			continue;
		}
		if (strncmp(line, "# @invalid ", 11) == 0) {
			vt_invalid(c, explain, ecobuf, where, line + 11);
			continue;
		}
		if (n == 0 || strncmp(line, "# ", 2) == 0 || strncmp(line, "// ", 3) == 0 ||
		    strcmp(line, "#") == 0)
			continue;
		sp1 = strchr(line, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!sp1 || !sp2 || sp2 != sp1 + 2) {
			fprintf(stderr, "%s: not 'A OP B': %s\n", where, line);
			fail();
		}
		*sp1 = *sp2 = '\0';
		a = line;
		op = sp1 + 1;
		b = sp2 + 1;
		want = *op == '<' ? -1 : *op == '=' ? 0 : *op == '>' ? 1 : 9;
		assert_true(want != 9);
		if (skip_rejected && (!vt_cmp(ecobuf, a, b, &x) || !vt_cmp(ecobuf, b, a, &x))) {
			c->skipped++;
			continue;
		}
		vt_pair(c, explain, ecobuf, where, a, b, want);
	}
	free(line);
	fclose(f);
	return 1;
}

/* versions-oracle/<name>.tsv and <name>.invalid.tsv. Returns 0 when absent. */
static inline int vt_oracle(struct vt_counts *c, const char *name, const char *eco,
			    vt_explain_fn explain)
{
	char rel[256], *line = NULL, where[512];
	size_t cap = 0, lineno = 0;
	ssize_t n;
	FILE *f;
	snprintf(rel, sizeof(rel), "versions-oracle/%s.tsv", name);
	f = fopen(test_corpus(rel), "r");
	if (!f)
		return 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *t1, *t2;
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		assert_non_null(t2);
		*t1 = *t2 = '\0';
		snprintf(where, sizeof(where), "%s.tsv:%zu", name, lineno);
		vt_pair(c, explain, eco, where, line, t1 + 1, (int)strtol(t2 + 1, NULL, 10));
	}
	fclose(f);
	snprintf(rel, sizeof(rel), "versions-oracle/%s.invalid.tsv", name);
	f = fopen(test_corpus(rel), "r");
	assert_non_null(f);
	lineno = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *t1 = strchr(line, '\t');
		lineno++;
		assert_non_null(t1);
		*t1 = '\0';
		snprintf(where, sizeof(where), "%s.invalid.tsv:%zu", name, lineno);
		vt_invalid(c, explain, eco, where, line);
	}
	free(line);
	fclose(f);
	return 1;
}

/* The peer's files for an ecosystem, as versions/INDEX.json lists them, and the versions it
 * lists as invalid for it. Returns 0 when the corpus is absent. */
static inline int vt_peer(struct vt_counts *c, const char *index_eco, const char *eco,
			  int skip_rejected, vt_explain_fn explain)
{
	json_error_t jerr;
	json_t *root = json_load_file(test_corpus("versions/INDEX.json"), 0, &jerr), *files, *bad;
	size_t i;
	if (!root)
		return 0;
	files = json_object_get(json_object_get(root, "ecosystems"), index_eco);
	assert_true(json_is_array(files));
	for (i = 0; i < json_array_size(files); i++) {
		char rel[256];
		snprintf(rel, sizeof(rel), "versions/%s", json_string_value(json_array_get(files, i)));
		assert_true(vt_ops_file(c, test_corpus(rel), eco, skip_rejected, explain));
	}
	bad = json_object_get(json_object_get(root, "invalid_versions"), index_eco);
	for (i = 0; i < json_array_size(bad); i++)
		vt_invalid(c, explain, eco, "versions/INDEX.json", json_string_value(json_array_get(bad, i)));
	json_decref(root);
	return 1;
}

/* Our own vectors: tests/data/versions/<file>. They must exist and hold. */
static inline void vt_data(const char *name, const char *file, const char *eco,
			   vt_explain_fn explain)
{
	struct vt_counts c = {0};
	char rel[256];
	snprintf(rel, sizeof(rel), "versions/%s", file);
	if (!vt_ops_file(&c, test_data(rel), eco, 0, explain)) {
		fprintf(stderr, "cannot read %s\n", test_data(rel));
		fail();
	}
	vt_print(name, file, &c);
	assert_true(c.pairs >= 20);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.explained, 0);
}

/* Skips the calling test when the shared corpus is absent. */
#define VT_NEED_CORPUS(name)                                                                     \
	do {                                                                                     \
		FILE *vt_f_ = fopen(test_corpus("versions/INDEX.json"), "r");                    \
		if (!vt_f_) {                                                                    \
			printf("%s: the shared corpus is absent (%s): skipped\n", name,          \
			       test_corpus("versions"));                                         \
			skip();                                                                  \
		}                                                                                \
		fclose(vt_f_);                                                                   \
	} while (0)

#endif
