#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("swift/package-resolved", "Package.resolved")
