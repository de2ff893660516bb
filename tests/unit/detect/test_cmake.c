/*
 * test_cmake.c - FetchContent / ExternalProject / CPM dependencies of a CMake project
 * (src/detect/cmake.c) on tests/data/cmake. Each file of malformed/ is one that CMake 3.25
 * itself rejects with "Parse error" (`cmake -P file`).
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

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static const struct crk_component *get(struct run *r, const char *purl)
{
	const struct crk_component *c = crk_bom_find(r->bom, purl);
	if (!c) {
		size_t i;
		for (i = 0; i < crk_bom_count(r->bom); i++)
			print_message("have %s\n", crk_bom_get(r->bom, i)->bom_ref);
		fail_msg("no component %s", purl);
	}
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

static int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static void test_cmake__project(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_scan(r.bom, test_data("cmake/project"), NULL, &r.diags, NULL, &r.err);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 12);

	c = get(&r, "pkg:github/google/googletest@v1.14.0");
	assert_string_equal(c->occ[0].path, "CMakeLists.txt");
	assert_int_equal(c->occ[0].line, 14);
	assert_string_equal(c->vcs_url, "https://github.com/google/googletest.git");
	assert_null(c->vcs_commit);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->found_by, "generic/cmake");
	/* a GitHub project clib.def does not know: a guessed CPE, said so */
	assert_string_equal(c->cpe, "cpe:2.3:a:google:googletest:1.14.0:*:*:*:*:*:*:*");
	assert_string_equal(prop(c, "cpe.guessed"), "true");
	assert_true(is_root(&r, c));

	/* set() in the same file, a quoted argument */
	c = get(&r, "pkg:github/fmtlib/fmt@10.2.1");
	assert_int_equal(c->occ[0].line, 19);

	/* a URL with a variable, its hash, and the project from the file name */
	c = get(&r, "pkg:generic/zlib@1.3.1");
	assert_string_equal(c->download_url, "https://zlib.net/fossils/zlib-1.3.1.tar.gz");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23");
	assert_string_equal(c->cpe, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*");
	assert_null(prop(c, "cpe.guessed"));
	assert_int_equal(c->flags, CRK_PKG_URL);

	/* a GitHub release download, a lowercase command name */
	c = get(&r, "pkg:github/nlohmann/json@v3.11.3");
	assert_string_equal(c->download_url,
			    "https://github.com/nlohmann/json/releases/download/v3.11.3/json.tar.xz");
	assert_int_equal(c->flags, CRK_PKG_URL);

	/* a commit: vcs_commit, no CPE version to give */
	c = get(&r, "pkg:github/mbed-tls/mbedtls@2ca6c285a0dd3f33982dd57299012dacab1ff206");
	assert_string_equal(c->vcs_commit, "2ca6c285a0dd3f33982dd57299012dacab1ff206");
	assert_null(c->cpe);

	/* not GitHub: generic with the VCS form of vcs_url */
	c = get(&r, "pkg:generic/unpinned?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Fexample%2Funpinned.git");
	assert_int_equal(c->flags, CRK_PKG_GIT | CRK_PKG_UNPINNED);
	assert_null(c->version);
	get(&r, "pkg:generic/private@release-2.0?vcs_url=git%2Bssh:%2F%2Fgit%40git.example.com%2Fteam"
		"%2Fprivate-lib.git%40release-2.0");

	/* cmake/deps.cmake: ExternalProject with a bracket argument and URL_MD5 */
	c = get(&r, "pkg:generic/curl@8.5.0");
	assert_string_equal(c->occ[0].path, "cmake/deps.cmake");
	assert_int_equal(c->occ[0].line, 2);
	assert_string_equal(c->cpe, "cpe:2.3:a:haxx:curl:8.5.0:*:*:*:*:*:*:*");
	assert_string_equal(c->hashes[0].alg, "MD5");
	assert_string_equal(c->hashes[0].value, "0d0c6f4e8c8e4d4e3f5b0c0a7e1d2b3c");
	/* CPM.cmake, three forms */
	get(&r, "pkg:github/gabime/spdlog@v1.13.0");
	get(&r, "pkg:github/jarro2783/cxxopts@v3.1.1");
	get(&r, "pkg:github/catchorg/catch2@v3.5.2");
	/* Subversion */
	c = get(&r, "pkg:generic/legacy@1234?vcs_url=svn%2Bhttps:%2F%2Fsvn.example.org%2Frepo%2Ftrunk%401234");
	assert_int_equal(c->occ[0].line, 10);

	/* not reported: comments, a repository in a variable this file does not set (a
	 * warning), build/_deps/ */
	assert_null(crk_bom_find(r.bom, "pkg:github/nobody/nothing@v1"));
	assert_null(crk_bom_find(r.bom, "pkg:github/x/y@v1"));
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_non_null(strstr(r.diags.v[0].msg, "'fromcache' uses a variable"));
	assert_int_equal(r.diags.v[0].line, 34);
	done(&r);
}

static void test_cmake__malformed(void **state)
{
	static const struct {
		const char *file, *msg;
		unsigned line, col;
	} cases[] = {
		{"unterminated-command.cmake", "unterminated command: missing ')'", 2, 1},
		{"unterminated-bracket.cmake", "unterminated bracket argument", 1, 7},
		{"unterminated-quote.cmake", "unterminated quoted argument", 1, 9},
		{"not-a-command.cmake", "expected a command name", 2, 3},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char *buf, path[256];
		size_t len;
		snprintf(path, sizeof(path), "cmake/malformed/%s", cases[i].file);
		assert_int_equal(crk_read_file(test_data(path), 1 << 20, &buf, &len, &r.err), CRK_OK);
		r.bom = crk_bom_new();
		crk_diags_init(&r.diags);
		r.rc = crk_sbom_parse_file(r.bom, cases[i].file, cases[i].file, NULL, buf, len,
					   &r.diags, &r.err);
		crk_free(buf);
		assert_int_equal(r.rc, CRK_EPARSE);
		if (!strstr(r.err.msg, cases[i].msg) || r.err.line != cases[i].line ||
		    r.err.col != cases[i].col)
			fail_msg("%s: %u:%u: %s", cases[i].file, r.err.line, r.err.col, r.err.msg);
		done(&r);
	}
}

/* Nested references, list splitting, escapes and unset() */
static void test_cmake__evaluation(void **state)
{
	static const char text[] =
		"set(HOST github.com)\n"
		"set(OWNER_zstd facebook)\n"
		"set(NAME zstd)\n"
		"set(TAGS v1.5.5 v1.5.6)\n" /* a list */
		"FetchContent_Declare(${NAME} GIT_REPOSITORY https://${HOST}/${OWNER_${NAME}}/${NAME}\n"
		"  GIT_TAG \"v1.5.\\\n5\")\n" /* a continuation inside quotes */
		"unset(HOST)\n"
		"FetchContent_Declare(gone GIT_REPOSITORY https://${HOST}/a/b GIT_TAG v1)\n";
	struct run r;
	const struct crk_component *c;
	(void)state;
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_parse_file(r.bom, "CMakeLists.txt", "CMakeLists.txt", NULL, text,
				   sizeof(text) - 1, &r.diags, &r.err);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:github/facebook/zstd@v1.5.5");
	/* clib.def knows it: its CPE, not a guess */
	assert_string_equal(c->cpe, "cpe:2.3:a:facebook:zstandard:1.5.5:*:*:*:*:*:*:*");
	assert_null(prop(c, "cpe.guessed"));
	assert_int_equal(crk_diags_count(&r.diags), 1);
	done(&r);
}

static void test_cmake__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err e;
	(void)state;
	assert_int_equal(crk_read_file(test_data("cmake/project/CMakeLists.txt"), 1 << 24, &buf, &len, &e), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "CMakeLists.txt", "CMakeLists.txt", NULL, buf, len, &r.diags,
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
		cmocka_unit_test(test_cmake__project),
		cmocka_unit_test(test_cmake__malformed),
		cmocka_unit_test(test_cmake__evaluation),
		cmocka_unit_test(test_cmake__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
