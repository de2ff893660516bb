/*
 * cdx_common.h - what the CycloneDX writers (cdx_json.c, cdx_xml_write.c) share about fields an
 * SBOM read as input brings (include/crakit/sbomio.h): component types, external reference
 * types and the parties of a component. Not API (the crk_cdx_ prefix, formats/ only).
 */
#ifndef CRK_FORMATS_CDX_COMMON_H
#define CRK_FORMATS_CDX_COMMON_H

#include "crakit/bom.h"

/* The CycloneDX 1.6 component type for a kind (crk_component.kind): the kind itself when 1.6
 * has it, else "library" (also for NULL). */
const char *crk_cdx_type(const char *kind);
/* The CycloneDX 1.6 external reference type for `type`: itself when 1.6 has it, else "other". */
const char *crk_cdx_extref_type(const char *type);
/* The first party of `role` with any of name, email or URL, or NULL. */
const struct crk_party *crk_cdx_party(const struct crk_party *v, size_t n,
				      enum crk_party_role role);
/* 1 when `cpe` is a name the CycloneDX 1.6 schemas take in `cpe`: a CPE 2.3 formatted string
 * (formats/cpe.h) or a CPE 2.2 URI ("cpe:/a:vendor:product:..."); others are written as the
 * property crakit:cpe (the reader takes it back). */
int crk_cdx_cpe_ok(const char *cpe);
/* 1 when `tool` (a meta.tools entry) is the writer itself (meta tool_name/tool_version, else
 * crakit CRAKIT_VERSION), which the writers name first: not written twice. */
int crk_cdx_same_tool(const struct crk_bom_meta *m, const struct crk_kv *tool);
/* 1 when the licence concluded says something the declared one does not (both are written
 * then: the concluded one as the property crakit:license_concluded). */
int crk_cdx_concluded_differs(const struct crk_component *c);

#endif
