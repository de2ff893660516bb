/*
 * openvex.c - OpenVEX documents, read and written (include/crakit/vex.h).
 *
 * Spec: https://github.com/openvex/spec (OPENVEX-SPEC.md, v0.2.0; JSON schema
 * openvex_json_schema_0.2.0.json, corpus vex-csaf/openvex/spec/). Edge cases handled:
 *   - v0.0.1 documents ("@context": "https://openvex.dev/ns" or ".../v0.0.1") write the
 *     vulnerability as a string, products as strings and subcomponents beside products; v0.2.0
 *     writes objects ({"name": ...}, {"@id": ...} or {"identifiers": {"purl": ...}});
 *   - times cascade: a statement without timestamp takes last_updated, else the document's;
 *   - a product with subcomponents is a statement about each subcomponent, in that product.
 * Any other @context version is CRK_EUNSUPPORTED, naming it. Writing follows the schema: a
 * not_affected statement carries a justification or an impact statement, an affected one an
 * action statement, and a document has one statement at least.
 */
#include <jansson.h>
#include <stdarg.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/vex.h"
#include "formats/vexio.h"
#include "formats/writer.h"
#include "base/banned.h"

#define MAX_PRODUCTS 100000 /* products (or subcomponents) of one statement */

struct ovx {
	struct crk_vex_set *set;
	const char *buf, *origin;
	size_t len;
	struct crk_err *err;
	const char *author;
	int64_t doc_time;
	int legacy; /* v0.0.1 */
};

static int bad(struct ovx *x, int code, const char *key, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int bad(struct ovx *x, int code, const char *key, const char *value, const char *fmt, ...)
{
	unsigned line = 0, col = 0;
	va_list ap;
	int rc;
	if (key)
		crk_vexio__locate(x->buf, x->len, key, value, 0, &line, &col);
	va_start(ap, fmt);
	rc = crk_err_vset(x->err, code, x->origin, line, col, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The name of a product or subcomponent: a string, or an object's @id or identifiers.purl
 * (then cpe23, cpe22). NULL when it names nothing. */
static const char *product_name(json_t *p)
{
	json_t *ids;
	const char *s;
	if (json_is_string(p))
		return json_string_value(p);
	if (!json_is_object(p))
		return NULL;
	ids = json_object_get(p, "identifiers");
	if (json_is_object(ids)) {
		if ((s = jstr(ids, "purl")) && *s)
			return s;
	}
	if ((s = jstr(p, "@id")) && *s)
		return s;
	if (json_is_object(ids)) {
		if ((s = jstr(ids, "cpe23")) && *s)
			return s;
		if ((s = jstr(ids, "cpe22")) && *s)
			return s;
	}
	return NULL;
}

static int add_one(struct ovx *x, struct crk_vex_stmt *st, const char *subject, const char *product)
{
	int rc;
	st->subject = subject;
	st->product = product;
	rc = crk_vex_set_add(x->set, st, x->err);
	if (rc == CRK_EINVAL && x->err) {
		/* the set's message, with the statement's place */
		unsigned line = 0, col = 0;
		crk_vexio__locate(x->buf, x->len, "status", crk_vex_status_str(st->status),
				  0, &line, &col);
		x->err->code = CRK_EPARSE;
		if (!x->err->line)
			x->err->line = st->line ? st->line : line;
		if (!x->err->col && x->err->line == line)
			x->err->col = col;
	}
	return rc == CRK_EINVAL ? CRK_EPARSE : rc;
}

static int read_statement(struct ovx *x, json_t *s, size_t index)
{
	struct crk_vex_stmt st;
	json_t *vuln, *prods, *subs, *p, *al;
	const char *status, *just, *ts, *aliases[64];
	size_t i, j, nal = 0;
	unsigned line = 0, col = 0;
	int rc;

	memset(&st, 0, sizeof(st));
	st.origin = x->origin;
	st.author = x->author;
	if (!json_is_object(s))
		return bad(x, CRK_EPARSE, "statements", NULL, "a statement is not a JSON object");
	/* the statement's line: where its status is written (statements in order) */
	status = jstr(s, "status");
	vuln = json_object_get(s, "vulnerability");
	if (json_is_string(vuln)) {
		st.vuln = json_string_value(vuln);
	} else if (json_is_object(vuln)) {
		st.vuln = jstr(vuln, "name");
		if (!st.vuln || !*st.vuln)
			st.vuln = jstr(vuln, "@id");
		al = json_object_get(vuln, "aliases");
		if (json_is_array(al))
			for (i = 0; i < json_array_size(al) && nal < 64; i++)
				if (json_is_string(json_array_get(al, i)))
					aliases[nal++] = json_string_value(json_array_get(al, i));
	}
	if (!st.vuln || !*st.vuln) {
		crk_vexio__locate(x->buf, x->len, "vulnerability", NULL, index, &line, &col);
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "statement %zu names no vulnerability (\"vulnerability\": "
				   "{\"name\": \"CVE-...\"})",
				   index + 1);
	}
	crk_vexio__locate(x->buf, x->len, "name", st.vuln, 0, &line, &col);
	if (!line)
		crk_vexio__locate(x->buf, x->len, "vulnerability", st.vuln, 0, &line, &col);
	st.line = line;
	st.aliases = aliases;
	st.naliases = nal;
	if (!status)
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "the statement about %s has no status", st.vuln);
	st.status = crk_vex_status_parse(status);
	if (st.status == CRK_VEX_NONE)
		return bad(x, CRK_EPARSE, "status", status,
			   "unknown status '%s' (not_affected, affected, fixed or "
			   "under_investigation)",
			   status);
	just = jstr(s, "justification");
	if (just && *just) {
		st.justification = crk_vex_justification_parse(just);
		if (st.justification == CRK_VEXJ_NONE)
			return bad(x, CRK_EPARSE, "justification", just,
				   "unknown justification '%s' (component_not_present, "
				   "vulnerable_code_not_present, vulnerable_code_not_in_execute_path, "
				   "vulnerable_code_cannot_be_controlled_by_adversary, "
				   "inline_mitigations_already_exist)",
				   just);
	}
	st.impact = jstr(s, "impact_statement");
	st.action = jstr(s, "action_statement");
	st.note = jstr(s, "status_notes");
	if (st.note && !*st.note)
		st.note = NULL;
	st.time = x->doc_time;
	ts = jstr(s, "timestamp");
	if (!ts)
		ts = jstr(s, "last_updated");
	if (ts && crk_vexio__parse_time(ts, &st.time))
		return bad(x, CRK_EPARSE, "timestamp", ts,
			   "'%s' is not an RFC 3339 date-time", ts);

	prods = json_object_get(s, "products");
	if (!json_is_array(prods) || !json_array_size(prods))
		return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
				   "the statement about %s names no product", st.vuln);
	if (json_array_size(prods) > MAX_PRODUCTS)
		return crk_err_set(x->err, CRK_ELIMIT, x->origin, line, col,
				   "the statement about %s names more than %d products", st.vuln,
				   MAX_PRODUCTS);
	/* v0.0.1: subcomponents beside the products, applying to each */
	subs = json_object_get(s, "subcomponents");
	for (i = 0; i < json_array_size(prods); i++) {
		const char *pn;
		json_t *psubs;
		p = json_array_get(prods, i);
		pn = product_name(p);
		if (!pn)
			return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
					   "product %zu of the statement about %s has neither an "
					   "@id nor identifiers",
					   i + 1, st.vuln);
		psubs = json_is_object(p) ? json_object_get(p, "subcomponents") : subs;
		if (!json_is_array(psubs) || !json_array_size(psubs)) {
			rc = add_one(x, &st, pn, NULL);
			if (rc)
				return rc;
			continue;
		}
		if (json_array_size(psubs) > MAX_PRODUCTS)
			return crk_err_set(x->err, CRK_ELIMIT, x->origin, line, col,
					   "too many subcomponents in the statement about %s",
					   st.vuln);
		for (j = 0; j < json_array_size(psubs); j++) {
			const char *sn = product_name(json_array_get(psubs, j));
			if (!sn)
				return crk_err_set(x->err, CRK_EPARSE, x->origin, line, col,
						   "a subcomponent of %s in the statement about %s "
						   "has neither an @id nor identifiers",
						   pn, st.vuln);
			rc = add_one(x, &st, sn, pn);
			if (rc)
				return rc;
		}
	}
	return CRK_OK;
}

int crk_vex_parse_openvex(struct crk_vex_set *set, const char *buf, size_t len,
			  const char *origin, struct crk_err *err)
{
	struct ovx x;
	json_error_t jerr;
	json_t *root, *stmts;
	const char *ctx, *ts, *ver;
	size_t i;
	int rc = CRK_OK;

	if (len > CRK_MAX_FILE_SIZE)
		return crk_err_set(err, CRK_ELIMIT, origin, 0, 0,
				   "larger than %zu bytes", CRK_MAX_FILE_SIZE);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root && json_error_code(&jerr) == json_error_out_of_memory)
		return crk_err_set(err, CRK_ENOMEM, origin, 0, 0, "out of memory");
	if (!root)
		return crk_err_set(err, CRK_EPARSE, origin, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	memset(&x, 0, sizeof(x));
	x.set = set;
	x.buf = buf;
	x.len = len;
	x.origin = origin;
	x.err = err;
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, origin, 1, 1,
				 "an OpenVEX document is a JSON object");
		goto out;
	}
	ctx = jstr(root, "@context");
	if (!ctx || strncmp(ctx, "https://openvex.dev/ns", 22) != 0) {
		rc = bad(&x, CRK_EPARSE, "@context", NULL,
			 "not an OpenVEX document: \"@context\" is not https://openvex.dev/ns/...");
		goto out;
	}
	ver = ctx + 22;
	if (*ver == '/')
		ver++;
	if (strcmp(ver, "") == 0 || strcmp(ver, "v0.0.1") == 0) {
		x.legacy = 1;
	} else if (strcmp(ver, "v0.2.0") != 0) {
		rc = bad(&x, CRK_EUNSUPPORTED, "@context", ctx,
			 "OpenVEX version '%s' is not supported (crakit reads v0.0.1 and v0.2.0)",
			 ver);
		goto out;
	}
	x.author = jstr(root, "author");
	ts = jstr(root, "timestamp");
	if (!ts)
		ts = jstr(root, "last_updated");
	if (ts && crk_vexio__parse_time(ts, &x.doc_time)) {
		rc = bad(&x, CRK_EPARSE, "timestamp", ts, "'%s' is not an RFC 3339 date-time", ts);
		goto out;
	}
	stmts = json_object_get(root, "statements");
	if (!json_is_array(stmts)) {
		rc = bad(&x, CRK_EPARSE, NULL, NULL, "the document has no \"statements\" array");
		goto out;
	}
	for (i = 0; i < json_array_size(stmts) && !rc; i++)
		rc = read_statement(&x, json_array_get(stmts, i), i);
out:
	json_decref(root);
	return rc;
}

static int isalnum_ascii(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int isxdigit_ascii(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Writes s as an IRI: characters an IRI cannot hold (space, controls, <>"{}|\^`) and a '%'
 * that starts no escape are percent-encoded. */
static void iri(struct crk_jw *w, const char *key, const char *s)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const unsigned char *p;
	static const char hex[] = "0123456789ABCDEF";
	for (p = (const unsigned char *)s; *p; p++) {
		int esc = *p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p) ||
			  (*p == '%' && !(isxdigit_ascii(p[1]) && isxdigit_ascii(p[2])));
		if (esc) {
			crk_strbuf_addch(&sb, '%');
			crk_strbuf_addch(&sb, hex[*p >> 4]);
			crk_strbuf_addch(&sb, hex[*p & 15]);
		} else {
			crk_strbuf_addch(&sb, (char)*p);
		}
	}
	if (!crk_strbuf_ok(&sb))
		w->sb->failed = 1;
	crk_jw_str(w, key, sb.buf);
	crk_strbuf_release(&sb);
}

/* A subject as an OpenVEX @id, which must be an absolute IRI: a purl or another IRI as it is;
 * a product name as a generic purl, "pkg:generic/Acme%20Router" (crk_vex_decide() matches it
 * against the product name again). */
static void subject_id(struct crk_jw *w, const char *subject)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const unsigned char *p;
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	for (i = 0; subject[i] && (isalnum_ascii((unsigned char)subject[i]) || subject[i] == '+' ||
				   subject[i] == '-' || subject[i] == '.');
	     i++)
		;
	if (i && subject[i] == ':' && !strpbrk(subject, " \t\n\r<>\"{}|\\^`")) {
		iri(w, "@id", subject);
		return;
	}
	crk_strbuf_adds(&sb, "pkg:generic/");
	for (p = (const unsigned char *)subject; *p; p++) {
		if (isalnum_ascii(*p) || *p == '.' || *p == '-' || *p == '_' || *p == '~') {
			crk_strbuf_addch(&sb, (char)*p);
		} else {
			crk_strbuf_addch(&sb, '%');
			crk_strbuf_addch(&sb, hex[*p >> 4]);
			crk_strbuf_addch(&sb, hex[*p & 15]);
		}
	}
	if (!crk_strbuf_ok(&sb))
		w->sb->failed = 1;
	crk_jw_str(w, "@id", sb.buf);
	crk_strbuf_release(&sb);
}

int crk_vex_write_openvex(const struct crk_vex_set *set, const struct crk_vex_write_opts *opts,
			  char **out, size_t *len, struct crk_err *err)
{
	const struct crk_vex_stmt **cur = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	struct crk_strbuf idsrc = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	char ts[32], uuid[37];
	size_t n, i, j;
	int rc;

	*out = NULL;
	*len = 0;
	rc = crk_vex_current(set, &cur, &n, err);
	if (rc)
		return rc;
	if (!n) {
		crk_vex_current_free(cur);
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				   "no VEX statements: an OpenVEX document needs one at least");
	}
	for (i = 0; i < n; i++)
		crk_strbuf_addf(&idsrc, "%s\n%s\n%s\n%lld\n", cur[i]->vuln, cur[i]->subject,
				crk_vex_status_str(cur[i]->status), (long long)cur[i]->time);
	crk_vexio__uuid(idsrc.buf, idsrc.len, uuid);
	crk_strbuf_release(&idsrc);

	crk_jw_init(&w, &sb, opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "@context", "https://openvex.dev/ns/v0.2.0");
	if (opts->id) {
		iri(&w, "@id", opts->id);
	} else {
		char id[64];
		snprintf(id, sizeof(id), "urn:uuid:%s", uuid);
		crk_jw_str(&w, "@id", id);
	}
	crk_jw_str(&w, "author", opts->author && *opts->author ? opts->author : "crakit");
	crk_vexio__format_time(opts->timestamp, ts);
	crk_jw_str(&w, "timestamp", ts);
	crk_jw_int(&w, "version", 1);
	crk_jw_str(&w, "tooling", opts->tooling ? opts->tooling : "crakit " CRAKIT_VERSION);
	crk_jw_begin_arr(&w, "statements");
	for (i = 0; i < n; i++) {
		const struct crk_vex_stmt *st = cur[i];
		crk_jw_begin_obj(&w, NULL);
		crk_jw_begin_obj(&w, "vulnerability");
		crk_jw_str(&w, "name", st->vuln);
		if (st->naliases) {
			/* uniqueItems: skip repeats */
			crk_jw_begin_arr(&w, "aliases");
			for (j = 0; j < st->naliases; j++) {
				size_t k;
				for (k = 0; k < j && strcmp(st->aliases[k], st->aliases[j]); k++)
					;
				if (k == j)
					crk_jw_str(&w, NULL, st->aliases[j]);
			}
			crk_jw_end_arr(&w);
		}
		crk_jw_end_obj(&w);
		crk_vexio__format_time(st->time, ts);
		crk_jw_str(&w, "timestamp", ts);
		crk_jw_begin_arr(&w, "products");
		crk_jw_begin_obj(&w, NULL);
		if (st->product) {
			subject_id(&w, st->product);
			crk_jw_begin_arr(&w, "subcomponents");
			crk_jw_begin_obj(&w, NULL);
			subject_id(&w, st->subject);
			crk_jw_end_obj(&w);
			crk_jw_end_arr(&w);
		} else {
			subject_id(&w, st->subject);
		}
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_str(&w, "status", crk_vex_status_str(st->status));
		if (st->note)
			crk_jw_str(&w, "status_notes", st->note);
		if (st->status == CRK_VEX_NOT_AFFECTED) {
			if (st->justification)
				crk_jw_str(&w, "justification",
					   crk_vex_justification_str(st->justification));
			if (st->impact)
				crk_jw_str(&w, "impact_statement", st->impact);
		}
		if (st->status == CRK_VEX_AFFECTED)
			crk_jw_str(&w, "action_statement",
				   st->action && *st->action ? st->action
							     : "no action statement was given");
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	crk_vex_current_free(cur);
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory writing OpenVEX");
	}
	*out = crk_strbuf_detach(&sb, len);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
