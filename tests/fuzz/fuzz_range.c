/*
 * fuzz_range.c - the range evaluators (src/version/range.c, vers.c) on arbitrary bytes.
 *
 * Input starting with "vers:": crk_vers_parse(); whatever parses must then contain each of its
 * "=", "<=", ">=" versions and none of its "!=" versions (the spec's equality rules), and
 * evaluate a few fixed versions without failing.
 * Otherwise, lines: an ecosystem, a range type (S, E or G), a version, then events "i=V",
 * "f=V", "l=V", "m=V" (introduced, fixed, last_affected, limit): crk_osv_range_eval(); an
 * affected verdict must name its `introduced` event, an unaffected one none, and the verdict
 * text must fit. abort() on any broken promise. Seeds: tests/fuzz/corpus/range/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/range.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXEV 64

static void fuzz_vers(const char *s, size_t n)
{
	static const char *const probe[] = {"0", "1.0.0", "1.0", "2.0.0-rc.1", "v1.2.3", "1:1.0-1"};
	struct crk_vers v;
	struct crk_err err;
	size_t i;
	if (crk_vers_parse(&v, s, n, &err) != CRK_OK) {
		if (v.c || v.scheme || !err.msg[0])
			abort();
		return;
	}
	for (i = 0; i < v.n; i++) {
		const struct crk_vers_constraint *c = &v.c[i];
		int in = -1;
		if (c->op == CRK_VERS_STAR)
			continue;
		if (crk_vers_contains(&v, c->version, strlen(c->version), &in, NULL, &err) != CRK_OK)
			abort(); /* a version the parse accepted no longer evaluates */
		if ((c->op == CRK_VERS_EQ || c->op == CRK_VERS_LE || c->op == CRK_VERS_GE) && !in)
			abort();
		if (c->op == CRK_VERS_NE && in)
			abort();
	}
	for (i = 0; i < sizeof(probe) / sizeof(probe[0]); i++) {
		int in;
		(void)crk_vers_contains(&v, probe[i], strlen(probe[i]), &in, NULL, &err);
	}
	crk_vers_free(&v);
}

static void fuzz_osv(const char *s, size_t n)
{
	struct crk_range_event ev[MAXEV];
	struct crk_osv_range r;
	struct crk_range_verdict vd;
	struct crk_err err;
	char eco[64], text[64];
	const char *line[3] = {NULL, NULL, NULL}, *p = s, *end = s + n;
	size_t len[3] = {0, 0, 0}, k = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	r.events = ev;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (k < 3) {
			line[k] = p;
			len[k] = l;
		} else if (l >= 2 && p[1] == '=' && r.nevents < MAXEV) {
			struct crk_range_event *e = &ev[r.nevents++];
			e->kind = p[0] == 'i'	? CRK_EVENT_INTRODUCED
				  : p[0] == 'f' ? CRK_EVENT_FIXED
				  : p[0] == 'l' ? CRK_EVENT_LAST_AFFECTED
						: CRK_EVENT_LIMIT;
			e->version = p + 2;
			e->len = l - 2;
		}
		k++;
		p += l + 1;
	}
	if (k < 3)
		return;
	if (len[0] >= sizeof(eco) || memchr(line[0], '\0', len[0]))
		return;
	memcpy(eco, line[0], len[0]);
	eco[len[0]] = '\0';
	r.type = len[1] && line[1][0] == 'S' ? CRK_RANGE_SEMVER
		 : len[1] && line[1][0] == 'G' ? CRK_RANGE_GIT
					       : CRK_RANGE_ECOSYSTEM;
	rc = crk_osv_range_eval(eco, &r, line[2], len[2], &vd, &err);
	if (rc != CRK_OK) {
		if (vd.affected || vd.lower || !err.msg[0])
			abort();
		return;
	}
	if (vd.affected && (!vd.lower || (vd.lower->kind != CRK_EVENT_INTRODUCED &&
					  r.type != CRK_RANGE_GIT)))
		abort();
	if (!vd.affected && vd.lower)
		abort();
	if (crk_range_verdict_str(&vd, text, sizeof(text)) < sizeof(text) &&
	    strlen(text) == 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 5 && memcmp(data, "vers:", 5) == 0)
		fuzz_vers((const char *)data, size);
	else
		fuzz_osv((const char *)data, size);
	return 0;
}
