/*
 * test_epss.c - FIRST EPSS score files (src/formats/epss.c): the metadata line, columns found
 * by name, numbers read exactly as strtod reads them (checked against strtod in the "C" locale),
 * and malformed files refused at line:col.
 */
#include "../test.h"

#include <string.h>

#include "formats/epss.h"

struct rows {
	char cve[8][32];
	double score[8], pct[8];
	unsigned line[8];
	int n;
};

static int row(void *ud, const char *cve, size_t n, double score, double pct, unsigned line)
{
	struct rows *r = ud;
	if (r->n >= 8)
		return -100;
	memcpy(r->cve[r->n], cve, n);
	r->cve[r->n][n] = '\0';
	r->score[r->n] = score;
	r->pct[r->n] = pct;
	r->line[r->n] = line;
	r->n++;
	return 0;
}

static void test_epss__parse(void **state)
{
	static const char text[] =
		"\xef\xbb\xbf#model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000\r\n"
		"percentile,cve,epss,extra\r\n"
		"0.99962,CVE-2021-44228,0.94358,x\r\n"
		"0.1201,CVE-1999-0001,4.3e-4,\r\n"
		"\r\n"
		"1,CVE-2024-1234567,0,y\r\n";
	struct crk_epss_meta m;
	struct rows r;
	struct crk_err err;
	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(crk_epss_sniff(text, sizeof(text) - 1), 1);
	assert_int_equal(crk_epss_parse(text, sizeof(text) - 1, "e.csv", &m, row, &r, &err),
			 CRK_OK);
	assert_string_equal(m.model, "v2025.03.14");
	assert_string_equal(m.date, "2025-03-20");
	assert_int_equal(m.date_s, 1742428800);
	assert_int_equal(m.rows, 3);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.cve[0], "CVE-2021-44228");
	assert_true(r.score[0] == strtod("0.94358", NULL));
	assert_true(r.pct[0] == strtod("0.99962", NULL));
	assert_true(r.score[1] == strtod("4.3e-4", NULL));
	assert_true(r.pct[1] == strtod("0.1201", NULL));
	assert_string_equal(r.cve[2], "CVE-2024-1234567");
	assert_true(r.score[2] == 0.0 && r.pct[2] == 1.0);
	assert_int_equal(r.line[2], 6);
}

/* Every decimal with up to 5 digits after the point reads as strtod reads it. */
static void test_epss__numbers(void **state)
{
	char line[128];
	int i;
	(void)state;
	for (i = 0; i <= 100000; i += 7) {
		struct crk_epss_meta m;
		struct rows r;
		struct crk_err err;
		char num[16];
		size_t n;
		snprintf(num, sizeof(num), "%d.%05d", i / 100000, i % 100000);
		n = (size_t)snprintf(line, sizeof(line), "cve,epss,percentile\nCVE-2020-0001,%s,%s\n",
				     num, num);
		memset(&r, 0, sizeof(r));
		assert_int_equal(crk_epss_parse(line, n, "n", &m, row, &r, &err), CRK_OK);
		if (r.score[0] != strtod(num, NULL))
			fail_msg("%s: %.17g != %.17g", num, r.score[0], strtod(num, NULL));
	}
}

static void test_epss__malformed(void **state)
{
	static const struct {
		const char *text, *msg;
		unsigned line, col;
	} cases[] = {
		{"", "not an EPSS file: no cve,epss,percentile header", 1, 1},
		{"cve,epss\nCVE-2020-0001,0.1\n",
		 "not an EPSS header: expected the columns cve, epss and percentile", 1, 1},
		{"cve,epss,percentile\n", "EPSS file without scores", 1, 1},
		{"cve,epss,percentile\nCVE-20-1,0.1,0.2\n", "'CVE-20-1' is not a CVE id", 2, 1},
		{"cve,epss,percentile\nCVE-2020-0001,0.1\n", "EPSS row with 2 fields, the header has 3",
		 2, 18},
		{"cve,epss,percentile\nCVE-2020-0001,-0.1,0.2\n",
		 "EPSS score '-0.1' is not a number in [0, 1]", 2, 15},
		{"cve,epss,percentile\nCVE-2020-0001,0.1,1.00001\n",
		 "EPSS percentile '1.00001' is not a number in [0, 1]", 2, 19},
		{"cve,epss,percentile\nCVE-2020-0001,0.1,nan\n",
		 "EPSS percentile 'nan' is not a number in [0, 1]", 2, 19},
		{"cve,epss,percentile\n\"CVE-2020-0001\",0.1,0.2\n", "quoted field in an EPSS file", 2,
		 1},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct crk_epss_meta m;
		struct crk_err err;
		int rc = crk_epss_parse(cases[i].text, strlen(cases[i].text), "e.csv", &m, NULL, NULL,
					&err);
		if (rc != CRK_EPARSE || strcmp(err.msg, cases[i].msg) != 0 ||
		    err.line != cases[i].line || err.col != cases[i].col)
			fail_msg("case %zu: %d %u:%u %s", i, rc, err.line, err.col, err.msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epss__parse),
		cmocka_unit_test(test_epss__numbers),
		cmocka_unit_test(test_epss__malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
