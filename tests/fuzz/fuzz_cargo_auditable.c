#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("rust/cargo-auditable", "target/release/app")
