/*
 * docs.c - the documents the CRA asks a manufacturer to write (crakit docs): the technical
 * documentation (Art. 31, Annex VII), the EU declaration of conformity (Art. 28, Annex V), the
 * simplified declaration (Art. 13(20), Annex VI), the information and instructions to the user
 * (Art. 13(18), Annex II), and an RFC 9116 security.txt. Each in Markdown and in one
 * self-contained HTML page (inline CSS, no script; prints to PDF). The items come from
 * docfields.c; every item the law asks for is written, either filled or plainly MISSING with
 * where to fill it, so an empty cra.yaml gives a complete list of what to do.
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/strbuf.h"
#include "cra/docfields.h"
#include "base/banned.h"

static const struct {
	const char *name, *title, *annex, *basis;
	enum crk_docset_annex which;
} kinds[CRK_CRA_NDOCS] = {
	{"technical-documentation", "Technical documentation", "Annex VII", "Art. 31",
	 CRK_ANNEX_VII},
	{"eu-declaration-of-conformity", "EU declaration of conformity", "Annex V", "Art. 28",
	 CRK_ANNEX_V},
	{"simplified-declaration", "Simplified EU declaration of conformity", "Annex VI",
	 "Art. 13(20)", CRK_ANNEX_VI},
	{"user-information", "Information and instructions to the user", "Annex II", "Art. 13(18)",
	 CRK_ANNEX_II},
};

/* "Annex VII point 2(b)" -> "2(b)"; no point: "". */
static const char *point(const char *ref)
{
	const char *p = strstr(ref, "point ");
	return p ? p + 6 : "";
}

/* "what (where to fill it)": the length of `what`, and `where` (NULL when there is none). */
static size_t split(const char *phrase, const char **where, size_t *wlen)
{
	const char *open = strrchr(phrase, '(');
	size_t n = strlen(phrase);
	if (open && open > phrase + 1 && open[-1] == ' ' && n && phrase[n - 1] == ')') {
		*where = open + 1;
		*wlen = n - (size_t)(open - phrase) - 2;
		return (size_t)(open - phrase) - 1;
	}
	*where = NULL;
	*wlen = 0;
	return n;
}

/* ---- Markdown ---- */

static void md_text(struct crk_strbuf *sb, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (strchr("\\`*_[]<>|", s[i]) || (s[i] == '#' && (i == 0 || s[i - 1] == '\n')))
			crk_strbuf_addch(sb, '\\');
		crk_strbuf_addch(sb, s[i]);
	}
}

static void md_lines(struct crk_strbuf *sb, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n >= 2 && p[0] == '-' && p[1] == ' ') {
			crk_strbuf_adds(sb, "- ");
			md_text(sb, p + 2, n - 2);
			crk_strbuf_addch(sb, '\n');
		} else {
			md_text(sb, p, n);
			crk_strbuf_adds(sb, e && e[1] && !(e[1] == '-' && e[2] == ' ') ? "  \n" : "\n");
		}
		p += n + (e != NULL);
	}
}

static void markdown(struct crk_strbuf *sb, const struct crk_cra_document *d,
		     const struct crk_cra_manifest *m, const char *date, const char *extra)
{
	size_t i, j;
	crk_strbuf_addf(sb, "# %s: ", d->title);
	md_text(sb, m->product.name, strlen(m->product.name));
	crk_strbuf_addf(sb, "\n\nRegulation (EU) 2024/2847 (Cyber Resilience Act), %s. Written by "
			    "crakit %s on %s from cra.yaml.",
			d->annex, CRAKIT_VERSION, date);
	if (d->nmissing)
		crk_strbuf_addf(sb, " %zu item%s the law asks for %s marked **MISSING**, with the "
				    "cra.yaml key or command that fills %s.",
				d->nmissing, d->nmissing == 1 ? "" : "s",
				d->nmissing == 1 ? "is" : "are", d->nmissing == 1 ? "it" : "them");
	crk_strbuf_adds(sb, "\n");
	if (extra) {
		crk_strbuf_addch(sb, '\n');
		md_lines(sb, extra);
	}
	for (i = 0; i < d->nsections; i++) {
		const struct crk_cra_doc_section *s = &d->sections[i];
		const char *pt = point(s->ref);
		int sub = strchr(pt, '(') != NULL;
		crk_strbuf_addf(sb, "\n%s %s%s%s (%s)\n\n", sub ? "###" : "##", pt,
				*pt ? (sub ? " " : ". ") : "", s->title, s->ref);
		if (s->text && *s->text)
			md_lines(sb, s->text);
		for (j = 0; j < s->nmissing; j++) {
			const char *where;
			size_t wlen, n = split(s->missing[j], &where, &wlen);
			crk_strbuf_adds(sb, (s->text && *s->text) || j ? "\n" : "");
			crk_strbuf_adds(sb, "> **MISSING:** ");
			md_text(sb, s->missing[j], n);
			if (where)
				crk_strbuf_addf(sb, " — fill in `%.*s`", (int)wlen, where);
			crk_strbuf_addch(sb, '\n');
		}
	}
}

/* ---- HTML ---- */

static void h(struct crk_strbuf *sb, const char *s, size_t n)
{
	crk_strbuf_add_xml(sb, s, n);
}

static void html_lines(struct crk_strbuf *sb, const char *text)
{
	const char *p = text;
	int in_list = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n >= 2 && p[0] == '-' && p[1] == ' ') {
			if (!in_list)
				crk_strbuf_adds(sb, "<ul>");
			in_list = 1;
			crk_strbuf_adds(sb, "<li>");
			h(sb, p + 2, n - 2);
			crk_strbuf_adds(sb, "</li>");
		} else {
			if (in_list)
				crk_strbuf_adds(sb, "</ul>\n");
			in_list = 0;
			crk_strbuf_adds(sb, "<p>");
			h(sb, p, n);
			crk_strbuf_adds(sb, "</p>");
		}
		crk_strbuf_addch(sb, '\n');
		p += n + (e != NULL);
	}
	if (in_list)
		crk_strbuf_adds(sb, "</ul>\n");
}

static void html(struct crk_strbuf *sb, const struct crk_cra_document *d,
		 const struct crk_cra_manifest *m, const char *date, const char *extra)
{
	size_t i, j;
	crk_strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			    "<title>");
	h(sb, d->title, strlen(d->title));
	crk_strbuf_adds(sb, ": ");
	h(sb, m->product.name, strlen(m->product.name));
	crk_strbuf_adds(
		sb, "</title>\n<style>\n"
		    "body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#1f2328;max-width:900px;"
		    "margin:2em auto;padding:0 1em}\n"
		    "h1{font-size:1.7em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid "
		    "#d0d7de}h3{font-size:1.05em}\n"
		    ".meta{color:#57606a;font-size:.92em}.ref{color:#57606a;font-weight:normal;"
		    "font-size:.85em}\n"
		    ".missing{border-left:4px solid #c62828;background:#ffebe9;padding:.3em .7em;"
		    "margin:.4em 0}\n"
		    ".missing b{color:#c62828}\n"
		    "@media print{body{margin:0;font-size:11pt}.missing{break-inside:avoid}}\n"
		    "</style>\n</head>\n<body>\n<h1>");
	h(sb, d->title, strlen(d->title));
	crk_strbuf_adds(sb, ": ");
	h(sb, m->product.name, strlen(m->product.name));
	crk_strbuf_addf(sb, "</h1>\n<p class=\"meta\">Regulation (EU) 2024/2847 (Cyber Resilience "
			    "Act), %s. Written by crakit %s on %s from cra.yaml.",
			d->annex, CRAKIT_VERSION, date);
	if (d->nmissing)
		crk_strbuf_addf(sb, " %zu item%s the law asks for %s marked <b>MISSING</b>.",
				d->nmissing, d->nmissing == 1 ? "" : "s",
				d->nmissing == 1 ? "is" : "are");
	crk_strbuf_adds(sb, "</p>\n");
	if (extra)
		html_lines(sb, extra);
	for (i = 0; i < d->nsections; i++) {
		const struct crk_cra_doc_section *s = &d->sections[i];
		const char *pt = point(s->ref);
		int sub = strchr(pt, '(') != NULL;
		crk_strbuf_addf(sb, "<%s id=\"%s\">%s%s", sub ? "h3" : "h2", s->id, pt,
				*pt ? (sub ? " " : ". ") : "");
		h(sb, s->title, strlen(s->title));
		crk_strbuf_addf(sb, " <span class=\"ref\">(%s)</span></%s>\n", s->ref, sub ? "h3" : "h2");
		if (s->text && *s->text)
			html_lines(sb, s->text);
		for (j = 0; j < s->nmissing; j++) {
			const char *where;
			size_t wlen, n = split(s->missing[j], &where, &wlen);
			crk_strbuf_adds(sb, "<p class=\"missing\"><b>MISSING:</b> ");
			h(sb, s->missing[j], n);
			if (where) {
				crk_strbuf_adds(sb, " — fill in <code>");
				h(sb, where, wlen);
				crk_strbuf_adds(sb, "</code>");
			}
			crk_strbuf_adds(sb, "</p>\n");
		}
	}
	crk_strbuf_adds(sb, "</body>\n</html>\n");
}

/* ---- security.txt ---- */

/* An e-mail address as a mailto: URI; anything else as it is. */
static void uri(struct crk_strbuf *sb, const char *c)
{
	if (strchr(c, '@') && strncmp(c, "mailto:", 7) != 0 && strncmp(c, "http", 4) != 0)
		crk_strbuf_adds(sb, "mailto:");
	crk_strbuf_adds(sb, c);
}

static char *security_txt(struct crk_arena *a, const struct crk_cra_manifest *m, int64_t today,
			  size_t *len)
{
	const char *first = m->contact.vulnerability_reporting
				    ? m->contact.vulnerability_reporting
				    : m->contact.single_point_of_contact;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0), one = CRK_STRBUF_INIT(0),
			  two = CRK_STRBUF_INIT(0);
	char expires[11], *s;
	if (!first)
		return NULL;
	crk_cra_date_str(today + 364, expires);
	crk_strbuf_adds(&sb, "# security.txt (RFC 9116) for ");
	crk_strbuf_adds(&sb, m->product.name);
	crk_strbuf_addf(&sb, ", written by crakit from cra.yaml.\n# Renew it before it expires: "
			     "crakit docs writes a new one.\n");
	uri(&one, first);
	crk_strbuf_addf(&sb, "Contact: %s\n", one.buf);
	if (m->contact.single_point_of_contact && first != m->contact.single_point_of_contact) {
		uri(&two, m->contact.single_point_of_contact);
		if (strcmp(one.buf, two.buf) != 0)
			crk_strbuf_addf(&sb, "Contact: %s\n", two.buf);
	}
	crk_strbuf_addf(&sb, "Expires: %sT00:00:00Z\n", expires);
	if (m->contact.disclosure_policy_url)
		crk_strbuf_addf(&sb, "Policy: %s\n", m->contact.disclosure_policy_url);
	if (m->contact.security_txt_url)
		crk_strbuf_addf(&sb, "Canonical: %s\n", m->contact.security_txt_url);
	crk_strbuf_adds(&sb, "Preferred-Languages: en\n");
	s = crk_strbuf_ok(&sb) && crk_strbuf_ok(&one) && crk_strbuf_ok(&two)
		    ? crk_arena_strndup(a, sb.buf, sb.len)
		    : NULL;
	*len = sb.len;
	crk_strbuf_release(&sb);
	crk_strbuf_release(&one);
	crk_strbuf_release(&two);
	return s;
}

void crk_cra_docset_free(struct crk_cra_docset *d)
{
	struct crk_arena *a;
	size_t i;
	if (!d)
		return;
	for (i = 0; i < CRK_CRA_NDOCS; i++) {
		crk_free(d->docs[i].markdown);
		crk_free(d->docs[i].html);
	}
	a = d->priv_;
	crk_arena_release(a);
	crk_free(a);
}

int crk_cra_docs_build(struct crk_cra_docset **out, const struct crk_cra_manifest *m,
		       const struct crk_cra_docs_opts *o, struct crk_err *err)
{
	struct crk_arena *a = crk_malloc(sizeof(*a));
	struct crk_cra_docset *set;
	struct crk_cra_classification *own = NULL;
	const struct crk_cra_classification *cl;
	struct crk_docctx dc;
	char date[11];
	size_t k, i;

	*out = NULL;
	if (!a)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	crk_arena_init(a);
	set = crk_arena_alloc(a, sizeof(*set));
	if (!set) {
		crk_arena_release(a);
		crk_free(a);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	set->priv_ = a;
	if (o->assessment) {
		cl = o->assessment->classification;
	} else {
		if (crk_cra_classify(&own, m, err) != CRK_OK)
			goto nomem;
		cl = own;
	}
	crk_cra_date_str(o->today, date);
	memset(&dc, 0, sizeof(dc));
	dc.m = m;
	dc.c = cl;
	dc.a = a;
	if (o->assessment) {
		dc.sbom = o->assessment->sbom;
		if (!(dc.statuses = crk_cra__status_lines(a, o->assessment)))
			goto nomem;
	}
	for (k = 0; k < CRK_CRA_NDOCS; k++) {
		struct crk_cra_document *d = &set->docs[k];
		struct crk_docfield_value *v;
		struct crk_strbuf md = CRK_STRBUF_INIT(0), ht = CRK_STRBUF_INIT(0), ex = CRK_STRBUF_INIT(0);
		size_t n;
		d->name = kinds[k].name;
		d->title = kinds[k].title;
		d->annex = kinds[k].annex;
		if (crk_cra__docfields(kinds[k].which, &dc, &v, &n))
			goto nomem;
		d->sections = crk_arena_array(a, n, sizeof(*d->sections));
		if (!d->sections)
			goto nomem;
		d->nsections = n;
		for (i = 0; i < n; i++) {
			struct crk_cra_doc_section *s = &d->sections[i];
			s->id = v[i].id;
			s->ref = v[i].ref;
			s->title = v[i].title;
			s->heading = v[i].heading;
			s->state = v[i].state == CRK_DF_MISSING ? CRK_SECTION_MISSING
				   : v[i].state == CRK_DF_NA	 ? CRK_SECTION_NA
								 : CRK_SECTION_FILLED;
			s->text = v[i].text;
			s->missing = v[i].missing;
			s->nmissing = v[i].nmissing;
			d->nmissing += s->state == CRK_SECTION_MISSING;
		}
		set->nmissing += d->nmissing;
		if (kinds[k].which == CRK_ANNEX_VII) {
			const struct crk_cra_fact *keep = crk_cra_fact("documentation_retention_years");
			char routes[128];
			crk_cra_routes_str(cl->routes, routes, sizeof(routes));
			crk_strbuf_addf(&ex, "Manufacturer: %s\nCategory: %s%s%s (%s)",
					m->manufacturer.name, crk_cra_class_str(cl->cls),
					cl->category ? ", " : "", cl->category ? cl->category->ref : "",
					cl->basis ? cl->basis : "Art. 2");
			if (cl->module_a >= 0)
				crk_strbuf_addf(&ex, "\nConformity assessment: %s%s (open routes: %s; "
						     "crakit classify --explain gives the reasoning)",
						cl->chosen ? "route " : "route not chosen yet",
						cl->chosen ? crk_cra_route_str(cl->chosen) : "", routes);
			crk_strbuf_addf(&ex, "\nKept up to date at least during the support period "
					     "(Art. 31(2)) and available to market surveillance "
					     "authorities for %lld years after placing on the market or "
					     "for the support period, whichever is longer (%s).",
					keep->value, keep->article);
		}
		markdown(&md, d, m, date, ex.len ? ex.buf : NULL);
		html(&ht, d, m, date, ex.len ? ex.buf : NULL);
		crk_strbuf_release(&ex);
		if (!crk_strbuf_ok(&md) || !crk_strbuf_ok(&ht)) {
			crk_strbuf_release(&md);
			crk_strbuf_release(&ht);
			goto nomem;
		}
		d->markdown = crk_strbuf_detach(&md, &d->markdown_len);
		d->html = crk_strbuf_detach(&ht, &d->html_len);
		if (!d->markdown || !d->html)
			goto nomem;
	}
	if (m->contact.vulnerability_reporting || m->contact.single_point_of_contact) {
		set->security_txt = security_txt(a, m, o->today, &set->security_txt_len);
		if (!set->security_txt)
			goto nomem;
	} else {
		set->nmissing++; /* no contact: no security.txt (RFC 9116 §2.5.3 needs one) */
	}
	crk_cra_classification_free(own);
	*out = set;
	return CRK_OK;
nomem:
	crk_cra_classification_free(own);
	crk_cra_docset_free(set);
	return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
}
