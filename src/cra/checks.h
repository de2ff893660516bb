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
	/* The latest release of the product in the store (checks_store.c); rel_desc NULL when
	 * none was read. Documents are arena copies, NULL when the release has none. */
	const char *rel_desc, *rel_version, *rel_sbom, *rel_findings;
	size_t rel_sbom_len, rel_findings_len;
	void *vex;            /* struct crk_vex_set of the store's decisions, loaded on first use */
	int vex_loaded;
	const char *rel_none; /* an explicit store without a release of the product: what was
			       * looked at, for the checks to say; else NULL */
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

/* checks_store.c: reads the latest release of the product from o->store (if any) into the
 * rel_ fields. A store that cannot be read is said in rel_none, not failed. CRK_ENOMEM only. */
int crk_cra__load_release(struct crk_checkrun *run, struct crk_err *err);
/* checks_store.c: the current VEX decision from the store for a finding (ids: its advisory
 * id and aliases; purl: its component; product: the scanned product's name), made on or
 * before the assessment day ("not_affected", ...); NULL when none or no store. *suppresses:
 * the decision takes the finding out (not_affected, fixed). Sets run->nomem on ENOMEM. */
const char *crk_cra__vex_decision(struct crk_checkrun *run, const char *const *ids, size_t nids,
				  const char *purl, const char *product, int *suppresses);
/* Frees what crk_cra__vex_decision() loaded. */
void crk_cra__vex_release(struct crk_checkrun *run);

/* Runs every check. CRK_ENOMEM, or an error reading --sbom / --findings (err says which). */
int crk_cra__run_checks(struct crk_checkrun *run, struct crk_err *err);
/* The check with that id in a run, or NULL. */
const struct crk_cra_check *crk_cra__check(const struct crk_checkrun *run, const char *id);

#endif
