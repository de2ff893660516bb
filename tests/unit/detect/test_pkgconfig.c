/*
 * test_pkgconfig.c - pkg-config .pc files in a root filesystem (src/detect/pkgconfig.c), on
 * tests/data/pkgconfig: rootfs/ holds Debian 12's own zlib.pc, libcurl.pc, openssl.pc,
 * libssl.pc, libcrypto.pc and libpcre2-8.pc (copied unchanged) and two hand-written files
 * under usr/local and usr/share; debian-rootfs/ adds a dpkg database; malformed/ holds files
 * pkg-config 0.29 refuses (`pkg-config --validate` fails on each).
 */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void scan(struct run *r, const char *dir)
{
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_scan(r->bom, test_data(dir), NULL, &r->diags, NULL, &r->err);
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

static const char *prop(const struct crk_component *c, const char *key, size_t nth)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0 && nth-- == 0)
			return c->props[i].value;
	return NULL;
}

static int depends(const struct crk_component *from, const struct crk_component *to)
{
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static void test_pkgconfig__rootfs(void **state)
{
	struct run r;
	const struct crk_component *z, *curl, *ssl, *pcre, *mine, *data;
	(void)state;
	scan(&r, "pkgconfig/rootfs");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 6);

	/* well-known libraries take clib.def's name and CPE */
	z = get(&r, "pkg:generic/zlib@1.2.13");
	assert_string_equal(z->cpe, "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*");
	assert_string_equal(z->description, "zlib compression library");
	assert_string_equal(z->found_by, "generic/pkg-config");
	assert_string_equal(z->occ[0].path, "usr/lib/x86_64-linux-gnu/pkgconfig/zlib.pc");
	assert_int_equal(z->occ[0].line, 7);
	assert_string_equal(prop(z, "pkgconfig.module", 0), "zlib");
	curl = get(&r, "pkg:generic/curl@7.88.1");
	assert_string_equal(curl->cpe, "cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:*");
	assert_string_equal(prop(curl, "pkgconfig.url", 0), "https://curl.se/");
	assert_string_equal(prop(curl, "pkgconfig.module", 0), "libcurl");
	/* openssl.pc, libssl.pc and libcrypto.pc are one project */
	ssl = get(&r, "pkg:generic/openssl@3.0.19");
	assert_int_equal(ssl->nocc, 3);
	assert_string_equal(ssl->cpe, "cpe:2.3:a:openssl:openssl:3.0.19:*:*:*:*:*:*:*");
	pcre = get(&r, "pkg:generic/pcre2@10.42");
	assert_string_equal(pcre->cpe, "cpe:2.3:a:pcre:pcre2:10.42:*:*:*:*:*:*:*");

	/* variables, a continuation, "\#", Requires with and without versions */
	mine = get(&r, "pkg:generic/myproto@2.4.1");
	assert_null(mine->cpe);
	assert_string_equal(mine->description, "Protocol library # with a hash, and a   continued line");
	assert_string_equal(mine->occ[0].path, "usr/local/lib/pkgconfig/myproto.pc");
	assert_int_equal(mine->occ[0].line, 9);
	assert_string_equal(prop(mine, "pkgconfig.requires", 0), "zlib >= 1.2.11");
	assert_string_equal(prop(mine, "pkgconfig.requires", 1), "libcurl");
	assert_string_equal(prop(mine, "pkgconfig.requires.private", 0), "openssl");
	assert_string_equal(prop(mine, "pkgconfig.requires.private", 1), "notinstalled >= 1.0");
	/* found in the system's directories, in pkg-config's search order */
	assert_true(depends(mine, z));
	assert_true(depends(mine, curl));
	assert_true(depends(mine, ssl));
	assert_int_equal(mine->ndeps, 3);
	/* CRLF, share/pkgconfig, a requirement in usr/local */
	data = get(&r, "pkg:generic/myproto-data@1.0");
	assert_string_equal(data->description, "Data files of myproto");
	assert_true(depends(data, mine));
	done(&r);
}

/* With a dpkg database, usr/lib is dpkg's: only usr/local is reported, and its requirement on
 * the system's zlib is no edge (the dpkg detector reports zlib1g-dev) */
static void test_pkgconfig__os_owned(void **state)
{
	struct run r;
	const struct crk_component *mine;
	size_t i;
	(void)state;
	scan(&r, "pkgconfig/debian-rootfs");
	assert_int_equal(r.rc, CRK_OK);
	mine = get(&r, "pkg:generic/myproto@2.4.1");
	assert_int_equal(mine->ndeps, 0);
	assert_string_equal(prop(mine, "pkgconfig.requires", 0), "zlib >= 1.2.11");
	assert_null(crk_bom_find(r.bom, "pkg:generic/zlib@1.2.13"));
	for (i = 0; i < crk_bom_count(r.bom); i++) {
		const struct crk_component *c = crk_bom_get(r.bom, i);
		if (strcmp(c->found_by, "generic/pkg-config") != 0)
			assert_string_equal(c->type, "deb");
	}
	done(&r);
}

static void test_pkgconfig__malformed(void **state)
{
	static const struct {
		const char *file, *msg;
		unsigned line;
	} cases[] = {
		{"no-version.pc", "no Version field", 0},
		{"undefined-var.pc", "variable 'libdir' not defined", 4},
		{"twice.pc", "Version field occurs twice", 3},
		{"dup-var.pc", "duplicate definition of variable 'x'", 2},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char *buf, as[256];
		size_t len;
		snprintf(as, sizeof(as), "pkgconfig/malformed/lib/pkgconfig/%s", cases[i].file);
		assert_int_equal(crk_read_file(test_data(as), 1 << 20, &buf, &len, &r.err), CRK_OK);
		r.bom = crk_bom_new();
		crk_diags_init(&r.diags);
		snprintf(as, sizeof(as), "usr/lib/pkgconfig/%s", cases[i].file);
		r.rc = crk_sbom_parse_file(r.bom, as, as, NULL, buf, len, &r.diags, &r.err);
		crk_free(buf);
		assert_int_equal(r.rc, CRK_EPARSE);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s'", cases[i].file, r.err.msg);
		assert_int_equal(r.err.line, cases[i].line);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_pkgconfig__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err e;
	(void)state;
	assert_int_equal(crk_read_file(test_data("pkgconfig/rootfs/usr/local/lib/pkgconfig/myproto.pc"), 1 << 24, &buf, &len, &e), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "usr/local/lib/pkgconfig/myproto.pc", "usr/local/lib/pkgconfig/myproto.pc", NULL, buf, len, &r.diags,
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
		cmocka_unit_test(test_pkgconfig__rootfs),
		cmocka_unit_test(test_pkgconfig__os_owned),
		cmocka_unit_test(test_pkgconfig__malformed),
		cmocka_unit_test(test_pkgconfig__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
