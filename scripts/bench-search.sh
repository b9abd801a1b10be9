#!/usr/bin/env bash
# The search section(s) of scripts/bench.py: the default `serve` beside nginx, a table of
# figure / build / value / nginx / ratio / target / PASS or FAIL. See scripts/bench.py for the
# environment it reads (BUILDS, REPEAT, WRK_DURATION, EMULATOR_BIN, ...).
# Exit status: 0 when every target is met, 1 when one is missed, 2 when the setup fails.
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" search "$@"
