/*
 * report_clock.c - the Article 14 clock: when each stage of a report is due
 * (include/crakit/report.h).
 *
 * The deadlines (CRA, Regulation (EU) 2024/2847):
 *   Art. 14(2)(a), 14(4)(a)  early warning      within 24 hours of becoming aware
 *   Art. 14(2)(b), 14(4)(b)  notification       within 72 hours of becoming aware
 *   Art. 14(2)(c)            final report       within 14 days after a corrective or mitigating
 *                                               measure is available (vulnerability)
 *   Art. 14(4)(c)            final report       within one month after the incident notification
 *                                               was submitted (severe incident)
 *   Art. 14(6)               intermediate       when the CSIRT asks, by the date it sets
 *   Art. 14(8)               inform the users   no fixed period ("timely")
 *
 * Each due time has a conservative target and a legal end. The legal end follows Regulation
 * (EEC, Euratom) No 1182/71 (OJ L 124, 8.6.1971, p. 1), Art. 3:
 *   3(1)    the hour (for a period in hours) or the day (for a period in days, weeks, months,
 *           years) during which the event happens is not counted;
 *   3(2)(a) a period in hours starts at the beginning of the first hour and ends with the
 *           expiry of its last hour: aware at 10:17 -> the period starts at 11:00 and 24 h end
 *           at 11:00 the next day;
 *   3(2)(b) a period in days starts at the beginning of the first hour of the first day and ends
 *           with the expiry of the last hour of the last day: fix on 3 March -> the 14 days are
 *           4-17 March and end at 24:00 on 17 March;
 *   3(2)(c) a period in months ends with the expiry of the day of the last month that has the
 *           same date as the day from which it runs, or, when that month is shorter, of its last
 *           day: submitted on 31 January -> ends at 24:00 on 28 (29) February;
 *   3(3)    public holidays, Saturdays and Sundays count;
 *   3(4)    when the last day of a period expressed otherwise than in hours is a public holiday,
 *           Sunday or Saturday, the period ends with the expiry of the last hour of the following
 *           working day - never for a period in hours;
 *   3(5)    a period of two days or more includes at least two working days.
 * Whether 1182/71 governs Art. 14 CRA periods is not settled (cra-regulation.md §6 calls it a
 * legal question): crakit plans by the conservative target and shows the legal end beside it.
 *
 * Days and hours are those of the Member State where the report is to be made (1182/71 Art.
 * 2(1)): the Member State of the CSIRT designated as coordinator (CRA Art. 14(7)), in the time
 * zone of its capital (holidays.c).
 */
#include <stdint.h>
#include <string.h>

#include "crakit/report.h"
#include "base/banned.h"

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/* Local wall-clock seconds ("seconds since the local epoch") of instant t. */
static int64_t to_local(const struct crk_member_state *ms, int64_t t)
{
	return t + crk_member_state_offset(ms, t);
}

/* The instant a local wall-clock time names. Twice in the autumn hour: the earlier instant (the
 * conservative one). Not at all (the spring gap): the instant summer time began. */
static int64_t from_local(const struct crk_member_state *ms, int64_t local)
{
	int64_t t1, t2;
	int ok1, ok2;
	if (!ms)
		return local;
	t1 = local - ms->std_offset;
	t2 = local - ms->std_offset - 3600;
	ok1 = crk_member_state_offset(ms, t1) == ms->std_offset;
	ok2 = crk_member_state_offset(ms, t2) == ms->std_offset + 3600;
	if (ok2)
		return t2; /* also when both fit: the earlier instant */
	if (ok1)
		return t1;
	return t1 - floor_mod(t1, 3600); /* the change happens on a whole UTC hour */
}

static int leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned mdays(int64_t y, unsigned m)
{
	static const unsigned char n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : n[m - 1];
}

static const char *const weekday_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday", "Saturday"};

/* 1182/71 Art. 3(4) and 3(5): the last day of a period in days or months that started on
 * `first`, moved to a working day. */
static int64_t shift_last_day(struct crk_deadline *out, const struct crk_member_state *ms,
			      int64_t first, int64_t last)
{
	int64_t d, working = 0;
	const char *hol;
	while (!crk_working_day(ms, last)) {
		if (!out->shifted) {
			out->shifted = 1;
			out->shift_reason = crk_holiday_is(ms, last, &hol) && hol
						    ? hol
						    : weekday_names[crk_weekday(last)];
		}
		last++;
	}
	/* 3(5): a period of two days or more includes at least two working days. */
	if (last - first + 1 >= 2) {
		for (d = first; d <= last; d++)
			working += crk_working_day(ms, d);
		while (working < 2) {
			last++;
			if (crk_working_day(ms, last))
				working++;
			out->shifted = 1;
			if (!out->shift_reason)
				out->shift_reason = "fewer than two working days (Art. 3(5))";
		}
	}
	return last;
}

void crk_period_compute(struct crk_deadline *out, int64_t event, unsigned n,
			enum crk_period_unit unit, const struct crk_member_state *ms)
{
	int64_t local = to_local(ms, event), day = floor_div(local, 86400);
	int64_t tod = floor_mod(local, 86400), y, last, wall, elapsed;
	unsigned m, d, mm;
	out->shifted = 0;
	out->shift_reason = NULL;
	out->last_day = 0;
	switch (unit) {
	case CRK_PERIOD_HOURS:
		/* Elapsed hours: summer time changes lengthen or shorten no hour of the period. */
		out->target = event + (int64_t)n * 3600;
		/* 3(1), 3(2)(a): the hour of the event does not count; the period starts with the
		 * next full hour (of local time, which in every Member State is UTC + whole hours). */
		out->legal = event - floor_mod(local, 3600) + 3600 + (int64_t)n * 3600;
		return;
	case CRK_PERIOD_DAYS:
		/* "14 days": the same wall-clock time 14 calendar days later, or 14 x 24 hours,
		 * whichever comes first (they differ by the hour a summer time change adds). */
		wall = from_local(ms, local + (int64_t)n * 86400);
		elapsed = event + (int64_t)n * 86400;
		out->target = wall < elapsed ? wall : elapsed;
		last = day + n; /* 3(1), 3(2)(b): the event's day is not counted */
		break;
	case CRK_PERIOD_MONTHS:
	default:
		crk_civil_from_days(day, &y, &m, &d);
		mm = m - 1 + n;
		y += mm / 12;
		m = mm % 12 + 1;
		if (d > mdays(y, m)) /* 3(2)(c): the last day of a shorter month */
			d = mdays(y, m);
		last = crk_days_from_civil(y, m, d);
		out->target = from_local(ms, last * 86400 + tod);
		break;
	}
	out->last_day = last;
	last = shift_last_day(out, ms, day + 1, last);
	/* The expiry of the last hour of the last day: local midnight after it. */
	out->legal = from_local(ms, (last + 1) * 86400);
}

const char *crk_report_kind_name(enum crk_report_kind k)
{
	return k == CRK_REPORT_INCIDENT ? "incident" : "vulnerability";
}

int crk_report_kind_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "vulnerability"))
		return CRK_REPORT_VULNERABILITY;
	if (!strcmp(s, "incident"))
		return CRK_REPORT_INCIDENT;
	return -1;
}

static const char *const stage_names[CRK_STAGE_COUNT] = {
	"early-warning", "notification", "intermediate", "final", "user-notice",
};

const char *crk_report_stage_name(enum crk_report_stage s)
{
	return (unsigned)s < CRK_STAGE_COUNT ? stage_names[s] : "?";
}

int crk_report_stage_parse(const char *s)
{
	int i;
	if (!s)
		return -1;
	for (i = 0; i < CRK_STAGE_COUNT; i++)
		if (!strcmp(s, stage_names[i]))
			return i;
	return -1;
}

const char *crk_report_stage_article(enum crk_report_kind k, enum crk_report_stage s)
{
	static const char *const vuln[CRK_STAGE_COUNT] = {
		"Art. 14(2)(a)", "Art. 14(2)(b)", "Art. 14(6)", "Art. 14(2)(c)", "Art. 14(8)"};
	static const char *const inc[CRK_STAGE_COUNT] = {
		"Art. 14(4)(a)", "Art. 14(4)(b)", "Art. 14(6)", "Art. 14(4)(c)", "Art. 14(8)"};
	if ((unsigned)s >= CRK_STAGE_COUNT)
		return "Art. 14";
	return k == CRK_REPORT_INCIDENT ? inc[s] : vuln[s];
}

void crk_report_due_compute(struct crk_report_due *out, enum crk_report_kind kind,
			    enum crk_report_stage stage, const struct crk_report_anchors *a,
			    const struct crk_member_state *ms)
{
	int inc = kind == CRK_REPORT_INCIDENT;
	int64_t anchor;
	out->has_due = 0;
	out->waiting = NULL;
	out->rule = "";
	out->d.target = out->d.legal = CRK_TIME_NONE;
	out->d.last_day = 0;
	out->d.shifted = 0;
	out->d.shift_reason = NULL;
	switch (stage) {
	case CRK_STAGE_EARLY_WARNING:
		out->rule = inc ? "aware + 24 h (Art. 14(4)(a))" : "aware + 24 h (Art. 14(2)(a))";
		if (a->aware_at == CRK_TIME_NONE)
			return;
		crk_period_compute(&out->d, a->aware_at, 24, CRK_PERIOD_HOURS, ms);
		out->has_due = 1;
		return;
	case CRK_STAGE_NOTIFICATION:
		out->rule = inc ? "aware + 72 h (Art. 14(4)(b))" : "aware + 72 h (Art. 14(2)(b))";
		if (a->aware_at == CRK_TIME_NONE)
			return;
		crk_period_compute(&out->d, a->aware_at, 72, CRK_PERIOD_HOURS, ms);
		out->has_due = 1;
		return;
	case CRK_STAGE_FINAL:
		if (inc) {
			/* 14(4)(c): one month after the incident notification was submitted. */
			out->rule = "notification submitted + 1 month (Art. 14(4)(c))";
			if (a->notification_sent_at == CRK_TIME_NONE) {
				out->waiting = "the notification to be submitted "
					       "(crakit report sent notification --at TIME)";
				return;
			}
			crk_period_compute(&out->d, a->notification_sent_at, 1, CRK_PERIOD_MONTHS,
					   ms);
			out->has_due = 1;
			return;
		}
		/* 14(2)(c): 14 days after a corrective or mitigating measure is available. A
		 * measure that was already available when the manufacturer became aware counts
		 * from awareness: the duty to report arises only then (Art. 14(1)). */
		out->rule = "measure available + 14 days (Art. 14(2)(c))";
		if (a->fix_available_at == CRK_TIME_NONE) {
			out->waiting = "a corrective or mitigating measure "
				       "(crakit report fix-available TIME)";
			return;
		}
		anchor = a->fix_available_at;
		if (a->aware_at != CRK_TIME_NONE && anchor < a->aware_at)
			anchor = a->aware_at;
		crk_period_compute(&out->d, anchor, 14, CRK_PERIOD_DAYS, ms);
		out->has_due = 1;
		return;
	case CRK_STAGE_INTERMEDIATE:
		/* 14(6): only when the CSIRT asks; it sets the date. */
		out->rule = "when the CSIRT asks, by the date it sets (Art. 14(6))";
		if (a->intermediate_due_at == CRK_TIME_NONE) {
			out->waiting = "a request of the CSIRT (crakit report csirt-request --due TIME)";
			return;
		}
		out->d.target = out->d.legal = a->intermediate_due_at;
		out->has_due = 1;
		return;
	case CRK_STAGE_USER_NOTICE:
	default:
		out->rule = "inform impacted users in a timely manner, no fixed period (Art. 14(8))";
		return;
	}
}
