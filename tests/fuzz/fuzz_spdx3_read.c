#include "fuzz_sbom_read.h"
CRK_FUZZ_SBOM_READER(crk_spdx3_read, "cyclonedx-xml")
