/*
 * test_report_draft.c - the stage payloads (src/cra/report_draft.c): each stage carries exactly
 * the elements Art. 14 names for it, mandatory only where the article makes them so; answers a
 * person wrote survive a new draft; the store pre-fills what it knows; the reader refuses what
 * is not a payload, with the position of the error.
 */
#include "../test.h"

#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/report.h"
#include "crakit/store.h"

static int64_t T(const char *s)
{
	int64_t t = 0;
	assert_int_equal(crk_time_parse(&t, s, strlen(s), NULL), CRK_OK);
	return t;
}

static void init_case(struct crk_report_case *c, enum crk_report_kind kind)
{
	int i;
	memset(c, 0, sizeof(*c));
	c->id = 3;
	c->kind = kind;
	c->aware_text = "2026-09-11T10:17:00+02:00";
	c->anchors.aware_at = T("2026-09-11T08:17:00Z");
	c->anchors.fix_available_at = CRK_TIME_NONE;
	c->anchors.notification_sent_at = CRK_TIME_NONE;
	c->anchors.intermediate_due_at = CRK_TIME_NONE;
	c->closed_at = CRK_TIME_NONE;
	for (i = 0; i < CRK_STAGE_COUNT; i++)
		c->stage[i].sent_at = CRK_TIME_NONE;
}

/* "name:need" of every field of the draft, joined by spaces. */
static void fields_of(char *out, size_t n, const char *json)
{
	json_error_t je;
	json_t *doc = json_loads(json, 0, &je), *f;
	size_t i;
	out[0] = '\0';
	assert_non_null(doc);
	json_array_foreach(json_object_get(doc, "fields"), i, f)
	{
		size_t k = strlen(out);
		snprintf(out + k, n - k, "%s%s:%s", i ? " " : "",
			 json_string_value(json_object_get(f, "name")),
			 json_string_value(json_object_get(f, "need")));
	}
	json_decref(doc);
}

static void test_report_draft__fields(void **state)
{
	static const struct {
		enum crk_report_kind kind;
		enum crk_report_stage stage;
		const char *fields;
	} want[] = {
		/* 14(2)(a): only the Member States, where applicable; no "suspected malicious" */
		{CRK_REPORT_VULNERABILITY, CRK_STAGE_EARLY_WARNING,
		 "product:mandatory vulnerability_id:optional member_states:conditional "
		 "sensitivity:optional"},
		/* 14(2)(b) */
		{CRK_REPORT_VULNERABILITY, CRK_STAGE_NOTIFICATION,
		 "product:mandatory vulnerability_id:optional product_information:conditional "
		 "nature_of_exploit:mandatory nature_of_vulnerability:mandatory "
		 "measures_taken:mandatory user_measures:mandatory sensitivity:conditional"},
		/* 14(2)(c)(i)-(iii): the malicious actor only where available */
		{CRK_REPORT_VULNERABILITY, CRK_STAGE_FINAL,
		 "product:mandatory vulnerability_id:optional description:mandatory "
		 "severity:mandatory impact:mandatory malicious_actor:conditional "
		 "security_update:mandatory"},
		/* 14(4)(a): at least whether suspected unlawful or malicious */
		{CRK_REPORT_INCIDENT, CRK_STAGE_EARLY_WARNING,
		 "product:mandatory suspected_malicious:mandatory member_states:conditional "
		 "sensitivity:optional"},
		/* 14(4)(b) */
		{CRK_REPORT_INCIDENT, CRK_STAGE_NOTIFICATION,
		 "product:mandatory nature_of_incident:conditional initial_assessment:mandatory "
		 "measures_taken:mandatory user_measures:mandatory sensitivity:conditional"},
		/* 14(4)(c)(i)-(iii) */
		{CRK_REPORT_INCIDENT, CRK_STAGE_FINAL,
		 "product:mandatory description:mandatory severity:mandatory impact:mandatory "
		 "root_cause:mandatory mitigation_measures:mandatory"},
		/* 14(6) */
		{CRK_REPORT_INCIDENT, CRK_STAGE_INTERMEDIATE, "product:mandatory status_update:mandatory"},
		/* 14(8) */
		{CRK_REPORT_VULNERABILITY, CRK_STAGE_USER_NOTICE,
		 "product:mandatory vulnerability_id:optional summary:mandatory impact:optional "
		 "user_measures:conditional audience:optional"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct crk_report_case c;
		char *json = NULL, *md = NULL, got[1024];
		size_t jl, ml;
		struct crk_err err;
		init_case(&c, want[i].kind);
		assert_int_equal(crk_report_draft(&json, &jl, &md, &ml, NULL, &c, want[i].stage, NULL,
						  NULL, 0, T("2026-09-11T09:00:00Z"), &err),
				 CRK_OK);
		fields_of(got, sizeof(got), json);
		if (strcmp(got, want[i].fields) != 0)
			fail_msg("%s %s:\nwant %s\ngot  %s", crk_report_kind_name(want[i].kind),
				 crk_report_stage_name(want[i].stage), want[i].fields, got);
		assert_non_null(strstr(md, crk_report_stage_article(want[i].kind, want[i].stage)));
		crk_free(json);
		crk_free(md);
	}
}

static void test_report_draft__validate(void **state)
{
	struct crk_report_case c;
	struct crk_report_missing *miss = NULL;
	char *json = NULL, *md = NULL, *json2 = NULL, *md2 = NULL, *p;
	size_t jl, ml, nmiss, jl2, ml2;
	struct crk_err err;
	int stage = -1;
	(void)state;
	init_case(&c, CRK_REPORT_INCIDENT);
	c.product = "Acme Router";
	assert_int_equal(crk_report_draft(&json, &jl, &md, &ml, NULL, &c, CRK_STAGE_EARLY_WARNING,
					  NULL, NULL, 0, T("2026-09-11T09:00:00Z"), &err),
			 CRK_OK);
	assert_int_equal(crk_report_validate(&miss, &nmiss, &stage, json, jl, "ew.json", &err),
			 CRK_OK);
	assert_int_equal(stage, CRK_STAGE_EARLY_WARNING);
	assert_int_equal(nmiss, 2);
	assert_string_equal(miss[0].field, "suspected_malicious");
	assert_string_equal(miss[0].article, "Art. 14(4)(a)");
	assert_string_equal(miss[1].field, "member_states");
	crk_free(miss);
	assert_non_null(strstr(md, "**MISSING**"));

	/* A person answers: false is an answer for a boolean, [] for a "where applicable" list. */
	p = strstr(json, "\"value\": null");
	assert_non_null(p);
	{
		json_error_t je;
		json_t *doc = json_loads(json, 0, &je), *f;
		size_t i;
		json_array_foreach(json_object_get(doc, "fields"), i, f)
		{
			const char *name = json_string_value(json_object_get(f, "name"));
			if (!strcmp(name, "suspected_malicious"))
				json_object_set_new(f, "value", json_false());
			if (!strcmp(name, "member_states"))
				json_object_set_new(f, "value", json_array());
		}
		crk_free(json);
		p = json_dumps(doc, 0);
		json = crk_strdup(p);
		free(p);
		jl = strlen(json);
		json_decref(doc);
	}
	assert_int_equal(crk_report_validate(&miss, &nmiss, NULL, json, jl, "ew.json", &err), CRK_OK);
	assert_int_equal(nmiss, 0);
	crk_free(miss);
	/* Drafting again keeps the answers. */
	assert_int_equal(crk_report_draft(&json2, &jl2, &md2, &ml2, NULL, &c, CRK_STAGE_EARLY_WARNING,
					  NULL, json, jl, T("2026-09-11T10:00:00Z"), &err),
			 CRK_OK);
	assert_int_equal(crk_report_validate(&miss, &nmiss, NULL, json2, jl2, "ew.json", &err),
			 CRK_OK);
	assert_int_equal(nmiss, 0);
	assert_non_null(strstr(md2, "> no"));
	assert_non_null(strstr(md2, "(none known)"));
	crk_free(miss);
	crk_free(json);
	crk_free(md);
	crk_free(json2);
	crk_free(md2);
}

static void test_report_draft__reader(void **state)
{
	static const char *const bad[] = {
		"{\"crakit_report\": 1,\n \"kind\": }",
		"[1, 2]",
		"{\"crakit_report\": 2, \"kind\": \"incident\", \"stage\": \"final\", \"fields\": []}",
		"{\"crakit_report\": 1, \"kind\": \"incident\", \"stage\": \"finale\", \"fields\": []}",
		"{\"crakit_report\": 1, \"crakit_report\": 1}",
	};
	struct crk_report_missing *miss = NULL;
	struct crk_err err;
	size_t nmiss, i;
	const char *wrongtype = "{\"crakit_report\": 1, \"kind\": \"incident\", \"stage\": "
				"\"early-warning\", \"fields\": [{\"name\": \"suspected_malicious\", "
				"\"value\": \"yes\"}]}";
	const char *empty = "{\"crakit_report\": 1, \"kind\": \"vulnerability\", \"stage\": "
			    "\"final\", \"fields\": []}";
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (crk_report_validate(&miss, &nmiss, NULL, bad[i], strlen(bad[i]), "p.json", &err) !=
		    CRK_EPARSE)
			fail_msg("accepted: %s", bad[i]);
	/* the first: the error's position */
	crk_report_validate(&miss, &nmiss, NULL, bad[0], strlen(bad[0]), "p.json", &err);
	assert_string_equal(err.path, "p.json");
	assert_int_equal(err.line, 2);
	assert_int_equal(crk_report_validate(&miss, &nmiss, NULL, wrongtype, strlen(wrongtype),
					     "p.json", &err),
			 CRK_EPARSE);
	assert_string_equal(err.msg, "field 'suspected_malicious': the value must be true or false "
				     "or null");
	/* fields left out count as missing: every mandatory one of 14(2)(c) */
	assert_int_equal(crk_report_validate(&miss, &nmiss, NULL, empty, strlen(empty), "p.json",
					     &err),
			 CRK_OK);
	assert_int_equal(nmiss, 6);
	assert_string_equal(miss[0].field, "product");
	assert_string_equal(miss[4].field, "malicious_actor");
	assert_string_equal(miss[4].article, "Art. 14(2)(c)(ii)");
	assert_string_equal(miss[5].field, "security_update");
	crk_free(miss);
}

/* Pre-filled from the store: the advisory's summary and severity, the KEV entry as evidence. */
static void test_report_draft__prefill(void **state)
{
	struct crk_store *s = NULL;
	struct crk_report_case c;
	struct crk_report_context ctx;
	struct crk_err err;
	char *json = NULL, *md = NULL;
	size_t jl, ml;
	(void)state;
	assert_int_equal(crk_store_open(&s, ":memory:", CRK_STORE_CREATE, &err), CRK_OK);
	assert_int_equal(
		crk_store_exec(s,
			       "INSERT INTO alias(id, grp) VALUES ('GHSA-jfh8-c2jp-5v3q', 1), "
			       "('CVE-2021-44228', 1);"
			       "INSERT INTO advisory(id, modified_us, summary, severity, grp) "
			       "VALUES ('GHSA-jfh8-c2jp-5v3q', 1, 'Remote code injection in Log4j', "
			       "'CVSS_V3\tCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 1);"
			       "INSERT INTO kev(cve, name, date_added, description) VALUES "
			       "('CVE-2021-44228', 'Apache Log4j2 Remote Code Execution Vulnerability', "
			       "'2021-12-10', 'Apache Log4j2 contains a vulnerability ...');"
			       "INSERT INTO product(id, name) VALUES (1, 'ExDev Gateway');"
			       "INSERT INTO release(id, product_id, version, placed, retain_until, "
			       "retention_basis, recorded) VALUES (1, 1, '2.0.0', '2026-01-01', "
			       "'2036-01-01', 'x', 0), (2, 1, '2.1.0', '2026-06-01', '2036-06-01', 'x', 0);"
			       "INSERT INTO release_finding(release_id, vuln, ids, purl) VALUES "
			       "(1, 'GHSA-jfh8-c2jp-5v3q', 'GHSA-jfh8-c2jp-5v3q\nCVE-2021-44228', "
			       "'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'),"
			       "(2, 'CVE-2021-44228', 'CVE-2021-44228', "
			       "'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');"
			       "INSERT INTO vex_statement(vuln, subject, status, author, created) VALUES "
			       "('CVE-2021-44228', 'ExDev Gateway', 'under_investigation', 'a', 1), "
			       "('cve-2021-44228', 'ExDev Gateway', 'affected', 'a', 2)",
			       &err),
		CRK_OK);
	init_case(&c, CRK_REPORT_VULNERABILITY);
	c.cve = "CVE-2021-44228";
	memset(&ctx, 0, sizeof(ctx));
	ctx.product = "ExDev Gateway";
	ctx.product_type = "GW-100";
	ctx.versions = "2.1.0";
	assert_int_equal(crk_report_draft(&json, &jl, &md, &ml, s, &c, CRK_STAGE_NOTIFICATION, &ctx,
					  NULL, 0, T("2026-09-11T09:00:00Z"), &err),
			 CRK_OK);
	assert_non_null(strstr(json, "\"value\": \"Remote code injection in Log4j\""));
	assert_non_null(strstr(json, "\"source\": \"store: advisory summary\""));
	assert_non_null(strstr(json, "\"value\": \"ExDev Gateway (GW-100), versions 2.1.0; recorded "
				     "releases with the vulnerability: ExDev Gateway 2.0.0; ExDev "
				     "Gateway 2.1.0\""));
	/* the newest decision wins, whatever the case of the id */
	assert_non_null(strstr(json, "\"status\": \"affected\""));
	assert_non_null(strstr(md, "Newest triage decision (VEX): affected, ExDev Gateway"));
	assert_non_null(strstr(json, "\"date_added\": \"2021-12-10\""));
	assert_non_null(strstr(md, "listed in CISA KEV since 2021-12-10"));
	crk_free(json);
	crk_free(md);
	assert_int_equal(crk_report_draft(&json, &jl, &md, &ml, s, &c, CRK_STAGE_FINAL, &ctx, NULL, 0,
					  T("2026-09-11T09:00:00Z"), &err),
			 CRK_OK);
	assert_non_null(strstr(json, "\"value\": \"CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/"
				     "A:H\""));
	/* the final report waits for a measure: no due time yet, and the draft says what for */
	assert_non_null(strstr(json, "\"waiting_for\": \"a corrective or mitigating measure"));
	crk_free(json);
	crk_free(md);
	crk_store_close(s);
}

/* Out of memory at every allocation of ours: an error or a result, never a leak or a crash. */
static void test_report_draft__oom(void **state)
{
	struct crk_report_case c;
	struct crk_report_missing *miss;
	struct crk_err err;
	char *json, *md, *prev = NULL;
	size_t jl, ml, nmiss, prevlen = 0;
	uint64_t n;
	int rc, done = 0;
	(void)state;
	init_case(&c, CRK_REPORT_VULNERABILITY);
	c.product = "Acme";
	assert_int_equal(crk_report_draft(&prev, &prevlen, &md, &ml, NULL, &c, CRK_STAGE_FINAL, NULL,
					  NULL, 0, 0, &err),
			 CRK_OK);
	crk_free(md);
	for (n = 1; n < 400 && !done; n++) {
		json = md = NULL;
		miss = NULL;
		crk_alloc_fail_after(n);
		rc = crk_report_draft(&json, &jl, &md, &ml, NULL, &c, CRK_STAGE_FINAL, NULL, prev,
				      prevlen, 0, &err);
		if (rc == CRK_OK)
			rc = crk_report_validate(&miss, &nmiss, NULL, json, jl, "p.json", &err);
		done = crk_alloc_failures() == 0;
		crk_alloc_fail_after(0);
		if (rc != CRK_OK && rc != CRK_ENOMEM)
			fail_msg("allocation %llu: status %d", (unsigned long long)n, rc);
		crk_free(json);
		crk_free(md);
		crk_free(miss);
	}
	assert_true(done);
	crk_free(prev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_draft__fields),
		cmocka_unit_test(test_report_draft__validate),
		cmocka_unit_test(test_report_draft__reader),
		cmocka_unit_test(test_report_draft__prefill),
		cmocka_unit_test(test_report_draft__oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
