/*
 * crakit/report.h - Article 14 reporting of the Cyber Resilience Act (Regulation (EU) 2024/2847):
 * the clock (due times of every stage), the CSIRT designated as coordinator a case goes to, the
 * cases kept in the store with their timeline, the payload of each stage (JSON, Markdown) and
 * the notice to users of Art. 14(8) (Markdown, text, CSAF 2.0).
 *
 * Times are seconds since the Unix epoch (UTC), int64_t. Inputs are RFC 3339 timestamps with an
 * explicit offset; they are kept in UTC and shown in local time only when printed.
 *
 * Every due time has two values (docs/cmd/report.md explains both):
 *   target  the conservative reading: exactly +24 h, +72 h, +14 days or +1 month after the event
 *           (days and months counted on the calendar of the Member State, the earlier instant
 *           taken where a daylight-saving change makes "14 days" and "336 hours" differ);
 *   legal   the end of the period counted under Regulation (EEC, Euratom) No 1182/71 (Art. 3):
 *           the hour or day of the event is not counted, a period in days or months ends with
 *           the expiry of its last day, moved to the end of the next working day when that day is
 *           a Saturday, Sunday or public holiday of the Member State where the act is to be done
 *           (Art. 2(1), 3(4)); periods in hours are never moved.
 * The legal end is an instant: the first second after the period (24:00 of its last day).
 *
 * Thread safety: everything here is reentrant; the data tables are constant.
 */
#ifndef CRAKIT_REPORT_H
#define CRAKIT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/err.h"

/* ---- time ---- */

/* "2026-09-11T10:17:00+02:00" needs 26 bytes, "2026-09-11 10:17 CEST (+02:00)" 31. */
#define CRK_TIME_BUF 48

/* Parses an RFC 3339 date-time (RFC 3339 §5.6: "2026-09-11T10:17:00Z", "...T10:17:00.5+02:00";
 * 't', ' ' and 'z' are accepted as the RFC allows; a fraction is dropped; a leap second :60 is
 * read as :59). The offset is required. `s` need not be NUL-terminated. CRK_EPARSE with the
 * column of the first wrong byte, and a hint showing the form, on anything else. */
int crk_time_parse(int64_t *out, const char *s, size_t n, struct crk_err *err);
/* Writes `t` as RFC 3339 in UTC ("2026-09-11T08:17:00Z"). */
void crk_time_format_utc(char buf[CRK_TIME_BUF], int64_t t);
/* Writes `t` as RFC 3339 with the given UTC offset in seconds ("2026-09-11T10:17:00+02:00"). */
void crk_time_format_offset(char buf[CRK_TIME_BUF], int64_t t, int offset);
/* Writes `t` in the process's local time zone (TZ, the system tz database through localtime_r):
 * "2026-09-11 10:17 CEST (+02:00)". */
void crk_time_format_local(char buf[CRK_TIME_BUF], int64_t t);
/* Parses a duration "90m", "6h", "3d", "2w" (one number, one unit) into seconds. */
int crk_duration_parse(int64_t *out, const char *s, struct crk_err *err);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms). */
int64_t crk_days_from_civil(int64_t y, unsigned m, unsigned d);
void crk_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* 0 = Sunday ... 6 = Saturday. */
unsigned crk_weekday(int64_t days);

/* ---- Member States: time zone and public holidays ---- */

/* An EU Member State as data: ISO 3166-1 alpha-2 code ("GR" for Greece; "EL", the EU's code, is
 * accepted by crk_member_state_find), English name, the IANA zone of its capital, its standard
 * UTC offset, and the Easter it keeps (0 Western/Gregorian, 1 Orthodox). */
struct crk_member_state {
	const char *code;
	const char *name;
	const char *zone;
	int std_offset; /* seconds east of UTC, outside summer time */
	int orthodox;   /* 1 for BG, CY, GR, RO: Orthodox Easter holidays */
};
/* The 27 Member States, in code order; NULL past the end. */
const struct crk_member_state *crk_member_state_at(size_t i);
/* By code, ASCII case ignored; "EL" finds Greece. NULL when not an EU Member State. */
const struct crk_member_state *crk_member_state_find(const char *code);
/* UTC offset (seconds) in force at `t` in the Member State's capital: the standard offset plus
 * one hour of summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (Directive 2000/84/EC, Art. 2 and 3; the rule of every Member State since
 * 1996). `ms` NULL means UTC. */
int crk_member_state_offset(const struct crk_member_state *ms, int64_t t);

/* Easter Sunday of year `y` (1583..9999): Western (Gregorian computus) or Orthodox (Julian
 * computus, given as a Gregorian date). Returns days since the epoch. */
int64_t crk_easter_western(int64_t y);
int64_t crk_easter_orthodox(int64_t y);
/* Whether the date (days since the epoch) is a national public holiday of `ms`; *name receives
 * the holiday's English name (may be NULL). National holidays only: regional ones (German
 * Länder, Spanish autonomous communities, Alsace-Moselle, ...) and substitute days are not
 * listed (src/cra/holidays.c says why and which). */
int crk_holiday_is(const struct crk_member_state *ms, int64_t days, const char **name);
/* A working day in the sense of Regulation 1182/71 Art. 2(2): not a public holiday, Saturday or
 * Sunday. */
int crk_working_day(const struct crk_member_state *ms, int64_t days);

/* ---- periods (Regulation (EEC, Euratom) No 1182/71) ---- */

enum crk_period_unit { CRK_PERIOD_HOURS, CRK_PERIOD_DAYS, CRK_PERIOD_MONTHS };

struct crk_deadline {
	int64_t target;    /* conservative: the event + the period, exactly */
	int64_t legal;     /* end of the period under Regulation 1182/71 (exclusive instant) */
	int64_t last_day;  /* days since the epoch: the period's last day before any shift (days and
			    * months only, else 0) */
	int shifted;       /* 1 when Art. 3(4)/3(5) moved the legal end to a later working day */
	const char *shift_reason; /* "Saturday", "Sunday", or a holiday's name; NULL when not shifted */
};
/* The period of `n` units that runs from `event`, counted in the Member State `ms` (its calendar
 * and public holidays; NULL: UTC without holidays). */
void crk_period_compute(struct crk_deadline *out, int64_t event, unsigned n,
			enum crk_period_unit unit, const struct crk_member_state *ms);

/* ---- the stages of Article 14 ---- */

enum crk_report_kind {
	CRK_REPORT_VULNERABILITY, /* actively exploited vulnerability, Art. 14(1)-(2) */
	CRK_REPORT_INCIDENT,      /* severe incident having an impact on security, Art. 14(3)-(5) */
};

enum crk_report_stage {
	CRK_STAGE_EARLY_WARNING, /* 14(2)(a) / 14(4)(a) */
	CRK_STAGE_NOTIFICATION,  /* 14(2)(b) / 14(4)(b) */
	CRK_STAGE_INTERMEDIATE,  /* 14(6): on request of the CSIRT */
	CRK_STAGE_FINAL,         /* 14(2)(c) / 14(4)(c) */
	CRK_STAGE_USER_NOTICE,   /* 14(8) */
	CRK_STAGE_COUNT,
};

/* "vulnerability", "incident"; and back (-1 when unknown). */
const char *crk_report_kind_name(enum crk_report_kind k);
int crk_report_kind_parse(const char *s);
/* "early-warning", "notification", "intermediate", "final", "user-notice"; and back. */
const char *crk_report_stage_name(enum crk_report_stage s);
int crk_report_stage_parse(const char *s);
/* The article point a stage rests on, e.g. "Art. 14(2)(a)". */
const char *crk_report_stage_article(enum crk_report_kind k, enum crk_report_stage s);

/* What a due time is counted from. CRK_TIME_NONE marks "not known yet". */
#define CRK_TIME_NONE INT64_MIN
struct crk_report_anchors {
	int64_t aware_at;            /* the manufacturer became aware (every case) */
	int64_t fix_available_at;    /* a corrective or mitigating measure is available (14(2)(c)) */
	int64_t notification_sent_at; /* the incident notification was submitted (14(4)(c)) */
	int64_t intermediate_due_at; /* the deadline the CSIRT set when it asked (14(6)) */
};

/* The due time of a stage. */
struct crk_report_due {
	int has_due;          /* 0: no fixed deadline (user notice) or its anchor is not known yet */
	struct crk_deadline d;
	const char *rule;     /* "aware + 24 h (Art. 14(2)(a))" */
	const char *waiting;  /* when !has_due: what the due time waits for, e.g. "crakit report
			       * fix-available TIME"; NULL for a stage without a deadline */
};
/* Computes the due time of `stage` of a case of `kind`, counted in the Member State `ms`:
 *   early warning   aware + 24 h                      14(2)(a), 14(4)(a)
 *   notification    aware + 72 h                      14(2)(b), 14(4)(b)
 *   final           fix available + 14 days           14(2)(c) (vulnerability)
 *                   notification submitted + 1 month  14(4)(c) (incident)
 *   intermediate    the date the CSIRT set            14(6) (nothing until it asks)
 *   user notice     no fixed deadline                 14(8) */
void crk_report_due_compute(struct crk_report_due *out, enum crk_report_kind kind,
			    enum crk_report_stage stage, const struct crk_report_anchors *a,
			    const struct crk_member_state *ms);

/* ---- the CSIRT designated as coordinator (Art. 14(7), NIS2 Art. 12(1)) ---- */

struct crk_csirt {
	const char *country; /* ISO 3166-1 alpha-2 of the Member State */
	const char *name;
	const char *source;  /* where the row comes from, with its date */
};
/* The CSIRT of a Member State (code as crk_member_state_find takes it), or NULL. */
const struct crk_csirt *crk_csirt_find(const char *country);
const struct crk_csirt *crk_csirt_at(size_t i);

/* What the manufacturer's cra.yaml says about where it and its products are (ISO codes; NULL or
 * "" when not given). */
struct crk_route_input {
	const char *main_establishment;    /* Member State of main establishment (14(7)) */
	const char *authorised_representative; /* 14(7)(a) */
	const char *importer;              /* 14(7)(b) */
	const char *distributor;           /* 14(7)(c) */
	const char *most_users;            /* 14(7)(d) */
};
struct crk_route {
	const struct crk_member_state *ms;
	const struct crk_csirt *csirt;
	const char *basis; /* "Art. 14(7): main establishment", "Art. 14(7)(a): ..." */
};
/* Routes a report: the Member State of main establishment when it is in the EU, else the first
 * of 14(7)(a)-(d) that names an EU Member State. CRK_ENOTFOUND (with a hint naming the cra.yaml
 * fields) when none does; CRK_EINVAL when a field is not a country code. */
int crk_csirt_route(struct crk_route *out, const struct crk_route_input *in, struct crk_err *err);

/* ---- cases in the store (src/cra/report.c; tables of migration 0030) ---- */

struct crk_store;

struct crk_report_stage_rec {
	int64_t sent_at;    /* CRK_TIME_NONE: not sent */
	const char *receipt; /* the platform's reference, or NULL */
	int incomplete;     /* sent knowingly incomplete (--incomplete) */
	const char *missing; /* the mandatory fields missing when it was sent ("" none) */
	const char *draft;  /* the JSON payload last validated or sent, or NULL */
	int64_t drafted_at;
};

/* A case as stored. Strings are NULL when not known. Owned: crk_report_case_free(). */
struct crk_report_case {
	int64_t id;
	enum crk_report_kind kind;
	const char *aware_text; /* the awareness time as given */
	int64_t opened_at, closed_at; /* closed_at CRK_TIME_NONE while open */
	const char *product, *cve, *finding, *manufacturer;
	const char *member_state, *csirt, *route_basis;
	int64_t intermediate_requested_at;
	struct crk_report_anchors anchors;
	struct crk_report_stage_rec stage[CRK_STAGE_COUNT];
	void *priv_;
};

/* Opens a case: writes the awareness time in a transaction of its own and commits it, before
 * anything else is done, so that a later failure cannot lose it (the clock runs from awareness,
 * Art. 14(2)(a)); then, in a second transaction, its timeline and audit-log entries. *id
 * receives the case number as soon as the first is committed: it is set (non-zero) even when
 * the second then fails. `now` is the time of recording. */
int crk_report_case_open(int64_t *id, struct crk_store *s, enum crk_report_kind kind,
			 int64_t aware_at, const char *aware_text, int64_t now, struct crk_err *err);
/* Sets what a case is about and where it goes (NULL leaves a field as it is) and records it in
 * the timeline. Every record below enters the case's timeline (crk_report_events) and the
 * store's audit log (include/crakit/release.h), in the same transaction. */
struct crk_report_case_info {
	const char *product, *cve, *finding, *manufacturer;
	const struct crk_route *route;
};
int crk_report_case_set(struct crk_store *s, int64_t id, const struct crk_report_case_info *info,
			int64_t now, struct crk_err *err);
/* Loads a case: CRK_ENOTFOUND (with a hint) when there is none with that number. */
int crk_report_case_get(struct crk_report_case **out, struct crk_store *s, int64_t id,
			struct crk_err *err);
void crk_report_case_free(struct crk_report_case *c);
/* The numbers of every case (open_only: not closed), ascending. *ids is heap memory the caller
 * frees with crk_report_ids_free(). */
int crk_report_case_ids(int64_t **ids, size_t *n, struct crk_store *s, int open_only,
			struct crk_err *err);
void crk_report_ids_free(int64_t *ids);

/* Records that a corrective or mitigating measure is available (Art. 14(2)(c)). */
int crk_report_record_fix(struct crk_store *s, int64_t id, int64_t at, int64_t now,
			  struct crk_err *err);
/* Records the CSIRT's request for an intermediate report (Art. 14(6)), and the date it set
 * (CRK_TIME_NONE when it set none). */
int crk_report_record_request(struct crk_store *s, int64_t id, int64_t at, int64_t due,
			      int64_t now, struct crk_err *err);
/* Records a stage as submitted at `at` with the platform's receipt (may be NULL), the payload
 * sent (may be NULL) and, when sent incomplete, the missing fields ("" none). */
int crk_report_record_sent(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			   int64_t at, const char *receipt, const char *payload,
			   const char *missing, int64_t now, struct crk_err *err);
/* Records a validated or drafted payload of a stage (without sending it). */
int crk_report_record_draft(struct crk_store *s, int64_t id, enum crk_report_stage stage,
			    const char *payload, int64_t now, struct crk_err *err);
/* Closes a case (nothing more is due). */
int crk_report_case_close(struct crk_store *s, int64_t id, int64_t now, struct crk_err *err);

/* The timeline: calls fn for each event of a case in order. */
struct crk_report_event {
	int64_t seq, at, recorded_at;
	const char *what, *detail;
};
int crk_report_events(struct crk_store *s, int64_t id,
		      int (*fn)(const struct crk_report_event *e, void *arg), void *arg,
		      struct crk_err *err);

/* The Member State a stored case is counted in (NULL when it was not routed). */
const struct crk_member_state *crk_report_case_ms(const struct crk_report_case *c);

/* Formats the command that opens a case for an actively exploited vulnerability a scan found
 * (`crakit scan` prints it for a KEV-listed finding not marked not_affected):
 *   crakit report open --kind vulnerability --aware-at 2026-09-11T08:17:00Z --cve CVE-... \
 *     --product NAME --finding ID
 * Arguments are quoted for a POSIX shell when they need it; NULL or empty ones are left out;
 * aware_at CRK_TIME_NONE writes "--aware-at now". Writes at most n bytes (NUL included) and
 * returns the length the whole line needs, as snprintf does. */
size_t crk_report_open_hint(char *buf, size_t n, const char *cve, const char *product,
			    const char *finding, int64_t aware_at);

/* ---- stage payloads (src/cra/report_draft.c) ---- */

/* What cra.yaml says about the manufacturer and product (any field may be NULL). */
struct crk_report_context {
	const char *manufacturer, *manufacturer_country, *manufacturer_email, *website;
	const char *product, *product_type, *product_description, *versions; /* versions ", " */
	const char *contact; /* single point of contact (Art. 13(17)) */
	const char *advisories_url;
};

/* Builds the payload of `stage` for a case: JSON (docs/report.schema.json) and a Markdown
 * worksheet. Every field the article names for the stage is present, pre-filled from the case,
 * the context and the store (advisory summary and severity, KEV entry) where it can be, else
 * null and listed under "missing" when the article makes it mandatory. `previous` (may be NULL)
 * is an earlier payload of the same stage whose answers are kept. `now` stamps the draft. Both
 * outputs are heap memory (crk_free). */
int crk_report_draft(char **json, size_t *jlen, char **md, size_t *mlen, struct crk_store *s,
		     const struct crk_report_case *c, enum crk_report_stage stage,
		     const struct crk_report_context *ctx, const char *previous, size_t prevlen,
		     int64_t now, struct crk_err *err);

/* One problem found by crk_report_validate(). */
struct crk_report_missing {
	char field[64];
	char article[32];
	char label[160];
};
/* Reads a payload (untrusted: bounded, errors as path:line:col) and checks it against the
 * fields the article makes mandatory for its stage. *missing (heap, crk_free) lists each
 * missing field; *nmissing 0 means complete. CRK_EPARSE when the JSON is malformed or is not a
 * crakit report payload; *stage_out (may be NULL) receives its stage. */
int crk_report_validate(struct crk_report_missing **missing, size_t *nmissing, int *stage_out,
			const char *json, size_t len, const char *path, struct crk_err *err);

/* The notice to users of Art. 14(8): Markdown, plain text and a CSAF 2.0 document
 * (csaf_security_advisory for a vulnerability, csaf_informational_advisory for an incident).
 * Fields come from the user-notice payload `payload` (may be NULL: everything missing is named).
 * Outputs are heap memory (crk_free). */
int crk_report_notice(char **md, char **txt, char **csaf, const struct crk_report_case *c,
		      const struct crk_report_context *ctx, const char *payload, size_t plen,
		      int64_t now, struct crk_err *err);

#endif
