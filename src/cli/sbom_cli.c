/* sbom_cli.c - see sbom_cli.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "cli/exit.h"
#include "cli/sbom_cli.h"
#include "crakit/sbom.h"
#include "base/banned.h"

int crk_cli_read_sbom(const char *cmd, const char *path, int quiet, int strict,
		      struct crk_bom **out, struct crk_sbom_info *info)
{
	struct crk_diags diags;
	struct crk_err err;
	size_t i;
	int rc;

	*out = NULL;
	crk_diags_init(&diags);
	crk_err_clear(&err);
	rc = crk_bom_read_file(path, out, info, &diags, &err);
	if (rc) {
		if (rc == CRK_EPARSE && !err.hint[0])
			crk_err_hint(&err, "crakit %s reads CycloneDX 1.4-1.6 (JSON, XML), SPDX 2.2/2.3 "
					   "(JSON, tag-value, YAML) and SPDX 3.0 (JSON-LD)",
				     cmd);
		crk_diags_release(&diags);
		return crk_exit_error(&err);
	}
	if (!quiet || strict) {
		for (i = 0; i < diags.n; i++)
			crk_print_warning(&diags.v[i]);
		if (diags.dropped)
			fprintf(stderr, "crakit: %zu more warnings not shown\n", diags.dropped);
	}
	if (strict && crk_diags_count(&diags)) {
		fprintf(stderr, "crakit: error: --strict, and %zu warning%s above about %s\n",
			crk_diags_count(&diags), crk_diags_count(&diags) == 1 ? "" : "s", path);
		fprintf(stderr, "hint: nothing was written; fix the input, or drop --strict\n");
		crk_diags_release(&diags);
		crk_bom_free(*out);
		*out = NULL;
		return CRK_EXIT_INPUT;
	}
	crk_diags_release(&diags);
	return CRK_EXIT_OK;
}

int crk_cli_parse_time(const char *s, int64_t *out)
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

int crk_cli_valid_uuid(const char *s)
{
	size_t i;
	if (strncasecmp(s, "urn:uuid:", 9) == 0)
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

int crk_cli_set_time_serial(const char *cmd, struct crk_bom *bom, const char *timestamp,
			    const char *serial)
{
	struct crk_bom_meta *m = crk_bom_meta(bom);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	int64_t ts;
	if (timestamp) {
		if (crk_cli_parse_time(timestamp, &ts)) {
			fprintf(stderr, "crakit %s: error: --timestamp '%s' is not an RFC 3339 time or "
					"epoch seconds\n", cmd, timestamp);
			fprintf(stderr, "hint: e.g. --timestamp 2026-01-01T00:00:00Z\n");
			return CRK_EXIT_USAGE;
		}
		m->timestamp = ts;
	} else if (m->timestamp < 0) {
		if (sde && *sde) {
			if (crk_cli_parse_time(sde, &ts)) {
				fprintf(stderr, "crakit %s: error: SOURCE_DATE_EPOCH '%s' is not a number "
						"of seconds\n", cmd, sde);
				return CRK_EXIT_USAGE;
			}
			m->timestamp = ts;
		} else {
			m->timestamp = (int64_t)time(NULL);
		}
	}
	if (serial) {
		if (!crk_cli_valid_uuid(serial)) {
			fprintf(stderr, "crakit %s: error: --serial '%s' is not a UUID\n", cmd, serial);
			fprintf(stderr, "hint: e.g. --serial "
					"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\n");
			return CRK_EXIT_USAGE;
		}
		if (crk_bom_set_str(bom, &m->serial, serial)) {
			fprintf(stderr, "crakit: error: out of memory\n");
			return CRK_EXIT_INTERNAL;
		}
	}
	return CRK_EXIT_OK;
}

const char *crk_cli_format_for(const char *path)
{
	static const struct {
		const char *suffix, *format;
	} t[] = {
		{".cdx.json", "cyclonedx-json"}, {".bom.json", "cyclonedx-json"},
		{".cdx.xml", "cyclonedx-xml"},	 {".bom.xml", "cyclonedx-xml"},
		{".spdx3.json", "spdx3-json"},	 {".spdx.json", "spdx-json"},
		{".spdx", "spdx-tag-value"},	 {".xml", "cyclonedx-xml"},
	};
	size_t i, n = path ? strlen(path) : 0;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t s = strlen(t[i].suffix);
		if (n > s && strcasecmp(path + n - s, t[i].suffix) == 0)
			return t[i].format;
	}
	if (path && (strcasecmp(path, "bom.json") == 0 || (n > 9 && strcmp(path + n - 9, "/bom.json") == 0)))
		return "cyclonedx-json";
	return NULL;
}

const char *crk_cli_format_help(struct crk_strbuf *sb, const char *dflt)
{
	const char *name;
	size_t i;
	for (i = 0; (name = crk_bom_format_name(i, NULL)); i++) {
		if (i)
			crk_strbuf_adds(sb, crk_bom_format_name(i + 1, NULL) ? ", " : " or ");
		crk_strbuf_adds(sb, name);
		if (dflt && strcmp(name, dflt) == 0)
			crk_strbuf_adds(sb, " (default)");
	}
	return crk_strbuf_ok(sb) ? sb->buf : "";
}

int crk_cli_format_known(const char *format)
{
	size_t i;
	for (i = 0; crk_bom_format_name(i, NULL); i++)
		if (strcmp(crk_bom_format_name(i, NULL), format) == 0)
			return 1;
	return 0;
}

int crk_cli_write_bom(struct crk_bom *bom, const char *format, int pretty, int profile,
		      const char *out, int quiet)
{
	struct crk_write_opts wo;
	struct crk_err err;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	memset(&wo, 0, sizeof(wo));
	wo.pretty = pretty;
	wo.profile = profile;
	crk_err_clear(&err);
	rc = crk_bom_write_mem(bom, format, &wo, &buf, &len, &err);
	if (rc)
		return crk_exit_error(&err);
	if (out && strcmp(out, "-") != 0) {
		rc = crk_write_file_atomic(out, buf, len, 0, &err);
		crk_free(buf);
		if (rc)
			return crk_exit_error(&err);
		if (!quiet)
			fprintf(stderr, "crakit: wrote %s\n", out);
		return CRK_EXIT_OK;
	}
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
		crk_free(buf);
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		return CRK_EXIT_INPUT;
	}
	crk_free(buf);
	return CRK_EXIT_OK;
}
