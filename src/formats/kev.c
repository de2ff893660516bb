/*
 * kev.c - the CISA KEV catalogue (see kev.h). The official JSON schema
 * (cisagov/kev-data, known_exploited_vulnerabilities_schema.json) requires catalogVersion,
 * dateReleased, count and vulnerabilities; each entry requires cveID, vendorProject, product,
 * vulnerabilityName, dateAdded, shortDescription, requiredAction and dueDate;
 * knownRansomwareCampaignUse, notes and cwes are optional.
 */
#include <string.h>

#include "base/cursor.h"
#include "base/strbuf.h"
#include "formats/datetime.h"
#include "formats/jsonpos.h"
#include "formats/kev.h"
#include "base/banned.h"

int crk_kev_is_catalog(json_t *root)
{
	return json_is_object(root) && json_object_get(root, "catalogVersion") &&
	       json_is_array(json_object_get(root, "vulnerabilities"));
}

/* ^CVE-[0-9]{4}-[0-9]{4,19}$ */
static int cve_ok(const char *s, size_t n)
{
	size_t i;
	if (n < 13 || n > 28 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return 0;
	for (i = 4; i < n; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Where entry i starts, for the error. */
static void entry_pos(const char *buf, size_t len, size_t i, unsigned *line, unsigned *col)
{
	size_t arr, off;
	*line = *col = 0;
	if (buf && crk_json_member_offset(buf, len, "vulnerabilities", &arr) == 0 &&
	    crk_json_array_elem_offset(buf, len, arr, i, &off) == 0)
		crk_linecol(buf, len, off, line, col);
}

static const char *str_field(json_t *o, const char *key, int required, const char **why)
{
	json_t *v = json_object_get(o, key);
	if (!v) {
		if (required)
			*why = "is required";
		return NULL;
	}
	if (!json_is_string(v)) {
		*why = "expected a string";
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		*why = "holds a NUL character";
		return NULL;
	}
	return json_string_value(v);
}

int crk_kev_read(struct crk_kev_catalog *out, struct crk_arena *arena, json_t *root,
		 const char *buf, size_t len, const char *path, struct crk_err *err)
{
	static const char *const req[] = {"cveID",	      "vendorProject",	  "product",
					  "vulnerabilityName", "dateAdded",	  "shortDescription",
					  "requiredAction",    "dueDate"};
	json_t *arr, *cnt;
	const char *why = NULL;
	size_t i, n;
	int64_t t;

	memset(out, 0, sizeof(*out));
	if (!crk_kev_is_catalog(root))
		return crk_err_set(err, CRK_EPARSE, path, 1, 1,
				   "not a KEV catalogue: expected an object with `catalogVersion` "
				   "and a `vulnerabilities` array");
	out->title = str_field(root, "title", 0, &why);
	why = NULL;
	out->version = str_field(root, "catalogVersion", 1, &why);
	if (!out->version || !*out->version)
		return crk_err_set(err, CRK_EPARSE, path, 1, 1, "KEV catalogVersion %s",
				   why ? why : "is empty");
	out->date_released = str_field(root, "dateReleased", 1, &why);
	if (!out->date_released)
		return crk_err_set(err, CRK_EPARSE, path, 1, 1, "KEV dateReleased %s", why);
	if (crk_time_parse_rfc3339(out->date_released, strlen(out->date_released),
				   &out->released_us))
		return crk_err_set(err, CRK_EPARSE, path, 1, 1,
				   "KEV dateReleased '%.40s' is not an RFC 3339 date-time",
				   out->date_released);
	arr = json_object_get(root, "vulnerabilities");
	n = json_array_size(arr);
	if (n > CRK_KEV_MAX_ENTRIES)
		return crk_err_set(err, CRK_ELIMIT, path, 1, 1, "KEV catalogue with more than %zu "
								"entries",
				   CRK_KEV_MAX_ENTRIES);
	cnt = json_object_get(root, "count");
	if (!json_is_integer(cnt))
		return crk_err_set(err, CRK_EPARSE, path, 1, 1,
				   "KEV count is required and must be an integer");
	if (json_integer_value(cnt) != (json_int_t)n) {
		crk_err_set(err, CRK_EPARSE, path, 1, 1,
			    "KEV count says %lld entries but the catalogue lists %zu",
			    (long long)json_integer_value(cnt), n);
		crk_err_hint(err, "the file is probably truncated; download it again");
		return CRK_EPARSE;
	}
	out->v = crk_arena_array(arena, n ? n : 1, sizeof(*out->v));
	if (!out->v)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < n; i++) {
		json_t *e = json_array_get(arr, i), *cw;
		struct crk_kev_vuln *k = &out->v[i];
		const char *f[8];
		size_t j;
		unsigned line, col;
		why = NULL;
		if (!json_is_object(e)) {
			entry_pos(buf, len, i, &line, &col);
			return crk_err_set(err, CRK_EPARSE, path, line, col,
					   "KEV vulnerabilities[%zu]: expected an object", i);
		}
		for (j = 0; j < 8; j++) {
			f[j] = str_field(e, req[j], 1, &why);
			if (!f[j]) {
				entry_pos(buf, len, i, &line, &col);
				return crk_err_set(err, CRK_EPARSE, path, line, col,
						   "KEV vulnerabilities[%zu].%s %s", i, req[j], why);
			}
		}
		if (!cve_ok(f[0], strlen(f[0]))) {
			entry_pos(buf, len, i, &line, &col);
			return crk_err_set(err, CRK_EPARSE, path, line, col,
					   "KEV vulnerabilities[%zu].cveID '%.40s' is not a CVE id", i,
					   f[0]);
		}
		if (crk_time_parse_date(f[4], strlen(f[4]), &t) ||
		    crk_time_parse_date(f[7], strlen(f[7]), &t)) {
			entry_pos(buf, len, i, &line, &col);
			return crk_err_set(err, CRK_EPARSE, path, line, col,
					   "KEV %s: dateAdded '%.20s' or dueDate '%.20s' is not a "
					   "YYYY-MM-DD date",
					   f[0], f[4], f[7]);
		}
		k->cve = f[0];
		k->vendor = f[1];
		k->product = f[2];
		k->name = f[3];
		k->date_added = f[4];
		k->description = f[5];
		k->required_action = f[6];
		k->due_date = f[7];
		why = NULL;
		k->ransomware = str_field(e, "knownRansomwareCampaignUse", 0, &why);
		if (!why)
			k->notes = str_field(e, "notes", 0, &why);
		if (why) {
			entry_pos(buf, len, i, &line, &col);
			return crk_err_set(err, CRK_EPARSE, path, line, col,
					   "KEV %s: knownRansomwareCampaignUse or notes %s", k->cve,
					   why);
		}
		cw = json_object_get(e, "cwes");
		if (cw && !json_is_array(cw)) {
			entry_pos(buf, len, i, &line, &col);
			return crk_err_set(err, CRK_EPARSE, path, line, col,
					   "KEV %s: cwes: expected an array", k->cve);
		}
		if (json_array_size(cw) > 0) {
			struct crk_strbuf sb = CRK_STRBUF_INIT(1 << 16);
			for (j = 0; j < json_array_size(cw); j++) {
				json_t *c = json_array_get(cw, j);
				if (!json_is_string(c)) {
					crk_strbuf_release(&sb);
					entry_pos(buf, len, i, &line, &col);
					return crk_err_set(err, CRK_EPARSE, path, line, col,
							   "KEV %s: cwes[%zu]: expected a string",
							   k->cve, j);
				}
				if (j)
					crk_strbuf_adds(&sb, ", ");
				crk_strbuf_add(&sb, json_string_value(c), json_string_length(c));
			}
			if (!crk_strbuf_ok(&sb)) {
				crk_strbuf_release(&sb);
				return crk_err_set(err, CRK_ELIMIT, path, 0, 0,
						   "KEV %s: cwes too long", k->cve);
			}
			k->cwes = crk_arena_strndup(arena, sb.buf, sb.len);
			crk_strbuf_release(&sb);
			if (!k->cwes)
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		}
	}
	out->n = n;
	return CRK_OK;
}

int crk_kev_parse(struct crk_kev_catalog *out, struct crk_arena *arena, const char *buf,
		  size_t len, const char *path, json_t **root, struct crk_err *err)
{
	json_error_t jerr;
	memset(out, 0, sizeof(*out));
	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*root)
		return crk_err_set(err, CRK_EPARSE, path, (unsigned)(jerr.line > 0 ? jerr.line : 0),
				   (unsigned)(jerr.column > 0 ? jerr.column : 0), "%s", jerr.text);
	return crk_kev_read(out, arena, *root, buf, len, path, err);
}
