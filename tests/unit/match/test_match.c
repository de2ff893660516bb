/*
 * test_match.c - the matcher (src/match/): hand-built BOMs against the OSV fixtures of
 * tests/data/match/ (README.md there), served by a lookup written here the way the store
 * serves it (by base ecosystem and normalised name). Every expected finding is checked by hand
 * against the record: log4j-core 2.14.1 -> CVE-2021-44228 (one finding for two records),
 * lodash 4.17.15 -> three advisories, an openssl Debian source package in Debian:12, Go
 * pseudo-versions, PyPI name normalisation, AlmaLinux binary packages, withdrawn records never
 * matched, invalid ranges reported as "could not evaluate", and nothing just outside a range.
 */
#include <dirent.h>
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "../test.h"

#include "base/alloc.h"
#include "crakit/bom.h"
#include "crakit/match.h"

/* ---- the lookup: every fixture record in memory ---- */

struct db {
	json_t *recs[64];
	size_t n;
	size_t lookups;
};

static struct db g_db;

static int64_t rfc3339(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!s || sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			 &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

static int lookup(void *ud, const char *eco, const char *name, crk_match_emit_fn emit, void *ctx,
		  struct crk_err *err)
{
	struct db *db = ud;
	size_t i, j;
	db->lookups++;
	for (i = 0; i < db->n; i++) {
		json_t *r = db->recs[i], *aff, *al, *sv;
		const char *aliases[32], *upstream[32];
		struct crk_match_severity sev[8];
		struct crk_match_advisory adv;
		size_t na = 0, ns = 0, nu = 0;
		memset(&adv, 0, sizeof(adv));
		json_array_foreach(json_object_get(r, "upstream"), j, al) upstream[nu++] =
			json_string_value(al);
		json_array_foreach(json_object_get(r, "aliases"), j, al) aliases[na++] =
			json_string_value(al);
		json_array_foreach(json_object_get(r, "severity"), j, sv) {
			sev[ns].type = json_string_value(json_object_get(sv, "type"));
			sev[ns++].score = json_string_value(json_object_get(sv, "score"));
		}
		adv.id = json_string_value(json_object_get(r, "id"));
		adv.aliases = aliases;
		adv.naliases = na;
		adv.upstream = upstream;
		adv.nupstream = nu;
		adv.summary = json_string_value(json_object_get(r, "summary"));
		adv.published = rfc3339(json_string_value(json_object_get(r, "published")));
		adv.modified = rfc3339(json_string_value(json_object_get(r, "modified")));
		adv.withdrawn = rfc3339(json_string_value(json_object_get(r, "withdrawn")));
		adv.severity = sev;
		adv.nseverity = ns;
		adv.stated_severity = json_string_value(
			json_object_get(json_object_get(r, "database_specific"), "severity"));
		json_array_foreach(json_object_get(r, "affected"), j, aff) {
			json_t *pkg = json_object_get(aff, "package");
			const char *e = json_string_value(json_object_get(pkg, "ecosystem"));
			const char *n = json_string_value(json_object_get(pkg, "name"));
			char base[64], norm[256];
			int rc;
			if (!e || !n)
				continue;
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

static int setup(void **state)
{
	DIR *d = opendir(test_data("match"));
	struct dirent *de;
	(void)state;
	assert_non_null(d);
	memset(&g_db, 0, sizeof(g_db));
	while ((de = readdir(d))) {
		char path[4096 + 512];
		json_error_t jerr;
		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", test_data("match"), de->d_name);
		assert_true(g_db.n < 64);
		g_db.recs[g_db.n] = json_load_file(path, 0, &jerr);
		if (!g_db.recs[g_db.n])
			fail_msg("%s: %s", path, jerr.text);
		g_db.n++;
	}
	closedir(d);
	return 0;
}

static int teardown(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < g_db.n; i++)
		json_decref(g_db.recs[i]);
	return 0;
}

static const struct crk_match_source src = {&g_db, lookup};

/* ---- helpers ---- */

static const char *g_commit; /* vcs_commit of the next component added */

static size_t add(struct crk_bom *bom, const char *type, const char *ns, const char *name,
		  const char *version, const char *eco, const char *distro, const char *source)
{
	struct crk_pkg p;
	struct crk_kv q = {"distro", distro};
	size_t id = 0;
	struct crk_err err;
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.ns = ns;
	p.name = name;
	p.version = version;
	p.ecosystem = eco;
	p.qualifiers = distro ? &q : NULL;
	p.nqualifiers = distro ? 1 : 0;
	p.source_name = source;
	p.vcs_commit = g_commit;
	p.flags = g_commit ? CRK_PKG_GIT : 0;
	p.path = "test";
	if (crk_bom_add(bom, &p, &id, &err) != CRK_OK)
		fail_msg("crk_bom_add %s: %s", name, err.msg);
	return id;
}

static struct crk_findings *match(struct crk_bom *bom)
{
	struct crk_findings *f = crk_findings_new();
	struct crk_err err;
	assert_non_null(f);
	crk_err_clear(&err);
	if (crk_match_bom(f, bom, &src, 0, &err) != CRK_OK)
		fail_msg("crk_match_bom: %s", err.msg);
	return f;
}

/* The findings of one component, as "ID[:unknown]" joined by spaces. */
static const char *ids_of(const struct crk_findings *f, size_t comp)
{
	static char buf[1024];
	size_t i, o = 0;
	buf[0] = '\0';
	for (i = 0; i < f->n; i++)
		if (f->v[i].component == comp)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s%s", o ? " " : "",
					      f->v[i].id,
					      f->v[i].status == CRK_FINDING_UNKNOWN ? ":unknown" : "");
	return buf;
}

static const struct crk_finding *find(const struct crk_findings *f, size_t comp, const char *id)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		if (f->v[i].component == comp && strcmp(f->v[i].id, id) == 0)
			return &f->v[i];
	fail_msg("no finding %s for component %zu (have: %s)", id, comp, ids_of(f, comp));
	return NULL;
}

/* ---- tests ---- */

static void test_match__log4j(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	size_t hit, below, fixed, old;
	(void)state;
	hit = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", "Maven", NULL,
		  NULL);
	below = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.12.2", "Maven", NULL,
		    NULL); /* fixed in the 2.4 - 2.12.2 branch */
	fixed = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.15.0", "Maven", NULL,
		    NULL);
	old = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.3", "Maven", NULL,
		  NULL); /* inside introduced 0, fixed 2.3.1 */
	f = match(bom);
	/* One finding for two records (GHSA-jfh8-c2jp-5v3q and CRAKIT-TEST-LOG4J-ALIAS), under
	 * the CVE id, with every id of the group. */
	assert_string_equal(ids_of(f, hit), "CVE-2021-44228");
	x = find(f, hit, "CVE-2021-44228");
	assert_int_equal(x->status, CRK_FINDING_AFFECTED);
	assert_int_equal(x->naliases, 2);
	assert_string_equal(x->aliases[0], "CRAKIT-TEST-LOG4J-ALIAS");
	assert_string_equal(x->aliases[1], "GHSA-jfh8-c2jp-5v3q");
	assert_int_equal(x->nrecords, 2);
	assert_string_equal(x->records[0], "CRAKIT-TEST-LOG4J-ALIAS");
	assert_string_equal(x->records[1], "GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(x->range, ">=2.13.0 <2.15.0");
	assert_int_equal(x->nfixed, 1);
	assert_string_equal(x->fixed[0], "2.15.0");
	assert_string_equal(x->ecosystem, "Maven");
	assert_string_equal(x->package, "org.apache.logging.log4j:log4j-core");
	assert_string_equal(x->purl, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
	assert_string_equal(x->summary, "Hand-written test record: a second database's record of "
					"CVE-2021-44228, with a CVSS v4.0 vector; must merge with "
					"GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(x->stated_severity, "CRITICAL");
	assert_int_equal(x->published, 1639096856); /* 2021-12-10T00:40:56Z */
	assert_int_equal(x->modified, 1672531200);  /* 2023-01-01T00:00:00Z, the newest */
	/* Both vectors scored by crakit; both 10.0: the v4.0 one is preferred. */
	assert_int_equal(x->nseverity, 2);
	assert_true(x->best >= 0);
	assert_string_equal(x->severity[x->best].type, "CVSS_V4");
	assert_int_equal((int)(x->severity[x->best].score.score * 10 + 0.5), 100);
	assert_int_equal(x->severity[x->best].score.rating, CRK_CVSS_RATING_CRITICAL);
	/* No false positive just outside the ranges. */
	assert_string_equal(ids_of(f, below), "");
	assert_string_equal(ids_of(f, fixed), "");
	assert_string_equal(ids_of(f, old), "CVE-2021-44228");
	assert_string_equal(find(f, old, "CVE-2021-44228")->range, "<2.3.1");
	assert_string_equal(find(f, old, "CVE-2021-44228")->fixed[0], "2.3.1");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__lodash(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	size_t a, b, c;
	(void)state;
	a = add(bom, "npm", NULL, "lodash", "4.17.15", "npm", NULL, NULL);
	b = add(bom, "npm", NULL, "lodash", "4.17.20", "npm", NULL, NULL);
	c = add(bom, "npm", NULL, "lodash", "4.17.21", "npm", NULL, NULL);
	f = match(bom);
	/* The withdrawn record (every version) never shows. */
	assert_string_equal(ids_of(f, a), "CVE-2020-28500 CVE-2020-8203 CVE-2021-23337");
	x = find(f, a, "CVE-2020-8203");
	assert_string_equal(x->aliases[0], "GHSA-p6mc-m468-83gw");
	assert_string_equal(x->range, "<4.17.20");
	assert_string_equal(x->fixed[0], "4.17.20");
	/* CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H = 7.4 */
	assert_int_equal((int)(x->severity[x->best].score.score * 10 + 0.5), 74);
	assert_string_equal(ids_of(f, b), "CVE-2020-28500 CVE-2021-23337");
	assert_string_equal(ids_of(f, c), "");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__debian_source(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	size_t u1, u2, old11, jammy, nodistro, binonly;
	(void)state;
	/* libssl3 is built from the openssl source package: advisories key on "openssl". */
	u1 = add(bom, "deb", "debian", "libssl3", "3.0.11-1~deb12u1", "Debian", "debian-12",
		 "openssl");
	u2 = add(bom, "deb", "debian", "openssl", "3.0.11-1~deb12u2", "Debian", "debian-12",
		 "openssl");
	old11 = add(bom, "deb", "debian", "libssl1.1", "1.1.1n-0+deb11u5", "Debian", "bullseye",
		    "openssl");
	jammy = add(bom, "deb", "ubuntu", "libssl3", "3.0.2-0ubuntu1.10", "Ubuntu", "ubuntu-22.04",
		    "openssl");
	nodistro = add(bom, "deb", "debian", "libssl-dev", "3.0.11-1~deb12u1", "Debian", NULL,
		       "openssl");
	binonly = add(bom, "deb", "debian", "libssl3t64", "3.0.11-1~deb12u1", "Debian",
		      "debian-12", NULL); /* no source recorded: looked up by its own name */
	f = match(bom);
	x = find(f, u1, "CVE-2023-5363");
	assert_int_equal(x->status, CRK_FINDING_AFFECTED);
	assert_string_equal(x->ecosystem, "Debian:12");
	assert_string_equal(x->package, "openssl");
	assert_string_equal(x->name, "libssl3");
	assert_string_equal(x->range, "<3.0.11-1~deb12u2");
	assert_string_equal(x->fixed[0], "3.0.11-1~deb12u2");
	assert_string_equal(ids_of(f, u2), ""); /* the fixed version itself */
	/* distro=bullseye (a codename) is Debian:11, whose own range applies. */
	x = find(f, old11, "CVE-2023-5363");
	assert_string_equal(x->ecosystem, "Debian:11");
	assert_string_equal(x->fixed[0], "1.1.1w-0+deb11u1");
	x = find(f, jammy, "CVE-2023-5363");
	assert_string_equal(x->ecosystem, "Ubuntu:22.04:LTS");
	/* Without a release nothing can be said: fail closed. */
	x = find(f, nodistro, "CVE-2023-5363");
	assert_int_equal(x->status, CRK_FINDING_UNKNOWN);
	assert_non_null(strstr(x->reason, "release is unknown"));
	assert_null(x->range);
	assert_string_equal(ids_of(f, binonly), "");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__alpine_almalinux(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	size_t apk, apkfixed, apk319, bpf, bpffixed, alma8;
	(void)state;
	apk = add(bom, "apk", "alpine", "libcrypto3", "3.3.1-r3", "Alpine", "alpine-3.20.3",
		  "openssl");
	apkfixed = add(bom, "apk", "alpine", "libssl3", "3.3.2-r0", "Alpine", "alpine-3.20.3",
		       "openssl");
	apk319 = add(bom, "apk", "alpine", "libssl3", "3.1.6-r0", "Alpine", "alpine-3.19.1",
		     "openssl");
	bpf = add(bom, "rpm", "almalinux", "bpftool", "7.4.0-503.19.1.el9_5", "AlmaLinux",
		  "almalinux-9.5", "kernel");
	bpffixed = add(bom, "rpm", "almalinux", "bpftool", "7.4.0-503.21.1.el9_5", "AlmaLinux",
		       "almalinux-9.5", "kernel");
	alma8 = add(bom, "rpm", "almalinux", "kernel", "4.18.0-1.el8", "AlmaLinux", "almalinux-8.10",
		    NULL);
	f = match(bom);
	assert_string_equal(ids_of(f, apk), "CVE-2024-6119");
	assert_string_equal(find(f, apk, "CVE-2024-6119")->ecosystem, "Alpine:v3.20");
	assert_string_equal(ids_of(f, apkfixed), "");
	assert_string_equal(find(f, apk319, "CVE-2024-6119")->fixed[0], "3.1.7-r0");
	/* AlmaLinux lists binary packages: bpftool matches by its own name. */
	assert_string_equal(ids_of(f, bpf), "ALSA-2025:0059");
	assert_string_equal(find(f, bpf, "ALSA-2025:0059")->range, "<7.4.0-503.21.1.el9_5");
	assert_string_equal(ids_of(f, bpffixed), "");
	assert_string_equal(ids_of(f, alma8), ""); /* an AlmaLinux:9 advisory */
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__go(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	size_t before, at, stdlib, stdlib_fixed, stdlib_pre;
	(void)state;
	before = add(bom, "golang", "golang.org/x", "net", "v0.0.0-20220722155237-a158d28d115b",
		     "Go", NULL, NULL);
	at = add(bom, "golang", "golang.org/x", "net", "v0.0.0-20220906165146-f3363e06e74c", "Go",
		 NULL, NULL);
	stdlib = add(bom, "golang", NULL, "stdlib", "1.19.0", "Go", NULL, NULL);
	stdlib_fixed = add(bom, "golang", NULL, "stdlib", "1.19.1", "Go", NULL, NULL);
	stdlib_pre = add(bom, "golang", NULL, "stdlib", "1.18.6", "Go", NULL, NULL);
	f = match(bom);
	assert_string_equal(ids_of(f, before), "CVE-2022-27664");
	assert_string_equal(find(f, before, "CVE-2022-27664")->package, "golang.org/x/net");
	assert_string_equal(find(f, before, "CVE-2022-27664")->aliases[0], "GHSA-69cg-p879-7622");
	assert_string_equal(find(f, before, "CVE-2022-27664")->aliases[1], "GO-2022-0969");
	assert_string_equal(ids_of(f, at), "");
	assert_string_equal(ids_of(f, stdlib), "CVE-2022-27664");
	assert_string_equal(find(f, stdlib, "CVE-2022-27664")->range, ">=1.19.0-0 <1.19.1");
	assert_string_equal(ids_of(f, stdlib_fixed), "");
	assert_string_equal(ids_of(f, stdlib_pre), "");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__pypi_names(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	size_t a, b, c;
	char buf[64];
	(void)state;
	a = add(bom, "pypi", NULL, "JW_Util", "2.2", "PyPI", NULL, NULL);
	b = add(bom, "pypi", NULL, "jw--util", "2.3", "PyPI", NULL, NULL);
	c = add(bom, "pypi", NULL, "jwutil", "1.0", "PyPI", NULL, NULL);
	f = match(bom);
	assert_string_equal(ids_of(f, a), "CVE-2020-13388");
	assert_string_equal(find(f, a, "CVE-2020-13388")->package, "jw-util");
	assert_string_equal(ids_of(f, b), "");
	assert_string_equal(ids_of(f, c), "");
	assert_int_equal(crk_match_package_name("PyPI", "Foo.__Bar-baz", 13, buf, sizeof(buf)), 11);
	assert_string_equal(buf, "foo-bar-baz");
	assert_int_equal(crk_match_package_name("NuGet", "Newtonsoft.Json", 15, buf, sizeof(buf)),
			 15);
	assert_string_equal(buf, "newtonsoft.json");
	crk_match_package_name("npm", "@Scope/X", 8, buf, sizeof(buf));
	assert_string_equal(buf, "@Scope/X");
	crk_match_ecosystem_base("Ubuntu:22.04:LTS", buf, sizeof(buf));
	assert_string_equal(buf, "Ubuntu");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__unknown(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	size_t bad, nover, badver;
	(void)state;
	bad = add(bom, "npm", NULL, "left-pad", "1.3.0", "npm", NULL, NULL);
	nover = add(bom, "npm", NULL, "lodash", NULL, "npm", NULL, NULL);
	badver = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "${log4j.version}",
		     "Maven", NULL, NULL);
	f = match(bom);
	/* The record's fixed version is not an npm version: the finding says so. */
	x = find(f, bad, "CRAKIT-TEST-BADRANGE");
	assert_int_equal(x->status, CRK_FINDING_UNKNOWN);
	assert_string_equal(x->reason, "CRAKIT-TEST-BADRANGE: '1.x' is not a valid npm version "
				       "(SemVer 2.0.0, node-semver): expected a number, "
				       "MAJOR.MINOR.PATCH[-PRE][+BUILD] (range event fixed: '1.x')");
	/* Its vector is invalid too: kept, not scored, with the reason. */
	assert_int_equal(x->nseverity, 1);
	assert_int_equal(x->severity[0].valid, 0);
	assert_string_equal(x->severity[0].error,
			    "CVSS:3.1 vector: metric 'A' has unknown value 'HH'");
	assert_int_equal(x->best, -1);
	/* No version: every advisory of the package is "could not evaluate". */
	assert_string_equal(ids_of(f, nover),
			    "CVE-2020-28500:unknown CVE-2020-8203:unknown CVE-2021-23337:unknown");
	assert_non_null(strstr(find(f, nover, "CVE-2020-8203")->reason, "no exact version"));
	x = find(f, badver, "CVE-2021-44228");
	assert_int_equal(x->status, CRK_FINDING_UNKNOWN);
	assert_string_equal(x->reason, "CRAKIT-TEST-LOG4J-ALIAS: the version '${log4j.version}' is "
				       "an unresolved property, not a version");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__git(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	size_t in, fixed, other, none;
	(void)state;
	g_commit = "6e5755a2a833bc64852eae12967d0a54d7adf629";
	in = add(bom, "npm", NULL, "gitdep", "1.0.0", "npm", NULL, NULL);
	g_commit = "c43455749b914feef56b178b256f29b3016146eb";
	fixed = add(bom, "npm", NULL, "gitdep", "1.0.1", "npm", NULL, NULL);
	g_commit = "0123456789012345678901234567890123456789";
	other = add(bom, "npm", NULL, "gitdep", "1.0.2", "npm", NULL, NULL);
	g_commit = NULL;
	none = add(bom, "npm", NULL, "gitdep", "1.0.3", "npm", NULL, NULL);
	f = match(bom);
	assert_string_equal(find(f, in, "CRAKIT-TEST-GIT-1")->range,
			    "=6e5755a2a833bc64852eae12967d0a54d7adf629");
	assert_string_equal(ids_of(f, fixed), "");
	assert_non_null(strstr(find(f, other, "CRAKIT-TEST-GIT-1")->reason, "commit graph"));
	assert_non_null(strstr(find(f, none, "CRAKIT-TEST-GIT-1")->reason, "only GIT ranges"));
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__listed(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	size_t beta, rel, alpha;
	(void)state;
	beta = add(bom, "npm", NULL, "listed-only", "1.0.0-beta.1", "npm", NULL, NULL);
	rel = add(bom, "npm", NULL, "listed-only", "1.0.1", "npm", NULL, NULL);
	alpha = add(bom, "npm", NULL, "listed-only", "1.0.0-alpha.1", "npm", NULL, NULL);
	f = match(bom);
	assert_string_equal(find(f, beta, "CRAKIT-TEST-LISTED")->range, "=1.0.0-beta.1 (listed)");
	assert_int_equal(find(f, beta, "CRAKIT-TEST-LISTED")->nfixed, 0);
	assert_string_equal(find(f, rel, "CRAKIT-TEST-LISTED")->range, ">=1.0.0 <1.1.0");
	assert_string_equal(ids_of(f, alpha), "");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static int kev(void *ud, const char *cve, struct crk_enrich_kev *out, struct crk_err *err)
{
	(void)ud, (void)err;
	if (strcmp(cve, "CVE-2021-44228") != 0)
		return 0;
	out->date_added = "2021-12-10"; /* CISA KEV catalogue 2025.08.25 */
	out->due_date = "2021-12-24";
	out->ransomware = 1;
	return 1;
}

static int epss(void *ud, const char *cve, struct crk_enrich_epss *out, struct crk_err *err)
{
	(void)ud, (void)err;
	if (strcmp(cve, "CVE-2020-8203") != 0)
		return 0;
	out->score = 0.5;
	out->percentile = 0.75;
	out->date = "2025-01-31";
	return 1;
}

static void test_match__enrich(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	struct crk_enrich_source es = {NULL, kev, epss};
	size_t l4j, lo;
	(void)state;
	l4j = add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", "Maven", NULL,
		  NULL);
	lo = add(bom, "npm", NULL, "lodash", "4.17.15", "npm", NULL, NULL);
	f = match(bom);
	assert_int_equal(crk_findings_enrich(f, &es, NULL), CRK_OK);
	x = find(f, l4j, "CVE-2021-44228");
	assert_true(x->kev.listed);
	assert_string_equal(x->kev.cve, "CVE-2021-44228");
	assert_string_equal(x->kev.date_added, "2021-12-10");
	assert_string_equal(x->kev.due_date, "2021-12-24");
	assert_true(x->kev.ransomware);
	assert_false(x->epss.present);
	x = find(f, lo, "CVE-2020-8203");
	assert_false(x->kev.listed);
	assert_true(x->epss.present);
	assert_true(x->epss.score == 0.5 && x->epss.percentile == 0.75);
	assert_string_equal(x->epss.date, "2025-01-31");
	crk_findings_free(f);
	crk_bom_free(bom);
}

/* KEV in the CISA catalogue 2025.08.25: CVE-2023-4911 (glibc "Looney Tunables"), added 2023-11-21,
 * due 2023-12-12 (tests/data/scan/db/kev.json). */
static int kev_glibc(void *ud, const char *cve, struct crk_enrich_kev *out, struct crk_err *err)
{
	(void)ud, (void)err;
	if (strcmp(cve, "CVE-2023-4911") != 0)
		return 0;
	out->date_added = "2023-11-21";
	out->due_date = "2023-12-12";
	return 1;
}

/* A Debian DSA names its CVEs in `upstream` (the fixture DSA-5514-1.json is HAND-WRITTEN from
 * the advisory): they are not aliases (the finding stays DSA-5514-1, not merged with either CVE)
 * but the KEV entry of one of them applies. */
static void test_match__upstream(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f;
	const struct crk_finding *x;
	struct crk_enrich_source es = {NULL, kev_glibc, NULL};
	size_t libc;
	(void)state;
	libc = add(bom, "deb", "debian", "libc6", "2.36-9+deb12u1", "Debian", "debian-12", "glibc");
	f = match(bom);
	assert_string_equal(ids_of(f, libc), "DSA-5514-1");
	x = find(f, libc, "DSA-5514-1");
	assert_int_equal(x->naliases, 0);
	assert_int_equal(x->nupstream, 2);
	assert_string_equal(x->upstream[0], "CVE-2023-4527");
	assert_string_equal(x->upstream[1], "CVE-2023-4911");
	assert_string_equal(x->range, "<2.36-9+deb12u3");
	assert_false(x->kev.listed);
	assert_int_equal(crk_findings_enrich(f, &es, NULL), CRK_OK);
	assert_true(x->kev.listed);
	assert_string_equal(x->kev.cve, "CVE-2023-4911");
	assert_string_equal(x->kev.date_added, "2023-11-21");
	crk_findings_free(f);
	crk_bom_free(bom);
}

static void test_match__keys(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	char eco[256], name[1024], ver[1024];
	struct crk_err err;
	size_t id;
	(void)state;
	id = add(bom, "deb", "debian", "libssl3", "3.0.11-1~deb12u1", "Debian", "debian-12.5",
		 "openssl");
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       ver, sizeof(ver), &err),
			 CRK_OK);
	assert_string_equal(eco, "Debian:12");
	assert_string_equal(name, "openssl");
	assert_string_equal(ver, "3.0.11-1~deb12u1");
	id = add(bom, "deb", "ubuntu", "zlib1g", "1:1.2.13", "Ubuntu", "ubuntu-23.10", "zlib");
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       NULL, 0, &err),
			 CRK_OK);
	assert_string_equal(eco, "Ubuntu:23.10"); /* not an LTS */
	id = add(bom, "rpm", "redhat", "openssl-libs", "1:3.0.7-27.el9", "Red Hat", "rhel-9.4",
		 "openssl");
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       ver, sizeof(ver), &err),
			 CRK_OK);
	assert_string_equal(eco, "Red Hat:enterprise_linux:9");
	assert_string_equal(name, "openssl-libs"); /* binary names for RPM distributions */
	assert_string_equal(ver, "1:3.0.7-27.el9");
	id = add(bom, "apk", "alpine", "busybox", "1.36.1-r2", "Alpine", NULL, "busybox");
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       NULL, 0, &err),
			 CRK_ENOTFOUND);
	assert_non_null(strstr(err.msg, "the Alpine release is unknown"));
	/* No ecosystem given (an SBOM read as input): taken from the purl type. */
	id = add(bom, "composer", "Symfony", "HTTP-Kernel", "5.4.0", NULL, NULL, NULL);
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       NULL, 0, &err),
			 CRK_OK);
	assert_string_equal(eco, "Packagist");
	id = add(bom, "generic", NULL, "thing", "1.0", NULL, NULL, NULL);
	assert_int_equal(crk_match_key(crk_bom_get(bom, id), eco, sizeof(eco), name, sizeof(name),
				       NULL, 0, &err),
			 CRK_ENOTFOUND);
	crk_bom_free(bom);
}

/* Every allocation failure is reported (CRK_ENOMEM), never a crash or a leak (ASan). */
static void test_match__oom(void **state)
{
	uint64_t n;
	int done = 0;
	(void)state;
	for (n = 1; n < 5000 && !done; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_findings *f;
		struct crk_err err;
		int rc = CRK_OK;
		if (!bom)
			continue;
		add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", "Maven", NULL,
		    NULL);
		add(bom, "npm", NULL, "lodash", "4.17.15", "npm", NULL, NULL);
		f = crk_findings_new();
		if (f) {
			crk_alloc_fail_after(n);
			rc = crk_match_bom(f, bom, &src, 0, &err);
			crk_alloc_fail_after(0);
			if (rc == CRK_OK)
				done = crk_alloc_failures() == 0;
			else
				assert_int_equal(rc, CRK_ENOMEM);
		}
		crk_findings_free(f);
		crk_bom_free(bom);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__log4j),
		cmocka_unit_test(test_match__lodash),
		cmocka_unit_test(test_match__debian_source),
		cmocka_unit_test(test_match__alpine_almalinux),
		cmocka_unit_test(test_match__go),
		cmocka_unit_test(test_match__pypi_names),
		cmocka_unit_test(test_match__unknown),
		cmocka_unit_test(test_match__git),
		cmocka_unit_test(test_match__listed),
		cmocka_unit_test(test_match__enrich),
		cmocka_unit_test(test_match__upstream),
		cmocka_unit_test(test_match__keys),
		cmocka_unit_test(test_match__oom),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
