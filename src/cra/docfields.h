/*
 * docfields.h - what Annexes II, V, VI and VII ask for, item by item, and how each item is
 * filled from cra.yaml, the classification and the assessment (src/cra internal). `crakit docs`
 * renders the items; `crakit assess` counts the missing ones (technical documentation
 * completeness, the EU declaration in the conformity assessment procedure).
 */
#ifndef CRK_CRA_DOCFIELDS_H
#define CRK_CRA_DOCFIELDS_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/cra.h"

enum crk_docfield_state { CRK_DF_FILLED, CRK_DF_MISSING, CRK_DF_NA };

/* What an item gets filled from. */
struct crk_docctx {
	const struct crk_cra_manifest *m;
	const struct crk_cra_classification *c; /* may be NULL */
	const char *sbom;     /* the SBOM, described ("sbom.cdx.json: CycloneDX 1.6, 42
			       * components"), or NULL when there is none */
	const char *statuses; /* Annex I status per requirement, one "- " line each, or NULL */
	struct crk_arena *a;  /* strings of the results */
};

/* One item, filled. `text` holds lines; a line starting with "- " is a list item. Missing
 * parts are "what (cra.yaml: key)" phrases. */
struct crk_docfield_value {
	const char *id, *ref, *title;
	int heading; /* a heading over sub-points: no content of its own */
	enum crk_docfield_state state;
	const char *text;
	const char **missing;
	size_t nmissing;
};

enum crk_docset_annex { CRK_ANNEX_II, CRK_ANNEX_V, CRK_ANNEX_VI, CRK_ANNEX_VII };

/* Fills every item of one Annex, in order, into *out (an arena array of *n). CRK_ENOMEM only. */
int crk_cra__docfields(enum crk_docset_annex annex, const struct crk_docctx *x,
		       struct crk_docfield_value **out, size_t *n);

/* The status of each Annex I requirement in an assessment, one "- " line each (for Annex VII
 * point 3), in `a`; NULL on ENOMEM. */
const char *crk_cra__status_lines(struct crk_arena *a, const struct crk_cra_assessment *as);

#endif
