/*
 * test.h - what every unit test includes: cmocka (with the headers it needs first, Debian's
 * libcmocka-dev 1.1) and small helpers for test data paths.
 */
#ifndef CRK_TEST_H
#define CRK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

/* $CRAKIT_TESTDATA (default "tests/data") joined with `rel`, in a static buffer. */
static inline const char *test_data(const char *rel)
{
	static char buf[4096];
	const char *d = getenv("CRAKIT_TESTDATA");
	snprintf(buf, sizeof(buf), "%s/%s", d && *d ? d : "tests/data", rel);
	return buf;
}

/* $CRAKIT_CORPUS (default "../shared/corpus") joined with `rel`, in a static buffer. */
static inline const char *test_corpus(const char *rel)
{
	static char buf[4096];
	const char *d = getenv("CRAKIT_CORPUS");
	snprintf(buf, sizeof(buf), "%s/%s", d && *d ? d : "../shared/corpus", rel);
	return buf;
}

#endif
