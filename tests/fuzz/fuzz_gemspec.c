#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("rubygems/installed-gemspec", "specifications/x-1.0.gemspec")
