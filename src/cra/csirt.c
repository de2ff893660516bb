/*
 * csirt.c - where an Article 14 report goes: the CSIRT designated as coordinator (CRA Art. 3(51),
 * NIS2 Directive (EU) 2022/2555 Art. 12(1)) of the Member State the manufacturer reports to, and
 * the order of Art. 14(7) that picks that Member State (include/crakit/report.h).
 *
 * Art. 14(7) CRA: the report goes (through ENISA's single reporting platform, Art. 16) to the
 * CSIRT designated as coordinator of the Member State where the manufacturer has its main
 * establishment in the Union - where decisions on the cybersecurity of its products are
 * predominantly taken (or, if that cannot be determined, the establishment with the most
 * employees in the Union). A manufacturer without a main establishment in the Union reports, in
 * this order, to the Member State of
 *   (a) the authorised representative acting on its behalf for the highest number of its products;
 *   (b) the importer placing the highest number of its products on the market;
 *   (c) the distributor making the highest number of its products available;
 *   (d) where the highest number of users of its products is located.
 * In case (d) later reports on the same matter may go to the CSIRT that received the first:
 * crakit keeps the CSIRT a case was opened with.
 *
 * The CSIRT names: cra-regulation.md §11 (crakit reference, research late 2026), which takes
 * them from the list the PyPI package cra-scope ships, marked [unverified] there: no official
 * CRA-specific list of coordinator CSIRTs was published; the CVD coordinator of NIS2 Art. 12(1)
 * can differ from the national CSIRT named here. Confirm before relying on a name; the due times
 * do not depend on it (only the Member State does).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "crakit/report.h"
#include "base/banned.h"

#define SRC "crakit reference cra-regulation.md s.11 (cra-scope list, late 2026) [unverified]"

static const struct crk_csirt csirts[] = {
	{"AT", "CERT.at", SRC},
	{"BE", "CERT.be (Centre for Cybersecurity Belgium)", SRC},
	{"BG", "CERT Bulgaria", SRC},
	{"CY", "CSIRT-CY", SRC},
	{"CZ", "CSIRT.CZ", SRC},
	{"DE", "BSI (CERT-Bund)", SRC},
	{"DK", "CFCS (Centre for Cyber Security)", SRC},
	{"EE", "CERT-EE", SRC},
	{"ES", "INCIBE-CERT (private sector; CCN-CERT for the public sector)", SRC},
	{"FI", "NCSC-FI", SRC},
	{"FR", "CERT-FR (ANSSI)", SRC},
	{"GR", "GR-CSIRT", SRC},
	{"HR", "CERT.hr", SRC},
	{"HU", "NCSC-HU", SRC},
	{"IE", "CSIRT-IE (NCSC)", SRC},
	{"IT", "CSIRT Italia (ACN)", SRC},
	{"LT", "CERT-LT (NKSC)", SRC},
	{"LU", "CIRCL", SRC},
	{"LV", "CERT.LV", SRC},
	{"MT", "CSIRTMalta", SRC},
	{"NL", "NCSC-NL", SRC},
	{"PL", "CERT Polska (NASK)", SRC},
	{"PT", "CERT.PT", SRC},
	{"RO", "CERT-RO (DNSC)", SRC},
	{"SE", "CERT-SE", SRC},
	{"SI", "SI-CERT", SRC},
	{"SK", "SK-CERT", SRC},
};
#define NCSIRTS (sizeof(csirts) / sizeof(csirts[0]))

const struct crk_csirt *crk_csirt_at(size_t i)
{
	return i < NCSIRTS ? &csirts[i] : NULL;
}

const struct crk_csirt *crk_csirt_find(const char *country)
{
	const struct crk_member_state *ms = crk_member_state_find(country);
	size_t i;
	if (!ms)
		return NULL;
	for (i = 0; i < NCSIRTS; i++)
		if (strcmp(csirts[i].country, ms->code) == 0)
			return &csirts[i];
	return NULL;
}

/* A two-letter country code (any country, ISO 3166-1 alpha-2 shape). */
static int country_code(const char *s)
{
	return s && strlen(s) == 2 &&
	       ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) &&
	       ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z'));
}

int crk_csirt_route(struct crk_route *out, const struct crk_route_input *in, struct crk_err *err)
{
	static const struct {
		size_t off;
		const char *field, *basis;
	} order[] = {
		{offsetof(struct crk_route_input, main_establishment), "main_establishment",
		 "Art. 14(7): Member State of main establishment"},
		{offsetof(struct crk_route_input, authorised_representative),
		 "authorised_representative",
		 "Art. 14(7)(a): Member State of the authorised representative"},
		{offsetof(struct crk_route_input, importer), "importer",
		 "Art. 14(7)(b): Member State of the importer"},
		{offsetof(struct crk_route_input, distributor), "distributor",
		 "Art. 14(7)(c): Member State of the distributor"},
		{offsetof(struct crk_route_input, most_users), "most_users",
		 "Art. 14(7)(d): Member State with the most users"},
	};
	size_t i;
	out->ms = NULL;
	out->csirt = NULL;
	out->basis = NULL;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *v = *(const char *const *)(const void *)((const char *)in + order[i].off);
		const struct crk_member_state *ms;
		if (!v || !*v)
			continue;
		if (!country_code(v)) {
			crk_err_set(err, CRK_EINVAL, NULL, 0, 0,
				    "%s '%s' is not a two-letter country code", order[i].field, v);
			crk_err_hint(err, "use ISO 3166-1 alpha-2 codes in cra.yaml, e.g. DE, FR, IE");
			return CRK_EINVAL;
		}
		ms = crk_member_state_find(v);
		if (!ms)
			continue; /* outside the Union: the next rule of 14(7) applies */
		out->ms = ms;
		out->csirt = crk_csirt_find(ms->code);
		out->basis = order[i].basis;
		return CRK_OK;
	}
	crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
		    "no EU Member State to report to: no main establishment in the Union is given, "
		    "and none of Art. 14(7)(a)-(d) names a Member State");
	crk_err_hint(err, "give the manufacturer's Member State of main establishment in cra.yaml, or "
			  "for a manufacturer outside the EU the Member State of its authorised "
			  "representative, importer, distributor or most users (or --member-state)");
	return CRK_ENOTFOUND;
}
