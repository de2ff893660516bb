#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("generic/pkg-config", "usr/lib/pkgconfig/x.pc")
