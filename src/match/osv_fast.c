/*
 * osv_fast.c - the fast path of crk_match__affected_parse() (osv.c): one OSV `affected` entry
 * read without building a jansson tree.
 *
 * A scan evaluates every affected entry of every component's package; with jansson, building
 * and freeing the tree of each entry (PyPI entries list hundreds of versions) was more than a
 * third of a scan. Here the text is copied once, parsed in place into a flat array of nodes
 * (strings are NUL-terminated where their closing quote was) and read with the same rules as
 * the jansson path in osv.c.
 *
 * The fast path accepts only what jansson (JSON_REJECT_DUPLICATES) accepts and reads it the
 * same way; everything it does not handle itself -- a backslash escape, a number longer than
 * 15 characters or with an exponent, nesting deeper than FAST_DEPTH, an object with more than
 * FAST_KEYS keys, and every invalid input -- sends the entry to the jansson path (return 0),
 * so errors and their messages are jansson's, unchanged. tests/fuzz/fuzz_match_fast.c checks
 * that both paths read every input the same way.
 */
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "match/match_impl.h"
#include "base/banned.h"

#define FAST_DEPTH 32
#define FAST_KEYS 64
#define NONE UINT32_MAX

enum { FJ_NULL, FJ_FALSE, FJ_TRUE, FJ_NUM, FJ_STR, FJ_ARR, FJ_OBJ };

struct fj {
	uint8_t type;
	uint32_t n;      /* string length; number of children */
	uint32_t first;  /* first child */
	uint32_t next;   /* next sibling */
	const char *s;   /* string value */
	const char *key; /* member key (object children) */
	uint32_t keylen;
};

struct fp {
	char *p, *end;
	struct fj *v;
	size_t nv, alloc;
	int oom;
};

static void ws(struct fp *f)
{
	while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' || *f->p == '\n' || *f->p == '\r'))
		f->p++;
}

static uint32_t node(struct fp *f, uint8_t type)
{
	if (f->nv >= NONE - 1 || CRK_GROW(f->v, f->alloc, f->nv + 1)) {
		f->oom = 1;
		return NONE;
	}
	memset(&f->v[f->nv], 0, sizeof(f->v[0]));
	f->v[f->nv].type = type;
	f->v[f->nv].first = f->v[f->nv].next = NONE;
	return (uint32_t)f->nv++;
}

/* A string without escapes, valid UTF-8 (jansson's rules: no overlong forms, no surrogates,
 * nothing above U+10FFFF) and no control character; *f->p is the opening quote. The closing
 * quote becomes the NUL. */
static int string(struct fp *f, const char **s, uint32_t *len)
{
	unsigned char *p = (unsigned char *)f->p + 1, *end = (unsigned char *)f->end;
	*s = (const char *)p;
	while (p < end && *p != '"') {
		unsigned c = *p, need, cp, i;
		if (c == '\\' || c < 0x20)
			return 0;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07;
		else
			return 0;
		if ((size_t)(end - p) <= need)
			return 0;
		for (i = 1; i <= need; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		p += need + 1;
	}
	if (p >= end || (size_t)(p - (unsigned char *)*s) >= UINT32_MAX)
		return 0;
	*len = (uint32_t)(p - (unsigned char *)*s);
	*p = '\0';
	f->p = (char *)p + 1;
	return 1;
}

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)? and at most 15 characters: jansson reads such a number
 * without overflow. Exponents go to jansson. */
static int number(struct fp *f)
{
	char *p = f->p, *start = f->p;
	if (p < f->end && *p == '-')
		p++;
	if (p >= f->end || !isdig(*p))
		return 0;
	if (*p == '0') {
		p++;
	} else {
		while (p < f->end && isdig(*p))
			p++;
	}
	if (p < f->end && *p == '.') {
		p++;
		if (p >= f->end || !isdig(*p))
			return 0;
		while (p < f->end && isdig(*p))
			p++;
	}
	if (p < f->end && (*p == 'e' || *p == 'E' || isdig(*p)))
		return 0;
	if (p - start > 15)
		return 0;
	f->p = p;
	return 1;
}

static int literal(struct fp *f, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, word, n) != 0)
		return 0;
	f->p += n;
	return 1;
}

/* Parses one value; its node index in *out. 1 ok, 0 not for the fast path. */
static int value(struct fp *f, int depth, uint32_t *out)
{
	uint32_t me, last = NONE;
	ws(f);
	if (f->p >= f->end || depth > FAST_DEPTH)
		return 0;
	switch (*f->p) {
	case '"': {
		const char *s;
		uint32_t len;
		if ((me = node(f, FJ_STR)) == NONE || !string(f, &s, &len))
			return 0;
		f->v[me].s = s;
		f->v[me].n = len;
		break;
	}
	case '[':
		if ((me = node(f, FJ_ARR)) == NONE)
			return 0;
		f->p++;
		ws(f);
		if (f->p < f->end && *f->p == ']') {
			f->p++;
			break;
		}
		for (;;) {
			uint32_t c;
			if (!value(f, depth + 1, &c))
				return 0;
			if (last == NONE)
				f->v[me].first = c;
			else
				f->v[last].next = c;
			last = c;
			f->v[me].n++;
			ws(f);
			if (f->p < f->end && *f->p == ',') {
				f->p++;
				continue;
			}
			if (f->p < f->end && *f->p == ']') {
				f->p++;
				break;
			}
			return 0;
		}
		break;
	case '{': {
		const char *keys[FAST_KEYS];
		uint32_t lens[FAST_KEYS];
		if ((me = node(f, FJ_OBJ)) == NONE)
			return 0;
		f->p++;
		ws(f);
		if (f->p < f->end && *f->p == '}') {
			f->p++;
			break;
		}
		for (;;) {
			const char *k;
			uint32_t klen, c, i;
			if (f->p >= f->end || *f->p != '"' || f->v[me].n >= FAST_KEYS ||
			    !string(f, &k, &klen))
				return 0;
			for (i = 0; i < f->v[me].n; i++)
				if (lens[i] == klen && memcmp(keys[i], k, klen) == 0)
					return 0; /* duplicate key: jansson says so */
			keys[f->v[me].n] = k;
			lens[f->v[me].n] = klen;
			ws(f);
			if (f->p >= f->end || *f->p != ':')
				return 0;
			f->p++;
			if (!value(f, depth + 1, &c))
				return 0;
			f->v[c].key = k;
			f->v[c].keylen = klen;
			if (last == NONE)
				f->v[me].first = c;
			else
				f->v[last].next = c;
			last = c;
			f->v[me].n++;
			ws(f);
			if (f->p < f->end && *f->p == ',') {
				f->p++;
				ws(f);
				continue;
			}
			if (f->p < f->end && *f->p == '}') {
				f->p++;
				break;
			}
			return 0;
		}
		break;
	}
	case 't':
		if ((me = node(f, FJ_TRUE)) == NONE || !literal(f, "true"))
			return 0;
		break;
	case 'f':
		if ((me = node(f, FJ_FALSE)) == NONE || !literal(f, "false"))
			return 0;
		break;
	case 'n':
		if ((me = node(f, FJ_NULL)) == NONE || !literal(f, "null"))
			return 0;
		break;
	default:
		if ((me = node(f, FJ_NUM)) == NONE || !number(f))
			return 0;
		break;
	}
	*out = me;
	return 1;
}

/* ---- reading the tree: json_object_get, json_string_value, ... ---- */

static const struct fj *get(const struct fj *v, const struct fj *obj, const char *key)
{
	uint32_t i;
	size_t kl = strlen(key);
	if (!obj || obj->type != FJ_OBJ)
		return NULL;
	for (i = obj->first; i != NONE; i = v[i].next)
		if (v[i].keylen == kl && memcmp(v[i].key, key, kl) == 0)
			return &v[i];
	return NULL;
}

static const char *str(const struct fj *x)
{
	return x && x->type == FJ_STR ? x->s : NULL;
}

static int is(const struct fj *x, int type)
{
	return x && x->type == type;
}

#define EACH(v, arr, x) for (x = (arr)->first != NONE ? &(v)[(arr)->first] : NULL; x;          \
			     x = x->next != NONE ? &(v)[x->next] : NULL)

int crk_match__affected_parse_fast(struct crk_match__affected *a, const char *text, size_t len)
{
	struct fp f;
	const struct fj *root, *pkg, *versions, *ranges, *r, *ev, *x, *sev;
	uint32_t ri;
	size_t nev = 0, nr;
	char *buf;

	memset(a, 0, sizeof(*a));
	memset(&f, 0, sizeof(f));
	if (len >= UINT32_MAX || !(buf = crk_malloc(len + 1)))
		return len >= UINT32_MAX ? 0 : CRK_ENOMEM;
	memcpy(buf, text, len);
	buf[len] = '\0';
	f.p = buf;
	f.end = buf + len;
	if (!value(&f, 0, &ri) || (ws(&f), f.p != f.end) || f.v[ri].type != FJ_OBJ) {
		/* jansson decides (and words the error); an array or scalar root is its error too */
		crk_free(f.v);
		crk_free(buf);
		return f.oom ? CRK_ENOMEM : 0;
	}
	a->fast_text = buf;
	a->fast_nodes = f.v;
	root = &f.v[ri];

	pkg = get(f.v, root, "package");
	if (is(pkg, FJ_OBJ)) {
		a->ecosystem = str(get(f.v, pkg, "ecosystem"));
		a->name = str(get(f.v, pkg, "name"));
	}
	sev = get(f.v, root, "severity");
	if (is(sev, FJ_ARR) && sev->n) {
		if (!(a->sev = crk_calloc(sev->n, sizeof(*a->sev))))
			goto oom;
		EACH(f.v, sev, x) {
			struct crk_match__sev s;
			s.type = str(get(f.v, x, "type"));
			s.vector = str(get(f.v, x, "score"));
			if (!s.type || !s.vector ||
			    (strcmp(s.type, "CVSS_V3") != 0 && strcmp(s.type, "CVSS_V4") != 0))
				continue;
			a->sev[a->nsev++] = s;
		}
	}

	versions = get(f.v, root, "versions");
	if (versions && !is(versions, FJ_ARR))
		crk_match__range_error(a, "`versions` is not an array", NULL);
	if (is(versions, FJ_ARR) && versions->n) {
		if (!(a->versions = crk_calloc(versions->n, sizeof(*a->versions))))
			goto oom;
		EACH(f.v, versions, x) {
			if (str(x))
				a->versions[a->nversions++] = x->s;
			else
				crk_match__range_error(a, "a `versions` element is not a string",
						       NULL);
		}
	}

	ranges = get(f.v, root, "ranges");
	if (ranges && !is(ranges, FJ_ARR))
		crk_match__range_error(a, "`ranges` is not an array", NULL);
	if (!is(ranges, FJ_ARR) || !(nr = ranges->n))
		return 1;
	EACH(f.v, ranges, r) {
		const struct fj *events = get(f.v, r, "events");
		if (is(events, FJ_ARR)) {
			if (events->n > CRK_RANGE_MAX_EVENTS) {
				crk_match__range_error(a, "a range has too many events", NULL);
				continue;
			}
			nev += events->n;
		}
	}
	if (!(a->ranges = crk_calloc(nr, sizeof(*a->ranges))) ||
	    (nev && !(a->events = crk_calloc(nev, sizeof(*a->events)))))
		goto oom;
	nev = 0;
	EACH(f.v, ranges, r) {
		struct crk_osv_range *out = &a->ranges[a->nranges];
		const char *type = str(get(f.v, r, "type"));
		const struct fj *events = get(f.v, r, "events");
		int ok = 1;
		memset(out, 0, sizeof(*out));
		if (!is(r, FJ_OBJ) || !type) {
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
		out->repo = str(get(f.v, r, "repo"));
		if (!is(events, FJ_ARR) || events->n > CRK_RANGE_MAX_EVENTS) {
			crk_match__range_error(a, "a range has no `events` array", NULL);
			continue;
		}
		out->events = a->events ? a->events + nev : NULL;
		EACH(f.v, events, ev) {
			struct crk_range_event *e = &a->events[nev + out->nevents];
			const struct fj *m;
			if (!is(ev, FJ_OBJ) || ev->n != 1) {
				crk_match__range_error(a, "an event must hold exactly one of "
							  "introduced, fixed, last_affected, limit",
						       NULL);
				ok = 0;
				break;
			}
			m = &f.v[ev->first];
			if (!crk_match__event_kind(m->key, &e->kind)) {
				crk_match__range_error(a, "unknown event ", m->key);
				ok = 0;
			} else if (!str(m)) {
				crk_match__range_error(a, "an event version is not a string: ",
						       m->key);
				ok = 0;
			} else {
				e->version = m->s;
				e->len = m->n;
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
	return 1;
oom:
	crk_match__affected_release(a);
	return CRK_ENOMEM;
}
