#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("npm/package-lock", "package-lock.json")
