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

/* Container images (src/source/image.c, layer.c, vfs.c). */
#define CRK_MAX_IMAGE_LAYERS 256                /* layers of one image */
#define CRK_MAX_IMAGE_ENTRIES ((size_t)1 << 20) /* entries of one layer tarball */
#define CRK_MAX_IMAGE_ALL_ENTRIES ((size_t)4 << 20) /* entries of all layers together */
#define CRK_MAX_IMAGE_BLOBS 4096                /* files of a docker save / OCI archive */
#define CRK_MAX_IMAGE_BYTES (8ULL << 30)      /* decompressed bytes streamed from one image */
#define CRK_MAX_IMAGE_KEPT ((size_t)1 << 30)    /* file contents kept in memory from one image */
#define CRK_MAX_IMAGE_JSON ((size_t)16 << 20)   /* a manifest, index or image config */
#define CRK_MAX_IMAGE_SIBLING ((size_t)4 << 20) /* a file kept because detectors read it beside
						 * the one they parse (vfs.h) */

#endif
