/*
 * test_elf_versions.c - version strings of C libraries in ELF binaries
 * (src/detect/elf_versions.c, the table src/detect/clib.def, the dispatch of src/detect/binary.c)
 * on the synthetic ELF files of tests/data/elf (made by make-fixtures.py from strings copied
 * byte for byte out of real builds). The expected versions are the versions of those builds
 * (Debian 12's openssl 3.0.19, zlib 1.2.13, curl 7.88.1, ...); the expected CPEs are the NVD
 * CPE dictionary's names.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "detect/binary.h"
#include "detect/clib.h"
#include "formats/cpe.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void parse_as(struct run *r, const char *file, const char *as)
{
	char *buf;
	size_t len;
	struct crk_err err;
	assert_int_equal(crk_read_file(test_data(file), CRK_MAX_BINARY_SIZE, &buf, &len, &err),
			 CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, NULL, buf, len, &r->diags, &r->err);
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

static const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

static size_t nprop(const struct crk_component *c, const char *key)
{
	size_t i, n = 0;
	for (i = 0; i < c->nprops; i++)
		n += strcmp(c->props[i].key, key) == 0;
	return n;
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

static int depends(const struct crk_component *from, const struct crk_component *to)
{
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

/* Every pattern compiles; every row's CPE binds to a valid CPE 2.3 name and has a sample */
static void test_elf_versions__table(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	size_t i;
	(void)state;
	assert_int_equal(crk__elf_versions_selftest(), 0);
	assert_true(crk_clib_count >= 25);
	for (i = 0; i < crk_clib_count; i++) {
		const struct crk_clib *r = &crk_clib_table[i];
		int nomem = 0;
		const char *cpe = crk_clib_cpe(r, "1.2.3", &a, &nomem);
		assert_non_null(cpe);
		if (!crk_cpe_valid(cpe, strlen(cpe)))
			fail_msg("row %s: invalid CPE %s", r->name, cpe);
		assert_non_null(r->sample);
		assert_non_null(r->re);
		assert_true(r->mode == CRK_CLIB_AT || r->mode == CRK_CLIB_SCAN);
		/* an AT row's literal starts its pattern */
		if (r->mode == CRK_CLIB_AT && r->re[0] != '(' &&
		    strncmp(r->re, r->lit, strlen(r->lit) > 3 ? 3 : strlen(r->lit)) != 0)
			fail_msg("row %s: pattern does not start with its literal", r->name);
	}
	crk_arena_release(&a);
}

/* One real string per row: the component, its version and its CPE */
static void test_elf_versions__samples(void **state)
{
	static const struct {
		const char *file, *purl, *cpe;
	} cases[] = {
		{"elf/samples/openssl.so", "pkg:generic/openssl@3.0.19",
		 "cpe:2.3:a:openssl:openssl:3.0.19:*:*:*:*:*:*:*"},
		{"elf/samples/zlib.so", "pkg:generic/zlib@1.2.13", "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*"},
		{"elf/samples/zlib-bare.so", "pkg:generic/zlib@1.2.13",
		 "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*"},
		{"elf/samples/curl-lib.so", "pkg:generic/curl@7.88.1", "cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:*"},
		{"elf/samples/curl-tool.so", "pkg:generic/curl@7.88.1",
		 "cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:*"},
		{"elf/samples/sqlite.so", "pkg:generic/sqlite@3.40.1",
		 "cpe:2.3:a:sqlite:sqlite:3.40.1:*:*:*:*:*:*:*"},
		{"elf/samples/busybox.so", "pkg:generic/busybox@1.35.0",
		 "cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*"},
		{"elf/samples/glibc.so", "pkg:generic/glibc@2.36", "cpe:2.3:a:gnu:glibc:2.36:*:*:*:*:*:*:*"},
		{"elf/samples/libpng.so", "pkg:generic/libpng@1.6.39",
		 "cpe:2.3:a:libpng:libpng:1.6.39:*:*:*:*:*:*:*"},
		{"elf/samples/expat.so", "pkg:generic/expat@2.5.0",
		 "cpe:2.3:a:libexpat_project:libexpat:2.5.0:*:*:*:*:*:*:*"},
		{"elf/samples/libxml2.so", "pkg:generic/libxml2@2.9.14",
		 "cpe:2.3:a:xmlsoft:libxml2:2.9.14:*:*:*:*:*:*:*"},
		{"elf/samples/pcre.so", "pkg:generic/pcre@8.39", "cpe:2.3:a:pcre:pcre:8.39:*:*:*:*:*:*:*"},
		{"elf/samples/pcre2.so", "pkg:generic/pcre2@10.42", "cpe:2.3:a:pcre:pcre2:10.42:*:*:*:*:*:*:*"},
		{"elf/samples/lz4.so", "pkg:generic/lz4@1.9.4", "cpe:2.3:a:lz4_project:lz4:1.9.4:*:*:*:*:*:*:*"},
		{"elf/samples/zstd.so", "pkg:generic/zstd@1.5.4",
		 "cpe:2.3:a:facebook:zstandard:1.5.4:*:*:*:*:*:*:*"},
		{"elf/samples/xz.so", "pkg:generic/xz@5.4.1", "cpe:2.3:a:tukaani:xz:5.4.1:*:*:*:*:*:*:*"},
		{"elf/samples/bzip2.so", "pkg:generic/bzip2@1.0.8", "cpe:2.3:a:bzip:bzip2:1.0.8:*:*:*:*:*:*:*"},
		{"elf/samples/libjpeg-turbo.so", "pkg:generic/libjpeg-turbo@2.1.5",
		 "cpe:2.3:a:libjpeg-turbo:libjpeg-turbo:2.1.5:*:*:*:*:*:*:*"},
		{"elf/samples/libjpeg.so", "pkg:generic/libjpeg@9e", "cpe:2.3:a:ijg:libjpeg:9e:*:*:*:*:*:*:*"},
		{"elf/samples/openssh.so", "pkg:generic/openssh@9.2p1",
		 "cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*"},
		{"elf/samples/dropbear.so", "pkg:generic/dropbear@2022.83",
		 "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2022.83:*:*:*:*:*:*:*"},
		{"elf/samples/lighttpd.so", "pkg:generic/lighttpd@1.4.69",
		 "cpe:2.3:a:lighttpd:lighttpd:1.4.69:*:*:*:*:*:*:*"},
		{"elf/samples/nginx.so", "pkg:generic/nginx@1.22.1", "cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*"},
		{"elf/samples/dnsmasq.so", "pkg:generic/dnsmasq@2.90",
		 "cpe:2.3:a:thekelleys:dnsmasq:2.90:*:*:*:*:*:*:*"},
		{"elf/samples/mbedtls.so", "pkg:generic/mbedtls@2.28.3",
		 "cpe:2.3:a:arm:mbed_tls:2.28.3:*:*:*:*:*:*:*"},
		{"elf/samples/mbedtls-3.so", "pkg:generic/mbedtls@3.6.0",
		 "cpe:2.3:a:arm:mbed_tls:3.6.0:*:*:*:*:*:*:*"},
		{"elf/samples/wolfssl.so", "pkg:generic/wolfssl@5.5.4",
		 "cpe:2.3:a:wolfssl:wolfssl:5.5.4:*:*:*:*:*:*:*"},
		{"elf/samples/gnutls.so", "pkg:generic/gnutls@3.7.9", "cpe:2.3:a:gnu:gnutls:3.7.9:*:*:*:*:*:*:*"},
		{"elf/samples/libssh2.so", "pkg:generic/libssh2@1.10.0",
		 "cpe:2.3:a:libssh2:libssh2:1.10.0:*:*:*:*:*:*:*"},
		{"elf/samples/u-boot.so", "pkg:generic/u-boot@2023.01",
		 "cpe:2.3:a:denx:u-boot:2023.01:*:*:*:*:*:*:*"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		const struct crk_component *c;
		char as[256];
		snprintf(as, sizeof(as), "usr/lib/%s", strrchr(cases[i].file, '/') + 1);
		parse_as(&r, cases[i].file, as);
		assert_int_equal(r.rc, CRK_OK);
		if (crk_bom_count(r.bom) != 1)
			fail_msg("%s: %zu components", cases[i].file, crk_bom_count(r.bom));
		c = get(&r, cases[i].purl);
		if (!c->cpe || strcmp(c->cpe, cases[i].cpe) != 0)
			fail_msg("%s: cpe %s, want %s", cases[i].file, c->cpe ? c->cpe : "(none)",
				 cases[i].cpe);
		assert_string_equal(c->found_by, "generic/elf-version-strings");
		assert_string_equal(c->occ[0].path, as);
		assert_non_null(prop(c, "version_string"));
		done(&r);
	}
}

static void test_elf_versions__alternative_cpe(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "elf/samples/zlib.so", "usr/lib/libz.so.1");
	c = get(&r, "pkg:generic/zlib@1.2.13");
	assert_string_equal(prop(c, "cpe.alternative"), "cpe:2.3:a:gnu:zlib:1.2.13:*:*:*:*:*:*:*");
	assert_string_equal(prop(c, "version_string"),
			    "inflate 1.2.13 Copyright 1995-2022 Mark Adler");
	done(&r);
}

/* The library itself: DT_SONAME and DT_NEEDED as evidence; a string in .text is not read */
static void test_elf_versions__shared_library(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "elf/usr/lib/libcrypto.so.3", "usr/lib/x86_64-linux-gnu/libcrypto.so.3");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:generic/openssl@3.0.19");
	assert_string_equal(prop(c, "elf.soname"), "libcrypto.so.3");
	assert_int_equal(nprop(c, "elf.needed"), 1);
	assert_string_equal(prop(c, "elf.needed"), "libc.so.6");
	assert_true(is_root(&r, c));
	assert_null(crk_bom_find(r.bom, "pkg:generic/openssl@9.9.9"));
	done(&r);
}

/* A static executable: curl is the file, OpenSSL and zlib are copies in it */
static void test_elf_versions__static_executable(void **state)
{
	struct run r;
	const struct crk_component *curl, *ssl, *z;
	(void)state;
	parse_as(&r, "elf/bin/curl", "usr/bin/curl");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	curl = get(&r, "pkg:generic/curl@8.5.0");
	ssl = get(&r, "pkg:generic/openssl@3.0.13");
	z = get(&r, "pkg:generic/zlib@1.3");
	assert_string_equal(z->cpe, "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*");
	assert_true(is_root(&r, curl));
	assert_false(is_root(&r, ssl));
	assert_false(is_root(&r, z));
	assert_true(depends(curl, ssl));
	assert_true(depends(curl, z));
	assert_int_equal(nprop(curl, "elf.needed"), 0); /* static */
	done(&r);
}

/* nginx links libssl.so.3: its OpenSSL string is the header's, not a copy */
static void test_elf_versions__header_string_skipped(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "elf/usr/sbin/nginx", "usr/sbin/nginx");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:generic/nginx@1.22.1");
	assert_int_equal(nprop(c, "elf.needed"), 6);
	assert_string_equal(c->props[c->nprops - 1].value, "libc.so.6");
	assert_string_equal(prop(c, "cpe.alternative"), "cpe:2.3:a:nginx:nginx:1.22.1:*:*:*:*:*:*:*");
	done(&r);
}

/* ELF32 big endian (MIPS), and an ELF without section headers (its PT_LOAD is searched) */
static void test_elf_versions__layouts(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "elf/bin/busybox", "bin/busybox");
	assert_int_equal(r.rc, CRK_OK);
	c = get(&r, "pkg:generic/busybox@1.36.1");
	assert_string_equal(prop(c, "elf.needed"), "libc.so.0");
	done(&r);
	parse_as(&r, "elf/sbin/dropbear", "usr/sbin/dropbear");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:generic/dropbear@2022.83");
	done(&r);
}

/* Two bare versions where one is expected: nothing; no strings: nothing; cut short: nothing */
static void test_elf_versions__nothing(void **state)
{
	static const char *const files[] = {"elf/bin/ambiguous", "elf/bin/plain",
					    "elf/broken/truncated.so"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct run r;
		parse_as(&r, files[i], i < 2 ? "usr/bin/x" : "usr/lib/libx.so.1");
		assert_int_equal(r.rc, CRK_OK);
		if (crk_bom_count(r.bom) != 0)
			fail_msg("%s: %zu components", files[i], crk_bom_count(r.bom));
		done(&r);
	}
}

/* Section headers past the end of the file: the table is ignored, the segments are read */
static void test_elf_versions__damaged_section_table(void **state)
{
	struct run r;
	(void)state;
	parse_as(&r, "elf/broken/bad-shoff.so", "usr/lib/libcrypto.so.3");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:generic/openssl@3.0.19");
	done(&r);
}

/* A Go program with cgo: the build information (go/binary), SQLite compiled in
 * (generic/elf-version-strings) and DT_NEEDED on the main module, from one file */
static void test_elf_versions__go_cgo(void **state)
{
	struct run r;
	const struct crk_component *m, *s;
	(void)state;
	parse_as(&r, "elf/bin/cgoapp", "usr/local/bin/cgoapp");
	assert_int_equal(r.rc, CRK_OK);
	m = get(&r, "pkg:golang/example.com/cgoapp@v0.2.0");
	assert_string_equal(m->found_by, "go/binary");
	assert_string_equal(prop(m, "elf.needed"), "libc.so.6");
	get(&r, "pkg:golang/github.com/mattn/go-sqlite3@v1.14.22");
	get(&r, "pkg:golang/stdlib@1.22.5");
	s = get(&r, "pkg:generic/sqlite@3.45.1");
	assert_string_equal(s->found_by, "generic/elf-version-strings");
	assert_string_equal(s->cpe, "cpe:2.3:a:sqlite:sqlite:3.45.1:*:*:*:*:*:*:*");
	assert_int_equal(crk_bom_count(r.bom), 4);
	done(&r);
}

/* The paths binary detectors are given */
static void test_elf_versions__match(void **state)
{
	(void)state;
#define M(p) crk__elf_match(p, strlen(p), strrchr(p, '/') ? strrchr(p, '/') + 1 : p)
	assert_true(M("usr/lib/x86_64-linux-gnu/libz.so.1.2.13"));
	assert_true(M("usr/lib/libz.so"));
	assert_true(M("usr/lib/lighttpd/mod_ssl.so"));
	assert_true(M("usr/bin/curl"));
	assert_true(M("usr/sbin/nginx"));
	assert_true(M("app"));
	assert_true(M("target/release/app"));
	assert_true(M("target/x86_64-unknown-linux-musl/release/app"));
	assert_true(M("build/firmware.elf"));
	assert_true(M("build/u-boot"));
	assert_false(M("usr/lib/libz.so.bak"));
	assert_false(M("usr/share/doc/README"));
	assert_false(M("src/main.c"));
	assert_false(M("bin/Makefile"));
	assert_false(M("release/app")); /* not below target/ */
#undef M
}

/* ---- a root filesystem with a package database ---- */

static void copy(const char *from, const char *root, const char *rel)
{
	char path[4096], *buf, *slash;
	size_t len;
	struct crk_err err;
	assert_int_equal(crk_read_file(test_data(from), CRK_MAX_BINARY_SIZE, &buf, &len, &err),
			 CRK_OK);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			fail_msg("mkdir %s", path);
		*slash = '/';
	}
	assert_int_equal(crk_write_file_atomic(path, buf, len, 0, &err), CRK_OK);
	crk_free(buf);
}

static void test_elf_versions__os_owned_skipped(void **state)
{
	char root[] = "/tmp/crakit-elfv-XXXXXX", cmd[4200];
	struct crk_bom *bom = crk_bom_new();
	struct crk_diags diags;
	struct crk_err err;
	const struct crk_component *c;
	(void)state;
	assert_non_null(mkdtemp(root));
	copy("elf/usr/lib/libcrypto.so.3", root, "usr/lib/x86_64-linux-gnu/libcrypto.so.3");
	copy("elf/usr/lib/libcrypto.so.3", root, "usr/local/lib/libcrypto.so.3");
	copy("elf/usr/lib/libcrypto.so.3", root, "opt/app/lib/libcrypto.so.3");
	copy("dpkg/status", root, "var/lib/dpkg/status");
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, root, NULL, &diags, NULL, &err), CRK_OK);
	c = crk_bom_find(bom, "pkg:generic/openssl@3.0.19");
	assert_non_null(c);
	/* usr/local/ and opt/ are not the package manager's: reported; usr/lib/: not */
	assert_int_equal(c->nocc, 2);
	assert_string_equal(c->occ[0].path, "opt/app/lib/libcrypto.so.3");
	assert_string_equal(c->occ[1].path, "usr/local/lib/libcrypto.so.3");
	crk_diags_release(&diags);
	crk_bom_free(bom);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

static void test_elf_versions__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err e;
	(void)state;
	assert_int_equal(crk_read_file(test_data("elf/bin/curl"), 1 << 24, &buf, &len, &e), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "usr/bin/curl", "usr/bin/curl", NULL, buf, len, &r.diags,
					   &r.err);
		crk_alloc_fail_after(0);
		done(&r);
		if (r.rc == CRK_OK)
			break;
		assert_int_equal(r.rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf_versions__table),
		cmocka_unit_test(test_elf_versions__samples),
		cmocka_unit_test(test_elf_versions__alternative_cpe),
		cmocka_unit_test(test_elf_versions__shared_library),
		cmocka_unit_test(test_elf_versions__static_executable),
		cmocka_unit_test(test_elf_versions__header_string_skipped),
		cmocka_unit_test(test_elf_versions__layouts),
		cmocka_unit_test(test_elf_versions__nothing),
		cmocka_unit_test(test_elf_versions__damaged_section_table),
		cmocka_unit_test(test_elf_versions__go_cgo),
		cmocka_unit_test(test_elf_versions__match),
		cmocka_unit_test(test_elf_versions__os_owned_skipped),
		cmocka_unit_test(test_elf_versions__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
