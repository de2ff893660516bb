#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("go/binary", "usr/local/bin/app")
