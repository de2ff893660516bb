/*
 * report_time.c - RFC 3339 timestamps, civil dates and durations for the Article 14 clock
 * (include/crakit/report.h).
 *
 * RFC 3339 §5.6: date-time = full-date "T" full-time; full-time = partial-time time-offset;
 * time-offset = "Z" / ("+" / "-") HH ":" MM. "T" and "Z" may be lower case and "T" may be a space
 * (§5.6 NOTE). Times are kept in UTC: the offset is applied at parse time and the clock never
 * depends on the zone a person typed the time in. A leap second (:60, §5.7) is read as :59 since
 * POSIX time has none; a fraction is dropped (the clock counts in seconds).
 *
 * Civil dates: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
 * civil_from_days), proleptic Gregorian, exact for every int64 year we accept (1..9999).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "crakit/report.h"
#include "base/banned.h"

int64_t crk_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void crk_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

unsigned crk_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 4) % 7;
	return (unsigned)(w < 0 ? w + 7 : w);
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned month_days(int64_t y, unsigned m)
{
	static const unsigned char n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* Reads exactly `w` digits at s[*i]; -1 when they are not all digits. */
static int digits(const char *s, size_t n, size_t *i, unsigned w)
{
	int v = 0;
	unsigned k;
	for (k = 0; k < w; k++) {
		if (*i >= n || s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	return v;
}

static int expect(const char *s, size_t n, size_t *i, const char *any)
{
	if (*i >= n || !s[*i] || !strchr(any, s[*i]))
		return -1;
	(*i)++;
	return 0;
}

#define RFC3339_HINT "give an RFC 3339 time with its offset, e.g. 2026-09-11T10:17:00+02:00 or 2026-09-11T08:17:00Z"

static int bad(struct crk_err *err, const char *s, size_t n, size_t at, const char *what)
{
	int show = n > 64 ? 64 : (int)n;
	crk_err_set(err, CRK_EPARSE, NULL, 1, (unsigned)at + 1,
		    "'%.*s%s' is not an RFC 3339 time: %s", show, s, n > 64 ? "..." : "", what);
	crk_err_hint(err, RFC3339_HINT);
	return CRK_EPARSE;
}

int crk_time_parse(int64_t *out, const char *s, size_t n, struct crk_err *err)
{
	size_t i = 0;
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	int64_t days, t;
	if (!s)
		return bad(err, "", 0, 0, "empty");
	if ((y = digits(s, n, &i, 4)) < 0)
		return bad(err, s, n, i, "expected a four-digit year");
	if (expect(s, n, &i, "-") || (mo = digits(s, n, &i, 2)) < 0)
		return bad(err, s, n, i, "expected -MM after the year");
	if (expect(s, n, &i, "-") || (d = digits(s, n, &i, 2)) < 0)
		return bad(err, s, n, i, "expected -DD after the month");
	if (y < 1 || mo < 1 || mo > 12)
		return bad(err, s, n, 5, "no such month");
	if (d < 1 || (unsigned)d > month_days(y, (unsigned)mo))
		return bad(err, s, n, 8, "no such day in that month");
	if (i == n)
		return bad(err, s, n, i, "a date alone has no time and no offset");
	if (expect(s, n, &i, "Tt "))
		return bad(err, s, n, i, "expected 'T' between the date and the time");
	if ((h = digits(s, n, &i, 2)) < 0 || expect(s, n, &i, ":") ||
	    (mi = digits(s, n, &i, 2)) < 0)
		return bad(err, s, n, i, "expected the time as HH:MM:SS");
	if (expect(s, n, &i, ":") || (sec = digits(s, n, &i, 2)) < 0)
		return bad(err, s, n, i, "expected seconds (HH:MM:SS)");
	if (h > 23 || mi > 59 || sec > 60)
		return bad(err, s, n, i - 8, "hour, minute or second out of range");
	if (sec == 60)
		sec = 59;
	if (i < n && s[i] == '.') {
		size_t f = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f)
			return bad(err, s, n, i, "expected digits after '.'");
	}
	if (i >= n)
		return bad(err, s, n, i, "the offset is missing (Z or +HH:MM)");
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		i++;
		if ((oh = digits(s, n, &i, 2)) < 0 || expect(s, n, &i, ":") ||
		    (om = digits(s, n, &i, 2)) < 0)
			return bad(err, s, n, i, "expected the offset as +HH:MM");
		if (oh > 23 || om > 59)
			return bad(err, s, n, i - 5, "offset out of range");
	} else {
		return bad(err, s, n, i, "expected the offset (Z or +HH:MM)");
	}
	if (i != n)
		return bad(err, s, n, i, "unexpected characters after the offset");
	days = crk_days_from_civil(y, (unsigned)mo, (unsigned)d);
	t = days * 86400 + h * 3600 + mi * 60 + sec - (int64_t)sign * (oh * 3600 + om * 60);
	/* In UTC it must still be a year 0001-9999, so that it can be written back. */
	if (t < crk_days_from_civil(1, 1, 1) * 86400 || t >= crk_days_from_civil(10000, 1, 1) * 86400)
		return bad(err, s, n, 0, "outside the years 0001-9999 in UTC");
	*out = t;
	return CRK_OK;
}

static void split(int64_t t, int64_t *days, int *secs)
{
	int64_t dd = t / 86400, r = t % 86400;
	if (r < 0) {
		r += 86400;
		dd--;
	}
	*days = dd;
	*secs = (int)r;
}

void crk_time_format_offset(char buf[CRK_TIME_BUF], int64_t t, int offset)
{
	int64_t days, y;
	unsigned m, d;
	int s, off = offset < 0 ? -offset : offset;
	split(t + offset, &days, &s);
	crk_civil_from_days(days, &y, &m, &d);
	if (offset == 0)
		snprintf(buf, CRK_TIME_BUF, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d,
			 s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, CRK_TIME_BUF, "%04lld-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
			 (long long)y, m, d, s / 3600, s / 60 % 60, s % 60, offset < 0 ? '-' : '+',
			 off / 3600, off / 60 % 60);
}

void crk_time_format_utc(char buf[CRK_TIME_BUF], int64_t t)
{
	crk_time_format_offset(buf, t, 0);
}

void crk_time_format_local(char buf[CRK_TIME_BUF], int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	int off, a;
	char zone[8];
	if (!localtime_r(&tt, &tm) || tm.tm_year < -1899 || tm.tm_year > 8099) {
		crk_time_format_utc(buf, t);
		return;
	}
	off = (int)(tm.tm_gmtoff % 86400);
	a = off < 0 ? -off : off;
	snprintf(zone, sizeof(zone), "%s", tm.tm_zone ? tm.tm_zone : "");
	snprintf(buf, CRK_TIME_BUF, "%04d-%02d-%02d %02d:%02d %s (%c%02d:%02d)",
		 (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100,
		 tm.tm_hour % 100, tm.tm_min % 100, zone, off < 0 ? '-' : '+', a / 3600 % 100,
		 a / 60 % 60);
}

int crk_duration_parse(int64_t *out, const char *s, struct crk_err *err)
{
	int64_t v = 0, unit;
	size_t i = 0;
	if (!s || !*s)
		goto bad;
	while (s[i] >= '0' && s[i] <= '9') {
		if (v > 100000000)
			goto bad;
		v = v * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0 || !s[i] || s[i + 1])
		goto bad;
	switch (s[i]) {
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	case 'w': unit = 7 * 86400; break;
	default: goto bad;
	}
	*out = v * unit;
	return CRK_OK;
bad:
	crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "'%s' is not a duration", s ? s : "");
	crk_err_hint(err, "give a number and a unit: 90m, 6h, 3d or 2w");
	return CRK_EPARSE;
}
