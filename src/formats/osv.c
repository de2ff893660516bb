/*
 * osv.c - OSV records, schema 1.x (https://ossf.github.io/osv-schema/, corpus
 * osv/schema/osv-schema.json). See osv.h.
 *
 * What is checked (the rest is the matcher's, which reads each affected[] entry's JSON):
 *   - `id` and `modified` are required (the schema's only required fields); ids, aliases and
 *     upstream ids are non-empty strings of at most 256 bytes without white space or control
 *     characters;
 *   - `modified`, `published`, `withdrawn` are RFC 3339 timestamps (the schema asks for UTC
 *     with "Z"; offsets are accepted and converted);
 *   - `schema_version`, when present, has major version 1: minor versions only add optional
 *     fields (the spec's versioning rule), so 1.7 records are read by this 1.6 reader;
 *   - types of aliases[], upstream[], summary, severity[] {type, score}, affected[] {package {ecosystem,
 *     name}, ranges[] {type, events[]}, versions[]}.
 * Unknown fields are ignored. Caps: osv.h.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "formats/datetime.h"
#include "formats/osv.h"
#include "base/banned.h"

struct ctx {
	const char *path;
	unsigned line, col;
	const char *id;
	struct crk_err *err;
};

static int bad(struct ctx *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(struct ctx *c, int code, const char *fmt, ...)
{
	char msg[CRK_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->id)
		return crk_err_set(c->err, code, c->path, c->line, c->col, "OSV record %.*s: %s",
				   CRK_OSV_MAX_ID, c->id, msg);
	return crk_err_set(c->err, code, c->path, c->line, c->col, "OSV record: %s", msg);
}

/* An id or alias: 1..256 bytes, no white space, no control characters. */
static int id_ok(const char *s, size_t n)
{
	size_t i;
	if (n == 0 || n > CRK_OSV_MAX_ID)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch <= ' ' || ch == 0x7f)
			return 0;
	}
	return 1;
}

static int read_time(struct ctx *c, json_t *rec, const char *key, int required, int64_t *out)
{
	json_t *v = json_object_get(rec, key);
	*out = 0;
	if (!v) {
		if (required)
			return bad(c, CRK_EPARSE, "`%s` is required", key);
		return CRK_OK;
	}
	if (!json_is_string(v))
		return bad(c, CRK_EPARSE, "`%s`: expected an RFC 3339 timestamp string", key);
	if (crk_time_parse_rfc3339(json_string_value(v), json_string_length(v), out))
		return bad(c, CRK_EPARSE, "`%s`: '%.64s' is not an RFC 3339 timestamp", key,
			   json_string_value(v));
	return CRK_OK;
}

static int check_schema_version(struct ctx *c, json_t *rec)
{
	json_t *v = json_object_get(rec, "schema_version");
	const char *s;
	size_t n;
	if (!v)
		return CRK_OK;
	if (!json_is_string(v))
		return bad(c, CRK_EPARSE, "`schema_version`: expected a string");
	s = json_string_value(v);
	n = json_string_length(v);
	if (n >= 2 && s[0] == '1' && s[1] == '.')
		return CRK_OK;
	if (n == 1 && s[0] == '1')
		return CRK_OK;
	bad(c, CRK_EUNSUPPORTED, "schema_version '%.32s' is not supported (OSV 1.x is)", s);
	crk_err_hint(c->err, "a newer crakit may read it");
	return CRK_EUNSUPPORTED;
}

static int dump_cb(const char *buf, size_t size, void *data)
{
	return crk_strbuf_add(data, buf, size);
}

/* Checks the shape of one affected[] entry at index i. */
static int check_affected(struct ctx *c, json_t *a, size_t i, const char **eco,
			  const char **name)
{
	json_t *pkg, *ranges, *versions, *v;
	size_t j, k;
	*eco = *name = NULL;
	if (!json_is_object(a))
		return bad(c, CRK_EPARSE, "affected[%zu]: expected an object", i);
	pkg = json_object_get(a, "package");
	if (pkg) {
		json_t *e, *nm;
		if (!json_is_object(pkg))
			return bad(c, CRK_EPARSE, "affected[%zu].package: expected an object", i);
		e = json_object_get(pkg, "ecosystem");
		nm = json_object_get(pkg, "name");
		if (!json_is_string(e) || json_string_length(e) == 0)
			return bad(c, CRK_EPARSE,
				   "affected[%zu].package.ecosystem: expected a non-empty string", i);
		if (!json_is_string(nm) || json_string_length(nm) == 0)
			return bad(c, CRK_EPARSE,
				   "affected[%zu].package.name: expected a non-empty string", i);
		if (json_string_length(e) > 256 || json_string_length(nm) > 4096)
			return bad(c, CRK_ELIMIT, "affected[%zu].package: name or ecosystem too long",
				   i);
		if (memchr(json_string_value(e), '\0', json_string_length(e)) ||
		    memchr(json_string_value(nm), '\0', json_string_length(nm)))
			return bad(c, CRK_EPARSE, "affected[%zu].package: NUL in a name", i);
		v = json_object_get(pkg, "purl");
		if (v && !json_is_string(v))
			return bad(c, CRK_EPARSE, "affected[%zu].package.purl: expected a string", i);
		*eco = json_string_value(e);
		*name = json_string_value(nm);
	}
	ranges = json_object_get(a, "ranges");
	if (ranges) {
		if (!json_is_array(ranges))
			return bad(c, CRK_EPARSE, "affected[%zu].ranges: expected an array", i);
		for (j = 0; j < json_array_size(ranges); j++) {
			json_t *r = json_array_get(ranges, j), *ev;
			if (!json_is_object(r))
				return bad(c, CRK_EPARSE, "affected[%zu].ranges[%zu]: expected an object",
					   i, j);
			if (!json_is_string(json_object_get(r, "type")))
				return bad(c, CRK_EPARSE,
					   "affected[%zu].ranges[%zu].type: expected a string", i, j);
			ev = json_object_get(r, "events");
			if (!json_is_array(ev))
				return bad(c, CRK_EPARSE,
					   "affected[%zu].ranges[%zu].events: expected an array", i, j);
			for (k = 0; k < json_array_size(ev); k++) {
				json_t *e = json_array_get(ev, k);
				const char *key;
				json_t *val;
				if (!json_is_object(e))
					return bad(c, CRK_EPARSE,
						   "affected[%zu].ranges[%zu].events[%zu]: expected an "
						   "object",
						   i, j, k);
				json_object_foreach(e, key, val)
				{
					if (!json_is_string(val) &&
					    (!strcmp(key, "introduced") || !strcmp(key, "fixed") ||
					     !strcmp(key, "last_affected") || !strcmp(key, "limit")))
						return bad(c, CRK_EPARSE,
							   "affected[%zu].ranges[%zu].events[%zu].%s: "
							   "expected a string",
							   i, j, k, key);
				}
			}
		}
	}
	versions = json_object_get(a, "versions");
	if (versions) {
		if (!json_is_array(versions))
			return bad(c, CRK_EPARSE, "affected[%zu].versions: expected an array", i);
		for (j = 0; j < json_array_size(versions); j++)
			if (!json_is_string(json_array_get(versions, j)))
				return bad(c, CRK_EPARSE,
					   "affected[%zu].versions[%zu]: expected a string", i, j);
	}
	return CRK_OK;
}

/* An array of ids (`aliases`, `upstream`): NULL or absent is empty. */
static int read_ids(struct ctx *c, struct crk_arena *arena, json_t *rec, const char *field,
		    const char ***out, size_t *nout, struct crk_err *err)
{
	json_t *arr = json_object_get(rec, field), *v;
	size_t n, i;
	if (!arr || json_is_null(arr))
		return CRK_OK;
	if (!json_is_array(arr))
		return bad(c, CRK_EPARSE, "`%s`: expected an array", field);
	n = json_array_size(arr);
	if (n > CRK_OSV_MAX_ALIASES)
		return bad(c, CRK_ELIMIT, "`%s`: more than %d", field, CRK_OSV_MAX_ALIASES);
	*out = crk_arena_array(arena, n ? n : 1, sizeof(**out));
	if (!*out)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; i < n; i++) {
		v = json_array_get(arr, i);
		if (!json_is_string(v) || !id_ok(json_string_value(v), json_string_length(v)))
			return bad(c, CRK_EPARSE,
				   "%s[%zu]: expected a non-empty string of at most %d "
				   "bytes without white space",
				   field, i, CRK_OSV_MAX_ID);
		(*out)[(*nout)++] = json_string_value(v);
	}
	return CRK_OK;
}

int crk_osv_read(struct crk_osv_record *out, struct crk_arena *arena, json_t *rec,
		 const char *path, unsigned line, unsigned col, struct crk_err *err)
{
	struct ctx c = {path, line, col, NULL, err};
	json_t *v, *arr;
	size_t i, n;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(rec))
		return bad(&c, CRK_EPARSE, "expected a JSON object");
	v = json_object_get(rec, "id");
	if (!v)
		return bad(&c, CRK_EPARSE, "`id` is required");
	if (!json_is_string(v) || !id_ok(json_string_value(v), json_string_length(v)))
		return bad(&c, CRK_EPARSE, "`id`: expected a non-empty string of at most %d bytes "
					   "without white space",
			   CRK_OSV_MAX_ID);
	out->id = c.id = json_string_value(v);
	if ((rc = check_schema_version(&c, rec)) || (rc = read_time(&c, rec, "modified", 1,
								     &out->modified_us)) ||
	    (rc = read_time(&c, rec, "published", 0, &out->published_us)) ||
	    (rc = read_time(&c, rec, "withdrawn", 0, &out->withdrawn_us)))
		return rc;
	if (json_object_get(rec, "withdrawn") && out->withdrawn_us == 0)
		out->withdrawn_us = 1; /* withdrawn at the epoch: still withdrawn */

	v = json_object_get(rec, "summary");
	if (v && !json_is_string(v) && !json_is_null(v))
		return bad(&c, CRK_EPARSE, "`summary`: expected a string");
	if (json_is_string(v) && json_string_length(v) > 0)
		out->summary = json_string_value(v);

	/* `upstream` (OSV 1.6): the vulnerabilities a distribution's record derives from (a DSA's
	 * CVEs). Not aliases -- not the same vulnerability, never grouped -- but their KEV and
	 * EPSS apply to the record. */
	if ((rc = read_ids(&c, arena, rec, "aliases", &out->aliases, &out->naliases, err)) ||
	    (rc = read_ids(&c, arena, rec, "upstream", &out->upstream, &out->nupstream, err)))
		return rc;

	arr = json_object_get(rec, "severity");
	if (arr && !json_is_null(arr)) {
		if (!json_is_array(arr))
			return bad(&c, CRK_EPARSE, "`severity`: expected an array");
		n = json_array_size(arr);
		if (n > CRK_OSV_MAX_SEVERITY)
			return bad(&c, CRK_ELIMIT, "`severity`: more than %d", CRK_OSV_MAX_SEVERITY);
		out->severity = crk_arena_array(arena, n ? n : 1, sizeof(*out->severity));
		if (!out->severity)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		for (i = 0; i < n; i++) {
			json_t *t, *s;
			v = json_array_get(arr, i);
			t = json_object_get(v, "type");
			s = json_object_get(v, "score");
			if (!json_is_object(v) || !json_is_string(t) || !json_is_string(s))
				return bad(&c, CRK_EPARSE,
					   "severity[%zu]: expected an object with string `type` and "
					   "`score`",
					   i);
			if (strpbrk(json_string_value(t), "\t\n") ||
			    strpbrk(json_string_value(s), "\t\n") ||
			    json_string_length(t) != strlen(json_string_value(t)) ||
			    json_string_length(s) != strlen(json_string_value(s)))
				return bad(&c, CRK_EPARSE, "severity[%zu]: control characters in "
							   "`type` or `score`",
					   i);
			out->severity[out->nseverity].type = json_string_value(t);
			out->severity[out->nseverity].score = json_string_value(s);
			out->nseverity++;
		}
	}

	arr = json_object_get(rec, "affected");
	if (arr && !json_is_null(arr)) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_OSV_MAX_RECORD);
		if (!json_is_array(arr))
			return bad(&c, CRK_EPARSE, "`affected`: expected an array");
		n = json_array_size(arr);
		if (n > CRK_OSV_MAX_AFFECTED)
			return bad(&c, CRK_ELIMIT, "`affected`: more than %d entries",
				   CRK_OSV_MAX_AFFECTED);
		out->affected = crk_arena_array(arena, n ? n : 1, sizeof(*out->affected));
		if (!out->affected)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		for (i = 0; i < n; i++) {
			struct crk_osv_affected *a = &out->affected[i];
			v = json_array_get(arr, i);
			rc = check_affected(&c, v, i, &a->ecosystem, &a->name);
			if (rc) {
				crk_strbuf_release(&sb);
				return rc;
			}
			crk_strbuf_reset(&sb);
			if (json_dump_callback(v, dump_cb, &sb, JSON_COMPACT) != 0 ||
			    !crk_strbuf_ok(&sb)) {
				int lim = sb.failed && sb.len > 0;
				crk_strbuf_release(&sb);
				if (lim)
					return bad(&c, CRK_ELIMIT, "affected[%zu]: too large", i);
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			}
			a->json = crk_arena_strndup(arena, sb.buf, sb.len);
			a->json_len = sb.len;
			if (!a->json) {
				crk_strbuf_release(&sb);
				return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			}
		}
		out->naffected = n;
		crk_strbuf_release(&sb);
	}
	return CRK_OK;
}

int crk_osv_parse(struct crk_osv_record *out, struct crk_arena *arena, const char *buf,
		  size_t len, const char *path, json_t **root, struct crk_err *err)
{
	json_error_t jerr;
	*root = NULL;
	memset(out, 0, sizeof(*out));
	if (len > CRK_OSV_MAX_RECORD)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0,
				   "OSV record larger than %zu bytes", CRK_OSV_MAX_RECORD);
	*root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*root)
		return crk_err_set(err, CRK_EPARSE, path, (unsigned)(jerr.line > 0 ? jerr.line : 0),
				   (unsigned)(jerr.column > 0 ? jerr.column : 0), "%s", jerr.text);
	return crk_osv_read(out, arena, *root, path, 1, 1, err);
}
