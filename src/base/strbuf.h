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
#include <string.h>

/* Where a streaming strbuf sends what it holds (crk_strbuf_stream): `write` gets every byte, in
 * order, in pieces; it returns 0, or -1 to fail the strbuf (keep the reason in `ud`). */
struct crk_strbuf_sink {
	int (*write)(void *ud, const char *data, size_t n);
	void *ud;
	size_t chunk;   /* hand the bytes over rather than grow past this */
	size_t written; /* bytes handed over so far */
};

struct crk_strbuf {
	char *buf;
	size_t len, alloc, max;
	int failed;
	struct crk_strbuf_sink *sink; /* NULL: the usual buffer that holds everything */
};

extern char crk_strbuf_empty[];
/* `!= 0`, not a bare `(maxsize) ?`: clang warns (-Wtautological-constant-compare) when a
 * constant such as `1 << 16` is used as a truth value. */
#define CRK_STRBUF_INIT(maxsize)                                                                   \
	{crk_strbuf_empty, 0, 0, (maxsize) != 0 ? (maxsize) : SIZE_MAX - 1, 0, NULL}

void crk_strbuf_init(struct crk_strbuf *sb, size_t max);
void crk_strbuf_release(struct crk_strbuf *sb);
/* Empties without freeing. */
void crk_strbuf_reset(struct crk_strbuf *sb);
/* Returns the heap buffer (caller frees with crk_free) and re-initialises `sb`; NULL on ENOMEM. */
char *crk_strbuf_detach(struct crk_strbuf *sb, size_t *len);

int crk_strbuf_grow(struct crk_strbuf *sb, size_t extra);

/* The out-of-line halves of crk_strbuf_add/addch: grow, then append (the inline versions below
 * only handle the common case where the bytes already fit). */
int crk_strbuf__add_slow(struct crk_strbuf *sb, const void *data, size_t n);
int crk_strbuf__addch_slow(struct crk_strbuf *sb, char c);

/* 1 when `n` more bytes (and the NUL after them) fit without growing and within `max`.
 * len < alloc whenever alloc > 0 and len <= max, so neither subtraction wraps (alloc == 0 means
 * len == 0: nothing fits until the first grow). */
static inline int crk_strbuf__fits(const struct crk_strbuf *sb, size_t n)
{
	return !sb->failed && n < sb->alloc - sb->len && n <= sb->max - sb->len;
}

/* Appends `n` bytes (NUL-terminated after them). Hot: inline when they fit. */
static inline int crk_strbuf_add(struct crk_strbuf *sb, const void *data, size_t n)
{
	if (crk_strbuf__fits(sb, n)) {
		if (n)
			memcpy(sb->buf + sb->len, data, n);
		sb->len += n;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return crk_strbuf__add_slow(sb, data, n);
}

static inline int crk_strbuf_addch(struct crk_strbuf *sb, char c)
{
	if (crk_strbuf__fits(sb, 1)) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return crk_strbuf__addch_slow(sb, c);
}

/* For writers that assemble a few pieces at once: room for `n` more bytes (and the NUL), as a
 * pointer to write them at, or NULL when the buffer failed or cannot grow (it is then failed).
 * crk_strbuf_commit(sb, n) then takes them (n <= the reserved count) and writes the NUL. */
static inline char *crk_strbuf_reserve(struct crk_strbuf *sb, size_t n)
{
	if (crk_strbuf__fits(sb, n) || crk_strbuf_grow(sb, n) == 0)
		return sb->buf + sb->len;
	return NULL;
}

static inline void crk_strbuf_commit(struct crk_strbuf *sb, size_t n)
{
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static inline int crk_strbuf_adds(struct crk_strbuf *sb, const char *s)
{
	return crk_strbuf_add(sb, s, strlen(s));
}

int crk_strbuf_addf(struct crk_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int crk_strbuf_vaddf(struct crk_strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/*
 * Streaming: from now on, instead of growing past `sink->chunk` bytes, the strbuf hands what it
 * holds to `sink->write` and starts over, so a document of any size needs one chunk of memory.
 * Appending is unchanged; `max` still caps the whole document (what was handed over counts).
 * crk_strbuf_flush() hands over the rest; the caller then releases the strbuf. The bytes are
 * not there to read back (len/buf hold only the tail): only for writers that append.
 */
void crk_strbuf_stream(struct crk_strbuf *sb, struct crk_strbuf_sink *sink);
/* Hands what `sb` holds to its sink (nothing without one); -1 if the strbuf failed. */
int crk_strbuf_flush(struct crk_strbuf *sb);

/* Appends `s` as the body of a JSON string (RFC 8259 escaping; invalid UTF-8 becomes U+FFFD). */
int crk_strbuf_add_json_str(struct crk_strbuf *sb, const char *s, size_t n);
/* The length of the leading run of s[0..n) that a JSON string holds as it is (printable ASCII
 * but '"' and '\\'): n means add_json_str would copy s unchanged. */
size_t crk_strbuf_json_plain(const char *s, size_t n);
/* Appends `"s"` (quoted, escaped), or `null` when s is NULL. */
int crk_strbuf_add_json_quoted(struct crk_strbuf *sb, const char *s);
/* Appends `s` with HTML/XML special characters escaped. */
int crk_strbuf_add_xml(struct crk_strbuf *sb, const char *s, size_t n);
static inline int crk_strbuf_ok(const struct crk_strbuf *sb)
{
	return !sb->failed;
}

/* Copies the string src into dst (n > 0 bytes), truncating, always NUL-terminated: what
 * snprintf(dst, n, "%s", src) does, without the formatting machinery. */
static inline void crk_str_copy(char *dst, size_t n, const char *src)
{
	size_t l = strnlen(src, n - 1);
	memcpy(dst, src, l);
	dst[l] = '\0';
}

#endif
