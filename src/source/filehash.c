/*
 * filehash.c - the SHA-256 and SHA-512 of a deployable file (BSI TR-03183-2 v2.1 §5.2.2: "hash
 * value of the deployable component ... as SHA-512"; crakit adds SHA-256, what most tools
 * compare), for the scan driver (dir.c: a jar, a wheel or a binary a detector read) and the
 * image reader (image.c: the `docker save` archive itself). Both hash bytes already in memory
 * (read or mapped for parsing); only a compressed image archive, which libarchive streams, is
 * read a second time, in 1 MiB pieces.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "crakit/bom.h"
#include "source/scan.h"
#include "base/banned.h"

struct two {
	EVP_MD_CTX *ctx[2];
	int ok;
};

static void two_init(struct two *t)
{
	t->ctx[0] = EVP_MD_CTX_new();
	t->ctx[1] = EVP_MD_CTX_new();
	t->ok = t->ctx[0] && t->ctx[1] && EVP_DigestInit_ex(t->ctx[0], EVP_sha256(), NULL) &&
		EVP_DigestInit_ex(t->ctx[1], EVP_sha512(), NULL);
}

static void two_update(struct two *t, const void *p, size_t n)
{
	if (t->ok)
		t->ok = EVP_DigestUpdate(t->ctx[0], p, n) && EVP_DigestUpdate(t->ctx[1], p, n);
}

/* Finishes into out[0] (SHA-256) and out[1] (SHA-512), lowercase hex in the arena. */
static int two_final(struct two *t, struct crk_arena *a, struct crk_hash out[2])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned dl, k;
	int i;
	for (i = 0; t->ok && i < 2; i++) {
		char *v;
		if (!EVP_DigestFinal_ex(t->ctx[i], d, &dl) || !(v = crk_arena_alloc(a, 2 * dl + 1))) {
			t->ok = 0;
			break;
		}
		for (k = 0; k < dl; k++) {
			v[2 * k] = hex[d[k] >> 4];
			v[2 * k + 1] = hex[d[k] & 15];
		}
		v[2 * dl] = '\0';
		out[i].alg = i ? "SHA-512" : "SHA-256";
		out[i].value = v;
	}
	EVP_MD_CTX_free(t->ctx[0]);
	EVP_MD_CTX_free(t->ctx[1]);
	return t->ok ? CRK_OK : CRK_ENOMEM;
}

int crk__file_hashes(struct crk_arena *a, const void *buf, size_t len, struct crk_hash out[2])
{
	struct two t;
	size_t off;
	two_init(&t);
	for (off = 0; off < len; off += (size_t)1 << 20)
		two_update(&t, (const char *)buf + off,
			   len - off < ((size_t)1 << 20) ? len - off : (size_t)1 << 20);
	return two_final(&t, a, out);
}

int crk__image_root_file(struct crk_bom *bom, const char *path, const void *mem, size_t len)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_hash h[2];
	const char *name = strrchr(path, '/');
	int rc;
	name = name ? name + 1 : path;
	if (mem) {
		rc = crk__file_hashes(&a, mem, len, h);
	} else {
		/* a compressed archive libarchive streamed: read it once more */
		static char chunk[1 << 16];
		struct two t;
		ssize_t r;
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return CRK_OK; /* no hash then; the scan itself went fine */
		two_init(&t);
		while ((r = read(fd, chunk, sizeof(chunk))) > 0 || (r < 0 && errno == EINTR))
			if (r > 0)
				two_update(&t, chunk, (size_t)r);
		close(fd);
		if (r < 0)
			t.ok = 0;
		rc = two_final(&t, &a, h);
		if (rc) {
			crk_arena_release(&a);
			return r < 0 ? CRK_OK : rc;
		}
	}
	if (rc == CRK_OK)
		rc = crk_bom_set_root_file(bom, name,
					   CRK_FILE_KNOWN | CRK_FILE_ARCHIVE | CRK_FILE_STRUCTURED, h,
					   2);
	crk_arena_release(&a);
	return rc;
}
