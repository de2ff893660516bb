#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("debian/dpkg-status", "var/lib/dpkg/status")
