/*
 * test_elf.c - the bounded ELF reader (src/formats/elf.c) on the files of tests/data/elf
 * (made by make-fixtures.py; `readelf -a` reads them as the expected values below say), and on
 * damaged copies of them.
 */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "formats/elf.h"

static char *load(const char *file, size_t *len)
{
	char *buf;
	struct crk_err err;
	assert_int_equal(crk_read_file(test_data(file), CRK_MAX_BINARY_SIZE, &buf, len, &err),
			 CRK_OK);
	return buf;
}

static void test_elf__header_and_sections(void **state)
{
	struct crk_elf e;
	struct crk_elf_section s;
	struct crk_elf_segment g;
	size_t len, off;
	char *buf = load("elf/usr/lib/libcrypto.so.3", &len);
	(void)state;
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(e.is64, 1);
	assert_int_equal(e.be, 0);
	assert_int_equal(e.type, CRK_ELF_ET_DYN);
	assert_int_equal(e.machine, 62);
	assert_int_equal(e.shnum, 6);
	assert_int_equal(e.phnum, 2);
	assert_int_equal(crk_elf_section_by_name(&e, ".rodata", &s), 0);
	assert_int_equal(s.type, CRK_ELF_SHT_PROGBITS);
	assert_int_equal(s.flags, CRK_ELF_SHF_ALLOC);
	assert_non_null(memmem(s.data, s.datalen, "OpenSSL 3.0.19", 14));
	assert_int_equal(crk_elf_section_by_name(&e, ".text", &s), 0);
	assert_int_equal(s.flags, CRK_ELF_SHF_ALLOC | CRK_ELF_SHF_EXECINSTR);
	assert_int_equal(crk_elf_section_by_name(&e, ".nope", &s), -1);
	assert_int_equal(crk_elf_segment(&e, 0, &g), 0);
	assert_int_equal(g.type, CRK_ELF_PT_LOAD);
	assert_int_equal(crk_elf_segment(&e, 1, &g), 0);
	assert_int_equal(g.type, CRK_ELF_PT_DYNAMIC);
	assert_int_equal(crk_elf_segment(&e, 2, &g), -1);
	/* addresses equal offsets in this shared object */
	assert_int_equal(crk_elf_vaddr_to_offset(&e, 0x100, 4, &off), 0);
	assert_int_equal(off, 0x100);
	assert_int_equal(crk_elf_vaddr_to_offset(&e, 0x10000, 4, &off), -1);
	crk_free(buf);
}

static void test_elf__dynamic(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_elf e;
	struct crk_elf_dynamic d;
	size_t len;
	char *buf = load("elf/usr/sbin/nginx", &len);
	(void)state;
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
	assert_int_equal(d.nneeded, 6);
	assert_string_equal(d.needed[0], "libcrypt.so.1");
	assert_string_equal(d.needed[2], "libssl.so.3");
	assert_string_equal(d.needed[5], "libc.so.6");
	assert_null(d.soname);
	assert_int_equal(d.truncated, 0);
	crk_free(buf);

	/* 32-bit big endian */
	buf = load("elf/bin/busybox", &len);
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(e.is64, 0);
	assert_int_equal(e.be, 1);
	assert_int_equal(e.machine, 8);
	assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
	assert_int_equal(d.nneeded, 1);
	assert_string_equal(d.needed[0], "libc.so.0");
	crk_free(buf);

	/* SONAME; no dynamic section at all */
	buf = load("elf/usr/lib/libcrypto.so.3", &len);
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
	assert_string_equal(d.soname, "libcrypto.so.3");
	crk_free(buf);
	buf = load("elf/bin/curl", &len);
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
	assert_int_equal(d.nneeded, 0);
	assert_null(d.soname);
	crk_free(buf);
	crk_arena_release(&a);
}

static void test_elf__no_section_headers(void **state)
{
	struct crk_elf e;
	struct crk_elf_segment g;
	size_t len;
	char *buf = load("elf/sbin/dropbear", &len);
	(void)state;
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(e.shnum, 0);
	assert_int_equal(e.phnum, 1);
	assert_int_equal(crk_elf_segment(&e, 0, &g), 0);
	assert_int_equal(g.vaddr, 0x10000);
	assert_non_null(memmem(g.data, g.datalen, "dropbear_2022.83", 16));
	crk_free(buf);
}

/* e_shnum 0 with the count in section 0's sh_size (the generic ABI's extended numbering) */
static void test_elf__extended_numbering(void **state)
{
	struct crk_elf e;
	struct crk_elf_section s;
	size_t len;
	char *buf = load("elf/usr/lib/libcrypto.so.3", &len);
	uint64_t shoff;
	(void)state;
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	shoff = e.shoff;
	memset(buf + 0x3c, 0, 2);                  /* e_shnum = 0 */
	buf[shoff + 0x20] = 6;                     /* section 0 sh_size = 6 */
	buf[0x3e] = (char)0xff, buf[0x3f] = (char)0xff; /* e_shstrndx = SHN_XINDEX */
	buf[shoff + 0x28] = 5;                     /* section 0 sh_link = 5 */
	assert_int_equal(crk_elf_init(&e, buf, len, NULL), CRK_OK);
	assert_int_equal(e.shnum, 6);
	assert_int_equal(crk_elf_section_by_name(&e, ".dynamic", &s), 0);
	crk_free(buf);
}

/* Every cut of a file, and hostile values, stay within the buffer (ASan watches) */
static void test_elf__damaged(void **state)
{
	static const char *const files[] = {"elf/usr/lib/libcrypto.so.3", "elf/bin/busybox",
					    "elf/usr/sbin/nginx"};
	struct crk_arena a = CRK_ARENA_INIT;
	size_t f, len, cut, i;
	(void)state;
	for (f = 0; f < 3; f++) {
		char *buf = load(files[f], &len);
		for (cut = 0; cut <= len; cut++) {
			char *copy = crk_malloc(cut ? cut : 1);
			struct crk_elf e;
			struct crk_elf_section s;
			struct crk_elf_dynamic d;
			memcpy(copy, buf, cut);
			if (crk_elf_init(&e, copy, cut, NULL) == CRK_OK) {
				for (i = 0; i < e.shnum; i++)
					crk_elf_section(&e, i, &s);
				assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
			}
			crk_free(copy);
		}
		/* all-ones in every byte of the headers, one at a time */
		for (i = 0; i < 64 && i < len; i++) {
			char saved = buf[i];
			struct crk_elf e;
			struct crk_elf_dynamic d;
			buf[i] = (char)0xff;
			if (crk_elf_init(&e, buf, len, NULL) == CRK_OK)
				assert_int_equal(crk_elf_dynamic(&e, &a, &d), CRK_OK);
			buf[i] = saved;
		}
		crk_free(buf);
	}
	{
		struct crk_elf e;
		assert_int_equal(crk_elf_init(&e, "\x7f" "ELF\x03\x01", 6, NULL), CRK_EUNSUPPORTED);
		assert_int_equal(crk_elf_init(&e, "MZ\x90\x00", 4, NULL), CRK_EUNSUPPORTED);
		assert_int_equal(crk_elf_init(&e, "\x7f" "ELF\x02\x01\x01", 7, NULL), CRK_EPARSE);
	}
	crk_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf__header_and_sections),
		cmocka_unit_test(test_elf__dynamic),
		cmocka_unit_test(test_elf__no_section_headers),
		cmocka_unit_test(test_elf__extended_numbering),
		cmocka_unit_test(test_elf__damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
