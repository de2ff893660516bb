/*
 * pep508.c - PEP 508 dependency specifiers and pip's requirement links; pep508.h says what is
 * accepted. The requirement is read in one pass over slices of the input (struct slices); only
 * a parse that succeeds copies them into the arena, so a failed one leaves *out all NULL.
 */
#include <limits.h>
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "formats/pep508.h"
#include "base/banned.h"

/* ---- small helpers ---- */

int crk_pep508_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

void crk_pep508_trim(const char **s, size_t *n)
{
	while (*n && crk_pep508_is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && crk_pep508_is_space((*s)[*n - 1]))
		(*n)--;
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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

static int oom(struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- how pip tells a URL or a path from a requirement ---- */

int crk_pep508_is_archive(const char *s, size_t n)
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
int crk_pep508_is_url(const char *s, size_t n)
{
	static const char *const schemes[] = {
		"http:", "https:", "file:", "ftp:", "git+", "hg+", "svn+", "bzr+"};
	size_t i;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (has_prefix_ci(s, n, schemes[i]))
			return 1;
	return 0;
}

int crk_pep508_is_path(const char *s, size_t n)
{
	return (n && s[0] == '.') || memchr(s, '/', n) || memchr(s, '\\', n);
}

/* ---- requirements ---- */

/* What a requirement says, as slices of the input (not NUL-terminated). */
struct slices {
	const char *name, *extras, *url, *spec, *pin, *marker;
	size_t name_n, extras_n, url_n, spec_n, pin_n, marker_n;
};

/* Returns 0, or 1 when s is not a requirement: *why says why, *at where (an offset in s). */
static int parse_slices(const char *s, size_t n, struct slices *r, const char **why, size_t *at)
{
	size_t i = 0, clauses = 0, pins = 0;
	int paren = 0;
	while (i < n && (is_alnum(s[i]) || s[i] == '.' || s[i] == '_' || s[i] == '-'))
		i++;
	if (!valid_name(s, i)) {
		*why = i ? "invalid project name" : "missing project name";
		*at = 0;
		return 1;
	}
	r->name = s;
	r->name_n = i;
	while (i < n && crk_pep508_is_space(s[i]))
		i++;
	if (i < n && s[i] == '[') {
		const char *close = memchr(s + i, ']', n - i);
		size_t k;
		if (!close) {
			*why = "unclosed '[' of extras";
			*at = i;
			return 1;
		}
		r->extras = s + i + 1;
		r->extras_n = (size_t)(close - s) - i - 1;
		for (k = 0; k < r->extras_n; k++) {
			char c = r->extras[k];
			if (!is_alnum(c) && c != '.' && c != '_' && c != '-' && c != ',' &&
			    !crk_pep508_is_space(c)) {
				*why = "invalid extras";
				*at = i + 1 + k;
				return 1;
			}
		}
		i = (size_t)(close - s) + 1;
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
	}
	if (i < n && s[i] == '@') {
		i++;
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
		r->url = s + i;
		while (i < n && !crk_pep508_is_space(s[i]))
			i++;
		r->url_n = (size_t)(s + i - r->url);
		if (!r->url_n) {
			*why = "missing URL after '@'";
			*at = i;
			return 1;
		}
		while (i < n && crk_pep508_is_space(s[i]))
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
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
		if (i >= n || s[i] == ';' || (paren && s[i] == ')')) {
			if (clauses) {
				*why = "missing version specifier after ','";
				*at = i;
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
			*at = i;
			return 1;
		}
		i += strlen(op);
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
		v = s + i;
		while (i < n && !crk_pep508_is_space(s[i]) && s[i] != ',' && s[i] != ';' &&
		       s[i] != ')')
			i++;
		vn = (size_t)(s + i - v);
		if (!vn) {
			*why = "missing version after the operator";
			*at = i;
			return 1;
		}
		for (k = 0; k < vn; k++) {
			char c = v[k];
			if (c == '$' && k + 1 < vn && v[k + 1] == '{') {
				const char *close = memchr(v + k, '}', vn - k);
				if (!close) {
					*why = "unclosed '${' in version";
					*at = (size_t)(v - s) + k;
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
				*at = (size_t)(v - s) + k;
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
		while (i < n && crk_pep508_is_space(s[i]))
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
			*at = i;
			return 1;
		}
		i++;
		while (i < n && crk_pep508_is_space(s[i]))
			i++;
	}
	if (pins != 1) {
		r->pin = NULL;
		r->pin_n = 0;
	}
marker:
	if (i < n && s[i] == ';') {
		r->marker = s + i + 1;
		r->marker_n = n - i - 1;
		crk_pep508_trim(&r->marker, &r->marker_n);
		if (!r->marker_n) {
			*why = "empty environment marker";
			*at = i;
			return 1;
		}
		i = n;
	}
	if (i < n) {
		*why = r->url ? "unexpected text after the URL"
			      : "unexpected text after the version";
		*at = i;
		return 1;
	}
	return 0;
}

/* ---- links ---- */

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
static int parse_link(struct crk_arena *a, const char *s, size_t n, int is_url,
		      struct crk_pep508_link *l)
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
		const char *sep = memmem(s, base_n, "://", 3);
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

/* ---- the entry points ---- */

/* An arena copy of a slice, or NULL for an absent one; *fail set on ENOMEM. */
static const char *dup_slice(struct crk_arena *a, const char *s, size_t n, int *fail)
{
	char *d;
	if (!s)
		return NULL;
	d = crk_arena_strndup(a, s, n);
	if (!d)
		*fail = 1;
	return d;
}

int crk_pep508_parse(struct crk_pep508 *out, const char *s, size_t n, struct crk_arena *a,
		     struct crk_err *err)
{
	struct slices r;
	struct crk_pep508 p;
	const char *why = NULL;
	size_t at = 0;
	int fail = 0;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if (parse_slices(s, n, &r, &why, &at))
		return crk_err_set(err, CRK_EPARSE, NULL, 0, at < UINT_MAX ? (unsigned)at + 1 : 0,
				   "%s", why);
	p.name = dup_slice(a, r.name, r.name_n, &fail);
	p.extras = dup_slice(a, r.extras, r.extras_n, &fail);
	p.url = dup_slice(a, r.url, r.url_n, &fail);
	memset(&p.link, 0, sizeof(p.link));
	if (r.url && parse_link(a, r.url, r.url_n, crk_pep508_is_url(r.url, r.url_n), &p.link))
		fail = 1;
	p.spec = r.spec_n ? dup_slice(a, r.spec, r.spec_n, &fail) : NULL;
	p.pin = dup_slice(a, r.pin, r.pin_n, &fail);
	p.marker = dup_slice(a, r.marker, r.marker_n, &fail);
	if (fail)
		return oom(err);
	*out = p;
	return CRK_OK;
}

int crk_pep508_parse_link(struct crk_pep508_link *out, const char *s, size_t n,
			  struct crk_arena *a, struct crk_err *err)
{
	if (parse_link(a, s, n, crk_pep508_is_url(s, n), out)) {
		memset(out, 0, sizeof(*out));
		return oom(err);
	}
	return CRK_OK;
}
