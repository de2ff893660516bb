/* test_mix.c - mix.lock and rebar.lock (src/detect/mix.c), on tests/data/mix. */
#include <string.h>

#include "../test.h"
#define DETECT_TEST_OWN_PARSE
#include "detect_test.h"

static void parse(struct run *r, const char *file, const char *parse_as)
{
	parse_fixture(r, "mix", file, parse_as, NULL);
}

static void test_mix__lock(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "mix.lock", "apps/web/mix.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);

	c = get(&r, "pkg:hex/decimal@2.0.0");
	assert_string_equal(c->ecosystem, "Hex");
	assert_string_equal(c->found_by, "hex/mix-lock");
	assert_string_equal(c->occ[0].path, "apps/web/mix.lock");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->hashes[0].alg, "SHA-256");
	assert_string_equal(c->hashes[0].value,
			    "34666e9c55dea81013e77d9d87370fe6cb6291d1ef32f46a1600230b1d44f577");
	assert_null(c->vcs_commit);

	c = get(&r, "pkg:hex/ecto@3.5.5");
	assert_int_equal(c->occ[0].line, 3);
	assert_string_equal(c->hashes[0].value,
			    "98dd0e5e1de7f45beca6130d13116eae675db59adfa055fb79612406acf6f6f1");
	c = get(&r, "pkg:hex/telemetry@0.4.2");
	assert_int_equal(c->occ[0].line, 4);
	assert_int_equal(c->nhashes, 0); /* no outer checksum in a 7-tuple */
	/* the Hex package name, not the application's; a private organisation */
	c = get(&r, "pkg:hex/acme/real_pkg_name@1.0.0");
	assert_int_equal(c->occ[0].line, 6);
	assert_int_equal(c->nhashes, 0);

	c = get(&r, "pkg:hex/foe");
	assert_null(c->version);
	assert_int_equal(c->occ[0].line, 7);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/my-org/foe.git");
	assert_string_equal(c->vcs_commit, "a9574ab75d6ed01e1288c453ae1d943d7a964595");

	assert_true(depends_purl(&r, "pkg:hex/ecto@3.5.5", "pkg:hex/decimal@2.0.0"));
	assert_true(depends_purl(&r, "pkg:hex/ecto@3.5.5", "pkg:hex/telemetry@0.4.2"));
	assert_int_equal(get(&r, "pkg:hex/ecto@3.5.5")->ndeps, 2); /* jason is not locked */
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 0); /* mix.exs, not the lock file, says what is direct */

	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_int_equal(r.diags.v[0].line, 8);
	assert_non_null(strstr(r.diags.v[0].msg, "'weird' is neither a :hex nor a :git entry"));
	assert_int_equal(r.diags.v[1].line, 9);
	assert_non_null(strstr(r.diags.v[1].msg, "'short'"));
	done(&r);
}

static void test_mix__old_format_and_empty(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "old-format.lock", "mix.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(get(&r, "pkg:hex/plug@1.3.0")->occ[0].line, 1);
	assert_int_equal(get(&r, "pkg:hex/cowboy@1.1.2")->occ[0].line, 2);
	assert_int_equal(get(&r, "pkg:hex/plug@1.3.0")->nhashes, 0);
	assert_true(depends_purl(&r, "pkg:hex/plug@1.3.0", "pkg:hex/cowboy@1.1.2"));
	done(&r);

	parse(&r, "empty.lock", "mix.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_mix__rebar(void **state)
{
	struct run r;
	const struct crk_component *c;
	size_t nroots;
	(void)state;
	parse(&r, "rebar.lock", "rebar.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);

	c = get(&r, "pkg:hex/certifi@2.9.0");
	assert_string_equal(c->found_by, "hex/rebar-lock");
	assert_int_equal(c->occ[0].line, 2);
	assert_int_equal(c->nhashes, 1); /* pkg_hash_ext, not pkg_hash */
	assert_string_equal(c->hashes[0].value,
			    "0bb84ae2d3e0ae07c3b6ee35f5e4f3c27f6ad33c10ae9b4d0fcf8c8e1b0d8c46");
	c = get(&r, "pkg:hex/cowboy");
	assert_int_equal(c->occ[0].line, 3);
	assert_true(c->flags & CRK_PKG_GIT);
	assert_string_equal(c->vcs_url, "https://github.com/ninenines/cowboy.git");
	assert_string_equal(c->vcs_commit, "9e600f6c1df3c440bc196b66ebbc005d70107217");
	c = get(&r, "pkg:hex/cowlib");
	assert_null(c->vcs_commit);
	assert_int_equal(c->nprops, 1);
	assert_string_equal(c->props[0].key, "vcs_ref");
	assert_string_equal(c->props[0].value, "2.11.0");
	c = get(&r, "pkg:hex/hackney@1.18.1");
	assert_int_equal(c->nhashes, 0);
	get(&r, "pkg:hex/real_name@0.1.0");

	assert_int_equal(crk_bom_sort(r.bom), CRK_OK);
	crk_bom_roots(r.bom, &nroots);
	assert_int_equal(nroots, 3);
	assert_true(is_root_purl(&r, "pkg:hex/cowboy"));
	assert_true(is_root_purl(&r, "pkg:hex/hackney@1.18.1"));
	assert_true(is_root_purl(&r, "pkg:hex/real_name@0.1.0"));
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_int_equal(r.diags.v[0].line, 7);
	assert_non_null(strstr(r.diags.v[0].msg, "'bad'"));
	done(&r);

	parse(&r, "rebar-old.lock", "rebar.lock");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(get(&r, "pkg:hex/jsx@2.8.0")->occ[0].line, 2);
	assert_true(is_root_purl(&r, "pkg:hex/jsx@2.8.0"));
	done(&r);
}

static void test_mix__errors(void **state)
{
	static const struct {
		const char *file, *parse_as;
		int rc;
		unsigned line;
		const char *msg;
	} cases[] = {
		{"unterminated.lock", "mix.lock", CRK_EPARSE, 2, "unterminated string"},
		{"interpolation.lock", "mix.lock", CRK_EPARSE, 2, "string interpolation"},
		{"not-a-map.lock", "mix.lock", CRK_EPARSE, 1, "expected a map"},
		{"trailing.lock", "mix.lock", CRK_EPARSE, 2, "text after the map"},
		{"missing-comma.lock", "mix.lock", CRK_EPARSE, 2, "expected ',' or a closing"},
		{"code.lock", "mix.lock", CRK_EPARSE, 1, "unexpected character"},
		{"deep.lock", "mix.lock", CRK_ELIMIT, 1, "nested deeper than 256"},
		{"rebar-v2.lock", "rebar.lock", CRK_EUNSUPPORTED, 1, "rebar.lock version '2.0.0'"},
		{"rebar-no-dot.lock", "rebar.lock", CRK_EPARSE, 2, "expected '.'"},
		/* in Erlang '%' starts a comment, so mix.lock's first line is one */
		{"mix.lock", "rebar.lock", CRK_EPARSE, 2, "expected '.' after a term"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		parse(&r, cases[i].file, cases[i].parse_as);
		if (r.rc != cases[i].rc)
			fail_msg("%s: rc %d, not %d (%s)", cases[i].file, r.rc, cases[i].rc,
				 r.err.msg);
		assert_string_equal(r.err.path, cases[i].parse_as);
		if (r.err.line != cases[i].line)
			fail_msg("%s: line %u, not %u (%s)", cases[i].file, r.err.line,
				 cases[i].line, r.err.msg);
		if (!strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: '%s' lacks '%s'", cases[i].file, r.err.msg, cases[i].msg);
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_mix__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("mix.lock"), "hex/mix-lock");
	assert_string_equal(crk_sbom_detector_for("apps/x/mix.lock"), "hex/mix-lock");
	assert_string_equal(crk_sbom_detector_for("rebar.lock"), "hex/rebar-lock");
	assert_null(crk_sbom_detector_for("path/to/my/mix.txt"));
	assert_null(crk_sbom_detector_for("path.to.my.mix.lock"));
}

static void test_mix__alloc_failures(void **state)
{
	static const char *const files[][2] = {{"mix.lock", "mix.lock"},
					       {"rebar.lock", "rebar.lock"}};
	size_t f;
	uint64_t n;
	(void)state;
	for (f = 0; f < 2; f++) {
		for (n = 1; n < 100000; n++) {
			struct run r;
			char path[8192], *buf;
			size_t len;
			snprintf(path, sizeof(path), "%s/%s", test_data("mix"), files[f][0]);
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
		cmocka_unit_test(test_mix__lock),
		cmocka_unit_test(test_mix__old_format_and_empty),
		cmocka_unit_test(test_mix__rebar),
		cmocka_unit_test(test_mix__errors),
		cmocka_unit_test(test_mix__file_names),
		cmocka_unit_test(test_mix__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
