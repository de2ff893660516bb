/* progress.c - see progress.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/banned.h"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void crk_progress_init(struct crk_progress *p, int quiet)
{
	const char *term = getenv("TERM");
	p->enabled = !quiet && isatty(2) && !(term && !*term);
	p->last_ms = 0;
	p->drawn = 0;
}

void crk_progress_update(struct crk_progress *p, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int64_t t;
	if (!p->enabled)
		return;
	t = now_ms();
	if (p->drawn && t - p->last_ms < 100)
		return;
	p->last_ms = t;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
	p->drawn = 1;
}

void crk_progress_done(struct crk_progress *p)
{
	if (p->enabled && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = 0;
}

int crk_use_color(int fd)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(fd);
}
