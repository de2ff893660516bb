/* test_maven_jar.c - Java archives (src/detect/maven_jar.c), on tests/data/maven/jars (written
 * by make-jars.py there; the hashes below are those of the committed files: sha1sum, sha256sum,
 * sha512sum). */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

#define SIMPLE_SHA1 "92b7f54cada5a5d25ddb1dca91a0f941e8a136f5"
#define SIMPLE_SHA256 "aeef0fc6c54b5225afc4600193de041ce870a732bd85ab96142dc56692163ca7"
#define SIMPLE_SHA512                                                                         \
	"f34ca8c383488341c8820e1bf2b90ca81f18a2ca4e9da3823fba66a9b409faa406e92cf8962ff30acdac6e" \
	"cc51c71803ff017acbb456f3c9beb03360501a6d04"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
};

static void parse_as(struct run *r, const char *file, const char *as)
{
	char path[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("maven/jars"), file);
	assert_int_equal(crk_read_file(path, (size_t)512 << 20, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, NULL, buf, len, &r->diags, &r->err);
	crk_free(buf);
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
}

static void parse(struct run *r, const char *file)
{
	parse_as(r, file, file);
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

/* The component named `name` (for those without a purl). */
static const struct crk_component *named(struct run *r, const char *name)
{
	size_t i;
	for (i = 0; i < crk_bom_count(r->bom); i++)
		if (strcmp(crk_bom_get(r->bom, i)->name, name) == 0)
			return crk_bom_get(r->bom, i);
	fail_msg("no component named %s", name);
	return NULL;
}

static const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

static const char *hash(const struct crk_component *c, const char *alg)
{
	size_t i;
	for (i = 0; i < c->nhashes; i++)
		if (strcmp(c->hashes[i].alg, alg) == 0)
			return c->hashes[i].value;
	return NULL;
}

/* The names `c` depends on (NULL: the product's direct dependencies), sorted, space-separated. */
static const char *deps_of(struct run *r, const struct crk_component *c)
{
	static char buf[4096];
	const char *names[64];
	const size_t *ids;
	size_t n, i, j, o = 0;
	if (c) {
		ids = c->deps;
		n = c->ndeps;
	} else {
		ids = crk_bom_roots(r->bom, &n);
	}
	assert_true(n < 64);
	for (i = 0; i < n; i++)
		names[i] = crk_bom_get(r->bom, ids[i])->name;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "", names[i]);
	return buf;
}

static void test_maven_jar__pom_properties_and_hashes(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "simple-1.0.jar", "lib/simple-1.0.jar");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	c = get(&r, "pkg:maven/com.acme/simple@1.0");
	assert_string_equal(c->ecosystem, "Maven");
	assert_string_equal(c->found_by, "maven/archive");
	assert_string_equal(c->occ[0].path, "lib/simple-1.0.jar");
	assert_int_equal(c->occ[0].line, 0);
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	assert_int_equal(c->nhashes, 3);
	assert_string_equal(hash(c, "SHA-1"), SIMPLE_SHA1);
	assert_string_equal(hash(c, "SHA-256"), SIMPLE_SHA256);
	assert_string_equal(hash(c, "SHA-512"), SIMPLE_SHA512);
	assert_string_equal(prop(c, "identified_by"), "pom.properties");
	assert_null(prop(c, "archive_entry"));
	assert_string_equal(deps_of(&r, NULL), "simple");
	done(&r);
}

static void test_maven_jar__manifest_and_file_name(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	/* Implementation-Vendor-Id (continued over two lines) gives a groupId; the version is
	 * Implementation-Version's, not the file name's; the per-entry section is ignored */
	parse(&r, "lib-b-3.0.jar");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:maven/org.example.verylonggroupidentifierthatwillbesplitacrosslines/"
		    "lib-b@3.0.1");
	assert_string_equal(prop(c, "identified_by"), "MANIFEST.MF");
	assert_string_equal(hash(c, "SHA-256"),
			    "a1dd779bacbcb5e020d23af88732b5691b9e7600bf191e95322bcbd746332f6b");
	done(&r);

	/* an OSGi bundle: Bundle-SymbolicName without parameters, no groupId: no purl */
	parse(&r, "bundle.jar");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = named(&r, "org.example.bundle");
	assert_null(c->purl);
	assert_true(c->flags & CRK_PKG_NO_PURL);
	assert_string_equal(c->version, "1.4.0.v20230101");
	assert_string_equal(prop(c, "identified_by"), "MANIFEST.MF");
	done(&r);

	/* nothing inside: "name-version.jar" */
	parse(&r, "foo-bar-1.2.3.jar");
	assert_int_equal(r.rc, CRK_OK);
	c = named(&r, "foo-bar");
	assert_string_equal(c->version, "1.2.3");
	assert_true(c->flags & CRK_PKG_NO_PURL);
	assert_string_equal(prop(c, "identified_by"), "file name");
	assert_string_equal(hash(c, "SHA-256"),
			    "33c567b9ac2223b59afd96692259533cf8e69b21a9a230d2f881f7a4deb22d5b");
	done(&r);
}

static void test_maven_jar__shaded_jar(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "uber-app-2.0.jar");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 3);
	c = get(&r, "pkg:maven/com.acme/uber-app@2.0"); /* the file name says which is the jar */
	assert_int_equal(c->nhashes, 3);
	assert_string_equal(deps_of(&r, c), "guava snakeyaml");
	c = get(&r, "pkg:maven/com.google.guava/guava@32.1.3-jre"); /* embedded: no hashes */
	assert_int_equal(c->nhashes, 0);
	/* "key : value", "key = value", a continued key line and \u0079 */
	get(&r, "pkg:maven/org.yaml/snakeyaml@2.2");
	assert_string_equal(deps_of(&r, NULL), "uber-app");
	done(&r);
}

static void test_maven_jar__war_with_nested_jars(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "shop.war");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	c = get(&r, "pkg:maven/com.acme/shop@1.4.2?type=war");
	assert_string_equal(hash(c, "SHA-256"),
			    "6b4654373c38686e262ec8a1520a5a786ee00bd0b724be1317a59ae0dafdacd7");
	assert_string_equal(deps_of(&r, c), "holder lib-b simple");
	assert_string_equal(deps_of(&r, NULL), "shop");
	/* the same bytes as simple-1.0.jar: the same hashes */
	c = get(&r, "pkg:maven/com.acme/simple@1.0");
	assert_string_equal(hash(c, "SHA-1"), SIMPLE_SHA1);
	assert_string_equal(hash(c, "SHA-512"), SIMPLE_SHA512);
	assert_string_equal(prop(c, "archive_entry"), "WEB-INF/lib/simple-1.0.jar");
	assert_string_equal(c->occ[0].path, "shop.war");
	c = get(&r, "pkg:maven/org.outer/holder@5.5");
	assert_string_equal(deps_of(&r, c), "deep");
	c = get(&r, "pkg:maven/org.inner/deep@0.1");
	assert_string_equal(prop(c, "archive_entry"),
			    "WEB-INF/lib/holder-5.5.jar!/lib/deep-0.1.jar");
	assert_int_equal(c->nhashes, 3);
	/* a broken archive inside is a warning */
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_non_null(strstr(r.diags.v[0].msg, "WEB-INF/lib/broken.jar: not a zip archive"));
	done(&r);
}

static void test_maven_jar__nesting_cap(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "nested-deep.jar");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 4); /* the file and three levels inside it */
	c = get(&r, "pkg:maven/org.n/level4@4");
	assert_string_equal(prop(c, "archive_entry"),
			    "lib/level2.jar!/lib/level3.jar!/lib/level4.jar");
	assert_null(crk_bom_find(r.bom, "pkg:maven/org.n/level5@5"));
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(r.diags.v[0].msg,
			    "lib/level2.jar!/lib/level3.jar!/lib/level4.jar!/lib/level5.jar: not "
			    "read: archives nested deeper than the cap");
	done(&r);
}

static void test_maven_jar__wrapper_is_build_tooling(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "gradle/wrapper/gradle-wrapper.jar");
	assert_int_equal(r.rc, CRK_OK);
	c = named(&r, "gradle-wrapper");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_null(c->version);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	done(&r);
}

static void test_maven_jar__broken(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "not-a-zip.jar");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "not-a-zip.jar");
	assert_non_null(strstr(r.err.msg, "not a zip archive"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	parse(&r, "truncated.jar");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "broken zip archive"));
	done(&r);
	/* empty input */
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	assert_int_equal(
		crk_sbom_parse_file(r.bom, "a.jar", "a.jar", NULL, "", 0, &r.diags, &r.err),
		CRK_EPARSE);
	done(&r);
}

/* 1 unless `path` goes to this detector (another one may take it: "jar" is a binary's name). */
static int not_ours(const char *path)
{
	const char *d = crk_sbom_detector_for(path);
	return !d || strcmp(d, "maven/archive") != 0;
}

static void test_maven_jar__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("lib/a-1.0.jar"), "maven/archive");
	assert_string_equal(crk_sbom_detector_for("APP.WAR"), "maven/archive");
	assert_string_equal(crk_sbom_detector_for("x.ear"), "maven/archive");
	assert_string_equal(crk_sbom_detector_for("plugins/x.hpi"), "maven/archive");
	assert_true(not_ours("x.jar.sha1"));
	assert_true(not_ours("jar"));
	assert_true(not_ours("x.zip"));
	assert_true(not_ours("jar.d/x"));
}

static void test_maven_jar__allocation_failures(void **state)
{
	char path[8192], *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s/%s", test_data("maven/jars"), "shop.war");
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 3000 && !saw_ok; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "shop.war", "shop.war", NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(crk_bom_count(bom), 5);
			saw_ok = 1;
		} else {
			assert_int_equal(rc, CRK_ENOMEM);
		}
		crk_diags_release(&diags);
		crk_bom_free(bom);
	}
	crk_free(buf);
	assert_true(saw_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maven_jar__pom_properties_and_hashes),
		cmocka_unit_test(test_maven_jar__manifest_and_file_name),
		cmocka_unit_test(test_maven_jar__shaded_jar),
		cmocka_unit_test(test_maven_jar__war_with_nested_jars),
		cmocka_unit_test(test_maven_jar__nesting_cap),
		cmocka_unit_test(test_maven_jar__wrapper_is_build_tooling),
		cmocka_unit_test(test_maven_jar__broken),
		cmocka_unit_test(test_maven_jar__file_names),
		cmocka_unit_test(test_maven_jar__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
