/*
 * prune.c - crk_match_affected_prune() (include/crakit/match.h): an OSV `affected` entry as
 * the matcher needs it, for the store to keep.
 *
 * OSV evaluates "the version is in `versions` OR inside a range" (schema 1.6, "Evaluation"),
 * and the matcher consults the list only when no range holds the version (match.c,
 * evaluate()). When every listed version lies inside one of the entry's ranges -- as osv.dev
 * writes its lists, enumerated from the ranges -- the list decides nothing: a component
 * version equal to a listed one (as a string, or as the ecosystem compares versions) lies in
 * that range too, because the range orders it with the same comparator. Only ranges ordered
 * by the list's comparator count (crk_osv_range_order() returns the ecosystem itself): a SEMVER
 * range of PyPI orders by generic SemVer, where two PEP 440-equal versions may differ.
 * Dropping such a list makes the stored entry shorter and spares every scan hundreds of
 * version comparisons per entry (PyPI and GHSA entries list every release in their ranges).
 */
#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/range.h"
#include "match/match_impl.h"
#include "base/banned.h"

/* 1: v lies inside a range ordered by the ecosystem's comparator; 0: not (or cannot say);
 * CRK_ENOMEM. */
static int in_a_range(const struct crk_match__affected *a, const char *v)
{
	size_t i;
	for (i = 0; i < a->nranges; i++) {
		const struct crk_osv_range *r = &a->ranges[i];
		struct crk_range_verdict vd;
		struct crk_err e;
		int rc;
		if (r->type == CRK_RANGE_GIT ||
		    crk_osv_range_order(a->ecosystem, r->type) != a->ecosystem)
			continue;
		crk_err_clear(&e);
		rc = crk_osv_range_eval(a->ecosystem, r, v, strlen(v), &vd, &e);
		if (rc == CRK_ENOMEM)
			return rc;
		if (rc == CRK_OK && vd.affected)
			return 1;
	}
	return 0;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	return crk_strbuf_add(data, buf, size);
}

int crk_match_affected_prune(const char *json, size_t len, char **out, size_t *outlen,
			     struct crk_err *err)
{
	struct crk_match__affected a;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_err e;
	json_error_t jerr;
	json_t *root = NULL;
	size_t i;
	int rc;

	*out = NULL;
	*outlen = 0;
	crk_err_clear(&e);
	rc = crk_match__affected_parse(&a, json, len, &e);
	if (rc == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	if (rc != CRK_OK)
		return CRK_OK; /* the matcher will say what is wrong with it, at scan time */
	if (a.nversions == 0 || a.range_error || !a.ecosystem)
		goto keep;
	for (i = 0; i < a.nversions; i++) {
		rc = in_a_range(&a, a.versions[i]);
		if (rc == CRK_ENOMEM)
			goto oom;
		if (rc != 1)
			goto keep;
	}
	crk_match__affected_release(&a);
	/* jansson keeps the keys' order: the entry is written as it was, minus the list */
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return json_error_code(&jerr) == json_error_out_of_memory
			       ? crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory")
			       : CRK_OK;
	if (!json_is_object(root) || json_object_del(root, "versions") != 0) {
		json_decref(root); /* not what the matcher read: keep it as it is */
		return CRK_OK;
	}
	if (json_dump_callback(root, dump_cb, &sb, JSON_COMPACT) != 0 || !crk_strbuf_ok(&sb)) {
		json_decref(root);
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	json_decref(root);
	*out = crk_strbuf_detach(&sb, outlen);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
oom:
	crk_match__affected_release(&a);
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
keep:
	crk_match__affected_release(&a);
	return CRK_OK;
}
