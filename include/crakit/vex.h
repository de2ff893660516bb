/*
 * crakit/vex.h - triage decisions (VEX statements) and the two VEX formats crakit reads and
 * writes: OpenVEX 0.2 and CycloneDX 1.6 VEX (DESIGN.md §4 "VEX statement", §5).
 *
 * A statement says, for one vulnerability (an advisory id or any of its aliases) and one
 * subject (a component purl, or a product name or purl), what its status is: not_affected
 * with a CISA justification, affected with an action statement, fixed, or under_investigation.
 * Statements are history: a newer statement about the same (vulnerability, subject) wins over
 * an older one, and none is ever overwritten (docs/cmd/vex.md).
 *
 * Ownership: a `struct crk_vex_set` owns its statements and every string in them (one arena);
 * pointers it hands out are borrowed until crk_vex_set_free(). Not thread-safe.
 */
#ifndef CRAKIT_VEX_H
#define CRAKIT_VEX_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

enum crk_vex_status {
	CRK_VEX_NONE = 0,
	CRK_VEX_NOT_AFFECTED = 1,
	CRK_VEX_AFFECTED = 2,
	CRK_VEX_FIXED = 3,
	CRK_VEX_UNDER_INVESTIGATION = 4,
};

/* The CISA "Vulnerability Exploitability eXchange (VEX) - Status Justifications" labels, as
 * OpenVEX spells them. */
enum crk_vex_justification {
	CRK_VEXJ_NONE = 0,
	CRK_VEXJ_COMPONENT_NOT_PRESENT = 1,
	CRK_VEXJ_VULNERABLE_CODE_NOT_PRESENT = 2,
	CRK_VEXJ_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH = 3,
	CRK_VEXJ_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY = 4,
	CRK_VEXJ_INLINE_MITIGATIONS_ALREADY_EXIST = 5,
};

/* One statement. Strings are NULL when absent. */
struct crk_vex_stmt {
	const char *vuln;            /* advisory id or alias as written: "CVE-2021-44228" */
	const char *const *aliases;  /* other names the document gave for it (may be 0) */
	size_t naliases;
	const char *subject;         /* a purl ("pkg:npm/lodash@4.17.15", version optional) or a
				      * product name; "*" means every component */
	const char *product;         /* the product the statement was made for, when the
				      * document names one besides `subject` (OpenVEX
				      * subcomponents), else NULL */
	enum crk_vex_status status;
	enum crk_vex_justification justification; /* not_affected only */
	const char *impact;          /* impact statement (not_affected) */
	const char *action;          /* action statement (affected) */
	const char *note;            /* the reason given, free text */
	const char *author;
	int64_t time;                /* when it was made, seconds since the epoch (UTC) */
	const char *origin;          /* where it comes from: "store" or the VEX file's path */
	unsigned line;               /* line in `origin`, 0 when unknown */
	int64_t id;                  /* the store's history id, 0 for statements read from files */
	size_t seq;                  /* order of addition to the set (ties of `time` go to the
				      * later one) */
};

struct crk_vex_set;

/* Creates an empty set; NULL on ENOMEM. Caller frees with crk_vex_set_free(). */
struct crk_vex_set *crk_vex_set_new(void);
void crk_vex_set_free(struct crk_vex_set *set);
/* Adds a copy of `st` (strings copied; `seq` assigned). CRK_EINVAL when vuln or subject is
 * missing or empty, the status is CRK_VEX_NONE, a justification is given with another status
 * than not_affected, or a not_affected statement has neither a justification nor an impact
 * statement (OpenVEX 0.2 requires one). CRK_ELIMIT past 1,000,000 statements or a string
 * longer than CRK_MAX_STRING. */
int crk_vex_set_add(struct crk_vex_set *set, const struct crk_vex_stmt *st, struct crk_err *err);
size_t crk_vex_set_count(const struct crk_vex_set *set);
/* The i-th statement in order of addition (borrowed), NULL past the end. */
const struct crk_vex_stmt *crk_vex_set_get(const struct crk_vex_set *set, size_t i);
/* Copies `s` into the set's arena (for callers building statements); NULL on ENOMEM. */
const char *crk_vex_set_strdup(struct crk_vex_set *set, const char *s);

/*
 * The statement that decides a finding: among the statements whose vulnerability is one of
 * `ids` (the advisory id and its aliases, compared case-insensitively) and whose subject
 * matches the component purl `purl` or names `product` (or is "*"), the newest (largest time;
 * on a tie the one added last). NULL when none applies. `purl` and `product` may be NULL.
 *
 * A subject purl matches a component purl when type, namespace and name are equal, the
 * subject's version (when it has one) equals the component's, and each qualifier of the
 * subject is present in the component with the same value (so "pkg:npm/lodash" covers every
 * lodash, "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64" only that build).
 */
const struct crk_vex_stmt *crk_vex_decide(const struct crk_vex_set *set,
					  const char *const *ids, size_t nids, const char *purl,
					  const char *product);
/* 1 when subject purl `subject` covers component purl `purl` (rules above). */
int crk_vex_purl_covers(const char *subject, const char *purl);

/* The current statements: for each (vulnerability, subject) pair, case-insensitive on the
 * vulnerability, the newest. Fills *out with a heap array of pointers borrowed from the set
 * (the array is the caller's: crk_vex_current_free()), sorted by vulnerability then subject. */
int crk_vex_current(const struct crk_vex_set *set, const struct crk_vex_stmt ***out, size_t *n,
		    struct crk_err *err);
void crk_vex_current_free(const struct crk_vex_stmt **v);

/* Names. The _str functions return static strings ("not_affected", ...; "" for NONE); the
 * _parse functions return the value, or CRK_VEX_NONE / CRK_VEXJ_NONE when `s` is not one of
 * the names (compared exactly). */
const char *crk_vex_status_str(enum crk_vex_status s);
enum crk_vex_status crk_vex_status_parse(const char *s);
const char *crk_vex_justification_str(enum crk_vex_justification j);
enum crk_vex_justification crk_vex_justification_parse(const char *s);
/* Parses a time as VEX documents and the command line give it: RFC 3339
 * ("2026-01-01T00:00:00Z", "...+02:00", fractional seconds ignored), a date ("2026-01-01",
 * midnight UTC) or integer seconds since the epoch. 0 and *out set, or -1. */
int crk_vex_time_parse(const char *s, int64_t *out);

/* CycloneDX 1.6 analysis names: state ("not_affected", "exploitable", "resolved", "in_triage")
 * and justification (CISA -> CycloneDX: component_not_present and vulnerable_code_not_present
 * -> code_not_present, vulnerable_code_not_in_execute_path -> code_not_reachable,
 * vulnerable_code_cannot_be_controlled_by_adversary -> requires_environment,
 * inline_mitigations_already_exist -> protected_by_mitigating_control). NULL for NONE. */
const char *crk_vex_cdx_state(enum crk_vex_status s);
const char *crk_vex_cdx_justification(enum crk_vex_justification j);

/*
 * Reading VEX documents. Each parser takes (buffer, length), never trusts counts from it,
 * caps sizes (src/base/limits.h) and adds every statement of the document to `set` with
 * `origin` as its origin. The first problem is an error `origin:line:col: what is wrong`
 * (CRK_EPARSE; CRK_EUNSUPPORTED for an unknown OpenVEX @context version or CycloneDX
 * specVersion; CRK_ELIMIT past a cap); statements already added stay in the set then.
 *
 * OpenVEX 0.2 (and 0.0.1 documents that name their @context): a statement's time is its
 * `timestamp`, else `last_updated`, else the document's; its author the document's. A product
 * with subcomponents gives one statement per subcomponent (subject: the subcomponent's purl or
 * @id; product: the product's). Products are named by `@id` or `identifiers.purl`.
 * CycloneDX 1.4-1.6 JSON: every vulnerabilities[] entry with an `analysis.state`, one statement
 * per `affects[].ref`; a ref that is a bom-ref of one of the document's components is resolved
 * to that component's purl. State in_triage -> under_investigation, exploitable -> affected,
 * resolved/resolved_with_pedigree -> fixed, not_affected/false_positive -> not_affected (the
 * justification mapped back as crk_vex_cdx_justification() maps it out, or read from the
 * property "crakit:vex:justification" that crakit writes).
 */
int crk_vex_parse_openvex(struct crk_vex_set *set, const char *buf, size_t len,
			  const char *origin, struct crk_err *err);
int crk_vex_parse_cyclonedx(struct crk_vex_set *set, const char *buf, size_t len,
			    const char *origin, struct crk_err *err);
/* Either of the two, told apart by the document ("@context" of openvex.dev, or "bomFormat":
 * "CycloneDX"); CRK_EUNSUPPORTED when it is neither. */
int crk_vex_parse(struct crk_vex_set *set, const char *buf, size_t len, const char *origin,
		  struct crk_err *err);

/*
 * The store (crakit/store.h; schema src/store/sql/sqlite/0010-vex.sql). Statements are added,
 * never changed or removed: the table refuses updates and deletes.
 *
 * crk_vex_store_add() records `st` (vuln, subject, status, author and time required; the
 * same checks as crk_vex_set_add()) and sets *id (may be NULL) to its history id.
 * crk_vex_store_load() adds every stored statement to `set`, oldest first (origin "store"),
 * optionally only those naming `vuln` (id or alias, case-insensitive; NULL: all).
 * Errors: the store's (CRK_EIO), CRK_EINVAL for an incomplete statement, CRK_ENOMEM.
 */
struct crk_store;
int crk_vex_store_add(struct crk_store *s, const struct crk_vex_stmt *st, int64_t *id,
		      struct crk_err *err);
int crk_vex_store_load(struct crk_store *s, struct crk_vex_set *set, const char *vuln,
		       struct crk_err *err);

/* Writing the current statements of a set (crk_vex_current()). */
struct crk_vex_write_opts {
	const char *author;   /* document author (OpenVEX requires one; default "crakit") */
	int64_t timestamp;    /* document time, seconds since the epoch */
	const char *id;       /* OpenVEX @id / CycloneDX serial "urn:uuid:..."; NULL: derived
			       * from the content, so the same statements give the same bytes */
	const char *tooling;  /* OpenVEX "tooling"; NULL: "crakit VERSION" */
	int pretty;
};
/* Appends the document to *out (heap, NUL-terminated, caller frees with crk_free()). OpenVEX
 * needs one statement at least: with none, CRK_EINVAL says so. */
int crk_vex_write_openvex(const struct crk_vex_set *set, const struct crk_vex_write_opts *opts,
			  char **out, size_t *len, struct crk_err *err);
int crk_vex_write_cyclonedx(const struct crk_vex_set *set, const struct crk_vex_write_opts *opts,
			    char **out, size_t *len, struct crk_err *err);

#endif
