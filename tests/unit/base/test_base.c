/* test_base.c - arena, strbuf, map, cursor, alloc failure injection. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/map.h"
#include "base/strbuf.h"

static void test_base__arena_alignment_and_zero(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	size_t i;
	(void)state;
	for (i = 1; i < 2000; i += 7) {
		unsigned char *p = crk_arena_alloc(&a, i);
		size_t k;
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (k = 0; k < i; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, i);
	}
	/* a block bigger than a chunk */
	assert_non_null(crk_arena_alloc(&a, 1 << 20));
	assert_string_equal(crk_arena_strndup(&a, "hello world", 5), "hello");
	assert_string_equal(crk_arena_printf(&a, "%s-%d", "x", 42), "x-42");
	assert_null(crk_arena_array(&a, SIZE_MAX / 2, 4)); /* overflow refused */
	crk_arena_release(&a);
}

/* crk_arena_init_buf: the caller's buffer first (nothing on the heap while it lasts: a
 * failing allocator does not matter), then heap chunks; crk_arena_reserve: one chunk. */
static void test_base__arena_buffer_and_reserve(void **state)
{
	_Alignas(max_align_t) unsigned char buf[512];
	struct crk_arena a;
	char *s, *big;
	size_t i;
	(void)state;
	crk_arena_init_buf(&a, buf + 1, sizeof(buf) - 1); /* misaligned on purpose */
	crk_alloc_fail_after(1);
	s = crk_arena_strdup(&a, "in the buffer");
	crk_alloc_fail_after(0);
	assert_non_null(s);
	assert_string_equal(s, "in the buffer");
	assert_true((unsigned char *)s > buf && (unsigned char *)s < buf + sizeof(buf));
	assert_int_equal((uintptr_t)s % _Alignof(max_align_t), 0);
	/* past the buffer: a heap chunk, the buffer's strings intact */
	big = crk_arena_alloc(&a, 1000);
	assert_non_null(big);
	assert_true((unsigned char *)big < buf || (unsigned char *)big >= buf + sizeof(buf));
	assert_string_equal(s, "in the buffer");
	crk_arena_release(&a); /* frees the chunk, not the buffer (ASan would say) */
	crk_arena_init_buf(&a, buf, 8); /* too small to hold a chunk: ignored */
	assert_string_equal(crk_arena_strdup(&a, "heap"), "heap");
	crk_arena_release(&a);

	/* a reserve of 5 MiB: 5 MiB of allocations fit without another chunk; zeroed */
	crk_arena_init(&a);
	assert_int_equal(crk_arena_reserve(&a, (size_t)5 << 20), 0);
	assert_int_equal(crk_arena_reserve(&a, 100), 0); /* room already: no-op */
	crk_alloc_fail_after(1);
	for (i = 0; i < 5 * 1024 - 64; i++) {
		unsigned char *p = crk_arena_alloc(&a, 1008);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0] | p[1007], 0);
		p[0] = p[1007] = 1;
	}
	crk_alloc_fail_after(0);
	crk_alloc_fail_after(1);
	assert_int_equal(crk_arena_reserve(&a, (size_t)64 << 20), -1); /* ENOMEM reported */
	crk_alloc_fail_after(0);
	assert_int_equal(crk_arena_reserve(&a, SIZE_MAX - 100), -1); /* overflow refused */
	assert_null(crk_arena_alloc(&a, SIZE_MAX - 1000));
	crk_arena_release(&a);
}

static void test_base__strbuf_cap_and_json(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(8);
	(void)state;
	assert_string_equal(sb.buf, "");
	assert_int_equal(crk_strbuf_adds(&sb, "1234"), 0);
	assert_int_equal(crk_strbuf_addf(&sb, "%d", 567), 0);
	assert_int_equal(crk_strbuf_adds(&sb, "89"), -1); /* past the cap of 8 */
	assert_true(sb.failed);
	assert_string_equal(sb.buf, "1234567"); /* unchanged by the failed append */
	crk_strbuf_release(&sb);

	crk_strbuf_init(&sb, 0);
	crk_strbuf_add_json_str(&sb, "a\"b\\c\n\x01\xc3\xa9\xff", 10);
	/* quote, backslash, newline, a control byte, valid UTF-8 é kept, invalid byte -> U+FFFD */
	assert_string_equal(sb.buf, "a\\\"b\\\\c\\n\\u0001\xc3\xa9\xef\xbf\xbd");
	crk_strbuf_reset(&sb);
	crk_strbuf_add_json_quoted(&sb, NULL);
	assert_string_equal(sb.buf, "null");
	crk_strbuf_release(&sb);
}

static void test_base__map_many_keys(void **state)
{
	struct crk_map m = CRK_MAP_INIT;
	struct crk_arena a = CRK_ARENA_INIT;
	size_t i, it = 0, seen = 0;
	(void)state;
	for (i = 0; i < 5000; i++) {
		char *k = crk_arena_printf(&a, "key-%zu", i);
		assert_int_equal(crk_map_put(&m, k, strlen(k), (void *)(i + 1)), 0);
	}
	assert_int_equal(m.n, 5000);
	for (i = 0; i < 5000; i++) {
		char k[32];
		snprintf(k, sizeof(k), "key-%zu", i);
		assert_int_equal((uintptr_t)crk_map_get(&m, k, strlen(k)), i + 1);
	}
	assert_null(crk_map_get(&m, "key-5000", 8));
	{
		void *old;
		assert_int_equal(crk_map_put_new(&m, "key-7", 5, (void *)99, &old), 0);
		assert_int_equal((uintptr_t)old, 8); /* kept, not replaced */
	}
	while (crk_map_next(&m, &it, NULL, NULL, NULL))
		seen++;
	assert_int_equal(seen, 5000);
	crk_map_release(&m);
	crk_arena_release(&a);
}

static void test_base__lines_positions(void **state)
{
	const char *s = "ab\ncde\r\n\nf";
	struct crk_lines l;
	unsigned line, col;
	struct crk_line_iter it;
	const char *ln;
	size_t n, count = 0;
	(void)state;
	assert_int_equal(crk_lines_init(&l, s, strlen(s)), 0);
	crk_lines_pos(&l, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	crk_lines_pos(&l, 4, &line, &col); /* 'd' */
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	crk_lines_pos(&l, 9, &line, &col); /* 'f' */
	assert_int_equal(line, 4);
	assert_int_equal(col, 1);
	crk_linecol(s, strlen(s), 9, &line, &col);
	assert_int_equal(line, 4);
	crk_lines_release(&l);

	crk_line_iter_init(&it, s, strlen(s));
	while (crk_line_iter_next(&it, &ln, &n)) {
		count++;
		if (count == 2)
			assert_true(crk_bytes_eq(ln, n, "cde")); /* CR stripped */
	}
	assert_int_equal(count, 4);
}

static void test_base__alloc_failure_injection(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	(void)state;
	crk_alloc_fail_after(1); /* the very next allocation fails */
	assert_int_equal(crk_strbuf_adds(&sb, "x"), -1);
	assert_true(crk_alloc_failures() >= 1);
	crk_alloc_fail_after(0);
	crk_strbuf_release(&sb);
	assert_int_equal(crk_strbuf_adds(&sb, "x"), 0);
	crk_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base__arena_alignment_and_zero),
		cmocka_unit_test(test_base__arena_buffer_and_reserve),
		cmocka_unit_test(test_base__strbuf_cap_and_json),
		cmocka_unit_test(test_base__map_many_keys),
		cmocka_unit_test(test_base__lines_positions),
		cmocka_unit_test(test_base__alloc_failure_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
