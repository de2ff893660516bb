/*
 * test_cargo_auditable.c - the dependency tree cargo auditable embeds in Rust executables
 * (src/detect/cargo_auditable.c), on tests/data/elf/target/release/app (its .dep-v0 section
 * written by tests/data/elf/make-fixtures.py in the format of the auditable-serde crate) and
 * on JSON given directly.
 */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "detect/detect.h"

int crk__cargo_auditable_json(struct crk_detect_ctx *ctx, const char *json, size_t len,
			      struct crk_err *err);

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

/* The JSON part alone, as the detector's parse hands it over after inflating. */
static void parse_json(struct run *r, const char *json)
{
	struct crk_detect_ctx ctx;
	struct crk_arena a = CRK_ARENA_INIT;
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	memset(&ctx, 0, sizeof(ctx));
	ctx.bom = r->bom;
	ctx.path = "target/release/x";
	ctx.name = "x";
	ctx.buf = "";
	ctx.diags = &r->diags;
	ctx.arena = &a;
	ctx.rootfd = -1;
	ctx.dir = "target/release";
	ctx.detector = "rust/cargo-auditable";
	r->rc = crk__cargo_auditable_json(&ctx, json, strlen(json), &r->err);
	crk_arena_release(&a);
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

static int depends(const struct crk_component *from, const struct crk_component *to)
{
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static void test_cargo_auditable__binary(void **state)
{
	struct run r;
	const struct crk_component *app, *serde, *libc, *derive, *pm2, *fork, *internal;
	size_t n, i;
	(void)state;
	parse_as(&r, "elf/target/release/app", "target/release/app");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 7);
	app = get(&r, "pkg:cargo/app@0.1.0");
	serde = get(&r, "pkg:cargo/serde@1.0.193");
	libc = get(&r, "pkg:cargo/libc@0.2.150");
	derive = get(&r, "pkg:cargo/serde_derive@1.0.193");
	pm2 = get(&r, "pkg:cargo/proc-macro2@1.0.70");
	fork = get(&r, "pkg:cargo/fork@0.3.0");
	internal = get(&r, "pkg:cargo/internal@2.1.0");
	/* found in the binary, by this detector */
	assert_string_equal(app->occ[0].path, "target/release/app");
	assert_string_equal(app->found_by, "rust/cargo-auditable");
	assert_string_equal(app->ecosystem, "crates.io");
	/* the root package is the executable: its DT_NEEDED */
	assert_int_equal(app->flags, CRK_PKG_LOCAL);
	assert_true(is_root(&r, app));
	for (i = n = 0; i < app->nprops; i++)
		if (strcmp(app->props[i].key, "elf.needed") == 0)
			n++;
	assert_int_equal(n, 2);
	assert_string_equal(app->props[app->nprops - 2].value, "libgcc_s.so.1");
	assert_string_equal(app->props[app->nprops - 1].value, "libc.so.6");
	/* the graph */
	assert_true(depends(app, serde));
	assert_true(depends(app, libc));
	assert_true(depends(app, fork));
	assert_true(depends(app, internal));
	assert_true(depends(serde, derive));
	assert_true(depends(derive, pm2));
	assert_false(is_root(&r, serde));
	/* build-time dependencies are not in the executable */
	assert_int_equal(derive->scope, CRK_SCOPE_DEV);
	assert_string_equal(prop(derive, "cargo.kind"), "build");
	assert_int_equal(pm2->scope, CRK_SCOPE_DEV);
	assert_int_equal(serde->scope, CRK_SCOPE_REQUIRED);
	/* sources */
	assert_int_equal(fork->flags, CRK_PKG_GIT);
	assert_string_equal(prop(internal, "cargo.source"), "registry");
	assert_null(prop(serde, "cargo.source"));
	done(&r);
}

static void test_cargo_auditable__not_zlib(void **state)
{
	struct run r;
	(void)state;
	parse_as(&r, "elf/target/release/app-bad-dep", "target/release/app-bad-dep");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "target/release/app-bad-dep");
	assert_non_null(strstr(r.err.msg, "not zlib data"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_cargo_auditable__json_forms(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	/* no root: the packages nothing depends on are the direct ones; Other(String) sources */
	parse_json(&r, "{\"format\":8,\"packages\":["
		       "{\"name\":\"a\",\"version\":\"1.0.0\",\"source\":\"crates.io\","
		       "\"dependencies\":[1]},"
		       "{\"name\":\"b\",\"version\":\"2.0.0\",\"source\":{\"Other\":\"sparse+x\"}},"
		       "{\"name\":\"c\",\"version\":\"3.0.0\",\"source\":\"crates.io\"}]}");
	assert_int_equal(r.rc, CRK_OK);
	assert_true(is_root(&r, get(&r, "pkg:cargo/a@1.0.0")));
	assert_true(is_root(&r, get(&r, "pkg:cargo/c@3.0.0")));
	c = get(&r, "pkg:cargo/b@2.0.0");
	assert_false(is_root(&r, c));
	assert_string_equal(prop(c, "cargo.source"), "sparse+x");
	done(&r);

	/* bad entries are warnings */
	parse_json(&r, "{\"packages\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"source\":\"local\","
		       "\"root\":true,\"dependencies\":[7,-1,\"x\",1]},{\"version\":\"1\"},5]}");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(crk_diags_count(&r.diags), 6); /* 2 bad packages, 4 bad indexes */
	done(&r);

	parse_json(&r, "{\"packages\":{}}");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "no \"packages\" array"));
	done(&r);
	parse_json(&r, "{\"packages\":[");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "JSON line 1"));
	done(&r);
}

static void test_cargo_auditable__alloc_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	struct crk_err e;
	(void)state;
	assert_int_equal(crk_read_file(test_data("elf/target/release/app"), 1 << 24, &buf, &len, &e), CRK_OK);
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "target/release/app", "target/release/app", NULL, buf, len, &r.diags,
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
		cmocka_unit_test(test_cargo_auditable__binary),
		cmocka_unit_test(test_cargo_auditable__not_zlib),
		cmocka_unit_test(test_cargo_auditable__json_forms),
		cmocka_unit_test(test_cargo_auditable__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
