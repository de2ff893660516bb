/*
 * cra_cli.h - what the CRA commands (init, classify, assess, docs) share: finding and loading
 * cra.yaml with every problem printed, and the `--now` date that makes their output
 * reproducible.
 */
#ifndef CRK_CLI_CRA_CLI_H
#define CRK_CLI_CRA_CLI_H

#include <stdint.h>

#include "crakit/cra.h"

/* `path` is a cra.yaml or a directory holding one (NULL: the current directory). Loads it,
 * printing every problem as "crakit: error: cra.yaml:L:C: ..." on stderr. On success returns 0
 * and *out (free with crk_cra_manifest_free), and *dir (heap, free()) is the directory the file
 * is in: relative paths of the file are read from there. Otherwise returns the exit code. */
int crk_cli_load_manifest(const char *cmd, const char *path, struct crk_cra_manifest **out,
			  char **dir);

/* Days since 1970-01-01 for --now DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today (UTC).
 * Returns 0, or prints an error and returns the exit code. */
int crk_cli_today(const char *cmd, const char *now, int64_t *days);

struct crk_store;
/* The store `crakit assess` and `crakit docs` read the latest release from: --db `db`, else
 * $CRAKIT_DB (both "explicit": a store that cannot be opened is an error), else the default
 * location when a store is there (DESIGN.md §9; silently none when it is not or cannot be
 * read). `no_store` skips it. Opened read-only. On success returns 0 with *out (NULL: no
 * store; close with crk_store_close), *name (heap, free(); NULL with no store) and *explicit;
 * otherwise prints the error and returns the exit code. */
int crk_cli_cra_store(const char *cmd, const char *db, int no_store, struct crk_store **out,
		      char **name, int *explicit);

#endif
