/*
 * xml.c - libxml2 read safely for the XML readers of src/formats and src/detect (see xml.h for
 * why each option is on or off).
 *
 * How the guard works: libxml2 hands every <!ENTITY ...> of the internal subset to the SAX
 * callback entityDecl (parameter entities too), before any reference to it can be expanded.
 * Our callback stops the parser there, so a "billion laughs" document costs one declaration,
 * and no entity (internal or external) ever exists. Errors go to the context's structured error
 * callback (libxml2 then neither prints nor touches the global handlers), which keeps the
 * first one; parsing is per context, so this is safe on several threads.
 */
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "formats/xml.h"
#include "base/banned.h"

struct xml_state {
	int have_error;
	int entity; /* an entity declaration stopped the parse */
	int oom;
	unsigned line, col;
	char msg[200];
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

static void keep_message(struct xml_state *st, const char *m)
{
	size_t n = 0, i;
	if (!m)
		m = "unknown error";
	for (i = 0; m[i] && n + 1 < sizeof(st->msg); i++) {
		char c = m[i];
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		st->msg[n++] = c;
	}
	while (n && st->msg[n - 1] == ' ')
		n--;
	st->msg[n] = '\0';
	/* libxml2 capitalises its messages; ours are lowercase (STYLE.md §3) */
	if (st->msg[0] >= 'A' && st->msg[0] <= 'Z' && !(st->msg[1] >= 'A' && st->msg[1] <= 'Z'))
		st->msg[0] = (char)(st->msg[0] - 'A' + 'a');
}

#if LIBXML_VERSION >= 21200
static void on_error(void *ud, const xmlError *e)
#else
static void on_error(void *ud, xmlErrorPtr e)
#endif
{
	xmlParserCtxtPtr ctxt = ud;
	struct xml_state *st = ctxt ? ctxt->_private : NULL;
	if (!st || !e || e->level == XML_ERR_WARNING || st->have_error)
		return;
	if (e->code == XML_ERR_NO_MEMORY)
		st->oom = 1;
	st->have_error = 1;
	st->line = e->line > 0 ? (unsigned)e->line : 0;
	st->col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	keep_message(st, e->message);
}

static void on_entity_decl(void *ud, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ud;
	struct xml_state *st = ctxt->_private;
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	if (st && !st->entity) {
		st->entity = 1;
		st->line = ctxt->input ? (unsigned)ctxt->input->line : 0;
		st->col = ctxt->input ? (unsigned)ctxt->input->col : 0;
		snprintf(st->msg, sizeof(st->msg), "entity '%.80s'", name ? (const char *)name : "");
	}
	xmlStopParser(ctxt);
}

static void on_unparsed_entity_decl(void *ud, const xmlChar *name, const xmlChar *publicId,
				    const xmlChar *systemId, const xmlChar *notationName)
{
	(void)notationName;
	on_entity_decl(ud, name, 0, publicId, systemId, NULL);
}

/* libxml2 reports some errors (encoding conversion, I/O) through its per-thread generic handler,
 * which prints to stderr by default: the library never prints, so it is silenced for the parse. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int crk_xml_read(xmlDocPtr *out, const char *buf, size_t len, const char *path,
		  struct crk_err *err)
{
	struct xml_state st;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	/* NOENT, DTDLOAD, DTDATTR, XINCLUDE and HUGE stay off: see xml.h */
	const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			    XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOXINCNODE;

	*out = NULL;
	if (len > (size_t)INT_MAX)
		return crk_err_set(err, CRK_ELIMIT, path, 0, 0, "larger than the XML parser takes");
	pthread_once(&xml_once, xml_init);
	xmlSetGenericErrorFunc(NULL, silent);
	memset(&st, 0, sizeof(st));
	ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		xmlFreeParserCtxt(ctxt);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	ctxt->_private = &st;
	ctxt->sax->serror = on_error;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, options);
	if (!st.have_error && !st.entity && (!doc || !ctxt->wellFormed)) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		if (e && e->code != XML_ERR_OK) {
			on_error(ctxt, e);
		} else {
			st.have_error = 1;
			keep_message(&st, "document is not well-formed");
		}
	}
	xmlFreeParserCtxt(ctxt);
	if (st.entity) {
		xmlFreeDoc(doc);
		return crk_err_set(err, CRK_EPARSE, path, st.line, st.col,
				   "%s: entity declarations are not accepted (the document could "
				   "expand without bound or read other files)", st.msg);
	}
	if (st.oom) {
		xmlFreeDoc(doc);
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	}
	if (st.have_error || !doc) {
		xmlFreeDoc(doc);
		return crk_err_set(err, CRK_EPARSE, path, st.line, st.col,
				   "not well-formed XML: %s", st.msg);
	}
	*out = doc;
	return CRK_OK;
}

int crk_xml_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

xmlNode *crk_xml_child(const xmlNode *n, const char *name)
{
	xmlNode *c;
	if (!n)
		return NULL;
	for (c = n->children; c; c = c->next)
		if (crk_xml_is(c, name))
			return c;
	return NULL;
}

xmlNode *crk_xml_next(const xmlNode *n, const char *name)
{
	xmlNode *c;
	if (!n)
		return NULL;
	for (c = n->next; c; c = c->next)
		if (crk_xml_is(c, name))
			return c;
	return NULL;
}

static int is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copies s[0..n) trimmed into the arena. */
static const char *dup_trimmed(struct crk_arena *a, const char *s, size_t n)
{
	while (n && is_xml_space(*s)) {
		s++;
		n--;
	}
	while (n && is_xml_space(s[n - 1]))
		n--;
	return crk_arena_strndup(a, s, n);
}

/* Text of the text/CDATA nodes in the list starting at `c` (trimmed unless `raw`). */
static const char *text_of2(struct crk_arena *a, const xmlNode *c, int raw);

static const char *text_of(struct crk_arena *a, const xmlNode *c)
{
	return text_of2(a, c, 0);
}

const char *crk_xml_text_raw(struct crk_arena *a, const xmlNode *n)
{
	return text_of2(a, n ? n->children : NULL, 1);
}

static const char *text_of2(struct crk_arena *a, const xmlNode *c, int raw)
{
	const xmlNode *only = NULL;
	struct crk_strbuf sb = CRK_STRBUF_INIT(CRK_MAX_STRING);
	const char *r;
	size_t count = 0;
	const xmlNode *k;
	for (k = c; k; k = k->next) {
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content) {
			only = k;
			count++;
		}
	}
	if (count == 0)
		return crk_arena_strndup(a, "", 0);
	if (count == 1) /* the common case: one text node */
		return raw ? crk_arena_strdup(a, (const char *)only->content)
			   : dup_trimmed(a, (const char *)only->content,
					 strlen((const char *)only->content));
	for (k = c; k; k = k->next)
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
			crk_strbuf_adds(&sb, (const char *)k->content);
	/* past CRK_MAX_STRING the text is cut, never overflowed: no SBOM value is that long */
	r = raw ? crk_arena_strndup(a, sb.buf, sb.len) : dup_trimmed(a, sb.buf, sb.len);
	crk_strbuf_release(&sb);
	return r;
}

const char *crk_xml_text(struct crk_arena *a, const xmlNode *n)
{
	return text_of(a, n ? n->children : NULL);
}

const char *crk_xml_child_text(struct crk_arena *a, const xmlNode *n, const char *name,
				int *oom)
{
	const xmlNode *c = crk_xml_child(n, name);
	const char *t;
	if (!c)
		return NULL;
	t = crk_xml_text(a, c);
	if (!t)
		*oom = 1;
	return t;
}

const char *crk_xml_attr(struct crk_arena *a, const xmlNode *n, const char *name, int *oom)
{
	const xmlAttr *at;
	const char *t;
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (at = n->properties; at; at = at->next) {
		if (at->ns || !at->name || strcmp((const char *)at->name, name) != 0)
			continue;
		t = text_of(a, at->children);
		if (!t)
			*oom = 1;
		return t;
	}
	return NULL;
}

unsigned crk_xml_line(const xmlNode *n)
{
	long l = n ? xmlGetLineNo((xmlNodePtr)n) : 0;
	return l > 0 && l <= (long)UINT_MAX ? (unsigned)l : 0;
}
