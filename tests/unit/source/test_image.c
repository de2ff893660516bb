/*
 * test_image.c - container images: docker save / podman / OCI archives and layout directories
 * (src/source/image.c, layer.c), the squashed view (vfs.c), and siblings read from it.
 * The images are built by tests/data/image/make-images.py; what each layer holds is listed
 * there, and the layer ids below are the sha256 of its three layer tarballs.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/sbom.h"
#include "detect/detect.h"
#include "source/scan.h"
#include "source/vfs.h"

#define L1 "sha256:f3533d7a3032b8c314d646d7eb7b4420cb205a9e278186044e5149f179746c94"
#define L2 "sha256:b2d0a5ce5734cd83af8ea1b789b53fe63aa5434afa202aa5707b6ebf6304fcc7"
#define L3 "sha256:2ec1a197455027b53902759a8adcae19c2aa44f6bf834848bfb91c4199fec194"
#define IMAGE_ID "sha256:ee635d4837040cd791f47dd55a3ee37297cfa3d8a24e2cac596e578664980ac1"

struct want {
	const char *purl, *path, *layer;
};

/* Layer 1's dpkg status, left-pad (whited out), requests (under an opaque directory) and
 * is-number (under a directory replaced by a link) are gone. */
static const struct want good[] = {
	{"pkg:deb/debian/base-files@12.4?arch=amd64&distro=debian-12", "var/lib/dpkg/status", L2},
	{"pkg:deb/debian/libc6@2.36-9%2Bdeb12u3?arch=amd64&distro=debian-12", "var/lib/dpkg/status",
	 L2},
	{"pkg:deb/debian/newpkg@2.0?arch=amd64&distro=debian-12", "var/lib/dpkg/status", L2},
	{"pkg:golang/github.com/pkg/errors@v0.9.1", "srv/go.mod", L3},
	{"pkg:golang/stdlib@1.21", "srv/go.mod", L3},
	{"pkg:pypi/flask@3.0.0", "opt/data/new/requirements.txt", L3},
	{"pkg:pypi/six@1.16.0", "app/requirements.txt", L2},
};
#define NGOOD (sizeof(good) / sizeof(good[0]))

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void scan(struct run *r, const char *rel, const struct crk_scan_opts *opts)
{
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	crk_err_clear(&r->err);
	r->rc = crk_sbom_scan(r->bom, test_data(rel), opts, &r->diags, NULL, &r->err);
}

static void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static void check(const struct crk_bom *b, const struct want *w, size_t n)
{
	size_t i;
	assert_int_equal(crk_bom_count(b), n);
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_find(b, w[i].purl);
		if (!c)
			fail_msg("missing %s", w[i].purl);
		assert_int_equal(c->nocc, 1);
		assert_string_equal(c->occ[0].path, w[i].path);
		assert_non_null(c->occ[0].layer);
		assert_string_equal(c->occ[0].layer, w[i].layer);
	}
}

static const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

/* The same image, whichever way it was saved. */
static void check_good(struct run *r, const char *name, const char *ref)
{
	struct crk_bom_meta *m = crk_bom_meta(r->bom);
	const struct crk_component *c;
	if (r->rc)
		fail_msg("rc %d: %s", r->rc, r->err.msg);
	assert_int_equal(crk_diags_count(&r->diags), 0);
	check(r->bom, good, NGOOD);
	/* go.sum was read beside go.mod, from the squashed layers */
	c = crk_bom_find(r->bom, "pkg:golang/github.com/pkg/errors@v0.9.1");
	assert_non_null(prop(c, "go.sum.h1"));
	assert_string_equal(prop(c, "go.sum.h1"), "h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=");
	if (name)
		assert_string_equal(m->name, name);
	else
		assert_null(m->name);
	assert_string_equal(m->version, "1.0");
	assert_string_equal(m->image_id, IMAGE_ID);
	assert_string_equal(m->image_ref, ref);
	assert_string_equal(m->image_platform, "linux/amd64");
	assert_string_equal(m->os_id, "debian");
	assert_string_equal(m->os_version, "12");
	assert_string_equal(m->os_codename, "bookworm");
}

static void test_image__docker_save(void **state)
{
	struct run r;
	(void)state;
	scan(&r, "image/docker-save.tar", NULL);
	check_good(&r, "example/app", "example/app:1.0");
	done(&r);
}

static void test_image__docker25_save(void **state)
{
	struct run r;
	(void)state;
	scan(&r, "image/docker25-save.tar", NULL);
	check_good(&r, "example/app", "example/app:1.0");
	done(&r);
}

static void test_image__podman_save(void **state)
{
	struct run r;
	(void)state;
	scan(&r, "image/podman-save.tar", NULL);
	check_good(&r, "localhost/example/app", "localhost/example/app:1.0");
	done(&r);
}

static void test_image__oci_layout_dir(void **state)
{
	struct run r;
	(void)state;
	/* the ref.name annotation is a tag alone: it gives the version, not the name */
	scan(&r, "image/oci-layout", NULL);
	check_good(&r, NULL, "1.0");
	done(&r);
}

/* Without diff IDs in the config, layers are named by their (gzip) blob digests, and the
 * layout says so in a warning; the blobs are read on demand, after the first ids were taken. */
static void test_image__layers_named_by_blob_digest(void **state)
{
	static const char *const gz[] = {
		"sha256:3604aa57c2092788cd73f7488134c4e174ba7396d8760dddd8ca544f3f996990",
		"sha256:40862fb0442d6bc5157927a18b69c0a1755496e7376b5d07f491672114b1d966",
		"sha256:77c1ae9634e8feb3676c8430471fbc4f605e2eae6d5fb5496973d03f8312ecbc",
	};
	struct want w[NGOOD];
	struct run r;
	size_t i;
	(void)state;
	for (i = 0; i < NGOOD; i++) {
		w[i] = good[i];
		w[i].layer = strcmp(good[i].layer, L2) == 0 ? gz[1] : gz[2];
	}
	(void)gz[0];
	scan(&r, "image/oci-no-diff-ids", NULL);
	assert_int_equal(r.rc, 0);
	check(r.bom, w, NGOOD);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg, "the image config lists 0 diff IDs for 3 layers: "
					      "layers are named by their blob digests");
	done(&r);
}

static void test_image__from_memory(void **state)
{
	struct crk_scan_stats st;
	struct run r;
	char *buf;
	size_t len;
	(void)state;
	assert_int_equal(crk_read_file(test_data("image/docker-save.tar"), 1 << 20, &buf, &len, NULL),
			 0);
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk__image_scan_buffer(r.bom, "mem.tar", buf, len, NULL, &r.diags, &st, &r.err);
	check_good(&r, "example/app", "example/app:1.0");
	/* 13 squashed entries (3 + 5 + 3 + 2 directories, files and links); 4 files parsed */
	assert_int_equal(st.files_seen, 13);
	assert_int_equal(st.files_parsed, 4);
	assert_int_equal(st.files_failed, 0);
	crk_free(buf);
	done(&r);
}

static void test_image__multi_platform_index(void **state)
{
	const struct want w[] = {{"pkg:pypi/amdonly@1.0", "app/requirements.txt", NULL}};
	const struct crk_component *c;
	struct run r;
	(void)state;
	scan(&r, "image/oci-multi.tar", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = crk_bom_find(r.bom, w[0].purl);
	assert_non_null(c);
	assert_string_equal(c->occ[0].layer,
			    "sha256:f495d687821ee39c1653e6e4a506053573a5d99d6fd7b74169e3109f3c94cdba");
	assert_string_equal(crk_bom_meta(r.bom)->name, "registry.example:5000/multi");
	assert_string_equal(crk_bom_meta(r.bom)->version, "2.1");
	assert_string_equal(crk_bom_meta(r.bom)->image_platform, "linux/amd64");
	done(&r);
}

static void test_image__exclude(void **state)
{
	const char *const ex[] = {"srv", "*.txt"};
	struct crk_scan_opts o;
	struct run r;
	(void)state;
	memset(&o, 0, sizeof(o));
	o.excludes = ex;
	o.nexcludes = 2;
	scan(&r, "image/docker-save.tar", &o);
	assert_int_equal(r.rc, 0);
	check(r.bom, good, 3); /* the Debian packages only */
	done(&r);
}

static void test_image__errors(void **state)
{
	static const struct {
		const char *file;
		int rc;
		const char *msg;
	} cases[] = {
		{"image/bad-no-manifest.tar", CRK_EPARSE,
		 "not a container image: no manifest.json (docker save) or index.json (OCI) in the "
		 "archive"},
		{"image/bad-missing-layer.tar", CRK_ENOTFOUND,
		 "manifest.json lists layer 'blobs/sha256/00000000000000000000000000000000000000000000"
		 "00000000000000000000', which is not in the archive"},
		{"image/bad-digest.tar", CRK_EPARSE,
		 "layer 'blobs/sha256/82319201c2309694ed69fb8f77633eadbae7ffbeb32eef939c94ab9fd9467750':"
		 " digest mismatch: the file's content hashes to "
		 "sha256:919274211f03af6466ce190d60b0d2318b1ce37caaa4b937f7e0d82f0db7d2b6"},
		{"image/bad-truncated-gzip.tar", CRK_EPARSE,
		 "cannot read as a tar archive: truncated gzip input"},
		{"image/bad-json.tar", CRK_EPARSE,
		 "manifest.json:2:0: ']' expected near end of file"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		scan(&r, cases[i].file, NULL);
		if (r.rc != cases[i].rc || !strstr(r.err.msg, cases[i].msg))
			fail_msg("%s: rc %d, '%s'", cases[i].file, r.rc, r.err.msg);
		assert_string_equal(r.err.path, test_data(cases[i].file));
		assert_int_equal(crk_bom_count(r.bom), 0);
		done(&r);
	}
}

static void test_image__entries_leaving_the_root(void **state)
{
	const struct want w[] = {{"pkg:pypi/six@1.16.0", "app/requirements.txt",
				  "sha256:5d96aa6ec506e7909fe58d90afdaaac243fc9cc071ebe7474d0210f22821c298"}};
	struct run r;
	(void)state;
	scan(&r, "image/bad-dotdot.tar", NULL);
	assert_int_equal(r.rc, 0);
	check(r.bom, w, 1); /* ../evil and /abs are not taken as paths */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_non_null(strstr(r.diags.v[0].msg, "2 entries skipped: an absolute name, a '..' "
						 "component or a name too long ('../evil/requirements.txt')"));
	done(&r);
}

/* An OCI layout whose blob was changed, or replaced by a symbolic link, is refused. */
static void test_image__layout_tampered(void **state)
{
	char dir[] = "/tmp/crakit-image-XXXXXX", cmd[4300], p[700];
	const char *blob = "blobs/sha256/"
			   "40862fb0442d6bc5157927a18b69c0a1755496e7376b5d07f491672114b1d966";
	struct run r;
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r '%s/.' '%s/'", test_data("image/oci-layout"), dir);
	assert_int_equal(system(cmd), 0);
	snprintf(p, sizeof(p), "%s/%s", dir, blob);
	f = fopen(p, "ab");
	assert_non_null(f);
	fputc('x', f);
	fclose(f);
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_scan(r.bom, dir, NULL, &r.diags, NULL, &r.err);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "layer sha256:40862fb0442d6bc5157927a18b69c0a1755496e7376b5d"
					  "07f491672114b1d966: digest mismatch: the blob's content "
					  "hashes to sha256:"));
	done(&r);
	/* a link in place of the blob is not followed */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_scan(r.bom, dir, NULL, &r.diags, NULL, &r.err);
	assert_int_equal(r.rc, CRK_EIO);
	assert_non_null(strstr(r.err.msg, "symbolic links are not followed"));
	done(&r);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_image__normalise(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"./x", "x"}, {"x/", "x"}, {"a//b/./c", "a/b/c"}, {".", ""}, {"./", ""},
		{"../x", NULL}, {"a/../b", NULL}, {"a/..", NULL}, {"/etc/passwd", NULL},
		{"a/..b/c", "a/..b/c"}, {"...", "..."},
	};
	char out[64];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long n = crk_vfs_normalise(cases[i].in, out, sizeof(out));
		if (!cases[i].out) {
			assert_int_equal(n, -1);
			continue;
		}
		assert_int_equal(n, (long)strlen(cases[i].out));
		assert_string_equal(out, cases[i].out);
	}
	assert_int_equal(crk_vfs_normalise("abcdef", out, 6), -1); /* no room for the NUL */
	assert_int_equal(crk_vfs_normalise("abcde", out, 6), 5);
}

static char *copy_of(const char *s)
{
	return crk_strndup(s, strlen(s));
}

static void add(struct crk_vfs *v, unsigned layer, const char *path, enum crk_vfs_type t,
		const char *content)
{
	assert_int_equal(crk_vfs_add(v, layer, path, strlen(path), t, content ? strlen(content) : 0,
				     content ? copy_of(content) : NULL, content ? strlen(content) : 0,
				     t == CRK_VFS_SYMLINK ? "target" : NULL, 0),
			 0);
}

/* The overlay rules, on raw layers read out of order (a docker save archive's layers come in
 * any order): raw 2 is the base, then raw 0, then raw 1. */
static void test_image__squash(void **state)
{
	static const unsigned order[] = {2, 0, 1};
	static const char *const ids[] = {"base", "middle", "top"};
	static const struct {
		const char *path;
		unsigned layer;
		enum crk_vfs_type type;
	} want[] = {
		/* walk order: '/' sorts first, so d/... comes before d-x */
		{"d", 0, CRK_VFS_DIR},           {"d/kept", 1, CRK_VFS_FILE},
		{"d-x", 0, CRK_VFS_FILE},        {"file-then-dir", 1, CRK_VFS_DIR},
		{"file-then-dir/y", 1, CRK_VFS_FILE}, {"gone-then-back", 2, CRK_VFS_FILE},
		{"link", 1, CRK_VFS_SYMLINK},    {"opq", 0, CRK_VFS_DIR},
		{"opq/new", 2, CRK_VFS_FILE},    {"replaced", 2, CRK_VFS_FILE},
	};
	struct crk_vfs *v = crk_vfs_new();
	const struct crk_vfs_entry *e;
	struct crk_err err;
	size_t i;
	(void)state;
	assert_non_null(v);
	/* base (raw 2) */
	add(v, 2, "d", CRK_VFS_DIR, NULL);
	add(v, 2, "d/deleted", CRK_VFS_FILE, "a");
	add(v, 2, "d/kept", CRK_VFS_FILE, "b");
	add(v, 2, "d-x", CRK_VFS_FILE, "c");
	add(v, 2, "link/below", CRK_VFS_FILE, "hidden by the link");
	add(v, 2, "opq", CRK_VFS_DIR, NULL);
	add(v, 2, "opq/old", CRK_VFS_FILE, "old");
	add(v, 2, "opq/sub/old", CRK_VFS_FILE, "old");
	add(v, 2, "replaced", CRK_VFS_FILE, "v1");
	add(v, 2, "gone-then-back", CRK_VFS_FILE, "v1");
	add(v, 2, "file-then-dir", CRK_VFS_FILE, "f");
	/* middle (raw 0) */
	add(v, 0, "d/.wh.deleted", CRK_VFS_FILE, "");
	add(v, 0, "d/kept", CRK_VFS_FILE, "b2");
	add(v, 0, "link", CRK_VFS_SYMLINK, NULL);
	add(v, 0, ".wh.gone-then-back", CRK_VFS_FILE, "");
	add(v, 0, "file-then-dir/y", CRK_VFS_FILE, "y");
	add(v, 0, "file-then-dir", CRK_VFS_DIR, NULL);
	add(v, 0, "unused/.wh..wh.plnk", CRK_VFS_FILE, ""); /* AUFS metadata: ignored */
	/* top (raw 1) */
	add(v, 1, "opq/.wh..wh..opq", CRK_VFS_FILE, "");
	add(v, 1, "opq/new", CRK_VFS_FILE, "new");
	add(v, 1, "replaced", CRK_VFS_FILE, "v2");
	add(v, 1, "gone-then-back", CRK_VFS_FILE, "v3");
	/* a raw layer the image does not use */
	add(v, 3, "not-in-image", CRK_VFS_FILE, "x");
	assert_int_equal(crk_vfs_squash(v, order, ids, 3, &err), 0);
	for (i = 0; i < crk_vfs_count(v); i++) {
		e = crk_vfs_get(v, i);
		if (i >= sizeof(want) / sizeof(want[0]))
			fail_msg("extra entry %s", e->path);
		assert_string_equal(e->path, want[i].path);
		assert_int_equal(e->layer, want[i].layer);
		assert_int_equal(e->type, want[i].type);
	}
	assert_int_equal(crk_vfs_count(v), sizeof(want) / sizeof(want[0]));
	e = crk_vfs_lookup(v, "replaced", 8);
	assert_non_null(e);
	assert_string_equal(e->data, "v2");
	assert_string_equal(crk_vfs_lookup(v, "d/kept", 6)->data, "b2");
	assert_null(crk_vfs_lookup(v, "d/deleted", 9));
	assert_null(crk_vfs_lookup(v, "opq/sub/old", 11));
	assert_null(crk_vfs_lookup(v, "link/below", 10));
	assert_string_equal(crk_vfs_layer_id(v, 2), "top");
	assert_null(crk_vfs_layer_id(v, 3));
	/* only surviving contents are kept: b2, c, v2, v3, y, new */
	assert_int_equal(crk_vfs_kept(v), 2 + 1 + 2 + 2 + 1 + 3);
	crk_vfs_free(v);
}

/* Identical empty layers share one blob: a raw layer may stand at several positions. Its
 * entries count at the highest, as if it were applied at each. */
static void test_image__repeated_layer(void **state)
{
	static const unsigned order[] = {0, 1, 0};
	static const char *const ids[] = {"a", "b", "a"};
	struct crk_vfs *v = crk_vfs_new();
	struct crk_err err;
	(void)state;
	add(v, 0, "x", CRK_VFS_FILE, "from 0");
	add(v, 1, "x", CRK_VFS_FILE, "from 1");
	add(v, 1, "y", CRK_VFS_FILE, "from 1");
	assert_int_equal(crk_vfs_squash(v, order, ids, 3, &err), 0);
	assert_string_equal(crk_vfs_lookup(v, "x", 1)->data, "from 0");
	assert_int_equal(crk_vfs_lookup(v, "x", 1)->layer, 2);
	assert_int_equal(crk_vfs_lookup(v, "y", 1)->layer, 1);
	crk_vfs_free(v);
}

static void test_image__keep_rule(void **state)
{
	static const struct {
		const char *path;
		uint64_t size;
		enum crk_vfs_want want;
	} cases[] = {
		{"app/package-lock.json", 100, CRK_VFS_KEEP},
		{"var/lib/dpkg/status", 100, CRK_VFS_KEEP},
		{"srv/go.sum", 100, CRK_VFS_KEEP},                  /* a sibling */
		{"usr/lib/os-release", 100, CRK_VFS_KEEP},
		{"app/package.json", 100, CRK_VFS_KEEP},
		{"notes/any.txt", CRK_MAX_IMAGE_SIBLING, CRK_VFS_KEEP},
		{"notes/any.txt", CRK_MAX_IMAGE_SIBLING + 1, CRK_VFS_SKIP},
		{"usr/share/doc/README", 100, CRK_VFS_SKIP},
		{"usr/local/bin/tool", 100, CRK_VFS_KEEP_EXEC},      /* go/binary candidates */
		{"usr/local/bin/tool", (uint64_t)CRK_MAX_BINARY_SIZE + 1, CRK_VFS_SKIP},
		{"app/package-lock.json", (uint64_t)CRK_MAX_FILE_SIZE + 1, CRK_VFS_TOO_LARGE},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (crk_vfs_want(cases[i].path, strlen(cases[i].path), cases[i].size) != cases[i].want)
			fail_msg("%s (%llu bytes): %d", cases[i].path,
				 (unsigned long long)cases[i].size,
				 crk_vfs_want(cases[i].path, strlen(cases[i].path), cases[i].size));
	assert_true(crk_vfs_looks_executable((const unsigned char *)"\x7f" "ELF"));
	assert_true(crk_vfs_looks_executable((const unsigned char *)"MZ\x90\x00"));
	assert_false(crk_vfs_looks_executable((const unsigned char *)"#!/b"));
}

/* crk_detect_read() in an image reads the squashed files, with the directory rules. */
static void test_image__read_siblings(void **state)
{
	static const unsigned order[] = {0};
	static const char *const ids[] = {"l"};
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_detect_ctx ctx;
	struct crk_vfs *v = crk_vfs_new();
	struct crk_err err;
	const char *out, *rel;
	size_t len;
	(void)state;
	add(v, 0, "app/requirements.txt", CRK_VFS_FILE, "-r base.txt\n");
	add(v, 0, "app/base.txt", CRK_VFS_FILE, "six\n");
	add(v, 0, "app/link.txt", CRK_VFS_SYMLINK, NULL);
	add(v, 0, "app/big.txt", CRK_VFS_FILE, "0123456789");
	add(v, 0, "app/notkept.cfg", CRK_VFS_FILE, NULL);
	add(v, 0, "top.txt", CRK_VFS_FILE, "top");
	assert_int_equal(crk_vfs_squash(v, order, ids, 1, &err), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &a;
	ctx.path = "app/requirements.txt";
	ctx.dir = "app";
	ctx.rootfd = -1;
	ctx.vfs = v;
	assert_true(crk_detect_can_read(&ctx));
	assert_int_equal(crk_detect_read(&ctx, "base.txt", 100, &out, &len, &rel, &err), 0);
	assert_string_equal(out, "six\n");
	assert_int_equal(len, 4);
	assert_string_equal(rel, "app/base.txt");
	assert_int_equal(crk_detect_read(&ctx, "./../top.txt", 100, &out, &len, &rel, &err), 0);
	assert_string_equal(out, "top");
	assert_string_equal(rel, "top.txt");
	assert_int_equal(crk_detect_read(&ctx, "../../etc/passwd", 100, &out, &len, NULL, &err),
			 CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "/top.txt", 100, &out, &len, NULL, &err), CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "link.txt", 100, &out, &len, NULL, &err), CRK_EINVAL);
	assert_int_equal(crk_detect_read(&ctx, "none.txt", 100, &out, &len, NULL, &err),
			 CRK_ENOTFOUND);
	assert_int_equal(crk_detect_read(&ctx, "big.txt", 5, &out, &len, NULL, &err), CRK_ELIMIT);
	assert_int_equal(crk_detect_read(&ctx, "notkept.cfg", 100, &out, &len, NULL, &err),
			 CRK_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "did not keep this file"));
	assert_int_equal(crk_detect_read(&ctx, "..", 100, &out, &len, NULL, &err), CRK_EINVAL);
	crk_arena_release(&a);
	crk_vfs_free(v);
}

/* Fail every allocation in turn: the scan returns CRK_ENOMEM (or succeeds), never crashes or
 * leaks (LeakSanitizer watches). */
static void test_image__out_of_memory(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	(void)state;
	assert_int_equal(crk_read_file(test_data("image/docker-save.tar"), 1 << 20, &buf, &len, NULL),
			 0);
	(void)crk_sbom_detector_for("package-lock.json"); /* the registry's table is built once */
	for (n = 1; n < 100000; n++) {
		struct run r;
		struct crk_scan_stats st;
		r.bom = crk_bom_new();
		crk_diags_init(&r.diags);
		crk_alloc_fail_after(n);
		r.rc = crk__image_scan_buffer(r.bom, "mem.tar", buf, len, NULL, &r.diags, &st, &r.err);
		crk_alloc_fail_after(0);
		if (r.rc == CRK_OK) {
			check(r.bom, good, NGOOD);
			done(&r);
			break;
		}
		if (r.rc != CRK_ENOMEM)
			fail_msg("allocation %llu: rc %d: %s", (unsigned long long)n, r.rc, r.err.msg);
		done(&r);
	}
	assert_true(n < 100000);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image__docker_save),
		cmocka_unit_test(test_image__docker25_save),
		cmocka_unit_test(test_image__podman_save),
		cmocka_unit_test(test_image__oci_layout_dir),
		cmocka_unit_test(test_image__layers_named_by_blob_digest),
		cmocka_unit_test(test_image__from_memory),
		cmocka_unit_test(test_image__multi_platform_index),
		cmocka_unit_test(test_image__exclude),
		cmocka_unit_test(test_image__errors),
		cmocka_unit_test(test_image__entries_leaving_the_root),
		cmocka_unit_test(test_image__layout_tampered),
		cmocka_unit_test(test_image__normalise),
		cmocka_unit_test(test_image__squash),
		cmocka_unit_test(test_image__repeated_layer),
		cmocka_unit_test(test_image__keep_rule),
		cmocka_unit_test(test_image__read_siblings),
		cmocka_unit_test(test_image__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
