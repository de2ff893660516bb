/* test_cargo.c - Cargo.lock (src/detect/cargo.c), on tests/data/cargo. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file)
{
	parse_fixture(r, "cargo", file, "rust/Cargo.lock", NULL);
}

static void test_cargo__v1_metadata_checksums_and_root(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v1-metadata.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	assert_int_equal(crk_diags_count(&r.diags), 0);

	c = get(&r, "pkg:cargo/app@0.1.0"); /* the [root] table of cargo before 1.21 */
	assert_int_equal(c->occ[0].line, 2);
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_string_equal(c->found_by, "cargo/cargo-lock");
	assert_string_equal(c->ecosystem, "crates.io");

	c = get(&r, "pkg:cargo/libc@0.2.40");
	assert_string_equal(c->occ[0].path, "rust/Cargo.lock");
	assert_int_equal(c->occ[0].line, 10);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	/* [metadata] writes it in upper case: CycloneDX wants lower case */
	assert_string_equal(c->hashes[0].value,
			    "6fd41f331ac7c5b8ac259b8bf82c75c0fb2e469bbf37d2becbba9a6a2221965b");

	c = get(&r, "pkg:cargo/rand@0.4.2");
	assert_int_equal(c->occ[0].line, 15);
	assert_int_equal(c->nhashes, 0); /* "<none>" */

	/* "name version (source)" dependencies */
	assert_string_equal(deps_of(&r, "pkg:cargo/rand@0.4.2"), "pkg:cargo/libc@0.2.40");
	assert_string_equal(deps_of(&r, "pkg:cargo/app@0.1.0"),
			    "pkg:cargo/libc@0.2.40 pkg:cargo/rand@0.4.2");
	assert_string_equal(deps_of(&r, NULL), "pkg:cargo/libc@0.2.40 pkg:cargo/rand@0.4.2");
	done(&r);
}

static void test_cargo__v2_name_and_name_version_dependencies(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v2.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	c = get(&r, "pkg:cargo/cfg-if@0.1.10");
	assert_int_equal(c->occ[0].line, 13);
	assert_string_equal(c->hashes[0].value,
			    "4785bdd1c96b2a846b2bd7cc02e86b6b3dbf14e7e53446c4f54c92a361040822");
	c = get(&r, "pkg:cargo/cfg-if@1.0.0");
	assert_int_equal(c->occ[0].line, 19);
	c = get(&r, "pkg:cargo/log@0.4.14");
	assert_int_equal(c->occ[0].line, 25);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(deps_of(&r, "pkg:cargo/log@0.4.14"), "pkg:cargo/cfg-if@1.0.0");
	assert_string_equal(deps_of(&r, NULL),
			    "pkg:cargo/cfg-if@0.1.10 pkg:cargo/cfg-if@1.0.0 pkg:cargo/log@0.4.14");
	done(&r);
}

static void test_cargo__v3(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v3.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:cargo/memchr@2.7.4");
	assert_int_equal(c->occ[0].line, 13);
	assert_string_equal(c->hashes[0].value,
			    "78ca9ab1a0babb1e7d5695e3530886289c18cf2f87ec19a4c2dbf8390b2d4bb3");
	assert_string_equal(deps_of(&r, NULL), "pkg:cargo/memchr@2.7.4");
	assert_string_equal(deps_of(&r, "pkg:cargo/memchr@2.7.4"), "");
	done(&r);
}

static void test_cargo__v4_sparse_and_other_registry(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "v4.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	/* crates.io through the sparse protocol: a plain crates.io purl */
	c = get(&r, "pkg:cargo/serde@1.0.210");
	assert_int_equal(c->occ[0].line, 20);
	assert_int_equal(c->nqualifiers, 0);
	/* another registry: its index is a purl qualifier */
	c = get(&r, "pkg:cargo/internal-crate@1.2.0?repository_url=https:%2F%2Fcrates.example.com%2Findex%2F");
	assert_int_equal(c->nqualifiers, 1);
	assert_string_equal(c->qualifiers[0].key, "repository_url");
	assert_string_equal(c->qualifiers[0].value, "https://crates.example.com/index/");
	assert_int_equal(c->occ[0].line, 14);
	done(&r);
}

static void test_cargo__git_dependencies(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "git-dep.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	c = get(&r, "pkg:cargo/regex@1.10.0");
	assert_int_equal(c->occ[0].line, 12);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/rust-lang/regex");
	assert_string_equal(c->vcs_commit, "5e9ad2a3f1e8c8b2c9d1e0f4a7b6c3d2e1f0a9b8");
	assert_string_equal(prop(c, "git_ref"), "branch=main");
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:cargo/serde_json@1.0.128");
	assert_string_equal(c->vcs_url, "https://github.com/serde-rs/json");
	assert_string_equal(c->vcs_commit, "8f2b1a3c4d5e6f708192a3b4c5d6e7f8091a2b3c");
	assert_null(prop(c, "git_ref"));
	assert_string_equal(deps_of(&r, NULL),
			    "pkg:cargo/regex@1.10.0 pkg:cargo/serde_json@1.0.128");
	done(&r);
}

static void test_cargo__workspace_members_give_direct_dependencies(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "workspace.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	c = get(&r, "pkg:cargo/cli@0.2.0");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 4);
	c = get(&r, "pkg:cargo/core@0.2.0");
	assert_true(c->flags & CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 21);
	c = get(&r, "pkg:cargo/clap@4.5.0");
	assert_false(c->flags & CRK_PKG_LOCAL);
	assert_string_equal(deps_of(&r, "pkg:cargo/cli@0.2.0"),
			    "pkg:cargo/clap@4.5.0 pkg:cargo/core@0.2.0");
	assert_string_equal(deps_of(&r, "pkg:cargo/core@0.2.0"), "pkg:cargo/itoa@1.0.11");
	assert_string_equal(deps_of(&r, "pkg:cargo/clap@4.5.0"), "pkg:cargo/itoa@1.0.11");
	/* every member's dependencies are the product's */
	assert_string_equal(deps_of(&r, NULL),
			    "pkg:cargo/clap@4.5.0 pkg:cargo/core@0.2.0 pkg:cargo/itoa@1.0.11");
	/* a dependency that names no locked package is a warning with its place */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 25);
	assert_int_equal(r.diags.v[0].col, 2);
	assert_string_equal(r.diags.v[0].msg,
			    "dependency 'missing-crate' of 'core' is not a locked package; ignored");
	done(&r);
}

static void test_cargo__malformed(void **state)
{
	static const struct {
		const char *file;
		int rc;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"truncated.lock", CRK_EPARSE, 6, 10, "unterminated string"},
		{"unknown-version.lock", CRK_EUNSUPPORTED, 1, 11,
		 "unsupported Cargo.lock version 5 (this reader knows 1 to 4)"},
		{"package-redefined.lock", CRK_EPARSE, 9, 1,
		 "cannot define table [package]: key already holds an array of tables"},
		{"package-not-array.lock", CRK_EPARSE, 2, 11,
		 "'package' is a string, not an array of tables"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file);
		assert_int_equal(r.rc, cases[i].rc);
		assert_string_equal(r.err.path, "rust/Cargo.lock");
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(r.err.col, cases[i].col);
		assert_string_equal(r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_cargo__allocation_failures(void **state)
{
	(void)state;
	/* every allocation failed in turn: CRK_ENOMEM, else all 3 components */
	assert_int_equal(alloc_failures_in("cargo", "v1-metadata.lock", "Cargo.lock", NULL), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cargo__v1_metadata_checksums_and_root),
		cmocka_unit_test(test_cargo__v2_name_and_name_version_dependencies),
		cmocka_unit_test(test_cargo__v3),
		cmocka_unit_test(test_cargo__v4_sparse_and_other_registry),
		cmocka_unit_test(test_cargo__git_dependencies),
		cmocka_unit_test(test_cargo__workspace_members_give_direct_dependencies),
		cmocka_unit_test(test_cargo__malformed),
		cmocka_unit_test(test_cargo__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
