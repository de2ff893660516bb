/*
 * report.c - Article 14 cases in the store (include/crakit/report.h; tables in
 * src/store/sql/sqlite/0030-report.sql): open a case, record what happens to it, read it back,
 * and the timeline every record enters.
 *
 * The awareness time is the one fact that must never be lost: the 24-hour clock of Art.
 * 14(2)(a)/14(4)(a) runs from it. crk_report_case_open() writes it in a transaction of its own
 * and commits before the caller does anything that can fail (reading cra.yaml, routing,
 * drafting). Every record goes into report_event, the case's timeline (append-only: its triggers
 * refuse UPDATE and DELETE), and into the store's hash-chained audit log (action "report.*",
 * subject "report case N"; a payload sent is stored as a document the entry names), in the same
 * transaction.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "base/limits.h"
#include "crakit/release.h"
#include "crakit/report.h"
#include "crakit/store.h"
#include "base/banned.h"

/* Adds an event to the case's timeline and to the store's audit log (src/cra/audit.c,
 * include/crakit/release.h: hash-chained, append-only), inside the caller's transaction so both
 * or neither are written. A payload, when given, is stored as a document the entry names. */
static int add_event_doc(struct crk_store *s, int64_t id, int64_t at, int64_t now,
			 const char *what, const char *detail, const char *payload,
			 struct crk_err *err)
{
	struct crk_stmt *st;
	struct crk_strbuf j = CRK_STRBUF_INIT(CRK_MAX_STRING);
	char subject[48], action[64], t[CRK_TIME_BUF], sha[65];
	int rc = crk_store_prepare(s, &st,
				   "INSERT INTO report_event(case_id, at, recorded_at, what, detail) "
				   "VALUES (?, ?, ?, ?, ?)",
				   err);
	if (rc)
		return rc;
	crk_stmt_bind_int64(st, 1, id);
	crk_stmt_bind_int64(st, 2, at);
	crk_stmt_bind_int64(st, 3, now);
	crk_stmt_bind_text(st, 4, what, (size_t)-1);
	crk_stmt_bind_text(st, 5, detail ? detail : "", (size_t)-1);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc < 0)
		return rc;
	if (payload) {
		rc = crk_doc_put(s, "application/json", payload, strlen(payload), sha, err);
		if (rc)
			return rc;
	}
	snprintf(subject, sizeof(subject), "report case %lld", (long long)id);
	snprintf(action, sizeof(action), "report.%s", what);
	crk_time_format_utc(t, at);
	crk_strbuf_addf(&j, "{\"case\":%lld,\"at\":\"%s\",\"detail\":", (long long)id, t);
	crk_strbuf_add_json_quoted(&j, detail ? detail : "");
	crk_strbuf_addch(&j, '}');
	if (!crk_strbuf_ok(&j)) {
		crk_strbuf_release(&j);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	rc = crk_audit_append(s, now, crk_audit_actor(NULL), action, subject, j.buf,
			      payload ? sha : NULL, NULL, NULL, err);
	crk_strbuf_release(&j);
	return rc;
}

static int add_event(struct crk_store *s, int64_t id, int64_t at, int64_t now, const char *what,
		     const char *detail, struct crk_err *err)
{
	return add_event_doc(s, id, at, now, what, detail, NULL, err);
}

/* Runs one statement with int64/text parameters ("i" or "t" per parameter). */
static int run(struct crk_store *s, const char *sql, const char *types, struct crk_err *err, ...)
{
	struct crk_stmt *st;
	va_list ap;
	int rc = crk_store_prepare(s, &st, sql, err), i;
	if (rc)
		return rc;
	va_start(ap, err);
	for (i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			int64_t v = va_arg(ap, int64_t);
			if (v == CRK_TIME_NONE)
				crk_stmt_bind_null(st, i + 1);
			else
				crk_stmt_bind_int64(st, i + 1, v);
		} else {
			crk_stmt_bind_text(st, i + 1, va_arg(ap, const char *), (size_t)-1);
		}
	}
	va_end(ap);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

static int exists(struct crk_store *s, int64_t id, struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(s, &st, "SELECT 1 FROM report_case WHERE id = ?", err);
	if (rc)
		return rc;
	crk_stmt_bind_int64(st, 1, id);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0, "there is no report case %lld",
			    (long long)id);
		crk_err_hint(err, "'crakit report due' lists the open cases");
		return CRK_ENOTFOUND;
	}
	return CRK_OK;
}

/* begin; body; commit - or rollback on failure. */
#define TXN(s, err, body)                                                                        \
	do {                                                                                     \
		int rc_ = crk_store_begin((s), (err));                                           \
		if (rc_)                                                                         \
			return rc_;                                                              \
		rc_ = (body);                                                                    \
		if (rc_ == CRK_OK)                                                               \
			rc_ = crk_store_commit((s), (err));                                      \
		if (rc_ != CRK_OK)                                                               \
			crk_store_rollback((s), NULL);                                           \
		return rc_;                                                                      \
	} while (0)

int crk_report_case_open(int64_t *id, struct crk_store *s, enum crk_report_kind kind,
			 int64_t aware_at, const char *aware_text, int64_t now, struct crk_err *err)
{
	char detail[CRK_TIME_BUF + 64];
	int rc;
	*id = 0;
	/* 1. the case row with the awareness time, alone */
	rc = crk_store_begin(s, err);
	if (rc)
		return rc;
	rc = run(s, "INSERT INTO report_case(kind, aware_at, aware_text, opened_at) VALUES "
		    "(?, ?, ?, ?)",
		 "titi", err, crk_report_kind_name(kind), aware_at, aware_text, now);
	if (rc == CRK_OK)
		*id = crk_store_last_insert_id(s);
	if (rc == CRK_OK)
		rc = crk_store_commit(s, err);
	if (rc != CRK_OK) {
		crk_store_rollback(s, NULL);
		*id = 0;
		return rc;
	}
	/* 2. then its timeline and audit entries */
	snprintf(detail, sizeof(detail), "%s; aware at %s", crk_report_kind_name(kind), aware_text);
	TXN(s, err, add_event(s, *id, aware_at, now, "opened", detail, err));
}

static int case_set(struct crk_store *s, int64_t id, const struct crk_report_case_info *in,
		    int64_t now, struct crk_err *err)
{
	static const char *const cols[] = {"product", "cve", "finding", "manufacturer"};
	const char *vals[4];
	struct crk_strbuf d = CRK_STRBUF_INIT(4096);
	size_t i;
	int rc = exists(s, id, err);
	if (rc)
		return rc;
	vals[0] = in->product;
	vals[1] = in->cve;
	vals[2] = in->finding;
	vals[3] = in->manufacturer;
	for (i = 0; i < 4 && rc == CRK_OK; i++) {
		char sql[96];
		if (!vals[i])
			continue;
		snprintf(sql, sizeof(sql), "UPDATE report_case SET %s = ? WHERE id = ?", cols[i]);
		rc = run(s, sql, "ti", err, vals[i], id);
		crk_strbuf_addf(&d, "%s%s %s", d.len ? "; " : "", cols[i], vals[i]);
	}
	if (rc == CRK_OK && in->route && in->route->ms) {
		rc = run(s, "UPDATE report_case SET member_state = ?, csirt = ?, route_basis = ? "
			    "WHERE id = ?",
			 "ttti", err, in->route->ms->code,
			 in->route->csirt ? in->route->csirt->name : "", in->route->basis, id);
		crk_strbuf_addf(&d, "%sroute %s (%s), %s", d.len ? "; " : "", in->route->ms->code,
				in->route->csirt ? in->route->csirt->name : "?", in->route->basis);
	}
	if (rc == CRK_OK && d.len)
		rc = add_event(s, id, now, now, "set", crk_strbuf_ok(&d) ? d.buf : "(long)", err);
	crk_strbuf_release(&d);
	return rc;
}

int crk_report_case_set(struct crk_store *s, int64_t id, const struct crk_report_case_info *info,
			int64_t now, struct crk_err *err)
{
	TXN(s, err, case_set(s, id, info, now, err));
}

static int record_fix(struct crk_store *s, int64_t id, int64_t at, int64_t now,
		      struct crk_err *err)
{
	char t[CRK_TIME_BUF];
	int rc = exists(s, id, err);
	if (rc == CRK_OK)
		rc = run(s, "UPDATE report_case SET fix_available_at = ? WHERE id = ?", "ii", err,
			 at, id);
	crk_time_format_utc(t, at);
	if (rc == CRK_OK)
		rc = add_event(s, id, at, now, "fix-available", t, err);
	return rc;
}

int crk_report_record_fix(struct crk_store *s, int64_t id, int64_t at, int64_t now,
			  struct crk_err *err)
{
	TXN(s, err, record_fix(s, id, at, now, err));
}

static int record_request(struct crk_store *s, int64_t id, int64_t at, int64_t due, int64_t now,
			  struct crk_err *err)
{
	char t[CRK_TIME_BUF], d[CRK_TIME_BUF + 16];
	int rc = exists(s, id, err);
	if (rc == CRK_OK)
		rc = run(s, "UPDATE report_case SET intermediate_requested_at = ?, "
			    "intermediate_due_at = ? WHERE id = ?",
			 "iii", err, at, due, id);
	crk_time_format_utc(t, due);
	snprintf(d, sizeof(d), "due %s", due == CRK_TIME_NONE ? "not set" : t);
	if (rc == CRK_OK)
		rc = add_event(s, id, at, now, "csirt-request", d, err);
	return rc;
}

int crk_report_record_request(struct crk_store *s, int64_t id, int64_t at, int64_t due,
			      int64_t now, struct crk_err *err)
{
	TXN(s, err, record_request(s, id, at, due, now, err));
}

static int ensure_stage(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			struct crk_err *err)
{
	return run(s, "INSERT OR IGNORE INTO report_stage(case_id, stage) VALUES (?, ?)", "it", err,
		   id, crk_report_stage_name(stage));
}

static int record_sent(struct crk_store *s, int64_t id, enum crk_report_stage stage, int64_t at,
		       const char *receipt, const char *payload, const char *missing, int64_t now,
		       struct crk_err *err)
{
	struct crk_strbuf d = CRK_STRBUF_INIT(4096);
	int rc = exists(s, id, err);
	if (rc == CRK_OK)
		rc = ensure_stage(s, id, stage, err);
	if (rc == CRK_OK)
		rc = run(s, "UPDATE report_stage SET sent_at = ?, receipt = ?, incomplete = ?, "
			    "missing = ? WHERE case_id = ? AND stage = ?",
			 "ititit", err, at, receipt, (int64_t)(missing && *missing),
			 missing ? missing : "", id, crk_report_stage_name(stage));
	if (rc == CRK_OK && payload)
		rc = run(s, "UPDATE report_stage SET draft = ?, drafted_at = ? WHERE case_id = ? "
			    "AND stage = ?",
			 "tiit", err, payload, now, id, crk_report_stage_name(stage));
	crk_strbuf_adds(&d, crk_report_stage_name(stage));
	if (receipt && *receipt)
		crk_strbuf_addf(&d, "; receipt %s", receipt);
	if (missing && *missing)
		crk_strbuf_addf(&d, "; sent incomplete, missing %s", missing);
	if (rc == CRK_OK)
		rc = add_event_doc(s, id, at, now, "sent", crk_strbuf_ok(&d) ? d.buf : "(long)",
				   payload, err);
	crk_strbuf_release(&d);
	return rc;
}

int crk_report_record_sent(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			   int64_t at, const char *receipt, const char *payload,
			   const char *missing, int64_t now, struct crk_err *err)
{
	TXN(s, err, record_sent(s, id, stage, at, receipt, payload, missing, now, err));
}

static int record_draft(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			const char *payload, int64_t now, struct crk_err *err)
{
	int rc = exists(s, id, err);
	if (rc == CRK_OK)
		rc = ensure_stage(s, id, stage, err);
	if (rc == CRK_OK)
		rc = run(s, "UPDATE report_stage SET draft = ?, drafted_at = ? WHERE case_id = ? "
			    "AND stage = ?",
			 "tiit", err, payload, now, id, crk_report_stage_name(stage));
	if (rc == CRK_OK)
		rc = add_event_doc(s, id, now, now, "drafted", crk_report_stage_name(stage),
				   payload, err);
	return rc;
}

int crk_report_record_draft(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			    const char *payload, int64_t now, struct crk_err *err)
{
	TXN(s, err, record_draft(s, id, stage, payload, now, err));
}

static int case_close(struct crk_store *s, int64_t id, int64_t now, struct crk_err *err)
{
	int rc = exists(s, id, err);
	if (rc == CRK_OK)
		rc = run(s, "UPDATE report_case SET closed_at = ? WHERE id = ?", "ii", err, now, id);
	if (rc == CRK_OK)
		rc = add_event(s, id, now, now, "closed", "", err);
	return rc;
}

int crk_report_case_close(struct crk_store *s, int64_t id, int64_t now, struct crk_err *err)
{
	TXN(s, err, case_close(s, id, now, err));
}

static const char *col_dup(struct crk_arena *a, struct crk_stmt *st, int col, int *oom)
{
	size_t n;
	const char *t = crk_stmt_text(st, col, &n);
	char *r;
	if (!t)
		return NULL;
	r = crk_arena_strndup(a, t, n);
	if (!r)
		*oom = 1;
	return r;
}

static int64_t col_time(struct crk_stmt *st, int col)
{
	return crk_stmt_is_null(st, col) ? CRK_TIME_NONE : crk_stmt_int64(st, col);
}

void crk_report_case_free(struct crk_report_case *c)
{
	if (!c)
		return;
	if (c->priv_) {
		crk_arena_release(c->priv_);
		crk_free(c->priv_);
	}
	crk_free(c);
}

int crk_report_case_get(struct crk_report_case **out, struct crk_store *s, int64_t id,
			struct crk_err *err)
{
	struct crk_report_case *c;
	struct crk_arena *a;
	struct crk_stmt *st;
	int rc, oom = 0, i;
	*out = NULL;
	c = crk_calloc(1, sizeof(*c));
	a = crk_malloc(sizeof(*a));
	if (!c || !a) {
		crk_free(c);
		crk_free(a);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	crk_arena_init(a);
	c->priv_ = a;
	rc = crk_store_prepare(s, &st,
			       "SELECT kind, aware_at, aware_text, opened_at, closed_at, product, cve, "
			       "finding, manufacturer, member_state, csirt, route_basis, "
			       "fix_available_at, intermediate_requested_at, intermediate_due_at "
			       "FROM report_case WHERE id = ?",
			       err);
	if (rc)
		goto fail;
	crk_stmt_bind_int64(st, 1, id);
	rc = crk_stmt_step(st, err);
	if (rc <= 0) {
		crk_stmt_reset(st);
		if (rc == 0)
			rc = exists(s, id, err);
		if (rc == CRK_OK)
			rc = crk_err_set(err, CRK_EINTERNAL, NULL, 0, 0, "case %lld vanished",
					 (long long)id);
		goto fail;
	}
	c->id = id;
	c->kind = crk_report_kind_parse(crk_stmt_text(st, 0, NULL)) == CRK_REPORT_INCIDENT
			  ? CRK_REPORT_INCIDENT
			  : CRK_REPORT_VULNERABILITY;
	c->anchors.aware_at = crk_stmt_int64(st, 1);
	c->aware_text = col_dup(a, st, 2, &oom);
	c->opened_at = crk_stmt_int64(st, 3);
	c->closed_at = col_time(st, 4);
	c->product = col_dup(a, st, 5, &oom);
	c->cve = col_dup(a, st, 6, &oom);
	c->finding = col_dup(a, st, 7, &oom);
	c->manufacturer = col_dup(a, st, 8, &oom);
	c->member_state = col_dup(a, st, 9, &oom);
	c->csirt = col_dup(a, st, 10, &oom);
	c->route_basis = col_dup(a, st, 11, &oom);
	c->anchors.fix_available_at = col_time(st, 12);
	c->intermediate_requested_at = col_time(st, 13);
	c->anchors.intermediate_due_at = col_time(st, 14);
	c->anchors.notification_sent_at = CRK_TIME_NONE;
	crk_stmt_reset(st);
	for (i = 0; i < CRK_STAGE_COUNT; i++) {
		c->stage[i].sent_at = CRK_TIME_NONE;
		c->stage[i].drafted_at = CRK_TIME_NONE;
		c->stage[i].missing = "";
	}
	rc = crk_store_prepare(s, &st,
			       "SELECT stage, sent_at, receipt, incomplete, missing, draft, drafted_at "
			       "FROM report_stage WHERE case_id = ?",
			       err);
	if (rc)
		goto fail;
	crk_stmt_bind_int64(st, 1, id);
	while ((rc = crk_stmt_step(st, err)) == 1) {
		int k = crk_report_stage_parse(crk_stmt_text(st, 0, NULL));
		if (k < 0)
			continue;
		c->stage[k].sent_at = col_time(st, 1);
		c->stage[k].receipt = col_dup(a, st, 2, &oom);
		c->stage[k].incomplete = (int)crk_stmt_int64(st, 3);
		c->stage[k].missing = col_dup(a, st, 4, &oom);
		c->stage[k].draft = col_dup(a, st, 5, &oom);
		c->stage[k].drafted_at = col_time(st, 6);
		if (!c->stage[k].missing)
			c->stage[k].missing = "";
	}
	crk_stmt_reset(st);
	if (rc < 0)
		goto fail;
	if (oom) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto fail;
	}
	/* 14(4)(c): the incident's final report runs from the notification's submission. */
	c->anchors.notification_sent_at = c->stage[CRK_STAGE_NOTIFICATION].sent_at;
	*out = c;
	return CRK_OK;
fail:
	crk_report_case_free(c);
	return rc;
}

int crk_report_case_ids(int64_t **ids, size_t *n, struct crk_store *s, int open_only,
			struct crk_err *err)
{
	struct crk_stmt *st;
	int64_t *v = NULL;
	size_t alloc = 0, k = 0;
	int rc = crk_store_prepare(s, &st,
				   open_only ? "SELECT id FROM report_case WHERE closed_at IS NULL "
					       "ORDER BY id"
					     : "SELECT id FROM report_case ORDER BY id",
				   err);
	*ids = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = crk_stmt_step(st, err)) == 1) {
		if (CRK_GROW(v, alloc, k + 1)) {
			crk_stmt_reset(st);
			crk_free(v);
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		}
		v[k++] = crk_stmt_int64(st, 0);
	}
	crk_stmt_reset(st);
	if (rc < 0) {
		crk_free(v);
		return rc;
	}
	*ids = v;
	*n = k;
	return CRK_OK;
}

void crk_report_ids_free(int64_t *ids)
{
	crk_free(ids);
}

int crk_report_events(struct crk_store *s, int64_t id,
		      int (*fn)(const struct crk_report_event *e, void *arg), void *arg,
		      struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(s, &st,
				   "SELECT seq, at, recorded_at, what, detail FROM report_event "
				   "WHERE case_id = ? ORDER BY seq",
				   err);
	if (rc)
		return rc;
	crk_stmt_bind_int64(st, 1, id);
	while ((rc = crk_stmt_step(st, err)) == 1) {
		struct crk_report_event e;
		e.seq = crk_stmt_int64(st, 0);
		e.at = crk_stmt_int64(st, 1);
		e.recorded_at = crk_stmt_int64(st, 2);
		e.what = crk_stmt_text(st, 3, NULL);
		e.detail = crk_stmt_text(st, 4, NULL);
		if (!e.what)
			e.what = "";
		if (!e.detail)
			e.detail = "";
		if (fn(&e, arg) != 0)
			break;
	}
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

const struct crk_member_state *crk_report_case_ms(const struct crk_report_case *c)
{
	return c->member_state ? crk_member_state_find(c->member_state) : NULL;
}

/* Appends `s` as one POSIX shell word: bare when it has only safe characters, else in single
 * quotes (a quote inside written as '\''). */
static void shell_word(struct crk_strbuf *sb, const char *s)
{
	const char *p;
	int safe = *s != '\0';
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("-_.:/@+=,%", *p)))
			safe = 0;
	if (safe) {
		crk_strbuf_adds(sb, s);
		return;
	}
	crk_strbuf_addch(sb, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			crk_strbuf_adds(sb, "'\\''");
		else
			crk_strbuf_addch(sb, *p);
	}
	crk_strbuf_addch(sb, '\'');
}

size_t crk_report_open_hint(char *buf, size_t n, const char *cve, const char *product,
			    const char *finding, int64_t aware_at)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char t[CRK_TIME_BUF];
	size_t len;
	crk_strbuf_adds(&sb, "crakit report open --kind vulnerability --aware-at ");
	if (aware_at == CRK_TIME_NONE) {
		crk_strbuf_adds(&sb, "now");
	} else {
		crk_time_format_utc(t, aware_at);
		crk_strbuf_adds(&sb, t);
	}
	if (cve && *cve) {
		crk_strbuf_adds(&sb, " --cve ");
		shell_word(&sb, cve);
	}
	if (product && *product) {
		crk_strbuf_adds(&sb, " --product ");
		shell_word(&sb, product);
	}
	if (finding && *finding) {
		crk_strbuf_adds(&sb, " --finding ");
		shell_word(&sb, finding);
	}
	len = sb.len;
	if (!crk_strbuf_ok(&sb))
		len = 0;
	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(buf, sb.buf, k);
		buf[k] = '\0';
	}
	crk_strbuf_release(&sb);
	return len;
}
