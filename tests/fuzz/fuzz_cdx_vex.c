/* fuzz_cdx_vex.c - crk_vex_parse_cyclonedx() (CycloneDX VEX) on arbitrary bytes (see
 * fuzz_vex.h). Seeds: tests/fuzz/corpus/cdx_vex/. */
#define CRK_FUZZ_VEX_PARSE crk_vex_parse_cyclonedx
#include "fuzz_vex.h"
