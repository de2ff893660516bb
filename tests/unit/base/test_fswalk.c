/* test_fswalk.c - the walk: name order, .git skipped, excludes, links never followed. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../test.h"

#include "base/fswalk.h"
#include "base/strbuf.h"

static char root[256];

static void touch(const char *rel)
{
	char p[512];
	int fd;
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	close(fd);
}

static void mkd(const char *rel)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static int setup(void **state)
{
	char p[512];
	(void)state;
	snprintf(root, sizeof(root), "/tmp/crakit-fswalk-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	mkd("b");
	mkd("a");
	mkd(".git");
	mkd("node_modules");
	mkd("skipme");
	touch("b/2.txt");
	touch("b/1.txt");
	touch("a/x");
	touch(".git/config");
	touch("node_modules/pkg.json");
	touch("skipme/secret");
	touch("top.lock");
	/* links: out of the root, and a loop */
	snprintf(p, sizeof(p), "%s/out", root);
	if (symlink("/etc", p))
		return -1;
	snprintf(p, sizeof(p), "%s/a/loop", root);
	if (symlink("..", p))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static int collect(void *ud, const struct crk_walk_entry *e)
{
	struct crk_strbuf *sb = ud;
	crk_strbuf_addf(sb, "%s%s ", e->relpath, e->type == CRK_WALK_DIR ? "/" : "");
	return 0;
}

static void test_fswalk__order_git_links_excludes(void **state)
{
	struct crk_strbuf sb = CRK_STRBUF_INIT(0);
	const char *ex[] = {"skipme"};
	struct crk_walk_opts o = {ex, 1, 0};
	struct crk_walk_stats st;
	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(crk_walk(root, &o, collect, &sb, NULL, &st, NULL), 0);
	assert_string_equal(sb.buf, "a/ a/x b/ b/1.txt b/2.txt node_modules/ "
				    "node_modules/pkg.json top.lock ");
	assert_int_equal(st.links, 2);
	crk_strbuf_release(&sb);
}

static int stop_at_b(void *ud, const struct crk_walk_entry *e)
{
	(void)ud;
	if (strcmp(e->relpath, "b") == 0)
		return CRK_WALK_SKIP;
	if (strcmp(e->relpath, "top.lock") == 0)
		return CRK_EPARSE;
	return 0;
}

static void test_fswalk__skip_and_stop(void **state)
{
	struct crk_err err;
	(void)state;
	assert_int_equal(crk_walk(root, NULL, stop_at_b, NULL, NULL, NULL, &err), CRK_EPARSE);
	assert_int_equal(crk_walk("/nonexistent/crakit", NULL, stop_at_b, NULL, NULL, NULL, &err),
			 CRK_ENOTFOUND);
	assert_string_equal(err.path, "/nonexistent/crakit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fswalk__order_git_links_excludes),
		cmocka_unit_test(test_fswalk__skip_and_stop),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
