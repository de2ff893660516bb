/*
 * fuzz_cra_findings.c - the findings `crakit assess` and `crakit docs` read from the store
 * (src/cra/checks_store.c, checks_sbom.c): arbitrary bytes recorded as the findings of the
 * latest release of a product (crk_release_record accepts any JSON with a "findings" array),
 * then assessed with the VEX decisions of the store applied (crk_cra_assess with opts.store),
 * inside a transaction rolled back after each input. No crash, no leak; the assessment succeeds
 * or the record refuses the document with a documented code. Seeds: tests/fuzz/corpus/cra_findings/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/cra.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct crk_store *store;
static struct crk_cra_manifest *manifest;

static const char yaml[] = "schema: 1\nmanufacturer: {name: M}\nproduct: {name: P, versions: [\"1.0\"]}\n";

static void init(void)
{
	struct crk_err err;
	struct crk_vex_stmt v;
	if (crk_store_open(&store, ":memory:", CRK_STORE_CREATE, &err) != CRK_OK ||
	    crk_cra_manifest_parse(&manifest, yaml, sizeof(yaml) - 1, "cra.yaml", NULL, &err) != CRK_OK)
		abort();
	memset(&v, 0, sizeof(v));
	v.vuln = "CVE-2099-0001";
	v.subject = "pkg:npm/express";
	v.status = CRK_VEX_NOT_AFFECTED;
	v.justification = CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH;
	v.author = "fuzz";
	v.time = 1777629600;
	if (crk_vex_store_add(store, &v, NULL, &err) != CRK_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_release_in in;
	struct crk_release_out out;
	struct crk_cra_assess_opts o;
	struct crk_cra_assessment *a = NULL;
	struct crk_err err;
	int rc;

	if (!store)
		init();
	if (crk_store_begin(store, &err) != CRK_OK)
		abort();
	memset(&in, 0, sizeof(in));
	in.product = "P";
	in.version = "1.0";
	in.placed = "2026-05-01";
	in.now = 1777629600;
	in.findings = (const char *)data;
	in.findings_len = size;
	rc = crk_release_record(store, &in, &out, NULL, &err);
	if (rc == CRK_OK) {
		memset(&o, 0, sizeof(o));
		o.dir = "/nonexistent/crakit-fuzz";
		o.no_scan = 1;
		o.today = 20605; /* 2026-06-01 */
		o.store = store;
		o.store_name = "fuzz.db";
		o.store_explicit = 1;
		rc = crk_cra_assess(&a, manifest, &o, &err);
		if (rc != CRK_OK && rc != CRK_ENOMEM)
			abort();
		crk_cra_assessment_free(a);
	} else if (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM) {
		abort();
	}
	crk_store_rollback(store, NULL);
	return 0;
}
