#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("nuget/packages-lock-json", "packages.lock.json")
