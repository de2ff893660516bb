/*
 * osv.c - reads one element of an OSV record's `affected` array (OSV schema 1.6,
 * https://ossf.github.io/osv-schema/#affected-fields): package.ecosystem, package.name,
 * ranges[].type/repo/events, versions[], severity[]. `database_specific` and
 * `ecosystem_specific` (of the entry and of its ranges) are ignored, as the schema says they
 * have no effect on evaluation.
 *
 * The text comes from the store (it was valid JSON when imported) but is still treated as
 * untrusted: wrong types are reported, never assumed. A range we cannot read (an unknown
 * `type`, an event object with two keys or an unknown key, a non-string version) does not fail
 * the entry: it is recorded in `range_error`, and the matcher reports the entry as "could not
 * evaluate" unless another part of it says "affected".
 */
#include <jansson.h>
#include <string.h>

#include "base/alloc.h"
#include "match/match_impl.h"
#include "base/banned.h"

void crk_match__affected_release(struct crk_match__affected *a)
{
	crk_free(a->ranges);
	crk_free(a->events);
	crk_free(a->versions);
	crk_free(a->sev);
	crk_free(a->fast_text);
	crk_free(a->fast_nodes);
	if (a->root)
		json_decref((json_t *)a->root);
	memset(a, 0, sizeof(*a));
}

void crk_match__range_error(struct crk_match__affected *a, const char *what, const char *detail)
{
	size_t n;
	if (a->range_error)
		return;
	n = strlen(what);
	if (n >= sizeof(a->range_error_buf))
		n = sizeof(a->range_error_buf) - 1;
	memcpy(a->range_error_buf, what, n);
	a->range_error_buf[n] = '\0';
	if (detail) {
		size_t m = strlen(detail), room = sizeof(a->range_error_buf) - 1 - n;
		if (m > room)
			m = room;
		memcpy(a->range_error_buf + n, detail, m);
		a->range_error_buf[n + m] = '\0';
	}
	a->range_error = a->range_error_buf;
}

int crk_match__event_kind(const char *key, enum crk_event_kind *out)
{
	static const struct {
		const char *key;
		enum crk_event_kind kind;
	} kinds[] = {
		{"introduced", CRK_EVENT_INTRODUCED},
		{"fixed", CRK_EVENT_FIXED},
		{"last_affected", CRK_EVENT_LAST_AFFECTED},
		{"limit", CRK_EVENT_LIMIT},
	};
	size_t i;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(key, kinds[i].key) == 0) {
			*out = kinds[i].kind;
			return 1;
		}
	return 0;
}

int crk_match__affected_parse(struct crk_match__affected *a, const char *text, size_t len,
			      struct crk_err *err)
{
	int rc = crk_match__affected_parse_fast(a, text, len);
	if (rc == 1)
		return CRK_OK;
	if (rc < 0)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return crk_match__affected_parse_jansson(a, text, len, err);
}

int crk_match__affected_parse_jansson(struct crk_match__affected *a, const char *text,
				      size_t len, struct crk_err *err)
{
	json_error_t jerr;
	json_t *root, *pkg, *ranges, *versions, *r, *ev;
	size_t i, j, nev = 0, nr;

	memset(a, 0, sizeof(*a));
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, NULL, (unsigned)(jerr.line > 0 ? jerr.line : 0),
				   (unsigned)(jerr.column > 0 ? jerr.column : 0),
				   "affected entry is not valid JSON: %s", jerr.text);
	a->root = root;
	if (!json_is_object(root)) {
		crk_match__affected_release(a);
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "affected entry is not a JSON object");
	}
	pkg = json_object_get(root, "package");
	if (json_is_object(pkg)) {
		a->ecosystem = json_string_value(json_object_get(pkg, "ecosystem"));
		a->name = json_string_value(json_object_get(pkg, "name"));
	}
	a->severity = json_is_array(json_object_get(root, "severity"))
			      ? json_object_get(root, "severity")
			      : NULL;

	versions = json_object_get(root, "versions");
	if (versions && !json_is_array(versions))
		crk_match__range_error(a, "`versions` is not an array", NULL);
	if (json_is_array(versions) && json_array_size(versions)) {
		a->versions = crk_calloc(json_array_size(versions), sizeof(*a->versions));
		if (!a->versions)
			goto oom;
		for (i = 0; i < json_array_size(versions); i++) {
			const char *s = json_string_value(json_array_get(versions, i));
			if (s)
				a->versions[a->nversions++] = s;
			else
				crk_match__range_error(a, "a `versions` element is not a string", NULL);
		}
	}

	ranges = json_object_get(root, "ranges");
	if (ranges && !json_is_array(ranges))
		crk_match__range_error(a, "`ranges` is not an array", NULL);
	if (!json_is_array(ranges) || !(nr = json_array_size(ranges)))
		return CRK_OK;
	json_array_foreach(ranges, i, r) {
		json_t *events = json_object_get(r, "events");
		if (json_is_array(events)) {
			if (json_array_size(events) > CRK_RANGE_MAX_EVENTS) {
				crk_match__range_error(a, "a range has too many events", NULL);
				continue;
			}
			nev += json_array_size(events);
		}
	}
	if (!(a->ranges = crk_calloc(nr, sizeof(*a->ranges))) ||
	    (nev && !(a->events = crk_calloc(nev, sizeof(*a->events)))))
		goto oom;
	nev = 0;
	json_array_foreach(ranges, i, r) {
		struct crk_osv_range *out = &a->ranges[a->nranges];
		const char *type = json_string_value(json_object_get(r, "type"));
		json_t *events = json_object_get(r, "events");
		int ok = 1;
		memset(out, 0, sizeof(*out));
		if (!json_is_object(r) || !type) {
			crk_match__range_error(a, "a range has no `type`", NULL);
			continue;
		}
		if (strcmp(type, "SEMVER") == 0)
			out->type = CRK_RANGE_SEMVER;
		else if (strcmp(type, "ECOSYSTEM") == 0)
			out->type = CRK_RANGE_ECOSYSTEM;
		else if (strcmp(type, "GIT") == 0)
			out->type = CRK_RANGE_GIT;
		else {
			crk_match__range_error(a, "unknown range type ", type);
			continue;
		}
		out->repo = json_string_value(json_object_get(r, "repo"));
		if (!json_is_array(events) || json_array_size(events) > CRK_RANGE_MAX_EVENTS) {
			crk_match__range_error(a, "a range has no `events` array", NULL);
			continue;
		}
		out->events = a->events ? a->events + nev : NULL;
		json_array_foreach(events, j, ev) {
			struct crk_range_event *e = &a->events[nev + out->nevents];
			const char *key, *val;
			json_t *v;
			if (!json_is_object(ev) || json_object_size(ev) != 1) {
				crk_match__range_error(a, "an event must hold exactly one of introduced, fixed, "
					       "last_affected, limit",
					    NULL);
				ok = 0;
				break;
			}
			json_object_foreach(ev, key, v) {
				val = json_string_value(v);
				if (!crk_match__event_kind(key, &e->kind)) {
					crk_match__range_error(a, "unknown event ", key);
					ok = 0;
				} else if (!val) {
					crk_match__range_error(a, "an event version is not a string: ", key);
					ok = 0;
				} else {
					e->version = val;
					e->len = json_string_length(v);
				}
			}
			if (!ok)
				break;
			out->nevents++;
		}
		if (!ok)
			continue;
		nev += out->nevents;
		a->nranges++;
	}
	return CRK_OK;
oom:
	crk_match__affected_release(a);
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}

int crk_match__severity_each(const struct crk_match__affected *a,
			     int (*fn)(void *ctx, const struct crk_match__sev *s), void *ctx)
{
	json_t *el;
	size_t i;
	int rc;
	for (i = 0; i < a->nsev; i++)
		if ((rc = fn(ctx, &a->sev[i])) != CRK_OK)
			return rc;
	if (!json_is_array((json_t *)a->severity))
		return CRK_OK;
	json_array_foreach((json_t *)a->severity, i, el) {
		struct crk_match__sev s;
		s.type = json_string_value(json_object_get(el, "type"));
		s.vector = json_string_value(json_object_get(el, "score"));
		if (!s.type || !s.vector ||
		    (strcmp(s.type, "CVSS_V3") != 0 && strcmp(s.type, "CVSS_V4") != 0))
			continue;
		if ((rc = fn(ctx, &s)) != CRK_OK)
			return rc;
	}
	return CRK_OK;
}
