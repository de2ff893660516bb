#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("maven/gradle-verification-metadata", "gradle/verification-metadata.xml")
