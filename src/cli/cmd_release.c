/*
 * cmd_release.c - `crakit release record|list`: releases with their SBOM snapshot, findings
 * and assessment, and until when each must be kept (Art. 13(9), 13(13)). Manual:
 * docs/cmd/release.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/cra.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit release record --version V [--sbom FILE] [--findings FILE]\n"
		   "                             [--assessment FILE] [OPTIONS]\n"
		   "       crakit release list [--product NAME] [--json]\n\n"
		   "subcommands:\n"
		   "  record   store a release with its documents, in the audit log\n"
		   "  list     the recorded releases and until when each must be kept\n\n"
		   "'crakit help release' shows the full manual page.\n");
}

/* Opens the store of --db (or $CRAKIT_DB, ...); prints the error. */
static int open_store(const char *db, unsigned flags, struct crk_store **s)
{
	struct crk_err err;
	char *loc = NULL;
	int rc;
	crk_err_clear(&err);
	rc = crk_store_default_location(db, &loc, &err);
	if (!rc)
		rc = crk_store_open(s, loc, flags, &err);
	crk_free(loc);
	if (rc == CRK_ENOTFOUND)
		err.hint[0] = '\0'; /* the store's hint is about advisories; ours follows */
	if (rc) {
		crk_print_cmd_error("release", &err);
		if (rc == CRK_ENOTFOUND)
			fprintf(stderr, "hint: nothing is recorded yet: 'crakit release record' "
					"creates the store (or give --db PATH)\n");
		return rc == CRK_ENOTFOUND || rc == CRK_EIO ? CRK_EXIT_INPUT : CRK_EXIT_INTERNAL;
	}
	return CRK_EXIT_OK;
}

static int read_doc(const char *path, char **buf, size_t *len)
{
	struct crk_err err;
	crk_err_clear(&err);
	if (crk_read_file(path, CRK_MAX_FILE_SIZE, buf, len, &err)) {
		crk_print_cmd_error("release record", &err);
		return -1;
	}
	return 0;
}

static void json_str(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* The assessment at the moment of the release (issue: "stores the release with its SBOM
 * snapshot, findings and assessment at that moment"): crk_cra_assess() of the product of
 * cra.yaml `config` with the release's SBOM and findings, as of the day of the record, rendered
 * as `crakit assess --json` renders it. Returns 0 or the exit code (the error printed). */
static int assess_release(const struct crk_cra_manifest *m, const char *config, const char *sbom,
			  const char *findings, int64_t now_at, char **out, size_t *len, int *score,
			  size_t *ngaps)
{
	struct crk_cra_assess_opts o;
	struct crk_cra_assessment *a = NULL;
	struct crk_err err;
	const char *slash = strrchr(config, '/');
	char dir[4096];
	int rc;

	memset(&o, 0, sizeof(o));
	if (slash && (size_t)(slash - config) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", slash == config ? 1 : (int)(slash - config), config);
	else
		snprintf(dir, sizeof(dir), ".");
	o.dir = dir;
	o.sbom = sbom;
	o.findings = findings;
	o.today = (now_at ? now_at : (int64_t)time(NULL)) / 86400;
	crk_err_clear(&err);
	rc = crk_cra_assess(&a, m, &o, &err);
	if (rc == CRK_OK)
		rc = crk_cra_assessment_render(out, len, a, CRK_FORMAT_JSON, &err);
	if (rc != CRK_OK) {
		crk_print_cmd_error("release record", &err);
		fprintf(stderr, "hint: the release is assessed as 'crakit assess' does; "
				"--no-assessment records it without\n");
		crk_cra_assessment_free(a);
		return rc == CRK_ENOMEM ? CRK_EXIT_INTERNAL : CRK_EXIT_INPUT;
	}
	*score = (int)(a->score + 0.5);
	*ngaps = a->ngaps;
	crk_cra_assessment_free(a);
	return CRK_EXIT_OK;
}

static int record(int argc, char **argv)
{
	const char *version = NULL, *product = NULL, *manufacturer = NULL, *date = NULL,
		   *support_end = NULL, *sbom = NULL, *findings = NULL, *assessment = NULL,
		   *config = NULL, *author = NULL, *db = NULL, *now = NULL;
	int security_only = 0, json = 0, no_assess = 0, score = -1;
	size_t ngaps = 0;
	int64_t now_at = 0;
	const struct crk_opt opts[] = {
		{"version", 0, CRK_OPT_STRING, &version, "V", "the product version released (required)"},
		{"sbom", 0, CRK_OPT_STRING, &sbom, "FILE",
		 "its SBOM (CycloneDX or SPDX, any format crakit reads)"},
		{"findings", 0, CRK_OPT_STRING, &findings, "FILE",
		 "its findings: the output of 'crakit scan --json'"},
		{"assessment", 0, CRK_OPT_STRING, &assessment, "FILE",
		 "its assessment: the output of 'crakit assess --json'"},
		{"date", 0, CRK_OPT_STRING, &date, "YYYY-MM-DD",
		 "placed on the market (a security update: issued) on this day (default: today)"},
		{"security-only", 0, CRK_OPT_FLAG, &security_only, NULL,
		 "a security update, separate from feature updates (Art. 13(9), Annex I Part II (8))"},
		{"product", 0, CRK_OPT_STRING, &product, "NAME", "product name (default: cra.yaml's)"},
		{"manufacturer", 0, CRK_OPT_STRING, &manufacturer, "NAME",
		 "manufacturer (default: cra.yaml's)"},
		{"support-end", 0, CRK_OPT_STRING, &support_end, "DATE",
		 "end of the support period, YYYY-MM-DD or YYYY-MM (default: cra.yaml's)"},
		{"config", 'c', CRK_OPT_STRING, &config, "FILE", "the product's cra.yaml (default: "
								 "./cra.yaml when there)"},
		{"author", 0, CRK_OPT_STRING, &author, "WHO",
		 "who records it (default: $CRAKIT_AUTHOR, $GIT_AUTHOR_EMAIL, $USER)"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store (default: $CRAKIT_DB, else "
						      "$XDG_DATA_HOME/crakit/crakit.db)"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print the result as JSON"},
		{"no-assessment", 0, CRK_OPT_FLAG, &no_assess, NULL,
		 "with a cra.yaml and no --assessment: do not assess the release (default: assess it "
		 "as 'crakit assess --json' does, with --sbom and --findings, and store that)"},
		{"now", 0, CRK_OPT_STRING, &now, "TIME",
		 "record it as made at TIME (RFC 3339 or YYYY-MM-DD; default: now), for "
		 "reproducible runs"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_cra_manifest *m = NULL;
	struct crk_release_in in;
	struct crk_release_out out;
	struct crk_store *s = NULL;
	struct crk_diags diags;
	struct crk_err err;
	const char **pos = NULL;
	char *docs[3] = {NULL, NULL, NULL};
	size_t lens[3] = {0, 0, 0}, npos, i;
	int rc, ex = CRK_EXIT_OK;

	crk_diags_init(&diags);
	crk_err_clear(&err);
	rc = crk_opt_parse("release record", "--version V [OPTIONS]", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos || !version || !*version) {
		fprintf(stderr, "crakit release record: error: %s\n",
			npos ? "unexpected argument (documents are given with --sbom, --findings, "
			       "--assessment)"
			     : "--version is required");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (now && crk_vex_time_parse(now, &now_at) != 0) {
		fprintf(stderr, "crakit release record: error: --now '%s' is not a time, expected "
				"RFC 3339 (2027-03-01T12:00:00Z) or YYYY-MM-DD\n",
			now);
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!config && access("cra.yaml", F_OK) == 0)
		config = "cra.yaml";
	if (config) {
		if (crk_cra_manifest_load(&m, config, &diags, &err)) {
			crk_print_cmd_error("release record", &err);
			fprintf(stderr, "hint: fix cra.yaml ('crakit init' writes one), or give "
					"--product and --support-end without it\n");
			ex = CRK_EXIT_INPUT;
			goto out;
		}
		if (!product)
			product = m->product.name;
		if (!manufacturer)
			manufacturer = m->manufacturer.name;
		if (!support_end)
			support_end = m->support.end;
		if (!date)
			date = m->product.placed_on_market;
	}
	if (!product || !*product) {
		fprintf(stderr, "crakit release record: error: no product name: give --product NAME "
				"or run it where the product's cra.yaml is\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if ((sbom && read_doc(sbom, &docs[0], &lens[0])) ||
	    (findings && read_doc(findings, &docs[1], &lens[1])) ||
	    (assessment && read_doc(assessment, &docs[2], &lens[2]))) {
		ex = CRK_EXIT_INPUT;
		goto out;
	}
	if (m && !assessment && !no_assess &&
	    (ex = assess_release(m, config, sbom, findings, now_at, &docs[2], &lens[2], &score,
				 &ngaps)))
		goto out;
	if ((ex = open_store(db, CRK_STORE_CREATE, &s)))
		goto out;
	memset(&in, 0, sizeof(in));
	in.product = product;
	in.manufacturer = manufacturer;
	in.version = version;
	in.placed = date;
	in.support_end = support_end;
	in.security_only = security_only;
	in.actor = author;
	in.now = now_at;
	in.sbom = docs[0];
	in.sbom_len = lens[0];
	in.sbom_name = sbom;
	in.findings = docs[1];
	in.findings_len = lens[1];
	in.findings_name = findings;
	in.assessment = docs[2];
	in.assessment_len = lens[2];
	in.assessment_name = assessment ? assessment : "assessment";
	rc = crk_release_record(s, &in, &out, &diags, &err);
	for (i = 0; i < diags.n; i++)
		fprintf(stderr, "crakit: warning: %s\n", diags.v[i].msg);
	if (rc) {
		crk_print_cmd_error("release record", &err);
		ex = rc == CRK_EPARSE || rc == CRK_EUNSUPPORTED ? CRK_EXIT_INPUT
		     : rc == CRK_EINVAL			     ? CRK_EXIT_USAGE
							     : CRK_EXIT_INTERNAL;
		goto out;
	}
	if (json) {
		printf("{\"product\":");
		json_str(product);
		printf(",\"version\":");
		json_str(version);
		printf(",\"retain_until\":\"%s\",\"retention_basis\":", out.retain_until);
		json_str(out.retention_basis);
		if (score >= 0)
			printf(",\"assessment_score\":%d", score);
		printf(",\"components\":%zu,\"findings\":%zu,\"sbom_sha256\":%s%s%s,"
		       "\"audit_seq\":%" PRId64 "}\n",
		       out.ncomponents, out.nfindings, *out.sbom_sha256 ? "\"" : "",
		       *out.sbom_sha256 ? out.sbom_sha256 : "null", *out.sbom_sha256 ? "\"" : "",
		       out.audit_seq);
	} else {
		printf("recorded %s %s: %zu components, %zu findings%s\n", product, version,
		       out.ncomponents, out.nfindings, in.sbom ? "" : " (no SBOM given)");
		printf("keep until %s: %s\n", out.retain_until, out.retention_basis);
		if (score >= 0)
			printf("assessed: score %d%%, %zu gaps ('crakit assess' as of the record, stored "
			       "with it)\n",
			       score, ngaps);
		printf("audit log entry %" PRId64 "\n", out.audit_seq);
	}
out:
	for (i = 0; i < 3; i++)
		crk_free(docs[i]);
	crk_cra_manifest_free(m);
	crk_store_close(s);
	crk_diags_release(&diags);
	crk_free(pos);
	return ex;
}

struct listctx {
	int json, n;
};

static int list_one(void *ud, const struct crk_release_row *r)
{
	struct listctx *c = ud;
	if (c->json) {
		printf("%s{\"product\":", c->n ? "," : "");
		json_str(r->product);
		printf(",\"version\":");
		json_str(r->version);
		printf(",\"placed\":\"%s\",\"support_end\":%s%s%s,\"security_only\":%s,"
		       "\"retain_until\":\"%s\",\"retention_basis\":",
		       r->placed, r->support_end ? "\"" : "", r->support_end ? r->support_end : "null",
		       r->support_end ? "\"" : "", r->security_only ? "true" : "false",
		       r->retain_until);
		json_str(r->retention_basis);
		printf(",\"components\":%" PRId64 ",\"findings\":%" PRId64 "}", r->ncomponents,
		       r->nfindings);
	} else {
		if (!c->n)
			printf("%-24s %-14s %-10s %-10s %-10s %6s %6s  %s\n", "PRODUCT", "VERSION",
			       "PLACED", "SUPPORT", "KEEP UNTIL", "COMPS", "VULNS", "BASIS");
		printf("%-24s %-14s %-10s %-10s %-10s %6" PRId64 " %6" PRId64 "  %s%s\n", r->product,
		       r->version, r->placed, r->support_end ? r->support_end : "-", r->retain_until,
		       r->ncomponents, r->nfindings, r->retention_basis,
		       r->security_only ? " [security update]" : "");
	}
	c->n++;
	return 0;
}

static int list(int argc, char **argv)
{
	const char *product = NULL, *db = NULL;
	int json = 0;
	const struct crk_opt opts[] = {
		{"product", 0, CRK_OPT_STRING, &product, "NAME", "only this product's releases"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON array"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct listctx c = {0, 0};
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos;
	int rc, ex;

	crk_err_clear(&err);
	rc = crk_opt_parse("release list", "[--product NAME] [--json]", opts, argc, argv, &pos,
			   &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (npos) {
		fprintf(stderr, "crakit release list: error: unexpected argument\n");
		return CRK_EXIT_USAGE;
	}
	if ((ex = open_store(db, CRK_STORE_READONLY, &s)))
		return ex;
	c.json = json;
	if (json)
		putchar('[');
	rc = crk_release_each(s, product, list_one, &c, &err);
	if (json)
		printf("]\n");
	else if (!rc && !c.n)
		fprintf(stderr, "crakit: no release recorded%s%s yet: 'crakit release record "
				"--version V --sbom FILE' records one\n",
			product ? " for " : "", product ? product : "");
	crk_store_close(s);
	if (rc) {
		crk_print_cmd_error("release list", &err);
		return CRK_EXIT_INTERNAL;
	}
	return CRK_EXIT_OK;
}

int cmd_release(int argc, char **argv)
{
	static const struct crk_cmd subs[] = {
		{"record", record, CRK_CMD_WRITES_STORE, "store a release"},
		{"list", list, CRK_CMD_NEEDS_STORE, "show the releases"},
		{NULL, NULL, 0, NULL},
	};
	return crk_subcmd_run("release", subs, usage, argc, argv);
}
