/*
 * yaml.c - see yaml.h. libyaml (https://pyyaml.org/wiki/LibYAML) parses; we keep a stack of the
 * open collections and their children, and close each into an arena array at its end event.
 */
#include <string.h>

#include <yaml.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "cra/yaml.h"
#include "base/banned.h"

struct builder {
	struct crk_ynode **stack; /* open collections and their children so far */
	size_t n, alloc;
	size_t *open; /* index in `stack` of each open collection */
	size_t nopen, openalloc;
};

static int push(struct builder *b, struct crk_ynode *node)
{
	if (CRK_GROW(b->stack, b->alloc, b->n + 1))
		return -1;
	b->stack[b->n++] = node;
	return 0;
}

int crk_ynode_is_null(const struct crk_ynode *n)
{
	if (!n || n->type != CRK_YNODE_SCALAR || n->quoted)
		return 0;
	return n->n == 0 || crk_bytes_eq(n->s, n->n, "~") || crk_bytes_eq(n->s, n->n, "null") ||
	       crk_bytes_eq(n->s, n->n, "Null") || crk_bytes_eq(n->s, n->n, "NULL");
}

static int syntax_error(const yaml_parser_t *p, const char *path, struct crk_err *err)
{
	if (p->error == YAML_MEMORY_ERROR)
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	return crk_err_set(err, CRK_EPARSE, path, (unsigned)p->problem_mark.line + 1,
			   (unsigned)p->problem_mark.column + 1, "malformed YAML: %s%s%s",
			   p->problem ? p->problem : "syntax error", p->context ? " " : "",
			   p->context ? p->context : "");
}

int crk_yaml_load(struct crk_ynode **root, const char *buf, size_t len, const char *path,
		  struct crk_arena *a, struct crk_err *err)
{
	struct builder b;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = CRK_OK, done = 0, docs = 0;

	*root = NULL;
	memset(&b, 0, sizeof(b));
	if (!yaml_parser_initialize(&parser))
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && rc == CRK_OK) {
		struct crk_ynode *node = NULL;
		const yaml_char_t *anchor = NULL;
		unsigned line, col;
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = syntax_error(&parser, path, err);
			break;
		}
		line = (unsigned)ev.start_mark.line + 1;
		col = (unsigned)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (docs++)
				rc = crk_err_set(err, CRK_EPARSE, path, line, col,
						 "a second YAML document ('---'), expected one "
						 "document per file");
			break;
		case YAML_ALIAS_EVENT:
			rc = crk_err_set(err, CRK_EPARSE, path, line, col,
					 "YAML alias '*%s', expected plain values (anchors and "
					 "aliases are not supported in this file)",
					 (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			node = crk_arena_alloc(a, sizeof(*node));
			if (!node) {
				rc = CRK_ENOMEM;
				break;
			}
			node->line = line;
			node->col = col;
			if (ev.type == YAML_SCALAR_EVENT) {
				anchor = ev.data.scalar.anchor;
				if (ev.data.scalar.length > CRK_MAX_STRING) {
					rc = crk_err_set(err, CRK_ELIMIT, path, line, col,
							 "a value of %zu bytes, expected at most %zu",
							 ev.data.scalar.length, CRK_MAX_STRING);
					break;
				}
				node->type = CRK_YNODE_SCALAR;
				node->n = ev.data.scalar.length;
				node->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
					       ev.data.scalar.style != YAML_ANY_SCALAR_STYLE;
				node->s = crk_arena_strndup(a, (const char *)ev.data.scalar.value,
							    ev.data.scalar.length);
				if (!node->s)
					rc = CRK_ENOMEM;
			} else if (ev.type == YAML_MAPPING_START_EVENT) {
				anchor = ev.data.mapping_start.anchor;
				node->type = CRK_YNODE_MAP;
			} else {
				anchor = ev.data.sequence_start.anchor;
				node->type = CRK_YNODE_SEQ;
			}
			if (!rc && anchor)
				rc = crk_err_set(err, CRK_EPARSE, path, line, col,
						 "YAML anchor '&%s', expected plain values (anchors "
						 "and aliases are not supported in this file)",
						 (const char *)anchor);
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT: {
			size_t start = b.open[--b.nopen], k = b.n - start - 1;
			struct crk_ynode *coll = b.stack[start];
			if (k) {
				coll->c = crk_arena_array(a, k, sizeof(*coll->c));
				if (!coll->c) {
					rc = CRK_ENOMEM;
					break;
				}
				memcpy(coll->c, b.stack + start + 1, k * sizeof(*coll->c));
				coll->nc = k;
			}
			b.n = start + 1;
			break;
		}
		default:
			break;
		}
		if (rc == CRK_OK && node) {
			if (b.nopen && b.stack[b.open[b.nopen - 1]]->type == CRK_YNODE_MAP &&
			    ((b.n - b.open[b.nopen - 1] - 1) % 2) == 0 &&
			    node->type != CRK_YNODE_SCALAR)
				rc = crk_err_set(err, CRK_EPARSE, path, line, col,
						 "a %s used as a key, expected a plain name",
						 node->type == CRK_YNODE_MAP ? "mapping" : "list");
			else if (push(&b, node))
				rc = CRK_ENOMEM;
			else if (node->type != CRK_YNODE_SCALAR) {
				if (b.nopen >= CRK_MAX_DEPTH)
					rc = crk_err_set(err, CRK_ELIMIT, path, line, col,
							 "nested deeper than %d levels, expected a "
							 "shallower document",
							 CRK_MAX_DEPTH);
				else if (CRK_GROW(b.open, b.openalloc, b.nopen + 1))
					rc = CRK_ENOMEM;
				else
					b.open[b.nopen++] = b.n - 1;
			}
		}
		yaml_event_delete(&ev);
	}
	if (rc == CRK_ENOMEM)
		crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	if (rc == CRK_OK && b.n)
		*root = b.stack[0];
	yaml_parser_delete(&parser);
	crk_free(b.stack);
	crk_free(b.open);
	return rc;
}
