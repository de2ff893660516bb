/*
 * test_jw.c - the streaming JSON writer's fast paths (writer.h): a member's separator,
 * indentation and plain key written in one piece, keys that need escaping, integers without
 * printf, every nesting depth, and a capped buffer that fails part-way.
 */
#include <limits.h>
#include <string.h>

#include "../test.h"

#include "base/strbuf.h"
#include "formats/scan_out.h"
#include "formats/writer.h"

static void test_jw__int_extremes(void **state)
{
	static const long long v[] =
		{0, 1, -1, 9, 10, -10, 1234567890123LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	char want[64];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(*v); i++) {
		crk_strbuf_reset(&sb);
		crk_jw_init(&w, &sb, 0);
		crk_jw_int(&w, NULL, v[i]);
		snprintf(want, sizeof(want), "%lld", v[i]);
		assert_string_equal(sb.buf, want);
	}
	crk_strbuf_release(&sb);
}

static void test_jw__keys_needing_escapes(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	int pretty;
	(void)state;
	for (pretty = 0; pretty < 2; pretty++) {
		crk_strbuf_reset(&sb);
		crk_jw_init(&w, &sb, pretty);
		crk_jw_begin_obj(&w, NULL);
		crk_jw_int(&w, "q\"k", 1);
		crk_jw_str(&w, "caf\xc3\xa9", "x");
		crk_jw_bool(&w, "tab\there", 0);
		crk_jw_str(&w, "", "empty key");
		crk_jw_end_obj(&w);
		crk_jw_finish(&w);
		assert_true(crk_strbuf_ok(&sb));
		if (pretty)
			assert_string_equal(sb.buf, "{\n"
						    "  \"q\\\"k\": 1,\n"
						    "  \"caf\xc3\xa9\": \"x\",\n"
						    "  \"tab\\there\": false,\n"
						    "  \"\": \"empty key\"\n"
						    "}\n");
		else
			assert_string_equal(sb.buf, "{\"q\\\"k\":1,\"caf\xc3\xa9\":\"x\","
						    "\"tab\\there\":false,\"\":\"empty key\"}\n");
	}
	crk_strbuf_release(&sb);
}

/* Nesting to CRK_JW_MAX_DEPTH, a member at every depth: the indentation is 2 spaces a level. */
static void test_jw__every_depth(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0), want = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	int d, k;
	(void)state;
	crk_jw_init(&w, &sb, 1);
	crk_jw_begin_obj(&w, NULL);
	crk_strbuf_adds(&want, "{");
	for (d = 1; d < CRK_JW_MAX_DEPTH; d++) {
		crk_jw_int(&w, "n", d);
		crk_jw_begin_obj(&w, "o");
		crk_strbuf_addch(&want, '\n');
		for (k = 0; k < d; k++)
			crk_strbuf_adds(&want, "  ");
		crk_strbuf_addf(&want, "\"n\": %d,\n", d);
		for (k = 0; k < d; k++)
			crk_strbuf_adds(&want, "  ");
		crk_strbuf_adds(&want, "\"o\": {");
	}
	crk_jw_str(&w, "deepest", "v");
	crk_strbuf_addch(&want, '\n');
	for (k = 0; k < CRK_JW_MAX_DEPTH; k++)
		crk_strbuf_adds(&want, "  ");
	crk_strbuf_adds(&want, "\"deepest\": \"v\"");
	for (d = CRK_JW_MAX_DEPTH - 1; d >= 0; d--) {
		crk_jw_end_obj(&w);
		crk_strbuf_addch(&want, '\n');
		for (k = 0; k < d; k++)
			crk_strbuf_adds(&want, "  ");
		crk_strbuf_addch(&want, '}');
	}
	crk_jw_finish(&w);
	crk_strbuf_addch(&want, '\n');
	assert_true(crk_strbuf_ok(&sb));
	assert_string_equal(sb.buf, want.buf);
	/* one level more is refused through the strbuf */
	crk_strbuf_reset(&sb);
	crk_jw_init(&w, &sb, 1);
	for (d = 0; d <= CRK_JW_MAX_DEPTH; d++)
		crk_jw_begin_arr(&w, NULL);
	assert_false(crk_strbuf_ok(&sb));
	crk_strbuf_release(&sb);
	crk_strbuf_release(&want);
}

static void test_jw__numbers(void **state)
{
	static const double v[] = {0, 9.85, 10, 7.25, 0.000005, 0.123455, 1e300, -2.5};
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	char want[512];
	size_t i;
	int dec;
	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(*v); i++) {
		for (dec = 1; dec <= 5; dec += 4) {
			crk_strbuf_reset(&sb);
			crk_jw_init(&w, &sb, 0);
			crk_scanout__num(&w, NULL, dec, v[i]);
			snprintf(want, sizeof(want), "%.*f", dec,
				 v[i]); /* 1e300 takes the long way */
			assert_string_equal(sb.buf, want);
		}
	}
	crk_strbuf_release(&sb);
}

/* A capped buffer: every cap from 0 up to the whole document fails cleanly or succeeds, and what
 * a successful write holds is the uncapped document. */
static void test_jw__capped(void **state)
{
	struct crk_strbuf full = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	size_t cap;
	(void)state;
	for (cap = 0; cap <= 200; cap++) {
		struct crk_strbuf sb;
		crk_strbuf_init(&sb, cap ? cap : 1);
		crk_jw_init(&w, cap ? &sb : &full, 1);
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "name", "lodash");
		crk_jw_begin_arr(&w, "l");
		crk_jw_int(&w, NULL, -42);
		crk_jw_str(&w, NULL, "a\"b");
		crk_jw_end_arr(&w);
		crk_jw_bool(&w, "k\"ey", 1);
		crk_jw_end_obj(&w);
		crk_jw_finish(&w);
		if (cap == 0) {
			assert_true(crk_strbuf_ok(&full));
			assert_true(full.len < 200);
		} else if (cap >= full.len) {
			assert_true(crk_strbuf_ok(&sb));
			assert_string_equal(sb.buf, full.buf);
		} else {
			assert_false(crk_strbuf_ok(&sb));
			assert_true(sb.len <= cap);
			assert_int_equal(sb.buf[sb.len], '\0');
			assert_memory_equal(sb.buf, full.buf, sb.len); /* a prefix, never garbage */
		}
		crk_strbuf_release(&sb);
	}
	crk_strbuf_release(&full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jw__int_extremes),
		cmocka_unit_test(test_jw__keys_needing_escapes),
		cmocka_unit_test(test_jw__every_depth),
		cmocka_unit_test(test_jw__numbers),
		cmocka_unit_test(test_jw__capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
