/*
 * cvss4.c - CVSS v4.0 vectors (include/crakit/cvss.h).
 *
 * Specification: FIRST, "CVSS v4.0 Specification Document" (§2-§5 metrics, §6 rating scale, §7
 * vector string, §8 scoring: MacroVectors EQ1-EQ6, the MacroVector score table, and the
 * interpolation between a vector's MacroVector and the next lower ones). The algorithm and its
 * constants follow FIRST's reference calculator (github.com/FIRSTdotorg/cvss-v4-calculator,
 * cvss_score.js: cvss_score(), macroVector(); max_composed.js, max_severity.js), operation for
 * operation in double precision so that ties round the same way; the MacroVector table is
 * generated from its cvss_lookup.js (cvss4_lookup.c, scripts/gen-cvss4-lookup.py).
 *
 *   - A metric's effective value: its Modified (M*) value when given and not X; E:X (or absent)
 *     counts as E:A, CR/IR/AR:X as H (the worst case, §8.3).
 *   - Score 0 when no impact at all (VC, VI, VA, SC, SI, SA all N).
 *   - Else: the MacroVector's table score, minus the mean over EQ1, EQ2, EQ3+EQ6, EQ4, EQ5 of
 *     (score drop to the next lower MacroVector) x (the vector's severity distance from the
 *     MacroVector's highest vector / the MacroVector's depth); EQs without a lower MacroVector
 *     are left out of the mean; EQ5 always contributes 0. Clamped to [0, 10], rounded half up to
 *     one decimal after adding 1e-6 (the reference calculator's guard against a sum landing one
 *     ulp under an x.x5 tie).
 * `base` is the CVSS-B score (threat and environmental metrics ignored); `score` the score of
 * the whole vector, named CVSS-B, -BT, -BE or -BTE (§1.3). Supplemental metrics (S, AU, R, V,
 * RE, U) are validated and do not change the score.
 * Departure: any metric order is accepted (the specification fixes one); every base metric must
 * be present once.
 */
#include <math.h>
#include <string.h>

#include "formats/cvss_impl.h"
#include "base/banned.h"

enum {
	AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA,			 /* base */
	E,								 /* threat */
	CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA, /* environmental */
	SS, AU, RR, VV, RE, UU,						 /* supplemental */
	NMETRICS
};

static const char *const v_av[] = {"N", "A", "L", "P", NULL};
static const char *const v_ac[] = {"L", "H", NULL};
static const char *const v_at[] = {"N", "P", NULL};
static const char *const v_pr[] = {"N", "L", "H", NULL};
static const char *const v_ui[] = {"N", "P", "A", NULL};
static const char *const v_hln[] = {"H", "L", "N", NULL};
static const char *const v_e[] = {"X", "A", "P", "U", NULL};
static const char *const v_req[] = {"X", "H", "M", "L", NULL};
static const char *const v_mav[] = {"X", "N", "A", "L", "P", NULL};
static const char *const v_mac[] = {"X", "L", "H", NULL};
static const char *const v_mat[] = {"X", "N", "P", NULL};
static const char *const v_mpr[] = {"X", "N", "L", "H", NULL};
static const char *const v_mui[] = {"X", "N", "P", "A", NULL};
static const char *const v_mhln[] = {"X", "H", "L", "N", NULL};
static const char *const v_msi[] = {"X", "S", "H", "L", "N", NULL};
static const char *const v_s[] = {"X", "N", "P", NULL};
static const char *const v_au[] = {"X", "N", "Y", NULL};
static const char *const v_r[] = {"X", "A", "U", "I", NULL};
static const char *const v_v[] = {"X", "D", "C", NULL};
static const char *const v_re[] = {"X", "L", "M", "H", NULL};
static const char *const v_u[] = {"X", "Clear", "Green", "Amber", "Red", NULL};

static const struct crk_cvss__metric v4_metrics[NMETRICS] = {
	[AV] = {"AV", v_av, 1},	   [AC] = {"AC", v_ac, 1},    [AT] = {"AT", v_at, 1},
	[PR] = {"PR", v_pr, 1},	   [UI] = {"UI", v_ui, 1},    [VC] = {"VC", v_hln, 1},
	[VI] = {"VI", v_hln, 1},   [VA] = {"VA", v_hln, 1},   [SC] = {"SC", v_hln, 1},
	[SI] = {"SI", v_hln, 1},   [SA] = {"SA", v_hln, 1},   [E] = {"E", v_e, 0},
	[CR] = {"CR", v_req, 0},   [IR] = {"IR", v_req, 0},   [AR] = {"AR", v_req, 0},
	[MAV] = {"MAV", v_mav, 0}, [MAC] = {"MAC", v_mac, 0}, [MAT] = {"MAT", v_mat, 0},
	[MPR] = {"MPR", v_mpr, 0}, [MUI] = {"MUI", v_mui, 0}, [MVC] = {"MVC", v_mhln, 0},
	[MVI] = {"MVI", v_mhln, 0}, [MVA] = {"MVA", v_mhln, 0}, [MSC] = {"MSC", v_mhln, 0},
	[MSI] = {"MSI", v_msi, 0}, [MSA] = {"MSA", v_msi, 0}, [SS] = {"S", v_s, 0},
	[AU] = {"AU", v_au, 0},	   [RR] = {"R", v_r, 0},      [VV] = {"V", v_v, 0},
	[RE] = {"RE", v_re, 0},	   [UU] = {"U", v_u, 0},
};

/* The effective values (one letter each) of the metrics the score uses. */
struct eff {
	char av, ac, at, pr, ui, vc, vi, va, sc, si, sa, e, cr, ir, ar;
};

static char letter(const int *m, int i)
{
	return m[i] < 0 ? 'X' : v4_metrics[i].values[m[i]][0];
}

static char pick(const int *m, int base, int mod)
{
	char x = letter(m, mod);
	return x != 'X' ? x : letter(m, base);
}

static void effective(const int *m, int with_env, struct eff *f)
{
	int none[NMETRICS];
	if (!with_env) { /* CVSS-B: only the base metrics */
		int i;
		for (i = 0; i < NMETRICS; i++)
			none[i] = i <= SA ? m[i] : -1;
		m = none;
	}
	f->av = pick(m, AV, MAV);
	f->ac = pick(m, AC, MAC);
	f->at = pick(m, AT, MAT);
	f->pr = pick(m, PR, MPR);
	f->ui = pick(m, UI, MUI);
	f->vc = pick(m, VC, MVC);
	f->vi = pick(m, VI, MVI);
	f->va = pick(m, VA, MVA);
	f->sc = pick(m, SC, MSC);
	f->si = pick(m, SI, MSI);
	f->sa = pick(m, SA, MSA);
	f->e = letter(m, E) == 'X' ? 'A' : letter(m, E);
	f->cr = letter(m, CR) == 'X' ? 'H' : letter(m, CR);
	f->ir = letter(m, IR) == 'X' ? 'H' : letter(m, IR);
	f->ar = letter(m, AR) == 'X' ? 'H' : letter(m, AR);
}

/* The MacroVector (cvss_score.js macroVector()). */
static void macro(const struct eff *f, int eq[6])
{
	int avn = f->av == 'N', prn = f->pr == 'N', uin = f->ui == 'N';
	if (avn && prn && uin)
		eq[0] = 0;
	else if ((avn || prn || uin) && f->av != 'P')
		eq[0] = 1;
	else
		eq[0] = 2;
	eq[1] = f->ac == 'L' && f->at == 'N' ? 0 : 1;
	if (f->vc == 'H' && f->vi == 'H')
		eq[2] = 0;
	else if (f->vc == 'H' || f->vi == 'H' || f->va == 'H')
		eq[2] = 1;
	else
		eq[2] = 2;
	if (f->si == 'S' || f->sa == 'S')
		eq[3] = 0;
	else if (f->sc == 'H' || f->si == 'H' || f->sa == 'H')
		eq[3] = 1;
	else
		eq[3] = 2;
	eq[4] = f->e == 'A' ? 0 : f->e == 'P' ? 1 : 2;
	eq[5] = (f->cr == 'H' && f->vc == 'H') || (f->ir == 'H' && f->vi == 'H') ||
				(f->ar == 'H' && f->va == 'H')
			? 0
			: 1;
}

/* The table score, or NAN where the MacroVector does not exist. */
static double lookup(int e1, int e2, int e3, int e4, int e5, int e6)
{
	int s;
	if (e1 < 0 || e1 > 2 || e2 < 0 || e2 > 1 || e3 < 0 || e3 > 2 || e4 < 0 || e4 > 2 ||
	    e5 < 0 || e5 > 2 || e6 < 0 || e6 > 1)
		return NAN;
	s = crk_cvss4__lookup[e1][e2][e3][e4][e5][e6];
	return s < 0 ? NAN : (double)s / 10.0;
}

/* Severity levels of the reference calculator (AV_levels ...). */
static double lv(char metric, char v)
{
	switch (metric) {
	case 'a': /* AV */
		return v == 'N' ? 0.0 : v == 'A' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	case 'p': /* PR */
		return v == 'N' ? 0.0 : v == 'L' ? 0.1 : 0.2;
	case 'u': /* UI */
		return v == 'N' ? 0.0 : v == 'P' ? 0.1 : 0.2;
	case 'c': /* AC */
		return v == 'L' ? 0.0 : 0.1;
	case 't': /* AT */
		return v == 'N' ? 0.0 : 0.1;
	case 'v': /* VC VI VA */
		return v == 'H' ? 0.0 : v == 'L' ? 0.1 : 0.2;
	case 's': /* SC */
		return v == 'H' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	case 'i': /* SI SA */
		return v == 'S' ? 0.0 : v == 'H' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	case 'r': /* CR IR AR */
		return v == 'H' ? 0.0 : v == 'M' ? 0.1 : 0.2;
	}
	return 0.0;
}

/* Highest-severity vectors of each MacroVector level (max_composed.js). */
static const char *const max_eq1[3][3] = {{"NNN"}, {"ANN", "NLN", "NNP"}, {"PNN", "ALP"}};
static const char *const max_eq2[2][2] = {{"LN"}, {"HN", "LP"}};
/* [eq3][eq6]: VC VI VA CR IR AR */
static const char *const max_eq36[3][2][5] = {
	{{"HHHHHH"}, {"HHLMMH", "HHHMMM"}},
	{{"LHHHHH", "HLHHHH"}, {"LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM"}},
	{{NULL}, {"LLLHHH"}},
};
static const char *const max_eq4[3] = {"HSS", "HHH", "LLL"};
/* Depths of the MacroVectors (max_severity.js). */
static const int depth_eq1[3] = {1, 4, 5};
static const int depth_eq2[2] = {1, 2};
static const int depth_eq36[3][2] = {{7, 6}, {8, 8}, {0, 10}};
static const int depth_eq4[3] = {6, 5, 4};

static double score_of(const struct eff *f)
{
	int eq[6], a, b, c, n = 0;
	double value, l1, l2, l36, l4, l5, d_av = 0, d_pr = 0, d_ui = 0, d_ac = 0, d_at = 0,
					      d_vc = 0, d_vi = 0, d_va = 0, d_sc = 0, d_si = 0,
					      d_sa = 0, d_cr = 0, d_ir = 0, d_ar = 0;
	double n1 = 0, n2 = 0, n36 = 0, n4 = 0, n5 = 0, mean, step = 0.1;

	if (f->vc == 'N' && f->vi == 'N' && f->va == 'N' && f->sc == 'N' && f->si == 'N' &&
	    f->sa == 'N')
		return 0.0;
	macro(f, eq);
	value = lookup(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]);
	l1 = lookup(eq[0] + 1, eq[1], eq[2], eq[3], eq[4], eq[5]);
	l2 = lookup(eq[0], eq[1] + 1, eq[2], eq[3], eq[4], eq[5]);
	if (eq[2] == 0 && eq[5] == 0) {
		double left = lookup(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1);
		double right = lookup(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);
		l36 = left > right ? left : right;
	} else if (eq[2] == 1 && eq[5] == 0) {
		l36 = lookup(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5] + 1);
	} else if (eq[5] == 1 && eq[2] < 2) {
		l36 = lookup(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5]);
	} else {
		l36 = lookup(eq[0], eq[1], eq[2] + 1, eq[3], eq[4], eq[5] + 1);
	}
	l4 = lookup(eq[0], eq[1], eq[2], eq[3] + 1, eq[4], eq[5]);
	l5 = lookup(eq[0], eq[1], eq[2], eq[3], eq[4] + 1, eq[5]);

	/* The first highest vector (in the calculator's nesting order) that the vector does
	 * not exceed anywhere; if none, the distances of the last one tried stand. */
	for (a = 0; a < 3 && max_eq1[eq[0]][a]; a++)
		for (b = 0; b < 2 && max_eq2[eq[1]][b]; b++)
			for (c = 0; c < 5 && max_eq36[eq[2]][eq[5]][c]; c++) {
				const char *m1 = max_eq1[eq[0]][a], *m2 = max_eq2[eq[1]][b];
				const char *m36 = max_eq36[eq[2]][eq[5]][c], *m4 = max_eq4[eq[3]];
				d_av = lv('a', f->av) - lv('a', m1[0]);
				d_pr = lv('p', f->pr) - lv('p', m1[1]);
				d_ui = lv('u', f->ui) - lv('u', m1[2]);
				d_ac = lv('c', f->ac) - lv('c', m2[0]);
				d_at = lv('t', f->at) - lv('t', m2[1]);
				d_vc = lv('v', f->vc) - lv('v', m36[0]);
				d_vi = lv('v', f->vi) - lv('v', m36[1]);
				d_va = lv('v', f->va) - lv('v', m36[2]);
				d_sc = lv('s', f->sc) - lv('s', m4[0]);
				d_si = lv('i', f->si) - lv('i', m4[1]);
				d_sa = lv('i', f->sa) - lv('i', m4[2]);
				d_cr = lv('r', f->cr) - lv('r', m36[3]);
				d_ir = lv('r', f->ir) - lv('r', m36[4]);
				d_ar = lv('r', f->ar) - lv('r', m36[5]);
				if (d_av < 0 || d_pr < 0 || d_ui < 0 || d_ac < 0 || d_at < 0 ||
				    d_vc < 0 || d_vi < 0 || d_va < 0 || d_sc < 0 || d_si < 0 ||
				    d_sa < 0 || d_cr < 0 || d_ir < 0 || d_ar < 0)
					continue;
				goto found;
			}
found:
	if (!isnan(value - l1)) {
		n++;
		n1 = (value - l1) * ((d_av + d_pr + d_ui) / (depth_eq1[eq[0]] * step));
	}
	if (!isnan(value - l2)) {
		n++;
		n2 = (value - l2) * ((d_ac + d_at) / (depth_eq2[eq[1]] * step));
	}
	if (!isnan(value - l36)) {
		n++;
		n36 = (value - l36) * ((d_vc + d_vi + d_va + d_cr + d_ir + d_ar) /
				       (depth_eq36[eq[2]][eq[5]] * step));
	}
	if (!isnan(value - l4)) {
		n++;
		n4 = (value - l4) * ((d_sc + d_si + d_sa) / (depth_eq4[eq[3]] * step));
	}
	if (!isnan(value - l5)) {
		n++;
		n5 = (value - l5) * 0;
	}
	mean = n == 0 ? 0 : (n1 + n2 + n36 + n4 + n5) / n;
	value -= mean;
	if (value < 0)
		value = 0.0;
	if (value > 10)
		value = 10.0;
	return floor((value + 1e-6) * 10 + 0.5) / 10;
}

int crk_cvss4_score(const char *v, size_t len, struct crk_cvss_score *out, struct crk_err *err)
{
	int m[NMETRICS], rc, i, threat = 0, env = 0;
	struct eff f;

	memset(out, 0, sizeof(*out));
	if (len > CRK_CVSS_MAX_LEN)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
				   "CVSS vector is %zu bytes long, the limit is %d", len,
				   CRK_CVSS_MAX_LEN);
	if (len < 9 || memcmp(v, "CVSS:4.0/", 9) != 0) {
		char b[16];
		size_t k, n = len < 9 ? len : 9;
		for (k = 0; k < n; k++)
			b[k] = (v[k] >= 0x20 && v[k] < 0x7f) ? v[k] : '?';
		b[n] = '\0';
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "not a CVSS v4 vector: unknown version prefix '%s' (expected "
				   "'CVSS:4.0/')",
				   b);
	}
	if ((rc = crk_cvss__parse("CVSS:4.0", v4_metrics, NMETRICS, v + 9, len - 9, m, err)) !=
	    CRK_OK)
		return rc;
	threat = m[E] > 0;
	for (i = CR; i <= MSA; i++)
		env |= m[i] > 0;
	effective(m, 0, &f);
	out->base = score_of(&f);
	effective(m, 1, &f);
	out->score = score_of(&f);
	out->version = CRK_CVSS_V4_0;
	out->temporal = -1;
	out->environmental = -1;
	out->rating = crk_cvss_rating_of(out->score);
	{
		const char *nm = threat && env ? "CVSS-BTE"
				 : threat      ? "CVSS-BT"
				 : env	       ? "CVSS-BE"
					       : "CVSS-B";
		memcpy(out->nomenclature, nm, strlen(nm) + 1);
	}
	return CRK_OK;
}
