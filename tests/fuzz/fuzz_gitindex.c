/*
 * fuzz_gitindex.c - git index entries (src/formats/gitindex.c) on arbitrary bytes, with both
 * object name lengths (SHA-1 and SHA-256 repositories). Seeds: tests/fuzz/corpus/gitindex/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/gitindex.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check(void *ud, const char *path, size_t n, uint32_t mode, const unsigned char *oid)
{
	(void)ud;
	(void)mode;
	(void)oid;
	if (strlen(path) != n || n > CRK_GITINDEX_MAX_PATH)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)crk_gitindex_parse(data, size, 20, check, NULL, NULL);
	(void)crk_gitindex_parse(data, size, 32, check, NULL, NULL);
	return 0;
}
