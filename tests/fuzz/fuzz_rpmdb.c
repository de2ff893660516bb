#include "fuzz_detect.h"
CRK_FUZZ_DETECTOR("rpm/rpmdb", "var/lib/rpm/rpmdb.sqlite")
