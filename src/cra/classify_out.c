/*
 * classify_out.c - a classification as text (the conclusions), as the numbered reasoning of
 * `crakit classify --explain`, or as JSON (docs/cmd/classify.md describes its fields).
 */
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/cra.h"
#include "base/banned.h"

static const char *kind_str(enum crk_cra_step_kind k)
{
	switch (k) {
	case CRK_STEP_FACT: return "fact";
	case CRK_STEP_ASSUMPTION: return "assumption";
	case CRK_STEP_CONCLUSION: return "conclusion";
	case CRK_STEP_GAP: return "gap";
	}
	return "fact";
}

static const char *coverage_str(enum crk_cra_coverage c)
{
	return c == CRK_COVER_FULL ? "full" : c == CRK_COVER_PARTIAL ? "partial" : "none";
}

static void product_line(struct crk_strbuf *sb, const struct crk_cra_manifest *m)
{
	size_t i;
	crk_strbuf_adds(sb, m->product.name);
	if (m->product.type)
		crk_strbuf_addf(sb, " (%s)", m->product.type);
	for (i = 0; i < m->product.versions.n; i++)
		crk_strbuf_addf(sb, "%s%s", i ? ", " : " ", m->product.versions.v[i]);
	crk_strbuf_addf(sb, " by %s", m->manufacturer.name);
}

static void text(struct crk_strbuf *sb, const struct crk_cra_classification *c,
		 const struct crk_cra_manifest *m)
{
	char routes[128];
	size_t i;
	crk_strbuf_adds(sb, "product:   ");
	product_line(sb, m);
	crk_strbuf_addch(sb, '\n');
	crk_strbuf_addf(sb, "category:  %s", crk_cra_class_str(c->cls));
	if (c->category)
		crk_strbuf_addf(sb, ", %s: %s", c->category->ref, c->category->title);
	if (c->cls == CRK_CRA_OUT_OF_SCOPE)
		crk_strbuf_addf(sb, ": %s", c->scope_reason);
	else if (c->basis)
		crk_strbuf_addf(sb, " (%s)", c->basis);
	crk_strbuf_addch(sb, '\n');
	for (i = 0; i < c->ncore; i++)
		if (c->core[i] != c->category)
			crk_strbuf_addf(sb, "           also core: %s, %s\n", c->core[i]->ref,
					c->core[i]->title);
	if (c->module_a >= 0) {
		crk_cra_routes_str(c->routes, routes, sizeof(routes));
		crk_strbuf_addf(sb, "routes:    %s (%s)\n", routes, c->module_a_basis);
		crk_strbuf_addf(sb, "module A:  %s", c->module_a ? "open" : "not open");
		if (c->cls == CRK_CRA_CLASS_I && !c->module_a)
			crk_strbuf_addf(sb, ": %zu requirement%s not covered in full by a harmonised "
					    "standard, common specification or certificate (%s)\n",
					c->nblocking, c->nblocking == 1 ? "" : "s", c->module_a_basis);
		else
			crk_strbuf_addf(sb, " (%s)\n", c->module_a_basis);
		/* the blockers matter while module A is wanted (chosen, or no route yet) */
		if (c->cls == CRK_CRA_CLASS_I && !c->module_a &&
		    (!c->chosen || c->chosen == CRK_ROUTE_A))
			for (i = 0; i < CRK_CRA_NREQ; i++)
				if (c->reqs[i].blocks)
					crk_strbuf_addf(sb, "           %-9s %s\n",
							crk_cra_requirement_at(i)->id, c->reqs[i].blocks);
		if (c->chosen)
			crk_strbuf_addf(sb, "chosen:    %s, %s\n", crk_cra_route_str(c->chosen),
					c->chosen_open ? "open to the product" : "NOT open to the product");
	}
	if (c->ngaps) {
		crk_strbuf_addf(sb, "to do:     %zu\n", c->ngaps);
		for (i = 0; i < c->nsteps; i++)
			if (c->steps[i].kind == CRK_STEP_GAP)
				crk_strbuf_addf(sb, "  - %s (%s)\n", c->steps[i].text, c->steps[i].article);
	}
	crk_strbuf_adds(sb, "('crakit classify --explain' shows every step and the article it rests "
			    "on)\n");
}

static void explain(struct crk_strbuf *sb, const struct crk_cra_classification *c,
		    const struct crk_cra_manifest *m)
{
	size_t i;
	crk_strbuf_adds(sb, "Classification of ");
	product_line(sb, m);
	crk_strbuf_adds(sb, " under Regulation (EU) 2024/2847\n\n");
	for (i = 0; i < c->nsteps; i++) {
		const struct crk_cra_step *s = &c->steps[i];
		crk_strbuf_addf(sb, "%2zu. %-10s %s", i + 1, kind_str(s->kind), s->text);
		if (s->article[0])
			crk_strbuf_addf(sb, " [%s]", s->article);
		crk_strbuf_addch(sb, '\n');
	}
}

static void jstr(struct crk_strbuf *sb, const char *key, const char *v, int comma)
{
	crk_strbuf_addf(sb, "%s\"%s\":", comma ? "," : "", key);
	crk_strbuf_add_json_quoted(sb, v);
}

static void category_json(struct crk_strbuf *sb, const struct crk_cra_category *cat)
{
	crk_strbuf_addch(sb, '{');
	jstr(sb, "id", cat->id, 0);
	jstr(sb, "name", cat->slug, 1);
	jstr(sb, "ref", cat->ref, 1);
	jstr(sb, "title", cat->title, 1);
	crk_strbuf_addch(sb, '}');
}

static void json(struct crk_strbuf *sb, const struct crk_cra_classification *c,
		 const struct crk_cra_manifest *m)
{
	unsigned bit;
	size_t i;
	int first;
	crk_strbuf_adds(sb, "{\"product\":{");
	jstr(sb, "name", m->product.name, 0);
	jstr(sb, "type", m->product.type, 1);
	jstr(sb, "manufacturer", m->manufacturer.name, 1);
	crk_strbuf_adds(sb, "},\n \"category\":{");
	jstr(sb, "class", crk_cra_class_str(c->cls), 0);
	jstr(sb, "basis", c->basis, 1);
	crk_strbuf_adds(sb, ",\"annex\":");
	if (c->category)
		category_json(sb, c->category);
	else
		crk_strbuf_adds(sb, "null");
	crk_strbuf_adds(sb, ",\"core\":[");
	for (i = 0; i < c->ncore; i++) {
		if (i)
			crk_strbuf_addch(sb, ',');
		category_json(sb, c->core[i]);
	}
	crk_strbuf_adds(sb, "]},\n \"scope\":{\"in_scope\":");
	crk_strbuf_adds(sb, c->cls == CRK_CRA_OUT_OF_SCOPE ? "false" : "true");
	jstr(sb, "reason", c->scope_reason, 1);
	crk_strbuf_addf(sb, ",\"open_source_steward\":%s},\n \"routes\":[",
			c->steward ? "true" : "false");
	for (bit = 1, first = 1; bit <= CRK_ROUTE_EU_CERT; bit <<= 1)
		if (c->routes & bit) {
			crk_strbuf_adds(sb, first ? "" : ",");
			crk_strbuf_add_json_quoted(sb, crk_cra_route_str(bit));
			first = 0;
		}
	crk_strbuf_adds(sb, "],\n \"module_a\":{\"open\":");
	crk_strbuf_adds(sb, c->module_a < 0 ? "null" : c->module_a ? "true" : "false");
	jstr(sb, "basis", c->module_a_basis, 1);
	crk_strbuf_adds(sb, ",\"blocking\":[");
	for (i = 0, first = 1; i < CRK_CRA_NREQ; i++)
		if (c->reqs[i].blocks && c->cls == CRK_CRA_CLASS_I) {
			crk_strbuf_adds(sb, first ? "{" : ",{");
			jstr(sb, "id", crk_cra_requirement_at(i)->id, 0);
			jstr(sb, "reason", c->reqs[i].blocks, 1);
			crk_strbuf_addch(sb, '}');
			first = 0;
		}
	crk_strbuf_adds(sb, "]},\n \"chosen_route\":");
	if (c->chosen) {
		crk_strbuf_adds(sb, "{");
		jstr(sb, "route", crk_cra_route_str(c->chosen), 0);
		crk_strbuf_addf(sb, ",\"open\":%s}",
				c->chosen_open < 0 ? "null" : c->chosen_open ? "true" : "false");
	} else {
		crk_strbuf_adds(sb, "null");
	}
	crk_strbuf_adds(sb, ",\n \"requirements\":[");
	for (i = 0; i < CRK_CRA_NREQ && c->module_a >= 0; i++) {
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "id", crk_cra_requirement_at(i)->id, 0);
		crk_strbuf_addf(sb, ",\"applicable\":%s", c->reqs[i].applicable ? "true" : "false");
		jstr(sb, "coverage", coverage_str(c->reqs[i].coverage), 1);
		jstr(sb, "by", c->reqs[i].by, 1);
		crk_strbuf_addch(sb, '}');
	}
	crk_strbuf_adds(sb, "],\n \"steps\":[");
	for (i = 0; i < c->nsteps; i++) {
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "kind", kind_str(c->steps[i].kind), 0);
		jstr(sb, "article", c->steps[i].article, 1);
		jstr(sb, "text", c->steps[i].text, 1);
		crk_strbuf_addch(sb, '}');
	}
	crk_strbuf_addf(sb, "],\n \"gaps\":%zu}\n", c->ngaps);
}

int crk_cra_classification_render(char **out, size_t *len,
				  const struct crk_cra_classification *c,
				  const struct crk_cra_manifest *m, enum crk_cra_format format,
				  struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	*out = NULL;
	if (format == CRK_FORMAT_JSON)
		json(&sb, c, m);
	else if (format == CRK_FORMAT_EXPLAIN)
		explain(&sb, c, m);
	else
		text(&sb, c, m);
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = crk_strbuf_detach(&sb, len);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
