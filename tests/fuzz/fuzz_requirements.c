#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/requirements", "requirements.txt")
