/*
 * sbom_ingest.c - SBOMs found in the scanned tree ("sbom/cyclonedx", "sbom/spdx"): a vendored
 * library, an installed product or a container image that ships its own SBOM (Bitnami images
 * carry /opt/bitnami/<app>/.spdx-<app>.spdx) tells what it holds; its components join the scan.
 *
 * Which files (the names peers read, so the same tree gives the same inventory):
 *   CycloneDX: bom.json, bom.xml (the specification's recognised names), *.cdx.json, *.cdx.xml,
 *              *.bom.json, *.bom.xml (osv-scalibr's extractor; the suffixes any case);
 *   SPDX:      *.spdx.json, *.spdx (tag-value), *.spdx.yml / *.spdx.yaml, *.spdx3.json (the
 *              SPDX 3 examples' name); osv-scalibr also takes *.spdx.rdf, which crakit does
 *              not read.
 * The content decides the format (crk_sbom_sniff): a *.spdx.json that holds CycloneDX is read
 * as CycloneDX. A file that is no SBOM of a format crakit reads is a warning, as for any file.
 *
 * Everything is read by src/formats (sbom_read.h) with CRK_READ_AS_COMPONENTS: the document's
 * own metadata does not replace the scan's; the product it describes becomes a component the
 * scan's root depends on, with the document's direct dependencies as its own; each component's
 * occurrence is the SBOM file. docs/detectors/sbom.md has the details.
 */
#include <string.h>
#include <strings.h>

#include "detect/detect.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);
	return n > s && strcasecmp(name + n - s, suffix) == 0;
}

/* Also called for bom.json and bom.xml, which `names` dispatches here (a match function is the
 * last word on the files of a names table too). */
static int match_cdx(const char *relpath, size_t rellen, const char *name)
{
	(void)relpath;
	(void)rellen;
	return strcmp(name, "bom.json") == 0 || strcmp(name, "bom.xml") == 0 ||
	       has_suffix(name, ".cdx.json") || has_suffix(name, ".cdx.xml") ||
	       has_suffix(name, ".bom.json") || has_suffix(name, ".bom.xml");
}

static int match_spdx(const char *relpath, size_t rellen, const char *name)
{
	(void)relpath;
	(void)rellen;
	return has_suffix(name, ".spdx.json") || has_suffix(name, ".spdx") ||
	       has_suffix(name, ".spdx.yml") || has_suffix(name, ".spdx.yaml") ||
	       has_suffix(name, ".spdx3.json");
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_sbom_info info;
	struct crk_sread r;
	int rc;
	crk_sread_init(&r, ctx->bom, ctx->path, CRK_READ_AS_COMPONENTS, &info, ctx->diags,
		       ctx->detector);
	r.layer = ctx->layer;
	rc = crk_sread_run(&r, ctx->buf, ctx->len, err);
	crk_sread_release(&r);
	return rc;
}

static const char *const cdx_names[] = {"bom.json", "bom.xml", NULL};

const struct crk_detector crk_detector_sbom_cyclonedx = {
	.name = "sbom/cyclonedx",
	.ecosystem = "(SBOM)",
	.names = cdx_names,
	.match = match_cdx,
	.parse = parse,
	.doc = "CycloneDX SBOMs: bom.json, bom.xml, *.cdx.json, *.cdx.xml, *.bom.json, *.bom.xml",
};

const struct crk_detector crk_detector_sbom_spdx = {
	.name = "sbom/spdx",
	.ecosystem = "(SBOM)",
	.match = match_spdx,
	.parse = parse,
	.doc = "SPDX SBOMs: *.spdx.json, *.spdx (tag-value), *.spdx.yml, *.spdx3.json",
};
