/*
 * fuzz_release.c - crk_release_record() (src/cra/release.c) on arbitrary bytes: what `crakit
 * release record` does with a hostile SBOM snapshot and findings document (the JSON of `crakit
 * scan --json`, whose findings are indexed for `crakit impact`), against an in-memory store,
 * inside a transaction rolled back after each input so the store stays small. The first byte
 * chooses what the rest is: the findings (even), the SBOM (odd and < 0x80), or both, split at
 * the first NUL byte (SBOM, then findings). The record must succeed or fail with a documented
 * code, leave no transaction of its own open, and a recorded release must leave the audit chain
 * intact (crk_audit_verify). Seeds: tests/fuzz/corpus/release/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/release.h"
#include "crakit/store.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct crk_store *store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_release_in in;
	struct crk_release_out out;
	struct crk_audit_report rep;
	struct crk_diags diags;
	struct crk_err err;
	const char *buf = (const char *)data + 1;
	const char *nul;
	size_t len;
	int rc;

	if (size < 1)
		return 0;
	len = size - 1;
	if (!store && crk_store_open(&store, ":memory:", CRK_STORE_CREATE, &err) != CRK_OK)
		abort();
	memset(&in, 0, sizeof(in));
	in.product = "fuzz";
	in.version = "1.0.0";
	in.placed = "2026-05-01";
	in.support_end = "2031-12";
	in.actor = "fuzz";
	in.now = 1777600000;
	if (!(data[0] & 1)) {
		in.findings = buf;
		in.findings_len = len;
	} else if (data[0] < 0x80) {
		in.sbom = buf;
		in.sbom_len = len;
	} else {
		nul = memchr(buf, '\0', len);
		in.sbom = buf;
		in.sbom_len = nul ? (size_t)(nul - buf) : len;
		if (nul) {
			in.findings = nul + 1;
			in.findings_len = len - in.sbom_len - 1;
		}
	}
	if (crk_store_begin(store, &err) != CRK_OK)
		abort();
	crk_diags_init(&diags);
	rc = crk_release_record(store, &in, &out, &diags, &err);
	crk_diags_release(&diags);
	if (rc != CRK_OK && rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_EUNSUPPORTED &&
	    rc != CRK_ENOMEM)
		abort();
	if (crk_store_in_transaction(store) != 1)
		abort(); /* the record's own transaction (a savepoint here) must be closed */
	if (rc == CRK_OK) {
		if (crk_audit_verify(store, &rep, &err) != CRK_OK || rep.broken_seq != 0)
			abort(); /* a recorded release leaves the chain intact */
	}
	crk_store_rollback(store, NULL);
	return 0;
}
