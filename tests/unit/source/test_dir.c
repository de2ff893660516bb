/* test_dir.c - the scan driver's pieces: os-release, reading siblings safely, dispatch. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test.h"

#include "base/arena.h"
#include "crakit/sbom.h"
#include "detect/detect.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	char p[512];
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	char p[512];
	(void)state;
	snprintf(root, sizeof(root), "/tmp/crakit-dir-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(p, sizeof(p), "%s/sub", root);
	if (mkdir(p, 0755))
		return -1;
	put("sub/a.txt", "alpha");
	put("b.txt", "beta");
	snprintf(p, sizeof(p), "%s/sub/link.txt", root);
	if (symlink("../b.txt", p))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_dir__os_release(void **state)
{
	const char *text = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n# comment\n"
			   "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";
	struct crk_bom *b = crk_bom_new();
	(void)state;
	assert_int_equal(crk_os_release_parse(b, text, strlen(text), NULL), 0);
	assert_string_equal(crk_bom_meta(b)->os_id, "debian");
	assert_string_equal(crk_bom_meta(b)->os_version, "12");
	assert_string_equal(crk_bom_meta(b)->os_codename, "bookworm");
	crk_bom_free(b);
}

static void test_dir__read_siblings_stays_inside(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_detect_ctx ctx;
	struct crk_err err;
	const char *out, *rel;
	size_t len;
	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &a;
	ctx.path = "sub/requirements.txt";
	ctx.dir = "sub";
	ctx.rootfd = open(root, O_RDONLY | O_DIRECTORY);
	assert_true(ctx.rootfd >= 0);
	assert_int_equal(crk_detect_read(&ctx, "a.txt", 100, &out, &len, &rel, &err), 0);
	assert_int_equal(len, 5);
	assert_string_equal(out, "alpha");
	assert_string_equal(rel, "sub/a.txt");
	assert_int_equal(crk_detect_read(&ctx, "../b.txt", 100, &out, &len, &rel, &err), 0);
	assert_string_equal(rel, "b.txt");
	/* leaving the root, absolute paths, links, missing files, size caps */
	assert_int_equal(crk_detect_read(&ctx, "../../etc/passwd", 100, &out, &len, NULL, &err),
			 CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "/etc/passwd", 100, &out, &len, NULL, &err),
			 CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "link.txt", 100, &out, &len, NULL, &err),
			 CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "none.txt", 100, &out, &len, NULL, &err),
			 CRK_ENOTFOUND);
	assert_int_equal(crk_detect_read(&ctx, "a.txt", 3, &out, &len, NULL, &err), CRK_ELIMIT);
	close(ctx.rootfd);
	crk_arena_release(&a);
}

static void test_dir__unknown_file_and_missing_path(void **state)
{
	struct crk_bom *b = crk_bom_new();
	struct crk_diags d;
	struct crk_err err;
	char p[512];
	(void)state;
	crk_diags_init(&d);
	assert_null(crk_sbom_detector_for("README.md"));
	/* SPDX YAML, read since the YAML reader came (src/formats/spdx_yaml.c) */
	assert_string_equal(crk_sbom_detector_for("opt/app/sbom.spdx.yml"), "sbom/spdx");
	assert_string_equal(crk_sbom_detector_for("sbom.SPDX.yaml"), "sbom/spdx");
	assert_null(crk_sbom_detector_for("config.yml"));
	assert_int_equal(crk_sbom_parse_file(b, "README.md", "README.md", NULL, "x", 1, &d, &err),
			 CRK_ENOTFOUND);
	snprintf(p, sizeof(p), "%s/nothing-here", root);
	assert_int_equal(crk_sbom_scan(b, p, NULL, &d, NULL, &err), CRK_ENOTFOUND);
	assert_string_equal(err.path, p);
	crk_diags_release(&d);
	crk_bom_free(b);
}

static const char *hash_of(const struct crk_component *c, const char *alg)
{
	size_t i;
	for (i = 0; i < c->nhashes; i++)
		if (strcmp(c->hashes[i].alg, alg) == 0)
			return c->hashes[i].value;
	return NULL;
}

/* Files that are components get their name, kind and hashes from the bytes read for parsing
 * (BSI TR-03183-2 v2.1 §5.2.2). Expected hashes from sha512sum(1). */
static void test_dir__deployable_files(void **state)
{
	struct crk_bom *bom = crk_bom_new();
	struct crk_diags diags;
	struct crk_err err;
	const struct crk_component *c;
	(void)state;
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, test_data("bsi/product"), NULL, &diags, NULL, &err),
			 CRK_OK);
	c = crk_bom_find(bom, "pkg:pypi/tinylib@1.4.1");
	assert_non_null(c);
	assert_string_equal(c->filename, "tinylib-1.4.1-py3-none-any.whl");
	assert_int_equal(c->file_kind, CRK_FILE_KNOWN | CRK_FILE_ARCHIVE | CRK_FILE_STRUCTURED);
	assert_string_equal(hash_of(c, "SHA-512"),
			    "bded1497c7571ef4b7aa55190e0995873724896505b5cf98e20dca86859dc7dd"
			    "f9d8b83ead37bab94e9d6b276d7fffb91c599c51f66abb41388068c50bfadc44");
	assert_non_null(hash_of(c, "SHA-256"));
	crk_bom_free(bom);
	crk_diags_release(&diags);

	/* a Go binary: its main module is the file; the modules linked into it are not */
	bom = crk_bom_new();
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, test_data("gobinary/inline-elf64le"), NULL, &diags,
				       NULL, &err),
			 CRK_OK);
	c = crk_bom_find(bom, "pkg:golang/example.com/app@v1.4.0");
	assert_non_null(c);
	assert_string_equal(c->filename, "inline-elf64le");
	assert_int_equal(c->file_kind, CRK_FILE_KNOWN | CRK_FILE_EXECUTABLE);
	assert_string_equal(hash_of(c, "SHA-512"),
			    "7a3852540a33bbc37f90ad2afbf32b4f13f93294f30eeb97a9991be49a21d50d"
			    "89d067514a57a7ddce720aa604ca184c9e308aa4ef570df1e9dc765f3867a739");
	c = crk_bom_find(bom, "pkg:golang/stdlib@1.21.0");
	if (c) {
		assert_null(c->filename);
		assert_null(hash_of(c, "SHA-512"));
	}
	crk_bom_free(bom);
	crk_diags_release(&diags);

	/* a shared library that is a component by its SONAME (no dependencies of its own) is the
	 * file; a library a static executable carries is not (curl carries zlib 1.3) */
	bom = crk_bom_new();
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, test_data("elf/usr"), NULL, &diags, NULL, &err), CRK_OK);
	c = crk_bom_find(bom, "pkg:generic/openssl@3.0.19");
	assert_non_null(c);
	assert_non_null(c->filename);
	assert_int_equal(c->file_kind, CRK_FILE_KNOWN | CRK_FILE_EXECUTABLE);
	assert_string_equal(hash_of(c, "SHA-512"),
			    "0b76d19ca2c359b0360f2bc4e2d4b3a80e94e6f13b9deabd6a57b27d924a162a"
			    "80585be39c4d1e7a73678c3c4f59a9bc879143afe912065e7f862545329b3ce2");
	crk_bom_free(bom);
	crk_diags_release(&diags);
	bom = crk_bom_new();
	crk_diags_init(&diags);
	assert_int_equal(crk_sbom_scan(bom, test_data("elf/bin"), NULL, &diags, NULL, &err), CRK_OK);
	c = crk_bom_find(bom, "pkg:generic/zlib@1.3");
	assert_non_null(c);
	assert_null(hash_of(c, "SHA-512"));
	assert_non_null(hash_of(crk_bom_find(bom, "pkg:generic/curl@8.5.0"), "SHA-512"));
	crk_bom_free(bom);
	crk_diags_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir__os_release),
		cmocka_unit_test(test_dir__read_siblings_stays_inside),
		cmocka_unit_test(test_dir__unknown_file_and_missing_path),
		cmocka_unit_test(test_dir__deployable_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
