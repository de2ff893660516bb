/*
 * cmd_docs.c - `crakit docs [--out DIR] [PATH]`: writes the technical documentation (Annex
 * VII), the EU declaration of conformity (Annex V), the simplified declaration (Annex VI), the
 * user information (Annex II) and security.txt for the product of cra.yaml
 * (crk_cra_docs_build()), each item the law asks for filled or marked missing with where to fill
 * it. Manual: docs/cmd/docs.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static int write_one(const char *dir, const char *name, const char *ext, const char *buf,
		     size_t len, struct crk_strbuf *written)
{
	struct crk_strbuf path = CRK_STRBUF_INIT(0);
	struct crk_err err;
	int rc;
	crk_strbuf_addf(&path, "%s/%s%s", dir, name, ext);
	if (!crk_strbuf_ok(&path)) {
		crk_strbuf_release(&path);
		return CRK_EXIT_INTERNAL;
	}
	rc = crk_write_file_atomic(path.buf, buf, len, 0, &err);
	if (rc != CRK_OK) {
		crk_strbuf_release(&path);
		return crk_exit_error(&err);
	}
	crk_strbuf_addf(written, "%s%s", written->len ? ", " : "", path.buf);
	crk_strbuf_release(&path);
	return CRK_EXIT_OK;
}

static void json_doc(struct crk_strbuf *sb, const struct crk_cra_document *d, const char *dir,
		     int md, int html, int first)
{
	size_t i, j;
	crk_strbuf_adds(sb, first ? "\n  {\"name\":" : ",\n  {\"name\":");
	crk_strbuf_add_json_quoted(sb, d->name);
	crk_strbuf_adds(sb, ",\"annex\":");
	crk_strbuf_add_json_quoted(sb, d->annex);
	crk_strbuf_adds(sb, ",\"files\":[");
	if (md)
		crk_strbuf_addf(sb, "\"%s/%s.md\"", dir, d->name);
	if (html)
		crk_strbuf_addf(sb, "%s\"%s/%s.html\"", md ? "," : "", dir, d->name);
	crk_strbuf_addf(sb, "],\"missing\":%zu,\"sections\":[", d->nmissing);
	for (i = 0; i < d->nsections; i++) {
		const struct crk_cra_doc_section *s = &d->sections[i];
		crk_strbuf_adds(sb, i ? ",{\"id\":" : "{\"id\":");
		crk_strbuf_add_json_quoted(sb, s->id);
		crk_strbuf_adds(sb, ",\"state\":");
		crk_strbuf_add_json_quoted(sb, s->state == CRK_SECTION_MISSING ? "missing"
						: s->state == CRK_SECTION_NA	 ? "not-applicable"
										 : "filled");
		crk_strbuf_adds(sb, ",\"missing\":[");
		for (j = 0; j < s->nmissing; j++) {
			if (j)
				crk_strbuf_addch(sb, ',');
			crk_strbuf_add_json_quoted(sb, s->missing[j]);
		}
		crk_strbuf_adds(sb, "]}");
	}
	crk_strbuf_adds(sb, "]}");
}

int cmd_docs(int argc, char **argv)
{
	const char **pos = NULL, *out = "cra-docs", *format = "both", *sbom = NULL, *findings = NULL,
		   *now = NULL, *db = NULL;
	int json = 0, no_scan = 0, rc, ex = CRK_EXIT_OK, md = 1, html = 1, no_store = 0,
	    store_explicit = 0;
	struct crk_store *store = NULL;
	char *store_name = NULL;
	size_t npos, k;
	struct crk_cra_manifest *m = NULL;
	struct crk_cra_assessment *a = NULL;
	struct crk_cra_docset *set = NULL;
	struct crk_cra_assess_opts ao;
	struct crk_cra_docs_opts dopts;
	struct crk_strbuf report = CRK_STRBUF_INIT(0);
	struct crk_err err;
	char *dir = NULL;
	const struct crk_opt opts[] = {
		{"out", 'o', CRK_OPT_STRING, &out, "DIR",
		 "write the documents into DIR (default cra-docs; - prints them all)"},
		{"format", 'f', CRK_OPT_STRING, &format, "FMT", "markdown, html or both (default)"},
		{"sbom", 0, CRK_OPT_STRING, &sbom, "FILE",
		 "the product's SBOM (default: one found in the project)"},
		{"findings", 0, CRK_OPT_STRING, &findings, "FILE", "results of 'crakit scan --json'"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH",
		 "the store to read the latest release from (default: $CRAKIT_DB, else the default "
		 "store when there)"},
		{"no-store", 0, CRK_OPT_FLAG, &no_store, NULL, "do not read the store"},
		{"now", 0, CRK_OPT_STRING, &now, "DATE",
		 "date the documents DATE, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today)"},
		{"no-scan", 0, CRK_OPT_FLAG, &no_scan, NULL,
		 "do not scan the project to compare the SBOM with"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL,
		 "print what was written, and what is missing, as JSON"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("docs", "[--out DIR] [OPTIONS] [PATH]", opts, argc, argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (!strcmp(format, "markdown") || !strcmp(format, "md"))
		html = 0;
	else if (!strcmp(format, "html"))
		md = 0;
	else if (strcmp(format, "both")) {
		fprintf(stderr, "crakit docs: error: --format '%s' is not a format, expected "
				"markdown, html or both\n",
			format);
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos > 1) {
		fprintf(stderr, "crakit docs: error: one PATH at most (a cra.yaml, or a directory "
				"holding one)\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	memset(&ao, 0, sizeof(ao));
	if ((ex = crk_cli_today("docs", now, &ao.today))) {
		crk_free(pos);
		return ex;
	}
	ex = crk_cli_load_manifest("docs", npos ? pos[0] : NULL, &m, &dir);
	crk_free(pos);
	if (ex)
		return ex;
	if ((ex = crk_cli_cra_store("docs", db, no_store, &store, &store_name,
				    &store_explicit))) {
		crk_cra_manifest_free(m);
		free(dir);
		return ex;
	}
	ao.store = store;
	ao.store_name = store_name;
	ao.store_explicit = store_explicit;
	ao.dir = dir;
	ao.sbom = sbom;
	ao.findings = findings;
	ao.no_scan = no_scan;
	crk_err_clear(&err);
	memset(&dopts, 0, sizeof(dopts));
	dopts.today = ao.today;
	if (crk_cra_assess(&a, m, &ao, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto done;
	}
	dopts.assessment = a;
	if (crk_cra_docs_build(&set, m, &dopts, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto done;
	}
	if (!strcmp(out, "-")) {
		for (k = 0; k < CRK_CRA_NDOCS; k++) {
			if (md)
				printf("==> %s.md <==\n%s\n", set->docs[k].name, set->docs[k].markdown);
			if (html)
				printf("==> %s.html <==\n%s\n", set->docs[k].name, set->docs[k].html);
		}
		if (set->security_txt)
			printf("==> security.txt <==\n%s", set->security_txt);
		if (fflush(stdout)) {
			ex = CRK_EXIT_INPUT;
			goto done;
		}
		fprintf(stderr, "crakit docs: %zu item%s missing ('crakit assess' lists where to "
				"fill each)\n",
			set->nmissing, set->nmissing == 1 ? "" : "s");
		goto done;
	}
	if (mkdir(out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "crakit docs: error: %s: cannot create the directory: %s\n", out,
			strerror(errno));
		ex = CRK_EXIT_INPUT;
		goto done;
	}
	if (json)
		crk_strbuf_addf(&report, "{\"out\":");
	if (json) {
		crk_strbuf_add_json_quoted(&report, out);
		if (a->release) {
			crk_strbuf_adds(&report, ",\"release\":{\"version\":");
			crk_strbuf_add_json_quoted(&report, a->release_version);
			crk_strbuf_adds(&report, ",\"description\":");
			crk_strbuf_add_json_quoted(&report, a->release);
			crk_strbuf_adds(&report, "}");
		}
		crk_strbuf_adds(&report, ",\"documents\":[");
	} else if (a->release) {
		crk_strbuf_addf(&report, "filled from %s\n", a->release);
	}
	for (k = 0; k < CRK_CRA_NDOCS; k++) {
		const struct crk_cra_document *d = &set->docs[k];
		struct crk_strbuf written = CRK_STRBUF_INIT(0);
		if ((md && (ex = write_one(out, d->name, ".md", d->markdown, d->markdown_len,
					   &written))) ||
		    (html &&
		     (ex = write_one(out, d->name, ".html", d->html, d->html_len, &written)))) {
			crk_strbuf_release(&written);
			goto done;
		}
		if (json)
			json_doc(&report, d, out, md, html, k == 0);
		else
			crk_strbuf_addf(&report, "%-11s %s: %zu item%s missing\n", d->annex,
					written.buf, d->nmissing, d->nmissing == 1 ? "" : "s");
		crk_strbuf_release(&written);
	}
	if (set->security_txt) {
		struct crk_strbuf written = CRK_STRBUF_INIT(0);
		if ((ex = write_one(out, "security", ".txt", set->security_txt,
				    set->security_txt_len, &written))) {
			crk_strbuf_release(&written);
			goto done;
		}
		if (!json)
			crk_strbuf_addf(&report, "%-11s %s: publish it as "
						 "/.well-known/security.txt\n",
					"RFC 9116", written.buf);
		crk_strbuf_release(&written);
	} else if (!json) {
		crk_strbuf_addf(&report, "%-11s not written: no contact (cra.yaml: "
					 "contact.vulnerability_reporting)\n",
				"RFC 9116");
	}
	if (json) {
		crk_strbuf_adds(&report, "],\n \"security_txt\":");
		if (set->security_txt)
			crk_strbuf_addf(&report, "\"%s/security.txt\"", out);
		else
			crk_strbuf_adds(&report, "null");
		crk_strbuf_addf(&report, ",\"missing\":%zu}\n", set->nmissing);
	} else {
		crk_strbuf_addf(&report, "%zu item%s missing in all; each is marked MISSING in the "
					 "documents, with where to fill it\n",
				set->nmissing, set->nmissing == 1 ? "" : "s");
	}
	if (!crk_strbuf_ok(&report)) {
		ex = CRK_EXIT_INTERNAL;
		goto done;
	}
	fputs(report.buf, stdout);
done:
	crk_strbuf_release(&report);
	crk_cra_docset_free(set);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
	crk_store_close(store);
	free(store_name);
	free(dir);
	return ex;
}
