#!/usr/bin/env bash
# Benchmarks GET /api/v3/projects/108781/test-runs/{id} against the emulator's own health route.
#
# Builds the release binary, starts `qtest-emulator serve --port 0` with the demo seed, creates a
# test case and a run with a log through the API, then runs `wrk -t2 -c50 -d10s` (keep-alive)
# on the run and on /__emulator/health. Prints both req/s figures and their ratio.
# Target: run req/s >= 0.5 × health req/s.
#
# Env overrides:
#   EMULATOR_BIN=path   use this binary instead of building (.build-release/release/qtest-emulator)
#   WRK_DURATION=10s    wrk duration
#   RESPONSE_CACHE=off  measure the uncached handler (serve --response-cache off); default on
# Exit status: 0 when the target is met, 1 when it is missed, 2 on setup failure.
set -euo pipefail

cd "$(dirname "$0")/.."
WRK_DURATION="${WRK_DURATION:-10s}"
TOKEN="9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
PROJECT=108781

TMP="$(mktemp -d /tmp/bench-runs.XXXXXX)"
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

die() { echo "bench-runs: $*" >&2; exit 2; }

# --- tools -------------------------------------------------------------------
for tool in wrk curl python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench-runs: installing $tool" >&2
        SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
    fi
    command -v "$tool" >/dev/null || die "$tool not available"
done

# --- build and start -----------------------------------------------------------
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

"$EMULATOR_BIN" serve --port 0 --log-level error --response-cache "${RESPONSE_CACHE:-on}" >"$TMP/serve.out" 2>"$TMP/serve.err" &
EMU_PID=$!
BASE=""
for _ in $(seq 200); do
    BASE="$(sed -n 's/^qtest-emulator listening on \(http:[^ ]*\).*/\1/p' "$TMP/serve.out" | head -1)"
    [[ -n "$BASE" ]] && break
    kill -0 "$EMU_PID" 2>/dev/null || die "emulator exited: $(cat "$TMP/serve.err")"
    sleep 0.05
done
[[ -n "$BASE" ]] || die "emulator did not announce its port"

# --- a run to read -----------------------------------------------------------
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
json_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
P="$BASE/api/v3/projects/$PROJECT"
CASE_ID="$(api -d '{"name":"Bench case","test_steps":[{"description":"open","expected":"page"},{"description":"submit","expected":"done"}]}' "$P/test-cases" | json_id)" \
    || die "could not create a test case"
SUITE_ID="$(api -d '{"name":"Bench suite"}' "$P/test-suites?parentId=0&parentType=root" | json_id)" || die "could not create a suite"
RUN_ID="$(api -d "{\"name\":\"Bench run\",\"test_case\":{\"id\":$CASE_ID}}" "$P/test-runs?parentId=$SUITE_ID&parentType=test-suite" | json_id)" \
    || die "could not create a run"
api -d '{"status":"PASS","exe_start_date":"2026-01-05T10:00:00Z","exe_end_date":"2026-01-05T10:00:01Z"}' \
    "$P/test-runs/$RUN_ID/auto-test-logs" >/dev/null || die "could not submit a log"
RUN_URL="$P/test-runs/$RUN_ID"
api "$RUN_URL" >/dev/null || die "GET $RUN_URL failed"

# --- measure -----------------------------------------------------------------
rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ { n = $5 } END { print n + 0 }' "$1"; }

wrk -t2 -c50 -d"$WRK_DURATION" -H "Authorization: Bearer $TOKEN" "$RUN_URL" >"$TMP/run.txt" || die "wrk failed on the run route"
wrk -t2 -c50 -d"$WRK_DURATION" "$BASE/__emulator/health" >"$TMP/health.txt" || die "wrk failed on the health route"

RUN_RPS="$(rps "$TMP/run.txt")"
HEALTH_RPS="$(rps "$TMP/health.txt")"
[[ -n "$RUN_RPS" && -n "$HEALTH_RPS" ]] || die "could not read wrk output"
RATIO="$(awk -v a="$RUN_RPS" -v b="$HEALTH_RPS" 'BEGIN { printf "%.2f", a / b }')"

echo "response cache                                   ${RESPONSE_CACHE:-on}"
echo "GET /api/v3/projects/$PROJECT/test-runs/$RUN_ID  $RUN_RPS req/s (non-2xx: $(non2xx "$TMP/run.txt"))"
echo "GET /__emulator/health                          $HEALTH_RPS req/s"
echo "ratio test-run / health                         $RATIO (target >= 0.5)"

awk -v r="$RATIO" 'BEGIN { exit (r >= 0.5) ? 0 : 1 }' || { echo "bench-runs: target missed" >&2; exit 1; }
