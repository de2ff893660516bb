/*
 * scan_out.h - the writers of a vulnerability scan report (include/crakit/scan.h), one file
 * per format, listed in scan_out.c: scan_table.c (for people), scan_json.c (crakit's own JSON,
 * docs/scan.schema.json), scan_sarif.c (SARIF 2.1.0), scan_cdx.c (CycloneDX 1.6 VEX),
 * scan_openvex.c (OpenVEX 0.2). Each appends the whole document to a capped strbuf.
 */
#ifndef CRK_FORMATS_SCAN_OUT_H
#define CRK_FORMATS_SCAN_OUT_H

#include "base/strbuf.h"
#include "crakit/scan.h"
#include "formats/writer.h"

struct crk_scan_writer {
	const char *name;
	const char *description;
	int (*write)(struct crk_strbuf *out, const struct crk_scan_report *r,
		     const struct crk_scan_write_opts *opts, struct crk_err *err);
};

int crk_scanout__table(struct crk_strbuf *out, const struct crk_scan_report *r,
		       const struct crk_scan_write_opts *opts, struct crk_err *err);
int crk_scanout__json(struct crk_strbuf *out, const struct crk_scan_report *r,
		      const struct crk_scan_write_opts *opts, struct crk_err *err);
int crk_scanout__sarif(struct crk_strbuf *out, const struct crk_scan_report *r,
		       const struct crk_scan_write_opts *opts, struct crk_err *err);
int crk_scanout__cdx(struct crk_strbuf *out, const struct crk_scan_report *r,
		     const struct crk_scan_write_opts *opts, struct crk_err *err);
int crk_scanout__openvex(struct crk_strbuf *out, const struct crk_scan_report *r,
			 const struct crk_scan_write_opts *opts, struct crk_err *err);

/* Shared helpers (scan_out.c). */
/* The Art. 14 command for a reportable item, appended to sb (shell-quoted where needed). */
void crk_scanout__report_cmd(struct crk_strbuf *sb, const struct crk_scan_report *r,
			     const struct crk_scan_item *it, const struct crk_scan_write_opts *o);
/* A number member with `decimals` digits after the point. */
void crk_scanout__num(struct crk_jw *w, const char *key, int decimals, double v);
/* 1 when f->aliases[i] is worth writing: not the finding's id, not a repeat. */
int crk_scanout__alias_ok(const struct crk_finding *f, size_t i);
/* "critical", ... or "unknown" when the item has no valid vector. */
const char *crk_scanout__rating(const struct crk_scan_item *it);
/* The CVSS version of the item's vector: "3.1", "3.0", "4.0", or NULL. */
const char *crk_scanout__cvss_version(const struct crk_scan_item *it);
/* Where a component was first seen ("path", line) or the report's target. */
const char *crk_scanout__where(const struct crk_scan_report *r, const struct crk_scan_item *it,
			       unsigned *line);
/* A one-line verdict: "INCOMPLETE", "N findings", "no known vulnerabilities". */
const char *crk_scanout__status(const struct crk_scan_report *r);

#endif
