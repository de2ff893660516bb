/*
 * vexio.h - helpers shared by the VEX and scan-report readers and writers of src/formats/
 * (openvex.c, cdx_vex.c, scan_*.c): RFC 3339 times, content-derived identifiers, and finding
 * where in a JSON buffer a value was written (jansson keeps no positions), so a semantic error
 * can still say path:line:col.
 */
#ifndef CRK_FORMATS_VEXIO_H
#define CRK_FORMATS_VEXIO_H

#include <stddef.h>
#include <stdint.h>

/* Parses an RFC 3339 date-time ("2023-01-08T18:02:03.647787998-06:00", "...Z"; fractional
 * seconds ignored) or a plain date "2021-12-10" (midnight UTC). Returns 0 and sets *out
 * (seconds since the epoch, UTC), or -1. */
int crk_vexio__parse_time(const char *s, int64_t *out);
/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into out (NUL-terminated). */
void crk_vexio__format_time(int64_t t, char out[32]);
/* Writes t as "YYYY-MM-DD". */
void crk_vexio__format_date(int64_t t, char out[16]);
/* A lowercase RFC 4122-shaped UUID (version 5 form) derived from `n` bytes: the same bytes
 * give the same UUID. */
void crk_vexio__uuid(const void *p, size_t n, char out[37]);
/*
 * Finds the `occurrence`-th (0-based) place where member `key` has the string value `value`
 * (`"key" : "value"`, JSON escapes in the buffer compared as written) and sets *line and *col to
 * the value's position; when `value` is NULL, the key's own position. 0 when found, -1 when not
 * (line/col then 0).
 */
int crk_vexio__locate(const char *buf, size_t len, const char *key, const char *value,
		      size_t occurrence, unsigned *line, unsigned *col);

#endif
