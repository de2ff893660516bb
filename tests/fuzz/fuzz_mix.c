#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("hex/mix-lock", "mix.lock")
