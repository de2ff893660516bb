#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/pipfile-lock", "Pipfile.lock")
