/* test_yarn.c - yarn.lock v1 and berry (src/detect/yarn.c), on tests/data/yarn. Expected values
 * were worked out by hand from the fixtures. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

#define SHA512_A "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d" \
		 "560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"
#define SHA1_C "84a516841ba77a5b4648de2cd0dfcb30ea46dbb4"

/* Parses tests/data/<file> as yarn.lock; package.json comes from tests/data/<dir> (NULL: none).
 * Sorted: roots and edges are sorted and unique (ids change; purls stay). */
static void parse(struct run *r, const char *file, const char *dir)
{
	parse_fixture_at(r, NULL, file, "yarn.lock", dir, NULL);
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
}

static void check(struct run *r, const char *purl, const char *ns, const char *name,
		  const char *version, enum crk_scope scope, unsigned line, unsigned flags)
{
	const struct crk_component *c = get(r, purl);
	if (ns)
		assert_string_equal(c->ns, ns);
	else
		assert_null(c->ns);
	assert_string_equal(c->name, name);
	assert_string_equal(c->version, version);
	assert_string_equal(c->found_by, "npm/yarn-lock");
	assert_int_equal(c->scope, scope);
	assert_int_equal(c->occ[0].line, line);
	assert_int_equal(c->flags, flags);
}

static void test_yarn__v1_components(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "yarn/v1/yarn.lock", "yarn/v1");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	check(&r, "pkg:npm/%40babel/code-frame@7.12.13", "@babel", "code-frame", "7.12.13",
	      CRK_SCOPE_REQUIRED, 5, 0);
	c = get(&r, "pkg:npm/%40babel/code-frame@7.12.13");
	/* integrity first, the "#<sha1>" of the resolved URL after */
	assert_int_equal(c->nhashes, 2);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value, SHA512_A);
	assert_string_equal(c->hashes[1].alg, "SHA-1");
	assert_string_equal(c->hashes[1].value, "dcfc826beef65e75c50e21d3837d7d95798dd658");
	assert_string_equal(c->download_url,
			    "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz");
	check(&r, "pkg:npm/%40babel/highlight@7.13.10", "@babel", "highlight", "7.13.10",
	      CRK_SCOPE_REQUIRED, 12, 0);
	/* "ansi-regex-cjs@npm:ansi-regex@^5.0.0" installs ansi-regex */
	check(&r, "pkg:npm/ansi-regex@5.0.1", NULL, "ansi-regex", "5.0.1", CRK_SCOPE_OPTIONAL, 18,
	      0);
	check(&r, "pkg:npm/fsevents@2.3.2", NULL, "fsevents", "2.3.2", CRK_SCOPE_OPTIONAL, 22, 0);
	c = get(&r, "pkg:npm/fsevents@2.3.2");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].value, SHA1_C);
	check(&r, "pkg:npm/is-number@7.0.0", NULL, "is-number", "7.0.0", CRK_SCOPE_REQUIRED, 27,
	      CRK_PKG_GIT);
	c = get(&r, "pkg:npm/is-number@7.0.0");
	assert_string_equal(c->vcs_commit, "98e8ff1da1a89f93d1397a24d7413ed15421c139");
	assert_string_equal(c->vcs_url, "https://github.com/jonschlinkert/is-number");
	check(&r, "pkg:npm/js-tokens@4.0.0", NULL, "js-tokens", "4.0.0", CRK_SCOPE_REQUIRED, 31, 0);
	check(&r, "pkg:npm/local-lib@0.0.1", NULL, "local-lib", "0.0.1", CRK_SCOPE_REQUIRED, 35,
	      CRK_PKG_LOCAL);
	check(&r, "pkg:npm/mocha@10.2.0", NULL, "mocha", "10.2.0", CRK_SCOPE_DEV, 42, 0);
	done(&r);
}

static void test_yarn__v1_edges(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "yarn/v1/yarn.lock", "yarn/v1");
	assert_int_equal(r.rc, CRK_OK);
	assert_true(depends_purl(&r, "pkg:npm/%40babel/code-frame@7.12.13",
			    "pkg:npm/%40babel/highlight@7.13.10"));
	assert_true(depends_purl(&r, "pkg:npm/%40babel/highlight@7.13.10", "pkg:npm/js-tokens@4.0.0"));
	/* "js-tokens@^3.0.0 || ^4.0.0" is the first descriptor of the js-tokens header */
	assert_int_equal(get(&r, "pkg:npm/local-lib@0.0.1")->ndeps, 2);
	assert_true(depends_purl(&r, "pkg:npm/local-lib@0.0.1", "pkg:npm/js-tokens@4.0.0"));
	assert_true(depends_purl(&r, "pkg:npm/local-lib@0.0.1", "pkg:npm/fsevents@2.3.2"));
	/* unknown-dep has no entry: no edge */
	assert_int_equal(get(&r, "pkg:npm/mocha@10.2.0")->ndeps, 1);
	/* package.json's direct dependencies */
	assert_int_equal(nroots(&r), 5);
	assert_true(is_root_purl(&r, "pkg:npm/%40babel/code-frame@7.12.13"));
	assert_true(is_root_purl(&r, "pkg:npm/is-number@7.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/local-lib@0.0.1"));
	assert_true(is_root_purl(&r, "pkg:npm/ansi-regex@5.0.1"));
	assert_true(is_root_purl(&r, "pkg:npm/mocha@10.2.0"));
	done(&r);
}

static void test_yarn__v1_without_manifest(void **state)
{
	struct run r;
	size_t i;
	(void)state;
	parse(&r, "yarn/v1/yarn.lock", NULL);
	assert_int_equal(r.rc, CRK_OK);
	/* no dev split without package.json (optionalDependencies still count); roots: entries
	 * nobody depends on */
	for (i = 0; i < crk_bom_count(r.bom); i++) {
		const struct crk_component *c = crk_bom_get(r.bom, i);
		assert_int_equal(c->scope, strcmp(c->name, "fsevents") == 0 ? CRK_SCOPE_OPTIONAL
									 : CRK_SCOPE_REQUIRED);
	}
	assert_int_equal(nroots(&r), 5);
	assert_true(is_root_purl(&r, "pkg:npm/%40babel/code-frame@7.12.13"));
	assert_true(is_root_purl(&r, "pkg:npm/ansi-regex@5.0.1"));
	assert_true(is_root_purl(&r, "pkg:npm/is-number@7.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/local-lib@0.0.1"));
	assert_true(is_root_purl(&r, "pkg:npm/mocha@10.2.0"));
	done(&r);
}

static void test_yarn__berry(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "yarn/berry/yarn.lock", "yarn/berry");
	assert_int_equal(r.rc, CRK_OK);
	/* 13 entries: the project is not a component, the two resolve entries are one */
	assert_int_equal(crk_bom_count(r.bom), 9);
	assert_null(crk_bom_find(r.bom, "pkg:npm/app@0.0.0-use.local"));
	check(&r, "pkg:npm/%40types/node@20.1.0", "@types", "node", "20.1.0", CRK_SCOPE_REQUIRED,
	      8, 0);
	c = get(&r, "pkg:npm/%40types/node@20.1.0");
	assert_int_equal(c->nhashes, 0); /* yarn's checksum is not a hash of the tarball */
	assert_string_equal(prop(c, "yarn.checksum"), "10c0/abc123");
	check(&r, "pkg:npm/fsevents@2.3.2", NULL, "fsevents", "2.3.2", CRK_SCOPE_OPTIONAL, 31, 0);
	check(&r, "pkg:npm/is-number@7.0.0", NULL, "is-number", "7.0.0", CRK_SCOPE_REQUIRED, 38,
	      CRK_PKG_GIT);
	c = get(&r, "pkg:npm/is-number@7.0.0");
	assert_string_equal(c->vcs_commit, "98e8ff1da1a89f93d1397a24d7413ed15421c139");
	assert_string_equal(c->vcs_url, "https://github.com/jonschlinkert/is-number.git");
	assert_null(c->download_url);
	check(&r, "pkg:npm/lib-a@0.0.0-use.local", NULL, "lib-a", "0.0.0-use.local",
	      CRK_SCOPE_REQUIRED, 44, CRK_PKG_LOCAL);
	check(&r, "pkg:npm/local-dep@0.0.0-use.local", NULL, "local-dep", "0.0.0-use.local",
	      CRK_SCOPE_REQUIRED, 52, CRK_PKG_LOCAL);
	check(&r, "pkg:npm/mocha@10.2.0", NULL, "mocha", "10.2.0", CRK_SCOPE_DEV, 58, 0);
	check(&r, "pkg:npm/ms@2.1.3", NULL, "ms", "2.1.3", CRK_SCOPE_DEV, 66, 0);
	check(&r, "pkg:npm/resolve@1.22.8", NULL, "resolve", "1.22.8", CRK_SCOPE_REQUIRED, 72, 0);
	assert_int_equal(get(&r, "pkg:npm/resolve@1.22.8")->nocc, 2);
	assert_int_equal(get(&r, "pkg:npm/resolve@1.22.8")->occ[1].line, 78); /* the patch */
	/* an alias: the resolution names the real package */
	check(&r, "pkg:npm/string-width@4.2.3", NULL, "string-width", "4.2.3", CRK_SCOPE_REQUIRED,
	      84, 0);

	/* the project's dependencies are the direct ones */
	assert_int_equal(nroots(&r), 6);
	assert_true(is_root_purl(&r, "pkg:npm/%40types/node@20.1.0"));
	assert_true(is_root_purl(&r, "pkg:npm/fsevents@2.3.2"));
	assert_true(is_root_purl(&r, "pkg:npm/lib-a@0.0.0-use.local"));
	assert_true(is_root_purl(&r, "pkg:npm/mocha@10.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/resolve@1.22.8"));
	assert_true(is_root_purl(&r, "pkg:npm/string-width@4.2.3"));
	assert_true(depends_purl(&r, "pkg:npm/lib-a@0.0.0-use.local", "pkg:npm/is-number@7.0.0"));
	/* "ms: ^2.1.3" finds "ms@npm:^2.1.3" */
	assert_true(depends_purl(&r, "pkg:npm/mocha@10.2.0", "pkg:npm/ms@2.1.3"));
	done(&r);
}

static void test_yarn__berry_without_manifest(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "yarn/berry/yarn.lock", NULL);
	assert_int_equal(r.rc, CRK_OK);
	/* no dev split without package.json; dependenciesMeta still marks fsevents optional */
	assert_int_equal(get(&r, "pkg:npm/mocha@10.2.0")->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(get(&r, "pkg:npm/ms@2.1.3")->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(get(&r, "pkg:npm/fsevents@2.3.2")->scope, CRK_SCOPE_OPTIONAL);
	assert_int_equal(nroots(&r), 6);
	done(&r);
}

static void test_yarn__errors(void **state)
{
	static const struct {
		const char *file;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"yarn/unterminated.lock", 3, 1, "unterminated string"},
		{"yarn/indented-first.lock", 3, 1, "indented line before the first entry"},
		{"yarn/no-colon.lock", 6, 1, "expected an entry header ending with ':'"},
		{"yarn/berry-entry-scalar.lock", 4, 1, "entry 'a@npm:^1.0.0' is not a mapping"},
	};
	struct run r;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse(&r, cases[i].file, NULL);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, "yarn.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		done(&r);
	}
	parse(&r, "yarn/berry-unterminated.lock", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 7);
	assert_non_null(strstr(r.err.msg, "malformed YAML: "));
	done(&r);
}

static void test_yarn__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("yarn.lock"), "npm/yarn-lock");
	assert_string_equal(crk_sbom_detector_for("path/to/my/yarn.lock"), "npm/yarn-lock");
	assert_null(crk_sbom_detector_for("path/to/my/yarn.lock.file"));
	assert_null(crk_sbom_detector_for("foo/node_modules/bar/yarn.lock"));
}

static void test_yarn__allocation_failures(void **state)
{
	static const char *const files[][2] = {
		{"yarn/v1/yarn.lock", "yarn/v1"},
		{"yarn/berry/yarn.lock", "yarn/berry"},
	};
	size_t f;
	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		uint64_t n;
		for (n = 1; n < 100000; n++) {
			struct run r;
			char path[4096], d[4096], *buf;
			size_t len;
			snprintf(path, sizeof(path), "%s", test_data(files[f][0]));
			snprintf(d, sizeof(d), "%s", test_data(files[f][1]));
			assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err),
					 CRK_OK);
			r.bom = crk_bom_new();
			assert_non_null(r.bom);
			crk_diags_init(&r.diags);
			crk_alloc_fail_after(n);
			r.rc = crk_sbom_parse_file(r.bom, "yarn.lock", "yarn.lock", d, buf, len,
						   &r.diags, &r.err);
			crk_alloc_fail_after(0);
			crk_free(buf);
			done(&r);
			if (r.rc == CRK_OK)
				break;
			if (r.rc != CRK_ENOMEM)
				fail_msg("%s, allocation %llu: rc %d: %s", files[f][0],
					 (unsigned long long)n, r.rc, r.err.msg);
		}
		assert_true(n < 100000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yarn__v1_components),
		cmocka_unit_test(test_yarn__v1_edges),
		cmocka_unit_test(test_yarn__v1_without_manifest),
		cmocka_unit_test(test_yarn__berry),
		cmocka_unit_test(test_yarn__berry_without_manifest),
		cmocka_unit_test(test_yarn__errors),
		cmocka_unit_test(test_yarn__file_names),
		cmocka_unit_test(test_yarn__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
