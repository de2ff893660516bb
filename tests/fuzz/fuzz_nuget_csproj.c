#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("nuget/csproj", "App.csproj")
