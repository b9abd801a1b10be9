#!/usr/bin/env bash
# Coverage-guided fuzzing of the HTTP/1.1 request parser with libFuzzer.
#
#   scripts/fuzz-http-parser.sh             # 10 million executions
#   scripts/fuzz-http-parser.sh 500000      # N executions
#   FUZZ_ARGS='-jobs=2' scripts/fuzz-http-parser.sh   # extra libFuzzer flags
#
# The target (scripts/fuzz/, a package of its own so `swift build` / `swift test` never build
# it) feeds each input to the parser whole, in random pieces and byte by byte, and crashes on a
# trap, on outcomes that depend on the split, or on buffering beyond the limits; it also runs
# routing, screens and response serialization on what was parsed. See
# scripts/fuzz/Sources/FuzzHTTPParser/ParserDifferential.swift.
#
# Everything it writes is under .build-fuzz/ (gitignored): the build, the corpus grown from
# scripts/fuzz/seeds/http-parser (reused by the next run), the full libFuzzer log, and on a
# finding a reproducer .build-fuzz/crash-* (or timeout-*), replayed with
#   .build-fuzz/release/FuzzHTTPParser .build-fuzz/crash-<hash>
# Exit status: 0 when no crash was found, 1 on a finding, 2 on a setup failure.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "fuzz-http-parser: $*" >&2; exit 2; }

RUNS="${1:-10000000}"
[[ "$RUNS" =~ ^[0-9]+$ ]] || die "the argument is a number of executions, got '$RUNS'"
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="$PATH:/opt/swift/usr/bin"
fi

SCRATCH=.build-fuzz
# lld: gold fails on the sanitizer runtime's debug info ("internal error in format_file_lineno").
swift build -c release --package-path scripts/fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld --product FuzzHTTPParser >&2 || die "build failed"
BIN="$SCRATCH/release/FuzzHTTPParser"
CORPUS="$SCRATCH/corpus/http-parser"
LOG="$SCRATCH/fuzz-http-parser.log"
mkdir -p "$CORPUS"

started=$(date +%s.%N)
status=0
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
"$BIN" -runs="$RUNS" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -dict=scripts/fuzz/seeds/http-parser.dict -artifact_prefix="$SCRATCH/" ${FUZZ_ARGS:-} \
    "$CORPUS" scripts/fuzz/seeds/http-parser >"$LOG" 2>&1 || status=$?
finished=$(date +%s.%N)

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
seconds=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')
rate=$(awk -v n="${executions:-0}" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
coverage=$(grep -oE 'cov: [0-9]+' "$LOG" | tail -1 || true)
corpus=$(grep -oE 'corp: [0-9]+' "$LOG" | tail -1 | grep -oE '[0-9]+' || true)
echo "fuzz-http-parser: ${executions:-?} executions in ${seconds} s (${rate}/s), ${coverage:-cov: ?} edges, corpus ${corpus:-?} inputs"
if [[ $status -ne 0 ]]; then
    echo "fuzz-http-parser: FINDING (libFuzzer exit $status); log: $LOG" >&2
    grep -E 'Fatal error|ERROR|SUMMARY|Test unit written|crash-|timeout-' "$LOG" | head -20 >&2 || true
    exit 1
fi
echo "fuzz-http-parser: no crash found"
