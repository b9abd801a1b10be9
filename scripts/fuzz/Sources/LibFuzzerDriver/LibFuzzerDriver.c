// Header-only module (see include/LibFuzzerDriver.h); SwiftPM needs one source file per C target.
#include "LibFuzzerDriver.h"
