/*
 * datetime.h - RFC 3339 timestamps and ISO 8601 calendar dates, parsed strictly and turned into
 * Unix time without the C library's time zone machinery (timegm and friends depend on TZ data).
 * Used for OSV `modified`/`published`/`withdrawn`, KEV dates and the EPSS score date.
 */
#ifndef CRK_FORMATS_DATETIME_H
#define CRK_FORMATS_DATETIME_H

#include <stddef.h>
#include <stdint.h>

/* "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM|+HHMM)" (the T and Z in either case, a space for
 * T allowed; RFC 3339 §5.6) into microseconds since 1970-01-01T00:00:00Z. Fractions beyond
 * microseconds are truncated; a leap second (:60) counts as :59. Returns 0, or -1 when `s` is
 * not such a timestamp or a field is out of range. */
int crk_time_parse_rfc3339(const char *s, size_t n, int64_t *out_us);
/* "YYYY-MM-DD" into seconds since the epoch at 00:00 UTC of that day. 0 or -1. */
int crk_time_parse_date(const char *s, size_t n, int64_t *out_s);
/* Seconds since the epoch of a proleptic Gregorian date at 00:00 UTC (no range check). */
int64_t crk_time_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL) for Unix seconds `t`. */
void crk_time_format(int64_t t, char buf[21]);

#endif
