/*
 * assess.c - where a product stands against the CRA (crakit assess): the classification
 * (classify.c), the automatic checks (checks.c), each Annex I requirement's status from what
 * cra.yaml claims combined with the checks and the evidence, and a score and a gap list per
 * criterion of the CRA methodological compliance assessment framework:
 *
 *   essential requirements   Annex I, Art. 13(1): met 1, not applicable (justified, Art. 13(4))
 *                            1, partial 1/2, not met or unknown 0, over the 22 requirements;
 *   certification            what gives a presumption of conformity (Art. 27): each applicable
 *                            requirement covered in full 1, in part 1/2, by harmonised
 *                            standards cited in the OJ, common specifications or certificates
 *                            at assurance level substantial or higher;
 *   classification           the questions that decide scope and category answered (Art. 2,
 *                            7, 8), the justification written, a route chosen that is open to
 *                            the product, with its notified body or certificate (Art. 32);
 *   technical documentation  the items of Annex VII filled (Art. 31);
 *   procedure                the items of the EU declaration (Annex V, Art. 28) and of the
 *                            simplified declaration (Annex VI) filled.
 *
 * Status of a requirement: a failed check makes it not met (whatever cra.yaml claims); a check
 * that only warns, or evidence that does not exist, caps it at partial; "met" with no evidence
 * and no passing check is partial (the point is to show it); no claim with every check passing
 * is partial (assessed by no one); not-applicable without a justification is not met.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "cra/checks.h"
#include "cra/docfields.h"
#include "base/banned.h"

static const struct {
	const char *id, *title, *basis;
} criteria[CRK_CRIT_N] = {
	{"essential-requirements", "essential requirements (Annex I)", "Art. 13(1), Annex I"},
	{"certification", "harmonised standards, specifications, certification",
	 "Art. 27, Art. 32"},
	{"classification", "classification and its actions", "Art. 2, 7, 8, 32"},
	{"technical-documentation", "technical documentation (Annex VII)", "Art. 31, Annex VII"},
	{"procedure", "conformity assessment procedure, declaration (Annex V, VI)",
	 "Art. 28, 32, Annex V, VI"},
};

const char *crk_cra_check_result_str(enum crk_cra_check_result r)
{
	switch (r) {
	case CRK_CHECK_PASS: return "pass";
	case CRK_CHECK_WARN: return "warn";
	case CRK_CHECK_FAIL: return "fail";
	case CRK_CHECK_NOT_RUN: break;
	}
	return "not run";
}

struct actx {
	struct crk_cra_assessment *as;
	struct crk_arena *a;
	size_t gapalloc;
	int nomem;
};

static char *aprintf(struct actx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *aprintf(struct actx *x, const char *fmt, ...)
{
	char buf[2048];
	char *s;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s = crk_arena_strdup(x->a, buf);
	if (!s)
		x->nomem = 1;
	return s;
}

static void gap(struct actx *x, enum crk_cra_criterion_id c, const char *item, const char *what,
		const char *fix, const char *article, int required)
{
	struct crk_cra_assessment *as = x->as;
	if (x->nomem || !what)
		return;
	if (CRK_GROW(as->gaps, x->gapalloc, as->ngaps + 1)) {
		x->nomem = 1;
		return;
	}
	as->gaps[as->ngaps].criterion = c;
	as->gaps[as->ngaps].item = item ? item : "";
	as->gaps[as->ngaps].what = what;
	as->gaps[as->ngaps].fix = fix ? fix : "";
	as->gaps[as->ngaps].article = article ? article : "";
	as->gaps[as->ngaps].required = required;
	as->ngaps++;
	as->criteria[c].ngaps++;
}

/* "what (cra.yaml: key)" -> what, fix */
static void split_missing(struct actx *x, const char *phrase, const char **what, const char **fix)
{
	const char *open = strrchr(phrase, '(');
	size_t n = strlen(phrase);
	if (open && open > phrase + 1 && n && phrase[n - 1] == ')' && open[-1] == ' ') {
		*what = crk_arena_strndup(x->a, phrase, (size_t)(open - phrase - 1));
		*fix = crk_arena_strndup(x->a, open + 1, n - (size_t)(open - phrase) - 2);
		if (!*what || !*fix)
			x->nomem = 1;
	} else {
		*what = phrase;
		*fix = "";
	}
}

/* ---- Annex I items ---- */

static void items(struct actx *x, const struct crk_checkrun *run)
{
	struct crk_cra_assessment *as = x->as;
	const struct crk_cra_manifest *m = as->m;
	size_t i;
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_requirement *r = crk_cra_requirement_at(i);
		const struct crk_cra_req_record *rec = &m->requirements[i];
		struct crk_cra_item *it = &as->items[i];
		const struct crk_cra_check *fail = NULL, *warn = NULL;
		size_t npass = 0, nrun = 0;
		char ids[128];
		const char *p = r->checks;
		it->req = r;
		it->claimed = rec->status;
		it->nevidence = rec->nevidence;
		it->nmissing_evidence = run->missing_evidence[i];
		while (*p) {
			size_t n = strcspn(p, ",");
			const struct crk_cra_check *c;
			snprintf(ids, sizeof(ids), "%.*s", (int)n, p);
			c = crk_cra__check(run, ids);
			if (c && c->result != CRK_CHECK_NOT_RUN) {
				nrun++;
				if (c->result == CRK_CHECK_FAIL && !fail)
					fail = c;
				else if (c->result == CRK_CHECK_WARN && !warn)
					warn = c;
				else if (c->result == CRK_CHECK_PASS)
					npass++;
			}
			p += n + (p[n] == ',');
		}
		if (rec->status == CRK_STATUS_NOT_APPLICABLE) {
			if (rec->justification) {
				it->status = CRK_STATUS_NOT_APPLICABLE;
				it->why = aprintf(x, "not applicable: %s", rec->justification);
			} else {
				it->status = CRK_STATUS_NOT_MET;
				it->why = "marked not-applicable without a justification (Art. 13(4))";
			}
			continue;
		}
		it->check = fail ? fail->id : warn ? warn->id : NULL;
		if (fail) {
			it->status = CRK_STATUS_NOT_MET;
			it->why = aprintf(x, "%scheck %s failed: %s",
					  rec->status == CRK_STATUS_MET ? "claimed met, but the " : "the ",
					  fail->id, fail->detail);
			continue;
		}
		switch (rec->status) {
		case CRK_STATUS_MET:
			if (warn) {
				it->status = CRK_STATUS_PARTIAL;
				it->why = aprintf(x, "claimed met; check %s: %s", warn->id, warn->detail);
			} else if (it->nmissing_evidence) {
				it->status = CRK_STATUS_PARTIAL;
				it->why = aprintf(x, "claimed met, but %zu evidence path%s missing",
						  it->nmissing_evidence,
						  it->nmissing_evidence == 1 ? " is" : "s are");
			} else if (!rec->nevidence && !npass) {
				it->status = CRK_STATUS_PARTIAL;
				it->why = "claimed met, with no evidence recorded and no automatic check "
					  "to confirm it";
			} else {
				it->status = CRK_STATUS_MET;
				it->why = aprintf(x, "met: %zu evidence item%s%s", rec->nevidence,
						  rec->nevidence == 1 ? "" : "s",
						  npass ? aprintf(x, ", %zu check%s passed", npass,
								  npass == 1 ? "" : "s")
							: "");
			}
			break;
		case CRK_STATUS_PARTIAL:
			it->status = CRK_STATUS_PARTIAL;
			it->why = "claimed partial";
			break;
		case CRK_STATUS_NOT_MET:
			it->status = CRK_STATUS_NOT_MET;
			it->why = "claimed not met";
			break;
		default:
			if (nrun && npass == nrun) {
				it->status = CRK_STATUS_PARTIAL;
				it->why = "the automatic checks pass, but no one has assessed it "
					  "(requirements.ID.status)";
			} else if (warn) {
				it->status = CRK_STATUS_PARTIAL;
				it->why = aprintf(x, "not assessed; check %s: %s", warn->id, warn->detail);
			} else {
				it->status = CRK_STATUS_UNKNOWN;
				it->why = "not assessed yet (requirements.ID.status in cra.yaml)";
			}
			break;
		}
	}
}

static void essential(struct actx *x)
{
	struct crk_cra_assessment *as = x->as;
	struct crk_cra_criterion *c = &as->criteria[CRK_CRIT_ESSENTIAL];
	size_t i;
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &as->items[i];
		c->nitems++;
		if (it->status == CRK_STATUS_MET || it->status == CRK_STATUS_NOT_APPLICABLE) {
			c->nok += 1;
			continue;
		}
		if (it->status == CRK_STATUS_PARTIAL)
			c->nok += 0.5;
		gap(x, CRK_CRIT_ESSENTIAL, it->req->id,
		    aprintf(x, "%s is %s: %s", it->req->title, crk_cra_status_str(it->status),
			    it->why),
		    it->check ? aprintf(x, "what the %s check found, then requirements.%s in "
					   "cra.yaml (status, evidence)",
					it->check, it->req->id)
			      : aprintf(x, "requirements.%s in cra.yaml (status, evidence)",
					it->req->id),
		    it->req->ref, 1);
	}
}

static void certification(struct actx *x)
{
	struct crk_cra_assessment *as = x->as;
	const struct crk_cra_classification *cl = as->classification;
	struct crk_cra_criterion *c = &as->criteria[CRK_CRIT_CERTIFICATION];
	size_t i, uncovered = 0;
	int class_i_a = cl->cls == CRK_CRA_CLASS_I && cl->module_a == 0 &&
			(!cl->chosen || cl->chosen == CRK_ROUTE_A);
	if (cl->module_a < 0)
		return;
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_req_route *r = &cl->reqs[i];
		if (!r->applicable)
			continue;
		c->nitems++;
		c->nok += r->coverage == CRK_COVER_FULL ? 1 : r->coverage == CRK_COVER_PARTIAL ? 0.5 : 0;
		if (r->coverage == CRK_COVER_FULL)
			continue;
		uncovered++;
		if (class_i_a)
			gap(x, CRK_CRIT_CERTIFICATION, crk_cra_requirement_at(i)->id,
			    aprintf(x, "module A is closed for this class I product: %s",
				    r->blocks ? r->blocks : "not covered in full"),
			    "conformity.applied in cra.yaml, or choose B+C or H (conformity.route)",
			    "Art. 32(2)", cl->chosen == CRK_ROUTE_A);
	}
	if (uncovered && !class_i_a)
		gap(x, CRK_CRIT_CERTIFICATION, "presumption",
		    aprintf(x, "%zu applicable requirement%s not covered in full by a harmonised "
			       "standard, common specification or certificate (no presumption of "
			       "conformity for %s)",
			    uncovered, uncovered == 1 ? " is" : "s are",
			    uncovered == 1 ? "it" : "them"),
		    "conformity.applied in cra.yaml", "Art. 27", 0);
}

static void classification(struct actx *x)
{
	struct crk_cra_assessment *as = x->as;
	const struct crk_cra_classification *cl = as->classification;
	const struct crk_cra_manifest *m = as->m;
	struct crk_cra_criterion *c = &as->criteria[CRK_CRIT_CLASSIFICATION];
	size_t i, assumptions = 0;
	for (i = 0; i < cl->nsteps; i++)
		if (cl->steps[i].kind == CRK_STEP_ASSUMPTION) {
			assumptions++;
			gap(x, CRK_CRIT_CLASSIFICATION, "scope", cl->steps[i].text,
			    "scope in cra.yaml", cl->steps[i].article, 0);
		}
	c->nitems = 1;
	c->nok = assumptions ? 0 : 1;
	if (cl->cls == CRK_CRA_OUT_OF_SCOPE)
		return;
	c->nitems += 4;
	c->nok += m->functionality.core_pos.line != 0;
	c->nok += m->functionality.justification != NULL;
	c->nok += cl->chosen != 0;
	c->nok += cl->chosen_open == 1;
	if ((cl->chosen & (CRK_ROUTE_BC | CRK_ROUTE_H))) {
		c->nitems++;
		c->nok += m->conformity.notified_body != NULL;
	}
	if (cl->chosen & CRK_ROUTE_EU_CERT) {
		c->nitems++;
		c->nok += m->conformity.certificate != NULL;
	}
	for (i = 0; i < cl->nsteps; i++)
		if (cl->steps[i].kind == CRK_STEP_GAP) {
			const char *t = cl->steps[i].text, *fix = "cra.yaml";
			if (strstr(t, "functionality.core"))
				fix = "functionality.core in cra.yaml (crakit classify --list)";
			else if (strstr(t, "justification"))
				fix = "functionality.justification in cra.yaml";
			else if (strstr(t, "notified_body"))
				fix = "conformity.notified_body in cra.yaml";
			else if (strstr(t, "certificate"))
				fix = "conformity.certificate in cra.yaml";
			else if (strstr(t, "route") || strstr(t, "Art. 32"))
				fix = "conformity.route in cra.yaml (crakit classify --explain)";
			else if (strstr(t, "not-applicable"))
				fix = "requirements.ID.justification in cra.yaml";
			gap(x, CRK_CRIT_CLASSIFICATION, "classification", t, fix, cl->steps[i].article,
			    1);
		}
}

static int docs_criterion(struct actx *x, enum crk_cra_criterion_id crit,
			  const struct crk_docctx *dc, const enum crk_docset_annex *annexes,
			  size_t nannex)
{
	struct crk_cra_criterion *c = &x->as->criteria[crit];
	size_t k, i, j, n;
	for (k = 0; k < nannex; k++) {
		struct crk_docfield_value *v;
		if (crk_cra__docfields(annexes[k], dc, &v, &n))
			return -1;
		for (i = 0; i < n; i++) {
			if (v[i].heading || v[i].state == CRK_DF_NA)
				continue;
			c->nitems++;
			if (v[i].state == CRK_DF_FILLED) {
				c->nok += 1;
				continue;
			}
			for (j = 0; j < v[i].nmissing; j++) {
				const char *what, *fix;
				split_missing(x, v[i].missing[j], &what, &fix);
				gap(x, crit, v[i].id, what, fix, v[i].ref, 1);
			}
		}
	}
	return 0;
}

void crk_cra_assessment_free(struct crk_cra_assessment *as)
{
	struct crk_arena *a;
	if (!as)
		return;
	a = as->priv_;
	crk_cra_classification_free(as->classification);
	crk_free(as->gaps);
	crk_arena_release(a);
	crk_free(a);
}

int crk_cra_assess(struct crk_cra_assessment **out, const struct crk_cra_manifest *m,
		   const struct crk_cra_assess_opts *opts, struct crk_err *err)
{
	static const enum crk_docset_annex techdoc[] = {CRK_ANNEX_VII};
	static const enum crk_docset_annex procedure[] = {CRK_ANNEX_V, CRK_ANNEX_VI};
	struct crk_arena *a;
	struct actx x;
	struct crk_checkrun run;
	struct crk_docctx dc;
	struct crk_cra_assessment *as;
	struct crk_cra_assess_opts o;
	double sum = 0;
	size_t i;
	int rc;

	*out = NULL;
	o = *opts;
	if (!o.dir)
		o.dir = ".";
	a = crk_malloc(sizeof(*a));
	if (!a)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	crk_arena_init(a);
	as = crk_arena_alloc(a, sizeof(*as));
	if (!as) {
		crk_arena_release(a);
		crk_free(a);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	as->priv_ = a;
	as->m = m;
	as->today = o.today;
	memset(&x, 0, sizeof(x));
	x.as = as;
	x.a = a;
	rc = crk_cra_classify(&as->classification, m, err);
	if (rc != CRK_OK)
		goto fail;
	memset(&run, 0, sizeof(run));
	run.m = m;
	run.o = &o;
	run.a = a;
	rc = crk_cra__run_checks(&run, err);
	if (rc != CRK_OK)
		goto fail;
	as->checks = run.checks;
	as->nchecks = run.nchecks;
	as->sbom = run.sbom;
	as->release = run.rel_desc;
	as->release_version = run.rel_version;
	for (i = 0; i < CRK_CRIT_N; i++) {
		as->criteria[i].id = criteria[i].id;
		as->criteria[i].title = criteria[i].title;
		as->criteria[i].basis = criteria[i].basis;
	}
	items(&x, &run);
	essential(&x);
	certification(&x);
	classification(&x);
	memset(&dc, 0, sizeof(dc));
	dc.m = m;
	dc.c = as->classification;
	dc.sbom = as->sbom;
	dc.statuses = crk_cra__status_lines(a, as);
	if (!dc.statuses)
		x.nomem = 1;
	dc.a = a;
	if (x.nomem || docs_criterion(&x, CRK_CRIT_TECHDOC, &dc, techdoc, 1) ||
	    docs_criterion(&x, CRK_CRIT_PROCEDURE, &dc, procedure, 2) || x.nomem) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < CRK_CRIT_N; i++) {
		struct crk_cra_criterion *c = &as->criteria[i];
		/* a criterion with nothing to score (certification, out of scope) counts as done */
		c->score = c->nitems ? 100.0 * c->nok / (double)c->nitems : 100.0;
		sum += c->score;
	}
	as->score = sum / CRK_CRIT_N;
	*out = as;
	return CRK_OK;
fail:
	crk_cra_assessment_free(as);
	return rc;
}
