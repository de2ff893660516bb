/*
 * test_strbuf.c - the inline fast paths of strbuf.h (add, addch, reserve/commit), the one-pass
 * addf and the word-at-a-time JSON escaping, against the plain reference behaviour: the bytes,
 * the NUL after them, the cap, and a failed buffer staying failed.
 */
#include <limits.h>
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/strbuf.h"

/* The invariants strbuf.h promises, after every operation. */
static void check_inv(const struct crk_strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_int_equal(sb->buf[sb->len], '\0');
	assert_true(sb->len <= sb->max);
	if (sb->alloc)
		assert_true(sb->len < sb->alloc);
	else
		assert_int_equal(sb->len, 0);
}

static void test_strbuf__exactly_full(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char big[200];
	size_t i, first;
	(void)state;
	memset(big, 'x', sizeof(big));
	/* the first append allocates (64 bytes); fill it to the last byte before the NUL */
	assert_int_equal(crk_strbuf_addch(&sb, 'a'), 0);
	check_inv(&sb);
	first = sb.alloc;
	assert_true(first >= 2);
	assert_int_equal(crk_strbuf_add(&sb, big, first - 2),
			 0); /* len = alloc - 1: exactly full */
	check_inv(&sb);
	assert_int_equal(sb.len, first - 1);
	assert_int_equal(sb.alloc, first);               /* no growth needed for that */
	assert_int_equal(crk_strbuf_addch(&sb, 'b'), 0); /* one more: grows */
	check_inv(&sb);
	assert_true(sb.alloc > first);
	assert_int_equal(sb.buf[0], 'a');
	assert_int_equal(sb.buf[first - 1], 'b');
	for (i = 1; i < first - 1; i++)
		assert_int_equal(sb.buf[i], 'x');
	/* a zero-length add on a full buffer and on an empty one */
	assert_int_equal(crk_strbuf_add(&sb, NULL, 0), 0);
	check_inv(&sb);
	crk_strbuf_release(&sb);
	assert_int_equal(crk_strbuf_add(&sb, NULL, 0), 0);
	check_inv(&sb);
	assert_int_equal(sb.len, 0);
	crk_strbuf_release(&sb);
}

static void test_strbuf__cap_exact_and_failed_stays_failed(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(8);
	char *d;
	(void)state;
	assert_int_equal(crk_strbuf_adds(&sb, "1234567"), 0);
	assert_true(sb.alloc > 9); /* the cap, not the allocation, is what stops the next add */
	assert_int_equal(crk_strbuf_addch(&sb, '8'), 0); /* len == max: allowed */
	check_inv(&sb);
	assert_int_equal(crk_strbuf_addch(&sb, '9'), -1); /* one past the cap */
	assert_true(sb.failed);
	assert_string_equal(sb.buf, "12345678");
	/* every way of appending now fails and leaves the bytes alone */
	assert_int_equal(crk_strbuf_add(&sb, "", 0), -1);
	assert_int_equal(crk_strbuf_adds(&sb, "z"), -1);
	assert_int_equal(crk_strbuf_addch(&sb, 'z'), -1);
	assert_int_equal(crk_strbuf_addf(&sb, "%d", 1), -1);
	assert_int_equal(crk_strbuf_add_json_str(&sb, "a", 1), -1);
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, "a"), -1);
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, NULL), -1);
	assert_null(crk_strbuf_reserve(&sb, 0));
	assert_int_equal(crk_strbuf_grow(&sb, 0), -1);
	assert_true(sb.failed);
	assert_int_equal(sb.len, 8);
	assert_string_equal(sb.buf, "12345678");
	check_inv(&sb);
	/* reset clears the failure */
	crk_strbuf_reset(&sb);
	assert_int_equal(crk_strbuf_adds(&sb, "ok"), 0);
	assert_string_equal(sb.buf, "ok");
	/* reserve: the room it gives, and refusing past the cap */
	d = crk_strbuf_reserve(&sb, 6);
	assert_non_null(d);
	memcpy(d, "abcdef", 6);
	crk_strbuf_commit(&sb, 4); /* takes fewer than reserved */
	assert_string_equal(sb.buf, "okabcd");
	assert_null(crk_strbuf_reserve(&sb, 3)); /* 9 > 8 */
	assert_true(sb.failed);
	assert_string_equal(sb.buf, "okabcd");
	crk_strbuf_release(&sb);
	/* a failed allocation on the very first append */
	crk_alloc_fail_after(1); /* the very next allocation fails */
	assert_int_equal(crk_strbuf_addch(&sb, 'a'), -1);
	crk_alloc_fail_after(0);
	assert_true(sb.failed);
	assert_string_equal(sb.buf, "");
	assert_int_equal(crk_strbuf_addch(&sb, 'a'), -1); /* still failed with memory back */
	crk_strbuf_release(&sb);
}

static void test_strbuf__addf_one_pass(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_strbuf cap = CRK_STRBUF_INIT(10);
	char want[512];
	size_t room, i;
	(void)state;
	/* the first addf allocates; later ones format in place when they fit */
	assert_int_equal(crk_strbuf_addf(&sb, "%s-%d", "a", 1), 0);
	assert_string_equal(sb.buf, "a-1");
	check_inv(&sb);
	/* text of exactly the room left (no space for its NUL): must grow, not truncate */
	room = sb.alloc - sb.len;
	memset(want, 'y', room);
	want[room] = '\0';
	assert_int_equal(crk_strbuf_addf(&sb, "%s", want), 0);
	check_inv(&sb);
	assert_int_equal(sb.len, 3 + room);
	assert_memory_equal(sb.buf + 3, want, room);
	/* one less than the room: fits in place */
	room = sb.alloc - sb.len;
	memset(want, 'z', room - 1);
	want[room - 1] = '\0';
	i = sb.alloc;
	assert_int_equal(crk_strbuf_addf(&sb, "%s", want), 0);
	assert_int_equal(sb.alloc, i);
	assert_int_equal(sb.len, sb.alloc - 1);
	check_inv(&sb);
	crk_strbuf_release(&sb);
	/* fits the allocation but not the cap: fails, and the NUL after the old text is back */
	assert_int_equal(crk_strbuf_adds(&cap, "ab"), 0);
	assert_int_equal(crk_strbuf_addf(&cap, "%s", "0123456789"), -1);
	assert_true(cap.failed);
	assert_int_equal(cap.len, 2);
	assert_string_equal(cap.buf, "ab");
	check_inv(&cap);
	crk_strbuf_release(&cap);
	/* exactly up to the cap */
	assert_int_equal(crk_strbuf_addf(&cap, "%s", "abcdefghij"), 0);
	assert_string_equal(cap.buf, "abcdefghij");
	crk_strbuf_release(&cap);
	/* numbers against snprintf */
	assert_int_equal(crk_strbuf_addf(&sb, "%lld|%.5f|%zu", LLONG_MIN, 0.123456, (size_t)7), 0);
	snprintf(want, sizeof(want), "%lld|%.5f|%zu", LLONG_MIN, 0.123456, (size_t)7);
	assert_string_equal(sb.buf, want);
	crk_strbuf_release(&sb);
}

/* ---- JSON escaping against the reference (the byte-at-a-time code it replaced) ---- */

static size_t ref_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* RFC 8259 escaping one byte at a time; out must hold 6 * n bytes. Returns the length. */
static size_t ref_json(const unsigned char *p, size_t n, char *out)
{
	size_t i = 0, o = 0, l;
	while (i < n) {
		unsigned c = p[i];
		const char *esc = NULL;
		char tmp[8];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			out[o++] = (char)c;
			i++;
			continue;
		}
		if (c >= 0x80 && (l = ref_utf8_len(p + i, n - i)) > 0) {
			memcpy(out + o, p + i, l);
			o += l;
			i += l;
			continue;
		}
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(tmp, sizeof(tmp), "\\u%04x", c);
				esc = tmp;
			} else {
				esc = "\xef\xbf\xbd";
			}
		}
		memcpy(out + o, esc, strlen(esc));
		o += strlen(esc);
		i++;
	}
	return o;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Pieces the escaper must treat differently, mixed with plain ASCII runs of every length around
 * the 8-byte word: controls, NUL, quote, backslash, DEL, valid UTF-8 of 2-4 bytes, surrogates,
 * overlongs, out-of-range, stray continuation bytes, sequences cut short. */
static const char *const pieces[] = {
	"a",
	"Z",
	"~",
	" ",
	"\x7f",
	"\"",
	"\\",
	"\n",
	"\r",
	"\t",
	"\b",
	"\f",
	"\x01",
	"\x1f",
	"\xc3\xa9",
	"\xe2\x82\xac",
	"\xf0\x9d\x84\x9e",
	"\xed\xa0\x80",
	"\xc0\x80",
	"\xe0\x80\x80",
	"\xf4\x90\x80\x80",
	"\x80",
	"\xbf",
	"\xff",
	"\xfe",
	"\xc3",
	"\xe2\x82",
	"\xf0\x9d\x84",
	"pkg:npm/lodash@4.17.21",
	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
};

static void check_json(const unsigned char *s, size_t n)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char *want = malloc(6 * n + 3);
	size_t wl;
	assert_non_null(want);
	wl = ref_json(s, n, want);
	assert_int_equal(crk_strbuf_add_json_str(&sb, (const char *)s, n), 0);
	assert_int_equal(sb.len, wl);
	assert_memory_equal(sb.buf, want, wl);
	check_inv(&sb);
	if (!memchr(s, '\0', n)) {
		/* the quoted form of the same text (it ends at a NUL) */
		char *z = malloc(n + 1);
		assert_non_null(z);
		memcpy(z, s, n);
		z[n] = '\0';
		crk_strbuf_reset(&sb);
		assert_int_equal(crk_strbuf_add_json_quoted(&sb, z), 0);
		assert_int_equal(sb.len, wl + 2);
		assert_int_equal(sb.buf[0], '"');
		assert_memory_equal(sb.buf + 1, want, wl);
		assert_int_equal(sb.buf[wl + 1], '"');
		check_inv(&sb);
		free(z);
	}
	crk_strbuf_release(&sb);
	free(want);
}

static void test_strbuf__json_matches_reference(void **state)
{
	unsigned char s[512];
	size_t n, i, k, iter;
	unsigned b;
	(void)state;
	/* empty, and every single byte value, alone and at each position of a 17-byte plain run */
	check_json((const unsigned char *)"", 0);
	for (b = 0; b < 256; b++) {
		s[0] = (unsigned char)b;
		check_json(s, 1);
		for (k = 0; k < 17; k++) {
			memset(s, 'q', 17);
			s[k] = (unsigned char)b;
			check_json(s, 17);
			check_json(s, k + 1); /* the special byte last */
		}
	}
	/* plain runs of 0..40 bytes (word boundaries, the overlapping last word) */
	for (n = 0; n <= 40; n++) {
		for (i = 0; i < n; i++)
			s[i] = (unsigned char)(' ' + (i * 7) % 95);
		for (i = 0; i < n; i++)
			if (s[i] == '"' || s[i] == '\\')
				s[i] = 'x';
		check_json(s, n);
	}
	/* random mixes of the pieces */
	for (iter = 0; iter < 20000; iter++) {
		size_t want = rng() % 64;
		n = 0;
		while (n < want) {
			const char *p = pieces[rng() % (sizeof(pieces) / sizeof(*pieces))];
			size_t pl = strlen(p);
			if (rng() % 16 == 0) { /* an embedded NUL */
				p = "";
				pl = 1;
			}
			if (n + pl > sizeof(s))
				break;
			memcpy(s + n, p, pl);
			n += pl;
		}
		check_json(s, n);
	}
}

static void test_strbuf__json_on_capped_buffer(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(12);
	(void)state;
	/* "a" plus quotes fits; the escaped form of the second does not: failed, stays failed */
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, "abc"), 0);
	assert_string_equal(sb.buf, "\"abc\"");
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, "abcdefgh"), -1);
	assert_true(sb.failed);
	assert_true(sb.len <= 12);
	check_inv(&sb);
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, ""), -1);
	crk_strbuf_release(&sb);
	/* exactly the cap: 10 plain bytes and two quotes */
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, "0123456789"), 0);
	assert_string_equal(sb.buf, "\"0123456789\"");
	assert_false(sb.failed);
	crk_strbuf_release(&sb);
	/* with an escape, up to the cap */
	assert_int_equal(crk_strbuf_add_json_quoted(&sb, "01234567\n"), 0);
	assert_string_equal(sb.buf, "\"01234567\\n\"");
	crk_strbuf_release(&sb);
}

/* ---- streaming (crk_strbuf_stream) ---- */

struct sink_buf {
	struct crk_strbuf got;
	size_t calls, fail_at;
};

static int sink_write(void *ud, const char *data, size_t n)
{
	struct sink_buf *s = ud;
	if (++s->calls == s->fail_at)
		return -1;
	assert_true(n > 0);
	crk_strbuf_add(&s->got, data, n);
	return 0;
}

/* The same appends into a plain strbuf and into a streaming one with a small chunk. */
static void mixed_appends(struct crk_strbuf *sb, int round)
{
	char big[300];
	memset(big, 'B', sizeof(big));
	crk_strbuf_addch(sb, (char)('a' + round % 26));
	crk_strbuf_adds(sb, "plain text, ");
	crk_strbuf_addf(sb, "%d-%s;", round, "fmt");
	crk_strbuf_add_json_quoted(sb, "q\"uoted\n\xff");
	if (round % 7 == 0)
		crk_strbuf_add(sb, big, sizeof(big)); /* bigger than a chunk */
	{
		char *d = crk_strbuf_reserve(sb, 5);
		if (d) {
			memcpy(d, "<r/>", 4);
			crk_strbuf_commit(sb, 4);
		}
	}
}

static void test_strbuf__stream_same_bytes(void **state)
{
	struct crk_strbuf whole = CRK_STRBUF_INIT(0), sb = CRK_STRBUF_INIT(0);
	struct sink_buf s = {CRK_STRBUF_INIT(0), 0, 0};
	struct crk_strbuf_sink sink = {sink_write, &s, 128, 0};
	int i;
	(void)state;
	crk_strbuf_stream(&sb, &sink);
	for (i = 0; i < 500; i++) {
		mixed_appends(&whole, i);
		mixed_appends(&sb, i);
		check_inv(&sb);
		assert_true(sb.alloc <=
			    512); /* it hands over rather than grows (one 300-byte add) */
	}
	assert_int_equal(crk_strbuf_flush(&sb), 0);
	assert_int_equal(sb.len, 0);
	assert_int_equal(crk_strbuf_flush(&sb), 0); /* nothing left: no call */
	assert_true(s.calls > 50); /* pieces of up to 512 bytes after the 300-byte add */
	assert_int_equal(sink.written, whole.len);
	assert_int_equal(s.got.len, whole.len);
	assert_memory_equal(s.got.buf, whole.buf, whole.len);
	crk_strbuf_release(&sb);
	crk_strbuf_release(&whole);
	crk_strbuf_release(&s.got);
}

static void test_strbuf__stream_cap_and_sink_failure(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(300);
	struct sink_buf s = {CRK_STRBUF_INIT(0), 0, 0};
	struct crk_strbuf_sink sink = {sink_write, &s, 64, 0};
	char ten[10];
	int i, ok = 0;
	(void)state;
	memset(ten, 'x', sizeof(ten));
	/* the cap is on the whole document, not on what the buffer holds */
	crk_strbuf_stream(&sb, &sink);
	for (i = 0; i < 40; i++)
		if (crk_strbuf_add(&sb, ten, sizeof(ten)) == 0)
			ok++;
	assert_int_equal(ok, 30);
	assert_true(sb.failed);
	assert_int_equal(crk_strbuf_flush(&sb), -1);
	assert_int_equal(sink.written + sb.len, 300);
	crk_strbuf_release(&sb);
	crk_strbuf_release(&s.got);
	/* the sink refuses its second piece: failed from then on, nothing more handed over */
	s.calls = 0;
	s.fail_at = 2;
	sink.written = 0;
	crk_strbuf_stream(&sb, &sink);
	for (i = 0; i < 40; i++)
		crk_strbuf_add(&sb, ten, sizeof(ten));
	assert_true(sb.failed);
	assert_int_equal(s.calls, 2);
	assert_int_equal(crk_strbuf_flush(&sb), -1);
	assert_int_equal(s.calls, 2);
	assert_int_equal(sink.written, s.got.len);
	crk_strbuf_release(&sb);
	assert_null(sb.sink); /* release forgets the sink */
	crk_strbuf_release(&s.got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf__exactly_full),
		cmocka_unit_test(test_strbuf__cap_exact_and_failed_stays_failed),
		cmocka_unit_test(test_strbuf__addf_one_pass),
		cmocka_unit_test(test_strbuf__json_matches_reference),
		cmocka_unit_test(test_strbuf__json_on_capped_buffer),
		cmocka_unit_test(test_strbuf__stream_same_bytes),
		cmocka_unit_test(test_strbuf__stream_cap_and_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
