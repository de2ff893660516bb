/*
 * nuget_csproj.c - NuGet PackageReference items of MSBuild project files: *.csproj, *.fsproj,
 * *.vbproj (detector nuget/csproj) and the files MSBuild imports into every project below them,
 * Directory.Packages.props and Directory.Build.props (detector nuget/directory-packages-props).
 *
 * Format: MSBuild XML (https://learn.microsoft.com/nuget/consume-packages/package-references-
 * in-project-files; central package management: https://learn.microsoft.com/nuget/consume-
 * packages/central-package-management).
 *
 *   <Project Sdk="Microsoft.NET.Sdk">                      (old-style files add an xmlns)
 *     <PropertyGroup><SerilogVersion>2.10.0</SerilogVersion></PropertyGroup>
 *     <ItemGroup Condition="...">
 *       <PackageReference Include="Serilog" Version="$(SerilogVersion)" />
 *       <PackageReference Include="Newtonsoft.Json"><Version>13.0.1</Version></PackageReference>
 *       <PackageReference Include="Polly" />                    (version from central management)
 *       <PackageReference Include="Dapper" VersionOverride="2.0.123" />
 *       <PackageReference Update="Serilog" Version="2.12.0" />  (changes an item included above)
 *       <PackageReference Remove="Polly" />
 *       <GlobalPackageReference Include="StyleCop.Analyzers" Version="1.1.118" />
 *       <PackageVersion Include="Polly" Version="7.2.3" />      (Directory.Packages.props: a pin,
 *     </ItemGroup>                                                not a reference)
 *   </Project>
 *
 * What is reported (both detectors):
 *   - each PackageReference and GlobalPackageReference item of a top-level <ItemGroup>, in
 *     document order (Include may list several ids separated by ';'; Update and Remove items
 *     act on the items included before them in the same file, as MSBuild evaluates them), as a
 *     NuGet component and a direct dependency of the product (root edge), at the line of the
 *     element that included it (libxml2's: where its start tag ends); GlobalPackageReference
 *     gets the property "global" = "true";
 *   - the version: VersionOverride, else Version (attribute or child element), with $(Name)
 *     properties of the same file's <PropertyGroup>s substituted (MSBuild names ignore case;
 *     the last definition wins); without either, the PackageVersion of that id in the same file
 *     and then in the nearest Directory.Packages.props of the file's folder or a folder above
 *     it, read through crk_detect_read (not for Directory.Packages.props itself, which is the
 *     nearest one);
 *   - a version that is an exact NuGet version, or "[v]", is the version; a range ("[1.0,2.0)",
 *     "(1.0,)"), a floating version ("1.*") or a property that cannot be resolved gives no
 *     version (CRK_PKG_UNPINNED) and the property "specifier" with the text; no version found
 *     at all is CRK_PKG_UNPINNED too: the package is a dependency whatever its version
 *     (osv-scalibr drops such items);
 *   - PackageVersion items are pins, not references: they are not components;
 *   - Condition attributes are not evaluated: items of every condition are reported, and no
 *     <Import> other than Directory.Packages.props is followed (properties from
 *     Directory.Build.props are not seen by the project file's $(...) substitution).
 *
 * Errors: not well-formed XML, or a root element other than <Project>: CRK_EPARSE. The XML is
 * read without entity substitution, DTD loading or network access (formats/xml.h). An unreadable
 * or malformed Directory.Packages.props is a warning for the file that needed it.
 */
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "formats/xml.h"
#include "base/banned.h"

#define CPM_FILE "Directory.Packages.props"
#define MAX_EXPAND_DEPTH 8

struct item {
	const char *name;
	const char *version;  /* Version, as written (NULL: none) */
	const char *override; /* VersionOverride */
	unsigned line;
	int global;
	int removed;
};

/* What one MSBuild file says. */
struct msb {
	struct crk_map props; /* lowercased property name -> value */
	struct crk_map pins;  /* lowercased id -> PackageVersion version */
	struct item *items;
	size_t nitems, alloc;
};

struct run {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct msb own;
	struct msb cpm; /* the nearest Directory.Packages.props, when read */
	int cpm_state;  /* 0 not looked for, 1 read, -1 none */
	const char *cpm_path;
};

static int oom(struct run *r)
{
	return crk_err_set(r->err, CRK_ENOMEM, r->ctx->path, 0, 0, "out of memory");
}

static void msb_release(struct msb *m)
{
	crk_map_release(&m->props);
	crk_map_release(&m->pins);
	crk_free(m->items);
	memset(m, 0, sizeof(*m));
}

static char *lower_dup(struct crk_arena *a, const char *s, size_t n)
{
	size_t i;
	char *d = crk_arena_strndup(a, s, n);
	if (!d)
		return NULL;
	for (i = 0; i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

static int map_set(struct crk_arena *a, struct crk_map *m, const char *key, size_t klen,
		   const char *value)
{
	char *k = lower_dup(a, key, klen);
	return !k || crk_map_put(m, k, klen, (void *)value) ? -1 : 0;
}

static const char *map_find(struct crk_arena *a, const struct crk_map *m, const char *key,
			    size_t klen, int *nomem)
{
	char *k = lower_dup(a, key, klen);
	if (!k) {
		*nomem = 1;
		return NULL;
	}
	return crk_map_get(m, k, klen);
}

/* The value of metadata `name`: the attribute, else a child element of that name. */
static const char *metadata(struct crk_arena *a, const xmlNode *n, const char *name, int *nomem)
{
	const char *v = crk_xml_attr(a, n, name, nomem);
	if (!v && !*nomem)
		v = crk_xml_child_text(a, n, name, nomem);
	return v;
}

/* Appends s[0..n) to out: 0, -1 on ENOMEM, -2 past CRK_MAX_STRING. */
static int put(struct crk_strbuf *out, const char *s, size_t n)
{
	if (n > CRK_MAX_STRING - out->len)
		return -2;
	return crk_strbuf_add(out, s, n) ? -1 : 0;
}

/* $(Name) substitution from `m`'s properties; unknown properties stay as written. Returns 0,
 * -1 on ENOMEM, -2 when the result would pass CRK_MAX_STRING (properties that double each
 * other). */
static int expand(struct crk_arena *a, const struct msb *m, const char *s, int depth,
		  struct crk_strbuf *out)
{
	int nomem = 0, rc;
	while (*s) {
		const char *open = strstr(s, "$("), *close;
		const char *v;
		size_t nl, i;
		if (!open)
			return put(out, s, strlen(s));
		if ((rc = put(out, s, (size_t)(open - s))) != 0)
			return rc;
		close = strchr(open + 2, ')');
		nl = close ? (size_t)(close - open - 2) : 0;
		for (i = 0; i < nl; i++) {
			char c = open[2 + i];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
				break;
		}
		v = close && nl && i == nl && depth < MAX_EXPAND_DEPTH
			    ? map_find(a, &m->props, open + 2, nl, &nomem)
			    : NULL;
		if (nomem)
			return -1;
		if (v) {
			if ((rc = expand(a, m, v, depth + 1, out)) != 0)
				return rc;
			s = close + 1;
		} else {
			if ((rc = put(out, open, 2)) != 0)
				return rc;
			s = open + 2;
		}
	}
	return 0;
}

/* `s` with its properties substituted, in the arena; `s` itself when the result would be too
 * long (it then stays unresolved). NULL (and *nomem) on ENOMEM. */
static const char *expanded(struct crk_arena *a, const struct msb *m, const char *s, int *nomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *r = NULL;
	int rc;
	if (!s || !strstr(s, "$("))
		return s;
	rc = expand(a, m, s, 0, &sb);
	if (rc == 0)
		r = crk_arena_strndup(a, sb.buf, sb.len);
	else if (rc == -2)
		r = s;
	if (!r)
		*nomem = 1;
	crk_strbuf_release(&sb);
	return r;
}

static int push_item(struct msb *m, const char *name, unsigned line, int global)
{
	struct item *it;
	if (CRK_GROW(m->items, m->alloc, m->nitems + 1))
		return -1;
	it = &m->items[m->nitems++];
	memset(it, 0, sizeof(*it));
	it->name = name;
	it->line = line;
	it->global = global;
	return 0;
}

/* Calls back for each ';'-separated id of an Include/Update/Remove value. */
static int each_id(struct crk_arena *a, const char *list, int (*fn)(void *, const char *),
		   void *ud)
{
	while (list && *list) {
		const char *e = strchr(list, ';');
		size_t n = e ? (size_t)(e - list) : strlen(list);
		const char *s = list;
		char *id;
		int rc;
		while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
			     s[n - 1] == '\n'))
			n--;
		if (n) {
			if (!(id = crk_arena_strndup(a, s, n)))
				return -1;
			if ((rc = fn(ud, id)) != 0)
				return rc;
		}
		list = e ? e + 1 : NULL;
	}
	return 0;
}

struct item_op {
	struct msb *m;
	struct crk_arena *a;
	const char *version, *override;
	unsigned line;
	int global, kind; /* kind: 0 include, 1 update, 2 remove */
};

static int item_fn(void *ud, const char *id)
{
	struct item_op *op = ud;
	size_t i;
	if (op->kind == 0) {
		if (push_item(op->m, id, op->line, op->global))
			return -1;
		op->m->items[op->m->nitems - 1].version = op->version;
		op->m->items[op->m->nitems - 1].override = op->override;
		return 0;
	}
	for (i = 0; i < op->m->nitems; i++) {
		struct item *it = &op->m->items[i];
		if (it->removed || strcasecmp(it->name, id) != 0)
			continue;
		if (op->kind == 2) {
			it->removed = 1;
			continue;
		}
		if (op->version)
			it->version = op->version;
		if (op->override)
			it->override = op->override;
	}
	return 0;
}

struct pin_op {
	struct msb *m;
	struct crk_arena *a;
	const char *version;
};

static int pin_fn(void *ud, const char *id)
{
	struct pin_op *op = ud;
	return op->version ? map_set(op->a, &op->m->pins, id, strlen(id), op->version) : 0;
}

/* Reads the properties, items and pins of one MSBuild document into `m`. */
static int msb_read(struct crk_arena *a, xmlNode *root, struct msb *m)
{
	xmlNode *g, *n;
	int nomem = 0;
	for (g = root->children; g; g = g->next) {
		if (crk_xml_is(g, "PropertyGroup")) {
			for (n = g->children; n; n = n->next) {
				const char *v;
				if (n->type != XML_ELEMENT_NODE || !n->name)
					continue;
				if (!(v = crk_xml_text(a, n)) ||
				    map_set(a, &m->props, (const char *)n->name,
					    strlen((const char *)n->name), v))
					return -1;
			}
			continue;
		}
		if (!crk_xml_is(g, "ItemGroup"))
			continue;
		for (n = g->children; n; n = n->next) {
			int global = crk_xml_is(n, "GlobalPackageReference");
			const char *inc, *upd, *rem;
			if (crk_xml_is(n, "PackageVersion")) {
				struct pin_op op = {m, a, NULL};
				inc = crk_xml_attr(a, n, "Include", &nomem);
				upd = crk_xml_attr(a, n, "Update", &nomem);
				op.version = metadata(a, n, "Version", &nomem);
				if (nomem || each_id(a, inc ? inc : upd, pin_fn, &op))
					return -1;
				continue;
			}
			if (!global && !crk_xml_is(n, "PackageReference"))
				continue;
			{
				struct item_op op = {m, a, NULL, NULL, crk_xml_line(n), global, 0};
				inc = crk_xml_attr(a, n, "Include", &nomem);
				upd = crk_xml_attr(a, n, "Update", &nomem);
				rem = crk_xml_attr(a, n, "Remove", &nomem);
				op.version = metadata(a, n, "Version", &nomem);
				op.override = metadata(a, n, "VersionOverride", &nomem);
				if (nomem)
					return -1;
				op.kind = inc ? 0 : upd ? 1 : 2;
				if (each_id(a, inc ? inc : upd ? upd : rem, item_fn, &op))
					return -1;
			}
		}
	}
	return 0;
}

/* Parses buf as an MSBuild file into m; CRK_EPARSE when it is not one. */
static int msb_parse(struct crk_arena *a, const char *buf, size_t len, const char *path,
		     struct msb *m, struct crk_err *err)
{
	xmlDocPtr doc = NULL;
	xmlNode *root;
	int rc = crk_xml_read(&doc, buf, len, path, err);
	if (rc)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (!crk_xml_is(root, "Project"))
		rc = crk_err_set(err, CRK_EPARSE, path, root ? crk_xml_line(root) : 1, 0,
				 "root element is <%s>, not <Project>",
				 root && root->name ? (const char *)root->name : "");
	else if (msb_read(a, root, m))
		rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	xmlFreeDoc(doc);
	return rc;
}

/* Finds and reads the nearest Directory.Packages.props (once). */
static int load_cpm(struct run *r)
{
	struct crk_detect_ctx *ctx = r->ctx;
	struct crk_strbuf rel = CRK_STRBUF_INIT(CRK_MAX_PATH);
	struct crk_err e;
	const char *buf = NULL, *at = NULL, *d;
	size_t len = 0, up, k, levels = 1;
	int rc = CRK_ENOTFOUND;

	r->cpm_state = -1;
	/* the file's folder, then each folder above it up to the scan root */
	for (d = ctx->dir; d && *d; d++)
		levels += d == ctx->dir || d[-1] == '/';
	for (up = 0; up < levels && up < CRK_MAX_WALK_DEPTH; up++) {
		crk_strbuf_reset(&rel);
		for (k = 0; k < up; k++)
			crk_strbuf_adds(&rel, "../");
		crk_strbuf_adds(&rel, CPM_FILE);
		if (!crk_strbuf_ok(&rel))
			break;
		rc = crk_detect_read(ctx, rel.buf, CRK_MAX_FILE_SIZE, &buf, &len, &at, &e);
		if (rc != CRK_ENOTFOUND)
			break;
	}
	crk_strbuf_release(&rel);
	if (rc == CRK_ENOMEM)
		return oom(r);
	if (rc) {
		if (rc != CRK_ENOTFOUND && rc != CRK_EINVAL && ctx->diags)
			crk_diags_add(ctx->diags, &e);
		return CRK_OK;
	}
	rc = msb_parse(ctx->arena, buf, len, at, &r->cpm, &e);
	if (rc == CRK_ENOMEM)
		return oom(r);
	if (rc) {
		if (ctx->diags)
			crk_diags_add(ctx->diags, &e);
		return CRK_OK;
	}
	r->cpm_state = 1;
	r->cpm_path = at;
	return CRK_OK;
}

static int is_plain_version(const char *v)
{
	size_t i;
	if (!*v)
		return 0;
	for (i = 0; v[i]; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'z') ||
		      (v[i] >= 'A' && v[i] <= 'Z') || v[i] == '.' || v[i] == '-' || v[i] == '+'))
			return 0;
	return 1;
}

static int add_item(struct run *r, const struct item *it)
{
	struct crk_detect_ctx *ctx = r->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_pkg pkg;
	struct crk_kv props[3];
	const char *v = it->override && *it->override ? it->override : it->version;
	const struct msb *from = &r->own;
	size_t np = 0, id, n = 0;
	int nomem = 0, rc;

	if (!v || !*v) {
		v = map_find(a, &r->own.pins, it->name, strlen(it->name), &nomem);
		if (!v && !nomem && strcmp(ctx->name, CPM_FILE) != 0) {
			if (!r->cpm_state && (rc = load_cpm(r)) != 0)
				return rc;
			if (r->cpm_state > 0) {
				v = map_find(a, &r->cpm.pins, it->name, strlen(it->name), &nomem);
				from = &r->cpm;
				if (v) {
					props[np].key = "version_from";
					props[np++].value = r->cpm_path;
				}
			}
		}
	}
	v = expanded(a, from, v, &nomem);
	if (nomem)
		return oom(r);
	crk_detect_pkg_init(ctx, &pkg, "nuget", "NuGet");
	pkg.name = it->name;
	pkg.line = it->line;
	if (v) {
		while (*v == ' ' || *v == '\t')
			v++;
		n = strlen(v);
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		if (!(v = crk_arena_strndup(a, v, n)))
			return oom(r);
	}
	if (v && n > 2 && v[0] == '[' && v[n - 1] == ']' && !strchr(v, ',')) {
		char *exact = crk_arena_strndup(a, v + 1, n - 2);
		if (!exact)
			return oom(r);
		v = exact;
	}
	if (v && is_plain_version(v)) {
		pkg.version = v;
	} else {
		pkg.flags |= CRK_PKG_UNPINNED;
		if (v && *v) {
			props[np].key = "specifier";
			props[np++].value = v;
		}
	}
	if (it->global) {
		props[np].key = "global";
		props[np++].value = "true";
	}
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	rc = crk_detect_add(ctx, &pkg, &id, r->err);
	if (rc || id == CRK_BOM_NONE)
		return rc;
	return crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM ? oom(r) : CRK_OK;
}

static int msbuild_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct run r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.err = err;
	rc = msb_parse(ctx->arena, ctx->buf, ctx->len, ctx->path, &r.own, err);
	for (i = 0; !rc && i < r.own.nitems; i++)
		if (!r.own.items[i].removed)
			rc = add_item(&r, &r.own.items[i]);
	msb_release(&r.own);
	msb_release(&r.cpm);
	return rc;
}

static int has_suffix_ci(const char *name, size_t n, const char *sfx)
{
	size_t sl = strlen(sfx);
	return n > sl && strcasecmp(name + n - sl, sfx) == 0;
}

/* *.csproj, *.fsproj, *.vbproj */
static int csproj_match(const char *relpath, size_t rellen, const char *name)
{
	size_t n = strlen(name);
	(void)relpath;
	(void)rellen;
	return has_suffix_ci(name, n, ".csproj") || has_suffix_ci(name, n, ".fsproj") ||
	       has_suffix_ci(name, n, ".vbproj");
}

const struct crk_detector crk_detector_nuget_csproj = {
	.name = "nuget/csproj",
	.ecosystem = "NuGet",
	.match = csproj_match,
	.parse = msbuild_parse,
	.doc = "*.csproj, *.fsproj, *.vbproj PackageReference items (NuGet)",
};

static const char *const props_names[] = {CPM_FILE, "Directory.Build.props", NULL};

const struct crk_detector crk_detector_nuget_props = {
	.name = "nuget/directory-packages-props",
	.ecosystem = "NuGet",
	.names = props_names,
	.parse = msbuild_parse,
	.doc = "Directory.Packages.props, Directory.Build.props PackageReference items (NuGet)",
};
