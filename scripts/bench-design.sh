#!/usr/bin/env bash
# Benchmarks reading a test case with 50 steps.
#
# Builds the release binary, starts `qtest-emulator serve --port 0` with the demo seed,
# creates a case with 50 steps in project 108781, then runs keep-alive `wrk` on
#   GET /api/v3/projects/108781/test-cases/{id}?expand=teststep
# and on GET /__emulator/health (the server's baseline), printing both req/s.
#
# Env overrides:
#   EMULATOR_BIN=path   use this binary instead of building
#   RESPONSE_CACHE=off  measure the uncached handler (serve --response-cache off)
#   WRK_DURATION=10s    wrk duration
#   WRK_ARGS="-t2 -c32" wrk threads/connections
# Exit status: 0 on success, 2 on setup failure.
set -euo pipefail

cd "$(dirname "$0")/.."
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_ARGS="${WRK_ARGS:--t2 -c32}"
TOKEN="9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
PROJECT=108781

TMP="$(mktemp -d /tmp/bench-design.XXXXXX)"
EMU_PID=""
cleanup() {
    if [[ -n "$EMU_PID" ]] && kill -0 "$EMU_PID" 2>/dev/null; then
        kill -TERM "$EMU_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$EMU_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$EMU_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench-design: $*" >&2; exit 2; }

if ! command -v wrk >/dev/null; then
    echo "bench-design: installing wrk" >&2
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v wrk >/dev/null || die "wrk not available"
command -v curl >/dev/null || die "curl not available"

if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

# Start on a free port and read it from the startup line.
"$EMULATOR_BIN" serve --port 0 --log-level error --response-cache "${RESPONSE_CACHE:-on}" >"$TMP/out" 2>"$TMP/err" &
EMU_PID=$!
BASE=""
for _ in $(seq 100); do
    BASE="$(sed -n 's/^qtest-emulator listening on \(http:\/\/[^ ]*\).*/\1/p' "$TMP/out" | head -1)"
    [[ -n "$BASE" ]] && break
    kill -0 "$EMU_PID" 2>/dev/null || die "emulator exited: $(cat "$TMP/err")"
    sleep 0.05
done
[[ -n "$BASE" ]] || die "no startup line"

# A case with 50 steps.
STEPS="$(for i in $(seq 1 50); do
    if ((i > 1)); then printf ','; fi
    printf '{"description":"Step %d: do the thing","expected":"Result %d is shown"}' "$i" "$i"
done)"
CREATED="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench case\",\"test_steps\":[${STEPS}]}" "$BASE/api/v3/projects/$PROJECT/test-cases")" || die "create failed"
CASE_ID="$(printf '%s' "$CREATED" | sed -n 's/.*"id":\([0-9]*\),"name":"Bench case".*/\1/p')"
[[ -n "$CASE_ID" ]] || die "no case id in: ${CREATED:0:200}"
CASE_PATH="/api/v3/projects/$PROJECT/test-cases/$CASE_ID?expand=teststep"
COUNT="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$CASE_PATH" | grep -o '"expected":' | wc -l)"
[[ "$COUNT" -eq 50 ]] || die "expected 50 steps, got $COUNT"
BYTES="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE$CASE_PATH" | wc -c)"

run_wrk() { # path [header]
    local out
    # shellcheck disable=SC2086
    out="$(wrk $WRK_ARGS -d"$WRK_DURATION" ${2:+-H "$2"} "$BASE$1")"
    printf '%s\n' "$out" >&2
    printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}'
}

echo "bench-design: case $CASE_ID with 50 steps, response $BYTES bytes; wrk $WRK_ARGS -d$WRK_DURATION (keep-alive)" >&2
CASE_RPS="$(run_wrk "$CASE_PATH" "Authorization: Bearer $TOKEN")"
HEALTH_RPS="$(run_wrk "/__emulator/health")"
echo "GET test-cases/{id}?expand=teststep (50 steps): ${CASE_RPS} req/s"
echo "GET /__emulator/health:                         ${HEALTH_RPS} req/s"
