/*
 * checks_sbom.c - the checks that read other tools' documents (see checks.h): the SBOM
 * (CycloneDX or SPDX JSON, read with jansson: format, version, time, and the package URLs of its
 * components) compared with a fresh scan of the project, and the results of `crakit scan
 * --json` (format "crakit-scan": each finding's exploited, suppressed, severity.rating and
 * vex.status, and whether the scan was complete).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "cra/checks.h"
#include "base/banned.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_sorted(const char **v, size_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof(*v), cmp_str) != NULL;
}

/* ---- SBOM ---- */

struct sbom_info {
	const char *format, *spec, *timestamp, *version;
	const char **purls; /* normalised: no qualifiers, no subpath */
	size_t npurls, ncomponents;
};

static const char *norm_purl(struct crk_arena *a, const char *p)
{
	size_t n = strcspn(p, "?#");
	return crk_arena_strndup(a, p, n);
}

static int add_purl(struct crk_arena *a, struct sbom_info *s, size_t *alloc, const char *p)
{
	if (s->npurls == *alloc) {
		size_t na = *alloc ? 2 * *alloc : 64;
		const char **nv = crk_arena_array(a, na, sizeof(*nv));
		if (!nv)
			return -1;
		if (s->npurls)
			memcpy(nv, s->purls, s->npurls * sizeof(*nv));
		s->purls = nv;
		*alloc = na;
	}
	if (!(s->purls[s->npurls] = norm_purl(a, p)))
		return -1;
	s->npurls++;
	return 0;
}

static int cdx_components(struct crk_arena *a, struct sbom_info *s, size_t *alloc, json_t *arr,
			  int depth)
{
	size_t i;
	json_t *c;
	if (depth > CRK_MAX_DEPTH)
		return 0;
	json_array_foreach(arr, i, c)
	{
		const char *p = json_string_value(json_object_get(c, "purl"));
		s->ncomponents++;
		if (p && add_purl(a, s, alloc, p))
			return -1;
		if (json_is_array(json_object_get(c, "components")) &&
		    cdx_components(a, s, alloc, json_object_get(c, "components"), depth + 1))
			return -1;
	}
	return 0;
}

static int read_sbom(struct crk_arena *a, const char *path, struct sbom_info *s,
		     struct crk_err *err)
{
	json_error_t je;
	json_t *root, *v;
	char *buf;
	size_t len, alloc = 0, i;
	int rc;
	memset(s, 0, sizeof(*s));
	rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc != CRK_OK)
		return rc;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	crk_free(buf);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, path, (unsigned)(je.line > 0 ? je.line : 0),
				   (unsigned)(je.column > 0 ? je.column : 0),
				   "not a JSON SBOM: %s; expected CycloneDX or SPDX JSON", je.text);
	rc = CRK_OK;
	if (json_is_string(json_object_get(root, "bomFormat")) &&
	    !strcmp(json_string_value(json_object_get(root, "bomFormat")), "CycloneDX")) {
		s->format = "CycloneDX";
		s->spec = crk_arena_strdup(a, json_string_value(json_object_get(root, "specVersion"))
						      ? json_string_value(json_object_get(root, "specVersion"))
						      : "?");
		v = json_object_get(root, "metadata");
		if (json_string_value(json_object_get(v, "timestamp")))
			s->timestamp = crk_arena_strdup(a, json_string_value(json_object_get(v, "timestamp")));
		v = json_object_get(v, "component");
		if (json_string_value(json_object_get(v, "version")))
			s->version = crk_arena_strdup(a, json_string_value(json_object_get(v, "version")));
		if (cdx_components(a, s, &alloc, json_object_get(root, "components"), 0))
			rc = CRK_ENOMEM;
	} else if (json_is_string(json_object_get(root, "spdxVersion"))) {
		json_t *pk;
		s->format = "SPDX";
		s->spec = crk_arena_strdup(a, json_string_value(json_object_get(root, "spdxVersion")));
		v = json_object_get(root, "creationInfo");
		if (json_string_value(json_object_get(v, "created")))
			s->timestamp = crk_arena_strdup(a, json_string_value(json_object_get(v, "created")));
		json_array_foreach(json_object_get(root, "packages"), i, pk)
		{
			size_t j;
			json_t *ref;
			s->ncomponents++;
			json_array_foreach(json_object_get(pk, "externalRefs"), j, ref)
			{
				const char *t = json_string_value(json_object_get(ref, "referenceType"));
				const char *loc = json_string_value(json_object_get(ref, "referenceLocator"));
				if (t && loc && !strcmp(t, "purl") && add_purl(a, s, &alloc, loc)) {
					rc = CRK_ENOMEM;
					break;
				}
			}
		}
	} else {
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 "neither CycloneDX (bomFormat) nor SPDX (spdxVersion), expected an "
				 "SBOM in CycloneDX or SPDX JSON");
	}
	json_decref(root);
	if (rc == CRK_ENOMEM)
		crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	return rc;
}

int crk_cra__check_sbom(struct crk_checkrun *run, const char *found, struct crk_err *err)
{
	struct crk_arena *a = run->a;
	const char *dir = run->o->dir ? run->o->dir : ".";
	const char *file = run->o->sbom, *shown;
	struct sbom_info s;
	struct crk_bom *bom = NULL;
	const char **tree = NULL, *missing[CRK_CHECK_MAX_HITS];
	size_t ntree = 0, i, nmissing = 0, nmissing_total = 0;
	int rc, scanned = 0;
	char *path = NULL;

	if (!file)
		file = found;
	if (file && !run->o->sbom && !(path = crk_cra__aprintf(a, "%s/%s", dir, file)))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	shown = file;
	if (!run->o->no_scan) {
		struct crk_diags d;
		struct crk_scan_opts so;
		struct crk_err e2;
		memset(&so, 0, sizeof(so));
		crk_diags_init(&d);
		bom = crk_bom_new();
		if (!bom)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		if (crk_sbom_scan(bom, dir, &so, &d, NULL, &e2) == CRK_OK) {
			scanned = 1;
			tree = crk_arena_array(a, crk_bom_count(bom) + 1, sizeof(*tree));
			if (!tree) {
				crk_diags_release(&d);
				crk_bom_free(bom);
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			}
			for (i = 0; i < crk_bom_count(bom); i++) {
				const struct crk_component *c = crk_bom_get(bom, i);
				if (c->purl && !(tree[ntree++] = norm_purl(a, c->purl))) {
					crk_diags_release(&d);
					crk_bom_free(bom);
					return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
				}
			}
		}
		crk_diags_release(&d);
		crk_bom_free(bom);
	}
	if (!file) {
		const char *looked = crk_cra__aprintf(
			a, "SBOM files in %s (*.cdx.json, *.cyclonedx.json, *.spdx.json, *.sbom.json, "
			   "bom.json, sbom.json; none found, and no --sbom given)%s",
			dir, scanned ? ", then the project scanned as 'crakit sbom' does" : "");
		if (scanned && ntree) {
			run->sbom = crk_cra__aprintf(a, "made on demand by crakit sbom (%zu components in "
						  "the project)",
					       ntree);
			crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_WARN, looked,
			    crk_cra__aprintf(a, "no SBOM is kept in the project; 'crakit sbom %s -o "
					  "sbom.cdx.json' writes one now (%zu components with a purl "
					  "found); keep it with each release",
				       dir, ntree));
		} else {
			crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_FAIL, looked,
			    "no SBOM file, and no lockfile or package database crakit reads in the "
			    "project: give one with --sbom FILE");
		}
		return CRK_OK;
	}
	rc = read_sbom(a, path ? path : file, &s, err);
	if (rc != CRK_OK) {
		if (run->o->sbom)
			return rc; /* the file the user named must be readable */
		crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_FAIL,
		    crk_cra__aprintf(a, "the SBOM file %s found in the project", file),
		    crk_cra__aprintf(a, "it cannot be read: %s", err->msg));
		crk_err_clear(err);
		return CRK_OK;
	}
	run->sbom = crk_cra__aprintf(a, "%s (%s %s, %zu components)", shown, s.format, s.spec,
			       s.ncomponents);
	if (s.npurls)
		qsort(s.purls, s.npurls, sizeof(*s.purls), cmp_str);
	for (i = 0; i < ntree; i++)
		if (!in_sorted(s.purls, s.npurls, tree[i])) {
			if (nmissing < CRK_CHECK_MAX_HITS)
				missing[nmissing++] = crk_cra__aprintf(a, "%s: in the project, not in the SBOM",
								 tree[i]);
			nmissing_total++;
		}
	{
		const char *looked = crk_cra__aprintf(
			a, "%s (%s %s, %zu components, %zu with a package URL%s%s)%s", shown, s.format,
			s.spec, s.ncomponents, s.npurls, s.timestamp ? ", made " : "",
			s.timestamp ? s.timestamp : "",
			scanned ? crk_cra__aprintf(a, ", compared with a scan of %s (%zu components with a "
						"package URL, qualifiers ignored)",
					     dir, ntree)
				: "");
		if (!scanned || !ntree)
			crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_PASS, looked,
			    scanned ? "the SBOM is there; the project has no lockfile crakit reads to "
				      "compare it with"
				    : "the SBOM is there (freshness not compared: --no-scan)");
		else if (nmissing_total)
			crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_FAIL, looked,
			    crk_cra__aprintf(a, "the SBOM is stale: %zu component%s of the project %s not "
					  "in it; write it again with 'crakit sbom'",
				       nmissing_total, nmissing_total == 1 ? "" : "s",
				       nmissing_total == 1 ? "is" : "are"));
		else
			crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_PASS, looked,
			    "the SBOM lists every component the project has now");
	}
	if (crk_cra__check_hits(run, CRK_CHK_SBOM, missing, nmissing))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return CRK_OK;
}

int crk_cra__check_findings(struct crk_checkrun *run, struct crk_err *err)
{
	struct crk_arena *a = run->a;
	const char *file = run->o->findings;
	json_error_t je;
	json_t *root, *it;
	char *buf;
	size_t len, i, nexp = 0, ncrit = 0, total = 0;
	const char *exp[CRK_CHECK_MAX_HITS], *crit[CRK_CHECK_MAX_HITS];
	int rc, complete;
	const char *looked;

	if (!file) {
		const char *why = "not run: no scan results (run 'crakit scan --json > scan.json' and "
				  "give it with --findings scan.json)";
		crk_cra__check_set(run, CRK_CHK_EXPLOITED, CRK_CHECK_NOT_RUN, "no scan results", why);
		crk_cra__check_set(run, CRK_CHK_CRITICAL, CRK_CHECK_NOT_RUN, "no scan results", why);
		return CRK_OK;
	}
	rc = crk_read_file(file, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc != CRK_OK)
		return rc;
	root = json_loadb(buf, len, 0, &je);
	crk_free(buf);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, file, (unsigned)(je.line > 0 ? je.line : 0),
				   (unsigned)(je.column > 0 ? je.column : 0),
				   "not JSON: %s; expected the output of 'crakit scan --json'",
				   je.text);
	if (!json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), "crakit-scan") ||
	    !json_is_array(json_object_get(root, "findings"))) {
		json_decref(root);
		return crk_err_set(err, CRK_EPARSE, file, 1, 1,
				   "not crakit scan results (\"format\": \"crakit-scan\" with a "
				   "\"findings\" list), expected the output of 'crakit scan --json'");
	}
	complete = json_is_true(json_object_get(root, "complete"));
	json_array_foreach(json_object_get(root, "findings"), i, it)
	{
		json_t *comp = json_object_get(it, "component"), *vex = json_object_get(it, "vex");
		const char *id = json_string_value(json_object_get(it, "id"));
		const char *name = json_string_value(json_object_get(comp, "name"));
		const char *ver = json_string_value(json_object_get(comp, "version"));
		const char *rating = json_string_value(json_object_get(json_object_get(it, "severity"),
									"rating"));
		const char *vstatus = json_string_value(json_object_get(vex, "status"));
		int suppressed = json_is_true(json_object_get(it, "suppressed"));
		total++;
		if (json_is_true(json_object_get(it, "exploited")) && !suppressed) {
			if (nexp < CRK_CHECK_MAX_HITS)
				exp[nexp] = crk_cra__aprintf(a, "%s in %s %s: known exploited (KEV)%s%s",
						       id ? id : "?", name ? name : "?", ver ? ver : "",
						       vstatus ? ", triage: " : "", vstatus ? vstatus : "");
			nexp++;
		}
		if (rating && !strcmp(rating, "critical") && !suppressed &&
		    (!vstatus || !strcmp(vstatus, "under_investigation"))) {
			if (ncrit < CRK_CHECK_MAX_HITS)
				crit[ncrit] = crk_cra__aprintf(a, "%s in %s %s: critical, %s", id ? id : "?",
							 name ? name : "?", ver ? ver : "",
							 vstatus ? "still under investigation"
								 : "no triage decision");
			ncrit++;
		}
	}
	json_decref(root);
	looked = crk_cra__aprintf(a, "%s: %zu finding%s of 'crakit scan'%s", file, total,
			    total == 1 ? "" : "s", complete ? "" : " (the scan says it is incomplete)");
	if (nexp)
		crk_cra__check_set(run, CRK_CHK_EXPLOITED, CRK_CHECK_FAIL, looked,
		    crk_cra__aprintf(a, "%zu known exploited vulnerabilit%s in the product; an actively "
				  "exploited one may have to be notified within 24 hours (Art. "
				  "14(2)(a))",
			       nexp, nexp == 1 ? "y" : "ies"));
	else
		crk_cra__check_set(run, CRK_CHK_EXPLOITED, complete ? CRK_CHECK_PASS : CRK_CHECK_WARN, looked,
		    complete ? "no finding is known to be exploited"
			     : "none of the findings is known to be exploited, but the scan was "
			       "incomplete (see its problems): it cannot say there is none");
	if (ncrit)
		crk_cra__check_set(run, CRK_CHK_CRITICAL, CRK_CHECK_FAIL, looked,
		    crk_cra__aprintf(a, "%zu critical finding%s without a triage decision: record one with "
				  "'crakit vex set'",
			       ncrit, ncrit == 1 ? "" : "s"));
	else
		crk_cra__check_set(run, CRK_CHK_CRITICAL, complete ? CRK_CHECK_PASS : CRK_CHECK_WARN, looked,
		    complete ? "every critical finding has a triage decision"
			     : "no critical finding without a decision, but the scan was incomplete");
	if (crk_cra__check_hits(run, CRK_CHK_EXPLOITED, exp, nexp < CRK_CHECK_MAX_HITS ? nexp : CRK_CHECK_MAX_HITS) ||
	    crk_cra__check_hits(run, CRK_CHK_CRITICAL, crit, ncrit < CRK_CHECK_MAX_HITS ? ncrit : CRK_CHECK_MAX_HITS))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return CRK_OK;
}

