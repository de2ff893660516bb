/* test_spdx_tv.c - SPDX 2 tag-value: the reader (src/formats/spdx_tv.c) on
 * tests/data/sbom-in/small.spdx (the same document as small.spdx.json) and the writer
 * (src/formats/spdx_tv_write.c). */
#include <string.h>

#include "../test.h"
#include "crakit/sbom.h"
#include "sbom_in.h"

static char *render(struct crk_bom *bom, const char *format, size_t *len)
{
	struct crk_write_opts o = {1, 0};
	struct crk_err err;
	char *out = NULL;
	crk_bom_meta(bom)->timestamp = 0;
	if (crk_bom_write_mem(bom, format, &o, &out, len, &err) != CRK_OK)
		fail_msg("%s: %s", format, err.msg);
	return out;
}

static void test_spdx_tv__read(void **state)
{
	struct crk_sbom_info info;
	struct crk_bom *bom = in_read("small.spdx", &info, NULL);
	const struct crk_component *c;
	(void)state;
	assert_int_equal(info.format, CRK_SBOM_SPDX_TAG_VALUE);
	assert_string_equal(info.spec_version, "2.3");
	assert_string_equal(crk_bom_meta(bom)->name, "shop");
	assert_int_equal(crk_bom_count(bom), 3);
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	/* a <text> value over two lines */
	assert_string_equal(c->copyright, "Copyright OpenJS\nFoundation");
	assert_string_equal(c->hashes[0].value,
			    "6f4d5f5a3e3e6a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b");
	assert_int_equal(in_find(bom, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_DEV);
	assert_true(in_depends(bom, "pkg:npm/lodash@4.17.21", "crakit:generic/zlib@1.3#"));
	assert_int_equal(info.ndropped, 1);
	assert_string_equal(info.dropped[0], "1 file");
	crk_bom_free(bom);
}

/* The tag-value and JSON encodings of one document give the same BOM. */
static void test_spdx_tv__same_as_json(void **state)
{
	struct crk_bom *a = in_read("small.spdx", NULL, NULL), *b = in_read("small.spdx.json", NULL, NULL);
	char *x, *y;
	size_t lx, ly;
	(void)state;
	crk_bom_meta(a)->timestamp = crk_bom_meta(b)->timestamp = 0;
	x = render(a, "cyclonedx-json", &lx);
	y = render(b, "cyclonedx-json", &ly);
	/* only the copyright differs: the tag-value file breaks it over two lines */
	assert_int_equal(crk_bom_count(a), crk_bom_count(b));
	assert_non_null(strstr(x, "\"copyright\": \"Copyright OpenJS\\nFoundation\""));
	assert_non_null(strstr(y, "\"copyright\": \"Copyright OpenJS Foundation\""));
	crk_free(x);
	crk_free(y);
	crk_bom_free(a);
	crk_bom_free(b);
}

static void test_spdx_tv__errors(void **state)
{
	struct crk_err err;
	(void)state;
	assert_int_equal(in_error("bad-line.spdx", &err), CRK_EPARSE);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 1);
	assert_string_equal(err.msg, "expected 'Tag: value', found 'this line has no tag'");
	assert_int_equal(in_error("unterminated.spdx", &err), CRK_EPARSE);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.msg, "<text> without </text>");
}

/* The writer says what spdx-json says; read back, it gives the same BOM (a fixed point). */
static void test_spdx_tv__write_roundtrip(void **state)
{
	static const char *const fixtures[] = {"small.spdx.json", "small.cdx.json", "small.spdx3.json"};
	size_t f;
	(void)state;
	for (f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		struct crk_bom *bom = in_read(fixtures[f], NULL, NULL), *back = NULL;
		struct crk_err err;
		char *tv, *j1, *j2;
		size_t ltv, l1, l2;
		tv = render(bom, "spdx-tag-value", &ltv);
		assert_true(strncmp(tv, "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", 43) == 0);
		if (crk_bom_read(tv, ltv, "tv", &back, NULL, NULL, &err) != CRK_OK)
			fail_msg("%s: %s:%u: %s\n%s", fixtures[f], err.path, err.line, err.msg, tv);
		j1 = render(bom, "spdx-json", &l1);
		j2 = render(back, "spdx-json", &l2);
		assert_int_equal(crk_bom_count(bom), crk_bom_count(back));
		{
			/* the packages of both say the same, SPDXIDs included */
			struct crk_bom *b1 = NULL, *b2 = NULL;
			char *c1, *c2;
			size_t m1, m2;
			assert_int_equal(crk_bom_read(j1, l1, "j1", &b1, NULL, NULL, &err), CRK_OK);
			assert_int_equal(crk_bom_read(j2, l2, "j2", &b2, NULL, NULL, &err), CRK_OK);
			c1 = render(b1, "spdx-json", &m1);
			c2 = render(b2, "spdx-json", &m2);
			assert_int_equal(m1, m2);
			assert_memory_equal(c1, c2, m1);
			crk_free(c1);
			crk_free(c2);
			crk_bom_free(b1);
			crk_bom_free(b2);
		}
		crk_free(tv);
		crk_free(j1);
		crk_free(j2);
		crk_bom_free(back);
		crk_bom_free(bom);
	}
}

/* Values the format cannot carry as they are. */
static void test_spdx_tv__text_values(void **state)
{
	struct crk_bom *bom = crk_bom_new(), *back = NULL;
	struct crk_pkg p;
	struct crk_err err;
	char *tv;
	size_t len;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "npm";
	p.name = "x";
	p.version = "1.0";
	p.description = "line one\nline two </text> still text";
	p.copyright = "<c> 2024";
	p.path = "";
	assert_int_equal(crk_bom_add(bom, &p, NULL, &err), CRK_OK);
	tv = render(bom, "spdx-tag-value", &len);
	assert_non_null(strstr(tv, "PackageDescription: <text>line one\nline two </ text> still "
				   "text</text>\n"));
	assert_non_null(strstr(tv, "PackageCopyrightText: <text><c> 2024</text>\n"));
	assert_int_equal(crk_bom_read(tv, len, "tv", &back, NULL, NULL, &err), CRK_OK);
	assert_string_equal(in_find(back, "pkg:npm/x@1.0")->copyright, "<c> 2024");
	crk_free(tv);
	crk_bom_free(back);
	crk_bom_free(bom);
}

static void test_spdx_tv__alloc_failures(void **state)
{
	(void)state;
	in_alloc_failures("small.spdx");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spdx_tv__read),
		cmocka_unit_test(test_spdx_tv__same_as_json),
		cmocka_unit_test(test_spdx_tv__errors),
		cmocka_unit_test(test_spdx_tv__write_roundtrip),
		cmocka_unit_test(test_spdx_tv__text_values),
		cmocka_unit_test(test_spdx_tv__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
