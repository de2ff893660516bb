/*
 * fuzz_report_payload.c - crk_report_validate() (src/cra/report_draft.c), the reader of an
 * Article 14 stage payload a person edited, on arbitrary bytes: no crash, no leak, an error
 * is a parse error or a limit, and a payload it accepts can be drafted again (the draft keeps
 * its answers) and the new draft validates. Seeds: tests/fuzz/corpus/report_payload/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/report.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_report_missing *miss = NULL, *miss2 = NULL;
	struct crk_report_case c;
	struct crk_err err;
	size_t n = 0, n2 = 0, jl, ml;
	char *json = NULL, *md = NULL;
	int stage = -1, rc, i;
	rc = crk_report_validate(&miss, &n, &stage, (const char *)data, size, "fuzz.json", &err);
	if (rc != CRK_OK) {
		if (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM)
			abort();
		return 0;
	}
	crk_free(miss);
	memset(&c, 0, sizeof(c));
	c.id = 1;
	c.kind = size & 1 ? CRK_REPORT_INCIDENT : CRK_REPORT_VULNERABILITY; /* either kind */
	c.anchors.aware_at = 1789114620;
	c.anchors.fix_available_at = c.anchors.notification_sent_at = CRK_TIME_NONE;
	c.anchors.intermediate_due_at = c.closed_at = CRK_TIME_NONE;
	for (i = 0; i < CRK_STAGE_COUNT; i++)
		c.stage[i].sent_at = CRK_TIME_NONE;
	if (crk_report_draft(&json, &jl, &md, &ml, NULL, &c, (enum crk_report_stage)stage, NULL,
			     (const char *)data, size, 1789114620, &err) == CRK_OK) {
		if (crk_report_validate(&miss2, &n2, NULL, json, jl, "draft.json", &err) != CRK_OK)
			abort(); /* our own draft does not read back */
		crk_free(miss2);
	}
	crk_free(json);
	crk_free(md);
	return 0;
}
