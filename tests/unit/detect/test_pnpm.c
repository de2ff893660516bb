/* test_pnpm.c - pnpm-lock.yaml 5.x, 6.x, 9.0 (src/detect/pnpm.c), on tests/data/pnpm. Expected
 * values were worked out by hand from the fixtures. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

#define SHA512_A "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d" \
		 "560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"
#define SHA1_C "84a516841ba77a5b4648de2cd0dfcb30ea46dbb4"

/* Parses tests/data/<file>; workspace package.json files come from tests/data/<dir> (NULL: none).
 * Sorted: roots and edges are sorted and unique (ids change; purls stay). */
static void parse(struct run *r, const char *file, const char *dir)
{
	parse_fixture_at(r, NULL, file, "pnpm-lock.yaml", dir, NULL);
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
	if (version)
		assert_string_equal(c->version, version);
	else
		assert_null(c->version);
	assert_string_equal(c->found_by, "npm/pnpm-lock");
	assert_int_equal(c->scope, scope);
	assert_int_equal(c->occ[0].line, line);
	assert_int_equal(c->flags, flags);
}

static void test_pnpm__v5(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "pnpm/v5.yaml", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9);
	check(&r, "pkg:npm/%40types/node@20.1.0", "@types", "node", "20.1.0", CRK_SCOPE_REQUIRED,
	      27, 0);
	c = get(&r, "pkg:npm/%40types/node@20.1.0");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value, SHA512_A);
	check(&r, "pkg:npm/fsevents@2.3.2", NULL, "fsevents", "2.3.2", CRK_SCOPE_OPTIONAL, 31, 0);
	/* name and version fields of a git package; the commit of its codeload tarball */
	check(&r, "pkg:npm/is-number@7.0.0", NULL, "is-number", "7.0.0", CRK_SCOPE_REQUIRED, 39,
	      CRK_PKG_GIT);
	c = get(&r, "pkg:npm/is-number@7.0.0");
	assert_string_equal(c->vcs_commit, "98e8ff1da1a89f93d1397a24d7413ed15421c139");
	assert_string_equal(c->vcs_url, "https://github.com/jonschlinkert/is-number");
	check(&r, "pkg:npm/left-pad@1.3.0", NULL, "left-pad", "1.3.0", CRK_SCOPE_REQUIRED, 45, 0);
	assert_string_equal(get(&r, "pkg:npm/left-pad@1.3.0")->hashes[0].value, SHA1_C);
	check(&r, "pkg:npm/mocha@10.2.0", NULL, "mocha", "10.2.0", CRK_SCOPE_DEV, 50, 0);
	check(&r, "pkg:npm/ms@2.1.3", NULL, "ms", "2.1.3", CRK_SCOPE_DEV, 56, 0);
	/* the peer suffix "_vue@3.2.45" is not part of the version */
	check(&r, "pkg:npm/pinia@2.0.28", NULL, "pinia", "2.0.28", CRK_SCOPE_REQUIRED, 60, 0);
	check(&r, "pkg:npm/string-width@4.2.3", NULL, "string-width", "4.2.3", CRK_SCOPE_REQUIRED,
	      68, 0);
	check(&r, "pkg:npm/vue@3.2.45", NULL, "vue", "3.2.45", CRK_SCOPE_REQUIRED, 72, CRK_PKG_URL);
	assert_string_equal(get(&r, "pkg:npm/vue@3.2.45")->download_url,
			    "https://registry.example.com/vue/-/vue-3.2.45.tgz");

	assert_true(depends_purl(&r, "pkg:npm/mocha@10.2.0", "pkg:npm/ms@2.1.3"));
	assert_true(depends_purl(&r, "pkg:npm/pinia@2.0.28", "pkg:npm/vue@3.2.45"));
	assert_int_equal(nroots(&r), 7);
	assert_true(is_root_purl(&r, "pkg:npm/%40types/node@20.1.0"));
	assert_true(is_root_purl(&r, "pkg:npm/fsevents@2.3.2"));
	assert_true(is_root_purl(&r, "pkg:npm/is-number@7.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/left-pad@1.3.0"));
	assert_true(is_root_purl(&r, "pkg:npm/mocha@10.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/pinia@2.0.28"));
	assert_true(is_root_purl(&r, "pkg:npm/string-width@4.2.3")); /* alias "/string-width/4.2.3" */
	done(&r);
}

static void test_pnpm__v6(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "pnpm/v6.yaml", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	check(&r, "pkg:npm/%40scope/util@1.0.0", "@scope", "util", "1.0.0", CRK_SCOPE_REQUIRED, 30,
	      0);
	check(&r, "pkg:npm/js-tokens@4.0.0", NULL, "js-tokens", "4.0.0", CRK_SCOPE_REQUIRED, 34, 0);
	check(&r, "pkg:npm/loose-envify@1.4.0", NULL, "loose-envify", "1.4.0", CRK_SCOPE_REQUIRED,
	      38, 0);
	check(&r, "pkg:npm/react-dom@18.2.0", NULL, "react-dom", "18.2.0", CRK_SCOPE_REQUIRED, 45,
	      0);
	check(&r, "pkg:npm/react@18.2.0", NULL, "react", "18.2.0", CRK_SCOPE_REQUIRED, 54, 0);
	check(&r, "pkg:npm/typescript@5.1.6", NULL, "typescript", "5.1.6", CRK_SCOPE_DEV, 60, 0);
	check(&r, "pkg:npm/tool@1.2.3", NULL, "tool", "1.2.3", CRK_SCOPE_REQUIRED, 66, CRK_PKG_GIT);
	c = get(&r, "pkg:npm/tool@1.2.3");
	assert_string_equal(c->vcs_commit, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(c->vcs_url, "git+https://github.com/org/tool.git"); /* no token */

	assert_int_equal(get(&r, "pkg:npm/react-dom@18.2.0")->ndeps, 2);
	assert_true(depends_purl(&r, "pkg:npm/react-dom@18.2.0", "pkg:npm/loose-envify@1.4.0"));
	assert_true(depends_purl(&r, "pkg:npm/react-dom@18.2.0", "pkg:npm/react@18.2.0"));
	assert_true(depends_purl(&r, "pkg:npm/react@18.2.0", "pkg:npm/loose-envify@1.4.0"));
	assert_true(depends_purl(&r, "pkg:npm/loose-envify@1.4.0", "pkg:npm/js-tokens@4.0.0"));
	/* the workspace project packages/lib-a, named by the link to it (no package.json read:
	 * no version) */
	c = get(&r, "pkg:npm/lib-a");
	assert_null(c->version);
	assert_int_equal(c->flags, CRK_PKG_LOCAL);
	assert_int_equal(c->occ[0].line, 22);
	assert_int_equal(c->ndeps, 1);
	assert_true(depends_purl(&r, "pkg:npm/lib-a", "pkg:npm/%40scope/util@1.0.0"));
	/* "."'s dependencies and the workspace projects */
	assert_int_equal(nroots(&r), 3);
	assert_true(is_root_purl(&r, "pkg:npm/react-dom@18.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/typescript@5.1.6"));
	assert_true(is_root_purl(&r, "pkg:npm/lib-a"));
	done(&r);
}

static void test_pnpm__v9(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "pnpm/v9.yaml", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9);
	/* scopes from the importers through the snapshots graph */
	check(&r, "pkg:npm/fsevents@2.3.2", NULL, "fsevents", "2.3.2", CRK_SCOPE_OPTIONAL, 28, 0);
	check(&r, "pkg:npm/js-tokens@4.0.0", NULL, "js-tokens", "4.0.0", CRK_SCOPE_REQUIRED, 32, 0);
	check(&r, "pkg:npm/loose-envify@1.4.0", NULL, "loose-envify", "1.4.0", CRK_SCOPE_REQUIRED,
	      35, 0);
	check(&r, "pkg:npm/nan@2.17.0", NULL, "nan", "2.17.0", CRK_SCOPE_OPTIONAL, 39, 0);
	check(&r, "pkg:npm/react-dom@18.2.0", NULL, "react-dom", "18.2.0", CRK_SCOPE_REQUIRED, 42,
	      0);
	check(&r, "pkg:npm/react@18.2.0", NULL, "react", "18.2.0", CRK_SCOPE_REQUIRED, 47, 0);
	check(&r, "pkg:npm/string-width@4.2.3", NULL, "string-width", "4.2.3", CRK_SCOPE_REQUIRED,
	      50, 0);
	check(&r, "pkg:npm/typescript@5.1.6", NULL, "typescript", "5.1.6", CRK_SCOPE_DEV, 53, 0);
	/* an optional dependency of a dev dependency is dev */
	check(&r, "pkg:npm/zod@3.22.0", NULL, "zod", "3.22.0", CRK_SCOPE_DEV, 57, 0);

	assert_true(depends_purl(&r, "pkg:npm/react-dom@18.2.0", "pkg:npm/react@18.2.0"));
	assert_true(depends_purl(&r, "pkg:npm/react-dom@18.2.0", "pkg:npm/loose-envify@1.4.0"));
	assert_true(depends_purl(&r, "pkg:npm/loose-envify@1.4.0", "pkg:npm/js-tokens@4.0.0"));
	assert_true(depends_purl(&r, "pkg:npm/fsevents@2.3.2", "pkg:npm/nan@2.17.0"));
	assert_true(depends_purl(&r, "pkg:npm/typescript@5.1.6", "pkg:npm/zod@3.22.0"));
	assert_int_equal(nroots(&r), 4);
	assert_true(is_root_purl(&r, "pkg:npm/react-dom@18.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/string-width@4.2.3")); /* alias "string-width@4.2.3" */
	assert_true(is_root_purl(&r, "pkg:npm/fsevents@2.3.2"));
	assert_true(is_root_purl(&r, "pkg:npm/typescript@5.1.6"));
	done(&r);
}

static void test_pnpm__workspaces(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "pnpm/ws/pnpm-lock.yaml", "pnpm/ws");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	/* workspace projects, named and versioned by their package.json */
	check(&r, "pkg:npm/%40acme/app@2.0.0", "@acme", "app", "2.0.0", CRK_SCOPE_REQUIRED, 15,
	      CRK_PKG_LOCAL);
	check(&r, "pkg:npm/%40acme/lib-a@1.1.0", "@acme", "lib-a", "1.1.0", CRK_SCOPE_REQUIRED, 31,
	      CRK_PKG_LOCAL);
	c = get(&r, "pkg:npm/%40acme/app@2.0.0");
	assert_int_equal(c->ndeps, 4);
	assert_true(depends_purl(&r, "pkg:npm/%40acme/app@2.0.0", "pkg:npm/%40acme/lib-a@1.1.0"));
	assert_true(depends_purl(&r, "pkg:npm/%40acme/app@2.0.0", "pkg:npm/react@18.2.0"));
	assert_true(depends_purl(&r, "pkg:npm/%40acme/app@2.0.0", "pkg:npm/js-tokens@4.0.0"));
	assert_true(depends_purl(&r, "pkg:npm/%40acme/app@2.0.0", "pkg:npm/vitest@1.0.0"));
	assert_true(depends_purl(&r, "pkg:npm/%40acme/lib-a@1.1.0", "pkg:npm/loose-envify@1.4.0"));
	/* a devDependency of a workspace is dev unless a required path reaches it too */
	check(&r, "pkg:npm/vitest@1.0.0", NULL, "vitest", "1.0.0", CRK_SCOPE_DEV, 62, 0);
	check(&r, "pkg:npm/js-tokens@4.0.0", NULL, "js-tokens", "4.0.0", CRK_SCOPE_REQUIRED, 45, 0);
	check(&r, "pkg:npm/typescript@5.1.6", NULL, "typescript", "5.1.6", CRK_SCOPE_DEV, 58, 0);
	/* packages/unnamed has no package.json and no link names it: its dependency hangs from
	 * the product */
	check(&r, "pkg:npm/nan@2.17.0", NULL, "nan", "2.17.0", CRK_SCOPE_REQUIRED, 52, 0);
	assert_int_equal(nroots(&r), 4);
	assert_true(is_root_purl(&r, "pkg:npm/typescript@5.1.6"));
	assert_true(is_root_purl(&r, "pkg:npm/%40acme/app@2.0.0"));
	assert_true(is_root_purl(&r, "pkg:npm/%40acme/lib-a@1.1.0"));
	assert_true(is_root_purl(&r, "pkg:npm/nan@2.17.0"));
	done(&r);

	/* without the folder: lib-a is named by the link from app; app is not named at all */
	parse(&r, "pnpm/ws/pnpm-lock.yaml", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 7);
	check(&r, "pkg:npm/lib-a", NULL, "lib-a", NULL, CRK_SCOPE_REQUIRED, 31, CRK_PKG_LOCAL);
	assert_int_equal(nroots(&r), 6);
	assert_true(is_root_purl(&r, "pkg:npm/lib-a"));
	assert_true(is_root_purl(&r, "pkg:npm/react@18.2.0"));
	assert_true(is_root_purl(&r, "pkg:npm/vitest@1.0.0"));
	done(&r);
}

static void test_pnpm__invalid_path_keeps_the_rest(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "pnpm/invalid-path.yaml", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 9);
	assert_int_equal(r.err.col, 3);
	assert_string_equal(r.err.msg, "invalid dependency path 'notapath'");
	assert_int_equal(crk_bom_count(r.bom), 1);
	check(&r, "pkg:npm/acorn@8.7.0", NULL, "acorn", "8.7.0", CRK_SCOPE_REQUIRED, 5, 0);
	done(&r);
}

static void test_pnpm__errors(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "pnpm/malformed.yaml", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "pnpm-lock.yaml");
	assert_int_equal(r.err.line, 6);
	assert_non_null(strstr(r.err.msg, "malformed YAML: "));
	done(&r);

	parse(&r, "pnpm/version-10.yaml", NULL);
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_int_equal(r.err.line, 1);
	assert_non_null(strstr(r.err.msg, "lockfileVersion '10.0'"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);

	parse(&r, "pnpm/sequence.yaml", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "expected a mapping at the top level");
	done(&r);

	parse(&r, "pnpm/empty.yaml", NULL); /* a comment only: nothing, no error */
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_pnpm__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("pnpm-lock.yaml"), "npm/pnpm-lock");
	assert_string_equal(crk_sbom_detector_for("path/to/my/pnpm-lock.yaml"), "npm/pnpm-lock");
	assert_null(crk_sbom_detector_for("path/to/my/pnpm-lock.yaml.file"));
	assert_null(crk_sbom_detector_for("foo/node_modules/bar/pnpm-lock.yaml"));
	assert_null(crk_sbom_detector_for("node_modules/.pnpm/lock.yaml"));
}

static void test_pnpm__allocation_failures(void **state)
{
	static const char *const files[][2] = {
		{"pnpm/v5.yaml", NULL},
		{"pnpm/v6.yaml", NULL},
		{"pnpm/v9.yaml", NULL},
		{"pnpm/ws/pnpm-lock.yaml", "pnpm/ws"},
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
			if (files[f][1])
				snprintf(d, sizeof(d), "%s", test_data(files[f][1]));
			assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err),
					 CRK_OK);
			r.bom = crk_bom_new();
			assert_non_null(r.bom);
			crk_diags_init(&r.diags);
			crk_alloc_fail_after(n);
			r.rc = crk_sbom_parse_file(r.bom, "pnpm-lock.yaml", "pnpm-lock.yaml",
						   files[f][1] ? d : NULL, buf, len, &r.diags, &r.err);
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
		cmocka_unit_test(test_pnpm__v5),
		cmocka_unit_test(test_pnpm__v6),
		cmocka_unit_test(test_pnpm__v9),
		cmocka_unit_test(test_pnpm__workspaces),
		cmocka_unit_test(test_pnpm__invalid_path_keeps_the_rest),
		cmocka_unit_test(test_pnpm__errors),
		cmocka_unit_test(test_pnpm__file_names),
		cmocka_unit_test(test_pnpm__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
