#!/usr/bin/env bash
# Benchmarks the emulator's HTTP server against nginx (1 worker) on loopback.
#
# Measures: exec → first 200 of GET /__emulator/health, idle RSS, and
# `wrk -t2 -c50 -d10s --latency` throughput/p99 for both servers.
# Targets: req/s ratio (emulator/nginx) >= 0.5, start→first 200 <= 20 ms, idle RSS <= 25 MiB.
#
# Env overrides (for testing the script itself):
#   EMULATOR_BIN=path   use this binary instead of building (.build-release/release/qtest-emulator)
#   WRK_DURATION=10s    wrk duration
# Exit status: 0 when all targets are met, 1 when a target is missed, 2 on setup failure.
set -euo pipefail

cd "$(dirname "$0")/.."
WRK_DURATION="${WRK_DURATION:-10s}"
HEALTH_PATH="/__emulator/health"
HEALTH_BODY='{"status":"ok"}'

TMP="$(mktemp -d /tmp/bench-http.XXXXXX)"
EMU_PID=""
NGINX_PID=""
cleanup() {
    for pid in "$EMU_PID" "$NGINX_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench-http: $*" >&2; exit 2; }

# --- tools -------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null && [[ -x "$(command -v nginx)" ]] || need+=(nginx)
if ((${#need[@]})); then
    echo "bench-http: installing ${need[*]}" >&2
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v wrk >/dev/null || die "wrk not available"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx not available"

# --- build -------------------------------------------------------------------
if [[ -z "${EMULATOR_BIN:-}" ]]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-release --product qtest-emulator >&2 || die "release build failed"
    EMULATOR_BIN=".build-release/release/qtest-emulator"
fi
[[ -x "$EMULATOR_BIN" ]] || die "no executable at $EMULATOR_BIN"

# --- helpers -----------------------------------------------------------------
now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }   # bash builtin: no fork, µs resolution

# One HTTP/1.0 GET over bash's /dev/tcp (no process spawn, so timing is not inflated).
# Prints the status code, or nothing when the connection fails.
http_status() {
    local port=$1 path=$2 line=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    IFS= read -r -t 2 line <&3 || true
    exec 3<&- 3>&- || true
    line=${line#* }; echo "${line%% *}"
}

free_port() {
    local p
    for _ in $(seq 200); do
        p=$((20000 + RANDOM % 40000))
        if ! { (exec 3<>"/dev/tcp/127.0.0.1/$p"); } 2>/dev/null; then echo "$p"; return; fi
    done
    die "no free port found"
}

# Runs wrk and prints "<req/s> <p99 ms>".
run_wrk() {
    local url=$1 out
    out="$(wrk -t2 -c50 -d"$WRK_DURATION" --latency "$url")" || die "wrk failed against $url"
    echo "$out" >"$TMP/wrk-$(date +%s%N).txt"
    local rps p99
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$out")"
    local errors
    errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
    [[ -n "$errors" ]] && echo "bench-http: wrk reported: $errors" >&2
    echo "${rps:-0} ${p99:-0}"
}

# --- emulator: start → first 200, idle RSS, throughput -------------------------
# Start → first 200 is timed by python3 (no fork between the timestamps): exec, read the
# listening line, one health request. The median of 11 starts is reported.
start_ms="$(python3 - "$EMULATOR_BIN" "$HEALTH_PATH" <<'PY'
import socket, subprocess, sys, time
binary, path = sys.argv[1], sys.argv[2]
samples = []
for _ in range(11):
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "serve", "--port", "0", "--seed", "none", "--log-level", "error"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    port = int(p.stdout.readline().decode().strip().rsplit(":", 1)[1])
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    ok = s.recv(64).startswith(b"HTTP/1.1 200")
    samples.append((time.perf_counter() - t0) * 1000 if ok else float("inf"))
    s.close(); p.kill(); p.wait()
samples.sort()
print(f"{samples[len(samples) // 2]:.1f}")
PY
)" || die "could not time the emulator's start"

"$EMULATOR_BIN" serve --port 0 --seed none >"$TMP/emu.out" 2>"$TMP/emu.err" &
EMU_PID=$!
port=""
for _ in $(seq 200); do
    if IFS= read -r line <"$TMP/emu.out" && [[ "$line" =~ listening\ on\ http://.*:([0-9]+) ]]; then
        port="${BASH_REMATCH[1]}"; break
    fi
    sleep 0.05
done
[[ -n "$port" ]] || die "emulator did not print its listening line: $(cat "$TMP/emu.err")"
[[ "$(http_status "$port" "$HEALTH_PATH")" == "200" ]] || die "emulator never answered 200 on $HEALTH_PATH"

sleep 0.5
rss_kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$EMU_PID/status")"
rss_mib="$(awk -v k="$rss_kib" 'BEGIN {printf "%.1f", k/1024}')"

read -r emu_rps emu_p99 < <(run_wrk "http://127.0.0.1:$port$HEALTH_PATH")

kill -TERM "$EMU_PID" 2>/dev/null || true
wait "$EMU_PID" 2>/dev/null || true
EMU_PID=""

# --- nginx baseline ------------------------------------------------------------
nport="$(free_port)"
mkdir -p "$TMP/nginx"
printf '%s' "$HEALTH_BODY" >"$TMP/nginx/health.json"
chmod -R a+rX "$TMP"
cat >"$TMP/nginx/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
user root;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nport;
        location = $HEALTH_PATH {
            default_type application/json;
            alias $TMP/nginx/health.json;
        }
    }
}
CONF
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" >/dev/null 2>&1 &
NGINX_PID=$!
deadline=$(( $(now_us) + 5000000 ))
until [[ "$(http_status "$nport" "$HEALTH_PATH")" == "200" ]]; do
    if [[ $(now_us) -gt $deadline ]] || ! kill -0 "$NGINX_PID" 2>/dev/null; then
        cat "$TMP/nginx/error.log" >&2 2>/dev/null || true
        die "nginx did not start"
    fi
    sleep 0.02
done
read -r ngx_rps ngx_p99 < <(run_wrk "http://127.0.0.1:$nport$HEALTH_PATH")
kill -TERM "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=""

# --- report ----------------------------------------------------------------------
ratio="$(awk -v a="$emu_rps" -v b="$ngx_rps" 'BEGIN {printf "%.3f", (b > 0 ? a/b : 0)}')"
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "PASS" : "FAIL"}'; }
r_ok=$(verdict "$ratio" ">=" 0.5)
s_ok=$(verdict "$start_ms" "<=" 20)
m_ok=$(verdict "$rss_mib" "<=" 25)
cat <<REPORT
BENCH-HTTP BEGIN
emulator_req_per_s=$emu_rps
emulator_p99_ms=$emu_p99
nginx_req_per_s=$ngx_rps
nginx_p99_ms=$ngx_p99
ratio=$ratio target>=0.5 $r_ok
start_to_first_200_ms=$start_ms target<=20 $s_ok
idle_rss_mib=$rss_mib target<=25 $m_ok
BENCH-HTTP END
REPORT
[[ "$r_ok$s_ok$m_ok" == "PASSPASSPASS" ]]
