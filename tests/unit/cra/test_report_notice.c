/*
 * test_report_notice.c - the notice to users of Art. 14(8) (src/cra/report_notice.c): the CSAF
 * 2.0 profile follows the case (csaf_security_advisory for a vulnerability, with what tests
 * 6.1.27.4-6 of CSAF 2.0 require; csaf_security_incident_response for an incident, without
 * vulnerabilities, with a summary note and an external reference, tests 6.1.27.1-2), the texts
 * carry the user-notice answers, and whatever is missing is said. The schema suite validates
 * the CSAF against the official schema.
 */
#include "../test.h"

#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/report.h"

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
	c->id = 4;
	c->kind = kind;
	c->anchors.aware_at = T("2026-09-11T08:17:00Z");
	c->anchors.fix_available_at = c->anchors.notification_sent_at = CRK_TIME_NONE;
	c->anchors.intermediate_due_at = c->closed_at = CRK_TIME_NONE;
	for (i = 0; i < CRK_STAGE_COUNT; i++)
		c->stage[i].sent_at = CRK_TIME_NONE;
}

static const char payload[] =
	"{\"crakit_report\": 1, \"kind\": \"vulnerability\", \"stage\": \"user-notice\", "
	"\"fields\": [{\"name\": \"summary\", \"value\": \"Attackers exploit a flaw in the web UI.\"},"
	"{\"name\": \"user_measures\", \"value\": \"Update to 2.1.1; until then disable the web UI.\"},"
	"{\"name\": \"impact\", \"value\": \"Remote takeover of the gateway.\"}]}";

static void test_report_notice__vulnerability(void **state)
{
	struct crk_report_case c;
	struct crk_report_context ctx;
	char *md, *txt, *csaf;
	json_error_t je;
	json_t *d, *v;
	struct crk_err err;
	(void)state;
	init_case(&c, CRK_REPORT_VULNERABILITY);
	c.cve = "CVE-2026-12345";
	c.product = "ExDev Gateway 2.1.0";
	memset(&ctx, 0, sizeof(ctx));
	ctx.manufacturer = "Example Devices GmbH";
	ctx.website = "https://exdev.example";
	assert_int_equal(crk_report_notice(&md, &txt, &csaf, &c, &ctx, payload, strlen(payload),
					   T("2026-09-12T07:00:00Z"), &err),
			 CRK_OK);
	d = json_loads(csaf, 0, &je);
	assert_non_null(d);
	assert_string_equal(json_string_value(json_object_get(json_object_get(d, "document"),
							      "category")),
			    "csaf_security_advisory");
	/* 6.1.27.4 product tree, 6.1.27.5 vulnerability notes, 6.1.27.6 product status */
	assert_non_null(json_object_get(d, "product_tree"));
	v = json_array_get(json_object_get(d, "vulnerabilities"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "cve")), "CVE-2026-12345");
	assert_true(json_array_size(json_object_get(v, "notes")) > 0);
	assert_non_null(json_object_get(json_object_get(v, "product_status"), "known_affected"));
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(v, "threats"), 0), "category")),
			    "exploit_status");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(v, "remediations"), 0), "details")),
			    "Update to 2.1.1; until then disable the web UI.");
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(json_object_get(d, "document"), "tracking"),
				    "current_release_date")),
			    "2026-09-12T07:00:00Z");
	json_decref(d);
	assert_non_null(strstr(md, "# Actively exploited vulnerability CVE-2026-12345 in ExDev "
				   "Gateway 2.1.0\n"));
	assert_non_null(strstr(md, "## What you can do\n\nUpdate to 2.1.1"));
	assert_non_null(strstr(txt, "WHAT YOU CAN DO\n\nUpdate to 2.1.1"));
	assert_null(strstr(txt, "MISSING"));
	assert_null(strstr(txt, "##"));
	crk_free(md);
	crk_free(txt);
	crk_free(csaf);
}

static void test_report_notice__incident(void **state)
{
	struct crk_report_case c;
	struct crk_report_context ctx;
	char *md, *txt, *csaf;
	json_error_t je;
	json_t *d, *doc;
	struct crk_err err;
	(void)state;
	init_case(&c, CRK_REPORT_INCIDENT);
	memset(&ctx, 0, sizeof(ctx));
	ctx.manufacturer = "Example Devices GmbH";
	ctx.advisories_url = "https://exdev.example/security";
	/* no payload yet: everything a person must write is marked */
	assert_int_equal(crk_report_notice(&md, &txt, &csaf, &c, &ctx, NULL, 0,
					   T("2026-09-12T07:00:00Z"), &err),
			 CRK_OK);
	d = json_loads(csaf, 0, &je);
	doc = json_object_get(d, "document");
	assert_string_equal(json_string_value(json_object_get(doc, "category")),
			    "csaf_security_incident_response");
	assert_null(json_object_get(d, "vulnerabilities"));
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(doc, "notes"), 0), "category")),
			    "summary");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(doc, "references"), 0), "category")),
			    "external");
	json_decref(d);
	assert_non_null(strstr(md, "[MISSING: product]"));
	assert_non_null(strstr(md, "[MISSING: complete the user-notice draft]"));
	crk_free(md);
	crk_free(txt);
	crk_free(csaf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_notice__vulnerability),
		cmocka_unit_test(test_report_notice__incident),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
