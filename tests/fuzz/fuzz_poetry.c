#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/poetry-lock", "poetry.lock")
