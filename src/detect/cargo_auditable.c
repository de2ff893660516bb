/*
 * cargo_auditable.c - Rust executables built with `cargo auditable`: the dependency tree in
 * the ELF section ".dep-v0".
 *
 * Format (rust-secure-code/cargo-auditable, the auditable-serde crate and its JSON schema
 * cargo-auditable.schema.json): the section holds zlib-compressed (RFC 1950) JSON
 *
 *   {"format": 1,                                   (optional revision: 0/absent, 1, 8)
 *    "packages": [{"name": "adler", "version": "1.0.2", "source": "crates.io",
 *                  "kind": "build",                  (optional; absent means "runtime")
 *                  "dependencies": [2, 5],           (optional; indexes into "packages")
 *                  "root": true}, ...]}              (optional; the package being built)
 *
 * `source` is "crates.io", "git", "local", "registry", or another string (the Rust enum's
 * Other(String); an {"Other": "..."} object is accepted too).
 *
 * What is reported: each package as pkg:cargo/<name>@<version> (ecosystem crates.io) found in
 * the binary; "local" packages with CRK_PKG_LOCAL, "git" ones with CRK_PKG_GIT (the data says
 * neither the repository nor the commit), other sources as the property "cargo.source";
 * build-time dependencies (kind "build": build scripts, proc-macros and what they use, which
 * are not in the executable) with scope dev (CycloneDX "excluded") and the property
 * "cargo.kind"; an edge for each dependency index; edges from the product to the root package
 * (or, when none is marked root, to the packages nothing depends on). The root package is the
 * executable itself, so it carries the ELF file's "elf.needed" properties.
 *
 * Errors: a section that does not inflate, or inflates past CA_MAX_JSON, or JSON that is not
 * an object with a "packages" array, is CRK_EPARSE. A package without a name or version, or a
 * dependency index out of range, is a warning and skipped.
 */
#include <jansson.h>
#include <string.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/limits.h"
#include "detect/binary.h"
#include "detect/detect.h"
#include "formats/elf.h"
#include "base/banned.h"

#define CA_MAX_JSON ((size_t)64 << 20)   /* decompressed size of the dependency tree */
#define CA_MAX_PACKAGES ((size_t)1 << 20)

/* Inflates zlib data into a heap buffer (crk_free). CRK_EPARSE when it is not zlib data or
 * is larger than CA_MAX_JSON, CRK_ENOMEM. */
static int inflate_all(const unsigned char *in, size_t inlen, char **out, size_t *outlen)
{
	z_stream zs;
	size_t cap = inlen > CA_MAX_JSON / 4 ? CA_MAX_JSON : inlen * 4 + 1024, n = 0;
	char *buf;
	int zr, rc = CRK_EPARSE;

	if (cap > CA_MAX_JSON)
		cap = CA_MAX_JSON;

	buf = crk_malloc(cap + 1);
	if (!buf)
		return CRK_ENOMEM;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK) {
		crk_free(buf);
		return CRK_ENOMEM;
	}
	zs.next_in = (Bytef *)(uintptr_t)in;
	for (;;) {
		size_t chunk_in = inlen > (size_t)UINT32_MAX ? (size_t)UINT32_MAX : inlen;
		if (n == cap) {
			char *nb;
			size_t ncap = cap * 2 > CA_MAX_JSON ? CA_MAX_JSON : cap * 2;
			if (ncap == cap)
				goto out; /* too large */
			nb = crk_realloc(buf, ncap + 1);
			if (!nb) {
				rc = CRK_ENOMEM;
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		zs.avail_in = (uInt)chunk_in;
		zs.next_out = (Bytef *)buf + n;
		zs.avail_out = (uInt)(cap - n > UINT32_MAX ? UINT32_MAX : cap - n);
		zr = inflate(&zs, Z_NO_FLUSH);
		inlen -= chunk_in - zs.avail_in;
		n = (size_t)((char *)zs.next_out - buf);
		if (zr == Z_STREAM_END) {
			rc = CRK_OK;
			break;
		}
		if (zr == Z_MEM_ERROR) {
			rc = CRK_ENOMEM;
			break;
		}
		if (zr != Z_OK && !(zr == Z_BUF_ERROR && n == cap))
			break; /* corrupt, or the input ended before the stream */
	}
out:
	inflateEnd(&zs);
	if (rc) {
		crk_free(buf);
		return rc;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return CRK_OK;
}

struct capkg {
	const char *name, *version, *source;
	int build, root, skip;
	json_t *deps;
	size_t id;
	int needed; /* some package depends on it */
};

static const char *source_of(json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v) && json_is_string(json_object_get(v, "Other")))
		return json_string_value(json_object_get(v, "Other"));
	return NULL;
}

static int add_pkg(struct crk_detect_ctx *ctx, struct capkg *p, struct crk_err *err)
{
	struct crk_kv *props;
	struct crk_pkg pkg;
	size_t np = 0;
	props = crk_arena_array(ctx->arena, 2, sizeof(*props));
	if (!props)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	crk_detect_pkg_init(ctx, &pkg, "cargo", "crates.io");
	pkg.name = p->name;
	pkg.version = p->version;
	if (p->source && strcmp(p->source, "local") == 0) {
		pkg.flags |= CRK_PKG_LOCAL;
	} else if (p->source && strcmp(p->source, "git") == 0) {
		pkg.flags |= CRK_PKG_GIT;
	} else if (p->source && strcmp(p->source, "crates.io") != 0) {
		props[np].key = "cargo.source";
		props[np++].value = p->source;
	}
	if (p->build) {
		pkg.scope = CRK_SCOPE_DEV;
		props[np].key = "cargo.kind";
		props[np++].value = "build";
	}
	if (p->root) {
		size_t k = crk__elf_needed_props(ctx, &props, np);
		if (k == (size_t)-1)
			return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		np = k;
	}
	pkg.props = props;
	pkg.nprops = np;
	return crk_detect_add(ctx, &pkg, &p->id, err);
}

int crk__cargo_auditable_json(struct crk_detect_ctx *ctx, const char *json, size_t len,
			      struct crk_err *err);
int crk__cargo_auditable_json(struct crk_detect_ctx *ctx, const char *json, size_t len,
			      struct crk_err *err)
{
	json_error_t jerr;
	json_t *root, *packages, *v;
	struct capkg *p = NULL;
	size_t n, i, k;
	int rc = CRK_OK, any_root = 0;

	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
				   "cargo auditable data (.dep-v0): %s at JSON line %d, column %d",
				   jerr.text, jerr.line, jerr.column);
	packages = json_object_get(root, "packages");
	if (!json_is_object(root) || !json_is_array(packages)) {
		rc = crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
				 "cargo auditable data (.dep-v0): no \"packages\" array");
		goto out;
	}
	n = json_array_size(packages);
	if (n > CA_MAX_PACKAGES) {
		rc = crk_err_set(err, CRK_ELIMIT, ctx->path, 0, 0,
				 "cargo auditable data (.dep-v0): more than %zu packages",
				 CA_MAX_PACKAGES);
		goto out;
	}
	p = crk_arena_array(ctx->arena, n ? n : 1, sizeof(*p));
	if (!p) {
		rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
		goto out;
	}
	json_array_foreach (packages, i, v) {
		json_t *kind = json_object_get(v, "kind");
		p[i].id = CRK_BOM_NONE;
		p[i].name = json_string_value(json_object_get(v, "name"));
		p[i].version = json_string_value(json_object_get(v, "version"));
		p[i].source = source_of(json_object_get(v, "source"));
		p[i].build = json_is_string(kind) && strcmp(json_string_value(kind), "build") == 0;
		p[i].root = json_is_true(json_object_get(v, "root"));
		p[i].deps = json_object_get(v, "dependencies");
		if (!json_is_object(v) || !p[i].name || !*p[i].name || !p[i].version ||
		    !*p[i].version) {
			p[i].skip = 1;
			if (ctx->diags)
				crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
					       "cargo auditable data (.dep-v0): package %zu has no "
					       "name or version; skipped", i);
			continue;
		}
		any_root |= p[i].root;
	}
	for (i = 0; i < n; i++)
		if (!p[i].skip && (rc = add_pkg(ctx, &p[i], err)) != CRK_OK)
			goto out;
	for (i = 0; i < n; i++) {
		size_t nd;
		if (p[i].skip || !json_is_array(p[i].deps))
			continue;
		nd = json_array_size(p[i].deps);
		if (nd > CRK_MAX_DEPS_PER_COMPONENT)
			nd = CRK_MAX_DEPS_PER_COMPONENT;
		for (k = 0; k < nd; k++) {
			json_t *d = json_array_get(p[i].deps, k);
			json_int_t to = json_is_integer(d) ? json_integer_value(d) : -1;
			if (to < 0 || (uint64_t)to >= n || p[(size_t)to].skip) {
				if (ctx->diags)
					crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
						       "cargo auditable data (.dep-v0): package %zu "
						       "depends on no package (index %lld)", i,
						       (long long)to);
				continue;
			}
			p[(size_t)to].needed = 1;
			if (crk_bom_add_dep(ctx->bom, p[i].id, p[(size_t)to].id) == CRK_ENOMEM) {
				rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
				goto out;
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (p[i].skip || (any_root ? !p[i].root : p[i].needed))
			continue;
		if (crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, p[i].id) == CRK_ENOMEM) {
			rc = crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
			goto out;
		}
	}
out:
	json_decref(root);
	return rc;
}

static int cargo_auditable_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct crk_elf e;
	struct crk_elf_section sec;
	char *json = NULL;
	size_t len = 0;
	int rc;

	if (!crk_elf_is_elf(ctx->buf, ctx->len) || crk_elf_init(&e, ctx->buf, ctx->len, NULL) ||
	    crk_elf_section_by_name(&e, ".dep-v0", &sec) || !sec.data)
		return CRK_OK; /* not ELF, or not built with cargo auditable */
	rc = inflate_all(sec.data, sec.datalen, &json, &len);
	if (rc == CRK_ENOMEM)
		return crk_err_set(err, CRK_ENOMEM, ctx->path, 0, 0, "out of memory");
	if (rc)
		return crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
				   "cargo auditable data (.dep-v0): not zlib data, or larger than "
				   "%zu bytes inflated", CA_MAX_JSON);
	rc = crk__cargo_auditable_json(ctx, json, len, err);
	crk_free(json);
	return rc;
}

const struct crk_detector crk_detector_cargo_auditable = {
	.name = "rust/cargo-auditable",
	.ecosystem = "crates.io",
	.names = NULL,
	.match = crk__elf_match,
	.parse = cargo_auditable_parse,
	.max_size = CRK_MAX_BINARY_SIZE,
	.flags = CRK_DETECT_BINARY,
	.doc = "Rust executables built with cargo auditable: the dependency tree in .dep-v0",
};
