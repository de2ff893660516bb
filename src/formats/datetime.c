/*
 * datetime.c - RFC 3339 timestamps and calendar dates (see datetime.h). Civil-date arithmetic
 * after Howard Hinnant's days_from_civil/civil_from_days (public-domain algorithms,
 * http://howardhinnant.github.io/date_algorithms.html).
 */
#include <stdio.h>

#include "formats/datetime.h"
#include "base/banned.h"

int64_t crk_time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
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

/* n digits at s into *out; 0 or -1. */
static int digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static unsigned month_days(unsigned y, unsigned m)
{
	static const unsigned md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

static int parse_ymd(const char *s, unsigned *y, unsigned *m, unsigned *d)
{
	if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) || s[7] != '-' ||
	    digits(s + 8, 2, d))
		return -1;
	if (*m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
		return -1;
	return 0;
}

int crk_time_parse_date(const char *s, size_t n, int64_t *out_s)
{
	unsigned y, m, d;
	if (n != 10 || parse_ymd(s, &y, &m, &d))
		return -1;
	*out_s = crk_time_days_from_civil(y, m, d);
	return 0;
}

int crk_time_parse_rfc3339(const char *s, size_t n, int64_t *out_us)
{
	unsigned y, mo, d, h, mi, se, oh = 0, om = 0;
	int64_t t, frac = 0, scale = 100000;
	size_t i = 19;
	int sign = 0;
	if (n < 20 || parse_ymd(s, &y, &mo, &d))
		return -1;
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return -1;
	if (digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 60)
		return -1;
	if (se == 60)
		se = 59;
	if (s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (i > 40) /* absurdly long fraction */
				return -1;
			frac += (s[i] - '0') * scale;
			scale /= 10;
		}
	}
	if (i >= n)
		return -1;
	if (s[i] == 'Z' || s[i] == 'z') {
		if (i + 1 != n)
			return -1;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '+' ? 1 : -1;
		i++;
		if (n - i == 5 && s[i + 2] == ':') {
			if (digits(s + i, 2, &oh) || digits(s + i + 3, 2, &om))
				return -1;
		} else if (n - i == 4) {
			if (digits(s + i, 2, &oh) || digits(s + i + 2, 2, &om))
				return -1;
		} else {
			return -1;
		}
		if (oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	t = crk_time_days_from_civil(y, mo, d) + (int64_t)h * 3600 + (int64_t)mi * 60 + se;
	t -= sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
	*out_us = t * 1000000 + frac;
	return 0;
}

void crk_time_format(int64_t t, char buf[21])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), y;
	int64_t rem = t - days * 86400;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, 21, "0000-00-00T00:00:00Z");
		return;
	}
	snprintf(buf, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u, m % 100u,
		 d % 100u, (unsigned)(rem / 3600) % 100u, (unsigned)(rem / 60 % 60) % 100u,
		 (unsigned)(rem % 60) % 100u);
}
