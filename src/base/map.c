/* map.c - see map.h. */
#include <string.h>

#include "base/alloc.h"
#include "base/map.h"
#include "base/banned.h"

void crk_map_init(struct crk_map *m)
{
	m->slots = NULL;
	m->cap = m->n = 0;
}

void crk_map_release(struct crk_map *m)
{
	crk_free(m->slots);
	crk_map_init(m);
}

uint64_t crk_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static struct crk_map_slot *find(const struct crk_map *m, const char *key, size_t klen,
				 uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;
	for (;;) {
		struct crk_map_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
			return s;
		i = (i + 1) & mask;
	}
}

static int rehash(struct crk_map *m, size_t cap)
{
	struct crk_map_slot *old = m->slots, *s;
	size_t oldcap = m->cap, i;
	struct crk_map_slot *slots = crk_calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	if (cap * sizeof(*slots) >= ((size_t)256 << 10))
		crk_mem_populate(slots, cap * sizeof(*slots)); /* every page is touched soon */
	m->slots = slots;
	m->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (!old[i].key)
			continue;
		s = find(m, old[i].key, old[i].klen, old[i].hash);
		*s = old[i];
	}
	crk_free(old);
	return 0;
}

void *crk_map_get(const struct crk_map *m, const char *key, size_t klen)
{
	struct crk_map_slot *s;
	if (!m->n)
		return NULL;
	s = find(m, key, klen, crk_hash_bytes(key, klen));
	return s->key ? s->value : NULL;
}

static int put(struct crk_map *m, const char *key, size_t klen, void *value, int replace,
	       void **existing)
{
	uint64_t h = crk_hash_bytes(key, klen);
	struct crk_map_slot *s;
	if (existing)
		*existing = NULL;
	if ((m->n + 1) * 4 >= m->cap * 3) {
		size_t cap;
		if (!m->cap)
			cap = 16;
		else if (crk_mul_overflow(m->cap, 2, &cap))
			return -1;
		if (rehash(m, cap))
			return -1;
	}
	s = find(m, key, klen, h);
	if (s->key) {
		if (existing)
			*existing = s->value;
		if (replace)
			s->value = value;
		return 0;
	}
	s->key = key;
	s->klen = klen;
	s->hash = h;
	s->value = value;
	m->n++;
	return 0;
}

int crk_map_put(struct crk_map *m, const char *key, size_t klen, void *value)
{
	return put(m, key, klen, value, 1, NULL);
}

int crk_map_put_new(struct crk_map *m, const char *key, size_t klen, void *value,
		    void **existing)
{
	return put(m, key, klen, value, 0, existing);
}

int crk_map_next(const struct crk_map *m, size_t *iter, const char **key, size_t *klen,
		 void **value)
{
	while (*iter < m->cap) {
		struct crk_map_slot *s = &m->slots[(*iter)++];
		if (s->key) {
			if (key)
				*key = s->key;
			if (klen)
				*klen = s->klen;
			if (value)
				*value = s->value;
			return 1;
		}
	}
	return 0;
}
