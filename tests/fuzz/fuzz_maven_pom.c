#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("maven/pom-xml", "pom.xml")
