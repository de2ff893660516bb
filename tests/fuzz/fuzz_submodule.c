#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("git/submodule", ".gitmodules")
