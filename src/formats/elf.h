/*
 * elf.h - a bounded reader of ELF files (System V ABI, "ELF-64 Object File Format" and the
 * generic ABI's 32-bit tables): the file header, section and program headers, address-to-offset
 * mapping through the PT_LOAD segments, and the dynamic section (DT_NEEDED, DT_SONAME,
 * DT_RUNPATH / DT_RPATH). Shared by the binary detectors (src/detect/gobinary.c,
 * elf_versions.c, cargo_auditable.c).
 *
 * The file is untrusted: 32- and 64-bit, both byte orders; every offset, size, count and
 * address read from it is checked against the buffer with overflow-safe arithmetic before use,
 * counts are clamped to what fits in the file, strings are bounded by their table and the file.
 * Nothing is copied except the dynamic strings (into a caller's arena). The reader looks only
 * at headers and the tables it is asked for, so it is cheap on large files.
 */
#ifndef CRK_FORMATS_ELF_H
#define CRK_FORMATS_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "crakit/err.h"

#define CRK_ELF_SHT_PROGBITS 1
#define CRK_ELF_SHT_STRTAB 3
#define CRK_ELF_SHT_DYNAMIC 6
#define CRK_ELF_SHT_NOBITS 8
#define CRK_ELF_SHF_WRITE 0x1
#define CRK_ELF_SHF_ALLOC 0x2
#define CRK_ELF_SHF_EXECINSTR 0x4
#define CRK_ELF_PT_LOAD 1
#define CRK_ELF_PT_DYNAMIC 2
#define CRK_ELF_PF_X 0x1
#define CRK_ELF_PF_W 0x2
#define CRK_ELF_ET_EXEC 2
#define CRK_ELF_ET_DYN 3

/* Caps on what one file may hold (more is clamped, never trusted). */
#define CRK_ELF_MAX_NEEDED 1024      /* DT_NEEDED entries kept */
#define CRK_ELF_MAX_DYNSTR 4096      /* length of one dynamic string */
#define CRK_ELF_MAX_DYN_ENTRIES 65536 /* entries of the dynamic section read */

struct crk_elf {
	const unsigned char *b;
	size_t len;
	int is64, be;
	unsigned type;    /* e_type: CRK_ELF_ET_EXEC, CRK_ELF_ET_DYN, ... */
	unsigned machine; /* e_machine */
	uint64_t shoff, phoff;
	size_t shnum, phnum;         /* clamped to what fits in the file */
	size_t shentsize, phentsize;
	size_t shstr_off, shstr_len; /* the section name table, clipped; len 0 when absent */
};

struct crk_elf_section {
	const char *name; /* in the file's name table, not NUL-terminated: use namelen */
	size_t namelen;
	uint32_t type;
	uint64_t flags, addr, offset, size;
	uint32_t link;
	const unsigned char *data; /* the contents clipped to the file; NULL for SHT_NOBITS or a
				    * section starting past the end */
	size_t datalen;
};

struct crk_elf_segment {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz;
	const unsigned char *data; /* [offset, offset+filesz) clipped to the file, or NULL */
	size_t datalen;
};

/* What the dynamic section says. Strings are NUL-terminated copies in the arena given to
 * crk_elf_dynamic(); `needed` keeps the file's order, duplicates dropped. */
struct crk_elf_dynamic {
	const char **needed;
	size_t nneeded;
	const char *soname;  /* DT_SONAME, or NULL */
	const char *runpath; /* DT_RUNPATH, else DT_RPATH, or NULL */
	int truncated;       /* more than CRK_ELF_MAX_NEEDED entries, or a string cut short */
};

/* 1 when the 4 bytes at `b` (len >= 4) are the ELF magic. */
int crk_elf_is_elf(const void *b, size_t len);

/*
 * Reads the file header of buf[0..len). CRK_OK; CRK_EUNSUPPORTED when it is not ELF (no magic)
 * or its class/data bytes are not 32/64-bit little/big endian; CRK_EPARSE (err says why) when
 * the header is cut short. Section and program header tables that do not fit are treated as
 * absent or clamped, not as errors: stripped and damaged files still yield what they have.
 * `e` borrows `buf`.
 */
int crk_elf_init(struct crk_elf *e, const void *buf, size_t len, struct crk_err *err);

/* Reads an n-byte (1, 2, 4, 8) unsigned integer at `off` in the file's byte order: 0, or -1
 * when it does not fit. */
int crk_elf_read(const struct crk_elf *e, uint64_t off, unsigned n, uint64_t *out);
/* The same for a word of the file's class (4 or 8 bytes). */
int crk_elf_read_word(const struct crk_elf *e, uint64_t off, uint64_t *out);

/* The i-th section header (i < e->shnum): 0, or -1 when it cannot be read. */
int crk_elf_section(const struct crk_elf *e, size_t i, struct crk_elf_section *out);
/* The first section named `name`: 0, or -1 when there is none. */
int crk_elf_section_by_name(const struct crk_elf *e, const char *name,
			    struct crk_elf_section *out);
/* The i-th program header (i < e->phnum): 0, or -1. */
int crk_elf_segment(const struct crk_elf *e, size_t i, struct crk_elf_segment *out);
/* Maps [addr, addr+size) of the program's memory to a file offset through the PT_LOAD
 * segment holding it: 0 and *off, or -1 when no segment holds all of it within the file. */
int crk_elf_vaddr_to_offset(const struct crk_elf *e, uint64_t addr, uint64_t size, size_t *off);

/*
 * Reads the dynamic section (the PT_DYNAMIC segment, else the SHT_DYNAMIC section) and its
 * string table (DT_STRTAB mapped through the segments, else the section the dynamic section
 * links to). A file without one (static executables, object files) gives an empty result and
 * CRK_OK; a string table that cannot be found leaves the names out. CRK_ENOMEM only.
 */
int crk_elf_dynamic(const struct crk_elf *e, struct crk_arena *a, struct crk_elf_dynamic *out);

#endif
