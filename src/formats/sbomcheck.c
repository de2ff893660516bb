/*
 * sbomcheck.c - crk_sbom_check() (crakit/sbomcheck.h): recognise the format, validate against
 * the official schema, read the presence view (sbomcheck_json.c), and score it against the
 * standard's table of fields below.
 *
 * The tables are the guideline's, field by field:
 *  - BSI TR-03183-2 v2.1.0: §5.2.1 (SBOM: creator, timestamp), §5.2.2 (component: creator,
 *    name, version, filename, dependencies with their completeness, distribution licences,
 *    SHA-512 of the deployable, executable / archive / structured properties), §5.2.3 (SBOM-URI),
 *    §5.2.4 (source code URI, URI of the deployable form, other unique identifiers, original
 *    licences), §5.2.5 (effective licence, hash of the source code, security.txt URL); §3.1:
 *    no vulnerability information; §3.2.2: a logical component addresses only creator, name,
 *    version, dependencies, licences, other identifiers and security.txt. The primary component
 *    is read as a logical one when it names no file (a product described by its source tree);
 *  - BSI TR-03183-2 v2.0.0: §5.2.1, §5.2.2 (the same, with "associated licences" and the
 *    hash of the executable component), §5.3.1-§5.3.2 (SBOM-URI; source URI, URI of the
 *    executable form, other identifiers, concluded licences), §5.4 (declared licences, hash of
 *    the source code); no logical components;
 *  - NTIA minimum elements (2021), "Data Fields": supplier name, component name, version of the
 *    component, other unique identifiers, dependency relationship, author of SBOM data,
 *    timestamp.
 * Additional fields (BSI: MUST when the information exists) are counted and reported but not
 * scored: a checker cannot know whether the information exists.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/sbomio.h"
#include "formats/jsonschema.h"
#include "formats/sbomcheck.h"
#include "base/banned.h"

struct row {
	const char *id, *name, *section;
	int level, of_sbom;
	unsigned long all;  /* presence bits that must all be set */
	int logical;        /* applies to a logical component (BSI v2.1 §3.2.2) */
};

#define REQ CRK_LEVEL_REQUIRED
#define ADD CRK_LEVEL_ADDITIONAL
#define OPT CRK_LEVEL_OPTIONAL

static const struct row bsi21[] = {
	{"sbom.creator", "creator of the SBOM (email or URL)", "5.2.1", REQ, 1, S_CREATOR_V21, 0},
	{"sbom.timestamp", "timestamp", "5.2.1", REQ, 1, S_TIMESTAMP, 0},
	{"sbom.no_vulnerabilities", "no vulnerability information in the SBOM", "3.1", REQ, 1,
	 S_NO_VULNS, 0},
	{"sbom.uri", "SBOM-URI", "5.2.3", ADD, 1, S_URI, 0},
	{"component.creator", "component creator (email or URL)", "5.2.2", REQ, 0, P_CREATOR_V21, 1},
	{"component.name", "component name", "5.2.2", REQ, 0, P_NAME, 1},
	{"component.version", "component version", "5.2.2", REQ, 0, P_VERSION, 1},
	{"component.filename", "filename of the component", "5.2.2", REQ, 0, P_FILENAME, 0},
	{"component.dependencies", "dependencies, with their completeness", "5.2.2", REQ, 0,
	 P_DEPS_ENTRY | P_DEPS_COMPLETENESS, 1},
	{"component.distribution_licences", "distribution licences", "5.2.2", REQ, 0,
	 P_LIC_CONCLUDED, 1},
	{"component.hash", "hash of the deployable component (SHA-512)", "5.2.2", REQ, 0,
	 P_HASH_DEPLOY, 0},
	{"component.executable", "executable property", "5.2.2", REQ, 0, P_EXECUTABLE, 0},
	{"component.archive", "archive property", "5.2.2", REQ, 0, P_ARCHIVE, 0},
	{"component.structured", "structured property", "5.2.2", REQ, 0, P_STRUCTURED, 0},
	{"component.source_uri", "source code URI", "5.2.4", ADD, 0, P_SOURCE_URI, 0},
	{"component.deployable_uri", "URI of the deployable form", "5.2.4", ADD, 0, P_DEPLOY_URI, 0},
	{"component.other_identifiers", "other unique identifiers (purl, CPE, SWID)", "5.2.4", ADD,
	 0, P_OTHER_IDS, 1},
	{"component.original_licences", "original licences", "5.2.4", ADD, 0, P_LIC_DECLARED, 1},
	{"component.effective_licence", "effective licence", "5.2.5", OPT, 0, P_LIC_EFFECTIVE, 1},
	{"component.source_hash", "hash of the source code", "5.2.5", OPT, 0, P_SOURCE_HASH, 0},
	{"component.security_txt", "URL of the security.txt", "5.2.5", OPT, 0, P_SECURITY_TXT, 1},
};

static const struct row bsi20[] = {
	{"sbom.creator", "creator of the SBOM (email or URL)", "5.2.1", REQ, 1, S_CREATOR_ANY, 0},
	{"sbom.timestamp", "timestamp", "5.2.1", REQ, 1, S_TIMESTAMP, 0},
	{"sbom.uri", "SBOM-URI", "5.3.1", ADD, 1, S_URI, 0},
	{"component.creator", "component creator (email or URL)", "5.2.2", REQ, 0, P_CREATOR_ANY, 0},
	{"component.name", "component name", "5.2.2", REQ, 0, P_NAME, 0},
	{"component.version", "component version", "5.2.2", REQ, 0, P_VERSION, 0},
	{"component.filename", "filename of the component", "5.2.2", REQ, 0, P_FILENAME, 0},
	{"component.dependencies", "dependencies on other components", "5.2.2", REQ, 0,
	 P_DEPS_ANY, 0},
	{"component.associated_licences", "associated licences", "5.2.2", REQ, 0, P_LIC_ANY, 0},
	{"component.hash", "hash of the executable component (SHA-512)", "5.2.2", REQ, 0,
	 P_HASH_ANY, 0},
	{"component.executable", "executable property", "5.2.2", REQ, 0, P_EXECUTABLE, 0},
	{"component.archive", "archive property", "5.2.2", REQ, 0, P_ARCHIVE, 0},
	{"component.structured", "structured property", "5.2.2", REQ, 0, P_STRUCTURED, 0},
	{"component.source_uri", "source code URI", "5.3.2", ADD, 0, P_SOURCE_URI, 0},
	{"component.deployable_uri", "URI of the executable form", "5.3.2", ADD, 0, P_DEPLOY_URI, 0},
	{"component.other_identifiers", "other unique identifiers (purl, CPE, SWID)", "5.3.2", ADD,
	 0, P_OTHER_IDS, 0},
	{"component.concluded_licences", "concluded licences", "5.3.2", ADD, 0, P_LIC_CONCLUDED, 0},
	{"component.declared_licences", "declared licences", "5.4.1", OPT, 0, P_LIC_DECLARED, 0},
	{"component.source_hash", "hash of the source code", "5.4.1", OPT, 0, P_SOURCE_HASH, 0},
};

static const struct row ntia[] = {
	{"sbom.author", "author of SBOM data", "NTIA", REQ, 1, S_AUTHOR, 0},
	{"sbom.timestamp", "timestamp", "NTIA", REQ, 1, S_TIMESTAMP, 0},
	{"component.supplier", "supplier name", "NTIA", REQ, 0, P_SUPPLIER, 0},
	{"component.name", "component name", "NTIA", REQ, 0, P_NAME, 0},
	{"component.version", "version of the component", "NTIA", REQ, 0, P_VERSION, 0},
	{"component.other_identifiers", "other unique identifiers (purl, CPE, SWID)",
	 "NTIA", REQ, 0, P_OTHER_IDS, 0},
	{"component.dependencies", "dependency relationship", "NTIA", REQ, 0, P_DEPS_ANY, 0},
};

const char *crk_standard_name(int standard)
{
	switch (standard) {
	case CRK_STD_BSI_2_1: return "BSI TR-03183-2 v2.1.0";
	case CRK_STD_BSI_2_0: return "BSI TR-03183-2 v2.0.0";
	case CRK_STD_NTIA: return "NTIA minimum elements (2021)";
	}
	return "?";
}

void crk_check_report_free(struct crk_check_report *r)
{
	if (!r)
		return;
	crk_free(r->fields);
	crk_free(r->gaps);
	crk_free(r->names_);
	crk_free(r);
}

/* ---- formats ---- */

enum fmt { F_CDX_JSON, F_CDX_XML, F_SPDX_JSON, F_SPDX_TV, F_SPDX3, F_SPDX_YAML };

static const char *const fmt_names[] = {"cyclonedx-json", "cyclonedx-xml", "spdx-json",
					"spdx-tag-value", "spdx3-json", "spdx-yaml"};

/* "1.6" -> 106, "2.2.1" -> 20201-ish ordering: major*10000 + minor*100 + patch. */
static long version_num(const char *v)
{
	long part[3] = {0, 0, 0};
	int i;
	for (i = 0; i < 3 && *v; i++) {
		char *end;
		part[i] = strtol(v, &end, 10);
		if (end == v)
			break;
		v = *end == '.' ? end + 1 : end;
		if (*end != '.')
			break;
	}
	return part[0] * 10000 + part[1] * 100 + part[2];
}

static void judge_format(struct crk_check_report *r, enum fmt f)
{
	long v = version_num(r->spec_version);
	int cdx = f == F_CDX_JSON || f == F_CDX_XML;
	int spdx2 = f == F_SPDX_JSON || f == F_SPDX_TV || f == F_SPDX_YAML;
	r->format_ok = 1;
	if (r->standard == CRK_STD_BSI_2_1) {
		/* v2.1 §4: CycloneDX 1.6 or later, SPDX 3.0.1 or later, JSON or XML */
		if ((cdx && v < 10600) || spdx2 || (f == F_SPDX3 && v < 30001)) {
			r->format_ok = 0;
			snprintf(r->format_note, sizeof(r->format_note),
				 "%s %s is not accepted: BSI TR-03183-2 v2.1 (section 4) accepts "
				 "CycloneDX 1.6 or later and SPDX 3.0.1 or later",
				 cdx ? "CycloneDX" : "SPDX", r->spec_version);
		}
	} else if (r->standard == CRK_STD_BSI_2_0) {
		/* v2.0 §4: CycloneDX 1.5 or later, SPDX 2.2.1 or later (documents say "SPDX-2.2") */
		if ((cdx && v < 10500) || (spdx2 && v < 20200)) {
			r->format_ok = 0;
			snprintf(r->format_note, sizeof(r->format_note),
				 "%s %s is not accepted: BSI TR-03183-2 v2.0 (section 4) accepts "
				 "CycloneDX 1.5 or later and SPDX 2.2.1 or later",
				 cdx ? "CycloneDX" : "SPDX", r->spec_version);
		}
	}
}

/* ---- schemas ---- */

/* Reads DIR/<name>, or the same under the corpus layout's cyclonedx/schema, spdx/schema. */
static int read_schema(const char *dir, const char *name, char **buf, size_t *len,
		       struct crk_strbuf *found)
{
	static const char *const sub[] = {"", "/cyclonedx/schema", "/spdx/schema",
					  "/sbom/cyclonedx/schema", "/sbom/spdx/schema", NULL};
	struct crk_err err;
	size_t i;
	for (i = 0; sub[i]; i++) {
		crk_strbuf_reset(found);
		crk_strbuf_addf(found, "%s%s/%s", dir, sub[i], name);
		if (!crk_strbuf_ok(found))
			return CRK_ENOMEM;
		if (crk_read_file(found->buf, CRK_MAX_FILE_SIZE, buf, len, &err) == CRK_OK)
			return CRK_OK;
	}
	return CRK_ENOTFOUND;
}

static int add_schema(struct crk_jsv *v, const char *dir, const char *name, int required,
		      struct crk_check_report *r, struct crk_err *err)
{
	struct crk_strbuf found = CRK_STRBUF_INIT(0);
	char *buf = NULL;
	size_t len;
	int rc = read_schema(dir, name, &buf, &len, &found);
	if (rc == CRK_OK) {
		rc = crk_jsv_add(v, buf, len, name, err);
		crk_free(buf);
		if (rc == CRK_EPARSE || rc == CRK_EINVAL) {
			crk_err_hint(err, "the schema directory should hold the official schemas");
			rc = CRK_EIO;
		}
	} else if (rc == CRK_ENOTFOUND) {
		rc = CRK_OK;
		if (required)
			snprintf(r->schema_note, sizeof(r->schema_note),
				 "schema not checked: %s not found in %s", name, dir);
	} else {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_strbuf_release(&found);
	return rc;
}

static int validate_json(const json_t *doc, enum fmt f, const char *dir,
			 struct crk_check_report *r, struct crk_err *err)
{
	struct crk_jsv *v = crk_jsv_new();
	struct crk_jsv_result res;
	char main[64];
	size_t i;
	int rc;

	if (!v)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	if (f == F_CDX_JSON)
		snprintf(main, sizeof(main), "bom-%s.schema.json", r->spec_version);
	else if (f == F_SPDX3)
		snprintf(main, sizeof(main), "spdx-3.0.1.schema.json");
	else
		snprintf(main, sizeof(main), "spdx-%s.schema.json", r->spec_version);
	snprintf(r->schema_name, sizeof(r->schema_name), "%s", main);
	rc = add_schema(v, dir, main, 1, r, err);
	if (rc == CRK_OK && f == F_CDX_JSON) {
		/* what the bom schemas $ref, beside them */
		rc = add_schema(v, dir, "spdx.schema.json", 0, r, err);
		if (rc == CRK_OK)
			rc = add_schema(v, dir, "jsf-0.82.schema.json", 0, r, err);
		if (rc == CRK_OK)
			rc = add_schema(v, dir, "cryptography-defs.schema.json", 0, r, err);
	}
	if (rc == CRK_OK && !r->schema_note[0]) {
		rc = crk_jsv_validate(v, main, doc, &res);
		if (rc == CRK_OK) {
			r->schema = res.valid ? 1 : -1;
			r->nschema_errors = res.nerrors;
			for (i = 0; i < res.nerrors && i < 20 && i < CRK_JSV_MAX_ERRORS; i++) {
				snprintf(r->schema_errors[i].where, sizeof(r->schema_errors[i].where),
					 "%s", res.errors[i].where);
				snprintf(r->schema_errors[i].what, sizeof(r->schema_errors[i].what),
					 "%s: %s", res.errors[i].keyword, res.errors[i].what);
			}
		} else {
			rc = crk_err_set(err, rc, NULL, 0, 0, "validating against %s: %s", main,
					 crk_status_str(rc));
		}
	}
	crk_jsv_free(v);
	return rc;
}

/* ---- the report ---- */

static int score(struct crk_check_report *r, const struct presence *p, const struct row *rows,
		 size_t nrows)
{
	size_t i, k, req_total = 0, req_have = 0, ngaps = 0;
	/* the primary component is logical (v2.1 §3.2.2) when it names no file */
	int logical_ok = r->standard == CRK_STD_BSI_2_1;

	r->fields = crk_calloc(nrows, sizeof(*r->fields));
	if (!r->fields)
		return CRK_ENOMEM;
	r->nfields = nrows;
	for (i = 0; i < nrows; i++) {
		struct crk_check_field *f = &r->fields[i];
		f->id = rows[i].id;
		f->name = rows[i].name;
		f->section = rows[i].section;
		f->level = rows[i].level;
		f->of_sbom = rows[i].of_sbom;
		if (rows[i].of_sbom) {
			f->applicable = 1;
			f->present = (p->sbom & rows[i].all) == rows[i].all;
		} else {
			for (k = 0; k < p->n; k++) {
				const struct pcomp *c = &p->c[k];
				int logical = logical_ok && c->primary && !(c->have & P_FILENAME);
				if (logical && !rows[i].logical)
					continue;
				f->applicable++;
				if ((c->have & rows[i].all) == rows[i].all)
					f->present++;
				else if (rows[i].level == REQ)
					ngaps++;
				else if (rows[i].level == ADD)
					r->nmissing_additional++;
			}
		}
		if (rows[i].level == REQ) {
			req_total += f->applicable;
			req_have += f->present;
		}
	}
	r->gaps = crk_calloc(ngaps ? ngaps : 1, sizeof(*r->gaps));
	if (!r->gaps)
		return CRK_ENOMEM;
	for (i = 0; i < nrows; i++) {
		if (rows[i].of_sbom || rows[i].level != REQ)
			continue;
		for (k = 0; k < p->n; k++) {
			const struct pcomp *c = &p->c[k];
			int logical = logical_ok && c->primary && !(c->have & P_FILENAME);
			if ((logical && !rows[i].logical) || (c->have & rows[i].all) == rows[i].all)
				continue;
			r->gaps[r->ngaps].field = i;
			r->gaps[r->ngaps].component = c->id;
			r->ngaps++;
		}
	}
	r->ncomponents = p->n;
	r->score = req_total ? 100.0 * (double)req_have / (double)req_total : 100.0;
	if (!r->format_ok || r->schema < 0)
		r->score = 0;
	r->conformant = r->format_ok && r->schema >= 0 && req_have == req_total;
	return CRK_OK;
}

/* The first non-space byte. */
static char first_char(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && (unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
	    (unsigned char)buf[2] == 0xbf)
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	return i < len ? buf[i] : 0;
}

/* What kind of JSON SBOM `doc` is; -1 when none. */
static int json_kind(const json_t *doc)
{
	const json_t *ctx = json_object_get(doc, "@context");
	if (json_is_string(json_object_get(doc, "specVersion")) &&
	    (json_object_get(doc, "bomFormat") || json_object_get(doc, "components")))
		return F_CDX_JSON;
	if (json_is_string(json_object_get(doc, "spdxVersion")))
		return F_SPDX_JSON;
	if (ctx) {
		char *s = json_dumps(ctx, JSON_ENCODE_ANY | JSON_COMPACT);
		int spdx3 = s && strstr(s, "spdx.org/rdf/3.");
		free(s);
		if (spdx3)
			return F_SPDX3;
	}
	return -1;
}

int crk_sbom_check(const char *buf, size_t len, const char *path,
		   const struct crk_check_opts *opts, struct crk_check_report **out,
		   struct crk_err *err)
{
	struct crk_check_report *r;
	struct crk_arena arena;
	struct presence p;
	json_t *doc = NULL;
	const struct row *rows;
	size_t nrows;
	char c = first_char(buf, len), ver[16] = "";
	int rc = CRK_OK, f = -1;

	*out = NULL;
	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "larger than %zu bytes",
				   (size_t)CRK_MAX_FILE_SIZE);
	r = crk_calloc(1, sizeof(*r));
	if (!r)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	r->standard = opts ? opts->standard : CRK_STD_BSI_2_1;
	crk_arena_init(&arena);
	memset(&p, 0, sizeof(p));
	p.a = &arena;

	if (c == '{') {
		json_error_t je;
		doc = json_loadb(buf, len, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &je);
		if (!doc) {
			rc = crk_err_set(err, json_error_code(&je) == json_error_out_of_memory
						     ? CRK_ENOMEM
						     : CRK_EPARSE,
					 path, (unsigned)je.line, (unsigned)je.column, "%s", je.text);
			goto out;
		}
		f = json_kind(doc);
	} else if (c == '<') {
		rc = crk__cdx_xml_to_json(buf, len, path, &doc, ver, err);
		if (rc)
			goto out;
		f = F_CDX_XML;
	} else if (c && crk_sbom_sniff(buf, len) == CRK_SBOM_SPDX_YAML) {
		/* the JSON members as YAML: the SPDX JSON schema applies */
		rc = crk__spdx_yaml_to_json(buf, len, path, 0, &doc, err);
		if (rc)
			goto out;
		f = F_SPDX_YAML;
	} else if (c) {
		rc = crk__spdx_tv_to_json(buf, len, path, &doc, err);
		if (rc)
			goto out;
		f = F_SPDX_TV;
	}
	if (f < 0) {
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 "not an SBOM crakit reads (CycloneDX JSON or XML, SPDX 2 JSON, "
				 "tag-value or YAML, SPDX 3 JSON-LD)");
		goto out;
	}
	r->format = fmt_names[f];
	if (f == F_CDX_JSON || f == F_CDX_XML)
		crk__pres_cyclonedx(&p, doc);
	else if (f == F_SPDX_JSON || f == F_SPDX_TV || f == F_SPDX_YAML)
		crk__pres_spdx2(&p, doc);
	else
		crk__pres_spdx3(&p, doc);
	if (f == F_CDX_XML && ver[0])
		snprintf(p.spec_version, sizeof(p.spec_version), "%s", ver);
	if (p.oom) {
		rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
		goto out;
	}
	snprintf(r->spec_version, sizeof(r->spec_version), "%s", p.spec_version);
	judge_format(r, (enum fmt)f);

	/* the official schema */
	if (!opts || !opts->schema_dir) {
		snprintf(r->schema_note, sizeof(r->schema_note),
			 "schema not checked: no schema directory given (--schema-dir)");
	} else if (f == F_SPDX_TV) {
		snprintf(r->schema_note, sizeof(r->schema_note),
			 "schema not checked: SPDX tag-value has no official schema");
	} else if (f == F_CDX_XML) {
		rc = crk__cdx_xml_validate(buf, len, opts->schema_dir, p.spec_version, r);
		if (rc) {
			crk_err_set(err, rc, path, 0, 0, "out of memory");
			goto out;
		}
	} else {
		rc = validate_json(doc, (enum fmt)f, opts->schema_dir, r, err);
		if (rc)
			goto out;
	}

	rows = r->standard == CRK_STD_BSI_2_0 ? bsi20 : r->standard == CRK_STD_NTIA ? ntia : bsi21;
	nrows = r->standard == CRK_STD_BSI_2_0 ? sizeof(bsi20) / sizeof(bsi20[0])
		: r->standard == CRK_STD_NTIA  ? sizeof(ntia) / sizeof(ntia[0])
					       : sizeof(bsi21) / sizeof(bsi21[0]);
	rc = score(r, &p, rows, nrows);
	if (rc) {
		crk_err_set(err, rc, path, 0, 0, "out of memory");
		goto out;
	}
	/* the component names live in the arena: give them to the report */
	{
		size_t i, total = 0;
		char *names, *w;
		for (i = 0; i < r->ngaps; i++)
			total += strlen(r->gaps[i].component) + 1;
		names = crk_malloc(total ? total : 1);
		if (!names) {
			rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
			goto out;
		}
		for (i = 0, w = names; i < r->ngaps; i++) {
			size_t n = strlen(r->gaps[i].component) + 1;
			memcpy(w, r->gaps[i].component, n);
			r->gaps[i].component = w;
			w += n;
		}
		r->names_ = names;
	}
out:
	json_decref(doc);
	crk_free(p.c);
	crk_arena_release(&arena);
	if (rc) {
		crk_check_report_free(r);
		return rc;
	}
	*out = r;
	return CRK_OK;
}
