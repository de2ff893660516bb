#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pub/pubspec-lock", "pubspec.lock")
