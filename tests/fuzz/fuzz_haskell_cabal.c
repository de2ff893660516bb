#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("hackage/cabal-project-freeze", "cabal.project.freeze")
