/*
 * crakit/cra.h - the CRA layer (Regulation (EU) 2024/2847): the product's CRA file (cra.yaml),
 * the law as data (facts, Annex I requirements, Annex III/IV categories), classification and
 * conformity routes (Art. 2, 7, 8, 32), the Annex I assessment, and the documents of Annexes II,
 * V, VI and VII. docs/cra-yaml.md describes the file field by field.
 *
 * Ownership: a manifest, a classification, an assessment and a document set each own an arena;
 * everything they point to lives until their _free(). Tables of the law (crk_cra_fact(),
 * crk_cra_requirement_at(), crk_cra_category_at()) are static and never freed.
 * Threads: no global state; distinct objects may be used from distinct threads.
 */
#ifndef CRAKIT_CRA_H
#define CRAKIT_CRA_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

struct crk_store;

/* ------------------------------------------------------------------------------------------ */
/* The law as data                                                                            */

/* A fact of the law other code relies on (src/cra/law.c), e.g. "vuln_final_report_days" = 14
 * anchored "after a corrective or mitigating measure is available", Art. 14(2)(c). */
struct crk_cra_fact {
	const char *key;
	const char *article; /* "Art. 14(2)(c)" */
	long long value;     /* a number, or 0 when the fact is the text */
	const char *unit;    /* "days", "hours", "years", "EUR", "" */
	const char *text;    /* the fact in one sentence */
};
/* The fact named `key`, or NULL. */
const struct crk_cra_fact *crk_cra_fact(const char *key);
/* The i-th fact, NULL past the end. */
const struct crk_cra_fact *crk_cra_fact_at(size_t i);
/* The article of a fact, or "?" when the key is unknown (for messages). */
const char *crk_cra_article(const char *key);

/* Annex I: the essential cybersecurity requirements (src/cra/requirements.c). */
#define CRK_CRA_NREQ 22
struct crk_cra_requirement {
	const char *id;       /* "AI-P1-2a": stable, used as the key in cra.yaml */
	const char *ref;      /* "Annex I Part I (2)(a)" */
	const char *title;    /* a few words */
	const char *text;     /* the requirement, paraphrased */
	const char *articles; /* where else the law speaks of it ("Art. 13(1)") */
	int part;             /* 1: properties of the product, 2: vulnerability handling */
	int conditional;      /* Part I (2): applies where applicable on the basis of the risk
			       * assessment; not applying it needs a justification, Art. 13(4) */
	const char *checks;   /* automatic checks that inform it, comma-separated ("" for none) */
};
/* The i-th requirement (0..CRK_CRA_NREQ-1, in Annex order), NULL past the end. */
const struct crk_cra_requirement *crk_cra_requirement_at(size_t i);
/* The requirement with that id (case-insensitive), or NULL; *index (may be NULL) its position. */
const struct crk_cra_requirement *crk_cra_requirement_find(const char *id, size_t *index);

/* The product categories of Annex III (important, class I and II) and Annex IV (critical). */
enum crk_cra_class {
	CRK_CRA_UNDETERMINED = 0, /* the file does not say the core functionality */
	CRK_CRA_OUT_OF_SCOPE,     /* Art. 2 exclusions, or not made available on the market */
	CRK_CRA_DEFAULT,          /* not in Annex III or IV */
	CRK_CRA_CLASS_I,          /* Annex III class I, Art. 7(1) */
	CRK_CRA_CLASS_II,         /* Annex III class II, Art. 7(1) */
	CRK_CRA_CRITICAL,         /* Annex IV, Art. 8(1) */
};
struct crk_cra_category {
	const char *id;    /* "AIII-C1-05" */
	const char *slug;  /* "vpn": accepted in cra.yaml as well as the id */
	enum crk_cra_class cls;
	unsigned point;    /* the point of the Annex list */
	const char *ref;   /* "Annex III class I point 5" */
	const char *title; /* the category as the Annex names it */
	const char *note;  /* what the category does and does not cover, or "" */
};
#define CRK_CRA_NCATEGORIES 26
const struct crk_cra_category *crk_cra_category_at(size_t i);
/* By id ("AIII-C1-05") or slug ("vpn"), case-insensitive; NULL when unknown. */
const struct crk_cra_category *crk_cra_category_find(const char *id_or_slug);
/* "default", "important class I", "important class II", "critical", "out of scope",
 * "undetermined". */
const char *crk_cra_class_str(enum crk_cra_class c);

/* ------------------------------------------------------------------------------------------ */
/* cra.yaml                                                                                   */

/* An answer the file may leave out: 0 unset, then no / yes. */
enum crk_tri { CRK_UNSET = 0, CRK_NO = 1, CRK_YES = 2 };

/* Where a mapping or list item was written; line 0: the file does not have it. */
struct crk_cra_pos {
	unsigned line, col;
};

struct crk_cra_strs {
	const char **v;
	size_t n;
};

struct crk_cra_party {
	struct crk_cra_pos pos;
	const char *name, *address, *email, *website, *country;
};

enum crk_cra_size { CRK_SIZE_UNSET, CRK_SIZE_MICRO, CRK_SIZE_SMALL, CRK_SIZE_MEDIUM,
		    CRK_SIZE_LARGE };

struct crk_cra_manufacturer {
	struct crk_cra_pos pos;
	const char *name, *trade_name, *address, *email, *website, *phone;
	const char *country; /* Member State of main establishment (Art. 14(7)), 2 letters */
	enum crk_cra_size size;
	struct crk_cra_party representative; /* authorised representative (Art. 18) */
};

struct crk_cra_remote {
	struct crk_cra_pos pos;
	const char *name, *description;
};

enum crk_cra_kind { CRK_KIND_UNSET, CRK_KIND_SOFTWARE, CRK_KIND_HARDWARE, CRK_KIND_BOTH };

struct crk_cra_product {
	struct crk_cra_pos pos;
	const char *name, *type, *identification, *description;
	struct crk_cra_strs versions;
	enum crk_cra_kind kind;
	const char *intended_purpose, *foreseeable_use, *foreseeable_misuse;
	const char *essential_functions, *security_properties;
	struct crk_cra_remote *remote_data_processing;
	size_t nremote_data_processing;
	const char *placed_on_market; /* YYYY-MM-DD */
	int for_integration;          /* enum crk_tri: a component meant for other products */
	const char *integration_guidance, *architecture, *production_monitoring;
	struct crk_cra_strs photos;
};

struct crk_cra_scope {
	struct crk_cra_pos pos;
	int data_connection, commercial_activity, open_source, open_source_steward;
	int own_use_only, medical_device, in_vitro_diagnostic, motor_vehicle, civil_aviation;
	int marine_equipment, national_security, spare_part, high_risk_ai; /* enum crk_tri */
	const char *equivalent_sector_rules; /* an act under Art. 2(5), or NULL */
};

struct crk_cra_functionality {
	struct crk_cra_pos pos;
	/* category ids, canonical ("AIII-C1-05"): the file may use ids or names (slugs) */
	struct crk_cra_strs core, integrates;
	/* where `core` was written; line 0: not answered (an empty list answers "none") */
	struct crk_cra_pos core_pos;
	const char *justification;
};

enum crk_cra_instrument { CRK_INSTR_UNSET, CRK_INSTR_HARMONISED, CRK_INSTR_COMMON_SPEC,
			  CRK_INSTR_EU_CERT, CRK_INSTR_OTHER };
enum crk_cra_assurance { CRK_ASSURANCE_UNSET, CRK_ASSURANCE_BASIC, CRK_ASSURANCE_SUBSTANTIAL,
			 CRK_ASSURANCE_HIGH };

/* A harmonised standard, common specification or certificate the manufacturer applied. */
struct crk_cra_applied {
	struct crk_cra_pos pos;
	const char *name;
	enum crk_cra_instrument kind;
	const char *oj_reference; /* where the OJ cites it (harmonised standards, Art. 27(1)) */
	const char *scheme, *certificate;
	enum crk_cra_assurance assurance_level;
	struct crk_cra_strs full, partial; /* requirement ids, or "all" */
};

enum crk_cra_route { CRK_ROUTE_A = 1 << 0, CRK_ROUTE_BC = 1 << 1, CRK_ROUTE_H = 1 << 2,
		     CRK_ROUTE_EU_CERT = 1 << 3 };

struct crk_cra_conformity {
	struct crk_cra_pos pos;
	unsigned route; /* the route chosen: one enum crk_cra_route bit, 0 unset */
	struct crk_cra_pos route_pos;
	const char *notified_body, *notified_body_number, *certificate;
	int technical_documentation_public; /* enum crk_tri, Art. 32(5) */
	int mandatory_certification;        /* enum crk_tri: an Art. 8(1) act applies */
	struct crk_cra_applied *applied;
	size_t napplied;
};

struct crk_cra_support {
	struct crk_cra_pos pos;
	const char *start, *end; /* YYYY-MM-DD; end may be YYYY-MM (Art. 13(19)) */
	struct crk_cra_pos end_pos;
	const char *justification, *inputs, *kind;
};

struct crk_cra_contact {
	struct crk_cra_pos pos;
	const char *single_point_of_contact, *vulnerability_reporting;
	const char *disclosure_policy_url, *security_txt_url, *advisories_url;
};

struct crk_cra_updates {
	struct crk_cra_pos pos;
	const char *mechanism, *opt_out, *secure_distribution, *install_instructions, *signing;
	int automatic, free_of_charge; /* enum crk_tri */
	/* enum crk_tri: security updates shipped apart from feature updates; "no" with a
	 * separation_justification says it is not technically feasible (Annex I Part II (2)) */
	int separate_security_updates;
	const char *separation_justification;
};

struct crk_cra_userinfo {
	struct crk_cra_pos pos;
	const char *url, *secure_use, *changes_impact, *decommissioning, *sbom_url;
};

/* The risk assessment (Art. 13(2)-(4), Annex VII point 3). */
struct crk_cra_asset {
	struct crk_cra_pos pos;
	const char *id, *name, *description;
};
struct crk_cra_threat {
	struct crk_cra_pos pos;
	const char *id, *name, *description;
	struct crk_cra_strs assets;
};
enum crk_cra_level { CRK_LEVEL_UNSET, CRK_LEVEL_LOW, CRK_LEVEL_MEDIUM, CRK_LEVEL_HIGH,
		     CRK_LEVEL_CRITICAL };
struct crk_cra_risk {
	struct crk_cra_pos pos;
	const char *id, *description;
	struct crk_cra_strs threats;
	enum crk_cra_level likelihood, impact, level;
};
struct crk_cra_measure {
	struct crk_cra_pos pos;
	const char *id, *description;
	struct crk_cra_strs risks, requirements; /* requirement ids it serves */
};
struct crk_cra_risk_assessment {
	struct crk_cra_pos pos;
	const char *date, *method, *summary;
	struct crk_cra_asset *assets;
	size_t nassets;
	struct crk_cra_threat *threats;
	size_t nthreats;
	struct crk_cra_risk *risks;
	size_t nrisks;
	struct crk_cra_measure *measures;
	size_t nmeasures;
};

enum crk_cra_status { CRK_STATUS_UNKNOWN, CRK_STATUS_MET, CRK_STATUS_PARTIAL,
		      CRK_STATUS_NOT_MET, CRK_STATUS_NOT_APPLICABLE };
/* "unknown", "met", "partial", "not-met", "not-applicable" */
const char *crk_cra_status_str(enum crk_cra_status s);

struct crk_cra_evidence {
	struct crk_cra_pos pos;
	const char *path, *url, *note; /* at least one of path and url */
};

/* What cra.yaml says about one Annex I requirement. */
struct crk_cra_req_record {
	struct crk_cra_pos pos; /* line 0: not in the file */
	enum crk_cra_status status;
	const char *justification, *implementation, *reviewer, *date;
	struct crk_cra_evidence *evidence;
	size_t nevidence;
};

struct crk_cra_test_report {
	struct crk_cra_pos pos;
	const char *name, *path, *url, *date;
	struct crk_cra_strs requirements;
};

struct crk_cra_declaration {
	struct crk_cra_pos pos;
	const char *url, *place, *date, *signatory, *function, *additional_information;
	struct crk_cra_strs other_union_acts;
};

struct crk_cra_manifest {
	struct crk_cra_pos pos;
	const char *path; /* as given to the parser */
	int schema;       /* the value of `schema:` (1) */
	struct crk_cra_manufacturer manufacturer;
	struct crk_cra_product product;
	struct crk_cra_scope scope;
	struct crk_cra_functionality functionality;
	struct crk_cra_conformity conformity;
	struct crk_cra_support support;
	struct crk_cra_contact contact;
	struct crk_cra_updates updates;
	struct crk_cra_userinfo user_information;
	struct crk_cra_risk_assessment risk_assessment;
	struct crk_cra_req_record requirements[CRK_CRA_NREQ]; /* in crk_cra_requirement_at order */
	struct crk_cra_test_report *tests;
	size_t ntests;
	struct crk_cra_declaration declaration;
	void *priv_; /* the arena */
};

/*
 * Parses a cra.yaml held in buf[0..len) (need not be NUL-terminated); `path` names it in
 * messages. On success *out is a manifest the caller frees with crk_cra_manifest_free().
 * Every problem found is added to `diags` (may be NULL) as "path:line:col: what is wrong,
 * what is expected" (unknown keys say "did you mean"); the first is also in `err`, and
 * *out is NULL: CRK_EPARSE (bad YAML, an unknown key, a wrong type or value), CRK_ELIMIT,
 * CRK_ENOMEM.
 */
int crk_cra_manifest_parse(struct crk_cra_manifest **out, const char *buf, size_t len,
			   const char *path, struct crk_diags *diags, struct crk_err *err);
/* Reads and parses the file `path` (CRK_EIO/CRK_ENOTFOUND when it cannot be read). */
int crk_cra_manifest_load(struct crk_cra_manifest **out, const char *path,
			  struct crk_diags *diags, struct crk_err *err);
void crk_cra_manifest_free(struct crk_cra_manifest *m);

/* Answers for a new cra.yaml (crakit init). Any field may be NULL (left empty in the file). */
struct crk_cra_init {
	const char *manufacturer, *address, *email, *website, *country;
	const char *product, *type, *version, *purpose, *kind;
	const char *support_start, *support_end;
	const char *contact, *policy_url;
	const char *const *core; /* category ids or slugs, NULL-terminated; NULL: not answered */
	const char *justification;
	int open_source, commercial; /* enum crk_tri */
};
/*
 * Writes a complete, commented cra.yaml with the answers filled in and every other field
 * present and empty, each commented with what it is and the article asking for it. With the
 * manufacturer and product names given (and answers that crk_cra_manifest_check_value()
 * accepts) the result parses with crk_cra_manifest_parse(). *out is heap memory (crk_free).
 */
int crk_cra_manifest_template(char **out, size_t *len, const struct crk_cra_init *answers,
			      struct crk_err *err);

/* Checks one answer for the field at the dotted path `key` ("manufacturer.email",
 * "functionality.core"; list fields take comma-separated items) as the parser would: CRK_OK,
 * CRK_EPARSE with the parser's message in err, or CRK_EINVAL for a key that is no such field. */
int crk_cra_manifest_check_value(const char *key, const char *value, struct crk_err *err);

/* Days since 1970-01-01 to "YYYY-MM-DD" in out (11 bytes). */
void crk_cra_date_str(int64_t days, char out[11]);

/* Dates: "YYYY-MM-DD" (or "YYYY-MM", the first of the month, when `month_ok`) to days since
 * 1970-01-01. 0 on success, -1 when not a valid date. */
int crk_cra_date_days(const char *s, int month_ok, int64_t *days);

/* ------------------------------------------------------------------------------------------ */
/* Classification and conformity routes (Art. 2, 7, 8, 12, 24, 27, 32)                        */

enum crk_cra_step_kind {
	CRK_STEP_FACT,        /* what the file says, and what the law makes of it */
	CRK_STEP_ASSUMPTION,  /* a question the file leaves open, and what was assumed */
	CRK_STEP_CONCLUSION,  /* a result */
	CRK_STEP_GAP,         /* something to do: a missing answer or a route that is not open */
};
/* One step of the reasoning, with the article it rests on ("" when none). */
struct crk_cra_step {
	enum crk_cra_step_kind kind;
	const char *article;
	const char *text;
};

enum crk_cra_coverage { CRK_COVER_NONE, CRK_COVER_PARTIAL, CRK_COVER_FULL };

/* How one Annex I requirement stands for the conformity routes. */
struct crk_cra_req_route {
	int applicable;                 /* 0: not-applicable, with a justification (Art. 13(4)) */
	enum crk_cra_coverage coverage; /* by an instrument giving a presumption (Art. 27) */
	const char *by;                 /* that instrument's name, or NULL */
	const char *blocks;             /* why it keeps module A closed (class I), or NULL */
};

struct crk_cra_classification {
	enum crk_cra_class cls;
	const struct crk_cra_category *category; /* the category that decides, or NULL */
	const struct crk_cra_category **core;    /* every core category, in file order */
	size_t ncore;
	const char *basis;        /* the article the category rests on */
	const char *scope_reason; /* CRK_CRA_OUT_OF_SCOPE: why; else NULL */
	int steward;              /* the open-source software steward regime applies (Art. 24) */
	unsigned routes;          /* enum crk_cra_route bits open to the product */
	int module_a;             /* 1 open, 0 closed, -1 no routes (out of scope, undetermined) */
	const char *module_a_basis;
	size_t nblocking;         /* requirements keeping module A closed (class I) */
	struct crk_cra_req_route reqs[CRK_CRA_NREQ];
	unsigned chosen;          /* conformity.route, 0 when not chosen */
	int chosen_open;          /* 1 the chosen route is open, 0 it is not, -1 none chosen */
	struct crk_cra_step *steps;
	size_t nsteps, ngaps;
	void *priv_;
};

/* Classifies the product of `m`. *out: free with crk_cra_classification_free(). CRK_ENOMEM is
 * the only failure. */
int crk_cra_classify(struct crk_cra_classification **out, const struct crk_cra_manifest *m,
		     struct crk_err *err);
void crk_cra_classification_free(struct crk_cra_classification *c);
/* "A", "B+C", "H", "EU-certification" for one route bit; all set bits, ", "-separated, into
 * buf (always NUL-terminated), "none" for 0. */
const char *crk_cra_route_str(unsigned route);
void crk_cra_routes_str(unsigned routes, char *buf, size_t n);

enum crk_cra_format { CRK_FORMAT_TEXT, CRK_FORMAT_EXPLAIN, CRK_FORMAT_JSON,
		      CRK_FORMAT_MARKDOWN, CRK_FORMAT_HTML };
/* Renders a classification: TEXT (the conclusions), EXPLAIN (every step, numbered, with its
 * article) or JSON. *out is heap memory (crk_free). */
int crk_cra_classification_render(char **out, size_t *len,
				  const struct crk_cra_classification *c,
				  const struct crk_cra_manifest *m, enum crk_cra_format format,
				  struct crk_err *err);

/* ------------------------------------------------------------------------------------------ */
/* security.txt (RFC 9116)                                                                    */

struct crk_securitytxt {
	/* every value of each field, in file order (RFC 9116 §2.5) */
	struct crk_cra_strs contact, encryption, acknowledgments, canonical, policy, hiring, csaf;
	const char *expires;             /* as written (exactly one, §2.5.5) */
	int64_t expires_at;              /* the same, seconds since the epoch (UTC) */
	const char *preferred_languages; /* at most one (§2.5.8), or NULL */
	int signed_message; /* wrapped in an OpenPGP cleartext signature (§2.3; not verified) */
	int expired;        /* Expires is before `now`: the file is stale (§2.5.5) */
	int expires_far;    /* Expires is more than a year after `now` (§2.5.5: SHOULD be less) */
	unsigned expires_line;
	void *priv_;
};

/*
 * Parses an RFC 9116 security.txt in buf[0..len). `now` (seconds since the epoch) decides
 * `expired` and `expires_far`. Fields are matched without regard to case; unknown fields are
 * ignored (the RFC allows extensions, e.g. CSAF). A file that breaks a MUST of the RFC is
 * CRK_EPARSE with path:line:col and what was expected: a line that is neither a field nor a
 * comment, no Contact, no Expires or two of them, an Expires that is not an RFC 3339
 * date-time, two Preferred-Languages, a web URI not starting with "https://" (Contact,
 * Encryption, Acknowledgments, Canonical, Policy, Hiring), a field with an empty value. What a
 * SHOULD asks (an expired or far Expires, a signature crakit cannot verify) goes to `warnings`
 * (may be NULL). *out: free with crk_securitytxt_free().
 */
int crk_securitytxt_parse(struct crk_securitytxt **out, const char *buf, size_t len,
			  const char *path, int64_t now, struct crk_diags *warnings,
			  struct crk_err *err);
void crk_securitytxt_free(struct crk_securitytxt *s);
/* An RFC 3339 date-time ("2027-01-31T23:59:59Z", "...+01:00", fractions allowed) to seconds
 * since the epoch: 0, or -1 when it is not one. */
int crk_rfc3339_parse(const char *s, size_t n, int64_t *out);

/* ------------------------------------------------------------------------------------------ */
/* Assessment against Annex I, with evidence (crakit assess)                                  */

enum crk_cra_check_result { CRK_CHECK_NOT_RUN, CRK_CHECK_PASS, CRK_CHECK_WARN, CRK_CHECK_FAIL };
/* "not run", "pass", "warn", "fail" */
const char *crk_cra_check_result_str(enum crk_cra_check_result r);

/* One automatic check: what it looked at, what it found. */
struct crk_cra_check {
	const char *id;        /* "sbom", "security-contact", ... (requirements.c names them) */
	const char *title;
	const char *basis;     /* the article or Annex point it serves */
	enum crk_cra_check_result result;
	const char *looked_at; /* what was examined, said plainly */
	const char *detail;    /* what was found */
	const char **hits;     /* individual findings ("etc/app.conf:3: ..."), at most 50 */
	size_t nhits;
};

/* One Annex I requirement, assessed. */
struct crk_cra_item {
	const struct crk_cra_requirement *req;
	enum crk_cra_status claimed; /* what cra.yaml says */
	enum crk_cra_status status;  /* after the automatic checks and the evidence */
	const char *why;             /* how the status was reached */
	const char *check;           /* the automatic check that failed or warned, or NULL */
	size_t nevidence;            /* evidence items in cra.yaml */
	size_t nmissing_evidence;    /* of them, paths that do not exist */
};

/* The criteria of the CRA methodological compliance assessment framework. */
enum crk_cra_criterion_id {
	CRK_CRIT_ESSENTIAL,      /* essential requirements (Annex I, Art. 13(1)) */
	CRK_CRIT_CERTIFICATION,  /* harmonised standards, common specifications, certification */
	CRK_CRIT_CLASSIFICATION, /* classification and the actions it calls for (Art. 7, 8, 32) */
	CRK_CRIT_TECHDOC,        /* technical documentation completeness (Art. 31, Annex VII) */
	CRK_CRIT_PROCEDURE,      /* conformity assessment procedure (Art. 32, Annex V, VIII) */
	CRK_CRIT_N
};
struct crk_cra_criterion {
	const char *id, *title, *basis;
	double score;     /* 0-100 */
	size_t nitems;    /* what was scored */
	double nok;       /* of them, how much is done (partial counts half) */
	size_t ngaps;
};

/* Something left to do. */
struct crk_cra_gap {
	enum crk_cra_criterion_id criterion;
	const char *item;    /* "AI-P2-1", "AVII-4", "route", ... */
	const char *what;    /* what is missing or wrong */
	const char *fix;     /* where to act: a cra.yaml key, a file, a command */
	const char *article;
	int required;        /* 0: recommended (e.g. standards for a default product) */
};

struct crk_cra_assessment {
	const struct crk_cra_manifest *m;              /* borrowed */
	struct crk_cra_classification *classification; /* owned */
	int64_t today;                                 /* days since 1970-01-01 */
	struct crk_cra_check *checks;
	size_t nchecks;
	struct crk_cra_item items[CRK_CRA_NREQ];
	struct crk_cra_criterion criteria[CRK_CRIT_N];
	struct crk_cra_gap *gaps;
	size_t ngaps;
	double score; /* the mean of the criteria, 0-100 */
	const char *sbom; /* the SBOM found or made, described, or NULL */
	/* The release read from the store (crk_cra_assess_opts.store), said plainly: "release
	 * 1.4.2 of P (placed ..., recorded ..., N days before the assessment) in the store S",
	 * or NULL when no store was read or it holds no release of the product. */
	const char *release;
	const char *release_version; /* that release's version, or NULL */
	void *priv_;
};

struct crk_cra_assess_opts {
	const char *dir;      /* the project: the directory of cra.yaml ("." when NULL) */
	const char *sbom;     /* an SBOM file (any format of crakit/sbomio.h), or NULL: the SBOM
			       * of the latest release in `store`, else one found in the project,
			       * else the project scanned as `crakit sbom` would */
	const char *findings; /* `crakit scan --json` output, or NULL: the checks that need it are
			       * "not run" (never "pass") */
	int64_t today;        /* days since 1970-01-01 */
	int no_scan;          /* do not scan the project for components (SBOM freshness) */
	/* The store (crakit/store.h), borrowed, or NULL. When given, the latest release of the
	 * product (cra.yaml product.name) placed on or before `today` is read from it: its SBOM
	 * snapshot stands in for `sbom` and its findings for `findings` when those are NULL, and
	 * the VEX decisions in the store made on or before `today` decide the findings
	 * (include/crakit/release.h, vex.h). Every check that read it says which release, which
	 * store and how old. */
	struct crk_store *store;
	const char *store_name; /* how to name the store in what the checks say (its location) */
	int store_explicit;     /* the store was named (--db, $CRAKIT_DB): also say when it holds
				 * no release of the product */
};

/*
 * Assesses the product of `m` (borrowed: it must outlive the result): classification, the
 * automatic checks (each saying what it looked at), the status of each Annex I requirement,
 * the score of each criterion and the gap list. Files the checks cannot read are said in the
 * check, not failed. Errors: CRK_ENOMEM; CRK_EIO/CRK_EPARSE/CRK_ENOTFOUND for an --sbom or
 * --findings file that cannot be read (err names it). Free with crk_cra_assessment_free().
 */
int crk_cra_assess(struct crk_cra_assessment **out, const struct crk_cra_manifest *m,
		   const struct crk_cra_assess_opts *opts, struct crk_err *err);
void crk_cra_assessment_free(struct crk_cra_assessment *a);
/* TEXT (a table), JSON, MARKDOWN or HTML (one self-contained page: inline CSS and an inline
 * SVG chart, no script, nothing fetched). *out is heap memory (crk_free). */
int crk_cra_assessment_render(char **out, size_t *len, const struct crk_cra_assessment *a,
			      enum crk_cra_format format, struct crk_err *err);

/* ------------------------------------------------------------------------------------------ */
/* Documents (crakit docs): Annex VII, V, VI, II and security.txt                             */

enum crk_cra_section_state { CRK_SECTION_FILLED, CRK_SECTION_MISSING, CRK_SECTION_NA };

/* One item the law asks for, as written into a document. */
struct crk_cra_doc_section {
	const char *id;    /* "AVII-2b", "AV-7", "AII-8e" */
	const char *ref;   /* "Annex VII point 2(b)" */
	const char *title;
	int heading;       /* a heading over sub-points */
	enum crk_cra_section_state state;
	const char *text;  /* what crakit filled in (lines; "- " starts a list item) */
	const char *const *missing; /* each "what (where to fill it)" */
	size_t nmissing;
};

struct crk_cra_document {
	const char *name;  /* file name without extension: "technical-documentation" */
	const char *title; /* "Technical documentation" */
	const char *annex; /* "Annex VII" */
	struct crk_cra_doc_section *sections;
	size_t nsections;
	size_t nmissing;   /* sections with something missing */
	char *markdown, *html; /* the document (owned by the set) */
	size_t markdown_len, html_len;
};

#define CRK_CRA_NDOCS 4
struct crk_cra_docset {
	/* technical-documentation (Annex VII), eu-declaration-of-conformity (Annex V),
	 * simplified-declaration (Annex VI), user-information (Annex II) */
	struct crk_cra_document docs[CRK_CRA_NDOCS];
	char *security_txt; /* RFC 9116, or NULL when cra.yaml gives no contact */
	size_t security_txt_len;
	size_t nmissing;    /* over every document, security.txt included */
	void *priv_;
};

struct crk_cra_docs_opts {
	int64_t today; /* days since 1970-01-01: the documents' date; security.txt expires a year
			* (364 days) later */
	const struct crk_cra_assessment *assessment; /* the SBOM found and the Annex I statuses,
						      * or NULL (then both are marked missing) */
};

/* Writes every document, in Markdown and self-contained HTML, filled from `m` and the
 * assessment. Nothing the law asks for is left out: what cra.yaml does not give is marked
 * MISSING with the key that fills it. *out: free with crk_cra_docset_free(). CRK_ENOMEM only. */
int crk_cra_docs_build(struct crk_cra_docset **out, const struct crk_cra_manifest *m,
		       const struct crk_cra_docs_opts *opts, struct crk_err *err);
void crk_cra_docset_free(struct crk_cra_docset *d);

#endif
