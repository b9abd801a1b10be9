#!/usr/bin/env bash
# Benchmarks POST /api/v3/projects/{id}/search over 100,000 test cases.
#
# Builds the release binary, writes a fixture (the demo seed plus N test cases in project
# 108781, named "Case <i> checks JIRA-<i mod 977>", each with an Automation Content field
# value "com.example.Test<i>"), loads it with `qtest-emulator seed --db`, starts
# `serve --db … --seed none`, and times keep-alive searches one at a time, as an uploader
# makes them:
#   exact name     name = 'Case 54321 checks JIRA-586'          (1 hit)
#   name contains  'name' ~ 'JIRA-123'                          (~100 hits, one page of 100)
#   automation     'Automation Content' = 'com.example.Test54321'  (1 hit; column or field)
# printing the median, p90 and worst latency of each, the emulator's CPU time per request
# (from /proc: steadier than wall time on a machine shared with other work), and the seed time.
#
# Env overrides:
#   EMULATOR_BIN=path   use this binary instead of building
#   CASES=100000        test cases to create
#   REQUESTS=200        timed requests per query (after 10 warm-up requests)
#   SEARCH_DB=path      keep the seeded database there and reuse it on the next run (seeding
#                       100,000 cases takes a minute or two); delete it after changing the schema
# Exit status: 0 on success, 2 on setup failure.
set -euo pipefail

cd "$(dirname "$0")/.."
CASES="${CASES:-100000}"
REQUESTS="${REQUESTS:-200}"
TOKEN="9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"

TMP="$(mktemp -d /tmp/bench-search.XXXXXX)"
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

die() { echo "bench-search: $*" >&2; exit 2; }
command -v python3 >/dev/null || die "python3 not available"

if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

DB="${SEARCH_DB:-$TMP/db.sqlite}"
SEED_START=$(date +%s.%N)
if [[ ! -f "$DB" ]]; then
python3 - "$CASES" "$TMP/fixture.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
seed = json.load(open("seed-data/demo.json"))
project = next(p for p in seed["projects"] if p["id"] == 108781)
project["test_cases"] = project.get("test_cases", []) + [
    {"name": f"Case {i} checks JIRA-{i % 977}", "parent_id": 6100002,
     "properties": [{"field_id": 608944, "field_value": f"com.example.Test{i}"}]}
    for i in range(1, n + 1)]
json.dump(seed, open(out, "w"))
PY

    "$EMULATOR_BIN" seed --db "$DB" "$TMP/fixture.json" >"$TMP/seed.out" 2>"$TMP/seed.err" || die "seed failed: $(cat "$TMP/seed.err")"
fi
SEED_END=$(date +%s.%N)

"$EMULATOR_BIN" serve --port 0 --db "$DB" --seed none --log-level error >"$TMP/out" 2>"$TMP/err" &
EMU_PID=$!
BASE=""
for _ in $(seq 100); do
    BASE="$(sed -n 's/^qtest-emulator listening on \(http:\/\/[^ ]*\).*/\1/p' "$TMP/out" | head -1)"
    [[ -n "$BASE" ]] && break
    kill -0 "$EMU_PID" 2>/dev/null || die "emulator exited: $(cat "$TMP/err")"
    sleep 0.1
done
[[ -n "$BASE" ]] || die "no startup line"

python3 - "$BASE" "$TOKEN" "$CASES" "$REQUESTS" "$(echo "$SEED_END - $SEED_START" | bc)" "$EMU_PID" <<'PY'
import http.client, json, os, sys, time, urllib.parse
base, token, n, requests, seed_s, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
def cpu_seconds():
    # utime + stime of the emulator, in clock ticks (fields 14 and 15 of /proc/PID/stat).
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
k = n // 2 + 21
queries = [
    ("exact name", f"name = 'Case {k} checks JIRA-{k % 977}'", ["id", "name"]),
    ("name contains", "'name' ~ 'JIRA-123'", ["id", "name"]),
    ("name contains, all fields", "'name' ~ 'JIRA-123'", ["*"]),
    ("automation content", f"'Automation Content' = 'com.example.Test{k}'", ["id"]),
]
def search(query, fields):
    body = json.dumps({"object_type": "test-cases", "fields": fields, "query": query})
    conn.request("POST", "/api/v3/projects/108781/search?pageSize=100", body,
                 {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200: sys.exit(f"{query}: {r.status} {data[:200]}")
    return json.loads(data)
print("BENCH-SEARCH BEGIN")
print(f"test_cases={n} seed_s={seed_s:.1f} requests_per_query={requests} load_average={os.getloadavg()[0]:.1f}")
for name, query, fields in queries:
    for _ in range(10): answer = search(query, fields)
    times = []
    cpu_before = cpu_seconds()
    for _ in range(requests):
        t0 = time.perf_counter(); answer = search(query, fields); times.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (cpu_seconds() - cpu_before) * 1000 / requests
    times.sort()
    median, p90, worst = times[len(times) // 2], times[int(len(times) * 0.9)], times[-1]
    print(f"{name}: total={answer['total']} items={len(answer['items'])} median_ms={median:.1f} p90_ms={p90:.1f} max_ms={worst:.1f}"
          f" cpu_ms_per_request={cpu_ms:.1f} target<100 {'PASS' if median < 100 else 'FAIL'}")
print("BENCH-SEARCH END")
PY
