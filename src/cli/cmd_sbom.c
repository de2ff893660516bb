/*
 * cmd_sbom.c - `crakit sbom [PATH]`: inventory what ships (DESIGN.md §1).
 * Results go to stdout or -o FILE (written atomically); the summary, warnings and progress go
 * to stderr. Exit 0, or 3 with --strict when a file could not be parsed.
 */
#include <ctype.h>
#include <errno.h>
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
#include "cli/sbom_check.h"
#include "cli/sbom_cli.h"
#include "crakit/sbom.h"
#include "crakit/sbomcheck.h"
#include "base/banned.h"

/* The detector list, for --list-detectors (a src/detect header: the CLI may read the table). */
struct crk_detector;
extern const struct crk_detector *const crk_detectors[];
const char *crk__detector_describe(size_t i, const char **ecosystem, const char **doc);

struct sbom_args {
	const char *out, *format, *timestamp, *serial, *name, *product_version;
	const char *profile, *creator, *product_license, *profile_report;
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

/* --creator "Name <email>", "Name <https://...>", an email or a URL: fills *p (strings in
 * *buf, a heap copy the caller frees). Returns -1 when it names no email or URL. */
static int parse_creator(const char *s, struct crk_party *p, char **buf)
{
	char *c, *lt;
	size_t n;
	memset(p, 0, sizeof(*p));
	p->role = CRK_PARTY_MANUFACTURER;
	p->organization = 1;
	*buf = c = crk_strdup(s);
	if (!c)
		return -1;
	n = strlen(c);
	while (n && c[n - 1] == ' ')
		c[--n] = '\0';
	lt = n && c[n - 1] == '>' ? strrchr(c, '<') : NULL;
	if (lt) {
		char *name_end = lt;
		c[n - 1] = '\0';
		while (name_end > c && name_end[-1] == ' ')
			name_end--;
		*name_end = '\0';
		p->name = *c ? c : NULL;
		c = lt + 1;
	}
	if (strncmp(c, "https://", 8) == 0 || strncmp(c, "http://", 7) == 0) {
		p->url = c;
	} else {
		const char *at = strchr(c, '@');
		if (!at || at == c || !at[1] || strchr(c, ' ') || strchr(at + 1, '@'))
			return -1;
		p->email = c;
	}
	return 0;
}

/* The SBOM creator from PATH/cra.yaml (a directory scan): the manufacturer's email or URL.
 * A missing file is no error (the profile report says what is missing); a cra.yaml crakit
 * cannot read is a warning. Returns an exit code (0 or internal). */
static int creator_from_cra(struct crk_bom *bom, const char *path, int quiet)
{
	struct crk_strbuf f = CRK_STRBUF_INIT(0);
	struct crk_err err;
	char *buf = NULL;
	size_t len;
	int rc;
	crk_strbuf_adds(&f, path);
	crk_strbuf_adds(&f, "/cra.yaml");
	if (!crk_strbuf_ok(&f)) {
		crk_strbuf_release(&f);
		return CRK_EXIT_INTERNAL;
	}
	crk_err_clear(&err);
	rc = crk_read_file(f.buf, 1 << 20, &buf, &len, &err);
	if (rc == CRK_OK)
		rc = crk_sbom_creator_cra(bom, buf, len, f.buf, &err);
	crk_free(buf);
	crk_strbuf_release(&f);
	if (rc == CRK_ENOMEM) {
		fprintf(stderr, "crakit: error: out of memory\n");
		return CRK_EXIT_INTERNAL;
	}
	if (rc && rc != CRK_ENOTFOUND && rc != CRK_EIO && !quiet)
		crk_print_warning(&err);
	return CRK_EXIT_OK;
}

/* --profile: what the written SBOM still lacks, judged by `crakit sbom check`'s engine on the
 * document itself (so the two always agree): a summary on stderr, grouped by field, and with
 * --profile-report every component and field in FILE. Returns an exit code. */
static int profile_report(const char *doc, size_t len, const struct sbom_args *a)
{
	struct crk_check_opts co;
	struct crk_check_report *r = NULL;
	struct crk_err err;
	size_t i, lacking = 0;
	int rc;

	memset(&co, 0, sizeof(co));
	co.standard = CRK_STD_BSI_2_1;
	crk_err_clear(&err);
	rc = crk_sbom_check(doc, len, "the SBOM", &co, &r, &err);
	if (rc)
		return crk_exit_error(&err);
	for (i = 0; i < r->ngaps; i++)
		if (i == 0 || strcmp(r->gaps[i].component, r->gaps[i - 1].component) != 0)
			lacking++; /* an upper bound: gaps are grouped by field */
	if (!a->quiet) {
		for (i = 0; i < r->nfields; i++)
			if (r->fields[i].of_sbom && r->fields[i].level == CRK_LEVEL_REQUIRED &&
			    !r->fields[i].present)
				fprintf(stderr, "crakit: BSI TR-03183-2 v2.1: missing for the SBOM: %s (%s)\n",
					r->fields[i].name, r->fields[i].section);
		if (r->ngaps) {
			fprintf(stderr, "crakit: BSI TR-03183-2 v2.1: %zu required field%s could not "
					"be filled (score %.1f):\n",
				r->ngaps, r->ngaps == 1 ? "" : "s", r->score);
			crk_cli_print_gaps(stderr, r, 3, "  ");
		} else if (r->conformant) {
			fprintf(stderr, "crakit: BSI TR-03183-2 v2.1: every required field filled "
					"(%zu component%s)\n",
				r->ncomponents, r->ncomponents == 1 ? "" : "s");
		}
		for (i = 0; i < r->nfields; i++)
			if (r->fields[i].of_sbom && strcmp(r->fields[i].id, "sbom.creator") == 0 &&
			    !r->fields[i].present)
				fprintf(stderr, "hint: name the SBOM's creator with --creator \"Name "
						"<email>\" or manufacturer.email in cra.yaml\n");
		if (r->ngaps && !a->profile_report)
			fprintf(stderr, "hint: --profile-report FILE lists every component and "
					"what it lacks\n");
	}
	(void)lacking;
	if (a->profile_report) {
		FILE *f = fopen(a->profile_report, "w");
		if (!f) {
			fprintf(stderr, "crakit: error: %s: cannot write: %s\n", a->profile_report,
				strerror(errno));
			crk_check_report_free(r);
			return CRK_EXIT_INPUT;
		}
		fprintf(f, "# BSI TR-03183-2 v2.1: component<TAB>field<TAB>what it is; score %.1f\n",
			r->score);
		for (i = 0; i < r->nfields; i++)
			if (r->fields[i].of_sbom && r->fields[i].level == CRK_LEVEL_REQUIRED &&
			    !r->fields[i].present)
				fprintf(f, "(the SBOM)\t%s\t%s\n", r->fields[i].id, r->fields[i].name);
		crk_cli_print_all_gaps(f, r);
		if (fclose(f) != 0) {
			fprintf(stderr, "crakit: error: %s: cannot write\n", a->profile_report);
			crk_check_report_free(r);
			return CRK_EXIT_INPUT;
		}
	}
	crk_check_report_free(r);
	return CRK_EXIT_OK;
}

int cmd_sbom(int argc, char **argv)
{
	struct sbom_args a;
	struct crk_strbuf fmt_help = CRK_STRBUF_INIT(0);
	const struct crk_opt opts[] = {
		{"output", 'o', CRK_OPT_STRING, &a.out, "FILE", "write the SBOM to FILE (default: stdout)"},
		{"format", 'f', CRK_OPT_STRING, &a.format, "FMT",
		 crk_cli_format_help(&fmt_help, "cyclonedx-json")},
		{"exclude", 0, CRK_OPT_LIST, &a.excludes, "GLOB",
		 "skip paths matching GLOB (repeatable)"},
		{"timestamp", 0, CRK_OPT_STRING, &a.timestamp, "TIME",
		 "RFC 3339 time or epoch seconds (default: $SOURCE_DATE_EPOCH, else now)"},
		{"serial", 0, CRK_OPT_STRING, &a.serial, "UUID",
		 "serial number (default: derived from the content)"},
		{"name", 0, CRK_OPT_STRING, &a.name, "NAME",
		 "product name (default: the scanned directory's name)"},
		{"product-version", 0, CRK_OPT_STRING, &a.product_version, "VER", "product version"},
		{"profile", 0, CRK_OPT_STRING, &a.profile, "NAME",
		 "bsi-tr-03183-2: write what BSI TR-03183-2 v2.1 asks (-f cyclonedx-json or "
		 "spdx3-json) and say what could not be filled"},
		{"creator", 0, CRK_OPT_STRING, &a.creator, "WHO",
		 "the SBOM's creator: \"Name <email>\", an email or a URL (default: the "
		 "manufacturer in PATH/cra.yaml)"},
		{"product-license", 0, CRK_OPT_STRING, &a.product_license, "EXPR",
		 "the product's own licence (an SPDX expression)"},
		{"profile-report", 0, CRK_OPT_STRING, &a.profile_report, "FILE",
		 "with --profile: write every component and the fields it lacks to FILE"},
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
	int rc, ex = CRK_EXIT_OK, wprofile = CRK_PROFILE_NONE;
	int64_t ts;
	struct crk_party creator;
	char *creator_buf = NULL;

	if (argc > 0)
		for (i = 0; crk_sbom_subcommands[i].name; i++)
			if (strcmp(argv[0], crk_sbom_subcommands[i].name) == 0) {
				crk_strbuf_release(&fmt_help);
				return crk_sbom_subcommands[i].fn(argc - 1, argv + 1);
			}
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
	if (a.profile) {
		if (strcmp(a.profile, "bsi-tr-03183-2") != 0) {
			fprintf(stderr, "crakit sbom: error: unknown profile '%s'\n", a.profile);
			fprintf(stderr, "hint: the profile crakit writes is bsi-tr-03183-2\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		wprofile = CRK_PROFILE_BSI;
		if (!crk_bom_format_profiles(a.format, wprofile)) {
			/* BSI TR-03183-2 v2.1 §4: CycloneDX >= 1.6 or SPDX >= 3.0.1, JSON or XML */
			if (strncmp(a.format, "spdx", 4) == 0 && strcmp(a.format, "spdx3-json") != 0)
				fprintf(stderr,
					"crakit sbom: error: --profile bsi-tr-03183-2 cannot be written "
					"as %s (SPDX 2.3): BSI TR-03183-2 v2.1 (section 4) accepts only "
					"CycloneDX 1.6 or later and SPDX 3.0.1 or later\n",
					a.format);
			else
				fprintf(stderr,
					"crakit sbom: error: --profile bsi-tr-03183-2 is written as "
					"cyclonedx-json or spdx3-json, not %s\n",
					a.format);
			fprintf(stderr, "hint: use -f cyclonedx-json or -f spdx3-json\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	} else if (a.profile_report) {
		fprintf(stderr, "crakit sbom: error: --profile-report needs --profile\n");
		fprintf(stderr, "hint: e.g. --profile bsi-tr-03183-2 --profile-report missing.txt\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (a.creator && parse_creator(a.creator, &creator, &creator_buf)) {
		fprintf(stderr, "crakit sbom: error: --creator '%s' names no email or URL\n",
			a.creator);
		fprintf(stderr, "hint: e.g. --creator \"ACME Ltd <sbom@acme.example>\" or --creator "
				"https://acme.example\n");
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

	/* the SBOM's creator (BSI TR-03183-2 v2.1 §5.2.1): --creator, else cra.yaml's manufacturer
	 * when a profile wants one */
	if (a.creator) {
		if (crk_bom_meta_add_party(bom, &creator)) {
			fprintf(stderr, "crakit: error: out of memory\n");
			ex = CRK_EXIT_INTERNAL;
			goto out;
		}
	} else if (wprofile) {
		ex = creator_from_cra(bom, path, a.quiet);
		if (ex)
			goto out;
	}
	if (a.product_license || wprofile) {
		struct crk_pkg product;
		memset(&product, 0, sizeof(product));
		product.type = "generic";
		product.name = meta->name;
		product.version = meta->version;
		product.license = a.product_license;
		product.flags = CRK_PKG_NO_PURL;
		product.path = path;
		crk_err_clear(&err);
		if (crk_bom_set_product(bom, &product, &err)) {
			ex = crk_exit_error(&err);
			goto out;
		}
	}

	crk_progress_init(&prog, a.quiet);
	memset(&so, 0, sizeof(so));
	so.excludes = a.excludes.v;
	so.nexcludes = a.excludes.n;
	so.progress = on_progress;
	so.progress_ud = &prog;
	if (wprofile)
		so.flags |= CRK_SCAN_HASH_INPUT;
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
	memset(&wo, 0, sizeof(wo));
	wo.pretty = !a.compact;
	wo.profile = wprofile;
	rc = crk_bom_write_mem(bom, a.format, &wo, &outbuf, &outlen, &err);
	if (rc) {
		ex = crk_exit_error(&err);
		goto out;
	}
	if (wprofile) {
		ex = profile_report(outbuf, outlen, &a);
		if (ex)
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
	crk_strbuf_release(&fmt_help);
	crk_free(creator_buf);
	crk_free(outbuf);
	crk_bom_free(bom);
	crk_diags_release(&diags);
	crk_opt_list_free(&a.excludes);
	crk_free(pos);
	return ex;
}
