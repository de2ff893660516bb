/* test_spdx_license.c - SPDX ids and expressions (SPDX 2.3 Annex D), hand-checked cases. */
#include <string.h>

#include "../test.h"

#include "base/strbuf.h"
#include "formats/spdx_license.h"

static void check(const char *in, enum crk_spdx_kind kind, const char *canon)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	enum crk_spdx_kind k = crk_spdx_expression(in, strlen(in), &sb);
	if (k != kind)
		print_message("'%s': kind %d, expected %d\n", in, k, kind);
	assert_int_equal(k, kind);
	assert_string_equal(sb.buf, canon);
	crk_strbuf_release(&sb);
}

static void test_spdx_license__ids(void **state)
{
	(void)state;
	assert_string_equal(crk_spdx_license_id("mit", 3), "MIT");
	assert_string_equal(crk_spdx_license_id("apache-2.0", 10), "Apache-2.0");
	assert_string_equal(crk_spdx_license_id("0BSD", 4), "0BSD");
	assert_string_equal(crk_spdx_license_id("ZPL-2.1", 7), "ZPL-2.1");       /* last one */
	assert_string_equal(crk_spdx_license_id("GPL-2.0", 7), "GPL-2.0");       /* deprecated, listed */
	assert_null(crk_spdx_license_id("GPL-2", 5));                             /* a prefix only */
	assert_null(crk_spdx_license_id("BSD", 3));
	assert_null(crk_spdx_license_id("MIT-0x", 6));
	assert_string_equal(crk_spdx_exception_id("classpath-exception-2.0", 23),
			    "Classpath-exception-2.0");
	assert_null(crk_spdx_exception_id("MIT", 3));
}

static void test_spdx_license__expressions(void **state)
{
	(void)state;
	check("MIT", CRK_SPDX_ID, "MIT");
	check("  mit ", CRK_SPDX_ID, "MIT");
	check("MIT OR Apache-2.0", CRK_SPDX_EXPRESSION, "MIT OR Apache-2.0");
	check("(mit or apache-2.0) and bsd-3-clause", CRK_SPDX_EXPRESSION,
	      "(MIT OR Apache-2.0) AND BSD-3-Clause");
	check("GPL-2.0-or-later WITH Classpath-exception-2.0", CRK_SPDX_EXPRESSION,
	      "GPL-2.0-or-later WITH Classpath-exception-2.0");
	check("LGPL-2.1+", CRK_SPDX_ID, "LGPL-2.1+"); /* a deprecated id of its own */
	check("mpl-1.1+", CRK_SPDX_EXPRESSION, "MPL-1.1+");
	check("LicenseRef-Proprietary", CRK_SPDX_EXPRESSION, "LicenseRef-Proprietary");
	check("DocumentRef-ext:LicenseRef-1 OR MIT", CRK_SPDX_EXPRESSION,
	      "DocumentRef-ext:LicenseRef-1 OR MIT");
	/* not SPDX: kept as names by the writers */
	check("BSD", CRK_SPDX_INVALID, "");
	check("GPLv2+", CRK_SPDX_INVALID, "");
	check("MIT OR", CRK_SPDX_INVALID, "");
	check("(MIT", CRK_SPDX_INVALID, "");
	check("MIT WITH MIT", CRK_SPDX_INVALID, "");
	check("MIT/X11", CRK_SPDX_INVALID, "");
	check("", CRK_SPDX_INVALID, "");
	check("LicenseRef-", CRK_SPDX_INVALID, "");
}

static void test_spdx_license__deep_nesting_is_bounded(void **state)
{
	char buf[2000];
	size_t i;
	(void)state;
	for (i = 0; i < 600; i++)
		buf[i] = '(';
	memcpy(buf + 600, "MIT", 4);
	assert_int_equal(crk_spdx_expression(buf, strlen(buf), NULL), CRK_SPDX_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_license__ids),
		cmocka_unit_test(test_spdx_license__expressions),
		cmocka_unit_test(test_spdx_license__deep_nesting_is_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
