#!/usr/bin/env bash
# The container as CI uses it: build the image with docker or podman (whichever engine answers),
# run it, wait for its HEALTHCHECK to pass, make one authenticated API call and one upload of
# test results (polled until the job succeeds), stop it, and check that it exited 0 within 2 s.
#
#   docker/smoke-test.sh                 # prints the image size and each step's result
#
# Environment:
#   ENGINE          docker or podman (default: the first whose `info` answers)
#   IMAGE           tag to build and run (default qtest-emulator:smoke)
#   BUILDER_IMAGE   the Dockerfile's build argument; default: a localhost/swift:*-local image
#                   made by docker/make-local-base-images.sh if there is one, else the
#                   Dockerfile's own default (pulled)
#   SKIP_BUILD=1    run an IMAGE built before
# Exit status: 0 passed, 1 failed, 77 skipped (no engine answers, or no builder image can be had).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "smoke-test: $*"; }
skip() { say "skipped: $*"; exit 77; }
fail() { say "FAILED: $*"; exit 1; }

engine=${ENGINE:-}
if [ -z "$engine" ]; then
  for candidate in docker podman; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" info >/dev/null 2>&1; then engine=$candidate; break; fi
  done
  # The docker client alone (no daemon) is common on CI machines: that is no engine.
  [ -n "$engine" ] || skip "no container engine answers (docker info, podman info)"
fi
image=${IMAGE:-qtest-emulator:smoke}
name=qtest-smoke-$$
token=9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  build=(build -f docker/Dockerfile -t "$image")
  builder=${BUILDER_IMAGE:-}
  if [ -z "$builder" ]; then
    builder=$("$engine" images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -E '^localhost/swift:.*-local$' | sort -V | tail -1 || true)
  fi
  if [ -z "$builder" ]; then
    builder=$(sed -n 's/^ARG BUILDER_IMAGE=//p' docker/Dockerfile)
  fi
  if ! "$engine" image inspect "$builder" >/dev/null 2>&1; then
    say "pulling $builder"
    "$engine" pull "$builder" >/dev/null 2>&1 || skip "the builder image $builder is not here and cannot be pulled (docker/make-local-base-images.sh makes one)"
  fi
  build+=(--build-arg "BUILDER_IMAGE=$builder")
  if [ "$engine" = podman ]; then
    # OCI images have no HEALTHCHECK: podman keeps it only in the docker format.
    build+=(--format docker)
    # A local builder reads GitHub package URLs from this machine's mirror (git insteadOf):
    # mount the mirror where the same setting inside the image expects it.
    while read -r _ value; do
      mirror=${value%/}
      case "$mirror" in /*) [ -d "$mirror" ] && build+=(-v "$mirror:$mirror:ro") ;; esac
    done < <(git config --get-regexp '^url\..*\.insteadof$' 2>/dev/null | sed -E 's/^url\.([^ ]*)\.insteadof .*/x \1/' | sort -u)
  fi
  say "building $image with $engine from $builder"
  started=$(date +%s)
  "$engine" "${build[@]}" . >/tmp/qtest-smoke-build.log 2>&1 || { tail -40 /tmp/qtest-smoke-build.log; fail "image build (log: /tmp/qtest-smoke-build.log)"; }
  say "built in $(( $(date +%s) - started )) s"
fi

size=$("$engine" image inspect -f '{{.Size}}' "$image")
say "image $image: $(( size / 1000000 )) MB ($size bytes)"
healthcheck=$("$engine" image inspect -f '{{json .Config.Healthcheck}}' "$image")
case "$healthcheck" in *health*) ;; *) fail "the image has no HEALTHCHECK ($healthcheck)" ;; esac

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { "$engine" rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# podman schedules periodic health checks with systemd timers and complains where there is no
# systemd (a CI container); `podman healthcheck run` below runs the image's check all the same.
# The engine's own messages go to a file, shown when something fails.
engine_log=/tmp/qtest-smoke-engine.log
"$engine" run -d --name "$name" -p "127.0.0.1:$port:8080" "$image" >/dev/null 2>"$engine_log" \
  || { cat "$engine_log"; fail "$engine run"; }
base=http://127.0.0.1:$port

# Healthy: the image's own HEALTHCHECK command passes (docker runs it on its interval; podman
# without systemd runs it on request), and the port answers from outside.
started=$(date +%s)
until
  if [ "$engine" = podman ]; then podman healthcheck run "$name" >/dev/null 2>&1
  else [ "$(docker inspect -f '{{.State.Health.Status}}' "$name")" = healthy ]; fi
do
  [ "$("$engine" inspect -f '{{.State.Running}}' "$name")" = true ] || { "$engine" logs "$name"; fail "the container stopped"; }
  [ $(( $(date +%s) - started )) -lt 60 ] || { "$engine" logs "$name"; fail "not healthy within 60 s"; }
  sleep 0.5
done
say "healthy after $(( $(date +%s) - started )) s: $("$engine" exec "$name" qtest-emulator health)"

project=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v3/projects/108781") || fail "GET /api/v3/projects/108781"
python3 -c 'import json,sys; p=json.loads(sys.argv[1]); assert p["id"] == 108781, p' "$project" || fail "project answer: $project"
say "GET /api/v3/projects/108781: 200, project 108781"

upload='{"test_logs":[{"name":"smoke passes","status":"PASSED","automation_content":"smoke.Container#passes",
  "exe_start_date":"2026-01-05T10:00:00.000Z","exe_end_date":"2026-01-05T10:00:02.000Z"}]}'
job=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$upload" \
  "$base/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation") || fail "the upload was refused"
job_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$job") || fail "upload answer: $job"
state=
for _ in $(seq 1 100); do
  state=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v3/projects/queue-processing/$job_id" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
  [ "$state" = SUCCESS ] || [ "$state" = FAILED ] && break
  sleep 0.1
done
[ "$state" = SUCCESS ] || fail "upload job $job_id ended $state"
say "upload of 1 test log: job $job_id SUCCESS"

started=$(python3 -c 'import time; print(time.time())')
"$engine" stop -t 10 "$name" >/dev/null 2>>"$engine_log" || { cat "$engine_log"; fail "$engine stop"; }
elapsed=$(python3 -c "import time; print(f'{time.time() - $started:.2f}')")
code=$("$engine" inspect -f '{{.State.ExitCode}}' "$name")
"$engine" logs "$name" 2>&1 | tail -1 | sed 's/^/smoke-test: last log line: /'
[ "$code" = 0 ] || fail "exit status $code after stop"
python3 -c "import sys; sys.exit(0 if $elapsed < 2 else 1)" || fail "stop took $elapsed s (SIGTERM not honoured?)"
# When the process itself ended (the rest of the stop is the engine's own clean-up).
finished=$("$engine" inspect -f '{{.State.FinishedAt}}' "$name")
exited=$(python3 - "$started" "$finished" <<'PY'
import datetime, re, sys
started, text = float(sys.argv[1]), sys.argv[2]
# docker: 2026-01-05T10:00:01.123456789Z; podman: 2026-01-05 10:00:01.123456789 +0000 UTC
m = re.match(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?", text)
when = datetime.datetime.fromisoformat(f"{m[1]}T{m[2]}+00:00").timestamp() + float("0." + (m[3] or "0"))
print(f"{when - started:.2f}")
PY
) || exited="?"
say "stopped in $elapsed s (the process exited $exited s after SIGTERM), exit status 0"
say "passed"
