/*
 * sbom_losses.c - crk_sbom_losses() (include/crakit/sbomio.h): which fields of a BOM a writer
 * has no place for, so that `crakit sbom convert` says what a conversion drops instead of
 * dropping it silently. The table below follows what each writer writes (cdx_json.c,
 * cdx_xml_write.c, spdx_json.c, spdx_tv_write.c, spdx3_json.c) without a profile; keep it in
 * step with them (tests/unit/formats/test_sbom_losses.c converts a BOM that has every field).
 */
#include <string.h>

#include "crakit/sbomio.h"
#include "base/banned.h"

enum feature {
	F_EXTPROPS = 1 << 0,     /* properties under their own names */
	F_PROPS = 1 << 1,        /* crakit's own properties */
	F_EXTREFS = 1 << 2,      /* external references other than vcs / distribution / website */
	F_WEBSITE = 1 << 3,      /* the "website" reference (SPDX 2 homepage) */
	F_CONCLUDED = 1 << 4,    /* licence concluded */
	F_KIND = 1 << 5,         /* component type other than library */
	F_PARTYURL = 1 << 6,     /* a party's URL */
	F_CREATOR = 1 << 7,      /* manufacturer besides an author */
	F_COMPLETENESS = 1 << 8, /* dependency completeness */
	F_FILEKIND = 1 << 9,     /* executable / archive / structured */
	F_FILENAME = 1 << 10,
	F_SCOPE = 1 << 11,       /* optional / dev scope */
};

static const struct {
	const char *format;
	unsigned keeps;
} writers[] = {
	{"cyclonedx-json", F_EXTPROPS | F_PROPS | F_EXTREFS | F_WEBSITE | F_CONCLUDED | F_KIND |
			       F_PARTYURL | F_CREATOR | F_SCOPE},
	{"cyclonedx-xml", F_EXTPROPS | F_PROPS | F_EXTREFS | F_WEBSITE | F_CONCLUDED | F_KIND |
			      F_PARTYURL | F_CREATOR | F_COMPLETENESS | F_FILEKIND | F_FILENAME |
			      F_SCOPE},
	{"spdx-json", F_WEBSITE | F_CONCLUDED | F_KIND | F_FILENAME | F_SCOPE},
	{"spdx-tag-value", F_WEBSITE | F_CONCLUDED | F_KIND | F_FILENAME | F_SCOPE},
	{"spdx3-json", F_PARTYURL | F_CREATOR | F_COMPLETENESS | F_SCOPE},
};

static const struct {
	unsigned f;
	const char *what;
} phrases[] = {
	{F_EXTPROPS, "component properties"},
	{F_PROPS, "crakit properties of components"},
	{F_EXTREFS, "external references (issue tracker, documentation, ...)"},
	{F_WEBSITE, "web pages"},
	{F_CONCLUDED, "concluded licences"},
	{F_KIND, "component types other than library"},
	{F_PARTYURL, "supplier / creator URLs"},
	{F_CREATOR, "component creators besides the author"},
	{F_COMPLETENESS, "dependency completeness statements"},
	{F_FILEKIND, "executable / archive / structured properties"},
	{F_FILENAME, "file names"},
	{F_SCOPE, "optional / dev scopes"},
};

static unsigned has(const struct crk_component *c)
{
	unsigned f = 0;
	size_t i;
	int author = c->author && *c->author, creator = 0;
	if (c->next_props)
		f |= F_EXTPROPS;
	if (c->nprops)
		f |= F_PROPS;
	for (i = 0; i < c->next_refs; i++)
		f |= strcmp(c->ext_refs[i].key, "website") == 0 ? F_WEBSITE : F_EXTREFS;
	if (c->license_concluded && *c->license_concluded &&
	    strcmp(c->license_concluded, "NOASSERTION") != 0)
		f |= F_CONCLUDED;
	if (c->kind && strcmp(c->kind, "library") != 0)
		f |= F_KIND;
	for (i = 0; i < c->nparties; i++) {
		if (c->parties[i].url && *c->parties[i].url && !c->parties[i].email)
			f |= F_PARTYURL;
		if (c->parties[i].role == CRK_PARTY_MANUFACTURER)
			creator = 1;
		if (c->parties[i].role == CRK_PARTY_AUTHOR)
			author = 1;
	}
	if (creator && author)
		f |= F_CREATOR;
	if (c->completeness != CRK_DEPS_UNKNOWN)
		f |= F_COMPLETENESS;
	if (c->file_kind & CRK_FILE_KNOWN)
		f |= F_FILEKIND;
	if (c->filename && *c->filename)
		f |= F_FILENAME;
	if (c->scope != CRK_SCOPE_REQUIRED)
		f |= F_SCOPE;
	return f;
}

size_t crk_sbom_losses(const struct crk_bom *bom, const char *format,
		       void (*fn)(void *ud, const char *what, size_t n), void *ud)
{
	size_t counts[sizeof(phrases) / sizeof(phrases[0])] = {0};
	size_t i, k, n = crk_bom_count(bom), calls = 0;
	unsigned keeps = ~0u;
	const struct crk_component *p = crk_bom_meta((struct crk_bom *)bom)->product;
	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (format && strcmp(format, writers[i].format) == 0)
			keeps = writers[i].keeps;
	if (keeps == ~0u)
		return 0; /* the table, or a writer this table does not know */
	for (i = 0; i <= n; i++) {
		const struct crk_component *c = i < n ? crk_bom_get(bom, i) : p;
		unsigned lost;
		if (!c)
			continue;
		lost = has(c) & ~keeps;
		for (k = 0; lost && k < sizeof(phrases) / sizeof(phrases[0]); k++)
			if (lost & phrases[k].f)
				counts[k]++;
	}
	for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++)
		if (counts[k]) {
			if (fn)
				fn(ud, phrases[k].what, counts[k]);
			calls++;
		}
	return calls;
}
