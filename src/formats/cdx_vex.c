/*
 * cdx_vex.c - CycloneDX VEX (the `vulnerabilities` of a CycloneDX BOM with their `analysis`),
 * read from CycloneDX 1.4-1.6 JSON and written as CycloneDX 1.6 JSON (include/crakit/vex.h).
 *
 * Spec: https://cyclonedx.org/docs/1.6/json/#vulnerabilities and the VEX use cases in the
 * corpus (vex-csaf/cyclonedx-vex/). Edge cases handled:
 *   - `affects[].ref` is a bom-ref of a component of the same document (resolved to its purl,
 *     components nested at any depth and metadata.component included) or a BOM-Link
 *     "urn:cdx:SERIAL/VERSION#bom-ref" (its fragment is resolved the same way);
 *   - a vulnerability without `analysis.state` states nothing and is skipped;
 *   - CycloneDX has no label for "the component is not there", so the CISA justification is
 *     also written (and read back) as the property "crakit:vex:justification"; without it the
 *     CycloneDX justification is mapped back (code_not_present -> vulnerable_code_not_present,
 *     code_not_reachable -> vulnerable_code_not_in_execute_path, requires_* ->
 *     vulnerable_code_cannot_be_controlled_by_adversary, protected_* ->
 *     inline_mitigations_already_exist).
 */
#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "crakit/vex.h"
#include "formats/purl.h"
#include "formats/vexio.h"
#include "formats/writer.h"
#include "base/banned.h"

#define MAX_AFFECTS 100000
#define MAX_NEST 64

struct cvx {
	struct crk_vex_set *set;
	const char *buf, *origin;
	size_t len;
	struct crk_err *err;
	struct crk_map refs; /* bom-ref -> purl or name (borrowed from the JSON tree) */
	const char *author;
	int64_t doc_time;
};

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int note_refs(struct cvx *x, json_t *list, int depth)
{
	size_t i;
	if (!json_is_array(list))
		return 0;
	if (depth > MAX_NEST)
		return crk_err_set(x->err, CRK_ELIMIT, x->origin, 0, 0,
				   "components nested deeper than %d", MAX_NEST);
	for (i = 0; i < json_array_size(list); i++) {
		json_t *c = json_array_get(list, i);
		const char *ref = jstr(c, "bom-ref"), *id = jstr(c, "purl");
		if (!id || !*id)
			id = jstr(c, "name");
		if (ref && *ref && id && *id &&
		    crk_map_put(&x->refs, ref, strlen(ref), (void *)id))
			return crk_err_set(x->err, CRK_ENOMEM, x->origin, 0, 0, "out of memory");
		if (note_refs(x, json_object_get(c, "components"), depth + 1))
			return x->err ? x->err->code : CRK_ELIMIT;
	}
	return 0;
}

static const char *resolve(struct cvx *x, const char *ref)
{
	const char *hash, *v;
	if (strncmp(ref, "urn:cdx:", 8) == 0 && (hash = strchr(ref, '#')) && hash[1])
		ref = hash + 1;
	v = crk_map_get(&x->refs, ref, strlen(ref));
	return v ? v : ref;
}

static enum crk_vex_status map_state(const char *s)
{
	if (!s)
		return CRK_VEX_NONE;
	if (!strcmp(s, "not_affected") || !strcmp(s, "false_positive"))
		return CRK_VEX_NOT_AFFECTED;
	if (!strcmp(s, "exploitable"))
		return CRK_VEX_AFFECTED;
	if (!strcmp(s, "resolved") || !strcmp(s, "resolved_with_pedigree"))
		return CRK_VEX_FIXED;
	if (!strcmp(s, "in_triage"))
		return CRK_VEX_UNDER_INVESTIGATION;
	return CRK_VEX_NONE;
}

static enum crk_vex_justification map_just(const char *s)
{
	if (!s)
		return CRK_VEXJ_NONE;
	if (!strcmp(s, "code_not_present"))
		return CRK_VEXJ_VULNERABLE_CODE_NOT_PRESENT;
	if (!strcmp(s, "code_not_reachable"))
		return CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH;
	if (!strncmp(s, "requires_", 9))
		return CRK_VEXJ_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY;
	if (!strncmp(s, "protected_", 10))
		return CRK_VEXJ_INLINE_MITIGATIONS_ALREADY_EXIST;
	return CRK_VEXJ_NONE;
}

static const char *prop(json_t *v, const char *name)
{
	json_t *props = json_object_get(v, "properties");
	size_t i;
	for (i = 0; i < json_array_size(props); i++) {
		json_t *p = json_array_get(props, i);
		const char *n = jstr(p, "name");
		if (n && !strcmp(n, name))
			return jstr(p, "value");
	}
	return NULL;
}

static int read_vuln(struct cvx *x, json_t *v, size_t index, struct crk_strbuf *tmp)
{
	struct crk_vex_stmt st;
	json_t *an, *aff, *refs, *resp;
	const char *state, *just, *ts, *aliases[64], *cj;
	size_t i, nal = 0;
	unsigned line = 0, col = 0;
	int rc;

	memset(&st, 0, sizeof(st));
	st.origin = x->origin;
	if (!json_is_object(v))
		return crk_err_set(x->err, CRK_EPARSE, x->origin, 0, 0,
				   "vulnerability %zu is not a JSON object", index + 1);
	an = json_object_get(v, "analysis");
	state = jstr(an, "state");
	if (!state)
		return CRK_OK;
	st.vuln = jstr(v, "id");
	if (!st.vuln || !*st.vuln) {
		crk_vexio__locate(x->buf, x->len, "state", state, 0, &line, &col);
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "vulnerability %zu has an analysis but no id", index + 1);
	}
	crk_vexio__locate(x->buf, x->len, "id", st.vuln, 0, &line, &col);
	st.line = line;
	st.status = map_state(state);
	if (st.status == CRK_VEX_NONE) {
		crk_vexio__locate(x->buf, x->len, "state", state, 0, &line, &col);
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "unknown analysis state '%s' of %s", state, st.vuln);
	}
	refs = json_object_get(v, "references");
	for (i = 0; i < json_array_size(refs) && nal < 64; i++) {
		const char *id = jstr(json_array_get(refs, i), "id");
		if (id && *id)
			aliases[nal++] = id;
	}
	st.aliases = aliases;
	st.naliases = nal;
	just = jstr(an, "justification");
	cj = prop(v, "crakit:vex:justification");
	if (st.status == CRK_VEX_NOT_AFFECTED) {
		st.justification = cj ? crk_vex_justification_parse(cj) : map_just(just);
		if (just && !st.justification && !cj) {
			crk_vexio__locate(x->buf, x->len, "justification", just, 0, &line, &col);
			return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
					   "unknown analysis justification '%s' of %s", just,
					   st.vuln);
		}
		st.impact = jstr(an, "detail");
		if (!st.justification && (!st.impact || !*st.impact))
			st.impact = !strcmp(state, "false_positive")
					    ? "false positive (CycloneDX analysis state false_positive)"
					    : "not affected (the CycloneDX analysis gave no "
					      "justification)";
	} else if (st.status == CRK_VEX_AFFECTED) {
		st.action = prop(v, "crakit:vex:action");
		if (!st.action)
			st.action = jstr(an, "detail");
		resp = json_object_get(an, "response");
		if (!st.action && json_array_size(resp)) {
			crk_strbuf_reset(tmp);
			crk_strbuf_adds(tmp, "response:");
			for (i = 0; i < json_array_size(resp) && i < 8; i++)
				if (json_is_string(json_array_get(resp, i)))
					crk_strbuf_addf(tmp, "%s %s", i ? "," : "",
							json_string_value(json_array_get(resp, i)));
			if (!crk_strbuf_ok(tmp))
				return crk_err_set(x->err, CRK_ENOMEM, x->origin, 0, 0,
						   "out of memory");
			st.action = tmp->buf;
		}
	} else {
		st.note = jstr(an, "detail");
	}
	if (prop(v, "crakit:vex:note"))
		st.note = prop(v, "crakit:vex:note");
	st.author = prop(v, "crakit:vex:author");
	if (!st.author)
		st.author = x->author;
	st.time = x->doc_time;
	ts = jstr(an, "lastUpdated");
	if (!ts)
		ts = jstr(an, "firstIssued");
	if (!ts)
		ts = jstr(v, "updated");
	if (ts && crk_vexio__parse_time(ts, &st.time)) {
		crk_vexio__locate(x->buf, x->len, "lastUpdated", ts, 0, &line, &col);
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "'%s' is not an RFC 3339 date-time", ts);
	}
	aff = json_object_get(v, "affects");
	if (!json_array_size(aff))
		return crk_err_set(x->err, CRK_EPARSE, x->origin, st.line, 0,
				   "the analysis of %s affects nothing (no \"affects\" refs)", st.vuln);
	if (json_array_size(aff) > MAX_AFFECTS)
		return crk_err_set(x->err, CRK_ELIMIT, x->origin, st.line, 0,
				   "%s affects more than %d refs", st.vuln, MAX_AFFECTS);
	for (i = 0; i < json_array_size(aff); i++) {
		const char *ref = jstr(json_array_get(aff, i), "ref");
		if (!ref || !*ref)
			return crk_err_set(x->err, CRK_EPARSE, x->origin, st.line, 0,
					   "affects %zu of %s has no ref", i + 1, st.vuln);
		st.subject = resolve(x, ref);
		rc = crk_vex_set_add(x->set, &st, x->err);
		if (rc)
			return rc == CRK_EINVAL ? (x->err ? (x->err->code = CRK_EPARSE) : CRK_EPARSE)
						: rc;
	}
	return CRK_OK;
}

int crk_vex_parse_cyclonedx(struct crk_vex_set *set, const char *buf, size_t len,
			    const char *origin, struct crk_err *err)
{
	struct cvx x;
	struct crk_strbuf tmp = CRK_STRBUF_INIT(CRK_MAX_STRING);
	json_error_t jerr;
	json_t *root, *vulns, *meta, *authors;
	const char *fmt, *spec, *ts;
	unsigned line, col;
	size_t i;
	int rc = CRK_OK;

	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, origin, 0, 0, "larger than %zu bytes",
				   CRK_MAX_FILE_SIZE);
	root = json_loadb(buf, len, 0, &jerr);
	if (!root && json_error_code(&jerr) == json_error_out_of_memory)
		return crk_err_set(err, CRK_ENOMEM, origin, 0, 0, "out of memory");
	if (!root)
		return crk_err_set(err, CRK_EPARSE, origin, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	memset(&x, 0, sizeof(x));
	crk_map_init(&x.refs);
	x.set = set;
	x.buf = buf;
	x.len = len;
	x.origin = origin;
	x.err = err;
	fmt = jstr(root, "bomFormat");
	if (!json_is_object(root) || !fmt || strcmp(fmt, "CycloneDX") != 0) {
		rc = crk_err_set(err, CRK_EPARSE, origin, 1, 1,
				 "not a CycloneDX document (no \"bomFormat\": \"CycloneDX\")");
		goto out;
	}
	spec = jstr(root, "specVersion");
	if (!spec || (strcmp(spec, "1.4") && strcmp(spec, "1.5") && strcmp(spec, "1.6"))) {
		crk_vexio__locate(buf, len, "specVersion", spec, 0, &line, &col);
		rc = crk_err_set(err, CRK_EUNSUPPORTED, origin, line, col,
				 "CycloneDX specVersion '%s' is not supported for VEX (crakit reads "
				 "1.4, 1.5 and 1.6)",
				 spec ? spec : "(none)");
		goto out;
	}
	meta = json_object_get(root, "metadata");
	ts = jstr(meta, "timestamp");
	if (ts && crk_vexio__parse_time(ts, &x.doc_time)) {
		crk_vexio__locate(buf, len, "timestamp", ts, 0, &line, &col);
		rc = crk_err_set(err, CRK_EPARSE, origin, line, col,
				 "'%s' is not an RFC 3339 date-time", ts);
		goto out;
	}
	authors = json_object_get(meta, "authors");
	if (json_array_size(authors))
		x.author = jstr(json_array_get(authors, 0), "name");
	if (!x.author)
		x.author = jstr(json_object_get(meta, "manufacturer"), "name");
	if (json_is_object(json_object_get(meta, "component"))) {
		json_t *one = json_array();
		if (!one || json_array_append(one, json_object_get(meta, "component"))) {
			json_decref(one);
			rc = crk_err_set(err, CRK_ENOMEM, origin, 0, 0, "out of memory");
			goto out;
		}
		rc = note_refs(&x, one, 0);
		json_decref(one);
		if (rc)
			goto out;
	}
	rc = note_refs(&x, json_object_get(root, "components"), 0);
	if (rc)
		goto out;
	vulns = json_object_get(root, "vulnerabilities");
	for (i = 0; i < json_array_size(vulns) && !rc; i++)
		rc = read_vuln(&x, json_array_get(vulns, i), i, &tmp);
out:
	crk_strbuf_release(&tmp);
	crk_map_release(&x.refs);
	json_decref(root);
	return rc;
}

/* ---- writing ---- */

static void prop_out(struct crk_jw *w, const char *name, const char *value)
{
	if (!value)
		return;
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "name", name);
	crk_jw_str(w, "value", value);
	crk_jw_end_obj(w);
}

/* A component for a subject: a purl's parts, or a product name. */
static void subject_component(struct crk_jw *w, const char *subject, struct crk_arena *a)
{
	struct crk_purl p;
	crk_jw_begin_obj(w, NULL);
	if (strncmp(subject, "pkg:", 4) == 0 &&
	    crk_purl_parse(&p, subject, strlen(subject), a, NULL) == CRK_OK) {
		crk_jw_str(w, "type", "library");
		crk_jw_str(w, "bom-ref", subject);
		if (p.ns)
			crk_jw_str(w, "group", p.ns);
		crk_jw_str(w, "name", p.name);
		if (p.version)
			crk_jw_str(w, "version", p.version);
		crk_jw_str(w, "purl", subject);
	} else {
		crk_jw_str(w, "type", "application");
		crk_jw_str(w, "bom-ref", subject);
		crk_jw_str(w, "name", subject);
	}
	crk_jw_end_obj(w);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int crk_vex_write_cyclonedx(const struct crk_vex_set *set, const struct crk_vex_write_opts *opts,
			    char **out, size_t *len, struct crk_err *err)
{
	const struct crk_vex_stmt **cur = NULL;
	const char **subjects = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_strbuf idsrc = CRK_STRBUF_INIT(0);
	struct crk_arena a;
	struct crk_jw w;
	char ts[32], uuid[37];
	size_t n, i, j, ns = 0;
	int rc;

	*out = NULL;
	*len = 0;
	rc = crk_vex_current(set, &cur, &n, err);
	if (rc)
		return rc;
	subjects = crk_calloc(n ? n : 1, sizeof(*subjects));
	if (!subjects) {
		crk_vex_current_free(cur);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	for (i = 0; i < n; i++) {
		subjects[i] = cur[i]->subject;
		crk_strbuf_addf(&idsrc, "%s\n%s\n%s\n%lld\n", cur[i]->vuln, cur[i]->subject,
				crk_vex_status_str(cur[i]->status), (long long)cur[i]->time);
	}
	qsort(subjects, n, sizeof(*subjects), cmp_str);
	for (i = 0; i < n; i++)
		if (!ns || strcmp(subjects[ns - 1], subjects[i]))
			subjects[ns++] = subjects[i];
	crk_vexio__uuid(idsrc.buf, idsrc.len, uuid);
	crk_strbuf_release(&idsrc);
	crk_arena_init(&a);

	crk_jw_init(&w, &sb, opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
	crk_jw_str(&w, "bomFormat", "CycloneDX");
	crk_jw_str(&w, "specVersion", "1.6");
	if (opts->id && strncmp(opts->id, "urn:uuid:", 9) == 0) {
		crk_jw_str(&w, "serialNumber", opts->id);
	} else {
		char serial[64];
		snprintf(serial, sizeof(serial), "urn:uuid:%s", uuid);
		crk_jw_str(&w, "serialNumber", serial);
	}
	crk_jw_int(&w, "version", 1);
	crk_jw_begin_obj(&w, "metadata");
	crk_vexio__format_time(opts->timestamp, ts);
	crk_jw_str(&w, "timestamp", ts);
	crk_jw_begin_obj(&w, "tools");
	crk_jw_begin_arr(&w, "components");
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "type", "application");
	crk_jw_str(&w, "name", "crakit");
	crk_jw_str(&w, "version", CRAKIT_VERSION);
	crk_jw_end_obj(&w);
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	if (opts->author && *opts->author) {
		crk_jw_begin_arr(&w, "authors");
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "name", opts->author);
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
	}
	crk_jw_end_obj(&w);
	crk_jw_begin_arr(&w, "components");
	for (i = 0; i < ns; i++)
		subject_component(&w, subjects[i], &a);
	crk_jw_end_arr(&w);
	crk_jw_begin_arr(&w, "vulnerabilities");
	for (i = 0; i < n; i++) {
		const struct crk_vex_stmt *st = cur[i];
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "id", st->vuln);
		if (st->naliases) {
			crk_jw_begin_arr(&w, "references");
			for (j = 0; j < st->naliases; j++) {
				crk_jw_begin_obj(&w, NULL);
				crk_jw_str(&w, "id", st->aliases[j]);
				crk_jw_begin_obj(&w, "source");
				crk_jw_str(&w, "name", "alias");
				crk_jw_end_obj(&w);
				crk_jw_end_obj(&w);
			}
			crk_jw_end_arr(&w);
		}
		crk_jw_begin_obj(&w, "analysis");
		crk_jw_str(&w, "state", crk_vex_cdx_state(st->status));
		if (st->status == CRK_VEX_NOT_AFFECTED && st->justification)
			crk_jw_str(&w, "justification",
				   crk_vex_cdx_justification(st->justification));
		if (st->status == CRK_VEX_AFFECTED) {
			crk_jw_begin_arr(&w, "response");
			crk_jw_str(&w, NULL, "update");
			crk_jw_end_arr(&w);
		}
		if (st->status == CRK_VEX_NOT_AFFECTED && st->impact)
			crk_jw_str(&w, "detail", st->impact);
		else if (st->status == CRK_VEX_AFFECTED && st->action)
			crk_jw_str(&w, "detail", st->action);
		else if (st->note)
			crk_jw_str(&w, "detail", st->note);
		crk_vexio__format_time(st->time, ts);
		crk_jw_str(&w, "lastUpdated", ts);
		crk_jw_end_obj(&w);
		crk_jw_begin_arr(&w, "affects");
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "ref", st->subject);
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_begin_arr(&w, "properties");
		if (st->justification)
			prop_out(&w, "crakit:vex:justification",
				 crk_vex_justification_str(st->justification));
		if (st->status == CRK_VEX_AFFECTED)
			prop_out(&w, "crakit:vex:action", st->action);
		prop_out(&w, "crakit:vex:author", st->author);
		prop_out(&w, "crakit:vex:note", st->note);
		prop_out(&w, "crakit:vex:product", st->product);
		crk_jw_end_arr(&w);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	crk_arena_release(&a);
	crk_free(subjects);
	crk_vex_current_free(cur);
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory writing CycloneDX");
	}
	*out = crk_strbuf_detach(&sb, len);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

int crk_vex_parse(struct crk_vex_set *set, const char *buf, size_t len, const char *origin,
		  struct crk_err *err)
{
	size_t i;
	/* told apart by the first key that says: a cheap look, the parsers check properly */
	for (i = 0; i + 10 < len; i++) {
		if (buf[i] != '"')
			continue;
		if (!strncmp(buf + i, "\"@context\"", 10))
			return crk_vex_parse_openvex(set, buf, len, origin, err);
		if (i + 11 < len && !strncmp(buf + i, "\"bomFormat\"", 11))
			return crk_vex_parse_cyclonedx(set, buf, len, origin, err);
	}
	return crk_err_set(err, CRK_EUNSUPPORTED, origin, 0, 0,
			   "neither an OpenVEX nor a CycloneDX document");
}
