/*
 * crakit/release.h - releases, the documents stored with them, the audit log, and impact
 * queries (CRA Art. 13(9), 13(13), 13(18); DESIGN.md §4 "Release", "Audit log").
 *
 * Audit log: append-only and hash-chained. Entry n carries the SHA-256 of entry n-1 and its own
 * hash over every field (a length-prefixed encoding, so no two entries encode alike); stored
 * documents (SBOM snapshots, findings, assessments) are kept once by their SHA-256 and every
 * entry that stores one names that hash. crk_audit_verify() recomputes everything: a byte
 * changed in an entry or a document, an entry removed or reordered, or a head that does not
 * match the last entry is found and named. Nothing crakit writes ever updates or deletes an
 * entry (the store's triggers refuse it); the log is evidence for a market surveillance
 * authority of what was known when, for the retention periods below.
 *
 * Retention (computed, not a note): a release's technical documentation and EU declaration of
 * conformity are kept at least ten years after the product was placed on the market or for the
 * support period, whichever is longer (Art. 13(13)); a security update stays available ten
 * years after it was issued or for the rest of the support period, whichever is longer (Art.
 * 13(9)); the user information of Annex II likewise (Art. 13(18)).
 */
#ifndef CRAKIT_RELEASE_H
#define CRAKIT_RELEASE_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

struct crk_store;

/* ---- retention ----------------------------------------------------------------------------- */

/* The day until which a release placed on the market on `placed` ("YYYY-MM-DD") must be kept,
 * with a support period ending `support_end` ("YYYY-MM-DD", "YYYY-MM" = the end of that month,
 * or NULL when not set): max(placed + 10 years, support end) (Art. 13(13); Art. 13(9) for a
 * security update, counted from its issue). Ten years after 29 February ends on 28 February.
 * `out` receives "YYYY-MM-DD"; *basis (may be NULL) "10 years after placing on the market" or
 * "end of the support period". CRK_EINVAL for a date that is not one. */
int crk_retention_until(const char *placed, const char *support_end, char out[11],
			const char **basis, struct crk_err *err);

/* ---- documents and the audit log ----------------------------------------------------------- */

/* Stores a document (content-addressed: the same bytes are stored once) and returns its SHA-256
 * in hex. Must be called inside a transaction together with the audit entry that names it. */
int crk_doc_put(struct crk_store *s, const char *media_type, const void *buf, size_t len,
		char sha256_hex[65], struct crk_err *err);
/* Reads a document by its SHA-256: *out is heap memory (crk_free). CRK_ENOTFOUND if absent. */
int crk_doc_get(struct crk_store *s, const char *sha256_hex, char **out, size_t *len,
		char media_type[64], struct crk_err *err);

struct crk_audit_entry {
	int64_t seq;         /* 1, 2, 3, ... */
	int64_t at;          /* Unix seconds, UTC */
	const char *actor;   /* who: --author, $CRAKIT_AUTHOR, git's user.email, $USER */
	const char *action;  /* "release.record", "document.store", ... */
	const char *subject; /* "product@version", a CVE, a purl */
	const char *detail;  /* JSON object text, "" when none */
	const char *doc;     /* SHA-256 hex of a stored document, or NULL */
	char prev[65], hash[65];
};

/* Appends an entry (inside the caller's transaction, or its own). `at` 0 means now. The new
 * entry's seq and hash are written to *seq_out / hash_out when not NULL. */
int crk_audit_append(struct crk_store *s, int64_t at, const char *actor, const char *action,
		     const char *subject, const char *detail, const char *doc, int64_t *seq_out,
		     char hash_out[65], struct crk_err *err);

/* Calls `fn` for each entry in order (from seq `from`, 0 = all); a non-zero return stops. */
int crk_audit_each(struct crk_store *s, int64_t from,
		   int (*fn)(void *ud, const struct crk_audit_entry *e), void *ud,
		   struct crk_err *err);

struct crk_audit_report {
	int64_t entries;     /* entries checked */
	int64_t documents;   /* documents checked */
	int64_t broken_seq;  /* the first entry found wrong (0: none) */
	char why[256];       /* what is wrong with it */
	char head[65];       /* the hash of the last entry ("" for an empty log) */
};

/* Verifies the whole chain and every document it names. CRK_OK with broken_seq 0 when intact;
 * CRK_OK with broken_seq and why set when not (the first broken link); an error status only
 * when the store cannot be read. */
int crk_audit_verify(struct crk_store *s, struct crk_audit_report *r, struct crk_err *err);

/* The actor to record: `flag` when given, else $CRAKIT_AUTHOR, else $GIT_AUTHOR_EMAIL, else
 * $USER@$HOSTNAME-less "$USER", else "unknown". Borrowed or static. */
const char *crk_audit_actor(const char *flag);

/* ---- releases ------------------------------------------------------------------------------ */

struct crk_release_in {
	const char *product;       /* required */
	const char *manufacturer;  /* may be NULL */
	const char *version;       /* required */
	const char *placed;        /* "YYYY-MM-DD" placed on the market / issued; NULL = today */
	const char *support_end;   /* "YYYY-MM-DD" or "YYYY-MM"; may be NULL */
	int security_only;         /* a security update (Art. 13(9)), separable (Annex I Part II (8)) */
	const char *actor;
	int64_t now;               /* Unix seconds of the recording (0: now) */
	/* documents stored with the release (each may be NULL) */
	const char *sbom, *findings, *assessment;
	size_t sbom_len, findings_len, assessment_len;
	const char *sbom_name, *findings_name, *assessment_name; /* for messages */
};

struct crk_release_out {
	int64_t id;
	char retain_until[11];
	const char *retention_basis;
	size_t ncomponents, nfindings;
	char sbom_sha256[65];
	int64_t audit_seq;
};

/* Records a release: the product (created on first use), the release row with its retention,
 * the SBOM snapshot (any format crakit reads; its components are indexed for `impact`), the
 * findings (the JSON of `crakit scan --json`) and the assessment (`crakit assess --json`) as
 * documents, and an audit entry for each document and one for the release — all in one
 * transaction: a failure leaves the store as it was. CRK_EINVAL (with a hint) when the product
 * already has this version: releases are history, never replaced. CRK_EPARSE with the
 * document's path:line:col when a document cannot be read. */
int crk_release_record(struct crk_store *s, const struct crk_release_in *in,
		       struct crk_release_out *out, struct crk_diags *diags, struct crk_err *err);

struct crk_release_row {
	int64_t id;
	const char *product, *version, *placed, *support_end, *retain_until, *retention_basis;
	int security_only;
	int64_t recorded;
	int64_t ncomponents, nfindings;
	const char *sbom_sha256;
};

/* Calls fn for every release (of `product`, or all when NULL), product then placing order. */
int crk_release_each(struct crk_store *s, const char *product,
		     int (*fn)(void *ud, const struct crk_release_row *r), void *ud,
		     struct crk_err *err);

/* ---- impact -------------------------------------------------------------------------------- */

struct crk_impact_row {
	const char *product, *version, *placed; /* the release */
	const char *purl;                       /* the component in it that matched */
	const char *vuln;                       /* a CVE query: the advisory as recorded */
	const char *vex_status;                 /* VEX decision in force (as of the date), or NULL */
	const char *vex_justification;
	int64_t vex_at;
};

/* Which releases contain `query` — a purl (with a version: that version; without: any
 * version; qualifiers ignored) or a vulnerability id (CVE, GHSA, ... and its aliases, from the
 * findings recorded with each release) — placed on the market on or before `as_of`
 * ("YYYY-MM-DD"; NULL = today), with the VEX decision in force on that day (the newest
 * statement made on or before its end) for the vulnerability and the component or product. */
int crk_impact(struct crk_store *s, const char *query, const char *as_of,
	       int (*fn)(void *ud, const struct crk_impact_row *r), void *ud,
	       struct crk_err *err);

#endif
