/*
 * nuget_config.c - packages.config, the package list of .NET Framework projects that use
 * NuGet's older "packages.config" management (https://learn.microsoft.com/nuget/reference/
 * packages-config).
 *
 * Format: XML.
 *
 *   <?xml version="1.0" encoding="utf-8"?>
 *   <packages>
 *     <package id="Newtonsoft.Json" version="13.0.1" targetFramework="net48" />
 *     <package id="Microsoft.Net.Compilers" version="1.0.0" targetFramework="net46"
 *              developmentDependency="true" allowedVersions="[1,2)" />
 *   </packages>
 *
 *   The list is flat: NuGet writes every installed package, those the project asked for and
 *   those they pulled in, with the exact version installed ("version" is required by NuGet).
 *
 * What is reported:
 *   - each <package> with an "id" and a "version" as a NuGet component (id as written), at the
 *     line of its element (libxml2's: where the start tag ends, for a tag spread over several
 *     lines); developmentDependency="true" (a build-time tool, not shipped) is
 *     CRK_SCOPE_DEV, else required; "targetFramework" becomes the property "target_framework";
 *   - no edges: the file does not say which packages the project references directly nor who
 *     needs whom;
 *   - an entry without "id" or "version" is a warning and skipped (NuGet refuses such a file;
 *     osv-scalibr skips the entry too).
 *
 * Errors: not well-formed XML, or a root element that is not <packages>: CRK_EPARSE. The XML is
 * read without entity substitution, DTD loading or network access (formats/xml.h).
 */
#include <strings.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "detect/detect.h"
#include "formats/xml.h"
#include "base/banned.h"

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static int add_package(struct crk_detect_ctx *ctx, const xmlNode *n, struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	struct crk_pkg pkg;
	struct crk_kv prop;
	int nomem = 0;
	const char *id = crk_xml_attr(a, n, "id", &nomem);
	const char *version = crk_xml_attr(a, n, "version", &nomem);
	const char *dev = crk_xml_attr(a, n, "developmentDependency", &nomem);
	const char *tfm = crk_xml_attr(a, n, "targetFramework", &nomem);
	unsigned line = crk_xml_line(n);
	size_t cid;

	if (nomem)
		return oom(ctx, err);
	if (!id || !*id || !version || !*version) {
		if (ctx->diags)
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 0,
				       "<package> %s%s%s has no \"%s\"; skipped",
				       id && *id ? "'" : "", id && *id ? id : "without id",
				       id && *id ? "'" : "", !id || !*id ? "id" : "version");
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "nuget", "NuGet");
	pkg.name = id;
	pkg.version = version;
	pkg.line = line;
	if (dev && strcasecmp(dev, "true") == 0)
		pkg.scope = CRK_SCOPE_DEV;
	if (tfm && *tfm) {
		prop.key = "target_framework";
		prop.value = tfm;
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	return crk_detect_add(ctx, &pkg, &cid, err);
}

static int nuget_config_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	xmlDocPtr doc = NULL;
	xmlNode *root, *n;
	int rc = crk_xml_read(&doc, ctx->buf, ctx->len, ctx->path, err);
	if (rc)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (!crk_xml_is(root, "packages")) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, root ? crk_xml_line(root) : 1, 0,
				 "root element is <%s>, not <packages>",
				 root && root->name ? (const char *)root->name : "");
		goto out;
	}
	for (n = crk_xml_child(root, "package"); n && !rc; n = crk_xml_next(n, "package"))
		rc = add_package(ctx, n, err);
out:
	xmlFreeDoc(doc);
	return rc;
}

static const char *const nuget_config_names[] = {"packages.config", NULL};

const struct crk_detector crk_detector_nuget_config = {
	.name = "nuget/packages-config",
	.ecosystem = "NuGet",
	.names = nuget_config_names,
	.parse = nuget_config_parse,
	.doc = "packages.config (NuGet, .NET Framework projects)",
};
