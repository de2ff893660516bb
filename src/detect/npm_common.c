/* npm_common.c - see npm_common.h. */
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

int crk_npm__set_name(struct crk_arena *a, struct crk_pkg *pkg, const char *name, size_t len)
{
	const char *slash = len > 1 && name[0] == '@' ? memchr(name, '/', len) : NULL;
	if (slash && slash > name + 1 && (size_t)(slash - name) + 1 < len) {
		pkg->ns = crk_arena_strndup(a, name, (size_t)(slash - name));
		pkg->name = crk_arena_strndup(a, slash + 1, len - (size_t)(slash - name) - 1);
		return pkg->ns && pkg->name ? 0 : -1;
	}
	pkg->ns = NULL;
	pkg->name = crk_arena_strndup(a, name, len);
	return pkg->name ? 0 : -1;
}

/* ---- hashes ---- */

static const struct {
	const char *sri, *alg;
	size_t bytes;
} hash_algs[] = {
	{"sha512", "SHA-512", 64}, {"sha384", "SHA-384", 48}, {"sha256", "SHA-256", 32},
	{"sha1", "SHA-1", 20},     {"md5", "MD5", 16},
};

static int b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decodes base64 (standard or URL alphabet, optional padding) into at most `max` bytes.
 * Returns the length, or -1 when it is not base64 or too long. */
static long b64_decode(const char *s, size_t n, unsigned char *out, size_t max)
{
	unsigned acc = 0;
	size_t i, o = 0;
	int bits = 0;
	while (n && s[n - 1] == '=')
		n--;
	for (i = 0; i < n; i++) {
		int v = b64val((unsigned char)s[i]);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= max)
				return -1;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return (long)o;
}

static int has_alg(const struct crk_hash *out, size_t n, const char *alg)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(out[i].alg, alg) == 0)
			return 1;
	return 0;
}

static char *to_hex(struct crk_arena *a, const unsigned char *d, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char *h = crk_arena_alloc(a, n * 2 + 1);
	size_t i;
	if (!h)
		return NULL;
	for (i = 0; i < n; i++) {
		h[2 * i] = hx[d[i] >> 4];
		h[2 * i + 1] = hx[d[i] & 15];
	}
	return h;
}

int crk_npm__sri(struct crk_arena *a, const char *s, size_t n, struct crk_hash *out, size_t *nout,
		 size_t max)
{
	size_t i = 0;
	while (i < n) {
		size_t start, end, k, dash;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		start = i;
		while (i < n && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		end = i;
		for (dash = start; dash < end && s[dash] != '-'; dash++)
			;
		if (dash >= end)
			continue;
		for (k = 0; k < sizeof(hash_algs) / sizeof(hash_algs[0]); k++) {
			unsigned char d[64];
			const char *b64 = s + dash + 1, *q;
			size_t blen = end - dash - 1;
			long got;
			if (strlen(hash_algs[k].sri) != dash - start ||
			    memcmp(hash_algs[k].sri, s + start, dash - start) != 0)
				continue;
			q = memchr(b64, '?', blen); /* SRI options */
			if (q)
				blen = (size_t)(q - b64);
			got = b64_decode(b64, blen, d, sizeof(d));
			if (got != (long)hash_algs[k].bytes || *nout >= max ||
			    has_alg(out, *nout, hash_algs[k].alg))
				break;
			out[*nout].alg = hash_algs[k].alg;
			out[*nout].value = to_hex(a, d, (size_t)got);
			if (!out[*nout].value)
				return -1;
			(*nout)++;
			break;
		}
	}
	return 0;
}

int crk_npm__hex_hash(struct crk_arena *a, const char *alg, const char *hex, size_t n,
		      struct crk_hash *out, size_t *nout, size_t max)
{
	size_t k, i;
	char *v;
	for (k = 0; k < sizeof(hash_algs) / sizeof(hash_algs[0]); k++)
		if (strcmp(hash_algs[k].alg, alg) == 0)
			break;
	if (k == sizeof(hash_algs) / sizeof(hash_algs[0]) || n != 2 * hash_algs[k].bytes ||
	    *nout >= max || has_alg(out, *nout, hash_algs[k].alg))
		return 0;
	for (i = 0; i < n; i++) {
		char c = hex[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	v = crk_arena_strndup(a, hex, n);
	if (!v)
		return -1;
	for (i = 0; i < n; i++)
		if (v[i] >= 'A' && v[i] <= 'F')
			v[i] = (char)(v[i] - 'A' + 'a');
	out[*nout].alg = hash_algs[k].alg;
	out[*nout].value = v;
	(*nout)++;
	return 0;
}

/* ---- sources ---- */

static int is_word(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

static int all_word(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_word(s[i]))
			return 0;
	return 1;
}

static const char *memmem_s(const char *h, size_t hn, const char *needle)
{
	return memmem(h, hn, needle, strlen(needle));
}

static int has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(s, p, k) == 0;
}

/* Where the scheme `sch` ("git+ssh://") starts: at 0, or right after an '@' (a yarn
 * "name@git+ssh://..." descriptor). Returns 1 when found. */
static int scheme_at(const char *s, size_t n, const char *sch)
{
	const char *p;
	if (has_prefix(s, n, sch))
		return 1;
	p = memmem_s(s, n, sch);
	return p && p > s && p[-1] == '@';
}

char *crk_npm__clean_url(struct crk_arena *a, const char *s, size_t n)
{
	const char *sep = memmem_s(s, n, "://"), *auth, *end, *at;
	char *r;
	if (!sep || (size_t)(sep - s) > 16 || !memmem_s(s, (size_t)(sep - s), "http"))
		return crk_arena_strndup(a, s, n);
	auth = sep + 3;
	for (end = auth; end < s + n && *end != '/' && *end != '?' && *end != '#'; end++)
		;
	at = NULL;
	for (const char *p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	if (!at)
		return crk_arena_strndup(a, s, n);
	r = crk_arena_alloc(a, n + 1);
	if (!r)
		return NULL;
	memcpy(r, s, (size_t)(auth - s));
	memcpy(r + (auth - s), at + 1, (size_t)(s + n - at - 1));
	r[(auth - s) + (s + n - at - 1)] = '\0';
	return r;
}

/* The value of query parameter `key` in s[0..n) (up to '&' or '#'). */
static int query_param(const char *s, size_t n, const char *key, const char **v, size_t *vn)
{
	const char *q = memchr(s, '?', n), *end = s + n, *p;
	size_t kl = strlen(key);
	if (!q)
		return 0;
	p = q + 1;
	while (p < end) {
		const char *amp = p;
		while (amp < end && *amp != '&' && *amp != '#')
			amp++;
		if ((size_t)(amp - p) > kl && memcmp(p, key, kl) == 0 && p[kl] == '=') {
			*v = p + kl + 1;
			*vn = (size_t)(amp - p) - kl - 1;
			return 1;
		}
		if (amp >= end || *amp == '#')
			break;
		p = amp + 1;
	}
	return 0;
}

int crk_npm__source(struct crk_arena *a, const char *s, size_t n, struct crk_npm_source *out)
{
	const char *hash = memchr(s, '#', n), *frag = hash ? hash + 1 : NULL;
	size_t flen = hash ? (size_t)(s + n - frag) : 0, base = hash ? (size_t)(hash - s) : n;
	const char *cc = NULL;
	static const char *const git_schemes[] = {"git://", "git+ssh://", "git+https://",
						  "git+http://", "ssh://", "git+file://"};
	static const char *const hosts[] = {"github:", "gitlab:", "bitbucket:", "gist:"};
	size_t k;
	int gitish = 0;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < sizeof(git_schemes) / sizeof(git_schemes[0]); k++)
		if (scheme_at(s, n, git_schemes[k]))
			gitish = 1;
	for (k = 0; k < sizeof(hosts) / sizeof(hosts[0]); k++)
		if (has_prefix(s, n, hosts[k]))
			gitish = 2;
	/* "#commit=<c>" / "#commit:<c>" (yarn berry) */
	if (frag && flen > 7 && memcmp(frag, "commit", 6) == 0 && (frag[6] == '=' || frag[6] == ':') &&
	    all_word(frag + 7, flen - 7)) {
		out->commit = frag + 7;
		out->commit_len = flen - 7;
		gitish = gitish ? gitish : 3;
	} else if (gitish && frag && all_word(frag, flen)) {
		out->commit = frag;
		out->commit_len = flen;
	} else if (frag && all_word(frag, flen) && scheme_at(s, n, "https://") && base >= 4 &&
		   memcmp(s + base - 4, ".git", 4) == 0) {
		out->commit = frag;
		out->commit_len = flen;
		gitish = 3;
	} else if ((cc = memmem_s(s, n, "https://codeload.github.com/")) != NULL) {
		/* https://codeload.github.com/<owner>/<repo>/tar.gz/<commit> */
		const char *p = cc + 28, *end = s + n;
		const char *seg[4];
		size_t segn[4], m = 0;
		while (p < end && m < 4) {
			const char *sl = memchr(p, '/', (size_t)(end - p));
			seg[m] = p;
			segn[m] = sl ? (size_t)(sl - p) : (size_t)(end - p);
			m++;
			p = sl ? sl + 1 : end;
		}
		if (m == 4 && p == end && segn[0] && segn[1] && segn[2] == 6 &&
		    memcmp(seg[2], "tar.gz", 6) == 0 && all_word(seg[3], segn[3])) {
			out->commit = seg[3];
			out->commit_len = segn[3];
			out->vcs_url = crk_arena_printf(a, "https://github.com/%.*s/%.*s", (int)segn[0],
							seg[0], (int)segn[1], seg[1]);
			if (!out->vcs_url)
				return -1;
			out->git = 1;
		}
	} else {
		static const char *const githosts[] = {"github.com", "gitlab.com", "bitbucket.org"};
		const char *sep = memmem_s(s, n, "://"), *h, *he;
		if (sep && (has_prefix(s, n, "https://") || has_prefix(s, n, "http://"))) {
			h = sep + 3;
			for (he = h; he < s + n && *he != '/' && *he != '?' && *he != '#'; he++)
				;
			for (const char *p = h; p < he; p++)
				if (*p == '@')
					h = p + 1;
			for (k = 0; k < sizeof(githosts) / sizeof(githosts[0]); k++) {
				const char *v;
				size_t vn;
				if ((size_t)(he - h) != strlen(githosts[k]) ||
				    memcmp(h, githosts[k], (size_t)(he - h)) != 0)
					continue;
				if (query_param(s, base, "ref", &v, &vn) && vn) {
					out->commit = v;
					out->commit_len = vn;
				} else if (frag && flen) {
					out->commit = frag;
					out->commit_len = flen;
				}
				if (out->commit)
					gitish = 3;
				break;
			}
		}
	}
	if (gitish) {
		out->git = 1;
		if (!out->vcs_url) {
			out->vcs_url = crk_npm__clean_url(a, s, base);
			if (!out->vcs_url)
				return -1;
		}
	}
	/* a download URL: plain http(s), or a codeload tarball of a commit (not a repository URL) */
	if ((has_prefix(s, n, "https://") || has_prefix(s, n, "http://")) && (!gitish || cc)) {
		out->url = crk_npm__clean_url(a, s, n);
		if (!out->url)
			return -1;
	}
	return 0;
}

/* ---- JSON key positions ---- */

void crk_npm__ks_init(struct crk_npm_keyscan *ks, const char *b, size_t n)
{
	memset(ks, 0, sizeof(*ks));
	ks->b = b;
	ks->n = n;
	ks->line = 1;
}

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Does the raw JSON string body r[0..rn) decode to key[0..kn)? */
static int json_str_eq(const char *r, size_t rn, const char *key, size_t kn)
{
	size_t i = 0, k = 0;
	if (!memchr(r, '\\', rn))
		return rn == kn && memcmp(r, key, kn) == 0;
	while (i < rn) {
		unsigned char enc[4];
		size_t en = 1, j;
		if (r[i] != '\\') {
			enc[0] = (unsigned char)r[i++];
		} else {
			char e;
			if (i + 1 >= rn)
				return 0;
			e = r[i + 1];
			i += 2;
			if (e == 'u') {
				unsigned cp = 0;
				int d;
				for (j = 0; j < 4; j++) {
					if (i + j >= rn || (d = hexv(r[i + j])) < 0)
						return 0;
					cp = cp << 4 | (unsigned)d;
				}
				i += 4;
				if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= rn && r[i] == '\\' &&
				    r[i + 1] == 'u') {
					unsigned lo = 0;
					for (j = 0; j < 4; j++) {
						if ((d = hexv(r[i + 2 + j])) < 0)
							return 0;
						lo = lo << 4 | (unsigned)d;
					}
					i += 6;
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				if (cp < 0x80) {
					enc[0] = (unsigned char)cp;
				} else if (cp < 0x800) {
					enc[0] = (unsigned char)(0xc0 | cp >> 6);
					enc[1] = (unsigned char)(0x80 | (cp & 0x3f));
					en = 2;
				} else if (cp < 0x10000) {
					enc[0] = (unsigned char)(0xe0 | cp >> 12);
					enc[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
					enc[2] = (unsigned char)(0x80 | (cp & 0x3f));
					en = 3;
				} else {
					enc[0] = (unsigned char)(0xf0 | cp >> 18);
					enc[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
					enc[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
					enc[3] = (unsigned char)(0x80 | (cp & 0x3f));
					en = 4;
				}
			} else {
				switch (e) {
				case 'b': enc[0] = '\b'; break;
				case 'f': enc[0] = '\f'; break;
				case 'n': enc[0] = '\n'; break;
				case 'r': enc[0] = '\r'; break;
				case 't': enc[0] = '\t'; break;
				default: enc[0] = (unsigned char)e; break;
				}
			}
		}
		if (k + en > kn || memcmp(key + k, enc, en) != 0)
			return 0;
		k += en;
	}
	return k == kn;
}

#define KS_MAX_MISSES 8

unsigned crk_npm__ks_find(struct crk_npm_keyscan *ks, const char *key, size_t klen, int depth)
{
	const char *b = ks->b;
	size_t n = ks->n, i = ks->pos, save_pos = ks->pos;
	unsigned line = ks->line, save_line = ks->line;
	int d = ks->depth, save_depth = ks->depth;

	if (ks->misses >= KS_MAX_MISSES)
		return 0;
	while (i < n) {
		char c = b[i];
		if (c == '"') {
			size_t s = ++i;
			while (i < n && b[i] != '"') {
				if (b[i] == '\\')
					i++;
				i++;
			}
			if (i >= n)
				break;
			{
				size_t e = i++, j = i;
				unsigned l = line;
				while (j < n && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' ||
						 b[j] == '\n')) {
					if (b[j] == '\n')
						l++;
					j++;
				}
				if (j < n && b[j] == ':' && d == depth && json_str_eq(b + s, e - s, key, klen)) {
					ks->pos = j + 1;
					ks->line = l;
					ks->depth = d;
					return line;
				}
			}
			continue;
		}
		if (c == '\n')
			line++;
		else if (c == '{' || c == '[')
			d++;
		else if (c == '}' || c == ']')
			d--;
		i++;
	}
	ks->pos = save_pos;
	ks->line = save_line;
	ks->depth = save_depth;
	ks->misses++;
	return 0;
}

/* ---- scopes ---- */

int crk_npm__edge_push(struct crk_npm_edge **v, size_t *n, size_t *alloc, size_t from, size_t to,
		       enum crk_scope kind)
{
	if (*n >= CRK_MAX_COMPONENTS * (size_t)16 || CRK_GROW(*v, *alloc, *n + 1))
		return -1;
	(*v)[*n].from = from;
	(*v)[*n].to = to;
	(*v)[*n].kind = kind;
	(*n)++;
	return 0;
}

int crk_npm__root_push(struct crk_npm_root **v, size_t *n, size_t *alloc, size_t node,
		       enum crk_scope scope)
{
	if (CRK_GROW(*v, *alloc, *n + 1))
		return -1;
	(*v)[*n].node = node;
	(*v)[*n].scope = scope;
	(*n)++;
	return 0;
}

int crk_npm__scopes(size_t n, const struct crk_npm_edge *e, size_t ne, const struct crk_npm_root *r,
		    size_t nr, unsigned char *out)
{
	size_t *off = NULL, *adj = NULL, *queue = NULL, *later[3] = {NULL, NULL, NULL};
	size_t nlater[3] = {0, 0, 0}, i;
	unsigned char *seen = NULL;
	int pass, rc = -1;

	if (!n || !nr)
		return 0;
	off = crk_calloc(n + 1, sizeof(*off));
	adj = crk_calloc(ne ? ne : 1, sizeof(*adj)); /* target * 4 + edge kind */
	queue = crk_calloc(n, sizeof(*queue));
	later[1] = crk_calloc(ne ? ne : 1, sizeof(*later[1]));
	later[2] = crk_calloc(ne ? ne : 1, sizeof(*later[2]));
	seen = crk_calloc(n, 1);
	if (!off || !adj || !queue || !later[1] || !later[2] || !seen)
		goto out;
	/* compressed adjacency: adj[off[i]..off[i+1]) are the edges of node i */
	for (i = 0; i < ne; i++)
		if (e[i].from < n && e[i].to < n)
			off[e[i].from + 1]++;
	for (i = 0; i < n; i++)
		off[i + 1] += off[i];
	memcpy(queue, off, n * sizeof(*queue)); /* used as fill cursors first */
	for (i = 0; i < ne; i++)
		if (e[i].from < n && e[i].to < n)
			adj[queue[e[i].from]++] =
				e[i].to * 4 + (e[i].kind <= CRK_SCOPE_DEV ? (size_t)e[i].kind : 0);
	/* one breadth-first walk per scope, narrowest first: the first walk to reach a package
	 * decides its scope. An edge of a wider kind than the walk's is kept for the walk of its
	 * kind (each edge is looked at once, so the deferred lists hold at most ne each). */
	for (pass = CRK_SCOPE_REQUIRED; pass <= CRK_SCOPE_DEV; pass++) {
		size_t head = 0, tail = 0, k;
		for (i = 0; i < nr; i++) {
			size_t v = r[i].node;
			if ((int)r[i].scope != pass || v >= n || seen[v])
				continue;
			seen[v] = 1;
			out[v] = (unsigned char)pass;
			queue[tail++] = v;
		}
		for (k = 0; later[pass] && k < nlater[pass]; k++) {
			size_t v = later[pass][k];
			if (seen[v])
				continue;
			seen[v] = 1;
			out[v] = (unsigned char)pass;
			queue[tail++] = v;
		}
		while (head < tail) {
			size_t v = queue[head++], j;
			for (j = off[v]; j < off[v + 1]; j++) {
				size_t w = adj[j] / 4;
				int kind = (int)(adj[j] % 4);
				if (seen[w])
					continue;
				if (kind > pass) {
					later[kind][nlater[kind]++] = w;
					continue;
				}
				seen[w] = 1;
				out[w] = (unsigned char)pass;
				queue[tail++] = w;
			}
		}
	}
	rc = 0;
out:
	crk_free(off);
	crk_free(adj);
	crk_free(queue);
	crk_free(later[1]);
	crk_free(later[2]);
	crk_free(seen);
	return rc;
}

/* ---- package.json beside a lockfile ---- */

int crk_npm__manifest_deps(struct crk_detect_ctx *ctx, int *found,
			   int (*fn)(void *ud, const char *name, size_t nlen, const char *range,
				     size_t rlen, enum crk_scope scope),
			   void *ud)
{
	static const struct {
		const char *key;
		enum crk_scope scope;
	} groups[] = {
		{"dependencies", CRK_SCOPE_REQUIRED},
		{"optionalDependencies", CRK_SCOPE_OPTIONAL},
		{"devDependencies", CRK_SCOPE_DEV},
	};
	const char *buf;
	size_t len, g;
	json_error_t jerr;
	json_t *root;
	struct crk_err e;
	int rc = 0;

	*found = 0;
	if (!crk_detect_can_read(ctx))
		return 0;
	rc = crk_detect_read(ctx, "package.json", CRK_MAX_FILE_SIZE, &buf, &len, NULL, &e);
	if (rc == CRK_ENOMEM)
		return -1;
	if (rc)
		return 0;
	root = json_loadb(buf, len, 0, &jerr);
	if (!root && (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0]))
		return -1;
	if (!json_is_object(root)) {
		json_decref(root);
		return 0;
	}
	*found = 1;
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]) && !rc; g++) {
		json_t *obj = json_object_get(root, groups[g].key), *v;
		const char *k;
		if (!json_is_object(obj))
			continue;
		json_object_foreach (obj, k, v) {
			const char *range = json_is_string(v) ? json_string_value(v) : "";
			size_t rl = json_is_string(v) ? json_string_length(v) : 0;
			rc = fn(ud, k, strlen(k), range, rl, groups[g].scope);
			if (rc)
				break;
		}
	}
	json_decref(root);
	return rc;
}

/* ---- SPDX expressions (shape only) ---- */

struct spdx_lex {
	const char *s;
	size_t n, i;
	const char *tok;
	size_t tn;
};

static void spdx_next(struct spdx_lex *l)
{
	while (l->i < l->n && l->s[l->i] == ' ')
		l->i++;
	l->tok = l->s + l->i;
	if (l->i >= l->n) {
		l->tn = 0;
		return;
	}
	if (l->s[l->i] == '(' || l->s[l->i] == ')') {
		l->tn = 1;
		l->i++;
		return;
	}
	while (l->i < l->n && l->s[l->i] != ' ' && l->s[l->i] != '(' && l->s[l->i] != ')')
		l->i++;
	l->tn = (size_t)(l->s + l->i - l->tok);
}

static int spdx_is(const struct spdx_lex *l, const char *w)
{
	return l->tn == strlen(w) && memcmp(l->tok, w, l->tn) == 0;
}

static int spdx_idstring(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

static int spdx_simple(const struct spdx_lex *l)
{
	const char *t = l->tok, *colon;
	size_t n = l->tn;
	if (!n || spdx_is(l, "AND") || spdx_is(l, "OR") || spdx_is(l, "WITH") ||
	    spdx_is(l, "UNLICENSED") || spdx_is(l, "UNLICENCED") || spdx_is(l, "("))
		return 0;
	colon = memchr(t, ':', n);
	if (colon) { /* DocumentRef-x:LicenseRef-y */
		size_t a = (size_t)(colon - t);
		return a > 12 && memcmp(t, "DocumentRef-", 12) == 0 && spdx_idstring(t + 12, a - 12) &&
		       n - a - 1 > 11 && memcmp(colon + 1, "LicenseRef-", 11) == 0 &&
		       spdx_idstring(colon + 12, n - a - 12);
	}
	if (t[n - 1] == '+')
		n--;
	return spdx_idstring(t, n);
}

static int spdx_expr(struct spdx_lex *l, int depth);

static int spdx_term(struct spdx_lex *l, int depth)
{
	if (spdx_is(l, "(")) {
		spdx_next(l);
		if (!spdx_expr(l, depth + 1) || !spdx_is(l, ")"))
			return 0;
		spdx_next(l);
		return 1;
	}
	if (!spdx_simple(l))
		return 0;
	spdx_next(l);
	if (spdx_is(l, "WITH")) {
		spdx_next(l);
		if (!spdx_simple(l))
			return 0;
		spdx_next(l);
	}
	return 1;
}

static int spdx_expr(struct spdx_lex *l, int depth)
{
	if (depth > 32 || !spdx_term(l, depth))
		return 0;
	while (spdx_is(l, "AND") || spdx_is(l, "OR")) {
		spdx_next(l);
		if (!spdx_term(l, depth))
			return 0;
	}
	return 1;
}

int crk_npm__spdx_ok(const char *s, size_t n)
{
	struct spdx_lex l = {s, n, 0, NULL, 0};
	spdx_next(&l);
	return spdx_expr(&l, 0) && l.tn == 0;
}

/* ---- YAML ---- */

struct ycompose {
	struct crk_yaml **stack; /* nodes of the open collections, and their children so far */
	size_t n, alloc;
	size_t *open; /* index in `stack` of each open collection */
	size_t nopen, openalloc;
	struct crk_map anchors;
};

static int ypush(struct ycompose *y, struct crk_yaml *node)
{
	if (CRK_GROW(y->stack, y->alloc, y->n + 1))
		return -1;
	y->stack[y->n++] = node;
	return 0;
}

int crk_npm__yaml_load(struct crk_detect_ctx *ctx, struct crk_yaml **root, struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	struct ycompose y;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = CRK_OK, done = 0, docs = 0;

	*root = NULL;
	memset(&y, 0, sizeof(y));
	crk_map_init(&y.anchors);
	if (!yaml_parser_initialize(&parser))
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)ctx->buf, ctx->len);
	while (!done) {
		struct crk_yaml *node = NULL;
		const yaml_char_t *anchor = NULL;
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
			else
				rc = crk_err_set(err, CRK_EPARSE, ctx->path,
						 (unsigned)parser.problem_mark.line + 1,
						 (unsigned)parser.problem_mark.column + 1,
						 "malformed YAML: %s%s%s",
						 parser.problem ? parser.problem : "syntax error",
						 parser.context ? " " : "",
						 parser.context ? parser.context : "");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (docs++) /* only the first document */
				done = 1;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			node = crk_arena_alloc(a, sizeof(*node));
			if (!node) {
				rc = -1;
				break;
			}
			node->line = (unsigned)ev.start_mark.line + 1;
			node->col = (unsigned)ev.start_mark.column + 1;
			if (ev.type == YAML_SCALAR_EVENT) {
				node->type = CRK_YAML_SCALAR;
				node->n = ev.data.scalar.length;
				node->s = crk_arena_strndup(a, (const char *)ev.data.scalar.value,
							    ev.data.scalar.length);
				anchor = ev.data.scalar.anchor;
				if (!node->s)
					rc = -1;
			} else {
				node->type = ev.type == YAML_MAPPING_START_EVENT ? CRK_YAML_MAP
										 : CRK_YAML_SEQ;
				anchor = ev.type == YAML_MAPPING_START_EVENT
						 ? ev.data.mapping_start.anchor
						 : ev.data.sequence_start.anchor;
			}
			break;
		case YAML_ALIAS_EVENT:
			node = crk_map_get(&y.anchors, (const char *)ev.data.alias.anchor,
					   strlen((const char *)ev.data.alias.anchor));
			if (!node)
				rc = crk_err_set(err, CRK_EPARSE, ctx->path,
						 (unsigned)ev.start_mark.line + 1,
						 (unsigned)ev.start_mark.column + 1,
						 "YAML alias '*%s' names no anchor before it",
						 (const char *)ev.data.alias.anchor);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT: {
			size_t start = y.open[--y.nopen], k = y.n - start - 1;
			struct crk_yaml *coll = y.stack[start];
			if (k) {
				coll->c = crk_arena_array(a, k, sizeof(*coll->c));
				if (!coll->c) {
					rc = -1;
					break;
				}
				memcpy(coll->c, y.stack + start + 1, k * sizeof(*coll->c));
				coll->nc = coll->type == CRK_YAML_MAP ? k & ~(size_t)1 : k;
			}
			y.n = start + 1; /* the collection stays, as its parent's child */
			if (!y.nopen)
				done = 1; /* the root is complete */
			break;
		}
		default:
			break;
		}
		if (!rc && anchor) {
			const char *an = crk_arena_strdup(a, (const char *)anchor);
			if (!an || crk_map_put(&y.anchors, an, strlen(an), node))
				rc = -1;
		}
		if (!rc && node) {
			if (ypush(&y, node))
				rc = -1;
			else if (!y.nopen && node->type == CRK_YAML_SCALAR)
				done = 1; /* a scalar document */
			else if (node->type != CRK_YAML_SCALAR && ev.type != YAML_ALIAS_EVENT) {
				if (y.nopen >= CRK_MAX_DEPTH)
					rc = crk_err_set(err, CRK_ELIMIT, ctx->path, node->line,
							 node->col, "YAML nested deeper than %d",
							 CRK_MAX_DEPTH);
				else if (CRK_GROW(y.open, y.openalloc, y.nopen + 1))
					rc = -1;
				else
					y.open[y.nopen++] = y.n - 1;
			}
		}
		yaml_event_delete(&ev);
		if (rc == -1)
			rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		if (rc)
			break;
	}
	yaml_parser_delete(&parser);
	if (!rc && y.n)
		*root = y.stack[0];
	crk_free(y.stack);
	crk_free(y.open);
	crk_map_release(&y.anchors);
	if (rc)
		return rc;
	if (*root && (*root)->type != CRK_YAML_MAP) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, (*root)->line, (*root)->col,
				 "expected a mapping at the top level");
		*root = NULL;
	}
	return rc;
}

struct crk_yaml *crk_npm__ymap_get(const struct crk_yaml *map, const char *key)
{
	size_t kl = strlen(key), i;
	if (!map || map->type != CRK_YAML_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nc; i += 2) {
		const struct crk_yaml *k = map->c[i];
		if (k->type == CRK_YAML_SCALAR && k->n == kl && memcmp(k->s, key, kl) == 0)
			return map->c[i + 1];
	}
	return NULL;
}
