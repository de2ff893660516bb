/* test_gomod.c - go.mod and go.sum (src/detect/gomod.c), on tests/data/gomod. */
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

/* Parses tests/data/gomod/<file> as go.mod; siblings (go.sum) are read from `sibling_dir`
 * (relative to tests/data) or not at all when it is NULL. */
static void parse(struct run *r, const char *file, const char *sibling_dir)
{
	char path[4096], dir[4096], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s", test_data(file));
	if (sibling_dir)
		snprintf(dir, sizeof(dir), "%s", test_data(sibling_dir));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "go.mod", "go.mod", sibling_dir ? dir : NULL, buf, len,
				    &r->diags, &r->err);
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

static int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

/* Name, version, line, root-ness of one component found by purl. */
static void check(struct run *r, const char *purl, const char *ns, const char *name,
		  const char *version, unsigned line, int root)
{
	const struct crk_component *c = get(r, purl);
	if (ns)
		assert_string_equal(c->ns, ns);
	else
		assert_null(c->ns);
	assert_string_equal(c->name, name);
	assert_string_equal(c->version, version);
	assert_string_equal(c->ecosystem, "Go");
	assert_string_equal(c->type, "golang");
	assert_string_equal(c->found_by, "go/go-mod");
	assert_int_equal(c->occ[0].line, line);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(is_root(r, c), root);
	assert_int_equal(c->ndeps, 0); /* go.mod records no module -> module edges */
}

static void test_gomod__every_directive(void **state)
{
	struct run r;
	const struct crk_component *c, *local = NULL;
	size_t i;
	(void)state;
	parse(&r, "gomod/full/go.mod", "gomod/full");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 11);

	check(&r, "pkg:golang/github.com/pkg/errors@v0.9.1", "github.com/pkg", "errors", "v0.9.1", 13,
	      1);
	c = get(&r, "pkg:golang/github.com/pkg/errors@v0.9.1");
	assert_string_equal(prop(c, "go.sum.h1"), "h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=");
	assert_int_equal(c->nhashes, 0); /* h1 is not a file hash */
	assert_string_equal(c->occ[0].path, "go.mod");

	/* "// indirect" and "// indirect; reason" */
	check(&r, "pkg:golang/golang.org/x/text@v0.14.0", "golang.org/x", "text", "v0.14.0", 16, 0);
	assert_string_equal(prop(get(&r, "pkg:golang/golang.org/x/text@v0.14.0"), "go.sum.h1"),
			    "h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=");
	check(&r, "pkg:golang/github.com/quoted/path@v1.0.0", "github.com/quoted", "path", "v1.0.0",
	      17, 1);
	assert_null(prop(get(&r, "pkg:golang/github.com/quoted/path@v1.0.0"), "go.sum.h1"));
	check(&r, "pkg:golang/golang.org/x/net@v0.20.0", "golang.org/x", "net", "v0.20.0", 18, 1);

	/* versioned replace: reported as the replacement, at the replace line */
	check(&r, "pkg:golang/example.com/new@v1.1.0", "example.com", "new", "v1.1.0", 29, 1);
	assert_string_equal(prop(get(&r, "pkg:golang/example.com/new@v1.1.0"), "go.sum.h1"),
			    "h1:5BZDMwhD92FKW7OAOvsSZv5sddZcOZndy4mtPaiCtVg=");
	assert_null(crk_bom_find(r.bom, "pkg:golang/example.com/old@v1.0.0"));
	/* unversioned replace, of an indirect requirement */
	check(&r, "pkg:golang/example.com/fork@v1.6.0", "example.com", "fork", "v1.6.0", 32, 0);
	assert_null(crk_bom_find(r.bom, "pkg:golang/example.com/anyver@v1.5.0"));
	/* a replacement of a module that is not required is not a component */
	assert_null(crk_bom_find(r.bom, "pkg:golang/example.com/other@v1.2.0"));
	/* excluded versions are not components */
	assert_null(crk_bom_find(r.bom, "pkg:golang/golang.org/x/net@v0.19.0"));

	check(&r, "pkg:golang/gopkg.in/yaml.v3@v3.0.1", "gopkg.in", "yaml.v3", "v3.0.1", 22, 1);
	check(&r, "pkg:golang/example.com/incompat@v2.0.0%2Bincompatible", "example.com", "incompat",
	      "v2.0.0+incompatible", 23, 1);
	/* short versions take their canonical form, as modfile does */
	check(&r, "pkg:golang/example.com/short@v1.2.0", "example.com", "short", "v1.2.0", 24, 1);
	/* toolchain wins over go */
	check(&r, "pkg:golang/stdlib@1.21.5", NULL, "stdlib", "1.21.5", 6, 1);

	/* the local directory replacement: no version, no purl */
	for (i = 0; i < crk_bom_count(r.bom); i++)
		if (!crk_bom_get(r.bom, i)->purl)
			local = crk_bom_get(r.bom, i);
	assert_non_null(local);
	assert_string_equal(local->name, "./local/dep");
	assert_null(local->version);
	assert_int_equal(local->flags, CRK_PKG_NO_PURL | CRK_PKG_LOCAL);
	assert_int_equal(local->occ[0].line, 33);
	assert_int_equal(is_root(&r, local), 1);

	/* one warning: the malformed go.sum line */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].path, "go.sum");
	assert_int_equal(r.diags.v[0].line, 4);
	assert_non_null(strstr(r.diags.v[0].msg, "1 malformed go.sum line"));
	done(&r);
}

static void test_gomod__without_go_sum(void **state)
{
	struct run r;
	size_t i;
	(void)state;
	parse(&r, "gomod/full/go.mod", NULL);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 11);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	for (i = 0; i < crk_bom_count(r.bom); i++)
		assert_int_equal(crk_bom_get(r.bom, i)->nprops, 0);
	done(&r);
}

/* go 1.16: go.mod lists only some of the build list; go.sum adds the rest */
static void test_gomod__go116_reads_go_sum(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "gomod/go116/go.mod", "gomod/go116");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	check(&r, "pkg:golang/github.com/sirupsen/logrus@v1.8.1", "github.com/sirupsen", "logrus",
	      "v1.8.1", 6, 1);
	check(&r, "pkg:golang/golang.org/x/sys@v0.0.0-20191026070338-33540a1f6037", "golang.org/x",
	      "sys", "v0.0.0-20191026070338-33540a1f6037", 7, 0);
	check(&r, "pkg:golang/stdlib@1.16", NULL, "stdlib", "1.16", 3, 1);
	/* from go.sum, at its line there */
	check(&r, "pkg:golang/github.com/davecgh/go-spew@v1.1.1", "github.com/davecgh", "go-spew",
	      "v1.1.1", 1, 0);
	c = get(&r, "pkg:golang/github.com/davecgh/go-spew@v1.1.1");
	assert_string_equal(c->occ[0].path, "go.sum");
	assert_string_equal(prop(c, "go.sum.h1"), "h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c=");
	/* a module with only a /go.mod hash was not built: not a component */
	assert_null(crk_bom_find(r.bom, "pkg:golang/github.com/stretchr/objx@v0.1.0"));
	done(&r);
}

static void test_gomod__malformed(void **state)
{
	static const struct {
		const char *file;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{"unknown-directive.mod", 4, 1, "unknown directive: frobnicate"},
		{"version-without-v.mod", 3, 24,
		 "invalid version '1.2.3' of github.com/x/y: must be of the form v1.2.3"},
		{"unterminated-block.mod", 3, 1, "unterminated 'require' block"},
		{"unterminated-quote.mod", 3, 9, "unterminated quoted string"},
		{"local-replace-with-version.mod", 3, 31,
		 "replacement directory './y' must not have a version"},
		{"replace-without-version.mod", 3, 27,
		 "replacement module 'github.com/z/y' without version must be a directory path"},
		{"truncated.mod", 7, 17, "invalid version 'v1.' of github.com/z/w"},
		{"repeated-module.mod", 2, 1, "repeated module statement"},
		{"block-comment.mod", 3, 1, "go.mod files must use // comments"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char f[256];
		snprintf(f, sizeof(f), "gomod/malformed/%s", cases[i].file);
		parse(&r, f, NULL);
		if (r.rc != CRK_EPARSE)
			fail_msg("%s: rc %d", cases[i].file, r.rc);
		assert_string_equal(r.err.path, "go.mod");
		if (r.err.line != cases[i].line || r.err.col != cases[i].col ||
		    strncmp(r.err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("%s: got %u:%u: %s", cases[i].file, r.err.line, r.err.col, r.err.msg);
		done(&r);
	}
}

/* Small inputs straight from memory: grammar corners. */
static int parse_str(struct run *r, const char *text)
{
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "go.mod", "go.mod", NULL, text, strlen(text), &r->diags,
				    &r->err);
	return r->rc;
}

static void test_gomod__grammar_corners(void **state)
{
	struct run r;
	(void)state;
	/* escapes in quoted paths, raw strings, comments everywhere, CRLF, no final newline */
	assert_int_equal(parse_str(&r, "module \"example.com/m\" // the module\r\n"
				       "require (\r\n"
				       "\t\"example.com/\\x61b\" v1.0.0 //indirect\r\n"
				       "\t`example.com/raw` v0.1.0-rc.1\r\n"
				       ")\r\n"
				       "require example.com/last v1.0.0"),
			 CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	assert_int_equal(get(&r, "pkg:golang/example.com/ab@v1.0.0")->occ[0].line, 3);
	assert_int_equal(is_root(&r, get(&r, "pkg:golang/example.com/ab@v1.0.0")), 0);
	assert_int_equal(get(&r, "pkg:golang/example.com/raw@v0.1.0-rc.1")->occ[0].line, 4);
	assert_int_equal(get(&r, "pkg:golang/example.com/last@v1.0.0")->occ[0].line, 6);
	done(&r);

	/* a versioned replace wins over an unversioned one; "indirectly" is not "indirect" */
	assert_int_equal(parse_str(&r, "require a.b/c v1.0.0 // indirectly used\n"
				       "replace a.b/c => x.y/any v2.0.0\n"
				       "replace a.b/c v1.0.0 => x.y/exact v3.0.0\n"),
			 CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(is_root(&r, get(&r, "pkg:golang/x.y/exact@v3.0.0")), 1);
	done(&r);

	/* invalid versions and go versions */
	assert_int_equal(parse_str(&r, "require a.b/c v01.0.0\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "require a.b/c v1.0.0-\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "go 1\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "go 1.21rc\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "go 1.21rc1\ntoolchain default\n"), CRK_OK);
	check(&r, "pkg:golang/stdlib@1.21rc1", NULL, "stdlib", "1.21rc1", 1, 1);
	done(&r);
	assert_int_equal(parse_str(&r, "require a.b/c v1.0.0 extra\n"), CRK_EPARSE);
	assert_int_equal(r.err.line, 1);
	done(&r);
	assert_int_equal(parse_str(&r, "require (\n\trequire (\n)\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "require \"a.b/\\q\" v1.0.0\n"), CRK_EPARSE);
	done(&r);
	assert_int_equal(parse_str(&r, "module a\x01\n"), CRK_EPARSE);
	done(&r);
	/* empty, comments only */
	assert_int_equal(parse_str(&r, ""), CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	assert_int_equal(parse_str(&r, "// nothing\n\n"), CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

/* Every allocation failing in turn: no crash, no leak, ENOMEM or success. */
static void test_gomod__alloc_failures(void **state)
{
	char path[4096], dir[4096], *buf;
	size_t len;
	uint64_t n;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s", test_data("gomod/full/go.mod"));
	snprintf(dir, sizeof(dir), "%s", test_data("gomod/full"));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "go.mod", "go.mod", dir, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		crk_diags_release(&diags);
		crk_bom_free(bom);
		if (rc == CRK_OK)
			break;
		assert_true(rc == CRK_ENOMEM || rc == CRK_EIO);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gomod__every_directive),
		cmocka_unit_test(test_gomod__without_go_sum),
		cmocka_unit_test(test_gomod__go116_reads_go_sum),
		cmocka_unit_test(test_gomod__malformed),
		cmocka_unit_test(test_gomod__grammar_corners),
		cmocka_unit_test(test_gomod__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
