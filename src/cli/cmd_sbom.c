/*
 * cmd_sbom.c - `crakit sbom [PATH]`: inventory what ships (DESIGN.md §1).
 * Results go to stdout or -o FILE (written atomically); the summary, warnings and progress go
 * to stderr. Exit 0, or 3 with --strict when a file could not be parsed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/progress.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/sbom.h"
#include "base/banned.h"

/* The detector list, for --list-detectors (a src/detect header: the CLI may read the table). */
struct crk_detector;
extern const struct crk_detector *const crk_detectors[];
const char *crk__detector_describe(size_t i, const char **ecosystem, const char **doc);

struct sbom_args {
	const char *out, *format, *timestamp, *serial, *name, *product_version;
	struct crk_opt_list excludes;
	int strict, quiet, compact, list_detectors, list_formats;
};

/* Parses RFC 3339 ("2026-01-01T00:00:00Z", "...+02:00", fractional seconds ignored) or an
 * integer number of seconds since the epoch. Returns 0 and sets *out, or -1. */
static int parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	const char *p;
	char *end;
	long long v;
	int off = 0;

	if (*s && strspn(s, "0123456789") == strlen(s)) {
		v = strtoll(s, &end, 10);
		if (*end || v < 0)
			return -1;
		*out = v;
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p)
		return -1;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, hh, mm;
		if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3] != ':' ||
		    !isdigit((unsigned char)p[4]) || !isdigit((unsigned char)p[5]))
			return -1;
		hh = (p[1] - '0') * 10 + (p[2] - '0');
		mm = (p[4] - '0') * 10 + (p[5] - '0');
		if (hh > 23 || mm > 59)
			return -1;
		off = sign * (hh * 3600 + mm * 60);
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	*out = (int64_t)timegm(&tm) - off;
	return 0;
}

static int valid_uuid(const char *s)
{
	size_t i;
	if (strncmp(s, "urn:uuid:", 9) == 0)
		s += 9;
	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

static void on_progress(void *ud, size_t files, size_t lockfiles, size_t comps)
{
	crk_progress_update(ud, "scanning: %zu files, %zu parsed, %zu components", files,
			    lockfiles, comps);
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

int cmd_sbom(int argc, char **argv)
{
	struct sbom_args a;
	const struct crk_opt opts[] = {
		{"output", 'o', CRK_OPT_STRING, &a.out, "FILE", "write the SBOM to FILE (default: stdout)"},
		{"format", 'f', CRK_OPT_STRING, &a.format, "FMT",
		 "cyclonedx-json (default), spdx-json or table"},
		{"exclude", 0, CRK_OPT_LIST, &a.excludes, "GLOB",
		 "skip paths matching GLOB (repeatable)"},
		{"timestamp", 0, CRK_OPT_STRING, &a.timestamp, "TIME",
		 "RFC 3339 time or epoch seconds (default: $SOURCE_DATE_EPOCH, else now)"},
		{"serial", 0, CRK_OPT_STRING, &a.serial, "UUID",
		 "serial number (default: derived from the content)"},
		{"name", 0, CRK_OPT_STRING, &a.name, "NAME",
		 "product name (default: the scanned directory's name)"},
		{"product-version", 0, CRK_OPT_STRING, &a.product_version, "VER", "product version"},
		{"strict", 0, CRK_OPT_FLAG, &a.strict, NULL,
		 "exit 3 when any file could not be read or parsed"},
		{"compact", 0, CRK_OPT_FLAG, &a.compact, NULL, "JSON without indentation"},
		{"quiet", 'q', CRK_OPT_FLAG, &a.quiet, NULL, "no summary or progress on stderr"},
		{"list-detectors", 0, CRK_OPT_FLAG, &a.list_detectors, NULL,
		 "list the files crakit reads, and exit"},
		{"list-formats", 0, CRK_OPT_FLAG, &a.list_formats, NULL,
		 "list the output formats, and exit"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_scan_opts so;
	struct crk_scan_stats stats;
	struct crk_progress prog;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_bom *bom = NULL;
	struct crk_bom_meta *meta;
	struct crk_write_opts wo;
	const char **pos = NULL;
	const char *path, *desc, *eco, *doc;
	size_t npos, i;
	char *outbuf = NULL;
	size_t outlen = 0;
	int rc, ex = CRK_EXIT_OK;
	int64_t ts;

	if (argc > 0)
		for (i = 0; crk_sbom_subcommands[i].name; i++)
			if (strcmp(argv[0], crk_sbom_subcommands[i].name) == 0)
				return crk_sbom_subcommands[i].fn(argc - 1, argv + 1);
	memset(&a, 0, sizeof(a));
	crk_diags_init(&diags);
	rc = crk_opt_parse("sbom", "[OPTIONS] [PATH]", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (a.list_detectors) {
		for (i = 0; crk__detector_describe(i, &eco, &doc); i++)
			printf("%-32s %-11s %s\n", crk__detector_describe(i, NULL, NULL), eco,
			       doc ? doc : "");
		goto out;
	}
	if (a.list_formats) {
		for (i = 0; crk_bom_format_name(i, &desc); i++)
			printf("%-16s %s\n", crk_bom_format_name(i, NULL), desc);
		goto out;
	}
	if (npos > 1) {
		fprintf(stderr, "crakit sbom: error: one PATH at a time (got %zu)\n", npos);
		fprintf(stderr, "hint: scan the common parent directory, or use --exclude\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!a.format)
		a.format = "cyclonedx-json";
	for (i = 0; crk_bom_format_name(i, NULL); i++)
		if (strcmp(crk_bom_format_name(i, NULL), a.format) == 0)
			break;
	if (!crk_bom_format_name(i, NULL)) {
		fprintf(stderr, "crakit sbom: error: unknown format '%s'\n", a.format);
		fprintf(stderr, "hint: 'crakit sbom --list-formats' names the formats\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (a.timestamp) {
		if (parse_time(a.timestamp, &ts)) {
			fprintf(stderr, "crakit sbom: error: --timestamp '%s' is not an RFC 3339 "
					"time or epoch seconds\n", a.timestamp);
			fprintf(stderr, "hint: e.g. --timestamp 2026-01-01T00:00:00Z\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	} else if (getenv("SOURCE_DATE_EPOCH") && *getenv("SOURCE_DATE_EPOCH")) {
		if (parse_time(getenv("SOURCE_DATE_EPOCH"), &ts)) {
			fprintf(stderr, "crakit sbom: error: SOURCE_DATE_EPOCH '%s' is not a number "
					"of seconds\n", getenv("SOURCE_DATE_EPOCH"));
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	} else {
		ts = (int64_t)time(NULL);
	}
	if (a.serial && !valid_uuid(a.serial)) {
		fprintf(stderr, "crakit sbom: error: --serial '%s' is not a UUID\n", a.serial);
		fprintf(stderr, "hint: e.g. --serial urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	path = npos ? pos[0] : ".";

	bom = crk_bom_new();
	if (!bom) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	meta = crk_bom_meta(bom);
	meta->timestamp = ts;
	if (crk_bom_set_str(bom, &meta->name, a.name ? a.name : base_name(path)) ||
	    crk_bom_set_str(bom, &meta->version, a.product_version) ||
	    crk_bom_set_str(bom, &meta->serial, a.serial) ||
	    crk_bom_set_str(bom, &meta->tool_name, "crakit") ||
	    crk_bom_set_str(bom, &meta->tool_version, CRAKIT_VERSION)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}

	crk_progress_init(&prog, a.quiet);
	memset(&so, 0, sizeof(so));
	so.excludes = a.excludes.v;
	so.nexcludes = a.excludes.n;
	so.progress = on_progress;
	so.progress_ud = &prog;
	crk_err_clear(&err);
	rc = crk_sbom_scan(bom, path, &so, &diags, &stats, &err);
	crk_progress_done(&prog);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}

	if (!a.quiet) {
		for (i = 0; i < diags.n; i++)
			crk_print_warning(&diags.v[i]);
		if (diags.dropped)
			fprintf(stderr, "crakit: %zu more warnings not shown\n", diags.dropped);
		size_t parsed = stats.files_parsed - stats.files_failed, nd = crk_diags_count(&diags);
		fprintf(stderr, "crakit: %zu component%s from %zu file%s (%zu looked at), %zu warning%s\n",
			crk_bom_count(bom), crk_bom_count(bom) == 1 ? "" : "s", parsed,
			parsed == 1 ? "" : "s", stats.files_seen, nd, nd == 1 ? "" : "s");
		if (nd && !a.strict)
			fprintf(stderr, "hint: the SBOM lacks what those files could not tell; fix "
					"them, or use --strict to fail the build on them\n");
	}
	if (a.strict && crk_diags_count(&diags)) {
		fprintf(stderr, "crakit: error: --strict, and %zu warning%s above\n",
			crk_diags_count(&diags), crk_diags_count(&diags) == 1 ? "" : "s");
		fprintf(stderr, "hint: no SBOM was written; fix those files, or drop --strict\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}

	/* render in memory first: nothing half-written reaches the file */
	wo.pretty = !a.compact;
	rc = crk_bom_write_mem(bom, a.format, &wo, &outbuf, &outlen, &err);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (a.out && strcmp(a.out, "-") != 0) {
		rc = crk_write_file_atomic(a.out, outbuf, outlen, 0, &err);
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

out:
	crk_free(outbuf);
	crk_bom_free(bom);
	crk_diags_release(&diags);
	crk_opt_list_free(&a.excludes);
	crk_free(pos);
	return ex;
}
