/*
 * jsonpos.h - where a value sits in JSON text. jansson gives line:col only for syntax errors;
 * when a well-formed document holds a bad record, these find the record's first byte so the
 * error can say path:line:col. They assume the text is valid JSON (it was just parsed).
 */
#ifndef CRK_FORMATS_JSONPOS_H
#define CRK_FORMATS_JSONPOS_H

#include <stddef.h>

/* The offset of element `idx` of the array whose '[' is the first non-blank byte at or after
 * `start`. 0, or -1 when there is no such element. */
int crk_json_array_elem_offset(const char *buf, size_t len, size_t start, size_t idx,
			       size_t *off);
/* The offset of the value of member `key` of the top-level object. 0 or -1. */
int crk_json_member_offset(const char *buf, size_t len, const char *key, size_t *off);

#endif
