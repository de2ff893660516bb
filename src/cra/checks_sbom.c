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
#include <time.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "crakit/sbomio.h"
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

/* What the check says about an SBOM, read with the project's SBOM readers
 * (include/crakit/sbomio.h: CycloneDX JSON/XML, SPDX JSON/tag-value, SPDX 3). */
struct sbom_info {
	const char *format, *spec, *timestamp, *version;
	const char **purls; /* canonical, without qualifiers and subpath, sorted */
	size_t npurls, ncomponents;
};

static const char *norm_purl(struct crk_arena *a, const char *p)
{
	size_t n = strcspn(p, "?#");
	return crk_arena_strndup(a, p, n);
}

static int read_sbom(struct crk_arena *a, const char *buf, size_t len, const char *path,
		     struct sbom_info *s, struct crk_err *err)
{
	struct crk_bom *bom = NULL;
	struct crk_sbom_info info;
	const struct crk_bom_meta *meta;
	size_t i, n;
	int rc;

	memset(s, 0, sizeof(*s));
	memset(&info, 0, sizeof(info));
	rc = crk_bom_read(buf, len, path, &bom, &info, NULL, err);
	if (rc != CRK_OK) {
		if (rc == CRK_EPARSE && info.format == CRK_SBOM_UNKNOWN && !err->hint[0])
			crk_err_hint(err, "expected an SBOM: CycloneDX or SPDX (JSON, XML or "
					  "tag-value)");
		return rc;
	}
	meta = crk_bom_meta(bom);
	switch (info.format) {
	case CRK_SBOM_CYCLONEDX_JSON:
	case CRK_SBOM_CYCLONEDX_XML:
		s->format = "CycloneDX";
		s->spec = crk_arena_strdup(a, info.spec_version[0] ? info.spec_version : "?");
		break;
	default:
		s->format = "SPDX";
		s->spec = crk_cra__aprintf(a, "SPDX-%s", info.spec_version[0] ? info.spec_version : "?");
		break;
	}
	if (info.has_timestamp && meta->timestamp >= 0) {
		time_t t = (time_t)meta->timestamp;
		struct tm tm;
		char ts[32];
		if (gmtime_r(&t, &tm) && strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm))
			s->timestamp = crk_arena_strdup(a, ts);
	}
	if (meta->product && meta->product->version)
		s->version = crk_arena_strdup(a, meta->product->version);
	s->ncomponents = info.nentries;
	n = crk_bom_count(bom);
	s->purls = crk_arena_array(a, n + 1, sizeof(*s->purls));
	rc = s->spec && s->purls ? CRK_OK : CRK_ENOMEM;
	for (i = 0; rc == CRK_OK && i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		if (c->purl && !(c->flags & CRK_PKG_NO_PURL) &&
		    !(s->purls[s->npurls++] = norm_purl(a, c->purl)))
			rc = CRK_ENOMEM;
	}
	crk_bom_free(bom);
	if (rc == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	return CRK_OK;
}

static int read_sbom_file(struct crk_arena *a, const char *path, struct sbom_info *s,
			  struct crk_err *err)
{
	char *buf;
	size_t len;
	int rc = crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, err);
	if (rc != CRK_OK)
		return rc;
	rc = read_sbom(a, buf, len, path, s, err);
	crk_free(buf);
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
	struct crk_err rerr;

	/* the SBOM of the latest release in the store stands in for --sbom (Annex I Part II (1):
	 * the SBOM of what was placed on the market) */
	int from_store = !file && run->rel_desc;
	if (from_store && !run->rel_sbom) {
		crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_FAIL,
		    crk_cra__aprintf(a, "the SBOM of %s", run->rel_desc),
		    crk_cra__aprintf(a, "release %s was recorded without an SBOM: record the next "
				  "release with 'crakit release record --sbom FILE'",
			       run->rel_version));
		return CRK_OK;
	}
	if (!file && !from_store)
		file = found;
	if (file && !run->o->sbom && !(path = crk_cra__aprintf(a, "%s/%s", dir, file)))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	shown = from_store ? crk_cra__aprintf(a, "the SBOM of %s", run->rel_desc) : file;
	if (from_store && !shown)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
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
	if (!file && !from_store) {
		const char *looked = crk_cra__aprintf(
			a, "%s%sSBOM files in %s (*.cdx.json, *.cyclonedx.json, *.spdx.json, *.sbom.json, "
			   "bom.json, sbom.json; none found, and no --sbom given)%s",
			run->rel_none ? run->rel_none : "", run->rel_none ? ", then " : "", dir,
			scanned ? ", then the project scanned as 'crakit sbom' does" : "");
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
	crk_err_clear(&rerr);
	if (from_store)
		rc = read_sbom(a, run->rel_sbom, run->rel_sbom_len, "stored SBOM", &s, &rerr);
	else
		rc = read_sbom_file(a, path ? path : file, &s, &rerr);
	if (rc != CRK_OK) {
		if (run->o->sbom || rc == CRK_ENOMEM) {
			/* the file the user named must be readable */
			if (err)
				*err = rerr;
			return rc;
		}
		crk_cra__check_set(run, CRK_CHK_SBOM, CRK_CHECK_FAIL,
		    from_store ? shown
			       : crk_cra__aprintf(a, "%s%sthe SBOM file %s found in the project",
						  run->rel_none ? run->rel_none : "",
						  run->rel_none ? ", then " : "", file),
		    crk_cra__aprintf(a, "it cannot be read: %s", rerr.msg));
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
			a, "%s%s%s (%s %s, %zu components, %zu with a package URL%s%s)%s",
			run->rel_none && !from_store && !run->o->sbom ? run->rel_none : "",
			run->rel_none && !from_store && !run->o->sbom ? ", then " : "", shown, s.format,
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

/* The findings stored with the latest release cannot be read (`crakit release record` keeps any
 * JSON with a "findings" list): the vulnerability checks say so and are not run; the
 * assessment goes on. */
static int stored_unreadable(struct crk_checkrun *run, const char *why)
{
	const char *looked = crk_cra__aprintf(run->a, "the findings of %s", run->rel_desc);
	const char *detail = crk_cra__aprintf(run->a, "not run: the stored findings cannot be read "
						      "(%s); record the next release with the output of "
						      "'crakit scan --json'",
					      why ? why : "?");
	crk_cra__check_set(run, CRK_CHK_EXPLOITED, CRK_CHECK_NOT_RUN, looked, detail);
	crk_cra__check_set(run, CRK_CHK_CRITICAL, CRK_CHECK_NOT_RUN, looked, detail);
	return CRK_OK; /* NULL strings (out of memory) are caught when the run ends */
}

int crk_cra__check_findings(struct crk_checkrun *run, struct crk_err *err)
{
	struct crk_arena *a = run->a;
	const char *file = run->o->findings;
	json_error_t je;
	json_t *root, *it;
	char *buf = NULL;
	size_t len, i, nexp = 0, ncrit = 0, total = 0, ndecided = 0;
	const char *exp[CRK_CHECK_MAX_HITS], *crit[CRK_CHECK_MAX_HITS];
	const char *product, *scanned_at;
	int rc, complete, from_store = !file && run->rel_desc;
	const char *looked;

	if (!file && !(from_store && run->rel_findings)) {
		const char *why =
			from_store ? crk_cra__aprintf(a, "not run: release %s was recorded without scan "
						      "results (record the next one with 'crakit "
						      "release record --findings scan.json')",
						  run->rel_version)
				   : "not run: no scan results (run 'crakit scan --json > scan.json' and "
				     "give it with --findings scan.json)";
		const char *what = from_store ? crk_cra__aprintf(a, "the findings of %s", run->rel_desc)
				   : run->rel_none ? crk_cra__aprintf(a, "%s; no scan results given",
								      run->rel_none)
						   : "no scan results";
		crk_cra__check_set(run, CRK_CHK_EXPLOITED, CRK_CHECK_NOT_RUN, what, why);
		crk_cra__check_set(run, CRK_CHK_CRITICAL, CRK_CHECK_NOT_RUN, what, why);
		return CRK_OK;
	}
	if (from_store) {
		file = "stored findings";
		root = json_loadb(run->rel_findings, run->rel_findings_len, 0, &je);
	} else {
		rc = crk_read_file(file, CRK_MAX_FILE_SIZE, &buf, &len, err);
		if (rc != CRK_OK)
			return rc;
		root = json_loadb(buf, len, 0, &je);
		crk_free(buf);
	}
	if (!root) {
		if (from_store)
			return stored_unreadable(run, crk_cra__aprintf(a, "%u:%u: not JSON: %s",
								       (unsigned)(je.line > 0 ? je.line : 0),
								       (unsigned)(je.column > 0 ? je.column : 0),
								       je.text));
		return crk_err_set(err, CRK_EPARSE, file, (unsigned)(je.line > 0 ? je.line : 0),
				   (unsigned)(je.column > 0 ? je.column : 0),
				   "not JSON: %s; expected the output of 'crakit scan --json'",
				   je.text);
	}
	if (!json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), "crakit-scan") ||
	    !json_is_array(json_object_get(root, "findings"))) {
		json_decref(root);
		if (from_store)
			return stored_unreadable(run, "not crakit scan results (\"format\": "
						      "\"crakit-scan\" with a \"findings\" list)");
		return crk_err_set(err, CRK_EPARSE, file, 1, 1,
				   "not crakit scan results (\"format\": \"crakit-scan\" with a "
				   "\"findings\" list), expected the output of 'crakit scan --json'");
	}
	complete = json_is_true(json_object_get(root, "complete"));
	product = json_string_value(json_object_get(root, "product"));
	scanned_at = json_string_value(json_object_get(root, "timestamp"));
	if (scanned_at && !(scanned_at = crk_arena_strdup(a, scanned_at))) {
		json_decref(root);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
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
		if (run->o->store && (from_store || run->o->store_explicit) && id) {
			/* decisions recorded in the store since the scan decide too: the newest wins
			 * (docs/cmd/vex.md) */
			const char *ids[CRK_CHECK_MAX_HITS + 1], *dec;
			json_t *al = json_object_get(it, "aliases"), *x;
			size_t k, nids = 0;
			int supp;
			ids[nids++] = id;
			json_array_foreach(al, k, x)
				if (json_is_string(x) && nids < CRK_CHECK_MAX_HITS + 1)
					ids[nids++] = json_string_value(x);
			dec = crk_cra__vex_decision(run, ids, nids,
						    json_string_value(json_object_get(comp, "purl")),
						    product, &supp);
			if (dec) {
				vstatus = dec;
				suppressed = supp;
				ndecided++;
			}
		}
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
	if (from_store)
		looked = crk_cra__aprintf(
			a, "the findings of %s: %zu finding%s of 'crakit scan'%s%s%s, with the VEX "
			   "decisions of the store (%zu applied)",
			run->rel_desc, total, total == 1 ? "" : "s", scanned_at ? " made " : "",
			scanned_at ? scanned_at : "", complete ? "" : " (the scan says it is incomplete)",
			ndecided);
	else
		looked = crk_cra__aprintf(a, "%s: %zu finding%s of 'crakit scan'%s", file, total,
				    total == 1 ? "" : "s",
				    complete ? "" : " (the scan says it is incomplete)");
	if (run->nomem)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
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

