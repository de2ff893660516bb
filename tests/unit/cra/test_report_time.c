/*
 * test_report_time.c - RFC 3339 times, civil dates and durations (src/cra/report_time.c).
 * Expected instants are worked out by hand from the offsets (RFC 3339 §5.6, §5.7).
 */
#include "../test.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crakit/report.h"

static void test_report_time__parse(void **state)
{
	static const struct {
		const char *in, *utc;
	} ok[] = {
		{"2026-09-11T10:17:00+02:00", "2026-09-11T08:17:00Z"},
		{"2026-09-11T08:17:00Z", "2026-09-11T08:17:00Z"},
		{"2026-09-11t08:17:00z", "2026-09-11T08:17:00Z"},      /* §5.6 NOTE: lower case */
		{"2026-09-11 08:17:00Z", "2026-09-11T08:17:00Z"},      /* §5.6 NOTE: space */
		{"2026-09-11T08:17:00.999999Z", "2026-09-11T08:17:00Z"}, /* fraction dropped */
		{"2026-09-11T01:00:00-05:30", "2026-09-11T06:30:00Z"},
		{"2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"}, /* crosses the year */
		{"2028-02-29T23:00:00-02:00", "2028-03-01T01:00:00Z"}, /* leap day */
		{"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"},      /* leap second read as :59 */
		{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
		{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
	};
	static const struct {
		const char *in;
		unsigned col;
	} bad[] = {
		{"2026-09-11", 11},               /* no time */
		{"2026-09-11T10:17:00", 20},      /* no offset */
		{"2026-09-11T10:17Z", 17},        /* no seconds */
		{"2026-13-01T00:00:00Z", 6},      /* month 13 */
		{"2027-02-29T00:00:00Z", 9},      /* not a leap year */
		{"2026-09-11T24:00:00Z", 12},     /* hour 24 */
		{"2026-09-11T10:17:00+2:00", 22}, /* one-digit offset hour: the ":" is wrong */
		{"2026-09-11T10:17:00Z ", 21},    /* trailing space */
		{"2026-09-11T10:17:00.Z", 21},    /* no fraction digits */
		{"26-09-11T10:17:00Z", 3},
		{"9999-12-31T23:59:59-00:01", 1}, /* year 10000 in UTC */
		{"0001-01-01T00:00:00+00:01", 1}, /* year 0 in UTC */
		{"", 1},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t t = 0;
		char buf[CRK_TIME_BUF];
		struct crk_err err;
		if (crk_time_parse(&t, ok[i].in, strlen(ok[i].in), &err) != CRK_OK)
			fail_msg("%s: %s", ok[i].in, err.msg);
		crk_time_format_utc(buf, t);
		if (strcmp(buf, ok[i].utc) != 0)
			fail_msg("%s: want %s, got %s", ok[i].in, ok[i].utc, buf);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t t = 42;
		struct crk_err err;
		if (crk_time_parse(&t, bad[i].in, strlen(bad[i].in), &err) != CRK_EPARSE)
			fail_msg("%s: accepted", bad[i].in);
		if (err.col != bad[i].col)
			fail_msg("%s: want column %u, got %u (%s)", bad[i].in, bad[i].col, err.col,
				 err.msg);
		assert_int_equal(t, 42);
		assert_non_null(strstr(err.hint, "RFC 3339"));
	}
	{
		struct crk_err err;
		int64_t t;
		/* not NUL-terminated: only the given length is read */
		assert_int_equal(crk_time_parse(&t, "2026-09-11T08:17:00Zjunk", 20, &err), CRK_OK);
		assert_int_equal(crk_time_parse(&t, "2026-09-11T10:17:00", 19, &err), CRK_EPARSE);
		assert_string_equal(err.msg, "'2026-09-11T10:17:00' is not an RFC 3339 time: the "
					     "offset is missing (Z or +HH:MM)");
	}
}

static void test_report_time__format(void **state)
{
	char buf[CRK_TIME_BUF];
	int64_t t = 1789114620; /* 2026-09-11T08:17:00Z */
	(void)state;
	crk_time_format_offset(buf, t, 7200);
	assert_string_equal(buf, "2026-09-11T10:17:00+02:00");
	crk_time_format_offset(buf, t, -(5 * 3600 + 1800));
	assert_string_equal(buf, "2026-09-11T02:47:00-05:30");
	crk_time_format_utc(buf, -1);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

/* Local display goes through the system tz database: summer and winter time of Berlin. */
static void test_report_time__local(void **state)
{
	char buf[CRK_TIME_BUF];
	(void)state;
	if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) != 0) {
		print_message("skipped: no tz database at /usr/share/zoneinfo (install tzdata)\n");
		return;
	}
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	crk_time_format_local(buf, 1789114620); /* 2026-09-11T08:17:00Z */
	assert_string_equal(buf, "2026-09-11 10:17 CEST (+02:00)");
	crk_time_format_local(buf, 1793001600); /* 2026-10-26T08:00:00Z, after the change */
	assert_string_equal(buf, "2026-10-26 09:00 CET (+01:00)");
	setenv("TZ", "America/New_York", 1);
	tzset();
	crk_time_format_local(buf, 1789114620);
	assert_string_equal(buf, "2026-09-11 04:17 EDT (-04:00)");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void test_report_time__civil(void **state)
{
	int64_t y, d0;
	unsigned m, d;
	(void)state;
	assert_int_equal(crk_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(crk_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(crk_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(crk_weekday(crk_days_from_civil(2026, 9, 11)), 5); /* a Friday */
	assert_int_equal(crk_weekday(crk_days_from_civil(1969, 12, 28)), 0); /* a Sunday */
	for (d0 = crk_days_from_civil(1899, 1, 1); d0 < crk_days_from_civil(2101, 1, 1); d0++) {
		crk_civil_from_days(d0, &y, &m, &d);
		if (crk_days_from_civil(y, m, d) != d0)
			fail_msg("round trip of day %lld", (long long)d0);
	}
	crk_civil_from_days(crk_days_from_civil(2028, 2, 29), &y, &m, &d);
	assert_int_equal(y, 2028);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
}

static void test_report_time__duration(void **state)
{
	int64_t v;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_duration_parse(&v, "6h", &err), CRK_OK);
	assert_int_equal(v, 21600);
	assert_int_equal(crk_duration_parse(&v, "90m", &err), CRK_OK);
	assert_int_equal(v, 5400);
	assert_int_equal(crk_duration_parse(&v, "3d", &err), CRK_OK);
	assert_int_equal(v, 259200);
	assert_int_equal(crk_duration_parse(&v, "2w", &err), CRK_OK);
	assert_int_equal(v, 1209600);
	assert_int_equal(crk_duration_parse(&v, "6", &err), CRK_EPARSE);
	assert_int_equal(crk_duration_parse(&v, "h", &err), CRK_EPARSE);
	assert_int_equal(crk_duration_parse(&v, "6hours", &err), CRK_EPARSE);
	assert_int_equal(crk_duration_parse(&v, "99999999999h", &err), CRK_EPARSE);
	assert_string_equal(err.hint, "give a number and a unit: 90m, 6h, 3d or 2w");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_time__parse),
		cmocka_unit_test(test_report_time__format),
		cmocka_unit_test(test_report_time__local),
		cmocka_unit_test(test_report_time__civil),
		cmocka_unit_test(test_report_time__duration),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
