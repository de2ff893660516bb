/*
 * test_compact.c - crk_match_affected_compact() (src/match/compact.c): an OSV affected entry
 * keeps what the matcher reads, loses its `versions` list only when every listed version lies
 * inside a range ordered by the list's own comparator, and the matcher then reports exactly
 * what it reported with the whole entry.
 *
 * Hand-written entries check each rule with the exact text stored; then every affected entry
 * of the corpus's OSV records (../shared/corpus/osv, skipped when absent) is compacted and
 * matched against the versions the entry names (listed ones, its events) and near misses of
 * them, whole and compact: the findings (status, range text or reason, fixed versions, CVSS
 * vectors) must be the same.
 */
#include <dirent.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "../test.h"

#include "base/alloc.h"
#include "crakit/bom.h"
#include "crakit/match.h"

/* The entry compacted, or "" when it is kept as it is (static buffer). */
static const char *compact(const char *json)
{
	static char buf[8192];
	struct crk_err err;
	char *out = NULL;
	size_t len = 0;
	crk_err_clear(&err);
	assert_int_equal(crk_match_affected_compact(json, strlen(json), &out, &len, &err), CRK_OK);
	if (!out)
		return "";
	assert_int_equal(strlen(out), len);
	snprintf(buf, sizeof(buf), "%s", out);
	crk_free(out);
	return buf;
}

#define PKG(eco, name) "{\"package\":{\"ecosystem\":\"" eco "\",\"name\":\"" name "\"}"
#define ECO(intro, fix)                                                                        \
	"\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"" intro "\"},{\"fixed\":\"" \
	fix "\"}]}]"

static void test_compact__rules(void **state)
{
	(void)state;
	/* every listed version inside the ECOSYSTEM range: the list goes; so do the package's
	 * purl, database_specific and ecosystem_specific (of the entry and of its ranges) */
	assert_string_equal(
		compact("{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"x\",\"purl\":\"pkg:pypi/x\"},"
			"\"ecosystem_specific\":{\"affects\":[1]},\"ranges\":[{\"type\":\"ECOSYSTEM\","
			"\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.5\"}],"
			"\"database_specific\":{\"source\":\"x\"}}],\"versions\":[\"1.0\",\"1.2\","
			"\"1.4.post1\"],\"database_specific\":{\"a\":1},\"severity\":[{\"type\":"
			"\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]}"),
		PKG("PyPI", "x") "," ECO("1.0", "1.5") ",\"severity\":[{\"type\":\"CVSS_V3\","
				  "\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]}");
	/* equal as PEP 440 compares ("1.0.0" == "1.0"), not as text: still inside */
	assert_string_equal(compact(PKG("PyPI", "x") "," ECO("1.0", "2") ",\"versions\":[\"1.0.0\"]}"),
			    PKG("PyPI", "x") "," ECO("1.0", "2") "}");
	/* last_affected closes the interval at the version itself; a GIT range keeps its repo */
	assert_string_equal(
		compact(PKG("Maven", "g:a") ",\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{"
					    "\"introduced\":\"0\"},{\"last_affected\":\"1.3\"}]},{\"type\":\"GIT\","
					    "\"repo\":\"https://example.org/a\",\"events\":[{\"introduced\":\"0\"}]}],"
					    "\"versions\":[\"1.0\",\"1.3\"]}"),
		PKG("Maven", "g:a") ",\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":"
				    "\"0\"},{\"last_affected\":\"1.3\"}]},{\"type\":\"GIT\",\"repo\":"
				    "\"https://example.org/a\",\"events\":[{\"introduced\":\"0\"}]}]}");
	/* npm's SEMVER range is ordered by npm's comparator, the list's own */
	assert_string_equal(
		compact(PKG("npm", "x") ",\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
					"\"0\"},{\"fixed\":\"4.17.19\"}]}],\"versions\":[\"4.17.15\"]}"),
		PKG("npm", "x") ",\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
				"{\"fixed\":\"4.17.19\"}]}]}");

	/* the list stays: a listed version outside every range (the list decides for it) */
	assert_string_equal(compact(PKG("PyPI", "x") "," ECO("1.0", "1.5") ",\"versions\":[\"1.0\","
								"\"1.5\"]}"),
			    PKG("PyPI", "x") "," ECO("1.0", "1.5") ",\"versions\":[\"1.0\",\"1.5\"]}");
	/* ... a listed version the ecosystem rejects (OSV allows tags there; matched as text) */
	assert_string_equal(compact(PKG("PyPI", "buildbot") "," ECO("0", "1.8.2") ",\"versions\":["
								      "\"0.7.10p1\",\"0.8.0\"]}"),
			    PKG("PyPI", "buildbot") "," ECO("0", "1.8.2") ",\"versions\":["
							      "\"0.7.10p1\",\"0.8.0\"]}");
	/* ... a SEMVER range of PyPI is ordered by generic SemVer, not PEP 440 */
	assert_string_equal(
		compact(PKG("PyPI", "x") ",\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":"
					 "\"0\"},{\"fixed\":\"2.0.0\"}]}],\"versions\":[\"1.0.0\"]}"),
		PKG("PyPI", "x") ",\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
				 "{\"fixed\":\"2.0.0\"}]}],\"versions\":[\"1.0.0\"]}");
	/* ... only GIT ranges (released versions are decided by the list alone) */
	assert_string_equal(
		compact(PKG("PyPI", "x") ",\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://e.org/x\","
					 "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"abc\"}]}],"
					 "\"versions\":[\"1.0\"]}"),
		PKG("PyPI", "x") ",\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://e.org/x\","
				 "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"abc\"}]}],"
				 "\"versions\":[\"1.0\"]}");
	/* no list; an empty one (it decides nothing either) */
	assert_string_equal(compact(PKG("PyPI", "x") ",\"database_specific\":{}," ECO("0", "1") "}"),
			    PKG("PyPI", "x") "," ECO("0", "1") "}");
	assert_string_equal(compact(PKG("crates.io", "x") "," ECO("0", "1") ",\"versions\":[]}"),
			    PKG("crates.io", "x") "," ECO("0", "1") "}");

	/* kept as it is: a range the matcher reports as unreadable, no package, not JSON */
	assert_string_equal(
		compact(PKG("PyPI", "x") ",\"ranges\":[{\"type\":\"WEIRD\",\"events\":[{\"introduced\":"
					 "\"0\"}]},{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}],"
					 "\"versions\":[\"1.0\"]}"),
		"");
	assert_string_equal(compact("{\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{"
				    "\"introduced\":\"0\"}]}],\"versions\":[\"1.0\"]}"),
			    "");
	assert_string_equal(compact("{\"package\":"), "");
	assert_string_equal(compact("[1,2]"), "");
}

static void test_compact__oom(void **state)
{
	static const char e[] =
		"{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"x\"},\"ranges\":[{\"type\":"
		"\"ECOSYSTEM\",\"events\":[{\"introduced\":\"1.0\"},{\"fixed\":\"1.5\"}]}],"
		"\"versions\":[\"1.0\",\"1.2\",\"1.4\"]}";
	uint64_t n;
	int done = 0;
	(void)state;
	for (n = 1; n < 1000 && !done; n++) {
		struct crk_err err;
		char *out = NULL;
		size_t len;
		int rc;
		crk_err_clear(&err);
		crk_alloc_fail_after(n);
		rc = crk_match_affected_compact(e, sizeof(e) - 1, &out, &len, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK && out) {
			done = crk_alloc_failures() == 0;
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
			assert_null(out);
		}
		crk_free(out);
	}
	assert_true(done);
}

/* ---- the corpus: the same findings with and without the list ---- */

/* a lookup that emits one entry, whatever is asked (the matcher checks package and release) */
struct one {
	const char *json;
};

static int one_lookup(void *ud, const char *eco, const char *name, crk_match_emit_fn emit,
		      void *ctx, struct crk_err *err)
{
	struct one *o = ud;
	struct crk_match_advisory adv;
	(void)eco, (void)name;
	memset(&adv, 0, sizeof(adv));
	adv.id = "TEST-1";
	adv.affected_json = o->json;
	adv.affected_len = strlen(o->json);
	return emit(ctx, &adv, err);
}

/* The component (purl type, namespace, name) of an OSV package, for the ecosystems handled
 * here; 0 for others. `buf` holds the split name. */
static int pkg_of(const char *eco, const char *name, char *buf, size_t bufsz, const char **type,
		  const char **ns, const char **nm)
{
	static const struct {
		const char *eco, *type;
		char sep; /* namespace separator, '\0': none */
	} map[] = {{"PyPI", "pypi", 0},       {"crates.io", "cargo", 0}, {"npm", "npm", '/'},
		   {"Go", "golang", '/'},     {"Maven", "maven", ':'},  {"NuGet", "nuget", 0},
		   {"RubyGems", "gem", 0},    {"Packagist", "composer", '/'}};
	size_t i;
	char *s;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(eco, map[i].eco) == 0)
			break;
	if (i == sizeof(map) / sizeof(map[0]) || strlen(name) >= bufsz)
		return 0;
	snprintf(buf, bufsz, "%s", name);
	*type = map[i].type;
	*ns = NULL;
	*nm = buf;
	if (map[i].sep && (s = strrchr(buf, map[i].sep))) {
		*s = '\0';
		*ns = buf;
		*nm = s + 1;
	} else if (map[i].sep == ':') {
		return 0; /* a Maven name without a group */
	}
	return 1;
}

/* "status range | fixed..." of the entry for (eco, name, version): "" when no finding. */
static void verdict(const char *json, const char *eco, const char *type, const char *ns,
		    const char *nm, const char *version, char *out, size_t outsz)
{
	struct one o = {json};
	struct crk_match_source src = {&o, one_lookup};
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f = crk_findings_new();
	struct crk_pkg p;
	struct crk_err err;
	size_t id = 0, i, k, w = 0;
	assert_non_null(bom);
	assert_non_null(f);
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.ns = ns;
	p.name = nm;
	p.version = version;
	p.ecosystem = eco;
	p.path = "test";
	out[0] = '\0';
	crk_err_clear(&err);
	if (crk_bom_add(bom, &p, &id, &err) == CRK_OK) {
		assert_int_equal(crk_match_bom(f, bom, &src, 0, &err), CRK_OK);
		for (i = 0; i < f->n; i++) {
			const struct crk_finding *x = &f->v[i];
			w += (size_t)snprintf(out + w, outsz - w, "%d %s |", (int)x->status,
					      x->range ? x->range : (x->reason ? x->reason : ""));
			for (k = 0; k < x->nfixed && w < outsz; k++)
				w += (size_t)snprintf(out + w, outsz - w, " %s", x->fixed[k]);
			for (k = 0; k < x->nseverity && w < outsz; k++)
				w += (size_t)snprintf(out + w, outsz - w, " %s", x->severity[k].vector);
			if (w >= outsz)
				break;
		}
	} else {
		snprintf(out, outsz, "not a component");
	}
	crk_findings_free(f);
	crk_bom_free(bom);
}

struct tally {
	size_t entries, with_list, compacted, dropped, versions;
};

/* The versions an entry names (listed, events) and near misses of each. */
static size_t probes(json_t *aff, const char **v, char (*scratch)[128], size_t max)
{
	json_t *x, *r, *e, *val;
	size_t n = 0, i, j, m = 0;
	const char *k;
	json_array_foreach(json_object_get(aff, "versions"), i, x) if (json_is_string(x) &&
								      n < max / 3)
		v[n++] = json_string_value(x);
	json_array_foreach(json_object_get(aff, "ranges"), i, r)
		json_array_foreach(json_object_get(r, "events"), j, e)
			json_object_foreach(e, k, val) if (json_is_string(val) && n < max / 3)
				v[n++] = json_string_value(val);
	for (i = 0, m = n; i < n && m + 2 <= max; i++) {
		snprintf(scratch[2 * i], 128, "%s.1", v[i]);
		snprintf(scratch[2 * i + 1], 128, "%s-rc1", v[i]);
		v[m++] = scratch[2 * i];
		v[m++] = scratch[2 * i + 1];
	}
	return m;
}

static void check_entry(json_t *aff, struct tally *t)
{
	enum { MAXP = 18 };
	json_t *pkg = json_object_get(aff, "package");
	const char *eco = json_string_value(json_object_get(pkg, "ecosystem"));
	const char *name = json_string_value(json_object_get(pkg, "name"));
	const char *v[MAXP], *type, *ns, *nm;
	static char scratch[MAXP][128];
	char nbuf[512], a[2048], b[2048];
	char *full, *small = NULL;
	size_t len, n, i;
	struct crk_err err;

	t->entries++;
	t->with_list += json_array_size(json_object_get(aff, "versions")) > 0;
	full = json_dumps(aff, JSON_COMPACT);
	assert_non_null(full);
	crk_err_clear(&err);
	assert_int_equal(crk_match_affected_compact(full, strlen(full), &small, &len, &err),
			 CRK_OK);
	if (small) {
		t->compacted++;
		t->dropped += json_array_size(json_object_get(aff, "versions")) > 0 &&
			      !strstr(small, "\"versions\"");
	}
	if (small && eco && name && pkg_of(eco, name, nbuf, sizeof(nbuf), &type, &ns, &nm)) {
		n = probes(aff, v, scratch, MAXP);
		for (i = 0; i < n; i++) {
			verdict(full, eco, type, ns, nm, v[i], a, sizeof(a));
			verdict(small, eco, type, ns, nm, v[i], b, sizeof(b));
			if (strcmp(a, b) != 0)
				fail_msg("%s %s@%s: whole \"%s\", compact \"%s\"\n%s", eco, name,
					 v[i], a, b, full);
			t->versions++;
		}
	}
	crk_free(small);
	free(full);
}

static void walk(const char *dir, struct tally *t, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d || depth > 4) {
		if (d)
			closedir(d);
		return;
	}
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		json_error_t jerr;
		json_t *rec, *aff;
		size_t i;
		if (de->d_name[0] == '.' || strcmp(de->d_name, "schema") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path, t, depth + 1);
			continue;
		}
		if (!strstr(de->d_name, ".json") || !(rec = json_load_file(path, 0, &jerr)))
			continue;
		json_array_foreach(json_object_get(rec, "affected"), i, aff) check_entry(aff, t);
		json_decref(rec);
	}
	closedir(d);
}

static void test_compact__corpus(void **state)
{
	struct tally t = {0, 0, 0, 0, 0};
	struct stat st;
	(void)state;
	if (stat(test_corpus("osv"), &st) != 0) {
		print_message("SKIP: no corpus at %s (set CRAKIT_CORPUS)\n", test_corpus("osv"));
		skip();
	}
	walk(test_corpus("osv"), &t, 0);
	print_message("corpus: %zu entries, %zu compacted (%zu of %zu versions lists dropped), "
		      "checked on %zu versions: same findings\n",
		      t.entries, t.compacted, t.dropped, t.with_list, t.versions);
	/* the corpus's PyPI and GHSA lists repeat their ranges: most are dropped */
	assert_true(t.dropped > 3000);
	assert_true(t.compacted > t.entries * 9 / 10);
	assert_true(t.versions > 5 * t.compacted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact__rules),
		cmocka_unit_test(test_compact__oom),
		cmocka_unit_test(test_compact__corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
