#!/usr/bin/env bash
# The dashboard's render times, as the pages report them (`Server-Timing: render;dur=…`, from
# the handler's start to the finished HTML, reads included): the execution tree of the demo seed,
# of seed-data/nightly.json, and of a project with 10,000 more runs (ten uploads of 1,000 into
# suites of one cycle); median, min and max of 21 renders after one to warm up, and the page size.
#
#   scripts/bench-dashboard.sh                                  # release build
#   EMULATOR_BIN=.build/debug/qtest-emulator scripts/bench-dashboard.sh
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "bench-dashboard: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is required"
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build/release/qtest-emulator"
fi
TMP=$(mktemp -d)
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

start() {
    [[ -n "$PID" ]] && { kill "$PID"; wait "$PID" 2>/dev/null || true; }
    "$EMULATOR_BIN" serve --port 0 --seed "$1" --log-level error >"$TMP/out" 2>"$TMP/err" &
    PID=$!
    for _ in $(seq 600); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; sleep 0.05; done
    sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$TMP/out"
}

measure() { # port label [uploads]
    python3 - "$@" <<'PY'
import http.client, json, statistics, sys, time
port, label = int(sys.argv[1]), sys.argv[2]
uploads = int(sys.argv[3]) if len(sys.argv) > 3 else 0
token = {"Authorization": "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8", "Content-Type": "application/json"}
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
def call(method, path, body=None):
    conn.request(method, path, json.dumps(body) if body is not None else None, token)
    r = conn.getresponse(); data = r.read()
    return r, data
if uploads:
    r, data = call("POST", "/api/v3/projects/108781/test-cycles?parentId=0&parentType=root", {"name": "Nightlies"})
    cycle = json.loads(data)["id"]
    for night in range(uploads):
        logs = [{"name": f"test_{i}", "status": "FAILED" if i % 13 == 0 else "PASSED", "automation_content": f"bench.Suite#test_{i}",
                 "exe_start_date": f"2026-02-{night + 1:02d}T02:00:00Z", "exe_end_date": f"2026-02-{night + 1:02d}T02:00:01Z"}
                for i in range(1000)]
        r, data = call("POST", "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation",
                       {"test_cycle": cycle, "execution_date": f"2026-02-{night + 1:02d}T02:00:00Z", "test_logs": logs})
        job = json.loads(data)["id"]
        while json.loads(call("GET", f"/api/v3/projects/queue-processing/{job}")[1])["state"] not in ("SUCCESS", "FAILED"):
            time.sleep(0.05)
times, size = [], 0
for i in range(22):
    r, data = call("GET", "/__emulator/ui/projects/108781")
    assert r.status == 200, r.status
    if i:
        times.append(float(r.getheader("Server-Timing").split("=")[1]))
    size = len(data)
print(f"{label}: render median {statistics.median(times):.2f} ms (min {min(times):.2f}, max {max(times):.2f}), {size} bytes")
PY
}

port=$(start demo); measure "$port" "demo seed tree"
port=$(start seed-data/nightly.json); measure "$port" "nightly.json tree (183 runs)"
port=$(start demo); measure "$port" "10,004-run tree" 10
