/* output.c - crk_bom_write(): the public entry to the writers of writer.h. */
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/sbom.h"
#include "formats/writer.h"
#include "base/banned.h"

static int render(struct crk_bom *bom, const char *format, const struct crk_write_opts *opts,
		  struct crk_strbuf *sb, struct crk_err *err);

int crk_bom_write_mem(struct crk_bom *bom, const char *format, const struct crk_write_opts *opts,
		      char **out, size_t *len, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	int rc = render(bom, format, opts, &sb, err);
	*out = NULL;
	*len = 0;
	if (rc == CRK_OK) {
		*out = crk_strbuf_detach(&sb, len);
		if (!*out)
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_strbuf_release(&sb);
	return rc;
}

int crk_bom_write(struct crk_bom *bom, const char *format, FILE *out,
		  const struct crk_write_opts *opts, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	int rc = render(bom, format, opts, &sb, err);
	if (rc == CRK_OK && sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		rc = crk_err_set(err, CRK_EIO, NULL, 0, 0, "write failed");
	crk_strbuf_release(&sb);
	return rc;
}

static int render(struct crk_bom *bom, const char *format, const struct crk_write_opts *opts,
		  struct crk_strbuf *sb, struct crk_err *err)
{
	const struct crk_writer *w = crk_writer_find(format);
	struct crk_write_opts dflt = {.pretty = 1, .profile = CRK_PROFILE_NONE};
	int rc;

	if (!w) {
		crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0, "unknown output format '%s'", format);
		crk_err_hint(err, "formats: cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tag-value, "
				  "spdx3-json, table");
		return CRK_ENOTFOUND;
	}
	if (opts && opts->profile && !(w->profiles & (1u << opts->profile))) {
		crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
			    "the %s writer cannot write the requested profile", format);
		return CRK_EUNSUPPORTED;
	}
	if (crk_bom_sort(bom))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	rc = w->write(sb, bom, opts ? opts : &dflt, err);
	if (rc == CRK_OK && !crk_strbuf_ok(sb))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory writing %s", format);
	return rc;
}

int crk_bom_format_profiles(const char *format, int profile)
{
	const struct crk_writer *w = crk_writer_find(format);
	if (!w || profile < 0 || profile > 30)
		return 0;
	return profile == CRK_PROFILE_NONE || (w->profiles & (1u << profile)) != 0;
}

const char *crk_bom_format_name(size_t i, const char **description)
{
	size_t k;
	for (k = 0; crk_writers[k]; k++) {
		if (k == i) {
			if (description)
				*description = crk_writers[k]->description;
			return crk_writers[k]->name;
		}
	}
	return NULL;
}
