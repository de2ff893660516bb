/*
 * test_range.c - OSV range evaluation and purl vers (src/version/range.c, vers.c).
 *
 * Hand-computed cases from real advisories (each says where its events come from), the spec's
 * own examples, versions just outside each range on both ends, and the strongest oracle we
 * have: every OSV record of the shared corpus that lists both ranges and an explicit
 * `versions` array must, for each listed version, be affected by its ranges (OSV.dev fills
 * `versions` by evaluating the ranges against the registry, so they must agree).
 */
#include <dirent.h>
#include <jansson.h>
#include <string.h>

#include "../test.h"

#include "crakit/range.h"

#define EV(k, v) {CRK_EVENT_##k, v, sizeof(v) - 1}

struct rcase {
	const char *version;
	int affected; /* 1 in, 0 out */
	const char *text; /* crk_range_verdict_str(), or NULL: not checked */
};

static void run(const char *eco, enum crk_range_type type, const struct crk_range_event *ev,
		size_t nev, const struct rcase *c, size_t nc)
{
	struct crk_osv_range r = {type, NULL, ev, nev};
	size_t i;
	for (i = 0; i < nc; i++) {
		struct crk_range_verdict v;
		struct crk_err err;
		char text[256];
		crk_err_clear(&err);
		if (crk_osv_range_eval(eco, &r, c[i].version, strlen(c[i].version), &v, &err) !=
		    CRK_OK)
			fail_msg("%s %s: %s (%s)", eco, c[i].version, err.msg, err.hint);
		if (v.affected != c[i].affected)
			fail_msg("%s %s: affected=%d, want %d", eco, c[i].version, v.affected,
				 c[i].affected);
		crk_range_verdict_str(&v, text, sizeof(text));
		if (c[i].text && strcmp(text, c[i].text) != 0)
			fail_msg("%s %s: '%s', want '%s'", eco, c[i].version, text, c[i].text);
	}
}

#define RUN(eco, type, ev, cases)                                                                \
	run(eco, CRK_RANGE_##type, ev, sizeof(ev) / sizeof(ev[0]), cases,                        \
	    sizeof(cases) / sizeof(cases[0]))

/* GHSA-jfh8-c2jp-5v3q (CVE-2021-44228), org.apache.logging.log4j:log4j-core, as GitHub first
 * published it: introduced 2.0-beta9, fixed 2.15.0 (Maven ordering). */
static void test_range__log4j_maven(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "2.0-beta9"),
						    EV(FIXED, "2.15.0")};
	static const struct rcase c[] = {
		{"2.14.1", 1, ">=2.0-beta9 <2.15.0"},
		{"2.0-beta9", 1, NULL},	 /* the lower bound is inclusive */
		{"2.0-beta8", 0, "not in range: below every introduced"},
		{"2.0-alpha1", 0, NULL}, /* alpha < beta */
		{"2.0-rc1", 1, NULL},	 /* beta < rc < release */
		{"2.0", 1, NULL},
		{"2.15.0-rc1", 1, NULL}, /* just below the fix */
		{"2.15.0", 0, "not in range: fixed 2.15.0"},
		{"2.15", 0, NULL}, /* Maven: 2.15 = 2.15.0 */
		{"2.17.1", 0, NULL},
		{"1.2.17", 0, NULL},
	};
	(void)state;
	RUN("Maven", ECOSYSTEM, ev, c);
}

/* lodash (npm): GHSA-p6mc-m468-83gw / CVE-2020-8203 as first published, introduced 0 (every
 * version before), fixed 4.17.19. */
static void test_range__lodash_npm(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "0"), EV(FIXED, "4.17.19")};
	static const struct rcase c[] = {
		{"4.17.15", 1, "<4.17.19"},
		{"4.17.18", 1, NULL},
		{"4.17.19-rc.1", 1, NULL}, /* SemVer: a pre-release precedes its release */
		{"4.17.19", 0, "not in range: fixed 4.17.19"},
		{"4.17.20", 0, NULL},
		{"0.0.1", 1, NULL},
		{"0.0.0", 1, NULL},
	};
	(void)state;
	RUN("npm", ECOSYSTEM, ev, c);
}

/* A Debian:12 range with an epoch, as DSA records carry them (e.g. an 1:-epoched source
 * package fixed in a bookworm security update). */
static void test_range__debian_epoch(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "0"),
						    EV(FIXED, "1:9.2p1-2+deb12u3")};
	static const struct rcase c[] = {
		{"1:9.2p1-2+deb12u2", 1, "<1:9.2p1-2+deb12u3"},
		{"1:9.2p1-2", 1, NULL},
		{"9.9p1-1", 1, NULL}, /* no epoch is epoch 0: below any 1: version */
		{"1:9.2p1-2+deb12u3", 0, NULL},
		{"1:9.2p1-2+deb12u3+b1", 0, NULL}, /* a binNMU of the fixed version */
		{"1:9.2p1-2+deb12u2~bpo1", 1, NULL}, /* ~ sorts before anything */
		{"2:1.0-1", 0, NULL},
	};
	(void)state;
	RUN("Debian:12", ECOSYSTEM, ev, c);
}

/* PyPI with pre-releases (PEP 440 order .devN < aN < bN < rcN < release < .postN). */
static void test_range__pypi_prerelease(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "1.0a1"), EV(FIXED, "1.2.0")};
	static const struct rcase c[] = {
		{"1.0a1", 1, ">=1.0a1 <1.2.0"},
		{"1.0.dev0", 0, NULL}, /* dev releases come before a1 */
		{"1.0a0", 0, NULL},
		{"1.0b2", 1, NULL},
		{"1.0", 1, NULL},
		{"1.0.post1", 1, NULL},
		{"1.2.0rc1", 1, NULL},
		{"1.2.0.dev3", 1, NULL},
		{"1.2", 0, NULL}, /* = 1.2.0 */
		{"1.2.0.post1", 0, NULL},
		{"1.2.0+local", 0, NULL},
	};
	(void)state;
	RUN("PyPI", ECOSYSTEM, ev, c);
}

/* Go (SEMVER ranges, versions without "v" as the Go database exports them); modules without a
 * go.mod at v2+ carry +incompatible, which SemVer ignores (build metadata). GO-2022-0390-style
 * range of github.com/docker/docker. */
static void test_range__go_incompatible(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "0"),
						    EV(FIXED, "20.10.11+incompatible")};
	static const struct rcase c[] = {
		{"v20.10.7+incompatible", 1, "<20.10.11+incompatible"},
		{"20.10.10+incompatible", 1, NULL},
		{"v20.10.11-0.20211116180000-abcdefabcdef+incompatible", 1, NULL}, /* pseudo */
		{"v20.10.11+incompatible", 0, NULL},
		{"v20.10.11", 0, NULL},
		{"v23.0.0+incompatible", 0, NULL},
	};
	(void)state;
	RUN("Go", SEMVER, ev, c);
}

/* The OSV spec's last_affected example: every version up to and including 2.1.214. */
static void test_range__last_affected(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "0"),
						    EV(LAST_AFFECTED, "2.1.214")};
	static const struct rcase c[] = {
		{"2.1.214", 1, "<=2.1.214"},
		{"2.1.213", 1, NULL},
		{"2.1.215", 0, "not in range: after last_affected 2.1.214"},
		{"2.2.0", 0, NULL},
	};
	static const struct crk_range_event ev2[] = {EV(INTRODUCED, "1.0.0"),
						     EV(LAST_AFFECTED, "1.0.0")};
	static const struct rcase c2[] = {
		{"1.0.0", 1, ">=1.0.0 <=1.0.0"},
		{"1.0.1", 0, NULL},
		{"0.9.9", 0, NULL},
	};
	(void)state;
	RUN("crates.io", SEMVER, ev, c);
	RUN("crates.io", SEMVER, ev2, c2);
}

/* limit: a version must be below some limit; "*" is infinity. */
static void test_range__limit(void **state)
{
	static const struct crk_range_event ev[] = {EV(INTRODUCED, "1.0.0"), EV(LIMIT, "2.0.0")};
	static const struct rcase c[] = {
		{"1.5.0", 1, ">=1.0.0 (limit <2.0.0)"},
		{"1.0.0", 1, NULL},
		{"0.9.0", 0, "not in range: below every introduced"},
		{"2.0.0", 0, "not in range: at or above every limit"},
		{"3.0.0", 0, NULL},
	};
	static const struct crk_range_event ev2[] = {EV(INTRODUCED, "1.0.0"), EV(LIMIT, "*")};
	static const struct rcase c2[] = {{"99.0.0", 1, ">=1.0.0"}, {"0.1.0", 0, NULL}};
	static const struct crk_range_event ev3[] = {EV(INTRODUCED, "0"), EV(LIMIT, "1.5.0"),
						     EV(LIMIT, "3.0.0"), EV(FIXED, "2.0.0")};
	static const struct rcase c3[] = {
		{"1.9.0", 1, "<2.0.0 (limit <3.0.0)"}, /* below the 3.0.0 limit */
		{"2.5.0", 0, "not in range: fixed 2.0.0"},
		{"3.0.0", 0, NULL},
	};
	(void)state;
	RUN("npm", SEMVER, ev, c);
	RUN("npm", SEMVER, ev2, c2);
	RUN("npm", SEMVER, ev3, c3);
}

/* The spec's multiple-range example, [1.0.0, 1.0.2) and [3.0.0, 3.2.5), with the events given
 * out of order (evaluation sorts them). */
static void test_range__multiple(void **state)
{
	static const struct crk_range_event ev[] = {EV(FIXED, "3.2.5"), EV(INTRODUCED, "3.0.0"),
						    EV(FIXED, "1.0.2"), EV(INTRODUCED, "1.0.0")};
	static const struct rcase c[] = {
		{"0.9.9", 0, NULL},
		{"1.0.0", 1, ">=1.0.0 <1.0.2"},
		{"1.0.1", 1, NULL},
		{"1.0.2", 0, "not in range: fixed 1.0.2"},
		{"2.9.9", 0, NULL},
		{"3.0.0", 1, ">=3.0.0 <3.2.5"},
		{"3.2.4", 1, NULL},
		{"3.2.5", 0, NULL},
		{"10.0.0", 0, NULL},
	};
	/* Events at one version keep the record's order (a stable sort): introduced X then
	 * fixed X is empty; fixed X then introduced X continues the range (PYSEC-2022-236). */
	static const struct crk_range_event ev2[] = {EV(INTRODUCED, "1.0.0"), EV(FIXED, "1.0.0")};
	static const struct rcase c2[] = {{"1.0.0", 0, NULL}, {"1.1.0", 0, NULL}};
	static const struct crk_range_event ev4[] = {EV(INTRODUCED, "0"), EV(FIXED, "3.1.1"),
						     EV(INTRODUCED, "3.2.0"), EV(FIXED, "3.2.2"),
						     EV(INTRODUCED, "3.1.1"), EV(FIXED, "3.1.3")};
	static const struct rcase c4[] = {
		{"3.1.0", 1, "<3.1.1"},		  {"3.1.1", 1, ">=3.1.1 <3.1.3"},
		{"3.1.2", 1, NULL},		  {"3.1.3", 0, "not in range: fixed 3.1.3"},
		{"3.2.1", 1, ">=3.2.0 <3.2.2"}, {"3.2.2", 0, NULL},
	};
	/* PyPI spells one version several ways: 1.0 and 1.0.0 are the same event version. */
	static const struct crk_range_event ev3[] = {EV(INTRODUCED, "1.0"), EV(FIXED, "1.0.0.1")};
	static const struct rcase c3[] = {{"1.0.0", 1, NULL}, {"1.0.0.1", 0, NULL}};
	(void)state;
	RUN("SemVer", SEMVER, ev, c);
	RUN("npm", ECOSYSTEM, ev2, c2);
	RUN("PyPI", ECOSYSTEM, ev3, c3);
	RUN("PyPI", ECOSYSTEM, ev4, c4);
}

static void test_range__git(void **state)
{
	static const struct crk_range_event ev[] = {
		EV(INTRODUCED, "6e5755a2a833bc64852eae12967d0a54d7adf629"),
		EV(FIXED, "c43455749b914feef56b178b256f29b3016146eb"),
	};
	struct crk_osv_range r = {CRK_RANGE_GIT, "https://github.com/unicode-org/icu.git", ev, 2};
	struct crk_range_verdict v;
	struct crk_err err;
	char text[128];
	const char *c;
	(void)state;
	c = "6E5755A2A833BC64852EAE12967D0A54D7ADF629"; /* hex case does not matter */
	assert_int_equal(crk_osv_range_eval("OSS-Fuzz", &r, c, strlen(c), &v, &err), CRK_OK);
	assert_true(v.affected);
	crk_range_verdict_str(&v, text, sizeof(text));
	assert_string_equal(text, "=6e5755a2a833bc64852eae12967d0a54d7adf629");
	c = "c43455749b914feef56b178b256f29b3016146eb";
	assert_int_equal(crk_osv_range_eval("OSS-Fuzz", &r, c, strlen(c), &v, &err), CRK_OK);
	assert_false(v.affected);
	c = "0123456789012345678901234567890123456789";
	assert_int_equal(crk_osv_range_eval("OSS-Fuzz", &r, c, strlen(c), &v, &err),
			 CRK_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "commit graph"));
}

static void test_range__errors(void **state)
{
	static const struct crk_range_event bad[] = {EV(INTRODUCED, "0"), EV(FIXED, "1.x")};
	static const struct crk_range_event nointro[] = {EV(FIXED, "1.0")};
	static const struct crk_range_event ok[] = {EV(INTRODUCED, "0"), EV(FIXED, "1.0")};
	struct crk_osv_range r = {CRK_RANGE_ECOSYSTEM, NULL, bad, 2};
	struct crk_range_verdict v;
	struct crk_err err;
	(void)state;
	/* An invalid event version is an error that names it, never a guess. */
	crk_err_clear(&err);
	assert_int_equal(crk_osv_range_eval("PyPI", &r, "0.5", 3, &v, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'1.x' is not a valid PyPI version (PEP 440)");
	assert_non_null(strstr(err.hint, "range event fixed: '1.x'"));
	assert_false(v.affected);
	/* So is an invalid version to evaluate. */
	r.events = ok;
	crk_err_clear(&err);
	assert_int_equal(crk_osv_range_eval("PyPI", &r, "latest", 6, &v, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'latest' is not a valid PyPI version (PEP 440)");
	/* A range without `introduced` (the schema requires one). */
	r.events = nointro;
	r.nevents = 1;
	assert_int_equal(crk_osv_range_eval("PyPI", &r, "0.5", 3, &v, &err), CRK_EPARSE);
	assert_string_equal(err.msg,
			    "range has no 'introduced' event (the OSV schema requires one)");
	/* An ecosystem without a scheme. */
	r.events = ok;
	r.nevents = 2;
	assert_int_equal(crk_osv_range_eval("Nonesuch", &r, "0.5", 3, &v, &err), CRK_ENOTFOUND);
	/* SEMVER ranges of an ecosystem without a SemVer flavour use generic SemVer. */
	r.type = CRK_RANGE_SEMVER;
	assert_int_equal(crk_osv_range_eval("PyPI", &r, "0.5", 3, &v, &err), CRK_OK);
	assert_true(v.affected);
}

/* ---- vers ---- */

static int contains(const char *vers, const char *version)
{
	struct crk_vers v;
	struct crk_err err;
	int in = -1;
	crk_err_clear(&err);
	if (crk_vers_parse(&v, vers, strlen(vers), &err) != CRK_OK)
		fail_msg("%s: %s", vers, err.msg);
	if (crk_vers_contains(&v, version, strlen(version), &in, NULL, &err) != CRK_OK)
		fail_msg("%s %s: %s", vers, version, err.msg);
	crk_vers_free(&v);
	return in;
}

/* vers-spec tests/pypi_range_containment_test.json (all ten) and npm_range_containment. */
static void test_range__vers_spec(void **state)
{
	(void)state;
	assert_int_equal(contains("vers:npm/*", "1.0.0"), 1);
	assert_int_equal(contains("vers:pypi/<=1.3.0|3.0.0", "1.0.0"), 1);
	assert_int_equal(contains("vers:pypi/>0.0.2", "0.0.3"), 1);
	assert_int_equal(contains("vers:pypi/<0.0.2", "0.0.0.1"), 1);
	assert_int_equal(contains("vers:pypi/>=1.0.0|<=2.0.0", "1.5"), 1);
	assert_int_equal(contains("vers:pypi/>=3.0.0|2.0.3", "2.0.3"), 1);
	assert_int_equal(contains("vers:pypi/>=1.0.0|<=2.0.0", "2.0.3"), 0);
	assert_int_equal(contains("vers:pypi/>=1.0.0|<=2.0.0", "0.0.9"), 0);
	assert_int_equal(contains("vers:pypi/>=3.0.0|!=2.0.3", "2.0.3"), 0);
	assert_int_equal(contains("vers:pypi/<=1.0.0|>=2.0.0", "1.5"), 0);
	assert_int_equal(contains("vers:pypi/0.0.2|0.0.6|>=3.0.0|0.0.1|0.0.4|0.0.5|0.0.3", "2.0.3"),
			 0);
}

static void test_range__vers_cases(void **state)
{
	(void)state;
	/* log4j-core as a vers, both ends. */
	assert_int_equal(contains("vers:maven/>=2.0-beta9|<2.15.0", "2.14.1"), 1);
	assert_int_equal(contains("vers:maven/>=2.0-beta9|<2.15.0", "2.0-beta8"), 0);
	assert_int_equal(contains("vers:maven/>=2.0-beta9|<2.15.0", "2.15.0"), 0);
	/* The spec's TomEE example: four branches. */
	assert_int_equal(contains("vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|"
				  "<=7.1.2|>=8.0.0-M1|<=8.0.1",
				  "7.0.7"),
			 1);
	assert_int_equal(contains("vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|"
				  "<=7.1.2|>=8.0.0-M1|<=8.0.1",
				  "7.0.8"),
			 0);
	/* Spaces removed, empty constraints ignored, out of order sorted. */
	assert_int_equal(contains("vers:npm/ <2.0.0 | | >=1.0.0 |", "1.2.3"), 1);
	/* deb with epochs, gem, golang, intdot, lexicographic, none/all. */
	assert_int_equal(contains("vers:deb/>=1:1.0-1|<1:2.0-1", "1:1.5-3"), 1);
	assert_int_equal(contains("vers:deb/>=1:1.0-1|<1:2.0-1", "1.5-3"), 0);
	assert_int_equal(contains("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.1"), 0);
	assert_int_equal(contains("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.2"), 1);
	assert_int_equal(contains("vers:golang/<v1.2.3", "v1.2.3-pre"), 1);
	assert_int_equal(contains("vers:intdot/>=10.2|<10.10", "10.9.1"), 1);
	assert_int_equal(contains("vers:lexicographic/>abc", "abd"), 1);
	assert_int_equal(contains("vers:none/*", "1.0"), 0);
	assert_int_equal(contains("vers:all/*", "1.0"), 1);
	/* Percent-decoding: a '|' inside a version. */
	assert_int_equal(contains("vers:lexicographic/a%7Cb", "a|b"), 1);
}

static void test_range__vers_errors(void **state)
{
	static const struct {
		const char *vers, *msg;
	} cases[] = {
		{"npm/>=1.0.0", "not a vers: it must start with 'vers:' (lower case)"},
		{"vers:/1.0", "vers: no versioning scheme before '/'"},
		{"vers:npm/", "vers: no constraint after 'npm/'"},
		{"vers:NPM/1.0.0", "vers: the versioning scheme 'NPM' must be lower case letters and "
				   "digits"},
		{"vers:cobol/1.0", "vers: no comparator for the versioning scheme 'cobol'"},
		{"vers:npm/*|>=1.0.0", "vers: '*' must be the only constraint"},
		{"vers:npm/>=1.0.0|<=1.0.0", "vers: version '1.0.0' is given twice ('>=1.0.0' and "
					     "'<=1.0.0')"},
		{"vers:npm/<1.0.0|<2.0.0", "vers: '<1.0.0' cannot be followed by '<2.0.0' (sorted by "
					   "version)"},
		{"vers:npm/>1.0.0|=2.0.0", "vers: '>1.0.0' cannot be followed by '=2.0.0' (sorted by "
					   "version)"},
		{"vers:npm/1.0%2", "vers: invalid percent-encoding in version '1.0%2'"},
		{"vers:npm/>=", "vers: constraint '' has no version, or a stray comparator character "
				"(quote it as %XX)"},
		{"vers:pypi/>=1.x", "'1.x' is not a valid PyPI version (PEP 440)"},
		{"vers:none/1.0", "vers: the only valid form of scheme 'none' is 'vers:none/*'"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_vers v;
		struct crk_err err;
		crk_err_clear(&err);
		if (crk_vers_parse(&v, cases[i].vers, strlen(cases[i].vers), &err) == CRK_OK)
			fail_msg("%s: parsed", cases[i].vers);
		if (strcmp(err.msg, cases[i].msg) != 0)
			fail_msg("%s: '%s', want '%s'", cases[i].vers, err.msg, cases[i].msg);
		assert_null(v.c);
	}
	assert_string_equal(crk_vers_ecosystem("pypi"), "PyPI");
	assert_string_equal(crk_vers_ecosystem("deb"), "Debian");
	assert_null(crk_vers_ecosystem("cobol"));
}

/* ---- the corpus oracle ---- */

struct eco_count {
	char eco[64];
	size_t records, entries, versions, agree, disagree, explained, unevaluable;
	const void *last; /* the last record counted */
};

static struct eco_count *eco_slot(struct eco_count *t, size_t *n, const char *eco)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (strcmp(t[i].eco, eco) == 0)
			return &t[i];
	assert_true(*n < 32);
	memset(&t[*n], 0, sizeof(t[0]));
	snprintf(t[*n].eco, sizeof(t[0].eco), "%s", eco);
	return &t[(*n)++];
}

/* Known disagreements between a record's ranges and its `versions` list, each explained.
 * (The matcher reports a listed version as affected whatever the ranges say, as the schema's
 * IsVulnerable does: versions OR ranges.) */
static const struct {
	const char *id, *version, *why;
} known[] = {
	/* introduced 9.0.0-M11; Maven 3.9's ComparableVersion (the versions-oracle) orders
	 * 9.0.0.M1 = 9.0.0-M1 < 9.0.0-M11 (MNG-7644). The list was made with the older order,
	 * where "9.0.0.M1" keeps its zeros and sorts after "9.0.0-M11". */
	{"GHSA-f4qf-m5gf-8jm8", NULL, "Maven before 3.9 ordered 9.0.0.Mn after 9.0.0-M11"},
	/* ECOSYSTEM fixed 23.9.0, but the list comes from the GIT range, whose fix commit is not
	 * in the 23.9.0 tag: the record contradicts itself. */
	{"PYSEC-2023-177", NULL, "versions from the GIT range, ECOSYSTEM says fixed 23.9.0"},
	/* introduced 3.2 / 4.2: PEP 440 puts 3.2a1, 3.2b1, 3.2rc1 below 3.2; the list includes
	 * the pre-releases of the introduced release. */
	{"PYSEC-2023-61", NULL, "pre-releases of the introduced release listed"},
	/* Overlapping pairs [2.11, 2.11.7) and [0, 2.11.6): the schema's sorted timeline lets
	 * "fixed 2.11.6" close the interval opened by "introduced 2.11"; the list was made pair by
	 * pair. */
	{"PYSEC-2021-114", "2.11.6", "overlapping introduced/fixed pairs"},
	{NULL, NULL, NULL},
};

static const char *explained(const char *id, const char *version)
{
	size_t i;
	for (i = 0; known[i].id; i++)
		if (strcmp(known[i].id, id) == 0 &&
		    (!known[i].version || strcmp(known[i].version, version) == 0))
			return known[i].why;
	return NULL;
}

/* Evaluates one affected entry's non-GIT ranges for every listed version. */
static void oracle_entry(struct eco_count *c, const char *id, json_t *aff)
{
	const char *eco = json_string_value(json_object_get(json_object_get(aff, "package"),
							    "ecosystem"));
	json_t *ranges = json_object_get(aff, "ranges"), *versions = json_object_get(aff, "versions");
	struct crk_osv_range r[16];
	struct crk_range_event ev[16][64];
	size_t nr = 0, i, j;
	json_t *rg, *vv;
	if (!eco || !json_array_size(versions))
		return;
	json_array_foreach(ranges, i, rg) {
		const char *type = json_string_value(json_object_get(rg, "type"));
		json_t *e;
		if (!type || strcmp(type, "GIT") == 0 || nr == 16)
			continue;
		r[nr].type = strcmp(type, "SEMVER") == 0 ? CRK_RANGE_SEMVER : CRK_RANGE_ECOSYSTEM;
		r[nr].repo = NULL;
		r[nr].events = ev[nr];
		r[nr].nevents = 0;
		json_array_foreach(json_object_get(rg, "events"), j, e) {
			const char *k;
			json_t *v;
			json_object_foreach(e, k, v) {
				struct crk_range_event *x = &ev[nr][r[nr].nevents];
				assert_true(r[nr].nevents < 64);
				x->kind = strcmp(k, "introduced") == 0	      ? CRK_EVENT_INTRODUCED
					  : strcmp(k, "fixed") == 0	      ? CRK_EVENT_FIXED
					  : strcmp(k, "last_affected") == 0 ? CRK_EVENT_LAST_AFFECTED
									    : CRK_EVENT_LIMIT;
				x->version = json_string_value(v);
				x->len = json_string_length(v);
				r[nr].nevents++;
			}
		}
		nr++;
	}
	if (nr == 0)
		return; /* only GIT ranges: the list comes from git tags */
	c->entries++;
	json_array_foreach(versions, i, vv) {
		const char *v = json_string_value(vv);
		int in = 0, err_seen = 0;
		struct crk_err err;
		for (j = 0; j < nr && !in; j++) {
			struct crk_range_verdict vd;
			crk_err_clear(&err);
			if (crk_osv_range_eval(eco, &r[j], v, strlen(v), &vd, &err) != CRK_OK)
				err_seen = 1;
			else
				in = vd.affected;
		}
		c->versions++;
		if (in) {
			c->agree++;
		} else if (explained(id, v)) {
			c->explained++;
		} else if (err_seen) {
			c->unevaluable++;
			if (c->unevaluable < 6)
				printf("  %s %s %s: could not evaluate: %s\n", eco, id, v, err.msg);
		} else {
			c->disagree++;
			if (c->disagree < 20)
				printf("  DISAGREE %s %s: listed version %s is outside its ranges\n",
				       eco, id, v);
		}
	}
}

static void test_range__corpus_versions(void **state)
{
	static const char *const dirs[] = {"crates.io", "ghsa", "pypi", "go", "almalinux", "psf"};
	struct eco_count t[32];
	size_t nt = 0, d, i, disagree = 0, total = 0;
	(void)state;
	{
		DIR *probe = opendir(test_corpus("osv/pypi"));
		if (!probe) {
			printf("range: the shared corpus is absent (%s): skipped\n",
			       test_corpus("osv"));
			skip();
		}
		closedir(probe);
	}
	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char path[4096];
		DIR *dir;
		struct dirent *de;
		snprintf(path, sizeof(path), "%s", test_corpus("osv/"));
		strncat(path, dirs[d], sizeof(path) - strlen(path) - 1);
		assert_non_null(dir = opendir(path));
		while ((de = readdir(dir))) {
			char file[4096 + 256];
			json_t *rec, *aff;
			json_error_t jerr;
			const char *id;
			if (!strstr(de->d_name, ".json"))
				continue;
			snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
			assert_non_null(rec = json_load_file(file, 0, &jerr));
			id = json_string_value(json_object_get(rec, "id"));
			json_array_foreach(json_object_get(rec, "affected"), i, aff) {
				const char *eco = json_string_value(json_object_get(
					json_object_get(aff, "package"), "ecosystem"));
				struct eco_count *c;
				if (!eco || !json_array_size(json_object_get(aff, "versions")))
					continue;
				c = eco_slot(t, &nt, eco);
				if (c->last != rec)
					c->records++;
				c->last = rec;
				oracle_entry(c, id ? id : de->d_name, aff);
			}
			json_decref(rec);
		}
		closedir(dir);
	}
	for (i = 0; i < nt; i++) {
		printf("range oracle: %-10s %4zu records, %4zu entries, %6zu listed versions: %zu "
		       "agree, %zu disagree, %zu explained, %zu not valid %s versions\n",
		       t[i].eco, t[i].records, t[i].entries, t[i].versions, t[i].agree,
		       t[i].disagree, t[i].explained, t[i].unevaluable, t[i].eco);
		disagree += t[i].disagree;
		total += t[i].versions;
	}
	assert_true(total > 10000);
	assert_int_equal(disagree, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range__log4j_maven),
		cmocka_unit_test(test_range__lodash_npm),
		cmocka_unit_test(test_range__debian_epoch),
		cmocka_unit_test(test_range__pypi_prerelease),
		cmocka_unit_test(test_range__go_incompatible),
		cmocka_unit_test(test_range__last_affected),
		cmocka_unit_test(test_range__limit),
		cmocka_unit_test(test_range__multiple),
		cmocka_unit_test(test_range__git),
		cmocka_unit_test(test_range__errors),
		cmocka_unit_test(test_range__vers_spec),
		cmocka_unit_test(test_range__vers_cases),
		cmocka_unit_test(test_range__vers_errors),
		cmocka_unit_test(test_range__corpus_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
