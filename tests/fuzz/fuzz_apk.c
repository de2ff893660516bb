#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("alpine/apk-installed", "lib/apk/db/installed")
