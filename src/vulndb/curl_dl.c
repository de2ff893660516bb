/*
 * curl_dl.c - libcurl by dlopen (see curl_dl.h).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "vulndb/curl_dl.h"
#include "base/banned.h"

static struct crk_curl api;
static const struct crk_curl *loaded;
static char failed[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {
#define SYM(field, name) {name, offsetof(struct crk_curl, field)}
		SYM(global_init, "curl_global_init"),
		SYM(global_cleanup, "curl_global_cleanup"),
		SYM(easy_init, "curl_easy_init"),
		SYM(easy_setopt, "curl_easy_setopt"),
		SYM(easy_perform, "curl_easy_perform"),
		SYM(easy_getinfo, "curl_easy_getinfo"),
		SYM(easy_cleanup, "curl_easy_cleanup"),
		SYM(easy_strerror, "curl_easy_strerror"),
		SYM(easy_escape, "curl_easy_escape"),
		SYM(free, "curl_free"),
		SYM(slist_append, "curl_slist_append"),
		SYM(slist_free_all, "curl_slist_free_all"),
#undef SYM
	};
	/* kept loaded for the life of the process: libcurl's global state lives in it */
	void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	size_t i;
	if (!h) {
		snprintf(failed, sizeof(failed), "%s", dlerror());
		return;
	}
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *f = dlsym(h, syms[i].name);
		if (!f) {
			snprintf(failed, sizeof(failed), "libcurl.so.4 lacks %s", syms[i].name);
			return;
		}
		/* POSIX: a function's address from dlsym() is used through a function pointer */
		memcpy((char *)&api + syms[i].off, &f, sizeof(f));
	}
	loaded = &api;
}

const struct crk_curl *crk_curl_load(char *why, size_t whylen)
{
	pthread_once(&once, load);
	if (!loaded && why && whylen)
		snprintf(why, whylen, "%s", failed);
	return loaded;
}
