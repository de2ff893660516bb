/* test_manifest.c - cra.yaml (src/cra/manifest.c, manifest_schema.c, manifest_template.c,
 * yaml.c): a complete file read back field by field, each kind of mistake reported at its
 * line:col with what is wrong and what is expected, the template `crakit init` writes, and the
 * JSON Schema (docs/cra.schema.json) and the manual (docs/cra-yaml.md) held to the same keys
 * as the parser's table. */
#include <string.h>

#include <jansson.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/cra.h"
#include "cra/manifest.h"

static struct crk_cra_manifest *load_ok(const char *rel)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_diags d;
	struct crk_err err;
	int rc;
	crk_diags_init(&d);
	rc = crk_cra_manifest_load(&m, test_data(rel), &d, &err);
	if (rc != CRK_OK)
		fail_msg("%s: %d %u:%u %s", rel, rc, err.line, err.col, err.msg);
	assert_int_equal(crk_diags_count(&d), 0);
	crk_diags_release(&d);
	return m;
}

static struct crk_cra_manifest *parse_ok(const char *src)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_err err;
	int rc = crk_cra_manifest_parse(&m, src, strlen(src), "cra.yaml", NULL, &err);
	if (rc != CRK_OK)
		fail_msg("unexpected error %d %u:%u %s\n--- input:\n%s", rc, err.line, err.col,
			 err.msg, src);
	return m;
}

static size_t req(const char *id)
{
	size_t i = 99;
	assert_non_null(crk_cra_requirement_find(id, &i));
	return i;
}

static void test_manifest__full_file_read_back(void **state)
{
	struct crk_cra_manifest *m = load_ok("cra/full.cra.yaml");
	const struct crk_cra_req_record *r;
	(void)state;
	assert_int_equal(m->schema, 1);
	assert_string_equal(m->manufacturer.name, "Example Devices GmbH");
	assert_string_equal(m->manufacturer.address, "Musterstraße 1, 10115 Berlin, Germany");
	assert_string_equal(m->manufacturer.phone, "+49 30 1234567");
	assert_string_equal(m->manufacturer.country, "DE");
	assert_int_equal(m->manufacturer.size, CRK_SIZE_SMALL);
	assert_string_equal(m->manufacturer.representative.name, "ExDev EU Rep SARL");
	assert_int_equal(m->manufacturer.representative.pos.line, 13);
	assert_string_equal(m->product.type, "GW-100");
	assert_int_equal(m->product.versions.n, 2);
	assert_string_equal(m->product.versions.v[1], "2.1.1");
	assert_int_equal(m->product.kind, CRK_KIND_BOTH);
	assert_int_equal(m->product.nremote_data_processing, 1);
	assert_string_equal(m->product.remote_data_processing[0].name, "ExDev cloud");
	assert_int_equal(m->product.remote_data_processing[0].pos.line, 30);
	assert_int_equal(m->product.remote_data_processing[0].pos.col, 7);
	assert_string_equal(m->product.placed_on_market, "2027-03-01");
	assert_int_equal(m->product.for_integration, CRK_NO);
	assert_int_equal(m->product.photos.n, 1);
	assert_int_equal(m->scope.data_connection, CRK_YES);
	assert_int_equal(m->scope.open_source, CRK_NO);
	assert_null(m->scope.equivalent_sector_rules);
	/* `core: []` answers "none of Annex III/IV"; slugs are resolved to ids */
	assert_int_equal(m->functionality.core_pos.line, 52);
	assert_int_equal(m->functionality.core.n, 0);
	assert_int_equal(m->functionality.integrates.n, 2);
	assert_string_equal(m->functionality.integrates.v[0], "AIII-C1-11");
	assert_string_equal(m->functionality.integrates.v[1], "AIII-C1-02");
	assert_non_null(strstr(m->functionality.justification, "neither of which is its core"));
	assert_int_equal(m->conformity.route, CRK_ROUTE_A);
	assert_int_equal(m->conformity.technical_documentation_public, CRK_NO);
	assert_int_equal(m->conformity.napplied, 2);
	assert_int_equal(m->conformity.applied[0].kind, CRK_INSTR_HARMONISED);
	assert_string_equal(m->conformity.applied[0].oj_reference, "OJ L 2027/123");
	assert_int_equal(m->conformity.applied[0].full.n, 2);
	assert_string_equal(m->conformity.applied[0].full.v[1], "AI-P1-2a");
	assert_int_equal(m->conformity.applied[1].kind, CRK_INSTR_OTHER);
	assert_int_equal(m->conformity.applied[1].partial.n, CRK_CRA_NREQ); /* "all" */
	assert_string_equal(m->support.end, "2032-03");
	assert_int_equal(m->support.end_pos.line, 71);
	assert_string_equal(m->contact.single_point_of_contact, "security@exdev.example");
	assert_int_equal(m->updates.automatic, CRK_YES);
	assert_int_equal(m->updates.separate_security_updates, CRK_YES);
	assert_int_equal(m->risk_assessment.nassets, 2);
	assert_int_equal(m->risk_assessment.nrisks, 1);
	assert_int_equal(m->risk_assessment.risks[0].level, CRK_LEVEL_HIGH);
	assert_int_equal(m->risk_assessment.measures[0].requirements.n, 2);
	assert_string_equal(m->risk_assessment.measures[0].requirements.v[0], "AI-P1-2b");
	r = &m->requirements[req("AI-P1-2a")];
	assert_int_equal(r->status, CRK_STATUS_MET);
	assert_int_equal(r->nevidence, 1);
	assert_string_equal(r->evidence[0].path, "reports/scan.json");
	assert_int_equal(m->requirements[req("AI-P1-2l")].status, CRK_STATUS_NOT_APPLICABLE);
	assert_int_equal(m->requirements[req("AI-P2-1")].status, CRK_STATUS_PARTIAL);
	assert_string_equal(m->requirements[req("AI-P2-1")].reviewer, "J. Doe");
	/* not in the file: no position, unknown */
	assert_int_equal(m->requirements[req("AI-P2-5")].pos.line, 0);
	assert_int_equal(m->requirements[req("AI-P2-5")].status, CRK_STATUS_UNKNOWN);
	assert_int_equal(m->ntests, 1);
	assert_int_equal(m->tests[0].requirements.n, 2);
	assert_string_equal(m->declaration.signatory, "Erika Mustermann");
	assert_int_equal(m->declaration.other_union_acts.n, 1);
	crk_cra_manifest_free(m);
}

#define HEAD "schema: 1\nmanufacturer: {name: M}\nproduct: {name: P}\n"

static const struct bad_case {
	const char *src;
	unsigned line, col;
	const char *msg; /* a substring of the first message */
} bad_cases[] = {
	{"schema: 1\nmanufaturer:\n  name: M\nproduct: {name: P}\n", 2, 1,
	 "unknown key 'manufaturer' in the top level, expected a key of the top level: did you "
	 "mean 'manufacturer'?"},
	{HEAD "scope:\n  medical_devise: false\n", 5, 3, "did you mean 'medical_device'?"},
	{HEAD "zzz: 1\n", 4, 1, "unknown key 'zzz' in the top level, expected a key of the top level"},
	{"schema: 1\nmanufacturer: {name: M}\nproduct: {name: P, kind: sofware}\n", 3, 26,
	 "'product.kind' is 'sofware', expected one of software, hardware, hardware-and-software: "
	 "did you mean 'software'?"},
	{HEAD "support:\n  end: 2030/12\n", 5, 8,
	 "'support.end' is '2030/12', expected a date YYYY-MM-DD or a month YYYY-MM"},
	{HEAD "support: {start: 2027-02-30}\n", 4, 18,
	 "'support.start' is '2027-02-30', expected a date YYYY-MM-DD"},
	{HEAD "support: {start: 2030-01-01, end: 2029-12}\n", 4, 35,
	 "support.end 2029-12 is before support.start 2030-01-01, expected the end after the start"},
	{HEAD "scope: {open_source: \"true\"}\n", 4, 22,
	 "'scope.open_source' is the text 'true', expected true or false without quotes"},
	{HEAD "scope: {open_source: maybe}\n", 4, 22, "expected true or false"},
	{HEAD "functionality: {core: [vpnn]}\n", 4, 24,
	 "'vpnn' in 'functionality.core' is not an Annex III or IV category, expected an id "
	 "(AIII-C1-05) or a name (vpn): did you mean 'vpn'?"},
	{HEAD "functionality: {core: [vpn], integrates: [AIII-C1-05]}\n", 4, 16,
	 "'AIII-C1-05' is both in 'core' and in 'integrates'"},
	{HEAD "requirements:\n  AI-P2-1: {status: not-applicable}\n", 5, 3,
	 "AI-P2-1 (Annex I Part II (1)) is 'not-applicable', expected met, partial, not-met or "
	 "unknown: Annex I Part II applies to every product (Art. 13(8))"},
	{HEAD "requirements:\n  AI-P1-1: {status: not-applicable}\n", 5, 3,
	 "Annex I Part I (1) applies to every product (Art. 13(1))"},
	{HEAD "requirements:\n  AI-P1-2z: {status: met}\n", 5, 3,
	 "'AI-P1-2z' is not an Annex I requirement, expected an id such as AI-P1-2a: did you "
	 "mean 'AI-P1-2a'?"},
	{HEAD "requirements:\n  AI-P1-2a: {status: done}\n", 5, 22,
	 "'requirements.AI-P1-2a.status' is 'done', expected one of unknown, met, partial, "
	 "not-met, not-applicable"},
	{HEAD "requirements:\n  AI-P1-2a:\n    evidence:\n      - note: trust me\n", 7, 9,
	 "evidence of AI-P1-2a has no 'path' or 'url', expected at least one of them"},
	{HEAD "requirements:\n  AI-P1-2a: {status: met}\n  ai-p1-2a: {status: met}\n", 6, 3,
	 "requirement 'ai-p1-2a' again (first at line 5), expected each requirement once"},
	{"schema: 1\nschema: 1\nmanufacturer: {name: M}\nproduct: {name: P}\n", 2, 1,
	 "'schema' again (first at line 1), expected each key once"},
	{"schema: 2\nmanufacturer: {name: M}\nproduct: {name: P}\n", 1, 1,
	 "'schema' is 2, expected 1"},
	{"schema: 1\nmanufacturer: {name: M}\nproduct: {type: X}\n", 3, 10,
	 "product has no 'name', expected text there"},
	{"schema: 1\nmanufacturer:\n  name:\nproduct: {name: P}\n", 3, 8,
	 "'manufacturer.name' is empty, expected text"},
	{"schema: 1\nproduct: {name: P}\n", 1, 1, "the file has no 'manufacturer'"},
	{HEAD "manufacturer2: x\n", 4, 1, "did you mean 'manufacturer'?"},
	{"schema: 1\nmanufacturer: {name: M, email: not-an-address}\nproduct: {name: P}\n", 2, 32,
	 "'manufacturer.email' is 'not-an-address', expected an e-mail address"},
	{"schema: 1\nmanufacturer: {name: M, country: Germany}\nproduct: {name: P}\n", 2, 34,
	 "expected a 2-letter country code"},
	{HEAD "contact: {disclosure_policy_url: www.example.com}\n", 4, 34,
	 "'contact.disclosure_policy_url' is 'www.example.com', expected a URL (https://...)"},
	{HEAD "conformity: {route: C}\n", 4, 21,
	 "'conformity.route' is 'C', expected one of A, B+C, H, EU-certification"},
	{HEAD "conformity:\n  applied:\n    - {name: X, full: [AI-P1-2a], partial: [AI-P1-2a]}\n",
	 6, 7, "'X' lists AI-P1-2a in both 'full' and 'partial'"},
	{HEAD "risk_assessment:\n  assets: [{id: A1}]\n  threats: [{id: T1, assets: [A2]}]\n", 6,
	 13, "a threat names assets 'A2', which risk_assessment.assets does not define"},
	{HEAD "risk_assessment:\n  assets: [{id: A1}, {id: A1}]\n", 5, 22, "asset id 'A1' again"},
	{HEAD "product2: &a {name: x}\n", 4, 11, "YAML anchor '&a'"},
	{HEAD "tests: [{name: t, requirements: [AI-P9-1]}]\n", 4, 34,
	 "'AI-P9-1' in 'tests[0].requirements' is not an Annex I requirement"},
	{HEAD "product2: x\n---\nschema: 1\n", 5, 1, "a second YAML document"},
	{"schema: 1\nmanufacturer: [\n", 3, 1, "malformed YAML"},
	{"", 1, 1, "the file is empty, expected a mapping"},
	{"- a\n- b\n", 1, 1, "the file is a list, expected a mapping of keys"},
	{HEAD "scope: [true]\n", 4, 8, "'scope' is a list, expected a mapping of keys"},
	{HEAD "product2: {? [a]: b}\n", 4, 14, "a list used as a key"},
	{HEAD "tests:\n  - just a name\n", 5, 5, "item 1 of 'tests' is text, expected a mapping"},
};

static void test_manifest__errors_say_where_what_and_what_is_expected(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *b = &bad_cases[i];
		struct crk_cra_manifest *m = (void *)1;
		struct crk_diags d;
		struct crk_err err;
		int rc;
		crk_diags_init(&d);
		crk_err_clear(&err);
		rc = crk_cra_manifest_parse(&m, b->src, strlen(b->src), "cra.yaml", &d, &err);
		if (rc != CRK_EPARSE || err.line != b->line || err.col != b->col ||
		    !strstr(err.msg, b->msg))
			fail_msg("case %zu: want %u:%u '%s'\n got %d %u:%u '%s'\n--- input:\n%s", i,
				 b->line, b->col, b->msg, rc, err.line, err.col, err.msg, b->src);
		assert_null(m);
		assert_string_equal(err.path, "cra.yaml");
		assert_true(crk_diags_count(&d) >= 1);
		assert_string_equal(d.v[0].msg, err.msg);
		crk_diags_release(&d);
	}
}

/* Every problem is reported, not only the first. */
static void test_manifest__all_problems_are_listed(void **state)
{
	static const char src[] = "schema: 1\nmanufacturer: {name: M, emial: x}\nproduct: {name: "
				  "P, kind: soft}\nsupport: {end: never}\n";
	struct crk_cra_manifest *m;
	struct crk_diags d;
	struct crk_err err;
	(void)state;
	crk_diags_init(&d);
	assert_int_equal(crk_cra_manifest_parse(&m, src, sizeof(src) - 1, "x/cra.yaml", &d, &err),
			 CRK_EPARSE);
	assert_int_equal(crk_diags_count(&d), 3);
	assert_int_equal(d.v[0].line, 2);
	assert_non_null(strstr(d.v[0].msg, "did you mean 'email'?"));
	assert_non_null(strstr(d.v[0].hint, "the keys of manufacturer are: name, trade_name,"));
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[2].line, 4);
	assert_string_equal(d.v[2].path, "x/cra.yaml");
	crk_diags_release(&d);
}

static void test_manifest__values_and_spellings(void **state)
{
	struct crk_cra_manifest *m;
	(void)state;
	m = parse_ok("schema: 1\nmanufacturer: {name: M}\nproduct:\n  name: P\n  versions: 1.2.3\n"
		     "scope: {open_source: yes, spare_part: No, medical_device: ~}\n"
		     "functionality:\n  core: [VPN, aiii-c2-02]\n"
		     "conformity: {route: b+c}\nsupport: {end: 2031-12}\n"
		     "contact: {single_point_of_contact: \"mailto:psirt@x.example\", "
		     "vulnerability_reporting: \"tel:+4930123\"}\n");
	assert_int_equal(m->product.versions.n, 1);
	assert_string_equal(m->product.versions.v[0], "1.2.3");
	assert_int_equal(m->scope.open_source, CRK_YES);
	assert_int_equal(m->scope.spare_part, CRK_NO);
	assert_int_equal(m->scope.medical_device, CRK_UNSET);
	assert_int_equal(m->functionality.core.n, 2);
	assert_string_equal(m->functionality.core.v[0], "AIII-C1-05");
	assert_string_equal(m->functionality.core.v[1], "AIII-C2-02");
	assert_int_equal(m->conformity.route, CRK_ROUTE_BC);
	/* an absent `core` is "not answered", unlike `core: []` */
	assert_int_equal(m->functionality.core_pos.line, 8);
	crk_cra_manifest_free(m);
	m = parse_ok(HEAD);
	assert_int_equal(m->functionality.core_pos.line, 0);
	assert_int_equal(m->functionality.core.n, 0);
	crk_cra_manifest_free(m);
}

static void test_manifest__not_nul_terminated_and_caps(void **state)
{
	struct crk_cra_manifest *m;
	struct crk_err err;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char *copy = crk_malloc(sizeof(HEAD) - 1);
	int i;
	(void)state;
	memcpy(copy, HEAD, sizeof(HEAD) - 1);
	assert_int_equal(crk_cra_manifest_parse(&m, copy, sizeof(HEAD) - 1, NULL, NULL, &err),
			 CRK_OK);
	assert_string_equal(m->path, "cra.yaml");
	crk_cra_manifest_free(m);
	crk_free(copy);
	crk_strbuf_adds(&sb, HEAD "product2: ");
	for (i = 0; i < CRK_MAX_DEPTH + 5; i++)
		crk_strbuf_addch(&sb, '[');
	assert_int_equal(crk_cra_manifest_parse(&m, sb.buf, sb.len, "d.yaml", NULL, &err),
			 CRK_ELIMIT);
	assert_non_null(strstr(err.msg, "nested deeper than 256 levels"));
	assert_null(m);
	crk_strbuf_release(&sb);
}

static void test_manifest__template_parses_with_answers(void **state)
{
	static const char *const core[] = {"router-modem-switch", NULL};
	struct crk_cra_init a;
	struct crk_cra_manifest *m;
	struct crk_diags d;
	struct crk_err err;
	char *out;
	size_t len;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.manufacturer = "Acme \"Routers\" Ltd";
	a.product = "Acme R1";
	a.email = "info@acme.example";
	a.contact = "psirt@acme.example";
	a.version = "1.0";
	a.kind = "hardware-and-software";
	a.support_end = "2032-06";
	a.core = core;
	a.justification = "It routes.\nNothing else.";
	a.open_source = CRK_NO;
	assert_int_equal(crk_cra_manifest_template(&out, &len, &a, &err), CRK_OK);
	assert_int_equal(strlen(out), len);
	assert_non_null(strstr(out, "# name, registered trade name or trade mark (Art. 13(16), "
				    "Annex II point 1)\n  name: \"Acme \\\"Routers\\\" Ltd\"\n"));
	assert_non_null(strstr(out, "  # Annex I Part II (8): disseminate security updates"));
	crk_diags_init(&d);
	if (crk_cra_manifest_parse(&m, out, len, "cra.yaml", &d, &err) != CRK_OK)
		fail_msg("%u:%u %s\n%s", err.line, err.col, err.msg, out);
	assert_string_equal(m->manufacturer.name, "Acme \"Routers\" Ltd");
	assert_string_equal(m->functionality.justification, "It routes.\nNothing else.");
	assert_int_equal(m->functionality.core.n, 1);
	assert_string_equal(m->functionality.core.v[0], "AIII-C1-12");
	assert_int_equal(m->product.kind, CRK_KIND_BOTH);
	assert_string_equal(m->product.versions.v[0], "1.0");
	assert_string_equal(m->support.end, "2032-06");
	assert_string_equal(m->contact.vulnerability_reporting, "psirt@acme.example");
	assert_int_equal(m->scope.medical_device, CRK_NO);
	assert_int_equal(m->scope.commercial_activity, CRK_YES);
	assert_int_equal(m->scope.open_source, CRK_NO);
	assert_int_equal(m->requirements[req("AI-P2-8")].status, CRK_STATUS_UNKNOWN);
	assert_int_equal(m->requirements[req("AI-P2-8")].pos.line > 0, 1);
	assert_int_equal(m->conformity.route, 0);
	crk_cra_manifest_free(m);
	crk_diags_release(&d);
	crk_free(out);

	/* without answers, exactly the two names the law cannot do without are missing */
	assert_int_equal(crk_cra_manifest_template(&out, &len, NULL, &err), CRK_OK);
	crk_diags_init(&d);
	assert_int_equal(crk_cra_manifest_parse(&m, out, len, "cra.yaml", &d, &err), CRK_EPARSE);
	assert_int_equal(crk_diags_count(&d), 2);
	assert_non_null(strstr(d.v[0].msg, "'manufacturer.name' is empty"));
	assert_non_null(strstr(d.v[1].msg, "'product.name' is empty"));
	crk_diags_release(&d);
	crk_free(out);
}

static void test_manifest__dates(void **state)
{
	int64_t d;
	(void)state;
	assert_int_equal(crk_cra_date_days("1970-01-01", 0, &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(crk_cra_date_days("2000-03-01", 0, &d), 0);
	assert_int_equal(d, 11017); /* 10957 (2000-01-01) + 31 + 29 */
	assert_int_equal(crk_cra_date_days("2024-02-29", 0, &d), 0);
	assert_int_equal(crk_cra_date_days("2023-02-29", 0, &d), -1);
	assert_int_equal(crk_cra_date_days("2100-02-29", 0, &d), -1);
	assert_int_equal(crk_cra_date_days("2032-03", 0, &d), -1);
	assert_int_equal(crk_cra_date_days("2032-03", 1, &d), 0);
	assert_int_equal(crk_cra_date_days("2032-13", 1, &d), -1);
	assert_int_equal(crk_cra_date_days("2032-3-01", 0, &d), -1);
	assert_int_equal(crk_cra_date_days(NULL, 1, &d), -1);
}

static void test_manifest__did_you_mean_distance(void **state)
{
	(void)state;
	assert_int_equal(crk_cra__distance("manufaturer", 11, "manufacturer"), 1);
	assert_int_equal(crk_cra__distance("Product", 7, "product"), 0);
	assert_int_equal(crk_cra__distance("", 0, "abc"), 3);
	assert_int_equal(crk_cra__distance("kitten", 6, "sitting"), 3);
}

/* ---- the JSON Schema and the manual follow the table ---- */

static json_t *resolve(json_t *root, json_t *n)
{
	const char *ref = json_string_value(json_object_get(n, "$ref"));
	if (ref && strncmp(ref, "#/definitions/", 14) == 0)
		return json_object_get(json_object_get(root, "definitions"), ref + 14);
	return n;
}

static int has_type(json_t *n, const char *t)
{
	json_t *ty = json_object_get(n, "type"), *any = json_object_get(n, "anyOf");
	size_t i;
	if (json_is_string(ty))
		return strcmp(json_string_value(ty), t) == 0;
	for (i = 0; i < json_array_size(ty); i++)
		if (strcmp(json_string_value(json_array_get(ty, i)), t) == 0)
			return 1;
	for (i = 0; i < json_array_size(any); i++)
		if (has_type(json_array_get(any, i), t))
			return 1;
	return 0;
}

static void same_shape(json_t *root, json_t *obj, const struct crk_field *fields,
		       const char *where, struct crk_strbuf *keys)
{
	json_t *props = json_object_get(obj, "properties");
	const struct crk_field *f;
	size_t n = 0;
	if (!props)
		fail_msg("schema: %s has no properties", where);
	for (f = fields; f->key; f++, n++) {
		json_t *p = json_object_get(props, f->key), *items;
		char path[256];
		snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "", f->key);
		crk_strbuf_addf(keys, "%s\n", path);
		if (!p)
			fail_msg("schema: %s is missing", path);
		p = resolve(root, p);
		if (!json_is_string(json_object_get(p, "description")) &&
		    !json_is_string(json_object_get(json_object_get(props, f->key), "description")))
			fail_msg("schema: %s has no description", path);
		switch (f->kind) {
		case CRK_F_MAP:
			if (!has_type(p, "object"))
				fail_msg("schema: %s is not an object", path);
			same_shape(root, p, f->sub, path, keys);
			break;
		case CRK_F_LIST:
			items = json_object_get(p, "items");
			if (!has_type(p, "array") || !items)
				fail_msg("schema: %s is not an array of objects", path);
			same_shape(root, items, f->sub, path, keys);
			break;
		case CRK_F_REQS: {
			size_t i;
			json_t *rp = json_object_get(p, "properties");
			assert_int_equal(json_object_size(rp), CRK_CRA_NREQ);
			for (i = 0; i < CRK_CRA_NREQ; i++) {
				json_t *r = json_object_get(rp, crk_cra_requirement_at(i)->id);
				if (!r)
					fail_msg("schema: requirements.%s missing",
						 crk_cra_requirement_at(i)->id);
				if (i == 0)
					same_shape(root, resolve(root, r), f->sub, "requirements.ID",
						   keys);
			}
			break;
		}
		case CRK_F_BOOL:
			if (!has_type(p, "boolean"))
				fail_msg("schema: %s is not a boolean", path);
			break;
		case CRK_F_STRS:
		case CRK_F_REQ_IDS:
		case CRK_F_CAT_IDS:
			if (!has_type(p, "array"))
				fail_msg("schema: %s is not an array", path);
			break;
		case CRK_F_ENUM:
		case CRK_F_ROUTE: {
			json_t *e = json_object_get(p, "enum");
			size_t i, k = 0;
			for (i = 0; f->values[i]; i++)
				if (f->values[i][0]) {
					if (!json_is_string(json_array_get(e, k)) ||
					    strcmp(json_string_value(json_array_get(e, k)),
						   f->values[i]) != 0)
						fail_msg("schema: %s enum differs at '%s'", path,
							 f->values[i]);
					k++;
				}
			break;
		}
		case CRK_F_INT:
			if (!json_is_integer(json_object_get(p, "const")))
				fail_msg("schema: %s is not a constant integer", path);
			break;
		default:
			if (!has_type(p, "string"))
				fail_msg("schema: %s is not a string", path);
			if ((f->flags & CRK_FF_REQUIRED) && has_type(p, "null"))
				fail_msg("schema: %s is required but may be null", path);
			break;
		}
	}
	if (json_object_size(props) != n)
		fail_msg("schema: %s has %zu properties, the parser knows %zu", where,
			 json_object_size(props), n);
}

static void test_manifest__json_schema_and_manual_follow_the_table(void **state)
{
	struct crk_strbuf keys = CRK_STRBUF_INIT(0);
	json_error_t jerr;
	json_t *root;
	char *md, *line, *save = NULL;
	size_t mdlen;
	(void)state;
	root = json_load_file("docs/cra.schema.json", 0, &jerr);
	if (!root)
		fail_msg("docs/cra.schema.json: %s (run the test from the repository root)",
			 jerr.text);
	assert_string_equal(json_string_value(json_object_get(root, "$schema")),
			    "http://json-schema.org/draft-07/schema#");
	same_shape(root, root, crk_cra__fields, "", &keys);
	json_decref(root);
	assert_int_equal(crk_read_file("docs/cra-yaml.md", 1 << 20, &md, &mdlen, NULL), CRK_OK);
	for (line = strtok_r(keys.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char want[300];
		snprintf(want, sizeof(want), "`%s`", line);
		if (!strstr(md, want))
			fail_msg("docs/cra-yaml.md does not describe %s", want);
	}
	crk_free(md);
	crk_strbuf_release(&keys);
}

static void test_manifest__allocation_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	(void)state;
	assert_int_equal(crk_read_file(test_data("cra/full.cra.yaml"), 1 << 20, &buf, &len, NULL),
			 CRK_OK);
	for (n = 1; n < 5000 && !saw_ok; n++) {
		struct crk_cra_manifest *m = NULL;
		struct crk_diags d;
		int rc;
		crk_diags_init(&d);
		crk_alloc_fail_after(n);
		rc = crk_cra_manifest_parse(&m, buf, len, "cra.yaml", &d, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_string_equal(m->manufacturer.name, "Example Devices GmbH");
			saw_ok = 1;
		} else if (rc != CRK_ENOMEM) {
			fail_msg("allocation %llu: rc %d", (unsigned long long)n, rc);
		}
		crk_cra_manifest_free(m);
		crk_diags_release(&d);
	}
	assert_true(saw_ok);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest__full_file_read_back),
		cmocka_unit_test(test_manifest__errors_say_where_what_and_what_is_expected),
		cmocka_unit_test(test_manifest__all_problems_are_listed),
		cmocka_unit_test(test_manifest__values_and_spellings),
		cmocka_unit_test(test_manifest__not_nul_terminated_and_caps),
		cmocka_unit_test(test_manifest__template_parses_with_answers),
		cmocka_unit_test(test_manifest__dates),
		cmocka_unit_test(test_manifest__did_you_mean_distance),
		cmocka_unit_test(test_manifest__json_schema_and_manual_follow_the_table),
		cmocka_unit_test(test_manifest__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
