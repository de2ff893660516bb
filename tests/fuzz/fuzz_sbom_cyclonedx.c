#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("sbom/cyclonedx", "bom.cdx.json")
