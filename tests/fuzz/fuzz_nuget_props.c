#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("nuget/directory-packages-props", "Directory.Packages.props")
