#include "fuzz_sbom_read.h"
CRK_FUZZ_SBOM_READER(crk_cdx_xml_read, "cyclonedx-json")
