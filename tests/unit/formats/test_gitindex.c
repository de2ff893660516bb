/*
 * test_gitindex.c - git index entries (src/formats/gitindex.c) on index files git 2.39 wrote
 * (tests/data/gitindex, made by tests/data/submodule/make-fixtures.sh): versions 2, 3 (an
 * extended flag) and 4 (prefix-compressed paths), and a SHA-256 repository's index. The
 * expected entries are the ones the script added (`git ls-files -s` lists the same).
 */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "formats/gitindex.h"

struct seen {
	char path[8][64];
	uint32_t mode[8];
	unsigned char oid0[8];
	size_t n;
};

static int on_entry(void *ud, const char *path, size_t n, uint32_t mode, const unsigned char *oid)
{
	struct seen *s = ud;
	assert_int_equal(strlen(path), n);
	if (s->n < 8) {
		snprintf(s->path[s->n], sizeof(s->path[0]), "%s", path);
		s->mode[s->n] = mode;
		s->oid0[s->n] = oid[0];
	}
	s->n++;
	return 0;
}

static void walk(const char *file, size_t hashlen, struct seen *s, int want)
{
	char *buf;
	size_t len;
	struct crk_err err;
	assert_int_equal(crk_read_file(test_data(file), 1 << 20, &buf, &len, &err), CRK_OK);
	memset(s, 0, sizeof(*s));
	assert_int_equal(crk_gitindex_parse(buf, len, hashlen, on_entry, s, &err), want);
	crk_free(buf);
}

static void test_gitindex__versions(void **state)
{
	static const char *const files[] = {"gitindex/index-v2", "gitindex/index-v3",
					    "gitindex/index-v4"};
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++) {
		struct seen s;
		walk(files[i], 20, &s, CRK_OK);
		assert_int_equal(s.n, 4);
		assert_string_equal(s.path[0], ".gitmodules");
		assert_string_equal(s.path[1], "libs/fmt");
		assert_string_equal(s.path[2], "src/main.c");
		assert_string_equal(s.path[3], "third_party/zlib");
		assert_int_equal(s.mode[0], 0100644);
		assert_int_equal(s.mode[1], CRK_GITINDEX_GITLINK);
		assert_int_equal(s.mode[3], CRK_GITINDEX_GITLINK);
		assert_int_equal(s.oid0[1], 0xe6); /* e69e5f97... */
		assert_int_equal(s.oid0[3], 0x51); /* 51b7f2ab... */
	}
}

static void test_gitindex__sha256(void **state)
{
	struct seen s;
	(void)state;
	walk("gitindex/index-sha256", 32, &s, CRK_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.path[0], "deps/lib");
	assert_int_equal(s.mode[0], CRK_GITINDEX_GITLINK);
	assert_int_equal(s.oid0[0], 0x01);
}

static void test_gitindex__bad(void **state)
{
	static const unsigned char v5[] = "DIRC\0\0\0\5\0\0\0\0";
	static const unsigned char notdirc[] = "DIRX\0\0\0\2\0\0\0\0";
	char *buf;
	size_t len, cut;
	struct crk_err err;
	struct seen s;
	(void)state;
	assert_int_equal(crk_gitindex_parse(v5, 12, 20, on_entry, &s, &err), CRK_EUNSUPPORTED);
	assert_int_equal(crk_gitindex_parse(notdirc, 12, 20, on_entry, &s, &err), CRK_EPARSE);
	/* every truncation of a real index fails cleanly or stops early, never reads past it */
	assert_int_equal(crk_read_file(test_data("gitindex/index-v4"), 1 << 20, &buf, &len, &err),
			 CRK_OK);
	for (cut = 0; cut < len; cut++) {
		char *copy = crk_malloc(cut ? cut : 1);
		int rc;
		memcpy(copy, buf, cut);
		memset(&s, 0, sizeof(s));
		rc = crk_gitindex_parse(copy, cut, 20, on_entry, &s, &err);
		assert_true(rc == CRK_OK || rc == CRK_EPARSE);
		crk_free(copy);
	}
	/* a count larger than the file: an error at the end, no overread */
	buf[11] = 100;
	memset(&s, 0, sizeof(s));
	assert_int_equal(crk_gitindex_parse(buf, len, 20, on_entry, &s, &err), CRK_EPARSE);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gitindex__versions),
		cmocka_unit_test(test_gitindex__sha256),
		cmocka_unit_test(test_gitindex__bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
