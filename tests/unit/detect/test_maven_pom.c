/* test_maven_pom.c - pom.xml (src/detect/maven_pom.c; XML through src/formats/xml.c), on tests/data/maven. */
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

/* Parses tests/data/maven/<file> as `parse_as`; siblings come from `dir` (under tests/data/maven,
 * NULL for none). */
static void parse_as(struct run *r, const char *file, const char *as, const char *dir)
{
	char path[8192], dpath[8192], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", test_data("maven"), file);
	if (dir)
		snprintf(dpath, sizeof(dpath), "%s/%s", test_data("maven"), dir);
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &r->err), CRK_OK);
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	r->rc = crk_sbom_parse_file(r->bom, as, as, dir ? dpath : NULL, buf, len, &r->diags,
				    &r->err);
	crk_free(buf);
}

static void parse(struct run *r, const char *file)
{
	parse_as(r, file, "pom.xml", NULL);
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

static int is_root_dep(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static int has_occ(const struct crk_component *c, const char *path, unsigned line)
{
	size_t i;
	for (i = 0; i < c->nocc; i++)
		if (strcmp(c->occ[i].path, path) == 0 && c->occ[i].line == line)
			return 1;
	return 0;
}

static int has_diag(struct run *r, const char *needle)
{
	size_t i;
	for (i = 0; i < r->diags.n; i++)
		if (strstr(r->diags.v[i].msg, needle))
			return 1;
	return 0;
}

static void test_maven_pom__properties_and_interpolation(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "properties.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 9); /* the shade plugin's asm is not a dependency */
	assert_int_equal(crk_diags_count(&r.diags), 3);

	c = get(&r, "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2"); /* nested */
	assert_int_equal(c->occ[0].line, 19);
	assert_string_equal(c->ecosystem, "Maven");
	assert_string_equal(c->found_by, "maven/pom-xml");
	assert_string_equal(c->ns, "com.fasterxml.jackson.core");
	assert_string_equal(c->name, "jackson-databind");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->flags, 0);
	assert_true(is_root_dep(&r, c));
	c = get(&r, "pkg:maven/org.slf4j/slf4j-api@2.0.9"); /* "${slf4j.major}.0.9" */
	assert_int_equal(c->occ[0].line, 24);
	c = get(&r, "pkg:maven/com.acme/props-core@3.1.0"); /* ${project.groupId} ${project.version} */
	assert_int_equal(c->occ[0].line, 29);
	c = get(&r, "pkg:maven/org.example/legacy@3.1.0"); /* ${version}: the model, unprefixed */
	assert_int_equal(c->occ[0].line, 34);

	c = get(&r, "pkg:maven/org.example/cyclic"); /* a=${b}, b=${a}: ends, unresolved */
	assert_null(c->version);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "version_spec"), "${loop.a}");
	c = get(&r, "pkg:maven/org.example/from-env");
	assert_string_equal(prop(c, "version_spec"), "${env.LIB_VERSION}");
	assert_true(has_diag(&r, "version '${env.LIB_VERSION}' of org.example:from-env has an "
				 "unresolved property"));
	assert_true(has_diag(&r, "dependency '${unknown.group}:nowhere' has an unresolved "
				 "property in its coordinates; skipped"));

	c = get(&r, "pkg:maven/org.eclipse.jetty/jetty-server"); /* a range is not a version */
	assert_null(c->version);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_string_equal(prop(c, "version_range"), "[9.4.35.v20201120,9.5)");
	c = get(&r, "pkg:maven/org.example/pinned@1.2.3"); /* [1.2.3] is exactly 1.2.3 */
	assert_int_equal(c->occ[0].line, 59);
	assert_null(prop(c, "version_range"));
	c = get(&r, "pkg:maven/org.example/escaped@1.0%26beta"); /* &amp; decoded */
	assert_string_equal(c->version, "1.0&beta");
	done(&r);
}

static void test_maven_pom__dependency_management(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "dependency-management.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5); /* managed-only jsr305 and the BOM are not */
	assert_int_equal(crk_diags_count(&r.diags), 0);
	c = get(&r, "pkg:maven/io.netty/netty-handler@4.1.100.Final");
	assert_int_equal(c->occ[0].line, 42);
	c = get(&r, "pkg:maven/junit/junit@4.13.2"); /* version and scope from the management */
	assert_int_equal(c->occ[0].line, 46);
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_string_equal(prop(c, "maven_scope"), "test");
	c = get(&r, "pkg:maven/com.acme/natives@7.0?classifier=linux-x86_64");
	assert_int_equal(c->occ[0].line, 50);
	assert_int_equal(c->nqualifiers, 1);
	c = get(&r, "pkg:maven/com.acme/natives"); /* another key: the classifier differs */
	assert_int_equal(c->occ[0].line, 55);
	assert_true(c->flags & CRK_PKG_UNPINNED);
	c = get(&r, "pkg:maven/org.springframework.boot/spring-boot-starter-web");
	assert_null(c->version); /* its version is in an imported BOM, not in the tree */
	assert_null(crk_bom_find(r.bom, "pkg:maven/com.google.code.findbugs/jsr305@3.0.2"));
	done(&r);
}

static void test_maven_pom__scopes(void **state)
{
	static const struct {
		const char *purl;
		enum crk_scope scope;
		const char *maven_scope;
		unsigned line;
	} want[] = {
		{"pkg:maven/org.a/compile-dep@1.0", CRK_SCOPE_REQUIRED, NULL, 3},
		{"pkg:maven/org.a/default-dep@1.0", CRK_SCOPE_REQUIRED, NULL, 9},
		{"pkg:maven/org.a/runtime-dep@1.0", CRK_SCOPE_REQUIRED, "runtime", 14},
		{"pkg:maven/org.a/test-dep@1.0", CRK_SCOPE_DEV, "test", 20},
		{"pkg:maven/org.a/provided-dep@1.0", CRK_SCOPE_OPTIONAL, "provided", 26},
		{"pkg:maven/org.a/system-dep@1.0", CRK_SCOPE_OPTIONAL, "system", 32},
		{"pkg:maven/org.a/optional-dep@1.0", CRK_SCOPE_OPTIONAL, NULL, 39},
		{"pkg:maven/org.a/optional-test-dep@1.0", CRK_SCOPE_DEV, "test", 45},
	};
	struct run r;
	size_t i;
	(void)state;
	parse(&r, "scopes.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 8);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct crk_component *c = get(&r, want[i].purl);
		assert_int_equal(c->scope, want[i].scope);
		assert_int_equal(c->occ[0].line, want[i].line);
		if (want[i].maven_scope)
			assert_string_equal(prop(c, "maven_scope"), want[i].maven_scope);
		else
			assert_null(prop(c, "maven_scope"));
	}
	done(&r);
}

static void test_maven_pom__classifiers_types_duplicates(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "classifiers.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 5);
	assert_int_equal(crk_diags_count(&r.diags), 1);
	assert_true(has_diag(&r, "dependency ':no-group' has no groupId; skipped"));
	assert_int_equal(r.diags.v[0].line, 38);
	c = get(&r, "pkg:maven/net.java.dev.jna/jna@5.13.0?classifier=sources");
	assert_int_equal(c->occ[0].line, 3);
	c = get(&r, "pkg:maven/net.java.dev.jna/jna@5.13.0");
	assert_int_equal(c->occ[0].line, 9);
	c = get(&r, "pkg:maven/com.acme/webapp@2.0?type=war");
	assert_int_equal(c->occ[0].line, 14);
	c = get(&r, "pkg:maven/com.acme/core@2.0?type=test-jar");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	/* the same groupId:artifactId:type:classifier twice ("jar" written or not): the last wins */
	c = get(&r, "pkg:maven/com.acme/twice@1.1");
	assert_int_equal(c->occ[0].line, 32);
	assert_null(crk_bom_find(r.bom, "pkg:maven/com.acme/twice@1.0"));
	done(&r);
}

static void test_maven_pom__profiles_active_by_default(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse(&r, "profiles.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	c = get(&r, "pkg:maven/com.h2database/h2@2.2.224"); /* the profile's property wins */
	assert_int_equal(c->occ[0].line, 9);
	c = get(&r, "pkg:maven/org.postgresql/postgresql@42.6.0");
	assert_int_equal(c->occ[0].line, 25);
	assert_null(crk_bom_find(r.bom, "pkg:maven/com.oracle.database.jdbc/ojdbc11@23.2.0.0"));
	done(&r);
}

/* A scan of a tree: app/pom.xml and stranger/pom.xml name ../pom.xml as parent (by default). */
static void test_maven_pom__parent_in_the_tree(void **state)
{
	char root[8192];
	struct run r;
	const struct crk_component *c;
	(void)state;
	snprintf(root, sizeof(root), "%s/parent-tree", test_data("maven"));
	r.bom = crk_bom_new();
	assert_non_null(r.bom);
	crk_diags_init(&r.diags);
	assert_int_equal(crk_sbom_scan(r.bom, root, NULL, &r.diags, NULL, &r.err), CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 7);
	assert_int_equal(crk_diags_count(&r.diags), 2);

	/* the parent's own dependencies, from its file */
	c = get(&r, "pkg:maven/org.slf4j/slf4j-api@2.0.9");
	assert_int_equal(c->nocc, 1);
	assert_string_equal(c->occ[0].path, "pom.xml");
	assert_int_equal(c->occ[0].line, 31);
	/* inherited by app: reported at app's <parent> too */
	c = get(&r, "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0");
	assert_int_equal(c->scope, CRK_SCOPE_DEV);
	assert_int_equal(c->nocc, 2); /* in walk order */
	assert_true(has_occ(c, "pom.xml", 36));
	assert_true(has_occ(c, "app/pom.xml", 3));
	/* app: the parent's management with the child's property value */
	c = get(&r, "pkg:maven/com.google.guava/guava@33.0.0-jre");
	assert_string_equal(c->occ[0].path, "app/pom.xml");
	assert_int_equal(c->occ[0].line, 13);
	c = get(&r, "pkg:maven/org.apache.commons/commons-lang3@3.13.0"); /* managed scope */
	assert_int_equal(c->scope, CRK_SCOPE_OPTIONAL);
	c = get(&r, "pkg:maven/com.acme/acme-common@2.0"); /* groupId, version from the parent */
	assert_int_equal(c->occ[0].line, 21);
	c = get(&r, "pkg:maven/org.slf4j/slf4j-api@2.0.7"); /* the child's declaration wins */
	assert_int_equal(c->nocc, 1);
	assert_string_equal(c->occ[0].path, "app/pom.xml");
	/* stranger: ../pom.xml is not its parent */
	c = get(&r, "pkg:maven/com.google.guava/guava");
	assert_string_equal(c->occ[0].path, "stranger/pom.xml");
	assert_true(has_diag(&r, "'pom.xml' is com.acme:acme-parent:2.0, not the parent "
				 "com.other:other-parent:1.0; not used"));
	done(&r);
}

/* relativePath naming a directory; ${revision} from the parent; a cycle of relativePaths. */
static void test_maven_pom__relative_path_and_cycle(void **state)
{
	struct run r;
	const struct crk_component *c;
	(void)state;
	parse_as(&r, "relative/pom.xml", "pom.xml", "relative");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	c = get(&r, "pkg:maven/com.acme/tool@5.0.1"); /* ${tool.version} -> ${project.version} */
	assert_int_equal(c->occ[0].line, 10);
	c = get(&r, "pkg:maven/io.micrometer/micrometer-core@1.11.4"); /* parent's profile */
	assert_int_equal(c->occ[0].line, 2);
	assert_true(is_root_dep(&r, c));
	done(&r);

	/* the same file without its directory: the parent is not read */
	parse(&r, "relative/pom.xml");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 1);
	c = get(&r, "pkg:maven/com.acme/tool");
	assert_string_equal(prop(c, "version_spec"), "${tool.version}");
	done(&r);
}

static void expect_error(const char *file, unsigned line, const char *msg)
{
	struct run r;
	parse(&r, file);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.path, "pom.xml");
	if (line)
		assert_int_equal(r.err.line, line);
	if (!strstr(r.err.msg, msg))
		fail_msg("%s: '%s' does not contain '%s'", file, r.err.msg, msg);
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
}

static void test_maven_pom__malformed(void **state)
{
	struct run r;
	(void)state;
	expect_error("malformed.xml", 6,
		     "not well-formed XML: opening and ending tag mismatch: version line 6 and "
		     "versio");
	expect_error("truncated.xml", 5, "not well-formed XML: ");
	expect_error("not-project.xml", 1,
		     "not a Maven POM: the root element is <settings>, not <project>");
	/* empty input */
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	assert_int_equal(crk_sbom_parse_file(r.bom, "pom.xml", "pom.xml", NULL, "", 0, &r.diags,
					     &r.err),
			 CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "not well-formed XML: document is empty"));
	done(&r);
}

static void test_maven_pom__entities_are_refused(void **state)
{
	(void)state;
	/* "billion laughs": stopped at the first declaration, nothing expanded */
	expect_error("billion-laughs.xml", 3,
		     "entity 'lol': entity declarations are not accepted");
	/* an external entity: never read */
	expect_error("external-entity.xml", 3, "entity 'secret': entity declarations are not");
}

/* Property chains that would grow without bound: each level doubles ten times over. */
static void test_maven_pom__hostile_interpolation(void **state)
{
	static char doc[1 << 20];
	struct run r;
	const struct crk_component *c;
	size_t o = 0, i, k;
	(void)state;
	o += (size_t)snprintf(doc + o, sizeof(doc) - o, "<project><properties>");
	for (i = 0; i < 12; i++) { /* p0 = ${p1}${p1}..., ..., p11 = x */
		o += (size_t)snprintf(doc + o, sizeof(doc) - o, "<p%zu>", i);
		for (k = 0; k < 10 && i < 11; k++)
			o += (size_t)snprintf(doc + o, sizeof(doc) - o, "${p%zu}", i + 1);
		if (i == 11)
			o += (size_t)snprintf(doc + o, sizeof(doc) - o, "x");
		o += (size_t)snprintf(doc + o, sizeof(doc) - o, "</p%zu>", i);
	}
	o += (size_t)snprintf(doc + o, sizeof(doc) - o, "<big>");
	for (k = 0; k < 70000; k++)
		doc[o++] = 'y';
	o += (size_t)snprintf(doc + o, sizeof(doc) - o,
			      "</big></properties><dependencies>"
			      "<dependency><groupId>g</groupId><artifactId>boom</artifactId>"
			      "<version>${p0}</version></dependency>"
			      "<dependency><groupId>g</groupId><artifactId>big</artifactId>"
			      "<version>${big}</version></dependency>"
			      "</dependencies></project>");
	r.bom = crk_bom_new();
	crk_diags_init(&r.diags);
	r.rc = crk_sbom_parse_file(r.bom, "pom.xml", "pom.xml", NULL, doc, o, &r.diags, &r.err);
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_bom_count(r.bom), 2);
	/* 10^11 x's were asked for: the expansion stops, the version is left unresolved */
	c = get(&r, "pkg:maven/g/boom");
	assert_true(c->flags & CRK_PKG_UNPINNED);
	assert_true(strlen(prop(c, "version_spec")) <= 65536);
	/* a value longer than any version could be is not expanded */
	c = get(&r, "pkg:maven/g/big");
	assert_string_equal(prop(c, "version_spec"), "${big}");
	assert_int_equal(crk_diags_count(&r.diags), 2);
	done(&r);
}

static void test_maven_pom__file_names(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for("pom.xml"), "maven/pom-xml");
	assert_string_equal(crk_sbom_detector_for("a/b/pom.xml"), "maven/pom-xml");
	assert_string_equal(crk_sbom_detector_for("m2/x/my-app-1.0.pom"), "maven/pom-xml");
	assert_null(crk_sbom_detector_for("pom.xml.bak"));
	assert_null(crk_sbom_detector_for("a.pom.xml"));
}

static void test_maven_pom__allocation_failures(void **state)
{
	char path[8192], *buf;
	size_t len;
	uint64_t n;
	int saw_ok = 0;
	struct crk_err err;
	(void)state;
	snprintf(path, sizeof(path), "%s/%s", test_data("maven"), "dependency-management.xml");
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, &len, &err), CRK_OK);
	for (n = 1; n < 2000 && !saw_ok; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, "pom.xml", "pom.xml", NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK) {
			assert_int_equal(crk_bom_count(bom), 5); /* nothing silently dropped */
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
		cmocka_unit_test(test_maven_pom__properties_and_interpolation),
		cmocka_unit_test(test_maven_pom__dependency_management),
		cmocka_unit_test(test_maven_pom__scopes),
		cmocka_unit_test(test_maven_pom__classifiers_types_duplicates),
		cmocka_unit_test(test_maven_pom__profiles_active_by_default),
		cmocka_unit_test(test_maven_pom__parent_in_the_tree),
		cmocka_unit_test(test_maven_pom__relative_path_and_cycle),
		cmocka_unit_test(test_maven_pom__malformed),
		cmocka_unit_test(test_maven_pom__entities_are_refused),
		cmocka_unit_test(test_maven_pom__hostile_interpolation),
		cmocka_unit_test(test_maven_pom__file_names),
		cmocka_unit_test(test_maven_pom__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
