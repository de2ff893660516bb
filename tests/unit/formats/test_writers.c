/* test_writers.c - the writer table and the helpers writers share (src/formats/writers.c). */
#include <string.h>

#include "../test.h"
#include "writer_fixture.h"

static void test_writers__find(void **state)
{
	size_t i;
	(void)state;
	assert_string_equal(crk_writer_find("cyclonedx-json")->name, "cyclonedx-json");
	assert_string_equal(crk_writer_find("spdx-json")->extension, ".spdx.json");
	assert_string_equal(crk_writer_find("table")->name, "table");
	assert_string_equal(crk_writer_find("spdx3-json")->extension, ".spdx3.json");
	assert_null(crk_writer_find("no-such-format"));
	assert_null(crk_writer_find(""));
	assert_null(crk_writer_find(NULL));
	for (i = 0; crk_writers[i]; i++) {
		assert_non_null(crk_writers[i]->description);
		assert_non_null(crk_writers[i]->write);
		assert_ptr_equal(crk_writer_find(crk_writers[i]->name), crk_writers[i]);
	}
	assert_true(i >= 4); /* cyclonedx-json, spdx-json, spdx3-json, table, ... */
}

static const char *ts(struct crk_bom *bom, int64_t t, char buf[32])
{
	crk_bom_meta(bom)->timestamp = t;
	crk_writer_timestamp(bom, buf);
	return buf;
}

static void test_writers__timestamp(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	char buf[32];
	(void)state;
	assert_string_equal(ts(bom, 0, buf), "1970-01-01T00:00:00Z");
	assert_string_equal(ts(bom, FIX_TIMESTAMP, buf), "2026-01-01T00:00:00Z");
	assert_string_equal(ts(bom, 951782400, buf), "2000-02-29T00:00:00Z");
	assert_string_equal(ts(bom, 1709251199, buf), "2024-02-29T23:59:59Z");
	assert_string_equal(ts(bom, INT64_MAX, buf), "9999-12-31T23:59:59Z"); /* clamped */
	unsetenv("SOURCE_DATE_EPOCH");
	ts(bom, -1, buf); /* now: well-formed at least */
	assert_int_equal(strlen(buf), 20);
	assert_memory_equal(buf, "20", 2);
	assert_int_equal(buf[10], 'T');
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	assert_string_equal(ts(bom, -1, buf), "1970-01-02T00:00:00Z");
	setenv("SOURCE_DATE_EPOCH", "junk", 1);
	ts(bom, -1, buf); /* ignored: now */
	assert_int_equal(strlen(buf), 20);
	assert_int_equal(buf[19], 'Z');
	unsetenv("SOURCE_DATE_EPOCH");
	crk_bom_free(bom);
}

static void test_writers__uuid(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	char a[37], b[37];
	(void)state;
	crk_bom_meta(bom)->timestamp = 0;
	crk_writer_uuid(bom, a);
	crk_writer_uuid(bom, b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '5');
	assert_non_null(strchr("89ab", a[19]));
	/* an invalid set serial is ignored (derived instead); a valid one is lowercased */
	assert_int_equal(crk_bom_set_str(bom, &crk_bom_meta(bom)->serial, "urn:uuid:nope"), 0);
	crk_writer_uuid(bom, b);
	assert_string_equal(a, b);
	assert_int_equal(crk_bom_set_str(bom, &crk_bom_meta(bom)->serial,
					 "URN:UUID:AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE"),
			 0);
	crk_writer_uuid(bom, b);
	assert_string_equal(b, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
	crk_bom_free(bom);
}

/* The derived serial is fixed by its definition in writers.c: computed independently here
 * (SHA-1 over the crakit namespace and the name text) for the empty BOM named "x". */
static void test_writers__uuid_known_answer(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	char a[37];
	(void)state;
	crk_bom_meta(bom)->timestamp = 0;
	assert_int_equal(crk_bom_set_str(bom, &crk_bom_meta(bom)->name, "x"), 0);
	crk_writer_uuid(bom, a);
	/* python3: uuid.uuid5(uuid.UUID("eedaeb4d-3ac6-5b6a-a9b8-f5835a18ba0a"),
	 *                     "crakit-bom\nx\n\nroots\n") */
	assert_string_equal(a, "7f4c75d5-c733-5c96-86f5-f1803d343b78");

	/* two components, an edge, a root (added in reverse order: the BOM is sorted first):
	 * "crakit-bom\nx\n\npkg:npm/b@2\n2\ndev\n> pkg:npm/c@3\npkg:npm/c@3\n3\nrequired\n"
	 * "roots\n> pkg:npm/b@2\n" */
	{
		struct crk_pkg p;
		size_t b, c;
		memset(&p, 0, sizeof(p));
		p.type = "npm", p.name = "c", p.version = "3", p.path = "package-lock.json";
		assert_int_equal(crk_bom_add(bom, &p, &c, NULL), CRK_OK);
		p.name = "b", p.version = "2", p.scope = CRK_SCOPE_DEV;
		assert_int_equal(crk_bom_add(bom, &p, &b, NULL), CRK_OK);
		assert_int_equal(crk_bom_add_dep(bom, b, c), CRK_OK);
		assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, b), CRK_OK);
		assert_int_equal(crk_bom_sort(bom), CRK_OK);
		crk_writer_uuid(bom, a);
		assert_string_equal(a, "5176a23f-ccbb-58d2-bcae-e0ee53a2f980");
	}
	crk_bom_free(bom);
}

static void test_writers__url_ok(void **state)
{
	(void)state;
	assert_true(crk_writer_url_ok("https://registry.npmjs.org/a/-/a-1.0.0.tgz"));
	assert_true(crk_writer_url_ok("git+ssh://git@github.com/x/y.git#abc123"));
	assert_true(crk_writer_url_ok("file:../local"));
	assert_true(crk_writer_url_ok("https://x/%20y"));
	assert_false(crk_writer_url_ok("git@github.com:x/y.git"));
	assert_false(crk_writer_url_ok("x y:z"));
	assert_false(crk_writer_url_ok("https://x/a b"));
	assert_false(crk_writer_url_ok("https://x/%zz"));
	assert_false(crk_writer_url_ok("https://x/%2"));
	assert_false(crk_writer_url_ok("https://x/a#b#c"));
	assert_false(crk_writer_url_ok("https://x/\xc3\xa9"));
	assert_false(crk_writer_url_ok("https://x/<script>"));
	assert_false(crk_writer_url_ok("https:"));
	assert_false(crk_writer_url_ok("1http://x"));
	assert_false(crk_writer_url_ok("../relative"));
	assert_false(crk_writer_url_ok(""));
	assert_false(crk_writer_url_ok(NULL));
}

static void test_writers__hash_ok(void **state)
{
	const char *alg = NULL;
	struct crk_hash h = {"SHA-256", FIX_SHA256};
	(void)state;
	assert_true(crk_writer_hash_ok(&h, &alg));
	assert_string_equal(alg, "SHA256");
	h.alg = "SHA-1", h.value = FIX_SHA1;
	assert_true(crk_writer_hash_ok(&h, &alg));
	assert_string_equal(alg, "SHA1");
	h.alg = "SHA-512";
	assert_false(crk_writer_hash_ok(&h, NULL)); /* 40 hex digits are not SHA-512 */
	h.alg = "sha1";
	assert_false(crk_writer_hash_ok(&h, NULL)); /* CycloneDX names only */
	h.alg = "MD5", h.value = "0123456789abcdef0123456789abcdeg";
	assert_false(crk_writer_hash_ok(&h, NULL));
	h.value = NULL;
	assert_false(crk_writer_hash_ok(&h, NULL));
}

static void test_writers__display_name(void **state)
{
	static const struct {
		const char *type, *ns, *name, *want;
	} cases[] = {
		{"npm", "@babel", "core", "@babel/core"},
		{"npm", NULL, "lodash", "lodash"},
		{"golang", "github.com/pkg", "errors", "github.com/pkg/errors"},
		{"maven", "org.apache.commons", "commons-lang3", "org.apache.commons:commons-lang3"},
		{"deb", "debian", "bash", "bash"},
		{"rpm", "fedora", "curl", "curl"},
		{"apk", "alpine", "musl", "musl"},
		{"pypi", "", "requests", "requests"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_component c;
		struct crk_strbuf sb = CRK_STRBUF_INIT(0);
		memset(&c, 0, sizeof(c));
		c.type = cases[i].type, c.ns = cases[i].ns, c.name = cases[i].name;
		crk_writer_display_name(&sb, &c);
		assert_string_equal(sb.buf, cases[i].want);
		crk_strbuf_release(&sb);
	}
}

static void test_writers__split_contact(void **state)
{
	static const struct {
		const char *in, *name, *email; /* name NULL: not split */
	} cases[] = {
		{"Kenneth Reitz <me@kennethreitz.org>", "Kenneth Reitz", "me@kennethreitz.org"},
		{"A  <a@b>", "A", "a@b"},
		{"Kenneth Reitz", NULL, NULL},
		{"<a@b>", NULL, NULL},
		{"A <no-at>", NULL, NULL},
		{"A <a@b@c>", NULL, NULL},
		{"A <a b@c>", NULL, NULL},
		{"A <@b>", NULL, NULL},
		{"A <b@>", NULL, NULL},
		{"A <>", NULL, NULL},
		{"A<a@b>", NULL, NULL},
		{"A <a@b> (https://x)", NULL, NULL},
	};
	size_t i, nl, el;
	const char *e;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = crk_writer_split_contact(cases[i].in, &nl, &e, &el);
		if (!cases[i].name) {
			if (r)
				fail_msg("split '%s'", cases[i].in);
			continue;
		}
		assert_true(r);
		assert_int_equal(nl, strlen(cases[i].name));
		assert_memory_equal(cases[i].in, cases[i].name, nl);
		assert_int_equal(el, strlen(cases[i].email));
		assert_memory_equal(e, cases[i].email, el);
	}
}

static void test_writers__jw(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct crk_jw w;
	int pretty;
	(void)state;
	for (pretty = 0; pretty < 2; pretty++) {
		crk_strbuf_reset(&sb);
		crk_jw_init(&w, &sb, pretty);
		crk_jw_begin_obj(&w, NULL);
		crk_jw_str(&w, "a", "x\"y");
		crk_jw_str(&w, "skipped", NULL);
		crk_jw_begin_arr(&w, "e");
		crk_jw_end_arr(&w);
		crk_jw_begin_obj(&w, "o");
		crk_jw_end_obj(&w);
		crk_jw_begin_arr(&w, "l");
		crk_jw_int(&w, NULL, -3);
		crk_jw_bool(&w, NULL, 1);
		crk_jw_begin_obj(&w, NULL);
		crk_jw_bool(&w, "f", 0);
		crk_jw_end_obj(&w);
		crk_jw_end_arr(&w);
		crk_jw_end_obj(&w);
		crk_jw_finish(&w);
		assert_true(crk_strbuf_ok(&sb));
		if (pretty)
			assert_string_equal(sb.buf, "{\n"
						    "  \"a\": \"x\\\"y\",\n"
						    "  \"e\": [],\n"
						    "  \"o\": {},\n"
						    "  \"l\": [\n"
						    "    -3,\n"
						    "    true,\n"
						    "    {\n"
						    "      \"f\": false\n"
						    "    }\n"
						    "  ]\n"
						    "}\n");
		else
			assert_string_equal(sb.buf,
					    "{\"a\":\"x\\\"y\",\"e\":[],\"o\":{},\"l\":[-3,true,{\"f\":false}]}\n");
	}
	/* unbalanced: reported through the strbuf, not a crash */
	crk_strbuf_reset(&sb);
	crk_jw_init(&w, &sb, 0);
	crk_jw_end_obj(&w);
	assert_false(crk_strbuf_ok(&sb));
	crk_strbuf_reset(&sb);
	crk_jw_init(&w, &sb, 0);
	crk_jw_begin_obj(&w, NULL);
	crk_jw_finish(&w);
	assert_false(crk_strbuf_ok(&sb));
	crk_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers__find),
		cmocka_unit_test(test_writers__timestamp),
		cmocka_unit_test(test_writers__uuid),
		cmocka_unit_test(test_writers__uuid_known_answer),
		cmocka_unit_test(test_writers__url_ok),
		cmocka_unit_test(test_writers__hash_ok),
		cmocka_unit_test(test_writers__display_name),
		cmocka_unit_test(test_writers__split_contact),
		cmocka_unit_test(test_writers__jw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
