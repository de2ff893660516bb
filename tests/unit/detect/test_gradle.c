/* test_gradle.c - Gradle lock files, verification metadata and version catalogs
 * (src/detect/gradle.c), on tests/data/gradle. */
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

static void parse(struct run *r, const char *file, const char *as)
{
	char path[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("gradle"), file);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, NULL, buf, len, &r->diags, &r->err);
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

static const char *hash(const struct crk_component *c, const char *alg)
{
	size_t i;
	for (i = 0; i < c->nhashes; i++)
		if (strcmp(c->hashes[i].alg, alg) == 0)
			return c->hashes[i].value;
	return NULL;
}

static const char *diag(struct run *r, size_t i, unsigned *line)
{
	assert_true(i < r->diags.n);
	if (line)
		*line = r->diags.v[i].line;
	return r->diags.v[i].msg;
}

/* ---------------------------------------------------------------- gradle.lockfile */

static void test_gradle__lockfile_scopes_from_configurations(void **state)
{
	static const struct {
		const char *purl;
		unsigned line;
		enum crk_scope scope;
	} want[] = {
		{"pkg:maven/com.google.guava/failureaccess@1.0.1", 4, CRK_SCOPE_REQUIRED},
		/* test configurations too: the widest scope wins */
		{"pkg:maven/com.google.guava/guava@32.1.3-jre", 5, CRK_SCOPE_REQUIRED},
		/* annotationProcessor (build only) + compileClasspath (not packaged) */
		{"pkg:maven/org.projectlombok/lombok@1.18.30", 6, CRK_SCOPE_OPTIONAL},
		{"pkg:maven/jakarta.servlet/jakarta.servlet-api@6.0.0", 7, CRK_SCOPE_OPTIONAL},
		{"pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.0", 8, CRK_SCOPE_DEV},
		{"pkg:maven/androidx.test/runner@1.5.2", 9, CRK_SCOPE_DEV},
		{"pkg:maven/org.springframework.boot/spring-boot-devtools@3.1.4", 10, CRK_SCOPE_DEV},
		{"pkg:maven/com.example/no-configs@1.0", 11, CRK_SCOPE_REQUIRED},
	};
	struct run r;
	size_t i;
	unsigned line;
	(void)state;
	parse(&r, "gradle.lockfile", "gradle.lockfile");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct crk_component *c = get(&r, want[i].purl);
		assert_int_equal(c->occ[0].line, want[i].line);
		assert_int_equal(c->scope, want[i].scope);
		assert_string_equal(c->ecosystem, "Maven");
		assert_string_equal(c->found_by, "maven/gradle-lockfile");
	}
	i = 0;
	crk_bom_roots(r.bom, &i);
	assert_int_equal(i, 0); /* the lock does not say which are direct */
	assert_int_equal(crk_diags_count(&r.diags), 3);
	assert_string_equal(diag(&r, 0, &line), "not a 'group:module:version=configurations' "
						"line: 'this line is not a lock entry'; skipped");
	assert_int_equal(line, 12);
	diag(&r, 1, &line);
	assert_int_equal(line, 13); /* four parts */
	diag(&r, 2, &line);
	assert_int_equal(line, 14); /* empty group */
	done(&r);
}

static void test_gradle__buildscript_lockfile_is_build_tooling(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "buildscript-gradle.lockfile", "buildscript-gradle.lockfile");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	c = get(&r, "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.22.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->occ[0].line, 2);
	c = get(&r, "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.9.10");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	done(&r);
}

static void test_gradle__lockfile_edge_inputs(void **state)
{
	static const char *const inputs[] = {"", "\n\n", "# only a comment", "empty=",
					     "\xff\xfe garbage \x01"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct crk_bom *b = crk_bom_new();
		struct crk_diags d;
		struct crk_err err;
		crk_diags_init(&d);
		assert_int_equal(crk_sbom_parse_file(b, "gradle.lockfile", "gradle.lockfile", NULL,
						     inputs[i], strlen(inputs[i]), &d, &err),
				 CRK_OK);
		assert_int_equal(crk_bom_count(b), 0);
		assert_int_equal(crk_diags_count(&d), i == 4 ? 1 : 0);
		crk_diags_release(&d);
		crk_bom_free(b);
	}
}

/* ---------------------------------------------------------------- verification-metadata.xml */

static void test_gradle__verification_metadata_hashes(void **state)
{
	struct run r;
	const struct crk_component *c;
	unsigned line;
	(void)state;
	parse(&r, "gradle/verification-metadata.xml", "gradle/verification-metadata.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);

	/* the .jar's hashes, not the .pom's; upper case lowered; the bad sha1 dropped */
	c = get(&r, "pkg:maven/org.apache.pdfbox/pdfbox@2.0.17");
	assert_int_equal(c->occ[0].line, 9);
	assert_string_equal(c->found_by, "maven/gradle-verification-metadata");
	assert_int_equal(c->nhashes, 2);
	assert_string_equal(hash(c, "SHA-256"),
			    "8ad6d3e4a2a3e1d0c7b9a8f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6");
	assert_string_equal(hash(c, "SHA-512"),
			    "7e11e54a21c395d461e59552e88b0de0ebaf1bf9d9bcacadf17b240d9bbc29bf6beb8"
			    "e36896c186fe405d287f5d517b02c89381aa0fcc5e0aa5814e44f0ab331");
	/* an .aar is the artifact when there is no jar; the .module is metadata */
	c = get(&r, "pkg:maven/androidx.activity/activity@1.7.2");
	assert_int_equal(c->occ[0].line, 21);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(hash(c, "SHA-256"),
			    "2a1abf8e0a598d246b1edcb71e2395e39f32332195ebe5ea40a3dd21355ba3ae");
	/* a platform (only a .pom): no artifact hash */
	c = get(&r, "pkg:maven/org.junit/junit-bom@5.10.0");
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:maven/com.example/no-version");
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_int_equal(c->nhashes, 0);
	c = get(&r, "pkg:maven/com.google.errorprone/javac@9%2B181-r4173-1"); /* single quotes */
	assert_int_equal(c->occ[0].line, 40);

	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_string_equal(diag(&r, 0, &line), "<component> without a group; skipped");
	assert_int_equal(line, 34);
	done(&r);
}

static void test_gradle__verification_metadata_errors(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "verification-billion-laughs.xml", "gradle/verification-metadata.xml");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 3);
	assert_non_null(strstr(r.err.msg, "entity 'a': entity declarations are not accepted"));
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);

	parse(&r, "verification-malformed.xml", "gradle/verification-metadata.xml");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "gradle/verification-metadata.xml");
	assert_int_equal(r.err.line, 5);
	assert_string_equal(r.err.msg, "not well-formed XML: opening and ending tag mismatch: "
				       "component line 4 and components");
	done(&r);

	parse(&r, "verification-wrong-root.xml", "gradle/verification-metadata.xml");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 2);
	assert_string_equal(r.err.msg, "the root element is <project>, not <verification-metadata>");
	done(&r);
}

/* ---------------------------------------------------------------- libs.versions.toml */

static void test_gradle__version_catalog(void **state)
{
	static const struct {
		const char *purl;
		unsigned line;
		const char *spec; /* version_spec property, for unpinned entries */
	} want[] = {
		{"pkg:maven/com.google.guava/guava@32.1.3-jre", 8, NULL},
		{"pkg:maven/commons-io/commons-io", 9, NULL}, /* "group:name", no version */
		{"pkg:maven/org.codehaus.groovy/groovy@3.0.5", 10, NULL},      /* version.ref */
		{"pkg:maven/org.codehaus.groovy/groovy-json@3.0.5", 11, NULL}, /* version = {ref} */
		/* strictly is a range: prefer */
		{"pkg:maven/com.squareup.okhttp3/okhttp@4.12.0", 12, NULL},
		{"pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@1.9.10", 13, NULL}, /* require */
		{"pkg:maven/org.slf4j/slf4j-api@2.0.9", 14, NULL},                 /* "2.0.9!!" */
		{"pkg:maven/ch.qos.logback/logback-classic@1.4.11", 15, NULL},      /* "[..[!!1.4.11" */
		{"pkg:maven/org.example/dynamic", 16, "1.+"},
		{"pkg:maven/org.example/latest", 17, "latest.release"},
		{"pkg:maven/org.example/missing", 18, NULL},
		{"pkg:maven/org.example/noversion", 20, NULL},
	};
	struct run r;
	size_t i;
	unsigned line;
	(void)state;
	parse(&r, "gradle/libs.versions.toml", "gradle/libs.versions.toml");
	assert_int_equal(r.rc, CRK_OK);
	/* bundles and plugins are not components; bad-module is skipped */
	assert_int_equal(crk_bom_count(r.bom), 12);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct crk_component *c = get(&r, want[i].purl);
		assert_int_equal(c->occ[0].line, want[i].line);
		assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
		assert_int_equal(!c->version, !!(c->flags & CRK_PKG_UNPINNED));
		if (want[i].spec)
			assert_string_equal(prop(c, "version_spec"), want[i].spec);
		else
			assert_null(prop(c, "version_spec"));
	}
	assert_int_equal(crk_diags_count(&r.diags), 2);
	assert_string_equal(diag(&r, 0, &line),
			    "version.ref 'nope' of library 'missing-ref' is not in [versions]");
	assert_int_equal(line, 18);
	assert_string_equal(diag(&r, 1, &line),
			    "library 'bad-module' has no 'group:name' module; skipped");
	assert_int_equal(line, 19);
	done(&r);
}

static void test_gradle__version_catalog_errors(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "gradle/invalid.versions.toml", "gradle/invalid.versions.toml");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_int_equal(r.err.line, 4);
	done(&r);
	parse(&r, "gradle/not-table.versions.toml", "gradle/not-table.versions.toml");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "'libraries' is a string, not a table");
	assert_int_equal(r.err.line, 1);
	done(&r);
}

static void test_gradle__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("gradle.lockfile"), "maven/gradle-lockfile");
	assert_string_equal(crk_sbom_detector_for("a/buildscript-gradle.lockfile"),
			    "maven/gradle-lockfile");
	assert_string_equal(crk_sbom_detector_for("settings-gradle.lockfile"),
			    "maven/gradle-lockfile");
	assert_null(crk_sbom_detector_for("gradle.lockfile.bak"));
	assert_string_equal(crk_sbom_detector_for("gradle/verification-metadata.xml"),
			    "maven/gradle-verification-metadata");
	assert_string_equal(crk_sbom_detector_for("x/gradle/verification-metadata.xml"),
			    "maven/gradle-verification-metadata");
	assert_null(crk_sbom_detector_for("verification-metadata.xml"));
	assert_null(crk_sbom_detector_for("x/verification-metadata.xml"));
	assert_null(crk_sbom_detector_for("x/notgradle/verification-metadata.xml"));
	assert_string_equal(crk_sbom_detector_for("libs.versions.toml"),
			    "maven/gradle-version-catalog");
	assert_string_equal(crk_sbom_detector_for("gradle/testLibs.versions.toml"),
			    "maven/gradle-version-catalog");
	assert_null(crk_sbom_detector_for("src/testLibs.versions.toml"));
	assert_null(crk_sbom_detector_for("gradle/.versions.toml"));
}

static void test_gradle__allocation_failures(void **state)
{
	static const struct {
		const char *file, *as;
		size_t count;
	} cases[] = {
		{"gradle.lockfile", "gradle.lockfile", 8},
		{"gradle/verification-metadata.xml", "gradle/verification-metadata.xml", 5},
		{"gradle/libs.versions.toml", "gradle/libs.versions.toml", 12},
	};
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char path[8192], *buf;
		size_t len;
		uint64_t n;
		int saw_ok = 0;
		struct crk_err err;
		snprintf(path, sizeof(path), "%s/%s", test_data("gradle"), cases[k].file);
		assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
		for (n = 1; n < 3000 && !saw_ok; n++) {
			struct crk_bom *bom = crk_bom_new();
			struct crk_diags diags;
			int rc;
			if (!bom)
				continue;
			crk_diags_init(&diags);
			crk_alloc_fail_after(n);
			rc = crk_sbom_parse_file(bom, cases[k].as, cases[k].as, NULL, buf, len,
						 &diags, &err);
			crk_alloc_fail_after(0);
			if (rc == CRK_OK) {
				assert_int_equal(crk_bom_count(bom), cases[k].count);
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gradle__lockfile_scopes_from_configurations),
		cmocka_unit_test(test_gradle__buildscript_lockfile_is_build_tooling),
		cmocka_unit_test(test_gradle__lockfile_edge_inputs),
		cmocka_unit_test(test_gradle__verification_metadata_hashes),
		cmocka_unit_test(test_gradle__verification_metadata_errors),
		cmocka_unit_test(test_gradle__version_catalog),
		cmocka_unit_test(test_gradle__version_catalog_errors),
		cmocka_unit_test(test_gradle__file_names),
		cmocka_unit_test(test_gradle__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
