/* test_docs.c - crk_cra_docs_build() (src/cra/docs.c, docfields.c): each section of Annex VII
 * (technical documentation), Annex V (EU declaration of conformity), Annex VI (simplified
 * declaration) and Annex II (user information) appears in the documents, with content or an
 * explicit gap saying where to fill it; security.txt is valid RFC 9116. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "crakit/cra.h"

/* Every item each Annex asks for (../shared/reference/cra-regulation.md §7), in order. */
static const char *const annex_vii[] = {"AVII-1",  "AVII-1a", "AVII-1b", "AVII-1c", "AVII-1d",
					"AVII-2",  "AVII-2a", "AVII-2b", "AVII-2c", "AVII-3",
					"AVII-4",  "AVII-5",  "AVII-6",  "AVII-7",  "AVII-8", NULL};
static const char *const annex_v[] = {"AV-1", "AV-2", "AV-3", "AV-4",
				      "AV-5", "AV-6", "AV-7", "AV-8", NULL};
static const char *const annex_vi[] = {"AVI-1", "AVI-2", NULL};
static const char *const annex_ii[] = {"AII-1",	 "AII-2",  "AII-3",  "AII-4",  "AII-5",
				       "AII-6",	 "AII-7",  "AII-8",  "AII-8a", "AII-8b",
				       "AII-8c", "AII-8d", "AII-8e", "AII-8f", "AII-9", NULL};

static int64_t day(const char *s)
{
	int64_t d;
	assert_int_equal(crk_cra_date_days(s, 0, &d), 0);
	return d;
}

static struct crk_cra_manifest *parse(const char *src)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_err err;
	if (crk_cra_manifest_parse(&m, src, strlen(src), "cra.yaml", NULL, &err) != CRK_OK)
		fail_msg("%u:%u %s", err.line, err.col, err.msg);
	return m;
}

/* Each item of `ids` is a section of `d`, in order; in the Markdown and the HTML, between its
 * heading and the next, there is its content or a MISSING line naming a cra.yaml key or a
 * command. */
static void sections_complete(const struct crk_cra_document *d, const char *const *ids)
{
	size_t i, j;
	for (i = 0; ids[i]; i++) {
		const struct crk_cra_doc_section *s;
		char head[128], hid[64];
		const char *at, *next;
		if (i >= d->nsections || strcmp(d->sections[i].id, ids[i]) != 0)
			fail_msg("%s: section %zu is not %s", d->name, i, ids[i]);
		s = &d->sections[i];
		snprintf(head, sizeof(head), "(%s)\n\n", s->ref);
		at = strstr(d->markdown, head);
		if (!at)
			fail_msg("%s.md: no heading for %s (%s)", d->name, s->id, s->ref);
		at += strlen(head);
		next = strstr(at, "\n#");
		if (s->state == CRK_SECTION_MISSING) {
			assert_true(s->nmissing > 0);
			for (j = 0; j < s->nmissing; j++) {
				if (!strstr(s->missing[j], "cra.yaml: ") && !strstr(s->missing[j], "crakit "))
					fail_msg("%s %s: '%s' says not where to fill it", d->name, s->id,
						 s->missing[j]);
			}
			if (!strstr(at, "> **MISSING:** ") ||
			    (next && strstr(at, "> **MISSING:** ") > next))
				fail_msg("%s.md: %s has no MISSING line", d->name, s->id);
		} else if (!s->heading) {
			assert_int_equal(s->nmissing, 0);
			if (!s->text || !*s->text || at[0] == '\n' || at[0] == '#')
				fail_msg("%s.md: %s has no content", d->name, s->id);
		}
		snprintf(hid, sizeof(hid), " id=\"%s\">", s->id);
		if (!strstr(d->html, hid))
			fail_msg("%s.html: no section %s", d->name, s->id);
	}
	assert_int_equal(d->nsections, i);
	assert_null(strstr(d->html, "<script"));
	assert_non_null(strstr(d->html, "<style>"));
}

static void all_sections(const struct crk_cra_docset *set)
{
	assert_string_equal(set->docs[0].name, "technical-documentation");
	sections_complete(&set->docs[0], annex_vii);
	assert_string_equal(set->docs[1].name, "eu-declaration-of-conformity");
	sections_complete(&set->docs[1], annex_v);
	assert_string_equal(set->docs[2].name, "simplified-declaration");
	sections_complete(&set->docs[2], annex_vi);
	assert_string_equal(set->docs[3].name, "user-information");
	sections_complete(&set->docs[3], annex_ii);
}

/* A file with nothing but the two names: every section is there, nearly all as gaps. */
static void test_docs__empty_file_gives_every_section_as_a_gap(void **state)
{
	struct crk_cra_manifest *m = parse("schema: 1\nmanufacturer: {name: M}\nproduct: {name: P}\n");
	struct crk_cra_docset *set;
	struct crk_cra_docs_opts o;
	(void)state;
	memset(&o, 0, sizeof(o));
	o.today = day("2026-06-01");
	assert_int_equal(crk_cra_docs_build(&set, m, &o, NULL), CRK_OK);
	all_sections(set);
	/* Annex VII: 1, 1a, 1b, 1c (kind unknown), 2a, 2b, 2c, 3, 4, 5, 6, 8 (no SBOM without an
	 * assessment) missing; 1d, 7 filled */
	assert_int_equal(set->docs[0].nmissing, 12);
	assert_int_equal(set->docs[0].sections[3].state, CRK_SECTION_MISSING);
	assert_non_null(strstr(set->docs[0].sections[3].missing[0], "product.kind"));
	/* Annex V: 1 (type), 2 (address), 4 (identification), 7 (route), 8 (place, date, ...) */
	assert_int_equal(set->docs[1].nmissing, 5);
	assert_int_equal(set->docs[1].sections[7].nmissing, 4);
	assert_int_equal(set->docs[2].nmissing, 2);
	/* Annex II: 9 (SBOM for users) is optional: not applicable when not made available */
	assert_int_equal(set->docs[3].sections[14].state, CRK_SECTION_NA);
	assert_null(set->security_txt); /* no contact: RFC 9116 needs one */
	assert_int_equal(set->nmissing, 12 + 5 + 2 + set->docs[3].nmissing + 1);
	assert_non_null(strstr(set->docs[1].markdown,
			       "> **MISSING:** the conformity assessment procedure followed — fill in "
			       "`cra.yaml: conformity.route`\n"));
	assert_non_null(strstr(set->docs[1].html, "<p class=\"missing\"><b>MISSING:</b> the place "
						  "of issue — fill in <code>cra.yaml: "
						  "declaration.place</code></p>"));
	crk_cra_docset_free(set);
	crk_cra_manifest_free(m);
}

static void test_docs__filled_project(void **state)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_cra_assessment *a = NULL;
	struct crk_cra_assess_opts ao;
	struct crk_cra_docs_opts o;
	struct crk_cra_docset *set;
	struct crk_securitytxt *st;
	struct crk_err err;
	char dir[4096];
	(void)state;
	assert_int_equal(crk_cra_manifest_load(&m, test_data("cra/project-good/cra.yaml"), NULL,
					       &err),
			 CRK_OK);
	memset(&ao, 0, sizeof(ao));
	snprintf(dir, sizeof(dir), "%s", test_data("cra/project-good"));
	ao.dir = dir;
	ao.today = day("2026-06-01");
	assert_int_equal(crk_cra_assess(&a, m, &ao, &err), CRK_OK);
	memset(&o, 0, sizeof(o));
	o.today = ao.today;
	o.assessment = a;
	assert_int_equal(crk_cra_docs_build(&set, m, &o, &err), CRK_OK);
	all_sections(set);
	/* only Annex VII point 5 is missing: no standard applied, no solution described */
	assert_int_equal(set->docs[0].nmissing, 1);
	assert_int_equal(set->docs[0].sections[11].state, CRK_SECTION_MISSING);
	assert_non_null(strstr(set->docs[0].markdown, "Software bill of materials: sbom.cdx.json "
						      "(CycloneDX 1.6, 1 components)"));
	assert_non_null(strstr(set->docs[0].markdown, "- AI-P1-2b (secure by default "
						      "configuration): met\n"));
	assert_non_null(strstr(set->docs[0].markdown, "for 10 years after placing on the market or "
						      "for the support period, whichever is longer "
						      "(Art. 13(13))"));
	assert_int_equal(set->docs[1].nmissing, 0);
	assert_non_null(strstr(set->docs[1].markdown, "internal control (module A, Annex VIII Part "
						      "I)"));
	assert_non_null(strstr(set->docs[2].markdown,
			       "Hereby, Example Devices GmbH declares that the product with digital "
			       "elements type DASH-1 is in compliance with Regulation (EU) "
			       "2024/2847."));
	assert_int_equal(set->docs[3].nmissing, 0);
	/* security.txt: valid RFC 9116, expiring in less than a year */
	assert_non_null(set->security_txt);
	assert_int_equal(crk_securitytxt_parse(&st, set->security_txt, set->security_txt_len,
					       "security.txt", ao.today * 86400, NULL, &err),
			 CRK_OK);
	assert_int_equal(st->contact.n, 1);
	assert_string_equal(st->contact.v[0], "mailto:security@exdev.example");
	assert_string_equal(st->expires, "2027-05-31T00:00:00Z");
	assert_int_equal(st->expired, 0);
	assert_int_equal(st->expires_far, 0);
	assert_string_equal(st->policy.v[0], "https://exdev.example/security/policy");
	crk_securitytxt_free(st);
	crk_cra_docset_free(set);
	crk_cra_assessment_free(a);
	crk_cra_manifest_free(m);
}

/* The notified body and certificate of Annex V point 7 follow the route. */
static void test_docs__route_decides_annex_v_point_7(void **state)
{
	struct crk_cra_manifest *m = parse(
		"schema: 1\nmanufacturer: {name: M}\nproduct: {name: P, type: T}\n"
		"functionality: {core: [firewall-ids-ips]}\n"
		"conformity: {route: B+C, notified_body: NB Example, notified_body_number: \"1234\"}\n"
		"contact: {single_point_of_contact: \"https://x.example/security\"}\n");
	struct crk_cra_docset *set;
	struct crk_cra_docs_opts o;
	const struct crk_cra_doc_section *s;
	(void)state;
	memset(&o, 0, sizeof(o));
	o.today = day("2026-06-01");
	assert_int_equal(crk_cra_docs_build(&set, m, &o, NULL), CRK_OK);
	s = &set->docs[1].sections[6];
	assert_string_equal(s->id, "AV-7");
	assert_int_equal(s->state, CRK_SECTION_MISSING);
	assert_int_equal(s->nmissing, 1);
	assert_non_null(strstr(s->missing[0], "conformity.certificate"));
	assert_non_null(strstr(s->text, "Notified body: NB Example\nNotified body number: 1234"));
	assert_non_null(strstr(set->docs[0].markdown, "Category: important class II, Annex III "
						      "class II point 2"));
	assert_non_null(strstr(set->security_txt, "Contact: https://x.example/security\n"));
	crk_cra_docset_free(set);
	crk_cra_manifest_free(m);
}

static void test_docs__allocation_failures(void **state)
{
	struct crk_cra_manifest *m = NULL;
	struct crk_cra_docs_opts o;
	uint64_t n;
	int ok = 0;
	(void)state;
	assert_int_equal(crk_cra_manifest_load(&m, test_data("cra/full.cra.yaml"), NULL, NULL),
			 CRK_OK);
	memset(&o, 0, sizeof(o));
	o.today = day("2026-06-01");
	for (n = 1; n < 5000 && !ok; n++) {
		struct crk_cra_docset *set = NULL;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_cra_docs_build(&set, m, &o, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK)
			ok = 1;
		else if (rc != CRK_ENOMEM)
			fail_msg("allocation %llu: %d", (unsigned long long)n, rc);
		crk_cra_docset_free(set);
	}
	assert_true(ok);
	crk_cra_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docs__empty_file_gives_every_section_as_a_gap),
		cmocka_unit_test(test_docs__filled_project),
		cmocka_unit_test(test_docs__route_decides_annex_v_point_7),
		cmocka_unit_test(test_docs__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
