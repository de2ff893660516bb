/*
 * cmd_report.c - `crakit report`: the Article 14 CRA reporting clock (include/crakit/report.h).
 * This file: the subcommand table, what every subcommand shares (store, times, the case, the
 * cra.yaml context), and the subcommands that record: open, route, fix-available,
 * csirt-request, sent, close. cmd_report_show.c: status, due, draft, validate, notify-users.
 * Manual: docs/cmd/report.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/report_cli.h"
#include "base/banned.h"

/* ---- shared ---- */

int rep_apply_tz(const char *cmd, const char *tz)
{
	char path[CRK_MAX_PATH];
	const char *dir = getenv("TZDIR");
	if (!tz || !*tz)
		return 0;
	if (strcmp(tz, "UTC") != 0 && tz[0] != ':') {
		snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
		if (strstr(tz, "..") || access(path, R_OK) != 0) {
			fprintf(stderr, "crakit %s: error: --tz '%s' is not a time zone of the system tz "
					"database (%s)\n",
				cmd, tz, dir && *dir ? dir : "/usr/share/zoneinfo");
			fprintf(stderr, "hint: give an IANA zone name such as Europe/Berlin, or UTC "
					"(install tzdata if none is found)\n");
			return CRK_EXIT_USAGE;
		}
	}
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

int rep_time(const char *cmd, const char *what, const char *s, int64_t now, int64_t *out)
{
	struct crk_err err;
	if (s && strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (!s || crk_time_parse(out, s, strlen(s), &err) != CRK_OK) {
		if (!s)
			fprintf(stderr, "crakit %s: error: %s is required\n", cmd, what);
		else
			fprintf(stderr, "crakit %s: error: %s: %s\n", cmd, what, err.msg);
		fprintf(stderr, "hint: give an RFC 3339 time with its offset, e.g. "
				"2026-09-11T10:17:00+02:00, or 'now'\n");
		return CRK_EXIT_USAGE;
	}
	return 0;
}

int rep_now(const char *cmd, const char *now, int64_t *out)
{
	if (!now) {
		*out = (int64_t)time(NULL);
		return 0;
	}
	return rep_time(cmd, "--now", now, (int64_t)time(NULL), out);
}

int rep_open_store(const char *cmd, const char *db, int write, struct crk_store **out)
{
	struct crk_err err;
	char *loc = NULL;
	int rc;
	crk_err_clear(&err);
	*out = NULL;
	rc = crk_store_default_location(db, &loc, &err);
	if (rc == CRK_OK)
		rc = crk_store_open(out, loc, write ? CRK_STORE_CREATE : CRK_STORE_READONLY, &err);
	crk_free(loc);
	if (rc != CRK_OK) {
		if (!write && rc == CRK_ENOTFOUND)
			return -1; /* no store yet: the caller says "no cases" */
		return crk_exit_error(&err);
	}
	return 0;
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;
	if (!s || !*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int rep_pick_case(const char *cmd, struct crk_store *s, const char *given, int64_t *id)
{
	struct crk_err err;
	int64_t *ids = NULL;
	size_t n = 0, i;
	if (given) {
		if (parse_id(given, id) != 0) {
			fprintf(stderr, "crakit %s: error: '%s' is not a case number\n", cmd, given);
			fprintf(stderr, "hint: 'crakit report due' lists the open cases\n");
			return CRK_EXIT_USAGE;
		}
		return 0;
	}
	if (crk_report_case_ids(&ids, &n, s, 1, &err) != CRK_OK) {
		return crk_exit_error(&err);
	}
	if (n == 1) {
		*id = ids[0];
		crk_report_ids_free(ids);
		return 0;
	}
	if (n == 0)
		fprintf(stderr, "crakit %s: error: there is no open report case\n", cmd);
	else {
		fprintf(stderr, "crakit %s: error: %zu cases are open (", cmd, n);
		for (i = 0; i < n; i++)
			fprintf(stderr, "%s%lld", i ? ", " : "", (long long)ids[i]);
		fprintf(stderr, "): say which with --case ID\n");
	}
	fprintf(stderr, "hint: 'crakit report open --kind vulnerability --aware-at TIME' opens one\n");
	crk_report_ids_free(ids);
	return CRK_EXIT_USAGE;
}

int rep_load_context(const char *cmd, const char *path, struct crk_cra_manifest **m,
		     struct crk_report_context *ctx, char **versions)
{
	struct crk_err err;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i;
	memset(ctx, 0, sizeof(*ctx));
	*m = NULL;
	*versions = NULL;
	if (!path) {
		if (access("cra.yaml", R_OK) != 0)
			return 0;
		path = "cra.yaml";
	}
	crk_err_clear(&err);
	if (crk_cra_manifest_load(m, path, NULL, &err) != CRK_OK) {
		return crk_exit_error(&err);
	}
	ctx->manufacturer = (*m)->manufacturer.name;
	ctx->manufacturer_country = (*m)->manufacturer.country;
	ctx->manufacturer_email = (*m)->manufacturer.email;
	ctx->website = (*m)->manufacturer.website;
	ctx->product = (*m)->product.name;
	ctx->product_type = (*m)->product.type;
	ctx->product_description = (*m)->product.description;
	ctx->contact = (*m)->contact.single_point_of_contact;
	ctx->advisories_url = (*m)->contact.advisories_url;
	for (i = 0; i < (*m)->product.versions.n; i++)
		crk_strbuf_addf(&sb, "%s%s", i ? ", " : "", (*m)->product.versions.v[i]);
	if (sb.len && crk_strbuf_ok(&sb)) {
		*versions = crk_strbuf_detach(&sb, NULL);
		ctx->versions = *versions;
	}
	crk_strbuf_release(&sb);
	return 0;
}

const char *rep_path(const char *dir, int64_t id, const char *stage, const char *ext)
{
	static char buf[CRK_MAX_PATH];
	snprintf(buf, sizeof(buf), "%s/crakit-report-%lld-%s.%s", dir ? dir : ".", (long long)id,
		 stage, ext);
	return buf;
}

int rep_write(const char *cmd, const char *path, const char *buf, size_t len)
{
	struct crk_err err;
	crk_err_clear(&err);
	if (crk_write_file_atomic(path, buf, len, CRK_WRITE_DURABLE, &err) != CRK_OK) {
		return crk_exit_error(&err);
	}
	return 0;
}

/* Parses options; returns -1 to go on, else the exit code. */
static int parse(const char *cmd, const char *usage, const struct crk_opt *opts, int argc,
		 char **argv, const char ***pos, size_t *npos, size_t minpos, size_t maxpos)
{
	int rc = crk_opt_parse(cmd, usage, opts, argc, argv, pos, npos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (*npos < minpos || *npos > maxpos) {
		fprintf(stderr, "crakit %s: error: expected %s\n", cmd, usage);
		fprintf(stderr, "hint: 'crakit %s --help' lists the options\n", cmd);
		return CRK_EXIT_USAGE;
	}
	return -1;
}

#define COMMON_OPTS(c)                                                                           \
	{"db", 0, CRK_OPT_STRING, &(c).db, "LOCATION", "the store (default: $CRAKIT_DB, else the " \
						     "XDG data directory)"},                        \
	{"now", 0, CRK_OPT_STRING, &(c).now, "TIME", "take TIME as the current time (RFC 3339)"},  \
	{"tz", 0, CRK_OPT_STRING, &(c).tz, "ZONE", "show local times in ZONE (default: $TZ)"}

/* Prints every due time of a case (open and route print it). */
static void print_dues(const struct crk_report_case *c)
{
	const struct crk_member_state *ms = crk_report_case_ms(c);
	int i;
	for (i = 0; i < CRK_STAGE_COUNT; i++) {
		struct crk_report_due due;
		char t[CRK_TIME_BUF], l[CRK_TIME_BUF];
		crk_report_due_compute(&due, c->kind, i, &c->anchors, ms);
		if (!due.has_due) {
			printf("  %-14s %s%s%s\n", crk_report_stage_name(i),
			       due.waiting ? "waits for " : "", due.waiting ? due.waiting : "",
			       due.waiting ? "" : due.rule);
			continue;
		}
		crk_time_format_local(t, due.d.target);
		crk_time_format_local(l, due.d.legal);
		printf("  %-14s by %s   legal end %s   %s\n", crk_report_stage_name(i), t, l,
		       due.rule);
	}
}

/* Routes a case from the context and the options; returns 0, or prints a warning and 1. */
static int route_case(const char *cmd, struct crk_store *s, int64_t id,
		      const struct crk_report_context *ctx, const struct crk_cra_manifest *m,
		      const char *ms_flag, const char *importer, const char *distributor,
		      const char *users, const char *manufacturer, int64_t now)
{
	struct crk_route_input in;
	struct crk_route r;
	struct crk_report_case_info info;
	struct crk_err err;
	memset(&in, 0, sizeof(in));
	memset(&info, 0, sizeof(info));
	crk_err_clear(&err);
	in.main_establishment = ms_flag ? ms_flag : ctx->manufacturer_country;
	in.authorised_representative = m ? m->manufacturer.representative.country : NULL;
	in.importer = importer;
	in.distributor = distributor;
	in.most_users = users;
	if (crk_csirt_route(&r, &in, &err) != CRK_OK) {
		fprintf(stderr, "crakit %s: warning: case %lld is not routed: %s\n", cmd,
			(long long)id, err.msg);
		fprintf(stderr, "hint: crakit report route %lld --member-state MS (the Member State "
				"of main establishment; legal ends count weekends only until then)\n",
			(long long)id);
		return 1;
	}
	if (ms_flag)
		r.basis = "Art. 14(7): Member State of main establishment (given with --member-state)";
	info.route = &r;
	info.manufacturer = manufacturer;
	if (crk_report_case_set(s, id, &info, now, &err) != CRK_OK) {
		return crk_exit_error(&err);
	}
	return 0;
}

/* ---- open ---- */

static int cmd_open(int argc, char **argv)
{
	struct rep_common c = {0};
	const char *kind = NULL, *aware = NULL, *product = NULL, *cve = NULL, *finding = NULL;
	const char *ms = NULL, *importer = NULL, *distributor = NULL, *users = NULL, **pos = NULL;
	struct crk_store *s = NULL;
	struct crk_cra_manifest *m = NULL;
	struct crk_report_context ctx;
	struct crk_report_case *rc_case = NULL;
	struct crk_report_case_info info;
	struct crk_err err;
	char *versions = NULL, t[CRK_TIME_BUF];
	int64_t now, aware_at, id = 0;
	size_t npos;
	int k, ex, routed;
	const struct crk_opt opts[] = {
		{"kind", 'k', CRK_OPT_STRING, &kind, "KIND",
		 "vulnerability (actively exploited, Art. 14(1)) or incident (severe, Art. 14(3))"},
		{"aware-at", 'a', CRK_OPT_STRING, &aware, "TIME",
		 "when the manufacturer became aware (RFC 3339 with offset, or now)"},
		{"product", 'p', CRK_OPT_STRING, &product, "NAME", "the product (default: cra.yaml)"},
		{"cve", 0, CRK_OPT_STRING, &cve, "ID", "the vulnerability (CVE, GHSA, EUVD id)"},
		{"finding", 0, CRK_OPT_STRING, &finding, "ID", "the scan finding it comes from"},
		{"cra", 0, CRK_OPT_STRING, &c.cra, "FILE", "the product's cra.yaml (default: ./cra.yaml)"},
		{"member-state", 0, CRK_OPT_STRING, &ms, "CC",
		 "Member State of main establishment (overrides cra.yaml)"},
		{"importer-country", 0, CRK_OPT_STRING, &importer, "CC",
		 "outside the EU: Member State of the importer (Art. 14(7)(b))"},
		{"distributor-country", 0, CRK_OPT_STRING, &distributor, "CC",
		 "outside the EU: Member State of the distributor (Art. 14(7)(c))"},
		{"users-country", 0, CRK_OPT_STRING, &users, "CC",
		 "outside the EU: Member State with the most users (Art. 14(7)(d))"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report open", "--kind KIND --aware-at TIME [OPTIONS]", opts, argc, argv, &pos,
		   &npos, 0, 0);
	crk_free(pos);
	if (ex >= 0)
		return ex;
	if ((ex = rep_apply_tz("report open", c.tz)) || (ex = rep_now("report open", c.now, &now)))
		return ex;
	k = crk_report_kind_parse(kind);
	if (k < 0) {
		fprintf(stderr, "crakit report open: error: --kind %s%s%s\n", kind ? "'" : "is required",
			kind ? kind : "", kind ? "' is neither vulnerability nor incident" : "");
		fprintf(stderr, "hint: --kind vulnerability for an actively exploited vulnerability "
				"(Art. 14(1)), --kind incident for a severe incident (Art. 14(3))\n");
		return CRK_EXIT_USAGE;
	}
	if ((ex = rep_time("report open", "--aware-at", aware, now, &aware_at)))
		return ex;
	if ((ex = rep_open_store("report open", c.db, 1, &s)))
		return ex;
	/* The awareness time first, committed alone: nothing after this can lose it. */
	crk_err_clear(&err);
	crk_time_format_utc(t, now);
	if (crk_report_case_open(&id, s, k, aware_at, strcmp(aware, "now") ? aware : t, now,
				 &err) != CRK_OK) {
		if (id)
			printf("case %lld opened, aware at %s (its timeline entry failed)\n",
			       (long long)id, aware);
		ex = crk_exit_error(&err);
		goto out;
	}
	crk_time_format_local(t, aware_at);
	printf("case %lld opened: %s, aware at %s\n", (long long)id, crk_report_kind_name(k), t);
	ex = rep_load_context("report open", c.cra, &m, &ctx, &versions);
	memset(&info, 0, sizeof(info));
	info.product = product ? product : ctx.product;
	info.cve = cve;
	info.finding = finding;
	info.manufacturer = ctx.manufacturer;
	if (crk_report_case_set(s, id, &info, now, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	routed = route_case("report open", s, id, &ctx, m, ms, importer, distributor, users, NULL,
			    now);
	if (routed > 1 && !ex)
		ex = routed;
	if (crk_report_case_get(&rc_case, s, id, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (rc_case->csirt)
		printf("report to: %s (%s), %s\n", rc_case->csirt, rc_case->member_state,
		       rc_case->route_basis);
	print_dues(rc_case);
	printf("next: crakit report draft early-warning --case %lld\n", (long long)id);
out:
	crk_report_case_free(rc_case);
	crk_cra_manifest_free(m);
	crk_free(versions);
	crk_store_close(s);
	return ex;
}

/* ---- route ---- */

static int cmd_route(int argc, char **argv)
{
	struct rep_common c = {0};
	const char *ms = NULL, *importer = NULL, *distributor = NULL, *users = NULL, **pos = NULL;
	struct crk_store *s = NULL;
	struct crk_cra_manifest *m = NULL;
	struct crk_report_context ctx;
	struct crk_report_case *cs = NULL;
	struct crk_err err;
	char *versions = NULL;
	int64_t now, id;
	size_t npos;
	int ex;
	const struct crk_opt opts[] = {
		{"member-state", 0, CRK_OPT_STRING, &ms, "CC", "Member State of main establishment"},
		{"importer-country", 0, CRK_OPT_STRING, &importer, "CC", "Art. 14(7)(b)"},
		{"distributor-country", 0, CRK_OPT_STRING, &distributor, "CC", "Art. 14(7)(c)"},
		{"users-country", 0, CRK_OPT_STRING, &users, "CC", "Art. 14(7)(d)"},
		{"cra", 0, CRK_OPT_STRING, &c.cra, "FILE", "the product's cra.yaml"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report route", "ID [--member-state CC] [OPTIONS]", opts, argc, argv, &pos, &npos,
		   1, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if ((ex = rep_apply_tz("report route", c.tz)) || (ex = rep_now("report route", c.now, &now)) ||
	    (ex = rep_open_store("report route", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report route", s, pos[0], &id)))
		goto out;
	if ((ex = rep_load_context("report route", c.cra, &m, &ctx, &versions)))
		goto out;
	ex = route_case("report route", s, id, &ctx, m, ms, importer, distributor, users,
			ctx.manufacturer, now);
	if (ex)
		goto out;
	crk_err_clear(&err);
	if (crk_report_case_get(&cs, s, id, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	printf("case %lld: report to %s (%s), %s\n", (long long)id, cs->csirt, cs->member_state,
	       cs->route_basis);
	print_dues(cs);
out:
	crk_free(pos);
	crk_report_case_free(cs);
	crk_cra_manifest_free(m);
	crk_free(versions);
	crk_store_close(s);
	return ex;
}

/* ---- fix-available, csirt-request, close ---- */

static int cmd_fix(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL;
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_err err;
	int64_t now, at, id;
	size_t npos;
	int ex;
	const struct crk_opt opts[] = {
		{"case", 'c', CRK_OPT_STRING, &c.case_id, "ID", "the case (default: the only open one)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report fix-available", "TIME [--case ID]", opts, argc, argv, &pos, &npos, 1, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if ((ex = rep_apply_tz("report fix-available", c.tz)) ||
	    (ex = rep_now("report fix-available", c.now, &now)) ||
	    (ex = rep_time("report fix-available", "TIME", pos[0], now, &at)) ||
	    (ex = rep_open_store("report fix-available", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report fix-available", s, c.case_id, &id)))
		goto out;
	crk_err_clear(&err);
	if (crk_report_record_fix(s, id, at, now, &err) != CRK_OK ||
	    crk_report_case_get(&cs, s, id, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (cs->kind == CRK_REPORT_INCIDENT)
		fprintf(stderr, "crakit report fix-available: note: case %lld is an incident: its "
				"final report runs from the notification's submission (Art. 14(4)(c)), "
				"not from a fix\n",
			(long long)id);
	{
		struct crk_report_due due;
		char t[CRK_TIME_BUF], l[CRK_TIME_BUF];
		crk_report_due_compute(&due, cs->kind, CRK_STAGE_FINAL, &cs->anchors,
				       crk_report_case_ms(cs));
		printf("case %lld: corrective or mitigating measure available at ", (long long)id);
		crk_time_format_local(t, at);
		printf("%s\n", t);
		if (due.has_due) {
			crk_time_format_local(t, due.d.target);
			crk_time_format_local(l, due.d.legal);
			printf("  final          by %s   legal end %s   %s\n", t, l, due.rule);
			if (cs->kind == CRK_REPORT_VULNERABILITY && at < cs->anchors.aware_at)
				printf("  (the measure predates awareness: counted from awareness)\n");
		}
	}
out:
	crk_free(pos);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}

static int cmd_request(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *at_s = NULL, *due_s = NULL;
	struct crk_store *s = NULL;
	struct crk_err err;
	int64_t now, at, due = CRK_TIME_NONE, id;
	size_t npos;
	int ex;
	const struct crk_opt opts[] = {
		{"at", 0, CRK_OPT_STRING, &at_s, "TIME", "when the CSIRT asked (default: now)"},
		{"due", 0, CRK_OPT_STRING, &due_s, "TIME", "the date the CSIRT set for the report"},
		{"case", 'c', CRK_OPT_STRING, &c.case_id, "ID", "the case (default: the only open one)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report csirt-request", "[--at TIME] [--due TIME] [--case ID]", opts, argc, argv,
		   &pos, &npos, 0, 0);
	crk_free(pos);
	if (ex >= 0)
		return ex;
	if ((ex = rep_apply_tz("report csirt-request", c.tz)) ||
	    (ex = rep_now("report csirt-request", c.now, &now)) ||
	    (ex = rep_time("report csirt-request", "--at", at_s ? at_s : "now", now, &at)) ||
	    (due_s && (ex = rep_time("report csirt-request", "--due", due_s, now, &due))) ||
	    (ex = rep_open_store("report csirt-request", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report csirt-request", s, c.case_id, &id)))
		goto out;
	crk_err_clear(&err);
	if (crk_report_record_request(s, id, at, due, now, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	printf("case %lld: intermediate report requested by the CSIRT (Art. 14(6))", (long long)id);
	if (due != CRK_TIME_NONE) {
		char t[CRK_TIME_BUF];
		crk_time_format_local(t, due);
		printf(", due %s", t);
	}
	printf("\n");
out:
	crk_store_close(s);
	return ex;
}

static int cmd_close(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL;
	struct crk_store *s = NULL;
	struct crk_err err;
	int64_t now, id;
	size_t npos;
	int ex;
	const struct crk_opt opts[] = {
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report close", "ID", opts, argc, argv, &pos, &npos, 1, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if ((ex = rep_now("report close", c.now, &now)) ||
	    (ex = rep_open_store("report close", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report close", s, pos[0], &id)))
		goto out;
	crk_err_clear(&err);
	if (crk_report_case_close(s, id, now, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	printf("case %lld closed: nothing more is listed as due\n", (long long)id);
out:
	crk_free(pos);
	crk_store_close(s);
	return ex;
}

/* ---- sent ---- */

static int cmd_sent(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *at_s = NULL, *receipt = NULL, *file = NULL, *dir = NULL;
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_report_missing *miss = NULL;
	struct crk_strbuf names = CRK_STRBUF_INIT(CRK_MAX_STRING);
	struct crk_err err;
	char *payload = NULL, t[CRK_TIME_BUF];
	size_t plen = 0, nmiss = 0, npos, i;
	int64_t now, at, id;
	int ex, incomplete = 0, stage, pstage = -1;
	const struct crk_opt opts[] = {
		{"at", 0, CRK_OPT_STRING, &at_s, "TIME", "when it was submitted (RFC 3339, or now)"},
		{"receipt", 'r', CRK_OPT_STRING, &receipt, "REF",
		 "the reference the reporting platform gave"},
		{"incomplete", 0, CRK_OPT_FLAG, &incomplete, NULL,
		 "it was knowingly sent with mandatory fields missing (on time beats complete)"},
		{"file", 'f', CRK_OPT_STRING, &file, "FILE",
		 "the payload sent (default: DIR/crakit-report-ID-STAGE.json)"},
		{"dir", 'd', CRK_OPT_STRING, &dir, "DIR", "where the drafts are (default: .)"},
		{"case", 'c', CRK_OPT_STRING, &c.case_id, "ID", "the case (default: the only open one)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report sent", "STAGE --at TIME [--receipt REF] [--incomplete] [--case ID]",
		   opts, argc, argv, &pos, &npos, 1, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	stage = crk_report_stage_parse(pos[0]);
	if (stage < 0) {
		fprintf(stderr, "crakit report sent: error: '%s' is not a stage\n", pos[0]);
		fprintf(stderr, "hint: early-warning, notification, intermediate, final or "
				"user-notice\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!at_s) {
		fprintf(stderr, "crakit report sent: error: --at is required: when was it submitted?\n");
		fprintf(stderr, "hint: --at 2026-09-11T18:05:00+02:00, or --at now\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if ((ex = rep_apply_tz("report sent", c.tz)) || (ex = rep_now("report sent", c.now, &now)) ||
	    (ex = rep_time("report sent", "--at", at_s, now, &at)) ||
	    (ex = rep_open_store("report sent", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report sent", s, c.case_id, &id)))
		goto out;
	crk_err_clear(&err);
	if (!file)
		file = rep_path(dir, id, pos[0], "json");
	if (crk_read_file(file, CRK_MAX_FILE_SIZE, &payload, &plen, &err) != CRK_OK) {
		if (err.code != CRK_ENOTFOUND && access(file, F_OK) == 0) {
			ex = crk_exit_error(&err);
			goto out;
		}
		payload = NULL;
		/* no file: the payload last drafted or validated, as the store keeps it */
		if (crk_report_case_get(&cs, s, id, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			goto out;
		}
		if (cs->stage[stage].draft) {
			payload = crk_strdup(cs->stage[stage].draft);
			plen = payload ? strlen(payload) : 0;
			file = "the stored draft";
		}
		crk_report_case_free(cs);
		cs = NULL;
	}
	if (payload) {
		if (crk_report_validate(&miss, &nmiss, &pstage, payload, plen, file, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			goto out;
		}
		if (pstage != stage) {
			fprintf(stderr, "crakit report sent: error: %s is the payload of the %s stage, "
					"not %s\n",
				file, crk_report_stage_name(pstage), pos[0]);
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		for (i = 0; i < nmiss; i++)
			crk_strbuf_addf(&names, "%s%s", i ? ", " : "", miss[i].field);
	} else {
		crk_strbuf_addf(&names, "the whole payload (no %s, no stored draft)", file);
	}
	if (names.len && !incomplete) {
		fprintf(stderr, "crakit report sent: error: the %s of case %lld is incomplete: %s\n",
			pos[0], (long long)id, names.buf);
		for (i = 0; i < nmiss; i++)
			fprintf(stderr, "  missing %-24s %s (%s)\n", miss[i].field, miss[i].label,
				miss[i].article);
		fprintf(stderr, "hint: complete it (crakit report validate %lld %s), or if it was "
				"knowingly sent so, add --incomplete: on time and incomplete beats late\n",
			(long long)id, pos[0]);
		ex = CRK_EXIT_POLICY;
		goto out;
	}
	if (crk_report_record_sent(s, id, stage, at, receipt, payload,
				   crk_strbuf_ok(&names) ? names.buf : "", now, &err) != CRK_OK ||
	    crk_report_case_get(&cs, s, id, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	crk_time_format_local(t, at);
	printf("case %lld: %s sent at %s%s%s%s\n", (long long)id, pos[0], t,
	       receipt ? ", receipt " : "", receipt ? receipt : "",
	       names.len ? " (incomplete)" : "");
	{
		struct crk_report_due due;
		crk_report_due_compute(&due, cs->kind, stage, &cs->anchors, crk_report_case_ms(cs));
		if (due.has_due && at > due.d.target)
			printf("  after the target (%s)%s\n", due.rule,
			       at >= due.d.legal ? " and after the legal end" : "");
		if (cs->kind == CRK_REPORT_INCIDENT && stage == CRK_STAGE_NOTIFICATION) {
			char l[CRK_TIME_BUF];
			crk_report_due_compute(&due, cs->kind, CRK_STAGE_FINAL, &cs->anchors,
					       crk_report_case_ms(cs));
			crk_time_format_local(t, due.d.target);
			crk_time_format_local(l, due.d.legal);
			printf("  final          by %s   legal end %s   %s\n", t, l, due.rule);
		}
	}
out:
	crk_strbuf_release(&names);
	crk_free(miss);
	crk_free(payload);
	crk_free(pos);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}

/* ---- the table ---- */

static const struct crk_cmd subs[] = {
	{"open", cmd_open, 0, "open a case: the awareness time is recorded first"},
	{"route", cmd_route, 0, "set the Member State / CSIRT a case reports to (Art. 14(7))"},
	{"draft", cmd_report_draft, 0, "write a stage's payload (JSON) and worksheet (Markdown)"},
	{"validate", cmd_report_validate, 0, "name every mandatory field a payload still misses"},
	{"sent", cmd_sent, 0, "record that a stage was submitted"},
	{"fix-available", cmd_fix, 0, "record that a corrective or mitigating measure is available"},
	{"csirt-request", cmd_request, 0, "record the CSIRT's request for an intermediate report"},
	{"status", cmd_report_status, 0, "show a case's due times and timeline"},
	{"due", cmd_report_due, 0, "list every open obligation, overdue first (exit 1: act now)"},
	{"notify-users", cmd_report_notify, 0, "draft the notice to users (Markdown, text, CSAF 2.0)"},
	{"close", cmd_close, 0, "close a case"},
	{NULL, NULL, 0, NULL},
};

static void usage(FILE *f)
{
	size_t i;
	fprintf(f, "usage: crakit report SUBCOMMAND [OPTIONS]\n\n"
		   "Article 14 CRA reporting: an actively exploited vulnerability or a severe "
		   "incident,\n24 h early warning, 72 h notification, final report, users "
		   "informed.\n\nsubcommands:\n");
	for (i = 0; subs[i].name; i++)
		fprintf(f, "  %-14s %s\n", subs[i].name, subs[i].summary);
	fprintf(f, "\n'crakit report SUBCOMMAND --help' lists its options; 'crakit help report' "
		   "shows the manual.\n");
}

int cmd_report(int argc, char **argv)
{
	return crk_subcmd_run("report", subs, usage, argc, argv);
}
