/*
 * report_notice.c - the notice to users of Art. 14(8) CRA (include/crakit/report.h): after
 * becoming aware of an actively exploited vulnerability or a severe incident, the manufacturer
 * informs the impacted users, and where appropriate all users, of it and, where necessary, of
 * risk mitigation and corrective measures they can deploy - where appropriate in a structured,
 * machine-readable format that is easily automatically processable.
 *
 * Three forms of one text: Markdown, plain text and CSAF 2.0 (OASIS CSAF Version 2.0, 2022).
 * The CSAF profile (CSAF 2.0 §4) follows the case:
 *   - an actively exploited vulnerability: csaf_security_advisory (§4.3), which must carry a
 *     product tree, vulnerabilities, their notes and product status (tests 6.1.27.4-6.1.27.6);
 *     the exploitation is a threat of category exploit_status (§3.2.3.13);
 *   - a severe incident: csaf_security_incident_response (§4.5, "a response to a security
 *     breach or incident"), which has no vulnerabilities but needs a note of category summary
 *     (6.1.27.1) and an external reference (6.1.27.2): the manufacturer's advisories page or
 *     website from cra.yaml. csaf_informational_advisory (§4.4) is for information "not related
 *     to a specific vulnerability of a specific product", i.e. not this.
 * The document validates against csaf_json_schema.json (the schema suite checks it).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/report.h"
#include "cra/report_fields.h"
#include "base/banned.h"

#define PID "CSAFPID-0001"

/* CSAF 2.0 §3.2.4.3: "CVE-YYYY-NNNN..." */
static int is_cve(const char *s)
{
	size_t i, n;
	if (!s || strncmp(s, "CVE-", 4) != 0)
		return 0;
	for (i = 4; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[8] != '-')
		return 0;
	for (n = 0, i = 9; s[i]; i++, n++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n >= 4;
}

static json_t *note(const char *category, const char *title, const char *text)
{
	json_t *n = json_object();
	json_object_set_new(n, "category", json_string(category));
	json_object_set_new(n, "text", json_string(text));
	json_object_set_new(n, "title", json_string(title));
	return n;
}

static char *take(char *s)
{
	/* jansson's buffer (malloc) into ours (crk_malloc), with a final newline */
	size_t n;
	char *r;
	if (!s)
		return NULL;
	n = strlen(s);
	r = crk_malloc(n + 2);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\n';
		r[n + 1] = '\0';
	}
	free(s);
	return r;
}

int crk_report_notice(char **md, char **txt, char **csaf, const struct crk_report_case *c,
		      const struct crk_report_context *ctx, const char *payload, size_t plen,
		      int64_t now, struct crk_err *err)
{
	static const struct crk_report_context noctx;
	static const char missing_text[] = "[MISSING: complete the user-notice draft]";
	void *pd = NULL;
	const char *summary = NULL, *impact = NULL, *measures = NULL, *audience = NULL;
	const char *product, *maker, *ns;
	int vuln = c->kind == CRK_REPORT_VULNERABILITY, rc;
	char ts[CRK_TIME_BUF], id[64], title[512];
	struct crk_strbuf m = CRK_STRBUF_INIT(CRK_MAX_OUTPUT), t = CRK_STRBUF_INIT(CRK_MAX_OUTPUT);
	json_t *doc = NULL, *d, *tr, *rev, *notes, *o, *pub;

	*md = *txt = *csaf = NULL;
	if (!ctx)
		ctx = &noctx;
	if (payload && plen) {
		rc = crk_report_payload_parse(&pd, payload, plen, "user-notice payload", err);
		if (rc)
			return rc;
		summary = crk_report_payload_text(pd, "summary");
		impact = crk_report_payload_text(pd, "impact");
		measures = crk_report_payload_text(pd, "user_measures");
		audience = crk_report_payload_text(pd, "audience");
	}
	product = c->product ? c->product : ctx->product ? ctx->product : "[MISSING: product]";
	maker = c->manufacturer ? c->manufacturer
		: ctx->manufacturer ? ctx->manufacturer
				    : "[MISSING: manufacturer name in cra.yaml]";
	crk_time_format_utc(ts, now);
	snprintf(id, sizeof(id), "CRAKIT-REPORT-%lld-USER-NOTICE", (long long)c->id);
	if (vuln)
		snprintf(title, sizeof(title), "Actively exploited vulnerability%s%s in %s",
			 c->cve ? " " : "", c->cve ? c->cve : "", product);
	else
		snprintf(title, sizeof(title), "Severe incident affecting %s", product);

	/* Markdown and text */
	crk_strbuf_addf(&m, "# %s\n\n", title);
	crk_strbuf_addf(&t, "%s\n\n", title);
	crk_strbuf_addf(&m, "%s informs %s (Regulation (EU) 2024/2847, Art. 14(8)).\n\n", maker,
			audience ? audience : "the users of the product");
	crk_strbuf_addf(&t, "%s informs %s (Regulation (EU) 2024/2847, Art. 14(8)).\n\n", maker,
			audience ? audience : "the users of the product");
	crk_strbuf_addf(&m, "## What happened\n\n%s\n\n", summary ? summary : missing_text);
	crk_strbuf_addf(&t, "WHAT HAPPENED\n\n%s\n\n", summary ? summary : missing_text);
	if (impact) {
		crk_strbuf_addf(&m, "## Impact\n\n%s\n\n", impact);
		crk_strbuf_addf(&t, "IMPACT\n\n%s\n\n", impact);
	}
	crk_strbuf_addf(&m, "## What you can do\n\n%s\n\n",
			measures ? measures : "[MISSING: measures users can take, or say none are needed]");
	crk_strbuf_addf(&t, "WHAT YOU CAN DO\n\n%s\n\n",
			measures ? measures : "[MISSING: measures users can take, or say none are needed]");
	if (ctx->contact || ctx->manufacturer_email) {
		crk_strbuf_addf(&m, "## Contact\n\n%s\n\n", ctx->contact ? ctx->contact
									 : ctx->manufacturer_email);
		crk_strbuf_addf(&t, "CONTACT\n\n%s\n\n", ctx->contact ? ctx->contact
								      : ctx->manufacturer_email);
	}
	crk_strbuf_addf(&m, "Published %s.\n", ts);
	crk_strbuf_addf(&t, "Published %s.\n", ts);

	/* CSAF 2.0 */
	doc = json_object();
	d = json_object();
	json_object_set_new(doc, "document", d);
	json_object_set_new(d, "category", json_string(vuln ? "csaf_security_advisory"
							   : "csaf_security_incident_response"));
	json_object_set_new(d, "csaf_version", json_string("2.0"));
	json_object_set_new(d, "lang", json_string("en"));
	notes = json_array();
	json_array_append_new(notes, note("summary", "Summary", summary ? summary : missing_text));
	if (impact)
		json_array_append_new(notes, note("general", "Impact", impact));
	if (!vuln && measures)
		json_array_append_new(notes, note("general", "What you can do", measures));
	json_array_append_new(notes, note("legal_disclaimer", "Legal basis",
					  "Information to users under Article 14(8) of Regulation "
					  "(EU) 2024/2847 (Cyber Resilience Act)."));
	json_object_set_new(d, "notes", notes);
	pub = json_object();
	json_object_set_new(pub, "category", json_string("vendor"));
	if (ctx->contact || ctx->manufacturer_email)
		json_object_set_new(pub, "contact_details",
				    json_string(ctx->contact ? ctx->contact : ctx->manufacturer_email));
	json_object_set_new(pub, "name", json_string(maker));
	/* CSAF §3.2.1.8.4: a URL under the publisher's control; without a website in cra.yaml a
	 * placeholder URN keeps the document valid and is named as missing in the text. */
	ns = ctx->website ? ctx->website : "urn:crakit:missing-manufacturer-website";
	json_object_set_new(pub, "namespace", json_string(ns));
	json_object_set_new(d, "publisher", pub);
	if (ctx->advisories_url || ctx->website) {
		json_t *refs = json_array(), *r = json_object();
		json_object_set_new(r, "category", json_string("external"));
		json_object_set_new(r, "summary", json_string(ctx->advisories_url
								      ? "Security advisories"
								      : "Manufacturer"));
		json_object_set_new(r, "url", json_string(ctx->advisories_url ? ctx->advisories_url
									 : ctx->website));
		json_array_append_new(refs, r);
		json_object_set_new(d, "references", refs);
	}
	json_object_set_new(d, "title", json_string(title));
	tr = json_object();
	json_object_set_new(tr, "current_release_date", json_string(ts));
	o = json_object();
	json_object_set_new(o, "name", json_string("crakit"));
	json_object_set_new(tr, "generator", json_pack("{s:o}", "engine", o));
	json_object_set_new(tr, "id", json_string(id));
	json_object_set_new(tr, "initial_release_date", json_string(ts));
	rev = json_object();
	json_object_set_new(rev, "date", json_string(ts));
	json_object_set_new(rev, "number", json_string("1"));
	json_object_set_new(rev, "summary", json_string("Initial notice to users (CRA Art. 14(8))"));
	json_object_set_new(tr, "revision_history", json_pack("[o]", rev));
	json_object_set_new(tr, "status", json_string("final"));
	json_object_set_new(tr, "version", json_string("1"));
	json_object_set_new(d, "tracking", tr);
	if (vuln) {
		json_t *v = json_object(), *ps = json_object(), *th = json_object();
		json_t *fp = json_object();
		json_object_set_new(fp, "name", json_string(product));
		json_object_set_new(fp, "product_id", json_string(PID));
		json_object_set_new(doc, "product_tree",
				    json_pack("{s:[o]}", "full_product_names", fp));
		if (is_cve(c->cve)) {
			json_object_set_new(v, "cve", json_string(c->cve));
		} else if (c->cve && *c->cve) {
			json_t *ident = json_object();
			json_object_set_new(ident, "system_name", json_string("manufacturer"));
			json_object_set_new(ident, "text", json_string(c->cve));
			json_object_set_new(v, "ids", json_pack("[o]", ident));
		}
		json_object_set_new(v, "notes", json_pack("[o]", note("description", "Description",
									summary ? summary
										: missing_text)));
		json_object_set_new(ps, "known_affected", json_pack("[s]", PID));
		json_object_set_new(v, "product_status", ps);
		if (measures) {
			json_t *r = json_object();
			json_object_set_new(r, "category", json_string("mitigation"));
			json_object_set_new(r, "details", json_string(measures));
			json_object_set_new(r, "product_ids", json_pack("[s]", PID));
			json_object_set_new(v, "remediations", json_pack("[o]", r));
		}
		json_object_set_new(th, "category", json_string("exploit_status"));
		json_object_set_new(th, "details",
				    json_string("Actively exploited: there is reliable evidence that a "
						"malicious actor has exploited this vulnerability "
						"(Regulation (EU) 2024/2847, Art. 3(42))."));
		json_object_set_new(v, "threats", json_pack("[o]", th));
		json_object_set_new(doc, "vulnerabilities", json_pack("[o]", v));
	}

	*csaf = take(json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER));
	if (crk_strbuf_ok(&m) && crk_strbuf_ok(&t)) {
		*md = crk_strbuf_detach(&m, NULL);
		*txt = crk_strbuf_detach(&t, NULL);
	}
	json_decref(doc);
	crk_report_payload_free(pd);
	crk_strbuf_release(&m);
	crk_strbuf_release(&t);
	if (!*csaf || !*md || !*txt) {
		crk_free(*csaf);
		crk_free(*md);
		crk_free(*txt);
		*md = *txt = *csaf = NULL;
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	return CRK_OK;
}
