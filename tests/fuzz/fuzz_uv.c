#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/uv-lock", "uv.lock")
