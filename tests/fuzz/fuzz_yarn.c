#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("npm/yarn-lock", "yarn.lock")
