#!/usr/bin/env bash
# Schema-driven fuzzing of the emulator with schemathesis, against a fresh emulator and
# openapi/qtest-emulator.json: the examples, coverage and fuzzing phases over every answered
# operation. Fails on any 5xx, any response that breaks its schema, any network error (a crash
# or a hang past the request timeout) and an emulator that died.
#
#   scripts/fuzz-api.sh                        # 240 s budget
#   MAX_TIME=1800 scripts/fuzz-api.sh          # longer, by hand
#   EMULATOR_BIN=.build/debug/qtest-emulator scripts/fuzz-api.sh   # skip the release build
#
# schemathesis and openapi-spec-validator come from scripts/fuzz-requirements.txt (pinned),
# installed into a venv (FUZZ_VENV, default .build/fuzz-venv) unless it is there already.
# Routes that would lock the fuzzer out (revoking the demo token, deactivating the admin,
# removing memberships, changing profiles) are left out so every other route is reached with a
# valid token, and so are the control-plane routes that change what the emulator answers (reset,
# snapshots, fault rules, the clock) and scope operations the emulator does not answer yet.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "fuzz-api: $*" >&2; exit 2; }
VENV="${FUZZ_VENV:-.build/fuzz-venv}"
if [[ ! -x "$VENV/bin/schemathesis" ]] || ! "$VENV/bin/pip" freeze 2>/dev/null | grep -qxF "$(grep '^schemathesis==' scripts/fuzz-requirements.txt)"; then
    python3 -m venv "$VENV" || die "cannot create a venv (python3-venv missing?)"
    "$VENV/bin/pip" install -q -r scripts/fuzz-requirements.txt >&2 || die "cannot install scripts/fuzz-requirements.txt"
fi
"$VENV/bin/openapi-spec-validator" openapi/qtest-emulator.json || die "openapi/qtest-emulator.json is not a valid OpenAPI document"
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    # The binary the image ships (static, ICU's data trimmed), so every route is fuzzed with it.
    SCRATCH=.build-release scripts/build-static.sh --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
TMP="$(mktemp -d)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

"$EMULATOR_BIN" serve --port 0 --log-level info >"$TMP/out" 2>"$TMP/access.log" &
PID=$!
for _ in $(seq 200); do grep -q "listening on" "$TMP/out" 2>/dev/null && break; sleep 0.05; done
BASE="$(sed -n 's/^qtest-emulator listening on \(http:[^ ]*\).*/\1/p' "$TMP/out")"
[[ -n "$BASE" ]] || die "emulator did not start"

# The header below authenticates every call; the document's security schemes would make
# schemathesis generate its own Authorization values instead. Operations not answered yet are
# dropped (they are 404/405 by design).
python3 - openapi/qtest-emulator.json "$TMP/spec.json" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
for path in list(spec["paths"]):
    ops = spec["paths"][path]
    for method in list(ops):
        if ops[method].get("x-emulator-implemented") is False:
            del ops[method]
            continue
        ops[method].pop("security", None)
    if not ops:
        del spec["paths"][path]
spec["components"].pop("securitySchemes", None)
json.dump(spec, open(sys.argv[2], "w"))
PY

status=0
"$VENV/bin/schemathesis" --no-color run "$TMP/spec.json" --url "$BASE" \
    -H 'Authorization: Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8' \
    --phases examples,coverage,fuzzing --max-time "${MAX_TIME:-240}" --max-examples "${MAX_EXAMPLES:-50}" \
    --checks not_a_server_error,response_schema_conformance --request-timeout 10 \
    --seed "${SEED:-1}" \
    --exclude-path /oauth/revoke --exclude-path /api/v3/users/projects --exclude-path '/api/v3/users/{userId}' \
    --exclude-path '/api/v3/user-profiles/{projectId}/batch-assign-users' --exclude-path /api/v3/user-profiles/batch-assign-users \
    --exclude-path-regex '^/__emulator/(reset|snapshots|faults|clock)' \
    || status=$?
kill -0 "$PID" 2>/dev/null || { echo "fuzz-api: the emulator died" >&2; exit 1; }
sleep 0.2 # the access log is written in batches, at most 50 ms after its lines
errors=$(awk '$3 ~ /^5[0-9][0-9]$/' "$TMP/access.log" | wc -l)
echo "fuzz-api: $(grep -c ' [0-9][0-9][0-9] ' "$TMP/access.log") requests served, $errors answered 5xx, schemathesis exit $status"
[[ $status -eq 0 && $errors -eq 0 ]]
