#!/usr/bin/env bash
# Fuzzes the request-body JSON parser with libFuzzer.
#
# Builds scripts/fuzz/json (a separate package whose JSON sources are symlinks to
# Sources/QTestAPI, so the normal `swift build` / `swift test` never see it) with
# `-sanitize=fuzzer,address` into .build-fuzz-json, then runs it on the seed corpus in
# scripts/fuzz/json/corpus plus a working corpus kept in .build-fuzz-json/corpus.
#
# Usage: scripts/fuzz-json-parser.sh [RUNS] [libFuzzer flags…]
#   RUNS defaults to 10000000 executions; e.g. `scripts/fuzz-json-parser.sh 100000` for a smoke run,
#   `scripts/fuzz-json-parser.sh -1 -max_total_time=600` for ten minutes.
# A crash (a trap in the parser, or a broken round-trip property in FuzzEntry.swift) stops the
# run with a non-zero status and leaves the input in .build-fuzz-json/artifacts/; replay it with
#   .build-fuzz-json/release/JSONParserFuzz .build-fuzz-json/artifacts/crash-…
#
# Needs a swift.org toolchain (Xcode's has no libFuzzer runtime).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package="$root/scripts/fuzz/json"
scratch="$root/.build-fuzz-json"
runs="${1:-10000000}"
[ $# -gt 0 ] && shift

swift build --package-path "$package" --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g

mkdir -p "$scratch/corpus" "$scratch/artifacts"
# -timeout: an input taking seconds means non-linear parsing crept back in.
exec "$scratch/release/JSONParserFuzz" \
    -runs="$runs" \
    -max_len=4096 \
    -timeout=5 \
    -dict="$package/json.dict" \
    -artifact_prefix="$scratch/artifacts/" \
    -print_final_stats=1 \
    "$@" \
    "$scratch/corpus" "$package/corpus"
