/* test_npm_lock.c - package-lock.json / npm-shrinkwrap.json (src/detect/npm_lock.c), on
 * tests/data/npm. Expected values were worked out by hand from the fixtures. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

#define SHA512_A "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d" \
		 "560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"
#define SHA512_D "48fb10b15f3d44a09dc82d02b06581e0c0c69478c9fd2cf8f9093659019a1687baecdbb38c9e72" \
		 "b12169dc4148690f87467f9154f5931c5df665c6496cbfd5f5"
#define SHA512_E "87c568e037a5fa50b1bc911e8ee19a77c4dd3c22bce9932f86fdd8a216afe1681c89737fada685" \
		 "9e91047eece711ec16da62d6ccb9fd0de2c51f132347350d8c"
#define SHA1_C "84a516841ba77a5b4648de2cd0dfcb30ea46dbb4"

/* Parses tests/data/<file> as `parse_as`; siblings come from tests/data/<dir> (NULL: none).
 * Sorted: roots and edges are sorted and unique (ids change; purls stay). */
static void parse(struct run *r, const char *file, const char *parse_as, const char *dir)
{
	parse_fixture_at(r, NULL, file, parse_as, dir, NULL);
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
}

static void check(struct run *r, const char *purl, const char *ns, const char *name,
		  const char *version, enum crk_scope scope, unsigned line)
{
	const struct crk_component *c = get(r, purl);
	if (ns)
		assert_string_equal(c->ns, ns);
	else
		assert_null(c->ns);
	assert_string_equal(c->name, name);
	if (version)
		assert_string_equal(c->version, version);
	else
		assert_null(c->version);
	assert_string_equal(c->ecosystem, "npm");
	assert_string_equal(c->found_by, "npm/package-lock");
	assert_int_equal(c->scope, scope);
	assert_true(c->nocc >= 1);
	assert_int_equal(c->occ[0].line, line);
}

static void test_npm_lock__v2_packages(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "npm/v2-workspaces.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 10);

	check(&r, "pkg:npm/%40types/node@20.1.0", "@types", "node", "20.1.0", CRK_SCOPE_REQUIRED, 23);
	c = get(&r, "pkg:npm/%40types/node@20.1.0");
	assert_string_equal(hash(c, "SHA-512"), SHA512_A);
	assert_string_equal(c->download_url,
			    "https://registry.npmjs.org/@types/node/-/node-20.1.0.tgz");
	assert_string_equal(c->license, "MIT");
	assert_int_equal(c->flags, 0);

	check(&r, "pkg:npm/fsevents@2.3.2", NULL, "fsevents", "2.3.2", CRK_SCOPE_OPTIONAL, 29);
	/* kept as declared; the writers make it a LicenseRef */
	assert_string_equal(get(&r, "pkg:npm/fsevents@2.3.2")->license, "SEE LICENSE IN LICENSE.md");

	check(&r, "pkg:npm/is-number@7.0.0", NULL, "is-number", "7.0.0", CRK_SCOPE_REQUIRED, 36);
	c = get(&r, "pkg:npm/is-number@7.0.0");
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "git+ssh://git@github.com/jonschlinkert/is-number.git");
	assert_string_equal(c->vcs_commit, "98e8ff1da1a89f93d1397a24d7413ed15421c139");
	assert_null(c->download_url);

	check(&r, "pkg:npm/left-pad@1.3.0", NULL, "left-pad", "1.3.0", CRK_SCOPE_REQUIRED, 41);
	c = get(&r, "pkg:npm/left-pad@1.3.0");
	assert_int_equal(c->nhashes, 2); /* both SRI hashes of the one integrity value */
	assert_string_equal(hash(c, "SHA-1"), SHA1_C);
	assert_string_equal(hash(c, "SHA-512"), SHA512_D);
	assert_string_equal(c->license, "WTFPL");

	check(&r, "pkg:npm/mocha@10.2.0", NULL, "mocha", "10.2.0", CRK_SCOPE_DEV, 51);
	check(&r, "pkg:npm/debug@4.3.4", NULL, "debug", "4.3.4", CRK_SCOPE_DEV, 59);
	check(&r, "pkg:npm/ms@2.1.2", NULL, "ms", "2.1.2", CRK_SCOPE_DEV, 66);
	check(&r, "pkg:npm/ms@2.1.3", NULL, "ms", "2.1.3", CRK_SCOPE_DEV, 70); /* devOptional */
	/* an alias: node_modules/string-width-cjs holds string-width */
	check(&r, "pkg:npm/string-width@4.2.3", NULL, "string-width", "4.2.3", CRK_SCOPE_DEV, 74);
	c = get(&r, "pkg:npm/string-width@4.2.3");
	assert_int_equal(c->nprops, 1);
	assert_string_equal(c->props[0].key, "npm.bundled");
	assert_string_equal(c->props[0].value, "true");
	/* the workspace package, reached through the node_modules/lib-a link */
	check(&r, "pkg:npm/lib-a@0.1.0", NULL, "lib-a", "0.1.0", CRK_SCOPE_REQUIRED, 80);
	c = get(&r, "pkg:npm/lib-a@0.1.0");
	assert_int_equal(c->flags, CRK_PKG_LOCAL);
	assert_string_equal(c->license, "(MIT OR Apache-2.0)");
	done(&r);
}

static void test_npm_lock__v2_edges(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "npm/v2-workspaces.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	/* the "" entry's four dependency lists, plus the workspace package */
	assert_int_equal(nroots(&r), 5);
	assert_true(is_root_purl(&r, "pkg:npm/%40types/node@20.1.0"));
	assert_true(is_root_purl(&r, "pkg:npm/left-pad@1.3.0"));
	assert_true(is_root_purl(&r, "pkg:npm/lib-a@0.1.0"));
	assert_true(is_root_purl(&r, "pkg:npm/mocha@10.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/fsevents@2.3.2"));
	/* nearest node_modules first: mocha's own debug, the root ms */
	assert_int_equal(get(&r, "pkg:npm/mocha@10.2.0")->ndeps, 2);
	assert_true(depends_purl(&r, "pkg:npm/mocha@10.2.0", "pkg:npm/debug@4.3.4"));
	assert_true(depends_purl(&r, "pkg:npm/mocha@10.2.0", "pkg:npm/ms@2.1.3"));
	assert_int_equal(get(&r, "pkg:npm/debug@4.3.4")->ndeps, 1);
	assert_true(depends_purl(&r, "pkg:npm/debug@4.3.4", "pkg:npm/ms@2.1.2"));
	/* a workspace resolves from its folder, then the root */
	assert_int_equal(get(&r, "pkg:npm/lib-a@0.1.0")->ndeps, 1);
	assert_true(depends_purl(&r, "pkg:npm/lib-a@0.1.0", "pkg:npm/is-number@7.0.0"));
	assert_int_equal(get(&r, "pkg:npm/left-pad@1.3.0")->ndeps, 0);
	done(&r);
}

static void test_npm_lock__v1_nested_and_specs(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "npm/v1/package-lock.json", "package-lock.json", "npm/v1");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 10);
	check(&r, "pkg:npm/%40babel/code-frame@7.0.0", "@babel", "code-frame", "7.0.0",
	      CRK_SCOPE_REQUIRED, 7);
	assert_string_equal(hash(get(&r, "pkg:npm/%40babel/code-frame@7.0.0"), "SHA-512"),
			    SHA512_E);
	check(&r, "pkg:npm/chalk@2.4.2", NULL, "chalk", "2.4.2", CRK_SCOPE_REQUIRED, 15);
	check(&r, "pkg:npm/supports-color@5.5.0", NULL, "supports-color", "5.5.0",
	      CRK_SCOPE_REQUIRED, 21);
	check(&r, "pkg:npm/has-flag@3.0.0", NULL, "has-flag", "3.0.0", CRK_SCOPE_REQUIRED, 29);
	check(&r, "pkg:npm/supports-color@7.2.0", NULL, "supports-color", "7.2.0", CRK_SCOPE_DEV,
	      44);
	check(&r, "pkg:npm/has-flag@4.0.0", NULL, "has-flag", "4.0.0", CRK_SCOPE_DEV, 51);
	/* "file:" spec: no version, local */
	check(&r, "pkg:npm/local-thing", NULL, "local-thing", NULL, CRK_SCOPE_REQUIRED, 32);
	assert_int_equal(get(&r, "pkg:npm/local-thing")->flags, CRK_PKG_LOCAL);
	/* git spec in "version": no version, the commit */
	check(&r, "pkg:npm/raven-js", NULL, "raven-js", NULL, CRK_SCOPE_REQUIRED, 35);
	c = get(&r, "pkg:npm/raven-js");
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_commit, "c2b377e7a254264fd4a1fe328e4e3cfc9e245570");
	assert_string_equal(c->vcs_url, "git+ssh://git@github.com/getsentry/raven-js.git");
	/* "npm:string-width@4.2.0" alias */
	check(&r, "pkg:npm/string-width@4.2.0", NULL, "string-width", "4.2.0", CRK_SCOPE_OPTIONAL,
	      39);
	/* a tarball URL as the version */
	check(&r, "pkg:npm/tarball", NULL, "tarball", NULL, CRK_SCOPE_REQUIRED, 57);
	c = get(&r, "pkg:npm/tarball");
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/tarball-1.0.0.tgz");
	done(&r);
}

static void test_npm_lock__v1_edges_with_manifest(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "npm/v1/package-lock.json", "package-lock.json", "npm/v1");
	assert_int_equal(r.rc, CRK_OK);
	/* requires resolve to the nested copy first */
	assert_true(depends_purl(&r, "pkg:npm/%40babel/code-frame@7.0.0", "pkg:npm/chalk@2.4.2"));
	assert_int_equal(get(&r, "pkg:npm/chalk@2.4.2")->ndeps, 1);
	assert_true(depends_purl(&r, "pkg:npm/chalk@2.4.2", "pkg:npm/supports-color@5.5.0"));
	assert_true(depends_purl(&r, "pkg:npm/supports-color@5.5.0", "pkg:npm/has-flag@3.0.0"));
	assert_true(depends_purl(&r, "pkg:npm/supports-color@7.2.0", "pkg:npm/has-flag@4.0.0"));
	/* the direct dependencies are package.json's */
	assert_int_equal(nroots(&r), 5);
	assert_true(is_root_purl(&r, "pkg:npm/%40babel/code-frame@7.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/local-thing"));
	assert_true(is_root_purl(&r, "pkg:npm/raven-js"));
	assert_true(is_root_purl(&r, "pkg:npm/string-width@4.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/supports-color@7.2.0"));
	assert_false(is_root_purl(&r, "pkg:npm/tarball"));
	done(&r);
}

static void test_npm_lock__v1_edges_without_manifest(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "npm/v1/package-lock.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	/* top-level packages no other package requires */
	assert_int_equal(nroots(&r), 6);
	assert_true(is_root_purl(&r, "pkg:npm/%40babel/code-frame@7.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/local-thing"));
	assert_true(is_root_purl(&r, "pkg:npm/raven-js"));
	assert_true(is_root_purl(&r, "pkg:npm/string-width@4.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/supports-color@7.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/tarball"));
	assert_false(is_root_purl(&r, "pkg:npm/chalk@2.4.2"));
	assert_false(is_root_purl(&r, "pkg:npm/has-flag@3.0.0"));
	done(&r);
}

static void test_npm_lock__shrinkwrap_wins(void **state)
{
	struct run r;
	(void)state;
	/* package-lock.json beside npm-shrinkwrap.json: npm ignores it, so do we */
	parse(&r, "npm/both/package-lock.json", "package-lock.json", "npm/both");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	parse(&r, "npm/both/npm-shrinkwrap.json", "npm-shrinkwrap.json", "npm/both");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	check(&r, "pkg:npm/wrappy@1.0.2", NULL, "wrappy", "1.0.2", CRK_SCOPE_REQUIRED, 5);
	assert_true(is_root_purl(&r, "pkg:npm/wrappy@1.0.2"));
	done(&r);
	/* alone (no folder to look in), a package-lock.json is read */
	parse(&r, "npm/both/package-lock.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	check(&r, "pkg:npm/stale@1.0.0", NULL, "stale", "1.0.0", CRK_SCOPE_REQUIRED, 5);
	done(&r);
}

static void test_npm_lock__escaped_keys_keep_lines(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "npm/escaped-keys.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	check(&r, "pkg:npm/%40scope/a@1.0.0", "@scope", "a", "1.0.0", CRK_SCOPE_REQUIRED, 4);
	check(&r, "pkg:npm/b@2.0.0", NULL, "b", "2.0.0", CRK_SCOPE_REQUIRED, 5);
	check(&r, "pkg:npm/c@3.0.0", NULL, "c", "3.0.0", CRK_SCOPE_REQUIRED, 6);
	done(&r);
}

static void test_npm_lock__errors(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "npm/truncated.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "package-lock.json");
	assert_int_equal(r.err.line, 26);
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	done(&r);

	parse(&r, "npm/null.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "expected a JSON object at the top level");
	done(&r);

	parse(&r, "npm/version-4.json", "package-lock.json", NULL);
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_non_null(strstr(r.err.msg, "lockfileVersion 4"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_npm_lock__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("package-lock.json"), "npm/package-lock");
	assert_string_equal(crk_sbom_detector_for("a/b/npm-shrinkwrap.json"), "npm/package-lock");
	assert_null(crk_sbom_detector_for("package-lock.json.bak"));
	assert_null(crk_sbom_detector_for("node_modules/x/package-lock.json"));
	assert_null(crk_sbom_detector_for("app/node_modules/x/npm-shrinkwrap.json"));
	assert_null(crk_sbom_detector_for("node_modules/.package-lock.json"));
}

/* Every allocation of ours failing in turn (jansson keeps its own allocator: it reports some
 * of its allocation failures as syntax errors): the parse fails with CRK_ENOMEM and frees
 * everything (ASan/LSan watch), or succeeds. */
static void test_npm_lock__allocation_failures(void **state)
{
	static const char *const files[][3] = {
		{"npm/v2-workspaces.json", "package-lock.json", NULL},
		{"npm/v1/package-lock.json", "package-lock.json", "npm/v1"},
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
			if (files[f][2])
				snprintf(d, sizeof(d), "%s", test_data(files[f][2]));
			assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err),
					 CRK_OK);
			r.bom = crk_bom_new();
			assert_non_null(r.bom);
			crk_diags_init(&r.diags);
			crk_alloc_fail_after(n);
			r.rc = crk_sbom_parse_file(r.bom, files[f][1], files[f][1],
						   files[f][2] ? d : NULL, buf, len, &r.diags, &r.err);
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
		cmocka_unit_test(test_npm_lock__v2_packages),
		cmocka_unit_test(test_npm_lock__v2_edges),
		cmocka_unit_test(test_npm_lock__v1_nested_and_specs),
		cmocka_unit_test(test_npm_lock__v1_edges_with_manifest),
		cmocka_unit_test(test_npm_lock__v1_edges_without_manifest),
		cmocka_unit_test(test_npm_lock__shrinkwrap_wins),
		cmocka_unit_test(test_npm_lock__escaped_keys_keep_lines),
		cmocka_unit_test(test_npm_lock__errors),
		cmocka_unit_test(test_npm_lock__file_names),
		cmocka_unit_test(test_npm_lock__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
