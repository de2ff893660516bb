#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("generic/elf-version-strings", "usr/lib/libx.so.1")
