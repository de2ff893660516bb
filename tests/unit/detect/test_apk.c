/* test_apk.c - lib/apk/db/installed (src/detect/apk.c), on tests/data/apk. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#define DB "lib/apk/db/installed"
#define MUSL "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64"
#define BUSYBOX "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64"
#define BASE "pkg:apk/alpine/alpine-baselayout@3.6.5-r0?arch=x86_64"
#define BASEDATA "pkg:apk/alpine/alpine-baselayout-data@3.6.5-r0?arch=x86_64"
#define LIBCURL "pkg:apk/alpine/libcurl@8.8.0-r0?arch=x86_64"
#define CURL "pkg:apk/alpine/curl@8.8.0-r0?arch=x86_64"
#define WEIRD "pkg:apk/alpine/weird%20license@1.0-r0"

static void test_apk__installed(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t n;
	(void)state;
	parse(&r, "apk/installed", DB);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 7);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 58);
	assert_string_equal(r.diags.v[0].msg, "package record without a version (V:) skipped");

	c = get(&r, MUSL);
	assert_string_equal(c->type, "apk");
	assert_string_equal(c->ns, "alpine");
	assert_string_equal(c->ecosystem, "Alpine");
	assert_string_equal(c->found_by, "alpine/apk-installed");
	assert_string_equal(c->source_name, "musl");
	assert_string_equal(c->supplier, "Timo Teräs <timo.teras@iki.fi>");
	assert_string_equal(c->description, "the musl c library (libc) implementation");
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->vcs_commit, "44ab3a3e8a2e5ef5a3d88e0a7b3b4f3c1d7e9a12");
	assert_int_equal(c->nhashes, 0); /* C: digests the control data, not a file */
	assert_string_equal(prop(c, "apk:checksum"), "Q1YCAH7jdO2W816b85sUh9Z8av4Cc=");
	assert_int_equal(c->occ[0].line, 1);
	assert_int_equal(c->ndeps, 0);
	assert_false(is_root(&r, c));

	/* so: dependency through musl's provides */
	c = get(&r, BUSYBOX);
	assert_int_equal(c->occ[0].line, 20);
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, MUSL));
	assert_false(is_root(&r, c));
	/* name=version, /bin/sh (provided by busybox); the !conflict is no edge */
	c = get(&r, BASE);
	assert_int_equal(c->occ[0].line, 31);
	assert_int_equal(c->ndeps, 2);
	assert_true(depends(&r, c, BASEDATA));
	assert_true(depends(&r, c, BUSYBOX));
	assert_string_equal(get(&r, BASEDATA)->source_name, "alpine-baselayout");
	c = get(&r, CURL);
	assert_int_equal(c->occ[0].line, 51);
	assert_true(depends(&r, c, LIBCURL));
	assert_true(depends(&r, c, MUSL));
	assert_string_equal(c->license, "curl"); /* an SPDX id */
	/* a license that is not an SPDX expression is kept as declared (the writers make it a
	 * LicenseRef) */
	c = get(&r, WEIRD);
	assert_string_equal(c->license, "custom:Proprietary stuff");
	assert_int_equal(c->occ[0].line, 61);
	/* without etc/apk/world: what nothing depends on */
	crk_bom_roots(r.bom, &n);
	assert_int_equal(n, 3);
	assert_true(is_root(&r, get(&r, BASE)));
	assert_true(is_root(&r, get(&r, CURL)));
	assert_true(is_root(&r, get(&r, WEIRD)));
	done(&r);
}

/* os-release gives namespace and distro; Wolfi is its own ecosystem */
static void test_apk__os_release(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_os(&r, "apk/installed", DB, "ID=alpine\nVERSION_ID=3.20.1\n");
	c = get(&r, "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.1");
	assert_string_equal(c->ecosystem, "Alpine");
	done(&r);
	parse_os(&r, "apk/installed", "usr/" DB, "ID=wolfi\nVERSION_ID=20230201\n");
	c = get(&r, "pkg:apk/wolfi/musl@1.2.5-r0?arch=x86_64&distro=wolfi-20230201");
	assert_string_equal(c->ecosystem, "Wolfi");
	done(&r);
}

/* a scanned root filesystem: os-release, and etc/apk/world for the direct dependencies */
static void test_apk__rootfs(void **state)
{
	struct crk_scan_opts opts;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_bom *bom = crk_bom_new();
	struct run r;
	size_t n;
	(void)state;
	assert_non_null(bom);
	memset(&opts, 0, sizeof(opts));
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, test_data("apk/rootfs"), &opts, &diags, NULL, &err),
			 CRK_OK);
	r.bom = bom;
	r.diags = diags;
	assert_int_equal(crk_bom_count(bom), 7);
	crk_bom_roots(bom, &n);
	assert_int_equal(n, 3); /* alpine-baselayout, curl>=8, busybox@edge */
	assert_true(is_root(&r, get(&r, "pkg:apk/alpine/alpine-baselayout@3.6.5-r0?arch=x86_64&"
					"distro=alpine-3.20.1")));
	assert_true(is_root(&r, get(&r, "pkg:apk/alpine/curl@8.8.0-r0?arch=x86_64&"
					"distro=alpine-3.20.1")));
	assert_true(is_root(&r, get(&r, "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&"
					"distro=alpine-3.20.1")));
	assert_false(is_root(&r, get(&r, "pkg:apk/alpine/weird%20license@1.0-r0?"
					 "distro=alpine-3.20.1")));
	assert_string_equal(get(&r, "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&"
				    "distro=alpine-3.20.1")->occ[0].path, DB);
	done(&r);
}

static void test_apk__malformed(void **state)
{
	struct run r;
	(void)state;
	/* a record with a bad line is skipped with a warning */
	parse(&r, "apk/one-bad-record", DB);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:apk/alpine/good@1.0-r0");
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 4);
	assert_string_equal(r.diags.v[0].msg, "record skipped: a line is not 'K:value'");
	done(&r);
	/* nothing well-formed: not an apk database */
	parse(&r, "apk/not-apk", DB);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 1);
	assert_string_equal(r.err.msg, "not an apk database: expected 'K:value' lines");
	done(&r);
}

static void test_apk__file_detection(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for(DB), "alpine/apk-installed");
	assert_string_equal(crk_sbom_detector_for("usr/" DB), "alpine/apk-installed");
	assert_string_equal(crk_sbom_detector_for("rootfs/" DB), "alpine/apk-installed");
	assert_null(crk_sbom_detector_for(DB "/test"));
	assert_null(crk_sbom_detector_for("mylib/apk/db/installed"));
}

static void test_apk__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("apk/installed", DB, "ID=alpine\nVERSION_ID=3.20.1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apk__installed),
		cmocka_unit_test(test_apk__os_release),
		cmocka_unit_test(test_apk__rootfs),
		cmocka_unit_test(test_apk__malformed),
		cmocka_unit_test(test_apk__file_detection),
		cmocka_unit_test(test_apk__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
