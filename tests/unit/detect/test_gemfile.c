/* test_gemfile.c - Gemfile.lock and installed gemspecs (src/detect/gemfile.c), on
 * tests/data/gemfile. */
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

static void parse(struct run *r, const char *file, const char *parse_as)
{
	char path[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("gemfile"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, NULL, buf, len, &r->diags,
				    &r->err);
	crk_free(buf);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static const char *qual(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nqualifiers; i++)
		if (strcmp(c->qualifiers[i].key, key) == 0)
			return c->qualifiers[i].value;
	return NULL;
}

/* The component name@version (with that platform qualifier, or none). */
static const struct crk_component *find(struct run *r, const char *name, const char *version,
					const char *platform)
{
	size_t i;
	for (i = 0; i < crk_bom_count(r->bom); i++) {
		const struct crk_component *c = crk_bom_get(r->bom, i);
		const char *p = qual(c, "platform");
		if (strcmp(c->name, name) == 0 && c->version && strcmp(c->version, version) == 0 &&
		    (platform ? p && strcmp(p, platform) == 0 : !p))
			return c;
	}
	fail_msg("no component %s %s %s", name, version, platform ? platform : "");
	return NULL;
}

static int has_dep(const struct crk_component *f, const struct crk_component *t)
{
	size_t i;
	for (i = 0; i < f->ndeps; i++)
		if (f->deps[i] == t->id)
			return 1;
	return 0;
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

static void test_gemfile__full(void **state)
{
	struct run r;
	const struct crk_component *utils, *conc, *nx, *na, *racc, *rack, *rspec, *local, *priv;
	size_t nroots;
	(void)state;
	parse(&r, "full.lock", "app/Gemfile.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9); /* not mygem: PATH "." is the project */

	utils = find(&r, "hanami-utils", "2.0.0.alpha1", NULL);
	assert_string_equal(utils->purl, "pkg:gem/hanami-utils@2.0.0.alpha1");
	assert_string_equal(utils->ecosystem, "RubyGems");
	assert_string_equal(utils->found_by, "rubygems/gemfile-lock");
	assert_string_equal(utils->occ[0].path, "app/Gemfile.lock");
	assert_int_equal(utils->occ[0].line, 6);
	assert_true(utils->flags & CRK_PKG_GIT);
	assert_string_equal(utils->vcs_url, "https://github.com/hanami/utils.git");
	assert_string_equal(utils->vcs_commit, "5904fc9a70683b8749aa2861257d0c8c01eae4aa");

	local = find(&r, "local-thing", "1.2.3", NULL);
	assert_int_equal(local->occ[0].line, 19);
	assert_true(local->flags & CRK_PKG_LOCAL);

	conc = find(&r, "concurrent-ruby", "1.1.9", NULL);
	assert_int_equal(conc->occ[0].line, 24);
	assert_int_equal(conc->nqualifiers, 0);
	assert_int_equal(conc->scope, CRK_SCOPE_REQUIRED);

	nx = find(&r, "nokogiri", "1.13.3", "x86_64-linux");
	assert_string_equal(nx->purl, "pkg:gem/nokogiri@1.13.3?platform=x86_64-linux");
	assert_int_equal(nx->occ[0].line, 25);
	assert_int_equal(nx->nhashes, 1);
	assert_string_equal(nx->hashes[0].alg, "SHA-256");
	assert_string_equal(nx->hashes[0].value,
			    "abababababababababababababababababababababababababababababababab");
	na = find(&r, "nokogiri", "1.13.3", "arm64-darwin");
	assert_int_equal(na->occ[0].line, 27);
	assert_int_equal(na->nhashes, 0);

	racc = find(&r, "racc", "1.6.0", NULL);
	assert_int_equal(racc->nhashes, 1);
	assert_string_equal(racc->hashes[0].value,
			    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
	rack = find(&r, "rack", "2.2.3", NULL);
	assert_int_equal(rack->nhashes, 0);
	rspec = find(&r, "rspec", "3.12.0", NULL);
	priv = find(&r, "private-gem", "0.9.0", NULL);
	assert_string_equal(qual(priv, "repository_url"), "https://gems.example.com/");
	assert_int_equal(priv->occ[0].line, 37);

	/* spec dependencies, to every platform of a name */
	assert_true(has_dep(utils, conc));
	assert_int_equal(utils->ndeps, 1);
	assert_true(has_dep(nx, racc));
	assert_true(has_dep(na, racc));
	assert_true(has_dep(rspec, rack));
	assert_int_equal(rack->ndeps, 0);
	/* DEPENDENCIES, and the dependencies of the project's own gemspec (rack) */
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 7);
	assert_true(is_root(&r, utils));
	assert_true(is_root(&r, local));
	assert_true(is_root(&r, nx));
	assert_true(is_root(&r, na));
	assert_true(is_root(&r, priv));
	assert_true(is_root(&r, rspec));
	assert_true(is_root(&r, rack));
	assert_false(is_root(&r, racc));
	done(&r);
}

static void test_gemfile__crlf_and_empty(void **state)
{
	struct run r;
	size_t nroots;
	(void)state;
	parse(&r, "crlf.lock", "gems.locked");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(find(&r, "rake", "13.0.6", NULL)->occ[0].line, 4);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 1);
	done(&r);

	/* a dependency line without a name (found by the fuzzer) is skipped */
	parse(&r, "empty-dep-name.lock", "Gemfile.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(find(&r, "rake", "13.0.6", NULL)->ndeps, 0);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 1);
	done(&r);

	parse(&r, "empty.lock", "Gemfile.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_gemfile__errors(void **state)
{
	static const struct {
		const char *file, *parse_as;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"not-a-lock.lock", "Gemfile.lock", 1, "'hello world' is not a section header"},
		{"conflict.lock", "Gemfile.lock", 4, "'<<<<<<< HEAD' is not a section header"},
		{"indented-first.lock", "Gemfile.lock", 1, "indented line before any section"},
		{"nul.lock", "Gemfile.lock", 3, "NUL byte"},
		{"specifications/handwritten.gemspec", "specifications/foo-1.0.gemspec", 1,
		 "not a generated gemspec: no 'Gem::Specification.new do |s|' line"},
		{"specifications/noversion.gemspec", "specifications/foo-1.0.gemspec", 2,
		 "not a generated gemspec: no 's.version"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file, cases[i].parse_as);
		assert_int_equal(r.rc, CRK_EPARSE);
		assert_string_equal(r.err.path, cases[i].parse_as);
		if (r.err.line != cases[i].line)
			fail_msg("%s: line %u, not %u", cases[i].file, r.err.line, cases[i].line);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_gemfile__gemspecs(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "specifications/rake-13.0.6.gemspec",
	      "vendor/bundle/ruby/3.1.0/specifications/rake-13.0.6.gemspec");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = find(&r, "rake", "13.0.6", NULL);
	assert_string_equal(c->purl, "pkg:gem/rake@13.0.6");
	assert_string_equal(c->found_by, "rubygems/installed-gemspec");
	assert_int_equal(c->occ[0].line, 5);
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->description, "Rake is a Make-like program implemented in Ruby");
	done(&r);

	parse(&r, "specifications/nokogiri-1.13.3-x86_64-linux.gemspec",
	      "specifications/nokogiri-1.13.3-x86_64-linux.gemspec");
	assert_int_equal(r.rc, CRK_OK);
	c = find(&r, "nokogiri", "1.13.3", "x86_64-linux");
	assert_string_equal(c->license, "MIT");
	assert_null(c->description); /* an escape in the string: not read */
	done(&r);

	parse(&r, "specifications/default/json-2.6.1.gemspec",
	      "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec");
	assert_int_equal(r.rc, CRK_OK);
	c = find(&r, "json", "2.6.1", NULL);
	assert_string_equal(c->license, "Ruby OR BSD-2-Clause");
	assert_int_equal(c->occ[0].line, 6);
	done(&r);
}

static void test_gemfile__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("Gemfile.lock"), "rubygems/gemfile-lock");
	assert_string_equal(crk_sbom_detector_for("a/gems.locked"), "rubygems/gemfile-lock");
	assert_null(crk_sbom_detector_for("a/Gemfile.lock.file"));
	assert_string_equal(crk_sbom_detector_for("specifications/x-1.0.gemspec"),
			    "rubygems/installed-gemspec");
	assert_string_equal(crk_sbom_detector_for("a/b/specifications/default/x-1.gemspec"),
			    "rubygems/installed-gemspec");
	assert_null(crk_sbom_detector_for("x.gemspec"));
	assert_null(crk_sbom_detector_for("mygem/x.gemspec"));
	assert_null(crk_sbom_detector_for("myspecifications/x.gemspec"));
	assert_null(crk_sbom_detector_for("specifications/.gemspec"));
}

static void test_gemfile__alloc_failures(void **state)
{
	static const char *const files[][2] = {
		{"full.lock", "Gemfile.lock"},
		{"specifications/default/json-2.6.1.gemspec", "specifications/json-2.6.1.gemspec"},
	};
	size_t f;
	uint64_t n;
	(void)state;
	for (f = 0; f < 2; f++) {
		for (n = 1; n < 100000; n++) {
			struct run r;
			char path[8192], *buf;
			size_t len;
			snprintf(path, sizeof(path), "%s/%s", test_data("gemfile"), files[f][0]);
			assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r.err),
					 0);
			r.bom = crk_bom_new();
			assert_non_null(r.bom);
			crk_diags_init(&r.diags);
			crk_alloc_fail_after(n);
			r.rc = crk_sbom_parse_file(r.bom, files[f][1], files[f][1], NULL, buf, len,
						   &r.diags, &r.err);
			crk_alloc_fail_after(0);
			crk_free(buf);
			done(&r);
			if (r.rc == CRK_OK)
				break;
			assert_int_equal(r.rc, CRK_ENOMEM);
		}
		assert_true(n > 1 && n < 100000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gemfile__full),
		cmocka_unit_test(test_gemfile__crlf_and_empty),
		cmocka_unit_test(test_gemfile__errors),
		cmocka_unit_test(test_gemfile__gemspecs),
		cmocka_unit_test(test_gemfile__file_names),
		cmocka_unit_test(test_gemfile__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
