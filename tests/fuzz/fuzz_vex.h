/*
 * fuzz_vex.h - the libFuzzer target of a VEX reader (src/match: OpenVEX, CycloneDX VEX). A
 * target file defines CRK_FUZZ_VEX_PARSE as the parse function and includes this. A parse either
 * succeeds with statements that hold a vulnerability, a subject and a status, which then survive
 * being written as OpenVEX and CycloneDX and read back; or fails with one of its documented codes
 * and the file named. abort() otherwise, so libFuzzer reports it.
 */
#ifndef CRK_FUZZ_VEX_H
#define CRK_FUZZ_VEX_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "crakit/vex.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_set(const struct crk_vex_set *set)
{
	size_t i;
	for (i = 0; i < crk_vex_set_count(set); i++) {
		const struct crk_vex_stmt *s = crk_vex_set_get(set, i);
		if (!s || !s->vuln || !*s->vuln || !s->subject || !*s->subject ||
		    s->status == CRK_VEX_NONE)
			abort();
	}
}

/* Written documents are read back with as many current statements. */
static void round_trip(const struct crk_vex_set *set)
{
	const struct crk_vex_stmt **cur = NULL;
	struct crk_vex_write_opts wo;
	size_t ncur, len;
	char *doc = NULL;
	int fmt;
	if (crk_vex_current(set, &cur, &ncur, NULL) != CRK_OK)
		return;
	crk_vex_current_free(cur);
	memset(&wo, 0, sizeof(wo));
	for (fmt = 0; fmt < 2; fmt++) {
		struct crk_vex_set *back;
		int rc = fmt ? crk_vex_write_cyclonedx(set, &wo, &doc, &len, NULL)
			     : crk_vex_write_openvex(set, &wo, &doc, &len, NULL);
		if (rc == CRK_ENOMEM || (rc == CRK_EINVAL && !ncur))
			continue;
		if (rc != CRK_OK)
			abort();
		back = crk_vex_set_new();
		if (back) {
			rc = fmt ? crk_vex_parse_cyclonedx(back, doc, len, "rt", NULL)
				 : crk_vex_parse_openvex(back, doc, len, "rt", NULL);
			if (rc != CRK_OK && rc != CRK_ENOMEM && rc != CRK_ELIMIT)
				abort();
			crk_vex_set_free(back);
		}
		crk_free(doc);
		doc = NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_vex_set *set = crk_vex_set_new();
	struct crk_err err;
	int rc;
	if (!set)
		return 0;
	crk_err_clear(&err);
	rc = CRK_FUZZ_VEX_PARSE(set, (const char *)data, size, "fuzz.json", &err);
	check_set(set);
	if (rc == CRK_OK) {
		round_trip(set);
	} else if (rc != CRK_EPARSE && rc != CRK_ELIMIT && rc != CRK_ENOMEM &&
		   rc != CRK_EUNSUPPORTED) {
		abort();
	} else if (strcmp(err.path, "fuzz.json") != 0 || !err.msg[0]) {
		abort();
	}
	crk_vex_set_free(set);
	return 0;
}

#endif
