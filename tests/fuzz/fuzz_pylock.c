#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("pypi/pylock-toml", "pylock.toml")
