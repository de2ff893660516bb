/*
 * test_report_clock.c - the Article 14 clock (src/cra/report_clock.c): due times of every stage,
 * conservative target and legal end under Regulation (EEC, Euratom) No 1182/71, against answers
 * computed by hand. Each row says how its answer was reached.
 *
 * Facts used by the reasoning (checked against a calendar):
 *   EU summer time (Directive 2000/84/EC): 2026 from 29 March to 25 October, 2027 from 28 March
 *   to 31 October, 2028 from 26 March to 29 October, switching at 01:00 UTC.
 *   Western Easter: 2027-03-28 (Easter Monday 29 March). Orthodox Easter: 2027-05-02 (Monday
 *   3 May). Weekdays: 2026-09-11 Fri, 2026-09-19 Sat, 2026-09-20 Sun, 2026-12-25 Fri,
 *   2027-01-01 Fri, 2027-02-28 Sun, 2028-02-29 Tue, 2028-12-25 Mon, 2026-10-26 Mon.
 */
#include "../test.h"

#include <string.h>

#include "crakit/report.h"

static int64_t T(const char *s)
{
	int64_t t = 0;
	struct crk_err err;
	if (crk_time_parse(&t, s, strlen(s), &err) != CRK_OK)
		fail_msg("bad test time %s: %s", s, err.msg);
	return t;
}

struct period_case {
	const char *why;
	const char *ms;
	const char *event;
	unsigned n;
	enum crk_period_unit unit;
	const char *target, *legal;
	const char *shift; /* NULL: not moved */
};

static const struct period_case cases[] = {
	/* 1. 14(2)(a): aware Friday 10:17 CEST. Target: +24 h = Sat 10:17 CEST = 08:17Z. Legal:
	 * 3(1) the hour 10:00-11:00 does not count, 3(2)(a) the period runs 11:00 Fri - 11:00 Sat
	 * CEST = 09:00Z; a Saturday end is not moved (3(4) excludes periods in hours). */
	{"24 h, Friday, ends Saturday", "DE", "2026-09-11T10:17:00+02:00", 24, CRK_PERIOD_HOURS,
	 "2026-09-12T08:17:00Z", "2026-09-12T09:00:00Z", NULL},
	/* 2. 14(2)(b): same event, 72 h: Mon 10:17 CEST target, Mon 11:00 CEST legal. */
	{"72 h over a weekend", "DE", "2026-09-11T10:17:00+02:00", 72, CRK_PERIOD_HOURS,
	 "2026-09-14T08:17:00Z", "2026-09-14T09:00:00Z", NULL},
	/* 3. Spring forward: aware Sat 28 March 12:00 CET = 11:00Z. 24 elapsed hours = 11:00Z on
	 * the 29th, which the clock shows as 13:00 CEST (the night lost an hour). Legal: the hour
	 * 12:00-13:00 CET does not count even though the event is on the hour: 12:00Z + 24 h. */
	{"24 h across the spring change", "DE", "2026-03-28T12:00:00+01:00", 24,
	 CRK_PERIOD_HOURS, "2026-03-29T11:00:00Z", "2026-03-29T12:00:00Z", NULL},
	/* 4. Fall back: aware Sat 24 October 12:00 CEST = 10:00Z; +24 h = 10:00Z = 11:00 CET.
	 * Legal: from 13:00 CEST (11:00Z) 24 h = 11:00Z = 12:00 CET. */
	{"24 h across the autumn change", "DE", "2026-10-24T12:00:00+02:00", 24,
	 CRK_PERIOD_HOURS, "2026-10-25T10:00:00Z", "2026-10-25T11:00:00Z", NULL},
	/* 5. Aware time typed in New York time (-04:00) = 07:30Z, reported to Ireland (IST, +1):
	 * 08:30 local; the hour 08:00-09:00 IST does not count; start 09:00 IST = 08:00Z. */
	{"input offset other than the Member State's", "IE", "2026-09-11T03:30:00-04:00", 24,
	 CRK_PERIOD_HOURS, "2026-09-12T07:30:00Z", "2026-09-12T08:00:00Z", NULL},
	/* 6. Portugal in winter is UTC+0: aware 23:59:59Z; the hour 23:00 does not count; start
	 * 00:00Z on the 11th; +24 h = 00:00Z on the 12th. */
	{"24 h, last second of an hour", "PT", "2026-01-10T23:59:59Z", 24, CRK_PERIOD_HOURS,
	 "2026-01-11T23:59:59Z", "2026-01-12T00:00:00Z", NULL},
	/* 7. Finland (EEST, +3), 72 h: aware 00:30 local = 21:30Z the day before; start 01:00
	 * EEST = 22:00Z; +72 h. */
	{"72 h, UTC+3, event before midnight UTC", "FI", "2026-06-01T00:30:00+03:00", 72,
	 CRK_PERIOD_HOURS, "2026-06-03T21:30:00Z", "2026-06-03T22:00:00Z", NULL},
	/* 8. 14(2)(c), 14 days from Thursday 3 September 15:00 CEST: days 4-17 September, the
	 * 17th is a Thursday: ends 24:00 CEST on the 17th = 22:00Z. Target: 17th 15:00 CEST. */
	{"14 days, ends on a working day", "DE", "2026-09-03T15:00:00+02:00", 14,
	 CRK_PERIOD_DAYS, "2026-09-17T13:00:00Z", "2026-09-17T22:00:00Z", NULL},
	/* 9. 14 days from Saturday 5 September: last day Saturday 19th, moved (3(4)) to Monday
	 * 21st, 24:00 CEST = 22:00Z. */
	{"14 days, last day a Saturday", "DE", "2026-09-05T09:00:00+02:00", 14, CRK_PERIOD_DAYS,
	 "2026-09-19T07:00:00Z", "2026-09-21T22:00:00Z", "Saturday"},
	/* 10. From Sunday 6th: last day Sunday 20th -> Monday 21st. */
	{"14 days, last day a Sunday", "DE", "2026-09-06T09:00:00+02:00", 14, CRK_PERIOD_DAYS,
	 "2026-09-20T07:00:00Z", "2026-09-21T22:00:00Z", "Sunday"},
	/* 11. From Monday 15 March 2027 10:00 CET (09:00Z): last day Monday 29 March = Easter
	 * Monday, a German holiday -> Tuesday 30th, 24:00 CEST = 22:00Z. Target: the wall clock
	 * says 29 March 10:00 CEST = 08:00Z, 336 elapsed hours give 09:00Z: the earlier wins. */
	{"14 days, Easter Monday, across the spring change", "DE", "2027-03-15T10:00:00+01:00", 14,
	 CRK_PERIOD_DAYS, "2027-03-29T08:00:00Z", "2027-03-30T22:00:00Z", "Easter Monday"},
	/* 12. Across the autumn change: from Tue 20 October 12:00 CEST (10:00Z). Wall clock: 3
	 * November 12:00 CET = 11:00Z; 336 h: 10:00Z; target the earlier. Last day Tuesday 3
	 * November: 24:00 CET = 23:00Z. */
	{"14 days across the autumn change", "DE", "2026-10-20T12:00:00+02:00", 14,
	 CRK_PERIOD_DAYS, "2026-11-03T10:00:00Z", "2026-11-03T23:00:00Z", NULL},
	/* 13. From Friday 11 December in France: last day Friday 25th (Christmas), Saturday,
	 * Sunday, then Monday 28th is a French working day: 24:00 CET on the 28th = 23:00Z. */
	{"14 days, Christmas Day (France)", "FR", "2026-12-11T16:00:00+01:00", 14,
	 CRK_PERIOD_DAYS, "2026-12-25T15:00:00Z", "2026-12-28T23:00:00Z", "Christmas Day"},
	/* 14. 2028: Christmas Monday, 26th Tuesday. Germany keeps both: ends Wednesday 27th. */
	{"14 days, Christmas Day and St Stephen's Day (Germany)", "DE",
	 "2028-12-11T10:00:00+01:00", 14, CRK_PERIOD_DAYS, "2028-12-25T09:00:00Z",
	 "2028-12-27T23:00:00Z", "Christmas Day"},
	/* 15. The same in France, which has no 26 December holiday: ends Tuesday 26th. */
	{"14 days, Christmas Day (France, no 26 December)", "FR", "2028-12-11T10:00:00+01:00", 14,
	 CRK_PERIOD_DAYS, "2028-12-25T09:00:00Z", "2028-12-26T23:00:00Z", "Christmas Day"},
	/* 16. Leap day as the event: 29 February 2028 12:00 CET; days 1-14 March; 14 March is a
	 * Tuesday: 24:00 CET = 23:00Z. */
	{"14 days from the leap day", "DE", "2028-02-29T12:00:00+01:00", 14, CRK_PERIOD_DAYS,
	 "2028-03-14T11:00:00Z", "2028-03-14T23:00:00Z", NULL},
	/* 17. Orthodox Easter Monday 2027 is 3 May; Greece (EEST, +3): from Monday 19 April the
	 * last day 3 May is a holiday -> Tuesday 4th, 24:00 EEST = 21:00Z. */
	{"14 days, Orthodox Easter Monday (Greece)", "GR", "2027-04-19T10:00:00+03:00", 14,
	 CRK_PERIOD_DAYS, "2027-05-03T07:00:00Z", "2027-05-04T21:00:00Z",
	 "Orthodox Easter Monday"},
	/* 18. The same dates in Germany: 3 May 2027 is an ordinary Monday; 24:00 CEST = 22:00Z. */
	{"14 days, 3 May 2027 is a working day in Germany", "DE", "2027-04-19T09:00:00+02:00", 14,
	 CRK_PERIOD_DAYS, "2027-05-03T07:00:00Z", "2027-05-03T22:00:00Z", NULL},
	/* 19. 14(4)(c) one month from 31 January 2027 (a Sunday): February has no 31st, 3(2)(c)
	 * takes its last day, 28 February, itself a Sunday -> Monday 1 March, 24:00 CET = 23:00Z.
	 * Target: 28 February 14:00 CET. */
	{"1 month from 31 January", "DE", "2027-01-31T14:00:00+01:00", 1, CRK_PERIOD_MONTHS,
	 "2027-02-28T13:00:00Z", "2027-03-01T23:00:00Z", "Sunday"},
	/* 20. 2028 is a leap year: from 31 January the last day is Tuesday 29 February. */
	{"1 month from 31 January in a leap year", "DE", "2028-01-31T09:00:00+01:00", 1,
	 CRK_PERIOD_MONTHS, "2028-02-29T08:00:00Z", "2028-02-29T23:00:00Z", NULL},
	/* 21. Across the autumn change: 10 October 10:00 CEST -> 10 November 10:00 CET = 09:00Z;
	 * 10 November 2026 is a Tuesday: 24:00 CET = 23:00Z. */
	{"1 month across the autumn change", "DE", "2026-10-10T10:00:00+02:00", 1,
	 CRK_PERIOD_MONTHS, "2026-11-10T09:00:00Z", "2026-11-10T23:00:00Z", NULL},
	/* 22. Across the year end onto New Year's Day: 1 January 2027 is a Friday holiday, then
	 * the weekend: Monday 4 January, 24:00 CET = 23:00Z. */
	{"1 month onto New Year's Day", "DE", "2026-12-01T10:00:00+01:00", 1, CRK_PERIOD_MONTHS,
	 "2027-01-01T09:00:00Z", "2027-01-04T23:00:00Z", "New Year's Day"},
	/* 23. A wall time that does not exist: 28 March 2027 02:30 falls in the hour skipped at
	 * 01:00Z: the target is the change itself, 01:00Z. Legal: 28 March is a Sunday (Western
	 * Easter, not a German public holiday by law but a Sunday), 29th Easter Monday ->
	 * Tuesday 30th, 24:00 CEST = 22:00Z. */
	{"1 month onto the skipped hour and Easter", "DE", "2027-02-28T02:30:00+01:00", 1,
	 CRK_PERIOD_MONTHS, "2027-03-28T01:00:00Z", "2027-03-30T22:00:00Z", "Sunday"},
	/* 24. A wall time that happens twice: 25 October 2026 02:30 in Austria is 00:30Z (CEST)
	 * and 01:30Z (CET); the earlier is taken. Legal: 25th a Sunday, 26th Austria's National
	 * Day -> Tuesday 27th, 24:00 CET = 23:00Z. */
	{"1 month onto the repeated hour, Austrian National Day", "AT",
	 "2026-09-25T02:30:00+02:00", 1, CRK_PERIOD_MONTHS, "2026-10-25T00:30:00Z",
	 "2026-10-27T23:00:00Z", "Sunday"},
	/* 25. 3(5) at work: 2 days from Wednesday 23 December 2026 in Czechia: 24th and 25th are
	 * holidays; 3(4) moves the end past the 26th (holiday, Saturday) and the 27th (Sunday) to
	 * Monday 28th; that leaves one working day in the period, 3(5) wants two: Tuesday 29th,
	 * 24:00 CET = 23:00Z. (24 December is an ordinary day in Germany.) */
	{"2 days, at least two working days (Art. 3(5))", "CZ", "2026-12-23T12:00:00+01:00", 2,
	 CRK_PERIOD_DAYS, "2026-12-25T11:00:00Z", "2026-12-29T23:00:00Z", "Christmas Day"},
	/* 26. No Member State known: UTC, weekends only. From Friday 11 September 2026 14 days:
	 * Friday 25th, 24:00Z. */
	{"14 days, no Member State (UTC, weekends only)", NULL, "2026-09-11T10:17:00+02:00", 14,
	 CRK_PERIOD_DAYS, "2026-09-25T08:17:00Z", "2026-09-26T00:00:00Z", NULL},
};

static void test_report_clock__periods(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct period_case *c = &cases[i];
		const struct crk_member_state *ms = c->ms ? crk_member_state_find(c->ms) : NULL;
		struct crk_deadline d;
		char t[CRK_TIME_BUF], l[CRK_TIME_BUF];
		if (c->ms && !ms)
			fail_msg("case %zu: no Member State %s", i + 1, c->ms);
		crk_period_compute(&d, T(c->event), c->n, c->unit, ms);
		crk_time_format_utc(t, d.target);
		crk_time_format_utc(l, d.legal);
		if (strcmp(t, c->target) != 0 || strcmp(l, c->legal) != 0)
			fail_msg("case %zu (%s): want target %s legal %s, got %s %s", i + 1, c->why,
				 c->target, c->legal, t, l);
		if (!!d.shifted != !!c->shift ||
		    (c->shift && (!d.shift_reason || strcmp(d.shift_reason, c->shift) != 0)))
			fail_msg("case %zu (%s): want shift %s, got %s", i + 1, c->why,
				 c->shift ? c->shift : "none",
				 d.shifted ? d.shift_reason : "none");
	}
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 20);
}

/* Properties over every Member State and three years of events (every 11 h 13 min): the legal
 * end is never before the target; a period in hours is exactly n elapsed hours and its legal end
 * a whole hour at most n + 1 hours later; a period in days or months ends at a local midnight
 * that is a working day's end, within 12 days of its unshifted last day. */
static void test_report_clock__properties(void **state)
{
	size_t i;
	int64_t t;
	(void)state;
	for (i = 0; crk_member_state_at(i); i++) {
		const struct crk_member_state *ms = crk_member_state_at(i);
		for (t = T("2026-01-01T00:00:00Z"); t < T("2029-01-01T00:00:00Z"); t += 11 * 3600 + 780) {
			struct crk_deadline h, d, m;
			int64_t ld, lm;
			crk_period_compute(&h, t, 24, CRK_PERIOD_HOURS, ms);
			crk_period_compute(&d, t, 14, CRK_PERIOD_DAYS, ms);
			crk_period_compute(&m, t, 1, CRK_PERIOD_MONTHS, ms);
			if (h.target != t + 86400 || h.legal <= h.target || h.legal > t + 25 * 3600 ||
			    h.legal % 3600 != 0 || h.shifted)
				fail_msg("%s hours at %lld", ms->code, (long long)t);
			ld = d.legal + crk_member_state_offset(ms, d.legal);
			lm = m.legal + crk_member_state_offset(ms, m.legal);
			if (d.legal < d.target || m.legal < m.target || ld % 86400 || lm % 86400)
				fail_msg("%s days/months at %lld", ms->code, (long long)t);
			/* the day before the (exclusive) end is a working day */
			if (!crk_working_day(ms, ld / 86400 - 1) || !crk_working_day(ms, lm / 86400 - 1))
				fail_msg("%s: legal end after a non-working day at %lld", ms->code,
					 (long long)t);
			if (ld / 86400 - 1 - d.last_day > 12 || lm / 86400 - 1 - m.last_day > 12)
				fail_msg("%s: legal end moved too far at %lld", ms->code, (long long)t);
			if (t - d.target > 0 || d.target > t + 14 * 86400 || d.target < t + 14 * 86400 - 3600)
				fail_msg("%s: 14-day target at %lld", ms->code, (long long)t);
		}
	}
}

/* The stage rules of Art. 14 on top of the periods. */
static void test_report_clock__stages(void **state)
{
	const struct crk_member_state *de = crk_member_state_find("DE");
	struct crk_report_anchors a = {T("2026-09-11T10:17:00+02:00"), CRK_TIME_NONE, CRK_TIME_NONE,
				       CRK_TIME_NONE};
	struct crk_report_due due;
	char buf[CRK_TIME_BUF];
	(void)state;

	/* 14(2)(a) and (b). */
	crk_report_due_compute(&due, CRK_REPORT_VULNERABILITY, CRK_STAGE_EARLY_WARNING, &a, de);
	assert_true(due.has_due);
	crk_time_format_utc(buf, due.d.target);
	assert_string_equal(buf, "2026-09-12T08:17:00Z");
	assert_string_equal(due.rule, "aware + 24 h (Art. 14(2)(a))");
	crk_report_due_compute(&due, CRK_REPORT_INCIDENT, CRK_STAGE_NOTIFICATION, &a, de);
	crk_time_format_utc(buf, due.d.legal);
	assert_string_equal(buf, "2026-09-14T09:00:00Z");
	assert_string_equal(due.rule, "aware + 72 h (Art. 14(4)(b))");

	/* 14(2)(c): nothing due until a measure is available. */
	crk_report_due_compute(&due, CRK_REPORT_VULNERABILITY, CRK_STAGE_FINAL, &a, de);
	assert_false(due.has_due);
	assert_non_null(strstr(due.waiting, "fix-available"));

	/* Fix available AFTER awareness: Monday 14 September 18:30 CEST; days 15-28 September,
	 * the 28th a Monday: 24:00 CEST = 22:00Z; target 28th 18:30 CEST = 16:30Z. */
	a.fix_available_at = T("2026-09-14T18:30:00+02:00");
	crk_report_due_compute(&due, CRK_REPORT_VULNERABILITY, CRK_STAGE_FINAL, &a, de);
	assert_true(due.has_due);
	crk_time_format_utc(buf, due.d.target);
	assert_string_equal(buf, "2026-09-28T16:30:00Z");
	crk_time_format_utc(buf, due.d.legal);
	assert_string_equal(buf, "2026-09-28T22:00:00Z");

	/* Fix available BEFORE awareness (1 September): counted from awareness, Friday 11th
	 * 10:17 CEST: days 12-25, Friday 25th 24:00 CEST = 22:00Z; target 25th 10:17 CEST. */
	a.fix_available_at = T("2026-09-01T00:00:00Z");
	crk_report_due_compute(&due, CRK_REPORT_VULNERABILITY, CRK_STAGE_FINAL, &a, de);
	crk_time_format_utc(buf, due.d.target);
	assert_string_equal(buf, "2026-09-25T08:17:00Z");
	crk_time_format_utc(buf, due.d.legal);
	assert_string_equal(buf, "2026-09-25T22:00:00Z");

	/* 14(4)(c): an incident's final report waits for the notification's submission, then one
	 * month: submitted Monday 14 September 09:00 CEST -> Wednesday 14 October, 24:00 CEST. */
	crk_report_due_compute(&due, CRK_REPORT_INCIDENT, CRK_STAGE_FINAL, &a, de);
	assert_false(due.has_due);
	assert_non_null(strstr(due.waiting, "sent notification"));
	a.notification_sent_at = T("2026-09-14T09:00:00+02:00");
	crk_report_due_compute(&due, CRK_REPORT_INCIDENT, CRK_STAGE_FINAL, &a, de);
	assert_true(due.has_due);
	crk_time_format_utc(buf, due.d.target);
	assert_string_equal(buf, "2026-10-14T07:00:00Z");
	crk_time_format_utc(buf, due.d.legal);
	assert_string_equal(buf, "2026-10-14T22:00:00Z");
	assert_string_equal(due.rule, "notification submitted + 1 month (Art. 14(4)(c))");

	/* 14(6): due only once the CSIRT asked, at the date it set. */
	crk_report_due_compute(&due, CRK_REPORT_INCIDENT, CRK_STAGE_INTERMEDIATE, &a, de);
	assert_false(due.has_due);
	a.intermediate_due_at = T("2026-09-20T12:00:00Z");
	crk_report_due_compute(&due, CRK_REPORT_INCIDENT, CRK_STAGE_INTERMEDIATE, &a, de);
	assert_true(due.has_due);
	assert_int_equal(due.d.target, due.d.legal);

	/* 14(8): no fixed period, nothing waited for. */
	crk_report_due_compute(&due, CRK_REPORT_VULNERABILITY, CRK_STAGE_USER_NOTICE, &a, de);
	assert_false(due.has_due);
	assert_null(due.waiting);
}

static void test_report_clock__names(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < CRK_STAGE_COUNT; i++)
		assert_int_equal(crk_report_stage_parse(crk_report_stage_name(i)), i);
	assert_int_equal(crk_report_stage_parse("final-report"), -1);
	assert_int_equal(crk_report_kind_parse("incident"), CRK_REPORT_INCIDENT);
	assert_int_equal(crk_report_kind_parse("vuln"), -1);
	assert_string_equal(crk_report_stage_article(CRK_REPORT_VULNERABILITY, CRK_STAGE_FINAL),
			    "Art. 14(2)(c)");
	assert_string_equal(crk_report_stage_article(CRK_REPORT_INCIDENT, CRK_STAGE_EARLY_WARNING),
			    "Art. 14(4)(a)");
	assert_string_equal(crk_report_stage_article(CRK_REPORT_INCIDENT, CRK_STAGE_USER_NOTICE),
			    "Art. 14(8)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_clock__periods),
		cmocka_unit_test(test_report_clock__properties),
		cmocka_unit_test(test_report_clock__stages),
		cmocka_unit_test(test_report_clock__names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
