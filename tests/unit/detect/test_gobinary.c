/* test_gobinary.c - Go build information in executables (src/detect/gobinary.c), on the
 * synthetic executables of tests/data/gobinary (made by make-fixtures.py; `go version -m`
 * reads the ELF and Mach-O ones the same way). */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "detect/detect.h"
#include "detect/gobinary.h"

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

/* ---- the main module's version from -ldflags -X (crk__go_ldflags_version) ---- */

/* A minimal Mach-O file holding the inline (Go >= 1.18) build information: the magic, the
 * 32-byte header (pointer size 8, flags 0x2), then the Go version and the module information
 * framed by 16 sentinel bytes each side, both uvarint-length prefixed. */
static char *go_exe(const char *vers, const char *modinfo, size_t *len)
{
	static const unsigned char macho[4] = {0xcf, 0xfa, 0xed, 0xfe};
	size_t vn = strlen(vers), mn = strlen(modinfo) + 32, cap = 64 + vn + mn + 20, n = 0;
	unsigned char *b = crk_malloc(cap);
	size_t v;
	assert_non_null(b);
	memset(b, 0, cap);
	memcpy(b, macho, 4);
	n = 16;
	memcpy(b + n, "\xff Go buildinf:", 14);
	b[n + 14] = 8;
	b[n + 15] = 2;
	n += 32;
	for (v = vn; v >= 0x80; v >>= 7)
		b[n++] = (unsigned char)(v | 0x80);
	b[n++] = (unsigned char)v;
	memcpy(b + n, vers, vn);
	n += vn;
	for (v = mn; v >= 0x80; v >>= 7)
		b[n++] = (unsigned char)(v | 0x80);
	b[n++] = (unsigned char)v;
	memset(b + n, 'S', 16);
	memcpy(b + n + 16, modinfo, mn - 32);
	memset(b + n + mn - 16, 'E', 16);
	n += mn;
	*len = n < 64 ? 64 : n;
	return (char *)b;
}

static void test_gobinary__ldflags_words(void **state)
{
	static const struct {
		const char *main, *ldflags, *want; /* want NULL: no version */
	} cases[] = {
		{"example.com/t", "-s -w -X main.version=1.2.3", "1.2.3"},
		{"example.com/t", "-X 'main.version=v1.2.3'", "v1.2.3"},
		{"example.com/t", "-X \"main.version=1.2.3\" -s", "1.2.3"},
		{"example.com/t", "-X=main.version=1.0.0", "1.0.0"},
		{"example.com/t", "-X='main.version=1.0.0'", "1.0.0"},
		{"example.com/t", "-X=\"main.Version=1.0.0\"", "1.0.0"},
		{"example.com/t", "--X main.version=1.0.1", "1.0.1"},
		{"example.com/t", "-Xmain.version=2.0.0", "2.0.0"},
		{"example.com/t", "-extldflags '-static -lm' -X main.VER=3.0.0", "3.0.0"},
		{"example.com/t", "\t-X\tmain.version=1.2.3+build.5\n", "1.2.3+build.5"},
		/* kpt 1.0.0-beta.56 as built for the benchmark image (bench/image-diff-notes.md) */
		{"github.com/GoogleContainerTools/kpt",
		 "-X github.com/GoogleContainerTools/kpt/run.version=1.0.0-beta.56", "1.0.0-beta.56"},
		/* ranks: <main>/cmd/... first, then main./common./version./cmd., then the rest */
		{"github.com/acme/tool",
		 "-X github.com/acme/tool/internal/x.version=9.9.9 -X main.version=1.0.0 "
		 "-X github.com/acme/tool/cmd/tool/app.version=2.0.0",
		 "2.0.0"},
		{"github.com/acme/tool",
		 "-X github.com/acme/tool/internal/x.version=9.9.9 "
		 "-X github.com/acme/lib/Version.Version=1.0.0",
		 "1.0.0"},
		{"github.com/acme/tool", "-X github.com/acme/tool/internal/x.version=9.9.9", "9.9.9"},
		/* two versions in one rank: none; the same one twice: that one; a key set twice:
		 * the last */
		{"example.com/t", "-X main.version=1.0.0 -X cmd.version=2.0.0", NULL},
		{"example.com/t", "-X main.version=1.0.0 -X common.Version=1.0.0", "1.0.0"},
		{"example.com/t", "-X main.version=1.0.0 -X main.version=1.1.0", "1.1.0"},
		/* not a semantic version (golang.org/x/mod/semver), not a version key */
		{"example.com/t", "-X main.version=dev", NULL},
		{"example.com/t", "-X main.version=01.2.3", NULL},
		{"example.com/t", "-X main.version=1.2.3-rc.01", NULL},
		{"example.com/t", "-X main.version=1.2.3-", NULL},
		{"example.com/t", "-X main.version=1.2", "1.2"},
		{"example.com/t", "-X main.version=v1", "v1"},
		{"example.com/t", "-X main.commit=1.2.3", NULL},
		{"example.com/t", "-X main.buildversion=1.2.3", NULL},
		{"example.com/t", "-X main.version=", NULL},
		/* no -X, a dangling -X, an unterminated quote, nothing */
		{"example.com/t", "-s -w", NULL},
		{"example.com/t", "-s -X", NULL},
		{"example.com/t", "-X 'main.version=1.0.0", NULL},
		{"example.com/t", "", NULL},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_arena a = CRK_ARENA_INIT;
		const char *got = "unset";
		assert_int_equal(crk__go_ldflags_version(&a, cases[i].main, strlen(cases[i].main),
							 cases[i].ldflags, &got),
				 CRK_OK);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0 : got != NULL)
			fail_msg("case %zu '%s': got %s, want %s", i, cases[i].ldflags,
				 got ? got : "(none)", cases[i].want ? cases[i].want : "(none)");
		crk_arena_release(&a);
	}
}

/* Through the detector: the version replaces "(devel)" and v0.0.0 pseudo-versions only. */
static void test_gobinary__ldflags_main_version(void **state)
{
	static const struct {
		const char *mod, *build, *purl;
	} cases[] = {
		{"mod\texample.com/tool\t(devel)\t\n", "build\t-ldflags=\"-s -w -X main.version=1.2.3\"\n",
		 "pkg:golang/example.com/tool@1.2.3"},
		{"mod\texample.com/tool\t(devel)\t\n",
		 "build\t-ldflags=\"-X 'main.version=v2.0.0'\"\n", "pkg:golang/example.com/tool@v2.0.0"},
		{"mod\texample.com/tool\tv0.0.0-20240102030405-0123456789ab\t\n",
		 "build\t-ldflags=\"-X main.version=1.2.3\"\n", "pkg:golang/example.com/tool@1.2.3"},
		{"mod\texample.com/tool\tv1.4.0\t\n", "build\t-ldflags=\"-X main.version=9.9.9\"\n",
		 "pkg:golang/example.com/tool@v1.4.0"},
		/* no version flag: "(devel)" stays no version */
		{"mod\texample.com/tool\t(devel)\t\n", "build\t-ldflags=\"-s -w\"\n",
		 "pkg:golang/example.com/tool"},
		{"mod\texample.com/tool\t(devel)\t\n", "build\tCGO_ENABLED=0\n",
		 "pkg:golang/example.com/tool"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char modinfo[512], *buf;
		size_t len;
		const struct crk_component *m;
		snprintf(modinfo, sizeof(modinfo), "path\texample.com/tool\n%s%s", cases[i].mod,
			 cases[i].build);
		buf = go_exe("go1.22.5", modinfo, &len);
		parse_buf(&r, buf, len);
		assert_int_equal(r.rc, CRK_OK);
		assert_int_equal(crk_bom_count(r.bom), 2);
		m = get(&r, cases[i].purl);
		assert_true(is_root(&r, m));
		assert_true(depends(&r, m, "pkg:golang/stdlib@1.22.5"));
		done(&r);
		crk_free(buf);
	}
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
		cmocka_unit_test(test_gobinary__ldflags_words),
		cmocka_unit_test(test_gobinary__ldflags_main_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
