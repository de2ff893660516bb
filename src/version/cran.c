/*
 * cran.c - CRAN (and Bioconductor) package versions: R's package_version()
 * (https://cran.r-project.org/doc/manuals/r-release/R-exts.html#The-DESCRIPTION-file and
 * ?package_version; checked against R 4.2.2 by the versions-oracle corpus).
 *
 *   ([0-9]+[.-]){1,}[0-9]+      at least two non-negative integers separated by "." or "-"
 *
 * Each number must fit R's integer type (at most 2^31-1; R turns a larger one into NA with a
 * warning, which we refuse); leading zeros are fine (1.01 = 1.1). "." and "-" are the same
 * separator (1.0-1 = 1.0.1). Order: the numbers left to right, a missing one counting as 0, so
 * 1.0 = 1.0.0 (utils::compareVersion() would say 1.0 < 1.0.0; package_version() is what R uses
 * for dependencies and what we follow).
 */
#include <string.h>

#include "version/scheme.h"
#include "base/banned.h"

static int cran_valid(const char *v, size_t len, struct crk_err *err)
{
	size_t i = 0, parts = 0;
	for (;;) {
		size_t d = crk_vdigits(v + i, len - i);
		if (d == 0)
			return crk_version__invalid(err, &crk_version_cran, v, len,
						    "expected a number (a version is numbers "
						    "separated by '.' or '-', at least two)");
		if (crk_version__numcmp(v + i, d, "2147483647", 10) > 0)
			return crk_version__invalid(err, &crk_version_cran, v, len,
						    "the number '%.*s' is above R's integer range "
						    "(2^31-1)",
						    (int)d, v + i);
		parts++;
		i += d;
		if (i == len)
			break;
		if (v[i] != '.' && v[i] != '-')
			return crk_version__invalid(err, &crk_version_cran, v, len,
						    "unexpected '%c' (only digits, '.' and '-')", v[i]);
		i++;
	}
	if (parts < 2)
		return crk_version__invalid(err, &crk_version_cran, v, len,
					    "a package version has at least two numbers");
	return CRK_OK;
}

/* The next number of s[*pos..len), or "0" past the end. */
static void next_num(const char *s, size_t len, size_t *pos, const char **p, size_t *n)
{
	if (*pos >= len) {
		*p = "0";
		*n = 1;
		return;
	}
	*p = s + *pos;
	*n = crk_vdigits(*p, len - *pos);
	*pos += *n + 1;
}

static int cran_compare(const char *a, size_t alen, const char *b, size_t blen, int *out,
			struct crk_err *err)
{
	size_t pa = 0, pb = 0;
	int rc = cran_valid(a, alen, err);
	if (!rc)
		rc = cran_valid(b, blen, err);
	if (rc)
		return rc;
	*out = 0;
	while ((pa < alen || pb < blen) && !*out) {
		const char *x, *y;
		size_t xl, yl;
		next_num(a, alen, &pa, &x, &xl);
		next_num(b, blen, &pb, &y, &yl);
		*out = crk_version__numcmp(x, xl, y, yl);
	}
	return CRK_OK;
}

static const char *const cran_ecosystems[] = {"CRAN", "Bioconductor", NULL};

const struct crk_version_scheme crk_version_cran = {
	.name = "cran",
	.title = "R package_version",
	.ecosystems = cran_ecosystems,
	.compare = cran_compare,
	.valid = cran_valid,
	.spec = "https://cran.r-project.org/doc/manuals/r-release/R-exts.html#The-DESCRIPTION-file",
	.doc = "R package_version(): two or more integers separated by . or -, missing ones are 0",
};
