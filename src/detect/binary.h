/*
 * binary.h - shared by the detectors that read executables (not API; see binary.c).
 */
#ifndef CRK_DETECT_BINARY_H
#define CRK_DETECT_BINARY_H

#include <stddef.h>

#include "crakit/bom.h"
#include "detect/detect.h"

/* Where an executable without a file-name extension may sit, for the detectors that read
 * executables (binary.c, gobinary.c): -1 when `name` has a '.' or is a well-known text file
 * (Makefile, LICENSE, README, ...); 1 at the scan root, in a bin/, sbin/ or libexec/ directory
 * or directly in app/; else 0 with *dir, *dirlen the name of the parent directory, for the
 * caller's own rules (cargo's target/release/, ko's ko-app/). */
int crk__exec_place(const char *relpath, size_t rellen, const char *name, const char **dir,
		    size_t *dirlen);

/* The paths the ELF detectors (elf_versions.c, cargo_auditable.c) read: shared objects
 * ("libz.so.1.2.13", "mod_ssl.so"), "*.elf", names without '.' in bin/, sbin/, libexec/,
 * app/, a cargo target/{release,debug}/ or at the scan root, and "u-boot". */
int crk__elf_match(const char *relpath, size_t rellen, const char *name);

/*
 * Adds one "elf.needed" property per DT_NEEDED entry of the ELF file ctx->buf (and
 * "elf.soname") after the `n` properties of `props` (capacity `cap`); returns the new count.
 * A file that is not ELF or has no dynamic section adds nothing. CRK_ENOMEM as (size_t)-1.
 */
size_t crk__elf_needed_props(struct crk_detect_ctx *ctx, struct crk_kv **props, size_t n);

/* 0 when the patterns of clib.def compile (elf_versions.c); for the unit test. */
int crk__elf_versions_selftest(void);

#endif
