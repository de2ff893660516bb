/*
 * epss.h - FIRST EPSS score files (https://www.first.org/epss/data_stats): CSV, one row per
 * CVE, after an optional first line of metadata:
 *     #model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000
 *     cve,epss,percentile
 *     CVE-1999-0001,0.0046,0.7385
 * Columns are found by their header names (in any order; extra columns ignored). Not API:
 * src/vulndb/ uses it. Gzip is undone by the caller (src/vulndb/import.c).
 */
#ifndef CRK_FORMATS_EPSS_H
#define CRK_FORMATS_EPSS_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

#define CRK_EPSS_MAX_ROWS ((size_t)8 << 20)

struct crk_epss_meta {
	char model[32];   /* model_version, "" when absent */
	char date[11];    /* score date YYYY-MM-DD, "" when absent */
	int64_t date_s;   /* the score date, Unix seconds at 00:00 UTC; 0 when absent */
	size_t rows;      /* score rows read */
};

/* Called per row: `cve` (not NUL-terminated) is a CVE id checked against
 * ^CVE-[0-9]{4}-[0-9]{4,19}$; score and percentile are in [0, 1]. Return 0 to go on, or a
 * negative status to stop (returned by crk_epss_parse). */
typedef int (*crk_epss_row_fn)(void *ud, const char *cve, size_t cvelen, double score,
			       double percentile, unsigned line);

/* 1 when (buf, len) starts like an EPSS file ("#model_version:" or a "cve,epss" header). */
int crk_epss_sniff(const char *buf, size_t len);

/* Parses (buf, len). Errors: CRK_EPARSE with path:line:col of the first bad field (a missing
 * column, a malformed CVE id, a number outside [0, 1]), CRK_ELIMIT past CRK_EPSS_MAX_ROWS or
 * CRK_MAX_LINE. A file with no score rows is CRK_EPARSE (an empty download is never an empty
 * list of scores). */
int crk_epss_parse(const char *buf, size_t len, const char *path, struct crk_epss_meta *meta,
		   crk_epss_row_fn fn, void *ud, struct crk_err *err);

#endif
