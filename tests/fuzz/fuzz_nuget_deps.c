#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("nuget/deps-json", "App.deps.json")
