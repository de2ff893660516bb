/*
 * curl_dl.h - libcurl, loaded when `crakit db update` first needs it (dlopen), not at every
 * start: linked, libcurl and the two dozen libraries it pulls in (GnuTLS, Kerberos, LDAP,
 * nghttp2, ...) cost every crakit command ~15 ms of dynamic loading, as much as scanning a
 * small project. systemd loads its optional libraries the same way. The headers are libcurl's
 * own (pkg-config --cflags libcurl); only the symbols are looked up at run time.
 */
#ifndef CRAKIT_VULNDB_CURL_DL_H
#define CRAKIT_VULNDB_CURL_DL_H

#include <stddef.h>

#define CURL_DISABLE_TYPECHECK 1 /* the type-checking macros would hide the table's calls */
#include <curl/curl.h>

struct crk_curl {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *c);
	const char *(*easy_strerror)(CURLcode code);
	char *(*easy_escape)(CURL *c, const char *s, int len);
	void (*free)(void *p);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
};

/* The library, loaded once (thread-safe); NULL with `why` (dlerror's text) when libcurl.so.4
 * or one of its symbols is missing. */
const struct crk_curl *crk_curl_load(char *why, size_t whylen);

#endif
