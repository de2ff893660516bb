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

/* LicenseRefs reported by crk_spdx_normalise, as "id=text;" */
static void on_ref(void *ud, const char *id, const char *text, size_t n)
{
	struct crk_strbuf *sb = ud;
	crk_strbuf_addf(sb, "%s=%.*s;", id, (int)n, text);
}

static void norm(const char *in, enum crk_spdx_kind kind, const char *canon, const char *refs)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0), r = CRK_STRBUF_INIT(0);
	enum crk_spdx_kind k = crk_spdx_normalise(in, strlen(in), &sb, on_ref, &r);
	if (k != kind || strcmp(sb.buf, canon) != 0 || strcmp(r.buf, refs) != 0)
		print_message("'%s': kind %d '%s' refs '%s'\n", in, k, sb.buf, r.buf);
	assert_int_equal(k, kind);
	assert_string_equal(sb.buf, canon);
	assert_string_equal(r.buf, refs);
	assert_true(crk_strbuf_ok(&sb));
	if (k != CRK_SPDX_INVALID) /* whatever comes out is a valid SPDX expression */
		assert_int_not_equal(crk_spdx_expression(sb.buf, sb.len, NULL), CRK_SPDX_INVALID);
	crk_strbuf_release(&sb);
	crk_strbuf_release(&r);
}

/* Package metadata's licences become valid SPDX expressions; nothing is dropped (issue 3 item
 * 5; BSI TR-03183-2 v2.1 §6.1: ids, expressions, LicenseRef-<inventorising entity>-...). */
static void test_spdx_license__normalise(void **state)
{
	(void)state;
	/* valid expressions: canonicalised only */
	norm("mit", CRK_SPDX_ID, "MIT", "");
	norm("(mit or apache-2.0)", CRK_SPDX_EXPRESSION, "(MIT OR Apache-2.0)", "");
	/* common spellings of one listed licence */
	norm("Apache 2.0", CRK_SPDX_ID, "Apache-2.0", "");
	norm("The Apache Software License, Version 2.0", CRK_SPDX_ID, "Apache-2.0", "");
	norm("Apache License, Version 2.0", CRK_SPDX_ID, "Apache-2.0", "");
	norm("ASL 2.0", CRK_SPDX_ID, "Apache-2.0", "");
	norm("MIT License", CRK_SPDX_ID, "MIT", "");
	norm("The MIT License", CRK_SPDX_ID, "MIT", "");
	norm("ISC License", CRK_SPDX_ID, "ISC", "");
	norm("GPLv2+", CRK_SPDX_ID, "GPL-2.0-or-later", "");
	norm("GPLv3", CRK_SPDX_ID, "GPL-3.0-only", "");
	norm("LGPLv2.1+", CRK_SPDX_ID, "LGPL-2.1-or-later", "");
	norm("new BSD", CRK_SPDX_ID, "BSD-3-Clause", "");
	norm("BSD 3-Clause", CRK_SPDX_ID, "BSD-3-Clause", "");
	norm("Simplified BSD License", CRK_SPDX_ID, "BSD-2-Clause", "");
	norm("Expat", CRK_SPDX_ID, "MIT", "");
	norm("MIT/X11", CRK_SPDX_ID, "MIT", "");
	norm("zlib/libpng", CRK_SPDX_ID, "Zlib", "");
	norm("MPL 2.0", CRK_SPDX_ID, "MPL-2.0", "");
	/* several licences in the words of their metadata */
	norm("GPLv2+ and LGPLv2+", CRK_SPDX_EXPRESSION, "GPL-2.0-or-later AND LGPL-2.0-or-later", "");
	norm("MIT/Apache-2.0", CRK_SPDX_EXPRESSION, "MIT OR Apache-2.0", ""); /* Cargo, old style */
	norm("MIT, Apache 2.0", CRK_SPDX_EXPRESSION, "MIT AND Apache-2.0", "");
	norm("(GPLv2+ or Artistic 2.0) and MIT", CRK_SPDX_EXPRESSION,
	     "(GPL-2.0-or-later OR Artistic-2.0) AND MIT", "");
	norm("GPLv2 with Classpath-exception-2.0", CRK_SPDX_EXPRESSION,
	     "GPL-2.0-only WITH Classpath-exception-2.0", "");
	/* unknown: a LicenseRef of crakit's, with the original words */
	norm("BSD", CRK_SPDX_EXPRESSION, "LicenseRef-crakit-BSD", "LicenseRef-crakit-BSD=BSD;");
	norm("Public Domain", CRK_SPDX_EXPRESSION, "LicenseRef-crakit-Public-Domain",
	     "LicenseRef-crakit-Public-Domain=Public Domain;");
	norm("GPLv2+ and BSD", CRK_SPDX_EXPRESSION, "GPL-2.0-or-later AND LicenseRef-crakit-BSD",
	     "LicenseRef-crakit-BSD=BSD;");
	norm("SEE LICENSE IN LICENSE.md", CRK_SPDX_EXPRESSION,
	     "LicenseRef-crakit-SEE-LICENSE-IN-LICENSE.md",
	     "LicenseRef-crakit-SEE-LICENSE-IN-LICENSE.md=SEE LICENSE IN LICENSE.md;");
	norm("GPL (>= 2)", CRK_SPDX_EXPRESSION, "LicenseRef-crakit-GPL-2",
	     "LicenseRef-crakit-GPL-2=GPL (>= 2);"); /* R's notation: not split */
	norm("MIT and (", CRK_SPDX_EXPRESSION, "LicenseRef-crakit-MIT-and",
	     "LicenseRef-crakit-MIT-and=MIT and (;");
	norm("\xc3\xa9\xc3\xa9", CRK_SPDX_EXPRESSION, "LicenseRef-crakit-fa17aac6f3a5f27d",
	     "LicenseRef-crakit-fa17aac6f3a5f27d=\xc3\xa9\xc3\xa9;");
	/* not licences */
	norm("", CRK_SPDX_INVALID, "", "");
	norm("  ", CRK_SPDX_INVALID, "", "");
	norm("NOASSERTION", CRK_SPDX_INVALID, "", "");
	norm("NONE", CRK_SPDX_INVALID, "", "");
	assert_true(crk_spdx_has_ref("MIT OR LicenseRef-crakit-BSD"));
	assert_false(crk_spdx_has_ref("MIT"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_license__ids),
		cmocka_unit_test(test_spdx_license__expressions),
		cmocka_unit_test(test_spdx_license__deep_nesting_is_bounded),
		cmocka_unit_test(test_spdx_license__normalise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
