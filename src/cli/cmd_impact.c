/*
 * cmd_impact.c - `crakit impact PURL|VULN [--as-of DATE]`: which products and releases contain
 * a component or are hit by a vulnerability, now or as of a past day, with the VEX decision in
 * force then (include/crakit/release.h). Manual: docs/cmd/impact.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "base/banned.h"

struct ctx {
	int json, n, is_vuln;
};

static void json_str(const char *s)
{
	if (!s) {
		printf("null");
		return;
	}
	putchar('"');
	for (; *s; s++) {
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

static int one(void *ud, const struct crk_impact_row *r)
{
	struct ctx *c = ud;
	if (c->json) {
		printf("%s{\"product\":", c->n ? "," : "");
		json_str(r->product);
		printf(",\"version\":");
		json_str(r->version);
		printf(",\"placed\":");
		json_str(r->placed);
		printf(",\"component\":");
		json_str(r->purl);
		if (c->is_vuln) {
			printf(",\"vulnerability\":");
			json_str(r->vuln);
			printf(",\"vex\":");
			if (r->vex_status) {
				char when[32];
				time_t t = (time_t)r->vex_at;
				struct tm tm;
				gmtime_r(&t, &tm);
				strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
				printf("{\"status\":");
				json_str(r->vex_status);
				printf(",\"justification\":");
				json_str(r->vex_justification);
				printf(",\"at\":\"%s\"}", when);
			} else {
				printf("null");
			}
		}
		putchar('}');
	} else {
		if (!c->n)
			printf("%-24s %-14s %-10s %s\n", "PRODUCT", "VERSION", "PLACED",
			       c->is_vuln ? "COMPONENT  VULNERABILITY  VEX" : "COMPONENT");
		printf("%-24s %-14s %-10s %s", r->product, r->version, r->placed, r->purl);
		if (c->is_vuln) {
			printf("  %s  ", r->vuln);
			if (r->vex_status)
				printf("%s%s%s", r->vex_status, r->vex_justification ? ": " : "",
				       r->vex_justification ? r->vex_justification : "");
			else
				printf("no VEX decision");
		}
		putchar('\n');
	}
	c->n++;
	return 0;
}

int cmd_impact(int argc, char **argv)
{
	const char *db = NULL, *as_of = NULL;
	int json = 0, rc;
	const struct crk_opt opts[] = {
		{"as-of", 0, CRK_OPT_STRING, &as_of, "YYYY-MM-DD",
		 "releases placed on the market by then, VEX decisions as they stood that day"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON array"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct ctx c = {0, 0, 0};
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	char *loc = NULL;
	size_t npos;
	int ex = CRK_EXIT_OK;

	crk_err_clear(&err);
	rc = crk_opt_parse("impact", "PURL|VULN [--as-of DATE] [--json]", opts, argc, argv, &pos,
			   &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (npos != 1) {
		fprintf(stderr, "crakit impact: error: give one purl (pkg:npm/lodash@4.17.15, "
				"pkg:npm/lodash for any version) or one vulnerability id (CVE-..., "
				"GHSA-...)\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	c.json = json;
	c.is_vuln = strncmp(pos[0], "pkg:", 4) != 0;
	rc = crk_store_default_location(db, &loc, &err);
	if (!rc)
		rc = crk_store_open(&s, loc, CRK_STORE_READONLY, &err);
	crk_free(loc);
	if (rc == CRK_ENOTFOUND)
		err.hint[0] = '\0'; /* the store's hint is about advisories; ours follows */
	if (rc) {
		crk_print_cmd_error("impact", &err);
		if (rc == CRK_ENOTFOUND)
			fprintf(stderr, "hint: nothing is recorded: 'crakit release record' stores "
					"releases with their SBOM and findings\n");
		crk_free(pos);
		return rc == CRK_ENOTFOUND || rc == CRK_EIO ? CRK_EXIT_INPUT : CRK_EXIT_INTERNAL;
	}
	if (json)
		putchar('[');
	rc = crk_impact(s, pos[0], as_of, one, &c, &err);
	if (json)
		printf("]\n");
	if (rc) {
		crk_print_cmd_error("impact", &err);
		ex = rc == CRK_EINVAL || rc == CRK_EPARSE ? CRK_EXIT_USAGE : CRK_EXIT_INTERNAL;
	} else if (!json && !c.n) {
		printf("no recorded release %s %s%s%s\n", c.is_vuln ? "is affected by" : "contains",
		       pos[0], as_of ? " as of " : "", as_of ? as_of : "");
	}
	crk_store_close(s);
	crk_free(pos);
	return ex;
}
