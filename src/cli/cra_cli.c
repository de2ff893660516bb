/* cra_cli.c - see cra_cli.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/alloc.h"
#include "cli/cra_cli.h"
#include "cli/exit.h"
#include "crakit/store.h"
#include "base/banned.h"

int crk_cli_load_manifest(const char *cmd, const char *path, struct crk_cra_manifest **out,
			  char **dir)
{
	struct crk_diags d;
	struct crk_err err;
	struct stat st;
	char *file = NULL, *slash;
	size_t i;
	int rc;

	*out = NULL;
	*dir = NULL;
	if (!path || !*path)
		path = ".";
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t n = strlen(path);
		file = malloc(n + sizeof("/cra.yaml"));
		if (!file)
			goto nomem;
		memcpy(file, path, n);
		while (n > 1 && file[n - 1] == '/')
			n--;
		memcpy(file + n, "/cra.yaml", sizeof("/cra.yaml"));
		if (strncmp(file, "./", 2) == 0)
			memmove(file, file + 2, strlen(file + 2) + 1);
	} else {
		file = strdup(path);
		if (!file)
			goto nomem;
	}
	crk_diags_init(&d);
	crk_err_clear(&err);
	rc = crk_cra_manifest_load(out, file, &d, &err);
	if (rc != CRK_OK) {
		if (crk_diags_count(&d) == 0) {
			if (rc == CRK_ENOTFOUND || rc == CRK_EIO)
				crk_err_hint(&err, "'crakit init' writes a cra.yaml; 'crakit %s PATH' "
						   "reads PATH/cra.yaml or the file PATH",
					     cmd);
			crk_exit_error(&err);
		}
		for (i = 0; i < d.n; i++)
			crk_exit_error(&d.v[i]);
		if (crk_diags_count(&d) > 1)
			fprintf(stderr, "crakit %s: %zu problems in %s; docs/cra-yaml.md describes "
					"every field\n",
				cmd, crk_diags_count(&d), file);
		crk_diags_release(&d);
		free(file);
		return crk_exit_code(rc);
	}
	crk_diags_release(&d);
	slash = strrchr(file, '/');
	if (slash) {
		*slash = '\0';
		if (!*file) {
			file[0] = '/';
			file[1] = '\0';
		}
		*dir = file;
	} else {
		free(file);
		*dir = strdup(".");
		if (!*dir) {
			crk_cra_manifest_free(*out);
			*out = NULL;
			goto nomem;
		}
	}
	return CRK_EXIT_OK;
nomem:
	fprintf(stderr, "crakit: error: out of memory\n");
	return CRK_EXIT_INTERNAL;
}

int crk_cli_today(const char *cmd, const char *now, int64_t *days)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (now) {
		if (crk_cra_date_days(now, 0, days) != 0) {
			fprintf(stderr, "crakit %s: error: --now '%s' is not a date, expected "
					"YYYY-MM-DD\n",
				cmd, now);
			return CRK_EXIT_USAGE;
		}
		return CRK_EXIT_OK;
	}
	if (sde && *sde) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0) {
			fprintf(stderr, "crakit %s: error: SOURCE_DATE_EPOCH '%s' is not a number of "
					"seconds\n",
				cmd, sde);
			return CRK_EXIT_USAGE;
		}
		*days = v / 86400;
		return CRK_EXIT_OK;
	}
	*days = (int64_t)time(NULL) / 86400;
	return CRK_EXIT_OK;
}

int crk_cli_cra_store(const char *cmd, const char *db, int no_store, struct crk_store **out,
		      char **name, int *explicit)
{
	struct crk_err err;
	const char *env = getenv("CRAKIT_DB");
	char *loc = NULL;
	struct stat st;
	int rc;

	*out = NULL;
	*name = NULL;
	*explicit = (db && *db) || (env && *env);
	if (no_store)
		return CRK_EXIT_OK;
	crk_err_clear(&err);
	rc = crk_store_default_location(db, &loc, &err);
	if (rc != CRK_OK) {
		crk_free(loc);
		return CRK_EXIT_OK; /* no location at all: no store to read */
	}
	if (!*explicit && stat(loc, &st) != 0) {
		crk_free(loc);
		return CRK_EXIT_OK;
	}
	rc = crk_store_open(out, loc, CRK_STORE_READONLY, &err);
	if (rc != CRK_OK) {
		*out = NULL;
		if (!*explicit) {
			crk_free(loc);
			return CRK_EXIT_OK;
		}
		fprintf(stderr, "crakit %s: error: %s: %s\n", cmd, loc, err.msg);
		fprintf(stderr, "hint: give a store that 'crakit release record' wrote (--db PATH), "
				"or --no-store to assess without one\n");
		crk_free(loc);
		return rc == CRK_ENOMEM ? CRK_EXIT_INTERNAL : CRK_EXIT_INPUT;
	}
	*name = strdup(loc);
	crk_free(loc);
	if (!*name) {
		crk_store_close(*out);
		*out = NULL;
		fprintf(stderr, "crakit: error: out of memory\n");
		return CRK_EXIT_INTERNAL;
	}
	return CRK_EXIT_OK;
}
