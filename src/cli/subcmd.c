/* subcmd.c - running a command's subcommand from its table (crk_subcmd_run(), cli.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/exit.h"
#include "base/banned.h"

int crk_subcmd_run(const char *cmd, const struct crk_cmd *subs, void (*usage)(FILE *f),
		   int argc, char **argv)
{
	size_t i;
	if (argc < 1) {
		usage(stderr);
		return CRK_EXIT_USAGE;
	}
	if (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0) {
		usage(stdout);
		return CRK_EXIT_OK;
	}
	for (i = 0; subs[i].name; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "crakit %s: error: '%s' is not a subcommand of %s (", cmd, argv[0], cmd);
	for (i = 0; subs[i].name; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", subs[i].name);
	fprintf(stderr, ")\nhint: 'crakit %s --help' lists them\n", cmd);
	return CRK_EXIT_USAGE;
}
