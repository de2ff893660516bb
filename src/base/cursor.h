/*
 * cursor.h - positions in a buffer being parsed (STYLE.md §5).
 *
 * Parsers take (buffer, length) and never assume NUL termination. `struct crk_lines` indexes the
 * line starts of a buffer once (O(n)), so that turning an offset into line:col is a binary search:
 * parsers report the first error, and each component's line, through it.
 */
#ifndef CRK_BASE_CURSOR_H
#define CRK_BASE_CURSOR_H

#include <stddef.h>

struct crk_lines {
	const char *buf;
	size_t len;
	size_t *starts; /* offsets of the first byte of each line; starts[0] == 0 */
	size_t n;
};

/* Builds the index. Returns 0, or -1 on ENOMEM. Release with crk_lines_release(). */
int crk_lines_init(struct crk_lines *l, const char *buf, size_t len);
void crk_lines_release(struct crk_lines *l);
/* 1-based line and column (in bytes) of offset `off` (clamped to len). */
void crk_lines_pos(const struct crk_lines *l, size_t off, unsigned *line, unsigned *col);
/* 1-based line of offset `off`. */
unsigned crk_lines_line(const struct crk_lines *l, size_t off);

/* Without an index: line:col of `off` by counting (for a single error). */
void crk_linecol(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col);

/* A simple forward cursor over lines: yields each line without its terminator ("\n" or "\r\n").
 * Returns 1 while there is a line. */
struct crk_line_iter {
	const char *buf;
	size_t len, pos;
	unsigned lineno; /* 1-based number of the line last returned */
};
void crk_line_iter_init(struct crk_line_iter *it, const char *buf, size_t len);
int crk_line_iter_next(struct crk_line_iter *it, const char **line, size_t *n);

/* Small helpers for parsing byte ranges. */
int crk_bytes_eq(const char *s, size_t n, const char *lit);    /* s[0..n) == lit */
int crk_bytes_prefix(const char *s, size_t n, const char *lit); /* s starts with lit */
/* Trims ASCII white space on both ends of [*s, *s+*n). */
void crk_bytes_trim(const char **s, size_t *n);

#endif
