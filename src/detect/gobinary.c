/*
 * gobinary.c - Go executables: the build information the Go linker embeds (`go version -m`).
 *
 * Format (Go's debug/buildinfo and runtime/debug, described here from the Go sources' behaviour):
 *   - the data starts with the 14-byte magic "\xff Go buildinf:" at a 16-byte aligned offset of
 *     the ELF section ".go.buildinfo" (or, with no section headers, of the first PT_LOAD segment
 *     that is writable and not executable); a 32-byte header follows the magic: byte 14 is the
 *     pointer size, byte 15 flags (0x1 big endian, 0x2 strings inline);
 *   - Go >= 1.18 (flag 0x2): the Go version and the module information follow the header as two
 *     strings, each a uvarint length and that many bytes;
 *   - older Go: at offset 16 and 16+ptrsize are two pointers (ptrsize bytes, the header's byte
 *     order) to Go string headers {data pointer, length} in the program's memory, mapped to file
 *     offsets through the PT_LOAD segments;
 *   - the module information is framed by 16 sentinel bytes at each end (recognised by a '\n' 17
 *     bytes before the end) and is text, one record per line, fields separated by tabs:
 *       path <main package>        mod <path> <version> [<h1 sum>]
 *       dep <path> <version> [<sum>]   => <path> <version> [<sum>] (replaces the line above;
 *       a local directory replacement has an empty version)       build <key>=<value>
 *     with keys and values in Go quoted form when they hold spaces, tabs, quotes or '='.
 *
 * What is reported: the main module (a component even with the "(devel)" version Go stamps on
 * builds outside a module version: then it has no version, as trivy does; its build settings are
 * properties "go.build.<key>", vcs.revision also its vcs_commit; an ELF executable's DT_NEEDED
 * shared objects are properties "elf.needed", one each), every dep under its
 * replacement when there is one (local directory replacements: no version, no purl), with the
 * h1 sum as the property "go.sum.h1", and the standard library as "stdlib" with the toolchain
 * version ("go1.21.5" -> 1.21.5). Edges: product -> main module -> deps and stdlib (the build
 * info is the flat build list; which dep needs which is not recorded).
 *
 * Not an error: a file that is not ELF/PE/Mach-O or holds no Go build information (most
 * executables are not Go) yields nothing. PE and Mach-O are read for the inline (Go >= 1.18)
 * format only, by searching the file. Every offset, size and pointer read from the file is
 * bounds-checked with overflow-safe arithmetic before use.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "detect/binary.h"
#include "detect/detect.h"
#include "detect/gobinary.h"
#include "formats/elf.h"
#include "base/banned.h"

#define BI_MAGIC "\xff Go buildinf:"
#define BI_MAGIC_LEN 14
#define BI_HEADER 32
#define BI_ALIGN 16
#define BI_FLAG_BIGENDIAN 0x1
#define BI_FLAG_INLINE 0x2
#define BI_MAX_MODINFO ((size_t)64 << 20) /* larger than any real build list */
#define BI_MAX_PROPS 64

/* A range of the file: [off, off+len). */
struct span {
	size_t off, len;
	int ok;
};

/*
 * The ELF file is read through src/formats/elf.c, which checks every offset, size and address
 * against the file with overflow-safe arithmetic; the old format's pointers are words of the
 * build information header's size and byte order, read with a copy of the reader whose class
 * and byte order are set to those.
 */

/* Section ".go.buildinfo", else the first writable, non-executable PT_LOAD segment. */
static struct span elf_data_region(const struct crk_elf *e)
{
	struct span none = {0, 0, 0}, r = {0, 0, 0};
	struct crk_elf_section sec;
	struct crk_elf_segment seg;
	size_t i;

	if (!crk_elf_section_by_name(e, ".go.buildinfo", &sec)) {
		if (sec.type == CRK_ELF_SHT_NOBITS || !sec.data)
			return none;
		r.off = (size_t)(sec.data - e->b);
		r.len = sec.datalen;
		r.ok = 1;
		return r;
	}
	for (i = 0; i < e->phnum; i++) {
		if (crk_elf_segment(e, i, &seg))
			return none;
		if (seg.type == CRK_ELF_PT_LOAD &&
		    (seg.flags & (CRK_ELF_PF_X | CRK_ELF_PF_W)) == CRK_ELF_PF_W) {
			if (!seg.data)
				return none;
			r.off = (size_t)(seg.data - e->b);
			r.len = seg.datalen;
			r.ok = 1;
			return r;
		}
	}
	return none;
}

/* Old format: a Go string header {ptr, len} at `addr`; `e` has the header's word size. */
static int elf_read_gostring(const struct crk_elf *e, unsigned ptrsize, uint64_t addr,
			     const char **s, size_t *n)
{
	size_t hoff, doff;
	uint64_t dptr, dlen;
	struct crk_elf ee = *e;
	ee.is64 = ptrsize == 8;
	if (crk_elf_vaddr_to_offset(e, addr, 2 * (uint64_t)ptrsize, &hoff) ||
	    crk_elf_read_word(&ee, hoff, &dptr) || crk_elf_read_word(&ee, hoff + ptrsize, &dlen) ||
	    dlen > BI_MAX_MODINFO || crk_elf_vaddr_to_offset(e, dptr, dlen, &doff))
		return -1;
	*s = (const char *)e->b + doff;
	*n = (size_t)dlen;
	return 0;
}

static int uvarint_string(const unsigned char *p, size_t len, const char **s, size_t *n,
			  size_t *used)
{
	uint64_t v = 0;
	size_t i;
	unsigned shift = 0;
	for (i = 0; i < len && i < 10; i++) {
		v |= (uint64_t)(p[i] & 0x7f) << shift;
		shift += 7;
		if (!(p[i] & 0x80)) {
			i++;
			if (v > len - i)
				return -1;
			*s = (const char *)p + i;
			*n = (size_t)v;
			*used = i + (size_t)v;
			return 0;
		}
	}
	return -1;
}

/* Finds the header in [r.off, r.off+r.len): 16-byte aligned relative to the region start. */
static const unsigned char *find_header(const unsigned char *b, struct span r, size_t *avail)
{
	size_t i = 0;
	while (i < r.len && r.len - i >= BI_HEADER) {
		const unsigned char *m = memmem(b + r.off + i, r.len - i, BI_MAGIC, BI_MAGIC_LEN);
		size_t at;
		if (!m)
			return NULL;
		at = (size_t)(m - (b + r.off));
		if (at % BI_ALIGN == 0 && r.len - at >= BI_HEADER) {
			*avail = r.len - at;
			return m;
		}
		i = (at + BI_ALIGN) & ~(size_t)(BI_ALIGN - 1);
	}
	return NULL;
}

/* Inline strings after the header (Go >= 1.18). A module string that does not decode is
 * treated as absent (the version alone is still known), as `go version -m` does. */
static int read_inline(const unsigned char *h, size_t avail, const char **vers, size_t *vn,
		       const char **mod, size_t *mn)
{
	size_t used, used2;
	if (uvarint_string(h + BI_HEADER, avail - BI_HEADER, vers, vn, &used))
		return -1;
	if (uvarint_string(h + BI_HEADER + used, avail - BI_HEADER - used, mod, mn, &used2))
		*mn = 0;
	return 0;
}

/* ---- the module information text ---- */

struct gomodule {
	const char *f[3];  /* path, version, sum */
	size_t n[3];
	const char *r[3];  /* replacement, or r[0] == NULL */
	size_t rn[3];
	int main;
	struct gomodule *next;
};

struct binfo {
	struct crk_detect_ctx *ctx;
	struct gomodule *mods, **tail, *last, *main;
	struct crk_kv props[BI_MAX_PROPS];
	size_t nprops;
	const char *commit;
	const char *ldflags; /* the "-ldflags" build setting, unquoted */
};

/* Splits `s` on tabs into at most 3 fields; returns the count, 4 when there are more. */
static size_t tab_fields(const char *s, size_t n, const char **f, size_t *fn)
{
	size_t k = 0, st = 0, i;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '\t') {
			if (k == 3)
				return 4;
			f[k] = s + st;
			fn[k++] = i - st;
			st = i + 1;
		}
	}
	return k;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Go's strconv.Unquote for "..." and `...` forms (as `go version -m` writes them). Returns a
 * NUL-terminated arena copy, or NULL when malformed (or ENOMEM: *enomem). */
static char *go_unquote(struct crk_arena *a, const char *s, size_t n, int *enomem)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i;
	char *r = NULL;
	if (n < 2 || s[n - 1] != s[0])
		return NULL;
	if (s[0] == '`') {
		if (memchr(s + 1, '`', n - 2))
			return NULL;
		r = crk_arena_strndup(a, s + 1, n - 2);
		*enomem = !r;
		return r;
	}
	for (i = 1; i < n - 1; i++) {
		char c = s[i];
		if (c == '"')
			goto out;
		if (c != '\\') {
			crk_strbuf_addch(&sb, c);
			continue;
		}
		if (++i >= n - 1)
			goto out;
		switch (s[i]) {
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case '\\': c = '\\'; break;
		case '"': c = '"'; break;
		case 'a': c = 7; break;
		case 'b': c = 8; break;
		case 'f': c = 12; break;
		case 'v': c = 11; break;
		case 'x': {
			int h1, h2;
			if (i + 2 >= n - 1)
				goto out;
			h1 = hexval(s[i + 1]);
			h2 = hexval(s[i + 2]);
			if (h1 < 0 || h2 < 0)
				goto out;
			c = (char)(h1 * 16 + h2);
			i += 2;
			break;
		}
		default:
			goto out; /* \u, octal: not produced for build keys and values we keep */
		}
		crk_strbuf_addch(&sb, c);
	}
	if (!crk_strbuf_ok(&sb)) {
		*enomem = 1;
		goto out;
	}
	r = crk_arena_strndup(a, sb.buf, sb.len);
	*enomem = !r;
out:
	crk_strbuf_release(&sb);
	return r;
}

static int build_setting(struct binfo *bi, const char *kv, size_t n, struct crk_err *err)
{
	struct crk_arena *a = bi->ctx->arena;
	const char *eq;
	char *key, *val;
	size_t kn;
	int enomem = 0;

	if (!n || kv[0] == '=')
		return crk_err_set(err, CRK_EPARSE, bi->ctx->path, 0, 0,
				   "go build info: build line without a key");
	if (kv[0] == '"' || kv[0] == '`') {
		size_t i = 1;
		while (i < n && kv[i] != kv[0])
			i += (kv[0] == '"' && kv[i] == '\\') ? 2 : 1;
		if (i >= n)
			goto bad;
		kn = i + 1;
		key = go_unquote(a, kv, kn, &enomem);
	} else {
		eq = memchr(kv, '=', n);
		if (!eq)
			goto bad;
		kn = (size_t)(eq - kv);
		key = crk_arena_strndup(a, kv, kn);
		enomem = !key;
	}
	if (enomem)
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	if (!key || kn >= n || kv[kn] != '=')
		goto bad;
	kv += kn + 1;
	n -= kn + 1;
	if (n && (kv[0] == '"' || kv[0] == '`')) {
		val = go_unquote(a, kv, n, &enomem);
	} else {
		val = crk_arena_strndup(a, kv, n);
		enomem = !val;
	}
	if (enomem)
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	if (!val)
		goto bad;
	if (strcmp(key, "vcs.revision") == 0)
		bi->commit = val;
	else if (strcmp(key, "-ldflags") == 0)
		bi->ldflags = val;
	if (bi->nprops < BI_MAX_PROPS) {
		bi->props[bi->nprops].key = crk_arena_printf(a, "go.build.%s", key);
		bi->props[bi->nprops].value = val;
		if (!bi->props[bi->nprops].key)
			return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
		bi->nprops++;
	}
	return CRK_OK;
bad:
	return crk_err_set(err, CRK_EPARSE, bi->ctx->path, 0, 0,
			   "go build info: malformed build setting '%.*s'", (int)(n > 80 ? 80 : n),
			   kv);
}

static int parse_modinfo(struct binfo *bi, const char *s, size_t n, struct crk_err *err)
{
	struct crk_line_iter it;
	const char *line;
	size_t ln;

	crk_line_iter_init(&it, s, n);
	while (crk_line_iter_next(&it, &line, &ln)) {
		const char *f[3];
		size_t fn[3], k;
		struct gomodule *m;
		int is_mod = crk_bytes_prefix(line, ln, "mod\t");
		if (is_mod || crk_bytes_prefix(line, ln, "dep\t")) {
			k = tab_fields(line + 4, ln - 4, f, fn);
			if (k < 2 || k > 3 || !fn[0])
				goto bad;
			if (is_mod && bi->main)
				goto bad;
			m = crk_arena_alloc(bi->ctx->arena, sizeof(*m));
			if (!m)
				return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
			memcpy(m->f, f, sizeof(f));
			memcpy(m->n, fn, sizeof(fn));
			if (k == 2)
				m->n[2] = 0;
			m->main = is_mod;
			if (is_mod)
				bi->main = m;
			*bi->tail = m;
			bi->tail = &m->next;
			bi->last = m;
		} else if (crk_bytes_prefix(line, ln, "=>\t")) {
			k = tab_fields(line + 3, ln - 3, f, fn);
			if (k < 2 || k > 3 || !fn[0] || !bi->last || bi->last->r[0])
				goto bad;
			memcpy(bi->last->r, f, sizeof(f));
			memcpy(bi->last->rn, fn, sizeof(fn));
			if (k == 2)
				bi->last->rn[2] = 0;
		} else if (crk_bytes_prefix(line, ln, "build\t")) {
			int rc = build_setting(bi, line + 6, ln - 6, err);
			if (rc)
				return rc;
		}
		/* "path", "go" and blank lines, and kinds a newer Go may add: nothing to take */
	}
	return CRK_OK;
bad:
	return crk_err_set(err, CRK_EPARSE, bi->ctx->path, 0, 0,
			   "go build info: malformed line '%.*s'", (int)(ln > 80 ? 80 : ln), line);
}

/*
 * ---- the main module's version from `-ldflags -X` ----
 *
 * `go build` stamps the main module "(devel)" (Go >= 1.24: a v0.0.0 pseudo-version from the
 * VCS) unless the binary was built by `go install module@version`; release builds usually set
 * the version with `-ldflags "-X main.version=1.2.3"`, and the build info records that flag
 * string. trivy reads it back (pkg/dependency/parser/golang/binary/parse.go, ParseLDFlags), and
 * so do we, the same way:
 *   - the flag string is split into words as the go command splits it for the linker
 *     (cmd/internal/quoted.Split: blanks separate words; a word starting with ' or " runs to the
 *     next same quote; no escapes);
 *   - `-X key=value`, `-X=key=value`, `--X ...` and `-Xkey=value` give a key and value; one
 *     leading quote of the key and one trailing quote of the value are dropped (`-X='k=v'`);
 *   - a key counts when it ends in ".version" or ".ver" (any case) and its value is a semantic
 *     version with or without the leading "v" (golang.org/x/mod/semver rules: "v1", "v1.2"
 *     allowed, no leading zeros);
 *   - three ranks, first found wins: keys below "<main module>/cmd/", then keys whose last path
 *     element starts "main.", "common.", "version." or "cmd." (any case), then the rest; a
 *     rank holding two different values gives no version (one key set twice: the last one, as
 *     the linker does). trivy gives none also when two keys of a rank hold the same value; we
 *     take that value.
 *   - used when the module version is "(devel)", empty or a v0.0.0 pseudo-version.
 */
#define LD_MAX_KEYS 32

static int semver_num(const char **p, const char *end)
{
	const char *s = *p;
	while (*p < end && **p >= '0' && **p <= '9')
		(*p)++;
	return *p > s && !(s[0] == '0' && *p - s > 1);
}

/* dot-separated identifiers of [0-9A-Za-z-]; `nums`: all-digit ones without leading zero */
static int semver_idents(const char **p, const char *end, int nums)
{
	for (;;) {
		const char *s = *p;
		int digits = 1;
		while (*p < end && ((**p >= '0' && **p <= '9') || (**p >= 'a' && **p <= 'z') ||
				    (**p >= 'A' && **p <= 'Z') || **p == '-')) {
			if (**p < '0' || **p > '9')
				digits = 0;
			(*p)++;
		}
		if (*p == s || (nums && digits && s[0] == '0' && *p - s > 1))
			return 0;
		if (*p == end || **p != '.')
			return 1;
		(*p)++;
	}
}

static int is_go_semver(const char *v, size_t n)
{
	const char *p = v, *end = v + n;
	if (p < end && *p == 'v')
		p++;
	if (!semver_num(&p, end))
		return 0;
	if (p == end)
		return 1; /* "v1" */
	if (*p++ != '.' || !semver_num(&p, end))
		return 0;
	if (p == end)
		return 1; /* "v1.2" */
	if (*p++ != '.' || !semver_num(&p, end))
		return 0;
	if (p < end && *p == '-' && (++p, !semver_idents(&p, end, 1)))
		return 0;
	if (p < end && *p == '+' && (++p, !semver_idents(&p, end, 0)))
		return 0;
	return p == end;
}

static int ends_with_ci(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && strncasecmp(s + n - l, lit, l) == 0;
}

/* rank 0, 1 or 2 of a version key (see above) */
static int ld_rank(const char *key, size_t kn, const char *main_path, size_t pn)
{
	static const char *const prefixes[] = {"main", "common", "version", "cmd"};
	const char *last = key;
	size_t i, ln;
	if (pn && kn > pn + 5 && memcmp(key, main_path, pn) == 0 &&
	    memcmp(key + pn, "/cmd/", 5) == 0)
		return 0;
	for (i = 0; i < kn; i++)
		if (key[i] == '/' && i > 0)
			last = key + i + 1;
	ln = (size_t)(key + kn - last);
	for (i = 0; i < ln && last[i] != '.'; i++)
		;
	ln = i;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (ln == strlen(prefixes[i]) && strncasecmp(last, prefixes[i], ln) == 0)
			return 1;
	return 2;
}

int crk__go_ldflags_version(struct crk_arena *a, const char *main_path, size_t pn,
			    const char *ldflags, const char **out)
{
	const char *keys[LD_MAX_KEYS], *vals[LD_MAX_KEYS];
	size_t nkeys = 0, n = strlen(ldflags), i, j, wn;
	char *words, *w, *end;
	const char *s = ldflags, *best[3] = {NULL, NULL, NULL};
	int pending_x = 0, conflict[3] = {0, 0, 0};

	*out = NULL;
	/* the words, NUL-terminated, in one copy (never longer than the input) */
	if (!(words = crk_arena_alloc(a, n + 1)))
		return CRK_ENOMEM;
	end = words;
	for (;;) {
		char *kv = NULL, *eq, *key, *val;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		w = end;
		if (*s == '\'' || *s == '"') {
			const char *q = strchr(s + 1, *s);
			if (!q)
				return CRK_OK; /* unterminated: the go command refuses it too */
			wn = (size_t)(q - s - 1);
			memcpy(w, s + 1, wn);
			s = q + 1;
		} else {
			wn = strcspn(s, " \t\n\r");
			memcpy(w, s, wn);
			s += wn;
		}
		w[wn] = '\0';
		end = w + wn + 1;
		if (pending_x) {
			kv = w;
			pending_x = 0;
		} else if (strcmp(w, "-X") == 0 || strcmp(w, "--X") == 0) {
			pending_x = 1;
		} else if (strncmp(w, "--X=", 4) == 0) {
			kv = w + 4;
		} else if (strncmp(w, "-X=", 3) == 0) {
			kv = w + 3;
		} else if (strncmp(w, "-X", 2) == 0 && w[2]) {
			kv = w + 2;
		}
		if (!kv || !(eq = strchr(kv, '=')))
			continue;
		*eq = '\0';
		key = kv + (*kv == '\'' || *kv == '"');
		val = eq + 1;
		if (*val && (val[strlen(val) - 1] == '\'' || val[strlen(val) - 1] == '"'))
			val[strlen(val) - 1] = '\0';
		for (i = 0; i < nkeys && strcmp(keys[i], key) != 0; i++)
			;
		if (i == nkeys) {
			if (nkeys == LD_MAX_KEYS)
				return CRK_OK; /* more -X flags than any real build: no guess */
			keys[nkeys++] = key;
		}
		vals[i] = val;
	}
	for (i = 0; i < nkeys; i++) {
		size_t kn = strlen(keys[i]);
		int r;
		if (!(ends_with_ci(keys[i], kn, ".version") || ends_with_ci(keys[i], kn, ".ver")) ||
		    !is_go_semver(vals[i], strlen(vals[i])))
			continue;
		r = ld_rank(keys[i], kn, main_path, pn);
		if (!best[r])
			best[r] = vals[i];
		else if (strcmp(best[r], vals[i]) != 0)
			conflict[r] = 1;
	}
	for (j = 0; j < 3; j++) {
		if (best[j]) {
			*out = conflict[j] ? NULL : best[j];
			break;
		}
	}
	return CRK_OK;
}

static int add_go_pkg(struct binfo *bi, const char *path, size_t pn, const char *ver, size_t vn,
		      const char *sum, size_t sn, struct crk_pkg *pkg, struct crk_kv *props,
		      size_t *nprops)
{
	struct crk_arena *a = bi->ctx->arena;
	char *p = crk_arena_strndup(a, path, pn);
	const char *slash;
	if (!p)
		return CRK_ENOMEM;
	crk_detect_pkg_init(bi->ctx, pkg, "golang", "Go");
	if (p[0] == '.' || p[0] == '/' || p[0] == '\\' || (pn > 2 && p[1] == ':')) {
		pkg->name = p; /* a local directory replacement: version "(devel)" or empty */
		pkg->flags = CRK_PKG_NO_PURL | CRK_PKG_LOCAL;
		return CRK_OK;
	}
	if (!vn || crk_bytes_eq(ver, vn, "(devel)")) {
		pkg->version = NULL;
	} else if (!(pkg->version = crk_arena_strndup(a, ver, vn))) {
		return CRK_ENOMEM;
	}
	slash = strrchr(p, '/');
	if (slash && slash != p && slash[1]) {
		pkg->ns = crk_arena_strndup(a, p, (size_t)(slash - p));
		pkg->name = slash + 1;
		if (!pkg->ns)
			return CRK_ENOMEM;
	} else {
		pkg->name = p;
	}
	if (sn) {
		props[*nprops].key = "go.sum.h1";
		props[*nprops].value = crk_arena_strndup(a, sum, sn);
		if (!props[*nprops].value)
			return CRK_ENOMEM;
		(*nprops)++;
	}
	pkg->props = props;
	pkg->nprops = *nprops;
	return CRK_OK;
}

/* The main module, with the build settings; *id is where the other modules hang. */
static int add_main(struct binfo *bi, size_t *main_id, struct crk_err *err)
{
	struct gomodule *m = bi->main;
	struct crk_kv props[BI_MAX_PROPS + 1], *pp = props;
	struct crk_pkg pkg;
	size_t np = 0, id;
	int rc;

	if (add_go_pkg(bi, m->f[0], m->n[0], m->f[1], m->n[1], m->f[2], m->n[2], &pkg, props, &np))
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	/* "(devel)" or a pseudo-version: the version `-ldflags -X` stamped, if any (above) */
	if (!(pkg.flags & CRK_PKG_LOCAL) && bi->ldflags &&
	    (!pkg.version || strncmp(pkg.version, "v0.0.0", 6) == 0)) {
		const char *v;
		if (crk__go_ldflags_version(bi->ctx->arena, m->f[0], m->n[0], bi->ldflags, &v))
			return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
		if (v)
			pkg.version = v;
	}
	memcpy(props + np, bi->props, bi->nprops * sizeof(*props));
	np += bi->nprops;
	/* the main module is the executable: the shared objects it needs (DT_NEEDED), as
	 * evidence (docs/detectors/go.md) */
	if ((np = crk__elf_needed_props(bi->ctx, &pp, np)) == (size_t)-1)
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	pkg.props = pp;
	pkg.nprops = np;
	pkg.vcs_commit = bi->commit;
	if ((rc = crk_detect_add(bi->ctx, &pkg, &id, err)))
		return rc;
	if (id == CRK_BOM_NONE)
		return CRK_OK;
	*main_id = id;
	if (crk_bom_add_dep(bi->ctx->bom, CRK_BOM_ROOT, id) == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	return CRK_OK;
}

static int report(struct binfo *bi, const char *vers, size_t vn, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = bi->ctx;
	size_t main_id = CRK_BOM_ROOT, id;
	struct gomodule *m;
	struct crk_pkg pkg;
	int rc;

	/* main module first: the others hang off it (off the product when there is none) */
	if (bi->main && (rc = add_main(bi, &main_id, err)))
		return rc;
	for (m = bi->mods; m; m = m->next) {
		struct crk_kv props[1];
		size_t np = 0;
		if (m->main)
			continue;
		if (m->r[0] ? add_go_pkg(bi, m->r[0], m->rn[0], m->r[1], m->rn[1], m->r[2], m->rn[2],
					 &pkg, props, &np)
			    : add_go_pkg(bi, m->f[0], m->n[0], m->f[1], m->n[1], m->f[2], m->n[2], &pkg,
					 props, &np))
			goto nomem;
		if ((rc = crk_detect_add(ctx, &pkg, &id, err)))
			return rc;
		if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, main_id, id) == CRK_ENOMEM)
			goto nomem;
	}
	/* the standard library: "go1.21.5", "go1.22.0 X:boringcrypto" */
	if (vn > 3 && crk_bytes_prefix(vers, vn, "go1")) {
		size_t k = 2;
		while (k < vn && vers[k] != ' ' && vers[k] != '-' && vers[k] != '+')
			k++;
		crk_detect_pkg_init(ctx, &pkg, "golang", "Go");
		pkg.name = "stdlib";
		pkg.version = crk_arena_strndup(ctx->arena, vers + 2, k - 2);
		if (!pkg.version)
			goto nomem;
		if ((rc = crk_detect_add(ctx, &pkg, &id, err)))
			return rc;
		if (id != CRK_BOM_NONE && crk_bom_add_dep(ctx->bom, main_id, id) == CRK_ENOMEM)
			goto nomem;
	}
	return CRK_OK;
nomem:
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static int is_macho_or_pe(const unsigned char *b, size_t len)
{
	static const unsigned char macho[][4] = {
		{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf},
		{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe},
	};
	size_t i;
	if (len >= 2 && b[0] == 'M' && b[1] == 'Z')
		return 1;
	for (i = 0; len >= 4 && i < sizeof(macho) / sizeof(macho[0]); i++)
		if (memcmp(b, macho[i], 4) == 0)
			return 1;
	return 0;
}

static int gobinary_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	const unsigned char *b = (const unsigned char *)ctx->buf, *h;
	struct span region = {0, 0, 0};
	struct crk_elf e;
	const char *vers = NULL, *mod = NULL;
	size_t vn = 0, mn = 0, avail;
	struct binfo bi;
	int rc, is_elf = 0;

	if (ctx->len < 64)
		return CRK_OK;
	if (crk_elf_is_elf(b, ctx->len)) {
		if (crk_elf_init(&e, b, ctx->len, NULL))
			return CRK_OK;
		is_elf = 1;
		region = elf_data_region(&e);
	} else if (is_macho_or_pe(b, ctx->len)) {
		region.off = 0;
		region.len = ctx->len;
		region.ok = 1;
	}
	if (!region.ok || !(h = find_header(b, region, &avail)))
		return CRK_OK;
	if (h[BI_MAGIC_LEN + 1] & BI_FLAG_INLINE) {
		if (read_inline(h, avail, &vers, &vn, &mod, &mn))
			return CRK_OK;
	} else {
		unsigned ptrsize = h[BI_MAGIC_LEN];
		struct crk_elf pe;
		uint64_t p1, p2;
		if (!is_elf || (ptrsize != 4 && ptrsize != 8))
			return CRK_OK;
		pe = e;
		pe.is64 = ptrsize == 8;
		pe.be = (h[BI_MAGIC_LEN + 1] & BI_FLAG_BIGENDIAN) != 0;
		if (crk_elf_read_word(&pe, (size_t)(h - b) + 16, &p1) ||
		    crk_elf_read_word(&pe, (size_t)(h - b) + 16 + ptrsize, &p2))
			return CRK_OK;
		/* segment tables are in the file's own layout */
		if (elf_read_gostring(&e, ptrsize, p1, &vers, &vn))
			return CRK_OK;
		if (elf_read_gostring(&e, ptrsize, p2, &mod, &mn))
			mn = 0;
	}
	if (!vn)
		return CRK_OK;
	if (mn >= 33 && mod[mn - 17] == '\n') {
		mod += 16;
		mn -= 32;
	} else {
		mn = 0;
	}
	memset(&bi, 0, sizeof(bi));
	bi.ctx = ctx;
	bi.tail = &bi.mods;
	rc = parse_modinfo(&bi, mod, mn, err);
	if (rc)
		return rc;
	return report(&bi, vers, vn, err);
}

/*
 * Which files may be executables, decided on the path alone (the content is checked in parse):
 * names ending in ".exe", and names without a '.' that sit in a bin/, sbin/ or libexec/
 * directory, directly in app/ or ko-app/ (container conventions), or at the scan root. A single
 * file given to `crakit sbom` is tried whatever its name (the scan driver does that).
 */
static int gobinary_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name), dl;
	const char *dir;
	int r;
	if (nl > 4 && memcmp(name + nl - 4, ".exe", 4) == 0)
		return 1;
	r = crk__exec_place(relpath, rellen, name, &dir, &dl);
	if (r != 0)
		return r > 0;
	return dir == relpath && crk_bytes_eq(dir, dl, "ko-app"); /* ko's container layout */
}

const struct crk_detector crk_detector_gobinary = {
	.name = "go/binary",
	.ecosystem = "Go",
	.names = NULL,
	.match = gobinary_match,
	.parse = gobinary_parse,
	.max_size = CRK_MAX_BINARY_SIZE,
	.flags = CRK_DETECT_BINARY,
	.doc = "Go executables (ELF; PE and Mach-O from Go 1.18): the embedded build information",
};
