/*
 * yarn.c - yarn.lock, both formats: yarn v1 ("classic") and yarn berry (v2+).
 *
 * yarn v1 (https://classic.yarnpkg.com/en/docs/yarn-lock, the format of yarn's
 * src/lockfile/{parse,stringify}.js, re-implemented here from the files it writes): not YAML.
 * Comment lines start with '#'; an entry is a header line at indentation 0 listing the
 * descriptors it satisfies, comma-separated, each "name@range" possibly in double quotes, and
 * ending with ':'; then fields indented by two spaces, `key value` (key and value optionally
 * quoted, JSON escapes inside quotes), or `key:` opening a block whose `name range` lines are
 * indented by four (dependencies, optionalDependencies). Fields read: version, resolved,
 * integrity. An alias "a-cjs@npm:a@^1" installs package a.
 *
 * yarn berry (https://yarnpkg.com/configuration/yarnrc, lockfile written by
 * @yarnpkg/core Project.generateLockfile): YAML, parsed with libyaml. The first key is
 * __metadata {version, cacheKey}; every other key lists descriptors ("a@npm:^1.0.0, a@npm:^1.1.0")
 * and maps to {version, resolution: "a@npm:1.2.3", dependencies, peerDependencies,
 * dependenciesMeta, checksum, languageName, linkType}. The resolution names the package (for an
 * alias it is the real one) and its protocol: npm:, workspace:, patch:, portal:, link:, file:,
 * git and http URLs, exec:.
 *
 * What is reported: one component per entry, at the line of its header/key:
 *   - name from the descriptor (v1; the aliased name for "npm:" aliases) or the resolution
 *     (berry); version from "version" (berry workspaces have 0.0.0-use.local);
 *   - v1 "resolved" -> download URL (its "#<sha1>" fragment becomes a SHA-1 hash when no
 *     integrity gives one), "integrity" -> hashes. Berry "checksum" is yarn's own hash of its
 *     zip archive, not of the published tarball: property "yarn.checksum";
 *   - git sources (v1 resolved, berry resolution: git+ssh://, github:, "#commit=<sha>", codeload
 *     tarballs, ...) -> repository and commit, CRK_PKG_GIT; file:, link:, portal:, workspace:
 *     and soft links -> CRK_PKG_LOCAL;
 *   - the project itself (berry "name@workspace:.") is not a component: its dependencies are
 *     the direct ones. v1 files do not name them: the package.json beside the lockfile does
 *     (dependencies, optionalDependencies, devDependencies; their "name@range" descriptors are
 *     looked up like any dependency); without it, every entry no other entry depends on is
 *     taken as direct. Other berry workspaces are parts of the project: direct too;
 *   - edges: each dependency "name range" of an entry goes to the entry whose header lists the
 *     descriptor "name@range" (berry also tries "name@npm:range", as yarn normalises ranges);
 *   - scope: packages reachable from a required direct dependency are required, else from an
 *     optional one optional, else from a dev one dev. The dev/optional split needs package.json
 *     (yarn.lock has no notion of it): without one everything is required.
 * Lockfiles inside node_modules are not read (as osv-scalibr).
 * Errors: v1 lines that are neither a header, a field nor a block item; unterminated quotes;
 * malformed YAML, a berry document that is not a mapping, an entry that is not a mapping.
 */
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

#define NO_ID ((size_t)-1)

struct str {
	const char *s;
	size_t n;
};

struct entry {
	struct str name, version, resolved, integrity, checksum, desc0;
	unsigned line;
	int local, project, soft;
	size_t id;
};

struct dep {
	size_t from; /* entry index */
	struct str name, range;
	int optional; /* optionalDependencies (v1), dependenciesMeta optional (berry) */
};

struct yarn {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct entry *e;
	size_t n, alloc;
	struct dep *deps;
	size_t ndeps, depalloc;
	struct crk_map descs; /* "name@range" -> entry index + 1 */
	struct crk_strbuf sb;
	struct crk_npm_edge *edges;
	size_t nedges, edgealloc;
	struct crk_npm_root *roots;
	size_t nroots, rootalloc;
	struct crk_map manifest; /* berry: name -> scope + 1 from package.json */
	int berry;
};

static int oom(struct yarn *y)
{
	return crk_err_set(y->err, CRK_ENOMEM, y->ctx->path, 0, 0, "out of memory");
}

/* Splits "name@range" at the '@' that ends the name (a scoped name starts with '@'). */
static int split_desc(struct str d, struct str *name, struct str *range)
{
	const char *at = d.n > 1 ? memchr(d.s + 1, '@', d.n - 1) : NULL;
	if (!at)
		return -1;
	name->s = d.s;
	name->n = (size_t)(at - d.s);
	range->s = at + 1;
	range->n = d.n - name->n - 1;
	return 0;
}

/* "npm:real@range" -> real */
static void alias_name(struct str range, struct str *name)
{
	struct str n2, r2, spec;
	if (range.n <= 4 || memcmp(range.s, "npm:", 4) != 0)
		return;
	spec.s = range.s + 4;
	spec.n = range.n - 4;
	if (split_desc(spec, &n2, &r2) == 0 && n2.n)
		*name = n2;
	else if (spec.n && !memchr(spec.s + 1, '@', spec.n - 1) && (spec.s[0] < '0' || spec.s[0] > '9') &&
		 spec.s[0] != '^' && spec.s[0] != '~')
		*name = spec; /* "npm:real" without a range */
}

static int new_entry(struct yarn *y, unsigned line, struct entry **out)
{
	if (CRK_GROW(y->e, y->alloc, y->n + 1))
		return oom(y);
	*out = &y->e[y->n++];
	memset(*out, 0, sizeof(**out));
	(*out)->line = line;
	(*out)->id = NO_ID;
	return CRK_OK;
}

static int add_desc(struct yarn *y, struct str d, size_t idx)
{
	if (!d.n)
		return CRK_OK;
	if (crk_map_put(&y->descs, d.s, d.n, (void *)(idx + 1)))
		return oom(y);
	return CRK_OK;
}

static int add_dep(struct yarn *y, size_t from, struct str name, struct str range, int optional)
{
	if (CRK_GROW(y->deps, y->depalloc, y->ndeps + 1))
		return oom(y);
	y->deps[y->ndeps].from = from;
	y->deps[y->ndeps].name = name;
	y->deps[y->ndeps].range = range;
	y->deps[y->ndeps].optional = optional;
	y->ndeps++;
	return CRK_OK;
}

/* The entry "name@range" resolves to, or NO_ID. */
static size_t lookup(struct yarn *y, struct str name, struct str range)
{
	void *v;
	crk_strbuf_reset(&y->sb);
	crk_strbuf_add(&y->sb, name.s, name.n);
	crk_strbuf_addch(&y->sb, '@');
	crk_strbuf_add(&y->sb, range.s, range.n);
	if (!crk_strbuf_ok(&y->sb))
		return NO_ID;
	v = crk_map_get(&y->descs, y->sb.buf, y->sb.len);
	if (!v && y->berry && !memchr(range.s, ':', range.n)) {
		crk_strbuf_reset(&y->sb);
		crk_strbuf_add(&y->sb, name.s, name.n);
		crk_strbuf_adds(&y->sb, "@npm:");
		crk_strbuf_add(&y->sb, range.s, range.n);
		if (crk_strbuf_ok(&y->sb))
			v = crk_map_get(&y->descs, y->sb.buf, y->sb.len);
	}
	return v ? (size_t)v - 1 : NO_ID;
}

/* ------------------------------------------------------------------ yarn v1 */

/* Reads a token at s[*i..n): a double-quoted string (JSON escapes; unescaped into the arena when
 * it has any) or a bare word ending at white space, ',' or a ':' that ends the line. */
static int v1_token(struct yarn *y, const char *s, size_t n, size_t *i, struct str *out,
		    unsigned line)
{
	size_t p = *i;
	if (p < n && s[p] == '"') {
		size_t st = ++p;
		int esc = 0;
		while (p < n && s[p] != '"') {
			if (s[p] == '\\') {
				esc = 1;
				p++;
			}
			p++;
		}
		if (p >= n)
			return crk_detect_error_at(y->ctx, (size_t)(s + st - 1 - y->ctx->buf), y->err,
						   "unterminated string");
		if (!esc) {
			out->s = s + st;
			out->n = p - st;
		} else {
			char *u = crk_arena_alloc(y->ctx->arena, p - st + 1);
			size_t k = 0, j;
			if (!u)
				return oom(y);
			for (j = st; j < p; j++) {
				if (s[j] == '\\' && j + 1 < p) {
					j++;
					u[k++] = s[j] == 'n' ? '\n' : s[j] == 't' ? '\t' : s[j];
				} else {
					u[k++] = s[j];
				}
			}
			out->s = u;
			out->n = k;
		}
		*i = p + 1;
		return CRK_OK;
	}
	out->s = s + p;
	while (p < n && s[p] != ' ' && s[p] != '\t' && s[p] != ',' &&
	       !(s[p] == ':' && (p + 1 == n || s[p + 1] == ' ')))
		p++;
	out->n = (size_t)(s + p - out->s);
	*i = p;
	(void)line;
	return CRK_OK;
}

static void skip_ws(const char *s, size_t n, size_t *i)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
}

static int v1_header(struct yarn *y, const char *s, size_t n, unsigned line)
{
	struct entry *e;
	size_t i = 0, idx;
	int rc, first = 1;

	if (!n || s[n - 1] != ':')
		return crk_detect_error_at(y->ctx, (size_t)(s - y->ctx->buf), y->err,
					   "expected an entry header ending with ':'");
	if ((rc = new_entry(y, line, &e)) != 0)
		return rc;
	idx = y->n - 1;
	n--; /* the ':' */
	while (i < n) {
		struct str d, name, range;
		skip_ws(s, n, &i);
		if ((rc = v1_token(y, s, n, &i, &d, line)) != 0)
			return rc;
		skip_ws(s, n, &i);
		if (i < n && s[i] != ',')
			return crk_detect_error_at(y->ctx, (size_t)(s + i - y->ctx->buf), y->err,
						   "expected ',' between descriptors");
		i++;
		if (!d.n)
			continue;
		y->e[idx].desc0 = first ? d : y->e[idx].desc0;
		if (first && split_desc(d, &name, &range) == 0) {
			alias_name(range, &name);
			y->e[idx].name = name;
			if ((range.n >= 5 && memcmp(range.s, "file:", 5) == 0) ||
			    (range.n >= 5 && memcmp(range.s, "link:", 5) == 0))
				y->e[idx].local = 1;
		} else if (first) {
			y->e[idx].name = d; /* "balanced-match:" without a range */
		}
		first = 0;
		if ((rc = add_desc(y, d, idx)) != 0)
			return rc;
	}
	return CRK_OK;
}

static int parse_v1(struct yarn *y)
{
	struct crk_detect_ctx *ctx = y->ctx;
	struct crk_line_iter it;
	const char *s;
	size_t n;
	struct str block = {NULL, 0};
	int rc;

	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (crk_line_iter_next(&it, &s, &n)) {
		size_t ind = 0, i;
		struct str key, val;
		while (ind < n && s[ind] == ' ')
			ind++;
		if (ind == n || s[ind] == '#')
			continue;
		if (s[ind] == '\t')
			return crk_detect_error_at(ctx, (size_t)(s + ind - ctx->buf), y->err,
						   "tab in indentation");
		while (n > ind && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (ind == 0) {
			block.n = 0;
			if ((rc = v1_header(y, s, n, it.lineno)) != 0)
				return rc;
			continue;
		}
		if (!y->n)
			return crk_detect_error_at(ctx, (size_t)(s - ctx->buf), y->err,
						   "indented line before the first entry");
		i = ind;
		if ((rc = v1_token(y, s, n, &i, &key, it.lineno)) != 0)
			return rc;
		if (i < n && s[i] == ':' && ind == 2) {
			if (i + 1 != n)
				return crk_detect_error_at(ctx, (size_t)(s + i - ctx->buf), y->err,
							   "unexpected text after ':'");
			block = key;
			continue;
		}
		if (i < n && s[i] == ':') /* "key: value" (not written by yarn v1, tolerated) */
			i++;
		skip_ws(s, n, &i);
		if ((rc = v1_token(y, s, n, &i, &val, it.lineno)) != 0)
			return rc;
		if (ind == 2) {
			struct entry *e = &y->e[y->n - 1];
			block.n = 0;
			if (key.n == 7 && memcmp(key.s, "version", 7) == 0)
				e->version = val;
			else if (key.n == 8 && memcmp(key.s, "resolved", 8) == 0)
				e->resolved = val;
			else if (key.n == 9 && memcmp(key.s, "integrity", 9) == 0)
				e->integrity = val;
		} else if (ind == 4 && block.n &&
			   ((block.n == 12 && memcmp(block.s, "dependencies", 12) == 0) ||
			    (block.n == 20 && memcmp(block.s, "optionalDependencies", 20) == 0))) {
			if ((rc = add_dep(y, y->n - 1, key, val, block.n == 20)) != 0)
				return rc;
		}
	}
	return CRK_OK;
}

/* ------------------------------------------------------------------ berry */

static int ystr(const struct crk_yaml *map, const char *key, struct str *out)
{
	size_t n;
	const char *s = crk_npm__yscalar(crk_npm__ymap_get(map, key), &n);
	if (!s)
		return 0;
	out->s = s;
	out->n = n;
	return 1;
}

static int over_budget(struct yarn *y, const struct crk_yaml *at)
{
	return crk_err_set(y->err, CRK_ELIMIT, y->ctx->path, at->line, at->col,
			   "YAML aliases repeat more dependencies than the file holds");
}

/* dependenciesMeta: {name: {optional: true}} -> the names, in `m` */
static int meta_optional(struct yarn *y, const struct crk_yaml *meta, struct crk_map *m,
			 size_t *budget)
{
	size_t i;
	if (!crk_npm__yis_map(meta))
		return CRK_OK;
	for (i = 0; i < meta->nc; i += 2) {
		size_t kn;
		const char *ks = crk_npm__yscalar(meta->c[i], &kn);
		struct str o;
		if (!(*budget)--)
			return over_budget(y, meta);
		if (ks && ystr(meta->c[i + 1], "optional", &o) && o.n == 4 &&
		    memcmp(o.s, "true", 4) == 0 && crk_map_put(m, ks, kn, (void *)1))
			return oom(y);
	}
	return CRK_OK;
}

static int parse_berry(struct yarn *y, const struct crk_yaml *root)
{
	size_t budget = y->ctx->len + 1024; /* dependency items: aliases must not multiply them */
	size_t pi;
	int rc;

	for (pi = 0; pi < root->nc; pi += 2) {
		const struct crk_yaml *k = root->c[pi], *v = root->c[pi + 1], *deps, *meta;
		const char *ks;
		size_t kn, i = 0, idx;
		struct entry *e;
		struct str res, name, ref, link;

		if (!(ks = crk_npm__yscalar(k, &kn)) ||
		    (kn == 10 && memcmp(ks, "__metadata", 10) == 0))
			continue;
		if (!crk_npm__yis_map(v))
			return crk_err_set(y->err, CRK_EPARSE, y->ctx->path, k->line, k->col,
					   "entry '%.*s' is not a mapping", (int)(kn > 80 ? 80 : kn), ks);
		if ((rc = new_entry(y, k->line, &e)) != 0)
			return rc;
		idx = y->n - 1;
		/* descriptors: "a@npm:^1, a@npm:^1.1" */
		while (i < kn) {
			size_t st;
			struct str d;
			while (i < kn && (ks[i] == ' ' || ks[i] == ','))
				i++;
			st = i;
			while (i < kn && ks[i] != ',')
				i++;
			d.s = ks + st;
			d.n = i - st;
			while (d.n && d.s[d.n - 1] == ' ')
				d.n--;
			if (!y->e[idx].desc0.n)
				y->e[idx].desc0 = d;
			if ((rc = add_desc(y, d, idx)) != 0)
				return rc;
		}
		e = &y->e[idx];
		ystr(v, "version", &e->version);
		ystr(v, "checksum", &e->checksum);
		if (ystr(v, "linkType", &link) && link.n == 4 && memcmp(link.s, "soft", 4) == 0)
			e->soft = 1;
		if (!ystr(v, "resolution", &res))
			res = e->desc0;
		if (split_desc(res, &name, &ref) == 0) {
			e->name = name;
			if (ref.n >= 4 && memcmp(ref.s, "npm:", 4) == 0) {
				/* a registry package */
			} else if (ref.n >= 10 && memcmp(ref.s, "workspace:", 10) == 0) {
				e->local = 1;
				if (ref.n == 11 && ref.s[10] == '.')
					e->project = 1;
			} else if ((ref.n >= 5 && (memcmp(ref.s, "file:", 5) == 0 ||
						   memcmp(ref.s, "link:", 5) == 0 ||
						   memcmp(ref.s, "exec:", 5) == 0)) ||
				   (ref.n >= 7 && memcmp(ref.s, "portal:", 7) == 0)) {
				e->local = 1;
			} else if (!(ref.n >= 6 && memcmp(ref.s, "patch:", 6) == 0)) {
				e->resolved = ref; /* git or http */
			}
		} else {
			e->name = res;
		}
		deps = crk_npm__ymap_get(v, "dependencies");
		meta = crk_npm__ymap_get(v, "dependenciesMeta");
		if (crk_npm__yis_map(deps)) {
			struct crk_map opt = CRK_MAP_INIT;
			rc = meta_optional(y, meta, &opt, &budget);
			for (i = 0; !rc && i < deps->nc; i += 2) {
				struct str dn, dr;
				if (!budget--) {
					rc = over_budget(y, deps);
					break;
				}
				dn.s = crk_npm__yscalar(deps->c[i], &dn.n);
				dr.s = crk_npm__yscalar(deps->c[i + 1], &dr.n);
				if (dn.s && dr.s)
					rc = add_dep(y, idx, dn, dr, crk_map_get(&opt, dn.s, dn.n) != NULL);
			}
			crk_map_release(&opt);
			if (rc)
				return rc;
		}
	}
	return CRK_OK;
}

/* ------------------------------------------------------------------ components */

static int add_entry(struct yarn *y, struct entry *e, enum crk_scope scope)
{
	struct crk_detect_ctx *ctx = y->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	struct crk_kv prop;
	struct crk_pkg pkg;
	size_t nh = 0;

	crk_detect_pkg_init(ctx, &pkg, "npm", "npm");
	pkg.line = e->line;
	pkg.scope = scope;
	if (!e->name.n)
		return CRK_OK;
	if (crk_npm__set_name(a, &pkg, e->name.s, e->name.n))
		return oom(y);
	if (e->version.n && !(pkg.version = crk_arena_strndup(a, e->version.s, e->version.n)))
		return oom(y);
	if (e->local || e->soft)
		pkg.flags |= CRK_PKG_LOCAL;
	if (e->resolved.n) {
		struct crk_npm_source src;
		const char *hash = memchr(e->resolved.s, '#', e->resolved.n);
		if (crk_npm__source(a, e->resolved.s, e->resolved.n, &src))
			return oom(y);
		if (src.git) {
			pkg.flags |= CRK_PKG_GIT;
			pkg.vcs_url = src.vcs_url;
			pkg.download_url = src.url;
			if (src.commit &&
			    !(pkg.vcs_commit = crk_arena_strndup(a, src.commit, src.commit_len)))
				return oom(y);
		} else if (src.url) {
			size_t un = e->resolved.n;
			if (hash && !y->berry) { /* registry tarball "#<sha1>" */
				un = (size_t)(hash - e->resolved.s);
				if (crk_npm__hex_hash(a, "SHA-1", hash + 1,
						      e->resolved.n - un - 1, hashes, &nh,
						      CRK_NPM_MAX_HASHES))
					return oom(y);
			}
			if (!(pkg.download_url = crk_npm__clean_url(a, e->resolved.s, un)))
				return oom(y);
			if (y->berry)
				pkg.flags |= CRK_PKG_URL;
		} else if (e->resolved.n >= 5 && memcmp(e->resolved.s, "file:", 5) == 0) {
			pkg.flags |= CRK_PKG_LOCAL;
		}
	}
	if (e->integrity.n &&
	    crk_npm__sri(a, e->integrity.s, e->integrity.n, hashes, &nh, CRK_NPM_MAX_HASHES))
		return oom(y);
	if (nh > 1 && strcmp(hashes[0].alg, "SHA-1") == 0) { /* SRI first, the fragment after */
		struct crk_hash t = hashes[0];
		memmove(hashes, hashes + 1, (nh - 1) * sizeof(*hashes));
		hashes[nh - 1] = t;
	}
	pkg.hashes = hashes;
	pkg.nhashes = nh;
	if (e->checksum.n) {
		prop.key = "yarn.checksum";
		if (!(prop.value = crk_arena_strndup(a, e->checksum.s, e->checksum.n)))
			return oom(y);
		pkg.props = &prop;
		pkg.nprops = 1;
	}
	return crk_detect_add(ctx, &pkg, &e->id, y->err);
}

static int manifest_dep(void *ud, const char *name, size_t nlen, const char *range, size_t rlen,
			enum crk_scope scope)
{
	struct yarn *y = ud;
	struct str n = {name, nlen}, r = {range, rlen};
	size_t idx;
	if (y->berry) { /* remember the scope by name; the project entry lists the descriptors */
		char *k = crk_arena_strndup(y->ctx->arena, name, nlen);
		void *old = NULL;
		if (!k || crk_map_put_new(&y->manifest, k, nlen, (void *)(uintptr_t)(scope + 1), &old))
			return -1;
		if (old && (uintptr_t)old > (uintptr_t)scope + 1 &&
		    crk_map_put(&y->manifest, k, nlen, (void *)(uintptr_t)(scope + 1)))
			return -1;
		return 0;
	}
	idx = lookup(y, n, r);
	if (idx != NO_ID && crk_npm__root_push(&y->roots, &y->nroots, &y->rootalloc, idx, scope))
		return -1;
	return 0;
}

static int finish(struct yarn *y)
{
	unsigned char *scope = NULL, *has_parent = NULL;
	size_t i;
	int rc = CRK_OK, found = 0;

	/* edges between entries, and the project's own dependencies */
	for (i = 0; i < y->ndeps; i++) {
		struct dep *d = &y->deps[i];
		size_t to = lookup(y, d->name, d->range);
		if (to == NO_ID || to == d->from)
			continue;
		if (y->e[d->from].project) {
			enum crk_scope sc = d->optional ? CRK_SCOPE_OPTIONAL : CRK_SCOPE_REQUIRED;
			void *m = crk_map_get(&y->manifest, d->name.s, d->name.n);
			if (m)
				sc = (enum crk_scope)((uintptr_t)m - 1);
			if (crk_npm__root_push(&y->roots, &y->nroots, &y->rootalloc, to, sc))
				return oom(y);
		} else if (crk_npm__edge_push(&y->edges, &y->nedges, &y->edgealloc, d->from, to,
					      d->optional ? CRK_SCOPE_OPTIONAL : CRK_SCOPE_REQUIRED)) {
			return oom(y);
		}
	}
	if (!y->berry) {
		rc = crk_npm__manifest_deps(y->ctx, &found, manifest_dep, y);
		if (rc)
			return rc < 0 ? oom(y) : rc;
	}
	scope = crk_calloc(y->n ? y->n : 1, 1);
	has_parent = crk_calloc(y->n ? y->n : 1, 1);
	if (!scope || !has_parent) {
		rc = oom(y);
		goto out;
	}
	for (i = 0; i < y->nedges; i++)
		has_parent[y->edges[i].to] = 1;
	for (i = 0; i < y->n; i++) {
		/* berry workspaces are part of the project; a v1 file without package.json: the
		 * entries nobody depends on */
		int ws = y->e[i].local && y->berry && !y->e[i].project && y->e[i].desc0.n &&
			 memmem(y->e[i].desc0.s, y->e[i].desc0.n, "@workspace:", 11);
		if ((ws || (!y->berry && !found && !has_parent[i])) &&
		    crk_npm__root_push(&y->roots, &y->nroots, &y->rootalloc, i,
				       CRK_SCOPE_REQUIRED)) {
			rc = oom(y);
			goto out;
		}
	}
	if (crk_npm__scopes(y->n, y->edges, y->nedges, y->roots, y->nroots, scope)) {
		rc = oom(y);
		goto out;
	}
	for (i = 0; i < y->n; i++) {
		if (y->e[i].project)
			continue;
		if ((rc = add_entry(y, &y->e[i], (enum crk_scope)scope[i])) != 0)
			goto out;
	}
	for (i = 0; i < y->nedges; i++) {
		size_t f = y->e[y->edges[i].from].id, t = y->e[y->edges[i].to].id;
		if (f != NO_ID && t != NO_ID && crk_bom_add_dep(y->ctx->bom, f, t) == CRK_ENOMEM) {
			rc = oom(y);
			goto out;
		}
	}
	for (i = 0; i < y->nroots; i++) {
		size_t t = y->e[y->roots[i].node].id;
		if (t != NO_ID && crk_bom_add_dep(y->ctx->bom, CRK_BOM_ROOT, t) == CRK_ENOMEM) {
			rc = oom(y);
			goto out;
		}
	}
out:
	crk_free(scope);
	crk_free(has_parent);
	return rc;
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct yarn y;
	struct crk_yaml *root = NULL;
	int rc;

	memset(&y, 0, sizeof(y));
	y.ctx = ctx;
	y.err = err;
	crk_map_init(&y.descs);
	crk_map_init(&y.manifest);
	crk_strbuf_init(&y.sb, CRK_MAX_LINE);
	y.berry = (ctx->len >= 11 && memcmp(ctx->buf, "__metadata:", 11) == 0) ||
		  memmem(ctx->buf, ctx->len, "\n__metadata:", 12) != NULL;
	if (y.berry) {
		int found;
		rc = crk_npm__yaml_load(ctx, &root, err);
		if (rc)
			goto out;
		if (root && (rc = parse_berry(&y, root)) != 0)
			goto out;
		rc = crk_npm__manifest_deps(ctx, &found, manifest_dep, &y);
		if (rc) {
			rc = rc < 0 ? oom(&y) : rc;
			goto out;
		}
	} else if ((rc = parse_v1(&y)) != 0) {
		goto out;
	}
	rc = finish(&y);
out:
	crk_strbuf_release(&y.sb);
	crk_map_release(&y.descs);
	crk_map_release(&y.manifest);
	crk_free(y.e);
	crk_free(y.deps);
	crk_free(y.edges);
	crk_free(y.roots);
	return rc;
}

static int match(const char *relpath, size_t rellen, const char *name)
{
	if (strcmp(name, "yarn.lock") != 0)
		return 0;
	return !(rellen >= 13 && memcmp(relpath, "node_modules/", 13) == 0) &&
	       !memmem(relpath, rellen, "/node_modules/", 14);
}

static const char *const names[] = {"yarn.lock", NULL};

const struct crk_detector crk_detector_yarn = {
	.name = "npm/yarn-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "npm",
	.names = names,
	.match = match,
	.parse = parse,
	.doc = "yarn.lock (yarn v1 and yarn berry v2+)",
};
