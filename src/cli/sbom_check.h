/*
 * sbom_check.h - what `crakit sbom check` (cmd_sbom_check.c) shares with `crakit sbom
 * --profile` (cmd_sbom.c): printing which components lack which field.
 */
#ifndef CRK_CLI_SBOM_CHECK_H
#define CRK_CLI_SBOM_CHECK_H

#include <stdio.h>

#include "crakit/sbomcheck.h"

/* One line per required field some component lacks: "  <name> (section): N of M components,
 * e.g. a, b, c and N more" (at most `shown` names each; 0 lists them all), with `indent`. */
void crk_cli_print_gaps(FILE *f, const struct crk_check_report *r, size_t shown,
			const char *indent);
/* Every gap, one per line: "<component>\t<field id>\t<field name>" (for --profile-report). */
void crk_cli_print_all_gaps(FILE *f, const struct crk_check_report *r);

#endif
