/* test_rpmdb.c - var/lib/rpm/rpmdb.sqlite (src/detect/rpmdb.c), on tests/data/rpmdb. */
#include <string.h>

#include "../test.h"
#include "detect_test.h"

#include "base/arena.h"
#include "detect/rpmdb.h"

#define SQLITE "var/lib/rpm/rpmdb.sqlite"

static void test_rpmdb__sqlite(void **state)
{
	struct run r;
	const struct crk_component *base, *app;
	(void)state;
	parse_os(&r, "rpmdb/rpmdb.sqlite", SQLITE, "ID=fedora\nVERSION_ID=40\n");
	assert_int_equal(r.rc, CRK_OK);
	assert_int_equal(crk_diags_count(&r.diags), 0);
	assert_int_equal(crk_bom_count(r.bom), 2);
	base = get(&r, "pkg:rpm/fedora/crk-base@1.0-1?arch=noarch&distro=fedora-40");
	assert_string_equal(base->name, "crk-base");
	assert_string_equal(base->version, "1.0-1");
	assert_string_equal(base->ns, "fedora");
	assert_string_equal(base->ecosystem, "Fedora");
	assert_string_equal(base->found_by, "rpm/rpmdb");
	assert_string_equal(base->license, "MIT");
	assert_string_equal(base->supplier, "Example Vendor");
	assert_string_equal(base->description, "crakit test package crk-base");
	assert_string_equal(base->source_name, "crk-base");
	assert_string_equal(base->source_version, "1.0-1");
	assert_string_equal(prop(base, "rpm:sigmd5"), "3440871d948c0126e65d19c0e00ab46f");
	assert_string_equal(prop(base, "rpm:sha256header"),
			    "7e5de7e30ae34a01d7ad883990c9dddcf5a60eaf21162971004407f016286f36");
	assert_int_equal(base->nhashes, 0);
	assert_string_equal(base->occ[0].path, SQLITE);
	assert_int_equal(base->occ[0].line, 0);
	assert_false(is_root(&r, base));

	/* the epoch is part of the version (rpm -qa, OSV) and a purl qualifier */
	app = by_name(&r, "crk-app");
	assert_string_equal(app->version, "2:3.1-4.fc40");
	/* "GPLv2+" is not an SPDX expression: kept as declared, the writers normalise it */
	assert_string_equal(app->license, "GPLv2+");
	assert_null(prop(app, "rpm:license"));
	assert_string_equal(prop(app, "rpm:sigmd5"), "0b5bc6cbcd8bd17b609f0663ecd39660");
	assert_string_equal(app->source_version, "3.1-4.fc40");
	/* Requires crk-virtual, which crk-base provides */
	assert_int_equal(app->ndeps, 1);
	assert_int_equal(app->deps[0], base->id);
	assert_true(is_root(&r, app));
	done(&r);

	/* no os-release and an unknown vendor */
	parse(&r, "rpmdb/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite");
	assert_int_equal(r.rc, CRK_OK);
	base = get(&r, "pkg:rpm/unknown/crk-base@1.0-1?arch=noarch");
	assert_null(base->ecosystem);
	done(&r);

	/* an os-release ID crakit maps to a vendor namespace and an OSV ecosystem */
	parse_os(&r, "rpmdb/rpmdb.sqlite", SQLITE, "ID=\"rhel\"\nVERSION_ID=\"9.4\"\n");
	base = get(&r, "pkg:rpm/redhat/crk-base@1.0-1?arch=noarch&distro=rhel-9.4");
	assert_string_equal(base->ecosystem, "Red Hat");
	done(&r);
}

static void test_rpmdb__unsupported_and_malformed(void **state)
{
	struct run r;
	(void)state;
	parse(&r, "rpmdb/Packages", "var/lib/rpm/Packages");
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	assert_string_equal(r.err.msg, "rpm database in Berkeley DB/NDB format is not supported yet; "
				       "use rpmdb.sqlite");
	assert_int_equal(crk_bom_count(r.bom), 0);
	done(&r);
	parse(&r, "rpmdb/Packages.db", "usr/lib/sysimage/rpm/Packages.db");
	assert_int_equal(r.rc, CRK_EUNSUPPORTED);
	done(&r);
	/* a "Packages" file that is neither */
	parse(&r, "rpmdb/not-a-database.sqlite", "var/lib/rpm/Packages");
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "not an rpm database: neither Berkeley DB nor NDB");
	done(&r);
	parse(&r, "rpmdb/not-a-database.sqlite", SQLITE);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_string_equal(r.err.msg, "not an rpm database: not an SQLite 3 file");
	done(&r);
	parse(&r, "rpmdb/truncated.sqlite", SQLITE);
	assert_int_equal(r.rc, CRK_EPARSE);
	assert_non_null(strstr(r.err.msg, "corrupt rpm database"));
	done(&r);
}

/* header blobs: every count and offset is checked */
static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static size_t blob(unsigned char *b, uint32_t il, uint32_t dl, const uint32_t *entries,
		   const char *data, size_t datalen)
{
	uint32_t i;
	put32(b, il);
	put32(b + 4, dl);
	for (i = 0; i < il * 4; i++)
		put32(b + 8 + 4 * i, entries[i]);
	memcpy(b + 8 + 16 * il, data, datalen);
	return 8 + 16 * il + datalen;
}

static void test_rpmdb__header(void **state)
{
	static const char data[] = "zlib\0" "1.2.13\0" "3.el9\0" "\0\0\0\1" "a\0b\0c";
	/* NAME, VERSION, RELEASE (strings), EPOCH (int32), PROVIDENAME (3 strings, the last
	 * one unterminated: ignored) */
	const uint32_t e[] = {1000, 6, 0,  1, 1001, 6, 5,  1, 1002, 6, 12, 1,
			      1003, 4, 18, 1, 1047, 8, 22, 3};
	unsigned char b[256];
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_rpm_header h;
	struct crk_err err;
	size_t n;
	(void)state;

	n = blob(b, 5, sizeof(data) - 1, e, data, sizeof(data) - 1);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_OK);
	assert_string_equal(h.name, "zlib");
	assert_string_equal(h.version, "1.2.13");
	assert_string_equal(h.release, "3.el9");
	assert_true(h.has_epoch);
	assert_int_equal(h.epoch, 1);
	assert_null(h.provides);
	/* two provides, both terminated */
	{
		uint32_t e2[20];
		memcpy(e2, e, sizeof(e));
		e2[19] = 2;
		n = blob(b, 5, sizeof(data) - 1, e2, data, sizeof(data) - 1);
		assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_OK);
		assert_int_equal(h.nprovides, 2);
		assert_string_equal(h.provides[1], "b");
	}
	/* a string offset past the data, an int of the wrong type: ignored */
	{
		uint32_t e3[8] = {1000, 6, 200, 1, 1003, 6, 0, 1};
		n = blob(b, 2, sizeof(data) - 1, e3, data, sizeof(data) - 1);
		assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_OK);
		assert_null(h.name);
		assert_false(h.has_epoch);
	}
	/* counts that do not fit the blob */
	n = blob(b, 5, sizeof(data) - 1, e, data, sizeof(data) - 1);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, n - 1, &a, &err), CRK_EPARSE);
	put32(b, 0x10000);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_ELIMIT);
	put32(b, 0);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_ELIMIT);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, 7, &a, &err), CRK_EPARSE);
	put32(b, 5);
	put32(b + 4, 0xffffffffu);
	assert_int_equal(crk_rpmdb__header_parse(&h, b, n, &a, &err), CRK_ELIMIT);
	crk_arena_release(&a);
}

static void test_rpmdb__file_detection(void **state)
{
	(void)state;
	assert_string_equal(crk_sbom_detector_for(SQLITE), "rpm/rpmdb");
	assert_string_equal(crk_sbom_detector_for("img/usr/lib/sysimage/rpm/rpmdb.sqlite"),
			    "rpm/rpmdb");
	assert_string_equal(crk_sbom_detector_for("var/lib/rpm/Packages"), "rpm/rpmdb");
	assert_string_equal(crk_sbom_detector_for("var/lib/rpm/Packages.db"), "rpm/rpmdb");
	assert_null(crk_sbom_detector_for("rpmdb.sqlite"));
	assert_null(crk_sbom_detector_for("var/lib/apt/lists/Packages"));
	assert_null(crk_sbom_detector_for("myvar/lib/rpm/rpmdb.sqlite"));
}

static void test_rpmdb__alloc_failures(void **state)
{
	(void)state;
	alloc_failures("rpmdb/rpmdb.sqlite", SQLITE, "ID=fedora\nVERSION_ID=40\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpmdb__sqlite),
		cmocka_unit_test(test_rpmdb__unsupported_and_malformed),
		cmocka_unit_test(test_rpmdb__header),
		cmocka_unit_test(test_rpmdb__file_detection),
		cmocka_unit_test(test_rpmdb__alloc_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
