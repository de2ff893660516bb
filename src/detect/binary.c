/*
 * binary.c - executables and shared objects: one detector that runs every binary detector
 * (CRK_DETECT_BINARY) on a file, and the helpers they share.
 *
 * Why: the scan gives each file to one detector (registry.c: first match wins), but one
 * executable can hold several things worth reporting at once — a Go program's build
 * information, a Rust program's cargo-auditable data, the version strings of the C libraries
 * it carries, the shared objects it needs. This detector stands before the others in the
 * registry and claims every path one of them claims (the union of their `match`); its parse
 * runs each of them whose `match` takes the path (all of them for a file given alone that no
 * `match` takes), in registry order, each under its own name (crk_pkg.found_by). The first
 * error is returned; later ones go to the diagnostics, so one bad section does not hide what
 * the other detectors find. The scan driver has already checked the magic number and size.
 */
#include <string.h>

#include "base/cursor.h"
#include "base/limits.h"
#include "detect/binary.h"
#include "formats/elf.h"
#include "base/banned.h"

extern const struct crk_detector crk_detector_binary;

/* "libz.so", "libz.so.1", "libz.so.1.2.13", "mod_ssl.so"; not "libz.so.bak". */
static int is_shared_object(const char *name, size_t nl)
{
	const char *so = NULL, *p = name;
	while ((p = memmem(p, nl - (size_t)(p - name), ".so", 3)) != NULL) {
		so = p;
		p += 3;
		if ((size_t)(p - name) >= nl)
			break;
	}
	if (!so || so == name)
		return 0;
	for (p = so + 3; p < name + nl; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			return 0;
	return 1;
}

int crk__exec_place(const char *relpath, size_t rellen, const char *name, const char **dir,
		    size_t *dirlen)
{
	static const char *const text[] = {
		"Makefile", "GNUmakefile", "Dockerfile", "Containerfile", "Jenkinsfile",
		"Vagrantfile", "Gemfile", "Rakefile", "Procfile", "Brewfile", "Podfile",
		"LICENSE", "LICENCE", "COPYING", "NOTICE", "README", "AUTHORS", "CONTRIBUTORS",
		"CHANGELOG", "CODEOWNERS", "OWNERS", "MAINTAINERS", "VERSION", "PATENTS", "INSTALL",
		"TODO", NULL,
	};
	size_t nl = strlen(name), dl, i;
	const char *ds;
	*dir = NULL;
	*dirlen = 0;
	if (!nl || memchr(name, '.', nl))
		return -1;
	for (i = 0; text[i]; i++)
		if (strcmp(name, text[i]) == 0)
			return -1;
	if (rellen <= nl)
		return 1; /* at the scan root */
	dl = rellen - nl - 1; /* the directory part */
	for (ds = relpath + dl; ds > relpath && ds[-1] != '/'; ds--)
		;
	i = (size_t)(relpath + dl - ds);
	if (crk_bytes_eq(ds, i, "bin") || crk_bytes_eq(ds, i, "sbin") ||
	    crk_bytes_eq(ds, i, "libexec"))
		return 1;
	if (ds == relpath && crk_bytes_eq(ds, i, "app"))
		return 1;
	*dir = ds;
	*dirlen = i;
	return 0;
}

int crk__elf_match(const char *relpath, size_t rellen, const char *name)
{
	size_t nl = strlen(name), i;
	const char *ds, *gs;
	int r;
	if (is_shared_object(name, nl))
		return 1;
	if (nl > 4 && memcmp(name + nl - 4, ".elf", 4) == 0)
		return 1;
	if (strcmp(name, "u-boot") == 0 || strcmp(name, "u-boot-spl") == 0)
		return 1;
	r = crk__exec_place(relpath, rellen, name, &ds, &i);
	if (r != 0)
		return r > 0;
	/* cargo's output: target/release/<name>, target/<triple>/release/<name> */
	if (crk_bytes_eq(ds, i, "release") || crk_bytes_eq(ds, i, "debug")) {
		for (gs = relpath; gs < ds; gs++)
			if ((gs == relpath || gs[-1] == '/') && ds - gs >= 7 &&
			    memcmp(gs, "target/", 7) == 0)
				return 1;
	}
	return 0;
}

size_t crk__elf_needed_props(struct crk_detect_ctx *ctx, struct crk_kv **props, size_t n)
{
	struct crk_elf e;
	struct crk_elf_dynamic dyn;
	struct crk_kv *p;
	size_t i, k = n;
	if (!crk_elf_is_elf(ctx->buf, ctx->len) || crk_elf_init(&e, ctx->buf, ctx->len, NULL))
		return n;
	if (crk_elf_dynamic(&e, ctx->arena, &dyn))
		return (size_t)-1;
	if (!dyn.nneeded && !dyn.soname)
		return n;
	p = crk_arena_array(ctx->arena, n + dyn.nneeded + 1, sizeof(*p));
	if (!p)
		return (size_t)-1;
	if (n)
		memcpy(p, *props, n * sizeof(*p));
	if (dyn.soname) {
		p[k].key = "elf.soname";
		p[k++].value = dyn.soname;
	}
	for (i = 0; i < dyn.nneeded; i++) {
		p[k].key = "elf.needed";
		p[k++].value = dyn.needed[i];
	}
	*props = p;
	return k;
}

/* The union of the binary detectors' paths. */
static int binary_match(const char *relpath, size_t rellen, const char *name)
{
	size_t i;
	for (i = 0; crk_detectors[i]; i++) {
		const struct crk_detector *d = crk_detectors[i];
		if (d != &crk_detector_binary && (d->flags & CRK_DETECT_BINARY) && d->match &&
		    d->match(relpath, rellen, name))
			return 1;
	}
	return 0;
}

static int binary_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	const char *self = ctx->detector;
	size_t i, pl = strlen(ctx->path);
	int all = !binary_match(ctx->path, pl, ctx->name), first = CRK_OK;
	for (i = 0; crk_detectors[i]; i++) {
		const struct crk_detector *d = crk_detectors[i];
		struct crk_err e;
		int rc;
		if (d == &crk_detector_binary || !(d->flags & CRK_DETECT_BINARY))
			continue;
		if (!all && !(d->match && d->match(ctx->path, pl, ctx->name)))
			continue;
		if (d->max_size && ctx->len > d->max_size)
			continue;
		ctx->detector = d->name;
		crk_err_clear(&e);
		rc = d->parse(ctx, &e);
		ctx->detector = self;
		if (rc == CRK_ENOMEM) {
			if (err)
				*err = e;
			return rc;
		}
		if (rc && !first) {
			first = rc;
			if (err)
				*err = e;
		} else if (rc) {
			if (!e.path[0])
				crk_err_set(&e, rc, ctx->path, e.line, e.col, "%s", e.msg);
			if (ctx->diags)
				crk_diags_add(ctx->diags, &e);
		}
	}
	return first;
}

const struct crk_detector crk_detector_binary = {
	.name = "binary/executables",
	.ecosystem = "-",
	.names = NULL,
	.match = binary_match,
	.parse = binary_parse,
	.max_size = CRK_MAX_BINARY_SIZE,
	.flags = CRK_DETECT_BINARY,
	.doc = "executables and shared objects: runs each binary detector below on them",
};
