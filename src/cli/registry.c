/* registry.c - every command, one row each (see cli.h for the checklist of a new command). */
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

const struct crk_cmd crk_commands[] = {
	{"sbom", cmd_sbom, 0, "inventory what ships: an SBOM of a tree, a root filesystem or a file"},
	{"help", cmd_help, 0, "show the manual page of a command"},
	{"version", cmd_version, 0, "print the crakit version; compare versions as an ecosystem does"},
	{NULL, NULL, 0, NULL},
};

/* `crakit sbom SUB ...`: a first argument naming one of these runs it (a directory of that name
 * is still reachable as ./NAME). */
const struct crk_cmd crk_sbom_subcommands[] = {
	{NULL, NULL, 0, NULL},
};

const struct crk_cmd *crk_cmd_find(const char *name)
{
	size_t i;
	for (i = 0; crk_commands[i].name; i++)
		if (strcmp(crk_commands[i].name, name) == 0)
			return &crk_commands[i];
	return NULL;
}
