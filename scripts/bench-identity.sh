#!/usr/bin/env bash
# Benchmarks the identity routes beside the health route (keep-alive wrk, loopback):
#   POST /oauth/token (password grant)        — logins per second
#   GET  /api/v3/projects/108781 (bearer)     — with the response cache on and off
#   GET  /__emulator/health                   — the foundation's figure, for scale
# in the default configuration (demo seed, access log on; the plain `swift build -c release`).
# No targets: figures only (the targets are scripts/bench.py's).
#
#   scripts/bench-identity.sh            # 10 s per run
#   WRK_DURATION=5s EMULATOR_BIN=path scripts/bench-identity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WRK_DURATION="${WRK_DURATION:-10s}"
TOKEN="9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
die() { echo "bench-identity: $*" >&2; exit 2; }

for tool in wrk curl; do
    if ! command -v "$tool" >/dev/null; then
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null || die "cannot install $tool"
    fi
done
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build/release/qtest-emulator"
fi

TMP="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

start() {  # start <name> <args…>: prints the base URL
    local name=$1; shift
    "$EMULATOR_BIN" serve --port 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    PIDS+=($!)
    for _ in $(seq 200); do
        local base; base="$(sed -n 's/^qtest-emulator listening on \(http:[^ ]*\).*/\1/p' "$TMP/$name.out")"
        [[ -n "$base" ]] && { echo "$base"; return; }
        sleep 0.05
    done
    die "emulator did not start: $(cat "$TMP/$name.err")"
}
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }

CACHED="$(start cached)"
UNCACHED="$(start uncached --response-cache off)"

cat >"$TMP/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "grant_type=password&username=api-test%40qasymphony.com&password=admin123"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic YmVuY2g6"
LUA
curl -fsS -u 'bench:' -d 'grant_type=password&username=api-test%40qasymphony.com&password=admin123' "$CACHED/oauth/token" >/dev/null || die "login failed"

wrk -t2 -c50 -d"$WRK_DURATION" -s "$TMP/login.lua" "$CACHED/oauth/token" >"$TMP/login.txt"
wrk -t2 -c50 -d"$WRK_DURATION" -H "Authorization: Bearer $TOKEN" "$CACHED/api/v3/projects/108781" >"$TMP/project.txt"
wrk -t2 -c50 -d"$WRK_DURATION" -H "Authorization: Bearer $TOKEN" "$UNCACHED/api/v3/projects/108781" >"$TMP/project-uncached.txt"
wrk -t2 -c50 -d"$WRK_DURATION" "$CACHED/__emulator/health" >"$TMP/health.txt"

echo "BENCH-IDENTITY BEGIN"
echo "login_per_s=$(rps "$TMP/login.txt")"
echo "get_project_req_per_s=$(rps "$TMP/project.txt")"
echo "get_project_uncached_req_per_s=$(rps "$TMP/project-uncached.txt")"
echo "health_req_per_s=$(rps "$TMP/health.txt")"
echo "BENCH-IDENTITY END"
