/*
 * sbom_in.h - what the tests of the SBOM readers share: reading a fixture of tests/data/sbom-in/
 * into a BOM and finding what came out of it.
 */
#ifndef CRK_TEST_SBOM_IN_H
#define CRK_TEST_SBOM_IN_H

#include <string.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbomio.h"

/* Reads tests/data/sbom-in/<name>; fails the test unless it reads (diags in *d when not NULL). */
static inline struct crk_bom *in_read(const char *name, struct crk_sbom_info *info,
				      struct crk_diags *d)
{
	struct crk_bom *bom = NULL;
	struct crk_err err;
	char rel[256];
	snprintf(rel, sizeof(rel), "sbom-in/%s", name);
	if (crk_bom_read_file(test_data(rel), &bom, info, d, &err) != CRK_OK)
		fail_msg("%s: %s:%u:%u: %s", name, err.path, err.line, err.col, err.msg);
	return bom;
}

/* The error reading tests/data/sbom-in/<name> gives (the read must fail). */
static inline int in_error(const char *name, struct crk_err *err)
{
	struct crk_bom *bom = NULL;
	char rel[256];
	int rc;
	snprintf(rel, sizeof(rel), "sbom-in/%s", name);
	rc = crk_bom_read_file(test_data(rel), &bom, NULL, NULL, err);
	if (rc == CRK_OK)
		fail_msg("%s was read", name);
	assert_null(bom);
	return rc;
}

/* Reads a buffer; returns the status, *out the BOM (NULL on failure). */
static inline int in_read_buf(const char *text, struct crk_bom **out, struct crk_sbom_info *info,
			      struct crk_err *err)
{
	return crk_bom_read(text, strlen(text), "test", out, info, NULL, err);
}

static inline const struct crk_component *in_find(const struct crk_bom *bom, const char *ref)
{
	const struct crk_component *c = crk_bom_find(bom, ref);
	if (!c)
		fail_msg("no component %s", ref);
	return c;
}

/* 1 when `from` (a bom-ref, or NULL for the product) depends on `to`. */
static inline int in_depends(const struct crk_bom *bom, const char *from, const char *to)
{
	const struct crk_component *t = in_find(bom, to);
	const size_t *d;
	size_t n, i;
	if (from) {
		const struct crk_component *f = in_find(bom, from);
		d = f->deps;
		n = f->ndeps;
	} else {
		d = crk_bom_roots(bom, &n);
	}
	for (i = 0; i < n; i++)
		if (d[i] == t->id)
			return 1;
	return 0;
}

/* The party of `role` of a component, or NULL. */
static inline const struct crk_party *in_party(const struct crk_party *v, size_t n,
					       enum crk_party_role role)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i].role == role)
			return &v[i];
	return NULL;
}

static inline const char *in_kv(const struct crk_kv *v, size_t n, const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

/* Fails the Nth allocation for N = 1, 2, ... while reading tests/data/sbom-in/<name>: every
 * run must end in CRK_OK or CRK_ENOMEM, with nothing leaked (ASan checks). */
static inline void in_alloc_failures(const char *name)
{
	char rel[256], *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	snprintf(rel, sizeof(rel), "sbom-in/%s", name);
	assert_int_equal(crk_read_file(test_data(rel), CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = NULL;
		struct crk_diags d;
		int rc;
		crk_diags_init(&d);
		crk_alloc_fail_after(n);
		rc = crk_bom_read(buf, len, name, &bom, NULL, &d, &err);
		crk_alloc_fail_after(0);
		crk_bom_free(bom);
		crk_diags_release(&d);
		if (rc == CRK_OK)
			break;
		if (rc != CRK_ENOMEM)
			fail_msg("%s, allocation %llu: rc %d: %s", name, (unsigned long long)n, rc,
				 err.msg);
	}
	crk_free(buf);
	assert_true(n < 100000);
}

#endif
