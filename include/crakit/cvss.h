/*
 * crakit/cvss.h - CVSS vectors: parse, validate, score (DESIGN.md §5: scores are computed by
 * crakit, never trusted from an advisory's text).
 *
 *   CVSS v3.0 and v3.1: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", base metrics required,
 *     temporal (E, RL, RC) and environmental (CR, IR, AR, MAV ... MA) metrics optional; scored as
 *     the FIRST specification (https://www.first.org/cvss/v3.1/specification-document, §7 and
 *     Appendix A "Roundup"; v3.0 with its own simpler round-up and its Modified Impact formula).
 *   CVSS v4.0: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", the 11 base
 *     metrics required, threat/environmental/supplemental optional; scored with the MacroVector
 *     lookup table and the interpolation of FIRST's reference calculator
 *     (https://www.first.org/cvss/v4.0/specification-document §8, github.com/FIRSTdotorg/cvss-v4-calculator).
 *
 * Errors (err may be NULL; untouched on success):
 *   CRK_EPARSE  the vector is not valid; the message names the metric: "CVSS:3.1 vector: metric
 *               'AV' has unknown value 'X'", "... metric 'C' is missing", "... metric 'AV' given
 *               twice", "... unknown metric 'ZZ'", "... unknown version prefix 'CVSS:2.9'"
 *   CRK_ELIMIT  the vector is longer than CRK_CVSS_MAX_LEN bytes
 * Threads: every function is reentrant; nothing allocates.
 */
#ifndef CRAKIT_CVSS_H
#define CRAKIT_CVSS_H

#include <stddef.h>

#include "crakit/err.h"

#define CRK_CVSS_MAX_LEN 512

enum crk_cvss_version {
	CRK_CVSS_V3_0 = 30,
	CRK_CVSS_V3_1 = 31,
	CRK_CVSS_V4_0 = 40,
};

/* Qualitative severity rating scale (v3.1 spec §5, v4.0 spec §6: the same bands). */
enum crk_cvss_rating {
	CRK_CVSS_RATING_NONE = 0,     /* 0.0 */
	CRK_CVSS_RATING_LOW = 1,      /* 0.1 - 3.9 */
	CRK_CVSS_RATING_MEDIUM = 2,   /* 4.0 - 6.9 */
	CRK_CVSS_RATING_HIGH = 3,     /* 7.0 - 8.9 */
	CRK_CVSS_RATING_CRITICAL = 4, /* 9.0 - 10.0 */
};

/* The scores of one vector. Every score is a multiple of 0.1 in [0, 10] (rounded exactly as the
 * specification says), or -1 when it does not apply. */
struct crk_cvss_score {
	enum crk_cvss_version version;
	/* v3.x: the Base Score; v4.0: the CVSS-B score (base metrics only, threat and
	 * environmental metrics ignored). */
	double base;
	/* v3.x only: the Temporal Score when any temporal metric is given (else -1). */
	double temporal;
	/* v3.x only: the Environmental Score when any environmental metric is given (else -1). */
	double environmental;
	/* The score to show: v3.x environmental, else temporal, else base; v4.0 the score of the
	 * whole vector (CVSS-B, -BT, -BE or -BTE as `nomenclature` says). */
	double score;
	enum crk_cvss_rating rating; /* of `score` */
	/* v4.0 "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE"; v3.x "CVSS:3.1" / "CVSS:3.0". */
	char nomenclature[12];
};

/* Parses, validates and scores a vector of any supported version (by its "CVSS:x.y/" prefix).
 * `vector` is (pointer, length), not necessarily NUL-terminated. */
int crk_cvss_score(const char *vector, size_t len, struct crk_cvss_score *out,
		   struct crk_err *err);
/* The same for one version only (CRK_EPARSE when the prefix is another version). */
int crk_cvss3_score(const char *vector, size_t len, struct crk_cvss_score *out,
		    struct crk_err *err);
int crk_cvss4_score(const char *vector, size_t len, struct crk_cvss_score *out,
		    struct crk_err *err);

/* The rating of a score (v3.1 §5): NONE for 0.0, ... CRITICAL for 9.0 and above. */
enum crk_cvss_rating crk_cvss_rating_of(double score);
/* "none", "low", "medium", "high", "critical" (lowercase; "unknown" for anything else). */
const char *crk_cvss_rating_str(enum crk_cvss_rating r);

#endif
