/* fuzz_openvex.c - crk_vex_parse_openvex() (OpenVEX) on arbitrary bytes (see fuzz_vex.h).
 * Seeds: tests/fuzz/corpus/openvex/. */
#define CRK_FUZZ_VEX_PARSE crk_vex_parse_openvex
#include "fuzz_vex.h"
