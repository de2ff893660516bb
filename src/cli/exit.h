/*
 * exit.h - the one place library status codes become process exit codes and printed errors
 * (DESIGN.md §9): 0 success, 1 policy failed, 2 usage error, 3 input could not be read or
 * parsed, 4 internal error.
 */
#ifndef CRK_CLI_EXIT_H
#define CRK_CLI_EXIT_H

#include "crakit/err.h"

enum crk_exit {
	CRK_EXIT_OK = 0,
	CRK_EXIT_POLICY = 1,
	CRK_EXIT_USAGE = 2,
	CRK_EXIT_INPUT = 3,
	CRK_EXIT_INTERNAL = 4,
};

/* Exit code for a library status. */
int crk_exit_code(int status);
/* Prints "crakit: error: path:line:col: msg" and "hint: ..." on stderr; returns the exit code. */
int crk_exit_error(const struct crk_err *err);
/* The same, "crakit CMD: error: ..." for a command that names itself ("release record"). */
void crk_print_cmd_error(const char *cmd, const struct crk_err *err);
/* Prints "crakit: warning: path:line:col: msg" on stderr. */
void crk_print_warning(const struct crk_err *err);
/* Formats "path:line:col: " of an error into buf. */
void crk_err_where(const struct crk_err *err, char *buf, size_t n);

#endif
