/*
 * test_scan.c - the scan report (src/match/scan.c) and its writers (src/formats/scan_*.c):
 * findings hand-checked against the advisories in tests/data/scan/db/ (README.md there),
 * severity computed from their CVSS vectors, KEV and EPSS, the VEX overlay, fail closed, and
 * the --fail-on policy. The matcher is driven by a lookup over the fixture records, as in
 * test_match.c; the database description is given directly.
 */
#include <dirent.h>
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/match.h"
#include "crakit/scan.h"
#include "crakit/vex.h"

#define NOW 1756166400 /* 2025-08-26T00:00:00Z */

static json_t *g_recs[32], *g_kev;
static size_t g_n;

static int64_t rfc3339(const char *s)
{
	int64_t t = 0;
	return s && crk_vex_time_parse(s, &t) == 0 ? t : 0;
}

static int lookup(void *ud, const char *eco, const char *name, crk_match_emit_fn emit, void *ctx,
		  struct crk_err *err)
{
	size_t i, j;
	(void)ud;
	for (i = 0; i < g_n; i++) {
		json_t *r = g_recs[i], *aff, *al, *sv;
		const char *aliases[32];
		struct crk_match_severity sev[8];
		struct crk_match_advisory adv;
		size_t na = 0, ns = 0;
		memset(&adv, 0, sizeof(adv));
		json_array_foreach(json_object_get(r, "aliases"), j, al) aliases[na++] =
			json_string_value(al);
		json_array_foreach(json_object_get(r, "severity"), j, sv) {
			sev[ns].type = json_string_value(json_object_get(sv, "type"));
			sev[ns++].score = json_string_value(json_object_get(sv, "score"));
		}
		adv.id = json_string_value(json_object_get(r, "id"));
		adv.aliases = aliases;
		adv.naliases = na;
		adv.summary = json_string_value(json_object_get(r, "summary"));
		adv.published = rfc3339(json_string_value(json_object_get(r, "published")));
		adv.modified = rfc3339(json_string_value(json_object_get(r, "modified")));
		adv.severity = sev;
		adv.nseverity = ns;
		json_array_foreach(json_object_get(r, "affected"), j, aff) {
			json_t *pkg = json_object_get(aff, "package");
			const char *e = json_string_value(json_object_get(pkg, "ecosystem"));
			const char *n = json_string_value(json_object_get(pkg, "name"));
			char base[64], norm[256];
			int rc;
			crk_match_ecosystem_base(e, base, sizeof(base));
			crk_match_package_name(e, n, strlen(n), norm, sizeof(norm));
			if (strcmp(base, eco) != 0 || strcmp(norm, name) != 0)
				continue;
			adv.affected_json = json_dumps(aff, JSON_COMPACT);
			adv.affected_len = strlen(adv.affected_json);
			rc = emit(ctx, &adv, err);
			free((void *)adv.affected_json);
			if (rc)
				return rc;
		}
	}
	return CRK_OK;
}

static int kev(void *ud, const char *cve, struct crk_enrich_kev *out, struct crk_err *err)
{
	size_t i;
	json_t *v;
	(void)ud;
	(void)err;
	json_array_foreach(json_object_get(g_kev, "vulnerabilities"), i, v) {
		if (strcmp(json_string_value(json_object_get(v, "cveID")), cve))
			continue;
		out->date_added = json_string_value(json_object_get(v, "dateAdded"));
		out->due_date = json_string_value(json_object_get(v, "dueDate"));
		out->ransomware = !strcmp(
			json_string_value(json_object_get(v, "knownRansomwareCampaignUse")), "Known");
		return 1;
	}
	return 0;
}

/* tests/data/scan/db/epss.csv, typed in */
static int epss(void *ud, const char *cve, struct crk_enrich_epss *out, struct crk_err *err)
{
	(void)ud;
	(void)err;
	if (strcmp(cve, "CVE-2021-44228"))
		return 0;
	out->score = 0.94358;
	out->percentile = 0.99956;
	out->date = "2025-08-25";
	return 1;
}

static int setup(void **state)
{
	DIR *d;
	struct dirent *de;
	json_error_t jerr;
	char path[8192];
	(void)state;
	snprintf(path, sizeof(path), "%s", test_data("scan/db/osv"));
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		char f[8192 + 256];
		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(f, sizeof(f), "%s/%s", path, de->d_name);
		g_recs[g_n] = json_load_file(f, 0, &jerr);
		if (!g_recs[g_n])
			fail_msg("%s: %s", f, jerr.text);
		g_n++;
	}
	closedir(d);
	g_kev = json_load_file(test_data("scan/db/kev.json"), 0, &jerr);
	assert_non_null(g_kev);
	return 0;
}

static int teardown(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < g_n; i++)
		json_decref(g_recs[i]);
	json_decref(g_kev);
	g_n = 0;
	return 0;
}

static size_t add(struct crk_bom *bom, const char *type, const char *ns, const char *name,
		  const char *version, const char *eco, const char *distro, const char *source,
		  const char *path, unsigned line)
{
	struct crk_pkg p;
	struct crk_kv q = {"distro", distro};
	size_t id = 0;
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.ns = ns;
	p.name = name;
	p.version = version;
	p.ecosystem = eco;
	p.qualifiers = distro ? &q : NULL;
	p.nqualifiers = distro ? 1 : 0;
	p.source_name = source;
	p.path = path;
	p.line = line;
	assert_int_equal(crk_bom_add(bom, &p, &id, NULL), CRK_OK);
	return id;
}

/* The product of the fixtures: each vulnerable version and a neighbour just outside the
 * range, plus a PyPI component the database has no advisories for. */
static struct crk_bom *product(void)
{
	struct crk_bom *b = crk_bom_new();
	assert_non_null(b);
	assert_int_equal(crk_bom_set_str(b, &crk_bom_meta(b)->name, "demo"), CRK_OK);
	add(b, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", "Maven", NULL, NULL,
	    "pom.xml", 8);
	add(b, "maven", "org.apache.logging.log4j", "log4j-core", "2.15.0", "Maven", NULL, NULL,
	    "a/pom.xml", 8);
	add(b, "maven", "org.apache.logging.log4j", "log4j-core", "2.17.1", "Maven", NULL, NULL,
	    "b/pom.xml", 8);
	add(b, "npm", NULL, "lodash", "4.17.15", "npm", NULL, NULL, "package-lock.json", 14);
	add(b, "npm", NULL, "lodash", "4.17.21", "npm", NULL, NULL, "web/package-lock.json", 14);
	add(b, "deb", "debian", "libc6", "2.36-9+deb12u1", "Debian", "debian-12", "glibc",
	    "var/lib/dpkg/status", 1);
	add(b, "deb", "debian", "libc-bin", "2.36-9+deb12u3", "Debian", "debian-12", "glibc",
	    "var/lib/dpkg/status", 12);
	add(b, "pypi", NULL, "requests", "2.19.0", "PyPI", NULL, NULL, "requirements.txt", 1);
	return b;
}

static struct crk_findings *findings(const struct crk_bom *b)
{
	static const struct crk_match_source src = {NULL, lookup};
	static const struct crk_enrich_source en = {NULL, kev, epss};
	struct crk_findings *f = crk_findings_new();
	struct crk_err err;
	assert_non_null(f);
	if (crk_match_bom(f, b, &src, 0, &err) || crk_findings_enrich(f, &en, &err))
		fail_msg("match: %s", err.msg);
	return f;
}

static const struct crk_scan_db_source fresh_db[] = {
	{1, "Debian", 1, 1696291200, NOW - 3600},
	{1, "Maven", 1, 1648241778, NOW - 3600},
	{1, "npm", 3, 1693954705, NOW - 3600},
	{2, NULL, 2, 1756142659, NOW - 3600},
	{3, NULL, 3, 1756080000, NOW - 3600},
};

static struct crk_scan_report *report(const struct crk_bom *b, const struct crk_findings *f,
				      const struct crk_scan_db_source *db, size_t ndb,
				      const struct crk_vex_set *vex)
{
	struct crk_scan_config cfg;
	struct crk_scan_report *r = NULL;
	memset(&cfg, 0, sizeof(cfg));
	cfg.now = NOW;
	cfg.db = db;
	cfg.ndb = ndb;
	cfg.vex = vex;
	cfg.target = "demo";
	assert_int_equal(crk_scan_report_build(&r, b, f, &cfg, NULL), CRK_OK);
	return r;
}

static const struct crk_scan_item *item(const struct crk_scan_report *r, const char *name,
					const char *version, const char *id)
{
	size_t i;
	for (i = 0; i < r->nitems; i++)
		if (!strcmp(r->items[i].comp->name, name) &&
		    !strcmp(r->items[i].comp->version, version) && !strcmp(r->items[i].f->id, id))
			return &r->items[i];
	return NULL;
}

static void test_scan__hand_checked_findings(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_scan_report *r = report(b, f, fresh_db, 5, NULL);
	const struct crk_scan_item *it;
	(void)state;

	/* exactly five: log4j-core 2.14.1 x1, lodash 4.17.15 x3, libc6 (glibc) deb12u1 x1 */
	assert_int_equal(r->nitems, 5);
	assert_int_equal(r->nfindings, 5);
	assert_int_equal(r->nvulnerable, 3);

	/* GHSA-jfh8-c2jp-5v3q: introduced 2.13.0, fixed 2.15.0; CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/
	 * C:H/I:H/A:H = 10.0; KEV dateAdded 2021-12-10. Exploited comes first. */
	it = &r->items[0];
	assert_string_equal(it->f->id, "CVE-2021-44228");
	assert_string_equal(it->comp->version, "2.14.1");
	assert_int_equal(it->f->naliases, 1);
	assert_string_equal(it->f->aliases[0], "GHSA-jfh8-c2jp-5v3q");
	assert_int_equal(it->f->nfixed, 1);
	assert_string_equal(it->f->fixed[0], "2.15.0");
	assert_true(it->rated);
	assert_true(it->score == 10.0);
	assert_int_equal(it->rating, CRK_CVSS_RATING_CRITICAL);
	assert_true(it->f->kev.listed);
	assert_string_equal(it->f->kev.date_added, "2021-12-10");
	assert_string_equal(it->f->kev.due_date, "2021-12-24");
	assert_true(it->exploited);
	assert_true(it->reportable);
	assert_true(it->f->epss.present);
	assert_int_equal(r->nexploited, 1);
	assert_int_equal(r->nreportable, 1);

	/* lodash 4.17.15: CVE-2020-8203 (fixed 4.17.20, 7.4 high), CVE-2021-23337 (fixed 4.17.21,
	 * 7.2 high), CVE-2020-28500 (fixed 4.17.21, 5.3 medium), in that order */
	it = item(r, "lodash", "4.17.15", "CVE-2020-8203");
	assert_non_null(it);
	assert_string_equal(it->f->fixed[0], "4.17.20");
	assert_true(it->score == 7.4);
	assert_int_equal(it->rating, CRK_CVSS_RATING_HIGH);
	assert_false(it->f->kev.listed);
	assert_ptr_equal(it, &r->items[1]); /* after the exploited one: 7.4, 7.2, 5.3 */
	it = item(r, "lodash", "4.17.15", "CVE-2021-23337");
	assert_non_null(it);
	assert_string_equal(it->f->fixed[0], "4.17.21");
	assert_true(it->score == 7.2);
	it = item(r, "lodash", "4.17.15", "CVE-2020-28500");
	assert_non_null(it);
	assert_true(it->score == 5.3);
	assert_int_equal(it->rating, CRK_CVSS_RATING_MEDIUM);

	/* DSA-5514-1: Debian:12 glibc fixed in 2.36-9+deb12u3, matched through the source */
	it = item(r, "libc6", "2.36-9+deb12u1", "DSA-5514-1");
	assert_non_null(it);
	assert_string_equal(it->f->ecosystem, "Debian:12");
	assert_string_equal(it->f->package, "glibc");
	assert_string_equal(it->f->fixed[0], "2.36-9+deb12u3");
	assert_false(it->rated); /* the DSA carries no CVSS vector */

	/* no false positive just outside the ranges */
	assert_null(item(r, "log4j-core", "2.15.0", "CVE-2021-44228"));
	assert_null(item(r, "log4j-core", "2.17.1", "CVE-2021-44228"));
	assert_null(item(r, "lodash", "4.17.21", "CVE-2021-23337"));
	assert_null(item(r, "libc-bin", "2.36-9+deb12u3", "DSA-5514-1"));

	/* PyPI is in the BOM and not in the database: incomplete */
	assert_true(r->incomplete);
	assert_int_equal(r->nproblems, 1);
	assert_int_equal(r->problems[0].kind, CRK_SCAN_ECOSYSTEM_UNCOVERED);
	assert_string_equal(r->problems[0].subject, "PyPI");
	assert_int_equal(r->problems[0].count, 1);
	crk_scan_report_free(r);
	crk_findings_free(f);
	crk_bom_free(b);
}

static int has(const struct crk_scan_report *r, enum crk_scan_problem_kind k, const char *subject)
{
	size_t i;
	for (i = 0; i < r->nproblems; i++)
		if (r->problems[i].kind == k &&
		    (!subject || (r->problems[i].subject && !strcmp(r->problems[i].subject, subject))))
			return r->problems[i].blocking ? 2 : 1;
	return 0;
}

static void test_scan__fail_closed(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b), *none = crk_findings_new();
	struct crk_scan_db_source stale[5];
	struct crk_scan_report *r;
	struct crk_scan_config cfg;
	struct crk_err bad;
	char *out = NULL;
	size_t len, i;
	(void)state;

	/* an empty database: nothing checked, said so, never clean */
	r = report(b, none, NULL, 0, NULL);
	assert_true(r->incomplete);
	assert_int_equal(has(r, CRK_SCAN_DB_EMPTY, NULL), 2);
	assert_int_equal(has(r, CRK_SCAN_KEV_MISSING, NULL), 2);
	assert_int_equal(has(r, CRK_SCAN_EPSS_MISSING, NULL), 1);
	assert_int_equal(r->nfindings, 0);
	assert_int_equal(crk_scan_write(r, "table", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "INCOMPLETE"));
	assert_null(strstr(out, "no known vulnerabilities"));
	crk_free(out);
	assert_int_equal(crk_scan_write(r, "json", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "\"status\":\"incomplete\""));
	assert_non_null(strstr(out, "\"complete\":false"));
	crk_free(out);
	assert_int_equal(crk_scan_write(r, "sarif", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "\"level\":\"error\""));
	assert_non_null(strstr(out, "\"crakit.complete\":false"));
	crk_free(out);
	assert_int_equal(crk_scan_write(r, "cyclonedx", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "{\"name\":\"crakit:scan:complete\",\"value\":\"false\"}"));
	crk_free(out);
	/* no statement to make: no OpenVEX, and the error says the scan was incomplete */
	assert_int_equal(crk_scan_write(r, "openvex", NULL, &out, &len, &bad), CRK_EINVAL);
	assert_non_null(strstr(bad.msg, "INCOMPLETE"));
	crk_scan_report_free(r);

	/* stale: imported two days before the scan (the allowed age is 24 hours) */
	memcpy(stale, fresh_db, sizeof(stale));
	for (i = 0; i < 5; i++)
		stale[i].imported = NOW - 2 * 86400;
	r = report(b, f, stale, 5, NULL);
	assert_int_equal(has(r, CRK_SCAN_DB_STALE, "Maven"), 2);
	assert_int_equal(has(r, CRK_SCAN_DB_STALE, "npm"), 2);
	assert_int_equal(has(r, CRK_SCAN_DB_STALE, "Debian"), 2);
	assert_int_equal(has(r, CRK_SCAN_KEV_STALE, NULL), 2);
	assert_int_equal(r->nfindings, 5); /* findings are still shown */
	assert_int_equal(crk_scan_write(r, "openvex", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "INCOMPLETE SCAN"));
	crk_free(out);
	crk_scan_report_free(r);

	/* a lockfile that could not be parsed */
	memset(&cfg, 0, sizeof(cfg));
	crk_err_set(&bad, CRK_EPARSE, "web/package-lock.json", 6, 1, "malformed JSON");
	cfg.now = NOW;
	cfg.db = fresh_db;
	cfg.ndb = 5;
	cfg.input_problems = &bad;
	cfg.ninput_problems = 1;
	assert_int_equal(crk_scan_report_build(&r, b, f, &cfg, NULL), CRK_OK);
	assert_int_equal(has(r, CRK_SCAN_INPUT_UNPARSED, "web/package-lock.json:6:1"), 2);
	crk_scan_report_free(r);
	crk_findings_free(none);
	crk_findings_free(f);
	crk_bom_free(b);
}

static void test_scan__vex_overlay(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_vex_set *vex = crk_vex_set_new();
	struct crk_scan_report *r;
	struct crk_vex_stmt st;
	const struct crk_scan_item *it;
	char *out = NULL;
	size_t len;
	(void)state;
	memset(&st, 0, sizeof(st));
	st.vuln = "GHSA-p6mc-m468-83gw"; /* an alias of the finding's CVE */
	st.subject = "pkg:npm/lodash";    /* every lodash */
	st.status = CRK_VEX_NOT_AFFECTED;
	st.justification = CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH;
	st.note = "zipObjectDeep is never called";
	st.author = "Alice";
	st.time = NOW - 86400;
	st.origin = "store";
	assert_int_equal(crk_vex_set_add(vex, &st, NULL), CRK_OK);
	/* log4j: affected, being fixed; KEV-listed and not not_affected: still reportable */
	memset(&st, 0, sizeof(st));
	st.vuln = "CVE-2021-44228";
	st.subject = "demo";
	st.status = CRK_VEX_FIXED;
	st.author = "Bob";
	st.time = NOW - 3600;
	assert_int_equal(crk_vex_set_add(vex, &st, NULL), CRK_OK);
	r = report(b, f, fresh_db, 5, vex);
	assert_int_equal(r->nsuppressed, 2);
	assert_int_equal(r->nfindings, 3);
	assert_int_equal(r->nexploited, 0);
	assert_int_equal(r->nreportable, 1);
	it = item(r, "lodash", "4.17.15", "CVE-2020-8203");
	assert_true(it->suppressed);
	assert_string_equal(it->vex->author, "Alice");
	it = item(r, "lodash", "4.17.15", "CVE-2021-23337");
	assert_false(it->suppressed);
	assert_int_equal(crk_scan_write(r, "table", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "suppressed by VEX decisions (2):"));
	assert_non_null(strstr(out, "not_affected (vulnerable_code_not_in_execute_path)"));
	assert_non_null(strstr(out, "\"zipObjectDeep is never called\""));
	crk_free(out);
	assert_int_equal(crk_scan_write(r, "sarif", NULL, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "\"suppressions\""));
	crk_free(out);
	crk_scan_report_free(r);
	crk_vex_set_free(vex);
	crk_findings_free(f);
	crk_bom_free(b);
}

static void test_scan__policy(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_scan_report *r = report(b, f, fresh_db, 5, NULL);
	struct crk_scan_policy p;
	struct crk_err err;
	char why[256];
	(void)state;
	assert_int_equal(crk_scan_policy_parse(&p, "exploited", &err), CRK_OK);
	assert_int_equal(crk_scan_policy_fails(&p, r, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "CVE-2021-44228"));
	assert_non_null(strstr(why, "actively exploited"));
	assert_int_equal(crk_scan_policy_parse(&p, "high", &err), CRK_OK);
	assert_int_equal(p.min_rating, CRK_CVSS_RATING_HIGH);
	assert_int_equal(crk_scan_policy_fails(&p, r, why, sizeof(why)), 1);
	/* EPSS 0.94358: not >= 0.95, but the report is incomplete (PyPI uncovered) */
	assert_int_equal(crk_scan_policy_parse(&p, "epss>=0.95", &err), CRK_OK);
	assert_int_equal(crk_scan_policy_fails(&p, r, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "incomplete"));
	p.allow_incomplete = 1;
	assert_int_equal(crk_scan_policy_fails(&p, r, why, sizeof(why)), 0);
	assert_int_equal(crk_scan_policy_parse(&p, " epss>=0.9 , low", &err), CRK_OK);
	assert_true(p.epss == 0.9);
	assert_int_equal(p.min_rating, CRK_CVSS_RATING_LOW);
	assert_int_equal(crk_scan_policy_parse(&p, "critical,hihg", &err), CRK_EINVAL);
	assert_non_null(strstr(err.msg, "'hihg'"));
	assert_int_equal(crk_scan_policy_parse(&p, "epss>=1.5", &err), CRK_EINVAL);
	assert_int_equal(crk_scan_policy_parse(&p, "high,", &err), CRK_EINVAL);
	assert_int_equal(crk_scan_policy_parse(&p, "", &err), CRK_EINVAL);
	crk_scan_report_free(r);
	crk_findings_free(f);
	crk_bom_free(b);
}

static void test_scan__writers(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_scan_report *r = report(b, f, fresh_db, 5, NULL);
	struct crk_scan_write_opts wo;
	json_error_t jerr;
	json_t *doc;
	char *out = NULL, *cmd = NULL;
	size_t len, i;
	const char *fmt;
	(void)state;
	memset(&wo, 0, sizeof(wo));
	for (i = 0; (fmt = crk_scan_format_name(i, NULL)); i++) {
		assert_int_equal(crk_scan_write(r, fmt, &wo, &out, &len, NULL), CRK_OK);
		assert_int_equal(strlen(out), len);
		if (strcmp(fmt, "table")) {
			doc = json_loadb(out, len, 0, &jerr);
			if (!doc)
				fail_msg("%s: %s", fmt, jerr.text);
			json_decref(doc);
		}
		crk_free(out);
	}
	assert_int_equal(i, 5);
	assert_int_equal(crk_scan_write(r, "html", &wo, &out, &len, NULL), CRK_ENOTFOUND);
	/* the Art. 14 command of the KEV-listed finding */
	assert_int_equal(crk_scan_art14_command(r, &r->items[0], &cmd, NULL), CRK_OK);
	assert_string_equal(cmd, "crakit report open --kind vulnerability --aware-at "
				 "2025-08-26T00:00:00Z --cve CVE-2021-44228 --product demo");
	crk_free(cmd);
	/* colour only when asked, and a lockfile cannot send escape sequences */
	wo.color = 0;
	assert_int_equal(crk_scan_write(r, "table", &wo, &out, &len, NULL), CRK_OK);
	assert_null(strchr(out, '\033'));
	crk_free(out);
	wo.color = 1;
	assert_int_equal(crk_scan_write(r, "table", &wo, &out, &len, NULL), CRK_OK);
	assert_non_null(strstr(out, "\033[1;31mEXPLOITED\033[0m"));
	crk_free(out);
	crk_scan_report_free(r);
	crk_findings_free(f);
	crk_bom_free(b);
}

/* A sink for crk_scan_write_stream: collects the pieces; fails (EIO) at piece `fail_at`. */
struct collect {
	struct crk_strbuf sb;
	size_t pieces, fail_at;
};

static int collect_write(void *ud, const char *data, size_t n, struct crk_err *err)
{
	struct collect *c = ud;
	if (++c->pieces == c->fail_at)
		return crk_err_set(err, CRK_EIO, "sink", 0, 0, "write failed: %s", "disk full");
	assert_true(n > 0);
	crk_strbuf_add(&c->sb, data, n);
	return CRK_OK;
}

/* Streamed in small chunks, every format gives the same bytes as the whole document; a sink
 * error stops it and comes back as it was. */
static void test_scan__stream(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_scan_report *r = report(b, f, fresh_db, 5, NULL);
	struct crk_scan_write_opts wo;
	struct crk_err err;
	char *out = NULL;
	size_t len, i, chunk, pieces;
	const char *fmt;
	(void)state;
	memset(&wo, 0, sizeof(wo));
	for (i = 0; (fmt = crk_scan_format_name(i, NULL)); i++) {
		for (chunk = 64; chunk <= ((size_t)1 << 20); chunk *= 64) {
			struct collect c = {CRK_STRBUF_INIT(0), 0, 0};
			wo.pretty = chunk == 64;
			wo.stream_chunk = chunk;
			assert_int_equal(crk_scan_write(r, fmt, &wo, &out, &len, NULL), CRK_OK);
			assert_int_equal(crk_scan_write_stream(r, fmt, &wo, collect_write, &c, NULL),
					 CRK_OK);
			assert_true(crk_strbuf_ok(&c.sb));
			assert_int_equal(c.sb.len, len);
			assert_memory_equal(c.sb.buf, out, len);
			/* it did stream (openvex's document is built whole by the VEX writer and
			 * appended at once: one piece) */
			if (chunk == 64 && c.pieces <= 2 && strcmp(fmt, "openvex"))
				fail_msg("%s: %zu pieces", fmt, c.pieces);
			crk_free(out);
			/* the sink fails at its second piece (when there is one) */
			crk_strbuf_reset(&c.sb);
			pieces = c.pieces;
			c.pieces = 0;
			c.fail_at = 2;
			crk_err_clear(&err);
			if (pieces >= 2) {
				assert_int_equal(
					crk_scan_write_stream(r, fmt, &wo, collect_write, &c, &err),
					CRK_EIO);
				assert_string_equal(err.msg, "write failed: disk full");
				assert_int_equal(c.pieces, 2); /* nothing after the failure */
			}
			crk_strbuf_release(&c.sb);
		}
	}
	assert_int_equal(crk_scan_write_stream(r, "html", &wo, collect_write, NULL, NULL),
			 CRK_ENOTFOUND);
	crk_scan_report_free(r);
	crk_findings_free(f);
	crk_bom_free(b);
}

/* Allocation failures while building and writing: reported, never a crash or a leak. */
static void test_scan__alloc_failures(void **state)
{
	struct crk_bom *b = product();
	struct crk_findings *f = findings(b);
	struct crk_scan_config cfg;
	uint64_t n;
	int rc = -1;
	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.now = NOW;
	cfg.db = fresh_db;
	cfg.ndb = 5;
	for (n = 1; n < 2000 && rc != CRK_OK; n++) {
		struct crk_scan_report *r = NULL;
		size_t i, len;
		char *out;
		crk_alloc_fail_after(n);
		rc = crk_scan_report_build(&r, b, f, &cfg, NULL);
		for (i = 0; rc == CRK_OK && crk_scan_format_name(i, NULL); i++) {
			struct collect c = {CRK_STRBUF_INIT(0), 0, 0};
			struct crk_scan_write_opts wo;
			rc = crk_scan_write(r, crk_scan_format_name(i, NULL), NULL, &out, &len, NULL);
			if (rc == CRK_OK)
				crk_free(out);
			memset(&wo, 0, sizeof(wo));
			wo.stream_chunk = 256;
			if (rc == CRK_OK)
				rc = crk_scan_write_stream(r, crk_scan_format_name(i, NULL), &wo,
							   collect_write, &c, NULL);
			if (rc == CRK_OK && !crk_strbuf_ok(&c.sb))
				rc = CRK_ENOMEM; /* the sink's own buffer */
			crk_strbuf_release(&c.sb);
		}
		crk_alloc_fail_after(0);
		assert_true(rc == CRK_OK || rc == CRK_ENOMEM);
		crk_scan_report_free(r);
	}
	assert_int_equal(rc, CRK_OK);
	crk_findings_free(f);
	crk_bom_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan__hand_checked_findings),
		cmocka_unit_test(test_scan__fail_closed),
		cmocka_unit_test(test_scan__vex_overlay),
		cmocka_unit_test(test_scan__policy),
		cmocka_unit_test(test_scan__writers),
		cmocka_unit_test(test_scan__stream),
		cmocka_unit_test(test_scan__alloc_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
