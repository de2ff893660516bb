/*
 * gobinary.h - the parts of gobinary.c a unit test calls directly (not API).
 */
#ifndef CRK_DETECT_GOBINARY_H
#define CRK_DETECT_GOBINARY_H

#include <stddef.h>

#include "base/arena.h"

/*
 * The main module's version stamped by the linker flag `-X <pkg>.version=<v>`, read from the
 * value of the "-ldflags" build setting (`ldflags`, NUL-terminated) of the module `main_path`
 * (`pn` bytes), the way trivy reads it (see gobinary.c). *out is an arena string, or NULL when
 * no flag names a version, the versions found disagree, or the flags do not split.
 * Returns CRK_OK or CRK_ENOMEM.
 */
int crk__go_ldflags_version(struct crk_arena *a, const char *main_path, size_t pn,
			    const char *ldflags, const char **out);

#endif
