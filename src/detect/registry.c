/*
 * registry.c - the list of detectors and the file-name dispatch of the walk.
 *
 * Adding an ecosystem (DESIGN.md §3):
 *   1. write src/detect/<eco>.c defining one `const struct crk_detector crk_detector_<eco>`
 *      (see detect.h for the contract);
 *   2. add an `extern` line and a row below;
 *   3. fixtures in tests/data/<format>/, a unit test tests/unit/detect/test_<eco>.c, a fuzz
 *      target tests/fuzz/fuzz_<eco>.c with seeds, a page docs/detectors/<eco>.md.
 * Nothing else changes: the Makefile picks up new files by wildcard.
 */
#include <pthread.h>
#include <string.h>

#include "base/map.h"
#include "detect/detect.h"
#include "base/banned.h"

/* clang-format off */
/* extern declarations, one per detector */
extern const struct crk_detector crk_detector_requirements, crk_detector_pipfile, crk_detector_pypi_installed;
extern const struct crk_detector crk_detector_npm_lock, crk_detector_npm_installed, crk_detector_yarn, crk_detector_pnpm, crk_detector_bun_lock;
extern const struct crk_detector crk_detector_gomod, crk_detector_dpkg, crk_detector_gobinary;
extern const struct crk_detector crk_detector_cargo, crk_detector_poetry, crk_detector_uv, crk_detector_pdm, crk_detector_pylock;
extern const struct crk_detector crk_detector_maven_pom, crk_detector_maven_jar, crk_detector_gradle_lockfile, crk_detector_gradle_verification, crk_detector_gradle_catalog;
extern const struct crk_detector crk_detector_nuget_lock, crk_detector_nuget_deps, crk_detector_nuget_config, crk_detector_nuget_csproj, crk_detector_nuget_props, crk_detector_composer, crk_detector_gemfile, crk_detector_gemspec, crk_detector_pubspec, crk_detector_mix, crk_detector_rebar;
extern const struct crk_detector crk_detector_conan, crk_detector_swift, crk_detector_renv, crk_detector_cocoapods, crk_detector_cabal_freeze, crk_detector_stack_lock, crk_detector_vcpkg, crk_detector_vcpkg_status, crk_detector_apk, crk_detector_rpmdb;
extern const struct crk_detector crk_detector_sbom_cyclonedx, crk_detector_sbom_spdx;
extern const struct crk_detector crk_detector_binary, crk_detector_elf_versions, crk_detector_cargo_auditable, crk_detector_submodule, crk_detector_cmake, crk_detector_pkgconfig;
/* -- end of externs -- */

const struct crk_detector *const crk_detectors[] = {
	/* one row per detector */
	&crk_detector_cargo, &crk_detector_poetry, &crk_detector_uv, &crk_detector_pdm, &crk_detector_pylock,
	&crk_detector_requirements, &crk_detector_pipfile, &crk_detector_pypi_installed,
	&crk_detector_npm_lock, &crk_detector_npm_installed, &crk_detector_yarn, &crk_detector_pnpm, &crk_detector_bun_lock,
	&crk_detector_nuget_lock, &crk_detector_nuget_deps, &crk_detector_nuget_config, &crk_detector_nuget_csproj, &crk_detector_nuget_props, &crk_detector_composer, &crk_detector_gemfile, &crk_detector_gemspec, &crk_detector_pubspec, &crk_detector_mix, &crk_detector_rebar,
	&crk_detector_gomod, &crk_detector_dpkg,
	&crk_detector_binary, /* claims every path a binary detector below claims and runs them all: keep it before them */
	&crk_detector_gobinary, &crk_detector_elf_versions, &crk_detector_cargo_auditable,
	&crk_detector_maven_pom, &crk_detector_maven_jar, &crk_detector_gradle_lockfile, &crk_detector_gradle_verification, &crk_detector_gradle_catalog,
	&crk_detector_conan, &crk_detector_swift, &crk_detector_renv, &crk_detector_cocoapods, &crk_detector_cabal_freeze, &crk_detector_stack_lock, &crk_detector_vcpkg, &crk_detector_vcpkg_status, &crk_detector_apk, &crk_detector_rpmdb,
	&crk_detector_sbom_cyclonedx, &crk_detector_sbom_spdx,
	&crk_detector_submodule, &crk_detector_cmake, &crk_detector_pkgconfig,
	/* -- end of rows -- */
	NULL,
};
/* clang-format on */

/* Base name -> detector, built once. The names tables are static data, so the keys live for
 * the whole program. */
static struct crk_map by_name;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int build_failed;

static void build(void)
{
	size_t i, j;
	crk_map_init(&by_name);
	for (i = 0; crk_detectors[i]; i++) {
		const char *const *nm = crk_detectors[i]->names;
		for (j = 0; nm && nm[j]; j++) {
			if (crk_map_put_new(&by_name, nm[j], strlen(nm[j]),
					    (void *)crk_detectors[i], NULL))
				build_failed = 1;
		}
	}
}

const struct crk_detector *crk_detect_find(const char *relpath, size_t rellen, const char *name)
{
	const struct crk_detector *d;
	size_t i;
	pthread_once(&once, build);
	if (!build_failed) {
		d = crk_map_get(&by_name, name, strlen(name));
		if (d && (!d->match || d->match(relpath, rellen, name)))
			return d;
	}
	for (i = 0; crk_detectors[i]; i++) {
		d = crk_detectors[i];
		if (d->match && d->match(relpath, rellen, name))
			return d;
	}
	return NULL;
}

const struct crk_detector *crk_detect_by_name(const char *name)
{
	size_t i;
	for (i = 0; crk_detectors[i]; i++)
		if (strcmp(crk_detectors[i]->name, name) == 0)
			return crk_detectors[i];
	return NULL;
}

/* For the CLI's --list-detectors: name of the i-th detector (NULL past the end). */
const char *crk__detector_describe(size_t i, const char **ecosystem, const char **doc);
const char *crk__detector_describe(size_t i, const char **ecosystem, const char **doc)
{
	size_t k;
	for (k = 0; crk_detectors[k]; k++) {
		if (k == i) {
			if (ecosystem)
				*ecosystem = crk_detectors[k]->ecosystem;
			if (doc)
				*doc = crk_detectors[k]->doc;
			return crk_detectors[k]->name;
		}
	}
	return NULL;
}
