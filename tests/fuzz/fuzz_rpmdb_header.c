/*
 * fuzz_rpmdb_header.c - crk_rpmdb__header_parse() (src/detect/rpmdb.h) on arbitrary bytes, the
 * hand-written parser of RPM header blobs, without SQLite around it. What it returns is read
 * whole (every string to its NUL), so a string that does not end inside the arena shows under
 * ASan. Seeds: tests/fuzz/corpus/rpmdb_header/ (the two headers of tests/data/rpmdb/rpmdb.sqlite
 * and a few made by hand).
 */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "detect/rpmdb.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_rpm_header h;
	struct crk_err err;
	volatile size_t sum = 0;
	size_t i;
	if (crk_rpmdb__header_parse(&h, data, size, &a, &err) == 0) {
		sum += touch(h.name) + touch(h.version) + touch(h.release) + touch(h.arch);
		sum += touch(h.sourcerpm) + touch(h.license) + touch(h.vendor) + touch(h.summary);
		sum += touch(h.sigmd5) + touch(h.sha256header) + touch(h.sha1header) + h.epoch;
		for (i = 0; i < h.nprovides; i++)
			sum += touch(h.provides[i]);
		for (i = 0; i < h.nrequires; i++)
			sum += touch(h.requires[i]);
	}
	(void)sum;
	crk_arena_release(&a);
	return 0;
}
