/*
 * fuzz_vulndb_import.c - crk_vulndb_import_buffer() on arbitrary bytes: what `crakit db import`
 * does with one hostile file (zip archives, gzip, EPSS, KEV, OSV records and arrays, told apart by
 * content) against an in-memory store, inside a transaction rolled back after each input so the
 * store stays small. The import must succeed or fail with a documented code, and never leave a
 * transaction open. Seeds: tests/fuzz/corpus/vulndb_import/.
 */
#include <stdint.h>
#include <stdlib.h>

#include "crakit/store.h"
#include "crakit/vulndb.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct crk_store *store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_err err;
	struct crk_vulndb_import_opts io = {CRK_VULNDB_QUIET, 1};
	int rc;
	if (!store && crk_store_open(&store, ":memory:", CRK_STORE_CREATE, &err) != CRK_OK)
		abort();
	if (crk_store_begin(store, &err) != CRK_OK)
		abort();
	rc = crk_vulndb_import_buffer(store, (const char *)data, size, "fuzz", &io, NULL, NULL,
				      &err);
	if (rc != CRK_OK && rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_EUNSUPPORTED &&
	    rc != CRK_ENOMEM)
		abort();
	if (crk_store_in_transaction(store) != 1)
		abort();
	crk_store_rollback(store, NULL);
	return 0;
}
