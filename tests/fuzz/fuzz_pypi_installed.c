#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/installed", "x-1.0.dist-info/METADATA")
