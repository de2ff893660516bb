#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("binary/executables", "usr/lib/libx.so.1")
