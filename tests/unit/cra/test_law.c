/* test_law.c - the facts of the CRA that src/cra/law.c and src/cra/requirements.c hold, pinned
 * to the final text (OJ L 2024/2847) where public tools get them wrong: the 2022 proposal's
 * Annex IV and article numbers, and the anchor of the final report on a vulnerability. */
#include <string.h>
#include <strings.h>

#include "../test.h"

#include "crakit/cra.h"

static const struct crk_cra_fact *fact(const char *key)
{
	const struct crk_cra_fact *f = crk_cra_fact(key);
	if (!f)
		fail_msg("no fact '%s'", key);
	return f;
}

/* Annex IV of the adopted Regulation has exactly three categories (Art. 8(1)); the 2022
 * proposal's five (HSMs, smartcard readers, robot sensors, smart meters, advanced metering
 * infrastructure) are not the law. */
static void test_law__annex_iv_has_three_categories(void **state)
{
	size_t i, n = 0;
	(void)state;
	assert_int_equal(fact("annex_iv_categories")->value, 3);
	assert_string_equal(fact("annex_iv_categories")->article, "Annex IV");
	for (i = 0; i < CRK_CRA_NCATEGORIES; i++) {
		const struct crk_cra_category *c = crk_cra_category_at(i);
		if (c->cls != CRK_CRA_CRITICAL)
			continue;
		n++;
		assert_null(strcasestr(c->title, "reader"));
		assert_null(strcasestr(c->title, "robot"));
		assert_null(strcasestr(c->title, "hardware security module"));
		assert_null(strcasestr(c->title, "advanced metering"));
	}
	assert_int_equal(n, 3);
	assert_string_equal(crk_cra_category_find("AIV-01")->title,
			    "Hardware Devices with Security Boxes");
	assert_non_null(strstr(crk_cra_category_find("AIV-02")->title, "Smart meter gateways"));
	assert_non_null(strstr(crk_cra_category_find("AIV-03")->title, "secure elements"));
}

/* Annex III: class I points 1-19, class II points 1-4 (Art. 7(1)). */
static void test_law__annex_iii_points(void **state)
{
	size_t i, c1 = 0, c2 = 0;
	(void)state;
	for (i = 0; i < CRK_CRA_NCATEGORIES; i++) {
		const struct crk_cra_category *c = crk_cra_category_at(i);
		char ref[64];
		if (c->cls == CRK_CRA_CLASS_I) {
			assert_int_equal(c->point, ++c1);
			snprintf(ref, sizeof(ref), "Annex III class I point %u", c->point);
			assert_string_equal(c->ref, ref);
		} else if (c->cls == CRK_CRA_CLASS_II) {
			assert_int_equal(c->point, ++c2);
			snprintf(ref, sizeof(ref), "Annex III class II point %u", c->point);
			assert_string_equal(c->ref, ref);
		}
	}
	assert_int_equal(c1, 19);
	assert_int_equal(c2, 4);
	assert_int_equal(fact("annex_iii_class_i_points")->value, 19);
	assert_int_equal(fact("annex_iii_class_ii_points")->value, 4);
	assert_null(crk_cra_category_at(CRK_CRA_NCATEGORIES));
	assert_string_equal(crk_cra_category_find("VPN")->id, "AIII-C1-05");
	assert_string_equal(crk_cra_category_find("aiii-c1-12")->slug, "router-modem-switch");
	assert_string_equal(crk_cra_category_find("operating-system")->ref,
			    "Annex III class I point 11");
	assert_string_equal(crk_cra_category_find("firewall-ids-ips")->ref,
			    "Annex III class II point 2");
	assert_null(crk_cra_category_find("hsm"));
	assert_null(crk_cra_category_find(NULL));
}

/* The final report on an actively exploited vulnerability is due 14 days after a corrective
 * or mitigating measure is available (Art. 14(2)(c)), not 14 days after awareness; the early
 * warning and the notification count from awareness (Art. 14(2)(a), (b)); the incident final
 * report one month after the notification (Art. 14(4)(c)). */
static void test_law__reporting_clocks(void **state)
{
	const struct crk_cra_fact *f = fact("vuln_final_report_days");
	(void)state;
	assert_int_equal(f->value, 14);
	assert_string_equal(f->unit, "days");
	assert_string_equal(f->article, "Art. 14(2)(c)");
	assert_non_null(strstr(f->text, "after a corrective or mitigating measure is available"));
	assert_null(strstr(f->text, "days after awareness"));
	assert_int_equal(fact("vuln_early_warning_hours")->value, 24);
	assert_string_equal(fact("vuln_early_warning_hours")->article, "Art. 14(2)(a)");
	assert_int_equal(fact("vuln_notification_hours")->value, 72);
	assert_string_equal(fact("vuln_notification_hours")->article, "Art. 14(2)(b)");
	assert_int_equal(fact("incident_early_warning_hours")->value, 24);
	assert_string_equal(fact("incident_early_warning_hours")->article, "Art. 14(4)(a)");
	assert_int_equal(fact("incident_final_report_months")->value, 1);
	assert_string_equal(fact("incident_final_report_months")->article, "Art. 14(4)(c)");
	assert_non_null(strstr(fact("incident_final_report_months")->text,
			       "after the incident notification"));
	assert_int_equal(fact("date_reporting_applies")->value, 20260911);
}

/* Final article numbers (the 2022 proposal had manufacturers' obligations in Art. 10,
 * reporting in Art. 11, important and critical products in Art. 6, conformity assessment in
 * Art. 24 and penalties in Art. 53). */
static void test_law__final_article_numbers(void **state)
{
	(void)state;
	assert_string_equal(crk_cra_article("art_manufacturer_obligations"), "Art. 13");
	assert_string_equal(crk_cra_article("art_reporting"), "Art. 14");
	assert_string_equal(crk_cra_article("art_important_products"), "Art. 7");
	assert_string_equal(crk_cra_article("art_critical_products"), "Art. 8");
	assert_string_equal(crk_cra_article("art_conformity_assessment"), "Art. 32");
	assert_string_equal(crk_cra_article("art_penalties"), "Art. 64");
	assert_string_equal(crk_cra_article("art_steward_obligations"), "Art. 24");
	assert_string_equal(crk_cra_article("art_technical_documentation"), "Art. 31");
	assert_string_equal(crk_cra_article("art_declaration"), "Art. 28");
	assert_string_equal(crk_cra_article("no such fact"), "?");
}

/* Periods and fines (Art. 13(8), 13(9), 13(13), Art. 64). */
static void test_law__periods_and_fines(void **state)
{
	(void)state;
	assert_int_equal(fact("min_support_years")->value, 5);
	assert_string_equal(fact("min_support_years")->article, "Art. 13(8)");
	assert_string_equal(fact("support_end_precision")->article, "Art. 13(19)");
	assert_int_equal(fact("update_availability_years")->value, 10);
	assert_string_equal(fact("update_availability_years")->article, "Art. 13(9)");
	assert_int_equal(fact("documentation_retention_years")->value, 10);
	assert_string_equal(fact("documentation_retention_years")->article, "Art. 13(13)");
	assert_int_equal(fact("fine_essential_requirements_eur")->value, 15000000);
	assert_int_equal(fact("fine_essential_requirements_bp")->value, 250);
	assert_string_equal(fact("fine_essential_requirements_eur")->article, "Art. 64(2)");
	assert_int_equal(fact("fine_other_obligations_eur")->value, 10000000);
	assert_int_equal(fact("fine_misleading_information_eur")->value, 5000000);
	assert_string_equal(fact("no_fine_steward")->article, "Art. 64(10)(b)");
	assert_string_equal(fact("no_fine_sme_early_warning")->article, "Art. 64(10)(a)");
}

/* Annex I: Part I (1), (2)(a)-(m), Part II (1)-(8); only Part I (2) can be not applicable
 * (Art. 13(4)). */
static void test_law__annex_i_catalogue(void **state)
{
	static const char *const ids[CRK_CRA_NREQ] = {
		"AI-P1-1",  "AI-P1-2a", "AI-P1-2b", "AI-P1-2c", "AI-P1-2d", "AI-P1-2e",
		"AI-P1-2f", "AI-P1-2g", "AI-P1-2h", "AI-P1-2i", "AI-P1-2j", "AI-P1-2k",
		"AI-P1-2l", "AI-P1-2m", "AI-P2-1",  "AI-P2-2",  "AI-P2-3",  "AI-P2-4",
		"AI-P2-5",  "AI-P2-6",  "AI-P2-7",  "AI-P2-8"};
	size_t i, idx;
	(void)state;
	assert_int_equal(fact("annex_i_requirements")->value, CRK_CRA_NREQ);
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_requirement *r = crk_cra_requirement_at(i);
		char ref[64];
		assert_string_equal(r->id, ids[i]);
		if (i == 0)
			snprintf(ref, sizeof(ref), "Annex I Part I (1)");
		else if (i < 14)
			snprintf(ref, sizeof(ref), "Annex I Part I (2)(%c)", (char)('a' + i - 1));
		else
			snprintf(ref, sizeof(ref), "Annex I Part II (%zu)", i - 13);
		assert_string_equal(r->ref, ref);
		assert_int_equal(r->part, i < 14 ? 1 : 2);
		assert_int_equal(r->conditional, i >= 1 && i < 14);
		assert_true(strlen(r->text) > 20);
		assert_ptr_equal(crk_cra_requirement_find(ids[i], &idx), r);
		assert_int_equal(idx, i);
	}
	assert_null(crk_cra_requirement_at(CRK_CRA_NREQ));
	assert_non_null(strstr(crk_cra_requirement_find("ai-p2-1", NULL)->text,
			       "software bill of materials"));
	assert_null(crk_cra_requirement_find("AI-P2-9", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_law__annex_iv_has_three_categories),
		cmocka_unit_test(test_law__annex_iii_points),
		cmocka_unit_test(test_law__reporting_clocks),
		cmocka_unit_test(test_law__final_article_numbers),
		cmocka_unit_test(test_law__periods_and_fines),
		cmocka_unit_test(test_law__annex_i_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
