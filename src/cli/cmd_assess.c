/*
 * cmd_assess.c - `crakit assess [PATH]`: where the product described by cra.yaml stands against
 * Annex I of the CRA, with the evidence and automatic checks behind each status, a score and a
 * gap list per criterion (crk_cra_assess()); as a table, JSON, Markdown or a self-contained
 * HTML report. Manual: docs/cmd/assess.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/cra_cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/cra.h"
#include "crakit/store.h"
#include "base/banned.h"

static int list(int json)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const struct crk_cra_requirement *r;
	size_t i;
	if (json)
		crk_strbuf_addch(&sb, '[');
	for (i = 0; (r = crk_cra_requirement_at(i)); i++) {
		if (json) {
			crk_strbuf_adds(&sb, i ? ",\n {\"id\":" : "{\"id\":");
			crk_strbuf_add_json_quoted(&sb, r->id);
			crk_strbuf_adds(&sb, ",\"ref\":");
			crk_strbuf_add_json_quoted(&sb, r->ref);
			crk_strbuf_adds(&sb, ",\"title\":");
			crk_strbuf_add_json_quoted(&sb, r->title);
			crk_strbuf_adds(&sb, ",\"text\":");
			crk_strbuf_add_json_quoted(&sb, r->text);
			crk_strbuf_adds(&sb, ",\"articles\":");
			crk_strbuf_add_json_quoted(&sb, r->articles);
			crk_strbuf_addf(&sb, ",\"may_be_not_applicable\":%s,\"checks\":",
					r->conditional ? "true" : "false");
			crk_strbuf_add_json_quoted(&sb, r->checks);
			crk_strbuf_addch(&sb, '}');
		} else {
			crk_strbuf_addf(&sb, "%-9s %-23s %s\n          %s\n", r->id, r->ref, r->title,
					r->text);
			if (r->checks[0])
				crk_strbuf_addf(&sb, "          automatic checks: %s\n", r->checks);
		}
	}
	if (json)
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

int cmd_assess(int argc, char **argv)
{
	const char **pos = NULL, *format = NULL, *output = NULL, *sbom = NULL, *findings = NULL,
		   *now = NULL, *fail_under = NULL, *db = NULL;
	int json = 0, no_scan = 0, lst = 0, no_store = 0, store_explicit = 0, rc, ex;
	struct crk_store *store = NULL;
	char *store_name = NULL;
	size_t npos, len;
	long threshold = -1;
	enum crk_cra_format fmt = CRK_FORMAT_TEXT;
	struct crk_cra_manifest *m = NULL;
	struct crk_cra_assessment *a = NULL;
	struct crk_cra_assess_opts o;
	struct crk_err err;
	char *dir = NULL, *out = NULL;
	const struct crk_opt opts[] = {
		{"sbom", 0, CRK_OPT_STRING, &sbom, "FILE",
		 "the product's SBOM (CycloneDX or SPDX JSON); default: one found in the project"},
		{"findings", 0, CRK_OPT_STRING, &findings, "FILE",
		 "results of 'crakit scan --json'; without them the vulnerability checks are not run"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH",
		 "the store to read the latest release from (default: $CRAKIT_DB, else the default "
		 "store when there)"},
		{"no-store", 0, CRK_OPT_FLAG, &no_store, NULL, "do not read the store"},
		{"format", 'f', CRK_OPT_STRING, &format, "FMT", "table (default), json, markdown, html"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the same as --format json"},
		{"output", 'o', CRK_OPT_STRING, &output, "FILE", "write to FILE"},
		{"now", 0, CRK_OPT_STRING, &now, "DATE",
		 "assess as of DATE, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today)"},
		{"no-scan", 0, CRK_OPT_FLAG, &no_scan, NULL,
		 "do not scan the project to compare the SBOM with"},
		{"fail-under", 0, CRK_OPT_STRING, &fail_under, "SCORE",
		 "exit with status 1 when the overall score is below SCORE (0-100)"},
		{"list", 0, CRK_OPT_FLAG, &lst, NULL, "print the Annex I requirements and exit"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("assess", "[OPTIONS] [PATH]", opts, argc, argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (lst) {
		crk_free(pos);
		return list(json || (format && !strcmp(format, "json")));
	}
	if (json)
		format = "json";
	if (format) {
		if (!strcmp(format, "table") || !strcmp(format, "text"))
			fmt = CRK_FORMAT_TEXT;
		else if (!strcmp(format, "json"))
			fmt = CRK_FORMAT_JSON;
		else if (!strcmp(format, "markdown") || !strcmp(format, "md"))
			fmt = CRK_FORMAT_MARKDOWN;
		else if (!strcmp(format, "html"))
			fmt = CRK_FORMAT_HTML;
		else {
			fprintf(stderr, "crakit assess: error: --format '%s' is not a format, expected "
					"table, json, markdown or html\n",
				format);
			crk_free(pos);
			return CRK_EXIT_USAGE;
		}
	}
	if (fail_under) {
		char *end;
		errno = 0;
		threshold = strtol(fail_under, &end, 10);
		if (errno || *end || end == fail_under || threshold < 0 || threshold > 100) {
			fprintf(stderr, "crakit assess: error: --fail-under '%s' is not a score, "
					"expected a whole number from 0 to 100\n",
				fail_under);
			crk_free(pos);
			return CRK_EXIT_USAGE;
		}
	}
	if (npos > 1) {
		fprintf(stderr, "crakit assess: error: one PATH at most (a cra.yaml, or a directory "
				"holding one)\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	memset(&o, 0, sizeof(o));
	if ((ex = crk_cli_today("assess", now, &o.today))) {
		crk_free(pos);
		return ex;
	}
	ex = crk_cli_load_manifest("assess", npos ? pos[0] : NULL, &m, &dir);
	crk_free(pos);
	if (ex)
		return ex;
	if ((ex = crk_cli_cra_store("assess", db, no_store, &store, &store_name,
				    &store_explicit))) {
		crk_cra_manifest_free(m);
		free(dir);
		return ex;
	}
	o.store = store;
	o.store_name = store_name;
	o.store_explicit = store_explicit;
	o.dir = dir;
	o.sbom = sbom;
	o.findings = findings;
	o.no_scan = no_scan;
	crk_err_clear(&err);
	if (crk_cra_assess(&a, m, &o, &err) != CRK_OK ||
	    crk_cra_assessment_render(&out, &len, a, fmt, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto done;
	}
	if (output) {
		if (crk_write_file_atomic(output, out, len, 0, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			goto done;
		}
		fprintf(stderr, "wrote %s: score %ld%%, %zu gaps\n", output, (long)(a->score + 0.5),
			a->ngaps);
	} else if (fwrite(out, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "crakit assess: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
		goto done;
	}
	ex = threshold >= 0 && a->score < (double)threshold ? CRK_EXIT_POLICY : CRK_EXIT_OK;
	if (ex)
		fprintf(stderr, "crakit assess: the score %ld%% is below --fail-under %ld\n",
			(long)(a->score + 0.5), threshold);
done:
	crk_free(out);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
	crk_store_close(store);
	free(store_name);
	free(dir);
	return ex;
}
