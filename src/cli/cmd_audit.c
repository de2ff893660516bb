/*
 * cmd_audit.c - `crakit audit verify|log`: the append-only, hash-chained audit log of the store
 * (include/crakit/release.h). Manual: docs/cmd/audit.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit audit verify [--db PATH] [--json]\n"
		   "       crakit audit log [--db PATH] [--from SEQ] [--json]\n\n"
		   "subcommands:\n"
		   "  verify   prove the chain intact, or name its first broken link (exit 1)\n"
		   "  log      print the entries\n\n"
		   "'crakit help audit' shows the full manual page.\n");
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

static int open_ro(const char *db, struct crk_store **s)
{
	struct crk_err err;
	char *loc = NULL;
	int rc;
	crk_err_clear(&err);
	rc = crk_store_default_location(db, &loc, &err);
	if (!rc)
		rc = crk_store_open(s, loc, CRK_STORE_READONLY, &err);
	crk_free(loc);
	if (rc == CRK_ENOTFOUND)
		err.hint[0] = '\0'; /* the store's hint is about advisories; ours follows */
	if (rc) {
		crk_print_cmd_error("audit", &err);
		if (rc == CRK_ENOTFOUND)
			fprintf(stderr, "hint: nothing is recorded there yet: 'crakit release record' "
					"writes the first entries (or give --db PATH)\n");
		return rc == CRK_ENOTFOUND || rc == CRK_EIO ? CRK_EXIT_INPUT : CRK_EXIT_INTERNAL;
	}
	return CRK_EXIT_OK;
}

static int verify(int argc, char **argv)
{
	const char *db = NULL;
	int json = 0, rc, ex;
	const struct crk_opt opts[] = {
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print the result as JSON"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_audit_report r;
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos;

	crk_err_clear(&err);
	rc = crk_opt_parse("audit verify", "[--db PATH] [--json]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if ((ex = open_ro(db, &s)))
		return ex;
	rc = crk_audit_verify(s, &r, &err);
	crk_store_close(s);
	if (rc) {
		crk_print_cmd_error("audit verify", &err);
		return CRK_EXIT_INPUT;
	}
	if (json) {
		printf("{\"intact\":%s,\"entries\":%" PRId64 ",\"documents\":%" PRId64,
		       r.broken_seq ? "false" : "true", r.entries, r.documents);
		if (r.broken_seq) {
			printf(",\"broken_at\":%" PRId64 ",\"why\":", r.broken_seq);
			json_str(r.why);
		} else {
			printf(",\"head\":");
			if (r.head[0])
				json_str(r.head);
			else
				printf("null");
		}
		printf("}\n");
	} else if (r.broken_seq) {
		printf("BROKEN at entry %" PRId64 ": %s\n", r.broken_seq, r.why);
		if (r.broken_seq > 1)
			printf("entries 1-%" PRId64 " are intact; from entry %" PRId64
			       " on, the log cannot be trusted\n",
			       r.broken_seq - 1, r.broken_seq);
		else
			printf("no entry of the log can be trusted\n");
	} else {
		printf("intact: %" PRId64 " entries, %" PRId64 " documents checked\n", r.entries,
		       r.documents);
		if (r.head[0])
			printf("head %s\n(keep this hash elsewhere: it proves later that nothing was "
			       "removed from the end)\n",
			       r.head);
	}
	return r.broken_seq ? CRK_EXIT_POLICY : CRK_EXIT_OK;
}

struct logctx {
	int json, n;
};

static int log_one(void *ud, const struct crk_audit_entry *e)
{
	struct logctx *c = ud;
	char when[32];
	time_t t = (time_t)e->at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (c->json) {
		printf("%s{\"seq\":%" PRId64 ",\"at\":\"%s\",\"actor\":", c->n ? "," : "", e->seq,
		       when);
		json_str(e->actor);
		printf(",\"action\":");
		json_str(e->action);
		printf(",\"subject\":");
		json_str(e->subject);
		printf(",\"detail\":%s,\"document\":", *e->detail ? e->detail : "null");
		if (e->doc)
			json_str(e->doc);
		else
			printf("null");
		printf(",\"hash\":\"%s\"}", e->hash);
	} else {
		printf("%6" PRId64 "  %s  %-20s %-24s %s%s%.12s\n", e->seq, when, e->action, e->subject,
		       e->actor, e->doc ? "  doc " : "", e->doc ? e->doc : "");
	}
	c->n++;
	return 0;
}

static int show(int argc, char **argv)
{
	const char *db = NULL, *from = NULL;
	int json = 0, rc, ex;
	const struct crk_opt opts[] = {
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store"},
		{"from", 0, CRK_OPT_STRING, &from, "SEQ", "start at this entry"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON array"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct logctx c = {0, 0};
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos;
	long long f = 0;
	char *end = NULL;

	crk_err_clear(&err);
	rc = crk_opt_parse("audit log", "[--db PATH] [--from SEQ] [--json]", opts, argc, argv, &pos,
			   &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (from) {
		f = strtoll(from, &end, 10);
		if (!*from || *end || f < 0) {
			fprintf(stderr, "crakit audit log: error: --from takes an entry number\n");
			return CRK_EXIT_USAGE;
		}
	}
	if ((ex = open_ro(db, &s)))
		return ex;
	c.json = json;
	if (json)
		putchar('[');
	rc = crk_audit_each(s, (int64_t)f, log_one, &c, &err);
	if (json)
		printf("]\n");
	crk_store_close(s);
	if (rc) {
		crk_print_cmd_error("audit log", &err);
		return CRK_EXIT_INPUT;
	}
	return CRK_EXIT_OK;
}

int cmd_audit(int argc, char **argv)
{
	static const struct crk_cmd subs[] = {
		{"verify", verify, CRK_CMD_NEEDS_STORE, "prove the chain intact"},
		{"log", show, CRK_CMD_NEEDS_STORE, "print the entries"},
		{NULL, NULL, 0, NULL},
	};
	return crk_subcmd_run("audit", subs, usage, argc, argv);
}
