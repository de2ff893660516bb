/*
 * cmd_classify.c - `crakit classify [PATH]`: the CRA category of the product described by
 * cra.yaml and the conformity assessment routes open to it (crk_cra_classify()), with
 * --explain for the reasoning step by step and --json. `--list` prints the categories of
 * Annexes III and IV. Manual: docs/cmd/classify.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/cra_cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/cra.h"
#include "base/banned.h"

static int list(int json)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const struct crk_cra_category *c;
	size_t i;
	if (json)
		crk_strbuf_addch(&sb, '[');
	for (i = 0; (c = crk_cra_category_at(i)); i++) {
		if (json) {
			crk_strbuf_adds(&sb, i ? ",\n {\"id\":" : "{\"id\":");
			crk_strbuf_add_json_quoted(&sb, c->id);
			crk_strbuf_adds(&sb, ",\"name\":");
			crk_strbuf_add_json_quoted(&sb, c->slug);
			crk_strbuf_adds(&sb, ",\"class\":");
			crk_strbuf_add_json_quoted(&sb, crk_cra_class_str(c->cls));
			crk_strbuf_adds(&sb, ",\"ref\":");
			crk_strbuf_add_json_quoted(&sb, c->ref);
			crk_strbuf_adds(&sb, ",\"title\":");
			crk_strbuf_add_json_quoted(&sb, c->title);
			crk_strbuf_addch(&sb, '}');
		} else {
			crk_strbuf_addf(&sb, "%-11s %-32s %-19s %s\n", c->id, c->slug,
					crk_cra_class_str(c->cls), c->title);
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

int cmd_classify(int argc, char **argv)
{
	const char **pos = NULL;
	int json = 0, expl = 0, lst = 0, rc, ex;
	size_t npos, len;
	struct crk_cra_manifest *m = NULL;
	struct crk_cra_classification *c = NULL;
	struct crk_err err;
	char *dir = NULL, *out = NULL;
	const struct crk_opt opts[] = {
		{"explain", 0, CRK_OPT_FLAG, &expl, NULL,
		 "print the reasoning step by step, each step with its article"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print the result as JSON"},
		{"list", 0, CRK_OPT_FLAG, &lst, NULL,
		 "print the categories of Annex III and IV and exit"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("classify", "[--explain] [--json] [PATH]", opts, argc, argv, &pos,
			   &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (lst) {
		crk_free(pos);
		return list(json);
	}
	if (npos > 1) {
		fprintf(stderr, "crakit classify: error: one PATH at most (a cra.yaml, or a "
				"directory holding one)\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	ex = crk_cli_load_manifest("classify", npos ? pos[0] : NULL, &m, &dir);
	crk_free(pos);
	if (ex)
		return ex;
	crk_err_clear(&err);
	if (crk_cra_classify(&c, m, &err) != CRK_OK ||
	    crk_cra_classification_render(&out, &len, c, m,
					  json   ? CRK_FORMAT_JSON
					  : expl ? CRK_FORMAT_EXPLAIN
						 : CRK_FORMAT_TEXT,
					  &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto done;
	}
	if (fwrite(out, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "crakit classify: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
		goto done;
	}
	/* a route chosen in cra.yaml that the product may not use fails, for CI */
	ex = c->chosen_open == 0 ? CRK_EXIT_POLICY : CRK_EXIT_OK;
done:
	crk_free(out);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
	free(dir);
	return ex;
}
