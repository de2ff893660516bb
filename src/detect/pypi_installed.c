/*
 * pypi_installed.c - installed Python distributions: *.dist-info/METADATA (wheels, pip),
 * *.egg-info/PKG-INFO and *.egg/EGG-INFO/PKG-INFO (setuptools), a bare *.egg-info file
 * (distutils wrote PKG-INFO under that name), and the archives *.whl and zipped *.egg, whose
 * top-level *.dist-info/METADATA or EGG-INFO/PKG-INFO member is read with libarchive from the
 * buffer (at most PYPI_MAX_METADATA bytes, never more than the size the archive declares).
 *
 * Format: the core metadata specification,
 * https://packaging.python.org/en/latest/specifications/core-metadata/ (Metadata-Version 1.0 to
 * 2.4): RFC 822 style headers, one "Name: value" a line, a line starting with white space
 * continues the previous header, the first empty line ends the headers and the rest is the
 * description. Field names are case-insensitive; for a field given twice the first counts (as
 * Python's email parser returns it for msg["Version"]). A line that is neither a header nor a
 * continuation (an unindented continuation, as some old setuptools wrote for Keywords) is skipped:
 * Python's parser would end the headers there and lose the rest, we keep reading.
 *
 * What is reported: one component, at the line of its Name header, with
 *   - name and version as written (the purl normalises the name);
 *   - license: License-Expression (2.4) when it is an SPDX expression, else License when it is
 *     one as written, else the one "License ::" classifier that names a single SPDX license
 *     unambiguously ("License :: OSI Approved :: MIT License" -> MIT; "... :: BSD License" and
 *     "... :: Apache Software License" name no version and give nothing); several different
 *     license classifiers give nothing either; then License as written when it is one line
 *     (a name such as "Apache 2.0", not a licence text): the writers make it SPDX
 *     (crk_spdx_normalise), keeping what is not as a LicenseRef;
 *   - author "Author <Author-email>" (or whichever is given), description from Summary, the
 *     property "homepage" from Home-page.
 * For an archive the component is at the archive's path, line 0 (a line of the member is not a
 * line of the file). A major Metadata-Version above 2 is CRK_EUNSUPPORTED (the specification
 * tells readers to fail); a file without Name or Version, an archive that is not a zip or has no
 * metadata member, is CRK_EPARSE.
 *
 * SPDX ids are checked against a table of the licenses Python packages use (below); an id not in
 * it is not reported. TODO: use the shared SPDX list once src/formats has one.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define PYPI_MAX_METADATA ((size_t)16 << 20) /* a METADATA member read from an archive */

/* SPDX license ids (all in the SPDX license list, hence in CycloneDX's spdx.schema.json). */
/* clang-format off */
static const char *const spdx_ids[] = {
	"0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1",
	"Apache-2.0", "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause",
	"BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "CC-BY-4.0",
	"CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CECILL-2.1", "CNRI-Python", "EPL-1.0", "EPL-2.0",
	"EUPL-1.1", "EUPL-1.2", "GPL-2.0", "GPL-2.0+", "GPL-2.0-only", "GPL-2.0-or-later",
	"GPL-3.0", "GPL-3.0+", "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ISC", "LGPL-2.0",
	"LGPL-2.0+", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1+",
	"LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0+", "LGPL-3.0-only",
	"LGPL-3.0-or-later", "MIT", "MIT-0", "MIT-CMU", "MPL-1.1", "MPL-2.0",
	"MPL-2.0-no-copyleft-exception", "MS-PL", "NCSA", "OFL-1.1", "OpenSSL", "PostgreSQL",
	"PSF-2.0", "Python-2.0", "Ruby", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "W3C",
	"WTFPL", "X11", "Zlib", "ZPL-2.0", "ZPL-2.1",
};
/* clang-format on */

/* Trove license classifiers that name exactly one SPDX license (text after "License :: "). */
static const struct {
	const char *classifier, *spdx;
} classifier_spdx[] = {
	{"OSI Approved :: MIT License", "MIT"},
	{"OSI Approved :: MIT No Attribution License (MIT-0)", "MIT-0"},
	{"OSI Approved :: ISC License (ISCL)", "ISC"},
	{"OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only"},
	{"OSI Approved :: GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later"},
	{"OSI Approved :: GNU General Public License v3 (GPLv3)", "GPL-3.0-only"},
	{"OSI Approved :: GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"},
	{"OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only"},
	{"OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)",
	 "LGPL-3.0-or-later"},
	{"OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only"},
	{"OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
	 "AGPL-3.0-or-later"},
	{"OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)", "MPL-1.1"},
	{"OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"},
	{"OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"},
	{"OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)", "EPL-1.0"},
	{"OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0"},
	{"OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)", "EUPL-1.1"},
	{"OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2"},
	{"OSI Approved :: The Unlicense (Unlicense)", "Unlicense"},
	{"OSI Approved :: Universal Permissive License (UPL)", "UPL-1.0"},
	{"OSI Approved :: zlib/libpng License", "Zlib"},
	{"OSI Approved :: Historical Permission Notice and Disclaimer (HPND)", "HPND"},
	{"OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)", "BlueOak-1.0.0"},
	{"OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)",
	 "CECILL-2.1"},
	{"OSI Approved :: PostgreSQL License", "PostgreSQL"},
	{"OSI Approved :: University of Illinois/NCSA Open Source License", "NCSA"},
	{"OSI Approved :: Microsoft Public License", "MS-PL"},
	{"CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"},
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int ieq(const char *a, size_t an, const char *b)
{
	size_t i;
	if (an != strlen(b))
		return 0;
	for (i = 0; i < an; i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* The canonical spelling of an SPDX id (ids match case-insensitively), or NULL. */
static const char *spdx_id(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < sizeof(spdx_ids) / sizeof(spdx_ids[0]); i++)
		if (ieq(s, n, spdx_ids[i]))
			return spdx_ids[i];
	return NULL;
}

/* "A", "A OR B", "A AND B OR C": ids of the table joined by AND/OR (what packages write in
 * License; parentheses and WITH are rare there and not taken). *out receives the expression with
 * canonical ids in the arena, or NULL when s is not one. Returns 0, or -1 on ENOMEM. */
static int spdx_expr(struct crk_arena *a, const char *s, size_t n, const char **out)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	size_t i = 0, terms = 0;
	int want_id = 1, rc = 0;
	*out = NULL;
	while (i < n) {
		size_t start, len;
		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n)
			break;
		start = i;
		while (i < n && !is_ws(s[i]))
			i++;
		len = i - start;
		if (want_id) {
			const char *id = spdx_id(s + start, len);
			if (!id)
				goto out;
			crk_strbuf_adds(&sb, id);
			terms++;
		} else {
			if (len == 2 && memcmp(s + start, "OR", 2) == 0)
				crk_strbuf_adds(&sb, " OR ");
			else if (len == 3 && memcmp(s + start, "AND", 3) == 0)
				crk_strbuf_adds(&sb, " AND ");
			else
				goto out;
		}
		want_id = !want_id;
	}
	if (terms && !want_id) {
		*out = crk_strbuf_ok(&sb) ? crk_arena_strndup(a, sb.buf, sb.len) : NULL;
		rc = *out ? 0 : -1;
	}
out:
	crk_strbuf_release(&sb);
	return rc;
}

/* One header of interest: where its value starts and ends (continuation lines included). */
struct field {
	const char *v;
	size_t n;
	unsigned line;
	int multi; /* continued on further lines */
};

enum {
	F_METAVER,
	F_NAME,
	F_VERSION,
	F_SUMMARY,
	F_LICENSE,
	F_LICENSE_EXPR,
	F_AUTHOR,
	F_AUTHOR_EMAIL,
	F_HOMEPAGE,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"Metadata-Version",   "Name",	"Version",	"Summary",   "License",
	"License-Expression", "Author", "Author-email", "Home-page",
};

/* The value with folded lines joined by one space, trimmed, in the arena; NULL when absent or
 * empty. Returns 0, or -1 on ENOMEM. */
static int unfold(struct crk_arena *a, const struct field *f, const char **res)
{
	char *out, *o;
	size_t i;
	*res = NULL;
	if (!f->v)
		return 0;
	out = crk_arena_alloc(a, f->n + 1);
	if (!out)
		return -1;
	o = out;
	for (i = 0; i < f->n; i++) {
		char c = f->v[i];
		if (c == '\r' || c == '\n') {
			while (i + 1 < f->n &&
			       (f->v[i + 1] == '\r' || f->v[i + 1] == '\n' || is_ws(f->v[i + 1])))
				i++;
			c = ' ';
		}
		*o++ = c;
	}
	while (o > out && (is_ws(o[-1]) || o[-1] == '\r'))
		o--;
	*o = '\0';
	*res = *out ? out : NULL;
	return 0;
}

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

/* Parses metadata headers in buf[0..len): the file itself, or `member` of a wheel or egg archive
 * (then lines are 0: they are not lines of the file reported). */
static int parse_metadata(struct crk_detect_ctx *ctx, const char *buf, size_t len,
			  const char *member, struct crk_err *err)
{
	const char *in = "";
	unsigned l1 = member ? 0 : 1;
	struct field fields[F_COUNT];
	struct crk_line_iter it;
	struct crk_pkg pkg;
	struct crk_kv props[1];
	const char *s, *classifier_lic = NULL, *author, *email, *lic = NULL, *val[F_COUNT];
	struct field *last = NULL;
	size_t n, np = 0, id, k;
	int classifier_bad = 0;

	memset(fields, 0, sizeof(fields));
	if (member) {
		in = crk_arena_printf(ctx->arena, " in '%s'", member);
		if (!in)
			return oom(ctx, err);
	}
	crk_line_iter_init(&it, buf, len);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		it.pos = 3;
	while (crk_line_iter_next(&it, &s, &n)) {
		const char *colon, *v;
		size_t vn, kn;
		if (!n)
			break; /* end of the headers: the rest is the description */
		if (is_ws(s[0])) {
			if (last) {
				/* a folded line: extend the field over it */
				last->n = (size_t)(s + n - last->v);
				last->multi = 1;
			}
			continue;
		}
		last = NULL;
		colon = memchr(s, ':', n);
		if (!colon)
			continue; /* not a header: skipped (see above) */
		kn = (size_t)(colon - s);
		while (kn && is_ws(s[kn - 1]))
			kn--;
		v = colon + 1;
		vn = (size_t)(s + n - v);
		while (vn && is_ws(*v)) {
			v++;
			vn--;
		}
		if (ieq(s, kn, "Classifier")) {
			static const char pfx[] = "License :: ";
			if (vn > sizeof(pfx) - 1 && memcmp(v, pfx, sizeof(pfx) - 1) == 0) {
				const char *c = v + sizeof(pfx) - 1, *spdx = NULL;
				size_t cn = vn - (sizeof(pfx) - 1), j;
				while (cn && is_ws(c[cn - 1]))
					cn--;
				for (j = 0;
				     j < sizeof(classifier_spdx) / sizeof(classifier_spdx[0]); j++)
					if (cn == strlen(classifier_spdx[j].classifier) &&
					    memcmp(c, classifier_spdx[j].classifier, cn) == 0) {
						spdx = classifier_spdx[j].spdx;
						break;
					}
				if (!spdx && cn == strlen("OSI Approved") &&
				    memcmp(c, "OSI Approved", cn) == 0)
					continue; /* says nothing about which license */
				if (!spdx || (classifier_lic && strcmp(classifier_lic, spdx) != 0))
					classifier_bad = 1;
				else
					classifier_lic = spdx;
			}
			continue;
		}
		for (k = 0; k < F_COUNT; k++)
			if (ieq(s, kn, field_names[k]))
				break;
		if (k == F_COUNT || fields[k].v)
			continue; /* not wanted, or given before: the first counts */
		fields[k].v = v;
		fields[k].n = vn;
		fields[k].line = member ? 0 : it.lineno;
		last = &fields[k];
	}

	if (!len)
		return crk_err_set(err, CRK_EPARSE, ctx->path, l1, l1, "empty metadata file%s", in);
	for (k = 0; k < F_COUNT; k++)
		if (unfold(ctx->arena, &fields[k], &val[k]))
			return oom(ctx, err);
	if (val[F_METAVER]) {
		unsigned major = 0;
		for (k = 0; val[F_METAVER][k] >= '0' && val[F_METAVER][k] <= '9' && major < 1000;
		     k++)
			major = major * 10 + (unsigned)(val[F_METAVER][k] - '0');
		if (major > 2)
			return crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, fields[F_METAVER].line,
					   l1, "unsupported Metadata-Version '%s'%s",
					   val[F_METAVER], in);
	}
	if (!val[F_NAME])
		return crk_err_set(err, CRK_EPARSE, ctx->path, l1, l1, "missing 'Name' header%s",
				   in);
	if (!val[F_VERSION])
		return crk_err_set(err, CRK_EPARSE, ctx->path,
				   fields[F_VERSION].line ? fields[F_VERSION].line
							  : fields[F_NAME].line,
				   l1, "missing 'Version' header for '%s'%s", val[F_NAME], in);

	crk_detect_pkg_init(ctx, &pkg, "pypi", "PyPI");
	pkg.name = val[F_NAME];
	pkg.version = val[F_VERSION];
	pkg.line = fields[F_NAME].line;
	if (val[F_SUMMARY] && strcmp(val[F_SUMMARY], "UNKNOWN") != 0)
		pkg.description = val[F_SUMMARY];
	if (fields[F_LICENSE_EXPR].v &&
	    spdx_expr(ctx->arena, fields[F_LICENSE_EXPR].v, fields[F_LICENSE_EXPR].n, &lic))
		return oom(ctx, err);
	if (!lic && fields[F_LICENSE].v && !fields[F_LICENSE].multi &&
	    spdx_expr(ctx->arena, fields[F_LICENSE].v, fields[F_LICENSE].n, &lic))
		return oom(ctx, err);
	if (!lic && classifier_lic && !classifier_bad)
		lic = classifier_lic;
	if (!lic && val[F_LICENSE] && !fields[F_LICENSE].multi && fields[F_LICENSE].n <= 200 &&
	    strcmp(val[F_LICENSE], "UNKNOWN") != 0)
		lic = val[F_LICENSE]; /* its own words ("Apache 2.0"): the writers normalise them */
	pkg.license = lic;
	author = val[F_AUTHOR];
	email = val[F_AUTHOR_EMAIL];
	if (author && email && !strchr(email, '<')) {
		pkg.author = crk_arena_printf(ctx->arena, "%s <%s>", author, email);
		if (!pkg.author)
			return oom(ctx, err);
	} else {
		pkg.author = email ? email : author;
	}
	if (val[F_HOMEPAGE] && strcmp(val[F_HOMEPAGE], "UNKNOWN") != 0) {
		props[np].key = "homepage";
		props[np++].value = val[F_HOMEPAGE];
	}
	pkg.props = np ? props : NULL;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &id, err);
}

static int has_suffix(const char *s, size_t n, const char *suf)
{
	size_t l = strlen(suf);
	return n >= l && memcmp(s + n - l, suf, l) == 0;
}

/* The metadata member of a wheel ("<name>-<ver>.dist-info/METADATA" at the top) or of an egg
 * ("EGG-INFO/PKG-INFO"). */
static int is_metadata_member(const char *p, int wheel)
{
	const char *slash;
	if (!wheel)
		return strcmp(p, "EGG-INFO/PKG-INFO") == 0;
	slash = strchr(p, '/');
	return slash && strcmp(slash, "/METADATA") == 0 &&
	       has_suffix(p, (size_t)(slash - p), ".dist-info");
}

/* A wheel or a zipped egg: the metadata member is read (at most PYPI_MAX_METADATA bytes) and
 * parsed; the component is reported at the archive's path. */
static int parse_archive(struct crk_detect_ctx *ctx, int wheel, struct crk_err *err)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *ent;
	int r, rc = CRK_OK, found = 0;

	if (!ar)
		return oom(ctx, err);
	if (archive_read_support_format_zip(ar) != ARCHIVE_OK ||
	    archive_read_open_memory(ar, ctx->buf, ctx->len) != ARCHIVE_OK) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "not a zip archive: %s",
				 archive_error_string(ar) ? archive_error_string(ar)
							  : "unknown format");
		goto out;
	}
	while ((r = archive_read_next_header(ar, &ent)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *p = archive_entry_pathname(ent);
		char *mbuf;
		size_t mlen = 0, cap = PYPI_MAX_METADATA;
		if (!p || !is_metadata_member(p, wheel))
			continue; /* the next header skips the data */
		if (archive_entry_size_is_set(ent) && archive_entry_size(ent) >= 0 &&
		    (uint64_t)archive_entry_size(ent) < cap)
			cap = (size_t)archive_entry_size(ent); /* more than declared fails below */
		mbuf = crk_arena_alloc(ctx->arena, cap + 1);
		if (!mbuf) {
			rc = oom(ctx, err);
			goto out;
		}
		for (;;) {
			la_ssize_t got = archive_read_data(ar, mbuf + mlen, cap + 1 - mlen);
			if (got < 0) {
				rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
						 "cannot read '%s' from the archive: %s", p,
						 archive_error_string(ar) ? archive_error_string(ar)
									  : "corrupt data");
				goto out;
			}
			if (got == 0)
				break;
			mlen += (size_t)got;
			if (mlen > cap) {
				rc = cap == PYPI_MAX_METADATA
					     ? crk_err_set(err, CRK_ELIMIT, ctx->path, 0, 0,
							   "'%s' is larger than %zu bytes", p, cap)
					     : crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
							   "'%s' is larger than its declared size",
							   p);
				goto out;
			}
		}
		p = crk_arena_strdup(ctx->arena, p);
		if (!p) {
			rc = oom(ctx, err);
			goto out;
		}
		rc = parse_metadata(ctx, mbuf, mlen, p, err);
		found = 1;
		break;
	}
	if (!found && !rc)
		rc = r == ARCHIVE_EOF
			     ? crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "no %s in the %s",
					   wheel ? "*.dist-info/METADATA" : "EGG-INFO/PKG-INFO",
					   wheel ? "wheel" : "egg")
			     : crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					   "corrupt zip archive: %s",
					   archive_error_string(ar) ? archive_error_string(ar)
								    : "unknown error");
out:
	archive_read_free(ar);
	return rc;
}

static int installed_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	size_t n = strlen(ctx->name);
	if (has_suffix(ctx->name, n, ".whl"))
		return parse_archive(ctx, 1, err);
	if (has_suffix(ctx->name, n, ".egg"))
		return parse_archive(ctx, 0, err);
	return parse_metadata(ctx, ctx->buf, ctx->len, NULL, err);
}

/* NAME.dist-info/METADATA, NAME.egg-info/PKG-INFO, NAME.egg/EGG-INFO/PKG-INFO, NAME.egg-info,
 * and the archives NAME-VER-TAGS.whl and NAME-VER-PY.egg. */
static int installed_match(const char *relpath, size_t rellen, const char *name)
{
	size_t n = strlen(name);
	if (n == 8 && memcmp(name, "METADATA", 8) == 0)
		return has_suffix(relpath, rellen, ".dist-info/METADATA");
	if (n == 8 && memcmp(name, "PKG-INFO", 8) == 0)
		return has_suffix(relpath, rellen, ".egg-info/PKG-INFO") ||
		       has_suffix(relpath, rellen, ".egg/EGG-INFO/PKG-INFO");
	return (n > 9 && has_suffix(name, n, ".egg-info")) ||
	       (n > 4 && has_suffix(name, n, ".whl")) || (n > 4 && has_suffix(name, n, ".egg"));
}

const struct crk_detector crk_detector_pypi_installed = {
	.name = "pypi/installed",
	.ecosystem = "PyPI",
	.match = installed_match,
	.parse = installed_parse,
	.doc = "*.dist-info/METADATA, *.egg-info/PKG-INFO, *.egg-info, *.whl, *.egg (Python "
	       "distributions)",
};
