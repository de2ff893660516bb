/*
 * progress.h - a one-line progress display on stderr, shown only when stderr is a terminal
 * (DESIGN.md §9), redrawn at most ten times a second, erased when done.
 */
#ifndef CRK_BASE_PROGRESS_H
#define CRK_BASE_PROGRESS_H

#include <stdint.h>

struct crk_progress {
	int enabled;
	int64_t last_ms;
	int drawn;
};

/* Enabled when stderr is a TTY and `quiet` is 0. */
void crk_progress_init(struct crk_progress *p, int quiet);
/* Draws "label: text" if enough time passed since the last draw. */
void crk_progress_update(struct crk_progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Erases the line. */
void crk_progress_done(struct crk_progress *p);
/* 1 when colour may be used on `fd`: a TTY and NO_COLOR unset or empty (no-color.org). */
int crk_use_color(int fd);

#endif
