/*
 * cli.h - the command table (git.c's cmd_struct; STYLE.md §2).
 *
 * Adding a command:
 *   1. src/cli/cmd_<name>.c exporting `int cmd_<name>(int argc, char **argv)` (argv[0] is the
 *      first argument after the name), its options as a static `struct crk_opt` table;
 *   2. a row in registry.c (name, function, flags, one-line summary);
 *   3. docs/cmd/<name>.md (embedded: `crakit help <name>`), e2e cases tests/e2e/NNNN-<name>-<what>/.
 * A test fails when a row lacks its doc page or e2e directory.
 */
#ifndef CRK_CLI_CLI_H
#define CRK_CLI_CLI_H

#include <stdio.h>

enum crk_cmd_flags {
	CRK_CMD_NEEDS_STORE = 1 << 0,
	CRK_CMD_WRITES_STORE = 1 << 1,
	CRK_CMD_NEEDS_VULNDB = 1 << 2,
};

struct crk_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	unsigned flags;
	const char *summary;
};

extern const struct crk_cmd crk_commands[]; /* ends with a NULL name */
const struct crk_cmd *crk_cmd_find(const char *name);
/* A command made of subcommands (`crakit db import`): runs the one argv[0] names from `subs`
 * (ends with a NULL name; flags unused) with the arguments after it. Without a subcommand:
 * `usage` on stderr, exit 2; -h/--help: `usage` on stdout, exit 0; an unknown one: an error
 * naming the subcommands, exit 2. (subcmd.c) */
int crk_subcmd_run(const char *cmd, const struct crk_cmd *subs, void (*usage)(FILE *f),
		   int argc, char **argv);
/* Subcommands of `crakit sbom` (check, convert, merge, diff): same shape, argv[0] is the first
 * argument after the subcommand's name; one row each in registry.c. */
extern const struct crk_cmd crk_sbom_subcommands[]; /* ends with a NULL name */

/* Embedded manual pages (generated from the pages in docs/cmd). */
struct crk_doc {
	const char *name;
	const char *text;
};
extern const struct crk_doc crk_docs[];

int cmd_sbom(int argc, char **argv);
int cmd_sbom_check(int argc, char **argv);
int cmd_sbom_convert(int argc, char **argv);
int cmd_sbom_merge(int argc, char **argv);
int cmd_sbom_diff(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_release(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_impact(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_vex(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_docs(int argc, char **argv);

#endif
