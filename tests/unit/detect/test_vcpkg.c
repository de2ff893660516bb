/* test_vcpkg.c - vcpkg.json and installed/vcpkg/status (src/detect/vcpkg.c), on
 * tests/data/vcpkg. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#define STATUS "installed/vcpkg/status"
#define CMAKE_X64 "pkg:vcpkg/vcpkg-cmake@2023-05-04?triplet=x64-linux"
#define ZLIB_X64 "pkg:vcpkg/zlib@1.3?port_version=1&triplet=x64-linux"
#define CURL "pkg:vcpkg/curl@8.4.0?triplet=x64-linux"
#define OPENSSL "pkg:vcpkg/openssl@3.1.4?port_version=2&triplet=x64-linux"

static void test_vcpkg__manifest(void **state)
{
	struct run r;
	const struct crk_component *app, *c;
	size_t n;
	(void)state;
	parse(&r, "vcpkg/vcpkg.json", "vcpkg.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	/* the manifest's own package is the product's one direct dependency */
	app = get(&r, "pkg:vcpkg/my-app@1.2.0?port_version=3");
	assert_true(app->flags & CRK_PKG_LOCAL);
	assert_int_equal(app->occ[0].line, 2);
	assert_string_equal(app->found_by, "vcpkg/vcpkg-json");
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 1);
	assert_true(is_root(&r, app));
	assert_int_equal(app->ndeps, 4);
	/* an override pins the version */
	c = get(&r, "pkg:vcpkg/fmt@10.1.1?port_version=2");
	assert_string_equal(c->ecosystem, "vcpkg");
	assert_false(c->flags & CRK_PKG_UNPINNED);
	assert_int_equal(c->occ[0].line, 6);
	assert_true(depends(&r, app, "pkg:vcpkg/fmt@10.1.1?port_version=2"));
	/* version>= is a lower bound, not what the registry resolves */
	c = get(&r, "pkg:vcpkg/zlib");
	assert_null(c->version);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "vcpkg:version_min"), "1.2.13#1");
	assert_int_equal(c->occ[0].line, 7);
	/* a host tool */
	c = get(&r, "pkg:vcpkg/vcpkg-cmake");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 11);
	c = get(&r, "pkg:vcpkg/openssl@3.1.4");
	assert_string_equal(prop(c, "vcpkg:platform"), "!windows");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->occ[0].line, 15);
	/* a dependency without a name */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 20);
	assert_string_equal(r.diags.v[0].msg, "dependency 4 has no name: skipped");
	done(&r);

	/* no name: the dependencies are the product's own */
	parse(&r, "vcpkg/unnamed.json", "vcpkg.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_true(is_root(&r, get(&r, "pkg:vcpkg/boost-asio")));
	done(&r);

	parse(&r, "vcpkg/deps-not-a-list.json", "vcpkg.json");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "'dependencies' is not a list");
	done(&r);
}

static void test_vcpkg__status(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "vcpkg/installed/vcpkg/status", STATUS);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	/* the feature stanza is no package, "removed" is not installed */
	assert_int_equal(crk_bom_count(r.bom), 5);
	c = get(&r, CMAKE_X64);
	assert_string_equal(c->found_by, "vcpkg/status");
	assert_int_equal(c->occ[0].line, 1);
	assert_string_equal(prop(c, "vcpkg:abi"),
			    "1a0b6a9b2d4bd2fbd3bf1a4e2a4e1a8c2c0b5b9f1ee4b7f5e2b8b6c3d9e1f0a7");
	assert_false(is_root(&r, c));
	c = get(&r, ZLIB_X64);
	assert_int_equal(c->occ[0].line, 8);
	assert_true(depends(&r, c, CMAKE_X64));
	/* Port-Version 0: no qualifier; the feature's Depends are curl's */
	c = get(&r, CURL);
	assert_int_equal(c->occ[0].line, 18);
	assert_int_equal(c->ndeps, 3);
	assert_true(depends(&r, c, CMAKE_X64));
	assert_true(depends(&r, c, ZLIB_X64));
	assert_true(depends(&r, c, OPENSSL));
	assert_true(is_root(&r, c));
	assert_int_equal(get(&r, OPENSSL)->occ[0].line, 37);
	/* another triplet is another component */
	c = get(&r, "pkg:vcpkg/zlib@1.3?port_version=1&triplet=arm64-osx");
	assert_int_equal(c->occ[0].line, 50);
	assert_true(is_root(&r, c));
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 2);
	done(&r);

	parse(&r, "vcpkg/not-status", STATUS);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 1);
	assert_string_equal(r.err.msg, "not a vcpkg status file: expected 'Field: value'");
	done(&r);
}

static void test_vcpkg__file_detection(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("installed/vcpkg/status"), "vcpkg/status");
	assert_string_equal(crk_sbom_detector_for("app/vcpkg_installed/vcpkg/status"),
			    "vcpkg/status");
	assert_string_equal(crk_sbom_detector_for("x/vcpkg.json"), "vcpkg/vcpkg-json");
	assert_null(crk_sbom_detector_for("vcpkg/status"));
	assert_null(crk_sbom_detector_for("my_installed/vcpkg/status"));
}

static void test_vcpkg__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("vcpkg/vcpkg.json", "vcpkg.json", NULL);
	alloc_failures("vcpkg/installed/vcpkg/status", STATUS, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vcpkg__manifest),
		cmocka_unit_test(test_vcpkg__status),
		cmocka_unit_test(test_vcpkg__file_detection),
		cmocka_unit_test(test_vcpkg__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
