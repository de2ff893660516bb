/* json_arena.c - see json_arena.h. */
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "formats/json_arena.h"
#include "base/banned.h"

#define BLOCK_MIN ((size_t)64 << 10)
#define BLOCK_MAX ((size_t)64 << 20)

struct crk_json_block {
	struct crk_json_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

/* The arena the calling thread is loading into, NULL outside crk_json_load_arena(). */
static _Thread_local struct crk_json_arena *current;
static json_malloc_t prev_malloc;
static json_free_t prev_free;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void *arena_take(struct crk_json_arena *ja, size_t n)
{
	/* jansson's nodes hold pointers, sizes, long long and double, nothing wider: 8-byte
	 * alignment (not max_align_t's 16) keeps the tree smaller */
	const size_t align = 8;
	struct crk_json_block *b = ja->head;
	size_t need, size, total;
	void *p;
	if (crk_add_overflow(n, align - 1, &need))
		return NULL;
	need &= ~(align - 1);
	if (!b || b->size - b->used < need) {
		size_t skip = 0;
		int huge;
		size = ja->next > need ? ja->next : need;
		/* a large block starts at a huge-page boundary (2 MiB more, never touched) so that
		 * all of it can be huge pages: one page fault per 2 MiB instead of 512 */
		huge = size >= 2 * CRK_HUGE_PAGE;
		if (huge && crk_add_overflow(size, CRK_HUGE_PAGE - 1, &size)) {
			ja->oom = 1;
			return NULL;
		}
		if (huge)
			size &= ~(CRK_HUGE_PAGE - 1);
		if (crk_add_overflow(size, sizeof(*b) + (huge ? CRK_HUGE_PAGE : 0), &total) ||
		    !(b = crk_malloc(total))) {
			ja->oom = 1;
			return NULL;
		}
		if (huge) {
			uintptr_t d = (uintptr_t)b->data;
			skip = (size_t)(((d + CRK_HUGE_PAGE - 1) &
					 ~(uintptr_t)(CRK_HUGE_PAGE - 1)) -
					d);
			crk_mem_huge(b->data + skip, size);
		}
		b->size = size + skip;
		b->used = skip;
		if (ja->head && need > ja->next) {
			/* an outsized request: keep the current block in front, it still has room */
			b->next = ja->head->next;
			ja->head->next = b;
		} else {
			b->next = ja->head;
			ja->head = b;
			if (ja->next < BLOCK_MAX)
				ja->next *= 2;
		}
	}
	p = b->data + b->used;
	b->used += need;
	return p;
}

static void *json_arena_malloc(size_t n)
{
	struct crk_json_arena *ja = current;
	return ja ? arena_take(ja, n) : prev_malloc(n);
}

static void json_arena_free(void *p)
{
	/* inside a load, what jansson frees (grown buffers, a failed parse's partial tree) is in
	 * the arena and goes with it; a tree loaded here is never freed outside one */
	if (!current)
		prev_free(p);
}

static void install(void)
{
	json_get_alloc_funcs(&prev_malloc, &prev_free);
	if (prev_malloc && prev_free)
		json_set_alloc_funcs(json_arena_malloc, json_arena_free);
}

json_t *crk_json_load_arena(struct crk_json_arena *ja, const char *buf, size_t len, size_t flags,
			    json_error_t *e)
{
	json_malloc_t m = NULL;
	json_free_t f = NULL;
	memset(ja, 0, sizeof(*ja));
	pthread_once(&install_once, install);
	json_get_alloc_funcs(&m, &f);
	if (m != json_arena_malloc || f != json_arena_free) {
		/* someone else's allocator replaced ours: an ordinary heap tree */
		ja->fallback = 1;
		ja->root = json_loadb(buf, len, flags, e);
		return ja->root;
	}
	/* jansson takes up to about 5 times the text (tree and grown buffers): one block holds it
	 * all; pages of it never touched cost nothing */
	ja->next = len < BLOCK_MIN / 6 ? BLOCK_MIN : len > BLOCK_MAX / 6 ? BLOCK_MAX : len * 6;
	current = ja;
	ja->root = json_loadb(buf, len, flags, e);
	current = NULL;
	if (!ja->root && ja->oom && e) {
		/* jansson leaves the error unset when its very first allocation fails */
		snprintf(e->text, sizeof(e->text), "out of memory");
		e->text[sizeof(e->text) - 1] = (char)json_error_out_of_memory;
	}
	return ja->root;
}

void crk_json_arena_release(struct crk_json_arena *ja)
{
	struct crk_json_block *b = ja->head, *next;
	if (ja->fallback)
		json_decref(ja->root);
	while (b) {
		next = b->next;
		crk_free(b);
		b = next;
	}
	memset(ja, 0, sizeof(*ja));
}
