/*
 * elf.c - a bounded ELF reader (see elf.h). Layouts from the System V generic ABI
 * ("Object Files" chapter: ELF header, section header, program header, dynamic section) for
 * ELFCLASS32 and ELFCLASS64, ELFDATA2LSB and ELFDATA2MSB, including extended numbering
 * (e_shnum 0, e_shstrndx SHN_XINDEX, e_phnum PN_XNUM: the real values in section 0).
 *
 * Offsets, sizes and addresses are uint64_t whatever the host: each is compared with the file
 * length before it is used or narrowed to size_t; table counts are clamped to what fits in the
 * file before a count is multiplied by an entry size; sums that cannot be bounded that way use
 * __builtin_add_overflow.
 */
#include <string.h>

#include "formats/elf.h"
#include "base/banned.h"

#define SHN_XINDEX 0xffff
#define PN_XNUM 0xffff
#define DT_NULL 0
#define DT_NEEDED 1
#define DT_STRTAB 5
#define DT_STRSZ 10
#define DT_SONAME 14
#define DT_RPATH 15
#define DT_RUNPATH 29

int crk_elf_is_elf(const void *b, size_t len)
{
	return len >= 4 && memcmp(b, "\x7f" "ELF", 4) == 0;
}

int crk_elf_read(const struct crk_elf *e, uint64_t off, unsigned n, uint64_t *out)
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

int crk_elf_read_word(const struct crk_elf *e, uint64_t off, uint64_t *out)
{
	return crk_elf_read(e, off, e->is64 ? 8 : 4, out);
}

/* Clamps a table of `num` entries of `entsize` bytes at `off` to what fits in the file. */
static size_t clamp_count(const struct crk_elf *e, uint64_t off, uint64_t num, uint64_t entsize)
{
	if (!off || !entsize || off >= e->len)
		return 0;
	if (num > (e->len - off) / entsize)
		num = (e->len - off) / entsize;
	return (size_t)num;
}

/* [off, off+size) clipped to the file: *data and *len, or NULL when it starts past the end. */
static void clip(const struct crk_elf *e, uint64_t off, uint64_t size, const unsigned char **data,
		 size_t *len)
{
	*data = NULL;
	*len = 0;
	if (off >= e->len)
		return;
	*data = e->b + off;
	*len = size > e->len - off ? e->len - (size_t)off : (size_t)size;
}

int crk_elf_init(struct crk_elf *e, const void *buf, size_t len, struct crk_err *err)
{
	const unsigned char *b = buf;
	uint64_t type, machine, shoff, phoff, shentsize, phentsize, shnum, phnum, shstrndx;
	const size_t hdr_len_min = 52;

	memset(e, 0, sizeof(*e));
	if (!crk_elf_is_elf(b, len))
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0, "not an ELF file");
	if (len < 6 || (b[4] != 1 && b[4] != 2) || (b[5] != 1 && b[5] != 2))
		return crk_err_set(err, CRK_EUNSUPPORTED, NULL, 0, 0,
				   "ELF class or data encoding not 32/64-bit LSB/MSB");
	e->b = b;
	e->len = len;
	e->is64 = b[4] == 2;
	e->be = b[5] == 2;
	if (len < (e->is64 ? 64 : hdr_len_min))
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "ELF header cut short (%zu bytes)",
				   len);
	crk_elf_read(e, 16, 2, &type);
	crk_elf_read(e, 18, 2, &machine);
	crk_elf_read_word(e, e->is64 ? 0x20 : 0x1c, &phoff);
	crk_elf_read_word(e, e->is64 ? 0x28 : 0x20, &shoff);
	crk_elf_read(e, e->is64 ? 0x36 : 0x2a, 2, &phentsize);
	crk_elf_read(e, e->is64 ? 0x38 : 0x2c, 2, &phnum);
	crk_elf_read(e, e->is64 ? 0x3a : 0x2e, 2, &shentsize);
	crk_elf_read(e, e->is64 ? 0x3c : 0x30, 2, &shnum);
	crk_elf_read(e, e->is64 ? 0x3e : 0x32, 2, &shstrndx);
	e->type = (unsigned)type;
	e->machine = (unsigned)machine;
	e->shoff = shoff;
	e->phoff = phoff;
	/* entries smaller than the ABI's are unreadable: treat the table as absent */
	e->shentsize = shentsize >= (e->is64 ? 64u : 40u) ? (size_t)shentsize : 0;
	e->phentsize = phentsize >= (e->is64 ? 56u : 32u) ? (size_t)phentsize : 0;
	if (e->shentsize && shoff && shoff < len) {
		uint64_t v;
		/* extended numbering: the real values are in section 0 */
		if (shnum == 0 && !crk_elf_read_word(e, shoff + (e->is64 ? 0x20 : 0x14), &v))
			shnum = v;
		if (shstrndx == SHN_XINDEX && !crk_elf_read(e, shoff + (e->is64 ? 0x28 : 0x18), 4, &v))
			shstrndx = v;
		if (phnum == PN_XNUM && !crk_elf_read(e, shoff + (e->is64 ? 0x2c : 0x1c), 4, &v))
			phnum = v;
	}
	e->shnum = clamp_count(e, shoff, shnum, e->shentsize);
	e->phnum = clamp_count(e, phoff, phnum, e->phentsize);
	if (shstrndx < e->shnum) {
		uint64_t base = shoff + shstrndx * e->shentsize, off, size;
		const unsigned char *d;
		if (!crk_elf_read_word(e, base + (e->is64 ? 0x18 : 0x10), &off) &&
		    !crk_elf_read_word(e, base + (e->is64 ? 0x20 : 0x14), &size)) {
			clip(e, off, size, &d, &e->shstr_len);
			e->shstr_off = d ? (size_t)off : 0;
		}
	}
	return CRK_OK;
}

int crk_elf_section(const struct crk_elf *e, size_t i, struct crk_elf_section *out)
{
	uint64_t base, name, type, link;
	memset(out, 0, sizeof(*out));
	if (i >= e->shnum)
		return -1;
	base = e->shoff + (uint64_t)i * e->shentsize;
	if (crk_elf_read(e, base, 4, &name) || crk_elf_read(e, base + 4, 4, &type) ||
	    crk_elf_read_word(e, base + 8, &out->flags) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x10 : 0x0c), &out->addr) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x18 : 0x10), &out->offset) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x20 : 0x14), &out->size) ||
	    crk_elf_read(e, base + (e->is64 ? 0x28 : 0x18), 4, &link))
		return -1;
	out->type = (uint32_t)type;
	out->link = (uint32_t)link;
	if (name < e->shstr_len) {
		const char *s = (const char *)e->b + e->shstr_off + name;
		const char *nul = memchr(s, '\0', e->shstr_len - (size_t)name);
		out->name = s;
		out->namelen = nul ? (size_t)(nul - s) : e->shstr_len - (size_t)name;
	} else {
		out->name = "";
	}
	if (out->type != CRK_ELF_SHT_NOBITS)
		clip(e, out->offset, out->size, &out->data, &out->datalen);
	return 0;
}

int crk_elf_section_by_name(const struct crk_elf *e, const char *name,
			    struct crk_elf_section *out)
{
	size_t i, n = strlen(name);
	for (i = 0; i < e->shnum; i++) {
		if (crk_elf_section(e, i, out))
			return -1;
		if (out->namelen == n && memcmp(out->name, name, n) == 0)
			return 0;
	}
	memset(out, 0, sizeof(*out));
	return -1;
}

int crk_elf_segment(const struct crk_elf *e, size_t i, struct crk_elf_segment *out)
{
	uint64_t base, type, flags;
	memset(out, 0, sizeof(*out));
	if (i >= e->phnum)
		return -1;
	base = e->phoff + (uint64_t)i * e->phentsize;
	if (crk_elf_read(e, base, 4, &type) ||
	    crk_elf_read(e, base + (e->is64 ? 4 : 0x18), 4, &flags) ||
	    crk_elf_read_word(e, base + (e->is64 ? 8 : 4), &out->offset) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x10 : 8), &out->vaddr) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x20 : 0x10), &out->filesz) ||
	    crk_elf_read_word(e, base + (e->is64 ? 0x28 : 0x14), &out->memsz))
		return -1;
	out->type = (uint32_t)type;
	out->flags = (uint32_t)flags;
	clip(e, out->offset, out->filesz, &out->data, &out->datalen);
	return 0;
}

int crk_elf_vaddr_to_offset(const struct crk_elf *e, uint64_t addr, uint64_t size, size_t *off)
{
	struct crk_elf_segment s;
	size_t i;
	for (i = 0; i < e->phnum; i++) {
		uint64_t end, foff;
		if (crk_elf_segment(e, i, &s))
			return -1;
		if (s.type != CRK_ELF_PT_LOAD || addr < s.vaddr ||
		    __builtin_add_overflow(s.vaddr, s.filesz, &end) || addr >= end)
			continue;
		if (size > end - addr || __builtin_add_overflow(s.offset, addr - s.vaddr, &foff) ||
		    foff > e->len || e->len - foff < size)
			return -1;
		*off = (size_t)foff;
		return 0;
	}
	return -1;
}

/* Copies the NUL-terminated string at strtab[off] (bounded by the table) into the arena. */
static const char *dyn_string(const unsigned char *tab, size_t tablen, uint64_t off,
			      struct crk_arena *a, int *truncated, int *nomem)
{
	const char *s, *nul;
	size_t max;
	char *r;
	if (!tab || off >= tablen)
		return NULL;
	s = (const char *)tab + off;
	max = tablen - (size_t)off;
	if (max > CRK_ELF_MAX_DYNSTR)
		max = CRK_ELF_MAX_DYNSTR;
	nul = memchr(s, '\0', max);
	if (!nul)
		*truncated = 1;
	if ((nul ? (size_t)(nul - s) : max) == 0)
		return NULL;
	r = crk_arena_strndup(a, s, nul ? (size_t)(nul - s) : max);
	if (!r)
		*nomem = 1;
	return r;
}

int crk_elf_dynamic(const struct crk_elf *e, struct crk_arena *a, struct crk_elf_dynamic *out)
{
	const unsigned char *dyn = NULL, *tab = NULL;
	size_t dynlen = 0, tablen = 0, i, n, entsize = e->is64 ? 16 : 8;
	uint64_t strtab = 0, strsz = 0, *needed_off = NULL, soname_off = 0, runpath_off = 0,
		 rpath_off = 0;
	int have_strtab = 0, have_soname = 0, have_runpath = 0, have_rpath = 0, nomem = 0;
	size_t nneeded = 0;
	struct crk_elf_section dsec, lsec;
	struct crk_elf_segment seg;
	size_t k;

	memset(out, 0, sizeof(*out));
	memset(&dsec, 0, sizeof(dsec));
	for (i = 0; i < e->phnum; i++) {
		if (crk_elf_segment(e, i, &seg))
			break;
		if (seg.type == CRK_ELF_PT_DYNAMIC && seg.data) {
			dyn = seg.data;
			dynlen = seg.datalen;
			break;
		}
	}
	for (i = 0; i < e->shnum; i++) {
		if (crk_elf_section(e, i, &dsec))
			break;
		if (dsec.type == CRK_ELF_SHT_DYNAMIC)
			break;
		memset(&dsec, 0, sizeof(dsec));
	}
	if (!dyn && dsec.data) {
		dyn = dsec.data;
		dynlen = dsec.datalen;
	}
	if (!dyn)
		return CRK_OK;
	n = dynlen / entsize;
	if (n > CRK_ELF_MAX_DYN_ENTRIES)
		n = CRK_ELF_MAX_DYN_ENTRIES;
	needed_off = crk_arena_array(a, n ? n : 1, sizeof(*needed_off));
	if (!needed_off)
		return CRK_ENOMEM;
	for (i = 0; i < n; i++) {
		uint64_t tag, val, base = (uint64_t)(dyn - e->b) + (uint64_t)i * entsize;
		if (crk_elf_read_word(e, base, &tag) ||
		    crk_elf_read_word(e, base + (e->is64 ? 8 : 4), &val))
			break;
		if (tag == DT_NULL)
			break;
		switch (tag) {
		case DT_NEEDED:
			needed_off[nneeded++] = val;
			break;
		case DT_STRTAB: strtab = val; have_strtab = 1; break;
		case DT_STRSZ: strsz = val; break;
		case DT_SONAME: soname_off = val; have_soname = 1; break;
		case DT_RUNPATH: runpath_off = val; have_runpath = 1; break;
		case DT_RPATH: rpath_off = val; have_rpath = 1; break;
		default: break;
		}
	}
	/* the string table: DT_STRTAB is an address; the section the dynamic section links to
	 * serves files without segments (and prelinked ones whose address moved) */
	if (have_strtab && strsz) {
		size_t off;
		uint64_t sz = strsz;
		if (sz > e->len)
			sz = e->len;
		/* the whole table must be mapped: no partial guesses */
		if (!crk_elf_vaddr_to_offset(e, strtab, sz, &off)) {
			tab = e->b + off;
			tablen = (size_t)sz;
		}
	}
	if (!tab && dsec.data && !crk_elf_section(e, dsec.link, &lsec) &&
	    lsec.type == CRK_ELF_SHT_STRTAB && lsec.data) {
		tab = lsec.data;
		tablen = lsec.datalen;
	}
	if (!tab)
		return CRK_OK;
	if (nneeded > CRK_ELF_MAX_NEEDED) {
		nneeded = CRK_ELF_MAX_NEEDED;
		out->truncated = 1;
	}
	out->needed = crk_arena_array(a, nneeded ? nneeded : 1, sizeof(*out->needed));
	if (!out->needed)
		return CRK_ENOMEM;
	for (i = 0; i < nneeded; i++) {
		const char *s = dyn_string(tab, tablen, needed_off[i], a, &out->truncated, &nomem);
		if (nomem)
			return CRK_ENOMEM;
		if (!s)
			continue;
		for (k = 0; k < out->nneeded; k++)
			if (strcmp(out->needed[k], s) == 0)
				break;
		if (k == out->nneeded)
			out->needed[out->nneeded++] = s;
	}
	if (have_soname)
		out->soname = dyn_string(tab, tablen, soname_off, a, &out->truncated, &nomem);
	if (have_runpath)
		out->runpath = dyn_string(tab, tablen, runpath_off, a, &out->truncated, &nomem);
	else if (have_rpath)
		out->runpath = dyn_string(tab, tablen, rpath_off, a, &out->truncated, &nomem);
	return nomem ? CRK_ENOMEM : CRK_OK;
}
