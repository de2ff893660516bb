/*
 * detect_test.h - what the detector unit tests (tests/unit/detect/test_<detector>.c) share:
 * parsing a fixture of tests/data under the path a scan would give it (that path chooses the
 * detector), looking its components up, its edges, and failing each allocation in turn.
 * Include after "../test.h". Everything is static inline: a test uses what it needs.
 *
 * parse(r, file, parse_as) and parse_os(r, file, parse_as, os_release) take `file` relative to
 * tests/data; a test whose fixtures sit in one directory and are all parsed under one name
 * defines DETECT_TEST_OWN_PARSE before the include and writes its own parse() over
 * parse_fixture().
 */
#ifndef CRK_TEST_DETECT_TEST_H
#define CRK_TEST_DETECT_TEST_H

#include <string.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"

struct run {
	struct crk_bom *bom;
	struct crk_diags diags;
	struct crk_err err;
	int rc;
	const char *as; /* for a test's own parse(): the name to parse the fixture under */
};

/* tests/data/<dir>/<file> (dir NULL: tests/data/<file>), read into the heap (crk_free). */
static inline char *load_fixture(const char *dir, const char *file, size_t *len)
{
	char path[8192], *buf;
	struct crk_err err;
	if (dir)
		snprintf(path, sizeof(path), "%s/%s", test_data(dir), file);
	else
		snprintf(path, sizeof(path), "%s", test_data(file));
	assert_int_equal(crk_read_file(path, CRK_MAX_FILE_SIZE, &buf, len, &err), CRK_OK);
	return buf;
}

/* Parses the fixture as the scan's file `parse_as`, with the files beside it in
 * tests/data/<siblings> (NULL: none; a lockfile's package.json, say), after the os-release text
 * `os_release` (NULL: none; it gives the purls their distro). r->rc and r->err say how it went;
 * done() frees the run. */
static inline void parse_fixture_at(struct run *r, const char *dir, const char *file,
				    const char *parse_as, const char *siblings,
				    const char *os_release)
{
	char sib[8192];
	size_t len;
	char *buf = load_fixture(dir, file, &len);
	if (siblings)
		snprintf(sib, sizeof(sib), "%s", test_data(siblings));
	r->bom = crk_bom_new();
	assert_non_null(r->bom);
	crk_diags_init(&r->diags);
	if (os_release)
		assert_int_equal(crk_os_release_parse(r->bom, os_release, strlen(os_release), &r->err),
				 CRK_OK);
	r->rc = crk_sbom_parse_file(r->bom, parse_as, parse_as, siblings ? sib : NULL, buf, len,
				    &r->diags, &r->err);
	crk_free(buf);
}

/* parse_fixture_at() with nothing beside the file. */
static inline void parse_fixture(struct run *r, const char *dir, const char *file,
				 const char *parse_as, const char *os_release)
{
	parse_fixture_at(r, dir, file, parse_as, NULL, os_release);
}

#ifndef DETECT_TEST_OWN_PARSE
static inline void parse_os(struct run *r, const char *file, const char *parse_as,
			    const char *os_release)
{
	parse_fixture(r, NULL, file, parse_as, os_release);
}

static inline void parse(struct run *r, const char *file, const char *parse_as)
{
	parse_fixture(r, NULL, file, parse_as, NULL);
}
#endif

static inline void done(struct run *r)
{
	crk_diags_release(&r->diags);
	crk_bom_free(r->bom);
}

static inline const struct crk_component *get(struct run *r, const char *purl)
{
	const struct crk_component *c = crk_bom_find(r->bom, purl);
	if (!c)
		fail_msg("no component %s", purl);
	return c;
}

static inline int is_root(struct run *r, const struct crk_component *c)
{
	size_t n, i;
	const size_t *roots = crk_bom_roots(r->bom, &n);
	for (i = 0; i < n; i++)
		if (roots[i] == c->id)
			return 1;
	return 0;
}

static inline int depends(struct run *r, const struct crk_component *from, const char *to_purl)
{
	const struct crk_component *to = get(r, to_purl);
	size_t i;
	for (i = 0; i < from->ndeps; i++)
		if (from->deps[i] == to->id)
			return 1;
	return 0;
}

static inline const char *prop(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, key) == 0)
			return c->props[i].value;
	return NULL;
}

/* The same, by purl (the component must exist). */
static inline int is_root_purl(struct run *r, const char *purl)
{
	return is_root(r, get(r, purl));
}

static inline int depends_purl(struct run *r, const char *from, const char *to)
{
	return depends(r, get(r, from), to);
}

static inline size_t nroots(struct run *r)
{
	size_t n;
	crk_bom_roots(r->bom, &n);
	return n;
}

/* The value of the component's hash `alg` ("SHA-512"), or NULL. */
static inline const char *hash(const struct crk_component *c, const char *alg)
{
	size_t i;
	for (i = 0; i < c->nhashes; i++)
		if (strcmp(c->hashes[i].alg, alg) == 0)
			return c->hashes[i].value;
	return NULL;
}

/* The component named `name` (for those without a purl). */
static inline const struct crk_component *by_name(struct run *r, const char *name)
{
	size_t i;
	for (i = 0; i < crk_bom_count(r->bom); i++)
		if (strcmp(crk_bom_get(r->bom, i)->name, name) == 0)
			return crk_bom_get(r->bom, i);
	fail_msg("no component named %s", name);
	return NULL;
}

/* The purls `from` depends on (NULL: the product's direct dependencies), sorted, joined by
 * spaces, in a static buffer. Sorts the BOM (ids are renumbered, duplicates gone). */
static inline const char *deps_of(struct run *r, const char *from)
{
	static char buf[4096];
	const char *names[64];
	const size_t *ids;
	size_t n, i, j, o = 0;
	assert_int_equal(crk_bom_sort(r->bom), CRK_OK);
	if (from) {
		const struct crk_component *c = get(r, from);
		ids = c->deps;
		n = c->ndeps;
	} else {
		ids = crk_bom_roots(r->bom, &n);
	}
	assert_true(n < 64);
	for (i = 0; i < n; i++)
		names[i] = crk_bom_get(r->bom, ids[i])->purl;
	for (i = 1; i < n; i++) /* insertion sort */
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "", names[i]);
	return buf;
}

/* "ALG:hex ALG:hex" in the component's order, in a static buffer. */
static inline const char *hashes_of(const struct crk_component *c)
{
	static char buf[2048];
	size_t i, o = 0;
	buf[0] = '\0';
	for (i = 0; i < c->nhashes; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s:%s", i ? " " : "",
				      c->hashes[i].alg, c->hashes[i].value);
	return buf;
}

/* Fails the Nth allocation, for every N, while parsing the fixture (as parse_fixture): only
 * CRK_ENOMEM or success. Returns the component count of the first successful parse, so that
 * a test can check nothing was silently dropped. */
static inline size_t alloc_failures_in(const char *dir, const char *file, const char *parse_as,
				       const char *os_release)
{
	char *buf;
	size_t len, count = 0;
	uint64_t n;
	struct crk_err err;
	buf = load_fixture(dir, file, &len);
	for (n = 1; n < 100000; n++) {
		struct crk_bom *bom = crk_bom_new();
		struct crk_diags diags;
		int rc;
		if (!bom)
			continue;
		crk_diags_init(&diags);
		if (os_release)
			assert_int_equal(crk_os_release_parse(bom, os_release, strlen(os_release), &err),
					 CRK_OK);
		crk_alloc_fail_after(n);
		rc = crk_sbom_parse_file(bom, parse_as, parse_as, NULL, buf, len, &diags, &err);
		crk_alloc_fail_after(0);
		count = crk_bom_count(bom);
		crk_diags_release(&diags);
		crk_bom_free(bom);
		if (rc == CRK_OK)
			break;
		assert_int_equal(rc, CRK_ENOMEM);
	}
	assert_true(n < 100000);
	crk_free(buf);
	return count;
}

/* alloc_failures_in() with `file` relative to tests/data. */
static inline size_t alloc_failures(const char *file, const char *parse_as, const char *os_release)
{
	return alloc_failures_in(NULL, file, parse_as, os_release);
}

#endif
