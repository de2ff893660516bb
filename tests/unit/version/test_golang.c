/*
 * test_golang.c - Go module versions (src/version/golang.c): our vectors, the peer's files, the oracle and the error message.
 */
#include "vtest.h"

/* The oracle (semver.IsValid) refuses "1.0.0"; we accept a missing v on purpose, because OSV
 * writes Go versions without it. Only such versions may be accepted: a version the oracle
 * refuses that is still invalid with a v in front must be refused. */
static const char *explain(const char *eco, const char *a, const char *b, int want, int got)
{
	char buf[256];
	(void)want, (void)got;
	if (b || a[0] == 'v' || strlen(a) + 2 > sizeof(buf))
		return NULL;
	snprintf(buf, sizeof(buf), "v%s", a);
	return crk_version_validate(eco, buf, strlen(buf), NULL) == CRK_OK
		       ? "OSV writes Go versions without the v"
		       : NULL;
}

static void test_golang__vectors(void **state)
{
	(void)state;
	vt_data("golang", "golang.txt", "Go", NULL);
}

static void test_golang__corpus(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("golang");
	assert_true(vt_peer(&c, "Go", "Go", 1, explain));
	vt_print("golang", "versions/semver-versions.txt (lines with a version Go refuses skipped)",
		 &c);
	assert_int_equal(c.disagree, 0);
}

static void test_golang__oracle(void **state)
{
	struct vt_counts c = {0};
	(void)state;
	VT_NEED_CORPUS("golang");
	assert_true(vt_oracle(&c, "go", "Go", explain));
	vt_print("golang", "versions-oracle/go (x/mod/semver)", &c);
	assert_int_equal(c.disagree, 0);
	assert_int_equal(c.accepted, 1); /* "1.0.0" */
	assert_int_equal(c.pairs, 2000);
}

static void test_golang__errors(void **state)
{
	struct crk_err err;
	int out = 7;
	(void)state;
	assert_int_equal(crk_version_compare("Go", "v1.0.0.0", "v1.0.0", &out, &err), CRK_EPARSE);
	assert_string_equal(err.msg, "'v1.0.0.0' is not a valid Go version (Go module version)");
	assert_true(err.hint[0] != '\0');
	assert_int_equal(out, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golang__vectors),
		cmocka_unit_test(test_golang__corpus),
		cmocka_unit_test(test_golang__oracle),
		cmocka_unit_test(test_golang__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
