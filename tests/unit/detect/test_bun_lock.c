/* test_bun_lock.c - Bun's bun.lock (src/detect/bun_lock.c), on tests/data/bun. Expected values
 * were worked out by hand from the fixtures (hashes: the hex of the base64 in the file). */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

#define SHA512_LODASH "596046b727c346b3c8cf1172d0768f71c46b8faefc8bde736b1d8c8b15c9413e514e48c7" \
		      "2495ac77f6215b0ab2e04686f4f3950c02bf463c625a2d236a80079c"
#define SHA1_JST3 "e91836d52c06fe828c357f621f00cead402e8126"

/* Parses tests/data/bun/<file> as a bun.lock; sorted (ids change, purls stay). */
static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "bun", file, "bun.lock", NULL);
	if (r->rc == CRK_OK)
		assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
}

static void parse_text(struct run *r, const char *text)
{
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "bun.lock", "bun.lock", NULL, text, strlen(text),
				    &r->diags, &r->err);
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
	if (version)
		assert_string_equal(c->version, version);
	else
		assert_null(c->version);
	assert_string_equal(c->found_by, "npm/bun-lock");
	assert_int_equal(c->scope, scope);
	assert_int_equal(c->occ[0].line, line);
	assert_int_equal(c->flags, flags);
}

static void test_bun_lock__workspaces(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "workspaces.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 12); /* the root ("mono@root:") is the product */
	/* a workspace package: local, the version of its "workspaces" entry */
	check(&r, "pkg:npm/%40mono/app@1.0.0", "@mono", "app", "1.0.0", CRK_SCOPE_REQUIRED, 35,
	      CRK_PKG_LOCAL);
	/* registry packages: integrity, registry URL without its credentials */
	check(&r, "pkg:npm/lodash@4.17.21", NULL, "lodash", "4.17.21", CRK_SCOPE_REQUIRED, 49, 0);
	c = get(&r, "pkg:npm/lodash@4.17.21");
	assert_string_equal(hashes_of(c), "SHA-512:" SHA512_LODASH);
	assert_string_equal(c->download_url,
			    "https://registry.example.com/lodash/-/lodash-4.17.21.tgz");
	/* github: no version, the commit, the repository */
	c = by_name(&r, "is-number");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_commit, "98e8ff1");
	assert_string_equal(c->vcs_url, "https://github.com/jonschlinkert/is-number");
	assert_int_equal(c->occ[0].line, 39);
	/* a tarball URL */
	c = by_name(&r, "tar-pkg");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_URL);
	assert_string_equal(c->download_url, "https://example.com/tar-pkg-1.0.0.tgz");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	/* file: and link: packages are local; dev: only devDependencies lead to them */
	c = by_name(&r, "local-lib");
	assert_int_equal(c->flags, CRK_PKG_LOCAL);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 45);
	c = by_name(&r, "linked");
	assert_int_equal(c->flags, CRK_PKG_LOCAL);
	assert_int_equal(c->scope, CRK_SCOPE_DEV); /* a workspace package's devDependency */
	/* a copy installed inside local-lib ("local-lib/js-tokens"), with a sha1 integrity */
	check(&r, "pkg:npm/js-tokens@3.0.2", NULL, "js-tokens", "3.0.2", CRK_SCOPE_DEV, 47, 0);
	assert_string_equal(hashes_of(get(&r, "pkg:npm/js-tokens@3.0.2")), "SHA-1:" SHA1_JST3);
	check(&r, "pkg:npm/js-tokens@4.0.0", NULL, "js-tokens", "4.0.0", CRK_SCOPE_REQUIRED, 41, 0);
	assert_string_equal(get(&r, "pkg:npm/js-tokens@4.0.0")->download_url,
			    "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz");
	check(&r, "pkg:npm/fsevents@2.3.3", NULL, "fsevents", "2.3.3", CRK_SCOPE_OPTIONAL, 37, 0);
	check(&r, "pkg:npm/react@18.2.0", NULL, "react", "18.2.0", CRK_SCOPE_REQUIRED, 53, 0);
	check(&r, "pkg:npm/loose-envify@1.4.0", NULL, "loose-envify", "1.4.0", CRK_SCOPE_REQUIRED,
	      51, 0);
	assert_int_equal(get(&r, "pkg:npm/loose-envify@1.4.0")->nhashes, 0); /* "" integrity */
	/* a devDependency of the project that a required package names in optionalPeers */
	check(&r, "pkg:npm/typescript@5.0.2", NULL, "typescript", "5.0.2", CRK_SCOPE_OPTIONAL, 57,
	      0);

	/* edges */
	assert_string_equal(deps_of(&r, "pkg:npm/%40mono/app@1.0.0"),
			    "pkg:npm/linked pkg:npm/react@18.2.0");
	assert_string_equal(deps_of(&r, "pkg:npm/react@18.2.0"), "pkg:npm/loose-envify@1.4.0");
	assert_string_equal(deps_of(&r, "pkg:npm/loose-envify@1.4.0"),
			    "pkg:npm/js-tokens@4.0.0 pkg:npm/typescript@5.0.2");
	assert_string_equal(deps_of(&r, "pkg:npm/local-lib"), "pkg:npm/js-tokens@3.0.2");
	assert_int_equal(nroots(&r), 7);
	assert_true(is_root_purl(&r, "pkg:npm/%40mono/app@1.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/lodash@4.17.21"));
	assert_true(is_root_purl(&r, "pkg:npm/typescript@5.0.2"));
	assert_true(is_root_purl(&r, "pkg:npm/fsevents@2.3.3"));
	assert_true(is_root(&r, by_name(&r, "local-lib")));
	assert_true(is_root(&r, by_name(&r, "is-number")));
	assert_true(is_root(&r, by_name(&r, "tar-pkg")));
	done(&r);
}

static void test_bun_lock__errors(void **state)
{
	struct run r;
	(void)state;
	/* jansson's line:column of the original text (the blanking moves nothing) */
	parse(&r, "malformed.lock");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 5);
	assert_int_equal(r.err.col, 22); /* jansson: just past the unexpected token */
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	done(&r);

	/* a bad entry: the others are reported, the file is unparseable (as osv-scalibr says) */
	parse(&r, "bad-entry.lock");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 5);
	assert_non_null(strstr(r.err.msg, "'bad'"));
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_non_null(crk_bom_find(r.bom, "pkg:npm/a@1.0.0"));
	assert_non_null(crk_bom_find(r.bom, "pkg:npm/b@2.0.0"));
	done(&r);

	parse_text(&r, "[1, 2,]");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "expected a JSON object"));
	done(&r);

	parse_text(&r, "{\"lockfileVersion\": 2, \"packages\": {}}");
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_non_null(strstr(r.err.msg, "lockfileVersion 2"));
	done(&r);

	/* an unterminated comment and string: errors, never a read past the end */
	parse_text(&r, "{\"packages\": {} /* no end");
	assert_int_equal(r.rc, CRK_EPARSE);
	done(&r);
	parse_text(&r, "{\"packages\": {\"a\\");
	assert_int_equal(r.rc, CRK_EPARSE);
	done(&r);

	/* commas and comment markers inside strings stay; a comma before a comment is trailing */
	parse_text(&r, "{\"packages\": {\"x,}\": [\"x,}@1.0.0\", \"\", {}, \"\"], // c\n"
		       "\"y\": [\"y@2.0.0\", \"http://h/a//b/*c*/\", {}, \"\"], /* c */ }, }");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_string_equal(get(&r, "pkg:npm/y@2.0.0")->download_url, "http://h/a//b/*c*/");
	done(&r);

	/* empty and package-less files are fine */
	parse_text(&r, "{}");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_bun_lock__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("bun.lock"), "npm/bun-lock");
	assert_string_equal(crk_sbom_detector_for("app/bun.lock"), "npm/bun-lock");
	assert_null(crk_sbom_detector_for("node_modules/x/bun.lock"));
	assert_null(crk_sbom_detector_for("bun.lockb"));
}

static void test_bun_lock__allocation_failures(void **state)
{
	(void)state;
	assert_int_equal(alloc_failures_in("bun", "workspaces.lock", "bun.lock", NULL), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bun_lock__workspaces),
		cmocka_unit_test(test_bun_lock__errors),
		cmocka_unit_test(test_bun_lock__file_names),
		cmocka_unit_test(test_bun_lock__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
