/*
 * docfields.c - the items of Annex II (information and instructions to the user), Annex V (EU
 * declaration of conformity), Annex VI (simplified declaration) and Annex VII (technical
 * documentation), each with the function that fills it from cra.yaml. An item the law asks for
 * and the file does not give is MISSING with the cra.yaml key that would fill it, never left
 * out and never invented. Items marked "where applicable" in the law are NA (with the reason)
 * when they do not apply. Ids follow ../shared/reference/cra-regulation.md §7.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "cra/docfields.h"
#include "base/banned.h"

struct dfill {
	struct crk_strbuf text;
	const char *missing[16];
	size_t nmissing;
	int na;
	const char *na_why;
	struct crk_arena *a;
};

__attribute__((format(printf, 2, 3))) static void line(struct dfill *f, const char *fmt, ...)
{
	va_list ap;
	if (f->text.len)
		crk_strbuf_addch(&f->text, '\n');
	va_start(ap, fmt);
	crk_strbuf_vaddf(&f->text, fmt, ap);
	va_end(ap);
}

static void miss(struct dfill *f, const char *what)
{
	if (f->nmissing < sizeof(f->missing) / sizeof(f->missing[0]))
		f->missing[f->nmissing++] = what;
}

/* "label: value", or a missing "label (cra.yaml: key)". label NULL: the value alone. */
static void need(struct dfill *f, const char *label, const char *value, const char *missing)
{
	if (value && *value) {
		if (label)
			line(f, "%s: %s", label, value);
		else
			line(f, "%s", value);
	} else {
		miss(f, missing);
	}
}

static void have(struct dfill *f, const char *label, const char *value)
{
	if (value && *value)
		line(f, "%s: %s", label, value);
}

static void na(struct dfill *f, const char *why)
{
	f->na = 1;
	f->na_why = why;
}

static void strs_line(struct dfill *f, const char *label, const struct crk_cra_strs *s)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i;
	for (i = 0; i < s->n; i++)
		crk_strbuf_addf(&sb, "%s%s", i ? ", " : "", s->v[i]);
	if (label)
		line(f, "%s: %s", label, sb.buf);
	else
		line(f, "%s", sb.buf);
	if (!crk_strbuf_ok(&sb))
		f->text.failed = 1;
	crk_strbuf_release(&sb);
}

#define M (x->m)

/* ---- identity, shared by Annexes II, V, VI ---- */

static void manufacturer(struct dfill *f, const struct crk_docctx *x, int contact)
{
	line(f, "Manufacturer: %s", M->manufacturer.name);
	have(f, "Trade name", M->manufacturer.trade_name);
	need(f, "Postal address", M->manufacturer.address,
	     "postal address (cra.yaml: manufacturer.address)");
	if (contact) {
		if (M->manufacturer.email || M->contact.single_point_of_contact)
			line(f, "Contact: %s", M->manufacturer.email ? M->manufacturer.email
								 : M->contact.single_point_of_contact);
		else
			miss(f, "e-mail or other digital contact (cra.yaml: manufacturer.email)");
		have(f, "Website", M->manufacturer.website);
	}
}

static void product_id(struct dfill *f, const struct crk_docctx *x)
{
	line(f, "Product: %s", M->product.name);
	need(f, "Type or model", M->product.type, "type or model (cra.yaml: product.type)");
	if (M->product.versions.n)
		strs_line(f, "Versions", &M->product.versions);
	have(f, "Identification", M->product.identification);
}

/* ---- Annex VII: technical documentation ---- */

static void avii_1(struct dfill *f, const struct crk_docctx *x)
{
	product_id(f, x);
	need(f, NULL, M->product.description, "general description (cra.yaml: product.description)");
}

static void avii_1a(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->product.intended_purpose,
	     "intended purpose (cra.yaml: product.intended_purpose)");
}

static void avii_1b(struct dfill *f, const struct crk_docctx *x)
{
	if (M->product.versions.n)
		strs_line(f, NULL, &M->product.versions);
	else
		miss(f, "versions of the software (cra.yaml: product.versions)");
}

static void avii_1c(struct dfill *f, const struct crk_docctx *x)
{
	size_t i;
	if (M->product.kind == CRK_KIND_SOFTWARE) {
		na(f, "software: no hardware to show");
		return;
	}
	if (M->product.kind == CRK_KIND_UNSET && !M->product.photos.n) {
		miss(f, "whether the product is hardware (cra.yaml: product.kind)");
		return;
	}
	for (i = 0; i < M->product.photos.n; i++)
		line(f, "- %s", M->product.photos.v[i]);
	if (!M->product.photos.n)
		miss(f, "photographs or illustrations of external features, marking and internal "
			"layout (cra.yaml: product.photos)");
}

static void avii_1d(struct dfill *f, const struct crk_docctx *x)
{
	(void)x;
	line(f, "The information and instructions to the user (Annex II) are in "
		"user-information.md, written with this document.");
}

static void avii_2a(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->product.architecture,
	     "design and development information, system architecture (cra.yaml: "
	     "product.architecture)");
	if (M->product.nremote_data_processing) {
		size_t i;
		line(f, "Remote data processing (Art. 3(2)):");
		for (i = 0; i < M->product.nremote_data_processing; i++)
			line(f, "- %s%s%s", M->product.remote_data_processing[i].name,
			     M->product.remote_data_processing[i].description ? ": " : "",
			     M->product.remote_data_processing[i].description
				     ? M->product.remote_data_processing[i].description
				     : "");
	}
}

static void avii_2b(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "Software bill of materials", x->sbom,
	     "the SBOM (crakit sbom -o sbom.cdx.json, or crakit docs --sbom FILE)");
	need(f, "Coordinated vulnerability disclosure policy", M->contact.disclosure_policy_url,
	     "the coordinated vulnerability disclosure policy (cra.yaml: "
	     "contact.disclosure_policy_url)");
	if (M->contact.vulnerability_reporting || M->contact.single_point_of_contact)
		line(f, "Contact address for reporting vulnerabilities: %s",
		     M->contact.vulnerability_reporting ? M->contact.vulnerability_reporting
							: M->contact.single_point_of_contact);
	else
		miss(f, "the contact address for reporting vulnerabilities (cra.yaml: "
			"contact.vulnerability_reporting)");
	need(f, "Secure distribution of updates", M->updates.secure_distribution,
	     "the technical solution for the secure distribution of updates (cra.yaml: "
	     "updates.secure_distribution)");
}

static void avii_2c(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->product.production_monitoring,
	     "production and monitoring processes and their validation (cra.yaml: "
	     "product.production_monitoring)");
}

static void avii_3(struct dfill *f, const struct crk_docctx *x)
{
	const struct crk_cra_risk_assessment *r = &M->risk_assessment;
	size_t i, j;
	if (!r->nrisks && !r->summary) {
		miss(f, "the cybersecurity risk assessment (cra.yaml: risk_assessment)");
		return;
	}
	have(f, "Date", r->date);
	have(f, "Method", r->method);
	have(f, "How Annex I Part I (1) and Part II are applied", r->summary);
	have(f, "Intended purpose and foreseeable use", M->product.foreseeable_use);
	for (i = 0; i < r->nassets; i++)
		line(f, "- Asset %s: %s%s%s", r->assets[i].id, r->assets[i].name ? r->assets[i].name : "",
		     r->assets[i].description ? ": " : "",
		     r->assets[i].description ? r->assets[i].description : "");
	for (i = 0; i < r->nthreats; i++)
		line(f, "- Threat %s: %s", r->threats[i].id,
		     r->threats[i].name ? r->threats[i].name
					: r->threats[i].description ? r->threats[i].description : "");
	for (i = 0; i < r->nrisks; i++)
		line(f, "- Risk %s: %s (level %s)", r->risks[i].id,
		     r->risks[i].description ? r->risks[i].description : "",
		     r->risks[i].level == CRK_LEVEL_LOW	     ? "low"
		     : r->risks[i].level == CRK_LEVEL_MEDIUM   ? "medium"
		     : r->risks[i].level == CRK_LEVEL_HIGH     ? "high"
		     : r->risks[i].level == CRK_LEVEL_CRITICAL ? "critical"
							       : "not rated");
	for (i = 0; i < r->nmeasures; i++) {
		struct crk_strbuf reqs = CRK_STRBUF_INIT(0);
		for (j = 0; j < r->measures[i].requirements.n; j++)
			crk_strbuf_addf(&reqs, "%s%s", j ? ", " : "", r->measures[i].requirements.v[j]);
		line(f, "- Measure %s: %s%s%s%s", r->measures[i].id,
		     r->measures[i].description ? r->measures[i].description : "",
		     reqs.len ? " (serves " : "", reqs.buf, reqs.len ? ")" : "");
		crk_strbuf_release(&reqs);
	}
	if (!r->nrisks)
		miss(f, "the risks and measures (cra.yaml: risk_assessment.risks, "
			"risk_assessment.measures)");
	if (x->statuses) {
		line(f, "How each essential requirement of Annex I applies (Art. 13(3)):");
		line(f, "%s", x->statuses);
	}
}

static void avii_4(struct dfill *f, const struct crk_docctx *x)
{
	have(f, "Start of the support period", M->support.start);
	need(f, "End of the support period", M->support.end,
	     "the end of the support period (cra.yaml: support.end)");
	need(f, "Information taken into account", M->support.inputs,
	     "the information taken into account to determine the support period (cra.yaml: "
	     "support.inputs)");
	have(f, "Justification of a period under five years", M->support.justification);
}

static void avii_5(struct dfill *f, const struct crk_docctx *x)
{
	size_t i, n = 0;
	static const char *const kinds[] = {"unspecified", "harmonised standard",
					    "common specification",
					    "European cybersecurity certificate",
					    "other technical specification"};
	for (i = 0; i < M->conformity.napplied; i++) {
		const struct crk_cra_applied *ap = &M->conformity.applied[i];
		line(f, "- %s (%s%s%s): applied %s", ap->name, kinds[ap->kind],
		     ap->oj_reference ? ", " : "", ap->oj_reference ? ap->oj_reference : "",
		     ap->full.n == CRK_CRA_NREQ	 ? "in full for every requirement"
		     : ap->full.n && ap->partial.n ? "in full for some requirements, in part for others"
		     : ap->full.n		 ? "in full for the requirements it lists"
						 : "in part");
	}
	for (i = 0; i < CRK_CRA_NREQ; i++)
		if (M->requirements[i].implementation) {
			if (!n++)
				line(f, "Solutions adopted to meet the essential requirements:");
			line(f, "- %s: %s", crk_cra_requirement_at(i)->id,
			     M->requirements[i].implementation);
		}
	if (!M->conformity.napplied && !n)
		miss(f, "the standards, specifications or certificates applied, or the solutions "
			"adopted (cra.yaml: conformity.applied, requirements.ID.implementation)");
}

static void avii_6(struct dfill *f, const struct crk_docctx *x)
{
	size_t i;
	for (i = 0; i < M->ntests; i++) {
		const struct crk_cra_test_report *t = &M->tests[i];
		const char *where = t->path ? t->path : t->url;
		line(f, "- %s%s%s%s%s%s", t->name, t->date ? " (" : "", t->date ? t->date : "",
		     t->date ? ")" : "", where ? ": " : "", where ? where : "");
	}
	if (!M->ntests)
		miss(f, "reports of the tests verifying conformity with Annex I (cra.yaml: tests)");
}

static void avii_7(struct dfill *f, const struct crk_docctx *x)
{
	(void)x;
	line(f, "A copy of the EU declaration of conformity is eu-declaration-of-conformity.md, "
		"written with this document.");
}

static void avii_8(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "Software bill of materials, for a market surveillance authority on reasoned "
		"request",
	     x->sbom, "the SBOM (crakit sbom -o sbom.cdx.json, or crakit docs --sbom FILE)");
}

/* ---- Annex V: EU declaration of conformity ---- */

static void av_1(struct dfill *f, const struct crk_docctx *x)
{
	product_id(f, x);
}

static void av_2(struct dfill *f, const struct crk_docctx *x)
{
	manufacturer(f, x, 0);
	if (M->manufacturer.representative.pos.line) {
		line(f, "Authorised representative: %s", M->manufacturer.representative.name);
		need(f, "Its address", M->manufacturer.representative.address,
		     "the authorised representative's address (cra.yaml: "
		     "manufacturer.authorised_representative.address)");
	}
}

static void av_3(struct dfill *f, const struct crk_docctx *x)
{
	line(f, "This EU declaration of conformity is issued under the sole responsibility of %s.",
	     M->manufacturer.name);
}

static void av_4(struct dfill *f, const struct crk_docctx *x)
{
	line(f, "%s%s%s", M->product.name, M->product.type ? ", type " : "",
	     M->product.type ? M->product.type : "");
	if (M->product.versions.n)
		strs_line(f, "Versions", &M->product.versions);
	need(f, "Identification allowing traceability", M->product.identification,
	     "the identification allowing traceability (cra.yaml: product.identification)");
}

static void av_5(struct dfill *f, const struct crk_docctx *x)
{
	size_t i;
	line(f, "The object of the declaration described above is in conformity with the relevant "
		"Union harmonisation legislation:");
	line(f, "- Regulation (EU) 2024/2847 (Cyber Resilience Act)");
	for (i = 0; i < M->declaration.other_union_acts.n; i++)
		line(f, "- %s", M->declaration.other_union_acts.v[i]);
}

static void av_6(struct dfill *f, const struct crk_docctx *x)
{
	size_t i;
	for (i = 0; i < M->conformity.napplied; i++) {
		const struct crk_cra_applied *ap = &M->conformity.applied[i];
		if (ap->kind == CRK_INSTR_OTHER || ap->kind == CRK_INSTR_UNSET)
			continue;
		line(f, "- %s%s%s%s%s%s", ap->name, ap->oj_reference ? " (" : "",
		     ap->oj_reference ? ap->oj_reference : "", ap->oj_reference ? ")" : "",
		     ap->certificate ? ", certificate " : "", ap->certificate ? ap->certificate : "");
	}
	if (!f->text.len)
		line(f, "No harmonised standard, common specification or European cybersecurity "
			"certification is referred to.");
}

static void av_7(struct dfill *f, const struct crk_docctx *x)
{
	unsigned r = M->conformity.route;
	if (!r) {
		miss(f, "the conformity assessment procedure followed (cra.yaml: conformity.route)");
		return;
	}
	if (r == CRK_ROUTE_A) {
		line(f, "Conformity assessment procedure: internal control (module A, Annex VIII "
			"Part I); no notified body was involved.");
		return;
	}
	if (r == CRK_ROUTE_EU_CERT) {
		line(f, "Conformity assessment procedure: European cybersecurity certification.");
		need(f, "Certificate", M->conformity.certificate,
		     "the certificate (cra.yaml: conformity.certificate)");
		return;
	}
	line(f, "Conformity assessment procedure: %s",
	     r == CRK_ROUTE_BC ? "EU-type examination (module B, Annex VIII Part II) followed by "
				 "conformity to type based on internal production control (module C, "
				 "Annex VIII Part III)"
			       : "conformity based on full quality assurance (module H, Annex VIII "
				 "Part IV)");
	need(f, "Notified body", M->conformity.notified_body,
	     "the notified body's name (cra.yaml: conformity.notified_body)");
	need(f, "Notified body number", M->conformity.notified_body_number,
	     "the notified body's number (cra.yaml: conformity.notified_body_number)");
	need(f, "Certificate", M->conformity.certificate,
	     "the certificate issued (cra.yaml: conformity.certificate)");
}

static void av_8(struct dfill *f, const struct crk_docctx *x)
{
	have(f, "Additional information", M->declaration.additional_information);
	line(f, "Signed for and on behalf of: %s", M->manufacturer.name);
	need(f, "Place of issue", M->declaration.place,
	     "the place of issue (cra.yaml: declaration.place)");
	need(f, "Date of issue", M->declaration.date,
	     "the date of issue (cra.yaml: declaration.date)");
	need(f, "Name", M->declaration.signatory,
	     "the name of the signatory (cra.yaml: declaration.signatory)");
	need(f, "Function", M->declaration.function,
	     "the signatory's function (cra.yaml: declaration.function)");
	line(f, "Signature: ______________________ (signed on paper or electronically)");
}

/* ---- Annex VI: simplified EU declaration of conformity ---- */

static void avi_1(struct dfill *f, const struct crk_docctx *x)
{
	if (!M->product.type) {
		miss(f, "the type designation of the product (cra.yaml: product.type)");
		return;
	}
	line(f, "Hereby, %s declares that the product with digital elements type %s is in "
		"compliance with Regulation (EU) 2024/2847.",
	     M->manufacturer.name, M->product.type);
}

static void avi_2(struct dfill *f, const struct crk_docctx *x)
{
	if (!M->declaration.url) {
		miss(f, "the exact internet address of the full EU declaration (cra.yaml: "
			"declaration.url)");
		return;
	}
	line(f, "The full text of the EU declaration of conformity is available at the following "
		"internet address: %s",
	     M->declaration.url);
}

/* ---- Annex II: information and instructions to the user ---- */

static void aii_1(struct dfill *f, const struct crk_docctx *x)
{
	manufacturer(f, x, 1);
}

static void aii_2(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "Single point of contact, for reporting and receiving information about "
		"vulnerabilities",
	     M->contact.single_point_of_contact,
	     "the single point of contact (cra.yaml: contact.single_point_of_contact)");
	need(f, "Coordinated vulnerability disclosure policy", M->contact.disclosure_policy_url,
	     "where the coordinated vulnerability disclosure policy is (cra.yaml: "
	     "contact.disclosure_policy_url)");
}

static void aii_3(struct dfill *f, const struct crk_docctx *x)
{
	product_id(f, x);
}

static void aii_4(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "Intended purpose", M->product.intended_purpose,
	     "the intended purpose (cra.yaml: product.intended_purpose)");
	need(f, "Essential functionalities", M->product.essential_functions,
	     "the essential functionalities (cra.yaml: product.essential_functions)");
	need(f, "Security properties and security environment", M->product.security_properties,
	     "the security properties and environment (cra.yaml: product.security_properties)");
}

static void aii_5(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->product.foreseeable_misuse,
	     "circumstances that may lead to significant cybersecurity risks (cra.yaml: "
	     "product.foreseeable_misuse)");
}

static void aii_6(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "EU declaration of conformity", M->declaration.url,
	     "the internet address of the EU declaration of conformity (cra.yaml: "
	     "declaration.url)");
}

static void aii_7(struct dfill *f, const struct crk_docctx *x)
{
	need(f, "Technical security support", M->support.kind,
	     "the type of technical security support offered (cra.yaml: support.kind)");
	need(f, "End of the support period (security updates and vulnerability handling)",
	     M->support.end, "the end date of the support period (cra.yaml: support.end)");
}

static void aii_8(struct dfill *f, const struct crk_docctx *x)
{
	have(f, "Detailed instructions", M->user_information.url);
}

static void aii_8a(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->user_information.secure_use,
	     "the measures for secure use at commissioning and during the lifetime (cra.yaml: "
	     "user_information.secure_use)");
}

static void aii_8b(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->user_information.changes_impact,
	     "how changes to the product can affect the security of data (cra.yaml: "
	     "user_information.changes_impact)");
}

static void aii_8c(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->updates.install_instructions,
	     "how security updates are installed (cra.yaml: updates.install_instructions)");
}

static void aii_8d(struct dfill *f, const struct crk_docctx *x)
{
	need(f, NULL, M->user_information.decommissioning,
	     "secure decommissioning and removal of user data (cra.yaml: "
	     "user_information.decommissioning)");
}

static void aii_8e(struct dfill *f, const struct crk_docctx *x)
{
	if (M->updates.automatic == CRK_NO) {
		na(f, "security updates are not installed automatically (cra.yaml: "
		      "updates.automatic)");
		return;
	}
	if (M->updates.automatic == CRK_UNSET && !M->updates.opt_out) {
		miss(f, "whether security updates install automatically, and how to turn that off "
			"(cra.yaml: updates.automatic, updates.opt_out)");
		return;
	}
	need(f, NULL, M->updates.opt_out,
	     "how to turn off the automatic installation of security updates (cra.yaml: "
	     "updates.opt_out)");
}

static void aii_8f(struct dfill *f, const struct crk_docctx *x)
{
	if (M->product.for_integration == CRK_NO) {
		na(f, "the product is not meant for integration into other products");
		return;
	}
	if (M->product.for_integration == CRK_UNSET && !M->product.integration_guidance) {
		miss(f, "whether the product is meant for integration into other products (cra.yaml: "
			"product.for_integration)");
		return;
	}
	need(f, NULL, M->product.integration_guidance,
	     "what integrators need to meet Annex I and Annex VII (cra.yaml: "
	     "product.integration_guidance)");
}

static void aii_9(struct dfill *f, const struct crk_docctx *x)
{
	if (!M->user_information.sbom_url) {
		na(f, "the SBOM is not made available to users (cra.yaml: user_information.sbom_url "
		      "says where, if it is)");
		return;
	}
	line(f, "Software bill of materials: %s", M->user_information.sbom_url);
}

struct item {
	const char *id, *ref, *title;
	int heading;
	void (*fill)(struct dfill *, const struct crk_docctx *);
};

static const struct item annex_vii[] = {
	{"AVII-1", "Annex VII point 1", "General description of the product", 0, avii_1},
	{"AVII-1a", "Annex VII point 1(a)", "Intended purpose", 0, avii_1a},
	{"AVII-1b", "Annex VII point 1(b)", "Versions of software affecting compliance with the "
					    "essential requirements",
	 0, avii_1b},
	{"AVII-1c", "Annex VII point 1(c)", "Hardware: photographs or illustrations of external "
					    "features, marking and internal layout",
	 0, avii_1c},
	{"AVII-1d", "Annex VII point 1(d)", "User information and instructions (Annex II)", 0,
	 avii_1d},
	{"AVII-2", "Annex VII point 2", "Design, development, production and vulnerability "
					"handling",
	 1, NULL},
	{"AVII-2a", "Annex VII point 2(a)", "Design and development, system architecture", 0,
	 avii_2a},
	{"AVII-2b", "Annex VII point 2(b)", "Vulnerability handling: SBOM, coordinated "
					    "vulnerability disclosure policy, reporting contact, "
					    "secure distribution of updates",
	 0, avii_2b},
	{"AVII-2c", "Annex VII point 2(c)", "Production and monitoring processes and their "
					    "validation",
	 0, avii_2c},
	{"AVII-3", "Annex VII point 3", "Cybersecurity risk assessment (Art. 13)", 0, avii_3},
	{"AVII-4", "Annex VII point 4", "Information taken into account to determine the support "
					"period (Art. 13(8))",
	 0, avii_4},
	{"AVII-5", "Annex VII point 5", "Harmonised standards, common specifications or European "
					"cybersecurity certification schemes applied, or the "
					"solutions adopted",
	 0, avii_5},
	{"AVII-6", "Annex VII point 6", "Reports of the tests verifying conformity with Annex I", 0,
	 avii_6},
	{"AVII-7", "Annex VII point 7", "Copy of the EU declaration of conformity", 0, avii_7},
	{"AVII-8", "Annex VII point 8", "Software bill of materials, on reasoned request of a "
					"market surveillance authority",
	 0, avii_8},
};

static const struct item annex_v[] = {
	{"AV-1", "Annex V point 1", "Name and type, and information allowing the identification "
				    "of the product",
	 0, av_1},
	{"AV-2", "Annex V point 2", "Name and address of the manufacturer or its authorised "
				    "representative",
	 0, av_2},
	{"AV-3", "Annex V point 3", "Sole responsibility", 0, av_3},
	{"AV-4", "Annex V point 4", "Object of the declaration", 0, av_4},
	{"AV-5", "Annex V point 5", "Conformity with Union harmonisation legislation", 0, av_5},
	{"AV-6", "Annex V point 6", "Harmonised standards, common specifications or cybersecurity "
				    "certification referred to",
	 0, av_6},
	{"AV-7", "Annex V point 7", "Notified body, conformity assessment procedure and "
				    "certificate",
	 0, av_7},
	{"AV-8", "Annex V point 8", "Additional information, place and date of issue, signature",
	 0, av_8},
};

static const struct item annex_vi[] = {
	{"AVI-1", "Annex VI", "Declaration", 0, avi_1},
	{"AVI-2", "Annex VI", "Where the full declaration is", 0, avi_2},
};

static const struct item annex_ii[] = {
	{"AII-1", "Annex II point 1", "Manufacturer", 0, aii_1},
	{"AII-2", "Annex II point 2", "Single point of contact and vulnerability disclosure policy",
	 0, aii_2},
	{"AII-3", "Annex II point 3", "Product identification", 0, aii_3},
	{"AII-4", "Annex II point 4", "Intended purpose, essential functionalities and security "
				      "properties",
	 0, aii_4},
	{"AII-5", "Annex II point 5", "Circumstances that may lead to significant cybersecurity "
				      "risks",
	 0, aii_5},
	{"AII-6", "Annex II point 6", "EU declaration of conformity", 0, aii_6},
	{"AII-7", "Annex II point 7", "Technical security support and end of the support period", 0,
	 aii_7},
	{"AII-8", "Annex II point 8", "Detailed instructions", 1, aii_8},
	{"AII-8a", "Annex II point 8(a)", "Secure use, from commissioning to the end of its "
					  "lifetime",
	 0, aii_8a},
	{"AII-8b", "Annex II point 8(b)", "How changes to the product can affect the security of "
					  "data",
	 0, aii_8b},
	{"AII-8c", "Annex II point 8(c)", "Installing security updates", 0, aii_8c},
	{"AII-8d", "Annex II point 8(d)", "Secure decommissioning and removal of user data", 0,
	 aii_8d},
	{"AII-8e", "Annex II point 8(e)", "Turning off automatic security updates", 0, aii_8e},
	{"AII-8f", "Annex II point 8(f)", "For integrators: meeting Annex I and Annex VII", 0, aii_8f},
	{"AII-9", "Annex II point 9", "Where the software bill of materials is", 0, aii_9},
};

int crk_cra__docfields(enum crk_docset_annex annex, const struct crk_docctx *x,
		       struct crk_docfield_value **out, size_t *n)
{
	const struct item *items;
	struct crk_docfield_value *v;
	size_t count, i, j;
	switch (annex) {
	case CRK_ANNEX_II: items = annex_ii, count = sizeof(annex_ii) / sizeof(annex_ii[0]); break;
	case CRK_ANNEX_V: items = annex_v, count = sizeof(annex_v) / sizeof(annex_v[0]); break;
	case CRK_ANNEX_VI: items = annex_vi, count = sizeof(annex_vi) / sizeof(annex_vi[0]); break;
	default: items = annex_vii, count = sizeof(annex_vii) / sizeof(annex_vii[0]); break;
	}
	*out = NULL;
	*n = 0;
	v = crk_arena_array(x->a, count, sizeof(*v));
	if (!v)
		return CRK_ENOMEM;
	for (i = 0; i < count; i++) {
		struct dfill f;
		memset(&f, 0, sizeof(f));
		crk_strbuf_init(&f.text, 0);
		f.a = x->a;
		v[i].id = items[i].id;
		v[i].ref = items[i].ref;
		v[i].title = items[i].title;
		v[i].heading = items[i].heading;
		if (items[i].fill)
			items[i].fill(&f, x);
		if (f.na && f.na_why)
			line(&f, "Not applicable: %s.", f.na_why);
		v[i].state = f.nmissing ? CRK_DF_MISSING : f.na ? CRK_DF_NA : CRK_DF_FILLED;
		if (!crk_strbuf_ok(&f.text) || !(v[i].text = crk_arena_strndup(x->a, f.text.buf,
									      f.text.len))) {
			crk_strbuf_release(&f.text);
			return CRK_ENOMEM;
		}
		crk_strbuf_release(&f.text);
		if (f.nmissing) {
			const char **mv = crk_arena_array(x->a, f.nmissing, sizeof(*mv));
			if (!mv)
				return CRK_ENOMEM;
			for (j = 0; j < f.nmissing; j++)
				mv[j] = f.missing[j];
			v[i].missing = mv;
			v[i].nmissing = f.nmissing;
		}
	}
	*out = v;
	*n = count;
	return CRK_OK;
}

const char *crk_cra__status_lines(struct crk_arena *a, const struct crk_cra_assessment *as)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char *s;
	size_t i;
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &as->items[i];
		const struct crk_cra_req_record *rec = &as->m->requirements[i];
		crk_strbuf_addf(&sb, "%s- %s (%s): %s", i ? "\n" : "", it->req->id, it->req->title,
				crk_cra_status_str(it->status));
		if (rec->implementation)
			crk_strbuf_addf(&sb, "; %s", rec->implementation);
		if (it->status == CRK_STATUS_NOT_APPLICABLE && rec->justification)
			crk_strbuf_addf(&sb, "; why: %s", rec->justification);
	}
	s = crk_strbuf_ok(&sb) ? crk_arena_strndup(a, sb.buf, sb.len) : NULL;
	crk_strbuf_release(&sb);
	return s;
}
