/*
 * test_submodule.c - git submodules and their pinned commits (src/detect/submodule.c) on
 * tests/data/submodule/super: .gitmodules (`git config -f .gitmodules --list` reads it as
 * the test expects), and its git directory stored as dotgit/ (made by make-fixtures.sh with
 * git 2.39), copied to .git in a scratch directory.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

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

static void copy(const char *from, const char *root, const char *rel)
{
	char path[4096], *buf, *slash;
	size_t len;
	struct crk_err err;
	assert_int_equal(crk_read_file(test_data(from), 1 << 20, &buf, &len, &err), CRK_OK);
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

static void scan(struct run *r, const char *dir)
{
	r->bom = crk_bom_new();
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_scan(r->bom, dir, NULL, &r->diags, NULL, &r->err);
}

static void test_submodule__pinned(void **state)
{
	static const char *const files[] = {
		"index", "config", "modules/zlib/HEAD", "modules/zlib/packed-refs",
		"modules/private/HEAD", "modules/private/refs/heads/main",
	};
	char root[] = "/tmp/crakit-sm-XXXXXX", cmd[4200], from[256], to[256];
	struct run r;
	const struct crk_component *c;
	size_t i;
	(void)state;
	assert_non_null(mkdtemp(root));
	copy("submodule/super/.gitmodules", root, ".gitmodules");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(from, sizeof(from), "submodule/super/dotgit/%s", files[i]);
		snprintf(to, sizeof(to), ".git/%s", files[i]);
		copy(from, root, to);
	}
	scan(&r, root);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);

	/* the gitlink of .git/index (v4); a packed tag of the submodule gives the CPE */
	c = get(&r, "pkg:github/madler/zlib@51b7f2abdade71cd9bb0e7a373ef2610ec6f9daf");
	assert_string_equal(c->vcs_commit, "51b7f2abdade71cd9bb0e7a373ef2610ec6f9daf");
	assert_string_equal(c->vcs_url, "https://github.com/madler/zlib.git");
	assert_string_equal(c->cpe, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*");
	assert_string_equal(prop(c, "git.tag"), "v1.3.1");
	assert_string_equal(prop(c, "git.submodule.path"), "third_party/zlib");
	assert_string_equal(prop(c, "git.submodule.name"), "zlib");
	assert_string_equal(prop(c, "git.submodule.branch"), "master");
	assert_string_equal(c->occ[0].path, ".gitmodules");
	assert_int_equal(c->occ[0].line, 2);
	assert_string_equal(c->found_by, "git/submodule");
	assert_int_equal(c->flags, CRK_PKG_GIT);

	/* a relative URL, resolved against remote.origin.url; no tag: no CPE */
	c = get(&r, "pkg:github/acme/fmt@e69e5f977d458f2650bb346dadf2ad30c5320281");
	assert_string_equal(c->vcs_url, "https://github.com/acme/fmt.git");
	assert_null(c->cpe);

	/* not in the index: .git/modules/private/HEAD, a symbolic ref */
	c = get(&r, "pkg:generic/private@0123456789abcdef0123456789abcdef01234567?vcs_url="
		    "git%2Bssh:%2F%2Fgit%40git.example.com%2Fteam%2Fprivate.git"
		    "%400123456789abcdef0123456789abcdef01234567");
	assert_string_equal(c->vcs_commit, "0123456789abcdef0123456789abcdef01234567");

	/* nothing says the commit: no version, a warning; no path: skipped with a warning */
	c = get(&r, "pkg:generic/nogit?vcs_url=git%2Bhttps:%2F%2Fexample.org%2Fscm%2Fnogit");
	assert_int_equal(c->flags, CRK_PKG_GIT | CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "git.submodule.path"), "ext/no git");
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_non_null(strstr(r.diags.v[0].msg, "submodule 'nogit': the pinned commit could not"));
	assert_non_null(strstr(r.diags.v[1].msg, "submodule 'incomplete' has no path"));
	done(&r);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* Without .git (a source tarball): every submodule, unpinned */
static void test_submodule__no_git(void **state)
{
	struct run r;
	(void)state;
	scan(&r, test_data("submodule/super"));
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	/* the relative URL stays as written without a remote */
	get(&r, "pkg:generic/fmt?vcs_url=..%2Ffmt.git");
	get(&r, "pkg:github/madler/zlib");
	assert_int_equal(crk_diags_count(&r.diags), 5); /* 4 unpinned, 1 without a path */
	done(&r);
}

static void test_submodule__bad_config(void **state)
{
	static const struct {
		const char *text;
		unsigned line;
	} cases[] = {
		{"[submodule \"x\"\n\tpath = a\n", 1},
		{"[submodule \"x\"]\n\tpath = \"a\n", 2},
		{"[submodule \"x\"]\n\tpath = a\\q\n", 2},
		{"path = a\n", 1},
		{"[submodule \"x\"]\n\t=a\n", 2},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		r.bom = crk_bom_new();
		crk_diags_init(&r.diags);
		r.rc = crk_sbom_parse_file(r.bom, ".gitmodules", ".gitmodules", NULL, cases[i].text,
					   strlen(cases[i].text), &r.diags, &r.err);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_int_equal(r.err.line, cases[i].line);
		assert_non_null(strstr(r.err.msg, "bad config line"));
		done(&r);
	}
}

/* Quoting, escapes, continuations, comments and the legacy section form */
static void test_submodule__config_syntax(void **state)
{
	static const char text[] = "\xef\xbb\xbf[submodule.Legacy]\n"
				   "\tPATH = \"with  spaces\" ; comment\n"
				   "\turl = https://github.com/a/\\\nb.git # comment\n"
				   "[submodule \"q\\\"x\"] path = p\n"
				   "\turl = \"https://github.com/c/d\"\n";
	struct run r;
	const struct crk_component *c;
	(void)state;
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_parse_file(r.bom, ".gitmodules", ".gitmodules", NULL, text, strlen(text),
				   &r.diags, &r.err);
	assert_int_equal(r.rc, CRK_OK);
	c = get(&r, "pkg:github/a/b");
	assert_string_equal(prop(c, "git.submodule.path"), "with  spaces");
	assert_string_equal(prop(c, "git.submodule.name"), "legacy");
	c = get(&r, "pkg:github/c/d");
	assert_string_equal(prop(c, "git.submodule.name"), "q\"x");
	assert_string_equal(prop(c, "git.submodule.path"), "p");
	done(&r);
}

static void test_submodule__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err e;
	(void)state;
	assert_int_equal(crk_read_file(test_data("submodule/super/.gitmodules"), 1 << 24, &buf, &len, &e), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, ".gitmodules", ".gitmodules", NULL, buf, len, &r.diags,
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
		cmocka_unit_test(test_submodule__pinned),
		cmocka_unit_test(test_submodule__no_git),
		cmocka_unit_test(test_submodule__bad_config),
		cmocka_unit_test(test_submodule__config_syntax),
		cmocka_unit_test(test_submodule__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
