/*
 * gradle.c - the files Gradle keeps about the dependencies of a build: dependency locks,
 * dependency verification metadata and version catalogs. Three detectors, one per file kind.
 *
 * 1. maven/gradle-lockfile: gradle.lockfile, buildscript-gradle.lockfile and
 *    settings-gradle.lockfile (https://docs.gradle.org/current/userguide/dependency_locking.html):
 *
 *      # This is a Gradle generated file for dependency locking.
 *      com.google.guava:guava:32.1.3-jre=compileClasspath,runtimeClasspath
 *      junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
 *      empty=annotationProcessor,testAnnotationProcessor
 *
 *    Each `group:module:version=configurations` line is a resolved module (transitive ones too;
 *    the lock does not say which are direct, so there are no CRK_BOM_ROOT edges). The line's
 *    configurations give the scope, the widest winning:
 *      - a test configuration (its name starts with "test" or holds "Test": testRuntimeClasspath,
 *        androidTestCompileClasspath, debugUnitTestRuntimeClasspath) -> dev;
 *      - a build-time-only one (annotationProcessor, kapt*, ksp*, *AnnotationProcessor,
 *        developmentOnly, and every configuration of the buildscript and settings locks, which
 *        hold Gradle plugins) -> dev;
 *      - a compile classpath (compileClasspath, debugCompileClasspath: compileOnly libraries are
 *        not packaged) -> optional;
 *      - anything else (runtimeClasspath, productionRuntimeClasspath, ...) -> required.
 *    Comment lines (#), blank lines and the `empty=` line are skipped; any other line that is not
 *    `group:module:version=...` is a warning (osv-scanner and osv-scalibr skip them silently).
 *
 * 2. maven/gradle-verification-metadata: gradle/verification-metadata.xml
 *    (https://docs.gradle.org/current/userguide/dependency_verification.html):
 *
 *      <verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
 *        <components>
 *          <component group="org.apache.pdfbox" name="pdfbox" version="2.0.17">
 *            <artifact name="pdfbox-2.0.17.jar"> <sha256 value="..."/> <sha512 value="..."/>
 *
 *    Each <component> is reported with the line of its element; the hashes (md5, sha1, sha256,
 *    sha512) of its main artifact -- "name-version.jar", else another "name-version.EXT" that is
 *    not .pom or .module -- become the component's hashes. The XML is read as formats/xml.h says.
 *    A component without group or name is a warning; one without version is reported unpinned.
 *
 * 3. maven/gradle-version-catalog: gradle/libs.versions.toml, and any *.versions.toml in a
 *    directory named gradle (https://docs.gradle.org/current/userguide/version_catalogs.html),
 *    parsed with formats/toml.h:
 *
 *      [versions]  groovy = "3.0.5"   strict = { strictly = "2.0" }
 *      [libraries] guava = "com.google.guava:guava:30.1.1-jre"
 *                  groovy = { module = "org.codehaus.groovy:groovy", version.ref = "groovy" }
 *                  lang3 = { group = "org.apache.commons", name = "commons-lang3",
 *                            version = { require = "3.12.0" } }
 *
 *    Each [libraries] entry is reported at the line of its key; its version is the string, or of
 *    a rich version the first of strictly, require, prefer ("1.7!!" is strictly 1.7), through
 *    version.ref when it refers to [versions]. A dynamic version or a range ("1.+",
 *    "[1.0,2.0)", "latest.release") is not a version: the component is unpinned and the text is
 *    kept in the property "version_spec". [bundles] and [plugins] are not components. A catalog
 *    lists what build scripts may use, not what they use: no edges, every entry required.
 *
 * Errors: a lock line is never fatal; XML and TOML that are not well-formed are CRK_EPARSE with
 * the parser's line:col, as are a root element other than <verification-metadata> and a
 * [libraries] or [versions] that is not a table.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "detect/detect.h"
#include "formats/toml.h"
#include "formats/xml.h"
#include "base/banned.h"

#define LOCK_MAX_BAD_LINES 16 /* malformed lock lines reported one by one; the rest counted */

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

/* ---------------------------------------------------------------- gradle.lockfile */

static int has_word(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w), i;
	for (i = 0; i + wl <= n; i++)
		if (memcmp(s + i, w, wl) == 0)
			return 1;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);
	return n >= wl && memcmp(s + n - wl, w, wl) == 0;
}

/* Scope one configuration gives. */
static enum crk_scope config_scope(const char *s, size_t n)
{
	static const char *const build_only[] = {"annotationProcessor", "developmentOnly",
						 "kapt", "ksp", NULL};
	size_t i;
	if (crk_bytes_prefix(s, n, "test") || has_word(s, n, "Test"))
		return CRK_SCOPE_DEV;
	for (i = 0; build_only[i]; i++)
		if (crk_bytes_prefix(s, n, build_only[i]))
			return CRK_SCOPE_DEV;
	if (has_word(s, n, "AnnotationProcessor"))
		return CRK_SCOPE_DEV;
	if (ends_with(s, n, "CompileClasspath") || crk_bytes_eq(s, n, "compileClasspath"))
		return CRK_SCOPE_OPTIONAL;
	return CRK_SCOPE_REQUIRED;
}

/* The widest scope of a comma-separated configuration list (required if empty). */
static enum crk_scope configs_scope(const char *s, size_t n)
{
	enum crk_scope best = CRK_SCOPE_DEV;
	size_t i = 0;
	int any = 0;
	while (i < n) {
		size_t j = i;
		const char *c;
		size_t cl;
		enum crk_scope sc;
		while (j < n && s[j] != ',')
			j++;
		c = s + i;
		cl = j - i;
		crk_bytes_trim(&c, &cl);
		if (cl) {
			any = 1;
			sc = config_scope(c, cl);
			if (sc < best)
				best = sc;
		}
		i = j + 1;
	}
	return any ? best : CRK_SCOPE_REQUIRED;
}

static int valid_coord(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == ':' || s[i] == '=' || s[i] == ',')
			return 0;
	return 1;
}

static int lock_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_line_iter it;
	const char *line;
	size_t n, nbad = 0;
	int build_lock = strcmp(ctx->name, "gradle.lockfile") != 0;

	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (crk_line_iter_next(&it, &line, &n)) {
		const char *p[3], *eq, *cfg = "", *whole;
		size_t pl[3], k = 0, i, start = 0, cfgn = 0, wholen, id;
		struct crk_pkg pkg;
		char *g, *a, *v;
		int rc;

		crk_bytes_trim(&line, &n);
		if (!n || line[0] == '#' || crk_bytes_prefix(line, n, "empty="))
			continue;
		whole = line;
		wholen = n;
		if ((eq = memchr(line, '=', n))) { /* Gradle always writes it; the peers do not ask */
			cfg = eq + 1;
			cfgn = n - (size_t)(eq + 1 - line);
			n = (size_t)(eq - line);
		}
		for (i = 0; i <= n && k < 3; i++) {
			if (i == n || line[i] == ':') {
				p[k] = line + start;
				pl[k++] = i - start;
				start = i + 1;
			}
		}
		if (k != 3 || start <= n || !valid_coord(p[0], pl[0]) ||
		    !valid_coord(p[1], pl[1]) || !valid_coord(p[2], pl[2])) {
			if (nbad++ < LOCK_MAX_BAD_LINES)
				crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, it.lineno, 1,
					       "not a 'group:module:version=configurations' line: "
					       "'%.*s'; skipped",
					       (int)(wholen > 80 ? 80 : wholen), whole);
			continue;
		}
		g = crk_arena_strndup(ctx->arena, p[0], pl[0]);
		a = crk_arena_strndup(ctx->arena, p[1], pl[1]);
		v = crk_arena_strndup(ctx->arena, p[2], pl[2]);
		if (!g || !a || !v)
			return oom(ctx, err);
		crk_detect_pkg_init(ctx, &pkg, "maven", "Maven");
		pkg.ns = g;
		pkg.name = a;
		pkg.version = v;
		pkg.line = it.lineno;
		pkg.scope = build_lock ? CRK_SCOPE_DEV : configs_scope(cfg, cfgn);
		if ((rc = crk_detect_add(ctx, &pkg, &id, err)) != CRK_OK)
			return rc;
	}
	if (nbad > LOCK_MAX_BAD_LINES)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
			       "%zu more malformed lines skipped", nbad - LOCK_MAX_BAD_LINES);
	return CRK_OK;
}

/* ---------------------------------------------------------------- verification-metadata.xml */

static const struct {
	const char *el, *alg;
	size_t hexlen;
} hash_kinds[] = {
	{"md5", "MD5", 32},
	{"sha1", "SHA-1", 40},
	{"sha256", "SHA-256", 64},
	{"sha512", "SHA-512", 128},
};
#define NHASH_KINDS (sizeof(hash_kinds) / sizeof(hash_kinds[0]))

/* How well an artifact's file name stands for the component: 2 for name-version.jar, 1 for
 * another name-version.EXT that is not metadata (.aar, .war, ...), 0 otherwise. */
static int artifact_rank(const char *file, const char *name, const char *version)
{
	size_t nl = strlen(name), vl = strlen(version), fl = strlen(file);
	const char *ext;
	if (fl <= nl + vl + 2 || strncmp(file, name, nl) != 0 || file[nl] != '-' ||
	    strncmp(file + nl + 1, version, vl) != 0 || file[nl + 1 + vl] != '.')
		return 0;
	ext = file + nl + vl + 2;
	if (strcmp(ext, "jar") == 0)
		return 2;
	if (strcmp(ext, "pom") == 0 || strcmp(ext, "module") == 0 || strchr(ext, '.'))
		return 0;
	return 1;
}

/* Fills `hashes` from the hash elements of `art`; returns how many. */
static size_t artifact_hashes(struct crk_detect_ctx *ctx, const xmlNode *art,
			      struct crk_hash *hashes, int *o)
{
	size_t nh = 0, k, i;
	for (k = 0; k < NHASH_KINDS; k++) {
		const xmlNode *h = crk_xml_child(art, hash_kinds[k].el);
		const char *v = crk_xml_attr(ctx->arena, h, "value", o);
		char *lower;
		if (!v || strlen(v) != hash_kinds[k].hexlen)
			continue;
		if (!(lower = crk_arena_strdup(ctx->arena, v))) {
			*o = 1;
			return 0;
		}
		for (i = 0; lower[i]; i++) {
			if (!isxdigit((unsigned char)lower[i]))
				break;
			lower[i] = (char)tolower((unsigned char)lower[i]);
		}
		if (lower[i])
			continue;
		hashes[nh].alg = hash_kinds[k].alg;
		hashes[nh++].value = lower;
	}
	return nh;
}

static int verification_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	xmlDocPtr doc = NULL;
	const xmlNode *root, *c;
	int rc, o = 0;

	if ((rc = crk_xml_read(&doc, ctx->buf, ctx->len, ctx->path, err)) != CRK_OK)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (!crk_xml_is(root, "verification-metadata")) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, crk_xml_line(root), 1,
				 "the root element is <%s>, not <verification-metadata>",
				 root && root->name ? (const char *)root->name : "");
		goto out;
	}
	for (c = crk_xml_child(crk_xml_child(root, "components"), "component"); c;
	     c = crk_xml_next(c, "component")) {
		const char *g = crk_xml_attr(ctx->arena, c, "group", &o);
		const char *name = crk_xml_attr(ctx->arena, c, "name", &o);
		const char *ver = crk_xml_attr(ctx->arena, c, "version", &o);
		struct crk_hash hashes[NHASH_KINDS];
		const xmlNode *art, *best = NULL;
		int best_rank = 0;
		struct crk_pkg pkg;
		size_t id;
		if (o)
			break;
		if (!g || !g[0] || !name || !name[0]) {
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, crk_xml_line(c), 0,
				       "<component> without %s; skipped",
				       !g || !g[0] ? "a group" : "a name");
			continue;
		}
		crk_detect_pkg_init(ctx, &pkg, "maven", "Maven");
		pkg.ns = g;
		pkg.name = name;
		pkg.version = ver && ver[0] ? ver : NULL;
		pkg.line = crk_xml_line(c);
		if (!pkg.version)
			pkg.flags |= CRK_PKG_UNPINNED;
		for (art = crk_xml_child(c, "artifact"); art && pkg.version;
		     art = crk_xml_next(art, "artifact")) {
			const char *file = crk_xml_attr(ctx->arena, art, "name", &o);
			int r = file ? artifact_rank(file, name, pkg.version) : 0;
			if (r > best_rank) {
				best_rank = r;
				best = art;
			}
		}
		if (best)
			pkg.nhashes = artifact_hashes(ctx, best, hashes, &o);
		if (o)
			break;
		pkg.hashes = pkg.nhashes ? hashes : NULL;
		if ((rc = crk_detect_add(ctx, &pkg, &id, err)) != CRK_OK)
			goto out;
	}
	rc = o ? oom(ctx, err) : CRK_OK;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ---------------------------------------------------------------- libs.versions.toml */

/* 1 when `v` is one version rather than a dynamic version or a range. */
static int is_exact(const char *v)
{
	size_t n = strlen(v);
	if (!n || v[0] == '[' || v[0] == ']' || v[0] == '(' || strchr(v, '+') || strchr(v, ',') ||
	    strncmp(v, "latest.", 7) == 0 || strchr(v, ' '))
		return 0;
	return v[n - 1] != ']' && v[n - 1] != ')' && v[n - 1] != '[';
}

/* The version a version string asks for: itself when exact; for "1.7!!" (strictly 1.7) or
 * "[1.0,2.0[!!1.7" (strictly a range, preferring 1.7) the exact side; else NULL. */
static const char *version_of(struct crk_arena *a, const char *s, int *o)
{
	const char *bang = strstr(s, "!!");
	if (bang) {
		const char *left = crk_arena_strndup(a, s, (size_t)(bang - s));
		if (!left) {
			*o = 1;
			return NULL;
		}
		if (left[0] && is_exact(left))
			return left;
		s = bang + 2;
	}
	return is_exact(s) ? s : NULL;
}

/* The version of a [versions] value or an inline `version`: a string, or a rich version table
 * (strictly, else require, else prefer; prefer when the others are ranges). *spec receives the
 * text it came from. */
static const char *pick_version(struct crk_arena *a, const struct crk_toml_node *v,
				const char **spec, int *o)
{
	static const char *const keys[] = {"strictly", "require", "prefer"};
	const char *s = crk_toml_str(v), *r;
	size_t i;
	if (s) {
		*spec = s;
		return version_of(a, s, o);
	}
	for (i = 0; i < 3; i++) {
		if (!(s = crk_toml_get_str(v, keys[i])))
			continue;
		if (!*spec)
			*spec = s;
		if ((r = version_of(a, s, o)) || *o)
			return r;
	}
	return NULL;
}

static int catalog_entry(struct crk_detect_ctx *ctx, const struct crk_toml_kv *kv,
			 const struct crk_toml_node *versions, struct crk_err *err)
{
	const struct crk_toml_node *v = kv->val, *ver = NULL;
	const char *module = NULL, *g = NULL, *name = NULL, *spec = NULL, *version = NULL, *s;
	struct crk_kv prop;
	struct crk_pkg pkg;
	size_t id;
	int o = 0;

	if ((s = crk_toml_str(v))) { /* "group:name:version" or "group:name" */
		const char *c1 = strchr(s, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (c1) {
			g = crk_arena_strndup(ctx->arena, s, (size_t)(c1 - s));
			name = c2 ? crk_arena_strndup(ctx->arena, c1 + 1, (size_t)(c2 - c1 - 1))
				  : c1 + 1;
			if (!g || !name)
				return oom(ctx, err);
			if (c2) {
				spec = c2 + 1;
				version = version_of(ctx->arena, spec, &o);
			}
		}
	} else if (crk_toml_is_table(v)) {
		module = crk_toml_get_str(v, "module");
		if (module) {
			const char *c = strchr(module, ':');
			if (c && !strchr(c + 1, ':')) {
				g = crk_arena_strndup(ctx->arena, module, (size_t)(c - module));
				name = c + 1;
				if (!g)
					return oom(ctx, err);
			}
		} else {
			g = crk_toml_get_str(v, "group");
			name = crk_toml_get_str(v, "name");
		}
		ver = crk_toml_get(v, "version");
		if (crk_toml_is_table(ver) && crk_toml_get_str(ver, "ref")) {
			const char *ref = crk_toml_get_str(ver, "ref");
			const struct crk_toml_node *target = crk_toml_get(versions, ref);
			if (!target)
				crk_diags_addf(ctx->diags, CRK_ENOTFOUND, ctx->path, kv->line, kv->col,
					       "version.ref '%s' of library '%s' is not in [versions]",
					       ref, kv->key);
			ver = target;
		}
		version = ver ? pick_version(ctx->arena, ver, &spec, &o) : NULL;
	}
	if (o)
		return oom(ctx, err);
	if (!g || !g[0] || !name || !name[0]) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, kv->line, kv->col,
			       "library '%s' has no 'group:name' module; skipped", kv->key);
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "maven", "Maven");
	pkg.ns = g;
	pkg.name = name;
	pkg.version = version;
	pkg.line = kv->line;
	if (!version) {
		pkg.flags |= CRK_PKG_UNPINNED;
		if (spec) {
			prop.key = "version_spec";
			prop.value = spec;
			pkg.props = &prop;
			pkg.nprops = 1;
		}
	}
	return crk_detect_add(ctx, &pkg, &id, err);
}

static int catalog_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_toml_node *root;
	const struct crk_toml_node *libs, *versions;
	size_t i;
	int rc;

	if ((rc = crk_toml_parse(&root, ctx->buf, ctx->len, ctx->path, ctx->arena, err)) != CRK_OK)
		return rc;
	versions = crk_toml_get(root, "versions");
	libs = crk_toml_get(root, "libraries");
	if (versions && !crk_toml_is_table(versions))
		return crk_err_set(err, CRK_EPARSE, ctx->path, versions->line, versions->col,
				   "'versions' is a %s, not a table",
				   crk_toml_type_name(versions->type));
	if (libs && !crk_toml_is_table(libs))
		return crk_err_set(err, CRK_EPARSE, ctx->path, libs->line, libs->col,
				   "'libraries' is a %s, not a table", crk_toml_type_name(libs->type));
	for (i = 0; i < crk_toml_table_len(libs); i++)
		if ((rc = catalog_entry(ctx, crk_toml_table_at(libs, i), versions, err)) != CRK_OK)
			return rc;
	return CRK_OK;
}

/* ---------------------------------------------------------------- dispatch */

/* 1 when the directory holding the file (relpath minus name) is named "gradle". */
static int in_gradle_dir(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name);
	const char *end, *ds;
	if (rellen < nl + 7) /* "gradle/" + name */
		return 0;
	end = relpath + rellen - nl - 1;
	for (ds = end; ds > relpath && ds[-1] != '/'; ds--)
		;
	return crk_bytes_eq(ds, (size_t)(end - ds), "gradle");
}

static int verification_match(const char *relpath, size_t rellen, const char *name)
{
	return strcmp(name, "verification-metadata.xml") == 0 &&
	       in_gradle_dir(relpath, rellen, name);
}

static int catalog_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name);
	if (strcmp(name, "libs.versions.toml") == 0)
		return 1;
	return nl > 14 && strcmp(name + nl - 14, ".versions.toml") == 0 &&
	       in_gradle_dir(relpath, rellen, name);
}

static const char *const lock_names[] = {"gradle.lockfile", "buildscript-gradle.lockfile",
					 "settings-gradle.lockfile", NULL};
static const char *const verification_names[] = {"verification-metadata.xml", NULL};
static const char *const catalog_names[] = {"libs.versions.toml", NULL};

const struct crk_detector crk_detector_gradle_lockfile = {
	.name = "maven/gradle-lockfile",
	.ecosystem = "Maven",
	.names = lock_names,
	.parse = lock_parse,
	.doc = "gradle.lockfile, buildscript-gradle.lockfile, settings-gradle.lockfile (Gradle)",
};

const struct crk_detector crk_detector_gradle_verification = {
	.name = "maven/gradle-verification-metadata",
	.ecosystem = "Maven",
	.names = verification_names,
	.match = verification_match,
	.parse = verification_parse,
	.doc = "gradle/verification-metadata.xml (Gradle dependency verification, with hashes)",
};

const struct crk_detector crk_detector_gradle_catalog = {
	.name = "maven/gradle-version-catalog",
	.ecosystem = "Maven",
	.names = catalog_names,
	.match = catalog_match,
	.parse = catalog_parse,
	.doc = "gradle/libs.versions.toml and gradle/*.versions.toml (Gradle version catalogs)",
};
