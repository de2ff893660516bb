/* test_sbomcheck.c - `crakit sbom check`'s engine (src/formats/sbomcheck*.c) on hand-written
 * documents of tests/data/bsi/docs (each field present or absent by construction, the scores
 * computed by hand in the comments), the same document as CycloneDX JSON and XML and as SPDX
 * JSON and tag-value (the same verdicts), and a real third-party SBOM of the corpus whose
 * per-field counts were computed independently (python over the JSON). */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/sbomcheck.h"

static struct crk_check_report *check(const char *path, int standard, const char *schema_dir)
{
	struct crk_check_opts o = {standard, schema_dir};
	struct crk_check_report *r = NULL;
	struct crk_err err;
	char *buf;
	size_t len;
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	if (crk_sbom_check(buf, len, path, &o, &r, &err) != CRK_OK)
		fail_msg("%s: %s", path, err.msg);
	crk_free(buf);
	return r;
}

static const struct crk_check_field *field(const struct crk_check_report *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].id, id) == 0)
			return &r->fields[i];
	fail_msg("no field %s", id);
	return NULL;
}

static void counts(const struct crk_check_report *r, const char *id, size_t present,
		   size_t applicable)
{
	const struct crk_check_field *f = field(r, id);
	if (f->present != present || f->applicable != applicable)
		print_message("%s: %zu/%zu, expected %zu/%zu\n", id, f->present, f->applicable,
			      present, applicable);
	assert_int_equal(f->present, present);
	assert_int_equal(f->applicable, applicable);
}

/* The components lacking field `id`, comma-separated, in document order. */
static void lacking(const struct crk_check_report *r, const char *id, const char *want)
{
	char got[1024] = "";
	size_t i, k = (size_t)(field(r, id) - r->fields);
	for (i = 0; i < r->ngaps; i++)
		if (r->gaps[i].field == k) {
			if (got[0])
				strncat(got, ",", sizeof(got) - strlen(got) - 1);
			strncat(got, r->gaps[i].component, sizeof(got) - strlen(got) - 1);
		}
	assert_string_equal(got, want);
}

/* Everything BSI TR-03183-2 v2.1 asks, at the places of its §8.2: conformant, 100. The primary
 * component names no file: it is a logical component (§3.2.2), so filename, hash and the
 * file properties do not apply to it (2 of 3 components). */
static void test_sbomcheck__conformant_v21(void **state)
{
	struct crk_check_report *r = check(test_data("bsi/docs/full-1.6.cdx.json"),
					   CRK_STD_BSI_2_1, NULL);
	(void)state;
	assert_string_equal(r->format, "cyclonedx-json");
	assert_string_equal(r->spec_version, "1.6");
	assert_true(r->format_ok);
	assert_int_equal(r->schema, 0); /* no schema directory given */
	assert_int_equal(r->ncomponents, 3);
	assert_true(r->conformant);
	assert_true(r->score == 100.0);
	assert_int_equal(r->ngaps, 0);
	counts(r, "component.creator", 3, 3); /* an email, a URL (§5.2.2: URL when no email) */
	counts(r, "component.filename", 2, 2);
	counts(r, "component.hash", 2, 2);
	counts(r, "component.dependencies", 3, 3);
	counts(r, "component.distribution_licences", 3, 3);
	counts(r, "component.original_licences", 1, 3); /* additional: only "left" declares */
	counts(r, "sbom.uri", 1, 1);
	crk_check_report_free(r);
}

/* The same document under v2.0, which has no logical components: the primary one lacks the
 * five file fields. Required: 2 SBOM fields + 10 x 3 components = 32, 5 missing: 27/32. */
static void test_sbomcheck__same_v20(void **state)
{
	struct crk_check_report *r = check(test_data("bsi/docs/full-1.6.cdx.json"),
					   CRK_STD_BSI_2_0, NULL);
	(void)state;
	assert_false(r->conformant);
	assert_int_equal(r->ngaps, 5);
	assert_true(r->score > 84.37 && r->score < 84.38);
	lacking(r, "component.filename", "app");
	lacking(r, "component.hash", "app");
	crk_check_report_free(r);
}

/* CycloneDX XML: the same facts (minus one component) as the JSON: same verdict. */
static void test_sbomcheck__xml(void **state)
{
	struct crk_check_report *r = check(test_data("bsi/docs/full-1.6.cdx.xml"),
					   CRK_STD_BSI_2_1, NULL);
	(void)state;
	assert_string_equal(r->format, "cyclonedx-xml");
	assert_string_equal(r->spec_version, "1.6");
	assert_true(r->conformant);
	assert_int_equal(r->ncomponents, 2);
	counts(r, "component.hash", 1, 1);
	counts(r, "component.creator", 2, 2);
	crk_check_report_free(r);
}

/* A third-party style CycloneDX 1.5: v2.1 refuses the version (§4), score 0; v2.0 accepts it.
 * v2.0 required: 2 + 10 x 4 = 42, present 1 + (1+4+3+0+3+1+1+0+0+0) = 14: 33.3. */
static void test_sbomcheck__third_party(void **state)
{
	struct crk_check_report *r = check(test_data("bsi/docs/thirdparty-1.5.cdx.json"),
					   CRK_STD_BSI_2_1, NULL);
	(void)state;
	assert_false(r->format_ok);
	assert_non_null(strstr(r->format_note, "CycloneDX 1.5 is not accepted"));
	assert_true(r->score == 0.0);
	assert_false(r->conformant);
	crk_check_report_free(r);

	r = check(test_data("bsi/docs/thirdparty-1.5.cdx.json"), CRK_STD_BSI_2_0, NULL);
	assert_true(r->format_ok);
	assert_true(r->score > 33.33 && r->score < 33.34);
	lacking(r, "component.creator", "shop,pkg:maven/org.example/core@5.1,lib-no-purl");
	lacking(r, "component.version", "lib-no-purl");
	lacking(r, "component.hash", "shop,pkg:maven/org.example/core@5.1,lib-no-purl"); /* SHA-256 */
	/* "Example Commercial License" is no SPDX expression; Apache-2.0 is */
	lacking(r, "component.associated_licences", "shop,pkg:maven/org.example/util@2.0,lib-no-purl");
	counts(r, "sbom.creator", 0, 1); /* a tool is no contact */
	crk_check_report_free(r);

	/* NTIA: 2 + 5 x 4 = 22, present 2 + 2 + 4 + 3 + 2 + 3 = 16: 72.7 */
	r = check(test_data("bsi/docs/thirdparty-1.5.cdx.json"), CRK_STD_NTIA, NULL);
	assert_true(r->score > 72.72 && r->score < 72.73);
	lacking(r, "component.supplier", "shop,lib-no-purl");
	counts(r, "sbom.author", 1, 1); /* the tool counts for NTIA's author of SBOM data */
	crk_check_report_free(r);
}

/* SPDX 2.3 JSON and the same document as tag-value give the same view. */
static void test_sbomcheck__spdx2_json_and_tag_value(void **state)
{
	static const char *const files[] = {"bsi/docs/small-2.3.spdx.json", "bsi/docs/small.spdx"};
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		struct crk_check_report *r = check(test_data(files[i]), CRK_STD_BSI_2_1, NULL);
		assert_false(r->format_ok); /* SPDX 2 is not accepted by v2.1 */
		crk_check_report_free(r);
		r = check(test_data(files[i]), CRK_STD_BSI_2_0, NULL);
		assert_string_equal(r->format, i ? "spdx-tag-value" : "spdx-json");
		assert_string_equal(r->spec_version, "2.3");
		assert_true(r->format_ok);
		counts(r, "sbom.creator", 1, 1); /* "Organization: ACME (sbom@acme.example)" */
		counts(r, "component.creator", 1, 2);
		counts(r, "component.filename", 1, 2);
		counts(r, "component.associated_licences", 2, 2);
		counts(r, "component.concluded_licences", 1, 2);
		counts(r, "component.dependencies", 2, 2);
		lacking(r, "component.creator", "SPDXRef-lib");
		/* 2 + 10 x 2 = 22; present 2 + (1+2+2+1+2+2+0+0+0+0) = 12: 54.5 */
		assert_true(r->score > 54.54 && r->score < 54.55);
		crk_check_report_free(r);
	}
}

static void test_sbomcheck__not_an_sbom(void **state)
{
	struct crk_check_opts o = {CRK_STD_BSI_2_1, NULL};
	struct crk_check_report *r = NULL;
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_sbom_check("{\"a\":1}", 7, "x.json", &o, &r, &err), CRK_EPARSE);
	assert_null(r);
	assert_int_equal(crk_sbom_check("{\"a\":", 5, "x.json", &o, &r, &err), CRK_EPARSE);
	assert_string_equal(err.path, "x.json");
	assert_int_equal(crk_sbom_check("<html/>", 7, "x.xml", &o, &r, &err), CRK_EPARSE);
	assert_int_equal(crk_sbom_check("hello\n", 6, "x.txt", &o, &r, &err), CRK_EPARSE);
	assert_int_equal(crk_sbom_check("", 0, "x.txt", &o, &r, &err), CRK_EPARSE);
	assert_null(r);
}

/* A real third-party SBOM: keycloak 10.0.2 (CycloneDX 1.2, 904 components). The counts were
 * computed independently with python over the JSON: supplier (or manufacturer, publisher,
 * author) named 756, version 904, purl 904, in the dependency graph 899, SHA-512 903. */
static void test_sbomcheck__corpus_keycloak(void **state)
{
	char path[4096], schemas[4096];
	struct crk_check_report *r;
	FILE *f;
	(void)state;
	/* test_corpus() returns a static buffer: copies */
	snprintf(path, sizeof(path), "%s",
		 test_corpus("sbom/cyclonedx/examples/SBOM/keycloak-10.0.2/bom.json"));
	snprintf(schemas, sizeof(schemas), "%s", test_corpus("sbom"));
	f = fopen(path, "r");
	if (!f) {
		print_message("corpus not found at %s (set CRAKIT_CORPUS): skipped\n", path);
		return;
	}
	fclose(f);
	r = check(path, CRK_STD_NTIA, schemas);
	assert_int_equal(r->ncomponents, 904);
	assert_int_equal(r->schema, 1); /* valid against bom-1.2.schema.json */
	counts(r, "component.supplier", 756, 904);
	counts(r, "component.version", 904, 904);
	counts(r, "component.other_identifiers", 904, 904);
	counts(r, "component.dependencies", 899, 904);
	/* (2 + 756 + 904 + 904 + 904 + 899) / (2 + 5 x 904) = 4369 / 4522 */
	assert_true(r->score > 96.616 && r->score < 96.617);
	crk_check_report_free(r);
	r = check(path, CRK_STD_BSI_2_1, NULL);
	assert_false(r->format_ok); /* CycloneDX 1.2 */
	counts(r, "component.filename", 0, 904 - 1); /* the primary one is logical */
	counts(r, "sbom.creator", 0, 1);
	crk_check_report_free(r);
	r = check(path, CRK_STD_BSI_2_0, NULL);
	counts(r, "component.hash", 903, 904);
	lacking(r, "component.hash", "pkg:maven/org.keycloak/keycloak-parent@10.0.2");
	crk_check_report_free(r);
}

/* Every allocation of crakit's failing in turn (jansson and libxml2 allocate on their own):
 * CRK_ENOMEM or the same report, for each format. */
static void test_sbomcheck__alloc_failures(void **state)
{
	static const char *const files[] = {"bsi/docs/full-1.6.cdx.json", "bsi/docs/full-1.6.cdx.xml",
					    "bsi/docs/small.spdx", "bsi/docs/small-2.3.spdx.json"};
	size_t f;
	(void)state;
	for (f = 0; f < 4; f++) {
		struct crk_check_opts o = {CRK_STD_BSI_2_0, NULL};
		struct crk_check_report *full = check(test_data(files[f]), CRK_STD_BSI_2_0, NULL), *r;
		char *buf;
		size_t len;
		uint64_t k;
		int rc;
		assert_int_equal(crk_read_file(test_data(files[f]), CRK_MAX_FILE_SIZE, &buf, &len, NULL),
				 CRK_OK);
		for (k = 1, rc = CRK_ENOMEM; rc != CRK_OK; k++) {
			assert_true(k < 10000);
			r = NULL;
			crk_alloc_fail_after(k);
			rc = crk_sbom_check(buf, len, "x", &o, &r, NULL);
			crk_alloc_fail_after(0);
			if (rc == CRK_OK) {
				assert_true(r->score == full->score);
				assert_int_equal(r->ngaps, full->ngaps);
				crk_check_report_free(r);
			} else {
				assert_int_equal(rc, CRK_ENOMEM);
				assert_null(r);
			}
		}
		assert_true(k > 2);
		crk_free(buf);
		crk_check_report_free(full);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sbomcheck__conformant_v21),
		cmocka_unit_test(test_sbomcheck__same_v20),
		cmocka_unit_test(test_sbomcheck__xml),
		cmocka_unit_test(test_sbomcheck__third_party),
		cmocka_unit_test(test_sbomcheck__spdx2_json_and_tag_value),
		cmocka_unit_test(test_sbomcheck__not_an_sbom),
		cmocka_unit_test(test_sbomcheck__corpus_keycloak),
		cmocka_unit_test(test_sbomcheck__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
