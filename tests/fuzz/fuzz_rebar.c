#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("hex/rebar-lock", "rebar.lock")
