/*
 * conformance.c - compares what crakit finds in every lockfile fixture of the shared corpus with
 * what the peer tool's tests assert (corpus README.md, section "lockfiles/").
 *
 * For each row of $CRAKIT_CORPUS/lockfiles/INDEX.json whose `parse_as` has a detector, the fixture
 * is parsed through crk_sbom_parse_file() (siblings such as go.sum and requirements `-r` targets
 * are read from the fixture's own folder) and compared with its `*.expected.json`:
 *
 *  - an error is expected exactly when the detector returns a negative status;
 *  - packages are compared as a SET of (name, version, ecosystem): crakit de-duplicates by purl,
 *    so duplicates in the peer's list (npm nested copies, two NuGet frameworks) are folded first,
 *    as the corpus README allows. "match": "subset" means every listed package is present and
 *    the number of distinct triples equals "count";
 *  - normalisations the README documents: Go versions are compared without crakit's leading `v`;
 *    an unpinned requirement (version null) and a Go local replace (version "") both match a
 *    component without a version; PyPI names that differ only by PEP 503 normalisation match
 *    when no exact match exists;
 *  - fields, where both sides have them: the purl without qualifiers (when the peer gives one;
 *    OS package qualifiers are conventions the README says to check separately), `line` (the
 *    first place crakit saw the component; skipped when crakit reports no line), `dev` (when
 *    `peer_tracks_groups`: dev <=> CRK_SCOPE_DEV) and `commit` (either a prefix of the other).
 *    A field mismatch fails the fixture: a wrong line is a bug too.
 *
 * `variants` and `peer_config` describe options crakit does not offer and are ignored.
 * tests/data/conformance-quirks.txt lists peer quirks, one line "<expected.json path relative to
 * the corpus root> <why>": a listed fixture that mismatches is "explained"; one that matches is a
 * failure ("quirk no longer needed"), so the file stays honest. A `_file-detection.json` case is
 * listed as "<_file-detection.json path>#<case path> <why>".
 *
 * Output: one line per ecosystem/format ("npm/package-lock: X/Y fixtures match (E explained)"),
 * indented details of every failure (and of everything with --verbose), "file detection: X/Y",
 * then "conformance: N passed, N failed, N skipped" (fixtures; a _file-detection.json counts as
 * one; skipped = no detector or explained). Exit 1 when anything failed. Run from the repo root.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/err.h"
#include "crakit/sbom.h"
#include "base/banned.h"

#define MAX_SHOWN 10 /* items printed per list */
#define MAX_LINES 8  /* distinct lines kept per package */

struct opts {
	const char *corpus;
	const char *format;  /* only this format_dir (or eco/format) */
	const char *fixture; /* only fixtures whose path contains this */
	const char *quirks;  /* path of the quirks file */
	int verbose, list;
};

struct quirk {
	const char *reason;
	int used;
};

/* A (name, version, ecosystem) triple with the fields compared for it. */
struct item {
	const char *key, *name, *version, *eco;
	const char *purl;   /* first one seen (expected: as written; ours: canonical) */
	const char *commit; /* expected "commit" / our vcs_commit */
	unsigned lines[MAX_LINES];
	size_t nlines;
	int has_line; /* expected: some entry had "line" */
	int dev;      /* expected: every entry had "dev": true; ours: scope == DEV */
	int scope;    /* ours: smallest scope seen */
	size_t peer;  /* index of the matched item on the other side + 1, or 0 */
};

struct items {
	struct item *v;
	size_t n, alloc;
	struct crk_map by_key; /* key -> index + 1 */
};

struct slist {
	const char **v;
	size_t n, alloc;
};

/* What a fixture run found. */
struct result {
	struct slist missing, extra, fields, notes;
	int rc_mismatch;
};

enum verdict { V_PASS, V_FAIL, V_EXPLAINED, V_STALE, V_SKIP };

struct group {
	const char *eco, *fmt;
	size_t *rows;
	size_t nrows, alloc;
	const char *detector; /* detector for the format's parse_as, NULL if none */
	size_t pass, fail, explained, nodet;
};

struct totals {
	size_t pass, fail, skip;
	size_t det_pass, det_fail, det_explained, det_total;
};

static struct crk_map quirks;
static struct crk_arena run_arena;
static const char *quirk_keys[4096];
static size_t nquirk_keys;

/* ---------------------------------------------------------------- small helpers */

static int slist_add(struct slist *l, const char *s)
{
	if (!s || CRK_GROW(l->v, l->alloc, l->n + 1))
		return -1;
	l->v[l->n++] = s;
	return 0;
}

static void slist_free(struct slist *l)
{
	crk_free(l->v);
	memset(l, 0, sizeof(*l));
}

static void result_free(struct result *r)
{
	slist_free(&r->missing);
	slist_free(&r->extra);
	slist_free(&r->fields);
	slist_free(&r->notes);
}

static void items_free(struct items *it)
{
	crk_free(it->v);
	crk_map_release(&it->by_key);
	memset(it, 0, sizeof(*it));
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* PEP 503: lowercase, runs of '-', '_' and '.' become one '-'. */
static char *pep503(struct crk_arena *a, const char *s)
{
	size_t n = strlen(s), i, j = 0;
	char *out = crk_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '-' || s[i] == '_' || s[i] == '.') {
			if (j == 0 || out[j - 1] != '-')
				out[j++] = '-';
		} else {
			out[j++] = (char)tolower((unsigned char)s[i]);
		}
	}
	out[j] = 0;
	return out;
}

/* The purl without its qualifiers ("?..." up to "#"). */
static char *purl_noqual(struct crk_arena *a, const char *p)
{
	const char *q = strchr(p, '?'), *h;
	if (!q)
		return crk_arena_strdup(a, p);
	h = strchr(q, '#');
	return crk_arena_printf(a, "%.*s%s", (int)(q - p), p, h ? h : "");
}

static const char *show(struct crk_arena *a, const struct item *it)
{
	if (!it->version[0])
		return crk_arena_printf(a, "%s (no version) [%s]", it->name, it->eco);
	return crk_arena_printf(a, "%s@%s [%s]", it->name, it->version, it->eco);
}

/* ---------------------------------------------------------------- items */

static struct item *items_get(struct items *it, struct crk_arena *a, const char *name,
			      const char *version, const char *eco)
{
	const char *key = crk_arena_printf(a, "%s\x1f%s\x1f%s", name, version, eco);
	void *v;
	struct item *x;
	if (!key)
		return NULL;
	v = crk_map_get(&it->by_key, key, strlen(key));
	if (v)
		return &it->v[(size_t)v - 1];
	if (CRK_GROW(it->v, it->alloc, it->n + 1))
		return NULL;
	x = &it->v[it->n];
	memset(x, 0, sizeof(*x));
	x->key = key;
	x->name = name;
	x->version = version;
	x->eco = eco;
	x->dev = 1;
	x->scope = -1;
	if (crk_map_put(&it->by_key, key, strlen(key), (void *)(it->n + 1)))
		return NULL;
	it->n++;
	return x;
}

static void add_line(struct item *x, unsigned line)
{
	size_t i;
	for (i = 0; i < x->nlines; i++)
		if (x->lines[i] == line)
			return;
	if (x->nlines < MAX_LINES)
		x->lines[x->nlines++] = line;
}

/* The name as the ecosystem writes it, from purl namespace and name. */
static const char *our_name(struct crk_arena *a, const struct crk_component *c)
{
	static const char *const os_types[] = {"deb", "apk", "rpm", "alpm", "opkg", NULL};
	size_t i;
	if (!c->ns || !c->ns[0])
		return c->name;
	for (i = 0; os_types[i]; i++)
		if (strcmp(c->type, os_types[i]) == 0)
			return c->name; /* the namespace is the distribution */
	if (strcmp(c->type, "maven") == 0)
		return crk_arena_printf(a, "%s:%s", c->ns, c->name);
	return crk_arena_printf(a, "%s/%s", c->ns, c->name);
}

static int collect_ours(struct items *ours, struct crk_arena *a, struct crk_bom *bom)
{
	size_t i, n = crk_bom_count(bom);
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		const char *eco = c->ecosystem ? c->ecosystem : "";
		const char *ver = c->version ? c->version : "";
		const char *name = our_name(a, c);
		struct item *x;
		if (strcmp(eco, "Go") == 0 && ver[0] == 'v')
			ver++; /* the corpus writes Go versions without the "v" go.mod has */
		if (!name || !(x = items_get(ours, a, name, ver, eco)))
			return -1;
		if (!x->purl && c->purl)
			x->purl = c->purl;
		if (!x->commit && c->vcs_commit)
			x->commit = c->vcs_commit;
		if (c->nocc && c->occ[0].line)
			add_line(x, c->occ[0].line);
		if (x->scope < 0 || (int)c->scope < x->scope)
			x->scope = (int)c->scope;
		x->dev = x->scope == CRK_SCOPE_DEV;
	}
	return 0;
}

static int collect_expected(struct items *exp, struct crk_arena *a, json_t *pkgs)
{
	size_t i;
	json_t *p;
	json_array_foreach(pkgs, i, p)
	{
		const char *name = jstr(p, "name"), *ver = jstr(p, "version");
		const char *eco = jstr(p, "ecosystem");
		json_t *line = json_object_get(p, "line");
		struct item *x;
		if (!(x = items_get(exp, a, name ? name : "", ver ? ver : "", eco ? eco : "")))
			return -1;
		if (!x->purl && jstr(p, "purl"))
			x->purl = jstr(p, "purl");
		if (!x->commit && jstr(p, "commit") && jstr(p, "commit")[0])
			x->commit = jstr(p, "commit");
		if (json_is_integer(line)) {
			x->has_line = 1;
			add_line(x, (unsigned)json_integer_value(line));
		}
		/* duplicates: dev only when every copy is dev (crakit merges to the widest scope) */
		if (!json_is_true(json_object_get(p, "dev")))
			x->dev = 0;
	}
	return 0;
}

static int prefix_eq(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	return strncasecmp(a, b, na < nb ? na : nb) == 0;
}

/* Matches the two sides and fills `res`. */
static int compare(struct items *exp, struct items *ours, struct crk_arena *a, json_t *ej,
		   struct result *res)
{
	int groups = json_is_true(json_object_get(ej, "peer_tracks_groups"));
	size_t i, j;

	for (i = 0; i < exp->n; i++) {
		struct item *e = &exp->v[i];
		void *v = crk_map_get(&ours->by_key, e->key, strlen(e->key));
		if (v) {
			e->peer = (size_t)v;
			ours->v[(size_t)v - 1].peer = i + 1;
		}
	}
	/* PyPI names equal under PEP 503, when no exact match was found */
	for (i = 0; i < exp->n; i++) {
		struct item *e = &exp->v[i];
		const char *en;
		if (e->peer || strcmp(e->eco, "PyPI") != 0 || !(en = pep503(a, e->name)))
			continue;
		for (j = 0; j < ours->n; j++) {
			struct item *o = &ours->v[j];
			const char *on;
			if (o->peer || strcmp(o->eco, e->eco) != 0 ||
			    strcmp(o->version, e->version) != 0)
				continue;
			if ((on = pep503(a, o->name)) && strcmp(on, en) == 0) {
				e->peer = j + 1;
				o->peer = i + 1;
				slist_add(&res->notes,
					  crk_arena_printf(a, "pypi name %s matched %s (PEP 503)",
							   o->name, e->name));
				break;
			}
		}
	}
	for (i = 0; i < exp->n; i++) {
		struct item *e = &exp->v[i], *o;
		const char *who;
		if (!e->peer) {
			if (slist_add(&res->missing, show(a, e)))
				return -1;
			continue;
		}
		o = &ours->v[e->peer - 1];
		who = show(a, e);
		if (e->purl) {
			const char *ep = purl_noqual(a, e->purl);
			const char *op = o->purl ? purl_noqual(a, o->purl) : NULL;
			if (!op)
				slist_add(&res->fields,
					  crk_arena_printf(a, "%s: purl: expected %s, got none", who, ep));
			else if (ep && strcmp(ep, op) != 0)
				slist_add(&res->fields,
					  crk_arena_printf(a, "%s: purl: expected %s, got %s", who, ep,
							   op));
		}
		if (e->has_line) {
			int hit = 0;
			size_t k, l;
			for (k = 0; k < o->nlines; k++)
				for (l = 0; l < e->nlines; l++)
					hit |= o->lines[k] == e->lines[l];
			if (!o->nlines)
				slist_add(&res->notes,
					  crk_arena_printf(a, "%s: line %u expected, crakit reports none",
							   who, e->lines[0]));
			else if (!hit)
				slist_add(&res->fields,
					  crk_arena_printf(a, "%s: line: expected %u, got %u", who,
							   e->lines[0], o->lines[0]));
		}
		if (groups && e->dev != o->dev)
			slist_add(&res->fields,
				  crk_arena_printf(a, "%s: dev: expected %s, got scope %s", who,
						   e->dev ? "true" : "false",
						   crk_scope_str((enum crk_scope)o->scope)));
		if (e->commit && o->commit && !prefix_eq(e->commit, o->commit))
			slist_add(&res->fields,
				  crk_arena_printf(a, "%s: commit: expected %s, got %s", who,
						   e->commit, o->commit));
	}
	for (j = 0; j < ours->n; j++)
		if (!ours->v[j].peer && slist_add(&res->extra, show(a, &ours->v[j])))
			return -1;
	return 0;
}

/* ---------------------------------------------------------------- parse_as */

/*
 * A few formats name a pattern rather than a file ("APP.deps.json", "node_modules/NAME/
 * package.json", "site-packages/NAME.dist-info/METADATA or NAME.egg-info/PKG-INFO",
 * "*.cdx.json / bom.json"): pick the alternative that fits the fixture and fill the placeholders.
 */
static const char *resolve_parse_as(struct crk_arena *a, const char *parse_as, const char *fixture)
{
	const char *fb = base_name(fixture), *s = parse_as, *pick = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	int egg = strstr(fb, "egg") || strcasestr(fb, "pkginfo");
	char *out;
	size_t i;

	/* alternatives are separated by " or " and " / " */
	while (*s) {
		const char *or = strstr(s, " or "), *sl = strstr(s, " / "), *end;
		size_t seplen;
		char *alt;
		end = or && (!sl || or < sl) ? or : sl;
		seplen = end == or ? 4 : 3;
		alt = crk_arena_strndup(a, s, end ? (size_t)(end - s) : strlen(s));
		if (!alt)
			return NULL;
		if (strchr(alt, '*') && fnmatch(alt, fb, 0) == 0)
			return crk_arena_strdup(a, fb);
		if (!pick || (egg && strstr(alt, "PKG-INFO")))
			pick = alt;
		s = end ? end + seplen : s + strlen(s);
	}
	if (!pick)
		return parse_as;
	for (i = 0; pick[i]; i++) {
		if (strncmp(pick + i, "NAME", 4) == 0) {
			crk_strbuf_adds(&sb, "pkg");
			i += 3;
		} else if (strncmp(pick + i, "APP", 3) == 0) {
			crk_strbuf_adds(&sb, "app");
			i += 2;
		} else if (strncmp(pick + i, "PROJECT", 7) == 0) {
			crk_strbuf_adds(&sb, "project");
			i += 6;
		} else if (pick[i] == '*') {
			crk_strbuf_adds(&sb, "bom");
		} else {
			crk_strbuf_addch(&sb, pick[i]);
		}
	}
	out = crk_strbuf_ok(&sb) ? crk_arena_strdup(a, sb.buf) : NULL;
	crk_strbuf_release(&sb);
	return out;
}

/*
 * Siblings a format reads under a fixed name, stored beside the fixture under the fixture's stem
 * (osv-scalibr's "indirect-1.16.mod" + "indirect-1.16.sum"): copied into a temporary folder under
 * the name the detector looks for.
 */
static const struct {
	const char *parse_as, *fixture_ext, *sibling_ext, *sibling_name;
} renamed_siblings[] = {
	{"go.mod", ".mod", ".sum", "go.sum"},
};

static int copy_file(const char *from, const char *to)
{
	char *buf;
	size_t len;
	struct crk_err err;
	FILE *f;
	int rc = -1;
	if (crk_read_file(from, CRK_MAX_FILE_SIZE, &buf, &len, &err))
		return -1;
	if ((f = fopen(to, "wb"))) {
		if (fwrite(buf, 1, len, f) == len)
			rc = 0;
		if (fclose(f))
			rc = -1;
	}
	crk_free(buf);
	return rc;
}

/* Returns the folder to read siblings from; *tmp is set when a temporary one was made. */
static const char *sibling_dir(struct crk_arena *a, const char *fixture_abs, const char *parse_as,
			       char **tmp, char **tmpfile)
{
	const char *slash = strrchr(fixture_abs, '/');
	const char *dir = slash ? crk_arena_strndup(a, fixture_abs, (size_t)(slash - fixture_abs))
				: ".";
	size_t i;
	*tmp = *tmpfile = NULL;
	for (i = 0; i < sizeof(renamed_siblings) / sizeof(renamed_siblings[0]); i++) {
		const char *fb = base_name(fixture_abs), *ext = renamed_siblings[i].fixture_ext;
		size_t fl = strlen(fixture_abs), el = strlen(ext);
		const char *sib;
		char tmpl[] = "/tmp/crakit-conformance-XXXXXX";
		const char *td = getenv("TMPDIR");
		char *t;
		if (strcmp(base_name(parse_as), renamed_siblings[i].parse_as) != 0 ||
		    strcmp(fb, renamed_siblings[i].parse_as) == 0 || fl < el ||
		    strcmp(fixture_abs + fl - el, ext) != 0)
			continue;
		sib = crk_arena_printf(a, "%.*s%s", (int)(fl - el), fixture_abs,
				       renamed_siblings[i].sibling_ext);
		if (!sib || !is_file(sib))
			continue;
		t = td && td[0] ? crk_arena_printf(a, "%s/crakit-conformance-XXXXXX", td)
				: crk_arena_strdup(a, tmpl);
		if (!t || !mkdtemp(t))
			return dir;
		*tmp = t;
		*tmpfile = crk_arena_printf(a, "%s/%s", t, renamed_siblings[i].sibling_name);
		if (!*tmpfile || copy_file(sib, *tmpfile)) {
			*tmpfile = NULL;
			return dir;
		}
		return t;
	}
	return dir;
}

/* The name of the folder holding the fixture ("status.d" for .../dpkg/status.d/foo), or NULL. */
static const char *parent_name(struct crk_arena *a, const char *fix_rel)
{
	const char *fb = base_name(fix_rel), *p;
	if (fb == fix_rel)
		return NULL;
	for (p = fb - 1; p > fix_rel && p[-1] != '/'; p--)
		;
	return crk_arena_strndup(a, p, (size_t)(fb - 1 - p));
}

static const char *drop_in_path(struct crk_arena *a, const char *parse_as, const char *fix_rel)
{
	const char *parent = parent_name(a, fix_rel);
	size_t n = parent ? strlen(parent) : 0;
	if (n < 3 || strcmp(parent + n - 2, ".d") != 0)
		return NULL;
	return crk_arena_printf(a, "%.*s%s/%s", (int)(base_name(parse_as) - parse_as), parse_as,
				parent, base_name(fix_rel));
}

static const char *not_read_path(struct crk_arena *a, const char *parse_as, const char *fix_rel)
{
	const char *p = drop_in_path(a, parse_as, fix_rel);
	return p ? p : parse_as;
}

/*
 * Where the fixture stands in a real tree, when that tells more than `parse_as`:
 *  - a fixture in a drop-in folder ("status.d/foo") is parse_as's folder + "status.d/foo"; when
 *    this format's detector does not take that path, the file is not read (*not_read), as in a
 *    real tree (the peer's test walked the folder: "status.d/foo.md5sums" yields nothing);
 *  - a fixture stored under another name the same detector reads ("npm-shrinkwrap.json" for
 *    "package-lock.json") is parsed under its own name: detectors may tell them apart.
 */
static const char *own_path(struct crk_arena *a, const char *parse_as, const char *fix_rel,
			    const char *det, int *not_read)
{
	const char *cand = drop_in_path(a, parse_as, fix_rel), *d;
	*not_read = 0;
	if (cand) {
		d = crk_sbom_detector_for(cand);
		if (d && strcmp(d, det) == 0)
			return cand;
		*not_read = 1;
		return parse_as;
	}
	if (strcmp(base_name(fix_rel), base_name(parse_as)) == 0)
		return parse_as;
	cand = crk_arena_printf(a, "%.*s%s", (int)(base_name(parse_as) - parse_as), parse_as,
				base_name(fix_rel));
	if (!cand)
		return NULL;
	d = crk_sbom_detector_for(cand);
	return d && strcmp(d, det) == 0 ? cand : parse_as;
}

/* ---------------------------------------------------------------- one fixture */

static void print_list(struct crk_strbuf *out, const char *what, const struct slist *l)
{
	size_t i;
	if (!l->n)
		return;
	crk_strbuf_addf(out, "    %s (%zu):\n", what, l->n);
	for (i = 0; i < l->n && i < MAX_SHOWN; i++)
		crk_strbuf_addf(out, "      %s\n", l->v[i]);
	if (l->n > MAX_SHOWN)
		crk_strbuf_addf(out, "      ... and %zu more\n", l->n - MAX_SHOWN);
}

static enum verdict run_fixture(const struct opts *o, json_t *row, struct crk_strbuf *out,
				const char **detector_out)
{
	const char *exp_rel = jstr(row, "expected"), *fix_rel = jstr(row, "fixture");
	struct crk_arena a = CRK_ARENA_INIT;
	struct items exp, ours;
	struct result res;
	struct crk_diags diags;
	struct crk_err err;
	struct crk_bom *bom = NULL;
	struct quirk *q;
	json_t *ej = NULL, *pkgs;
	json_error_t jerr;
	const char *parse_as, *det, *exp_abs, *fix_abs, *dir, *osr;
	char *buf = NULL, *tmpdir = NULL, *tmpfile = NULL;
	size_t len = 0, i;
	int rc, want_error, mismatch = 0, not_read = 0;
	enum verdict v = V_FAIL;
	json_t *count;

	memset(&exp, 0, sizeof(exp));
	memset(&ours, 0, sizeof(ours));
	memset(&res, 0, sizeof(res));
	crk_diags_init(&diags);
	crk_err_clear(&err);
	*detector_out = NULL;
	if (!exp_rel || !fix_rel) {
		crk_strbuf_addf(out, "  FAIL INDEX.json row without expected/fixture\n");
		goto out;
	}
	q = crk_map_get(&quirks, exp_rel, strlen(exp_rel));
	exp_abs = crk_arena_printf(&a, "%s/%s", o->corpus, exp_rel);
	fix_abs = crk_arena_printf(&a, "%s/%s", o->corpus, fix_rel);
	if (!exp_abs || !fix_abs)
		goto oom;
	ej = json_load_file(exp_abs, 0, &jerr);
	if (!ej) {
		crk_strbuf_addf(out, "  FAIL %s: %d:%d: %s\n", exp_rel, jerr.line, jerr.column,
				jerr.text);
		goto out;
	}
	parse_as = jstr(ej, "parse_as") ? jstr(ej, "parse_as") : jstr(row, "parse_as");
	if (!parse_as || !(parse_as = resolve_parse_as(&a, parse_as, fix_rel)))
		goto oom;
	det = crk_sbom_detector_for(parse_as);
	if (det && !(parse_as = own_path(&a, parse_as, fix_rel, det, &not_read)))
		goto oom;
	if (!det) {
		v = V_SKIP;
		if (o->list)
			crk_strbuf_addf(out, "  skip %s (no detector for %s)\n", exp_rel, parse_as);
		goto out;
	}
	*detector_out = det;
	if (q)
		q->used = 1;

	rc = crk_read_file(fix_abs, CRK_MAX_FILE_SIZE, &buf, &len, &err);
	if (rc) {
		crk_strbuf_addf(out, "  FAIL %s: cannot read the fixture: %s\n", exp_rel, err.msg);
		goto out;
	}
	if (!(bom = crk_bom_new()))
		goto oom;
	osr = jstr(ej, "os_release");
	if (osr && osr[0] && crk_os_release_parse(bom, osr, strlen(osr), &err))
		goto oom;
	dir = sibling_dir(&a, fix_abs, parse_as, &tmpdir, &tmpfile);
	if (!dir)
		goto oom;
	if (not_read) {
		rc = CRK_OK;
		slist_add(&res.notes, crk_arena_printf(&a, "not read: %s takes no file named %s",
						       det, not_read_path(&a, parse_as, fix_rel)));
	} else {
		rc = crk_sbom_parse_file(bom, parse_as, fix_rel, dir, buf, len, &diags, &err);
	}
	if (tmpfile)
		unlink(tmpfile);
	if (tmpdir)
		rmdir(tmpdir);
	if (rc == CRK_ENOMEM)
		goto oom;

	want_error = !json_is_null(json_object_get(ej, "error")) &&
		     json_object_get(ej, "error") != NULL;
	if (want_error && rc >= 0) {
		res.rc_mismatch = 1;
		slist_add(&res.fields, crk_arena_printf(&a, "an error was expected (peer: \"%s\"), "
							    "crakit returned %zu components",
							jstr(json_object_get(ej, "error"),
							     "peer_message_contains")
							    ? jstr(json_object_get(ej, "error"),
								   "peer_message_contains")
							    : "",
							crk_bom_count(bom)));
	} else if (!want_error && rc < 0) {
		res.rc_mismatch = 1;
		slist_add(&res.fields,
			  crk_arena_printf(&a, "unexpected error %s: %s:%u:%u: %s",
					   crk_status_str(rc), err.path, err.line, err.col, err.msg));
	} else if (want_error) {
		slist_add(&res.notes, crk_arena_printf(&a, "error as expected: %s:%u:%u: %s",
						       err.path, err.line, err.col, err.msg));
	}

	if (!res.rc_mismatch && !want_error) {
		pkgs = json_object_get(ej, "packages");
		if (collect_expected(&exp, &a, pkgs) || collect_ours(&ours, &a, bom) ||
		    compare(&exp, &ours, &a, ej, &res))
			goto oom;
		count = json_object_get(ej, "count");
		if (json_is_string(json_object_get(ej, "match")) &&
		    strcmp(jstr(ej, "match"), "subset") == 0) {
			/* extra packages are allowed; the distinct total must be `count` */
			size_t want = json_is_integer(count) ? (size_t)json_integer_value(count)
							     : exp.n;
			if (ours.n != want)
				slist_add(&res.fields,
					  crk_arena_printf(&a, "subset: %zu distinct packages "
							       "expected in total, crakit has %zu",
							   want, ours.n));
			slist_free(&res.extra);
		}
		if (json_array_size(pkgs) != exp.n)
			slist_add(&res.notes,
				  crk_arena_printf(&a, "the peer lists %zu packages, %zu distinct "
						       "(compared as a set)",
						   json_array_size(pkgs), exp.n));
	}
	for (i = 0; i < diags.n && i < MAX_SHOWN; i++)
		slist_add(&res.notes, crk_arena_printf(&a, "diagnostic: %s:%u:%u: %s",
						       diags.v[i].path, diags.v[i].line,
						       diags.v[i].col, diags.v[i].msg));

	mismatch = res.rc_mismatch || res.missing.n || res.extra.n || res.fields.n;
	if (mismatch)
		v = q ? V_EXPLAINED : V_FAIL;
	else
		v = q ? V_STALE : V_PASS;

	switch (v) {
	case V_PASS:
		if (o->list || o->verbose)
			crk_strbuf_addf(out, "  ok   %s\n", exp_rel);
		break;
	case V_STALE:
		crk_strbuf_addf(out, "  FAIL %s: matches now: quirk no longer needed (remove it "
				     "from the quirks file)\n",
				exp_rel);
		break;
	case V_EXPLAINED:
		crk_strbuf_addf(out, "  explained %s: %s\n", exp_rel, q->reason);
		break;
	default:
		crk_strbuf_addf(out, "  FAIL %s: %zu missing, %zu extra, %zu field mismatches\n",
				exp_rel, res.missing.n, res.extra.n, res.fields.n);
		break;
	}
	if (v == V_FAIL || (o->verbose && v != V_PASS) || (o->verbose && res.notes.n)) {
		print_list(out, "missing", &res.missing);
		print_list(out, "extra", &res.extra);
		print_list(out, "fields", &res.fields);
		if (o->verbose)
			print_list(out, "notes", &res.notes);
	}
	goto out;
oom:
	crk_strbuf_addf(out, "  FAIL %s: out of memory\n", exp_rel ? exp_rel : "?");
	v = V_FAIL;
out:
	/* *detector_out stays valid: detector names are static */
	result_free(&res);
	items_free(&exp);
	items_free(&ours);
	crk_diags_release(&diags);
	crk_bom_free(bom);
	crk_free(buf);
	json_decref(ej);
	crk_arena_release(&a);
	return v;
}

/* ---------------------------------------------------------------- file detection */

/* Checks a peer folder's _file-detection.json against `detector`; returns 1 pass, 0 fail,
 * -1 when there is no such file. */
static int run_detection(const struct opts *o, const char *rel, const char *detector,
			 struct crk_strbuf *out, struct totals *t)
{
	const char *abs = crk_arena_printf(&run_arena, "%s/%s", o->corpus, rel);
	json_t *j, *cases, *c;
	json_error_t jerr;
	size_t i;
	int ok = 1;
	if (!abs || !is_file(abs))
		return -1;
	if (!(j = json_load_file(abs, 0, &jerr))) {
		crk_strbuf_addf(out, "  FAIL %s: %d:%d: %s\n", rel, jerr.line, jerr.column,
				jerr.text);
		return 0;
	}
	cases = json_object_get(j, "cases");
	json_array_foreach(cases, i, c)
	{
		const char *path = jstr(c, "path");
		const char *got;
		int want = json_is_true(json_object_get(c, "detected")), have;
		char *key;
		struct quirk *q;
		if (!path)
			continue;
		got = crk_sbom_detector_for(path);
		have = got && strcmp(got, detector) == 0;
		key = crk_arena_printf(&run_arena, "%s#%s", rel, path);
		q = key ? crk_map_get(&quirks, key, strlen(key)) : NULL;
		if (q)
			q->used = 1;
		t->det_total++;
		if (have == want && !q) {
			t->det_pass++;
			if (o->list)
				crk_strbuf_addf(out, "  ok   detect \"%s\"\n", path);
		} else if (have != want && q) {
			t->det_explained++;
			crk_strbuf_addf(out, "  explained detect \"%s\": %s\n", path, q->reason);
		} else if (q) {
			ok = 0;
			t->det_fail++;
			crk_strbuf_addf(out, "  FAIL %s#%s: matches now: quirk no longer needed\n",
					rel, path);
		} else {
			ok = 0;
			t->det_fail++;
			crk_strbuf_addf(out, "  FAIL %s: \"%s\" should %sbe read by %s (%s)\n", rel,
					path, want ? "" : "not ", detector,
					got ? crk_arena_printf(&run_arena, "taken by %s", got)
					    : "no detector takes it");
		}
	}
	json_decref(j);
	return ok;
}

/* ---------------------------------------------------------------- quirks */

static int load_quirks(const char *path)
{
	char *buf, *s, *end;
	size_t len;
	struct crk_err err;
	crk_map_init(&quirks);
	if (!is_file(path))
		return 0;
	if (crk_read_file(path, 1 << 20, &buf, &len, &err)) {
		fprintf(stderr, "conformance: %s: %s\n", path, err.msg);
		return -1;
	}
	for (s = buf, end = buf + len; s < end;) {
		char *nl = memchr(s, '\n', (size_t)(end - s)), *sp;
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *line = crk_arena_strndup(&run_arena, s, n);
		struct quirk *q;
		s += n + 1;
		if (!line)
			goto oom;
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		sp = line + strcspn(line, " \t");
		q = crk_arena_alloc(&run_arena, sizeof(*q));
		if (!q)
			goto oom;
		q->reason = "(no reason given)";
		if (*sp) {
			*sp++ = 0;
			while (*sp == ' ' || *sp == '\t')
				sp++;
			if (*sp)
				q->reason = sp;
		}
		if (crk_map_put(&quirks, line, strlen(line), q))
			goto oom;
		if (nquirk_keys < sizeof(quirk_keys) / sizeof(quirk_keys[0]))
			quirk_keys[nquirk_keys++] = line;
	}
	crk_free(buf);
	return 0;
oom:
	crk_free(buf);
	fprintf(stderr, "conformance: out of memory\n");
	return -1;
}

/* ---------------------------------------------------------------- main */

static void usage(FILE *f)
{
	fputs("usage: conformance [--format NAME] [--fixture SUBSTRING] [--verbose] [--list]\n"
	      "Compares crakit with the expectations of $CRAKIT_CORPUS/lockfiles (default\n"
	      "../shared/corpus, run from the repository root).\n"
	      "  --format NAME        only that format folder (package-lock, or npm/package-lock)\n"
	      "  --fixture SUBSTRING  only fixtures whose expected.json path contains SUBSTRING\n"
	      "  --verbose            details of every fixture that is not a plain pass, and notes\n"
	      "                       (lines crakit does not report, diagnostics, folded duplicates)\n"
	      "  --list               one verdict line per fixture\n"
	      "Quirks: $CRAKIT_TESTDATA/conformance-quirks.txt (default tests/data).\n",
	      f);
}

static int group_matches(const struct opts *o, const struct group *g)
{
	const char *slash;
	if (!o->format)
		return 1;
	if (strcmp(o->format, g->fmt) == 0)
		return 1;
	slash = strchr(o->format, '/');
	return slash && strncmp(o->format, g->eco, (size_t)(slash - o->format)) == 0 &&
	       strlen(g->eco) == (size_t)(slash - o->format) && strcmp(slash + 1, g->fmt) == 0;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct group *groups = NULL;
	size_t ngroups = 0, galloc = 0, i, j;
	struct totals t;
	const char *index_path, *testdata;
	json_t *index = NULL, *rows;
	json_error_t jerr;
	struct crk_map seen_peer_dirs = CRK_MAP_INIT;
	int rc = 1;

	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	crk_arena_init(&run_arena);
	o.corpus = getenv("CRAKIT_CORPUS");
	if (!o.corpus || !o.corpus[0])
		o.corpus = "../shared/corpus";
	testdata = getenv("CRAKIT_TESTDATA");
	if (!testdata || !testdata[0])
		testdata = "tests/data";
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
			o.verbose = 1;
		} else if (strcmp(argv[i], "--list") == 0) {
			o.list = 1;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < (size_t)argc) {
			o.format = argv[++i];
		} else if (strcmp(argv[i], "--fixture") == 0 && i + 1 < (size_t)argc) {
			o.fixture = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	o.quirks = crk_arena_printf(&run_arena, "%s/conformance-quirks.txt", testdata);

	index_path = crk_arena_printf(&run_arena, "%s/lockfiles/INDEX.json", o.corpus);
	if (!o.quirks || !index_path)
		goto done;
	if (!is_dir(o.corpus) || !is_file(index_path)) {
		printf("conformance: corpus not found at %s (set CRAKIT_CORPUS); skipped\n",
		       o.corpus);
		printf("conformance: 0 passed, 0 failed, 1 skipped\n");
		rc = 0;
		goto done;
	}
	if (load_quirks(o.quirks))
		goto done;
	index = json_load_file(index_path, 0, &jerr);
	rows = json_object_get(index, "fixtures");
	if (!json_is_array(rows)) {
		fprintf(stderr, "conformance: %s:%d:%d: %s\n", index_path, jerr.line, jerr.column,
			index ? "no \"fixtures\" array" : jerr.text);
		goto done;
	}

	/* group the rows by ecosystem/format, in INDEX order */
	for (i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		const char *eco = jstr(r, "ecosystem_dir"), *fmt = jstr(r, "format_dir");
		const char *exp = jstr(r, "expected");
		struct group *g = NULL;
		if (!eco || !fmt || !exp)
			continue;
		if (o.fixture && !strstr(exp, o.fixture))
			continue;
		for (j = 0; j < ngroups; j++)
			if (strcmp(groups[j].eco, eco) == 0 && strcmp(groups[j].fmt, fmt) == 0)
				g = &groups[j];
		if (!g) {
			if (CRK_GROW(groups, galloc, ngroups + 1))
				goto done;
			g = &groups[ngroups++];
			memset(g, 0, sizeof(*g));
			g->eco = eco;
			g->fmt = fmt;
		}
		if (!group_matches(&o, g))
			continue;
		if (CRK_GROW(g->rows, g->alloc, g->nrows + 1))
			goto done;
		g->rows[g->nrows++] = i;
	}

	for (i = 0; i < ngroups; i++) {
		struct group *g = &groups[i];
		struct crk_strbuf out = CRK_STRBUF_INIT(0);
		size_t ndet;
		if (!g->nrows)
			continue;
		for (j = 0; j < g->nrows; j++) {
			const char *det = NULL;
			enum verdict v = run_fixture(&o, json_array_get(rows, g->rows[j]), &out, &det);
			if (det && !g->detector)
				g->detector = det;
			switch (v) {
			case V_PASS:
				g->pass++;
				t.pass++;
				break;
			case V_EXPLAINED:
				g->explained++;
				t.skip++;
				break;
			case V_SKIP:
				g->nodet++;
				t.skip++;
				break;
			default:
				g->fail++;
				t.fail++;
				break;
			}
		}
		/* the peer folders' _file-detection.json, each once */
		if (g->detector && !o.fixture) {
			for (j = 0; j < g->nrows; j++) {
				const char *e = jstr(json_array_get(rows, g->rows[j]), "expected");
				const char *p = e;
				int k, r;
				char *rel;
				for (k = 0; k < 4 && p; k++) {
					p = strchr(p, '/');
					if (p)
						p++;
				}
				if (!p)
					continue;
				rel = crk_arena_printf(&run_arena, "%.*s_file-detection.json",
						       (int)(p - e), e);
				if (!rel || crk_map_get(&seen_peer_dirs, rel, strlen(rel)))
					continue;
				if (crk_map_put(&seen_peer_dirs, rel, strlen(rel), rel))
					goto done;
				r = run_detection(&o, rel, g->detector, &out, &t);
				if (r == 1)
					t.pass++;
				else if (r == 0)
					t.fail++;
			}
		}
		ndet = g->nrows - g->nodet;
		if (!ndet)
			printf("%s/%s: no detector (%zu fixture(s) skipped)\n", g->eco, g->fmt,
			       g->nodet);
		else if (g->nodet)
			printf("%s/%s: %zu/%zu fixtures match (%zu explained, %zu without a "
			       "detector)\n",
			       g->eco, g->fmt, g->pass, ndet, g->explained, g->nodet);
		else
			printf("%s/%s: %zu/%zu fixtures match (%zu explained)\n", g->eco, g->fmt,
			       g->pass, ndet, g->explained);
		fputs(out.buf, stdout);
		crk_strbuf_release(&out);
	}

	/* quirks that name nothing (typos, removed fixtures) fail, in a full run only */
	if (!o.format && !o.fixture) {
		for (i = 0; i < nquirk_keys; i++) {
			struct quirk *q = crk_map_get(&quirks, quirk_keys[i], strlen(quirk_keys[i]));
			const char *hash = strchr(quirk_keys[i], '#');
			const char *file = hash ? crk_arena_strndup(&run_arena, quirk_keys[i],
								    (size_t)(hash - quirk_keys[i]))
						: quirk_keys[i];
			const char *abs = file ? crk_arena_printf(&run_arena, "%s/%s", o.corpus, file)
					       : NULL;
			if (q && !q->used && (!abs || !is_file(abs))) {
				printf("quirks: %s names no fixture of the corpus\n", quirk_keys[i]);
				t.fail++;
			}
		}
	}
	printf("file detection: %zu/%zu cases match (%zu explained)\n", t.det_pass, t.det_total,
	       t.det_explained);
	printf("conformance: %zu passed, %zu failed, %zu skipped\n", t.pass, t.fail, t.skip);
	rc = t.fail ? 1 : 0;
done:
	for (i = 0; i < ngroups; i++)
		crk_free(groups[i].rows);
	crk_free(groups);
	crk_map_release(&seen_peer_dirs);
	crk_map_release(&quirks);
	json_decref(index);
	crk_arena_release(&run_arena);
	return rc;
}
