/*
 * compact.c - crk_match_affected_compact() (include/crakit/match.h): an OSV `affected` entry
 * as the matcher reads it, for the store to keep in place of the whole entry.
 *
 * The matcher (osv.c, osv_fast.c) reads package.ecosystem, package.name, ranges[].type, .repo
 * and .events, `versions` and `severity`; `database_specific` and `ecosystem_specific` (of the
 * entry and of its ranges) have no effect on evaluation (OSV schema 1.6), nor has anything
 * else. Those are left out: a crates.io entry's affected functions, a GHSA entry's notes.
 *
 * The `versions` list is left out too when it cannot decide anything. OSV evaluates "the
 * version is in `versions` OR inside a range" (schema 1.6, "Evaluation"), and the matcher
 * consults the list only when no range holds the version (match.c, evaluate()). When every
 * listed version lies inside one of the entry's ranges -- as osv.dev writes its lists,
 * enumerated from the ranges -- a component version equal to a listed one (as a string, or as
 * the ecosystem compares versions) lies in that range too, because the range orders it with
 * the same comparator. Only ranges ordered by the list's comparator count
 * (crk_osv_range_order() returns the ecosystem itself): a SEMVER range of PyPI orders by
 * generic SemVer, where two PEP 440-equal versions may differ. PyPI and GHSA entries list every
 * release in their ranges; a scan no longer compares each component with each of them.
 *
 * An entry the matcher cannot read cleanly (not JSON, a range it reports as unreadable) is kept
 * as it is, so that the scan still says what is wrong with it.
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

/* 1: the list decides nothing (every version inside such a range); 0: it may; CRK_ENOMEM. */
static int list_is_redundant(const struct crk_match__affected *a)
{
	size_t i;
	for (i = 0; i < a->nversions; i++) {
		int rc = in_a_range(a, a->versions[i]);
		if (rc != 1)
			return rc;
	}
	return 1;
}

static int set(json_t *o, const char *key, json_t *v)
{
	return v ? json_object_set(o, key, v) : 0;
}

/* The entry with only what the matcher reads; NULL on ENOMEM. `root` was read without error
 * (no range error), so every range is an object with a string type and an events array of
 * one-key objects. */
static json_t *rebuild(json_t *root, int keep_versions)
{
	json_t *out = json_object(), *pkg = json_object(), *ranges = NULL, *src, *r, *el;
	json_t *in_pkg = json_object_get(root, "package");
	size_t i;
	int bad = !out || !pkg;
	if (!bad)
		bad = set(pkg, "ecosystem", json_object_get(in_pkg, "ecosystem")) ||
		      set(pkg, "name", json_object_get(in_pkg, "name")) ||
		      json_object_set(out, "package", pkg);
	src = json_object_get(root, "ranges");
	if (!bad && json_is_array(src)) {
		bad = !(ranges = json_array()) || json_object_set(out, "ranges", ranges);
		json_array_foreach(src, i, r) {
			json_t *c = json_object();
			json_t *repo = json_object_get(r, "repo");
			if (bad || !c || set(c, "type", json_object_get(r, "type")) ||
			    (json_is_string(repo) && set(c, "repo", repo)) ||
			    set(c, "events", json_object_get(r, "events")) ||
			    json_array_append(ranges, c)) {
				bad = 1;
			}
			json_decref(c);
		}
	}
	if (!bad && keep_versions)
		bad = set(out, "versions", json_object_get(root, "versions"));
	el = json_object_get(root, "severity");
	if (!bad && json_is_array(el))
		bad = set(out, "severity", el);
	json_decref(pkg);
	json_decref(ranges);
	if (bad) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	return crk_strbuf_add(data, buf, size);
}

int crk_match_affected_compact(const char *json, size_t len, char **out, size_t *outlen,
			       struct crk_err *err)
{
	struct crk_match__affected a;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_err e;
	json_error_t jerr;
	json_t *root, *small;
	int rc, keep_versions = 0;

	*out = NULL;
	*outlen = 0;
	crk_err_clear(&e);
	rc = crk_match__affected_parse(&a, json, len, &e);
	if (rc == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	if (rc != CRK_OK)
		return CRK_OK; /* the matcher will say what is wrong with it, at scan time */
	if (a.range_error || !a.ecosystem || !a.name) {
		crk_match__affected_release(&a);
		return CRK_OK;
	}
	if (a.nversions) {
		rc = list_is_redundant(&a);
		if (rc == CRK_ENOMEM) {
			crk_match__affected_release(&a);
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		}
		keep_versions = rc != 1;
	}
	crk_match__affected_release(&a);

	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) /* the matcher read it: only memory can fail here */
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	small = rebuild(root, keep_versions);
	json_decref(root);
	if (!small || json_dump_callback(small, dump_cb, &sb, JSON_COMPACT) != 0 ||
	    !crk_strbuf_ok(&sb)) {
		json_decref(small);
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	json_decref(small);
	*out = crk_strbuf_detach(&sb, outlen);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
