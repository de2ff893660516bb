/*
 * cmd_sbom_diff.c - `crakit sbom diff OLD NEW [--json]`: what changed between two SBOMs of a
 * product (any formats crakit reads, even two different ones). Manual: docs/cmd/sbom-diff.md.
 *
 * A package's identity is its purl without the version (and without qualifiers, except `arch`:
 * the same package for two architectures is two packages, while `distro=debian-12` becoming
 * `debian-13` is the same package moving on); a component without a purl is known by its group
 * and name. Per identity:
 *   only in NEW -> added; only in OLD -> removed; in both with other versions -> changed, with
 *   the direction the ecosystem's version order gives (include/crakit/version.h: upgrade,
 *   downgrade, or "changed" when the ecosystem has no comparator or a version does not parse).
 * With --licenses, a package whose version stayed but whose declared licence changed; with
 * --hashes, one whose version stayed but whose hash of an algorithm both sides give changed (the
 * same version with other bytes deserves a look). Output is sorted by identity, then version,
 * so the same inputs give the same bytes. Exit 0; 1 with --fail-on-change when anything is
 * reported (a CI gate); 2 usage; 3 an input cannot be read or parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/sbom_cli.h"
#include "crakit/sbomio.h"
#include "crakit/version.h"
#include "base/banned.h"

struct entry {
	char *id;      /* identity (heap) */
	const struct crk_component *c;
};

struct side {
	struct crk_bom *bom;
	struct entry *v;
	size_t n;
};

static int cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = strcmp(x->id, y->id);
	return r ? r : cmp_str0(x->c->version, y->c->version);
}

/* The identity of a component (heap string; NULL on ENOMEM). */
static char *identity(const struct crk_component *c)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	size_t i;
	if (c->purl) {
		const char *p = c->purl, *at = strchr(p, '@');
		size_t n = strcspn(p, "?#");
		if (at && (size_t)(at - p) < n)
			n = (size_t)(at - p);
		crk_strbuf_add(&sb, p, n);
		for (i = 0; i < c->nqualifiers; i++)
			if (strcmp(c->qualifiers[i].key, "arch") == 0)
				crk_strbuf_addf(&sb, "?arch=%s", c->qualifiers[i].value);
		if (c->subpath)
			crk_strbuf_addf(&sb, "#%s", c->subpath);
	} else {
		crk_strbuf_addf(&sb, "%s%s%s", c->ns ? c->ns : "", c->ns ? "/" : "", c->name);
	}
	if (!crk_strbuf_ok(&sb)) {
		crk_strbuf_release(&sb);
		return NULL;
	}
	return crk_strbuf_detach(&sb, NULL);
}

static int build(struct side *s)
{
	size_t i, n = crk_bom_count(s->bom);
	s->v = crk_calloc(n ? n : 1, sizeof(*s->v));
	if (!s->v)
		return -1;
	for (i = 0; i < n; i++) {
		s->v[i].c = crk_bom_get(s->bom, i);
		if (!(s->v[i].id = identity(s->v[i].c)))
			return -1;
		s->n++;
	}
	qsort(s->v, s->n, sizeof(*s->v), cmp_entry);
	return 0;
}

static void side_free(struct side *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		crk_free(s->v[i].id);
	crk_free(s->v);
	crk_bom_free(s->bom);
}

/* The name a person knows the package by. */
static void display(struct crk_strbuf *sb, const struct crk_component *c)
{
	crk_strbuf_reset(sb);
	if (c->ns && *c->ns && c->type && strcmp(c->type, "deb") && strcmp(c->type, "rpm") &&
	    strcmp(c->type, "apk"))
		crk_strbuf_addf(sb, "%s%c", c->ns, strcmp(c->type, "maven") == 0 ? ':' : '/');
	crk_strbuf_adds(sb, c->name);
}

struct report {
	int json, licenses, hashes;
	struct crk_strbuf out, tmp;
	size_t added, removed, changed, nlic, nhash;
	/* JSON: each section is written into its own buffer, joined at the end */
	struct crk_strbuf sec[5];
};

enum { S_ADDED, S_REMOVED, S_CHANGED, S_LIC, S_HASH };

static void json_common(struct crk_strbuf *b, const char *id, const struct crk_component *c,
			struct crk_strbuf *tmp)
{
	crk_strbuf_adds(b, b->len ? ",\n    {" : "\n    {");
	crk_strbuf_adds(b, "\"id\": ");
	crk_strbuf_add_json_quoted(b, id);
	display(tmp, c);
	crk_strbuf_adds(b, ", \"name\": ");
	crk_strbuf_add_json_quoted(b, tmp->buf);
	if (c->ecosystem) {
		crk_strbuf_adds(b, ", \"ecosystem\": ");
		crk_strbuf_add_json_quoted(b, c->ecosystem);
	}
}

static void json_versions(struct crk_strbuf *b, const char *key, const struct entry *v, size_t n)
{
	size_t i;
	crk_strbuf_addf(b, ", \"%s\": [", key);
	for (i = 0; i < n; i++) {
		if (i)
			crk_strbuf_adds(b, ", ");
		crk_strbuf_add_json_quoted(b, v[i].c->version ? v[i].c->version : "");
	}
	crk_strbuf_addch(b, ']');
}

static void text_versions(struct crk_strbuf *b, const struct entry *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (i)
			crk_strbuf_adds(b, ", ");
		crk_strbuf_adds(b, v[i].c->version ? v[i].c->version : "(no version)");
	}
}

/* Only in one side: each version added / removed. */
static void one_side(struct report *r, int sec, const struct entry *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct crk_strbuf *b = &r->sec[sec];
		if (r->json) {
			json_common(b, v[i].id, v[i].c, &r->tmp);
			crk_strbuf_adds(b, ", \"version\": ");
			crk_strbuf_add_json_quoted(b, v[i].c->version);
			if (v[i].c->purl) {
				crk_strbuf_adds(b, ", \"purl\": ");
				crk_strbuf_add_json_quoted(b, v[i].c->purl);
			}
			crk_strbuf_addch(b, '}');
		} else {
			display(&r->tmp, v[i].c);
			crk_strbuf_addf(b, "  %c %-40s %s\n", sec == S_ADDED ? '+' : '-', r->tmp.buf,
					v[i].c->version ? v[i].c->version : "(no version)");
		}
		if (sec == S_ADDED)
			r->added++;
		else
			r->removed++;
	}
}

/* The direction from the highest old version to the highest new one. */
static const char *direction(const struct entry *o, size_t no, const struct entry *n, size_t nn)
{
	const char *eco = o[0].c->ecosystem ? o[0].c->ecosystem : n[0].c->ecosystem;
	const char *a = o[no - 1].c->version, *b = n[nn - 1].c->version;
	int cmp = 0;
	if (!eco || !a || !b || crk_version_compare(eco, a, b, &cmp, NULL) != CRK_OK)
		return "changed";
	return cmp < 0 ? "upgrade" : cmp > 0 ? "downgrade" : "changed";
}

static int in_list(const struct entry *v, size_t n, const char *version)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (cmp_str0(v[i].c->version, version) == 0)
			return 1;
	return 0;
}

/* Same identity and version on both sides: licence and hash changes. */
static void same_version(struct report *r, const struct entry *o, const struct entry *n)
{
	const struct crk_component *a = o->c, *b = n->c;
	size_t i, j;
	if (r->licenses && cmp_str0(a->license, b->license) != 0) {
		struct crk_strbuf *s = &r->sec[S_LIC];
		if (r->json) {
			json_common(s, o->id, a, &r->tmp);
			crk_strbuf_adds(s, ", \"version\": ");
			crk_strbuf_add_json_quoted(s, a->version);
			crk_strbuf_adds(s, ", \"from\": ");
			crk_strbuf_add_json_quoted(s, a->license);
			crk_strbuf_adds(s, ", \"to\": ");
			crk_strbuf_add_json_quoted(s, b->license);
			crk_strbuf_addch(s, '}');
		} else {
			display(&r->tmp, a);
			crk_strbuf_addf(s, "  ~ %-40s %s: %s -> %s\n", r->tmp.buf,
					a->version ? a->version : "(no version)",
					a->license ? a->license : "(none)",
					b->license ? b->license : "(none)");
		}
		r->nlic++;
	}
	if (!r->hashes)
		return;
	for (i = 0; i < a->nhashes; i++)
		for (j = 0; j < b->nhashes; j++) {
			struct crk_strbuf *s = &r->sec[S_HASH];
			if (strcmp(a->hashes[i].alg, b->hashes[j].alg) != 0 ||
			    strcmp(a->hashes[i].value, b->hashes[j].value) == 0)
				continue;
			if (r->json) {
				json_common(s, o->id, a, &r->tmp);
				crk_strbuf_adds(s, ", \"version\": ");
				crk_strbuf_add_json_quoted(s, a->version);
				crk_strbuf_adds(s, ", \"alg\": ");
				crk_strbuf_add_json_quoted(s, a->hashes[i].alg);
				crk_strbuf_adds(s, ", \"from\": ");
				crk_strbuf_add_json_quoted(s, a->hashes[i].value);
				crk_strbuf_adds(s, ", \"to\": ");
				crk_strbuf_add_json_quoted(s, b->hashes[j].value);
				crk_strbuf_addch(s, '}');
			} else {
				display(&r->tmp, a);
				crk_strbuf_addf(s, "  ! %-40s %s: %s %.16s... -> %.16s...\n", r->tmp.buf,
						a->version ? a->version : "(no version)",
						a->hashes[i].alg, a->hashes[i].value,
						b->hashes[j].value);
			}
			r->nhash++;
		}
}

static void compare(struct report *r, const struct side *o, const struct side *n)
{
	size_t i = 0, j = 0;
	while (i < o->n || j < n->n) {
		int c = i == o->n ? 1 : j == n->n ? -1 : strcmp(o->v[i].id, n->v[j].id);
		size_t i2 = i, j2 = j, k;
		if (c < 0) {
			while (i2 < o->n && strcmp(o->v[i2].id, o->v[i].id) == 0)
				i2++;
			one_side(r, S_REMOVED, &o->v[i], i2 - i);
			i = i2;
			continue;
		}
		if (c > 0) {
			while (j2 < n->n && strcmp(n->v[j2].id, n->v[j].id) == 0)
				j2++;
			one_side(r, S_ADDED, &n->v[j], j2 - j);
			j = j2;
			continue;
		}
		while (i2 < o->n && strcmp(o->v[i2].id, o->v[i].id) == 0)
			i2++;
		while (j2 < n->n && strcmp(n->v[j2].id, n->v[j].id) == 0)
			j2++;
		{
			/* the same versions on both sides? */
			int same = i2 - i == j2 - j;
			for (k = 0; same && k < i2 - i; k++)
				same = cmp_str0(o->v[i + k].c->version, n->v[j + k].c->version) == 0;
			if (same) {
				for (k = 0; k < i2 - i; k++)
					same_version(r, &o->v[i + k], &n->v[j + k]);
			} else {
				struct crk_strbuf *b = &r->sec[S_CHANGED];
				const char *dir = direction(&o->v[i], i2 - i, &n->v[j], j2 - j);
				if (r->json) {
					json_common(b, o->v[i].id, n->v[j].c, &r->tmp);
					json_versions(b, "from", &o->v[i], i2 - i);
					json_versions(b, "to", &n->v[j], j2 - j);
					crk_strbuf_adds(b, ", \"direction\": ");
					crk_strbuf_add_json_quoted(b, dir);
					crk_strbuf_addch(b, '}');
				} else {
					display(&r->tmp, n->v[j].c);
					crk_strbuf_addf(b, "  ~ %-40s ", r->tmp.buf);
					text_versions(b, &o->v[i], i2 - i);
					crk_strbuf_adds(b, " -> ");
					text_versions(b, &n->v[j], j2 - j);
					crk_strbuf_addf(b, " (%s)\n", dir);
				}
				r->changed++;
				/* versions on both sides still compare for licences and hashes */
				for (k = j; k < j2; k++)
					if (in_list(&o->v[i], i2 - i, n->v[k].c->version)) {
						size_t m;
						for (m = i; m < i2; m++)
							if (cmp_str0(o->v[m].c->version,
								     n->v[k].c->version) == 0)
								same_version(r, &o->v[m], &n->v[k]);
					}
			}
		}
		i = i2;
		j = j2;
	}
}

static void emit(struct report *r)
{
	static const char *const keys[] = {"added", "removed", "changed", "licenses", "hashes"};
	static const char *const titles[] = {"added", "removed", "changed versions",
					     "changed licences", "changed hashes"};
	size_t counts[5] = {r->added, r->removed, r->changed, r->nlic, r->nhash};
	size_t k;
	if (r->json) {
		crk_strbuf_adds(&r->out, "{\n");
		for (k = 0; k < 5; k++) {
			if ((k == S_LIC && !r->licenses) || (k == S_HASH && !r->hashes))
				continue;
			crk_strbuf_addf(&r->out, "  \"%s\": [", keys[k]);
			crk_strbuf_add(&r->out, r->sec[k].buf, r->sec[k].len);
			crk_strbuf_adds(&r->out, r->sec[k].len ? "\n  ],\n" : "],\n");
		}
		crk_strbuf_addf(&r->out, "  \"summary\": {\"added\": %zu, \"removed\": %zu, "
					 "\"changed\": %zu",
				r->added, r->removed, r->changed);
		if (r->licenses)
			crk_strbuf_addf(&r->out, ", \"licenses\": %zu", r->nlic);
		if (r->hashes)
			crk_strbuf_addf(&r->out, ", \"hashes\": %zu", r->nhash);
		crk_strbuf_adds(&r->out, "}\n}\n");
		return;
	}
	for (k = 0; k < 5; k++) {
		if (!counts[k])
			continue;
		crk_strbuf_addf(&r->out, "%s (%zu):\n", titles[k], counts[k]);
		crk_strbuf_add(&r->out, r->sec[k].buf, r->sec[k].len);
	}
	crk_strbuf_addf(&r->out, "%zu added, %zu removed, %zu changed", r->added, r->removed,
			r->changed);
	if (r->licenses)
		crk_strbuf_addf(&r->out, ", %zu licence change%s", r->nlic, r->nlic == 1 ? "" : "s");
	if (r->hashes)
		crk_strbuf_addf(&r->out, ", %zu hash change%s", r->nhash, r->nhash == 1 ? "" : "s");
	crk_strbuf_addch(&r->out, '\n');
}

int cmd_sbom_diff(int argc, char **argv)
{
	int json = 0, licenses = 0, hashes = 0, fail = 0, quiet = 0;
	const struct crk_opt opts[] = {
		{"json", 0, CRK_OPT_FLAG, &json, NULL, "the result as JSON (stable keys and order)"},
		{"licenses", 0, CRK_OPT_FLAG, &licenses, NULL,
		 "also report declared licences that changed at the same version"},
		{"hashes", 0, CRK_OPT_FLAG, &hashes, NULL,
		 "also report hashes that changed at the same version"},
		{"fail-on-change", 0, CRK_OPT_FLAG, &fail, NULL,
		 "exit 1 when anything is reported"},
		{"quiet", 'q', CRK_OPT_FLAG, &quiet, NULL, "no warnings about the inputs on stderr"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	struct crk_sbom_info info;
	struct side o, n;
	struct report r;
	const char **pos = NULL;
	size_t npos, k;
	int rc, ex;

	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	memset(&r, 0, sizeof(r));
	crk_strbuf_init(&r.out, 0);
	crk_strbuf_init(&r.tmp, 0);
	for (k = 0; k < 5; k++)
		crk_strbuf_init(&r.sec[k], 0);
	rc = crk_opt_parse("sbom diff", "[OPTIONS] OLD NEW", opts, argc, argv, &pos, &npos);
	if (rc) {
		ex = rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
		goto out;
	}
	if (npos != 2) {
		fprintf(stderr, "crakit sbom diff: error: give two SBOMs, the old one first (got %zu)\n",
			npos);
		fprintf(stderr, "hint: crakit sbom diff release-1.0.cdx.json release-1.1.cdx.json\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	ex = crk_cli_read_sbom("sbom diff", pos[0], quiet, 0, &o.bom, &info);
	if (!ex)
		ex = crk_cli_read_sbom("sbom diff", pos[1], quiet, 0, &n.bom, &info);
	if (ex)
		goto out;
	if (build(&o) || build(&n)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	r.json = json;
	r.licenses = licenses;
	r.hashes = hashes;
	compare(&r, &o, &n);
	emit(&r);
	for (k = 0; k < 5; k++)
		if (!crk_strbuf_ok(&r.sec[k]))
			r.out.failed = 1;
	if (!crk_strbuf_ok(&r.out) || !crk_strbuf_ok(&r.tmp)) {
		fprintf(stderr, "crakit: error: out of memory\n");
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	if (fwrite(r.out.buf, 1, r.out.len, stdout) != r.out.len || fflush(stdout) != 0) {
		fprintf(stderr, "crakit: error: cannot write to standard output\n");
		ex = CRK_EXIT_INPUT;
		goto out;
	}
	if (fail && r.added + r.removed + r.changed + r.nlic + r.nhash)
		ex = CRK_EXIT_POLICY;
out:
	side_free(&o);
	side_free(&n);
	crk_strbuf_release(&r.out);
	crk_strbuf_release(&r.tmp);
	for (k = 0; k < 5; k++)
		crk_strbuf_release(&r.sec[k]);
	crk_free(pos);
	return ex;
}
