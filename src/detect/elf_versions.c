/*
 * elf_versions.c - well-known C libraries and programs in ELF binaries, by the version strings
 * they carry (OpenSSL, zlib, curl, SQLite, BusyBox, glibc, libpng, expat, libxml2, PCRE and
 * PCRE2, lz4, zstd, xz, bzip2, libjpeg(-turbo), OpenSSH, dropbear, lighttpd, nginx, dnsmasq,
 * Mbed TLS, wolfSSL, GnuTLS, libssh2, U-Boot): the rows of clib.def, each a literal, a PCRE2
 * pattern and a CPE 2.3 vendor:product. A library is found whether the binary is that library
 * (libssl.so.3) or carries a copy of it (a static executable); see docs/detectors/c-cpp.md.
 *
 * How a file is read (ELF only; the file header, section or program headers and the dynamic
 * section through src/formats/elf.c, all bounded):
 *   - the data searched is the allocated, non-executable PROGBITS sections (.rodata, .data,
 *     .data.rel.ro, ...; not Go's .gopclntab and type tables, unwinding tables or the GOT,
 *     which hold no strings), or without section headers the PT_LOAD segments that are not
 *     executable (all PT_LOAD segments when every one is); at most ELFV_MAX_SCAN bytes;
 *   - one pass over those bytes finds every row's literal (a 2-byte prefix table, then
 *     memcmp), recording where each occurs;
 *   - CRK_CLIB_AT rows: the pattern (compiled anchored) is tried at each place its literal
 *     occurs, the first match wins; CRK_CLIB_SCAN rows (libraries whose version is a bare
 *     "1.9.4" string): when the literal occurs (or, for rows without one, the file is the
 *     library by its DT_SONAME or name), the pattern is searched over the data and must give
 *     exactly one version — several different ones are ambiguous and nothing is reported;
 *   - rows of one project are tried in order until one finds a version; a row whose `notlit`
 *     occurs does not apply; a CRK_CLIB_HEADER_TOO row is skipped when the file needs one of
 *     the project's shared objects (DT_NEEDED) and is not one itself: the string then comes
 *     from the library's header (nginx carries OPENSSL_VERSION_TEXT and links libssl.so.3).
 *
 * What is reported: pkg:generic/<name>@<version> with the CPE 2.3 name of the row (its older
 * NVD name as the property "cpe.alternative"), the matched text as "version_string"; the
 * components the file *is* (its DT_SONAME or file name is one of the row's `files`) carry
 * "elf.soname" and one "elf.needed" property per DT_NEEDED entry, and depend on the
 * components it carries (a static curl -> openssl). Edges from the product go to the
 * components the file is, or to what it carries when it is none of them.
 * Files an OS package manager owns in a root filesystem with a package database are skipped
 * (crk_clib_os_owned(): the dpkg/apk/rpm detectors report those packages).
 * Not an error: a file that is not ELF, or holds none of these strings.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "detect/clib.h"
#include "detect/detect.h"
#include "detect/binary.h"
#include "formats/elf.h"
#include "base/banned.h"

#define ELFV_MAX_SCAN ((size_t)256 << 20) /* bytes of data searched in one file */
#define ELFV_MAX_REGIONS 256
#define ELFV_MAX_OCC 256      /* places one literal is recorded at */
#define ELFV_MAX_LITS 96
#define ELFV_MAX_VERSION 64
#define ELFV_MAX_SHOWN 200    /* bytes of matched text kept as "version_string" */
#define ELFV_MAX_DISTINCT 4

struct lit {
	const char *s;
	size_t n;
};

/* Built once: compiled patterns and the literal index. */
static struct {
	pcre2_code *re[64];
	int lit[64], notlit[64]; /* index into lits, or -1 */
	struct lit lits[ELFV_MAX_LITS];
	int nlits;
	int16_t head[65536]; /* first literal with this 2-byte prefix, or -1 */
	uint8_t any[65536 / 8]; /* bit set: some literal starts with this 2-byte prefix (L1-sized) */
	int16_t next[ELFV_MAX_LITS];
	pcre2_match_context *mctx;
	pcre2_general_context *gctx; /* match data through crk_malloc (allocation tests) */
	int failed; /* a pattern did not compile: a bug, caught by the unit test */
} T;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int lit_index(const char *s)
{
	int i;
	size_t n = strlen(s);
	for (i = 0; i < T.nlits; i++)
		if (T.lits[i].n == n && memcmp(T.lits[i].s, s, n) == 0)
			return i;
	if (T.nlits >= ELFV_MAX_LITS || n < 2) {
		T.failed = 1;
		return -1;
	}
	T.lits[T.nlits].s = s;
	T.lits[T.nlits].n = n;
	return T.nlits++;
}

static void *re_malloc(PCRE2_SIZE n, void *ud)
{
	(void)ud;
	return crk_malloc(n);
}

static void re_free(void *p, void *ud)
{
	(void)ud;
	crk_free(p);
}

static void build(void)
{
	size_t i;
	int k;
	memset(T.head, 0xff, sizeof(T.head));
	if (crk_clib_count > sizeof(T.re) / sizeof(T.re[0])) {
		T.failed = 1;
		return;
	}
	for (i = 0; i < crk_clib_count; i++) {
		const struct crk_clib *r = &crk_clib_table[i];
		int errcode;
		PCRE2_SIZE erroff;
		uint32_t opts = r->mode == CRK_CLIB_AT ? PCRE2_ANCHORED : 0;
		T.re[i] = pcre2_compile((PCRE2_SPTR)r->re, PCRE2_ZERO_TERMINATED, opts, &errcode,
					&erroff, NULL);
		if (!T.re[i]) {
			T.failed = 1;
			continue;
		}
		(void)pcre2_jit_compile(T.re[i], PCRE2_JIT_COMPLETE); /* the interpreter otherwise */
		T.lit[i] = r->lit ? lit_index(r->lit) : -1;
		T.notlit[i] = r->notlit ? lit_index(r->notlit) : -1;
	}
	for (k = T.nlits - 1; k >= 0; k--) {
		unsigned h = (unsigned)(unsigned char)T.lits[k].s[0] << 8 |
			     (unsigned char)T.lits[k].s[1];
		T.next[k] = T.head[h];
		T.head[h] = (int16_t)k;
		T.any[h >> 3] |= (uint8_t)(1u << (h & 7));
	}
	/* bound the work a hostile subject can cause, whatever the pattern */
	T.mctx = pcre2_match_context_create(NULL);
	T.gctx = pcre2_general_context_create(re_malloc, re_free, NULL);
	if (!T.mctx || !T.gctx) {
		T.failed = 1;
		return;
	}
	pcre2_set_match_limit(T.mctx, 1000000);
	pcre2_set_depth_limit(T.mctx, 10000);
}

int crk__elf_versions_selftest(void)
{
	pthread_once(&once, build);
	return T.failed ? -1 : 0;
}

/* ---- the data of one file ---- */

struct region {
	const unsigned char *p;
	size_t n;
};

struct occ {
	unsigned region;
	size_t off;
};

struct scan {
	struct crk_detect_ctx *ctx;
	struct region reg[ELFV_MAX_REGIONS];
	size_t nreg;
	int found[ELFV_MAX_LITS];
	struct occ *occ[ELFV_MAX_LITS]; /* arena arrays of ELFV_MAX_OCC */
	size_t nocc[ELFV_MAX_LITS];
	struct crk_elf_dynamic dyn;
	const char *base; /* the file's base name */
	pcre2_match_data *md;
};

static void add_region(struct scan *s, const unsigned char *p, size_t n, size_t *total)
{
	if (!p || !n || s->nreg >= ELFV_MAX_REGIONS || *total >= ELFV_MAX_SCAN)
		return;
	if (n > ELFV_MAX_SCAN - *total)
		n = ELFV_MAX_SCAN - *total;
	s->reg[s->nreg].p = p;
	s->reg[s->nreg].n = n;
	s->nreg++;
	*total += n;
}

/* Allocated sections that hold no C strings: Go's function and type tables (.gopclntab alone
 * is 40 % of a Go binary's data), unwinding tables, the GOT. */
static int tables_only(const struct crk_elf_section *sec)
{
	static const char *const names[] = {
		".gopclntab", ".gosymtab", ".typelink", ".itablink", ".go.buildinfo", ".go.fipsinfo",
		".eh_frame", ".eh_frame_hdr", ".gcc_except_table", ".got", ".got.plt", NULL,
	};
	size_t i;
	for (i = 0; names[i]; i++)
		if (sec->namelen == strlen(names[i]) && memcmp(sec->name, names[i], sec->namelen) == 0)
			return 1;
	return 0;
}

static void collect_regions(struct scan *s, const struct crk_elf *e)
{
	struct crk_elf_section sec;
	struct crk_elf_segment seg;
	size_t i, total = 0, nonexec = 0;
	for (i = 0; i < e->shnum; i++) {
		if (crk_elf_section(e, i, &sec))
			break;
		if (sec.type == CRK_ELF_SHT_PROGBITS && (sec.flags & CRK_ELF_SHF_ALLOC) &&
		    !(sec.flags & CRK_ELF_SHF_EXECINSTR) && !tables_only(&sec))
			add_region(s, sec.data, sec.datalen, &total);
	}
	if (s->nreg)
		return;
	for (i = 0; i < e->phnum; i++)
		if (!crk_elf_segment(e, i, &seg) && seg.type == CRK_ELF_PT_LOAD &&
		    !(seg.flags & CRK_ELF_PF_X))
			nonexec++;
	for (i = 0; i < e->phnum; i++)
		if (!crk_elf_segment(e, i, &seg) && seg.type == CRK_ELF_PT_LOAD &&
		    (!nonexec || !(seg.flags & CRK_ELF_PF_X)))
			add_region(s, seg.data, seg.datalen, &total);
}

/* One pass over the data for every literal. */
static int find_literals(struct scan *s)
{
	size_t r, i;
	for (r = 0; r < s->nreg; r++) {
		const unsigned char *b = s->reg[r].p;
		size_t n = s->reg[r].n;
		for (i = 0; i + 1 < n; i++) {
			unsigned h = (unsigned)b[i] << 8 | b[i + 1];
			int k;
			if (!(T.any[h >> 3] & (1u << (h & 7))))
				continue; /* most bytes: one lookup in an 8 KiB table */
			for (k = T.head[h]; k >= 0; k = T.next[k]) {
				if (n - i < T.lits[k].n || memcmp(b + i, T.lits[k].s, T.lits[k].n))
					continue;
				s->found[k] = 1;
				if (!s->occ[k]) {
					s->occ[k] = crk_arena_array(s->ctx->arena, ELFV_MAX_OCC,
								    sizeof(struct occ));
					if (!s->occ[k])
						return CRK_ENOMEM;
				}
				if (s->nocc[k] < ELFV_MAX_OCC) {
					s->occ[k][s->nocc[k]].region = (unsigned)r;
					s->occ[k][s->nocc[k]].off = i;
					s->nocc[k]++;
				}
			}
		}
	}
	return CRK_OK;
}

/* The version from the groups of the last match, in the arena (NULL: not acceptable). */
static char *version_of(struct scan *s, const struct crk_clib *row, const unsigned char *subj,
			int *nomem)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	char buf[ELFV_MAX_VERSION + 1];
	size_t k = 0, g, i, ngroups = (row->flags & CRK_CLIB_DOTTED3) ? 3 : 1;
	for (g = 1; g <= ngroups; g++) {
		const unsigned char *p;
		size_t n;
		if (ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g])
			return NULL;
		p = subj + ov[2 * g];
		n = ov[2 * g + 1] - ov[2 * g];
		if (row->flags & CRK_CLIB_DOTTED3) {
			while (n > 1 && p[0] == '0') { /* "09" -> "9" */
				p++;
				n--;
			}
			if (g > 1 && k < ELFV_MAX_VERSION)
				buf[k++] = '.';
		}
		for (i = 0; i < n; i++) {
			unsigned char c = p[i];
			if (k >= ELFV_MAX_VERSION ||
			    !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			      (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+' ||
			      c == '~' || c == '_'))
				return NULL;
			buf[k++] = (char)c;
		}
	}
	if (!k)
		return NULL;
	{
		char *v = crk_arena_strndup(s->ctx->arena, buf, k);
		if (!v)
			*nomem = 1;
		return v;
	}
}

/* The matched text, printable, bounded. */
static char *shown(struct scan *s, const unsigned char *subj, int *nomem)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	size_t n = ov[1] - ov[0], i;
	char *t;
	if (n > ELFV_MAX_SHOWN)
		n = ELFV_MAX_SHOWN;
	t = crk_arena_alloc(s->ctx->arena, n + 1);
	if (!t) {
		*nomem = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = subj[ov[0] + i];
		t[i] = (char)(c >= 0x20 && c < 0x7f ? c : ' ');
	}
	while (n && t[n - 1] == ' ') /* the NUL or space that ends a pattern */
		n--;
	t[n] = '\0';
	return t;
}

struct hit {
	const struct crk_clib *row;
	const char *version, *text;
	int self; /* the file is this project */
	size_t id;
};

/* Runs row `ri`; *version NULL when it finds nothing. CRK_ENOMEM only. */
static int run_row(struct scan *s, size_t ri, const char **version, const char **text)
{
	const struct crk_clib *row = &crk_clib_table[ri];
	int rc, nomem = 0;
	size_t r, i;
	*version = *text = NULL;
	if (row->mode == CRK_CLIB_AT) {
		int k = T.lit[ri];
		for (i = 0; k >= 0 && i < s->nocc[k]; i++) {
			const struct region *rg = &s->reg[s->occ[k][i].region];
			rc = pcre2_match(T.re[ri], rg->p, rg->n, s->occ[k][i].off, 0, s->md, T.mctx);
			if (rc < 1)
				continue;
			*version = version_of(s, row, rg->p, &nomem);
			if (*version)
				*text = shown(s, rg->p, &nomem);
			if (nomem)
				return CRK_ENOMEM;
			if (*version)
				return CRK_OK;
		}
		return CRK_OK;
	}
	/* SCAN: every match over the data, exactly one distinct version */
	{
		const char *seen[ELFV_MAX_DISTINCT];
		const char *seen_text = NULL;
		size_t nseen = 0;
		for (r = 0; r < s->nreg && nseen < ELFV_MAX_DISTINCT; r++) {
			PCRE2_SIZE start = 0;
			while (start < s->reg[r].n && nseen < ELFV_MAX_DISTINCT) {
				PCRE2_SIZE *ov;
				const char *v;
				rc = pcre2_match(T.re[ri], s->reg[r].p, s->reg[r].n, start, 0, s->md,
						 T.mctx);
				if (rc < 1)
					break;
				ov = pcre2_get_ovector_pointer(s->md);
				start = ov[1] > start ? ov[1] : start + 1;
				v = version_of(s, row, s->reg[r].p, &nomem);
				if (nomem)
					return CRK_ENOMEM;
				if (!v)
					continue;
				for (i = 0; i < nseen; i++)
					if (strcmp(seen[i], v) == 0)
						break;
				if (i == nseen) {
					seen[nseen++] = v;
					if (nseen == 1 &&
					    !(seen_text = shown(s, s->reg[r].p, &nomem)))
						return CRK_ENOMEM;
				}
			}
		}
		if (nseen == 1) {
			*version = seen[0];
			*text = seen_text;
		}
	}
	return CRK_OK;
}

/* 1 when the file is this project: its DT_SONAME or base name is one of the row's files. */
static int is_self(const struct scan *s, const struct crk_clib *row)
{
	if (!row->files)
		return 0;
	return (s->dyn.soname && crk_clib_list_prefix(row->files, s->dyn.soname)) ||
	       crk_clib_list_prefix(row->files, s->base);
}

/* 1 when the file needs one of the row's shared objects. */
static int needs_row(const struct scan *s, const struct crk_clib *row)
{
	size_t i;
	for (i = 0; row->files && i < s->dyn.nneeded; i++)
		if (strncmp(s->dyn.needed[i], "lib", 3) == 0 &&
		    crk_clib_list_prefix(row->files, s->dyn.needed[i]))
			return 1;
	return 0;
}

static int add_hit(struct scan *s, struct hit *h, struct crk_err *err)
{
	struct crk_detect_ctx *ctx = s->ctx;
	struct crk_pkg pkg;
	struct crk_kv *props;
	size_t np = 0, i, cap = 3 + (h->self ? s->dyn.nneeded + 1 : 0);
	int nomem = 0, rc;

	props = crk_arena_array(ctx->arena, cap, sizeof(*props));
	if (!props)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	crk_detect_pkg_init(ctx, &pkg, "generic", NULL);
	pkg.name = h->row->name;
	pkg.version = h->version;
	if (h->self)
		pkg.flags |= CRK_PKG_IS_FILE; /* hashed as the deployable file (BSI TR-03183-2) */
	pkg.cpe = crk_clib_cpe(h->row, h->version, ctx->arena, &nomem);
	if (h->row->alt_cpe) {
		struct crk_clib alt = *h->row;
		const char *colon = strchr(h->row->alt_cpe, ':');
		char *vendor = colon ? crk_arena_strndup(ctx->arena, h->row->alt_cpe,
							 (size_t)(colon - h->row->alt_cpe))
				     : NULL;
		if (colon && !vendor)
			nomem = 1;
		if (vendor) {
			alt.vendor = vendor;
			alt.product = colon + 1;
			props[np].key = "cpe.alternative";
			props[np].value = crk_clib_cpe(&alt, h->version, ctx->arena, &nomem);
			if (props[np].value)
				np++;
		}
	}
	if (nomem)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	if (h->text) {
		props[np].key = "version_string";
		props[np++].value = h->text;
	}
	if (h->self) {
		if (s->dyn.soname) {
			props[np].key = "elf.soname";
			props[np++].value = s->dyn.soname;
		}
		for (i = 0; i < s->dyn.nneeded && np < cap; i++) {
			props[np].key = "elf.needed";
			props[np++].value = s->dyn.needed[i];
		}
	}
	pkg.props = props;
	pkg.nprops = np;
	rc = crk_detect_add(ctx, &pkg, &h->id, err);
	return rc;
}

static int elf_versions_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_elf e;
	struct scan *s;
	struct hit hits[64];
	size_t nhits = 0, i, j;
	int rc = CRK_OK, any_self = 0, owned = -1;

	if (!crk_elf_is_elf(ctx->buf, ctx->len) || crk_elf_init(&e, ctx->buf, ctx->len, NULL))
		return CRK_OK;
	pthread_once(&once, build);
	if (T.failed)
		return crk_err_set(err, CRK_EINTERNAL, ctx->path, 0, 0,
				   "elf version patterns failed to compile");
	s = crk_arena_alloc(ctx->arena, sizeof(*s));
	if (!s)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	s->ctx = ctx;
	s->base = strrchr(ctx->path, '/') ? strrchr(ctx->path, '/') + 1 : ctx->path;
	if (crk_elf_dynamic(&e, ctx->arena, &s->dyn))
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	collect_regions(s, &e);
	if (find_literals(s))
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	s->md = pcre2_match_data_create(10, T.gctx);
	if (!s->md)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");

	for (i = 0; i < crk_clib_count && nhits < sizeof(hits) / sizeof(hits[0]); i++) {
		const struct crk_clib *row = &crk_clib_table[i];
		const char *version, *text;
		int self, present;
		/* a project already found by an earlier row of it */
		for (j = 0; j < nhits; j++)
			if (strcmp(hits[j].row->name, row->name) == 0)
				break;
		if (j < nhits)
			continue;
		if (T.notlit[i] >= 0 && s->found[T.notlit[i]])
			continue;
		self = is_self(s, row);
		present = T.lit[i] >= 0 ? s->found[T.lit[i]] : self;
		if (!present)
			continue;
		if ((row->flags & CRK_CLIB_HEADER_TOO) && !self && needs_row(s, row))
			continue;
		if ((rc = run_row(s, i, &version, &text)) != CRK_OK) {
			rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
			goto out;
		}
		if (!version)
			continue;
		if (owned < 0 && (owned = crk_clib_os_owned(ctx)) == 1)
			goto out; /* the OS package detectors report what is here */
		hits[nhits].row = row;
		hits[nhits].version = version;
		hits[nhits].text = text;
		hits[nhits].self = self;
		hits[nhits].id = CRK_BOM_NONE;
		any_self |= self;
		nhits++;
	}
	for (i = 0; i < nhits; i++)
		if ((rc = add_hit(s, &hits[i], err)) != CRK_OK)
			goto out;
	/* edges: product -> the file's own components (or what it carries when it is none of
	 * them); each own component -> the ones it carries */
	for (i = 0; i < nhits; i++) {
		if (hits[i].id == CRK_BOM_NONE)
			continue;
		if (hits[i].self || !any_self) {
			if (crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, hits[i].id) == CRK_ENOMEM)
				goto nomem;
		}
		if (!hits[i].self)
			continue;
		for (j = 0; j < nhits; j++)
			if (!hits[j].self && hits[j].id != CRK_BOM_NONE &&
			    crk_bom_add_dep(ctx->bom, hits[i].id, hits[j].id) == CRK_ENOMEM)
				goto nomem;
	}
out:
	pcre2_match_data_free(s->md);
	return rc;
nomem:
	rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	goto out;
}

const struct crk_detector crk_detector_elf_versions = {
	.name = "generic/elf-version-strings",
	.ecosystem = "C/C++",
	.names = NULL,
	.match = crk__elf_match,
	.parse = elf_versions_parse,
	.max_size = CRK_MAX_BINARY_SIZE,
	.flags = CRK_DETECT_BINARY,
	.doc = "ELF executables and shared objects: version strings of well-known C libraries "
	       "and programs (OpenSSL, zlib, curl, SQLite, BusyBox, ...)",
};
