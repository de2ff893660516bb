/* arena.c - see arena.h. */
#include <stdalign.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/banned.h"

#define CHUNK_MIN ((size_t)64 << 10)
#define CHUNK_MAX ((size_t)8 << 20)

struct crk_arena_chunk {
	struct crk_arena_chunk *next;
	size_t size, used;
	int borrowed; /* the caller's buffer (crk_arena_init_buf): not freed */
	alignas(max_align_t) unsigned char data[];
};

void crk_arena_init(struct crk_arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

void crk_arena_init_buf(struct crk_arena *a, void *buf, size_t size)
{
	const size_t align = alignof(max_align_t);
	uintptr_t p = ((uintptr_t)buf + align - 1) & ~(uintptr_t)(align - 1);
	size_t skip = (size_t)(p - (uintptr_t)buf);
	struct crk_arena_chunk *c = (struct crk_arena_chunk *)p;
	crk_arena_init(a);
	if (!buf || size < skip + sizeof(*c) + align)
		return;
	c->next = NULL;
	c->size = (size - skip - sizeof(*c)) & ~(align - 1);
	c->used = 0;
	c->borrowed = 1;
	a->head = c;
}

void crk_arena_release(struct crk_arena *a)
{
	struct crk_arena_chunk *c = a->head, *next;
	while (c) {
		next = c->next;
		if (!c->borrowed)
			crk_free(c);
		c = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

/* The size of the next chunk: 64 KiB, then about what the arena holds already (so a large arena
 * takes few chunks), at most CHUNK_MAX. */
static size_t next_chunk(const struct crk_arena *a)
{
	size_t size = a->used_total;
	if (size <= CHUNK_MIN)
		return CHUNK_MIN;
	if (size >= CHUNK_MAX)
		return CHUNK_MAX;
	return (size + CHUNK_MIN - 1) & ~(CHUNK_MIN - 1);
}

/* A new chunk with room for `size` bytes, in front of the list, or NULL on ENOMEM. A large one
 * starts at a huge-page boundary (2 MiB more, untouched) and is rounded up to whole huge pages,
 * so that all of it can be huge pages. */
static struct crk_arena_chunk *new_chunk(struct crk_arena *a, size_t size)
{
	struct crk_arena_chunk *c;
	size_t total, skip = 0;
	int huge = size >= 2 * CRK_HUGE_PAGE;
	if (huge) { /* whole huge pages: a tail of small ones would fault page by page */
		if (crk_add_overflow(size, CRK_HUGE_PAGE - 1, &size))
			return NULL;
		size &= ~(CRK_HUGE_PAGE - 1);
	}
	if (crk_add_overflow(size, sizeof(*c) + (huge ? CRK_HUGE_PAGE : 0), &total))
		return NULL;
	c = crk_malloc(total);
	if (!c)
		return NULL;
	if (huge) {
		uintptr_t d = (uintptr_t)c->data;
		skip = (size_t)(((d + CRK_HUGE_PAGE - 1) & ~(uintptr_t)(CRK_HUGE_PAGE - 1)) - d);
		crk_mem_huge(c->data + skip, size);
	}
	c->size = size + skip;
	c->used = skip;
	c->borrowed = 0;
	c->next = a->head;
	a->head = c;
	return c;
}

static void *take(struct crk_arena *a, size_t n, int zero)
{
	const size_t align = alignof(max_align_t);
	struct crk_arena_chunk *c = a->head;
	size_t need, off;
	void *p;

	if (crk_add_overflow(n, align - 1, &need))
		return NULL;
	need &= ~(align - 1);
	if (!need)
		need = align;
	if (!c || c->size - c->used < need) {
		struct crk_arena_chunk *cur = a->head;
		c = new_chunk(a, need > CHUNK_MIN / 4 ? need : next_chunk(a));
		if (!c)
			return NULL;
		if (need > CHUNK_MIN / 4 && cur) {
			/* a big block: keep the current chunk in front, it still has room */
			a->head = cur;
			c->next = cur->next;
			cur->next = c;
		}
	}
	off = c->used;
	c->used += need;
	a->used_total += need;
	p = c->data + off;
	if (zero)
		memset(p, 0, n);
	return p;
}

int crk_arena_reserve(struct crk_arena *a, size_t n)
{
	if (a->head && a->head->size - a->head->used >= n)
		return 0;
	if (n < CHUNK_MIN)
		n = CHUNK_MIN;
	if (crk_add_overflow(n, CHUNK_MIN - 1, &n))
		return -1;
	n &= ~(CHUNK_MIN - 1);
	return new_chunk(a, n) ? 0 : -1;
}

void *crk_arena_alloc(struct crk_arena *a, size_t n)
{
	return take(a, n, 1);
}

void *crk_arena_array(struct crk_arena *a, size_t n, size_t size)
{
	size_t bytes;
	if (crk_mul_overflow(n, size, &bytes))
		return NULL;
	return crk_arena_alloc(a, bytes);
}

char *crk_arena_strndup(struct crk_arena *a, const char *s, size_t n)
{
	size_t total;
	char *p;
	if (crk_add_overflow(n, 1, &total))
		return NULL;
	p = take(a, total, 0); /* every byte is written below */
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *crk_arena_strdup(struct crk_arena *a, const char *s)
{
	return crk_arena_strndup(a, s, strlen(s));
}

char *crk_arena_printf(struct crk_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = crk_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
