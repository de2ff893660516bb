/*
 * manifest.h - the shape of cra.yaml as a table (src/cra internal).
 *
 * One table of fields drives everything that knows the file's shape: the parser (types,
 * allowed values, unknown keys with "did you mean", where each value is stored in struct
 * crk_cra_manifest), the commented template `crakit init` writes, and the unit test that holds
 * docs/cra.schema.json and docs/cra-yaml.md to the same keys. A new field is one row here, one
 * member in include/crakit/cra.h, one property in the JSON Schema and one entry in the docs.
 */
#ifndef CRK_CRA_MANIFEST_H
#define CRK_CRA_MANIFEST_H

#include <stddef.h>

enum crk_fkind {
	CRK_F_STR,           /* const char *: any text */
	CRK_F_EMAIL,         /* const char *: an e-mail address */
	CRK_F_URL,           /* const char *: an http(s) URL */
	CRK_F_CONTACT,       /* const char *: an e-mail address or a URL (mailto:, tel:, https:) */
	CRK_F_COUNTRY,       /* const char *: ISO 3166-1 alpha-2 (EL accepted for Greece) */
	CRK_F_DATE,          /* const char *: YYYY-MM-DD */
	CRK_F_DATE_OR_MONTH, /* const char *: YYYY-MM-DD or YYYY-MM */
	CRK_F_BOOL,          /* int: enum crk_tri */
	CRK_F_ENUM,          /* int: 1 + index in `values` (0: unset) */
	CRK_F_ROUTE,         /* unsigned: one enum crk_cra_route bit */
	CRK_F_INT,           /* int: a small non-negative integer */
	CRK_F_STRS,          /* struct crk_cra_strs: a list of text (or one text, CRK_FF_ONE_OK) */
	CRK_F_REQ_IDS,       /* struct crk_cra_strs: Annex I requirement ids (or "all") */
	CRK_F_CAT_IDS,       /* struct crk_cra_strs: Annex III/IV category ids or slugs */
	CRK_F_MAP,           /* a nested struct at `off`, fields `sub` */
	CRK_F_LIST,          /* a list of mappings: T * at `off`, size_t count at `count_off` */
	CRK_F_REQS,          /* the `requirements` mapping: requirement id -> record (`sub`) */
};

enum crk_field_flags {
	CRK_FF_REQUIRED = 1 << 0, /* must be present and not empty */
	CRK_FF_ONE_OK = 1 << 1,   /* CRK_F_STRS: a single text is a list of one */
	CRK_FF_ALL_OK = 1 << 2,   /* CRK_F_REQ_IDS: "all" names every requirement */
};

#define CRK_NOPOS ((size_t)-1)

struct crk_field {
	const char *key;
	enum crk_fkind kind;
	size_t off;                   /* where the value goes in the parent struct */
	size_t pos_off;               /* where its position goes (a struct crk_cra_pos), or NOPOS */
	const struct crk_field *sub;  /* CRK_F_MAP, CRK_F_LIST, CRK_F_REQS: the fields inside */
	size_t elsize;                /* CRK_F_LIST: size of an item */
	size_t count_off;             /* CRK_F_LIST: offset of the item count (size_t) */
	const char *const *values;    /* CRK_F_ENUM, CRK_F_ROUTE: allowed values */
	unsigned flags;               /* enum crk_field_flags */
	const char *doc;              /* one line for the template: what it is, the article */
};

/* The fields of the top level (a NULL key ends every table). Items of CRK_F_LIST and
 * CRK_F_MAP tables start with a struct crk_cra_pos, set to where the mapping was written. */
extern const struct crk_field crk_cra__fields[];

/* Allowed values of the enumerations (NULL-terminated, in enum order from 1). */
extern const char *const crk_cra__routes[];
extern const char *const crk_cra__statuses[];

/* Edit distance between a[0..an) and b (for "did you mean"), capped at 100. */
unsigned crk_cra__distance(const char *a, size_t an, const char *b);

#endif
