#include "fuzz_sbom_read.h"
CRK_FUZZ_SBOM_READER(crk_cdx_json_read, "cyclonedx-xml")
