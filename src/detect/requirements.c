/*
 * requirements.c - pip requirements files (requirements.txt, requirements-dev.txt, ...).
 *
 * Format: pip's "Requirements File Format",
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/, with PEP 508 requirement
 * specifiers (https://peps.python.org/pep-0508/). The reading follows pip's own
 * src/pip/_internal/req/req_file.py step by step, re-implemented here:
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

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_ws((*s)[*n - 1]))
		(*n)--;
}

static int has_suffix(const char *s, size_t n, const char *suf)
{
	size_t l = strlen(suf);
	return n >= l && memcmp(s + n - l, suf, l) == 0;
}

static int has_prefix_ci(const char *s, size_t n, const char *pre)
{
	size_t i, l = strlen(pre);
	if (n < l)
		return 0;
	for (i = 0; i < l; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != pre[i])
			return 0;
	}
	return 1;
}

static const void *memmem_lit(const char *s, size_t n, const char *lit)
{
	return memmem(s, n, lit, strlen(lit));
}

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

/* A PEP 508 project name: alphanumerics, with . _ - inside. */
static int valid_name(const char *s, size_t n)
{
	size_t i;
	if (!n || !is_alnum(s[0]) || !is_alnum(s[n - 1]))
		return 0;
	for (i = 0; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
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
	for (i = 0; i < n; i++) {
		if (!is_hex(hex[i]))
			return 0;
		if (hex[i] >= 'A' && hex[i] <= 'F')
			hex[i] = (char)(hex[i] - 'A' + 'a');
	}
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
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n)
			break;
		start = o;
		while (i < n && !is_ws(s[i])) {
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

/* ---- requirements ---- */

/* What one requirement line says, before it is kept. Slices are not NUL-terminated. */
struct preq {
	const char *name, *extras, *url, *spec, *pin, *marker, *path;
	size_t name_n, extras_n, url_n, spec_n, pin_n, marker_n, path_n;
	int unpinned;
};

static int is_archive(const char *s, size_t n)
{
	static const char *const exts[] = {".whl",     ".zip",	  ".tar.gz",   ".tgz",
					   ".tar.bz2", ".tbz",	  ".tar.xz",   ".txz",
					   ".tlz",     ".tar.lz", ".tar.lzma", ".tar"};
	size_t i;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (has_suffix(s, n, exts[i]))
			return 1;
	return 0;
}

/* pip's is_url(): a scheme pip can install from. */
static int is_pip_url(const char *s, size_t n)
{
	static const char *const schemes[] = {
		"http:", "https:", "file:", "ftp:", "git+", "hg+", "svn+", "bzr+"};
	size_t i;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (has_prefix_ci(s, n, schemes[i]))
			return 1;
	return 0;
}

static int looks_like_path(const char *s, size_t n)
{
	return (n && s[0] == '.') || memchr(s, '/', n) || memchr(s, '\\', n);
}

/* Parses a PEP 508 requirement. Returns 0, or 1 when it is not one (*why says why). */
static int parse_pep508(const char *s, size_t n, struct preq *r, const char **why)
{
	size_t i = 0, clauses = 0, pins = 0;
	int paren = 0;
	while (i < n && (is_alnum(s[i]) || s[i] == '.' || s[i] == '_' || s[i] == '-'))
		i++;
	if (!valid_name(s, i)) {
		*why = i ? "invalid project name" : "missing project name";
		return 1;
	}
	r->name = s;
	r->name_n = i;
	while (i < n && is_ws(s[i]))
		i++;
	if (i < n && s[i] == '[') {
		const char *close = memchr(s + i, ']', n - i);
		size_t k;
		if (!close) {
			*why = "unclosed '[' of extras";
			return 1;
		}
		r->extras = s + i + 1;
		r->extras_n = (size_t)(close - s) - i - 1;
		for (k = 0; k < r->extras_n; k++) {
			char c = r->extras[k];
			if (!is_alnum(c) && c != '.' && c != '_' && c != '-' && c != ',' &&
			    !is_ws(c)) {
				*why = "invalid extras";
				return 1;
			}
		}
		i = (size_t)(close - s) + 1;
		while (i < n && is_ws(s[i]))
			i++;
	}
	if (i < n && s[i] == '@') {
		i++;
		while (i < n && is_ws(s[i]))
			i++;
		r->url = s + i;
		while (i < n && !is_ws(s[i]))
			i++;
		r->url_n = (size_t)(s + i - r->url);
		if (!r->url_n) {
			*why = "missing URL after '@'";
			return 1;
		}
		while (i < n && is_ws(s[i]))
			i++;
		goto marker;
	}
	if (i < n && s[i] == '(') {
		paren = 1;
		i++;
	}
	r->spec = s + i;
	for (;;) {
		static const char *const ops[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};
		const char *op = NULL, *v;
		size_t k, vn;
		int wild = 0, env = 0;
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n || s[i] == ';' || (paren && s[i] == ')')) {
			if (clauses) {
				*why = "missing version specifier after ','";
				return 1;
			}
			break;
		}
		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
			if (crk_bytes_prefix(s + i, n - i, ops[k])) {
				op = ops[k];
				break;
			}
		if (!op) {
			*why = clauses || paren ? "expected a version specifier"
						: "unexpected text after the project name";
			return 1;
		}
		i += strlen(op);
		while (i < n && is_ws(s[i]))
			i++;
		v = s + i;
		while (i < n && !is_ws(s[i]) && s[i] != ',' && s[i] != ';' && s[i] != ')')
			i++;
		vn = (size_t)(s + i - v);
		if (!vn) {
			*why = "missing version after the operator";
			return 1;
		}
		for (k = 0; k < vn; k++) {
			char c = v[k];
			if (c == '$' && k + 1 < vn && v[k + 1] == '{') {
				const char *close = memchr(v + k, '}', vn - k);
				if (!close) {
					*why = "unclosed '${' in version";
					return 1;
				}
				env = 1;
				k = (size_t)(close - v);
				continue;
			}
			if (c == '*' && k == vn - 1 && k >= 1 && v[k - 1] == '.' &&
			    (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0)) {
				wild = 1;
				continue;
			}
			if (strcmp(op, "===") != 0 && !is_alnum(c) && c != '.' && c != '_' &&
			    c != '-' && c != '+' && c != '!') {
				*why = "invalid character in version";
				return 1;
			}
		}
		clauses++;
		if ((strcmp(op, "==") == 0 || strcmp(op, "===") == 0) && !wild && !env) {
			if (!pins || !(r->pin_n == vn && memcmp(r->pin, v, vn) == 0))
				pins++;
			r->pin = v;
			r->pin_n = vn;
		}
		while (i < n && is_ws(s[i]))
			i++;
		r->spec_n = (size_t)(s + i - r->spec);
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		break;
	}
	if (paren) {
		if (i >= n || s[i] != ')') {
			*why = "unclosed '(' of the version specifier";
			return 1;
		}
		i++;
		while (i < n && is_ws(s[i]))
			i++;
	}
	if (pins != 1) {
		r->pin = NULL;
		r->pin_n = 0;
	}
	r->unpinned = !r->pin;
marker:
	if (i < n && s[i] == ';') {
		r->marker = s + i + 1;
		r->marker_n = n - i - 1;
		trim(&r->marker, &r->marker_n);
		if (!r->marker_n) {
			*why = "empty environment marker";
			return 1;
		}
		i = n;
	}
	if (i < n) {
		*why = r->url ? "unexpected text after the URL"
			      : "unexpected text after the version";
		return 1;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* Percent-decodes into the arena. */
static char *pct_decode(struct crk_arena *a, const char *s, size_t n)
{
	char *out = crk_arena_alloc(a, n + 1), *o = out;
	size_t i;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
			continue;
		}
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/* What a URL or path says about the project it installs. Strings in the arena. */
struct link {
	const char *name, *version; /* from a wheel file name or #egg=; NULL when unknown */
	const char *download_url, *vcs_url, *vcs_commit, *vcs_ref;
	unsigned flags;
};

static int looks_like_commit(const char *s, size_t n)
{
	size_t i;
	if (n < 7 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

/* Reads a URL (scheme "://" ...) or a local path. Returns 0 or -1 on ENOMEM. */
static int parse_link(struct crk_arena *a, const char *s, size_t n, int is_url, struct link *l)
{
	const char *hash = memchr(s, '#', n), *q, *file, *slash;
	size_t base_n = hash ? (size_t)(hash - s) : n, fn;
	memset(l, 0, sizeof(*l));
	/* #egg=name (pip's egg_fragment; & separates fragment parameters) */
	if (hash) {
		const char *f = hash + 1, *end = s + n;
		while (f < end) {
			const char *amp = memchr(f, '&', (size_t)(end - f));
			size_t pl = amp ? (size_t)(amp - f) : (size_t)(end - f);
			if (pl > 4 && memcmp(f, "egg=", 4) == 0) {
				const char *nm = f + 4;
				size_t nn = pl - 4;
				const char *br = memchr(nm, '[', nn);
				if (br)
					nn = (size_t)(br - nm);
				if (valid_name(nm, nn)) {
					l->name = crk_arena_strndup(a, nm, nn);
					if (!l->name)
						return -1;
				}
			}
			f += pl + (amp ? 1 : 0);
		}
	}
	/* the file name: last path segment before any query */
	q = memchr(s, '?', base_n);
	if (q)
		base_n = (size_t)(q - s);
	file = s;
	for (slash = s; slash < s + base_n; slash++)
		if (*slash == '/' || *slash == '\\')
			file = slash + 1;
	fn = (size_t)(s + base_n - file);
	if (has_suffix(file, fn, ".whl")) {
		/* {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl */
		char *dec = pct_decode(a, file, fn - 4);
		size_t parts = 1, k;
		if (!dec)
			return -1;
		for (k = 0; dec[k]; k++)
			parts += dec[k] == '-';
		if (parts == 5 || parts == 6) {
			char *dash = strchr(dec, '-'), *dash2;
			dash2 = strchr(dash + 1, '-');
			if (valid_name(dec, (size_t)(dash - dec)) && dash2 > dash + 1) {
				*dash = '\0';
				*dash2 = '\0';
				l->name = dec;
				l->version = dash + 1;
			}
		}
	}
	if (!is_url) {
		l->flags = CRK_PKG_LOCAL;
		return 0;
	}
	if (has_prefix_ci(s, n, "file:")) {
		l->flags = CRK_PKG_LOCAL;
		return 0;
	}
	if (has_prefix_ci(s, n, "git+") || has_prefix_ci(s, n, "hg+") ||
	    has_prefix_ci(s, n, "svn+") || has_prefix_ci(s, n, "bzr+")) {
		/* vcs+scheme://netloc/path@rev#fragment: the revision is after the last '@' of the
		 * path (pip's get_url_rev_and_auth), never in the user@host part */
		const char *sep = memmem_lit(s, base_n, "://");
		const char *path =
			sep ? memchr(sep + 3, '/', (size_t)(s + base_n - sep - 3)) : NULL;
		const char *at = NULL, *p;
		size_t urln = base_n;
		int git = has_prefix_ci(s, n, "git+");
		if (path)
			for (p = path; p < s + base_n; p++)
				if (*p == '@')
					at = p;
		if (at) {
			const char *rev = at + 1;
			size_t revn = (size_t)(s + base_n - rev);
			urln = (size_t)(at - s);
			if (revn) {
				char *r = crk_arena_strndup(a, rev, revn);
				if (!r)
					return -1;
				if (looks_like_commit(rev, revn))
					l->vcs_commit = r;
				else
					l->vcs_ref = r;
			}
		}
		/* "git+https://host/x" -> "https://host/x", a URL git itself clones */
		l->vcs_url =
			git ? crk_arena_strndup(a, s + 4, urln - 4) : crk_arena_strndup(a, s, urln);
		if (!l->vcs_url)
			return -1;
		l->flags = git ? CRK_PKG_GIT : CRK_PKG_URL;
		return 0;
	}
	l->download_url = crk_arena_strndup(a, s, hash ? (size_t)(hash - s) : n);
	if (!l->download_url)
		return -1;
	l->flags = CRK_PKG_URL;
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
	if (is_pip_url(target, strlen(target))) {
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

static int keep_req(struct rstate *st, struct rfile *f, unsigned line, const struct preq *p,
		    const struct link *l, const struct lineopts *lo, unsigned flags)
{
	struct crk_arena *a = st->ctx->arena;
	struct req *r;
	const char *name = p->name ? p->name : l->name;
	size_t name_n = p->name ? p->name_n : strlen(l->name);
	const char *version = NULL;

	if (p->pin) {
		version = crk_arena_strndup(a, p->pin, p->pin_n);
		if (!version)
			return -1;
	} else if (l && l->version) {
		version = l->version;
	}
	if (f->constraint) {
		/* a constraint: remember an exact pin, add nothing */
		char *key;
		void *old = NULL;
		if (!version || l)
			return 0;
		key = norm_name(a, name, name_n);
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
	r->name = crk_arena_strndup(a, name, name_n);
	r->version = version;
	r->flags = flags;
	if (!r->name)
		return -1;
	if (p->spec_n && !p->pin) {
		r->spec = crk_arena_strndup(a, p->spec, p->spec_n);
		if (!r->spec)
			return -1;
	}
	if (p->unpinned && !version)
		r->flags |= CRK_PKG_UNPINNED;
	if (p->extras_n) {
		/* "redis, pytest" -> "redis,pytest" */
		char *x = crk_arena_alloc(a, p->extras_n + 1), *o = x;
		size_t k;
		if (!x)
			return -1;
		for (k = 0; k < p->extras_n; k++)
			if (!is_ws(p->extras[k]))
				*o++ = p->extras[k];
		*o = '\0';
		if (*x)
			r->extras = x;
	}
	if (p->marker_n) {
		r->marker = crk_arena_strndup(a, p->marker, p->marker_n);
		if (!r->marker)
			return -1;
	}
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
	struct preq p;
	struct link l, *lp = NULL;
	const char *why = NULL, *body = s, *at;
	const void *semi;
	size_t bn;
	int url = is_pip_url(s, n);

	memset(&p, 0, sizeof(p));
	/* pip splits the marker off first: at "; " after a URL, at ";" otherwise */
	semi = url ? memmem_lit(s, n, "; ") : memchr(s, ';', n);
	bn = semi ? (size_t)((const char *)semi - s) : n;
	trim(&body, &bn);
	at = memchr(body, '@', bn);
	if (url || looks_like_path(body, at ? (size_t)(at - body) : bn) ||
	    (!memchr(body, ' ', bn) && !memchr(body, '\t', bn) && is_archive(body, bn))) {
		if (semi) {
			p.marker = (const char *)semi + 1;
			p.marker_n = (size_t)(s + n - p.marker);
			trim(&p.marker, &p.marker_n);
		}
		if (!url && bn && body[bn - 1] == ']') {
			/* pip's _strip_extras: "./pkg[extra]" */
			const char *br = NULL, *k;
			for (k = body; k < body + bn; k++)
				if (*k == '[')
					br = k;
			if (br && br > body) {
				p.extras = br + 1;
				p.extras_n = (size_t)(body + bn - br - 2);
				bn = (size_t)(br - body);
			}
		}
		if (parse_link(a, body, bn, url, &l))
			return oom(st, err);
		if (!l.name)
			return CRK_OK; /* the local project itself, or an unnamed URL */
		lp = &l;
	} else if (parse_pep508(s, n, &p, &why)) {
		warn(st, f, line, "invalid requirement '%.*s': %s", (int)(n > 200 ? 200 : n), s,
		     why);
		return CRK_OK;
	} else if (p.url) {
		/* `name @ URL`: the name is the one written; a wheel's version still pins it */
		if (parse_link(a, p.url, p.url_n, is_pip_url(p.url, p.url_n), &l))
			return oom(st, err);
		lp = &l;
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
	int url = is_pip_url(spec, n);
	struct link l;
	struct preq p;
	if (f->constraint)
		return CRK_OK; /* pip refuses editables as constraints */
	memset(&p, 0, sizeof(p));
	if (!url && n && spec[n - 1] == ']') {
		const char *br = strrchr(spec, '[');
		if (br && br > spec) {
			p.extras = br + 1;
			p.extras_n = (size_t)(spec + n - br - 2);
			n = (size_t)(br - spec);
		}
	}
	if (parse_link(st->ctx->arena, spec, n, url, &l))
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
		if (s[i] == '#' && (i == 0 || is_ws(s[i - 1]))) {
			n = i;
			break;
		}
	trim(&s, &n);
	if (!n)
		return CRK_OK;
	/* arguments end at the first token starting with '-' (pip's break_args_options) */
	for (i = 0; i < n; i++)
		if (s[i] == '-' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	args = s;
	argn = i;
	trim(&args, &argn);
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
	while (i < n && is_ws(s[i]))
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
	return n > 4 && has_suffix(name, n, ".txt") && memmem_lit(name, n - 4, "requirements");
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
