/*
 * test_cpe.c - CPE 2.3 formatted-string binding (src/formats/cpe.c). The expected strings are
 * the worked examples of NISTIR 7695 §6.2.2.3 (binding a WFN to a formatted string) and
 * §6.2.3.3 (unbinding), and names of the NVD CPE dictionary.
 */
#include <string.h>

#include "../test.h"

#include "base/arena.h"
#include "base/strbuf.h"
#include "formats/cpe.h"

static const char *bind(struct crk_strbuf *sb, const struct crk_cpe *c)
{
	crk_strbuf_reset(sb);
	if (crk_cpe_bind(sb, c, NULL) != CRK_OK)
		return "(failed)";
	return sb->buf;
}

/* NISTIR 7695 §6.2.2.3, examples 1, 3 and 4 (example 2 binds wildcards: match strings only) */
static void test_cpe__nistir_bind_examples(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_cpe c;
	(void)state;

	/* wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.0\.6001",
	 *      update="beta",edition=ANY] */
	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = "microsoft";
	c.product = "internet_explorer";
	c.version = "8.0.6001";
	c.update = "beta";
	assert_string_equal(bind(&sb, &c),
			    "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");

	/* wfn:[part="a",vendor="hp",product="insight_diagnostics",version="7\.4\.0\.1570",
	 *      update=NA,sw_edition="online",target_sw="win2003",target_hw="x64"] */
	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = "hp";
	c.product = "insight_diagnostics";
	c.version = "7.4.0.1570";
	c.update = CRK_CPE_NA;
	c.sw_edition = "online";
	c.target_sw = "win2003";
	c.target_hw = "x64";
	assert_string_equal(bind(&sb, &c),
			    "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*");

	/* wfn:[part="a",vendor="hp",product="openview_network_manager",version="7\.51",
	 *      target_sw="linux"] */
	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = "hp";
	c.product = "openview_network_manager";
	c.version = "7.51";
	c.target_sw = "linux";
	assert_string_equal(bind(&sb, &c),
			    "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*");

	/* §6.2.3.3 example 3, bound back: wfn:[part="a",vendor="foo\\bar",
	 *      product="big\$money_2010",sw_edition="special",target_sw="ipod_touch",
	 *      target_hw="80gb"] */
	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = "foo\\bar";
	c.product = "big$money_2010";
	c.sw_edition = "special";
	c.target_sw = "ipod_touch";
	c.target_hw = "80gb";
	assert_string_equal(bind(&sb, &c),
			    "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*");
	crk_strbuf_release(&sb);
}

/* The quoting rule per character, and the NVD dictionary's own spellings */
static void test_cpe__quoting(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_cpe c;
	(void)state;

	memset(&c, 0, sizeof(c));
	c.part = "a";
	c.vendor = "denx";
	c.product = "u-boot";
	c.version = "2023.01";
	assert_string_equal(bind(&sb, &c), "cpe:2.3:a:denx:u-boot:2023.01:*:*:*:*:*:*:*");
	/* OpenSSH: NVD splits the portable suffix into update */
	c.vendor = "openbsd";
	c.product = "openssh";
	c.version = "9.2";
	c.update = "p1";
	assert_string_equal(bind(&sb, &c), "cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*");
	/* upper case is lowered, a space becomes '_', punctuation other than . - _ is quoted,
	 * literal '*' and '?' too */
	memset(&c, 0, sizeof(c));
	c.part = "A";
	c.vendor = "Acme Corp";
	c.product = "a:b/c*d?e!f~g";
	c.version = "1.0+build";
	assert_string_equal(bind(&sb, &c),
			    "cpe:2.3:a:acme_corp:a\\:b\\/c\\*d\\?e\\!f\\~g:1.0\\+build:*:*:*:*:*:*:*");
	/* language */
	memset(&c, 0, sizeof(c));
	c.part = "o";
	c.vendor = "x";
	c.product = "y";
	c.language = "en-US";
	assert_string_equal(bind(&sb, &c), "cpe:2.3:o:x:y:*:*:*:en-us:*:*:*:*");
	c.language = "es-419";
	assert_string_equal(bind(&sb, &c), "cpe:2.3:o:x:y:*:*:*:es-419:*:*:*:*");
	crk_strbuf_release(&sb);
}

static void test_cpe__bind_refuses(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_err err;
	struct crk_cpe c;
	(void)state;

	memset(&c, 0, sizeof(c));
	c.vendor = "x";
	assert_int_equal(crk_cpe_bind(&sb, &c, &err), CRK_EINVAL); /* no part */
	c.part = "x";
	assert_int_equal(crk_cpe_bind(&sb, &c, &err), CRK_EINVAL);
	c.part = "a";
	c.product = "caf\xc3\xa9";
	assert_int_equal(crk_cpe_bind(&sb, &c, &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "product"));
	c.product = "tab\there";
	assert_int_equal(crk_cpe_bind(&sb, &c, &err), CRK_EINVAL);
	c.product = "ok";
	c.language = "english";
	assert_int_equal(crk_cpe_bind(&sb, &c, &err), CRK_EINVAL);
	assert_int_equal(sb.len, 0); /* nothing written on failure */
	crk_strbuf_release(&sb);
}

/* NISTIR 7695 §6.2.3.3, examples 1 and 3 (unbinding) */
static void test_cpe__unbind(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_cpe c;
	const char *s;
	(void)state;

	s = "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*";
	assert_int_equal(crk_cpe_unbind(&c, s, strlen(s), &a, NULL), CRK_OK);
	assert_string_equal(c.part, "a");
	assert_string_equal(c.vendor, "microsoft");
	assert_string_equal(c.product, "internet_explorer");
	assert_string_equal(c.version, "8.0.6001");
	assert_string_equal(c.update, "beta");
	assert_null(c.edition);
	assert_null(c.other);

	s = "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*";
	assert_int_equal(crk_cpe_unbind(&c, s, strlen(s), &a, NULL), CRK_OK);
	assert_string_equal(c.vendor, "foo\\bar");
	assert_string_equal(c.product, "big$money_2010");
	assert_string_equal(c.sw_edition, "special");
	assert_string_equal(c.target_sw, "ipod_touch");
	assert_string_equal(c.target_hw, "80gb");
	/* round trip */
	assert_string_equal(bind(&sb, &c), s);

	s = "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*";
	assert_int_equal(crk_cpe_unbind(&c, s, strlen(s), &a, NULL), CRK_OK);
	assert_string_equal(c.update, CRK_CPE_NA);
	assert_string_equal(bind(&sb, &c), s);
	crk_strbuf_release(&sb);
	crk_arena_release(&a);
}

static void test_cpe__valid(void **state)
{
	static const char *const good[] = {
		"cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*",
		"cpe:2.3:a:acme:component_framework:-:*:*:*:*:*:*:*", /* CycloneDX schema example */
		"cpe:2.3:o:linux:linux_kernel:6.1:*:*:*:*:*:*:*",
		"cpe:2.3:a:a\\:b:c:*:*:*:en:*:*:*:*",
		"cpe:2.3:h:*:*:*:*:*:*:*:*:*:*",
	};
	static const char *const bad[] = {
		"cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*",     /* 10 attributes */
		"cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*:*", /* 12 */
		"cpe:/a:openssl:openssl:3.0.11",                    /* CPE 2.2 URI */
		"cpe:2.3:x:openssl:openssl:3.0.11:*:*:*:*:*:*:*",   /* part */
		"cpe:2.3:a:open ssl:openssl:*:*:*:*:*:*:*:*",       /* space */
		"cpe:2.3:a:openssl:openssl:3.*:*:*:*:*:*:*:*",      /* wildcard */
		"cpe:2.3:a:openssl::3.0:*:*:*:*:*:*:*",             /* empty */
		"cpe:2.3:a:openssl:openssl:3.0:*:*:english:*:*:*:*", /* language */
		"cpe:2.3:a:openssl:openssl:3\\.0:*:*:*:*:*:*:*",    /* '.' is never quoted */
		"cpe:2.3:a:x:y:1\\",                                /* dangling backslash */
		"cpe:2.3:-:openssl:openssl:3.0.11:*:*:*:*:*:*:*",   /* part NA (fuzz_cpe found it) */
		"cpe:2.3:*:openssl:openssl:3.0.11:*:*:*:*:*:*:*",   /* part ANY */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!crk_cpe_valid(good[i], strlen(good[i])))
			fail_msg("valid CPE refused: %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (crk_cpe_valid(bad[i], strlen(bad[i])))
			fail_msg("invalid CPE accepted: %s", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpe__nistir_bind_examples),
		cmocka_unit_test(test_cpe__quoting),
		cmocka_unit_test(test_cpe__bind_refuses),
		cmocka_unit_test(test_cpe__unbind),
		cmocka_unit_test(test_cpe__valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
