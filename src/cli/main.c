/* main.c - `crakit COMMAND [OPTIONS] [ARGS]`: global options, then the command table. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/exit.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	size_t i;
	fprintf(f, "usage: crakit COMMAND [OPTIONS] [ARGS]\n\n"
		   "crakit makes a product ready for the EU Cyber Resilience Act "
		   "(Regulation (EU) 2024/2847).\n\ncommands:\n");
	for (i = 0; crk_commands[i].name; i++)
		fprintf(f, "  %-10s %s\n", crk_commands[i].name, crk_commands[i].summary);
	fprintf(f, "\n'crakit COMMAND --help' lists a command's options; "
		   "'crakit help COMMAND' shows its manual.\n");
}

int main(int argc, char **argv)
{
	const struct crk_cmd *c;
	/* Without TZ, glibc's mktime()/localtime() stat /etc/localtime on every call (libarchive
	 * calls mktime for each zip entry's DOS time: 70,000 stats for 90 jars). Naming the same
	 * file the default names makes it read once; local time is unchanged. */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
	/* File names in archives are bytes read as UTF-8 (zip's flag, pax headers, JSON): in the
	 * "C" locale libarchive converted every entry name through wide characters and a fresh
	 * iconv descriptor to give it back as UTF-8 (7 % of reading 90 jars). Only LC_CTYPE;
	 * messages and numbers stay "C". Without C.UTF-8 (not glibc) nothing changes. */
	(void)setlocale(LC_CTYPE, "C.UTF-8");
	if (argc < 2) {
		usage(stderr);
		return CRK_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return CRK_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	c = crk_cmd_find(argv[1]);
	if (!c) {
		fprintf(stderr, "crakit: error: '%s' is not a crakit command\n", argv[1]);
		fprintf(stderr, "hint: 'crakit --help' lists the commands\n");
		return CRK_EXIT_USAGE;
	}
	return c->fn(argc - 2, argv + 2);
}
