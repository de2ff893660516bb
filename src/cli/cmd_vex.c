/*
 * cmd_vex.c - `crakit vex set|list|export`: triage decisions that stand as evidence
 * (DESIGN.md §1, §4; manual docs/cmd/vex.md). Decisions are kept in the store as history: a
 * new decision about the same vulnerability and subject is added, the newest wins, and none is
 * changed or deleted (include/crakit/vex.h). `crakit scan` applies them.
 *
 * Exit: 0; 2 usage (a missing status, justification or action says which); 3 the store or an
 * input could not be read, or there is nothing to export; 4 internal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "crakit/vulndb.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit vex set VULN --status STATUS (--component PURL | --product NAME) "
		   "[OPTIONS]\n"
		   "       crakit vex list [VULN] [--json]\n"
		   "       crakit vex export --format openvex|cyclonedx [-o FILE]\n\n"
		   "subcommands:\n"
		   "  set        record a triage decision (added to the history, never overwriting)\n"
		   "  list       show the history of decisions, the current one of each marked\n"
		   "  export     write the current decisions as an OpenVEX or CycloneDX VEX document\n\n"
		   "'crakit help vex' shows the full manual page.\n");
}

/* Writes the output file. A path that exists and is no regular file (/dev/null, /dev/stdout, a
 * FIFO) is written in place: the atomic write renames a temporary file over its target, which
 * would replace the device. */
static int write_output(const char *path, const char *buf, size_t len, struct crk_err *err)
{
	struct stat st;
	FILE *f;
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return crk_write_file_atomic(path, buf, len, 0, err);
	f = fopen(path, "w");
	if (!f)
		return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot open for writing");
	if (fwrite(buf, 1, len, f) != len) {
		fclose(f);
		return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot write");
	}
	if (fclose(f) != 0)
		return crk_err_set(err, CRK_EIO, path, 0, 0, "cannot write");
	return CRK_OK;
}

static void fmt_time(int64_t t, char out[32])
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "%lld", (long long)t);
}

/* The time of a decision: --time, else $SOURCE_DATE_EPOCH, else now. */
static int decision_time(const char *opt, int64_t *out)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (opt) {
		if (crk_vex_time_parse(opt, out)) {
			fprintf(stderr, "crakit vex: error: --time '%s' is not an RFC 3339 time, a "
					"date or epoch seconds\n", opt);
			return -1;
		}
	} else if (e && *e) {
		if (crk_vex_time_parse(e, out)) {
			fprintf(stderr, "crakit vex: error: SOURCE_DATE_EPOCH '%s' is not a number\n",
				e);
			return -1;
		}
	} else {
		*out = (int64_t)time(NULL);
	}
	return 0;
}

/* [user] name and email from one git config file (the subset git writes: `[user]` then
 * `key = value` lines). */
static void git_config_user(const char *path, char **name, char **email)
{
	char *buf = NULL, *line, *next;
	size_t len = 0;
	int in_user = 0;
	if (crk_read_file(path, 1 << 20, &buf, &len, NULL))
		return;
	for (line = buf; line && *line; line = next) {
		char *eq, *k, *v, *end;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '[') {
			in_user = !strncmp(line, "[user]", 6);
			continue;
		}
		if (!in_user || !(eq = strchr(line, '=')))
			continue;
		k = line;
		for (end = eq; end > k && (end[-1] == ' ' || end[-1] == '\t'); end--)
			;
		*end = 0;
		v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		for (end = v + strlen(v); end > v && (end[-1] == ' ' || end[-1] == '\t' ||
						      end[-1] == '\r');
		     end--)
			;
		*end = 0;
		if (*v == '"' && end > v + 1 && end[-1] == '"') {
			v++;
			end[-1] = 0;
		}
		if (!strcmp(k, "name") && !*name && *v)
			*name = crk_strdup(v);
		else if (!strcmp(k, "email") && !*email && *v)
			*email = crk_strdup(v);
	}
	crk_free(buf);
}

/* Who decides: --author, else git's user (GIT_AUTHOR_NAME/EMAIL, the repository's
 * .git/config, then the global config), else $USER. Heap, or NULL. */
static char *default_author(void)
{
	char *name = NULL, *email = NULL, *r = NULL, path[4096];
	const char *e;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	if ((e = getenv("GIT_AUTHOR_NAME")) && *e)
		name = crk_strdup(e);
	if ((e = getenv("GIT_AUTHOR_EMAIL")) && *e)
		email = crk_strdup(e);
	git_config_user(".git/config", &name, &email);
	if ((e = getenv("XDG_CONFIG_HOME")) && *e) {
		snprintf(path, sizeof(path), "%s/git/config", e);
		git_config_user(path, &name, &email);
	}
	if ((e = getenv("HOME")) && *e) {
		snprintf(path, sizeof(path), "%s/.config/git/config", e);
		git_config_user(path, &name, &email);
		snprintf(path, sizeof(path), "%s/.gitconfig", e);
		git_config_user(path, &name, &email);
	}
	if (name) {
		crk_strbuf_adds(&sb, name);
		if (email)
			crk_strbuf_addf(&sb, " <%s>", email);
	} else if ((e = getenv("USER")) && *e) {
		crk_strbuf_adds(&sb, e);
	}
	if (sb.len && crk_strbuf_ok(&sb))
		r = crk_strbuf_detach(&sb, NULL);
	crk_strbuf_release(&sb);
	crk_free(name);
	crk_free(email);
	return r;
}

/* Opens the store; `create`: make it if missing. *missing is set instead of failing when the
 * store does not exist and create is 0. Returns an exit code. */
static int open_store(const char *db, int create, struct crk_store **out, int *missing)
{
	struct crk_err err;
	char *loc = NULL;
	int rc;
	*out = NULL;
	if (missing)
		*missing = 0;
	crk_err_clear(&err);
	rc = crk_store_default_location(db, &loc, &err);
	if (!rc)
		rc = crk_store_open(out, loc, create ? CRK_STORE_CREATE : 0, &err);
	crk_free(loc);
	if (rc == CRK_ENOTFOUND && missing && !create) {
		*missing = 1;
		return 0;
	}
	if (rc) {
		if (!err.hint[0])
			crk_err_hint(&err, "--db PATH or $CRAKIT_DB names the store");
		return crk_exit_error(&err);
	}
	return 0;
}


/* The audit log entry of a stored decision: action "vex.decision", subject "<vuln> <purl>",
 * detail the decision as JSON (id, status, justification, impact, action, note, product, time). */
static int audit_decision(struct crk_store *s, const struct crk_vex_stmt *st, int64_t id,
			  struct crk_err *err)
{
	struct crk_strbuf subj = CRK_STRBUF_INIT(0), d = CRK_STRBUF_INIT(0);
	char ts[32];
	int rc;
	crk_strbuf_addf(&subj, "%s %s", st->vuln, st->subject);
	fmt_time(st->time, ts);
	crk_strbuf_addf(&d, "{\"id\":%lld,\"status\":\"%s\"", (long long)id,
			crk_vex_status_str(st->status));
	if (st->justification)
		crk_strbuf_addf(&d, ",\"justification\":\"%s\"",
				crk_vex_justification_str(st->justification));
	if (st->impact) {
		crk_strbuf_adds(&d, ",\"impact\":");
		crk_strbuf_add_json_quoted(&d, st->impact);
	}
	if (st->action) {
		crk_strbuf_adds(&d, ",\"action\":");
		crk_strbuf_add_json_quoted(&d, st->action);
	}
	if (st->note) {
		crk_strbuf_adds(&d, ",\"note\":");
		crk_strbuf_add_json_quoted(&d, st->note);
	}
	if (st->product) {
		crk_strbuf_adds(&d, ",\"product\":");
		crk_strbuf_add_json_quoted(&d, st->product);
	}
	crk_strbuf_addf(&d, ",\"time\":\"%s\"}", ts);
	if (!crk_strbuf_ok(&subj) || !crk_strbuf_ok(&d))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	else
		rc = crk_audit_append(s, 0, st->author, "vex.decision", subj.buf, d.buf, NULL, NULL,
				      NULL, err);
	crk_strbuf_release(&subj);
	crk_strbuf_release(&d);
	return rc;
}
static int cmd_set(int argc, char **argv)
{
	const char *status = NULL, *just = NULL, *impact = NULL, *action = NULL, *reason = NULL;
	const char *component = NULL, *product = NULL, *author = NULL, *when = NULL, *db = NULL;
	int json = 0;
	const struct crk_opt opts[] = {
		{"status", 's', CRK_OPT_STRING, &status, "STATUS",
		 "not_affected, affected, fixed or under_investigation"},
		{"justification", 'j', CRK_OPT_STRING, &just, "J",
		 "not_affected: component_not_present, vulnerable_code_not_present, "
		 "vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_"
		 "adversary, inline_mitigations_already_exist"},
		{"impact", 0, CRK_OPT_STRING, &impact, "TEXT", "not_affected: why, in words"},
		{"action", 0, CRK_OPT_STRING, &action, "TEXT",
		 "affected: what is done or what users should do"},
		{"reason", 'm', CRK_OPT_STRING, &reason, "TEXT", "the reason, kept as evidence"},
		{"component", 'c', CRK_OPT_STRING, &component, "PURL",
		 "the component it is about (a purl; without @version: every version)"},
		{"product", 'p', CRK_OPT_STRING, &product, "NAME",
		 "the product it is about (as 'crakit scan --product' names it)"},
		{"author", 0, CRK_OPT_STRING, &author, "WHO",
		 "who decides (default: git's user.name <user.email>, else $USER)"},
		{"time", 0, CRK_OPT_STRING, &when, "TIME",
		 "when it was decided (default: $SOURCE_DATE_EPOCH, else now)"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store (default: $CRAKIT_DB)"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "print the recorded statement as JSON"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_vex_stmt st;
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	char *dauthor = NULL, ts[32];
	size_t npos;
	int64_t id = 0;
	int rc, ex = CRK_EXIT_OK;
	struct crk_arena arena = CRK_ARENA_INIT;

	memset(&st, 0, sizeof(st));
	crk_err_clear(&err);
	rc = crk_opt_parse("vex set", "VULN --status STATUS (--component PURL | --product NAME)",
			   opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
#define USAGE_ERR(...)                                                                         \
	do {                                                                                   \
		fprintf(stderr, "crakit vex set: error: " __VA_ARGS__);                        \
		ex = CRK_EXIT_USAGE;                                                           \
		goto out;                                                                      \
	} while (0)
	if (npos != 1)
		USAGE_ERR("name one vulnerability (an advisory id or alias, e.g. CVE-2021-44228)\n");
	st.vuln = pos[0];
	if (!status)
		USAGE_ERR("--status is required: not_affected, affected, fixed or "
			  "under_investigation\n");
	st.status = crk_vex_status_parse(status);
	if (!st.status)
		USAGE_ERR("unknown --status '%s' (not_affected, affected, fixed or "
			  "under_investigation)\n", status);
	if (just) {
		st.justification = crk_vex_justification_parse(just);
		if (!st.justification)
			USAGE_ERR("unknown --justification '%s'\nhint: component_not_present, "
				  "vulnerable_code_not_present, vulnerable_code_not_in_execute_path, "
				  "vulnerable_code_cannot_be_controlled_by_adversary, "
				  "inline_mitigations_already_exist\n", just);
		if (st.status != CRK_VEX_NOT_AFFECTED)
			USAGE_ERR("--justification goes with --status not_affected only\n");
	}
	if (st.status == CRK_VEX_NOT_AFFECTED && !st.justification)
		USAGE_ERR("not_affected needs --justification (the CISA label saying why)\n"
			  "hint: component_not_present, vulnerable_code_not_present, "
			  "vulnerable_code_not_in_execute_path, "
			  "vulnerable_code_cannot_be_controlled_by_adversary, "
			  "inline_mitigations_already_exist\n");
	if (st.status == CRK_VEX_AFFECTED && (!action || !*action))
		USAGE_ERR("affected needs --action (what is done about it, or what users should "
			  "do)\n");
	if (impact && st.status != CRK_VEX_NOT_AFFECTED)
		USAGE_ERR("--impact goes with --status not_affected only\n");
	if (action && st.status != CRK_VEX_AFFECTED)
		USAGE_ERR("--action goes with --status affected only\n");
	if (!component == !product)
		USAGE_ERR("say what the decision is about: --component PURL or --product NAME "
			  "(one of them)\n");
	if (component && strncmp(component, "pkg:", 4))
		USAGE_ERR("--component '%s' is not a purl (pkg:TYPE/NAME[@VERSION])\n", component);
	st.subject = component ? component : product;
	st.impact = impact;
	st.action = action;
	st.note = reason;
	if (author && !*author)
		USAGE_ERR("--author is empty\n");
	if (!author) {
		dauthor = default_author();
		if (!dauthor)
			USAGE_ERR("who decides? no --author, no git user.name and no $USER\n");
		author = dauthor;
	}
	st.author = author;
	if (decision_time(when, &st.time)) {
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	st.origin = "cli";
#undef USAGE_ERR
	ex = open_store(db, 1, &s, NULL);
	if (ex)
		goto out;
	/* the other ids the database knows for it, so the decision applies whichever id an
	 * advisory uses (CVE, GHSA, distribution advisory) and `list` tells which is current */
	{
		const char **ids = NULL, *al[64];
		size_t nids = 0, k;
		if (crk_vulndb_alias_group(s, st.vuln, &arena, &ids, &nids, NULL, NULL, &err) ==
		    CRK_OK) {
			for (k = 0; k < nids && st.naliases < 64; k++)
				if (strcmp(ids[k], st.vuln))
					al[st.naliases++] = ids[k];
			st.aliases = al;
		}
		crk_err_clear(&err);
		/* the decision and its audit entry, or neither (CRA Art. 13(13): the technical
		 * documentation, which holds the vulnerability handling, is kept ten years; every
		 * decision enters the hash-chained log, `crakit audit verify`) */
		rc = crk_store_begin(s, &err);
		if (!rc)
			rc = crk_vex_store_add(s, &st, &id, &err);
		if (!rc)
			rc = audit_decision(s, &st, id, &err);
		if (!rc)
			rc = crk_store_commit(s, &err);
		else
			crk_store_rollback(s, NULL);
	}
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	fmt_time(st.time, ts);
	if (json) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		crk_strbuf_addf(&sb, "{\"id\":%lld,\"vulnerability\":", (long long)id);
		crk_strbuf_add_json_quoted(&sb, st.vuln);
		crk_strbuf_adds(&sb, ",\"subject\":");
		crk_strbuf_add_json_quoted(&sb, st.subject);
		crk_strbuf_addf(&sb, ",\"status\":\"%s\"", crk_vex_status_str(st.status));
		if (st.justification)
			crk_strbuf_addf(&sb, ",\"justification\":\"%s\"",
					crk_vex_justification_str(st.justification));
		crk_strbuf_adds(&sb, ",\"author\":");
		crk_strbuf_add_json_quoted(&sb, st.author);
		crk_strbuf_addf(&sb, ",\"time\":\"%s\"}", ts);
		if (crk_strbuf_ok(&sb))
			puts(sb.buf);
		crk_strbuf_release(&sb);
	} else {
		printf("recorded #%lld: %s %s %s%s%s (by %s, %s)\n", (long long)id, st.vuln,
		       st.subject, crk_vex_status_str(st.status), st.justification ? ": " : "",
		       st.justification ? crk_vex_justification_str(st.justification) : "",
		       st.author, ts);
	}
out:
	crk_arena_release(&arena);
	crk_store_close(s);
	crk_free(dauthor);
	crk_free(pos);
	return ex;
}

/* Is statement i the current one of its (vulnerability, subject)? */
static int is_current(const struct crk_vex_stmt *st, const struct crk_vex_stmt **cur, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (cur[i] == st)
			return 1;
	return 0;
}

static void list_json(const struct crk_vex_set *set, const struct crk_vex_stmt **cur, size_t ncur)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i;
	char ts[32];
	crk_strbuf_adds(&sb, "[");
	for (i = 0; i < crk_vex_set_count(set); i++) {
		const struct crk_vex_stmt *st = crk_vex_set_get(set, i);
		fmt_time(st->time, ts);
		crk_strbuf_addf(&sb, "%s\n  {\"id\":%lld,\"time\":\"%s\",\"vulnerability\":",
				i ? "," : "", (long long)st->id, ts);
		crk_strbuf_add_json_quoted(&sb, st->vuln);
		crk_strbuf_adds(&sb, ",\"subject\":");
		crk_strbuf_add_json_quoted(&sb, st->subject);
		crk_strbuf_addf(&sb, ",\"status\":\"%s\"", crk_vex_status_str(st->status));
		if (st->justification)
			crk_strbuf_addf(&sb, ",\"justification\":\"%s\"",
					crk_vex_justification_str(st->justification));
#define OPT(key, v)                                                                            \
	if (v) {                                                                               \
		crk_strbuf_adds(&sb, ",\"" key "\":");                                         \
		crk_strbuf_add_json_quoted(&sb, v);                                            \
	}
		OPT("impact", st->impact)
		OPT("action", st->action)
		OPT("reason", st->note)
		OPT("author", st->author)
#undef OPT
		crk_strbuf_addf(&sb, ",\"current\":%s}", is_current(st, cur, ncur) ? "true" : "false");
	}
	crk_strbuf_adds(&sb, i ? "\n]\n" : "]\n");
	if (crk_strbuf_ok(&sb))
		fputs(sb.buf, stdout);
	else
		fputs("crakit: error: out of memory\n", stderr);
	crk_strbuf_release(&sb);
}

static int cmd_list(int argc, char **argv)
{
	const char *db = NULL;
	int json = 0, missing = 0;
	const struct crk_opt opts[] = {
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the history as a JSON array"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store (default: $CRAKIT_DB)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_vex_set *set = NULL;
	const struct crk_vex_stmt **cur = NULL;
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos, ncur = 0, i;
	char ts[32];
	int rc, ex = CRK_EXIT_OK;

	crk_err_clear(&err);
	rc = crk_opt_parse("vex list", "[VULN]", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos > 1) {
		fprintf(stderr, "crakit vex list: error: one vulnerability at a time\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	set = crk_vex_set_new();
	if (!set) {
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	ex = open_store(db, 0, &s, &missing);
	if (ex)
		goto out;
	if (s && (rc = crk_vex_store_load(s, set, npos ? pos[0] : NULL, &err))) {
		ex = crk_exit_error(&err);
		goto out;
	}
	rc = crk_vex_current(set, &cur, &ncur, &err);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (json) {
		list_json(set, cur, ncur);
		goto out;
	}
	if (!crk_vex_set_count(set)) {
		printf("no VEX statements recorded%s%s\n", npos ? " for " : "", npos ? pos[0] : "");
		goto out;
	}
	for (i = 0; i < crk_vex_set_count(set); i++) {
		const struct crk_vex_stmt *st = crk_vex_set_get(set, i);
		fmt_time(st->time, ts);
		printf("#%lld  %s  %s  %s  %s%s%s%s\n", (long long)st->id, ts, st->vuln, st->subject,
		       crk_vex_status_str(st->status), st->justification ? ": " : "",
		       st->justification ? crk_vex_justification_str(st->justification) : "",
		       is_current(st, cur, ncur) ? "  (current)" : "  (superseded)");
		printf("    by %s", st->author ? st->author : "?");
		if (st->note)
			printf(": %s", st->note);
		printf("\n");
		if (st->impact)
			printf("    impact: %s\n", st->impact);
		if (st->action)
			printf("    action: %s\n", st->action);
	}
	printf("%zu statement%s, %zu current\n", crk_vex_set_count(set),
	       crk_vex_set_count(set) == 1 ? "" : "s", ncur);
out:
	crk_vex_current_free(cur);
	crk_vex_set_free(set);
	crk_store_close(s);
	crk_free(pos);
	return ex;
}

static int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *format = NULL, *outpath = NULL, *author = NULL, *when = NULL;
	const char *id = NULL;
	int compact = 0, missing = 0;
	const struct crk_opt opts[] = {
		{"format", 'f', CRK_OPT_STRING, &format, "FMT", "openvex (default) or cyclonedx"},
		{"output", 'o', CRK_OPT_STRING, &outpath, "FILE", "write to FILE (default: stdout)"},
		{"author", 0, CRK_OPT_STRING, &author, "WHO",
		 "the document's author (default: git's user, else $USER)"},
		{"timestamp", 0, CRK_OPT_STRING, &when, "TIME",
		 "the document's time (default: $SOURCE_DATE_EPOCH, else now)"},
		{"id", 0, CRK_OPT_STRING, &id, "IRI",
		 "the document's @id / serial (default: derived from the statements)"},
		{"compact", 0, CRK_OPT_FLAG, &compact, NULL, "JSON without indentation"},
		{"db", 0, CRK_OPT_STRING, &db, "PATH", "the store (default: $CRAKIT_DB)"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_vex_write_opts wo;
	struct crk_vex_set *set = NULL;
	struct crk_store *s = NULL;
	struct crk_err err;
	const char **pos = NULL;
	char *doc = NULL, *dauthor = NULL;
	size_t npos, len = 0;
	int rc, ex = CRK_EXIT_OK;

	crk_err_clear(&err);
	memset(&wo, 0, sizeof(wo));
	rc = crk_opt_parse("vex export", "[--format openvex|cyclonedx] [-o FILE]", opts, argc, argv,
			   &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (!format)
		format = "openvex";
	if (npos || (strcmp(format, "openvex") && strcmp(format, "cyclonedx"))) {
		fprintf(stderr, "crakit vex export: error: %s\n",
			npos ? "no arguments expected" : "--format is openvex or cyclonedx");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (decision_time(when, &wo.timestamp)) {
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!author)
		author = dauthor = default_author();
	wo.author = author;
	wo.id = id;
	wo.pretty = !compact;
	set = crk_vex_set_new();
	if (!set) {
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	ex = open_store(db, 0, &s, &missing);
	if (ex)
		goto out;
	if (s && (rc = crk_vex_store_load(s, set, NULL, &err))) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (!crk_vex_set_count(set)) {
		fprintf(stderr, "crakit vex export: error: no VEX statements are recorded%s\n",
			missing ? " (the store does not exist yet)" : "");
		fprintf(stderr, "hint: 'crakit vex set VULN --status ...' records one\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}
	rc = !strcmp(format, "openvex") ? crk_vex_write_openvex(set, &wo, &doc, &len, &err)
					: crk_vex_write_cyclonedx(set, &wo, &doc, &len, &err);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (outpath && strcmp(outpath, "-")) {
		rc = write_output(outpath, doc, len, &err);
		if (rc) {
			ex = crk_exit_error(&err);
			goto out;
		}
		fprintf(stderr, "crakit: wrote %s\n", outpath);
	} else if (fwrite(doc, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
	}
out:
	crk_free(doc);
	crk_free(dauthor);
	crk_vex_set_free(set);
	crk_store_close(s);
	crk_free(pos);
	return ex;
}

static const struct crk_cmd subs[] = {
	{"set", cmd_set, CRK_CMD_WRITES_STORE, "record a triage decision"},
	{"list", cmd_list, CRK_CMD_NEEDS_STORE, "show the history of decisions"},
	{"export", cmd_export, CRK_CMD_NEEDS_STORE, "write the current decisions as VEX"},
	{NULL, NULL, 0, NULL},
};

int cmd_vex(int argc, char **argv)
{
	return crk_subcmd_run("vex", subs, usage, argc, argv);
}
