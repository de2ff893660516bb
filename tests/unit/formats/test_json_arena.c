/* test_json_arena.c - jansson's json_loadb into an arena (src/formats/json_arena.c): the same
 * tree and the same errors as json_loadb itself, which is the oracle here. */
#include <pthread.h>
#include <string.h>

#include "../test.h"
#include "base/alloc.h"
#include "base/strbuf.h"
#include "formats/json_arena.h"

/* json_dumps of both trees, compared byte for byte (member order included). */
static void assert_same_tree(const char *text, size_t flags)
{
	struct crk_json_arena ja;
	json_error_t e1, e2;
	json_t *a = crk_json_load_arena(&ja, text, strlen(text), flags, &e1);
	json_t *b = json_loadb(text, strlen(text), flags, &e2);
	char *sa, *sb;
	assert_non_null(a);
	assert_non_null(b);
	assert_true(json_equal(a, b));
	sa = json_dumps(a, JSON_ENCODE_ANY);
	sb = json_dumps(b, JSON_ENCODE_ANY);
	assert_non_null(sa);
	assert_string_equal(sa, sb);
	free(sa);
	free(sb);
	json_decref(b);
	crk_json_arena_release(&ja);
}

static void test_json_arena__same_tree(void **state)
{
	(void)state;
	assert_same_tree("{\"b\": [1, 2.5, \"x\\u00e9\", null, true], \"a\": {\"k\": \"v\"}, "
			 "\"b\": {\"dup\": \"last wins\"}}",
			 0);
	assert_same_tree("[]", 0);
	assert_same_tree("\"just a string\"", JSON_DECODE_ANY);
}

/* Large enough for the huge-page blocks (a 1.1 MB text, several MB of nodes). */
static void test_json_arena__large(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i;
	(void)state;
	crk_strbuf_adds(&sb, "{\"components\": [");
	for (i = 0; i < 20000; i++)
		crk_strbuf_addf(&sb, "%s{\"name\": \"pkg-%zu\", \"version\": \"1.%zu\"}",
				i ? ", " : "", i, i % 97);
	crk_strbuf_adds(&sb, "]}");
	assert_true(crk_strbuf_ok(&sb));
	assert_same_tree(sb.buf, 0);
	crk_strbuf_release(&sb);
}

static void test_json_arena__errors_as_jansson(void **state)
{
	static const char *const bad[] = {
		"{\"a\": 1,,}",
		"[1, 2",
		"{\"a\": \"\\u0000\"}",
		"[1] x",
		"",
		"\"s\"",
		"{\"a\": 99999999999999999999999}",
		"[\"\xff\"]",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct crk_json_arena ja;
		json_error_t e1, e2;
		json_t *a = crk_json_load_arena(&ja, bad[i], strlen(bad[i]), 0, &e1);
		json_t *b = json_loadb(bad[i], strlen(bad[i]), 0, &e2);
		assert_null(a);
		assert_null(b);
		assert_int_equal(e1.line, e2.line);
		assert_int_equal(e1.column, e2.column);
		assert_int_equal(e1.position, e2.position);
		assert_string_equal(e1.text, e2.text);
		assert_int_equal(json_error_code(&e1), json_error_code(&e2));
		crk_json_arena_release(&ja);
	}
}

static void test_json_arena__out_of_memory(void **state)
{
	static const char text[] = "{\"a\": [1, 2, 3]}";
	struct crk_json_arena ja;
	json_error_t e;
	json_t *j;
	(void)state;
	crk_alloc_fail_after(1);
	j = crk_json_load_arena(&ja, text, strlen(text), 0, &e);
	crk_alloc_fail_after(0);
	assert_null(j);
	assert_int_equal(json_error_code(&e), json_error_out_of_memory);
	crk_json_arena_release(&ja);
}

/* Outside a load, jansson allocates on the heap as before (ASan checks the frees), in this
 * thread and in another one running while this one loads. */
static void *other_thread(void *arg)
{
	size_t i;
	int *failed = arg;
	for (i = 0; i < 2000; i++) {
		json_t *o = json_pack("{s:s, s:[i, i]}", "k", "value", "a", 1, 2);
		if (!o)
			*failed = 1;
		json_decref(o);
	}
	return NULL;
}

static void test_json_arena__heap_outside(void **state)
{
	static const char text[] = "{\"x\": [1, 2, {\"y\": \"z\"}]}";
	struct crk_json_arena ja;
	json_error_t e;
	pthread_t th;
	int failed = 0;
	size_t i;
	json_t *o;
	(void)state;
	assert_int_equal(pthread_create(&th, NULL, other_thread, &failed), 0);
	for (i = 0; i < 200; i++) {
		assert_non_null(crk_json_load_arena(&ja, text, strlen(text), 0, &e));
		crk_json_arena_release(&ja);
	}
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_false(failed);
	o = json_object();
	assert_int_equal(json_object_set_new(o, "k", json_string("v")), 0);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_arena__same_tree),
		cmocka_unit_test(test_json_arena__large),
		cmocka_unit_test(test_json_arena__errors_as_jansson),
		cmocka_unit_test(test_json_arena__out_of_memory),
		cmocka_unit_test(test_json_arena__heap_outside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
