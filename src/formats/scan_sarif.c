/*
 * scan_sarif.c - the scan report as SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/
 * sarif/v2.1.0/sarif-v2.1.0.html), for code-scanning UIs.
 *
 *   - one rule per vulnerability id (reportingDescriptor: id, short description, help URI on
 *     osv.dev, properties.security-severity as the score GitHub reads, tags);
 *   - one result per finding, located at the file the component was found in (line when
 *     known), level error for exploited/critical/high, warning for medium, note otherwise;
 *     a finding suppressed by a VEX decision carries `suppressions` (kind external, status
 *     accepted, the justification);
 *   - fail closed: every problem of the scan is a toolExecutionNotification of the invocation
 *     (level error when it makes the scan incomplete), and run.properties says
 *     "crakit.complete": false, so a UI never shows an incomplete scan as clean.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/map.h"
#include "formats/scan_out.h"
#include "formats/vexio.h"
#include "base/banned.h"

static const char *level(const struct crk_scan_item *it)
{
	if (it->exploited || (it->rated && it->rating >= CRK_CVSS_RATING_HIGH))
		return "error";
	if (it->rated && it->rating == CRK_CVSS_RATING_MEDIUM)
		return "warning";
	return "note";
}

/* A URI reference for a relative path: RFC 3986 unreserved and '/' kept, the rest escaped. */
static void uri(struct crk_jw *w, const char *key, const char *path)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const unsigned char *p;
	static const char hex[] = "0123456789ABCDEF";
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			crk_strbuf_addch(&sb, (char)*p);
		} else {
			crk_strbuf_addch(&sb, '%');
			crk_strbuf_addch(&sb, hex[*p >> 4]);
			crk_strbuf_addch(&sb, hex[*p & 15]);
		}
	}
	if (!crk_strbuf_ok(&sb))
		w->sb->failed = 1;
	crk_jw_str(w, key, sb.buf);
	crk_strbuf_release(&sb);
}

static void message(struct crk_jw *w, const char *key, const char *text)
{
	crk_jw_begin_obj(w, key);
	crk_jw_str(w, "text", text);
	crk_jw_end_obj(w);
}

static void result_text(struct crk_strbuf *sb, const struct crk_scan_item *it)
{
	const struct crk_finding *f = it->f;
	size_t i;
	crk_strbuf_addf(sb, "%s %s is affected by %s", it->display_name,
			it->comp->version ? it->comp->version : "(no version)", f->id);
	if (it->rated)
		crk_strbuf_addf(sb, " (%s %.1f)", crk_cvss_rating_str(it->rating), it->score);
	if (f->summary)
		crk_strbuf_addf(sb, ": %s", f->summary);
	crk_strbuf_adds(sb, ".");
	if (f->status == CRK_FINDING_UNKNOWN && f->reason)
		crk_strbuf_addf(sb, " Could not be evaluated: %s.", f->reason);
	if (f->nfixed) {
		crk_strbuf_adds(sb, " Fixed in ");
		for (i = 0; i < f->nfixed; i++)
			crk_strbuf_addf(sb, "%s%s", i ? ", " : "", f->fixed[i]);
		crk_strbuf_adds(sb, ".");
	}
	if (f->kev.listed)
		crk_strbuf_addf(sb, " Actively exploited: in the CISA KEV catalogue since %s.",
				f->kev.date_added ? f->kev.date_added : "?");
}

int crk_scanout__sarif(struct crk_strbuf *out, const struct crk_scan_report *r,
		       const struct crk_scan_write_opts *opts, struct crk_err *err)
{
	struct crk_jw w;
	struct crk_map rules = CRK_MAP_INIT;
	const struct crk_scan_item **rule_items = NULL;
	size_t nrules = 0, ralloc = 0, i, j, k;
	struct crk_strbuf tmp = CRK_STRBUF_INIT(0);
	char ts[32];
	int rc = CRK_OK;

	/* rules: the first item of each id, in item order */
	for (i = 0; i < r->nitems; i++) {
		const char *id = r->items[i].f->id;
		if (crk_map_get(&rules, id, strlen(id)))
			continue;
		if (CRK_GROW(rule_items, ralloc, nrules + 1) ||
		    crk_map_put(&rules, id, strlen(id), (void *)(uintptr_t)(nrules + 1))) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
		rule_items[nrules++] = &r->items[i];
	}

	crk_jw_init(&w, out, opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	crk_jw_str(&w, "version", "2.1.0");
	crk_jw_begin_arr(&w, "runs");
	crk_jw_begin_obj(&w, NULL);
	crk_jw_begin_obj(&w, "tool");
	crk_jw_begin_obj(&w, "driver");
	crk_jw_str(&w, "name", "crakit");
	crk_jw_str(&w, "version", CRAKIT_VERSION);
	crk_jw_str(&w, "semanticVersion", CRAKIT_VERSION);
	crk_jw_begin_arr(&w, "rules");
	for (i = 0; i < nrules; i++) {
		const struct crk_scan_item *it = rule_items[i];
		const struct crk_finding *f = it->f;
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "id", f->id);
		message(&w, "shortDescription", f->summary ? f->summary : f->id);
		crk_strbuf_reset(&tmp);
		crk_strbuf_addf(&tmp, "%s", f->id);
		for (j = 0, k = 0; j < f->naliases; j++)
			if (crk_scanout__alias_ok(f, j))
				crk_strbuf_addf(&tmp, "%s%s", k++ ? ", " : " (also ", f->aliases[j]);
		if (k)
			crk_strbuf_addch(&tmp, ')');
		if (f->summary)
			crk_strbuf_addf(&tmp, ": %s", f->summary);
		message(&w, "fullDescription", tmp.buf);
		crk_strbuf_reset(&tmp);
		crk_strbuf_addf(&tmp, "https://osv.dev/vulnerability/%s",
				f->nrecords ? f->records[0] : f->id);
		crk_jw_str(&w, "helpUri", tmp.buf);
		crk_jw_begin_obj(&w, "properties");
		if (it->rated) {
			crk_strbuf_reset(&tmp);
			crk_strbuf_addf(&tmp, "%.1f", it->score);
			crk_jw_str(&w, "security-severity", tmp.buf);
		}
		crk_jw_begin_arr(&w, "tags");
		crk_jw_str(&w, NULL, "security");
		crk_jw_str(&w, NULL, "vulnerability");
		crk_jw_end_arr(&w);
		crk_jw_end_obj(&w);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w); /* driver */
	crk_jw_end_obj(&w); /* tool */

	crk_jw_begin_arr(&w, "invocations");
	crk_jw_begin_obj(&w, NULL);
	crk_jw_bool(&w, "executionSuccessful", 1);
	crk_vexio__format_time(r->now, ts);
	crk_jw_str(&w, "endTimeUtc", ts);
	crk_jw_begin_arr(&w, "toolExecutionNotifications");
	if (r->incomplete) {
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "level", "error");
		message(&w, "message",
			"INCOMPLETE SCAN: crakit could not see everything (see the other "
			"notifications); this is not a clean result");
		crk_jw_begin_obj(&w, "descriptor");
		crk_jw_str(&w, "id", "incomplete");
		crk_jw_end_obj(&w);
		crk_jw_end_obj(&w);
	}
	for (i = 0; i < r->nproblems; i++) {
		const struct crk_scan_problem *p = &r->problems[i];
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "level", p->blocking ? "error" : "note");
		message(&w, "message", p->message);
		crk_jw_begin_obj(&w, "descriptor");
		crk_jw_str(&w, "id", crk_scan_problem_kind_str(p->kind));
		crk_jw_end_obj(&w);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_end_arr(&w);

	crk_jw_begin_arr(&w, "results");
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const struct crk_finding *f = it->f;
		unsigned line;
		const char *where = crk_scanout__where(r, it, &line);
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "ruleId", f->id);
		crk_jw_int(&w, "ruleIndex",
			   (long long)(uintptr_t)crk_map_get(&rules, f->id, strlen(f->id)) - 1);
		crk_jw_str(&w, "level", level(it));
		crk_strbuf_reset(&tmp);
		result_text(&tmp, it);
		message(&w, "message", tmp.buf);
		crk_jw_begin_arr(&w, "locations");
		crk_jw_begin_obj(&w, NULL);
		crk_jw_begin_obj(&w, "physicalLocation");
		crk_jw_begin_obj(&w, "artifactLocation");
		uri(&w, "uri", where);
		crk_jw_end_obj(&w);
		if (line) {
			crk_jw_begin_obj(&w, "region");
			crk_jw_int(&w, "startLine", line);
			crk_jw_end_obj(&w);
		}
		crk_jw_end_obj(&w);
		crk_jw_begin_arr(&w, "logicalLocations");
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "name", it->display_name);
		crk_jw_str(&w, "fullyQualifiedName",
			   it->comp->purl ? it->comp->purl : it->comp->bom_ref);
		crk_jw_str(&w, "kind", "package");
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_begin_obj(&w, "partialFingerprints");
		crk_strbuf_reset(&tmp);
		crk_strbuf_addf(&tmp, "%s|%s", it->comp->bom_ref ? it->comp->bom_ref : "", f->id);
		crk_jw_str(&w, "crakit/component-vulnerability/v1", tmp.buf);
		crk_jw_end_obj(&w);
		if (it->suppressed) {
			crk_jw_begin_arr(&w, "suppressions");
			crk_jw_begin_obj(&w, NULL);
			crk_jw_str(&w, "kind", "external");
			crk_jw_str(&w, "status", "accepted");
			crk_strbuf_reset(&tmp);
			crk_strbuf_addf(&tmp, "VEX %s", crk_vex_status_str(it->vex->status));
			if (it->vex->justification)
				crk_strbuf_addf(&tmp, " (%s)",
						crk_vex_justification_str(it->vex->justification));
			if (it->vex->impact || it->vex->note)
				crk_strbuf_addf(&tmp, ": %s",
						it->vex->impact ? it->vex->impact : it->vex->note);
			if (it->vex->author)
				crk_strbuf_addf(&tmp, " (by %s)", it->vex->author);
			crk_jw_str(&w, "justification", tmp.buf);
			crk_jw_end_obj(&w);
			crk_jw_end_arr(&w);
		}
		crk_jw_begin_obj(&w, "properties");
		crk_jw_str(&w, "purl", it->comp->purl);
		crk_jw_str(&w, "installedVersion", it->comp->version);
		crk_jw_str(&w, "affectedRange", f->range);
		if (f->nfixed)
			crk_jw_str(&w, "fixedVersion", f->fixed[0]);
		crk_jw_str(&w, "severity", crk_scanout__rating(it));
		crk_jw_bool(&w, "exploited", it->exploited);
		if (f->kev.listed)
			crk_jw_str(&w, "kevDateAdded", f->kev.date_added);
		if (f->epss.present)
			crk_scanout__num(&w, "epss", 5, f->epss.score);
		crk_jw_end_obj(&w);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_begin_obj(&w, "properties");
	crk_jw_bool(&w, "crakit.complete", !r->incomplete);
	crk_jw_str(&w, "crakit.status", crk_scanout__status(r));
	crk_jw_int(&w, "crakit.components", (long long)r->ncomponents);
	crk_jw_end_obj(&w);
	crk_jw_end_obj(&w); /* run */
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	if (!crk_strbuf_ok(&tmp))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
out:
	crk_strbuf_release(&tmp);
	crk_free(rule_items);
	crk_map_release(&rules);
	return rc;
}
