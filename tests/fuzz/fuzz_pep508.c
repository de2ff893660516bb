/*
 * fuzz_pep508.c - crk_pep508_parse() and crk_pep508_parse_link() on arbitrary bytes, with an
 * arena released after each input. Beyond the sanitizers, abort() (so libFuzzer reports it) when
 * a result breaks what pep508.h promises: a parsed requirement has a name, a pin has a
 * specifier, a URL has neither but has its link; a failure leaves every part NULL and points
 * into the input; a link never fails without ENOMEM and has one of its three flags.
 * Seeds: tests/fuzz/corpus/pep508/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "formats/pep508.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crk_arena a = CRK_ARENA_INIT;
	const char *s = (const char *)data;
	struct crk_pep508 p;
	struct crk_pep508_link l;
	struct crk_err err;
	int rc;

	rc = crk_pep508_parse(&p, s, size, &a, &err);
	if (rc == CRK_OK) {
		if (!p.name || !*p.name || (p.pin && !p.spec) || (p.url && (p.spec || p.pin)) ||
		    !p.url != !p.link.flags)
			abort();
	} else if (rc == CRK_EPARSE) {
		if (p.name || p.extras || p.url || p.spec || p.pin || p.marker || err.col < 1 ||
		    err.col > size + 1 || !err.msg[0])
			abort();
	} else {
		abort(); /* nothing else, ENOMEM aside, and the fuzzer does not fail allocations */
	}

	if (crk_pep508_parse_link(&l, s, size, &a, NULL) != CRK_OK)
		abort();
	if (l.flags != CRK_PKG_LOCAL && l.flags != CRK_PKG_GIT && l.flags != CRK_PKG_URL)
		abort();
	if ((l.version && !l.name) || (l.vcs_commit && l.vcs_ref) ||
	    ((l.vcs_commit || l.vcs_ref) && !l.vcs_url))
		abort();

	(void)crk_pep508_is_archive(s, size);
	(void)crk_pep508_is_path(s, size);
	crk_arena_release(&a);
	return 0;
}
