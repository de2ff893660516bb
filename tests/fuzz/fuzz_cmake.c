#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("generic/cmake", "CMakeLists.txt")
