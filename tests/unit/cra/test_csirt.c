/*
 * test_csirt.c - routing of an Art. 14 report (src/cra/csirt.c): the Member State of main
 * establishment (Art. 14(7)), then for a manufacturer outside the Union the order of
 * Art. 14(7)(a)-(d).
 */
#include "../test.h"

#include <string.h>

#include "crakit/report.h"

static void test_csirt__table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; crk_csirt_at(i); i++) {
		const struct crk_csirt *c = crk_csirt_at(i);
		assert_non_null(crk_member_state_find(c->country));
		assert_ptr_equal(crk_csirt_find(c->country), c);
		assert_non_null(strstr(c->source, "[unverified]"));
	}
	assert_int_equal(i, 27); /* one per Member State */
	assert_string_equal(crk_csirt_find("DE")->name, "BSI (CERT-Bund)");
	assert_string_equal(crk_csirt_find("EL")->name, "GR-CSIRT");
	assert_string_equal(crk_csirt_find("lu")->name, "CIRCL");
	assert_null(crk_csirt_find("US"));
}

static void test_csirt__route(void **state)
{
	static const struct {
		struct crk_route_input in;
		const char *ms, *basis;
	} c[] = {
		/* Art. 14(7) first subparagraph: the main establishment wins over everything */
		{{"FR", "DE", "IT", "ES", "PL"}, "FR", "Art. 14(7): Member State of main establishment"},
		{{"el", NULL, NULL, NULL, NULL}, "GR", "Art. 14(7): Member State of main establishment"},
		/* outside the Union: (a) authorised representative */
		{{"US", "IE", "NL", "BE", "DE"}, "IE",
		 "Art. 14(7)(a): Member State of the authorised representative"},
		/* no main establishment given at all: the same order */
		{{NULL, "", "NL", "BE", "DE"}, "NL", "Art. 14(7)(b): Member State of the importer"},
		/* (c) distributor; a non-EU importer (Switzerland) is passed over */
		{{"JP", NULL, "CH", "AT", "DE"}, "AT", "Art. 14(7)(c): Member State of the distributor"},
		/* (d) most users */
		{{"CN", NULL, NULL, NULL, "PL"}, "PL", "Art. 14(7)(d): Member State with the most users"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct crk_route r;
		struct crk_err err;
		if (crk_csirt_route(&r, &c[i].in, &err) != CRK_OK)
			fail_msg("case %zu: %s", i + 1, err.msg);
		assert_string_equal(r.ms->code, c[i].ms);
		assert_string_equal(r.csirt->country, c[i].ms);
		assert_string_equal(r.basis, c[i].basis);
	}
}

static void test_csirt__errors(void **state)
{
	struct crk_route r;
	struct crk_err err;
	struct crk_route_input none = {"US", NULL, "CH", NULL, "NO"};
	struct crk_route_input badcode = {"Germany", NULL, NULL, NULL, NULL};
	(void)state;
	assert_int_equal(crk_csirt_route(&r, &none, &err), CRK_ENOTFOUND);
	assert_null(r.ms);
	assert_non_null(strstr(err.msg, "Art. 14(7)(a)-(d)"));
	assert_non_null(strstr(err.hint, "cra.yaml"));
	assert_int_equal(crk_csirt_route(&r, &badcode, &err), CRK_EINVAL);
	assert_string_equal(err.msg, "main_establishment 'Germany' is not a two-letter country code");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csirt__table),
		cmocka_unit_test(test_csirt__route),
		cmocka_unit_test(test_csirt__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
