/*
 * fuzz_version.c - every version scheme (src/version/) on arbitrary bytes. The first byte picks
 * the scheme; the rest is split at NUL bytes into versions a, b and (optionally) c. abort() when
 * an order law breaks, so libFuzzer reports it:
 *   - compare(a, b) succeeds exactly when both are valid (Packagist's unordered branches aside),
 *     and compare(b, a) gives the same status;
 *   - antisymmetry: cmp(a, b) == -cmp(b, a); reflexivity: cmp(a, a) == 0;
 *   - transitivity: a <= b and b <= c imply a <= c, except for Maven, whose ComparableVersion is
 *     not transitive (a sub-list beats a qualifier whatever it holds, while against a missing
 *     item its first qualifier decides: "1-gc-x" < "1.-0.RC1" < "1." < "1-gc-x", as in Java);
 *   - normalize(), where a scheme has one: it succeeds exactly when a is valid; for PEP 440 its
 *     result is also a valid version equal to a, and normalising it again changes nothing.
 *     (Composer's normalize() is not idempotent, in PHP as here: the date version "0002-129000"
 *     becomes "0002.129000", which normalises to "0002.129000.0.0", a greater version.)
 * Seeds: tests/fuzz/corpus/version/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "crakit/version.h"
#include "version/scheme.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp(const struct crk_version_scheme *s, const char *a, size_t al, const char *b,
	       size_t bl, int *rc)
{
	int out = 99;
	*rc = s->compare(a, al, b, bl, &out, NULL);
	if (*rc == CRK_OK && out != -1 && out != 0 && out != 1)
		abort(); /* not -1, 0 or 1 */
	return out;
}

static void check_normalize(const struct crk_version_scheme *s, const char *v, size_t len,
			    int valid)
{
	struct crk_strbuf n1 = CRK_STRBUF_INIT(0), n2 = CRK_STRBUF_INIT(0);
	int rc;
	if (!s->normalize)
		return;
	rc = s->normalize(&n1, v, len, NULL);
	if ((rc == CRK_OK) != (valid == CRK_OK))
		abort(); /* normalize() and valid() disagree */
	if (rc == CRK_OK && s == &crk_version_pep440) {
		int c, crc;
		if (s->valid(n1.buf, n1.len, NULL) != CRK_OK)
			abort(); /* the normal form is not a valid version */
		c = cmp(s, v, len, n1.buf, n1.len, &crc);
		if (crc != CRK_OK || c != 0)
			abort(); /* the normal form is another version */
		if (s->normalize(&n2, n1.buf, n1.len, NULL) != CRK_OK || n1.len != n2.len ||
		    memcmp(n1.buf, n2.buf, n1.len) != 0)
			abort(); /* normalising is not idempotent */
	}
	crk_strbuf_release(&n1);
	crk_strbuf_release(&n2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct crk_version_scheme *s;
	const char *a, *b, *c, *nul;
	size_t n = 0, al, bl, cl;
	int ab, ba, aa, rab, rba, raa, va, vb;
	if (size < 1)
		return 0;
	while (crk_version_schemes[n])
		n++;
	s = crk_version_schemes[data[0] % n];
	a = (const char *)data + 1;
	size--;
	if (size > 3 * CRK_VERSION_MAX_LEN)
		return 0;
	nul = memchr(a, '\0', size);
	al = nul ? (size_t)(nul - a) : size;
	b = nul ? nul + 1 : a;
	bl = nul ? size - al - 1 : al;
	nul = memchr(b, '\0', bl);
	c = NULL;
	cl = 0;
	if (nul) {
		c = nul + 1;
		cl = bl - (size_t)(nul - b) - 1;
		bl = (size_t)(nul - b);
		if (memchr(c, '\0', cl))
			cl = (size_t)((const char *)memchr(c, '\0', cl) - c);
	}
	va = s->valid(a, al, NULL);
	vb = s->valid(b, bl, NULL);
	ab = cmp(s, a, al, b, bl, &rab);
	ba = cmp(s, b, bl, a, al, &rba);
	aa = cmp(s, a, al, a, al, &raa);
	if (rab != rba)
		abort(); /* the status depends on the order */
	if (rab == CRK_EINVAL) {
		if (s != &crk_version_composer || va || vb)
			abort(); /* only Packagist has unordered pairs, of valid versions */
	} else if ((rab == CRK_OK) != (va == CRK_OK && vb == CRK_OK)) {
		abort(); /* compare() and valid() disagree */
	}
	if ((raa == CRK_OK) != (va == CRK_OK))
		abort();
	if (raa == CRK_OK && aa != 0)
		abort(); /* not reflexive */
	if (rab == CRK_OK && ab != -ba)
		abort(); /* not antisymmetric */
	check_normalize(s, a, al, va);
	if (c && rab == CRK_OK && s != &crk_version_maven) {
		int bc, ac, rbc, rac;
		bc = cmp(s, b, bl, c, cl, &rbc);
		ac = cmp(s, a, al, c, cl, &rac);
		if (rbc == CRK_OK && rac == CRK_OK && ab <= 0 && bc <= 0 && ac > 0)
			abort(); /* a <= b <= c but a > c */
		if (rbc == CRK_OK && rac == CRK_OK && ab >= 0 && bc >= 0 && ac < 0)
			abort(); /* a >= b >= c but a < c */
	}
	/* the public entry point: the same answer through the ecosystem name */
	if (al <= CRK_VERSION_MAX_LEN && bl <= CRK_VERSION_MAX_LEN) {
		int out = 99, rc = crk_version_comparen(s->ecosystems[0], a, al, b, bl, &out, NULL);
		if (rc != rab || (rc == CRK_OK && out != ab))
			abort();
	}
	return 0;
}
