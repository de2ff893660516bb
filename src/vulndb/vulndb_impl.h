/*
 * vulndb_impl.h - what import.c, update.c and query.c share; not API.
 */
#ifndef CRK_VULNDB_IMPL_H
#define CRK_VULNDB_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "crakit/store.h"
#include "crakit/vulndb.h"

#define CRK_VULNDB_MAX_NAME 4096                   /* a package name, normalised */
#define CRK_VULNDB_MAX_ARCHIVE ((uint64_t)16 << 30) /* uncompressed bytes of one zip */
#define CRK_VULNDB_MAX_MEMBERS ((size_t)4 << 20)    /* members of one zip */
#define CRK_VULNDB_MAX_GUNZIP ((size_t)1 << 30)     /* one gunzipped file (EPSS: ~10 MB) */
#define CRK_VULNDB_MAX_GROUP 10000                  /* ids returned for one alias group */

/* Splits an OSV ecosystem "Debian:12" into base "Debian" (length *blen) and release "12"
 * (NULL when there is none). */
void crk_vulndb__split_ecosystem(const char *eco, size_t *blen, const char **release);

/* The `source` row of (kind, ecosystem): imported_at, newest, version (heap, may be NULL). 1
 * found, 0 not, or a negative status. */
int crk_vulndb__source_get(struct crk_store *s, const char *kind, const char *eco,
			   int64_t *imported, int64_t *newest, char **version,
			   struct crk_err *err);
/* Upserts a `source` row. newest/version NULL-able: -1 / NULL keep what is stored. */
int crk_vulndb__source_set(struct crk_store *s, const char *kind, const char *eco,
			   int64_t imported, int64_t newest, const char *version,
			   struct crk_err *err);

/* Recounts the osv_summary row of base ecosystem `eco` (0031-osv-summary.sql) from the
 * affected and advisory tables; every import that adds, replaces or removes affected entries of
 * `eco` calls it before committing, so crk_vulndb_status never counts. */
int crk_vulndb__summary_refresh(struct crk_store *s, const char *eco, struct crk_err *err);

/* Imports one file or directory inside the caller's transaction (import.c); used by update.c
 * for a downloaded file. */
struct crk_vulndb__importer;
int crk_vulndb__importer_new(struct crk_vulndb__importer **out, struct crk_store *s,
			     const struct crk_vulndb_import_opts *opts,
			     struct crk_vulndb_import_stats *stats, struct crk_diags *diags);
int crk_vulndb__import_path(struct crk_vulndb__importer *im, const char *path, const char *display,
			    struct crk_err *err);
/* Records the import time of every ecosystem touched; then frees. */
int crk_vulndb__importer_finish(struct crk_vulndb__importer *im, struct crk_err *err);
void crk_vulndb__importer_free(struct crk_vulndb__importer *im);

#endif
