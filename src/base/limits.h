/*
 * limits.h - every cap a parser of untrusted input applies (DESIGN.md §8, STYLE.md §5).
 * A parser never trusts a length or a count it reads; it checks against these.
 */
#ifndef CRK_BASE_LIMITS_H
#define CRK_BASE_LIMITS_H

#define CRK_MAX_FILE_SIZE ((size_t)256 << 20)   /* one lockfile, manifest or SBOM read whole */
#define CRK_MAX_DEPTH 256                       /* nesting of JSON/YAML/TOML values */
#define CRK_MAX_STRING ((size_t)1 << 20)        /* one string value */
#define CRK_MAX_COMPONENTS ((size_t)4 << 20)    /* components in one BOM */
#define CRK_MAX_DEPS_PER_COMPONENT ((size_t)1 << 16)
#define CRK_MAX_INCLUDES 64                     /* requirements -r/-c chain, parent poms */
#define CRK_MAX_WALK_DEPTH 128                  /* directory nesting */
#define CRK_MAX_PATH 4096
#define CRK_MAX_DIAGS 10000                     /* diagnostics kept; more are counted */
#define CRK_MAX_LINE ((size_t)1 << 20)          /* one line of a line-oriented format */
#define CRK_MAX_OUTPUT ((size_t)2 << 30)        /* one document we write */
#define CRK_MAX_BINARY_SIZE ((size_t)512 << 20) /* a binary inspected for build info */

#endif
