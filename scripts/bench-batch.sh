#!/usr/bin/env bash
# Benchmarks one batch automation upload, the call CI pipelines make most:
#   POST /api/v3.1/projects/108781/test-runs/0/auto-test-logs with N logs of 3 steps each,
#   then polling queue-processing until SUCCESS.
# Prints the time from submit to SUCCESS and the rows/s it implies, beside a raw SQLite
# insert of the same rows (python3's sqlite3, one transaction, no indexes but primary keys).
#
#   scripts/bench-batch.sh              # 10,000 logs
#   LOGS=2000 scripts/bench-batch.sh    # smaller
#   EMULATOR_BIN=path                   # use this binary instead of building
#   WEBHOOK=1 scripts/bench-batch.sh    # with a webhook subscribed to the upload's events
#                                       # (testcase_created, testrun_created, testlog_submitted)
#                                       # and a local receiver; also times the deliveries
set -euo pipefail
cd "$(dirname "$0")/.."
LOGS="${LOGS:-10000}"
die() { echo "bench-batch: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is required"

if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

TMP=$(mktemp -d)
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

"$EMULATOR_BIN" serve --port 0 --log-level error >"$TMP/out" 2>"$TMP/err" &
PID=$!
for _ in $(seq 200); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; sleep 0.05; done
PORT=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$TMP/out")
[[ -n "$PORT" ]] || die "emulator did not start: $(cat "$TMP/err")"

python3 - "$PORT" "$LOGS" "${WEBHOOK:-0}" <<'PY'
import http.client, json, sqlite3, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, n, webhook = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
token = "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
received = []
if webhook:
    class Receiver(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append(time.perf_counter())
            self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
        def log_message(self, *args): pass
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("POST", "/api/v3/webhooks", json.dumps({"name": "bench", "url": f"http://127.0.0.1:{receiver.server_address[1]}/hook",
              "events": ["testcase_created", "testrun_created", "testlog_submitted"], "responseType": "json", "projectIds": [108781]}),
              {"Authorization": token, "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 201: sys.exit(f"webhook registration failed: {r.status}")
logs = [{
    "name": f"test_{i}", "status": "PASSED" if i % 7 else "FAILED",
    "automation_content": f"bench.Suite#test_{i}",
    "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:01Z",
    "test_step_logs": [
        {"description": f"step {s}", "expected_result": f"expect {s}", "actual_result": "ok", "status": "PASSED", "order": s}
        for s in range(3)],
} for i in range(n)]
body = json.dumps({"execution_date": "2026-01-05T10:00:00Z", "test_logs": logs}).encode()

conn = http.client.HTTPConnection("127.0.0.1", port)
start = time.perf_counter()
conn.request("POST", "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation", body,
             {"Authorization": token, "Content-Type": "application/json"})
r = conn.getresponse(); answer = json.loads(r.read())
if r.status != 201: sys.exit(f"submit failed: {r.status} {answer}")
accepted = time.perf_counter()
while True:
    conn.request("GET", f"/api/v3/projects/queue-processing/{answer['id']}", headers={"Authorization": token})
    r = conn.getresponse(); job = json.loads(r.read())
    if job["state"] in ("SUCCESS", "FAILED"): break
    time.sleep(0.005)
done = time.perf_counter()
if job["state"] != "SUCCESS": sys.exit(f"job failed: {job}")
content = json.loads(job["content"])
assert content["totalTestLogs"] == n, content

# The same rows with nothing but SQLite: cases, versions, steps, runs, logs, step logs.
rows = n * (1 + 1 + 3 + 1 + 1 + 3)
db = sqlite3.connect(":memory:")
db.executescript("""
CREATE TABLE cases(id INTEGER PRIMARY KEY, name TEXT, content TEXT);
CREATE TABLE versions(id INTEGER PRIMARY KEY, case_id INTEGER, name TEXT);
CREATE TABLE steps(id INTEGER PRIMARY KEY, version_id INTEGER, ord INTEGER, description TEXT, expected TEXT);
CREATE TABLE runs(id INTEGER PRIMARY KEY, case_id INTEGER, suite_id INTEGER, name TEXT, status INTEGER);
CREATE TABLE logs(id INTEGER PRIMARY KEY, run_id INTEGER, status INTEGER, start TEXT, finish TEXT);
CREATE TABLE step_logs(id INTEGER PRIMARY KEY, log_id INTEGER, step_id INTEGER, status INTEGER, actual TEXT);
""")
t0 = time.perf_counter()
with db:
    for i in range(n):
        db.execute("INSERT INTO cases VALUES (?,?,?)", (i, f"test_{i}", f"bench.Suite#test_{i}"))
        db.execute("INSERT INTO versions VALUES (?,?,?)", (i, i, f"test_{i}"))
        db.execute("INSERT INTO runs VALUES (?,?,?,?,?)", (i, i, 1, f"test_{i}", 601))
        db.execute("INSERT INTO logs VALUES (?,?,?,?,?)", (i, i, 601, "2026-01-05T10:00:00+00:00", "2026-01-05T10:00:01+00:00"))
        for s in range(3):
            db.execute("INSERT INTO steps VALUES (?,?,?,?,?)", (i * 3 + s, i, s + 1, f"step {s}", f"expect {s}"))
            db.execute("INSERT INTO step_logs VALUES (?,?,?,?,?)", (i * 3 + s, i, i * 3 + s, 601, "ok"))
raw = time.perf_counter() - t0

total = done - start
print("BENCH-BATCH BEGIN")
print(f"logs={n} steps_per_log=3 rows={rows} request_bytes={len(body)}")
print(f"submit_answered_ms={(accepted - start) * 1000:.1f}")
print(f"submit_to_success_s={total:.3f} target<=1.0 {'PASS' if total <= 1.0 else 'FAIL'}")
print(f"emulator_rows_per_s={rows / total:,.0f}")
print(f"raw_sqlite_s={raw:.3f} raw_sqlite_rows_per_s={rows / raw:,.0f}")
print(f"emulator_vs_raw={raw / total:.2f}")
if webhook:
    deadline = time.perf_counter() + 600
    while len(received) < 3 * n and time.perf_counter() < deadline: time.sleep(0.05)
    print(f"webhook_deliveries={len(received)} expected={3 * n} all_delivered_s_after_success={(received[-1] - done) if received else 0:.3f}")
print("BENCH-BATCH END")
PY
