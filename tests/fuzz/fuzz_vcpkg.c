#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("vcpkg/vcpkg-json", "vcpkg.json")
