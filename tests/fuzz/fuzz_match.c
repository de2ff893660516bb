/*
 * fuzz_match.c - the matcher (src/match/) on an arbitrary OSV `affected` entry: the input is
 * the JSON text of the entry a lookup emits for a fixed set of components (npm, Maven, PyPI,
 * Debian:12, Go). Whatever happens, the matcher must return CRK_OK (bad JSON becomes an
 * "could not evaluate" finding, never a failure of the whole match), every finding must name
 * its component and id, an affected finding its range, an unknown one its reason, and the best
 * severity must be a valid one. abort() otherwise. Seeds: tests/fuzz/corpus/match/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crakit/bom.h"
#include "crakit/match.h"
#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const char *json;
	size_t len;
};

static int lookup(void *ud, const char *eco, const char *name, crk_match_emit_fn emit, void *ctx,
		  struct crk_err *err)
{
	const struct input *in = ud;
	static const char *const aliases[] = {"CVE-2000-0001", "GHSA-xxxx-xxxx-xxxx"};
	static const struct crk_match_severity sev[] = {
		{"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{"CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}};
	struct crk_match_advisory adv;
	(void)eco, (void)name;
	memset(&adv, 0, sizeof(adv));
	adv.id = "FUZZ-1";
	adv.aliases = aliases;
	adv.naliases = 2;
	adv.severity = sev;
	adv.nseverity = 2;
	adv.affected_json = in->json;
	adv.affected_len = in->len;
	return emit(ctx, &adv, err);
}

static void add(struct crk_bom *bom, const char *type, const char *ns, const char *name,
		const char *version, const char *eco, const char *distro, const char *source)
{
	struct crk_pkg p;
	struct crk_kv q = {"distro", distro};
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.ns = ns;
	p.name = name;
	p.version = version;
	p.ecosystem = eco;
	p.qualifiers = distro ? &q : NULL;
	p.nqualifiers = distro ? 1 : 0;
	p.source_name = source;
	p.path = "fuzz";
	(void)crk_bom_add(bom, &p, NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {(const char *)data, size};
	struct crk_match_source src = {&in, lookup};
	struct crk_bom *bom = crk_bom_new();
	struct crk_findings *f = crk_findings_new();
	struct crk_err err;
	size_t i;
	if (!bom || !f)
		abort();
	add(bom, "npm", NULL, "lodash", "4.17.15", "npm", NULL, NULL);
	add(bom, "maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", "Maven", NULL, NULL);
	add(bom, "pypi", NULL, "Jinja2", "2.10", "PyPI", NULL, NULL);
	add(bom, "deb", "debian", "libssl3", "3.0.11-1~deb12u1", "Debian", "debian-12", "openssl");
	add(bom, "golang", "golang.org/x", "net", "v0.0.0-20220722155237-a158d28d115b", "Go", NULL,
	    NULL);
	if (crk_match_bom(f, bom, &src, 0, &err) != CRK_OK)
		abort();
	for (i = 0; i < f->n; i++) {
		const struct crk_finding *x = &f->v[i];
		if (!x->id || !x->ecosystem || !x->package || x->component >= crk_bom_count(bom))
			abort();
		if (x->status == CRK_FINDING_AFFECTED ? !x->range : !x->reason)
			abort();
		if (x->best >= 0 && ((size_t)x->best >= x->nseverity || !x->severity[x->best].valid))
			abort();
	}
	crk_findings_free(f);
	crk_bom_free(bom);
	return 0;
}
