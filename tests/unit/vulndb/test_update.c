/*
 * test_update.c - `crakit db update` (src/vulndb/update.c) without the network: the request
 * decisions (conditional headers, resume, what each response means) as pure functions, then
 * whole updates against a tiny HTTP server run by this test on 127.0.0.1 (an ephemeral port,
 * listening before the client starts: no sleeps) and against file:// URLs. The server records
 * each request, so the tests check the headers crakit sent: If-None-Match and If-Modified-Since
 * from the stored validators, Range and If-Range when resuming.
 */
#include "../test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/limits.h"
#include "crakit/store.h"
#include "crakit/vulndb.h"
#include "vulndb/update_impl.h"

/* ---- the pure parts ---- */

static void test_update__plan(void **state)
{
	struct crk_update_state st;
	struct crk_update_plan p;
	(void)state;
	memset(&st, 0, sizeof(st));
	crk_update__plan(&st, &p);
	assert_int_equal(p.resume_from, 0);
	assert_string_equal(p.if_none_match, "");
	assert_int_equal(p.if_modified_since, 0);
	/* validators of the last import become a conditional request */
	snprintf(st.etag, sizeof(st.etag), "\"v1\"");
	st.filetime = 1700000000;
	crk_update__plan(&st, &p);
	assert_string_equal(p.if_none_match, "\"v1\"");
	assert_int_equal(p.if_modified_since, 1700000000);
	/* a partial file with its validator is resumed, guarded by If-Range */
	st.part_size = 1234;
	snprintf(st.part_etag, sizeof(st.part_etag), "\"v2\"");
	crk_update__plan(&st, &p);
	assert_int_equal(p.resume_from, 1234);
	assert_string_equal(p.if_range, "\"v2\"");
	assert_string_equal(p.if_none_match, ""); /* a range request is not conditional */
	/* without a validator the partial file cannot be trusted: start over */
	st.part_etag[0] = '\0';
	st.part_time = 0;
	crk_update__plan(&st, &p);
	assert_int_equal(p.resume_from, 0);
	assert_int_equal(p.truncate_part, 1);
	st.part_time = 1700000001;
	crk_update__plan(&st, &p);
	assert_int_equal(p.resume_from, 1234);
	assert_int_equal(p.if_range_time, 1700000001);
}

static void test_update__outcome(void **state)
{
	struct crk_update_plan whole, range;
	(void)state;
	memset(&whole, 0, sizeof(whole));
	memset(&range, 0, sizeof(range));
	range.resume_from = 10;
	assert_int_equal(crk_update__outcome(&whole, 200, 0), CRK_UPDATE_FULL);
	assert_int_equal(crk_update__outcome(&whole, 304, 0), CRK_UPDATE_NOT_MODIFIED);
	assert_int_equal(crk_update__outcome(&whole, 0, 1), CRK_UPDATE_NOT_MODIFIED); /* file:// */
	assert_int_equal(crk_update__outcome(&whole, 0, 0), CRK_UPDATE_FULL);
	assert_int_equal(crk_update__outcome(&whole, 206, 0), CRK_UPDATE_FAILED);
	assert_int_equal(crk_update__outcome(&whole, 404, 0), CRK_UPDATE_FAILED);
	assert_int_equal(crk_update__outcome(&whole, 500, 0), CRK_UPDATE_FAILED);
	assert_int_equal(crk_update__outcome(&range, 206, 0), CRK_UPDATE_RESUMED);
	assert_int_equal(crk_update__outcome(&range, 200, 0), CRK_UPDATE_RESTARTED);
	assert_int_equal(crk_update__outcome(&range, 416, 0), CRK_UPDATE_RESTART_NEEDED);
	assert_int_equal(crk_update__outcome(&whole, 416, 0), CRK_UPDATE_FAILED);
}

static void test_update__header_value(void **state)
{
	char v[16];
	static const char h1[] = "ETag: \"abc\"\r\n";
	static const char h2[] = "etag:\t W/\"x\" \r\n";
	static const char h3[] = "ETagX: y\r\n";
	static const char h4[] = "ETag: \"0123456789abcdefgh\"\r\n";
	(void)state;
	assert_int_equal(crk_update__header_value(h1, strlen(h1), "ETag", v, sizeof(v)), 1);
	assert_string_equal(v, "\"abc\"");
	assert_int_equal(crk_update__header_value(h2, strlen(h2), "ETag", v, sizeof(v)), 1);
	assert_string_equal(v, "W/\"x\"");
	assert_int_equal(crk_update__header_value(h3, strlen(h3), "ETag", v, sizeof(v)), 0);
	assert_int_equal(crk_update__header_value(h4, strlen(h4), "ETag", v, sizeof(v)), 0);
}

/* ---- a scripted HTTP server ---- */

struct resp {
	const char *status;  /* "200 OK" */
	const char *headers; /* extra header lines, each ending "\r\n" */
	const char *body;
	size_t len;
	char request[4096]; /* what the client sent */
};

struct server {
	int fd, port, n, served;
	struct resp *r;
	pthread_t th;
};

static void *serve(void *p)
{
	struct server *sv = p;
	while (sv->served < sv->n) {
		struct resp *r = &sv->r[sv->served];
		size_t got = 0;
		char head[512];
		int c = accept(sv->fd, NULL, NULL);
		if (c < 0)
			break;
		while (got + 1 < sizeof(r->request)) {
			ssize_t k = read(c, r->request + got, sizeof(r->request) - 1 - got);
			if (k <= 0)
				break;
			got += (size_t)k;
			r->request[got] = '\0';
			if (strstr(r->request, "\r\n\r\n"))
				break;
		}
		snprintf(head, sizeof(head),
			 "HTTP/1.1 %s\r\n%sContent-Length: %zu\r\nConnection: close\r\n\r\n",
			 r->status, r->headers ? r->headers : "", r->len);
		if (write(c, head, strlen(head)) >= 0 && r->len) /* the client may hang up */
			(void)!write(c, r->body, r->len);
		close(c);
		sv->served++;
	}
	return NULL;
}

static void server_start(struct server *sv, struct resp *r, int n)
{
	struct sockaddr_in a;
	socklen_t al = sizeof(a);
	memset(sv, 0, sizeof(*sv));
	sv->r = r;
	sv->n = n;
	sv->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(sv->fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(sv->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(sv->fd, 8), 0);
	assert_int_equal(getsockname(sv->fd, (struct sockaddr *)&a, &al), 0);
	sv->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&sv->th, NULL, serve, sv), 0);
}

static int server_stop(struct server *sv)
{
	shutdown(sv->fd, SHUT_RDWR); /* wakes accept() if the client asked for less */
	pthread_join(sv->th, NULL);
	close(sv->fd);
	return sv->served;
}

static char tmpdir[256];
static char *zip, *bad;
static size_t ziplen, badlen;

static int setup(void **state)
{
	struct crk_err err;
	(void)state;
	setenv("no_proxy", "127.0.0.1,localhost", 1);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/crakit-test-update-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	if (crk_read_file(test_data("osv/osv-pypi.zip"), CRK_MAX_FILE_SIZE, &zip, &ziplen, &err) ||
	    crk_read_file(test_data("osv/corrupt.zip"), CRK_MAX_FILE_SIZE, &bad, &badlen, &err))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	crk_free(zip);
	crk_free(bad);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct crk_store *store(const char *name)
{
	char path[512];
	struct crk_store *s = NULL;
	struct crk_err err;
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	assert_int_equal(crk_store_open(&s, path, CRK_STORE_CREATE, &err), CRK_OK);
	return s;
}

static void opts_for(struct crk_vulndb_update_opts *o, char *base, size_t n, int port)
{
	static const char *const ecos[] = {"PyPI"};
	memset(o, 0, sizeof(*o));
	snprintf(base, n, "http://127.0.0.1:%d/osv", port);
	o->ecosystems = ecos;
	o->necosystems = 1;
	o->no_kev = o->no_epss = 1;
	o->osv_base = base;
	o->import.flags = CRK_VULNDB_QUIET;
	o->import.now = 4070908800;
}

static size_t count_pypi(struct crk_store *s)
{
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_vuln_affected *v;
	size_t n;
	struct crk_err err;
	assert_int_equal(crk_vulndb_affected(s, "PyPI", NULL, "zope-example-lib", 0, &a, &v, &n,
					     &err),
			 CRK_OK);
	crk_arena_release(&a);
	return n;
}

static void test_update__conditional(void **state)
{
	struct crk_store *s = store("cond.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	struct server sv;
	char base[128];
	struct resp r[2] = {
		{"200 OK", "ETag: \"v1\"\r\nLast-Modified: Tue, 14 Nov 2023 22:13:20 GMT\r\n", NULL, 0,
		 ""},
		{"304 Not Modified", "ETag: \"v1\"\r\n", NULL, 0, ""},
	};
	(void)state;
	r[0].body = zip;
	r[0].len = ziplen;
	server_start(&sv, r, 2);
	opts_for(&o, base, sizeof(base), sv.port);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.fetched, 1);
	assert_int_equal(st.import.osv_inserted, 2);
	assert_int_equal(count_pypi(s), 2);
	assert_non_null(strstr(r[0].request, "GET /osv/PyPI/all.zip HTTP/1.1\r\n"));
	assert_null(strstr(r[0].request, "If-None-Match"));
	assert_null(strstr(r[0].request, "If-Modified-Since"));
	/* the second run asks conditionally with what the first one stored */
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(server_stop(&sv), 2);
	assert_int_equal(st.fetched, 0);
	assert_int_equal(st.not_modified, 1);
	assert_non_null(strstr(r[1].request, "If-None-Match: \"v1\"\r\n"));
	assert_non_null(strstr(r[1].request, "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT\r\n"));
	crk_store_close(s);
}

static void test_update__resume(void **state)
{
	struct crk_store *s = store("resume.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	struct server sv;
	char base[128], path[512], cr[128], expect[64];
	struct resp r[1] = {{"206 Partial Content", NULL, NULL, 0, ""}};
	size_t half = ziplen / 2;
	FILE *f;
	struct stat sb;
	(void)state;
	/* a download broken off halfway, with the ETag it started with */
	snprintf(path, sizeof(path), "%s/crakit-downloads", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/crakit-downloads/osv-PyPI.zip.part", tmpdir);
	f = fopen(path, "wb");
	assert_int_equal(fwrite(zip, 1, half, f), half);
	fclose(f);
	snprintf(path, sizeof(path), "%s/crakit-downloads/osv-PyPI.zip.part.v", tmpdir);
	f = fopen(path, "w");
	fputs("\"v7\"\n0\n", f);
	fclose(f);
	snprintf(cr, sizeof(cr), "ETag: \"v7\"\r\nContent-Range: bytes %zu-%zu/%zu\r\n", half,
		 ziplen - 1, ziplen);
	r[0].headers = cr;
	r[0].body = zip + half;
	r[0].len = ziplen - half;
	server_start(&sv, r, 1);
	opts_for(&o, base, sizeof(base), sv.port);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(server_stop(&sv), 1);
	snprintf(expect, sizeof(expect), "Range: bytes=%zu-\r\n", half);
	assert_non_null(strstr(r[0].request, expect));
	assert_non_null(strstr(r[0].request, "If-Range: \"v7\"\r\n"));
	assert_int_equal(st.import.osv_inserted, 2);
	assert_int_equal(count_pypi(s), 2);
	/* the completed file and the partial one are gone */
	assert_int_equal(stat(path, &sb), -1);
	snprintf(path, sizeof(path), "%s/crakit-downloads/osv-PyPI.zip", tmpdir);
	assert_int_equal(stat(path, &sb), -1);
	crk_store_close(s);
}

/* A server that answers a range request with the whole file (200): libcurl stops that
 * transfer (CURLE_RANGE_ERROR), and crakit drops the partial file and asks once more, whole. */
static void test_update__range_ignored(void **state)
{
	struct crk_store *s = store("ignored.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	struct server sv;
	char base[128], path[512];
	struct resp r[2] = {{"200 OK", "ETag: \"v8\"\r\n", NULL, 0, ""},
			    {"200 OK", "ETag: \"v8\"\r\n", NULL, 0, ""}};
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s/crakit-downloads/osv-PyPI.zip.part", tmpdir);
	f = fopen(path, "wb");
	fputs("garbage that must not end up in front of the zip", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/crakit-downloads/osv-PyPI.zip.part.v", tmpdir);
	f = fopen(path, "w");
	fputs("\"old\"\n0\n", f);
	fclose(f);
	r[0].body = r[1].body = zip;
	r[0].len = r[1].len = ziplen;
	server_start(&sv, r, 2);
	opts_for(&o, base, sizeof(base), sv.port);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(server_stop(&sv), 2);
	assert_non_null(strstr(r[0].request, "If-Range: \"old\"\r\n"));
	assert_non_null(strstr(r[0].request, "Range: bytes=48-\r\n"));
	assert_null(strstr(r[1].request, "Range:"));
	assert_int_equal(st.import.osv_inserted, 2);
	crk_store_close(s);
}

/* A damaged download is refused before commit; its validators are not kept. */
static void test_update__verify(void **state)
{
	struct crk_store *s = store("verify.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	struct server sv;
	char base[128];
	struct resp r[3] = {
		{"200 OK", "ETag: \"bad\"\r\n", NULL, 0, ""},
		{"200 OK", "ETag: \"good\"\r\n", NULL, 0, ""},
		{"404 Not Found", NULL, "no such ecosystem", 17, ""},
	};
	static const char *const nope[] = {"Nope"};
	(void)state;
	r[0].body = bad;
	r[0].len = badlen;
	r[1].body = zip;
	r[1].len = ziplen;
	server_start(&sv, r, 3);
	opts_for(&o, base, sizeof(base), sv.port);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_EPARSE);
	assert_non_null(strstr(err.msg, "corrupt zip member"));
	assert_int_equal(count_pypi(s), 0);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_null(strstr(r[1].request, "If-None-Match")); /* "bad" was never stored */
	assert_int_equal(count_pypi(s), 2);
	o.ecosystems = nope;
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_EIO);
	assert_non_null(strstr(err.msg, "HTTP 404"));
	assert_int_equal(server_stop(&sv), 3);
	crk_store_close(s);
}

static void test_update__cap_and_defaults(void **state)
{
	struct crk_store *s = store("cap.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	struct server sv;
	char base[128];
	struct resp r[1] = {{"200 OK", NULL, NULL, 0, ""}};
	(void)state;
	/* an empty store and no --ecosystem: say so */
	memset(&o, 0, sizeof(o));
	o.no_kev = o.no_epss = 1;
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_EINVAL);
	assert_non_null(strstr(err.hint, "--ecosystem"));
	r[0].body = zip;
	r[0].len = ziplen;
	server_start(&sv, r, 1);
	opts_for(&o, base, sizeof(base), sv.port);
	o.max_bytes = 100;
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_ELIMIT);
	assert_non_null(strstr(err.msg, "larger than 100 bytes"));
	server_stop(&sv);
	crk_store_close(s);
}

/* KEV and EPSS from file:// URLs; the file's time makes the second run a no-op; the default
 * ecosystems are those in the store. */
static void test_update__file_urls(void **state)
{
	struct crk_store *s = store("file.db");
	struct crk_vulndb_update_opts o;
	struct crk_vulndb_update_stats st;
	struct crk_err err;
	char kev[8192], epss[8192], cwd[1024], osv[4200];
	struct crk_arena a = CRK_ARENA_INIT;
	struct crk_kev_entry k;
	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	if (test_data("")[0] == '/') /* CRAKIT_TESTDATA may be absolute */
		cwd[0] = '\0';
	snprintf(kev, sizeof(kev), "file://%s/%s", cwd, test_data("kev/kev-small.json"));
	snprintf(epss, sizeof(epss), "file://%s/%s", cwd, test_data("epss/epss-small.csv.gz"));
	memset(&o, 0, sizeof(o));
	o.no_osv = 1;
	o.kev_url = kev;
	o.epss_url = epss;
	o.import.flags = CRK_VULNDB_QUIET;
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.fetched, 2);
	assert_int_equal(st.import.kev_entries, 2);
	assert_int_equal(st.import.epss_scores, 3);
	assert_int_equal(crk_vulndb_kev(s, "CVE-2021-44228", &a, &k, &err), 1);
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_OK);
	assert_int_equal(st.fetched, 0);
	assert_int_equal(st.not_modified, 2);
	/* the ecosystems in the store are the default */
	{
		const char *paths[1];
		char *p = crk_strdup(test_data("osv/array.json"));
		paths[0] = p;
		assert_int_equal(crk_vulndb_import(s, paths, 1, NULL, NULL, NULL, &err), CRK_OK);
		crk_free(p);
	}
	snprintf(osv, sizeof(osv), "file://%s/nonexistent", tmpdir);
	memset(&o, 0, sizeof(o));
	o.no_kev = o.no_epss = 1;
	o.osv_base = osv;
	o.import.flags = CRK_VULNDB_QUIET;
	assert_int_equal(crk_vulndb_update(s, &o, &st, NULL, &err), CRK_EIO);
	assert_non_null(strstr(err.path, "/nonexistent/Go/all.zip")); /* Go first, crates.io next */
	crk_arena_release(&a);
	crk_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_update__plan),
		cmocka_unit_test(test_update__outcome),
		cmocka_unit_test(test_update__header_value),
		cmocka_unit_test(test_update__conditional),
		cmocka_unit_test(test_update__resume),
		cmocka_unit_test(test_update__range_ignored),
		cmocka_unit_test(test_update__verify),
		cmocka_unit_test(test_update__cap_and_defaults),
		cmocka_unit_test(test_update__file_urls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
