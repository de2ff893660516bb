#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("maven/gradle-version-catalog", "gradle/libs.versions.toml")
