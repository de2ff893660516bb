#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("maven/gradle-lockfile", "gradle.lockfile")
