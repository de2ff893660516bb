/*
 * scan_openvex.c - the scan report as an OpenVEX 0.2 document: one statement per finding.
 * The status is the VEX decision that applies; a finding nobody decided yet is
 * under_investigation (crakit matched a version range; whether the product is affected is the
 * manufacturer's call), with a status note saying what matched. The product is the statement's
 * product when it is an IRI (a purl given with --product), with the component as subcomponent;
 * otherwise the component is the product. OpenVEX has no place for anything but statements,
 * so an incomplete scan is said in the document's "tooling" and in every status note.
 */
#include <string.h>

#include "base/alloc.h"
#include "formats/scan_out.h"
#include "base/banned.h"

/* A product name usable as an OpenVEX @id: it must be an absolute IRI ("scheme:..."). */
static int iri_like(const char *s)
{
	size_t i;
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (i = 1; s[i] && s[i] != ':'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
			return 0;
	return s[i] == ':' && s[i + 1] && !strpbrk(s, " \t\n<>\"{}|\\^`");
}

int crk_scanout__openvex(struct crk_strbuf *out, const struct crk_scan_report *r,
			 const struct crk_scan_write_opts *opts, struct crk_err *err)
{
	struct crk_vex_set *set = crk_vex_set_new();
	struct crk_strbuf note = CRK_STRBUF_INIT(0), tooling = CRK_STRBUF_INIT(0);
	struct crk_vex_write_opts wo;
	const char *product = iri_like(r->product) ? r->product : NULL;
	char *doc = NULL;
	size_t i, j, len = 0;
	int rc = CRK_OK;

	if (!set)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	crk_strbuf_adds(&tooling, "crakit " CRAKIT_VERSION);
	if (r->incomplete) {
		crk_strbuf_adds(&tooling, "; INCOMPLETE SCAN, not a clean result:");
		for (i = 0; i < r->nproblems; i++)
			if (r->problems[i].blocking)
				crk_strbuf_addf(&tooling, " %s.", r->problems[i].message);
	}
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const struct crk_finding *f = it->f;
		struct crk_vex_stmt st;
		const char *aliases[64];
		memset(&st, 0, sizeof(st));
		st.vuln = f->id;
		for (j = 0; j < f->naliases && st.naliases < 64; j++)
			if (crk_scanout__alias_ok(f, j))
				aliases[st.naliases++] = f->aliases[j];
		st.aliases = aliases;
		st.subject = it->comp->purl ? it->comp->purl : it->comp->bom_ref;
		st.product = product;
		st.origin = "scan";
		crk_strbuf_reset(&note);
		if (it->vex) {
			st.status = it->vex->status;
			st.justification = it->vex->justification;
			st.impact = it->vex->impact;
			st.action = it->vex->action;
			st.author = it->vex->author;
			st.time = it->vex->time;
			if (it->vex->note)
				crk_strbuf_adds(&note, it->vex->note);
		} else {
			st.status = CRK_VEX_UNDER_INVESTIGATION;
			st.time = r->now;
			if (f->status == CRK_FINDING_UNKNOWN)
				crk_strbuf_addf(&note, "crakit could not evaluate %s %s against %s: %s",
						it->display_name,
						it->comp->version ? it->comp->version : "", f->id,
						f->reason ? f->reason : "unknown reason");
			else
				crk_strbuf_addf(&note, "crakit matched %s %s against %s (affected %s)",
						it->display_name,
						it->comp->version ? it->comp->version : "", f->id,
						f->range ? f->range : "?");
			if (f->nfixed) {
				crk_strbuf_adds(&note, "; fixed in ");
				for (j = 0; j < f->nfixed; j++)
					crk_strbuf_addf(&note, "%s%s", j ? ", " : "", f->fixed[j]);
			}
			if (f->kev.listed)
				crk_strbuf_addf(&note, "; actively exploited (CISA KEV since %s)",
						f->kev.date_added ? f->kev.date_added : "?");
			crk_strbuf_adds(&note, "; not triaged yet");
		}
		if (r->incomplete)
			crk_strbuf_adds(&note, note.len ? "; the scan was INCOMPLETE"
							: "the scan was INCOMPLETE");
		if (!crk_strbuf_ok(&note)) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
		st.note = note.len ? note.buf : NULL;
		rc = crk_vex_set_add(set, &st, err);
		if (rc)
			goto out;
	}
	if (!crk_vex_set_count(set)) {
		rc = crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				 r->incomplete ? "no findings to state, and the scan is INCOMPLETE: "
						 "an OpenVEX document needs one statement at least, so "
						 "none was written"
					       : "no findings to state: an OpenVEX document needs one "
						 "statement at least, so none was written");
		crk_err_hint(err, "use --format cyclonedx or json for a result without findings");
		goto out;
	}
	if (!crk_strbuf_ok(&tooling)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	memset(&wo, 0, sizeof(wo));
	wo.author = opts->author;
	wo.timestamp = r->now;
	wo.tooling = tooling.buf;
	wo.pretty = opts->pretty;
	rc = crk_vex_write_openvex(set, &wo, &doc, &len, err);
	if (rc)
		goto out;
	crk_strbuf_add(out, doc, len);
out:
	crk_free(doc);
	crk_strbuf_release(&note);
	crk_strbuf_release(&tooling);
	crk_vex_set_free(set);
	return rc;
}
