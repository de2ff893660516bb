#include "fuzz_sbom_read.h"
CRK_FUZZ_SBOM_READER(crk_spdx_yaml_read, "spdx-json")
