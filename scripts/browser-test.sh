#!/usr/bin/env bash
# The dashboard (/__emulator/ui/) in a real browser: headless Chromium driven by Selenium
# against a running emulator seeded with seed-data/nightly.json and a control token. It logs in
# through the form, reads the tree's status colours, a run page's log and inline screenshot, the
# journal after a request and through its filter, watches an upload arrive without a reload,
# saves, resets and restores with the control buttons, loads seed-data/hostile-names.json and
# checks that its markup renders as text, and does it all again behind a path prefix (a small
# reverse proxy). Exits non-zero on any failure; a screenshot of each page goes to
# ARTIFACT_DIR (default .build/browser-artifacts).
#
#   scripts/browser-test.sh                                        # builds the debug binary
#   EMULATOR_BIN=.build/debug/qtest-emulator scripts/browser-test.sh
#
# Needs Debian's chromium and chromium-driver (installed here when missing and run as root) and
# python3-venv; selenium comes from scripts/browser-requirements.txt (pinned) in a venv
# (BROWSER_VENV, default .build/browser-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "browser-test: $*" >&2; exit 2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || die "needs ${missing[*]} (apt-get install ${missing[*]})"
    echo "browser-test: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 || die "cannot install ${missing[*]}"
fi
VENV="${BROWSER_VENV:-.build/browser-venv}"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/pip" freeze 2>/dev/null | grep -qxF "$(grep '^selenium==' scripts/browser-requirements.txt)"; then
    python3 -m venv "$VENV" || die "cannot create a venv (python3-venv missing?)"
    "$VENV/bin/pip" install -q -r scripts/browser-requirements.txt >&2 || die "cannot install scripts/browser-requirements.txt"
fi
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build --product qtest-emulator >&2 || die "build failed"
    EMULATOR_BIN=".build/debug/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

ARTIFACTS="${ARTIFACT_DIR:-.build/browser-artifacts}"
mkdir -p "$ARTIFACTS"
TMP="$(mktemp -d)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

TOKEN="browser-test-control-token"
"$EMULATOR_BIN" serve --port 0 --seed seed-data/nightly.json --control-token "$TOKEN" --log-level error >"$TMP/out" 2>"$TMP/err" &
PID=$!
for _ in $(seq 600); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
BASE="$(sed -n 's/^qtest-emulator listening on \(http:[^ ]*\).*/\1/p' "$TMP/out")"
[[ -n "$BASE" ]] || die "emulator did not start: $(cat "$TMP/err")"

status=0
"$VENV/bin/python" scripts/browser/dashboard_test.py --base "$BASE" --token "$TOKEN" --artifacts "$ARTIFACTS" \
    --hostile seed-data/hostile-names.json || status=$?
kill -0 "$PID" 2>/dev/null || { echo "browser-test: the emulator died: $(cat "$TMP/err")" >&2; exit 1; }
exit $status
