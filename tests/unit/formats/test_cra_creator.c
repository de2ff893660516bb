/* test_cra_creator.c - the SBOM creator read from cra.yaml (src/formats/cra_creator.c): the
 * manufacturer's name and email, else its website; the keys it does not know skipped; what is
 * not YAML or names no contact an error. */
#include <string.h>

#include "../test.h"

#include "crakit/bom.h"
#include "crakit/sbom.h"

static const struct crk_party *read_cra(struct crk_bom *bom, const char *yaml, int want_rc)
{
	struct crk_err err;
	int rc = crk_sbom_creator_cra(bom, yaml, strlen(yaml), "cra.yaml", &err);
	if (rc != want_rc)
		print_message("rc %d (%s), expected %d\n", rc, err.msg, want_rc);
	assert_int_equal(rc, want_rc);
	return crk_bom_meta(bom)->nparties ? &crk_bom_meta(bom)->parties[0] : NULL;
}

static void test_cra_creator__keys(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	const struct crk_party *p;
	(void)state;
	p = read_cra(bom,
		     "schema: 1\n"
		     "product:\n  name: x\n  email: not-this@example.org\n"
		     "manufacturer:\n"
		     "  name: ACME Ltd\n"
		     "  address: Somewhere 1\n"
		     "  authorised_representative: {name: Rep, email: rep@example.org}\n"
		     "  email: sbom@acme.example\n"
		     "  website: https://acme.example\n",
		     CRK_OK);
	assert_non_null(p);
	assert_int_equal(p->role, CRK_PARTY_MANUFACTURER);
	assert_string_equal(p->name, "ACME Ltd");
	assert_string_equal(p->email, "sbom@acme.example");
	assert_null(p->url); /* an email is preferred (BSI TR-03183-2 v2.1 §5.2.1) */
	crk_bom_free(bom);

	bom = crk_bom_new();
	p = read_cra(bom, "manufacturer:\n  name: Web Only\n  website: https://web.example\n", CRK_OK);
	assert_string_equal(p->url, "https://web.example");
	assert_null(p->email);
	crk_bom_free(bom);

	bom = crk_bom_new();
	p = read_cra(bom, "manufacturer: {name: C, contact: {email: c@c.example}}\n", CRK_OK);
	assert_string_equal(p->email, "c@c.example");
	crk_bom_free(bom);
}

static void test_cra_creator__errors(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_err err;
	char deep[4000];
	size_t i;
	(void)state;
	read_cra(bom, "manufacturer:\n  name: No Contact\n", CRK_ENOTFOUND);
	read_cra(bom, "manufacturer:\n  email: not-an-email\n", CRK_ENOTFOUND);
	read_cra(bom, "product:\n  manufacturer:\n    email: deep@x.example\n", CRK_ENOTFOUND);
	assert_int_equal(crk_sbom_creator_cra(bom, "a: [1\n", 6, "cra.yaml", &err), CRK_EPARSE);
	assert_string_equal(err.path, "cra.yaml");
	assert_true(err.line >= 1);
	for (i = 0; i < 1000; i++)
		deep[i] = '[';
	deep[i] = '\0';
	assert_int_equal(crk_sbom_creator_cra(bom, deep, strlen(deep), "cra.yaml", &err), CRK_ELIMIT);
	assert_int_equal(crk_bom_meta(bom)->nparties, 0);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cra_creator__keys),
		cmocka_unit_test(test_cra_creator__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
