/*
 * cvss_test.h - reads the CVSS vector files of tests/data/cvss/ (README.md there):
 * "VECTOR - (a, b, c)", "VECTOR - (a,)" or "VECTOR - a  # comment"; '#' lines are comments.
 */
#ifndef CRK_TEST_CVSS_H
#define CRK_TEST_CVSS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"

struct cvss_line {
	char vector[512];
	double score[3];
	int nscores;
};

/* Reads the next vector line of f into *l; 0 at end of file. */
static int cvss_next(FILE *f, struct cvss_line *l)
{
	char buf[sizeof(l->vector)];
	while (fgets(buf, sizeof(buf), f)) {
		char *sep = strstr(buf, " - "), *p;
		if (buf[0] == '#' || buf[0] == '\n' || !sep)
			continue;
		memset(l, 0, sizeof(*l));
		*sep = '\0';
		snprintf(l->vector, sizeof(l->vector), "%s", buf);
		p = sep + 3;
		if (*p == '(')
			p++;
		while (l->nscores < 3) {
			char *end;
			double d = strtod(p, &end);
			if (end == p)
				break;
			l->score[l->nscores++] = d;
			p = end;
			while (*p == ',' || *p == ' ')
				p++;
		}
		return 1;
	}
	return 0;
}

static FILE *cvss_open(const char *rel)
{
	FILE *f = fopen(test_data(rel), "r");
	if (!f)
		fail_msg("cannot open %s", test_data(rel));
	return f;
}

/* Scores are multiples of 0.1: compare in tenths. */
static int cvss_tenths(double d)
{
	return (int)(d * 10.0 + (d < 0 ? -0.5 : 0.5));
}

#endif
