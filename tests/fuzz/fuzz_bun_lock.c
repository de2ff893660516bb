#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("npm/bun-lock", "bun.lock")
