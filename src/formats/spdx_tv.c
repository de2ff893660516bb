/*
 * spdx_tv.c - reading SPDX 2.2 / 2.3 tag-value (https://spdx.github.io/spdx-spec/v2.3/ and its
 * Annex "SPDX tag-value format"; examples in corpus/sbom/spdx/spec-examples/) into a BOM, for
 * sbom_read.c. The writer of the format is spdx_tv_write.c.
 *
 * The format: one "Tag: value" per line; a value may be "<text>...</text>" over several lines;
 * lines starting with '#' are comments. Elements are sections that start with their first tag:
 * PackageName starts a package, FileName a file, SnippetSPDXID a snippet, LicenseID an extracted
 * licence, Annotator an annotation; SPDXID names the element whose section it is in (the document
 * before any other). "Relationship: A TYPE B" may appear anywhere. Unknown tags are skipped, as
 * the specification allows.
 *
 * The lines are turned into the jansson tree of the SPDX JSON shape (package tags to their JSON
 * member names, "_line" on each element for diagnostics) and crk_spdx2_read_tree() of
 * spdx_json_read.c does the rest, so both encodings map to the model the same way.
 * Errors: a line that is no "Tag: value" (path:line:1), a <text> without </text> (at its start),
 * a line longer than CRK_MAX_LINE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "formats/sbom_read.h"
#include "base/banned.h"

/* Package tags and their SPDX JSON member (a string, or an array item for the repeatable). */
static const struct {
	const char *tag, *member;
} pkg_tags[] = {
	{"PackageVersion", "versionInfo"},
	{"PackageFileName", "packageFileName"},
	{"PackageSupplier", "supplier"},
	{"PackageOriginator", "originator"},
	{"PackageDownloadLocation", "downloadLocation"},
	{"PackageHomePage", "homepage"},
	{"PackageSourceInfo", "sourceInfo"},
	{"PackageLicenseConcluded", "licenseConcluded"},
	{"PackageLicenseDeclared", "licenseDeclared"},
	{"PackageLicenseComments", "licenseComments"},
	{"PackageCopyrightText", "copyrightText"},
	{"PackageSummary", "summary"},
	{"PackageDescription", "description"},
	{"PackageComment", "comment"},
	{"PrimaryPackagePurpose", "primaryPackagePurpose"},
	{"FilesAnalyzed", "filesAnalyzed"},
};

enum section { S_DOC, S_PACKAGE, S_FILE, S_SNIPPET, S_LICENSE, S_ANNOTATION, S_OTHER };

struct tv {
	struct crk_sread *r;
	struct crk_err *err;
	json_t *root, *ci, *packages, *files, *snippets, *rels, *licenses, *annotations, *extdocs;
	json_t *cur; /* the element being read (NULL: the document) */
	enum section sec;
};

static int oom(struct tv *t)
{
	return crk_err_set(t->err, CRK_ENOMEM, t->r->path, 0, 0, "out of memory");
}

static int set_str(json_t *o, const char *k, const char *v, size_t n)
{
	return json_object_set_new(o, k, json_stringn_nocheck(v, n));
}

static int append_str(json_t *o, const char *k, const char *v, size_t n)
{
	json_t *a = json_object_get(o, k);
	if (!a) {
		a = json_array();
		if (!a || json_object_set_new(o, k, a))
			return -1;
	}
	return json_array_append_new(a, json_stringn_nocheck(v, n));
}

/* A new element of `arr` starting at `line`. */
static json_t *element(struct tv *t, json_t *arr, unsigned line)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	if (json_object_set_new(o, "_line", json_integer(line)) || json_array_append_new(arr, o))
		return NULL;
	return o;
}

static json_t *array_member(json_t *root, const char *k)
{
	json_t *a = json_array();
	if (!a || json_object_set_new(root, k, a))
		return NULL;
	return a;
}

/* Splits off the next space-separated word of [*s, *s+*n). */
static int word(const char **s, size_t *n, const char **w, size_t *wn)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	*w = *s;
	while (*n && **s != ' ' && **s != '\t') {
		(*s)++;
		(*n)--;
	}
	*wn = (size_t)(*s - *w);
	return *wn > 0;
}

static int tag(struct tv *t, const char *k, size_t kn, const char *v, size_t vn, unsigned line)
{
	json_t *o;
	size_t i;
	char key[64];
	if (kn >= sizeof(key))
		return 0; /* no SPDX tag is that long: skipped like any unknown tag */
	memcpy(key, k, kn);
	key[kn] = '\0';

	/* elements */
	if (strcmp(key, "PackageName") == 0) {
		if (!(t->cur = element(t, t->packages, line)))
			return -1;
		t->sec = S_PACKAGE;
		return set_str(t->cur, "name", v, vn);
	}
	if (strcmp(key, "FileName") == 0) {
		if (!(t->cur = element(t, t->files, line)))
			return -1;
		t->sec = S_FILE;
		return set_str(t->cur, "fileName", v, vn);
	}
	if (strcmp(key, "SnippetSPDXID") == 0) {
		if (!(t->cur = element(t, t->snippets, line)))
			return -1;
		t->sec = S_SNIPPET;
		return set_str(t->cur, "SPDXID", v, vn);
	}
	if (strcmp(key, "LicenseID") == 0) {
		if (!(t->cur = element(t, t->licenses, line)))
			return -1;
		t->sec = S_LICENSE;
		return set_str(t->cur, "licenseId", v, vn);
	}
	if (strcmp(key, "Annotator") == 0) {
		/* an annotation does not end the element it is in: it refers by SPDXREF */
		return element(t, t->annotations, line) ? 0 : -1;
	}
	if (strcmp(key, "Relationship") == 0) {
		const char *a, *ty, *b;
		size_t an, tn, bn;
		if (!word(&v, &vn, &a, &an) || !word(&v, &vn, &ty, &tn) || !word(&v, &vn, &b, &bn))
			return 1;
		if (!(o = element(t, t->rels, line)) || set_str(o, "spdxElementId", a, an) ||
		    set_str(o, "relationshipType", ty, tn) || set_str(o, "relatedSpdxElement", b, bn))
			return -1;
		return 0;
	}
	if (strcmp(key, "SPDXID") == 0)
		return set_str(t->sec == S_DOC ? t->root : t->cur ? t->cur : t->root, "SPDXID", v, vn);

	/* the document */
	if (strcmp(key, "SPDXVersion") == 0)
		return set_str(t->root, "spdxVersion", v, vn);
	if (strcmp(key, "DataLicense") == 0)
		return set_str(t->root, "dataLicense", v, vn);
	if (strcmp(key, "DocumentName") == 0)
		return set_str(t->root, "name", v, vn);
	if (strcmp(key, "DocumentNamespace") == 0)
		return set_str(t->root, "documentNamespace", v, vn);
	if (strcmp(key, "ExternalDocumentRef") == 0)
		return json_array_append_new(t->extdocs, json_stringn_nocheck(v, vn));
	if (strcmp(key, "Creator") == 0)
		return append_str(t->ci, "creators", v, vn);
	if (strcmp(key, "Created") == 0)
		return set_str(t->ci, "created", v, vn);

	if (t->sec == S_LICENSE && t->cur) {
		if (strcmp(key, "ExtractedText") == 0)
			return set_str(t->cur, "extractedText", v, vn);
		if (strcmp(key, "LicenseName") == 0)
			return set_str(t->cur, "name", v, vn);
		return 0;
	}
	if (t->sec != S_PACKAGE || !t->cur)
		return 0;
	/* a package's tags */
	for (i = 0; i < sizeof(pkg_tags) / sizeof(pkg_tags[0]); i++)
		if (strcmp(key, pkg_tags[i].tag) == 0)
			return set_str(t->cur, pkg_tags[i].member, v, vn);
	if (strcmp(key, "PackageChecksum") == 0) {
		/* "SHA256: 0123..." */
		const char *colon = memchr(v, ':', vn), *val;
		json_t *c, *arr;
		size_t n;
		if (!colon)
			return 1;
		val = colon + 1;
		n = vn - (size_t)(val - v);
		while (n && *val == ' ') {
			val++;
			n--;
		}
		c = json_object();
		arr = json_object_get(t->cur, "checksums");
		if (!arr && !(arr = array_member(t->cur, "checksums")))
			return -1;
		if (!c || set_str(c, "algorithm", v, (size_t)(colon - v)) ||
		    set_str(c, "checksumValue", val, n) || json_array_append_new(arr, c))
			return -1;
		return 0;
	}
	if (strcmp(key, "ExternalRef") == 0) {
		const char *cat, *ty, *loc;
		size_t cn, tn, ln;
		json_t *e, *arr;
		if (!word(&v, &vn, &cat, &cn) || !word(&v, &vn, &ty, &tn) || !word(&v, &vn, &loc, &ln))
			return 1;
		arr = json_object_get(t->cur, "externalRefs");
		if (!arr && !(arr = array_member(t->cur, "externalRefs")))
			return -1;
		e = json_object();
		if (!e || set_str(e, "referenceCategory", cat, cn) ||
		    set_str(e, "referenceType", ty, tn) || set_str(e, "referenceLocator", loc, ln) ||
		    json_array_append_new(arr, e))
			return -1;
		return 0;
	}
	return 0;
}

int crk_spdx_tv_read(struct crk_sread *r, const char *buf, size_t len, struct crk_err *err)
{
	struct tv t;
	struct crk_line_iter it;
	const char *line;
	size_t n;
	int rc = CRK_OK;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.err = err;
	t.root = json_object();
	t.ci = json_object();
	if (!t.root || !t.ci || json_object_set_new(t.root, "creationInfo", t.ci)) {
		json_decref(t.root);
		if (!t.root)
			json_decref(t.ci);
		return oom(&t);
	}
	if (!(t.packages = array_member(t.root, "packages")) ||
	    !(t.files = array_member(t.root, "files")) ||
	    !(t.snippets = array_member(t.root, "snippets")) ||
	    !(t.rels = array_member(t.root, "relationships")) ||
	    !(t.licenses = array_member(t.root, "hasExtractedLicensingInfos")) ||
	    !(t.annotations = array_member(t.root, "annotations")) ||
	    !(t.extdocs = array_member(t.root, "externalDocumentRefs"))) {
		rc = oom(&t);
		goto out;
	}
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		unsigned lineno = it.lineno;
		const char *colon, *v;
		size_t kn, vn;
		int trc;
		if (n > CRK_MAX_LINE) {
			rc = crk_err_set(err, CRK_ELIMIT, r->path, lineno, 1,
					 "a line longer than %zu bytes", (size_t)CRK_MAX_LINE);
			goto out;
		}
		crk_bytes_trim(&line, &n);
		if (!n || line[0] == '#')
			continue;
		colon = memchr(line, ':', n);
		if (!colon || colon == line || memchr(line, ' ', (size_t)(colon - line))) {
			rc = crk_err_set(err, CRK_EPARSE, r->path, lineno, 1,
					 "expected 'Tag: value', found '%.*s'", (int)(n < 60 ? n : 60),
					 line);
			crk_err_hint(err, "a value over several lines goes between <text> and "
					  "</text>");
			goto out;
		}
		kn = (size_t)(colon - line);
		v = colon + 1;
		vn = n - kn - 1;
		crk_bytes_trim(&v, &vn);
		if (vn >= 6 && memcmp(v, "<text>", 6) == 0) {
			/* up to </text>, possibly lines later: taken from the buffer as it is */
			const char *start = v + 6, *end = buf + len;
			const char *close = memmem(start, (size_t)(end - start), "</text>", 7);
			if (!close) {
				rc = crk_err_set(err, CRK_EPARSE, r->path, lineno,
						 (unsigned)(v - line) + (unsigned)kn + 2,
						 "<text> without </text>");
				goto out;
			}
			v = start;
			vn = (size_t)(close - start);
			/* go on after the line holding </text> */
			while (it.pos < len && buf + it.pos <= close) {
				const char *l2;
				size_t n2;
				if (!crk_line_iter_next(&it, &l2, &n2))
					break;
			}
		}
		trc = tag(&t, line, kn, v, vn, lineno);
		if (trc < 0) {
			rc = oom(&t);
			goto out;
		}
		if (trc > 0 && r->diags)
			crk_diags_addf(r->diags, CRK_EPARSE, r->path, lineno, 1,
				       "%.*s: value '%.*s' is not what the tag takes: skipped",
				       (int)(kn < 40 ? kn : 40), line, (int)(vn < 60 ? vn : 60), v);
	}
	rc = crk_spdx2_read_tree(r, t.root, err);
out:
	json_decref(t.root);
	return rc;
}
