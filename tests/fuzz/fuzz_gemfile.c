#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("rubygems/gemfile-lock", "Gemfile.lock")
