/*
 * writers.c - the table of SBOM writers (writer.h) and what they share: the RFC 3339 timestamp,
 * the serial number (a name-based UUID, RFC 4122 §4.3, version 5 = SHA-1), display names, URL and
 * hash checks, and a small streaming JSON writer.
 *
 * Serial number: when the user set none, the UUID is derived from what the document says, so
 * the same tree gives the same serial (DESIGN.md §4: same input, same bytes once the timestamp
 * is fixed) and two different BOMs (other components, graph, scopes or product) get different
 * ones. The timestamp is left out on purpose: a rescan of an unchanged tree is the same BOM.
 * (CycloneDX says a serial SHOULD be unique per generated BOM; --serial gives that to whoever
 * wants it.) The name hashed under CRK_UUID_NS is, in order:
 *   "crakit-bom\n" product name "\n" product version "\n"
 *   then per component (sorted by bom_ref): bom_ref "\n" version "\n" scope "\n"
 *   and one "> " dep-bom_ref "\n" per dependency; then "roots\n" and "> " ref "\n" per root.
 * (NULL strings hash as empty.) See docs/formats.md.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/evp.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "formats/purl.h"
#include "formats/spdx_license.h"
#include "formats/writer.h"
#include "base/banned.h"

const struct crk_writer *const crk_writers[] = {
	&crk_writer_cdx_json,
	&crk_writer_cdx_xml,
	&crk_writer_spdx_json,
	&crk_writer_spdx_tv,
	&crk_writer_spdx3_json,
	&crk_writer_table,
	NULL,
};

const struct crk_writer *crk_writer_find(const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; crk_writers[i]; i++)
		if (strcmp(crk_writers[i]->name, name) == 0)
			return crk_writers[i];
	return NULL;
}

/* The BOM is read-only to writers, but the metadata accessor takes a mutable BOM. */
static const struct crk_bom_meta *meta_of(const struct crk_bom *bom)
{
	return crk_bom_meta((struct crk_bom *)bom);
}

/* Seconds of the BOM's timestamp, resolving -1 (unset) as the CLI does: SOURCE_DATE_EPOCH, else
 * now. The CLI resolves it before writers run; this is the defensive fallback for library use. */
static int64_t bom_time(const struct crk_bom *bom)
{
	int64_t t = meta_of(bom)->timestamp;
	const char *sde;
	if (t >= 0)
		return t;
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		unsigned long long v;
		errno = 0;
		v = strtoull(sde, &end, 10);
		if (!errno && *end == '\0' && *sde >= '0' && *sde <= '9' && v <= INT64_MAX)
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

void crk_writer_timestamp(const struct crk_bom *bom, char out[32])
{
	/* 9999-12-31T23:59:59Z: RFC 3339 has four-digit years. */
	const int64_t max = INT64_C(253402300799);
	int64_t t = bom_time(bom);
	time_t tt;
	struct tm tm;
	if (t < 0)
		t = 0;
	if (t > max)
		t = max;
	tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

/* Copies a set serial ("urn:uuid:XXXXXXXX-...", any case, or a bare UUID) into out, lowercased.
 * Returns 0 when it is not a UUID. */
static int serial_uuid(const char *s, char out[37])
{
	size_t i;
	if (strncasecmp(s, "urn:uuid:", 9) == 0)
		s += 9;
	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[36] = '\0';
	return 1;
}

/* crakit's UUID namespace, eedaeb4d-3ac6-5b6a-a9b8-f5835a18ba0a: the version-5 UUID of the URL
 * "https://crakit.invalid/bom" in the RFC 4122 URL namespace, written out so it never changes. */
static const unsigned char CRK_UUID_NS[16] = {
	0xee, 0xda, 0xeb, 0x4d, 0x3a, 0xc6, 0x5b, 0x6a,
	0xa9, 0xb8, 0xf5, 0x83, 0x5a, 0x18, 0xba, 0x0a,
};

/* The name is fed through a small buffer to SHA-1, so large BOMs need no copy of it. Should
 * libcrypto fail (it allocates its context), a 64-bit FNV-1a of the same text stands in: still
 * deterministic, still a well-formed UUID. */
struct uuid_hash {
	EVP_MD_CTX *ctx; /* NULL: FNV mode */
	uint64_t fnv;
	size_t n;
	unsigned char buf[4096];
};

static void uh_flush(struct uuid_hash *h)
{
	if (h->ctx && !EVP_DigestUpdate(h->ctx, h->buf, h->n)) {
		EVP_MD_CTX_free(h->ctx);
		h->ctx = NULL;
	}
	h->fnv = (h->fnv ^ crk_hash_bytes(h->buf, h->n)) * UINT64_C(0x100000001b3);
	h->n = 0;
}

static void uh_add(struct uuid_hash *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	while (n > 0) {
		size_t k = sizeof(h->buf) - h->n < n ? sizeof(h->buf) - h->n : n;
		memcpy(h->buf + h->n, s, k);
		h->n += k;
		s += k;
		n -= k;
		if (h->n == sizeof(h->buf))
			uh_flush(h);
	}
}

static void uh_line(struct uuid_hash *h, const char *prefix, const char *s)
{
	if (prefix)
		uh_add(h, prefix);
	uh_add(h, s);
	uh_add(h, "\n");
}

void crk_writer_uuid(const struct crk_bom *bom, char out[37])
{
	const struct crk_bom_meta *m = meta_of(bom);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	struct uuid_hash h;
	size_t i, j, n, nroots;
	const size_t *roots;
	int ok = 0;

	if (m->serial && serial_uuid(m->serial, out))
		return;

	h.fnv = UINT64_C(0xcbf29ce484222325);
	h.n = 0;
	h.ctx = EVP_MD_CTX_new();
	if (h.ctx && (!EVP_DigestInit_ex(h.ctx, EVP_sha1(), NULL) ||
		      !EVP_DigestUpdate(h.ctx, CRK_UUID_NS, sizeof(CRK_UUID_NS)))) {
		EVP_MD_CTX_free(h.ctx);
		h.ctx = NULL;
	}
	uh_line(&h, NULL, "crakit-bom");
	uh_line(&h, NULL, m->name);
	uh_line(&h, NULL, m->version);
	n = crk_bom_count(bom);
	for (i = 0; i < n; i++) {
		const struct crk_component *c = crk_bom_get(bom, i);
		uh_line(&h, NULL, c->bom_ref);
		uh_line(&h, NULL, c->version);
		uh_line(&h, NULL, crk_scope_str(c->scope));
		for (j = 0; j < c->ndeps; j++) {
			const struct crk_component *d = crk_bom_get(bom, c->deps[j]);
			uh_line(&h, "> ", d ? d->bom_ref : "");
		}
	}
	uh_line(&h, NULL, "roots");
	roots = crk_bom_roots(bom, &nroots);
	for (i = 0; i < nroots; i++) {
		const struct crk_component *d = crk_bom_get(bom, roots[i]);
		uh_line(&h, "> ", d ? d->bom_ref : "");
	}

	uh_flush(&h);
	if (h.ctx && EVP_DigestFinal_ex(h.ctx, md, &mdlen) && mdlen >= 16)
		ok = 1;
	EVP_MD_CTX_free(h.ctx);
	if (!ok) {
		/* Out of memory inside libcrypto: still deterministic, still a UUID. */
		uint64_t a = h.fnv, b = h.fnv * UINT64_C(0x9e3779b97f4a7c15) ^ (h.fnv >> 29);
		for (i = 0; i < 8; i++) {
			md[i] = (unsigned char)(a >> (56 - 8 * i));
			md[8 + i] = (unsigned char)(b >> (56 - 8 * i));
		}
	}
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50); /* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 md[0], md[1], md[2], md[3], md[4], md[5], md[6], md[7], md[8], md[9], md[10],
		 md[11], md[12], md[13], md[14], md[15]);
}

/* purl types whose namespace is a distribution or vendor, not part of the package's name. */
static int ns_is_vendor(const char *type)
{
	static const char *const t[] = {"deb", "rpm", "apk", "alpm", "qpkg", "oci", NULL};
	size_t i;
	for (i = 0; t[i]; i++)
		if (strcmp(type, t[i]) == 0)
			return 1;
	return 0;
}

void crk_writer_display_name(struct crk_strbuf *out, const struct crk_component *c)
{
	if (c->ns && *c->ns && c->type && !ns_is_vendor(c->type)) {
		crk_strbuf_adds(out, c->ns);
		crk_strbuf_addch(out, strcmp(c->type, "maven") == 0 ? ':' : '/');
	}
	crk_strbuf_adds(out, c->name ? c->name : "");
}

int crk_writer_url_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int hashes = 0;
	if (!s || !isalpha(*p))
		return 0;
	while (isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (p++; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>\"{}|\\^`", *p))
			return 0;
		if (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2])))
			return 0;
		if (*p == '#' && ++hashes > 1)
			return 0;
	}
	return 1;
}

static const struct {
	const char *cdx, *spdx;
	size_t hexlen;
} hash_algs[] = {
	{"MD5", "MD5", 32},
	{"SHA-1", "SHA1", 40},
	{"SHA-256", "SHA256", 64},
	{"SHA-384", "SHA384", 96},
	{"SHA-512", "SHA512", 128},
	{"SHA3-256", "SHA3-256", 64},
	{"SHA3-384", "SHA3-384", 96},
	{"SHA3-512", "SHA3-512", 128},
	{"BLAKE2b-256", "BLAKE2b-256", 64},
	{"BLAKE2b-384", "BLAKE2b-384", 96},
	{"BLAKE2b-512", "BLAKE2b-512", 128},
	{"BLAKE3", "BLAKE3", 64},
};

int crk_writer_hash_ok(const struct crk_hash *h, const char **spdx_alg)
{
	size_t i, k;
	if (!h->alg || !h->value)
		return 0;
	for (i = 0; i < sizeof(hash_algs) / sizeof(hash_algs[0]); i++) {
		if (strcmp(h->alg, hash_algs[i].cdx))
			continue;
		if (strlen(h->value) != hash_algs[i].hexlen)
			return 0;
		for (k = 0; h->value[k]; k++)
			if (!isxdigit((unsigned char)h->value[k]))
				return 0;
		if (spdx_alg)
			*spdx_alg = hash_algs[i].spdx;
		return 1;
	}
	return 0;
}

int crk_writer_split_contact(const char *s, size_t *name_len, const char **email,
			     size_t *email_len)
{
	size_t n = strlen(s), k;
	const char *lt = n > 2 && s[n - 1] == '>' ? strrchr(s, '<') : NULL;
	int at = 0;
	if (!lt || lt == s || lt[-1] != ' ')
		return 0;
	for (k = 1; lt + k < s + n - 1; k++) {
		if (lt[k] == '@')
			at++;
		if (lt[k] == ' ' || lt[k] == '<')
			return 0;
	}
	if (at != 1 || lt[1] == '@' || lt[k - 1] == '@')
		return 0;
	*name_len = (size_t)(lt - 1 - s);
	while (*name_len && s[*name_len - 1] == ' ')
		(*name_len)--;
	if (!*name_len)
		return 0;
	*email = lt + 1;
	*email_len = (size_t)(s + n - 1 - (lt + 1));
	return 1;
}

int crk_writer_hash_cmp(const void *a, const void *b)
{
	const struct crk_hash *x = *(const struct crk_hash *const *)a;
	const struct crk_hash *y = *(const struct crk_hash *const *)b;
	int r = strcmp(x->alg, y->alg);
	return r ? r : strcasecmp(x->value, y->value);
}

const char *crk_writer_purl_upstream(const struct crk_component *c, struct crk_strbuf *tmp)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_purl pu;
	struct crk_kv *q;
	const char *src = c->source_name, *out = c->purl;
	size_t i;
	if (!c->purl || !src || !*src ||
	    (strncmp(c->purl, "pkg:deb/", 8) != 0 && strncmp(c->purl, "pkg:apk/", 8) != 0))
		return c->purl;
	if (strcmp(src, c->name) == 0 &&
	    (!c->source_version || !c->version || strcmp(c->source_version, c->version) == 0))
		return c->purl; /* its own source package: nothing to say */
	if (crk_purl_parse(&pu, c->purl, strlen(c->purl), &a, NULL) == CRK_OK) {
		for (i = 0; i < pu.nqualifiers; i++)
			if (strcmp(pu.qualifiers[i].key, "upstream") == 0)
				break;
		q = i == pu.nqualifiers ? crk_arena_array(&a, pu.nqualifiers + 1, sizeof(*q)) : NULL;
		if (q) {
			memcpy(q, pu.qualifiers, pu.nqualifiers * sizeof(*q));
			q[pu.nqualifiers].key = "upstream";
			q[pu.nqualifiers].value =
				c->source_version && c->version &&
						strcmp(c->source_version, c->version) != 0
					? crk_arena_printf(&a, "%s@%s", src, c->source_version)
					: src;
			pu.qualifiers = q;
			pu.nqualifiers++;
			crk_strbuf_reset(tmp);
			if (q[pu.nqualifiers - 1].value && crk_purl_build(tmp, &pu, NULL) == CRK_OK &&
			    crk_strbuf_ok(tmp))
				out = tmp->buf;
		}
	}
	crk_arena_release(&a);
	return out;
}

void crk_writer_add_sanitised(struct crk_strbuf *sb, const char *s, size_t max)
{
	size_t n = 0;
	int dash = 0;
	for (; *s && n < max; s++) {
		char c = *s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.') {
			if (dash && n) {
				crk_strbuf_addch(sb, '-');
				n++;
			}
			dash = 0;
			crk_strbuf_addch(sb, c);
			n++;
		} else {
			dash = 1;
		}
	}
}

static void package_id(const struct crk_bom *bom, size_t i, int by_index, const char *prefix,
		       size_t name_max, struct crk_strbuf *ids, size_t *off, struct crk_strbuf *tmp)
{
	const struct crk_component *c = crk_bom_get(bom, i);
	off[i] = ids->len;
	crk_strbuf_reset(tmp);
	crk_writer_display_name(tmp, c);
	crk_strbuf_adds(ids, prefix);
	if (by_index) {
		crk_strbuf_addf(ids, "%zu-", i);
	} else {
		crk_writer_add_sanitised(ids, c->type ? c->type : "", name_max);
		crk_strbuf_addch(ids, '-');
	}
	crk_writer_add_sanitised(ids, tmp->buf ? tmp->buf : "", name_max);
	if (!by_index)
		crk_strbuf_addf(ids, "-%016llx",
				(unsigned long long)crk_hash_bytes(c->bom_ref, strlen(c->bom_ref)));
	crk_strbuf_addch(ids, '\0');
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int crk_writer_package_ids(const struct crk_bom *bom, size_t n, const char *prefix,
			   size_t name_max, struct crk_strbuf *ids, size_t *off,
			   struct crk_strbuf *tmp)
{
	const char **sorted;
	size_t i;
	int dup = 0;
	crk_strbuf_reset(ids);
	for (i = 0; i < n; i++)
		package_id(bom, i, 0, prefix, name_max, ids, off, tmp);
	if (!crk_strbuf_ok(ids) || !crk_strbuf_ok(tmp))
		return CRK_ENOMEM;
	if (n < 2)
		return CRK_OK;
	sorted = crk_calloc(n, sizeof(*sorted));
	if (!sorted)
		return CRK_ENOMEM;
	for (i = 0; i < n; i++)
		sorted[i] = ids->buf + off[i];
	qsort(sorted, n, sizeof(*sorted), cmp_cstr);
	for (i = 1; i < n && !dup; i++)
		dup = strcmp(sorted[i - 1], sorted[i]) == 0;
	crk_free(sorted);
	if (dup) {
		crk_strbuf_reset(ids);
		for (i = 0; i < n; i++)
			package_id(bom, i, 1, prefix, name_max, ids, off, tmp);
	}
	return crk_strbuf_ok(ids) && crk_strbuf_ok(tmp) ? CRK_OK : CRK_ENOMEM;
}

/* ---- the BSI TR-03183-2 profile's shared pieces ---- */

const char *crk_writer_filename(const struct crk_component *c, struct crk_strbuf *tmp)
{
	const char *u = c->download_url, *p, *end, *slash;
	if (c->filename && *c->filename)
		return c->filename;
	if (!u || !crk_writer_url_ok(u))
		return NULL;
	p = strstr(u, "://");
	p = p ? p + 3 : strchr(u, ':') + 1;
	p = strchr(p, '/'); /* the path starts after the authority */
	if (!p)
		return NULL;
	end = p + strcspn(p, "?#");
	for (slash = end; slash > p && slash[-1] != '/'; slash--)
		;
	if (slash == end)
		return NULL; /* the path ends with '/': no file named */
	crk_strbuf_reset(tmp);
	crk_strbuf_add(tmp, slash, (size_t)(end - slash));
	return crk_strbuf_ok(tmp) ? tmp->buf : NULL;
}

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

unsigned crk_writer_file_kind(const struct crk_component *c, const char *filename)
{
	static const char *const archives[] = {
		".tgz", ".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tbz2", ".txz",
		".zip", ".jar", ".war", ".ear", ".aar", ".whl", ".egg", ".gem", ".nupkg",
		".crate", ".apk", ".deb", ".rpm", ".conda", ".hex", ".phar", NULL};
	size_t i, n;
	if (c->file_kind)
		return c->file_kind;
	if (!filename)
		return 0;
	n = strlen(filename);
	for (i = 0; archives[i]; i++)
		if (ends_with_ci(filename, n, archives[i]))
			return CRK_FILE_KNOWN | CRK_FILE_ARCHIVE | CRK_FILE_STRUCTURED;
	return 0;
}

static int web_url(const char *u)
{
	return u && crk_writer_url_ok(u) &&
	       (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

/* "user@host" and nothing else. */
static int bare_email(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@') && !strpbrk(s, " <>(),;");
}

int crk_writer_creator(const struct crk_component *c, struct crk_writer_contact *out)
{
	static const enum crk_party_role order[] = {CRK_PARTY_MANUFACTURER, CRK_PARTY_AUTHOR,
						    CRK_PARTY_SUPPLIER};
	size_t i, k, nlen, elen;
	const char *email;

	memset(out, 0, sizeof(*out));
	/* an email first: the creator's own (SBOMs read as input), then package metadata's
	 * "Name <email>" author or supplier */
	for (k = 0; k < 3; k++)
		for (i = 0; i < c->nparties; i++)
			if (c->parties[i].role == order[k] && c->parties[i].email &&
			    *c->parties[i].email) {
				out->name = c->parties[i].name;
				out->name_len = out->name ? strlen(out->name) : 0;
				out->email = c->parties[i].email;
				out->email_len = strlen(out->email);
				return 1;
			}
	if (c->author && crk_writer_split_contact(c->author, &nlen, &email, &elen)) {
		out->name = c->author;
		out->name_len = nlen;
		out->email = email;
		out->email_len = elen;
		return 1;
	}
	if (c->supplier && crk_writer_split_contact(c->supplier, &nlen, &email, &elen)) {
		out->name = c->supplier;
		out->name_len = nlen;
		out->email = email;
		out->email_len = elen;
		return 1;
	}
	if (c->author && bare_email(c->author)) {
		/* PyPI's Author-email alone, npm's "mail@host" */
		out->email = c->author;
		out->email_len = strlen(c->author);
		return 1;
	}
	/* else a URL: a party's, else "the project's web page" (BSI §5.2.2): its repository or
	 * homepage */
	for (k = 0; k < 3; k++)
		for (i = 0; i < c->nparties; i++)
			if (c->parties[i].role == order[k] && web_url(c->parties[i].url)) {
				out->name = c->parties[i].name;
				out->name_len = out->name ? strlen(out->name) : 0;
				out->url = c->parties[i].url;
				return 1;
			}
	if (c->author && *c->author) {
		out->name = c->author;
		out->name_len = strlen(c->author);
	} else if (c->supplier && *c->supplier) {
		out->name = c->supplier;
		out->name_len = strlen(c->supplier);
	}
	for (i = 0; i < c->next_refs; i++)
		if (strcmp(c->ext_refs[i].key, "website") == 0 && web_url(c->ext_refs[i].value)) {
			out->url = c->ext_refs[i].value;
			return 1;
		}
	for (i = 0; i < c->nprops; i++)
		if (strcmp(c->props[i].key, "homepage") == 0 && web_url(c->props[i].value)) {
			out->url = c->props[i].value; /* a detector's "homepage" (PyPI Home-page) */
			return 1;
		}
	if (web_url(c->vcs_url)) {
		out->url = c->vcs_url;
		return 1;
	}
	return 0;
}

const struct crk_party *crk_writer_sbom_creator(const struct crk_bom *bom)
{
	static const enum crk_party_role order[] = {CRK_PARTY_MANUFACTURER, CRK_PARTY_AUTHOR,
						    CRK_PARTY_SUPPLIER};
	const struct crk_bom_meta *m = meta_of(bom);
	size_t i, k;
	for (k = 0; k < 3; k++)
		for (i = 0; i < m->nparties; i++)
			if (m->parties[i].role == order[k] &&
			    ((m->parties[i].email && *m->parties[i].email) ||
			     web_url(m->parties[i].url)))
				return &m->parties[i];
	return NULL;
}

int crk_writer_license(const char *declared, struct crk_strbuf *out,
		       void (*on_ref)(void *ud, const char *id, const char *text, size_t n),
		       void *ud)
{
	crk_strbuf_reset(out);
	if (!declared)
		return CRK_SPDX_INVALID;
	return crk_spdx_normalise(declared, strlen(declared), out, on_ref, ud);
}

/* ---- streaming JSON ---- */

void crk_jw_init(struct crk_jw *w, struct crk_strbuf *sb, int pretty)
{
	w->sb = sb;
	w->pretty = pretty;
	w->depth = 0;
	memset(w->nonempty, 0, sizeof(w->nonempty));
}

/* ",\n" and the indentation of the deepest level (CRK_JW_MAX_DEPTH levels of two spaces): a
 * separator, a newline and the indentation of any depth are one slice of it. */
static const char jw_sep[] = ",\n                                ";
_Static_assert(sizeof(jw_sep) - 1 == 2 + 2 * CRK_JW_MAX_DEPTH, "jw_sep covers every depth");

/* The separator (`comma`) and, when pretty, the newline and indentation for `depth`. */
static void jw_sep_nl(struct crk_jw *w, int comma, int depth)
{
	if (w->pretty)
		crk_strbuf_add(w->sb, jw_sep + !comma, (size_t)(comma ? 2 : 1) + (size_t)depth * 2);
	else if (comma)
		crk_strbuf_addch(w->sb, ',');
}

void crk_jw_key(struct crk_jw *w, const char *key)
{
	int comma = 0;
	size_t klen, sep;
	char *d;
	if (w->depth > 0) {
		comma = w->nonempty[w->depth - 1];
		w->nonempty[w->depth - 1] = 1;
	}
	/* the usual member, a plain key: separator, indentation, "key": in one piece */
	klen = key ? strlen(key) : 0;
	if (key && w->pretty && crk_strbuf_json_plain(key, klen) == klen) {
		sep = w->depth > 0 ? (size_t)(comma ? 2 : 1) + (size_t)w->depth * 2 : 0;
		d = crk_strbuf_reserve(w->sb, sep + klen + 4);
		if (!d)
			return;
		memcpy(d, jw_sep + !comma, sep);
		d[sep] = '"';
		memcpy(d + sep + 1, key, klen);
		memcpy(d + sep + 1 + klen, "\": ", 3);
		crk_strbuf_commit(w->sb, sep + klen + 4);
		return;
	}
	if (w->depth > 0)
		jw_sep_nl(w, comma, w->depth);
	if (key) {
		crk_strbuf_add_json_quoted(w->sb, key);
		if (w->pretty)
			crk_strbuf_add(w->sb, ": ", 2);
		else
			crk_strbuf_addch(w->sb, ':');
	}
}

static void jw_open(struct crk_jw *w, const char *key, char c)
{
	crk_jw_key(w, key);
	if (w->depth >= CRK_JW_MAX_DEPTH) {
		w->sb->failed = 1; /* our bug, not the input's: the writers nest a few levels */
		return;
	}
	crk_strbuf_addch(w->sb, c);
	w->nonempty[w->depth++] = 0;
}

static void jw_close(struct crk_jw *w, char c)
{
	if (w->depth <= 0) {
		w->sb->failed = 1;
		return;
	}
	w->depth--;
	if (w->nonempty[w->depth] && w->pretty)
		jw_sep_nl(w, 0, w->depth);
	crk_strbuf_addch(w->sb, c);
}

void crk_jw_begin_obj(struct crk_jw *w, const char *key)
{
	jw_open(w, key, '{');
}

void crk_jw_end_obj(struct crk_jw *w)
{
	jw_close(w, '}');
}

void crk_jw_begin_arr(struct crk_jw *w, const char *key)
{
	jw_open(w, key, '[');
}

void crk_jw_end_arr(struct crk_jw *w)
{
	jw_close(w, ']');
}

void crk_jw_str(struct crk_jw *w, const char *key, const char *value)
{
	if (!value)
		return;
	crk_jw_key(w, key);
	crk_strbuf_add_json_quoted(w->sb, value);
}

void crk_jw_strn(struct crk_jw *w, const char *key, const char *value, size_t n)
{
	crk_jw_key(w, key);
	crk_strbuf_addch(w->sb, '"');
	crk_strbuf_add_json_str(w->sb, value, n);
	crk_strbuf_addch(w->sb, '"');
}

void crk_jw_int(struct crk_jw *w, const char *key, long long value)
{
	char d[24], *e = d + sizeof(d), *q = e;
	/* "%lld" without printf: the magnitude as unsigned, so LLONG_MIN needs no special case */
	unsigned long long u = (unsigned long long)value;
	if (value < 0)
		u = 0ULL - u;
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (value < 0)
		*--q = '-';
	crk_jw_key(w, key);
	crk_strbuf_add(w->sb, q, (size_t)(e - q));
}

void crk_jw_bool(struct crk_jw *w, const char *key, int value)
{
	crk_jw_key(w, key);
	crk_strbuf_adds(w->sb, value ? "true" : "false");
}

void crk_jw_finish(struct crk_jw *w)
{
	if (w->depth != 0)
		w->sb->failed = 1;
	crk_strbuf_addch(w->sb, '\n');
}
