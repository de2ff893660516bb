/* opt.c - see opt.h. */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/opt.h"
#include "base/banned.h"

void crk_opt_list_free(struct crk_opt_list *l)
{
	crk_free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

void crk_opt_help(const char *cmd, const char *usage, const struct crk_opt *opts)
{
	size_t i;
	printf("usage: crakit %s %s\n\noptions:\n", cmd, usage);
	for (i = 0; opts && opts[i].name; i++) {
		char left[64];
		const struct crk_opt *o = &opts[i];
		if (o->shortname)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname, o->name,
				 o->argname ? " " : "", o->argname ? o->argname : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->argname ? " " : "",
				 o->argname ? o->argname : "");
		printf("  %-28s %s\n", left, o->help);
	}
	printf("  %-28s %s\n", "-h, --help", "show this help");
	printf("\n'crakit help %s' shows the full manual page.\n", cmd);
}

static int set(const char *cmd, const struct crk_opt *o, const char *val)
{
	switch (o->kind) {
	case CRK_OPT_FLAG:
		*(int *)o->dest = 1;
		return 0;
	case CRK_OPT_STRING:
		*(const char **)o->dest = val;
		return 0;
	case CRK_OPT_LIST: {
		struct crk_opt_list *l = o->dest;
		if (CRK_GROW(l->v, l->alloc, l->n + 1)) {
			fprintf(stderr, "crakit: error: out of memory\n");
			return 2;
		}
		l->v[l->n++] = val;
		return 0;
	}
	}
	(void)cmd;
	return 2;
}

int crk_opt_parse(const char *cmd, const char *usage, const struct crk_opt *opts, int argc,
		  char **argv, const char ***pos, size_t *npos)
{
	size_t alloc = 0;
	int i, only_pos = 0;
	*pos = NULL;
	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct crk_opt *o = NULL;
		const char *val = NULL;
		size_t k;
		if (only_pos || a[0] != '-' || !a[1]) {
			if (CRK_GROW(*pos, alloc, *npos + 1)) {
				fprintf(stderr, "crakit: error: out of memory\n");
				return 2;
			}
			(*pos)[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			crk_opt_help(cmd, usage, opts);
			return 1;
		}
		if (a[1] == '-') {
			const char *nm = a + 2, *eq = strchr(nm, '=');
			size_t nl = eq ? (size_t)(eq - nm) : strlen(nm);
			for (k = 0; opts && opts[k].name; k++)
				if (strlen(opts[k].name) == nl && memcmp(opts[k].name, nm, nl) == 0)
					o = &opts[k];
			if (!o) {
				fprintf(stderr, "crakit %s: error: unknown option '--%.*s'\n", cmd,
					(int)nl, nm);
				fprintf(stderr, "hint: 'crakit %s --help' lists the options\n", cmd);
				return 2;
			}
			if (eq) {
				if (o->kind == CRK_OPT_FLAG) {
					fprintf(stderr, "crakit %s: error: '--%s' takes no value\n",
						cmd, o->name);
					return 2;
				}
				val = eq + 1;
			}
		} else {
			for (k = 0; opts && opts[k].name; k++)
				if (opts[k].shortname == a[1])
					o = &opts[k];
			if (!o) {
				fprintf(stderr, "crakit %s: error: unknown option '%s'\n", cmd, a);
				fprintf(stderr, "hint: 'crakit %s --help' lists the options\n", cmd);
				return 2;
			}
			if (a[2]) {
				if (o->kind == CRK_OPT_FLAG) {
					fprintf(stderr, "crakit %s: error: unknown option '%s'\n", cmd,
						a);
					return 2;
				}
				val = a + 2;
			}
		}
		if (o->kind != CRK_OPT_FLAG && !val) {
			if (i + 1 >= argc) {
				fprintf(stderr, "crakit %s: error: '--%s' needs a value (%s)\n", cmd,
					o->name, o->argname ? o->argname : "VALUE");
				return 2;
			}
			val = argv[++i];
		}
		if (set(cmd, o, val))
			return 2;
	}
	return 0;
}
