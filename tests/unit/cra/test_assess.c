/* test_assess.c - crk_cra_assess() (src/cra/assess.c, checks.c, docfields.c, assess_out.c) on
 * two small projects in tests/data/cra: project-good (an SBOM matching its lockfile, SECURITY.md,
 * a valid security.txt, SHA256SUMS, no default password, scan results without an exploited or
 * untriaged critical finding) and project-bad (a stale SBOM, default passwords, an expired
 * security.txt, an exploited vulnerability, ...). Scores are computed by hand in the comments. */
#include <string.h>

#include <jansson.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/cra.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "crakit/vex.h"

static int64_t day(const char *s)
{
	int64_t d;
	assert_int_equal(crk_cra_date_days(s, 0, &d), 0);
	return d;
}

static struct crk_cra_manifest *load(const char *rel)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_err err;
	if (crk_cra_manifest_load(&m, test_data(rel), NULL, &err) != CRK_OK)
		fail_msg("%s: %u:%u %s", rel, err.line, err.col, err.msg);
	return m;
}

static struct crk_cra_assessment *assess(struct crk_cra_manifest *m, const char *dir,
					 const char *findings)
{
	struct crk_cra_assessment *a = NULL;
	struct crk_cra_assess_opts o;
	struct crk_err err;
	char d[4096], f[4096];
	memset(&o, 0, sizeof(o));
	snprintf(d, sizeof(d), "%s", test_data(dir));
	o.dir = d;
	if (findings) {
		snprintf(f, sizeof(f), "%s", test_data(findings));
		o.findings = f;
	}
	o.today = day("2026-06-01");
	if (crk_cra_assess(&a, m, &o, &err) != CRK_OK)
		fail_msg("%s: %s", dir, err.msg);
	return a;
}

static const struct crk_cra_check *check(const struct crk_cra_assessment *a, const char *id)
{
	size_t i;
	for (i = 0; i < a->nchecks; i++)
		if (!strcmp(a->checks[i].id, id))
			return &a->checks[i];
	fail_msg("no check %s", id);
	return NULL;
}

static const struct crk_cra_item *item(const struct crk_cra_assessment *a, const char *id)
{
	size_t i;
	assert_non_null(crk_cra_requirement_find(id, &i));
	return &a->items[i];
}

static int score(const struct crk_cra_assessment *a, enum crk_cra_criterion_id c)
{
	return (int)(a->criteria[c].score + 0.5);
}

static void test_assess__good_project(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-good/cra.yaml");
	struct crk_cra_assessment *a = assess(m, "cra/project-good", "cra/project-good/scan.json");
	size_t i;
	(void)state;
	for (i = 0; i < a->nchecks; i++)
		if (a->checks[i].result != CRK_CHECK_PASS)
			fail_msg("check %s: %s: %s", a->checks[i].id,
				 crk_cra_check_result_str(a->checks[i].result), a->checks[i].detail);
	assert_non_null(strstr(check(a, "sbom")->looked_at, "sbom.cdx.json (CycloneDX 1.6, 1 "
							      "components"));
	assert_non_null(strstr(check(a, "security-contact")->detail,
			       ".well-known/security.txt (Contact: mailto:security@exdev.example)"));
	assert_string_equal(check(a, "signed-releases")->hits[0], "SHA256SUMS");
	assert_non_null(strstr(check(a, "default-credentials")->looked_at, "2 configuration files"));
	assert_int_equal(item(a, "AI-P1-2b")->status, CRK_STATUS_MET);
	assert_int_equal(item(a, "AI-P2-1")->status, CRK_STATUS_MET);
	assert_int_equal(item(a, "AI-P2-6")->status, CRK_STATUS_MET);
	assert_int_equal(item(a, "AI-P2-6")->nevidence, 2);
	assert_int_equal(item(a, "AI-P1-2l")->status, CRK_STATUS_NOT_APPLICABLE);
	/* no claim, every check passing: partial, not met */
	assert_int_equal(item(a, "AI-P1-2a")->status, CRK_STATUS_PARTIAL);
	assert_int_equal(item(a, "AI-P1-2e")->status, CRK_STATUS_UNKNOWN);
	/* essential: met 3 + n/a 1 + partial 11 x 1/2 = 9.5 of 22 = 43.2 % */
	assert_int_equal(a->criteria[CRK_CRIT_ESSENTIAL].nitems, 22);
	assert_true(a->criteria[CRK_CRIT_ESSENTIAL].nok == 9.5);
	assert_int_equal(score(a, CRK_CRIT_ESSENTIAL), 43);
	/* certification: 21 applicable requirements, none covered */
	assert_int_equal(a->criteria[CRK_CRIT_CERTIFICATION].nitems, 21);
	assert_int_equal(score(a, CRK_CRIT_CERTIFICATION), 0);
	/* classification: scope answered, core answered, justified, route A chosen and open */
	assert_int_equal(a->criteria[CRK_CRIT_CLASSIFICATION].nitems, 5);
	assert_int_equal(score(a, CRK_CRIT_CLASSIFICATION), 100);
	/* Annex VII: 13 items to fill (1(c) n/a for software, 2 a heading); 5 is missing */
	assert_int_equal(a->criteria[CRK_CRIT_TECHDOC].nitems, 13);
	assert_true(a->criteria[CRK_CRIT_TECHDOC].nok == 12);
	assert_int_equal(a->criteria[CRK_CRIT_TECHDOC].ngaps, 1);
	/* Annex V 8 items + Annex VI 2, all filled */
	assert_int_equal(a->criteria[CRK_CRIT_PROCEDURE].nitems, 10);
	assert_int_equal(score(a, CRK_CRIT_PROCEDURE), 100);
	/* (43.18 + 0 + 100 + 92.31 + 100) / 5 = 67.1 */
	assert_int_equal((int)(a->score + 0.5), 67);
	for (i = 0; i < a->ngaps; i++)
		if (a->gaps[i].criterion == CRK_CRIT_TECHDOC) {
			assert_string_equal(a->gaps[i].item, "AVII-5");
			assert_string_equal(a->gaps[i].fix, "cra.yaml: conformity.applied, "
							    "requirements.ID.implementation");
			assert_string_equal(a->gaps[i].article, "Annex VII point 5");
		}
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
}

static void test_assess__bad_project(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-bad/cra.yaml");
	struct crk_cra_assessment *a = assess(m, "cra/project-bad", "cra/project-bad/scan.json");
	const struct crk_cra_check *c;
	(void)state;
	c = check(a, "sbom");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_int_equal(c->nhits, 1);
	assert_string_equal(c->hits[0], "pkg:npm/express@4.19.2: in the project, not in the SBOM");
	c = check(a, "default-credentials");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_int_equal(c->nhits, 4);
	assert_string_equal(c->hits[0], "etc/app.conf:4: 'admin_password' is set to the "
					"well-known default 'admin'");
	assert_string_equal(c->hits[1], "etc/app.conf:5: 'snmp_community' is set to the "
					"well-known default 'public'");
	assert_string_equal(c->hits[2], "etc/app.conf:6: a URL carries the well-known default "
					"password 'changeme' (user 'backup')");
	assert_string_equal(c->hits[3], "etc/shadow:1: account 'root' has an empty password field");
	c = check(a, "security-contact");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_non_null(strstr(c->hits[0], "Expires 2025-01-01T00:00:00Z has passed"));
	c = check(a, "no-exploited");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_string_equal(c->hits[0], "CVE-2099-1111 in express 4.19.2: known exploited (KEV)");
	c = check(a, "no-unassessed-critical");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_int_equal(c->nhits, 2); /* no decision, and one "under_investigation" */
	/* 2026-01-01 to 2027-12 is under five years, with no justification (Art. 13(8)) */
	assert_int_equal(check(a, "support-period")->result, CRK_CHECK_FAIL);
	assert_int_equal(check(a, "separate-updates")->result, CRK_CHECK_FAIL);
	assert_int_equal(check(a, "signed-releases")->result, CRK_CHECK_FAIL);
	assert_int_equal(check(a, "evidence-paths")->result, CRK_CHECK_FAIL);
	assert_int_equal(check(a, "free-updates")->result, CRK_CHECK_WARN);
	/* a failed check beats the claim */
	assert_int_equal(item(a, "AI-P1-2b")->claimed, CRK_STATUS_MET);
	assert_int_equal(item(a, "AI-P1-2b")->status, CRK_STATUS_NOT_MET);
	assert_string_equal(item(a, "AI-P1-2b")->check, "default-credentials");
	/* not-applicable without a justification is not met (Art. 13(4)) */
	assert_int_equal(item(a, "AI-P1-2g")->status, CRK_STATUS_NOT_MET);
	assert_int_equal(item(a, "AI-P2-3")->nmissing_evidence, 1);
	/* a class I router on route A, no standard: module A closed, every requirement a gap */
	assert_int_equal(a->classification->cls, CRK_CRA_CLASS_I);
	assert_int_equal(a->classification->chosen_open, 0);
	assert_int_equal(a->criteria[CRK_CRIT_CERTIFICATION].ngaps, 22);
	assert_true(a->score < 30);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
}

/* Without scan results the vulnerability checks are "not run", never passed. */
static void test_assess__no_findings_is_not_run(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-good/cra.yaml");
	struct crk_cra_assessment *a = assess(m, "cra/project-good", NULL);
	(void)state;
	assert_int_equal(check(a, "no-exploited")->result, CRK_CHECK_NOT_RUN);
	assert_int_equal(check(a, "no-unassessed-critical")->result, CRK_CHECK_NOT_RUN);
	assert_string_equal(check(a, "no-exploited")->detail,
			    "not run: no scan results (run 'crakit scan --json > scan.json' and give "
			    "it with --findings scan.json)");
	/* AI-P1-2a has no other check: it stays unknown */
	assert_int_equal(item(a, "AI-P1-2a")->status, CRK_STATUS_UNKNOWN);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
}

static void test_assess__renderings(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-good/cra.yaml");
	struct crk_cra_assessment *a = assess(m, "cra/project-good", "cra/project-good/scan.json");
	json_error_t je;
	json_t *j;
	char *out;
	size_t len;
	(void)state;
	assert_int_equal(crk_cra_assessment_render(&out, &len, a, CRK_FORMAT_JSON, NULL), CRK_OK);
	j = json_loadb(out, len, 0, &je);
	if (!j)
		fail_msg("JSON: %s at %d", je.text, je.line);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "crakit-assess");
	assert_int_equal(json_integer_value(json_object_get(j, "score")), 67);
	assert_int_equal(json_array_size(json_object_get(j, "criteria")), 5);
	assert_int_equal(json_array_size(json_object_get(j, "requirements")), 22);
	assert_int_equal(json_array_size(json_object_get(j, "checks")), a->nchecks);
	assert_int_equal(json_array_size(json_object_get(j, "gaps")), a->ngaps);
	json_decref(j);
	crk_free(out);
	assert_int_equal(crk_cra_assessment_render(&out, &len, a, CRK_FORMAT_HTML, NULL), CRK_OK);
	assert_non_null(strstr(out, "<!DOCTYPE html>"));
	assert_non_null(strstr(out, "<svg class=\"chart\""));
	assert_non_null(strstr(out, "<style>"));
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "src="));
	assert_null(strstr(out, "href="));
	assert_non_null(strstr(out, "ExDev Dashboard (DASH-1) 1.2.0 by Example Devices GmbH"));
	crk_free(out);
	assert_int_equal(crk_cra_assessment_render(&out, &len, a, CRK_FORMAT_MARKDOWN, NULL),
			 CRK_OK);
	assert_non_null(strstr(out, "# CRA assessment: ExDev Dashboard\n"));
	assert_non_null(strstr(out, "| **overall** | **67%** |"));
	crk_free(out);
	assert_int_equal(crk_cra_assessment_render(&out, &len, a, CRK_FORMAT_TEXT, NULL), CRK_OK);
	assert_non_null(strstr(out, "  67%  overall"));
	crk_free(out);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
}

static void test_assess__allocation_failures(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-bad/cra.yaml");
	struct crk_cra_assess_opts o;
	char d[4096], f[4096];
	uint64_t n;
	int ok = 0;
	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(d, sizeof(d), "%s", test_data("cra/project-bad"));
	snprintf(f, sizeof(f), "%s", test_data("cra/project-bad/scan.json"));
	o.dir = d;
	o.findings = f;
	o.today = day("2026-06-01");
	o.no_scan = 1; /* the SBOM scanner has its own allocation tests */
	for (n = 1; n < 20000 && !ok; n += 7) {
		struct crk_cra_assessment *a = NULL;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_cra_assess(&a, m, &o, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK)
			ok = 1;
		else if (rc != CRK_ENOMEM)
			fail_msg("allocation %llu: %d", (unsigned long long)n, rc);
		crk_cra_assessment_free(a);
	}
	assert_true(ok);
	crk_cra_manifest_free(m);
}

/* ---- the store: the latest release, its documents, the VEX decisions made since ---- */

/* Findings of release 1.2.0 (the JSON of `crakit scan --json`): one critical finding without a
 * decision, one known exploited, one medium. */
static const char store_findings[] =
	"{\"format\":\"crakit-scan\",\"version\":1,\"timestamp\":\"2026-05-01T00:00:00Z\","
	"\"product\":\"dashboard\",\"complete\":true,\"findings\":["
	"{\"component\":{\"name\":\"express\",\"version\":\"4.19.2\",\"purl\":\"pkg:npm/express@4.19.2\"},"
	"\"id\":\"GHSA-xxxx-0001\",\"aliases\":[\"CVE-2099-0001\"],\"severity\":{\"rating\":\"critical\"},"
	"\"exploited\":false,\"suppressed\":false},"
	"{\"component\":{\"name\":\"express\",\"version\":\"4.19.2\",\"purl\":\"pkg:npm/express@4.19.2\"},"
	"\"id\":\"GHSA-xxxx-0003\",\"severity\":{\"rating\":\"high\"},\"exploited\":true,\"suppressed\":false},"
	"{\"component\":{\"name\":\"express\",\"version\":\"4.19.2\",\"purl\":\"pkg:npm/express@4.19.2\"},"
	"\"id\":\"GHSA-xxxx-0002\",\"severity\":{\"rating\":\"medium\"},\"exploited\":false}]}";

/* A store holding: another product's release, release 1.2.0 of ExDev Dashboard (placed
 * 2026-05-01, recorded 2026-05-01 10:00 UTC, with the SBOM of project-good and the findings
 * above), release 1.3.0 placed 2026-07-01 (after the assessment days below: not the latest
 * then), and a not_affected decision on CVE-2099-0001 for pkg:npm/express made 2026-05-20. */
static struct crk_store *store_with_release(void)
{
	struct crk_store *s = NULL;
	struct crk_release_in in;
	struct crk_release_out out;
	struct crk_vex_stmt v;
	struct crk_err err;
	char *sbom = NULL;
	size_t sbom_len = 0;
	assert_int_equal(crk_store_open(&s, ":memory:", CRK_STORE_CREATE, &err), CRK_OK);
	assert_int_equal(crk_read_file(test_data("cra/project-good/sbom.cdx.json"), CRK_MAX_FILE_SIZE,
				       &sbom, &sbom_len, &err),
			 CRK_OK);
	memset(&in, 0, sizeof(in));
	in.product = "Other";
	in.version = "9.9";
	in.placed = "2026-05-02";
	in.now = 1777716000;
	assert_int_equal(crk_release_record(s, &in, &out, NULL, &err), CRK_OK);
	in.product = "ExDev Dashboard";
	in.version = "1.2.0";
	in.placed = "2026-05-01";
	in.now = 1777629600; /* 2026-05-01T10:00:00Z */
	in.sbom = sbom;
	in.sbom_len = sbom_len;
	in.findings = store_findings;
	in.findings_len = strlen(store_findings);
	assert_int_equal(crk_release_record(s, &in, &out, NULL, &err), CRK_OK);
	in.version = "1.3.0";
	in.placed = "2026-07-01";
	in.sbom = NULL;
	in.findings = NULL;
	assert_int_equal(crk_release_record(s, &in, &out, NULL, &err), CRK_OK);
	memset(&v, 0, sizeof(v));
	v.vuln = "CVE-2099-0001";
	v.subject = "pkg:npm/express";
	v.status = CRK_VEX_NOT_AFFECTED;
	v.justification = CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH;
	v.author = "test";
	v.time = 1779267600; /* 2026-05-20T09:00:00Z */
	assert_int_equal(crk_vex_store_add(s, &v, NULL, &err), CRK_OK);
	crk_free(sbom);
	return s;
}

static struct crk_cra_assessment *assess_store(struct crk_cra_manifest *m, struct crk_store *s,
					       const char *today)
{
	struct crk_cra_assessment *a = NULL;
	struct crk_cra_assess_opts o;
	struct crk_err err;
	char d[4096];
	memset(&o, 0, sizeof(o));
	snprintf(d, sizeof(d), "%s", test_data("cra/project-good"));
	o.dir = d;
	o.today = day(today);
	o.no_scan = 1;
	o.store = s;
	o.store_name = "test.db";
	o.store_explicit = 1;
	if (crk_cra_assess(&a, m, &o, &err) != CRK_OK)
		fail_msg("%s", err.msg);
	return a;
}

static void test_assess__from_store(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-good/cra.yaml");
	struct crk_store *s = store_with_release();
	struct crk_cra_assessment *a;
	const struct crk_cra_check *c;
	(void)state;
	/* 2026-05-10: release 1.2.0 is the latest placed; the decision is not made yet */
	a = assess_store(m, s, "2026-05-10");
	assert_string_equal(a->release, "release 1.2.0 of ExDev Dashboard (placed on the market "
					"2026-05-01, recorded 2026-05-01, 9 days before 2026-05-10) "
					"in the store test.db");
	assert_string_equal(a->release_version, "1.2.0");
	c = check(a, "sbom");
	assert_int_equal(c->result, CRK_CHECK_PASS);
	assert_non_null(strstr(c->looked_at, "the SBOM of release 1.2.0 of ExDev Dashboard"));
	assert_non_null(strstr(c->looked_at, "CycloneDX 1.6, 1 components, 1 with a package URL"));
	assert_non_null(strstr(a->sbom, "the SBOM of release 1.2.0"));
	c = check(a, "no-exploited"); /* Annex I Part I (2)(a): a KEV-listed finding fails */
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_int_equal(c->nhits, 1);
	assert_string_equal(c->hits[0], "GHSA-xxxx-0003 in express 4.19.2: known exploited (KEV)");
	assert_non_null(strstr(c->looked_at, "3 findings of 'crakit scan' made 2026-05-01T00:00:00Z"));
	c = check(a, "no-unassessed-critical");
	assert_int_equal(c->result, CRK_CHECK_FAIL);
	assert_non_null(strstr(c->looked_at, "(0 applied)"));
	crk_cra_assessment_free(a);
	/* 2026-06-01: the decision of 2026-05-20 triages the critical finding */
	a = assess_store(m, s, "2026-06-01");
	c = check(a, "no-unassessed-critical");
	assert_int_equal(c->result, CRK_CHECK_PASS);
	assert_non_null(strstr(c->looked_at, "(1 applied)"));
	assert_int_equal(check(a, "no-exploited")->result, CRK_CHECK_FAIL);
	crk_cra_assessment_free(a);
	/* 2026-08-01: release 1.3.0 (recorded without documents) is the latest */
	a = assess_store(m, s, "2026-08-01");
	assert_string_equal(a->release_version, "1.3.0");
	assert_int_equal(check(a, "sbom")->result, CRK_CHECK_FAIL);
	assert_int_equal(check(a, "no-exploited")->result, CRK_CHECK_NOT_RUN);
	assert_int_equal(check(a, "no-unassessed-critical")->result, CRK_CHECK_NOT_RUN);
	crk_cra_assessment_free(a);
	/* 2026-04-01: nothing placed yet; the explicit store says so, the project's SBOM is read */
	a = assess_store(m, s, "2026-04-01");
	assert_null(a->release);
	c = check(a, "sbom");
	assert_non_null(strstr(c->looked_at, "the store test.db (no release of ExDev Dashboard "
					     "placed on or before 2026-04-01"));
	assert_non_null(strstr(c->looked_at, "then sbom.cdx.json"));
	crk_cra_assessment_free(a);
	crk_store_close(s);
	crk_cra_manifest_free(m);
}

static void test_assess__from_store_allocation_failures(void **state)
{
	struct crk_cra_manifest *m = load("cra/project-good/cra.yaml");
	struct crk_store *s = store_with_release();
	struct crk_cra_assess_opts o;
	char d[4096];
	uint64_t n;
	int ok = 0;
	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(d, sizeof(d), "%s", test_data("cra/project-good"));
	o.dir = d;
	o.today = day("2026-06-01");
	o.no_scan = 1;
	o.store = s;
	o.store_name = "test.db";
	o.store_explicit = 1;
	for (n = 1; n < 40000 && !ok; n += 5) {
		struct crk_cra_assessment *a = NULL;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_cra_assess(&a, m, &o, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			ok = 1;
			assert_int_equal(check(a, "no-unassessed-critical")->result, CRK_CHECK_PASS);
		} else if (rc != CRK_ENOMEM) {
			fail_msg("allocation %llu: %d", (unsigned long long)n, rc);
		}
		crk_cra_assessment_free(a);
	}
	assert_true(ok);
	crk_store_close(s);
	crk_cra_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assess__good_project),
		cmocka_unit_test(test_assess__bad_project),
		cmocka_unit_test(test_assess__no_findings_is_not_run),
		cmocka_unit_test(test_assess__renderings),
		cmocka_unit_test(test_assess__allocation_failures),
		cmocka_unit_test(test_assess__from_store),
		cmocka_unit_test(test_assess__from_store_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
