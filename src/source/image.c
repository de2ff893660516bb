/*
 * image.c - container images as a scan source (DESIGN.md §3 src/source/, docs/images.md).
 *
 * Three inputs, one path:
 *  - a `docker save` archive (also `podman save --format docker-archive`): a tar holding
 *    manifest.json ([{"Config", "RepoTags", "Layers"}]), the image config and one tar per layer,
 *    in any order (Docker 25+ writes an OCI layout too, with layers as blobs/sha256/<hex>);
 *  - an OCI image archive (a tar holding oci-layout, index.json and blobs/sha256/<hex>);
 *  - an OCI image layout directory (the same files, unpacked; `skopeo copy ... oci:DIR`).
 * A tar is read in one pass: every small JSON file is kept, every other file is streamed as a
 * layer into the squashed view (vfs.h) as it comes, keyed by its name; once the archive is read,
 * the manifest says which of them make the image and in which order. An OCI layout directory
 * is read by digest, on demand. Every blob the image uses is checked against the digest its
 * name or descriptor gives (SHA-256, OpenSSL EVP); a mismatch refuses the image.
 *
 * Then the squashed files go through the detectors in walk order, parsed and merged by the scan
 * driver's jobs (scan.h, shared with dir.c), and the BOM's metadata describes the image: its
 * name and tag from RepoTags (or the OCI ref.name annotation), its id (the config digest), its
 * platform and the distribution from its os-release. Each component records the layer it came
 * from: the layer's diff ID from the config (rootfs.diff_ids), else the blob digest.
 *
 * Departures from what a container runtime does: one image per archive (the first manifest
 * entry; a warning names the others), linux/amd64 when an index offers several platforms.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/fswalk.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/sbom.h"
#include "detect/detect.h"
#include "source/layer.h"
#include "source/scan.h"
#include "source/vfs.h"
#include "base/banned.h"

#define JSON_KEPT_MAX (4 * CRK_MAX_IMAGE_JSON) /* all small JSON files of one archive */
#define SNIFF 512

/* A file of the archive, or a blob of the layout that was asked for. */
struct blob {
	const char *name;  /* normalised path in the archive: "manifest.json", "blobs/sha256/<hex>" */
	char digest[72];   /* "sha256:<hex>" of its bytes; blob_digest() */
	const void *whole; /* its bytes in the mapped image, hashed when asked (or NULL) */
	uint64_t size;
	char *json;        /* its bytes (heap), when they look like JSON */
	size_t jsonlen;
	int raw;           /* raw layer number when read as a layer, else -1 */
	int rc;            /* why it is neither, or 0 */
	const char *why;
	struct crk__layer_info info;
};

/* A blob that lies whole in the mapped image, hashed on its own thread. */
struct hashjob {
	size_t blob; /* index in img.blobs */
	const unsigned char *p;
	size_t n;
	pthread_t th;
	int running;
	char digest[72];
};

static void *hash_thread(void *arg)
{
	struct hashjob *h = arg;
	unsigned char md[32];
	unsigned i;
	if (!SHA256(h->p, h->n, md)) {
		h->digest[0] = '\0';
		return NULL;
	}
	memcpy(h->digest, "sha256:", 7);
	for (i = 0; i < 32; i++) {
		h->digest[7 + 2 * i] = "0123456789abcdef"[md[i] >> 4];
		h->digest[8 + 2 * i] = "0123456789abcdef"[md[i] & 15];
	}
	h->digest[71] = '\0';
	return NULL;
}

struct img {
	const char *display; /* the image as given, for messages */
	int rootfd;          /* an OCI layout directory, or -1 */
	struct crk_arena arena;
	struct crk_vfs *vfs;
	struct blob *blobs;
	size_t nblobs, alloc;
	unsigned nraw;
	uint64_t streamed;
	size_t json_kept;
	struct crk_diags *diags;
	/* the image: its layers in order, their ids, where each came from */
	unsigned order[CRK_MAX_IMAGE_LAYERS];
	const char *ids[CRK_MAX_IMAGE_LAYERS];
	size_t from[CRK_MAX_IMAGE_LAYERS]; /* blob index */
	size_t nlayers;
	const char *config_digest, *ref, *platform;
	struct hashjob **hash; /* layers hashed on other threads while the archive is read (each
				* job allocated alone: its thread holds a pointer to it) */
	size_t nhash, hashalloc;
	const char *map; /* the image file mapped read-only (a plain tar's layers are read from it */
	size_t maplen;   /* without copies), or NULL */
};

static int fail(struct img *im, int code, struct crk_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(struct img *im, int code, struct crk_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	crk_err_vset(err, code, im->display, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

static int oom(struct img *im, struct crk_err *err)
{
	return fail(im, CRK_ENOMEM, err, "out of memory");
}

/* ---- blobs ---- */

static struct blob *find_blob(struct img *im, const char *name)
{
	size_t i;
	for (i = im->nblobs; i-- > 0;) /* the last of duplicate names wins, as tar extraction */
		if (strcmp(im->blobs[i].name, name) == 0)
			return &im->blobs[i];
	return NULL;
}

static int is_hex64(const char *s, size_t n)
{
	size_t i;
	if (n != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* The digest a file's name promises: blobs/sha256/<hex>, <hex>.json (a docker save config),
 * <hex>.tar (a podman docker-archive layer, named by its diff ID). 1 and *hex, or 0. */
static int name_digest(const char *name, const char **hex)
{
	const char *b = strrchr(name, '/');
	size_t n;
	b = b ? b + 1 : name;
	n = strlen(b);
	if (b != name && !(b - name == 13 && memcmp(name, "blobs/sha256/", 13) == 0))
		return 0;
	if (b == name) {
		if (n == 69 && (memcmp(b + 64, ".json", 5) == 0))
			n = 64;
		else if (n == 68 && memcmp(b + 64, ".tar", 4) == 0)
			n = 64;
		else
			return 0;
	}
	if (!is_hex64(b, n))
		return 0;
	*hex = b;
	return 1;
}

static int looks_json(const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')
			continue;
		return p[i] == '{' || p[i] == '[';
	}
	return 0;
}

/* The archive's own metadata files, JSON whatever their first bytes (a broken one is then
 * reported as bad JSON, not as a bad layer). */
static int meta_name(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "manifest.json") == 0 || strcmp(name, "index.json") == 0 ||
	       strcmp(name, "oci-layout") == 0 || strcmp(name, "repositories") == 0 ||
	       (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

/* Reads one blob from the outer archive's current entry or from `fd`: kept when it is JSON,
 * streamed into the vfs as a layer otherwise. Only caps and ENOMEM fail the image here; a blob
 * that is neither records why in b->rc, which counts only if the image uses it. */
/* Joins the hashing threads until at most `keep` run, oldest first, and stores each digest in
 * its blob. */
static void wait_hashes(struct img *im, size_t keep)
{
	size_t i, running = 0;
	for (i = 0; i < im->nhash; i++)
		running += (size_t)im->hash[i]->running;
	for (i = 0; i < im->nhash && running > keep; i++) {
		struct hashjob *h = im->hash[i];
		if (!h->running)
			continue;
		pthread_join(h->th, NULL);
		h->running = 0;
		running--;
		memcpy(im->blobs[h->blob].digest, h->digest, sizeof(h->digest));
	}
}

/* The digest of a blob ("sha256:<hex>"), hashing it now if nobody did yet ("" on failure). */
static const char *blob_digest(struct img *im, struct blob *b)
{
	if (!b->digest[0] && b->whole) {
		struct hashjob h;
		wait_hashes(im, 0); /* its thread, if it had one */
		if (b->digest[0])
			return b->digest;
		memset(&h, 0, sizeof(h));
		h.p = b->whole;
		h.n = (size_t)b->size;
		hash_thread(&h);
		memcpy(b->digest, h.digest, sizeof(h.digest));
	}
	return b->digest;
}

static int read_blob(struct img *im, struct archive *outer, int fd, const char *name,
		     uint64_t esize, struct blob **out, struct crk_err *err)
{
	const void *whole = NULL;
	const char *hex;
	int deferred = 0;
	unsigned char head[SNIFF];
	struct crk__stream *s;
	struct blob *b;
	size_t got = 0;
	long r = 0;
	int rc = CRK_OK;

	*out = NULL;
	if (im->nblobs >= CRK_MAX_IMAGE_BLOBS)
		return fail(im, CRK_ELIMIT, err, "the archive holds more than %d files",
			    CRK_MAX_IMAGE_BLOBS);
	if (CRK_GROW(im->blobs, im->alloc, im->nblobs + 1))
		return oom(im, err);
	b = &im->blobs[im->nblobs];
	memset(b, 0, sizeof(*b));
	b->raw = -1;
	b->name = crk_arena_strdup(&im->arena, name);
	s = crk__stream_new(outer, fd);
	if (!b->name || !s) {
		crk__stream_free(s);
		return oom(im, err);
	}
	if (outer) {
		s->map = im->map;
		s->maplen = im->maplen;
		/* in the mapped file: hashed on a thread now when its name promises a digest
		 * (checked below), else only if its digest is asked for (blob_digest(): a layer of
		 * a docker save < 25 is named by its ID, and the config names its diff ID) */
		if (crk__stream_whole(s, esize, &whole) == 1) {
			b->whole = whole;
			deferred = name_digest(name, &hex) &&
				   !CRK_GROW(im->hash, im->hashalloc, im->nhash + 1) &&
				   (im->hash[im->nhash] = crk_calloc(1, sizeof(struct hashjob))) != NULL;
		}
	}
	im->nblobs++;
	if (deferred) {
		/* the blob lies whole in the mapped file: hash it on its own thread while this one
		 * parses it (the two cores each take one); at most two hashing threads at a time */
		struct hashjob *h = im->hash[im->nhash];
		h->blob = (size_t)(b - im->blobs);
		h->p = whole;
		h->n = (size_t)esize;
		wait_hashes(im, 1);
		h->running = pthread_create(&h->th, NULL, hash_thread, h) == 0;
		if (!h->running) {
			hash_thread(h);
			memcpy(b->digest, h->digest, sizeof(h->digest));
		}
		im->nhash++;
	}
	while (got < SNIFF && (r = crk__stream_read(s, head + got, SNIFF - got)) > 0)
		got += (size_t)r;
	if (r < 0) {
		b->rc = CRK_EIO;
		b->why = crk_arena_printf(&im->arena, "cannot read: %s", s->errmsg);
	} else if (!got) {
		b->rc = CRK_EPARSE;
		b->why = "empty file";
	} else if (meta_name(name) || looks_json(head, got)) {
		struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_IMAGE_JSON);
		crk_strbuf_add(&sb, head, got);
		while ((r = crk__stream_read(s, s->buf, sizeof(s->buf))) > 0)
			if (crk_strbuf_add(&sb, s->buf, (size_t)r))
				break;
		if (r < 0) {
			b->rc = CRK_EIO;
			b->why = crk_arena_printf(&im->arena, "cannot read: %s", s->errmsg);
		} else if (!crk_strbuf_ok(&sb) || im->json_kept + sb.len > JSON_KEPT_MAX) {
			b->rc = sb.len >= CRK_MAX_IMAGE_JSON || im->json_kept + sb.len > JSON_KEPT_MAX
					? CRK_ELIMIT : CRK_ENOMEM;
			b->why = crk_arena_printf(&im->arena, "JSON file larger than %zu bytes",
						  (size_t)CRK_MAX_IMAGE_JSON);
		} else {
			im->json_kept += sb.len;
			b->jsonlen = sb.len;
			b->json = crk_strbuf_detach(&sb, NULL);
			if (!b->json)
				b->rc = CRK_ENOMEM;
		}
		crk_strbuf_release(&sb);
		if (b->rc == CRK_ENOMEM) {
			crk__stream_free(s);
			return oom(im, err);
		}
	} else {
		struct crk_err lerr;
		s->prefix = head;
		s->prefixlen = got;
		crk_err_clear(&lerr);
		rc = crk__layer_read(im->vfs, im->nraw, s, &im->streamed, &b->info, &lerr);
		if (rc == CRK_ENOMEM || rc == CRK_ELIMIT) {
			crk__stream_free(s);
			return fail(im, rc, err, "layer '%s': %s", name, lerr.msg);
		}
		if (rc) {
			b->rc = rc;
			b->why = crk_arena_strdup(&im->arena, lerr.msg);
		} else {
			b->raw = (int)im->nraw;
		}
		im->nraw++;
		rc = CRK_OK;
	}
	if (crk__stream_drain(s) && !b->rc) {
		b->rc = CRK_EIO;
		b->why = crk_arena_printf(&im->arena, "cannot read: %s", s->errmsg);
	}
	if (!b->whole)
		crk__stream_digest(s, b->digest);
	b->size = s->bytes;
	crk__stream_free(s);
	if (b->rc && !b->why)
		return oom(im, err);
	*out = b;
	return rc;
}

static int read_entries(struct img *im, struct archive *a, struct crk_err *err);

/* Reads every regular file of an archive (the outer tar) as a blob; every digest is known when
 * it returns. */
static int read_archive(struct img *im, struct archive *a, struct crk_err *err)
{
	int rc = read_entries(im, a, err);
	wait_hashes(im, 0);
	return rc;
}

static int read_entries(struct img *im, struct archive *a, struct crk_err *err)
{
	char name[CRK_MAX_PATH];
	for (;;) {
		struct archive_entry *e;
		struct blob *b;
		long n;
		int r = archive_read_next_header(a, &e), rc;
		if (r == ARCHIVE_EOF)
			return CRK_OK;
		if (r < ARCHIVE_WARN || r == ARCHIVE_RETRY)
			return fail(im, CRK_EPARSE, err, "truncated or corrupt archive: %s",
				    archive_error_string(a) ? archive_error_string(a) : "read error");
		if ((uint64_t)archive_filter_bytes(a, 0) > CRK_MAX_IMAGE_BYTES)
			return fail(im, CRK_ELIMIT, err, "the archive is larger than %llu bytes",
				    (unsigned long long)CRK_MAX_IMAGE_BYTES);
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) ||
		    !archive_entry_pathname(e))
			continue;
		n = crk_vfs_normalise(archive_entry_pathname(e), name, sizeof(name));
		if (n <= 0)
			continue; /* never taken as a path; the manifest cannot name it either */
		rc = read_blob(im, a, -1, name,
			       archive_entry_size_is_set(e) && archive_entry_size(e) > 0
				       ? (uint64_t)archive_entry_size(e) : 0,
			       &b, err);
		if (rc)
			return rc;
	}
}

/* A blob by digest ("sha256:<hex>"): from the archive, or read from the layout directory.
 * Checks its digest and, when the descriptor gives one (size >= 0), its size. */
static int get_blob(struct img *im, const char *digest, json_int_t size, int want_layer,
		    const char *what, struct blob **out, struct crk_err *err)
{
	char name[96];
	struct blob *b;
	int rc;

	*out = NULL;
	if (strncmp(digest, "sha256:", 7) != 0) {
		if (strchr(digest, ':'))
			return fail(im, CRK_EUNSUPPORTED, err,
				    "%s '%s': only sha256 digests are supported", what, digest);
		return fail(im, CRK_EPARSE, err, "%s '%s' is not a digest", what, digest);
	}
	if (!is_hex64(digest + 7, strlen(digest + 7)))
		return fail(im, CRK_EPARSE, err, "%s '%s' is not a sha256 digest", what, digest);
	snprintf(name, sizeof(name), "blobs/sha256/%s", digest + 7);
	b = find_blob(im, name);
	if (!b && im->rootfd >= 0) {
		int fd = crk_open_beneath(im->rootfd, name);
		if (fd < 0)
			return fail(im, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, err,
				    "%s %s: cannot open %s: %s", what, digest, name,
				    errno == ELOOP || errno == EXDEV ? "symbolic links are not followed"
								      : strerror(errno));
		rc = read_blob(im, NULL, fd, name, 0, &b, err);
		close(fd);
		if (rc)
			return rc;
	}
	if (!b)
		return fail(im, CRK_ENOTFOUND, err, "%s %s is not in the image", what, digest);
	if (strcmp(blob_digest(im, b), digest) != 0)
		return fail(im, CRK_EPARSE, err,
			    "%s %s: digest mismatch: the blob's content hashes to %s", what, digest,
			    b->digest);
	if (size >= 0 && (uint64_t)size != b->size)
		return fail(im, CRK_EPARSE, err,
			    "%s %s: size mismatch: the descriptor says %lld bytes, the blob has %llu",
			    what, digest, (long long)size, (unsigned long long)b->size);
	if (b->rc)
		return fail(im, b->rc, err, "%s %s: %s", what, digest, b->why);
	if (want_layer && b->raw < 0)
		return fail(im, CRK_EPARSE, err, "%s %s is not a tar archive", what, digest);
	if (!want_layer && !b->json)
		return fail(im, CRK_EPARSE, err, "%s %s is not JSON", what, digest);
	*out = b;
	return CRK_OK;
}

static int load_json(struct img *im, const char *what, const char *buf, size_t len,
		     json_t **out, struct crk_err *err)
{
	json_error_t jerr;
	*out = json_loadb(buf, len, 0, &jerr);
	if (!*out)
		return fail(im, CRK_EPARSE, err, "%s:%d:%d: %s", what, jerr.line, jerr.column,
			    jerr.text);
	if (!json_is_object(*out) && !json_is_array(*out)) {
		json_decref(*out);
		*out = NULL;
		return fail(im, CRK_EPARSE, err, "%s: not a JSON object", what);
	}
	return CRK_OK;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- the image config ---- */

/* Reads the config: platform, and the diff IDs that name the layers. */
static int use_config(struct img *im, struct blob *cfg, struct crk_err *err)
{
	json_t *root, *diff;
	const char *os, *arch, *variant;
	size_t i;
	int rc = load_json(im, "image config", cfg->json, cfg->jsonlen, &root, err);
	if (rc)
		return rc;
	im->config_digest = crk_arena_strdup(&im->arena, blob_digest(im, cfg));
	os = jstr(root, "os");
	arch = jstr(root, "architecture");
	variant = jstr(root, "variant");
	if (os && arch)
		im->platform = crk_arena_printf(&im->arena, "%s/%s%s%s", os, arch,
						variant ? "/" : "", variant ? variant : "");
	diff = json_object_get(json_object_get(root, "rootfs"), "diff_ids");
	if (json_is_array(diff) && json_array_size(diff) == im->nlayers) {
		for (i = 0; i < im->nlayers; i++)
			if (!json_is_string(json_array_get(diff, i)))
				break;
		for (size_t k = 0; i == im->nlayers && k < im->nlayers; k++)
			im->ids[k] = crk_arena_strdup(&im->arena,
						      json_string_value(json_array_get(diff, k)));
	} else {
		crk_diags_addf(im->diags, CRK_EPARSE, im->display, 0, 0,
			       "the image config lists %zu diff IDs for %zu layers: layers are "
			       "named by their blob digests",
			       json_is_array(diff) ? json_array_size(diff) : (size_t)0, im->nlayers);
	}
	json_decref(root);
	if (!im->config_digest || (os && arch && !im->platform))
		return oom(im, err);
	for (i = 0; i < im->nlayers; i++) {
		if (!im->ids[i]) /* no diff ID: its blob digest (hashed only now, when needed) */
			im->ids[i] = crk_arena_strdup(&im->arena,
						      blob_digest(im, &im->blobs[im->from[i]]));
		if (!im->ids[i])
			return oom(im, err);
	}
	return CRK_OK;
}

static int add_layer(struct img *im, struct blob *b, struct crk_err *err)
{
	if (im->nlayers >= CRK_MAX_IMAGE_LAYERS)
		return fail(im, CRK_ELIMIT, err, "the image has more than %d layers",
			    CRK_MAX_IMAGE_LAYERS);
	im->order[im->nlayers] = (unsigned)b->raw;
	im->ids[im->nlayers] = NULL; /* its diff ID from the config, else its digest: use_config() */
	im->from[im->nlayers] = (size_t)(b - im->blobs);
	im->nlayers++;
	return CRK_OK;
}

/* ---- docker save: manifest.json ---- */

static int use_docker_manifest(struct img *im, struct blob *mf, struct crk_err *err)
{
	json_t *root, *m, *layers, *tags;
	const char *cfgname, *hex;
	struct blob *cfg;
	size_t i;
	int rc = load_json(im, "manifest.json", mf->json, mf->jsonlen, &root, err);
	if (rc)
		return rc;
	m = json_array_get(root, 0);
	if (!json_is_array(root) || !json_is_object(m)) {
		json_decref(root);
		return fail(im, CRK_EPARSE, err, "manifest.json: expected an array of images");
	}
	if (json_array_size(root) > 1)
		crk_diags_addf(im->diags, CRK_EUNSUPPORTED, im->display, 0, 0,
			       "the archive holds %zu images: only the first is scanned",
			       json_array_size(root));
	cfgname = jstr(m, "Config");
	layers = json_object_get(m, "Layers");
	if (!cfgname || !json_is_array(layers)) {
		json_decref(root);
		return fail(im, CRK_EPARSE, err, "manifest.json: the image has no %s",
			    cfgname ? "\"Layers\" array" : "\"Config\" file");
	}
	tags = json_object_get(m, "RepoTags");
	if (json_is_string(json_array_get(tags, 0)))
		im->ref = crk_arena_strdup(&im->arena, json_string_value(json_array_get(tags, 0)));
	for (i = 0; i < json_array_size(layers) && !rc; i++) {
		const char *ln = json_string_value(json_array_get(layers, i));
		char norm[CRK_MAX_PATH];
		struct blob *b;
		if (!ln || crk_vfs_normalise(ln, norm, sizeof(norm)) <= 0) {
			rc = fail(im, CRK_EPARSE, err, "manifest.json: layer %zu is not a file name", i);
			break;
		}
		b = find_blob(im, norm);
		if (!b)
			rc = fail(im, CRK_ENOTFOUND, err,
				  "manifest.json lists layer '%s', which is not in the archive", ln);
		else if (name_digest(b->name, &hex) && memcmp(blob_digest(im, b) + 7, hex, 64) != 0)
			rc = fail(im, CRK_EPARSE, err,
				  "layer '%s': digest mismatch: the file's content hashes to %s", ln,
				  b->digest);
		else if (b->rc || b->raw < 0)
			rc = fail(im, b->rc ? b->rc : CRK_EPARSE, err, "layer '%s': %s", ln,
				  b->rc ? b->why : "not a tar archive");
		else
			rc = add_layer(im, b, err);
	}
	if (!rc) {
		char norm[CRK_MAX_PATH];
		cfg = crk_vfs_normalise(cfgname, norm, sizeof(norm)) > 0 ? find_blob(im, norm) : NULL;
		if (!cfg)
			rc = fail(im, CRK_ENOTFOUND, err,
				  "manifest.json names the config '%s', which is not in the archive",
				  cfgname);
		else if (name_digest(cfg->name, &hex) &&
			 memcmp(blob_digest(im, cfg) + 7, hex, 64) != 0)
			rc = fail(im, CRK_EPARSE, err,
				  "config '%s': digest mismatch: the file's content hashes to %s",
				  cfgname, cfg->digest);
		else if (!cfg->json)
			rc = fail(im, CRK_EPARSE, err, "config '%s': %s", cfgname,
				  cfg->rc ? cfg->why : "not JSON");
		else
			rc = use_config(im, cfg, err);
	}
	json_decref(root);
	if (!rc && json_is_string(json_array_get(tags, 0)) && !im->ref)
		rc = oom(im, err);
	return rc;
}

/* ---- OCI: index.json -> (index ->) manifest -> config, layers ---- */

static int is_index_type(const char *mt)
{
	return mt && (strcmp(mt, "application/vnd.oci.image.index.v1+json") == 0 ||
		      strcmp(mt, "application/vnd.docker.distribution.manifest.list.v2+json") == 0);
}

static json_int_t desc_size(json_t *d)
{
	json_t *v = json_object_get(d, "size");
	return json_is_integer(v) && json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
}

/* Chooses the manifest of an index: the only one (attestations, platform "unknown", aside),
 * else linux/amd64. */
static int pick_manifest(struct img *im, json_t *index, const char *what, json_t **out,
			 struct crk_err *err)
{
	json_t *ms = json_object_get(index, "manifests"), *only = NULL, *d;
	struct crk_strbuf seen = CRK_STRBUF_INIT(512);
	size_t i, n = 0;
	*out = NULL;
	if (!json_is_array(ms) || !json_array_size(ms))
		return fail(im, CRK_EPARSE, err, "%s lists no manifests", what);
	json_array_foreach (ms, i, d) {
		json_t *p = json_object_get(d, "platform");
		const char *os = jstr(p, "os"), *arch = jstr(p, "architecture");
		if (!json_is_object(d) || !jstr(d, "digest") || (os && strcmp(os, "unknown") == 0))
			continue;
		n++;
		only = d;
		if (os && arch && strcmp(os, "linux") == 0 && strcmp(arch, "amd64") == 0) {
			*out = d;
			break;
		}
		crk_strbuf_addf(&seen, "%s%s/%s", seen.len ? ", " : "", os ? os : "?",
				arch ? arch : "?");
	}
	if (!*out && n == 1)
		*out = only;
	if (!*out) {
		int rc = n ? fail(im, CRK_EUNSUPPORTED, err,
				  "%s lists %zu manifests and none is for linux/amd64 (%s)", what, n,
				  seen.buf)
			   : fail(im, CRK_EPARSE, err, "%s lists no image manifest", what);
		crk_strbuf_release(&seen);
		return rc;
	}
	crk_strbuf_release(&seen);
	return CRK_OK;
}

static int use_oci(struct img *im, json_t *index, struct crk_err *err)
{
	json_t *desc, *man = NULL, *sub = NULL, *layers, *cfgd, *d;
	const char *ref;
	struct blob *b;
	size_t i;
	int rc = pick_manifest(im, index, "index.json", &desc, err);
	if (rc)
		return rc;
	ref = jstr(json_object_get(desc, "annotations"), "io.containerd.image.name");
	if (!ref)
		ref = jstr(json_object_get(desc, "annotations"), "org.opencontainers.image.ref.name");
	if (ref && !(im->ref = crk_arena_strdup(&im->arena, ref)))
		return oom(im, err);
	if (is_index_type(jstr(desc, "mediaType"))) {
		/* a multi-platform image: one nested index level */
		rc = get_blob(im, jstr(desc, "digest"), desc_size(desc), 0, "image index", &b, err);
		if (!rc)
			rc = load_json(im, "image index", b->json, b->jsonlen, &sub, err);
		if (!rc)
			rc = pick_manifest(im, sub, "the image index", &desc, err);
		if (!rc && is_index_type(jstr(desc, "mediaType")))
			rc = fail(im, CRK_EUNSUPPORTED, err,
				  "image indexes nested more than one level deep");
	}
	if (!rc)
		rc = get_blob(im, jstr(desc, "digest"), desc_size(desc), 0, "manifest", &b, err);
	if (!rc)
		rc = load_json(im, "manifest", b->json, b->jsonlen, &man, err);
	json_decref(sub); /* desc pointed into it: not used past here */
	if (rc)
		return rc;
	layers = json_object_get(man, "layers");
	cfgd = json_object_get(man, "config");
	if (!json_is_array(layers) || !jstr(cfgd, "digest")) {
		json_decref(man);
		return fail(im, CRK_EPARSE, err, "manifest: no \"%s\"",
			    json_is_array(layers) ? "config" : "layers");
	}
	json_array_foreach (layers, i, d) {
		const char *dg = jstr(d, "digest");
		if (!dg) {
			rc = fail(im, CRK_EPARSE, err, "manifest: layer %zu has no digest", i);
			break;
		}
		rc = get_blob(im, dg, desc_size(d), 1, "layer", &b, err);
		if (!rc)
			rc = add_layer(im, b, err);
		if (rc)
			break;
	}
	if (!rc)
		rc = get_blob(im, jstr(cfgd, "digest"), desc_size(cfgd), 0, "config", &b, err);
	if (!rc)
		rc = use_config(im, b, err);
	json_decref(man);
	return rc;
}

static int check_layout_version(struct img *im, const char *buf, size_t len,
				struct crk_err *err)
{
	json_t *root;
	const char *v;
	int rc = load_json(im, "oci-layout", buf, len, &root, err);
	if (rc)
		return rc;
	v = jstr(root, "imageLayoutVersion");
	if (!v)
		rc = fail(im, CRK_EPARSE, err, "oci-layout: no \"imageLayoutVersion\"");
	else if (strncmp(v, "1.", 2) != 0)
		rc = fail(im, CRK_EUNSUPPORTED, err, "oci-layout: unsupported imageLayoutVersion '%s'",
			  v);
	json_decref(root);
	return rc;
}

/* ---- the BOM's metadata ---- */

/* The name `crakit sbom` gives by default: the base name of what was scanned. */
static int is_default_name(const char *name, const char *path)
{
	size_t n = strlen(path);
	const char *s;
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (s = path + n; s > path && s[-1] != '/'; s--)
		;
	return strlen(name) == (size_t)(path + n - s) && memcmp(name, s, strlen(name)) == 0;
}

/* Name and version from the image reference ("registry:5000/team/app:1.2@sha256:..." gives
 * "registry:5000/team/app" and "1.2"), unless the caller named the product; then the image's
 * id, reference and platform. */
static int set_meta(struct img *im, struct crk_bom *bom, int ref_is_tag, struct crk_err *err)
{
	struct crk_bom_meta *m = crk_bom_meta(bom);
	int rc = CRK_OK;
	if (im->ref && !m->version && (!m->name || is_default_name(m->name, im->display))) {
		char *r = crk_arena_strdup(&im->arena, im->ref), *at, *slash, *colon;
		if (!r)
			return oom(im, err);
		if ((at = strchr(r, '@')))
			*at = '\0';
		slash = strrchr(r, '/');
		colon = strrchr(slash ? slash : r, ':');
		if (ref_is_tag) {
			rc = crk_bom_set_str(bom, &m->version, r);
		} else {
			if (colon)
				*colon = '\0';
			rc = crk_bom_set_str(bom, &m->name, r);
			if (!rc && colon)
				rc = crk_bom_set_str(bom, &m->version, colon + 1);
		}
	}
	if (!rc)
		rc = crk_bom_set_str(bom, &m->image_id, im->config_digest);
	if (!rc)
		rc = crk_bom_set_str(bom, &m->image_ref, im->ref);
	if (!rc)
		rc = crk_bom_set_str(bom, &m->image_platform, im->platform);
	return rc ? oom(im, err) : CRK_OK;
}

/* The distribution, from the squashed os-release (etc/os-release is often a link to
 * ../usr/lib/os-release: links are not followed, so the second place is read then). */
static int image_os_release(struct img *im, struct crk_bom *bom, struct crk_err *err)
{
	static const char *const where[] = {"etc/os-release", "usr/lib/os-release"};
	size_t i;
	for (i = 0; i < 2 && !crk_bom_meta(bom)->os_id; i++) {
		const struct crk_vfs_entry *e = crk_vfs_lookup(im->vfs, where[i], strlen(where[i]));
		if (e && e->type == CRK_VFS_FILE && e->data &&
		    crk_os_release_parse(bom, e->data, e->len, err) == CRK_ENOMEM)
			return oom(im, err);
	}
	return CRK_OK;
}

/* ---- the files, through the scan driver's jobs ---- */

/* The walk's rules: .git is skipped, --exclude globs are tried on every ancestor path and
 * name (a directory the walk would not enter hides what is below it). */
static int excluded(const struct crk_walk_opts *wo, const char *path, size_t len)
{
	char buf[CRK_MAX_PATH];
	size_t i, start = 0;
	if (len >= sizeof(buf))
		return 1;
	for (i = 0; i <= len; i++) {
		if (i < len && path[i] != '/')
			continue;
		if (i - start == 4 && memcmp(path + start, ".git", 4) == 0)
			return 1;
		if (wo->nexcludes) {
			memcpy(buf, path, i);
			buf[i] = '\0';
			if (crk_walk_excluded(wo, buf, buf + start))
				return 1;
		}
		start = i + 1;
	}
	return 0;
}

static int scan_files(struct img *im, struct crk_bom *bom, const struct crk_scan_opts *opts,
		      struct crk_diags *diags, struct crk_scan_stats *stats, struct crk_err *err)
{
	struct crk__scan s;
	struct crk_walk_opts wo;
	size_t i, n = crk_vfs_count(im->vfs);
	int rc = CRK_OK;

	memset(&s, 0, sizeof(s));
	memset(&wo, 0, sizeof(wo));
	s.bom = bom;
	s.opts = opts;
	s.diags = diags;
	s.stats = stats;
	s.rootfd = -1;
	s.vfs = im->vfs;
	if (opts) {
		wo.excludes = opts->excludes;
		wo.nexcludes = opts->nexcludes;
	}
	for (i = 0; i < n && rc == CRK_OK; i++) {
		const struct crk_vfs_entry *e = crk_vfs_get(im->vfs, i);
		const char *name = e->path + e->pathlen;
		const struct crk_detector *d;
		struct crk__job *j;

		stats->files_seen++;
		if (opts && opts->progress && (stats->files_seen & 1023) == 0)
			opts->progress(opts->progress_ud, stats->files_seen, s.njobs, 0);
		if (e->type != CRK_VFS_FILE || !(e->flags & CRK_VFS_WANTED) ||
		    excluded(&wo, e->path, e->pathlen))
			continue;
		while (name > e->path && name[-1] != '/')
			name--;
		d = crk_detect_find(e->path, e->pathlen, name);
		if (!d)
			continue; /* kept only for detectors that read it beside another file */
		if (e->flags & (CRK_VFS_TOO_BIG | CRK_VFS_DROPPED)) {
			if (e->flags & CRK_VFS_TOO_BIG)
				crk_diags_addf(diags, CRK_ELIMIT, e->path, 0, 0,
					       "file is larger than %zu bytes",
					       d->max_size ? d->max_size : CRK_MAX_FILE_SIZE);
			else
				crk_diags_addf(diags, CRK_ELIMIT, e->path, 0, 0,
					       "not scanned: the files kept in memory from this image "
					       "reached %zu bytes", (size_t)CRK_MAX_IMAGE_KEPT);
			stats->files_parsed++;
			stats->files_failed++;
			continue;
		}
		if (!e->data)
			continue;
		if (CRK_GROW(s.jobs, s.alloc, s.njobs + 1)) {
			rc = oom(im, err);
			break;
		}
		j = &s.jobs[s.njobs];
		memset(j, 0, sizeof(*j));
		j->relpath = crk_strndup(e->path, e->pathlen);
		if (!j->relpath) {
			rc = oom(im, err);
			break;
		}
		j->d = d;
		j->ve = e;
		j->layer = crk_vfs_layer_id(im->vfs, e->layer);
		crk_diags_init(&j->diags);
		s.njobs++;
	}
	if (rc == CRK_OK)
		rc = crk__scan_run_jobs(&s, err);
	for (i = 0; i < s.njobs; i++) {
		crk_free(s.jobs[i].relpath);
		crk_diags_release(&s.jobs[i].diags);
	}
	crk_free(s.jobs);
	return rc;
}

/* After the manifest was read: warnings of the layers used, squash, metadata, files. */
static int finish(struct img *im, struct crk_bom *bom, int ref_is_tag,
		  const struct crk_scan_opts *opts, struct crk_diags *diags,
		  struct crk_scan_stats *stats, struct crk_err *err)
{
	size_t i, k;
	int rc;
	for (i = 0; i < im->nlayers; i++) {
		const struct blob *b = &im->blobs[im->from[i]];
		for (k = 0; k < i && im->from[k] != im->from[i]; k++)
			;
		if (k < i || !b->info.unsafe)
			continue;
		crk_diags_addf(diags, CRK_EPARSE, im->display, 0, 0,
			       "layer %zu (%s): %zu entr%s skipped: an absolute name, a '..' "
			       "component or a name too long ('%s')", i + 1, im->ids[i],
			       b->info.unsafe, b->info.unsafe == 1 ? "y" : "ies",
			       b->info.first_unsafe);
	}
	rc = crk_vfs_squash(im->vfs, im->order, im->ids, im->nlayers, err);
	if (!rc)
		rc = set_meta(im, bom, ref_is_tag, err);
	if (!rc)
		rc = image_os_release(im, bom, err);
	if (!rc)
		rc = scan_files(im, bom, opts, diags, stats, err);
	return rc;
}

/* The annotation org.opencontainers.image.ref.name may be a tag alone ("1.0"). */
static int ref_is_tag(const struct img *im, int oci)
{
	return oci && im->ref && !strchr(im->ref, '/') && !strchr(im->ref, ':');
}

static int scan_tar(struct img *im, struct archive *a, struct crk_bom *bom,
		    const struct crk_scan_opts *opts, struct crk_diags *diags,
		    struct crk_scan_stats *stats, struct crk_err *err)
{
	struct blob *mf, *ix, *lay;
	json_t *index;
	int rc = read_archive(im, a, err);
	if (rc)
		return rc;
	mf = find_blob(im, "manifest.json");
	ix = find_blob(im, "index.json");
	if (mf) {
		if (!mf->json)
			return fail(im, CRK_EPARSE, err, "manifest.json: %s",
				    mf->rc ? mf->why : "not JSON");
		rc = use_docker_manifest(im, mf, err);
		if (!rc)
			rc = finish(im, bom, 0, opts, diags, stats, err);
		return rc;
	}
	if (!ix) {
		rc = fail(im, CRK_EPARSE, err,
			  "not a container image: no manifest.json (docker save) or index.json "
			  "(OCI) in the archive");
		crk_err_hint(err, "crakit reads `docker save` and OCI image archives; unpack "
				  "other tarballs and scan the directory");
		return rc;
	}
	if (!ix->json)
		return fail(im, CRK_EPARSE, err, "index.json: %s", ix->rc ? ix->why : "not JSON");
	lay = find_blob(im, "oci-layout");
	if (lay && !lay->json)
		return fail(im, CRK_EPARSE, err, "oci-layout: %s", lay->rc ? lay->why : "not JSON");
	if (lay && (rc = check_layout_version(im, lay->json, lay->jsonlen, err)))
		return rc;
	rc = load_json(im, "index.json", ix->json, ix->jsonlen, &index, err);
	if (rc)
		return rc;
	rc = use_oci(im, index, err);
	json_decref(index);
	if (!rc)
		rc = finish(im, bom, ref_is_tag(im, 1), opts, diags, stats, err);
	return rc;
}

/* Reads a small file of an OCI layout directory. */
static int read_layout_file(struct img *im, const char *name, char **buf, size_t *len,
			    struct crk_err *err)
{
	int fd = crk_open_beneath(im->rootfd, name), rc;
	if (fd < 0)
		return fail(im, errno == ENOENT ? CRK_ENOTFOUND : CRK_EIO, err, "cannot open %s: %s",
			    name, errno == ELOOP || errno == EXDEV ? "symbolic links are not followed"
								 : strerror(errno));
	rc = crk_read_fd(fd, name, CRK_MAX_IMAGE_JSON, buf, len, err);
	close(fd);
	return rc;
}

static int scan_layout(struct img *im, struct crk_bom *bom, const struct crk_scan_opts *opts,
		       struct crk_diags *diags, struct crk_scan_stats *stats, struct crk_err *err)
{
	char *buf = NULL;
	size_t len;
	json_t *index;
	int rc = read_layout_file(im, "oci-layout", &buf, &len, err);
	if (!rc)
		rc = check_layout_version(im, buf, len, err);
	crk_free(buf);
	buf = NULL;
	if (!rc)
		rc = read_layout_file(im, "index.json", &buf, &len, err);
	if (!rc)
		rc = load_json(im, "index.json", buf, len, &index, err);
	crk_free(buf);
	if (rc)
		return rc;
	rc = use_oci(im, index, err);
	json_decref(index);
	if (!rc)
		rc = finish(im, bom, ref_is_tag(im, 1), opts, diags, stats, err);
	return rc;
}

/* ---- entry points (scan.h) ---- */

int crk__image_probe_file(const char *path)
{
	struct archive *a = crk__archive_reader();
	struct archive_entry *e;
	int ok = 0;
	if (!a)
		return 0;
	if (archive_read_open_filename(a, path, 64 << 10) == ARCHIVE_OK) {
		int r = archive_read_next_header(a, &e);
		ok = r == ARCHIVE_OK || r == ARCHIVE_WARN;
	}
	archive_read_free(a);
	return ok;
}

int crk__image_probe_dir(int rootfd)
{
	struct stat st;
	return fstatat(rootfd, "oci-layout", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode) &&
	       fstatat(rootfd, "index.json", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
}

static int img_init(struct img *im, const char *display, int rootfd, struct crk_diags *diags)
{
	memset(im, 0, sizeof(*im));
	im->display = display;
	im->rootfd = rootfd;
	im->diags = diags;
	crk_arena_init(&im->arena);
	im->vfs = crk_vfs_new();
	return im->vfs ? CRK_OK : CRK_ENOMEM;
}

static void img_release(struct img *im)
{
	size_t i;
	wait_hashes(im, 0); /* before the blobs: the threads' digests go there */
	for (i = 0; i < im->nhash; i++)
		crk_free(im->hash[i]);
	crk_free(im->hash);
	for (i = 0; i < im->nblobs; i++)
		crk_free(im->blobs[i].json);
	crk_free(im->blobs);
	crk_vfs_free(im->vfs); /* before the map: borrowed contents point into it */
	crk_arena_release(&im->arena);
	if (im->map)
		munmap((void *)(uintptr_t)im->map, im->maplen);
}

/* Maps a regular image file read-only, so that a plain tar's layers and the files in them are
 * read in place, without copies. 1 when mapped; 0 to read it as a stream instead. */
static int map_file(struct img *im, const char *path)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return 0;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 0;
	im->map = p;
	im->maplen = (size_t)st.st_size;
	return 1;
}

static int scan(struct crk_bom *bom, const char *display, const char *path, int rootfd,
		const void *mem, size_t memlen, const struct crk_scan_opts *opts,
		struct crk_diags *diags, struct crk_scan_stats *stats, struct crk_err *err)
{
	struct crk_scan_stats local;
	struct img im;
	const char *top = path; /* the image file scanned as the product (not one in a tree) */
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (img_init(&im, display, rootfd, diags)) {
		img_release(&im);
		return crk_err_set(err, CRK_ENOMEM, display, 0, 0, "out of memory");
	}
	if (rootfd >= 0) {
		rc = scan_layout(&im, bom, opts, diags, stats, err);
	} else {
		struct archive *a = crk__archive_reader();
		if (path && map_file(&im, path)) {
			mem = im.map;
			memlen = im.maplen;
			path = NULL;
		}
		if (!a)
			rc = oom(&im, err);
		else if ((path ? archive_read_open_filename(a, path, 64 << 10)
			       : archive_read_open_memory(a, mem, memlen)) != ARCHIVE_OK)
			rc = fail(&im, CRK_EPARSE, err, "cannot read the archive: %s",
				  archive_error_string(a) ? archive_error_string(a) : "unknown format");
		else
			rc = scan_tar(&im, a, bom, opts, diags, stats, err);
		archive_read_free(a);
		/* the archive scanned as the product is itself its deployable file (BSI TR-03183-2),
		 * hashed only when asked: SHA-256 + SHA-512 of a 400 MB image cost more CPU than
		 * reading it (the image is identified by its config digest regardless) */
		if (rc == CRK_OK && top && opts && (opts->flags & CRK_SCAN_HASH_INPUT) &&
		    crk__image_root_file(bom, top, mem, memlen))
			rc = oom(&im, err);
	}
	img_release(&im);
	if (opts && opts->progress)
		opts->progress(opts->progress_ud, stats->files_seen, stats->files_parsed,
			       crk_bom_count(bom));
	return rc;
}

int crk__image_scan(struct crk_bom *bom, const char *path, int rootfd,
		    const struct crk_scan_opts *opts, struct crk_diags *diags,
		    struct crk_scan_stats *stats, struct crk_err *err)
{
	return scan(bom, path, path, rootfd, NULL, 0, opts, diags, stats, err);
}

int crk__image_scan_buffer(struct crk_bom *bom, const char *display, const void *buf,
			   size_t len, const struct crk_scan_opts *opts, struct crk_diags *diags,
			   struct crk_scan_stats *stats, struct crk_err *err)
{
	return scan(bom, display, NULL, -1, buf, len, opts, diags, stats, err);
}
