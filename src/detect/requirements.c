/*
 * requirements.c - pip requirements files (requirements.txt, requirements-dev.txt, ...).
 *
 * Format: pip's "Requirements File Format",
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/, with PEP 508 requirement
 * specifiers (https://peps.python.org/pep-0508/). The reading follows pip's own
 * src/pip/_internal/req/req_file.py step by step, re-implemented here (the requirements
 * themselves, and the URLs and paths pip installs from, are read by src/formats/pep508.c):
 *
 *   1. lines are joined: a line ending in a backslash continues on the next one; the backslashes
 *      at both ends of the continued line are stripped (pip's `line.strip("\\")`, so `4.5\\` joins
 *      too); a comment line (optional white space, then '#') is never continued;
 *   2. comments are removed: from a '#' at the start of the line or after white space to the end
 *      ("pkg @ https://x/y#egg=z" keeps its fragment); the rest is trimmed, empty lines skipped;
 *   3. the line is split at the first token (after a space or a tab) starting with '-': what comes
 *      before is a requirement, the rest options, split like a POSIX shell (quotes, backslashes);
 *   4. options are pip's: -r/--requirement and -c/--constraint (files named relative to the file
 *      that names them), -e/--editable, -i/--index-url, --extra-index-url, --no-index,
 *      -f/--find-links, --no-binary, --only-binary, --prefer-binary, --require-hashes, --pre,
 *      --trusted-host, --use-feature, and per requirement --hash, --global-option,
 *      --install-option, -C/--config-settings. Long options may be abbreviated (optparse).
 *      `${VAR}` is left as written (pip expands it from the environment at install time).
 *
 * What is reported:
 *   - each requirement, at the line where it starts, under the file it is written in (an
 *     included file's own path, relative to the scan root); the name as written (the purl
 *     normalises it). A version only for an exact pin (`==1.2` without a wildcard, `===1.2`);
 *     anything else (`>=1.2`, `~=1.1`, `==1.*`, no specifier, `==${VER}`) has no version and
 *     CRK_PKG_UNPINNED, the specifier kept in the property "specifier". Peers report the bound
 *     of `>=`/`~=`/`<=` as if it were the version; we do not (see docs/detectors/pypi.md);
 *   - a constraints file (-c) adds no component, but an exact pin in it gives its version to a
 *     requirement that has none (pip installs exactly that version);
 *   - extras ("extras", comma-separated) and the environment marker ("marker", not evaluated)
 *     as properties; --hash=sha256|sha384|sha512:HEX as hashes (malformed values dropped);
 *   - `name @ URL` (PEP 508 direct reference): CRK_PKG_URL + download_url, or CRK_PKG_GIT with
 *     vcs_url/vcs_commit for git+ URLs, CRK_PKG_LOCAL for file: URLs; a bare URL or path names its
 *     project by a wheel file name (name and version) or a `#egg=name` fragment, else it is the
 *     local project itself and is not reported; -e adds CRK_PKG_EDITABLE;
 *   - every requirement is a direct dependency of the product (an edge from CRK_BOM_ROOT).
 *
 * Errors: a file named by -r that does not exist or cannot be read is an error naming it (pip
 * fails too); a missing constraints file, an include outside the scan root, a remote include
 * (http) and an include cycle are warnings. What was read before an error stays in the BOM.
 * Each file is read once (cycles and diamonds terminate); includes nest at most
 * CRK_MAX_INCLUDES deep (CRK_ELIMIT beyond). A requirement pip would reject (`foo 1.0`, `==1.0`,
 * `foo==`) and an unknown option are warnings naming the line; the rest of the file is read.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "formats/pep508.h"
#include "base/banned.h"

/* One requirement, kept until every file is read (a later constraints file may pin it). */
struct req {
	struct req *next;
	const char *path; /* file it is written in (arena) */
	unsigned line;
	const char *name, *version, *spec, *extras, *marker; /* arena; NULL when absent */
	const char *download_url, *vcs_url, *vcs_commit, *vcs_ref;
	unsigned flags;
	struct crk_hash *hashes;
	size_t nhashes;
};

/* One file being read. */
struct rfile {
	const char *key;  /* path relative to ctx->dir, normalised ("" never) */
	const char *path; /* path relative to the scan root, for pkg.path and messages */
	const char *buf;
	size_t len;
	int constraint; /* read with -c */
	unsigned depth;
};

struct rstate {
	struct crk_detect_ctx *ctx;
	struct crk_map visited; /* key -> VISIT_ACTIVE / VISIT_DONE */
	struct crk_map pins;	/* normalised name -> version (char *), or &pin_conflict */
	struct req *head, **tail;
};

static char visit_active, visit_done, pin_conflict;

/* ---- small helpers ---- */

/* PEP 503 normalised name (lowercase, runs of - _ . become one -), in the arena. */
static char *norm_name(struct crk_arena *a, const char *s, size_t n)
{
	char *out = crk_arena_alloc(a, n + 1), *o = out;
	size_t i;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' || c == '_' || c == '.') {
			if (o == out || o[-1] != '-')
				*o++ = '-';
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		*o++ = c;
	}
	*o = '\0';
	return out;
}

/* "alg:hex" of --hash -> a CycloneDX hash, or 0 when it is not one pip accepts / malformed. */
static int parse_hash(struct crk_arena *a, const char *v, struct crk_hash *out)
{
	static const struct {
		const char *pip, *cdx;
		size_t hexlen;
	} algs[] = {
		{"sha256", "SHA-256", 64}, {"sha384", "SHA-384", 96}, {"sha512", "SHA-512", 128}};
	const char *colon = strchr(v, ':');
	size_t i, k, n;
	char *hex;
	if (!colon)
		return 0;
	for (k = 0; k < sizeof(algs) / sizeof(algs[0]); k++)
		if ((size_t)(colon - v) == strlen(algs[k].pip) &&
		    memcmp(v, algs[k].pip, (size_t)(colon - v)) == 0)
			break;
	if (k == sizeof(algs) / sizeof(algs[0]))
		return 0;
	n = strlen(colon + 1);
	if (n != algs[k].hexlen)
		return 0;
	hex = crk_arena_strndup(a, colon + 1, n);
	if (!hex)
		return -1;
	if (strspn(hex, "0123456789abcdefABCDEF") != n)
		return 0;
	for (i = 0; i < n; i++)
		if (hex[i] >= 'A' && hex[i] <= 'F')
			hex[i] = (char)(hex[i] - 'A' + 'a');
	out->alg = algs[k].cdx;
	out->value = hex;
	return 1;
}

/* Lexically joins `dir` (may be "") and `rel`, resolving "." and ".."; leading ".." are kept.
 * Returns an arena string, or NULL on ENOMEM / overflow. */
static char *join_norm(struct crk_arena *a, const char *dir, const char *rel)
{
	size_t dl = strlen(dir), rl = strlen(rel), cap, n = 0, k;
	const char *parts[2] = {dir, rel};
	size_t lens[2] = {dl, rl};
	char *out;
	if (crk_add_overflow(dl, rl, &cap) || crk_add_overflow(cap, 2, &cap))
		return NULL;
	out = crk_arena_alloc(a, cap);
	if (!out)
		return NULL;
	for (k = 0; k < 2; k++) {
		const char *s = parts[k], *end = s + lens[k];
		while (s < end) {
			const char *e = memchr(s, '/', (size_t)(end - s));
			size_t l = e ? (size_t)(e - s) : (size_t)(end - s);
			if (l == 0 || (l == 1 && s[0] == '.')) {
				/* nothing */
			} else if (l == 2 && s[0] == '.' && s[1] == '.') {
				/* pop the last segment unless it is ".." (or none) */
				char *slash = NULL;
				size_t start;
				size_t i;
				for (i = n; i > 0; i--)
					if (out[i - 1] == '/') {
						slash = out + i - 1;
						break;
					}
				start = slash ? (size_t)(slash - out) + 1 : 0;
				if (n > start && !(n - start == 2 && out[start] == '.' &&
						   out[start + 1] == '.')) {
					n = slash ? (size_t)(slash - out) : 0;
				} else {
					if (n)
						out[n++] = '/';
					out[n++] = '.';
					out[n++] = '.';
				}
			} else {
				if (n)
					out[n++] = '/';
				memcpy(out + n, s, l);
				n += l;
			}
			s += l + (e ? 1 : 0);
		}
	}
	out[n] = '\0';
	return out;
}

/* Directory part of a '/'-separated path ("" when none), in the arena. */
static const char *dirname_of(struct crk_arena *a, const char *p)
{
	const char *slash = strrchr(p, '/');
	return slash ? crk_arena_strndup(a, p, (size_t)(slash - p)) : "";
}

/* ---- shell-like splitting of the options part (Python's shlex.split, POSIX mode) ---- */

struct toks {
	char **v;
	size_t n;
};

/* Returns 0, -1 on ENOMEM, 1 when a quotation is not closed (`*why` says so). */
static int split_options(struct crk_arena *a, const char *s, size_t n, struct toks *out,
			 const char **why)
{
	char *buf, *o;
	size_t i = 0, maxtok = n / 2 + 2, cap;
	if (crk_mul_overflow(n, 2, &cap) || crk_add_overflow(cap, 2, &cap))
		return -1;
	buf = crk_arena_alloc(a, cap);
	out->v = crk_arena_array(a, maxtok, sizeof(*out->v));
	out->n = 0;
	if (!buf || !out->v)
		return -1;
	o = buf;
	while (i < n) {
		char *start;
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
		if (i >= n)
			break;
		start = o;
		while (i < n && !crk_pep508_is_space(s[i])) {
			char c = s[i];
			if (c == '\'') {
				const char *q = memchr(s + i + 1, '\'', n - i - 1);
				if (!q) {
					*why = "no closing quotation";
					return 1;
				}
				memcpy(o, s + i + 1, (size_t)(q - s - i - 1));
				o += q - s - i - 1;
				i = (size_t)(q - s) + 1;
			} else if (c == '"') {
				i++;
				while (i < n && s[i] != '"') {
					if (s[i] == '\\' && i + 1 < n &&
					    (s[i + 1] == '"' || s[i + 1] == '\\'))
						i++;
					*o++ = s[i++];
				}
				if (i >= n) {
					*why = "no closing quotation";
					return 1;
				}
				i++;
			} else if (c == '\\') {
				if (i + 1 >= n) {
					*why = "no escaped character";
					return 1;
				}
				*o++ = s[i + 1];
				i += 2;
			} else {
				*o++ = c;
				i++;
			}
		}
		*o++ = '\0';
		if (out->n < maxtok)
			out->v[out->n++] = start;
	}
	return 0;
}

/* ---- pip's options ---- */

enum opt_id {
	OPT_INDEX_URL,
	OPT_EXTRA_INDEX_URL,
	OPT_NO_INDEX,
	OPT_CONSTRAINT,
	OPT_REQUIREMENT,
	OPT_EDITABLE,
	OPT_FIND_LINKS,
	OPT_NO_BINARY,
	OPT_ONLY_BINARY,
	OPT_PREFER_BINARY,
	OPT_REQUIRE_HASHES,
	OPT_PRE,
	OPT_TRUSTED_HOST,
	OPT_USE_FEATURE,
	OPT_GLOBAL_OPTION,
	OPT_INSTALL_OPTION,
	OPT_HASH,
	OPT_CONFIG_SETTINGS,
};

static const struct opt {
	const char *lng;
	char shrt;
	char value; /* takes a value */
	enum opt_id id;
} pip_opts[] = {
	{"index-url", 'i', 1, OPT_INDEX_URL},
	{"extra-index-url", 0, 1, OPT_EXTRA_INDEX_URL},
	{"no-index", 0, 0, OPT_NO_INDEX},
	{"constraint", 'c', 1, OPT_CONSTRAINT},
	{"requirement", 'r', 1, OPT_REQUIREMENT},
	{"editable", 'e', 1, OPT_EDITABLE},
	{"find-links", 'f', 1, OPT_FIND_LINKS},
	{"no-binary", 0, 1, OPT_NO_BINARY},
	{"only-binary", 0, 1, OPT_ONLY_BINARY},
	{"prefer-binary", 0, 0, OPT_PREFER_BINARY},
	{"require-hashes", 0, 0, OPT_REQUIRE_HASHES},
	{"pre", 0, 0, OPT_PRE},
	{"trusted-host", 0, 1, OPT_TRUSTED_HOST},
	{"use-feature", 0, 1, OPT_USE_FEATURE},
	{"global-option", 0, 1, OPT_GLOBAL_OPTION},
	{"install-option", 0, 1, OPT_INSTALL_OPTION},
	{"hash", 0, 1, OPT_HASH},
	{"config-settings", 'C', 1, OPT_CONFIG_SETTINGS},
};
#define NOPTS (sizeof(pip_opts) / sizeof(pip_opts[0]))

/* optparse's lookup: an exact long name, else the one name it abbreviates. */
static const struct opt *find_long(const char *s, size_t n, int *ambiguous)
{
	const struct opt *hit = NULL;
	size_t i, hits = 0;
	*ambiguous = 0;
	for (i = 0; i < NOPTS; i++) {
		size_t l = strlen(pip_opts[i].lng);
		if (l == n && memcmp(pip_opts[i].lng, s, n) == 0)
			return &pip_opts[i];
		if (n && l > n && memcmp(pip_opts[i].lng, s, n) == 0) {
			hit = &pip_opts[i];
			hits++;
		}
	}
	if (hits > 1)
		*ambiguous = 1;
	return hits == 1 ? hit : NULL;
}

static const struct opt *find_short(char c)
{
	size_t i;
	for (i = 0; i < NOPTS; i++)
		if (pip_opts[i].shrt && pip_opts[i].shrt == c)
			return &pip_opts[i];
	return NULL;
}

struct lineopts {
	const char *requirement, *constraint, *editable; /* first of each */
	struct crk_hash *hashes;
	size_t nhashes;
};

/* Parses the option tokens of one line. Returns 0, -1 on ENOMEM, 1 on a bad option (*why,
 * *what filled). */
static int parse_opts(struct crk_arena *a, const struct toks *t, struct lineopts *lo,
		      const char **why, const char **what)
{
	size_t i;
	memset(lo, 0, sizeof(*lo));
	lo->hashes = crk_arena_array(a, t->n + 1, sizeof(*lo->hashes));
	if (!lo->hashes)
		return -1;
	for (i = 0; i < t->n; i++) {
		const char *tok = t->v[i], *val = NULL;
		const struct opt *o;
		int amb = 0;
		if (tok[0] != '-' || tok[1] == '\0')
			continue; /* a stray argument: optparse collects it, pip ignores it */
		if (tok[1] == '-') {
			const char *eq;
			size_t nl;
			if (tok[2] == '\0')
				break; /* "--": the rest are arguments */
			eq = strchr(tok + 2, '=');
			nl = eq ? (size_t)(eq - tok - 2) : strlen(tok + 2);
			o = find_long(tok + 2, nl, &amb);
			if (!o) {
				*why = amb ? "ambiguous option" : "unknown option";
				*what = tok;
				return 1;
			}
			if (eq && !o->value) {
				*why = "option takes no value";
				*what = tok;
				return 1;
			}
			if (eq)
				val = eq + 1;
		} else {
			o = find_short(tok[1]);
			if (!o) {
				*why = "unknown option";
				*what = tok;
				return 1;
			}
			if (tok[2])
				val = tok + 2;
		}
		if (o->value && !val) {
			if (i + 1 >= t->n) {
				*why = "option requires a value";
				*what = tok;
				return 1;
			}
			val = t->v[++i];
		}
		switch (o->id) {
		case OPT_REQUIREMENT:
			if (!lo->requirement)
				lo->requirement = val;
			break;
		case OPT_CONSTRAINT:
			if (!lo->constraint)
				lo->constraint = val;
			break;
		case OPT_EDITABLE:
			if (!lo->editable)
				lo->editable = val;
			break;
		case OPT_HASH: {
			int r = parse_hash(a, val, &lo->hashes[lo->nhashes]);
			if (r < 0)
				return -1;
			if (r > 0)
				lo->nhashes++;
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

/* ---- the reading ---- */

static int parse_rfile(struct rstate *st, struct rfile *f, struct crk_err *err);

static void warn(struct rstate *st, struct rfile *f, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void warn(struct rstate *st, struct rfile *f, unsigned line, const char *fmt, ...)
{
	struct crk_err e;
	va_list ap;
	if (!st->ctx->diags)
		return;
	va_start(ap, fmt);
	crk_err_vset(&e, CRK_EPARSE, f->path, line, 1, fmt, ap);
	va_end(ap);
	crk_diags_add(st->ctx->diags, &e);
}

static int oom(struct rstate *st, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, st->ctx->path, 0, 0, "out of memory");
}

/* -r / -c: reads the named file once and parses it. */
static int include(struct rstate *st, struct rfile *f, unsigned line, const char *target,
		   int constraint, struct crk_err *err)
{
	struct crk_arena *a = st->ctx->arena;
	const char *kind = constraint ? "constraints" : "requirements";
	struct rfile sub;
	const char *key, *buf, *rel = NULL;
	struct crk_err e;
	void *seen;
	size_t len;
	int rc;

	if (!*target) {
		warn(st, f, line, "empty %s file name", kind);
		return CRK_OK;
	}
	if (crk_pep508_is_url(target, strlen(target))) {
		warn(st, f, line, "remote %s file '%s' is not fetched", kind, target);
		return CRK_OK;
	}
	if (strstr(target, "${")) {
		warn(st, f, line, "%s file '%s' names an environment variable; not read", kind,
		     target);
		return CRK_OK;
	}
	if (target[0] == '/') {
		warn(st, f, line, "%s file '%s' is outside the scanned directory; not read", kind,
		     target);
		return CRK_OK;
	}
	key = join_norm(a, dirname_of(a, f->key), target);
	if (!key)
		return oom(st, err);
	seen = crk_map_get(&st->visited, key, strlen(key));
	if (seen == &visit_active) {
		warn(st, f, line,
		     "%s file '%s' is already being read (an include cycle); not read again", kind,
		     target);
		return CRK_OK;
	}
	if (seen)
		return CRK_OK; /* read already: its components are in */
	if (f->depth + 1 > CRK_MAX_INCLUDES)
		return crk_err_set(err, CRK_ELIMIT, f->path, line, 1,
				   "%s files nested more than %d deep at '%s'", kind,
				   CRK_MAX_INCLUDES, target);
	rc = crk_detect_read(st->ctx, key, CRK_MAX_FILE_SIZE, &buf, &len, &rel, &e);
	if (rc == CRK_ENOTFOUND && !constraint)
		return crk_err_set(err, CRK_EPARSE, f->path, line, 1,
				   "requirements file '%s' does not exist", target);
	if (rc == CRK_ENOTFOUND) {
		warn(st, f, line, "constraints file '%s' does not exist; its pins are not applied",
		     target);
		return CRK_OK;
	}
	if (rc == CRK_ENOMEM) {
		if (err)
			*err = e;
		return rc;
	}
	if (rc && (rc == CRK_EINVAL || constraint)) {
		/* outside the root or through a link (refused on purpose), or a constraints file */
		warn(st, f, line, "%s file '%s' not read: %s", kind, target, e.msg);
		return CRK_OK;
	}
	if (rc)
		return crk_err_set(err, CRK_EPARSE, f->path, line, 1,
				   "requirements file '%s' cannot be read: %s", target, e.msg);
	if (!rel)
		return oom(st, err);
	if (crk_map_put(&st->visited, key, strlen(key), &visit_active))
		return oom(st, err);
	memset(&sub, 0, sizeof(sub));
	sub.key = key;
	sub.path = rel;
	sub.buf = buf;
	sub.len = len;
	sub.constraint = constraint;
	sub.depth = f->depth + 1;
	rc = parse_rfile(st, &sub, err);
	if (rc)
		return rc;
	return crk_map_put(&st->visited, key, strlen(key), &visit_done) ? oom(st, err) : CRK_OK;
}

/* Keeps one requirement: `p` as parsed (only extras and marker set for a URL or a path), `l`
 * what its URL or path says (NULL when it has none). Returns 0 or -1 on ENOMEM. */
static int keep_req(struct rstate *st, struct rfile *f, unsigned line, const struct crk_pep508 *p,
		    const struct crk_pep508_link *l, const struct lineopts *lo, unsigned flags)
{
	struct crk_arena *a = st->ctx->arena;
	struct req *r;
	const char *name = p->name ? p->name : l->name;
	const char *version = p->pin;

	if (!version && l && l->version)
		version = l->version;
	if (f->constraint) {
		/* a constraint: remember an exact pin, add nothing */
		char *key;
		void *old = NULL;
		if (!version || l)
			return 0;
		key = norm_name(a, name, strlen(name));
		if (!key || crk_map_put_new(&st->pins, key, strlen(key), (void *)version, &old))
			return -1;
		if (old && old != &pin_conflict && strcmp(old, version) != 0 &&
		    crk_map_put(&st->pins, key, strlen(key), &pin_conflict))
			return -1;
		return 0;
	}
	r = crk_arena_alloc(a, sizeof(*r));
	if (!r)
		return -1;
	r->path = f->path;
	r->line = line;
	r->name = name;
	r->version = version;
	r->flags = flags;
	if (p->spec && !p->pin)
		r->spec = p->spec;
	/* a PEP 508 requirement without a URL or an exact pin */
	if (p->name && !p->url && !p->pin && !version)
		r->flags |= CRK_PKG_UNPINNED;
	if (p->extras && *p->extras) {
		/* "redis, pytest" -> "redis,pytest" */
		size_t k, xn = strlen(p->extras);
		char *x = crk_arena_alloc(a, xn + 1), *o = x;
		if (!x)
			return -1;
		for (k = 0; k < xn; k++)
			if (!crk_pep508_is_space(p->extras[k]))
				*o++ = p->extras[k];
		*o = '\0';
		if (*x)
			r->extras = x;
	}
	r->marker = p->marker;
	if (l) {
		r->flags |= l->flags;
		r->download_url = l->download_url;
		r->vcs_url = l->vcs_url;
		r->vcs_commit = l->vcs_commit;
		r->vcs_ref = l->vcs_ref;
	}
	r->hashes = lo->hashes;
	r->nhashes = lo->nhashes;
	*st->tail = r;
	st->tail = &r->next;
	return 0;
}

/* A requirement (the part of the line before its options). */
static int requirement(struct rstate *st, struct rfile *f, unsigned line, const char *s, size_t n,
		       const struct lineopts *lo, struct crk_err *err)
{
	struct crk_arena *a = st->ctx->arena;
	struct crk_pep508 p;
	struct crk_pep508_link l, *lp = NULL;
	struct crk_err e;
	const char *body = s, *at;
	const void *semi;
	size_t bn;
	int url = crk_pep508_is_url(s, n), rc;

	memset(&p, 0, sizeof(p));
	/* pip splits the marker off first: at "; " after a URL, at ";" otherwise */
	semi = url ? memmem(s, n, "; ", 2) : memchr(s, ';', n);
	bn = semi ? (size_t)((const char *)semi - s) : n;
	crk_pep508_trim(&body, &bn);
	at = memchr(body, '@', bn);
	if (url || crk_pep508_is_path(body, at ? (size_t)(at - body) : bn) ||
	    (!memchr(body, ' ', bn) && !memchr(body, '\t', bn) &&
	     crk_pep508_is_archive(body, bn))) {
		if (semi) {
			const char *m = (const char *)semi + 1;
			size_t mn = (size_t)(s + n - m);
			crk_pep508_trim(&m, &mn);
			if (mn && !(p.marker = crk_arena_strndup(a, m, mn)))
				return oom(st, err);
		}
		if (!url && bn && body[bn - 1] == ']') {
			/* pip's _strip_extras: "./pkg[extra]" */
			const char *br = NULL, *k;
			for (k = body; k < body + bn; k++)
				if (*k == '[')
					br = k;
			if (br && br > body) {
				p.extras = crk_arena_strndup(a, br + 1,
							     (size_t)(body + bn - br - 2));
				if (!p.extras)
					return oom(st, err);
				bn = (size_t)(br - body);
			}
		}
		if (crk_pep508_parse_link(&l, body, bn, a, NULL))
			return oom(st, err);
		if (!l.name)
			return CRK_OK; /* the local project itself, or an unnamed URL */
		lp = &l;
	} else if ((rc = crk_pep508_parse(&p, s, n, a, &e)) == CRK_ENOMEM) {
		return oom(st, err);
	} else if (rc) {
		warn(st, f, line, "invalid requirement '%.*s': %s", (int)(n > 200 ? 200 : n), s,
		     e.msg);
		return CRK_OK;
	} else if (p.url) {
		/* `name @ URL`: the name is the one written; a wheel's version still pins it */
		lp = &p.link;
	}
	if (keep_req(st, f, line, &p, lp, lo, 0))
		return oom(st, err);
	return CRK_OK;
}

/* -e/--editable: a local project or a VCS URL, named by #egg= (pip's parse_editable). */
static int editable(struct rstate *st, struct rfile *f, unsigned line, const char *spec,
		    const struct lineopts *lo, struct crk_err *err)
{
	size_t n = strlen(spec);
	int url = crk_pep508_is_url(spec, n);
	struct crk_pep508_link l;
	struct crk_pep508 p;
	if (f->constraint)
		return CRK_OK; /* pip refuses editables as constraints */
	memset(&p, 0, sizeof(p));
	if (!url && n && spec[n - 1] == ']') {
		const char *br = strrchr(spec, '[');
		if (br && br > spec) {
			p.extras = crk_arena_strndup(st->ctx->arena, br + 1,
						     (size_t)(spec + n - br - 2));
			if (!p.extras)
				return oom(st, err);
			n = (size_t)(br - spec);
		}
	}
	if (crk_pep508_parse_link(&l, spec, n, st->ctx->arena, NULL))
		return oom(st, err);
	if (!l.name) {
		if (url)
			warn(st, f, line,
			     "editable requirement '%s' names no project (#egg=); skipped", spec);
		return CRK_OK;
	}
	if (keep_req(st, f, line, &p, &l, lo, CRK_PKG_EDITABLE))
		return oom(st, err);
	return CRK_OK;
}

/* One logical line (continuations joined). */
static int handle_line(struct rstate *st, struct rfile *f, unsigned line, const char *s, size_t n,
		       struct crk_err *err)
{
	struct crk_arena *a = st->ctx->arena;
	struct lineopts lo;
	struct toks t;
	const char *why = NULL, *what = NULL, *args = s;
	size_t i, argn;
	int rc;

	/* comments: '#' at the start or after white space, to the end of the line */
	for (i = 0; i < n; i++)
		if (s[i] == '#' && (i == 0 || crk_pep508_is_space(s[i - 1]))) {
			n = i;
			break;
		}
	crk_pep508_trim(&s, &n);
	if (!n)
		return CRK_OK;
	/* arguments end at the first token starting with '-' (pip's break_args_options) */
	for (i = 0; i < n; i++)
		if (s[i] == '-' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	args = s;
	argn = i;
	crk_pep508_trim(&args, &argn);
	memset(&lo, 0, sizeof(lo));
	if (i < n) {
		rc = split_options(a, s + i, n - i, &t, &why);
		if (rc < 0)
			return oom(st, err);
		if (rc > 0) {
			warn(st, f, line, "cannot split options: %s", why);
			return CRK_OK;
		}
		rc = parse_opts(a, &t, &lo, &why, &what);
		if (rc < 0)
			return oom(st, err);
		if (rc > 0) {
			warn(st, f, line, "%s '%s'", why, what);
			return CRK_OK;
		}
	}
	if (argn)
		return requirement(st, f, line, args, argn, &lo, err);
	if (lo.editable)
		return editable(st, f, line, lo.editable, &lo, err);
	if (lo.requirement)
		return include(st, f, line, lo.requirement, 0, err);
	if (lo.constraint)
		return include(st, f, line, lo.constraint, 1, err);
	return CRK_OK;
}

static int is_comment_line(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && crk_pep508_is_space(s[i]))
		i++;
	return i < n && s[i] == '#';
}

static int line_too_long(struct rfile *f, unsigned line, struct crk_err *err)
{
	return crk_err_set(err, CRK_ELIMIT, f->path, line, 1, "line longer than %zu bytes",
			   (size_t)CRK_MAX_LINE);
}

/* Joins continued lines (pip's join_lines) and handles each logical line. */
static int parse_rfile(struct rstate *st, struct rfile *f, struct crk_err *err)
{
	struct crk_strbuf joined = CRK_STRBUF_INIT(CRK_MAX_LINE);
	struct crk_line_iter it;
	const char *s;
	size_t n;
	unsigned primary = 0;
	int pending = 0, rc = CRK_OK;

	crk_line_iter_init(&it, f->buf, f->len);
	if (f->len >= 3 && memcmp(f->buf, "\xef\xbb\xbf", 3) == 0)
		it.pos = 3;
	while (!rc && crk_line_iter_next(&it, &s, &n)) {
		int comment = is_comment_line(s, n);
		if (n > CRK_MAX_LINE || (pending && n + 1 > CRK_MAX_LINE - joined.len)) {
			rc = line_too_long(f, pending ? primary : it.lineno, err);
			break;
		}
		if (!n || s[n - 1] != '\\' || comment) {
			if (!pending) {
				rc = handle_line(st, f, it.lineno, s, n, err);
				continue;
			}
			if (comment)
				crk_strbuf_addch(&joined, ' ');
			crk_strbuf_add(&joined, s, n);
			if (!crk_strbuf_ok(&joined)) {
				rc = oom(st, err);
				break;
			}
			rc = handle_line(st, f, primary, joined.buf, joined.len, err);
			crk_strbuf_reset(&joined);
			pending = 0;
			continue;
		}
		if (!pending) {
			primary = it.lineno;
			pending = 1;
		}
		while (n && s[n - 1] == '\\')
			n--;
		while (n && s[0] == '\\') {
			s++;
			n--;
		}
		if (crk_strbuf_add(&joined, s, n)) {
			rc = oom(st, err);
			break;
		}
	}
	if (!rc && pending)
		rc = handle_line(st, f, primary, joined.buf, joined.len, err);
	crk_strbuf_release(&joined);
	return rc;
}

/* Adds what was kept, once every file (and constraints file) is read. */
static int emit(struct rstate *st, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = st->ctx;
	struct req *r;
	for (r = st->head; r; r = r->next) {
		struct crk_pkg pkg;
		struct crk_kv props[5];
		size_t np = 0, id;
		int rc;
		crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
		pkg.name = r->name;
		pkg.version = r->version;
		pkg.flags = r->flags;
		if (!r->version && (r->flags & CRK_PKG_UNPINNED) && st->pins.n) {
			char *key = norm_name(ctx->arena, r->name, strlen(r->name));
			void *pin;
			if (!key)
				return oom(st, err);
			pin = crk_map_get(&st->pins, key, strlen(key));
			if (pin && pin != &pin_conflict) {
				pkg.version = pin;
				pkg.flags &= ~(unsigned)CRK_PKG_UNPINNED;
				props[np].key = "pinned_by";
				props[np++].value = "constraint";
			}
		}
		if (r->spec) {
			props[np].key = "specifier";
			props[np++].value = r->spec;
		}
		if (r->extras) {
			props[np].key = "extras";
			props[np++].value = r->extras;
		}
		if (r->marker) {
			props[np].key = "marker";
			props[np++].value = r->marker;
		}
		if (r->vcs_ref) {
			props[np].key = "vcs_ref";
			props[np++].value = r->vcs_ref;
		}
		pkg.props = np ? props : NULL;
		pkg.nprops = np;
		pkg.download_url = r->download_url;
		pkg.vcs_url = r->vcs_url;
		pkg.vcs_commit = r->vcs_commit;
		pkg.hashes = r->nhashes ? r->hashes : NULL;
		pkg.nhashes = r->nhashes;
		pkg.path = r->path;
		pkg.line = r->line;
		rc = crk_detect_add(ctx, &pkg, &id, err);
		if (rc)
			return rc;
		if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
			return oom(st, err);
	}
	return CRK_OK;
}

static int requirements_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct rstate st;
	struct rfile top;
	int rc;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.tail = &st.head;
	crk_map_init(&st.visited);
	crk_map_init(&st.pins);
	memset(&top, 0, sizeof(top));
	top.key = ctx->name;
	top.path = ctx->path;
	top.buf = ctx->buf;
	top.len = ctx->len;
	if (crk_map_put(&st.visited, top.key, strlen(top.key), &visit_active)) {
		rc = oom(&st, err);
		goto out;
	}
	rc = parse_rfile(&st, &top, err);
	if (!rc) {
		rc = emit(&st, err);
	} else if (rc == CRK_EPARSE || rc == CRK_ELIMIT) {
		/* what was read before the error still tells something (detect.h) */
		struct crk_err e2;
		if (emit(&st, &e2) == CRK_ENOMEM) {
			if (err)
				*err = e2;
			rc = CRK_ENOMEM;
		}
	}
out:
	crk_map_release(&st.visited);
	crk_map_release(&st.pins);
	return rc;
}

/* requirements*.txt and *requirements.txt, as pip projects name them: the base name contains
 * "requirements" and ends in ".txt" (what osv-scanner and osv-scalibr accept; a .txt file in a
 * requirements/ directory without the word in its own name is not taken: too many are not pip
 * files). */
static int requirements_match(const char *relpath, size_t rellen, const char *name)
{
	size_t n = strlen(name);
	(void)relpath;
	(void)rellen;
	return n > 4 && memcmp(name + n - 4, ".txt", 4) == 0 &&
	       memmem(name, n - 4, "requirements", 12);
}

static const char *const requirements_names[] = {"requirements.txt", NULL};

const struct crk_detector crk_detector_requirements = {
	.name = "pypi/requirements",
	.ecosystem = "PyPI",
	.names = requirements_names,
	.match = requirements_match,
	.parse = requirements_parse,
	.doc = "requirements*.txt, *requirements.txt (pip), with the files they include",
};
