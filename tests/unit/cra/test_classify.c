/* test_classify.c - crk_cra_classify() (src/cra/classify.c) on a table of product descriptions
 * (cra.yaml snippets): every Annex III point (class I 1-19, class II 1-4) and every Annex IV
 * point (1-3), the exclusions of Art. 2, non-commercial open source (Art. 3(22), recital 18),
 * open-source software stewards (Art. 24), borderline cases (a product that merely integrates a
 * listed component keeps its own category, Art. 7(1)), and the conformity routes of Art. 32
 * decided requirement by requirement. Each case names the article its answer rests on, and the
 * test checks that the reasoning cites it. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "crakit/cra.h"

#define ALL (CRK_ROUTE_A | CRK_ROUTE_BC | CRK_ROUTE_H | CRK_ROUTE_EU_CERT)
#define BCH (CRK_ROUTE_BC | CRK_ROUTE_H)
#define BCHE (CRK_ROUTE_BC | CRK_ROUTE_H | CRK_ROUTE_EU_CERT)

/* Every Annex I requirement, covered in full by a harmonised standard cited in the OJ. */
#define HARMONISED_ALL                                                                            \
	"conformity:\n  applied:\n    - {name: EN 40000-1-2, kind: harmonised-standard, "          \
	"oj_reference: OJ L 2027/1, full: all}\n"

struct ccase {
	const char *what;    /* the product, in a few words */
	const char *yaml;    /* appended to the manufacturer/product header */
	enum crk_cra_class cls;
	const char *cat;     /* the deciding category id, or NULL */
	unsigned routes;
	int module_a;        /* 1 open, 0 closed, -1 none */
	size_t nblocking;    /* class I: requirements keeping module A closed */
	const char *cite;    /* an article the reasoning must cite */
};

static const struct ccase cases[] = {
	/* ---- default ---- */
	{"a smart thermostat app", "functionality: {core: [], justification: controls heating}\n",
	 CRK_CRA_DEFAULT, NULL, ALL, 1, 0, "Art. 32(1)"},
	{"a default product recording the standards it applied",
	 "functionality: {core: []}\nconformity:\n  applied:\n    - {name: ETSI EN 303 645, kind: "
	 "other-specification, partial: all}\n    - {name: EN 1, kind: harmonised-standard, full: "
	 "[AI-P2-1]}\n",
	 CRK_CRA_DEFAULT, NULL, ALL, 1, 0, "Art. 32(1)"},
	/* ---- Annex III class I, points 1-19 (Art. 7(1)); module A closed without standards,
	 * Art. 32(2) ---- */
	{"an identity provider with MFA", "functionality: {core: [identity-management]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-01", BCH, 0, 22, "Art. 7(1)"},
	{"a web browser", "functionality: {core: [browser]}\n", CRK_CRA_CLASS_I, "AIII-C1-02", BCH, 0,
	 22, "Art. 32(2)"},
	{"a password manager", "functionality: {core: [password-manager]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-03", BCH, 0, 22, "Art. 7(1)"},
	{"an anti-virus scanner", "functionality: {core: [malware-protection]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-04", BCH, 0, 22, "Art. 7(1)"},
	{"a VPN client", "functionality: {core: [AIII-C1-05]}\n", CRK_CRA_CLASS_I, "AIII-C1-05",
	 BCH, 0, 22, "Art. 7(1)"},
	{"a network management system", "functionality: {core: [network-management]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-06", BCH, 0, 22, "Art. 7(1)"},
	{"a SIEM", "functionality: {core: [siem]}\n", CRK_CRA_CLASS_I, "AIII-C1-07", BCH, 0, 22,
	 "Implementing Regulation (EU) 2025/2392"},
	{"a boot manager", "functionality: {core: [boot-manager]}\n", CRK_CRA_CLASS_I, "AIII-C1-08",
	 BCH, 0, 22, "Art. 7(1)"},
	{"a certificate authority server", "functionality: {core: [pki]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-09", BCH, 0, 22, "Art. 7(1)"},
	{"a USB network adapter", "functionality: {core: [network-interface]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-10", BCH, 0, 22, "Art. 7(1)"},
	{"an embedded Linux distribution", "functionality: {core: [operating-system]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-11", BCH, 0, 22, "Art. 7(1)"},
	{"a home router", "functionality: {core: [router-modem-switch]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-12", BCH, 0, 22, "Art. 7(1)"},
	{"a microprocessor with a secure enclave", "functionality: {core: [security-microprocessor]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-13", BCH, 0, 22, "Art. 7(1)"},
	{"a microcontroller with crypto acceleration",
	 "functionality: {core: [security-microcontroller]}\n", CRK_CRA_CLASS_I, "AIII-C1-14", BCH, 0,
	 22, "Art. 7(1)"},
	{"an FPGA bitstream-encryption device", "functionality: {core: [security-asic-fpga]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-15", BCH, 0, 22, "Art. 7(1)"},
	{"a smart speaker assistant", "functionality: {core: [smart-home-assistant]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-16", BCH, 0, 22, "Art. 7(1)"},
	{"a smart door lock", "functionality: {core: [smart-home-security]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-17", BCH, 0, 22, "Art. 7(1)"},
	{"a talking connected doll", "functionality: {core: [connected-toy]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-18", BCH, 0, 22, "Art. 7(1)"},
	{"a fitness tracker (not a medical device)",
	 "scope: {medical_device: false}\nfunctionality: {core: [wearable]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-19", BCH, 0, 22, "Art. 7(1)"},
	/* ---- Annex III class II, points 1-4: B+C, H or certification (Art. 32(3)) ---- */
	{"a container runtime", "functionality: {core: [hypervisor-container-runtime]}\n",
	 CRK_CRA_CLASS_II, "AIII-C2-01", BCHE, 0, 0, "Art. 32(3)"},
	{"a network firewall appliance", "functionality: {core: [firewall-ids-ips]}\n",
	 CRK_CRA_CLASS_II, "AIII-C2-02", BCHE, 0, 0, "Art. 32(3)"},
	{"a tamper-resistant microprocessor", "functionality: {core: [AIII-C2-03]}\n",
	 CRK_CRA_CLASS_II, "AIII-C2-03", BCHE, 0, 0, "Art. 7(1)"},
	{"a tamper-resistant microcontroller", "functionality: {core: [AIII-C2-04]}\n",
	 CRK_CRA_CLASS_II, "AIII-C2-04", BCHE, 0, 0, "Art. 7(1)"},
	/* ---- Annex IV, points 1-3 (Art. 8(1)); no Art. 8(1) act: the Art. 32(3) routes ---- */
	{"a hardware security module box", "functionality: {core: [hardware-security-box]}\n",
	 CRK_CRA_CRITICAL, "AIV-01", BCHE, 0, 0, "Art. 32(4)"},
	{"a smart meter gateway", "functionality: {core: [smart-meter-gateway]}\n", CRK_CRA_CRITICAL,
	 "AIV-02", BCHE, 0, 0, "Art. 8(1)"},
	{"a secure element", "functionality: {core: [smartcard-secure-element]}\n", CRK_CRA_CRITICAL,
	 "AIV-03", BCHE, 0, 0, "Art. 8(1)"},
	{"a smartcard, certification made mandatory by an Art. 8(1) act",
	 "functionality: {core: [AIV-03]}\nconformity: {mandatory_certification: true}\n",
	 CRK_CRA_CRITICAL, "AIV-03", CRK_ROUTE_EU_CERT, 0, 0, "Art. 32(4)"},
	/* ---- exclusions (Art. 2) and who is not a manufacturer ---- */
	{"an insulin pump (medical device)",
	 "scope: {medical_device: true}\nfunctionality: {core: []}\n", CRK_CRA_OUT_OF_SCOPE, NULL, 0,
	 -1, 0, "Art. 2(2)"},
	{"an in vitro diagnostic analyser", "scope: {in_vitro_diagnostic: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(2)"},
	{"a car's telematics unit (type-approved)", "scope: {motor_vehicle: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(2)"},
	{"avionics certified under 2018/1139", "scope: {civil_aviation: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(3)"},
	{"a ship's radar (marine equipment)", "scope: {marine_equipment: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(4)"},
	{"a product under equivalent sector rules",
	 "scope: {equivalent_sector_rules: \"Regulation (EU) 20XX/1 (example)\"}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(5)"},
	{"an identical spare part", "scope: {spare_part: true}\n", CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1,
	 0, "Art. 2(6)"},
	{"a classified-information crypto device", "scope: {national_security: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(7)"},
	{"a standalone offline calculator", "scope: {data_connection: false}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 2(1)"},
	{"an in-house tool never placed on the market", "scope: {own_use_only: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 3(21)"},
	{"a hobby FOSS library, no commercial activity",
	 "scope: {open_source: true, commercial_activity: false}\nfunctionality: {core: [vpn]}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 3(22), recital 18"},
	{"a foundation stewarding a FOSS project",
	 "scope: {open_source: true, commercial_activity: false, open_source_steward: true}\n",
	 CRK_CRA_OUT_OF_SCOPE, NULL, 0, -1, 0, "Art. 64(10)(b)"},
	{"a health wearable that is a medical device",
	 "scope: {medical_device: true}\nfunctionality: {core: [wearable]}\n", CRK_CRA_OUT_OF_SCOPE,
	 NULL, 0, -1, 0, "Art. 2(2)"},
	/* ---- borderline: core functionality decides (Art. 7(1)) ---- */
	{"a smart TV that integrates a browser",
	 "functionality: {core: [], integrates: [browser], justification: a TV}\n", CRK_CRA_DEFAULT,
	 NULL, ALL, 1, 0, "Art. 7(1)"},
	{"a NAS that integrates an operating system and a VPN server",
	 "functionality: {core: [], integrates: [operating-system, vpn]}\n", CRK_CRA_DEFAULT, NULL,
	 ALL, 1, 0, "Art. 7(1)"},
	{"an operating system shipping a browser",
	 "functionality: {core: [operating-system], integrates: [browser]}\n", CRK_CRA_CLASS_I,
	 "AIII-C1-11", BCH, 0, 22, "Art. 7(1)"},
	{"a router with an ancillary firewall",
	 "functionality: {core: [router-modem-switch], integrates: [firewall-ids-ips]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-12", BCH, 0, 22, "Art. 7(1)"},
	{"a unified threat management box (router and firewall)",
	 "functionality: {core: [router-modem-switch, firewall-ids-ips]}\n", CRK_CRA_CLASS_II,
	 "AIII-C2-02", BCHE, 0, 0, "Art. 32"},
	{"a core functionality not yet answered", "", CRK_CRA_UNDETERMINED, NULL, 0, -1, 0,
	 "Art. 7(1), Art. 8(1)"},
	/* ---- Art. 32 routes decided per requirement ---- */
	{"a class I router with harmonised standards covering everything",
	 "functionality: {core: [router-modem-switch]}\n" HARMONISED_ALL, CRK_CRA_CLASS_I,
	 "AIII-C1-12", CRK_ROUTE_A | BCH, 1, 0, "Art. 32(2)"},
	{"a class I router, one requirement only partly covered",
	 "functionality: {core: [router-modem-switch]}\nconformity:\n  applied:\n"
	 "    - {name: EN 1, kind: harmonised-standard, oj_reference: OJ L 1, full: [AI-P1-1, "
	 "AI-P1-2a, AI-P1-2b, AI-P1-2c, AI-P1-2d, AI-P1-2e, AI-P1-2f, AI-P1-2g, AI-P1-2h, AI-P1-2i, "
	 "AI-P1-2j, AI-P1-2k, AI-P1-2l, AI-P1-2m, AI-P2-1, AI-P2-2, AI-P2-3, AI-P2-4, AI-P2-5, "
	 "AI-P2-6, AI-P2-7], partial: [AI-P2-8]}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-12", BCH, 0, 1, "Art. 32(2)"},
	{"a class I router, harmonised standard not cited in the OJ",
	 "functionality: {core: [router-modem-switch]}\nconformity:\n  applied:\n"
	 "    - {name: prEN 40000, kind: harmonised-standard, full: all}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-12", BCH, 0, 22, "Art. 27(1)"},
	{"a class I password manager with an EUCC certificate at substantial",
	 "functionality: {core: [password-manager]}\nconformity:\n  applied:\n"
	 "    - {name: EUCC-1, kind: eu-certificate, scheme: EUCC, assurance_level: substantial, "
	 "full: all}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-03", CRK_ROUTE_A | BCH, 1, 0, "Art. 32(2)"},
	{"a class I password manager with a certificate at basic only",
	 "functionality: {core: [password-manager]}\nconformity:\n  applied:\n"
	 "    - {name: EUCC-2, kind: eu-certificate, assurance_level: basic, full: all}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-03", BCH, 0, 22, "Art. 27(8), Art. 32(2)"},
	{"a class I product: standards plus justified non-applicable points",
	 "functionality: {core: [boot-manager]}\nconformity:\n  applied:\n"
	 "    - {name: EN 2, kind: common-specification, full: [AI-P1-1, AI-P1-2a, AI-P1-2b, "
	 "AI-P1-2c, AI-P1-2d, AI-P1-2e, AI-P1-2f, AI-P1-2h, AI-P1-2i, AI-P1-2j, AI-P1-2k, AI-P2-1, "
	 "AI-P2-2, AI-P2-3, AI-P2-4, AI-P2-5, AI-P2-6, AI-P2-7, AI-P2-8]}\n"
	 "requirements:\n  AI-P1-2g: {status: not-applicable, justification: processes no data}\n"
	 "  AI-P1-2l: {status: not-applicable, justification: no activity to log}\n"
	 "  AI-P1-2m: {status: not-applicable, justification: stores no data}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-08", CRK_ROUTE_A | BCH, 1, 0, "Art. 13(4)"},
	{"a class I FOSS VPN, commercial, technical documentation public",
	 "scope: {open_source: true, commercial_activity: true}\nfunctionality: {core: [vpn]}\n"
	 "conformity: {technical_documentation_public: true}\n",
	 CRK_CRA_CLASS_I, "AIII-C1-05", ALL, 1, 22, "Art. 32(5)"},
	{"a class I FOSS VPN, documentation not public",
	 "scope: {open_source: true}\nfunctionality: {core: [vpn]}\n", CRK_CRA_CLASS_I, "AIII-C1-05",
	 BCH, 0, 22, "Art. 32(5)"},
	{"a class II FOSS container runtime, documentation public",
	 "scope: {open_source: true}\nfunctionality: {core: [hypervisor-container-runtime]}\n"
	 "conformity: {technical_documentation_public: true}\n",
	 CRK_CRA_CLASS_II, "AIII-C2-01", ALL, 1, 0, "Art. 32(5)"},
	{"a critical FOSS secure element firmware, documentation public",
	 "scope: {open_source: true}\nfunctionality: {core: [smartcard-secure-element]}\n"
	 "conformity: {technical_documentation_public: true}\n",
	 CRK_CRA_CRITICAL, "AIV-03", BCHE, 0, 0, "Art. 32(5)"},
};

#define HEADER "schema: 1\nmanufacturer: {name: M}\nproduct: {name: P}\n"

static int cites(const struct crk_cra_classification *c, const char *article)
{
	size_t i;
	for (i = 0; i < c->nsteps; i++)
		if (strstr(c->steps[i].article, article))
			return 1;
	return 0;
}

static struct crk_cra_manifest *manifest(const char *yaml)
{
	char buf[4096];
	struct crk_cra_manifest *m = NULL;
	struct crk_err err;
	snprintf(buf, sizeof(buf), "%s%s", HEADER, yaml);
	if (crk_cra_manifest_parse(&m, buf, strlen(buf), "cra.yaml", NULL, &err) != CRK_OK)
		fail_msg("%u:%u %s\n%s", err.line, err.col, err.msg, buf);
	return m;
}

static void test_classify__product_table(void **state)
{
	size_t i, points[8] = {0};
	(void)state;
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 30);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ccase *k = &cases[i];
		struct crk_cra_manifest *m = manifest(k->yaml);
		struct crk_cra_classification *c = NULL;
		struct crk_err err;
		assert_int_equal(crk_cra_classify(&c, m, &err), CRK_OK);
		if (c->cls != k->cls || (k->cat ? !c->category || strcmp(c->category->id, k->cat)
						: c->category != NULL) ||
		    c->routes != k->routes || c->module_a != k->module_a ||
		    (k->cls == CRK_CRA_CLASS_I && !k->module_a && c->nblocking != k->nblocking) ||
		    !cites(c, k->cite)) {
			char *out = NULL;
			size_t len;
			crk_cra_classification_render(&out, &len, c, m, CRK_FORMAT_EXPLAIN, NULL);
			fail_msg("case %zu (%s): want %s %s routes %x A=%d blocking %zu citing %s\n"
				 "got %s %s routes %x A=%d blocking %zu\n%s",
				 i, k->what, crk_cra_class_str(k->cls), k->cat ? k->cat : "-",
				 k->routes, k->module_a, k->nblocking, k->cite,
				 crk_cra_class_str(c->cls), c->category ? c->category->id : "-",
				 c->routes, c->module_a, c->nblocking, out ? out : "");
		}
		if (c->category)
			points[c->category->cls]++;
		crk_cra_classification_free(c);
		crk_cra_manifest_free(m);
	}
	/* every point of Annex III and IV is decided by at least one case */
	for (i = 0; i < CRK_CRA_NCATEGORIES; i++) {
		const struct crk_cra_category *cat = crk_cra_category_at(i);
		size_t j;
		for (j = 0; j < sizeof(cases) / sizeof(cases[0]); j++)
			if (cases[j].cat && strcmp(cases[j].cat, cat->id) == 0)
				break;
		if (j == sizeof(cases) / sizeof(cases[0]))
			fail_msg("no case decides %s (%s)", cat->id, cat->ref);
	}
}

/* The reasons module A stays closed for a class I product name each requirement (Art. 32(2)). */
static void test_classify__module_a_blockers_say_why(void **state)
{
	struct crk_cra_manifest *m = manifest(
		"functionality: {core: [vpn]}\nconformity:\n  route: A\n  applied:\n"
		"    - {name: EN-H, kind: harmonised-standard, oj_reference: OJ L 9, full: all, "
		"partial: []}\n    - {name: ETSI TS 1, kind: other-specification, full: [AI-P2-1]}\n");
	struct crk_cra_classification *c;
	size_t i;
	(void)state;
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	assert_int_equal(c->module_a, 1);
	assert_int_equal(c->chosen_open, 1);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);

	m = manifest("functionality: {core: [vpn]}\nconformity:\n  route: A\n  applied:\n"
		     "    - {name: EN-H, kind: harmonised-standard, oj_reference: OJ L 9, full: "
		     "[AI-P1-1], partial: [AI-P1-2a]}\n"
		     "    - {name: ETSI TS 1, kind: other-specification, full: [AI-P2-1]}\n");
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	assert_int_equal(c->module_a, 0);
	assert_int_equal(c->nblocking, 21);
	i = 99;
	crk_cra_requirement_find("AI-P1-1", &i);
	assert_null(c->reqs[i].blocks);
	assert_int_equal(c->reqs[i].coverage, CRK_COVER_FULL);
	assert_string_equal(c->reqs[i].by, "EN-H");
	crk_cra_requirement_find("AI-P1-2a", &i);
	assert_string_equal(c->reqs[i].blocks, "covered only in part (by EN-H)");
	crk_cra_requirement_find("AI-P2-1", &i);
	assert_string_equal(c->reqs[i].blocks, "covered only by ETSI TS 1, which gives no "
					       "presumption of conformity");
	crk_cra_requirement_find("AI-P2-2", &i);
	assert_string_equal(c->reqs[i].blocks, "not covered by a harmonised standard, common "
					       "specification or certificate");
	assert_int_equal(c->chosen, CRK_ROUTE_A);
	assert_int_equal(c->chosen_open, 0);
	assert_true(cites(c, "Art. 32(2)"));
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
}

/* A chosen route the category does not allow is a gap; B+C without a notified body too. */
static void test_classify__chosen_route(void **state)
{
	struct crk_cra_manifest *m =
		manifest("functionality: {core: [firewall-ids-ips]}\nconformity: {route: A}\n");
	struct crk_cra_classification *c;
	size_t i, gaps = 0;
	(void)state;
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	assert_int_equal(c->chosen_open, 0);
	assert_true(c->ngaps >= 1);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
	m = manifest("functionality: {core: [firewall-ids-ips], justification: it filters}\n"
		     "conformity: {route: B+C}\n");
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	assert_int_equal(c->chosen_open, 1);
	for (i = 0; i < c->nsteps; i++)
		if (c->steps[i].kind == CRK_STEP_GAP) {
			gaps++;
			assert_non_null(strstr(c->steps[i].text, "conformity.notified_body is empty"));
			assert_string_equal(c->steps[i].article, "Annex V point 7");
		}
	assert_int_equal(gaps, 1);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
}

/* Unanswered questions are assumptions, said as such; an unanswered core functionality leaves
 * the category undetermined (crakit never infers one). */
static void test_classify__assumptions_are_said(void **state)
{
	struct crk_cra_manifest *m = manifest("functionality: {core: []}\n");
	struct crk_cra_classification *c;
	size_t i, assumptions = 0;
	(void)state;
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	for (i = 0; i < c->nsteps; i++)
		assumptions += c->steps[i].kind == CRK_STEP_ASSUMPTION;
	assert_int_equal(assumptions, 3); /* data connection, exclusions, commercial activity */
	assert_int_equal(c->cls, CRK_CRA_DEFAULT);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
}

static void test_classify__render_json_and_explain(void **state)
{
	struct crk_cra_manifest *m = manifest("functionality: {core: [vpn], justification: VPN}\n");
	struct crk_cra_classification *c;
	char *out;
	size_t len;
	(void)state;
	assert_int_equal(crk_cra_classify(&c, m, NULL), CRK_OK);
	assert_int_equal(crk_cra_classification_render(&out, &len, c, m, CRK_FORMAT_JSON, NULL),
			 CRK_OK);
	assert_non_null(strstr(out, "\"class\":\"important class I\",\"basis\":\"Art. 7(1)\""));
	assert_non_null(strstr(out, "\"annex\":{\"id\":\"AIII-C1-05\",\"name\":\"vpn\","
				    "\"ref\":\"Annex III class I point 5\""));
	assert_non_null(strstr(out, "\"routes\":[\"B+C\",\"H\"]"));
	assert_non_null(strstr(out, "\"module_a\":{\"open\":false,\"basis\":\"Art. 32(2)\""));
	crk_free(out);
	assert_int_equal(crk_cra_classification_render(&out, &len, c, m, CRK_FORMAT_EXPLAIN, NULL),
			 CRK_OK);
	assert_non_null(strstr(out, " 1. assumption "));
	assert_non_null(strstr(out, "[Art. 32(2)]\n"));
	crk_free(out);
	crk_cra_classification_free(c);
	crk_cra_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify__product_table),
		cmocka_unit_test(test_classify__module_a_blockers_say_why),
		cmocka_unit_test(test_classify__chosen_route),
		cmocka_unit_test(test_classify__assumptions_are_said),
		cmocka_unit_test(test_classify__render_json_and_explain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
