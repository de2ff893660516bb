/* cmd_help.c - `crakit help [COMMAND]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "base/banned.h"

int cmd_help(int argc, char **argv)
{
	static const struct crk_opt opts[] = {{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL}};
	const char **pos;
	size_t npos, i;
	int rc = crk_opt_parse("help", "[COMMAND]", opts, argc, argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (npos == 0) {
		printf("crakit commands:\n");
		for (i = 0; crk_commands[i].name; i++)
			printf("  %-10s %s\n", crk_commands[i].name, crk_commands[i].summary);
		printf("\n'crakit help COMMAND' shows a command's manual page.\n");
		crk_free(pos);
		return CRK_EXIT_OK;
	}
	for (i = 0; crk_docs[i].name; i++) {
		/* `crakit help sbom convert` is the page sbom-convert */
		size_t l0 = strlen(pos[0]);
		if (npos == 2 ? strncmp(crk_docs[i].name, pos[0], l0) == 0 &&
					crk_docs[i].name[l0] == '-' &&
					strcmp(crk_docs[i].name + l0 + 1, pos[1]) == 0
			      : strcmp(crk_docs[i].name, pos[0]) == 0) {
			fputs(crk_docs[i].text, stdout);
			crk_free(pos);
			return CRK_EXIT_OK;
		}
	}
	fprintf(stderr, "crakit help: error: no manual page for '%s%s%s'\n", pos[0],
		npos > 1 ? " " : "", npos > 1 ? pos[1] : "");
	fprintf(stderr, "hint: 'crakit help' lists the commands\n");
	crk_free(pos);
	return CRK_EXIT_USAGE;
}
