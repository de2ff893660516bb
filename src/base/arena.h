/*
 * arena.h - a bump allocator (nginx/h2o pools). One arena per scan or per BOM: everything
 * allocated in it dies at crk_arena_release(), so parsers never free piecemeal.
 * Not thread-safe. Allocation results are aligned for any type (max_align_t).
 */
#ifndef CRK_BASE_ARENA_H
#define CRK_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct crk_arena_chunk;

struct crk_arena {
	struct crk_arena_chunk *head;
	size_t used_total; /* bytes handed out, for statistics */
};

#define CRK_ARENA_INIT {NULL, 0}

void crk_arena_init(struct crk_arena *a);
/* An arena whose first chunk is the caller's `buf` of `size` bytes (on the stack, say): a small
 * short-lived arena then allocates nothing from the heap until that is full. `buf` must outlive
 * the arena's use; crk_arena_release() does not free it. */
void crk_arena_init_buf(struct crk_arena *a, void *buf, size_t size);
/* Frees every chunk; the arena is empty and reusable after. */
void crk_arena_release(struct crk_arena *a);

/* Makes room for about `n` more bytes in one chunk (a hint, when the caller knows how much is
 * coming: one large chunk instead of many growing ones). 0, or -1 on ENOMEM. */
int crk_arena_reserve(struct crk_arena *a, size_t n);
/* NULL on ENOMEM or overflow. Memory is zeroed. */
void *crk_arena_alloc(struct crk_arena *a, size_t n);
void *crk_arena_array(struct crk_arena *a, size_t n, size_t size);
/* Copies n bytes and NUL-terminates. NULL on ENOMEM. `s` may contain NULs. */
char *crk_arena_strndup(struct crk_arena *a, const char *s, size_t n);
char *crk_arena_strdup(struct crk_arena *a, const char *s);
char *crk_arena_printf(struct crk_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
