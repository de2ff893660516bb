/*
 * law.c - facts of Regulation (EU) 2024/2847 (the CRA) that code relies on, and the product
 * categories of Annexes III and IV, as data. Source: the final text (OJ L 2024/2847 of
 * 20.11.2024, consolidated CELEX 02024R2847-20241120), summarised in
 * ../shared/reference/cra-regulation.md. Every row cites its article; tests/unit/cra/test_law.c
 * pins the facts public tools get wrong:
 *   - Annex IV has exactly three categories (the 2022 proposal listed five: HSMs, smartcard
 *     readers, robot sensors, smart meters, AMI; the adopted text does not);
 *   - the final report on an actively exploited vulnerability is due 14 days after a corrective
 *     or mitigating measure is available (Art. 14(2)(c)), not 14 days after awareness;
 *   - final article numbers: manufacturer obligations Art. 13, reporting Art. 14, important
 *     products Art. 7, critical products Art. 8, conformity assessment Art. 32, penalties Art. 64
 *     (the proposal had them elsewhere, e.g. conformity assessment in Art. 24).
 * The Annex lists can change by delegated act (Art. 7(3), 8(2)): they are data, versioned with
 * crakit, never inferred.
 */
#include <stddef.h>
#include <strings.h>

#include "crakit/cra.h"
#include "base/banned.h"

static const struct crk_cra_fact facts[] = {
	/* where things are */
	{"art_scope", "Art. 2", 0, "", "scope and exclusions"},
	{"art_definitions", "Art. 3", 0, "", "definitions"},
	{"art_important_products", "Art. 7", 0, "",
	 "important products with digital elements: the core functionality of an Annex III category"},
	{"art_critical_products", "Art. 8", 0, "",
	 "critical products with digital elements: the core functionality of an Annex IV category"},
	{"art_high_risk_ai", "Art. 12", 0, "", "high-risk AI systems that are products with digital "
					      "elements"},
	{"art_manufacturer_obligations", "Art. 13", 0, "", "obligations of manufacturers"},
	{"art_reporting", "Art. 14", 0, "",
	 "reporting of actively exploited vulnerabilities and severe incidents"},
	{"art_voluntary_reporting", "Art. 15", 0, "", "voluntary reporting"},
	{"art_single_reporting_platform", "Art. 16", 0, "", "the single reporting platform (ENISA)"},
	{"art_authorised_representative", "Art. 18", 0, "", "authorised representatives"},
	{"art_steward_obligations", "Art. 24", 0, "", "obligations of open-source software stewards"},
	{"art_presumption", "Art. 27", 0, "",
	 "presumption of conformity: harmonised standards, common specifications, certification"},
	{"art_declaration", "Art. 28", 0, "", "EU declaration of conformity (Annex V)"},
	{"art_ce_marking", "Art. 30", 0, "", "rules and conditions for affixing the CE marking"},
	{"art_technical_documentation", "Art. 31", 0, "", "technical documentation (Annex VII)"},
	{"art_conformity_assessment", "Art. 32", 0, "",
	 "conformity assessment procedures for products with digital elements"},
	{"art_penalties", "Art. 64", 0, "", "penalties"},
	{"art_entry_into_force", "Art. 71", 0, "", "entry into force and application"},
	/* Annexes */
	{"annex_i_requirements", "Annex I", 22, "requirements",
	 "Part I: point (1) and points (2)(a)-(m); Part II: points (1)-(8)"},
	{"annex_iii_class_i_points", "Annex III", 19, "categories", "important products, class I"},
	{"annex_iii_class_ii_points", "Annex III", 4, "categories", "important products, class II"},
	{"annex_iv_categories", "Annex IV", 3, "categories",
	 "critical products: hardware devices with security boxes; smart meter gateways and other "
	 "devices for advanced security purposes incl. secure cryptoprocessing; smartcards or "
	 "similar devices incl. secure elements (not the 2022 proposal's five categories)"},
	/* Art. 14 clocks */
	{"vuln_early_warning_hours", "Art. 14(2)(a)", 24, "hours",
	 "early warning of an actively exploited vulnerability: within 24 hours of becoming aware"},
	{"vuln_notification_hours", "Art. 14(2)(b)", 72, "hours",
	 "vulnerability notification: within 72 hours of becoming aware"},
	{"vuln_final_report_days", "Art. 14(2)(c)", 14, "days",
	 "final report: no later than 14 days after a corrective or mitigating measure is available "
	 "(not after awareness)"},
	{"incident_early_warning_hours", "Art. 14(4)(a)", 24, "hours",
	 "early warning of a severe incident: within 24 hours of becoming aware"},
	{"incident_notification_hours", "Art. 14(4)(b)", 72, "hours",
	 "incident notification: within 72 hours of becoming aware"},
	{"incident_final_report_months", "Art. 14(4)(c)", 1, "months",
	 "final report on a severe incident: within one month after the incident notification "
	 "was submitted"},
	/* Art. 13 periods */
	{"min_support_years", "Art. 13(8)", 5, "years",
	 "the support period is at least five years, unless the product is expected to be in use "
	 "for less time (then it equals the expected time in use)"},
	{"support_end_precision", "Art. 13(19)", 0, "",
	 "the end date of the support period is stated with at least the month and the year"},
	{"update_availability_years", "Art. 13(9)", 10, "years",
	 "each security update stays available for 10 years after issue or the rest of the support "
	 "period, whichever is longer"},
	{"documentation_retention_years", "Art. 13(13)", 10, "years",
	 "technical documentation and EU declaration of conformity kept 10 years after placing on "
	 "the market or for the support period, whichever is longer"},
	{"user_information_retention_years", "Art. 13(18)", 10, "years",
	 "user information (Annex II) kept available 10 years after placing on the market or for "
	 "the support period, whichever is longer"},
	/* Art. 64 penalties (maxima; the higher amount applies to undertakings) */
	{"fine_essential_requirements_eur", "Art. 64(2)", 15000000, "EUR",
	 "infringing Annex I or Arts. 13 and 14: up to EUR 15 000 000 or 2.5 % of worldwide annual "
	 "turnover"},
	{"fine_essential_requirements_bp", "Art. 64(2)", 250, "basis points", "2.5 % of turnover"},
	{"fine_other_obligations_eur", "Art. 64(3)", 10000000, "EUR",
	 "other obligations (Arts. 18-23, 28, 30, 31, 32, ...): up to EUR 10 000 000 or 2 %"},
	{"fine_other_obligations_bp", "Art. 64(3)", 200, "basis points", "2 % of turnover"},
	{"fine_misleading_information_eur", "Art. 64(4)", 5000000, "EUR",
	 "incorrect, incomplete or misleading information to notified bodies or market "
	 "surveillance authorities: up to EUR 5 000 000 or 1 %"},
	{"fine_misleading_information_bp", "Art. 64(4)", 100, "basis points", "1 % of turnover"},
	{"no_fine_sme_early_warning", "Art. 64(10)(a)", 0, "",
	 "micro and small enterprises are not fined for missing the 24-hour early-warning "
	 "deadlines (the duty remains)"},
	{"no_fine_steward", "Art. 64(10)(b)", 0, "",
	 "open-source software stewards are not fined for any infringement"},
	/* dates */
	{"date_entry_into_force", "Art. 71(1)", 20241210, "yyyymmdd", "entry into force"},
	{"date_notified_bodies_apply", "Art. 71(2)", 20260611, "yyyymmdd",
	 "Chapter IV (notification of conformity assessment bodies) applies"},
	{"date_reporting_applies", "Art. 71(2)", 20260911, "yyyymmdd",
	 "Art. 14 reporting applies, also to products already on the market (Art. 69(3))"},
	{"date_full_application", "Art. 71(2)", 20271211, "yyyymmdd", "the Regulation applies"},
};

#define NFACTS (sizeof(facts) / sizeof(facts[0]))

const struct crk_cra_fact *crk_cra_fact_at(size_t i)
{
	return i < NFACTS ? &facts[i] : NULL;
}

const struct crk_cra_fact *crk_cra_fact(const char *key)
{
	size_t i;
	for (i = 0; key && i < NFACTS; i++)
		if (strcasecmp(facts[i].key, key) == 0)
			return &facts[i];
	return NULL;
}

const char *crk_cra_article(const char *key)
{
	const struct crk_cra_fact *f = crk_cra_fact(key);
	return f ? f->article : "?";
}

/* Annex III (Art. 7(1)) and Annex IV (Art. 8(1)), in Annex order. Notes follow the technical
 * descriptions of Implementing Regulation (EU) 2025/2392 as the reference summarises them:
 * ancillary functions do not remove a core functionality, and being able to do a category's
 * job without it being the core function does not qualify. */
static const struct crk_cra_category categories[CRK_CRA_NCATEGORIES] = {
	{"AIII-C1-01", "identity-management", CRK_CRA_CLASS_I, 1, "Annex III class I point 1",
	 "Identity management systems and privileged access management software and hardware, "
	 "including authentication and access control readers, including biometric readers",
	 ""},
	{"AIII-C1-02", "browser", CRK_CRA_CLASS_I, 2, "Annex III class I point 2",
	 "Standalone and embedded browsers",
	 "an operating system or application shipping a browser as an ancillary function keeps "
	 "its own category"},
	{"AIII-C1-03", "password-manager", CRK_CRA_CLASS_I, 3, "Annex III class I point 3",
	 "Password managers", ""},
	{"AIII-C1-04", "malware-protection", CRK_CRA_CLASS_I, 4, "Annex III class I point 4",
	 "Software that searches for, removes, or quarantines malicious software", ""},
	{"AIII-C1-05", "vpn", CRK_CRA_CLASS_I, 5, "Annex III class I point 5",
	 "Products with digital elements with the function of virtual private network (VPN)", ""},
	{"AIII-C1-06", "network-management", CRK_CRA_CLASS_I, 6, "Annex III class I point 6",
	 "Network management systems", ""},
	{"AIII-C1-07", "siem", CRK_CRA_CLASS_I, 7, "Annex III class I point 7",
	 "Security information and event management (SIEM) systems",
	 "a SOAR platform that can ingest events is not a SIEM"},
	{"AIII-C1-08", "boot-manager", CRK_CRA_CLASS_I, 8, "Annex III class I point 8",
	 "Boot managers", ""},
	{"AIII-C1-09", "pki", CRK_CRA_CLASS_I, 9, "Annex III class I point 9",
	 "Public key infrastructure and digital certificate issuance software", ""},
	{"AIII-C1-10", "network-interface", CRK_CRA_CLASS_I, 10, "Annex III class I point 10",
	 "Physical and virtual network interfaces", ""},
	{"AIII-C1-11", "operating-system", CRK_CRA_CLASS_I, 11, "Annex III class I point 11",
	 "Operating systems", "an operating system with an ancillary browser is an operating system"},
	{"AIII-C1-12", "router-modem-switch", CRK_CRA_CLASS_I, 12, "Annex III class I point 12",
	 "Routers, modems intended for the connection to the internet, and switches", ""},
	{"AIII-C1-13", "security-microprocessor", CRK_CRA_CLASS_I, 13, "Annex III class I point 13",
	 "Microprocessors with security-related functionalities", ""},
	{"AIII-C1-14", "security-microcontroller", CRK_CRA_CLASS_I, 14,
	 "Annex III class I point 14", "Microcontrollers with security-related functionalities", ""},
	{"AIII-C1-15", "security-asic-fpga", CRK_CRA_CLASS_I, 15, "Annex III class I point 15",
	 "Application specific integrated circuits (ASIC) and field-programmable gate arrays "
	 "(FPGA) with security-related functionalities",
	 ""},
	{"AIII-C1-16", "smart-home-assistant", CRK_CRA_CLASS_I, 16, "Annex III class I point 16",
	 "Smart home general purpose virtual assistants", ""},
	{"AIII-C1-17", "smart-home-security", CRK_CRA_CLASS_I, 17, "Annex III class I point 17",
	 "Smart home products with security functionalities, including smart door locks, security "
	 "cameras, baby monitoring systems and alarm systems",
	 ""},
	{"AIII-C1-18", "connected-toy", CRK_CRA_CLASS_I, 18, "Annex III class I point 18",
	 "Internet connected toys covered by Directive 2009/48/EC that have social interactive "
	 "features (e.g. speaking or filming) or that have location tracking features",
	 ""},
	{"AIII-C1-19", "wearable", CRK_CRA_CLASS_I, 19, "Annex III class I point 19",
	 "Personal wearable products to be worn or placed on a human body that have a health "
	 "monitoring (such as tracking) purpose and to which Regulation (EU) 2017/745 or (EU) "
	 "2017/746 do not apply, or personal wearable products that are intended for the use by "
	 "and for children",
	 "a wearable that is a medical device is outside the CRA (Art. 2(2))"},
	{"AIII-C2-01", "hypervisor-container-runtime", CRK_CRA_CLASS_II, 1,
	 "Annex III class II point 1",
	 "Hypervisors and container runtime systems that support virtualised execution of "
	 "operating systems and similar environments",
	 ""},
	{"AIII-C2-02", "firewall-ids-ips", CRK_CRA_CLASS_II, 2, "Annex III class II point 2",
	 "Firewalls, intrusion detection and prevention systems", ""},
	{"AIII-C2-03", "tamper-resistant-microprocessor", CRK_CRA_CLASS_II, 3,
	 "Annex III class II point 3", "Tamper-resistant microprocessors", ""},
	{"AIII-C2-04", "tamper-resistant-microcontroller", CRK_CRA_CLASS_II, 4,
	 "Annex III class II point 4", "Tamper-resistant microcontrollers", ""},
	{"AIV-01", "hardware-security-box", CRK_CRA_CRITICAL, 1, "Annex IV point 1",
	 "Hardware Devices with Security Boxes", ""},
	{"AIV-02", "smart-meter-gateway", CRK_CRA_CRITICAL, 2, "Annex IV point 2",
	 "Smart meter gateways within smart metering systems as defined in Article 2, point (23) "
	 "of Directive (EU) 2019/944 and other devices for advanced security purposes, including "
	 "for secure cryptoprocessing",
	 ""},
	{"AIV-03", "smartcard-secure-element", CRK_CRA_CRITICAL, 3, "Annex IV point 3",
	 "Smartcards or similar devices, including secure elements", ""},
};

const struct crk_cra_category *crk_cra_category_at(size_t i)
{
	return i < CRK_CRA_NCATEGORIES ? &categories[i] : NULL;
}

const struct crk_cra_category *crk_cra_category_find(const char *s)
{
	size_t i;
	for (i = 0; s && i < CRK_CRA_NCATEGORIES; i++)
		if (strcasecmp(categories[i].id, s) == 0 || strcasecmp(categories[i].slug, s) == 0)
			return &categories[i];
	return NULL;
}

const char *crk_cra_class_str(enum crk_cra_class c)
{
	switch (c) {
	case CRK_CRA_OUT_OF_SCOPE: return "out of scope";
	case CRK_CRA_DEFAULT: return "default";
	case CRK_CRA_CLASS_I: return "important class I";
	case CRK_CRA_CLASS_II: return "important class II";
	case CRK_CRA_CRITICAL: return "critical";
	case CRK_CRA_UNDETERMINED: break;
	}
	return "undetermined";
}

const char *crk_cra_status_str(enum crk_cra_status s)
{
	switch (s) {
	case CRK_STATUS_MET: return "met";
	case CRK_STATUS_PARTIAL: return "partial";
	case CRK_STATUS_NOT_MET: return "not-met";
	case CRK_STATUS_NOT_APPLICABLE: return "not-applicable";
	case CRK_STATUS_UNKNOWN: break;
	}
	return "unknown";
}
