/* test_bom.c - the BOM: de-duplication by purl, merging, edges, deterministic order. */
#include <string.h>

#include "../test.h"

#include "crakit/bom.h"

static struct crk_pkg pkg(const char *type, const char *ns, const char *name, const char *ver,
			  const char *path, unsigned line)
{
	struct crk_pkg p;
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.ns = ns;
	p.name = name;
	p.version = ver;
	p.ecosystem = "npm";
	p.path = path;
	p.line = line;
	return p;
}

static void test_bom__dedupe_and_merge(void **state)
{
	struct crk_bom *b = crk_bom_new();
	struct crk_pkg p = pkg("npm", "@babel", "core", "7.0.0", "a/package-lock.json", 10);
	struct crk_hash h = {"SHA-512", "abcd"};
	const struct crk_component *c;
	size_t id1, id2, id3;
	(void)state;
	p.scope = CRK_SCOPE_DEV;
	assert_int_equal(crk_bom_add(b, &p, &id1, NULL), 0);
	p.path = "b/yarn.lock";
	p.line = 3;
	p.scope = CRK_SCOPE_REQUIRED; /* required anywhere: required */
	p.hashes = &h;
	p.nhashes = 1;
	p.license = "MIT";
	assert_int_equal(crk_bom_add(b, &p, &id2, NULL), 0);
	assert_int_equal(id1, id2);
	assert_int_equal(crk_bom_count(b), 1);
	c = crk_bom_get(b, id1);
	assert_string_equal(c->purl, "pkg:npm/%40babel/core@7.0.0");
	assert_int_equal(c->scope, CRK_SCOPE_REQUIRED);
	assert_int_equal(c->nocc, 2);
	assert_string_equal(c->occ[0].path, "a/package-lock.json");
	assert_int_equal(c->occ[1].line, 3);
	assert_int_equal(c->nhashes, 1);
	assert_string_equal(c->license, "MIT");
	assert_ptr_equal(crk_bom_find(b, "pkg:npm/%40babel/core@7.0.0"), c);

	/* another version is another component */
	p = pkg("npm", "@babel", "core", "7.0.1", "a/package-lock.json", 20);
	assert_int_equal(crk_bom_add(b, &p, &id3, NULL), 0);
	assert_int_not_equal(id3, id1);
	assert_int_equal(crk_bom_count(b), 2);
	crk_bom_free(b);
}

static void test_bom__invalid_and_no_purl(void **state)
{
	struct crk_bom *b = crk_bom_new();
	struct crk_pkg p = pkg("cargo", "not-allowed", "serde", "1.0.0", "Cargo.lock", 1);
	struct crk_err err;
	size_t id;
	(void)state;
	assert_int_equal(crk_bom_add(b, &p, &id, &err), CRK_EINVAL);
	assert_string_equal(err.path, "Cargo.lock");
	assert_non_null(strstr(err.msg, "serde"));
	p = pkg("golang", NULL, "./fork/net", NULL, "go.mod", 7);
	p.flags = CRK_PKG_NO_PURL | CRK_PKG_LOCAL;
	assert_int_equal(crk_bom_add(b, &p, &id, &err), 0);
	assert_null(crk_bom_get(b, id)->purl);
	assert_non_null(crk_bom_get(b, id)->bom_ref);
	p.name = NULL;
	assert_int_equal(crk_bom_add(b, &p, &id, &err), CRK_EINVAL);
	crk_bom_free(b);
}

/* Adds the same three packages in the given order with edges a->b, a->c, root->a; returns a
 * fingerprint of the sorted BOM. */
static void fingerprint(const int order[3], char *out, size_t n)
{
	static const char *names[3] = {"zeta", "alpha", "mid"};
	struct crk_bom *b = crk_bom_new();
	size_t ids[3], i, j, len = 0, nroots;
	const size_t *roots;
	for (i = 0; i < 3; i++) {
		struct crk_pkg p = pkg("npm", NULL, names[order[i]], "1.0.0", "x", 1);
		assert_int_equal(crk_bom_add(b, &p, &ids[order[i]], NULL), 0);
	}
	crk_bom_add_dep(b, ids[0], ids[1]);
	crk_bom_add_dep(b, ids[0], ids[2]);
	crk_bom_add_dep(b, ids[0], ids[2]); /* duplicate: ignored */
	crk_bom_add_dep(b, ids[0], ids[0]); /* self: ignored */
	crk_bom_add_dep(b, CRK_BOM_ROOT, ids[0]);
	assert_int_equal(crk_bom_sort(b), 0);
	for (i = 0; i < crk_bom_count(b); i++) {
		const struct crk_component *c = crk_bom_get(b, i);
		len += (size_t)snprintf(out + len, n - len, "%s:", c->name);
		for (j = 0; j < c->ndeps; j++)
			len += (size_t)snprintf(out + len, n - len, "%s,",
						crk_bom_get(b, c->deps[j])->name);
		len += (size_t)snprintf(out + len, n - len, ";");
	}
	roots = crk_bom_roots(b, &nroots);
	assert_int_equal(nroots, 1);
	snprintf(out + len, n - len, "root=%s", crk_bom_get(b, roots[0])->name);
	crk_bom_free(b);
}

static void test_bom__sort_is_deterministic(void **state)
{
	const int o1[3] = {0, 1, 2}, o2[3] = {2, 0, 1};
	char a[256], b[256];
	(void)state;
	fingerprint(o1, a, sizeof(a));
	fingerprint(o2, b, sizeof(b));
	assert_string_equal(a, "alpha:;mid:;zeta:alpha,mid,;root=zeta");
	assert_string_equal(a, b);
}

static void test_bom__merge_equals_single(void **state)
{
	struct crk_bom *one = crk_bom_new(), *a = crk_bom_new(), *b = crk_bom_new();
	struct crk_bom *dst = crk_bom_new();
	struct crk_pkg p1 = pkg("npm", NULL, "x", "1.0.0", "f1", 3);
	struct crk_pkg p2 = pkg("npm", NULL, "y", "2.0.0", "f1", 4);
	struct crk_pkg p3 = pkg("npm", NULL, "x", "1.0.0", "f2", 9);
	size_t i1, i2, i3, n1, n2;
	const struct crk_component *c;
	(void)state;
	/* everything into one BOM */
	crk_bom_add(one, &p1, &i1, NULL);
	crk_bom_add(one, &p2, &i2, NULL);
	crk_bom_add_dep(one, i1, i2);
	crk_bom_add_dep(one, CRK_BOM_ROOT, i1);
	crk_bom_add(one, &p3, &i3, NULL);
	/* the same split over two BOMs, merged in order */
	crk_bom_add(a, &p1, &i1, NULL);
	crk_bom_add(a, &p2, &i2, NULL);
	crk_bom_add_dep(a, i1, i2);
	crk_bom_add_dep(a, CRK_BOM_ROOT, i1);
	crk_bom_add(b, &p3, &i3, NULL);
	assert_int_equal(crk_bom_merge(dst, a, NULL), 0);
	assert_int_equal(crk_bom_merge(dst, b, NULL), 0);
	assert_int_equal(crk_bom_count(dst), crk_bom_count(one));
	c = crk_bom_find(dst, "pkg:npm/x@1.0.0");
	assert_non_null(c);
	assert_int_equal(c->nocc, 2);
	assert_string_equal(c->occ[1].path, "f2");
	assert_int_equal(c->occ[1].line, 9);
	assert_int_equal(c->ndeps, 1);
	assert_string_equal(crk_bom_get(dst, c->deps[0])->name, "y");
	crk_bom_roots(dst, &n1);
	crk_bom_roots(one, &n2);
	assert_int_equal(n1, n2);
	crk_bom_free(one);
	crk_bom_free(a);
	crk_bom_free(b);
	crk_bom_free(dst);
}

/* What SBOMs read as input bring (include/crakit/sbomio.h): the product beside the components,
 * parties, tools and licence texts once each, the new component fields merged like the old. */
static void test_bom__input_fields(void **state)
{
	struct crk_bom *bom = crk_bom_new(), *dst = crk_bom_new();
	struct crk_party sup = {CRK_PARTY_SUPPLIER, 1, "OpenJS", "sec@openjsf.org", NULL};
	struct crk_party mf = {CRK_PARTY_MANUFACTURER, 1, "Acme", NULL, "https://acme.example"};
	struct crk_kv ep = {"cdx:npm:package:bundled", "false"};
	struct crk_pkg p = pkg("npm", NULL, "lodash", "4.17.21", "", 0), q;
	const struct crk_bom_meta *m = crk_bom_meta(bom);
	const struct crk_component *c;
	size_t id, prod, n;
	(void)state;
	p.parties = &sup;
	p.nparties = 1;
	p.kind = "library";
	assert_int_equal(crk_bom_add(bom, &p, &id, NULL), CRK_OK);
	/* a second sighting fills what the first lacked, unites parties and properties */
	q = pkg("npm", NULL, "lodash", "4.17.21", "", 0);
	q.parties = &mf;
	q.nparties = 1;
	q.ext_props = &ep;
	q.next_props = 1;
	q.copyright = "Copyright OpenJS";
	q.license_concluded = "MIT";
	assert_int_equal(crk_bom_add(bom, &q, NULL, NULL), CRK_OK);
	assert_int_equal(crk_bom_add(bom, &q, NULL, NULL), CRK_OK);
	c = crk_bom_get(bom, id);
	assert_int_equal(c->nparties, 2);
	assert_string_equal(c->parties[0].email, "sec@openjsf.org");
	assert_string_equal(c->parties[1].url, "https://acme.example");
	assert_int_equal(c->next_props, 1);
	assert_string_equal(c->copyright, "Copyright OpenJS");
	assert_string_equal(c->license_concluded, "MIT");
	assert_string_equal(c->kind, "library");

	/* the product is not a component */
	q = pkg("generic", "example", "shop", "1.0", "", 0);
	assert_int_equal(crk_bom_set_product(bom, &q, NULL), CRK_OK);
	assert_int_equal(crk_bom_count(bom), 1);
	assert_string_equal(m->product->purl, "pkg:generic/example/shop@1.0");
	assert_int_equal(crk_bom_meta_add_party(bom, &mf), CRK_OK);
	assert_int_equal(crk_bom_meta_add_party(bom, &mf), CRK_OK);
	assert_int_equal(m->nparties, 1);
	assert_int_equal(crk_bom_meta_add_tool(bom, "t", NULL), CRK_OK);
	assert_int_equal(crk_bom_meta_add_tool(bom, "t", ""), CRK_OK);
	assert_int_equal(m->ntools, 1);
	assert_string_equal(m->tools[0].value, "");
	assert_int_equal(crk_bom_meta_add_license_text(bom, "LicenseRef-x", "text one"), CRK_OK);
	assert_int_equal(crk_bom_meta_add_license_text(bom, "LicenseRef-x", "text two"), CRK_OK);
	assert_int_equal(m->nlicense_texts, 1);
	assert_string_equal(m->license_texts[0].value, "text one");

	/* merged under a component of dst: src's direct dependencies become its own */
	assert_int_equal(crk_bom_add_dep(bom, CRK_BOM_ROOT, id), CRK_OK);
	q = pkg("generic", NULL, "part", "1", "", 0);
	assert_int_equal(crk_bom_add(dst, &q, &prod, NULL), CRK_OK);
	assert_int_equal(crk_bom_merge_under(dst, bom, prod, NULL), CRK_OK);
	crk_bom_roots(dst, &n);
	assert_int_equal(n, 0);
	c = crk_bom_get(dst, prod);
	assert_int_equal(c->ndeps, 1);
	assert_string_equal(crk_bom_get(dst, c->deps[0])->purl, "pkg:npm/lodash@4.17.21");
	assert_int_equal(crk_bom_get(dst, c->deps[0])->nparties, 2);
	crk_bom_free(bom);
	crk_bom_free(dst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom__input_fields),
		cmocka_unit_test(test_bom__dedupe_and_merge),
		cmocka_unit_test(test_bom__invalid_and_no_purl),
		cmocka_unit_test(test_bom__sort_is_deterministic),
		cmocka_unit_test(test_bom__merge_equals_single),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
