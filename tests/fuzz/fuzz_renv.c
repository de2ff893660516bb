#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("cran/renv-lock", "renv.lock")
