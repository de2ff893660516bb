/* scan_out.c - crk_scan_write(): the table of scan report writers (scan_out.h). */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "formats/scan_out.h"
#include "formats/vexio.h"
#include "base/banned.h"

static const struct crk_scan_writer writers[] = {
	{"table", "for people: findings grouped by component, exploited first", crk_scanout__table},
	{"json", "crakit's scan JSON (docs/scan.schema.json)", crk_scanout__json},
	{"sarif", "SARIF 2.1.0, for code-scanning UIs", crk_scanout__sarif},
	{"cyclonedx", "CycloneDX 1.6 VEX: vulnerabilities with their analysis", crk_scanout__cdx},
	{"openvex", "OpenVEX 0.2: one statement per finding", crk_scanout__openvex},
};

const char *crk_scan_format_name(size_t i, const char **description)
{
	if (i >= sizeof(writers) / sizeof(*writers))
		return NULL;
	if (description)
		*description = writers[i].description;
	return writers[i].name;
}

static const struct crk_scan_writer *find_writer(const char *format, struct crk_err *err)
{
	size_t i;
	for (i = 0; i < sizeof(writers) / sizeof(*writers); i++)
		if (!strcmp(writers[i].name, format))
			return &writers[i];
	crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0, "unknown scan format '%s'", format);
	crk_err_hint(err, "formats: table, json, sarif, cyclonedx, openvex");
	return NULL;
}

int crk_scan_write(const struct crk_scan_report *r, const char *format,
		   const struct crk_scan_write_opts *opts, char **out, size_t *len,
		   struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_scan_write_opts none;
	const struct crk_scan_writer *w;
	int rc;

	*out = NULL;
	*len = 0;
	if (!opts) {
		memset(&none, 0, sizeof(none));
		opts = &none;
	}
	if (!(w = find_writer(format, err)))
		return CRK_ENOTFOUND;
	rc = w->write(&sb, r, opts, err);
	if (rc) {
		crk_strbuf_release(&sb);
		return rc;
	}
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory writing %s", format);
	}
	*out = crk_strbuf_detach(&sb, len);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

struct stream {
	int (*write)(void *ud, const char *data, size_t n, struct crk_err *err);
	void *ud;
	struct crk_err *err;
	int rc; /* the sink's error, kept apart from the strbuf's ENOMEM */
};

static int stream_write(void *ud, const char *data, size_t n)
{
	struct stream *s = ud;
	s->rc = s->write(s->ud, data, n, s->err);
	return s->rc ? -1 : 0;
}

/* The writers append; past the chunk size the strbuf hands its bytes to the sink (strbuf.h).
 * 1 MiB: few write()s, and the buffer stays in cache while the kernel copies it out. */
#define STREAM_CHUNK ((size_t)1 << 20)

int crk_scan_write_stream(const struct crk_scan_report *r, const char *format,
			  const struct crk_scan_write_opts *opts,
			  int (*write)(void *ud, const char *data, size_t n, struct crk_err *err),
			  void *ud, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_scan_write_opts none;
	const struct crk_scan_writer *w;
	struct stream st = {write, ud, err, CRK_OK};
	struct crk_strbuf_sink sink = {stream_write, &st, STREAM_CHUNK, 0};
	int rc;

	if (!opts) {
		memset(&none, 0, sizeof(none));
		opts = &none;
	}
	if (!(w = find_writer(format, err)))
		return CRK_ENOTFOUND;
	if (opts->stream_chunk)
		sink.chunk = opts->stream_chunk;
	crk_strbuf_stream(&sb, &sink);
	rc = w->write(&sb, r, opts, err);
	if (!rc && !st.rc && crk_strbuf_flush(&sb) == 0) {
		crk_strbuf_release(&sb);
		return CRK_OK;
	}
	crk_strbuf_release(&sb);
	if (rc)
		return rc;
	if (st.rc)
		return st.rc; /* err already says what the sink could not do */
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory writing %s", format);
}

/* Shell-quotes s when it holds anything but [A-Za-z0-9._:/@%+=,-]. */
static void shell_word(struct crk_strbuf *sb, const char *s)
{
	const char *p;
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			    "._:/@%+=,-") == strlen(s)) {
		crk_strbuf_adds(sb, s);
		return;
	}
	crk_strbuf_addch(sb, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			crk_strbuf_adds(sb, "'\\''");
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			crk_strbuf_addch(sb, '?');
		else
			crk_strbuf_addch(sb, *p);
	}
	crk_strbuf_addch(sb, '\'');
}

void crk_scanout__report_cmd(struct crk_strbuf *sb, const struct crk_scan_report *r,
			     const struct crk_scan_item *it, const struct crk_scan_write_opts *o)
{
	char ts[32];
	const char *cve = it->f->kev.cve ? it->f->kev.cve : it->f->id;
	(void)o;
	crk_vexio__format_time(r->now, ts);
	crk_strbuf_adds(sb, "crakit report open --kind vulnerability --aware-at ");
	shell_word(sb, ts);
	crk_strbuf_adds(sb, " --cve ");
	shell_word(sb, cve);
	crk_strbuf_adds(sb, " --product ");
	shell_word(sb, r->product && *r->product ? r->product : "PRODUCT");
}

void crk_scanout__num(struct crk_jw *w, const char *key, int decimals, double v)
{
	char d[64];
	int n = snprintf(d, sizeof(d), "%.*f", decimals, v);
	crk_jw_key(w, key);
	if (n >= 0 && (size_t)n < sizeof(d))
		crk_strbuf_add(w->sb, d, (size_t)n);
	else /* a huge value: let the strbuf measure it */
		crk_strbuf_addf(w->sb, "%.*f", decimals, v);
}

int crk_scanout__alias_ok(const struct crk_finding *f, size_t i)
{
	size_t j;
	if (!f->aliases[i] || !*f->aliases[i] || !strcmp(f->aliases[i], f->id))
		return 0;
	for (j = 0; j < i; j++)
		if (f->aliases[j] && !strcmp(f->aliases[j], f->aliases[i]))
			return 0;
	return 1;
}

const char *crk_scanout__rating(const struct crk_scan_item *it)
{
	return it->rated ? crk_cvss_rating_str(it->rating) : "unknown";
}

const char *crk_scanout__cvss_version(const struct crk_scan_item *it)
{
	if (!it->vector)
		return NULL;
	if (!strncmp(it->vector, "CVSS:4.0/", 9))
		return "4.0";
	if (!strncmp(it->vector, "CVSS:3.1/", 9))
		return "3.1";
	if (!strncmp(it->vector, "CVSS:3.0/", 9))
		return "3.0";
	return NULL;
}

const char *crk_scanout__where(const struct crk_scan_report *r, const struct crk_scan_item *it,
			       unsigned *line)
{
	*line = 0;
	if (it->comp->nocc && it->comp->occ[0].path && *it->comp->occ[0].path) {
		*line = it->comp->occ[0].line;
		return it->comp->occ[0].path;
	}
	return r->target ? r->target : ".";
}

const char *crk_scanout__status(const struct crk_scan_report *r)
{
	if (r->incomplete)
		return "incomplete";
	return r->nfindings ? "findings" : "clean";
}

int crk_scan_art14_command(const struct crk_scan_report *r, const struct crk_scan_item *it,
			   char **out, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	crk_scanout__report_cmd(&sb, r, it, NULL);
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		*out = NULL;
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = crk_strbuf_detach(&sb, NULL);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
