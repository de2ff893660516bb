/* jsonpos.c - offsets of values in valid JSON text (see jsonpos.h). */
#include <string.h>

#include "formats/jsonpos.h"
#include "base/banned.h"

static size_t skip_ws(const char *buf, size_t len, size_t i)
{
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
		i++;
	if (i == 0 && len >= 3 && (unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
	    (unsigned char)buf[2] == 0xbf)
		return skip_ws(buf, len, 3); /* UTF-8 byte order mark */
	return i;
}

/* The index just after the string starting at buf[i] ('"'). */
static size_t skip_string(const char *buf, size_t len, size_t i)
{
	for (i++; i < len && buf[i] != '"'; i++)
		if (buf[i] == '\\')
			i++;
	return i + 1;
}

/* The index just after the value starting at buf[i]. */
static size_t skip_value(const char *buf, size_t len, size_t i)
{
	int depth = 0;
	while (i < len) {
		char ch = buf[i];
		if (ch == '"') {
			i = skip_string(buf, len, i);
			if (depth == 0)
				return i;
			continue;
		}
		if (ch == '{' || ch == '[') {
			depth++;
		} else if (ch == '}' || ch == ']') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && (ch == ',' || ch == ':' || ch == ' ' || ch == '\t' ||
					  ch == '\n' || ch == '\r')) {
			return i;
		}
		i++;
	}
	return i;
}

int crk_json_array_elem_offset(const char *buf, size_t len, size_t start, size_t idx,
			       size_t *off)
{
	size_t i = skip_ws(buf, len, start), k;
	if (i >= len || buf[i] != '[')
		return -1;
	i = skip_ws(buf, len, i + 1);
	for (k = 0; i < len && buf[i] != ']'; k++) {
		if (k == idx) {
			*off = i;
			return 0;
		}
		i = skip_ws(buf, len, skip_value(buf, len, i));
		if (i < len && buf[i] == ',')
			i = skip_ws(buf, len, i + 1);
	}
	return -1;
}

int crk_json_member_offset(const char *buf, size_t len, const char *key, size_t *off)
{
	size_t i = skip_ws(buf, len, 0), klen = strlen(key);
	if (i >= len || buf[i] != '{')
		return -1;
	i = skip_ws(buf, len, i + 1);
	while (i < len && buf[i] == '"') {
		size_t kstart = i + 1, kend = skip_string(buf, len, i);
		int match = kend - 1 - kstart == klen && memcmp(buf + kstart, key, klen) == 0;
		i = skip_ws(buf, len, kend);
		if (i >= len || buf[i] != ':')
			return -1;
		i = skip_ws(buf, len, i + 1);
		if (match) {
			*off = i;
			return 0;
		}
		i = skip_ws(buf, len, skip_value(buf, len, i));
		if (i < len && buf[i] == ',')
			i = skip_ws(buf, len, i + 1);
	}
	return -1;
}
