#!/usr/bin/env bash
# Every benchmark of scripts/bench.py in one run (start-up with the plain and the static build,
# throughput with the plain one), beside nginx, ending in one table with PASS/FAIL per target.
#   scripts/bench-all.sh                 # REPEAT=3, WRK_DURATION=5s: about 10 minutes after the builds
#   BUILDS=plain scripts/bench-all.sh    # skip the static build
# Exit status: 0 when every target is met, 1 when one is missed, 2 when the setup fails.
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" "$@"
