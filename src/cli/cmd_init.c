/*
 * cmd_init.c - `crakit init`: asks the questions that start a product's CRA file and writes a
 * commented cra.yaml (crk_cra_manifest_template()). On a terminal it asks; with --yes it takes
 * the answers from options; with --answers FILE it reads them one per line (for scripts and
 * tests). It never overwrites a file without --force. Manual: docs/cmd/init.md.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fileio.h"
#include "cli/cli.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "crakit/cra.h"
#include "base/banned.h"

struct question {
	const char *key;    /* cra.yaml field the answer is checked against, or NULL */
	const char *prompt;
	const char **dest;  /* where the answer goes */
	int required;
};

struct input {
	FILE *f;
	const char *name; /* the --answers file, or NULL for the terminal */
	unsigned line;
	int tty;
};

/* One line of input without its newline; NULL at the end of input. Heap, caller frees. */
static char *read_line(struct input *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, in->f);
	if (n < 0) {
		free(line);
		return NULL;
	}
	in->line++;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	{
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		memmove(line, s, strlen(s) + 1);
		n = (ssize_t)strlen(line);
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
	}
	return line;
}

/* Asks one question; the answer (or the default when the answer is empty) replaces *dest.
 * Returns 0, or an exit code. `keep` collects the answers to free at the end. */
static int ask(struct input *in, const char *prompt, const char *key, const char **dest,
	       int required, char ***keep, size_t *nkeep, size_t *keepalloc)
{
	for (;;) {
		char *line;
		struct crk_err err;
		if (*dest)
			fprintf(stderr, "%s [%s]: ", prompt, *dest);
		else
			fprintf(stderr, "%s: ", prompt);
		fflush(stderr);
		line = read_line(in);
		if (!line) {
			fputc('\n', stderr);
			if (in->name) {
				if (required && !*dest) {
					fprintf(stderr, "crakit init: error: %s: the answers end before "
							"'%s', which is required\n",
						in->name, prompt);
					return CRK_EXIT_USAGE;
				}
				return 0;
			}
			fprintf(stderr, "crakit init: error: no answer (end of input); nothing "
					"written\n");
			return CRK_EXIT_USAGE;
		}
		if (!in->tty)
			fprintf(stderr, "%s\n", line);
		if (!*line) {
			free(line);
			if (!required || *dest)
				return 0;
			if (in->name) {
				fprintf(stderr, "crakit init: error: %s:%u: '%s' needs an answer\n",
					in->name, in->line, prompt);
				return CRK_EXIT_USAGE;
			}
			fprintf(stderr, "  an answer is needed\n");
			continue;
		}
		crk_err_clear(&err);
		if (key && crk_cra_manifest_check_value(key, line, &err) != CRK_OK) {
			if (in->name) {
				fprintf(stderr, "crakit init: error: %s:%u: %s\n", in->name, in->line,
					err.msg);
				free(line);
				return CRK_EXIT_USAGE;
			}
			fprintf(stderr, "  %s\n", err.msg);
			free(line);
			continue;
		}
		if (CRK_GROW(*keep, *keepalloc, *nkeep + 1)) {
			free(line);
			fprintf(stderr, "crakit: error: out of memory\n");
			return CRK_EXIT_INTERNAL;
		}
		(*keep)[(*nkeep)++] = line;
		*dest = line;
		return 0;
	}
}

static int yes_no(const char *s, int *out)
{
	if (!s)
		return 0;
	if (!strcasecmp(s, "y") || !strcasecmp(s, "yes") || !strcasecmp(s, "true")) {
		*out = CRK_YES;
		return 0;
	}
	if (!strcasecmp(s, "n") || !strcasecmp(s, "no") || !strcasecmp(s, "false")) {
		*out = CRK_NO;
		return 0;
	}
	return -1;
}

static void list_categories(void)
{
	size_t i;
	const struct crk_cra_category *c;
	fprintf(stderr, "\nThe category follows the product's CORE functionality (Art. 7(1), 8(1)); "
			"a component\nit merely integrates does not count. The categories:\n");
	for (i = 0; (c = crk_cra_category_at(i)); i++)
		fprintf(stderr, "  %-32s %.60s%s\n", c->slug, c->title,
			strlen(c->title) > 60 ? "..." : "");
}

/* Splits "a, b" into a NULL-terminated heap array of heap strings; "none" gives {NULL}. */
static const char **split_core(const char *s)
{
	const char **v;
	size_t n = 0, i;
	const char *p;
	if (!s)
		return NULL;
	for (p = s, i = 1; *p; p++)
		i += *p == ',';
	v = crk_calloc(i + 1, sizeof(*v));
	if (!v)
		return NULL;
	if (strcasecmp(s, "none") == 0)
		return v;
	p = s;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len && !(v[n] = crk_strndup(p, len)))
			break;
		if (len)
			n++;
		p = e ? e + 1 : p + strlen(p);
	}
	return v;
}

static void free_core(const char **v)
{
	size_t i;
	for (i = 0; v && v[i]; i++)
		crk_free((void *)v[i]);
	crk_free(v);
}

int cmd_init(int argc, char **argv)
{
	struct crk_cra_init a;
	struct crk_opt_list core_opt = {NULL, 0, 0};
	const char *output = "cra.yaml", *answers = NULL, *core_text = NULL, *oss = NULL,
		   *commercial = NULL, **pos = NULL, **core = NULL;
	int yes = 0, force = 0, non_commercial = 0, open_source = 0, rc, ex = CRK_EXIT_OK;
	char **keep = NULL, *text = NULL;
	size_t nkeep = 0, keepalloc = 0, npos, len, i;
	struct input in = {NULL, NULL, 0, 0};
	struct crk_err err;
	struct crk_cra_manifest *m = NULL;
	struct crk_opt opts[] = {
		{"output", 'o', CRK_OPT_STRING, &output, "FILE",
		 "write to FILE (default cra.yaml; - for standard output)"},
		{"force", 0, CRK_OPT_FLAG, &force, NULL, "overwrite an existing file"},
		{"yes", 'y', CRK_OPT_FLAG, &yes, NULL,
		 "ask nothing: take the answers from the options below"},
		{"answers", 0, CRK_OPT_STRING, &answers, "FILE",
		 "read the answers one per line from FILE instead of the terminal"},
		{"manufacturer", 0, CRK_OPT_STRING, &a.manufacturer, "NAME", "manufacturer name"},
		{"address", 0, CRK_OPT_STRING, &a.address, "TEXT", "manufacturer postal address"},
		{"email", 0, CRK_OPT_STRING, &a.email, "ADDRESS", "manufacturer e-mail address"},
		{"website", 0, CRK_OPT_STRING, &a.website, "URL", "manufacturer website"},
		{"country", 0, CRK_OPT_STRING, &a.country, "CC",
		 "Member State of main establishment (DE, FR, ...)"},
		{"product", 0, CRK_OPT_STRING, &a.product, "NAME", "product name"},
		{"type", 0, CRK_OPT_STRING, &a.type, "TYPE", "type or model designation"},
		{"product-version", 0, CRK_OPT_STRING, &a.version, "VERSION", "product version"},
		{"purpose", 0, CRK_OPT_STRING, &a.purpose, "TEXT", "intended purpose"},
		{"kind", 0, CRK_OPT_STRING, &a.kind, "KIND",
		 "software, hardware or hardware-and-software"},
		{"open-source", 0, CRK_OPT_FLAG, &open_source, NULL,
		 "the product is free and open-source software"},
		{"non-commercial", 0, CRK_OPT_FLAG, &non_commercial, NULL,
		 "not made available in the course of a commercial activity"},
		{"core", 0, CRK_OPT_LIST, &core_opt, "CATEGORY",
		 "an Annex III/IV category that is the core functionality (repeatable; none)"},
		{"justification", 0, CRK_OPT_STRING, &a.justification, "TEXT",
		 "why the core functionality is (not) a listed category"},
		{"support-start", 0, CRK_OPT_STRING, &a.support_start, "DATE",
		 "start of the support period, YYYY-MM-DD"},
		{"support-end", 0, CRK_OPT_STRING, &a.support_end, "YYYY-MM",
		 "end of the support period"},
		{"contact", 0, CRK_OPT_STRING, &a.contact, "EMAIL|URL",
		 "single point of contact and vulnerability reporting address"},
		{"policy-url", 0, CRK_OPT_STRING, &a.policy_url, "URL",
		 "coordinated vulnerability disclosure policy"},
		{NULL, 0, CRK_OPT_FLAG, NULL, NULL, NULL},
	};
	static const struct {
		const char *flag, *key;
		size_t off;
	} checks[] = {
		{"--email", "manufacturer.email", offsetof(struct crk_cra_init, email)},
		{"--website", "manufacturer.website", offsetof(struct crk_cra_init, website)},
		{"--country", "manufacturer.country", offsetof(struct crk_cra_init, country)},
		{"--kind", "product.kind", offsetof(struct crk_cra_init, kind)},
		{"--support-start", "support.start", offsetof(struct crk_cra_init, support_start)},
		{"--support-end", "support.end", offsetof(struct crk_cra_init, support_end)},
		{"--contact", "contact.single_point_of_contact", offsetof(struct crk_cra_init, contact)},
		{"--policy-url", "contact.disclosure_policy_url",
		 offsetof(struct crk_cra_init, policy_url)},
	};

	memset(&a, 0, sizeof(a));
	rc = crk_opt_parse("init", "[OPTIONS]", opts, argc, argv, &pos, &npos);
	crk_free(pos);
	if (rc) {
		crk_opt_list_free(&core_opt);
		return rc == 1 ? CRK_EXIT_OK : CRK_EXIT_USAGE;
	}
	if (npos) {
		fprintf(stderr, "crakit init: error: no arguments expected (the file is -o FILE)\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}
	/* the answers given as options are checked first, whatever the mode */
	crk_err_clear(&err);
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		const char *v = *(const char **)((char *)&a + checks[i].off);
		if (v && *v && crk_cra_manifest_check_value(checks[i].key, v, &err) != CRK_OK) {
			fprintf(stderr, "crakit init: error: %s: %s\n", checks[i].flag, err.msg);
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	}
	if (core_opt.n) {
		size_t n = 0;
		for (i = 0; i < core_opt.n; i++)
			n += strlen(core_opt.v[i]) + 1;
		core_text = NULL;
		{
			char *joined = calloc(1, n + 1);
			if (!joined) {
				ex = CRK_EXIT_INTERNAL;
				goto out;
			}
			for (i = 0; i < core_opt.n; i++) {
				if (i)
					memcpy(joined + strlen(joined), ",", 2);
				memcpy(joined + strlen(joined), core_opt.v[i], strlen(core_opt.v[i]) + 1);
			}
			if (CRK_GROW(keep, keepalloc, nkeep + 1)) {
				free(joined);
				ex = CRK_EXIT_INTERNAL;
				goto out;
			}
			keep[nkeep++] = joined;
			core_text = joined;
		}
		if (strcasecmp(core_text, "none") != 0 &&
		    crk_cra_manifest_check_value("functionality.core", core_text, &err) != CRK_OK) {
			fprintf(stderr, "crakit init: error: --core: %s\n", err.msg);
			fprintf(stderr, "hint: 'crakit classify --list' lists the categories; --core "
					"none says the product has none of them\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
	}
	oss = open_source ? "yes" : NULL;
	commercial = non_commercial ? "no" : NULL;

	if (strcmp(output, "-") != 0 && !force && access(output, F_OK) == 0) {
		fprintf(stderr, "crakit init: error: %s exists; nothing written\n", output);
		fprintf(stderr, "hint: --force overwrites it, -o FILE writes elsewhere; 'crakit "
				"assess' reads the one you have\n");
		ex = CRK_EXIT_USAGE;
		goto out;
	}

	if (!yes) {
		if (answers) {
			in.f = fopen(answers, "r");
			in.name = answers;
			if (!in.f) {
				fprintf(stderr, "crakit init: error: %s: cannot read: %s\n", answers,
					strerror(errno));
				ex = CRK_EXIT_INPUT;
				goto out;
			}
		} else if (isatty(0) && isatty(2)) {
			in.f = stdin;
			in.tty = 1;
		} else {
			fprintf(stderr, "crakit init: error: standard input is not a terminal, so "
					"there is no one to ask\n");
			fprintf(stderr, "hint: give the answers as options with --yes (crakit init "
					"--yes --manufacturer NAME --product NAME ...), or one per line "
					"with --answers FILE\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		if (in.tty)
			fprintf(stderr, "crakit init: a few questions for %s (Enter keeps the answer in "
					"brackets, or leaves it open).\n\n",
				strcmp(output, "-") ? output : "cra.yaml");
		{
			const struct question q[] = {
				{NULL, "Manufacturer name", &a.manufacturer, 1},
				{NULL, "Manufacturer postal address", &a.address, 0},
				{"manufacturer.email", "Manufacturer e-mail", &a.email, 0},
				{"manufacturer.website", "Manufacturer website", &a.website, 0},
				{"manufacturer.country", "Member State of main establishment (2 letters)",
				 &a.country, 0},
				{NULL, "Product name", &a.product, 1},
				{NULL, "Type or model designation", &a.type, 0},
				{NULL, "Product version", &a.version, 0},
				{NULL, "Intended purpose, in one sentence", &a.purpose, 0},
				{"product.kind", "software, hardware or hardware-and-software", &a.kind, 0},
			};
			for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
				if ((ex = ask(&in, q[i].prompt, q[i].key, q[i].dest, q[i].required,
					      &keep, &nkeep, &keepalloc)))
					goto out;
		}
		if (!oss)
			oss = "no";
		for (;;) {
			if ((ex = ask(&in, "Free and open-source software (Art. 3(48))? yes/no", NULL,
				      &oss, 0, &keep, &nkeep, &keepalloc)))
				goto out;
			if (!yes_no(oss, &a.open_source))
				break;
			if (in.name) {
				fprintf(stderr, "crakit init: error: %s:%u: expected yes or no\n",
					in.name, in.line);
				ex = CRK_EXIT_USAGE;
				goto out;
			}
			fprintf(stderr, "  yes or no\n");
			oss = "no";
		}
		if (!commercial)
			commercial = "yes";
		for (;;) {
			if ((ex = ask(&in, "Made available in the course of a commercial activity, "
					   "paid or free (Art. 3(22))? yes/no",
				      NULL, &commercial, 0, &keep, &nkeep, &keepalloc)))
				goto out;
			if (!yes_no(commercial, &a.commercial))
				break;
			if (in.name) {
				fprintf(stderr, "crakit init: error: %s:%u: expected yes or no\n",
					in.name, in.line);
				ex = CRK_EXIT_USAGE;
				goto out;
			}
			fprintf(stderr, "  yes or no\n");
			commercial = "yes";
		}
		if (in.tty)
			list_categories();
		if (!core_text)
			core_text = "none";
		for (;;) {
			if ((ex = ask(&in, "Which categories are the product's core functionality? "
					   "names separated by commas, or none",
				      NULL, &core_text, 0, &keep, &nkeep, &keepalloc)))
				goto out;
			if (strcasecmp(core_text, "none") == 0 ||
			    crk_cra_manifest_check_value("functionality.core", core_text, &err) ==
				    CRK_OK)
				break;
			if (in.name) {
				fprintf(stderr, "crakit init: error: %s:%u: %s\n", in.name, in.line,
					err.msg);
				ex = CRK_EXIT_USAGE;
				goto out;
			}
			fprintf(stderr, "  %s\n", err.msg);
			core_text = "none";
		}
		{
			const struct question q[] = {
				{NULL, "Why (is it, or is it not, such a product)?", &a.justification, 0},
				{"support.end", "End of the support period, YYYY-MM (at least 5 years, "
						"Art. 13(8))",
				 &a.support_end, 0},
				{"contact.single_point_of_contact",
				 "Security contact for vulnerability reports (e-mail or URL)", &a.contact,
				 0},
				{"contact.disclosure_policy_url",
				 "URL of the coordinated vulnerability disclosure policy", &a.policy_url, 0},
			};
			for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
				if ((ex = ask(&in, q[i].prompt, q[i].key, q[i].dest, q[i].required,
					      &keep, &nkeep, &keepalloc)))
					goto out;
		}
	} else {
		if (!a.manufacturer || !*a.manufacturer || !a.product || !*a.product) {
			fprintf(stderr, "crakit init: error: --yes needs at least --manufacturer NAME "
					"and --product NAME\n");
			ex = CRK_EXIT_USAGE;
			goto out;
		}
		if (oss)
			yes_no(oss, &a.open_source);
		if (commercial)
			yes_no(commercial, &a.commercial);
	}
	if (core_text) {
		core = split_core(core_text);
		if (!core) {
			ex = CRK_EXIT_INTERNAL;
			goto out;
		}
		a.core = core;
	}
	if (crk_cra_manifest_template(&text, &len, &a, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	/* what we write must read back */
	if (crk_cra_manifest_parse(&m, text, len, output, NULL, &err) != CRK_OK) {
		fprintf(stderr, "crakit init: internal error: the file written does not read back: "
				"%u:%u: %s\n",
			err.line, err.col, err.msg);
		ex = CRK_EXIT_INTERNAL;
		goto out;
	}
	if (strcmp(output, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
			fprintf(stderr, "crakit init: error: cannot write to standard output\n");
			ex = CRK_EXIT_INPUT;
		}
		goto out;
	}
	if (crk_write_file_atomic(output, text, len, CRK_WRITE_DURABLE, &err) != CRK_OK) {
		ex = crk_exit_error(&err);
		goto out;
	}
	fprintf(stderr, "wrote %s\nnext: fill in the empty fields (docs/cra-yaml.md), then 'crakit "
			"classify' and 'crakit assess'\n",
		output);
out:
	if (in.f && in.f != stdin)
		fclose(in.f);
	for (i = 0; i < nkeep; i++)
		free(keep[i]);
	crk_free(keep);
	free_core(core);
	crk_free(text);
	crk_cra_manifest_free(m);
	crk_opt_list_free(&core_opt);
	return ex;
}
