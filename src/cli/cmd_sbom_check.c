/*
 * cmd_sbom_check.c - `crakit sbom check FILE`: is an SBOM valid against its format's official
 * schema, and how much of what BSI TR-03183-2 (v2.1, or v2.0) or the NTIA minimum elements ask
 * does it say, naming each component that lacks a required field (include/crakit/sbomcheck.h).
 * Exit 0, 1 with --fail-under when the score is below it, 2 usage, 3 when the file cannot be
 * read or is no SBOM. Manual: docs/cmd/sbom-check.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/sbom_check.h"
#include "crakit/sbomcheck.h"
#include "base/banned.h"

static const char *const level_names[] = {"required", "additional", "optional"};

void crk_cli_print_gaps(FILE *f, const struct crk_check_report *r, size_t shown,
			const char *indent)
{
	size_t i = 0;
	while (i < r->ngaps) {
		const struct crk_check_field *fd = &r->fields[r->gaps[i].field];
		size_t j = i, k;
		while (j < r->ngaps && r->gaps[j].field == r->gaps[i].field)
			j++;
		fprintf(f, "%s%s (%s): %zu of %zu component%s lack%s it: ", indent, fd->name,
			fd->section, j - i, fd->applicable, fd->applicable == 1 ? "" : "s",
			j - i == 1 ? "s" : "");
		for (k = i; k < j && (!shown || k < i + shown); k++)
			fprintf(f, "%s%s", k > i ? ", " : "", r->gaps[k].component);
		if (shown && j - i > shown)
			fprintf(f, " and %zu more", j - i - shown);
		fputc('\n', f);
		i = j;
	}
}

void crk_cli_print_all_gaps(FILE *f, const struct crk_check_report *r)
{
	size_t i;
	for (i = 0; i < r->ngaps; i++) {
		const struct crk_check_field *fd = &r->fields[r->gaps[i].field];
		fprintf(f, "%s\t%s\t%s\n", r->gaps[i].component, fd->id, fd->name);
	}
}

static void print_text(const char *path, const struct crk_check_report *r, int all)
{
	size_t i, lvl;
	printf("%s: %s %s, %zu component%s\n", path, r->format, r->spec_version, r->ncomponents,
	       r->ncomponents == 1 ? "" : "s");
	if (r->schema > 0)
		printf("schema: valid (%s)\n", r->schema_name);
	else if (r->schema < 0)
		printf("schema: INVALID against %s, %zu error%s\n", r->schema_name, r->nschema_errors,
		       r->nschema_errors == 1 ? "" : "s");
	else
		printf("schema: %s\n", r->schema_note);
	for (i = 0; r->schema < 0 && i < r->nschema_errors && i < 20; i++)
		printf("  %s: %s\n", r->schema_errors[i].where, r->schema_errors[i].what);
	if (r->schema < 0 && r->nschema_errors > 20)
		printf("  ... and %zu more\n", r->nschema_errors - 20);
	printf("standard: %s\n", crk_standard_name(r->standard));
	if (!r->format_ok)
		printf("format: NOT ACCEPTED: %s\n", r->format_note);
	printf("score: %.1f / 100, %s\n", r->score, r->conformant ? "conformant" : "not conformant");
	for (lvl = 0; lvl < 3; lvl++) {
		int any = 0;
		for (i = 0; i < r->nfields; i++) {
			const struct crk_check_field *fd = &r->fields[i];
			if (fd->level != (int)lvl)
				continue;
			if (!any)
				printf("\n%s fields:\n", level_names[lvl]);
			any = 1;
			if (fd->of_sbom)
				printf("  %-6s %-52s %s\n", fd->section, fd->name,
				       fd->present ? "yes" : "MISSING");
			else
				printf("  %-6s %-52s %zu/%zu\n", fd->section, fd->name, fd->present,
				       fd->applicable);
		}
	}
	if (r->ngaps) {
		printf("\ncomponents lacking a required field:\n");
		crk_cli_print_gaps(stdout, r, all ? 0 : 5, "  ");
	}
}

static void print_json(const char *path, const struct crk_check_report *r)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i, g;
	crk_strbuf_adds(&sb, "{\"file\":");
	crk_strbuf_add_json_quoted(&sb, path);
	crk_strbuf_adds(&sb, ",\"format\":");
	crk_strbuf_add_json_quoted(&sb, r->format);
	crk_strbuf_adds(&sb, ",\"specVersion\":");
	crk_strbuf_add_json_quoted(&sb, r->spec_version);
	crk_strbuf_adds(&sb, ",\"standard\":");
	crk_strbuf_add_json_quoted(&sb, crk_standard_name(r->standard));
	crk_strbuf_addf(&sb, ",\"formatAccepted\":%s", r->format_ok ? "true" : "false");
	if (!r->format_ok) {
		crk_strbuf_adds(&sb, ",\"formatNote\":");
		crk_strbuf_add_json_quoted(&sb, r->format_note);
	}
	crk_strbuf_addf(&sb, ",\"schema\":{\"checked\":%s", r->schema ? "true" : "false");
	if (r->schema) {
		crk_strbuf_addf(&sb, ",\"valid\":%s,\"name\":", r->schema > 0 ? "true" : "false");
		crk_strbuf_add_json_quoted(&sb, r->schema_name);
		crk_strbuf_addf(&sb, ",\"errorCount\":%zu,\"errors\":[", r->nschema_errors);
		for (i = 0; i < r->nschema_errors && i < 20; i++) {
			crk_strbuf_adds(&sb, i ? ",{\"where\":" : "{\"where\":");
			crk_strbuf_add_json_quoted(&sb, r->schema_errors[i].where);
			crk_strbuf_adds(&sb, ",\"what\":");
			crk_strbuf_add_json_quoted(&sb, r->schema_errors[i].what);
			crk_strbuf_addch(&sb, '}');
		}
		crk_strbuf_addch(&sb, ']');
	} else {
		crk_strbuf_adds(&sb, ",\"note\":");
		crk_strbuf_add_json_quoted(&sb, r->schema_note);
	}
	crk_strbuf_addf(&sb, "},\"components\":%zu,\"score\":%.1f,\"conformant\":%s,\"fields\":[",
			r->ncomponents, r->score, r->conformant ? "true" : "false");
	for (i = 0; i < r->nfields; i++) {
		const struct crk_check_field *fd = &r->fields[i];
		int first = 1;
		crk_strbuf_adds(&sb, i ? ",{\"id\":" : "{\"id\":");
		crk_strbuf_add_json_quoted(&sb, fd->id);
		crk_strbuf_adds(&sb, ",\"name\":");
		crk_strbuf_add_json_quoted(&sb, fd->name);
		crk_strbuf_adds(&sb, ",\"section\":");
		crk_strbuf_add_json_quoted(&sb, fd->section);
		crk_strbuf_addf(&sb, ",\"level\":\"%s\",\"of\":\"%s\",\"present\":%zu,\"applicable\":%zu",
				level_names[fd->level], fd->of_sbom ? "sbom" : "component", fd->present,
				fd->applicable);
		if (fd->level == CRK_LEVEL_REQUIRED && !fd->of_sbom) {
			crk_strbuf_adds(&sb, ",\"missing\":[");
			for (g = 0; g < r->ngaps; g++) {
				if (r->gaps[g].field != i)
					continue;
				if (!first)
					crk_strbuf_addch(&sb, ',');
				first = 0;
				crk_strbuf_add_json_quoted(&sb, r->gaps[g].component);
			}
			crk_strbuf_addch(&sb, ']');
		}
		crk_strbuf_addch(&sb, '}');
	}
	crk_strbuf_adds(&sb, "]}\n");
	if (crk_strbuf_ok(&sb))
		fwrite(sb.buf, 1, sb.len, stdout);
	else
		fprintf(stderr, "crakit: error: out of memory\n");
	crk_strbuf_release(&sb);
}

int cmd_sbom_check(int argc, char **argv)
{
	const char *standard = NULL, *fail_under = NULL, *schema_dir = NULL;
	int json = 0, all = 0;
	const struct crk_opt opts[] = {
		{"standard", 0, CRK_OPT_STRING, &standard, "STD",
		 "bsi-2.1 (default: BSI TR-03183-2 v2.1), bsi-2.0 or ntia"},
		{"schema-dir", 0, CRK_OPT_STRING, &schema_dir, "DIR",
		 "the official schemas (default: $CRAKIT_SCHEMA_DIR); without them the schema is "
		 "not checked"},
		{"fail-under", 0, CRK_OPT_STRING, &fail_under, "SCORE",
		 "exit 1 when the score is below SCORE (0-100)"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the report as JSON"},
		{"all", 0, CRK_OPT_FLAG, &all, NULL, "name every component lacking a field (default: 5 "
						       "per field)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_check_opts co;
	struct crk_check_report *r = NULL;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos;
	char *buf = NULL, *end;
	size_t len;
	double min = -1;
	int rc, ex = CRK_EXIT_OK;

	rc = crk_opt_parse("sbom check", "[OPTIONS] FILE", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos != 1) {
		fprintf(stderr, "crakit sbom check: error: %s\n",
			npos ? "one FILE at a time" : "no FILE given");
		fprintf(stderr, "hint: crakit sbom check bom.cdx.json (\"-\" reads standard input)\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	memset(&co, 0, sizeof(co));
	co.standard = CRK_STD_BSI_2_1;
	if (standard) {
		if (strcmp(standard, "bsi-2.1") == 0 || strcmp(standard, "bsi") == 0)
			co.standard = CRK_STD_BSI_2_1;
		else if (strcmp(standard, "bsi-2.0") == 0)
			co.standard = CRK_STD_BSI_2_0;
		else if (strcmp(standard, "ntia") == 0)
			co.standard = CRK_STD_NTIA;
		else {
			fprintf(stderr, "crakit sbom check: error: unknown standard '%s'\n", standard);
			fprintf(stderr, "hint: --standard bsi-2.1, bsi-2.0 or ntia\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	}
	if (fail_under) {
		min = strtod(fail_under, &end);
		if (end == fail_under || *end || min < 0 || min > 100) {
			fprintf(stderr, "crakit sbom check: error: --fail-under '%s' is not a number "
					"from 0 to 100\n", fail_under);
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	}
	co.schema_dir = schema_dir ? schema_dir : getenv("CRAKIT_SCHEMA_DIR");
	if (co.schema_dir && !*co.schema_dir)
		co.schema_dir = NULL;

	crk_err_clear(&err);
	if (strcmp(pos[0], "-") == 0)
		rc = crk_read_fd(0, "<stdin>", CRK_MAX_FILE_SIZE, &buf, &len, &err);
	else
		rc = crk_read_file(pos[0], CRK_MAX_FILE_SIZE, &buf, &len, &err);
	if (rc == CRK_OK)
		rc = crk_sbom_check(buf, len, pos[0], &co, &r, &err);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (json)
		print_json(pos[0], r);
	else
		print_text(pos[0], r, all);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}
	if (min >= 0 && r->score < min) {
		fprintf(stderr, "crakit: score %.1f is below --fail-under %g\n", r->score, min);
		ex = CRK_EXIT_POLICY;
	}
out:
	crk_check_report_free(r);
	crk_free(buf);
	crk_free(pos);
	return ex;
}
