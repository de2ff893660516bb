/*
 * epss.c - FIRST EPSS CSV score files (see epss.h). The files are machine-written: no quoting,
 * no embedded commas; a quoted field is an error rather than a guess. Numbers are parsed here
 * (not with strtod, which follows the locale's decimal point).
 */
#include <string.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "formats/datetime.h"
#include "formats/epss.h"
#include "base/banned.h"

int crk_epss_sniff(const char *buf, size_t len)
{
	if (len >= 3 && (unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
	    (unsigned char)buf[2] == 0xbf) {
		buf += 3;
		len -= 3;
	}
	return crk_bytes_prefix(buf, len, "#model_version:") || crk_bytes_prefix(buf, len, "cve,epss");
}

/* A decimal in [0, 1]: digits [. digits] [e|E [+-] digits], rounded as strtod would for the
 * values EPSS writes (at most 19 significant digits: the digits as an integer, divided once
 * by an exact power of ten, is correctly rounded). 0 or -1. */
static int parse_prob(const char *s, size_t n, double *out)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,	 1e6,  1e7,
				     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	uint64_t mant = 0;
	size_t i = 0;
	int any = 0, digits = 0, scale = 0, exp = 0, eneg = 0;
	double v;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
		if (mant == 0 && s[i] == '0')
			continue;
		if (++digits > 19)
			return -1;
		mant = mant * 10 + (uint64_t)(s[i] - '0');
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
			if (mant == 0 && s[i] == '0') {
				scale++;
				continue;
			}
			if (++digits > 19)
				return -1;
			mant = mant * 10 + (uint64_t)(s[i] - '0');
			scale++;
		}
	}
	if (!any)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		int edig = 0;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, edig = 1)
			if (exp < 1000)
				exp = exp * 10 + (s[i] - '0');
		if (!edig)
			return -1;
	}
	if (i != n)
		return -1;
	scale += eneg ? exp : -exp; /* value = mant / 10^scale */
	if (mant == 0)
		v = 0.0;
	else if (scale < 0 || scale > 40)
		return -1; /* > 1, or below anything EPSS writes */
	else if (scale <= 22)
		v = (double)mant / p10[scale]; /* exact when mant <= 2^53: one rounding */
	else
		v = (double)mant / p10[22] / p10[scale - 22]; /* tiny values: rounding twice */
	if (!(v >= 0.0 && v <= 1.0))
		return -1;
	*out = v;
	return 0;
}

/* ^CVE-[0-9]{4}-[0-9]{4,19}$ */
static int cve_ok(const char *s, size_t n)
{
	size_t i;
	if (n < 13 || n > 28 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return 0;
	for (i = 4; i < n; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Reads "key:value" pairs of a '#' line. */
static void read_meta(const char *s, size_t n, struct crk_epss_meta *m)
{
	size_t i = 1;
	while (i < n) {
		size_t start = i, colon, end;
		while (i < n && s[i] != ',')
			i++;
		end = i++;
		for (colon = start; colon < end && s[colon] != ':'; colon++)
			;
		if (colon < end) {
			const char *k = s + start, *v = s + colon + 1;
			size_t kl = colon - start, vl = end - colon - 1;
			crk_bytes_trim(&k, &kl);
			crk_bytes_trim(&v, &vl);
			if (crk_bytes_eq(k, kl, "model_version") && vl < sizeof(m->model)) {
				memcpy(m->model, v, vl);
				m->model[vl] = '\0';
			} else if (crk_bytes_eq(k, kl, "score_date") && vl >= 10) {
				int64_t t;
				if (crk_time_parse_date(v, 10, &t) == 0) {
					memcpy(m->date, v, 10);
					m->date[10] = '\0';
					m->date_s = t;
				}
			}
		}
	}
}

int crk_epss_parse(const char *buf, size_t len, const char *path, struct crk_epss_meta *meta,
		   crk_epss_row_fn fn, void *ud, struct crk_err *err)
{
	struct crk_line_iter it;
	const char *line;
	size_t n;
	int ci = -1, ei = -1, pi = -1, ncols = 0, rc;

	memset(meta, 0, sizeof(*meta));
	if (len >= 3 && (unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
	    (unsigned char)buf[2] == 0xbf) {
		buf += 3;
		len -= 3;
	}
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		const char *f[8];
		size_t fl[8], i, start;
		int nf = 0;
		double score, pct;
		if (n > CRK_MAX_LINE)
			return crk_err_set(err, CRK_ELIMIT, path, it.lineno, 1,
					   "EPSS line longer than %zu bytes", CRK_MAX_LINE);
		if (n == 0)
			continue;
		if (line[0] == '#') {
			if (ci < 0)
				read_meta(line, n, meta);
			continue;
		}
		for (i = 0, start = 0; i <= n; i++) {
			if (i == n || line[i] == ',') {
				if (nf < 8) {
					f[nf] = line + start;
					fl[nf] = i - start;
				}
				nf++;
				start = i + 1;
			} else if (line[i] == '"') {
				return crk_err_set(err, CRK_EPARSE, path, it.lineno, (unsigned)i + 1,
						   "quoted field in an EPSS file");
			}
		}
		if (nf > 8)
			nf = 8;
		if (ci < 0) { /* the header */
			int j;
			for (j = 0; j < nf; j++) {
				const char *h = f[j];
				size_t hl = fl[j];
				crk_bytes_trim(&h, &hl);
				if (crk_bytes_eq(h, hl, "cve"))
					ci = j;
				else if (crk_bytes_eq(h, hl, "epss"))
					ei = j;
				else if (crk_bytes_eq(h, hl, "percentile"))
					pi = j;
			}
			if (ci < 0 || ei < 0 || pi < 0)
				return crk_err_set(err, CRK_EPARSE, path, it.lineno, 1,
						   "not an EPSS header: expected the columns cve, epss "
						   "and percentile");
			ncols = nf;
			continue;
		}
		if (nf < ncols) {
			return crk_err_set(err, CRK_EPARSE, path, it.lineno, (unsigned)n + 1,
					   "EPSS row with %d fields, the header has %d", nf, ncols);
		}
		if (fl[ci] > 0 && f[ci][fl[ci] - 1] == '\r')
			fl[ci]--;
		if (!cve_ok(f[ci], fl[ci]))
			return crk_err_set(err, CRK_EPARSE, path, it.lineno,
					   (unsigned)(f[ci] - line) + 1,
					   "'%.*s' is not a CVE id", (int)(fl[ci] > 40 ? 40 : fl[ci]),
					   f[ci]);
		if (parse_prob(f[ei], fl[ei], &score))
			return crk_err_set(err, CRK_EPARSE, path, it.lineno,
					   (unsigned)(f[ei] - line) + 1,
					   "EPSS score '%.*s' is not a number in [0, 1]",
					   (int)(fl[ei] > 40 ? 40 : fl[ei]), f[ei]);
		if (parse_prob(f[pi], fl[pi], &pct))
			return crk_err_set(err, CRK_EPARSE, path, it.lineno,
					   (unsigned)(f[pi] - line) + 1,
					   "EPSS percentile '%.*s' is not a number in [0, 1]",
					   (int)(fl[pi] > 40 ? 40 : fl[pi]), f[pi]);
		if (++meta->rows > CRK_EPSS_MAX_ROWS)
			return crk_err_set(err, CRK_ELIMIT, path, it.lineno, 1,
					   "more than %zu EPSS rows", CRK_EPSS_MAX_ROWS);
		if (fn && (rc = fn(ud, f[ci], fl[ci], score, pct, it.lineno)) != 0)
			return rc;
	}
	if (ci < 0)
		return crk_err_set(err, CRK_EPARSE, path, it.lineno ? it.lineno : 1, 1,
				   "not an EPSS file: no cve,epss,percentile header");
	if (meta->rows == 0)
		return crk_err_set(err, CRK_EPARSE, path, it.lineno, 1, "EPSS file without scores");
	return CRK_OK;
}
