#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("nuget/packages-config", "packages.config")
