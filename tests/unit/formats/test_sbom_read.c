/* test_sbom_read.c - reading SBOMs (src/formats/sbom_read.c, include/crakit/sbomio.h): the
 * format recognition, every SBOM of the shared corpus against counts computed independently
 * (tests/data/sbom-in/corpus-counts.py -> corpus-counts.txt), identity and ecosystems, and what
 * a conversion would drop (src/formats/sbom_losses.c). */
#include <string.h>
#include <sys/stat.h>

#include "../test.h"
#include "base/fileio.h"
#include "crakit/sbom.h"
#include "sbom_in.h"

static void test_sbom_read__sniff(void **state)
{
	static const struct {
		const char *text;
		enum crk_sbom_format want;
	} cases[] = {
		{"{\"bomFormat\": \"CycloneDX\"}", CRK_SBOM_CYCLONEDX_JSON},
		{"\xef\xbb\xbf  {\"specVersion\":\"1.6\",\"x\":1,\"bomFormat\":\"CycloneDX\"}",
		 CRK_SBOM_CYCLONEDX_JSON},
		{"{\"spdxVersion\": \"SPDX-2.3\"}", CRK_SBOM_SPDX_JSON},
		{"{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}",
		 CRK_SBOM_SPDX3_JSON},
		{"<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>",
		 CRK_SBOM_CYCLONEDX_XML},
		{"## a comment\nSPDXVersion: SPDX-2.3\n", CRK_SBOM_SPDX_TAG_VALUE},
		{"spdxVersion: SPDX-2.3\n", CRK_SBOM_SPDX_YAML},
		{"# c\n\"spdxVersion\": SPDX-2.3\n", CRK_SBOM_SPDX_YAML},
		{"d = {\n    \"spdxVersion\": \"SPDX-2.3\",\n}\n", CRK_SBOM_UNKNOWN}, /* not YAML */
		{"<rdf:RDF xmlns:spdx=\"http://spdx.org/rdf/terms#\"/>", CRK_SBOM_UNKNOWN},
		{"{\"name\": \"lodash\"}", CRK_SBOM_UNKNOWN},
		{"", CRK_SBOM_UNKNOWN},
		{"   \n", CRK_SBOM_UNKNOWN},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (crk_sbom_sniff(cases[i].text, strlen(cases[i].text)) != cases[i].want)
			fail_msg("case %zu: got %s", i,
				 crk_sbom_format_str(crk_sbom_sniff(cases[i].text, strlen(cases[i].text))));
	assert_string_equal(crk_sbom_format_str(CRK_SBOM_SPDX_TAG_VALUE), "spdx-tag-value");
}

static void test_sbom_read__not_an_sbom(void **state)
{
	struct crk_bom *bom = NULL;
	struct crk_err err;
	(void)state;
	assert_int_equal(in_read_buf("Not an sbom at all!", &bom, NULL, &err), CRK_EPARSE);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.msg, "not a CycloneDX (JSON, XML), SPDX 2 (JSON, tag-value, YAML) or "
				     "SPDX 3 (JSON-LD) document");
	/* SPDX YAML is read (test_spdx_yaml.c); its version is checked as JSON's */
	assert_int_equal(in_read_buf("spdxVersion: SPDX-1.2\nname: x\n", &bom, NULL, &err),
			 CRK_EUNSUPPORTED);
	assert_string_equal(err.msg,
			    "spdxVersion 'SPDX-1.2' is not one crakit reads (SPDX-2.2, SPDX-2.3)");
	assert_null(bom);
}

/* Every SBOM of corpus/sbom: read with exactly the number of components corpus-counts.py
 * computed with Python's own JSON and XML parsers, or refused where it is no SBOM crakit
 * reads (SPDX RDF, XML; a wrong bomFormat or namespace; not an SBOM). */
static void test_sbom_read__corpus(void **state)
{
	char *buf, *p, *end;
	size_t len, checked = 0, refused = 0;
	struct crk_err err;
	struct stat st;
	(void)state;
	if (stat(test_corpus("sbom"), &st) != 0) {
		print_message("corpus not found at %s (set CRAKIT_CORPUS): skipped\n", test_corpus(""));
		skip();
	}
	assert_int_equal(crk_read_file(test_data("sbom-in/corpus-counts.txt"), 1 << 20, &buf, &len,
				       &err),
			 CRK_OK);
	for (p = buf, end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), rel[1024], fmt[32];
		struct crk_sbom_info info;
		struct crk_bom *bom = NULL;
		unsigned long n = 0;
		int rc;
		if (nl)
			*nl = '\0';
		if (*p && *p != '#') {
			if (sscanf(p, "%1023s %31s %lu", rel, fmt, &n) < 2)
				fail_msg("bad line: %s", p);
			rc = crk_bom_read_file(test_corpus(rel), &bom, &info, NULL, &err);
			if (strcmp(fmt, "error") == 0) {
				if (rc == CRK_OK)
					fail_msg("%s: read, but corpus-counts says: %s", rel, p);
				if (rc != CRK_EPARSE && rc != CRK_EUNSUPPORTED)
					fail_msg("%s: status %d: %s", rel, rc, err.msg);
				refused++;
			} else {
				if (rc != CRK_OK)
					fail_msg("%s: %s:%u:%u: %s", rel, err.path, err.line, err.col,
						 err.msg);
				if (strcmp(crk_sbom_format_str(info.format), fmt) != 0 ||
				    crk_bom_count(bom) != n)
					fail_msg("%s: %s with %zu components, want %s with %lu", rel,
						 crk_sbom_format_str(info.format), crk_bom_count(bom),
						 fmt, n);
				checked++;
			}
			crk_bom_free(bom);
		}
		p = nl ? nl + 1 : end;
	}
	crk_free(buf);
	print_message("%zu corpus SBOMs read with the expected counts, %zu refused as expected\n",
		      checked, refused);
	assert_true(checked >= 600);
}

/* The OSV ecosystem from the purl type (and, for distributions, the namespace). */
static void test_sbom_read__ecosystems(void **state)
{
	static const char doc[] =
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
		"{\"type\":\"library\",\"name\":\"a\",\"purl\":\"pkg:cargo/a@1\"},"
		"{\"type\":\"library\",\"name\":\"b\",\"purl\":\"pkg:deb/ubuntu/b@1\"},"
		"{\"type\":\"library\",\"name\":\"c\",\"purl\":\"pkg:rpm/almalinux/c@1-1\"},"
		"{\"type\":\"library\",\"name\":\"d\",\"purl\":\"pkg:github/o/d@1\"},"
		"{\"type\":\"library\",\"name\":\"e\",\"purl\":\"pkg:gem/e@1\"},"
		"{\"type\":\"library\",\"name\":\"f\",\"version\":\"2\",\"purl\":\"not a purl\"}]}";
	struct crk_bom *bom = NULL;
	struct crk_diags d;
	struct crk_err err;
	const struct crk_component *c;
	(void)state;
	crk_diags_init(&d);
	assert_int_equal(crk_bom_read(doc, strlen(doc), "t", &bom, NULL, &d, &err), CRK_OK);
	assert_string_equal(in_find(bom, "pkg:cargo/a@1")->ecosystem, "crates.io");
	assert_string_equal(in_find(bom, "pkg:deb/ubuntu/b@1")->ecosystem, "Ubuntu");
	assert_string_equal(in_find(bom, "pkg:rpm/almalinux/c@1-1")->ecosystem, "AlmaLinux");
	assert_string_equal(in_find(bom, "pkg:github/o/d@1")->ecosystem, "github");
	assert_string_equal(in_find(bom, "pkg:gem/e@1")->ecosystem, "RubyGems");
	/* a purl that does not parse: a warning, the entry kept by name, the text kept */
	c = in_find(bom, "crakit:generic/f@2#");
	assert_string_equal(in_kv(c->props, c->nprops, "purl"), "not a purl");
	assert_int_equal(crk_diags_count(&d), 1);
	assert_string_equal(d.v[0].msg, "purl 'not a purl' of 'f' is not valid: kept as a property");
	crk_diags_release(&d);
	crk_bom_free(bom);
}

struct losses {
	char text[1024];
};

static void on_loss(void *ud, const char *what, size_t n)
{
	struct losses *l = ud;
	size_t k = strlen(l->text);
	snprintf(l->text + k, sizeof(l->text) - k, "%s%s=%zu", k ? "; " : "", what, n);
}

/* What each format cannot keep of small.cdx.json (see sbom_losses.c). */
static void test_sbom_read__losses(void **state)
{
	struct crk_bom *bom = in_read("small.cdx.json", NULL, NULL);
	struct losses l;
	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(crk_sbom_losses(bom, "cyclonedx-json", on_loss, &l), 1);
	assert_string_equal(l.text, "dependency completeness statements=1");
	memset(&l, 0, sizeof(l));
	assert_int_equal(crk_sbom_losses(bom, "cyclonedx-xml", on_loss, &l), 0);
	memset(&l, 0, sizeof(l));
	assert_int_equal(crk_sbom_losses(bom, "spdx-tag-value", on_loss, &l), 2);
	assert_string_equal(l.text, "component properties=1; dependency completeness statements=1");
	memset(&l, 0, sizeof(l));
	assert_int_equal(crk_sbom_losses(bom, "table", on_loss, &l), 0);
	crk_bom_free(bom);
}

/* An SBOM found in a scanned tree (the "sbom/cyclonedx" and "sbom/spdx" detectors). */
static void test_sbom_read__detectors(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_diags d;
	struct crk_err err;
	char *buf;
	size_t len;
	const struct crk_component *c;
	(void)state;
	assert_string_equal(crk_sbom_detector_for("bom.json"), "sbom/cyclonedx");
	assert_string_equal(crk_sbom_detector_for("vendor/x/app.CDX.JSON"), "sbom/cyclonedx");
	assert_string_equal(crk_sbom_detector_for("x.bom.xml"), "sbom/cyclonedx");
	assert_string_equal(crk_sbom_detector_for("opt/bitnami/pg/.spdx-pg.spdx"), "sbom/spdx");
	assert_string_equal(crk_sbom_detector_for("a.spdx.json"), "sbom/spdx");
	assert_string_equal(crk_sbom_detector_for("a.spdx3.json"), "sbom/spdx");
	assert_null(crk_sbom_detector_for("cdx.json"));
	assert_string_equal(crk_sbom_detector_for("sbom.spdx.yml"), "sbom/spdx"); /* SPDX YAML */
	assert_null(crk_sbom_detector_for("sbom.spdx.rdf")); /* RDF/XML is not read */
	crk_diags_init(&d);
	assert_int_equal(crk_read_file(test_data("sbom-in/small.spdx.json"), CRK_MAX_FILE_SIZE, &buf,
				       &len, &err),
			 CRK_OK);
	assert_int_equal(crk_sbom_parse_file(bom, "third_party/small.spdx.json",
					     "third_party/small.spdx.json", NULL, buf, len, &d, &err),
			 CRK_OK);
	/* the described product is software in the tree too */
	assert_int_equal(crk_bom_count(bom), 4);
	c = in_find(bom, "crakit:generic/shop@1.0.0#third_party/small.spdx.json");
	assert_string_equal(c->found_by, "sbom/spdx");
	assert_true(in_depends(bom, NULL, c->bom_ref));
	assert_true(in_depends(bom, c->bom_ref, "pkg:npm/lodash@4.17.21"));
	c = in_find(bom, "pkg:npm/lodash@4.17.21");
	assert_string_equal(c->occ[0].path, "third_party/small.spdx.json");
	assert_string_equal(c->found_by, "sbom/spdx");
	/* the document's metadata does not replace the scan's */
	assert_null(crk_bom_meta(bom)->name);
	assert_int_equal(crk_bom_meta(bom)->timestamp, -1);
	crk_free(buf);
	crk_diags_release(&d);
	crk_bom_free(bom);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sbom_read__sniff),
		cmocka_unit_test(test_sbom_read__not_an_sbom),
		cmocka_unit_test(test_sbom_read__corpus),
		cmocka_unit_test(test_sbom_read__ecosystems),
		cmocka_unit_test(test_sbom_read__losses),
		cmocka_unit_test(test_sbom_read__detectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
