#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("cocoapods/podfile-lock", "Podfile.lock")
