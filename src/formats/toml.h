/*
 * toml.h - a TOML 1.0.0 parser (https://toml.io/en/v1.0.0), written by hand because no C TOML
 * library is in Debian's well-kept set (DESIGN.md §6). It reads Cargo.lock, poetry.lock, uv.lock,
 * pdm.lock and pylock.toml. Implemented in toml.c (structure, keys, tables, lookups) and
 * toml_scalar.c (strings, numbers, date-times), which share the private toml_impl.h.
 *
 * What it accepts is TOML 1.0.0 and nothing else:
 *  - comments, bare / quoted / dotted keys, whitespace around the dots;
 *  - basic, literal and multi-line strings; every escape of the spec (\b \t \n \f \r \" \\
 *    \uXXXX \UXXXXXXXX, the line-ending backslash of multi-line basic strings), decoded to UTF-8;
 *    escapes that are not Unicode scalar values, other escapes, control characters and invalid
 *    UTF-8 are errors;
 *  - integers in decimal, 0x, 0o and 0b with underscores between digits (64-bit signed, overflow
 *    is an error), floats (fraction, exponent, inf, nan), booleans;
 *  - offset date-times, local date-times, local dates and local times, validated (month, day of
 *    month with leap years, hours, minutes, seconds 00-60, offsets) and kept as their source text;
 *  - arrays (multi-line, comments inside, trailing comma, mixed types), inline tables (one line,
 *    no trailing comma; closed once written), [tables], [[arrays of tables]];
 *  - the definition rules: a key or a table is defined once ("table [a] defined twice"); a table
 *    made by dotted keys is not reopened by a [header] or by dotted keys of another section; an
 *    inline table or a static array is never extended; [[a]] does not extend an array written
 *    as a value.
 * A UTF-8 byte order mark at the start is skipped. Caps (src/base/limits.h): nesting of arrays,
 * inline tables and tables deeper than CRK_MAX_DEPTH, and strings or keys longer than
 * CRK_MAX_STRING bytes, are CRK_ELIMIT.
 *
 * The input is (buffer, length): never NUL-terminated by assumption. The tree lives in the
 * arena the caller passes; every pointer it holds (nodes, keys, strings) is borrowed from that
 * arena and valid until it is released. The parser does not use any other memory, so a failed
 * parse leaves nothing to free beyond the arena. Thread-safe (no shared state) as long as each
 * thread uses its own arena.
 */
#ifndef CRK_FORMATS_TOML_H
#define CRK_FORMATS_TOML_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "crakit/err.h"

enum crk_toml_type {
	CRK_TOML_TABLE = 1,
	CRK_TOML_ARRAY,
	CRK_TOML_STRING,
	CRK_TOML_INTEGER,
	CRK_TOML_FLOAT,
	CRK_TOML_BOOL,
	CRK_TOML_DATETIME,
};

/* Which of the four date/time forms a CRK_TOML_DATETIME value is. */
enum crk_toml_dt_kind {
	CRK_TOML_OFFSET_DATETIME = 1, /* 1979-05-27T07:32:00Z, ...-07:00 */
	CRK_TOML_LOCAL_DATETIME,      /* 1979-05-27T07:32:00 (or a space for the T) */
	CRK_TOML_LOCAL_DATE,          /* 1979-05-27 */
	CRK_TOML_LOCAL_TIME,          /* 07:32:00.999 */
};

struct crk_toml_node;

/* One entry of a table, in the order the document defines them. */
struct crk_toml_kv {
	const char *key; /* decoded, NUL-terminated (may contain NUL through \u0000: use klen) */
	size_t klen;
	struct crk_toml_node *val;
	unsigned line, col; /* where the key (its last dotted part) is written */
};

/*
 * A value. `line` and `col` are 1-based, in bytes: for a scalar, array or inline table where the
 * value starts (always on the line of its key); for a [table] or [[array]] element, its header;
 * for a table that only exists because a longer key or header names it, where it was first
 * named. Read values through the helpers below rather than the union.
 */
struct crk_toml_node {
	enum crk_toml_type type;
	unsigned line, col;
	unsigned short depth;  /* nesting depth; the root table is 0 */
	unsigned char dt_kind; /* enum crk_toml_dt_kind for CRK_TOML_DATETIME */
	unsigned char flags;   /* private to the parser */
	unsigned section;      /* private to the parser */
	union {
		struct {
			const char *s; /* NUL-terminated; the source text for a date-time */
			size_t len;
		} str;
		int64_t i;
		double f;
		int b;
		struct {
			struct crk_toml_node **v;
			size_t n, alloc;
		} arr;
		struct {
			struct crk_toml_kv *kv;
			size_t n, alloc;
			uint32_t *index; /* hash index (kv position + 1) once the table is large */
			size_t icap;
		} tab;
	} u;
};

/*
 * Parses `len` bytes of `buf` as a TOML document. On success *out is the root table (allocated in
 * `arena`) and CRK_OK is returned. On failure *out is NULL and `err` holds
 * "origin:line:col: what is wrong" (the first error; `origin` may be NULL): CRK_EPARSE for a
 * document that is not TOML 1.0, CRK_ELIMIT past a cap, CRK_ENOMEM. Whatever was allocated
 * stays in the arena.
 */
int crk_toml_parse(struct crk_toml_node **out, const char *buf, size_t len, const char *origin,
		   struct crk_arena *arena, struct crk_err *err);

/* Lookup helpers. Each accepts NULL (and a node of the wrong type) and then answers NULL / 0, so
 * lookups chain: crk_toml_get_str(crk_toml_get(root, "metadata"), "lock-version"). */

/* The value of `key` in a table (O(1) on large tables), or NULL. */
const struct crk_toml_node *crk_toml_get(const struct crk_toml_node *table, const char *key);
const struct crk_toml_node *crk_toml_getn(const struct crk_toml_node *table, const char *key,
					  size_t klen);
/* Entries of a table, in document order: count, and the i-th (NULL past the end). */
size_t crk_toml_table_len(const struct crk_toml_node *table);
const struct crk_toml_kv *crk_toml_table_at(const struct crk_toml_node *table, size_t i);
/* Elements of an array: count, and the i-th (NULL past the end). */
size_t crk_toml_len(const struct crk_toml_node *array);
const struct crk_toml_node *crk_toml_at(const struct crk_toml_node *array, size_t i);
/* The text of a string (or the source text of a date-time), or NULL; `len` may be NULL. */
const char *crk_toml_str(const struct crk_toml_node *n);
const char *crk_toml_strn(const struct crk_toml_node *n, size_t *len);
/* crk_toml_str(crk_toml_get(table, key)). */
const char *crk_toml_get_str(const struct crk_toml_node *table, const char *key);
/* Integer / boolean values: 0 and *out set when `n` has that type, -1 otherwise. */
int crk_toml_int(const struct crk_toml_node *n, int64_t *out);
int crk_toml_bool(const struct crk_toml_node *n, int *out);
/* 1 when `n` is a table / array. */
int crk_toml_is_table(const struct crk_toml_node *n);
int crk_toml_is_array(const struct crk_toml_node *n);
/* "table", "array", "string", "integer", "float", "boolean", "datetime". */
const char *crk_toml_type_name(enum crk_toml_type t);

#endif
