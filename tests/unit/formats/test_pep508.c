/*
 * test_pep508.c - PEP 508 requirements and pip's requirement links (src/formats/pep508.c):
 * hand-computed tables of inputs and the exact parts, errors (message and column) and links
 * they give, the classification helpers, and allocation failures.
 */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "formats/pep508.h"

/* Asserts a string part: NULL expected means absent. */
#define PART(got, want)                                                                         \
	do {                                                                                    \
		if (want)                                                                       \
			assert_string_equal(got, want);                                         \
		else                                                                            \
			assert_null(got);                                                       \
	} while (0)

/* ---- crk_pep508_parse: what each valid requirement gives ---- */

static const struct {
	const char *in, *name, *extras, *url, *spec, *pin, *marker;
} valid[] = {
	/* names, as written */
	{"requests", "requests", NULL, NULL, NULL, NULL, NULL},
	{"Zope.Interface_x-y2", "Zope.Interface_x-y2", NULL, NULL, NULL, NULL, NULL},
	{"A", "A", NULL, NULL, NULL, NULL, NULL},
	/* extras: the text between the brackets, white space kept */
	{"foo[bar]", "foo", "bar", NULL, NULL, NULL, NULL},
	{"foo [bar, baz ] ==1", "foo", "bar, baz ", NULL, "==1", "1", NULL},
	{"foo[]", "foo", "", NULL, NULL, NULL, NULL},
	/* every operator; a pin only from == (no wildcard, no ${}) and === */
	{"foo==1.0", "foo", NULL, NULL, "==1.0", "1.0", NULL},
	{"foo===1.0+local", "foo", NULL, NULL, "===1.0+local", "1.0+local", NULL},
	{"foo===any!thing*", "foo", NULL, NULL, "===any!thing*", "any!thing*", NULL},
	{"foo~=1.4.2", "foo", NULL, NULL, "~=1.4.2", NULL, NULL},
	{"foo!=1.5", "foo", NULL, NULL, "!=1.5", NULL, NULL},
	{"foo<=2", "foo", NULL, NULL, "<=2", NULL, NULL},
	{"foo>=2", "foo", NULL, NULL, ">=2", NULL, NULL},
	{"foo<2", "foo", NULL, NULL, "<2", NULL, NULL},
	{"foo>2", "foo", NULL, NULL, ">2", NULL, NULL},
	{"foo==1.*", "foo", NULL, NULL, "==1.*", NULL, NULL},
	{"foo!=1.*", "foo", NULL, NULL, "!=1.*", NULL, NULL},
	{"foo==${VER}", "foo", NULL, NULL, "==${VER}", NULL, NULL},
	{"foo==1!2.0+abc.1_x-y", "foo", NULL, NULL, "==1!2.0+abc.1_x-y", "1!2.0+abc.1_x-y", NULL},
	/* several clauses: one pin when they all name the same version */
	{"foo==1,==1", "foo", NULL, NULL, "==1,==1", "1", NULL},
	{"foo==1,==2", "foo", NULL, NULL, "==1,==2", NULL, NULL},
	{"foo==1,==2,==1", "foo", NULL, NULL, "==1,==2,==1", NULL, NULL},
	{"foo>=1,==1.5", "foo", NULL, NULL, ">=1,==1.5", "1.5", NULL},
	/* the specifier runs to the end of its last clause, white space after it included */
	{"foo >= 1.0 , < 2.0 ; python_version < \"3.8\"", "foo", NULL, NULL, ">= 1.0 , < 2.0 ",
	 NULL, "python_version < \"3.8\""},
	{"foo (>=1,<2)", "foo", NULL, NULL, ">=1,<2", NULL, NULL},
	{"foo ( == 1 , == 1 )", "foo", NULL, NULL, " == 1 , == 1 ", "1", NULL},
	{"foo ()", "foo", NULL, NULL, NULL, NULL, NULL},
	{"foo\t==\f1\r", "foo", NULL, NULL, "==\f1\r", "1", NULL},
	/* markers: the rest, trimmed, not evaluated */
	{"foo;python_version<'3'", "foo", NULL, NULL, NULL, NULL, "python_version<'3'"},
	{"foo[x]==1 ;  os_name == 'nt' and extra == \"t\"  ", "foo", "x", NULL, "==1 ", "1",
	 "os_name == 'nt' and extra == \"t\""},
	/* name @ URL: the URL runs to white space; a ';' inside it is part of it */
	{"foo @ https://example.com/foo-1.0.tar.gz", "foo", NULL,
	 "https://example.com/foo-1.0.tar.gz", NULL, NULL, NULL},
	{"foo[x] @ git+https://github.com/a/foo.git@v1 ; os_name == 'nt'", "foo", "x",
	 "git+https://github.com/a/foo.git@v1", NULL, NULL, "os_name == 'nt'"},
	{"foo@https://x/y;m", "foo", NULL, "https://x/y;m", NULL, NULL, NULL},
	{"foo @ ./local/dir", "foo", NULL, "./local/dir", NULL, NULL, NULL},
};

static void test_pep508__parse_valid(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_err err;
		struct crk_pep508 p;
		int rc;
		memset(&err, 0, sizeof(err));
		rc = crk_pep508_parse(&p, valid[i].in, strlen(valid[i].in), &a, &err);
		if (rc)
			fail_msg("'%s': %d %s", valid[i].in, rc, err.msg);
		PART(p.name, valid[i].name);
		PART(p.extras, valid[i].extras);
		PART(p.url, valid[i].url);
		PART(p.spec, valid[i].spec);
		PART(p.pin, valid[i].pin);
		PART(p.marker, valid[i].marker);
		if (!p.url)
			assert_int_equal(p.link.flags, 0);
		assert_int_equal(err.code, 0); /* untouched on success */
		crk_arena_release(&a);
	}
}

/* (s, n): no NUL terminator needed, nothing past n read. */
static void test_pep508__parse_length(void **state)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_pep508 p;
	(void)state;
	assert_int_equal(crk_pep508_parse(&p, "foo==1.0 junk", 8, &a, NULL), CRK_OK);
	assert_string_equal(p.name, "foo");
	assert_string_equal(p.spec, "==1.0");
	assert_string_equal(p.pin, "1.0");
	crk_arena_release(&a);
}

static int parse_str(struct crk_pep508 *p, const char *s, struct crk_arena *a)
{
	return crk_pep508_parse(p, s, strlen(s), a, NULL);
}

/* `name @ URL`: `link` says what the URL installs, read from all of the URL's bytes. */
static void test_pep508__parse_url_link(void **state)
{
	static const char nul[] = "foo @ git+https://h/r\0@abcdef1 ; m";
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_pep508 p;
	(void)state;
	assert_int_equal(parse_str(&p, "foo @ git+https://github.com/a/foo.git@v1#egg=bar", &a),
			 CRK_OK);
	assert_string_equal(p.url, "git+https://github.com/a/foo.git@v1#egg=bar");
	assert_string_equal(p.link.name, "bar");
	assert_null(p.link.version);
	assert_string_equal(p.link.vcs_url, "https://github.com/a/foo.git");
	assert_string_equal(p.link.vcs_ref, "v1");
	assert_null(p.link.vcs_commit);
	assert_null(p.link.download_url);
	assert_int_equal(p.link.flags, CRK_PKG_GIT);

	assert_int_equal(parse_str(&p, "Foo @ https://x/foo-2.0-py3-none-any.whl#md5=1", &a),
			 CRK_OK);
	assert_string_equal(p.name, "Foo");
	assert_string_equal(p.link.name, "foo");
	assert_string_equal(p.link.version, "2.0");
	assert_string_equal(p.link.download_url, "https://x/foo-2.0-py3-none-any.whl");
	assert_int_equal(p.link.flags, CRK_PKG_URL);

	assert_int_equal(parse_str(&p, "foo @ ./dir", &a), CRK_OK);
	assert_null(p.link.name);
	assert_int_equal(p.link.flags, CRK_PKG_LOCAL);

	/* a NUL byte ends the C string `url`, not what the link reads */
	assert_int_equal(crk_pep508_parse(&p, nul, sizeof(nul) - 1, &a, NULL), CRK_OK);
	assert_string_equal(p.url, "git+https://h/r");
	assert_string_equal(p.link.vcs_commit, "abcdef1");
	assert_string_equal(p.marker, "m");
	crk_arena_release(&a);
}

/* ---- crk_pep508_parse: errors, with the 1-based column where each is found ---- */

static const struct {
	const char *in, *msg;
	unsigned col;
} invalid[] = {
	{"", "missing project name", 1},
	{"==1.0", "missing project name", 1},
	{"  foo", "missing project name", 1},
	{"-foo", "invalid project name", 1},
	{"foo-", "invalid project name", 1},
	{"foo 1.0", "unexpected text after the project name", 5},
	{"foo[bar", "unclosed '[' of extras", 4},
	{"foo[b@r]", "invalid extras", 6},
	{"foo @", "missing URL after '@'", 6},
	{"foo @   ", "missing URL after '@'", 9},
	{"foo >=1,", "missing version specifier after ','", 9},
	{"foo >=1, bar", "expected a version specifier", 10},
	{"foo (1.0)", "expected a version specifier", 6},
	{"foo >=1 junk", "unexpected text after the version", 9},
	{"foo===abc def", "unexpected text after the version", 11},
	{"foo (>=1", "unclosed '(' of the version specifier", 9},
	{"foo==", "missing version after the operator", 6},
	{"foo== ;x", "missing version after the operator", 7},
	{"foo ==${X", "unclosed '${' in version", 7},
	{"foo==1.0$", "invalid character in version", 9},
	{"foo==1.*.2", "invalid character in version", 8},
	{"foo>=1.*", "invalid character in version", 8},
	{"foo ==1.0 ;", "empty environment marker", 11},
	{"foo ; \t", "empty environment marker", 5},
	{"foo@https://x/y z", "unexpected text after the URL", 17},
};

static void test_pep508__parse_invalid(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_err err;
		struct crk_pep508 p;
		memset(&p, 0xff, sizeof(p)); /* must come back all NULL */
		if (crk_pep508_parse(&p, invalid[i].in, strlen(invalid[i].in), &a, &err) !=
		    CRK_EPARSE)
			fail_msg("'%s' parsed", invalid[i].in);
		assert_int_equal(err.code, CRK_EPARSE);
		assert_string_equal(err.msg, invalid[i].msg);
		if (err.col != invalid[i].col)
			fail_msg("'%s': column %u, not %u", invalid[i].in, err.col, invalid[i].col);
		assert_int_equal(err.line, 0);
		assert_string_equal(err.path, "");
		assert_null(p.name);
		assert_null(p.extras);
		assert_null(p.url);
		assert_null(p.spec);
		assert_null(p.pin);
		assert_null(p.marker);
		crk_arena_release(&a);
	}
	/* err may be NULL */
	{
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_pep508 p;
		assert_int_equal(crk_pep508_parse(&p, "foo bar", 7, &a, NULL), CRK_EPARSE);
		crk_arena_release(&a);
	}
}

/* ---- crk_pep508_parse_link ---- */

static const struct {
	const char *in, *name, *version, *download_url, *vcs_url, *vcs_commit, *vcs_ref;
	unsigned flags;
} links[] = {
	/* git: "git+" dropped, the rev after the last '@' of the path, #egg= names it */
	{"git+https://github.com/x/y.git@v1.2#egg=yy", "yy", NULL, NULL,
	 "https://github.com/x/y.git", NULL, "v1.2", CRK_PKG_GIT},
	{"git+ssh://git@github.com/x/y.git@0123456789abcdef0123456789abcdef01234567"
	 "#egg=y[extra]&subdirectory=sub",
	 "y", NULL, NULL, "ssh://git@github.com/x/y.git",
	 "0123456789abcdef0123456789abcdef01234567", NULL, CRK_PKG_GIT},
	{"GIT+https://github.com/x/y.git@abcdef1", NULL, NULL, NULL, "https://github.com/x/y.git",
	 "abcdef1", NULL, CRK_PKG_GIT},
	{"git+https://github.com/x/y.git@abcdef", NULL, NULL, NULL, "https://github.com/x/y.git",
	 NULL, "abcdef", CRK_PKG_GIT},
	{"git+https://github.com/x/y@", NULL, NULL, NULL, "https://github.com/x/y", NULL, NULL,
	 CRK_PKG_GIT},
	{"git+https://user@github.com/u/u", NULL, NULL, NULL, "https://user@github.com/u/u", NULL,
	 NULL, CRK_PKG_GIT},
	{"git+https://github.com/x/z.git#egg=-bad", NULL, NULL, NULL, "https://github.com/x/z.git",
	 NULL, NULL, CRK_PKG_GIT},
	{"git+https://h/r#subdirectory=s&egg=named", "named", NULL, NULL, "https://h/r", NULL,
	 NULL, CRK_PKG_GIT},
	/* other VCS: the whole URL kept, flagged as a URL */
	{"hg+https://hg.example.com/repo@tip#egg=hgpkg", "hgpkg", NULL, NULL,
	 "hg+https://hg.example.com/repo", NULL, "tip", CRK_PKG_URL},
	{"SVN+https://svn.example.com/repo/trunk@123#egg=s", "s", NULL, NULL,
	 "SVN+https://svn.example.com/repo/trunk", NULL, "123", CRK_PKG_URL},
	{"bzr+lp:bzrpkg#egg=bzrpkg", "bzrpkg", NULL, NULL, "bzr+lp:bzrpkg", NULL, NULL,
	 CRK_PKG_URL},
	/* wheels: name and version from the file name (5 or 6 parts), percent-decoded */
	{"https://example.com/files/numpy-1.9.2-cp34-none-win32.whl", "numpy", "1.9.2",
	 "https://example.com/files/numpy-1.9.2-cp34-none-win32.whl", NULL, NULL, NULL,
	 CRK_PKG_URL},
	{"https://example.com/wx%5FPython-4.0-1-cp36-cp36m-win32.whl?x=1#sha256=ab", "wx_Python",
	 "4.0", "https://example.com/wx%5FPython-4.0-1-cp36-cp36m-win32.whl?x=1", NULL, NULL, NULL,
	 CRK_PKG_URL},
	{"https://x/foo-1.0-py3-none-any.whl#egg=bar", "foo", "1.0",
	 "https://x/foo-1.0-py3-none-any.whl", NULL, NULL, NULL, CRK_PKG_URL},
	{"./downloads/six-1.16.0-py2.py3-none-any.whl", "six", "1.16.0", NULL, NULL, NULL, NULL,
	 CRK_PKG_LOCAL},
	{"C:\\dl\\foo-1.0-py3-none-any.whl", "foo", "1.0", NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"pkg-1.0-py3-none-any.whl", "pkg", "1.0", NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"a-1-2-3-4-5-6.whl", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"foo-1.0.whl", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"-1.0-py3-none-any.whl", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"foo--py3-none-any.whl", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	/* plain URLs and paths */
	{"https://example.com/pkg.tar.gz#egg=pkg&subdirectory=x", "pkg", NULL,
	 "https://example.com/pkg.tar.gz", NULL, NULL, NULL, CRK_PKG_URL},
	{"https://example.com/pkg.zip", NULL, NULL, "https://example.com/pkg.zip", NULL, NULL, NULL,
	 CRK_PKG_URL},
	{"file:///tmp/pkg#egg=pkg", "pkg", NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{"./local/proj", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
	{".", NULL, NULL, NULL, NULL, NULL, NULL, CRK_PKG_LOCAL},
};

static void test_pep508__parse_link(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_pep508_link l;
		if (crk_pep508_parse_link(&l, links[i].in, strlen(links[i].in), &a, NULL) != CRK_OK)
			fail_msg("'%s' failed", links[i].in);
		PART(l.name, links[i].name);
		PART(l.version, links[i].version);
		PART(l.download_url, links[i].download_url);
		PART(l.vcs_url, links[i].vcs_url);
		PART(l.vcs_commit, links[i].vcs_commit);
		PART(l.vcs_ref, links[i].vcs_ref);
		if (l.flags != links[i].flags)
			fail_msg("'%s': flags %u, not %u", links[i].in, l.flags, links[i].flags);
		crk_arena_release(&a);
	}
}

/* ---- how pip tells URLs, archives and paths apart; white space ---- */

static void test_pep508__classify(void **state)
{
	static const struct {
		const char *s;
		int url, archive, path;
	} cases[] = {
		{"https://x/a.whl", 1, 1, 1}, {"HTTP://x", 1, 0, 1},
		{"Git+ssh://h/r", 1, 0, 1},   {"git://h/r", 0, 0, 1},
		{"ftp:x", 1, 0, 0},	      {"file:x.tar", 1, 1, 0},
		{"svn+x", 1, 0, 0},	      {"bzr+x", 1, 0, 0},
		{"hg+x", 1, 0, 0},	      {"htt", 0, 0, 0},
		{"", 0, 0, 0},		      {"a.zip", 0, 1, 0},
		{"a.tar.gz", 0, 1, 0},	      {"a.tgz", 0, 1, 0},
		{"a.tar.bz2", 0, 1, 0},	      {"a.tbz", 0, 1, 0},
		{"a.tar.xz", 0, 1, 0},	      {"a.txz", 0, 1, 0},
		{"a.tlz", 0, 1, 0},	      {"a.tar.lz", 0, 1, 0},
		{"a.tar.lzma", 0, 1, 0},      {"a.tar", 0, 1, 0},
		{"a.WHL", 0, 0, 0},	      {"a.tar.Z", 0, 0, 0},
		{".", 0, 0, 1},		      {".hidden", 0, 0, 1},
		{"a\\b", 0, 0, 1},	      {"foo", 0, 0, 0},
	};
	size_t i;
	const char *s;
	size_t n;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = strlen(cases[i].s);
		if (crk_pep508_is_url(cases[i].s, n) != cases[i].url ||
		    crk_pep508_is_archive(cases[i].s, n) != cases[i].archive ||
		    crk_pep508_is_path(cases[i].s, n) != cases[i].path)
			fail_msg("'%s' classified wrong", cases[i].s);
	}
	/* the length counts: "http:" cut to "htt" is not a URL */
	assert_int_equal(crk_pep508_is_url("http://x", 3), 0);
	assert_int_equal(crk_pep508_is_path("ab/c", 2), 0);

	for (i = 0; i < 256; i++) {
		char c = (char)i;
		int want = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
			   c == '\r';
		assert_int_equal(crk_pep508_is_space(c), want);
	}
	s = "\f\v x y \r\n";
	n = strlen(s);
	crk_pep508_trim(&s, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(s, "x y", 3);
	s = " \t ";
	n = 3;
	crk_pep508_trim(&s, &n);
	assert_int_equal(n, 0);
}

/* ---- allocation failures: CRK_ENOMEM, *out all NULL, never a crash ---- */

static void test_pep508__out_of_memory(void **state)
{
	/* a name and a URL longer than an arena chunk's share, so they take allocations of
	 * their own */
	static char req[40000], url[40000];
	uint64_t n;
	int failed = 0, done = 0;
	(void)state;
	memset(req, 'a', 20000);
	memcpy(req + 20000, "[x]==1;m", 9);
	memcpy(url, "git+https://h/", 14);
	memset(url + 14, 'b', 20000);
	memcpy(url + 20014, "@v1#egg=e", 10);
	for (n = 1; n < 20 && !done; n++) {
		struct crk_arena a = CRK_ARENA_INIT;
		struct crk_err err;
		struct crk_pep508 p;
		struct crk_pep508_link l;
		int rc, rl;
		crk_alloc_fail_after(n);
		rc = crk_pep508_parse(&p, req, strlen(req), &a, &err);
		if (rc == CRK_ENOMEM) {
			assert_string_equal(err.msg, "out of memory");
			assert_null(p.name);
			assert_null(p.pin);
		}
		rl = crk_pep508_parse_link(&l, url, strlen(url), &a, &err);
		crk_alloc_fail_after(0);
		assert_true(rc == CRK_OK || rc == CRK_ENOMEM);
		assert_true(rl == CRK_OK || rl == CRK_ENOMEM);
		if (rl == CRK_ENOMEM) {
			assert_string_equal(err.msg, "out of memory");
			assert_null(l.name);
			assert_null(l.vcs_url);
			assert_int_equal(l.flags, 0);
		}
		failed += rc == CRK_ENOMEM || rl == CRK_ENOMEM;
		if (rc == CRK_OK && rl == CRK_OK) {
			done = 1;
			assert_int_equal(strlen(p.name), 20000);
			assert_string_equal(p.extras, "x");
			assert_string_equal(p.pin, "1");
			assert_string_equal(p.marker, "m");
			assert_string_equal(l.name, "e");
			assert_string_equal(l.vcs_ref, "v1");
			assert_int_equal(strlen(l.vcs_url), 20010);
		}
		crk_arena_release(&a);
	}
	assert_true(done);
	assert_true(failed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pep508__parse_valid),
		cmocka_unit_test(test_pep508__parse_length),
		cmocka_unit_test(test_pep508__parse_url_link),
		cmocka_unit_test(test_pep508__parse_invalid),
		cmocka_unit_test(test_pep508__parse_link),
		cmocka_unit_test(test_pep508__classify),
		cmocka_unit_test(test_pep508__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
