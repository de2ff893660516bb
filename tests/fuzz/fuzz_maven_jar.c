#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("maven/archive", "app.war")
