/*
 * spdx_tv_write.c - the "spdx-tag-value" writer: SPDX 2.3 tag-value (https://spdx.github.io/
 * spdx-spec/v2.3/, the tag-value format of its Annex; read back by spdx_tv.c).
 *
 * The document is the one spdx_json.c writes, field for field: that writer renders it, jansson
 * parses it, and this file prints the same document as "Tag: value" lines, so the two SPDX
 * encodings can never say different things (same SPDXIDs, relationships, licences, namespace).
 * The order is the specification's: document creation information, then each package with its
 * fields in clause order, then the relationships, then the extracted licensing information.
 * A value that holds a line break, or starts with '<', is written as <text>...</text> (free-form
 * fields always are); "</text>" inside a value, which the format cannot carry, becomes
 * "</ text>"; single-line fields have their line breaks turned into spaces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/writer.h"
#include "base/banned.h"

static const char *jstr(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A value on one line. */
static void line(struct crk_strbuf *sb, const char *tag, const char *v)
{
	size_t i;
	if (!v)
		return;
	crk_strbuf_addf(sb, "%s: ", tag);
	for (i = 0; v[i]; i++)
		crk_strbuf_addch(sb, v[i] == '\n' || v[i] == '\r' ? ' ' : v[i]);
	crk_strbuf_addch(sb, '\n');
}

/* A free-form value: <text>...</text> when it needs it (or `always`). */
static void text(struct crk_strbuf *sb, const char *tag, const char *v, int always)
{
	const char *p;
	if (!v)
		return;
	if (!always && !strchr(v, '\n') && !strchr(v, '\r') && v[0] != '<') {
		line(sb, tag, v);
		return;
	}
	crk_strbuf_addf(sb, "%s: <text>", tag);
	for (p = v; *p;) {
		const char *q = strstr(p, "</text>");
		if (!q) {
			crk_strbuf_adds(sb, p);
			break;
		}
		crk_strbuf_add(sb, p, (size_t)(q - p));
		crk_strbuf_adds(sb, "</ text>");
		p = q + 7;
	}
	crk_strbuf_adds(sb, "</text>\n");
}

static void package(struct crk_strbuf *sb, const json_t *p)
{
	json_t *v;
	size_t i;
	crk_strbuf_adds(sb, "\n## Package\n");
	line(sb, "PackageName", jstr(p, "name"));
	line(sb, "SPDXID", jstr(p, "SPDXID"));
	line(sb, "PackageVersion", jstr(p, "versionInfo"));
	line(sb, "PackageFileName", jstr(p, "packageFileName"));
	line(sb, "PackageSupplier", jstr(p, "supplier"));
	line(sb, "PackageOriginator", jstr(p, "originator"));
	line(sb, "PackageDownloadLocation", jstr(p, "downloadLocation"));
	v = json_object_get(p, "filesAnalyzed");
	if (json_is_boolean(v))
		line(sb, "FilesAnalyzed", json_is_true(v) ? "true" : "false");
	line(sb, "PackageHomePage", jstr(p, "homepage"));
	json_array_foreach (json_object_get(p, "checksums"), i, v)
		if (jstr(v, "algorithm") && jstr(v, "checksumValue"))
			crk_strbuf_addf(sb, "PackageChecksum: %s: %s\n", jstr(v, "algorithm"),
					jstr(v, "checksumValue"));
	text(sb, "PackageSourceInfo", jstr(p, "sourceInfo"), 1);
	line(sb, "PackageLicenseConcluded", jstr(p, "licenseConcluded"));
	line(sb, "PackageLicenseDeclared", jstr(p, "licenseDeclared"));
	text(sb, "PackageLicenseComments", jstr(p, "licenseComments"), 1);
	text(sb, "PackageCopyrightText", jstr(p, "copyrightText"), 0);
	text(sb, "PackageSummary", jstr(p, "summary"), 1);
	text(sb, "PackageDescription", jstr(p, "description"), 1);
	text(sb, "PackageComment", jstr(p, "comment"), 1);
	json_array_foreach (json_object_get(p, "externalRefs"), i, v)
		if (jstr(v, "referenceCategory") && jstr(v, "referenceType") &&
		    jstr(v, "referenceLocator"))
			crk_strbuf_addf(sb, "ExternalRef: %s %s %s\n", jstr(v, "referenceCategory"),
					jstr(v, "referenceType"), jstr(v, "referenceLocator"));
	line(sb, "PrimaryPackagePurpose", jstr(p, "primaryPackagePurpose"));
}

static int spdx_tv_write(struct crk_strbuf *out, const struct crk_bom *bom,
			 const struct crk_write_opts *opts, struct crk_err *err)
{
	struct crk_strbuf js = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_write_opts jo = {0, 0};
	json_error_t jerr;
	json_t *doc = NULL, *v, *ci;
	size_t i;
	int rc;

	if (opts && opts->profile != CRK_PROFILE_NONE)
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
				   "spdx-tag-value is written without profiles");
	rc = crk_writer_spdx_json.write(&js, bom, &jo, err);
	if (rc)
		goto out;
	doc = json_loadb(js.buf, js.len, 0, &jerr);
	if (!doc) {
		rc = crk_err_set(err, json_error_code(&jerr) == json_error_out_of_memory
					      ? CRK_ENOMEM
					      : CRK_EINTERNAL,
				 NULL, 0, 0, "cannot write spdx-tag-value: %s", jerr.text);
		goto out;
	}
	ci = json_object_get(doc, "creationInfo");
	line(out, "SPDXVersion", jstr(doc, "spdxVersion"));
	line(out, "DataLicense", jstr(doc, "dataLicense"));
	line(out, "SPDXID", jstr(doc, "SPDXID"));
	line(out, "DocumentName", jstr(doc, "name"));
	line(out, "DocumentNamespace", jstr(doc, "documentNamespace"));
	crk_strbuf_adds(out, "\n## Creation Information\n");
	json_array_foreach (json_object_get(ci, "creators"), i, v)
		if (json_is_string(v))
			line(out, "Creator", json_string_value(v));
	line(out, "Created", jstr(ci, "created"));
	json_array_foreach (json_object_get(doc, "packages"), i, v)
		package(out, v);
	if (json_array_size(json_object_get(doc, "relationships")))
		crk_strbuf_adds(out, "\n## Relationships\n");
	json_array_foreach (json_object_get(doc, "relationships"), i, v)
		if (jstr(v, "spdxElementId") && jstr(v, "relationshipType") &&
		    jstr(v, "relatedSpdxElement"))
			crk_strbuf_addf(out, "Relationship: %s %s %s\n", jstr(v, "spdxElementId"),
					jstr(v, "relationshipType"), jstr(v, "relatedSpdxElement"));
	json_array_foreach (json_object_get(doc, "hasExtractedLicensingInfos"), i, v) {
		crk_strbuf_adds(out, "\n## Other Licensing Information\n");
		line(out, "LicenseID", jstr(v, "licenseId"));
		text(out, "ExtractedText", jstr(v, "extractedText"), 1);
		line(out, "LicenseName", jstr(v, "name"));
		text(out, "LicenseComment", jstr(v, "comment"), 1);
	}
	if (!crk_strbuf_ok(out))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				 "cannot write spdx-tag-value: out of memory or larger than %zu bytes",
				 out->max);
out:
	json_decref(doc);
	crk_strbuf_release(&js);
	return rc;
}

const struct crk_writer crk_writer_spdx_tv = {
	.name = "spdx-tag-value",
	.description = "SPDX 2.3 tag-value",
	.extension = ".spdx",
	.write = spdx_tv_write,
};
