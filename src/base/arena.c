/* arena.c - see arena.h. */
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/banned.h"

#define CHUNK_MIN ((size_t)64 << 10)

struct crk_arena_chunk {
	struct crk_arena_chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

void crk_arena_init(struct crk_arena *a)
{
	a->head = NULL;
	a->used_total = 0;
}

void crk_arena_release(struct crk_arena *a)
{
	struct crk_arena_chunk *c = a->head, *next;
	while (c) {
		next = c->next;
		crk_free(c);
		c = next;
	}
	a->head = NULL;
	a->used_total = 0;
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
		size_t size = need > CHUNK_MIN / 4 ? need : CHUNK_MIN;
		size_t total;
		if (crk_add_overflow(size, sizeof(*c), &total))
			return NULL;
		c = crk_malloc(total);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		if (need > CHUNK_MIN / 4 && a->head) {
			/* a big block: keep the current chunk in front, it still has room */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
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
