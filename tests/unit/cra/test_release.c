/* test_release.c - retention (Art. 13(9), 13(13)), the hash-chained audit log and its
 * verification, releases and impact queries (src/cra/audit.c, release.c, impact.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../test.h"

#include "base/alloc.h"
#include "crakit/release.h"
#include "crakit/store.h"

/* ---- retention: max(placed + 10 years, support end), Art. 13(13) ---- */

static void test_retention(void **state)
{
	char out[11];
	const char *basis;
	struct crk_err err;
	(void)state;
	/* ten years after placing on the market when the support period ends sooner */
	assert_int_equal(crk_retention_until("2027-12-11", "2032-12-31", out, &basis, &err), CRK_OK);
	assert_string_equal(out, "2037-12-11");
	assert_non_null(strstr(basis, "10 years"));
	/* the support period when it ends later */
	assert_int_equal(crk_retention_until("2027-12-11", "2040-06-30", out, &basis, &err), CRK_OK);
	assert_string_equal(out, "2040-06-30");
	assert_non_null(strstr(basis, "support period"));
	/* a support end given as a month ends on that month's last day */
	assert_int_equal(crk_retention_until("2028-01-15", "2038-02", out, &basis, &err), CRK_OK);
	assert_string_equal(out, "2038-02-28");
	/* 29 February + 10 years: 28 February (2038 is not a leap year) */
	assert_int_equal(crk_retention_until("2028-02-29", NULL, out, &basis, &err), CRK_OK);
	assert_string_equal(out, "2038-02-28");
	/* a support end the same day as ten years: ten years */
	assert_int_equal(crk_retention_until("2027-12-11", "2037-12-11", out, &basis, &err), CRK_OK);
	assert_non_null(strstr(basis, "10 years"));
	assert_int_equal(crk_retention_until("2027-02-30", NULL, out, &basis, &err), CRK_EINVAL);
	assert_int_equal(crk_retention_until("2027-12-11", "someday", out, &basis, &err), CRK_EINVAL);
}

/* ---- store fixtures ---- */

struct fx {
	char dir[64], db[96];
	struct crk_store *s;
};

static void fx_open(struct fx *f)
{
	struct crk_err err;
	snprintf(f->dir, sizeof(f->dir), "/tmp/crakit-test-release.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/crakit.db", f->dir);
	assert_int_equal(crk_store_open(&f->s, f->db, CRK_STORE_CREATE, &err), CRK_OK);
}

static void fx_close(struct fx *f)
{
	char p[128];
	crk_store_close(f->s);
	f->s = NULL;
	snprintf(p, sizeof(p), "%s-wal", f->db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->db);
	unlink(p);
	unlink(f->db);
	rmdir(f->dir);
}

static void reopen(struct fx *f)
{
	struct crk_err err;
	crk_store_close(f->s);
	assert_int_equal(crk_store_open(&f->s, f->db, 0, &err), CRK_OK);
}

/* Runs SQL around crakit (as someone editing the file would), triggers dropped first. */
static void tamper(struct fx *f, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;
	crk_store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "DROP TRIGGER audit_log_keep_update; DROP TRIGGER "
				      "audit_log_keep_delete; DROP TRIGGER document_keep_update;",
				      NULL, NULL, &msg),
			 SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
	reopen(f);
}

static const char sbom[] =
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
	"\"metadata\":{\"component\":{\"type\":\"application\",\"name\":\"gw\",\"version\":\"1.0\"}},"
	"\"components\":["
	"{\"type\":\"library\",\"name\":\"log4j-core\",\"group\":\"org.apache.logging.log4j\","
	"\"version\":\"2.14.1\",\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\"},"
	"{\"type\":\"library\",\"name\":\"lodash\",\"version\":\"4.17.15\","
	"\"purl\":\"pkg:npm/lodash@4.17.15\"}]}";

static const char findings[] =
	"{\"findings\":[{\"id\":\"GHSA-jfh8-c2jp-5v3q\",\"aliases\":[\"CVE-2021-44228\"],"
	"\"component\":{\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\"}}]}";

static int record(struct fx *f, const char *version, const char *placed, const char *sb,
		  const char *fi, int64_t now, struct crk_release_out *out)
{
	struct crk_release_in in;
	struct crk_err err;
	memset(&in, 0, sizeof(in));
	in.product = "Gateway";
	in.manufacturer = "ACME";
	in.version = version;
	in.placed = placed;
	in.support_end = "2031-12";
	in.actor = "tester";
	in.now = now;
	in.sbom = sb;
	in.sbom_len = sb ? strlen(sb) : 0;
	in.findings = fi;
	in.findings_len = fi ? strlen(fi) : 0;
	return crk_release_record(f->s, &in, out, NULL, &err);
}

static void test_audit_chain(void **state)
{
	struct fx f;
	struct crk_release_out out;
	struct crk_audit_report r;
	struct crk_err err;
	(void)state;
	fx_open(&f);
	/* an empty log is intact */
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 0);
	assert_int_equal(r.entries, 0);

	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, findings, 1830000000, &out), CRK_OK);
	assert_int_equal(out.ncomponents, 2);
	assert_int_equal(out.nfindings, 1);
	assert_string_equal(out.retain_until, "2038-01-10");
	/* sbom, findings, release: three entries */
	assert_int_equal(out.audit_seq, 3);
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 0);
	assert_int_equal(r.entries, 3);
	assert_int_equal(r.documents, 3); /* the SBOM is named twice, findings once */

	/* the same version again is refused and leaves the store as it was */
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, NULL, 1830000001, &out), CRK_EINVAL);
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.entries, 3);

	/* one byte of the stored SBOM changed around crakit: the entry naming it is broken */
	tamper(&f, "UPDATE document SET content = CAST(replace(CAST(content AS TEXT), '2.14.1', "
		   "'2.14.2') AS BLOB) WHERE media_type = 'application/vnd.crakit.sbom'");
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 1);
	assert_non_null(strstr(r.why, "changed"));
	fx_close(&f);
}

static void test_audit_tamper_entry(void **state)
{
	struct fx f;
	struct crk_release_out out;
	struct crk_audit_report r;
	struct crk_err err;
	(void)state;
	fx_open(&f);
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, NULL, 1830000000, &out), CRK_OK);
	assert_int_equal(record(&f, "1.1", "2028-03-01", sbom, NULL, 1830500000, &out), CRK_OK);
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.entries, 4);
	assert_int_equal(r.broken_seq, 0);
	/* the actor of entry 2 rewritten */
	tamper(&f, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 2);
	fx_close(&f);

	fx_open(&f);
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, NULL, 1830000000, &out), CRK_OK);
	assert_int_equal(record(&f, "1.1", "2028-03-01", sbom, NULL, 1830500000, &out), CRK_OK);
	/* an entry in the middle removed: the gap is named */
	tamper(&f, "DELETE FROM audit_log WHERE seq = 3");
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 3);
	fx_close(&f);

	fx_open(&f);
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, NULL, 1830000000, &out), CRK_OK);
	assert_int_equal(record(&f, "1.1", "2028-03-01", sbom, NULL, 1830500000, &out), CRK_OK);
	/* the last entry removed: the recorded head no longer matches */
	tamper(&f, "DELETE FROM audit_log WHERE seq = 4");
	assert_int_equal(crk_audit_verify(f.s, &r, &err), CRK_OK);
	assert_int_equal(r.broken_seq, 4);
	fx_close(&f);
}

/* Triggers refuse to change history through SQL. */
static void test_append_only(void **state)
{
	struct fx f;
	struct crk_release_out out;
	struct crk_err err;
	(void)state;
	fx_open(&f);
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, NULL, 1830000000, &out), CRK_OK);
	assert_int_not_equal(crk_store_exec(f.s, "UPDATE audit_log SET actor = 'x'", &err), CRK_OK);
	assert_int_not_equal(crk_store_exec(f.s, "DELETE FROM audit_log", &err), CRK_OK);
	assert_int_not_equal(crk_store_exec(f.s, "DELETE FROM document", &err), CRK_OK);
	assert_int_not_equal(crk_store_exec(f.s, "UPDATE release SET version = '9'", &err), CRK_OK);
	fx_close(&f);
}

struct hits {
	int n;
	char rows[8][160];
};

static int collect(void *ud, const struct crk_impact_row *r)
{
	struct hits *h = ud;
	if (h->n < 8)
		snprintf(h->rows[h->n], sizeof(h->rows[0]), "%s %s %s %s %s", r->product, r->version,
			 r->purl, r->vuln ? r->vuln : "-", r->vex_status ? r->vex_status : "-");
	h->n++;
	return 0;
}

static void test_impact(void **state)
{
	struct fx f;
	struct crk_release_out out;
	struct hits h;
	struct crk_err err;
	(void)state;
	fx_open(&f);
	assert_int_equal(record(&f, "1.0", "2028-01-10", sbom, findings, 1830000000, &out), CRK_OK);
	assert_int_equal(record(&f, "1.1", "2028-06-01", sbom, findings, 1843000000, &out), CRK_OK);

	/* any version of lodash: both releases */
	memset(&h, 0, sizeof(h));
	assert_int_equal(crk_impact(f.s, "pkg:npm/lodash", "2029-01-01", collect, &h, &err), CRK_OK);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.rows[0], "Gateway 1.0 pkg:npm/lodash@4.17.15 - -");
	/* an exact version that is not there: none */
	memset(&h, 0, sizeof(h));
	assert_int_equal(crk_impact(f.s, "pkg:npm/lodash@4.17.21", "2029-01-01", collect, &h, &err),
			 CRK_OK);
	assert_int_equal(h.n, 0);
	/* as of a day between the two releases: only 1.0 had shipped */
	memset(&h, 0, sizeof(h));
	assert_int_equal(crk_impact(f.s, "CVE-2021-44228", "2028-03-01", collect, &h, &err), CRK_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.rows[0], "Gateway 1.0 pkg:maven/org.apache.logging.log4j/"
				       "log4j-core@2.14.1 GHSA-jfh8-c2jp-5v3q -");
	/* a VEX decision made later (2028-07-01) is in force after, not before */
	assert_int_equal(
		crk_store_exec(f.s,
			       "INSERT INTO vex_statement (vuln, subject, status, justification, "
			       "author, created) VALUES ('CVE-2021-44228', "
			       "'pkg:maven/org.apache.logging.log4j/log4j-core', 'not_affected', "
			       "'vulnerable_code_not_in_execute_path', 't', 1846022400)",
			       &err),
		CRK_OK);
	memset(&h, 0, sizeof(h));
	assert_int_equal(crk_impact(f.s, "CVE-2021-44228", "2028-06-30", collect, &h, &err), CRK_OK);
	assert_int_equal(h.n, 2);
	assert_non_null(strstr(h.rows[0], " -"));
	memset(&h, 0, sizeof(h));
	assert_int_equal(crk_impact(f.s, "cve-2021-44228", "2028-07-01", collect, &h, &err), CRK_OK);
	assert_int_equal(h.n, 2);
	assert_non_null(strstr(h.rows[1], "not_affected"));
	assert_int_equal(crk_impact(f.s, "CVE-2021-44228", "2028-13-01", collect, &h, &err),
			 CRK_EINVAL);
	fx_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_audit_chain),
		cmocka_unit_test(test_audit_tamper_entry),
		cmocka_unit_test(test_append_only),
		cmocka_unit_test(test_impact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
