/*
 * test_atomic.c - files written atomically in pieces (fileio.h crk_atomic_*): the bytes land
 * only at commit, an abort leaves the old file and no temporary behind, devices are written in
 * place.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/crk-atomic-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static size_t entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void expect_file(const char *path, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	assert_int_equal(crk_read_file(path, 1 << 20, &buf, &len, NULL), CRK_OK);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(buf, want, len);
	crk_free(buf);
}

static void test_atomic__pieces_commit_abort(void **state)
{
	struct crk_atomic_file *f;
	struct crk_err err;
	char path[128];
	(void)state;
	snprintf(path, sizeof(path), "%s/out.json", dir);
	/* a new file, in three pieces: nothing at `path` before the commit */
	assert_int_equal(crk_atomic_open(path, 0, &f, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "{", 1, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "", 0, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "}\n", 2, NULL), CRK_OK);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(), 1); /* the temporary file */
	assert_int_equal(crk_atomic_commit(f, NULL), CRK_OK);
	expect_file(path, "{}\n");
	assert_int_equal(entries(), 1);
	/* replaced, durable */
	assert_int_equal(crk_atomic_open(path, CRK_WRITE_DURABLE, &f, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "new", 3, NULL), CRK_OK);
	assert_int_equal(crk_atomic_commit(f, NULL), CRK_OK);
	expect_file(path, "new");
	/* aborted half-way: the old file stays, the temporary goes */
	assert_int_equal(crk_atomic_open(path, 0, &f, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "half", 4, NULL), CRK_OK);
	crk_atomic_abort(f);
	expect_file(path, "new");
	assert_int_equal(entries(), 1);
	crk_atomic_abort(NULL);
	/* the whole-buffer form on top of it */
	assert_int_equal(crk_write_file_atomic(path, "whole", 5, 0, NULL), CRK_OK);
	expect_file(path, "whole");
	/* a directory that is not there */
	snprintf(path, sizeof(path), "%s/no/such/dir.json", dir);
	crk_err_clear(&err);
	assert_int_equal(crk_atomic_open(path, 0, &f, &err), CRK_EIO);
	assert_null(f);
	assert_string_equal(err.msg, "cannot create: No such file or directory");
	/* a device is written in place, and stays a device */
	assert_int_equal(crk_atomic_open("/dev/null", 0, &f, NULL), CRK_OK);
	assert_int_equal(crk_atomic_write(f, "x", 1, NULL), CRK_OK);
	assert_int_equal(crk_atomic_commit(f, NULL), CRK_OK);
	assert_int_equal(crk_write_file_atomic("/dev/null", "y", 1, 0, NULL), CRK_OK);
	assert_int_equal(access("/dev/null", W_OK), 0);
	assert_int_equal(entries(), 1);
}

static void test_atomic__alloc_failures(void **state)
{
	struct crk_atomic_file *f;
	char path[128];
	uint64_t n;
	int rc = -1;
	(void)state;
	snprintf(path, sizeof(path), "%s/oom.txt", dir);
	for (n = 1; n < 20 && rc != CRK_OK; n++) {
		crk_alloc_fail_after(n);
		rc = crk_atomic_open(path, 0, &f, NULL);
		crk_alloc_fail_after(0);
		assert_true(rc == CRK_OK || rc == CRK_ENOMEM);
		if (rc == CRK_OK)
			crk_atomic_abort(f);
		else
			assert_null(f);
	}
	assert_int_equal(rc, CRK_OK);
	assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atomic__pieces_commit_abort),
		cmocka_unit_test(test_atomic__alloc_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
