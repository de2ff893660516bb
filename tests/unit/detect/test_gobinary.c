/* test_gobinary.c - Go build information in executables (src/detect/gobinary.c), on the
 * synthetic executables of tests/data/gobinary (made by make-fixtures.py; `go version -m`
 * reads the ELF and Mach-O ones the same way). */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "detect/detect.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static char *load(const char *file, size_t *len)
{
	char path[4096], *buf;
	struct crk_err err;
	snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_BINARY_SIZE, &buf, len, &err), CRK_OK);
	return buf;
}

static void parse_buf(struct run *r, const char *buf, size_t len)
{
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, "usr/local/bin/app", "usr/local/bin/app", NULL, buf, len,
				    &r->diags, &r->err);
}

static void parse(struct run *r, const char *file)
{
	size_t len;
	char *buf = load(file, &len);
	parse_buf(r, buf, len);
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

static int depends(struct run *r, const struct crk_component *from, const char *to_purl)
{
	const struct crk_component *to = get(r, to_purl);
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static void test_gobinary__inline_elf64(void **state)
{
	struct run r;
	const struct crk_component *m, *c, *local = NULL;
	size_t i;
	(void)state;
	parse(&r, "gobinary/inline-elf64le");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 5);

	m = get(&r, "pkg:golang/example.com/app@v1.4.0");
	assert_string_equal(m->found_by, "go/binary");
	assert_string_equal(m->ecosystem, "Go");
	assert_string_equal(m->occ[0].path, "usr/local/bin/app");
	assert_int_equal(m->occ[0].line, 0);
	assert_string_equal(m->vcs_commit, "0123456789abcdef0123456789abcdef01234567");
	assert_int_equal(m->nprops, 8);
	assert_string_equal(prop(m, "go.sum.h1"), "h1:qLfMh6OcCo7ZbFmOw4cLJbJqbzE1Pm9bMIpTaEGxr3s=");
	assert_string_equal(prop(m, "go.build.-buildmode"), "exe");
	assert_string_equal(prop(m, "go.build.-ldflags"), "-s -w -X main.version=1.4.0");
	assert_string_equal(prop(m, "go.build.CGO_ENABLED"), "0");
	assert_string_equal(prop(m, "go.build.vcs.modified"), "true");
	assert_int_equal(is_root(&r, m), 1);
	assert_int_equal(m->ndeps, 4);

	c = get(&r, "pkg:golang/github.com/pkg/errors@v0.9.1");
	assert_string_equal(c->ns, "github.com/pkg");
	assert_string_equal(c->name, "errors");
	assert_string_equal(prop(c, "go.sum.h1"), "h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=");
	assert_int_equal(is_root(&r, c), 0);
	assert_true(depends(&r, m, "pkg:golang/github.com/pkg/errors@v0.9.1"));
	/* replaced: reported as the replacement, with the replacement's sum */
	c = get(&r, "pkg:golang/golang.org/x/sys@v0.22.0");
	assert_string_equal(prop(c, "go.sum.h1"), "h1:RI27ohtqKCnwULzJLqkv897zojh5/DwS/ENaMzUOaWI=");
	assert_null(crk_bom_find(r.bom, "pkg:golang/golang.org/x/sys@v0.21.0"));
	assert_true(depends(&r, m, "pkg:golang/golang.org/x/sys@v0.22.0"));
	/* the standard library, from "go1.22.5" */
	c = get(&r, "pkg:golang/stdlib@1.22.5");
	assert_null(c->ns);
	assert_true(depends(&r, m, "pkg:golang/stdlib@1.22.5"));
	/* a local directory replacement: no version, no purl */
	for (i = 0; i < crk_bom_count(r.bom); i++)
		if (!crk_bom_get(r.bom, i)->purl)
			local = crk_bom_get(r.bom, i);
	assert_non_null(local);
	assert_string_equal(local->name, "../local");
	assert_null(local->version);
	assert_int_equal(local->flags, CRK_PKG_NO_PURL | CRK_PKG_LOCAL);
	done(&r);
}

/* Go < 1.18: pointers into the program's memory, ELF32 big endian */
static void test_gobinary__pointer_elf32be(void **state)
{
	struct run r;
	const struct crk_component *m;
	(void)state;
	parse(&r, "gobinary/pointer-elf32be");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	/* "(devel)": the main module has no version */
	m = get(&r, "pkg:golang/example.com/tool");
	assert_null(m->version);
	assert_int_equal(m->nprops, 0);
	assert_null(m->vcs_commit);
	assert_int_equal(is_root(&r, m), 1);
	assert_true(depends(&r, m, "pkg:golang/github.com/google/uuid@v1.3.0"));
	assert_true(depends(&r, m, "pkg:golang/stdlib@1.17.13"));
	assert_string_equal(prop(get(&r, "pkg:golang/github.com/google/uuid@v1.3.0"), "go.sum.h1"),
			    "h1:t6FVCMvGZS5AsA1hmXFoLvb5lqaHYs8FJ2fTzRkmEPU=");
	done(&r);
}

/* Go < 1.18 without section headers: found through the writable PT_LOAD segment */
static void test_gobinary__no_sections(void **state)
{
	struct run r;
	const struct crk_component *m;
	(void)state;
	parse(&r, "gobinary/pointer-elf64le-nosections");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	m = get(&r, "pkg:golang/github.com/acme/cli@v0.3.1");
	assert_int_equal(m->nprops, 0); /* empty sum, no build settings */
	assert_true(depends(&r, m, "pkg:golang/gopkg.in/yaml.v2@v2.4.0"));
	assert_true(depends(&r, m, "pkg:golang/stdlib@1.16.15"));
	done(&r);
}

static void test_gobinary__macho(void **state)
{
	struct run r;
	const struct crk_component *m;
	(void)state;
	parse(&r, "gobinary/inline-macho64");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	m = get(&r, "pkg:golang/example.org/mac");
	assert_true(depends(&r, m, "pkg:golang/github.com/mattn/go-isatty@v0.0.20"));
	assert_int_equal(get(&r, "pkg:golang/github.com/mattn/go-isatty@v0.0.20")->nprops, 0);
	get(&r, "pkg:golang/stdlib@1.21.0");
	done(&r);
}

static void test_gobinary__not_go_and_broken(void **state)
{
	struct run r;
	(void)state;
	/* an executable that is not Go: nothing, no error */
	parse(&r, "gobinary/not-go-elf64le");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	/* a script in bin/: nothing, no error */
	parse_buf(&r, "#!/bin/sh\necho hello\n", 21);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	/* the module information runs past the section: the Go version alone, as go version -m */
	parse(&r, "gobinary/truncated-elf64le");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	get(&r, "pkg:golang/stdlib@1.21.0");
	done(&r);
	/* a dep line with one column */
	parse(&r, "gobinary/bad-modinfo-elf64le");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "usr/local/bin/app");
	assert_string_equal(r.err.msg, "go build info: malformed line 'dep\tonly-a-path'");
	done(&r);
}

/* Every prefix of the files, and every byte of their headers flipped: bounds hold. */
static void test_gobinary__hostile(void **state)
{
	static const char *const files[] = {
		"gobinary/inline-elf64le", "gobinary/pointer-elf32be",
		"gobinary/pointer-elf64le-nosections", "gobinary/inline-macho64",
	};
	size_t f, i, len;
	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char *buf = load(files[f], &len), *copy;
		for (i = 0; i <= len; i++) {
			struct run r;
			copy = crk_malloc(i ? i : 1); /* exactly i bytes: ASan sees any overread */
			assert_non_null(copy);
			memcpy(copy, buf, i);
			parse_buf(&r, copy, i);
			assert_true(r.rc == CRK_OK || r.rc == CRK_EPARSE);
			done(&r);
			crk_free(copy);
		}
		for (i = 0; i < len; i++) {
			struct run r;
			copy = crk_malloc(len);
			assert_non_null(copy);
			memcpy(copy, buf, len);
			copy[i] = (char)(copy[i] ^ 0xff);
			parse_buf(&r, copy, len);
			assert_true(r.rc == CRK_OK || r.rc == CRK_EPARSE);
			done(&r);
			crk_free(copy);
		}
		crk_free(buf);
	}
}

static void test_gobinary__file_detection(void **state)
{
	static const struct {
		const char *path;
		int go;
	} cases[] = {
		{"usr/local/bin/app", 1}, {"bin/server", 1},     {"usr/sbin/daemon", 1},
		{"usr/libexec/helper", 1}, {"app/server", 1},     {"ko-app/cmd", 1},
		{"manager", 1},           {"tool.exe", 1},        {"dist/x/tool.exe", 1},
		{"src/app/server", 0},    {"usr/bin/script.sh", 0}, {"Makefile", 0},
		{"LICENSE", 0},           {"docs/readme", 0},     {"usr/share/doc/x/copyright", 0},
	};
	const struct crk_detector *go = crk_detect_by_name("go/binary");
	size_t i;
	(void)state;
	assert_non_null(go);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* the walk gives executables to binary/executables, which runs go/binary on the
		 * paths go/binary's match takes (src/detect/binary.c) */
		const char *d = crk_sbom_detector_for(cases[i].path);
		const char *base = strrchr(cases[i].path, '/');
		int is = d && strcmp(d, "binary/executables") == 0 &&
			 go->match(cases[i].path, strlen(cases[i].path), base ? base + 1 : cases[i].path);
		if (is != cases[i].go)
			fail_msg("%s: detector %s", cases[i].path, d ? d : "(none)");
	}
}

static void test_gobinary__alloc_failures(void **state)
{
	size_t len;
	char *buf = load("gobinary/inline-elf64le", &len);
	uint64_t n;
	(void)state;
	for (n = 1; n < 100000; n++) {
		struct run r;
		r.bom = crk_bom_new();
		if (!r.bom)
			continue;
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk_sbom_parse_file(r.bom, "bin/app", "bin/app", NULL, buf, len, &r.diags,
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
		cmocka_unit_test(test_gobinary__inline_elf64),
		cmocka_unit_test(test_gobinary__pointer_elf32be),
		cmocka_unit_test(test_gobinary__no_sections),
		cmocka_unit_test(test_gobinary__macho),
		cmocka_unit_test(test_gobinary__not_go_and_broken),
		cmocka_unit_test(test_gobinary__hostile),
		cmocka_unit_test(test_gobinary__file_detection),
		cmocka_unit_test(test_gobinary__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
