/* strbuf.c - see strbuf.h. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "base/banned.h"

char crk_strbuf_empty[1];

void crk_strbuf_init(struct crk_strbuf *sb, size_t max)
{
	sb->buf = crk_strbuf_empty;
	sb->len = sb->alloc = 0;
	sb->max = max ? max : SIZE_MAX - 1;
	sb->failed = 0;
	sb->sink = NULL;
}

void crk_strbuf_release(struct crk_strbuf *sb)
{
	size_t max = sb->max;
	if (sb->alloc)
		crk_free(sb->buf);
	crk_strbuf_init(sb, max);
}

void crk_strbuf_reset(struct crk_strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
	sb->failed = 0;
}

char *crk_strbuf_detach(struct crk_strbuf *sb, size_t *len)
{
	char *r;
	if (len)
		*len = sb->len;
	if (!sb->alloc) {
		r = crk_malloc(1);
		if (r)
			r[0] = '\0';
	} else {
		r = sb->buf;
	}
	crk_strbuf_init(sb, sb->max);
	return r;
}

void crk_strbuf_stream(struct crk_strbuf *sb, struct crk_strbuf_sink *sink)
{
	sb->sink = sink;
}

int crk_strbuf_flush(struct crk_strbuf *sb)
{
	if (sb->failed)
		return -1;
	if (!sb->sink || !sb->len)
		return 0;
	if (sb->sink->write(sb->sink->ud, sb->buf, sb->len) != 0) {
		sb->failed = 1;
		return -1;
	}
	sb->sink->written += sb->len;
	sb->max -= sb->len; /* the cap is on the whole document */
	sb->len = 0;
	sb->buf[0] = '\0';
	return 0;
}

int crk_strbuf_grow(struct crk_strbuf *sb, size_t extra)
{
	size_t need, n;
	char *p;
	if (sb->failed)
		return -1;
	/* a streaming buffer at its chunk size hands its bytes over instead of growing */
	if (sb->sink && sb->len && sb->alloc >= sb->sink->chunk && extra >= sb->alloc - sb->len &&
	    crk_strbuf_flush(sb))
		return -1;
	if (crk_add_overflow(sb->len, extra, &need) || need > sb->max ||
	    crk_add_overflow(need, 1, &need)) {
		sb->failed = 1;
		return -1;
	}
	if (need <= sb->alloc)
		return 0;
	n = sb->alloc ? sb->alloc : 64;
	while (n < need) {
		if (crk_mul_overflow(n, 2, &n)) {
			n = need;
			break;
		}
	}
	p = crk_realloc(sb->alloc ? sb->buf : NULL, n);
	if (!p) {
		sb->failed = 1;
		return -1;
	}
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = n;
	return 0;
}

int crk_strbuf__add_slow(struct crk_strbuf *sb, const void *data, size_t n)
{
	if (crk_strbuf_grow(sb, n))
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int crk_strbuf__addch_slow(struct crk_strbuf *sb, char c)
{
	return crk_strbuf__add_slow(sb, &c, 1);
}

int crk_strbuf_vaddf(struct crk_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	if (sb->failed)
		return -1;
	/* one vsnprintf when the text fits the room already there (the usual case once the buffer
	 * has grown); otherwise measure, grow, and format again */
	if (sb->alloc) {
		size_t room = sb->alloc - sb->len;
		va_copy(cp, ap);
		n = vsnprintf(sb->buf + sb->len, room, fmt, cp);
		va_end(cp);
		if (n >= 0 && (size_t)n < room && (size_t)n <= sb->max - sb->len) {
			sb->len += (size_t)n;
			return 0;
		}
		sb->buf[sb->len] = '\0'; /* a truncated attempt wrote past len */
	} else {
		va_copy(cp, ap);
		n = vsnprintf(NULL, 0, fmt, cp);
		va_end(cp);
	}
	if (n < 0 || crk_strbuf_grow(sb, (size_t)n)) {
		sb->failed = 1;
		return -1;
	}
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int crk_strbuf_addf(struct crk_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;
	va_start(ap, fmt);
	r = crk_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* 1 for a byte a JSON string body holds as it is: printable ASCII but '"' and '\\'. Everything
 * else (controls, NUL, quote, backslash, bytes >= 0x80) takes the slow path. */
static inline int json_plain(unsigned c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* 1 when none of the 8 bytes at p needs escaping: no byte >= 0x80, < 0x20, '"' or '\\'. The
 * classic "has a zero byte / has a byte less than" word tests never miss such a byte (they may
 * flag a clean word, which then only goes the slow way). */
static inline int json_plain8(const unsigned char *p)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	uint64_t x, q, b;
	memcpy(&x, p, 8);
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	return !((x | ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs);
}

/* Length of the run of plain bytes at the start of p[0..n): eight at a time, the last (partial)
 * word as the final eight bytes of the string again, byte by byte from the first word that may
 * hold a byte to escape. */
static size_t json_plain_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	if (n >= 8) {
		while (i + 8 <= n && json_plain8(p + i))
			i += 8;
		if (i == n || (i + 8 > n && json_plain8(p + n - 8)))
			return n;
	}
	while (i < n && json_plain(p[i]))
		i++;
	return i;
}

/* Runs of plain bytes and valid UTF-8 go out in one add each; every other byte is escaped. */
int crk_strbuf_add_json_str(struct crk_strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned c;
		size_t l;
		const char *esc = NULL;
		char tmp[8];
		l = json_plain_run(p + i, n - i);
		i += l;
		run += l;
		if (i == n)
			break;
		c = p[i];
		if (c >= 0x80 && (l = utf8_len(p + i, n - i)) > 0) {
			i += l;
			run += l;
			continue;
		}
		crk_strbuf_add(sb, p + i - run, run);
		run = 0;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(tmp, sizeof(tmp), "\\u%04x", c);
				esc = tmp;
			} else {
				esc = "\xef\xbf\xbd"; /* U+FFFD for a byte that is not UTF-8 */
			}
		}
		crk_strbuf_adds(sb, esc);
		i++;
	}
	crk_strbuf_add(sb, p + i - run, run);
	return sb->failed ? -1 : 0;
}

size_t crk_strbuf_json_plain(const char *s, size_t n)
{
	return json_plain_run((const unsigned char *)s, n);
}

int crk_strbuf_add_json_quoted(struct crk_strbuf *sb, const char *s)
{
	size_t n, i;
	char *d;
	if (!s)
		return crk_strbuf_adds(sb, "null");
	n = strlen(s);
	i = json_plain_run((const unsigned char *)s, n);
	/* the common case, nothing to escape: one copy between the quotes */
	if (i == n && (d = crk_strbuf_reserve(sb, n + 2)) != NULL) {
		d[0] = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		crk_strbuf_commit(sb, n + 2);
		return 0;
	}
	crk_strbuf_addch(sb, '"');
	crk_strbuf_add_json_str(sb, s, n);
	return crk_strbuf_addch(sb, '"');
}

int crk_strbuf_add_xml(struct crk_strbuf *sb, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': crk_strbuf_adds(sb, "&lt;"); break;
		case '>': crk_strbuf_adds(sb, "&gt;"); break;
		case '&': crk_strbuf_adds(sb, "&amp;"); break;
		case '"': crk_strbuf_adds(sb, "&quot;"); break;
		case '\'': crk_strbuf_adds(sb, "&#39;"); break;
		default: crk_strbuf_addch(sb, s[i]);
		}
	}
	return sb->failed ? -1 : 0;
}
