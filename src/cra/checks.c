/*
 * checks.c - the automatic checks of `crakit assess` (see checks.h). One walk of the project
 * tree gathers what the checks read: SECURITY.md and security.txt files (RFC 9116, parsed),
 * SBOM files, signature and checksum files, CI and release configuration, and configuration
 * files that ship (scanned for well-known default credentials). Directories of third-party or
 * test code are not configuration that ships: node_modules, vendor, .venv, venv,
 * site-packages, test, tests, testdata, __tests__, spec, fixtures, and .git, are skipped.
 *
 * A check that lacks its input says "not run" and why (scan results above all: "no known
 * exploited vulnerability" is never passed without them). Each check says what it looked at.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/alloc.h"
#include "base/cursor.h"
#include "base/fileio.h"
#include "base/fswalk.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/bom.h"
#include "crakit/sbom.h"
#include "cra/checks.h"
#include "base/banned.h"

#define MAX_HITS CRK_CHECK_MAX_HITS
#define MAX_CONFIG_FILES 20000
#define MAX_CONFIG_SIZE ((size_t)1 << 20)
#define MAX_LIST 64 /* files of one kind remembered */

static const struct {
	const char *id, *title, *basis;
} table[CRK_CHK_N] = {
	{"sbom", "SBOM present and fresh", "Annex I Part II (1)"},
	{"no-exploited", "no known exploited vulnerability", "Annex I Part I (2)(a), Part II (2)"},
	{"no-unassessed-critical", "no critical vulnerability without a triage decision",
	 "Annex I Part I (2)(a), Part II (2)"},
	{"security-contact", "security contact (SECURITY.md, security.txt)",
	 "Annex I Part II (6), Art. 13(17)"},
	{"disclosure-policy", "coordinated vulnerability disclosure policy", "Annex I Part II (5)"},
	{"support-period", "support period of at least five years, or justified",
	 "Art. 13(8), 13(19)"},
	{"default-credentials", "no default credentials in shipped configuration",
	 "Annex I Part I (2)(b), (2)(d)"},
	{"signed-releases", "releases signed or checksummed", "Annex I Part I (2)(f), Part II (7)"},
	{"separate-updates", "security updates separable from feature updates",
	 "Annex I Part II (2)"},
	{"update-mechanism", "security update mechanism described",
	 "Annex I Part I (2)(c), Part II (7)"},
	{"free-updates", "security updates free of charge", "Annex I Part II (8)"},
	{"advisories", "fixed vulnerabilities are disclosed", "Annex I Part II (4)"},
	{"test-reports", "security tests recorded", "Annex I Part II (3), Annex VII point 6"},
	{"risk-assessment", "cybersecurity risk assessment recorded", "Art. 13(2)-(4)"},
	{"evidence-paths", "evidence files named in cra.yaml exist", "Art. 13(1), Annex VII"},
};

struct files {
	const char *security_md[MAX_LIST];
	size_t nsecurity_md;
	int security_md_policy; /* a SECURITY.md speaks of disclosure/reporting */
	const char *security_txt[MAX_LIST];
	struct crk_securitytxt *security_txt_parsed[MAX_LIST];
	const char *security_txt_error[MAX_LIST];
	size_t nsecurity_txt;
	const char *sboms[MAX_LIST];
	size_t nsboms;
	const char *signs[MAX_LIST];
	size_t nsigns;
	const char *ci_signing[MAX_LIST];
	size_t nci_signing;
	size_t ci_files;
	size_t config_files, config_skipped;
	const char *cred_hits[MAX_HITS];
	size_t ncred_hits, ncred_total;
	const char *csaf[MAX_LIST];
	size_t ncsaf;
	size_t entries;
};

struct wctx {
	struct crk_checkrun *run;
	struct files *f;
	int nomem;
};

char *crk_cra__aprintf(struct crk_arena *a, const char *fmt, ...)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	char *s;
	va_list ap;
	va_start(ap, fmt);
	crk_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	s = crk_strbuf_ok(&sb) ? crk_arena_strndup(a, sb.buf, sb.len) : NULL;
	crk_strbuf_release(&sb);
	return s;
}

static void remember(struct wctx *w, const char **list, size_t *n, const char *s)
{
	if (*n >= MAX_LIST)
		return;
	if (!(list[*n] = crk_arena_strdup(w->run->a, s)))
		w->nomem = 1;
	else
		(*n)++;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int skipped_dir(const char *name)
{
	static const char *const dirs[] = {"node_modules", "vendor",	"venv", ".venv",
					   "site-packages", "test",	"tests", "testdata",
					   "__tests__",	   "spec",	"fixtures", ".tox",
					   "__pycache__", "bower_components"};
	size_t i;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strcmp(name, dirs[i]) == 0)
			return 1;
	return 0;
}

static int is_sbom_name(const char *n)
{
	return ends_with(n, ".cdx.json") || ends_with(n, ".cyclonedx.json") ||
	       ends_with(n, ".spdx.json") || ends_with(n, ".sbom.json") ||
	       !strcasecmp(n, "bom.json") || !strcasecmp(n, "sbom.json");
}

static int is_sign_name(const char *n)
{
	static const char *const suffixes[] = {".asc",	       ".sig",	     ".minisig",
					       ".sigstore",    ".sigstore.json", ".intoto.jsonl",
					       ".sha256",      ".sha512",   ".sha256sum",
					       ".sha512sum",   "SUMS",	     "SUMS.txt"};
	size_t i;
	if (!strcasecmp(n, "cosign.pub") || !strncmp(n, "SHA256SUMS", 10) ||
	    !strncmp(n, "SHA512SUMS", 10) || !strcasecmp(n, "CHECKSUMS") ||
	    !strcasecmp(n, "checksums.txt"))
		return 1;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(n, suffixes[i]))
			return 1;
	return 0;
}

static int is_config_name(const char *relpath, const char *n)
{
	static const char *const ext[] = {".conf", ".cfg",  ".cnf",	    ".ini",
					  ".yaml", ".yml",  ".json",	    ".toml",
					  ".properties", ".env", ".xml",   ".config"};
	static const char *const lockfiles[] = {
		"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
		"composer.lock",     "Cargo.lock",	    "poetry.lock", "Pipfile.lock",
		"packages.lock.json", "cra.yaml",	    "pubspec.lock", "mix.lock"};
	size_t i;
	for (i = 0; i < sizeof(lockfiles) / sizeof(lockfiles[0]); i++)
		if (!strcmp(n, lockfiles[i]))
			return 0;
	if (is_sbom_name(n))
		return 0;
	if (ends_with(n, "cra.yaml"))
		return 0;
	if (!strcmp(n, "shadow") || !strcmp(n, "passwd") || !strncmp(n, ".env", 4))
		return 1;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (ends_with(n, ext[i]))
			return 1;
	/* files without an extension in a root filesystem's etc/ */
	return !strchr(n, '.') &&
	       (!strncmp(relpath, "etc/", 4) || strstr(relpath, "/etc/") != NULL);
}

/* ---- default credentials ---- */

static const char *const default_passwords[] = {
	"admin",     "administrator", "password", "passw0rd",  "p@ssw0rd",  "123456",
	"12345678",  "123456789",     "1234",	  "12345",     "0000",	    "1111",
	"root",	     "toor",	      "default",  "changeme",  "change_me", "changeit",
	"guest",     "user",	      "test",	  "letmein",   "admin123",  "password1",
	"password123", "raspberry",   "ubnt",	  "qwerty",    "secret",    "pass",
	"system",    "manager",	      "support",  "welcome",   "abc123",
};

static int is_default_password(const char *v, size_t n, int community)
{
	size_t i;
	if (community)
		return (n == 6 && !strncasecmp(v, "public", 6)) ||
		       (n == 7 && !strncasecmp(v, "private", 7));
	for (i = 0; i < sizeof(default_passwords) / sizeof(default_passwords[0]); i++)
		if (strlen(default_passwords[i]) == n && !strncasecmp(v, default_passwords[i], n))
			return 1;
	return 0;
}

static int keyish(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

static void cred_hit(struct wctx *w, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cred_hit(struct wctx *w, const char *path, unsigned line, const char *fmt, ...)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	va_list ap;
	w->f->ncred_total++;
	if (w->f->ncred_hits >= MAX_HITS)
		return;
	crk_strbuf_addf(&sb, "%s:%u: ", path, line);
	va_start(ap, fmt);
	crk_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (!crk_strbuf_ok(&sb) ||
	    !(w->f->cred_hits[w->f->ncred_hits] = crk_arena_strndup(w->run->a, sb.buf, sb.len)))
		w->nomem = 1;
	else
		w->f->ncred_hits++;
	crk_strbuf_release(&sb);
}

/* key <sep> value on one line, where the key names a password, secret or SNMP community and
 * the value is a well-known default. */
static void scan_line(struct wctx *w, const char *path, unsigned lineno, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t ks, ke, vs, ve;
		char key[64];
		int community;
		if (!keyish(s[i]) || (i && keyish(s[i - 1])))
			continue;
		ks = i;
		while (i < n && keyish(s[i]))
			i++;
		ke = i;
		if (ke - ks >= sizeof(key))
			continue;
		memcpy(key, s + ks, ke - ks);
		key[ke - ks] = '\0';
		{
			size_t k;
			for (k = 0; key[k]; k++)
				key[k] = (char)tolower((unsigned char)key[k]);
		}
		community = strstr(key, "community") != NULL;
		if (!community && !strstr(key, "pass") && !strstr(key, "pwd") &&
		    !strstr(key, "secret"))
			continue;
		vs = ke;
		while (vs < n && (s[vs] == '"' || s[vs] == '\'' || s[vs] == ' ' || s[vs] == '\t'))
			vs++;
		if (vs >= n || (s[vs] != ':' && s[vs] != '=' && s[vs] != '>'))
			continue;
		vs++;
		while (vs < n && (s[vs] == ' ' || s[vs] == '\t' || s[vs] == '"' || s[vs] == '\''))
			vs++;
		ve = vs;
		while (ve < n && s[ve] != '"' && s[ve] != '\'' && s[ve] != ' ' && s[ve] != '\t' &&
		       s[ve] != ',' && s[ve] != ';' && s[ve] != '<' && s[ve] != '}' && s[ve] != '#')
			ve++;
		if (ve > vs && is_default_password(s + vs, ve - vs, community))
			cred_hit(w, path, lineno, "'%s' is set to the well-known default '%.*s'",
				 key, (int)(ve - vs), s + vs);
		i = ve ? ve - 1 : 0;
	}
	/* credentials in a URL: scheme://user:password@host */
	for (i = 0; i + 3 < n; i++) {
		size_t u, c, at;
		if (memcmp(s + i, "://", 3) != 0)
			continue;
		u = i + 3;
		for (c = u; c < n && s[c] != ':' && s[c] != '@' && s[c] != '/'; c++)
			;
		if (c >= n || s[c] != ':')
			continue;
		for (at = c + 1; at < n && s[at] != '@' && s[at] != '/' && s[at] != ' '; at++)
			;
		if (at < n && s[at] == '@' && is_default_password(s + c + 1, at - c - 1, 0))
			cred_hit(w, path, lineno, "a URL carries the well-known default password "
						  "'%.*s' (user '%.*s')",
				 (int)(at - c - 1), s + c + 1, (int)(c - u), s + u);
	}
}

static void scan_config(struct wctx *w, const struct crk_walk_entry *e)
{
	char *buf;
	size_t len;
	struct crk_line_iter it;
	const char *line;
	size_t n;
	int accounts = !strcmp(e->name, "shadow") || !strcmp(e->name, "passwd");
	if (w->f->config_files >= MAX_CONFIG_FILES) {
		w->f->config_skipped++;
		return;
	}
	if (crk_read_fileat(e->dirfd, e->name, e->relpath, MAX_CONFIG_SIZE, &buf, &len, NULL) !=
	    CRK_OK) {
		w->f->config_skipped++;
		return;
	}
	w->f->config_files++;
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		if (accounts) {
			const char *c1 = memchr(line, ':', n);
			/* user::...: an empty password field lets anyone log in as that user */
			if (c1 && c1 > line && (size_t)(c1 - line) + 1 < n && c1[1] == ':')
				cred_hit(w, e->relpath, it.lineno,
					 "account '%.*s' has an empty password field", (int)(c1 - line),
					 line);
			continue;
		}
		if (n > 4096)
			n = 4096;
		scan_line(w, e->relpath, it.lineno, line, n);
	}
	crk_free(buf);
}

/* ---- the walk ---- */

static int grep_any(const char *buf, size_t len, const char *const *words, const char **which)
{
	size_t i;
	for (i = 0; words[i]; i++)
		if (memmem(buf, len, words[i], strlen(words[i]))) {
			*which = words[i];
			return 1;
		}
	return 0;
}

static void ci_file(struct wctx *w, const struct crk_walk_entry *e)
{
	static const char *const words[] = {"cosign sign",	"cosign-installer",
					    "gpg --detach-sign",  "gpg --armor --detach-sign",
					    "gpg -ab",		"minisign -S",
					    "sha256sum",	"shasum -a 256",
					    "sha512sum",	"attest-build-provenance",
					    "slsa-github-generator", "sigstore",
					    "signs:",		"checksum:",
					    NULL};
	char *buf;
	size_t len;
	const char *which;
	w->f->ci_files++;
	if (crk_read_fileat(e->dirfd, e->name, e->relpath, MAX_CONFIG_SIZE, &buf, &len, NULL) !=
	    CRK_OK)
		return;
	if (grep_any(buf, len, words, &which)) {
		char *s = crk_cra__aprintf(w->run->a, "%s (\"%s\")", e->relpath, which);
		if (!s)
			w->nomem = 1;
		else
			remember(w, w->f->ci_signing, &w->f->nci_signing, s);
	}
	crk_free(buf);
}

static void security_txt(struct wctx *w, const struct crk_walk_entry *e)
{
	struct files *f = w->f;
	struct crk_err err;
	char *buf;
	size_t len;
	size_t i = f->nsecurity_txt;
	if (i >= MAX_LIST)
		return;
	remember(w, f->security_txt, &f->nsecurity_txt, e->relpath);
	if (f->nsecurity_txt == i)
		return;
	crk_err_clear(&err);
	if (crk_read_fileat(e->dirfd, e->name, e->relpath, MAX_CONFIG_SIZE, &buf, &len, &err) !=
	    CRK_OK) {
		f->security_txt_error[i] = crk_cra__aprintf(w->run->a, "cannot read: %s", err.msg);
		return;
	}
	if (crk_securitytxt_parse(&f->security_txt_parsed[i], buf, len, e->relpath,
				  w->run->o->today * 86400, NULL, &err) != CRK_OK) {
		if (err.code == CRK_ENOMEM)
			w->nomem = 1;
		f->security_txt_error[i] =
			crk_cra__aprintf(w->run->a, "%s:%u:%u: %s", e->relpath, err.line, err.col, err.msg);
	}
	crk_free(buf);
}

static int walk_cb(void *ud, const struct crk_walk_entry *e)
{
	struct wctx *w = ud;
	struct files *f = w->f;
	f->entries++;
	if (w->nomem)
		return CRK_ENOMEM;
	if (e->type == CRK_WALK_DIR)
		return skipped_dir(e->name) ? CRK_WALK_SKIP : 0;
	if (!strcasecmp(e->name, "SECURITY.md") || !strcasecmp(e->name, "SECURITY.txt") ||
	    !strcasecmp(e->name, "SECURITY.rst")) {
		if (!strcmp(e->name, "security.txt")) {
			security_txt(w, e);
		} else {
			char *buf;
			size_t len;
			remember(w, f->security_md, &f->nsecurity_md, e->relpath);
			if (crk_read_fileat(e->dirfd, e->name, e->relpath, MAX_CONFIG_SIZE, &buf, &len,
					    NULL) == CRK_OK) {
				if (memmem(buf, len, "isclos", 6) || memmem(buf, len, "eport", 5))
					f->security_md_policy = 1;
				crk_free(buf);
			}
		}
		return 0;
	}
	if (is_sbom_name(e->name)) {
		remember(w, f->sboms, &f->nsboms, e->relpath);
		return 0;
	}
	if (is_sign_name(e->name)) {
		remember(w, f->signs, &f->nsigns, e->relpath);
		return 0;
	}
	if ((strstr(e->relpath, ".github/workflows/") &&
	     (ends_with(e->name, ".yml") || ends_with(e->name, ".yaml"))) ||
	    !strcmp(e->name, ".gitlab-ci.yml") || !strcmp(e->name, "Jenkinsfile") ||
	    !fnmatch(".goreleaser.y*ml", e->name, 0)) {
		ci_file(w, e);
		if (!strcmp(e->name, ".gitlab-ci.yml") || !fnmatch(".goreleaser.y*ml", e->name, 0))
			return 0;
	}
	if (strstr(e->relpath, "csaf") && ends_with(e->name, ".json"))
		remember(w, f->csaf, &f->ncsaf, e->relpath);
	if (is_config_name(e->relpath, e->name))
		scan_config(w, e);
	return w->nomem ? CRK_ENOMEM : 0;
}

/* ---- results ---- */

void crk_cra__check_set(struct crk_checkrun *run, enum crk_check_id id, enum crk_cra_check_result r,
		const char *looked_at, const char *detail)
{
	struct crk_cra_check *c = &run->checks[id];
	c->result = r;
	c->looked_at = looked_at; /* NULL (out of memory) is caught at the end */
	c->detail = detail;
}

int crk_cra__check_hits(struct crk_checkrun *run, enum crk_check_id id, const char *const *v, size_t n)
{
	struct crk_cra_check *c = &run->checks[id];
	size_t i;
	if (!n)
		return 0;
	c->hits = crk_arena_array(run->a, n, sizeof(*c->hits));
	if (!c->hits) {
		run->nomem = 1;
		return -1;
	}
	for (i = 0; i < n; i++)
		c->hits[i] = v[i];
	c->nhits = n;
	return 0;
}

static void check_contact(struct crk_checkrun *run, struct files *f)
{
	struct crk_arena *a = run->a;
	const struct crk_cra_contact *c = &run->m->contact;
	struct crk_strbuf found = CRK_STRBUF_INIT(0);
	const char *bad[MAX_LIST];
	size_t i, nvalid = 0, nbad = 0;
	for (i = 0; i < f->nsecurity_txt; i++) {
		const struct crk_securitytxt *s = f->security_txt_parsed[i];
		if (!s) {
			bad[nbad++] = f->security_txt_error[i] ? f->security_txt_error[i]
							       : f->security_txt[i];
		} else if (s->expired) {
			bad[nbad++] = crk_cra__aprintf(a, "%s:%u: Expires %s has passed: the file is stale "
						    "(RFC 9116 §2.5.5)",
						 f->security_txt[i], s->expires_line, s->expires);
		} else {
			nvalid++;
			crk_strbuf_addf(&found, "%s%s (Contact: %s)", found.len ? "; " : "",
					f->security_txt[i], s->contact.v[0]);
		}
	}
	for (i = 0; i < f->nsecurity_md; i++)
		crk_strbuf_addf(&found, "%s%s", found.len ? "; " : "", f->security_md[i]);
	if (c->vulnerability_reporting || c->single_point_of_contact)
		crk_strbuf_addf(&found, "%scra.yaml contact: %s", found.len ? "; " : "",
				c->vulnerability_reporting ? c->vulnerability_reporting
							   : c->single_point_of_contact);
	crk_cra__check_set(run, CRK_CHK_CONTACT,
	    nbad	? CRK_CHECK_FAIL
	    : found.len ? CRK_CHECK_PASS
			: CRK_CHECK_FAIL,
	    crk_cra__aprintf(a, "SECURITY.md files, security.txt files (parsed as RFC 9116: Contact and "
			  "Expires required, Expires not past), contact.vulnerability_reporting "
			  "and contact.single_point_of_contact in cra.yaml; found %zu SECURITY.md, "
			  "%zu security.txt",
		       f->nsecurity_md, f->nsecurity_txt),
	    nbad ? crk_cra__aprintf(a, "%zu security.txt file%s invalid or expired: fix %s", nbad,
			      nbad == 1 ? " is" : "s are", nbad == 1 ? "it" : "them")
	    : found.len ? crk_cra__aprintf(a, "security contact: %s", found.buf)
			: "no security contact: add SECURITY.md or .well-known/security.txt, and "
			  "contact.vulnerability_reporting in cra.yaml");
	crk_strbuf_release(&found);
	(void)nvalid;
	crk_cra__check_hits(run, CRK_CHK_CONTACT, bad, nbad);
}

static void check_policy(struct crk_checkrun *run, struct files *f)
{
	struct crk_arena *a = run->a;
	const char *url = run->m->contact.disclosure_policy_url, *txt_policy = NULL;
	size_t i;
	for (i = 0; i < f->nsecurity_txt && !txt_policy; i++)
		if (f->security_txt_parsed[i] && f->security_txt_parsed[i]->policy.n)
			txt_policy = f->security_txt_parsed[i]->policy.v[0];
	{
		const char *looked = "contact.disclosure_policy_url in cra.yaml, the Policy field of "
				     "security.txt files, SECURITY.md files (for words about "
				     "reporting and disclosure); URLs are not fetched";
		if (url || txt_policy)
			crk_cra__check_set(run, CRK_CHK_POLICY, CRK_CHECK_PASS, looked,
			    crk_cra__aprintf(a, "disclosure policy: %s", url ? url : txt_policy));
		else if (f->nsecurity_md && f->security_md_policy)
			crk_cra__check_set(run, CRK_CHK_POLICY, CRK_CHECK_WARN, looked,
			    crk_cra__aprintf(a, "%s speaks of reporting or disclosure; say where the policy "
					  "is in contact.disclosure_policy_url",
				       f->security_md[0]));
		else
			crk_cra__check_set(run, CRK_CHK_POLICY, CRK_CHECK_FAIL, looked,
			    "no coordinated vulnerability disclosure policy found: publish one and "
			    "set contact.disclosure_policy_url");
	}
}

/* The last day of a support.end given as a month, or the date itself. */
static int end_days(const char *s, int64_t *days)
{
	if (crk_cra_date_days(s, 0, days) == 0)
		return 0;
	if (crk_cra_date_days(s, 1, days) == 0) {
		/* the first of the next month, minus a day */
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int mo = (s[5] - '0') * 10 + (s[6] - '0');
		char next[32];
		snprintf(next, sizeof(next), "%04d-%02d-01", (mo == 12 ? y + 1 : y) % 10000,
			 (mo == 12 ? 1 : mo + 1) % 100);
		if (crk_cra_date_days(next, 0, days) == 0) {
			(*days)--;
			return 0;
		}
	}
	return -1;
}

static void check_support(struct crk_checkrun *run)
{
	struct crk_arena *a = run->a;
	const struct crk_cra_support *s = &run->m->support;
	const struct crk_cra_fact *min = crk_cra_fact("min_support_years");
	const char *from = s->start ? s->start : run->m->product.placed_on_market;
	const char *looked = "support.start (else product.placed_on_market), support.end and "
			     "support.justification in cra.yaml";
	int64_t start, end, years5;
	if (!s->end) {
		crk_cra__check_set(run, CRK_CHK_SUPPORT, CRK_CHECK_FAIL, looked,
		    "support.end is not set: the end of the support period must be stated, at least "
		    "month and year (Art. 13(19))");
		return;
	}
	end_days(s->end, &end);
	if (!from || crk_cra_date_days(from, 0, &start))
		start = run->o->today;
	/* five years from the start: the same day five years on (a leap day counts as 28 Feb) */
	{
		int64_t d;
		char buf[64];
		const char *f = from ? from : NULL;
		if (f) {
			snprintf(buf, sizeof(buf), "%04d%s", (f[0] - '0') * 1000 + (f[1] - '0') * 100 +
							       (f[2] - '0') * 10 + (f[3] - '0') +
							       (int)min->value,
				 f + 4);
			if (!strcmp(buf + 4, "-02-29"))
				memcpy(buf + 8, "28", 2);
			years5 = crk_cra_date_days(buf, 0, &d) == 0 ? d : start + 1826;
		} else {
			years5 = start + 1826;
		}
	}
	if (end < run->o->today) {
		crk_cra__check_set(run, CRK_CHK_SUPPORT, CRK_CHECK_FAIL, looked,
		    crk_cra__aprintf(a, "the support period ended on %s", s->end));
		return;
	}
	if (end + 1 < years5) {
		if (s->justification)
			crk_cra__check_set(run, CRK_CHK_SUPPORT, CRK_CHECK_PASS, looked,
			    crk_cra__aprintf(a, "%s to %s is under %lld years, justified: %s",
				       from ? from : "today", s->end, min->value, s->justification));
		else
			crk_cra__check_set(run, CRK_CHK_SUPPORT, CRK_CHECK_FAIL, looked,
			    crk_cra__aprintf(a, "%s to %s is under %lld years and support.justification is "
					  "empty: a shorter period must equal the expected time in "
					  "use (%s)",
				       from ? from : "today", s->end, min->value, min->article));
		return;
	}
	crk_cra__check_set(run, CRK_CHK_SUPPORT, CRK_CHECK_PASS, looked,
	    crk_cra__aprintf(a, "support from %s to %s: at least %lld years (%s)", from ? from : "today",
		       s->end, min->value, min->article));
}

static void check_creds(struct crk_checkrun *run, struct files *f)
{
	struct crk_arena *a = run->a;
	const char *looked = crk_cra__aprintf(
		a, "%zu configuration files of the project (*.conf, *.cfg, *.cnf, *.ini, *.yaml, "
		   "*.yml, *.json, *.toml, *.properties, *.env, *.xml, *.config, .env*, files "
		   "without extension under etc/, passwd and shadow; lockfiles, SBOMs and "
		   "cra.yaml excluded; node_modules, vendor, virtualenvs and test directories "
		   "skipped%s) for keys naming a password, secret or SNMP community set to one of "
		   "%zu well-known defaults (admin, password, 123456, root, changeme, public, "
		   "...), credentials in URLs, and accounts with an empty password field",
		f->config_files,
		f->config_skipped ? crk_cra__aprintf(a, "; %zu unreadable or over 1 MiB", f->config_skipped)
				  : "",
		sizeof(default_passwords) / sizeof(default_passwords[0]));
	if (f->ncred_total)
		crk_cra__check_set(run, CRK_CHK_CREDS, CRK_CHECK_FAIL, looked,
		    crk_cra__aprintf(a, "%zu default credential%s found: ship no default password (give "
				  "each device its own, or make the user set one at first use)",
			       f->ncred_total, f->ncred_total == 1 ? "" : "s"));
	else
		crk_cra__check_set(run, CRK_CHK_CREDS, f->config_files ? CRK_CHECK_PASS : CRK_CHECK_WARN, looked,
		    f->config_files ? "no default credential found"
				    : "no configuration file found to check");
	crk_cra__check_hits(run, CRK_CHK_CREDS, f->cred_hits, f->ncred_hits);
}

static void check_signed(struct crk_checkrun *run, struct files *f)
{
	struct crk_arena *a = run->a;
	const char *list[2 * MAX_LIST + 1];
	size_t i, n = 0;
	for (i = 0; i < f->nsigns; i++)
		list[n++] = f->signs[i];
	for (i = 0; i < f->nci_signing; i++)
		list[n++] = f->ci_signing[i];
	if (run->m->updates.signing)
		list[n++] = crk_cra__aprintf(a, "cra.yaml updates.signing: %s", run->m->updates.signing);
	crk_cra__check_set(run, CRK_CHK_SIGNED, n ? CRK_CHECK_PASS : CRK_CHECK_FAIL,
	    crk_cra__aprintf(a, "signature and checksum files (*.asc, *.sig, *.minisig, *.sigstore, "
			  "*.intoto.jsonl, *.sha256, SHA256SUMS, cosign.pub, ...), %zu CI and "
			  "release configuration file%s (GitHub workflows, .gitlab-ci.yml, "
			  "Jenkinsfile, .goreleaser.yml: cosign, gpg, minisign, sha256sum, "
			  "provenance), updates.signing in cra.yaml",
		       f->ci_files, f->ci_files == 1 ? "" : "s"),
	    n ? crk_cra__aprintf(a, "%zu sign%s of signing or checksumming found", n, n == 1 ? "" : "s")
	      : "no signature, checksum or signing step found: sign releases (sigstore, gpg, "
		"minisign) or publish checksums, and say how in updates.signing");
	crk_cra__check_hits(run, CRK_CHK_SIGNED, list, n);
}

static void check_manifest_answers(struct crk_checkrun *run, struct files *f)
{
	struct crk_arena *a = run->a;
	const struct crk_cra_manifest *m = run->m;
	const struct crk_cra_updates *u = &m->updates;
	size_t i, ok_tests = 0;
	/* separate security updates */
	if (u->separate_security_updates == CRK_YES)
		crk_cra__check_set(run, CRK_CHK_SEPARATE, CRK_CHECK_PASS, "updates.separate_security_updates",
		    "security updates can be installed apart from feature updates");
	else if (u->separate_security_updates == CRK_NO && u->separation_justification)
		crk_cra__check_set(run, CRK_CHK_SEPARATE, CRK_CHECK_PASS,
		    "updates.separate_security_updates, updates.separation_justification",
		    crk_cra__aprintf(a, "not technically feasible, justified: %s",
			       u->separation_justification));
	else if (u->separate_security_updates == CRK_NO)
		crk_cra__check_set(run, CRK_CHK_SEPARATE, CRK_CHECK_FAIL, "updates.separate_security_updates",
		    "security updates are not separate and updates.separation_justification does "
		    "not say why that is not technically feasible");
	else
		crk_cra__check_set(run, CRK_CHK_SEPARATE, CRK_CHECK_WARN, "updates.separate_security_updates",
		    "not answered");
	/* update mechanism */
	if (!u->mechanism)
		crk_cra__check_set(run, CRK_CHK_UPDATES, CRK_CHECK_FAIL, "updates.mechanism, updates.automatic",
		    "updates.mechanism is empty: say how security updates reach users");
	else if (u->automatic == CRK_UNSET)
		crk_cra__check_set(run, CRK_CHK_UPDATES, CRK_CHECK_WARN, "updates.mechanism, updates.automatic",
		    "the mechanism is described, but not whether security updates install "
		    "automatically by default (updates.automatic)");
	else if (u->automatic == CRK_YES && !u->opt_out)
		crk_cra__check_set(run, CRK_CHK_UPDATES, CRK_CHECK_WARN, "updates.mechanism, updates.automatic, "
						    "updates.opt_out",
		    "automatic updates need a clear and easy opt-out: updates.opt_out is empty");
	else
		crk_cra__check_set(run, CRK_CHK_UPDATES, CRK_CHECK_PASS, "updates.mechanism, updates.automatic, "
						    "updates.opt_out",
		    crk_cra__aprintf(a, "%s; automatic by default: %s", u->mechanism,
			       u->automatic == CRK_YES ? "yes" : "no"));
	/* free of charge */
	crk_cra__check_set(run, CRK_CHK_FREE,
	    u->free_of_charge == CRK_YES  ? CRK_CHECK_PASS
	    : u->free_of_charge == CRK_NO ? CRK_CHECK_FAIL
					  : CRK_CHECK_WARN,
	    "updates.free_of_charge",
	    u->free_of_charge == CRK_YES ? "security updates are free of charge"
	    : u->free_of_charge == CRK_NO
		    ? "security updates are not free of charge (allowed only as agreed for a "
		      "tailor-made product)"
		    : "not answered");
	/* advisories */
	{
		const char *csaf = NULL;
		for (i = 0; i < f->nsecurity_txt && !csaf; i++)
			if (f->security_txt_parsed[i] && f->security_txt_parsed[i]->csaf.n)
				csaf = f->security_txt_parsed[i]->csaf.v[0];
		if (m->contact.advisories_url || csaf || f->ncsaf)
			crk_cra__check_set(run, CRK_CHK_ADVISORIES, CRK_CHECK_PASS,
			    "contact.advisories_url, the CSAF field of security.txt, JSON files under "
			    "a csaf directory",
			    crk_cra__aprintf(a, "fixed vulnerabilities are published at %s",
				       m->contact.advisories_url ? m->contact.advisories_url
				       : csaf			 ? csaf
								 : f->csaf[0]));
		else
			crk_cra__check_set(run, CRK_CHK_ADVISORIES, CRK_CHECK_WARN,
			    "contact.advisories_url, the CSAF field of security.txt, JSON files under "
			    "a csaf directory",
			    "no place where fixed vulnerabilities are disclosed: set "
			    "contact.advisories_url (crakit advisory writes CSAF)");
	}
	/* tests */
	for (i = 0; i < m->ntests; i++)
		ok_tests += m->tests[i].path || m->tests[i].url;
	crk_cra__check_set(run, CRK_CHK_TESTS,
	    ok_tests	? CRK_CHECK_PASS
	    : m->ntests ? CRK_CHECK_WARN
			: CRK_CHECK_FAIL,
	    "tests in cra.yaml",
	    ok_tests ? crk_cra__aprintf(a, "%zu test report%s recorded", ok_tests, ok_tests == 1 ? "" : "s")
	    : m->ntests ? "tests are named but no report (path or url) is given"
			: "no security test recorded: list reports under tests");
	/* risk assessment */
	{
		const struct crk_cra_risk_assessment *r = &m->risk_assessment;
		int full = r->nassets && r->nthreats && r->nrisks && r->nmeasures && r->date;
		crk_cra__check_set(run, CRK_CHK_RISK,
		    full			       ? CRK_CHECK_PASS
		    : (r->nrisks || r->summary) ? CRK_CHECK_WARN
						 : CRK_CHECK_FAIL,
		    "risk_assessment in cra.yaml",
		    full ? crk_cra__aprintf(a, "%zu assets, %zu threats, %zu risks, %zu measures, dated %s",
				      r->nassets, r->nthreats, r->nrisks, r->nmeasures, r->date)
		    : (r->nrisks || r->summary)
			    ? "the risk assessment is incomplete: it needs assets, threats, risks, "
			      "measures and a date"
			    : "no risk assessment recorded (Art. 13(2): assess the cybersecurity risks "
			      "and document it)");
	}
}

static int check_evidence(struct crk_checkrun *run)
{
	struct crk_arena *a = run->a;
	const struct crk_cra_manifest *m = run->m;
	const char *dir = run->o->dir ? run->o->dir : ".";
	const char *bad[MAX_HITS];
	size_t i, j, total = 0, nbad = 0, nbad_total = 0;
	for (i = 0; i < CRK_CRA_NREQ; i++)
		for (j = 0; j < m->requirements[i].nevidence; j++) {
			const struct crk_cra_evidence *e = &m->requirements[i].evidence[j];
			char *p;
			int rc;
			struct crk_err e2;
			char *buf;
			size_t len;
			if (!e->path)
				continue;
			total++;
			if (e->path[0] == '/' || strstr(e->path, "..")) {
				rc = CRK_EINVAL;
			} else {
				if (!(p = crk_cra__aprintf(a, "%s/%s", dir, e->path)))
					return -1;
				rc = crk_read_file(p, 1, &buf, &len, &e2);
				if (rc == CRK_OK)
					crk_free(buf);
				if (rc == CRK_ELIMIT)
					rc = CRK_OK; /* it exists; we only wanted to know */
			}
			if (rc != CRK_OK) {
				run->missing_evidence[i]++;
				if (nbad < MAX_HITS &&
				    !(bad[nbad++] = crk_cra__aprintf(
					      a, "%s:%u: evidence of %s: %s %s", m->path, e->pos.line,
					      crk_cra_requirement_at(i)->id, e->path,
					      rc == CRK_EINVAL ? "leaves the project (absolute or ..)"
							       : "does not exist")))
					return -1;
				nbad_total++;
			}
		}
	crk_cra__check_set(run, CRK_CHK_EVIDENCE,
	    nbad_total ? CRK_CHECK_FAIL
	    : total	? CRK_CHECK_PASS
			: CRK_CHECK_WARN,
	    crk_cra__aprintf(a, "%zu evidence path%s under requirements in cra.yaml, relative to %s", total,
		       total == 1 ? "" : "s", dir),
	    nbad_total ? crk_cra__aprintf(a, "%zu evidence path%s missing", nbad_total,
				    nbad_total == 1 ? " is" : "s are")
	    : total    ? "every evidence path exists"
		       : "no evidence path recorded");
	return crk_cra__check_hits(run, CRK_CHK_EVIDENCE, bad, nbad);
}

const struct crk_cra_check *crk_cra__check(const struct crk_checkrun *run, const char *id)
{
	size_t i;
	for (i = 0; i < run->nchecks; i++)
		if (!strcmp(run->checks[i].id, id))
			return &run->checks[i];
	return NULL;
}

int crk_cra__run_checks(struct crk_checkrun *run, struct crk_err *err)
{
	struct files *f;
	struct wctx w;
	struct crk_walk_opts wo;
	struct crk_err werr;
	size_t i;
	int rc = CRK_OK;
	const char *dir = run->o->dir ? run->o->dir : ".";

	run->checks = crk_arena_array(run->a, CRK_CHK_N, sizeof(*run->checks));
	f = crk_arena_alloc(run->a, sizeof(*f));
	if (!run->checks || !f)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	run->nchecks = CRK_CHK_N;
	for (i = 0; i < CRK_CHK_N; i++) {
		run->checks[i].id = table[i].id;
		run->checks[i].title = table[i].title;
		run->checks[i].basis = table[i].basis;
		run->checks[i].looked_at = "";
		run->checks[i].detail = "";
	}
	memset(&w, 0, sizeof(w));
	memset(&wo, 0, sizeof(wo));
	w.run = run;
	w.f = f;
	crk_err_clear(&werr);
	if (crk_walk(dir, &wo, walk_cb, &w, NULL, NULL, &werr) != CRK_OK && !w.nomem) {
		/* an unreadable project is said by each check that needed it */
		f->entries = 0;
	}
	if (w.nomem) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	if ((rc = crk_cra__load_release(run, err)) != CRK_OK ||
	    (rc = crk_cra__check_sbom(run, f->nsboms ? f->sboms[0] : NULL, err)) != CRK_OK ||
	    (rc = crk_cra__check_findings(run, err)) != CRK_OK)
		goto out;
	check_contact(run, f);
	check_policy(run, f);
	check_support(run);
	check_creds(run, f);
	check_signed(run, f);
	check_manifest_answers(run, f);
	if (check_evidence(run)) {
		rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < CRK_CHK_N; i++)
		if (run->nomem || !run->checks[i].looked_at || !run->checks[i].detail) {
			rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
			goto out;
		}
out:
	crk_cra__vex_release(run);
	for (i = 0; i < f->nsecurity_txt; i++)
		crk_securitytxt_free(f->security_txt_parsed[i]);
	return rc;
}
