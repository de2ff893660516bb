/* alloc.c - see alloc.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/banned.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

void crk_mem_huge(void *p, size_t n)
{
	uintptr_t lo = ((uintptr_t)p + CRK_HUGE_PAGE - 1) & ~(uintptr_t)(CRK_HUGE_PAGE - 1);
	uintptr_t hi = ((uintptr_t)p + n) & ~(uintptr_t)(CRK_HUGE_PAGE - 1);
	if (p && hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
}

void crk_mem_populate(void *p, size_t n)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t hi = ((uintptr_t)p + n) & ~(page - 1);
	if (p && page && hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
}

/* The failure hook is process-wide and meant for single-threaded tests only. */
static uint64_t fail_after;
static uint64_t fail_count;
static int fail_armed;

void crk_alloc_fail_after(uint64_t n)
{
	fail_after = n;
	fail_armed = n > 0;
	fail_count = 0;
}

uint64_t crk_alloc_failures(void)
{
	return fail_count;
}

static int should_fail(void)
{
	if (!fail_armed)
		return 0;
	if (fail_after > 1) {
		fail_after--;
		return 0;
	}
	fail_count++;
	return 1;
}

void *crk_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *crk_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *crk_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *crk_reallocarray(void *p, size_t n, size_t size)
{
	size_t bytes;
	if (crk_mul_overflow(n, size, &bytes))
		return NULL;
	return crk_realloc(p, bytes);
}

void crk_free(void *p)
{
	free(p);
}

char *crk_strndup(const char *s, size_t n)
{
	char *p = crk_malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *crk_strdup(const char *s)
{
	return crk_strndup(s, strlen(s));
}

int crk_grow(void **v, size_t *alloc, size_t need, size_t elsize)
{
	size_t n;
	void *p;
	if (need <= *alloc)
		return 0;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (crk_mul_overflow(n, 2, &n))
			return -1;
	}
	p = crk_reallocarray(*v, n, elsize);
	if (!p)
		return -1;
	*v = p;
	*alloc = n;
	return 0;
}
