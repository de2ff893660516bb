/* test_toml.c - the TOML 1.0.0 parser (src/formats/toml.c). Expected values computed by hand
 * from the spec (https://toml.io/en/v1.0.0). */
#include <math.h>
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/toml.h"

static struct crk_arena arena;

static int setup(void **state)
{
	(void)state;
	crk_arena_init(&arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	crk_arena_release(&arena);
	return 0;
}

/* Parses a NUL-terminated document that must be valid. */
static const struct crk_toml_node *ok(const char *src)
{
	struct crk_toml_node *root = NULL;
	struct crk_err err;
	int rc = crk_toml_parse(&root, src, strlen(src), "t.toml", &arena, &err);
	if (rc != CRK_OK)
		fail_msg("unexpected error %d %s:%u:%u: %s\n--- input:\n%s", rc, err.path, err.line,
			 err.col, err.msg, src);
	assert_non_null(root);
	return root;
}

/* Parses a document that must fail with `code` at line:col and a message containing `msg`. */
static void bad(const char *src, int code, unsigned line, unsigned col, const char *msg)
{
	struct crk_toml_node *root = (struct crk_toml_node *)1;
	struct crk_err err;
	int rc = crk_toml_parse(&root, src, strlen(src), "t.toml", &arena, &err);
	if (rc != code || err.line != line || err.col != col || !strstr(err.msg, msg))
		fail_msg("want %d %u:%u '%s', got %d %u:%u '%s'\n--- input:\n%s", code, line, col,
			 msg, rc, rc ? err.line : 0, rc ? err.col : 0, rc ? err.msg : "", src);
	assert_null(root);
	assert_string_equal(err.path, "t.toml");
}

static const char *str_of(const struct crk_toml_node *root, const char *key)
{
	const char *s = crk_toml_get_str(root, key);
	if (!s)
		fail_msg("no string '%s'", key);
	return s;
}

static int64_t int_of(const struct crk_toml_node *root, const char *key)
{
	int64_t v = 0;
	if (crk_toml_int(crk_toml_get(root, key), &v))
		fail_msg("no integer '%s'", key);
	return v;
}

static double float_of(const struct crk_toml_node *root, const char *key)
{
	const struct crk_toml_node *n = crk_toml_get(root, key);
	if (!n || n->type != CRK_TOML_FLOAT)
		fail_msg("no float '%s'", key);
	return n->u.f;
}

static void test_toml__comments_and_positions(void **state)
{
	const struct crk_toml_node *r, *n;
	const struct crk_toml_kv *kv;
	(void)state;
	r = ok("# a comment\n"
	       "a = 1 # after a value\n"
	       "\n"
	       "  b\t=  \"s\"\n"
	       "#last, no newline");
	assert_int_equal(crk_toml_table_len(r), 2);
	n = crk_toml_get(r, "a");
	assert_int_equal(n->type, CRK_TOML_INTEGER);
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 5);
	n = crk_toml_get(r, "b");
	assert_int_equal(n->line, 4);
	assert_int_equal(n->col, 8);
	kv = crk_toml_table_at(r, 1);
	assert_string_equal(kv->key, "b");
	assert_int_equal(kv->line, 4);
	assert_int_equal(kv->col, 3);
	assert_null(crk_toml_table_at(r, 2));
	/* an empty document and one of blank lines are empty tables */
	assert_int_equal(crk_toml_table_len(ok("")), 0);
	assert_int_equal(crk_toml_table_len(ok("\n \t\r\n# x\r\n")), 0);
	/* a byte order mark is skipped; columns count from after it */
	n = crk_toml_get(ok("\xef\xbb\xbf" "a = 1"), "a");
	assert_non_null(n);
	assert_int_equal(n->col, 5);
	/* control characters are not allowed in comments, DEL neither */
	bad("a = 1 # \x01\n", CRK_EPARSE, 1, 9, "control character 0x01 in comment");
	bad("# \x7f", CRK_EPARSE, 1, 3, "control character 0x7f in comment");
	bad("# \xc0\x80", CRK_EPARSE, 1, 3, "invalid UTF-8 in comment");
	/* a lone CR is not a newline */
	bad("a = 1\rb = 2", CRK_EPARSE, 1, 6, "expected end of line after a value");
}

static void test_toml__basic_string_escapes(void **state)
{
	const struct crk_toml_node *r;
	size_t len;
	const char *s;
	(void)state;
	r = ok("b = \"\\b\"\nt = \"\\t\"\nn = \"\\n\"\nf = \"\\f\"\ncr = \"\\r\"\n"
	       "q = \"\\\"\"\nbs = \"\\\\\"\n"
	       "u = \"\\u00e9\"\nU = \"\\U0001F600\"\nhex = \"\\u00E9\\u20AC\"\n"
	       "nul = \"a\\u0000b\"\ndel = \"\\u007F\"\nmax = \"\\U0010FFFF\"\n"
	       "tab = \"a\tb\"\nutf8 = \"\xc3\xa9\xe2\x82\xac\"\n");
	assert_string_equal(str_of(r, "b"), "\b");
	assert_string_equal(str_of(r, "t"), "\t");
	assert_string_equal(str_of(r, "n"), "\n");
	assert_string_equal(str_of(r, "f"), "\f");
	assert_string_equal(str_of(r, "cr"), "\r");
	assert_string_equal(str_of(r, "q"), "\"");
	assert_string_equal(str_of(r, "bs"), "\\");
	assert_string_equal(str_of(r, "u"), "\xc3\xa9");
	assert_string_equal(str_of(r, "U"), "\xf0\x9f\x98\x80");
	assert_string_equal(str_of(r, "hex"), "\xc3\xa9\xe2\x82\xac");
	s = crk_toml_strn(crk_toml_get(r, "nul"), &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "a\0b", 3);
	assert_string_equal(str_of(r, "del"), "\x7f");
	assert_string_equal(str_of(r, "max"), "\xf4\x8f\xbf\xbf");
	assert_string_equal(str_of(r, "tab"), "a\tb");
	assert_string_equal(str_of(r, "utf8"), "\xc3\xa9\xe2\x82\xac");

	/* TOML 1.0 has no \e, \x, \' escapes */
	bad("a = \"\\e\"", CRK_EPARSE, 1, 6, "invalid escape");
	bad("a = \"\\x41\"", CRK_EPARSE, 1, 6, "invalid escape");
	bad("a = \"\\'\"", CRK_EPARSE, 1, 6, "invalid escape");
	/* surrogates and code points past U+10FFFF are not scalar values */
	bad("a = \"\\uD800\"", CRK_EPARSE, 1, 6, "not a Unicode scalar value");
	bad("a = \"x\\uDFFF\"", CRK_EPARSE, 1, 7, "not a Unicode scalar value");
	bad("a = \"\\U00110000\"", CRK_EPARSE, 1, 6, "not a Unicode scalar value");
	bad("a = \"\\u12\"", CRK_EPARSE, 1, 6, "\\u escape needs 4 hex digits");
	bad("a = \"\\u12G4\"", CRK_EPARSE, 1, 6, "\\u escape needs 4 hex digits");
	bad("a = \"\\U0000004\"", CRK_EPARSE, 1, 6, "\\U escape needs 8 hex digits");
	/* raw control characters, invalid UTF-8 */
	bad("a = \"x\x01\"", CRK_EPARSE, 1, 7, "control character 0x01 in string");
	bad("a = \"\x7f\"", CRK_EPARSE, 1, 6, "control character 0x7f in string");
	bad("a = \"\xff\"", CRK_EPARSE, 1, 6, "invalid UTF-8 in string");
	bad("a = \"\xed\xa0\x80\"", CRK_EPARSE, 1, 6, "invalid UTF-8 in string"); /* surrogate */
	bad("a = \"\xc0\xaf\"", CRK_EPARSE, 1, 6, "invalid UTF-8 in string");     /* overlong */
	/* a single-line string ends on its line */
	bad("a = \"abc\nb = 1\n", CRK_EPARSE, 1, 5, "unterminated string");
	bad("x = 1\n\n  a = \"abc", CRK_EPARSE, 3, 7, "unterminated string");
	bad("a = \"abc\\", CRK_EPARSE, 1, 5, "unterminated string");
}

static void test_toml__literal_and_multiline_strings(void **state)
{
	const struct crk_toml_node *r;
	(void)state;
	r = ok("w = 'C:\\Users\\nodejs\\templates'\n"
	       "q = '<\\i\\c*\\s*>'\n"
	       "empty = ''\n"
	       "ml = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
	       "cont = \"\"\"\\\n       The quick brown \\\n\n\n       fox.\\\n       \"\"\"\n"
	       "quotes = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
	       "five = \"\"\"Here are fifteen quotation marks: \\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\".\"\"\"\n"
	       "edge = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
	       "lml = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\n"
	       "lq = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
	       "apos = ''''That,' she said, 'is still pointless.''''\n"
	       "crlf = \"\"\"a\r\nb\"\"\"\n"
	       "after = 1\n");
	assert_string_equal(str_of(r, "w"), "C:\\Users\\nodejs\\templates");
	assert_string_equal(str_of(r, "q"), "<\\i\\c*\\s*>");
	assert_string_equal(str_of(r, "empty"), "");
	assert_string_equal(str_of(r, "ml"), "Roses are red\nViolets are blue");
	assert_string_equal(str_of(r, "cont"), "The quick brown fox.");
	assert_string_equal(str_of(r, "quotes"), "Here are two quotation marks: \"\". Simple enough.");
	assert_string_equal(str_of(r, "five"),
			    "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\".");
	assert_string_equal(str_of(r, "edge"), "\"This,\" she said, \"is just a pointless statement.\"");
	assert_string_equal(str_of(r, "lml"), "The first newline is\ntrimmed in raw strings.\n"
					      "   All other whitespace\n   is preserved.\n");
	assert_string_equal(str_of(r, "lq"),
			    "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"");
	assert_string_equal(str_of(r, "apos"), "'That,' she said, 'is still pointless.'");
	assert_string_equal(str_of(r, "crlf"), "a\nb"); /* a CRLF newline reads as LF */
	/* line tracking continues correctly after multi-line strings */
	assert_int_equal(crk_toml_get(r, "after")->line, 26);
	assert_int_equal(crk_toml_get(r, "cont")->line, 7);

	bad("a = '''x''''''", CRK_EPARSE, 1, 14, "too many quotes");
	bad("a = \"\"\"abc\n\ndef", CRK_EPARSE, 1, 5, "unterminated string");
	bad("a = '''abc", CRK_EPARSE, 1, 5, "unterminated string");
	bad("a = 'abc\ndef'", CRK_EPARSE, 1, 5, "unterminated string");
	bad("a = \"\"\"a \\ b\"\"\"", CRK_EPARSE, 1, 10, "backslash followed by white space");
	bad("a = '''\x01'''", CRK_EPARSE, 1, 8, "control character 0x01 in multi-line string");
	bad("a = \"\"\"x\ry\"\"\"", CRK_EPARSE, 1, 9, "control character 0x0d");
}

static void test_toml__integers(void **state)
{
	const struct crk_toml_node *r;
	(void)state;
	r = ok("i1 = +99\ni2 = 42\ni3 = 0\ni4 = -17\ni5 = +0\ni6 = -0\n"
	       "u1 = 1_000\nu2 = 5_349_221\nu3 = 1_2_3_4_5\n"
	       "h1 = 0xDEADBEEF\nh2 = 0xdeadbeef\nh3 = 0xdead_beef\nh4 = 0x00ff\n"
	       "o1 = 0o01234567\no2 = 0o755\n"
	       "b1 = 0b11010110\nb2 = 0b1_0\n"
	       "max = 9223372036854775807\nmin = -9223372036854775808\n"
	       "hmax = 0x7FFFFFFFFFFFFFFF\n");
	assert_int_equal(int_of(r, "i1"), 99);
	assert_int_equal(int_of(r, "i2"), 42);
	assert_int_equal(int_of(r, "i3"), 0);
	assert_int_equal(int_of(r, "i4"), -17);
	assert_int_equal(int_of(r, "i5"), 0);
	assert_int_equal(int_of(r, "i6"), 0);
	assert_int_equal(int_of(r, "u1"), 1000);
	assert_int_equal(int_of(r, "u2"), 5349221);
	assert_int_equal(int_of(r, "u3"), 12345);
	assert_int_equal(int_of(r, "h1"), 3735928559);
	assert_int_equal(int_of(r, "h2"), 3735928559);
	assert_int_equal(int_of(r, "h3"), 3735928559);
	assert_int_equal(int_of(r, "h4"), 255);
	assert_int_equal(int_of(r, "o1"), 342391);
	assert_int_equal(int_of(r, "o2"), 493);
	assert_int_equal(int_of(r, "b1"), 214);
	assert_int_equal(int_of(r, "b2"), 2);
	assert_true(int_of(r, "max") == INT64_MAX);
	assert_true(int_of(r, "min") == INT64_MIN);
	assert_true(int_of(r, "hmax") == INT64_MAX);

	bad("a = 012", CRK_EPARSE, 1, 5, "leading zero");
	bad("a = -01", CRK_EPARSE, 1, 5, "leading zero");
	bad("a = 0_1", CRK_EPARSE, 1, 5, "leading zero");
	bad("a = 1__0", CRK_EPARSE, 1, 5, "invalid number '1__0'");
	bad("a = 1_", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = _1", CRK_EPARSE, 1, 5, "invalid value starting with '_'");
	bad("a = 0x", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = 0xG1", CRK_EPARSE, 1, 5, "invalid hexadecimal integer");
	bad("a = 0x_1", CRK_EPARSE, 1, 5, "invalid hexadecimal integer");
	bad("a = 0X1F", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = 0o8", CRK_EPARSE, 1, 5, "invalid octal integer");
	bad("a = 0b102", CRK_EPARSE, 1, 5, "invalid binary integer");
	bad("a = +0x1", CRK_EPARSE, 1, 5, "cannot have a sign");
	bad("a = -0b1", CRK_EPARSE, 1, 5, "cannot have a sign");
	bad("a = 9223372036854775808", CRK_EPARSE, 1, 5, "does not fit in 64 bits");
	bad("a = -9223372036854775809", CRK_EPARSE, 1, 5, "does not fit in 64 bits");
	bad("a = 0x8000000000000000", CRK_EPARSE, 1, 5, "does not fit in 64 bits");
	bad("a = 0o1777777777777777777777", CRK_EPARSE, 1, 5, "does not fit in 64 bits");
	bad("a = 1 2", CRK_EPARSE, 1, 7, "expected end of line after a value, found '2'");
}

static void test_toml__floats_and_booleans(void **state)
{
	const struct crk_toml_node *r;
	int b = -1;
	(void)state;
	r = ok("f1 = +1.0\nf2 = 3.1415\nf3 = -0.01\nf4 = 5e+22\nf5 = 1e06\nf6 = -2E-2\n"
	       "f7 = 6.626e-34\nf8 = 224_617.445_991_228\nf9 = 0.0\nf10 = -0.0\nf11 = 1e1_0\n"
	       "i1 = inf\ni2 = +inf\ni3 = -inf\nn1 = nan\nn2 = -nan\n"
	       "t = true\nf = false\n");
	assert_true(float_of(r, "f1") == 1.0);
	assert_true(float_of(r, "f2") == 3.1415);
	assert_true(float_of(r, "f3") == -0.01);
	assert_true(float_of(r, "f4") == 5e22);
	assert_true(float_of(r, "f5") == 1e6);
	assert_true(float_of(r, "f6") == -0.02);
	assert_true(float_of(r, "f7") == 6.626e-34);
	assert_true(float_of(r, "f8") == 224617.445991228);
	assert_true(float_of(r, "f9") == 0.0);
	assert_true(float_of(r, "f10") == 0.0 && signbit(float_of(r, "f10")));
	assert_true(float_of(r, "f11") == 1e10);
	assert_true(isinf(float_of(r, "i1")) && float_of(r, "i1") > 0);
	assert_true(isinf(float_of(r, "i2")) && float_of(r, "i2") > 0);
	assert_true(isinf(float_of(r, "i3")) && float_of(r, "i3") < 0);
	assert_true(isnan(float_of(r, "n1")));
	assert_true(isnan(float_of(r, "n2")));
	assert_int_equal(crk_toml_bool(crk_toml_get(r, "t"), &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(crk_toml_bool(crk_toml_get(r, "f"), &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(crk_toml_bool(crk_toml_get(r, "f1"), &b), -1);

	bad("a = .7", CRK_EPARSE, 1, 5, "invalid value starting with '.'");
	bad("a = 7.", CRK_EPARSE, 1, 5, "invalid number '7.'");
	bad("a = 3.e+20", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = 1e", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = 1.5_", CRK_EPARSE, 1, 5, "invalid number");
	bad("a = 01.5", CRK_EPARSE, 1, 5, "leading zero");
	bad("a = infinity", CRK_EPARSE, 1, 5, "invalid number 'infinity'");
	bad("a = True", CRK_EPARSE, 1, 5, "invalid value starting with 'T'");
	bad("a = truex", CRK_EPARSE, 1, 5, "invalid value starting with 't'");
}

static void test_toml__datetimes(void **state)
{
	const struct crk_toml_node *r, *n;
	(void)state;
	r = ok("odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00-07:00\n"
	       "odt3 = 1979-05-27T00:32:00.999999-07:00\nodt4 = 1979-05-27 07:32:00Z\n"
	       "ldt1 = 1979-05-27T07:32:00\nldt2 = 1979-05-27t00:32:00.999999\n"
	       "ld1 = 1979-05-27\nlt1 = 07:32:00\nlt2 = 00:32:00.999999\n"
	       "leap = 2000-02-29\nsp = 1979-05-27 # a date, then a comment\n"
	       "arr = [1979-05-27 , 07:32:00]\n");
	n = crk_toml_get(r, "odt1");
	assert_int_equal(n->type, CRK_TOML_DATETIME);
	assert_int_equal(n->dt_kind, CRK_TOML_OFFSET_DATETIME);
	assert_string_equal(crk_toml_str(n), "1979-05-27T07:32:00Z");
	assert_string_equal(str_of(r, "odt2"), "1979-05-27T00:32:00-07:00");
	assert_string_equal(str_of(r, "odt3"), "1979-05-27T00:32:00.999999-07:00");
	assert_int_equal(crk_toml_get(r, "odt4")->dt_kind, CRK_TOML_OFFSET_DATETIME);
	assert_string_equal(str_of(r, "odt4"), "1979-05-27 07:32:00Z");
	assert_int_equal(crk_toml_get(r, "ldt1")->dt_kind, CRK_TOML_LOCAL_DATETIME);
	assert_string_equal(str_of(r, "ldt2"), "1979-05-27t00:32:00.999999");
	assert_int_equal(crk_toml_get(r, "ld1")->dt_kind, CRK_TOML_LOCAL_DATE);
	assert_int_equal(crk_toml_get(r, "lt1")->dt_kind, CRK_TOML_LOCAL_TIME);
	assert_string_equal(str_of(r, "lt2"), "00:32:00.999999");
	assert_string_equal(str_of(r, "leap"), "2000-02-29");
	assert_string_equal(str_of(r, "sp"), "1979-05-27");
	assert_int_equal(crk_toml_len(crk_toml_get(r, "arr")), 2);

	bad("a = 2001-02-29", CRK_EPARSE, 1, 5, "invalid date or time '2001-02-29'");
	bad("a = 1900-02-29", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 2000-13-01", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 2000-04-31", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 2000-00-10", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 24:00:00", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 07:32", CRK_EPARSE, 1, 5, "invalid date or time"); /* seconds are required */
	bad("a = 1979-05-27T07:32", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 1979-05-27T07:32:00.Z", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 1979-05-27T07:32:00+24:00", CRK_EPARSE, 1, 5, "invalid date or time");
	bad("a = 1979-5-27", CRK_EPARSE, 1, 5, "invalid date or time");
}

static void test_toml__arrays(void **state)
{
	const struct crk_toml_node *r, *a, *b;
	(void)state;
	r = ok("integers = [ 1, 2, 3 ]\n"
	       "nested = [ [ 1, 2 ], [\"a\", 'b'] ]\n"
	       "mixed = [ 0.1, \"s\", { x = 1 }, [] ]\n"
	       "multi = [\n  1, # one\n\n  2, # two, then a trailing comma\n]\n"
	       "empty = [ ]\n"
	       "comments = [ # c\n  # only comments\n]\n");
	a = crk_toml_get(r, "integers");
	assert_true(crk_toml_is_array(a));
	assert_int_equal(crk_toml_len(a), 3);
	assert_int_equal(crk_toml_at(a, 2)->u.i, 3);
	assert_int_equal(crk_toml_at(a, 2)->col, 20);
	assert_null(crk_toml_at(a, 3));
	b = crk_toml_at(crk_toml_get(r, "nested"), 1);
	assert_string_equal(crk_toml_str(crk_toml_at(b, 1)), "b");
	a = crk_toml_get(r, "mixed");
	assert_int_equal(crk_toml_len(a), 4);
	assert_int_equal(crk_toml_at(a, 0)->type, CRK_TOML_FLOAT);
	assert_int_equal(crk_toml_at(a, 1)->type, CRK_TOML_STRING);
	assert_int_equal(crk_toml_at(a, 2)->type, CRK_TOML_TABLE);
	assert_int_equal(crk_toml_at(a, 3)->type, CRK_TOML_ARRAY);
	a = crk_toml_get(r, "multi");
	assert_int_equal(crk_toml_len(a), 2);
	/* the key keeps its own line though the value ends lines later */
	assert_string_equal(crk_toml_table_at(r, 3)->key, "multi");
	assert_int_equal(crk_toml_table_at(r, 3)->line, 4);
	assert_int_equal(crk_toml_table_at(r, 3)->col, 1);
	assert_int_equal(crk_toml_at(a, 1)->line, 7);
	assert_int_equal(crk_toml_at(a, 1)->col, 3);
	assert_int_equal(crk_toml_len(crk_toml_get(r, "empty")), 0);
	assert_int_equal(crk_toml_len(crk_toml_get(r, "comments")), 0);

	bad("a = [1 2]", CRK_EPARSE, 1, 8, "expected ',' or ']' in array, found '2'");
	bad("a = [,]", CRK_EPARSE, 1, 6, "invalid value starting with ','");
	bad("a = [1,,2]", CRK_EPARSE, 1, 8, "invalid value starting with ','");
	bad("a = [1,\n2", CRK_EPARSE, 1, 5, "unterminated array");
	bad("a = [\n", CRK_EPARSE, 2, 1, "expected a value, found end of file");
}

static void test_toml__inline_tables(void **state)
{
	const struct crk_toml_node *r, *t;
	(void)state;
	r = ok("name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
	       "point = {x=1,y=2}\n"
	       "animal = { type.name = \"pug\" }\n"
	       "empty = {}\n"
	       "deps = [{ name = \"a\" }, { name = \"b\", extra = [\"x\",\n \"y\"] }]\n");
	assert_string_equal(crk_toml_get_str(crk_toml_get(r, "name"), "last"), "Preston-Werner");
	assert_int_equal(crk_toml_get(r, "name")->col, 8);
	assert_int_equal(int_of(crk_toml_get(r, "point"), "y"), 2);
	t = crk_toml_get(crk_toml_get(r, "animal"), "type");
	assert_true(crk_toml_is_table(t));
	assert_string_equal(crk_toml_get_str(t, "name"), "pug");
	assert_int_equal(crk_toml_table_len(crk_toml_get(r, "empty")), 0);
	t = crk_toml_at(crk_toml_get(r, "deps"), 1);
	assert_int_equal(crk_toml_len(crk_toml_get(t, "extra")), 2);

	bad("a = {x = 1\n, y = 2}", CRK_EPARSE, 1, 11, "newline inside an inline table");
	bad("a = {x = 1,}", CRK_EPARSE, 1, 12, "trailing comma in an inline table");
	bad("a = {x = 1 y = 2}", CRK_EPARSE, 1, 12, "expected ',' or '}' in inline table");
	bad("a = {x = 1, x = 2}", CRK_EPARSE, 1, 13, "duplicate key 'x'");
	bad("a = {x = {y = 1}, x.z = 2}", CRK_EPARSE, 1, 19, "inline table 'x' cannot be extended");
	/* an inline table is complete: no key, dotted key or header adds to it */
	bad("[product]\ntype = { name = \"Nail\" }\ntype.edible = false\n", CRK_EPARSE, 3, 1,
	    "inline table 'type' cannot be extended");
	bad("a = {x = 1}\n[a.b]\n", CRK_EPARSE, 2, 2, "inline table 'a' cannot be extended");
	bad("a = {x = 1}\n[a]\n", CRK_EPARSE, 2, 1, "table [a] defined twice");
	bad("a = {x = 1", CRK_EPARSE, 1, 5, "unterminated inline table");
}

static void test_toml__keys(void **state)
{
	const struct crk_toml_node *r, *t;
	const struct crk_toml_kv *kv;
	(void)state;
	r = ok("bare_key-1 = 1\n1234 = 2\n\"127.0.0.1\" = 3\n\"\xca\x8e\xc7\x9d\xca\x9e\" = 4\n"
	       "'key2' = 5\n'quoted \"value\"' = 6\n\"\" = 7\n\"\\u0041\" = 8\n"
	       "physical.color = \"orange\"\nphysical.shape = \"round\"\n"
	       "site.\"google.com\" = true\n"
	       "fruit . flavor = \"banana\"\n"
	       "3.14159 = \"pi\"\n");
	assert_int_equal(int_of(r, "bare_key-1"), 1);
	assert_int_equal(int_of(r, "1234"), 2);
	assert_int_equal(int_of(r, "127.0.0.1"), 3);
	assert_int_equal(int_of(r, "\xca\x8e\xc7\x9d\xca\x9e"), 4);
	assert_int_equal(int_of(r, "key2"), 5);
	assert_int_equal(int_of(r, "quoted \"value\""), 6);
	assert_int_equal(int_of(r, ""), 7);
	assert_int_equal(int_of(r, "A"), 8);
	/* dotted keys create tables, at the position of the part that names them */
	t = crk_toml_get(r, "physical");
	assert_true(crk_toml_is_table(t));
	assert_int_equal(crk_toml_table_len(t), 2);
	assert_string_equal(crk_toml_get_str(t, "shape"), "round");
	assert_int_equal(t->line, 9);
	assert_int_equal(t->col, 1);
	kv = crk_toml_table_at(t, 1);
	assert_int_equal(kv->line, 10);
	assert_int_equal(kv->col, 10);
	assert_true(crk_toml_get(crk_toml_get(r, "site"), "google.com") != NULL);
	assert_string_equal(crk_toml_get_str(crk_toml_get(r, "fruit"), "flavor"), "banana");
	assert_string_equal(crk_toml_get_str(crk_toml_get(r, "3"), "14159"), "pi");
	/* getn does not need NUL termination */
	assert_int_equal(crk_toml_getn(r, "1234xyz", 4)->u.i, 2);

	bad("= 1", CRK_EPARSE, 1, 1, "expected a key, found '='");
	bad("a", CRK_EPARSE, 1, 2, "expected '=' after key, found end of file");
	bad("a b = 1", CRK_EPARSE, 1, 3, "expected '=' after key, found 'b'");
	bad("this is not valid toml! (I think)", CRK_EPARSE, 1, 6, "expected '=' after key");
	bad("a =", CRK_EPARSE, 1, 4, "expected a value, found end of file");
	bad("a = # no value\n", CRK_EPARSE, 1, 5, "expected a value, found '#'");
	bad("a.", CRK_EPARSE, 1, 3, "expected a key, found end of file");
	bad("\"\"\"a\"\"\" = 1", CRK_EPARSE, 1, 3, "expected '=' after key");
	bad("a = 1\na = 2\n", CRK_EPARSE, 2, 1, "duplicate key 'a'");
	bad("a = 1\n\"a\" = 2\n", CRK_EPARSE, 2, 1, "duplicate key 'a'");
	bad("a = 1\na.b = 2\n", CRK_EPARSE, 2, 1, "key 'a' is already a integer, not a table");
	bad("a.b = 1\na.b.c = 2\n", CRK_EPARSE, 2, 3, "key 'a.b' is already a integer");
	bad("\xc3\xa9 = 1", CRK_EPARSE, 1, 1, "expected a key, found 0xc3");
}

static void test_toml__tables_and_arrays_of_tables(void **state)
{
	const struct crk_toml_node *r, *a, *t, *v;
	(void)state;
	r = ok("title = \"x\"\n"
	       "[owner]\nname = \"Tom\"\n"
	       "[ dog . \"tater.man\" ]\ntype.name = \"pug\"\n"
	       "[x.y.z.w] # parents are created implicitly\n"
	       "[x] # and may be defined afterwards, once\n"
	       "k = 1\n"
	       "[[fruits]]\nname = \"apple\"\n"
	       "[fruits.physical]\ncolor = \"red\"\n"
	       "[[fruits.varieties]]\nname = \"red delicious\"\n"
	       "[[fruits.varieties]]\nname = \"granny smith\"\n"
	       "[[fruits]]\nname = \"banana\"\n"
	       "[[fruits.varieties]]\nname = \"plantain\"\n");
	t = crk_toml_get(r, "owner");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->col, 1);
	v = crk_toml_get(crk_toml_get(crk_toml_get(r, "dog"), "tater.man"), "type");
	assert_string_equal(crk_toml_get_str(v, "name"), "pug");
	t = crk_toml_get(r, "x");
	assert_int_equal(int_of(t, "k"), 1);
	assert_int_equal(t->line, 7); /* a table defined after its children: its header */
	assert_true(crk_toml_is_table(crk_toml_get(crk_toml_get(crk_toml_get(t, "y"), "z"), "w")));
	a = crk_toml_get(r, "fruits");
	assert_true(crk_toml_is_array(a));
	assert_int_equal(crk_toml_len(a), 2);
	t = crk_toml_at(a, 0);
	assert_int_equal(t->line, 9);
	assert_string_equal(crk_toml_get_str(crk_toml_get(t, "physical"), "color"), "red");
	assert_int_equal(crk_toml_len(crk_toml_get(t, "varieties")), 2);
	assert_string_equal(crk_toml_get_str(crk_toml_at(crk_toml_get(t, "varieties"), 1), "name"),
			    "granny smith");
	t = crk_toml_at(a, 1);
	assert_string_equal(crk_toml_get_str(t, "name"), "banana");
	assert_int_equal(crk_toml_get(t, "name")->line, 18);
	assert_int_equal(crk_toml_len(crk_toml_get(t, "varieties")), 1);

	/* dotted keys and sub-tables: the spec's examples */
	r = ok("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n"
	       "[fruit.apple.texture]\nsmooth = true\n");
	t = crk_toml_get(crk_toml_get(crk_toml_get(r, "fruit"), "apple"), "texture");
	assert_int_equal(crk_toml_get(t, "smooth")->u.b, 1);
	/* a table made implicit by a header may gain keys through dotted keys of its parent */
	ok("[a.b.c]\n[a]\nb.d = 1\n");

	bad("[a]\nx = 1\n[a]\n", CRK_EPARSE, 3, 1, "table [a] defined twice");
	bad("[a]\n[b]\n[ a ]\n", CRK_EPARSE, 3, 1, "table [a] defined twice");
	bad("[a.b]\n[a]\n[a]\n", CRK_EPARSE, 3, 1, "table [a] defined twice");
	bad("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", CRK_EPARSE, 3, 1,
	    "table [fruit.apple] defined twice");
	bad("a.b = 1\n[a]\n", CRK_EPARSE, 2, 1, "table [a] defined twice");
	bad("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", CRK_EPARSE, 4, 3,
	    "table 'b.c' is already defined; dotted keys cannot add to it here");
	bad("[a.b.c]\n[a]\nb.d = 1\n[a.b]\n", CRK_EPARSE, 4, 1, "table [a.b] defined twice");
	bad("[a]\nb = 1\n[a.b]\n", CRK_EPARSE, 3, 1,
	    "cannot define table [a.b]: key already holds a value");
	bad("a = 1\n[a.b]\n", CRK_EPARSE, 2, 2, "key 'a' is already a integer, not a table");
	bad("[[a]]\n[a]\n", CRK_EPARSE, 2, 1, "cannot define table [a]: key already holds an array of tables");
	bad("a = []\n[[a]]\n", CRK_EPARSE, 2, 1, "cannot define array of tables [[a]]");
	bad("a = [{b = 1}]\n[a.c]\n", CRK_EPARSE, 2, 2, "array 'a' was written as a value");
	bad("[fruit.physical]\n[[fruit]]\n", CRK_EPARSE, 2, 1,
	    "cannot define array of tables [[fruit]]: key already holds a table");
	bad("[[fruit]]\n[fruit.variety]\n[[fruit.variety]]\n", CRK_EPARSE, 3, 1,
	    "cannot define array of tables [[fruit.variety]]");
	bad("[a]]\n", CRK_EPARSE, 1, 4, "expected end of line after a table header, found ']'");
	bad("[[a]\n", CRK_EPARSE, 1, 5, "expected ']]' after table name");
	bad("[ [a] ]\n", CRK_EPARSE, 1, 3, "expected a key, found '['");
	bad("[a\nb = 1\n", CRK_EPARSE, 1, 3, "expected ']' after table name");
	bad("[]\n", CRK_EPARSE, 1, 2, "expected a key, found ']'");
	bad("[a.]\n", CRK_EPARSE, 1, 4, "expected a key, found ']'");
	bad("[a] b = 1\n", CRK_EPARSE, 1, 5, "expected end of line after a table header");
}

static void test_toml__errors_report_line_and_column(void **state)
{
	(void)state;
	bad("a = 1\nb = 2\n\n[t]\nc = 3\nd 4\n", CRK_EPARSE, 6, 3, "expected '=' after key");
	bad("a = \"\"\"\nx\ny\n\"\"\"\nb = 'open\n", CRK_EPARSE, 5, 5, "unterminated string");
	bad("a = [\n  1,\n  2,\n  }\n", CRK_EPARSE, 4, 3, "invalid value starting with '}'");
	bad("a = 1\r\nb = 2\r\nb = 3\r\n", CRK_EPARSE, 3, 1, "duplicate key 'b'");
}

static void test_toml__caps(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(1 << 20);
	struct crk_toml_node *root;
	struct crk_err err;
	int i;
	(void)state;
	/* CRK_MAX_DEPTH nested arrays are fine, one more is not */
	crk_strbuf_adds(&sb, "a = ");
	for (i = 0; i < CRK_MAX_DEPTH; i++)
		crk_strbuf_addch(&sb, '[');
	for (i = 0; i < CRK_MAX_DEPTH; i++)
		crk_strbuf_addch(&sb, ']');
	assert_int_equal(crk_toml_parse(&root, sb.buf, sb.len, "t.toml", &arena, &err), CRK_OK);
	crk_strbuf_reset(&sb);
	crk_strbuf_adds(&sb, "a = ");
	for (i = 0; i < CRK_MAX_DEPTH + 1; i++)
		crk_strbuf_adds(&sb, "{b=");
	assert_int_equal(crk_toml_parse(&root, sb.buf, sb.len, "t.toml", &arena, &err),
			 CRK_ELIMIT);
	assert_non_null(strstr(err.msg, "nesting deeper than 256 levels"));
	assert_int_equal(err.line, 1);
	/* dotted keys and headers nest too */
	crk_strbuf_reset(&sb);
	crk_strbuf_addch(&sb, '[');
	for (i = 0; i < CRK_MAX_DEPTH + 1; i++)
		crk_strbuf_adds(&sb, i ? ".k" : "k");
	crk_strbuf_adds(&sb, "]\n");
	assert_int_equal(crk_toml_parse(&root, sb.buf, sb.len, "t.toml", &arena, &err),
			 CRK_ELIMIT);
	assert_null(root);
	assert_true(crk_strbuf_ok(&sb));
	crk_strbuf_release(&sb);
}

static void test_toml__large_table_lookup(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(1 << 20);
	struct crk_toml_node *root;
	struct crk_err err;
	char key[32];
	int i;
	(void)state;
	for (i = 0; i < 1000; i++)
		crk_strbuf_addf(&sb, "k%d = %d\n", i, i);
	crk_strbuf_adds(&sb, "k500 = 1\n");
	assert_int_equal(crk_toml_parse(&root, sb.buf, sb.len, "t.toml", &arena, &err),
			 CRK_EPARSE);
	assert_int_equal(err.line, 1001);
	assert_non_null(strstr(err.msg, "duplicate key 'k500'"));
	sb.len -= 9;
	assert_int_equal(crk_toml_parse(&root, sb.buf, sb.len, "t.toml", &arena, &err), CRK_OK);
	assert_int_equal(crk_toml_table_len(root), 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(int_of(root, key), i);
		assert_int_equal(crk_toml_get(root, key)->line, (unsigned)i + 1);
	}
	assert_null(crk_toml_get(root, "k1000"));
	crk_strbuf_release(&sb);
}

static void test_toml__not_nul_terminated(void **state)
{
	struct crk_toml_node *root;
	struct crk_err err;
	char *buf = crk_malloc(7);
	(void)state;
	memcpy(buf, "a = \"xy", 7); /* exactly 7 bytes, no terminator: the string is open */
	assert_int_equal(crk_toml_parse(&root, buf, 7, "t.toml", &arena, &err), CRK_EPARSE);
	assert_non_null(strstr(err.msg, "unterminated string"));
	memcpy(buf, "a = 12x", 7);
	assert_int_equal(crk_toml_parse(&root, buf, 6, "t.toml", &arena, &err), CRK_OK);
	assert_int_equal(int_of(root, "a"), 12);
	crk_free(buf);
}

static void test_toml__helpers_accept_null_and_wrong_types(void **state)
{
	const struct crk_toml_node *r;
	int64_t i;
	size_t n = 9;
	(void)state;
	assert_null(crk_toml_get(NULL, "a"));
	assert_null(crk_toml_get_str(NULL, "a"));
	assert_int_equal(crk_toml_len(NULL), 0);
	assert_null(crk_toml_at(NULL, 0));
	assert_int_equal(crk_toml_table_len(NULL), 0);
	assert_null(crk_toml_str(NULL));
	assert_int_equal(crk_toml_int(NULL, &i), -1);
	r = ok("s = \"x\"\na = [1]\n");
	assert_null(crk_toml_get(crk_toml_get(r, "s"), "x"));
	assert_int_equal(crk_toml_len(crk_toml_get(r, "s")), 0);
	assert_null(crk_toml_str(crk_toml_get(r, "a")));
	assert_null(crk_toml_strn(crk_toml_get(r, "a"), &n));
	assert_int_equal(n, 9);
	assert_null(crk_toml_get(r, NULL));
	assert_false(crk_toml_is_table(crk_toml_get(r, "a")));
	assert_string_equal(crk_toml_type_name(CRK_TOML_DATETIME), "datetime");
}

static void test_toml__allocation_failures(void **state)
{
	static const char doc[] = "[[package]]\nname = \"a\"\ndeps = [\"x\", {y = 1}]\n"
				  "[package.s]\nt = \"\"\"\\u00e9\"\"\"\n[[package]]\nname = \"b\"\n";
	uint64_t n;
	int saw_ok = 0;
	(void)state;
	for (n = 1; n < 200 && !saw_ok; n++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_toml_node *root;
		struct crk_err err;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_toml_parse(&root, doc, sizeof(doc) - 1, "t.toml", &a, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			saw_ok = 1;
			assert_int_equal(crk_toml_len(crk_toml_get(root, "package")), 2);
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
			assert_null(root);
		}
		crk_arena_release(&a);
	}
	assert_true(saw_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_toml__comments_and_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__basic_string_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__literal_and_multiline_strings, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_toml__integers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__floats_and_booleans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__datetimes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__arrays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__inline_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__tables_and_arrays_of_tables, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_toml__errors_report_line_and_column, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_toml__caps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__large_table_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__not_nul_terminated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toml__helpers_accept_null_and_wrong_types,
						setup, teardown),
		cmocka_unit_test(test_toml__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
