/*
 * classify.c - which rules apply to the product of a cra.yaml: scope (Art. 2, Art. 3(21),
 * 3(22), recital 18, Art. 24 for open-source software stewards), category by core
 * functionality (Art. 7(1) and Annex III, Art. 8(1) and Annex IV), and the conformity
 * assessment routes open to it (Art. 32, with Art. 27 deciding what gives a presumption of
 * conformity), decided requirement by requirement for an important product of class I.
 *
 * Every conclusion is a step citing its article; a question the file leaves open is an
 * assumption or a gap, never a silent default. The rules, as ../shared/reference/ summarises the
 * final text:
 *   - default category: module A, B+C, H or a European certification scheme (Art. 32(1));
 *   - class I: module A only where harmonised standards (cited in the OJ, Art. 27(1)), common
 *     specifications (Art. 27(2)) or a European cybersecurity certificate at assurance level at
 *     least "substantial" (Art. 27(8)) were applied in full for every relevant requirement;
 *     otherwise B+C or H (Art. 32(2));
 *   - class II: B+C, H, or a European certification scheme at least "substantial" (Art. 32(3));
 *   - critical: a European certificate where a delegated act under Art. 8(1) requires one,
 *     otherwise the routes of Art. 32(3) (Art. 32(4));
 *   - free and open-source products of Annex III (class I or II): any Art. 32(1) route,
 *     module A included, when the technical documentation is made public (Art. 32(5)).
 * Integrating a component of a listed category does not make the product important: only its
 * core functionality counts (Art. 7(1); Implementing Regulation (EU) 2025/2392).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "crakit/cra.h"
#include "base/banned.h"

struct cctx {
	struct crk_cra_classification *c;
	struct crk_arena *a;
	size_t alloc;
	int nomem;
};

__attribute__((format(printf, 4, 5))) static void step(struct cctx *x, enum crk_cra_step_kind kind,
						       const char *article, const char *fmt, ...)
{
	struct crk_cra_classification *c = x->c;
	va_list ap;
	char *text;
	char buf[2048];
	if (x->nomem)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	text = crk_arena_strdup(x->a, buf);
	if (!text || CRK_GROW(c->steps, x->alloc, c->nsteps + 1)) {
		x->nomem = 1;
		return;
	}
	c->steps[c->nsteps].kind = kind;
	c->steps[c->nsteps].article = article ? article : "";
	c->steps[c->nsteps].text = text;
	c->nsteps++;
	if (kind == CRK_STEP_GAP)
		c->ngaps++;
}

const char *crk_cra_route_str(unsigned route)
{
	switch (route) {
	case CRK_ROUTE_A: return "A";
	case CRK_ROUTE_BC: return "B+C";
	case CRK_ROUTE_H: return "H";
	case CRK_ROUTE_EU_CERT: return "EU-certification";
	default: return "?";
	}
}

void crk_cra_routes_str(unsigned routes, char *buf, size_t n)
{
	unsigned bit;
	size_t len = 0;
	if (!n)
		return;
	buf[0] = '\0';
	for (bit = 1; bit <= CRK_ROUTE_EU_CERT; bit <<= 1)
		if (routes & bit) {
			int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
					 crk_cra_route_str(bit));
			if (w < 0 || (size_t)w >= n - len)
				return;
			len += (size_t)w;
		}
	if (!len)
		snprintf(buf, n, "none");
}

/* ---- 1. scope ---- */

struct exclusion {
	size_t off; /* int in struct crk_cra_scope */
	const char *key, *article, *what;
};

static const struct exclusion exclusions[] = {
	{offsetof(struct crk_cra_scope, medical_device), "medical_device", "Art. 2(2)",
	 "covered by Regulation (EU) 2017/745 on medical devices"},
	{offsetof(struct crk_cra_scope, in_vitro_diagnostic), "in_vitro_diagnostic", "Art. 2(2)",
	 "covered by Regulation (EU) 2017/746 on in vitro diagnostic medical devices"},
	{offsetof(struct crk_cra_scope, motor_vehicle), "motor_vehicle", "Art. 2(2)",
	 "covered by Regulation (EU) 2019/2144 on motor vehicle type-approval"},
	{offsetof(struct crk_cra_scope, civil_aviation), "civil_aviation", "Art. 2(3)",
	 "certified under Regulation (EU) 2018/1139 (civil aviation)"},
	{offsetof(struct crk_cra_scope, marine_equipment), "marine_equipment", "Art. 2(4)",
	 "marine equipment within the scope of Directive 2014/90/EU"},
	{offsetof(struct crk_cra_scope, spare_part), "spare_part", "Art. 2(6)",
	 "a spare part made available solely to replace an identical component, manufactured to "
	 "the same specifications"},
	{offsetof(struct crk_cra_scope, national_security), "national_security", "Art. 2(7)",
	 "developed or modified exclusively for national security or defence purposes, or to "
	 "process classified information"},
};

static int tri(const struct crk_cra_scope *s, size_t off)
{
	return *(const int *)((const char *)s + off);
}

/* Returns 1 when the product is out of scope (c->cls set). */
static int scope(struct cctx *x, const struct crk_cra_manifest *m)
{
	struct crk_cra_classification *c = x->c;
	const struct crk_cra_scope *s = &m->scope;
	char open[512];
	size_t i, nopen = 0;
	int out = 0;

	open[0] = '\0';
	if (s->own_use_only == CRK_YES) {
		step(x, CRK_STEP_FACT, "Art. 3(21)",
		     "scope.own_use_only: developed exclusively for own use, never placed on the "
		     "market, so the Regulation's obligations, which attach to placing on the market "
		     "and making available, do not arise");
		c->scope_reason = "developed for own use only: not placed on the market (Art. 3(21))";
		out = 1;
	}
	if (!out && s->data_connection == CRK_NO) {
		step(x, CRK_STEP_FACT, "Art. 2(1)",
		     "scope.data_connection: no data connection to a device or network is part of "
		     "the intended purpose or reasonably foreseeable use");
		c->scope_reason = "no data connection to a device or network (Art. 2(1))";
		out = 1;
	} else if (!out) {
		if (s->data_connection == CRK_UNSET)
			step(x, CRK_STEP_ASSUMPTION, "Art. 2(1)",
			     "scope.data_connection is not answered: assumed the product has a data "
			     "connection to a device or network, as Art. 2(1) requires for scope");
		else
			step(x, CRK_STEP_FACT, "Art. 2(1)",
			     "the intended purpose or reasonably foreseeable use includes a data "
			     "connection to a device or network: a product with digital elements in "
			     "scope");
	}
	for (i = 0; !out && i < sizeof(exclusions) / sizeof(exclusions[0]); i++) {
		int v = tri(s, exclusions[i].off);
		if (v == CRK_YES) {
			step(x, CRK_STEP_FACT, exclusions[i].article, "the product is %s: excluded",
			     exclusions[i].what);
			c->scope_reason = crk_arena_printf(x->a, "%s (%s)", exclusions[i].what,
							   exclusions[i].article);
			out = 1;
		} else if (v == CRK_UNSET) {
			size_t len = strlen(open);
			snprintf(open + len, sizeof(open) - len, "%s%s", nopen ? ", " : "",
				 exclusions[i].key);
			nopen++;
		}
	}
	if (!out && s->equivalent_sector_rules) {
		step(x, CRK_STEP_FACT, "Art. 2(5)",
		     "scope.equivalent_sector_rules names '%s', Union rules declared to reach the same "
		     "level of protection: excluded",
		     s->equivalent_sector_rules);
		c->scope_reason = crk_arena_printf(x->a, "covered by %s, declared equivalent (Art. 2(5))",
						   s->equivalent_sector_rules);
		out = 1;
	}
	if (!out && nopen)
		step(x, CRK_STEP_ASSUMPTION, "Art. 2(2)-(7)",
		     "%zu of the Art. 2 exclusions are not answered (scope: %s): assumed none "
		     "applies",
		     nopen, open);
	else if (!out)
		step(x, CRK_STEP_FACT, "Art. 2(2)-(7)",
		     "none of the exclusions of Art. 2 applies (medical and in vitro diagnostic "
		     "devices, motor vehicles, civil aviation, marine equipment, equivalent sector "
		     "rules, identical spare parts, national security and defence)");
	if (!out && s->commercial_activity == CRK_NO) {
		if (s->open_source_steward == CRK_YES) {
			step(x, CRK_STEP_FACT, "Art. 3(14), Art. 24",
			     "an open-source software steward supports free and open-source products "
			     "intended for commercial activities without being their manufacturer: the "
			     "light-touch regime of Art. 24 applies (a documented cybersecurity policy, "
			     "cooperation with market surveillance authorities, Art. 14(1) to the extent "
			     "involved in development, Art. 14(3) and 14(8) for severe incidents on the "
			     "infrastructure it provides)");
			step(x, CRK_STEP_FACT, "Art. 64(10)(b)",
			     "open-source software stewards are not fined for infringing the "
			     "Regulation");
			c->steward = 1;
			c->scope_reason = "open-source software steward: Art. 24 obligations, not the "
					  "manufacturer's (Art. 3(14), Art. 24)";
		} else if (s->open_source == CRK_YES) {
			step(x, CRK_STEP_FACT, "Art. 3(22), recital 18",
			     "free and open-source software (Art. 3(48)) not made available in the "
			     "course of a commercial activity is not made available on the market, and "
			     "is not covered by the Regulation");
			c->scope_reason = "free and open-source software outside a commercial activity "
					  "(Art. 3(22), recital 18)";
		} else {
			step(x, CRK_STEP_FACT, "Art. 3(22)",
			     "supplied outside the course of a commercial activity: not made available "
			     "on the market within the meaning of the Regulation");
			c->scope_reason = "not made available in the course of a commercial activity "
					  "(Art. 3(22))";
		}
		out = 1;
	} else if (!out) {
		if (s->commercial_activity == CRK_UNSET)
			step(x, CRK_STEP_ASSUMPTION, "Art. 3(22)",
			     "scope.commercial_activity is not answered: assumed the product is made "
			     "available in the course of a commercial activity (paid or free)");
		if (s->open_source_steward == CRK_YES)
			step(x, CRK_STEP_GAP, "Art. 3(14)",
			     "scope.open_source_steward is true, but the product is made available in "
			     "a commercial activity: a steward is a legal person other than a "
			     "manufacturer; whoever places the product on the market is its "
			     "manufacturer");
	}
	if (out) {
		c->cls = CRK_CRA_OUT_OF_SCOPE;
		c->basis = "Art. 2";
		c->module_a = -1;
		if (!c->scope_reason)
			x->nomem = 1;
		step(x, CRK_STEP_CONCLUSION, c->steward ? "Art. 24" : "Art. 2",
		     "%s: %s", c->steward ? "the manufacturer's obligations do not apply"
					  : "the Regulation does not apply to the product",
		     c->scope_reason ? c->scope_reason : "");
	}
	return out;
}

/* ---- 2. category ---- */

static int category(struct cctx *x, const struct crk_cra_manifest *m)
{
	struct crk_cra_classification *c = x->c;
	const struct crk_cra_functionality *f = &m->functionality;
	size_t i;
	if (!f->core_pos.line) {
		step(x, CRK_STEP_GAP, "Art. 7(1), Art. 8(1)",
		     "functionality.core is not answered: the category follows the product's core "
		     "functionality, and crakit does not infer it; list the Annex III/IV categories "
		     "that are its core functionality, or [] for none (crakit classify --list)");
		c->cls = CRK_CRA_UNDETERMINED;
		c->module_a = -1;
		return 0;
	}
	c->core = f->core.n ? crk_arena_array(x->a, f->core.n, sizeof(*c->core)) : NULL;
	if (f->core.n && !c->core) {
		x->nomem = 1;
		return 0;
	}
	c->cls = CRK_CRA_DEFAULT;
	for (i = 0; i < f->core.n; i++) {
		const struct crk_cra_category *cat = crk_cra_category_find(f->core.v[i]);
		if (!cat)
			continue;
		c->core[c->ncore++] = cat;
		step(x, CRK_STEP_FACT, cat->cls == CRK_CRA_CRITICAL ? "Art. 8(1)" : "Art. 7(1)",
		     "core functionality: %s (%s, %s)", cat->title, cat->id, cat->ref);
		if (cat->note[0])
			step(x, CRK_STEP_FACT, "Implementing Regulation (EU) 2025/2392", "%s: %s",
			     cat->id, cat->note);
		if (cat->cls > c->cls) {
			c->cls = cat->cls;
			c->category = cat;
		}
	}
	for (i = 0; i < f->integrates.n; i++) {
		const struct crk_cra_category *cat = crk_cra_category_find(f->integrates.v[i]);
		if (!cat)
			continue;
		step(x, CRK_STEP_FACT, "Art. 7(1)",
		     "integrates %s (%s) only as a component or ancillary function: integrating it "
		     "does not give the product that category, which follows the core functionality",
		     cat->title, cat->id);
	}
	if (c->ncore > 1)
		step(x, CRK_STEP_FACT, "Art. 32",
		     "%zu categories are core functionalities: the conformity assessment must satisfy "
		     "each, so the strictest decides",
		     c->ncore);
	if (!f->justification)
		step(x, CRK_STEP_GAP, "Art. 7(1)",
		     "functionality.justification is empty: write down why the core functionality is "
		     "(or is not) that of a listed category; it is the reasoning an authority will ask "
		     "for");
	if (m->scope.high_risk_ai == CRK_YES)
		step(x, CRK_STEP_FACT, "Art. 12",
		     "a high-risk AI system under the AI Act: its conformity assessment follows the AI "
		     "Act procedure, which also covers the essential cybersecurity requirements, with "
		     "the CRA procedures still applying to important and critical products");
	switch (c->cls) {
	case CRK_CRA_DEFAULT:
		c->basis = "Art. 7(1), Art. 8(1)";
		step(x, CRK_STEP_CONCLUSION, c->basis,
		     "category: default (no core functionality of an Annex III or IV category)");
		break;
	case CRK_CRA_CLASS_I:
	case CRK_CRA_CLASS_II:
		c->basis = "Art. 7(1)";
		step(x, CRK_STEP_CONCLUSION, c->basis, "category: %s, %s: %s",
		     crk_cra_class_str(c->cls), c->category->ref, c->category->title);
		break;
	case CRK_CRA_CRITICAL:
		c->basis = "Art. 8(1)";
		step(x, CRK_STEP_CONCLUSION, c->basis, "category: critical, %s: %s",
		     c->category->ref, c->category->title);
		break;
	default: break;
	}
	return 1;
}

/* ---- 3. what covers each requirement ---- */

/* 1 when the instrument gives a presumption of conformity usable for Art. 32(2)/(3). */
static int presumptive(struct cctx *x, const struct crk_cra_applied *ap, int say)
{
	struct cctx quiet;
	if (!say) {
		quiet = *x;
		quiet.nomem = 1; /* step() says nothing */
		x = &quiet;
	}
	switch (ap->kind) {
	case CRK_INSTR_HARMONISED:
		if (ap->oj_reference)
			return 1;
		step(x, CRK_STEP_FACT, "Art. 27(1)",
		     "%s: a harmonised standard gives a presumption of conformity once the Official "
		     "Journal cites it, and conformity.applied has no oj_reference for it: counted as "
		     "not cited",
		     ap->name);
		return 0;
	case CRK_INSTR_COMMON_SPEC: return 1;
	case CRK_INSTR_EU_CERT:
		if (ap->assurance_level >= CRK_ASSURANCE_SUBSTANTIAL)
			return 1;
		step(x, CRK_STEP_FACT, "Art. 27(8), Art. 32(2)",
		     "%s: a European cybersecurity certificate counts for the conformity routes at "
		     "assurance level 'substantial' or higher, and its level is %s",
		     ap->name,
		     ap->assurance_level == CRK_ASSURANCE_BASIC ? "'basic'" : "not stated");
		return 0;
	default:
		step(x, CRK_STEP_FACT, "Annex VII point 5",
		     "%s is %s: recorded as a solution adopted, it gives no presumption of "
		     "conformity",
		     ap->name,
		     ap->kind == CRK_INSTR_OTHER ? "another technical specification"
						 : "of unknown kind (conformity.applied.kind)");
		return 0;
	}
}

static void coverage(struct cctx *x, const struct crk_cra_manifest *m)
{
	struct crk_cra_classification *c = x->c;
	const char *other[CRK_CRA_NREQ];
	size_t i, j, k;
	memset(other, 0, sizeof(other));
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_req_record *rec = &m->requirements[i];
		c->reqs[i].applicable = !(rec->status == CRK_STATUS_NOT_APPLICABLE &&
					  rec->justification);
	}
	for (j = 0; j < m->conformity.napplied; j++) {
		const struct crk_cra_applied *ap = &m->conformity.applied[j];
		int pres = presumptive(x, ap, c->cls == CRK_CRA_CLASS_I);
		for (k = 0; k < ap->full.n + ap->partial.n; k++) {
			int full = k < ap->full.n;
			const char *id = full ? ap->full.v[k] : ap->partial.v[k - ap->full.n];
			if (!crk_cra_requirement_find(id, &i))
				continue;
			if (!pres) {
				if (!other[i])
					other[i] = ap->name;
				continue;
			}
			if (full && c->reqs[i].coverage != CRK_COVER_FULL) {
				c->reqs[i].coverage = CRK_COVER_FULL;
				c->reqs[i].by = ap->name;
			} else if (!full && c->reqs[i].coverage == CRK_COVER_NONE) {
				c->reqs[i].coverage = CRK_COVER_PARTIAL;
				c->reqs[i].by = ap->name;
			}
		}
	}
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		struct crk_cra_req_route *r = &c->reqs[i];
		if (!r->applicable || r->coverage == CRK_COVER_FULL)
			continue;
		if (r->coverage == CRK_COVER_PARTIAL)
			r->blocks = crk_arena_printf(x->a, "covered only in part (by %s)", r->by);
		else if (other[i])
			r->blocks = crk_arena_printf(x->a, "covered only by %s, which gives no "
							   "presumption of conformity",
						     other[i]);
		else
			r->blocks = "not covered by a harmonised standard, common specification or "
				    "certificate";
		if (!r->blocks)
			x->nomem = 1;
	}
}

/* ---- 4. routes ---- */

static void routes(struct cctx *x, const struct crk_cra_manifest *m)
{
	struct crk_cra_classification *c = x->c;
	int foss = m->scope.open_source == CRK_YES;
	int pub = m->conformity.technical_documentation_public == CRK_YES;
	char buf[128];
	size_t i;

	coverage(x, m);
	for (i = 0; i < CRK_CRA_NREQ; i++)
		if (!c->reqs[i].applicable && c->cls == CRK_CRA_CLASS_I)
			step(x, CRK_STEP_FACT, "Art. 13(4)",
			     "%s (%s) is not applicable, with a justification: it needs no coverage",
			     crk_cra_requirement_at(i)->id, crk_cra_requirement_at(i)->ref);
		else if (c->reqs[i].applicable &&
			 m->requirements[i].status == CRK_STATUS_NOT_APPLICABLE)
			step(x, CRK_STEP_GAP, "Art. 13(4)",
			     "%s is marked not-applicable without a justification: counted as "
			     "applicable until requirements.%s.justification says why",
			     crk_cra_requirement_at(i)->id, crk_cra_requirement_at(i)->id);
	switch (c->cls) {
	case CRK_CRA_DEFAULT:
		c->routes = CRK_ROUTE_A | CRK_ROUTE_BC | CRK_ROUTE_H | CRK_ROUTE_EU_CERT;
		c->module_a = 1;
		c->module_a_basis = "Art. 32(1)";
		step(x, CRK_STEP_CONCLUSION, "Art. 32(1)",
		     "routes: internal control (module A), EU-type examination (B+C), full quality "
		     "assurance (H), or a European cybersecurity certification scheme");
		break;
	case CRK_CRA_CLASS_I:
		c->routes = CRK_ROUTE_BC | CRK_ROUTE_H;
		for (i = 0; i < CRK_CRA_NREQ; i++)
			if (c->reqs[i].blocks)
				c->nblocking++;
		if (foss && pub) {
			c->module_a = 1;
			c->module_a_basis = "Art. 32(5)";
			step(x, CRK_STEP_CONCLUSION, "Art. 32(5)",
			     "free and open-source software with its technical documentation made "
			     "public: module A is open, as any Art. 32(1) route is");
			c->routes |= CRK_ROUTE_A | CRK_ROUTE_EU_CERT;
		} else if (!c->nblocking) {
			c->module_a = 1;
			c->module_a_basis = "Art. 32(2)";
			c->routes |= CRK_ROUTE_A;
			step(x, CRK_STEP_CONCLUSION, "Art. 32(2)",
			     "every applicable Annex I requirement is covered in full by harmonised "
			     "standards, common specifications or certificates at assurance level "
			     "substantial or higher: module A is open");
		} else {
			c->module_a = 0;
			c->module_a_basis = "Art. 32(2)";
			for (i = 0; i < CRK_CRA_NREQ; i++)
				if (c->reqs[i].blocks)
					step(x, CRK_STEP_FACT, "Art. 32(2)", "%s (%s): %s",
					     crk_cra_requirement_at(i)->id,
					     crk_cra_requirement_at(i)->ref, c->reqs[i].blocks);
			step(x, CRK_STEP_CONCLUSION, "Art. 32(2)",
			     "module A is not open: %zu applicable requirement%s not covered in full "
			     "by a harmonised standard, common specification or certificate at "
			     "assurance level substantial or higher",
			     c->nblocking, c->nblocking == 1 ? " is" : "s are");
			if (foss)
				step(x, CRK_STEP_FACT, "Art. 32(5)",
				     "as free and open-source software it could use module A by making "
				     "its technical documentation public "
				     "(conformity.technical_documentation_public)");
		}
		crk_cra_routes_str(c->routes, buf, sizeof(buf));
		step(x, CRK_STEP_CONCLUSION, c->module_a_basis, "routes: %s", buf);
		break;
	case CRK_CRA_CLASS_II:
		c->routes = CRK_ROUTE_BC | CRK_ROUTE_H | CRK_ROUTE_EU_CERT;
		c->module_a = 0;
		c->module_a_basis = "Art. 32(3)";
		if (foss && pub) {
			c->module_a = 1;
			c->module_a_basis = "Art. 32(5)";
			c->routes |= CRK_ROUTE_A;
			step(x, CRK_STEP_CONCLUSION, "Art. 32(5)",
			     "free and open-source software with its technical documentation made "
			     "public: module A is open, as any Art. 32(1) route is");
		} else {
			step(x, CRK_STEP_CONCLUSION, "Art. 32(3)",
			     "module A is not open to an important product of class II");
			if (foss)
				step(x, CRK_STEP_FACT, "Art. 32(5)",
				     "as free and open-source software it could use module A by making "
				     "its technical documentation public "
				     "(conformity.technical_documentation_public)");
		}
		crk_cra_routes_str(c->routes, buf, sizeof(buf));
		step(x, CRK_STEP_CONCLUSION, c->module_a_basis,
		     "routes: %s (a European cybersecurity certification scheme at assurance level "
		     "substantial or higher, where one is available)",
		     buf);
		break;
	case CRK_CRA_CRITICAL:
		c->module_a = 0;
		if (foss)
			step(x, CRK_STEP_FACT, "Art. 32(5)",
			     "the open-source route of Art. 32(5) is for important products (Annex "
			     "III); it does not apply to critical products");
		if (m->conformity.mandatory_certification == CRK_YES) {
			c->routes = CRK_ROUTE_EU_CERT;
			c->module_a_basis = "Art. 32(4), Art. 8(1)";
			step(x, CRK_STEP_CONCLUSION, "Art. 8(1), Art. 32(4)",
			     "a delegated act under Art. 8(1) requires a European cybersecurity "
			     "certificate: that is the route");
		} else {
			c->routes = CRK_ROUTE_BC | CRK_ROUTE_H | CRK_ROUTE_EU_CERT;
			c->module_a_basis = "Art. 32(4)";
			if (m->conformity.mandatory_certification == CRK_UNSET)
				step(x, CRK_STEP_ASSUMPTION, "Art. 8(1)",
				     "conformity.mandatory_certification is not answered: assumed no "
				     "delegated act under Art. 8(1) requires certification yet (none was "
				     "known when crakit's tables were written)");
			crk_cra_routes_str(c->routes, buf, sizeof(buf));
			step(x, CRK_STEP_CONCLUSION, "Art. 32(4)",
			     "no certification is mandatory under Art. 8(1): the routes of Art. 32(3) "
			     "apply: %s; module A is not open",
			     buf);
		}
		break;
	default: return;
	}
	if (m->manufacturer.size == CRK_SIZE_MICRO || m->manufacturer.size == CRK_SIZE_SMALL)
		step(x, CRK_STEP_FACT, "Art. 32(6)",
		     "a micro or small enterprise: notified bodies take its specific interests into "
		     "account when setting the fees of conformity assessment");
}

static void chosen(struct cctx *x, const struct crk_cra_manifest *m)
{
	struct crk_cra_classification *c = x->c;
	unsigned r = m->conformity.route;
	c->chosen = r;
	c->chosen_open = -1;
	if (c->module_a < 0)
		return;
	if (!r) {
		step(x, CRK_STEP_GAP, "Art. 32",
		     "conformity.route is not chosen yet: pick one of the routes above");
		return;
	}
	c->chosen_open = (c->routes & r) != 0;
	if (c->chosen_open)
		step(x, CRK_STEP_CONCLUSION, c->module_a_basis ? c->module_a_basis : "Art. 32",
		     "the chosen route %s is open to the product", crk_cra_route_str(r));
	else
		step(x, CRK_STEP_GAP, c->module_a_basis ? c->module_a_basis : "Art. 32",
		     "the chosen route %s is not open to the product: choose one of the routes "
		     "above",
		     crk_cra_route_str(r));
	if ((r & (CRK_ROUTE_BC | CRK_ROUTE_H)) && !m->conformity.notified_body)
		step(x, CRK_STEP_GAP, "Annex V point 7",
		     "route %s involves a notified body: conformity.notified_body is empty",
		     crk_cra_route_str(r));
	if ((r & CRK_ROUTE_EU_CERT) && !m->conformity.certificate)
		step(x, CRK_STEP_GAP, "Annex V point 7",
		     "the certification route needs the certificate: conformity.certificate is empty");
}

void crk_cra_classification_free(struct crk_cra_classification *c)
{
	struct crk_arena *a;
	if (!c)
		return;
	a = c->priv_;
	crk_free(c->steps);
	crk_arena_release(a);
	crk_free(a);
}

int crk_cra_classify(struct crk_cra_classification **out, const struct crk_cra_manifest *m,
		     struct crk_err *err)
{
	struct crk_arena *a = crk_malloc(sizeof(*a));
	struct cctx x;
	*out = NULL;
	if (!a)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	crk_arena_init(a);
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.c = crk_arena_alloc(a, sizeof(*x.c));
	if (!x.c) {
		crk_arena_release(a);
		crk_free(a);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	x.c->priv_ = a;
	x.c->chosen_open = -1;
	if (!scope(&x, m) && category(&x, m) && !x.nomem) {
		routes(&x, m);
		chosen(&x, m);
	}
	if (x.nomem) {
		crk_cra_classification_free(x.c);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = x.c;
	return CRK_OK;
}
