#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("npm/pnpm-lock", "pnpm-lock.yaml")
