/*
 * cvss_impl.h - shared by cvss3.c, cvss4.c and cvss4_lookup.c (not API; see crakit/cvss.h).
 */
#ifndef CRK_FORMATS_CVSS_IMPL_H
#define CRK_FORMATS_CVSS_IMPL_H

#include <stddef.h>

#include "crakit/cvss.h"

/* One metric a vector may carry: its abbreviation and its values (NULL-terminated). */
struct crk_cvss__metric {
	const char *key;
	const char *const *values;
	int required; /* a base metric: must be present */
};

/* Parses the metrics of a vector after its "CVSS:x.y/" prefix: `body` is "AV:N/AC:L/...".
 * out[i] = index of the value of defs[i] in defs[i].values, or -1 when the metric is absent.
 * Any order is accepted; an empty component, an unknown metric, a metric given twice, a value
 * the metric does not have, or a required metric that is missing is CRK_EPARSE naming the
 * metric ("CVSS:3.1 vector: metric 'AV' given twice"). `label` is "CVSS:3.1". */
int crk_cvss__parse(const char *label, const struct crk_cvss__metric *defs, size_t ndefs,
		    const char *body, size_t len, int *out, struct crk_err *err);

/* The MacroVector score table of CVSS v4.0, times ten; -1 where there is none. */
extern const signed char crk_cvss4__lookup[3][2][3][3][3][2];

#endif
