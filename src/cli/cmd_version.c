/*
 * cmd_version.c - `crakit version`: the crakit version; `crakit version compare` orders versions
 * the way an ecosystem does (include/crakit/version.h); `crakit version schemes` lists the
 * version schemes and the OSV ecosystems each serves. Manual: docs/cmd/version.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/version.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit version\n"
		   "       crakit version compare --ecosystem ECOSYSTEM [--json] [A B]\n"
		   "       crakit version schemes [--json]\n\n"
		   "subcommands:\n"
		   "  compare    order two versions, or A<TAB>B lines on standard input: -1, 0 or 1\n"
		   "  schemes    list the version schemes and the ecosystems they serve\n\n"
		   "'crakit help version' shows the full manual page.\n");
}

/* Every ecosystem name, comma-separated, for a hint. */
static void ecosystems_hint(void)
{
	struct crk_version_scheme_desc d;
	size_t i, j, col = 5;
	int first = 1;
	fputs("hint: --ecosystem takes an OSV ecosystem name (a ':RELEASE' suffix is allowed):\n    ",
	      stderr);
	for (i = 0; crk_version_scheme_at(i, &d); i++) {
		for (j = 0; d.ecosystems[j]; j++) {
			size_t n = strlen(d.ecosystems[j]) + 2;
			if (!first)
				fputc(',', stderr);
			if (col + n > 95) {
				fputs("\n    ", stderr);
				col = 5;
			}
			fprintf(stderr, " %s", d.ecosystems[j]);
			col += n;
			first = 0;
		}
	}
	fputc('\n', stderr);
}

/* One result: "-1", "0", "1" or "error: ..." (or a JSON object) and a newline. */
static void print_result(int json, const char *a, size_t alen, const char *b, size_t blen, int rc,
			 int cmp, const struct crk_err *err)
{
	if (json) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		crk_strbuf_adds(&sb, "{\"a\":\"");
		crk_strbuf_add_json_str(&sb, a, alen);
		crk_strbuf_adds(&sb, "\",\"b\":\"");
		crk_strbuf_add_json_str(&sb, b, blen);
		if (rc == CRK_OK) {
			crk_strbuf_addf(&sb, "\",\"result\":%d}", cmp);
		} else {
			crk_strbuf_adds(&sb, "\",\"error\":");
			crk_strbuf_add_json_quoted(&sb, err->msg);
			if (err->hint[0]) {
				crk_strbuf_adds(&sb, ",\"hint\":");
				crk_strbuf_add_json_quoted(&sb, err->hint);
			}
			crk_strbuf_addch(&sb, '}');
		}
		if (crk_strbuf_ok(&sb))
			puts(sb.buf);
		else
			puts("{\"error\":\"out of memory\"}");
		crk_strbuf_release(&sb);
	} else if (rc == CRK_OK) {
		printf("%d\n", cmp);
	} else if (err->hint[0]) {
		printf("error: %s: %s\n", err->msg, err->hint);
	} else {
		printf("error: %s\n", err->msg);
	}
}

/* Compares one line "A<TAB>B"; returns 0, or 1 when it could not. */
static int compare_line(const char *eco, int json, char *line, size_t len, size_t lineno)
{
	struct crk_err err;
	char *tab = memchr(line, '\t', len);
	int rc, cmp = 0;
	crk_err_clear(&err);
	if (!tab || memchr(tab + 1, '\t', len - (size_t)(tab - line) - 1)) {
		rc = crk_err_set(&err, CRK_EPARSE, NULL, 0, 0,
				 "line %zu: expected two versions separated by one tab", lineno);
		print_result(json, line, len, "", 0, rc, 0, &err);
		return 1;
	}
	rc = crk_version_comparen(eco, line, (size_t)(tab - line), tab + 1,
				  len - (size_t)(tab - line) - 1, &cmp, &err);
	print_result(json, line, (size_t)(tab - line), tab + 1, len - (size_t)(tab - line) - 1, rc,
		     cmp, &err);
	return rc != CRK_OK;
}

static int cmd_compare(int argc, char **argv)
{
	const char *eco = NULL, **pos = NULL;
	int json = 0, rc;
	size_t npos, bad = 0, lines = 0;
	const struct crk_opt opts[] = {
		{"ecosystem", 'e', CRK_OPT_STRING, &eco, "ECOSYSTEM",
		 "the OSV ecosystem whose rules apply: PyPI, npm, Debian:12, ..."},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "one JSON object per result"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("version compare", "--ecosystem ECOSYSTEM [--json] [A B]", opts, argc,
			   argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (!eco || !*eco) {
		fprintf(stderr, "crakit version compare: error: --ecosystem is required\n");
		ecosystems_hint();
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (!crk_version_scheme_name(eco)) {
		fprintf(stderr, "crakit version compare: error: no version scheme for the ecosystem "
				"'%s'\n",
			eco);
		ecosystems_hint();
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos != 0 && npos != 2) {
		fprintf(stderr, "crakit version compare: error: give two versions, or none to read "
				"A<TAB>B lines from standard input (got %zu)\n",
			npos);
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos == 2) {
		struct crk_err err;
		int cmp = 0;
		crk_err_clear(&err);
		rc = crk_version_comparen(eco, pos[0], strlen(pos[0]), pos[1], strlen(pos[1]), &cmp,
					  &err);
		print_result(json, pos[0], strlen(pos[0]), pos[1], strlen(pos[1]), rc, cmp, &err);
		crk_free(pos);
		return rc == CRK_OK ? CRK_EXIT_OK : CRK_EXIT_INPUT;
	}
	crk_free(pos);
	{
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while ((n = getline(&line, &cap, stdin)) >= 0) {
			size_t len = (size_t)n;
			lines++;
			if (len > 0 && line[len - 1] == '\n')
				len--;
			if (len > 0 && line[len - 1] == '\r')
				len--;
			if (len == 0) { /* keeps output lines aligned with input lines */
				putchar('\n');
				continue;
			}
			bad += (size_t)compare_line(eco, json, line, len, lines);
		}
		free(line);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "crakit version compare: error: cannot write to standard output\n");
		return CRK_EXIT_INPUT;
	}
	if (bad) {
		fprintf(stderr, "crakit version compare: error: %zu of %zu line%s could not be "
				"compared\n",
			bad, lines, lines == 1 ? "" : "s");
		return CRK_EXIT_INPUT;
	}
	return CRK_EXIT_OK;
}

static int cmd_schemes(int argc, char **argv)
{
	struct crk_version_scheme_desc d;
	const char **pos = NULL;
	int json = 0, rc;
	size_t npos, i, j;
	const struct crk_opt opts[] = {
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON array"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("version schemes", "[--json]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (npos) {
		fprintf(stderr, "crakit version schemes: error: no arguments expected\n");
		return CRK_EXIT_USAGE;
	}
	if (json) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		crk_strbuf_addch(&sb, '[');
		for (i = 0; crk_version_scheme_at(i, &d); i++) {
			crk_strbuf_adds(&sb, i ? ",\n {\"name\":" : "{\"name\":");
			crk_strbuf_add_json_quoted(&sb, d.name);
			crk_strbuf_adds(&sb, ",\"title\":");
			crk_strbuf_add_json_quoted(&sb, d.title);
			crk_strbuf_adds(&sb, ",\"ecosystems\":[");
			for (j = 0; d.ecosystems[j]; j++) {
				if (j)
					crk_strbuf_addch(&sb, ',');
				crk_strbuf_add_json_quoted(&sb, d.ecosystems[j]);
			}
			crk_strbuf_adds(&sb, "],\"spec\":");
			crk_strbuf_add_json_quoted(&sb, d.spec);
			crk_strbuf_adds(&sb, ",\"doc\":");
			crk_strbuf_add_json_quoted(&sb, d.doc);
			crk_strbuf_addch(&sb, '}');
		}
		crk_strbuf_adds(&sb, "]\n");
		if (!crk_strbuf_ok(&sb)) {
			crk_strbuf_release(&sb);
			fprintf(stderr, "crakit: error: out of memory\n");
			return CRK_EXIT_INTERNAL;
		}
		fputs(sb.buf, stdout);
		crk_strbuf_release(&sb);
		return CRK_EXIT_OK;
	}
	printf("%-10s %-30s %s\n", "SCHEME", "RULES", "ECOSYSTEMS");
	for (i = 0; crk_version_scheme_at(i, &d); i++) {
		printf("%-10s %-30s ", d.name, d.title);
		for (j = 0; d.ecosystems[j]; j++)
			printf("%s%s", j ? ", " : "", d.ecosystems[j]);
		printf("\n");
	}
	return CRK_EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} sub[] = {{"compare", cmd_compare}, {"schemes", cmd_schemes}};
	size_t i;
	if (argc < 1 || !argv) {
		printf("crakit %s\n", CRAKIT_VERSION);
		return CRK_EXIT_OK;
	}
	if (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0) {
		usage(stdout);
		return CRK_EXIT_OK;
	}
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		if (strcmp(argv[0], sub[i].name) == 0)
			return sub[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "crakit version: error: '%s' is not a subcommand of version\n", argv[0]);
	fprintf(stderr, "hint: 'crakit version --help' lists them\n");
	return CRK_EXIT_USAGE;
}
