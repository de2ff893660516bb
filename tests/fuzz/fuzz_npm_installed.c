#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("npm/installed", "node_modules/x/package.json")
