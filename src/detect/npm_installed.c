/*
 * npm_installed.c - packages installed in node_modules, from their package.json.
 *
 * Format: https://docs.npmjs.com/cli/configuring-npm/package-json
 * Files: node_modules/<name>/package.json and node_modules/@<scope>/<name>/package.json, at any
 * depth (node_modules/a/node_modules/b/package.json, pnpm's node_modules/.pnpm/x@1/node_modules/x/
 * package.json). Not the project's own package.json (a manifest of ranges, not an installed
 * package) and not the package.json files some packages ship deeper inside themselves
 * (node_modules/x/lib/package.json, often `{"type": "module"}` markers).
 *
 * What is reported: one component per file, name and version as written (a file without either
 * is not a package: nothing is reported, as osv-scalibr does); "license" (a string, or the legacy
 * {"type": ...} object or a one-entry "licenses" array) as declared (the writers normalise it to
 * SPDX, crk_spdx_normalise, keeping what is not SPDX as a LicenseRef); the author
 * ("Name <mail> (url)" string or {"name", "email", "url"} object) as "Name <mail>" with its url
 * in an author party (author_of); the description; npm 5/6 install
 * metadata "_resolved" (download URL, or repository and commit for git) and "_integrity"
 * (hashes); line: the line of the "name" key. No edges: "dependencies" are ranges, and which copy
 * satisfies them depends on the tree (the lockfile detectors give the graph).
 * VS Code extensions ("engines": {"vscode": ...} or "contributes") and Unity packages ("unity")
 * use package.json too but are not npm packages: skipped, as osv-scalibr does.
 * Errors: malformed JSON, a top-level value that is not an object.
 */
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

static const char *jstr(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return NULL;
	if (len)
		*len = json_string_length(v);
	return json_string_value(v);
}

/* A string member of an object, trimmed, copied into the arena; NULL when absent or blank. */
static const char *trimmed(struct crk_arena *a, const char *s, size_t n, int *enomem)
{
	char *r;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return NULL;
	r = crk_arena_strndup(a, s, n);
	*enomem = !r;
	return r;
}

static const char *member(struct crk_arena *a, json_t *o, const char *k1, const char *k2,
			  int *enomem)
{
	json_t *v = json_object_get(o, k1);
	if (!json_is_string(v) && k2)
		v = json_object_get(o, k2);
	return json_is_string(v)
		       ? trimmed(a, json_string_value(v), json_string_length(v), enomem)
		       : NULL;
}

/*
 * The author, as npm reads a person (normalize-package-data's parsePerson): a string
 * "Name <email> (url)" (the name is what precedes the first '<' or '(', the email the first
 * <...>, the url the first (...), each optional) or an object {name, email (or mail), url (or
 * web)}. pkg->author becomes "Name <email>" (the form the writers split into a CycloneDX
 * author's name and email, an SPDX originator's "Person: Name (email)", and the BSI creator's
 * contact), or the name or the email alone; a url is kept in an AUTHOR party `p` with the
 * rest, so that the creator has a web address when no email is given (BSI TR-03183-2 §5.2.2).
 * Returns CRK_ENOMEM or CRK_OK.
 */
static int author_of(struct crk_arena *a, json_t *v, struct crk_pkg *pkg, struct crk_party *p)
{
	const char *name = NULL, *email = NULL, *url = NULL;
	int enomem = 0;

	if (json_is_object(v)) {
		name = member(a, v, "name", NULL, &enomem);
		if (!enomem)
			email = member(a, v, "email", "mail", &enomem);
		if (!enomem)
			url = member(a, v, "url", "web", &enomem);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v), *lt, *gt, *lp, *rp;
		size_t n = json_string_length(v), k;
		for (k = 0; k < n && s[k] != '<' && s[k] != '('; k++)
			;
		name = trimmed(a, s, k, &enomem);
		lt = memchr(s, '<', n);
		gt = lt ? memchr(lt, '>', (size_t)(s + n - lt)) : NULL;
		if (!enomem && gt && gt - lt > 1)
			email = trimmed(a, lt + 1, (size_t)(gt - lt - 1), &enomem);
		lp = memchr(s, '(', n);
		rp = lp ? memchr(lp, ')', (size_t)(s + n - lp)) : NULL;
		if (!enomem && rp && rp - lp > 1)
			url = trimmed(a, lp + 1, (size_t)(rp - lp - 1), &enomem);
	}
	if (enomem)
		return CRK_ENOMEM;
	if (name && email)
		pkg->author = crk_arena_printf(a, "%s <%s>", name, email);
	else
		pkg->author = name ? name : email;
	if ((name || email) && !pkg->author)
		return CRK_ENOMEM;
	if (url) {
		memset(p, 0, sizeof(*p));
		p->role = CRK_PARTY_AUTHOR;
		p->name = name;
		p->email = email;
		p->url = url;
		pkg->parties = p;
		pkg->nparties = 1;
	}
	return CRK_OK;
}

static const char *license_of(json_t *root)
{
	json_t *l = json_object_get(root, "license"), *arr;
	if (json_is_object(l))
		l = json_object_get(l, "type");
	if (!l && json_is_array(arr = json_object_get(root, "licenses")) && json_array_size(arr) == 1) {
		l = json_array_get(arr, 0);
		if (json_is_object(l))
			l = json_object_get(l, "type");
	}
	/* as declared, SPDX or not: the writers normalise it (never dropped) */
	if (json_is_string(l) && json_string_length(l))
		return json_string_value(l);
	return NULL;
}

static int parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	struct crk_hash hashes[CRK_NPM_MAX_HASHES];
	struct crk_npm_keyscan ks;
	struct crk_pkg pkg;
	struct crk_party author;
	json_error_t jerr;
	json_t *root, *eng;
	const char *name, *version, *s;
	size_t nlen, vlen, sn, nh = 0;
	int rc = CRK_OK;

	root = json_loadb(ctx->buf, ctx->len, JSON_DECODE_ANY, &jerr);
	if (!root && (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0]))
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				   "expected a JSON object at the top level");
	}
	name = jstr(root, "name", &nlen);
	version = jstr(root, "version", &vlen);
	eng = json_object_get(root, "engines");
	if (!name || !nlen || !version || !vlen ||
	    (json_is_object(eng) && json_object_get(eng, "vscode")) ||
	    json_object_get(root, "contributes") || json_object_get(root, "unity"))
		goto out;

	crk_detect_pkg_init(ctx, &pkg, "npm", "npm");
	if (crk_npm__set_name(a, &pkg, name, nlen))
		goto oom;
	pkg.version = version;
	pkg.license = license_of(root);
	if (author_of(a, json_object_get(root, "author"), &pkg, &author))
		goto oom;
	pkg.description = jstr(root, "description", NULL);
	if ((s = jstr(root, "_resolved", &sn)) != NULL && sn) {
		struct crk_npm_source src;
		if (crk_npm__source(a, s, sn, &src))
			goto oom;
		if (src.git) {
			pkg.flags |= CRK_PKG_GIT;
			pkg.vcs_url = src.vcs_url;
			if (src.commit &&
			    !(pkg.vcs_commit = crk_arena_strndup(a, src.commit, src.commit_len)))
				goto oom;
		} else {
			pkg.download_url = src.url;
		}
	}
	if ((s = jstr(root, "_integrity", &sn)) != NULL &&
	    crk_npm__sri(a, s, sn, hashes, &nh, CRK_NPM_MAX_HASHES))
		goto oom;
	pkg.hashes = hashes;
	pkg.nhashes = nh;
	if (json_is_true(json_object_get(root, "_development")))
		pkg.scope = CRK_SCOPE_DEV;
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	pkg.line = crk_npm__ks_find(&ks, "name", 4, 1);
	rc = crk_detect_add(ctx, &pkg, NULL, err);
out:
	json_decref(root);
	return rc;
oom:
	json_decref(root);
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

/* The segment of p[0..end) that ends at `end` (exclusive); *start receives its offset. */
static size_t seg_before(const char *p, size_t end, size_t *start)
{
	size_t s = end;
	while (s > 0 && p[s - 1] != '/')
		s--;
	*start = s;
	return end - s;
}

static int is_nm(const char *p, size_t s, size_t n)
{
	return n == 12 && memcmp(p + s, "node_modules", 12) == 0;
}

/* <...>node_modules/<name>/package.json or <...>node_modules/@<scope>/<name>/package.json */
static int match(const char *relpath, size_t rellen, const char *name)
{
	size_t end, s1, n1, s2, n2, s3, n3;
	if (name[0] != 'p' || strcmp(name, "package.json") != 0 || rellen < 26 ||
	    memcmp(relpath + rellen - 13, "/package.json", 13) != 0)
		return 0;
	end = rellen - 13;
	n1 = seg_before(relpath, end, &s1); /* <name> */
	if (!n1 || relpath[s1] == '.' || relpath[s1] == '@' || s1 == 0)
		return 0;
	n2 = seg_before(relpath, s1 - 1, &s2);
	if (is_nm(relpath, s2, n2))
		return 1;
	if (n2 < 2 || relpath[s2] != '@' || s2 == 0)
		return 0;
	n3 = seg_before(relpath, s2 - 1, &s3);
	return is_nm(relpath, s3, n3);
}

static const char *const names[] = {"package.json", NULL};

const struct crk_detector crk_detector_npm_installed = {
	.name = "npm/installed",
	.ecosystem = "npm",
	.names = names,
	.match = match,
	.parse = parse,
	.max_size = (size_t)16 << 20,
	.doc = "node_modules/<name>/package.json and node_modules/@<scope>/<name>/package.json",
};
