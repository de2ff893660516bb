/*
 * writer_fixture.h - the small BOM the writer tests (test_cdx_json.c, test_spdx_json.c,
 * test_table.c) write and compare with the golden files in tests/data/writers/, plus helpers.
 *
 * The BOM, built by hand through crk_bom_add():
 *   product "demo-app" 1.2.3, timestamp 2026-01-01T00:00:00Z, serial 3e671687-...-a58921a69b79
 *   0 @babel/core 7.24.0   npm, dev, SHA-512, MIT, registry URL; seen in two lockfiles
 *   1 lodash 4.17.21       npm, required, git dep (https URL + commit), SHA-1 in mixed case
 *                          plus two bogus hashes that writers must drop
 *   2 requests 2.31.0      pypi, required, SHA-256, Apache-2.0, author, properties (quotes)
 *   3 urllib3 2.2.1        pypi, optional, compound license, git dep with an scp-style URL
 *   4 bash 5.2.15-2+b7     deb, qualifiers arch/distro, supplier, source package, CPE;
 *                          nothing depends on it
 *   os: debian 12 bookworm (metadata)
 *   edges: root -> requests, root -> @babel/core (dev), @babel/core -> lodash,
 *          requests -> urllib3
 * `order` permutes the order of crk_bom_add() calls (0: as listed, 1: reversed), which must not
 * change a byte of the output.
 */
#ifndef CRK_TEST_WRITER_FIXTURE_H
#define CRK_TEST_WRITER_FIXTURE_H

#include <string.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "formats/writer.h"

#define FIX_TIMESTAMP 1767225600 /* 2026-01-01T00:00:00Z */
#define FIX_SERIAL "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79"

#define FIX_SHA512                                                                 \
	"80c44ebddccd869984f5785177d51201daf3a9e7cf9964605a371196c7008f46"                                   \
	"e325015f827fb4ffe19756c6c096b943866851bbf87607427f6180fff5378570"
#define FIX_SHA1 "0123456789ABCDEF0123456789abcdef01234567"
#define FIX_SHA256 "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f"

enum { FIX_BABEL, FIX_LODASH, FIX_REQUESTS, FIX_URLLIB3, FIX_BASH, FIX_N };

__attribute__((unused)) static void fix_add(struct crk_bom *bom, int which, size_t *ids, const char *found_by)
{
	static const struct crk_hash babel_h[] = {{"SHA-512", FIX_SHA512}};
	static const struct crk_hash lodash_h[] = {{"SHA-1", FIX_SHA1}, {"SHA-256", "abc"},
						   {"CRC32", "deadbeef"}};
	static const struct crk_hash req_h[] = {{"SHA-256", FIX_SHA256}};
	static const struct crk_kv req_props[] = {{"marker", "python_version >= \"3.8\""},
						  {"extras", "socks"}};
	static const struct crk_kv bash_q[] = {{"distro", "debian-12"}, {"arch", "amd64"}};
	struct crk_pkg p;
	struct crk_err err;
	size_t id = 0;
	memset(&p, 0, sizeof(p));
	switch (which) {
	case FIX_BABEL:
		p.type = "npm", p.ns = "@babel", p.name = "core", p.version = "7.24.0";
		p.ecosystem = "npm", p.scope = CRK_SCOPE_DEV, p.license = "MIT";
		p.hashes = babel_h, p.nhashes = 1;
		p.download_url = "https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz";
		p.path = "web/package-lock.json", p.line = 12;
		break;
	case FIX_LODASH:
		p.type = "npm", p.name = "lodash", p.version = "4.17.21", p.ecosystem = "npm";
		p.hashes = lodash_h, p.nhashes = 3, p.flags = CRK_PKG_GIT;
		p.vcs_url = "git+https://github.com/lodash/lodash.git";
		p.vcs_commit = "f299b52f39486275a9e6483b60a410e06520c538";
		p.path = "web/package-lock.json", p.line = 30;
		break;
	case FIX_REQUESTS:
		p.type = "pypi", p.name = "requests", p.version = "2.31.0", p.ecosystem = "PyPI";
		p.license = "Apache-2.0", p.hashes = req_h, p.nhashes = 1;
		p.props = req_props, p.nprops = 2;
		p.author = "Kenneth Reitz <me@kennethreitz.org>";
		p.path = "api/requirements.txt", p.line = 3;
		break;
	case FIX_URLLIB3:
		p.type = "pypi", p.name = "urllib3", p.version = "2.2.1", p.ecosystem = "PyPI";
		p.scope = CRK_SCOPE_OPTIONAL, p.flags = CRK_PKG_GIT;
		p.license = "MIT AND (Apache-2.0 OR BSD-2-Clause)";
		p.vcs_url = "git@github.com:urllib3/urllib3.git";
		p.vcs_commit = "4f2d3e1c0b9a8f7e6d5c4b3a29181716151413ab";
		p.path = "api/requirements.txt", p.line = 4;
		break;
	case FIX_BASH:
		p.type = "deb", p.ns = "debian", p.name = "bash", p.version = "5.2.15-2+b7";
		p.ecosystem = "Debian", p.qualifiers = bash_q, p.nqualifiers = 2;
		p.supplier = "Debian Bash Maintainers", p.source_name = "bash";
		p.description = "GNU Bourne Again SHell", p.license = "GPL-3.0-or-later";
		p.path = "var/lib/dpkg/status", p.line = 120;
		break;
	}
	p.found_by = found_by;
	assert_int_equal(crk_bom_add(bom, &p, &id, &err), CRK_OK);
	ids[which] = id;
	/* crk_pkg has no CPE (no detector knows one yet): set it on the component. */
	if (which == FIX_BASH)
		((struct crk_component *)crk_bom_get(bom, id))->cpe =
			"cpe:2.3:a:gnu:bash:5.2.15:*:*:*:*:*:*:*";
	if (which == FIX_BABEL) { /* seen a second time, in another lockfile */
		p.path = "docs/package-lock.json", p.line = 7;
		assert_int_equal(crk_bom_add(bom, &p, &id, &err), CRK_OK);
		assert_int_equal(id, ids[which]);
	}
}

/* The fixture BOM; `order` 0 adds components as listed, 1 in reverse. Caller frees. */
__attribute__((unused)) static struct crk_bom *fix_bom(int order)
{
	static const char *const found_by[FIX_N] = {"npm/package-lock", "npm/package-lock",
						    "pypi/requirements", "pypi/requirements",
						    "debian/dpkg-status"};
	struct crk_bom *bom = crk_bom_new();
	struct crk_bom_meta *m;
	size_t ids[FIX_N];
	int i;
	assert_non_null(bom);
	for (i = 0; i < FIX_N; i++) {
		int k = order ? FIX_N - 1 - i : i;
		fix_add(bom, k, ids, found_by[k]);
	}
	if (order) {
		assert_int_equal(crk_bom_add_dep(bom, ids[FIX_REQUESTS], ids[FIX_URLLIB3]), 0);
		assert_int_equal(crk_bom_add_dep(bom, ids[FIX_BABEL], ids[FIX_LODASH]), 0);
		assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, ids[FIX_BABEL]), 0);
		assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, ids[FIX_REQUESTS]), 0);
	} else {
		assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, ids[FIX_REQUESTS]), 0);
		assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, ids[FIX_BABEL]), 0);
		assert_int_equal(crk_bom_add_dep(bom, ids[FIX_BABEL], ids[FIX_LODASH]), 0);
		assert_int_equal(crk_bom_add_dep(bom, ids[FIX_REQUESTS], ids[FIX_URLLIB3]), 0);
	}
	m = crk_bom_meta(bom);
	m->timestamp = FIX_TIMESTAMP;
	assert_int_equal(crk_bom_set_str(bom, &m->name, "demo-app"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->version, "1.2.3"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->serial, FIX_SERIAL), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->tool_name, "crakit"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->tool_version, "0.0.0-test"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->os_id, "debian"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->os_version, "12"), 0);
	assert_int_equal(crk_bom_set_str(bom, &m->os_codename, "bookworm"), 0);
	return bom;
}

/* Sorts `bom` and writes it with the writer `format` and `profile` into *out (caller
 * releases). */
__attribute__((unused)) static int fix_write_profile(struct crk_bom *bom, const char *format,
						      int pretty, int profile,
						      struct crk_strbuf *out)
{
	const struct crk_writer *w = crk_writer_find(format);
	struct crk_write_opts opts = {.pretty = pretty, .profile = profile};
	struct crk_err err;
	assert_non_null(w);
	crk_strbuf_init(out, CRK_MAX_OUTPUT);
	assert_int_equal(crk_bom_sort(bom), 0);
	return w->write(out, bom, &opts, &err);
}

/* Sorts `bom` and writes it with the writer `format` into *out (caller releases). */
__attribute__((unused)) static int fix_write(struct crk_bom *bom, const char *format, int pretty, struct crk_strbuf *out)
{
	const struct crk_writer *w = crk_writer_find(format);
	struct crk_write_opts opts = {.pretty = pretty};
	struct crk_err err;
	assert_non_null(w);
	crk_strbuf_init(out, CRK_MAX_OUTPUT);
	assert_int_equal(crk_bom_sort(bom), 0);
	return w->write(out, bom, &opts, &err);
}

/* Compares `got` with the golden file tests/data/writers/<name> byte for byte; with
 * CRAKIT_UPDATE_GOLDEN=1 rewrites the golden file instead (review the diff). */
__attribute__((unused)) static void fix_golden(const char *name, const struct crk_strbuf *got)
{
	char path[4096];
	const char *upd = getenv("CRAKIT_UPDATE_GOLDEN");
	FILE *f;
	char *want = NULL;
	size_t wlen = 0, cap = 0, n;
	char chunk[4096];

	snprintf(path, sizeof(path), "%s", test_data("writers/"));
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s", name);
	if (upd && strcmp(upd, "1") == 0) {
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(got->buf, 1, got->len, f), got->len);
		assert_int_equal(fclose(f), 0);
		return;
	}
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open golden file %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (wlen + n + 1 > cap) {
			cap = (wlen + n + 1) * 2;
			want = realloc(want, cap);
			assert_non_null(want);
		}
		memcpy(want + wlen, chunk, n);
		wlen += n;
	}
	fclose(f);
	if (wlen != got->len || (wlen && memcmp(want, got->buf, wlen) != 0)) {
		size_t i = 0;
		while (i < wlen && i < got->len && want[i] == got->buf[i])
			i++;
		fprintf(stderr, "golden %s differs at byte %zu (want %zu bytes, got %zu):\n---got---\n%s\n",
			path, i, wlen, got->len, got->buf);
		free(want);
		fail_msg("output differs from %s (CRAKIT_UPDATE_GOLDEN=1 rewrites it)", path);
	}
	free(want);
}

#endif
