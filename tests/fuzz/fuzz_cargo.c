#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("cargo/cargo-lock", "Cargo.lock")
