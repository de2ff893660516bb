/*
 * manifest_schema.c - the fields of cra.yaml (see manifest.h), one row each, with the article
 * that asks for it. docs/cra-yaml.md explains each field; docs/cra.schema.json is the same
 * shape for editors (tests/unit/cra/test_manifest.c keeps the three in step).
 */
#include <stddef.h>

#include "crakit/cra.h"
#include "cra/manifest.h"
#include "base/banned.h"

/* An enumeration's index is its stored value; "" at index 0 means "no spelling for unset". */
static const char *const sizes[] = {"", "micro", "small", "medium", "large", NULL};
static const char *const kinds[] = {"", "software", "hardware", "hardware-and-software", NULL};
static const char *const instruments[] = {"",
					  "harmonised-standard",
					  "common-specification",
					  "eu-certificate",
					  "other-specification",
					  NULL};
static const char *const assurance[] = {"", "basic", "substantial", "high", NULL};
static const char *const levels[] = {"", "low", "medium", "high", "critical", NULL};
const char *const crk_cra__statuses[] = {"unknown", "met", "partial", "not-met",
					 "not-applicable", NULL};
/* Bit i of enum crk_cra_route. */
const char *const crk_cra__routes[] = {"A", "B+C", "H", "EU-certification", NULL};

#define FIELD(T, k, kind, m, fl, doc) {k, kind, offsetof(T, m), CRK_NOPOS, NULL, 0, 0, NULL, fl, doc}
#define FIELDP(T, k, kind, m, p, fl, doc)                                                         \
	{k, kind, offsetof(T, m), offsetof(T, p), NULL, 0, 0, NULL, fl, doc}
#define ENUM(T, k, m, vals, doc) {k, CRK_F_ENUM, offsetof(T, m), CRK_NOPOS, NULL, 0, 0, vals, 0, doc}
#define MAP(T, k, m, sub, fl, doc) {k, CRK_F_MAP, offsetof(T, m), CRK_NOPOS, sub, 0, 0, NULL, fl, doc}
#define LIST(T, k, m, cnt, sub, IT, doc)                                                          \
	{k, CRK_F_LIST, offsetof(T, m), CRK_NOPOS, sub, sizeof(IT), offsetof(T, cnt), NULL, 0, doc}
#define END {NULL, CRK_F_STR, 0, CRK_NOPOS, NULL, 0, 0, NULL, 0, NULL}

#define P struct crk_cra_party
static const struct crk_field party[] = {
	FIELD(P, "name", CRK_F_STR, name, CRK_FF_REQUIRED, "name of the authorised representative"),
	FIELD(P, "address", CRK_F_STR, address, 0, "postal address"),
	FIELD(P, "email", CRK_F_EMAIL, email, 0, "e-mail address"),
	FIELD(P, "website", CRK_F_URL, website, 0, "website"),
	FIELD(P, "country", CRK_F_COUNTRY, country, 0, "country (ISO 3166-1 alpha-2)"),
	END,
};
#undef P

#define T struct crk_cra_manufacturer
static const struct crk_field manufacturer[] = {
	FIELD(T, "name", CRK_F_STR, name, CRK_FF_REQUIRED,
	      "name, registered trade name or trade mark (Art. 13(16), Annex II point 1)"),
	FIELD(T, "trade_name", CRK_F_STR, trade_name, 0,
	      "registered trade name or trade mark, when not the name"),
	FIELD(T, "address", CRK_F_STR, address, 0,
	      "postal address (Art. 13(16), Annex II point 1, Annex V point 2)"),
	FIELD(T, "email", CRK_F_EMAIL, email, 0, "e-mail address (Art. 13(16))"),
	FIELD(T, "website", CRK_F_URL, website, 0, "website (Art. 13(16))"),
	FIELD(T, "phone", CRK_F_STR, phone, 0, "telephone number"),
	FIELD(T, "country", CRK_F_COUNTRY, country, 0,
	      "Member State of main establishment, 2 letters (routes Art. 14 reports, Art. 14(7))"),
	ENUM(T, "size", size, sizes,
	     "micro, small, medium or large enterprise (Art. 32(6) fees, Art. 64(10)(a))"),
	MAP(T, "authorised_representative", representative, party, 0,
	    "authorised representative, if one is mandated (Art. 18, Annex V point 2)"),
	END,
};
#undef T

#define T struct crk_cra_remote
static const struct crk_field remote[] = {
	FIELD(T, "name", CRK_F_STR, name, CRK_FF_REQUIRED, "name of the remote data processing"),
	FIELD(T, "description", CRK_F_STR, description, 0, "what it does for the product"),
	END,
};
#undef T

#define T struct crk_cra_product
static const struct crk_field product[] = {
	FIELD(T, "name", CRK_F_STR, name, CRK_FF_REQUIRED,
	      "product name (Annex II point 3, Annex V point 1)"),
	FIELD(T, "type", CRK_F_STR, type, 0,
	      "type or model designation (Annex II point 3, Annex VI)"),
	FIELD(T, "versions", CRK_F_STRS, versions, CRK_FF_ONE_OK,
	      "software versions affecting compliance (Annex VII point 1(b))"),
	FIELD(T, "identification", CRK_F_STR, identification, 0,
	      "type, batch or serial number, or other identification (Art. 13(15))"),
	ENUM(T, "kind", kind, kinds, "software, hardware or hardware-and-software"),
	FIELD(T, "description", CRK_F_STR, description, 0,
	      "general description (Annex VII point 1)"),
	FIELD(T, "intended_purpose", CRK_F_STR, intended_purpose, 0,
	      "intended purpose (Annex II point 4, Annex VII point 1(a))"),
	FIELD(T, "foreseeable_use", CRK_F_STR, foreseeable_use, 0,
	      "reasonably foreseeable use and conditions of use (Art. 13(3))"),
	FIELD(T, "foreseeable_misuse", CRK_F_STR, foreseeable_misuse, 0,
	      "circumstances that may lead to significant cybersecurity risks (Annex II point 5)"),
	FIELD(T, "essential_functions", CRK_F_STR, essential_functions, 0,
	      "essential functionalities (Annex II point 4)"),
	FIELD(T, "security_properties", CRK_F_STR, security_properties, 0,
	      "security properties and the security environment provided (Annex II point 4)"),
	LIST(T, "remote_data_processing", remote_data_processing, nremote_data_processing, remote,
	     struct crk_cra_remote, "remote data processing solutions (Art. 3(2))"),
	FIELD(T, "placed_on_market", CRK_F_DATE, placed_on_market, 0,
	      "date of placing on the market, YYYY-MM-DD (Art. 3(21); retention, Art. 13(13))"),
	FIELD(T, "for_integration", CRK_F_BOOL, for_integration, 0,
	      "true for a component meant to be integrated into other products (Annex II 8(f))"),
	FIELD(T, "integration_guidance", CRK_F_STR, integration_guidance, 0,
	      "what an integrator needs to meet Annex I and VII (Annex II point 8(f))"),
	FIELD(T, "architecture", CRK_F_STR, architecture, 0,
	      "system architecture: how software components build on each other (Annex VII 2(a))"),
	FIELD(T, "production_monitoring", CRK_F_STR, production_monitoring, 0,
	      "production and monitoring processes and their validation (Annex VII point 2(c))"),
	FIELD(T, "photos", CRK_F_STRS, photos, CRK_FF_ONE_OK,
	      "hardware: photographs of external features, marking, layout (Annex VII 1(c))"),
	END,
};
#undef T

#define T struct crk_cra_scope
static const struct crk_field scope[] = {
	FIELD(T, "data_connection", CRK_F_BOOL, data_connection, 0,
	      "intended or foreseeable use includes a data connection to a device or network "
	      "(Art. 2(1))"),
	FIELD(T, "commercial_activity", CRK_F_BOOL, commercial_activity, 0,
	      "made available in the course of a commercial activity (Art. 3(22), recital 18)"),
	FIELD(T, "open_source", CRK_F_BOOL, open_source, 0,
	      "free and open-source software (Art. 3(48))"),
	FIELD(T, "open_source_steward", CRK_F_BOOL, open_source_steward, 0,
	      "we are an open-source software steward, not a manufacturer (Art. 3(14), Art. 24)"),
	FIELD(T, "own_use_only", CRK_F_BOOL, own_use_only, 0,
	      "developed for our own use only, never placed on the market (Art. 3(21))"),
	FIELD(T, "medical_device", CRK_F_BOOL, medical_device, 0,
	      "covered by Regulation (EU) 2017/745 on medical devices (Art. 2(2))"),
	FIELD(T, "in_vitro_diagnostic", CRK_F_BOOL, in_vitro_diagnostic, 0,
	      "covered by Regulation (EU) 2017/746 on in vitro diagnostic devices (Art. 2(2))"),
	FIELD(T, "motor_vehicle", CRK_F_BOOL, motor_vehicle, 0,
	      "covered by Regulation (EU) 2019/2144 on motor vehicle type-approval (Art. 2(2))"),
	FIELD(T, "civil_aviation", CRK_F_BOOL, civil_aviation, 0,
	      "certified under Regulation (EU) 2018/1139 on civil aviation (Art. 2(3))"),
	FIELD(T, "marine_equipment", CRK_F_BOOL, marine_equipment, 0,
	      "marine equipment under Directive 2014/90/EU (Art. 2(4))"),
	FIELD(T, "national_security", CRK_F_BOOL, national_security, 0,
	      "developed or modified exclusively for national security or defence, or to process "
	      "classified information (Art. 2(7))"),
	FIELD(T, "spare_part", CRK_F_BOOL, spare_part, 0,
	      "a spare part identical to the one it replaces, made to the same specification "
	      "(Art. 2(6))"),
	FIELD(T, "equivalent_sector_rules", CRK_F_STR, equivalent_sector_rules, 0,
	      "Union rules the Commission declared equivalent by delegated act (Art. 2(5))"),
	FIELD(T, "high_risk_ai", CRK_F_BOOL, high_risk_ai, 0,
	      "a high-risk AI system under the AI Act (Art. 12)"),
	END,
};
#undef T

#define T struct crk_cra_functionality
static const struct crk_field functionality[] = {
	FIELDP(T, "core", CRK_F_CAT_IDS, core, core_pos, 0,
	       "Annex III/IV categories whose function is the product's CORE functionality "
	       "(Art. 7(1), 8(1)); [] for none"),
	FIELD(T, "integrates", CRK_F_CAT_IDS, integrates, 0,
	      "categories present only as integrated components or ancillary functions (they do "
	      "not change the category, Art. 7(1))"),
	FIELD(T, "justification", CRK_F_STR, justification, 0,
	      "why the core functionality is (or is not) that of a listed category"),
	END,
};
#undef T

#define T struct crk_cra_applied
static const struct crk_field applied[] = {
	FIELD(T, "name", CRK_F_STR, name, CRK_FF_REQUIRED,
	      "reference of the standard, specification or certificate (Annex VII point 5)"),
	ENUM(T, "kind", kind, instruments,
	     "harmonised-standard, common-specification, eu-certificate or other-specification "
	     "(Art. 27)"),
	FIELD(T, "oj_reference", CRK_F_STR, oj_reference, 0,
	      "where the Official Journal cites the harmonised standard (Art. 27(1))"),
	FIELD(T, "scheme", CRK_F_STR, scheme, 0,
	      "European cybersecurity certification scheme, e.g. EUCC (Regulation (EU) 2019/881)"),
	FIELD(T, "certificate", CRK_F_STR, certificate, 0, "certificate identifier"),
	ENUM(T, "assurance_level", assurance_level, assurance,
	     "basic, substantial or high (Art. 27(8), 32(2))"),
	FIELD(T, "full", CRK_F_REQ_IDS, full, CRK_FF_ALL_OK,
	      "Annex I requirements it covers in full (ids, or all)"),
	FIELD(T, "partial", CRK_F_REQ_IDS, partial, CRK_FF_ALL_OK,
	      "Annex I requirements it covers in part"),
	END,
};
#undef T

#define T struct crk_cra_conformity
static const struct crk_field conformity[] = {
	{"route", CRK_F_ROUTE, offsetof(T, route), offsetof(T, route_pos), NULL, 0, 0,
	 crk_cra__routes, 0, "the conformity assessment route chosen: A, B+C, H or "
			     "EU-certification (Art. 32)"},
	FIELD(T, "notified_body", CRK_F_STR, notified_body, 0,
	      "name of the notified body (Annex V point 7)"),
	FIELD(T, "notified_body_number", CRK_F_STR, notified_body_number, 0,
	      "identification number of the notified body (Annex V point 7, Art. 30(4))"),
	FIELD(T, "certificate", CRK_F_STR, certificate, 0,
	      "certificate issued (Annex V point 7)"),
	FIELD(T, "technical_documentation_public", CRK_F_BOOL, technical_documentation_public, 0,
	      "the technical documentation is made public (free and open-source, Art. 32(5))"),
	FIELD(T, "mandatory_certification", CRK_F_BOOL, mandatory_certification, 0,
	      "a delegated act under Art. 8(1) requires European certification for this product"),
	LIST(T, "applied", applied, napplied, applied, struct crk_cra_applied,
	     "harmonised standards, common specifications and certificates applied (Art. 27)"),
	END,
};
#undef T

#define T struct crk_cra_support
static const struct crk_field support[] = {
	FIELD(T, "start", CRK_F_DATE, start, 0, "start of the support period, YYYY-MM-DD"),
	FIELDP(T, "end", CRK_F_DATE_OR_MONTH, end, end_pos, 0,
	       "end of the support period, at least month and year: YYYY-MM (Art. 13(19))"),
	FIELD(T, "justification", CRK_F_STR, justification, 0,
	      "why, when the period is under five years (expected time in use, Art. 13(8))"),
	FIELD(T, "inputs", CRK_F_STR, inputs, 0,
	      "information taken into account to set the period (Annex VII point 4)"),
	FIELD(T, "kind", CRK_F_STR, kind, 0,
	      "type of technical security support offered (Annex II point 7)"),
	END,
};
#undef T

#define T struct crk_cra_contact
static const struct crk_field contact[] = {
	FIELD(T, "single_point_of_contact", CRK_F_CONTACT, single_point_of_contact, 0,
	      "single point of contact for users (Art. 13(17), Annex II point 2)"),
	FIELD(T, "vulnerability_reporting", CRK_F_CONTACT, vulnerability_reporting, 0,
	      "where to report vulnerabilities (Annex I Part II (6))"),
	FIELD(T, "disclosure_policy_url", CRK_F_URL, disclosure_policy_url, 0,
	      "coordinated vulnerability disclosure policy (Annex I Part II (5), Annex II 2)"),
	FIELD(T, "security_txt_url", CRK_F_URL, security_txt_url, 0,
	      "where security.txt is published (RFC 9116)"),
	FIELD(T, "advisories_url", CRK_F_URL, advisories_url, 0,
	      "where fixed vulnerabilities are disclosed (Annex I Part II (4))"),
	END,
};
#undef T

#define T struct crk_cra_updates
static const struct crk_field updates[] = {
	FIELD(T, "mechanism", CRK_F_STR, mechanism, 0,
	      "how security updates reach users (Annex I Part I (2)(c), Part II (7))"),
	FIELD(T, "automatic", CRK_F_BOOL, automatic, 0,
	      "automatic security updates enabled by default (Annex I Part I (2)(c))"),
	FIELD(T, "opt_out", CRK_F_STR, opt_out, 0,
	      "how users turn automatic updates off (Annex II point 8(e))"),
	FIELD(T, "separate_security_updates", CRK_F_BOOL, separate_security_updates, 0,
	      "security updates can be installed apart from feature updates (Annex I Part II (2))"),
	FIELD(T, "separation_justification", CRK_F_STR, separation_justification, 0,
	      "when false: why separating them is not technically feasible (Annex I Part II (2))"),
	FIELD(T, "free_of_charge", CRK_F_BOOL, free_of_charge, 0,
	      "security updates are free of charge (Annex I Part II (8))"),
	FIELD(T, "secure_distribution", CRK_F_STR, secure_distribution, 0,
	      "technical solution for secure distribution of updates (Annex VII point 2(b))"),
	FIELD(T, "install_instructions", CRK_F_STR, install_instructions, 0,
	      "how security updates are installed (Annex II point 8(c))"),
	FIELD(T, "signing", CRK_F_STR, signing, 0,
	      "how releases are signed or checksummed (e.g. sigstore, gpg, SHA256SUMS)"),
	END,
};
#undef T

#define T struct crk_cra_userinfo
static const struct crk_field userinfo[] = {
	FIELD(T, "url", CRK_F_URL, url, 0, "where the detailed user instructions are (Annex II 8)"),
	FIELD(T, "secure_use", CRK_F_STR, secure_use, 0,
	      "measures for secure use at commissioning and over the lifetime (Annex II 8(a))"),
	FIELD(T, "changes_impact", CRK_F_STR, changes_impact, 0,
	      "how changes to the product can affect the security of data (Annex II 8(b))"),
	FIELD(T, "decommissioning", CRK_F_STR, decommissioning, 0,
	      "secure decommissioning and removal of user data (Annex II point 8(d))"),
	FIELD(T, "sbom_url", CRK_F_URL, sbom_url, 0,
	      "where users can get the SBOM, if it is made available (Annex II point 9)"),
	END,
};
#undef T

#define T struct crk_cra_asset
static const struct crk_field asset[] = {
	FIELD(T, "id", CRK_F_STR, id, CRK_FF_REQUIRED, "short id, e.g. A1"),
	FIELD(T, "name", CRK_F_STR, name, 0, "what is protected"),
	FIELD(T, "description", CRK_F_STR, description, 0, "why it matters"),
	END,
};
#undef T
#define T struct crk_cra_threat
static const struct crk_field threat[] = {
	FIELD(T, "id", CRK_F_STR, id, CRK_FF_REQUIRED, "short id, e.g. T1"),
	FIELD(T, "name", CRK_F_STR, name, 0, "the threat"),
	FIELD(T, "description", CRK_F_STR, description, 0, "how it would happen"),
	FIELD(T, "assets", CRK_F_STRS, assets, 0, "ids of the assets it threatens"),
	END,
};
#undef T
#define T struct crk_cra_risk
static const struct crk_field risk[] = {
	FIELD(T, "id", CRK_F_STR, id, CRK_FF_REQUIRED, "short id, e.g. R1"),
	FIELD(T, "description", CRK_F_STR, description, 0, "the risk"),
	FIELD(T, "threats", CRK_F_STRS, threats, 0, "ids of the threats behind it"),
	ENUM(T, "likelihood", likelihood, levels, "low, medium, high or critical"),
	ENUM(T, "impact", impact, levels, "low, medium, high or critical"),
	ENUM(T, "level", level, levels, "the resulting risk level"),
	END,
};
#undef T
#define T struct crk_cra_measure
static const struct crk_field measure[] = {
	FIELD(T, "id", CRK_F_STR, id, CRK_FF_REQUIRED, "short id, e.g. M1"),
	FIELD(T, "description", CRK_F_STR, description, 0, "the measure"),
	FIELD(T, "risks", CRK_F_STRS, risks, 0, "ids of the risks it treats"),
	FIELD(T, "requirements", CRK_F_REQ_IDS, requirements, 0,
	      "Annex I requirements it serves (e.g. AI-P1-2d)"),
	END,
};
#undef T

#define T struct crk_cra_risk_assessment
static const struct crk_field risk_assessment[] = {
	FIELD(T, "date", CRK_F_DATE, date, 0, "when it was last updated (Art. 13(3): kept updated)"),
	FIELD(T, "method", CRK_F_STR, method, 0, "method followed (e.g. ISO/IEC 27005, STRIDE)"),
	FIELD(T, "summary", CRK_F_STR, summary, 0,
	      "how Annex I Part I (1) and Part II are applied (Art. 13(3))"),
	LIST(T, "assets", assets, nassets, asset, struct crk_cra_asset, "assets to protect"),
	LIST(T, "threats", threats, nthreats, threat, struct crk_cra_threat, "threats"),
	LIST(T, "risks", risks, nrisks, risk, struct crk_cra_risk, "risks"),
	LIST(T, "measures", measures, nmeasures, measure, struct crk_cra_measure,
	     "measures, each naming the Annex I requirements it serves"),
	END,
};
#undef T

#define T struct crk_cra_evidence
static const struct crk_field evidence[] = {
	FIELD(T, "path", CRK_F_STR, path, 0, "a file in the repository, relative to cra.yaml"),
	FIELD(T, "url", CRK_F_URL, url, 0, "a web page"),
	FIELD(T, "note", CRK_F_STR, note, 0, "what it shows"),
	END,
};
#undef T

#define T struct crk_cra_req_record
static const struct crk_field req_record[] = {
	ENUM(T, "status", status, crk_cra__statuses,
	     "met, partial, not-met, not-applicable or unknown"),
	FIELD(T, "justification", CRK_F_STR, justification, 0,
	      "why it does not apply (required for not-applicable, Art. 13(4))"),
	FIELD(T, "implementation", CRK_F_STR, implementation, 0,
	      "how it is implemented (Art. 13(3))"),
	LIST(T, "evidence", evidence, nevidence, evidence, struct crk_cra_evidence,
	     "evidence: paths, URLs, notes"),
	FIELD(T, "reviewer", CRK_F_STR, reviewer, 0, "who assessed it"),
	FIELD(T, "date", CRK_F_DATE, date, 0, "when"),
	END,
};
#undef T

#define T struct crk_cra_test_report
static const struct crk_field test_report[] = {
	FIELD(T, "name", CRK_F_STR, name, CRK_FF_REQUIRED, "what was tested"),
	FIELD(T, "path", CRK_F_STR, path, 0, "the report, relative to cra.yaml"),
	FIELD(T, "url", CRK_F_URL, url, 0, "the report online"),
	FIELD(T, "date", CRK_F_DATE, date, 0, "when"),
	FIELD(T, "requirements", CRK_F_REQ_IDS, requirements, CRK_FF_ALL_OK,
	      "Annex I requirements it verifies"),
	END,
};
#undef T

#define T struct crk_cra_declaration
static const struct crk_field declaration[] = {
	FIELD(T, "url", CRK_F_URL, url, 0,
	      "exact internet address of the full EU declaration (Annex II point 6, Annex VI)"),
	FIELD(T, "place", CRK_F_STR, place, 0, "place of issue (Annex V point 8)"),
	FIELD(T, "date", CRK_F_DATE, date, 0, "date of issue (Annex V point 8)"),
	FIELD(T, "signatory", CRK_F_STR, signatory, 0,
	      "name of the person signing for the manufacturer (Annex V point 8)"),
	FIELD(T, "function", CRK_F_STR, function, 0, "their function (Annex V point 8)"),
	FIELD(T, "additional_information", CRK_F_STR, additional_information, 0,
	      "additional information (Annex V point 8)"),
	FIELD(T, "other_union_acts", CRK_F_STRS, other_union_acts, 0,
	      "other Union harmonisation acts the product complies with (Art. 28(3))"),
	END,
};
#undef T

#define T struct crk_cra_manifest
const struct crk_field crk_cra__fields[] = {
	FIELD(T, "schema", CRK_F_INT, schema, CRK_FF_REQUIRED,
	      "version of this file's format: 1 (docs/cra-yaml.md)"),
	MAP(T, "manufacturer", manufacturer, manufacturer, CRK_FF_REQUIRED,
	    "who places the product on the market (Art. 3(13))"),
	MAP(T, "product", product, product, CRK_FF_REQUIRED, "the product with digital elements"),
	MAP(T, "scope", scope, scope, 0, "does the CRA apply? (Art. 2, Art. 3)"),
	MAP(T, "functionality", functionality, functionality, 0,
	    "core functionality, which decides the category (Art. 7, Art. 8)"),
	MAP(T, "conformity", conformity, conformity, 0, "conformity assessment (Art. 27, Art. 32)"),
	MAP(T, "support", support, support, 0, "support period (Art. 13(8), 13(19))"),
	MAP(T, "contact", contact, contact, 0, "contacts and disclosure (Art. 13(17), Annex I Part II)"),
	MAP(T, "updates", updates, updates, 0, "security updates (Annex I)"),
	MAP(T, "user_information", user_information, userinfo, 0,
	    "information and instructions to the user (Annex II)"),
	MAP(T, "risk_assessment", risk_assessment, risk_assessment, 0,
	    "cybersecurity risk assessment (Art. 13(2)-(4), Annex VII point 3)"),
	{"requirements", CRK_F_REQS, offsetof(T, requirements), CRK_NOPOS, req_record, 0, 0, NULL,
	 0, "each Annex I requirement: status and evidence (Art. 13(1), 13(4))"},
	LIST(T, "tests", tests, ntests, test_report, struct crk_cra_test_report,
	     "reports of tests verifying conformity (Annex VII point 6)"),
	MAP(T, "declaration", declaration, declaration, 0,
	    "EU declaration of conformity (Art. 28, Annex V)"),
	END,
};
#undef T
