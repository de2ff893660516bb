#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("sbom/spdx", "bom.spdx.json")
