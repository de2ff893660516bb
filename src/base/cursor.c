/* cursor.c - see cursor.h. */
#include <string.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/banned.h"

int crk_lines_init(struct crk_lines *l, const char *buf, size_t len)
{
	size_t alloc = 0, i;
	const char *p;
	l->buf = buf;
	l->len = len;
	l->starts = NULL;
	l->n = 0;
	if (CRK_GROW(l->starts, alloc, 1))
		return -1;
	l->starts[l->n++] = 0;
	for (i = 0; i < len; i = (size_t)(p - buf) + 1) {
		p = memchr(buf + i, '\n', len - i);
		if (!p)
			break;
		if (CRK_GROW(l->starts, alloc, l->n + 1)) {
			crk_lines_release(l);
			return -1;
		}
		l->starts[l->n++] = (size_t)(p - buf) + 1;
	}
	return 0;
}

void crk_lines_release(struct crk_lines *l)
{
	crk_free(l->starts);
	l->starts = NULL;
	l->n = 0;
}

void crk_lines_pos(const struct crk_lines *l, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = l->n;
	if (off > l->len)
		off = l->len;
	if (!l->n) {
		crk_linecol(l->buf, l->len, off, line, col);
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (line)
		*line = (unsigned)(lo + 1);
	if (col)
		*col = (unsigned)(off - l->starts[lo] + 1);
}

unsigned crk_lines_line(const struct crk_lines *l, size_t off)
{
	unsigned line;
	crk_lines_pos(l, off, &line, NULL);
	return line;
}

void crk_linecol(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
	unsigned ln = 1;
	size_t i, start = 0;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			ln++;
			start = i + 1;
		}
	}
	if (line)
		*line = ln;
	if (col)
		*col = (unsigned)(off - start + 1);
}

void crk_line_iter_init(struct crk_line_iter *it, const char *buf, size_t len)
{
	it->buf = buf;
	it->len = len;
	it->pos = 0;
	it->lineno = 0;
}

int crk_line_iter_next(struct crk_line_iter *it, const char **line, size_t *n)
{
	const char *s, *nl;
	size_t l;
	if (it->pos >= it->len)
		return 0;
	s = it->buf + it->pos;
	nl = memchr(s, '\n', it->len - it->pos);
	l = nl ? (size_t)(nl - s) : it->len - it->pos;
	it->pos += l + (nl ? 1 : 0);
	if (l && s[l - 1] == '\r')
		l--;
	it->lineno++;
	*line = s;
	*n = l;
	return 1;
}

int crk_bytes_eq(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n == l && memcmp(s, lit, l) == 0;
}

int crk_bytes_prefix(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && memcmp(s, lit, l) == 0;
}

void crk_bytes_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t l = *n;
	while (l && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) {
		p++;
		l--;
	}
	while (l && (p[l - 1] == ' ' || p[l - 1] == '\t' || p[l - 1] == '\r' || p[l - 1] == '\n'))
		l--;
	*s = p;
	*n = l;
}
