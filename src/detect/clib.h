/*
 * clib.h - what crakit knows about well-known C libraries and programs (not API): the table
 * in clib.def, shared by the detectors that meet them without a package manager — version
 * strings in ELF binaries (elf_versions.c), pkg-config files (pkgconfig.c), git submodules
 * (submodule.c) and CMake FetchContent/ExternalProject (cmake.c). Each row names the project's
 * purl name and its CPE 2.3 vendor:product as the NVD CPE dictionary writes them (advisories
 * for C libraries are keyed by CPE), the pkg-config module names and repositories it is known
 * by, and how to find its version in a binary (docs/detectors/c-cpp.md).
 */
#ifndef CRK_DETECT_CLIB_H
#define CRK_DETECT_CLIB_H

#include <stddef.h>

#include "base/arena.h"
#include "detect/detect.h"

enum crk_clib_mode {
	CRK_CLIB_AT = 1,   /* the regex starts with `lit`; tried at each place `lit` occurs */
	CRK_CLIB_SCAN = 2, /* `lit` (or the file's name) says the library is there; the regex is
			    * searched over the data and must give exactly one version */
};

enum crk_clib_flags {
	/* the string can also come from the library's header in a program that links the
	 * library dynamically (OPENSSL_VERSION_TEXT in nginx): ignored when the file's DT_NEEDED
	 * names one of the row's shared objects */
	CRK_CLIB_HEADER_TOO = 1 << 0,
	/* version "9.2p1": the CPE version is "9.2", its update "p1" (NVD's OpenSSH names) */
	CRK_CLIB_CPE_PORTABLE = 1 << 1,
	/* the regex captures three groups, major, minor and patch, written with leading zeros
	 * ("20914" as 2, 09, 14: libxml2's LIBXML_VERSION_STRING): joined as "2.9.14" */
	CRK_CLIB_DOTTED3 = 1 << 2,
};

struct crk_clib {
	const char *name;    /* component and purl name: pkg:generic/<name>@<version> */
	const char *vendor;  /* CPE 2.3 vendor and product */
	const char *product;
	const char *alt_cpe; /* another vendor:product NVD uses for it (older records), or NULL */
	unsigned mode;       /* enum crk_clib_mode */
	const char *lit;     /* literal bytes (no NUL); NULL: only the file's name says it */
	const char *notlit;  /* the row does not apply when these bytes occur, or NULL */
	const char *re;      /* PCRE2 pattern, group 1 the version (CRK_CLIB_DOTTED3: 1-3) */
	unsigned flags;      /* enum crk_clib_flags */
	const char *files;   /* '|'-separated prefixes of the shared object names (DT_SONAME) or
			      * program names that are this project, or NULL */
	const char *pc;      /* '|'-separated pkg-config module names, or NULL */
	const char *repos;   /* '|'-separated repositories ("github.com/madler/zlib"), or NULL */
	const char *sample;  /* the real string the regex was written from (tests, docs) */
};

/* The rows, in clib.def order; the rows of one project are consecutive, its first row carries
 * `pc` and `repos`. */
extern const struct crk_clib crk_clib_table[];
extern const size_t crk_clib_count;

/* The first row whose `pc` lists `module`, or NULL. */
const struct crk_clib *crk_clib_by_pc(const char *module, size_t n);
/* The first row whose `repos` lists the repository of `url` (any scheme, user, ".git" suffix
 * or case; "git@github.com:madler/zlib.git" is github.com/madler/zlib), or NULL. */
const struct crk_clib *crk_clib_by_repo(const char *url, size_t n);
/* 1 when `name` starts with one of the '|'-separated prefixes of `list`. */
int crk_clib_list_prefix(const char *list, const char *name);
/* 1 when `name` (n bytes) is one of the '|'-separated entries of `list`, ignoring case. */
int crk_clib_list_has(const char *list, const char *name, size_t n);

/*
 * The CPE 2.3 name of `lib` at `version` (NULL: any version), in the arena; NULL when the
 * version holds characters a CPE cannot carry or on ENOMEM (*nomem set).
 */
const char *crk_clib_cpe(const struct crk_clib *lib, const char *version, struct crk_arena *a,
			 int *nomem);

/*
 * 1 when the file being parsed lies in a root filesystem that has an OS package database
 * (var/lib/dpkg/status or status.d, lib/apk/db/installed, var/lib/rpm or
 * usr/lib/sysimage/rpm) at a place that package manager owns (usr/ except usr/local/, lib*,
 * bin, sbin, etc): the OS package detectors report what is there, with the distribution's
 * own versions and patches, so the file is not reported again (docs/detectors/c-cpp.md).
 */
int crk_clib_os_owned(struct crk_detect_ctx *ctx);
/* The same for another file of the scan, `relpath` relative to the scan root. */
int crk_clib_os_owned_path(struct crk_detect_ctx *ctx, const char *relpath);

/*
 * A release version from a git tag or a file name version, for a CPE: "v1.3" -> "1.3",
 * "curl-8_5_0" -> "8.5.0", "OpenSSL_1_1_1w" -> "1.1.1w", "R_2_5_0" -> "2.5.0",
 * "release-1.12.1" -> "1.12.1" (`project` names the prefix to drop, may be NULL). NULL when
 * `ref` does not look like a release (a branch, a commit) or on ENOMEM (*nomem set).
 */
const char *crk_clib_release_version(const char *ref, const char *project, struct crk_arena *a,
				     int *nomem);
/* 1 when s is a full hexadecimal git object name (40 or 64 digits). */
int crk_clib_is_commit(const char *s);

/*
 * Fills `pkg` (after crk_detect_pkg_init) for source code fetched from the git repository
 * `url` at `ref` (a tag, branch or commit; NULL when not pinned), declared under `name`:
 * pkg:github/<owner>/<repo>@<ref> for github.com, else pkg:generic/<name>@<ref> with the
 * qualifier vcs_url=git+<url>@<ref> (the purl generic type's VCS form); vcs_url, vcs_commit
 * (for a commit), CRK_PKG_GIT (and CRK_PKG_UNPINNED without a ref); a CPE from clib.def when
 * the repository is a known project and the ref a release, else for a GitHub repository the
 * guess cpe:2.3:a:<owner>:<repo>:<version> with the property "cpe.guessed". `q` must hold 1
 * qualifier, `props` 2 properties (*nprops is increased). Strings in ctx->arena; CRK_ENOMEM.
 */
int crk_clib_git_pkg(struct crk_detect_ctx *ctx, struct crk_pkg *pkg, const char *name,
		     const char *url, const char *ref, struct crk_kv *q, struct crk_kv *props,
		     size_t *nprops);

#endif
