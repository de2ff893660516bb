/*
 * checks.h - the automatic checks of `crakit assess` (src/cra internal): each reads the
 * project (one walk of its tree), cra.yaml, an SBOM and `crakit scan` results, and says what
 * it looked at and what it found. src/cra/requirements.c names, for each Annex I requirement,
 * the checks that inform it.
 */
#ifndef CRK_CRA_CHECKS_H
#define CRK_CRA_CHECKS_H

#include "base/arena.h"
#include "crakit/cra.h"

struct crk_checkrun {
	const struct crk_cra_manifest *m;
	const struct crk_cra_assess_opts *o;
	struct crk_arena *a;
	struct crk_cra_check *checks; /* every check, in the order of the table */
	size_t nchecks;
	const char *sbom;             /* the SBOM described, for the documents; or NULL */
	int nomem;
	size_t missing_evidence[CRK_CRA_NREQ]; /* evidence paths that do not exist */
};

enum crk_check_id { CRK_CHK_SBOM, CRK_CHK_EXPLOITED, CRK_CHK_CRITICAL, CRK_CHK_CONTACT,
		   CRK_CHK_POLICY, CRK_CHK_SUPPORT, CRK_CHK_CREDS, CRK_CHK_SIGNED, CRK_CHK_SEPARATE,
		   CRK_CHK_UPDATES, CRK_CHK_FREE, CRK_CHK_ADVISORIES, CRK_CHK_TESTS, CRK_CHK_RISK,
		   CRK_CHK_EVIDENCE, CRK_CHK_N };
#define CRK_CHECK_MAX_HITS 50 /* hits kept per check */

/* Sets a check's result; NULL strings (out of memory) are caught when the run ends. */
void crk_cra__check_set(struct crk_checkrun *run, enum crk_check_id id,
			enum crk_cra_check_result r, const char *looked_at, const char *detail);
/* Copies n hits into the check (arena). -1 on ENOMEM (run->nomem set). */
int crk_cra__check_hits(struct crk_checkrun *run, enum crk_check_id id, const char *const *v,
			size_t n);
/* printf into the arena; NULL on ENOMEM. */
char *crk_cra__aprintf(struct crk_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* checks_sbom.c: the SBOM check (`found`: the first SBOM file of the project, relative to it,
 * or NULL) and the checks reading `crakit scan --json` results. */
int crk_cra__check_sbom(struct crk_checkrun *run, const char *found, struct crk_err *err);
int crk_cra__check_findings(struct crk_checkrun *run, struct crk_err *err);

/* Runs every check. CRK_ENOMEM, or an error reading --sbom / --findings (err says which). */
int crk_cra__run_checks(struct crk_checkrun *run, struct crk_err *err);
/* The check with that id in a run, or NULL. */
const struct crk_cra_check *crk_cra__check(const struct crk_checkrun *run, const char *id);

#endif
