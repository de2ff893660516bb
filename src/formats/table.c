/*
 * table.c - the "table" writer: components for a person to read, one a line, columns aligned:
 *
 *   NAME          VERSION  ECOSYSTEM  SCOPE     FOUND IN
 *   @babel/core   7.24.0   npm        dev       web/package-lock.json:12 (+1)
 *   ...
 *   3 components (2 ecosystems) from 2 files
 *
 * Sorted by ecosystem, then name, then version, ignoring case (then bytewise and by bom-ref,
 * so the order is total).
 * FOUND IN is the first place (by path, then line) the component was seen, "(+N)" counting the
 * others. Widths count code points, which is right for most text (CJK wide characters are
 * counted as one column). Every string comes from a scanned file, so before it reaches a
 * terminal each control character (C0, DEL, C1) and each byte that is not UTF-8 is written as
 * '?': a lockfile cannot move the cursor or change the terminal's title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "formats/writer.h"
#include "base/banned.h"

enum { COL_NAME, COL_VERSION, COL_ECO, COL_SCOPE, COL_FOUND, NCOLS };

static const char *const headers[NCOLS] = {"NAME", "VERSION", "ECOSYSTEM", "SCOPE", "FOUND IN"};

/* Length of the UTF-8 sequence at s (1..4), or 0 if it is not valid UTF-8; *printable tells
 * whether it is a character a terminal shows (not C0, DEL or C1). */
static size_t utf8_seq(const unsigned char *s, int *printable)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned long cp;
	*printable = 0;
	if (c < 0x80) {
		*printable = c >= 0x20 && c < 0x7f;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	*printable = cp >= 0xa0;
	return len;
}

/* Appends `s` made safe for a terminal (one '?' per control character or invalid byte);
 * returns its width in columns. */
static size_t add_safe(struct crk_strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0;
	while (*p) {
		int printable;
		size_t l = utf8_seq(p, &printable);
		if (l && printable)
			crk_strbuf_add(sb, p, l);
		else
			crk_strbuf_addch(sb, '?');
		p += l ? l : 1;
		width++;
	}
	return width;
}

struct row {
	const struct crk_component *c;
	const char *name; /* display name, in names */
	const struct crk_occurrence *first;
};

/* Case-insensitive first (npm between Debian and PyPI, as a person expects), then bytewise so
 * the order is total. */
static int cmp_text(const char *a, const char *b)
{
	int r;
	a = a ? a : "";
	b = b ? b : "";
	r = strcasecmp(a, b);
	return r ? r : strcmp(a, b);
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int r = cmp_text(x->c->ecosystem ? x->c->ecosystem : x->c->type,
			 y->c->ecosystem ? y->c->ecosystem : y->c->type);
	if (!r)
		r = cmp_text(x->name, y->name);
	if (!r)
		r = cmp_text(x->c->version, y->c->version);
	if (!r)
		r = strcmp(x->c->bom_ref, y->c->bom_ref);
	return r;
}

static const struct crk_occurrence *first_occ(const struct crk_component *c)
{
	const struct crk_occurrence *best = NULL;
	size_t i;
	for (i = 0; i < c->nocc; i++) {
		const struct crk_occurrence *o = &c->occ[i];
		int r;
		if (!best) {
			best = o;
			continue;
		}
		r = strcmp(o->path, best->path);
		if (r < 0 || (r == 0 && o->line < best->line))
			best = o;
	}
	return best;
}

/* Appends cell `col` of row `r` (safe for a terminal) and returns its width. */
static size_t add_cell(struct crk_strbuf *sb, const struct row *r, int col, char *num,
		       size_t numsz)
{
	const struct crk_component *c = r->c;
	size_t w;
	switch (col) {
	case COL_NAME: return add_safe(sb, r->name);
	case COL_VERSION: return add_safe(sb, c->version && *c->version ? c->version : "-");
	case COL_ECO: return add_safe(sb, c->ecosystem ? c->ecosystem : c->type);
	case COL_SCOPE: return add_safe(sb, crk_scope_str(c->scope));
	case COL_FOUND:
		if (!r->first)
			return add_safe(sb, "-");
		w = add_safe(sb, r->first->path);
		if (r->first->line) {
			snprintf(num, numsz, ":%u", r->first->line);
			w += add_safe(sb, num);
		}
		if (c->nocc > 1) {
			snprintf(num, numsz, " (+%zu)", c->nocc - 1);
			w += add_safe(sb, num);
		}
		return w;
	}
	return 0;
}

static void pad(struct crk_strbuf *sb, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		crk_strbuf_add(sb, spaces, k);
		n -= k;
	}
}

static int table_write(struct crk_strbuf *out, const struct crk_bom *bom,
		       const struct crk_write_opts *opts, struct crk_err *err)
{
	size_t n = crk_bom_count(bom), i, j, width[NCOLS], neco = 0, nfiles = 0;
	struct crk_strbuf names = CRK_STRBUF_INIT(0), scratch = CRK_STRBUF_INIT(0);
	struct crk_map ecos = CRK_MAP_INIT, files = CRK_MAP_INIT;
	struct row *rows = crk_calloc(n ? n : 1, sizeof(*rows));
	size_t *nameoff = crk_calloc(n ? n : 1, sizeof(*nameoff));
	char num[48];
	int col, oom = !rows || !nameoff;

	for (i = 0; i < n && !oom; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		const char *eco = c->ecosystem ? c->ecosystem : c->type;
		rows[i].c = c;
		rows[i].first = first_occ(c);
		nameoff[i] = names.len;
		crk_writer_display_name(&names, c);
		crk_strbuf_addch(&names, '\0');
		if (crk_map_put(&ecos, eco, strlen(eco), (void *)eco))
			oom = 1;
		for (j = 0; j < c->nocc && !oom; j++)
			if (*c->occ[j].path && /* "": from an SBOM read as input, no file */
			    crk_map_put(&files, c->occ[j].path, strlen(c->occ[j].path),
					(void *)c->occ[j].path))
				oom = 1;
	}
	if (oom || !crk_strbuf_ok(&names))
		goto out;
	for (i = 0; i < n; i++)
		rows[i].name = names.buf + nameoff[i];
	qsort(rows, n, sizeof(*rows), cmp_row);
	neco = ecos.n;
	nfiles = files.n;

	for (col = 0; col < NCOLS; col++)
		width[col] = strlen(headers[col]);
	for (i = 0; i < n; i++) {
		for (col = 0; col < NCOLS; col++) {
			size_t w;
			crk_strbuf_reset(&scratch);
			w = add_cell(&scratch, &rows[i], col, num, sizeof(num));
			if (w > width[col])
				width[col] = w;
		}
	}
	if (n) {
		for (col = 0; col < NCOLS; col++) {
			crk_strbuf_adds(out, headers[col]);
			if (col < NCOLS - 1)
				pad(out, width[col] - strlen(headers[col]) + 2);
		}
		crk_strbuf_addch(out, '\n');
	}
	for (i = 0; i < n; i++) {
		for (col = 0; col < NCOLS; col++) {
			size_t w = add_cell(out, &rows[i], col, num, sizeof(num));
			if (col < NCOLS - 1)
				pad(out, width[col] - w + 2);
		}
		crk_strbuf_addch(out, '\n');
	}
	crk_strbuf_addf(out, "%zu component%s (%zu ecosystem%s) from %zu file%s\n", n,
			n == 1 ? "" : "s", neco, neco == 1 ? "" : "s", nfiles,
			nfiles == 1 ? "" : "s");
out:
	crk_strbuf_release(&names);
	crk_strbuf_release(&scratch);
	crk_map_release(&ecos);
	crk_map_release(&files);
	crk_free(rows);
	crk_free(nameoff);
	if (oom || !crk_strbuf_ok(out))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0,
				   "cannot write the table: out of memory or larger than %zu bytes",
				   out->max);
	return CRK_OK;
}

const struct crk_writer crk_writer_table = {
	.name = "table",
	.description = "a table for people to read",
	.extension = ".txt",
	.write = table_write,
};
