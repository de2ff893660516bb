/*
 * audit.c - stored documents and the append-only, hash-chained audit log
 * (include/crakit/release.h; tables of src/store/sql/sqlite/0028-audit.sql).
 *
 * An entry's hash is SHA-256 over "crakit-audit-v1" and then each field as
 * <decimal length>:<bytes>, in the order seq, at, actor, action, subject, detail, doc, prev
 * (an absent doc is the empty string). Length prefixes make the encoding injective: no two
 * different entries hash the same bytes. The first entry's prev is 64 zeros.
 */
#include <inttypes.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/release.h"
#include "crakit/store.h"
#include "base/banned.h"

static const char zero_hash[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void hex(const unsigned char *md, unsigned n, char *out)
{
	unsigned i;
	for (i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	out[2 * n] = '\0';
}

static int digest_hex(const void *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return CRK_ENOMEM;
	hex(md, 32, out);
	return CRK_OK;
}

static void field(EVP_MD_CTX *md, const char *s, size_t n)
{
	char len[32];
	int k = snprintf(len, sizeof(len), "%zu:", n);
	EVP_DigestUpdate(md, len, (size_t)k);
	if (n)
		EVP_DigestUpdate(md, s, n);
}

/* The hash of an entry (e->prev set, e->hash written). */
static int entry_hash(const struct crk_audit_entry *e, char out[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char num[32];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok;
	if (!md)
		return CRK_ENOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
	if (ok) {
		EVP_DigestUpdate(md, "crakit-audit-v1", 15);
		snprintf(num, sizeof(num), "%" PRId64, e->seq);
		field(md, num, strlen(num));
		snprintf(num, sizeof(num), "%" PRId64, e->at);
		field(md, num, strlen(num));
		field(md, e->actor, strlen(e->actor));
		field(md, e->action, strlen(e->action));
		field(md, e->subject, strlen(e->subject));
		field(md, e->detail, strlen(e->detail));
		field(md, e->doc ? e->doc : "", e->doc ? strlen(e->doc) : 0);
		field(md, e->prev, strlen(e->prev));
		ok = EVP_DigestFinal_ex(md, d, &n) == 1 && n == 32;
	}
	EVP_MD_CTX_free(md);
	if (!ok)
		return CRK_ENOMEM;
	hex(d, 32, out);
	return CRK_OK;
}

const char *crk_audit_actor(const char *flag)
{
	const char *v;
	if (flag && *flag)
		return flag;
	if ((v = getenv("CRAKIT_AUTHOR")) && *v)
		return v;
	if ((v = getenv("GIT_AUTHOR_EMAIL")) && *v)
		return v;
	if ((v = getenv("USER")) && *v)
		return v;
	return "unknown";
}

/* ---- documents ---- */

int crk_doc_put(struct crk_store *s, const char *media_type, const void *buf, size_t len,
		char sha256_hex[65], struct crk_err *err)
{
	struct crk_stmt *st;
	int rc;
	if (digest_hex(buf, len, sha256_hex))
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	rc = crk_store_prepare(s, &st,
			       "INSERT INTO document (sha256, media_type, size, content, created) "
			       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, sha256_hex, 64);
	crk_stmt_bind_text(st, 2, media_type, (size_t)-1);
	crk_stmt_bind_int64(st, 3, (int64_t)len);
	crk_stmt_bind_blob(st, 4, len ? buf : "", len);
	crk_stmt_bind_int64(st, 5, (int64_t)time(NULL));
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

int crk_doc_get(struct crk_store *s, const char *sha, char **out, size_t *len,
		char media_type[64], struct crk_err *err)
{
	struct crk_stmt *st;
	const char *p, *mt;
	size_t n;
	int rc;
	*out = NULL;
	*len = 0;
	rc = crk_store_prepare(s, &st, "SELECT content, media_type FROM document WHERE sha256 = ?",
			       err);
	if (rc)
		return rc;
	crk_stmt_bind_text(st, 1, sha, (size_t)-1);
	rc = crk_stmt_step(st, err);
	if (rc <= 0) {
		crk_stmt_reset(st);
		return rc < 0 ? rc
			      : crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
					    "no document with SHA-256 %s in the store", sha);
	}
	p = crk_stmt_text(st, 0, &n);
	mt = crk_stmt_text(st, 1, NULL);
	if (media_type)
		snprintf(media_type, 64, "%s", mt ? mt : "");
	*out = crk_malloc(n + 1);
	if (!*out) {
		crk_stmt_reset(st);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (n)
		memcpy(*out, p, n);
	(*out)[n] = '\0';
	*len = n;
	crk_stmt_reset(st);
	return CRK_OK;
}

/* ---- the log ---- */

static int last_entry(struct crk_store *s, int64_t *seq, char hash[65], struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(s, &st, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
				   err);
	if (rc)
		return rc;
	rc = crk_stmt_step(st, err);
	if (rc < 0) {
		crk_stmt_reset(st);
		return rc;
	}
	if (rc == 0) {
		*seq = 0;
		memcpy(hash, zero_hash, 65);
	} else {
		const char *h = crk_stmt_text(st, 1, NULL);
		*seq = crk_stmt_int64(st, 0);
		snprintf(hash, 65, "%s", h ? h : "");
	}
	crk_stmt_reset(st);
	return CRK_OK;
}

int crk_audit_append(struct crk_store *s, int64_t at, const char *actor, const char *action,
		     const char *subject, const char *detail, const char *doc, int64_t *seq_out,
		     char hash_out[65], struct crk_err *err)
{
	struct crk_audit_entry e;
	struct crk_stmt *st;
	int rc, own = !crk_store_in_transaction(s);

	if (own && (rc = crk_store_begin(s, err)))
		return rc;
	memset(&e, 0, sizeof(e));
	e.at = at ? at : (int64_t)time(NULL);
	e.actor = actor ? actor : crk_audit_actor(NULL);
	e.action = action;
	e.subject = subject ? subject : "";
	e.detail = detail ? detail : "";
	e.doc = doc && *doc ? doc : NULL;
	rc = last_entry(s, &e.seq, e.prev, err);
	if (rc)
		goto out;
	e.seq++;
	if (entry_hash(&e, e.hash)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	rc = crk_store_prepare(s, &st,
			       "INSERT INTO audit_log (seq, at, actor, action, subject, detail, doc, "
			       "prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       err);
	if (rc)
		goto out;
	crk_stmt_bind_int64(st, 1, e.seq);
	crk_stmt_bind_int64(st, 2, e.at);
	crk_stmt_bind_text(st, 3, e.actor, (size_t)-1);
	crk_stmt_bind_text(st, 4, e.action, (size_t)-1);
	crk_stmt_bind_text(st, 5, e.subject, (size_t)-1);
	crk_stmt_bind_text(st, 6, e.detail, (size_t)-1);
	if (e.doc)
		crk_stmt_bind_text(st, 7, e.doc, (size_t)-1);
	else
		crk_stmt_bind_null(st, 7);
	crk_stmt_bind_text(st, 8, e.prev, 64);
	crk_stmt_bind_text(st, 9, e.hash, 64);
	rc = crk_stmt_step(st, err);
	crk_stmt_reset(st);
	if (rc < 0)
		goto out;
	rc = crk_store_meta_set(s, "audit.head", e.hash, err);
	if (rc)
		goto out;
	if (seq_out)
		*seq_out = e.seq;
	if (hash_out)
		memcpy(hash_out, e.hash, 65);
	if (own)
		rc = crk_store_commit(s, err);
out:
	if (rc && own)
		crk_store_rollback(s, NULL);
	return rc;
}

static const char *col(struct crk_stmt *st, int i)
{
	const char *v = crk_stmt_text(st, i, NULL);
	return v ? v : "";
}

int crk_audit_each(struct crk_store *s, int64_t from,
		   int (*fn)(void *ud, const struct crk_audit_entry *e), void *ud,
		   struct crk_err *err)
{
	struct crk_stmt *st;
	int rc = crk_store_prepare(s, &st,
				   "SELECT seq, at, actor, action, subject, detail, doc, prev, hash "
				   "FROM audit_log WHERE seq >= ? ORDER BY seq",
				   err);
	if (rc)
		return rc;
	crk_stmt_bind_int64(st, 1, from);
	while ((rc = crk_stmt_step(st, err)) == 1) {
		struct crk_audit_entry e;
		memset(&e, 0, sizeof(e));
		e.seq = crk_stmt_int64(st, 0);
		e.at = crk_stmt_int64(st, 1);
		e.actor = col(st, 2);
		e.action = col(st, 3);
		e.subject = col(st, 4);
		e.detail = col(st, 5);
		e.doc = crk_stmt_is_null(st, 6) ? NULL : col(st, 6);
		snprintf(e.prev, sizeof(e.prev), "%s", col(st, 7));
		snprintf(e.hash, sizeof(e.hash), "%s", col(st, 8));
		if (fn(ud, &e)) {
			rc = 0;
			break;
		}
	}
	crk_stmt_reset(st);
	return rc < 0 ? rc : CRK_OK;
}

/* Checks the stored document `sha`: present, and its bytes hash to its name. */
static int check_doc(struct crk_store *s, const char *sha, struct crk_audit_report *r,
		     int64_t seq, struct crk_err *err)
{
	char *buf, got[65];
	size_t len;
	int rc = crk_doc_get(s, sha, &buf, &len, NULL, err);
	if (rc == CRK_ENOTFOUND) {
		r->broken_seq = seq;
		snprintf(r->why, sizeof(r->why), "the document %.16s... it names is missing", sha);
		return CRK_OK;
	}
	if (rc)
		return rc;
	rc = digest_hex(buf, len, got);
	crk_free(buf);
	if (rc)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	r->documents++;
	if (strcmp(got, sha) != 0) {
		r->broken_seq = seq;
		snprintf(r->why, sizeof(r->why),
			 "the document %.16s... it names was changed: its bytes now hash to %.16s...",
			 sha, got);
	}
	return CRK_OK;
}

struct verify {
	struct crk_store *s;
	struct crk_audit_report *r;
	struct crk_err *err;
	char prev[65];
	int64_t expect;
	int rc;
	/* documents are checked after the walk (a statement is open during it) */
	struct docref {
		char sha[65];
		int64_t seq;
	} *docs;
	size_t ndocs, alloc;
};

static int verify_one(void *ud, const struct crk_audit_entry *e)
{
	struct verify *v = ud;
	char h[65];
	v->r->entries++;
	if (e->seq != v->expect) {
		v->r->broken_seq = v->expect;
		snprintf(v->r->why, sizeof(v->r->why), "entry %" PRId64 " is missing (the next is %" PRId64 ")",
			 v->expect, e->seq);
		return 1;
	}
	if (strcmp(e->prev, v->prev) != 0) {
		v->r->broken_seq = e->seq;
		snprintf(v->r->why, sizeof(v->r->why),
			 "its link to the entry before does not match that entry's hash");
		return 1;
	}
	if (entry_hash(e, h)) {
		v->rc = crk_err_set(v->err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		return 1;
	}
	if (strcmp(h, e->hash) != 0) {
		v->r->broken_seq = e->seq;
		snprintf(v->r->why, sizeof(v->r->why),
			 "its content was changed: it hashes to %.16s..., it says %.16s...", h, e->hash);
		return 1;
	}
	if (e->doc) {
		if (CRK_GROW(v->docs, v->alloc, v->ndocs + 1)) {
			v->rc = crk_err_set(v->err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			return 1;
		}
		snprintf(v->docs[v->ndocs].sha, 65, "%s", e->doc);
		v->docs[v->ndocs++].seq = e->seq;
	}
	memcpy(v->prev, e->hash, 65);
	v->expect++;
	return 0;
}

int crk_audit_verify(struct crk_store *s, struct crk_audit_report *r, struct crk_err *err)
{
	struct verify v;
	char *head = NULL;
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&v, 0, sizeof(v));
	v.s = s;
	v.r = r;
	v.err = err;
	v.expect = 1;
	memcpy(v.prev, zero_hash, 65);
	rc = crk_audit_each(s, 0, verify_one, &v, err);
	if (!rc)
		rc = v.rc;
	for (i = 0; !rc && !r->broken_seq && i < v.ndocs; i++)
		rc = check_doc(s, v.docs[i].sha, r, v.docs[i].seq, err);
	crk_free(v.docs);
	if (rc)
		return rc;
	if (r->entries && !r->broken_seq)
		memcpy(r->head, v.prev, 65);
	if (r->broken_seq)
		return CRK_OK;
	rc = crk_store_meta_get(s, "audit.head", &head, err);
	if (rc)
		return rc;
	if ((head || r->entries) && strcmp(head ? head : "", r->entries ? v.prev : "") != 0) {
		r->broken_seq = r->entries + 1;
		snprintf(r->why, sizeof(r->why),
			 "the log ends at entry %" PRId64 " but its recorded head is another entry: "
			 "entries at the end were removed",
			 r->entries);
		r->head[0] = '\0';
	}
	crk_free(head);
	return CRK_OK;
}
