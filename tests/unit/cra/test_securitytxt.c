/* test_securitytxt.c - the RFC 9116 security.txt parser (src/cra/securitytxt.c). Expected
 * times computed with Python's datetime (an independent RFC 3339 reading). */
#include <string.h>

#include "../test.h"

#include "base/alloc.h"
#include "base/fileio.h"
#include "crakit/cra.h"

#define NOW_2026 1767225600 /* 2026-01-01T00:00:00Z */

static struct crk_securitytxt *load(const char *rel, struct crk_diags *w)
{
	struct crk_securitytxt *s = NULL;
	struct crk_err err;
	char *buf;
	size_t len;
	assert_int_equal(crk_read_file(test_data(rel), 1 << 20, &buf, &len, NULL), CRK_OK);
	if (crk_securitytxt_parse(&s, buf, len, rel, NOW_2026, w, &err) != CRK_OK)
		fail_msg("%s:%u:%u: %s", rel, err.line, err.col, err.msg);
	crk_free(buf);
	return s;
}

static void test_securitytxt__valid_file(void **state)
{
	struct crk_diags w;
	struct crk_securitytxt *s;
	(void)state;
	crk_diags_init(&w);
	s = load("cra/securitytxt/valid.txt", &w);
	assert_int_equal(s->contact.n, 3);
	assert_string_equal(s->contact.v[0], "mailto:security@example.com");
	assert_string_equal(s->contact.v[2], "tel:+1-201-555-0123"); /* "contact:" lower case */
	assert_string_equal(s->expires, "2027-06-30T23:59:59Z");
	assert_int_equal(s->expires_at, 1814399999);
	assert_int_equal(s->expires_line, 5);
	assert_int_equal(s->expired, 0);
	assert_int_equal(s->expires_far, 1); /* 18 months after 2026-01-01 */
	assert_string_equal(s->preferred_languages, "en, de");
	assert_int_equal(s->encryption.n, 1);
	assert_int_equal(s->acknowledgments.n, 1);
	assert_string_equal(s->canonical.v[0], "https://example.com/.well-known/security.txt");
	assert_string_equal(s->policy.v[0], "https://example.com/disclosure-policy.html");
	assert_int_equal(s->hiring.n, 1);
	assert_int_equal(s->csaf.n, 1);
	assert_int_equal(s->signed_message, 0);
	assert_int_equal(crk_diags_count(&w), 1);
	assert_non_null(strstr(w.v[0].msg, "more than a year away"));
	crk_securitytxt_free(s);
	crk_diags_release(&w);
}

static void test_securitytxt__signed_and_expired(void **state)
{
	struct crk_diags w;
	struct crk_securitytxt *s;
	(void)state;
	crk_diags_init(&w);
	s = load("cra/securitytxt/signed.txt", &w);
	assert_int_equal(s->signed_message, 1);
	assert_int_equal(s->expires_at, 1798758000); /* 2027-01-01T00:00:00+01:00 */
	assert_int_equal(s->policy.n, 1);            /* a dash-escaped line */
	assert_string_equal(s->policy.v[0], "https://example.com/policy");
	assert_int_equal(s->canonical.n, 1);
	assert_int_equal(crk_diags_count(&w), 1);
	assert_non_null(strstr(w.v[0].msg, "does not verify the signature"));
	crk_securitytxt_free(s);
	crk_diags_release(&w);

	crk_diags_init(&w);
	s = load("cra/securitytxt/expired.txt", &w); /* CRLF lines */
	assert_int_equal(s->expired, 1);
	assert_string_equal(s->contact.v[0], "mailto:security@example.com");
	assert_int_equal(crk_diags_count(&w), 1);
	assert_int_equal(w.v[0].line, 2);
	assert_non_null(strstr(w.v[0].msg, "Expires 2020-01-01T00:00:00Z has passed"));
	crk_securitytxt_free(s);
	crk_diags_release(&w);
}

static const struct {
	const char *src;
	unsigned line, col;
	const char *msg;
} bad[] = {
	{"Contact: http://example.com/\nExpires: 2027-01-01T00:00:00Z\n", 1, 10,
	 "Contact is 'http://example.com/', expected a web URI to start with https://"},
	{"Contact: security@example.com\nExpires: 2027-01-01T00:00:00Z\n", 1, 10,
	 "expected a URI: https://..., mailto:... or tel:..."},
	{"Policy: http://example.com/p\nContact: mailto:a@b.c\nExpires: 2027-01-01T00:00:00Z\n",
	 1, 9, "Policy is 'http://example.com/p', expected a web URI to start with https://"},
	{"Expires: 2027-01-01T00:00:00Z\n", 1, 1, "no Contact field, expected at least one"},
	{"Contact: mailto:a@b.c\n", 1, 1, "no Expires field, expected exactly one"},
	{"Contact: mailto:a@b.c\nExpires: 2027-01-01T00:00:00Z\nExpires: 2027-01-02T00:00:00Z\n",
	 3, 1, "a second Expires (first at line 2), expected exactly one"},
	{"Contact: mailto:a@b.c\nExpires: 2027-01-01\n", 2, 10,
	 "Expires is '2027-01-01', expected an RFC 3339 date-time"},
	{"Contact: mailto:a@b.c\nExpires: 2027-02-30T00:00:00Z\n", 2, 10, "expected an RFC 3339"},
	{"Contact mailto:a@b.c\n", 1, 1, "is not a field, expected 'Field: value' or a comment"},
	{"Contact: mailto:a@b.c\nPreferred-Languages: en\nPreferred-Languages: de\n"
	 "Expires: 2027-01-01T00:00:00Z\n",
	 3, 1, "a second Preferred-Languages, expected at most one"},
	{"Contact:\nExpires: 2027-01-01T00:00:00Z\n", 1, 9, "Contact has no value"},
	{"Con/tact: x\n", 1, 4, "a field name with '/'"},
	{"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b.c\n", 4, 1,
	 "the OpenPGP signed message does not end"},
	{"Contact: mailto:a@b.c\nExp\0ires: 1\n", 2, 4, "a NUL byte"},
};

static void test_securitytxt__errors(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct crk_securitytxt *s = (void *)1;
		struct crk_err err;
		size_t len = strlen(bad[i].src);
		int rc;
		if (strstr(bad[i].msg, "NUL"))
			len = sizeof("Contact: mailto:a@b.c\nExp\0ires: 1\n") - 1;
		crk_err_clear(&err);
		rc = crk_securitytxt_parse(&s, bad[i].src, len, "s.txt", NOW_2026, NULL, &err);
		if (rc != CRK_EPARSE || err.line != bad[i].line || err.col != bad[i].col ||
		    !strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: want %u:%u '%s'\n got %d %u:%u '%s'", i, bad[i].line,
				 bad[i].col, bad[i].msg, rc, err.line, err.col, err.msg);
		assert_null(s);
		assert_string_equal(err.path, "s.txt");
	}
}

static void test_securitytxt__rfc3339(void **state)
{
	int64_t t;
	(void)state;
	assert_int_equal(crk_rfc3339_parse("1970-01-01T00:00:00Z", 20, &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(crk_rfc3339_parse("2024-02-29t12:00:00.5+02:00", 27, &t), 0);
	assert_int_equal(t, 1709200800);
	assert_int_equal(crk_rfc3339_parse("2027-01-01T00:00:00z", 20, &t), 0);
	assert_int_equal(t, 1798761600);
	assert_int_equal(crk_rfc3339_parse("2023-02-29T00:00:00Z", 20, &t), -1);
	assert_int_equal(crk_rfc3339_parse("2027-01-01T24:00:00Z", 20, &t), -1);
	assert_int_equal(crk_rfc3339_parse("2027-01-01T00:00:00", 19, &t), -1);
	assert_int_equal(crk_rfc3339_parse("2027-01-01T00:00:00.Z", 21, &t), -1);
	assert_int_equal(crk_rfc3339_parse("2027-01-01T00:00:00+0100", 24, &t), -1);
}

static void test_securitytxt__allocation_failures(void **state)
{
	char *buf;
	size_t len;
	uint64_t n;
	int ok = 0;
	(void)state;
	assert_int_equal(crk_read_file(test_data("cra/securitytxt/valid.txt"), 1 << 20, &buf, &len,
				       NULL),
			 CRK_OK);
	for (n = 1; n < 1000 && !ok; n++) {
		struct crk_securitytxt *s = NULL;
		int rc;
		crk_alloc_fail_after(n);
		rc = crk_securitytxt_parse(&s, buf, len, "v.txt", NOW_2026, NULL, NULL);
		crk_alloc_fail_after(0);
		if (rc == CRK_OK)
			ok = 1;
		else if (rc != CRK_ENOMEM)
			fail_msg("allocation %llu: %d", (unsigned long long)n, rc);
		crk_securitytxt_free(s);
	}
	assert_true(ok);
	crk_free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_securitytxt__valid_file),
		cmocka_unit_test(test_securitytxt__signed_and_expired),
		cmocka_unit_test(test_securitytxt__errors),
		cmocka_unit_test(test_securitytxt__rfc3339),
		cmocka_unit_test(test_securitytxt__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
