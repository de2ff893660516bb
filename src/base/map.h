/*
 * map.h - a hash map from byte-string keys to pointers (open addressing, linear probing,
 * FNV-1a). Keys are borrowed: the caller keeps them alive as long as the map (usually they live
 * in the same arena). Not thread-safe.
 */
#ifndef CRK_BASE_MAP_H
#define CRK_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>

struct crk_map_slot {
	const char *key;
	size_t klen;
	uint64_t hash;
	void *value;
};

struct crk_map {
	struct crk_map_slot *slots;
	size_t cap, n; /* cap is 0 or a power of two */
};

#define CRK_MAP_INIT {NULL, 0, 0}

void crk_map_init(struct crk_map *m);
void crk_map_release(struct crk_map *m);
uint64_t crk_hash_bytes(const void *p, size_t n);

/* Returns the value stored for the key, or NULL. */
void *crk_map_get(const struct crk_map *m, const char *key, size_t klen);
/* Inserts or replaces. Returns 0, or -1 on ENOMEM (the map is unchanged). */
int crk_map_put(struct crk_map *m, const char *key, size_t klen, void *value);
/* Inserts only if absent; *existing receives the present value (or NULL). 0, or -1 on ENOMEM. */
int crk_map_put_new(struct crk_map *m, const char *key, size_t klen, void *value,
		    void **existing);
/* Iteration: for (i = 0; crk_map_next(m, &i, &k, &kl, &v);) ... */
int crk_map_next(const struct crk_map *m, size_t *iter, const char **key, size_t *klen,
		 void **value);

#endif
