/*
 * scan_table.c - the scan report for people:
 *
 *   crakit scan: demo: 3 findings in 2 of 4 components (1 exploited, 1 critical, 2 high)
 *   database: 8 advisories, newest 2025-08-20; KEV released 2025-08-25
 *
 *   org.apache.logging.log4j:log4j-core 2.14.1  (Maven, pom.xml:12)
 *     EXPLOITED CRITICAL 10.0  CVE-2021-44228  GHSA-jfh8-c2jp-5v3q
 *         Remote code injection in Log4j
 *         affected >=2.13.0 <2.15.0, fixed in 2.15.0 · KEV since 2021-12-10 · EPSS 0.944
 *
 * Components with an exploited finding come first, then by their worst score; within a
 * component, exploited first, then by score. An INCOMPLETE banner leads when the scan could not
 * see everything (fail closed); decisions that suppressed findings and the CRA Art. 14 hint
 * follow the findings. Every string from an advisory, a lockfile or a VEX file is made safe
 * for a terminal (control characters and invalid UTF-8 become '?').
 */
#include <string.h>

#include "formats/scan_out.h"
#include "formats/vexio.h"
#include "base/banned.h"

#define RED "\033[31m"
#define BOLDRED "\033[1;31m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* Appends s with every byte that is not printable ASCII or part of valid UTF-8 as '?'. */
static void safe(struct crk_strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t len = 0, i;
		if (*p >= 0x20 && *p < 0x7f) {
			crk_strbuf_addch(sb, (char)*p++);
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			len = 2;
		else if (*p >= 0xe0 && *p <= 0xef)
			len = 3;
		else if (*p >= 0xf0 && *p <= 0xf4)
			len = 4;
		for (i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				len = 0;
		/* C1 controls (U+0080-U+009F) are c2 80..c2 9f */
		if (len == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			len = 0;
		if (!len) {
			crk_strbuf_addch(sb, '?');
			p++;
			continue;
		}
		crk_strbuf_add(sb, p, len);
		p += len;
	}
}

static void col(struct crk_strbuf *sb, int color, const char *code, const char *text)
{
	if (color)
		crk_strbuf_adds(sb, code);
	crk_strbuf_adds(sb, text);
	if (color)
		crk_strbuf_adds(sb, RESET);
}

static const char *rating_upper(const struct crk_scan_item *it)
{
	if (!it->rated)
		return "UNRATED";
	switch (it->rating) {
	case CRK_CVSS_RATING_CRITICAL: return "CRITICAL";
	case CRK_CVSS_RATING_HIGH: return "HIGH";
	case CRK_CVSS_RATING_MEDIUM: return "MEDIUM";
	case CRK_CVSS_RATING_LOW: return "LOW";
	default: return "NONE";
	}
}

static void plural(struct crk_strbuf *sb, size_t n, const char *one, const char *many)
{
	crk_strbuf_addf(sb, "%zu %s", n, n == 1 ? one : many);
}

static void headline(struct crk_strbuf *sb, const struct crk_scan_report *r, int color)
{
	char d[16];
	size_t i;
	int first = 1;
	crk_strbuf_adds(sb, "crakit scan: ");
	safe(sb, r->product ? r->product : (r->target ? r->target : "."));
	crk_strbuf_adds(sb, ": ");
	if (r->nfindings) {
		plural(sb, r->nfindings, "finding", "findings");
		crk_strbuf_addf(sb, " in %zu of ", r->nvulnerable);
		plural(sb, r->ncomponents, "component", "components");
		crk_strbuf_adds(sb, " (");
		if (r->nexploited) {
			crk_strbuf_addf(sb, "%zu exploited", r->nexploited);
			first = 0;
		}
#define PART(n, label)                                                                         \
	if (n) {                                                                               \
		crk_strbuf_addf(sb, "%s%zu %s", first ? "" : ", ", (size_t)(n), label);       \
		first = 0;                                                                     \
	}
		PART(r->ncritical, "critical")
		PART(r->nhigh, "high")
		PART(r->nmedium, "medium")
		PART(r->nlow, "low")
		PART(r->nnone, "none")
		PART(r->nunrated, "unrated")
#undef PART
		crk_strbuf_adds(sb, ")");
	} else if (r->incomplete) {
		crk_strbuf_adds(sb, "no findings in ");
		plural(sb, r->ncomponents, "component", "components");
		crk_strbuf_adds(sb, ", but the scan is ");
		col(sb, color, BOLDRED, "INCOMPLETE");
		crk_strbuf_adds(sb, ": this is not a clean result");
	} else {
		crk_strbuf_adds(sb, "no known vulnerabilities in ");
		plural(sb, r->ncomponents, "component", "components");
	}
	if (r->nsuppressed)
		crk_strbuf_addf(sb, "; %zu suppressed by VEX", r->nsuppressed);
	crk_strbuf_adds(sb, "\ndatabase: ");
	plural(sb, (size_t)r->db_advisories, "advisory", "advisories");
	if (r->db_newest) {
		crk_vexio__format_date(r->db_newest, d);
		crk_strbuf_addf(sb, ", newest %s", d);
	}
	for (i = 0; i < r->nsources; i++)
		if (!strcmp(r->sources[i].what, "KEV") && r->sources[i].newest) {
			crk_vexio__format_date(r->sources[i].newest, d);
			crk_strbuf_addf(sb, "; KEV released %s", d);
		}
	crk_strbuf_addch(sb, '\n');
}

static void banner(struct crk_strbuf *sb, const struct crk_scan_report *r, int color)
{
	size_t i;
	int any_note = 0;
	if (r->incomplete) {
		crk_strbuf_addch(sb, '\n');
		col(sb, color, BOLDRED, "INCOMPLETE SCAN");
		crk_strbuf_adds(sb, ": crakit could not see everything; what it could not see is "
				    "not known to be safe\n");
		int db = 0;
		for (i = 0; i < r->nproblems; i++) {
			if (!r->problems[i].blocking)
				continue;
			crk_strbuf_adds(sb, "  - ");
			safe(sb, r->problems[i].message);
			crk_strbuf_addch(sb, '\n');
			db |= r->problems[i].kind != CRK_SCAN_INPUT_UNPARSED;
		}
		if (db)
			crk_strbuf_adds(sb, "hint: 'crakit db update' downloads the advisories, or "
					    "'crakit db import' reads them from files\n");
	}
	for (i = 0; i < r->nproblems; i++) {
		if (r->problems[i].blocking)
			continue;
		if (!any_note++)
			crk_strbuf_addch(sb, '\n');
		crk_strbuf_adds(sb, "note: ");
		safe(sb, r->problems[i].message);
		crk_strbuf_addch(sb, '\n');
	}
}

static void finding(struct crk_strbuf *sb, const struct crk_scan_report *r,
		    const struct crk_scan_item *it, int color)
{
	const struct crk_finding *f = it->f;
	size_t i;
	int sep = 0;
	char score[16];

	crk_strbuf_adds(sb, "  ");
	if (it->exploited) {
		col(sb, color, BOLDRED, "EXPLOITED");
		crk_strbuf_addch(sb, ' ');
	}
	if (f->status == CRK_FINDING_UNKNOWN)
		col(sb, color, YELLOW, "UNKNOWN ");
	col(sb, color,
	    it->rated && it->rating >= CRK_CVSS_RATING_HIGH ? RED
	    : it->rated && it->rating == CRK_CVSS_RATING_MEDIUM ? YELLOW
								 : DIM,
	    rating_upper(it));
	if (it->rated) {
		snprintf(score, sizeof(score), " %.1f", it->score);
		crk_strbuf_adds(sb, score);
	}
	crk_strbuf_adds(sb, "  ");
	if (color)
		crk_strbuf_adds(sb, BOLD);
	safe(sb, f->id);
	if (color)
		crk_strbuf_adds(sb, RESET);
	for (i = 0, sep = 0; i < f->naliases; i++) {
		if (!crk_scanout__alias_ok(f, i))
			continue;
		crk_strbuf_adds(sb, sep++ ? ", " : "  (");
		safe(sb, f->aliases[i]);
	}
	if (sep)
		crk_strbuf_addch(sb, ')');
	sep = 0;
	crk_strbuf_addch(sb, '\n');
	if (f->summary) {
		crk_strbuf_adds(sb, "      ");
		safe(sb, f->summary);
		crk_strbuf_addch(sb, '\n');
	}
	crk_strbuf_adds(sb, "      ");
	if (f->status == CRK_FINDING_UNKNOWN) {
		crk_strbuf_adds(sb, "could not be evaluated: ");
		safe(sb, f->reason);
		sep = 1;
	} else if (f->range) {
		crk_strbuf_adds(sb, "affected ");
		safe(sb, f->range);
		sep = 1;
	}
	if (f->status != CRK_FINDING_UNKNOWN) {
		crk_strbuf_adds(sb, sep ? ", " : "");
		if (f->nfixed) {
			crk_strbuf_adds(sb, "fixed in ");
			for (i = 0; i < f->nfixed; i++) {
				if (i)
					crk_strbuf_adds(sb, ", ");
				safe(sb, f->fixed[i]);
			}
		} else {
			crk_strbuf_adds(sb, "no fixed version known");
		}
		sep = 1;
	}
	if (f->kev.listed) {
		crk_strbuf_adds(sb, sep ? "; " : "");
		crk_strbuf_adds(sb, "CISA KEV since ");
		safe(sb, f->kev.date_added);
		if (f->kev.due_date) {
			crk_strbuf_adds(sb, " (due ");
			safe(sb, f->kev.due_date);
			crk_strbuf_adds(sb, ")");
		}
		if (f->kev.ransomware)
			crk_strbuf_adds(sb, ", used by ransomware");
		sep = 1;
	}
	if (f->epss.present) {
		crk_strbuf_adds(sb, sep ? "; " : "");
		crk_strbuf_addf(sb, "EPSS %.5f (percentile %.5f)", f->epss.score, f->epss.percentile);
	}
	crk_strbuf_addch(sb, '\n');
	if (it->vex && !it->suppressed) {
		crk_strbuf_adds(sb, "      triage: ");
		crk_strbuf_adds(sb, crk_vex_status_str(it->vex->status));
		if (it->vex->action) {
			crk_strbuf_adds(sb, ": ");
			safe(sb, it->vex->action);
		} else if (it->vex->note) {
			crk_strbuf_adds(sb, ": ");
			safe(sb, it->vex->note);
		}
		crk_strbuf_addch(sb, '\n');
	}
	(void)r;
}

static void component_line(struct crk_strbuf *sb, const struct crk_scan_report *r,
			   const struct crk_scan_item *it, int color)
{
	unsigned line;
	const char *where = crk_scanout__where(r, it, &line);
	crk_strbuf_addch(sb, '\n');
	if (color)
		crk_strbuf_adds(sb, BOLD);
	safe(sb, it->display_name);
	if (it->comp->version) {
		crk_strbuf_addch(sb, ' ');
		safe(sb, it->comp->version);
	}
	if (color)
		crk_strbuf_adds(sb, RESET);
	crk_strbuf_adds(sb, "  (");
	safe(sb, it->f->ecosystem ? it->f->ecosystem
				  : (it->comp->ecosystem ? it->comp->ecosystem : "?"));
	if (it->f->package && strcmp(it->f->package, it->display_name) != 0 &&
	    strcmp(it->f->package, it->comp->name) != 0) {
		crk_strbuf_adds(sb, " source package ");
		safe(sb, it->f->package);
		if (it->f->package_version && (!it->comp->version ||
					       strcmp(it->f->package_version, it->comp->version))) {
			crk_strbuf_addch(sb, ' ');
			safe(sb, it->f->package_version);
		}
	}
	crk_strbuf_adds(sb, ", ");
	safe(sb, where);
	if (line)
		crk_strbuf_addf(sb, ":%u", line);
	crk_strbuf_adds(sb, ")\n");
}

static void suppressed(struct crk_strbuf *sb, const struct crk_scan_report *r)
{
	size_t i;
	char d[16];
	if (!r->nsuppressed)
		return;
	crk_strbuf_adds(sb, "\nsuppressed by VEX decisions (");
	crk_strbuf_addf(sb, "%zu):\n", r->nsuppressed);
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		const struct crk_vex_stmt *v = it->vex;
		if (!it->suppressed)
			continue;
		crk_strbuf_adds(sb, "  ");
		safe(sb, it->display_name);
		if (it->comp->version) {
			crk_strbuf_addch(sb, ' ');
			safe(sb, it->comp->version);
		}
		crk_strbuf_adds(sb, "  ");
		safe(sb, it->f->id);
		crk_strbuf_adds(sb, ": ");
		crk_strbuf_adds(sb, crk_vex_status_str(v->status));
		if (v->justification) {
			crk_strbuf_adds(sb, " (");
			crk_strbuf_adds(sb, crk_vex_justification_str(v->justification));
			crk_strbuf_addch(sb, ')');
		}
		crk_strbuf_addch(sb, '\n');
		if (v->impact || v->note) {
			crk_strbuf_adds(sb, "      \"");
			safe(sb, v->impact ? v->impact : v->note);
			crk_strbuf_adds(sb, "\"\n");
		}
		crk_strbuf_adds(sb, "      by ");
		safe(sb, v->author ? v->author : "(unknown author)");
		if (v->time) {
			crk_vexio__format_date(v->time, d);
			crk_strbuf_addf(sb, " on %s", d);
		}
		crk_strbuf_adds(sb, ", from ");
		safe(sb, v->origin ? v->origin : "?");
		if (v->line)
			crk_strbuf_addf(sb, ":%u", v->line);
		crk_strbuf_addch(sb, '\n');
	}
}

static void art14(struct crk_strbuf *sb, const struct crk_scan_report *r,
		  const struct crk_scan_write_opts *opts, int color)
{
	size_t i;
	if (!r->nreportable)
		return;
	crk_strbuf_addch(sb, '\n');
	col(sb, color, BOLDRED, "CRA Art. 14");
	crk_strbuf_addf(sb,
			": %zu actively exploited vulnerabilit%s (CISA KEV), not marked "
			"not_affected.\nIf the product contains %s, it may have to be notified: an "
			"early warning within 24 hours\nof becoming aware (Art. 14(1), 14(2)(a)). "
			"Open the case to start the clock:\n",
			r->nreportable, r->nreportable == 1 ? "y" : "ies",
			r->nreportable == 1 ? "it" : "them");
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		if (!it->reportable)
			continue;
		crk_strbuf_adds(sb, "  ");
		safe(sb, it->f->kev.cve ? it->f->kev.cve : it->f->id);
		crk_strbuf_adds(sb, " in ");
		safe(sb, it->display_name);
		if (it->comp->version) {
			crk_strbuf_addch(sb, ' ');
			safe(sb, it->comp->version);
		}
		crk_strbuf_adds(sb, ":\n    ");
		crk_scanout__report_cmd(sb, r, it, opts);
		crk_strbuf_addch(sb, '\n');
	}
}

int crk_scanout__table(struct crk_strbuf *out, const struct crk_scan_report *r,
		       const struct crk_scan_write_opts *opts, struct crk_err *err)
{
	size_t i;
	size_t last = (size_t)-1;
	int color = opts->color;

	headline(out, r, color);
	banner(out, r, color);
	for (i = 0; i < r->nitems; i++) {
		const struct crk_scan_item *it = &r->items[i];
		if (it->suppressed)
			continue;
		if (it->f->component != last)
			component_line(out, r, it, color);
		last = it->f->component;
		finding(out, r, it, color);
	}
	suppressed(out, r);
	art14(out, r, opts, color);
	(void)err;
	return CRK_OK;
}
