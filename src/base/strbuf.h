/*
 * strbuf.h - a growable string (git's strbuf, with curl dynbuf's size cap).
 *
 * Invariants: `buf` is always NUL-terminated (it points at a static "" until something is added),
 * `len` < `alloc` whenever alloc > 0, and `len` never exceeds `max`. A failed append (ENOMEM or
 * past `max`) leaves the contents as they were, sets `failed`, and returns -1; later appends keep
 * failing, so a writer may append freely and check once at the end (crk_strbuf_ok()).
 * crk_strbuf_detach() is the one way to take the bytes; crk_strbuf_release() frees them.
 */
#ifndef CRK_BASE_STRBUF_H
#define CRK_BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct crk_strbuf {
	char *buf;
	size_t len, alloc, max;
	int failed;
};

extern char crk_strbuf_empty[];
/* `!= 0`, not a bare `(maxsize) ?`: clang warns (-Wtautological-constant-compare) when a
 * constant such as `1 << 16` is used as a truth value. */
#define CRK_STRBUF_INIT(maxsize)                                                                   \
	{crk_strbuf_empty, 0, 0, (maxsize) != 0 ? (maxsize) : SIZE_MAX - 1, 0}

void crk_strbuf_init(struct crk_strbuf *sb, size_t max);
void crk_strbuf_release(struct crk_strbuf *sb);
/* Empties without freeing. */
void crk_strbuf_reset(struct crk_strbuf *sb);
/* Returns the heap buffer (caller frees with crk_free) and re-initialises `sb`; NULL on ENOMEM. */
char *crk_strbuf_detach(struct crk_strbuf *sb, size_t *len);

int crk_strbuf_grow(struct crk_strbuf *sb, size_t extra);
int crk_strbuf_add(struct crk_strbuf *sb, const void *data, size_t n);
int crk_strbuf_adds(struct crk_strbuf *sb, const char *s);
int crk_strbuf_addch(struct crk_strbuf *sb, char c);
int crk_strbuf_addf(struct crk_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int crk_strbuf_vaddf(struct crk_strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends `s` as the body of a JSON string (RFC 8259 escaping; invalid UTF-8 becomes U+FFFD). */
int crk_strbuf_add_json_str(struct crk_strbuf *sb, const char *s, size_t n);
/* Appends `"s"` (quoted, escaped), or `null` when s is NULL. */
int crk_strbuf_add_json_quoted(struct crk_strbuf *sb, const char *s);
/* Appends `s` with HTML/XML special characters escaped. */
int crk_strbuf_add_xml(struct crk_strbuf *sb, const char *s, size_t n);
static inline int crk_strbuf_ok(const struct crk_strbuf *sb)
{
	return !sb->failed;
}

#endif
