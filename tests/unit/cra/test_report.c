/*
 * test_report.c - Article 14 cases in the store (src/cra/report.c): the awareness time survives
 * a failure after opening, every record enters the append-only timeline, stages and anchors
 * read back, and the `report open` hint the scan prints.
 */
#include "../test.h"

#include <string.h>

#include "crakit/release.h"
#include "crakit/report.h"
#include "crakit/store.h"

static int64_t T(const char *s)
{
	int64_t t = 0;
	assert_int_equal(crk_time_parse(&t, s, strlen(s), NULL), CRK_OK);
	return t;
}

static struct crk_store *mem(void)
{
	struct crk_store *s = NULL;
	struct crk_err err;
	if (crk_store_open(&s, ":memory:", CRK_STORE_CREATE, &err) != CRK_OK)
		fail_msg("store: %s", err.msg);
	return s;
}

/* The awareness time is committed on its own: a failure of what follows in an enclosing attempt
 * (here: a rollback of the next transaction) does not take it away. */
static void test_report__aware_first(void **state)
{
	struct crk_store *s = mem();
	struct crk_report_case *c = NULL;
	struct crk_err err;
	int64_t id = 0;
	(void)state;
	assert_int_equal(crk_report_case_open(&id, s, CRK_REPORT_VULNERABILITY,
					      T("2026-09-11T10:17:00+02:00"),
					      "2026-09-11T10:17:00+02:00", T("2026-09-11T09:00:00Z"),
					      &err),
			 CRK_OK);
	assert_int_equal(id, 1);
	assert_int_equal(crk_store_in_transaction(s), 0);
	/* something later fails and rolls back: the case stays */
	assert_int_equal(crk_store_begin(s, &err), CRK_OK);
	assert_int_equal(crk_store_exec(s, "UPDATE report_case SET product = 'x'", &err), CRK_OK);
	crk_store_rollback(s, NULL);
	assert_int_equal(crk_report_case_get(&c, s, 1, &err), CRK_OK);
	assert_int_equal(c->anchors.aware_at, T("2026-09-11T08:17:00Z"));
	assert_string_equal(c->aware_text, "2026-09-11T10:17:00+02:00");
	assert_null(c->product);
	assert_int_equal(c->closed_at, CRK_TIME_NONE);
	crk_report_case_free(c);
	assert_int_equal(crk_report_case_get(&c, s, 2, &err), CRK_ENOTFOUND);
	assert_string_equal(err.msg, "there is no report case 2");
	assert_null(c);
	crk_store_close(s);
}

struct tlbuf {
	char buf[1024];
};

static int count_events(const struct crk_report_event *e, void *arg)
{
	struct tlbuf *b = arg;
	size_t n = strlen(b->buf);
	snprintf(b->buf + n, sizeof(b->buf) - n, "%s|", e->what);
	return 0;
}

static int audit_actions(void *ud, const struct crk_audit_entry *e)
{
	struct tlbuf *b = ud;
	size_t n = strlen(b->buf);
	snprintf(b->buf + n, sizeof(b->buf) - n, "%s %s%s|", e->action, e->subject,
		 e->doc ? " +doc" : "");
	return 0;
}

static void test_report__records(void **state)
{
	struct crk_store *s = mem();
	struct crk_report_case *c = NULL;
	struct crk_report_case_info info;
	struct crk_route r;
	struct crk_route_input in = {"DE", NULL, NULL, NULL, NULL};
	struct crk_err err;
	struct tlbuf tl = {""};
	int64_t id, now = T("2026-09-11T09:00:00Z"), *ids;
	size_t n;
	(void)state;
	assert_int_equal(crk_report_case_open(&id, s, CRK_REPORT_INCIDENT, T("2026-09-11T08:00:00Z"),
					      "2026-09-11T08:00:00Z", now, &err),
			 CRK_OK);
	assert_int_equal(crk_csirt_route(&r, &in, &err), CRK_OK);
	memset(&info, 0, sizeof(info));
	info.product = "Acme Router";
	info.route = &r;
	assert_int_equal(crk_report_case_set(s, id, &info, now, &err), CRK_OK);
	assert_int_equal(crk_report_record_sent(s, id, CRK_STAGE_NOTIFICATION,
						T("2026-09-12T10:00:00Z"), "SRP-1", "{}",
						"initial_assessment", now, &err),
			 CRK_OK);
	assert_int_equal(crk_report_record_request(s, id, T("2026-09-13T10:00:00Z"),
						   T("2026-09-20T10:00:00Z"), now, &err),
			 CRK_OK);
	assert_int_equal(crk_report_case_get(&c, s, id, &err), CRK_OK);
	assert_string_equal(c->product, "Acme Router");
	assert_string_equal(c->member_state, "DE");
	assert_string_equal(c->csirt, "BSI (CERT-Bund)");
	assert_string_equal(c->route_basis, "Art. 14(7): Member State of main establishment");
	/* 14(4)(c): the final report of an incident runs from the notification's submission */
	assert_int_equal(c->anchors.notification_sent_at, T("2026-09-12T10:00:00Z"));
	assert_int_equal(c->stage[CRK_STAGE_NOTIFICATION].incomplete, 1);
	assert_string_equal(c->stage[CRK_STAGE_NOTIFICATION].missing, "initial_assessment");
	assert_string_equal(c->stage[CRK_STAGE_NOTIFICATION].receipt, "SRP-1");
	assert_string_equal(c->stage[CRK_STAGE_NOTIFICATION].draft, "{}");
	assert_int_equal(c->stage[CRK_STAGE_EARLY_WARNING].sent_at, CRK_TIME_NONE);
	assert_int_equal(c->anchors.intermediate_due_at, T("2026-09-20T10:00:00Z"));
	assert_ptr_equal(crk_report_case_ms(c), crk_member_state_find("DE"));
	crk_report_case_free(c);

	assert_int_equal(crk_report_case_ids(&ids, &n, s, 1, &err), CRK_OK);
	assert_int_equal(n, 1);
	crk_report_ids_free(ids);
	assert_int_equal(crk_report_case_close(s, id, now, &err), CRK_OK);
	assert_int_equal(crk_report_case_ids(&ids, &n, s, 1, &err), CRK_OK);
	assert_int_equal(n, 0);
	crk_report_ids_free(ids);
	assert_int_equal(crk_report_case_ids(&ids, &n, s, 0, &err), CRK_OK);
	assert_int_equal(n, 1);
	crk_report_ids_free(ids);

	/* the timeline holds every record, in order, and refuses changes */
	assert_int_equal(crk_report_events(s, id, count_events, &tl, &err), CRK_OK);
	assert_string_equal(tl.buf, "opened|set|sent|csirt-request|closed|");
	assert_int_not_equal(crk_store_exec(s, "UPDATE report_event SET what = 'x'", &err), CRK_OK);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_not_equal(crk_store_exec(s, "DELETE FROM report_event", &err), CRK_OK);
	/* ... and so does the store's audit log, hash-chained, the payload sent kept as a document */
	tl.buf[0] = '\0';
	assert_int_equal(crk_audit_each(s, 0, audit_actions, &tl, &err), CRK_OK);
	assert_string_equal(tl.buf, "report.opened report case 1|report.set report case 1|"
				    "report.sent report case 1 +doc|report.csirt-request report case 1|"
				    "report.closed report case 1|");
	{
		struct crk_audit_report ar;
		assert_int_equal(crk_audit_verify(s, &ar, &err), CRK_OK);
		assert_int_equal(ar.broken_seq, 0);
		assert_int_equal(ar.entries, 5);
	}
	/* records on a case that does not exist fail and leave nothing behind */
	assert_int_equal(crk_report_record_fix(s, 7, now, now, &err), CRK_ENOTFOUND);
	assert_int_equal(crk_store_in_transaction(s), 0);
	crk_store_close(s);
}

static void test_report__hint(void **state)
{
	char buf[512];
	size_t n;
	(void)state;
	n = crk_report_open_hint(buf, sizeof(buf), "CVE-2021-44228", "Acme Router", "F-12",
				 T("2026-09-11T08:17:00Z"));
	assert_string_equal(buf, "crakit report open --kind vulnerability --aware-at "
				 "2026-09-11T08:17:00Z --cve CVE-2021-44228 --product 'Acme Router' "
				 "--finding F-12");
	assert_int_equal(n, strlen(buf));
	crk_report_open_hint(buf, sizeof(buf), "CVE-1", "it's", NULL, CRK_TIME_NONE);
	assert_string_equal(buf, "crakit report open --kind vulnerability --aware-at now --cve CVE-1 "
				 "--product 'it'\\''s'");
	/* truncated like snprintf, the full length returned */
	n = crk_report_open_hint(buf, 10, "CVE-1", NULL, NULL, CRK_TIME_NONE);
	assert_string_equal(buf, "crakit re");
	assert_int_equal(n, strlen("crakit report open --kind vulnerability --aware-at now --cve "
				   "CVE-1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__aware_first),
		cmocka_unit_test(test_report__records),
		cmocka_unit_test(test_report__hint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
