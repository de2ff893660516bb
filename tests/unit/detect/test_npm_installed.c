/* test_npm_installed.c - node_modules/<pkg>/package.json (src/detect/npm_installed.c), on
 * tests/data/npm/installed. */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

#define SHA512_A "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d" \
		 "560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

/* Parses tests/data/npm/installed/<rel> under its own relative path. */
static void parse(struct run *r, const char *rel)
{
	char path[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("npm/installed"), rel);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, rel, rel, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
	/* roots and edges are sorted and unique once the BOM is sorted (ids change; purls stay) */
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static void test_npm_installed__plain(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "node_modules/left-pad/package.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = crk_bom_find(r.bom, "pkg:npm/left-pad@1.3.0");
	assert_non_null(c);
	assert_null(c->ns);
	assert_string_equal(c->name, "left-pad");
	assert_string_equal(c->version, "1.3.0");
	assert_string_equal(c->found_by, "npm/installed");
	assert_string_equal(c->occ[0].path, "node_modules/left-pad/package.json");
	assert_int_equal(c->occ[0].line, 3); /* the "name" key, not the first line */
	assert_string_equal(c->license, "WTFPL");
	/* "azer <azer@roadbeats.com> (http://azer.bike)" */
	assert_string_equal(c->author, "azer <azer@roadbeats.com>");
	assert_int_equal(c->nparties, 1);
	assert_int_equal(c->parties[0].role, CRK_PARTY_AUTHOR);
	assert_string_equal(c->parties[0].name, "azer");
	assert_string_equal(c->parties[0].email, "azer@roadbeats.com");
	assert_string_equal(c->parties[0].url, "http://azer.bike");
	assert_string_equal(c->description, "String left pad");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	/* npm 5/6 install metadata; the credentials of the URL are dropped */
	assert_string_equal(c->download_url,
			    "https://registry.example.com/left-pad/-/left-pad-1.3.0.tgz");
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-512");
	assert_string_equal(c->hashes[0].value, SHA512_A);
	assert_int_equal(c->ndeps, 0); /* ranges are not edges */
	done(&r);
}

static void test_npm_installed__scoped_git_dev(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "node_modules/@scope/pkg/package.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = crk_bom_find(r.bom, "pkg:npm/%40scope/pkg@2.0.0-beta.1");
	assert_non_null(c);
	assert_string_equal(c->ns, "@scope");
	assert_string_equal(c->name, "pkg");
	assert_int_equal(c->occ[0].line, 2);
	assert_string_equal(c->license, "MIT OR Apache-2.0");
	assert_string_equal(c->author, "Jane Doe <jane@example.com>"); /* {"name", "email"} */
	assert_int_equal(c->nparties, 0);
	assert_int_equal(c->flags, CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "git+ssh://git@github.com/scope/pkg.git");
	assert_string_equal(c->vcs_commit, "0123456789abcdef0123456789abcdef01234567");
	assert_null(c->download_url);
	assert_int_equal(c->scope, CRK_SCOPE_DEV); /* "_development": true */
	done(&r);
}

static void test_npm_installed__legacy_license(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "node_modules/legacy-license/package.json");
	assert_int_equal(r.rc, CRK_OK);
	c = crk_bom_find(r.bom, "pkg:npm/legacy-license@0.1.0");
	assert_non_null(c);
	assert_string_equal(c->license, "BSD-3-Clause");
	assert_string_equal(c->author, "UNLICENSED stays out of licenses");
	done(&r);
}

static void test_npm_installed__not_packages(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "node_modules/vscode-ext/package.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	parse(&r, "node_modules/no-version/package.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_npm_installed__malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "node_modules/broken/package.json");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "node_modules/broken/package.json");
	assert_int_equal(r.err.line, 7);
	assert_non_null(strstr(r.err.msg, "malformed JSON"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_npm_installed__file_names(void **state)
{
	static const struct {
		const char *path;
		int taken;
	} cases[] = {
		{"node_modules/x/package.json", 1},
		{"node_modules/@s/x/package.json", 1},
		{"app/node_modules/a/node_modules/b/package.json", 1},
		{"node_modules/.pnpm/x@1.0.0/node_modules/x/package.json", 1},
		{"node_modules/.pnpm/node_modules/@s/x/package.json", 1},
		{"package.json", 0},                        /* the project's own manifest */
		{"app/package.json", 0},
		{"node_modules/package.json", 0},
		{"node_modules/x/lib/package.json", 0},     /* inside a package */
		{"node_modules/@s/package.json", 0},        /* a scope folder */
		{"node_modules/@s/x/y/package.json", 0},
		{"node_modules/.bin/package.json", 0},
		{"node_modules/x/package.json.orig", 0},
		{"not_node_modules/x/package.json", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d = crk_sbom_detector_for(cases[i].path);
		if (cases[i].taken != (d && strcmp(d, "npm/installed") == 0))
			fail_msg("%s: expected %s", cases[i].path,
				 cases[i].taken ? "npm/installed" : "no npm/installed");
	}
}

/* The author as npm's parser reads a person, and where the CycloneDX writer puts it. */
static void test_npm_installed__author(void **state)
{
	static const struct {
		const char *json, *author, *url; /* author/url NULL: none */
	} cases[] = {
		{"\"Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)\"",
		 "Barney Rubble <b@rubble.com>", "http://barnyrubble.tumblr.com/"},
		{"\"Barney Rubble (http://r.example) <b@rubble.com>\"", "Barney Rubble <b@rubble.com>",
		 "http://r.example"},
		{"\"  Barney Rubble  \"", "Barney Rubble", NULL},
		{"\"Barney Rubble <b@rubble.com>\"", "Barney Rubble <b@rubble.com>", NULL},
		{"\"<b@rubble.com>\"", "b@rubble.com", NULL},
		{"\"b@rubble.com\"", "b@rubble.com", NULL},
		{"\"(https://rubble.example)\"", NULL, "https://rubble.example"},
		{"\"Barney <>\"", "Barney", NULL},
		{"\"Barney <b@rubble.com\"", "Barney", NULL},
		{"{\"name\": \"Barney\", \"email\": \"b@rubble.com\", \"url\": \"https://r.example\"}",
		 "Barney <b@rubble.com>", "https://r.example"},
		{"{\"name\": \"Barney\", \"mail\": \"b@rubble.com\", \"web\": \"https://r.example\"}",
		 "Barney <b@rubble.com>", "https://r.example"},
		{"{\"email\": \"b@rubble.com\"}", "b@rubble.com", NULL},
		{"{\"name\": \"\", \"email\": 7}", NULL, NULL},
		{"[\"Barney\"]", NULL, NULL},
		{"\"\"", NULL, NULL},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		struct crk_err err;
		const struct crk_component *c;
		char buf[512];
		int n = snprintf(buf, sizeof(buf),
				 "{\"name\": \"x\", \"version\": \"1.0.0\", \"author\": %s}",
				 cases[i].json);
		assert_non_null(bom);
		crk_diags_init(&diags);
		assert_int_equal(crk_sbom_parse_file(bom, "node_modules/x/package.json",
						     "node_modules/x/package.json", NULL, buf,
						     (size_t)n, &diags, &err),
				 CRK_OK);
		c = crk_bom_find(bom, "pkg:npm/x@1.0.0");
		assert_non_null(c);
		if (cases[i].author ? !c->author || strcmp(c->author, cases[i].author) != 0
				    : c->author != NULL)
			fail_msg("case %zu %s: author %s", i, cases[i].json,
				 c->author ? c->author : "(none)");
		if (cases[i].url) {
			assert_int_equal(c->nparties, 1);
			assert_string_equal(c->parties[0].url, cases[i].url);
		} else {
			assert_int_equal(c->nparties, 0);
		}
		crk_diags_release(&diags);
		crk_bom_free(bom);
	}
}

/* CycloneDX 1.6 component authors (organizationalContact name, email) and the SPDX 2.3
 * originator ("Person: name (email)", SPDX 2.3 §7.6) from left-pad's author string */
static void test_npm_installed__author_written(void **state)
{
	struct run r;
	struct crk_write_opts wo = {0, 0};
	char *doc;
	size_t len;
	(void)state;
	parse(&r, "node_modules/left-pad/package.json");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_write_mem(r.bom, "cyclonedx-json", &wo, &doc, &len, &r.err), CRK_OK);
	assert_non_null(strstr(doc, "\"authors\":[{\"name\":\"azer\",\"email\":\"azer@roadbeats.com\"}]"));
	free(doc);
	assert_int_equal(crk_bom_write_mem(r.bom, "spdx-json", &wo, &doc, &len, &r.err), CRK_OK);
	assert_non_null(strstr(doc, "\"originator\":\"Person: azer (azer@roadbeats.com)\""));
	free(doc);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_npm_installed__plain),
		cmocka_unit_test(test_npm_installed__scoped_git_dev),
		cmocka_unit_test(test_npm_installed__legacy_license),
		cmocka_unit_test(test_npm_installed__not_packages),
		cmocka_unit_test(test_npm_installed__malformed),
		cmocka_unit_test(test_npm_installed__file_names),
		cmocka_unit_test(test_npm_installed__author),
		cmocka_unit_test(test_npm_installed__author_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
