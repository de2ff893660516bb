#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("vcpkg/status", "installed/vcpkg/status")
