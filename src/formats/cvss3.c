/*
 * cvss3.c - CVSS v3.0 and v3.1 vectors (include/crakit/cvss.h), the shared vector parser and
 * the rating scale.
 *
 * Specification: FIRST, "CVSS v3.1: Specification Document" (§2-§4 metrics, §5 rating scale,
 * §6 vector string, §7.1-7.4 formulas and weights, Appendix A "Floating Point Rounding") and
 * "CVSS v3.0: Specification Document" §8. Scores:
 *   ISS = 1 - (1-C)(1-I)(1-A); Impact = 6.42 ISS (S:U) or 7.52 (ISS-0.029) - 3.25 (ISS-0.02)^15
 *   (S:C); Exploitability = 8.22 AV AC PR UI; Base = 0 when Impact <= 0, else
 *   Roundup(min(Impact + Exploitability, 10)), times 1.08 inside the min when S:C.
 *   Temporal = Roundup(Base E RL RC).
 *   MISS = min(1 - (1-CR MC)(1-IR MI)(1-AR MA), 0.915); ModifiedImpact = 6.42 MISS (MS:U) or
 *   7.52 (MISS-0.029) - 3.25 (MISS 0.9731 - 0.02)^13 (MS:C; v3.0: (MISS-0.02)^15); Environmental
 *   = 0 when ModifiedImpact <= 0, else Roundup(Roundup(min([1.08] (MI + ME), 10)) E RL RC).
 *   Roundup: v3.1 Appendix A (integer arithmetic on x * 100000, so 4.000000000000001 is 4.0);
 *   v3.0 the plain ceiling to one decimal.
 * Departure: the specification lists metrics in a fixed order; like FIRST's calculators we
 * accept any order (advisories are not always tidy), but every base metric must be there, once.
 */
#include <math.h>
#include <string.h>

#include "formats/cvss_impl.h"
#include "base/banned.h"

/* ---- shared ---- */

enum crk_cvss_rating crk_cvss_rating_of(double s)
{
	if (s <= 0.0)
		return CRK_CVSS_RATING_NONE;
	if (s < 4.0)
		return CRK_CVSS_RATING_LOW;
	if (s < 7.0)
		return CRK_CVSS_RATING_MEDIUM;
	if (s < 9.0)
		return CRK_CVSS_RATING_HIGH;
	return CRK_CVSS_RATING_CRITICAL;
}

const char *crk_cvss_rating_str(enum crk_cvss_rating r)
{
	switch (r) {
	case CRK_CVSS_RATING_NONE:
		return "none";
	case CRK_CVSS_RATING_LOW:
		return "low";
	case CRK_CVSS_RATING_MEDIUM:
		return "medium";
	case CRK_CVSS_RATING_HIGH:
		return "high";
	case CRK_CVSS_RATING_CRITICAL:
		return "critical";
	}
	return "unknown";
}

/* Quotes s[0..n) for a message: printable ASCII kept, the rest as '?', cut at 40 bytes. */
static void q(char *buf, size_t size, const char *s, size_t n)
{
	size_t i, o = 0;
	for (i = 0; i < n && o + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		buf[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
		if (i == 40 && i + 1 < n) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
	}
	buf[o] = '\0';
}

int crk_cvss__parse(const char *label, const struct crk_cvss__metric *defs, size_t ndefs,
		    const char *body, size_t len, int *out, struct crk_err *err)
{
	size_t i, pos = 0;
	char a[64], b[64];

	for (i = 0; i < ndefs; i++)
		out[i] = -1;
	if (len == 0)
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "%s vector: no metrics", label);
	while (pos <= len) {
		const char *tok = body + pos, *colon, *val;
		size_t tlen = 0, klen, vlen, d, v;
		while (pos + tlen < len && body[pos + tlen] != '/')
			tlen++;
		if (tlen == 0)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: empty metric at offset %zu (a stray '/')",
					   label, pos);
		colon = memchr(tok, ':', tlen);
		if (!colon) {
			q(a, sizeof(a), tok, tlen);
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: '%s' is not METRIC:VALUE", label, a);
		}
		klen = (size_t)(colon - tok);
		val = colon + 1;
		vlen = tlen - klen - 1;
		for (d = 0; d < ndefs; d++)
			if (strlen(defs[d].key) == klen && memcmp(defs[d].key, tok, klen) == 0)
				break;
		q(a, sizeof(a), tok, klen);
		if (d == ndefs)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "%s vector: unknown metric '%s'",
					   label, a);
		if (out[d] >= 0)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: metric '%s' given twice", label, a);
		for (v = 0; defs[d].values[v]; v++)
			if (strlen(defs[d].values[v]) == vlen &&
			    memcmp(defs[d].values[v], val, vlen) == 0)
				break;
		if (!defs[d].values[v]) {
			q(b, sizeof(b), val, vlen);
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: metric '%s' has unknown value '%s'", label, a, b);
		}
		out[d] = (int)v;
		pos += tlen + 1;
		if (pos == len + 1)
			break;
		if (pos == len)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: ends with '/'", label);
	}
	for (i = 0; i < ndefs; i++)
		if (defs[i].required && out[i] < 0)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "%s vector: metric '%s' is missing", label, defs[i].key);
	return CRK_OK;
}

int crk_cvss_score(const char *v, size_t len, struct crk_cvss_score *out, struct crk_err *err)
{
	char buf[16];
	memset(out, 0, sizeof(*out));
	if (!v)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "no CVSS vector");
	if (len >= 9 && memcmp(v, "CVSS:3.", 7) == 0)
		return crk_cvss3_score(v, len, out, err);
	if (len >= 9 && memcmp(v, "CVSS:4.", 7) == 0)
		return crk_cvss4_score(v, len, out, err);
	q(buf, sizeof(buf), v, len < 9 ? len : 9);
	return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
			   "not a CVSS v3.x or v4.0 vector: it starts with '%s', not 'CVSS:3.0/', "
			   "'CVSS:3.1/' or 'CVSS:4.0/'",
			   buf);
}

/* ---- v3 ---- */

enum {
	AV, AC, PR, UI, S, C, I, A,	       /* base */
	E, RL, RC,			       /* temporal */
	CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA, /* environmental */
	NMETRICS
};

static const char *const v_av[] = {"N", "A", "L", "P", NULL};
static const char *const v_ac[] = {"L", "H", NULL};
static const char *const v_pr[] = {"N", "L", "H", NULL};
static const char *const v_ui[] = {"N", "R", NULL};
static const char *const v_s[] = {"U", "C", NULL};
static const char *const v_cia[] = {"H", "L", "N", NULL};
static const char *const v_e[] = {"X", "H", "F", "P", "U", NULL};
static const char *const v_rl[] = {"X", "U", "W", "T", "O", NULL};
static const char *const v_rc[] = {"X", "C", "R", "U", NULL};
static const char *const v_req[] = {"X", "H", "M", "L", NULL};
static const char *const v_mav[] = {"X", "N", "A", "L", "P", NULL};
static const char *const v_mac[] = {"X", "L", "H", NULL};
static const char *const v_mpr[] = {"X", "N", "L", "H", NULL};
static const char *const v_mui[] = {"X", "N", "R", NULL};
static const char *const v_ms[] = {"X", "U", "C", NULL};
static const char *const v_mcia[] = {"X", "H", "L", "N", NULL};

static const struct crk_cvss__metric v3_metrics[NMETRICS] = {
	[AV] = {"AV", v_av, 1},	    [AC] = {"AC", v_ac, 1},	[PR] = {"PR", v_pr, 1},
	[UI] = {"UI", v_ui, 1},	    [S] = {"S", v_s, 1},	[C] = {"C", v_cia, 1},
	[I] = {"I", v_cia, 1},	    [A] = {"A", v_cia, 1},	[E] = {"E", v_e, 0},
	[RL] = {"RL", v_rl, 0},	    [RC] = {"RC", v_rc, 0},	[CR] = {"CR", v_req, 0},
	[IR] = {"IR", v_req, 0},    [AR] = {"AR", v_req, 0},	[MAV] = {"MAV", v_mav, 0},
	[MAC] = {"MAC", v_mac, 0},  [MPR] = {"MPR", v_mpr, 0},	[MUI] = {"MUI", v_mui, 0},
	[MS] = {"MS", v_ms, 0},	    [MC] = {"MC", v_mcia, 0},	[MI] = {"MI", v_mcia, 0},
	[MA] = {"MA", v_mcia, 0},
};

/* Weights (v3.1 §7.4), by value index. */
static const double w_av[] = {0.85, 0.62, 0.55, 0.2};
static const double w_ac[] = {0.77, 0.44};
static const double w_pr_u[] = {0.85, 0.62, 0.27};
static const double w_pr_c[] = {0.85, 0.68, 0.5};
static const double w_ui[] = {0.85, 0.62};
static const double w_cia[] = {0.56, 0.22, 0};
static const double w_e[] = {1, 1, 0.97, 0.94, 0.91};
static const double w_rl[] = {1, 1, 0.97, 0.96, 0.95};
static const double w_rc[] = {1, 1, 0.96, 0.92};
static const double w_req[] = {1, 1.5, 1, 0.5};

/* v3.1 Appendix A. */
static double roundup31(double x)
{
	long long i = llround(x * 100000.0);
	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (floor((double)i / 10000.0) + 1.0) / 10.0;
}

static double roundup30(double x)
{
	return ceil(x * 10.0) / 10.0;
}

static double roundup(int v31, double x)
{
	return v31 ? roundup31(x) : roundup30(x);
}

int crk_cvss3_score(const char *v, size_t len, struct crk_cvss_score *out, struct crk_err *err)
{
	int m[NMETRICS], v31, rc, changed, mchanged, have_t = 0, have_e = 0, i;
	const char *label;
	double iss, impact, expl, base, t, miss, mimpact, mexpl, env, tmul;
	int mav, mac, mpr, mui, mc, mi, ma;

	memset(out, 0, sizeof(*out));
	if (len > CRK_CVSS_MAX_LEN)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
				   "CVSS vector is %zu bytes long, the limit is %d", len,
				   CRK_CVSS_MAX_LEN);
	if (len >= 9 && memcmp(v, "CVSS:3.1/", 9) == 0) {
		v31 = 1, label = "CVSS:3.1";
	} else if (len >= 9 && memcmp(v, "CVSS:3.0/", 9) == 0) {
		v31 = 0, label = "CVSS:3.0";
	} else {
		char b[16];
		q(b, sizeof(b), v, len < 9 ? len : 9);
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "not a CVSS v3 vector: unknown version prefix '%s' (expected "
				   "'CVSS:3.0/' or 'CVSS:3.1/')",
				   b);
	}
	if ((rc = crk_cvss__parse(label, v3_metrics, NMETRICS, v + 9, len - 9, m, err)) != CRK_OK)
		return rc;

	/* Base (§7.1). */
	changed = m[S] == 1;
	iss = 1.0 - (1.0 - w_cia[m[C]]) * (1.0 - w_cia[m[I]]) * (1.0 - w_cia[m[A]]);
	impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
	expl = 8.22 * w_av[m[AV]] * w_ac[m[AC]] * (changed ? w_pr_c : w_pr_u)[m[PR]] *
	       w_ui[m[UI]];
	if (impact <= 0)
		base = 0;
	else if (changed)
		base = roundup(v31, fmin(1.08 * (impact + expl), 10.0));
	else
		base = roundup(v31, fmin(impact + expl, 10.0));

	/* Temporal (§7.2). */
	for (i = E; i <= RC; i++)
		have_t |= m[i] >= 0;
	tmul = w_e[m[E] < 0 ? 0 : m[E]] * w_rl[m[RL] < 0 ? 0 : m[RL]] * w_rc[m[RC] < 0 ? 0 : m[RC]];
	t = roundup(v31, base * tmul);

	/* Environmental (§7.3): X or absent modified metrics take the base value. */
	for (i = CR; i < NMETRICS; i++)
		have_e |= m[i] >= 0;
	mav = m[MAV] > 0 ? m[MAV] - 1 : m[AV];
	mac = m[MAC] > 0 ? m[MAC] - 1 : m[AC];
	mpr = m[MPR] > 0 ? m[MPR] - 1 : m[PR];
	mui = m[MUI] > 0 ? m[MUI] - 1 : m[UI];
	mchanged = m[MS] > 0 ? m[MS] == 2 : changed;
	mc = m[MC] > 0 ? m[MC] - 1 : m[C];
	mi = m[MI] > 0 ? m[MI] - 1 : m[I];
	ma = m[MA] > 0 ? m[MA] - 1 : m[A];
	miss = fmin(1.0 - (1.0 - w_req[m[CR] < 0 ? 0 : m[CR]] * w_cia[mc]) *
				  (1.0 - w_req[m[IR] < 0 ? 0 : m[IR]] * w_cia[mi]) *
				  (1.0 - w_req[m[AR] < 0 ? 0 : m[AR]] * w_cia[ma]),
		    0.915);
	if (!mchanged)
		mimpact = 6.42 * miss;
	else if (v31)
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13);
	else
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
	mexpl = 8.22 * w_av[mav] * w_ac[mac] * (mchanged ? w_pr_c : w_pr_u)[mpr] * w_ui[mui];
	if (mimpact <= 0)
		env = 0;
	else if (mchanged)
		env = roundup(v31, roundup(v31, fmin(1.08 * (mimpact + mexpl), 10.0)) * tmul);
	else
		env = roundup(v31, roundup(v31, fmin(mimpact + mexpl, 10.0)) * tmul);

	out->version = v31 ? CRK_CVSS_V3_1 : CRK_CVSS_V3_0;
	out->base = base;
	out->temporal = have_t ? t : -1;
	out->environmental = have_e ? env : -1;
	out->score = have_e ? env : have_t ? t : base;
	out->rating = crk_cvss_rating_of(out->score);
	memcpy(out->nomenclature, label, strlen(label) + 1);
	return CRK_OK;
}
