/*
 * mix.c - Hex packages of the BEAM languages: mix.lock, the lock file of Mix, Elixir's build
 * tool (detector hex/mix-lock), and rebar.lock, the lock file of rebar3, Erlang's (detector
 * hex/rebar-lock). Both are written as terms of their language, read here by a small bounded
 * term parser (maps, tuples, lists, keyword lists, atoms, strings, binaries, integers), never
 * evaluated.
 *
 * mix.lock (writer: Mix.Dep.Lock, lib/mix/lib/mix/dep/lock.ex, with Hex's Hex.SCM entries):
 *
 *   %{
 *     "decimal": {:hex, :decimal, "2.0.0", "<inner checksum>", [:mix], [], "hexpm",
 *                 "<outer checksum: SHA-256 of the package tarball>"},
 *     "ecto": {:hex, :ecto, "3.5.5", "...", [:mix],
 *              [{:decimal, "~> 1.6 or ~> 2.0", [hex: :decimal, repo: "hexpm", optional: false]}],
 *              "hexpm", "..."},
 *     "foe": {:git, "https://github.com/my-org/foe.git", "<commit>", [branch: "main"]},
 *   }
 *
 *   Keys are application names ("name": is Elixir's quoted-atom key; files of older Elixir
 *   versions write "name" => value). A :hex tuple has 3 to 8 elements as Hex grew (package
 *   name, version, inner checksum, build tools, dependencies, repository, outer checksum);
 *   a repository "hexpm:<org>" is a private organisation.
 *
 * rebar.lock (writer: rebar3 src/rebar_config.erl write_lock_file):
 *
 *   {"1.2.0",
 *    [{<<"certifi">>,{pkg,<<"certifi">>,<<"2.9.0">>},1},
 *     {<<"cowboy">>,{git,"https://github.com/ninenines/cowboy.git",{ref,"<commit>"}},0}]}.
 *   [{pkg_hash,[{<<"certifi">>,<<"<inner checksum>">>}]},
 *    {pkg_hash_ext,[{<<"certifi">>,<<"<outer checksum>">>}]}].
 *
 *   Files of rebar3 before 3.5 are the dependency list alone. The level is the depth in the
 *   dependency tree: 0 is a direct dependency.
 *
 * What is reported:
 *   - every :hex / pkg entry as a Hex component: the Hex package name (which may differ from the
 *     application name of the key), the version, the organisation of a "hexpm:<org>" repository
 *     as purl namespace, the outer checksum as a SHA-256 hash (the inner one is a digest of
 *     the contents, not of a file, and is not reported; osv-scanner and osv-scalibr report it
 *     as the "commit");
 *   - every :git / git entry as a Hex component without a version (as the peers do), with
 *     CRK_PKG_GIT, vcs_url and vcs_commit (mix.lock: the locked revision; rebar.lock: a
 *     {ref, ...}; a tag or branch becomes the property "vcs_ref");
 *   - the line of the entry's key (mix.lock) or tuple (rebar.lock);
 *   - mix.lock: an edge for each dependency of a :hex entry to the entry of that application;
 *     the lock file does not say which dependencies mix.exs names, so no root edges and no
 *     scopes. rebar.lock: level 0 entries are direct dependencies (root edges); it has no
 *     other edges.
 *   - an entry of another shape (`{:hex, }`, an unknown SCM) is a warning and skipped, as
 *     osv-scalibr skips it.
 *
 * Errors (CRK_EPARSE, at the offending byte): a term that does not parse (unterminated
 * string, a missing ',' or closing bracket, string interpolation, anything that is not a
 * literal), a top level that is not one map (mix.lock) or not terms ending with '.'
 * (rebar.lock), trailing text. Nesting deeper than CRK_MAX_DEPTH or a string longer than
 * CRK_MAX_STRING is CRK_ELIMIT. A rebar.lock version other than 1.x is CRK_EUNSUPPORTED. An
 * empty file has no packages.
 */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

enum tkind { T_ATOM, T_STR, T_INT, T_TUPLE, T_LIST, T_MAP };

struct term {
	enum tkind k;
	const char *s; /* atom, string, binary or integer text (decoded, NUL-terminated) */
	size_t n;
	struct term *child, *next; /* items; a map's are key, value, key, value, ... */
	size_t nc;
	size_t off; /* where it starts in the buffer */
};

struct tp {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	const char *b;
	size_t n, pos;
	int erlang;
	int depth;
	struct crk_lines lines; /* built once the terms are read, for the entries' lines */
	int have_lines;
};

static int fail(struct tp *p, size_t off, const char *what)
{
	return crk_detect_error_at(p->ctx, off < p->n ? off : p->n, p->err, "%s", what);
}

/* A cap of limits.h passed at byte `off`: CRK_ELIMIT with path:line:col. */
static int limit(struct tp *p, size_t off, const char *what, size_t cap)
{
	unsigned line, col;
	crk_linecol(p->ctx->buf, p->ctx->len, off, &line, &col);
	return crk_err_set(p->err, CRK_ELIMIT, p->ctx->path, line, col, "%s %zu", what, cap);
}

/* Line of byte `off`, counted (for the one error that needs it before the index exists). */
static unsigned limit_line(struct tp *p, size_t off)
{
	unsigned line, col;
	crk_linecol(p->ctx->buf, p->ctx->len, off, &line, &col);
	return line;
}

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static int is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '@';
}

static void skip_ws(struct tp *p)
{
	while (p->pos < p->n) {
		char c = p->b[p->pos];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			p->pos++;
		} else if (c == (p->erlang ? '%' : '#')) {
			while (p->pos < p->n && p->b[p->pos] != '\n')
				p->pos++;
		} else {
			break;
		}
	}
}

static struct term *node(struct tp *p, enum tkind k, size_t off)
{
	struct term *t = crk_arena_alloc(p->ctx->arena, sizeof(*t));
	if (t) {
		t->k = k;
		t->off = off;
	}
	return t;
}

/* A quoted string (or quoted atom) starting at p->pos (the quote); decodes the common escapes
 * (\n \t \r \s \e \0 and the character itself for any other). */
static int quoted(struct tp *p, char q, struct term *t)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t start = p->pos++;
	int rc = CRK_OK;
	while (p->pos < p->n && p->b[p->pos] != q) {
		char c = p->b[p->pos++];
		if (c == '\\') {
			if (p->pos >= p->n)
				break;
			c = p->b[p->pos++];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 's' ? ' '
			    : c == 'e' ? '\x1b' : c == '0' ? '\0' : c;
		} else if (c == '#' && !p->erlang && q == '"' && p->pos < p->n &&
			   p->b[p->pos] == '{') {
			rc = fail(p, p->pos - 1, "string interpolation is not a literal");
			goto out;
		}
		if (crk_strbuf_addch(&sb, c)) {
			rc = sb.len >= CRK_MAX_STRING
				     ? limit(p, start, "string longer than", CRK_MAX_STRING)
				     : oom(p->ctx, p->err);
			goto out;
		}
	}
	if (p->pos >= p->n) {
		rc = fail(p, start, q == '"' ? "unterminated string" : "unterminated quoted atom");
		goto out;
	}
	p->pos++;
	t->n = sb.len;
	if (!(t->s = crk_arena_strndup(p->ctx->arena, sb.buf, sb.len)))
		rc = oom(p->ctx, p->err);
out:
	crk_strbuf_release(&sb);
	return rc;
}

static int bare(struct tp *p, struct term *t, int (*ok)(char))
{
	size_t s = p->pos;
	while (p->pos < p->n && ok(p->b[p->pos]))
		p->pos++;
	if (p->pos < p->n && !p->erlang && (p->b[p->pos] == '?' || p->b[p->pos] == '!'))
		p->pos++;
	t->n = p->pos - s;
	t->s = crk_arena_strndup(p->ctx->arena, p->b + s, t->n);
	return t->s ? CRK_OK : oom(p->ctx, p->err);
}

static int is_digit(char c)
{
	return (c >= '0' && c <= '9') || c == '_';
}

static int value(struct tp *p, struct term **out);

/* Is there a keyword key (`name:` or `"name":` followed by white space) at p->pos? Then it is
 * read into *key and p->pos moves past the colon. */
static int keyword(struct tp *p, struct term **key, int *found)
{
	size_t s = p->pos, e;
	struct term *t;
	int rc;
	*found = 0;
	if (p->erlang || s >= p->n)
		return CRK_OK;
	if (p->b[s] == '"') {
		for (e = s + 1; e < p->n && p->b[e] != '"'; e++)
			if (p->b[e] == '\\')
				e++;
		e++;
	} else if (is_ident_start(p->b[s])) {
		for (e = s; e < p->n && is_ident(p->b[e]); e++)
			;
		if (e < p->n && (p->b[e] == '?' || p->b[e] == '!'))
			e++;
	} else {
		return CRK_OK;
	}
	if (e + 1 >= p->n || p->b[e] != ':' ||
	    !(p->b[e + 1] == ' ' || p->b[e + 1] == '\n' || p->b[e + 1] == '\t' ||
	      p->b[e + 1] == '\r'))
		return CRK_OK;
	if (!(t = node(p, T_ATOM, s)))
		return oom(p->ctx, p->err);
	rc = p->b[s] == '"' ? quoted(p, '"', t) : bare(p, t, is_ident);
	if (rc)
		return rc;
	p->pos = e + 1;
	*key = t;
	*found = 1;
	return CRK_OK;
}

static void append(struct term *coll, struct term **last, struct term *t)
{
	if (*last)
		(*last)->next = t;
	else
		coll->child = t;
	*last = t;
	coll->nc++;
}

/* Items of a tuple, list or map up to `close`; p->pos is past the opening bracket. */
static int items(struct tp *p, struct term *coll, char close)
{
	struct term *last = NULL, *t, *k;
	int rc, kw;
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->n)
			return fail(p, coll->off, "unclosed bracket");
		if (p->b[p->pos] == close) {
			p->pos++;
			return CRK_OK;
		}
		if ((rc = keyword(p, &k, &kw)) != 0)
			return rc;
		if (kw && coll->k == T_TUPLE)
			return fail(p, k->off, "keyword inside a tuple");
		if (!kw && coll->k == T_MAP) {
			if ((rc = value(p, &k)) != 0)
				return rc;
			skip_ws(p);
			if (p->n - p->pos < 2 || memcmp(p->b + p->pos, "=>", 2) != 0)
				return fail(p, p->pos, "expected '=>' after a map key");
			p->pos += 2;
			kw = 1;
		}
		skip_ws(p);
		if ((rc = value(p, &t)) != 0)
			return rc;
		if (kw && coll->k == T_LIST) { /* [key: v] is [{:key, v}] */
			struct term *pair = node(p, T_TUPLE, k->off);
			if (!pair)
				return oom(p->ctx, p->err);
			pair->child = k;
			k->next = t;
			pair->nc = 2;
			append(coll, &last, pair);
		} else {
			if (kw)
				append(coll, &last, k);
			append(coll, &last, t);
		}
		skip_ws(p);
		if (p->pos < p->n && p->b[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->n && p->b[p->pos] == close) {
			p->pos++;
			return CRK_OK;
		}
		return fail(p, p->pos < p->n ? p->pos : coll->off,
			    p->pos < p->n ? "expected ',' or a closing bracket"
					  : "unclosed bracket");
	}
}

/* <<"text">>, <<"text"/utf8>> or <<>> (Erlang binaries, as rebar writes them) */
static int binary(struct tp *p, struct term *t)
{
	int rc;
	p->pos += 2;
	skip_ws(p);
	if (p->pos < p->n && p->b[p->pos] == '"') {
		if ((rc = quoted(p, '"', t)) != 0)
			return rc;
		if (p->n - p->pos >= 5 && memcmp(p->b + p->pos, "/utf8", 5) == 0)
			p->pos += 5;
		skip_ws(p);
	} else if (!(t->s = crk_arena_strndup(p->ctx->arena, "", 0))) {
		return oom(p->ctx, p->err);
	}
	if (p->n - p->pos < 2 || memcmp(p->b + p->pos, ">>", 2) != 0)
		return fail(p, t->off, "a binary other than <<\"text\">>");
	p->pos += 2;
	return CRK_OK;
}

static int value(struct tp *p, struct term **out)
{
	size_t off = p->pos;
	char c = off < p->n ? p->b[off] : '\0';
	struct term *t;
	int rc;

	*out = NULL;
	if (off >= p->n)
		return fail(p, off, "unexpected end of file");
	if (p->depth >= CRK_MAX_DEPTH)
		return limit(p, off, "nested deeper than", CRK_MAX_DEPTH);
	if (!(t = node(p, T_ATOM, off)))
		return oom(p->ctx, p->err);
	*out = t;
	p->depth++;
	if (c == '{' || c == '[' || (!p->erlang && c == '%' && off + 1 < p->n &&
				     p->b[off + 1] == '{')) {
		t->k = c == '{' ? T_TUPLE : c == '[' ? T_LIST : T_MAP;
		p->pos += t->k == T_MAP ? 2 : 1;
		rc = items(p, t, t->k == T_LIST ? ']' : '}');
	} else if (c == '"') {
		t->k = T_STR;
		rc = quoted(p, '"', t);
	} else if (p->erlang && c == '<' && off + 1 < p->n && p->b[off + 1] == '<') {
		t->k = T_STR;
		rc = binary(p, t);
	} else if (p->erlang && c == '\'') {
		rc = quoted(p, '\'', t);
	} else if (!p->erlang && c == ':' && off + 1 < p->n &&
		   (p->b[off + 1] == '"' || is_ident_start(p->b[off + 1]) ||
		    (p->b[off + 1] >= 'A' && p->b[off + 1] <= 'Z'))) {
		p->pos++;
		rc = p->b[p->pos] == '"' ? quoted(p, '"', t) : bare(p, t, is_ident);
	} else if (is_ident_start(c) && c != '_') {
		rc = bare(p, t, is_ident);
		if (!rc && !p->erlang && strcmp(t->s, "true") && strcmp(t->s, "false") &&
		    strcmp(t->s, "nil"))
			rc = fail(p, off, "a name that is not a literal");
	} else if ((c >= '0' && c <= '9') ||
		   (c == '-' && off + 1 < p->n && p->b[off + 1] >= '0' && p->b[off + 1] <= '9')) {
		t->k = T_INT;
		p->pos += c == '-';
		rc = bare(p, t, is_digit);
	} else {
		rc = fail(p, off, "unexpected character");
	}
	p->depth--;
	return rc;
}

/* The i-th item of a tuple or list, or NULL. */
static const struct term *item(const struct term *t, size_t i)
{
	const struct term *c = t && (t->k == T_TUPLE || t->k == T_LIST) ? t->child : NULL;
	while (c && i--)
		c = c->next;
	return c;
}

static int is_atom(const struct term *t, const char *s)
{
	return t && t->k == T_ATOM && strcmp(t->s, s) == 0;
}

static const char *str_of(const struct term *t)
{
	return t && t->k == T_STR ? t->s : NULL;
}

static void warn(struct tp *p, size_t off, const char *name, const char *what)
{
	unsigned line = 0, col = 0;
	if (!p->ctx->diags)
		return;
	if (p->have_lines)
		crk_lines_pos(&p->lines, off, &line, &col);
	crk_diags_addf(p->ctx->diags, CRK_EPARSE, p->ctx->path, line, col,
		       "entry '%s' %s; skipped", name, what);
}

static unsigned line_of(struct tp *p, size_t off)
{
	return p->have_lines ? crk_lines_line(&p->lines, off) : 0;
}

static int index_lines(struct tp *p)
{
	if (crk_lines_init(&p->lines, p->ctx->buf, p->ctx->len))
		return oom(p->ctx, p->err);
	p->have_lines = 1;
	return CRK_OK;
}

/* A git source: url, and the commit or another ref. */
static void git_source(struct crk_pkg *pkg, const char *url, const struct term *ref,
		       struct crk_kv *prop)
{
	pkg->flags |= CRK_PKG_GIT;
	pkg->vcs_url = url;
	if (ref && ref->k == T_TUPLE && ref->nc == 2 && item(ref, 0)->k == T_ATOM &&
	    str_of(item(ref, 1))) {
		if (is_atom(item(ref, 0), "ref")) {
			pkg->vcs_commit = str_of(item(ref, 1));
		} else {
			prop->key = "vcs_ref";
			prop->value = str_of(item(ref, 1));
			pkg->props = prop;
			pkg->nprops = 1;
		}
	} else if (str_of(ref)) {
		pkg->vcs_commit = str_of(ref);
	}
}

/* ---------------------------------------------------------------- mix.lock */

static int mix_entry(struct tp *p, const struct term *key, const struct term *v,
		     struct crk_map *ids)
{
	struct crk_detect_ctx *ctx = p->ctx;
	struct crk_pkg pkg;
	struct crk_hash hash[1];
	struct crk_kv prop;
	const struct term *scm = item(v, 0);
	const char *name;
	size_t nh = 0, id;
	int rc;

	if ((key->k != T_ATOM && key->k != T_STR) || !*key->s)
		return CRK_OK;
	name = key->s;
	crk_detect_pkg_init(ctx, &pkg, "hex", "Hex");
	pkg.line = line_of(p, key->off);
	if (v->k == T_TUPLE && is_atom(scm, "hex")) {
		const struct term *pname = item(v, 1), *repo = item(v, 6);
		const char *outer = str_of(item(v, 7));
		if (v->nc < 3 || !pname || pname->k != T_ATOM || !str_of(item(v, 2))) {
			warn(p, key->off, name,
			     "is a :hex entry without a package name and version");
			return CRK_OK;
		}
		pkg.name = pname->s;
		pkg.version = str_of(item(v, 2));
		if (str_of(repo) && strncmp(repo->s, "hexpm:", 6) == 0 && repo->s[6])
			pkg.ns = repo->s + 6;
		if (outer && crk_npm__hex_hash(ctx->arena, "SHA-256", outer, strlen(outer), hash,
					       &nh, 1))
			return oom(ctx, p->err);
	} else if (v->k == T_TUPLE && is_atom(scm, "git") && str_of(item(v, 1))) {
		pkg.name = name;
		git_source(&pkg, str_of(item(v, 1)), item(v, 2), &prop);
	} else {
		warn(p, key->off, name, "is neither a :hex nor a :git entry");
		return CRK_OK;
	}
	pkg.hashes = nh ? hash : NULL;
	pkg.nhashes = nh;
	rc = crk_detect_add(ctx, &pkg, &id, p->err);
	if (rc || id == CRK_BOM_NONE)
		return rc;
	return crk_map_put(ids, name, strlen(name), (void *)(uintptr_t)(id + 1)) ? oom(ctx, p->err)
										 : CRK_OK;
}

static int mix_edges(struct tp *p, const struct term *key, const struct term *v,
		     const struct crk_map *ids)
{
	const struct term *deps = item(v, 5), *d;
	uintptr_t from, to;
	if ((key->k != T_ATOM && key->k != T_STR) || !is_atom(item(v, 0), "hex") || !deps ||
	    deps->k != T_LIST)
		return CRK_OK;
	from = (uintptr_t)crk_map_get(ids, key->s, key->n);
	if (!from)
		return CRK_OK;
	for (d = deps->child; d; d = d->next) {
		const struct term *app = item(d, 0);
		if (d->k != T_TUPLE || !app || app->k != T_ATOM)
			continue;
		to = (uintptr_t)crk_map_get(ids, app->s, app->n);
		if (to && crk_bom_add_dep(p->ctx->bom, (size_t)from - 1, (size_t)to - 1) ==
				  CRK_ENOMEM)
			return oom(p->ctx, p->err);
	}
	return CRK_OK;
}

static int mix_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct tp p = {ctx, err, ctx->buf, ctx->len, 0, 0, 0, {NULL, 0, NULL, 0}, 0};
	struct crk_map ids = CRK_MAP_INIT;
	struct term *root;
	const struct term *k;
	int rc;

	skip_ws(&p);
	if (p.pos >= p.n)
		return CRK_OK; /* an empty lock file locks nothing */
	if (p.b[p.pos] != '%' || p.pos + 1 >= p.n || p.b[p.pos + 1] != '{')
		return fail(&p, p.pos, "expected a map (%{...}) at the top level");
	if ((rc = value(&p, &root)) != 0)
		return rc;
	skip_ws(&p);
	if (p.pos < p.n)
		return fail(&p, p.pos, "text after the map");
	rc = index_lines(&p);
	for (k = root->child; k && k->next && !rc; k = k->next->next)
		rc = mix_entry(&p, k, k->next, &ids);
	for (k = root->child; k && k->next && !rc; k = k->next->next)
		rc = mix_edges(&p, k, k->next, &ids);
	crk_map_release(&ids);
	if (p.have_lines)
		crk_lines_release(&p.lines);
	return rc;
}

static const char *const mix_names[] = {"mix.lock", NULL};

const struct crk_detector crk_detector_mix = {
	.name = "hex/mix-lock",
	.ecosystem = "Hex",
	.names = mix_names,
	.parse = mix_parse,
	.doc = "mix.lock (Elixir Mix)",
};

/* ---------------------------------------------------------------- rebar.lock */

static int rebar_dep(struct tp *p, const struct term *d, const struct crk_map *hashes)
{
	struct crk_detect_ctx *ctx = p->ctx;
	const struct term *name = item(d, 0), *src = item(d, 1), *level = item(d, 2);
	const char *sum;
	struct crk_hash hash[1];
	struct crk_kv prop;
	struct crk_pkg pkg;
	size_t nh = 0, id;
	int rc;

	if (d->k != T_TUPLE || !str_of(name) || !*name->s || !src || src->k != T_TUPLE) {
		warn(p, d->off, str_of(name) ? name->s : "?", "is not {Name, Source, Level}");
		return CRK_OK;
	}
	crk_detect_pkg_init(ctx, &pkg, "hex", "Hex");
	pkg.line = line_of(p, d->off);
	if (is_atom(item(src, 0), "pkg") && str_of(item(src, 1)) && str_of(item(src, 2))) {
		pkg.name = *item(src, 1)->s ? item(src, 1)->s : name->s;
		pkg.version = item(src, 2)->s;
		sum = crk_map_get(hashes, name->s, name->n);
		if (sum && crk_npm__hex_hash(ctx->arena, "SHA-256", sum, strlen(sum), hash, &nh, 1))
			return oom(ctx, p->err);
	} else if ((is_atom(item(src, 0), "git") || is_atom(item(src, 0), "git_subdir")) &&
		   str_of(item(src, 1))) {
		pkg.name = name->s;
		git_source(&pkg, item(src, 1)->s, item(src, 2), &prop);
	} else {
		warn(p, d->off, name->s, "has a source other than pkg or git");
		return CRK_OK;
	}
	pkg.hashes = nh ? hash : NULL;
	pkg.nhashes = nh;
	rc = crk_detect_add(ctx, &pkg, &id, p->err);
	if (rc || id == CRK_BOM_NONE || !level || level->k != T_INT || strcmp(level->s, "0"))
		return rc;
	return crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM ? oom(ctx, p->err)
									  : CRK_OK;
}

static int rebar_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct tp p = {ctx, err, ctx->buf, ctx->len, 0, 1, 0, {NULL, 0, NULL, 0}, 0};
	struct crk_map hashes = CRK_MAP_INIT;
	struct term *terms[2] = {NULL, NULL}, *t;
	const struct term *deps, *d, *h;
	size_t nt = 0;
	int rc = CRK_OK;

	for (;;) {
		skip_ws(&p);
		if (p.pos >= p.n)
			break;
		if (nt == 2)
			return fail(&p, p.pos, "more than two terms");
		if ((rc = value(&p, &t)) != 0)
			return rc;
		skip_ws(&p);
		if (p.pos >= p.n || p.b[p.pos] != '.')
			return fail(&p, p.pos, "expected '.' after a term");
		p.pos++;
		terms[nt++] = t;
	}
	if (!nt)
		return CRK_OK;
	deps = terms[0];
	if (deps->k == T_TUPLE) {
		const char *ver = str_of(item(deps, 0));
		if (deps->nc != 2 || !ver)
			return fail(&p, deps->off, "expected {\"<lock version>\", [Dependencies]}");
		if (strncmp(ver, "1.", 2) != 0)
			return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path,
					   limit_line(&p, item(deps, 0)->off), 0,
					   "unsupported rebar.lock version '%s' (this reader knows "
					   "1.x)",
					   ver);
		deps = item(deps, 1);
	}
	if (!deps || deps->k != T_LIST)
		return fail(&p, deps ? deps->off : 0, "expected a list of dependencies");
	if ((rc = index_lines(&p)) != 0)
		return rc;
	/* [{pkg_hash, [...]}, {pkg_hash_ext, [{Name, OuterHash}]}] */
	if (nt == 2 && terms[1]->k == T_LIST) {
		for (h = terms[1]->child; h; h = h->next) {
			if (!is_atom(item(h, 0), "pkg_hash_ext") || !item(h, 1) ||
			    item(h, 1)->k != T_LIST)
				continue;
			for (d = item(h, 1)->child; d; d = d->next)
				if (str_of(item(d, 0)) && str_of(item(d, 1)) &&
				    crk_map_put(&hashes, item(d, 0)->s, item(d, 0)->n,
						(void *)item(d, 1)->s)) {
					rc = oom(ctx, err);
					goto out;
				}
		}
	}
	for (d = deps->child; d && !rc; d = d->next)
		rc = rebar_dep(&p, d, &hashes);
out:
	crk_map_release(&hashes);
	crk_lines_release(&p.lines);
	return rc;
}

static const char *const rebar_names[] = {"rebar.lock", NULL};

const struct crk_detector crk_detector_rebar = {
	.name = "hex/rebar-lock",
	.ecosystem = "Hex",
	.names = rebar_names,
	.parse = rebar_parse,
	.doc = "rebar.lock (Erlang rebar3)",
};
