#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/pdm-lock", "pdm.lock")
