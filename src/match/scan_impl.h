/*
 * scan_impl.h - what the scan report's files share (scan.c, scan_db.c and the writers in
 * src/formats/scan_*.c see the report only through crakit/scan.h; this is for src/match/).
 */
#ifndef CRK_MATCH_SCAN_IMPL_H
#define CRK_MATCH_SCAN_IMPL_H

#include "base/arena.h"
#include "crakit/match.h"
#include "crakit/scan.h"
#include "crakit/vex.h"

struct crk_scan_report_priv {
	struct crk_arena arena;        /* the report's strings */
	struct crk_findings *findings; /* owned when crk_scan_run() made them, else NULL */
	struct crk_vex_set *vex;       /* owned when set, else NULL */
};

const char *crk_scan__display_name(struct crk_arena *a, const struct crk_component *c);

#endif
