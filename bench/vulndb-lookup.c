/*
 * vulndb-lookup.c - how long `crk_vulndb_affected_each()` takes, warm: N lookups of (ecosystem,
 * name) pairs against a store, the way a scan of an N-component SBOM asks (every release, the
 * entries streamed to a callback that only counts them). Half the names exist in
 * the store (distinct package names taken from it), half do not (the common case: most
 * components have no advisory).
 * Run by bench/db-import.sh. Usage: vulndb-lookup STORE [N]   Prints "lookups hits entries ms".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"

static int count(void *ud, const struct crk_vuln_affected *e, struct crk_err *err)
{
	(void)e, (void)err;
	++*(size_t *)ud;
	return CRK_OK;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: robust to a loaded machine */
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct crk_store *s;
	struct crk_err err;
	struct crk_stmt *st;
	size_t n = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 10000, k = 0, i, hits = 0,
	       entries = 0;
	char (*eco)[64], (*name)[256];
	double t0, best = 1e18;
	int round, batch = getenv("LOOKUP_NO_TX") == NULL;
	if (argc < 2 || crk_store_open(&s, argv[1], CRK_STORE_READONLY, &err) != CRK_OK) {
		fprintf(stderr, "usage: vulndb-lookup STORE [N]\n");
		return 2;
	}
	eco = calloc(n, sizeof(*eco));
	name = calloc(n, sizeof(*name));
	if (crk_store_prepare(s, &st,
			      "SELECT eco, raw_name FROM (SELECT DISTINCT eco, raw_name FROM affected"
			      " WHERE rel = '') ORDER BY random() LIMIT ?",
			      &err) != CRK_OK)
		return 1;
	crk_stmt_bind_int64(st, 1, (int64_t)(n / 2));
	while (k < n / 2 && crk_stmt_step(st, &err) == 1) {
		snprintf(eco[k], sizeof(eco[k]), "%s", crk_stmt_text(st, 0, NULL));
		snprintf(name[k], sizeof(name[k]), "%s", crk_stmt_text(st, 1, NULL));
		k++;
	}
	crk_stmt_reset(st);
	for (i = k; i < n; i++) { /* absent names in the same ecosystems */
		snprintf(eco[i], sizeof(eco[i]), "%s", k ? eco[i % k] : "npm");
		snprintf(name[i], sizeof(name[i]), "no-such-package-%zu", i);
	}
	for (round = 0; round < 5; round++) { /* the first round warms the page cache */
		hits = entries = 0;
		t0 = now_ms();
		if (batch && crk_store_begin(s, &err) != CRK_OK)
			return 1;
		for (i = 0; i < n; i++) {
			size_t m = 0;
			if (crk_vulndb_affected_each(s, eco[i], NULL, name[i], CRK_VULNDB_ANY_RELEASE,
						     count, &m, &err) != CRK_OK) {
				fprintf(stderr, "%s %s: %s\n", eco[i], name[i], err.msg);
				return 1;
			}
			hits += m > 0;
			entries += m;
		}
		if (batch)
			crk_store_commit(s, &err);
		t0 = now_ms() - t0;
		if (round > 0 && t0 < best)
			best = t0;
	}
	printf("%zu %zu %zu %.1f\n", n, hits, entries, best);
	free(eco);
	free(name);
	crk_store_close(s);
	return 0;
}
