/*
 * cmd_scan.c - `crakit scan [PATH|SBOM...]`: is anything known-vulnerable or exploited?
 * (DESIGN.md §1; manual docs/cmd/scan.md). Builds a BOM of each input (a tree, a root
 * filesystem, an image or a lockfile through crakit/sbom.h; a CycloneDX or SPDX SBOM through
 * crakit/sbomio.h), matches it against the store's vulnerability database, applies the stored
 * VEX decisions and the --vex files, and writes the report (crakit/scan.h).
 *
 * Exit: 0; 1 when --fail-on matched, or the scan is incomplete and --fail-on was given without
 * --allow-stale (fail closed); 2 usage; 3 an input or a --vex file could not be read or parsed;
 * 4 internal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/progress.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/sbom.h"
#include "crakit/sbomio.h"
#include "crakit/scan.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "base/banned.h"

struct scan_args {
	const char *out, *format, *fail_on, *db, *product, *timestamp, *max_age, *author;
	struct crk_opt_list vex, excludes;
	int json, allow_stale, no_stored_vex, quiet, compact, list_formats;
};

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

/* -o FILE, streamed: the report goes to a temporary file beside FILE as it is written (a large
 * report is never whole in memory) and is renamed into place at the end; on any error FILE is
 * left as it was. The file is created at the first byte, so a report that fails before it
 * (openvex with nothing to state) creates nothing. */
struct stream_out {
	const char *path;
	struct crk_atomic_file *f;
};

static int stream_out_write(void *ud, const char *data, size_t n, struct crk_err *err)
{
	struct stream_out *s = ud;
	int rc;
	if (!s->f && (rc = crk_atomic_open(s->path, 0, &s->f, err)))
		return rc;
	return crk_atomic_write(s->f, data, n, err);
}

static int stream_output(const char *path, const struct crk_scan_report *rep, const char *format,
			 const struct crk_scan_write_opts *wo, struct crk_err *err)
{
	struct stream_out s = {path, NULL};
	int rc = crk_scan_write_stream(rep, format, wo, stream_out_write, &s, err);
	if (!rc && !s.f)
		rc = crk_atomic_open(path, 0, &s.f, err); /* an empty report is still a file */
	if (rc) {
		crk_atomic_abort(s.f);
		return rc;
	}
	return crk_atomic_commit(s.f, err);
}

static const char *base_name(const char *path)
{
	size_t n = strlen(path);
	const char *s;
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (s = path + n; s > path && s[-1] != '/'; s--)
		;
	return s;
}

static void on_progress(void *ud, size_t files, size_t lockfiles, size_t comps)
{
	crk_progress_update(ud, "scanning: %zu files, %zu parsed, %zu components", files,
			    lockfiles, comps);
}

/* Reads one input into `bom`. Returns an exit code (0 ok). Files that cannot be parsed inside a
 * tree land in `diags` (the scan goes on, incomplete); an input named on the command line that
 * cannot be read at all, or an SBOM that does not parse, is exit 3. */
static int read_input(struct crk_bom *bom, const char *path, int nin, const struct scan_args *a,
		      struct crk_diags *diags, struct crk_progress *prog)
{
	struct crk_err err;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	crk_err_clear(&err);
	if (strcmp(path, "-") && stat(path, &st) != 0) {
		crk_err_set(&err, CRK_ENOTFOUND, path, 0, 0, "no such file or directory");
		crk_err_hint(&err, "give a directory, a lockfile, an image tarball or an SBOM");
		return crk_exit_error(&err);
	}
	if (!strcmp(path, "-") || S_ISREG(st.st_mode)) {
		rc = !strcmp(path, "-") ? crk_read_fd(0, "<stdin>", CRK_MAX_FILE_SIZE, &buf, &len, &err)
					: crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err);
		if (rc)
			return crk_exit_error(&err);
		if (crk_sbom_sniff(buf, len) != CRK_SBOM_UNKNOWN) {
			struct crk_bom *b = NULL;
			rc = crk_bom_read(buf, len, path, &b, NULL, diags, &err);
			crk_free(buf);
			if (rc)
				return crk_exit_error(&err);
			if (nin == 1) {
				/* one SBOM: its product and metadata are the scan's */
				struct crk_bom_meta *m = crk_bom_meta(b), *dm = crk_bom_meta(bom);
				if (!dm->name && m->name)
					crk_bom_set_str(bom, &dm->name, m->name);
			}
			rc = crk_bom_merge(bom, b, &err);
			crk_bom_free(b);
			return rc ? crk_exit_error(&err) : 0;
		}
		crk_free(buf);
	}
	{
		struct crk_scan_opts so;
		memset(&so, 0, sizeof(so));
		so.excludes = a->excludes.v;
		so.nexcludes = a->excludes.n;
		so.progress = on_progress;
		so.progress_ud = prog;
		rc = crk_sbom_scan(bom, path, &so, diags, NULL, &err);
		if (rc)
			return crk_exit_error(&err);
	}
	return 0;
}

/* Parses --timestamp / SOURCE_DATE_EPOCH / now. */
static int scan_time(const struct scan_args *a, int64_t *out)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (a->timestamp) {
		if (crk_vex_time_parse(a->timestamp, out)) {
			fprintf(stderr, "crakit scan: error: --timestamp '%s' is not an RFC 3339 time "
					"or epoch seconds\n", a->timestamp);
			fprintf(stderr, "hint: e.g. --timestamp 2026-01-01T00:00:00Z\n");
			return -1;
		}
	} else if (e && *e) {
		if (crk_vex_time_parse(e, out)) {
			fprintf(stderr, "crakit scan: error: SOURCE_DATE_EPOCH '%s' is not a number of "
					"seconds\n", e);
			return -1;
		}
	} else {
		*out = (int64_t)time(NULL);
	}
	return 0;
}

static int load_vex_files(struct crk_vex_set *set, const struct crk_opt_list *files)
{
	struct crk_err err;
	size_t i;
	for (i = 0; i < files->n; i++) {
		char *buf = NULL;
		size_t len = 0;
		int rc;
		crk_err_clear(&err);
		rc = crk_read_file(files->v[i], CRK_MAX_FILE_SIZE, &buf, &len, &err);
		if (!rc)
			rc = crk_vex_parse(set, buf, len, files->v[i], &err);
		crk_free(buf);
		if (rc) {
			if (!err.hint[0])
				crk_err_hint(&err, "--vex takes an OpenVEX 0.2 or CycloneDX VEX document");
			return crk_exit_error(&err);
		}
	}
	return 0;
}

static void print_problems(const struct crk_scan_report *r)
{
	size_t i;
	if (r->incomplete)
		fprintf(stderr, "crakit: warning: the scan is INCOMPLETE, this is not a clean "
				"result:\n");
	for (i = 0; i < r->nproblems; i++)
		if (r->problems[i].blocking)
			fprintf(stderr, "  - %s\n", r->problems[i].message);
	for (i = 0; i < r->nproblems; i++)
		if (r->problems[i].kind == CRK_SCAN_DB_EMPTY || r->problems[i].kind == CRK_SCAN_DB_STALE ||
		    r->problems[i].kind == CRK_SCAN_KEV_MISSING ||
		    r->problems[i].kind == CRK_SCAN_KEV_STALE ||
		    r->problems[i].kind == CRK_SCAN_ECOSYSTEM_UNCOVERED) {
			fprintf(stderr, "hint: 'crakit db update' downloads the advisories, or "
					"'crakit db import' reads them from files\n");
			break;
		}
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a;
	const struct crk_opt opts[] = {
		{"format", 'f', CRK_OPT_STRING, &a.format, "FMT",
		 "table (default), json, sarif, cyclonedx or openvex"},
		{"json", 0, CRK_OPT_FLAG, &a.json, NULL, "the same as --format json"},
		{"output", 'o', CRK_OPT_STRING, &a.out, "FILE", "write the report to FILE"},
		{"fail-on", 0, CRK_OPT_STRING, &a.fail_on, "LIST",
		 "exit 1 on: exploited,critical,high,medium,low,unrated,epss>=P"},
		{"allow-stale", 0, CRK_OPT_FLAG, &a.allow_stale, NULL,
		 "with --fail-on, do not fail because the scan is incomplete"},
		{"max-age", 0, CRK_OPT_STRING, &a.max_age, "HOURS",
		 "advisories imported longer ago are stale (default 24, as 'db status')"},
		{"vex", 0, CRK_OPT_LIST, &a.vex, "FILE",
		 "apply an OpenVEX or CycloneDX VEX document (repeatable)"},
		{"no-stored-vex", 0, CRK_OPT_FLAG, &a.no_stored_vex, NULL,
		 "ignore the decisions recorded with 'crakit vex set'"},
		{"product", 0, CRK_OPT_STRING, &a.product, "NAME",
		 "the product (default: the scanned directory's or SBOM's name)"},
		{"db", 0, CRK_OPT_STRING, &a.db, "PATH", "the store (default: $CRAKIT_DB)"},
		{"exclude", 0, CRK_OPT_LIST, &a.excludes, "GLOB", "skip paths matching GLOB"},
		{"timestamp", 0, CRK_OPT_STRING, &a.timestamp, "TIME",
		 "the scan's time (default: $SOURCE_DATE_EPOCH, else now)"},
		{"author", 0, CRK_OPT_STRING, &a.author, "NAME", "author of VEX output documents"},
		{"compact", 0, CRK_OPT_FLAG, &a.compact, NULL, "JSON without indentation"},
		{"quiet", 'q', CRK_OPT_FLAG, &a.quiet, NULL, "no summary or progress on stderr"},
		{"list-formats", 0, CRK_OPT_FLAG, &a.list_formats, NULL,
		 "list the output formats, and exit"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_scan_policy policy;
	struct crk_scan_config cfg;
	struct crk_scan_write_opts wo;
	struct crk_scan_report *rep = NULL;
	struct crk_findings *empty = NULL;
	struct crk_vex_set *vex = NULL;
	struct crk_store *store = NULL;
	struct crk_bom *bom = NULL;
	struct crk_diags diags;
	struct crk_progress prog;
	struct crk_err err;
	const char **pos = NULL, *desc;
	char *loc = NULL, *outbuf = NULL, why[512];
	size_t npos, i, outlen = 0;
	int rc, ex = CRK_EXIT_OK, fails = 0, streamed;
	struct stat st;
	int64_t now;

	memset(&a, 0, sizeof(a));
	memset(&policy, 0, sizeof(policy));
	crk_diags_init(&diags);
	crk_err_clear(&err);
	rc = crk_opt_parse("scan", "[OPTIONS] [PATH|SBOM...]", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (a.list_formats) {
		for (i = 0; crk_scan_format_name(i, &desc); i++)
			printf("%-10s %s\n", crk_scan_format_name(i, NULL), desc);
		goto out;
	}
	if (a.json)
		a.format = "json";
	if (!a.format)
		a.format = "table";
	for (i = 0; crk_scan_format_name(i, NULL); i++)
		if (!strcmp(crk_scan_format_name(i, NULL), a.format))
			break;
	if (!crk_scan_format_name(i, NULL)) {
		fprintf(stderr, "crakit scan: error: unknown format '%s'\n", a.format);
		fprintf(stderr, "hint: 'crakit scan --list-formats' names the formats\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (a.fail_on && crk_scan_policy_parse(&policy, a.fail_on, &err)) {
		fprintf(stderr, "crakit scan: error: %s\n", err.msg);
		if (err.hint[0])
			fprintf(stderr, "hint: %s\n", err.hint);
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	policy.allow_incomplete = a.allow_stale;
	memset(&cfg, 0, sizeof(cfg));
	if (a.max_age) {
		char *end;
		double h = strtod(a.max_age, &end);
		if (end == a.max_age || *end || !(h > 0) || h > 24.0 * 36500) {
			fprintf(stderr, "crakit scan: error: --max-age '%s' is not a positive number "
					"of hours\n", a.max_age);
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		cfg.max_age = (int64_t)(h * 3600);
		if (!cfg.max_age)
			cfg.max_age = 1;
	}
	if (scan_time(&a, &now)) {
		ex = CRK_EXIT_USAGE;
		goto out;
	}

	/* the inputs */
	bom = crk_bom_new();
	vex = crk_vex_set_new();
	if (!bom || !vex) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	crk_progress_init(&prog, a.quiet);
	for (i = 0; i < (npos ? npos : 1) && !ex; i++)
		ex = read_input(bom, npos ? pos[i] : ".", npos ? (int)npos : 1, &a, &diags, &prog);
	crk_progress_done(&prog);
	if (ex)
		goto out;
	if (!crk_bom_meta(bom)->name &&
	    crk_bom_set_str(bom, &crk_bom_meta(bom)->name, base_name(npos ? pos[0] : "."))) {
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	if (!a.quiet) {
		for (i = 0; i < diags.n; i++)
			crk_print_warning(&diags.v[i]);
		if (diags.dropped)
			fprintf(stderr, "crakit: %zu more warnings not shown\n", diags.dropped);
	}

	/* the store: a missing database is an empty one (fail closed), not an error */
	rc = crk_store_default_location(a.db, &loc, &err);
	if (rc == CRK_OK) {
		rc = crk_store_open(&store, loc, 0, &err);
		if (rc == CRK_ENOTFOUND) {
			store = NULL;
			rc = CRK_OK;
		}
	} else if (rc == CRK_ENOTFOUND) {
		rc = CRK_OK;
	}
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (store && !a.no_stored_vex && (rc = crk_vex_store_load(store, vex, NULL, &err))) {
		ex = crk_exit_error(&err);
		goto out;
	}
	ex = load_vex_files(vex, &a.vex);
	if (ex)
		goto out;

	cfg.now = now;
	cfg.product = a.product;
	cfg.target = npos == 1 ? pos[0] : (npos ? "(several inputs)" : ".");
	cfg.input_problems = diags.v;
	cfg.ninput_problems = diags.n;
	cfg.vex = vex;
	if (store) {
		rc = crk_scan_run(&rep, store, bom, &cfg, &err);
	} else {
		empty = crk_findings_new();
		rc = empty ? crk_scan_report_build(&rep, bom, empty, &cfg, &err)
			   : crk_err_set(&err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}

	memset(&wo, 0, sizeof(wo));
	wo.pretty = !a.compact;
	wo.author = a.author;
	wo.color = !strcmp(a.format, "table") && (!a.out || !strcmp(a.out, "-")) &&
		   crk_use_color(STDOUT_FILENO);
	/* a regular file (or a new one) is streamed; stdout, devices and pipes get the whole
	 * report at once, so a failure writes nothing there */
	streamed = a.out && strcmp(a.out, "-") && (stat(a.out, &st) != 0 || S_ISREG(st.st_mode));
	if (streamed)
		rc = stream_output(a.out, rep, a.format, &wo, &err);
	else
		rc = crk_scan_write(rep, a.format, &wo, &outbuf, &outlen, &err);
	if (rc == CRK_EINVAL) {
		/* OpenVEX with no statement: say so, write nothing */
		fprintf(stderr, "crakit scan: %s\n", err.msg);
		if (err.hint[0])
			fprintf(stderr, "hint: %s\n", err.hint);
	} else if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	} else if (streamed) {
		if (!a.quiet)
			fprintf(stderr, "crakit: wrote %s\n", a.out);
	} else if (a.out && strcmp(a.out, "-")) {
		rc = write_output(a.out, outbuf, outlen, &err);
		if (rc) {
			ex = crk_exit_error(&err);
			goto out;
		}
		if (!a.quiet)
			fprintf(stderr, "crakit: wrote %s\n", a.out);
	} else if (fwrite(outbuf, 1, outlen, stdout) != outlen || fflush(stdout) != 0) {
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}

	/* what a person must not miss, on stderr when the report itself went elsewhere */
	if (!a.quiet && (strcmp(a.format, "table") || (a.out && strcmp(a.out, "-")))) {
		print_problems(rep);
		if (rep->nreportable) {
			fprintf(stderr,
				"crakit: CRA Art. 14: %zu actively exploited vulnerabilit%s (CISA KEV) "
				"not marked not_affected; an early warning may be due within 24 hours "
				"of becoming aware (Art. 14(2)(a)):\n",
				rep->nreportable, rep->nreportable == 1 ? "y" : "ies");
			for (i = 0; i < rep->nitems; i++) {
				char *cmd = NULL;
				if (!rep->items[i].reportable ||
				    crk_scan_art14_command(rep, &rep->items[i], &cmd, &err))
					continue;
				fprintf(stderr, "  %s\n", cmd);
				crk_free(cmd);
			}
		}
	}
	if (a.fail_on) {
		fails = crk_scan_policy_fails(&policy, rep, why, sizeof(why));
		if (fails) {
			fprintf(stderr, "crakit: --fail-on %s: %s\n", a.fail_on, why);
			if (rep->incomplete && !a.allow_stale && strstr(why, "incomplete"))
				fprintf(stderr, "hint: update the database and fix the inputs, or pass "
						"--allow-stale to accept an incomplete scan\n");
			ex = CRK_EXIT_POLICY;
		}
	}

out:
	crk_free(outbuf);
	crk_scan_report_free(rep);
	crk_findings_free(empty);
	crk_vex_set_free(vex);
	crk_store_close(store);
	crk_free(loc);
	crk_bom_free(bom);
	crk_diags_release(&diags);
	crk_opt_list_free(&a.vex);
	crk_opt_list_free(&a.excludes);
	crk_free(pos);
	return ex;
}
