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
 * properties "go.build.<key>", vcs.revision also its vcs_commit), every dep under its
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

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define BI_MAGIC "\xff Go buildinf:"
#define BI_MAGIC_LEN 14
#define BI_HEADER 32
#define BI_ALIGN 16
#define BI_FLAG_BIGENDIAN 0x1
#define BI_FLAG_INLINE 0x2
#define BI_MAX_MODINFO ((size_t)64 << 20) /* larger than any real build list */
#define BI_MAX_PROPS 64

#define PT_LOAD_ 1
#define PF_X_ 1
#define PF_W_ 2
#define SHT_NOBITS_ 8

struct elf {
	const unsigned char *b;
	size_t len;
	int is64, be;
};

/* A range of the file: [off, off+len). */
struct span {
	size_t off, len;
	int ok;
};

/*
 * Offsets, sizes and addresses read from the file are uint64_t whatever the host: every one is
 * compared with the file length before it is used or narrowed to size_t, products of a count
 * and an entry size are bounded by clamping the count to what fits in the file first, and the
 * one sum that cannot be bounded that way (segment start + size) uses __builtin_add_overflow
 * (crk_add_overflow of alloc.h is size_t-typed, too narrow for 64-bit offsets on 32-bit hosts).
 */
static int rd(const struct elf *e, uint64_t off, unsigned n, uint64_t *out)
{
	uint64_t v = 0;
	unsigned i;
	if (off > e->len || e->len - off < n)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned k = e->be ? i : n - 1 - i;
		v = (v << 8) | e->b[off + k];
	}
	*out = v;
	return 0;
}

static int rd_word(const struct elf *e, uint64_t off, uint64_t *out)
{
	return rd(e, off, e->is64 ? 8 : 4, out);
}

/* The file range [off, off+size) clipped to the file; ok = 0 when it starts past the end. */
static struct span clip(const struct elf *e, uint64_t off, uint64_t size)
{
	struct span s = {0, 0, 0};
	if (off >= e->len)
		return s;
	s.off = (size_t)off;
	s.len = size > e->len - off ? e->len - (size_t)off : (size_t)size;
	s.ok = 1;
	return s;
}

/* Section ".go.buildinfo", else the first writable, non-executable PT_LOAD segment. */
static struct span elf_data_region(const struct elf *e)
{
	struct span none = {0, 0, 0};
	uint64_t shoff, shnum, shentsize, shstrndx, phoff, phnum, phentsize, i;
	const unsigned hdr_sh = e->is64 ? 0x28 : 0x20, hdr_shes = e->is64 ? 0x3a : 0x2e;
	const unsigned hdr_ph = e->is64 ? 0x20 : 0x1c, hdr_phes = e->is64 ? 0x36 : 0x2a;
	const unsigned shsize = e->is64 ? 64 : 40, phsize = e->is64 ? 56 : 32;

	if (!rd_word(e, hdr_sh, &shoff) && !rd(e, hdr_shes, 2, &shentsize) &&
	    !rd(e, hdr_shes + 2, 2, &shnum) && !rd(e, hdr_shes + 4, 2, &shstrndx) && shoff &&
	    shentsize >= shsize && shoff < e->len) {
		uint64_t str_off = 0, str_size = 0, base;
		if (shnum == 0 && rd_word(e, shoff + (e->is64 ? 0x20 : 0x14), &shnum))
			shnum = 0; /* extended numbering: the count is section 0's sh_size */
		if (shstrndx == 0xffff && rd(e, shoff + (e->is64 ? 0x28 : 0x18), 4, &shstrndx))
			shstrndx = 0;
		if (shnum > (e->len - shoff) / shentsize)
			shnum = (e->len - shoff) / shentsize;
		if (shstrndx < shnum) {
			base = shoff + shstrndx * shentsize;
			if (rd_word(e, base + (e->is64 ? 0x18 : 0x10), &str_off) ||
			    rd_word(e, base + (e->is64 ? 0x20 : 0x14), &str_size))
				str_off = str_size = 0;
		}
		for (i = 0; str_size && i < shnum; i++) {
			uint64_t name, type, off, size;
			base = shoff + i * shentsize;
			if (rd(e, base, 4, &name) || rd(e, base + 4, 4, &type) ||
			    rd_word(e, base + (e->is64 ? 0x18 : 0x10), &off) ||
			    rd_word(e, base + (e->is64 ? 0x20 : 0x14), &size))
				break;
			if (name >= str_size || str_size - name < sizeof(".go.buildinfo") ||
			    str_off > e->len || e->len - str_off < name + sizeof(".go.buildinfo") ||
			    memcmp(e->b + str_off + name, ".go.buildinfo", sizeof(".go.buildinfo")))
				continue;
			if (type == SHT_NOBITS_)
				return none;
			return clip(e, off, size);
		}
	}
	if (rd_word(e, hdr_ph, &phoff) || rd(e, hdr_phes, 2, &phentsize) ||
	    rd(e, hdr_phes + 2, 2, &phnum) || !phoff || phentsize < phsize || phoff >= e->len)
		return none;
	if (phnum > (e->len - phoff) / phentsize)
		phnum = (e->len - phoff) / phentsize;
	for (i = 0; i < phnum; i++) {
		uint64_t base = phoff + i * phentsize, type, flags, off, filesz;
		if (rd(e, base, 4, &type) || rd(e, base + (e->is64 ? 4 : 0x18), 4, &flags) ||
		    rd_word(e, base + (e->is64 ? 8 : 4), &off) ||
		    rd_word(e, base + (e->is64 ? 0x20 : 0x10), &filesz))
			return none;
		if (type == PT_LOAD_ && (flags & (PF_X_ | PF_W_)) == PF_W_)
			return clip(e, off, filesz);
	}
	return none;
}

/* Maps [addr, addr+size) of the program's memory to the file through PT_LOAD segments. */
static int elf_read_mem(const struct elf *e, uint64_t addr, uint64_t size, size_t *off_out)
{
	uint64_t phoff, phnum, phentsize, i;
	const unsigned phsize = e->is64 ? 56 : 32;
	if (rd_word(e, e->is64 ? 0x20 : 0x1c, &phoff) || rd(e, e->is64 ? 0x36 : 0x2a, 2, &phentsize) ||
	    rd(e, e->is64 ? 0x38 : 0x2c, 2, &phnum) || phentsize < phsize || phoff >= e->len)
		return -1;
	if (phnum > (e->len - phoff) / phentsize)
		phnum = (e->len - phoff) / phentsize;
	for (i = 0; i < phnum; i++) {
		uint64_t base = phoff + i * phentsize, type, off, vaddr, filesz, end, foff;
		if (rd(e, base, 4, &type) || rd_word(e, base + (e->is64 ? 8 : 4), &off) ||
		    rd_word(e, base + (e->is64 ? 0x10 : 8), &vaddr) ||
		    rd_word(e, base + (e->is64 ? 0x20 : 0x10), &filesz))
			return -1;
		if (type != PT_LOAD_ || addr < vaddr || __builtin_add_overflow(vaddr, filesz, &end) ||
		    addr >= end)
			continue;
		if (size > end - addr || __builtin_add_overflow(off, addr - vaddr, &foff) ||
		    foff > e->len || e->len - foff < size)
			return -1;
		*off_out = (size_t)foff;
		return 0;
	}
	return -1;
}

/* Old format: a Go string header {ptr, len} at `addr`. */
static int elf_read_gostring(const struct elf *e, unsigned ptrsize, uint64_t addr,
			     const char **s, size_t *n)
{
	size_t hoff, doff;
	uint64_t dptr, dlen;
	struct elf ee = *e;
	ee.is64 = ptrsize == 8;
	if (elf_read_mem(e, addr, 2 * (uint64_t)ptrsize, &hoff) || rd_word(&ee, hoff, &dptr) ||
	    rd_word(&ee, hoff + ptrsize, &dlen) || dlen > BI_MAX_MODINFO ||
	    elf_read_mem(e, dptr, dlen, &doff))
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
	struct crk_kv props[BI_MAX_PROPS + 1];
	struct crk_pkg pkg;
	size_t np = 0, id;
	int rc;

	if (add_go_pkg(bi, m->f[0], m->n[0], m->f[1], m->n[1], m->f[2], m->n[2], &pkg, props, &np))
		return crk_err_set(err, CRK_ENOMEM, bi->ctx->path, 0, 0, "out of memory");
	memcpy(props + np, bi->props, bi->nprops * sizeof(*props));
	pkg.props = props;
	pkg.nprops = np + bi->nprops;
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
	struct elf e;
	const char *vers = NULL, *mod = NULL;
	size_t vn = 0, mn = 0, avail;
	struct binfo bi;
	int rc;

	if (ctx->len < 64)
		return CRK_OK;
	memset(&e, 0, sizeof(e));
	e.b = b;
	e.len = ctx->len;
	if (memcmp(b, "\x7f" "ELF", 4) == 0) {
		if ((b[4] != 1 && b[4] != 2) || (b[5] != 1 && b[5] != 2))
			return CRK_OK;
		e.is64 = b[4] == 2;
		e.be = b[5] == 2;
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
		struct elf pe = e;
		uint64_t p1, p2;
		if (!e.b || memcmp(b, "\x7f" "ELF", 4) != 0 || (ptrsize != 4 && ptrsize != 8))
			return CRK_OK;
		pe.is64 = ptrsize == 8;
		pe.be = (h[BI_MAGIC_LEN + 1] & BI_FLAG_BIGENDIAN) != 0;
		if (rd_word(&pe, (size_t)(h - b) + 16, &p1) ||
		    rd_word(&pe, (size_t)(h - b) + 16 + ptrsize, &p2))
			return CRK_OK;
		pe.is64 = e.is64; /* segment tables are in the file's own layout */
		pe.be = e.be;
		if (elf_read_gostring(&pe, ptrsize, p1, &vers, &vn))
			return CRK_OK;
		if (elf_read_gostring(&pe, ptrsize, p2, &mod, &mn))
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
	static const char *const text[] = {
		"Makefile", "GNUmakefile", "Dockerfile", "Containerfile", "Jenkinsfile",
		"Vagrantfile", "Gemfile", "Rakefile", "Procfile", "Brewfile", "Podfile",
		"LICENSE", "LICENCE", "COPYING", "NOTICE", "README", "AUTHORS", "CONTRIBUTORS",
		"CHANGELOG", "CODEOWNERS", "OWNERS", "MAINTAINERS", "VERSION", "PATENTS", "INSTALL",
		"TODO", NULL,
	};
	size_t nl = strlen(name), dl, i;
	const char *dir, *ds;
	if (nl > 4 && memcmp(name + nl - 4, ".exe", 4) == 0)
		return 1;
	if (!nl || memchr(name, '.', nl))
		return 0;
	for (i = 0; text[i]; i++)
		if (strcmp(name, text[i]) == 0)
			return 0;
	if (rellen <= nl)
		return 1; /* at the scan root */
	dir = relpath;
	dl = rellen - nl - 1;
	for (ds = dir + dl; ds > dir && ds[-1] != '/'; ds--)
		;
	i = (size_t)(dir + dl - ds); /* length of the parent directory's name */
	if (crk_bytes_eq(ds, i, "bin") || crk_bytes_eq(ds, i, "sbin") ||
	    crk_bytes_eq(ds, i, "libexec"))
		return 1;
	if (ds == dir && (crk_bytes_eq(ds, i, "app") || crk_bytes_eq(ds, i, "ko-app")))
		return 1;
	return 0;
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
