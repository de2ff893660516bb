/* test_table.c - the human table writer (src/formats/table.c). */
#include <string.h>

#include "../test.h"
#include "writer_fixture.h"

static void test_table__golden(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf out;
	(void)state;
	assert_int_equal(fix_write(bom, "table", 0, &out), CRK_OK);
	fix_golden("table.txt", &out);
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* The golden table, typed by hand: sorted by ecosystem (ignoring case), then name; FOUND IN is
 * the first place by path then line, "(+1)" for the other; 4 distinct files. */
static void test_table__exact(void **state)
{
	static const char want[] =
		"NAME         VERSION      ECOSYSTEM  SCOPE     FOUND IN\n"
		"bash         5.2.15-2+b7  Debian     required  var/lib/dpkg/status:120\n"
		"@babel/core  7.24.0       npm        dev       docs/package-lock.json:7 (+1)\n"
		"lodash       4.17.21      npm        required  web/package-lock.json:30\n"
		"requests     2.31.0       PyPI       required  api/requirements.txt:3\n"
		"urllib3      2.2.1        PyPI       optional  api/requirements.txt:4\n"
		"5 components (3 ecosystems) from 4 files\n";
	struct crk_bom *b0 = fix_bom(0), *b1 = fix_bom(1);
	struct crk_strbuf o0, o1;
	(void)state;
	assert_int_equal(fix_write(b0, "table", 0, &o0), CRK_OK);
	assert_int_equal(fix_write(b1, "table", 1, &o1), CRK_OK);
	assert_string_equal(o0.buf, want);
	assert_string_equal(o1.buf, want);
	crk_strbuf_release(&o0);
	crk_strbuf_release(&o1);
	crk_bom_free(b0);
	crk_bom_free(b1);
}

static void test_table__empty_and_singular(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	struct crk_pkg p;
	(void)state;
	assert_int_equal(fix_write(bom, "table", 0, &out), CRK_OK);
	assert_string_equal(out.buf, "0 components (0 ecosystems) from 0 files\n");
	crk_strbuf_release(&out);

	memset(&p, 0, sizeof(p));
	p.type = "cargo", p.name = "serde", p.path = "Cargo.lock"; /* no version, no ecosystem */
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	assert_int_equal(fix_write(bom, "table", 0, &out), CRK_OK);
	assert_string_equal(out.buf, "NAME   VERSION  ECOSYSTEM  SCOPE     FOUND IN\n"
				     "serde  -        cargo      required  Cargo.lock\n"
				     "1 component (1 ecosystem) from 1 file\n");
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

/* Strings from scanned files cannot reach the terminal as control sequences; alignment counts
 * code points, not bytes. */
static void test_table__terminal_safe(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_strbuf out;
	struct crk_pkg p;
	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = "generic", p.ecosystem = "x", p.path = "a\x1b]0;title\x07.lock", p.line = 2;
	p.name = "\x1b[31mred\xc2\x9b\xff\xc3\xa9";
	p.version = "1\t2\n";
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	p.name = "zz", p.version = "1", p.path = "b.lock", p.line = 0;
	assert_int_equal(crk_bom_add(bom, &p, NULL, NULL), CRK_OK);
	assert_int_equal(fix_write(bom, "table", 0, &out), CRK_OK);
	/* ESC [ 3 1 m r e d C1-CSI 0xff é: 11 columns, "?[31mred??é" */
	assert_string_equal(out.buf,
			    "NAME         VERSION  ECOSYSTEM  SCOPE     FOUND IN\n"
			    "?[31mred??\xc3\xa9  1?2?     x          required  a?]0;title?.lock:2\n"
			    "zz           1        x          required  b.lock\n"
			    "2 components (1 ecosystem) from 2 files\n");
	crk_strbuf_release(&out);
	crk_bom_free(bom);
}

static void test_table__alloc_failures(void **state)
{
	struct crk_bom *bom = fix_bom(0);
	struct crk_strbuf full, out;
	uint64_t k;
	int rc;
	(void)state;
	assert_int_equal(fix_write(bom, "table", 0, &full), CRK_OK);
	for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
		assert_true(k < 10000);
		crk_strbuf_init(&out, 0);
		crk_alloc_fail_after(k);
		rc = crk_writer_find("table")->write(&out, bom, &(struct crk_write_opts){0}, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK)
			assert_string_equal(out.buf, full.buf);
		else
			assert_int_equal(rc, CRK_ENOMEM);
		crk_strbuf_release(&out);
	}
	assert_true(k > 2); /* the loop ran until no allocation failed: some did before */
	crk_strbuf_release(&full);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table__golden),
		cmocka_unit_test(test_table__exact),
		cmocka_unit_test(test_table__empty_and_singular),
		cmocka_unit_test(test_table__terminal_safe),
		cmocka_unit_test(test_table__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
