/* exit.c - see exit.h. */
#include <stdio.h>

#include "base/progress.h"
#include "cli/exit.h"
#include "base/banned.h"

int crk_exit_code(int status)
{
	switch (status) {
	case CRK_OK: return CRK_EXIT_OK;
	case CRK_EINVAL: return CRK_EXIT_USAGE;
	case CRK_EIO:
	case CRK_EPARSE:
	case CRK_ELIMIT:
	case CRK_ENOTFOUND:
	case CRK_EUNSUPPORTED: return CRK_EXIT_INPUT;
	default: return CRK_EXIT_INTERNAL;
	}
}

void crk_err_where(const struct crk_err *err, char *buf, size_t n)
{
	if (!err->path[0])
		buf[0] = '\0';
	else if (err->line && err->col)
		snprintf(buf, n, "%s:%u:%u: ", err->path, err->line, err->col);
	else if (err->line)
		snprintf(buf, n, "%s:%u: ", err->path, err->line);
	else
		snprintf(buf, n, "%s: ", err->path);
}

static void print(const char *cmd, const char *kind, const char *colour, const struct crk_err *err)
{
	char where[CRK_ERR_PATH_MAX + 32];
	int c = crk_use_color(2);
	crk_err_where(err, where, sizeof(where));
	fprintf(stderr, "crakit%s%s: %s%s%s: %s%s\n", cmd ? " " : "", cmd ? cmd : "",
		c ? colour : "", kind, c ? "\033[0m" : "", where,
		err->msg[0] ? err->msg : crk_status_str(err->code));
	if (err->hint[0])
		fprintf(stderr, "hint: %s\n", err->hint);
}

int crk_exit_error(const struct crk_err *err)
{
	print(NULL, "error", "\033[1;31m", err);
	return crk_exit_code(err->code);
}

void crk_print_cmd_error(const char *cmd, const struct crk_err *err)
{
	print(cmd, "error", "\033[1;31m", err);
}

void crk_print_warning(const struct crk_err *err)
{
	print(NULL, "warning", "\033[1;33m", err);
}
