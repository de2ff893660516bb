/*
 * toml_impl.h - what toml.c (document structure, keys, tables, lookups) and toml_scalar.c
 * (strings, numbers, date-times) share. Private to those two files: not API (see toml.h).
 */
#ifndef CRK_FORMATS_TOML_IMPL_H
#define CRK_FORMATS_TOML_IMPL_H

#include <stddef.h>

#include "base/arena.h"
#include "base/limits.h"
#include "crakit/err.h"
#include "formats/toml.h"

struct crk_toml__seg {
	const char *s; /* decoded key part (not NUL-terminated for bare keys) */
	size_t n;
	size_t off;	    /* where it is written */
	unsigned line, col; /* and its position */
};

struct crk_toml__parser {
	const char *buf;
	size_t len, pos;
	unsigned line;     /* 1-based line of `pos` */
	size_t line_start; /* offset of the first byte of that line */
	const char *origin;
	struct crk_arena *a;
	struct crk_err *err;
	unsigned next_section;
	struct crk_toml__seg segs[CRK_MAX_DEPTH];
	size_t nsegs;
};

static inline int peek(struct crk_toml__parser *p, size_t ahead)
{
	return p->pos + ahead < p->len ? (unsigned char)p->buf[p->pos + ahead] : -1;
}

static inline int is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static inline int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* toml.c */
/* Sets the error for byte offset `off` (line:col computed from the buffer); returns `code`. */
int crk_toml__fail(struct crk_toml__parser *p, int code, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int crk_toml__oom(struct crk_toml__parser *p);
/* A short description of the byte at `off` for messages ('x', 0x01, end of line, end of file). */
const char *crk_toml__what_at(struct crk_toml__parser *p, size_t off, char tmp[8]);
/* Moves pos to `to`, counting the newlines crossed. */
void crk_toml__advance_to(struct crk_toml__parser *p, size_t to);
/* A node at byte offset `off` (on the current line). NULL on ENOMEM. */
struct crk_toml_node *crk_toml__new_node(struct crk_toml__parser *p, enum crk_toml_type t,
					 size_t off, unsigned depth);

/* toml_scalar.c */
/* Checks the character at `i` of a comment or string body ending at `end`; returns its length,
 * or 0 after setting the error. `nl_ok`: newlines belong to the body. */
size_t crk_toml__check_char(struct crk_toml__parser *p, size_t i, size_t end, int nl_ok,
			    const char *where);
/* A string at pos (its opening quote); multi-line forms only when `allow_ml` (values, not
 * keys). Decoded into the arena; pos moves past the closing quotes. */
int crk_toml__parse_string(struct crk_toml__parser *p, int allow_ml, const char **out,
			   size_t *outlen);
/* An integer or float (inf and nan included) at pos. */
int crk_toml__parse_number(struct crk_toml__parser *p, unsigned depth,
			   struct crk_toml_node **out);
/* A date, time or date-time at pos, kept as its source text. */
int crk_toml__parse_datetime(struct crk_toml__parser *p, unsigned depth,
			     struct crk_toml_node **out);

#endif
