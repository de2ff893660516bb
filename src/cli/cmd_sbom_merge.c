/*
 * cmd_sbom_merge.c - `crakit sbom merge A B... [-o OUT] [--name N --product-version V]`: one
 * product SBOM from the SBOMs of its parts (a frontend's and a backend's, a firmware's and its
 * application's). Manual: docs/cmd/sbom-merge.md.
 *
 * How the parts are joined (the graph is kept):
 *  - components are de-duplicated by purl (crk_bom_merge_under(): fields one input lacks are
 *    filled from another, occurrences and hashes are united, the widest scope wins);
 *  - each input that describes a product (CycloneDX metadata.component, the package an SPDX
 *    document DESCRIBES) contributes that product as a component the merged product depends
 *    on, and the input's direct dependencies become that component's dependencies; an input
 *    without a product gives its direct dependencies to the merged product itself;
 *  - the merged product is --name / --product-version (default: the first input's product name
 *    and no version); the tools and the SBOM authors/creators of every input are listed; the
 *    time is --timestamp (else SOURCE_DATE_EPOCH, else now) and the serial number is --serial
 *    or derived from the content, as for a new SBOM.
 * Exit 0; 2 usage; 3 an input cannot be read or parsed (or, with --strict, had warnings).
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

#define MERGE_MAX_INPUTS 1024

/* Adds src's product to dst as a component; *id its id (CRK_BOM_NONE: no product). */
static int add_product(struct crk_bom *dst, const struct crk_bom *src, size_t *id,
		       struct crk_err *err)
{
	const struct crk_component *p = crk_bom_meta((struct crk_bom *)src)->product;
	const struct crk_bom_meta *sm = crk_bom_meta((struct crk_bom *)src);
	struct crk_pkg pkg;
	*id = CRK_BOM_NONE;
	if (!p) {
		if (!sm->name || !*sm->name)
			return CRK_OK;
		/* no product, but a named document: the name stands for it */
		memset(&pkg, 0, sizeof(pkg));
		pkg.type = "generic";
		pkg.name = sm->name;
		pkg.version = sm->version;
		pkg.flags = CRK_PKG_NO_PURL;
		pkg.kind = "application";
		pkg.path = "";
		return crk_bom_add(dst, &pkg, id, err);
	}
	memset(&pkg, 0, sizeof(pkg));
	pkg.type = p->type;
	pkg.ns = p->ns;
	pkg.name = p->name;
	pkg.version = p->version;
	pkg.ecosystem = p->ecosystem;
	pkg.qualifiers = p->qualifiers;
	pkg.nqualifiers = p->nqualifiers;
	pkg.subpath = p->subpath;
	pkg.flags = p->flags;
	pkg.license = p->license;
	pkg.license_concluded = p->license_concluded;
	pkg.supplier = p->supplier;
	pkg.author = p->author;
	pkg.description = p->description;
	pkg.copyright = p->copyright;
	pkg.download_url = p->download_url;
	pkg.vcs_url = p->vcs_url;
	pkg.cpe = p->cpe;
	pkg.kind = p->kind ? p->kind : "application";
	pkg.parties = p->parties;
	pkg.nparties = p->nparties;
	pkg.ext_props = p->ext_props;
	pkg.next_props = p->next_props;
	pkg.ext_refs = p->ext_refs;
	pkg.next_refs = p->next_refs;
	pkg.hashes = p->hashes;
	pkg.nhashes = p->nhashes;
	pkg.props = p->props;
	pkg.nprops = p->nprops;
	pkg.filename = p->filename;
	pkg.file_kind = p->file_kind;
	pkg.path = p->nocc ? p->occ[0].path : "";
	if (p->flags & CRK_PKG_NO_PURL) {
		/* the product's name as its SBOM wrote it (with the group) */
		pkg.name = sm->name && *sm->name ? sm->name : p->name;
		pkg.ns = NULL;
	}
	return crk_bom_add(dst, &pkg, id, err);
}

/* Copies the tools and SBOM authors/creators of src into dst's metadata. */
static int merge_meta(struct crk_bom *dst, const struct crk_bom *src)
{
	const struct crk_bom_meta *sm = crk_bom_meta((struct crk_bom *)src);
	size_t i;
	for (i = 0; i < sm->ntools; i++)
		if (crk_bom_meta_add_tool(dst, sm->tools[i].key, sm->tools[i].value))
			return CRK_ENOMEM;
	for (i = 0; i < sm->nparties; i++)
		if (crk_bom_meta_add_party(dst, &sm->parties[i]))
			return CRK_ENOMEM;
	return CRK_OK;
}

int cmd_sbom_merge(int argc, char **argv)
{
	const char *out = NULL, *format = NULL, *timestamp = NULL, *serial = NULL;
	const char *name = NULL, *version = NULL;
	int compact = 0, quiet = 0, strict = 0;
	struct crk_strbuf fmt_help = CRK_STRBUF_INIT(0);
	const struct crk_opt opts[] = {
		{"output", 'o', CRK_OPT_STRING, &out, "FILE",
		 "write to FILE (default: stdout); its suffix names the format"},
		{"format", 'f', CRK_OPT_STRING, &format, "FMT",
		 crk_cli_format_help(&fmt_help, "cyclonedx-json")},
		{"name", 0, CRK_OPT_STRING, &name, "NAME",
		 "the merged product's name (default: the first input's product)"},
		{"product-version", 0, CRK_OPT_STRING, &version, "VER", "the merged product's version"},
		{"timestamp", 0, CRK_OPT_STRING, &timestamp, "TIME",
		 "RFC 3339 time or epoch seconds (default: $SOURCE_DATE_EPOCH, else now)"},
		{"serial", 0, CRK_OPT_STRING, &serial, "UUID",
		 "serial number (default: derived from the content)"},
		{"strict", 0, CRK_OPT_FLAG, &strict, NULL, "exit 3 when an input had any warning"},
		{"compact", 0, CRK_OPT_FLAG, &compact, NULL, "JSON without indentation"},
		{"quiet", 'q', CRK_OPT_FLAG, &quiet, NULL, "no warnings or summary on stderr"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_sbom_info info;
	struct crk_bom *dst = NULL, *src = NULL;
	struct crk_bom_meta *m;
	struct crk_err err;
	const char **pos = NULL;
	size_t npos, i, entries = 0;
	int rc, ex;

	rc = crk_opt_parse("sbom merge", "[OPTIONS] SBOM SBOM...", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos < 2 || npos > MERGE_MAX_INPUTS) {
		fprintf(stderr, "crakit sbom merge: error: %s\n",
			npos < 2 ? "give two SBOMs or more" : "more than 1024 SBOMs");
		fprintf(stderr, "hint: crakit sbom merge web.cdx.json api.spdx.json --name shop -o "
				"shop.cdx.json\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!format)
		format = crk_cli_format_for(out);
	if (!format)
		format = "cyclonedx-json";
	if (!crk_cli_format_known(format)) {
		fprintf(stderr, "crakit sbom merge: error: unknown format '%s'\n", format);
		fprintf(stderr, "hint: 'crakit sbom --list-formats' names the formats\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	if (!(dst = crk_bom_new())) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	m = crk_bom_meta(dst);
	for (i = 0; i < npos; i++) {
		size_t pid;
		ex = crk_cli_read_sbom("sbom merge", pos[i], quiet, strict, &src, &info);
		if (ex)
			goto out;
		entries += crk_bom_count(src);
		crk_err_clear(&err);
		rc = add_product(dst, src, &pid, &err);
		if (!rc)
			rc = crk_bom_merge_under(dst, src, pid != CRK_BOM_NONE ? pid : CRK_BOM_ROOT,
						 &err);
		if (!rc && pid != CRK_BOM_NONE)
			rc = crk_bom_add_dep(dst, CRK_BOM_ROOT, pid) == CRK_ENOMEM ? CRK_ENOMEM : CRK_OK;
		if (!rc)
			rc = merge_meta(dst, src);
		if (!rc && !name && !m->name && crk_bom_meta(src)->name)
			rc = crk_bom_set_str(dst, &m->name, crk_bom_meta(src)->name);
		if (rc) {
			if (!err.msg[0])
				crk_err_set(&err, rc, pos[i], 0, 0, "merging: %s", crk_status_str(rc));
			ex = crk_exit_error(&err);
			goto out;
		}
		if (!quiet && info.ndropped) {
			size_t k;
			fprintf(stderr, "crakit: note: %s: not merged (an SBOM of crakit holds "
					"components, their dependencies and metadata): ",
				pos[i]);
			for (k = 0; k < info.ndropped; k++)
				fprintf(stderr, "%s%s", k ? ", " : "", info.dropped[k]);
			fputc('\n', stderr);
		}
		crk_bom_free(src);
		src = NULL;
	}
	if ((name && crk_bom_set_str(dst, &m->name, name)) ||
	    crk_bom_set_str(dst, &m->version, version) ||
	    crk_bom_set_str(dst, &m->tool_name, "crakit") ||
	    crk_bom_set_str(dst, &m->tool_version, CRAKIT_VERSION)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	ex = crk_cli_set_time_serial("sbom merge", dst, timestamp, serial);
	if (ex)
		goto out;
	ex = crk_cli_write_bom(dst, format, !compact, 0, out, quiet);
	if (!ex && !quiet)
		fprintf(stderr, "crakit: merged %zu SBOMs: %zu components (%zu listed in the inputs)\n",
			npos, crk_bom_count(dst), entries);
out:
	crk_strbuf_release(&fmt_help);
	crk_bom_free(src);
	crk_bom_free(dst);
	crk_free(pos);
	return ex;
}
