/*
 * yaml.h - a YAML document read into a small tree with positions (src/cra internal).
 *
 * cra.yaml is written by people, so every node keeps its line and column for messages, and a
 * scalar keeps whether it was quoted (`true` is a boolean, `"true"` is text). libyaml's event
 * parser does the syntax; this file only builds the tree, in an arena, bounded: nesting past
 * CRK_MAX_DEPTH and scalars past CRK_MAX_STRING are CRK_ELIMIT. Anchors and aliases are refused
 * (a configuration file has no use for them, and they are how "billion laughs" documents grow),
 * as are non-scalar keys and a second document in the stream.
 */
#ifndef CRK_CRA_YAML_H
#define CRK_CRA_YAML_H

#include <stddef.h>

#include "base/arena.h"
#include "crakit/err.h"

enum crk_ynode_type { CRK_YNODE_SCALAR, CRK_YNODE_MAP, CRK_YNODE_SEQ };

struct crk_ynode {
	enum crk_ynode_type type;
	unsigned line, col; /* 1-based start */
	const char *s;      /* scalar: text, NUL-terminated (may hold NULs: use n) */
	size_t n;
	int quoted;             /* scalar: written in quotes or as a block (| or >) */
	struct crk_ynode **c;   /* map: key, value, key, value...; sequence: the items */
	size_t nc;              /* number of pointers in c */
};

/* Loads the document in buf[0..len) into `a`. *root is NULL for an empty document. Errors:
 * CRK_EPARSE (path:line:col and libyaml's words), CRK_ELIMIT, CRK_ENOMEM. */
int crk_yaml_load(struct crk_ynode **root, const char *buf, size_t len, const char *path,
		  struct crk_arena *a, struct crk_err *err);

/* A plain scalar spelling null: empty, "~", "null", "Null", "NULL". */
int crk_ynode_is_null(const struct crk_ynode *n);

#endif
