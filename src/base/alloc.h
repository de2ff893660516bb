/*
 * alloc.h - the allocator every crakit file uses, so tests can fail the Nth allocation
 * (curl's torture mode, SQLite's OOM tests). Overflow-checked size arithmetic lives here too.
 */
#ifndef CRK_BASE_ALLOC_H
#define CRK_BASE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void *crk_malloc(size_t n);
void *crk_calloc(size_t n, size_t size);
void *crk_realloc(void *p, size_t n);
/* realloc of n*size bytes, NULL on overflow or ENOMEM (the old block is kept then). */
void *crk_reallocarray(void *p, size_t n, size_t size);
void crk_free(void *p);
char *crk_strdup(const char *s);
char *crk_strndup(const char *s, size_t n);

/* Test hook: after `n` more successful allocations, every allocation fails (0: never). */
void crk_alloc_fail_after(uint64_t n);
/* Number of allocations that were refused since the hook was last set. */
uint64_t crk_alloc_failures(void);

/* Page-fault hints for large blocks (page faults are much of what filling tens of megabytes
 * costs, more so in a VM). Both are only hints: without kernel support nothing changes.
 * CRK_HUGE_PAGE: the size of a transparent huge page on x86-64 and arm64 (4 KiB base pages). */
#define CRK_HUGE_PAGE ((size_t)2 << 20)
/* Asks for transparent huge pages on the CRK_HUGE_PAGE-aligned part of p[0..n). */
void crk_mem_huge(void *p, size_t n);
/* p[0..n) is about to be written whole: its pages are mapped in one system call, not one
 * fault each. */
void crk_mem_populate(void *p, size_t n);

/* *out = a + b, or a * b; return nonzero on overflow. */
static inline int crk_add_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out);
}
static inline int crk_mul_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

/* Grows an array `*v` of `elsize`-byte elements so it holds at least `need`; `*alloc` is its
 * capacity. Returns 0, or -1 on overflow/ENOMEM (the array is unchanged then). */
int crk_grow(void **v, size_t *alloc, size_t need, size_t elsize);

/* CRK_GROW(ptr, alloc, need): typed wrapper of crk_grow. */
#define CRK_GROW(p, alloc, need) crk_grow((void **)&(p), &(alloc), (need), sizeof(*(p)))

#endif
