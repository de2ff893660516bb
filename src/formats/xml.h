/*
 * xml.h - libxml2, read safely, for the XML formats of src/formats (cdx_xml.c: CycloneDX XML)
 * and the detectors of XML files (src/detect/maven_pom.c, gradle.c, nuget_csproj.c,
 * nuget_config.c).
 *
 * The document is hostile (DESIGN.md §8), so it is read with libxml2's safe defaults and
 * nothing more: no entity substitution (XML_PARSE_NOENT off), no DTD loading or default
 * attributes (XML_PARSE_DTDLOAD / DTDATTR off), no network (XML_PARSE_NONET), no XInclude, and
 * libxml2's own caps kept (XML_PARSE_HUGE off: nesting 256, text nodes 10 MB). On top of that an
 * entity declaration in the internal subset stops the parse: no SBOM, pom.xml, Gradle metadata
 * or MSBuild project has a use for one, and refusing them is the simplest complete answer to
 * "billion laughs" and external-entity tricks. libxml2 never prints: its errors are collected and the
 * first one becomes "path:line:col: not well-formed XML: ...".
 */
#ifndef CRK_FORMATS_XML_H
#define CRK_FORMATS_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "crakit/err.h"

/* Parses buf[0..len) (`path` names it in errors). On success *out is the document; the caller
 * frees it with xmlFreeDoc(). CRK_EPARSE (err = path:line:col and what is wrong), CRK_ELIMIT
 * (larger than libxml2 takes), CRK_ENOMEM. Thread-safe. */
int crk_xml_read(xmlDocPtr *out, const char *buf, size_t len, const char *path,
		  struct crk_err *err);

/* 1 when `n` is an element whose local name (namespace ignored) is `name`. */
int crk_xml_is(const xmlNode *n, const char *name);
/* The first child element named `name`, or NULL. */
xmlNode *crk_xml_child(const xmlNode *n, const char *name);
/* The next sibling element named `name` after `n` (NULL: none). */
xmlNode *crk_xml_next(const xmlNode *n, const char *name);
/* Text content of `n` (its text and CDATA children, not deeper), trimmed of XML white space,
 * copied into `a`; "" when there is none, NULL on ENOMEM. */
const char *crk_xml_text(struct crk_arena *a, const xmlNode *n);
/* The same without trimming (xs:string and xs:normalizedString values keep their spaces). */
const char *crk_xml_text_raw(struct crk_arena *a, const xmlNode *n);
/* crk_xml_text of the first child `name`, or NULL when there is no such child (or ENOMEM:
 * *oom is set then). */
const char *crk_xml_child_text(struct crk_arena *a, const xmlNode *n, const char *name,
				int *oom);
/* Value of the attribute `name` (no namespace), copied into `a`; NULL when absent (or ENOMEM:
 * *oom is set then). */
const char *crk_xml_attr(struct crk_arena *a, const xmlNode *n, const char *name, int *oom);
/* 1-based line of the element's start tag (0 unknown). */
unsigned crk_xml_line(const xmlNode *n);

#endif
