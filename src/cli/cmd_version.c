/*
 * cmd_version.c - `crakit version`: the crakit version; `crakit version compare` orders versions
 * the way an ecosystem does (include/crakit/version.h); `crakit version schemes` lists the
 * version schemes and the OSV ecosystems each serves; `crakit version match` says whether versions
 * are inside a purl vers or OSV range, and why (include/crakit/range.h). Manual:
 * docs/cmd/version.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/range.h"
#include "crakit/version.h"
#include "base/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: crakit version\n"
		   "       crakit version compare --ecosystem ECOSYSTEM [--json] [A B]\n"
		   "       crakit version match [--ecosystem ECOSYSTEM] [--type TYPE] [--json] RANGE "
		   "[VERSION...]\n"
		   "       crakit version schemes [--json]\n\n"
		   "subcommands:\n"
		   "  compare    order two versions, or A<TAB>B lines on standard input: -1, 0 or 1\n"
		   "  match      is each VERSION (or each line of standard input) inside RANGE, and "
		   "why\n"
		   "  schemes    list the version schemes and the ecosystems they serve\n\n"
		   "'crakit help version' shows the full manual page.\n");
}

/* Every ecosystem name, comma-separated, for a hint. */
static void ecosystems_hint(void)
{
	struct crk_version_scheme_desc d;
	size_t i, j, col = 5;
	int first = 1;
	fputs("hint: --ecosystem takes an OSV ecosystem name (a ':RELEASE' suffix is allowed):\n    ",
	      stderr);
	for (i = 0; crk_version_scheme_at(i, &d); i++) {
		for (j = 0; d.ecosystems[j]; j++) {
			size_t n = strlen(d.ecosystems[j]) + 2;
			if (!first)
				fputc(',', stderr);
			if (col + n > 95) {
				fputs("\n    ", stderr);
				col = 5;
			}
			fprintf(stderr, " %s", d.ecosystems[j]);
			col += n;
			first = 0;
		}
	}
	fputc('\n', stderr);
}

/* One result: "-1", "0", "1" or "error: ..." (or a JSON object) and a newline. */
static void print_result(int json, const char *a, size_t alen, const char *b, size_t blen, int rc,
			 int cmp, const struct crk_err *err)
{
	if (json) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		crk_strbuf_adds(&sb, "{\"a\":\"");
		crk_strbuf_add_json_str(&sb, a, alen);
		crk_strbuf_adds(&sb, "\",\"b\":\"");
		crk_strbuf_add_json_str(&sb, b, blen);
		if (rc == CRK_OK) {
			crk_strbuf_addf(&sb, "\",\"result\":%d}", cmp);
		} else {
			crk_strbuf_adds(&sb, "\",\"error\":");
			crk_strbuf_add_json_quoted(&sb, err->msg);
			if (err->hint[0]) {
				crk_strbuf_adds(&sb, ",\"hint\":");
				crk_strbuf_add_json_quoted(&sb, err->hint);
			}
			crk_strbuf_addch(&sb, '}');
		}
		if (crk_strbuf_ok(&sb))
			puts(sb.buf);
		else
			puts("{\"error\":\"out of memory\"}");
		crk_strbuf_release(&sb);
	} else if (rc == CRK_OK) {
		printf("%d\n", cmp);
	} else if (err->hint[0]) {
		printf("error: %s: %s\n", err->msg, err->hint);
	} else {
		printf("error: %s\n", err->msg);
	}
}

/* Compares one line "A<TAB>B"; returns 0, or 1 when it could not. */
static int compare_line(const char *eco, int json, char *line, size_t len, size_t lineno)
{
	struct crk_err err;
	char *tab = memchr(line, '\t', len);
	int rc, cmp = 0;
	crk_err_clear(&err);
	if (!tab || memchr(tab + 1, '\t', len - (size_t)(tab - line) - 1)) {
		rc = crk_err_set(&err, CRK_EPARSE, NULL, 0, 0,
				 "line %zu: expected two versions separated by one tab", lineno);
		print_result(json, line, len, "", 0, rc, 0, &err);
		return 1;
	}
	rc = crk_version_comparen(eco, line, (size_t)(tab - line), tab + 1,
				  len - (size_t)(tab - line) - 1, &cmp, &err);
	print_result(json, line, (size_t)(tab - line), tab + 1, len - (size_t)(tab - line) - 1, rc,
		     cmp, &err);
	return rc != CRK_OK;
}

static int cmd_compare(int argc, char **argv)
{
	const char *eco = NULL, **pos = NULL;
	int json = 0, rc;
	size_t npos, bad = 0, lines = 0;
	const struct crk_opt opts[] = {
		{"ecosystem", 'e', CRK_OPT_STRING, &eco, "ECOSYSTEM",
		 "the OSV ecosystem whose rules apply: PyPI, npm, Debian:12, ..."},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "one JSON object per result"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("version compare", "--ecosystem ECOSYSTEM [--json] [A B]", opts, argc,
			   argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (!eco || !*eco) {
		fprintf(stderr, "crakit version compare: error: --ecosystem is required\n");
		ecosystems_hint();
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (!crk_version_scheme_name(eco)) {
		fprintf(stderr, "crakit version compare: error: no version scheme for the ecosystem "
				"'%s'\n",
			eco);
		ecosystems_hint();
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos != 0 && npos != 2) {
		fprintf(stderr, "crakit version compare: error: give two versions, or none to read "
				"A<TAB>B lines from standard input (got %zu)\n",
			npos);
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (npos == 2) {
		struct crk_err err;
		int cmp = 0;
		crk_err_clear(&err);
		rc = crk_version_comparen(eco, pos[0], strlen(pos[0]), pos[1], strlen(pos[1]), &cmp,
					  &err);
		print_result(json, pos[0], strlen(pos[0]), pos[1], strlen(pos[1]), rc, cmp, &err);
		crk_free(pos);
		return rc == CRK_OK ? CRK_EXIT_OK : CRK_EXIT_INPUT;
	}
	crk_free(pos);
	{
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while ((n = getline(&line, &cap, stdin)) >= 0) {
			size_t len = (size_t)n;
			lines++;
			if (len > 0 && line[len - 1] == '\n')
				len--;
			if (len > 0 && line[len - 1] == '\r')
				len--;
			if (len == 0) { /* keeps output lines aligned with input lines */
				putchar('\n');
				continue;
			}
			bad += (size_t)compare_line(eco, json, line, len, lines);
		}
		free(line);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "crakit version compare: error: cannot write to standard output\n");
		return CRK_EXIT_INPUT;
	}
	if (bad) {
		fprintf(stderr, "crakit version compare: error: %zu of %zu line%s could not be "
				"compared\n",
			bad, lines, lines == 1 ? "" : "s");
		return CRK_EXIT_INPUT;
	}
	return CRK_EXIT_OK;
}

/* ---- match ---- */

#define MATCH_MAX_EVENTS 256

/* A RANGE argument: a purl vers, or OSV events "introduced=A,fixed=B,...". */
struct match_range {
	int is_vers;
	struct crk_vers vers;
	struct crk_osv_range osv;
	struct crk_range_event ev[MATCH_MAX_EVENTS];
	const char *eco;
};

static int parse_events(struct match_range *m, const char *s, struct crk_err *err)
{
	static const struct {
		const char *name;
		enum crk_event_kind kind;
	} kinds[] = {{"introduced", CRK_EVENT_INTRODUCED},
		     {"fixed", CRK_EVENT_FIXED},
		     {"last_affected", CRK_EVENT_LAST_AFFECTED},
		     {"limit", CRK_EVENT_LIMIT}};
	const char *p = s;
	while (*p) {
		const char *end = strchr(p, ','), *eq;
		size_t len, k;
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		eq = memchr(p, '=', len);
		if (!eq || eq == p || eq + 1 == end)
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "'%.*s' is not an event: expected KIND=VERSION", (int)len,
					   p);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (strlen(kinds[k].name) == (size_t)(eq - p) &&
			    memcmp(kinds[k].name, p, (size_t)(eq - p)) == 0)
				break;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
					   "unknown event '%.*s': expected introduced, fixed, "
					   "last_affected or limit",
					   (int)(eq - p), p);
		if (m->osv.nevents == MATCH_MAX_EVENTS)
			return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "more than %d events",
					   MATCH_MAX_EVENTS);
		m->ev[m->osv.nevents].kind = kinds[k].kind;
		m->ev[m->osv.nevents].version = eq + 1;
		m->ev[m->osv.nevents].len = (size_t)(end - eq - 1);
		m->osv.nevents++;
		p = *end ? end + 1 : end;
	}
	if (!m->osv.nevents)
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "no events in the range");
	m->osv.events = m->ev;
	return CRK_OK;
}

/* The vers constraint(s) that admitted a version, as text. */
static void vers_why(const struct crk_vers *v, long i, struct crk_strbuf *sb)
{
	static const char *const ops[] = {"", "=", "!=", "<", "<=", ">", ">=", "*"};
	const struct crk_vers_constraint *c = &v->c[i];
	if (c->op == CRK_VERS_STAR) {
		crk_strbuf_adds(sb, "*");
		return;
	}
	crk_strbuf_addf(sb, "%s%s", ops[c->op], c->version);
	if (c->op == CRK_VERS_GT || c->op == CRK_VERS_GE) {
		size_t j;
		for (j = (size_t)i + 1; j < v->n; j++)
			if (v->c[j].op == CRK_VERS_LT || v->c[j].op == CRK_VERS_LE) {
				crk_strbuf_addf(sb, " %s%s", ops[v->c[j].op], v->c[j].version);
				break;
			}
	}
}

/* Evaluates one version and prints its line; returns 0, or 1 when it could not. */
static int match_one(const struct match_range *m, int json, const char *v, size_t vlen)
{
	struct crk_strbuf why = CRK_STRBUF_INIT(0), out = CRK_STRBUF_INIT(0);
	struct crk_err err;
	int rc, in = 0;
	crk_err_clear(&err);
	if (m->is_vers) {
		long i = -1;
		rc = crk_vers_contains(&m->vers, v, vlen, &in, &i, &err);
		if (rc == CRK_OK && in)
			vers_why(&m->vers, i, &why);
		else if (rc == CRK_OK && i >= 0)
			crk_strbuf_addf(&why, "excluded by !=%s", m->vers.c[i].version);
		else if (rc == CRK_OK)
			crk_strbuf_adds(&why, "no constraint admits it");
	} else {
		struct crk_range_verdict vd;
		char text[1024];
		rc = crk_osv_range_eval(m->eco, &m->osv, v, vlen, &vd, &err);
		if (rc == CRK_OK) {
			in = vd.affected;
			crk_range_verdict_str(&vd, text, sizeof(text));
			crk_strbuf_adds(&why, in ? text : text + strlen("not in range: "));
		}
	}
	if (json) {
		crk_strbuf_adds(&out, "{\"version\":\"");
		crk_strbuf_add_json_str(&out, v, vlen);
		if (rc == CRK_OK) {
			crk_strbuf_addf(&out, "\",\"affected\":%s,\"%s\":", in ? "true" : "false",
					in ? "range" : "reason");
			crk_strbuf_add_json_quoted(&out, why.buf);
		} else {
			crk_strbuf_adds(&out, "\",\"error\":");
			crk_strbuf_add_json_quoted(&out, err.msg);
			if (err.hint[0]) {
				crk_strbuf_adds(&out, ",\"hint\":");
				crk_strbuf_add_json_quoted(&out, err.hint);
			}
		}
		crk_strbuf_addch(&out, '}');
	} else {
		crk_strbuf_add(&out, v, vlen);
		if (rc == CRK_OK)
			crk_strbuf_addf(&out, "\t%s\t%s", in ? "affected" : "not-affected", why.buf);
		else
			crk_strbuf_addf(&out, "\terror\t%s%s%s", err.msg, err.hint[0] ? ": " : "",
					err.hint);
	}
	puts(crk_strbuf_ok(&out) ? out.buf : "error: out of memory");
	crk_strbuf_release(&why);
	crk_strbuf_release(&out);
	return rc != CRK_OK;
}

static int cmd_match(int argc, char **argv)
{
	const char *eco = NULL, *type = NULL, **pos = NULL;
	int json = 0, rc;
	size_t npos, i, bad = 0, lines = 0;
	struct match_range *m;
	struct crk_err err;
	const struct crk_opt opts[] = {
		{"ecosystem", 'e', CRK_OPT_STRING, &eco, "ECOSYSTEM",
		 "the OSV ecosystem of an OSV range: PyPI, npm, Debian:12, ... (a vers names "
		 "its own scheme)"},
		{"type", 't', CRK_OPT_STRING, &type, "TYPE",
		 "the OSV range type: ECOSYSTEM (default), SEMVER or GIT"},
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "one JSON object per version"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("version match",
			   "[--ecosystem ECOSYSTEM] [--type TYPE] [--json] RANGE [VERSION...]", opts,
			   argc, argv, &pos, &npos);
	if (rc) {
		crk_free(pos);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (npos < 1) {
		fprintf(stderr, "crakit version match: error: give a RANGE: a purl vers "
				"(vers:npm/>=1.0.0|<2.0.0) or OSV events (introduced=1.0.0,fixed=2.0.0)\n");
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	if (!(m = crk_calloc(1, sizeof(*m)))) {
		crk_free(pos);
		fprintf(stderr, "crakit: error: out of memory\n");
		return CRK_EXIT_INTERNAL;
	}
	crk_err_clear(&err);
	if (strncmp(pos[0], "vers:", 5) == 0) {
		m->is_vers = 1;
		rc = crk_vers_parse(&m->vers, pos[0], strlen(pos[0]), &err);
	} else if (!eco || !*eco) {
		fprintf(stderr, "crakit version match: error: --ecosystem is required for an OSV "
				"range\n");
		ecosystems_hint();
		rc = -1;
	} else {
		m->eco = eco;
		m->osv.type = !type || strcmp(type, "ECOSYSTEM") == 0 ? CRK_RANGE_ECOSYSTEM
			      : strcmp(type, "SEMVER") == 0	      ? CRK_RANGE_SEMVER
			      : strcmp(type, "GIT") == 0	      ? CRK_RANGE_GIT
								      : 0;
		if (!m->osv.type) {
			fprintf(stderr, "crakit version match: error: unknown range type '%s': "
					"expected ECOSYSTEM, SEMVER or GIT\n",
				type);
			rc = -1;
		} else {
			rc = parse_events(m, pos[0], &err);
		}
	}
	if (rc != CRK_OK) {
		if (rc != -1) {
			fprintf(stderr, "crakit version match: error: %s\n", err.msg);
			if (err.hint[0])
				fprintf(stderr, "hint: %s\n", err.hint);
		}
		if (m->is_vers)
			crk_vers_free(&m->vers);
		crk_free(m);
		crk_free(pos);
		return CRK_EXIT_USAGE;
	}
	for (i = 1; i < npos; i++)
		bad += (size_t)match_one(m, json, pos[i], strlen(pos[i]));
	lines = npos - 1;
	if (npos == 1) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while ((n = getline(&line, &cap, stdin)) >= 0) {
			size_t len = (size_t)n;
			lines++;
			if (len > 0 && line[len - 1] == '\n')
				len--;
			if (len > 0 && line[len - 1] == '\r')
				len--;
			if (len == 0) {
				putchar('\n');
				continue;
			}
			bad += (size_t)match_one(m, json, line, len);
		}
		free(line);
	}
	if (m->is_vers)
		crk_vers_free(&m->vers);
	crk_free(m);
	crk_free(pos);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "crakit version match: error: cannot write to standard output\n");
		return CRK_EXIT_INPUT;
	}
	if (bad) {
		fprintf(stderr, "crakit version match: error: %zu of %zu version%s could not be "
				"evaluated\n",
			bad, lines, lines == 1 ? "" : "s");
		return CRK_EXIT_INPUT;
	}
	return CRK_EXIT_OK;
}

static int cmd_schemes(int argc, char **argv)
{
	struct crk_version_scheme_desc d;
	const char **pos = NULL;
	int json = 0, rc;
	size_t npos, i, j;
	const struct crk_opt opts[] = {
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "a JSON array"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	rc = crk_opt_parse("version schemes", "[--json]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc)
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	if (npos) {
		fprintf(stderr, "crakit version schemes: error: no arguments expected\n");
		return CRK_EXIT_USAGE;
	}
	if (json) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		crk_strbuf_addch(&sb, '[');
		for (i = 0; crk_version_scheme_at(i, &d); i++) {
			crk_strbuf_adds(&sb, i ? ",\n {\"name\":" : "{\"name\":");
			crk_strbuf_add_json_quoted(&sb, d.name);
			crk_strbuf_adds(&sb, ",\"title\":");
			crk_strbuf_add_json_quoted(&sb, d.title);
			crk_strbuf_adds(&sb, ",\"ecosystems\":[");
			for (j = 0; d.ecosystems[j]; j++) {
				if (j)
					crk_strbuf_addch(&sb, ',');
				crk_strbuf_add_json_quoted(&sb, d.ecosystems[j]);
			}
			crk_strbuf_adds(&sb, "],\"spec\":");
			crk_strbuf_add_json_quoted(&sb, d.spec);
			crk_strbuf_adds(&sb, ",\"doc\":");
			crk_strbuf_add_json_quoted(&sb, d.doc);
			crk_strbuf_addch(&sb, '}');
		}
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
	printf("%-10s %-30s %s\n", "SCHEME", "RULES", "ECOSYSTEMS");
	for (i = 0; crk_version_scheme_at(i, &d); i++) {
		printf("%-10s %-30s ", d.name, d.title);
		for (j = 0; d.ecosystems[j]; j++)
			printf("%s%s", j ? ", " : "", d.ecosystems[j]);
		printf("\n");
	}
	return CRK_EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	static const struct crk_cmd subs[] = {
		{"compare", cmd_compare, 0, "compare versions"},
		{"match", cmd_match, 0, "test versions against a range"},
		{"schemes", cmd_schemes, 0, "list the version schemes"},
		{NULL, NULL, 0, NULL},
	};
	if (argc < 1 || !argv) {
		printf("crakit %s\n", CRAKIT_VERSION);
		return CRK_EXIT_OK;
	}
	return crk_subcmd_run("version", subs, usage, argc, argv);
}
