/*
 * spdx_yaml.c - reading SPDX 2.2 / 2.3 YAML (the spec's "SPDX YAML" serialisation: the JSON
 * document's members written as YAML; https://spdx.github.io/spdx-spec/v2.3/conformance/ and
 * corpus/sbom/spdx/spec-examples/2.3/SPDXYAMLExample-2.3.spdx.yaml) for sbom_read.c and
 * `crakit sbom check`.
 *
 * The YAML is turned into the jansson tree of the SPDX JSON shape and crk_spdx2_read_tree() of
 * spdx_json_read.c does the rest, as for tag-value (spdx_tv.c), so all three encodings map to
 * the model the same way. libyaml's event parser does the syntax; this file builds the tree.
 *
 * Scalars: a quoted or block scalar is a string. A plain one is typed as YAML 1.2's core schema
 * says (null, ~ and empty: null; true/false in three spellings: booleans; integers and floats)
 * when the tree is for the schema check, so that `versionInfo: 1.0` is reported as the number it
 * is; for reading into a BOM (`lines`), plain numbers stay text (a version written without
 * quotes is still a version). With `lines`, every mapping that is an item of a sequence (a
 * package, file, relationship, ...) gets the member "_line" for diagnostics, as tag-value's.
 *
 * Hostile input: anchors and aliases are refused (SPDX has no use for them; aliases are how
 * "billion laughs" documents grow), as are a mapping or sequence used as a key, a second
 * document, a top level that is no mapping, nesting past CRK_MAX_DEPTH and scalars past
 * CRK_MAX_STRING. Errors are path:line:col from libyaml's marks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "formats/sbom_read.h"
#include "formats/sbomcheck.h"
#include "base/banned.h"

struct yframe {
	json_t *v;   /* the open mapping or sequence (borrowed: its parent owns it) */
	char *key;   /* a mapping's key waiting for its value (heap), or NULL */
	int is_map;
};

static int plain_is(const char *s, size_t n, const char *const *words)
{
	size_t i;
	for (i = 0; words[i]; i++)
		if (crk_bytes_eq(s, n, words[i]))
			return 1;
	return 0;
}

/* YAML 1.2 core schema int: [-+]?[0-9]+ (and 0o / 0x forms, left as text). */
static int plain_int(const char *s, size_t n)
{
	size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int plain_float(const char *s, size_t n)
{
	size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0, d = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, d++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, d++;
	}
	if (!d)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, e++;
		if (!e)
			return 0;
	}
	return i == n;
}

static json_t *scalar(const yaml_event_t *ev, int typed)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (plain_is(s, n, nulls))
			return json_null();
		if (plain_is(s, n, trues))
			return json_true();
		if (plain_is(s, n, falses))
			return json_false();
		if (typed && plain_int(s, n) && n < 19)
			return json_integer(strtoll(s, NULL, 10));
		if (typed && plain_float(s, n)) {
			double d;
			errno = 0;
			d = strtod(s, NULL);
			if (!errno)
				return json_real(d);
		}
	}
	return json_stringn_nocheck(s, n);
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

int crk__spdx_yaml_to_json(const char *buf, size_t len, const char *path, int lines,
			   json_t **out, struct crk_err *err)
{
	struct yframe *st = NULL;
	size_t nst = 0, alloc = 0;
	yaml_parser_t parser;
	yaml_event_t ev;
	json_t *root = NULL;
	int rc = CRK_OK, done = 0, docs = 0;

	*out = NULL;
	if (!yaml_parser_initialize(&parser))
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && rc == CRK_OK) {
		json_t *v = NULL;
		const yaml_char_t *anchor = NULL;
		unsigned line, col;
		int is_open = 0;
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
						 "a second YAML document ('---'), expected one SPDX "
						 "document per file");
			break;
		case YAML_ALIAS_EVENT:
			rc = crk_err_set(err, CRK_EPARSE, path, line, col,
					 "YAML alias '*%s': anchors and aliases are not read in "
					 "SPDX YAML (write the value out)",
					 (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			if (ev.data.scalar.length > CRK_MAX_STRING) {
				rc = crk_err_set(err, CRK_ELIMIT, path, line, col,
						 "a value of %zu bytes, expected at most %zu",
						 ev.data.scalar.length, (size_t)CRK_MAX_STRING);
				break;
			}
			/* a key stays text whatever it spells */
			if (nst && st[nst - 1].is_map && !st[nst - 1].key) {
				st[nst - 1].key = crk_malloc(ev.data.scalar.length + 1);
				if (!st[nst - 1].key) {
					rc = CRK_ENOMEM;
					break;
				}
				memcpy(st[nst - 1].key, ev.data.scalar.value, ev.data.scalar.length);
				st[nst - 1].key[ev.data.scalar.length] = '\0';
				break;
			}
			if (!(v = scalar(&ev, !lines)))
				rc = CRK_ENOMEM;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			is_open = 1;
			if (ev.type == YAML_MAPPING_START_EVENT) {
				anchor = ev.data.mapping_start.anchor;
				v = json_object();
				if (v && lines && nst && !st[nst - 1].is_map &&
				    json_object_set_new(v, "_line", json_integer(line))) {
					json_decref(v);
					v = NULL;
				}
			} else {
				anchor = ev.data.sequence_start.anchor;
				v = json_array();
			}
			if (!v)
				rc = CRK_ENOMEM;
			else if (nst && st[nst - 1].is_map && !st[nst - 1].key)
				rc = crk_err_set(err, CRK_EPARSE, path, line, col,
						 "a %s used as a key, expected a member name",
						 ev.type == YAML_MAPPING_START_EVENT ? "mapping"
										     : "list");
			else if (nst >= CRK_MAX_DEPTH)
				rc = crk_err_set(err, CRK_ELIMIT, path, line, col,
						 "nested deeper than %d levels", CRK_MAX_DEPTH);
			else if (!nst && ev.type != YAML_MAPPING_START_EVENT)
				rc = crk_err_set(err, CRK_EPARSE, path, line, col,
						 "a list at the top level, expected the SPDX document "
						 "(a mapping)");
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (nst) {
				crk_free(st[nst - 1].key);
				nst--;
			}
			break;
		default:
			break;
		}
		if (rc == CRK_OK && anchor)
			rc = crk_err_set(err, CRK_EPARSE, path, line, col,
					 "YAML anchor '&%s': anchors and aliases are not read in "
					 "SPDX YAML (write the value out)",
					 (const char *)anchor);
		if (rc == CRK_OK && v) {
			/* attach to the parent (which then owns it), or make it the root */
			if (!nst) {
				if (!json_is_object(v))
					rc = crk_err_set(err, CRK_EPARSE, path, line, col,
							 "a value at the top level, expected the SPDX "
							 "document (a mapping)");
				else
					root = json_incref(v);
			} else if (st[nst - 1].is_map) {
				if (json_object_set(st[nst - 1].v, st[nst - 1].key, v))
					rc = CRK_ENOMEM;
				crk_free(st[nst - 1].key);
				st[nst - 1].key = NULL;
			} else if (json_array_append(st[nst - 1].v, v)) {
				rc = CRK_ENOMEM;
			}
			if (rc == CRK_OK && is_open) {
				if (CRK_GROW(st, alloc, nst + 1)) {
					rc = CRK_ENOMEM;
				} else {
					st[nst].v = v;
					st[nst].key = NULL;
					st[nst].is_map = json_is_object(v);
					nst++;
				}
			}
		}
		json_decref(v); /* the parent's or the root's reference remains */
		yaml_event_delete(&ev);
	}
	if (rc == CRK_ENOMEM)
		crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	if (rc == CRK_OK && !root)
		rc = crk_err_set(err, CRK_EPARSE, path, 1, 1,
				 "an empty YAML document, expected an SPDX document");
	while (nst)
		crk_free(st[--nst].key);
	crk_free(st);
	yaml_parser_delete(&parser);
	if (rc == CRK_OK)
		*out = root;
	else
		json_decref(root);
	return rc;
}

int crk_spdx_yaml_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	json_t *root;
	int rc = crk__spdx_yaml_to_json(buf, len, r->path, 1, &root, err);
	if (rc)
		return rc;
	rc = crk_spdx2_read_tree(r, root, err);
	json_decref(root);
	return rc;
}
