/* vexio.c - see vexio.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/cursor.h"
#include "base/map.h"
#include "crakit/vex.h"
#include "formats/vexio.h"
#include "base/banned.h"

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int crk_vexio__parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	const char *p;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return -1;
	p = s + 10;
	if (*p) {
		if ((*p != 'T' && *p != 't' && *p != ' ') || digits(p + 1, 2, &h) || p[3] != ':' ||
		    digits(p + 4, 2, &mi) || p[6] != ':' || digits(p + 7, 2, &se))
			return -1;
		if (h > 23 || mi > 59 || se > 60)
			return -1;
		p += 9;
		if (*p == '.') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int hh, mm, sign = *p == '-' ? -1 : 1;
			if (digits(p + 1, 2, &hh) || p[3] != ':' || digits(p + 4, 2, &mm) || hh > 23 ||
			    mm > 59)
				return -1;
			off = sign * (hh * 3600 + mm * 60);
			p += 6;
		} else {
			return -1;
		}
		if (*p)
			return -1;
	}
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se -
	       off;
	/* 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z once the offset is applied, so that every
	 * time read can be written back in four-digit years */
	if (*out < -62135596800LL || *out > 253402300799LL)
		return -1;
	return 0;
}

/* Years are kept to 0001-9999 by crk_vexio__parse_time(), so four digits always suffice. */
void crk_vexio__format_time(int64_t t, char out[32])
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999) {
		snprintf(out, 32, "1970-01-01T00:00:00Z");
		return;
	}
	snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		 (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

void crk_vexio__format_date(int64_t t, char out[16])
{
	char full[32];
	crk_vexio__format_time(t, full);
	memcpy(out, full, 10);
	out[10] = 0;
}

void crk_vexio__uuid(const void *p, size_t n, char out[37])
{
	uint64_t h1 = crk_hash_bytes(p, n), h2;
	unsigned char b[16];
	size_t i;
	/* a second, different 64-bit hash: the first one's bytes then the input again */
	h2 = crk_hash_bytes(&h1, sizeof(h1)) ^ (crk_hash_bytes(p, n) * 0x9e3779b97f4a7c15ULL + n);
	for (i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h1 >> (8 * i));
		b[8 + i] = (unsigned char)(h2 >> (8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x50); /* version 5 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
}

/* Matches the JSON string starting at buf[i] (a '"') against `s`; returns the offset after the
 * closing quote, or 0 when it differs. */
static size_t match_str(const char *buf, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);
	if (i + n + 2 > len || buf[i] != '"' || memcmp(buf + i + 1, s, n) != 0 ||
	    buf[i + 1 + n] != '"')
		return 0;
	return i + n + 2;
}

static size_t skip_ws(const char *buf, size_t len, size_t i)
{
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
		i++;
	return i;
}

int crk_vexio__locate(const char *buf, size_t len, const char *key, const char *value,
		      size_t occurrence, unsigned *line, unsigned *col)
{
	size_t i, j, seen = 0;
	*line = *col = 0;
	for (i = 0; i < len; i++) {
		if (buf[i] != '"')
			continue;
		j = match_str(buf, len, i, key);
		if (!j)
			continue;
		j = skip_ws(buf, len, j);
		if (j >= len || buf[j] != ':')
			continue;
		j = skip_ws(buf, len, j + 1);
		if (value && !match_str(buf, len, j, value))
			continue;
		if (seen++ < occurrence)
			continue;
		crk_linecol(buf, len, value ? j : i, line, col);
		return 0;
	}
	return -1;
}

int crk_vex_time_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	const char *p;
	if (!s || !*s)
		return -1;
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (!*p) {
		if (v > 253402300799LL)
			return -1;
		*out = v;
		return 0;
	}
	return crk_vexio__parse_time(s, out);
}
