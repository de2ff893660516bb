#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("packagist/composer-lock", "composer.lock")
