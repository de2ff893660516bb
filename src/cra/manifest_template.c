/*
 * manifest_template.c - the commented cra.yaml that `crakit init` writes: every field of the
 * table in manifest_schema.c, in order, each under a comment saying what it is and which
 * article asks for it; the answers filled in, everything else empty ("not answered yet"), so
 * that the file parses as it is and `crakit assess` lists what is left to do.
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/cra.h"
#include "cra/manifest.h"
#include "base/banned.h"

struct tctx {
	struct crk_strbuf *sb;
	const struct crk_cra_init *a;
};

static void indent(struct crk_strbuf *sb, int depth)
{
	int i;
	for (i = 0; i < depth; i++)
		crk_strbuf_adds(sb, "  ");
}

/* A YAML double-quoted scalar. */
static void quoted(struct crk_strbuf *sb, const char *s)
{
	crk_strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			crk_strbuf_addf(sb, "\\%c", ch);
		else if (ch == '\n')
			crk_strbuf_adds(sb, "\\n");
		else if (ch == '\t')
			crk_strbuf_adds(sb, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			crk_strbuf_addf(sb, "\\x%02x", ch);
		else
			crk_strbuf_addch(sb, (char)ch);
	}
	crk_strbuf_addch(sb, '"');
}

static const char *answer(const struct crk_cra_init *a, const char *path)
{
	static const struct {
		const char *path;
		size_t off;
	} map[] = {
		{"manufacturer.name", offsetof(struct crk_cra_init, manufacturer)},
		{"manufacturer.address", offsetof(struct crk_cra_init, address)},
		{"manufacturer.email", offsetof(struct crk_cra_init, email)},
		{"manufacturer.website", offsetof(struct crk_cra_init, website)},
		{"manufacturer.country", offsetof(struct crk_cra_init, country)},
		{"product.name", offsetof(struct crk_cra_init, product)},
		{"product.type", offsetof(struct crk_cra_init, type)},
		{"product.versions", offsetof(struct crk_cra_init, version)},
		{"product.intended_purpose", offsetof(struct crk_cra_init, purpose)},
		{"product.kind", offsetof(struct crk_cra_init, kind)},
		{"support.start", offsetof(struct crk_cra_init, support_start)},
		{"support.end", offsetof(struct crk_cra_init, support_end)},
		{"contact.single_point_of_contact", offsetof(struct crk_cra_init, contact)},
		{"contact.vulnerability_reporting", offsetof(struct crk_cra_init, contact)},
		{"contact.disclosure_policy_url", offsetof(struct crk_cra_init, policy_url)},
		{"functionality.justification", offsetof(struct crk_cra_init, justification)},
	};
	size_t i;
	if (!a)
		return NULL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].path, path) == 0) {
			const char *v = *(const char *const *)((const char *)a + map[i].off);
			return v && *v ? v : NULL;
		}
	return NULL;
}

/* Booleans `init` answers: the scope questions. Exclusions default to false (the questions
 * ask "is it ..." and the default answer is no); the rest stay empty until answered. */
static const char *bool_answer(const struct crk_cra_init *a, const char *path)
{
	if (strcmp(path, "scope.open_source") == 0)
		return a && a->open_source ? (a->open_source == CRK_YES ? "true" : "false") : "false";
	if (strcmp(path, "scope.commercial_activity") == 0)
		return a && a->commercial ? (a->commercial == CRK_YES ? "true" : "false") : "true";
	if (strcmp(path, "scope.data_connection") == 0)
		return "true";
	if (strncmp(path, "scope.", 6) == 0)
		return "false";
	return NULL;
}

static int has_required(const struct crk_field *f)
{
	for (; f->key; f++)
		if (f->flags & CRK_FF_REQUIRED)
			return 1;
	return 0;
}

static void emit(struct tctx *t, const struct crk_field *fields, int depth, const char *prefix);

/* The sub-keys of a mapping, commented out, as an example to fill. */
static void skeleton(struct crk_strbuf *sb, const struct crk_field *f, int depth, int dash)
{
	int first = 1;
	for (; f->key; f++) {
		indent(sb, depth);
		crk_strbuf_adds(sb, "#");
		if (dash)
			crk_strbuf_adds(sb, first ? " - " : "   ");
		else
			crk_strbuf_adds(sb, " ");
		first = 0;
		crk_strbuf_addf(sb, "%s:%s # %s\n", f->key,
				f->kind == CRK_F_STRS || f->kind == CRK_F_REQ_IDS ? " []" : "",
				f->doc);
	}
}

static void emit_reqs(struct tctx *t, int depth)
{
	struct crk_strbuf *sb = t->sb;
	size_t i;
	indent(sb, depth);
	crk_strbuf_adds(sb, "# status: met, partial, not-met, not-applicable (Part I (2) only, with "
			    "a justification, Art. 13(4)) or unknown\n");
	indent(sb, depth);
	crk_strbuf_adds(sb, "# evidence: a list of {path: FILE, url: URL, note: TEXT}; also "
			    "implementation, reviewer, date\n");
	for (i = 0; i < CRK_CRA_NREQ; i++) {
		const struct crk_cra_requirement *r = crk_cra_requirement_at(i);
		indent(sb, depth);
		crk_strbuf_addf(sb, "# %s: %s\n", r->ref, r->title);
		indent(sb, depth);
		crk_strbuf_addf(sb, "%s:\n", r->id);
		indent(sb, depth + 1);
		crk_strbuf_adds(sb, "status: unknown\n");
		indent(sb, depth + 1);
		crk_strbuf_adds(sb, "evidence: []\n");
	}
}

static void emit(struct tctx *t, const struct crk_field *fields, int depth, const char *prefix)
{
	struct crk_strbuf *sb = t->sb;
	const struct crk_field *f;
	for (f = fields; f->key; f++) {
		char path[256];
		const char *v;
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." : "", f->key);
		if (depth == 0)
			crk_strbuf_addch(sb, '\n');
		indent(sb, depth);
		crk_strbuf_addf(sb, "# %s\n", f->doc);
		indent(sb, depth);
		switch (f->kind) {
		case CRK_F_INT: crk_strbuf_addf(sb, "%s: 1\n", f->key); break;
		case CRK_F_MAP:
			if ((f->flags & CRK_FF_REQUIRED) || !has_required(f->sub)) {
				crk_strbuf_addf(sb, "%s:\n", f->key);
				emit(t, f->sub, depth + 1, path);
			} else {
				crk_strbuf_addf(sb, "%s:\n", f->key);
				skeleton(sb, f->sub, depth + 1, 0);
			}
			break;
		case CRK_F_LIST:
			crk_strbuf_addf(sb, "%s:\n", f->key);
			skeleton(sb, f->sub, depth + 1, 1);
			break;
		case CRK_F_REQS:
			crk_strbuf_addf(sb, "%s:\n", f->key);
			emit_reqs(t, depth + 1);
			break;
		case CRK_F_BOOL:
			v = bool_answer(t->a, path);
			crk_strbuf_addf(sb, "%s:%s%s\n", f->key, v ? " " : "", v ? v : "");
			break;
		case CRK_F_CAT_IDS:
			crk_strbuf_addf(sb, "%s:", f->key);
			if (strcmp(path, "functionality.core") == 0 && t->a && t->a->core) {
				size_t i;
				crk_strbuf_adds(sb, " [");
				for (i = 0; t->a->core[i]; i++) {
					if (i)
						crk_strbuf_adds(sb, ", ");
					quoted(sb, t->a->core[i]);
				}
				crk_strbuf_addch(sb, ']');
			}
			crk_strbuf_addch(sb, '\n');
			break;
		case CRK_F_STRS:
		case CRK_F_REQ_IDS:
			v = answer(t->a, path);
			crk_strbuf_addf(sb, "%s:", f->key);
			if (v) {
				crk_strbuf_adds(sb, " [");
				quoted(sb, v);
				crk_strbuf_addch(sb, ']');
			}
			crk_strbuf_addch(sb, '\n');
			break;
		default:
			v = answer(t->a, path);
			crk_strbuf_addf(sb, "%s:", f->key);
			if (v) {
				crk_strbuf_addch(sb, ' ');
				quoted(sb, v);
			}
			crk_strbuf_addch(sb, '\n');
			break;
		}
	}
}

int crk_cra_manifest_template(char **out, size_t *len, const struct crk_cra_init *answers,
			      struct crk_err *err)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	struct tctx t = {&sb, answers};
	*out = NULL;
	crk_strbuf_adds(&sb, "# cra.yaml - the product's file for the EU Cyber Resilience Act "
			     "(Regulation (EU) 2024/2847).\n"
			     "# crakit classify, assess and docs read it. Every field is described "
			     "in docs/cra-yaml.md;\n"
			     "# docs/cra.schema.json lets editors check it. An empty value means "
			     "\"not answered yet\".\n");
	emit(&t, crk_cra__fields, 0, "");
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = crk_strbuf_detach(&sb, len);
	if (!*out)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	return CRK_OK;
}
