/*
 * submodule.c - git submodules: .gitmodules, and the commit the superproject pins for each.
 *
 * Formats:
 *   - .gitmodules is a git config file (git-config(1) "CONFIGURATION FILE", gitmodules(5)):
 *     `[submodule "<name>"]` sections (subsection in double quotes with \" and \\ escapes;
 *     the legacy `[submodule.name]` form too) holding `path`, `url` and optionally `branch`;
 *     `key = value` lines with case-insensitive keys, values trimmed, double quotes keeping
 *     white space, escapes \\ \" \n \t \b, a backslash at the end of a line joining the next,
 *     comments from '#' or ';' outside quotes; a line git rejects ("bad config line") is
 *     CRK_EPARSE at its line;
 *   - the pinned commit is not in .gitmodules: it is the gitlink entry (mode 0160000) of the
 *     submodule's path in the superproject's index, .git/index (src/formats/gitindex.c,
 *     versions 2-4; 32-byte object names when .git/config sets extensions.objectFormat =
 *     sha256). When the index has none, the commit checked out in the submodule is taken:
 *     .git/modules/<name>/HEAD, else the HEAD of the git directory named by <path>/.git ("gitdir:
 *     ..."); a symbolic HEAD ("ref: refs/heads/x") is resolved through the loose ref or
 *     packed-refs. A superproject whose .git is a file ("gitdir: ../x", a worktree or a nested
 *     submodule) is followed when the path stays inside the scan. The walk skips .git
 *     directories; these files are read through crk_detect_read().
 *   - a relative url ("../lib.git") is resolved against the superproject's remote.origin.url
 *     as git does (each "../" drops one path element), and kept as written without a remote.
 *
 * What is reported (docs/detectors/c-cpp.md), each at the line of its [submodule] header with
 * an edge from the product: pkg:github/<owner>/<repo>@<commit> for GitHub, else
 * pkg:generic/<repo name>@<commit>?vcs_url=git+<url>@<commit> (crk_clib_git_pkg()); vcs_url
 * and vcs_commit; the submodule path and name as properties "git.submodule.path" /
 * "git.submodule.name"; a tag of the submodule's packed-refs that points at the commit as
 * "git.tag", which gives the CPE its version for a project clib.def knows (a GitHub project
 * it does not know gets a guessed CPE). Without a readable .git the component has no version
 * (CRK_PKG_UNPINNED) and a warning says the commit could not be read.
 */
#include <string.h>
#include <strings.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/clib.h"
#include "detect/detect.h"
#include "formats/gitindex.h"
#include "base/banned.h"

#define SM_MAX 4096 /* submodules in one file */
#define SM_MAX_GITFILE ((size_t)1 << 20) /* HEAD, .git files, config, packed-refs */

/* ---- git config syntax ---- */

/* `line` is the variable's line, `sline` the line of its section header. */
typedef int (*gc_fn)(void *ud, const char *section, const char *sub, const char *key,
		     const char *value, unsigned line, unsigned sline);

struct gc {
	const char *b;
	size_t n, i;
	unsigned line, sline;
	struct crk_strbuf section, sub, key, val;
};

static int gc_bad(struct gc *g, const char *path, struct crk_err *err)
{
	return crk_err_set(err, CRK_EPARSE, path, g->line, 0, "bad config line %u", g->line);
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char lc(char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* A value after '=' up to the end of the (logical) line. */
static int gc_value(struct gc *g)
{
	int quoted = 0;
	size_t keep = 0; /* length up to the last byte that is not trailing white space */
	crk_strbuf_reset(&g->val);
	while (g->i < g->n && (g->b[g->i] == ' ' || g->b[g->i] == '\t'))
		g->i++;
	for (; g->i < g->n; g->i++) {
		char c = g->b[g->i];
		if (c == '\n' || (c == '\r' && g->i + 1 < g->n && g->b[g->i + 1] == '\n')) {
			if (quoted)
				return -1;
			break;
		}
		if (!quoted && (c == '#' || c == ';')) {
			while (g->i < g->n && g->b[g->i] != '\n')
				g->i++;
			break;
		}
		if (c == '"') {
			quoted = !quoted;
			keep = g->val.len;
			continue;
		}
		if (c == '\\') {
			char e;
			if (++g->i >= g->n)
				return -1;
			e = g->b[g->i];
			if (e == '\r' && g->i + 1 < g->n && g->b[g->i + 1] == '\n')
				e = g->b[++g->i];
			if (e == '\n') {
				g->line++; /* continuation */
				continue;
			}
			switch (e) {
			case '\\': case '"': break;
			case 'n': e = '\n'; break;
			case 't': e = '\t'; break;
			case 'b':
				if (g->val.len)
					g->val.len--, g->val.buf[g->val.len] = '\0';
				keep = g->val.len;
				continue;
			default: return -1; /* git: "bad config line" */
			}
			crk_strbuf_addch(&g->val, e);
			keep = g->val.len;
			continue;
		}
		crk_strbuf_addch(&g->val, c);
		if (quoted || (c != ' ' && c != '\t'))
			keep = g->val.len;
	}
	if (quoted)
		return -1;
	if (keep < g->val.len && g->val.alloc) {
		g->val.len = keep;
		g->val.buf[keep] = '\0';
	}
	return crk_strbuf_ok(&g->val) ? 0 : -1;
}

/* Parses a git config file, calling fn for each variable. */
static int gc_parse(const char *buf, size_t len, const char *path, gc_fn fn, void *ud,
		    struct crk_err *err)
{
	struct gc g;
	int rc = CRK_OK;

	memset(&g, 0, sizeof(g));
	g.b = buf;
	g.n = len;
	g.line = 1;
	g.section = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_LINE);
	g.sub = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_LINE);
	g.key = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_LINE);
	g.val = (struct crk_strbuf)CRK_STRBUF_INIT(CRK_MAX_LINE);
	while (g.i < g.n) {
		char c = g.b[g.i];
		int has_sub = 0;
		if (c == '\n') {
			g.line++;
			g.i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || (g.i == 0 && (unsigned char)c == 0xef &&
							    g.n >= 3 && memcmp(g.b, "\xef\xbb\xbf", 3) == 0)) {
			g.i += (unsigned char)c == 0xef ? 3 : 1;
			continue;
		}
		if (c == '#' || c == ';') {
			while (g.i < g.n && g.b[g.i] != '\n')
				g.i++;
			continue;
		}
		if (c == '[') {
			g.sline = g.line;
			crk_strbuf_reset(&g.section);
			crk_strbuf_reset(&g.sub);
			g.i++;
			while (g.i < g.n && (is_alnum(g.b[g.i]) || g.b[g.i] == '-' || g.b[g.i] == '.'))
				crk_strbuf_addch(&g.section, lc(g.b[g.i++]));
			if (g.i < g.n && (g.b[g.i] == ' ' || g.b[g.i] == '\t')) {
				while (g.i < g.n && (g.b[g.i] == ' ' || g.b[g.i] == '\t'))
					g.i++;
				if (g.i >= g.n || g.b[g.i] != '"')
					goto bad;
				g.i++;
				has_sub = 1;
				while (g.i < g.n && g.b[g.i] != '"') {
					if (g.b[g.i] == '\n')
						goto bad;
					if (g.b[g.i] == '\\' && g.i + 1 < g.n && g.b[g.i + 1] != '\n')
						g.i++;
					crk_strbuf_addch(&g.sub, g.b[g.i++]);
				}
				if (g.i >= g.n)
					goto bad;
				g.i++;
			}
			if (!crk_strbuf_ok(&g.section) || !crk_strbuf_ok(&g.sub))
				goto nomem;
			if (g.i >= g.n || g.b[g.i] != ']' || !g.section.len)
				goto bad;
			g.i++;
			if (!has_sub) {
				/* legacy [section.subsection]: the subsection lowercased */
				char *dot = strchr(g.section.buf, '.');
				if (dot) {
					crk_strbuf_adds(&g.sub, dot + 1);
					g.section.len = (size_t)(dot - g.section.buf);
					*dot = '\0';
				}
			}
			if (!crk_strbuf_ok(&g.section) || !crk_strbuf_ok(&g.sub))
				goto nomem;
			continue; /* a variable may follow on the same line */
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || !g.section.len)
			goto bad;
		crk_strbuf_reset(&g.key);
		while (g.i < g.n && (is_alnum(g.b[g.i]) || g.b[g.i] == '-'))
			crk_strbuf_addch(&g.key, lc(g.b[g.i++]));
		while (g.i < g.n && (g.b[g.i] == ' ' || g.b[g.i] == '\t'))
			g.i++;
		if (!crk_strbuf_ok(&g.key))
			goto nomem;
		if (g.i < g.n && g.b[g.i] == '=') {
			unsigned at = g.line;
			g.i++;
			if (gc_value(&g)) {
				if (!crk_strbuf_ok(&g.val))
					goto nomem;
				g.line = at;
				goto bad;
			}
			rc = fn(ud, g.section.buf, g.sub.len || has_sub ? g.sub.buf : NULL, g.key.buf,
				g.val.buf, at, g.sline);
		} else if (g.i >= g.n || g.b[g.i] == '\n' || g.b[g.i] == '\r' || g.b[g.i] == '#' ||
			   g.b[g.i] == ';') {
			rc = fn(ud, g.section.buf, g.sub.len ? g.sub.buf : NULL, g.key.buf, NULL,
				g.line, g.sline); /* a boolean "true" */
		} else {
			goto bad;
		}
		if (rc)
			goto out;
	}
	goto out;
bad:
	rc = gc_bad(&g, path, err);
	goto out;
nomem:
	rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
out:
	crk_strbuf_release(&g.section);
	crk_strbuf_release(&g.sub);
	crk_strbuf_release(&g.key);
	crk_strbuf_release(&g.val);
	return rc;
}

/* ---- .gitmodules ---- */

struct sm {
	const char *name, *path, *url, *branch;
	unsigned line;
};

struct sms {
	struct crk_detect_ctx *ctx;
	struct sm *v;
	size_t n, cap;
	/* .git/config */
	const char *origin;
	int sha256;
};

static int on_gitmodules(void *ud, const char *section, const char *sub, const char *key,
			 const char *value, unsigned line, unsigned sline)
{
	struct sms *s = ud;
	struct sm *m = NULL;
	const char **slot = NULL;
	size_t i;
	if (strcmp(section, "submodule") != 0 || !sub)
		return 0;
	for (i = s->n; i > 0; i--)
		if (strcmp(s->v[i - 1].name, sub) == 0) {
			m = &s->v[i - 1];
			break;
		}
	if (!m) {
		if (s->n >= SM_MAX)
			return 0;
		if (s->n == s->cap) {
			size_t ncap = s->cap ? s->cap * 2 : 16;
			struct sm *nv = crk_arena_array(s->ctx->arena, ncap, sizeof(*nv));
			if (!nv)
				return CRK_ENOMEM;
			if (s->n)
				memcpy(nv, s->v, s->n * sizeof(*nv));
			s->v = nv;
			s->cap = ncap;
		}
		m = &s->v[s->n++];
		memset(m, 0, sizeof(*m));
		m->name = crk_arena_strdup(s->ctx->arena, sub);
		m->line = sline;
		if (!m->name)
			return CRK_ENOMEM;
	}
	if (strcmp(key, "path") == 0)
		slot = &m->path;
	else if (strcmp(key, "url") == 0)
		slot = &m->url;
	else if (strcmp(key, "branch") == 0)
		slot = &m->branch;
	if (slot && value) {
		*slot = crk_arena_strdup(s->ctx->arena, value);
		if (!*slot)
			return CRK_ENOMEM;
	}
	return 0;
}

static int on_gitconfig(void *ud, const char *section, const char *sub, const char *key,
			const char *value, unsigned line, unsigned sline)
{
	struct sms *s = ud;
	(void)line;
	(void)sline;
	if (!value)
		return 0;
	if (strcmp(section, "remote") == 0 && sub && strcmp(sub, "origin") == 0 &&
	    strcmp(key, "url") == 0) {
		s->origin = crk_arena_strdup(s->ctx->arena, value);
		if (!s->origin)
			return CRK_ENOMEM;
	} else if (strcmp(section, "extensions") == 0 && !sub && strcmp(key, "objectformat") == 0) {
		s->sha256 = strcasecmp(value, "sha256") == 0;
	}
	return 0;
}

/* ---- reading the git directory ---- */

/* Reads `rel` (relative to the .gitmodules directory): NULL when absent or unreadable. */
static const char *read_small(struct crk_detect_ctx *ctx, const char *rel, size_t *len,
			      int *nomem)
{
	const char *out, *relpath;
	struct crk_err e;
	int rc = crk_detect_read(ctx, rel, SM_MAX_GITFILE, &out, len, &relpath, &e);
	if (rc == CRK_ENOMEM)
		*nomem = 1;
	return rc ? NULL : out;
}

/* The git directory a ".git" file (or another gitfile) names, relative to the .gitmodules
 * directory; `base` is the directory holding the gitfile ("" or "sub/dir/"). */
static const char *gitfile_target(struct crk_detect_ctx *ctx, const char *buf, size_t len,
				   const char *base)
{
	const char *p = buf;
	size_t n = len;
	if (!crk_bytes_prefix(p, n, "gitdir:"))
		return NULL;
	p += 7;
	n -= 7;
	crk_bytes_trim(&p, &n);
	if (!n || p[0] == '/' || memchr(p, '\n', n))
		return NULL; /* absolute: outside what was scanned */
	return crk_arena_printf(ctx->arena, "%s%.*s", base, (int)n, p);
}

static int hexdig(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A full object name at the start of s[0..n) (40 or 64 hex digits): lowercase copy or NULL. */
static const char *oid_at(struct crk_arena *a, const char *s, size_t n)
{
	size_t k = 0;
	char *r;
	while (k < n && hexdig(s[k]))
		k++;
	if (k != 40 && k != 64)
		return NULL;
	if (k < n && s[k] != '\n' && s[k] != '\r' && s[k] != ' ' && s[k] != '\t')
		return NULL;
	r = crk_arena_strndup(a, s, k);
	if (r)
		for (n = 0; n < k; n++)
			r[n] = lc(r[n]);
	return r;
}

/* A ref of git directory `gd` ("refs/heads/main"): the loose file, else packed-refs. */
static const char *resolve_ref(struct crk_detect_ctx *ctx, const char *gd, const char *ref,
			       size_t rn, int *nomem)
{
	const char *buf, *rel;
	size_t len;
	struct crk_line_iter it;
	const char *line;
	size_t ln;
	if (memmem(ref, rn, "..", 2))
		return NULL;
	rel = crk_arena_printf(ctx->arena, "%s/%.*s", gd, (int)rn, ref);
	if (!rel || !(buf = read_small(ctx, rel, &len, nomem))) {
		if (!rel)
			*nomem = 1;
	} else {
		return oid_at(ctx->arena, buf, len);
	}
	if (*nomem)
		return NULL;
	rel = crk_arena_printf(ctx->arena, "%s/packed-refs", gd);
	if (!rel || !(buf = read_small(ctx, rel, &len, nomem)))
		return NULL;
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &ln)) {
		const char *sp = memchr(line, ' ', ln);
		if (sp && (size_t)(line + ln - (sp + 1)) == rn && memcmp(sp + 1, ref, rn) == 0)
			return oid_at(ctx->arena, line, (size_t)(sp - line));
	}
	return NULL;
}

/* HEAD of git directory `gd`: the commit. */
static const char *head_commit(struct crk_detect_ctx *ctx, const char *gd, int *nomem)
{
	const char *rel = crk_arena_printf(ctx->arena, "%s/HEAD", gd), *buf, *p;
	size_t len, n;
	if (!rel) {
		*nomem = 1;
		return NULL;
	}
	if (!(buf = read_small(ctx, rel, &len, nomem)))
		return NULL;
	if (crk_bytes_prefix(buf, len, "ref:")) {
		p = buf + 4;
		n = len - 4;
		crk_bytes_trim(&p, &n);
		return resolve_ref(ctx, gd, p, n, nomem);
	}
	return oid_at(ctx->arena, buf, len);
}

/* A tag of packed-refs in `gd` that points (peeled) at `commit`, or NULL. */
static const char *tag_of(struct crk_detect_ctx *ctx, const char *gd, const char *commit,
			  int *nomem)
{
	const char *rel = crk_arena_printf(ctx->arena, "%s/packed-refs", gd), *buf, *line;
	const char *last_tag = NULL;
	size_t len, ln, last_n = 0, cl = strlen(commit);
	struct crk_line_iter it;
	if (!rel) {
		*nomem = 1;
		return NULL;
	}
	if (!(buf = read_small(ctx, rel, &len, nomem)))
		return NULL;
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &ln)) {
		int peeled = ln && line[0] == '^';
		int match = ln >= cl + (size_t)peeled && strncasecmp(line + peeled, commit, cl) == 0;
		if (peeled) { /* the peeled commit of the annotated tag above */
			if (match && last_tag)
				return crk_arena_strndup(ctx->arena, last_tag, last_n);
			continue;
		}
		last_tag = NULL;
		if (ln > cl + 11 && line[cl] == ' ' && memcmp(line + cl + 1, "refs/tags/", 10) == 0) {
			last_tag = line + cl + 11;
			last_n = ln - cl - 11;
			if (match)
				return crk_arena_strndup(ctx->arena, last_tag, last_n);
		}
	}
	return NULL;
}

struct gitlinks {
	struct crk_arena *a;
	struct crk_map map; /* path -> commit (hex) */
	size_t hashlen;
};

static int on_index_entry(void *ud, const char *path, size_t n, uint32_t mode,
			  const unsigned char *oid)
{
	static const char hex[] = "0123456789abcdef";
	struct gitlinks *g = ud;
	char *p, *h;
	size_t k;
	if ((mode & 0170000) != CRK_GITINDEX_GITLINK)
		return 0;
	p = crk_arena_strndup(g->a, path, n);
	h = crk_arena_alloc(g->a, 2 * g->hashlen + 1);
	if (!p || !h)
		return CRK_ENOMEM;
	for (k = 0; k < g->hashlen; k++) {
		h[2 * k] = hex[oid[k] >> 4];
		h[2 * k + 1] = hex[oid[k] & 15];
	}
	h[2 * g->hashlen] = '\0';
	return crk_map_put(&g->map, p, n, h) ? CRK_ENOMEM : 0;
}

/* git's relative submodule URL: "../x.git" against the superproject's remote. */
static const char *resolve_url(struct crk_detect_ctx *ctx, const char *url, const char *origin)
{
	struct crk_strbuf b = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *rel = url, *min, *r;
	char *out;
	if (!origin || !(strncmp(url, "./", 2) == 0 || strncmp(url, "../", 3) == 0))
		return url;
	crk_strbuf_adds(&b, origin);
	while (b.len && b.buf[b.len - 1] == '/')
		b.buf[--b.len] = '\0';
	/* the host part is never dropped */
	r = strstr(b.buf, "://");
	min = r ? strchr(r + 3, '/') : strchr(b.buf, ':');
	if (!min)
		min = b.buf + b.len;
	for (;;) {
		if (strncmp(rel, "./", 2) == 0) {
			rel += 2;
		} else if (strncmp(rel, "../", 3) == 0) {
			char *cut = strrchr(b.buf, '/');
			char *colon = strrchr(b.buf, ':');
			if (colon && (!cut || colon > cut))
				cut = colon;
			if (!cut || cut < min)
				break;
			b.len = (size_t)(cut - b.buf) + (*cut == ':' ? 1 : 0);
			b.buf[b.len] = '\0';
			rel += 3;
		} else {
			break;
		}
	}
	if (b.len && b.buf[b.len - 1] != ':' && b.buf[b.len - 1] != '/')
		crk_strbuf_addch(&b, '/');
	crk_strbuf_adds(&b, rel);
	out = crk_strbuf_ok(&b) ? crk_arena_strndup(ctx->arena, b.buf, b.len) : NULL;
	crk_strbuf_release(&b);
	return out ? out : url;
}

/* The last path element of a URL without ".git": the repository's name. */
static const char *repo_name(struct crk_detect_ctx *ctx, const char *url, const char *fallback)
{
	size_t n = strlen(url);
	const char *end, *s;
	while (n && url[n - 1] == '/')
		n--;
	end = url + n;
	if (n > 4 && strncasecmp(end - 4, ".git", 4) == 0)
		end -= 4;
	for (s = end; s > url && s[-1] != '/' && s[-1] != ':'; s--)
		;
	if (s == end)
		return fallback;
	return crk_arena_strndup(ctx->arena, s, (size_t)(end - s));
}

static int submodule_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct sms s;
	struct gitlinks gl;
	const char *gitdir = NULL, *buf, *rel;
	size_t len, i;
	int rc, nomem = 0, have_git;

	memset(&s, 0, sizeof(s));
	memset(&gl, 0, sizeof(gl));
	s.ctx = ctx;
	crk_map_init(&gl.map);
	gl.a = ctx->arena;
	rc = gc_parse(ctx->buf, ctx->len, ctx->path, on_gitmodules, &s, err);
	if (rc == CRK_ENOMEM)
		rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	if (rc)
		goto out;

	/* the superproject's git directory: .git, or what a .git file names */
	{
		const char *out, *relpath;
		struct crk_err e;
		int r = crk_detect_read(ctx, ".git", SM_MAX_GITFILE, &out, &len, &relpath, &e);
		if (r == CRK_ENOMEM)
			goto nomem;
		if (r == CRK_EIO)
			gitdir = ".git"; /* a directory */
		else if (r == CRK_OK)
			gitdir = gitfile_target(ctx, out, len, "");
	}
	have_git = gitdir != NULL;
	if (gitdir) {
		if ((rel = crk_arena_printf(ctx->arena, "%s/config", gitdir)) == NULL)
			goto nomem;
		if ((buf = read_small(ctx, rel, &len, &nomem)) != NULL &&
		    gc_parse(buf, len, rel, on_gitconfig, &s, NULL) == CRK_ENOMEM)
			goto nomem;
		gl.hashlen = s.sha256 ? 32 : 20;
		if ((rel = crk_arena_printf(ctx->arena, "%s/index", gitdir)) == NULL)
			goto nomem;
		{
			const char *out, *relpath;
			struct crk_err e;
			int r = crk_detect_read(ctx, rel, CRK_MAX_FILE_SIZE, &out, &len, &relpath, &e);
			if (r == CRK_ENOMEM)
				goto nomem;
			if (r == CRK_OK) {
				r = crk_gitindex_parse(out, len, gl.hashlen, on_index_entry, &gl, &e);
				if (r == CRK_ENOMEM)
					goto nomem;
				if (r && ctx->diags)
					crk_diags_addf(ctx->diags, r, relpath, 0, 0, "%s", e.msg);
			}
		}
	}
	if (nomem)
		goto nomem;

	for (i = 0; i < s.n; i++) {
		struct sm *m = &s.v[i];
		struct crk_pkg pkg;
		struct crk_kv q[1], props[6];
		size_t np = 0, id;
		const char *commit = NULL, *moddir = NULL, *url, *tag = NULL, *name;
		if (!m->path || !m->url) {
			if (ctx->diags)
				crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, m->line, 0,
					       "submodule '%s' has no %s; skipped", m->name,
					       m->path ? "url" : "path");
			continue;
		}
		commit = crk_map_get(&gl.map, m->path, strlen(m->path));
		if (gitdir && !memmem(m->name, strlen(m->name), "..", 2)) {
			moddir = crk_arena_printf(ctx->arena, "%s/modules/%s", gitdir, m->name);
			if (!moddir)
				goto nomem;
			if (!commit)
				commit = head_commit(ctx, moddir, &nomem);
		}
		if (!commit && !memmem(m->path, strlen(m->path), "..", 2)) {
			/* the submodule's own .git file */
			const char *gf = crk_arena_printf(ctx->arena, "%s/.git", m->path), *gb;
			if (!gf)
				goto nomem;
			if ((gb = read_small(ctx, gf, &len, &nomem)) != NULL) {
				const char *base = crk_arena_printf(ctx->arena, "%s/", m->path);
				const char *gd = base ? gitfile_target(ctx, gb, len, base) : NULL;
				if (!base)
					goto nomem;
				if (gd) {
					moddir = gd;
					commit = head_commit(ctx, gd, &nomem);
				}
			}
		}
		if (nomem)
			goto nomem;
		if (commit && moddir)
			tag = tag_of(ctx, moddir, commit, &nomem);
		if (nomem)
			goto nomem;
		url = resolve_url(ctx, m->url, s.origin);
		name = repo_name(ctx, url, m->name);
		if (!name)
			goto nomem;
		crk_detect_pkg_init(ctx, &pkg, "generic", NULL);
		pkg.line = m->line;
		pkg.name = name;
		if (crk_clib_git_pkg(ctx, &pkg, name, url, commit, q, props, &np))
			goto nomem;
		if (tag) {
			const struct crk_clib *lib = crk_clib_by_repo(url, strlen(url));
			const char *ver = crk_clib_release_version(tag, lib ? lib->name : name,
								  ctx->arena, &nomem);
			props[np].key = "git.tag";
			props[np++].value = tag;
			if (ver && lib)
				pkg.cpe = crk_clib_cpe(lib, ver, ctx->arena, &nomem);
			else if (ver && !pkg.cpe && strcmp(pkg.type, "github") == 0) {
				struct crk_clib guess;
				memset(&guess, 0, sizeof(guess));
				guess.vendor = pkg.ns;
				guess.product = pkg.name;
				if ((pkg.cpe = crk_clib_cpe(&guess, ver, ctx->arena, &nomem)) != NULL) {
					props[np].key = "cpe.guessed";
					props[np++].value = "true";
				}
			}
			if (nomem)
				goto nomem;
		}
		props[np].key = "git.submodule.path";
		props[np++].value = m->path;
		props[np].key = "git.submodule.name";
		props[np++].value = m->name;
		if (m->branch) {
			props[np].key = "git.submodule.branch";
			props[np++].value = m->branch;
		}
		pkg.props = props;
		pkg.nprops = np;
		if (!commit && ctx->diags)
			crk_diags_addf(ctx->diags, CRK_ENOTFOUND, ctx->path, m->line, 0,
				       "submodule '%s': the pinned commit could not be read (%s)",
				       m->name, have_git ? "no gitlink in .git/index, no HEAD"
							 : "no .git directory beside .gitmodules");
		if ((rc = crk_detect_add(ctx, &pkg, &id, err)) != CRK_OK)
			goto out;
		if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
			goto nomem;
	}
	rc = CRK_OK;
out:
	crk_map_release(&gl.map);
	return rc;
nomem:
	rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	goto out;
}

static const char *const submodule_names[] = {".gitmodules", NULL};

const struct crk_detector crk_detector_submodule = {
	.name = "git/submodule",
	.ecosystem = "C/C++",
	.names = submodule_names,
	.match = NULL,
	.parse = submodule_parse,
	.max_size = SM_MAX_GITFILE,
	.flags = 0,
	.doc = ".gitmodules, with each submodule's pinned commit from .git/index or .git/modules",
};
