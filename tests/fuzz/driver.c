/*
 * driver.c - replays fuzz seeds through a target without libFuzzer (libgit2's standalone
 * driver), so `make check` runs every seed and past crash under ASan/UBSan.
 * Usage: fuzz_X FILE|DIR...   Prints "N inputs" and exits 0 when none crashed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, size_t *count)
{
	char *buf;
	size_t len;
	struct crk_err err;
	if (crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err) != CRK_OK) {
		fprintf(stderr, "%s: %s\n", path, err.msg);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	crk_free(buf);
	(*count)++;
	return 0;
}

static int run_path(const char *path, size_t *count)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int rc = 0;
	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, count);
	d = opendir(path);
	if (!d) {
		perror(path);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		char sub[4096];
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		rc |= run_path(sub, count);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0, i;
	for (i = 1; i < argc; i++)
		rc |= run_path(argv[i], &count);
	printf("%zu inputs\n", count);
	return rc;
}
