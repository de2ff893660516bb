/*
 * cmd_sbom_convert.c - `crakit sbom convert IN [-o OUT] [--format FMT]`: the same SBOM in another
 * format: CycloneDX <-> SPDX, JSON <-> XML / tag-value (include/crakit/sbomio.h reads it, the
 * writers of `crakit sbom --list-formats` write it). Manual: docs/cmd/sbom-convert.md.
 *
 * The input's timestamp and serial number are kept (it is the same bill of materials; --timestamp
 * and --serial replace them). What the input holds that crakit's model cannot (services,
 * vulnerabilities, files) and what the output format has no place for (SPDX 2 has no
 * properties, ...) is said on stderr, one "crakit: note:" line each, so a lossy conversion is
 * never a silent one. Exit 0; 2 usage; 3 the input cannot be read or parsed (or, with --strict,
 * had warnings); 4 internal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/sbom_cli.h"
#include "crakit/sbom.h"
#include "crakit/sbomio.h"
#include "base/banned.h"

struct note_ctx {
	const char *format;
	int n;
};

/* "crakit: note: spdx-tag-value has no place for: component properties (3 components), ..." */
static void print_loss(void *ud, const char *what, size_t n)
{
	struct note_ctx *nc = ud;
	if (!nc->n++)
		fprintf(stderr, "crakit: note: %s has no place for: ", nc->format);
	else
		fputs(", ", stderr);
	fprintf(stderr, "%s (%zu component%s)", what, n, n == 1 ? "" : "s");
}

int cmd_sbom_convert(int argc, char **argv)
{
	const char *out = NULL, *format = NULL, *timestamp = NULL, *serial = NULL;
	int compact = 0, quiet = 0, strict = 0;
	struct crk_strbuf fmt_help = CRK_STRBUF_INIT(0);
	const struct crk_opt opts[] = {
		{"output", 'o', CRK_OPT_STRING, &out, "FILE",
		 "write to FILE (default: stdout); its suffix names the format"},
		{"format", 'f', CRK_OPT_STRING, &format, "FMT",
		 crk_cli_format_help(&fmt_help, NULL)},
		{"timestamp", 0, CRK_OPT_STRING, &timestamp, "TIME",
		 "RFC 3339 time or epoch seconds (default: the input's)"},
		{"serial", 0, CRK_OPT_STRING, &serial, "UUID",
		 "serial number (default: the input's, else derived from the content)"},
		{"strict", 0, CRK_OPT_FLAG, &strict, NULL, "exit 3 when the input had any warning"},
		{"compact", 0, CRK_OPT_FLAG, &compact, NULL, "JSON without indentation"},
		{"quiet", 'q', CRK_OPT_FLAG, &quiet, NULL, "no warnings or notes on stderr"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_sbom_info info;
	struct crk_bom *bom = NULL;
	struct crk_bom_meta *m;
	struct note_ctx nc;
	const char **pos = NULL;
	size_t npos, i;
	int rc, ex;

	rc = crk_opt_parse("sbom convert", "[OPTIONS] IN", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos != 1) {
		fprintf(stderr, "crakit sbom convert: error: %s\n",
			npos ? "one input SBOM at a time" : "which SBOM? (give a file, or - for stdin)");
		fprintf(stderr, "hint: crakit sbom convert bom.cdx.json -o bom.spdx.json\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!format)
		format = crk_cli_format_for(out);
	if (!format) {
		fprintf(stderr, "crakit sbom convert: error: which format? %s\n",
			out && strcmp(out, "-") ? "the output file's name does not say"
						: "none given for standard output");
		fprintf(stderr, "hint: --format cyclonedx-json, cyclonedx-xml, spdx-json, "
				"spdx-tag-value or spdx3-json\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!crk_cli_format_known(format)) {
		fprintf(stderr, "crakit sbom convert: error: unknown format '%s'\n", format);
		fprintf(stderr, "hint: 'crakit sbom --list-formats' names the formats\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	ex = crk_cli_read_sbom("sbom convert", pos[0], quiet, strict, &bom, &info);
	if (ex)
		goto out;
	m = crk_bom_meta(bom);
	ex = crk_cli_set_time_serial("sbom convert", bom, timestamp, serial);
	if (ex)
		goto out;
	if (crk_bom_set_str(bom, &m->tool_name, "crakit") ||
	    crk_bom_set_str(bom, &m->tool_version, CRAKIT_VERSION)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	if (!quiet) {
		/* what the input had that no crakit SBOM holds, then what the format lacks */
		for (i = 0; i < info.ndropped; i++)
			fprintf(stderr, "%s%s", i ? ", " : "crakit: note: not converted (an SBOM of "
							   "crakit holds components, their "
							   "dependencies and metadata): ",
				info.dropped[i]);
		if (info.ndropped)
			fputc('\n', stderr);
		nc.format = format;
		nc.n = 0;
		if (crk_sbom_losses(bom, format, print_loss, &nc))
			fputc('\n', stderr);
	}
	ex = crk_cli_write_bom(bom, format, !compact, 0, out, quiet);
	if (!ex && !quiet)
		fprintf(stderr, "crakit: %zu component%s, %s %s -> %s\n", crk_bom_count(bom),
			crk_bom_count(bom) == 1 ? "" : "s", crk_sbom_format_str(info.format),
			info.spec_version, format);
out:
	crk_strbuf_release(&fmt_help);
	crk_bom_free(bom);
	crk_free(pos);
	return ex;
}
