/*
 * vex_store.c - VEX decisions in the store (include/crakit/vex.h, crk_vex_store_*; schema
 * src/store/sql/sqlite/0010-vex.sql). Plain SQL through crakit/store.h, so any backend serves.
 */
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/strbuf.h"
#include "crakit/store.h"
#include "crakit/vex.h"
#include "base/banned.h"

#define MAX_ALIASES 64

static int bind_opt(struct crk_stmt *q, int i, const char *v)
{
	return v ? crk_stmt_bind_text(q, i, v, (size_t)-1) : crk_stmt_bind_null(q, i);
}

int crk_vex_store_add(struct crk_store *s, const struct crk_vex_stmt *st, int64_t *id,
		      struct crk_err *err)
{
	struct crk_vex_set *check;
	struct crk_strbuf al = CRK_STRBUF_INIT(0);
	struct crk_stmt *q;
	size_t i;
	int rc;

	if (!st->author || !*st->author)
		return crk_err_set(err, CRK_EINVAL, NULL, 0, 0, "a VEX statement needs an author");
	/* the checks of a set (status, justification, impact) before anything is written */
	check = crk_vex_set_new();
	if (!check)
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	rc = crk_vex_set_add(check, st, err);
	crk_vex_set_free(check);
	if (rc)
		return rc;
	for (i = 0; i < st->naliases; i++) {
		if (strchr(st->aliases[i], '\n'))
			continue;
		crk_strbuf_adds(&al, i ? "\n" : "");
		crk_strbuf_adds(&al, st->aliases[i]);
	}
	if (!crk_strbuf_ok(&al)) {
		crk_strbuf_release(&al);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	rc = crk_store_prepare(s, &q,
			       "INSERT INTO vex_statement (vuln, aliases, subject, product, status, "
			       "justification, impact, action, note, author, created, origin) "
			       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       err);
	if (rc) {
		crk_strbuf_release(&al);
		return rc;
	}
	if (crk_stmt_bind_text(q, 1, st->vuln, (size_t)-1) ||
	    crk_stmt_bind_text(q, 2, al.buf, al.len) ||
	    crk_stmt_bind_text(q, 3, st->subject, (size_t)-1) || bind_opt(q, 4, st->product) ||
	    crk_stmt_bind_text(q, 5, crk_vex_status_str(st->status), (size_t)-1) ||
	    bind_opt(q, 6, st->justification ? crk_vex_justification_str(st->justification)
					      : NULL) ||
	    bind_opt(q, 7, st->impact) || bind_opt(q, 8, st->action) || bind_opt(q, 9, st->note) ||
	    crk_stmt_bind_text(q, 10, st->author, (size_t)-1) ||
	    crk_stmt_bind_int64(q, 11, st->time) ||
	    crk_stmt_bind_text(q, 12, st->origin ? st->origin : "cli", (size_t)-1)) {
		crk_stmt_reset(q);
		crk_strbuf_release(&al);
		return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory binding a statement");
	}
	rc = crk_stmt_step(q, err);
	crk_stmt_reset(q);
	crk_strbuf_release(&al);
	if (rc < 0)
		return rc;
	if (id)
		*id = crk_store_last_insert_id(s);
	return CRK_OK;
}

static const char *col(struct crk_stmt *q, int c)
{
	size_t n;
	return crk_stmt_text(q, c, &n);
}

/* The statement names `vuln` (NULL: any). */
static int names(const struct crk_vex_stmt *st, const char *vuln)
{
	size_t i;
	if (!vuln || (st->vuln && !strcasecmp(st->vuln, vuln)))
		return 1;
	for (i = 0; i < st->naliases; i++)
		if (!strcasecmp(st->aliases[i], vuln))
			return 1;
	return 0;
}

int crk_vex_store_load(struct crk_store *s, struct crk_vex_set *set, const char *vuln,
		       struct crk_err *err)
{
	struct crk_stmt *q;
	int rc;
	rc = crk_store_prepare(s, &q,
			       "SELECT id, vuln, aliases, subject, product, status, justification, "
			       "impact, action, note, author, created, origin FROM vex_statement "
			       "ORDER BY created, id",
			       err);
	if (rc)
		return rc;
	while ((rc = crk_stmt_step(q, err)) == 1) {
		struct crk_vex_stmt st;
		const char *aliases[MAX_ALIASES];
		char *albuf = NULL;
		const char *a = col(q, 2);
		memset(&st, 0, sizeof(st));
		if (a && *a) {
			char *p;
			albuf = crk_strdup(a);
			if (!albuf) {
				rc = crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
				break;
			}
			for (p = albuf; p && st.naliases < MAX_ALIASES;) {
				char *nl = strchr(p, '\n');
				if (nl)
					*nl = 0;
				if (*p)
					aliases[st.naliases++] = p;
				p = nl ? nl + 1 : NULL;
			}
			st.aliases = aliases;
		}
		st.id = crk_stmt_int64(q, 0);
		st.vuln = col(q, 1);
		st.subject = col(q, 3);
		st.product = col(q, 4);
		st.status = crk_vex_status_parse(col(q, 5));
		st.justification = crk_vex_justification_parse(col(q, 6));
		st.impact = col(q, 7);
		st.action = col(q, 8);
		st.note = col(q, 9);
		st.author = col(q, 10);
		st.time = crk_stmt_int64(q, 11);
		st.origin = "store";
		rc = names(&st, vuln) ? crk_vex_set_add(set, &st, err) : CRK_OK;
		crk_free(albuf);
		if (rc)
			break;
	}
	crk_stmt_reset(q);
	return rc < 0 ? rc : CRK_OK;
}
