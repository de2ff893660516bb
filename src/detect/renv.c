/*
 * renv.c - renv.lock, the lockfile of renv, the project-library manager of R.
 *
 * Format (JSON; https://rstudio.github.io/renv/articles/lockfile.html, renv's R/lockfile*.R):
 *   {"R": {"Version": "4.3.1", "Repositories": [{"Name": "CRAN", "URL": "https://..."}]},
 *    "Bioconductor": {"Version": "3.13"},
 *    "Packages": {
 *      "markdown": {"Package": "markdown", "Version": "1.0", "Source": "Repository",
 *                   "Repository": "CRAN", "Hash": "<md5>", "Requirements": ["mime", ...]},
 *      "BSgenome": {"Package": "BSgenome", "Version": "1.60.0", "Source": "Bioconductor", ...},
 *      "mime": {"Package": "mime", "Version": "0.12.1", "Source": "GitHub",
 *               "RemoteType": "github", "RemoteHost": "api.github.com",
 *               "RemoteUsername": "yihui", "RemoteRepo": "mime", "RemoteSha": "<sha>", ...}}}
 *   - Source: "Repository" (with "Repository": the name of one of R.Repositories), older files
 *     "CRAN"; "Bioconductor"; "GitHub", "GitLab", "Bitbucket", "git"; "URL"; "Local";
 *     "unknown"; absent in hand-made files;
 *   - "Hash" is renv's own MD5 over the package's DESCRIPTION fields
 *     (renv:::renv_hash_description), not a digest of a file, so it is kept as the property
 *     "renv:hash", not as a hash;
 *   - "Requirements" (renv 0.15+) names the packages a package needs, base R's among them.
 *
 * What is reported: every entry of "Packages", with the line of its key.
 *   - CRAN and other package repositories (Source Repository/CRAN, or none): pkg:cran/NAME@VERSION,
 *     ecosystem "CRAN"; a repository other than CRAN is the property "cran:repository";
 *   - Bioconductor (Source Bioconductor, or a BioC* repository): ecosystem "Bioconductor" (OSV's
 *     name); the purl type cran with repository_url=https://bioconductor.org, since no purl type
 *     exists for it and the qualifier keeps it apart from a CRAN package of that name;
 *   - GitHub, GitLab, Bitbucket, git: CRK_PKG_GIT, vcs_url, vcs_commit (RemoteSha), ecosystem CRAN
 *     (the same R package name space), the ref as the property "git_ref";
 *   - URL: CRK_PKG_URL with the download URL; Local: CRK_PKG_LOCAL.
 *   Edges: Requirements, to the packages of the lockfile (base R's packages are not in it). renv
 *   does not record which packages the project loads itself, so the packages no other package
 *   requires are taken as its direct dependencies (CRK_BOM_ROOT).
 *
 * Errors: not JSON or not an object (CRK_EPARSE); "Packages" not an object (CRK_EPARSE); an entry
 * without a version is skipped with a warning.
 */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "base/banned.h"

struct rpkg {
	const char *name;
	json_t *entry;
	size_t id;
	int needed;
};

static int oom(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

static int ieq(const char *a, const char *b)
{
	return a && strcasecmp(a, b) == 0;
}

/* The repository URL of a remote: RemoteUrl, or https://<host>/<user>/<repo>. */
static const char *remote_url(struct crk_arena *a, json_t *e, const char *source, int *fail)
{
	const char *url = jstr(e, "RemoteUrl"), *host = jstr(e, "RemoteHost");
	const char *user = jstr(e, "RemoteUsername"), *repo = jstr(e, "RemoteRepo");
	char *r;
	if (url)
		return url;
	if (!user || !repo)
		return NULL;
	if (!host || strcmp(host, "api.github.com") == 0)
		host = ieq(source, "GitLab") ? "gitlab.com"
		       : ieq(source, "Bitbucket") ? "bitbucket.org" : "github.com";
	r = crk_arena_printf(a, "https://%s/%s/%s", host, user, repo);
	if (!r)
		*fail = 1;
	return r;
}

static int add_entry(struct crk_detect_ctx *ctx, struct rpkg *p, unsigned line,
		     struct crk_err *err)
{
	struct crk_arena *a = ctx->arena;
	json_t *e = p->entry;
	const char *source = jstr(e, "Source"), *repo = jstr(e, "Repository"), *ref;
	struct crk_pkg pkg;
	struct crk_kv props[3], q;
	size_t np = 0;
	int fail = 0;

	crk_detect_pkg_init(ctx, &pkg, "cran", "CRAN");
	pkg.name = jstr(e, "Package") ? jstr(e, "Package") : p->name;
	pkg.version = jstr(e, "Version");
	pkg.line = line;
	if (!pkg.version) {
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, line ? 1 : 0,
			       "package '%.100s' without a Version skipped", pkg.name);
		return CRK_OK;
	}
	if (ieq(source, "Bioconductor") || (repo && strncasecmp(repo, "BioC", 4) == 0)) {
		pkg.ecosystem = "Bioconductor";
		q = (struct crk_kv){"repository_url", "https://bioconductor.org"};
		pkg.qualifiers = &q;
		pkg.nqualifiers = 1;
	} else if (ieq(source, "GitHub") || ieq(source, "GitLab") || ieq(source, "Bitbucket") ||
		   ieq(source, "git")) {
		pkg.flags |= CRK_PKG_GIT;
		pkg.vcs_url = remote_url(a, e, source, &fail);
		pkg.vcs_commit = jstr(e, "RemoteSha");
		if ((ref = jstr(e, "RemoteRef")) != NULL) {
			props[np].key = "git_ref";
			props[np++].value = ref;
		}
	} else if (ieq(source, "URL")) {
		pkg.flags |= CRK_PKG_URL;
		pkg.download_url = jstr(e, "RemoteUrl");
	} else if (ieq(source, "Local")) {
		pkg.flags |= CRK_PKG_LOCAL;
	} else if (repo && !ieq(repo, "CRAN")) {
		props[np].key = "cran:repository";
		props[np++].value = repo;
	}
	if (fail)
		return oom(ctx, err);
	if (jstr(e, "Hash")) {
		props[np].key = "renv:hash";
		props[np++].value = jstr(e, "Hash");
	}
	pkg.props = props;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &p->id, err);
}

static int renv_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_npm_keyscan ks;
	struct crk_map by_name;
	struct rpkg *pkgs = NULL;
	json_error_t jerr;
	json_t *root, *packages, *e;
	const char *key;
	size_t n, i;
	int rc = CRK_OK;

	root = json_loadb(ctx->buf, ctx->len, 0, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, jerr.line > 0 ? (unsigned)jerr.line : 0,
				   jerr.column > 0 ? (unsigned)jerr.column : 0, "malformed JSON: %s",
				   jerr.text);
	crk_map_init(&by_name);
	if (!json_is_object(root)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 1, 1,
				 "expected a JSON object at the top level");
		goto out;
	}
	packages = json_object_get(root, "Packages");
	if (!packages || json_is_null(packages))
		goto out;
	if (!json_is_object(packages)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0, "'Packages' is not an object");
		goto out;
	}
	n = json_object_size(packages);
	pkgs = crk_arena_array(ctx->arena, n ? n : 1, sizeof(*pkgs));
	if (!pkgs) {
		rc = oom(ctx, err);
		goto out;
	}
	crk_npm__ks_init(&ks, ctx->buf, ctx->len);
	crk_npm__ks_find(&ks, "Packages", 8, 1);
	i = 0;
	json_object_foreach(packages, key, e)
	{
		struct rpkg *p = &pkgs[i++];
		unsigned line = crk_npm__ks_find(&ks, key, strlen(key), 2);
		p->name = key;
		p->entry = e;
		p->id = CRK_BOM_NONE;
		if (!json_is_object(e)) {
			crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, line, line ? 1 : 0,
				       "package '%.100s' is not an object: skipped", key);
			continue;
		}
		rc = add_entry(ctx, p, line, err);
		if (rc)
			goto out;
		if (p->id != CRK_BOM_NONE && crk_map_put(&by_name, key, strlen(key), p)) {
			rc = oom(ctx, err);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		json_t *req, *r;
		size_t k;
		if (pkgs[i].id == CRK_BOM_NONE)
			continue;
		req = json_object_get(pkgs[i].entry, "Requirements");
		json_array_foreach(req, k, r)
		{
			struct rpkg *t;
			if (!json_is_string(r))
				continue;
			t = crk_map_get(&by_name, json_string_value(r), json_string_length(r));
			if (!t || t == &pkgs[i])
				continue;
			t->needed = 1;
			if (crk_bom_add_dep(ctx->bom, pkgs[i].id, t->id) == CRK_ENOMEM) {
				rc = oom(ctx, err);
				goto out;
			}
		}
	}
	for (i = 0; i < n; i++)
		if (pkgs[i].id != CRK_BOM_NONE && !pkgs[i].needed &&
		    crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, pkgs[i].id) == CRK_ENOMEM) {
			rc = oom(ctx, err);
			goto out;
		}
out:
	crk_map_release(&by_name);
	json_decref(root);
	return rc;
}

static const char *const names[] = {"renv.lock", NULL};

const struct crk_detector crk_detector_renv = {
	.name = "cran/renv-lock",
	.flags = CRK_DETECT_GRAPH, /* lists each package's dependencies: complete lists */
	.ecosystem = "CRAN",
	.names = names,
	.parse = renv_parse,
	.doc = "renv.lock (R packages locked by renv)",
};
