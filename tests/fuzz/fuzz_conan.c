#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("conan/conan-lock", "conan.lock")
