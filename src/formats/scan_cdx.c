/*
 * scan_cdx.c - the scan report as a CycloneDX 1.6 VEX document
 * (https://cyclonedx.org/docs/1.6/json/#vulnerabilities): the product as metadata.component,
 * each vulnerable component once, and one `vulnerabilities[]` entry per finding with its
 * ratings (scores computed by crakit: method CVSSv31/CVSSv3/CVSSv4), references (aliases and
 * OSV records), recommendation (the fixed versions), `analysis` (the VEX decision; in_triage
 * when nobody decided yet) and `affects` (the component, version status affected).
 * KEV, EPSS and the matched range are properties ("crakit:kev:dateAdded", ...). Fail closed:
 * metadata.properties "crakit:scan:complete" is "false" and each problem is a
 * "crakit:scan:problem" property.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/map.h"
#include "formats/scan_out.h"
#include "formats/vexio.h"
#include "base/banned.h"

static void prop(struct crk_jw *w, const char *name, const char *value)
{
	if (!value)
		return;
	crk_jw_begin_obj(w, NULL);
	crk_jw_str(w, "name", name);
	crk_jw_str(w, "value", value);
	crk_jw_end_obj(w);
}

static const char *method(const char *vector)
{
	if (!vector)
		return "other";
	if (!strncmp(vector, "CVSS:4.0/", 9))
		return "CVSSv4";
	if (!strncmp(vector, "CVSS:3.1/", 9))
		return "CVSSv31";
	if (!strncmp(vector, "CVSS:3.0/", 9))
		return "CVSSv3";
	return "other";
}

static const char *cdx_severity(enum crk_cvss_rating r)
{
	switch (r) {
	case CRK_CVSS_RATING_CRITICAL: return "critical";
	case CRK_CVSS_RATING_HIGH: return "high";
	case CRK_CVSS_RATING_MEDIUM: return "medium";
	case CRK_CVSS_RATING_LOW: return "low";
	default: return "none";
	}
}

static const char *comp_ref(const struct crk_scan_item *it)
{
	return it->comp->bom_ref ? it->comp->bom_ref : it->comp->purl;
}

int crk_scanout__cdx(struct crk_strbuf *out, const struct crk_scan_report *r,
		     const struct crk_scan_write_opts *opts, struct crk_err *err)
{
	struct crk_jw w;
	struct crk_map seen = CRK_MAP_INIT;
	struct crk_strbuf tmp = CRK_STRBUF_INIT(0), idsrc = CRK_STRBUF_INIT(0);
	char ts[32], uuid[37];
	size_t i, j;
	int rc = CRK_OK;

	for (i = 0; i < r->nitems; i++)
		crk_strbuf_addf(&idsrc, "%s|%s\n", comp_ref(&r->items[i]), r->items[i].f->id);
	crk_strbuf_addf(&idsrc, "%lld|%s", (long long)r->now, r->product ? r->product : "");
	crk_vexio__uuid(idsrc.buf, idsrc.len, uuid);

	crk_jw_init(&w, out, opts->pretty);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_str(&w, "$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
	crk_jw_str(&w, "bomFormat", "CycloneDX");
	crk_jw_str(&w, "specVersion", "1.6");
	crk_strbuf_reset(&tmp);
	crk_strbuf_addf(&tmp, "urn:uuid:%s", uuid);
	crk_jw_str(&w, "serialNumber", tmp.buf);
	crk_jw_int(&w, "version", 1);
	crk_jw_begin_obj(&w, "metadata");
	crk_vexio__format_time(r->now, ts);
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
	crk_jw_begin_obj(&w, "component");
	crk_jw_str(&w, "type", "application");
	crk_jw_str(&w, "bom-ref", "crakit:product");
	crk_jw_str(&w, "name", r->product && *r->product ? r->product : "product");
	crk_jw_end_obj(&w);
	crk_jw_begin_arr(&w, "properties");
	prop(&w, "crakit:scan:complete", r->incomplete ? "false" : "true");
	prop(&w, "crakit:scan:status", crk_scanout__status(r));
	for (i = 0; i < r->nproblems; i++) {
		crk_strbuf_reset(&tmp);
		crk_strbuf_addf(&tmp, "%s%s: %s", crk_scan_problem_kind_str(r->problems[i].kind),
				r->problems[i].blocking ? " (blocking)" : "", r->problems[i].message);
		prop(&w, "crakit:scan:problem", tmp.buf);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w); /* metadata */

	crk_jw_begin_arr(&w, "components");
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const struct crk_component *c = it->comp;
		const char *ref = comp_ref(it);
		if (!ref || crk_map_get(&seen, ref, strlen(ref)))
			continue;
		if (crk_map_put(&seen, ref, strlen(ref), (void *)it)) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "type", "library");
		crk_jw_str(&w, "bom-ref", ref);
		if (c->ns && strcmp(c->type ? c->type : "", "deb") &&
		    strcmp(c->type ? c->type : "", "rpm") && strcmp(c->type ? c->type : "", "apk"))
			crk_jw_str(&w, "group", c->ns);
		crk_jw_str(&w, "name", c->name);
		crk_jw_str(&w, "version", c->version);
		crk_jw_str(&w, "purl", c->purl);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);

	crk_jw_begin_arr(&w, "vulnerabilities");
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const struct crk_finding *f = it->f;
		const struct crk_vex_stmt *v = it->vex;
		char d[32];
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "id", f->id);
		crk_jw_begin_obj(&w, "source");
		crk_jw_str(&w, "name", "OSV");
		crk_strbuf_reset(&tmp);
		crk_strbuf_addf(&tmp, "https://osv.dev/vulnerability/%s",
				f->nrecords ? f->records[0] : f->id);
		crk_jw_str(&w, "url", tmp.buf);
		crk_jw_end_obj(&w);
		if (f->naliases) {
			crk_jw_begin_arr(&w, "references");
			for (j = 0; j < f->naliases; j++) {
				if (!crk_scanout__alias_ok(f, j))
					continue;
				crk_jw_begin_obj(&w, NULL);
				crk_jw_str(&w, "id", f->aliases[j]);
				crk_jw_begin_obj(&w, "source");
				crk_jw_str(&w, "name", !strncmp(f->aliases[j], "CVE-", 4) ? "NVD"
							  : !strncmp(f->aliases[j], "GHSA-", 5)
								  ? "GitHub"
								  : "OSV");
				crk_jw_end_obj(&w);
				crk_jw_end_obj(&w);
			}
			crk_jw_end_arr(&w);
		}
		crk_jw_begin_arr(&w, "ratings");
		for (j = 0; j < f->nseverity; j++) {
			const struct crk_finding_severity *s = &f->severity[j];
			if (!s->valid)
				continue;
			crk_jw_begin_obj(&w, NULL);
			crk_jw_begin_obj(&w, "source");
			crk_jw_str(&w, "name", "crakit");
			crk_jw_end_obj(&w);
			crk_scanout__num(&w, "score", 1, s->score.score);
			crk_jw_str(&w, "severity", cdx_severity(s->score.rating));
			crk_jw_str(&w, "method", method(s->vector));
			crk_jw_str(&w, "vector", s->vector);
			crk_jw_end_obj(&w);
		}
		crk_jw_end_arr(&w);
		crk_jw_str(&w, "description", f->summary);
		if (f->nfixed) {
			crk_strbuf_reset(&tmp);
			crk_strbuf_addf(&tmp, "Upgrade %s to %s", it->display_name, f->fixed[0]);
			for (j = 1; j < f->nfixed; j++)
				crk_strbuf_addf(&tmp, " or %s", f->fixed[j]);
			crk_strbuf_adds(&tmp, ".");
			crk_jw_str(&w, "recommendation", tmp.buf);
		}
		if (f->published) {
			crk_vexio__format_time(f->published, d);
			crk_jw_str(&w, "published", d);
		}
		if (f->modified) {
			crk_vexio__format_time(f->modified, d);
			crk_jw_str(&w, "updated", d);
		}
		crk_jw_begin_obj(&w, "analysis");
		if (v) {
			crk_jw_str(&w, "state", crk_vex_cdx_state(v->status));
			if (v->status == CRK_VEX_NOT_AFFECTED && v->justification)
				crk_jw_str(&w, "justification",
					   crk_vex_cdx_justification(v->justification));
			if (v->status == CRK_VEX_AFFECTED) {
				crk_jw_begin_arr(&w, "response");
				crk_jw_str(&w, NULL, f->nfixed ? "update" : "can_not_fix");
				crk_jw_end_arr(&w);
			}
			crk_jw_str(&w, "detail",
				   v->status == CRK_VEX_NOT_AFFECTED && v->impact ? v->impact
				   : v->status == CRK_VEX_AFFECTED && v->action    ? v->action
										   : v->note);
			if (v->time) {
				crk_vexio__format_time(v->time, d);
				crk_jw_str(&w, "lastUpdated", d);
			}
		} else {
			crk_jw_str(&w, "state", "in_triage");
			crk_jw_str(&w, "detail",
				   f->status == CRK_FINDING_UNKNOWN
					   ? "crakit could not evaluate the affected range; not triaged"
					   : "matched by crakit against the advisory's affected range; "
					     "not triaged");
		}
		crk_jw_end_obj(&w);
		crk_jw_begin_arr(&w, "affects");
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "ref", comp_ref(it));
		if (it->comp->version) {
			crk_jw_begin_arr(&w, "versions");
			crk_jw_begin_obj(&w, NULL);
			crk_jw_str(&w, "version", it->comp->version);
			crk_jw_str(&w, "status",
				   f->status == CRK_FINDING_UNKNOWN ? "unknown" : "affected");
			crk_jw_end_obj(&w);
			crk_jw_end_arr(&w);
		}
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_begin_arr(&w, "properties");
		prop(&w, "crakit:range", f->range);
		prop(&w, "crakit:package", f->package);
		prop(&w, "crakit:ecosystem", f->ecosystem);
		prop(&w, "crakit:kev", f->kev.listed ? "true" : "false");
		if (f->kev.listed) {
			prop(&w, "crakit:kev:dateAdded", f->kev.date_added);
			prop(&w, "crakit:kev:dueDate", f->kev.due_date);
		}
		if (f->epss.present) {
			crk_strbuf_reset(&tmp);
			crk_strbuf_addf(&tmp, "%.5f", f->epss.score);
			prop(&w, "crakit:epss:score", tmp.buf);
			crk_strbuf_reset(&tmp);
			crk_strbuf_addf(&tmp, "%.5f", f->epss.percentile);
			prop(&w, "crakit:epss:percentile", tmp.buf);
		}
		if (v && v->justification)
			prop(&w, "crakit:vex:justification",
			     crk_vex_justification_str(v->justification));
		if (v)
			prop(&w, "crakit:vex:author", v->author);
		if (it->reportable)
			prop(&w, "crakit:cra:art14", "may be reportable: actively exploited (CISA "
						     "KEV), not marked not_affected");
		crk_jw_end_arr(&w);
		crk_jw_end_obj(&w);
	}
	crk_jw_end_arr(&w);
	crk_jw_end_obj(&w);
	crk_jw_finish(&w);
	if (!crk_strbuf_ok(&tmp) || !crk_strbuf_ok(&idsrc))
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
out:
	crk_strbuf_release(&tmp);
	crk_strbuf_release(&idsrc);
	crk_map_release(&seen);
	return rc;
}
