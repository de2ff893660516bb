/*
 * json_arena.h - jansson's json_loadb with every node in one bump-allocated block list, for the
 * large documents the SBOM readers load once and drop whole: no malloc per node while parsing,
 * and no json_decref walk (and free per node) after. The tree is exactly the one json_loadb
 * builds; only where its memory comes from differs.
 *
 * jansson's allocator is process-wide (json_set_alloc_funcs): crakit installs a pair that
 * forwards to the functions installed before it (malloc/free by default) unless the calling
 * thread is inside crk_json_load_arena(), so other threads and every other jansson user are
 * unaffected. Rules for a tree loaded here: never json_decref() it, never modify it (a
 * json_object_set would free arena memory with the real free()), and read nothing from it after
 * crk_json_arena_release().
 */
#ifndef CRK_FORMATS_JSON_ARENA_H
#define CRK_FORMATS_JSON_ARENA_H

#include <stddef.h>

#include <jansson.h>

struct crk_json_block;

struct crk_json_arena {
	struct crk_json_block *head;
	size_t next;  /* size of the next block */
	int fallback; /* our allocator was not installed: the tree is on the heap, decref it */
	int oom;      /* a block could not be allocated */
	json_t *root;
};

/* json_loadb(buf, len, flags, e) into `ja` (any state: it is reset first). Returns the root or
 * NULL with `e` set exactly as json_loadb sets it; when memory ran out, json_error_code(e) is
 * json_error_out_of_memory (jansson itself leaves `e` unset for some of those). Call
 * crk_json_arena_release() on every path, also after NULL. */
json_t *crk_json_load_arena(struct crk_json_arena *ja, const char *buf, size_t len, size_t flags,
			    json_error_t *e);
/* Drops the tree and every block. */
void crk_json_arena_release(struct crk_json_arena *ja);

#endif
