/*
 * maven_pom.c - Maven's project object model, pom.xml (and *.pom files, as a local repository
 * keeps them).
 *
 * Format: https://maven.apache.org/pom.html and https://maven.apache.org/ref/current/maven-model/
 * maven.html; the rules below follow Maven's model builder (maven-model-builder:
 * DefaultModelBuilder, DefaultModelNormalizer, the interpolator and DependencyManagementInjector).
 *
 *   <project>
 *     <groupId>g</groupId> <artifactId>a</artifactId> <version>1.0</version>
 *     <parent> <groupId/> <artifactId/> <version/> <relativePath>../pom.xml</relativePath> </parent>
 *     <properties> <foo.version>1.2</foo.version> </properties>
 *     <dependencies> <dependency> <groupId/> <artifactId/> <version>${foo.version}</version>
 *         <type>jar</type> <classifier/> <scope>compile</scope> <optional>false</optional>
 *     </dependency> </dependencies>
 *     <dependencyManagement> <dependencies> ... </dependencies> </dependencyManagement>
 *     <profiles> <profile> <activation> <activeByDefault>true</activeByDefault> </activation>
 *         <properties/> <dependencies/> <dependencyManagement/> </profile> </profiles>
 *     <build> <plugins> <plugin> <dependencies/> ... (plugins' own classpath: not reported)
 *   </project>
 *
 * What is reported: each <dependency> of the effective model as pkg:maven/GROUP/ARTIFACT@VERSION
 * (ecosystem "Maven"), with the line of its <dependency> element, as a direct dependency of the
 * product (CRK_BOM_ROOT edge). The project itself is not a component. The effective model is
 * what Maven builds before it resolves anything from a repository:
 *  - parent: <parent> names the parent's coordinates; the file at <relativePath> (default
 *    ../pom.xml; a directory gets /pom.xml; an empty element turns the lookup off) is read through
 *    crk_detect_read() when it is in the scanned tree and its groupId:artifactId (and version,
 *    when both are literal) are the ones named, up to CRK_MAX_INCLUDES levels. A parent outside
 *    the tree is not fetched. Its properties, dependencyManagement and dependencies are inherited
 *    (the child's win); inherited dependencies are reported at the line of the child's <parent>;
 *  - profiles: those with <activeByDefault>true</activeByDefault> are applied (their properties,
 *    dependencies and dependencyManagement), in the file and in its parents; profiles activated
 *    by JDK, OS, property or file conditions are not, as they depend on the build machine;
 *  - ${...} interpolation of groupId, artifactId, version, type, classifier, scope and optional:
 *    project.* and pom.* (groupId, artifactId, version, parent.groupId, parent.artifactId,
 *    parent.version; groupId and version fall back to the parent's), then <properties> (the
 *    child's win over the parent's, an active profile's over the project's), then the same model
 *    fields without prefix (${version}). Property values are expanded recursively, at most
 *    PROP_MAX_DEPTH deep and PROP_MAX_STEPS substitutions per value, so a cycle or an
 *    exponential chain ends; what stays unresolved (${env.X}, a cycle) is left as written;
 *  - a dependency without <version> takes it (and scope and optional when it has none) from the
 *    dependencyManagement entry with the same groupId:artifactId:type:classifier; <scope>import
 *    entries (BOMs) are not resolved;
 *  - the same groupId:artifactId:type:classifier declared twice in one list: Maven warns that it
 *    "must be unique" and keeps the last declaration (DefaultModelNormalizer.mergeDuplicates);
 *    so do we;
 *  - versions: "[1.0]" is 1.0; any other range ("[1.0,2.0)", "(,1.0]") is resolved by Maven
 *    against a repository, so the component has no version (CRK_PKG_UNPINNED) and the range is
 *    kept in the property "version_range"; a version that still holds ${...} likewise, with a
 *    warning; no version at all: unpinned;
 *  - scope: compile (default), runtime -> required; test -> dev; provided, system or
 *    <optional>true</optional> -> optional; the Maven scope other than compile is kept in the
 *    property "maven_scope";
 *  - purl qualifiers: classifier=..., and type=... when the type is not "jar".
 * A dependency without groupId or artifactId (after interpolation) is skipped with a warning.
 *
 * Errors: not well-formed XML and entity declarations (see formats/xml.h), or a root element that
 * is not <project>, are CRK_EPARSE. A parent pom that cannot be read or parsed is a warning, and
 * the file is read without it.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "formats/xml.h"
#include "base/banned.h"

#define PROP_MAX_DEPTH 32     /* nesting of ${a} -> ${b} -> ... */
#define PROP_MAX_STEPS 4096   /* substitutions while expanding one value */
#define POM_MAX_ENTRIES 65536 /* dependencies, managed dependencies or properties of one pom */
#define POM_MAX_VALUE 65536   /* an interpolated value */
#define POM_MAX_INTERP ((size_t)64 << 20) /* bytes interpolation may produce for one file */

struct mdep {
	const char *g, *a, *v, *type, *cls, *scope, *opt; /* as written (NULL: absent) */
	unsigned line;  /* of <dependency>, in the file that declares it */
	unsigned level; /* 0: the file itself, k: its k-th parent */
	const char *key; /* g:a:type:classifier as written, for duplicate declarations */
};

struct mvec {
	struct mdep *v;
	size_t n, alloc;
	struct crk_map by_key; /* key -> index + 1, for duplicate declarations */
};

struct mprop {
	const char *k, *v;
	size_t vlen;
};

struct pvec {
	struct mprop *v;
	size_t n, alloc;
};

struct pom {
	const char *rel; /* path relative to the directory of ctx->path (its name for the file) */
	const char *g, *a, *v;
	int has_parent, prel_set;
	const char *pg, *pa, *pv, *prel;
	unsigned parent_line;
	struct pvec props;
	struct mvec deps, mgmt;
};

struct pomctx {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct pom poms[CRK_MAX_INCLUDES + 1];
	size_t npoms;
	struct crk_map props; /* effective properties: name -> struct mprop * (value as written) */
	struct crk_map mgmt;  /* interpolated management key -> struct mdep * */
	/* the effective project coordinates, as written */
	const char *g, *a, *v, *pg, *pa, *pv;
	/* interpolation state of the value being expanded */
	unsigned steps;
	int unresolved;
	size_t produced; /* bytes interpolation produced for the file (POM_MAX_INTERP) */
	int spent;       /* POM_MAX_INTERP was reached (warned once) */
};

static int oom(struct pomctx *pc)
{
	return crk_err_set(pc->err, CRK_ENOMEM, pc->ctx->path, 0, 0, "out of memory");
}

/* ---------------------------------------------------------------- growable arena vectors */

static int grow(struct crk_arena *a, void **v, size_t *alloc, size_t n, size_t elsize)
{
	size_t na;
	void *nv;
	if (n < *alloc)
		return 0;
	na = *alloc ? *alloc * 2 : 16;
	if (!(nv = crk_arena_array(a, na, elsize)))
		return -1;
	if (*v && n)
		memcpy(nv, *v, n * elsize);
	*v = nv;
	*alloc = na;
	return 0;
}

/* ---------------------------------------------------------------- reading one pom */

/* The key Maven de-duplicates declarations by: groupId:artifactId:type:classifier. */
static const char *dep_key(struct crk_arena *a, const char *g, const char *art, const char *type,
			   const char *cls)
{
	return crk_arena_printf(a, "%s:%s:%s:%s", g ? g : "", art ? art : "",
				type && *type ? type : "jar", cls ? cls : "");
}

/* Appends the <dependency> children of `list` to `vec`, a later declaration of the same key
 * replacing an earlier one in its place (DefaultModelNormalizer.mergeDuplicates). */
static int read_deps(struct pomctx *pc, const xmlNode *list, struct mvec *vec, unsigned level,
		     const char *path)
{
	struct crk_arena *a = pc->ctx->arena;
	const xmlNode *d;
	int o = 0;
	for (d = crk_xml_child(list, "dependency"); d; d = crk_xml_next(d, "dependency")) {
		struct mdep m;
		void *at;
		memset(&m, 0, sizeof(m));
		m.g = crk_xml_child_text(a, d, "groupId", &o);
		m.a = crk_xml_child_text(a, d, "artifactId", &o);
		m.v = crk_xml_child_text(a, d, "version", &o);
		m.type = crk_xml_child_text(a, d, "type", &o);
		m.cls = crk_xml_child_text(a, d, "classifier", &o);
		m.scope = crk_xml_child_text(a, d, "scope", &o);
		m.opt = crk_xml_child_text(a, d, "optional", &o);
		m.line = crk_xml_line(d);
		m.level = level;
		if (o || !(m.key = dep_key(a, m.g, m.a, m.type, m.cls)))
			return oom(pc);
		if ((at = crk_map_get(&vec->by_key, m.key, strlen(m.key)))) {
			vec->v[(size_t)at - 1] = m;
			continue;
		}
		if (vec->n >= POM_MAX_ENTRIES) {
			crk_diags_addf(pc->ctx->diags, CRK_ELIMIT, path, m.line, 0,
				       "more than %d dependencies in one list; the rest are ignored",
				       POM_MAX_ENTRIES);
			return CRK_OK;
		}
		if (grow(a, (void **)&vec->v, &vec->alloc, vec->n + 1, sizeof(*vec->v)) ||
		    crk_map_put(&vec->by_key, m.key, strlen(m.key), (void *)(vec->n + 1)))
			return oom(pc);
		vec->v[vec->n++] = m;
	}
	return CRK_OK;
}

static int read_props(struct pomctx *pc, const xmlNode *props, struct pvec *vec, const char *path)
{
	struct crk_arena *a = pc->ctx->arena;
	const xmlNode *p;
	for (p = props ? props->children : NULL; p; p = p->next) {
		struct mprop mp;
		if (p->type != XML_ELEMENT_NODE || !p->name)
			continue;
		if (vec->n >= POM_MAX_ENTRIES) {
			crk_diags_addf(pc->ctx->diags, CRK_ELIMIT, path, crk_xml_line(p), 0,
				       "more than %d properties; the rest are ignored",
				       POM_MAX_ENTRIES);
			return CRK_OK;
		}
		mp.k = crk_arena_strdup(a, (const char *)p->name);
		mp.v = crk_xml_text(a, p);
		mp.vlen = mp.v ? strlen(mp.v) : 0;
		if (!mp.k || !mp.v || grow(a, (void **)&vec->v, &vec->alloc, vec->n + 1, sizeof(mp)))
			return oom(pc);
		vec->v[vec->n++] = mp;
	}
	return CRK_OK;
}

/* Reads the parts of one pom the model needs into `pom`. */
static int read_pom(struct pomctx *pc, struct pom *pom, const char *buf, size_t len,
		    const char *path, unsigned level, struct crk_err *err)
{
	struct crk_arena *a = pc->ctx->arena;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *n, *prof;
	int rc, o = 0;

	if ((rc = crk_xml_read(&doc, buf, len, path, err)) != CRK_OK)
		return rc == CRK_ENOMEM ? oom(pc) : rc;
	root = xmlDocGetRootElement(doc);
	if (!crk_xml_is(root, "project")) {
		rc = crk_err_set(err, CRK_EPARSE, path, crk_xml_line(root), 1,
				 "not a Maven POM: the root element is <%s>, not <project>",
				 root && root->name ? (const char *)root->name : "");
		goto out;
	}
	pom->g = crk_xml_child_text(a, root, "groupId", &o);
	pom->a = crk_xml_child_text(a, root, "artifactId", &o);
	pom->v = crk_xml_child_text(a, root, "version", &o);
	if ((n = crk_xml_child(root, "parent"))) {
		const xmlNode *rp = crk_xml_child(n, "relativePath");
		pom->has_parent = 1;
		pom->parent_line = crk_xml_line(n);
		pom->pg = crk_xml_child_text(a, n, "groupId", &o);
		pom->pa = crk_xml_child_text(a, n, "artifactId", &o);
		pom->pv = crk_xml_child_text(a, n, "version", &o);
		if (rp) {
			pom->prel_set = 1;
			pom->prel = crk_xml_text(a, rp);
			o |= !pom->prel;
		}
	}
	if (o) {
		rc = oom(pc);
		goto out;
	}
	if ((rc = read_props(pc, crk_xml_child(root, "properties"), &pom->props, path)) ||
	    (rc = read_deps(pc, crk_xml_child(root, "dependencies"), &pom->deps, level, path)) ||
	    (rc = read_deps(pc,
			    crk_xml_child(crk_xml_child(root, "dependencyManagement"),
					   "dependencies"),
			    &pom->mgmt, level, path)))
		goto out;
	/* profiles active by default: applied after the project's own sections, so that they win */
	for (prof = crk_xml_child(crk_xml_child(root, "profiles"), "profile"); prof;
	     prof = crk_xml_next(prof, "profile")) {
		const char *on = crk_xml_child_text(
			a, crk_xml_child(prof, "activation"), "activeByDefault", &o);
		if (o) {
			rc = oom(pc);
			goto out;
		}
		if (!on || strcmp(on, "true") != 0)
			continue;
		if ((rc = read_props(pc, crk_xml_child(prof, "properties"), &pom->props, path)) ||
		    (rc = read_deps(pc, crk_xml_child(prof, "dependencies"), &pom->deps, level,
				    path)) ||
		    (rc = read_deps(pc,
				    crk_xml_child(crk_xml_child(prof, "dependencyManagement"),
						   "dependencies"),
				    &pom->mgmt, level, path)))
			goto out;
	}
	rc = CRK_OK;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ---------------------------------------------------------------- parents */

/* The parent file's path relative to the directory of ctx->path (NULL on ENOMEM). The child's
 * own path (child->rel) is in the same terms. */
static const char *parent_rel(struct crk_arena *a, const struct pom *child)
{
	const char *rp = child->prel_set ? child->prel : "../pom.xml";
	const char *slash = strrchr(child->rel, '/');
	size_t dirlen = slash ? (size_t)(slash - child->rel) + 1 : 0;
	size_t n = strlen(rp);
	const char *tail = "/pom.xml"; /* Maven: a directory means the pom.xml in it */
	if (n > 4 && (strcmp(rp + n - 4, ".xml") == 0 || strcmp(rp + n - 4, ".pom") == 0))
		tail = "";
	else if (n && rp[n - 1] == '/')
		tail = "pom.xml";
	return crk_arena_printf(a, "%.*s%s%s", (int)dirlen, child->rel, rp, tail);
}

/* Effective groupId/version of a pom (its own, else its parent element's). */
static const char *eff_g(const struct pom *p)
{
	return p->g && p->g[0] ? p->g : p->pg;
}

static const char *eff_v(const struct pom *p)
{
	return p->v && p->v[0] ? p->v : p->pv;
}

static int same_or_unknown(const char *want, const char *have)
{
	if (!want || !want[0] || !have || !have[0] || strstr(want, "${") || strstr(have, "${"))
		return 1;
	return strcmp(want, have) == 0;
}

/* Reads the chain of parents that are in the tree. Only memory exhaustion is an error. */
static int read_parents(struct pomctx *pc)
{
	struct crk_detect_ctx *ctx = pc->ctx;
	const char *seen[CRK_MAX_INCLUDES + 2];
	size_t nseen = 0, i;

	/* the file itself, so that a "../pom.xml" leading back to it stops */
	seen[nseen] = ctx->dir && ctx->dir[0]
			      ? crk_arena_printf(ctx->arena, "%s/%s", ctx->dir, ctx->name)
			      : ctx->name;
	if (!seen[nseen++])
		return oom(pc);
	for (;;) {
		struct pom *child = &pc->poms[pc->npoms - 1], *par;
		const char *rel, *buf, *root_rel = NULL;
		size_t len;
		struct crk_err e;
		int rc;

		if (!child->has_parent || (child->prel_set && !child->prel[0]))
			return CRK_OK;
		if (pc->npoms > CRK_MAX_INCLUDES) {
			crk_diags_addf(ctx->diags, CRK_ELIMIT, ctx->path, 0, 0,
				       "more than %d parent poms; the rest are not read",
				       CRK_MAX_INCLUDES);
			return CRK_OK;
		}
		if (!(rel = parent_rel(ctx->arena, child)))
			return oom(pc);
		rc = crk_detect_read(ctx, rel, CRK_MAX_FILE_SIZE, &buf, &len, &root_rel, &e);
		if (rc == CRK_ENOMEM)
			return oom(pc);
		if (rc)
			return CRK_OK; /* not in the tree (usually a parent from a repository) */
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], root_rel) == 0)
				return CRK_OK; /* a cycle of relativePaths */
		seen[nseen++] = root_rel;
		par = &pc->poms[pc->npoms];
		memset(par, 0, sizeof(*par));
		par->rel = rel;
		crk_err_clear(&e);
		rc = read_pom(pc, par, buf, len, root_rel, (unsigned)pc->npoms, &e);
		if (rc == CRK_ENOMEM)
			return rc;
		if (rc) {
			crk_diags_add(ctx->diags, &e);
			return CRK_OK;
		}
		if (!par->a || strcmp(par->a, child->pa ? child->pa : "") != 0 ||
		    !eff_g(par) || strcmp(eff_g(par), child->pg ? child->pg : "") != 0 ||
		    !same_or_unknown(child->pv, eff_v(par))) {
			/* Maven then looks in the repositories: not us */
			crk_diags_addf(ctx->diags, CRK_ENOTFOUND, ctx->path, child->parent_line, 0,
				       "'%s' is %s:%s:%s, not the parent %s:%s:%s; not used",
				       root_rel, eff_g(par) ? eff_g(par) : "", par->a ? par->a : "",
				       eff_v(par) ? eff_v(par) : "", child->pg ? child->pg : "",
				       child->pa ? child->pa : "", child->pv ? child->pv : "");
			return CRK_OK;
		}
		pc->npoms++;
	}
}

/* ---------------------------------------------------------------- interpolation */

static const char *model_field(const struct pomctx *pc, const char *name)
{
	if (strcmp(name, "groupId") == 0)
		return pc->g;
	if (strcmp(name, "artifactId") == 0)
		return pc->a;
	if (strcmp(name, "version") == 0)
		return pc->v;
	if (strcmp(name, "parent.groupId") == 0)
		return pc->pg;
	if (strcmp(name, "parent.artifactId") == 0)
		return pc->pa;
	if (strcmp(name, "parent.version") == 0)
		return pc->pv;
	return NULL;
}

/* The value ${name} stands for, as written (it may hold further ${...}), or NULL. */
static const char *lookup(const struct pomctx *pc, const char *name, size_t n, size_t *vlen)
{
	char key[256];
	const struct mprop *mp;
	const char *v;
	if (n == 0 || n >= sizeof(key))
		return NULL;
	memcpy(key, name, n);
	key[n] = '\0';
	if (strncmp(key, "project.", 8) == 0)
		v = model_field(pc, key + 8);
	else if (strncmp(key, "pom.", 4) == 0)
		v = model_field(pc, key + 4);
	else if ((mp = crk_map_get(&pc->props, key, n))) {
		*vlen = mp->vlen;
		return mp->v;
	} else
		v = model_field(pc, key);
	if (v)
		*vlen = strlen(v);
	return v;
}

static void expand(struct pomctx *pc, struct crk_strbuf *out, const char *s, size_t n,
		   unsigned depth)
{
	size_t i = 0;
	while (i < n && crk_strbuf_ok(out)) {
		const char *open = NULL, *close, *v;
		size_t k, vlen = 0;
		for (k = i; k + 1 < n; k++)
			if (s[k] == '$' && s[k + 1] == '{') {
				open = s + k;
				break;
			}
		if (!open) {
			crk_strbuf_add(out, s + i, n - i);
			return;
		}
		crk_strbuf_add(out, s + i, (size_t)(open - (s + i)));
		close = memchr(open + 2, '}', n - (size_t)(open + 2 - s));
		if (!close) {
			crk_strbuf_add(out, open, n - (size_t)(open - s));
			pc->unresolved = 1;
			return;
		}
		v = lookup(pc, open + 2, (size_t)(close - open - 2), &vlen);
		/* a value longer than any result could be is not expanded: it would only fill the
		 * buffer (and scanning it again and again is how a hostile file would be slow) */
		if (!v || vlen >= POM_MAX_VALUE || depth >= PROP_MAX_DEPTH ||
		    ++pc->steps > PROP_MAX_STEPS) {
			crk_strbuf_add(out, open, (size_t)(close + 1 - open));
			pc->unresolved = 1;
		} else {
			expand(pc, out, v, vlen, depth + 1);
		}
		i = (size_t)(close + 1 - s);
	}
}

/* The interpolated value of `s` (NULL stays NULL), in the arena; *bad set when something stayed
 * unresolved. Returns -1 on ENOMEM. */
static int interp(struct pomctx *pc, const char *s, const char **out, int *bad)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(POM_MAX_VALUE);
	*out = s;
	if (!s || !strstr(s, "${"))
		return 0;
	if (pc->produced > POM_MAX_INTERP) {
		if (!pc->spent)
			crk_diags_addf(pc->ctx->diags, CRK_ELIMIT, pc->ctx->path, 0, 0,
				       "interpolation produced more than %zu bytes; the rest of the "
				       "file's ${...} are left as written", POM_MAX_INTERP);
		pc->spent = 1;
		if (bad)
			*bad = 1;
		return 0;
	}
	pc->steps = 0;
	pc->unresolved = 0;
	expand(pc, &sb, s, strlen(s), 0);
	if (!crk_strbuf_ok(&sb) && sb.len + 1 >= POM_MAX_VALUE) /* too long: leave it unresolved */
		pc->unresolved = 1;
	*out = crk_arena_strndup(pc->ctx->arena, sb.buf, sb.len);
	pc->produced += sb.len;
	crk_strbuf_release(&sb);
	if (!*out)
		return -1;
	if (pc->unresolved && bad)
		*bad = 1;
	return 0;
}

/* Interpolates every field of `m` in place. Returns -1 on ENOMEM; *bad as interp(). */
static int interp_dep(struct pomctx *pc, struct mdep *m, int *bad_ga, int *bad_v)
{
	int bad_other = 0;
	if (interp(pc, m->g, &m->g, bad_ga) || interp(pc, m->a, &m->a, bad_ga) ||
	    interp(pc, m->v, &m->v, bad_v) || interp(pc, m->type, &m->type, &bad_other) ||
	    interp(pc, m->cls, &m->cls, &bad_other) || interp(pc, m->scope, &m->scope, &bad_other) ||
	    interp(pc, m->opt, &m->opt, &bad_other))
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- the effective model */

/* Properties: the farthest parent first, so that nearer ones (and the file itself) win. */
static int build_props(struct pomctx *pc)
{
	size_t i, j;
	for (i = pc->npoms; i-- > 0;) {
		const struct pvec *pv = &pc->poms[i].props;
		for (j = 0; j < pv->n; j++)
			if (crk_map_put(&pc->props, pv->v[j].k, strlen(pv->v[j].k), &pv->v[j]))
				return oom(pc);
	}
	return CRK_OK;
}

/* dependencyManagement: keyed by the interpolated key; nearer poms win. */
static int build_mgmt(struct pomctx *pc)
{
	struct crk_arena *a = pc->ctx->arena;
	size_t i, j;
	for (i = pc->npoms; i-- > 0;) {
		const struct mvec *mv = &pc->poms[i].mgmt;
		for (j = 0; j < mv->n; j++) {
			struct mdep *m = crk_arena_alloc(a, sizeof(*m));
			const char *key;
			int bad = 0;
			if (!m)
				return oom(pc);
			*m = mv->v[j];
			if (interp_dep(pc, m, &bad, &bad))
				return oom(pc);
			if (m->scope && strcmp(m->scope, "import") == 0)
				continue; /* a BOM from a repository: not resolved */
			if (!(key = dep_key(a, m->g, m->a, m->type, m->cls)) ||
			    crk_map_put(&pc->mgmt, key, strlen(key), m))
				return oom(pc);
		}
	}
	return CRK_OK;
}

static int is_range(const char *v)
{
	return v[0] == '[' || v[0] == '(';
}

/* "[1.0]" -> "1.0" (a hard requirement of one version); NULL for any other range. */
static const char *exact_of_range(struct crk_arena *a, const char *v, int *oom_out)
{
	size_t n = strlen(v);
	const char *r;
	if (n < 3 || v[0] != '[' || v[n - 1] != ']' || memchr(v + 1, ',', n - 2) ||
	    memchr(v + 1, '[', n - 2) || memchr(v + 1, ']', n - 2))
		return NULL;
	r = crk_arena_strndup(a, v + 1, n - 2);
	if (!r)
		*oom_out = 1;
	return r;
}

static int emit(struct pomctx *pc, struct mdep *m)
{
	struct crk_detect_ctx *ctx = pc->ctx;
	struct crk_pkg pkg;
	struct crk_kv quals[2], props[2];
	size_t nq = 0, np = 0, id;
	int bad_ga = 0, bad_v = 0, o = 0, rc;
	const struct mdep *mg;
	const char *key, *version;
	unsigned line;

	if (interp_dep(pc, m, &bad_ga, &bad_v))
		return oom(pc);
	line = m->level == 0 ? m->line : pc->poms[0].parent_line;
	if (!m->g || !m->g[0] || !m->a || !m->a[0] || bad_ga) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 0,
			       "dependency '%s:%s' has %s; skipped", m->g ? m->g : "",
			       m->a ? m->a : "",
			       bad_ga ? "an unresolved property in its coordinates"
				      : (!m->g || !m->g[0]) ? "no groupId" : "no artifactId");
		return CRK_OK;
	}
	if (!(key = dep_key(ctx->arena, m->g, m->a, m->type, m->cls)))
		return oom(pc);
	if ((mg = crk_map_get(&pc->mgmt, key, strlen(key)))) {
		if (!m->v || !m->v[0]) {
			m->v = mg->v;
			bad_v = 0;
			if (m->v && strstr(m->v, "${"))
				bad_v = 1;
		}
		if (!m->scope || !m->scope[0])
			m->scope = mg->scope;
		if (!m->opt || !m->opt[0])
			m->opt = mg->opt;
	}

	crk_detect_pkg_init(ctx, &pkg, "maven", "Maven");
	pkg.ns = m->g;
	pkg.name = m->a;
	pkg.line = line;
	version = m->v && m->v[0] ? m->v : NULL;
	if (version && bad_v) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, 0,
			       "version '%s' of %s:%s has an unresolved property; reported without "
			       "a version", version, m->g, m->a);
		props[np].key = "version_spec";
		props[np++].value = version;
		version = NULL;
	} else if (version && is_range(version)) {
		const char *exact = exact_of_range(ctx->arena, version, &o);
		if (o)
			return oom(pc);
		if (!exact) {
			props[np].key = "version_range";
			props[np++].value = version;
		}
		version = exact;
	}
	pkg.version = version;
	if (!version)
		pkg.flags |= CRK_PKG_UNPINNED;
	if (m->scope && m->scope[0] && strcmp(m->scope, "compile") != 0) {
		props[np].key = "maven_scope";
		props[np++].value = m->scope;
	}
	if (m->scope && strcmp(m->scope, "test") == 0)
		pkg.scope = CRK_SCOPE_DEV;
	else if ((m->scope && (strcmp(m->scope, "provided") == 0 ||
			       strcmp(m->scope, "system") == 0)) ||
		 (m->opt && strcmp(m->opt, "true") == 0))
		pkg.scope = CRK_SCOPE_OPTIONAL;
	if (m->cls && m->cls[0]) {
		quals[nq].key = "classifier";
		quals[nq++].value = m->cls;
	}
	if (m->type && m->type[0] && strcmp(m->type, "jar") != 0) {
		quals[nq].key = "type";
		quals[nq++].value = m->type;
	}
	pkg.qualifiers = nq ? quals : NULL;
	pkg.nqualifiers = nq;
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	if ((rc = crk_detect_add(ctx, &pkg, &id, pc->err)) != CRK_OK)
		return rc;
	if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		return oom(pc);
	return CRK_OK;
}

/* Dependencies: the file's own, then each parent's whose key no nearer pom declares. */
static int emit_deps(struct pomctx *pc)
{
	struct crk_map taken = CRK_MAP_INIT;
	size_t i, j;
	int rc = CRK_OK;
	for (i = 0; i < pc->npoms && rc == CRK_OK; i++) {
		const struct mvec *dv = &pc->poms[i].deps;
		for (j = 0; j < dv->n && rc == CRK_OK; j++) {
			struct mdep m = dv->v[j];
			void *prev = NULL;
			if (crk_map_put_new(&taken, m.key, strlen(m.key), &pc->poms[i], &prev)) {
				rc = oom(pc);
				break;
			}
			if (prev && prev != (void *)&pc->poms[i])
				continue; /* a nearer pom declares it: Maven's inheritance merges */
			rc = emit(pc, &m);
		}
	}
	crk_map_release(&taken);
	return rc;
}

static int pom_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct pomctx *pc;
	const struct pom *self;
	size_t i;
	int rc;

	pc = crk_arena_alloc(ctx->arena, sizeof(*pc));
	if (!pc)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	pc->ctx = ctx;
	pc->err = err;
	crk_map_init(&pc->props);
	crk_map_init(&pc->mgmt);
	pc->poms[0].rel = ctx->name ? ctx->name : "";
	if ((rc = read_pom(pc, &pc->poms[0], ctx->buf, ctx->len, ctx->path, 0, err)) != CRK_OK)
		goto out;
	pc->npoms = 1;
	if ((rc = read_parents(pc)) != CRK_OK)
		goto out;
	self = &pc->poms[0];
	pc->g = eff_g(self);
	pc->a = self->a;
	pc->v = eff_v(self);
	pc->pg = self->pg;
	pc->pa = self->pa;
	pc->pv = self->pv;
	if ((rc = build_props(pc)) != CRK_OK || (rc = build_mgmt(pc)) != CRK_OK)
		goto out;
	rc = emit_deps(pc);
out:
	for (i = 0; i <= CRK_MAX_INCLUDES; i++) {
		crk_map_release(&pc->poms[i].deps.by_key);
		crk_map_release(&pc->poms[i].mgmt.by_key);
	}
	crk_map_release(&pc->props);
	crk_map_release(&pc->mgmt);
	return rc;
}

/* *.pom, as a local repository names them ("my-app-1.0.pom"); pom.xml comes by name. */
static int pom_match(const char *relpath, size_t rellen, const char *name)
{
	size_t n = strlen(name);
	(void)relpath;
	(void)rellen;
	if (strcmp(name, "pom.xml") == 0)
		return 1;
	return n > 4 && strcmp(name + n - 4, ".pom") == 0;
}

static const char *const pom_names[] = {"pom.xml", NULL};

const struct crk_detector crk_detector_maven_pom = {
	.name = "maven/pom-xml",
	.ecosystem = "Maven",
	.names = pom_names,
	.match = pom_match,
	.parse = pom_parse,
	.doc = "pom.xml and *.pom (Maven; parents in the tree, properties, dependencyManagement)",
};
