/*
 * test_vex.c - VEX statements (src/model/vex.c), the OpenVEX and CycloneDX VEX readers and
 * writers (src/formats/openvex.c, cdx_vex.c) and the store's history (src/match/vex_store.c).
 * Expected values come from the documents themselves (the OpenVEX spec examples and the
 * CycloneDX VEX example of the corpus, read by hand) and from the OpenVEX 0.2 rules.
 */
#include <string.h>
#include <unistd.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "crakit/store.h"
#include "crakit/vex.h"

static struct crk_vex_stmt stmt(const char *vuln, const char *subject, enum crk_vex_status s,
				enum crk_vex_justification j, int64_t t)
{
	struct crk_vex_stmt st;
	memset(&st, 0, sizeof(st));
	st.vuln = vuln;
	st.subject = subject;
	st.status = s;
	st.justification = j;
	st.time = t;
	st.author = "Alice <alice@example.com>";
	return st;
}

static void test_vex__names(void **state)
{
	int i;
	(void)state;
	for (i = 1; i <= 4; i++)
		assert_int_equal(crk_vex_status_parse(crk_vex_status_str((enum crk_vex_status)i)), i);
	for (i = 1; i <= 5; i++)
		assert_int_equal(crk_vex_justification_parse(
					 crk_vex_justification_str((enum crk_vex_justification)i)),
				 i);
	assert_int_equal(crk_vex_status_parse("Not_Affected"), CRK_VEX_NONE);
	assert_int_equal(crk_vex_justification_parse("code_not_present"), CRK_VEXJ_NONE);
	assert_string_equal(crk_vex_cdx_state(CRK_VEX_AFFECTED), "exploitable");
	assert_string_equal(crk_vex_cdx_state(CRK_VEX_UNDER_INVESTIGATION), "in_triage");
	assert_string_equal(crk_vex_cdx_justification(CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH),
			    "code_not_reachable");
}

static void test_vex__add_checks(void **state)
{
	struct crk_vex_set *set = crk_vex_set_new();
	struct crk_vex_stmt st;
	struct crk_err err;
	(void)state;
	st = stmt("CVE-1", "pkg:npm/x", CRK_VEX_NOT_AFFECTED, CRK_VEXJ_NONE, 1);
	assert_int_equal(crk_vex_set_add(set, &st, &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "justification or an impact statement"));
	st.impact = "only used at build time";
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	st = stmt("CVE-1", "pkg:npm/x", CRK_VEX_AFFECTED, CRK_VEXJ_COMPONENT_NOT_PRESENT, 1);
	assert_int_equal(crk_vex_set_add(set, &st, &err), CRK_EINVAL);
	st = stmt("", "pkg:npm/x", CRK_VEX_FIXED, CRK_VEXJ_NONE, 1);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_EINVAL);
	st = stmt("CVE-1", NULL, CRK_VEX_FIXED, CRK_VEXJ_NONE, 1);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_EINVAL);
	st = stmt("CVE-1", "x", CRK_VEX_NONE, CRK_VEXJ_NONE, 1);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_EINVAL);
	assert_int_equal(crk_vex_set_count(set), 1);
	crk_vex_set_free(set);
}

static void test_vex__purl_covers(void **state)
{
	(void)state;
	assert_true(crk_vex_purl_covers("pkg:npm/lodash", "pkg:npm/lodash@4.17.15"));
	assert_true(crk_vex_purl_covers("pkg:npm/lodash@4.17.15", "pkg:npm/lodash@4.17.15"));
	assert_false(crk_vex_purl_covers("pkg:npm/lodash@4.17.21", "pkg:npm/lodash@4.17.15"));
	assert_false(crk_vex_purl_covers("pkg:npm/lodash", "pkg:npm/lodash-es@4.17.15"));
	assert_true(crk_vex_purl_covers("pkg:deb/debian/libc6?distro=debian-12",
					"pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12"));
	assert_false(crk_vex_purl_covers("pkg:deb/debian/libc6?distro=debian-11",
					 "pkg:deb/debian/libc6@2.36-9?distro=debian-12"));
	assert_false(crk_vex_purl_covers("pkg:deb/debian/libc6?arch=i386",
					 "pkg:deb/debian/libc6@2.36-9"));
	/* canonical forms compare equal: the npm scope's @ is %40 either way */
	assert_true(crk_vex_purl_covers("pkg:npm/@babel/core", "pkg:npm/%40babel/core@7.0.0"));
	assert_false(crk_vex_purl_covers("not a purl", "pkg:npm/x@1"));
}

static void test_vex__newest_wins(void **state)
{
	struct crk_vex_set *set = crk_vex_set_new();
	struct crk_vex_stmt st;
	const struct crk_vex_stmt *d, **cur = NULL;
	const char *ids[] = {"CVE-2020-8203", "GHSA-p6mc-m468-83gw"};
	const char *ghsa = "GHSA-P6MC-M468-83GW";
	size_t n;
	(void)state;
	st = stmt("CVE-2020-8203", "pkg:npm/lodash", CRK_VEX_NOT_AFFECTED,
		  CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH, 100);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	d = crk_vex_decide(set, ids, 2, "pkg:npm/lodash@4.17.15", "web");
	assert_non_null(d);
	assert_int_equal(d->status, CRK_VEX_NOT_AFFECTED);
	/* a finding known only by another id is not decided by it... */
	assert_null(crk_vex_decide(set, &ghsa, 1, "pkg:npm/lodash@4.17.15", NULL));
	assert_null(crk_vex_decide(set, ids, 2, "pkg:npm/underscore@1.0.0", "web"));
	/* a newer statement about the product wins over the older one about the component */
	st = stmt("ghsa-p6mc-m468-83gw", "web", CRK_VEX_UNDER_INVESTIGATION, CRK_VEXJ_NONE, 200);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	d = crk_vex_decide(set, ids, 2, "pkg:npm/lodash@4.17.15", "web");
	assert_int_equal(d->status, CRK_VEX_UNDER_INVESTIGATION);
	/* ... but a statement naming any id of the finding, in any case, applies */
	assert_non_null(crk_vex_decide(set, &ghsa, 1, NULL, "web"));
	/* the same time: the one added last */
	st = stmt("CVE-2020-8203", "*", CRK_VEX_FIXED, CRK_VEXJ_NONE, 200);
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	d = crk_vex_decide(set, ids, 2, "pkg:npm/lodash@4.17.15", "other");
	assert_int_equal(d->status, CRK_VEX_FIXED);
	/* history is kept: three statements, three current (three subjects) */
	assert_int_equal(crk_vex_set_count(set), 3);
	st = stmt("cve-2020-8203", "pkg:npm/lodash", CRK_VEX_AFFECTED, CRK_VEXJ_NONE, 300);
	st.action = "upgrade to 4.17.21";
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	assert_int_equal(crk_vex_current(set, &cur, &n, NULL), CRK_OK);
	assert_int_equal(n, 3);
	assert_int_equal(cur[0]->status, CRK_VEX_FIXED);       /* "*" sorts first */
	assert_int_equal(cur[1]->status, CRK_VEX_AFFECTED);    /* the newer lodash one */
	assert_int_equal(cur[2]->status, CRK_VEX_UNDER_INVESTIGATION);
	crk_vex_current_free(cur);
	crk_vex_set_free(set);
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	struct crk_err err;
	if (crk_read_file(path, 1 << 24, &buf, len, &err) != CRK_OK)
		return NULL;
	return buf;
}

static void test_vex__openvex_spec_examples(void **state)
{
	struct crk_vex_set *set;
	struct crk_err err;
	const struct crk_vex_stmt *s;
	size_t len;
	char *buf = slurp(test_corpus("vex-csaf/openvex/spec/OPENVEX-SPEC-example-01-document.json"),
			  &len);
	(void)state;
	if (!buf)
		skip();
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_parse(set, buf, len, "example-01.json", &err), CRK_OK);
	/* one statement, two products (armv7, x86_64): two statements about git */
	assert_int_equal(crk_vex_set_count(set), 2);
	s = crk_vex_set_get(set, 0);
	assert_string_equal(s->vuln, "CVE-2023-12345");
	assert_string_equal(s->subject, "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7");
	assert_int_equal(s->status, CRK_VEX_FIXED);
	assert_string_equal(s->author, "Wolfi J Inkinson");
	/* the document's 2023-01-08T18:02:03.647787998-06:00 cascades: 2023-01-09T00:02:03Z */
	assert_int_equal(s->time, 1673222523);
	assert_null(s->product);
	crk_free(buf);
	crk_vex_set_free(set);

	/* v0.2.0 with subcomponents: 6 statements x 2 subcomponents */
	buf = slurp(test_corpus("vex-csaf/openvex/go-vex-testdata/vex__v0.2.0.json"), &len);
	assert_non_null(buf);
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_parse(set, buf, len, "v020.json", &err), CRK_OK);
	assert_true(crk_vex_set_count(set) >= 8);
	s = crk_vex_set_get(set, 0);
	assert_string_equal(s->vuln, "CVE-2023-1255");
	assert_string_equal(s->subject, "pkg:apk/alpine/libssl3@3.0.8-r3");
	assert_non_null(s->product);
	assert_int_equal(strncmp(s->product, "pkg:oci/alpine@sha256", 21), 0);
	s = crk_vex_set_get(set, 6);
	assert_string_equal(s->vuln, "CVE-2023-3446");
	assert_int_equal(s->status, CRK_VEX_NOT_AFFECTED);
	assert_int_equal(s->justification, CRK_VEXJ_VULNERABLE_CODE_NOT_PRESENT);
	assert_string_equal(s->impact, "affected functions were removed before packaging");
	crk_free(buf);
	crk_vex_set_free(set);

	/* v0.0.1: the vulnerability and products are strings */
	buf = slurp(test_corpus("vex-csaf/openvex/go-vex-testdata/vex__v0.0.1.json"), &len);
	assert_non_null(buf);
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_parse(set, buf, len, "v001.json", &err), CRK_OK);
	assert_int_equal(crk_vex_set_count(set), 2);
	assert_string_equal(crk_vex_set_get(set, 1)->subject, "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64");
	crk_free(buf);
	crk_vex_set_free(set);
}

static void test_vex__cyclonedx_example(void **state)
{
	struct crk_vex_set *set;
	struct crk_err err;
	const struct crk_vex_stmt *s;
	size_t len;
	char *buf = slurp(test_corpus("vex-csaf/cyclonedx-vex/vex.json"), &len);
	(void)state;
	if (!buf)
		skip();
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_parse(set, buf, len, "vex.json", &err), CRK_OK);
	assert_int_equal(crk_vex_set_count(set), 1);
	s = crk_vex_set_get(set, 0);
	assert_string_equal(s->vuln, "CVE-2020-25649");
	/* a BOM-Link ref: its fragment, the purl */
	assert_string_equal(s->subject,
			    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar");
	assert_int_equal(s->status, CRK_VEX_NOT_AFFECTED);
	assert_int_equal(s->justification, CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
	assert_non_null(strstr(s->impact, "not reachable"));
	assert_int_equal(s->naliases, 1);
	assert_string_equal(s->aliases[0], "SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302");
	crk_free(buf);
	crk_vex_set_free(set);
}

static void test_vex__parse_errors(void **state)
{
	static const struct {
		const char *doc;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\",\n \"statements\": [\n  "
		 "{\"vulnerability\": {\"name\": \"CVE-1\"},\n   \"products\": [{\"@id\": \"pkg:npm/x\"}],\n"
		 "   \"status\": \"not_afected\"}]}",
		 CRK_EPARSE, 5, 14, "unknown status 'not_afected'"},
		{"{\"@context\": \"https://openvex.dev/ns/v0.3.0\", \"statements\": []}", CRK_EUNSUPPORTED,
		 1, 14, "'v0.3.0' is not supported"},
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\",\n \"statements\": [\n", CRK_EPARSE, 3,
		 0, "malformed JSON"},
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\": "
		 "{\"name\": \"CVE-1\"}, \"status\": \"fixed\"}]}",
		 CRK_EPARSE, 1, 0, "names no product"},
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\": "
		 "{\"name\": \"CVE-1\"}, \"products\": [{\"@id\": \"p\"}], \"status\": "
		 "\"not_affected\"}]}",
		 CRK_EPARSE, 1, 0, "needs a justification"},
		{"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.3\"}", CRK_EUNSUPPORTED, 1, 43,
		 "specVersion '1.3'"},
		{"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"vulnerabilities\": [\n"
		 "{\"id\": \"CVE-1\", \"analysis\": {\"state\": \"maybe\"}, \"affects\": [{\"ref\": \"x\"}]}]}",
		 CRK_EPARSE, 2, 39, "unknown analysis state 'maybe'"},
		{"[1, 2]", CRK_EUNSUPPORTED, 0, 0, "neither an OpenVEX nor a CycloneDX"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct crk_vex_set *set = crk_vex_set_new();
		struct crk_err err;
		int rc;
		crk_err_clear(&err);
		rc = crk_vex_parse(set, cases[i].doc, strlen(cases[i].doc), "t.json", &err);
		if (rc != cases[i].rc || !strstr(err.msg, cases[i].msg) || err.line != cases[i].line ||
		    (cases[i].col && err.col != cases[i].col))
			fail_msg("case %zu: rc %d, %s:%u:%u: %s", i, rc, err.path, err.line, err.col,
				 err.msg);
		assert_string_equal(err.path, "t.json");
		crk_vex_set_free(set);
	}
}

/* Writing then reading gives the same current statements, in both formats. */
static void test_vex__round_trip(void **state)
{
	struct crk_vex_set *set = crk_vex_set_new(), *back;
	struct crk_vex_stmt st;
	struct crk_vex_write_opts wo;
	struct crk_err err;
	const char *al[] = {"GHSA-p6mc-m468-83gw"};
	char *doc = NULL, *doc2 = NULL;
	size_t len, len2, i, k;
	int fmt;
	(void)state;
	st = stmt("CVE-2020-8203", "pkg:npm/lodash@4.17.15", CRK_VEX_NOT_AFFECTED,
		  CRK_VEXJ_COMPONENT_NOT_PRESENT, 1700000000);
	st.aliases = al;
	st.naliases = 1;
	st.note = "tree-shaken away";
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	st = stmt("CVE-2021-44228", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
		  CRK_VEX_AFFECTED, CRK_VEXJ_NONE, 1700000100);
	st.action = "upgrade to 2.17.1";
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	st = stmt("CVE-2023-4911", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?distro=debian-12",
		  CRK_VEX_UNDER_INVESTIGATION, CRK_VEXJ_NONE, 1700000200);
	st.product = "pkg:oci/app@sha256%3Aabcd";
	assert_int_equal(crk_vex_set_add(set, &st, NULL), CRK_OK);
	memset(&wo, 0, sizeof(wo));
	wo.author = "Alice";
	wo.timestamp = 1700000300;
	wo.pretty = 1;
	for (fmt = 0; fmt < 2; fmt++) {
		assert_int_equal(fmt ? crk_vex_write_cyclonedx(set, &wo, &doc, &len, &err)
				     : crk_vex_write_openvex(set, &wo, &doc, &len, &err),
				 CRK_OK);
		back = crk_vex_set_new();
		if ((fmt ? crk_vex_parse_cyclonedx(back, doc, len, "rt", &err)
			 : crk_vex_parse_openvex(back, doc, len, "rt", &err)) != CRK_OK)
			fail_msg("format %d: %s:%u:%u: %s\n%s", fmt, err.path, err.line, err.col,
				 err.msg, doc);
		assert_int_equal(crk_vex_set_count(back), 3);
		for (i = 0; i < 3; i++) {
			const struct crk_vex_stmt *a = crk_vex_set_get(set, i);
			const struct crk_vex_stmt *b = NULL;
			for (k = 0; k < 3; k++)
				if (!strcmp(crk_vex_set_get(back, k)->vuln, a->vuln))
					b = crk_vex_set_get(back, k);
			assert_non_null(b);
			assert_string_equal(a->subject, b->subject);
			assert_int_equal(a->status, b->status);
			assert_int_equal(a->justification, b->justification);
			assert_int_equal(a->time, b->time);
			if (a->action)
				assert_string_equal(a->action, b->action);
			if (a->product && !fmt)
				assert_string_equal(a->product, b->product);
		}
		/* the same statements give the same bytes */
		assert_int_equal(fmt ? crk_vex_write_cyclonedx(back, &wo, &doc2, &len2, &err)
				     : crk_vex_write_openvex(back, &wo, &doc2, &len2, &err),
				 CRK_OK);
		if (!fmt) {
			assert_int_equal(len, len2);
			assert_memory_equal(doc, doc2, len);
		}
		crk_free(doc);
		crk_free(doc2);
		crk_vex_set_free(back);
	}
	crk_vex_set_free(set);
	/* an empty set is no OpenVEX document */
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_write_openvex(set, &wo, &doc, &len, &err), CRK_EINVAL);
	assert_null(doc);
	crk_vex_set_free(set);
}

/* Every allocation failure is reported, never a crash or a leak (ASan checks). */
static void test_vex__alloc_failures(void **state)
{
	const char *doc =
		"{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"x:1\", \"author\": \"a\","
		" \"timestamp\": \"2023-01-01T00:00:00Z\", \"version\": 1, \"statements\": ["
		"{\"vulnerability\": {\"name\": \"CVE-1\", \"aliases\": [\"GHSA-1\"]},"
		" \"products\": [{\"@id\": \"pkg:npm/p@1\", \"subcomponents\": [{\"@id\": "
		"\"pkg:npm/x@1\"}]}], \"status\": \"not_affected\", \"justification\": "
		"\"component_not_present\"}]}";
	uint64_t n;
	int rc = -1;
	(void)state;
	for (n = 1; n < 400 && rc != CRK_OK; n++) {
		struct crk_vex_set *set = crk_vex_set_new();
		struct crk_vex_write_opts wo;
		char *out = NULL;
		size_t len;
		memset(&wo, 0, sizeof(wo));
		if (!set)
			continue;
		crk_alloc_fail_after(n);
		rc = crk_vex_parse(set, doc, strlen(doc), "oom", NULL);
		if (rc == CRK_OK)
			rc = crk_vex_write_openvex(set, &wo, &out, &len, NULL);
		if (rc == CRK_OK)
			crk_free(out);
		if (rc == CRK_OK)
			rc = crk_vex_write_cyclonedx(set, &wo, &out, &len, NULL) == CRK_OK
				     ? (crk_free(out), CRK_OK)
				     : CRK_ENOMEM;
		crk_alloc_fail_after(0);
		assert_true(rc == CRK_OK || rc == CRK_ENOMEM);
		crk_vex_set_free(set);
	}
	assert_int_equal(rc, CRK_OK);
}

static void test_vex__store_history(void **state)
{
	char dir[] = "/tmp/crakit-vex-XXXXXX", path[64];
	struct crk_store *s = NULL;
	struct crk_vex_set *set;
	struct crk_vex_stmt st;
	struct crk_err err;
	int64_t id1 = 0, id2 = 0;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (crk_store_open(&s, path, CRK_STORE_CREATE, &err) != CRK_OK)
		fail_msg("%s", err.msg);
	st = stmt("CVE-2020-8203", "pkg:npm/lodash", CRK_VEX_NOT_AFFECTED,
		  CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH, 100);
	st.note = "only used in tests";
	assert_int_equal(crk_vex_store_add(s, &st, &id1, &err), CRK_OK);
	st = stmt("CVE-2020-8203", "pkg:npm/lodash", CRK_VEX_AFFECTED, CRK_VEXJ_NONE, 200);
	st.action = "upgrade";
	assert_int_equal(crk_vex_store_add(s, &st, &id2, &err), CRK_OK);
	assert_true(id2 > id1);
	/* refused before anything is written */
	st = stmt("CVE-2020-8203", "pkg:npm/lodash", CRK_VEX_NOT_AFFECTED, CRK_VEXJ_NONE, 300);
	assert_int_equal(crk_vex_store_add(s, &st, NULL, &err), CRK_EINVAL);
	st.author = NULL;
	st.justification = CRK_VEXJ_COMPONENT_NOT_PRESENT;
	assert_int_equal(crk_vex_store_add(s, &st, NULL, &err), CRK_EINVAL);
	/* history cannot be rewritten */
	assert_int_not_equal(crk_store_exec(s, "UPDATE vex_statement SET status = 'fixed'", &err),
			     CRK_OK);
	assert_int_not_equal(crk_store_exec(s, "DELETE FROM vex_statement", &err), CRK_OK);
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_store_load(s, set, "cve-2020-8203", &err), CRK_OK);
	assert_int_equal(crk_vex_set_count(set), 2);
	assert_int_equal(crk_vex_set_get(set, 0)->status, CRK_VEX_NOT_AFFECTED);
	assert_string_equal(crk_vex_set_get(set, 0)->note, "only used in tests");
	assert_string_equal(crk_vex_set_get(set, 0)->origin, "store");
	assert_int_equal(crk_vex_set_get(set, 1)->id, id2);
	crk_vex_set_free(set);
	set = crk_vex_set_new();
	assert_int_equal(crk_vex_store_load(s, set, "CVE-9999-1", &err), CRK_OK);
	assert_int_equal(crk_vex_set_count(set), 0);
	crk_vex_set_free(set);
	crk_store_close(s);
	unlink(path);
	rmdir(dir);
}

static void test_vex__time_parse(void **state)
{
	int64_t t;
	(void)state;
	assert_int_equal(crk_vex_time_parse("2023-01-08T18:02:03.647787998-06:00", &t), 0);
	assert_int_equal(t, 1673222523);
	assert_int_equal(crk_vex_time_parse("2025-08-26", &t), 0);
	assert_int_equal(t, 1756166400);
	assert_int_equal(crk_vex_time_parse("1756166400", &t), 0);
	assert_int_equal(t, 1756166400);
	assert_int_equal(crk_vex_time_parse("2025-02-30", &t), -1);
	assert_int_equal(crk_vex_time_parse("2025-08-26T25:00:00Z", &t), -1);
	assert_int_equal(crk_vex_time_parse("yesterday", &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vex__names),
		cmocka_unit_test(test_vex__add_checks),
		cmocka_unit_test(test_vex__purl_covers),
		cmocka_unit_test(test_vex__newest_wins),
		cmocka_unit_test(test_vex__openvex_spec_examples),
		cmocka_unit_test(test_vex__cyclonedx_example),
		cmocka_unit_test(test_vex__parse_errors),
		cmocka_unit_test(test_vex__round_trip),
		cmocka_unit_test(test_vex__alloc_failures),
		cmocka_unit_test(test_vex__store_history),
		cmocka_unit_test(test_vex__time_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
