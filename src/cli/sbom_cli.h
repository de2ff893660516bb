/*
 * sbom_cli.h - what the `crakit sbom` subcommands that read SBOMs share (cmd_sbom_convert.c,
 * cmd_sbom_merge.c, cmd_sbom_diff.c): reading an input with its warnings, the time and serial
 * options, the output format named by a file name, and writing a document atomically.
 */
#ifndef CRK_CLI_SBOM_CLI_H
#define CRK_CLI_SBOM_CLI_H

#include <stdint.h>

#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/sbomio.h"

/* Reads the SBOM `path` ("-": standard input) into *out; prints its warnings (unless quiet)
 * as "crakit: warning: path:line:col: ...". Returns an exit code (crk_exit_error() printed the
 * error); with `strict`, warnings are an error (exit 3). */
int crk_cli_read_sbom(const char *cmd, const char *path, int quiet, int strict,
		      struct crk_bom **out, struct crk_sbom_info *info);
/* RFC 3339 or epoch seconds; 0, or -1 (not a time). */
int crk_cli_parse_time(const char *s, int64_t *out);
/* 1 when `s` is a UUID, bare or "urn:uuid:..." */
int crk_cli_valid_uuid(const char *s);
/* Applies --timestamp (else keeps a timestamp the BOM has, else SOURCE_DATE_EPOCH, else now) and
 * --serial to the BOM's metadata. Returns an exit code (2 with a message on a bad value). */
int crk_cli_set_time_serial(const char *cmd, struct crk_bom *bom, const char *timestamp,
			    const char *serial);
/* The writer named by a file name's suffix (".cdx.json" -> cyclonedx-json, ".cdx.xml" or
 * ".xml" -> cyclonedx-xml, ".spdx.json" -> spdx-json, ".spdx" -> spdx-tag-value,
 * ".spdx3.json" -> spdx3-json), or NULL. */
const char *crk_cli_format_for(const char *path);
/* The --format help of a command that writes a BOM, from the writer registry so it names every
 * format: "cyclonedx-json (default), cyclonedx-xml, ... or table", `dflt` (may be NULL) marked.
 * Built in `sb` (the caller releases it); returns sb->buf ("" when out of memory). */
const char *crk_cli_format_help(struct crk_strbuf *sb, const char *dflt);
/* 1 when a writer of that name exists. */
int crk_cli_format_known(const char *format);
/* Renders the BOM and writes it to `out` (NULL or "-": standard output), a file atomically.
 * Returns an exit code. */
int crk_cli_write_bom(struct crk_bom *bom, const char *format, int pretty, int profile,
		      const char *out, int quiet);

#endif
