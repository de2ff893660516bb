/* test_dpkg.c - dpkg and opkg status databases (src/detect/dpkg.c), on tests/data/dpkg. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

/* Parses tests/data/dpkg/<file> as `parse_as`, with the OS of etc/os-release (may be NULL). */
static void parse(struct run *r, const char *file, const char *parse_as, const char *os_release)
{
	char path[4096], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	if (os_release)
		assert_int_equal(crk_os_release_parse(r->bom, os_release, strlen(os_release), &r->err),
				 CRK_OK);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static const struct crk_component *get(struct run *r, const char *purl)
{
	const struct crk_component *c = crk_bom_find(r->bom, purl);
	if (!c)
		fail_msg("no component %s", purl);
	return c;
}

static int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static int depends(struct run *r, const struct crk_component *from, const char *to_purl)
{
	const struct crk_component *to = get(r, to_purl);
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static const char bookworm[] = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
			       "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";

#define BASE "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12"
#define LIBC "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"
#define LIBC32 "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=i386&distro=debian-12"
#define LIBGCC "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12"
#define GCCBASE "pkg:deb/debian/gcc-12-base@12.2.0-14?arch=amd64&distro=debian-12"
#define BSDUTILS "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64&distro=debian-12"
#define MAWK "pkg:deb/debian/mawk@1.3.4.20200120-3.1?arch=amd64&distro=debian-12"
#define ADDUSER "pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12"
#define HELD "pkg:deb/debian/held-for-removal@3.0-1?arch=amd64&distro=debian-12"

static void test_dpkg__status(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "dpkg/status", "var/lib/dpkg/status", bookworm);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	/* removed-pkg (config-files) and broken-pkg (half-installed) are not installed */
	assert_int_equal(crk_bom_count(r.bom), 9);

	c = get(&r, BASE);
	assert_string_equal(c->type, "deb");
	assert_string_equal(c->ns, "debian");
	assert_string_equal(c->name, "base-files");
	assert_string_equal(c->version, "12.4+deb12u5");
	assert_string_equal(c->ecosystem, "Debian");
	assert_string_equal(c->found_by, "debian/dpkg-status");
	assert_string_equal(c->supplier, "Santiago Vila <sanvila@debian.org>");
	assert_string_equal(c->description, "Debian base system miscellaneous files");
	assert_null(c->source_name);
	assert_string_equal(c->occ[0].path, "var/lib/dpkg/status");
	assert_int_equal(c->occ[0].line, 1);
	assert_int_equal(c->ndeps, 0);
	assert_int_equal(is_root(&r, c), 1);

	/* Source without a version: the package's own */
	c = get(&r, LIBC);
	assert_string_equal(c->source_name, "glibc");
	assert_string_equal(c->source_version, "2.36-9+deb12u4");
	assert_int_equal(c->occ[0].line, 14);
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, LIBGCC));
	assert_int_equal(is_root(&r, c), 0); /* needed by libgcc-s1, bsdutils, mawk */
	/* the i386 copy of a Multi-Arch: same package is a component of its own, needed by none */
	c = get(&r, LIBC32);
	assert_int_equal(c->occ[0].line, 26);
	assert_true(depends(&r, c, LIBGCC));
	assert_int_equal(is_root(&r, c), 1);

	/* Source with a version; Depends with a version constraint; Multi-Arch picks amd64 */
	c = get(&r, LIBGCC);
	assert_string_equal(c->source_name, "gcc-12");
	assert_string_equal(c->source_version, "12.2.0-14");
	assert_int_equal(c->ndeps, 2);
	assert_true(depends(&r, c, GCCBASE));
	assert_true(depends(&r, c, LIBC));
	assert_int_equal(is_root(&r, c), 0);
	assert_int_equal(is_root(&r, get(&r, GCCBASE)), 0);

	/* epoch kept; source version in parentheses; folded Pre-Depends; libsystemd0 missing */
	c = get(&r, BSDUTILS);
	assert_string_equal(c->version, "1:2.38.1-5+b1");
	assert_string_equal(c->source_name, "util-linux");
	assert_string_equal(c->source_version, "2.38.1-5");
	assert_int_equal(c->occ[0].line, 54);
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, LIBC));

	/* "gawk | awk": gawk is not installed, awk is provided by mawk; passwd and debconf are not
	 * installed; the field name "status" is matched case-insensitively */
	c = get(&r, ADDUSER);
	assert_int_equal(c->occ[0].line, 74);
	assert_int_equal(c->ndeps, 1);
	assert_true(depends(&r, c, MAWK));
	assert_int_equal(is_root(&r, c), 1);
	assert_int_equal(is_root(&r, get(&r, MAWK)), 0);

	/* "deinstall reinstreq installed": still installed */
	c = get(&r, HELD);
	assert_int_equal(c->occ[0].line, 92);
	assert_null(c->supplier);
	done(&r);
}

static void test_dpkg__os_release(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	/* no OS information: namespace debian, no distro qualifier */
	parse(&r, "dpkg/status", "var/lib/dpkg/status", NULL);
	assert_int_equal(r.rc, CRK_OK);
	c = get(&r, "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64");
	assert_string_equal(c->ecosystem, "Debian");
	done(&r);

	/* Ubuntu: its own namespace and OSV ecosystem */
	parse(&r, "dpkg/status", "var/lib/dpkg/status",
	      "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n");
	c = get(&r, "pkg:deb/ubuntu/mawk@1.3.4.20200120-3.1?arch=amd64&distro=ubuntu-22.04");
	assert_string_equal(c->ns, "ubuntu");
	assert_string_equal(c->ecosystem, "Ubuntu");
	done(&r);

	/* a release without VERSION_ID (Debian testing): the code name */
	parse(&r, "dpkg/status", "var/lib/dpkg/status", "ID=debian\nVERSION_CODENAME=trixie\n");
	get(&r, "pkg:deb/debian/mawk@1.3.4.20200120-3.1?arch=amd64&distro=trixie");
	done(&r);
}

/* distroless: one file per package in status.d/, without Status fields */
static void test_dpkg__status_d(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "dpkg/status.d/tzdata", "var/lib/dpkg/status.d/tzdata", bookworm);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
	assert_string_equal(c->occ[0].path, "var/lib/dpkg/status.d/tzdata");
	assert_int_equal(c->occ[0].line, 1);
	assert_int_equal(c->ndeps, 0); /* debconf is not installed (not in this file) */
	done(&r);

	/* a Status that says "not installed" still counts there */
	parse(&r, "dpkg/status.d/base", "var/lib/dpkg/status.d/base", bookworm);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, BASE);
	done(&r);

	/* the same stanza in the main status file, without Status: skipped with a warning */
	parse(&r, "dpkg/status.d/tzdata", "var/lib/dpkg/status", bookworm);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg, "package 'tzdata' without a Status skipped");
	done(&r);
}

static void test_dpkg__opkg(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "dpkg/opkg/status", "usr/lib/opkg/status", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	c = get(&r, "pkg:opkg/busybox@1.36.1-r2?arch=x86_64");
	assert_string_equal(c->ecosystem, "opkg");
	assert_int_equal(c->occ[0].line, 14);
	assert_true(depends(&r, c, "pkg:opkg/libc@1.2.4-4?arch=x86_64"));
	assert_true(depends(&r, get(&r, "pkg:opkg/libc@1.2.4-4?arch=x86_64"),
			    "pkg:opkg/libgcc1@13.3.0-4?arch=x86_64"));
	assert_int_equal(is_root(&r, c), 1);
	done(&r);

	/* OpenWrt names the namespace and distro; the database path does not matter then */
	parse(&r, "dpkg/opkg/status", "var/lib/dpkg/status",
	      "ID=openwrt\nVERSION_ID=\"23.05.5\"\n");
	c = get(&r, "pkg:opkg/openwrt/libgcc1@13.3.0-4?arch=x86_64&distro=openwrt-23.05.5");
	assert_string_equal(c->ecosystem, "opkg");
	done(&r);
}

static void test_dpkg__malformed(void **state)
{
	struct run r;
	(void)state;
	/* bad stanzas are skipped with a warning each; the good ones stay */
	parse(&r, "dpkg/malformed-stanza", "var/lib/dpkg/status", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(get(&r, "pkg:deb/debian/good@1.0?arch=amd64")->occ[0].line, 1);
	assert_int_equal(get(&r, "pkg:deb/debian/also-good@4.0")->occ[0].line, 16);
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 6);
	assert_int_equal(r.diags.v[1].line, 11);
	assert_string_equal(r.diags.v[0].msg, "stanza skipped: a line is not 'Field: value'");
	done(&r);

	/* cut in the middle of a field name */
	parse(&r, "dpkg/truncated", "var/lib/dpkg/status", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_string_equal(get(&r, "pkg:deb/debian/first@1:1.0-1")->version, "1:1.0-1");
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 5);
	done(&r);

	/* nothing well-formed: not a status file */
	parse(&r, "dpkg/not-a-status-file", "var/lib/dpkg/status", NULL);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "var/lib/dpkg/status");
	assert_int_equal(r.err.line, 1);
	assert_int_equal(r.err.col, 1);
	assert_string_equal(r.err.msg, "not a package status file: expected 'Field: value', found "
				       "'This is not a status file.'");
	assert_int_equal(crk_diags_count(&r.diags), 0);
	done(&r);
}

static void test_dpkg__file_detection(void **state)
{
	static const struct {
		const char *path;
		int dpkg;
	} cases[] = {
		{"var/lib/dpkg/status", 1},
		{"rootfs/var/lib/dpkg/status", 1},
		{"var/lib/dpkg/status.d/foo", 1},
		{"var/lib/dpkg/status.d/foo.md5sums", 0},
		{"var/lib/dpkg/status.d", 0},
		{"usr/lib/opkg/status", 1},
		{"usr/lib/opkg/status/foo", 0},
		{"var/lib/dpkg/status-old", 0},
		{"xvar/lib/dpkg/status", 0},
		{"status", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d = crk_sbom_detector_for(cases[i].path);
		int is = d && strcmp(d, "debian/dpkg-status") == 0;
		if (is != cases[i].dpkg)
			fail_msg("%s: detector %s", cases[i].path, d ? d : "(none)");
	}
}

static void test_dpkg__alloc_failures(void **state)
{
	char path[4096], *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s", test_data("dpkg/status"));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		assert_int_equal(crk_os_release_parse(bom, bookworm, strlen(bookworm), &err), CRK_OK);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "var/lib/dpkg/status", "var/lib/dpkg/status", NULL, buf,
					 len, &diags, &err);
		crk_alloc_fail_after(0);
		crk_diags_release(&diags);
		crk_bom_free(bom);
		if (rc == CRK_OK)
			break;
		assert_int_equal(rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dpkg__status),
		cmocka_unit_test(test_dpkg__os_release),
		cmocka_unit_test(test_dpkg__status_d),
		cmocka_unit_test(test_dpkg__opkg),
		cmocka_unit_test(test_dpkg__malformed),
		cmocka_unit_test(test_dpkg__file_detection),
		cmocka_unit_test(test_dpkg__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
