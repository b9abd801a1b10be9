#!/usr/bin/env bash
# A demo of the dashboard: starts the emulator with seed-data/nightly.json (three sprints of
# nightly results) and plays a CI uploader against it, one nightly run of the twelve automated
# tests every few seconds into a new suite of Sprint 3, so the tree at
# http://127.0.0.1:PORT/__emulator/ui/projects/108781 fills with coloured results as you watch.
# Ctrl-C stops both.
#
#   scripts/demo.sh                          # port 8080, a round every 3 s, 20 rounds
#   PORT=9090 INTERVAL=1 ROUNDS=0 scripts/demo.sh   # ROUNDS=0: until stopped
#   EMULATOR_BIN=.build/debug/qtest-emulator FIXTURE=seed-data/demo.json scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "demo: $*" >&2; exit 2; }
PORT="${PORT:-8080}"
FIXTURE="${FIXTURE:-seed-data/nightly.json}"
command -v python3 >/dev/null || die "python3 is required"
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --product qtest-emulator >&2 || die "build failed"
    EMULATOR_BIN=".build/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

TMP="$(mktemp -d)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM

"$EMULATOR_BIN" serve --port "$PORT" --seed "$FIXTURE" --log-level error >"$TMP/out" 2>"$TMP/err" &
PID=$!
for _ in $(seq 600); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
BASE="$(sed -n 's/^qtest-emulator listening on \(http:[^ ]*\).*/\1/p' "$TMP/out")"
[[ -n "$BASE" ]] || die "emulator did not start: $(cat "$TMP/err")"
echo "demo: dashboard at $BASE/__emulator/ui/projects/108781 (the uploader starts in 3 s; Ctrl-C stops)"
sleep 3

python3 - "$BASE" "${INTERVAL:-3}" "${ROUNDS:-20}" <<'PY'
import datetime, http.client, json, random, sys, time, urllib.parse

base, interval, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
url = urllib.parse.urlsplit(base)
token = "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
# The nightly fixture's automated tests, by their Automation Content: results land on them.
tests = [
    ("Sign in with valid credentials", "tests/accounts/test_signin.py::test_valid"),
    ("Sign in with a wrong password", "tests/accounts/test_signin.py::test_wrong_password"),
    ("Reset a forgotten password", "tests/accounts/test_reset.py::test_reset_mail"),
    ("Search finds products by name", "tests/catalog/test_search.py::test_by_name"),
    ("Search results page loads fast", "tests/catalog/test_search.py::test_latency"),
    ("Product page shows stock", "tests/catalog/test_product.py::test_stock"),
    ("Add an item to the cart", "tests/checkout/test_cart.py::test_add"),
    ("Coupon lowers the total", "tests/checkout/test_cart.py::test_coupon"),
    ("Empty cart shows a hint", "tests/checkout/test_cart.py::test_empty"),
    ("Pay by card", "tests/payments/test_card.py::test_pay"),
    ("Declined card shows an error", "tests/payments/test_card.py::test_declined"),
    ("Refund an order", "tests/payments/test_refund.py::test_full_refund"),
]
flaky = {"tests/catalog/test_search.py::test_latency", "tests/payments/test_card.py::test_pay"}
rng = random.Random(7)
day = datetime.date(2026, 1, 26)
n = 0
while rounds == 0 or n < rounds:
    n += 1
    logs = []
    for name, content in tests:
        status = "FAILED" if (content in flaky and rng.random() < 0.4) or rng.random() < 0.03 else "PASSED"
        start = f"{day.isoformat()}T02:{len(logs) * 3:02d}:00Z"
        logs.append({"name": name, "status": status, "automation_content": content, "exe_start_date": start,
                     "exe_end_date": start.replace(":00Z", ":41Z"), "build_number": f"2.0.0-nightly.{15 + n}",
                     "note": "" if status == "PASSED" else "assertion failed (demo)"})
    body = {"test_cycle": 1200003, "execution_date": f"{day.isoformat()}T02:00:00Z", "test_logs": logs}
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("POST", "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation", json.dumps(body),
                 {"Authorization": token, "Content-Type": "application/json"})
    response = conn.getresponse()
    answer = json.loads(response.read() or b"{}")
    failed = sum(1 for log in logs if log["status"] == "FAILED")
    print(f"demo: round {n}: uploaded {len(logs)} results for {day} ({failed} failed): {response.status} job {answer.get('id')}", flush=True)
    conn.close()
    day += datetime.timedelta(days=1)
    time.sleep(interval)
print("demo: uploads done; the emulator keeps running until Ctrl-C", flush=True)
while True:
    time.sleep(3600)
PY
