/*
 * opt.h - option tables: each command declares its options once, as a static array that drives
 * both parsing and the option list of --help (libgit2's cli, git's parse-options).
 */
#ifndef CRK_CLI_OPT_H
#define CRK_CLI_OPT_H

#include <stddef.h>

enum crk_opt_kind {
	CRK_OPT_FLAG,   /* int *: set to 1 */
	CRK_OPT_STRING, /* const char **: the last value given wins */
	CRK_OPT_LIST,   /* struct crk_opt_list *: every value, in order */
};

struct crk_opt_list {
	const char **v;
	size_t n, alloc;
};

struct crk_opt {
	const char *name; /* long name without "--" */
	char shortname;   /* 0 for none */
	enum crk_opt_kind kind;
	void *dest;
	const char *argname; /* "FILE" */
	const char *help;
};

/*
 * Parses argv[0..argc) (argv[0] is the first argument after the command name). Positional
 * arguments are collected into *pos (heap array of borrowed argv pointers, caller frees with
 * crk_opt_free_pos). "--" ends options. Returns 0, 1 when --help was asked (help printed on
 * stdout), or 2 on a usage error (message printed on stderr).
 */
int crk_opt_parse(const char *cmd, const char *usage, const struct crk_opt *opts, int argc,
		  char **argv, const char ***pos, size_t *npos);
void crk_opt_help(const char *cmd, const char *usage, const struct crk_opt *opts);
void crk_opt_list_free(struct crk_opt_list *l);

#endif
