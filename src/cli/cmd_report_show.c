/*
 * cmd_report_show.c - the `crakit report` subcommands that read cases and write documents:
 * status, due, draft, validate, notify-users (cmd_report.c has the table and the recording
 * subcommands). Manual: docs/cmd/report.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/report_cli.h"
#include "base/banned.h"

#define COMMON_OPTS(c)                                                                           \
	{"db", 0, CRK_OPT_STRING, &(c).db, "LOCATION", "the store (default: $CRAKIT_DB, else the " \
						     "XDG data directory)"},                        \
	{"now", 0, CRK_OPT_STRING, &(c).now, "TIME", "take TIME as the current time (RFC 3339)"},  \
	{"tz", 0, CRK_OPT_STRING, &(c).tz, "ZONE", "show local times in ZONE (default: $TZ)"}

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

/* "3h 05m", "2d 4h", "12m" for a span of seconds (>= 0). */
static void span(char *buf, size_t n, int64_t s)
{
	if (s >= 86400)
		snprintf(buf, n, "%lldd %lldh", (long long)(s / 86400), (long long)(s % 86400 / 3600));
	else if (s >= 3600)
		snprintf(buf, n, "%lldh %02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
	else
		snprintf(buf, n, "%lldm", (long long)(s / 60));
}

static void add_time(struct crk_strbuf *sb, const char *key, int64_t t)
{
	char b[CRK_TIME_BUF];
	crk_strbuf_addf(sb, ",\"%s\":", key);
	if (t == CRK_TIME_NONE) {
		crk_strbuf_adds(sb, "null");
		return;
	}
	crk_time_format_utc(b, t);
	crk_strbuf_add_json_quoted(sb, b);
}

static int load_case(const char *cmd, struct crk_store *s, int64_t id, struct crk_report_case **c)
{
	struct crk_err err;
	crk_err_clear(&err);
	if (crk_report_case_get(c, s, id, &err) != CRK_OK) {
		return crk_exit_error(&err);
	}
	return 0;
}

/* ---- status ---- */

struct tl {
	struct crk_strbuf *json;
	int n;
};

static int print_event(const struct crk_report_event *e, void *arg)
{
	struct tl *t = arg;
	char at[CRK_TIME_BUF];
	if (t->json) {
		crk_strbuf_adds(t->json, t->n++ ? ",{" : "{");
		crk_strbuf_addf(t->json, "\"seq\":%lld", (long long)e->seq);
		add_time(t->json, "at", e->at);
		add_time(t->json, "recorded_at", e->recorded_at);
		crk_strbuf_adds(t->json, ",\"what\":");
		crk_strbuf_add_json_quoted(t->json, e->what);
		crk_strbuf_adds(t->json, ",\"detail\":");
		crk_strbuf_add_json_quoted(t->json, e->detail);
		crk_strbuf_addch(t->json, '}');
		return 0;
	}
	crk_time_format_local(at, e->at);
	printf("  %-31s %-14s %s\n", at, e->what, e->detail);
	return 0;
}

/* The state of a stage at `now`: "sent ...", "overdue by ...", "due in ...", "waiting", ... */
static void stage_state(char *buf, size_t n, const struct crk_report_case *c, int st,
			const struct crk_report_due *due, int64_t now)
{
	char b[CRK_TIME_BUF], sp[32];
	const struct crk_report_stage_rec *r = &c->stage[st];
	if (r->sent_at != CRK_TIME_NONE) {
		crk_time_format_local(b, r->sent_at);
		snprintf(buf, n, "sent %s%s", b, r->incomplete ? " (incomplete)" : "");
	} else if (due->has_due && now > due->d.target) {
		span(sp, sizeof(sp), now - due->d.target);
		snprintf(buf, n, "OVERDUE by %s%s", sp, now >= due->d.legal ? " (past the legal end)"
									   : "");
	} else if (due->has_due) {
		span(sp, sizeof(sp), due->d.target - now);
		snprintf(buf, n, "due in %s", sp);
	} else if (st == CRK_STAGE_INTERMEDIATE) {
		snprintf(buf, n, "not requested");
	} else if (due->waiting) {
		snprintf(buf, n, "waiting");
	} else {
		snprintf(buf, n, "no fixed deadline");
	}
}

static void case_json(struct crk_strbuf *sb, const struct crk_report_case *c, int64_t now)
{
	const struct crk_member_state *ms = crk_report_case_ms(c);
	int i;
	crk_strbuf_addf(sb, "{\"case\":%lld,\"kind\":\"%s\"", (long long)c->id,
			crk_report_kind_name(c->kind));
	add_time(sb, "aware_at", c->anchors.aware_at);
	crk_strbuf_adds(sb, ",\"aware_text\":");
	crk_strbuf_add_json_quoted(sb, c->aware_text);
	add_time(sb, "opened_at", c->opened_at);
	add_time(sb, "closed_at", c->closed_at);
	crk_strbuf_adds(sb, ",\"product\":");
	crk_strbuf_add_json_quoted(sb, c->product);
	crk_strbuf_adds(sb, ",\"cve\":");
	crk_strbuf_add_json_quoted(sb, c->cve);
	crk_strbuf_adds(sb, ",\"finding\":");
	crk_strbuf_add_json_quoted(sb, c->finding);
	crk_strbuf_adds(sb, ",\"member_state\":");
	crk_strbuf_add_json_quoted(sb, c->member_state);
	crk_strbuf_adds(sb, ",\"csirt\":");
	crk_strbuf_add_json_quoted(sb, c->csirt);
	crk_strbuf_adds(sb, ",\"route_basis\":");
	crk_strbuf_add_json_quoted(sb, c->route_basis);
	add_time(sb, "fix_available_at", c->anchors.fix_available_at);
	crk_strbuf_adds(sb, ",\"stages\":[");
	for (i = 0; i < CRK_STAGE_COUNT; i++) {
		struct crk_report_due due;
		char state[160];
		crk_report_due_compute(&due, c->kind, i, &c->anchors, ms);
		stage_state(state, sizeof(state), c, i, &due, now);
		crk_strbuf_addf(sb, "%s{\"stage\":\"%s\",\"article\":\"%s\",\"rule\":", i ? "," : "",
				crk_report_stage_name(i), crk_report_stage_article(c->kind, i));
		crk_strbuf_add_json_quoted(sb, due.rule);
		add_time(sb, "target", due.has_due ? due.d.target : CRK_TIME_NONE);
		add_time(sb, "legal", due.has_due ? due.d.legal : CRK_TIME_NONE);
		crk_strbuf_adds(sb, ",\"legal_shifted_for\":");
		crk_strbuf_add_json_quoted(sb, due.has_due ? due.d.shift_reason : NULL);
		crk_strbuf_adds(sb, ",\"waiting_for\":");
		crk_strbuf_add_json_quoted(sb, due.waiting);
		add_time(sb, "sent_at", c->stage[i].sent_at);
		crk_strbuf_adds(sb, ",\"receipt\":");
		crk_strbuf_add_json_quoted(sb, c->stage[i].receipt);
		crk_strbuf_addf(sb, ",\"incomplete\":%s}", c->stage[i].incomplete ? "true" : "false");
	}
	crk_strbuf_adds(sb, "]");
}

int cmd_report_status(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL;
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_err err;
	int64_t now, id;
	size_t npos;
	int ex, json = 0, i;
	const struct crk_opt opts[] = {
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the case as JSON"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report status", "[ID] [--json]", opts, argc, argv, &pos, &npos, 0, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if ((ex = rep_apply_tz("report status", c.tz)) || (ex = rep_now("report status", c.now, &now)))
		goto out;
	ex = rep_open_store("report status", c.db, 0, &s);
	if (ex == -1) {
		fprintf(stderr, "crakit report status: error: there are no report cases (no store)\n");
		fprintf(stderr, "hint: 'crakit report open' opens one; --db or $CRAKIT_DB names the "
				"store\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}
	if (ex || (ex = rep_pick_case("report status", s, npos ? pos[0] : NULL, &id)) ||
	    (ex = load_case("report status", s, id, &cs)))
		goto out;
	crk_err_clear(&err);
	if (json) {
		struct tl t = {&sb, 0};
		case_json(&sb, cs, now);
		crk_strbuf_adds(&sb, ",\"timeline\":[");
		if (crk_report_events(s, id, print_event, &t, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			goto out;
		}
		crk_strbuf_adds(&sb, "]}\n");
		if (!crk_strbuf_ok(&sb)) {
			fprintf(stderr, "crakit report status: error: out of memory\n");
			ex = CRK_EXIT_INTERNAL;
			goto out;
		}
		fputs(sb.buf, stdout);
		goto out;
	}
	{
		const struct crk_member_state *ms = crk_report_case_ms(cs);
		char t[CRK_TIME_BUF], l[CRK_TIME_BUF], state[160];
		struct tl tl = {NULL, 0};
		printf("case %lld: %s", (long long)id,
		       cs->kind == CRK_REPORT_INCIDENT ? "severe incident"
						       : "actively exploited vulnerability");
		if (cs->cve)
			printf(" %s", cs->cve);
		if (cs->product)
			printf(" in %s", cs->product);
		printf("%s\n", cs->closed_at != CRK_TIME_NONE ? " (closed)" : "");
		crk_time_format_local(t, cs->anchors.aware_at);
		printf("aware at   %s (given as %s)\n", t, cs->aware_text);
		if (cs->csirt)
			printf("report to  %s (%s), %s, through ENISA's single reporting platform\n",
			       cs->csirt, cs->member_state, cs->route_basis);
		else
			printf("report to  not routed: crakit report route %lld --member-state CC\n",
			       (long long)id);
		if (cs->anchors.fix_available_at != CRK_TIME_NONE) {
			crk_time_format_local(t, cs->anchors.fix_available_at);
			printf("fix        available at %s\n", t);
		}
		printf("\n%-14s %-32s %-32s %s\n", "STAGE", "DUE (target)", "LEGAL END (1182/71)",
		       "STATE");
		for (i = 0; i < CRK_STAGE_COUNT; i++) {
			struct crk_report_due due;
			crk_report_due_compute(&due, cs->kind, i, &cs->anchors, ms);
			stage_state(state, sizeof(state), cs, i, &due, now);
			if (due.has_due) {
				crk_time_format_local(t, due.d.target);
				crk_time_format_local(l, due.d.legal);
			} else {
				snprintf(t, sizeof(t), "-");
				snprintf(l, sizeof(l), "-");
			}
			printf("%-14s %-32s %-32s %s\n", crk_report_stage_name(i), t, l, state);
		}
		printf("\nrules:\n");
		for (i = 0; i < CRK_STAGE_COUNT; i++) {
			struct crk_report_due due;
			crk_report_due_compute(&due, cs->kind, i, &cs->anchors, ms);
			printf("  %-14s %s", crk_report_stage_name(i), due.rule);
			if (due.waiting)
				printf("; waiting for %s", due.waiting);
			if (due.has_due && due.d.shifted)
				printf("; legal end moved past %s (1182/71 Art. 3(4))%s",
				       due.d.shift_reason, ms ? "" : " (no Member State: weekends only)");
			printf("\n");
		}
		printf("\ntimeline:\n");
		if (crk_report_events(s, id, print_event, &tl, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
		}
	}
out:
	crk_strbuf_release(&sb);
	crk_free(pos);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}

/* ---- due ---- */

struct oblig {
	const struct crk_report_case *c;
	int stage;
	struct crk_report_due due;
};

static int oblig_cmp(const void *a, const void *b)
{
	const struct oblig *x = a, *y = b;
	int rx = x->due.has_due ? 0 : x->due.waiting ? 1 : 2;
	int ry = y->due.has_due ? 0 : y->due.waiting ? 1 : 2;
	if (rx != ry)
		return rx - ry;
	if (rx == 0 && x->due.d.target != y->due.d.target)
		return x->due.d.target < y->due.d.target ? -1 : 1;
	if (x->c->id != y->c->id)
		return x->c->id < y->c->id ? -1 : 1;
	return x->stage - y->stage;
}

int cmd_report_due(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *within_s = NULL;
	struct crk_store *s = NULL;
	struct crk_report_case **cases = NULL;
	struct oblig *ob = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_err err;
	int64_t now, within = 0, *ids = NULL;
	size_t npos, nids = 0, nob = 0, i, overdue = 0, soon = 0;
	int ex, json = 0, st;
	const struct crk_opt opts[] = {
		{"within", 'w', CRK_OPT_STRING, &within_s, "DURATION",
		 "also fail (exit 1) when something is due within DURATION: 90m, 6h, 2d"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the obligations as JSON"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report due", "[--within DURATION] [--json]", opts, argc, argv, &pos, &npos, 0, 0);
	crk_free(pos);
	if (ex >= 0)
		return ex;
	crk_err_clear(&err);
	if (within_s && crk_duration_parse(&within, within_s, &err) != CRK_OK) {
		fprintf(stderr, "crakit report due: error: --within: %s\nhint: %s\n", err.msg,
			err.hint);
		return CRK_EXIT_USAGE;
	}
	if ((ex = rep_apply_tz("report due", c.tz)) || (ex = rep_now("report due", c.now, &now)))
		return ex;
	ex = rep_open_store("report due", c.db, 0, &s);
	if (ex > 0)
		return ex;
	if (ex == 0 && crk_report_case_ids(&ids, &nids, s, 1, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	ex = 0;
	if (nids) {
		cases = crk_calloc(nids, sizeof(*cases));
		ob = crk_calloc(nids * CRK_STAGE_COUNT, sizeof(*ob));
		if (!cases || !ob) {
			fprintf(stderr, "crakit report due: error: out of memory\n");
			ex = CRK_EXIT_INTERNAL;
			goto out;
		}
	}
	for (i = 0; i < nids; i++) {
		if ((ex = load_case("report due", s, ids[i], &cases[i])))
			goto out;
		for (st = 0; st < CRK_STAGE_COUNT; st++) {
			struct oblig *o = &ob[nob];
			if (cases[i]->stage[st].sent_at != CRK_TIME_NONE)
				continue;
			crk_report_due_compute(&o->due, cases[i]->kind, st, &cases[i]->anchors,
					       crk_report_case_ms(cases[i]));
			/* an intermediate report nobody asked for is no obligation */
			if (st == CRK_STAGE_INTERMEDIATE && !o->due.has_due)
				continue;
			o->c = cases[i];
			o->stage = st;
			nob++;
			if (o->due.has_due && now > o->due.d.target)
				overdue++;
			else if (o->due.has_due && within_s && o->due.d.target - now <= within)
				soon++;
		}
	}
	if (nob)
		qsort(ob, nob, sizeof(*ob), oblig_cmp);
	if (json) {
		char b[CRK_TIME_BUF];
		crk_time_format_utc(b, now);
		crk_strbuf_addf(&sb, "{\"now\":\"%s\",\"within_seconds\":", b);
		if (within_s)
			crk_strbuf_addf(&sb, "%lld", (long long)within);
		else
			crk_strbuf_adds(&sb, "null");
		crk_strbuf_addf(&sb, ",\"overdue\":%zu,\"due_within\":%zu,\"obligations\":[", overdue,
				soon);
	} else if (nob) {
		printf("%-5s %-14s %-32s %-32s %s\n", "CASE", "STAGE", "DUE (target)",
		       "LEGAL END (1182/71)", "STATE");
	}
	for (i = 0; i < nob; i++) {
		const struct oblig *o = &ob[i];
		char t[CRK_TIME_BUF], l[CRK_TIME_BUF], state[160];
		stage_state(state, sizeof(state), o->c, o->stage, &o->due, now);
		if (json) {
			crk_strbuf_addf(&sb, "%s{\"case\":%lld,\"kind\":\"%s\",\"stage\":\"%s\","
					     "\"article\":\"%s\",\"rule\":",
					i ? "," : "", (long long)o->c->id, crk_report_kind_name(o->c->kind),
					crk_report_stage_name(o->stage),
					crk_report_stage_article(o->c->kind, o->stage));
			crk_strbuf_add_json_quoted(&sb, o->due.rule);
			add_time(&sb, "target", o->due.has_due ? o->due.d.target : CRK_TIME_NONE);
			add_time(&sb, "legal", o->due.has_due ? o->due.d.legal : CRK_TIME_NONE);
			crk_strbuf_adds(&sb, ",\"state\":\"");
			crk_strbuf_adds(&sb, !o->due.has_due ? (o->due.waiting ? "waiting"
									       : "no-deadline")
					     : now > o->due.d.target ? "overdue"
								     : "due");
			crk_strbuf_adds(&sb, "\",\"seconds_left\":");
			if (o->due.has_due)
				crk_strbuf_addf(&sb, "%lld", (long long)(o->due.d.target - now));
			else
				crk_strbuf_adds(&sb, "null");
			crk_strbuf_adds(&sb, ",\"waiting_for\":");
			crk_strbuf_add_json_quoted(&sb, o->due.waiting);
			crk_strbuf_adds(&sb, ",\"csirt\":");
			crk_strbuf_add_json_quoted(&sb, o->c->csirt);
			crk_strbuf_addch(&sb, '}');
			continue;
		}
		if (o->due.has_due) {
			crk_time_format_local(t, o->due.d.target);
			crk_time_format_local(l, o->due.d.legal);
		} else {
			snprintf(t, sizeof(t), "-");
			snprintf(l, sizeof(l), "-");
		}
		printf("%-5lld %-14s %-32s %-32s %s%s%s\n", (long long)o->c->id,
		       crk_report_stage_name(o->stage), t, l, state,
		       o->due.waiting ? ": " : "", o->due.waiting ? o->due.waiting : "");
	}
	if (json) {
		crk_strbuf_adds(&sb, "]}\n");
		if (!crk_strbuf_ok(&sb)) {
			fprintf(stderr, "crakit report due: error: out of memory\n");
			ex = CRK_EXIT_INTERNAL;
			goto out;
		}
		fputs(sb.buf, stdout);
	} else if (!nids) {
		printf("no open report cases\n");
	}
	if (overdue || soon) {
		if (!json && within_s)
			fprintf(stderr, "crakit report due: %zu overdue, %zu due within %s\n", overdue,
				soon, within_s);
		else if (!json)
			fprintf(stderr, "crakit report due: %zu overdue\n", overdue);
		ex = CRK_EXIT_POLICY;
	}
out:
	for (i = 0; cases && i < nids; i++)
		crk_report_case_free(cases[i]);
	crk_free(cases);
	crk_free(ob);
	crk_report_ids_free(ids);
	crk_strbuf_release(&sb);
	crk_store_close(s);
	return ex;
}

/* ---- draft ---- */

static void print_missing(const struct crk_report_missing *m, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		printf("  missing %-24s %s (%s)\n", m[i].field, m[i].label, m[i].article);
}

int cmd_report_draft(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *dir = ".";
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_cra_manifest *m = NULL;
	struct crk_report_context ctx;
	struct crk_report_missing *miss = NULL;
	struct crk_err err;
	char *versions = NULL, *prev = NULL, *json = NULL, *md = NULL, jpath[CRK_MAX_PATH];
	size_t npos, plen = 0, jlen = 0, mlen = 0, nmiss = 0;
	int64_t now, id;
	int ex, stage;
	const struct crk_opt opts[] = {
		{"case", 'c', CRK_OPT_STRING, &c.case_id, "ID", "the case (default: the only open one)"},
		{"dir", 'd', CRK_OPT_STRING, &dir, "DIR", "where to write (default: .)"},
		{"cra", 0, CRK_OPT_STRING, &c.cra, "FILE", "the product's cra.yaml (default: ./cra.yaml)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	memset(&ctx, 0, sizeof(ctx));
	ex = parse("report draft", "STAGE [--case ID] [--dir DIR]", opts, argc, argv, &pos, &npos, 1,
		   1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	stage = crk_report_stage_parse(pos[0]);
	if (stage < 0) {
		fprintf(stderr, "crakit report draft: error: '%s' is not a stage\n", pos[0]);
		fprintf(stderr, "hint: early-warning, notification, intermediate, final or "
				"user-notice\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if ((ex = rep_apply_tz("report draft", c.tz)) || (ex = rep_now("report draft", c.now, &now)) ||
	    (ex = rep_open_store("report draft", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report draft", s, c.case_id, &id)) ||
	    (ex = load_case("report draft", s, id, &cs)) ||
	    (ex = rep_load_context("report draft", c.cra, &m, &ctx, &versions)))
		goto out;
	snprintf(jpath, sizeof(jpath), "%s", rep_path(dir, id, pos[0], "json"));
	crk_err_clear(&err);
	if (access(jpath, F_OK) == 0) {
		/* keep the answers a person already wrote */
		if (crk_read_file(jpath, CRK_MAX_FILE_SIZE, &prev, &plen, &err) != CRK_OK ||
		    crk_report_validate(&miss, &nmiss, NULL, prev, plen, jpath, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			fprintf(stderr, "hint: fix %s or remove it to start the draft afresh\n", jpath);
			goto out;
		}
		crk_free(miss);
		miss = NULL;
	}
	if (crk_report_draft(&json, &jlen, &md, &mlen, s, cs, stage, &ctx, prev, plen, now, &err) !=
	    CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if ((ex = rep_write("report draft", jpath, json, jlen)) ||
	    (ex = rep_write("report draft", rep_path(dir, id, pos[0], "md"), md, mlen)))
		goto out;
	if (crk_report_record_draft(s, id, stage, json, now, &err) != CRK_OK ||
	    crk_report_validate(&miss, &nmiss, NULL, json, jlen, jpath, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	printf("wrote %s and %s\n", jpath, rep_path(dir, id, pos[0], "md"));
	if (nmiss) {
		printf("%zu field%s a person must fill in (the \"value\" of each in the JSON):\n",
		       nmiss, nmiss == 1 ? "" : "s");
		print_missing(miss, nmiss);
	} else {
		printf("complete: every field %s asks for has a value (check the pre-filled ones)\n",
		       crk_report_stage_article(cs->kind, stage));
	}
out:
	crk_free(miss);
	crk_free(prev);
	crk_free(json);
	crk_free(md);
	crk_free(versions);
	crk_free(pos);
	crk_cra_manifest_free(m);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}

/* ---- validate ---- */

int cmd_report_validate(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *dir = ".", *file = NULL;
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_err err;
	size_t npos;
	int64_t now, id;
	int ex, st, first = -1, last = -1, checked = 0, incomplete = 0;
	const struct crk_opt opts[] = {
		{"file", 'f', CRK_OPT_STRING, &file, "FILE",
		 "the payload to check (default: DIR/crakit-report-ID-STAGE.json)"},
		{"dir", 'd', CRK_OPT_STRING, &dir, "DIR", "where the drafts are (default: .)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	ex = parse("report validate", "ID [STAGE] [--file FILE]", opts, argc, argv, &pos, &npos, 1, 2);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if (npos == 2) {
		first = last = crk_report_stage_parse(pos[1]);
		if (first < 0) {
			fprintf(stderr, "crakit report validate: error: '%s' is not a stage\n", pos[1]);
			fprintf(stderr, "hint: early-warning, notification, intermediate, final or "
					"user-notice\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	} else {
		first = 0;
		last = CRK_STAGE_COUNT - 1;
	}
	if ((ex = rep_now("report validate", c.now, &now)))
		goto out;
	ex = rep_open_store("report validate", c.db, 0, &s);
	if (ex == -1) {
		fprintf(stderr, "crakit report validate: error: there are no report cases (no store)\n");
		ex = CRK_EXIT_INPUT;
	}
	if (ex || (ex = rep_pick_case("report validate", s, pos[0], &id)) ||
	    (ex = load_case("report validate", s, id, &cs)))
		goto out;
	for (st = first; st <= last; st++) {
		const char *path = file ? file : rep_path(dir, id, crk_report_stage_name(st), "json");
		struct crk_report_missing *miss = NULL;
		char *buf = NULL;
		size_t len = 0, nmiss = 0;
		int pst = -1;
		crk_err_clear(&err);
		if (!file && npos < 2 && access(path, F_OK) != 0)
			continue; /* no draft of that stage */
		checked++;
		if (crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err) != CRK_OK ||
		    crk_report_validate(&miss, &nmiss, &pst, buf, len, path, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			if (err.code == CRK_ENOTFOUND || err.code == CRK_EIO)
				fprintf(stderr, "hint: write it first: crakit report draft %s --case "
						"%lld\n",
					crk_report_stage_name(st), (long long)id);
			crk_free(buf);
			goto out;
		}
		if (pst != st) {
			fprintf(stderr, "crakit report validate: error: %s is the payload of the %s "
					"stage, not %s\n",
				path, crk_report_stage_name(pst), crk_report_stage_name(st));
			crk_free(buf);
			crk_free(miss);
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		if (nmiss) {
			printf("%s: %zu mandatory field%s missing (%s)\n", crk_report_stage_name(st),
			       nmiss, nmiss == 1 ? "" : "s", path);
			print_missing(miss, nmiss);
			incomplete++;
		} else {
			printf("%s: complete (%s)\n", crk_report_stage_name(st), path);
		}
		crk_free(buf);
		crk_free(miss);
		if (file)
			break;
	}
	if (!checked) {
		fprintf(stderr, "crakit report validate: error: no draft of case %lld in %s\n",
			(long long)id, dir);
		fprintf(stderr, "hint: crakit report draft STAGE --case %lld writes one\n",
			(long long)id);
		ex = CRK_EXIT_INPUT;
	} else if (incomplete) {
		ex = CRK_EXIT_POLICY;
	}
out:
	crk_free(pos);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}

/* ---- notify-users ---- */

int cmd_report_notify(int argc, char **argv)
{
	struct rep_common c = {0};
	const char **pos = NULL, *dir = ".";
	struct crk_store *s = NULL;
	struct crk_report_case *cs = NULL;
	struct crk_cra_manifest *m = NULL;
	struct crk_report_context ctx;
	struct crk_report_missing *miss = NULL;
	struct crk_err err;
	char *versions = NULL, *payload = NULL, *md = NULL, *txt = NULL, *csaf = NULL;
	char p1[CRK_MAX_PATH], p2[CRK_MAX_PATH], p3[CRK_MAX_PATH];
	const char *pl = NULL;
	size_t npos, plen = 0, nmiss = 0;
	int64_t now, id;
	int ex;
	const struct crk_opt opts[] = {
		{"dir", 'd', CRK_OPT_STRING, &dir, "DIR", "where the drafts are and the notice goes"},
		{"cra", 0, CRK_OPT_STRING, &c.cra, "FILE", "the product's cra.yaml (default: ./cra.yaml)"},
		COMMON_OPTS(c),
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	memset(&ctx, 0, sizeof(ctx));
	ex = parse("report notify-users", "[ID] [--dir DIR]", opts, argc, argv, &pos, &npos, 0, 1);
	if (ex >= 0) {
		crk_free(pos);
		return ex;
	}
	if ((ex = rep_apply_tz("report notify-users", c.tz)) ||
	    (ex = rep_now("report notify-users", c.now, &now)) ||
	    (ex = rep_open_store("report notify-users", c.db, 1, &s)) ||
	    (ex = rep_pick_case("report notify-users", s, npos ? pos[0] : NULL, &id)) ||
	    (ex = load_case("report notify-users", s, id, &cs)) ||
	    (ex = rep_load_context("report notify-users", c.cra, &m, &ctx, &versions)))
		goto out;
	crk_err_clear(&err);
	/* The user-notice payload: the draft file, else what the store keeps. */
	snprintf(p1, sizeof(p1), "%s", rep_path(dir, id, "user-notice", "json"));
	if (access(p1, F_OK) == 0) {
		if (crk_read_file(p1, CRK_MAX_FILE_SIZE, &payload, &plen, &err) != CRK_OK) {
			ex = crk_exit_error(&err);
			goto out;
		}
		pl = payload;
	} else if (cs->stage[CRK_STAGE_USER_NOTICE].draft) {
		pl = cs->stage[CRK_STAGE_USER_NOTICE].draft;
		plen = strlen(pl);
	}
	if (pl && crk_report_validate(&miss, &nmiss, NULL, pl, plen, p1, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (crk_report_notice(&md, &txt, &csaf, cs, &ctx, pl, pl ? plen : 0, now, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	snprintf(p1, sizeof(p1), "%s", rep_path(dir, id, "notice", "md"));
	snprintf(p2, sizeof(p2), "%s", rep_path(dir, id, "notice", "txt"));
	snprintf(p3, sizeof(p3), "%s", rep_path(dir, id, "notice", "csaf.json"));
	if ((ex = rep_write("report notify-users", p1, md, strlen(md))) ||
	    (ex = rep_write("report notify-users", p2, txt, strlen(txt))) ||
	    (ex = rep_write("report notify-users", p3, csaf, strlen(csaf))))
		goto out;
	printf("wrote %s, %s and %s (CSAF 2.0, %s)\n", p1, p2, p3,
	       cs->kind == CRK_REPORT_VULNERABILITY ? "csaf_security_advisory"
						    : "csaf_security_incident_response");
	if (!pl)
		printf("the notice has no text yet: crakit report draft user-notice --case %lld, "
		       "fill it in, run this again\n",
		       (long long)id);
	else if (nmiss) {
		printf("the user-notice draft still misses:\n");
		print_missing(miss, nmiss);
	}
	printf("publish it, then: crakit report sent user-notice --case %lld --at TIME\n",
	       (long long)id);
out:
	crk_free(miss);
	crk_free(payload);
	crk_free(md);
	crk_free(txt);
	crk_free(csaf);
	crk_free(versions);
	crk_free(pos);
	crk_cra_manifest_free(m);
	crk_report_case_free(cs);
	crk_store_close(s);
	return ex;
}
