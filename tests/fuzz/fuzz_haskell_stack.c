#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("hackage/stack-yaml-lock", "stack.yaml.lock")
