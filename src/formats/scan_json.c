/*
 * scan_json.c - crakit's scan report as JSON: a stable document described by
 * docs/scan.schema.json (validated by tests/schema/run.sh). Keys are written in a fixed order;
 * a key whose value is unknown is left out (never written as an empty string). Version 1:
 * fields may be added, never renamed or removed, without changing "version".
 */
#include <string.h>

#include "formats/scan_out.h"
#include "formats/vexio.h"
#include "base/banned.h"

static void problems(struct crk_jw *w, const struct crk_scan_report *r)
{
	size_t i;
	crk_jw_begin_arr(w, "problems");
	for (i = 0; i < r->nproblems; i++) {
		const struct crk_scan_problem *p = &r->problems[i];
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "kind", crk_scan_problem_kind_str(p->kind));
		crk_jw_bool(w, "blocking", p->blocking);
		crk_jw_str(w, "subject", p->subject);
		if (p->count)
			crk_jw_int(w, "count", (long long)p->count);
		crk_jw_str(w, "message", p->message);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
}

static void database(struct crk_jw *w, const struct crk_scan_report *r)
{
	char d[32];
	size_t i;
	crk_jw_begin_obj(w, "database");
	crk_jw_int(w, "advisories", (long long)r->db_advisories);
	if (r->db_newest) {
		crk_vexio__format_time(r->db_newest, d);
		crk_jw_str(w, "newest", d);
	}
	crk_jw_int(w, "max_age_hours", (long long)(r->max_age / 3600));
	crk_jw_begin_arr(w, "sources");
	for (i = 0; i < r->nsources; i++) {
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "source", r->sources[i].what);
		crk_jw_int(w, "records", (long long)r->sources[i].records);
		if (r->sources[i].newest) {
			crk_vexio__format_time(r->sources[i].newest, d);
			crk_jw_str(w, "newest", d);
		}
		if (r->sources[i].imported) {
			crk_vexio__format_time(r->sources[i].imported, d);
			crk_jw_str(w, "imported", d);
		}
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
}

static void summary(struct crk_jw *w, const struct crk_scan_report *r)
{
	crk_jw_begin_obj(w, "summary");
	crk_jw_int(w, "components", (long long)r->ncomponents);
	crk_jw_int(w, "vulnerable_components", (long long)r->nvulnerable);
	crk_jw_int(w, "findings", (long long)r->nfindings);
	crk_jw_int(w, "exploited", (long long)r->nexploited);
	crk_jw_int(w, "critical", (long long)r->ncritical);
	crk_jw_int(w, "high", (long long)r->nhigh);
	crk_jw_int(w, "medium", (long long)r->nmedium);
	crk_jw_int(w, "low", (long long)r->nlow);
	crk_jw_int(w, "none", (long long)r->nnone);
	crk_jw_int(w, "unrated", (long long)r->nunrated);
	crk_jw_int(w, "unknown", (long long)r->nunknown);
	crk_jw_int(w, "suppressed", (long long)r->nsuppressed);
	crk_jw_int(w, "reportable", (long long)r->nreportable);
	crk_jw_end_obj(w);
}

static void strs(struct crk_jw *w, const char *key, const char *const *v, size_t n)
{
	size_t i;
	crk_jw_begin_arr(w, key);
	for (i = 0; i < n; i++)
		crk_jw_str(w, NULL, v[i]);
	crk_jw_end_arr(w);
}

static void finding(struct crk_jw *w, const struct crk_scan_report *r,
		    const struct crk_scan_item *it, const struct crk_scan_write_opts *opts)
{
	const struct crk_finding *f = it->f;
	const struct crk_component *c = it->comp;
	char t[32];
	size_t i;

	crk_jw_begin_obj(w, NULL);
	crk_jw_begin_obj(w, "component");
	crk_jw_str(w, "name", it->display_name);
	crk_jw_str(w, "version", c->version);
	crk_jw_str(w, "purl", c->purl);
	crk_jw_str(w, "bom_ref", c->bom_ref);
	crk_jw_begin_arr(w, "locations");
	for (i = 0; i < c->nocc; i++) {
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "path", c->occ[i].path);
		if (c->occ[i].line)
			crk_jw_int(w, "line", c->occ[i].line);
		crk_jw_str(w, "layer", c->occ[i].layer);
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	crk_jw_end_obj(w);
	crk_jw_begin_obj(w, "package");
	crk_jw_str(w, "ecosystem", f->ecosystem);
	crk_jw_str(w, "name", f->package);
	crk_jw_str(w, "version", f->package_version ? f->package_version : c->version);
	crk_jw_end_obj(w);
	crk_jw_str(w, "id", f->id);
	crk_jw_begin_arr(w, "aliases");
	for (i = 0; i < f->naliases; i++)
		if (crk_scanout__alias_ok(f, i))
			crk_jw_str(w, NULL, f->aliases[i]);
	crk_jw_end_arr(w);
	strs(w, "records", f->records, f->nrecords);
	crk_jw_str(w, "summary", f->summary);
	crk_jw_str(w, "status", f->status == CRK_FINDING_UNKNOWN ? "unknown" : "affected");
	crk_jw_str(w, "reason", f->reason);
	crk_jw_str(w, "affected_range", f->range);
	strs(w, "fixed", f->fixed, f->nfixed);
	crk_jw_begin_obj(w, "severity");
	crk_jw_str(w, "rating", crk_scanout__rating(it));
	if (it->rated) {
		crk_scanout__num(w, "score", 1, it->score);
		crk_jw_str(w, "cvss_version", crk_scanout__cvss_version(it));
		crk_jw_str(w, "vector", it->vector);
	}
	crk_jw_str(w, "stated", f->stated_severity);
	crk_jw_end_obj(w);
	crk_jw_begin_arr(w, "cvss");
	for (i = 0; i < f->nseverity; i++) {
		const struct crk_finding_severity *s = &f->severity[i];
		crk_jw_begin_obj(w, NULL);
		crk_jw_str(w, "type", s->type);
		crk_jw_str(w, "vector", s->vector);
		crk_jw_str(w, "record", s->record);
		crk_jw_bool(w, "valid", s->valid);
		if (s->valid) {
			crk_scanout__num(w, "score", 1, s->score.score);
			crk_jw_str(w, "rating", crk_cvss_rating_str(s->score.rating));
		} else {
			crk_jw_str(w, "error", s->error);
		}
		crk_jw_end_obj(w);
	}
	crk_jw_end_arr(w);
	crk_jw_begin_obj(w, "kev");
	crk_jw_bool(w, "listed", f->kev.listed);
	if (f->kev.listed) {
		crk_jw_str(w, "cve", f->kev.cve);
		crk_jw_str(w, "date_added", f->kev.date_added);
		crk_jw_str(w, "due_date", f->kev.due_date);
		crk_jw_bool(w, "ransomware", f->kev.ransomware);
	}
	crk_jw_end_obj(w);
	if (f->epss.present) {
		crk_jw_begin_obj(w, "epss");
		crk_jw_str(w, "cve", f->epss.cve);
		crk_scanout__num(w, "score", 5, f->epss.score);
		crk_scanout__num(w, "percentile", 5, f->epss.percentile);
		crk_jw_str(w, "date", f->epss.date);
		crk_jw_end_obj(w);
	}
	crk_jw_bool(w, "exploited", it->exploited);
	crk_jw_bool(w, "suppressed", it->suppressed);
	if (it->vex) {
		const struct crk_vex_stmt *v = it->vex;
		crk_jw_begin_obj(w, "vex");
		crk_jw_str(w, "status", crk_vex_status_str(v->status));
		if (v->justification)
			crk_jw_str(w, "justification", crk_vex_justification_str(v->justification));
		crk_jw_str(w, "impact", v->impact);
		crk_jw_str(w, "action", v->action);
		crk_jw_str(w, "note", v->note);
		crk_jw_str(w, "author", v->author);
		if (v->time) {
			crk_vexio__format_time(v->time, t);
			crk_jw_str(w, "time", t);
		}
		crk_jw_str(w, "statement", v->vuln);
		crk_jw_str(w, "subject", v->subject);
		crk_jw_str(w, "origin", v->origin);
		if (v->line)
			crk_jw_int(w, "line", v->line);
		crk_jw_end_obj(w);
	}
	if (it->reportable) {
		struct crk_strbuf cmd = CRK_STRBUF_INIT(0);
		crk_scanout__report_cmd(&cmd, r, it, opts);
		crk_jw_begin_obj(w, "cra_art14");
		crk_jw_bool(w, "may_be_reportable", 1);
		crk_jw_str(w, "command", cmd.buf);
		crk_jw_end_obj(w);
		if (!crk_strbuf_ok(&cmd))
			w->sb->failed = 1;
		crk_strbuf_release(&cmd);
	}
	crk_jw_end_obj(w);
}

int crk_scanout__json(struct crk_strbuf *out, const struct crk_scan_report *r,
		      const struct crk_scan_write_opts *opts, struct crk_err *err)
{
	struct crk_jw w;
	char ts[32];
	size_t i;

	crk_jw_init(&w, out, opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "format", "crakit-scan");
	crk_jw_int(&w, "version", 1);
	crk_jw_begin_obj(&w, "tool");
	crk_jw_str(&w, "name", "crakit");
	crk_jw_str(&w, "version", CRAKIT_VERSION);
	crk_jw_end_obj(&w);
	crk_vexio__format_time(r->now, ts);
	crk_jw_str(&w, "timestamp", ts);
	crk_jw_str(&w, "target", r->target);
	crk_jw_str(&w, "product", r->product);
	crk_jw_str(&w, "status", crk_scanout__status(r));
	crk_jw_bool(&w, "complete", !r->incomplete);
	problems(&w, r);
	database(&w, r);
	summary(&w, r);
	crk_jw_begin_arr(&w, "findings");
	for (i = 0; i < r->nitems; i++)
		finding(&w, r, &r->items[i], opts);
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	(void)err;
	return CRK_OK;
}
