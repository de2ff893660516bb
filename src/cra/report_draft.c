/*
 * report_draft.c - the payload of each Article 14 stage: JSON (docs/report.schema.json) and a
 * Markdown worksheet, and the reader that checks an edited payload (include/crakit/report.h).
 *
 * ENISA's single reporting platform (Art. 16) has no public submission API: crakit prepares
 * what each stage must say, a person completes and submits it, and `crakit report sent` records
 * the filing. The fields are exactly what Art. 14 names for each stage (cra-regulation.md §6):
 *
 *   vulnerability early warning 14(2)(a)   Member States where the product is made available
 *                                          (where applicable)
 *   vulnerability notification  14(2)(b)   general information on the product (as available);
 *                                          general nature of the exploit and of the
 *                                          vulnerability; corrective or mitigating measures
 *                                          taken; measures users can take; how sensitive the
 *                                          information is (where applicable)
 *   vulnerability final report  14(2)(c)   (i) description incl. severity and impact; (ii)
 *                                          malicious actor (where available); (iii) details of
 *                                          the security update or other corrective measures
 *   incident early warning      14(4)(a)   whether suspected to be caused by unlawful or
 *                                          malicious acts; Member States (where applicable)
 *   incident notification       14(4)(b)   nature of the incident (where available); initial
 *                                          assessment; measures taken; measures users can take;
 *                                          sensitivity (where applicable)
 *   incident final report       14(4)(c)   (i) detailed description incl. severity and impact;
 *                                          (ii) type of threat or root cause; (iii) applied and
 *                                          ongoing mitigation measures
 *   intermediate report         14(6)      relevant status updates
 *   user notice                 14(8)      the vulnerability or incident; where necessary, risk
 *                                          mitigation and corrective measures users can deploy
 *
 * Three levels: "mandatory" (a value is required), "conditional" (the article asks for it
 * "where applicable", "where available" or "as available": an answer is required, and an
 * empty list or a sentence saying it does not apply counts), "optional" (never required: the
 * vulnerability id, sensitivity at the early warning, which Art. 16(2) refers to). No field
 * the article does not name is required: an early warning about a vulnerability has no
 * "suspected malicious" question (that is 14(4)(a), incidents only).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/report.h"
#include "crakit/store.h"
#include "cra/report_fields.h"
#include "base/banned.h"

#define V(stage) (1u << (stage))
#define I(stage) (1u << ((stage) + 8))
#define EW CRK_STAGE_EARLY_WARNING
#define NT CRK_STAGE_NOTIFICATION
#define IR CRK_STAGE_INTERMEDIATE
#define FR CRK_STAGE_FINAL
#define UN CRK_STAGE_USER_NOTICE

/* One row per field and article; a key may have several rows (other stages, other levels). */
static const struct crk_report_field fields[] = {
	{"product", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(EW) | V(NT) | V(FR) | V(IR) | V(UN),
	 "Art. 14(1)", "The product with digital elements concerned",
	 "name (and version) of the product the vulnerability is in"},
	{"product", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(EW) | I(NT) | I(FR) | I(IR) | I(UN),
	 "Art. 14(3)", "The product with digital elements concerned",
	 "name (and version) of the product the incident has an impact on"},
	{"vulnerability_id", CRK_FIELD_TEXT, CRK_NEED_OPTIONAL, V(EW) | V(NT) | V(FR) | V(IR) | V(UN),
	 "Art. 14(1)", "Vulnerability identifier (CVE, GHSA, EUVD)",
	 "not required by the article; helps the CSIRT"},
	{"suspected_malicious", CRK_FIELD_BOOL, CRK_NEED_MANDATORY, I(EW), "Art. 14(4)(a)",
	 "Whether the incident is suspected of being caused by unlawful or malicious acts",
	 "true or false"},
	{"member_states", CRK_FIELD_LIST, CRK_NEED_CONDITIONAL, V(EW) | I(EW), "",
	 "Member States where the manufacturer knows the product has been made available",
	 "where applicable: ISO codes, e.g. [\"DE\", \"FR\"]; [] when none is known"},
	{"product_information", CRK_FIELD_TEXT, CRK_NEED_CONDITIONAL, V(NT), "Art. 14(2)(b)",
	 "General information about the product concerned", "as available"},
	{"nature_of_exploit", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(NT), "Art. 14(2)(b)",
	 "General nature of the exploit", "how the vulnerability is being exploited"},
	{"nature_of_vulnerability", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(NT), "Art. 14(2)(b)",
	 "General nature of the vulnerability", "what the weakness is"},
	{"nature_of_incident", CRK_FIELD_TEXT, CRK_NEED_CONDITIONAL, I(NT), "Art. 14(4)(b)",
	 "General information about the nature of the incident", "where available"},
	{"initial_assessment", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(NT), "Art. 14(4)(b)",
	 "Initial assessment of the incident", "what is known so far of its scope and effects"},
	{"measures_taken", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(NT) | I(NT), "",
	 "Corrective or mitigating measures taken", "what the manufacturer has done; say so if none yet"},
	{"user_measures", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(NT) | I(NT), "",
	 "Corrective or mitigating measures that users can take", "say so if there are none yet"},
	{"sensitivity", CRK_FIELD_TEXT, CRK_NEED_CONDITIONAL, V(NT) | I(NT), "",
	 "How sensitive the manufacturer considers the notified information",
	 "where applicable, e.g. \"TLP:AMBER\" or \"not sensitive\""},
	{"sensitivity", CRK_FIELD_TEXT, CRK_NEED_OPTIONAL, V(EW) | I(EW), "Art. 16(2)",
	 "How sensitive the manufacturer considers the notified information",
	 "optional here; Art. 16(2) lets the CSIRT delay dissemination on that ground"},
	{"description", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(FR), "Art. 14(2)(c)(i)",
	 "Description of the vulnerability", "including its severity and impact (below)"},
	{"description", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(FR), "Art. 14(4)(c)(i)",
	 "Detailed description of the incident", "including its severity and impact (below)"},
	{"severity", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(FR), "Art. 14(2)(c)(i)", "Severity",
	 "e.g. a CVSS vector and score"},
	{"severity", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(FR), "Art. 14(4)(c)(i)", "Severity", ""},
	{"impact", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(FR), "Art. 14(2)(c)(i)", "Impact", ""},
	{"impact", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(FR), "Art. 14(4)(c)(i)", "Impact", ""},
	{"malicious_actor", CRK_FIELD_TEXT, CRK_NEED_CONDITIONAL, V(FR), "Art. 14(2)(c)(ii)",
	 "Information concerning any malicious actor that exploited or is exploiting it",
	 "where available; say \"not available\" otherwise"},
	{"security_update", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(FR), "Art. 14(2)(c)(iii)",
	 "Details about the security update or other corrective measures made available",
	 "version, where to get it, what it changes"},
	{"root_cause", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(FR), "Art. 14(4)(c)(ii)",
	 "Type of threat or root cause likely to have triggered the incident", ""},
	{"mitigation_measures", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, I(FR), "Art. 14(4)(c)(iii)",
	 "Applied and ongoing mitigation measures", ""},
	{"status_update", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(IR) | I(IR), "Art. 14(6)",
	 "Relevant status updates", "what changed since the notification"},
	{"summary", CRK_FIELD_TEXT, CRK_NEED_MANDATORY, V(UN) | I(UN), "Art. 14(8)",
	 "The actively exploited vulnerability or severe incident, for users", ""},
	{"impact", CRK_FIELD_TEXT, CRK_NEED_OPTIONAL, V(UN) | I(UN), "Art. 14(8)",
	 "Impact on users", "what users are exposed to"},
	{"user_measures", CRK_FIELD_TEXT, CRK_NEED_CONDITIONAL, V(UN) | I(UN), "Art. 14(8)",
	 "Risk mitigation and corrective measures users can deploy", "where necessary"},
	{"audience", CRK_FIELD_TEXT, CRK_NEED_OPTIONAL, V(UN) | I(UN), "Art. 14(8)",
	 "Who is informed", "the impacted users, and where appropriate all users"},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

size_t crk_report_fields(const struct crk_report_field **out, enum crk_report_kind kind,
			 enum crk_report_stage stage, size_t max)
{
	unsigned bit = kind == CRK_REPORT_INCIDENT ? I(stage) : V(stage);
	size_t i, n = 0;
	for (i = 0; i < NFIELDS; i++)
		if (fields[i].stages & bit) {
			if (n < max)
				out[n] = &fields[i];
			n++;
		}
	return n;
}

const char *crk_report_field_article(const struct crk_report_field *f, enum crk_report_kind kind,
				     enum crk_report_stage stage)
{
	return f->article[0] ? f->article : crk_report_stage_article(kind, stage);
}

const char *crk_report_need_name(enum crk_field_need n)
{
	return n == CRK_NEED_MANDATORY ? "mandatory"
	       : n == CRK_NEED_CONDITIONAL ? "conditional"
					   : "optional";
}

/* ---- what the store knows ---- */

static char *store_text(struct crk_store *s, const char *sql, const char *arg, int col)
{
	struct crk_stmt *st;
	char *r = NULL;
	size_t n;
	const char *t;
	if (!s || !arg || crk_store_prepare(s, &st, sql, NULL) != CRK_OK)
		return NULL;
	crk_stmt_bind_text(st, 1, arg, (size_t)-1);
	crk_stmt_bind_text(st, 2, arg, (size_t)-1);
	if (crk_stmt_step(st, NULL) == 1 && (t = crk_stmt_text(st, col, &n)) && n)
		r = crk_strndup(t, n);
	crk_stmt_reset(st);
	return r;
}

/* Up to 20 rows of a query with one text parameter (bound twice), the columns of each row
 * joined by " ", rows by "; " (NULL when none). */
static char *store_rows(struct crk_store *s, const char *sql, const char *arg)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	struct crk_stmt *st;
	int rows = 0, c, nc;
	char *r = NULL;
	if (!s || !arg || crk_store_prepare(s, &st, sql, NULL) != CRK_OK)
		return NULL;
	crk_stmt_bind_text(st, 1, arg, (size_t)-1);
	crk_stmt_bind_text(st, 2, arg, (size_t)-1);
	while (rows < 20 && crk_stmt_step(st, NULL) == 1) {
		nc = crk_stmt_columns(st);
		crk_strbuf_adds(&sb, rows++ ? "; " : "");
		for (c = 0; c < nc; c++) {
			size_t n;
			const char *t = crk_stmt_text(st, c, &n);
			if (t && n)
				crk_strbuf_addf(&sb, "%s%.*s", c ? " " : "", (int)n, t);
		}
	}
	crk_stmt_reset(st);
	if (rows && crk_strbuf_ok(&sb))
		r = crk_strbuf_detach(&sb, NULL);
	crk_strbuf_release(&sb);
	return r;
}

struct prefill {
	char *adv_summary, *adv_severity, *kev_desc, *kev_date, *kev_name;
	char *vex_status, *vex_detail, *releases;
};

static void prefill_load(struct prefill *p, struct crk_store *s, const char *cve)
{
	static const char adv_sql[] =
		"SELECT summary, severity FROM advisory WHERE id = ?1 OR grp = "
		"(SELECT grp FROM alias WHERE id = ?2) ORDER BY (id = ?1) DESC, id LIMIT 1";
	static const char kev_sql[] = "SELECT description, date_added, name FROM kev WHERE cve = ?1 "
				      "OR cve = ?2";
	static const char vex_sql[] =
		"SELECT status, subject || coalesce(' (' || justification || ')', '') FROM "
		"vex_statement WHERE vuln = ?1 COLLATE NOCASE OR instr(char(10) || aliases || "
		"char(10), char(10) || ?2 || char(10)) > 0 ORDER BY created DESC, id DESC LIMIT 1";
	static const char rel_sql[] =
		"SELECT DISTINCT p.name, r.version FROM release_finding f JOIN release r ON r.id = "
		"f.release_id JOIN product p ON p.id = r.product_id WHERE f.vuln = ?1 COLLATE NOCASE "
		"OR instr(char(10) || f.ids || char(10), char(10) || ?2 || char(10)) > 0 ORDER BY "
		"p.name, r.id";
	memset(p, 0, sizeof(*p));
	if (!cve || !*cve)
		return;
	p->adv_summary = store_text(s, adv_sql, cve, 0);
	p->adv_severity = store_text(s, adv_sql, cve, 1);
	p->kev_desc = store_text(s, kev_sql, cve, 0);
	p->kev_date = store_text(s, kev_sql, cve, 1);
	p->kev_name = store_text(s, kev_sql, cve, 2);
	/* the newest triage decision (VEX) about it, and the recorded releases it was found in */
	p->vex_status = store_text(s, vex_sql, cve, 0);
	p->vex_detail = store_text(s, vex_sql, cve, 1);
	p->releases = store_rows(s, rel_sql, cve);
	if (p->adv_severity) { /* "type\tvector" lines -> "type vector; ..." */
		char *c;
		for (c = p->adv_severity; *c; c++)
			if (*c == '\t')
				*c = ' ';
			else if (*c == '\n')
				*c = ';';
	}
}

static void prefill_release(struct prefill *p)
{
	crk_free(p->adv_summary);
	crk_free(p->adv_severity);
	crk_free(p->kev_desc);
	crk_free(p->kev_date);
	crk_free(p->kev_name);
	crk_free(p->vex_status);
	crk_free(p->vex_detail);
	crk_free(p->releases);
}

/* The pre-filled value of a field and where it comes from (NULL: none). *own is heap text. */
static const char *prefill_value(const struct crk_report_field *f, const struct crk_report_case *c,
				 const struct crk_report_context *ctx, const struct prefill *p,
				 char **own, const char **source)
{
	*own = NULL;
	*source = NULL;
	if (!strcmp(f->key, "product")) {
		*source = c->product ? "case" : "cra.yaml";
		return c->product ? c->product : ctx->product;
	}
	if (!strcmp(f->key, "vulnerability_id")) {
		*source = "case";
		return c->cve;
	}
	if (!strcmp(f->key, "product_information") && ctx->product) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
		crk_strbuf_adds(&sb, ctx->product);
		if (ctx->product_type)
			crk_strbuf_addf(&sb, " (%s)", ctx->product_type);
		if (ctx->versions)
			crk_strbuf_addf(&sb, ", versions %s", ctx->versions);
		if (ctx->product_description)
			crk_strbuf_addf(&sb, ": %s", ctx->product_description);
		if (p->releases)
			crk_strbuf_addf(&sb, "; recorded releases with the vulnerability: %s",
					p->releases);
		*source = p->releases ? "cra.yaml and store: releases" : "cra.yaml";
		*own = crk_strbuf_ok(&sb) ? crk_strbuf_detach(&sb, NULL) : NULL;
		crk_strbuf_release(&sb);
		return *own;
	}
	if (!strcmp(f->key, "nature_of_vulnerability") && (p->adv_summary || p->kev_desc)) {
		*source = p->adv_summary ? "store: advisory summary" : "store: KEV description";
		return p->adv_summary ? p->adv_summary : p->kev_desc;
	}
	if (!strcmp(f->key, "severity") && c->kind == CRK_REPORT_VULNERABILITY && p->adv_severity) {
		*source = "store: advisory severity";
		return p->adv_severity;
	}
	return NULL;
}

/* ---- the previous payload's answers ---- */

static json_t *field_value(json_t *doc, const char *key)
{
	json_t *arr = json_object_get(doc, "fields"), *e;
	size_t i;
	json_array_foreach(arr, i, e)
	{
		const char *name = json_string_value(json_object_get(e, "name"));
		if (name && !strcmp(name, key))
			return json_object_get(e, "value");
	}
	return NULL;
}

static int answered(const struct crk_report_field *f, json_t *v)
{
	if (!v || json_is_null(v))
		return 0;
	switch (f->type) {
	case CRK_FIELD_BOOL:
		return json_is_boolean(v);
	case CRK_FIELD_LIST:
		if (!json_is_array(v))
			return 0;
		return f->need == CRK_NEED_MANDATORY ? json_array_size(v) > 0 : 1;
	case CRK_FIELD_TEXT:
	default: {
		const char *s = json_string_value(v);
		if (!s)
			return 0;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		return *s != '\0';
	}
	}
}

static int type_ok(const struct crk_report_field *f, json_t *v)
{
	if (!v || json_is_null(v))
		return 1;
	switch (f->type) {
	case CRK_FIELD_BOOL:
		return json_is_boolean(v);
	case CRK_FIELD_LIST: {
		size_t i;
		json_t *e;
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, e)
		{
			if (!json_is_string(e))
				return 0;
		}
		return 1;
	}
	case CRK_FIELD_TEXT:
	default:
		return json_is_string(v);
	}
}

static const char *type_name(enum crk_field_type t)
{
	return t == CRK_FIELD_BOOL ? "boolean" : t == CRK_FIELD_LIST ? "list" : "text";
}

/* ---- drafting ---- */

static void fmt_ms_time(char buf[CRK_TIME_BUF], int64_t t, const struct crk_member_state *ms)
{
	if (t == CRK_TIME_NONE)
		snprintf(buf, CRK_TIME_BUF, "-");
	else
		crk_time_format_offset(buf, t, crk_member_state_offset(ms, t));
}

static json_t *jtime(int64_t t)
{
	char buf[CRK_TIME_BUF];
	if (t == CRK_TIME_NONE)
		return json_null();
	crk_time_format_utc(buf, t);
	return json_string(buf);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static char *dump(json_t *doc, size_t *len)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER), *r = NULL;
	size_t n;
	if (!s)
		return NULL;
	n = strlen(s);
	r = crk_malloc(n + 2);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\n';
		r[n + 1] = '\0';
		if (len)
			*len = n + 1;
	}
	free(s);
	return r;
}

static const char *const stage_titles[CRK_STAGE_COUNT] = {
	"Early warning", "Notification", "Intermediate report", "Final report", "Notice to users",
};

int crk_report_draft(char **json, size_t *jlen, char **md, size_t *mlen, struct crk_store *s,
		     const struct crk_report_case *c, enum crk_report_stage stage,
		     const struct crk_report_context *ctx, const char *previous, size_t prevlen,
		     int64_t now, struct crk_err *err)
{
	const struct crk_report_field *fl[32];
	const struct crk_member_state *ms = crk_report_case_ms(c);
	struct crk_report_due due;
	struct prefill p;
	struct crk_strbuf m = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	json_t *doc = NULL, *prev = NULL, *arr, *missing, *o;
	size_t nf, i;
	char t1[CRK_TIME_BUF], t2[CRK_TIME_BUF];
	int rc = CRK_OK;
	static const struct crk_report_context noctx;

	*json = *md = NULL;
	if (!ctx)
		ctx = &noctx;
	nf = crk_report_fields(fl, c->kind, stage, 32);
	if (previous && prevlen) {
		json_error_t je;
		prev = json_loadb(previous, prevlen, JSON_REJECT_DUPLICATES, &je);
		/* an unreadable earlier draft is replaced (the caller validated it already) */
	}
	prefill_load(&p, s, c->cve);
	crk_report_due_compute(&due, c->kind, stage, &c->anchors, ms);

	doc = json_object();
	arr = json_array();
	missing = json_array();
	if (!doc || !arr || !missing) {
		json_decref(arr);
		json_decref(missing);
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	json_object_set_new(doc, "crakit_report", json_integer(1));
	json_object_set_new(doc, "case", json_integer(c->id));
	json_object_set_new(doc, "kind", json_string(crk_report_kind_name(c->kind)));
	json_object_set_new(doc, "stage", json_string(crk_report_stage_name(stage)));
	json_object_set_new(doc, "article", json_string(crk_report_stage_article(c->kind, stage)));
	json_object_set_new(doc, "drafted_at", jtime(now));
	json_object_set_new(doc, "aware_at", jtime(c->anchors.aware_at));
	o = json_object();
	json_object_set_new(o, "rule", json_string(due.rule));
	json_object_set_new(o, "target", due.has_due ? jtime(due.d.target) : json_null());
	json_object_set_new(o, "legal", due.has_due ? jtime(due.d.legal) : json_null());
	json_object_set_new(o, "waiting_for", jstr(due.waiting));
	json_object_set_new(doc, "due", o);
	o = json_object();
	json_object_set_new(o, "member_state", jstr(c->member_state));
	json_object_set_new(o, "name", jstr(c->csirt));
	json_object_set_new(o, "basis", jstr(c->route_basis));
	json_object_set_new(doc, "csirt", o);
	o = json_object();
	json_object_set_new(o, "name", jstr(c->manufacturer ? c->manufacturer : ctx->manufacturer));
	json_object_set_new(o, "member_state", jstr(ctx->manufacturer_country));
	json_object_set_new(o, "contact", jstr(ctx->contact ? ctx->contact
							   : ctx->manufacturer_email));
	json_object_set_new(doc, "manufacturer", o);
	o = json_object();
	json_object_set_new(o, "cve", jstr(c->cve));
	json_object_set_new(o, "finding", jstr(c->finding));
	json_object_set_new(o, "fix_available_at", jtime(c->anchors.fix_available_at));
	if (p.kev_date) {
		json_t *k = json_object();
		json_object_set_new(k, "date_added", json_string(p.kev_date));
		json_object_set_new(k, "name", jstr(p.kev_name));
		json_object_set_new(k, "description", jstr(p.kev_desc));
		json_object_set_new(o, "kev", k);
	} else {
		json_object_set_new(o, "kev", json_null());
	}
	if (p.vex_status) {
		json_t *v = json_object();
		json_object_set_new(v, "status", json_string(p.vex_status));
		json_object_set_new(v, "detail", jstr(p.vex_detail));
		json_object_set_new(o, "vex", v);
	} else {
		json_object_set_new(o, "vex", json_null());
	}
	json_object_set_new(o, "affected_releases", jstr(p.releases));
	json_object_set_new(doc, "evidence", o);

	/* Markdown header */
	crk_strbuf_addf(&m, "# %s: %s (%s)\n\n", stage_titles[stage],
			c->kind == CRK_REPORT_INCIDENT ? "severe incident"
						       : "actively exploited vulnerability",
			crk_report_stage_article(c->kind, stage));
	crk_strbuf_addf(&m, "Case %lld", (long long)c->id);
	if (c->product)
		crk_strbuf_addf(&m, " · product %s", c->product);
	if (c->cve)
		crk_strbuf_addf(&m, " · %s", c->cve);
	crk_strbuf_adds(&m, "\n\n");
	fmt_ms_time(t1, c->anchors.aware_at, ms);
	crk_strbuf_addf(&m, "- Aware at: %s\n", t1);
	if (due.has_due) {
		fmt_ms_time(t1, due.d.target, ms);
		fmt_ms_time(t2, due.d.legal, ms);
		crk_strbuf_addf(&m, "- Due: %s (target, %s); legal end %s (Regulation 1182/71)\n",
				t1, due.rule, t2);
	} else if (due.waiting) {
		crk_strbuf_addf(&m, "- Due: not yet: waiting for %s; %s\n", due.waiting, due.rule);
	} else {
		crk_strbuf_addf(&m, "- Due: %s\n", due.rule);
	}
	if (c->csirt)
		crk_strbuf_addf(&m, "- To: %s, CSIRT designated as coordinator of %s (%s), through "
				    "ENISA's single reporting platform (Art. 16)\n",
				c->csirt, c->member_state, c->route_basis ? c->route_basis : "");
	else
		crk_strbuf_adds(&m, "- To: not routed yet (crakit report route ID --member-state MS)\n");
	if (p.kev_date)
		crk_strbuf_addf(&m, "- Evidence: listed in CISA KEV since %s\n", p.kev_date);
	if (p.releases)
		crk_strbuf_addf(&m, "- Recorded releases with it: %s\n", p.releases);
	if (p.vex_status)
		crk_strbuf_addf(&m, "- Newest triage decision (VEX): %s, %s\n", p.vex_status,
				p.vex_detail ? p.vex_detail : "");
	if (p.vex_status && !strcmp(p.vex_status, "not_affected"))
		crk_strbuf_adds(&m, "\n**Check**: a VEX decision says not_affected. A vulnerability "
				    "that cannot be exploited in this product is not reportable for it "
				    "(Commission FAQ 5.4); tell the component's maintainer (Art. 13(6)).\n");
	crk_strbuf_adds(&m, "\n## Fields\n\n");

	for (i = 0; i < nf && i < 32; i++) {
		const struct crk_report_field *f = fl[i];
		json_t *e = json_object(), *pv = prev ? field_value(prev, f->key) : NULL, *val;
		const char *source = NULL, *pre;
		char *own = NULL;
		if (!e) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		if (pv && !json_is_null(pv) && type_ok(f, pv)) {
			val = json_deep_copy(pv);
			source = "edited";
		} else {
			pre = prefill_value(f, c, ctx, &p, &own, &source);
			val = pre ? json_string(pre) : json_null();
			if (!pre)
				source = NULL;
		}
		crk_free(own);
		json_object_set_new(e, "name", json_string(f->key));
		json_object_set_new(e, "label", json_string(f->label));
		json_object_set_new(e, "article",
				    json_string(crk_report_field_article(f, c->kind, stage)));
		json_object_set_new(e, "need", json_string(crk_report_need_name(f->need)));
		json_object_set_new(e, "type", json_string(type_name(f->type)));
		json_object_set_new(e, "help", json_string(f->help));
		json_object_set_new(e, "source", jstr(source));
		json_object_set_new(e, "value", val ? val : json_null());
		json_array_append_new(arr, e);
		crk_strbuf_addf(&m, "### %s\n\n%s, %s%s%s\n\n", f->label,
				crk_report_field_article(f, c->kind, stage),
				crk_report_need_name(f->need), f->help[0] ? ": " : "", f->help);
		if (answered(f, val)) {
			if (json_is_string(val))
				crk_strbuf_addf(&m, "> %s\n", json_string_value(val));
			else if (json_is_boolean(val))
				crk_strbuf_addf(&m, "> %s\n", json_is_true(val) ? "yes" : "no");
			else {
				size_t k;
				json_t *x;
				crk_strbuf_adds(&m, "> ");
				json_array_foreach(val, k, x)
					crk_strbuf_addf(&m, "%s%s", k ? ", " : "", json_string_value(x));
				if (!json_array_size(val))
					crk_strbuf_adds(&m, "(none known)");
				crk_strbuf_addch(&m, '\n');
			}
			if (source && strcmp(source, "edited") != 0)
				crk_strbuf_addf(&m, "\n(pre-filled from %s: check it)\n", source);
			crk_strbuf_addch(&m, '\n');
		} else if (f->need != CRK_NEED_OPTIONAL) {
			json_array_append_new(missing, json_string(f->key));
			crk_strbuf_adds(&m, "**MISSING**: a person must answer this.\n\n");
		} else {
			crk_strbuf_adds(&m, "(not given)\n\n");
		}
	}
	json_object_set_new(doc, "fields", arr);
	if (json_array_size(missing)) {
		size_t k;
		json_t *x;
		crk_strbuf_addf(&m, "## Missing (%zu)\n\n", json_array_size(missing));
		json_array_foreach(missing, k, x)
			crk_strbuf_addf(&m, "- `%s`\n", json_string_value(x));
		crk_strbuf_adds(&m, "\nFill in `value` for each in the JSON file, then run `crakit report "
				    "validate`.\n\n");
	}
	json_object_set_new(doc, "missing", missing);
	crk_strbuf_addf(&m, "## Submit\n\nSubmit through ENISA's single reporting platform, then "
			    "record it:\n\n    crakit report sent %s --case %lld --at TIME --receipt "
			    "REFERENCE\n",
			crk_report_stage_name(stage), (long long)c->id);
	if (rc)
		goto out;
	*json = dump(doc, jlen);
	if (!*json || !crk_strbuf_ok(&m)) {
		crk_free(*json);
		*json = NULL;
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	*md = crk_strbuf_detach(&m, mlen);
	if (!*md) {
		crk_free(*json);
		*json = NULL;
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
out:
	crk_strbuf_release(&m);
	prefill_release(&p);
	json_decref(doc);
	json_decref(prev);
	return rc;
}

/* ---- reading a payload back ---- */

int crk_report_payload_parse(void **out, const char *json, size_t len, const char *path,
			     struct crk_err *err)
{
	json_error_t je;
	json_t *doc;
	*out = NULL;
	if (len > CRK_REPORT_MAX_PAYLOAD)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0,
				   "the payload is %zu bytes, more than the %u MiB a report may have",
				   len, (unsigned)(CRK_REPORT_MAX_PAYLOAD >> 20));
	doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return crk_err_set(err, CRK_EPARSE, path, (unsigned)(je.line > 0 ? je.line : 0),
				   (unsigned)(je.column > 0 ? je.column : 0), "%s", je.text);
	if (!json_is_object(doc) || json_integer_value(json_object_get(doc, "crakit_report")) != 1 ||
	    crk_report_kind_parse(json_string_value(json_object_get(doc, "kind"))) < 0 ||
	    crk_report_stage_parse(json_string_value(json_object_get(doc, "stage"))) < 0 ||
	    !json_is_array(json_object_get(doc, "fields"))) {
		json_decref(doc);
		crk_err_set(err, CRK_EPARSE, path, 1, 1,
			    "not a crakit report payload (crakit_report 1, kind, stage, fields)");
		crk_err_hint(err, "write one with 'crakit report draft STAGE'");
		return CRK_EPARSE;
	}
	*out = doc;
	return CRK_OK;
}

void crk_report_payload_free(void *doc)
{
	json_decref(doc);
}

const char *crk_report_payload_text(void *doc, const char *key)
{
	return json_string_value(field_value(doc, key));
}

int crk_report_validate(struct crk_report_missing **missing, size_t *nmissing, int *stage_out,
			const char *json, size_t len, const char *path, struct crk_err *err)
{
	const struct crk_report_field *fl[32];
	struct crk_report_missing *v = NULL;
	void *pd;
	json_t *doc;
	size_t nf, i, k = 0, alloc = 0;
	int kind, stage, rc;
	*missing = NULL;
	*nmissing = 0;
	rc = crk_report_payload_parse(&pd, json, len, path, err);
	if (rc)
		return rc;
	doc = pd;
	kind = crk_report_kind_parse(json_string_value(json_object_get(doc, "kind")));
	stage = crk_report_stage_parse(json_string_value(json_object_get(doc, "stage")));
	if (stage_out)
		*stage_out = stage;
	nf = crk_report_fields(fl, (enum crk_report_kind)kind, (enum crk_report_stage)stage, 32);
	for (i = 0; i < nf && i < 32; i++) {
		json_t *val = field_value(doc, fl[i]->key);
		if (!type_ok(fl[i], val)) {
			rc = crk_err_set(err, CRK_EPARSE, path, 0, 0,
					 "field '%s': the value must be %s%s", fl[i]->key,
					 fl[i]->type == CRK_FIELD_LIST ? "a list of strings"
					 : fl[i]->type == CRK_FIELD_BOOL ? "true or false"
									 : "a string",
					 " or null");
			break;
		}
		if (fl[i]->need == CRK_NEED_OPTIONAL || answered(fl[i], val))
			continue;
		if (CRK_GROW(v, alloc, k + 1)) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		snprintf(v[k].field, sizeof(v[k].field), "%s", fl[i]->key);
		snprintf(v[k].article, sizeof(v[k].article), "%s",
			 crk_report_field_article(fl[i], (enum crk_report_kind)kind,
						  (enum crk_report_stage)stage));
		snprintf(v[k].label, sizeof(v[k].label), "%s", fl[i]->label);
		k++;
	}
	json_decref(doc);
	if (rc) {
		crk_free(v);
		return rc;
	}
	*missing = v;
	*nmissing = k;
	return CRK_OK;
}
