/*
 * sbomcheckv.c - the schema verdict of `crakit sbom check` for many documents in one process
 * (the schema suite runs it over CycloneDX's XML conformance files, whose names give the
 * verdict):
 *
 *   sbomcheckv SCHEMA_DIR DOC...
 *
 * Prints "valid DOC", "invalid DOC" (then the first error) or "unchecked DOC: why" per
 * document; exits 0, or 2 when a document cannot be read or is no SBOM.
 */
#include <stdio.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/sbomcheck.h"

int main(int argc, char **argv)
{
	int i, bad = 0;
	if (argc < 3) {
		fprintf(stderr, "usage: sbomcheckv SCHEMA_DIR DOC...\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		struct crk_check_opts o = {CRK_STD_NTIA, argv[1]};
		struct crk_check_report *r = NULL;
		struct crk_err err;
		char *buf = NULL;
		size_t len;
		if (crk_read_file(argv[i], CRK_MAX_FILE_SIZE, &buf, &len, &err) != CRK_OK ||
		    crk_sbom_check(buf, len, argv[i], &o, &r, &err) != CRK_OK) {
			crk_free(buf);
			printf("error %s: %s\n", argv[i], err.msg);
			bad = 1;
			continue;
		}
		crk_free(buf);
		if (r->schema > 0)
			printf("valid %s\n", argv[i]);
		else if (r->schema < 0)
			printf("invalid %s\n  %s: %s\n", argv[i], r->schema_errors[0].where,
			       r->schema_errors[0].what);
		else
			printf("unchecked %s: %s\n", argv[i], r->schema_note);
		crk_check_report_free(r);
	}
	return bad ? 2 : 0;
}
