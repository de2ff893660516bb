/*
 * report_cli.h - what the two files of `crakit report` share (cmd_report.c: the commands that
 * record; cmd_report_show.c: the ones that read and write documents). Not API.
 */
#ifndef CRK_CLI_REPORT_CLI_H
#define CRK_CLI_REPORT_CLI_H

#include <stdint.h>

#include "crakit/cra.h"
#include "crakit/report.h"
#include "crakit/store.h"

/* Options every subcommand takes. */
struct rep_common {
	const char *db, *now, *tz, *cra, *case_id;
};

/* Applies --tz (sets TZ for local display); prints the error and returns 2 when the zone is
 * unknown, else 0. */
int rep_apply_tz(const char *cmd, const char *tz);
/* The current time, or --now; prints and returns 2 on a bad --now. */
int rep_now(const char *cmd, const char *now, int64_t *out);
/* Parses a time argument ("now" allowed when now_ok) for option `what`; 2 on error. */
int rep_time(const char *cmd, const char *what, const char *s, int64_t now, int64_t *out);
/* Opens the store (writable: created when missing). Exit code on failure (printed). */
int rep_open_store(const char *cmd, const char *db, int write, struct crk_store **out);
/* The case to act on: --case, a positional ID, or the only open case. Exit code (printed). */
int rep_pick_case(const char *cmd, struct crk_store *s, const char *given, int64_t *id);
/* cra.yaml (--cra, else ./cra.yaml when present) into a context; *m (may stay NULL) owns the
 * strings. *versions is heap (crk_free). Exit code (printed); 0 when there is no file. */
int rep_load_context(const char *cmd, const char *path, struct crk_cra_manifest **m,
		     struct crk_report_context *ctx, char **versions);
/* Default payload path: DIR/crakit-report-ID-STAGE.EXT in a static buffer. */
const char *rep_path(const char *dir, int64_t id, const char *stage, const char *ext);
/* Writes a file; prints the error and returns 3 on failure. */
int rep_write(const char *cmd, const char *path, const char *buf, size_t len);

int cmd_report_status(int argc, char **argv);
int cmd_report_due(int argc, char **argv);
int cmd_report_draft(int argc, char **argv);
int cmd_report_validate(int argc, char **argv);
int cmd_report_notify(int argc, char **argv);

#endif
