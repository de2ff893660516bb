/*
 * report_fields.h - the fields of each Article 14 stage payload, shared by report_draft.c (the
 * drafts and their validation) and report_notice.c (the notice to users). Not API.
 */
#ifndef CRK_CRA_REPORT_FIELDS_H
#define CRK_CRA_REPORT_FIELDS_H

#include <stddef.h>

#include "crakit/report.h"

/* A payload is a small document a person edits: 4 MiB is far more than any stage needs. */
#define CRK_REPORT_MAX_PAYLOAD ((size_t)4 << 20)

enum crk_field_type { CRK_FIELD_TEXT, CRK_FIELD_LIST, CRK_FIELD_BOOL };
enum crk_field_need {
	CRK_NEED_MANDATORY,   /* the article asks for it outright */
	CRK_NEED_CONDITIONAL, /* "where applicable" / "where available" / "as available": an answer
			       * is needed, saying it does not apply counts */
	CRK_NEED_OPTIONAL,    /* the article does not require it */
};

struct crk_report_field {
	const char *key;
	enum crk_field_type type;
	enum crk_field_need need;
	unsigned stages; /* bit s: vulnerability stage s; bit s + 8: incident stage s */
	const char *article; /* "" = the stage's own article */
	const char *label;
	const char *help;
};

/* The fields of a stage, in payload order; returns how many (fills at most `max`). */
size_t crk_report_fields(const struct crk_report_field **out, enum crk_report_kind kind,
			 enum crk_report_stage stage, size_t max);
const char *crk_report_field_article(const struct crk_report_field *f, enum crk_report_kind kind,
				     enum crk_report_stage stage);
const char *crk_report_need_name(enum crk_field_need n);

/* A payload read back (a jansson object behind void *): parse (bounded; errors path:line:col),
 * the text value of a field (borrowed, NULL when absent or not text), free. */
int crk_report_payload_parse(void **out, const char *json, size_t len, const char *path,
			     struct crk_err *err);
const char *crk_report_payload_text(void *doc, const char *key);
void crk_report_payload_free(void *doc);

#endif
