/*
 * gemfile.c - Ruby gems: Gemfile.lock / gems.locked, the lock file of Bundler (detector
 * rubygems/gemfile-lock), and the specification files RubyGems writes for each installed gem,
 * specifications/<name>-<version>.gemspec (detector rubygems/installed-gemspec).
 *
 * Gemfile.lock (https://bundler.io/guides/bundler_lockfile.html; reader: bundler
 * lib/bundler/lockfile_parser.rb). Line-oriented; sections start at column 0, their content is
 * indented by two spaces, specs by four, a spec's dependencies by six:
 *
 *   GIT                                          (one section per git source)
 *     remote: https://github.com/hanami/controller.git
 *     revision: 027dbe2e56397b534e859fc283990cad1b6addd6
 *     branch: main                               (or tag:, ref:; glob:, submodules:)
 *     specs:
 *       hanami-controller (2.0.0.alpha1)
 *         rack (~> 2.0)                          (a dependency: name and requirement)
 *   PATH                                         (a local directory; "remote: ." is the
 *     remote: vendor/gems/x                       project's own gemspec)
 *     specs:
 *       x (1.0.0)
 *   GEM                                          (a gem server)
 *     remote: https://rubygems.org/
 *     specs:
 *       nokogiri (1.13.3-x86_64-linux)           (version-platform for a platform gem)
 *         racc (~> 1.4)
 *   PLATFORMS
 *     x86_64-linux
 *   DEPENDENCIES                                 (what the Gemfile asks for; "!" when it is
 *     hanami-controller!                          pinned to a GIT or PATH source)
 *     rack (~> 2.2)
 *   CHECKSUMS                                    (Bundler 2.5 and later)
 *     nokogiri (1.13.3-x86_64-linux) sha256=<hex>
 *   RUBY VERSION
 *      ruby 3.0.2p107
 *   BUNDLED WITH
 *      2.2.28
 *
 * What is reported:
 *   - every spec of every GEM, GIT and PATH section as a RubyGems component, at the line of its
 *     spec; the version is the part before the first '-' (Bundler's rule: gem versions have no
 *     '-'), the rest is the platform, kept as the purl qualifier "platform";
 *   - GEM: a single remote other than rubygems.org is the purl qualifier repository_url;
 *     GIT: CRK_PKG_GIT, vcs_url = remote, vcs_commit = revision; PATH: CRK_PKG_LOCAL, except
 *     "remote: ." whose specs are the project itself (its gemspec): not components, their
 *     dependencies are the product's direct dependencies;
 *   - CHECKSUMS sha256 values as SHA-256 hashes of the matching spec;
 *   - edges from each spec to every spec of each dependency's name (all its platforms), and
 *     from the product (root edges) to the DEPENDENCIES; Gemfile groups are not in the lock
 *     file, so every gem is required;
 *   - a spec without a version ("name" alone) is a warning and skipped (as osv-scalibr).
 *
 * Errors (CRK_EPARSE): a line at column 0 that is not a section header (capital letters and
 * spaces: garbage, merge-conflict markers, another format), an indented line before the first
 * section, NUL bytes, a line longer than CRK_MAX_LINE. An empty file has no gems. Sections
 * Bundler does not know are skipped, as Bundler does.
 *
 * Installed gemspecs: these are Ruby code, so only the form RubyGems generates
 * (Gem::Specification#to_ruby) is read, line by line, never evaluated: a line
 * `Gem::Specification.new do |s|`, then `  s.name = "rake".freeze`, `  s.version = "13.0.6"`,
 * optional `  s.platform = "x86_64-linux".freeze`, `  s.licenses = ["MIT".freeze]` and
 * `  s.summary = "...".freeze`, each a string literal without escapes (optionally .freeze) and
 * nothing else on the line. The gem is reported with its platform qualifier, the licenses as
 * declared (joined with OR; the writers normalise them) and the summary as description. A file without
 * that form (hand-written Ruby) is CRK_EPARSE "not a generated gemspec". Files are taken from a
 * folder named specifications (and its default/ subfolder, Ruby's default gems).
 */
#include <stddef.h>
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

enum sec { S_NONE, S_GEM, S_GIT, S_PATH, S_PLATFORMS, S_DEPS, S_CHECKSUMS, S_OTHER };

struct source {
	enum sec kind;
	const char *remote, *revision;
	size_t nremotes;
};

struct spec {
	const char *name, *version, *platform; /* arena */
	unsigned line;
	size_t src;             /* index into sources */
	size_t dep0, ndeps;     /* range of deps[] */
	size_t next;            /* next spec of the same name, or (size_t)-1 */
	size_t id;              /* component, or CRK_BOM_NONE */
	int self;               /* PATH "remote: ." */
};

struct lock {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct source *src;
	size_t nsrc, srcalloc;
	struct spec *spec;
	size_t nspec, specalloc;
	const char **deps; /* dependency names of specs, in order */
	size_t ndeps, depsalloc;
	const char **roots; /* DEPENDENCIES names */
	size_t nroots, rootsalloc;
	struct crk_map first; /* name -> first spec index + 1 */
	struct crk_map sums;  /* "name (version[-platform])" -> sha256 hex */
};

#define NO_SPEC ((size_t)-1)

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static size_t indent_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

static char *dup(struct lock *l, const char *s, size_t n)
{
	return crk_arena_strndup(l->ctx->arena, s, n);
}

/* "name", "name (x)", "name (x)!" or "name!" -> name and the text in parentheses. */
static void split_entry(const char *s, size_t n, const char **name, size_t *nn,
			const char **paren, size_t *pn)
{
	size_t i;
	if (n && s[n - 1] == '!')
		n--;
	*paren = NULL;
	*pn = 0;
	for (i = 0; i < n && s[i] != ' '; i++)
		;
	*name = s;
	*nn = i;
	if (i + 2 < n && s[i] == ' ' && s[i + 1] == '(' && s[n - 1] == ')') {
		*paren = s + i + 2;
		*pn = n - i - 3;
	}
}

static int section_of(const char *s, size_t n, enum sec *out)
{
	static const struct {
		const char *name;
		enum sec kind;
	} known[] = {{"GEM", S_GEM},	       {"GIT", S_GIT},
		     {"PATH", S_PATH},	       {"PLATFORMS", S_PLATFORMS},
		     {"DEPENDENCIES", S_DEPS}, {"CHECKSUMS", S_CHECKSUMS}};
	size_t i;
	if (!n || s[0] < 'A' || s[0] > 'Z')
		return -1;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '_'))
			return -1;
	*out = S_OTHER; /* RUBY VERSION, BUNDLED WITH, PLUGIN SOURCE, later additions */
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (crk_bytes_eq(s, n, known[i].name))
			*out = known[i].kind;
	return 0;
}

static int add_spec(struct lock *l, const char *s, size_t n, unsigned line)
{
	const char *name, *v, *dash;
	size_t nn, vn;
	struct spec *sp;
	split_entry(s, n, &name, &nn, &v, &vn);
	if (!v || !vn || !nn) {
		if (l->ctx->diags)
			crk_diags_addf(l->ctx->diags, CRK_EPARSE, l->ctx->path, line, 5,
				       "spec '%.*s' has no version; skipped",
				       (int)(n > 200 ? 200 : n), s);
		/* its dependency lines still follow: attach them to nothing */
		if (CRK_GROW(l->spec, l->specalloc, l->nspec + 1))
			return -1;
		sp = &l->spec[l->nspec++];
		memset(sp, 0, sizeof(*sp));
		sp->src = NO_SPEC; /* a placeholder: never added */
		sp->dep0 = l->ndeps;
		return 0;
	}
	if (CRK_GROW(l->spec, l->specalloc, l->nspec + 1))
		return -1;
	sp = &l->spec[l->nspec++];
	memset(sp, 0, sizeof(*sp));
	dash = memchr(v, '-', vn);
	sp->name = dup(l, name, nn);
	sp->version = dup(l, v, dash ? (size_t)(dash - v) : vn);
	sp->platform = dash && dash + 1 < v + vn ? dup(l, dash + 1, (size_t)(v + vn - dash - 1))
						 : NULL;
	if (!sp->name || !sp->version || (dash && dash + 1 < v + vn && !sp->platform))
		return -1;
	sp->line = line;
	sp->src = l->nsrc - 1;
	sp->dep0 = l->ndeps;
	sp->id = CRK_BOM_NONE;
	sp->self = l->src[sp->src].kind == S_PATH && l->src[sp->src].remote &&
		   strcmp(l->src[sp->src].remote, ".") == 0;
	return 0;
}

/* Appends the name of an entry line to *v: 1 added, 0 no name, -1 ENOMEM. */
static int add_name(struct lock *l, const char ***v, size_t *nv, size_t *alloc, const char *s,
		    size_t n)
{
	const char *name, *paren;
	size_t nn, pn;
	char *d;
	split_entry(s, n, &name, &nn, &paren, &pn);
	if (!nn)
		return 0;
	if (!(d = dup(l, name, nn)) || CRK_GROW(*v, *alloc, *nv + 1))
		return -1;
	(*v)[(*nv)++] = d;
	return 1;
}

/* "  name (version[-platform]) sha256=<hex>[,other=...]" */
static int add_checksum(struct lock *l, const char *s, size_t n)
{
	const char *close = memchr(s, ')', n), *h;
	size_t rest, hn;
	char *key, *hex;
	if (!close)
		return 0;
	h = close + 1;
	rest = (size_t)(s + n - h);
	while (rest && *h == ' ') {
		h++;
		rest--;
	}
	if (rest < 7 || memcmp(h, "sha256=", 7) != 0)
		return 0;
	h += 7;
	rest -= 7;
	for (hn = 0; hn < rest && h[hn] != ',' && h[hn] != ' '; hn++)
		;
	key = dup(l, s, (size_t)(close + 1 - s));
	hex = dup(l, h, hn);
	if (!key || !hex || crk_map_put(&l->sums, key, (size_t)(close + 1 - s), hex))
		return -1;
	return 0;
}

static int read_lines(struct lock *l)
{
	struct crk_detect_ctx *ctx = l->ctx;
	struct crk_line_iter it;
	const char *line;
	size_t n;
	enum sec cur = S_NONE;
	int in_specs = 0, have_spec = 0;

	if (memchr(ctx->buf, '\0', ctx->len))
		return crk_detect_error_at(ctx, (size_t)((const char *)memchr(ctx->buf, '\0',
									      ctx->len) -
							     ctx->buf),
					   l->err, "NUL byte: not a Gemfile.lock");
	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (crk_line_iter_next(&it, &line, &n)) {
		size_t ind, m;
		const char *s;
		if (n > CRK_MAX_LINE)
			return crk_err_set(l->err, CRK_ELIMIT, ctx->path, it.lineno, 1,
					   "line longer than %zu bytes", CRK_MAX_LINE);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\r' || line[n - 1] == '\t'))
			n--;
		if (!n)
			continue;
		ind = indent_of(line, n);
		s = line + ind;
		m = n - ind;
		if (ind == 0) {
			if (section_of(line, n, &cur))
				return crk_err_set(l->err, CRK_EPARSE, ctx->path, it.lineno, 1,
						   "'%.*s' is not a section header of a "
						   "Gemfile.lock",
						   (int)(n > 60 ? 60 : n), line);
			in_specs = have_spec = 0;
			if (cur == S_GEM || cur == S_GIT || cur == S_PATH) {
				if (CRK_GROW(l->src, l->srcalloc, l->nsrc + 1))
					return oom(ctx, l->err);
				memset(&l->src[l->nsrc], 0, sizeof(l->src[0]));
				l->src[l->nsrc++].kind = cur;
			}
			continue;
		}
		if (cur == S_NONE)
			return crk_err_set(l->err, CRK_EPARSE, ctx->path, it.lineno, 1,
					   "indented line before any section");
		if (cur == S_GEM || cur == S_GIT || cur == S_PATH) {
			struct source *src = &l->src[l->nsrc - 1];
			if (ind == 2) {
				in_specs = crk_bytes_eq(s, m, "specs:");
				have_spec = 0;
				if (m > 8 && memcmp(s, "remote: ", 8) == 0) {
					if (!src->remote && !(src->remote = dup(l, s + 8, m - 8)))
						return oom(ctx, l->err);
					src->nremotes++;
				} else if (m > 10 && memcmp(s, "revision: ", 10) == 0) {
					if (!(src->revision = dup(l, s + 10, m - 10)))
						return oom(ctx, l->err);
				}
			} else if (ind == 4 && in_specs) {
				if (add_spec(l, s, m, it.lineno))
					return oom(ctx, l->err);
				have_spec = 1;
			} else if (ind == 6 && have_spec) {
				int added = add_name(l, &l->deps, &l->ndeps, &l->depsalloc, s, m);
				if (added < 0)
					return oom(ctx, l->err);
				l->spec[l->nspec - 1].ndeps += (size_t)added;
			}
		} else if (cur == S_DEPS && ind == 2) {
			if (add_name(l, &l->roots, &l->nroots, &l->rootsalloc, s, m) < 0)
				return oom(ctx, l->err);
		} else if (cur == S_CHECKSUMS && ind == 2) {
			if (add_checksum(l, s, m))
				return oom(ctx, l->err);
		}
	}
	return CRK_OK;
}

static int is_rubygems_org(const char *r)
{
	return strcmp(r, "https://rubygems.org/") == 0 || strcmp(r, "https://rubygems.org") == 0 ||
	       strcmp(r, "http://rubygems.org/") == 0;
}

static int add_component(struct lock *l, struct spec *sp)
{
	struct crk_detect_ctx *ctx = l->ctx;
	const struct source *src = &l->src[sp->src];
	struct crk_kv qual[2];
	struct crk_hash hash[1];
	struct crk_pkg pkg;
	size_t nq = 0, nh = 0;
	const char *sum, *key;

	crk_detect_pkg_init(ctx, &pkg, "gem", "RubyGems");
	pkg.name = sp->name;
	pkg.version = sp->version;
	pkg.line = sp->line;
	if (sp->platform && strcmp(sp->platform, "ruby") != 0) {
		qual[nq].key = "platform";
		qual[nq++].value = sp->platform;
	}
	if (src->kind == S_GEM && src->nremotes == 1 && !is_rubygems_org(src->remote)) {
		qual[nq].key = "repository_url";
		qual[nq++].value = src->remote;
	} else if (src->kind == S_GIT) {
		pkg.flags |= CRK_PKG_GIT;
		if (src->remote &&
		    !(pkg.vcs_url = crk_npm__clean_url(ctx->arena, src->remote,
						       strlen(src->remote))))
			return oom(ctx, l->err);
		pkg.vcs_commit = src->revision;
	} else if (src->kind == S_PATH) {
		pkg.flags |= CRK_PKG_LOCAL;
	}
	pkg.qualifiers = nq ? qual : NULL;
	pkg.nqualifiers = nq;
	key = sp->platform ? crk_arena_printf(ctx->arena, "%s (%s-%s)", sp->name, sp->version,
					      sp->platform)
			   : crk_arena_printf(ctx->arena, "%s (%s)", sp->name, sp->version);
	if (!key)
		return oom(ctx, l->err);
	sum = crk_map_get(&l->sums, key, strlen(key));
	if (sum && crk_npm__hex_hash(ctx->arena, "SHA-256", sum, strlen(sum), hash, &nh, 1))
		return oom(ctx, l->err);
	pkg.hashes = nh ? hash : NULL;
	pkg.nhashes = nh;
	return crk_detect_add(ctx, &pkg, &sp->id, l->err);
}

static int edge(struct lock *l, size_t from, size_t to)
{
	if (to == CRK_BOM_NONE)
		return CRK_OK;
	return crk_bom_add_dep(l->ctx->bom, from, to) == CRK_ENOMEM ? oom(l->ctx, l->err)
								    : CRK_OK;
}

/* Edges from `from` to every spec named `name` (a project's own spec: to its dependencies). */
static int edges_to(struct lock *l, size_t from, const char *name, int depth)
{
	size_t i = (size_t)(uintptr_t)crk_map_get(&l->first, name, strlen(name)), k;
	int rc;
	for (i = i ? i - 1 : NO_SPEC; i != NO_SPEC; i = l->spec[i].next) {
		const struct spec *sp = &l->spec[i];
		if (!sp->self) {
			if ((rc = edge(l, from, sp->id)) != 0)
				return rc;
			continue;
		}
		if (from != CRK_BOM_ROOT || depth)
			continue; /* the project itself is nobody's dependency */
		for (k = 0; k < sp->ndeps; k++)
			if ((rc = edges_to(l, CRK_BOM_ROOT, l->deps[sp->dep0 + k], 1)) != 0)
				return rc;
	}
	return CRK_OK;
}

static int gemfile_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct lock l;
	size_t i, k;
	int rc;

	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.err = err;
	crk_map_init(&l.first);
	crk_map_init(&l.sums);
	rc = read_lines(&l);
	/* a name's specs, chained in file order */
	for (i = l.nspec; !rc && i-- > 0;) {
		struct spec *sp = &l.spec[i];
		uintptr_t prev;
		if (sp->src == NO_SPEC)
			continue;
		prev = (uintptr_t)crk_map_get(&l.first, sp->name, strlen(sp->name));
		sp->next = prev ? (size_t)prev - 1 : NO_SPEC;
		if (crk_map_put(&l.first, sp->name, strlen(sp->name), (void *)(uintptr_t)(i + 1)))
			rc = oom(ctx, err);
	}
	for (i = 0; !rc && i < l.nspec; i++)
		if (l.spec[i].src != NO_SPEC && !l.spec[i].self)
			rc = add_component(&l, &l.spec[i]);
	for (i = 0; !rc && i < l.nspec; i++) {
		const struct spec *sp = &l.spec[i];
		if (sp->src == NO_SPEC || sp->self || sp->id == CRK_BOM_NONE)
			continue;
		for (k = 0; !rc && k < sp->ndeps; k++)
			rc = edges_to(&l, sp->id, l.deps[sp->dep0 + k], 0);
	}
	for (i = 0; !rc && i < l.nroots; i++)
		rc = edges_to(&l, CRK_BOM_ROOT, l.roots[i], 0);
	crk_map_release(&l.first);
	crk_map_release(&l.sums);
	crk_free(l.src);
	crk_free(l.spec);
	crk_free(l.deps);
	crk_free(l.roots);
	return rc;
}

static const char *const gemfile_names[] = {"Gemfile.lock", "gems.locked", NULL};

const struct crk_detector crk_detector_gemfile = {
	.name = "rubygems/gemfile-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "RubyGems",
	.names = gemfile_names,
	.parse = gemfile_parse,
	.doc = "Gemfile.lock, gems.locked (Bundler)",
};

/* ---------------------------------------------------------------- installed gemspecs */

/* `  s.<field> = "<text>"[.freeze]` -> text (into the buffer), or NULL. */
static const char *gs_string(const char *s, size_t n, const char *field, size_t *len)
{
	size_t fl = strlen(field), i;
	const char *v;
	if (n < 4 || memcmp(s, "  s.", 4) != 0 || n < 4 + fl + 4 || memcmp(s + 4, field, fl) != 0 ||
	    memcmp(s + 4 + fl, " = \"", 4) != 0)
		return NULL;
	v = s + 4 + fl + 4;
	n -= 4 + fl + 4;
	for (i = 0; i < n && v[i] != '"'; i++)
		if (v[i] == '\\' || (v[i] == '#' && i + 1 < n && v[i + 1] == '{'))
			return NULL;
	if (i == n || !(i + 1 == n || crk_bytes_eq(v + i + 1, n - i - 1, ".freeze")))
		return NULL;
	*len = i;
	return v;
}

/* `  s.licenses = ["MIT".freeze, "Ruby".freeze]` -> "MIT OR Ruby", as declared (the writers
 * normalise it to SPDX). */
static const char *gs_licenses(struct crk_arena *a, const char *s, size_t n, int *nomem)
{
	static const char pfx[] = "  s.licenses = [";
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *r = NULL, *p = s + sizeof(pfx) - 1, *e = s + n;
	size_t count = 0;
	if (n < sizeof(pfx) || memcmp(s, pfx, sizeof(pfx) - 1) != 0 || s[n - 1] != ']')
		return NULL;
	e--;
	while (p < e) {
		const char *q;
		if (*p != '"')
			goto out;
		q = memchr(p + 1, '"', (size_t)(e - p - 1));
		/* as declared, SPDX or not: the writers normalise it (never dropped) */
		if (!q || memchr(p + 1, '\\', (size_t)(q - p - 1)) || q == p + 1)
			goto out;
		if (count++)
			crk_strbuf_adds(&sb, " OR ");
		crk_strbuf_add(&sb, p + 1, (size_t)(q - p - 1));
		p = q + 1;
		if (e - p >= 7 && memcmp(p, ".freeze", 7) == 0)
			p += 7;
		if (p < e && *p == ',')
			p++;
		while (p < e && *p == ' ')
			p++;
	}
	if (count && !(crk_strbuf_ok(&sb) && (r = crk_arena_strndup(a, sb.buf, sb.len))))
		*nomem = 1;
out:
	crk_strbuf_release(&sb);
	return r;
}

static int gemspec_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	struct crk_line_iter it;
	struct crk_pkg pkg;
	struct crk_kv qual;
	const char *line, *v;
	size_t n, vn, id;
	unsigned name_line = 0;
	int in_spec = 0, nomem = 0;
	char *name = NULL, *version = NULL, *platform = NULL, *summary = NULL;
	const char *license = NULL;

	crk_line_iter_init(&it, ctx->buf, ctx->len);
	while (crk_line_iter_next(&it, &line, &n)) {
		if (n > CRK_MAX_LINE)
			return crk_err_set(err, CRK_ELIMIT, ctx->path, it.lineno, 1,
					   "line longer than %zu bytes", CRK_MAX_LINE);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
			n--;
		if (!in_spec) {
			in_spec = crk_bytes_eq(line, n, "Gem::Specification.new do |s|");
			continue;
		}
		if (crk_bytes_eq(line, n, "end"))
			break;
		if (!name && (v = gs_string(line, n, "name", &vn)) != NULL) {
			name = crk_arena_strndup(a, v, vn);
			name_line = it.lineno;
			nomem |= !name;
		} else if (!version && (v = gs_string(line, n, "version", &vn)) != NULL) {
			nomem |= !(version = crk_arena_strndup(a, v, vn));
		} else if (!platform && (v = gs_string(line, n, "platform", &vn)) != NULL) {
			nomem |= !(platform = crk_arena_strndup(a, v, vn));
		} else if (!summary && (v = gs_string(line, n, "summary", &vn)) != NULL) {
			nomem |= !(summary = crk_arena_strndup(a, v, vn));
		} else if (!license) {
			license = gs_licenses(a, line, n, &nomem);
		}
		if (nomem)
			return oom(ctx, err);
	}
	if (!name || !*name || !version || !*version)
		return crk_err_set(err, CRK_EPARSE, ctx->path, in_spec ? name_line : 1, 1,
				   "not a generated gemspec: %s",
				   !in_spec ? "no 'Gem::Specification.new do |s|' line"
				   : !name || !*name ? "no 's.name = \"...\"' line"
						     : "no 's.version = \"...\"' line");
	crk_detect_pkg_init(ctx, &pkg, "gem", "RubyGems");
	pkg.name = name;
	pkg.version = version;
	pkg.line = name_line;
	pkg.license = license;
	pkg.description = summary;
	if (platform && *platform && strcmp(platform, "ruby") != 0) {
		qual.key = "platform";
		qual.value = platform;
		pkg.qualifiers = &qual;
		pkg.nqualifiers = 1;
	}
	return crk_detect_add(ctx, &pkg, &id, err);
}

/* .../specifications/<x>.gemspec and .../specifications/default/<x>.gemspec */
static int gemspec_match(const char *relpath, size_t rellen, const char *name)
{
	static const char sfx[] = ".gemspec", dir[] = "specifications/", def[] = "default/";
	size_t nl = strlen(name), dl = sizeof(dir) - 1, pl;
	const char *parent;
	if (nl <= sizeof(sfx) - 1 || memcmp(name + nl - (sizeof(sfx) - 1), sfx, sizeof(sfx) - 1) ||
	    rellen < nl)
		return 0;
	parent = relpath + rellen - nl; /* the folder part ends here */
	pl = rellen - nl;
	if (pl >= sizeof(def) - 1 &&
	    memcmp(parent - (sizeof(def) - 1), def, sizeof(def) - 1) == 0) {
		parent -= sizeof(def) - 1;
		pl -= sizeof(def) - 1;
	}
	return pl >= dl && memcmp(parent - dl, dir, dl) == 0 &&
	       (pl == dl || parent[-(ptrdiff_t)dl - 1] == '/');
}

const struct crk_detector crk_detector_gemspec = {
	.name = "rubygems/installed-gemspec",
	.ecosystem = "RubyGems",
	.match = gemspec_match,
	.parse = gemspec_parse,
	.doc = "specifications/*.gemspec (installed gems, generated form only)",
};
