/*
 * store_impl.h - what the store's generic layer (registry.c) and its backends (sqlite.c, later
 * postgres.c) share; not API. A backend's store and statement objects begin with these headers.
 */
#ifndef CRK_STORE_IMPL_H
#define CRK_STORE_IMPL_H

#include "crakit/store.h"

struct crk_store {
	const struct crk_store_ops *ops;
	char *location; /* heap; freed by the backend's close */
	unsigned flags; /* enum crk_store_open_flags */
	int depth;      /* transaction nesting, kept by registry.c */
};

struct crk_stmt {
	const struct crk_store_ops *ops;
};

/* One embedded migration (generated from src/store/sql/<backend>/NNNN-name.sql by
 * scripts/embed-sql.sh into $(B)/gen/sql.c), ordered by backend then number. */
struct crk_sql_migration {
	const char *backend;
	int number;
	const char *name;
	const char *sql;
};
extern const struct crk_sql_migration crk_sql_migrations[]; /* ends with a NULL backend */

extern const struct crk_store_ops crk_store__sqlite_ops;

#endif
