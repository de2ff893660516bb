/*
 * assess_out.c - an assessment as a table for people, JSON (docs/cmd/assess.md), Markdown,
 * or one self-contained HTML page: inline CSS and an inline SVG bar chart, no script and
 * nothing fetched, so it can be mailed, archived, opened offline or printed to PDF.
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/cra.h"
#include "base/banned.h"

static int pct(double score)
{
	return (int)(score + 0.5); /* scores are 0-100: no libm */
}

static void product(struct crk_strbuf *sb, const struct crk_cra_manifest *m)
{
	size_t i;
	crk_strbuf_adds(sb, m->product.name);
	if (m->product.type)
		crk_strbuf_addf(sb, " (%s)", m->product.type);
	for (i = 0; i < m->product.versions.n; i++)
		crk_strbuf_addf(sb, "%s%s", i ? ", " : " ", m->product.versions.v[i]);
	crk_strbuf_addf(sb, " by %s", m->manufacturer.name);
}

static void category(struct crk_strbuf *sb, const struct crk_cra_classification *c)
{
	char routes[128];
	crk_strbuf_adds(sb, crk_cra_class_str(c->cls));
	if (c->category)
		crk_strbuf_addf(sb, ", %s", c->category->ref);
	if (c->cls == CRK_CRA_OUT_OF_SCOPE)
		crk_strbuf_addf(sb, ": %s", c->scope_reason);
	else if (c->basis)
		crk_strbuf_addf(sb, " (%s)", c->basis);
	if (c->module_a >= 0) {
		crk_cra_routes_str(c->routes, routes, sizeof(routes));
		crk_strbuf_addf(sb, "; routes open: %s", routes);
	}
}

static size_t required_gaps(const struct crk_cra_assessment *a)
{
	size_t i, n = 0;
	for (i = 0; i < a->ngaps; i++)
		n += a->gaps[i].required;
	return n;
}

/* ---- text ---- */

static void text(struct crk_strbuf *sb, const struct crk_cra_assessment *a)
{
	char date[11];
	size_t i, j;
	crk_cra_date_str(a->today, date);
	crk_strbuf_adds(sb, "CRA assessment of ");
	product(sb, a->m);
	crk_strbuf_addf(sb, ", %s\ncategory: ", date);
	category(sb, a->classification);
	if (a->release)
		crk_strbuf_addf(sb, "\nrelease: %s", a->release);
	crk_strbuf_adds(sb, "\n\nSCORE  CRITERION                                                   GAPS\n");
	for (i = 0; i < CRK_CRIT_N; i++)
		crk_strbuf_addf(sb, "%4d%%  %-60s %4zu\n", pct(a->criteria[i].score),
				a->criteria[i].title, a->criteria[i].ngaps);
	crk_strbuf_addf(sb, "%4d%%  %-60s %4zu (%zu required)\n\n", pct(a->score), "overall",
			a->ngaps, required_gaps(a));
	crk_strbuf_adds(sb, "REQUIREMENT  ANNEX I                                   CLAIMED         "
			    "STATUS          WHY\n");
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &a->items[i];
		crk_strbuf_addf(sb, "%-12s %-41.41s %-15s %-15s %s\n", it->req->id, it->req->title,
				crk_cra_status_str(it->claimed), crk_cra_status_str(it->status),
				it->why);
	}
	crk_strbuf_adds(sb, "\nAUTOMATIC CHECKS\n");
	for (i = 0; i < a->nchecks; i++) {
		const struct crk_cra_check *c = &a->checks[i];
		crk_strbuf_addf(sb, "%-8s %-23s %s (%s)\n", crk_cra_check_result_str(c->result),
				c->id, c->detail, c->basis);
		crk_strbuf_addf(sb, "%-8s %-23s looked at: %s\n", "", "", c->looked_at);
		for (j = 0; j < c->nhits; j++)
			crk_strbuf_addf(sb, "%-8s %-23s - %s\n", "", "", c->hits[j]);
	}
	crk_strbuf_addf(sb, "\nGAPS: %zu (%zu required)\n", a->ngaps, required_gaps(a));
	for (i = 0; i < a->ngaps; i++) {
		const struct crk_cra_gap *g = &a->gaps[i];
		crk_strbuf_addf(sb, "%3zu. %s %s: %s\n", i + 1, g->required ? "[required]   " : "[recommended]",
				g->item, g->what);
		crk_strbuf_addf(sb, "     fix: %s%s%s%s\n", g->fix, g->article[0] ? " (" : "",
				g->article, g->article[0] ? ")" : "");
	}
}

/* ---- JSON ---- */

static void jstr(struct crk_strbuf *sb, const char *key, const char *v, int comma)
{
	crk_strbuf_addf(sb, "%s\"%s\":", comma ? "," : "", key);
	crk_strbuf_add_json_quoted(sb, v);
}

static void json(struct crk_strbuf *sb, const struct crk_cra_assessment *a)
{
	const struct crk_cra_classification *c = a->classification;
	char date[11];
	size_t i, j;
	unsigned bit;
	int first;
	crk_cra_date_str(a->today, date);
	crk_strbuf_adds(sb, "{\"format\":\"crakit-assess\",\"version\":1");
	jstr(sb, "date", date, 1);
	if (a->release) {
		crk_strbuf_adds(sb, ",\n \"release\":{");
		jstr(sb, "version", a->release_version, 0);
		jstr(sb, "description", a->release, 1);
		crk_strbuf_addch(sb, '}');
	}
	crk_strbuf_adds(sb, ",\n \"product\":{");
	jstr(sb, "name", a->m->product.name, 0);
	jstr(sb, "type", a->m->product.type, 1);
	crk_strbuf_adds(sb, ",\"versions\":[");
	for (i = 0; i < a->m->product.versions.n; i++) {
		if (i)
			crk_strbuf_addch(sb, ',');
		crk_strbuf_add_json_quoted(sb, a->m->product.versions.v[i]);
	}
	crk_strbuf_addch(sb, ']');
	jstr(sb, "manufacturer", a->m->manufacturer.name, 1);
	crk_strbuf_adds(sb, "},\n \"classification\":{");
	jstr(sb, "class", crk_cra_class_str(c->cls), 0);
	jstr(sb, "annex", c->category ? c->category->id : NULL, 1);
	jstr(sb, "basis", c->basis, 1);
	crk_strbuf_adds(sb, ",\"routes\":[");
	for (bit = 1, first = 1; bit <= CRK_ROUTE_EU_CERT; bit <<= 1)
		if (c->routes & bit) {
			crk_strbuf_adds(sb, first ? "" : ",");
			crk_strbuf_add_json_quoted(sb, crk_cra_route_str(bit));
			first = 0;
		}
	crk_strbuf_adds(sb, "],\"module_a\":");
	crk_strbuf_adds(sb, c->module_a < 0 ? "null" : c->module_a ? "true" : "false");
	jstr(sb, "chosen_route", c->chosen ? crk_cra_route_str(c->chosen) : NULL, 1);
	crk_strbuf_addf(sb, "},\n \"score\":%d,\n \"criteria\":[", pct(a->score));
	for (i = 0; i < CRK_CRIT_N; i++) {
		const struct crk_cra_criterion *k = &a->criteria[i];
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "id", k->id, 0);
		jstr(sb, "title", k->title, 1);
		jstr(sb, "basis", k->basis, 1);
		crk_strbuf_addf(sb, ",\"score\":%d,\"items\":%zu,\"done\":%g,\"gaps\":%zu}",
				pct(k->score), k->nitems, k->nok, k->ngaps);
	}
	crk_strbuf_adds(sb, "],\n \"requirements\":[");
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &a->items[i];
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "id", it->req->id, 0);
		jstr(sb, "ref", it->req->ref, 1);
		jstr(sb, "title", it->req->title, 1);
		jstr(sb, "claimed", crk_cra_status_str(it->claimed), 1);
		jstr(sb, "status", crk_cra_status_str(it->status), 1);
		jstr(sb, "why", it->why, 1);
		crk_strbuf_addf(sb, ",\"evidence\":%zu,\"missing_evidence\":%zu}", it->nevidence,
				it->nmissing_evidence);
	}
	crk_strbuf_adds(sb, "],\n \"checks\":[");
	for (i = 0; i < a->nchecks; i++) {
		const struct crk_cra_check *k = &a->checks[i];
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "id", k->id, 0);
		jstr(sb, "title", k->title, 1);
		jstr(sb, "basis", k->basis, 1);
		jstr(sb, "result", crk_cra_check_result_str(k->result), 1);
		jstr(sb, "looked_at", k->looked_at, 1);
		jstr(sb, "detail", k->detail, 1);
		crk_strbuf_adds(sb, ",\"hits\":[");
		for (j = 0; j < k->nhits; j++) {
			if (j)
				crk_strbuf_addch(sb, ',');
			crk_strbuf_add_json_quoted(sb, k->hits[j]);
		}
		crk_strbuf_adds(sb, "]}");
	}
	crk_strbuf_adds(sb, "],\n \"gaps\":[");
	for (i = 0; i < a->ngaps; i++) {
		const struct crk_cra_gap *g = &a->gaps[i];
		crk_strbuf_adds(sb, i ? ",\n  {" : "\n  {");
		jstr(sb, "criterion", a->criteria[g->criterion].id, 0);
		jstr(sb, "item", g->item, 1);
		jstr(sb, "what", g->what, 1);
		jstr(sb, "fix", g->fix, 1);
		jstr(sb, "basis", g->article, 1);
		crk_strbuf_addf(sb, ",\"required\":%s}", g->required ? "true" : "false");
	}
	crk_strbuf_adds(sb, "]}\n");
}

/* ---- Markdown ---- */

static void md(struct crk_strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			crk_strbuf_addch(sb, '\\');
		crk_strbuf_addch(sb, *s == '\n' ? ' ' : *s);
	}
}

static void markdown(struct crk_strbuf *sb, const struct crk_cra_assessment *a)
{
	char date[11];
	size_t i, j;
	crk_cra_date_str(a->today, date);
	crk_strbuf_adds(sb, "# CRA assessment: ");
	md(sb, a->m->product.name);
	crk_strbuf_adds(sb, "\n\n");
	{
		struct crk_strbuf t = CRK_STRBUF_INIT(0);
		product(&t, a->m);
		crk_strbuf_adds(sb, "Product: ");
		md(sb, t.buf);
		crk_strbuf_reset(&t);
		category(&t, a->classification);
		crk_strbuf_adds(sb, "  \nCategory: ");
		md(sb, t.buf);
		crk_strbuf_release(&t);
		if (a->release) {
			crk_strbuf_adds(sb, "  \nRelease: ");
			md(sb, a->release);
		}
	}
	crk_strbuf_addf(sb, "  \nDate: %s  \nRegulation (EU) 2024/2847 (Cyber Resilience Act)\n\n",
			date);
	crk_strbuf_addf(sb, "## Score: %d%%\n\n| criterion | score | gaps | basis |\n|---|---:|---:|---|\n",
			pct(a->score));
	for (i = 0; i < CRK_CRIT_N; i++)
		crk_strbuf_addf(sb, "| %s | %d%% | %zu | %s |\n", a->criteria[i].title,
				pct(a->criteria[i].score), a->criteria[i].ngaps, a->criteria[i].basis);
	crk_strbuf_addf(sb, "| **overall** | **%d%%** | %zu | |\n\n", pct(a->score), a->ngaps);
	crk_strbuf_adds(sb, "## Annex I requirements\n\n| id | requirement | claimed | status | why |\n"
			    "|---|---|---|---|---|\n");
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &a->items[i];
		crk_strbuf_addf(sb, "| %s | %s (%s) | %s | **%s** | ", it->req->id, it->req->title,
				it->req->ref, crk_cra_status_str(it->claimed),
				crk_cra_status_str(it->status));
		md(sb, it->why);
		crk_strbuf_adds(sb, " |\n");
	}
	crk_strbuf_adds(sb, "\n## Automatic checks\n\n");
	for (i = 0; i < a->nchecks; i++) {
		const struct crk_cra_check *c = &a->checks[i];
		crk_strbuf_addf(sb, "- **%s** `%s` — %s (%s): ", crk_cra_check_result_str(c->result),
				c->id, c->title, c->basis);
		md(sb, c->detail);
		crk_strbuf_adds(sb, "  \n  Looked at: ");
		md(sb, c->looked_at);
		crk_strbuf_addch(sb, '\n');
		for (j = 0; j < c->nhits; j++) {
			crk_strbuf_adds(sb, "  - ");
			md(sb, c->hits[j]);
			crk_strbuf_addch(sb, '\n');
		}
	}
	crk_strbuf_addf(sb, "\n## Gaps (%zu, %zu required)\n\n", a->ngaps, required_gaps(a));
	for (i = 0; i < a->ngaps; i++) {
		const struct crk_cra_gap *g = &a->gaps[i];
		crk_strbuf_addf(sb, "%zu. %s — %s — ", i + 1, g->required ? "required" : "recommended",
				a->criteria[g->criterion].title);
		md(sb, g->item);
		crk_strbuf_adds(sb, ": ");
		md(sb, g->what);
		crk_strbuf_adds(sb, ". Fix: ");
		md(sb, g->fix);
		if (g->article[0])
			crk_strbuf_addf(sb, " (%s)", g->article);
		crk_strbuf_addch(sb, '\n');
	}
}

/* ---- HTML ---- */

static void h(struct crk_strbuf *sb, const char *s)
{
	if (s)
		crk_strbuf_add_xml(sb, s, strlen(s));
}

static const char *colour(double score)
{
	return score >= 80 ? "#1a7f37" : score >= 50 ? "#b35900" : "#c62828";
}

static const char *status_class(enum crk_cra_status s)
{
	switch (s) {
	case CRK_STATUS_MET:
	case CRK_STATUS_NOT_APPLICABLE: return "ok";
	case CRK_STATUS_PARTIAL: return "part";
	case CRK_STATUS_NOT_MET: return "bad";
	default: return "unk";
	}
}

static const char *check_class(enum crk_cra_check_result r)
{
	return r == CRK_CHECK_PASS ? "ok" : r == CRK_CHECK_WARN ? "part" : r == CRK_CHECK_FAIL ? "bad"
											      : "unk";
}

/* A bar per criterion and the overall score, drawn with SVG: readable at a glance, printable. */
static void chart(struct crk_strbuf *sb, const struct crk_cra_assessment *a)
{
	const int row = 34, left = 450, width = 380;
	size_t i;
	crk_strbuf_addf(sb, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 900 %d\" "
			    "xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"scores per criterion\">\n",
			row * (CRK_CRIT_N + 1) + 10);
	for (i = 0; i <= CRK_CRIT_N; i++) {
		double s = i < CRK_CRIT_N ? a->criteria[i].score : a->score;
		const char *t = i < CRK_CRIT_N ? a->criteria[i].title : "overall";
		int y = 6 + (int)i * row, w = (int)(width * s / 100.0 + 0.5);
		crk_strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>", left - 10, y + 19,
				i == CRK_CRIT_N ? " font-weight=\"bold\"" : "");
		h(sb, t);
		crk_strbuf_addf(sb, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" "
				    "fill=\"#e8e8e8\"/><rect x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"24\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%d%%</text>\n",
				left, y, width, left, y, w, colour(s), left + width + 10, y + 19, pct(s));
	}
	crk_strbuf_adds(sb, "</svg>\n");
}

static void html(struct crk_strbuf *sb, const struct crk_cra_assessment *a)
{
	char date[11];
	size_t i, j;
	struct crk_strbuf t = CRK_STRBUF_INIT(0);
	crk_cra_date_str(a->today, date);
	crk_strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			    "<title>CRA assessment: ");
	h(sb, a->m->product.name);
	crk_strbuf_adds(
		sb,
		"</title>\n<style>\n"
		"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
		"color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}\n"
		"h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid "
		"#d0d7de;padding-bottom:.2em}\n"
		".meta{color:#57606a}.score{font-size:3em;font-weight:700}\n"
		"table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid "
		"#d0d7de;padding:.35em .5em;text-align:left;vertical-align:top}th{background:#f6f8fa}\n"
		".badge{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em;"
		"font-weight:600;white-space:nowrap}\n"
		".ok{background:#dafbe1;color:#1a7f37}.part{background:#fff1d6;color:#9a4e00}"
		".bad{background:#ffebe9;color:#c62828}.unk{background:#eaeef2;color:#57606a}\n"
		".chart{width:100%;max-width:900px;font-size:14px}td:first-child{white-space:nowrap}.looked{color:#57606a;font-size:.9em}\n"
		"@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}\n"
		"</style>\n</head>\n<body>\n<h1>CRA assessment: ");
	h(sb, a->m->product.name);
	crk_strbuf_adds(sb, "</h1>\n<p class=\"meta\">");
	product(&t, a->m);
	h(sb, t.buf);
	crk_strbuf_reset(&t);
	crk_strbuf_adds(sb, "<br>Category: ");
	category(&t, a->classification);
	h(sb, t.buf);
	crk_strbuf_release(&t);
	if (a->release) {
		crk_strbuf_adds(sb, "<br>Release: ");
		h(sb, a->release);
	}
	crk_strbuf_addf(sb, "<br>Assessed on %s against Regulation (EU) 2024/2847 (Cyber Resilience "
			    "Act) by crakit %s</p>\n",
			date, CRAKIT_VERSION);
	crk_strbuf_addf(sb, "<p><span class=\"score\" style=\"color:%s\">%d%%</span> overall, "
			    "%zu gaps (%zu required)</p>\n",
			colour(a->score), pct(a->score), a->ngaps, required_gaps(a));
	chart(sb, a);
	crk_strbuf_adds(sb, "<h2>Criteria</h2>\n<table>\n<tr><th>criterion</th><th>score</th>"
			    "<th>gaps</th><th>basis</th></tr>\n");
	for (i = 0; i < CRK_CRIT_N; i++) {
		crk_strbuf_adds(sb, "<tr><td>");
		h(sb, a->criteria[i].title);
		crk_strbuf_addf(sb, "</td><td>%d%%</td><td>%zu</td><td>", pct(a->criteria[i].score),
				a->criteria[i].ngaps);
		h(sb, a->criteria[i].basis);
		crk_strbuf_adds(sb, "</td></tr>\n");
	}
	crk_strbuf_adds(sb, "</table>\n<h2>Annex I requirements</h2>\n<table>\n<tr><th>id</th>"
			    "<th>requirement</th><th>claimed</th><th>status</th><th>why</th></tr>\n");
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_item *it = &a->items[i];
		crk_strbuf_addf(sb, "<tr><td>%s</td><td>", it->req->id);
		h(sb, it->req->title);
		crk_strbuf_addf(sb, "<br><span class=\"looked\">%s</span></td><td>%s</td>"
				    "<td><span class=\"badge %s\">%s</span></td><td>",
				it->req->ref, crk_cra_status_str(it->claimed),
				status_class(it->status), crk_cra_status_str(it->status));
		h(sb, it->why);
		crk_strbuf_adds(sb, "</td></tr>\n");
	}
	crk_strbuf_adds(sb, "</table>\n<h2>Automatic checks</h2>\n<table>\n<tr><th>result</th>"
			    "<th>check</th><th>found, and what was looked at</th></tr>\n");
	for (i = 0; i < a->nchecks; i++) {
		const struct crk_cra_check *c = &a->checks[i];
		crk_strbuf_addf(sb, "<tr><td><span class=\"badge %s\">%s</span></td><td>%s<br>"
				    "<span class=\"looked\">",
				check_class(c->result), crk_cra_check_result_str(c->result), c->id);
		h(sb, c->basis);
		crk_strbuf_adds(sb, "</span></td><td>");
		h(sb, c->detail);
		if (c->nhits) {
			crk_strbuf_adds(sb, "<ul>");
			for (j = 0; j < c->nhits; j++) {
				crk_strbuf_adds(sb, "<li>");
				h(sb, c->hits[j]);
				crk_strbuf_adds(sb, "</li>");
			}
			crk_strbuf_adds(sb, "</ul>");
		}
		crk_strbuf_adds(sb, "<br><span class=\"looked\">Looked at: ");
		h(sb, c->looked_at);
		crk_strbuf_adds(sb, "</span></td></tr>\n");
	}
	crk_strbuf_addf(sb, "</table>\n<h2>Gaps (%zu, %zu required)</h2>\n<table>\n<tr><th>#</th>"
			    "<th>criterion</th><th>item</th><th>what</th><th>fix</th><th>basis</th>"
			    "</tr>\n",
			a->ngaps, required_gaps(a));
	for (i = 0; i < a->ngaps; i++) {
		const struct crk_cra_gap *g = &a->gaps[i];
		crk_strbuf_addf(sb, "<tr><td>%zu</td><td>", i + 1);
		h(sb, a->criteria[g->criterion].title);
		crk_strbuf_addf(sb, "<br><span class=\"badge %s\">%s</span></td><td>",
				g->required ? "bad" : "part", g->required ? "required" : "recommended");
		h(sb, g->item);
		crk_strbuf_adds(sb, "</td><td>");
		h(sb, g->what);
		crk_strbuf_adds(sb, "</td><td>");
		h(sb, g->fix);
		crk_strbuf_adds(sb, "</td><td>");
		h(sb, g->article);
		crk_strbuf_adds(sb, "</td></tr>\n");
	}
	crk_strbuf_adds(sb, "</table>\n</body>\n</html>\n");
}

int crk_cra_assessment_render(char **out, size_t *len, const struct crk_cra_assessment *a,
			      enum crk_cra_format format, struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	*out = NULL;
	switch (format) {
	case CRK_FORMAT_JSON: json(&sb, a); break;
	case CRK_FORMAT_MARKDOWN: markdown(&sb, a); break;
	case CRK_FORMAT_HTML: html(&sb, a); break;
	default: text(&sb, a); break;
	}
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = crk_strbuf_detach(&sb, len);
	return *out ? CRK_OK : crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
