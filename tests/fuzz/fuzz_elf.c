/*
 * fuzz_elf.c - the bounded ELF reader (src/formats/elf.c) on arbitrary bytes: the header,
 * every section and segment, the address mapping and the dynamic section. Everything it hands
 * out must lie inside the input (ASan watches the reads). Seeds: tests/fuzz/corpus/elf/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/elf.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_elf e;
	struct crk_elf_dynamic d;
	size_t i, off;
	if (crk_elf_init(&e, data, size, NULL) != CRK_OK)
		return 0;
	for (i = 0; i < e.shnum; i++) {
		struct crk_elf_section s;
		if (crk_elf_section(&e, i, &s))
			break;
		if (s.data && (s.data < data || s.data + s.datalen > data + size))
			abort();
		if (s.name && s.namelen && (const uint8_t *)s.name + s.namelen > data + size)
			abort();
	}
	for (i = 0; i < e.phnum; i++) {
		struct crk_elf_segment g;
		if (crk_elf_segment(&e, i, &g))
			break;
		if (g.data && g.data + g.datalen > data + size)
			abort();
		if (!crk_elf_vaddr_to_offset(&e, g.vaddr, g.filesz, &off) && off + g.filesz > size)
			abort();
	}
	(void)crk_elf_section_by_name(&e, ".go.buildinfo", &(struct crk_elf_section){0});
	if (crk_elf_dynamic(&e, &a, &d) == CRK_OK)
		for (i = 0; i < d.nneeded; i++)
			if (!d.needed[i] || strlen(d.needed[i]) > CRK_ELF_MAX_DYNSTR)
				abort();
	crk_arena_release(&a);
	return 0;
}
