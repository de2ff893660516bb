#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("go/go-mod", "go.mod")
