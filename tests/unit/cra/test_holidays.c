/*
 * test_holidays.c - Member States, Easter and national public holidays (src/cra/holidays.c).
 * Easter dates: the published tables (Western and Orthodox) for 2024-2030 and the extremes of
 * the Gregorian computus (22 March 2285, 25 April 2038). Summer time: checked against the
 * system tz database for every Member State's capital when it is installed.
 */
#include "../test.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crakit/report.h"

static int64_t D(int y, unsigned m, unsigned d)
{
	return crk_days_from_civil(y, m, d);
}

static void test_holidays__easter(void **state)
{
	static const struct {
		int y;
		unsigned wm, wd, om, od;
	} e[] = {
		{2024, 3, 31, 5, 5},  {2025, 4, 20, 4, 20}, {2026, 4, 5, 4, 12},
		{2027, 3, 28, 5, 2},  {2028, 4, 16, 4, 16}, {2029, 4, 1, 4, 8},
		{2030, 4, 21, 4, 28}, {2038, 4, 25, 4, 25}, {2285, 3, 22, 4, 26},
		{2100, 3, 28, 5, 2}, /* 2100: the Julian calendar is 14 days behind from March */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		if (crk_easter_western(e[i].y) != D(e[i].y, e[i].wm, e[i].wd))
			fail_msg("Western Easter %d", e[i].y);
		if (crk_easter_orthodox(e[i].y) != D(e[i].y, e[i].om, e[i].od))
			fail_msg("Orthodox Easter %d", e[i].y);
	}
}

static void test_holidays__days(void **state)
{
	static const struct {
		const char *ms;
		int y;
		unsigned m, d;
		const char *name; /* NULL: not a holiday */
	} h[] = {
		{"DE", 2027, 3, 29, "Easter Monday"},
		{"DE", 2027, 3, 26, "Good Friday"},
		{"DE", 2027, 5, 6, "Ascension Day"},       /* Easter + 39 */
		{"DE", 2027, 5, 17, "Whit Monday"},        /* Easter + 50 */
		{"DE", 2027, 5, 27, NULL},                 /* Corpus Christi is regional in DE */
		{"AT", 2027, 5, 27, "Corpus Christi"},     /* Easter + 60 */
		{"DE", 2026, 10, 3, "Day of German Unity"},
		{"DE", 2026, 10, 31, NULL},                /* Reformation Day is regional */
		{"DE", 2026, 12, 24, NULL},
		{"CZ", 2026, 12, 24, "Christmas Eve"},
		{"FR", 2026, 12, 26, NULL},
		{"FR", 2026, 7, 14, "Bastille Day"},
		{"GR", 2027, 5, 3, "Orthodox Easter Monday"},
		{"EL", 2027, 5, 3, "Orthodox Easter Monday"}, /* the EU's code for Greece */
		{"GR", 2027, 3, 29, NULL},                 /* Western Easter Monday */
		{"GR", 2027, 3, 15, "Clean Monday"},       /* Orthodox Easter - 48 */
		{"RO", 2026, 6, 1, "Children's Day"},
		{"RO", 2023, 1, 7, NULL},                  /* from 2024 */
		{"RO", 2024, 1, 7, "St John the Baptist"},
		{"IE", 2026, 2, 2, "St Brigid's Day"},     /* first Monday of February */
		{"IE", 2030, 2, 1, "St Brigid's Day"},     /* 1 February 2030 is a Friday */
		{"IE", 2030, 2, 4, NULL},
		{"IE", 2026, 10, 26, "October Bank Holiday"}, /* last Monday of October */
		{"IE", 2026, 8, 3, "August Bank Holiday"},
		{"NL", 2025, 4, 26, "King's Day"},         /* 27 April 2025 was a Sunday */
		{"NL", 2026, 4, 27, "King's Day"},
		{"FI", 2026, 6, 20, "Midsummer Day"},      /* the Saturday of 20-26 June */
		{"SE", 2027, 6, 26, "Midsummer Day"},
		{"DK", 2023, 5, 5, "Great Prayer Day"},    /* abolished from 2024 */
		{"DK", 2024, 4, 26, NULL},
		{"PL", 2025, 12, 24, "Christmas Eve"},     /* from 2025 */
		{"PL", 2024, 12, 24, NULL},
		{"AT", 2026, 10, 26, "National Day"},
		{"IT", 2026, 10, 4, NULL},                 /* left out: see holidays.c */
		{"ES", 2026, 10, 12, "National Day"},
		{"ES", 2026, 4, 6, NULL},                  /* Easter Monday is regional in ES */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		const struct crk_member_state *ms = crk_member_state_find(h[i].ms);
		const char *name = "x";
		int is;
		assert_non_null(ms);
		is = crk_holiday_is(ms, D(h[i].y, h[i].m, h[i].d), &name);
		if (is != (h[i].name != NULL) || (h[i].name && strcmp(name, h[i].name) != 0))
			fail_msg("%s %d-%02u-%02u: want %s, got %s", h[i].ms, h[i].y, h[i].m, h[i].d,
				 h[i].name ? h[i].name : "no holiday", is ? name : "no holiday");
	}
	/* 1182/71 Art. 2(2): working days are all but holidays, Saturdays and Sundays. */
	assert_true(crk_working_day(crk_member_state_find("DE"), D(2026, 9, 11)));  /* Friday */
	assert_false(crk_working_day(crk_member_state_find("DE"), D(2026, 9, 12))); /* Saturday */
	assert_false(crk_working_day(crk_member_state_find("DE"), D(2026, 9, 13))); /* Sunday */
	assert_false(crk_working_day(crk_member_state_find("DE"), D(2026, 12, 25)));
	assert_true(crk_working_day(NULL, D(2026, 12, 25))); /* no Member State: weekends only */
}

static void test_holidays__states(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; crk_member_state_at(i); i++)
		assert_ptr_equal(crk_member_state_find(crk_member_state_at(i)->code),
				 crk_member_state_at(i));
	assert_int_equal(i, 27);
	assert_string_equal(crk_member_state_find("el")->code, "GR");
	assert_null(crk_member_state_find("GB"));
	assert_null(crk_member_state_find("NO")); /* EEA, not a Member State */
	assert_null(crk_member_state_find(NULL));
}

/* Directive 2000/84/EC summer time, as crakit computes it, against the tz database. */
static void test_holidays__summer_time(void **state)
{
	size_t i;
	int64_t t, checked = 0;
	(void)state;
	if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) != 0) {
		print_message("skipped: no tz database at /usr/share/zoneinfo (install tzdata)\n");
		return;
	}
	for (i = 0; crk_member_state_at(i); i++) {
		const struct crk_member_state *ms = crk_member_state_at(i);
		setenv("TZ", ms->zone, 1);
		tzset();
		/* every 20 minutes around each change of 2026-2029, every 6 hours otherwise */
		for (t = D(2026, 1, 1) * 86400; t < D(2030, 1, 1) * 86400;) {
			struct tm tm;
			time_t tt = (time_t)t;
			int64_t day = t / 86400;
			unsigned dm = 0, dd = 0;
			int64_t y;
			assert_non_null(localtime_r(&tt, &tm));
			if (tm.tm_gmtoff != crk_member_state_offset(ms, t))
				fail_msg("%s at %lld: tz database %ld, crakit %d", ms->zone,
					 (long long)t, tm.tm_gmtoff, crk_member_state_offset(ms, t));
			checked++;
			crk_civil_from_days(day, &y, &dm, &dd);
			t += ((dm == 3 || dm == 10) && dd >= 25) ? 1200 : 6 * 3600;
		}
	}
	setenv("TZ", "UTC", 1);
	tzset();
	assert_true(checked > 27 * 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holidays__easter),
		cmocka_unit_test(test_holidays__days),
		cmocka_unit_test(test_holidays__states),
		cmocka_unit_test(test_holidays__summer_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
